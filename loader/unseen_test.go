package loader

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"

	"planview/model"
)

// Plans in testdata/unseen were written for these tests, in layouts the
// seeds do not use. The expectations below were written by reading each
// file as a reviewer would, before running the loader on it.

// head is one expected outline entry.
type head struct {
	level  int
	kind   model.HeadingKind
	number string
	title  string
	line   int
}

// loadUnseen runs the whole pipeline on testdata/unseen/name, or on data
// when it is not nil (a re-encoded copy).
func loadUnseen(t *testing.T, name string, data []byte) *model.Plan {
	t.Helper()
	if data == nil {
		var err error
		if data, err = os.ReadFile(filepath.Join("testdata", "unseen", name)); err != nil {
			t.Fatal(err)
		}
	}
	p, err := Parse(name, bytes.NewReader(data))
	if err != nil {
		t.Fatalf("Parse(%s): %v", name, err)
	}
	return p
}

func checkMeta(t *testing.T, p *model.Plan, title, region string) {
	t.Helper()
	if p.Title != title {
		t.Errorf("Title = %q, want %q", p.Title, title)
	}
	if p.Region != region {
		t.Errorf("Region = %q, want %q", p.Region, region)
	}
}

func checkOutline(t *testing.T, p *model.Plan, want []head) {
	t.Helper()
	var got []*model.Section
	p.Walk(func(s *model.Section) { got = append(got, s) })
	for i := 0; i < max(len(got), len(want)); i++ {
		switch {
		case i >= len(got):
			t.Errorf("outline[%d]: missing %s%s", i, want[i].number, want[i].title)
			continue
		case i >= len(want):
			t.Errorf("outline[%d]: extra %q (level %d, line %d)", i, got[i].Heading(), got[i].Level, got[i].Line)
			continue
		}
		g, w := got[i], want[i]
		if g.Synthetic || g.Level != w.level || g.Kind != w.kind || g.Number != w.number || g.Title != w.title || g.Line != w.line {
			t.Errorf("outline[%d] = level %d %v %q %q @%d (synthetic %v), want level %d %v %q %q @%d",
				i, g.Level, g.Kind, g.Number, g.Title, g.Line, g.Synthetic, w.level, w.kind, w.number, w.title, w.line)
		}
	}
}

// sectionByTitle returns the first section titled title.
func sectionByTitle(t *testing.T, p *model.Plan, title string) *model.Section {
	t.Helper()
	var found *model.Section
	p.Walk(func(s *model.Section) {
		if found == nil && s.Title == title {
			found = s
		}
	})
	if found == nil {
		t.Fatalf("no section titled %q", title)
	}
	return found
}

func cellTexts(r model.Row) []string {
	out := make([]string, len(r.Cells))
	for i, c := range r.Cells {
		out[i] = c.Text()
	}
	return out
}

func checkRow(t *testing.T, what string, r model.Row, line int, want ...string) {
	t.Helper()
	got := cellTexts(r)
	if strings.Join(got, "|") != strings.Join(want, "|") || len(got) != len(want) {
		t.Errorf("%s = %q, want %q", what, got, want)
	}
	if r.Line != line {
		t.Errorf("%s line = %d, want %d", what, r.Line, line)
	}
}

// noText fails when any block, cell or heading of p holds one of the strings.
func noText(t *testing.T, p *model.Plan, bad ...string) {
	t.Helper()
	var texts []string
	p.Walk(func(s *model.Section) { texts = append(texts, s.Number+s.Title) })
	for _, b := range allBlocks(p) {
		texts = append(texts, b.Text)
		if b.Table != nil {
			texts = append(texts, b.Table.Caption)
			texts = append(texts, b.Table.Notes...)
			for _, r := range append(append([]model.Row{}, b.Table.Header...), b.Table.Rows...) {
				texts = append(texts, cellTexts(r)...)
			}
		}
	}
	for _, s := range texts {
		for _, x := range bad {
			if strings.Contains(s, x) {
				t.Errorf("text %q holds %q", s, x)
			}
		}
	}
}

