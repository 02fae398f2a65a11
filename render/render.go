// Package render lays plan text out for a terminal: the one width function
// the project uses, wrapping, and tables aligned by display width. It is
// shared by the CLI (plain text) and the TUI.
package render

import (
	"strings"

	"github.com/mattn/go-runewidth"

	"planview/model"
)

// Width is the display width of s in terminal cells. It is the only width
// function planview uses for layout.
func Width(s string) int { return runewidth.StringWidth(s) }

// Truncate cuts s to at most w cells, never splitting a wide character.
func Truncate(s string, w int) string { return runewidth.Truncate(s, w, "") }

// Pad pads s with spaces on the right to w cells.
func Pad(s string, w int) string { return runewidth.FillRight(s, w) }

// Sanitize removes control characters but tab and newline.
func Sanitize(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' {
			return r
		}
		if r < 0x20 || (r >= 0x7f && r < 0xa0) {
			return -1
		}
		return r
	}, s)
}

// Wrap breaks text into lines of at most width cells; indent starts the first line.
func Wrap(text string, width int, indent string) []string {
	return []string{Truncate(indent+text, width)}
}

// TableOptions control how a table is drawn.
type TableOptions struct {
	Width  int // the most cells a line may take; 0 for no limit
	Offset int // horizontal scroll, in cells, of the columns after the first (frozen) one
}

// Table draws t as lines of text, columns aligned by display width.
func Table(t *model.Table, opt TableOptions) []string {
	var out []string
	for _, r := range append(append([]model.Row{}, t.Header...), t.Rows...) {
		var cells []string
		for _, c := range r.Cells {
			cells = append(cells, c.Text())
		}
		out = append(out, strings.Join(cells, " | "))
	}
	return out
}
