package render

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"planview/model"
)

// cellLinesAt are the lines cell (row, col) is drawn on in l (rows counted
// header first).
func cellLinesAt(l *TableLayout, row, col int) []string {
	var out []string
	for _, p := range l.CellPieces(row, col) {
		out = append(out, p.Text)
	}
	return out
}

func TestFitColumns(t *testing.T) {
	tests := []struct {
		name               string
		pref, minw, narrow []int
		avail              int
		want               []int
		fits               bool
	}{
		// The preferred widths fit: they are kept, and nothing is
		// stretched to fill avail.
		{"natural", []int{4, 20, 6}, []int{2, 4, 6}, []int{4, 20, 0}, 100, []int{4, 20, 6}, true},
		{"natural exactly", []int{4, 20, 6}, []int{2, 4, 6}, []int{4, 20, 0}, 30, []int{4, 20, 6}, true},
		// One cell short: the column with the most above its minimum gives
		// it up.
		{"one short", []int{4, 20, 6}, []int{2, 4, 6}, []int{4, 20, 0}, 29, []int{4, 19, 6}, true},
		// Shares in proportion to pref-minw: 14 cells above the minimums
		// shared 10:30, 3.5 and 10.5; the cell left by rounding down goes
		// to the column with more to gain.
		{"proportional", []int{12, 34}, []int{2, 4}, []int{12, 34}, 20, []int{5, 15}, true},
		// The minimums fill avail exactly: they fit.
		{"minimums exactly", []int{10, 30}, []int{4, 8}, []int{10, 30}, 12, []int{4, 8}, true},
		// Not even the minimums fit.
		{"minimums too wide", []int{10, 30}, []int{4, 8}, []int{10, 30}, 11, []int{4, 8}, false},
		// An all-Chinese column (no one-cell character in any line) given
		// an odd width hands its last cell on: 15 would hold 7 characters
		// a line, as 14 does.
		{"odd width handed on", []int{32, 50}, []int{4, 4}, []int{0, 50}, 36, []int{14, 22}, true},
		// A column with a one-cell character in a line wider than its
		// width keeps an odd width: that line may use it.
		{"odd width kept", []int{32, 50}, []int{4, 4}, []int{32, 50}, 36, []int{15, 21}, true},
		// Two all-Chinese columns at odd widths: the cells handed on go two
		// at a time to the one with more to gain.
		{"odd widths paired", []int{40, 40, 3}, []int{2, 4, 3}, []int{0, 0, 3}, 40, []int{18, 18, 3}, true},
	}
	for _, tc := range tests {
		got, fits := fitColumns(tc.pref, tc.minw, tc.narrow, tc.avail)
		if !slices.Equal(got, tc.want) || fits != tc.fits {
			t.Errorf("%s: fitColumns(%v, %v, %v, %d) = %v, %v; want %v, %v",
				tc.name, tc.pref, tc.minw, tc.narrow, tc.avail, got, fits, tc.want, tc.fits)
		}
	}
}

// Whatever the input, a fitted layout never goes below a minimum or above a
// preferred width, never takes more than avail, and uses all of avail
// unless no column can use a cell more.
func TestFitColumnsProperties(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for n := 0; n < 20000; n++ {
		ncol := 1 + r.IntN(8)
		pref, minw, narrow := make([]int, ncol), make([]int, ncol), make([]int, ncol)
		for j := range pref {
			pref[j] = 1 + r.IntN(60)
			minw[j] = 1 + r.IntN(pref[j])
			if r.IntN(2) == 0 {
				narrow[j] = r.IntN(pref[j] + 1)
			}
		}
		avail := r.IntN(sum(pref) + 10)
		cols, fits := fitColumns(pref, minw, narrow, avail)
		if fits != (sum(minw) <= avail) {
			t.Fatalf("fitColumns(%v, %v, %v, %d) fits = %v", pref, minw, narrow, avail, fits)
		}
		if !fits {
			continue
		}
		if sum(cols) > avail {
			t.Fatalf("fitColumns(%v, %v, %v, %d) = %v: %d cells", pref, minw, narrow, avail, cols, sum(cols))
		}
		short := false
		for j := range cols {
			if cols[j] < minw[j] || cols[j] > pref[j] {
				t.Fatalf("fitColumns(%v, %v, %v, %d) = %v: column %d outside [%d, %d]", pref, minw, narrow, avail, cols, j, minw[j], pref[j])
			}
			short = short || cols[j] < pref[j]
		}
		if sum(cols) < avail-ncol && short {
			t.Fatalf("fitColumns(%v, %v, %v, %d) = %v: %d cells unused", pref, minw, narrow, avail, cols, avail-sum(cols))
		}
	}
}

