package render

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/rivo/uniseg"
)

func TestWrapCases(t *testing.T) {
	tests := []struct {
		name   string
		text   string
		width  int
		indent string
		want   []string
	}{
		{"empty", "", 10, "", nil},
		{"fits", "民政事业", 10, "", []string{"民政事业"}},
		{"cjk", "一二三四五六七八", 6, "", []string{"一二三", "四五六", "七八"}},
		{"odd width never splits a wide char", "一二三四五", 5, "", []string{"一二", "三四", "五"}},
		{"comma moves with its neighbour", "一二三四，五六", 8, "", []string{"一二三", "四，五六"}},
		{"full stop", "一二三四。五六", 8, "", []string{"一二三", "四。五六"}},
		{"closing bracket", "一二（三四）五六", 10, "", []string{"一二（三", "四）五六"}},
		{"opening bracket not at end", "一二三（四五）", 8, "", []string{"一二三", "（四五）"}},
		// UAX #14 keeps quotation marks with both neighbours.
		{"quotes", "发展“十四五”规划", 8, "", []string{"发展“十", "四五”规", "划"}},
		{"ellipsis", "一二三……", 7, "", []string{"一二", "三……"}},
		{"english words stay whole", "use the planview command now", 12, "", []string{"use the", "planview", "command now"}},
		{"numbers stay whole", "占比达到37.22%以上", 12, "", []string{"占比达到", "37.22%以上"}},
		{"year", "到2025年全市", 8, "", []string{"到2025年", "全市"}},
		{"long word hard broken", "abcdefghij", 4, "", []string{"abcd", "efgh", "ij"}},
		{"hard break keeps kinsoku", "abcdefg,", 7, "", []string{"abcdef", "g,"}},
		{"indent", "一二三四五六", 8, ParagraphIndent, []string{"\u3000\u3000一二", "三四五六"}},
		{"indent dropped when no room", "一二", 4, ParagraphIndent, []string{"一二"}},
		{"indent dropped when no room for a wide char", "一二", 5, ParagraphIndent, []string{"一二"}},
		{"newlines", "一二\n\n三", 10, "", []string{"一二", "", "三"}},
		{"no limit", "一二三四五六七八九十", 0, ParagraphIndent, []string{"\u3000\u3000一二三四五六七八九十"}},
		{"tabs and controls", "a\tb\x1b[31mc", 10, "", []string{"a bc"}},
		{"spaces at break dropped", "aaa bbb ccc", 7, "", []string{"aaa bbb", "ccc"}},
		{"wide char wider than line", "汉字", 1, "", []string{" ", " "}},
	}
	for _, tc := range tests {
		got := Wrap(tc.text, tc.width, tc.indent)
		if !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%s: Wrap(%q, %d, %q) = %q, want %q", tc.name, tc.text, tc.width, tc.indent, got, tc.want)
		}
	}
}

// samples are the non-empty lines of the seeds: real paragraphs, headings
// and table rows.
func samples(t testing.TB) []string {
	files, _ := filepath.Glob("../seeds/*.txt")
	if len(files) == 0 {
		t.Fatal("no seeds")
	}
	var out []string
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, l := range strings.Split(string(b), "\n") {
			if strings.TrimSpace(l) != "" {
				out = append(out, l)
			}
		}
	}
	return out
}

func checkWrap(t *testing.T, text string, width int, lines []string, strictKinsoku bool) {
	t.Helper()
	for i, l := range lines {
		if w := Width(l); w > width {
			t.Fatalf("width %d: line %d is %d cells: %q", width, i, w, l)
		}
		if !strictKinsoku || l == "" {
			continue
		}
		if r, _ := utf8.DecodeRuneInString(l); i > 0 && noStart(r) {
			t.Fatalf("width %d: line %d starts with %q: %q (previous %q)", width, i, r, l, lines[i-1])
		}
		if r, _ := utf8.DecodeLastRuneInString(l); i < len(lines)-1 && noEnd(r) {
			t.Fatalf("width %d: line %d ends with %q: %q", width, i, r, l)
		}
	}
	// Nothing is lost but spaces.
	join := strings.TrimPrefix(strings.Join(lines, ""), ParagraphIndent)
	strip := func(s string) string { return strings.Join(strings.Fields(s), "") }
	if strip(join) != strip(Clean(text)) {
		t.Fatalf("width %d: text changed:\n%q\n%q", width, strip(join), strip(Clean(text)))
	}
}