// Parts (第一部分) over Arabic chapters (第1章) over 第一节, with full-width
// list numbers (１． and （１）).
func TestUnseenPartsChapters(t *testing.T) {
	p := loadUnseen(t, "parts.txt", nil)
	checkMeta(t, p, "宁远县养老服务体系建设“十四五”规划", "宁远县")
	P, C, S := model.KindPart, model.KindChapter, model.KindSection
	checkOutline(t, p, []head{
		{1, P, "第一部分", "发展基础和形势", 5},
		{2, C, "第1章", "“十三五”时期发展成就", 7},
		{3, S, "第一节", "养老服务设施不断完善", 9},
		{3, S, "第二节", "养老服务质量稳步提升", 13},
		{2, C, "第2章", "面临的形势和挑战", 17},
		{3, S, "第一节", "老龄化程度持续加深", 19},
		{1, P, "第二部分", "主要任务", 23},
		{2, C, "第3章", "健全居家社区养老服务网络", 25},
		{3, S, "第一节", "推进社区养老服务设施建设", 27},
		{3, S, "第二节", "提升居家养老服务能力", 33},
		{2, C, "第4章", "加强养老服务人才队伍建设", 39},
		{3, S, "第一节", "壮大养老护理员队伍", 41},
		{1, P, "第三部分", "保障措施", 45},
		{2, C, "第5章", "强化组织实施", 47},
	})
	if ch, _, tb := p.Counts(); ch != 3 || tb != 0 {
		t.Errorf("Counts: %d top-level, %d tables; want 3, 0", ch, tb)
	}
	// Each list is three items, the short last one included.
	for _, c := range []struct {
		title, first, last string
	}{
		{"推进社区养老服务设施建设", "１．新建城区街道综合养老服务中心", "３．实施特殊困难老年人家庭适老化改造不少于800户。"},
		{"提升居家养老服务能力", "（１）建立居家养老服务清单制度", "（３）开展家庭养老照护培训，每年培训家庭照护者不少于500人次。"},
	} {
		s := sectionByTitle(t, p, c.title)
		if len(s.Blocks) != 3 || len(s.Children) != 0 {
			t.Errorf("%s: %d blocks, %d children; want 3 list items", c.title, len(s.Blocks), len(s.Children))
			continue
		}
		for i, b := range s.Blocks {
			if b.Kind != model.ListItem {
				t.Errorf("%s block %d is %v %q, want a list item", c.title, i, b.Kind, b.Text)
			}
		}
		if !strings.HasPrefix(s.Blocks[0].Text, c.first) || s.Blocks[2].Text != c.last {
			t.Errorf("%s items: %q … %q", c.title, s.Blocks[0].Text, s.Blocks[2].Text)
		}
	}
	if len(p.Preamble) != 2 || !strings.HasPrefix(p.Preamble[1].Text, "为积极应对人口老龄化") {
		t.Errorf("preamble: %+v", p.Preamble)
	}
}

