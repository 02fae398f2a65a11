package render

// What a scrolling view of a laid-out table needs beyond drawing it: the
// lines of its header, to pin them while the body scrolls, and the scroll
// stop that shows a given range of a line.

// HeaderLines are the lines [first, end) of Lines() that draw the table's
// header: the rule above it, its rows and the rule below it. A table
// without header rows has none (first == end).
func (l *TableLayout) HeaderLines() (first, end int) {
	first = len(l.caption)
	if l.t == nil || len(l.t.Header) == 0 || len(l.t.Header) >= len(l.rowLine) {
		return first, first
	}
	return first, l.rowLine[len(l.t.Header)]
}

// BodyEnd is the end of the lines that draw the table's body rows: the
// bottom rule's line.
func (l *TableLayout) BodyEnd() int { return len(l.caption) + len(l.grid) - 1 }

// StopFor is the scroll offset that shows display columns [x0, x1) of an
// unscrolled grid line, one of Stops (where h and l land, a column never
// cut at its start): cur when the range already shows whole (or is in the
// frozen column), else the largest stop at or left of the range's start
// that shows it whole, else (a range wider than the window) the largest
// stop at or left of its start. Only text that no stop shows whole though
// it fits the window (a header cell centred over two columns) takes the
// offset that ends the window with it.
func (l *TableLayout) StopFor(x0, x1, cur int) int {
	m := l.MaxOffset()
	if m == 0 {
		return 0
	}
	fw := l.fw
	if l.limit-l.fw < 1 {
		fw = 0 // the whole grid scrolls
	}
	vw := l.limit - fw
	if x1 <= fw {
		return min(max(cur, 0), m)
	}
	r0, r1 := max(x0, fw)-fw, x1-fw
	shows := func(s int) bool { return s <= r0 && r1 <= s+vw }
	stops := l.Stops()
	for _, s := range stops {
		if s == cur && shows(s) {
			return cur
		}
	}
	best, start := -1, 0
	for _, s := range stops {
		if s > r0 {
			break
		}
		start = s
		if shows(s) {
			best = s
		}
	}
	if best < 0 {
		if r1-r0 <= vw {
			return min(max(r1-vw, 0), m)
		}
		return start
	}
	return best
}
