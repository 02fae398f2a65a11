package loader

import (
	"math"
	"sync"

	"planview/model"
)

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

// scratch is the working memory of one parse: the cleaned lines, the units
// and the outline's nodes. None of it is part of the plan built, so a
// worker reuses it from one file to the next instead of allocating it anew
// (and leaving it to the collector) for every file.
type scratch struct {
	dec   []byte // text decoded from UTF-16 or GB18030 (see parse)
	lines []Line
	units []*unit
	web   []webCell // a run of cell-like lines (webRun)
	slab  slab[unit]
	nodes slab[node]
	// cells holds the cell texts of the plan being built: its chunks go
	// with the plan, so reset drops them rather than reusing them.
	cells cellSlab
	comp  compactSpace
	// narrow is set by clean when the lines hold no U+3000 (see
	// normTextIn); build alone, on lines from elsewhere, looks for it.
	narrow bool
}

// reset drops what the scratch space points at, keeping its capacity.
func (sc *scratch) reset() {
	clear(sc.lines[:cap(sc.lines)]) // clean compacts: dropped lines lie past len
	sc.lines = sc.lines[:0]
	clear(sc.units[:cap(sc.units)])
	sc.units = sc.units[:0]
	clear(sc.web[:cap(sc.web)])
	sc.web = sc.web[:0]
	sc.slab.reset()
	sc.nodes.reset()
	sc.cells = cellSlab{}
	sc.narrow = false
}

// clean runs the clean stage on text in the scratch space.
func (sc *scratch) clean(text string) []Line {
	var ideo bool
	sc.lines, ideo = cleanCensus(sc.lines, text)
	sc.narrow = !ideo
	return sc.lines
}

// build builds the plan of the lines sc.clean returned for text, and
// compacts it (see compactText); copy makes it copy all the text it keeps,
// for a text whose memory is about to be reused.
func (sc *scratch) build(lines []Line, text string, copy bool) *model.Plan {
	p := buildWith(lines, sc)
	if copy {
		compactTextWith(p, text, sc.cells.chunks, math.Inf(1), &sc.comp)
	} else {
		compactTextWith(p, text, sc.cells.chunks, compactMost, &sc.comp)
	}
	return p
}

var scratchPool = sync.Pool{New: func() any { return new(scratch) }}
