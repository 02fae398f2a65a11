package render

import "strings"

// barEighths are the block characters for one to seven eighths of a cell.
var barEighths = [...]string{"", "▏", "▎", "▍", "▌", "▋", "▊", "▉"}

// Bar draws v out of full as a horizontal bar at most width cells wide:
// block characters in eighths of a cell, or '#' in whole cells where
// block characters are two cells wide (they are East Asian ambiguous:
// RUNEWIDTH_EASTASIAN=1). v ≤ 0 draws nothing; any v > 0 at least a sliver.
// Every character of the result is one cell wide.
func Bar(v, full float64, width int) string {
	if v <= 0 || full <= 0 || width <= 0 {
		return ""
	}
	if Width("█") != 1 {
		n := min(max(int(v/full*float64(width)+0.5), 1), width)
		return strings.Repeat("#", n)
	}
	n := int(v/full*float64(width*8) + 0.5)
	n = min(max(n, 1), width*8)
	return strings.Repeat("█", n/8) + barEighths[n%8]
}

// BarCol is the cell of a bar width cells wide where the value ref (out of
// full) falls: the cell holding the bar's end for that value; -1 when
// there is no scale.
func BarCol(ref, full float64, width int) int {
	if full <= 0 || width <= 0 {
		return -1
	}
	return min(max(int(ref/full*float64(width)+0.5)-1, 0), width-1)
}

// BarMark pads bar (one rune per cell, as Bar makes it) to width cells and
// draws a vertical line at cell col — │, or | where │ is two cells wide —
// so that a reference value stands as a line across every bar.
func BarMark(bar string, width, col int) string {
	cells := []rune(bar)
	for len(cells) < width {
		cells = append(cells, ' ')
	}
	if col >= 0 && col < len(cells) {
		cells[col] = '│'
		if Width("│") != 1 {
			cells[col] = '|'
		}
	}
	return string(cells)
}
