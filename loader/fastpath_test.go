package loader

import (
	"math/rand"
	"strings"
	"testing"
	"unicode/utf16"
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

func TestScanLineMatchesByteLoop(t *testing.T) {
	// ref is scanLine one byte at a time.
	ref := func(s string, tbl *[256]uint8) (int, bool) {
		i := 0
		for i < len(s) && (s[i] == ' ' || s[i] == '\t') {
			i++
		}
		pipe := false
		for ; i < len(s); i++ {
			c := s[i]
			if tbl[c] == 0 {
				continue
			}
			switch c {
			case '|':
				pipe = true
			case 0xC2:
				if i+1 < len(s) && s[i+1] <= 0xA0 {
					return i, false
				}
			case 0xE2:
				if i+2 < len(s) && isDroppedFormat(s[i+1], s[i+2]) {
					return i, false
				}
			case 0xEF:
				if strings.HasPrefix(s[i:], "\uFEFF") {
					return i, false
				}
				if strings.HasPrefix(s[i:], "｜") {
					pipe = true
				}
			default:
				return i, false
			}
		}
		return -1, pipe
	}
	parts := []string{" ", "\t", "a", "年", "，", "“", "|", "｜", "[", "<", "&", "\x1b", "\x7f",
		"\u00a0", "\u00b7", "\u0085", "\u2028", "\u202e", "\u2066", "\ufeff", "\xc2", "\xe2\x80", "12345678",
		"民政事业发展", "养老服务体系", "”。", "\xef\xbb", "\xc2\xc2"}
	// Long runs with no byte to look at, too, for the 32-byte vector
	// search where the CPU has one (see byteset.go).
	long := append(parts[:len(parts):len(parts)], strings.Repeat("民政事业发展", 6), strings.Repeat("abc 123 ", 5))
	rng := rand.New(rand.NewSource(2))
	for k := 0; k < 100000; k++ {
		s := randomText(rng, parts, 16)
		if k%2 == 1 {
			s = randomText(rng, long, 48)
		}
		for ti := range scanTables {
			tbl := &scanTables[ti]
			gi, gp := scanLine(s, tbl)
			wi, wp := ref(s, tbl)
			if gi != wi || gp != wp {
				t.Fatalf("scanLine(%q, table %d) = %d, %v; want %d, %v", s, ti, gi, gp, wi, wp)
			}
		}
	}
}

// TestScanTablesHighBytes checks what scanLine's test of a word without
// ASCII bytes relies on: of the bytes from 0x80 up, a scan table marks
// none but C2, E2 and EF.
func TestScanTablesHighBytes(t *testing.T) {
	for ti, tbl := range append([][256]uint8{scanTable}, scanTables[:]...) {
		for c := 0x80; c < 0x100; c++ {
			if tbl[c] != 0 && c != 0xC2 && c != 0xE2 && c != 0xEF {
				t.Errorf("table %d marks byte %#x", ti, c)
			}
		}
	}
}

// TestHasHighByte checks the word-wide test against the eight bytes, on
// words of bytes from 0x80 up, with the byte looked for planted in half.
func TestHasHighByte(t *testing.T) {
	rng := rand.New(rand.NewSource(3))
	for k := 0; k < 200000; k++ {
		x := rng.Uint64() | hiBits
		c := byte(0x80 + rng.Intn(0x80))
		if k%2 == 0 { // plant c in a random byte
			sh := uint(rng.Intn(8)) * 8
			x = x&^(0xFF<<sh) | uint64(c)<<sh
		}
		want := false
		for sh := uint(0); sh < 64; sh += 8 {
			want = want || byte(x>>sh) == c
		}
		if got := hasHighByte(x, uint64(c)*loBits); got != want {
			t.Fatalf("hasHighByte(%#x, %#x) = %v, want %v", x, c, got, want)
		}
	}
}

// TestUTF16MatchesStdlib: utf16ToUTF8, which converts runs of three-byte
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
			got, ok := utf16ToUTF8(nil, b, big)
			if ok != valid || ok && string(got) != want {
				t.Fatalf("units %04x, big-endian %v: %q, %v; want %q, %v", units, big, got, ok, want, valid)
			}
		}
	}
}

