// Package hanzi holds the project's one Traditional→Simplified character
// table (OpenCC's, ts_table.go) and keyword matching through it, so that
// the genre's keywords are written once, in Simplified, and match a plan
// in either script. The search fold (search/fold.go) folds with the same
// table; the loader matches its keywords with Prefix, HasSuffix and
// Contains.
package hanzi

//go:generate go run ./internal/gents -dict /usr/share/opencc/TSCharacters.ocd2 -o ts_table.go

import (
	"slices"
	"strings"
	"unicode/utf8"
)

// Simplified is r in Simplified characters: its entry in the table, or r.
func Simplified(r rune) rune {
	if r < 0x3400 {
		return r // the table starts at CJK Extension A
	}
	if i, ok := slices.BinarySearchFunc(Pairs[:], r, func(p [2]rune, r rune) int { return int(p[0] - r) }); ok {
		return Pairs[i][1]
	}
	return r
}

// Prefix is the length in bytes of the start of s that reads as word
// (written in Simplified) in either script, or -1: Prefix("專欄1", "专栏")
// is 6.
func Prefix(s, word string) int {
	i := 0
	for _, w := range word {
		r, n := utf8.DecodeRuneInString(s[i:])
		if n == 0 || Simplified(r) != w {
			return -1
		}
		i += n
	}
	return i
}

// HasPrefix tells whether s starts with word in either script.
func HasPrefix(s, word string) bool { return Prefix(s, word) >= 0 }

// HasSuffix tells whether s ends with word in either script.
func HasSuffix(s, word string) bool {
	i := len(s)
	for j := len(word); j > 0; {
		w, wn := utf8.DecodeLastRuneInString(word[:j])
		r, n := utf8.DecodeLastRuneInString(s[:i])
		if n == 0 || Simplified(r) != w {
			return false
		}
		i, j = i-n, j-wn
	}
	return true
}

// Index is the byte offset in s of the first place word reads in either
// script, or -1.
func Index(s, word string) int {
	if word == "" {
		return 0
	}
	first, _ := utf8.DecodeRuneInString(word)
	for i, r := range s {
		if Simplified(r) == first && Prefix(s[i:], word) >= 0 {
			return i
		}
	}
	return -1
}

// Contains tells whether word reads somewhere in s, in either script.
func Contains(s, word string) bool { return Index(s, word) >= 0 }

// String is s with every character in Simplified.
func String(s string) string {
	for _, r := range s {
		if Simplified(r) != r {
			return strings.Map(Simplified, s)
		}
	}
	return s
}

// Variants are r and every character the table makes r: 县 → 县, 縣.
func Variants(r rune) []rune {
	out := []rune{r}
	for _, p := range Pairs {
		if p[1] == r {
			out = append(out, p[0])
		}
	}
	return out
}

// maxSpellings bounds the spellings Spellings makes of one word: each
// character of the genre's keywords has one or two forms (覆盖: 覆盖,
// 覆蓋), so a handful covers them; a word of many many-form characters
// would otherwise multiply.
const maxSpellings = 16

// Spellings are the ways word (written in Simplified) can be written in
// either script: 覆盖 → 覆盖, 覆蓋. Where a fast plain-string test is
// wanted (a prefilter over every sentence), a keyword list is expanded
// once with it rather than written twice by hand.
func Spellings(word string) []string {
	out := []string{""}
	for _, r := range word {
		vs := Variants(r)
		next := make([]string, 0, len(out)*len(vs))
		for _, s := range out {
			for _, v := range vs {
				if len(next) < maxSpellings {
					next = append(next, s+string(v))
				}
			}
		}
		out = next
	}
	return out
}

// AllSpellings is Spellings of each word, in order.
func AllSpellings(words ...string) []string {
	var out []string
	for _, w := range words {
		out = append(out, Spellings(w)...)
	}
	return out
}
