package tui

// The compare view (issue 12): every loaded plan's targets lined up in a
// matrix. Rows are indicators grouped by target year and topic (a heading
// line per group), columns are the plans (short region names); the name
// column stays put while the plan columns scroll sideways. Under the
// matrix, the row under the cursor is drawn as bars, one per plan. A plan
// can be marked as the reference (indicator.Matrix.Against): cells then
// carry the verdict. A row can be turned into a ranked list of every
// plan's value, the plans that set nothing listed after it.
//
// The matrix is built once, in a tea.Cmd, the first time the view opens
// (indicator.ExtractAll and indicator.Build); the pane then keeps it, and
// its cursors, filter and scroll, for the rest of the session. Only what
// is on screen is laid out: the columns in view, the rows in view, the
// bars in view, so a frame costs the same with 5 plans or 1,000.

import (
	"sort"
	"strconv"
	"strings"

	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"

	"planview/indicator"
	"planview/model"
	"planview/render"
)

// compareMatrixMsg carries the matrix built in the background, with the
// plans' short names (column headings).
type compareMatrixMsg struct {
	mx    *indicator.Matrix
	short []string
}

// closeCompareMsg asks the root to leave the compare view.
type closeCompareMsg struct{}

// cursorMark starts the row under the cursor.
func cursorMark(on bool) string {
	if on {
		return focusGlyph
	}
	return " "
}

// Markers drawn in cells. Each is one cell wide under both width settings
// (none is East Asian ambiguous), so a capture without colour shows them
// and the columns still line up.
const (
	markBinding = "!" // 约束性
	markText    = "~" // read from a sentence, not a table
	markClash   = "*" // a sentence of the plan states another target
	markBlank   = "∙" // U+2219: the plan sets nothing
	markMissing = "x" // the reference sets a target, this plan none
	markColumn  = "▾" // U+25BE: the column cursor, in the heading
	markRef     = "@" // the reference plan, in its heading
)

// verdictMarks are the marks a cell starts with once a reference is set.
var verdictMarks = [...]string{
	indicator.NoVerdict:     " ",
	indicator.Reference:     markRef,
	indicator.Meets:         "=",
	indicator.Stronger:      "+",
	indicator.Weaker:        "-",
	indicator.NotComparable: "?",
	indicator.Missing:       markMissing,
}

func verdictMark(v indicator.Verdict) string {
	if int(v) < len(verdictMarks) {
		return verdictMarks[v]
	}
	return "?"
}

// comparePane is the compare view: the matrix, or the ranked list of one
// row, over the whole body.
type comparePane struct {
	c     *common
	plans []*model.Plan
	w, h  int

	building bool
	mx       *indicator.Matrix // nil until built
	short    []string          // short region name of each plan, cleaned

	// more is the plans loaded since the matrix's (RunLoading), nil when
	// none; loading is set while plans are still loading.
	more    []*model.Plan
	loading bool

	input   textinput.Model // the filter
	editing bool            // the filter line has the keys

	// The matrix: the rows the filter keeps, the lines drawn for them
	// (group headings between), the row cursor and the column cursor.
	rows    []int    // indexes in mx.Rows
	lines   []int    // a display line: i ≥ 0 is rows[i]; i < 0 is groups[-1-i]
	groups  []string // group headings: target year · topic
	rowLine []int    // rows[i] is drawn on lines[rowLine[i]]
	list    cursorList
	top     int   // first display line in view
	col     int   // the plan under the column cursor
	colOff  int   // the first plan column in view
	colW    []int // width of each plan column for this filter; 0: not measured yet

	// The ranked list (ranking): one row's entries sorted, then the plans
	// that set nothing, several names a line.
	ranking bool
	rankRow int // index in mx.Rows
	desc    bool
	ranked  []indicator.Entry
	missing []int
	rlist   cursorList

	cache []string // the lines drawn, until something changes

	keep, drop key.Binding // while the filter is edited: enter, esc
	back       key.Binding // esc out of the ranked list, or clearing the filter
}

func newComparePane(c *common, plans []*model.Plan) *comparePane {
	ti := textinput.New()
	ti.Prompt = ""
	ti.Cursor.SetMode(cursor.CursorStatic) // no blink ticks: the line draws its own cursor
	ti.CharLimit = 100
	return &comparePane{c: c, plans: plans, input: ti, desc: true,
		keep: key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "keep filter")),
		drop: key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "clear filter")),
		back: key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back")),
	}
}

