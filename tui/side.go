package tui

// The side-by-side view (issue 13): plans in columns, each column showing
// that plan's sections on one topic (topic.Plan.Sections: a section with
// its subsections, in document order), read together. A column is the
// plan laid out by the reader's own code (buildDoc at the column's width:
// the same wrapping, tables that scroll sideways with their first column
// frozen, 专栏 boxes), of which the view shows the topic's line ranges; so
// changing the topic lays nothing out again.
//
// Columns scroll together, the i-th section of every column starting on
// the same row (the shorter ones padded with blank rows, as a side-by-side
// diff aligns hunks), or apart, each column with its own cursor and
// scroll (s toggles). Enter shows the line under the cursor in the reader;
// the root's history brings the view back as it was.
//
// A plan is laid out and classified (topic.Classify) in a tea.Cmd the
// first time a column shows it at a width; the pane keeps a few docs.
// View joins cached strings: each doc line is painted (highlights
// included) once, until the highlights change.

import (
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"planview/indicator"
	"planview/model"
	"planview/render"
	"planview/search"
	"planview/topic"
)

// sideMinCol is the narrowest a column may be (its margin included): a
// terminal shows as many columns as fit at this width, and at least one.
const sideMinCol = 40

// sideHead is the rows above the columns: the title and the column
// headings.
const sideHead = 2

// sideDocMsg carries a plan laid out at a column's width, with its topics.
type sideDocMsg struct {
	key docKey
	d   *doc
	tp  *topic.Plan
}

// closeSideMsg asks the root to leave the side-by-side view.
type closeSideMsg struct{}

// sideAnchor is a place that survives a relayout (new topic rows, a doc
// arriving, a resize, the scroll mode toggled): the section (index in the
// topic's list), the row within it, and the screen row it was shown on.
type sideAnchor struct{ sec, delta, screen int }

// sideCol is one column: a plan, its doc at the column's width, and the
// rows the view shows.
type sideCol struct {
	plan int
	d    *doc        // nil while being laid out
	tp   *topic.Plan // nil while being classified
	secs []*model.Section
	rows []int32 // a display row: a line of d, or -1 (blank)
	// start[i] is the row where secs[i] starts (together: the same in
	// every column).
	start []int
	list  cursorList // apart: this column's cursor and scroll
	at    sideAnchor // apart: this column's place

	tableOff map[*model.Table]int // sideways scroll per table
	drawn    map[int32]string     // painted lines, exactly the column's content width
	hlBlock  map[blockKey][][2]int
}

func newSideCol(plan int) *sideCol {
	c := &sideCol{plan: plan, tableOff: map[*model.Table]int{}}
	c.forget()
	return c
}

// forget drops what was drawn (the doc or the highlights changed).
func (c *sideCol) forget() {
	c.drawn, c.hlBlock = map[int32]string{}, map[blockKey][][2]int{}
}

// sidePane is the side-by-side view, over the whole body.
type sidePane struct {
	c     *common
	plans []*model.Plan
	short []string // short region names, cleaned
	w, h  int

	cols     []*sideCol // the columns; the first shown() are on screen
	focus    int        // the focused column
	topic    int        // index in topic.All; -1 until chosen
	together bool
	list     cursorList // together: the shared cursor and scroll
	at       sideAnchor // together: the shared place

	docs     map[docKey]*doc
	tps      map[int]*topic.Plan
	building map[docKey]bool
	// opened: the open plan and the reader's section at the last Open;
	// the columns and the topic are chosen again when they change.
	opened  bool
	curPlan int
	curSec  *model.Section
	queries []string // folded phrases to highlight
	rawQ    []string

	picking bool       // the topic list is shown
	pick    cursorList // its cursor
	counts  [][]int    // sections per topic (row) and shown column

	cache []string
	blank string // a column's content width of spaces
}

func newSidePane(c *common, plans []*model.Plan) *sidePane {
	v := &sidePane{c: c, plans: plans, topic: -1, together: true,
		docs: map[docKey]*doc{}, tps: map[int]*topic.Plan{}, building: map[docKey]bool{}}
	for _, p := range plans {
		v.short = append(v.short, planShort(p))
	}
	return v
}

// SetPlans gives the view the plans loaded so far (they only grow, so the
// columns' plan indexes stay valid).
func (v *sidePane) SetPlans(plans []*model.Plan) {
	for _, p := range plans[len(v.short):] {
		v.short = append(v.short, planShort(p))
	}
	v.plans = plans
	v.cache = nil
}

// planShort is a plan's short name for headings: its region without the
// administrative suffix (通道侗族自治县 → 通道), else its id.
func planShort(p *model.Plan) string {
	if s := render.Clean(indicator.ShortName(p.Region)); s != "" {
		return s
	}
	return render.Clean(p.ID)
}

