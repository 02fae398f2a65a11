package docx

import (
	"archive/zip"
	"bytes"
	"errors"
	"os"
	"strings"
	"testing"

	"planview/formats/internal/plantext"
)

const wns = `xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" ` +
	`xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" ` +
	`xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" ` +
	`xmlns:v="urn:schemas-microsoft-com:vml" ` +
	`xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" ` +
	`xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"`

// pack makes a .docx of the given parts; document is the body's XML.
func pack(t *testing.T, document string, parts map[string]string) []byte {
	t.Helper()
	var buf bytes.Buffer
	z := zip.NewWriter(&buf)
	files := map[string]string{
		"[Content_Types].xml": `<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
			`<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`,
		"_rels/.rels": `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
			`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`,
		"word/document.xml": `<?xml version="1.0" encoding="UTF-8"?><w:document ` + wns + `><w:body>` + document + `</w:body></w:document>`,
	}
	for k, v := range parts {
		files[k] = v
	}
	for _, name := range []string{"[Content_Types].xml", "_rels/.rels", "word/document.xml", "word/styles.xml", "word/numbering.xml", "word/footnotes.xml", "word/comments.xml"} {
		v, ok := files[name]
		if !ok {
			continue
		}
		w, err := z.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(v))
	}
	if err := z.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func convert(t *testing.T, data []byte) string {
	t.Helper()
	out, err := readText("test.docx", data)
	if err != nil {
		t.Fatal(err)
	}
	return string(out)
}

func p(text string) string {
	return `<w:p><w:r><w:t xml:space="preserve">` + text + `</w:t></w:r></w:p>`
}

// Headings numbered through their styles (Heading 1…4 linked to one
// multilevel list) and a list numbered on the paragraph: the numbers Word
// draws are written out, counted in document order.
func TestNumbering(t *testing.T) {
	styles := `<?xml version="1.0"?><w:styles ` + wns + `>` +
		`<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>` +
		`<w:style w:type="paragraph" w:styleId="Heading1"><w:basedOn w:val="Normal"/><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr><w:outlineLvl w:val="0"/></w:pPr></w:style>` +
		`<w:style w:type="paragraph" w:styleId="Heading2"><w:basedOn w:val="Normal"/><w:pPr><w:numPr><w:ilvl w:val="1"/><w:numId w:val="1"/></w:numPr></w:pPr></w:style>` +
		`<w:style w:type="paragraph" w:styleId="Heading3"><w:basedOn w:val="Heading2"/><w:pPr><w:numPr><w:ilvl w:val="2"/></w:numPr></w:pPr></w:style>` +
		`<w:style w:type="paragraph" w:styleId="Heading4"><w:basedOn w:val="Normal"/><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>` +
		`</w:styles>`
	lvl := func(il int, f, text, suff, extra string) string {
		return `<w:lvl w:ilvl="` + string(rune('0'+il)) + `"><w:start w:val="1"/><w:numFmt w:val="` + f + `"/>` + extra +
			`<w:lvlText w:val="` + text + `"/><w:suff w:val="` + suff + `"/></w:lvl>`
	}
	numbering := `<?xml version="1.0"?><w:numbering ` + wns + `>` +
		`<w:abstractNum w:abstractNumId="10">` +
		lvl(0, "chineseCounting", "第%1章", "space", `<w:pStyle w:val="Heading1"/>`) +
		lvl(1, "chineseCounting", "%2、", "nothing", "") +
		lvl(2, "chineseCounting", "（%3）", "nothing", "") +
		lvl(3, "decimal", "%4.", "nothing", `<w:pStyle w:val="Heading4"/>`) +
		lvl(4, "decimal", "%1.%5", "space", `<w:isLgl/>`) +
		`</w:abstractNum>` +
		`<w:abstractNum w:abstractNumId="20">` + lvl(0, "decimalEnclosedParen", "%1", "nothing", "") + `</w:abstractNum>` +
		`<w:num w:numId="1"><w:abstractNumId w:val="10"/></w:num>` +
		`<w:num w:numId="2"><w:abstractNumId w:val="20"/></w:num>` +
		`<w:num w:numId="3"><w:abstractNumId w:val="20"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>` +
		`</w:numbering>`
	h := func(style, text string) string {
		return `<w:p><w:pPr><w:pStyle w:val="` + style + `"/></w:pPr><w:r><w:t>` + text + `</w:t></w:r></w:p>`
	}
	item := func(numID, text string) string {
		return `<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="` + numID + `"/></w:numPr></w:pPr><w:r><w:t>` + text + `</w:t></w:r></w:p>`
	}
	var body strings.Builder
	body.WriteString(p("青山县民政事业发展规划"))
	body.WriteString(h("Heading1", "总体要求"))
	body.WriteString(h("Heading2", "指导思想"))
	body.WriteString(h("Heading3", "坚持党的领导"))
	body.WriteString(h("Heading4", "加强组织"))
	body.WriteString(h("Heading4", "完善制度"))
	body.WriteString(h("Heading3", "坚持以人民为中心"))
	body.WriteString(item("2", "完成198个行政村建设；"))
	body.WriteString(item("2", "完成73个社区建设。"))
	body.WriteString(item("3", "restarted by its own list"))
	body.WriteString(h("Heading2", "发展目标"))
	body.WriteString(`<w:p><w:pPr><w:numPr><w:ilvl w:val="4"/><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t>legal</w:t></w:r></w:p>`)
	for i := 0; i < 10; i++ {
		body.WriteString(h("Heading1", "章"))
	}
	got := convert(t, pack(t, body.String(), map[string]string{"word/styles.xml": styles, "word/numbering.xml": numbering}))
	want := []string{
		"青山县民政事业发展规划",
		"# 第一章 总体要求", // Heading1 sets outline level 0: a heading of level 1
		"一、指导思想",
		"（一）坚持党的领导",
		"1.加强组织",
		"2.完善制度",
		"（二）坚持以人民为中心",
		"⑴完成198个行政村建设；",
		"⑵完成73个社区建设。",
		"⑴restarted by its own list",
		"二、发展目标",
		"1.1 legal",
		"# 第二章 章", "# 第三章 章", "# 第四章 章", "# 第五章 章", "# 第六章 章", "# 第七章 章", "# 第八章 章", "# 第九章 章", "# 第十章 章", "# 第十一章 章",
	}
	if got != strings.Join(want, "\n")+"\n" {
		t.Errorf("got\n%s\nwant\n%s", got, strings.Join(want, "\n"))
	}
}

