package pdf

// Pages set in two columns. A page's body lines are read in columns when an
// empty vertical strip near the middle of the text (the gutter) splits
// them: most lines stop before it or start after it, few cross it, not
// every line has text level with it on the other side, and each side holds
// running text (lines long enough, few of them split into cells with wide
// gaps: not the cells of a table). Lines and
// regions that cross the gutter (a title over both columns, a table across
// the page) are read where they stand and cut the page into bands; within
// a band the left column is read before the right one. Each column line
// knows its column's edges, so that a paragraph runs on from line to line
// within a column, and from the foot of one column to the head of the next.

import (
	"math"
	"sort"
)

// Column thresholds.
const (
	// gutterMin: the least width of a gutter, in font sizes (a Chinese
	// two-column page leaves two characters or more; a space between
	// Latin words is a quarter).
	gutterMin = 1.0
	// gutterZone: the gutter lies in this middle share of the text's width
	// (columns of equal width, or nearly).
	gutterZone = 0.3
	// columnMinLines: each column holds at least this many lines.
	columnMinLines = 4
	// crossMaxShare: at most this share of the body lines cross the gutter
	// (titles, full-width paragraphs, tables across the page).
	crossMaxShare = 0.25
	// bothMaxShare: at most this share of the body lines have text on both
	// sides on one baseline: every row of a two-column table does, a page
	// of columns has headings and paragraph gaps that put the two columns'
	// lines out of step (the fixtures' two-column page: 11 of 43).
	bothMaxShare = 0.8
	// columnMinChars, columnMinLong: each column holds at least
	// columnMinLong lines of columnMinChars characters or more in one run
	// (running text; a table's cells are shorter or stand apart). The
	// fixtures' first page in columns has two such lines in the column its
	// table fills: "到2025年，全市民政事业发展主要指" and the caption.
	columnMinChars = 8
	columnMinLong  = 2
	// maxBins: the gutter is looked for at half a point (or coarser on a
	// page wider than 4,000 points: a damaged PDF may put a character
	// anywhere).
	maxBins = 4000
	// tableMaxShare: at most this share of a column's lines stands in
	// several runs with a cell's gap between them (a table across the
	// gutter: its rows' cells on both sides).
	tableMaxShare = 0.2
)

// columns is a page's two-column layout: the gutter, and the edges of each
// column's text.
type columns struct {
	gutter      float64 // the middle of the gutter
	left, right margins
}

// side tells where a thing of the given extent stands: -1 across the
// gutter's middle, 0 in the left column, 1 in the right. (The middle, not
// the gutter's edges: punctuation that hangs past a column's edge into the
// gutter is still the column's.)
func (c *columns) side(x0, x1 float64) int {
	switch {
	case x1 <= c.gutter:
		return 0
	case x0 >= c.gutter:
		return 1
	}
	return -1
}

// findColumns reports the two-column layout of a page's body lines (lines
// in its top and bottom margins aside), or nil when it has one column.
func findColumns(lines []*tline, p *page) *columns {
	body := bodyLines(lines, p)
	if len(body) < 2*columnMinLines {
		return nil
	}
	x0, x1 := math.Inf(1), math.Inf(-1)
	var sizes []float64
	for _, l := range body {
		x0, x1 = min(x0, l.x0), max(x1, l.x1)
		sizes = append(sizes, l.size)
	}
	sort.Float64s(sizes)
	size := sizes[len(sizes)/2]
	w := x1 - x0
	if !(size > 0 && w >= 4*size) || math.IsInf(w, 0) {
		return nil // one column, or positions a damaged PDF made up (NaN, ±Inf)
	}
	// How many lines cover each half point across the middle of the text.
	z0, z1 := x0+(0.5-gutterZone/2)*w, x0+(0.5+gutterZone/2)*w
	step := max(0.5, (z1-z0)/maxBins)
	cover := make([]int, int((z1-z0)/step)+1)
	for _, l := range body {
		last := -1
		for _, c := range l.chars {
			a, b := int(math.Floor((c.x0-z0)/step)), int(math.Ceil((c.x1-z0)/step))
			for k := max(a, last+1, 0); k < min(b, len(cover)); k++ {
				cover[k]++
				last = k
			}
		}
	}
	// The widest run of the least covered points.
	least := len(body)
	for _, n := range cover {
		least = min(least, n)
	}
	best, bestLen := -1, 0
	for k := 0; k < len(cover); {
		if cover[k] != least {
			k++
			continue
		}
		j := k
		for j < len(cover) && cover[j] == least {
			j++
		}
		if j-k > bestLen {
			best, bestLen = k, j-k
		}
		k = j
	}
	if best < 0 || float64(bestLen)*step < gutterMin*size {
		return nil
	}
	c := &columns{gutter: z0 + (float64(best)+float64(bestLen)/2)*step}
	// Each line's parts on each side; lines across.
	cross, both := 0, 0
	var sides [2]sideStats
	for _, l := range body {
		parts, across := c.parts(l)
		if across {
			cross++
			continue
		}
		if len(parts[0]) > 0 && len(parts[1]) > 0 {
			both++
		}
		for s, cs := range parts {
			if len(cs) > 0 {
				sides[s].add(cs, l.size)
			}
		}
	}
	n := float64(len(body))
	if float64(cross) > crossMaxShare*n || float64(both) > bothMaxShare*n || !sides[0].prose() || !sides[1].prose() {
		return nil
	}
	c.left, c.right = sides[0].edges(), sides[1].edges()
	return c
}