// Open is called when the view is shown, with the open plan and the
// section at the top of the reader. The first time, or when the open plan
// changed, the columns are the open plan and the plans after it in the
// list; the topic is the section's (once classified) when the section
// changed, else the one shown before.
func (v *sidePane) Open(cur int, sec *model.Section) {
	v.cache = nil
	if len(v.plans) == 0 {
		return
	}
	if !v.opened || cur != v.curPlan {
		n := min(max(len(v.cols), 2), len(v.plans))
		v.cols = v.cols[:0]
		for i := 0; i < n; i++ {
			v.cols = append(v.cols, newSideCol((cur+i)%len(v.plans)))
		}
		v.focus, v.topic = 0, -1
	}
	if !v.opened || sec != v.curSec {
		v.topic = -1
	}
	v.opened, v.curPlan, v.curSec = true, cur, sec
	v.relayout()
}

// fit is how many columns the width allows.
func (v *sidePane) fit() int { return max(1, (v.w+sepWidth)/(sideMinCol+sepWidth)) }

// shown is the number of columns on screen.
func (v *sidePane) shown() int { return min(len(v.cols), v.fit()) }

// colW is the width of a column, its margin (the cursor mark) included.
func (v *sidePane) colW() int {
	n := max(v.shown(), 1)
	return max((v.w-(n-1)*sepWidth)/n, 1)
}

// contentW is the width columns are laid out at.
func (v *sidePane) contentW() int { return max(v.colW()-1, 1) }

func (v *sidePane) rowsH() int { return max(v.h-sideHead, 1) }

func (v *sidePane) SetSize(w, h int) {
	v.w, v.h = w, h
	for k := range v.docs {
		if k.width != v.contentW() {
			delete(v.docs, k)
		}
	}
	v.focus = clamp(v.focus, 0, max(v.shown()-1, 0))
	v.relayout()
}

// Need returns the commands laying out the shown columns' plans that are
// not laid out yet (at most one build per plan and width at a time).
func (v *sidePane) Need() tea.Cmd {
	if v.w <= 0 {
		return nil
	}
	var cmds []tea.Cmd
	for _, c := range v.cols[:v.shown()] {
		k := docKey{c.plan, v.contentW()}
		if _, ok := v.docs[k]; ok || v.building[k] {
			continue
		}
		v.building[k] = true
		p, st, tp := v.plans[k.plan], v.c.styles, v.tps[k.plan]
		cmds = append(cmds, func() tea.Msg {
			if tp == nil {
				tp = topic.Classify(p)
			}
			return sideDocMsg{k, buildDoc(p, k.width, st), tp}
		})
	}
	return tea.Batch(cmds...)
}

// SetDoc stores a plan laid out (and classified) in the background.
func (v *sidePane) SetDoc(msg sideDocMsg) {
	delete(v.building, msg.key)
	v.tps[msg.key.plan] = msg.tp
	if msg.key.width != v.contentW() {
		return // resized meanwhile
	}
	v.docs[msg.key] = msg.d
	// Keep the shown columns' docs and a few more.
	for k := range v.docs {
		if len(v.docs) <= maxDocs {
			break
		}
		if !v.showing(k.plan) {
			delete(v.docs, k)
		}
	}
	v.relayout()
}

func (v *sidePane) showing(plan int) bool {
	for _, c := range v.cols[:v.shown()] {
		if c.plan == plan {
			return true
		}
	}
	return false
}

// SetQueries sets the phrases highlighted in every column: the search's
// query and the compare view's filter ("" for none).
func (v *sidePane) SetQueries(qs ...string) {
	if strings.Join(qs, "\x00") == strings.Join(v.rawQ, "\x00") {
		return
	}
	v.rawQ = append(v.rawQ[:0], qs...)
	v.queries = v.queries[:0]
	for _, q := range qs {
		if f := search.Fold(q); f != "" {
			v.queries = append(v.queries, f)
		}
	}
	for _, c := range v.cols {
		c.forget()
	}
	v.cache = nil
}

// ready tells whether a column's plan is laid out and classified.
func (c *sideCol) ready() bool { return c.d != nil && c.tp != nil }

