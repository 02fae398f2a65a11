package tui

import (
	"strconv"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"planview/model"
	"planview/render"
)

// anchor is a position in a plan that survives re-layout: the block (or
// section heading) at the top of the reader and how far into it.
type anchor struct {
	sec, block, sub int32
	off             int32 // byte offset in the block's text, or -1
	delta           int   // lines below the block's (or heading's) first line when off < 0
	// In a table's grid: 1 + the table row at the top (0: not in a grid),
	// and delta counts lines below that row's first line, so the position
	// survives a relayout that wraps the table's cells differently.
	trow int32
}

// highlight is a search hit to show: a byte range in a block (or cell).
type highlight struct {
	key        blockKey
	start, end int
	text       string // the hit's text, for lines that do not map offsets
	cell       bool
	table      int        // for a cell: index in doc.tables, else -1
	spans      []cellSpan // for a cell: where the hit was drawn
	at         pendingJump
}

// cellSpan is a piece of a hit in a table cell: a doc line and the display
// columns [x0, x1) it takes in the unscrolled table line (before any box
// border).
type cellSpan struct{ line, x0, x1 int }

// readerPane shows a whole plan, scrolled to where you are.
type readerPane struct {
	c       *common
	w, h    int // h includes the title row
	focused bool

	plan *model.Plan
	d    *doc // nil while the plan's doc is being built
	top  int  // first visible line
	mark int  // the line a jump landed on (the current line while in view), or -1

	saved   map[*model.Plan]anchor // position per plan
	pending *anchor                // where to go once the doc arrives
	jump    *pendingJump
	// pendingTable is the table to focus, and its column, once the doc
	// arrives (a place remembered from an earlier run: memory.go).
	pendingTable *tablePlace

	tableOff   map[*model.Table]int // horizontal scroll per table
	focusTable int                  // index in d.tables, or -1
	hl         *highlight
}

type pendingJump struct {
	loc        model.Location
	sub        int
	start, end int
	// stay: highlight the hit where it is, without moving the reader (a
	// highlight remembered from an earlier run, shown at its place).
	stay bool
}

// tablePlace is a focused table (index in doc.tables, which is every
// table in document order at any width) and its column: how many steps
// (docTable.step) it was scrolled from its left edge.
type tablePlace struct{ table, column int }

func newReader(c *common) *readerPane {
	return &readerPane{c: c, saved: map[*model.Plan]anchor{}, tableOff: map[*model.Table]int{}, focusTable: -1, mark: -1}
}

// SetSize sizes the pane; a hit in view stays in view (centred) when the
// height changes.
func (r *readerPane) SetSize(w, h int) {
	keep := r.d != nil && h != r.h && r.mark >= r.top && r.mark < r.top+r.contentH()
	r.w, r.h = w, h
	if keep {
		r.top = r.mark - r.contentH()/2
		r.clampTop()
		r.fixTableFocus()
	}
}

// contentWidth is the width docs are laid out at for a pane w cells wide
// (one cell of left margin).
func contentWidth(w int) int { return max(w-1, 10) }

func (r *readerPane) contentH() int { return max(r.h-1, 1) }

// SetPlan switches to p, saving the position in the current plan.
func (r *readerPane) SetPlan(p *model.Plan) {
	if r.plan == p {
		return
	}
	if r.plan != nil && r.d != nil {
		r.saved[r.plan] = r.anchor()
	} else if r.plan != nil && r.pending != nil {
		// Left before its doc came (it is laid out on demand, or again
		// after a resize): the place to return to is the pending one.
		r.saved[r.plan] = *r.pending
	}
	r.plan, r.d, r.top, r.hl, r.focusTable, r.mark = p, nil, 0, nil, -1, -1
	r.jump = nil // a jump waiting for the old plan's doc is not for p's
	r.pendingTable = nil
	if a, ok := r.saved[p]; ok {
		r.pending = &a
	} else {
		r.pending = nil
	}
}

// Relayout drops the doc (its width is stale) and keeps the position, to
// be restored when the doc for the new width arrives.
func (r *readerPane) Relayout(width int) {
	if r.d == nil || r.d.width == width {
		return
	}
	if r.pending == nil {
		a := r.anchor()
		r.pending = &a
	}
	if r.hl != nil && r.jump == nil && r.mark >= r.top && r.mark < r.top+r.contentH() {
		// A search hit is in view: show it again, centred, at the new width.
		j := r.hl.at
		r.jump = &j
	}
	r.d, r.mark = nil, -1
}

