package render

import "strings"

// barEighths are the block characters for one to seven eighths of a cell.
var barEighths = [...]string{"", "▏", "▎", "▍", "▌", "▋", "▊", "▉"}

// Bar draws v out of full as a horizontal bar of block characters at most
// width cells wide, in eighths of a cell; v ≤ 0 draws nothing. Every
// character is one cell wide under both East Asian width settings.
func Bar(v, full float64, width int) string {
	if v <= 0 || full <= 0 || width <= 0 {
		return ""
	}
	n := int(v/full*float64(width*8) + 0.5)
	n = min(max(n, 1), width*8)
	return strings.Repeat("█", n/8) + barEighths[n%8]
}
