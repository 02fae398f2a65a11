package render

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/rivo/uniseg"

	goldenfile "planview/internal/golden"
	"planview/model"
)

func cell(lines ...string) model.Cell { return model.Cell{Lines: lines} }

func row(cells ...model.Cell) model.Row { return model.Row{Cells: cells} }

func text(ss ...string) model.Row {
	r := model.Row{}
	for _, s := range ss {
		if s == "" {
			r.Cells = append(r.Cells, model.Cell{})
		} else {
			r.Cells = append(r.Cells, cell(s))
		}
	}
	return r
}

// crafted tables, each showing a quirk of the genre.
var tables = map[string]*model.Table{
	// an indicator table: numbers, a multi-line cell, a merged (empty) cell,
	// CJK and ASCII mixed, ambiguous-width characters.
	"indicators": {
		Caption: "表2 “十四五”时期民政事业发展主要指标",
		Header:  []model.Row{text("序号", "指标名称", "2020年", "2025年", "属性")},
		Rows: []model.Row{
			text("1", "每千名老年人拥有养老床位数（张）", "37.22", "≥40", "约束性"),
			row(cell("2"), cell("养老机构护理型床位占比", "（%）"), model.Cell{}, cell("55%"), cell("预期性")),
			text("3", "生活不能自理特困人员集中供养率", "—", "5400元/年", "约束性"),
			text("4", "社区综合服务设施覆盖率 (urban)", "100%", "100%", ""),
		},
		Notes: []string{"注：带*的为新增指标，数据来源于市民政局统计年报。"},
	},
	// a two-row header with merged cells left empty.
	"two-row-header": {
		Caption: "表1 重大项目表",
		Header: []model.Row{
			text("类别", "项目名称", "建设内容", "投资（万元）", ""),
			text("", "", "", "总投资", "“十四五”"),
		},
		Rows: []model.Row{
			text("养老", "市社会福利院改扩建项目", "新建养老床位500张，配套建设医养结合用房", "12000", "8000"),
			text("", "乡镇敬老院提质改造", "改造敬老院12所", "3600", "3600"),
			text("殡葬", "公益性公墓", "", "2,500.5", "1:3"),
		},
	},
	// wider than most panes: it has to scroll.
	"wide": {
		Header: []model.Row{text("地区", "2016年", "2017年", "2018年", "2019年", "2020年", "增长率", "备注说明")},
		Rows: []model.Row{
			text("通道侗族自治县", "1,234", "1,456", "1,678", "1,890", "2,012", "12.5%", "含农村互助养老服务设施与城市社区日间照料中心"),
			text("怀化市", "45678", "46789", "47890", "48901", "49012", "7.3%", "—"),
		},
	},
	"one-column": {
		Rows: []model.Row{text("只有一列"), text("second row")},
	},
	"empty": {Caption: "表3 空表"},
}

// gridGlyphs are the characters a separator column may hold.
const gridGlyphs = "│┌┬┐├┼┤└┴┘|+"

// runeAt returns the rune that starts at display column col of line, 0 if
// col falls inside a wide rune or past the end.
func runeAt(line string, col int) rune {
	// Walked by grapheme cluster, as Width measures (a spacing mark after
	// a wide character, 펒ௌ, is one cluster of two cells).
	c := 0
	state := -1
	for len(line) > 0 {
		var cl string
		cl, line, _, state = uniseg.FirstGraphemeClusterInString(line, state)
		if c == col {
			r, _ := utf8.DecodeRuneInString(cl)
			return r
		}
		c += clusterWidth(cl)
		if c > col {
			return 0
		}
	}
	return 0
}