// Open is called when the view is shown: the first time, it returns the
// command that reads every plan's indicators.
func (c *comparePane) Open() tea.Cmd {
	c.cache = nil
	if c.more != nil && !c.building {
		// Plans arrived since the matrix was read: read it anew over all.
		c.plans, c.more, c.mx = c.more, nil, nil
	}
	if c.mx != nil || c.building {
		return nil
	}
	c.building = true
	plans := c.plans
	return func() tea.Msg { return buildCompare(plans) }
}

// buildCompare reads the indicators of every plan and lines them up.
func buildCompare(plans []*model.Plan) compareMatrixMsg {
	return newCompareMsg(plans, indicator.ExtractAll(plans))
}

// newCompareMsg lines up ind (ind[i] holding the indicators of plans[i]).
func newCompareMsg(plans []*model.Plan, ind [][]indicator.Indicator) compareMatrixMsg {
	mx := indicator.Build(plans, ind)
	short := make([]string, len(plans))
	for i, p := range plans {
		s := render.Clean(indicator.ShortName(p.Region))
		if s == "" {
			s = render.Clean(p.ID)
		}
		short[i] = s
	}
	return compareMatrixMsg{mx, short}
}

// SetPlans gives the view the plans loaded so far, for its next Open: the
// matrix shown stays over the plans it was read from (its columns).
// loading says whether more are to come (the status line says so).
func (c *comparePane) SetPlans(plans []*model.Plan, loading bool) {
	c.loading = loading
	c.cache = nil
	if len(plans) != len(c.plans) {
		c.more = plans
	}
}

// SetMatrix shows the matrix built in the background.
func (c *comparePane) SetMatrix(msg compareMatrixMsg) {
	c.building = false
	c.mx, c.short = msg.mx, msg.short
	c.applyFilter()
}

func (c *comparePane) SetSize(w, h int) {
	c.w, c.h = w, h
	if c.mx != nil {
		c.resetWidths() // the widest a column may be depends on w
	}
	c.list.h = max(c.matrixH(), 1)
	c.rlist.h = max(c.h-2, 1)
	c.rlist.n = c.rankLines()
	c.rlist.fix()
	c.scrollRows()
	c.scrollCols()
	c.cache = nil
}

// Claims tells whether the pane takes msg before the root's global keys:
// every key while the filter is edited, and / and esc.
func (c *comparePane) Claims(msg tea.KeyMsg) bool {
	k := c.c.keys
	return c.editing || key.Matches(msg, k.Esc) || (key.Matches(msg, k.Filter) && !c.ranking)
}

// Update handles the pane's keys and the mouse wheel.
func (c *comparePane) Update(msg tea.Msg) tea.Cmd {
	c.cache = nil
	switch msg := msg.(type) {
	case tea.KeyMsg:
		if c.editing {
			return c.editKey(msg)
		}
		if key.Matches(msg, c.c.keys.Esc) {
			return c.esc()
		}
		if c.mx == nil {
			return nil
		}
		if c.ranking {
			return c.rankKey(msg)
		}
		return c.matrixKey(msg)
	case tea.MouseMsg:
		if c.ranking {
			c.rlist.move(c.c.keys, msg)
		} else if c.list.move(c.c.keys, msg) {
			c.scrollRows()
		}
	}
	return nil
}

// esc steps back one level: out of the ranked list, then the filter is
// cleared, then the view is left.
func (c *comparePane) esc() tea.Cmd {
	switch {
	case c.ranking:
		c.ranking = false
	case c.input.Value() != "":
		c.input.SetValue("")
		c.applyFilter()
	default:
		return func() tea.Msg { return closeCompareMsg{} }
	}
	return nil
}

// editKey handles a key while the filter line is edited: the matrix
// narrows at every edit; enter keeps the filter, esc drops it.
func (c *comparePane) editKey(msg tea.KeyMsg) tea.Cmd {
	k := c.c.keys
	switch {
	case key.Matches(msg, c.drop):
		c.editing = false
		c.input.Blur()
		c.input.SetValue("")
		c.applyFilter()
		return nil
	case key.Matches(msg, c.keep):
		c.editing = false
		c.input.Blur()
		return nil
	case msg.Type == tea.KeyUp || msg.Type == tea.KeyDown:
		c.list.move(k, msg)
		c.scrollRows()
		return nil
	}
	before := c.input.Value()
	var cmd tea.Cmd
	c.input, cmd = c.input.Update(msg)
	if c.input.Value() != before {
		c.applyFilter()
	}
	return cmd
}

