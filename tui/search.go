package tui

// The search pane (issue 4). The search helper owns this file's internals;
// the root model only relies on the methods below (see /work/notes/tui-api.md).
//
// `/` opens a query line. Every edit bumps a sequence number, cancels the
// search in flight and schedules a tick searchDebounce later; a tick that is
// still the latest starts a search in a tea.Cmd (Refine when the new query
// contains the shown one, so typing one more character only narrows the
// shown hits). A result is shown only if it answers the latest edit.
// Results are grouped by plan with counts; each hit takes two lines: its
// place (section path, heading, source line) and a line of context with the
// match highlighted. Enter jumps to the selected hit; n/N in the reader step
// through the hits in document order, across plans.

import (
	"context"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"

	"planview/internal/cellnum"
	"planview/internal/state"
	"planview/model"
	"planview/render"
	"planview/search"
)

// searchDebounce is how long typing must pause before a search starts.
const searchDebounce = 80 * time.Millisecond

// searchTickMsg fires searchDebounce after an edit.
type searchTickMsg struct{ seq int }

// searchResultMsg carries a finished (or cancelled) search.
type searchResultMsg struct {
	seq   int
	query string
	res   *search.Result
	err   error
}

// searchPane is the search component: a query line and a list of hits.
type searchPane struct {
	c       *common
	plans   []*model.Plan
	ix      *search.Index
	ixPlans []*model.Plan // the plans ix was made over, in its order
	groups  []hitGroup    // the list: every plan of ix, with its hits
	w, h    int
	active  bool

	input     textinput.Model
	seq       int                // bumped by every edit
	cancel    context.CancelFunc // cancels the search in flight
	searching bool
	res       *search.Result // the hits shown
	err       error
	sel       int // selected hit (index in res)
	top       int // first list line shown
	cur       int // the hit n/N last jumped to; -1 before the first jump
	cache     map[int]search.Hit
	// want is the hit a search restored from an earlier run went on from
	// (memory.go): n/N continue from it once the results come.
	want *wantHit

	up, down, pgUp, pgDown, enter key.Binding

	// stale: plans arrived since ix was made (RunLoading); the next
	// search makes it anew, over every plan loaded.
	stale bool
	// kept: the query shown is the one kept from before (this run's, or
	// one an earlier run remembered), shown selected: a character typed
	// replaces it and backspace clears it, as in a browser's find bar; an
	// arrow key or Home/End keeps it to edit.
	kept bool
}

func newSearchPane(c *common, plans []*model.Plan) *searchPane {
	ti := textinput.New()
	ti.Prompt = ""
	ti.Cursor.SetMode(cursor.CursorStatic) // no blink ticks: the pane draws its own cursor
	ti.CharLimit = 200
	return &searchPane{
		c: c, plans: plans, ix: search.New(plans), ixPlans: plans, input: ti, cur: -1,
		up:     key.NewBinding(key.WithKeys("up", "ctrl+p"), key.WithHelp("↑/^p", "prev hit")),
		down:   key.NewBinding(key.WithKeys("down", "ctrl+n"), key.WithHelp("↓/^n", "next hit")),
		pgUp:   key.NewBinding(key.WithKeys("pgup"), key.WithHelp("pgup", "page up")),
		pgDown: key.NewBinding(key.WithKeys("pgdown"), key.WithHelp("pgdn", "page down")),
		enter:  key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "go to hit")),
	}
}

// Open is called when `/` focuses the pane. The previous query and hits are
// kept; plans start folding in the background so the first search is quick.
func (s *searchPane) Open() tea.Cmd {
	rerun := s.stale && s.input.Value() != ""
	if !s.active || s.stale {
		s.refreshIndex()
		s.ix.Warm()
	}
	s.active = true
	s.input.Focus()
	s.input.CursorEnd()
	s.kept = s.input.Value() != ""
	if rerun {
		// Plans arrived since the query ran (RunLoading): run it anew
		// over all of them.
		s.res = nil
		return s.edited()
	}
	return nil
}

// SetPlans gives the pane the plans loaded so far: the index is made
// anew over them when the next search starts.
func (s *searchPane) SetPlans(plans []*model.Plan) {
	s.plans = plans
	s.stale = true
}

