package tui

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"planview/loader"
	"planview/model"
	"planview/render"
	"planview/search"
	"planview/seeds"
)

func searchSeedPlans(t *testing.T) []*model.Plan {
	t.Helper()
	plans, errs := loader.LoadFS(seeds.FS())
	if len(errs) > 0 || len(plans) == 0 {
		t.Fatalf("loading seeds: %v", errs)
	}
	return plans
}

// typeQuery types q one rune at a time, the way a terminal delivers it.
func (hs *harness) typeQuery(q string) *harness {
	for _, r := range q {
		hs.send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}})
	}
	return hs
}

func TestSearchPaneTypeEnterNext(t *testing.T) {
	for _, size := range [][2]int{{120, 40}, {80, 24}} {
		t.Run(fmt.Sprintf("%dx%d", size[0], size[1]), func(t *testing.T) {
			testSearchPaneTypeEnterNext(t, size[0], size[1])
		})
	}
}

func testSearchPaneTypeEnterNext(t *testing.T, w, h int) {
	plans := searchSeedPlans(t)
	// Colours on: the hit must be on screen in the highlight's colours.
	lipgloss.SetColorProfile(termenv.TrueColor)
	defer lipgloss.SetColorProfile(termenv.Ascii)
	hs := &harness{t: t, m: New(plans)}
	hs.send(tea.WindowSizeMsg{Width: w, Height: h})
	hs.keys("/")
	if hs.m.focus != focusSearch {
		t.Fatalf("/ did not focus the search pane")
	}
	// Hits show as you type: after 养老 already, then narrowed.
	hs.typeQuery("养老")
	s := hs.m.search
	if s.res.Len() == 0 || !strings.Contains(plain(hs.view()), "hits in") {
		t.Fatalf("no hits while typing 养老:\n%s", plain(hs.view()))
	}
	hs.typeQuery("床位")
	want, err := search.New(plans).Search(context.Background(), "养老床位")
	if err != nil {
		t.Fatal(err)
	}
	if s.res.Len() != want.Len() || s.res.Query != "养老床位" {
		t.Fatalf("pane shows %d hits for %q, a direct search finds %d", s.res.Len(), s.res.Query, want.Len())
	}
	v := plain(hs.view())
	checkWidths(t, hs.view(), w, h)
	// Grouped by plan with counts: four plans mention 养老床位.
	counts := want.Counts()
	if len(counts) < 4 {
		t.Fatalf("only %d plans with hits", len(counts))
	}
	if !strings.Contains(v, "hits in "+strconv.Itoa(len(counts))+" of "+strconv.Itoa(len(plans))+" plans") {
		t.Errorf("status does not count the plans:\n%s", v)
	}
	if !strings.Contains(v, counts[0].Plan.Title) || !strings.Contains(v, strconv.Itoa(counts[0].Count)+" hit") {
		t.Errorf("first plan's group header missing:\n%s", v)
	}
	// Each hit shows its section path and a context line with the match.
	h0 := want.Hit(0)
	if !strings.Contains(v, h0.Loc.Section+" ") || !strings.Contains(v, h0.Match) {
		t.Errorf("first hit (%s, %q) not shown:\n%s", h0.Loc.Section, h0.Match, v)
	}

	// Enter lands on the first hit, highlighted, in its plan.
	hs.keys("enter")
	if hs.m.focus != focusReader {
		t.Fatalf("enter did not move to the reader")
	}
	checkJump(t, hs, want.Hit(0))
	// n steps through the hits in order, across plans; N steps back.
	for i := 1; i < want.Len(); i++ {
		hs.keys("n")
		checkJump(t, hs, want.Hit(i))
	}
	hs.keys("n") // wraps to the first
	checkJump(t, hs, want.Hit(0))
	hs.keys("N")
	checkJump(t, hs, want.Hit(want.Len()-1))

	// / again shows the same query and hits; esc returns to the reader.
	hs.keys("/")
	if hs.m.focus != focusSearch || s.input.Value() != "养老床位" {
		t.Errorf("reopened pane: focus %d, query %q", hs.m.focus, s.input.Value())
	}
	hs.keys("esc")
	if hs.m.focus != focusReader {
		t.Errorf("esc returned to %d, not the reader", hs.m.focus)
	}
}

