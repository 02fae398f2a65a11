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
	if got := r.tableOff[ft.t]; got != 2*tableStep && got != ft.maxOffset() {
		t.Errorf("table offset %d after l l", got)
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
	for _, want := range []string{"next pane", "search", "fold", "page down", "quit"} {
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
	if !strings.Contains(v, "at least 60x16") {
		t.Errorf("small terminal view: %q", v)
	}
	checkWidths(t, hs.view(), 50, 12)
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
