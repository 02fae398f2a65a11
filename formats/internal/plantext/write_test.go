package plantext

import "testing"

// The layouts of the text loader: a paragraph a line (a table of contents
// keeps its tab before the page number), a table one tab-led cell a line
// with a blank line after each row (a title row alone, merged cells
// empty), a box followed by the gap that ends it, notes under their block,
// no run of more than two blank lines.
func TestWrite(t *testing.T) {
	blocks := []Block{
		{Kind: Para, Text: "  第一章\t总体要求\n（续）  "},
		{Kind: Para, Text: "第一章 总体要求\t3"},
		{Kind: Gap}, {Kind: Gap}, {Kind: Gap},
		{Kind: Table, Rows: []Row{
			{Cells: []Cell{{Lines: []string{"表头跨全表"}}, {Covered: true}, {Covered: true}}},
			{Cells: []Cell{{Lines: []string{"序号"}}, {Lines: []string{"指标", "（%）"}}, {Lines: []string{"属性"}}}},
			{Cells: []Cell{{Lines: []string{" "}}, {}, {}}},
			{Cells: []Cell{{Lines: []string{"1"}}, {Lines: []string{"覆盖率"}}, {Covered: true}}},
		}, Notes: []string{"按常住人口计算。", "备注：另计。"}},
		{Kind: Box, Body: []Block{{Kind: Para, Text: "专栏1 工程"}, {Kind: Para, Text: "1.建设。"}}},
		{Kind: Para, Text: "后文。"},
	}
	want := "第一章 总体要求（续）\n第一章 总体要求\t3\n\n\n" +
		"\t表头跨全表\n\n" +
		"\t序号\n\t指标\n（%）\n\t属性\n\n" +
		"\t1\n\t覆盖率\n\t\n\n" +
		"注：按常住人口计算。\n备注：另计。\n" +
		"专栏1 工程\n1.建设。\n\n\n后文。\n"
	if got := string(Write(blocks)); got != want {
		t.Errorf("got\n%q\nwant\n%q", got, want)
	}
}

// Terminal escape sequences in a document's text go whole, in paragraphs
// and cells: a title set to "pwned", red text, a cleared screen leave
// nothing behind (the ESC made a space alone would leave "[31m").
func TestEscapeSequences(t *testing.T) {
	blocks := []Block{
		{Kind: Para, Text: "\x1b]0;pwned\x07总体\x1b[31m要求\x1b[0m", Level: 1},
		{Kind: Table, Rows: []Row{
			{Cells: []Cell{{Lines: []string{"序号"}}, {Lines: []string{"\x1b[2J指标"}}}},
			{Cells: []Cell{{Lines: []string{"1"}}, {Lines: []string{"床位\x1bP1;2|x\x1b\\占比"}}}},
		}},
	}
	want := "# 总体要求\n\t序号\n\t指标\n\n\t1\n\t床位占比\n"
	if got := string(Write([]Block{{Kind: Para, Text: "### 井号", Level: 2}})); got != "## 井号\n" {
		t.Errorf("a heading whose text has marks: got %q, want %q", got, "## 井号\n")
	}
	if got := string(Write(blocks)); got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}
