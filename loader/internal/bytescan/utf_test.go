package bytescan

import (
	"math/rand"
	"strings"
	"testing"
	"unicode/utf16"
	"unicode/utf8"
)

// TestUTF16MatchesStdlib: UTF16ToUTF8, which converts runs of three-byte
// units four at a time, agrees with unicode/utf16 on random mixes of
// units of every size, in both byte orders, including lone surrogates
// (which it rejects).
func TestUTF16MatchesStdlib(t *testing.T) {
	pool := []uint16{'a', '\n', 0x7F, 0x80, 0x7FF, 0x800, 0x4E00, 0x6C11, 0x3001, 0xFF0C,
		0xD7FF, 0xE000, 0xFFFF, 0xD840, 0xDC00} // the last two: surrogate halves
	rng := rand.New(rand.NewSource(4))
	for k := 0; k < 50000; k++ {
		units := make([]uint16, rng.Intn(20))
		for i := range units {
			units[i] = pool[rng.Intn(len(pool))]
			if rng.Intn(3) > 0 {
				units[i] = pool[5+rng.Intn(5)] // mostly three-byte units
			}
		}
		want := string(utf16.Decode(units))
		valid := !strings.ContainsRune(want, utf8.RuneError)
		for _, big := range []bool{false, true} {
			b := utf16Bytes(units, big)
			got, ok := UTF16ToUTF8(nil, b, big)
			if ok != valid || ok && string(got) != want {
				t.Fatalf("units %04x, big-endian %v: %q, %v; want %q, %v", units, big, got, ok, want, valid)
			}
		}
	}
}

// FirstInvalidUTF8 (a vector check first, where the CPU has one) finds the
// same first bad byte as InvalidUTF8 and utf8.Valid, in texts long enough
// for the vector code and with the bad bytes anywhere in them.
func TestFirstInvalidUTF8(t *testing.T) {
	t.Logf("AVX2 validator in use: %v", hasAVX2)
	parts := []string{"a", "1\n", "年", "中文规划", "，", "𠀀", "é", strings.Repeat("养老床位", 9), strings.Repeat("x", 40)}
	bad := []string{"\xff", "\xc0\xaf", "\xed\xa0\x80", "\xe4\xb8", "\xf4\x90\x80\x80", "\x80", "\xe0\x80\x80", "\xf0\x9f\x98"}
	rng := rand.New(rand.NewSource(3))
	invalid := 0
	for k := 0; k < 20000; k++ {
		s := randomText(rng, parts, 30)
		if k%2 == 1 {
			at := rng.Intn(len(s) + 1)
			for at > 0 && at < len(s) && !utf8.RuneStart(s[at]) {
				at--
			}
			s = s[:at] + bad[rng.Intn(len(bad))] + s[at:]
		}
		b := []byte(s)
		got, want := FirstInvalidUTF8(b), InvalidUTF8(b)
		if got != want || (got < 0) != utf8.Valid(b) {
			t.Fatalf("FirstInvalidUTF8(%q) = %d; InvalidUTF8 %d, utf8.Valid %v", s, got, want, utf8.Valid(b))
		}
		if got >= 0 {
			invalid++
		}
	}
	if invalid < 9000 {
		t.Fatalf("only %d of the texts were invalid: the test does not test the bad bytes", invalid)
	}
}

func TestInvalidUTF8Offsets(t *testing.T) {
	for in, want := range map[string]int{
		"":                   -1,
		"abc":                -1,
		"中文abcdefghijk中文":    -1,
		"abcdefghijklmn\xff": 14,
		"中\xe4\xb8":          3,
		"\xed\xa0\x80":       0, // a surrogate in UTF-8
		"ab\xe0\x80\x80":     2, // overlong
		"𠀀x\xc0\xaf":         5,
	} {
		if got := InvalidUTF8([]byte(in)); got != want {
			t.Errorf("InvalidUTF8(%q) = %d, want %d", in, got, want)
		}
	}
}

func FuzzInvalidUTF8(f *testing.F) {
	for _, s := range []string{"中文abc", "中\xe4\xb8", "\xed\xa0\x80中文中文", "ab\xe0\x80\x80", "𠀀x\xc0\xaf", "中文中文中文\xe4\xb8\x41中文"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		i := InvalidUTF8(b)
		if j := FirstInvalidUTF8(b); j != i {
			t.Fatalf("FirstInvalidUTF8 = %d, InvalidUTF8 = %d", j, i)
		}
		if (i < 0) != utf8.Valid(b) {
			t.Fatalf("InvalidUTF8 = %d, utf8.Valid = %v", i, utf8.Valid(b))
		}
		if i >= 0 {
			if !utf8.Valid(b[:i]) {
				t.Fatalf("bytes before %d are not valid", i)
			}
			if r, n := utf8.DecodeRune(b[i:]); r != utf8.RuneError || n != 1 {
				t.Fatalf("byte %d starts a valid rune", i)
			}
		}
	})
}

// FuzzUTF16: UTF16ToUTF8 gives back the text that was encoded, in both byte
// orders, supplementary characters (surrogate pairs) included, and fails on
// a lone surrogate.
func FuzzUTF16(f *testing.F) {
	f.Add("养老床位 abc é 𠀀😀 。")
	f.Add("")
	// Runs of four and more three-byte units (converted four at a time),
	// broken at each offset by an ASCII, two-byte or four-byte character,
	// and the edges of the three-byte range.
	f.Add("民政事业发展规划，养老服务体系建设。")
	f.Add("民政事业a发展规划é养老服务𠀀体系建设\u0800\uffff\ud7ff\ue000\u07ff")
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return
		}
		units := utf16.Encode([]rune(s))
		for _, big := range []bool{false, true} {
			b := utf16Bytes(units, big)
			got, ok := UTF16ToUTF8(nil, b, big)
			if !ok || string(got) != s {
				t.Fatalf("big-endian %v: %q, %v; want %q", big, got, ok, s)
			}
			if len(units) > 0 {
				lone := append([]byte{}, b...)
				lone = append(lone, 0xD8, 0x00)
				if big {
					lone[len(lone)-2], lone[len(lone)-1] = 0xD8, 0x00
				} else {
					lone[len(lone)-2], lone[len(lone)-1] = 0x00, 0xD8
				}
				if _, ok := UTF16ToUTF8(nil, lone, big); ok {
					t.Fatalf("a lone high surrogate at the end was accepted")
				}
			}
		}
	})
}

// utf16Bytes encodes code units in the given byte order.
func utf16Bytes(units []uint16, big bool) []byte {
	b := make([]byte, 0, 2*len(units))
	for _, u := range units {
		if big {
			b = append(b, byte(u>>8), byte(u))
		} else {
			b = append(b, byte(u), byte(u>>8))
		}
	}
	return b
}

// RuneLen agrees with utf8.RuneCountInString on valid UTF-8.
func TestRuneLen(t *testing.T) {
	for _, s := range []string{"", "a", "一", "民政事业发展“十四五”规划（2021—2025年）", "abcdefghijklmnop", "é🙂x一二三四五六七八九十"} {
		if got, want := RuneLen(s), utf8.RuneCountInString(s); got != want {
			t.Errorf("RuneLen(%q) = %d, want %d", s, got, want)
		}
	}
}