// relayout picks up the docs and the topic's sections of the shown
// columns and lines their rows up, keeping the place.
func (v *sidePane) relayout() {
	v.cache = nil
	if len(v.cols) == 0 || v.w <= 0 {
		return
	}
	shown := v.cols[:v.shown()]
	for _, c := range shown {
		d := v.docs[docKey{c.plan, v.contentW()}]
		if d != c.d {
			c.forget()
		}
		c.d, c.tp = d, v.tps[c.plan]
	}
	if v.topic < 0 {
		v.chooseTopic()
	}
	spans := make([][]span, len(shown))
	for i, c := range shown {
		c.secs = nil
		if c.ready() && v.topic >= 0 {
			c.secs = c.tp.Sections(topic.All[v.topic])
			spans[i] = sectionSpans(c.d, c.secs)
		}
	}
	if v.together {
		rows, start := alignRows(spans)
		for i, c := range shown {
			c.rows, c.start = rows[i], start
		}
		v.list = cursorList{n: len(rows[0]), h: v.rowsH()}
		v.list.restore(v.at, start)
	} else {
		for i, c := range shown {
			rows, start := alignRows(spans[i : i+1])
			c.rows, c.start = rows[0], start
			c.list = cursorList{n: len(c.rows), h: v.rowsH()}
			c.list.restore(c.at, start)
		}
	}
}

// chooseTopic picks the topic once the first column is classified: the
// topic of the reader's section (or of its nearest ancestor that has one)
// when the first column is the open plan, else the first topic a shown
// column covers.
func (v *sidePane) chooseTopic() {
	first := v.cols[0]
	tp := v.tps[first.plan]
	if tp == nil {
		return
	}
	if first.plan == v.curPlan {
		for s := v.curSec; s != nil; s = s.Parent {
			for i, t := range topic.All {
				if tp.Has(s, t) {
					v.setTopic(i)
					return
				}
			}
		}
	}
	for i, t := range topic.All {
		for _, c := range v.cols[:v.shown()] {
			if tp := v.tps[c.plan]; tp != nil && len(tp.Sections(t)) > 0 {
				v.setTopic(i)
				return
			}
		}
	}
	v.setTopic(0)
}

// setTopic shows topic i from the top (relayout draws it).
func (v *sidePane) setTopic(i int) {
	v.topic = i
	v.at = sideAnchor{}
	for _, c := range v.cols {
		c.at = sideAnchor{}
	}
}

// span is the lines [a, b) of a section and its subsections in a doc.
type span struct{ a, b int }

// sectionSpans finds the lines of each section (its subsections included:
// they follow it in the doc, up to the next section that is not one of
// them; the blank line before that one is left out).
func sectionSpans(d *doc, secs []*model.Section) []span {
	out := make([]span, 0, len(secs))
	for _, s := range secs {
		i, ok := d.secIdx[s.Path]
		if !ok || d.secs[i] != s {
			continue
		}
		j := i + 1
		for j < len(d.secs) && within(d.secs[j], s) {
			j++
		}
		b := len(d.lines)
		if j < len(d.secs) {
			b = d.secLine[j] - 1
		}
		out = append(out, span{d.secLine[i], max(b, d.secLine[i]+1)})
	}
	return out
}

// within tells whether x is a subsection (at any depth) of s.
func within(x, s *model.Section) bool {
	for p := x.Parent; p != nil; p = p.Parent {
		if p == s {
			return true
		}
	}
	return false
}

// alignRows lines the columns' sections up: section i of every column
// starts on the same row, after a blank row, and takes as many rows as the
// longest of them; shorter ones are padded with blank rows (-1). It
// returns each column's rows and the row where each section starts.
func alignRows(cols [][]span) ([][]int32, []int) {
	n := 0
	for _, sp := range cols {
		n = max(n, len(sp))
	}
	rows := make([][]int32, len(cols))
	var start []int
	total := 0
	for i := 0; i < n; i++ {
		if i > 0 {
			total++
		}
		start = append(start, total)
		h := 0
		for _, sp := range cols {
			if i < len(sp) {
				h = max(h, sp[i].b-sp[i].a)
			}
		}
		total += h
	}
	for c, sp := range cols {
		r := make([]int32, 0, total)
		for i := 0; i < n; i++ {
			if i > 0 {
				r = append(r, -1)
			}
			h := 0
			if i < len(sp) {
				for l := sp[i].a; l < sp[i].b; l++ {
					r = append(r, int32(l))
				}
				h = sp[i].b - sp[i].a
			}
			for ; h < blockH(start, i, total); h++ {
				r = append(r, -1)
			}
		}
		rows[c] = r
	}
	return rows, start
}

// blockH is the rows section i takes (the blank row after it aside).
func blockH(start []int, i, total int) int {
	if i+1 < len(start) {
		return start[i+1] - 1 - start[i]
	}
	return total - start[i]
}

// anchor is the place of the cursor of l among sections starting at start.
func (l *cursorList) anchor(start []int) sideAnchor {
	k := sort.SearchInts(start, l.cursor+1) - 1
	a := sideAnchor{screen: l.cursor - l.top}
	if k >= 0 {
		a.sec, a.delta = k, l.cursor-start[k]
	}
	return a
}

