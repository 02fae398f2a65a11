package loader

// The blocks stage: cleaned lines become paragraphs and list items.
//
// Rules (see also /work/notes/loader-structure.md):
//   - Leading indentation (spaces, tabs, U+3000, NBSP) and trailing space are
//     stripped from every text line.
//   - The spaces a PDF export puts between Chinese and digits or Latin
//     letters ("2016 年", "全县 50%") and after full-width punctuation are
//     dropped; spaces between two Chinese characters are kept. Table cells are
//     never touched.
//   - A line continues the paragraph above when that paragraph does not end a
//     sentence and the line starts no heading, list item, table, 专栏 box or
//     "——" item, and is not a bare number (a page number, a stray cell). Across blank lines (PDF page breaks, PDF exports that put a
//     blank line after every line) the paragraph above must also be long
//     (≥ 25 characters), end in a Chinese character or a pause mark (，、“《（),
//     and stand after the first heading: the front matter of a plan (notice,
//     title page) is made of short separate lines that must not run together.
//   - Every piece keeps its source line, so a block's Spans map every byte
//     offset back to the line it came from.

import (
	"encoding/binary"
	"math/bits"
	"strings"
	"unicode"
	"unicode/utf8"
	"unsafe"

	"planview/model"
)

// piece is the text one source line contributes to a block.
type piece struct {
	n    int
	text string
	raw  string // the source line as cleaned
}

// joinPieces concatenates pieces into a block text with spans.
func joinPieces(ps []piece) (string, []model.Span) {
	if len(ps) == 1 {
		return ps[0].text, nil // one line: Block.Line says it all
	}
	n := 0
	for _, p := range ps {
		n += len(p.text)
	}
	var b strings.Builder
	b.Grow(n)
	spans := make([]model.Span, 0, len(ps))
	for _, p := range ps {
		spans = append(spans, model.Span{Off: b.Len(), Line: p.n})
		b.WriteString(p.text)
	}
	return b.String(), spans
}

// isSpaceRune reports the indentation and padding characters of the genre.
func isSpaceRune(r rune) bool {
	switch r {
	case ' ', '\t', '\u3000', '\u00a0', '\u2002', '\u2003', '\u200b', '\ufeff':
		return true
	}
	return false
}

// trimSpace trims indentation and padding on both sides.
func trimSpace(s string) string {
	if s == "" || !spaceFirst[s[0]] && !spaceLast[s[len(s)-1]] {
		return s // fast path: neither end can be padding
	}
	return trimSpaceRight(trimSpaceLeft(s))
}

// trimSpaceLeft is strings.TrimLeftFunc(s, isSpaceRune) without a rune
// decode for the common ASCII bytes.
func trimSpaceLeft(s string) string {
	for len(s) > 0 {
		c := s[0]
		if c == ' ' || c == '\t' {
			s = s[1:]
			continue
		}
		if c < utf8.RuneSelf || !spaceFirst[c] {
			return s
		}
		r, n := utf8.DecodeRuneInString(s)
		if !isSpaceRune(r) {
			return s
		}
		s = s[n:]
	}
	return s
}

// trimSpaceRight is strings.TrimRightFunc(s, isSpaceRune): the last rune
// of s is one of the padding characters exactly when s ends in its
// encoding (a decoder reading backwards starts at that encoding's lead).
func trimSpaceRight(s string) string {
	for len(s) > 0 {
		c := s[len(s)-1]
		if c == ' ' || c == '\t' {
			s = s[:len(s)-1]
			continue
		}
		if !spaceLast[c] || c < utf8.RuneSelf {
			return s
		}
		n := spaceSuffix(s)
		if n == 0 {
			return s
		}
		s = s[:len(s)-n]
	}
	return s
}

// spaceSuffix returns the length of the non-ASCII isSpaceRune character
// that s ends in, or 0.
func spaceSuffix(s string) int {
	n := len(s)
	if n >= 2 && s[n-2] == 0xC2 && s[n-1] == 0xA0 { // U+00A0
		return 2
	}
	if n < 3 {
		return 0
	}
	switch s[n-3 : n] {
	case "\u3000", "\u2002", "\u2003", "\u200b", "\ufeff":
		return 3
	}
	return 0
}

// spaceFirst and spaceLast mark the first and last bytes of the UTF-8
// encodings of the isSpaceRune characters (and of invalid bytes, which
// TrimFunc sees as U+FFFD and keeps: marking more bytes than needed only
// costs the slow path).
var spaceFirst, spaceLast = func() (f, l [256]bool) {
	for _, r := range []rune{' ', '\t', '\u3000', '\u00a0', '\u2002', '\u2003', '\u200b', '\ufeff'} {
		b := []byte(string(r))
		f[b[0]], l[b[len(b)-1]] = true, true
	}
	return f, l
}()