// SetDoc shows d (the current plan laid out at the current width), keeping
// the position: the anchor of the old layout, or a pending move.
func (r *readerPane) SetDoc(d *doc) {
	if d == nil || d.plan != r.plan || d == r.d {
		return
	}
	var a *anchor
	switch {
	case r.pending != nil:
		a = r.pending
	case r.d != nil:
		x := r.anchor()
		a = &x
	}
	r.d, r.pending = d, nil
	if a != nil {
		r.top = r.lineOf(*a)
	}
	if j := r.jump; j != nil {
		r.jump = nil
		if j.stay {
			r.highlightAt(*j)
		} else {
			r.JumpTo(j.loc, j.sub, j.start, j.end)
		}
	} else if h := r.hl; h != nil && h.cell {
		// The hit scrolled out of view before: it is still highlighted
		// where it now sits, without moving the reader.
		r.highlightAt(h.at)
	}
	if tp := r.pendingTable; tp != nil {
		r.pendingTable = nil
		if tp.table >= 0 && tp.table < len(d.tables) && d.tables[tp.table].wide() {
			t := &d.tables[tp.table]
			r.tableOff[t.t] = t.step(0, tp.column)
			r.focusTable = tp.table
		}
	}
	r.clampTop()
	r.fixTableFocus()
}

// highlightAt highlights the hit j where it is, leaving the reader's
// place and the tables' scroll as they are.
func (r *readerPane) highlightAt(j pendingJump) {
	top, off, ft := r.top, r.tableOff, r.focusTable
	r.tableOff = map[*model.Table]int{}
	for k, v := range off {
		r.tableOff[k] = v
	}
	r.JumpTo(j.loc, j.sub, j.start, j.end)
	r.top, r.tableOff, r.focusTable, r.mark = top, off, ft, -1
}

// Restore puts the reader, before its doc arrives, at a place remembered
// from an earlier run: the anchor, the focused table (index in doc.tables,
// -1 for none) scrolled column steps, and a hit highlighted where it is
// (nil for none).
func (r *readerPane) Restore(a anchor, table, column int, hl *pendingJump) {
	r.pending = &a
	r.pendingTable = &tablePlace{table, column}
	if hl != nil {
		j := *hl
		j.stay = true
		r.jump = &j
	}
}

// TablePlace is the focused table (index in doc.tables, -1 for none) and
// how many column steps it is scrolled.
func (r *readerPane) TablePlace() (table, column int) {
	t := r.FocusedTable()
	if t == nil {
		if tp := r.pendingTable; tp != nil && r.d == nil {
			return tp.table, tp.column
		}
		return -1, 0
	}
	off := r.tableOff[t.t]
	for _, s := range t.layout.Stops() {
		if s > 0 && s <= off {
			column++
		}
	}
	return r.focusTable, column
}

// Anchor returns the current position (the pending one while loading).
func (r *readerPane) Anchor() anchor {
	if r.d == nil {
		if r.pending != nil {
			return *r.pending
		}
		return anchor{sec: -1, block: -1, sub: -1, off: -1}
	}
	return r.anchor()
}

// SetAnchor moves to a.
func (r *readerPane) SetAnchor(a anchor) {
	if r.d == nil {
		r.pending = &a
		return
	}
	r.top, r.mark = r.lineOf(a), -1
	r.clampTop()
	r.fixTableFocus()
}

func (r *readerPane) anchor() anchor {
	if r.d == nil || len(r.d.lines) == 0 {
		return anchor{sec: -1, block: -1, sub: -1, off: -1}
	}
	l := r.d.lines[clamp(r.top, 0, len(r.d.lines)-1)]
	a := anchor{sec: l.sec, block: l.block, sub: l.sub, off: l.off}
	if l.block < 0 {
		first := 0
		if l.sec >= 0 {
			first = r.d.secLine[l.sec]
		}
		a.delta = r.top - first
	} else if l.off < 0 {
		a.delta = r.top - r.d.blocks[blockKey{l.sec, l.block, l.sub}].start
		if l.table >= 0 {
			t := &r.d.tables[l.table]
			for row := 0; t.layout.RowLine(row) >= 0; row++ {
				first := t.start + t.layout.RowLine(row)
				if first > r.top {
					break
				}
				a.trow, a.delta = int32(row+1), r.top-first
			}
		}
	}
	return a
}

