package tui

import (
	"regexp"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"planview/model"
	"planview/render"
)

func TestComputeLayout(t *testing.T) {
	tests := []struct {
		w, h, plans int
		want        layout
	}{
		{80, 24, 5, layout{W: 80, H: 24, SideW: 24, ReaderX: 25, ReaderW: 55, BodyH: 22, PlansH: 6, OutlineH: 16}},
		{120, 40, 5, layout{W: 120, H: 40, SideW: 36, ReaderX: 37, ReaderW: 83, BodyH: 38, PlansH: 6, OutlineH: 32}},
		{200, 50, 5, layout{W: 200, H: 50, SideW: 40, ReaderX: 41, ReaderW: 159, BodyH: 48, PlansH: 6, OutlineH: 42}},
		{60, 16, 5, layout{W: 60, H: 16, SideW: 22, ReaderX: 23, ReaderW: 37, BodyH: 14, PlansH: 5, OutlineH: 9}},
		{80, 24, 100, layout{W: 80, H: 24, SideW: 24, ReaderX: 25, ReaderW: 55, BodyH: 22, PlansH: 8, OutlineH: 14}},
		{59, 40, 5, layout{W: 59, H: 40, TooSmall: true}},
		{120, 15, 5, layout{W: 120, H: 15, TooSmall: true}},
	}
	for _, tc := range tests {
		got := computeLayout(tc.w, tc.h, tc.plans)
		if got != tc.want {
			t.Errorf("computeLayout(%d, %d, %d) = %+v, want %+v", tc.w, tc.h, tc.plans, got, tc.want)
		}
		if !got.TooSmall && got.SideW+sepWidth+got.ReaderW != tc.w {
			t.Errorf("%dx%d: panes take %d cells", tc.w, tc.h, got.SideW+sepWidth+got.ReaderW)
		}
		if !got.TooSmall && got.PlansH+got.OutlineH != got.BodyH {
			t.Errorf("%dx%d: sidebar rows %d+%d != %d", tc.w, tc.h, got.PlansH, got.OutlineH, got.BodyH)
		}
	}
}

// openSection walks the outline as a user would: from the plans pane, open
// the plan, then find each heading in the outline by moving down and
// pressing enter.
func (hs *harness) openSection(plan int, numbers ...string) {
	hs.t.Helper()
	hs.keys("p", "g")
	for i := 0; i < plan; i++ {
		hs.keys("j")
	}
	hs.keys("enter")
	for _, n := range numbers {
		found := false
		for tries := 0; tries < 200; tries++ {
			if s := hs.m.outline.Selected(); s != nil && s.Number == n {
				found = true
				break
			}
			hs.keys("j")
		}
		if !found {
			hs.t.Fatalf("no %s in the outline", n)
		}
		hs.keys("enter")
	}
}

func TestKeysOpenSection(t *testing.T) {
	hs := newHarness(t, testPlans(), 120, 40)
	if hs.m.focus != focusPlans {
		t.Fatalf("starts in pane %d, want the plans pane", hs.m.focus)
	}
	hs.openSection(0, "第一章", "第二节")
	if hs.m.focus != focusReader {
		t.Errorf("focus %d after opening a leaf section, want the reader", hs.m.focus)
	}
	s := hs.m.reader.Section()
	if s == nil || s.Path != "1.2" {
		t.Fatalf("reader at %v, want section 1.2", s)
	}
	v := plain(hs.view())
	lines := strings.Split(v, "\n")
	status := lines[len(lines)-2]
	if !strings.Contains(status, "天门市 › 第一章 › 第二节") {
		t.Errorf("status line %q does not name the section", status)
	}
	if !strings.Contains(v, "第二节 主要指标") {
		t.Errorf("reader does not show the section heading:\n%s", v)
	}

	// ] and [ step through headings.
	hs.keys("]")
	if s := hs.m.reader.Section(); s.Path != "2" {
		t.Errorf("] went to %s, want 2", s.Path)
	}
	hs.keys("[", "[")
	if s := hs.m.reader.Section(); s.Path != "1.1" {
		t.Errorf("[ [ went to %s, want 1.1", s.Path)
	}
	// Back returns to where the outline jump started (the chapter).
	hs.keys("backspace")
	if s := hs.m.reader.Section(); s == nil || s.Path != "1" {
		t.Errorf("back went to %v, want 1", s)
	}
	hs.keys("ctrl+o")
	if s := hs.m.reader.Section(); s != nil {
		t.Errorf("second back went to %s, want the preamble", s.Path)
	}
	if hs.m.c.keys.Back.Enabled() {
		t.Errorf("back still enabled with an empty history")
	}
	hs.keys("q")
	if !hs.quit {
		t.Errorf("q did not quit")
	}
}

