package loader

// The vocabulary the stages share: the Line they pass on, and every
// predicate and parser that more than one stage (or the rule table and a
// stage) uses. Each says in one line what it recognises, with a line of a
// real plan it takes. The stages call these, never each other's helpers
// (see the package doc); the thresholds they use are in limits.go.

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"planview/internal/cellnum"
	"planview/internal/hanzi"
	"planview/loader/internal/bytescan"
	"planview/model"
)

// Line is one cleaned source line with its 1-based number in the file:
// Text "第三节  存在的主要问题", or "\t专栏2\u00a0养老服务提升工程" with its
// indentation and tabs kept.
type Line struct {
	N    int
	Text string
	// Level is the heading level a Markdown mark gave the line ("## 总体
	// 要求" is 2; the mark is gone from Text), 0 for none. The format
	// front ends mark the headings their documents style as headings so
	// (docs/formats.md).
	Level uint8
}

// ---- padding ----

// isSpaceRune reports the indentation and padding characters of the genre:
// ' ', tab, U+3000 ("　　二、提升民政公共服务水平。…"), NBSP, en and em
// spaces, zero-width space and U+FEFF.
func isSpaceRune(r rune) bool {
	switch r {
	case ' ', '\t', '\u3000', '\u00a0', '\u2002', '\u2003', '\u200b', '\ufeff':
		return true
	}
	return false
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

// trimSpace trims padding on both sides: "\t专栏1：儿童福利机构提档升级建设工程"
// → "专栏1：儿童福利机构提档升级建设工程".
func trimSpace(s string) string {
	if s == "" || !spaceFirst[s[0]] && !spaceLast[s[len(s)-1]] {
		return s // fast path: neither end can be padding
	}
	return trimSpaceRight(trimSpaceLeft(s))
}

// trimSpaceLeft is strings.TrimLeftFunc(s, isSpaceRune) without a rune
// decode for the common ASCII bytes: "      ≥90" → "≥90".
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

// trimSpaceRight is strings.TrimRightFunc(s, isSpaceRune): "2021年11月　" →
// "2021年11月". The last rune of s is one of the padding characters exactly
// when s ends in its encoding (a decoder reading backwards starts at that
// encoding's lead).
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

// isBlankText reports a line of nothing but padding: "\t", "　　", " ".
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

// skipSpaces returns the offset after any padding at s[i:]: in "第三节  存在的
// 主要问题" from after 节, the offset of 存.
func skipSpaces(s string, i int) int {
	for i < len(s) {
		r, w := utf8.DecodeRuneInString(s[i:])
		if !isSpaceRune(r) {
			break
		}
		i += w
	}
	return i
}

// isHan reports a Chinese character: 民, 規.
func isHan(r rune) bool {
	return r >= 0x2e80 && unicode.Is(unicode.Han, r)
}

// ---- numbers ----

// cnDigits are the Chinese digits: 〇 and 零 to 九, and 两.
var cnDigits = map[rune]int{'〇': 0, '零': 0, '一': 1, '二': 2, '两': 2, '三': 3, '四': 4, '五': 5, '六': 6, '七': 7, '八': 8, '九': 9}

// cnNumber reads a Chinese numeral (up to 百) at the start of s: its value
// and byte length, 0, 0 when there is none: "十一章全力保障規劃順利實施" → 11.
func cnNumber(s string) (int, int) {
	total, cur, n := 0, -1, 0
	for n < len(s) {
		r, w := utf8.DecodeRuneInString(s[n:])
		if d, ok := cnDigits[r]; ok {
			cur = d
		} else if r == '十' {
			if cur < 0 {
				cur = 1
			}
			total += cur * 10
			cur = -1
		} else if r == '百' && cur > 0 {
			total += cur * 100
			cur = -1
		} else {
			break
		}
		n += w
	}
	if n == 0 {
		return 0, 0
	}
	if cur > 0 {
		total += cur
	}
	return total, n
}

// arabicNumber reads a heading number of ASCII or full-width digits (at
// most headingNumberMaxDigits) at the start of s: "4.加强社会组织服务能力建设。…"
// → 4; a longer number ("2016年") is none.
func arabicNumber(s string) (int, int) {
	v, n, k := 0, 0, 0
	for n < len(s) && k < headingNumberMaxDigits {
		r, w := utf8.DecodeRuneInString(s[n:])
		switch {
		case r >= '0' && r <= '9':
			v = v*10 + int(r-'0')
		case r >= '０' && r <= '９':
			v = v*10 + int(r-'０')
		default:
			return v, n
		}
		n += w
		k++
	}
	if n < len(s) {
		if r, _ := utf8.DecodeRuneInString(s[n:]); r >= '0' && r <= '9' {
			return 0, 0 // a longer number is no heading number
		}
	}
	return v, n
}

// headingMatch is a line's leading number.
type headingMatch struct {
	kind   model.HeadingKind
	number string // as written, trimmed
	value  int
	rest   string // the text after the number, trimmed
	restAt int    // byte offset of rest in the line
}

// parseNumber recognises a heading number at the start of trimmed line s,
// in every style of the genre: "第十一章全力保障規劃順利實施", "第三节  存在的主要问题",
// "（十二）优化区划地名管理与服务", "1.社會救助站點建設工程。…", "（1）完成198个行政
// 村的党员群众服务中心提档升级；"; not "2016年", "1.5亿元", "一是加强".
func parseNumber(s string) (headingMatch, bool) {
	var m headingMatch
	end := 0
	switch {
	case strings.HasPrefix(s, "第"):
		i := len("第")
		v, n := cnNumber(s[i:])
		if n == 0 {
			v, n = arabicNumber(s[i:])
		}
		if n == 0 {
			return m, false
		}
		i = skipSpaces(s, i+n)
		switch {
		case strings.HasPrefix(s[i:], "部分"):
			m.kind, end = model.KindPart, i+len("部分")
		case strings.HasPrefix(s[i:], "篇"):
			m.kind, end = model.KindPart, i+len("篇")
		case strings.HasPrefix(s[i:], "章"):
			m.kind, end = model.KindChapter, i+len("章")
		case hanzi.HasPrefix(s[i:], "节"):
			m.kind, end = model.KindSection, i+hanzi.Prefix(s[i:], "节")
		default:
			return m, false
		}
		m.value = v
	case strings.HasPrefix(s, "（") || strings.HasPrefix(s, "("):
		_, w := utf8.DecodeRuneInString(s)
		i := skipSpaces(s, w)
		v, n := cnNumber(s[i:])
		kind := model.KindCNParen
		if n == 0 {
			v, n = arabicNumber(s[i:])
			kind = model.KindArabicParen
		}
		if n == 0 {
			return m, false
		}
		i = skipSpaces(s, i+n)
		switch {
		case strings.HasPrefix(s[i:], "）"):
			end = i + len("）")
		case strings.HasPrefix(s[i:], ")"):
			end = i + 1
		default:
			return m, false
		}
		m.kind, m.value = kind, v
	default:
		if v, n := cnNumber(s); n > 0 {
			if !strings.HasPrefix(s[n:], "、") {
				return m, false
			}
			m.kind, m.value, end = model.KindCNEnum, v, n+len("、")
			break
		}
		v, n := arabicNumber(s)
		if n == 0 {
			return m, false
		}
		i := skipSpaces(s, n)
		r, w := utf8.DecodeRuneInString(s[i:])
		switch r {
		case '.', '．', '、':
		default:
			return m, false
		}
		end = i + w
		if r2, _ := utf8.DecodeRuneInString(s[end:]); r != '、' && (r2 >= '0' && r2 <= '9' || r2 == '．' || r2 == '.') {
			return m, false // 1.5亿元, 2.3.1
		}
		m.kind, m.value = model.KindArabicEnum, v
	}
	m.number = strings.Map(func(r rune) rune {
		if isSpaceRune(r) {
			return -1
		}
		return r
	}, s[:end])
	m.restAt = skipSpaces(s, end)
	m.rest = s[m.restAt:]
	return m, true
}

// circledNumber reports a line starting with an enclosed number (① ⑴ ⒈ ❶),
// which numbers list items, never headings, and returns its value. (No plan
// at hand numbers a list so; testdata/unseen/pian.txt is written that way.)
func circledNumber(s string) (int, bool) {
	r, _ := utf8.DecodeRuneInString(s)
	switch {
	case r >= '①' && r <= '⑳':
		return int(r-'①') + 1, true
	case r >= '⑴' && r <= '⒇':
		return int(r-'⑴') + 1, true
	case r >= '⒈' && r <= '⒛':
		return int(r-'⒈') + 1, true
	case r >= '❶' && r <= '❿':
		return int(r-'❶') + 1, true
	}
	return 0, false
}

// ---- kinds of line ----

// isTOCLine reports a table-of-contents entry that clean left (its 目录 line
// lost): text ending in a page number after a tab, leader dots or a wide
// space, "（二）基本原则\t12".
func isTOCLine(s string) bool {
	s = strings.TrimRight(s, " \t")
	i := len(s)
	for i > 0 && s[i-1] >= '0' && s[i-1] <= '9' {
		i--
	}
	if i == len(s) || i == 0 || len(s)-i > maxPageDigits {
		return false
	}
	head := s[:i]
	switch {
	case strings.HasSuffix(head, "\t"), strings.HasSuffix(head, "  "),
		strings.HasSuffix(head, ".."), strings.HasSuffix(head, "…"),
		strings.HasSuffix(head, "·"), strings.HasSuffix(head, "\u3000"):
		return true
	}
	return false
}

// isBoxStart reports the title line of a 专栏 box: "专栏1：儿童福利机构提档升级
// 建设工程", "專欄1 社會救助服務能力提升工程".
func isBoxStart(t string) bool {
	n := hanzi.Prefix(t, "专栏")
	if n < 0 {
		return false
	}
	rest := t[n:]
	rest = rest[skipSpaces(rest, 0):]
	if _, k := arabicNumber(rest); k > 0 {
		return true
	}
	_, k := cnNumber(rest)
	return k > 0
}

// isDashItem reports a "——" item, which always starts a paragraph:
// "——堅持黨的領導。將加強黨的領導貫穿發展各領域、全過程,…".
func isDashItem(s string) bool {
	if !strings.HasPrefix(s, "——") && !strings.HasPrefix(s, "--") {
		return false
	}
	return strings.Trim(s, "—- ") != ""
}

// endsSentence reports whether text ends a sentence (or might, as a number
// whose full stop a web export lost), so that the next line starts anew:
// "…提升服务水平。", "…覆盖率100%".
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

// hasClausePunct reports any clause punctuation in s: "到2025年，…".
func hasClausePunct(s string) bool {
	return strings.ContainsAny(s, "。，、；：,;:！？")
}

// isDateLine reports a line that is only a date, as under a notice or a
// signature, a line of its own: "2021年11月", "2021年11月8日", "二〇二一年九月".
func isDateLine(t string) bool {
	t = trimSpaceRight(t)
	if !strings.HasSuffix(t, "月") && !strings.HasSuffix(t, "日") || len(t) > dateLineMaxBytes {
		return false
	}
	t = trimSpaceLeft(t)
	y := strings.Index(t, "年")
	if y < 0 {
		return false
	}
	if n := bytescan.RuneLen(t[:y]); n != dateYearRunes || strings.Trim(t[:y], "0123456789〇零一二三四五六七八九") != "" {
		return false
	}
	rest := t[y+len("年"):]
	m := strings.Index(rest, "月")
	if m <= 0 || bytescan.RuneLen(rest[:m]) > dateMonthMaxRunes || strings.Trim(rest[:m], "0123456789一二三四五六七八九十") != "" {
		return false
	}
	d := rest[m+len("月"):]
	return d == "" || bytescan.RuneLen(d) <= dateDayMaxRunes && strings.HasSuffix(d, "日") && strings.Trim(strings.TrimSuffix(d, "日"), "0123456789一二三四五六七八九十") == "" && d != "日"
}

// isNumberedCaption reports a line that starts with a table's or figure's
// number: "表1 “十四五”社会救助主要指标", "附表2 …", "图3 …" — a caption, even
// where a document styles it as a heading ("### 表1 …" in a Markdown export).
func isNumberedCaption(s string) bool {
	for _, p := range []string{"附表", "表", "图"} {
		if n := hanzi.Prefix(s, p); n >= 0 {
			r, _ := utf8.DecodeRuneInString(strings.TrimLeft(s[n:], " "))
			return r >= '0' && r <= '9' || r >= '０' && r <= '９' || strings.ContainsRune("一二三四五六七八九十", r)
		}
	}
	return false
}

// isCaptionLike reports a line that names a table: "表1  “十三五”时期…主要指标
// 完成情况", "“十三五”时期主要指标完成进度表".
func isCaptionLike(s string) bool {
	if s == "" || bytescan.RuneLen(s) > captionMaxRunes {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(s)
	switch r {
	case '。', '；', '：', ';', ':', '，', ',':
		return false
	}
	if strings.HasPrefix(s, "表") || strings.HasPrefix(s, "附") {
		return true
	}
	for _, w := range []string{"表", "指标", "情况", "统计", "一览", "清单"} {
		if hanzi.Contains(s, w) {
			return true
		}
	}
	return false
}

// isUnitLine reports the line that gives a table's units, printed between
// its caption and the table: "单位：万元", "（单位：张、%）". (No plan at hand
// has one; testdata/unseen/units-html.txt is written with one.)
func isUnitLine(s string) bool {
	s = strings.TrimLeft(trimSpaceLeft(s), "（(")
	if !hanzi.HasPrefix(s, "单位") {
		return false
	}
	s = trimSpaceRight(s)
	for _, p := range []string{"单位：", "单位:"} {
		if n := hanzi.Prefix(s, p); n >= 0 && len(s) > n {
			return bytescan.RuneLen(s) <= unitLineMaxRunes
		}
	}
	return false
}

// isNoteLine reports a note printed under a table: "备注：根据《关于改革社会组织
// 管理制度…的意见》…", "注：…".
func isNoteLine(s string) bool {
	for _, p := range []string{"注：", "注:", "备注", "说明：", "注 "} {
		if hanzi.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

// isNumericCell reports a cell holding a number (with its unit) or a
// placeholder for none: "≥90", "35", "100%", "5亿元", "——". The project's
// one definition: internal/cellnum, by which render aligns cells.
func isNumericCell(s string) bool {
	return cellnum.IsNumeric(s) || cellnum.IsPlaceholder(s)
}

// normLabel normalises a caption or box title: padding trimmed and runs of
// spaces made one ("\t专栏2\u00a0养老服务提升工程" → "专栏2 养老服务提升工程").
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