func (c *comparePane) matrixKey(msg tea.KeyMsg) tea.Cmd {
	k := c.c.keys
	switch {
	case c.list.move(k, msg):
		c.scrollRows()
	case key.Matches(msg, k.Filter):
		c.editing = true
		c.input.Focus()
		c.input.CursorEnd()
	case key.Matches(msg, k.ColLeft):
		c.moveCol(-1)
	case key.Matches(msg, k.ColRight):
		c.moveCol(1)
	case key.Matches(msg, k.Reference):
		c.toggleReference()
	case key.Matches(msg, k.Rank):
		c.startRank()
	case key.Matches(msg, k.Source):
		if r := c.row(); r != nil {
			if e := r.Cell(c.col); e != nil {
				return jumpToIndicator(e.In)
			}
		}
	}
	return nil
}

func (c *comparePane) rankKey(msg tea.KeyMsg) tea.Cmd {
	k := c.c.keys
	switch {
	case c.rlist.move(k, msg):
	case key.Matches(msg, k.Rank):
		c.ranking = false
	case key.Matches(msg, k.Reverse):
		c.desc = !c.desc
		c.rerank()
	case key.Matches(msg, k.Source):
		if i := c.rlist.cursor; i < len(c.ranked) {
			return jumpToIndicator(c.ranked[i].In)
		}
	}
	return nil
}

// jumpToIndicator is the command showing an indicator's source row or
// sentence in the reader, highlighted as a search hit is.
func jumpToIndicator(in *indicator.Indicator) tea.Cmd {
	msg := jumpMsg{Loc: in.Loc, Start: in.Start, End: in.End, Sub: in.Sub}
	return func() tea.Msg { return msg }
}

// row is the matrix row under the cursor, nil when none.
func (c *comparePane) row() *indicator.Row {
	if c.mx == nil || len(c.rows) == 0 {
		return nil
	}
	return c.mx.Rows[c.rows[c.list.cursor]]
}

// applyFilter keeps the rows whose name holds the filter (folded as
// search folds) and lays the display lines out again.
func (c *comparePane) applyFilter() {
	c.cache = nil
	if c.mx == nil {
		return
	}
	c.rows = c.mx.Filter(c.input.Value())
	c.lines, c.groups, c.rowLine = c.lines[:0], c.groups[:0], c.rowLine[:0]
	for i, ri := range c.rows {
		g := groupLabel(c.mx.Rows[ri])
		if len(c.groups) == 0 || c.groups[len(c.groups)-1] != g {
			c.groups = append(c.groups, g)
			c.lines = append(c.lines, -len(c.groups))
		}
		c.rowLine = append(c.rowLine, len(c.lines))
		c.lines = append(c.lines, i)
	}
	c.list = cursorList{n: len(c.rows), h: max(c.matrixH(), 1)}
	c.top = 0
	c.resetWidths()
}

// groupLabel heads a group of rows: target year and topic.
func groupLabel(r *indicator.Row) string {
	y := "year not stated"
	if r.Year != 0 {
		y = strconv.Itoa(r.Year)
	}
	t := r.Topic
	if t == "" {
		t = "其他"
	}
	return y + " · " + t
}

func (c *comparePane) resetWidths() {
	if len(c.colW) != len(c.plans) {
		c.colW = make([]int, len(c.plans))
	}
	clear(c.colW)
	c.scrollCols()
}

// Layout of the body: a title line, a legend (or the filter being
// edited), the column headings, the matrix, then the bar panel.

const compareHead = 3 // title, legend, column headings

func (c *comparePane) panelH() int { return clamp(c.h/4, 3, 10) }

func (c *comparePane) matrixH() int { return max(c.h-compareHead-c.panelH(), 1) }

// nameW is the width of the frozen indicator column.
func (c *comparePane) nameW() int { return clamp(c.w/3, 16, 40) }

// maxColW bounds a plan column (long targets written as words are cut).
func (c *comparePane) maxColW() int { return clamp((c.w-c.nameW())/5, 8, 16) }

// colWidth is the width of plan p's column: its heading or its widest
// cell among the filtered rows, measured the first time the column shows.
func (c *comparePane) colWidth(p int) int {
	if w := c.colW[p]; w > 0 {
		return w
	}
	w := 1 + render.Width(c.short[p]) // the cursor mark, then the name
	for _, ri := range c.rows {
		if e := c.mx.Rows[ri].Cell(p); e != nil {
			cp := cellOf(e)
			w = max(w, cp.width())
		}
	}
	w = clamp(w, 4, c.maxColW())
	c.colW[p] = w
	return w
}

// slotW is what column p takes on a line: a space, the cell (with the
// verdict mark when a reference is set), a space and the separator.
func (c *comparePane) slotW(p int) int { return c.colWidth(p) + c.refW() + 3 }

func (c *comparePane) refW() int {
	if c.mx != nil && c.mx.Ref >= 0 {
		return 1
	}
	return 0
}

