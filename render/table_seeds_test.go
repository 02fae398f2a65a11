package render

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	goldenfile "planview/internal/golden"
	"planview/loader"
	"planview/model"
	"planview/seeds"
)

// seedTables calls fn for every table of the embedded plans, in plan and
// document order.
func seedTables(t testing.TB, fn func(p *model.Plan, tb *model.Table)) {
	t.Helper()
	plans, errs := loader.LoadFS(seeds.FS())
	if len(errs) > 0 || len(plans) == 0 {
		t.Fatalf("loading the seeds: %v", errs)
	}
	var blocks func(p *model.Plan, bs []model.Block)
	blocks = func(p *model.Plan, bs []model.Block) {
		for i := range bs {
			if bs[i].Table != nil {
				fn(p, bs[i].Table)
			}
			blocks(p, bs[i].Children)
		}
	}
	for _, p := range plans {
		blocks(p, p.Preamble)
		p.Walk(func(s *model.Section) { blocks(p, s.Blocks) })
	}
}

// seedTable is the table of plan whose caption holds caption.
func seedTable(t testing.TB, plan, caption string) *model.Table {
	t.Helper()
	var found *model.Table
	seedTables(t, func(p *model.Plan, tb *model.Table) {
		if strings.HasPrefix(p.ID, plan) && strings.Contains(tb.Caption, caption) && found == nil {
			found = tb
		}
	})
	if found == nil {
		t.Fatalf("no table %q in plan %s", caption, plan)
	}
	return found
}

// Every distinct body cell of the seeds with its class, as the layout sees
// it: the golden file is to be read, line by line (a label right-aligned or
// a number left-aligned is a bug in IsNumeric).
func TestCellClassesGolden(t *testing.T) {
	type entry struct {
		class cellClass
		text  string
	}
	seen := map[string]bool{}
	var all []entry
	seedTables(t, func(p *model.Plan, tb *model.Table) {
		for _, r := range tb.Rows {
			for _, c := range r.Cells {
				lines := cellLines(c)
				key := strings.Join(lines, "⏎")
				if key == "" || seen[key] {
					continue
				}
				seen[key] = true
				all = append(all, entry{classifyLines(lines), key})
			}
		}
	})
	slices.SortFunc(all, func(a, b entry) int {
		if a.class != b.class {
			return int(a.class) - int(b.class)
		}
		return strings.Compare(a.text, b.text)
	})
	var b strings.Builder
	b.WriteString("# Every distinct body cell of the seeds' tables and its class (⏎ separates a cell's lines).\n")
	for _, e := range all {
		txt := e.text
		if r := []rune(txt); len(r) > 48 {
			txt = string(r[:48]) + "…"
		}
		fmt.Fprintf(&b, "%-11s  %s\n", e.class, txt)
	}
	goldenfile.Check(t, filepath.Join("testdata", "cell-classes.golden"), b.String())
}

// The seed tables the column widths were tuned on read as they should.
func TestSeedTableWidths(t *testing.T) {
	t.Run("tianmen 表2 at 120", func(t *testing.T) {
		tb := seedTable(t, "tianmen", "表2")
		l := LayoutTable(tb, 120)
		if l.MaxOffset() != 0 {
			t.Fatalf("scrolls: columns %v", l.Columns())
		}
		// 序号 (序/号 in the source) on one line.
		if got := cellLinesAt(l, 0, 0); !slices.Equal(got, []string{"序号"}) {
			t.Errorf("序号 header drawn as %q", got)
		}
		// No indicator name wraps: every body row is one line.
		for r := len(tb.Header); r < len(tb.Header)+len(tb.Rows); r++ {
			if got := cellLinesAt(l, r, 1); len(got) != 1 {
				t.Errorf("row %d: indicator drawn as %q", r, got)
			}
		}
	})
	t.Run("huaihua 十四五 indicators at 80", func(t *testing.T) {
		tb := seedTable(t, "huaihua", "十四五時期")
		l := LayoutTable(tb, 80)
		if l.MaxOffset() != 0 {
			t.Fatalf("scrolls: columns %v", l.Columns())
		}
		found := false
		for i, r := range tb.Rows {
			if len(r.Cells) < 3 || r.Cells[2].Text() != "養老機構護理型床位占比(%)" {
				continue
			}
			found = true
			row := len(tb.Header) + i
			if got := cellLinesAt(l, row, 2); len(got) > 2 {
				t.Errorf("養老機構護理型床位占比(%%) drawn on %d lines: %q (columns %v)", len(got), got, l.Columns())
			}
			if got := cellLinesAt(l, row, 0); !slices.Equal(got, []string{"8"}) {
				t.Errorf("its 序号 drawn as %q", got)
			}
		}
		if !found {
			t.Fatal("no row 養老機構護理型床位占比(%)")
		}
		// The number column is narrow; the indicator names get the room.
		if cols := l.Columns(); cols[0] > 6 || slices.Max(cols) != cols[2] {
			t.Errorf("columns %v: want the first narrow and 名稱 the widest", cols)
		}
	})
	t.Run("jishou 项目表", func(t *testing.T) {
		tb := seedTable(t, "jishou", "重大项目表")
		const start, content = 5, 7 // 开工年份, 建设内容及规模
		if h := tb.Header[0].Cells; h[start].Text() != "开工年份" || h[content].Text() != "建设内容及规模" {
			t.Fatalf("header %v", tb.Header[0].Cells)
		}
		for _, width := range []int{80, 120, 160, 200} {
			l := LayoutTable(tb, width)
			cols := l.Columns()
			if slices.Max(cols) != cols[content] {
				t.Errorf("width %d: columns %v, want 建设内容及规模 the widest", width, cols)
			}
			if cols[start] != Width("开工年份") {
				t.Errorf("width %d: columns %v, want 开工年份 as narrow as its header", width, cols)
			}
			if got := cellLinesAt(l, 0, start); !slices.Equal(got, []string{"开工年份"}) {
				t.Errorf("width %d: 开工年份 drawn as %q", width, got)
			}
		}
		if cols := LayoutTable(tb, 160).Columns(); cols[content] < 30 {
			t.Errorf("width 160: columns %v, want 建设内容及规模 at least 30 cells", cols)
		}
	})
}

// Every seed table at many widths keeps the layout's promises (no line
// wider than the limit, separators aligned), and a table that does not
// scroll never breaks a number or a word of up to wordMax cells.
func TestSeedTablesEveryWidth(t *testing.T) {
	seedTables(t, func(p *model.Plan, tb *model.Table) {
		for width := 20; width <= 200; width += 6 {
			l := LayoutTable(tb, width)
			for _, off := range []int{0, 5, l.MaxOffset()} {
				checkTable(t, p.ID+" "+tb.Caption, tb, width, off)
			}
			if l.MaxOffset() > 0 {
				continue
			}
			nh := len(tb.Header)
			for r, mr := range append(append([]model.Row(nil), tb.Header...), tb.Rows...) {
				for c, cell := range mr.Cells {
					lines := cellLines(cell)
					if r < nh {
						lines = joinHeaderWord(lines)
					}
					for _, s := range lines {
						whole := Width(s) <= wordMax || r >= nh && classifyLines(cellLines(cell)) == numberCell
						if whole && Width(s) <= l.Columns()[c] {
							continue
						}
						if whole {
							t.Errorf("%s %s at %d: %q (row %d col %d) broken: columns %v", p.ID, tb.Caption, width, s, r, c, l.Columns())
						}
					}
				}
			}
		}
	})
}
