package tui

import (
	"fmt"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"planview/loader"
	"planview/model"
	"planview/render"
	"planview/seeds"
)

// Tests that fail when a movement key does the wrong thing: each checks
// where the key lands, not only that something moved.

// readerBody is the reader's content lines as drawn (title row left out).
func readerBody(hs *harness) []string {
	l := hs.m.lay
	lines := strings.Split(plain(hs.view()), "\n")
	var out []string
	for _, line := range lines[1:l.BodyH] {
		out = append(out, strings.TrimRight(render.Slice(line, l.ReaderX, l.ReaderW), " "))
	}
	return out
}

// readerAt opens 第三章 (made long enough to scroll several pages at
// 120×40) and scrolls n lines into it.
func readerAt(t *testing.T, w, h, n int) *harness {
	plans := testPlans()
	ch3 := plans[0].Find("3")
	for i := 0; i < 40; i++ {
		ch3.Blocks = append(ch3.Blocks, model.Block{Kind: model.Paragraph, Line: 200 + i,
			Text: fmt.Sprintf("第%d段。", i) + strings.Repeat("健全基本养老服务体系，提升养老服务质量。", 3)})
	}
	hs := newHarness(t, plans, w, h)
	hs.openSection(0, "第三章")
	for hs.m.focus != focusReader {
		hs.keys("tab")
	}
	for i := 0; i < n; i++ {
		hs.keys("j")
	}
	return hs
}

func TestReaderLineKeys(t *testing.T) {
	hs := readerAt(t, 80, 24, 0)
	r := hs.m.reader
	start := r.top
	hs.keys("j", "down", "j")
	if r.top != start+3 {
		t.Fatalf("j down j: top %d, want %d", r.top, start+3)
	}
	before := readerBody(hs)
	hs.keys("k")
	if r.top != start+2 {
		t.Errorf("k: top %d, want %d", r.top, start+2)
	}
	// The view moved down by one line: the old first line is the second.
	if after := readerBody(hs); after[1] != before[0] || after[2] != before[1] {
		t.Errorf("k did not scroll up one line:\nbefore %q\nafter  %q", before[:3], after[:3])
	}
	hs.keys("up")
	if r.top != start+1 {
		t.Errorf("up: top %d, want %d", r.top, start+1)
	}
	hs.keys("k", "k", "up")
	if r.top != max(start-2, 0) {
		t.Errorf("k at the top: top %d, want %d", r.top, max(start-2, 0))
	}
	hs.keys("g")
	hs.keys("k")
	if r.top != 0 {
		t.Errorf("k above the first line: top %d", r.top)
	}
}

// TestReaderPageKeys: PgDn (f, space) moves a page less one line, so the
// last line of a page is the first of the next; PgUp (b) comes back.
func TestReaderPageKeys(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {120, 40}} {
		t.Run(fmt.Sprintf("%dx%d", size[0], size[1]), func(t *testing.T) {
			hs := readerAt(t, size[0], size[1], 0)
			hs.keys("g")
			r := hs.m.reader
			page := r.contentH() - 1
			if page != hs.m.lay.BodyH-2 {
				t.Fatalf("page %d, want %d (the body less the title row, less one line of overlap)", page, hs.m.lay.BodyH-2)
			}
			// A table header pinned at the top of a page (n rows) covers
			// lines: the page moves n lines less, so that the line kept
			// from the old page shows below the header.
			for _, k := range []string{"pgdown", "f", " "} {
				top := r.top
				before := readerBody(hs)
				hs.keys(k)
				n := top + page - r.top // the rows a pinned header takes, or 0
				if n < 0 || n > 8 {
					t.Fatalf("%q: top %d, want %d less at most a table header", k, r.top, top+page)
				}
				if after := readerBody(hs); after[n] != before[len(before)-1] || n < len(r.pinnedHeader()) {
					t.Errorf("%q: row %d of the new page is %q, want the old page's last line %q", k, n, after[n], before[len(before)-1])
				}
				if n > 0 && len(r.pinnedHeader()) == 0 && r.top+n < len(r.d.lines) && r.d.lines[r.top+n].table < 0 {
					t.Errorf("%q: moved %d lines less than a page with no table in view", k, n)
				}
			}
			for _, k := range []string{"pgup", "b"} {
				top := r.top
				before := readerBody(hs)
				n := len(r.pinnedHeader())
				hs.keys(k)
				if r.top != top+n-page {
					t.Errorf("%q: top %d, want %d", k, r.top, top+n-page)
				}
				if after := readerBody(hs); after[len(after)-1] != before[n] {
					t.Errorf("%q: the page ends with %q, want the old page's first line below %d pinned rows %q", k, after[len(after)-1], n, before[n])
				}
			}
			hs.keys("b", "b", "b", "pgup")
			if r.top != 0 {
				t.Errorf("pgup past the start: top %d", r.top)
			}
			// At the end, PgDn stops with the last line at the bottom.
			hs.keys("G", "f")
			if r.top != r.maxTop() {
				t.Errorf("f at the end: top %d, want %d", r.top, r.maxTop())
			}
		})
	}
}