func (r *readerPane) lineOf(a anchor) int {
	d := r.d
	if a.block < 0 {
		first := 0
		if a.sec >= 0 && int(a.sec) < len(d.secLine) {
			first = d.secLine[a.sec]
		}
		return first + max(a.delta, 0)
	}
	sp, ok := d.blocks[blockKey{a.sec, a.block, a.sub}]
	if !ok {
		return 0
	}
	if a.off < 0 && a.trow > 0 {
		for i := sp.start; i < sp.end; i++ {
			if t := d.lines[i].table; t >= 0 {
				dt := &d.tables[t]
				if rl := dt.layout.RowLine(int(a.trow) - 1); rl >= 0 {
					first := dt.start + rl
					next := dt.end
					if nl := dt.layout.RowLine(int(a.trow)); nl >= 0 {
						next = dt.start + nl
					}
					return clamp(first+max(a.delta, 0), first, max(next-1, first))
				}
				break
			}
		}
	}
	if a.off < 0 {
		return min(sp.start+max(a.delta, 0), max(sp.end-1, sp.start))
	}
	line := sp.start
	for i := sp.start; i < sp.end; i++ {
		if o := d.lines[i].off; o >= 0 && o <= a.off {
			line = i
		}
	}
	return line
}

func (r *readerPane) maxTop() int {
	if r.d == nil {
		return 0
	}
	return max(0, len(r.d.lines)-r.contentH())
}

// clampTop keeps the top line in the doc. A jump may put a heading near
// the end at the top (leaving the rest of the pane empty), so that the
// position is exact and survives a resize; scrolling never goes further.
func (r *readerPane) clampTop() {
	last := 0
	if r.d != nil {
		last = max(len(r.d.lines)-1, 0)
	}
	r.top = clamp(r.top, 0, last)
}

// Scroll moves by n lines.
func (r *readerPane) Scroll(n int) {
	r.mark = -1
	switch {
	case n > 0:
		r.top = min(r.top+n, max(r.maxTop(), r.top))
	case n < 0:
		r.top = max(r.top+n, 0)
	}
	r.clampTop()
	r.fixTableFocus()
}

// Page scrolls a page down (dir > 0) or up, keeping one line of the old
// page in view: its last line becomes the first below any pinned table
// header, or its first (below its pinned header) the last.
func (r *readerPane) Page(dir int) {
	if r.d == nil {
		return
	}
	page := max(r.contentH()-1, 1)
	if dir > 0 {
		r.Scroll(page)
		if n := len(r.pinnedHeader()); n > 0 && n < page {
			r.Scroll(-n)
		}
		return
	}
	r.Scroll(len(r.pinnedHeader()) - page)
}

// Percent is how far through the plan the bottom of the view is.
func (r *readerPane) Percent() int {
	if r.d == nil || len(r.d.lines) == 0 {
		return 0
	}
	if r.top >= r.maxTop() {
		return 100
	}
	return r.top * 100 / r.maxTop()
}

// Section is the section the top line belongs to (nil in the preamble).
func (r *readerPane) Section() *model.Section {
	if r.d == nil {
		if r.pending != nil && r.plan != nil && r.pending.sec >= 0 {
			var s *model.Section
			i := int32(0)
			r.plan.Walk(func(x *model.Section) {
				if i == r.pending.sec {
					s = x
				}
				i++
			})
			return s
		}
		return nil
	}
	if len(r.d.lines) == 0 {
		return nil
	}
	at := r.top
	if r.mark >= r.top && r.mark < r.top+r.contentH() && r.mark < len(r.d.lines) {
		at = r.mark
	}
	if s := r.d.lines[at].sec; s >= 0 {
		return r.d.secs[s]
	}
	return nil
}