// refreshIndex makes the index anew if plans arrived since it was made.
func (s *searchPane) refreshIndex() {
	if s.stale {
		s.ix, s.ixPlans = search.New(s.plans), s.plans
		s.stale = false
	}
}

// Close is called when Esc leaves the pane (the root restores the focus).
func (s *searchPane) Close() {
	s.input.Blur()
}

// SetSize gives the pane the whole body area (everything above the status lines).
func (s *searchPane) SetSize(w, h int) {
	s.w, s.h = w, h
	s.scrollToSel()
}

// Update receives every key while the pane is focused (but ctrl+c and esc,
// which the root handles), and every non-key message the root does not
// handle itself (so the pane's own result/debounce messages reach it).
func (s *searchPane) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case searchTickMsg:
		if msg.seq != s.seq {
			return nil // typing went on: a later tick will search
		}
		return s.start()
	case searchResultMsg:
		if msg.seq != s.seq {
			return nil // stale: answers an older query
		}
		s.searching = false
		s.cancel = nil
		if msg.err != nil {
			s.err = msg.err
			return nil
		}
		s.setResult(msg.res)
		s.findWanted(msg.query)
		return nil
	case tea.KeyMsg:
		if !s.input.Focused() {
			return nil
		}
		switch {
		case key.Matches(msg, s.enter):
			return s.jump(s.sel)
		case key.Matches(msg, s.up):
			s.move(-1)
			return nil
		case key.Matches(msg, s.down):
			s.move(1)
			return nil
		case key.Matches(msg, s.pgUp):
			s.move(-max(s.listH()/2, 1))
			return nil
		case key.Matches(msg, s.pgDown):
			s.move(max(s.listH()/2, 1))
			return nil
		}
		if s.kept {
			s.kept = false
			switch msg.Type {
			case tea.KeyRunes, tea.KeySpace:
				s.input.SetValue("")
			case tea.KeyBackspace, tea.KeyDelete:
				s.input.SetValue("")
				return s.edited()
			}
		}
		before := s.input.Value()
		var cmd tea.Cmd
		s.input, cmd = s.input.Update(msg)
		if s.input.Value() == before {
			return cmd
		}
		return tea.Batch(cmd, s.edited())
	}
	return nil
}

// edited reacts to a change of the query: the search in flight is stale.
func (s *searchPane) edited() tea.Cmd {
	s.seq++
	if s.cancel != nil {
		s.cancel()
		s.cancel = nil
	}
	s.err = nil
	if search.Fold(s.input.Value()) == "" {
		s.searching = false
		s.setResult(nil)
		return nil
	}
	s.searching = true
	seq := s.seq
	return tea.Tick(searchDebounce, func(time.Time) tea.Msg { return searchTickMsg{seq} })
}

// start runs the search for the current query in a command.
func (s *searchPane) start() tea.Cmd {
	ctx, cancel := context.WithCancel(context.Background())
	s.cancel = cancel
	prev := s.res
	if s.stale {
		s.refreshIndex()
		if s.active {
			s.ix.Warm()
		}
		prev = nil // its hits come from the old index: search anew
	}
	seq, q, ix := s.seq, s.input.Value(), s.ix
	return func() tea.Msg {
		var r *search.Result
		var err error
		if prev != nil {
			r, err = ix.Refine(ctx, prev, q) // falls back to a full search
		} else {
			r, err = ix.Search(ctx, q)
		}
		return searchResultMsg{seq: seq, query: q, res: r, err: err}
	}
}

func (s *searchPane) setResult(r *search.Result) {
	s.res = r
	s.cache = map[int]search.Hit{}
	s.sel, s.top, s.cur = 0, 0, -1
	s.groups = s.groups[:0]
	if r == nil {
		return
	}
	// Every plan searched, those without a hit too (a reviewer comparing
	// counties must see which has none), in the index's order.
	counts := r.Counts()
	for i, p := range s.ixPlans {
		g := hitGroup{plan: p, first: -1}
		if len(counts) > 0 && counts[0].Index == i {
			g.first, g.count = counts[0].First, counts[0].Count
			counts = counts[1:]
		}
		s.groups = append(s.groups, g)
	}
}

