package indicator

import (
	"slices"
	"strings"

	"planview/model"
	"planview/search"
)

// mayHold is a quick test of text as written for a folded query: false
// when the text cannot hold it, because for some rune of the query it
// holds no rune that folds to it (护 or 護). It lets compare QUERY read
// only the blocks, sentences and table rows that may name the query.
type mayHold func(text string) bool

// constructedWords are what extraction adds to a name a sentence does not
// write in full (全覆盖 → …覆盖率; A达到B的60% → A占B比例): a query holding
// them must read every sentence.
var constructedWords = []string{"覆盖", "比例", "占"}

// newMayHold makes the test for query; nil (read everything) when the
// query is empty or names constructed words.
func newMayHold(query string) mayHold {
	q := search.Fold(query)
	if q == "" {
		return nil
	}
	for _, w := range constructedWords {
		if strings.Contains(q, w) {
			return nil
		}
	}
	var sets [][]string
	seen := map[rune]bool{}
	for _, r := range q {
		if seen[r] || r < 0x80 {
			// ASCII folds from full-width forms too; the CJK runes
			// carry the test.
			continue
		}
		seen[r] = true
		var set []string
		for _, p := range search.Preimages(r) {
			set = append(set, string(p))
		}
		if len(set) > 0 {
			sets = append(sets, set)
		}
	}
	if len(sets) == 0 {
		return nil
	}
	// Runes written one way in both scripts first: one search each.
	slices.SortStableFunc(sets, func(a, b []string) int { return len(a) - len(b) })
	return func(text string) bool {
		for _, set := range sets {
			found := false
			for _, s := range set {
				if containsByLast(text, s) {
					found = true
					break
				}
			}
			if !found {
				return false
			}
		}
		return true
	}
}

// ExtractMatching extracts from every plan the indicators whose names may
// hold query (folded as search folds it), reading only the blocks,
// sentences and table rows that may: much less than ExtractAll on a big
// folder. The caller still filters the rows (Matrix.Filter); an empty
// query extracts everything.
func ExtractMatching(plans []*model.Plan, query string) [][]Indicator {
	may := newMayHold(query)
	if may == nil {
		return ExtractAll(plans)
	}
	return runAll(plans, func(p *model.Plan) []Indicator {
		x := newExtractor(p)
		x.may = may
		x.run()
		return x.out
	})
}

// containsByLast is strings.Contains for a short needle, looking for the
// needle's last byte first. The needles here are CJK characters: their
// first byte (E5, E6 …) starts a large share of all characters, which
// stops strings.Contains at every other character, while their last byte
// is one of 64 continuation bytes. TestContainsByLast holds it to
// strings.Contains.
func containsByLast(s, needle string) bool {
	n := len(needle)
	if n == 0 {
		return true
	}
	last := needle[n-1]
	for i := n - 1; i < len(s); i++ {
		j := strings.IndexByte(s[i:], last)
		if j < 0 {
			return false
		}
		i += j
		if s[i-n+1:i+1] == needle {
			return true
		}
	}
	return false
}
