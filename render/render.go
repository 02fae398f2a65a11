// Package render lays plan text out for a terminal: the one width function
// the project uses, sanitising, wrapping, tables aligned by display width and
// 专栏 boxes. It is shared by the CLI (plain text) and the TUI.
//
// # Width policy
//
// Every layout decision in planview measures text with [Width] (and
// [RuneWidth] for single runes), nothing else. Width is go-runewidth with a
// package-level [runewidth.Condition] whose EastAsianWidth is taken from the
// environment variable RUNEWIDTH_EASTASIAN only:
//
//	RUNEWIDTH_EASTASIAN=1     East Asian ambiguous characters are 2 cells
//	anything else, or unset   they are 1 cell (the default)
//
// The default matches how tmux and most terminals draw the ambiguous
// characters common in plans — “ ” ‘ ’ — … ‰ ≥ ≤ ① ② × — one cell each.
// Unlike runewidth's DefaultCondition, the locale (LANG, LC_ALL, LC_CTYPE) is
// not consulted: a zh_CN.UTF-8 locale must not change the layout.
// Wide (W/F) characters such as 汉字 and full-width punctuation （，。）
// are always 2 cells; control characters are 0 (and never reach the output:
// see [Sanitize]). The TUI's lipgloss (charmbracelet/x/ansi) is pinned to a
// version that honours the same variable, so both measure alike.
//
// Box-drawing characters (─│┌┐└┘├┤┬┴┼) are ambiguous too. [Table] and [Box]
// draw with them when they measure one cell and fall back to ASCII (- | +)
// when RUNEWIDTH_EASTASIAN=1 makes them two, so drawings line up in both
// settings.
package render

import (
	"os"
	"strings"
	"unicode/utf8"

	"github.com/mattn/go-runewidth"
	"github.com/rivo/uniseg"

	"planview/internal/escseq"
)

// EnvEastAsian is the environment variable that selects the width of East
// Asian ambiguous characters: "1" means two cells, anything else one.
const EnvEastAsian = "RUNEWIDTH_EASTASIAN"

// ParagraphIndent is the first-line indent of a Chinese paragraph: two
// ideographic spaces (U+3000), four cells.
const ParagraphIndent = "\u3000\u3000"

var cond = &runewidth.Condition{StrictEmojiNeutral: true}

func init() { InitFromEnv() }

// InitFromEnv sets the width policy from RUNEWIDTH_EASTASIAN. It runs at
// start-up; tests that t.Setenv the variable call it again. Not safe to call
// while other goroutines lay text out.
func InitFromEnv() { SetEastAsian(os.Getenv(EnvEastAsian) == "1") }

// SetEastAsian sets whether East Asian ambiguous characters are two cells
// wide. For tests and start-up only: not safe while other goroutines lay text
// out.
func SetEastAsian(wide bool) {
	cond = &runewidth.Condition{EastAsianWidth: wide, StrictEmojiNeutral: true}
	initGlyphs()
}

// EastAsian reports whether East Asian ambiguous characters are two cells.
func EastAsian() bool { return cond.EastAsianWidth }

// Width is the display width of s in terminal cells. It is the only width
// function planview uses for layout.
func Width(s string) int {
	// ASCII fast path: printable bytes are one cell each.
	n := 0
	for i := 0; i < len(s); i++ {
		b := s[i]
		if b >= 0x80 {
			return cond.StringWidth(s)
		}
		if b >= 0x20 && b != 0x7f {
			n++
		}
	}
	return n
}

// RuneWidth is the display width of r in cells, by the same policy as Width.
func RuneWidth(r rune) int {
	if r < 0x80 {
		if r >= 0x20 && r != 0x7f {
			return 1
		}
		return 0
	}
	return cond.RuneWidth(r)
}

// clusterWidth measures one grapheme cluster.
func clusterWidth(c string) int {
	if r, n := utf8.DecodeRuneInString(c); n == len(c) {
		return RuneWidth(r)
	}
	return cond.StringWidth(c)
}

// Truncate cuts s to at most w cells, never splitting a wide character: when
// the cut falls inside a wide character, that character is replaced by a
// space so the result is exactly w cells. A string that fits is returned as
// is.
func Truncate(s string, w int) string {
	if w <= 0 {
		return ""
	}
	if Width(s) <= w {
		return s
	}
	used := 0
	rest := s
	state := -1
	var c string
	for len(rest) > 0 {
		start := len(s) - len(rest)
		c, rest, _, state = uniseg.FirstGraphemeClusterInString(rest, state)
		cw := clusterWidth(c)
		if used+cw > w {
			return s[:start] + strings.Repeat(" ", w-used)
		}
		used += cw
	}
	return s
}

