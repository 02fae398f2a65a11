package loader

// The blocks stage: the text of paragraphs and list items.
//
//   - normText strips the padding of a text line and drops the spaces a PDF
//     export puts between Chinese and digits or Latin letters ("2016 年",
//     "全县 50%") and next to full-width punctuation; spaces between two
//     Chinese characters are kept. Table cells never come here.
//   - continues decides whether a line goes on with the paragraph above;
//     the continuation rule of the rule table (rules.go) asks it, after
//     every rule that makes a line a unit of its own has declined it.
//
// Every piece of a rejoined block keeps its source line, so a block's Spans
// map every byte offset back to the line it came from (joinPieces).

import (
	"strings"
	"unicode/utf8"
	"unsafe"

	"planview/loader/internal/bytescan"
)

// isCJKPunct reports full-width punctuation and quotes.
func isCJKPunct(r rune) bool {
	return (r >= 0x3000 && r <= 0x303f) || (r >= 0xff00 && r <= 0xff0f) ||
		(r >= 0xff1a && r <= 0xff20) || (r >= 0xff3b && r <= 0xff40) ||
		(r >= 0xff5b && r <= 0xff65) || r == '“' || r == '”' || r == '‘' || r == '’' || r == '—' || r == '…'
}

func isASCIIAlnum(r rune) bool {
	return r < 0x80 && (r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z')
}

// normText strips indentation and drops PDF spaces between Chinese and
// digits/Latin letters and after full-width punctuation.
func normText(s string) string { return normTextIn(s, false) }

// normTextIn is normText for a line known, when narrow is set, to hold no
// U+3000 and no NBSP (see cleanCensus): then the line needs a look only if
// it holds a plain space, found with one vectorised search, and U+3000 is
// not looked for at every 。 and 、 (they share its lead byte).
func normTextIn(s string, narrow bool) string {
	s = trimSpace(s)
	if narrow {
		if strings.IndexByte(s, ' ') < 0 {
			return s
		}
	} else if !hasSpaces(s) {
		return s
	}
	var b []byte
	last := 0 // bytes of s already copied to b
	for i := nextSpace(s, 0); i < len(s); i = nextSpace(s, i) {
		j := i
		for j < len(s) {
			r2, w2 := utf8.DecodeRuneInString(s[j:])
			if !isSpaceRune(r2) || r2 == '\t' {
				break
			}
			j += w2
		}
		left, _ := utf8.DecodeLastRuneInString(s[:i])
		right, _ := utf8.DecodeRuneInString(s[j:])
		if dropSpace(left, right) {
			if b == nil {
				b = make([]byte, 0, len(s))
			}
			b = append(b, s[last:i]...)
			last = j
		}
		i = j
	}
	if b == nil {
		return s
	}
	b = append(b, s[last:]...)
	return unsafe.String(unsafe.SliceData(b), len(b)) // b is not used again
}

// hasSpaces reports a space, NBSP or U+3000 in s. Each is looked for with
// the vectorised IndexByte: a space at once, then the lead bytes of NBSP
// (C2, rare in Chinese text) and U+3000 (E3, which 。 and 、 share).
func hasSpaces(s string) bool {
	if strings.IndexByte(s, ' ') >= 0 {
		return true
	}
	return hasSeq(s, 0xC2, "\u00a0") || hasSeq(s, 0xE3, "\u3000")
}

// hasSeq reports whether s holds seq, whose first byte is lead.
func hasSeq(s string, lead byte, seq string) bool {
	for {
		i := strings.IndexByte(s, lead)
		if i < 0 {
			return false
		}
		if strings.HasPrefix(s[i:], seq) {
			return true
		}
		s = s[i+1:]
	}
}

// spaceLead marks the first bytes of the isSpaceRune characters but tab.
// None is a UTF-8 continuation byte, so a byte scan finds every such
// character at the start of its encoding.
var spaceLead = func() (t [256]bool) {
	for _, r := range []rune{' ', '\u3000', '\u00a0', '\u2002', '\u2003', '\u200b', '\ufeff'} {
		t[[]byte(string(r))[0]] = true
	}
	return t
}()

// nextSpace returns the index of the first isSpaceRune character but tab at
// or after i (a rune boundary), or len(s).
func nextSpace(s string, i int) int {
	for i < len(s) {
		for i+4 <= len(s) && !spaceLead[s[i]] && !spaceLead[s[i+1]] && !spaceLead[s[i+2]] && !spaceLead[s[i+3]] {
			i += 4
		}
		if i >= len(s) {
			break
		}
		if !spaceLead[s[i]] {
			i++
			continue
		}
		r, w := utf8.DecodeRuneInString(s[i:])
		if isSpaceRune(r) && r != '\t' {
			return i
		}
		i += w
	}
	return len(s)
}

// dropSpace decides whether a run of spaces between left and right is PDF
// debris.
func dropSpace(left, right rune) bool {
	lh, rh := isHan(left), isHan(right)
	lp, rp := isCJKPunct(left), isCJKPunct(right)
	switch {
	case lp || rp:
		return true
	case lh && (isASCIIAlnum(right) || right == '%'):
		return true
	case rh && (isASCIIAlnum(left) || left == '%' || left == '‰' || left == '²'):
		return true
	}
	return false
}

// endsMidSentence reports a line that stops in the middle of a sentence: a
// Chinese character or a pause mark. Used for joins across blank lines.
func endsMidSentence(s string) bool {
	r, _ := utf8.DecodeLastRuneInString(s)
	switch r {
	case '，', '、', '“', '《', '（', '(', ',', '‘':
		return true
	}
	return isHan(r)
}

// continues decides whether text line t, after blanks blank lines,
// continues the paragraph, list item or run-in heading body whose last line
// is last; front is set before the first heading. (The tail of a heading
// broken over two lines is outline's headingTail.)
//
// A line never continues a sentence that ended, nor is a "——" item, a
// stray number cell, a date or a unit line. Across blank lines (see
// joinMaxBlanks) the text above must also be long and stop mid-sentence,
// and stand after the first heading.
func continues(last, t string, blanks int, front bool) bool {
	if blanks > joinMaxBlanks {
		return false
	}
	if endsSentence(last) || isDashItem(t) || (isNumericCell(t) && bytescan.RuneLen(t) <= strayNumberMaxRunes) || isDateLine(t) || isUnitLine(t) {
		return false
	}
	if blanks == 0 {
		return true
	}
	return !front && bytescan.RuneLen(last) >= joinMinRunes && endsMidSentence(last)
}
