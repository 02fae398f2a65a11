// Package plantext is what the format front ends (docx, html, pdf) share:
// the blocks a document is made of once its format is read, the one writer
// that lays them out as plan text in the layouts the text loader reads, and
// the error every front end returns.
//
// The front ends decide what a document says (this paragraph, this table
// with these merged cells, this footnote); the writer decides only how that
// looks as text. Neither decides what a line means in a plan — which
// numbered line is a heading, which table holds indicators, what a 专栏
// box is: the loader's rules do, for every format alike.
package plantext

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// Kind tells what a Block is.
type Kind uint8

const (
	// Para is one paragraph: a heading with its number written out
	// ("第一章 总体要求", "（一）…"), a list item with its number, a
	// caption, body text.
	Para Kind = iota
	// Table is a table: Rows, the merged cells empty.
	Table
	// Box is a framed region of the page (a one-cell table, a text box): its
	// Body, which the writer ends with the gap that closes a 专栏 box.
	Box
	// Gap is vertical space the document shows on purpose (an empty
	// paragraph between two regions): one blank line.
	Gap
)

// Block is one block of a document, in reading order.
type Block struct {
	Kind Kind
	Text string // Para
	// Level is a heading's level when the document styles the paragraph as
	// a heading (a Word heading style or outline level, <h1>–<h6>): 1 to
	// 6, 0 for body text. The writer marks it as Markdown does ("## 总体要
	// 求"), which the loader reads as a heading at that level even with no
	// number.
	Level int
	Rows  []Row   // Table
	Body  []Block // Box
	// Notes are footnotes referenced inside the block, printed under it as
	// note lines (注：…), in the order of their references.
	Notes []string
}

// Row is one table row.
type Row struct {
	Cells []Cell
}

// Cell is one grid cell. A cell covered by a merged cell (the rest of a
// gridSpan or colspan, a vMerge continuation or the rows under a rowspan)
// has Covered set and no lines: the model keeps merged cells empty.
type Cell struct {
	Lines   []string // the cell's paragraphs and line breaks, one entry each
	Covered bool
}

// Empty reports a cell with no text.
func (c Cell) Empty() bool {
	for _, l := range c.Lines {
		if strings.TrimSpace(l) != "" {
			return false
		}
	}
	return true
}

// HasText reports blocks with any text: a paragraph beyond padding, a
// table cell that is not empty, a box holding such blocks. A front end
// whose document has none returns ErrNoText.
func HasText(bs []Block) bool {
	for _, b := range bs {
		switch b.Kind {
		case Para:
			if strings.TrimFunc(b.Text, IsPad) != "" {
				return true
			}
		case Table:
			for _, r := range b.Rows {
				for _, c := range r.Cells {
					if !c.Empty() {
						return true
					}
				}
			}
		case Box:
			if HasText(b.Body) {
				return true
			}
		}
	}
	return false
}

// Error is one file's conversion error: the file, where in it when that is
// known (the archive part, the paragraph, the page), and why.
type Error struct {
	File      string
	Part      string // a member of an archive: "word/document.xml"
	Paragraph int    // 1-based paragraph of the document body, 0 when none
	Page      int    // 1-based page, 0 when none
	Err       error
}

// Error is "file: where: why": "plan.docx: word/document.xml: paragraph
// 12: damaged file: XML syntax error on line 2: …", "plan.pdf: page 3: …".
func (e *Error) Error() string { return e.File + ": " + e.Detail() }

// Detail is the error without the file's name, for a caller that names
// the file itself: "page 3: damaged file: …".
func (e *Error) Detail() string {
	var b strings.Builder
	if e.Part != "" {
		b.WriteString(e.Part)
		b.WriteString(": ")
	}
	if e.Paragraph > 0 {
		b.WriteString("paragraph ")
		b.WriteString(strconv.Itoa(e.Paragraph))
		b.WriteString(": ")
	}
	if e.Page > 0 {
		b.WriteString("page ")
		b.WriteString(strconv.Itoa(e.Page))
		b.WriteString(": ")
	}
	if e.Err != nil {
		b.WriteString(e.Err.Error())
	} else {
		b.WriteString("unknown error")
	}
	return b.String()
}

func (e *Error) Unwrap() error { return e.Err }

// The kinds of conversion error, for errors.Is.
var (
	// ErrDamaged: the file is not a readable document of its format (a
	// truncated or corrupt archive or PDF, malformed XML).
	ErrDamaged = errors.New("damaged file")
	// ErrNoText: the document holds no text at all.
	ErrNoText = errors.New("no text")
	// ErrNoTextLayer: a PDF whose pages carry no text, only images.
	ErrNoTextLayer = errors.New("no text layer (a scanned PDF?)")
	// ErrEncrypted: the document needs a password.
	ErrEncrypted = errors.New("encrypted (password protected)")
	// ErrTooLarge: the document, or a part of it, is over the size limit.
	ErrTooLarge = errors.New("too large")
	// ErrUnsupported: no front end reads files of this kind.
	ErrUnsupported = errors.New("unsupported format")
)

// Damaged wraps err as ErrDamaged, keeping its text: "damaged file: zip:
// not a valid zip file".
func Damaged(err error) error {
	if err == nil || errors.Is(err, ErrDamaged) {
		return err
	}
	return fmt.Errorf("%w: %w", ErrDamaged, err)
}
