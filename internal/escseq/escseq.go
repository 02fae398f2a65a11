// Package escseq finds where terminal escape sequences end, so that text
// from a plan can be stripped of them whole rather than byte by byte (a
// stray ESC removed alone would leave "[31m" behind). The loader's clean
// stage and render.Sanitize share it.
package escseq

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
// ESC \, a lone ESC, or C1 ST (U+009C). An unterminated string runs to the
// end of the line, as a terminal would swallow it; the newline is kept.
func AfterString(s string, i int) int {
	for i < len(s) {
		switch {
		case s[i] == 0x07:
			return i + 1
		case s[i] == 0x1b:
			if i+1 < len(s) && s[i+1] == '\\' {
				return i + 2
			}
			return i + 1
		case s[i] == 0xc2 && i+1 < len(s) && s[i+1] == 0x9c:
			return i + 2
		case s[i] == '\n':
			return i
		}
		i++
	}
	return i
}