// A Markdown export: '#' marks before headings and a '|' table with a rule.
func TestUnseenMarkdown(t *testing.T) {
	p := loadUnseen(t, "markdown.txt", nil)
	checkMeta(t, p, "临澧县社会救助事业发展“十四五”规划", "临澧县")
	C, E := model.KindChapter, model.KindCNEnum
	checkOutline(t, p, []head{
		{1, C, "第一章", "发展现状", 3},
		{1, C, "第二章", "主要目标", 7},
		{1, C, "第三章", "主要任务", 20},
		{2, E, "一、", "完善分层分类救助体系", 22},
		{2, E, "二、", "提升救助服务能力", 26},
		{1, C, "第四章", "保障措施", 30},
	})
	tables := allTables(p)
	if len(tables) != 1 {
		t.Fatalf("%d tables, want 1", len(tables))
	}
	tb := tables[0]
	if tb.Caption != "表1 “十四五”社会救助主要指标" {
		t.Errorf("caption %q", tb.Caption)
	}
	if len(tb.Header) != 1 || len(tb.Rows) != 4 || tb.Columns() != 5 {
		t.Fatalf("table: %d header rows, %d rows, %d columns; want 1, 4, 5", len(tb.Header), len(tb.Rows), tb.Columns())
	}
	checkRow(t, "header", tb.Header[0], 13, "序号", "指标名称", "2020年", "2025年", "属性")
	checkRow(t, "row 1", tb.Rows[0], 15, "1", "城市低保标准（元/月）", "580", "750", "预期性")
	checkRow(t, "row 3", tb.Rows[2], 17, "3", "特困人员基本生活标准不低于低保标准倍数", "1.3", "1.3", "约束性")
	checkRow(t, "row 4", tb.Rows[3], 18, "4", "临时救助备用金覆盖乡镇比例（%）", "85", "100", "约束性")
	// The table stands in 第二章, after its paragraph.
	s := sectionByTitle(t, p, "主要目标")
	if len(s.Blocks) != 2 || s.Blocks[1].Kind != model.TableBlock {
		t.Errorf("主要目标 blocks: %+v", s.Blocks)
	}
	noText(t, p, "#", "|", "---")
}

// A Markdown export whose headings have no numbers above numbered ones:
// the '#' levels place them (the format front ends write Word heading
// styles and <h2> so). The one level-1 mark is the title.
func TestUnseenMarkdownUnnumbered(t *testing.T) {
	p := loadUnseen(t, "markdown-plain.txt", nil)
	checkMeta(t, p, "澧北市养老服务体系建设“十四五”规划", "澧北市")
	N, E, CP := model.KindNone, model.KindCNEnum, model.KindCNParen
	checkOutline(t, p, []head{
		{1, N, "", "发展基础", 3},
		{2, N, "", "主要成就", 7},
		{2, N, "", "面临形势", 11},
		{1, N, "", "总体要求", 15},
		{2, E, "一、", "指导思想", 17},
		{2, E, "二、", "发展目标", 21},
		{1, N, "", "主要任务", 25},
		{2, E, "一、", "完善养老服务网络", 27},
		{3, CP, "（一）", "推进街道综合养老服务中心建设", 29},
		{3, CP, "（二）", "发展农村互助养老", 33},
		{1, N, "", "保障措施", 35},
	})
	noText(t, p, "#")
}

// GB18030 with CRLF line ends; a tab-separated indicator table with a
// two-row header and a note.
func TestUnseenGB18030CRLF(t *testing.T) {
	src, err := os.ReadFile(filepath.Join("testdata", "unseen", "gb18030-crlf.src"))
	if err != nil {
		t.Fatal(err)
	}
	crlf := bytes.ReplaceAll(src, []byte("\n"), []byte("\r\n"))
	gb, err := simplifiedchinese.GB18030.NewEncoder().Bytes(crlf)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Equal(gb, crlf) {
		t.Fatal("the GB18030 copy is the UTF-8 text")
	}
	for name, data := range map[string][]byte{"utf8.txt": src, "gb18030-crlf.txt": gb} {
		t.Run(name, func(t *testing.T) {
			p := loadUnseen(t, name, data)
			checkMeta(t, p, "汝城县民政事业发展“十四五”规划", "汝城县")
			C := model.KindChapter
			checkOutline(t, p, []head{
				{1, C, "第一章", "发展基础", 3},
				{1, C, "第二章", "发展目标", 7},
				{1, C, "第三章", "保障措施", 20},
			})
			tables := allTables(p)
			if len(tables) != 1 {
				t.Fatalf("%d tables, want 1", len(tables))
			}
			tb := tables[0]
			if tb.Caption != "表1 汝城县民政事业发展“十四五”主要指标" {
				t.Errorf("caption %q", tb.Caption)
			}
			if len(tb.Header) != 2 || len(tb.Rows) != 4 || tb.Columns() != 6 {
				t.Fatalf("table: %d header rows, %d rows, %d columns; want 2, 4, 6", len(tb.Header), len(tb.Rows), tb.Columns())
			}
			checkRow(t, "header 1", tb.Header[0], 12, "序号", "指标", "单位", "2020年", "2025年目标", "属性")
			checkRow(t, "header 2", tb.Header[1], 13, "", "", "", "基期值", "目标值", "")
			checkRow(t, "row 2", tb.Rows[1], 15, "2", "每千名老年人拥有养老床位数", "张", "32", "35", "约束性")
			checkRow(t, "row 4", tb.Rows[3], 17, "4", "经常性社会捐助站点", "个", "12", "20", "预期性")
			if len(tb.Notes) != 1 || tb.Notes[0] != "注：基期值为2020年末统计数据。" {
				t.Errorf("notes %q", tb.Notes)
			}
			noText(t, p, "\r", "\uFFFD")
		})
	}
}