// restore puts the cursor back on a (clamped to its section) and the
// cursor's row at the same height on screen.
func (l *cursorList) restore(a sideAnchor, start []int) {
	row := 0
	if len(start) > 0 {
		k := clamp(a.sec, 0, len(start)-1)
		row = start[k] + min(a.delta, max(blockH(start, k, l.n)-1, 0))
	}
	l.set(row)
	l.top = row - a.screen
	l.fix()
}

// curList is the cursor the movement keys move.
func (v *sidePane) curList() *cursorList {
	if v.together {
		return &v.list
	}
	return &v.focused().list
}

func (v *sidePane) focused() *sideCol {
	if len(v.cols) == 0 {
		return nil
	}
	return v.cols[clamp(v.focus, 0, v.shown()-1)]
}

// remember stores the place after a move.
func (v *sidePane) remember() {
	if v.together {
		if len(v.cols) > 0 {
			v.at = v.list.anchor(v.cols[0].start)
		}
		return
	}
	c := v.focused()
	c.at = c.list.anchor(c.start)
}

// scrollBy moves the view n rows (the cursor keeps its row on screen);
// at either end the cursor moves instead.
func scrollBy(l *cursorList, n int) {
	top := clamp(l.top+n, 0, max(l.n-l.h, 0))
	if top == l.top {
		l.set(l.cursor + n)
		return
	}
	l.cursor = clamp(l.cursor+top-l.top, 0, max(l.n-1, 0))
	l.top = top
	l.fix()
}

// Claims tells whether the pane takes msg before the root's global keys:
// tab and shift+tab (columns), [ and ] (topics) and esc; while the topic
// list is shown, every key but q and ?.
func (v *sidePane) Claims(msg tea.KeyMsg) bool {
	k := v.c.keys
	if v.picking {
		return !key.Matches(msg, k.Quit, k.Help)
	}
	return key.Matches(msg, k.Esc, k.SideLeft, k.SideRight, k.PrevTopic, k.NextTopic)
}

// Update handles the pane's keys and the mouse. The commands it returns
// only carry a message for the root (a jump, leaving the view).
func (v *sidePane) Update(msg tea.Msg) tea.Cmd {
	v.cache = nil
	if len(v.cols) == 0 {
		if m, ok := msg.(tea.KeyMsg); ok && key.Matches(m, v.c.keys.Esc) {
			return func() tea.Msg { return closeSideMsg{} }
		}
		return nil
	}
	switch msg := msg.(type) {
	case tea.KeyMsg:
		if v.picking {
			v.pickKey(msg)
			return nil
		}
		return v.key(msg)
	case tea.MouseMsg:
		v.mouse(msg)
	}
	return nil
}

func (v *sidePane) key(msg tea.KeyMsg) tea.Cmd {
	k := v.c.keys
	l := v.curList()
	switch {
	case key.Matches(msg, k.Esc):
		return func() tea.Msg { return closeSideMsg{} }
	case key.Matches(msg, k.Down):
		l.set(l.cursor + 1)
	case key.Matches(msg, k.Up):
		l.set(l.cursor - 1)
	case key.Matches(msg, k.PageDown) || msg.Type == tea.KeySpace:
		scrollBy(l, max(l.h-1, 1))
	case key.Matches(msg, k.PageUp):
		scrollBy(l, -max(l.h-1, 1))
	case key.Matches(msg, k.Top):
		l.set(0)
	case key.Matches(msg, k.Bottom):
		l.set(l.n - 1)
	case key.Matches(msg, k.SideLeft):
		v.focus = (v.focus + v.shown() - 1) % v.shown()
		return nil
	case key.Matches(msg, k.SideRight):
		v.focus = (v.focus + 1) % v.shown()
		return nil
	case key.Matches(msg, k.PrevTopic):
		v.setTopic((max(v.topic, 0) + len(topic.All) - 1) % len(topic.All))
		v.relayout()
		return nil
	case key.Matches(msg, k.NextTopic):
		v.setTopic((v.topic + 1) % len(topic.All))
		v.relayout()
		return nil
	case key.Matches(msg, k.Topics):
		v.openPicker()
		return nil
	case key.Matches(msg, k.NextPlan):
		v.switchPlan(1)
		return nil
	case key.Matches(msg, k.PrevPlan):
		v.switchPlan(-1)
		return nil
	case key.Matches(msg, k.AddColumn):
		v.addColumn()
		return nil
	case key.Matches(msg, k.DropColumn):
		v.dropColumn()
		return nil
	case key.Matches(msg, k.Together):
		v.toggleTogether()
		return nil
	case key.Matches(msg, k.SideTableLeft):
		v.scrollTable(-1)
		return nil
	case key.Matches(msg, k.SideTableRight):
		v.scrollTable(1)
		return nil
	case key.Matches(msg, k.OpenLine):
		return v.jump()
	default:
		return nil
	}
	v.remember()
	return nil
}