// checkJump checks that the reader shows hit h: its plan, and the match
// highlighted (the cell for a table hit).
func checkJump(t *testing.T, hs *harness, h search.Hit) {
	t.Helper()
	if got := hs.m.plans[hs.m.cur].ID; got != h.Loc.Plan {
		t.Fatalf("reader on plan %s, hit is in %s", got, h.Loc.Plan)
	}
	hl := hs.m.reader.hl
	if hl == nil {
		t.Fatalf("no highlight for the hit at %s:%d", h.Loc.Plan, h.Loc.Line)
	}
	if hl.start != h.Start || hl.end != h.End {
		t.Errorf("highlight [%d,%d), hit [%d,%d)", hl.start, hl.end, h.Start, h.End)
	}
	if int(hl.key.block) != h.Loc.Block || int(hl.key.sub) != h.Sub {
		t.Errorf("highlight in block %d/%d, hit in block %d/%d", hl.key.block, hl.key.sub, h.Loc.Block, h.Sub)
	}
	if (h.Kind == search.KindCell) != hl.cell {
		t.Errorf("hit kind %s, highlight in cell %v", h.Kind, hl.cell)
	}
	// The hit is on screen, highlighted: the highlighted pieces of the
	// view (a match wraps over lines, in a paragraph or a narrow table
	// column) spell the match, and nothing else is highlighted.
	v := hs.view()
	checkWidths(t, v, hs.m.lay.W, hs.m.lay.H)
	if got, want := highlighted(hs.m.c.styles, v), squeeze(h.Match); got != want {
		t.Errorf("hit %q (%s:%d, %s, row %d col %d): the screen highlights %q\n%s",
			h.Match, h.Loc.Plan, h.Loc.Line, h.Kind, h.Loc.Row, h.Loc.Col, got, plain(v))
	}
}

// highlighted joins the texts painted with the hit style in a view, with
// whitespace removed.
func highlighted(st *Styles, view string) string {
	hl := st.Highlight
	if hl.pre == "" {
		panic("the highlight has no colour: set a colour profile")
	}
	var b strings.Builder
	for {
		i := strings.Index(view, hl.pre)
		if i < 0 {
			break
		}
		view = view[i+len(hl.pre):]
		j := strings.Index(view, hl.post)
		if j < 0 {
			break
		}
		b.WriteString(view[:j])
		view = view[j+len(hl.post):]
	}
	return squeeze(b.String())
}

// squeeze drops whitespace (a match may span a line break).
func squeeze(s string) string { return strings.Join(strings.Fields(s), "") }

// Typing fast: only the latest query is searched; ticks and results for
// earlier edits are ignored, and the search in flight is cancelled.
func TestSearchPaneDebounceAndCancel(t *testing.T) {
	plans := searchSeedPlans(t)
	c := &common{styles: DefaultStyles(), keys: func() *KeyMap { k := DefaultKeyMap(); return &k }()}
	s := newSearchPane(c, plans)
	s.SetSize(100, 30)
	s.Open()
	var ticks []tea.Cmd
	for _, r := range "养老床" {
		ticks = append(ticks, s.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}}))
	}
	if !s.searching {
		t.Fatal("not waiting for a search after an edit")
	}
	// Old ticks are stale: no search starts.
	for _, tc := range ticks[:2] {
		if cmd := s.Update(runTick(t, tc)); cmd != nil {
			t.Errorf("a stale tick started a search")
		}
	}
	// The latest tick starts one; before it finishes the user types on.
	run := s.Update(runTick(t, ticks[2]))
	if run == nil {
		t.Fatal("the latest tick started no search")
	}
	s.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("位")})
	msg := run().(searchResultMsg)
	if !errors.Is(msg.err, context.Canceled) {
		t.Errorf("the stale search was not cancelled: err %v", msg.err)
	}
	s.Update(msg)
	if s.res != nil {
		t.Errorf("a stale result was shown")
	}
	// Empty query clears.
	for range 4 {
		s.Update(tea.KeyMsg{Type: tea.KeyBackspace})
	}
	if s.searching || s.res != nil || !strings.Contains(plain(s.View()), "type to search") {
		t.Errorf("cleared query still searching or showing hits")
	}
}