// fits reports a page none of whose body lines (those in its top and
// bottom margins aside) crosses the gutter.
func (c *columns) fits(lines []*tline, p *page) bool {
	for _, l := range bodyLines(lines, p) {
		if _, across := c.parts(l); across {
			return false
		}
	}
	return true
}

// bodyLines are the lines outside a page's top and bottom margins (where
// running headers, footers and page numbers stand).
func bodyLines(lines []*tline, p *page) []*tline {
	var body []*tline
	for _, l := range lines {
		if p.h > 0 && (l.bottom > (1-marginShare)*p.h || l.top < marginShare*p.h) {
			continue
		}
		body = append(body, l)
	}
	return body
}

// parts splits a line's characters by side of the gutter; across reports a
// line that crosses it: a character in the gutter, or the row of a table
// across the page (minCols cells or more, on both sides).
func (c *columns) parts(l *tline) (parts [2][]char, across bool) {
	for _, ch := range l.chars {
		s := c.side(ch.x0, ch.x1)
		if s < 0 {
			return parts, true
		}
		parts[s] = append(parts[s], ch)
	}
	if len(parts[0]) > 0 && len(parts[1]) > 0 && len(segments(l)) >= minCols {
		return parts, true
	}
	return parts, false
}

// sideStats gathers the line parts on one side of a gutter.
type sideStats struct {
	x0s, x1s    []float64
	long, table int // parts of running text; parts in several cells
}

func (st *sideStats) add(cs []char, size float64) {
	st.x0s, st.x1s = append(st.x0s, cs[0].x0), append(st.x1s, cs[len(cs)-1].x1)
	cells, chars := 0, 0
	var last *char
	for i := range cs {
		ch := &cs[i]
		if ch.r == ' ' || ch.r == '\u3000' {
			continue
		}
		if last == nil || ch.x0-last.x1 >= colGap*size {
			cells++
		}
		chars++
		last = ch
	}
	switch {
	case cells >= 2:
		st.table++
	case chars >= columnMinChars:
		st.long++
	}
}

// prose reports a side of running text: lines long enough to be a
// column's (not a table's cells), few of them in cells.
func (st *sideStats) prose() bool {
	n := len(st.x0s)
	return n >= columnMinLines && st.long >= columnMinLong && float64(st.table) <= tableMaxShare*float64(n)
}

// edges are the edges of a column's text: where most of its lines start
// and where its full lines end (as bodyMargins finds the page's).
func (st *sideStats) edges() margins {
	x0s, x1s := append([]float64(nil), st.x0s...), append([]float64(nil), st.x1s...)
	sort.Float64s(x0s)
	sort.Float64s(x1s)
	return margins{left: x0s[len(x0s)/10], right: x1s[len(x1s)*9/10]}
}

// split cuts the lines of a two-column page at the gutter: a line with
// characters on both sides becomes two, each knowing its column's edges; a
// line across the gutter stays whole.
func (c *columns) split(lines []*tline) []*tline {
	var out []*tline
	for _, l := range lines {
		parts, across := c.parts(l)
		if across {
			out = append(out, l)
			continue
		}
		for s, cs := range parts {
			if len(cs) == 0 {
				continue
			}
			nl := &tline{chars: cs, page: l.page, col: &c.left}
			if s == 1 {
				nl.col = &c.right
			}
			nl.finish()
			out = append(out, nl)
		}
	}
	return out
}

// order sorts a two-column page's items into reading order: the items
// across the gutter where they stand, cutting the page into bands; in each
// band the left column, then the right.
func (c *columns) order(its []item) {
	extent := func(it item) (x0, x1 float64) {
		if it.line != nil {
			return it.line.x0, it.line.x1
		}
		return it.reg.x0, it.reg.x1
	}
	// The items across, top to bottom (its is sorted so already). A page
	// number centred under the columns is one: it ends the page.
	var cuts []float64
	for _, it := range its {
		if x0, x1 := extent(it); c.side(x0, x1) < 0 {
			cuts = append(cuts, it.top)
		}
	}
	type placed struct {
		item
		band, side int
	}
	ps := make([]placed, len(its))
	for i, it := range its {
		band := 0
		for _, t := range cuts {
			if t > it.top {
				band++
			}
		}
		s := c.side(extent(it))
		if s < 0 {
			band++ // a cut leads its band
		}
		ps[i] = placed{it, band, s}
	}
	sort.SliceStable(ps, func(a, b int) bool {
		switch {
		case ps[a].band != ps[b].band:
			return ps[a].band < ps[b].band
		case ps[a].side != ps[b].side:
			return ps[a].side < ps[b].side
		}
		return ps[a].top > ps[b].top
	})
	for i := range ps {
		its[i] = ps[i].item
	}
}