// cellW is the width of plan p's cells on a line where used cells are
// taken: the column's width, or what is left when it is the only column
// in view and does not fit.
func (c *comparePane) cellW(p, used int) int {
	return max(min(c.colWidth(p)+c.refW(), c.w-used-3), 0)
}

// visibleCols are the plan columns in view, from colOff: those that fit
// whole, and at least one.
func (c *comparePane) visibleCols() (first, end int) {
	if c.mx == nil || len(c.plans) == 0 {
		return 0, 0
	}
	avail := c.w - c.nameW() - 1
	end = c.colOff
	for end < len(c.plans) {
		sw := c.slotW(end)
		if sw > avail && end > c.colOff {
			break
		}
		avail -= sw
		end++
		if avail <= 0 {
			break
		}
	}
	return c.colOff, end
}

func (c *comparePane) moveCol(d int) {
	c.col = clamp(c.col+d, 0, max(len(c.plans)-1, 0))
	c.scrollCols()
}

// scrollCols brings the column cursor into view.
func (c *comparePane) scrollCols() {
	if c.mx == nil || len(c.plans) == 0 || c.w <= 0 {
		return
	}
	c.colOff = clamp(c.colOff, 0, len(c.plans)-1)
	if c.col < c.colOff {
		c.colOff = c.col
	}
	for {
		_, end := c.visibleCols()
		if c.col < end || c.colOff >= c.col {
			return
		}
		c.colOff++
	}
}

// scrollRows keeps the cursor row in view, with its group's heading when
// it is the group's first row.
func (c *comparePane) scrollRows() {
	if len(c.rows) == 0 {
		c.top = 0
		return
	}
	mh := c.matrixH()
	l := c.rowLine[c.list.cursor]
	first := l
	if l > 0 && c.lines[l-1] < 0 {
		first = l - 1
	}
	if first < c.top {
		c.top = first
	}
	if l >= c.top+mh {
		c.top = l - mh + 1
	}
	c.top = clamp(c.top, 0, max(len(c.lines)-mh, 0))
}

func (c *comparePane) toggleReference() {
	if len(c.plans) == 0 {
		return
	}
	if c.mx.Ref == c.col {
		c.mx.Against(-1)
	} else {
		c.mx.Against(c.col)
	}
	c.scrollCols() // the verdict mark widens every column
}

// The ranked list.

func (c *comparePane) startRank() {
	if c.row() == nil {
		return
	}
	c.ranking = true
	c.rankRow = c.rows[c.list.cursor]
	c.rerank()
}

func (c *comparePane) rerank() {
	r := c.mx.Rows[c.rankRow]
	c.ranked = r.Ranked(c.desc)
	c.missing = c.mx.Missing(r)
	c.rlist = cursorList{n: c.rankLines(), h: max(c.h-2, 1)}
}

// missingPerLine is how many names of plans that set nothing share a line.
func (c *comparePane) missingPerLine() int { return max((c.w-4)/(c.rankNameW()+2), 1) }

// rankLines counts the lines of the ranked list: one per entry, then a
// heading and the names of the plans that set nothing.
func (c *comparePane) rankLines() int {
	if !c.ranking {
		return 0
	}
	n := len(c.ranked)
	if m := len(c.missing); m > 0 {
		n += 1 + (m+c.missingPerLine()-1)/c.missingPerLine()
	}
	return n
}

// maxBarW bounds a bar: longer bars only spread the values apart.
const maxBarW = 60

// rankNameW is the width of the name column of the ranked list.
func (c *comparePane) rankNameW() int { return clamp(c.w/8, 6, 12) }

// Drawing.

// View draws exactly h lines, each exactly w cells.
func (c *comparePane) View() []string {
	if c.cache != nil {
		return c.cache
	}
	out := make([]string, 0, c.h)
	st := c.c.styles
	out = append(out, st.TitleFocused.Render(render.Fit(paneMark(true)+c.title(), c.w)))
	switch {
	case c.mx == nil:
		out = append(out, " "+st.Dim.Render(render.Fit("reading indicators…", c.w-1)))
	case len(c.mx.Rows) == 0:
		out = append(out, st.Dim.Render(render.Fit(" no indicator targets found in the "+strconv.Itoa(len(c.plans))+" plans loaded", c.w)))
	case c.ranking:
		out = append(out, st.Dim.Render(render.Fit(c.rankLegend(), c.w)))
		out = c.rankView(out)
	default:
		out = append(out, c.legendLine())
		out = c.matrixView(out)
	}
	c.cache = fillScreen(out, c.w, c.h)
	return c.cache
}

