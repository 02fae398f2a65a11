package loader

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	goldenfile "planview/internal/golden"
	"planview/loader/internal/bytescan"
)

// formatLines renders cleaned lines for a golden file: the source line
// number, a tab, and the text quoted (tabs show as \t; nothing else should
// need escaping once cleaned).
func formatLines(lines []Line) string {
	var sb strings.Builder
	for _, l := range lines {
		fmt.Fprintf(&sb, "%d\t%q\n", l.N, l.Text)
	}
	return sb.String()
}

// TestCleanGolden runs clean on each testdata/clean/*.input and compares
// with the .golden file beside it. Run with -update to rewrite them; then
// review the diff by eye.
func TestCleanGolden(t *testing.T) {
	inputs, err := filepath.Glob("testdata/clean/*.input")
	if err != nil || len(inputs) == 0 {
		t.Fatalf("no inputs: %v", err)
	}
	for _, in := range inputs {
		t.Run(filepath.Base(in), func(t *testing.T) {
			b, err := os.ReadFile(in)
			if err != nil {
				t.Fatal(err)
			}
			text, err := decode(b)
			if err != nil {
				t.Fatal(err)
			}
			got := formatLines(clean(text))
			golden := strings.TrimSuffix(in, ".input") + ".golden"
			goldenfile.Check(t, golden, got)
		})
	}
}

// cleanTexts is clean's output as "N:text" strings, for compact checks.
func cleanTexts(text string) []string {
	var out []string
	for _, l := range clean(text) {
		out = append(out, fmt.Sprintf("%d:%s", l.N, l.Text))
	}
	return out
}

func TestCleanLineNumbersAndBlanks(t *testing.T) {
	got := strings.Join(cleanTexts("a\n\n[bookmark: x]\n\tb\n  \n- 3 -\nc"), "|")
	want := "1:a|2:|3:|4:\tb|5:|7:c"
	if got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	// A final newline ends the last line; it does not add one.
	if got := len(clean("a\nb\n")); got != 2 {
		t.Errorf("clean(\"a\\nb\\n\") has %d lines, want 2", got)
	}
	if got := len(clean("")); got != 0 {
		t.Errorf("clean(\"\") has %d lines, want 0", got)
	}
}