// The title only in a 印发 notice; 专栏 boxes whose numbered lines are items.
func TestUnseenNoticeBoxes(t *testing.T) {
	p := loadUnseen(t, "notice.txt", nil)
	checkMeta(t, p, "桑植县民政事业发展“十四五”规划", "桑植县")
	E, Pn := model.KindCNEnum, model.KindCNParen
	checkOutline(t, p, []head{
		{1, E, "一、", "发展基础", 10},
		{1, E, "二、", "重点任务", 14},
		{2, Pn, "（一）", "兜牢基本民生保障底线", 16},
		{2, Pn, "（二）", "发展养老服务事业", 26},
		{1, E, "三、", "保障措施", 35},
	})
	for _, c := range []struct {
		section, box string
		line         int
		items        []string
	}{
		{"兜牢基本民生保障底线", "社会救助提升工程", 20, []string{"1.低保信息化建设", "2.临时救助", "3.特困供养"}},
		{"发展养老服务事业", "养老服务设施建设工程", 30, []string{"1.县社会福利中心", "2.乡镇区域养老服务中心"}},
	} {
		s := sectionByTitle(t, p, c.section)
		var box *model.Block
		for i := range s.Blocks {
			if s.Blocks[i].Kind == model.BoxBlock {
				box = &s.Blocks[i]
			}
		}
		if box == nil {
			t.Errorf("%s: no 专栏 box", c.section)
			continue
		}
		if !strings.HasPrefix(box.Text, "专栏") || !strings.HasSuffix(box.Text, c.box) || box.Line != c.line {
			t.Errorf("%s: box %q @%d, want 专栏… %s @%d", c.section, box.Text, box.Line, c.box, c.line)
		}
		if len(box.Children) != len(c.items) {
			t.Errorf("%s: box has %d children, want %d", c.section, len(box.Children), len(c.items))
			continue
		}
		for i, b := range box.Children {
			if b.Kind != model.ListItem || !strings.HasPrefix(b.Text, c.items[i]) {
				t.Errorf("%s: box child %d = %v %q, want list item %s…", c.section, i, b.Kind, b.Text, c.items[i])
			}
		}
	}
	// The notice stays before the outline, the title line in it.
	if len(p.Preamble) == 0 || !strings.Contains(p.Preamble[0].Text, "关于印发《桑植县民政事业发展“十四五”规划》的通知") {
		t.Errorf("preamble: %+v", p.Preamble)
	}
}