// checkTable checks that no line is wider than the limit and that every
// column separator is at the same display column on every grid line, but
// within a header cell merged across columns (and the rule above it).
func checkTable(t *testing.T, name string, tb *model.Table, width, offset int) []string {
	t.Helper()
	l := LayoutTable(tb, width)
	lines := l.Lines(offset)
	for _, s := range lines {
		assertNoControls(t, name, s)
		if width > 0 && Width(s) > width {
			t.Errorf("%s width %d: line %q is %d cells", name, width, s, Width(s))
		}
	}
	if len(l.grid) == 0 || (l.MaxOffset() > 0 && width-l.fw < 1) {
		return lines // nothing frozen
	}
	grid := lines[len(l.caption) : len(l.caption)+len(l.grid)]
	var seps []int
	pos := 0
	for _, c := range l.Columns() {
		seps = append(seps, pos)
		pos += c + 3
	}
	seps = append(seps, pos)
	off := min(max(offset, 0), l.MaxOffset())
	gw := Width(grid[0])
	for i, s := range grid {
		if Width(s) != gw {
			t.Errorf("%s width %d: grid line %d is %d cells, line 0 is %d", name, width, i, Width(s), gw)
		}
		for k, p := range seps {
			if spanned(l, i, k) {
				continue
			}
			col := p
			frozen := 2 // separators of the frozen first column
			if l.fw == 0 {
				frozen = 0 // a one-column table scrolls whole
			}
			if k >= frozen && l.MaxOffset() > 0 {
				col = p - off
				if col < l.fw || col >= width {
					continue // scrolled out of view
				}
			}
			if r := runeAt(s, col); !strings.ContainsRune(gridGlyphs, r) {
				t.Errorf("%s width %d offset %d: grid line %d has %q at column %d, want a separator:\n%s",
					name, width, offset, i, r, col, s)
			}
		}
	}
	return lines
}

// spanned reports separator k (left of column k) of grid line i as inside
// a merged header cell: on its row, or on the rule above the first row.
func spanned(l *TableLayout, i, k int) bool {
	if k == 0 || k >= l.ncol {
		return false
	}
	gl := l.grid[i]
	row := int(gl.row)
	switch {
	case gl.rule == topRule:
		row = 0
	case gl.rule != noRule:
		return false
	}
	return row < len(l.spans) && l.spans[row] != nil && l.spans[row][k] == 0
}

func TestTableGolden(t *testing.T) {
	for _, wide := range []bool{false, true} {
		withEastAsian(t, wide)
		setting := "narrow"
		if wide {
			setting = "eastasian"
		}
		for name, tb := range tables {
			var b strings.Builder
			for _, width := range []int{40, 80, 200} {
				l := LayoutTable(tb, width)
				offsets := []int{0}
				if m := l.MaxOffset(); m > 0 {
					offsets = append(offsets, 7, m, m+10)
				}
				for _, off := range offsets {
					fmt.Fprintf(&b, "=== width %d offset %d (natural %d, laid out %d, max offset %d)\n",
						width, off, TableWidth(tb), l.Width(), l.MaxOffset())
					for _, s := range checkTable(t, name, tb, width, off) {
						b.WriteString(s)
						b.WriteString("\n")
					}
				}
			}
			goldenfile.Check(t, filepath.Join("testdata", "table-"+name+"-"+setting+".golden"), b.String())
		}
	}
}

func TestTableEveryWidth(t *testing.T) {
	for _, wide := range []bool{false, true} {
		withEastAsian(t, wide)
		for name, tb := range tables {
			for width := 1; width <= 120; width++ {
				l := LayoutTable(tb, width)
				for _, off := range []int{0, 1, 2, 3, l.MaxOffset() / 2, l.MaxOffset()} {
					checkTable(t, name, tb, width, off)
				}
			}
		}
	}
}