func (c *comparePane) title() string {
	t := "指标 Compare"
	if c.mx == nil {
		return t
	}
	if c.ranking {
		r := c.mx.Rows[c.rankRow]
		order := "largest first"
		if !c.desc {
			order = "smallest first"
		}
		return t + " › ranked: " + render.Clean(r.Name) + rowInfo(r) + " · " + order
	}
	t += " · " + strconv.Itoa(len(c.rows)) + " of " + strconv.Itoa(len(c.mx.Rows)) + " indicators"
	if q := render.Clean(c.input.Value()); q != "" {
		t += " matching " + q
	}
	first, end := c.visibleCols()
	t += " · plans " + strconv.Itoa(first+1) + "-" + strconv.Itoa(end) + " of " + strconv.Itoa(len(c.plans))
	if c.mx.Ref >= 0 {
		t += " · against " + c.short[c.mx.Ref]
	}
	return t
}

// rowInfo is a row's unit and target year, for headings.
func rowInfo(r *indicator.Row) string {
	s := ""
	if r.Unit != "" {
		s += " · " + render.Clean(r.Unit)
	}
	if r.Year != 0 {
		s += " · " + strconv.Itoa(r.Year)
	}
	return s
}

// legendLine is the filter being edited, or what the marks mean.
func (c *comparePane) legendLine() string {
	if c.editing {
		return inputLine(c.c.styles, "/ ", &c.input, c.w)
	}
	s := " " + markBinding + " 约束性  " + markText + " from text  " + markClash + " text differs  " + markBlank + " not set  (n) base"
	if c.mx.Ref >= 0 {
		s = " vs " + c.short[c.mx.Ref] + ": =meets +stronger -weaker ?not comparable " + markMissing + "missing " + markRef + "reference  " +
			markBinding + "约束性 " + markText + "text " + markBlank + "none"
	}
	return c.c.styles.Dim.Render(render.Fit(s, c.w))
}

// matrixView draws the column headings, the matrix lines in view and the
// bar panel. A line is the frozen indicator column, the separator, then
// for each plan column in view a space, the cell, a space and the
// separator, so the separators stand at the same columns on every line.
func (c *comparePane) matrixView(out []string) []string {
	st := c.c.styles
	out = append(out, c.headingsLine())
	if len(c.rows) == 0 {
		out = append(out, st.Dim.Render(render.Fit(" no indicator matches "+render.Clean(c.input.Value())+" (esc clears the filter)", c.w)))
		return out // (the pane pads the rest)
	}
	for li := c.top; li < c.top+c.matrixH(); li++ {
		out = append(out, c.matrixLine(li))
	}
	return c.panelView(out)
}

func (c *comparePane) headingsLine() string {
	st := c.c.styles
	sep := st.Sep.Render(separator())
	var b strings.Builder
	b.WriteString(st.Title.Render(render.Fit(" 指标 Indicator", c.nameW())))
	b.WriteString(sep)
	used := c.nameW() + 1
	first, end := c.visibleCols()
	for p := first; p < end; p++ {
		cw := c.cellW(p, used)
		h := " "
		if p == c.col {
			h = markColumn
		}
		if p == c.mx.Ref {
			h += markRef
		}
		h = render.Fit(h+c.short[p], cw)
		if p == c.col {
			h = st.Cursor.Render(h)
		} else {
			h = st.Title.Render(h)
		}
		b.WriteString(" " + h + " " + sep)
		used += cw + 3
	}
	b.WriteString(render.Pad("", c.w-used))
	return b.String()
}

// matrixLine draws display line li: a group heading or a row.
func (c *comparePane) matrixLine(li int) string {
	if li >= len(c.lines) {
		return render.Pad("", c.w)
	}
	st := c.c.styles
	nw := c.nameW()
	var b strings.Builder
	i := c.lines[li]
	var r *indicator.Row
	if i < 0 {
		b.WriteString(st.Heading[1].Render(render.Fit(" "+c.groups[-1-i], nw)))
	} else {
		r = c.mx.Rows[c.rows[i]]
		name := render.Fit(cursorMark(i == c.list.cursor)+" "+cutRight(render.Clean(r.Name), nw-3, false), nw)
		if i == c.list.cursor {
			name = st.Cursor.Render(name)
		}
		b.WriteString(name)
	}
	sep := st.Sep.Render(separator())
	b.WriteString(sep)
	used := nw + 1
	first, end := c.visibleCols()
	for p := first; p < end; p++ {
		cw := c.cellW(p, used)
		cell := render.Pad("", cw)
		if r != nil {
			cell = c.cellView(r, p, cw, i == c.list.cursor && p == c.col)
		}
		b.WriteString(" " + cell + " " + sep)
		used += cw + 3
	}
	b.WriteString(render.Pad("", c.w-used))
	return b.String()
}