func TestReaderTopBottomKeys(t *testing.T) {
	hs := readerAt(t, 80, 24, 5)
	r := hs.m.reader
	last := r.d.lineText(len(r.d.lines) - 1)
	for _, k := range []string{"G", "end"} {
		hs.keys("g")
		hs.keys(k)
		if r.top != len(r.d.lines)-r.contentH() || r.Percent() != 100 {
			t.Errorf("%s: top %d (%d%%), want %d (100%%)", k, r.top, r.Percent(), len(r.d.lines)-r.contentH())
		}
		body := readerBody(hs)
		if got := body[len(body)-1]; got != " "+strings.TrimRight(last, " ") {
			t.Errorf("%s: the last line shown is %q, want the plan's last line %q", k, got, last)
		}
	}
	for _, k := range []string{"g", "home"} {
		hs.keys("G")
		hs.keys(k)
		if r.top != 0 || r.Percent() != 0 {
			t.Errorf("%s: top %d (%d%%), want 0", k, r.top, r.Percent())
		}
		if s := r.Section(); s != nil {
			t.Errorf("%s: at section %s, want the preamble", k, s.Path)
		}
	}
}

// twoTablePlans adds to testPlans' first plan a chapter with two wide
// tables a short paragraph apart, both in view at 120×40.
func twoTablePlans() []*model.Plan {
	plans := testPlans()
	cell := func(s string) model.Cell { return model.Cell{Lines: []string{s}} }
	table := func(caption string) *model.Table {
		var head, body model.Row
		for c := 0; c < 9; c++ {
			// Numbers never wrap: the table cannot fit, and scrolls.
			head.Cells = append(head.Cells, cell(fmt.Sprintf("指标%d", c+1)))
			body.Cells = append(body.Cells, cell(fmt.Sprintf("%d2345678901234.5", c+1)))
		}
		return &model.Table{Caption: caption, Header: []model.Row{head}, Rows: []model.Row{body}}
	}
	ch := &model.Section{Path: "4", Level: 1, Kind: model.KindChapter, Number: "第四章", Title: "两张表", Line: 100, Blocks: []model.Block{
		{Kind: model.TableBlock, Line: 101, Table: table("表甲")},
		{Kind: model.Paragraph, Text: "两表之间。", Line: 110},
		{Kind: model.TableBlock, Line: 111, Table: table("表乙")},
	}}
	plans[0].Sections = append(plans[0].Sections, ch)
	return plans
}

