package escseq

import (
	"strings"
	"testing"
)

// strip removes every ESC-introduced sequence the way the callers do.
func strip(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		if s[i] == 0x1b {
			i = AfterESC(s, i+1)
			continue
		}
		b.WriteByte(s[i])
		i++
	}
	return b.String()
}

func TestStrip(t *testing.T) {
	for in, want := range map[string]string{
		"红\x1b[31m色\x1b[0m":                            "红色",
		"a\x1b[1;2;3Hb":                                "ab",
		"标题\x1b]0;title\x07正文":                         "标题正文",
		"x\x1b]8;;http://e.x\x1b\\link\x1b]8;;\x1b\\y": "xlinky",
		"p\x1bPq#0;2;0;0;0\x1b\\q":                     "pq",
		"a\x1b(Bb":                                     "ab",                  // nF: designate charset
		"a\x1b7b\x1b8c":                                "abc",                 // Fp: save/restore cursor
		"a\x1bcb":                                      "ab",                  // Fs: reset
		"a\x1b]unterminated\nnext":                     "aunterminated\nnext", // no terminator: the text stays
		"a\x1b]st\u009cb":                              "ab",
		"end\x1b":                                      "end",
		"end\x1b[":                                     "end",
		"keep [31m text":                               "keep [31m text",
	} {
		if got := strip(in); got != want {
			t.Errorf("strip(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestAfterCSIStopsAtText(t *testing.T) {
	// A CSI cut short by a Chinese character ends there; the text stays.
	s := "\x1b[12养老"
	if got := AfterESC(s, 1); s[got:] != "养老" {
		t.Errorf("AfterESC left %q, want 养老", s[got:])
	}
}

func TestUnterminated(t *testing.T) {
	for s, want := range map[string][2]int{
		"":                   {0, 0},
		"前\x1b]0;title\x07后": {0, 0},
		"一\n前\x1b]后，养老服务。\n三":              {1, 2},
		"\x1bP1$r后\n\x1b_x\n\x1b^y\x1b\\":  {2, 1},
		"a\u009d8;;x\nb\u0090dcs\u009c":    {1, 1},
		"\x1bXsos\n\u009eA\n\u009fB\x07ok": {2, 1},
	} {
		if n, line := Unterminated(s); n != want[0] || line != want[1] {
			t.Errorf("Unterminated(%q) = %d, %d; want %d, %d", s, n, line, want[0], want[1])
		}
	}
}
