package pdf

// Lines from positions: characters on one baseline are one line, read left
// to right; a smaller character raised above its line is a superscript (a
// note mark); a gap wider than a space is a space where the text is not
// Chinese.

import (
	"sort"
	"strings"
	"unicode"
)

// tline is one line of text on a page.
type tline struct {
	chars          []char // left to right
	x0, x1         float64
	base           float64
	size           float64 // the font size most of its characters have
	top, bottom    float64
	page           int
	marks          []mark // superscript note marks, by position
	region         *region
	col            *margins // the edges of its column on a two-column page (columns.go), nil for none
	header, footer bool
	footnote       bool
}

// mark is a run of superscript characters in a line: a note mark ("1",
// "*") when a note on the page has it, else text.
type mark struct {
	text string
	at   int // index in chars of its first character
	n    int // characters
	used bool
}

// Line-building thresholds, in fractions of the font size.
const (
	sameLine  = 0.35 // baselines this close are one line
	supSize   = 0.8  // a character at most this size of its line's…
	supRaise  = 0.15 // …raised at least this much is a superscript
	spaceGap  = 0.25 // a gap this wide between Latin letters or digits is a space
	wideSpace = 0.8  // a gap this wide between Chinese characters is a space
)

// buildLines groups characters into lines, top to bottom.
func buildLines(cs []char, pageN int) []*tline {
	if len(cs) == 0 {
		return nil
	}
	sorted := make([]char, len(cs))
	copy(sorted, cs)
	sort.SliceStable(sorted, func(i, j int) bool { return sorted[i].base > sorted[j].base })
	var lines []*tline
	var cur *tline
	for _, c := range sorted {
		if cur != nil {
			tol := sameLine * max(c.size, cur.size)
			if cur.base-c.base <= tol {
				cur.chars = append(cur.chars, c)
				continue
			}
		}
		cur = &tline{base: c.base, size: c.size, page: pageN}
		cur.chars = append(cur.chars, c)
		lines = append(lines, cur)
	}
	for _, l := range lines {
		l.finish()
	}
	// A line of small characters just above a line, within its height and
	// its extent, is that line's superscripts.
	out := lines[:0]
	for i := 0; i < len(lines); i++ {
		l := lines[i]
		if i+1 < len(lines) {
			nx := lines[i+1]
			if l.size <= supSize*nx.size && l.base > nx.base && l.base-nx.base < 0.9*nx.size &&
				l.x0 >= nx.x0-nx.size && l.x1 <= nx.x1+2*nx.size {
				for _, c := range l.chars {
					c.sup = true
					nx.chars = append(nx.chars, c)
				}
				nx.finish()
				continue
			}
		}
		out = append(out, l)
	}
	return out
}

// finish sorts a line's characters, works out its extent and font size,
// and marks its superscripts.
func (l *tline) finish() {
	sort.SliceStable(l.chars, func(i, j int) bool { return l.chars[i].x0 < l.chars[j].x0 })
	count := map[float64]int{}
	best, bestN := 0.0, 0
	for _, c := range l.chars {
		s := float64(int(c.size*2+0.5)) / 2
		count[s]++
		if count[s] > bestN || count[s] == bestN && s > best {
			best, bestN = s, count[s]
		}
	}
	l.size = best
	l.x0, l.x1 = l.chars[0].x0, l.chars[0].x1
	l.top, l.bottom = l.chars[0].y1, l.chars[0].y0
	// The baseline of the characters of the line's size.
	for _, c := range l.chars {
		l.x0, l.x1 = min(l.x0, c.x0), max(l.x1, c.x1)
		l.top, l.bottom = max(l.top, c.y1), min(l.bottom, c.y0)
	}
	for _, c := range l.chars {
		if float64(int(c.size*2+0.5))/2 == best {
			l.base = c.base
			break
		}
	}
	for i := range l.chars {
		c := &l.chars[i]
		if c.size <= supSize*l.size && c.base-l.base >= supRaise*l.size {
			c.sup = true
		}
	}
	l.marks = l.marks[:0]
	for i := 0; i < len(l.chars); {
		if !l.chars[i].sup {
			i++
			continue
		}
		j := i
		var b strings.Builder
		for j < len(l.chars) && l.chars[j].sup {
			b.WriteRune(l.chars[j].r)
			j++
		}
		l.marks = append(l.marks, mark{text: strings.TrimSpace(b.String()), at: i, n: j - i})
		i = j
	}
}

// text is the line's text. Superscripts used as note marks are left out;
// others stay.
func (l *tline) text() string {
	skip := map[int]bool{}
	for _, m := range l.marks {
		if m.used {
			for k := m.at; k < m.at+m.n; k++ {
				skip[k] = true
			}
		}
	}
	return charsText(l.chars, skip)
}

// charsText writes characters left to right, with a space where the gap
// between two is wide enough (see spaceGap, wideSpace), a tab where it is a
// column's (colGap).
func charsText(cs []char, skip map[int]bool) string {
	var b strings.Builder
	var prev *char
	for i := range cs {
		if skip[i] {
			continue
		}
		c := &cs[i]
		if c.r == ' ' || c.r == '\u3000' || c.r == '\u00a0' {
			if b.Len() > 0 && !strings.HasSuffix(b.String(), " ") && !strings.HasSuffix(b.String(), "\t") {
				b.WriteByte(' ')
			}
			prev = c
			continue
		}
		if prev != nil && prev.r != ' ' {
			gap := c.x0 - prev.x1
			size := max(c.size, prev.size)
			switch {
			case gap >= colGap*size:
				// A tab stop's gap: a page number after a table of
				// contents entry, a signature's date.
				b.WriteByte('\t')
			case (cjk(prev.r) || cjk(c.r)) && gap >= wideSpace*size || !cjk(prev.r) && !cjk(c.r) && gap >= spaceGap*size:
				b.WriteByte(' ')
			}
		}
		b.WriteRune(c.r)
		prev = c
	}
	return strings.TrimSpace(b.String())
}

// cjk reports a character of Chinese text, punctuation included.
func cjk(r rune) bool {
	return unicode.Is(unicode.Han, r) || (r >= 0x3000 && r <= 0x303F) || (r >= 0xFF00 && r <= 0xFFEF) ||
		r == '“' || r == '”' || r == '‘' || r == '’' || r == '—' || r == '…' || r == '·'
}
