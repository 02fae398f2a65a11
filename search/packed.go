package search

import (
	"encoding/binary"
	"math/bits"
	"slices"
	"sync"
	"unicode/utf8"
)

// The packed encoding: how the index stores folded text.
//
// An index keeps every plan's folded text (Fold's output, but for the zero
// byte between units) in memory, and that text is mostly CJK: 3 bytes a
// character in UTF-8. The index stores it instead in a private encoding
// where a CJK character takes 2 bytes, and each of the 91 characters most
// frequent in plans (、。的 发展 建设 服务 …) takes 1. A character's first
// byte tells how many bytes it has, and how many it has in UTF-8:
//
//	00        the separator between two units (the fold drops U+0000)
//	01–7F     an ASCII rune, as in UTF-8, but for the bytes the fold never
//	          emits (controls 01–1F and 7F, space 20, capitals 41–5A), which
//	          stand, with 80–9F, for the frequent runes: singleRune[b]
//	A0–FC x   rune pages[b-0xA0]<<8 | x: one of 93 pages of 256 runes, the
//	          82 of CJK Unified Ideographs (U+4E00–U+9FFF), CJK punctuation
//	          (U+3000–U+30FF), Latin-1, Latin Extended-A, Greek, Cyrillic,
//	          general punctuation (“” —), letterlike symbols and arrows, math
//	          operators (≥), geometric shapes (●■), misc symbols, dingbats
//	FD x y    any other rune below U+0800: x<<8 | y
//	FE x y    any other rune of the BMP: x<<8 | y
//	FF x y z  a rune beyond the BMP: x<<16 | y<<8 | z
//
// Every rune has exactly one packed form (appendPackedRune; a frequent
// rune is never written in its page form), so folded text that is equal
// packs to equal bytes: a byte-wise match of a packed query that starts on
// a character boundary matches the query's characters, all of them, and
// never spans two units (the query has no separator).
//
// The encoding is not self-synchronising: the second byte of a character
// may take any value, 00 included, so a byte-wise match can start inside a
// character. Every match is checked by walking the text from a known
// boundary, the start of its unit (walker), and that walk also gives the
// match's offset in the UTF-8 folded text (Fold's output), in which results
// count: the packed encoding is the index's business only.

// frequent lists the runes packed in one byte, in the order of singleBytes:
// the 91 most frequent characters of 3 UTF-8 bytes in the seed plans (民政
// plans of several provinces; they make 47% of their folded text). Any
// other text packs just as correctly, in 2 bytes a character.
const frequent = "、。社务服会建的政民人设工作理区化全和老养展发实机制保助加年业基进救推市力强管善治动提村构新等公度体组中为乡织规完一能合行施“”生成事标大困地家平儿开护城障对性有员持系本法项用立与准"

// singleBytes lists the bytes that stand for a frequent rune.
var singleBytes = func() []byte {
	var b []byte
	for c := 1; c < leadPage; c++ {
		if c <= ' ' || c >= 'A' && c <= 'Z' || c >= 0x7F {
			b = append(b, byte(c))
		}
	}
	return b
}()

// pages lists the 256-rune pages packed in 2 bytes, in lead byte order.
var pages = func() []uint8 {
	p := []uint8{0x00, 0x01, 0x03, 0x04, 0x20, 0x21, 0x22, 0x25, 0x26, 0x27, 0x30}
	for pg := 0x4E; pg <= 0x9F; pg++ {
		p = append(p, uint8(pg))
	}
	return p
}()

const (
	leadPage = 0xA0
	leadEsc2 = 0xFD // rune < U+0800 outside the pages
	leadEsc3 = 0xFE // other BMP rune
	leadEsc4 = 0xFF // beyond the BMP
)

var (
	// packedLen tells, for the first byte of a packed character, its
	// length packed (low four bits) and in UTF-8 (high four bits). The
	// separator counts 1 and 1: it stands for the zero byte between units.
	packedLen [256]uint8
	// pageLead maps a page (rune>>8) to its lead byte, 0 if not packed in 2
	// bytes.
	pageLead [256]uint8
	// singleRune maps a byte of singleBytes to its frequent rune, other
	// bytes to 0; frequentCode is its inverse.
	singleRune   [256]rune
	frequentCode map[rune]byte
	// pack8 maps every BMP rune to its fold, packed: the bytes in the low
	// three bytes (in order), their number (0 to 3) in bits 24–27, the
	// fold's length in UTF-8 in bits 28–31; 0xF in bits 24–27 when the fold
	// takes the slow path (several runes, or beyond the BMP).
	pack8 *[0x10000]uint32
)

