package loader

import (
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

// The reference counts, one pattern at a time: metaCounts.scan must count
// exactly what they count, in one pass.

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

// metaCounts.scan counts, line by line, what the reference functions count.
func TestMetaScanMatchesReference(t *testing.T) {
	var lines []string
	for _, text := range seedTexts(t) {
		lines = append(lines, strings.Split(text, "\n")...)
	}
	lines = append(lines, "通道县通道侗族自治县", "自治县市区", "“十四五”“十三五”“十五”", "市", "a县", "規劃规划", "民政事业发展事業發展", "吉首市市区")
	wantR, wantS, wantP := newCounter(), newCounter(), newCounter()
	gotR := newCounter()
	m := metaCounts{subject: newCounter(), period: newCounter(), plan: newCounter()}
	wantPlan := newCounter()
	var auto []lineAt
	for _, l := range lines {
		countRegions(l, wantR)
		countSubjects(l, wantS)
		countPeriods(l, wantP)
		for _, w := range []string{"规划", "規劃"} {
			for range strings.Count(l, w) {
				wantPlan.add(w)
			}
		}
		for off := 0; ; {
			i := strings.Index(l[off:], "自治")
			if i < 0 {
				break
			}
			auto = append(auto, lineAt{l, off + i})
			off += i + len("自治")
		}
		m.scan(l, gotR)
	}
	for _, c := range []struct {
		name      string
		got, want *counter
	}{{"regions", gotR, wantR}, {"subjects", m.subject, wantS}, {"periods", m.period, wantP}, {"规划", m.plan, wantPlan}} {
		if !reflect.DeepEqual(c.got.count, c.want.count) || c.got.best != c.want.best {
			t.Errorf("%s: got %v best %q, want %v best %q", c.name, c.got.count, c.got.best, c.want.count, c.want.best)
		}
	}
	if len(wantR.count) == 0 || len(wantS.count) == 0 || len(wantP.count) == 0 {
		t.Error("the reference counted nothing: the test proves nothing")
	}
	if !reflect.DeepEqual(m.autonomous, auto) {
		t.Errorf("自治 at %v (want %v)", len(m.autonomous), len(auto))
	}
	for _, s := range []string{"自治", "ab自治", "自", "自自治治", "治自治", ""} {
		if got, want := indexByByte(s, "自治", 2), strings.Index(s, "自治"); got != want {
			t.Errorf("indexByByte(%q) = %d, want %d", s, got, want)
		}
	}
}