func TestWrapSeedsProperties(t *testing.T) {
	for _, wide := range []bool{false, true} {
		withEastAsian(t, wide)
		for _, text := range samples(t) {
			for _, width := range []int{2, 3, 5, 7, 10, 13, 20, 33, 40, 61, 80} {
				lines := Wrap(text, width, ParagraphIndent)
				checkWrap(t, text, width, lines, width >= 10)
			}
		}
	}
}

// The ideograph shortcut in segment must not change a single break.
func TestWrapShortcutChangesNothing(t *testing.T) {
	texts := append(samples(t), "一二三（四五）六“七八”九。十ａｂ1２3汉字e\u0301字\u3000字", strings.Repeat("字", 50))
	for _, width := range []int{4, 9, 20, 41, 80} {
		for _, text := range texts {
			fastSegment = true
			fast := Wrap(text, width, ParagraphIndent)
			fastSegment = false
			slow := Wrap(text, width, ParagraphIndent)
			fastSegment = true
			if !reflect.DeepEqual(fast, slow) {
				t.Fatalf("width %d: shortcut gives\n%q\nuniseg alone gives\n%q", width, fast, slow)
			}
		}
	}
}

func TestWrapKeepsWordsAndNumbers(t *testing.T) {
	text := "到2025年，全市养老机构护理型床位占比达到55%以上，每千名老年人拥有养老床位37.22张，planview reads plans via github.com/rivo/uniseg fast。"
	for width := 12; width <= 60; width++ {
		lines := Wrap(text, width, "")
		all := "\n" + strings.Join(lines, "\n") + "\n"
		for _, tok := range []string{"2025年", "55%", "37.22", "planview", "reads", "plans"} {
			if !strings.Contains(all, tok) {
				t.Errorf("width %d: %q split: %q", width, tok, lines)
			}
		}
	}
}

func TestWrapHostile(t *testing.T) {
	for _, width := range []int{0, 5, 20} {
		for _, l := range Wrap(hostile, width, ParagraphIndent) {
			assertNoControls(t, "Wrap", l)
			if width > 0 && Width(l) > width {
				t.Errorf("line %q wider than %d", l, width)
			}
		}
	}
}

func BenchmarkWrap(b *testing.B) {
	text := strings.Join(samples(b), "")
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	var dst []string
	for b.Loop() {
		dst = AppendWrap(dst[:0], text, 80, ParagraphIndent)
	}
}

// FuzzWrap checks Wrap's promises on any input: no line wider than the
// width (from 2 cells, room for a wide character), no control character,
// nothing lost but spaces.
func FuzzWrap(f *testing.F) {
	f.Add("“十四五”时期，是我市开启全面建设社会主义现代化国家新征程的第一个五年。", 10)
	f.Add("abc defghijklmnop（一）“q”，。", 3)
	f.Add(hostile, 7)
	f.Add("e\u0301\u200d👍🏽汉\t\n\n字…………", 2)
	f.Fuzz(func(t *testing.T, text string, width int) {
		if width < 2 || width > 200 {
			return
		}
		lines := Wrap(text, width, ParagraphIndent)
		for _, l := range lines {
			assertNoControls(t, "Wrap", l)
			if Width(l) > width {
				t.Fatalf("width %d: %q is %d cells", width, l, Width(l))
			}
		}
		// A cluster wider than the line is blanked; anything else is kept.
		g := uniseg.NewGraphemes(Clean(text))
		for g.Next() {
			if clusterWidth(g.Str()) > width {
				return
			}
		}
		join := strings.TrimPrefix(strings.Join(lines, ""), ParagraphIndent)
		strip := func(s string) string { return strings.Join(strings.Fields(s), "") }
		if strip(join) != strip(Clean(text)) {
			t.Fatalf("width %d: text changed:\n%q\n%q", width, strip(join), strip(Clean(text)))
		}
	})
}