// A table that fits takes its natural width, however wide the limit.
func TestTableNaturalKept(t *testing.T) {
	tb := &model.Table{
		Header: []model.Row{text("序号", "指标", "属性")},
		Rows:   []model.Row{text("1", "城乡低保标准年度增速", "预期性")},
	}
	natural := TableWidth(tb)
	for _, width := range []int{natural, natural + 1, 200} {
		l := LayoutTable(tb, width)
		if l.Width() != natural || l.MaxOffset() != 0 {
			t.Errorf("width %d: laid out %d (max offset %d), want the natural %d", width, l.Width(), l.MaxOffset(), natural)
		}
	}
	// One cell less and the widest column gives it up; at 19 cells its
	// Chinese text holds 9 characters a line, as at 18, so it takes 18 and
	// the table is one cell narrower still.
	l := LayoutTable(tb, natural-1)
	if got, want := l.Columns(), []int{4, 18, 6}; !slices.Equal(got, want) {
		t.Errorf("width %d: columns %v, want %v", natural-1, got, want)
	}
}

// The column with the longest content gets the width first; no column goes
// below its longest unbreakable piece.
func TestTableLongestFirst(t *testing.T) {
	long := strings.Repeat("建设内容及规模说明", 10) // 180 cells
	tb := &model.Table{
		Header: []model.Row{text("序号", "项目名称", "开工年份", "建设内容及规模", "总投资")},
		Rows: []model.Row{
			text("1", "市社会福利院改扩建项目", "2021", long, "5400元/年"),
			text("2", "乡镇敬老院提质改造", "2022", "改造敬老院12所", "4.4555亿元"),
		},
	}
	for _, width := range []int{60, 80, 100, 120, 160} {
		l := LayoutTable(tb, width)
		cols := l.Columns()
		if l.MaxOffset() != 0 {
			t.Fatalf("width %d: scrolls (columns %v)", width, cols)
		}
		// 建设内容及规模, the longest content, is the widest column.
		if slices.Max(cols) != cols[3] {
			t.Errorf("width %d: columns %v, want 建设内容及规模 (3) the widest", width, cols)
		}
		// 开工年份 and 序号 stay as narrow as their header words.
		if cols[2] != 8 || cols[0] != 4 {
			t.Errorf("width %d: columns %v, want 序号 4 and 开工年份 8 cells", width, cols)
		}
		// The numbers with their units stay whole.
		if cols[4] < Width("4.4555亿元") {
			t.Errorf("width %d: columns %v, 总投资 narrower than 4.4555亿元", width, cols)
		}
		for j, h := range []string{"序号", "项目名称", "开工年份", "总投资"} {
			col := []int{0, 1, 2, 4}[j]
			if got := cellLinesAt(l, 0, col); len(got) != 1 || got[0] != h {
				t.Errorf("width %d: header %s drawn as %q", width, h, got)
			}
		}
	}
	// Wider limits give the long column more, the others no less.
	prev := LayoutTable(tb, 60).Columns()
	for _, width := range []int{80, 100, 120, 160} {
		cols := LayoutTable(tb, width).Columns()
		for j := range cols {
			if cols[j] < prev[j] {
				t.Errorf("width %d: column %d narrower (%d) than at a smaller width (%d)", width, j, cols[j], prev[j])
			}
		}
		if cols[3] <= prev[3] {
			t.Errorf("width %d: 建设内容及规模 %d, not wider than %d", width, cols[3], prev[3])
		}
		prev = cols
	}
}

