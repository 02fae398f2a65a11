package loader

// The clean stage: conversion debris, tables of contents, page numbers, link
// spam and control characters are removed from decoded text, and every kept
// line keeps its 1-based source line number. Indentation, blank lines and
// tabs stay: the structure stage reads tables and paragraphs from them.

import (
	"bytes"
	"encoding/binary"
	"regexp"
	"strings"
	"unicode/utf8"
	"unsafe"

	"planview/internal/escseq"
)

// clean splits decoded text (LF line ends) into lines and removes debris.
//
// Within a line it removes Word-export markers ([bookmark: …], [image: …]:
// any "[word: …]" with a lower-case ASCII word), HTML tags and comments,
// control characters with whole ESC sequences, and it decodes HTML entities;
// see cleanLine. Whole lines go when they are a table of contents
// (dropTOC), a PDF page number (dropPageNumbers) or link spam
// (dropLinkSpam). A line that held only debris stays, as an empty line, so
// that blank-line separation of paragraphs and table rows is kept.
func clean(text string) []Line { return cleanInto(nil, text) }

// cleanInto is clean, with the lines stored in dst's space.
func cleanInto(dst []Line, text string) []Line {
	lines, _ := cleanCensus(dst, text)
	return lines
}

// cleanCensus is cleanInto that also reports whether the lines may hold a
// U+3000 (see normTextIn): false only when none does. (No line keeps an
// NBSP: cleanLine makes it a space, written or as an entity.)
func cleanCensus(dst []Line, text string) (_ []Line, ideo bool) {
	lines := splitLinesInto(dst, text)
	c := census(text)
	tbl := &scanTables[c&3]
	ideo = c&censusIdeo != 0
	var buf []byte  // scrub's working space, reused line after line
	var pipes []int // lines with a '|' or '｜', for dropLinkSpam
	rows := false   // an HTML table row started within a line (see scrub)
	for i := range lines {
		raw := lines[i].Text
		t, pipe := cleanLinePipeWith(raw, tbl, &buf)
		lines[i].Text = dropMarkdownMarks(t)
		if pipe {
			pipes = append(pipes, i)
		}
		// Only scrub puts an LF in a line (at an HTML row), in a string
		// of its own: a cleaned line that starts where the raw one does
		// is a prefix of it, and the raw line has no LF.
		if !sameStart(t, raw) { // scrubbed: an entity may have made a U+3000
			rows = rows || strings.IndexByte(t, '\n') >= 0
			ideo = ideo || strings.Contains(t, "\u3000")
		}
	}
	if rows {
		lines, pipes = splitRows(lines)
	}
	dropTOC(lines)
	dropPageNumbers(lines)
	dropLinkSpam(lines, pipes)
	dropLastPageNumber(lines)
	// Compact: dropped lines have N == 0.
	out := lines[:0]
	for _, l := range lines {
		if l.N != 0 {
			out = append(out, l)
		}
	}
	return out, ideo
}

// sameStart reports whether s starts where t does in memory (s is then a
// substring of t's memory, or empty).
func sameStart(s, t string) bool {
	return len(s) == 0 || unsafe.StringData(s) == unsafe.StringData(t)
}

// splitRows splits the lines that scrub broke at HTML table rows (a web
// export may put a whole table on one line) into one line a row, each with
// the source line's number. It returns the new lines and the indices of
// those with a '|' or '｜' (for dropLinkSpam).
func splitRows(lines []Line) ([]Line, []int) {
	out := make([]Line, 0, len(lines)+16)
	var pipes []int
	for _, l := range lines {
		for _, t := range strings.Split(l.Text, "\n") {
			if strings.IndexByte(t, '|') >= 0 || strings.Contains(t, "｜") {
				pipes = append(pipes, len(out))
			}
			out = append(out, Line{N: l.N, Text: trimLine(t)})
		}
	}
	return out, pipes
}

// splitLines splits text at LF into numbered lines. A final LF ends the last
// line; it does not start an empty one.
func splitLines(text string) []Line { return splitLinesInto(nil, text) }

// splitLinesInto is splitLines, with the lines stored in dst's space.
func splitLinesInto(dst []Line, text string) []Line {
	lines := dst[:0]
	if guess := len(text)/32 + 16; cap(lines) < guess { // plans average 100+ bytes a line
		lines = make([]Line, 0, guess)
	}
	for len(text) > 0 {
		i := strings.IndexByte(text, '\n')
		if i < 0 {
			lines = append(lines, Line{N: len(lines) + 1, Text: text})
			break
		}
		lines = append(lines, Line{N: len(lines) + 1, Text: text[:i]})
		text = text[i+1:]
	}
	return lines
}

