package indicator

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"planview/search"
)

// emptyValues are cells that state no value: a dash, a slash, 无.
var emptyValues = map[string]bool{"": true, "—": true, "——": true, "-": true, "--": true, "/": true, "无": true, "－": true, "–": true, "\\": true}

// isEmptyValue reports whether a cell's text states no value.
func isEmptyValue(s string) bool { return emptyValues[strings.TrimSpace(search.Fold(s))] }

// comparatorWords are the words and signs before a number that make a
// target a bound, longest first where one is a prefix of another; a target
// without one is an exact value (=). 达到 counts as ≥: 达到90% asks for 90%
// or more.
var comparatorWords = []struct{ word, cmp string }{
	{"≥", "≥"}, {">=", "≥"}, {"⩾", "≥"}, {">", ">"},
	{"≤", "≤"}, {"<=", "≤"}, {"⩽", "≤"}, {"<", "<"},
	{"不低于", "≥"}, {"不少于", "≥"}, {"不小于", "≥"}, {"超过", ">"}, {"高于", ">"}, {"大于", ">"}, {"多于", ">"},
	{"达到", "≥"}, {"增长到", "≥"}, {"增长至", "≥"}, {"增加至", "≥"}, {"提高到", "≥"}, {"提高至", "≥"}, {"提升到", "≥"}, {"提升至", "≥"}, {"增加到", "≥"}, {"增至", "≥"}, {"达", "≥"},
	{"不高于", "≤"}, {"不超过", "≤"}, {"不多于", "≤"}, {"低于", "<"}, {"控制在", "≤"}, {"保持在", "="}, {"稳定在", "="},
}

// suffixWords after a number change the comparator: 60%以上 is ≥60.
var suffixWords = []struct{ word, cmp string }{
	{"以上", "≥"}, {"及以上", "≥"}, {"以下", "≤"}, {"以内", "≤"}, {"左右", "="},
}

// unitWords are the units a number may carry, longest first. A unit may
// go on with /人/月 (元/人/月) or 、月 (元/人、月).
var unitWords = []string{
	"平方公里", "平方米", "万人次", "人次", "万人", "万元", "亿元", "万户", "万个", "万张",
	"%", "‰", "元", "人", "张", "个", "名", "所", "家", "处", "座", "户", "次", "项", "亩", "床", "岁", "站", "套", "辆", "支", "条", "倍", "件", "间", "m²", "㎡",
}

// Target is a parsed target: a comparator and a number with its unit.
type target struct {
	cmp   string
	value float64
	num   string // the number as written (decimal, no grouping)
	unit  string
	ok    bool // a number was found
}

// parseTarget reads one target as written in a table cell or after a verb
// in a sentence: "≥55", "＞30", "60%以上", "不低于50%", "0.16", "全覆盖".
// Text after the number that is neither a unit nor a suffix word is
// allowed only when short (a note such as （预计）), so a sentence that
// merely holds a number is not read as a target.
func parseTarget(s string) target {
	f := search.Fold(s)
	var t target
	if strings.HasPrefix(f, "全覆盖") || f == "实现全覆盖" || f == "全面覆盖" {
		return target{cmp: "=", value: 100, num: "100", unit: "%", ok: true}
	}
	for _, w := range comparatorWords {
		if strings.HasPrefix(f, w.word) {
			t.cmp = w.cmp
			f = f[len(w.word):]
			break
		}
	}
	num, rest := leadingNumber(f)
	if num == "" {
		return target{cmp: t.cmp}
	}
	v, err := strconv.ParseFloat(num, 64)
	if err != nil {
		return target{cmp: t.cmp}
	}
	if rangeOrRatio(rest) {
		// 30—40平方米, 1:10: no single number to hold a plan to.
		return target{cmp: t.cmp}
	}
	t.value, t.num, t.ok = v, num, true
	t.unit, rest = leadingUnit(rest)
	for _, w := range suffixWords {
		if strings.HasPrefix(rest, w.word) {
			if t.cmp == "" || t.cmp == "≥" {
				t.cmp = w.cmp
			}
			rest = rest[len(w.word):]
			break
		}
	}
	if t.cmp == "" {
		t.cmp = "="
	}
	return t
}