// wordMax: a line of 4 Chinese characters (8 cells) is one word, one of 5
// (10 cells) breaks like any text.
func TestTableWordMax(t *testing.T) {
	tb := func(header, body string) *model.Table {
		return &model.Table{
			Header: []model.Row{text("指标", header)},
			Rows:   []model.Row{text(strings.Repeat("城乡低保标准年度增速", 6), body)},
		}
	}
	for _, tc := range []struct {
		header, body string
		whole        bool
	}{
		{"开工年份", "2021", true},  // 8 cells: just inside
		{"计划总投资", "0.2", false}, // 10 cells: just outside
		{"年份", "预期性", true},     // a body label of 6 cells
		{"年份", "社会救助", true},    // 8 cells
		{"年份", "基层社会治理", false}, // 12 cells
	} {
		if (Width(tc.header) <= wordMax && Width(tc.body) <= wordMax) != tc.whole {
			t.Fatalf("%s/%s: the case does not test wordMax", tc.header, tc.body)
		}
		l := LayoutTable(tb(tc.header, tc.body), 40)
		h, b := cellLinesAt(l, 0, 1), cellLinesAt(l, 1, 1)
		whole := len(h) == 1 && len(b) == 1
		if whole != tc.whole {
			t.Errorf("%s over %s at 40: drawn as %q and %q (columns %v), want whole = %v", tc.header, tc.body, h, b, l.Columns(), tc.whole)
		}
	}
}

// A header cell split over source lines is joined when the whole is a word
// (序/号 in the narrow column of the source), not when it is longer.
func TestTableHeaderJoin(t *testing.T) {
	tb := &model.Table{
		Header: []model.Row{row(cell("序", "号"), cell("目前", "进展"), cell("计划总", "投资"), cell("2020", "目标值"))},
		Rows:   []model.Row{text("1", "规划阶段", "0.2", "35")},
	}
	l := LayoutTable(tb, 0)
	for col, want := range [][]string{{"序号"}, {"目前进展"}, {"计划总", "投资"}, {"2020", "目标值"}} {
		if got := cellLinesAt(l, 0, col); !slices.Equal(got, want) {
			t.Errorf("header %d: %q, want %q", col, got, want)
		}
	}
	// A joined cell still maps to its text (search highlights).
	if p := l.CellPieces(0, 0); len(p) != 1 || p[0].Off != 0 {
		t.Errorf("joined header pieces %+v", p)
	}
	// Latin words are not run together.
	if got := joinLines([]string{"Total", "sum"}); got != "Total sum" {
		t.Errorf("joinLines: %q", got)
	}
	if got := joinLines([]string{"2020", "年"}); got != "2020年" {
		t.Errorf("joinLines: %q", got)
	}
}

// pieceCap: an unbreakable piece of up to 24 cells is a minimum; a longer
// one (a long Latin word, a code) counts for 24 and is broken.
func TestTablePieceCap(t *testing.T) {
	in := "abcdefghijklmnopqrstuvwx" // 24 cells: just inside
	out := in + "y"                  // 25 cells: just outside
	if longestUnit(in) != pieceCap || longestUnit(out) != pieceCap+1 {
		t.Fatalf("the words do not test pieceCap: %d %d", longestUnit(in), longestUnit(out))
	}
	long := strings.Repeat("养老服务", 10)
	for _, tc := range []struct {
		word  string
		lines int
	}{{in, 1}, {out, 2}} {
		tb := &model.Table{
			Header: []model.Row{text("名称", "编码")},
			Rows:   []model.Row{text(long, tc.word)},
		}
		// 7 cells of rules and padding, 4 for the minimum of 名称 (its
		// header word) and 24 for that of 编码: nothing to share.
		l := LayoutTable(tb, 7+4+pieceCap)
		if l.MaxOffset() != 0 {
			t.Fatalf("%s: scrolls", tc.word)
		}
		if got := cellLinesAt(l, 1, 1); len(got) != tc.lines || l.Columns()[1] != pieceCap {
			t.Errorf("%s at %d: columns %v, drawn as %q; want %d line(s) in %d cells", tc.word, 7+4+pieceCap, l.Columns(), got, tc.lines, pieceCap)
		}
	}
	// A number with its unit is one piece however narrow the limit: the
	// table scrolls rather than break 4.4555亿元.
	tb := &model.Table{
		Header: []model.Row{text("项目", "总投资")},
		Rows:   []model.Row{text(long, "4.4555亿元")},
	}
	for _, width := range []int{20, 30, 40} {
		l := LayoutTable(tb, width)
		if got := cellLinesAt(l, 1, 1); len(got) != 1 {
			t.Errorf("width %d: 4.4555亿元 drawn as %q", width, got)
		}
	}
}

