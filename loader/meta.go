package loader

// Plan title and region, found by the shape of the text, never by file name.
//
// Title, first rule that applies:
//  1. a line before the first heading, at most 40 characters, with no
//     clause punctuation, that ends in 规划/規劃 (a trailing period such as
//     （2021—2025年） allowed): 疏勒县民政事业发展“十四五”规划;
//  2. 《…规划》 in a line before the first heading that 印发 (issues) it —
//     the notice that publishes the plan — with spaces inside dropped;
//  3. none (the file starts mid-text): region + subject + period + 规划,
//     where the subject is the text's most frequent "XX事业发展" and the
//     period its most frequent “十X五”: 通道侗族自治县民政事业发展“十四五”规划.
//
// Region: the place name that starts the title — the shortest run of two or
// more Chinese characters ending in 自治县/自治州/自治旗/县/市/州/区/旗/盟
// (traditional forms too), with adjoining suffix characters kept (广州市).
// With no title, it is the text's most frequent two-character name plus
// suffix. A short form is expanded to the full form the text uses: a name
// with the same stem and the same suffix with 自治 before it (通道县 →
// 通道侗族自治县).

import (
	"strings"
	"sync"
	"unicode/utf8"
	"unsafe"
)

func isRegionSuffix(r rune) bool {
	switch r {
	case '县', '縣', '市', '州', '区', '區', '旗', '盟':
		return true
	}
	return false
}

// titleFromLines finds the plan's own title among the front lines.
func titleFromLines(front []string) string {
	for _, l := range front {
		t := trimSpace(l)
		core := stripPeriod(t)
		if core == "" || runeLen(core) > 40 || strings.ContainsAny(core, "。，；：:;,>《》") {
			continue
		}
		if strings.HasSuffix(core, "规划") || strings.HasSuffix(core, "規劃") {
			return core
		}
	}
	for _, l := range front {
		if !strings.Contains(l, "印发") && !strings.Contains(l, "印發") {
			continue
		}
		for rest := l; ; {
			a := strings.Index(rest, "《")
			if a < 0 {
				break
			}
			b := strings.Index(rest[a:], "》")
			if b < 0 {
				break
			}
			name := rest[a+len("《") : a+b]
			if strings.HasSuffix(name, "规划") || strings.HasSuffix(name, "規劃") {
				return strings.Map(func(r rune) rune {
					if isSpaceRune(r) {
						return -1
					}
					return r
				}, name)
			}
			rest = rest[a+b:]
		}
	}
	return ""
}

// stripPeriod drops a trailing parenthesised year range.
func stripPeriod(t string) string {
	for _, open := range []string{"（", "("} {
		if i := strings.LastIndex(t, open); i > 0 {
			tail := t[i:]
			if (strings.HasSuffix(tail, "）") || strings.HasSuffix(tail, ")")) && strings.ContainsAny(tail, "0123456789") {
				return trimSpace(t[:i])
			}
		}
	}
	return t
}

// regionOf returns the place name that starts title.
func regionOf(title string) string {
	i, n := 0, 0
	for i < len(title) {
		r, w := utf8.DecodeRuneInString(title[i:])
		if !isHan(r) {
			return ""
		}
		i += w
		n++
		if n >= 2 && isRegionSuffix(r) {
			for i < len(title) {
				r2, w2 := utf8.DecodeRuneInString(title[i:])
				if !isRegionSuffix(r2) {
					break
				}
				i += w2
			}
			return title[:i]
		}
		if n > 10 {
			return ""
		}
	}
	return ""
}

// counter finds the most frequent string; ties go to the shorter, then the
// smaller.
type counter struct {
	count map[string]int
	best  string
	n     int
}

func newCounter() *counter { return &counter{count: map[string]int{}} }

func (c *counter) add(s string) {
	c.count[s]++
	k := c.count[s]
	if k > c.n || (k == c.n && (len(s) < len(c.best) || len(s) == len(c.best) && s < c.best)) {
		c.best, c.n = s, k
	}
}

// countRegions counts two-character names plus suffix in text.
func countRegions(text string, c *counter) {
	var prev [3]rune
	var prevOff [3]int
	for i := 0; i < len(text); {
		// The region suffixes are three-byte characters: ASCII and the
		// characters before a suffix are only remembered.
		r, w := rune(text[i]), 1
		if r >= utf8.RuneSelf {
			if r&0xF0 == 0xE0 && i+2 < len(text) {
				r, w = (r&0x0F)<<12|rune(text[i+1]&0x3F)<<6|rune(text[i+2]&0x3F), 3
			} else {
				r, w = utf8.DecodeRuneInString(text[i:])
			}
		}
		prev[0], prev[1], prev[2] = prev[1], prev[2], r
		prevOff[0], prevOff[1], prevOff[2] = prevOff[1], prevOff[2], i
		i += w
		if !isRegionSuffix(r) || !isHan(prev[0]) || !isHan(prev[1]) || isRegionSuffix(prev[1]) {
			continue
		}
		if prev[0] == '自' && prev[1] == '治' {
			continue
		}
		c.add(text[prevOff[0]:i])
	}
}

