package render

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// withEastAsian runs f with the ambiguous width set to wide, then restores
// the policy from the environment.
func withEastAsian(t *testing.T, wide bool) {
	t.Helper()
	SetEastAsian(wide)
	t.Cleanup(InitFromEnv)
}

func TestWidth(t *testing.T) {
	tests := []struct {
		s            string
		narrow, wide int
	}{
		{"", 0, 0},
		{"abc 123", 7, 7},
		{"汉字", 4, 4},
		{"“十四五”", 8, 10},
		{"‰", 1, 2},
		{"≥50", 3, 4},
		{"①②", 2, 4},
		{"—", 1, 2},
		{"…", 1, 2},
		{"─│┌", 3, 6},
		{"\u3000\u3000", 4, 4},
		{"（，。）", 8, 8},
		{"ＡＢ", 4, 4},
		{"e\u0301", 1, 1},
		{"\x1b\x07\x7f", 0, 0},
		{"👍", 2, 2},
		{"2020年37.22%", 12, 12},
	}
	for _, tc := range tests {
		for _, wide := range []bool{false, true} {
			SetEastAsian(wide)
			want := tc.narrow
			if wide {
				want = tc.wide
			}
			if got := Width(tc.s); got != want {
				t.Errorf("eastasian=%v Width(%q) = %d, want %d", wide, tc.s, got, want)
			}
			// RuneWidth agrees with Width on single runes.
			if utf8.RuneCountInString(tc.s) == 1 {
				r, _ := utf8.DecodeRuneInString(tc.s)
				if got := RuneWidth(r); got != want {
					t.Errorf("eastasian=%v RuneWidth(%q) = %d, want %d", wide, r, got, want)
				}
			}
		}
	}
	InitFromEnv()
}

func TestWidthPolicyFromEnvOnly(t *testing.T) {
	// A CJK locale must not change the width; only RUNEWIDTH_EASTASIAN does.
	t.Setenv("LANG", "zh_CN.UTF-8")
	t.Setenv("LC_ALL", "zh_CN.UTF-8")
	t.Setenv("LC_CTYPE", "zh_CN.UTF-8")
	for _, tc := range []struct {
		env  string
		want int
	}{{"", 1}, {"0", 1}, {"yes", 1}, {"1", 2}} {
		t.Setenv(EnvEastAsian, tc.env)
		InitFromEnv()
		if got := Width("“"); got != tc.want {
			t.Errorf("RUNEWIDTH_EASTASIAN=%q: Width(“) = %d, want %d", tc.env, got, tc.want)
		}
		if EastAsian() != (tc.want == 2) {
			t.Errorf("RUNEWIDTH_EASTASIAN=%q: EastAsian() = %v", tc.env, EastAsian())
		}
	}
	t.Setenv(EnvEastAsian, "")
	InitFromEnv()
}

func TestTruncate(t *testing.T) {
	tests := []struct {
		s    string
		w    int
		want string
	}{
		{"abc", 5, "abc"},
		{"abcdef", 3, "abc"},
		{"汉字abc", 3, "汉 "},
		{"汉字abc", 4, "汉字"},
		{"汉字abc", 5, "汉字a"},
		{"汉字", 1, " "},
		{"a汉", 2, "a "},
		{"abc", 0, ""},
		{"abc", -1, ""},
		{"“十四五”规划", 5, "“十四"},
		{"“十四五”规划", 6, "“十四 "},
	}
	for _, tc := range tests {
		got := Truncate(tc.s, tc.w)
		if got != tc.want {
			t.Errorf("Truncate(%q, %d) = %q, want %q", tc.s, tc.w, got, tc.want)
		}
		if tc.w > 0 && Width(got) > tc.w {
			t.Errorf("Truncate(%q, %d) is %d cells", tc.s, tc.w, Width(got))
		}
		if tc.w > 0 && Width(tc.s) > tc.w && Width(got) != tc.w {
			t.Errorf("Truncate(%q, %d) = %q is not exactly %d cells", tc.s, tc.w, got, tc.w)
		}
	}
}

