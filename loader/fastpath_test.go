package loader

import (
	"math/rand"
	"strings"
	"testing"
	"unicode/utf8"
)

// randomText joins up to n random parts: the byte-level fast paths must
// agree with plain rune-by-rune code wherever a special byte falls,
// including across the words they read at once.
func randomText(rng *rand.Rand, parts []string, n int) string {
	var b strings.Builder
	for k := rng.Intn(n + 1); k > 0; k-- {
		b.WriteString(parts[rng.Intn(len(parts))])
	}
	return b.String()
}

func TestSentenceEndMatchesRunes(t *testing.T) {
	ref := func(s string) (int, int) {
		for i, r := range s {
			switch r {
			case '。', '！', '？', '；', ';', '!', '?':
				return i, utf8.RuneLen(r)
			}
		}
		return -1, 0
	}
	parts := []string{"a", "1", "年", "，", "、", "。", "！", "？", "；", ";", "!", "?", "：", "（", "）",
		"\xe3", "\xe3\x80", "\xef", "\xef\xbc", "\uff1c", "\u3001"}
	rng := rand.New(rand.NewSource(1))
	for k := 0; k < 50000; k++ {
		s := randomText(rng, parts, 12)
		gi, gw := sentenceEnd(s)
		wi, ww := ref(s)
		if gi != wi || gw != ww {
			t.Fatalf("sentenceEnd(%q) = %d, %d; want %d, %d", s, gi, gw, wi, ww)
		}
	}
}