const packSlow = 0xF << 24

// buildPack makes the tables above; buildFold calls it once foldTab is made.
func buildPack() {
	runes := []rune(frequent)
	if len(runes) != len(singleBytes) {
		panic("search: frequent must list one rune per single byte")
	}
	frequentCode = make(map[rune]byte, len(runes))
	for i, r := range runes {
		if r < 0x800 || r >= 0x10000 || frequentCode[r] != 0 {
			panic("search: a frequent rune must be a distinct BMP rune of 3 UTF-8 bytes")
		}
		frequentCode[r] = singleBytes[i]
		singleRune[singleBytes[i]] = r
	}
	if len(pages) != leadEsc2-leadPage {
		panic("search: pages must fill the lead bytes A0–FC")
	}
	for i, pg := range pages {
		pageLead[pg] = byte(leadPage + i)
	}
	for b := range 256 {
		switch {
		case singleRune[b] != 0:
			packedLen[b] = 3<<4 | 1
		case b < leadPage:
			packedLen[b] = 1<<4 | 1
		case b < leadEsc2:
			u := 3
			if pages[b-leadPage] < 0x08 {
				u = 2
			}
			packedLen[b] = uint8(u<<4 | 2)
		case b == leadEsc2:
			packedLen[b] = 2<<4 | 3
		case b == leadEsc3:
			packedLen[b] = 3<<4 | 3
		default:
			packedLen[b] = 4<<4 | 4
		}
	}
	pack8 = new([0x10000]uint32)
	var e [8]byte
	for r, v := range foldTab {
		switch v {
		case tabDrop:
		case tabSlow:
			pack8[r] = packSlow
		default:
			p := appendPackedRune(e[:0], rune(v))
			var w uint32
			for k, c := range p {
				w |= uint32(c) << (8 * k)
			}
			pack8[r] = w | uint32(len(p))<<24 | uint32(utf8.RuneLen(rune(v)))<<28
		}
	}
}

// appendPackedRune appends the packed form of r, a rune the fold can emit
// (not U+0000, an ASCII control, space or capital: their bytes mean
// something else).
func appendPackedRune(dst []byte, r rune) []byte {
	switch {
	case r < utf8.RuneSelf:
		return append(dst, byte(r))
	case r >= 0x10000:
		return append(dst, leadEsc4, byte(r>>16), byte(r>>8), byte(r))
	}
	if c, ok := frequentCode[r]; ok {
		return append(dst, c)
	}
	if lead := pageLead[r>>8]; lead != 0 {
		return append(dst, lead, byte(r))
	}
	if r < 0x800 {
		return append(dst, leadEsc2, byte(r>>8), byte(r))
	}
	return append(dst, leadEsc3, byte(r>>8), byte(r))
}

// unpackRune decodes the packed character at the start of p: its rune and
// packed length. It returns (utf8.RuneError, 1) for a truncated character.
func unpackRune(p []byte) (rune, int) {
	c := p[0]
	n := int(packedLen[c] & 15)
	if len(p) < n {
		return utf8.RuneError, 1
	}
	switch {
	case c < leadPage:
		if r := singleRune[c]; r != 0 {
			return r, 1
		}
		return rune(c), 1
	case c < leadEsc2:
		return rune(pages[c-leadPage])<<8 | rune(p[1]), 2
	case c < leadEsc4:
		return rune(p[1])<<8 | rune(p[2]), 3
	}
	return rune(p[1])<<16 | rune(p[2])<<8 | rune(p[3]), 4
}

// unpack returns packed text in UTF-8 (the separator as a zero byte).
func unpack(p []byte) []byte {
	out := make([]byte, 0, len(p)*3/2)
	for i := 0; i < len(p); {
		r, n := unpackRune(p[i:])
		out = utf8.AppendRune(out, r)
		i += n
	}
	return out
}