func TestPadFitSlice(t *testing.T) {
	if got := Pad("汉", 4); got != "汉  " {
		t.Errorf("Pad = %q", got)
	}
	if got := PadLeft("汉", 4); got != "  汉" {
		t.Errorf("PadLeft = %q", got)
	}
	if got := Pad("汉字", 3); got != "汉字" {
		t.Errorf("Pad wider = %q", got)
	}
	if got := Fit("汉字x", 3); got != "汉 " {
		t.Errorf("Fit = %q", got)
	}
	tests := []struct {
		s       string
		from, w int
		want    string
	}{
		{"abcdef", 2, 3, "cde"},
		{"汉字abc", 1, 4, " 字a"}, // 汉 cut by the left edge
		{"汉字abc", 2, 2, "字"},
		{"汉字abc", 0, 3, "汉 "}, // 字 cut by the right edge
		{"ab汉字", 1, 2, "b "},
		{"ab", 1, 4, "b   "},
		{"ab", 5, 2, "  "},
	}
	for _, tc := range tests {
		got := Slice(tc.s, tc.from, tc.w)
		if got != tc.want {
			t.Errorf("Slice(%q, %d, %d) = %q, want %q", tc.s, tc.from, tc.w, got, tc.want)
		}
		if Width(got) != tc.w {
			t.Errorf("Slice(%q, %d, %d) is %d cells", tc.s, tc.from, tc.w, Width(got))
		}
	}
}

// hostile holds every kind of control a plan could carry.
const hostile = "标题\x1b[31m红\x1b[0m\x1b]0;title\x07\x1b]8;;http://x\x1b\\链接\x1b]8;;\x1b\\" +
	"\rCR\bBS\x00NUL\x7fDEL\u0085NEL\u009b31mCSI\u009d2;t\u009cOSC\x1bc\x1b(B\xff\xfe" +
	"\ttab\nline\x1bP1;2q\x1b\\end\x1b"

// assertNoControls fails when s has a C0 control but tab and newline, DEL,
// a C1 control, or is not UTF-8.
func assertNoControls(t *testing.T, what, s string) {
	t.Helper()
	if !utf8.ValidString(s) {
		t.Errorf("%s: not UTF-8: %q", what, s)
	}
	for _, r := range s {
		if (r < 0x20 && r != '\t' && r != '\n') || (r >= 0x7f && r < 0xa0) {
			t.Errorf("%s: control %U in %q", what, r, s)
			return
		}
	}
}

func TestSanitize(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain 汉字\t\n", "plain 汉字\t\n"},
		{"a\x1b[31mred\x1b[0m", "ared"},
		{"\x1b[1;38;5;196mx", "x"},
		{"\x1b]0;title\x07x", "x"},
		{"\x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\", "link"},
		{"a\rb\bc\x00d\x7fe", "abcde"},
		{"a\u0085b\u0080c", "abc"},
		{"a\u009fapc string\u009cb", "ab"},
		{"\u009b31mred", "red"},
		{"\u009d0;t\u009cx", "x"},
		{"\x1bcx\x1b(By", "xy"},
		{"\x1bPdata\x1b\\z", "z"},
		{"bad\xffbyte", "bad\uFFFDbyte"},
		{"end\x1b", "end"},
		{"unterminated\x1b]0;title\nnext", "unterminated0;title\nnext"}, // no terminator on the line: only the introducer goes
	}
	for _, tc := range tests {
		if got := Sanitize(tc.in); got != tc.want {
			t.Errorf("Sanitize(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	assertNoControls(t, "Sanitize(hostile)", Sanitize(hostile))
	clean := strings.Repeat("“十四五”时期 plain text\t", 20)
	if n := testing.AllocsPerRun(100, func() { _ = Sanitize(clean) }); n != 0 {
		t.Errorf("Sanitize of clean text allocates %v times", n)
	}
}

func TestExpandTabsAndClean(t *testing.T) {
	if got := ExpandTabs("a\tb\n汉\tc", 4); got != "a   b\n汉  c" {
		t.Errorf("ExpandTabs = %q", got)
	}
	if got := Clean("a\tb\nc\x1b[1m"); got != "a b c" {
		t.Errorf("Clean = %q", got)
	}
	assertNoControls(t, "ExpandTabs(hostile)", ExpandTabs(hostile, 8))
	assertNoControls(t, "Clean(hostile)", Clean(hostile))
}

func FuzzSanitize(f *testing.F) {
	f.Add(hostile)
	f.Add("plain 汉字\t\n")
	f.Add("\x1b]8;;\x1b\\\u009b\xc2")
	f.Fuzz(func(t *testing.T, s string) {
		out := Sanitize(s)
		assertNoControls(t, "Sanitize", out)
		if Sanitize(out) != out {
			t.Errorf("Sanitize not idempotent on %q: %q then %q", s, out, Sanitize(out))
		}
		if isClean(s) && out != s {
			t.Errorf("clean %q changed to %q", s, out)
		}
		for _, w := range []int{1, 2, 5} {
			if tr := Truncate(out, w); Width(tr) > w {
				t.Errorf("Truncate(%q, %d) = %q is %d cells", out, w, tr, Width(tr))
			}
		}
	})
}