func TestTableNatural(t *testing.T) {
	tb := tables["indicators"]
	l := LayoutTable(tb, 0)
	if l.MaxOffset() != 0 {
		t.Errorf("no limit: MaxOffset = %d", l.MaxOffset())
	}
	if TableWidth(tb) != l.Width() {
		t.Errorf("TableWidth %d != layout width %d", TableWidth(tb), l.Width())
	}
	// 序号 4, 指标名称 32, 2020年 6, 2025年 9, 属性 6: content plus 3 per column plus 1.
	if want := 4 + 32 + 6 + 9 + 6 + 3*5 + 1; TableWidth(tb) != want {
		t.Errorf("TableWidth = %d, want %d", TableWidth(tb), want)
	}
	// A limit the natural width fits in changes nothing.
	if got, want := Table(tb, TableOptions{Width: 200}), l.Lines(0); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("width 200 differs from natural")
	}
	// The wide table cannot fit in 40 cells even wrapped: it scrolls.
	if LayoutTable(tables["wide"], 40).MaxOffset() == 0 {
		t.Errorf("wide table does not scroll at 40")
	}
	// Numbers are right-aligned, text left-aligned.
	lines := l.Lines(0)
	var rowOne string
	for _, s := range lines {
		if strings.Contains(s, "每千名") {
			rowOne = s
		}
	}
	if !strings.Contains(rowOne, "│    1 │") || !strings.Contains(rowOne, "│  37.22 │") || !strings.Contains(rowOne, "│       ≥40 │") {
		t.Errorf("numbers not right-aligned: %q", rowOne)
	}
	if !strings.Contains(rowOne, "│ 每千名老年人拥有养老床位数（张） │") || !strings.Contains(rowOne, "│ 约束性 │") {
		t.Errorf("text not left-aligned: %q", rowOne)
	}
}

func TestTableFull(t *testing.T) {
	l := LayoutTable(tables["wide"], 40)
	full := l.Full()
	if len(full) != len(l.Lines(0)) {
		t.Fatalf("Full has %d lines, Lines %d", len(full), len(l.Lines(0)))
	}
	for _, s := range full {
		if Width(s) != l.Width() {
			t.Errorf("Full line %q is %d cells, want %d", s, Width(s), l.Width())
		}
	}
	if l.Width() >= TableWidth(tables["wide"]) {
		t.Errorf("scrolling layout %d not narrower than natural %d", l.Width(), TableWidth(tables["wide"]))
	}
	// Without scrolling Full is Lines.
	l = LayoutTable(tables["indicators"], 80)
	if strings.Join(l.Full(), "\n") != strings.Join(l.Lines(0), "\n") {
		t.Errorf("Full differs from Lines for a table that fits")
	}
}

func TestTableStops(t *testing.T) {
	l := LayoutTable(tables["wide"], 40)
	stops := l.Stops()
	if stops[0] != 0 || stops[len(stops)-1] != l.MaxOffset() {
		t.Fatalf("stops %v, max offset %d", stops, l.MaxOffset())
	}
	for i := 1; i < len(stops); i++ {
		if stops[i] <= stops[i-1] {
			t.Fatalf("stops not ascending: %v", stops)
		}
	}
	// At a stop short of the end, a column starts right at the frozen
	// column: the separator before it is the cell just left of the window.
	_, rest := l.gridAt(1)
	for _, off := range stops[1 : len(stops)-1] {
		if got := Slice(rest, off-1, 1); got != "│" {
			t.Errorf("offset %d: %q before the window, want │: %s", off, got, l.Lines(off)[1])
		}
	}
	if got := LayoutTable(tables["indicators"], 200).Stops(); len(got) != 1 {
		t.Errorf("a table that fits has stops %v", got)
	}
}

func TestPlaceholderAlignment(t *testing.T) {
	tb := &model.Table{
		Header: []model.Row{text("指标", "2015年", "备注")},
		Rows: []model.Row{
			text("床位数", "1815", "——"),
			text("慈善超市", "——", "说明文字"),
			text("社会组织", "2700", "说明"),
		},
	}
	lines := Table(tb, TableOptions{})
	for _, want := range []string{"│ 慈善超市 │     —— │ 说明文字 │", "│ 床位数   │   1815 │ ——       │"} {
		if !strings.Contains(strings.Join(lines, "\n"), want) {
			t.Errorf("want %q in\n%s", want, strings.Join(lines, "\n"))
		}
	}
}

