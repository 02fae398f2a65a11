package search

import (
	"math/rand/v2"
	"planview/internal/hanzi"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestFoldTraditionalSimplified(t *testing.T) {
	pairs := []struct{ trad, simp string }{
		{"養老床位", "养老床位"},
		{"社會養老服務", "社会养老服务"},
		{"殯葬設施", "殡葬设施"},
		{"兒童福利", "儿童福利"},
		{"懷化市民政局", "怀化市民政局"},
		{"鄉鎮農村公益性墓地", "乡镇农村公益性墓地"},
		{"與", "与"},
		{"臺灣", "台湾"},
	}
	for _, p := range pairs {
		if got, want := Fold(p.trad), Fold(p.simp); got != want {
			t.Errorf("Fold(%q) = %q, Fold(%q) = %q; want equal", p.trad, got, p.simp, want)
		}
		if got := Fold(p.trad); got != p.simp {
			t.Errorf("Fold(%q) = %q, want %q", p.trad, got, p.simp)
		}
	}
}

// Characters OpenCC gives several Simplified candidates fold to the first.
func TestFoldMultiCandidate(t *testing.T) {
	cases := map[string]string{
		"乾": "干", // 乾 → 干 / 乾
		"餘": "余", // 餘 → 余 / 馀
		"於": "于", // 於 → 于 / 於
		"麵": "面", // 麵 → 面 / 麺
		"麼": "么", // 麼 → 么 / 麽
		"麽": "么", // 麽 → 么 / 麽: the Simplified candidate folds the same way
		"畫": "画", // 畫 → 画 / 划
		"夥": "伙", // 夥 → 伙 / 夥
		"覆": "覆", // 覆 → 覆 / 复: first candidate is itself
		"國": "国", // single candidate
	}
	for in, want := range cases {
		if got := Fold(in); got != want {
			t.Errorf("Fold(%q) = %q, want %q", in, got, want)
		}
	}
	// The same fixed choice for query and text: every candidate-bearing
	// Traditional character and its first candidate fold alike.
	if Fold("乾隆") != Fold("干隆") || Fold("其餘") != Fold("其余") {
		t.Error("Traditional and first Simplified candidate fold differently")
	}
	// A chain in the table (薴 → 苧 → 苎) is resolved.
	if Fold("薴") != "苎" || Fold("苧") != "苎" {
		t.Errorf("chain not resolved: 薴→%q 苧→%q", Fold("薴"), Fold("苧"))
	}
}

func TestFoldWidthAndCase(t *testing.T) {
	cases := map[string]string{
		"ＡＢＣ１２３":         "abc123",
		"２０２５年":          "2025年",
		"（一）":            "(一)",
		"，：；！？":          ",:;!?",
		"％":              "%",
		"Ｅｘｃｅｌ":          "excel",
		"PPP模式":          "ppp模式",
		"⾔":              "言", // Kangxi radical (PDF exports)
		"﨑":              "﨑", // not a compatibility ideograph in NFKC terms? checked below
		"㈠":              "(一)",
		"①":              "1",
		"。、“”《》":         "。、“”《》", // Chinese punctuation has no compatibility form
		"ﬁ":              "fi",
		"\u00bd":         "1⁄2",
		"Ⅲ":              "iii",
		"\uFF5E":         "~",
		"Ａ\u3000Ｂ":       "ab",
		"\u2F00\u2F08":   "一人",
		"\uF900":         Fold("\u8C48"), // CJK compatibility ideograph → unified
		"ΑΒΓ":            "αβγ",
		"\u212A":         "k", // Kelvin sign
		"x\u200by\ufeff": "xy",
	}
	for in, want := range cases {
		if got := Fold(in); got != want {
			t.Errorf("Fold(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestFoldWhitespace(t *testing.T) {
	want := "养老床位"
	for _, in := range []string{
		"养老床位", "养老\n床位", "养老\r\n床位", " 养 老 床 位 ", "养老\u3000床位",
		"养老\u00a0床位", "养老\t床位", "養老\n\n床位", "养\u2028老床\u200b位", "养老\u2003床位",
	} {
		if got := Fold(in); got != want {
			t.Errorf("Fold(%q) = %q, want %q", in, got, want)
		}
	}
	if got := Fold("2025 年"); got != "2025年" {
		t.Errorf("Fold(2025 年) = %q", got)
	}
	if got := Fold(" \n\t\u3000 "); got != "" {
		t.Errorf("only whitespace folds to %q", got)
	}
}

// The table used at search time agrees with the slow definition for every
// BMP rune, and folding is idempotent.
func TestFoldTableConsistent(t *testing.T) {
	initFold()
	var buf [32]byte
	for r := rune(0); r < 0x10000; r++ {
		if r >= 0xD800 && r <= 0xDFFF {
			continue
		}
		want := string(foldRuneSlow(r, buf[:0]))
		got := Fold(string(r))
		if got != want {
			t.Fatalf("Fold(%U) = %q, slow path %q", r, got, want)
		}
		if again := Fold(got); again != got {
			t.Fatalf("not idempotent at %U: %q → %q", r, got, again)
		}
	}
	for _, p := range hanzi.Pairs {
		f := Fold(string(p[0]))
		if Fold(f) != f {
			t.Errorf("not idempotent at %U", p[0])
		}
		if f != Fold(string(p[1])) {
			t.Errorf("%c folds to %q, its Simplified %c to %q", p[0], f, p[1], Fold(string(p[1])))
		}
	}
}

func TestTableFromOpenCC(t *testing.T) {
	if len(hanzi.Pairs) < 3000 {
		t.Fatalf("only %d Traditional→Simplified pairs", len(hanzi.Pairs))
	}
	for i := 1; i < len(hanzi.Pairs); i++ {
		if hanzi.Pairs[i-1][0] >= hanzi.Pairs[i][0] {
			t.Fatalf("hanzi.Pairs not sorted at %d", i)
		}
	}
}

// randomPlanText makes text in the genre's mix: CJK (both scripts),
// full-width and ASCII forms, spaces and line breaks, and the odd rune that
// folds to several.
func randomPlanText(rng *rand.Rand, n int) string {
	pieces := []string{
		"养", "養", "老", "床", "位", "社會", "服务", "與", "ＡＢ", "x", "Y", "２０", "25", " ", "\n",
		"\u3000", "\u00a0", "，", "。", "（", "）", "㈠", "ﬁ", "⾔", "𠀀", "\t", "\u200b", "%", "年", "乾",
	}
	var b strings.Builder
	for range n {
		b.WriteString(pieces[rng.IntN(len(pieces))])
	}
	return b.String()
}

// Property: the offset map is consistent with Fold, monotone, points at rune
// starts, and every folded range maps back to text that folds to exactly that
// range.
func TestFoldMapRoundTrip(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for iter := range 2000 {
		s := randomPlanText(rng, rng.IntN(40))
		folded, offs := FoldMap(s)
		if folded != Fold(s) {
			t.Fatalf("FoldMap(%q) text %q, Fold %q", s, folded, Fold(s))
		}
		if len(offs) != len(folded)+1 || offs[len(folded)] != len(s) {
			t.Fatalf("offset map of %q has %d entries for %d bytes", s, len(offs), len(folded))
		}
		for i := range folded {
			if i > 0 && offs[i] < offs[i-1] {
				t.Fatalf("offset map of %q not monotone at %d", s, i)
			}
			if !utf8.RuneStart(s[offs[i]]) {
				t.Fatalf("offset %d of %q not at a rune start", offs[i], s)
			}
		}
		// Every range of whole folded runes maps back to an original range
		// whose fold is that range (whitespace inside kept, outside not).
		starts := []int{}
		for i := range folded {
			if utf8.RuneStart(folded[i]) {
				starts = append(starts, i)
			}
		}
		starts = append(starts, len(folded))
		for a := 0; a < len(starts); a++ {
			for b := a + 1; b < len(starts); b++ {
				fs, fe := starts[a], starts[b]
				os, oe := OrigSpan(s, offs, fs, fe)
				ps, pe := origSpan(s, fs, fe)
				if os != ps || oe != pe {
					t.Fatalf("iter %d: OrigSpan %d,%d != origSpan %d,%d for %q [%d,%d)", iter, os, oe, ps, pe, s, fs, fe)
				}
				got := Fold(s[os:oe])
				// A rune that folds to several (㈠ → (一)) maps whole: the
				// original range's fold may be wider than the folded range.
				if !strings.Contains(got, folded[fs:fe]) {
					t.Fatalf("%q[%d:%d] = %q folds to %q, want it to hold %q", s, os, oe, s[os:oe], got, folded[fs:fe])
				}
				if whole := offs[fs] == os && (fe == len(folded) || offs[fe] != offs[fe-1]) && (fs == 0 || offs[fs-1] != offs[fs]); whole && got != folded[fs:fe] {
					t.Fatalf("%q[%d:%d] folds to %q, want %q", s, os, oe, got, folded[fs:fe])
				}
			}
		}
	}
}

func BenchmarkFold(b *testing.B) {
	rng := rand.New(rand.NewPCG(3, 4))
	s := randomPlanText(rng, 20000)
	b.SetBytes(int64(len(s)))
	for b.Loop() {
		_ = appendFold(make([]byte, 0, len(s)), s)
	}
}
