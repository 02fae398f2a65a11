package loader

// The decode stage: bytes → text with LF line ends, or one clear reason why
// the file is not a plan. UTF-8 validation and UTF-16 conversion are
// bytescan's; which encoding a file is in, and when it is no plan, is
// decided here (thresholds in limits.go).

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
	"unsafe"

	"planview/loader/internal/bytescan"

	"golang.org/x/text/encoding/simplifiedchinese"
	xunicode "golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// Reasons a file is rejected. Each error the loader returns for such a file
// wraps one of these, so callers can tell them apart with errors.Is.
var (
	ErrEmpty    = errors.New("empty file, not a plan")
	ErrBlank    = errors.New("only whitespace, not a plan")
	ErrBinary   = errors.New("binary file, not a plan")
	ErrEncoding = errors.New("undecodable text, not a plan")
	ErrTooLarge = errors.New("file too large, not a plan")
	ErrNoText   = errors.New("only conversion debris, not a plan")
)

// rejectError is a rejection with its detail: "binary file (NUL byte at
// offset 12), not a plan".
type rejectError struct {
	kind   error
	detail string
}

func (e *rejectError) Error() string {
	if e.detail == "" {
		return e.kind.Error()
	}
	// "binary file, not a plan" + "NUL byte at offset 12" →
	// "binary file (NUL byte at offset 12), not a plan"
	msg := e.kind.Error()
	if i := strings.IndexByte(msg, ','); i > 0 {
		return msg[:i] + " (" + e.detail + ")" + msg[i:]
	}
	return msg + " (" + e.detail + ")"
}

func (e *rejectError) Unwrap() error { return e.kind }

func reject(kind error, format string, args ...any) error {
	return &rejectError{kind: kind, detail: fmt.Sprintf(format, args...)}
}

// checkSize rejects a file of n bytes when it is over MaxSize.
func checkSize(n int64) error {
	if n > MaxSize {
		return reject(ErrTooLarge, "over the %d MiB limit", MaxSize>>20)
	}
	return nil
}

var (
	bomUTF8    = []byte{0xEF, 0xBB, 0xBF}
	bomUTF16LE = []byte{0xFF, 0xFE}
	bomUTF16BE = []byte{0xFE, 0xFF}
)

// decode turns the bytes of a file into text with LF line ends. It accepts
// UTF-8 with or without a BOM, UTF-16 LE or BE with a BOM (or without one
// when the NUL bytes of ASCII characters make the byte order plain), and
// GB18030 when the bytes are not valid UTF-8. A decoding that would need a
// replacement character (U+FFFD) means "not this encoding" — except for
// UTF-8 with a few damaged bytes (see damagedUTF8), which decodeDamaged
// loads with U+FFFD in their place; decode ignores that damage.
//
// decode takes ownership of b: it may rewrite b in place and the returned
// string may share b's memory, so the caller must not use b afterwards.
func decode(b []byte) (string, error) {
	s, _, err := decodeDamaged(b)
	return s, err
}

// damage describes the bytes of mostly valid UTF-8 that decoding replaced
// with U+FFFD: how many, and the line of the first one. A zero damage means
// none.
type damage struct {
	bytes int // damaged bytes replaced
	line  int // 1-based line of the first one
}

// warning is the message of a file loaded with damaged bytes.
func (d damage) warning() error {
	if d.bytes == 1 {
		return errors.New("1 damaged byte replaced with U+FFFD")
	}
	return fmt.Errorf("%d damaged bytes replaced with U+FFFD", d.bytes)
}

// decodeDamaged is decode that loads UTF-8 with a few damaged bytes (see
// damagedUTF8) instead of rejecting it: each run of bad bytes becomes one
// U+FFFD, and the damage is reported.
func decodeDamaged(b []byte) (string, damage, error) { return decodeDamagedInto(b, nil) }