// Four levels 一、 （一） 1. （1）, the lower two run-in headings.
func TestUnseenFourLevels(t *testing.T) {
	p := loadUnseen(t, "deep.txt", nil)
	checkMeta(t, p, "慈利县民政事业发展第十四个五年规划", "慈利县")
	E, Pn, A, AP := model.KindCNEnum, model.KindCNParen, model.KindArabicEnum, model.KindArabicParen
	checkOutline(t, p, []head{
		{1, E, "一、", "发展环境", 3},
		{2, Pn, "（一）", "“十三五”时期取得的主要成效", 5},
		{3, A, "1.", "社会救助兜底保障更加有力", 7},
		{4, AP, "（1）", "低保制度运行规范", 9},
		{4, AP, "（2）", "特困供养水平提升", 11},
		{3, A, "2.", "养老服务体系加快构建", 13},
		{4, AP, "（1）", "机构养老能力增强", 15},
		{4, AP, "（2）", "社区养老加快发展", 17},
		{2, Pn, "（二）", "“十四五”时期面临的形势", 19},
		{1, E, "二、", "总体要求", 23},
		{2, Pn, "（一）", "指导思想", 25},
		{2, Pn, "（二）", "主要目标", 29},
	})
	// A run-in heading's body is the first paragraph of its section.
	for title, body := range map[string]string{
		"社会救助兜底保障更加有力": "全县城乡低保标准分别提高到每人每月560元和每人每年4300元",
		"特困供养水平提升":     "特困人员基本生活标准不低于当地低保标准的1.3倍",
		"社区养老加快发展":     "城区社区日间照料中心实现全覆盖",
	} {
		s := sectionByTitle(t, p, title)
		if len(s.Blocks) != 1 || s.Blocks[0].Kind != model.Paragraph || !strings.HasPrefix(s.Blocks[0].Text, body) {
			t.Errorf("%s blocks: %+v", title, s.Blocks)
		} else if s.Blocks[0].Line != s.Line {
			t.Errorf("%s body line %d, want the heading's %d", title, s.Blocks[0].Line, s.Line)
		}
	}
}

// A title broken over lines with its period under it, an issuer and a date
// under the title, a chapter number alone on its line, ideographic spaces
// after numbers, and a section title broken over two lines.
func TestUnseenSplitLines(t *testing.T) {
	p := loadUnseen(t, "split.txt", nil)
	checkMeta(t, p, "石门县民政事业发展“十四五”规划", "石门县")
	C, S := model.KindChapter, model.KindSection
	checkOutline(t, p, []head{
		{1, C, "第一章", "发展基础", 8},
		{1, C, "第二章", "总体要求", 13},
		{2, S, "第一节", "指导思想", 15},
		{2, S, "第二节", "发展目标", 19},
		{1, C, "第三章", "主要任务", 23},
		{2, S, "第一节", "健全分层分类社会救助体系", 25},
		{2, S, "第二节", "提升养老服务能力", 30},
	})
	var front []string
	for _, b := range p.Preamble {
		front = append(front, b.Text)
	}
	want := []string{"石门县民政事业发展“十四五”规划（2021—2025年）", "石门县民政局", "2021年9月"}
	if strings.Join(front, "\n") != strings.Join(want, "\n") {
		t.Errorf("preamble = %q, want %q", front, want)
	}
}

func TestIsDateLine(t *testing.T) {
	for s, want := range map[string]bool{
		"2021年9月": true, "2021年11月8日": true, "  二〇二一年九月": true, "二〇二一年十二月三十日": true,
		"2021年": false, "2021年9月底前完成": false, "到2025年12月": false, "21年9月": false, "2021年9月日": false,
	} {
		if got := isDateLine(s); got != want {
			t.Errorf("isDateLine(%q) = %v, want %v", s, got, want)
		}
	}
}