// countFullForms counts in text the full forms of a short region name: the
// same stem, up to eight more characters, then 自治 and the same suffix. It
// looks for the rare 自治 and checks what stands before it.
func countFullForms(region, text string, c *counter) {
	for off := 0; ; {
		i := indexByByte(text[off:], "自治", 2)
		if i < 0 {
			return
		}
		at := off + i
		off = at + len("自治")
		countFullFormAt(region, text, at, c)
	}
}

// indexByByte is strings.Index for a needle whose byte k is rarer in s than
// its first: it looks for that byte with IndexByte and checks the needle
// around it. For Chinese needles in Chinese text a continuation byte is
// far rarer than a lead byte, which strings.Index looks for.
func indexByByte(s, needle string, k int) int {
	for off := 0; off+len(needle) <= len(s); {
		j := strings.IndexByte(s[off+k:], needle[k])
		if j < 0 {
			return -1
		}
		at := off + j
		if strings.HasPrefix(s[at:], needle) {
			return at
		}
		off = at + 1
	}
	return -1
}

// countFullFormAt is countFullForms for the 自治 at text[at:].
func countFullFormAt(region, text string, at int, c *counter) {
	last, w := utf8.DecodeLastRuneInString(region)
	if w == 0 || strings.Contains(region, "自治") {
		return
	}
	stem := region[:len(region)-w]
	off := at + len("自治")
	if !strings.HasPrefix(text[off:], string(last)) {
		return
	}
	// Walk back over at most eight Chinese characters to the stem.
	j := at
	for n := 0; n <= 8 && j > 0; n++ {
		if strings.HasSuffix(text[:j], stem) {
			c.add(text[j-len(stem) : off+w])
			return
		}
		r, rw := utf8.DecodeLastRuneInString(text[:j])
		if !isHan(r) {
			return
		}
		j -= rw
	}
}

// metaChars marks, by the low six bits of their second and third bytes, the
// three-byte characters metaCounts.scan looks at: a cheap filter before the
// exact comparison.
var metaChars = func() (t [4096]bool) {
	for _, r := range "县縣市州区區旗盟自事“规規" {
		b := []byte(string(r))
		t[int(b[1]&0x3F)<<6|int(b[2]&0x3F)] = true
	}
	return t
}()

// metaCounts is what one pass over a text without a titled region finds:
// the subjects and periods (as countSubjects and countPeriods count them),
// whether it writes 規劃 and 规划, and where 自治 stands.
type metaCounts struct {
	subject, period *counter
	trad, simp      bool
	autonomous      []int
}

// scan counts region names in text into c (as countRegions does) and fills
// m, in one pass over the characters. The text is valid UTF-8; the patterns
// are found by the bytes of their first character.
func (m *metaCounts) scan(text string, c *counter) {
	m.subject, m.period = newCounter(), newCounter()
	var prevOff [3]int // offsets of the last three characters
	var prevW [3]int   // their widths (0: none)
	for i := 0; i < len(text); {
		b0 := text[i]
		w := 1
		switch {
		case b0 < 0x80:
		case b0 < 0xE0:
			w = 2
		case b0 < 0xF0:
			w = 3
		default:
			w = 4
		}
		if i+w > len(text) {
			w = len(text) - i
		}
		prevOff[0], prevOff[1], prevOff[2] = prevOff[1], prevOff[2], i
		prevW[0], prevW[1], prevW[2] = prevW[1], prevW[2], w
		if w == 3 && metaChars[int(text[i+1]&0x3F)<<6|int(text[i+2]&0x3F)] {
			switch text[i : i+3] {
			case "县", "縣", "市", "州", "区", "區", "旗", "盟":
				if prevW[0] > 0 && prevW[1] > 0 {
					p0, _ := utf8.DecodeRuneInString(text[prevOff[0]:])
					p1, _ := utf8.DecodeRuneInString(text[prevOff[1]:])
					if isHan(p0) && isHan(p1) && !isRegionSuffix(p1) && !(p0 == '自' && p1 == '治') {
						c.add(text[prevOff[0] : i+3])
					}
				}
			case "自":
				if strings.HasPrefix(text[i+3:], "治") {
					m.autonomous = append(m.autonomous, i)
				}
			case "事":
				if strings.HasPrefix(text[i:], "事业发展") || strings.HasPrefix(text[i:], "事業發展") {
					head := text[:i]
					a, wa := utf8.DecodeLastRuneInString(head)
					b, wb := utf8.DecodeLastRuneInString(head[:len(head)-wa])
					if isHan(a) && isHan(b) {
						m.subject.add(text[i-wa-wb : i+len("事业发展")])
					}
				}
			case "“":
				if s := text[i:]; strings.HasPrefix(s, "“十") {
					d, dw := utf8.DecodeRuneInString(s[len("“十"):])
					if _, ok := cnDigits[d]; ok && strings.HasPrefix(s[len("“十")+dw:], "五”") {
						m.period.add(s[:len("“十")+dw+len("五”")])
					}
				}
			case "规":
				m.simp = m.simp || strings.HasPrefix(text[i+3:], "划")
			case "規":
				m.trad = m.trad || strings.HasPrefix(text[i+3:], "劃")
			}
		}
		i += w
	}
}