// isSpaceTab reports whether s is empty or only spaces and tabs.
func isSpaceTab(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] != ' ' && s[i] != '\t' {
			return false
		}
	}
	return true
}

// ---- within a line ----

// special marks the bytes after which cleanLine must look closer.
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

// cleanLine removes the debris of one line (no LF inside):
//   - Word-export markers "[bookmark: _Toc123]", "[image: …]" (any
//     "[word: …]" with a lower-case ASCII word, up to 512 bytes);
//   - HTML tags of common elements (<p>, </p>, <br/>, <span …>, <td>, …)
//     and <!-- comments -->;
//   - HTML entities are decoded (&nbsp; &lt; &gt; &amp; &quot; &#NNN; …);
//   - every control character but tab: C0, DEL, C1, with ESC and CSI/OSC/DCS
//     sequences removed whole, plus line/paragraph separators, bidi
//     embedding/override/isolate controls and U+FEFF;
//   - NBSP becomes a space; ideographic spaces (U+3000) are kept, in the
//     indentation too (later stages trim indentation of every kind, so
//     rewriting it would copy most lines of a Word or PDF export for
//     nothing);
//   - trailing spaces (not tabs) are trimmed, and a line of spaces only
//     becomes empty. Leading tabs and indentation are kept.
//
// A line needing none of this is returned as is (no allocation).
func cleanLine(s string) string {
	t, _ := cleanLinePipe(s)
	return t
}

// cleanLinePipe is cleanLine that also reports whether the cleaned line
// holds a '|' or '｜' (a possible link-spam separator).
func cleanLinePipe(s string) (string, bool) {
	return cleanLinePipeWith(s, &scanTable, nil)
}

// cleanLinePipeWith is cleanLinePipe with the table scanLine uses (see
// lineScanTable).
// buf, if not nil, is working space for scrubbing, reused from call to call.
func cleanLinePipeWith(s string, tbl *[256]uint8, buf *[]byte) (string, bool) {
	at, pipe := scanLine(s, tbl)
	if at >= 0 {
		s = scrubFrom(s, at, buf)
		pipe = strings.IndexByte(s, '|') >= 0 || strings.Contains(s, "｜")
	}
	return trimLine(s), pipe
}

