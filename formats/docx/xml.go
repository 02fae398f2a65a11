package docx

// A small XML reader for WordprocessingML parts. encoding/xml makes a
// token, a name and an attribute list on the heap for every tag, and a
// plan's document.xml has hundreds of thousands of tags: reading it that
// way took ten times as long as loading the plan's text. This reader scans
// the part's bytes in place: names and attributes are slices of the input,
// attribute values and text are decoded only when asked for. It reads what
// Word, WPS and LibreOffice write — elements, attributes, character data,
// the predefined and numeric character references, comments, processing
// instructions, CDATA sections — and fails on anything malformed (an
// unclosed tag, an end tag that does not match, the input ending inside an
// element), with the line.

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"
)

// The namespaces the reader recognises elements in, whatever prefix a file
// binds them to: WordprocessingML (transitional and strict) and markup
// compatibility (mc:AlternateContent).
const (
	nsW       = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
	nsWStrict = "http://purl.oclc.org/ooxml/wordprocessingml/main"
	nsMC      = "http://schemas.openxmlformats.org/markup-compatibility/2006"
)

// elem is a start tag: its name's prefix and local part, and its
// attributes as written. The slices point into the part's bytes.
type elem struct {
	prefix, local []byte
	attrs         []byte
}

func (e elem) is(local string) bool { return string(e.local) == local }

// kind of token.
type kind uint8

const (
	tStart kind = iota + 1
	tEnd
	tText
)

// reader walks a part's XML.
type reader struct {
	b     []byte
	pos   int
	stack [][]byte // qualified names of the open elements
	// A self-closing tag is a start and an end: the end is pending.
	pendingEnd bool
	w          [][]byte // prefixes bound to WordprocessingML
	mc         [][]byte // prefixes bound to markup compatibility
	chars      []byte   // character data of the last text token, raw
	el         elem     // the last start tag
}

func newReader(b []byte) *reader { return &reader{b: b} }

var errEOF = io.ErrUnexpectedEOF

// line is the input line at byte offset pos.
func (r *reader) line(pos int) int { return bytes.Count(r.b[:min(pos, len(r.b))], []byte{'\n'}) + 1 }

func (r *reader) syntax(pos int, format string, args ...any) error {
	return fmt.Errorf("XML syntax error on line %d: %s", r.line(pos), fmt.Sprintf(format, args...))
}

// token reads the next start tag (then in r.el), end tag or run of
// character data (then in r.chars).
func (r *reader) token() (kind, error) {
	if r.pendingEnd {
		r.pendingEnd = false
		r.stack = r.stack[:len(r.stack)-1]
		return tEnd, nil
	}
	for {
		if r.pos >= len(r.b) {
			return 0, io.EOF
		}
		if r.b[r.pos] != '<' {
			i := bytes.IndexByte(r.b[r.pos:], '<')
			if i < 0 {
				i = len(r.b) - r.pos
			}
			r.chars = r.b[r.pos : r.pos+i]
			r.pos += i
			return tText, nil
		}
		rest := r.b[r.pos:]
		if len(rest) < 2 {
			return 0, r.syntax(r.pos, "unterminated tag")
		}
		switch rest[1] {
		case '!':
			switch {
			case bytes.HasPrefix(rest, []byte("<!--")):
				i := bytes.Index(rest, []byte("-->"))
				if i < 0 {
					return 0, r.syntax(r.pos, "unterminated comment")
				}
				r.pos += i + 3
				continue
			case bytes.HasPrefix(rest, []byte("<![CDATA[")):
				i := bytes.Index(rest, []byte("]]>"))
				if i < 0 {
					return 0, r.syntax(r.pos, "unterminated CDATA section")
				}
				r.chars = rest[len("<![CDATA["):i:i]
				r.pos += i + 3
				// CDATA text is literal: escape it for decodeInto.
				if bytes.IndexByte(r.chars, '&') >= 0 {
					r.chars = bytes.ReplaceAll(r.chars, []byte("&"), []byte("&amp;"))
				}
				return tText, nil
			}
			fallthrough
		case '?':
			i := bytes.IndexByte(rest, '>')
			if i < 0 {
				return 0, r.syntax(r.pos, "unterminated declaration")
			}
			r.pos += i + 1
			continue
		case '/':
			i := bytes.IndexByte(rest, '>')
			if i < 0 {
				return 0, r.syntax(r.pos, "unterminated end tag")
			}
			name := rest[2:i]
			for len(name) > 0 && isSpace(name[len(name)-1]) {
				name = name[:len(name)-1]
			}
			n := len(r.stack)
			if n == 0 || !bytes.Equal(r.stack[n-1], name) {
				open := "nothing"
				if n > 0 {
					open = "<" + string(r.stack[n-1]) + ">"
				}
				return 0, r.syntax(r.pos, "%s closed by </%s>", open, name)
			}
			r.stack = r.stack[:n-1]
			r.pos += i + 1
			return tEnd, nil
		}
		// A start tag: it ends at the first '>' outside quoted values.
		i, err := r.tagEnd(rest)
		if err != nil {
			return 0, err
		}
		tag := rest[1:i]
		self := len(tag) > 0 && tag[len(tag)-1] == '/'
		if self {
			tag = tag[:len(tag)-1]
		}
		n := 0
		for n < len(tag) && !isSpace(tag[n]) {
			n++
		}
		if n == 0 {
			return 0, r.syntax(r.pos, "a tag with no name")
		}
		qn := tag[:n]
		e := &r.el
		e.prefix, e.local, e.attrs = nil, qn, tag[n:]
		if k := bytes.IndexByte(qn, ':'); k >= 0 {
			e.prefix, e.local = qn[:k], qn[k+1:]
		}
		if bytes.Contains(e.attrs, []byte("xmlns")) {
			r.note(*e)
		}
		r.stack = append(r.stack, qn)
		r.pos += i + 1
		r.pendingEnd = self
		return tStart, nil
	}
}