func TestTabCyclesPanes(t *testing.T) {
	hs := newHarness(t, testPlans(), 80, 24)
	want := []focus{focusOutline, focusReader, focusPlans}
	for _, f := range want {
		hs.keys("tab")
		if hs.m.focus != f {
			t.Fatalf("tab: focus %d, want %d", hs.m.focus, f)
		}
	}
	hs.keys("shift+tab")
	if hs.m.focus != focusReader {
		t.Fatalf("shift+tab: focus %d, want reader", hs.m.focus)
	}
}

func TestOutlineFolding(t *testing.T) {
	hs := newHarness(t, testPlans(), 80, 24)
	hs.keys("tab") // outline
	o := hs.m.outline
	n := len(o.rows)
	hs.keys("j", "l") // 第一章, unfold
	if len(o.rows) != n+2 {
		t.Fatalf("unfolding 第一章 shows %d rows, want %d", len(o.rows), n+2)
	}
	hs.keys("l") // already open: to the first child
	if s := o.Selected(); s.Path != "1.1" {
		t.Errorf("l on an open node went to %s, want 1.1", s.Path)
	}
	hs.keys("h") // to the parent
	if s := o.Selected(); s.Path != "1" {
		t.Errorf("h on a child went to %s, want 1", s.Path)
	}
	hs.keys(" ") // fold
	if len(o.rows) != n {
		t.Errorf("space did not fold: %d rows", len(o.rows))
	}
}

func TestPositionKeptPerPlanAndOnResize(t *testing.T) {
	hs := newHarness(t, testPlans(), 120, 40)
	hs.openSection(0, "第二章", "第二节")
	hs.keys("j")
	before := hs.m.reader.Anchor()
	sec := hs.m.reader.Section().Path

	hs.openSection(1) // switch to the other plan…
	if hs.m.reader.plan.ID != "tongdao" {
		t.Fatalf("plan %s, want tongdao", hs.m.reader.plan.ID)
	}
	hs.openSection(0) // …and back
	if got := hs.m.reader.Anchor(); got != before {
		t.Errorf("position after switching plans %+v, want %+v", got, before)
	}

	for _, size := range [][2]int{{80, 24}, {200, 50}, {63, 17}, {120, 40}} {
		hs.send(tea.WindowSizeMsg{Width: size[0], Height: size[1]})
		if got := hs.m.reader.Section(); got == nil || got.Path != sec {
			t.Errorf("after resizing to %v the reader is at %v, want %s", size, got, sec)
		}
		checkWidths(t, hs.view(), size[0], size[1])
	}
}

func TestWideTableScrolls(t *testing.T) {
	hs := newHarness(t, testPlans(), 80, 24)
	hs.openSection(0, "第一章", "第二节")
	r := hs.m.reader
	ft := r.FocusedTable()
	if ft == nil {
		t.Fatalf("no focused table in view; tables %+v", r.d.tables)
	}
	if !hs.m.c.keys.TableRight.Enabled() {
		t.Errorf("table keys disabled with a wide table in view")
	}
	if !strings.Contains(plain(hs.m.statusLine()), "table 0/") {
		t.Errorf("status line does not show the table: %q", plain(hs.m.statusLine()))
	}
	before := plain(hs.view())
	hs.keys("l", "l")
	// l steps a column at a time: the third column's left edge meets the
	// frozen first column.
	if stops := ft.layout.Stops(); r.tableOff[ft.t] != stops[min(2, len(stops)-1)] {
		t.Errorf("table offset %d after l l, want %d (stops %v)", r.tableOff[ft.t], stops[min(2, len(stops)-1)], stops)
	}
	after := plain(hs.view())
	if after == before {
		t.Errorf("scrolling the table changed nothing")
	}
	checkWidths(t, after, 80, 24)
	// The first column stays: 社会救助 is still on screen.
	if !strings.Contains(after, "社会救助") {
		t.Errorf("frozen first column lost:\n%s", after)
	}
	hs.keys("h", "h", "h")
	if got := r.tableOff[ft.t]; got != 0 {
		t.Errorf("offset %d after scrolling back, want 0", got)
	}
}