// appendPacked appends the fold of s to dst, packed, and returns the
// length of the fold in UTF-8 too. It is appendFold with another table.
func appendPacked(dst []byte, s string) ([]byte, int) {
	initFold()
	tab := pack8
	// The fast paths below never write more bytes than they read, plus
	// at most three bytes of scratch beyond the end: keep that much room.
	j := len(dst)
	if cap(dst)-j < len(s)+4 {
		dst = slices.Grow(dst, len(s)+4)
	}
	b := dst[:cap(dst)]
	n8 := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			if c-'A' < 26 {
				c += 'a' - 'A'
			} else if c <= ' ' || c == 0x7f {
				continue // whitespace and control characters: dropped
			}
			b[j] = c
			j++
			n8++
			continue
		}
		// Fast path: a three-byte sequence (all of CJK) whose fold is a
		// BMP rune, or nothing.
		if c&0xF0 == 0xE0 && i+2 < len(s) {
			c1, c2 := s[i+1], s[i+2]
			if c1&0xC0 == 0x80 && c2&0xC0 == 0x80 {
				r := rune(c&0x0F)<<12 | rune(c1&0x3F)<<6 | rune(c2&0x3F)
				if v := tab[r]; r >= 0x800 && v&packSlow != packSlow {
					binary.LittleEndian.PutUint32(b[j:], v) // the top byte is scratch
					j += int(v >> 24 & 15)
					n8 += int(v >> 28)
					i += 3
					continue
				}
			}
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		var f [32]byte
		dst = dst[:j]
		for _, fr := range string(appendRune(f[:0], r)) {
			dst = appendPackedRune(dst, fr)
			n8 += utf8.RuneLen(fr)
		}
		j = len(dst)
		if cap(dst)-j < len(s)-i+4 {
			dst = slices.Grow(dst, len(s)-i+4)
		}
		b = dst[:cap(dst)]
	}
	return dst[:j], n8
}

// pack returns folded text (Fold's output), packed.
func pack(folded string) []byte {
	p, _ := appendPacked(nil, folded) // folding is idempotent
	return p
}

// walker tells which offsets of a plan's packed text are character
// boundaries, by walking the text from the start of the offset's unit, and
// gives their offsets in the UTF-8 folded text. Offsets must be asked in
// increasing order; each walk goes on from where the last one stopped when
// it is in the same unit, so checking many offsets costs at most one walk
// over the text.
//
// The walk carries from byte to byte only whether a character starts
// there: one does after a byte below A0 (a whole character, or the second
// byte of a 2-byte one) and after a byte that does not start one; a byte
// from A0 that starts one starts a 2-byte character, unless it is an
// escape (FD–FF), which the walk skips whole. So the walk needs no lookup
// from one character to the next, and takes 8 bytes at a time where none
// is FD–FF: which of them start a character comes from a table (walk8),
// indexed by the bytes from A0 on, and the UTF-8 lengths from bit tricks
// on the word. Queries of a frequent character (的) check a hit every
// hundred bytes or so, so this walk is most of their cost.
type walker struct {
	buf   []byte
	units []unit
	ui    int // the unit of the last offset asked, -1 before the first
	next  int // the start of unit ui+1 (len(buf)+1 after the last unit)
	// The walk has reached at, in unit ui: at8 is the UTF-8 length of the
	// characters of the text that start before at, and start is 1 if a
	// character starts at at, 0 if at is its second byte.
	at, at8, start int
}

func newWalker(buf []byte, units []unit) walker {
	return walker{buf: buf, units: units, ui: -1}
}

// boundary reports whether pos starts a character, and if so its UTF-8
// offset.
func (w *walker) boundary(pos int) (int, bool) {
	if w.ui < 0 || pos >= w.next {
		w.ui = unitAt(w.units, pos, len(w.buf))
		u := &w.units[w.ui]
		w.at, w.at8, w.start = int(u.start), int(u.start8), 1
		w.next = len(w.buf) + 1
		if w.ui+1 < len(w.units) {
			w.next = int(w.units[w.ui+1].start)
		}
	}
	at, at8, s := w.at, w.at8, w.start
	buf := w.buf[:pos]
	for at < len(buf) {
		if at+8 <= len(buf) {
			x := binary.LittleEndian.Uint64(buf[at:])
			y := x & low7
			if x&(y+0x0303030303030303)&high == 0 { // no byte ≥ FD
				// Flags in bit 7 of each byte: lead for A0–FC, whence
				// the start flags (walk8); then the UTF-8 length less
				// one of the characters that start: 2 for a frequent
				// rune or a lead from A4 on (pages from U+0800), 1 for
				// the leads A0–A3 (pages below U+0800), 0 for ASCII
				// and the separator.
				lead := x & (y + 0x6060606060606060) & high
				st := walk8[s][movemask(lead)]
				starts := expand8[uint8(st)]
				lead3 := x & (y + 0x5C5C5C5C5C5C5C5C) & high
				ascii := ^x & high
				single := x&^lead&high |
					ascii&(y+0x7F7F7F7F7F7F7F7F)&^(y+0x5F5F5F5F5F5F5F5F) |
					ascii&(y+0x3F3F3F3F3F3F3F3F)&^(y+0x2525252525252525) |
					ascii&(y+0x0101010101010101)
				extra := (single>>7)*2 + lead>>7 + lead3>>7
				at8 += bits.OnesCount64(starts&0x0101010101010101) + hsum(extra&starts)
				s = int(st >> 8)
				at += 8
				continue
			}
		}
		c := buf[at]
		if c >= leadEsc2 && s == 1 { // rare: an escaped character
			l := packedLen[c]
			at += int(l & 15)
			at8 += int(l >> 4)
			continue
		}
		at8 += int(packedLen[c]>>4) & -s
		s = below(c) | (s ^ 1) // c < A0, or no start at c
		at++
	}
	w.at, w.at8, w.start = at, at8, s
	return at8, at == pos && s == 1
}