func (v *sidePane) mouse(msg tea.MouseMsg) {
	if v.picking || msg.Y < sideHead {
		return
	}
	i := min(msg.X/(v.colW()+sepWidth), v.shown()-1)
	switch {
	case msg.Button == tea.MouseButtonWheelDown || msg.Button == tea.MouseButtonWheelUp:
		if !v.together {
			v.focus = i
		}
		n := 3
		if msg.Button == tea.MouseButtonWheelUp {
			n = -3
		}
		scrollBy(v.curList(), n)
	case msg.Button == tea.MouseButtonLeft && msg.Action == tea.MouseActionPress:
		v.focus = i
		l := v.curList()
		l.set(l.top + msg.Y - sideHead)
	default:
		return
	}
	v.remember()
}

// switchPlan shows another plan in the focused column: the next (d > 0)
// or previous plan in the list that no other shown column has.
func (v *sidePane) switchPlan(d int) {
	c := v.focused()
	p := c.plan
	for range v.plans {
		p = (p + d + len(v.plans)) % len(v.plans)
		if !v.showing(p) || len(v.plans) <= v.shown() {
			break
		}
	}
	if p == c.plan {
		return
	}
	*c = *newSideCol(p)
	v.at = sideAnchor{}
	v.relayout()
}

// addColumn adds a column (when one more fits) with the first plan after
// the last column's that is not shown.
func (v *sidePane) addColumn() {
	if !v.canAdd() {
		return
	}
	p := v.cols[len(v.cols)-1].plan
	for range v.plans {
		p = (p + 1) % len(v.plans)
		if !v.showing(p) {
			break
		}
	}
	v.cols = append(v.cols, newSideCol(p))
	v.relayout()
}

func (v *sidePane) canAdd() bool {
	return len(v.cols) < v.fit() && len(v.cols) < len(v.plans)
}

// dropColumn removes the focused column (one always stays).
func (v *sidePane) dropColumn() {
	if len(v.cols) < 2 {
		return
	}
	v.cols = append(v.cols[:v.focus], v.cols[v.focus+1:]...)
	v.focus = clamp(v.focus, 0, v.shown()-1)
	v.relayout()
}

// toggleTogether switches between scrolling together and apart, keeping
// the focused column's place.
func (v *sidePane) toggleTogether() {
	if v.together {
		for _, c := range v.cols {
			c.at = v.at
		}
	} else {
		v.at = v.focused().at
	}
	v.together = !v.together
	v.relayout()
}

// The topic list (t).

func (v *sidePane) openPicker() {
	v.picking = true
	v.pick = cursorList{n: len(topic.All), h: v.rowsH() - 1}
	v.pick.set(max(v.topic, 0))
	shown := v.cols[:v.shown()]
	v.counts = make([][]int, len(topic.All))
	for i, t := range topic.All {
		v.counts[i] = make([]int, len(shown))
		for j, c := range shown {
			v.counts[i][j] = -1 // not classified yet
			if tp := v.tps[c.plan]; tp != nil {
				v.counts[i][j] = len(tp.Sections(t))
			}
		}
	}
}

func (v *sidePane) pickKey(msg tea.KeyMsg) {
	k := v.c.keys
	switch {
	case v.pick.move(k, msg):
	case key.Matches(msg, k.OpenLine):
		v.picking = false
		v.setTopic(v.pick.cursor)
		v.relayout()
	case key.Matches(msg, k.Esc, k.Topics):
		v.picking = false
	}
}

// Tables: the focused column's wide table under the cursor, or else the
// first in view, scrolls sideways with < and >.

// focusedTable is the index in the focused column's doc.tables of the
// table < and > scroll, or -1.
func (v *sidePane) focusedTable() int {
	c := v.focused()
	if c == nil || !c.ready() {
		return -1
	}
	l := v.curList()
	if r := l.cursor; r < len(c.rows) && c.rows[r] >= 0 {
		if t := c.d.lines[c.rows[r]].table; t >= 0 && c.d.tables[t].wide() {
			return int(t)
		}
	}
	for r := l.top; r < min(l.top+l.h, len(c.rows)); r++ {
		if li := c.rows[r]; li >= 0 {
			if t := c.d.lines[li].table; t >= 0 && c.d.tables[t].wide() {
				return int(t)
			}
		}
	}
	return -1
}

func (v *sidePane) scrollTable(n int) {
	ti := v.focusedTable()
	if ti < 0 {
		return
	}
	c := v.focused()
	t := &c.d.tables[ti]
	c.tableOff[t.t] = t.step(c.tableOff[t.t], n)
}