func TestCleanLine(t *testing.T) {
	for in, want := range map[string]string{
		"plain 文字":                            "plain 文字",
		"[bookmark: _Toc1]标题":                 "标题",
		"[image: ]":                           "",
		"[bookmark: _Toc1]   文化特色":            "   文化特色",
		"[bookmark: a]\u3000\u3000二、提升":       "\u3000\u3000二、提升",
		"\u3000\u3000二、提升\u3000水平":            "\u3000\u3000二、提升\u3000水平",
		"\u3000\u3000":                        "",
		"时\u3000间\u3000\u3000":                "时\u3000间",
		"\u00a0\u00a0首頁\u00a0>":               "  首頁 >",
		"<p>1. 建设；</p> <p>2. 新增。</p>":         "1. 建设； 2. 新增。",
		"a&lt;b&gt;c&amp;d&nbsp;e&quot;":      "a<b>c&d e\"",
		"&#12290;&#x4e00;&#27;&#0;&#x85;&#9;": "。一\t",
		"&unknown; & &;":                      "&unknown; & &;",
		"x<5 a<b <未知> <pp>":                   "x<5 a<b <未知> <pp>",
		"\x1b[1;31m红\x1b[0m":                  "红",
		"\x1b]0;title\x07正文":                  "正文",
		"\x1b]8;;http://x\x1b\\link":          "link",
		"\x1b]0;unterminated":                 "0;unterminated", // no terminator: the text stays
		"a\x00b\x7fc\x0cd":                    "abcd",
		"\u009b31m红\u0085字":                   "红字",
		"\u202eevil\u202c\u2028\ufeff":        "evil",
		"\t序号\t":                              "\t序号\t",
		"\t  ":                                "\t",
		"   ":                                 "",
		"尾部空格  ":                              "尾部空格",
	} {
		if got := cleanLine(in); got != want {
			t.Errorf("cleanLine(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestTOCEntry(t *testing.T) {
	for in, want := range map[string][2]bool{
		"一、发展基础\t1":       {true, false},
		"（一）主要成绩\t12":     {true, false},
		"前 言\t1":          {true, false},
		"第一章 发展基础……………1":  {true, true},
		"第二章 总体要求......5": {true, true},
		"一、发展基础 3":        {true, false},
		"到2025年":          {false, false},
		"\t35":            {false, false},
		"1\t2\t3":         {false, false},
		"床位\t\t35":        {false, false},
		"一、发展基础\t1234":    {false, false},
		"正文。":             {false, false},
	} {
		ok, leaders := tocEntry(in)
		if ok != want[0] || leaders != want[1] {
			t.Errorf("tocEntry(%q) = %v, %v; want %v, %v", in, ok, leaders, want[0], want[1])
		}
	}
}

func TestSpamPhrases(t *testing.T) {
	for in, want := range map[string]int{
		"高清精品| 天堂久久| 视频一区| 国产精品| 无码一区| 男人天堂2018|": 6,
		"首页 ｜ 新闻 ｜ 视频":                            3,
		"| 序号 | 指标 | 2020 | 2021 | 2022 | 2023 |": 0, // Markdown table
		"1|床位数|35|35|完成|100%|2|3":                 0, // numbers
		"养老，救助｜儿童，福利｜社会，事务｜慈善，公益｜殡葬，婚姻｜区划，地名": 0, // sentences
		"没有分隔符的一行": 0,
	} {
		n, _ := spamPhrases(in)
		if n != want {
			t.Errorf("spamPhrases(%q) = %d, want %d", in, n, want)
		}
	}
}

// hostile is a file made to hold every kind of control character.
func hostile() string {
	var sb strings.Builder
	for r := rune(0); r < 0x300; r++ {
		if r == '\n' {
			continue
		}
		sb.WriteRune(r)
		sb.WriteString("字")
		if r%16 == 15 {
			sb.WriteByte('\n')
		}
	}
	sb.WriteString("\n\x1b[31m\x1b]0;t\x07\x1bP1$r\x1b\\\x1b(0\x1bc\u009b1m\u009d0;x\u009c&#27;&#x9b;&#1;[&#27;]\n")
	sb.WriteString("\x1b\n\x1b[\n\x1b]\n\u009b\n&#x1b;[31m\n\u2028\u2029\u202e\u2066\ufeff\n\r\r\n")
	return sb.String()
}

// No control character but tab survives clean: no C0 (but tab), no DEL, no
// C1, no line separator, no bidi control, no BOM, and no ESC at all.
func TestCleanNoControls(t *testing.T) {
	crafted, err := os.ReadFile("testdata/clean/controls.input")
	if err != nil {
		t.Fatal(err)
	}
	for _, text := range []string{hostile(), string(crafted)} {
		lines := clean(text)
		if len(lines) == 0 {
			t.Fatal("nothing left")
		}
		for _, l := range lines {
			checkNoControls(t, l)
		}
	}
}

func checkNoControls(t *testing.T, l Line) {
	t.Helper()
	for i, r := range l.Text {
		if (r < 0x20 && r != '\t') || (r >= 0x7f && r <= 0x9f) || bytescan.DroppedRune(r) || r == utf8.RuneError {
			t.Errorf("line %d: %U at byte %d survives clean: %q", l.N, r, i, l.Text)
		}
	}
}

func FuzzClean(f *testing.F) {
	f.Add(hostile())
	for _, s := range []string{"a\nb", "[bookmark: x]y", "<p>x</p>&nbsp;", "目录\n一、甲\t1\n二、乙\t2", "- 1 -\n", "<td>a<tr><td>b\nc",
		strings.Repeat("“养老”……，", 6) + "\u3000\u2066｜\ufeff"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return // decode's output is always valid UTF-8
		}
		src := strings.Split(s, "\n")
		prev := 0
		for _, l := range clean(s) {
			// Numbers increase, but the rows of an HTML table written on
			// one line each get that line's number.
			if l.N < prev || l.N == prev && !strings.Contains(strings.ToLower(src[l.N-1]), "<tr") {
				t.Fatalf("line numbers not increasing: %d after %d", l.N, prev)
			}
			prev = l.N
			if strings.IndexByte(l.Text, '\n') >= 0 {
				t.Fatalf("newline in line %d", l.N)
			}
			checkNoControls(t, l)
		}
		if n := strings.Count(s, "\n") + 1; prev > n {
			t.Fatalf("line %d of a %d-line text", prev, n)
		}
	})
}

// Hostile shapes of input take time linear in their size.
func TestCleanPathological(t *testing.T) {
	for name, text := range map[string]string{
		"numbers":   strings.Repeat("1\n", 100_000) + strings.Repeat("1\n2\n", 50_000),
		"ampersand": strings.Repeat("&", 1<<20),
		"markers":   strings.Repeat("[ab:", 1<<18),
		"tags":      strings.Repeat("<p ", 1<<18),
		"osc":       strings.Repeat("\x1b]", 1<<19),
		"toc":       "目录\n" + strings.Repeat("\n", 100_000) + strings.Repeat("目录\n一、甲\t1\n", 50_000),
		"leaders":   strings.Repeat("甲……1\n乙\n", 100_000),
		"pipes":     strings.Repeat("甲|乙|", 1<<18),
	} {
		start := time.Now()
		clean(text)
		if d := time.Since(start); d > 2*time.Second {
			t.Errorf("%s: clean took %v", name, d)
		}
	}
}

// A lone bare number as the last non-blank line, after body text, is the
// number of the last page; a number closing a table stays.
func TestCleanLastPageNumber(t *testing.T) {
	got := cleanTexts("第三节 评估\n定期开展督促检查。\n\n天门市民政局办公室   2022年8月8日印\n38\n\n")
	want := []string{"1:第三节 评估", "2:定期开展督促检查。", "3:", "4:天门市民政局办公室   2022年8月8日印", "6:"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("page number at the end: got %q, want %q", got, want)
	}
	for _, c := range []struct{ text, last string }{
		{"序号\n\n指标\n\n1\n\n床位数\n\n35\n", "9:35"}, // a web table's last cell
		{"指标\t2020\n床位数\t35\n\n12\n", "4:12"},    // after a tab table
		{"12\n", "1:12"}, // nothing but the number
		{"第一章 总则\n全县床位总数达到\n2025\n", "3:2025"}, // over 999: no page number
	} {
		got := cleanTexts(c.text)
		if len(got) == 0 || got[len(got)-1] != c.last {
			t.Errorf("clean(%q) = %q, want it to end with %q", c.text, got, c.last)
		}
	}
}

// TestLineScanTable: the table chosen for a text leaves out 0xE2 and 0xEF
// only when the text holds none of the characters they start that clean
// handles, and cleaning with it gives what cleaning with the full table gives.
func TestLineScanTable(t *testing.T) {
	for _, c := range []struct {
		text   string
		e2, ef bool
	}{
		{"“十四五”时期——养老…，（一）：", false, false},
		{"甲\u2028乙", true, false},
		{"甲\u202e乙", true, false},
		{"甲\u2067乙", true, false},
		{"甲\ufeff乙", false, true},
		{"链接｜链接｜链接", false, true},
		{"\u2066甲\ufeff", true, true},
		{"结尾\xe2", false, false},
		// Long texts: near misses (… is E2 80 A6, ａ and ｝ are EF BD 81
		// and EF BD 9D), then the real thing.
		{strings.Repeat("养老……，", 20), false, false},
		{strings.Repeat("养老……，", 20) + "\u2066", true, false},
		{strings.Repeat("全角ａ｝，", 20), false, false},
		{strings.Repeat("全角ａ｝，", 20) + "\ufeff", false, true},
		{strings.Repeat("全角ａ｝，", 20) + "｜" + strings.Repeat("养老……，", 20) + "\u2029", true, true},
	} {
		tbl := bytescan.LineTable(c.text)
		if got := tbl[0xE2] != 0; got != c.e2 {
			t.Errorf("%q: looks at 0xE2 = %v, want %v", c.text, got, c.e2)
		}
		if got := tbl[0xEF] != 0; got != c.ef {
			t.Errorf("%q: looks at 0xEF = %v, want %v", c.text, got, c.ef)
		}
	}
	texts := append(seedTexts(t), "甲\u2028乙｜丙\ufeff丁\n“引号”，\u3000缩进\n<p>标签</p>[bookmark: x]\n\x1b[31m红\x1b[0m")
	var buf []byte
	for _, text := range texts {
		tbl := bytescan.LineTable(text)
		for _, l := range strings.Split(text, "\n") {
			t1, p1 := cleanLinePipe(l)
			t2, p2 := cleanLinePipeWith(l, tbl, &buf)
			if t1 != t2 || p1 != p2 {
				t.Fatalf("line %q: full table gives %q %v, chosen table %q %v", l, t1, p1, t2, p2)
			}
		}
	}
}

// A line whose markers stand before its text is cleaned to a substring of
// itself: no copy of the line is made (they are most of the lines of a Word
// export that scrub touches), and a warm buffer makes scrubbing free.
func TestScrubSubstringNoAlloc(t *testing.T) {
	var buf []byte
	for _, in := range []string{"[bookmark: _Toc1][bookmark: _Toc2]第一章 总则", "第一章 总则[image: ]", "[bookmark: a]\u3000\u3000二、提升"} {
		cleanLinePipeWith(in, bytescan.FullTable(), &buf) // warm the buffer
		if n := testing.AllocsPerRun(20, func() { cleanLinePipeWith(in, bytescan.FullTable(), &buf) }); n != 0 {
			t.Errorf("cleaning %q: %v allocations, want 0", in, n)
		}
	}
	// A marker in the middle leaves a string of the cleaned length.
	in := "第一章[bookmark: _Toc1]总则"
	got, _ := cleanLinePipeWith(in, bytescan.FullTable(), &buf)
	if got != "第一章总则" {
		t.Fatalf("got %q", got)
	}
	buf = append(buf[:0], "XXXXXXXXXXXXXXXX"...) // the buffer is reused: the result must not share it
	if got != "第一章总则" {
		t.Errorf("result changed with the buffer: %q", got)
	}
}
