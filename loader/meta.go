package loader

// Plan title and region, found by the shape of the text, never by file name.
//
// Title, first rule that applies:
//  1. a line before the first heading, at most titleMaxRunes characters, with no
//     clause punctuation, that ends in 规划/規劃 (a trailing period such as
//     （2021—2025年） allowed): ××县民政事业发展“十四五”规划;
//  2. 《…规划》 in a line before the first heading that 印发 (issues) it —
//     the notice that publishes the plan — with spaces inside dropped;
//  3. none (the file starts mid-text): region + subject + period + 规划,
//     where the subject is the text's most frequent "XX事业发展" and the
//     period its most frequent “十X五”: ××侗族自治县民政事业发展“十四五”规划.
//
// Region: the place name that starts the title — the shortest run of two or
// more Chinese characters ending in 自治县/自治州/自治旗/县/市/州/区/旗/盟
// (traditional forms too), at most regionMaxRunes characters, with
// adjoining suffix characters kept (×州市).
// With no title, it is the text's most frequent two-character name plus
// suffix. A short form is expanded to the full form the text uses: a name
// with the same stem and the same suffix with 自治 before it (××县 →
// ××侗族自治县).

import (
	"strings"
	"unicode/utf8"

	"planview/internal/hanzi"
	"planview/loader/internal/bytescan"
)

func isRegionSuffix(r rune) bool {
	switch hanzi.Simplified(r) {
	case '县', '市', '州', '区', '旗', '盟':
		return true
	}
	return false
}

