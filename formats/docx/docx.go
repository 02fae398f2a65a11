// Package docx reads Word .docx files (WordprocessingML in a zip archive)
// into plan text, with archive/zip and encoding/xml only.
//
// What it keeps: the body's paragraphs in order, with the numbers Word's
// automatic numbering draws written out (numbering.xml: w:numPr on the
// paragraph or its style, w:abstractNum levels with their lvlText and
// numFmt — 第%1章 in chineseCounting is 第一章); tables with their merged
// cells (gridSpan, vMerge, gridBefore/gridAfter) left empty where the model
// keeps merged cells empty, each cell's paragraphs and line breaks as its
// lines; a one-column table and a text box (w:txbxContent, in a drawing
// or a VML shape) as a box; footnotes and endnotes as notes under the
// paragraph or table that references them; tracked changes accepted
// (w:ins and w:moveTo kept, w:del and w:moveFrom dropped, a deleted row
// dropped, a deleted paragraph mark joining two paragraphs).
//
// What it drops: comments, headers and footers, hidden text (w:vanish),
// field instructions (their results stay), the fallback copy of content
// Word stores twice (mc:Fallback beside mc:Choice), images, and every
// format property that only changes how text looks.
package docx

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path"
	"strings"
	"sync"

	"planview/formats/internal/plantext"
)

// MaxPartSize is the most bytes any one part of the archive may hold
// uncompressed: a guard against zip bombs, far above any plan's
// document.xml.
const MaxPartSize = 256 << 20

// Read reads a .docx file into blocks.
func Read(name string, data []byte) ([]plantext.Block, error) {
	if bytes.HasPrefix(data, []byte{0xD0, 0xCF, 0x11, 0xE0}) {
		// An OLE2 compound file: what Word writes for a .doc, and for a
		// .docx with a password (the package encrypted inside).
		if bytes.Contains(data, utf16("EncryptedPackage")) {
			return nil, &plantext.Error{File: name, Err: plantext.ErrEncrypted}
		}
		return nil, &plantext.Error{File: name, Err: fmt.Errorf("%w: a Word 97-2003 document (.doc), not a .docx", plantext.ErrUnsupported)}
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, &plantext.Error{File: name, Err: plantext.Damaged(err)}
	}
	pk := &pkg{name: name, files: map[string]*zip.File{}}
	for _, f := range zr.File {
		pk.files[strings.TrimPrefix(f.Name, "/")] = f
	}
	main := pk.mainPart()
	if main == "" {
		return nil, &plantext.Error{File: name, Err: plantext.Damaged(errors.New("no word/document.xml in the archive"))}
	}
	rels, err := pk.rels(main)
	if err != nil {
		return nil, err
	}
	d := &doc{name: name}
	if p := rels.target("styles", path.Join(path.Dir(main), "styles.xml")); pk.has(p) {
		b, err := pk.read(p)
		if err != nil {
			return nil, err
		}
		if d.styles, err = readStyles(b); err != nil {
			return nil, &plantext.Error{File: name, Part: p, Err: plantext.Damaged(err)}
		}
	}
	if d.styles == nil {
		d.styles = &styles{byID: map[string]*style{}}
	}
	if p := rels.target("numbering", path.Join(path.Dir(main), "numbering.xml")); pk.has(p) {
		b, err := pk.read(p)
		if err != nil {
			return nil, err
		}
		if d.num, err = readNumbering(b); err != nil {
			return nil, &plantext.Error{File: name, Part: p, Err: plantext.Damaged(err)}
		}
	}
	if d.num == nil {
		d.num = &numbering{abstract: map[string]*abstractNum{}, nums: map[string]*numDef{}}
	}
	d.num.styles = d.styles
	d.num.reset()
	for _, kind := range []string{"footnotes", "endnotes"} {
		p := rels.target(kind, path.Join(path.Dir(main), kind+".xml"))
		if !pk.has(p) {
			continue
		}
		b, err := pk.read(p)
		if err != nil {
			return nil, err
		}
		notes, err := d.readNotes(b)
		if err != nil {
			return nil, &plantext.Error{File: name, Part: p, Err: plantext.Damaged(err)}
		}
		if kind == "footnotes" {
			d.footnotes = notes
		} else {
			d.endnotes = notes
		}
	}
	buf := bodyBufs.Get().(*[]byte)
	defer bodyBufs.Put(buf)
	b, err := pk.readInto(main, (*buf)[:0])
	if cap(b) <= maxPooledBody {
		*buf = b[:0]
	}
	if err != nil {
		return nil, err
	}
	blocks, err := d.readBody(b)
	if err != nil {
		return nil, &plantext.Error{File: name, Part: main, Paragraph: d.paras, Err: plantext.Damaged(err)}
	}
	if !plantext.HasText(blocks) {
		return nil, &plantext.Error{File: name, Err: plantext.ErrNoText}
	}
	return blocks, nil
}

func utf16(s string) []byte {
	b := make([]byte, 0, 2*len(s))
	for i := 0; i < len(s); i++ {
		b = append(b, s[i], 0)
	}
	return b
}

// pkg is the zip package.
type pkg struct {
	name  string
	files map[string]*zip.File
}

func (p *pkg) has(name string) bool { _, ok := p.files[name]; return ok }

// bodyBufs hold the buffers the main part is read into: a plan's
// document.xml is several times its text, and read into a new buffer for
// each file it was most of what a folder of .docx plans allocated (the
// blocks read from it copy what they keep).
var bodyBufs = sync.Pool{New: func() any { return new([]byte) }}

