package pdf

// What a page gives: characters with their positions, ruled lines, images.
// Coordinates are PDF points with the origin at the bottom left: y grows
// up the page.

import (
	"math"
	"sort"
)

// char is one character of a page's text.
type char struct {
	r        rune
	x0, x1   float64 // its box, left and right
	y0, y1   float64 // its box, bottom and top (the font's, not the glyph's)
	base     float64 // its baseline
	size     float64 // its font size
	sup      bool    // raised and smaller than the line it is in (a note mark)
	assigned bool    // taken by a table or box region
}

func (c char) cx() float64 { return (c.x0 + c.x1) / 2 }
func (c char) cy() float64 { return (c.y0 + c.y1) / 2 }

// rule is a ruled line: horizontal (y0 == y1) or vertical (x0 == x1).
type rule struct {
	x0, y0, x1, y1 float64
}

func (r rule) horizontal() bool { return r.y0 == r.y1 }

// page is one page as the engine reads it.
type page struct {
	n      int // 1-based
	w, h   float64
	chars  []char
	rules  []rule
	images int
}

// thin: a path at most this thick (points) is a ruled line.
const thin = 2.5

// addPath adds a path's bounds as ruled lines: a thin path is one line; an
// outlined rectangle is its four sides.
func (p *page) addPath(b rule, rect bool) {
	w, h := b.x1-b.x0, b.y1-b.y0
	switch {
	case h <= thin && w > thin:
		y := (b.y0 + b.y1) / 2
		p.rules = append(p.rules, rule{b.x0, y, b.x1, y})
	case w <= thin && h > thin:
		x := (b.x0 + b.x1) / 2
		p.rules = append(p.rules, rule{x, b.y0, x, b.y1})
	case rect:
		p.rules = append(p.rules,
			rule{b.x0, b.y0, b.x1, b.y0}, rule{b.x0, b.y1, b.x1, b.y1},
			rule{b.x0, b.y0, b.x0, b.y1}, rule{b.x1, b.y0, b.x1, b.y1})
	}
}

// touch is how far apart (points) two ruled lines may be and still meet.
const touch = 3.0

func meets(a, b rule) bool {
	return a.x0 <= b.x1+touch && b.x0 <= a.x1+touch && a.y0 <= b.y1+touch && b.y0 <= a.y1+touch
}

// region is a part of a page framed by ruled lines: a table (a grid of
// cells) or, for a single cell, a box.
type region struct {
	x0, y0, x1, y1 float64
	xs             []float64 // column edges, left to right
	ys             []float64 // row edges, top to bottom
	// owner[r][c] is the index of the cell (r, c) belongs to: cells merged
	// across the rules missing between them share one.
	owner [][]int
	cells [][]char // by owner index
	// unruled: a table found from the columns of its text (unruled.go),
	// whose edges are where its text is, not where rules are.
	unruled bool
}

func (g *region) rows() int { return len(g.ys) - 1 }
func (g *region) cols() int { return len(g.xs) - 1 }
func (g *region) box() bool { return g.rows() == 1 && g.cols() == 1 }

// regions finds the tables and boxes the ruled lines of a page draw: each
// set of meeting lines with at least two horizontal and two vertical ones
// is a grid whose edges are where its lines are; two neighbouring cells
// with no line between them are one merged cell.
func regions(rules []rule) []*region {
	n := len(rules)
	sets := newUnionFind(n)
	for i := 0; i < n; i++ {
		for j := i + 1; j < n; j++ {
			if meets(rules[i], rules[j]) {
				sets.union(i, j)
			}
		}
	}
	groups := map[int][]rule{}
	var order []int
	for i := range rules {
		r := sets.find(i)
		if _, ok := groups[r]; !ok {
			order = append(order, r)
		}
		groups[r] = append(groups[r], rules[i])
	}
	var out []*region
	for _, k := range order {
		if g := grid(groups[k]); g != nil {
			out = append(out, g)
		}
	}
	return out
}

// minCell is the smallest gap (points) between two row or column edges.
const minCell = 4.0

