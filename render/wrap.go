package render

import (
	"strings"
	"unicode/utf8"

	"github.com/rivo/uniseg"
)

// Wrap breaks text into lines of at most width cells (measured with Width).
//
// Break opportunities are those of Unicode line breaking (UAX #14, as
// implemented by github.com/rivo/uniseg): between two Chinese characters,
// after a space, never inside an English word or a number such as 37.22% or
// 2016年. On top of that, kinsoku rules hold: no line starts with closing
// punctuation (，。、；：？！）」』》】〕”’… and their ASCII kin) and none ends
// with opening punctuation (（「『《【〔“‘): the character moves across the
// break with its neighbour. Spaces at a break are dropped. A newline in text
// is a forced break. A token wider than the line (a long URL) is broken at
// grapheme cluster boundaries, so a wide character is never split; no line
// is ever wider than width.
//
// indent starts the first line (use ParagraphIndent for a paragraph); it is
// dropped when it would leave no room for a wide character. width <= 0 means no limit: text is
// only split at its newlines. The text is sanitised and tabs become spaces.
// Empty text gives no lines.
func Wrap(text string, width int, indent string) []string {
	return AppendWrap(nil, text, width, indent)
}

// AppendWrap is Wrap appending to dst, for callers that reuse a slice.
func AppendWrap(dst []string, text string, width int, indent string) []string {
	text = prepare(text)
	if text == "" {
		return dst
	}
	indent = prepare(indent)
	iw := Width(indent)
	if width > 0 && width-iw < 2 {
		// no room left for a wide character
		indent, iw = "", 0
	}
	if strings.IndexByte(text, '\n') < 0 && (width <= 0 || iw+Width(text) <= width) && !hasSeparator(text) {
		// Fits on one line (the common case for headings and short items).
		return append(dst, indent+strings.TrimRight(text, " "))
	}
	w := &wrapper{text: text, width: width, indent: indent, iw: iw, out: dst, first: true}
	w.run()
	return w.out
}

// hasSeparator reports whether s holds U+2028 or U+2029, which force a
// break.
func hasSeparator(s string) bool {
	return strings.Contains(s, "\u2028") || strings.Contains(s, "\u2029")
}

// prepare sanitises s and turns tabs into spaces, allocating only when s
// needs it.
func prepare(s string) string {
	s = Sanitize(s)
	if strings.IndexByte(s, '\t') >= 0 {
		s = strings.ReplaceAll(s, "\t", " ")
	}
	return s
}

type wrapper struct {
	text   string
	width  int
	indent string
	iw     int
	out    []string
	first  bool // the next line emitted is the first

	// the line being filled: text[ls:le], lw cells, then ps cells of
	// spaces that only count if something follows.
	ls, le, lw, ps int
	open           bool // the line has content
}

func (w *wrapper) avail() int {
	if w.width <= 0 {
		return int(^uint(0) >> 1)
	}
	if w.first {
		return w.width - w.iw
	}
	return w.width
}

func (w *wrapper) emit() {
	line := w.text[w.ls:w.le]
	if w.first && w.indent != "" {
		line = w.indent + line
	}
	w.out = append(w.out, line)
	w.first = false
	w.open = false
	w.lw, w.ps = 0, 0
}

func (w *wrapper) run() {
	text := w.text
	unitStart := 0
	seg, rest, must, state := segment(text, -1)
	for seg != "" {
		segEnd := len(text) - len(rest)
		next, nrest, nmust, nstate := segment(rest, state)
		if must || next == "" || breakAllowed(seg, next) {
			w.unit(unitStart, segEnd, must)
			unitStart = segEnd
		}
		seg, rest, must, state = next, nrest, nmust, nstate
	}
	if w.open {
		w.emit()
	}
}

// segment is uniseg.FirstLineSegmentInString with a shortcut for the bulk
// of Chinese text: between two CJK unified ideographs (line break class ID)
// UAX #14 always allows a break (LB31; no earlier rule applies to ID ID), so
// the first ideograph is a segment of its own. The segmenter then restarts
// at the second one: after an ID no rule carries state from further back, so
// a fresh start there segments exactly as the continued state would.
func segment(s string, state int) (seg, rest string, must bool, newState int) {
	if fastSegment && len(s) >= 6 && s[0] >= 0xe3 && s[0] <= 0xe9 {
		r, n := utf8.DecodeRuneInString(s)
		if isIdeograph(r) {
			if r2, _ := utf8.DecodeRuneInString(s[n:]); isIdeograph(r2) {
				return s[:n], s[n:], false, -1
			}
		}
	}
	return uniseg.FirstLineSegmentInString(s, state)
}

// fastSegment enables the shortcut; tests turn it off to check that it
// changes nothing.
var fastSegment = true