func TestMouse(t *testing.T) {
	hs := newHarness(t, testPlans(), 120, 40)
	l := hs.m.lay
	// Click the second plan.
	hs.send(tea.MouseMsg{X: 3, Y: 2, Button: tea.MouseButtonLeft, Action: tea.MouseActionPress})
	if hs.m.cur != 1 {
		t.Fatalf("click on the second plan opened plan %d", hs.m.cur)
	}
	hs.send(tea.MouseMsg{X: 3, Y: 1, Button: tea.MouseButtonLeft, Action: tea.MouseActionPress})
	// Click 第一章 in the outline (row 0 is the front matter).
	hs.send(tea.MouseMsg{X: 3, Y: l.PlansH + 2, Button: tea.MouseButtonLeft, Action: tea.MouseActionPress})
	if s := hs.m.reader.Section(); s == nil || s.Path != "1" {
		t.Fatalf("click on 第一章 shows %v", s)
	}
	top := hs.m.reader.top
	hs.send(tea.MouseMsg{X: l.ReaderX + 5, Y: 5, Button: tea.MouseButtonWheelDown, Action: tea.MouseActionPress})
	if hs.m.reader.top != top+3 {
		t.Errorf("wheel moved the reader from %d to %d", top, hs.m.reader.top)
	}
}

func TestHelpOverlayAndTooSmall(t *testing.T) {
	hs := newHarness(t, testPlans(), 80, 24)
	hs.keys("?")
	v := plain(hs.view())
	for _, want := range []string{"next pane", "search", "fold", "page down", "quit", "▸ the focused pane", "* the open plan"} {
		if !strings.Contains(v, want) {
			t.Errorf("help overlay lacks %q:\n%s", want, v)
		}
	}
	checkWidths(t, hs.view(), 80, 24)
	hs.keys("q") // closes the overlay, does not quit
	if hs.quit || hs.m.showHelp {
		t.Errorf("q in the help overlay: quit %v, help %v", hs.quit, hs.m.showHelp)
	}
	hs.send(tea.WindowSizeMsg{Width: 50, Height: 12})
	v = plain(hs.view())
	if !strings.Contains(v, "at least 60×16") {
		t.Errorf("small terminal view: %q", v)
	}
	checkWidths(t, hs.view(), 50, 12)
}

// TestTooSmallMessageWraps: below 60×16 the message wraps to the terminal,
// no line wider than it and no more lines than it has, and the size needed
// shows whenever the terminal has room for it (at 20×5 it was cut to
// "planview needs a ter").
func TestTooSmallMessageWraps(t *testing.T) {
	defer render.InitFromEnv()
	for _, ea := range []bool{false, true} {
		render.SetEastAsian(ea)
		for _, size := range [][2]int{{20, 5}, {10, 3}, {5, 1}, {1, 1}, {59, 15}, {30, 2}} {
			w, h := size[0], size[1]
			hs := newHarness(t, testPlans(), w, h)
			v := plain(hs.view())
			checkWidths(t, hs.view(), w, h)
			need := "60×16"
			if render.Width(need) <= w && !strings.Contains(v, need) {
				t.Errorf("EA %v, %dx%d: the size needed is not shown:\n%s", ea, w, h, v)
			}
			if w == 20 && h == 5 && !strings.Contains(strings.ReplaceAll(v, "\n", " "), "this one is 20×5") {
				t.Errorf("EA %v, 20x5: the whole message does not fit:\n%s", ea, v)
			}
			if v == "" {
				t.Errorf("EA %v, %dx%d: empty screen", ea, w, h)
			}
		}
	}
}