// isBlankText reports a line with nothing but padding.
func isBlankText(s string) bool {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case ' ', '\t':
			continue
		}
		if s[i] < utf8.RuneSelf || !spaceFirst[s[i]] {
			return false
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if !isSpaceRune(r) {
			return false
		}
		i += n - 1
	}
	return true
}

func isHan(r rune) bool {
	return r >= 0x2e80 && unicode.Is(unicode.Han, r)
}

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

// endsSentence reports whether text ends a sentence (or might, as a number
// whose full stop a web export lost), so that the next line starts anew.
func endsSentence(s string) bool {
	r, _ := utf8.DecodeLastRuneInString(s)
	switch r {
	case '。', '！', '？', '；', '：', '!', '?', ';', ':', '…':
		return true
	case '”', '’', '」', '』', '"':
		// A closing quote ends a sentence when it closes one.
		p, _ := utf8.DecodeLastRuneInString(s[:len(s)-utf8.RuneLen(r)])
		return p == '。' || p == '！' || p == '？'
	}
	return r >= '0' && r <= '9' || r == '%' || r == '‰'
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

// runeLen counts runes, as utf8.RuneCountInString does for the valid UTF-8
// the loader works on (decode never yields invalid UTF-8): the bytes that
// are not continuation bytes (10xxxxxx), counted eight at a time. (On
// invalid UTF-8 it may count fewer runes than RuneCountInString.)
func runeLen(s string) int {
	b := unsafe.Slice(unsafe.StringData(s), len(s)) // read only
	n := len(b)
	i := 0
	for ; i+8 <= len(b); i += 8 {
		x := binary.LittleEndian.Uint64(b[i:])
		n -= bits.OnesCount64(x &^ (x << 1) & 0x8080808080808080)
	}
	for ; i < len(b); i++ {
		if b[i]&0xC0 == 0x80 {
			n--
		}
	}
	return n
}

// isDashItem reports a "——" item, which always starts a paragraph.
func isDashItem(s string) bool {
	if !strings.HasPrefix(s, "——") && !strings.HasPrefix(s, "--") {
		return false
	}
	return strings.Trim(s, "—- ") != ""
}

// hasSentencePunct reports any clause punctuation in s.
func hasClausePunct(s string) bool {
	return strings.ContainsAny(s, "。，、；：,;:！？")
}

// continues decides whether text line t (after blanks blank lines) continues
// the text of unit u.
func continues(u *unit, t string, blanks int, front bool) bool {
	if u == nil || blanks > 3 {
		return false
	}
	switch u.kind {
	case uPara, uList:
	case uHeading:
		if u.bodyOff < 0 {
			// A heading broken over two lines: a short tail with no
			// punctuation right under a title that ends in none.
			return blanks == 0 && !u.tocLike && runeLen(t) <= 12 && !hasClausePunct(t) &&
				!endsSentence(u.title) && runeLen(u.title)+runeLen(t) <= 60
		}
	default:
		return false
	}
	last := u.pieces[len(u.pieces)-1].text
	if endsSentence(last) || isDashItem(t) || (isNumericCell(t) && runeLen(t) <= 4) || isDateLine(t) || isUnitLine(t) {
		return false
	}
	if blanks == 0 {
		return true
	}
	return !front && runeLen(last) >= 25 && endsMidSentence(last)
}

// isDateLine reports a line that is only a date, as under a notice or a
// signature (2021年9月, 2021年11月8日, 二〇二一年九月): a line of its own,
// never the tail of the line above.
func isDateLine(t string) bool {
	t = trimSpaceRight(t)
	if !strings.HasSuffix(t, "月") && !strings.HasSuffix(t, "日") || len(t) > 64 {
		return false
	}
	t = trimSpaceLeft(t)
	y := strings.Index(t, "年")
	if y < 0 {
		return false
	}
	if n := runeLen(t[:y]); n != 4 || strings.Trim(t[:y], "0123456789〇零一二三四五六七八九") != "" {
		return false
	}
	rest := t[y+len("年"):]
	m := strings.Index(rest, "月")
	if m <= 0 || runeLen(rest[:m]) > 3 || strings.Trim(rest[:m], "0123456789一二三四五六七八九十") != "" {
		return false
	}
	d := rest[m+len("月"):]
	return d == "" || runeLen(d) <= 4 && strings.HasSuffix(d, "日") && strings.Trim(strings.TrimSuffix(d, "日"), "0123456789一二三四五六七八九十") == "" && d != "日"
}

// normLabel normalises a caption or box title: indentation trimmed and runs
// of spaces made one ("专栏2  养老服务提升工程" → "专栏2 养老服务提升工程").
func normLabel(s string) string {
	s = trimSpace(s)
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		if isSpaceRune(r) {
			space = true
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
	}
	return b.String()
}