// hitGroup is a plan in the list of hits: a header line, then two lines
// for each of its hits (none for a plan without a hit).
type hitGroup struct {
	plan         *model.Plan
	first, count int // hits first…first+count-1 of the result
}

func (s *searchPane) hit(i int) search.Hit {
	if h, ok := s.cache[i]; ok {
		return h
	}
	h := s.res.Hit(i)
	s.cache[i] = h
	return h
}

// jump returns the command that shows hit i in the reader.
func (s *searchPane) jump(i int) tea.Cmd {
	if i < 0 || i >= s.res.Len() {
		return nil
	}
	s.cur, s.sel = i, i
	s.scrollToSel()
	h := s.hit(i)
	msg := jumpMsg{Loc: h.Loc, Start: h.Start, End: h.End, Sub: h.Sub}
	return func() tea.Msg { return msg }
}

// HasHits tells whether n/N have somewhere to go.
func (s *searchPane) HasHits() bool { return s.res.Len() > 0 }

// Next and Prev return a command producing a jumpMsg for the next/previous
// hit, or nil if there is none. They wrap around at the ends.
func (s *searchPane) Next() tea.Cmd {
	n := s.res.Len()
	if n == 0 {
		return nil
	}
	return s.jump((s.cur + 1) % n)
}

func (s *searchPane) Prev() tea.Cmd {
	n := s.res.Len()
	if n == 0 {
		return nil
	}
	if s.cur < 0 {
		return s.jump(n - 1)
	}
	return s.jump((s.cur - 1 + n) % n)
}

// Wraps tells whether the next step of n (dir > 0) or N goes round the
// end of the hits to the other end (no step before the first jump does).
func (s *searchPane) Wraps(dir int) bool {
	n := s.res.Len()
	if n < 2 || s.cur < 0 {
		return false
	}
	if dir > 0 {
		return s.cur == n-1
	}
	return s.cur == 0
}

// Counter says where n/N are among the hits: "hit 3/14", or "14 hits"
// before the first jump; "" without hits.
func (s *searchPane) Counter() string {
	n := s.res.Len()
	switch {
	case n == 0:
		return ""
	case s.cur < 0:
		return strconv.Itoa(n) + " hit" + plural(n)
	}
	return "hit " + strconv.Itoa(s.cur+1) + "/" + strconv.Itoa(n)
}

// wantHit is a hit of a restored search: plan id and place.
type wantHit struct {
	query string
	plan  string
	hit   state.Hit
}

// Untouched tells whether nothing was searched yet in this run.
func (s *searchPane) Untouched() bool { return !s.active && s.input.Value() == "" }

// Restore puts query in the query line and searches for it, as typing it
// would; when the results come, n/N go on from the hit want (nil: from the
// start), as they did in the run that remembered it.
func (s *searchPane) Restore(query string, want *wantHit) tea.Cmd {
	s.input.SetValue(query)
	s.input.CursorEnd()
	if want != nil {
		w := *want
		w.query = query
		s.want = &w
	}
	return s.edited()
}

// findWanted makes the restored search's hit the current one.
func (s *searchPane) findWanted(query string) {
	w := s.want
	if w == nil || w.query != query {
		return
	}
	s.want = nil
	for _, c := range s.res.Counts() {
		if c.Plan.ID != w.plan {
			continue
		}
		for i := c.First; i < c.First+c.Count; i++ {
			h := s.hit(i)
			if h.Loc.Section == w.hit.Section && h.Loc.Block == w.hit.Block && h.Loc.Row == w.hit.Row &&
				h.Loc.Col == w.hit.Col && h.Sub == w.hit.Sub && h.Start == w.hit.Start {
				s.cur, s.sel = i, i
				s.scrollToSel()
				return
			}
		}
	}
}

// LastQuery is the query whose hits are listed, or else the query line.
func (s *searchPane) LastQuery() string {
	if s.res != nil && s.res.Query != "" {
		return s.res.Query
	}
	return s.input.Value()
}

