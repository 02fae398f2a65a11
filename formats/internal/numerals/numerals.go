// Package numerals writes list and heading numbers the way a word
// processor or a browser draws them: 1, 一, 十一, （一） are made by the
// front ends from lvlText and list markers; this package makes the numeral
// itself, named by the WordprocessingML number format (ST_NumberFormat:
// decimal, chineseCounting …). The HTML front end maps CSS list-style types
// onto the same names.
package numerals

import (
	"strconv"
	"strings"
)

// Format returns n written in the number format fmt. An unknown format is
// decimal; "none" and "bullet" are empty (a bullet's glyph is lvlText's).
func Format(n int, fmt string) string {
	if n < 0 {
		return strconv.Itoa(n)
	}
	switch fmt {
	case "none", "bullet":
		return ""
	case "decimalZero":
		if n < 10 {
			return "0" + strconv.Itoa(n)
		}
		return strconv.Itoa(n)
	case "decimalFullWidth", "decimalFullWidth2":
		return mapDigits(strconv.Itoa(n), "０１２３４５６７８９")
	case "upperRoman":
		return roman(n)
	case "lowerRoman":
		return strings.ToLower(roman(n))
	case "upperLetter":
		return letters(n, 'A')
	case "lowerLetter":
		return letters(n, 'a')
	case "decimalEnclosedCircle", "decimalEnclosedCircleChinese":
		return enclosed(n, 20, '①', "")
	case "decimalEnclosedFullstop":
		return enclosed(n, 20, '⒈', ".")
	case "decimalEnclosedParen":
		return enclosed(n, 20, '⑴', "")
	case "ideographEnclosedCircle":
		if n >= 1 && n <= 10 {
			return string(rune('㊀' + n - 1))
		}
		return strconv.Itoa(n)
	case "chineseCounting", "taiwaneseCounting":
		// 十 grouped up to 99, digit by digit above (100 → 一〇〇).
		if n < 100 {
			return counting(n, lowerDigits, "十", "百", "千", "万")
		}
		return mapDigits(strconv.Itoa(n), "〇一二三四五六七八九")
	case "chineseCountingThousand", "japaneseCounting", "koreanCounting":
		return counting(n, lowerDigits, "十", "百", "千", "万")
	case "taiwaneseCountingThousand":
		return counting(n, lowerDigits, "十", "百", "千", "萬")
	case "chineseLegalSimplified":
		return counting(n, []string{"零", "壹", "贰", "叁", "肆", "伍", "陆", "柒", "捌", "玖"}, "拾", "佰", "仟", "万")
	case "ideographLegalTraditional":
		return counting(n, []string{"零", "壹", "貳", "參", "肆", "伍", "陸", "柒", "捌", "玖"}, "拾", "佰", "仟", "萬")
	case "japaneseLegal":
		return counting(n, []string{"零", "壱", "弐", "参", "四", "伍", "六", "七", "八", "九"}, "拾", "百", "千", "萬")
	case "ideographDigital", "taiwaneseDigital", "japaneseDigitalTenThousand":
		return mapDigits(strconv.Itoa(n), "〇一二三四五六七八九")
	case "ideographTraditional":
		return cyclic(n, "甲乙丙丁戊己庚辛壬癸")
	case "ideographZodiac":
		return cyclic(n, "子丑寅卯辰巳午未申酉戌亥")
	}
	return strconv.Itoa(n)
}

var lowerDigits = []string{"零", "一", "二", "三", "四", "五", "六", "七", "八", "九"}

// counting writes n in the grouped Chinese way: 十一, 二十, 一百零一,
// 一千二百. Numbers of ten thousand or more are written with the group
// unit (万) before their last four digits.
func counting(n int, digits []string, ten, hundred, thousand, myriad string) string {
	if n == 0 {
		return digits[0]
	}
	if n >= 10000 {
		hi, lo := n/10000, n%10000
		s := counting(hi, digits, ten, hundred, thousand, myriad) + myriad
		if lo == 0 {
			return s
		}
		if lo < 1000 {
			s += digits[0]
		}
		return s + under10000(lo, digits, ten, hundred, thousand, true)
	}
	return under10000(n, digits, ten, hundred, thousand, false)
}

// under10000 writes 1 ≤ n < 10000. inner marks a group after a higher one,
// where 10–19 keep their 一 (一万零一十).
func under10000(n int, digits []string, ten, hundred, thousand string, inner bool) string {
	units := []string{thousand, hundred, ten, ""}
	vals := []int{n / 1000, n / 100 % 10, n / 10 % 10, n % 10}
	var b strings.Builder
	zero := false
	started := false
	for i, v := range vals {
		if v == 0 {
			if started {
				zero = true
			}
			continue
		}
		if zero {
			b.WriteString(digits[0])
			zero = false
		}
		// 十一, not 一十一, when ten leads the number.
		if !(i == 2 && v == 1 && !started && !inner) {
			b.WriteString(digits[v])
		}
		b.WriteString(units[i])
		started = true
	}
	return b.String()
}

func mapDigits(s, digits string) string {
	ds := []rune(digits)
	var b strings.Builder
	for _, r := range s {
		if r >= '0' && r <= '9' {
			b.WriteRune(ds[r-'0'])
		} else {
			b.WriteRune(r)
		}
	}
	return b.String()
}

func roman(n int) string {
	if n <= 0 || n >= 4000 {
		return strconv.Itoa(n)
	}
	vals := []int{1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1}
	syms := []string{"M", "CM", "D", "CD", "C", "XC", "L", "XL", "X", "IX", "V", "IV", "I"}
	var b strings.Builder
	for i, v := range vals {
		for n >= v {
			b.WriteString(syms[i])
			n -= v
		}
	}
	return b.String()
}

// letters writes 1 → a, 26 → z, 27 → aa (Word repeats the letter).
func letters(n int, base rune) string {
	if n <= 0 {
		return strconv.Itoa(n)
	}
	k := (n-1)/26 + 1
	return strings.Repeat(string(base+rune((n-1)%26)), k)
}

func enclosed(n, most int, first rune, fallbackSuffix string) string {
	if n >= 1 && n <= most {
		return string(first + rune(n-1))
	}
	return strconv.Itoa(n) + fallbackSuffix
}

func cyclic(n int, set string) string {
	rs := []rune(set)
	if n <= 0 {
		return strconv.Itoa(n)
	}
	return string(rs[(n-1)%len(rs)])
}