// A multi-line body cell is a number when its lines joined are, or when
// each line is one (two values in one cell).
func TestClassifyLines(t *testing.T) {
	for _, tc := range []struct {
		lines []string
		want  cellClass
	}{
		{nil, emptyCell},
		{[]string{"——"}, placeholderCell},
		{[]string{"950", "1350"}, numberCell},
		{[]string{"4.4555", "亿元"}, numberCell},
		{[]string{"累计发放", "（人次）"}, labelCell},
		{[]string{"24、其他"}, labelCell},
		{[]string{"5.5 亿元"}, numberCell},
	} {
		if got := classifyLines(tc.lines); got != tc.want {
			t.Errorf("classifyLines(%q) = %v, want %v", tc.lines, got, tc.want)
		}
	}
}

// scrollCap: in a table that scrolls, a column holds lines of up to 24
// cells; a longer text wraps at 24.
func TestTableScrollCap(t *testing.T) {
	in := strings.Repeat("养老", 6)        // 24 cells: just inside
	out := strings.Repeat("养老", 6) + "床" // 26 cells: just outside
	tb := &model.Table{
		Header: []model.Row{text("序号", "甲", "乙", "2020年", "2021年", "2022年", "2023年", "2024年", "2025年")},
		Rows:   []model.Row{text("1", in, out, "35", "40", "45", "50", "52", "≥55")},
	}
	l := LayoutTable(tb, 60)
	if l.MaxOffset() == 0 {
		t.Fatalf("fits at 60: columns %v", l.Columns())
	}
	if cols := l.Columns(); cols[1] != scrollCap || cols[2] != scrollCap {
		t.Errorf("columns %v, want 甲 and 乙 at %d", cols, scrollCap)
	}
	if got := cellLinesAt(l, 1, 1); len(got) != 1 {
		t.Errorf("24 cells drawn as %q", got)
	}
	if got := cellLinesAt(l, 1, 2); len(got) != 2 {
		t.Errorf("26 cells drawn as %q", got)
	}
}

// typicalShare at its boundary: of 10 body cells, 8 short and 2 long, the
// typical width is the short one; with 3 long, the long one.
func TestTypicalShareBoundary(t *testing.T) {
	column := func(long int) []tableRow {
		var rows []tableRow
		for i := range 10 {
			s := "100"
			if i < long {
				s = "不低于居民上年度人均消费支出增速"
			}
			rows = append(rows, tableRow{cells: [][]string{{s}}})
		}
		return rows
	}
	widths := func(rows []tableRow) []int32 {
		var ws []int32
		for _, r := range rows {
			ws = append(ws, int32(Width(r.cells[0][0])))
		}
		return ws
	}
	for long, want := range map[int]int{2: 3, 3: 32} {
		rows := column(long)
		if got := typicalWidths(rows, widths(rows), 1, []int{2}, []int{32})[0]; got != want {
			t.Errorf("%d long cells of 10: typical width %d, want %d", long, got, want)
		}
	}
}

// tallMax at its boundary: a 16-cell line needs 4 cells to wrap into
// tallMax lines, a 17-cell one 6 (5, rounded up to a whole Chinese
// character); and a drawn cell is never taller than tallMax lines when the
// table has the room.
func TestTallMaxBoundary(t *testing.T) {
	if got := shortWidths([]int{2}, []int{16}); got[0] != 4 {
		t.Errorf("16 cells: %d, want 4", got[0])
	}
	if got := shortWidths([]int{2}, []int{17}); got[0] != 6 {
		t.Errorf("17 cells: %d, want 6", got[0])
	}
	tb := &model.Table{
		Header: []model.Row{text("序号", "指标", "2025年目标值")},
		Rows: []model.Row{
			text("1", "城乡低保标准年度增速", "不低于居民上年度人均消费支出增速"),
			text("2", "农村低保标准占城市低保标准比例", "≥75"),
			text("3", "困难残疾人生活补贴覆盖率", "100"),
		},
	}
	l := LayoutTable(tb, 40)
	if l.MaxOffset() != 0 {
		t.Fatalf("scrolls at 40: %v", l.Columns())
	}
	if got := cellLinesAt(l, 1, 2); len(got) > tallMax {
		t.Errorf("the long target takes %d lines at 40 (columns %v): %q", len(got), l.Columns(), got)
	}
}