func TestTableHostile(t *testing.T) {
	tb := &model.Table{
		Caption: hostile,
		Header:  []model.Row{text(hostile, "b")},
		Rows:    []model.Row{row(cell(hostile, hostile), cell("\x1b[2J\x1b[H")), text("x", "\u009b1m")},
		Notes:   []string{hostile},
	}
	for _, width := range []int{0, 20, 80} {
		for _, s := range Table(tb, TableOptions{Width: width, Offset: 3}) {
			assertNoControls(t, "Table", s)
		}
	}
	for _, s := range Box(hostile, []string{hostile}, 30) {
		assertNoControls(t, "Box", s)
	}
}

func TestBox(t *testing.T) {
	for _, wide := range []bool{false, true} {
		withEastAsian(t, wide)
		setting := map[bool]string{false: "narrow", true: "eastasian"}[wide]
		var b strings.Builder
		body := "推进养老服务设施建设，新建城市社区日间照料中心20个，农村互助养老服务设施100个。"
		for _, width := range []int{20, 40, 0} {
			for _, title := range []string{"专栏1 养老服务重点工程", "专栏2 一个很长很长很长很长很长很长很长的专栏标题", ""} {
				inner := 0
				if width > 0 {
					inner = BoxInner(width)
				}
				lines := Box(title, Wrap(body, inner, ParagraphIndent), width)
				fmt.Fprintf(&b, "=== width %d title %q\n", width, title)
				w0 := Width(lines[0])
				for _, s := range lines {
					if width > 0 && Width(s) != width {
						t.Errorf("box line %q is %d cells, want %d", s, Width(s), width)
					}
					if Width(s) != w0 {
						t.Errorf("box line %q is %d cells, first is %d", s, Width(s), w0)
					}
					b.WriteString(s + "\n")
				}
			}
		}
		goldenfile.Check(t, filepath.Join("testdata", "box-"+setting+".golden"), b.String())
	}
}

func TestBlock(t *testing.T) {
	box := model.Block{Kind: model.BoxBlock, Text: "专栏3 社会事务", Children: []model.Block{
		{Kind: model.Paragraph, Text: "加强婚姻登记机关标准化建设。"},
		{Kind: model.TableBlock, Table: tables["indicators"]},
	}}
	for _, width := range []int{30, 60, 100} {
		lines := Block(&box, width)
		for _, s := range lines {
			if Width(s) > width {
				t.Errorf("width %d: %q is %d cells", width, s, Width(s))
			}
		}
		if !strings.HasPrefix(lines[0], "┌─ 专栏3 社会事务 ") {
			t.Errorf("box title: %q", lines[0])
		}
	}
	p := model.Block{Kind: model.Paragraph, Text: "一二三四五六七八"}
	if got := Block(&p, 10); len(got) != 2 || got[0] != "\u3000\u3000一二三" {
		t.Errorf("paragraph: %q", got)
	}
}

func BenchmarkTable(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		LayoutTable(tables["indicators"], 80).Lines(0)
	}
}

func BenchmarkTableScroll(b *testing.B) {
	l := LayoutTable(tables["wide"], 60)
	b.ReportAllocs()
	for b.Loop() {
		l.Lines(5)
	}
}