// lineText is line li of c's doc as shown: a table line drawn at its
// table's sideways scroll.
func (c *sideCol) lineText(li int) string {
	if t := c.d.lines[li].table; t >= 0 {
		dt := &c.d.tables[t]
		if off := min(c.tableOff[dt.t], dt.maxOffset()); off > 0 {
			return dt.lineAt(li-dt.start, off)
		}
	}
	return c.d.lineText(li)
}

// Enter: the line under the cursor in the reader.

// cursorLine is the doc line under the focused column's cursor, or the
// nearest one above it (the cursor may be on padding); -1 when none.
func (v *sidePane) cursorLine() int {
	c := v.focused()
	if c == nil || !c.ready() {
		return -1
	}
	for r := min(v.curList().cursor, len(c.rows)-1); r >= 0; r-- {
		if li := c.rows[r]; li >= 0 {
			return int(li)
		}
	}
	return -1
}

// jump returns the command showing the cursor's line in the reader: the
// paragraph at that line, the table row, or the section's heading.
func (v *sidePane) jump() tea.Cmd {
	li := v.cursorLine()
	if li < 0 {
		return nil
	}
	c := v.focused()
	d := c.d
	l := &d.lines[li]
	if l.sec < 0 {
		return nil
	}
	loc := model.Location{Plan: d.plan.ID, Section: d.secs[l.sec].Path, Line: d.secs[l.sec].Line, Block: int(l.block), Row: -1, Col: -1}
	msg := jumpMsg{Loc: loc, Sub: int(l.sub)}
	switch {
	case l.off >= 0:
		msg.Start, msg.End = int(l.off), int(l.off)
	case l.table >= 0:
		dt := &d.tables[l.table]
		for row := 0; dt.layout.RowLine(row) >= 0 && dt.start+dt.layout.RowLine(row) <= li; row++ {
			msg.Loc.Row, msg.Loc.Col = row, 0 // lands on the row's first line
		}
	}
	if b := blockAt(d.plan, l.sec, d, int(l.block), int(l.sub)); b != nil {
		msg.Loc.Line = b.Line
	}
	return func() tea.Msg { return msg }
}

// Drawing.

// View draws exactly h lines, each exactly w cells.
func (v *sidePane) View() []string {
	if v.cache != nil {
		return v.cache
	}
	st := v.c.styles
	out := make([]string, 0, v.h)
	out = append(out, st.TitleFocused.Render(render.Fit(paneMark(true)+v.title(), v.w)))
	switch {
	case len(v.cols) == 0:
		out = append(out, st.Dim.Render(render.Fit(" no plans loaded", v.w)))
	case v.picking:
		out = v.pickerView(out)
	default:
		out = append(out, v.headings())
		out = v.rowsView(out)
	}
	v.cache = fillScreen(out, v.w, v.h)
	return v.cache
}

func (v *sidePane) title() string {
	t := "对照 Side by side"
	if v.topic >= 0 {
		t += " · " + topic.All[v.topic] + " (" + strconv.Itoa(v.topic+1) + "/" + strconv.Itoa(len(topic.All)) + ")"
	}
	if v.together {
		t += " · together"
	} else {
		t += " · apart"
	}
	return t
}

// headings is the line naming each column's plan and how many sections
// it has on the topic; the focused column's starts with the focus mark.
func (v *sidePane) headings() string {
	st := v.c.styles
	var b strings.Builder
	cw := v.colW()
	for i, c := range v.cols[:v.shown()] {
		if i > 0 {
			b.WriteString(st.Sep.Render(separator()))
		}
		h := v.short[c.plan]
		switch {
		case !c.ready():
		case len(c.secs) == 0:
			h += " · nothing"
		case len(c.secs) == 1:
			h += " · 1 section"
		default:
			h += " · " + strconv.Itoa(len(c.secs)) + " sections"
		}
		if v.shown() < min(2, len(v.plans)) {
			// Too narrow for two columns: one, whose plan o switches.
			h += "  (two columns need " + strconv.Itoa(2*sideMinCol+sepWidth) + " cells; o: next plan)"
		}
		p := st.Title
		if i == v.focus {
			p = st.TitleFocused
		}
		b.WriteString(p.Render(render.Fit(paneMark(i == v.focus)+h, cw)))
	}
	b.WriteString(render.Pad("", v.w-v.shown()*(cw+sepWidth)+sepWidth))
	return b.String()
}