// TestNextTableKey: t focuses the next wide table in view, in order, and
// wraps to the first; h/l then scroll the table t chose.
func TestNextTableKey(t *testing.T) {
	hs := newHarness(t, twoTablePlans(), 120, 40)
	hs.openSection(0, "第四章")
	for hs.m.focus != focusReader {
		hs.keys("tab")
	}
	r := hs.m.reader
	vis := r.visibleTables()
	if len(vis) != 2 {
		t.Fatalf("%d wide tables in view, want 2", len(vis))
	}
	if r.focusTable != vis[0] {
		t.Fatalf("focused table %d, want the first in view %d", r.focusTable, vis[0])
	}
	hs.keys("t")
	if r.focusTable != vis[1] {
		t.Errorf("t: focused table %d, want the second %d", r.focusTable, vis[1])
	}
	hs.keys("l")
	second, first := r.d.tables[vis[1]].t, r.d.tables[vis[0]].t
	if r.tableOff[second] == 0 || r.tableOff[first] != 0 {
		t.Errorf("l after t scrolled the first table (%d) or not the second (%d)", r.tableOff[first], r.tableOff[second])
	}
	hs.keys("t")
	if r.focusTable != vis[0] {
		t.Errorf("t on the last table: focused %d, want the first %d again", r.focusTable, vis[0])
	}
	if !strings.Contains(plain(hs.m.statusLine()), "table 0/") {
		t.Errorf("the status line does not show the first table's offset: %q", plain(hs.m.statusLine()))
	}
}

// TestMouseClickAndWheel: a click on a table line in the reader focuses that
// table (and the reader); the wheel scrolls the pane under the pointer by
// three lines (reader) or one row (lists), up and down.
func TestMouseClickAndWheel(t *testing.T) {
	hs := newHarness(t, twoTablePlans(), 120, 40)
	hs.openSection(0, "第四章")
	l := hs.m.lay
	r := hs.m.reader
	vis := r.visibleTables()
	if len(vis) != 2 {
		t.Fatalf("%d wide tables in view, want 2", len(vis))
	}
	hs.keys("p") // the plans pane has the keys
	second := r.d.tables[vis[1]]
	y := second.start + 2 - r.top + 1 // a grid line of the second table, on screen (row 0 is the title)
	hs.send(tea.MouseMsg{X: l.ReaderX + 10, Y: y, Button: tea.MouseButtonLeft, Action: tea.MouseActionPress})
	if hs.m.focus != focusReader || r.focusTable != vis[1] {
		t.Errorf("click on the second table: focus %d, table %d; want the reader and table %d", hs.m.focus, r.focusTable, vis[1])
	}
	// A click on a line that is no table's leaves the focused table: the
	// line just above the second table, with the first one focused.
	hs.keys("t")
	if r.focusTable != vis[0] {
		t.Fatalf("t did not focus the first table again")
	}
	above := second.start - 1 - r.top + 1
	if r.d.lines[second.start-1].table >= 0 {
		t.Fatalf("set-up: the line above the second table is a table's")
	}
	hs.send(tea.MouseMsg{X: l.ReaderX + 3, Y: above, Button: tea.MouseButtonLeft, Action: tea.MouseActionPress})
	if r.focusTable != vis[0] {
		t.Errorf("click on the line above the second table focused table %d", r.focusTable)
	}
	// The second table's first line (its caption) is the table's.
	hs.send(tea.MouseMsg{X: l.ReaderX + 3, Y: above + 1, Button: tea.MouseButtonLeft, Action: tea.MouseActionPress})
	if r.focusTable != vis[1] {
		t.Errorf("click on the second table's first line: focused table %d, want %d", r.focusTable, vis[1])
	}
	// A release is no click.
	hs.send(tea.MouseMsg{X: l.ReaderX + 10, Y: r.d.tables[vis[0]].start + 2 - r.top + 1, Button: tea.MouseButtonLeft, Action: tea.MouseActionRelease})
	if r.focusTable != vis[1] {
		t.Errorf("a button release focused table %d", r.focusTable)
	}

	// The wheel in the reader: three lines a notch.
	hs.keys("g")
	top := r.top
	wheel := func(x, y int, b tea.MouseButton) {
		hs.send(tea.MouseMsg{X: x, Y: y, Button: b, Action: tea.MouseActionPress})
	}
	wheel(l.ReaderX+5, 5, tea.MouseButtonWheelDown)
	wheel(l.ReaderX+5, 5, tea.MouseButtonWheelDown)
	if r.top != top+6 {
		t.Errorf("two notches down: top %d, want %d", r.top, top+6)
	}
	wheel(l.ReaderX+5, 5, tea.MouseButtonWheelUp)
	if r.top != top+3 {
		t.Errorf("a notch up: top %d, want %d", r.top, top+3)
	}
	// Over the plans pane the wheel moves its cursor, not the reader.
	pl := hs.m.plansPane
	cur := pl.list.cursor
	wheel(2, 2, tea.MouseButtonWheelDown)
	if pl.list.cursor != cur+1 || r.top != top+3 {
		t.Errorf("wheel over the plans pane: cursor %d (want %d), reader top %d (want %d)", pl.list.cursor, cur+1, r.top, top+3)
	}
	wheel(2, 2, tea.MouseButtonWheelUp)
	if pl.list.cursor != cur {
		t.Errorf("wheel up over the plans pane: cursor %d, want %d", pl.list.cursor, cur)
	}
	// Over the outline, its cursor.
	o := hs.m.outline
	oc := o.list.cursor
	wheel(2, l.PlansH+3, tea.MouseButtonWheelUp)
	if o.list.cursor != max(oc-1, 0) || r.top != top+3 {
		t.Errorf("wheel over the outline: cursor %d (want %d), reader top %d", o.list.cursor, max(oc-1, 0), r.top)
	}
}

