package loader

import (
	"math/rand"
	"strings"
	"testing"
)

// The byte-level trims must agree with strings.TrimFunc(isSpaceRune),
// including on invalid UTF-8.
func TestTrimSpaceMatchesTrimFunc(t *testing.T) {
	parts := []string{" ", "\t", "\u3000", "\u00a0", "\u2002", "\u2003", "\u200b", "\ufeff",
		"a", "年", "。", "\x80", "\xe3", "\xe3\x80", "\xc2", "\xa0", "\xbb\xbf", "\u3001"}
	rng := rand.New(rand.NewSource(1))
	for k := 0; k < 20000; k++ {
		var b strings.Builder
		for n := rng.Intn(6); n > 0; n-- {
			b.WriteString(parts[rng.Intn(len(parts))])
		}
		s := b.String()
		if got, want := trimSpace(s), strings.TrimFunc(s, isSpaceRune); got != want {
			t.Fatalf("trimSpace(%q) = %q, want %q", s, got, want)
		}
		if got, want := isBlankText(s), strings.TrimFunc(s, isSpaceRune) == ""; got != want {
			t.Fatalf("isBlankText(%q) = %v, want %v", s, got, want)
		}
	}
}