// GotoSection puts the heading of the section with path at the top.
func (r *readerPane) GotoSection(path string) {
	r.hl = nil
	a := anchor{sec: -1, block: -1, sub: -1, off: -1}
	if r.d != nil {
		if i, ok := r.d.secIdx[path]; ok {
			a.sec = int32(i)
		}
		r.SetAnchor(a)
		return
	}
	if r.plan != nil {
		i := int32(0)
		r.plan.Walk(func(s *model.Section) {
			if s.Path == path {
				a.sec = i
			}
			i++
		})
	}
	r.pending = &a
}

// StepSection moves to the next (dir > 0) or previous section heading.
func (r *readerPane) StepSection(dir int) bool {
	if r.d == nil || len(r.d.secs) == 0 {
		return false
	}
	target := -1
	if dir > 0 {
		for i, l := range r.d.secLine {
			if l > r.top {
				target = i
				break
			}
		}
	} else {
		for i := len(r.d.secLine) - 1; i >= 0; i-- {
			if r.d.secLine[i] < r.top {
				target = i
				break
			}
		}
	}
	if target < 0 {
		return false
	}
	r.top, r.mark = r.d.secLine[target], -1
	r.clampTop()
	r.fixTableFocus()
	return true
}

// JumpTo shows the hit at loc (sub: child of a box, or -1), highlighting
// bytes [start, end) of the block's text (or the cell's), centred.
func (r *readerPane) JumpTo(loc model.Location, sub, start, end int) {
	if r.d == nil {
		r.jump = &pendingJump{loc: loc, sub: sub, start: start, end: end}
		return
	}
	d := r.d
	sec := int32(-1)
	if loc.Section != "" {
		i, ok := d.secIdx[loc.Section]
		if !ok {
			return
		}
		sec = int32(i)
	}
	k := blockKey{sec, int32(loc.Block), int32(sub)}
	if loc.Block < 0 {
		r.GotoSection(loc.Section)
		return
	}
	sp, ok := d.blocks[k]
	if !ok {
		return
	}
	bl := blockAt(d.plan, sec, d, loc.Block, sub)
	hl := &highlight{key: k, start: start, end: end, table: -1, at: pendingJump{loc: loc, sub: sub, start: start, end: end}}
	line := sp.start
	if loc.Row >= 0 && loc.Col >= 0 && bl != nil && bl.Table != nil {
		hl.cell = true
		if c := cellAt(bl.Table, loc.Row, loc.Col); c != nil {
			if t := c.Text(); 0 <= start && start <= end && end <= len(t) {
				hl.text = render.Clean(t[start:end])
			}
		}
		if ti := d.tableOf(bl.Table); ti >= 0 {
			line = r.jumpToCell(hl, ti, loc.Row, loc.Col)
		}
	} else {
		for i := sp.start; i < sp.end; i++ {
			if o := d.lines[i].off; o >= 0 && int(o) <= start {
				line = i
			}
		}
		if bl != nil && 0 <= start && start <= end && end <= len(bl.Text) {
			hl.text = render.Clean(bl.Text[start:end])
		}
	}
	r.hl = hl
	r.mark = line
	r.top = line - r.contentH()/2
	r.clampTop()
	if n := len(r.pinnedHeader()); n > 0 && r.mark < r.top+n {
		// The hit's line would be under its table's pinned header: just
		// below it instead.
		r.top = r.mark - n
		r.clampTop()
	}
	r.fixTableFocus()
}