// Eight bytes at once, in a word without escapes (walker.boundary).

const (
	low7 = 0x7F7F7F7F7F7F7F7F
	high = 0x8080808080808080
)

var (
	// walk8[s][m], for 8 bytes of which those at the bits of m are from
	// A0 on, with a character starting at the first byte if s is 1: bit i
	// tells whether one starts at byte i, and bit 8 whether one starts
	// after the 8 bytes (the rule of walker).
	walk8 [2][256]uint16
	// expand8[m] has byte i all ones if bit i of m is set.
	expand8 [256]uint64
)

func init() {
	for s0 := range 2 {
		for m := range 256 {
			s, st := s0, 0
			for i := range 8 {
				st |= s << i
				s = (m>>i&1 ^ 1) | (s ^ 1)
			}
			walk8[s0][m] = uint16(st | s<<8)
		}
	}
	for m := range 256 {
		for i := range 8 {
			if m>>i&1 != 0 {
				expand8[m] |= 0xFF << (8 * i)
			}
		}
	}
}

// movemask gathers bit 7 of each byte of x (the other bits clear) into a
// byte, byte i to bit i.
func movemask(x uint64) uint8 { return uint8((x >> 7) * 0x0102040810204080 >> 56) }

// hsum adds up the bytes of x (their sum below 256).
func hsum(x uint64) int { return int(x * 0x0101010101010101 >> 56) }

// below is 1 if c < A0 (a character starts after c), else 0.
func below(c byte) int { return int((uint64(c) - leadPage) >> 63) }

// unitAt returns the index of the last unit that starts at or before pos
// in a text of n bytes. The table is mostly cold in the cache when a search
// asks: it guesses from pos/n, then gallops from the guess and bisects, so
// that it touches a few cache lines rather than one per halving.
func unitAt(units []unit, pos, n int) int {
	g := min(int(int64(pos)*int64(len(units))/int64(max(n, 1))), len(units)-1)
	// Find lo ≤ hi with units[lo].start ≤ pos < units[hi].start (hi may
	// be len(units)).
	lo, hi := g, g+1
	if int(units[g].start) <= pos {
		for step := 1; hi < len(units) && int(units[hi].start) <= pos; step *= 2 {
			lo, hi = hi, min(hi+step, len(units))
		}
	} else {
		for step := 1; int(units[lo].start) > pos; step *= 2 {
			hi, lo = lo, max(lo-step, 0)
		}
	}
	for hi-lo > 1 {
		m := int(uint(lo+hi) >> 1)
		if int(units[m].start) <= pos {
			lo = m
		} else {
			hi = m
		}
	}
	return lo
}

// verify keeps the candidates (byte-wise matches, in increasing order)
// that start on a character boundary, and returns their UTF-8 offsets and
// packed offsets. It reuses cands for the packed offsets.
func verify(buf []byte, units []unit, cands []int32) (all, packed []int32) {
	w := newWalker(buf, units)
	packed = cands[:0]
	for _, pos := range cands {
		if pos8, ok := w.boundary(int(pos)); ok {
			all = append(all, int32(pos8))
			packed = append(packed, pos)
		}
	}
	return all, packed
}

// arena hands out slices carved from shared blocks, so that the thousands
// of per-plan buffers of an index do not each round up to a size class or
// a whole page of the allocator. Slices of more than a quarter block get an
// allocation of their own.
type arena[T any] struct {
	mu    sync.Mutex
	block int // elements per block
	free  []T
}

// alloc returns a zeroed slice of n elements, of capacity n.
func (a *arena[T]) alloc(n int) []T {
	if n > a.block/4 {
		return make([]T, n)
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	if len(a.free) < n {
		a.free = make([]T, a.block)
	}
	s := a.free[:n:n]
	a.free = a.free[n:]
	return s
}

// clone returns a copy of s in the arena.
func (a *arena[T]) clone(s []T) []T {
	out := a.alloc(len(s))
	copy(out, s)
	return out
}