// cellParts is what a cell shows: the verdict mark (once a reference is
// set), the target, the markers and the base value.
type cellParts struct {
	verdict, target, flags, base string
	blank                        bool
	weak                         bool // falls short of the reference, or misses it
}

func cellOf(e *indicator.Entry) cellParts {
	in := e.In
	cp := cellParts{target: render.Clean(in.Short())}
	if in.Attribute == "约束性" {
		cp.flags += markBinding
	}
	if in.From == indicator.FromText {
		cp.flags += markText
	}
	if in.Conflict {
		cp.flags += markClash
	}
	if b := render.Clean(in.Base); b != "" {
		cp.base = "(" + b + ")"
	}
	return cp
}

// width is the cell's natural width (without the verdict mark).
func (cp cellParts) width() int {
	w := render.Width(cp.target) + render.Width(cp.flags)
	if cp.base != "" {
		w += 1 + render.Width(cp.base)
	}
	return w
}

// cellView draws plan p's cell of row r, exactly w cells.
func (c *comparePane) cellView(r *indicator.Row, p, w int, selected bool) string {
	var cp cellParts
	e := r.Cell(p)
	if e != nil {
		cp = cellOf(e)
	} else {
		cp = cellParts{target: markBlank, blank: true}
	}
	if ref := c.mx.Ref; ref >= 0 {
		switch {
		case e != nil:
			cp.verdict = verdictMark(e.Verdict)
			cp.weak = e.Verdict == indicator.Weaker
		case r.Cell(ref) != nil:
			cp.verdict, cp.weak = markMissing, true
		default:
			cp.verdict = " "
		}
	}
	return cp.draw(c.c.styles, w, selected)
}

// draw lays the parts out in exactly w cells: the target is cut (with …)
// before the markers are, and the base shows only when it fits whole.
func (cp cellParts) draw(st *Styles, w int, selected bool) string {
	avail := w - render.Width(cp.verdict) - render.Width(cp.flags)
	target := cp.target
	if render.Width(target) > avail {
		target = cutRight(target, avail, false)
	}
	base := ""
	if cp.base != "" && render.Width(target)+1+render.Width(cp.base) <= avail {
		base = " " + cp.base
	}
	plain := cp.verdict + target + cp.flags + base
	pad := render.Pad("", w-render.Width(plain))
	if selected {
		return st.Cursor.Render(plain + pad)
	}
	v, t := st.Text, st.Text
	if cp.weak {
		v = st.Warn
	}
	if cp.blank {
		t = st.Dim
	}
	return v.Render(cp.verdict) + t.Render(target) + st.Key.Render(cp.flags) + st.Dim.Render(base) + pad
}

// panelView draws the bars of the row under the cursor: one per plan with
// a number in the row's unit, from the first plan column in view on.
func (c *comparePane) panelView(out []string) []string {
	st := c.c.styles
	ph := c.h - len(out)
	r := c.row()
	if r == nil || ph <= 0 {
		return out
	}
	head := " " + render.Clean(r.Name) + rowInfo(r)
	if len(r.Similar) > 0 {
		var sim []string
		for _, j := range r.Similar {
			s := c.mx.Rows[j]
			sim = append(sim, render.Clean(s.Name)+" ("+strconv.Itoa(s.Year)+")")
		}
		head += " · similar, not merged: " + strings.Join(sim, ", ")
	}
	out = append(out, st.Caption.Render(render.Fit(head, c.w)))
	full, refV := barScale(c.mx, r)
	start := sort.Search(len(r.Entries), func(i int) bool { return r.Entries[i].Plan >= c.colOff })
	var shown []*indicator.Entry
	more := 0
	for i := start; i < len(r.Entries); i++ {
		e := &r.Entries[i]
		if !charted(r, e) {
			continue
		}
		if len(shown) < ph-1 {
			shown = append(shown, e)
		} else {
			more++
		}
	}
	if len(shown) == 0 {
		msg := " no number in " + render.Clean(r.Unit) + " to chart in this row"
		if c.colOff > 0 {
			msg += " from plan " + strconv.Itoa(c.colOff+1) + " on"
		}
		return append(out, st.Dim.Render(render.Fit(msg, c.w)))
	}
	if more > 0 { // the last line says how many more there are
		more++
		shown = shown[:len(shown)-1]
	}
	labW, valW := 0, 0
	for _, e := range shown {
		labW = max(labW, render.Width(c.short[e.Plan]))
		valW = max(valW, render.Width(render.Clean(e.In.Short())))
	}
	labW, valW = min(labW, c.rankNameW()), min(valW, 14)
	barW := clamp(c.w-4-labW-valW, 1, maxBarW)
	for _, e := range shown {
		line := "  " + render.Fit(c.short[e.Plan], labW) + " " + render.PadLeft(render.Truncate(render.Clean(e.In.Short()), valW), valW) + " "
		out = append(out, line+c.barView(r, e, full, refV, barW)+render.Pad("", c.w-4-labW-valW-barW))
	}
	if more > 0 {
		out = append(out, st.Dim.Render(render.Fit("  … "+strconv.Itoa(more)+" more: r ranks every plan", c.w)))
	}
	return out
}

