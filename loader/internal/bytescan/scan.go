// Package bytescan is the byte-level machinery of the loader's decode and
// clean stages: the tables and word-at-a-time loops that find the few bytes
// of a line that need a closer look (ScanLine, NextSpecial), the census of
// rare characters that picks the table (Census), UTF-8 validation and
// UTF-16 conversion, and the AVX2 byte-set search with its pure-Go
// fallback (build with -tags purego to use the fallback everywhere).
//
// It knows bytes, UTF-8 and the format characters a cleaner drops; it
// knows nothing of plans: no Chinese keyword, no layout rule. What a
// special byte means (a marker, a tag, an entity) is the clean stage's
// business, in the loader.
package bytescan

import (
	"encoding/binary"
	"strings"
	"unsafe"
)

// special marks the bytes after which a line needs a closer look: C0
// controls but tab, DEL, '[' (Word markers), '<' (HTML tags), '&'
// (entities), and the lead bytes C2 (C1 controls, NBSP), E2 (separators,
// bidi controls) and EF (U+FEFF).
var special = func() (t [256]bool) {
	for c := 0; c < 0x20; c++ {
		t[c] = c != '\t'
	}
	for _, c := range []byte{0x7f, '[', '<', '&', 0xC2, 0xE2, 0xEF} {
		t[c] = true
	}
	return t
}()

// specialTable is special as bytes, for branch-free OR-ing; scanTable is
// specialTable plus '|'.
var specialTable, scanTable = func() (t, u [256]uint8) {
	for c := range t {
		if special[c] {
			t[c], u[c] = 1, 1
		}
	}
	u['|'] = 1
	return t, u
}()

// FullTable returns the table of every byte ScanLine may need to stop at,
// for a line whose text was not looked at as a whole (see LineTable).
func FullTable() *[256]uint8 { return &scanTable }

// The lead bytes 0xE2 and 0xEF start most Chinese punctuation (“”—…，：（）),
// so ScanLine stopping at each of them is most of its cost; but they matter
// only for a few characters (bidi controls and separators; U+FEFF and ｜).
// scanTables[k] is scanTable without 0xE2 when k&1 is 0 and without 0xEF
// when k&2 is 0.
var scanTables = func() (ts [4][256]uint8) {
	for k := range ts {
		ts[k] = scanTable
		if k&1 == 0 {
			ts[k][0xE2] = 0
		}
		if k&2 == 0 {
			ts[k][0xEF] = 0
		}
	}
	return ts
}()

// TableFor returns the table ScanLine needs for the lines of a text whose
// Census is c: it looks at 0xE2 and 0xEF only if the text holds a
// character starting with one of them that a cleaner handles.
func TableFor(c uint32) *[256]uint8 { return &scanTables[c&(CensusDropped|CensusBOMBar)] }

// LineTable is TableFor(Census(text)). Finding out is a fast search of the
// whole text, cheaper than stopping at every comma of every line.
func LineTable(text string) *[256]uint8 { return TableFor(Census(text)) }

// ScanLine is the fast path of a line cleaner: it returns the index of the
// first byte that needs scrubbing, or -1 and whether s holds a '|' or '｜'.
// Like NextSpecial it scans bytes, not runes.
//
// tbl marks the bytes to look at: FullTable, or a table from TableFor that
// leaves out lead bytes the text never needs.
func ScanLine(s string, tbl *[256]uint8) (dirtyAt int, pipe bool) {
	i := 0
	for i < len(s) && (s[i] == ' ' || s[i] == '\t') {
		i++
	}
	b := unsafe.Slice(unsafe.StringData(s), len(s)) // read only
	// The bytes of 0x80 and up the table may mark, as broadcast words for
	// the test of a word of such bytes (see hasHighByte); 0 when not marked.
	e2, ef := bcast(tbl, 0xE2), bcast(tbl, 0xEF)
	set := scanSetOf(tbl) // nil: no vector search here
	for ; i < len(s); i++ {
		// Thirty-two bytes at a time where the CPU can: to the next byte
		// that needs a look, or to the last 31 bytes.
		if set != nil && len(s)-i >= 32 {
			i += indexSet(b[i:], set)
		}
		// Eight bytes at a time, in one load, while none needs a look.
		w := b[i:]
		for len(w) >= 8 {
			x := binary.LittleEndian.Uint64(w)
			if x&hiBits == hiBits {
				// No ASCII byte: most words of Chinese text. Of the
				// bytes from 0x80 up, tables mark only C2, E2 and EF
				// (TestScanTablesHighBytes): three word-wide tests
				// instead of eight table loads.
				if hasHighByte(x, 0xC2*loBits) || e2 != 0 && hasHighByte(x, e2) || ef != 0 && hasHighByte(x, ef) {
					break
				}
			} else if tbl[byte(x)]|tbl[byte(x>>8)]|tbl[byte(x>>16)]|tbl[byte(x>>24)]|
				tbl[byte(x>>32)]|tbl[byte(x>>40)]|tbl[byte(x>>48)]|tbl[byte(x>>56)] != 0 {
				break
			}
			w = w[8:]
		}
		i = len(b) - len(w)
		if i >= len(s) {
			break
		}
		c := s[i]
		if tbl[c] == 0 {
			continue
		}
		switch c {
		case '|':
			pipe = true
		case 0xC2: // U+0080..U+00BF: C1 controls and NBSP matter
			if i+1 < len(s) && s[i+1] <= 0xA0 {
				return i, false
			}
		case 0xE2: // U+2000..U+2FFF: only a few matter
			if i+2 < len(s) && IsDroppedFormat(s[i+1], s[i+2]) {
				return i, false
			}
		case 0xEF:
			if strings.HasPrefix(s[i:], "\uFEFF") {
				return i, false
			}
			if strings.HasPrefix(s[i:], "｜") {
				pipe = true
			}
		default:
			return i, false
		}
	}
	return -1, pipe
}