// A Markdown export with bold (**…**) headings and caption, "- " bullets and
// a table of two columns.
func TestUnseenMarkdownBold(t *testing.T) {
	p := loadUnseen(t, "markdown-bold.txt", nil)
	checkMeta(t, p, "安化县民政事业发展“十四五”规划", "安化县")
	C, E := model.KindChapter, model.KindCNEnum
	checkOutline(t, p, []head{
		{1, C, "第一章", "发展基础", 3},
		{2, E, "一、", "主要成就", 5},
		{2, E, "二、", "面临形势", 13},
		{1, C, "第二章", "保障措施", 24},
	})
	s := sectionByTitle(t, p, "主要成就")
	if len(s.Blocks) != 4 {
		t.Errorf("主要成就: %d blocks, want a paragraph and three bullets: %+v", len(s.Blocks), s.Blocks)
	} else if s.Blocks[2].Text != "- 建成农村幸福院210所；" || s.Blocks[3].Line != 11 {
		t.Errorf("主要成就 bullets: %+v", s.Blocks[1:])
	}
	tables := allTables(p)
	if len(tables) != 1 {
		t.Fatalf("%d tables, want 1", len(tables))
	}
	tb := tables[0]
	if tb.Caption != "表1 重点项目" || tb.Line != 17 {
		t.Errorf("caption %q @%d", tb.Caption, tb.Line)
	}
	if len(tb.Header) != 1 || len(tb.Rows) != 2 || tb.Columns() != 2 {
		t.Fatalf("table: %d header rows, %d rows, %d columns; want 1, 2, 2", len(tb.Header), len(tb.Rows), tb.Columns())
	}
	checkRow(t, "header", tb.Header[0], 19, "项目", "建设内容")
	checkRow(t, "row 1", tb.Rows[0], 21, "县社会福利中心", "新增床位300张")
	checkRow(t, "row 2", tb.Rows[1], 22, "县殡仪馆", "改造火化设备")
	noText(t, p, "**", "#", "|")
}