// Tracked changes are read accepted: insertions kept, deletions dropped (a
// deleted row, a deleted paragraph mark joining two paragraphs); comments
// and hidden text are no text.
func TestTrackedChangesAndComments(t *testing.T) {
	body := `<w:p><w:r><w:t>到2025年，</w:t></w:r>` +
		`<w:ins w:id="1" w:author="a"><w:r><w:t>养老机构</w:t></w:r></w:ins>` +
		`<w:del w:id="2" w:author="a"><w:r><w:delText>全市</w:delText></w:r></w:del>` +
		`<w:commentRangeStart w:id="0"/><w:r><w:t>护理型床位占比达到55%</w:t></w:r><w:commentRangeEnd w:id="0"/>` +
		`<w:r><w:commentReference w:id="0"/></w:r>` +
		`<w:moveFrom w:id="3" w:author="a"><w:r><w:t>（旧位置）</w:t></w:r></w:moveFrom>` +
		`<w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏</w:t></w:r>` +
		`<w:r><w:t>以上。</w:t></w:r></w:p>` +
		`<w:p><w:pPr><w:rPr><w:del w:id="4" w:author="a"/></w:rPr></w:pPr><w:r><w:t>被删段落标记的前半，</w:t></w:r></w:p>` +
		`<w:p><w:r><w:t>与后半连成一段。</w:t></w:r></w:p>` +
		`<w:del w:id="5" w:author="a"><w:p><w:r><w:delText>整段删除</w:delText></w:r></w:p></w:del>` +
		`<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/><w:gridCol/></w:tblGrid>` +
		`<w:tr><w:tc><w:p><w:r><w:t>序号</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>指标</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>2025年</w:t></w:r></w:p></w:tc></w:tr>` +
		`<w:tr><w:trPr><w:del w:id="6" w:author="a"/></w:trPr><w:tc><w:p><w:r><w:t>0</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>删去的行</w:t></w:r></w:p></w:tc><w:tc><w:p/></w:tc></w:tr>` +
		`<w:tr><w:tc><w:p><w:r><w:t>1</w:t></w:r></w:p></w:tc><w:tc><w:p><w:ins w:id="7" w:author="a"><w:r><w:t>城乡低保标准</w:t></w:r></w:ins></w:p></w:tc><w:tc><w:p><w:r><w:t>≥780</w:t></w:r></w:p></w:tc></w:tr>` +
		`</w:tbl>`
	comments := `<?xml version="1.0"?><w:comments ` + wns + `><w:comment w:id="0"><w:p><w:r><w:t>批注不是正文</w:t></w:r></w:p></w:comment></w:comments>`
	got := convert(t, pack(t, body, map[string]string{"word/comments.xml": comments}))
	want := "到2025年，养老机构护理型床位占比达到55%以上。\n" +
		"被删段落标记的前半，与后半连成一段。\n" +
		"\t序号\n\t指标\n\t2025年\n\n" +
		"\t1\n\t城乡低保标准\n\t≥780\n"
	if got != want {
		t.Errorf("got\n%q\nwant\n%q", got, want)
	}
}

