package bytescan

import (
	"strings"
	"unsafe"
)

// What Census reports of a text.
const (
	CensusDropped = 1 << iota // a separator or bidi control (IsDroppedFormat)
	CensusBOMBar              // U+FEFF or ｜
	CensusIdeo                // U+3000
)

// Census reports which of a few rare characters text holds, in one pass:
// those that make a cleaner look at the lead bytes 0xE2 and 0xEF (see
// TableFor), and U+3000, which normalising a line must look for. Each of
// them starts with a lead byte that most Chinese punctuation shares, so a
// search for that byte would stop at every comma; with AVX2 the three-byte
// sequences are looked for 32 offsets at a time.
func Census(text string) uint32 {
	if !hasAVX2 || len(text) < 34 {
		return censusBytes(text)
	}
	n := (len(text) - 2) &^ 31 // the loads at +1 and +2 stay inside text
	bits := censusAVX2(unsafe.StringData(text), n)
	for i := n; i+2 < len(text); i++ {
		bits |= censusAt(text, i)
	}
	return bits
}

// censusAt is what Census reports of the character at text[i] (i+2 <
// len(text)).
func censusAt(text string, i int) uint32 {
	switch text[i] {
	case 0xE2:
		if IsDroppedFormat(text[i+1], text[i+2]) {
			return CensusDropped
		}
	case 0xEF:
		if text[i+1] == 0xBB && text[i+2] == 0xBF || text[i+1] == 0xBD && text[i+2] == 0x9C {
			return CensusBOMBar
		}
	case 0xE3:
		if text[i+1] == 0x80 && text[i+2] == 0x80 {
			return CensusIdeo
		}
	}
	return 0
}

// censusBytes is Census without AVX2: for each lead byte, the vectorised
// IndexByte and a look at what follows, until a match.
func censusBytes(text string) uint32 {
	var bits uint32
	for _, lead := range []byte{0xE2, 0xEF, 0xE3} {
		for i := 0; i+2 < len(text); i++ {
			j := strings.IndexByte(text[i:len(text)-2], lead)
			if j < 0 {
				break
			}
			i += j
			if c := censusAt(text, i); c != 0 {
				bits |= c
				break
			}
		}
	}
	return bits
}
