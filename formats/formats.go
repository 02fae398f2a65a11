// Package formats turns plans published as Word files, web pages and PDFs
// into plan text, so that one loader reads them all.
//
// Each front end (formats/docx, formats/html, formats/pdf) reads its format
// with what that format knows for certain — Word's automatic numbering and
// merged cells, HTML's table spans and article body, the PDF's character
// positions and ruled lines — and writes the plan as text in the layouts
// the text loader already reads (package plantext: headings as lines with
// their numbers written out, a table as one tab-led cell per line with a
// blank line after each row, a 专栏 box as its title line and content, a
// footnote as a 注： line under what references it). The genre's rules —
// which numbered line is a heading, which table holds indicators, what a
// 专栏 box is, what is spam — stay in the loader, written once for every
// format.
//
// The loader calls Convert for a file whose extension Supported accepts,
// then parses the text as it parses a .txt file. The PDF engine (PDFium
// compiled to WebAssembly) starts only when the first PDF is converted.
package formats

import (
	"fmt"
	"path/filepath"
	"strings"

	"planview/formats/docx"
	"planview/formats/html"
	"planview/formats/internal/plantext"
	"planview/formats/pdf"
)

// Error is one file's conversion error: the file, the archive part,
// paragraph or page when one applies, and the reason, one of the Err…
// values below for errors.Is.
type Error = plantext.Error

// The kinds of conversion error.
var (
	ErrDamaged     = plantext.ErrDamaged     // not a readable file of its format: a corrupt archive, a truncated PDF
	ErrNoText      = plantext.ErrNoText      // the document holds no text
	ErrNoTextLayer = plantext.ErrNoTextLayer // a PDF of page images only: "no text layer (a scanned PDF?)"
	ErrEncrypted   = plantext.ErrEncrypted   // a password-protected document
	ErrTooLarge    = plantext.ErrTooLarge    // over a size limit
	ErrUnsupported = plantext.ErrUnsupported // an extension no front end reads
)

// Extensions are the file extensions Convert reads, lower case.
var Extensions = []string{".docx", ".html", ".htm", ".pdf"}

// Supported reports whether Convert reads files named so (by extension,
// any case). A .txt file is the loader's own and is not among them.
func Supported(name string) bool {
	ext := strings.ToLower(filepath.Ext(name))
	for _, e := range Extensions {
		if ext == e {
			return true
		}
	}
	return false
}

// Convert turns the file name (whose bytes are data) into plan text, UTF-8,
// by its extension: .docx, .html or .htm, .pdf. The error, if any, is an
// *Error naming the file.
func Convert(name string, data []byte) (text []byte, err error) {
	defer func() {
		// A front end must fail one file, never the program.
		if p := recover(); p != nil {
			text, err = nil, &Error{File: name, Err: fmt.Errorf("%w: %v", ErrDamaged, p)}
		}
	}()
	var read func(name string, data []byte) ([]plantext.Block, error)
	switch strings.ToLower(filepath.Ext(name)) {
	case ".docx":
		read = docx.Read
	case ".html", ".htm":
		read = html.Read
	case ".pdf":
		read = pdf.Read // the first PDF starts the engine (pdf/engine.go)
	default:
		return nil, &Error{File: name, Err: fmt.Errorf("%w: %q", ErrUnsupported, filepath.Ext(name))}
	}
	return plantext.Text(read(name, data))
}