// FuzzTable builds a table from text (rows split at newlines, cells at |,
// lines within a cell at ~) and checks the layout's promises at a width.
func FuzzTable(f *testing.F) {
	f.Add("序号|指标|2020年\n1|每千名老年人拥有床位数（张）~（%）|37.22\n||≥50", 30, 3)
	f.Add("a|b\n"+hostile+"|x", 12, 0)
	f.Add("地区|2016年|2017年|2018年|备注\n通道侗族自治县|1,234|1,456|1,678|含农村互助养老服务设施", 25, 9)
	f.Add("主要發展指標|||2020|屬性\n=|類別|名稱||\n1|社會救助|城鄉低保標準|620|預期性", 40, 5) // a header cell merged across columns
	f.Fuzz(func(t *testing.T, src string, width, offset int) {
		if width < 1 || width > 300 || len(src) > 2000 {
			return
		}
		tb := &model.Table{Caption: "表", Notes: []string{"注"}}
		for i, line := range strings.Split(src, "\n") {
			header := i == 0
			if l, ok := strings.CutPrefix(line, "="); ok { // a further header row
				header, line = true, l
			}
			var r model.Row
			for _, c := range strings.Split(line, "|") {
				if c == "" {
					r.Cells = append(r.Cells, model.Cell{})
				} else {
					r.Cells = append(r.Cells, model.Cell{Lines: strings.Split(c, "~")})
				}
			}
			if header {
				tb.Header = append(tb.Header, r)
			} else {
				tb.Rows = append(tb.Rows, r)
			}
		}
		checkTable(t, "fuzz", tb, width, offset)
	})
}

// countRules counts the grid's inner rules (├…┤ or +…+ lines between rows).
func countRules(l *TableLayout) int {
	n := 0
	for _, s := range l.Full()[len(l.caption) : len(l.caption)+len(l.grid)] {
		if strings.HasPrefix(s, g.ml) && strings.Contains(s, g.h+g.h) {
			n++
		}
	}
	return n
}

// Body rows get rules between them only when one of them takes more than
// one line; the header rule is always there.
func TestTableRulesCompact(t *testing.T) {
	tb := &model.Table{
		Header: []model.Row{row(cell("序号"), cell("指  标"), cell("2025年", "目标值"))},
		Rows: []model.Row{
			text("1", "城乡低保标准年度增速", "%"),
			text("2", "困难残疾人生活补贴覆盖率", "%"),
			text("3", "社会工作专业人才总量", "万人"),
		},
	}
	// Natural width: every body row is one line (the header takes two).
	l := LayoutTable(tb, 0)
	if got := countRules(l); got != 1 {
		t.Errorf("one-line body rows: %d inner rules, want 1 (under the header):\n%s", got, strings.Join(l.Full(), "\n"))
	}
	if got, want := len(l.Full()), 1+2+1+3+1; got != want {
		t.Errorf("compact table has %d lines, want %d:\n%s", got, want, strings.Join(l.Full(), "\n"))
	}
	// Narrow: the indicator names wrap, so every body row gets a rule.
	l = LayoutTable(tb, 30)
	if got := countRules(l); got != 3 {
		t.Errorf("wrapped body rows: %d inner rules, want 3:\n%s", got, strings.Join(l.Full(), "\n"))
	}
}

