package loader

// The clean stage: conversion debris, tables of contents, page numbers, link
// spam and control characters are removed from decoded text, and every kept
// line keeps its 1-based source line number. Indentation, blank lines and
// tabs stay: the rule table (rules.go) reads tables and paragraphs from
// them. This file cleans within a line (the byte-level search for what
// needs cleaning is bytescan's); clean_lines.go drops whole lines.

import (
	"bytes"
	"strings"
	"unicode/utf8"
	"unsafe"

	"planview/internal/escseq"
	"planview/loader/internal/bytescan"
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
	c := bytescan.Census(text)
	tbl := bytescan.TableFor(c)
	ideo = c&bytescan.CensusIdeo != 0
	var buf []byte  // scrub's working space, reused line after line
	var pipes []int // lines with a '|' or '｜', for dropLinkSpam
	rows := false   // an HTML table row started within a line (see scrub)
	for i := range lines {
		raw := lines[i].Text
		t, pipe := cleanLinePipeWith(raw, tbl, &buf)
		lines[i].Text, lines[i].Level = markdownMarks(t)
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
	return cleanLinePipeWith(s, bytescan.FullTable(), nil)
}

// cleanLinePipeWith is cleanLinePipe with the table bytescan.ScanLine uses
// (see bytescan.TableFor).
// buf, if not nil, is working space for scrubbing, reused from call to call.
func cleanLinePipeWith(s string, tbl *[256]uint8, buf *[]byte) (string, bool) {
	at, pipe := bytescan.ScanLine(s, tbl)
	if at >= 0 {
		s = scrubFrom(s, at, buf)
		pipe = strings.IndexByte(s, '|') >= 0 || strings.Contains(s, "｜")
	}
	return trimLine(s), pipe
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
		if j := bytescan.NextSpecial(s, i, leading); j > i {
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
		case r >= 0x80 && r <= 0x9f, bytescan.DroppedRune(r), r == utf8.RuneError && n == 1:
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

// markerLen returns the length of a Word-export marker such as
// "[bookmark: _Toc2311]" or "[image: image1.png]" at the start of s, or 0.
func markerLen(s string) int {
	i := 1
	for i < len(s) && i <= markerMaxWord && s[i] >= 'a' && s[i] <= 'z' {
		i++
	}
	if i < len("[ab") || i >= len(s) || s[i] != ':' {
		return 0
	}
	for j := i + 1; j < len(s) && j < markerMaxLen; j++ {
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

// longestTag is the length of the longest name in htmlTags: a longer name
// need not be looked up.
var longestTag int

func init() {
	for _, t := range strings.Fields(`a abbr b big blockquote body br caption center code col colgroup dd del div dl dt em
		font h1 h2 h3 h4 h5 h6 head hr html i img ins label li link meta nobr o:p ol p pre q s small span strike
		strong sub sup table tbody td tfoot th thead title tr tt u ul wbr section article header footer nav main
		figure figcaption`) {
		htmlTags[t] = true
		longestTag = max(longestTag, len(t))
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
	if i == start || i-start > longestTag || !htmlTags[strings.ToLower(s[start:i])] {
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
	for j := i; j < len(s) && j < tagMaxLen; j++ {
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
	end := strings.IndexByte(s[:min(len(s), entityMaxEnd+1)], ';')
	if end < len("&lt") || end > entityMaxEnd {
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
	if r < 0x20 || (r >= 0x7f && r <= 0x9f) || bytescan.DroppedRune(r) || !utf8.ValidRune(r) {
		return "", end + 1
	}
	if r == 0xa0 {
		return " ", end + 1
	}
	return string(r), end + 1
}

// dropMarkdownMarks removes the marks a Markdown export puts around a
// heading or a caption, leaving its indentation-free text:
//   - one to six '#' at the start of the line (after any indentation)
//     followed by a space and text: "## 第一章 …" → "第一章 …";
//   - "**" or "__" around the whole line: "**一、主要成就**" → "一、主要成就".
//
// Other lines are returned as is.
func dropMarkdownMarks(t string) string {
	s, _ := markdownMarks(t)
	return s
}

// markdownMarks is dropMarkdownMarks also returning the heading level the
// '#' marks gave (their count), 0 for none.
func markdownMarks(t string) (_ string, level uint8) {
	if t == "" || t[0] != '#' && t[0] != '*' && t[0] != '_' && t[0] != ' ' && t[0] != '\t' {
		return t, 0
	}
	s := strings.TrimLeft(t, " \t")
	if len(s) < 2 || s[0] != '#' && s[0] != '*' && s[0] != '_' {
		return t, 0
	}
	if s[0] == '#' {
		n := 0
		for n < len(s) && s[n] == '#' {
			n++
		}
		if n > markdownMaxHashes || n == len(s) || s[n] != ' ' {
			return t, 0
		}
		rest := strings.TrimLeft(s[n:], " ")
		if rest == "" || rest[0] == '#' {
			return t, 0
		}
		s, level = rest, uint8(n)
	}
	for _, m := range []string{"**", "__"} {
		if len(s) > 2*len(m) && strings.HasPrefix(s, m) && strings.HasSuffix(s, m) {
			if inner := s[len(m) : len(s)-len(m)]; !strings.Contains(inner, m) && trimSpace(inner) == inner {
				return inner, level
			}
		}
	}
	if s != strings.TrimLeft(t, " \t") {
		return s, level
	}
	return t, 0
}