// rowsView draws the rows in view: each column's margin (the cursor mark
// in the focused column) and its line, separators between.
func (v *sidePane) rowsView(out []string) []string {
	st := v.c.styles
	shown := v.cols[:v.shown()]
	cw := v.contentW()
	if len(v.blank) != cw {
		v.blank = strings.Repeat(" ", cw)
	}
	sep := st.Sep.Render(separator())
	mark := st.Key.Render(focusGlyph)
	rest := render.Pad("", v.w-len(shown)*(cw+1+sepWidth)+sepWidth)
	ft := v.focusedTable()
	var b strings.Builder
	for y := 0; y < v.rowsH(); y++ {
		b.Reset()
		for i, c := range shown {
			if i > 0 {
				b.WriteString(sep)
			}
			l := &v.list
			if !v.together {
				l = &c.list
			}
			row := l.top + y
			if i == v.focus && row == l.cursor && c.ready() && len(c.secs) > 0 {
				b.WriteString(mark)
			} else {
				b.WriteByte(' ')
			}
			tbl := -1
			if i == v.focus {
				tbl = ft
			}
			b.WriteString(v.cell(c, row, y, tbl))
		}
		b.WriteString(rest)
		out = append(out, b.String())
	}
	return out
}

// cell is what column c shows on screen row y (display row row): exactly
// the content width.
func (v *sidePane) cell(c *sideCol, row, y, focusTable int) string {
	st := v.c.styles
	cw := v.contentW()
	switch {
	case !c.ready():
		if y == 0 {
			return st.Dim.Render(render.Fit("laying out…", cw))
		}
		return v.blank
	case len(c.secs) == 0:
		if y == 0 {
			return st.Dim.Render(render.Fit(v.nothing(c), cw))
		}
		return v.blank
	case row >= len(c.rows) || c.rows[row] < 0:
		return v.blank
	}
	return v.line(c, c.rows[row], focusTable)
}

// nothing says that a plan has no section on the topic.
func (v *sidePane) nothing(c *sideCol) string {
	if v.topic < 0 {
		return ""
	}
	return v.short[c.plan] + ": nothing on " + topic.All[v.topic]
}

// line paints line li of c's doc as the reader does (its scrolled table
// drawing, the focused table shaded), with the highlights, padded to the
// content width; cached unless it belongs to a scrolled or focused table.
func (v *sidePane) line(c *sideCol, li int32, focusTable int) string {
	l := &c.d.lines[li]
	plainLine := l.table < 0 || (int(l.table) != focusTable && c.tableOff[c.d.tables[l.table].t] == 0)
	if s, ok := c.drawn[li]; ok && plainLine {
		return s
	}
	st := v.c.styles
	cw := v.contentW()
	text, styled := c.lineText(int(li)), l.styled
	p := paint{}
	if l.table >= 0 {
		if text != l.text {
			styled = ""
		}
		if int(l.table) == focusTable {
			p, styled = st.TableFocused, ""
		}
	}
	if render.Width(text) > cw { // (a doc's lines fit its width: never, but never overflow)
		text, styled = render.Truncate(text, cw), ""
	}
	if rs := v.ranges(c, l, text); len(rs) > 0 || styled == "" {
		if p == (paint{}) {
			p = (&docBuilder{st: st}).paintFor(*l)
		}
		styled = paintRanges(p, st.Highlight, text, rs)
	}
	s := styled + v.blank[:max(cw-render.Width(text), 0)]
	if plainLine {
		c.drawn[li] = s
	}
	return s
}

// ranges are the byte ranges of text (line l as drawn) to highlight: the
// queries found in the line's block, so a phrase wrapped over two lines is
// highlighted on both, or else in the line itself (headings, tables).
func (v *sidePane) ranges(c *sideCol, l *docLine, text string) [][2]int {
	if len(v.queries) == 0 {
		return nil
	}
	if l.off < 0 || l.table >= 0 || (l.kind != lkPara && l.kind != lkList) || int(l.pre) > len(text) {
		return matchRanges(text, v.queries)
	}
	bl := blockAt(c.d.plan, l.sec, c.d, int(l.block), int(l.sub))
	if bl == nil || int(l.off) > len(bl.Text) {
		return matchRanges(text, v.queries)
	}
	k := blockKey{l.sec, l.block, l.sub}
	brs, ok := c.hlBlock[k]
	if !ok {
		brs = matchRanges(bl.Text, v.queries)
		c.hlBlock[k] = brs
	}
	off, pre := int(l.off), int(l.pre)
	n := commonPrefix(text[pre:], bl.Text[off:]) // the block's text on this line
	var out [][2]int
	for _, r := range brs {
		if s, e := max(r[0], off), min(r[1], off+n); s < e {
			out = append(out, [2]int{pre + s - off, pre + e - off})
		}
	}
	return out
}

// commonPrefix is the length in bytes of the longest common prefix of a
// and b, ending on a rune boundary.
func commonPrefix(a, b string) int {
	n := 0
	for n < len(a) && n < len(b) && a[n] == b[n] {
		n++
	}
	for n > 0 && n < len(a) && !utf8.RuneStart(a[n]) {
		n--
	}
	return n
}