// decodeDamagedInto is decodeDamaged decoding UTF-16 and GB18030 into
// *dst's space when dst is not nil (growing it as needed): the text then
// shares that memory.
func decodeDamagedInto(b []byte, dst *[]byte) (string, damage, error) {
	if len(b) == 0 {
		return "", damage{}, ErrEmpty
	}
	if err := checkSize(int64(len(b))); err != nil {
		return "", damage{}, err
	}
	switch {
	case bytes.HasPrefix(b, bomUTF8):
		b = b[len(bomUTF8):]
		if i := bytes.IndexByte(b, 0); i >= 0 {
			return "", damage{}, reject(ErrBinary, "NUL byte at offset %d", i+len(bomUTF8))
		}
		if i := bytescan.FirstInvalidUTF8(b); i >= 0 {
			if damagedUTF8(b) {
				return repairUTF8(b, i)
			}
			return "", damage{}, reject(ErrEncoding, "UTF-8 byte order mark, then byte 0x%02x at offset %d", b[i], i+len(bomUTF8))
		}
		return finishNoDamage(b)
	case bytes.HasPrefix(b, bomUTF16LE) && !bytes.HasPrefix(b, []byte{0xFF, 0xFE, 0, 0}):
		return noDamage(decodeUTF16(dst, b[2:], xunicode.LittleEndian, "UTF-16LE"))
	case bytes.HasPrefix(b, bomUTF16BE):
		return noDamage(decodeUTF16(dst, b[2:], xunicode.BigEndian, "UTF-16BE"))
	}
	if i := bytes.IndexByte(b, 0); i >= 0 {
		if order, ok := sniffUTF16(b); ok {
			if s, err := decodeUTF16(dst, b, order, ""); err == nil {
				return s, damage{}, nil
			}
		}
		return "", damage{}, reject(ErrBinary, "NUL byte at offset %d", i)
	}
	bad := bytescan.FirstInvalidUTF8(b)
	if bad < 0 {
		return finishNoDamage(b)
	}
	if damagedUTF8(b) {
		return repairUTF8(b, bad)
	}
	out, err := decodeGB18030(dst, b)
	if err != nil || bytes.Contains(out, []byte("\uFFFD")) {
		// Name the byte that broke the decoding that read further: a
		// GB18030 file with one bad byte fails UTF-8 at its first
		// Chinese character, which says nothing.
		if gb := firstInvalidGB18030(b); gb > bad {
			return "", damage{}, reject(ErrEncoding, "neither UTF-8 nor GB18030: read as GB18030, byte 0x%02x at offset %d breaks it", b[gb], gb)
		}
		return "", damage{}, reject(ErrEncoding, "neither UTF-8 nor GB18030: read as UTF-8, byte 0x%02x at offset %d breaks it", b[bad], bad)
	}
	if !looksLikeText(out) {
		return "", damage{}, reject(ErrBinary, "control bytes throughout")
	}
	return finishNoDamage(out)
}

func noDamage(s string, err error) (string, damage, error) { return s, damage{}, err }

func finishNoDamage(b []byte) (string, damage, error) { return noDamage(finish(b)) }

// repairUTF8 replaces each run of invalid bytes of b (the first at offset
// first) with U+FFFD and finishes the text, reporting the damage: the number
// of bad bytes and the line of the first (LF, CRLF and lone CR end lines).
func repairUTF8(b []byte, first int) (string, damage, error) {
	d := damage{line: 1}
	for i, c := range b[:first] {
		if c == '\n' || c == '\r' && (i+1 >= len(b) || b[i+1] != '\n') {
			d.line++
		}
	}
	out := make([]byte, 0, len(b)+len(b)/8)
	out = append(out, b[:first]...)
	inBad := false
	for i := first; i < len(b); {
		if b[i] < utf8.RuneSelf {
			out = append(out, b[i])
			inBad = false
			i++
			continue
		}
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n == 1 {
			d.bytes++
			if !inBad {
				out = append(out, "\uFFFD"...)
			}
			inBad = true
			i++
			continue
		}
		out = append(out, b[i:i+n]...)
		inBad = false
		i += n
	}
	s, err := finish(out)
	if err != nil {
		return "", damage{}, err
	}
	return s, d, nil
}

// decodeGB18030 decodes b as GB18030 into a buffer sized for it up front
// (a two-byte character becomes three bytes of UTF-8, a four-byte one at
// most four), falling back to a growing buffer for the odd file that needs
// more.
func decodeGB18030(dst *[]byte, b []byte) ([]byte, error) {
	if out, ok := decodeGBK2(dst, b); ok {
		return out, nil
	}
	dec := simplifiedchinese.GB18030.NewDecoder()
	out := make([]byte, len(b)+len(b)/2+16)
	n, _, err := dec.Transform(out, b, true)
	if err == nil {
		return out[:n], nil
	}
	if err == transform.ErrShortDst {
		return simplifiedchinese.GB18030.NewDecoder().Bytes(b)
	}
	return nil, err
}

// decodeUTF16 decodes b (without its BOM) as UTF-16 in the given byte order.
func decodeUTF16(dst *[]byte, b []byte, order xunicode.Endianness, name string) (string, error) {
	out, ok := bytescan.UTF16ToUTF8(dst, b, order == xunicode.BigEndian)
	if !ok {
		if name == "" {
			return "", reject(ErrEncoding, "invalid UTF-16")
		}
		return "", reject(ErrEncoding, "%s byte order mark, then invalid UTF-16", name)
	}
	if bytes.IndexByte(out, 0) >= 0 {
		return "", reject(ErrBinary, "%s text with a NUL character", name)
	}
	return finish(out)
}

