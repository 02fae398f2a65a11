package tui

// Layout arithmetic: plain functions of the terminal size, table-tested.

const (
	minWidth  = 60 // below this the browser shows a message instead
	minHeight = 16
	sepWidth  = 1 // the column between sidebar and reader
	chromeH   = 2 // status line + key help line
)

// layout places the panes:
//
//	+-- sidebar --+-+------------- reader -------------+
//	| plans       |│| (title)                          |
//	| (title+N)   |│|                                  |
//	| outline     |│|                                  |
//	| (title+...) |│|                                  |
//	+-------------+-+----------------------------------+
//	| status: plan › 第三章 › 第二节            42%     |
//	| keys that matter now                             |
type layout struct {
	W, H     int
	TooSmall bool
	SideW    int // width of the sidebar (plans above outline)
	ReaderX  int // first column of the reader
	ReaderW  int
	BodyH    int // rows above the status line
	PlansH   int // rows of the plans pane, its title row included
	OutlineH int // rows of the outline pane, its title row included
}

func clamp(v, lo, hi int) int { return max(lo, min(v, hi)) }

// computeLayout splits a w×h terminal for nPlans plans. The sidebar takes
// about 30% of the width (22 to 40 cells) and the reader the rest; the plans
// pane shows every plan while it fits in a third of the body, and scrolls
// beyond that.
func computeLayout(w, h, nPlans int) layout {
	l := layout{W: w, H: h}
	if w < minWidth || h < minHeight {
		l.TooSmall = true
		return l
	}
	l.SideW = clamp(w*3/10, 22, 40)
	l.ReaderX = l.SideW + sepWidth
	l.ReaderW = w - l.ReaderX
	l.BodyH = h - chromeH
	l.PlansH = 1 + clamp(nPlans, 1, max(2, l.BodyH/3))
	l.OutlineH = l.BodyH - l.PlansH
	return l
}