// tagEnd finds the '>' that ends the start tag at the head of rest,
// outside quoted values (jumped over whole: they are most of a tag).
func (r *reader) tagEnd(rest []byte) (int, error) {
	for i := 1; i < len(rest); i++ {
		switch c := rest[i]; c {
		case '"', '\'':
			k := bytes.IndexByte(rest[i+1:], c)
			if k < 0 {
				return 0, r.syntax(r.pos, "unterminated start tag")
			}
			i += k + 1
		case '>':
			return i, nil
		case '<':
			return 0, r.syntax(r.pos, "'<' inside a tag")
		}
	}
	return 0, r.syntax(r.pos, "unterminated start tag")
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// note records the namespace declarations of an element. Scopes are not
// tracked: a prefix once bound to a namespace the reader knows stays so.
func (r *reader) note(e elem) {
	forAttrs(e.attrs, func(name, value []byte) bool {
		var prefix []byte
		switch {
		case bytes.HasPrefix(name, []byte("xmlns:")):
			prefix = name[len("xmlns:"):]
		case string(name) == "xmlns":
			prefix = []byte{}
		default:
			return true
		}
		switch string(value) {
		case nsW, nsWStrict:
			r.w = append(r.w, prefix)
		case nsMC:
			r.mc = append(r.mc, prefix)
		}
		return true
	})
}

// root reads up to the document element and returns it.
func (r *reader) root() (elem, error) {
	for {
		k, err := r.token()
		if err == io.EOF {
			return elem{}, errEOF
		}
		if err != nil {
			return elem{}, err
		}
		if k == tStart {
			return r.el, nil
		}
	}
}

func has(set [][]byte, p []byte) bool {
	for _, s := range set {
		if bytes.Equal(s, p) {
			return true
		}
	}
	return false
}

// isW reports a WordprocessingML element with the local name local.
func (r *reader) isW(e elem, local string) bool {
	return string(e.local) == local && has(r.w, e.prefix)
}

// isMC reports a markup-compatibility element with the local name local.
func (r *reader) isMC(e elem, local string) bool {
	return string(e.local) == local && has(r.mc, e.prefix)
}

// next is token with the end of the input inside an element an error.
func (r *reader) next() (kind, error) {
	k, err := r.token()
	if err == io.EOF {
		return 0, errEOF
	}
	return k, err
}

// each calls fn for every child element of the element just started, up
// to its end. fn must consume the child it is given, to its end (with
// each, skip or text).
func (r *reader) each(fn func(e elem) error) error {
	for {
		k, err := r.next()
		if err != nil {
			return err
		}
		switch k {
		case tStart:
			if err := fn(r.el); err != nil {
				return err
			}
		case tEnd:
			return nil
		}
	}
}

// skip consumes the rest of the element just started. It does not read
// the element's content tag by tag: it looks for the end tag that closes
// it, counting the elements of the same name opened inside, at the speed
// of bytes.Index — most of a document's tags are formatting the reader
// skips. What it skips is not checked for well-formedness.
func (r *reader) skip() error {
	_, err := r.skipRaw()
	return err
}

// skipRaw is skip returning the element's content as written.
func (r *reader) skipRaw() ([]byte, error) {
	if r.pendingEnd {
		r.pendingEnd = false
		r.stack = r.stack[:len(r.stack)-1]
		return nil, nil
	}
	qn := r.stack[len(r.stack)-1]
	start := r.pos
	depth := 1
	for pos := r.pos; ; {
		i := bytes.Index(r.b[pos:], []byte("</"))
		if i < 0 {
			return nil, errEOF
		}
		// Elements of the same name opened before this end tag.
		seg := r.b[pos : pos+i]
		for {
			j := bytes.Index(seg, qn)
			if j < 0 {
				break
			}
			if j > 0 && seg[j-1] == '<' && j+len(qn) < len(seg) && endsName(seg[j+len(qn)]) {
				k := bytes.IndexByte(seg[j:], '>')
				if k < 0 || seg[j+k-1] != '/' {
					depth++
				}
			}
			seg = seg[j+len(qn):]
		}
		end := pos + i + 2
		if bytes.HasPrefix(r.b[end:], qn) && end+len(qn) < len(r.b) && endsName(r.b[end+len(qn)]) {
			depth--
			if depth == 0 {
				k := bytes.IndexByte(r.b[end:], '>')
				if k < 0 {
					return nil, errEOF
				}
				r.pos = end + k + 1
				r.stack = r.stack[:len(r.stack)-1]
				return r.b[start : pos+i], nil
			}
		}
		pos = end
	}
}

// endsName reports a byte that can follow a tag's name.
func endsName(c byte) bool { return c == '>' || c == '/' || isSpace(c) }

// textInto consumes the element just started and appends its character
// data (that of nested elements included), decoded, to b.
func (r *reader) textInto(b *strings.Builder) error {
	for {
		k, err := r.next()
		if err != nil {
			return err
		}
		switch k {
		case tText:
			decodeInto(b, r.chars)
		case tStart:
			if err := r.textInto(b); err != nil {
				return err
			}
		case tEnd:
			return nil
		}
	}
}

// text consumes the element just started and returns its character data.
func (r *reader) text() (string, error) {
	var b strings.Builder
	err := r.textInto(&b)
	return b.String(), err
}

// forAttrs calls fn for each attribute of a tag, name and raw value,
// until fn returns false.
func forAttrs(s []byte, fn func(name, value []byte) bool) {
	i := 0
	for i < len(s) {
		for i < len(s) && isSpace(s[i]) {
			i++
		}
		j := i
		for j < len(s) && s[j] != '=' && !isSpace(s[j]) {
			j++
		}
		if j == i {
			return
		}
		name := s[i:j]
		for j < len(s) && isSpace(s[j]) {
			j++
		}
		if j >= len(s) || s[j] != '=' {
			return
		}
		j++
		for j < len(s) && isSpace(s[j]) {
			j++
		}
		if j >= len(s) || (s[j] != '"' && s[j] != '\'') {
			return
		}
		q := s[j]
		k := bytes.IndexByte(s[j+1:], q)
		if k < 0 {
			return
		}
		if !fn(name, s[j+1:j+1+k]) {
			return
		}
		i = j + 1 + k + 1
	}
}

// attr returns the value of the attribute with the local name local,
// whatever its prefix.
func attr(e elem, local string) string {
	v, _ := lookup(e, local)
	return v
}

// hasAttr reports an attribute with the local name local.
func hasAttr(e elem, local string) bool {
	_, ok := lookup(e, local)
	return ok
}

func lookup(e elem, local string) (string, bool) {
	var out string
	found := false
	forAttrs(e.attrs, func(name, value []byte) bool {
		if k := bytes.IndexByte(name, ':'); k >= 0 {
			if string(name[:k]) == "xmlns" {
				return true
			}
			name = name[k+1:]
		}
		if string(name) != local {
			return true
		}
		if bytes.IndexByte(value, '&') < 0 {
			out = string(value)
		} else {
			var b strings.Builder
			decodeInto(&b, value)
			out = b.String()
		}
		found = true
		return false
	})
	return out, found
}

// val returns the w:val attribute of an element.
func val(e elem) string { return attr(e, "val") }

// onOff reads a WordprocessingML on/off property: present with no value,
// or with true/1/on, is on.
func onOff(e elem) bool {
	v, ok := lookup(e, "val")
	if !ok {
		return true
	}
	switch v {
	case "false", "0", "off", "none":
		return false
	}
	return true
}

var errBadRef = errors.New("bad character reference")

// decodeInto appends s with its character references decoded; a reference
// it cannot read is kept as written.
func decodeInto(b *strings.Builder, s []byte) {
	for {
		i := bytes.IndexByte(s, '&')
		if i < 0 {
			b.Write(s)
			return
		}
		b.Write(s[:i])
		s = s[i:]
		j := bytes.IndexByte(s, ';')
		if j < 0 || j > 12 {
			b.WriteByte('&')
			s = s[1:]
			continue
		}
		ref := s[1:j]
		switch string(ref) {
		case "amp":
			b.WriteByte('&')
		case "lt":
			b.WriteByte('<')
		case "gt":
			b.WriteByte('>')
		case "quot":
			b.WriteByte('"')
		case "apos":
			b.WriteByte('\'')
		default:
			r, err := charRef(ref)
			if err != nil {
				b.Write(s[:j+1])
			} else {
				b.WriteRune(r)
			}
		}
		s = s[j+1:]
	}
}

func charRef(ref []byte) (rune, error) {
	if len(ref) < 2 || ref[0] != '#' {
		return 0, errBadRef
	}
	var v uint64
	var err error
	if ref[1] == 'x' || ref[1] == 'X' {
		v, err = strconv.ParseUint(string(ref[2:]), 16, 32)
	} else {
		v, err = strconv.ParseUint(string(ref[1:]), 10, 32)
	}
	if err != nil || !utf8.ValidRune(rune(v)) {
		return 0, errBadRef
	}
	return rune(v), nil
}