// gbk2 maps the two-byte GB18030 codes (lead 0x81–0xFE, trail 0x40–0xFE)
// to runes, 0 where a code is not one character: a table made once, when
// the first GB18030 file is read, by decoding every code with x/text.
var (
	gbk2Once sync.Once
	gbk2     []uint16
)

const gbk2Trails = 0xFF - 0x40

func gbk2Table() []uint16 {
	gbk2Once.Do(func() {
		// Every code followed by a newline, decoded in one call: a code
		// that makes exactly one BMP character and the newline is kept.
		src := make([]byte, 0, 126*gbk2Trails*3)
		for lead := 0x81; lead <= 0xFE; lead++ {
			for trail := 0x40; trail <= 0xFE; trail++ {
				src = append(src, byte(lead), byte(trail), '\n')
			}
		}
		out, err := simplifiedchinese.GB18030.NewDecoder().Bytes(src)
		t := make([]uint16, 126*gbk2Trails)
		if err == nil {
			k := 0
			for _, line := range bytes.SplitAfter(out, []byte("\n")) {
				if k == len(t) {
					break
				}
				r, n := utf8.DecodeRune(line)
				if n+1 == len(line) && line[n] == '\n' && r != utf8.RuneError && r >= 0x80 && r <= 0xFFFF {
					t[k] = uint16(r)
				}
				k++
			}
			if k != len(t) {
				clear(t) // the codes did not come out one per line: no fast path
			}
		}
		gbk2 = t
	})
	return gbk2
}

// decodeGBK2 decodes b when it holds nothing but ASCII and two-byte codes
// (GBK, most GB18030 text), with one table lookup a character, and the odd
// four-byte code; it reports false for anything else (stray bytes, codes
// that are no character), which the x/text decoder then handles. Where it
// succeeds the two agree byte for byte.
func decodeGBK2(dst *[]byte, b []byte) ([]byte, bool) {
	t := gbk2Table()
	out := bytescan.Room(dst, len(b)+len(b)/2+16)
	n := 0
	for i := 0; i < len(b); {
		c := b[i]
		if c < 0x80 {
			out[n] = c
			n++
			i++
			continue
		}
		if c == 0x80 || c == 0xFF || i+1 >= len(b) {
			return nil, false
		}
		if b[i+1] >= 0x30 && b[i+1] <= 0x39 && i+3 < len(b) {
			// A four-byte code (NBSP, ², U+2002, rare characters): rare,
			// decoded one by one.
			r, ok := gb4(b[i : i+4])
			if !ok {
				return nil, false
			}
			n += utf8.EncodeRune(out[n:], r)
			i += 4
			continue
		}
		if b[i+1] < 0x40 || b[i+1] == 0xFF {
			return nil, false
		}
		r := t[int(c-0x81)*gbk2Trails+int(b[i+1]-0x40)]
		switch {
		case r == 0:
			return nil, false
		case r >= 0x800: // nearly all: three bytes
			out[n], out[n+1], out[n+2] = 0xE0|byte(r>>12), 0x80|byte(r>>6&0x3F), 0x80|byte(r&0x3F)
			n += 3
		default: // the table holds runes from 0x80 up
			out[n], out[n+1] = 0xC0|byte(r>>6), 0x80|byte(r&0x3F)
			n += 2
		}
		i += 2
	}
	return out[:n], true
}

// gb4 decodes one four-byte GB18030 code with x/text: false unless it is
// exactly one character.
func gb4(code []byte) (rune, bool) {
	out, err := simplifiedchinese.GB18030.NewDecoder().Bytes(code)
	if err != nil {
		return 0, false
	}
	r, n := utf8.DecodeRune(out)
	return r, n == len(out) && r != utf8.RuneError
}