// rangeOrRatio reports whether rest, after a number, goes on to a second
// number as a range (30—40, 15至20) or a ratio (1:10).
func rangeOrRatio(rest string) bool {
	_, r := leadingUnit(rest)
	for _, sep := range []string{"—", "-", "~", "～", "至", "到", ":", "–"} {
		if strings.HasPrefix(r, sep) {
			n, _ := leadingNumber(r[len(sep):])
			return n != ""
		}
	}
	return false
}

// leadingNumber splits a folded string into its leading decimal number
// (thousands commas dropped) and the rest.
func leadingNumber(f string) (num, rest string) {
	i := 0
	var b []byte
	dot := false
	for i < len(f) {
		c := f[i]
		switch {
		case c >= '0' && c <= '9':
			b = append(b, c)
		case c == '.' && !dot && len(b) > 0 && i+1 < len(f) && f[i+1] >= '0' && f[i+1] <= '9':
			dot = true
			b = append(b, c)
		case c == ',' && len(b) > 0 && !dot && i+3 < len(f)+0 && isDigits(f[i+1:min(i+4, len(f))]) && (i+4 == len(f) || f[i+4] < '0' || f[i+4] > '9'):
			// 1,600: a thousands comma.
		default:
			return string(b), f[i:]
		}
		i++
	}
	return string(b), ""
}

func isDigits(s string) bool {
	if len(s) == 0 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// leadingUnit splits a unit (see unitWords) off the start of rest.
func leadingUnit(rest string) (unit, after string) {
	for _, u := range unitWords {
		if strings.HasPrefix(rest, u) {
			unit, rest = u, rest[len(u):]
			// 元/人/月, 元/人、月
			for len(rest) > 0 && (rest[0] == '/' || strings.HasPrefix(rest, "、")) {
				sep := 1
				if rest[0] != '/' {
					sep = len("、")
				}
				r, n := utf8.DecodeRuneInString(rest[sep:])
				if n == 0 || !strings.ContainsRune("人月年户次床日天", r) {
					break
				}
				unit += rest[:sep+n]
				rest = rest[sep+n:]
			}
			return unit, rest
		}
	}
	return "", rest
}

// conversions are the exact unit conversions: a value in the first unit
// times 10^exp is the value in the second.
var conversions = map[string]struct {
	to  string
	exp int
}{
	"万人": {"人", 4}, "万元": {"元", 4}, "亿元": {"元", 8}, "万人次": {"人次", 4},
	"万户": {"户", 4}, "万个": {"个", 4}, "万张": {"张", 4}, "‰": {"%", -1},
}

// normalise converts num (a decimal as written) in unit to the unit values
// are compared in, exactly: the decimal point is moved, not multiplied.
func normalise(num, unit string) (float64, string) {
	c, ok := conversions[unit]
	if !ok {
		v, _ := strconv.ParseFloat(num, 64)
		return v, unit
	}
	v, _ := strconv.ParseFloat(shiftDecimal(num, c.exp), 64)
	return v, c.to
}

// shiftDecimal multiplies a decimal string by 10^exp by moving its point.
func shiftDecimal(num string, exp int) string {
	intPart, frac, _ := strings.Cut(num, ".")
	digits := intPart + frac
	point := len(intPart) + exp
	for point > len(digits) {
		digits += "0"
	}
	for point < 1 {
		digits = "0" + digits
		point++
	}
	s := digits[:point]
	if point < len(digits) {
		s += "." + digits[point:]
	}
	return s
}

// formatNumber writes v without a trailing .0 and with no exponent.
func formatNumber(v float64) string {
	return strconv.FormatFloat(v, 'f', -1, 64)
}
