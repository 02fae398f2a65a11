package pdf

// Tables without rules (a 三线表 with only its top, header and bottom
// rules, or none at all): lines whose text stands in three or more runs
// separated by wide gaps, one under another, are the rows of a table whose
// columns are where the runs line up.
//
//   - a line is a row line when it has at least minCols runs of text with
//     gaps of at least colGap font sizes between them;
//   - a run of row lines, with short lines between two (a cell's wrapped
//     text, a merged cell's text centred between rows: at most maxBetween,
//     or any number each close under the one before), and the short lines
//     close under the last, is a table when it has at least minRowLines
//     row lines;
//   - its columns are the spans of the page its runs cover together, the
//     gaps between them the gutters;
//   - rows: lines close together (bandGap) make a band; a line with text in
//     the first column and another is a row's key line; a band's other
//     lines go with the nearest key line when the cells are centred (some
//     stand above the band's first key line; a merged cell centred over two
//     rows goes with the upper), else with the key line above them.
//
// A cell merged down three or more rows and centred (a 类别 column) goes
// with the row it stands beside, not the first of its rows: without rules,
// nothing shows where the merged cell starts. Ruled tables (geometry.go)
// have no such limit.

import (
	"math"
	"sort"
)

const (
	colGap      = 1.5 // a gap this wide (font sizes) separates two cells
	minCols     = 3
	minRowLines = 2
	maxBetween  = 2
	shortLine   = 0.6 // a line between row lines spans at most this share of the text width
)

// segment is a run of a line's characters between wide gaps.
type segment struct {
	x0, x1 float64
}

func segments(l *tline) []segment {
	var out []segment
	for i, c := range l.chars {
		if c.r == ' ' || c.r == '\u3000' {
			continue
		}
		if len(out) > 0 && i > 0 && c.x0-out[len(out)-1].x1 < colGap*l.size {
			out[len(out)-1].x1 = max(out[len(out)-1].x1, c.x1)
			continue
		}
		out = append(out, segment{c.x0, c.x1})
	}
	return out
}

// unruledTables replaces the runs of row lines among a page's items (top
// to bottom) with table regions.
func unruledTables(its []item, width float64) []item {
	var out []item
	for i := 0; i < len(its); {
		end, ok := tableRun(its, i, width)
		if !ok {
			out = append(out, its[i])
			i++
			continue
		}
		var lines []*tline
		for _, it := range its[i:end] {
			lines = append(lines, it.line)
		}
		if g := unruledRegion(lines); g != nil {
			out = append(out, item{reg: g, top: g.y1, page: its[i].page})
			i = end
			continue
		}
		out = append(out, its[i])
		i++
	}
	return out
}

// tableRun reports whether a table of row lines starts at its[i], and
// where it ends: row lines, the short lines between them, and the short
// lines right under the last one (its wrapped cells).
func tableRun(its []item, i int, width float64) (int, bool) {
	text := func(k int) bool {
		l := its[k].line
		return l != nil && !l.header && !l.footer && !l.footnote
	}
	isRow := func(k int) bool {
		return k < len(its) && text(k) && len(segments(its[k].line)) >= minCols
	}
	short := func(k int) bool {
		return text(k) && !isRow(k) && (width <= 0 || its[k].line.x1-its[k].line.x0 <= shortLine*width)
	}
	if !isRow(i) {
		return i, false
	}
	rows, end := 1, i+1
	for k := i + 1; k < len(its); {
		if isRow(k) {
			rows++
			k++
			end = k
			continue
		}
		j := k
		for j < len(its) && short(j) && (j-k < maxBetween || close(its[j-1].line, its[j].line)) {
			j++
		}
		if j > k && isRow(j) {
			k = j
			continue
		}
		// Under the last row line: only lines close under it.
		for m := k; m < j && close(its[m-1].line, its[m].line); m++ {
			end = m + 1
		}
		break
	}
	return end, rows >= minRowLines
}

// bandGap: lines whose baselines are at most this many font sizes apart
// are in one band of a table: one row, or rows with no space between them.
const bandGap = 1.35

