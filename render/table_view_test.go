package render

import (
	"slices"
	"strings"
	"testing"
)

// HeaderLines are the top rule, the header rows and the rule under them;
// BodyEnd is the bottom rule; a table without header rows has none.
func TestHeaderLines(t *testing.T) {
	l := LayoutTable(tables["wide"], 60)
	first, end := l.HeaderLines()
	lines := l.Lines(0)
	if first != len(l.caption) || end <= first+2 || end != l.RowLine(1) {
		t.Fatalf("header lines [%d, %d), first body row at %d", first, end, l.RowLine(1))
	}
	if !containsAll(lines[first+1:end-1], "地区") || !isRule(lines[end-1]) || !isRule(lines[first]) {
		t.Errorf("header lines:\n%s", strings.Join(lines[first:end], "\n"))
	}
	if b := l.BodyEnd(); !isRule(lines[b]) || b != len(lines)-len(l.notes)-1 {
		t.Errorf("body end %d: %q", b, lines[b])
	}
	if f, e := LayoutTable(tables["one-column"], 60).HeaderLines(); f != e {
		t.Errorf("a table without header rows has header lines [%d, %d)", f, e)
	}
}

// StopFor always lands on a stop; it keeps the current stop when the range
// shows there, and otherwise shows the whole range from the nearest stop
// at or left of it, or (wider than the window) its start.
func TestStopFor(t *testing.T) {
	l := LayoutTable(tables["wide"], 40)
	stops := l.Stops()
	if len(stops) < 3 {
		t.Fatalf("stops %v: the table does not scroll enough to test", stops)
	}
	x := l.ColumnX(4) // 2019年
	w := l.Columns()[4]
	for _, cur := range stops {
		off := l.StopFor(x, x+w, cur)
		if !slices.Contains(stops, off) {
			t.Fatalf("StopFor from %d: %d is not a stop %v", cur, off, stops)
		}
		if a, b, ok := l.VisibleRange(x, x+w, off); !ok || b-a != w {
			t.Errorf("StopFor from %d: offset %d shows [%d,%d) of a %d-cell range", cur, off, a, b, w)
		}
		if a, b, ok := l.VisibleRange(x, x+w, cur); ok && b-a == w && off != cur {
			t.Errorf("the range showed at %d, but StopFor moved to %d", cur, off)
		}
	}
	// The frozen column: never scrolls.
	if off := l.StopFor(l.ColumnX(0), l.ColumnX(0)+2, stops[1]); off != stops[1] {
		t.Errorf("a range in the frozen column moved the table to %d", off)
	}
	// A range wider than the window: its start shows, from a stop.
	x7 := l.ColumnX(7)
	off := l.StopFor(x7, x7+100, 0)
	if a, _, ok := l.VisibleRange(x7, x7+1, off); !ok || !slices.Contains(stops, off) || a < 0 {
		t.Errorf("a range wider than the window: offset %d", off)
	}
	// A table that fits never scrolls.
	if off := LayoutTable(tables["wide"], 0).StopFor(10, 20, 5); off != 0 {
		t.Errorf("a table that fits: offset %d", off)
	}
}

func isRule(s string) bool {
	for _, r := range s {
		switch r {
		case '─', '┌', '┐', '├', '┤', '└', '┘', '┬', '┼', '┴', '-', '+':
		default:
			return false
		}
	}
	return s != ""
}

func containsAll(lines []string, s string) bool {
	return slices.ContainsFunc(lines, func(l string) bool { return strings.Contains(l, s) })
}