// Pad pads s with spaces on the right to w cells. A string as wide as w or
// wider is returned unchanged.
func Pad(s string, w int) string {
	n := Width(s)
	if n >= w {
		return s
	}
	return s + strings.Repeat(" ", w-n)
}

// PadLeft pads s with spaces on the left to w cells (right-aligns it).
func PadLeft(s string, w int) string {
	n := Width(s)
	if n >= w {
		return s
	}
	return strings.Repeat(" ", w-n) + s
}

// Fit truncates or pads s to exactly w cells.
func Fit(s string, w int) string { return Pad(Truncate(s, w), w) }

// Slice returns the cells [from, from+w) of the single line s, exactly w
// cells wide (padded with spaces). A wide character cut by either edge is
// replaced by spaces, so no character is ever split.
func Slice(s string, from, w int) string {
	if w <= 0 {
		return ""
	}
	if from <= 0 {
		return Fit(s, w)
	}
	var b strings.Builder
	col := 0
	rest := s
	state := -1
	var c string
	for len(rest) > 0 && col < from+w {
		c, rest, _, state = uniseg.FirstGraphemeClusterInString(rest, state)
		cw := clusterWidth(c)
		end := col + cw
		switch {
		case end <= from:
			// left of the window
		case col < from:
			// cut by the left edge
			b.WriteString(strings.Repeat(" ", end-from))
		case end > from+w:
			// cut by the right edge
			b.WriteString(strings.Repeat(" ", from+w-col))
			end = from + w
		default:
			b.WriteString(c)
		}
		col = end
	}
	out := b.String()
	if col < from+w {
		out += strings.Repeat(" ", from+w-max(col, from))
	}
	return out
}

// Sanitize removes everything from s that could make a terminal do
// something other than print it: C0 control characters except tab and
// newline (so also CR, BEL, backspace), DEL, C1 control characters
// (U+0080–U+009F), and whole escape sequences — an ESC (or a C1 CSI, OSC,
// DCS …) together with its parameters and its terminator, so no "[31m" is
// left behind. Bytes that are not UTF-8 become U+FFFD. A clean string is
// returned as is, without allocating.
func Sanitize(s string) string {
	if isClean(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && n <= 1:
			b.WriteRune(utf8.RuneError)
			i += max(n, 1)
			continue
		case r == 0x1b:
			i = escseq.AfterESC(s, i+1)
			continue
		case r == 0x9b: // C1 CSI
			i = escseq.AfterCSI(s, i+n)
			continue
		case r == 0x90 || r == 0x9d || r == 0x98 || r == 0x9e || r == 0x9f: // DCS OSC SOS PM APC
			i = escseq.AfterString(s, i+n)
			continue
		case r == '\t' || r == '\n':
		case r < 0x20 || (r >= 0x7f && r < 0xa0):
			i += n
			continue
		}
		b.WriteString(s[i : i+n])
		i += n
	}
	return b.String()
}

// isClean reports whether s is valid UTF-8 with no control character but
// tab and newline.
func isClean(s string) bool {
	high := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c < 0x20:
			if c != '\t' && c != '\n' {
				return false
			}
		case c == 0x7f:
			return false
		case c == 0xc2:
			// C1 controls are encoded as C2 80 – C2 9F.
			if i+1 < len(s) && s[i+1] < 0xa0 {
				return false
			}
			high = true
		case c >= 0x80:
			high = true
		}
	}
	return !high || utf8.ValidString(s)
}

// ExpandTabs sanitises s and replaces each tab by spaces up to the next tab
// stop (every tabWidth cells, measured with Width from the start of its
// line). Use it for text shown as is, line by line; Wrap and Table treat a
// tab as a space.
func ExpandTabs(s string, tabWidth int) string {
	s = Sanitize(s)
	if strings.IndexByte(s, '\t') < 0 {
		return s
	}
	if tabWidth <= 0 {
		tabWidth = 8
	}
	var b strings.Builder
	lines := strings.Split(s, "\n")
	for k, line := range lines {
		if k > 0 {
			b.WriteByte('\n')
		}
		col := 0
		for {
			j := strings.IndexByte(line, '\t')
			if j < 0 {
				b.WriteString(line)
				break
			}
			b.WriteString(line[:j])
			col += Width(line[:j])
			n := tabWidth - col%tabWidth
			b.WriteString(strings.Repeat(" ", n))
			col += n
			line = line[j+1:]
		}
	}
	return b.String()
}

// Clean makes s safe and flat for layout: sanitised, with tabs and newlines
// turned into spaces.
func Clean(s string) string {
	s = Sanitize(s)
	if strings.IndexAny(s, "\t\n") < 0 {
		return s
	}
	return strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' {
			return ' '
		}
		return r
	}, s)
}
