// Package cellnum is the project's one definition of a numeric table
// cell: render right-aligns what IsNumeric accepts, and the loader takes
// rows of such cells (and IsPlaceholder's) for a table's body.
package cellnum

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// IsNumeric reports whether a table cell's text is a number, which tables
// right-align; anything else is a label (or, see IsPlaceholder, says there
// is no value). The rule, in order:
//
//  1. Spaces around s do not count; an empty s is not a number.
//  2. One qualifier may lead: a comparison or a sign (≥ ≤ > < ＞ ＜ + - −
//     ± ~ ～) or 约 (about): ≥55, ＞30, 约30.
//  3. Then a number, which must be there: digits (ASCII or full width) with
//     decimal points and thousands separators between digits: 17.47, 1,234.
//  4. Optionally a range or ratio to a second number: 50-60, 30～40,
//     2021—2025, 1:3, 3/5.
//  5. Optionally one space, then a unit of at most unitMax characters, each
//     a measure character (measureChars), a percent or per-mille sign,
//     another symbol (℃ ㎡) or a slash, perhaps ending in 以上 or the like:
//     100%, 5亿元, 5.5 亿元, 5400元/年, 37张, 2025年, 20个以上.
//  6. Nothing else. So a digit after the unit (two numbers run together),
//     a Latin letter (12 items, 1a), punctuation (24、其他 and 1.新建 are
//     items of a numbered list) or a longer text (90%以上的社区实现全覆盖)
//     make a label, as does text before the number (第1项, 不低于30%).
func IsNumeric(s string) bool {
	if r, _ := utf8.DecodeRuneInString(s); !isDigit(r) && !unicode.IsSpace(r) && !strings.ContainsRune(numberLeads, r) {
		return false // most labels end here: no number can start them
	}
	s = strings.TrimSpace(s)
	if r, size := utf8.DecodeRuneInString(s); strings.ContainsRune(numberLeads, r) {
		s = s[size:]
	}
	n := number(s)
	if n == 0 {
		return false
	}
	s = s[n:]
	for _, sep := range []string{"-", "~", "～", "—", "–", "/", ":", "："} {
		if strings.HasPrefix(s, sep) {
			if m := number(s[len(sep):]); m > 0 {
				s = s[len(sep)+m:]
			}
			break
		}
	}
	if u, ok := strings.CutPrefix(s, " "); ok && u != "" {
		s = u
	}
	if utf8.RuneCountInString(s) > unitMax {
		return false
	}
	for _, q := range unitQualifiers {
		if u, ok := strings.CutSuffix(s, q); ok {
			s = u
			break
		}
	}
	for _, r := range s {
		if !isUnitRune(r) {
			return false
		}
	}
	return true
}

// measureChars are the Chinese characters a unit after a number is made
// of (rule 5 of IsNumeric): 年, 亿元, 个, 张 in the plans at hand, and the
// genre's other measures. Other characters make a label: 2025年目标值 is a
// heading, not 2025 of a unit 年目标值.
const measureChars = "年月日天时周个张元角分人户家所座处项次名位岁床间套栋条台辆份件册场批吨斤克亩顷米里公平方立千百万亿倍"

// unitQualifiers may end a unit: 20个以上.
var unitQualifiers = []string{"以上", "以下", "以内", "左右", "余", "多"}

// numberLeads are the qualifiers that may lead a number (rule 2 of
// IsNumeric).
const numberLeads = "≥≤><＞＜+-−±~～约"

// unitMax is the most characters a unit after a number may have (rule 5 of
// IsNumeric): 元/人/月 and 平方米/人 are five; a longer tail, as in
// 90%以上的社区, makes the cell a label.
const unitMax = 5

// isUnitRune reports whether r may be part of a unit after a number (rule 5
// of IsNumeric).
func isUnitRune(r rune) bool {
	switch r {
	case '%', '％', '‰', '‱', '°', '/', '／':
		return true
	}
	if unicode.Is(unicode.Han, r) {
		return strings.ContainsRune(measureChars, r)
	}
	return unicode.Is(unicode.So, r)
}

// IsPlaceholder reports whether a cell only says "no value": dashes, a
// slash, 无.
func IsPlaceholder(s string) bool {
	if r, _ := utf8.DecodeRuneInString(s); !unicode.IsSpace(r) && !strings.ContainsRune("无/／—–-―─－━", r) {
		return false
	}
	s = strings.TrimSpace(s)
	switch s {
	case "":
		return false
	case "无", "/", "／":
		return true
	}
	for _, r := range s {
		switch r {
		case '—', '–', '-', '―', '─', '－', '━':
		default:
			return false
		}
	}
	return true
}

// number returns the length of the number at the start of s, 0 if none.
func number(s string) int {
	i := 0
	digits := false
	for i < len(s) {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case isDigit(r):
			digits = true
		case (r == '.' || r == ',' || r == '．') && digits && i+n < len(s):
			if r2, _ := utf8.DecodeRuneInString(s[i+n:]); !isDigit(r2) {
				return i
			}
		default:
			if !digits {
				return 0
			}
			return i
		}
		i += n
	}
	if !digits {
		return 0
	}
	return i
}

func isDigit(r rune) bool { return r >= '0' && r <= '9' || r >= '０' && r <= '９' }