// firstInvalidUTF8 (a vector check first, where the CPU has one) finds the
// same first bad byte as invalidUTF8 and utf8.Valid, in texts long enough
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
		got, want := firstInvalidUTF8(b), invalidUTF8(b)
		if got != want || (got < 0) != utf8.Valid(b) {
			t.Fatalf("firstInvalidUTF8(%q) = %d; invalidUTF8 %d, utf8.Valid %v", s, got, want, utf8.Valid(b))
		}
		if got >= 0 {
			invalid++
		}
	}
	if invalid < 9000 {
		t.Fatalf("only %d of the texts were invalid: the test does not test the bad bytes", invalid)
	}
}

// A byteSet holds exactly the bytes its table marks, for each scan table.
func TestByteSetOfScanTables(t *testing.T) {
	for ti, tbl := range append([][256]uint8{scanTable}, scanTables[:]...) {
		set, ok := newByteSet(&tbl)
		if !ok {
			t.Fatalf("table %d: more than eight high nibbles", ti)
		}
		for c := 0; c < 256; c++ {
			if set.has(byte(c)) != (tbl[c] != 0) {
				t.Errorf("table %d, byte %#x: in set %v, marked %v", ti, c, set.has(byte(c)), tbl[c] != 0)
			}
		}
	}
	if hasAVX2 {
		for k := range scanTables {
			if scanSetOf(&scanTables[k]) == nil {
				t.Errorf("scanTables[%d] has no vector set: scanLine would not use the vector search", k)
			}
		}
	}
	var nine [256]uint8
	for h := 0; h < 9; h++ {
		nine[h<<4|1] = 1
	}
	if _, ok := newByteSet(&nine); ok {
		t.Error("a set with nine high nibbles fits the tables")
	}
}

// indexSet finds the first byte of random sets in random bytes, as a plain
// loop over the whole 32-byte blocks does.
func TestIndexSetMatchesLoop(t *testing.T) {
	if !hasAVX2 {
		t.Skip("no AVX2: indexSet is not used")
	}
	rng := rand.New(rand.NewSource(4))
	for k := 0; k < 20000; k++ {
		var tbl [256]uint8
		nibbles := rng.Perm(16)[:1+rng.Intn(8)]
		for m := rng.Intn(12); m >= 0; m-- {
			tbl[nibbles[rng.Intn(len(nibbles))]<<4|rng.Intn(16)] = 1
		}
		set, ok := newByteSet(&tbl)
		if !ok {
			t.Fatal("a set of at most eight high nibbles does not fit")
		}
		b := make([]byte, rng.Intn(300))
		for i := range b {
			b[i] = byte(rng.Intn(256))
			for tbl[b[i]] != 0 && rng.Intn(8) != 0 { // marked bytes rarer
				b[i] = byte(rng.Intn(256))
			}
		}
		want := len(b) &^ 31
		for i := 0; i < len(b)&^31; i++ {
			if tbl[b[i]] != 0 {
				want = i
				break
			}
		}
		if got := indexSet(b, &set); got != want {
			t.Fatalf("indexSet(%x) = %d, want %d", b, got, want)
		}
	}
}

// census, with the vector code and without, reports what a look at every
// offset reports, on random texts with the characters it looks for and
// their near misses (… E2 80 A6, ａ EF BD 81, 。 E3 80 82) anywhere.
func TestCensusMatchesEveryOffset(t *testing.T) {
	parts := []string{"a", "年", "，", "。", "、", "“", "”", "…", "ａ", "｝", "\u2028", "\u202e", "\u2066", "\u2069",
		"\u206a", "\ufeff", "｜", "\u3000", "\xe2\x80", "\xe3\x80", "\xef\xbb", strings.Repeat("民政事业发展", 6)}
	rng := rand.New(rand.NewSource(6))
	seen := [3]int{}
	for k := 0; k < 50000; k++ {
		s := randomText(rng, parts, 40)
		var want uint32
		for i := 0; i+2 < len(s); i++ {
			want |= censusAt(s, i)
		}
		for b := range seen {
			if want&(1<<b) != 0 {
				seen[b]++
			}
		}
		if got := census(s); got != want {
			t.Fatalf("census(%q) = %b, want %b", s, got, want)
		}
		if got := censusBytes(s); got != want {
			t.Fatalf("censusBytes(%q) = %b, want %b", s, got, want)
		}
	}
	for b, n := range seen {
		if n < 1000 || n > 49000 {
			t.Errorf("bit %d set in %d of 50,000 texts: the test does not tell", b, n)
		}
	}
}