// isIdeograph reports whether r is a CJK unified ideograph of the BMP
// (including extension A), all of line break class ID.
func isIdeograph(r rune) bool {
	return r >= 0x4e00 && r <= 0x9fff || r >= 0x3400 && r <= 0x4dbf
}

// unit places the unbreakable text[start:end] (which may end in spaces or a
// newline), then breaks the line if must.
func (w *wrapper) unit(start, end int, must bool) {
	// Drop the newline (or line/paragraph separator) of a forced break,
	// then set the trailing spaces apart.
	ce := end
	for ce > start {
		if w.text[ce-1] == '\n' {
			ce--
		} else if ce-start >= 3 && (w.text[ce-3:ce] == "\u2028" || w.text[ce-3:ce] == "\u2029") {
			ce -= 3
		} else {
			break
		}
	}
	sp := ce
	for sp > start && w.text[sp-1] == ' ' {
		sp--
	}
	content := w.text[start:sp]
	cw := Width(content)
	spaces := ce - sp

	if content != "" {
		switch {
		case !w.open:
			w.place(start, sp, cw)
		case w.lw+w.ps+cw <= w.avail():
			w.le = sp
			w.lw += w.ps + cw
		default:
			w.emit()
			w.place(start, sp, cw)
		}
		w.ps = spaces
	} else if w.open {
		w.ps += spaces
	}
	if must {
		switch {
		case w.open:
			w.emit()
		case content == "":
			// a blank line
			w.ls, w.le = start, start
			w.emit()
		}
	}
}

// place starts a new line with text[start:end], cw cells wide, hard
// breaking it when it is wider than the line.
func (w *wrapper) place(start, end, cw int) {
	if cw <= w.avail() {
		w.ls, w.le, w.lw, w.open = start, end, cw, true
		return
	}
	// Hard break at grapheme cluster boundaries.
	ls, lw := start, 0
	prev, prevW := -1, 0 // start and width of the last cluster on the line
	rest := w.text[start:end]
	state := -1
	var c string
	for len(rest) > 0 {
		cs := end - len(rest)
		c, rest, _, state = uniseg.FirstGraphemeClusterInString(rest, state)
		gw := clusterWidth(c)
		if lw+gw <= w.avail() {
			prev, prevW = cs, gw
			lw += gw
			continue
		}
		if ls < cs {
			// c starts the next line; keep kinsoku if the line can spare
			// a cluster.
			cut, carry := cs, 0
			r, _ := utf8.DecodeRuneInString(c)
			pr, _ := utf8.DecodeRuneInString(w.text[max(prev, 0):])
			if (noStart(r) || noEnd(pr)) && prev > ls && prevW+gw <= w.avail() {
				cut, carry = prev, prevW
			}
			w.ls, w.le = ls, cut
			w.emit()
			ls, lw = cut, carry
			if lw+gw <= w.avail() {
				prev, prevW = cs, gw
				lw += gw
				continue
			}
		}
		if w.first && w.iw > 0 && gw <= w.width {
			// Only the indent is in the way: drop it.
			w.indent, w.iw = "", 0
			prev, prevW = cs, gw
			lw += gw
			continue
		}
		// A single cluster wider than the whole line: blank it.
		w.out = append(w.out, w.firstIndent()+strings.Repeat(" ", max(w.avail(), 0)))
		w.first = false
		ls, lw, prev = cs+len(c), 0, -1
	}
	w.ls, w.le, w.lw, w.open = ls, end, lw, ls < end
}

func (w *wrapper) firstIndent() string {
	if w.first {
		return w.indent
	}
	return ""
}

// breakAllowed applies kinsoku to a UAX #14 break opportunity between two
// segments.
func breakAllowed(before, after string) bool {
	r, _ := utf8.DecodeRuneInString(after)
	if noStart(r) {
		return false
	}
	b := strings.TrimRight(before, " ")
	if b == "" {
		return true
	}
	l, _ := utf8.DecodeLastRuneInString(b)
	return !noEnd(l)
}

// noStart reports whether a line must not start with r.
func noStart(r rune) bool {
	switch r {
	case '，', '。', '、', '；', '：', '？', '！', '）', '」', '』', '》', '】', '〕', '〉', '〗', '〙', '］', '｝',
		'”', '’', '…', '‥', '·', '・', '％', '‰', '｡', '､',
		',', '.', ';', ':', '?', '!', ')', ']', '}', '%':
		return true
	}
	return false
}

// noEnd reports whether a line must not end with r.
func noEnd(r rune) bool {
	switch r {
	case '（', '「', '『', '《', '【', '〔', '〈', '〖', '〘', '［', '｛', '“', '‘', '(', '[', '{':
		return true
	}
	return false
}