// CurrentHit is the hit n/N last went to, if any.
func (s *searchPane) CurrentHit() (search.Hit, bool) {
	if s.cur < 0 || s.cur >= s.res.Len() {
		return search.Hit{}, false
	}
	return s.hit(s.cur), true
}

// ShortHelp and FullHelp list the pane's keys for the help line and overlay.
func (s *searchPane) ShortHelp() []key.Binding {
	return []key.Binding{s.enter, s.down, s.up, s.c.keys.Esc}
}

func (s *searchPane) FullHelp() [][]key.Binding {
	return [][]key.Binding{{s.enter, s.down, s.up, s.pgDown, s.pgUp, s.c.keys.Esc}}
}

func (s *searchPane) move(d int) {
	n := s.res.Len()
	if n == 0 {
		return
	}
	s.sel = clamp(s.sel+d, 0, n-1)
	s.scrollToSel()
}

// The list: for each plan searched a header line, then two lines per hit.

func (s *searchPane) listH() int { return max(s.h-2, 0) }

func (s *searchPane) lineOfHit(i int) int {
	line := 0
	for _, g := range s.groups {
		if g.count > 0 && i >= g.first && i < g.first+g.count {
			return line + 1 + 2*(i-g.first)
		}
		line += 1 + 2*g.count
	}
	return line
}

func (s *searchPane) totalLines() int {
	n := 0
	for _, g := range s.groups {
		n += 1 + 2*g.count
	}
	return n
}

func (s *searchPane) scrollToSel() {
	if s.res.Len() == 0 {
		s.top = 0
		return
	}
	l := s.lineOfHit(s.sel)
	h := s.listH()
	if l-1 < s.top {
		s.top = max(l-1, 0) // show the plan header above a group's first hit
	}
	if l+2 > s.top+h {
		s.top = l + 2 - h
	}
	s.top = clamp(s.top, 0, max(s.totalLines()-h, 0))
}

// View draws exactly h lines, none wider than w cells.
func (s *searchPane) View() string {
	lines := make([]string, 0, s.h)
	if s.h > 0 {
		lines = append(lines, s.queryLine())
	}
	if s.h > 1 {
		lines = append(lines, s.c.styles.Dim.Render(render.Fit(s.statusText(), s.w)))
	}
	if s.res != nil && s.listH() > 0 {
		line := 0 // the list's line number of the group's header
		for _, g := range s.groups {
			if len(lines) >= s.h {
				break
			}
			glines := 1 + 2*g.count
			if line+glines <= s.top {
				line += glines
				continue
			}
			if line >= s.top {
				lines = append(lines, s.groupLine(g))
			}
			for k := 0; k < g.count && len(lines) < s.h; k++ {
				at := line + 1 + 2*k
				if at+1 < s.top {
					continue
				}
				a, b := s.hitLines(g.first + k)
				if at >= s.top {
					lines = append(lines, a)
				}
				if len(lines) < s.h {
					lines = append(lines, b)
				}
			}
			line += glines
		}
	}
	for len(lines) < s.h {
		lines = append(lines, render.Fit("", s.w))
	}
	return joinLines(lines)
}

// queryLine is "/ " and the query with a block cursor, cut from the left
// when it is too long.
func (s *searchPane) queryLine() string {
	if s.kept && s.input.Focused() {
		// The kept query, selected: what is typed replaces it.
		st, prompt := s.c.styles, "/ "
		avail := max(s.w-render.Width(prompt)-1, 1)
		v := render.Clean(s.input.Value())
		for v != "" && render.Width(v) > avail {
			_, size := utf8.DecodeRuneInString(v)
			v = v[size:]
		}
		return st.Key.Render(prompt) + st.CursorBlurred.Render(v) + st.Cursor.Render(" ") + render.Fit("", avail-render.Width(v))
	}
	return inputLine(s.c.styles, "/ ", &s.input, s.w)
}