// matchRanges finds the folded phrases qs in text (folded as search
// folds: 養老 finds 养老) and returns the byte ranges of text they cover,
// in order, overlaps merged.
func matchRanges(text string, qs []string) [][2]int {
	folded, offs := search.FoldMap(text)
	var out [][2]int
	for _, q := range qs {
		for i := 0; ; {
			j := strings.Index(folded[i:], q)
			if j < 0 {
				break
			}
			s, e := search.OrigSpan(text, offs, i+j, i+j+len(q))
			out = append(out, [2]int{s, e})
			i += j + len(q)
		}
	}
	if len(out) < 2 {
		return out
	}
	sort.Slice(out, func(i, j int) bool { return out[i][0] < out[j][0] })
	merged := out[:1]
	for _, r := range out[1:] {
		if last := &merged[len(merged)-1]; r[0] <= last[1] {
			last[1] = max(last[1], r[1])
		} else {
			merged = append(merged, r)
		}
	}
	return merged
}

// pickerView lists the topics with how many sections each shown plan has
// on it ("-" none), the cursor on one, * on the topic shown.
func (v *sidePane) pickerView(out []string) []string {
	st := v.c.styles
	shown := v.cols[:v.shown()]
	out = append(out, st.Dim.Render(render.Fit(" choose a topic: enter shows it, esc or t goes back · sections per plan, - none", v.w)))
	nameW := 0
	for _, t := range topic.All {
		nameW = max(nameW, render.Width(t))
	}
	for i := v.pick.top; i < min(v.pick.top+v.pick.h, len(topic.All)); i++ {
		var b strings.Builder
		b.WriteString(rowMark(i == v.pick.cursor, i == v.topic) + " " + render.Pad(topic.All[i], nameW))
		for j, c := range shown {
			n := "…"
			switch k := v.counts[i][j]; {
			case k == 0:
				n = "-"
			case k > 0:
				n = strconv.Itoa(k)
			}
			b.WriteString("   " + v.short[c.plan] + " " + n)
		}
		line := render.Fit(b.String(), v.w)
		if i == v.pick.cursor {
			line = st.Cursor.Render(line)
		}
		out = append(out, line)
	}
	return out
}

// Status is the status line's left part: the focused column's plan and
// where its cursor is (or that it has nothing on the topic).
func (v *sidePane) Status() string {
	c := v.focused()
	switch {
	case c == nil:
		return ""
	case !c.ready():
		return " laying out " + v.short[c.plan] + "…"
	case len(c.secs) == 0:
		return " " + v.nothing(c)
	}
	p := v.plans[c.plan]
	name := render.Clean(p.Region)
	if name == "" {
		name = render.Clean(p.Title)
	}
	crumbs := []string{name}
	if li := v.cursorLine(); li >= 0 {
		if s := c.d.lines[li].sec; s >= 0 {
			for _, a := range c.d.secs[s].Ancestors() {
				crumbs = append(crumbs, crumb(a))
			}
		}
	}
	return " " + strings.Join(crumbs, " › ")
}

// Position is the status line's right part: the focused table's scroll,
// the cursor's row.
func (v *sidePane) Position() string {
	c := v.focused()
	if c == nil || !c.ready() || len(c.secs) == 0 {
		return ""
	}
	s := ""
	if ti := v.focusedTable(); ti >= 0 {
		t := &c.d.tables[ti]
		s = "table " + strconv.Itoa(min(c.tableOff[t.t], t.maxOffset())) + "/" + strconv.Itoa(t.maxOffset()) + " </>  "
	}
	l := v.curList()
	return " " + s + "row " + strconv.Itoa(min(l.cursor+1, l.n)) + "/" + strconv.Itoa(l.n) + " "
}

// ShortHelp and FullHelp list the pane's keys for the key line and the
// overlay.
func (v *sidePane) ShortHelp() []key.Binding {
	k := v.c.keys
	if v.picking {
		return []key.Binding{k.OpenLine, k.Down, k.Esc}
	}
	if v.shown() == 1 { // the plan switcher first
		return []key.Binding{k.NextPlan, k.NextTopic, k.Topics, k.OpenLine, k.PrevTopic, k.Together, k.SideTableRight, k.Down, k.Esc, k.Back}
	}
	return []key.Binding{k.NextTopic, k.PrevTopic, k.Topics, k.OpenLine, k.NextPlan, k.Together, k.SideRight, k.AddColumn, k.DropColumn, k.SideTableRight, k.Down, k.Esc, k.Back}
}

func (v *sidePane) FullHelp() [][]key.Binding {
	k := v.c.keys
	return [][]key.Binding{
		{k.PrevTopic, k.NextTopic, k.Topics, k.NextPlan, k.PrevPlan, k.AddColumn, k.DropColumn},
		{k.SideLeft, k.SideRight, k.Together, k.SideTableLeft, k.SideTableRight, k.OpenLine},
	}
}