func TestJumpHighlights(t *testing.T) {
	lipgloss.SetColorProfile(termenv.TrueColor)
	defer lipgloss.SetColorProfile(termenv.Ascii)
	plans := testPlans()
	hs := &harness{t: t, m: New(plans)}
	hs.send(tea.WindowSizeMsg{Width: 80, Height: 24})
	hs.keys("p", "j", "enter") // open the other plan first
	text := plans[0].Find("1.1").Blocks[0].Text
	start := strings.Index(text, "城乡低保")
	hs.send(jumpMsg{Loc: model.Location{Plan: "tianmen", Section: "1.1", Block: 0, Row: -1, Col: -1}, Start: start, End: start + len("城乡低保"), Sub: -1})
	if hs.m.cur != 0 || hs.m.focus != focusReader {
		t.Fatalf("jump: plan %d focus %d", hs.m.cur, hs.m.focus)
	}
	if s := hs.m.reader.Section(); s == nil || !strings.HasPrefix(s.Path, "1") {
		t.Errorf("jump shows %v", s)
	}
	hl := hs.m.c.styles.Highlight.Render("城乡低保")
	if !strings.Contains(hs.view(), hl) {
		t.Errorf("the hit is not highlighted")
	}
	// A hit in a table cell.
	tb := plans[0].Find("1.2").Blocks[1].Table
	c := tb.Rows[1].Cells[2].Text()
	hs.send(jumpMsg{Loc: model.Location{Plan: "tianmen", Section: "1.2", Block: 1, Row: 2, Col: 2}, Start: 0, End: len("每千名"), Sub: -1})
	if !strings.Contains(hs.view(), hs.m.c.styles.Highlight.Render("每千名")) {
		t.Errorf("the cell hit in %q is not highlighted", c)
	}
	// Back twice: to the first jump's origin plan.
	hs.keys("backspace", "backspace")
	if hs.m.cur != 1 {
		t.Errorf("back did not return to the first plan: %d", hs.m.cur)
	}
}

func TestNoControlCharacters(t *testing.T) {
	lipgloss.SetColorProfile(termenv.TrueColor)
	defer lipgloss.SetColorProfile(termenv.Ascii)
	evil := "\x1b[31m红\x1b]0;title\x07\x07\x00\r\x08\u009b2J\u0085字\x7f"
	p := testPlans()[0]
	p.Title += evil
	p.Region += evil
	p.Preamble[0].Text += evil
	s := p.Find("1.2")
	s.Title += evil
	s.Number += "\x1b[2J"
	tb := s.Blocks[1].Table
	tb.Caption += evil
	tb.Rows[0].Cells[2].Lines[0] += evil
	tb.Notes[0] += evil
	p.Find("2.1").Blocks[2].Text += evil
	p.Find("2.1").Blocks[2].Children[0].Text += evil
	sgr := regexp.MustCompile("\x1b\\[[0-9;]*m")
	hs := &harness{t: t, m: New([]*model.Plan{p})}
	for _, size := range [][2]int{{80, 24}, {200, 50}} {
		hs.send(tea.WindowSizeMsg{Width: size[0], Height: size[1]})
		for _, step := range [][]string{nil, {"tab", "j", "enter", "j", "j", "enter"}, {"G"}, {"?"}} {
			hs.keys(step...)
			v := hs.view()
			if !strings.Contains(v, "\x1b[") {
				t.Fatalf("no colour at all: the test is not testing SGR stripping")
			}
			rest := sgr.ReplaceAllString(v, "")
			for i, r := range rest {
				if r == '\n' {
					continue
				}
				if r < 0x20 || (r >= 0x7f && r < 0xa0) {
					t.Fatalf("control character %U at %d in view: %q", r, i, rest[max(0, i-20):min(len(rest), i+20)])
				}
			}
			if !strings.Contains(rest, "红") || strings.Contains(rest, "[31m") {
				t.Errorf("sanitised text missing or escape residue left")
			}
		}
		hs.keys("esc")
	}
	_ = render.Width
}

func TestNoPlansAndEmptyPlan(t *testing.T) {
	hs := newHarness(t, nil, 80, 24)
	hs.keys("j", "enter", "tab", "j", "enter", "tab", "j", "[", "]", "backspace", "?", "esc")
	checkWidths(t, hs.view(), 80, 24)
	empty := &model.Plan{ID: "empty"}
	hs = newHarness(t, []*model.Plan{empty, testPlans()[0]}, 80, 24)
	hs.keys("enter", "tab", "j", "G", "g", "]", "[", "t", "l", "p", "j", "enter", "backspace")
	if hs.m.cur != 0 {
		t.Errorf("back from the second plan went to plan %d", hs.m.cur)
	}
	checkWidths(t, hs.view(), 80, 24)
	if !strings.Contains(plain(hs.view()), "(empty plan)") {
		t.Errorf("an empty plan shows:\n%s", plain(hs.view()))
	}
}

