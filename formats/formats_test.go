package formats_test

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"planview/formats"
	"planview/formats/pdf"
	"planview/indicator"
	goldenfile "planview/internal/golden"
	"planview/loader"
	"planview/model"
)

// The fixtures: each plan written once (scripts/make-format-fixtures.sh) as
// .txt and converted by LibreOffice into .docx, .html and .pdf. The same
// plan in the four formats must load into the same outline, tables, boxes,
// text and indicators: one golden file per plan, shared by its formats
// (`go test ./formats -run TestSamePlan -update` rewrites it from the .txt).
const fixtures = "../testdata/formats"

var plans = []string{"qingshan", "baishui"}

var allFormats = []string{".txt", ".docx", ".html", ".pdf"}

// load parses a fixture the way the loader will: .txt as it is, any other
// format through Convert.
func load(t *testing.T, name string) *model.Plan {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(fixtures, name))
	if err != nil {
		t.Fatal(err)
	}
	if formats.Supported(name) {
		data, err = formats.Convert(name, data)
		if err != nil {
			t.Fatalf("Convert: %v", err)
		}
	}
	p, err := loader.Parse(name, bytes.NewReader(data))
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	return p
}

// summary is what must agree across formats: title, region, the outline,
// each section's blocks (paragraph and list item text, tables cell by cell,
// boxes with their content) and the indicators. Source lines are left out:
// they number the lines of each format's text.
func summary(p *model.Plan) string {
	var b strings.Builder
	fmt.Fprintf(&b, "title: %s\nregion: %s\n", p.Title, p.Region)
	var blocks func(ind string, bs []model.Block)
	blocks = func(ind string, bs []model.Block) {
		for _, bl := range bs {
			switch bl.Kind {
			case model.TableBlock:
				t := bl.Table
				fmt.Fprintf(&b, "%stable: %s\n", ind, t.Caption)
				for _, r := range t.Header {
					fmt.Fprintf(&b, "%s  H: %s\n", ind, rowText(r))
				}
				for _, r := range t.Rows {
					fmt.Fprintf(&b, "%s  R: %s\n", ind, rowText(r))
				}
				for _, n := range t.Notes {
					fmt.Fprintf(&b, "%s  N: %s\n", ind, n)
				}
			case model.BoxBlock:
				fmt.Fprintf(&b, "%sbox: %s\n", ind, bl.Text)
				blocks(ind+"  ", bl.Children)
			default:
				fmt.Fprintf(&b, "%s%s: %s\n", ind, bl.Kind, bl.Text)
			}
		}
	}
	blocks("", p.Preamble)
	p.Walk(func(s *model.Section) {
		ind := strings.Repeat("  ", s.Level-1)
		fmt.Fprintf(&b, "%s%s %s %s | %s\n", ind, s.Path, s.Kind, s.Number, s.Title)
		blocks(ind+"  . ", s.Blocks)
	})
	b.WriteString("indicators:\n")
	for _, x := range indicator.Extract(p) {
		fmt.Fprintf(&b, "  %s %d %s | unit %s | base %s | target %s | %s | %s | %s\n",
			x.From, x.Year, x.Name, x.Unit, x.Base, x.Target, x.Attribute, x.Category, x.Table)
	}
	return b.String()
}

// rowText is a row's cells, each cell's lines joined (a PDF wraps a cell
// where its column is narrow, a Word file where the author pressed enter:
// the text is the same, the line breaks are not).
func rowText(r model.Row) string {
	parts := make([]string, len(r.Cells))
	for i, c := range r.Cells {
		parts[i] = c.Text()
	}
	return strings.Join(parts, " | ")
}

// TestSamePlan loads each fixture plan in every format and compares the
// summary with the plan's golden file, written from the .txt.
func TestSamePlan(t *testing.T) {
	for _, plan := range plans {
		golden := filepath.Join(fixtures, "golden", plan+".golden")
		for _, ext := range allFormats {
			t.Run(plan+ext, func(t *testing.T) {
				got := summary(load(t, plan+ext))
				if ext == ".txt" {
					goldenfile.Check(t, golden, got)
					return
				}
				want, err := os.ReadFile(golden)
				if err != nil {
					t.Fatal(err)
				}
				if d := diffLines(string(want), got); d != "" {
					t.Errorf("%s%s differs from %s (- golden, + %s):\n%s", plan, ext, golden, ext, d)
				}
			})
		}
	}
}

