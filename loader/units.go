package loader

// The units the rule table (rules.go) makes of the lines, and the memory
// they live in: the representation scan hands to build, shared by the
// stages that read or mend units (outline's promoteLists) as Line is by
// those that read lines.

import (
	"strings"

	"planview/model"
)

type unitKind int

const (
	uPara unitKind = iota
	uList
	uHeading
	uTable
	uBox
)

// unit is one paragraph, list item, heading, table or box title.
type unit struct {
	kind   unitKind
	blanks int // blank lines before it
	line   int
	pieces []piece

	// Headings.
	hkind   model.HeadingKind
	number  string
	value   int
	title   string
	bodyOff int   // byte offset in pieces[0].text where a run-in body starts; -1 for none
	level   uint8 // the level the document marks the heading at (Line.Level), 0 for none

	table *model.Table

	first [1]piece // pieces' storage for a unit of one line
}

// newUnit returns a new unit u from the slab with p as its only piece,
// stored inside it.
func newUnit(s *slab[unit], u unit, p piece) *unit {
	x := s.new(u)
	x.first[0] = p
	x.pieces = x.first[:]
	return x
}

// piece is the text one source line contributes to a block.
type piece struct {
	n    int
	text string
	raw  string // the source line as cleaned
}

// joinPieces concatenates pieces into a block text with spans.
func joinPieces(ps []piece) (string, []model.Span) {
	if len(ps) == 1 {
		return ps[0].text, nil // one line: Block.Line says it all
	}
	n := 0
	for _, p := range ps {
		n += len(p.text)
	}
	var b strings.Builder
	b.Grow(n)
	spans := make([]model.Span, 0, len(ps))
	for _, p := range ps {
		spans = append(spans, model.Span{Off: b.Len(), Line: p.n})
		b.WriteString(p.text)
	}
	return b.String(), spans
}

// slab hands out values from chunks: one allocation per chunk rather than
// one per value, with pointers that stay valid as it grows. Reset empties
// it for reuse, dropping what its values pointed at.
type slab[T any] struct {
	chunks [][]T
	cur    int // chunks[cur] is being filled
}

// new stores v in the slab and returns a pointer to it.
func (s *slab[T]) new(v T) *T {
	for s.cur < len(s.chunks) && len(s.chunks[s.cur]) == cap(s.chunks[s.cur]) {
		s.cur++
	}
	if s.cur == len(s.chunks) {
		size := 16
		if s.cur > 0 {
			size = min(2*cap(s.chunks[s.cur-1]), 512)
		}
		s.chunks = append(s.chunks, make([]T, 0, size))
	}
	c := &s.chunks[s.cur]
	*c = append(*c, v)
	return &(*c)[len(*c)-1]
}

func (s *slab[T]) reset() {
	for i := range s.chunks {
		clear(s.chunks[i])
		s.chunks[i] = s.chunks[i][:0]
	}
	s.cur = 0
}
