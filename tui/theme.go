package tui

import (
	"strings"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/lipgloss"
)

// The palette: every colour planview uses, by meaning, for dark and light
// terminals. Styles below are built from it and nothing else.
var (
	colAccent  = lipgloss.AdaptiveColor{Light: "#1d4ed8", Dark: "#7aa2f7"}
	colHeading = lipgloss.AdaptiveColor{Light: "#9a3412", Dark: "#e0af68"}
	colSub     = lipgloss.AdaptiveColor{Light: "#0f766e", Dark: "#73daca"}
	colMuted   = lipgloss.AdaptiveColor{Light: "#6b7280", Dark: "#737aa2"}
	colBorder  = lipgloss.AdaptiveColor{Light: "#9ca3af", Dark: "#414868"}
	colText    = lipgloss.AdaptiveColor{Light: "#111827", Dark: "#c0caf5"}
	colHitFg   = lipgloss.AdaptiveColor{Light: "#000000", Dark: "#1a1b26"}
	colHitBg   = lipgloss.AdaptiveColor{Light: "#facc15", Dark: "#e0af68"}
	colBarBg   = lipgloss.AdaptiveColor{Light: "#e5e7eb", Dark: "#24283b"}
	colWarn    = lipgloss.AdaptiveColor{Light: "#b91c1c", Dark: "#f7768e"}
)

// paint is a style reduced to the escape sequences around a text. It is
// made once from a lipgloss style and applied by concatenation, so lipgloss
// never measures (or re-wraps) plan text: widths are planview's own
// (render.Width), lipgloss only adds colour.
type paint struct{ pre, post string }

func paintOf(st lipgloss.Style) paint {
	r := st.Render("X")
	i := strings.IndexByte(r, 'X')
	if i < 0 {
		return paint{}
	}
	return paint{r[:i], r[i+1:]}
}

// Render wraps s (already cut and padded to width) in the style's sequences.
func (p paint) Render(s string) string {
	if p.pre == "" && p.post == "" || s == "" {
		return s
	}
	return p.pre + s + p.post
}

// Styles are the semantic styles of the interface.
type Styles struct {
	Title, TitleFocused    paint // pane titles
	Cursor, CursorBlurred  paint // the selected row of a list
	Current                paint // the open plan / section in a list
	Text, Dim, Sep         paint
	Heading                [4]paint // by level: 1, 2, 3, deeper
	Table, TableFocused    paint
	Caption, Note, Box     paint
	Highlight              paint // a search hit
	Status, StatusPos, Key paint
	Warn                   paint
	Help                   help.Styles
}

// DefaultStyles builds the styles from the palette for the current colour
// profile (lipgloss.SetColorProfile before calling it to change it).
func DefaultStyles() *Styles {
	s := lipgloss.NewStyle
	st := &Styles{
		Title:         paintOf(s().Foreground(colMuted).Bold(true)),
		TitleFocused:  paintOf(s().Foreground(colAccent).Bold(true).Underline(true)),
		Cursor:        paintOf(s().Foreground(colHitFg).Background(colAccent)),
		CursorBlurred: paintOf(s().Foreground(colText).Background(colBarBg)),
		Current:       paintOf(s().Foreground(colAccent).Bold(true)),
		Text:          paint{}, // the terminal's own colour

		Dim: paintOf(s().Foreground(colMuted)),
		Sep: paintOf(s().Foreground(colBorder)),
		Heading: [4]paint{
			paintOf(s().Foreground(colHeading).Bold(true)),
			paintOf(s().Foreground(colSub).Bold(true)),
			paintOf(s().Foreground(colAccent).Bold(true)),
			paintOf(s().Foreground(colText).Bold(true)),
		},
		Table:        paint{},
		TableFocused: paintOf(s().Foreground(colText).Background(colBarBg)),
		Caption:      paintOf(s().Foreground(colSub).Bold(true)),
		Note:         paintOf(s().Foreground(colMuted)),
		Box:          paintOf(s().Foreground(colSub)),
		Highlight:    paintOf(s().Foreground(colHitFg).Background(colHitBg).Bold(true)),
		Status:       paintOf(s().Foreground(colText).Background(colBarBg)),
		StatusPos:    paintOf(s().Foreground(colAccent).Background(colBarBg).Bold(true)),
		Key:          paintOf(s().Foreground(colAccent).Bold(true)),
		Warn:         paintOf(s().Foreground(colWarn).Bold(true)),
	}
	h := help.New().Styles
	h.ShortKey = s().Foreground(colAccent)
	h.FullKey = s().Foreground(colAccent)
	h.ShortDesc = s().Foreground(colMuted)
	h.FullDesc = s().Foreground(colMuted)
	h.ShortSeparator = s().Foreground(colBorder)
	h.FullSeparator = s().Foreground(colBorder)
	h.Ellipsis = s().Foreground(colBorder)
	st.Help = h
	return st
}

// Focus without colour: a terminal with no colours (or a screen capture)
// still shows which pane has the keys and which row is selected.
const (
	focusGlyph   = "▸" // U+25B8: one cell under every width setting (not East Asian ambiguous)
	currentGlyph = "*" // the open plan, the section being read
)

// paneMark starts a pane's title: the focus glyph for the focused pane.
func paneMark(focused bool) string {
	if focused {
		return focusGlyph + " "
	}
	return "  "
}

// rowMark starts a row of a list: the cursor (in the focused pane) and
// whether the row is the open plan or the section being read.
func rowMark(cursor, current bool) string {
	a, b := " ", " "
	if cursor {
		a = focusGlyph
	}
	if current {
		b = currentGlyph
	}
	return a + b
}
