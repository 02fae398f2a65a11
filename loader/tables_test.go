package loader

import (
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"planview/model"
)

// tableOf builds a crafted file and returns its only table.
func tableOf(t *testing.T, name string) (*model.Plan, *model.Table) {
	t.Helper()
	p := buildFile(t, name)
	ts := allTables(p)
	if len(ts) != 1 {
		t.Fatalf("%s: %d tables, want 1", name, len(ts))
	}
	return p, ts[0]
}

func checkRows(t *testing.T, what string, got []model.Row, want []string) {
	t.Helper()
	if g := rowsText(got); !reflect.DeepEqual(g, want) {
		t.Errorf("%s:\n%s\nwant:\n%s", what, strings.Join(g, "\n"), strings.Join(want, "\n"))
	}
}

func checkCellLines(t *testing.T, tb *model.Table) {
	t.Helper()
	for _, rs := range [][]model.Row{tb.Header, tb.Rows} {
		for _, r := range rs {
			if r.Line == 0 || len(r.Cells) != tb.Columns() {
				t.Errorf("row @%d: %d cells, table has %d columns", r.Line, len(r.Cells), tb.Columns())
			}
			for _, c := range r.Cells {
				if c.Line == 0 {
					t.Errorf("row @%d: cell with no line", r.Line)
				}
			}
		}
	}
}

// Layout (a): one tab-led cell per line, blank lines between rows, a
// wrapped cell, an empty (merged) cell, caption and note.
func TestWordTable(t *testing.T) {
	p, tb := tableOf(t, "word-table.txt")
	if tb.Caption != "表1 “十三五”时期民政事业发展主要指标完成情况" || tb.Line != 1 {
		t.Errorf("caption %q @%d", tb.Caption, tb.Line)
	}
	checkRows(t, "header", tb.Header, []string{"序号 | 项目 | 2020年目标值 | 2020年/实际值 | 完成情况"})
	checkRows(t, "rows", tb.Rows, []string{
		"1 | 每千名老年人拥有床位数（张） | 35 | 35 | 完成",
		" | 其中：护理型床位比例（%） | 20 | 34.7 | 完成",
		"2 | 志愿服务参与率（%） | 50 | 57.7 | 完成",
	})
	if c := tb.Header[0].Cells[3]; c.Text() != "2020年实际值" || c.Line != 5 {
		t.Errorf("wrapped cell = %q @%d", c.Text(), c.Line)
	}
	if r := tb.Rows[1]; r.Line != 15 || r.Cells[0].Line != 15 || r.Cells[1].Line != 16 {
		t.Errorf("row with merged cell: %+v", r)
	}
	if !reflect.DeepEqual(tb.Notes, []string{"备注：第4、5项指标不列2020年实际值。"}) {
		t.Errorf("notes = %q", tb.Notes)
	}
	checkCellLines(t, tb)
	// Tables make no headings; the heading after the table is one.
	if got := headings(p); !reflect.DeepEqual(got, []string{"1 （二） 下一节 @30"}) {
		t.Errorf("headings = %v", got)
	}
}

// Layout (a) with a two-row header and a two-line caption.
func TestWordTableTwoRowHeader(t *testing.T) {
	_, tb := tableOf(t, "word-table-two-row-header.txt")
	if tb.Caption != "“十三五”时期主要指标完成进度表（截至2020年12月底）含预计评估数" {
		t.Errorf("caption %q", tb.Caption)
	}
	checkRows(t, "header", tb.Header, []string{
		"序 号 | 指标名称 | 2015年/数据 | 2020年完成情况 |  | ",
		" |  |  | 目标值 | 已完成 | 增减比",
	})
	checkRows(t, "rows", tb.Rows, []string{
		"1 | 每千名老年人拥有养老床位数（张） |  | 37张 | 37 | ",
		" | 其中：养老机构护理型床位（%） |  | 30% | 13% | ",
		"2 | 农村低保标准与国家扶贫标准 |  | 4560 | 4560 | 0",
	})
	checkCellLines(t, tb)
}

