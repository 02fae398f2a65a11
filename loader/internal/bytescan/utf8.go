package bytescan

import (
	"encoding/binary"
	"math/bits"
	"unicode/utf8"
	"unsafe"

	asmutf8 "github.com/segmentio/asm/utf8"
)

// lead3 marks the lead bytes of three-byte UTF-8 sequences whose second
// byte may be any continuation byte (E1..EC, EE, EF: not E0 or ED).
var lead3 = func() (t [256]bool) {
	for c := 0xE1; c <= 0xEF; c++ {
		t[c] = c != 0xED
	}
	return t
}()

// InvalidUTF8 returns the offset of the first byte that is not valid UTF-8,
// or -1. It agrees with utf8.Valid, with fast paths for runs of ASCII and
// of the three-byte sequences of Chinese text.
func InvalidUTF8(b []byte) int {
	n := len(b)
	i := 0
	for i < n {
		// Three-byte characters, two at a time: leads at bytes 0 and 3,
		// continuation bytes at 1, 2, 4 and 5.
		for i+8 <= n {
			x := binary.LittleEndian.Uint64(b[i:])
			if !lead3[byte(x)] || !lead3[byte(x>>24)] || x&0x0000C0C000C0C000 != 0x0000808000808000 {
				break
			}
			i += 6
		}
		for i+3 <= n && lead3[b[i]] && binary.LittleEndian.Uint16(b[i+1:])&0xC0C0 == 0x8080 {
			i += 3
		}
		for i+8 <= n && binary.LittleEndian.Uint64(b[i:])&0x8080808080808080 == 0 {
			i += 8
		}
		if i >= n {
			break
		}
		if b[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size == 1 {
			return i
		}
		i += size
	}
	return -1
}

// segmentio/asm's UTF-8 validator runs AVX2 code where the CPU has it
// (hasAVX2): about 12 GB/s on the benchmark corpus, against 2.4 GB/s for
// InvalidUTF8 and 1.2 GB/s for utf8.Valid. Without AVX2 it falls back to
// utf8.Valid, which is slower than InvalidUTF8, so it is not used there.

// FirstInvalidUTF8 is InvalidUTF8, answering for valid text with a vector
// check where the CPU has one: valid text is the common case, and the
// offset of the first bad byte is needed only when there is one.
func FirstInvalidUTF8(b []byte) int {
	if hasAVX2 && asmutf8.Valid(b) {
		return -1
	}
	return InvalidUTF8(b)
}

// RuneLen counts runes, as utf8.RuneCountInString does for valid UTF-8:
// the bytes that are not continuation bytes (10xxxxxx), counted eight at
// a time. (On invalid UTF-8 it may count fewer runes than
// RuneCountInString.)
func RuneLen(s string) int {
	b := unsafe.Slice(unsafe.StringData(s), len(s)) // read only
	n := len(b)
	i := 0
	for ; i+8 <= len(b); i += 8 {
		x := binary.LittleEndian.Uint64(b[i:])
		n -= bits.OnesCount64(x &^ (x << 1) & 0x8080808080808080)
	}
	for ; i < len(b); i++ {
		if b[i]&0xC0 == 0x80 {
			n--
		}
	}
	return n
}