// diffLines is a line diff, good enough to read: the lines of want missing
// from got and those of got not in want, in order.
func diffLines(want, got string) string {
	if want == got {
		return ""
	}
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	// Longest common subsequence.
	n, m := len(w), len(g)
	lcs := make([][]int, n+1)
	for i := range lcs {
		lcs[i] = make([]int, m+1)
	}
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			if w[i] == g[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	var b strings.Builder
	i, j := 0, 0
	for i < n || j < m {
		switch {
		case i < n && j < m && w[i] == g[j]:
			i++
			j++
		case j < m && (i == n || lcs[i][j+1] >= lcs[i+1][j]):
			fmt.Fprintf(&b, "+ %s\n", g[j])
			j++
		default:
			fmt.Fprintf(&b, "- %s\n", w[i])
			i++
		}
	}
	return b.String()
}

// Converting .docx and .html files never starts the PDF engine; the first
// PDF does. Run in a child process, so that no other test has started the
// engine before.
func TestEngineOnlyForPDF(t *testing.T) {
	if os.Getenv("PLANVIEW_FORMATS_CHILD") == "1" {
		for _, plan := range plans {
			for _, ext := range []string{".docx", ".html"} {
				load(t, plan+ext)
			}
		}
		fmt.Printf("after docx and html: %v\n", pdf.EngineStarted())
		load(t, plans[0]+".pdf")
		fmt.Printf("after pdf: %v\n", pdf.EngineStarted())
		return
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestEngineOnlyForPDF$", "-test.count=1")
	cmd.Env = append(os.Environ(), "PLANVIEW_FORMATS_CHILD=1")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if !strings.Contains(string(out), "after docx and html: false\n") || !strings.Contains(string(out), "after pdf: true\n") {
		t.Errorf("the engine started for docx or html, or not for pdf:\n%s", out)
	}
}

// One damaged file is that file's error, naming it; the files after it
// convert.
func TestErrors(t *testing.T) {
	read := func(name string) []byte {
		b, err := os.ReadFile(filepath.Join(fixtures, name))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	docx, pdfData := read("qingshan.docx"), read("qingshan.pdf")
	for _, c := range []struct {
		name string
		data []byte
		is   error
	}{
		{"damaged.docx", docx[:len(docx)-100], formats.ErrDamaged},
		{"cut.pdf", pdfData[:len(pdfData)/3], formats.ErrDamaged},
		{"empty.html", []byte("<html><body></body></html>"), formats.ErrNoText},
		{"plan.doc", []byte("old Word"), formats.ErrUnsupported},
	} {
		_, err := formats.Convert(c.name, c.data)
		var e *formats.Error
		if !errors.As(err, &e) || e.File != c.name || !errors.Is(err, c.is) || !strings.HasPrefix(err.Error(), c.name+": ") {
			t.Errorf("%s: got %v, want %v naming the file", c.name, err, c.is)
		}
	}
	for _, name := range []string{"qingshan.docx", "qingshan.pdf"} {
		if _, err := formats.Convert(name, read(name)); err != nil {
			t.Errorf("%s after the damaged files: %v", name, err)
		}
	}
}

// A page in GBK (declared GB2312, the fixture's portal dressing) reads as
// the same text as its UTF-8 sibling formats: TestSamePlan checks the
// whole plan; here, that the bytes are GBK indeed.
func TestGBKPage(t *testing.T) {
	b, err := os.ReadFile(filepath.Join(fixtures, "baishui.html"))
	if err != nil {
		t.Fatal(err)
	}
	if utf8.Valid(b) || !bytes.Contains(b, []byte("charset=gb2312")) {
		t.Fatal("baishui.html is no longer a GB2312 page")
	}
	out, err := formats.Convert("baishui.html", b)
	if err != nil || !bytes.Contains(out, []byte("白水市民政事业发展“十四五”规划\n# 第一章总体要求\n")) {
		t.Errorf("got %v:\n%s", err, out)
	}
}

func TestSupported(t *testing.T) {
	for name, want := range map[string]bool{"a.docx": true, "B.HTML": true, "c.htm": true, "d.Pdf": true, "e.txt": false, "f.doc": false, "g": false} {
		if got := formats.Supported(name); got != want {
			t.Errorf("Supported(%q) = %v", name, got)
		}
	}
}

// A plan whose headings carry no numbers above numbered ones, as a Word
// file (heading styles) and a web page (<h1>–<h3>), loads with the outline
// the styles give: the title apart, then 发展基础 and 主要任务 at the top
// with their sub-headings under them.
func TestUnnumberedHeadings(t *testing.T) {
	paras := []struct {
		level int
		text  string
	}{
		{1, "青山县养老服务体系建设规划"},
		{2, "发展基础"},
		{3, "主要成就"},
		{0, "全县新增养老床位3200张。"},
		{3, "面临形势"},
		{0, "失能老年人照护需求快速增长。"},
		{2, "主要任务"},
		{3, "一、完善养老服务网络"},
		{0, "每个乡镇建成1个区域养老服务中心。"},
		{3, "二、发展农村互助养老"},
		{0, "到2025年，农村互助养老服务设施覆盖率达到60%。"},
	}
	var doc, page strings.Builder
	for _, p := range paras {
		style := ""
		if p.level > 0 {
			style = fmt.Sprintf(`<w:pPr><w:pStyle w:val="H%d"/></w:pPr>`, p.level)
			fmt.Fprintf(&page, "<h%d>%s</h%d>\n", p.level, p.text, p.level)
		} else {
			fmt.Fprintf(&page, "<p>%s</p>\n", p.text)
		}
		fmt.Fprintf(&doc, `<w:p>%s<w:r><w:t>%s</w:t></w:r></w:p>`, style, p.text)
	}
	const w = `xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"`
	styles := `<?xml version="1.0"?><w:styles ` + w + `>` +
		`<w:style w:type="paragraph" w:styleId="H1"><w:name w:val="heading 1"/></w:style>` +
		`<w:style w:type="paragraph" w:styleId="H2"><w:name w:val="heading 2"/></w:style>` +
		`<w:style w:type="paragraph" w:styleId="H3"><w:name w:val="heading 3"/></w:style></w:styles>`
	var zbuf bytes.Buffer
	z := zip.NewWriter(&zbuf)
	for name, text := range map[string]string{
		"word/document.xml": `<?xml version="1.0"?><w:document ` + w + `><w:body>` + doc.String() + `</w:body></w:document>`,
		"word/styles.xml":   styles,
	} {
		f, err := z.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		f.Write([]byte(text))
	}
	if err := z.Close(); err != nil {
		t.Fatal(err)
	}
	want := "title: 青山县养老服务体系建设规划\n" +
		"1 none 发展基础\n" +
		"2 none 主要成就\n" +
		"2 none 面临形势\n" +
		"1 none 主要任务\n" +
		"2 cn-enum 一、完善养老服务网络\n" +
		"2 cn-enum 二、发展农村互助养老\n"
	for name, data := range map[string][]byte{
		"plan.docx": zbuf.Bytes(),
		"plan.html": []byte("<html><head><meta charset=\"utf-8\"></head><body>\n" + page.String() + "</body></html>"),
	} {
		text, err := formats.Convert(name, data)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		p, err := loader.Parse(name, bytes.NewReader(text))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		got := "title: " + p.Title + "\n"
		p.Walk(func(s *model.Section) {
			got += fmt.Sprintf("%d %s %s\n", s.Level, s.Kind, s.Heading())
		})
		if got != want {
			t.Errorf("%s: outline\n%s\nwant\n%s\ntext:\n%s", name, got, want, text)
		}
	}
}

// A plan set in two columns (columns/qingshan.pdf: qingshan's document with
// its page style in two columns) reads in column order: the same title,
// outline and running text as the plan, each paragraph whole though it runs
// from one column, or page, to the next. Its table, kept in its narrow
// column with every cell wrapped, is not compared: a table without rules
// whose cells wrap to four lines is read as lines (docs/formats.md).
func TestTwoColumnPDF(t *testing.T) {
	b, err := os.ReadFile(filepath.Join(fixtures, "golden", "qingshan.golden"))
	if err != nil {
		t.Fatal(err)
	}
	want, got := string(b), summary(load(t, filepath.Join("columns", "qingshan.pdf")))
	keep := func(s string) []string {
		var out []string
		skip := false
		for _, l := range strings.Split(s, "\n") {
			t := strings.TrimLeft(l, " .")
			switch {
			case strings.HasPrefix(l, "indicators:"):
				return out
			case strings.HasPrefix(t, "2.2 "): // the table's section
				skip = true
				out = append(out, l)
				continue
			case skip && strings.HasPrefix(l, "3 "):
				skip = false
			}
			if !skip {
				out = append(out, l)
			}
		}
		return out
	}
	if w, g := strings.Join(keep(want), "\n"), strings.Join(keep(got), "\n"); w != g {
		t.Errorf("two-column PDF differs from the plan (- plan, + PDF):\n%s", diffLines(w, g))
	}
}