func grid(rs []rule) *region {
	var hs, vs []rule
	for _, r := range rs {
		if r.horizontal() {
			hs = append(hs, r)
		} else {
			vs = append(vs, r)
		}
	}
	if len(hs) < 2 || len(vs) < 2 {
		return nil
	}
	var xv, yv []float64
	for _, v := range vs {
		xv = append(xv, v.x0)
	}
	for _, h := range hs {
		yv = append(yv, h.y0)
	}
	xs := cluster(xv)
	ys := cluster(yv)
	sort.Sort(sort.Reverse(sort.Float64Slice(ys)))
	if len(xs) < 2 || len(ys) < 2 {
		return nil
	}
	g := &region{x0: xs[0], x1: xs[len(xs)-1], y0: ys[len(ys)-1], y1: ys[0], xs: xs, ys: ys}
	nr, nc := g.rows(), g.cols()
	hasV := func(x, yTop, yBot float64) bool {
		mid := (yTop + yBot) / 2
		for _, v := range vs {
			if math.Abs(v.x0-x) <= touch && v.y0 <= mid && v.y1 >= mid {
				return true
			}
		}
		return false
	}
	hasH := func(y, xL, xR float64) bool {
		mid := (xL + xR) / 2
		for _, h := range hs {
			if math.Abs(h.y0-y) <= touch && h.x0 <= mid && h.x1 >= mid {
				return true
			}
		}
		return false
	}
	cells := newUnionFind(nr * nc)
	union, find := cells.union, cells.find
	for r := 0; r < nr; r++ {
		for c := 0; c < nc; c++ {
			if c+1 < nc && !hasV(xs[c+1], ys[r], ys[r+1]) {
				union(r*nc+c, r*nc+c+1)
			}
			if r+1 < nr && !hasH(ys[r+1], xs[c], xs[c+1]) {
				union(r*nc+c, (r+1)*nc+c)
			}
		}
	}
	g.owner = make([][]int, nr)
	for r := range g.owner {
		g.owner[r] = make([]int, nc)
		for c := range g.owner[r] {
			g.owner[r][c] = find(r*nc + c)
		}
	}
	g.cells = make([][]char, nr*nc)
	return g
}

// cluster returns the distinct values of vs, those within touch of each
// other made one (their mean), sorted.
func cluster(vs []float64) []float64 {
	sort.Float64s(vs)
	var out []float64
	for i := 0; i < len(vs); {
		j, sum := i, 0.0
		for j < len(vs) && vs[j]-vs[i] <= touch {
			sum += vs[j]
			j++
		}
		v := sum / float64(j-i)
		if len(out) == 0 || v-out[len(out)-1] >= minCell {
			out = append(out, v)
		}
		i = j
	}
	return out
}

// contains reports whether the point lies inside the region.
func (g *region) contains(x, y float64) bool {
	return x >= g.x0 && x <= g.x1 && y >= g.y0 && y <= g.y1
}

// place puts a character in the cell under its centre.
func (g *region) place(c char) {
	x, y := c.cx(), c.cy()
	col := sort.SearchFloat64s(g.xs, x) - 1
	row := 0
	for row < g.rows()-1 && y < g.ys[row+1] {
		row++
	}
	col = max(0, min(col, g.cols()-1))
	o := g.owner[row][col]
	g.cells[o] = append(g.cells[o], c)
}

// unionFind is a set of disjoint sets of 0…n-1; a set is known by its
// smallest member (a merged cell by its top-left cell).
type unionFind []int

func newUnionFind(n int) unionFind {
	u := make(unionFind, n)
	for i := range u {
		u[i] = i
	}
	return u
}

func (u unionFind) find(i int) int {
	for u[i] != i {
		u[i] = u[u[i]]
		i = u[i]
	}
	return i
}

func (u unionFind) union(a, b int) {
	ra, rb := u.find(a), u.find(b)
	if ra < rb {
		u[rb] = ra
	} else {
		u[ra] = rb
	}
}