// charted tells whether e has a number in the row's unit (a bar).
func charted(r *indicator.Row, e *indicator.Entry) bool {
	return e.In.Norm != nil && e.In.NormUnit == r.Unit
}

// barScale is the value a full bar stands for in row r (the largest
// charted value, or the reference's), and the reference's value (nil when
// no reference or it charts nothing).
func barScale(mx *indicator.Matrix, r *indicator.Row) (float64, *float64) {
	full := 0.0
	for i := range r.Entries {
		if e := &r.Entries[i]; charted(r, e) {
			full = max(full, *e.In.Norm)
		}
	}
	var refV *float64
	if mx.Ref >= 0 {
		if e := r.Cell(mx.Ref); e != nil && charted(r, e) {
			refV = e.In.Norm
		}
	}
	return full, refV
}

// barView draws the bar of e (an entry of row r), w cells, with the
// reference's value refV as a mark across it.
func (c *comparePane) barView(r *indicator.Row, e *indicator.Entry, full float64, refV *float64, w int) string {
	st := c.c.styles
	b := ""
	if charted(r, e) {
		b = render.Bar(*e.In.Norm, full, w)
	}
	if refV == nil {
		p := st.Key
		if e.Plan == c.mx.Ref {
			p = st.Current
		}
		return p.Render(b) + render.Pad("", w-len([]rune(b)))
	}
	return st.Key.Render(render.BarMark(b, w, render.BarCol(*refV, full, w)))
}

func (c *comparePane) rankLegend() string {
	r := c.mx.Rows[c.rankRow]
	// Short enough for 80 columns: " 3 set, 2 none · │ 懷化 ≥55% · - short of it · ! 约束性 · ~ text".
	s := " " + strconv.Itoa(len(c.ranked)) + " set, " + strconv.Itoa(len(c.missing)) + " none"
	if ref := c.mx.Ref; ref >= 0 {
		if e := r.Cell(ref); e != nil {
			s += " · " + separator() + " " + c.short[ref] + " " + render.Clean(e.In.Short()) + " · - short of it"
		} else {
			s += " · " + c.short[ref] + " (reference) sets nothing"
		}
	}
	return s + " · " + markBinding + " 约束性 · " + markText + " text"
}

func (c *comparePane) rankView(out []string) []string {
	st := c.c.styles
	r := c.mx.Rows[c.rankRow]
	full, refV := barScale(c.mx, r)
	nameW := c.rankNameW()
	numW := len(strconv.Itoa(max(len(c.ranked), 1)))
	valW := 14
	markW := len("- short of ") + nameW
	barW := clamp(c.w-2-numW-1-nameW-1-valW-1-1-markW, 4, maxBarW)
	ref := c.mx.Ref
	for li := c.rlist.top; li < c.rlist.top+c.h-2 && li < c.rlist.n; li++ {
		sel := li == c.rlist.cursor
		switch {
		case li < len(c.ranked):
			e := &c.ranked[li]
			cp := cellOf(e)
			val := cutRight(cp.target, valW-render.Width(cp.flags), false) + cp.flags
			mark := ""
			switch e.Verdict {
			case indicator.Weaker:
				mark = "- short of " + c.short[ref]
			case indicator.Reference:
				mark = markRef + " reference"
			case indicator.NotComparable:
				mark = "? not comparable"
			case indicator.Meets:
				mark = "= meets"
			case indicator.Stronger:
				mark = "+ stronger"
			}
			head := cursorMark(sel) + " " + render.PadLeft(strconv.Itoa(li+1), numW) + " " + render.Fit(c.short[e.Plan], nameW) + " " + render.Fit(val, valW) + " "
			mw := max(c.w-render.Width(head)-barW-1, 0) // what the mark may take
			if sel {
				head = st.Cursor.Render(head)
			}
			mp := st.Dim
			if e.Verdict == indicator.Weaker {
				mp = st.Warn
			}
			out = append(out, head+c.barView(r, e, full, refV, barW)+" "+mp.Render(render.Fit(mark, mw)))
		case li == len(c.ranked):
			txt := render.Fit(cursorMark(sel)+" set nothing ("+strconv.Itoa(len(c.missing))+"):", c.w)
			if sel {
				txt = st.Cursor.Render(txt)
			} else {
				txt = st.Warn.Render(txt)
			}
			out = append(out, txt)
		default:
			per := c.missingPerLine()
			k := (li - len(c.ranked) - 1) * per
			var b strings.Builder
			b.WriteString(cursorMark(sel) + "   ")
			for j := k; j < min(k+per, len(c.missing)); j++ {
				b.WriteString(render.Fit(c.short[c.missing[j]], nameW) + "  ")
			}
			out = append(out, render.Fit(b.String(), c.w))
		}
	}
	return out
}

