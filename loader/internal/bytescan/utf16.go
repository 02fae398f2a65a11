package bytescan

import (
	"encoding/binary"
	"unicode/utf16"
	"unicode/utf8"
)

// UTF16ToUTF8 converts UTF-16 (no BOM) to UTF-8, into *dst's space when
// dst is not nil (see Room). It fails on an odd length or an unpaired
// surrogate (where a decoder would put U+FFFD).
func UTF16ToUTF8(dst *[]byte, b []byte, bigEndian bool) ([]byte, bool) {
	if len(b)%2 != 0 {
		return nil, false
	}
	// Each code unit makes at most three bytes (a surrogate pair, two
	// units, makes four): out is written by index, never grown.
	out := Room(dst, len(b)/2*3)
	n := 0
	unit := func(w []byte) rune {
		if bigEndian {
			return rune(binary.BigEndian.Uint16(w))
		}
		return rune(binary.LittleEndian.Uint16(w))
	}
	const (
		lanes  = 0x0001000100010001
		top    = 0x8000800080008000
		high5  = 0xF800F800F800F800
		surrog = 0xD800D800D800D800
	)
	for w := b; len(w) >= 2; w = w[2:] {
		// Four units at a time while all four make three bytes (U+0800
		// and up, no surrogate): runs of Chinese text, punctuation too.
		for len(w) >= 8 {
			x := binary.LittleEndian.Uint64(w)
			if bigEndian {
				x = x&0x00FF00FF00FF00FF<<8 | x>>8&0x00FF00FF00FF00FF
			}
			m := x & high5 // a lane is 0 under U+0800, 0xD800 for a surrogate
			if (m-lanes)&^m&top != 0 {
				break
			}
			if y := m ^ surrog; (y-lanes)&^y&top != 0 {
				break
			}
			// The twelve bytes, in a word and a half-word.
			v0, v1, v2, v3 := utf8Of3(x), utf8Of3(x>>16), utf8Of3(x>>32), utf8Of3(x>>48)
			o := out[n : n+12 : n+12]
			binary.LittleEndian.PutUint64(o, v0|v1<<24|v2<<48)
			binary.LittleEndian.PutUint32(o[8:], uint32(v2>>16|v3<<8))
			n += 12
			w = w[8:]
		}
		if len(w) < 2 {
			break
		}
		u := unit(w)
		switch {
		case u >= 0x800 && (u < 0xD800 || u > 0xDFFF): // most of Chinese text
			o := out[n : n+3 : n+3]
			o[0], o[1], o[2] = 0xE0|byte(u>>12), 0x80|byte(u>>6&0x3F), 0x80|byte(u&0x3F)
			n += 3
		case u < 0x80:
			out[n] = byte(u)
			n++
		case u < 0x800:
			o := out[n : n+2 : n+2]
			o[0], o[1] = 0xC0|byte(u>>6), 0x80|byte(u&0x3F)
			n += 2
		case u <= 0xDBFF && len(w) >= 4: // high surrogate
			u2 := unit(w[2:])
			if u2 < 0xDC00 || u2 > 0xDFFF {
				return nil, false
			}
			n += utf8.EncodeRune(out[n:], utf16.DecodeRune(u, u2))
			w = w[2:]
		default:
			return nil, false
		}
	}
	return out[:n], true
}

// utf8Of3 returns the three-byte UTF-8 encoding of the code unit in the
// low 16 bits of x (U+0800 and up), first byte lowest.
func utf8Of3(x uint64) uint64 {
	return 0x8080E0 | x>>12&0x0F | (x>>6&0x3F)<<8 | (x&0x3F)<<16
}

// Room returns a buffer of length n: *dst's space when dst is not nil
// (grown if too small, and kept in *dst for next time), else a new one.
func Room(dst *[]byte, n int) []byte {
	if dst == nil {
		return make([]byte, n)
	}
	if cap(*dst) < n {
		*dst = make([]byte, n)
	}
	return (*dst)[:n]
}