func TestDropMarkdownMarks(t *testing.T) {
	for in, want := range map[string]string{
		"## 第一章 发展基础":     "第一章 发展基础",
		"  ### 表1 主要指标":   "表1 主要指标",
		"**一、主要成就**":      "一、主要成就",
		"# **第二章 保障措施**":  "第二章 保障措施",
		"#话题#":            "#话题#",
		"####### 七级":      "####### 七级",
		"**重点**任务和**措施**": "**重点**任务和**措施**",
		"* 列表":            "* 列表",
		"2025年":           "2025年",
	} {
		if got := dropMarkdownMarks(in); got != want {
			t.Errorf("dropMarkdownMarks(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestMarkdownTable(t *testing.T) {
	lines := rawLines("| 序号 | 指标 | 2025年 |\n|:---|---|---:|\n| 1 | 养老床位 | 35 |\n| 2 | 低保标准 |  |\n下文")
	tb, next, ok := markdownTable(lines, 0, new(cellSlab))
	if !ok || next != 4 {
		t.Fatalf("markdownTable: ok %v next %d", ok, next)
	}
	if got := rowsText(tb.Header); strings.Join(got, "\n") != "序号 | 指标 | 2025年" {
		t.Errorf("header %q", got)
	}
	if got := rowsText(tb.Rows); strings.Join(got, "\n") != "1 | 养老床位 | 35\n2 | 低保标准 | " {
		t.Errorf("rows %q", got)
	}
	// No rule line: link spam or a stray '|', not a table.
	for _, text := range []string{
		"| 首页 | 新闻 | 政务 |\n| 专题 | 视频 | 图片 |\n| 互动 | 服务 | 数据 |",
		"| 序号 | 指标 |\n|---|---|",
	} {
		if _, _, ok := markdownTable(rawLines(text), 0, new(cellSlab)); ok {
			t.Errorf("markdownTable(%q) found a table", text)
		}
	}
}

// A district under a city: the region is the district the text speaks for
// (全区), not the city that starts the title.
func TestUnseenDistrict(t *testing.T) {
	p := loadUnseen(t, "district.txt", nil)
	checkMeta(t, p, "长沙市岳麓区民政事业发展“十四五”规划", "岳麓区")
	E, Pn := model.KindCNEnum, model.KindCNParen
	checkOutline(t, p, []head{
		{1, E, "一、", "发展基础", 3},
		{1, E, "二、", "主要任务", 7},
		{2, Pn, "（一）", "提升养老服务水平", 9},
	})
	for _, c := range []struct{ title, text, region string }{
		// A city plan whose title goes on with a word ending in 区.
		{"长沙市城乡社区服务体系建设规划", "全市城乡社区综合服务设施覆盖率达到100%，全市社区工作者队伍不断壮大。", "长沙市"},
		// A city plan naming a district only in passing.
		{"怀化市鹤城区养老服务规划", "全市统筹，全市推进，鹤城区先行。", "怀化市"},
		// A county-level city under a prefecture: 全市 over 全州.
		{"湘西土家族苗族自治州吉首市民政事业发展规划", "全市低保标准提高，全市养老床位增加，全州统筹。", "吉首市"},
		// Same suffix twice: the first name stays.
		{"天门市智慧城市民政服务规划", "全市推进。", "天门市"},
	} {
		if title, region := planMeta([]string{c.title}, c.title+"\n"+c.text); title != c.title || region != c.region {
			t.Errorf("planMeta(%s) = %q, %q; want region %q", c.title, title, region, c.region)
		}
	}
}

// 第X篇 above 第X章 (chapters counted on across 篇), and items numbered with
// enclosed numbers (① ⑴) on lines of their own.
func TestUnseenPianCircled(t *testing.T) {
	p := loadUnseen(t, "pian.txt", nil)
	checkMeta(t, p, "桃源县民政事业发展“十四五”规划", "桃源县")
	P, C := model.KindPart, model.KindChapter
	checkOutline(t, p, []head{
		{1, P, "第一篇", "总体要求", 3},
		{2, C, "第一章", "发展基础", 5},
		{2, C, "第二章", "发展目标", 12},
		{1, P, "第二篇", "主要任务", 18},
		{2, C, "第三章", "兜底保障", 20},
		{2, C, "第四章", "养老服务", 24},
	})
	for title, want := range map[string][]string{
		"发展基础": {"“十三五”期间，全县新建和改造了一批养老服务设施，主要包括", "①县社会福利中心", "②漳江街道日间照料中心", "③陬市镇区域养老服务中心"},
		"发展目标": {"到2025年，全县民政事业发展达到以下目标：", "⑴城乡低保标准稳步提高", "⑵养老服务体系更加健全"},
	} {
		s := sectionByTitle(t, p, title)
		var got []string
		for i, b := range s.Blocks {
			got = append(got, b.Text)
			if wantKind := model.ListItem; i > 0 && b.Kind != wantKind {
				t.Errorf("%s block %d is %v, want %v", title, i, b.Kind, wantKind)
			}
		}
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("%s blocks = %q, want %q", title, got, want)
		}
	}
}

func TestCircledNumber(t *testing.T) {
	for s, want := range map[string]int{"①县": 1, "⑳": 20, "⑵养老": 2, "⒊": 3, "❿": 10, "1.": 0, "（1）": 0, "": 0} {
		v, ok := circledNumber(s)
		if ok != (want > 0) || v != want {
			t.Errorf("circledNumber(%q) = %d, %v; want %d", s, v, ok, want)
		}
	}
}

// A unit line (单位：…) between a caption and its table, and an HTML
// export's table with one <tr> per line.
func TestUnseenUnitLineAndHTMLRows(t *testing.T) {
	p := loadUnseen(t, "units-html.txt", nil)
	checkMeta(t, p, "临湘市民政事业发展“十四五”规划", "临湘市")
	C := model.KindChapter
	checkOutline(t, p, []head{
		{1, C, "第一章", "主要指标", 3},
		{1, C, "第二章", "重点项目", 11},
		{1, C, "第三章", "保障措施", 20},
	})
	tables := allTables(p)
	if len(tables) != 2 {
		t.Fatalf("%d tables, want 2", len(tables))
	}
	t1, t2 := tables[0], tables[1]
	if t1.Caption != "表1 临湘市民政事业发展主要指标" || t1.Line != 5 {
		t.Errorf("table 1 caption %q @%d", t1.Caption, t1.Line)
	}
	if len(t1.Notes) != 1 || t1.Notes[0] != "单位：张、%" {
		t.Errorf("table 1 notes %q, want the unit line", t1.Notes)
	}
	if len(t1.Header) != 1 || len(t1.Rows) != 2 {
		t.Fatalf("table 1: %d header rows, %d rows", len(t1.Header), len(t1.Rows))
	}
	checkRow(t, "table 1 header", t1.Header[0], 7, "序号", "指标", "2020年", "2025年")
	checkRow(t, "table 1 row 2", t1.Rows[1], 9, "2", "护理型床位占比", "40", "55")
	if t2.Caption != "表2 重点项目" {
		t.Errorf("table 2 caption %q", t2.Caption)
	}
	if len(t2.Header) != 1 || len(t2.Rows) != 2 {
		t.Fatalf("table 2: %d header rows, %d rows", len(t2.Header), len(t2.Rows))
	}
	checkRow(t, "table 2 header", t2.Header[0], 15, "序号", "项目", "投资（万元）")
	checkRow(t, "table 2 row 2", t2.Rows[1], 17, "2", "市殡仪馆", "5000")
	noText(t, p, "<", ">", "单位：张、%表")
	if s := sectionByTitle(t, p, "主要指标"); len(s.Blocks) != 1 || s.Blocks[0].Kind != model.TableBlock {
		t.Errorf("主要指标 blocks: %+v", s.Blocks)
	}
}

func TestIsCellTag(t *testing.T) {
	for tag, want := range map[string]bool{"<td>": true, "<TH>": true, `<td class="c">`: true, "</td>": false, "<tr>": false, "<thead>": false, "<table>": false} {
		if got := isCellTag(tag); got != want {
			t.Errorf("isCellTag(%q) = %v, want %v", tag, got, want)
		}
	}
	for tag, want := range map[string]bool{"<tr>": true, "<TR>": true, `<tr class="odd">`: true, "</tr>": false, "<td>": false, "<track>": false} {
		if got := isRowTag(tag); got != want {
			t.Errorf("isRowTag(%q) = %v, want %v", tag, got, want)
		}
	}
}

// A web export with a whole table on one line: each <tr> after cells on the
// line starts a row of its own, every row keeping the source line.
func TestUnseenHTMLTableOnOneLine(t *testing.T) {
	p := loadUnseen(t, "html-oneline.txt", nil)
	checkMeta(t, p, "岳阳县民政事业发展“十四五”规划", "岳阳县")
	C := model.KindChapter
	checkOutline(t, p, []head{
		{1, C, "第一章", "主要指标", 3},
		{1, C, "第二章", "保障措施", 8},
	})
	tables := allTables(p)
	if len(tables) != 1 {
		t.Fatalf("%d tables, want 1", len(tables))
	}
	tb := tables[0]
	if tb.Caption != "表1 岳阳县“十四五”民政事业发展主要指标" || tb.Line != 5 {
		t.Errorf("caption %q @%d", tb.Caption, tb.Line)
	}
	if len(tb.Header) != 1 || len(tb.Rows) != 2 {
		t.Fatalf("%d header rows, %d rows; want 1 and 2", len(tb.Header), len(tb.Rows))
	}
	checkRow(t, "header", tb.Header[0], 6, "序号", "指标", "2020年", "2025年")
	checkRow(t, "row 1", tb.Rows[0], 6, "1", "养老床位（张）", "2100", "2800")
	checkRow(t, "row 2", tb.Rows[1], 6, "2", "护理型床位占比（%）", "35", "55")
	noText(t, p, "<", ">")
}