// titleFromLines finds the plan's own title among the front lines.
func titleFromLines(front []string) string {
	for _, l := range front {
		t := trimSpace(l)
		core := stripPeriod(t)
		if core == "" || bytescan.RuneLen(core) > titleMaxRunes || strings.ContainsAny(core, "。，；：:;,>《》") {
			continue
		}
		if hanzi.HasSuffix(core, "规划") {
			return core
		}
	}
	for _, l := range front {
		if !hanzi.Contains(l, "印发") {
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
			if hanzi.HasSuffix(name, "规划") {
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
		if n >= regionMaxRunes {
			return ""
		}
	}
	return ""
}

// subRegion returns the place name that follows region in title when the
// title names a county or district under a city or prefecture
// (××市××区…: ××区): a run of subRegionMinRunes to subRegionMaxRunes
// Chinese characters ending in a region suffix other than region's own. It returns "" when there is
// none.
func subRegion(title, region string) string {
	if region == "" {
		return ""
	}
	last, _ := utf8.DecodeLastRuneInString(region)
	rest := title[len(region):]
	i, n := 0, 0
	for i < len(rest) && n < subRegionMaxRunes {
		r, w := utf8.DecodeRuneInString(rest[i:])
		if !isHan(r) {
			return ""
		}
		i += w
		n++
		if isRegionSuffix(r) {
			if n < subRegionMinRunes || r == last {
				return ""
			}
			return rest[:i]
		}
	}
	return ""
}

// prefersSub reports whether the text speaks as the sub-region: it says
// 全区 (the whole district; 全县, 全市 … after sub's suffix) more often than
// it says so after region's suffix. A plan of a city that merely names a
// district, or whose title goes on with a word ending in a suffix, does
// not.
func prefersSub(region, sub string, each func(func(string))) bool {
	r1, _ := utf8.DecodeLastRuneInString(region)
	r2, _ := utf8.DecodeLastRuneInString(sub)
	w1, w2 := "全"+string(r1), "全"+string(r2)
	n1, n2 := 0, 0
	each(func(l string) {
		if strings.Contains(l, "全") {
			n1 += strings.Count(l, w1)
			n2 += strings.Count(l, w2)
		}
	})
	return n2 > n1
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

// countFullForms counts in text the full forms of a short region name: the
// same stem, up to fullFormMaxExtra more characters, then 自治 and the same suffix. It
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
	// Walk back over at most fullFormMaxExtra Chinese characters to the stem.
	j := at
	for n := 0; n <= fullFormMaxExtra && j > 0; n++ {
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
	for _, s := range "县市州区旗盟自事“规" {
		for _, r := range hanzi.Variants(s) {
			if b := []byte(string(r)); len(b) == 3 {
				t[int(b[1]&0x3F)<<6|int(b[2]&0x3F)] = true
			}
		}
	}
	return t
}()

// metaCounts is what one pass over a text without a titled region finds:
// the subjects and periods (as countSubjects and countPeriods count them),
// how it writes 规划 (plan: 规划 or 規劃), and where 自治 stands.
type metaCounts struct {
	subject, period, plan *counter
	autonomous            []lineAt
}

// lineAt is a position in a line.
type lineAt struct {
	line string
	at   int
}

// scan counts region names in text into c (as countRegions does) and fills
// m, in one pass over the characters. The text is valid UTF-8; the patterns
// are found by the bytes of their first character.
func (m *metaCounts) scan(text string, c *counter) {
	for i := 0; i+3 <= len(text); {
		// Three-byte characters none of the patterns starts with, two at
		// a time: most of the text.
		for i+6 <= len(text) {
			c := text[i : i+6]
			if c[0]&0xF0 != 0xE0 || c[3]&0xF0 != 0xE0 ||
				metaChars[int(c[1]&0x3F)<<6|int(c[2]&0x3F)] || metaChars[int(c[4]&0x3F)<<6|int(c[5]&0x3F)] {
				break
			}
			i += 6
		}
		if i+3 > len(text) {
			break
		}
		b0 := text[i]
		if b0 < 0xE0 || b0 >= 0xF0 { // not a three-byte character
			if b0 < 0x80 {
				i++
			} else if b0 < 0xE0 {
				i += 2
			} else {
				i += 4
			}
			continue
		}
		if !metaChars[int(text[i+1]&0x3F)<<6|int(text[i+2]&0x3F)] {
			i += 3
			continue
		}
		r, _ := utf8.DecodeRuneInString(text[i:])
		switch hanzi.Simplified(r) {
		case '县', '市', '州', '区', '旗', '盟':
			// The two characters before it (UTF-8 finds them backwards).
			p1, w1 := utf8.DecodeLastRuneInString(text[:i])
			p0, w0 := utf8.DecodeLastRuneInString(text[:i-w1])
			if w0 > 0 && w1 > 0 && isHan(p0) && isHan(p1) && !isRegionSuffix(p1) && !(p0 == '自' && p1 == '治') {
				c.add(text[i-w1-w0 : i+3])
			}
		case '自':
			if strings.HasPrefix(text[i+3:], "治") {
				m.autonomous = append(m.autonomous, lineAt{text, i})
			}
		case '事':
			if n := hanzi.Prefix(text[i:], "事业发展"); n > 0 {
				head := text[:i]
				a, wa := utf8.DecodeLastRuneInString(head)
				b, wb := utf8.DecodeLastRuneInString(head[:len(head)-wa])
				if isHan(a) && isHan(b) {
					m.subject.add(text[i-wa-wb : i+n])
				}
			}
		case '“':
			if s := text[i:]; strings.HasPrefix(s, "“十") {
				d, dw := utf8.DecodeRuneInString(s[len("“十"):])
				if _, ok := cnDigits[d]; ok && strings.HasPrefix(s[len("“十")+dw:], "五”") {
					m.period.add(s[:len("“十")+dw+len("五”")])
				}
			}
		case '规':
			if n := hanzi.Prefix(text[i+3:], "划"); n > 0 {
				m.plan.add(text[i : i+3+n]) // 规划 as the plan writes it
			}
		}
		i += 3
	}
}

// planMetaLines finds title and region in the text of lines.
func planMetaLines(front []string, lines []Line) (title, region string) {
	return planMetaEach(front, func(fn func(string)) {
		for _, l := range lines {
			fn(l.Text)
		}
	})
}

// planMeta finds title and region in text.
func planMeta(front []string, text string) (title, region string) {
	return planMetaEach(front, func(fn func(string)) {
		for _, l := range strings.Split(text, "\n") {
			fn(l)
		}
	})
}

// planMetaEach finds title and region; each calls its argument on every
// line of the text. One pass over the lines counts names, subjects and
// periods and finds 自治 (see metaCounts); it is needed only when the title
// names no region.
func planMetaEach(front []string, each func(func(string))) (title, region string) {
	title = titleFromLines(front)
	if title != "" {
		region = regionOf(title)
		if sub := subRegion(title, region); sub != "" && prefersSub(region, sub, each) {
			region = sub
		}
	}
	var subject, period, plan *counter
	if region == "" {
		// One pass counts names, subjects and periods and finds 自治.
		c := newCounter()
		m := metaCounts{subject: newCounter(), period: newCounter(), plan: newCounter()}
		each(func(l string) { m.scan(l, c) })
		subject, period, plan = m.subject, m.period, m.plan
		if c.n >= regionMinCount {
			region = c.best
		}
		if region != "" {
			fc := newCounter()
			for _, a := range m.autonomous {
				countFullFormAt(region, a.line, a.at, fc)
			}
			if fc.best != "" {
				region = fc.best
			}
		}
	} else {
		c := newCounter()
		each(func(l string) { countFullForms(region, l, c) })
		if c.best != "" {
			region = c.best
		}
	}
	if title == "" && region != "" {
		// 规划 as the plan writes it, when it never writes it in
		// Simplified.
		suffix := "规划"
		if plan != nil && plan.n > 0 && plan.count["规划"] == 0 {
			suffix = plan.best
		}
		title = region + subject.best + period.best + suffix
	}
	return title, region
}