// scanLine is the fast path of cleanLine: it returns the index of the
// first byte that needs scrubbing, or -1 and whether s holds a '|' or '｜'.
// Like nextSpecial it scans bytes, not runes.
//
// tbl marks the bytes to look at: scanTable, or a table from
// lineScanTable that leaves out lead bytes the text never needs.
func scanLine(s string, tbl *[256]uint8) (dirtyAt int, pipe bool) {
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
			if i+2 < len(s) && isDroppedFormat(s[i+1], s[i+2]) {
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

// The lead bytes 0xE2 and 0xEF start most Chinese punctuation (“”—…，：（）),
// so scanLine stopping at each of them is most of its cost; but they matter
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

// lineScanTable returns the table scanLine needs for the lines of text:
// it looks at 0xE2 and 0xEF only if text holds a character starting with
// one of them that cleanLine handles (see census). Finding out is a fast
// search of the whole text, cheaper than stopping at every comma of every
// line.
func lineScanTable(text string) *[256]uint8 { return &scanTables[census(text)&3] }

// What census reports of a text.
const (
	censusDropped = 1 << iota // a separator or bidi control (isDroppedFormat)
	censusBOMBar              // U+FEFF or ｜
	censusIdeo                // U+3000
)

// census reports which of a few rare characters text holds, in one pass:
// those that make clean look at the lead bytes 0xE2 and 0xEF (scanTables),
// and U+3000, which normalising a line must look for (normTextIn). Each
// of them starts with a lead byte that most Chinese punctuation shares,
// so a search for that byte would stop at every comma; with AVX2 the
// three-byte sequences are looked for 32 offsets at a time.
func census(text string) uint32 {
	if !hasAVX2 || len(text) < 34 {
		return censusBytes(text)
	}
	n := (len(text) - 2) &^ 31 // the loads at +1 and +2 stay inside text
	bits := censusAVX2(unsafe.StringData(text), n)
	for i := n; i+2 < len(text); i++ {
		bits |= censusAt(text, i)
	}
	return bits
}

// censusAt is what census reports of the character at text[i] (i+2 <
// len(text)).
func censusAt(text string, i int) uint32 {
	switch text[i] {
	case 0xE2:
		if isDroppedFormat(text[i+1], text[i+2]) {
			return censusDropped
		}
	case 0xEF:
		if text[i+1] == 0xBB && text[i+2] == 0xBF || text[i+1] == 0xBD && text[i+2] == 0x9C {
			return censusBOMBar
		}
	case 0xE3:
		if text[i+1] == 0x80 && text[i+2] == 0x80 {
			return censusIdeo
		}
	}
	return 0
}

// censusBytes is census without AVX2: for each lead byte, the vectorised
// IndexByte and a look at what follows, until a match.
func censusBytes(text string) uint32 {
	var bits uint32
	for _, lead := range []byte{0xE2, 0xEF, 0xE3} {
		for i := 0; i+2 < len(text); i++ {
			j := strings.IndexByte(text[i:len(text)-2], lead)
			if j < 0 {
				break
			}
			i += j
			if c := censusAt(text, i); c != 0 {
				bits |= c
				break
			}
		}
	}
	return bits
}

// nextSpecial returns the index of the first byte at or after i that scrub
// must handle, or len(s). s is valid UTF-8 and i a rune boundary. While
// leading is true (still in the indentation) an ideographic space counts.
// The bytes it looks for (ASCII, and the lead bytes C2, E2 and EF) never
// occur inside a multi-byte character, so it scans bytes, not runes.
func nextSpecial(s string, i int, leading bool) int {
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
			if i+2 < len(s) && isDroppedFormat(s[i+1], s[i+2]) {
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

// isDroppedFormat reports whether the three-byte UTF-8 rune 0xE2 b1 b2 is a
// line/paragraph separator or a bidi control.
func isDroppedFormat(b1, b2 byte) bool {
	switch b1 {
	case 0x80: // U+2000..U+203F: U+2028..U+202E
		return b2 >= 0xA8 && b2 <= 0xAE
	case 0x81: // U+2040..U+207F: U+2066..U+2069
		return b2 >= 0xA6 && b2 <= 0xA9
	}
	return false
}

// trimLine trims trailing spaces (ASCII and ideographic, not tabs); a line
// left with nothing but spaces becomes empty.
func trimLine(s string) string {
	for {
		if strings.HasSuffix(s, " ") {
			s = s[:len(s)-1]
		} else if strings.HasSuffix(s, "\u3000") {
			s = s[:len(s)-len("\u3000")]
		} else {
			return s
		}
	}
}

// scrub is the slow path of cleanLine.
func scrub(s string) string { return scrubFrom(s, 0, nil) }

// scrubFrom is scrub for a line whose bytes before from need nothing. It
// works in *buf when buf is not nil. The result is a substring of s when
// only its start or end was removed (markers before the text), else a
// string of its own length.
func scrubFrom(s string, from int, buf *[]byte) string {
	var b []byte
	if buf != nil {
		b = (*buf)[:0]
		defer func() { *buf = b }()
	}
	b = append(b, s[:from]...)
	leading := isSpaceTab(s[:from]) // the output so far is only indentation
	cells := 0                      // HTML table cells opened on this line
	for i := from; i < len(s); {
		if j := nextSpecial(s, i, leading); j > i {
			chunk := s[i:j]
			b = append(b, chunk...)
			leading = leading && isSpaceTab(chunk)
			i = j
			continue
		}
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c == 0x1b:
				i = escseq.AfterESC(s, i+1)
				continue
			case c < 0x20 || c == 0x7f:
				i++
				continue
			case c == '[':
				if n := markerLen(s[i:]); n > 0 {
					i += n
					continue
				}
			case c == '<':
				if n := tagLen(s[i:]); n > 0 {
					if isRowTag(s[i:i+n]) && cells > 0 {
						// A row after cells on the same line: the
						// row starts a line of its own (see splitRows).
						b = append(b, '\n')
						cells = 0
					}
					if isCellTag(s[i : i+n]) {
						// A table cell of an HTML export: cells after
						// the first of a line are separated by a tab.
						if cells > 0 {
							b = append(b, '\t')
						}
						cells++
					}
					i += n
					continue
				}
			case c == '&':
				if rep, n := entity(s[i:]); n > 0 {
					b = append(b, rep...)
					leading = leading && isSpaceTab(rep)
					i += n
					continue
				}
			}
			b = append(b, c)
			leading = false
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == 0x9b: // 8-bit CSI
			i = escseq.AfterCSI(s, i+n)
		case r == 0x90 || r == 0x98 || r == 0x9d || r == 0x9e || r == 0x9f: // DCS SOS OSC PM APC
			i = escseq.AfterString(s, i+n)
		case r >= 0x80 && r <= 0x9f, droppedRune(r), r == utf8.RuneError && n == 1:
			i += n
		case r == 0xa0:
			b = append(b, ' ')
			i += n
		case r == 0x3000 && leading:
			b = append(b, s[i:i+n]...)
			i += n
		default:
			b = append(b, s[i:i+n]...)
			leading = false
			i += n
		}
	}
	if leading && bytes.IndexByte(b, '\t') < 0 {
		return "" // only spaces, or nothing, was left
	}
	if n := len(b); n <= len(s) {
		if string(b) == s[len(s)-n:] {
			return s[len(s)-n:]
		}
		if string(b) == s[:n] {
			return s[:n]
		}
	}
	return string(b)
}

// droppedRune reports the format characters that clean removes: line and
// paragraph separators, bidi embeddings, overrides and isolates, and U+FEFF.
func droppedRune(r rune) bool {
	return (r >= 0x2028 && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069) || r == 0xfeff
}

// markerLen returns the length of a Word-export marker such as
// "[bookmark: _Toc2311]" or "[image: image1.png]" at the start of s, or 0.
func markerLen(s string) int {
	i := 1
	for i < len(s) && i <= 21 && s[i] >= 'a' && s[i] <= 'z' {
		i++
	}
	if i < 3 || i >= len(s) || s[i] != ':' {
		return 0
	}
	for j := i + 1; j < len(s) && j < 512; j++ {
		switch s[j] {
		case ']':
			return j + 1
		case '[', '<', '>':
			return 0
		}
	}
	return 0
}

// htmlTags are the element names whose tags clean removes.
var htmlTags = map[string]bool{}

func init() {
	for _, t := range strings.Fields(`a abbr b big blockquote body br caption center code col colgroup dd del div dl dt em
		font h1 h2 h3 h4 h5 h6 head hr html i img ins label li link meta nobr o:p ol p pre q s small span strike
		strong sub sup table tbody td tfoot th thead title tr tt u ul wbr section article header footer nav main
		figure figcaption`) {
		htmlTags[t] = true
	}
}

// tagLen returns the length of an HTML tag or comment at the start of s, or 0.
func tagLen(s string) int {
	if strings.HasPrefix(s, "<!--") {
		if j := strings.Index(s[4:], "-->"); j >= 0 {
			return 4 + j + 3
		}
		return 0
	}
	i := 1
	if i < len(s) && s[i] == '/' {
		i++
	}
	start := i
	for i < len(s) && (isASCIILetter(s[i]) || (i > start && (s[i] >= '0' && s[i] <= '9' || s[i] == ':'))) {
		i++
	}
	if i == start || i-start > 16 || !htmlTags[strings.ToLower(s[start:i])] {
		return 0
	}
	if i < len(s) && s[i] == '>' {
		return i + 1
	}
	if i+1 < len(s) && s[i] == '/' && s[i+1] == '>' {
		return i + 2
	}
	if i >= len(s) || (s[i] != ' ' && s[i] != '\t' && s[i] != '/') {
		return 0
	}
	// Attributes: up to '>' with no '<' on the way.
	for j := i; j < len(s) && j < 1024; j++ {
		switch s[j] {
		case '>':
			return j + 1
		case '<':
			return 0
		}
	}
	return 0
}

// isRowTag reports an opening <tr> tag (attributes allowed).
func isRowTag(tag string) bool { return isOpenTag(tag, "tr") }

// isCellTag reports an opening <td> or <th> tag (attributes allowed).
func isCellTag(tag string) bool { return isOpenTag(tag, "td") || isOpenTag(tag, "th") }

// isOpenTag reports an opening tag of the two-letter element name (lower
// case), in any case, with or without attributes.
func isOpenTag(tag, name string) bool {
	if len(tag) < 4 || tag[0] != '<' || tag[1]|0x20 != name[0] || tag[2]|0x20 != name[1] {
		return false
	}
	switch tag[3] {
	case '>', ' ', '\t', '/':
		return true
	}
	return false
}

func isASCIILetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }

var namedEntities = map[string]string{
	"nbsp": " ", "ensp": " ", "emsp": " ", "thinsp": " ",
	"lt": "<", "gt": ">", "amp": "&", "quot": "\"", "apos": "'",
	"ldquo": "“", "rdquo": "”", "lsquo": "‘", "rsquo": "’",
	"mdash": "—", "ndash": "–", "middot": "·", "hellip": "…", "times": "×",
	"sup2": "²", "sup3": "³", "deg": "°", "plusmn": "±", "permil": "‰", "shy": "", "zwsp": "",
}

// entity decodes an HTML entity at the start of s: it returns the
// replacement and the entity's length, or n == 0 when s does not start with
// one. A numeric entity for a control character is removed.
func entity(s string) (rep string, n int) {
	end := strings.IndexByte(s[:min(len(s), 12)], ';')
	if end < 3 || end > 10 {
		return "", 0
	}
	name := s[1:end]
	if name[0] != '#' {
		if r, ok := namedEntities[name]; ok {
			return r, end + 1
		}
		return "", 0
	}
	v, base, digits := 0, 10, name[1:]
	if digits[0] == 'x' || digits[0] == 'X' {
		base, digits = 16, digits[1:]
	}
	if digits == "" {
		return "", 0
	}
	for i := 0; i < len(digits); i++ {
		d := digits[i]
		switch {
		case d >= '0' && d <= '9':
			v = v*base + int(d-'0')
		case base == 16 && d|0x20 >= 'a' && d|0x20 <= 'f':
			v = v*base + int(d|0x20-'a'+10)
		default:
			return "", 0
		}
	}
	r := rune(v)
	if r == '\t' {
		return "\t", end + 1
	}
	if r < 0x20 || (r >= 0x7f && r <= 0x9f) || droppedRune(r) || !utf8.ValidRune(r) {
		return "", end + 1
	}
	if r == 0xa0 {
		return " ", end + 1
	}
	return string(r), end + 1
}

// ---- whole lines ----

// dropTOC removes tables of contents: a 目录 (目 录, 目次, Contents) line
// followed by entries that end in a page number after a tab, dot leaders or
// spaces (blank lines and an entry wrapped onto two lines allowed), and,
// with no 目录 line, any run of three or more entries with dot leaders.
// The 目录 line goes with its entries. Dropped lines get N = 0.
func dropTOC(lines []Line) {
	for i := 0; i < len(lines); i++ {
		if lines[i].N == 0 {
			continue
		}
		if isTOCHeading(lines[i].Text) {
			last, entries := tocRun(lines, i+1, false)
			if entries >= 2 {
				for k := i; k <= last; k++ {
					lines[k].N = 0
				}
				i = last
			}
			continue
		}
		if _, leaders := tocEntry(lines[i].Text); leaders {
			last, entries := tocRun(lines, i, true)
			if entries >= 3 {
				for k := i; k <= last; k++ {
					lines[k].N = 0
				}
				i = last
			}
		}
	}
}

// tocRun returns the index of the last entry of the run of TOC entries that
// starts at lines[i] and how many entries it has.
func tocRun(lines []Line, i int, leadersOnly bool) (last, entries int) {
	last = i - 1
	for j := i; j < len(lines); j++ {
		t := lines[j].Text
		if isSpaceTab(t) {
			continue
		}
		if ok, leaders := tocEntry(t); ok && (leaders || !leadersOnly) {
			last, entries = j, entries+1
			continue
		}
		// An entry wrapped onto two lines: a short line directly followed by
		// an entry.
		if j+1 < len(lines) && utf8.RuneCountInString(t) <= 60 && !strings.HasSuffix(t, "。") {
			if ok, leaders := tocEntry(lines[j+1].Text); ok && (leaders || !leadersOnly) {
				continue
			}
		}
		break
	}
	return last, entries
}

// isTOCHeading reports whether a line is a table-of-contents heading.
func isTOCHeading(t string) bool {
	if len(t) > 40 {
		return false
	}
	i := 0
	for i < len(t) && (t[i] == ' ' || t[i] == '\t') {
		i++
	}
	if i == len(t) {
		return false
	}
	switch t[i] {
	case 0xE7: // 目录, 目錄, 目次 start with 目
		if !strings.HasPrefix(t[i:], "目") {
			return false
		}
	case 'c', 'C', 't', 'T': // contents, table of contents
	default:
		return false
	}
	t = strings.Map(func(r rune) rune {
		if r == ' ' || r == '\t' || r == '\u3000' {
			return -1
		}
		return r
	}, t)
	switch strings.ToLower(t) {
	case "目录", "目錄", "目次", "contents", "tableofcontents":
		return true
	}
	return false
}

// tocEntry reports whether t is shaped like a TOC entry: a title of up to 80
// characters with no tab inside, then one tab, dot leaders or spaces, then
// a page number of one to three digits. leaders is true for dot leaders.
func tocEntry(t string) (ok, leaders bool) {
	t = strings.TrimRight(t, " ")
	if t == "" || t[len(t)-1] < '0' || t[len(t)-1] > '9' {
		return false, false
	}
	t = strings.TrimLeft(t, " \t")
	j := len(t)
	for j > 0 && t[j-1] >= '0' && t[j-1] <= '9' {
		j--
	}
	if d := len(t) - j; d == 0 || d > 3 {
		return false, false
	}
	k := j
	sep, dots, tabs := 0, 0, 0
	for k > 0 {
		r, n := utf8.DecodeLastRuneInString(t[:k])
		switch r {
		case '\t':
			tabs++
			sep++
		case ' ', '\u3000':
			sep++
		case '.', '…', '·', '．', '‥', '・', '⋯', '-', '_', '—':
			dots++
		default:
			goto done
		}
		k -= n
	}
done:
	if sep+dots == 0 || k == 0 || tabs > 1 {
		return false, false // two tabs: a table row with an empty cell
	}
	title := t[:k]
	if strings.IndexByte(title, '\t') >= 0 || utf8.RuneCountInString(title) > 80 {
		return false, false
	}
	// The title must hold a letter, not only digits and punctuation.
	hasLetter := false
	for _, r := range title {
		if r >= 0x80 || isASCIILetter(byte(r)) {
			hasLetter = true
			break
		}
	}
	if !hasLetter {
		return false, false
	}
	return true, dots >= 2
}

var (
	dashedPage  = regexp.MustCompile(`^[-—–－―‐‒﹣]+ *[0-9]{1,4} *[-—–－―‐‒﹣]+$`)
	chinesePage = regexp.MustCompile(`^(共 *[0-9]{1,4} *页 *[,，/／]? *)?第 *[0-9]{1,4} *页( *[,，/／]? *共 *[0-9]{1,4} *页)?$`)
	englishPage = regexp.MustCompile(`^(?i)page +[0-9]{1,4}( +of +[0-9]{1,4})?$`)
)

// Page numbers that are bare numbers must come in a run of at least
// minPageRun consecutive numbers (n, n+1, …), with between minPageBytes and
// maxPageBytes of text between neighbours, as the pages of a PDF do; table
// cells and list numbers do not.
const (
	minPageRun   = 3
	minPageBytes = 600
	maxPageBytes = 20000
)

// dropPageNumbers removes PDF page numbers: a line (not tab-led: those are
// table cells) that is only "- 12 -", "— 3 —", "第 3 页", "第3页 共40页",
// "Page 3 of 40"; and bare numbers ("12") that number consecutive pages, see
// minPageRun.
func dropPageNumbers(lines []Line) {
	type chain struct {
		val     int
		lastOff int // byte offset of its last member
		members []int
	}
	// chains by the value they end with, most recent last. Only the last
	// few are looked at, so that text full of equal numbers stays linear.
	const look = 8
	var all []*chain
	byVal := map[int][]*chain{}
	offset := 0 // bytes of text before lines[i]
	for i := range lines {
		l := &lines[i]
		t := l.Text
		at := offset
		offset += len(t) + 1
		if l.N == 0 || len(t) == 0 || len(t) > 64 || !hasASCIIDigit(t) || strings.IndexByte(t, '\t') >= 0 {
			continue // a page number, bare or decorated, has digits
		}
		t = strings.TrimSpace(strings.ReplaceAll(t, "\u3000", " "))
		if t == "" {
			continue
		}
		if v, ok := bareNumber(t); ok {
			var best *chain
			prev := byVal[v-1]
			for k := len(prev) - 1; k >= 0 && k >= len(prev)-look; k-- {
				gap := at - prev[k].lastOff
				if gap > maxPageBytes {
					break
				}
				if gap >= minPageBytes && prev[k].val == v-1 {
					best = prev[k]
					break
				}
			}
			if best == nil {
				best = &chain{}
				all = append(all, best)
			}
			best.val, best.lastOff = v, at
			best.members = append(best.members, i)
			byVal[v] = append(byVal[v], best)
			continue
		}
		if isDecoratedPage(t) {
			l.N = 0
		}
	}
	for _, c := range all {
		if len(c.members) >= minPageRun {
			for _, i := range c.members {
				lines[i].N = 0
			}
		}
	}
}

// lastPageContext is how many non-blank lines before a file's last line
// must be text (no tab, no number cell) for a bare number there to be a
// page number rather than the last cell of a table.
const lastPageContext = 5

// dropLastPageNumber removes a bare number (1 to 999, not tab-led) that is
// the last non-blank line of a file, after body text: the number of the
// last page, which no run of page numbers confirms when the others were
// lost. The lines before it must be text, not table cells: when any of the
// lastPageContext non-blank lines before it holds a tab or is a number cell,
// the number is a table's and stays.
func dropLastPageNumber(lines []Line) {
	last := -1
	for i := len(lines) - 1; i >= 0; i-- {
		if lines[i].N != 0 && !isBlankText(lines[i].Text) {
			last = i
			break
		}
	}
	if last < 0 || strings.IndexByte(lines[last].Text, '\t') >= 0 {
		return
	}
	if _, ok := bareNumber(trimSpace(lines[last].Text)); !ok {
		return
	}
	seen := 0
	for i := last - 1; i >= 0 && seen < lastPageContext; i-- {
		t := lines[i].Text
		if lines[i].N == 0 || isBlankText(t) {
			continue
		}
		if strings.IndexByte(t, '\t') >= 0 || isNumericCell(t) {
			return
		}
		seen++
	}
	if seen == 0 {
		return // a lone number is no page of text
	}
	lines[last].N = 0
}

// isDecoratedPage reports whether t (trimmed, not a bare number) is a page
// number such as "- 12 -", "第 3 页" or "Page 3 of 40".
func isDecoratedPage(t string) bool {
	if strings.IndexAny(t, "0123456789") < 0 {
		return false
	}
	switch {
	case strings.Contains(t, "页"):
		return chinesePage.MatchString(t)
	case t[0] == 'p' || t[0] == 'P':
		return englishPage.MatchString(t)
	case t[0] == '-' || t[0] >= 0xE2 && t[0] <= 0xEF:
		return dashedPage.MatchString(t)
	}
	return false
}

// hasASCIIDigit reports a byte '0'…'9' in t.
func hasASCIIDigit(t string) bool {
	for i := 0; i < len(t); i++ {
		if t[i]-'0' <= 9 {
			return true
		}
	}
	return false
}

// bareNumber parses a line that is only a number from 1 to 999.
func bareNumber(t string) (int, bool) {
	if len(t) > 3 || t[0] == '0' {
		return 0, false
	}
	v := 0
	for i := 0; i < len(t); i++ {
		if t[i] < '0' || t[i] > '9' {
			return 0, false
		}
		v = v*10 + int(t[i]-'0')
	}
	return v, true
}

// Link spam is recognised by its shape: many short phrases separated by
// '|' or '｜', hardly any sentence punctuation, few numbers. A line with at
// least minSpamPhrases such phrases goes anywhere in the file; at the end of
// a file, a run of lines of that shape goes when together they hold
// minSpamPhrases phrases. Rows of a table drawn with '|' are not spam: a
// line that starts with '|' (Markdown), or that has as many separators as
// a neighbouring line, one of the two with a number for a cell.
const minSpamPhrases = 6

// dropLinkSpam removes link spam; see minSpamPhrases.
// pipes lists the lines that hold a separator.
func dropLinkSpam(lines []Line, pipes []int) {
	// The tail: walk back over blank and spam-shaped lines.
	total, first := 0, len(lines)
	for i := len(lines) - 1; i >= 0; i-- {
		if lines[i].N == 0 || isSpaceTab(lines[i].Text) {
			continue
		}
		n, ok := spamPhrases(lines[i].Text)
		if !ok || n == 0 || pipeTableRow(lines, i) {
			break
		}
		total += n
		first = i
	}
	if total >= minSpamPhrases {
		for i := first; i < len(lines); i++ {
			if !isSpaceTab(lines[i].Text) {
				lines[i].N = 0
			}
		}
	}
	for _, i := range pipes {
		if lines[i].N == 0 {
			continue
		}
		if n, ok := spamPhrases(lines[i].Text); ok && n >= minSpamPhrases && !pipeTableRow(lines, i) {
			lines[i].N = 0
		}
	}
}

// pipeTableRow reports whether lines[i] is a row of a table drawn with
// '|': the nearest non-blank line before or after it has as many
// separators (at least two), and one of the two has a numeric cell.
func pipeTableRow(lines []Line, i int) bool {
	seps, num := pipeCells(lines[i].Text)
	if seps < 2 {
		return false
	}
	for _, dir := range []int{-1, 1} {
		for j := i + dir; j >= 0 && j < len(lines); j += dir {
			if lines[j].N == 0 || isSpaceTab(lines[j].Text) {
				continue
			}
			s2, num2 := pipeCells(lines[j].Text)
			if s2 == seps && (num || num2) {
				return true
			}
			break
		}
	}
	return false
}

// pipeCells counts the separators of t and reports whether a cell between
// them is a number (digits, '.', '%', '-').
func pipeCells(t string) (seps int, numeric bool) {
	for len(t) > 0 {
		i := strings.IndexAny(t, "|｜")
		cell := t
		if i >= 0 {
			cell = t[:i]
		}
		if cell = strings.TrimSpace(cell); cell != "" && strings.Trim(cell, "0123456789.%-") == "" {
			numeric = true
		}
		if i < 0 {
			break
		}
		seps++
		_, n := utf8.DecodeRuneInString(t[i:])
		t = t[i+n:]
	}
	return seps, numeric
}

// spamPhrases reports whether t is shaped like link spam and how many
// phrases it holds. A line with no separator holds none. A line that starts
// with '|' is a Markdown table row, not spam.
func spamPhrases(t string) (n int, ok bool) {
	t = strings.TrimSpace(t)
	if strings.HasPrefix(t, "|") || strings.HasPrefix(t, "｜") {
		return 0, false
	}
	if strings.IndexByte(t, '|') < 0 && !strings.Contains(t, "｜") {
		return 0, false
	}
	phrases, numeric, punct, long := 0, 0, 0, 0
	for _, p := range strings.FieldsFunc(t, func(r rune) bool { return r == '|' || r == '｜' }) {
		p = strings.TrimSpace(p)
		if p == "" {
			continue
		}
		phrases++
		if utf8.RuneCountInString(p) > 30 {
			long++
		}
		digits := 0
		for _, r := range p {
			switch r {
			case '。', '，', '；', '！', '？', '：':
				punct++
			}
			if r >= '0' && r <= '9' || r == '.' || r == '%' {
				digits++
			}
		}
		if digits*2 >= len(p) {
			numeric++
		}
	}
	if phrases == 0 || long*4 > phrases || punct*4 > phrases || numeric*3 > phrases {
		return 0, false
	}
	return phrases, true
}

// dropMarkdownMarks removes the marks a Markdown export puts around a
// heading or a caption, leaving its indentation-free text:
//   - one to six '#' at the start of the line (after any indentation)
//     followed by a space and text: "## 第一章 …" → "第一章 …";
//   - "**" or "__" around the whole line: "**一、主要成就**" → "一、主要成就".
//
// Other lines are returned as is.
func dropMarkdownMarks(t string) string {
	if t == "" || t[0] != '#' && t[0] != '*' && t[0] != '_' && t[0] != ' ' && t[0] != '\t' {
		return t
	}
	s := strings.TrimLeft(t, " \t")
	if len(s) < 2 || s[0] != '#' && s[0] != '*' && s[0] != '_' {
		return t
	}
	if s[0] == '#' {
		n := 0
		for n < len(s) && s[n] == '#' {
			n++
		}
		if n > 6 || n == len(s) || s[n] != ' ' {
			return t
		}
		rest := strings.TrimLeft(s[n:], " ")
		if rest == "" || rest[0] == '#' {
			return t
		}
		s = rest
	}
	for _, m := range []string{"**", "__"} {
		if len(s) > 2*len(m) && strings.HasPrefix(s, m) && strings.HasSuffix(s, m) {
			if inner := s[len(m) : len(s)-len(m)]; !strings.Contains(inner, m) && trimSpace(inner) == inner {
				return inner
			}
		}
	}
	if s != strings.TrimLeft(t, " \t") {
		return s
	}
	return t
}