// Layout (b): one row per tab-separated line; cells keep their text as
// written (no PDF space removal inside cells).
func TestPDFTable(t *testing.T) {
	_, tb := tableOf(t, "pdf-table.txt")
	if tb.Caption != "重大项目表" {
		t.Errorf("caption %q", tb.Caption)
	}
	checkRows(t, "header", tb.Header, []string{"序号 | 项目名称 | 所在地 | 建设性质 | 总投资"})
	checkRows(t, "rows", tb.Rows, []string{
		"1 | 养老服务体系建设 | 吉首市 | 新建 | 5亿元",
		" | 其他 |  |  | ",
		"2 | 殡葬基础设施二期工程 | 吉首市 | 新建 | 5.5 亿元",
	})
	if !reflect.DeepEqual(tb.Notes, []string{"注：投资为估算数。"}) {
		t.Errorf("notes = %q", tb.Notes)
	}
	checkCellLines(t, tb)
}

// Layout (c): one cell per paragraph, rows by serial numbers, a two-row
// header, merged category cells and a cell with two values.
func TestWebTable(t *testing.T) {
	p, tb := tableOf(t, "web-table.txt")
	if tb.Caption != "十四五時期懷化市民政事業發展主要指標" || tb.Line != 3 {
		t.Errorf("caption %q @%d", tb.Caption, tb.Line)
	}
	checkRows(t, "header", tb.Header, []string{
		"主要發展指標 |  |  | 2020 | 2025年目標值 | 屬性",
		" | 類別 | 名稱 |  |  | ",
	})
	checkRows(t, "rows", tb.Rows, []string{
		"1 | 社會救助 | 城鄉低保標準年度增速(%) | —— | 不低于居民上年度人均消費支出增速 | 預期性",
		"2 |  | 農村低保標準占城市低保標準比例(%) | —— | 75 | 預期性",
		"3 | 養老服務 | 社區日間照料機構覆蓋率(%) | 10 | 100 | 預期性",
		"4 |  | 社會工作人才總量(萬人) | 0.15 | 0.4 | 預期性",
		"5 | 公共社會福利 | 孤兒養育標準(元/人、月) | 950/1350 | 1200/1800 | 預期性",
		"6 |  | 慈善超市(個) | 20 | 48 | 預期性",
	})
	checkCellLines(t, tb)
	if c := tb.Rows[4].Cells[3]; c.Line != 67 || len(c.Lines) != 2 {
		t.Errorf("two-value cell = %+v", c)
	}
	if got := headings(p); got[len(got)-1] != "2 第二章 健全分層分類的社會救助體系 @87" {
		t.Errorf("the heading after the table: %v", got)
	}
}

// Layout (c) with no serial numbers: rows by shape, sub-rows (城市/農村)
// and a label spanning two columns keep the columns aligned.
func TestWebTableNoSerials(t *testing.T) {
	p, tb := tableOf(t, "web-table-noserial.txt")
	if tb.Caption != "“十三五”全市民政事業發展主要指標完成情況" {
		t.Errorf("caption %q", tb.Caption)
	}
	checkRows(t, "header", tb.Header, []string{"主要指標 |  | 2015 | 2020/目標值 | 2020/完成值 | 完成情況"})
	checkRows(t, "rows", tb.Rows, []string{
		"最低生活保障平均標準(元/月) | 城市 | 330 | 500 | 522 | 完成",
		" | 農村 | 165 | 333 | 356 | 完成",
		"農村特困對象集中供養率(%) |  | 25 | 50 | 29 | 未完成",
		"慈善超市(個) |  | —— | 20 | 20 | 完成",
	})
	checkCellLines(t, tb)
	// The paragraphs around the table stay paragraphs.
	if len(p.Preamble) != 3 || p.Preamble[0].Kind != model.Paragraph || p.Preamble[2].Line != 61 {
		t.Errorf("preamble = %+v", p.Preamble)
	}
}

func TestShortLinesAreNoWebTable(t *testing.T) {
	p := build(rawLines("吉首市“十四五”民政事业发展规划\n\n(2021—2025年)\n\n吉首市民政局\n\n2021年11月\n\n前 言\n"))
	if len(allTables(p)) != 0 || len(p.Preamble) != 5 {
		t.Errorf("front matter became a table: %+v", p.Preamble)
	}
}