// CanJump tells whether enter has a source to show.
func (c *comparePane) CanJump() bool {
	switch {
	case c.mx == nil:
		return false
	case c.ranking:
		return c.rlist.cursor < len(c.ranked)
	}
	r := c.row()
	return r != nil && r.Cell(c.col) != nil
}

// Status is the status line's left part: the cell (or ranked entry) under
// the cursor, where it was read, and its verdict.
func (c *comparePane) Status() string {
	s := c.status()
	if c.loading && c.mx != nil {
		// Opened before every plan loaded: the columns are those loaded
		// then; the next opening reads the others too.
		s = " loading… (" + strconv.Itoa(len(c.plans)) + " plans shown) ·" + s
	}
	return s
}

func (c *comparePane) status() string {
	switch {
	case c.mx == nil:
		return " reading indicators…"
	case c.ranking:
		r := c.mx.Rows[c.rankRow]
		if i := c.rlist.cursor; i < len(c.ranked) {
			return " " + c.describe(r, c.ranked[i].Plan, &c.ranked[i])
		}
		return " " + render.Clean(r.Name) + ": " + strconv.Itoa(len(c.missing)) + " plans set nothing"
	}
	r := c.row()
	if r == nil || len(c.plans) == 0 {
		return ""
	}
	return " " + c.describe(r, c.col, r.Cell(c.col))
}

// describe says what plan p sets for row r.
func (c *comparePane) describe(r *indicator.Row, p int, e *indicator.Entry) string {
	name := render.Clean(r.Name)
	if e == nil {
		return c.short[p] + " sets nothing for " + name
	}
	in := e.In
	s := c.short[p] + " " + render.Clean(in.Name) + " " + render.Clean(in.Short())
	if b := render.Clean(in.Base); b != "" {
		s += " · base " + b
		if in.BaseYear != 0 {
			s += " (" + strconv.Itoa(in.BaseYear) + ")"
		}
	}
	if in.Attribute != "" {
		s += " · " + render.Clean(in.Attribute)
	}
	s += " · " + string(in.From) + " line " + strconv.Itoa(in.Loc.Line)
	for _, sup := range in.Support {
		if !sup.Agrees {
			s += " · line " + strconv.Itoa(sup.Line) + " says " + render.Clean(sup.Target)
		}
	}
	if e.Verdict != indicator.NoVerdict && e.Verdict != indicator.Reference {
		s += " · " + e.Verdict.String()
		if e.Reason != "" {
			s += ": " + render.Clean(e.Reason)
		}
	}
	return s
}

// Position is the status line's right part.
func (c *comparePane) Position() string {
	switch {
	case c.mx == nil:
		return ""
	case c.ranking:
		return " " + strconv.Itoa(min(c.rlist.cursor+1, c.rlist.n)) + "/" + strconv.Itoa(c.rlist.n) + " "
	case len(c.rows) == 0:
		return ""
	}
	return " row " + strconv.Itoa(c.list.cursor+1) + "/" + strconv.Itoa(len(c.rows)) + " col " + strconv.Itoa(c.col+1) + "/" + strconv.Itoa(len(c.plans)) + " "
}

// ShortHelp and FullHelp list the pane's keys for the key line and the
// overlay.
func (c *comparePane) ShortHelp() []key.Binding {
	k := c.c.keys
	if c.editing {
		return []key.Binding{c.keep, c.drop}
	}
	esc := k.Esc // leaves the view
	if c.ranking || c.input.Value() != "" {
		esc = c.back
	}
	return []key.Binding{k.Filter, k.Rank, k.Reverse, k.Reference, k.Source, esc, k.ColRight, k.Down, k.Back}
}

func (c *comparePane) FullHelp() [][]key.Binding {
	k := c.c.keys
	return [][]key.Binding{{k.Filter, k.ColLeft, k.ColRight, k.Reference, k.Rank, k.Reverse, k.Source}}
}

// fillScreen pads a full-screen view's lines with blank lines of width w
// to exactly h lines (cutting any beyond).
func fillScreen(out []string, w, h int) []string {
	for len(out) < h {
		out = append(out, render.Pad("", w))
	}
	return out[:h]
}
