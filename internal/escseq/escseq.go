// Package escseq finds where terminal escape sequences end, so that text
// from a plan can be stripped of them whole rather than byte by byte (a
// stray ESC removed alone would leave "[31m" behind). The loader's clean
// stage and render.Sanitize share it.
package escseq

import "strings"

// AfterESC returns the index just past the escape sequence whose ESC byte
// stands just before i. CSI (ESC [), control strings (ESC ] P X ^ _: OSC,
// DCS, SOS, PM, APC) and nF/Fp/Fe/Fs sequences are covered.
func AfterESC(s string, i int) int {
	if i >= len(s) {
		return i
	}
	switch s[i] {
	case '[':
		return AfterCSI(s, i+1)
	case ']', 'P', 'X', '^', '_':
		return AfterString(s, i+1)
	}
	// nF: intermediates 0x20–0x2F, then one final byte 0x30–0x7E (with no
	// intermediates, that final byte is an Fp/Fe/Fs sequence).
	for i < len(s) && s[i] >= 0x20 && s[i] <= 0x2f {
		i++
	}
	if i < len(s) && s[i] >= 0x30 && s[i] <= 0x7e {
		i++
	}
	return i
}

// AfterCSI returns the index past the parameters (0x30–0x3F), intermediates
// (0x20–0x2F) and final byte (0x40–0x7E) of a control sequence whose
// introducer (ESC [ or C1 CSI) ends just before i. It stops early at
// anything else, which is then ordinary text.
func AfterCSI(s string, i int) int {
	for i < len(s) && s[i] >= 0x30 && s[i] <= 0x3f {
		i++
	}
	for i < len(s) && s[i] >= 0x20 && s[i] <= 0x2f {
		i++
	}
	if i < len(s) && s[i] >= 0x40 && s[i] <= 0x7e {
		i++
	}
	return i
}

// AfterString returns the index past a control string's terminator: BEL,
// ESC \, a lone ESC, or C1 ST (U+009C). A string with no terminator on its
// line is not a control string a plan meant to hold but damage: only its
// introducer goes (AfterString returns i), and the text after it stays
// (a terminal would swallow it to the next terminator; plan text must not
// disappear). Unterminated counts such strings so that the loader can warn.
func AfterString(s string, i int) int {
	if end, ok := stringEnd(s, i); ok {
		return end
	}
	return i
}

// stringEnd returns the index past the terminator of the control string
// whose introducer ends just before i, and false when the line (or s) ends
// first.
func stringEnd(s string, i int) (int, bool) {
	for i < len(s) {
		switch {
		case s[i] == 0x07:
			return i + 1, true
		case s[i] == 0x1b:
			if i+1 < len(s) && s[i+1] == '\\' {
				return i + 2, true
			}
			return i + 1, true
		case s[i] == 0xc2 && i+1 < len(s) && s[i+1] == 0x9c:
			return i + 2, true
		case s[i] == '\n':
			return i, false
		}
		i++
	}
	return i, false
}

// Unterminated counts the control strings of s (ESC ] P X ^ _, or C1 OSC,
// DCS, SOS, PM, APC) that have no terminator on their line, and returns
// the 1-based line of the first; (0, 0) when there is none.
func Unterminated(s string) (n, line int) {
	if strings.IndexByte(s, 0x1b) < 0 && !hasC1String(s) {
		return 0, 0 // the common case, found at the speed of IndexByte
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		var at int
		switch {
		case c == 0x1b && i+1 < len(s) && (s[i+1] == ']' || s[i+1] == 'P' || s[i+1] == 'X' || s[i+1] == '^' || s[i+1] == '_'):
			at = i + 2
		case c == 0xc2 && i+1 < len(s) && (s[i+1] == 0x90 || s[i+1] == 0x98 || s[i+1] == 0x9d || s[i+1] == 0x9e || s[i+1] == 0x9f):
			at = i + 2
		default:
			continue
		}
		end, ok := stringEnd(s, at)
		if !ok {
			if n == 0 {
				line = 1 + countNewlines(s[:i])
			}
			n++
		}
		i = end - 1
	}
	return n, line
}

// hasC1String reports whether s holds a C1 control-string introducer
// (U+0090, U+0098, U+009D–U+009F: C2 and a second byte).
func hasC1String(s string) bool {
	for i := 0; ; {
		j := strings.IndexByte(s[i:], 0xc2)
		if j < 0 || i+j+1 >= len(s) {
			return false
		}
		i += j + 1
		if c := s[i]; c == 0x90 || c == 0x98 || c >= 0x9d && c <= 0x9f {
			return true
		}
	}
}

func countNewlines(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] == '\n' {
			n++
		}
	}
	return n
}