// runTick runs a debounce command (it sleeps for the debounce) and returns
// its tick message.
func runTick(t *testing.T, cmd tea.Cmd) tea.Msg {
	t.Helper()
	if cmd == nil {
		t.Fatal("no command for an edit")
	}
	msg := cmd()
	if b, ok := msg.(tea.BatchMsg); ok {
		for _, c := range b {
			if c == nil {
				continue
			}
			if m, ok := c().(searchTickMsg); ok {
				return m
			}
		}
		t.Fatal("no tick in the batch")
	}
	return msg
}

// The pane never writes control characters from plan text, and fits its
// size at any width.
func TestSearchPaneHostileAndNarrow(t *testing.T) {
	lipgloss.SetColorProfile(termenv.TrueColor)
	defer lipgloss.SetColorProfile(termenv.Ascii)
	evil := "\x1b[31m\x07\r\u009b2J"
	p := testPlans()[0]
	p.Title += evil
	s := p.Find("1.2")
	s.Title += evil
	tb := s.Blocks[1].Table
	tb.Rows[1].Cells[2].Lines[0] = "每千名" + evil + "老年人拥有养老床位数（张）"
	p.Find("1").Blocks[0].Text = "养老\n床位" + evil + p.Find("1").Blocks[0].Text
	sgr := regexp.MustCompile("\x1b\\[[0-9;]*m")
	for _, w := range []int{20, 41, 80, 160} {
		hs := &harness{t: t, m: New([]*model.Plan{p})}
		hs.send(tea.WindowSizeMsg{Width: w, Height: 24})
		hs.keys("/")
		hs.typeQuery("养老床位")
		if hs.m.search.res.Len() < 2 {
			t.Fatalf("width %d: %d hits", w, hs.m.search.res.Len())
		}
		hs.keys("down")
		v := hs.view()
		checkWidths(t, v, w, 24)
		rest := sgr.ReplaceAllString(v, "")
		for _, r := range rest {
			if r != '\n' && (r < 0x20 || (r >= 0x7f && r < 0xa0)) {
				t.Fatalf("width %d: control character %U in the view", w, r)
			}
		}
		if w >= 80 && !strings.Contains(v, hs.m.c.styles.Highlight.Render("养老床位")) {
			t.Errorf("width %d: match not highlighted", w)
		}
	}
}

// Resizing while a cell hit is shown keeps it in view and highlighted
// (the table is laid out again, its cells wrap differently).
func TestResizeKeepsCellHit(t *testing.T) {
	plans := searchSeedPlans(t)
	lipgloss.SetColorProfile(termenv.TrueColor)
	defer lipgloss.SetColorProfile(termenv.Ascii)
	res, err := search.New(plans).Search(context.Background(), "养老床位")
	if err != nil {
		t.Fatal(err)
	}
	cells := 0
	for i := 0; i < res.Len(); i++ {
		h := res.Hit(i)
		if h.Kind != search.KindCell {
			continue
		}
		cells++
		hs := &harness{t: t, m: New(plans)}
		hs.send(tea.WindowSizeMsg{Width: 80, Height: 24})
		hs.send(jumpMsg{Loc: h.Loc, Start: h.Start, End: h.End, Sub: h.Sub})
		// (At the minimum size a hit wrapped in a column wider than the
		// window cannot show whole: the reader shows where it starts.)
		for _, size := range [][2]int{{100, 30}, {200, 50}, {120, 40}, {80, 24}} {
			hs.send(tea.WindowSizeMsg{Width: size[0], Height: size[1]})
			v := hs.view()
			checkWidths(t, v, size[0], size[1])
			if got := highlighted(hs.m.c.styles, v); got != squeeze(h.Match) {
				t.Errorf("%s:%d (row %d col %d) after resizing to %v: highlighted %q\n%s",
					h.Loc.Plan, h.Loc.Line, h.Loc.Row, h.Loc.Col, size, got, plain(v))
			}
		}
	}
	if cells < 4 {
		t.Fatalf("only %d cell hits for 养老床位", cells)
	}
}

