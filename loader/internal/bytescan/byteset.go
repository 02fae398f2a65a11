package bytescan

// A vector search for the first byte of a set, for ScanLine: 32 bytes per
// step where the CPU has AVX2 (see byteset_amd64.s), against 8 for
// ScanLine's word loop.
//
// The set is held as two 16-byte tables, looked up by the low and the high
// half (nibble) of each byte: lo[c&15] & hi[c>>4] is not zero exactly for
// the bytes c of the set. Each high nibble the set uses gets one of eight
// bits, so any set whose bytes have at most eight distinct high nibbles
// fits (http://0x80.pl/articles/simd-byte-lookup.html, "universal
// algorithm").

// byteSet is a set of bytes as nibble tables.
type byteSet struct {
	lo, hi [16]byte
}

// newByteSet returns the set of the bytes tbl marks (not zero), or false
// if they use more than eight high nibbles.
func newByteSet(tbl *[256]uint8) (byteSet, bool) {
	var s byteSet
	bits := 0
	for h := 0; h < 16; h++ {
		var bit byte
		for l := 0; l < 16; l++ {
			if tbl[h<<4|l] == 0 {
				continue
			}
			if bit == 0 {
				if bits == 8 {
					return byteSet{}, false
				}
				bit = 1 << bits
				bits++
				s.hi[h] = bit
			}
			s.lo[l] |= bit
		}
	}
	return s, true
}

// has reports whether c is in the set, as the vector code computes it.
func (s *byteSet) has(c byte) bool { return s.lo[c&15]&s.hi[c>>4] != 0 }

// scanSets are the byteSets of scanTables, for ScanLine's vector path.
var scanSets = func() (sets [4]*byteSet) {
	for k := range scanTables {
		if s, ok := newByteSet(&scanTables[k]); ok {
			sets[k] = &s
		}
	}
	return sets
}()

// scanSetOf returns the byteSet of tbl when tbl is one of scanTables and
// the vector search can be used, else nil.
func scanSetOf(tbl *[256]uint8) *byteSet {
	if !hasAVX2 {
		return nil
	}
	for k := range scanTables {
		if tbl == &scanTables[k] {
			return scanSets[k]
		}
	}
	return nil
}

// indexSet returns the offset of the first byte of b[:len(b)&^31] in s, or
// len(b)&^31 if there is none: it looks at whole 32-byte blocks only,
// leaving the tail to the caller. Only called with hasAVX2.
func indexSet(b []byte, s *byteSet) int {
	if len(b) < 32 {
		return 0
	}
	return indexSetAVX2(&b[0], len(b)&^31, &s.lo, &s.hi)
}