// TestListPageKeys: in the plans and outline panes PgDn/PgUp (f/b) move the
// cursor a page less one row, G to the last row and g to the first, the
// cursor always in view.
func TestListPageKeys(t *testing.T) {
	hs := newHarness(t, manyPlans(30), 80, 24)
	pl := hs.m.plansPane
	check := func(what string, l *cursorList, cursor int) {
		t.Helper()
		if l.cursor != cursor {
			t.Errorf("%s: cursor %d, want %d", what, l.cursor, cursor)
		}
		if l.cursor < l.top || l.cursor >= l.top+l.h || l.top < 0 || l.top > max(l.n-l.h, 0) {
			t.Errorf("%s: cursor %d out of view (top %d, %d rows of %d)", what, l.cursor, l.top, l.h, l.n)
		}
	}
	page := pl.list.h - 1
	if page < 2 {
		t.Fatalf("plans pane of %d rows: too small for the test", pl.list.h)
	}
	hs.keys("pgdown")
	check("pgdown", &pl.list, page)
	hs.keys("f")
	check("f", &pl.list, 2*page)
	hs.keys("pgup")
	check("pgup", &pl.list, page)
	hs.keys("b", "b")
	check("b past the top", &pl.list, 0)
	hs.keys("G")
	check("G", &pl.list, 29)
	if pl.list.top != 30-pl.list.h {
		t.Errorf("G: top %d, want %d (the last row at the bottom)", pl.list.top, 30-pl.list.h)
	}
	hs.keys("f")
	check("f at the end", &pl.list, 29)
	hs.keys("g")
	check("g", &pl.list, 0)
	hs.keys("end")
	check("end", &pl.list, 29)
	hs.keys("home")
	check("home", &pl.list, 0)
	// The view shows the cursor's row: G on 第29市.
	hs.keys("G")
	if row := rowOf(strings.Split(plain(hs.view()), "\n"), 0, hs.m.lay.SideW, "029市"); row < 0 || !strings.HasPrefix(strings.Split(plain(hs.view()), "\n")[row], focusGlyph) {
		t.Errorf("G: the last plan is not marked in the plans pane:\n%s", plain(hs.view()))
	}

	// The outline of a plan with many chapters.
	p := testPlans()[0]
	for i := 4; i <= 40; i++ {
		p.Sections = append(p.Sections, &model.Section{Path: fmt.Sprint(i), Level: 1, Kind: model.KindChapter, Number: fmt.Sprintf("第%d章", i), Title: "章", Line: 100 + i})
	}
	hs = newHarness(t, []*model.Plan{p}, 80, 24)
	hs.keys("tab")
	o := hs.m.outline
	n := o.list.n
	page = o.list.h - 1
	hs.keys("pgdown")
	check("outline pgdown", &o.list, page)
	hs.keys("f")
	check("outline f", &o.list, 2*page)
	hs.keys("pgup")
	check("outline pgup", &o.list, page)
	hs.keys("G")
	check("outline G", &o.list, n-1)
	if s := o.Selected(); s == nil || s.Number != "第40章" {
		t.Errorf("outline G: selected %v, want 第40章", s)
	}
	hs.keys("b")
	check("outline b", &o.list, n-1-page)
	hs.keys("g")
	check("outline g", &o.list, 0)
}

