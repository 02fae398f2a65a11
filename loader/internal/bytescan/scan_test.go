package bytescan

import (
	"math/rand"
	"strings"
	"testing"
)

// randomText joins up to n random parts: the byte-level fast paths must
// agree with plain byte-by-byte code wherever a special byte falls,
// including across the words they read at once.
func randomText(rng *rand.Rand, parts []string, n int) string {
	var b strings.Builder
	for k := rng.Intn(n + 1); k > 0; k-- {
		b.WriteString(parts[rng.Intn(len(parts))])
	}
	return b.String()
}

func TestScanLineMatchesByteLoop(t *testing.T) {
	// ref is ScanLine one byte at a time.
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
				if i+2 < len(s) && IsDroppedFormat(s[i+1], s[i+2]) {
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
			gi, gp := ScanLine(s, tbl)
			wi, wp := ref(s, tbl)
			if gi != wi || gp != wp {
				t.Fatalf("ScanLine(%q, table %d) = %d, %v; want %d, %v", s, ti, gi, gp, wi, wp)
			}
		}
	}
}

// TestScanTablesHighBytes checks what ScanLine's test of a word without
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
				t.Errorf("scanTables[%d] has no vector set: ScanLine would not use the vector search", k)
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
		if got := Census(s); got != want {
			t.Fatalf("Census(%q) = %b, want %b", s, got, want)
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

// FuzzCensus: Census, with the vector code and without, says what a look
// at every offset says, on any valid text (a cleaner's input).
func FuzzCensus(f *testing.F) {
	for _, s := range []string{"a\nb", "[bookmark: x]y", "<p>x</p>&nbsp;", "目录\n一、甲\t1\n二、乙\t2",
		strings.Repeat("“养老”……，", 6) + "\u3000\u2066｜\ufeff"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var want uint32
		for i := 0; i+2 < len(s); i++ {
			want |= censusAt(s, i)
		}
		if got, got2 := Census(s), censusBytes(s); got != want || got2 != want {
			t.Fatalf("census = %b, censusBytes = %b, want %b", got, got2, want)
		}
	})
}