// sniffUTF16 reports whether b, which has no BOM and contains NUL bytes, is
// plainly UTF-16: at least utf16MinUnits code units, an even length, NUL
// bytes (the high bytes of ASCII characters) for enough of the units and
// more often at one parity than at the other (see utf16MinNULShare), and
// text once decoded.
func sniffUTF16(b []byte) (xunicode.Endianness, bool) {
	if len(b) < 2*utf16MinUnits || len(b)%2 != 0 {
		return xunicode.BigEndian, false
	}
	var even, odd int
	for i, c := range b {
		if c == 0 {
			if i%2 == 0 {
				even++
			} else {
				odd++
			}
		}
	}
	units := len(b) / 2
	var order xunicode.Endianness
	switch {
	case odd >= utf16ParityRatio*even && odd*utf16MinNULShare >= units:
		order = xunicode.LittleEndian
	case even >= utf16ParityRatio*odd && even*utf16MinNULShare >= units:
		order = xunicode.BigEndian
	default:
		return xunicode.BigEndian, false
	}
	out, ok := bytescan.UTF16ToUTF8(nil, b, order == xunicode.BigEndian)
	if !ok || !looksLikeText(out) {
		return xunicode.BigEndian, false
	}
	return order, true
}

// looksLikeText reports whether decoded text is free of the C0 controls that
// mark binary data, but for a few (see binaryMaxControlShare; tab, newline,
// carriage return, form feed and escape are allowed: plans converted from
// terminals and PDFs can hold them).
func looksLikeText(b []byte) bool {
	bad := 0
	for _, c := range b {
		if c < 0x20 {
			switch c {
			case '\t', '\n', '\r', '\f', 0x1b:
			default:
				bad++
			}
		}
	}
	return bad*binaryMaxControlShare <= len(b)
}

// damagedUTF8 reports whether b, which is not valid UTF-8, is UTF-8 text
// with a few bad bytes rather than text in another encoding (see
// damagedMinValid). Such a file is loaded as UTF-8 with its bad bytes replaced,
// rather than read as GB18030 mojibake.
func damagedUTF8(b []byte) bool {
	valid, bad := 0, 0
	for i := 0; i < len(b); {
		if b[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n == 1 {
			bad++
			if bad > damagedGiveUpBad && bad*damagedMaxBadShare > valid {
				return false // text in another encoding: no need to read on
			}
		} else {
			valid++
		}
		i += n
	}
	return valid >= damagedMinValid && bad*damagedMaxBadShare <= valid
}

// finish turns CRLF and lone CR into LF, in place, and returns b as a string
// sharing its memory. b must be owned by the caller and not used afterwards.
func finish(b []byte) (string, error) {
	if i := bytes.IndexByte(b, '\r'); i >= 0 {
		w := i // write position
		for r := i; r < len(b); {
			// b[r] is '\r'.
			b[w] = '\n'
			w++
			r++
			if r < len(b) && b[r] == '\n' {
				r++
			}
			next := bytes.IndexByte(b[r:], '\r')
			if next < 0 {
				next = len(b) - r
			}
			w += copy(b[w:], b[r:r+next])
			r += next
		}
		b = b[:w]
	}
	if len(b) == 0 {
		return "", ErrEmpty
	}
	if isBlank(b) {
		return "", ErrBlank
	}
	return unsafe.String(unsafe.SliceData(b), len(b)), nil
}

// isBlank reports whether b holds only white space (including NBSP and the
// ideographic space) and BOMs.
func isBlank(b []byte) bool {
	for len(b) > 0 {
		if b[0] < utf8.RuneSelf {
			if b[0] > ' ' {
				return false
			}
			switch b[0] {
			case ' ', '\t', '\n', '\r', '\v', '\f':
			default:
				return false
			}
			b = b[1:]
			continue
		}
		r, n := utf8.DecodeRune(b)
		if !unicode.IsSpace(r) && r != '\uFEFF' {
			return false
		}
		b = b[n:]
	}
	return true
}

// firstInvalidGB18030 returns the offset of the first byte of b that is not
// part of a well-formed GB18030 sequence — one byte 0x00–0x7F; two bytes
// 0x81–0xFE then 0x40–0x7E or 0x80–0xFE; four bytes 0x81–0xFE, 0x30–0x39,
// 0x81–0xFE, 0x30–0x39 — or -1 when every byte is. (A well-formed sequence
// may still map to no character; decodeGB18030 finds those.)
func firstInvalidGB18030(b []byte) int {
	in := func(c, lo, hi byte) bool { return c >= lo && c <= hi }
	for i := 0; i < len(b); {
		c := b[i]
		switch {
		case c < 0x80:
			i++
		case !in(c, 0x81, 0xfe) || i+1 >= len(b):
			return i
		case in(b[i+1], 0x40, 0x7e) || in(b[i+1], 0x80, 0xfe):
			i += 2
		case in(b[i+1], 0x30, 0x39) && i+3 < len(b) && in(b[i+2], 0x81, 0xfe) && in(b[i+3], 0x30, 0x39):
			i += 4
		default:
			return i // a lead byte with nothing it can lead
		}
	}
	return -1
}
