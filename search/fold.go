package search

// The Traditional→Simplified table is internal/hanzi's (ts_table.go there).

import (
	"encoding/binary"
	"planview/internal/hanzi"
	"slices"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Folding makes text that a reader sees as "the same words" byte-identical,
// so that a plain substring search finds it. Fold maps every rune of its input
// on its own (no context), in this order:
//
//  1. NFKC compatibility form (golang.org/x/text/unicode/norm): full-width
//     letters, digits and punctuation become ASCII (Ａ１，→ A1,), Kangxi
//     radicals and CJK compatibility ideographs become the unified ideograph,
//     circled/parenthesised numbers and ligatures are spelled out (㈠ → (一)).
//  2. Whitespace (Unicode White_Space: space, tab, line breaks, NBSP,
//     U+3000 ideographic space …), control characters and invisible format
//     characters (zero-width space, BOM, soft hyphen) are dropped: plans
//     exported from PDF break phrases with line ends and stray spaces.
//  3. Traditional → Simplified characters, from OpenCC's TSCharacters table
//     (ts_table.go). A character with several Simplified candidates always
//     folds to the first one OpenCC lists, so query and text agree.
//  4. Lower case (unicode.ToLower), for Latin and other cased scripts.
//
// Folding is idempotent: Fold(Fold(s)) == Fold(s). Because folding is per
// rune, a combining sequence is not recomposed the way whole-string NFKC
// would; plan text is CJK and ASCII, where this never matters.

const (
	tabDrop = 0xFFFE // rune folds to nothing
	tabSlow = 0xFFFF // rune folds to several runes or to a rune beyond the BMP
)

var (
	foldOnce sync.Once
	// foldTab maps every BMP rune to its folded rune, or to tabDrop/tabSlow.
	foldTab []uint16
	// foldSlow holds the folded form of runes marked tabSlow and of runes
	// beyond the BMP whose fold is not themselves.
	foldSlow map[rune]string
	// tsIndex maps Traditional characters to Simplified (from hanzi.Pairs).
	tsIndex map[rune]rune
	// fold8 maps every BMP rune to its fold in UTF-8: the bytes in the low
	// three bytes, their number (0 to 3) in the top byte, or 0xFF there
	// when the fold is longer (see foldSlow).
	fold8 *[0x10000]uint32
)

func initFold() {
	foldOnce.Do(buildFold)
}

func buildFold() {
	tsIndex = make(map[rune]rune, len(hanzi.Pairs))
	for _, p := range hanzi.Pairs {
		tsIndex[p[0]] = p[1]
	}
	foldTab = make([]uint16, 0x10000)
	foldSlow = map[rune]string{}
	var buf [16]byte
	for r := rune(0); r < 0x10000; r++ {
		if r >= 0xD800 && r <= 0xDFFF { // surrogates never appear decoded
			foldTab[r] = tabDrop
			continue
		}
		f := foldRuneSlow(r, buf[:0])
		switch {
		case len(f) == 0:
			foldTab[r] = tabDrop
		default:
			c, n := utf8.DecodeRune(f)
			if n == len(f) && c < 0xFFFE {
				foldTab[r] = uint16(c)
			} else {
				foldTab[r] = tabSlow
				foldSlow[r] = string(f)
			}
		}
	}
	fold8 = new([0x10000]uint32)
	for r, v := range foldTab {
		switch {
		case v == tabDrop:
		case v == tabSlow:
			fold8[r] = 0xFF << 24
		default:
			var e [4]byte
			n := utf8.EncodeRune(e[:], rune(v))
			fold8[r] = uint32(n)<<24 | uint32(e[2])<<16 | uint32(e[1])<<8 | uint32(e[0])
		}
	}
	// Beyond the BMP: only runes NFKC or OpenCC change need an entry;
	// others fold to themselves (foldRuneHigh computes on demand).
	for _, p := range hanzi.Pairs {
		if p[0] >= 0x10000 {
			foldSlow[p[0]] = string(foldRuneSlow(p[0], buf[:0]))
		}
	}
	buildPack()
}

// dropRune reports whether r is ignored by searches.
func dropRune(r rune) bool {
	return unicode.IsSpace(r) || unicode.Is(unicode.Cc, r) || unicode.Is(unicode.Cf, r) ||
		r == utf8.RuneError || r == 0xFFFE || r == 0xFFFF
}

// foldRuneSlow computes the fold of one rune from first principles.
func foldRuneSlow(r rune, dst []byte) []byte {
	var src [4]byte
	n := utf8.EncodeRune(src[:], r)
	nf := src[:n]
	if norm.NFKC.Properties(nf).Decomposition() != nil {
		nf = norm.NFKC.Append(nil, nf...)
	}
	for len(nf) > 0 {
		c, size := utf8.DecodeRune(nf)
		nf = nf[size:]
		if dropRune(c) {
			continue
		}
		if s, ok := tsIndex[c]; ok {
			c = s
		}
		c = unicode.ToLower(c)
		// The lower-case form of a folded rune may itself have a
		// Traditional form only in pathological cases; fold again so the
		// result is stable.
		if s, ok := tsIndex[c]; ok {
			c = s
		}
		dst = utf8.AppendRune(dst, c)
	}
	return dst
}

// foldRuneHigh folds a rune beyond the BMP.
func foldRuneHigh(r rune, dst []byte) []byte {
	if s, ok := foldSlow[r]; ok {
		return append(dst, s...)
	}
	if norm.NFKC.PropertiesString(string(r)).Decomposition() == nil && !dropRune(r) {
		return utf8.AppendRune(dst, unicode.ToLower(r))
	}
	return foldRuneSlow(r, dst)
}

// appendFold appends the fold of s to dst. It is the fast path used to build
// the index: no offset map.
func appendFold(dst []byte, s string) []byte {
	initFold()
	tab := fold8
	// The fast paths below never write more bytes than they read, plus
	// at most three bytes of scratch beyond the end: keep that much room.
	j := len(dst)
	if cap(dst)-j < len(s)+4 {
		dst = slices.Grow(dst, len(s)+4)
	}
	b := dst[:cap(dst)]
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
			continue
		}
		// Fast path: a three-byte sequence (all of CJK) whose fold is a
		// BMP rune of at most three bytes, or nothing.
		if c&0xF0 == 0xE0 && i+2 < len(s) {
			c1, c2 := s[i+1], s[i+2]
			if c1&0xC0 == 0x80 && c2&0xC0 == 0x80 {
				r := rune(c&0x0F)<<12 | rune(c1&0x3F)<<6 | rune(c2&0x3F)
				if v := tab[r]; r >= 0x800 && v>>24 <= 3 {
					binary.LittleEndian.PutUint32(b[j:], v) // the top byte is scratch
					j += int(v >> 24)
					i += 3
					continue
				}
			}
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		dst = appendRune(dst[:j], r)
		j = len(dst)
		if cap(dst)-j < len(s)-i+4 {
			dst = slices.Grow(dst, len(s)-i+4)
		}
		b = dst[:cap(dst)]
	}
	return dst[:j]
}