// jumpToCell maps a hit in cell (row, col) of table ti through the table's
// layout: the lines the cell's text was drawn on (a cell wraps in a narrow
// column, so the hit may take several), and the columns it takes. It
// focuses the table, scrolls it sideways so the hit shows, records the
// pieces to highlight and returns the doc line to centre.
func (r *readerPane) jumpToCell(hl *highlight, ti, row, col int) int {
	dt := &r.d.tables[ti]
	lay := dt.layout
	hl.table = ti
	line := dt.start + max(lay.RowLine(row), 0)
	pieces := lay.CellPieces(row, col)
	for _, p := range pieces {
		if p.Off < 0 {
			continue
		}
		s, e := max(hl.start, p.Off), min(hl.end, p.Off+len(p.Text))
		if s >= e {
			continue
		}
		x0 := p.X + render.Width(p.Text[:s-p.Off])
		hl.spans = append(hl.spans, cellSpan{dt.start + p.Line, x0, x0 + render.Width(p.Text[s-p.Off:e-p.Off])})
	}
	if len(hl.spans) == 0 && hl.text != "" {
		// The drawn text is not a verbatim slice of the cell (it was
		// cleaned): find the hit's text in the cell's pieces.
		for _, p := range pieces {
			if i := strings.Index(p.Text, hl.text); i >= 0 {
				x0 := p.X + render.Width(p.Text[:i])
				hl.spans = append(hl.spans, cellSpan{dt.start + p.Line, x0, x0 + render.Width(hl.text)})
				break
			}
		}
	}
	if len(hl.spans) == 0 {
		if len(pieces) > 0 {
			line = dt.start + pieces[0].Line
		}
		return line
	}
	x0, x1 := hl.spans[0].x0, hl.spans[0].x1
	for _, sp := range hl.spans[1:] {
		x0, x1 = min(x0, sp.x0), max(x1, sp.x1)
	}
	if dt.wide() {
		// Scroll where h and l would (a stop), the whole hit in view.
		off := lay.StopFor(x0, x1, r.tableOff[dt.t])
		if a, b, ok := lay.VisibleRange(hl.spans[0].x0, hl.spans[0].x1, off); !ok || b-a < hl.spans[0].x1-hl.spans[0].x0 {
			// The pieces of a wrapped hit cannot all show (the column is
			// wider than the window): show where the hit starts.
			off = lay.StopFor(hl.spans[0].x0, hl.spans[0].x1, r.tableOff[dt.t])
		}
		r.tableOff[dt.t] = off
		r.focusTable = ti
	}
	// Centre the middle of the hit (a hit wrapped over two lines).
	return (hl.spans[0].line + hl.spans[len(hl.spans)-1].line) / 2
}

// tableOf is the index in d.tables of the drawing of t, or -1.
func (d *doc) tableOf(t *model.Table) int {
	for i := range d.tables {
		if d.tables[i].t == t {
			return i
		}
	}
	return -1
}

func blockAt(p *model.Plan, sec int32, d *doc, block, sub int) *model.Block {
	bs := p.Preamble
	if sec >= 0 {
		bs = d.secs[sec].Blocks
	}
	if block < 0 || block >= len(bs) {
		return nil
	}
	b := &bs[block]
	if sub >= 0 {
		if sub >= len(b.Children) {
			return nil
		}
		b = &b.Children[sub]
	}
	return b
}

func cellAt(t *model.Table, row, col int) *model.Cell {
	rows := t.Header
	if row >= len(rows) {
		row -= len(rows)
		rows = t.Rows
	}
	if row < 0 || row >= len(rows) || col < 0 || col >= len(rows[row].Cells) {
		return nil
	}
	return &rows[row].Cells[col]
}

// visibleTables lists the wide tables with a line in view.
func (r *readerPane) visibleTables() []int {
	if r.d == nil {
		return nil
	}
	var out []int
	bottom := r.top + r.contentH()
	for i := range r.d.tables {
		t := &r.d.tables[i]
		if t.wide() && t.start < bottom && t.end > r.top {
			out = append(out, i)
		}
	}
	return out
}

// fixTableFocus keeps the focused table among the visible wide ones: the
// first one in view unless the user chose another with t.
func (r *readerPane) fixTableFocus() {
	vis := r.visibleTables()
	for _, i := range vis {
		if i == r.focusTable {
			return
		}
	}
	r.focusTable = -1
	if len(vis) > 0 {
		r.focusTable = vis[0]
	}
}

// NextTable focuses the next wide table in view.
func (r *readerPane) NextTable() {
	vis := r.visibleTables()
	if len(vis) == 0 {
		return
	}
	for j, i := range vis {
		if i == r.focusTable {
			r.focusTable = vis[(j+1)%len(vis)]
			return
		}
	}
	r.focusTable = vis[0]
}

// ScrollTable scrolls the focused table by n columns: to the next (n > 0)
// or previous stop, where a column's left edge meets the frozen column
// (render.TableLayout.Stops), so a column is never shown cut at its start.
func (r *readerPane) ScrollTable(n int) {
	t := r.FocusedTable()
	if t == nil {
		return
	}
	r.tableOff[t.t] = t.step(r.tableOff[t.t], n)
}