// maxPooledBody is the largest buffer bodyBufs keeps: a plan's document.xml
// is a few MB; an outsized one is left to the collector.
const maxPooledBody = 16 << 20

// read returns the uncompressed bytes of a part.
func (p *pkg) read(name string) ([]byte, error) { return p.readInto(name, nil) }

// readInto is read into buf's space.
func (p *pkg) readInto(name string, buf []byte) ([]byte, error) {
	f := p.files[name]
	if f == nil {
		return nil, &plantext.Error{File: p.name, Part: name, Err: plantext.Damaged(errors.New("missing from the archive"))}
	}
	if f.UncompressedSize64 > MaxPartSize {
		return nil, &plantext.Error{File: p.name, Part: name, Err: fmt.Errorf("%w: %d bytes uncompressed, over the %d MiB limit", plantext.ErrTooLarge, f.UncompressedSize64, MaxPartSize>>20)}
	}
	rc, err := f.Open()
	if err != nil {
		return nil, &plantext.Error{File: p.name, Part: name, Err: plantext.Damaged(err)}
	}
	defer rc.Close()
	// The size the archive states sizes the buffer (up to a point: a
	// damaged or hostile archive may state any size).
	if want := int(min(f.UncompressedSize64, 8<<20)) + 1; cap(buf) < want {
		buf = make([]byte, 0, want)
	}
	b, err := readAll(io.LimitReader(rc, MaxPartSize+1), buf[:0])
	if err != nil {
		return nil, &plantext.Error{File: p.name, Part: name, Err: plantext.Damaged(err)}
	}
	if len(b) > MaxPartSize {
		return nil, &plantext.Error{File: p.name, Part: name, Err: fmt.Errorf("%w: over the %d MiB limit uncompressed", plantext.ErrTooLarge, MaxPartSize>>20)}
	}
	return b, nil
}

// readAll is io.ReadAll into b's space.
func readAll(r io.Reader, b []byte) ([]byte, error) {
	for {
		if len(b) == cap(b) {
			b = append(b, 0)[:len(b)]
		}
		n, err := r.Read(b[len(b):cap(b)])
		b = b[:len(b)+n]
		if err == io.EOF {
			return b, nil
		}
		if err != nil {
			return b, err
		}
	}
}

// mainPart finds the main document part: from the package relationships,
// else the content types, else word/document.xml.
func (p *pkg) mainPart() string {
	if b, err := p.read("_rels/.rels"); err == nil {
		if rs, err := parseRels(b, ""); err == nil {
			if t := rs.target("officeDocument", ""); t != "" && p.has(t) {
				return t
			}
		}
	}
	if b, err := p.read("[Content_Types].xml"); err == nil {
		d := xml.NewDecoder(bytes.NewReader(b))
		for {
			tok, err := d.RawToken()
			if err != nil {
				break
			}
			if se, ok := tok.(xml.StartElement); ok && se.Name.Local == "Override" {
				ct := xattr(se, "ContentType")
				if strings.Contains(ct, "wordprocessingml.document.main") || strings.Contains(ct, "wordprocessingml.template.main") ||
					strings.Contains(ct, "ms-word.document.macroEnabled.main") || strings.Contains(ct, "ms-word.template.macroEnabledTemplate.main") {
					if t := strings.TrimPrefix(xattr(se, "PartName"), "/"); p.has(t) {
						return t
					}
				}
			}
		}
	}
	if p.has("word/document.xml") {
		return "word/document.xml"
	}
	return ""
}

// relations are a part's relationships: type (its last path element:
// "styles", "numbering", "footnotes") → target part.
type relations map[string]string

func (r relations) target(kind, fallback string) string {
	if t, ok := r[kind]; ok {
		return t
	}
	return fallback
}

// rels reads the relationships of part.
func (p *pkg) rels(part string) (relations, error) {
	rp := path.Join(path.Dir(part), "_rels", path.Base(part)+".rels")
	if !p.has(rp) {
		return relations{}, nil
	}
	b, err := p.read(rp)
	if err != nil {
		return nil, err
	}
	rs, err := parseRels(b, path.Dir(part))
	if err != nil {
		return nil, &plantext.Error{File: p.name, Part: rp, Err: plantext.Damaged(err)}
	}
	return rs, nil
}

func parseRels(b []byte, dir string) (relations, error) {
	rs := relations{}
	d := xml.NewDecoder(bytes.NewReader(b))
	for {
		tok, err := d.RawToken()
		if err == io.EOF {
			return rs, nil
		}
		if err != nil {
			return nil, err
		}
		se, ok := tok.(xml.StartElement)
		if !ok || se.Name.Local != "Relationship" || xattr(se, "TargetMode") == "External" {
			continue
		}
		typ := xattr(se, "Type")
		kind := typ[strings.LastIndexByte(typ, '/')+1:]
		t := xattr(se, "Target")
		if strings.HasPrefix(t, "/") {
			t = strings.TrimPrefix(t, "/")
		} else {
			t = path.Join(dir, t)
		}
		if _, dup := rs[kind]; !dup {
			rs[kind] = t
		}
	}
}

// xattr returns the value of an attribute of a package part's element
// (relationships, content types: small parts read with encoding/xml).
func xattr(se xml.StartElement, local string) string {
	for _, a := range se.Attr {
		if a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}