// appendRune appends the fold of one non-ASCII rune.
func appendRune(dst []byte, r rune) []byte {
	if r >= 0x10000 {
		return foldRuneHigh(r, dst)
	}
	switch v := foldTab[r]; v {
	case tabDrop:
		return dst
	case tabSlow:
		return append(dst, foldSlow[r]...)
	default:
		return utf8.AppendRune(dst, rune(v))
	}
}

// Fold returns the folded form of s (see the package comment on folding).
func Fold(s string) string {
	return string(appendFold(make([]byte, 0, len(s)), s))
}

// FoldMap folds s and returns, with the folded text, its offset map: for
// each byte i of the folded text, offs[i] is the byte offset in s of the rune
// that produced it; offs[len(folded)] is len(s). OrigSpan turns a range of
// the folded text back into a range of s.
func FoldMap(s string) (folded string, offs []int) {
	initFold()
	b := make([]byte, 0, len(s))
	offs = make([]int, 0, len(s)+1)
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		n := len(b)
		if r < utf8.RuneSelf {
			b = appendFold(b, s[i:i+1])
		} else {
			b = appendRune(b, r)
		}
		for range len(b) - n {
			offs = append(offs, i)
		}
		i += size
	}
	offs = append(offs, len(s))
	return string(b), offs
}

// OrigSpan maps the folded range [fs, fe) of FoldMap(s) back to the range of
// s it came from: from the start of the rune that produced byte fs to the end
// of the rune that produced byte fe-1 (whitespace the fold dropped inside the
// range is included, around it is not). An empty range maps to an empty
// range at offs[fs].
func OrigSpan(s string, offs []int, fs, fe int) (start, end int) {
	start = offs[fs]
	if fe <= fs {
		return start, start
	}
	last := offs[fe-1]
	_, size := utf8.DecodeRuneInString(s[last:])
	return start, last + size
}

// Preimages returns the BMP runes that fold to r (r itself among them when
// it folds to itself): 护 → 护, 護. A caller looking for a folded phrase in
// text as written can skip text that holds no preimage of one of its runes.
func Preimages(r rune) []rune {
	initFold()
	var out []rune
	for c, v := range foldTab {
		if rune(v) == r && v != tabDrop && v != tabSlow {
			out = append(out, rune(c))
		}
	}
	return out
}