// Merged cells: a gridSpan is the cell and covered cells after it, a
// vMerge continuation a covered cell; gridBefore leaves empty cells; a
// cell's paragraphs are its lines; a footnote referenced in a cell is a
// note under the table.
func TestTables(t *testing.T) {
	tc := func(props, text string) string {
		paras := ""
		for _, l := range strings.Split(text, "|") {
			paras += p(l)
		}
		if text == "" {
			paras = "<w:p/>"
		}
		return `<w:tc><w:tcPr>` + props + `</w:tcPr>` + paras + `</w:tc>`
	}
	body := `<w:tbl>` +
		`<w:tr>` + tc(`<w:gridSpan w:val="2"/>`, "指标") + tc("", "2025年") + tc("", "属性") + `</w:tr>` +
		`<w:tr>` + tc("", "1") + tc("", "养老机构护理型|床位占比（%）") + tc("", "≥55") + tc(`<w:vMerge w:val="restart"/>`, "约束性") + `</w:tr>` +
		`<w:tr><w:trPr><w:gridBefore w:val="1"/></w:trPr>` + tc("", "每千名老年人口养老床位数<w:r><w:footnoteReference w:id=\"3\"/></w:r>") + tc("", "35") + tc(`<w:vMerge/>`, "") + `</w:tr>` +
		`</w:tbl>`
	body = strings.Replace(body, `<w:t xml:space="preserve">每千名老年人口养老床位数<w:r><w:footnoteReference w:id="3"/></w:r></w:t></w:r>`,
		`<w:t>每千名老年人口养老床位数</w:t></w:r><w:r><w:footnoteReference w:id="3"/></w:r>`, 1)
	notes := `<?xml version="1.0"?><w:footnotes ` + wns + `>` +
		`<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>` +
		`<w:footnote w:id="3"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> 按常住人口计算。</w:t></w:r></w:p></w:footnote></w:footnotes>`
	got := convert(t, pack(t, body, map[string]string{"word/footnotes.xml": notes}))
	want := "\t指标\n\t\n\t2025年\n\t属性\n\n" +
		"\t1\n\t养老机构护理型\n床位占比（%）\n\t≥55\n\t约束性\n\n" +
		"\t\n\t每千名老年人口养老床位数\n\t35\n\t\n\n" +
		"注：按常住人口计算。\n"
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

// A 专栏 drawn as a one-cell table, and one in a text box that Word stores
// twice (a DrawingML shape and its VML fallback): each is its content once,
// ended by the gap that closes a box.
func TestBoxes(t *testing.T) {
	box := `<w:tbl><w:tr><w:tc>` + p("专栏1 养老服务能力提升工程") + p("1.敬老院改造提升：改造乡镇敬老院8所。") + `</w:tc></w:tr></w:tbl>`
	txbx := `<w:txbxContent>` + p("专栏2 社会救助能力提升工程") + p("1.救助信息平台建设。") + `</w:txbxContent>`
	shape := `<w:p><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor><a:graphic><a:graphicData><wps:wsp><wps:txbx>` +
		txbx + `</wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>` +
		`<mc:Fallback><w:pict><v:shape><v:textbox>` + txbx + `</v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>`
	got := convert(t, pack(t, p("前文。")+box+p("中间一段。")+shape+p("后文。"), nil))
	want := "前文。\n专栏1 养老服务能力提升工程\n1.敬老院改造提升：改造乡镇敬老院8所。\n\n\n" +
		"中间一段。\n专栏2 社会救助能力提升工程\n1.救助信息平台建设。\n\n\n后文。\n"
	if got != want {
		t.Errorf("got\n%q\nwant\n%q", got, want)
	}
}

// A damaged archive, a file that is no archive, a password-protected
// document, an archive without a document, malformed XML: each an error
// naming the file (and the part and paragraph where they apply).
func TestErrors(t *testing.T) {
	good := pack(t, p("一段。")+p("二段。")+p("三段。"), nil)
	bad := pack(t, p("一段。")+p("二段。")+`<w:p><w:r><w:t>坏</w:r></w:p>`, nil)
	ole := append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, utf16("EncryptedPackage")...)
	var empty bytes.Buffer
	z := zip.NewWriter(&empty)
	w, _ := z.Create("hello.txt")
	w.Write([]byte("hi"))
	z.Close()
	for _, c := range []struct {
		name string
		data []byte
		is   error
		text string
	}{
		{"truncated", good[:len(good)/2], plantext.ErrDamaged, "cut.docx: damaged file: zip: not a valid zip file"},
		{"not a zip", []byte("plain text, not a document"), plantext.ErrDamaged, "cut.docx: damaged file"},
		{"encrypted", ole, plantext.ErrEncrypted, "cut.docx: encrypted"},
		{"no document", empty.Bytes(), plantext.ErrDamaged, "no word/document.xml"},
		{"bad xml", bad, plantext.ErrDamaged, "cut.docx: word/document.xml: paragraph 3: damaged file: XML syntax error"},
	} {
		_, err := readText("cut.docx", c.data)
		var e *plantext.Error
		if !errors.As(err, &e) || e.File != "cut.docx" || !errors.Is(err, c.is) || !strings.Contains(err.Error(), c.text) {
			t.Errorf("%s: got %v, want an *Error for cut.docx, %v, containing %q", c.name, err, c.is, c.text)
		}
	}
}