// FocusedTable is the table h/l scroll, or nil.
func (r *readerPane) FocusedTable() *docTable {
	if r.d == nil || r.focusTable < 0 || r.focusTable >= len(r.d.tables) {
		return nil
	}
	return &r.d.tables[r.focusTable]
}

// TableStatus describes the focused table for the status line.
func (r *readerPane) TableStatus() string {
	t := r.FocusedTable()
	if t == nil {
		return ""
	}
	return "table " + strconv.Itoa(r.tableOff[t.t]) + "/" + strconv.Itoa(t.maxOffset()) + " h/l"
}

// lineText is line i of the doc as shown: a table line drawn at its
// table's sideways scroll.
func (r *readerPane) lineText(i int) string {
	d := r.d
	if t := d.lines[i].table; t >= 0 {
		dt := &d.tables[t]
		if off := r.tableOff[dt.t]; off > 0 {
			return dt.lineAt(i-dt.start, off)
		}
	}
	return d.lineText(i)
}

// Update handles the reader's keys.
func (r *readerPane) Update(msg tea.Msg) tea.Cmd {
	k := r.c.keys
	switch msg := msg.(type) {
	case tea.KeyMsg:
		switch {
		case key.Matches(msg, k.Down):
			r.Scroll(1)
		case key.Matches(msg, k.Up):
			r.Scroll(-1)
		case key.Matches(msg, k.PageDown) || msg.Type == tea.KeySpace:
			r.Page(1)
		case key.Matches(msg, k.PageUp):
			r.Page(-1)
		case key.Matches(msg, k.Top):
			r.Scroll(-r.top - 1)
		case key.Matches(msg, k.Bottom):
			r.Scroll(r.maxTop() - r.top)
		case key.Matches(msg, k.TableLeft):
			r.ScrollTable(-1)
		case key.Matches(msg, k.TableRight):
			r.ScrollTable(1)
		case key.Matches(msg, k.NextTable):
			r.NextTable()
		}
	case tea.MouseMsg:
		switch msg.Button {
		case tea.MouseButtonWheelDown:
			r.Scroll(3)
		case tea.MouseButtonWheelUp:
			r.Scroll(-3)
		}
	}
	return nil
}

// Click focuses the table under row y of the pane, if any.
func (r *readerPane) Click(y int) {
	if r.d == nil || y < 1 {
		return
	}
	i := r.top + y - 1
	if i < len(r.d.lines) {
		if t := r.d.lines[i].table; t >= 0 && r.d.tables[t].wide() {
			r.focusTable = int(t)
		}
	}
}

// View draws the pane: a title row and the visible lines.
func (r *readerPane) View() []string {
	out := make([]string, 0, r.h)
	st := r.c.styles
	title := ""
	if r.plan != nil {
		title = render.Clean(r.plan.Title)
		if title == "" {
			title = render.Clean(r.plan.Region)
		}
	}
	tp := st.Title
	if r.focused {
		tp = st.TitleFocused
	}
	out = append(out, tp.Render(paneMark(r.focused)+render.Truncate(title, r.w-2)))
	if r.d == nil {
		out = append(out, " "+st.Dim.Render(render.Truncate("laying out…", r.w-1)))
		for len(out) < r.h {
			out = append(out, "")
		}
		return out
	}
	d := r.d
	pin := r.pinnedHeader()
	for k := 0; k < r.contentH() && len(out) < r.h; k++ {
		i := r.top + k
		if k < len(pin) {
			i = pin[k]
		}
		if i >= len(d.lines) {
			out = append(out, "")
			continue
		}
		out = append(out, " "+r.drawLine(i))
	}
	for len(out) < r.h {
		out = append(out, "")
	}
	return out
}

// pinnedHeader lists the doc lines of the header of the table at the top
// of the pane when that header has scrolled off the top while body rows
// of the table still show below it: drawn over the pane's first rows, so
// that a row always shows which column is 2020 and which 2025 (as csvlens
// and visidata pin a header). Nil otherwise.
func (r *readerPane) pinnedHeader() []int {
	d := r.d
	if r.top < 0 || r.top >= len(d.lines) || d.lines[r.top].table < 0 {
		return nil
	}
	dt := &d.tables[d.lines[r.top].table]
	first, end := dt.layout.HeaderLines()
	n := end - first
	if n == 0 || r.top <= dt.start+first || n >= r.contentH() {
		return nil
	}
	if lastBody := dt.start + dt.layout.BodyEnd() - 1; lastBody < r.top+n {
		return nil // no body row would show below the header
	}
	pin := make([]int, n)
	for k := range pin {
		pin[k] = dt.start + first + k
	}
	return pin
}