// Without colour (a screen capture, a colour-stripped golden) the focused
// pane and the selected rows still show: the focused pane's title starts
// with ▸, the cursor row of a focused list starts with ▸, and * marks the
// open plan and the section being read.
func TestFocusVisibleWithoutColour(t *testing.T) {
	hs := newHarness(t, testPlans(), 80, 24)
	l := hs.m.lay
	side := func() []string { // the sidebar part of each body line
		var out []string
		for _, s := range strings.Split(plain(hs.view()), "\n")[:l.BodyH] {
			out = append(out, render.Truncate(s, l.SideW))
		}
		return out
	}
	readerTitle := func() string {
		return render.Slice(strings.Split(plain(hs.view()), "\n")[0], l.ReaderX, l.ReaderW)
	}
	titles := func(s []string) (plans, outline string) { return s[0], s[l.PlansH] }

	// At start: the plans pane, cursor on the open plan.
	s := side()
	p, o := titles(s)
	if !strings.HasPrefix(p, "▸ 规划") || strings.HasPrefix(o, "▸") || strings.HasPrefix(readerTitle(), "▸") {
		t.Errorf("start: titles %q / %q / %q, want only the plans pane marked", p, o, readerTitle())
	}
	if !strings.HasPrefix(s[1], "▸* 天门市") || !strings.HasPrefix(s[2], "   通道") {
		t.Errorf("start: plan rows %q %q, want the cursor and the open mark on 天门市", s[1], s[2])
	}
	// j moves the cursor, not the open plan.
	hs.keys("j")
	s = side()
	if !strings.HasPrefix(s[1], " * 天门市") || !strings.HasPrefix(s[2], "▸  通道") {
		t.Errorf("after j: plan rows %q %q", s[1], s[2])
	}
	hs.keys("k", "enter") // open 天门市: the outline takes the focus
	s = side()
	p, o = titles(s)
	if strings.HasPrefix(p, "▸") || !strings.HasPrefix(o, "▸ 目录") {
		t.Errorf("outline focused: titles %q / %q", p, o)
	}
	if strings.Contains(strings.Join(s[:l.PlansH], "\n"), "▸*") || !strings.HasPrefix(s[1], " * 天门市") {
		t.Errorf("a blurred plans pane shows a cursor: %q", s[:l.PlansH])
	}
	if n := strings.Count(strings.Join(s[l.PlansH+1:], "\n"), "▸"); n != 1 || !strings.HasPrefix(s[l.PlansH+1], "▸ ") {
		t.Errorf("outline: %d cursor rows, want 1 on its first row:\n%s", n, strings.Join(s[l.PlansH:], "\n"))
	}
	hs.keys("j", "enter", "j", "j", "enter") // 第一章 › 第二节: the reader takes the focus
	s = side()
	p, o = titles(s)
	if strings.HasPrefix(p, "▸") || strings.HasPrefix(o, "▸") || !strings.HasPrefix(readerTitle(), "▸ 天门市") {
		t.Errorf("reader focused: titles %q / %q / %q", p, o, readerTitle())
	}
	if strings.Contains(strings.Join(s[1:], "\n"), "▸") {
		t.Errorf("a cursor glyph in blurred lists:\n%s", strings.Join(s, "\n"))
	}
	if got := strings.Join(s[l.PlansH+1:], "\n"); !strings.Contains(got, " *    第二节 主要指标") {
		t.Errorf("the section being read is not marked with *:\n%s", got)
	}
}