func TestIsNumericCell(t *testing.T) {
	for _, s := range []string{"35", "34.7", "≥75", "＞30", "100%", "1‰", "——", "--", "/", "37张", "2016年", "5.5 亿元"} {
		if !isNumericCell(s) {
			t.Errorf("isNumericCell(%q) = false", s)
		}
	}
	for _, s := range []string{"完成", "2025年目标值", "城乡低保标准年度增速", "", "预期性"} {
		if isNumericCell(s) {
			t.Errorf("isNumericCell(%q) = true", s)
		}
	}
}

// A header cell merged over two columns in the original leaves an interior
// empty header cell that shifts the headers after it one column right of
// their values; with the body's last column unused, the gap is dropped.
func TestTableHeaderGap(t *testing.T) {
	_, tb := tableOf(t, "pdf-table-header-gap.txt")
	checkRows(t, "header", tb.Header, []string{"序号 | 项目名称 | 建设内容 | 总投资 | 备注"})
	checkRows(t, "rows", tb.Rows, []string{
		"1 | 养老服务体系建设 | 新建养老院 | 5亿元 | ",
		" | 其他 |  |  | ",
		"2 | 殡葬基础设施工程 | 新建公墓 | 5.5亿元 | 按年度安排",
	})
	checkCellLines(t, tb)

	// When a body row uses the last column, the header stays as written.
	_, tb = tableOf(t, "pdf-table-header-gap-used.txt")
	checkRows(t, "header", tb.Header, []string{"序号 | 项目名称 | 建设内容 |  | 总投资 | 备注"})
	checkRows(t, "rows", tb.Rows, []string{
		"1 | 养老服务体系建设 | 新建养老院 | 5亿元 |  | 完成",
		"2 | 殡葬基础设施工程 | 新建公墓 | 5.5亿元 | 按年度安排 | ",
	})
}

// A web export drops the closing bracket after a unit at the end of a cell
// (城鄉低保標準年度增速(%); the loader restores it, and only there.
func TestUnclosedUnit(t *testing.T) {
	for in, want := range map[string]string{
		"城鄉低保標準年度增速(%": ")",
		"(%":           ")",
		"養育標準（元/人、月":   "）",
		"村(居)民自治章程制定達標率(%": ")",
		"社會組織數(個)":         "",
		"比例(2020年":         "", // a digit: not a unit
		"说明（见附表一至附表三的内容":   "", // longer than a unit
		"没有括号":             "",
		// A cell wrapped in the source is tested on its joined text, so a
		// bracket closed on the next line is not unclosed.
		"乡镇（街" + "道）未成年人保护工作站覆盖率": "",
		"(元/人、月":   ")",
		"(元/人、月份年": "", // seven characters: too long for a unit
		"（":        "",
		"(":        "",
		"a(b(c":    ")",
	} {
		if got := unclosedUnit(in); got != want {
			t.Errorf("unclosedUnit(%q) = %q, want %q", in, got, want)
		}
	}
	// It looks only at the end of a cell; it agrees with a search of the
	// whole text for the last opening bracket on every line of the seeds.
	ref := func(s string) string {
		i := strings.LastIndexAny(s, "(（")
		if i < 0 {
			return ""
		}
		open, size := utf8.DecodeRuneInString(s[i:])
		tail := s[i+size:]
		if tail == "" || utf8.RuneCountInString(tail) > unitMaxRunes || strings.ContainsAny(tail, "()（）0123456789 \t") {
			return ""
		}
		if open == '(' {
			return ")"
		}
		return "）"
	}
	for _, text := range seedTexts(t) {
		for _, l := range strings.Split(text, "\n") {
			for _, cell := range strings.Split(l, "\t") {
				if got, want := unclosedUnit(cell), ref(cell); got != want {
					t.Errorf("unclosedUnit(%q) = %q, reference %q", cell, got, want)
				}
			}
		}
	}
}
