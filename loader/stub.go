package loader

// Line is one cleaned source line with its 1-based line number.
type Line struct {
	N    int
	Text string
}