// The fixtures' .docx files, as LibreOffice wrote them, convert with their
// automatic chapter numbers (the text has none: LibreOffice's numbering
// draws them), each heading marked with its style's level.
func TestFixtureNumbers(t *testing.T) {
	data, err := os.ReadFile("../../testdata/formats/qingshan.docx")
	if err != nil {
		t.Fatal(err)
	}
	got := convert(t, data)
	for _, line := range []string{"# 第一章 发展基础", "## 一、“十三五”时期发展成就", "### （二）养老服务体系初步形成", "#### 2.社区居家养老稳步推进", "# 第四章 保障措施"} {
		if !strings.Contains(got, "\n"+line+"\n") {
			t.Errorf("no line %q in\n%s", line, got)
		}
	}
}

// Paragraphs styled as headings with no number (a style named "heading N",
// an outline level on the style or on the paragraph) are written with
// Markdown's marks, which the loader reads as headings at those levels;
// outline level 9 is body text, and headings in a table cell or a text box
// are not marked (a heading would end the box).
func TestHeadingLevels(t *testing.T) {
	styles := `<?xml version="1.0"?><w:styles ` + wns + `>` +
		`<w:style w:type="paragraph" w:default="1" w:styleId="a"><w:name w:val="Normal"/></w:style>` +
		`<w:style w:type="paragraph" w:styleId="1"><w:name w:val="heading 1"/><w:basedOn w:val="a"/></w:style>` +
		`<w:style w:type="paragraph" w:styleId="20"><w:name w:val="标题 二"/><w:basedOn w:val="a"/><w:pPr><w:outlineLvl w:val="1"/></w:pPr></w:style>` +
		`<w:style w:type="paragraph" w:styleId="21"><w:name w:val="my heading"/><w:basedOn w:val="20"/></w:style>` +
		`<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="a"/></w:style>` +
		`</w:styles>`
	h := func(style, text string) string {
		return `<w:p><w:pPr><w:pStyle w:val="` + style + `"/></w:pPr><w:r><w:t>` + text + `</w:t></w:r></w:p>`
	}
	own := func(level, text string) string {
		return `<w:p><w:pPr><w:outlineLvl w:val="` + level + `"/></w:pPr><w:r><w:t>` + text + `</w:t></w:r></w:p>`
	}
	var body strings.Builder
	body.WriteString(h("Title", "青山县养老服务体系建设规划"))
	body.WriteString(h("1", "发展基础"))
	body.WriteString(h("20", "主要成就"))
	body.WriteString(p("新增养老床位3200张。"))
	body.WriteString(h("21", "面临形势"))
	body.WriteString(own("2", "人口老龄化"))
	body.WriteString(`<w:p><w:pPr><w:pStyle w:val="1"/><w:outlineLvl w:val="9"/></w:pPr><w:r><w:t>正文段落</w:t></w:r></w:p>`)
	body.WriteString(`<w:tbl><w:tr><w:tc>` + h("1", "单元格标题") + `</w:tc><w:tc>` + p("值") + `</w:tc></w:tr></w:tbl>`)
	body.WriteString(`<w:p><w:r><w:drawing><wps:txbx><w:txbxContent>` + h("1", "专栏1 养老服务工程") + p("1.新建中心。") + `</w:txbxContent></wps:txbx></w:drawing></w:r></w:p>`)
	body.WriteString(own("7", "第八级"))
	got := convert(t, pack(t, body.String(), map[string]string{"word/styles.xml": styles}))
	want := []string{
		"青山县养老服务体系建设规划",
		"# 发展基础",
		"## 主要成就",
		"新增养老床位3200张。",
		"## 面临形势", // basedOn a level-2 style
		"### 人口老龄化",
		"正文段落",
		"\t单元格标题", "\t值", "",
		"专栏1 养老服务工程",
		"1.新建中心。",
		"", "",
		"第八级", // deeper than Markdown's six levels
	}
	if got != strings.Join(want, "\n")+"\n" {
		t.Errorf("got\n%q\nwant\n%q", got, strings.Join(want, "\n")+"\n")
	}
}

