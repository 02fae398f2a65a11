package html

import (
	"bytes"
	"regexp"
	"unicode/utf8"

	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"
)

// declScan is how much of a page is searched for a charset declaration.
// The HTML standard's prescan stops at 1,024 bytes; Chinese portals put
// the <meta> after long comments and scripts, so a declaration anywhere in
// the head counts.
const declScan = 64 << 10

var (
	metaCharset = regexp.MustCompile(`(?i)<meta[^>]*?charset\s*=\s*["']?\s*([a-z0-9_:.\-]+)`)
	xmlEncoding = regexp.MustCompile(`(?i)^\s*<\?xml[^>]*?encoding\s*=\s*["']([a-z0-9_.\-]+)`)
)

// decode returns the page as UTF-8 and the name of the encoding it was
// read in. The order: a byte-order mark; the charset the page declares (a
// <meta charset>, a <meta http-equiv> content type, an XML declaration);
// UTF-8 when the bytes are valid UTF-8; else GB18030. GB2312 and GBK
// labels are read as GB18030, their superset (pages labelled GB2312 hold
// GBK characters as often as not).
func decode(data []byte) ([]byte, string) {
	switch {
	case bytes.HasPrefix(data, []byte{0xEF, 0xBB, 0xBF}):
		return data[3:], "utf-8"
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}):
		return transform(unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM), data), "utf-16le"
	case bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		return transform(unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM), data), "utf-16be"
	}
	head := data[:min(len(data), declScan)]
	label := ""
	if m := metaCharset.FindSubmatch(head); m != nil {
		label = string(m[1])
	} else if m := xmlEncoding.FindSubmatch(head); m != nil {
		label = string(m[1])
	}
	if label != "" {
		if enc, name := charset.Lookup(label); enc != nil {
			switch name {
			case "utf-8":
				return data, name
			case "gbk", "gb18030":
				return transform(simplifiedchinese.GB18030, data), "gb18030"
			case "utf-16le", "utf-16be":
				// A page cannot declare UTF-16 in ASCII bytes and be UTF-16:
				// the declaration is wrong; read the bytes by what they are.
			default:
				return transform(enc, data), name
			}
		}
	}
	if utf8.Valid(data) {
		return data, "utf-8"
	}
	return transform(simplifiedchinese.GB18030, data), "gb18030"
}

func transform(enc encoding.Encoding, data []byte) []byte {
	out, err := enc.NewDecoder().Bytes(data)
	if err != nil {
		// The decoders replace bad bytes rather than fail; keep what came
		// through.
		return out
	}
	return out
}
