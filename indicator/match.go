package indicator

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"planview/search"
)

// Key returns the matching key of an indicator name: folded with
// search.Fold (Traditional → Simplified, full width → ASCII, spaces
// dropped), then without a leading 其中：/其中, without bracketed parts
// (units such as (%) or (万人), and qualifiers such as (街道)), and without
// punctuation. Two names with one key are one indicator.
func Key(name string) string {
	s := search.Fold(name)
	for _, p := range keyPrefixes {
		s = strings.TrimPrefix(s, p)
	}
	var b, inner strings.Builder // inner: the text of the open bracket
	depth := 0
	keep := func(w *strings.Builder, r rune) {
		if !unicode.IsPunct(r) && !unicode.IsSymbol(r) && !unicode.IsSpace(r) {
			w.WriteRune(r)
		}
	}
	for _, r := range s {
		switch {
		case r == '(' || r == '[' || r == '【' || r == '〔':
			depth++
		case r == ')' || r == ']' || r == '】' || r == '〕':
			if depth > 0 {
				depth--
				if depth == 0 {
					inner.Reset()
				}
			}
		case depth > 0:
			keep(&inner, r)
		default:
			keep(&b, r)
		}
	}
	// A bracket never closed (［位占比) holds words of the name, not a
	// unit: keep them.
	b.WriteString(inner.String())
	return b.String()
}

// keyPrefixes are dropped from the start of a folded name: a sub-row's
// 其中： (其中：护理型床位比例 is the indicator 护理型床位比例).
var keyPrefixes = []string{"其中:", "其中", "含:"}

// Similar-name rule: a row is offered as similar to another when the
// shorter key, with measure words made alike (similarWords), is a
// subsequence of the longer and covers at least minSimilarShare of it.
// 社会工作人才总量 is 8/10 of 社会工作专业人才总量; 护理型床位占比 (from
// 护理型床位比例) is 7/11 of 养老机构护理型床位占比. 困难残疾人生活补贴覆盖率
// and 重度残疾人护理补贴覆盖率 are no subsequence of each other.
const (
	minSimilarShare = 0.6
	// minSimilarRunes keeps tiny keys (床位, 社区) out of every group.
	minSimilarRunes = 4
)

// similarWords are measure words written several ways for one measure.
var similarWords = strings.NewReplacer("比例", "占比", "比率", "占比", "比重", "占比", "床位数", "床位")

// Bounds on the pairwise similar-name check, which compares every two
// rows: a matrix of 50,000 made-up rows (养老指标第1项 … 第50000项, a hostile
// input) took 20 s and offered every row as similar to thousands. The
// 1,000 generated plans make a matrix of far fewer rows.
const (
	// maxSimilarPairs is the most pairs compared (about a second); rows
	// past it get no similar names.
	maxSimilarPairs = 50_000_000
	// maxSimilar is the most similar rows a row lists: past a handful a
	// name is a pattern, not a variant.
	maxSimilar = 16
)

func (m *Matrix) linkSimilar() {
	keys := make([][]rune, len(m.Rows))
	sigs := make([]uint64, len(m.Rows))
	for i, r := range m.Rows {
		keys[i] = []rune(similarWords.Replace(r.Key))
		for _, c := range keys[i] {
			sigs[i] |= 1 << (uint32(c) % 64)
		}
	}
	// Rows sharing a key (other years) are similar too: the 十三五 row of
	// an indicator next to its 十四五 row.
	pairs := 0
	for i := range m.Rows {
		for j := i + 1; j < len(m.Rows); j++ {
			if pairs++; pairs > maxSimilarPairs {
				return
			}
			// A subsequence's runes are all in the longer key: a cheap
			// test on the runes' 64-bit signatures first.
			if a, b := sigs[i], sigs[j]; a&^b != 0 && b&^a != 0 {
				continue
			}
			if len(m.Rows[i].Similar) < maxSimilar && len(m.Rows[j].Similar) < maxSimilar && similarKeys(keys[i], keys[j]) {
				m.Rows[i].Similar = append(m.Rows[i].Similar, j)
				m.Rows[j].Similar = append(m.Rows[j].Similar, i)
			}
		}
	}
}

func similarKeys(a, b []rune) bool {
	if len(a) > len(b) {
		a, b = b, a
	}
	if len(a) < minSimilarRunes || float64(len(a)) < minSimilarShare*float64(len(b)) {
		return false
	}
	i := 0
	for _, r := range b {
		if i < len(a) && a[i] == r {
			i++
		}
	}
	return i == len(a)
}

// runeLen is the number of runes in s.
func runeLen(s string) int { return utf8.RuneCountInString(s) }