func close(a, b *tline) bool {
	return a.base-b.base <= bandGap*max(a.size, b.size)
}

// unruledRegion builds the table region of a run of lines.
func unruledRegion(lines []*tline) *region {
	var spans []segment
	for _, l := range lines {
		spans = append(spans, segments(l)...)
	}
	sort.Slice(spans, func(i, j int) bool { return spans[i].x0 < spans[j].x0 })
	var cols []segment
	for _, s := range spans {
		if n := len(cols); n > 0 && s.x0 <= cols[n-1].x1 {
			cols[n-1].x1 = max(cols[n-1].x1, s.x1)
			continue
		}
		cols = append(cols, s)
	}
	if len(cols) < minCols {
		return nil
	}
	colOf := func(x float64) int {
		for c := range cols {
			if x <= cols[c].x1 {
				return c
			}
		}
		return len(cols) - 1
	}
	// Rows. Lines close together are a band: the lines of one row, or of
	// rows with no space between them. A line with text in the first
	// column and another is a row's key line; the band's other lines go
	// with a key line: when some stand above the band's first key line,
	// the cells are centred, and each goes with the nearest key line (the
	// upper one when two are as near: a merged cell centred over two rows
	// is the first's); else the cells are top-aligned, and each goes with
	// the key line above it.
	key := func(l *tline) bool {
		first, other := false, false
		for _, s := range segments(l) {
			if colOf((s.x0+s.x1)/2) == 0 {
				first = true
			} else {
				other = true
			}
		}
		return first && other
	}
	rowOf := make([]int, len(lines))
	nrows := 0
	for i := 0; i < len(lines); {
		j := i + 1
		for j < len(lines) && close(lines[j-1], lines[j]) {
			j++
		}
		var keys []int
		for k := i; k < j; k++ {
			if key(lines[k]) {
				keys = append(keys, k)
			}
		}
		if len(keys) == 0 {
			keys = []int{i}
		}
		centred := keys[0] > i
		for k := i; k < j; k++ {
			best := 0
			for n, kk := range keys {
				if centred {
					if math.Abs(lines[kk].base-lines[k].base) < math.Abs(lines[keys[best]].base-lines[k].base)-0.01 {
						best = n
					}
				} else if kk <= k {
					best = n
				}
			}
			rowOf[k] = nrows + best
		}
		nrows += len(keys)
		i = j
	}
	// Row edges: between the lowest line of a row and the highest of the
	// next.
	top := make([]float64, nrows)
	bottom := make([]float64, nrows)
	for r := range top {
		top[r], bottom[r] = math.Inf(-1), math.Inf(1)
	}
	for k, l := range lines {
		top[rowOf[k]] = max(top[rowOf[k]], l.top)
		bottom[rowOf[k]] = min(bottom[rowOf[k]], l.bottom)
	}
	xs := []float64{cols[0].x0 - 1}
	for c := 1; c < len(cols); c++ {
		xs = append(xs, (cols[c-1].x1+cols[c].x0)/2)
	}
	xs = append(xs, cols[len(cols)-1].x1+1)
	ys := []float64{top[0] + 1}
	for r := 1; r < nrows; r++ {
		ys = append(ys, (bottom[r-1]+top[r])/2)
	}
	ys = append(ys, bottom[nrows-1]-1)
	g := &region{x0: xs[0], x1: xs[len(xs)-1], y0: ys[len(ys)-1], y1: ys[0], xs: xs, ys: ys, unruled: true}
	nr, nc := len(ys)-1, len(xs)-1
	g.owner = make([][]int, nr)
	for r := range g.owner {
		g.owner[r] = make([]int, nc)
		for c := range g.owner[r] {
			g.owner[r][c] = r*nc + c
		}
	}
	g.cells = make([][]char, nr*nc)
	for k, l := range lines {
		row := rowOf[k]
		for _, c := range l.chars {
			col := colOf(c.cx())
			g.cells[row*nc+col] = append(g.cells[row*nc+col], c)
		}
	}
	return g
}