// TestSearchPrevBeforeAnyHit: N before n or enter goes to the last hit
// (and n to the first).
func TestSearchPrevBeforeAnyHit(t *testing.T) {
	hs := newHarness(t, testPlans(), 120, 40)
	hs.keys("/", "养老", "esc") // results listed, no hit shown
	s := hs.m.search
	if s.res.Len() < 3 || s.cur != -1 {
		t.Fatalf("set-up: %d hits, cur %d", s.res.Len(), s.cur)
	}
	for hs.m.focus != focusReader {
		hs.keys("tab")
	}
	hs.keys("N")
	last := s.res.Len() - 1
	if s.cur != last {
		t.Errorf("N before any hit went to hit %d, want the last, %d", s.cur, last)
	}
	if h, want := hs.m.reader.hl, s.res.Hit(last); h == nil || h.at.loc.Section != want.Loc.Section || h.at.loc.Block != want.Loc.Block || h.at.start != want.Start || hs.m.plans[hs.m.cur].ID != want.Loc.Plan {
		t.Errorf("N before any hit: the reader does not show the last hit (%s %s:%d)", want.Loc.Plan, want.Loc.Section, want.Start)
	}
	hs.keys("N")
	if s.cur != last-1 {
		t.Errorf("N again: hit %d, want %d", s.cur, last-1)
	}
	// And n, from a fresh search, to the first.
	hs = newHarness(t, testPlans(), 120, 40)
	hs.keys("/", "养老", "esc")
	for hs.m.focus != focusReader {
		hs.keys("tab")
	}
	hs.keys("n")
	if hs.m.search.cur != 0 {
		t.Errorf("n before any hit went to hit %d, want 0", hs.m.search.cur)
	}
}

// A table's header is pinned at the top of the reader while its body rows
// scroll beneath (issue 15): for every seed table with a header whose body
// is longer than the pane, scrolled into the body the pane's first rows
// are the header; with the header in view, or past the last body row,
// nothing is pinned.
func TestTableHeaderPinned(t *testing.T) {
	plans, _ := loader.LoadFS(seeds.FS())
	hs := newHarness(t, plans, 80, 24)
	pinned := 0
	for pi := range plans {
		hs.send(openPlanMsg{pi})
		for hs.m.focus != focusReader {
			hs.keys("tab")
		}
		r := hs.m.reader
		if r.d == nil {
			t.Fatalf("plan %d not laid out", pi)
		}
		for ti := range r.d.tables {
			dt := &r.d.tables[ti]
			first, end := dt.layout.HeaderLines()
			n := end - first
			body := dt.layout.BodyEnd() - end
			if n == 0 || body < r.contentH()+n {
				continue
			}
			header := make([]string, n)
			for k := range header {
				header[k] = strings.TrimRight(r.d.lineText(dt.start+first+k), " ")
			}
			// Scrolled three lines into the body.
			r.top = dt.start + end + 3
			got := readerBody(hs)
			for k := range header {
				if got[k] != " "+header[k] {
					t.Fatalf("plan %d table %d, scrolled into the body: row %d is %q, want the header's %q", pi, ti, k, got[k], header[k])
				}
			}
			if want := " " + strings.TrimRight(r.d.lineText(r.top+n), " "); got[n] != want {
				t.Errorf("plan %d table %d: below the pinned header %q, want %q", pi, ti, got[n], want)
			}
			pinned++
			// The header in view: nothing pinned, the lines as they are.
			r.top = dt.start + first
			if got := readerBody(hs); got[1] != " "+strings.TrimRight(r.d.lineText(r.top+1), " ") {
				t.Errorf("plan %d table %d, header in view: row 1 is %q", pi, ti, got[1])
			}
			// Only the bottom rule left: nothing pinned.
			r.top = dt.start + dt.layout.BodyEnd()
			if got := readerBody(hs); got[0] != " "+strings.TrimRight(r.d.lineText(r.top), " ") {
				t.Errorf("plan %d table %d, past its body: row 0 is %q", pi, ti, got[0])
			}
		}
	}
	if pinned == 0 {
		t.Fatal("no seed table is longer than the pane: nothing was tested")
	}
}