// The hits list every plan searched, one without a hit as "0 hits" (issue
// 15: a reviewer comparing counties must see which has none); a hit in a
// table is placed by the table's caption and the row's label, not by the
// heading before the table; a place too long for the pane ends with "…".
func TestSearchShowsAbsence(t *testing.T) {
	plans, _ := loader.LoadFS(seeds.FS())
	hs := newHarness(t, plans, 80, 24)
	hs.keys("/")
	hs.typeQuery("护理型床位占比")
	s := hs.m.search
	if s.res.Len() == 0 {
		t.Fatal("no hits")
	}
	with := map[string]bool{}
	for _, c := range s.res.Counts() {
		with[c.Plan.ID] = true
	}
	if len(with) == len(plans) {
		t.Fatal("every plan has a hit: absence untested")
	}
	// The whole list, page by page.
	var list []string
	for _, g := range s.groups {
		list = append(list, stripANSI(s.groupLine(g)))
		for k := 0; k < g.count; k++ {
			a, _ := s.hitLines(g.first + k)
			list = append(list, stripANSI(a))
		}
	}
	text := strings.Join(list, "\n")
	for _, p := range plans {
		title := render.Clean(p.Title)
		want := " 0 hits"
		if with[p.ID] {
			want = ""
		}
		found := false
		for _, l := range list {
			if strings.HasPrefix(strings.TrimSpace(l), string([]rune(title)[:6])) {
				found = true
				if want != "" && !strings.Contains(l, want) {
					t.Errorf("plan %s without a hit: %q, want %q", p.ID, l, want)
				}
			}
		}
		if !found {
			t.Errorf("plan %s is not listed:\n%s", p.ID, text)
		}
	}
	// A table hit: caption › row label (懷化's indicator table).
	cell := false
	for i := 0; i < s.res.Len(); i++ {
		if h := s.hit(i); h.Kind == search.KindCell {
			a, _ := s.hitLines(i)
			a = stripANSI(a)
			if !strings.Contains(a, " › ") || strings.Contains(a, "[row") || !strings.Contains(a, " :"+strconv.Itoa(h.Loc.Line)) {
				t.Errorf("a table hit placed as %q, want caption › row label :%d", a, h.Loc.Line)
			}
			cell = true
		}
	}
	if !cell {
		t.Error("no table hit: the table place went untested")
	}
	for _, l := range list {
		if render.Width(l) > 80 {
			t.Errorf("line wider than the pane: %q", l)
		}
	}
	if !strings.Contains(text, "…") {
		t.Errorf("no line was cut with …:\n%s", text)
	}
}

// The query kept from before shows selected when / opens the pane again:
// typing replaces it, backspace clears it, an arrow key keeps it to edit.
func TestSearchKeptQuery(t *testing.T) {
	hs := &harness{t: t, m: New(searchSeedPlans(t))}
	hs.send(tea.WindowSizeMsg{Width: 100, Height: 30})
	s := hs.m.search
	reopen := func() {
		hs.keys("esc")
		hs.keys("/")
		if !s.kept || s.input.Value() == "" {
			t.Fatalf("reopened with %q, kept %v", s.input.Value(), s.kept)
		}
		checkWidths(t, hs.view(), 100, 30)
	}
	hs.keys("/")
	hs.typeQuery("养老床位")
	reopen()
	hs.typeQuery("殡葬")
	if got := s.input.Value(); got != "殡葬" {
		t.Errorf("typing over the kept query gave %q, want 殡葬", got)
	}
	reopen()
	hs.keys("backspace")
	if got := s.input.Value(); got != "" {
		t.Errorf("backspace on the kept query left %q", got)
	}
	hs.typeQuery("养老")
	reopen()
	hs.keys("left")
	hs.typeQuery("服务")
	if got := s.input.Value(); got != "养服务老" {
		t.Errorf("typing after ← edited the kept query into %q, want 养服务老", got)
	}
	if !strings.Contains(plain(hs.view()), "/ 养服务老") {
		t.Errorf("query line:\n%s", plain(hs.view()))
	}
}