// countSubjects counts "XX事业发展" phrases in text.
func countSubjects(text string, c *counter) {
	for _, key := range []string{"事业发展", "事業發展"} {
		for off := 0; ; {
			i := strings.Index(text[off:], key)
			if i < 0 {
				break
			}
			at := off + i
			head := text[:at]
			a, wa := utf8.DecodeLastRuneInString(head)
			b, wb := utf8.DecodeLastRuneInString(head[:len(head)-wa])
			if isHan(a) && isHan(b) {
				c.add(text[at-wa-wb : at+len(key)])
			}
			off = at + len(key)
		}
	}
}

// countPeriods counts “十X五” in text.
func countPeriods(text string, c *counter) {
	for off := 0; ; {
		i := strings.Index(text[off:], "“十")
		if i < 0 {
			return
		}
		at := off + i
		s := text[at:]
		d, w := utf8.DecodeRuneInString(s[len("“十"):])
		if _, ok := cnDigits[d]; ok && strings.HasPrefix(s[len("“十")+w:], "五”") {
			c.add(s[:len("“十")+w+len("五”")])
		}
		off = at + len("“十")
	}
}

// joinPool holds the buffers planMetaLines joins lines in.
var joinPool sync.Pool

// planMetaLines finds title and region in the text of lines.
func planMetaLines(front []string, lines []Line) (title, region string) {
	n := 0
	for _, l := range lines {
		n += len(l.Text) + 1
	}
	bp, _ := joinPool.Get().(*[]byte)
	if bp == nil || cap(*bp) < n {
		bp = new([]byte)
		*bp = make([]byte, 0, n)
	}
	b := (*bp)[:0]
	for _, l := range lines {
		b = append(b, l.Text...)
		b = append(b, '\n')
	}
	// Nothing of b is kept: the region found in it is cloned and the title
	// is built anew or comes from front. So b goes back to the pool.
	title, region = planMeta(front, unsafe.String(unsafe.SliceData(b), len(b)))
	region = strings.Clone(region)
	*bp = b[:0]
	joinPool.Put(bp)
	return title, region
}

// planMeta finds title and region in text. The counts run over the whole
// text at once: none of what they count spans a line end (a name, a
// "XX事业发展" or a “十X五” is made of Chinese characters and quotes, and
// LF is neither), so they give what they would line by line, with one
// vectorised search per pattern instead of one per line.
func planMeta(front []string, text string) (title, region string) {
	title = titleFromLines(front)
	if title != "" {
		region = regionOf(title)
	}
	var subject, period *counter
	var trad, simp bool
	if region == "" {
		// One pass counts names, subjects and periods and finds 自治.
		c := newCounter()
		var m metaCounts
		m.scan(text, c)
		subject, period, trad, simp = m.subject, m.period, m.trad, m.simp
		if c.n >= 3 {
			region = c.best
		}
		if region != "" {
			fc := newCounter()
			for _, at := range m.autonomous {
				countFullFormAt(region, text, at, fc)
			}
			if fc.best != "" {
				region = fc.best
			}
		}
	} else {
		c := newCounter()
		countFullForms(region, text, c)
		if c.best != "" {
			region = c.best
		}
	}
	if title == "" && region != "" {
		suffix := "规划"
		if trad && !simp {
			suffix = "規劃"
		}
		title = region + subject.best + period.best + suffix
	}
	return title, region
}