// A search hit in a wide table scrolls it where h and l would (one of its
// stops), with the whole hit in view whenever a stop can show it (issue
// 15: a hit in 懷化's table at 60×16 scrolled to offset 18, between the
// stops 15 and 42, and cut the first character). Every body cell of the
// seeds' wide tables, a hit on the cell's last four characters.
func TestTableHitOnStop(t *testing.T) {
	plans, _ := loader.LoadFS(seeds.FS())
	hs := newHarness(t, plans, 60, 16)
	checked := 0
	for pi, p := range plans {
		hs.send(openPlanMsg{pi})
		r := hs.m.reader
		if r.d == nil {
			t.Fatalf("plan %d not laid out", pi)
		}
		for ti := range r.d.tables {
			dt := &r.d.tables[ti]
			if !dt.wide() {
				continue
			}
			l := r.d.lines[dt.start]
			sec := r.d.secs[l.sec]
			for row := len(dt.t.Header); row < len(dt.t.Header)+len(dt.t.Rows); row++ {
				cells := dt.t.Rows[row-len(dt.t.Header)].Cells
				for col := 1; col < len(cells); col++ {
					text := cells[col].Text()
					if len([]rune(text)) < 4 {
						continue
					}
					start := len(text) - len(string([]rune(text)[len([]rune(text))-4:]))
					r.tableOff[dt.t] = 0
					r.JumpTo(model.Location{Plan: p.ID, Section: sec.Path, Block: int(l.block), Row: row, Col: col}, int(l.sub), start, len(text))
					if r.hl == nil || len(r.hl.spans) == 0 {
						continue
					}
					off := r.tableOff[dt.t]
					onStop := false
					for _, s := range dt.layout.Stops() {
						onStop = onStop || s == off
					}
					if !onStop {
						t.Fatalf("plan %d table %d cell (%d,%d): offset %d is not a stop %v", pi, ti, row, col, off, dt.layout.Stops())
					}
					sp := r.hl.spans[0]
					if len(r.hl.spans) > 1 {
						continue // wrapped over lines: its start shows (StopFor)
					}
					canShow := false
					for _, s := range dt.layout.Stops() {
						if a, b, ok := dt.layout.VisibleRange(sp.x0, sp.x1, s); ok && b-a == sp.x1-sp.x0 {
							canShow = true
						}
					}
					if a, b, ok := dt.layout.VisibleRange(sp.x0, sp.x1, off); canShow && (!ok || b-a != sp.x1-sp.x0) {
						t.Errorf("plan %d table %d cell (%d,%d) %q: the hit [%d,%d) shows as [%d,%d) at offset %d", pi, ti, row, col, text, sp.x0, sp.x1, a, b, off)
					}
					checked++
				}
			}
		}
	}
	if checked == 0 {
		t.Fatal("no hit in a wide table was checked")
	}
	t.Logf("%d hits in wide tables", checked)
}