// Paragraph properties of every kind that matter: a style among layout
// properties, an outline level overriding the style's, a tracked change's
// old style (ignored), a deleted paragraph mark, a number turned off,
// another prefix, single quotes.
func TestParagraphProps(t *testing.T) {
	styles := `<?xml version="1.0"?><w:styles ` + wns + `>` +
		`<w:style w:type="paragraph" w:styleId="H"><w:name w:val="heading 1"/></w:style></w:styles>`
	pp := func(props, text string) string {
		return `<w:p><w:pPr>` + props + `</w:pPr><w:r><w:t>` + text + `</w:t></w:r></w:p>`
	}
	body := pp(`<w:pStyle w:val="H"/><w:spacing w:before="0"/>`, "总体要求") +
		pp(`<w:spacing w:before="0"/><w:pStyle w:val="H"/><w:jc w:val="left"/>`, "主要任务") +
		pp(`<w:jc w:val="left"/>`, "正文") +
		pp(`<w:pStyle w:val="H"/><w:outlineLvl w:val="9"/>`, "不是标题") +
		pp(`<w:outlineLvl w:val="1"/>`, "二级") +
		pp(`<w:pStyle w:val="H"/><w:pPrChange><w:pPr><w:pStyle w:val="Normal"/></w:pPr></w:pPrChange>`, "改过样式") +
		pp(`<w:rPr><w:del w:id="1"/></w:rPr>`, "删去段落标记") + pp(``, "接上") +
		pp(`<w:numPr><w:ilvl w:val="0"/><w:numId w:val="0"/></w:numPr>`, "无编号") +
		`<x:p xmlns:x="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><x:pPr><x:pStyle x:val="H"/></x:pPr><x:r><x:t>另一前缀</x:t></x:r></x:p>` +
		pp(`<w:pStyle  w:val = 'H' />`, "单引号")
	got := convert(t, pack(t, body, map[string]string{"word/styles.xml": styles}))
	want := "# 总体要求\n# 主要任务\n正文\n不是标题\n## 二级\n# 改过样式\n删去段落标记接上\n无编号\n# 另一前缀\n# 单引号\n"
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}