// inputLine draws a one-line text input in exactly w cells: the prompt,
// then the value with a block cursor, cut from the left when it is too
// long (the search query, the compare view's filter).
func inputLine(st *Styles, prompt string, in *textinput.Model, w int) string {
	v := []rune(render.Clean(in.Value()))
	pos := min(in.Position(), len(v))
	before, at, after := string(v[:pos]), " ", ""
	if pos < len(v) {
		at, after = string(v[pos]), string(v[pos+1:])
	}
	pw := render.Width(prompt)
	avail := max(w-pw, 1)
	for len(before) > 0 && render.Width(before)+render.Width(at) > avail {
		_, size := utf8.DecodeRuneInString(before)
		before = before[size:]
	}
	rest := avail - render.Width(before) - render.Width(at)
	if rest < 0 {
		return st.Key.Render(prompt) + render.Fit("", avail)
	}
	after = render.Fit(after, rest)
	cur := at
	if in.Focused() {
		cur = st.Cursor.Render(at)
	}
	return st.Key.Render(prompt) + before + cur + after
}

func (s *searchPane) statusText() string {
	switch {
	case s.err != nil:
		return "  search failed: " + s.err.Error()
	case search.Fold(s.input.Value()) == "":
		return "  type to search all " + strconv.Itoa(len(s.plans)) + " plans (Traditional/Simplified, full width and line breaks folded)"
	case s.searching:
		return "  searching…"
	case s.res.Len() == 0:
		return "  no hits in " + strconv.Itoa(len(s.groups)) + " plan" + plural(len(s.groups))
	}
	n, p := s.res.Len(), len(s.res.Counts())
	txt := "  " + strconv.Itoa(n) + " hit" + plural(n) + " in " + strconv.Itoa(p) + " of " + strconv.Itoa(len(s.groups)) + " plans"
	if s.cur >= 0 {
		txt += " · at " + strconv.Itoa(s.cur+1)
	}
	return txt + " · enter: go to hit, n/N in the reader: next/prev"
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

func (s *searchPane) groupLine(g hitGroup) string {
	name := g.plan.Title
	if name == "" {
		name = g.plan.ID
	}
	txt := fitEllipsis(" "+render.Clean(name)+"  "+strconv.Itoa(g.count)+" hit"+plural(g.count), s.w)
	if g.count == 0 {
		return s.c.styles.Dim.Render(txt) // a plan without the phrase
	}
	return s.c.styles.Heading[0].Render(txt)
}

// fitEllipsis is s in exactly w cells, ending with "…" when cut.
func fitEllipsis(s string, w int) string {
	if render.Width(s) <= w {
		return render.Pad(s, w)
	}
	return render.Pad(cutRight(s, w, true), w)
}

// hitLines draws hit i: its place, then its context with the match
// highlighted, both indented; the selected hit is marked.
func (s *searchPane) hitLines(i int) (string, string) {
	st := s.c.styles
	h := s.hit(i)
	mark := "   "
	if i == s.sel {
		mark = " " + focusGlyph + " "
	}
	place := "(preamble)"
	if h.Loc.Section != "" {
		place = h.Loc.Section
		if n := len(h.Loc.Titles); n > 0 {
			place += " " + render.Clean(h.Loc.Titles[n-1])
		}
	}
	if h.Kind == search.KindCell {
		if where := cellPlace(s.groupPlan(i), h.Loc, h.Sub); where != "" {
			place = h.Loc.Section + " " + where
		}
	}
	line := " :" + strconv.Itoa(h.Loc.Line) // kept whole: a reviewer cites it
	markW, lineW := render.Width(mark), render.Width(line)
	first := render.Fit(fitEllipsis(place, max(s.w-markW-lineW, 0))+line, max(s.w-markW, 0))
	if render.Width(place)+lineW <= s.w-markW {
		first = render.Pad(place+line, s.w-markW)
	}
	if i == s.sel {
		first = st.Cursor.Render(first)
	} else {
		first = st.Dim.Render(first)
	}
	first = render.Truncate(mark, s.w) + first

	indent := "     "
	avail := s.w - render.Width(indent)
	if avail <= 0 {
		return first, render.Fit("", s.w)
	}
	b, m, a := fitContext(h.Text, h.Start, h.End, avail)
	pad := avail - render.Width(b) - render.Width(m) - render.Width(a)
	second := indent + b + st.Highlight.Render(m) + a + render.Pad("", pad)
	return first, second
}

// fitContext cuts text around [start, end) to at most w cells: the match
// (cleaned, cut if it alone is too wide), and as much text either side as
// fits, the match centred when both sides are long, "…" where text is cut.
func fitContext(text string, start, end, w int) (before, match, after string) {
	match = render.Clean(text[start:end])
	if render.Width(match) >= w {
		return "", render.Truncate(match, w), ""
	}
	// Only a window of runes either side can ever show.
	from := start
	for n := 0; n < w && from > 0; n++ {
		_, size := utf8.DecodeLastRuneInString(text[:from])
		from -= size
	}
	to := end
	for n := 0; n < w && to < len(text); n++ {
		_, size := utf8.DecodeRuneInString(text[to:])
		to += size
	}
	before = render.Clean(text[from:start])
	after = render.Clean(text[end:to])
	budget := w - render.Width(match)
	wa := min(render.Width(after)+render.Width(ellipsis)*boolInt(to < len(text)), budget/2)
	wb := min(render.Width(before)+render.Width(ellipsis)*boolInt(from > 0), budget-wa)
	wa = min(render.Width(after)+render.Width(ellipsis)*boolInt(to < len(text)), budget-wb)
	before = cutLeft(before, wb, from > 0)
	after = cutRight(after, wa, to < len(text))
	return before, match, after
}

const ellipsis = "…"

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// cutLeft keeps the right end of s in at most w cells, with "…" in front
// when anything is dropped (or more text stood before s).
func cutLeft(s string, w int, more bool) string { return cut(s, w, more, true) }

// cutRight keeps the left end of s in at most w cells, with "…" after it
// when anything is dropped (or more text follows s).
func cutRight(s string, w int, more bool) string { return cut(s, w, more, false) }

// cut is cutLeft (keepRight) or cutRight.
func cut(s string, w int, more, keepRight bool) string {
	if w <= 0 {
		return ""
	}
	if !more && render.Width(s) <= w {
		return s
	}
	ew := render.Width(ellipsis)
	if ew > w {
		return render.Fit("", w)
	}
	for len(s) > 0 && render.Width(s)+ew > w {
		if keepRight {
			_, size := utf8.DecodeRuneInString(s)
			s = s[size:]
		} else {
			_, size := utf8.DecodeLastRuneInString(s)
			s = s[:len(s)-size]
		}
	}
	if keepRight {
		return ellipsis + s
	}
	return s + ellipsis
}

// groupPlan is the plan hit i belongs to.
func (s *searchPane) groupPlan(i int) *model.Plan {
	for _, g := range s.groups {
		if g.count > 0 && i >= g.first && i < g.first+g.count {
			return g.plan
		}
	}
	return nil
}

// cellPlace names where a hit in a table cell is: the table's caption and
// the row's label, its first cell that is not a serial number (表2 ›
// 养老机构护理型床位占比), rather than the heading before the table.
// "" when the cell cannot be found.
func cellPlace(p *model.Plan, loc model.Location, sub int) string {
	if p == nil {
		return ""
	}
	blocks := p.Preamble
	if loc.Section != "" {
		sec := p.Find(loc.Section)
		if sec == nil {
			return ""
		}
		blocks = sec.Blocks
	}
	if loc.Block < 0 || loc.Block >= len(blocks) {
		return ""
	}
	b := &blocks[loc.Block]
	if sub >= 0 {
		if sub >= len(b.Children) {
			return ""
		}
		b = &b.Children[sub]
	}
	t := b.Table
	if t == nil {
		return ""
	}
	caption := strings.TrimSpace(render.Clean(t.Caption))
	if caption == "" {
		caption = "table"
	}
	rows := append(t.Header[:len(t.Header):len(t.Header)], t.Rows...)
	if loc.Row < 0 || loc.Row >= len(rows) {
		return caption
	}
	for _, c := range rows[loc.Row].Cells {
		txt := strings.TrimSpace(render.Clean(c.Text()))
		if txt != "" && !cellnum.IsNumeric(txt) {
			return caption + " › " + txt
		}
	}
	return caption
}
