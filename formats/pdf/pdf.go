// Package pdf reads plans published as PDF into plan text, with PDFium
// compiled to WebAssembly (github.com/klippa-app/go-pdfium in its
// WebAssembly mode, run by wazero: pure Go, no cgo, the module embedded).
//
// PDFium gives each character of a page with its position and font size,
// and the page's ruled lines; the text is rebuilt from positions rather
// than guessed from a text export (layout.go says how): lines from
// baselines, tables from ruled grids (merged cells where rules are
// missing) and, without rules, from the columns the text stands in;
// paragraphs rejoined across lines and pages; running headers, footers and
// page numbers dropped; footnotes moved under what references them; a table
// broken over pages made one again.
//
// A PDF whose pages hold images and no text (a scan) is an error,
// ErrNoTextLayer: there is nothing to read without OCR.
package pdf

import (
	"bytes"
	"errors"
	"unicode"

	"planview/formats/internal/plantext"
)

// Read reads a PDF into blocks.
func Read(name string, data []byte) ([]plantext.Block, error) {
	if err := checkFile(data); err != nil {
		return nil, &plantext.Error{File: name, Err: plantext.Damaged(err)}
	}
	pages, err := extract(name, data)
	if err != nil {
		return nil, err
	}
	if err := checkText(name, pages); err != nil {
		return nil, err
	}
	return layout(pages), nil
}

// checkFile rejects what is no PDF, or a PDF cut short, before the
// engine sees it: PDFium rebuilds what it can of a damaged file, and a plan
// missing its second half must not load as if whole.
func checkFile(data []byte) error {
	head := data[:min(len(data), 1024)]
	if !bytes.Contains(head, []byte("%PDF-")) {
		return errors.New("not a PDF (no %PDF- header)")
	}
	tail := data[max(0, len(data)-2048):]
	if !bytes.Contains(tail, []byte("%%EOF")) {
		return errors.New("truncated (no %%EOF at the end)")
	}
	return nil
}

// scanMinChars: a document with fewer visible characters than this per
// page, and images on most pages, is a scan.
const scanMinChars = 10

// checkText fails a document with no text to read.
func checkText(name string, pages []page) error {
	chars, images, withImages := 0, 0, 0
	for _, p := range pages {
		for _, c := range p.chars {
			if !unicode.IsSpace(c.r) {
				chars++
			}
		}
		images += p.images
		if p.images > 0 {
			withImages++
		}
	}
	if len(pages) > 0 && chars < scanMinChars*len(pages) && 2*withImages >= len(pages) {
		return &plantext.Error{File: name, Err: plantext.ErrNoTextLayer}
	}
	if chars == 0 {
		return &plantext.Error{File: name, Err: plantext.ErrNoText}
	}
	return nil
}