// Keys typed in one burst arrive as one message ("jjj") or before the
// commands of earlier keys have run: they still act one by one, in order.
func TestKeysInABurst(t *testing.T) {
	hs := newHarness(t, testPlans(), 80, 24)
	hs.send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("jk")})
	if c := hs.m.plansPane.list.cursor; c != 0 {
		t.Errorf(`"jk" in one message: cursor on plan %d, want 0`, c)
	}
	hs.send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("j")})
	// Without running any command: enter opens the plan and moves the focus
	// before the next key is read, so "j" moves in the outline.
	hs.m.Update(keyMsg("enter"))
	if hs.m.cur != 1 || hs.m.focus != focusOutline {
		t.Fatalf("enter: plan %d, focus %d before its command ran", hs.m.cur, hs.m.focus)
	}
	hs.m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("pk")})
	hs.m.Update(keyMsg("enter"))
	hs.m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("jj")})
	if hs.m.cur != 0 || hs.m.plansPane.list.cursor != 0 {
		t.Errorf("p k enter: plan %d, cursor %d, want 0", hs.m.cur, hs.m.plansPane.list.cursor)
	}
	if s := hs.m.outline.Selected(); s == nil || s.Path != "2" { // front matter, 第一章, 第二章
		t.Errorf(`"jj" in the outline: on %v, want 第二章`, s)
	}
}

// Resizing with a table's grid at the top keeps the same table row at the
// top, though its cells wrap onto a different number of lines.
func TestResizeKeepsTableRow(t *testing.T) {
	hs := newHarness(t, testPlans(), 80, 24)
	hs.openSection(0, "第一章", "第二节")
	r := hs.m.reader
	rowAtTop := func() int {
		l := r.d.lines[r.top]
		if l.table < 0 {
			return -1
		}
		dt := &r.d.tables[l.table]
		row := -1
		for i := 0; dt.layout.RowLine(i) >= 0; i++ {
			if dt.start+dt.layout.RowLine(i) <= r.top {
				row = i
			}
		}
		return row
	}
	// Scroll to the second line of row 2 (养老服务, 每千名老年人拥有养老床位数).
	for n := 0; n < 50 && !(rowAtTop() == 2 && r.d.lines[r.top-1].table >= 0 && rowAtTop() == 2 && r.top > r.d.tables[0].start+r.d.tables[0].layout.RowLine(2)); n++ {
		hs.keys("j")
	}
	if rowAtTop() != 2 {
		t.Fatalf("could not scroll to row 2 of the table: top line %q", r.d.lineText(r.top))
	}
	for _, size := range [][2]int{{200, 50}, {120, 40}, {80, 24}} {
		hs.send(tea.WindowSizeMsg{Width: size[0], Height: size[1]})
		if got := rowAtTop(); got != 2 {
			t.Errorf("after resizing to %v the top shows table row %d (%q), want row 2", size, got, r.d.lineText(r.top))
		}
	}
}

// A notice (files that failed to load) stands in the status line, within the
// terminal's width, until the first key press.
func TestNoticeUntilFirstKey(t *testing.T) {
	m := newTestModel(testPlans())
	m.SetNotice("2 files could not be loaded (listed on stderr when you quit)\x1b[31m")
	hs := &harness{t: t, m: m}
	hs.send(tea.WindowSizeMsg{Width: 80, Height: 24})
	lines := strings.Split(plain(hs.view()), "\n")
	status := lines[len(lines)-2]
	if !strings.Contains(status, "2 files could not be loaded") {
		t.Fatalf("status line %q lacks the notice", status)
	}
	if strings.Contains(hs.view(), "\x1b[31m") {
		t.Error("the notice's escape sequence reached the view")
	}
	for _, l := range lines {
		if w := render.Width(l); w > 80 {
			t.Errorf("line %d cells wide: %q", w, l)
		}
	}
	hs.keys("j")
	lines = strings.Split(plain(hs.view()), "\n")
	if status := lines[len(lines)-2]; strings.Contains(status, "could not be loaded") {
		t.Errorf("notice still shown after a key: %q", status)
	}
}

// A plan with neither region nor title (a file with no title line) is named
// by its id in the status line, not by an empty crumb.
func TestStatusNamesUntitledPlanByID(t *testing.T) {
	p := &model.Plan{ID: "notes-2021", Sections: []*model.Section{{Path: "1", Level: 1, Kind: model.KindChapter, Number: "第一章", Title: "总则", Line: 1,
		Blocks: []model.Block{{Kind: model.Paragraph, Text: "正文。", Line: 2}}}}}
	hs := newHarness(t, []*model.Plan{p}, 80, 24)
	lines := strings.Split(plain(hs.view()), "\n")
	if status := lines[len(lines)-2]; !strings.HasPrefix(status, " notes-2021") {
		t.Errorf("status line %q does not start with the plan's id", status)
	}
}