const (
	loBits uint64 = 0x0101010101010101
	hiBits uint64 = 0x8080808080808080
)

// hasHighByte reports whether one of the eight bytes of x is the byte that
// c holds in each of its bytes (c = byte × loBits), for an x and a c whose
// bytes are all 0x80 or more: the bytes of x^c are then all under 0x80,
// one of them is zero exactly when x holds the byte, and subtracting
// loBits then borrows into a top bit (and only then).
func hasHighByte(x, c uint64) bool {
	return ((x^c)-loBits)&hiBits != 0
}

// bcast returns c in every byte of a word when tbl marks c, else 0.
func bcast(tbl *[256]uint8, c byte) uint64 {
	if tbl[c] == 0 {
		return 0
	}
	return uint64(c) * loBits
}

// NextSpecial returns the index of the first byte at or after i that a
// scrubber must handle, or len(s). s is valid UTF-8 and i a rune boundary.
// While leading is true (still in the indentation) an ideographic space
// counts. The bytes it looks for (ASCII, and the lead bytes C2, E2 and EF)
// never occur inside a multi-byte character, so it scans bytes, not runes.
func NextSpecial(s string, i int, leading bool) int {
	if leading {
		for i < len(s) && (s[i] == ' ' || s[i] == '\t') {
			i++
		}
		if strings.HasPrefix(s[i:], "\u3000") {
			return i
		}
	}
	for ; i < len(s); i++ {
		// Four bytes at a time while none needs a look.
		for i+4 <= len(s) && specialTable[s[i]]|specialTable[s[i+1]]|specialTable[s[i+2]]|specialTable[s[i+3]] == 0 {
			i += 4
		}
		if i >= len(s) {
			break
		}
		if !special[s[i]] {
			continue
		}
		switch s[i] {
		case 0xC2: // U+0080..U+00BF: C1 controls and NBSP matter
			if i+1 < len(s) && s[i+1] <= 0xA0 {
				return i
			}
		case 0xE2: // U+2000..U+2FFF: only a few matter
			if i+2 < len(s) && IsDroppedFormat(s[i+1], s[i+2]) {
				return i
			}
		case 0xEF: // U+FEFF
			if strings.HasPrefix(s[i:], "\uFEFF") {
				return i
			}
		default:
			return i
		}
	}
	return len(s)
}

// IsDroppedFormat reports whether the three-byte UTF-8 rune 0xE2 b1 b2 is a
// line/paragraph separator or a bidi control.
func IsDroppedFormat(b1, b2 byte) bool {
	switch b1 {
	case 0x80: // U+2000..U+203F: U+2028..U+202E
		return b2 >= 0xA8 && b2 <= 0xAE
	case 0x81: // U+2040..U+207F: U+2066..U+2069
		return b2 >= 0xA6 && b2 <= 0xA9
	}
	return false
}

// DroppedRune reports the format characters a cleaner removes: line and
// paragraph separators, bidi embeddings, overrides and isolates, and
// U+FEFF.
func DroppedRune(r rune) bool {
	return (r >= 0x2028 && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069) || r == 0xfeff
}
