package loader

import (
	"math"
	"sync"

	"planview/model"
)

// scratch is the working memory of one parse: the cleaned lines, the units
// and the outline's nodes. None of it is part of the plan built, so a
// worker reuses it from one file to the next instead of allocating it anew
// (and leaving it to the collector) for every file.
type scratch struct {
	dec   []byte // text decoded from UTF-16 or GB18030 (see parse)
	lines []Line
	scanSpace
	nodes slab[node]
	comp  compactSpace
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