// Every cell's pieces are where Lines draws them, and their offsets point
// at the same text in Cell.Text(); StopFor brings a piece into view and
// VisibleRange says where.
func TestCellPieces(t *testing.T) {
	checked, wrapped := 0, 0
	for name, tb := range tables {
		for _, width := range []int{0, 20, 30, 41, 60, 80, 200} {
			l := LayoutTable(tb, width)
			full := l.Full()
			nrow := len(tb.Header) + len(tb.Rows)
			for r := 0; r < nrow; r++ {
				if l.RowLine(r) < len(l.caption) {
					t.Errorf("%s/%d: row %d starts at line %d, in the caption", name, width, r, l.RowLine(r))
				}
				mr := l.modelRows(r)
				for c := 0; c < tb.Columns(); c++ {
					var ct string
					if c < len(mr.Cells) {
						ct = mr.Cells[c].Text()
					}
					for _, p := range l.CellPieces(r, c) {
						if got := Slice(full[p.Line], p.X, Width(p.Text)); got != p.Text {
							t.Errorf("%s/%d: cell (%d,%d) piece %q drawn as %q at line %d col %d", name, width, r, c, p.Text, got, p.Line, p.X)
						}
						if p.Off < 0 || p.Off+len(p.Text) > len(ct) || ct[p.Off:p.Off+len(p.Text)] != p.Text {
							t.Errorf("%s/%d: cell (%d,%d) piece %q at offset %d of %q", name, width, r, c, p.Text, p.Off, ct)
							continue
						}
						checked++
						if p.Line > l.RowLine(r) {
							wrapped++
						}
						x0, x1 := p.X, p.X+Width(p.Text)
						for _, cur := range []int{0, l.MaxOffset() / 2, l.MaxOffset()} {
							off := l.StopFor(x0, x1, cur)
							a, b, ok := l.VisibleRange(x0, x1, off)
							if !ok {
								t.Errorf("%s/%d: cell (%d,%d) %q not visible at offset %d", name, width, r, c, p.Text, off)
								continue
							}
							if width > 0 && x1-x0 <= width-l.fw && b-a != x1-x0 {
								t.Errorf("%s/%d: cell (%d,%d) %q only partly visible at offset %d: [%d,%d)", name, width, r, c, p.Text, off, a, b)
							}
							if got := Slice(l.Lines(off)[p.Line], a, b-a); b-a == x1-x0 && got != p.Text {
								t.Errorf("%s/%d offset %d: cell (%d,%d) %q shows %q at [%d,%d)", name, width, off, r, c, p.Text, got, a, b)
							}
						}
					}
				}
			}
		}
	}
	if checked < 100 || wrapped < 10 {
		t.Errorf("only %d pieces checked, %d of them on a cell's second line or later", checked, wrapped)
	}
	if l := LayoutTable(tables["wide"], 40); l.RowLine(-1) != -1 || l.RowLine(99) != -1 || l.CellPieces(0, 99) != nil {
		t.Errorf("out-of-range rows or columns should give nothing")
	}
}

// Header cells merged across columns, as an export leaves them (the cell,
// then empty cells with sub-headers under them), are drawn across those
// columns on one line; empty header cells with nothing under them, and a
// header of one row, are not merged.
func TestHeaderSpans(t *testing.T) {
	tb := &model.Table{
		Header: []model.Row{
			text("主要發展指標", "", "", "2020", "2025年目標值", "屬性"),
			text("", "類別", "名稱", "", "", ""),
		},
		Rows: []model.Row{
			text("1", "社會救助", "城鄉低保標準年度增速(%)", "——", "不低于居民上年度人均消費支出增速", "預期性"),
		},
	}
	rows := func(h []model.Row) []tableRow {
		var out []tableRow
		for _, r := range h {
			var cs [][]string
			for _, c := range r.Cells {
				cs = append(cs, cellLines(c))
			}
			out = append(out, tableRow{cs, true})
		}
		return out
	}
	if got := headerSpans(rows(tb.Header), 6); len(got) != 2 || fmt.Sprint(got[0]) != "[3 0 0 1 1 1]" || got[1] != nil {
		t.Errorf("spans %v, want [[3 0 0 1 1 1] []]", got)
	}
	for _, h := range [][]model.Row{
		{text("指标", "", "属性")},                      // one header row
		{text("指标", "", "属性"), text("", "", "约束性")}, // nothing under the empty cell
	} {
		if got := headerSpans(rows(h), 3); got != nil {
			t.Errorf("%v: spans %v, want none", h, got)
		}
	}
	for _, width := range []int{60, 80, 200} {
		lines := checkTable(t, "spans", tb, width, 0)
		if !slices.ContainsFunc(lines, func(s string) bool { return strings.Contains(s, "主要發展指標") }) {
			t.Errorf("width %d: 主要發展指標 not on one line:\n%s", width, strings.Join(lines, "\n"))
		}
	}
}