// drawLine paints doc line i as the pane shows it: a table line at its
// table's scroll, the focused table shaded, a search hit highlighted.
func (r *readerPane) drawLine(i int) string {
	st := r.c.styles
	l := &r.d.lines[i]
	s := l.styled
	text := r.lineText(i)
	p := paint{}
	if l.table >= 0 {
		if text != l.text {
			s = ""
		}
		if int(l.table) == r.focusTable {
			p, s = st.TableFocused, ""
		}
	}
	if r.hl != nil && r.hl.key == (blockKey{l.sec, l.block, l.sub}) {
		if a, b, ok := r.hlRange(l, text); ok {
			if p == (paint{}) {
				p = r.lineP(l)
			}
			s = paintRanges(p, st.Highlight, text, [][2]int{{a, b}})
		}
	}
	if s == "" {
		if p == (paint{}) {
			p = r.lineP(l)
		}
		s = p.Render(text)
	}
	return s
}

func (r *readerPane) lineP(l *docLine) paint {
	b := docBuilder{st: r.c.styles}
	return b.paintFor(*l)
}

// hlRange is the byte range of the highlight within a line's text.
func (r *readerPane) hlRange(l *docLine, text string) (int, int, bool) {
	h := r.hl
	if !h.cell && l.off >= 0 && l.kind != lkTable {
		off := int(l.off)
		clen := len(text) - int(l.pre)
		s, e := max(h.start, off), min(h.end, off+clen)
		if s >= e {
			return 0, 0, false
		}
		a, b := int(l.pre)+s-off, int(l.pre)+e-off
		return a, b, a >= 0 && b <= len(text)
	}
	if h.cell {
		return r.cellRange(l, text)
	}
	if h.text == "" {
		return 0, 0, false
	}
	if i := strings.Index(text, h.text); i >= 0 {
		return i, i + len(h.text), true
	}
	return 0, 0, false
}

// cellRange is the byte range of a cell hit's piece within a table line
// as drawn now (the table may be scrolled sideways, or framed by a box).
func (r *readerPane) cellRange(l *docLine, text string) (int, int, bool) {
	h := r.hl
	if int(l.table) != h.table || h.table < 0 {
		return 0, 0, false
	}
	dt := &r.d.tables[h.table]
	for _, sp := range h.spans {
		if sp.line < 0 || sp.line >= len(r.d.lines) || &r.d.lines[sp.line] != l {
			continue
		}
		a, b, ok := dt.layout.VisibleRange(sp.x0, sp.x1, r.tableOff[dt.t])
		if !ok {
			return 0, 0, false
		}
		shift := render.Width(dt.left)
		return columnsToBytes(text, a+shift, b+shift)
	}
	return 0, 0, false
}

// columnsToBytes is the byte range of the characters of text that lie
// wholly within display columns [a, b).
func columnsToBytes(text string, a, b int) (int, int, bool) {
	col, start, end := 0, -1, -1
	for i, c := range text {
		w := render.RuneWidth(c)
		if col >= a && col+w <= b {
			if start < 0 {
				start = i
			}
			end = i + len(string(c))
		}
		col += w
		if col >= b {
			break
		}
	}
	return start, end, start >= 0 && end > start
}

// ShortHelp lists the reader's keys for the help line.
func (r *readerPane) ShortHelp() []key.Binding {
	k := r.c.keys
	return []key.Binding{k.TableRight, k.TableLeft, k.NextTable, k.SearchNext, k.SearchPrev, k.Down, k.PageDown, k.NextSection, k.PrevSection, k.Back}
}

// FullHelp lists the reader's keys for the help overlay.
func (r *readerPane) FullHelp() [][]key.Binding {
	k := r.c.keys
	return [][]key.Binding{{k.TableLeft, k.TableRight, k.NextTable, k.SearchNext, k.SearchPrev}}
}
