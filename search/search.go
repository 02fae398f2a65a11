// Package search finds a phrase in every loaded plan, whatever script, width
// or line breaks the plan writes it in.
//
// Query and text are compared after folding (see Fold): Traditional →
// Simplified characters (OpenCC's table), NFKC compatibility forms
// (full-width letters, digits and punctuation), whitespace and line breaks
// ignored, Latin lower-cased. 養老床位 and 养老床位 find the same hits, and so
// do 养老\n床位 in a plan exported from PDF and 2025 年 with a stray space.
//
// What is searched, in document order, each a "unit" with its own Kind:
//
//   - section headings (number and title, Section.Heading), unless the
//     heading's text is repeated by the block that starts on the same source
//     line (then only the block is searched, so no hit is reported twice);
//   - paragraphs and list items (Block.Text);
//   - 专栏 boxes: the title, then every child block, recursively;
//   - tables: the caption (unless repeated by a paragraph on its line), every
//     cell of the header and body rows (Cell.Text: a cell's wrapped lines
//     joined), then the notes printed under the table.
//
// A match never spans two units (a phrase split over two paragraphs, two
// cells or a heading and its text is not a hit). The plan's title is not a
// unit of its own: it stands in the preamble's blocks.
//
// Every hit has a model.Location: plan ID, section Path and Titles (empty
// for the preamble), the exact source line of the match's first character
// (Block.LineAt for paragraphs; Cell.Line for cells), the block's index in its
// section (for content inside a box, the box's index; -1 for a heading), and
// Row/Col for table cells (Row counts header rows first; -1 otherwise).
//
// Speed and memory: a one-shot search (the first search of an index that
// was never warmed, like the CLI's) folds each plan into scratch space,
// scans it and keeps only a compact table of the plan's units (16 bytes
// each, no pointers, no copy of the text). From a plan's second search on,
// or after Warm or FoldAll, the index keeps the plan's folded text in one
// contiguous buffer, folded once (lazily, or in the background after Warm),
// and a small Bloom filter of the character pairs in each 2 KiB chunk of
// that buffer; a search probes the filter and scans only the chunks that may
// hold the query. The buffer holds the folded text in a packed encoding
// (packed.go) where a CJK character takes 2 bytes, or 1 for the most
// frequent, instead of UTF-8's 3; buffers, unit tables and filters are
// carved from shared blocks (arena). Scans look for the query's rarest
// byte (the second byte of a CJK character rather than the lead bytes,
// shared by 256 characters) with bytes.IndexByte, and check that each
// match starts on a character boundary. Match positions are offsets in the
// plan's folded text as UTF-8 (its units' Fold, a zero byte between two),
// whatever the storage. Plans are searched in parallel. Results keep every
// match position compactly; a hit's original offsets, text, line and
// context are computed only when asked for (Result.Hit), so a result with
// thousands of hits is cheap until it is displayed. Refine narrows a
// previous result when the new query contains the old one (养老 → 养老床) by
// checking only the old positions (folding a plan again if a one-shot search
// kept none).
package search

import (
	"bytes"
	"context"
	"errors"
	"math"
	"runtime"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"unicode/utf8"

	"planview/model"
)

// Kind tells what a hit's text is.
type Kind string

// The kinds of searched text.
const (
	KindHeading   Kind = "heading"
	KindParagraph Kind = "paragraph"
	KindListItem  Kind = "list-item"
	KindBoxTitle  Kind = "box-title"
	KindCaption   Kind = "caption"
	KindCell      Kind = "cell"
	KindNote      Kind = "note"
)

// kindCode is a Kind in one byte, for compact units.
type kindCode uint8

const (
	kHeading kindCode = iota
	kParagraph
	kListItem
	kBoxTitle
	kCaption
	kCell
	kNote
)

var kindOf = [...]Kind{KindHeading, KindParagraph, KindListItem, KindBoxTitle, KindCaption, KindCell, KindNote}

// ErrEmptyQuery is returned for a query that folds to nothing (only spaces).
var ErrEmptyQuery = errors.New("search: empty query")

// Hit is one match, with everything a view needs to show and jump to it.
type Hit struct {
	Loc  model.Location
	Kind Kind
	// Text is the unit the match is in, as the plan writes it: Block.Text
	// for paragraphs, list items and box titles, Cell.Text() for a cell,
	// Table.Caption, a table note, or Section.Heading().
	Text string
	// Start and End are byte offsets of the match in Text: Text[Start:End]
	// is the match as written, whitespace the fold ignored included.
	Start, End int
	Match      string
	// Sub is, for text inside a 专栏 box, the index in the box's Children
	// of the child block holding the match (Loc.Block is the box); -1 for
	// the box title and outside boxes.
	Sub int
	// Context is one line of Text around the match (at most ContextRunes
	// runes either side, "…" where cut), with every control character,
	// tab and line break replaced by a space. Context[CtxStart:CtxEnd] is
	// the match.
	Context          string
	CtxStart, CtxEnd int
}

// ContextRunes is how many runes of context a Hit shows before and after the
// match.
const ContextRunes = 24

// Index searches a fixed set of plans.
type Index struct {
	plans []*planIndex
	keep  atomic.Bool // Warm or FoldAll was called: every search keeps what it folds
	// Where the plans' folded text, unit tables and filters are kept.
	text    arena[byte]
	units   arena[unit]
	filters arena[uint64]
}

// New makes an index of plans. It does no work yet: each plan is folded on
// the first search that needs it, or in the background after Warm.
func New(plans []*model.Plan) *Index {
	ix := &Index{plans: make([]*planIndex, len(plans))}
	ix.text.block = 1 << 20
	ix.units.block = 1 << 14
	ix.filters.block = 1 << 15
	for i, p := range plans {
		ix.plans[i] = &planIndex{plan: p, ix: ix}
	}
	return ix
}

// Plans returns the indexed plans, in index order.
func (ix *Index) Plans() []*model.Plan {
	out := make([]*model.Plan, len(ix.plans))
	for i, p := range ix.plans {
		out[i] = p.plan
	}
	return out
}

// Warm starts folding every plan and building its filter in the background,
// and returns at once. Searches started meanwhile fold what they need
// themselves (each plan is folded once).
func (ix *Index) Warm() {
	ix.keep.Store(true)
	go ix.FoldAll()
}

// FoldAll folds every plan and builds its filter now, using every CPU, and
// returns when done.
func (ix *Index) FoldAll() {
	ix.keep.Store(true)
	ix.parallel(context.Background(), func(i int) {
		p := ix.plans[i]
		p.ensure()
		p.ensureFilter()
	})
}

// parallel runs fn(i) for every plan index on GOMAXPROCS workers. It stops
// handing out work when ctx is done.
func (ix *Index) parallel(ctx context.Context, fn func(i int)) {
	parallelN(ctx, len(ix.plans), fn)
}

// parallelN runs fn(i) for i in [0, n) on GOMAXPROCS workers. It stops
// handing out work when ctx is done.
func parallelN(ctx context.Context, n int, fn func(i int)) {
	workers := min(runtime.GOMAXPROCS(0), n)
	if workers <= 1 {
		for i := range n {
			if ctx.Err() != nil {
				return
			}
			fn(i)
		}
		return
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for ctx.Err() == nil {
				i := int(next.Add(1) - 1)
				if i >= n {
					return
				}
				fn(i)
			}
		}()
	}
	wg.Wait()
}

// Result is the outcome of a search: every match position, in document
// order (plans in index order, then position in the plan).
type Result struct {
	Query  string // the query as given
	folded string
	ix     *Index
	groups []group // plans with hits, in index order
	total  int
}

// group holds one plan's matches as offsets in the plan's folded text
// (UTF-8, see the package comment).
type group struct {
	plan   int
	all    []int32 // every match start, overlapping ones included (for Refine)
	packed []int32 // all, as offsets in the plan's packed buffer (for Refine)
	hits   []int32 // reported hits: all, less matches that overlap the previous one
	first  int     // index of hits[0] among the result's hits
}

// matches are one plan's match starts, overlapping ones included, as
// offsets in the folded text and in the packed buffer.
type matches struct{ all, packed []int32 }

// PlanCount is the number of hits in one plan.
type PlanCount struct {
	Plan  *model.Plan
	Index int // the plan's index in the Index
	Count int
	First int // the index, for Result.Hit, of the plan's first hit
}

// Len returns the number of hits.
func (r *Result) Len() int {
	if r == nil {
		return 0
	}
	return r.total
}

// Counts returns the number of hits per plan, for plans with hits, in order.
func (r *Result) Counts() []PlanCount {
	if r == nil {
		return nil
	}
	out := make([]PlanCount, len(r.groups))
	for i, g := range r.groups {
		out[i] = PlanCount{Plan: r.ix.plans[g.plan].plan, Index: g.plan, Count: len(g.hits), First: g.first}
	}
	return out
}

// Hits returns every hit, materialised.
func (r *Result) Hits() []Hit {
	out := make([]Hit, 0, r.Len())
	if r == nil {
		return out
	}
	for _, g := range r.groups {
		m := hitMapper{p: r.ix.plans[g.plan], ui: -1}
		for _, pos := range g.hits {
			out = append(out, m.hit(pos, len(r.folded)))
		}
	}
	return out
}

// Hit returns hit i (0 ≤ i < Len), in document order.
func (r *Result) Hit(i int) Hit {
	if i < 0 || i >= r.Len() {
		panic("search: hit index out of range")
	}
	g := sort.Search(len(r.groups), func(j int) bool { return r.groups[j].first > i }) - 1
	gr := r.groups[g]
	return r.ix.plans[gr.plan].hit(gr.hits[i-gr.first], len(r.folded))
}

// Search finds every occurrence of query in the index's plans. It returns
// ErrEmptyQuery for a query that folds to nothing, and ctx.Err() when ctx is
// done before it finishes.
func (ix *Index) Search(ctx context.Context, query string) (*Result, error) {
	q := Fold(query)
	if q == "" {
		return nil, ErrEmptyQuery
	}
	qp := pack(q)
	probes := gramProbes(qp)
	per := make([]matches, len(ix.plans))
	ix.parallel(ctx, func(i int) {
		p := ix.plans[i]
		// A plan's folded buffer and filter pay off from its second
		// search on: a one-shot search (the CLI) folds into scratch space
		// and keeps only the unit table.
		if p.searches.Add(1) == 1 && !ix.keep.Load() {
			if out, ok := p.scanOnce(ctx, qp); ok {
				per[i] = out
				return
			}
		}
		p.ensure()
		p.ensureFilter()
		per[i] = p.scan(ctx, qp, probes)
	})
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return ix.result(query, q, per), nil
}

// Refine searches for query, a query that contains prev's query (after
// folding; typically prev's query with one more character typed), by
// checking only prev's match positions. When query does not contain prev's
// query, or prev is nil or from another index, it runs a full Search.
func (ix *Index) Refine(ctx context.Context, prev *Result, query string) (*Result, error) {
	q := Fold(query)
	if q == "" {
		return nil, ErrEmptyQuery
	}
	if prev == nil || prev.ix != ix {
		return ix.Search(ctx, query)
	}
	d := strings.Index(q, prev.folded)
	if d < 0 {
		return ix.Search(ctx, query)
	}
	// Every match of q holds a match of prev's query at offset d, dp
	// packed: the bytes that match q there must start on a character
	// boundary too, which prev's match already tells when dp is 0.
	qp := pack(q)
	dp := len(pack(q[:d]))
	per := make([]matches, len(ix.plans))
	parallelN(ctx, len(prev.groups), func(n int) {
		g := &prev.groups[n]
		p := ix.plans[g.plan]
		p.ensure() // a one-shot search keeps no folded text
		buf := p.folded
		w := newWalker(buf, p.units)
		var m matches
		for k, pos := range g.packed {
			s := int(pos) - dp
			if s < 0 || s+len(qp) > len(buf) || !bytes.Equal(buf[s:s+len(qp)], qp) {
				continue
			}
			if dp > 0 {
				if _, ok := w.boundary(s); !ok {
					continue
				}
			}
			m.all = append(m.all, g.all[k]-int32(d))
			m.packed = append(m.packed, int32(s))
		}
		per[g.plan] = m
	})
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return ix.result(query, q, per), nil
}

func (ix *Index) result(query, q string, per []matches) *Result {
	r := &Result{Query: query, folded: q, ix: ix}
	for i, m := range per {
		all := m.all
		if len(all) == 0 {
			continue
		}
		hits := nonOverlapping(all, len(q))
		r.groups = append(r.groups, group{plan: i, all: all, packed: m.packed, hits: hits, first: r.total})
		r.total += len(hits)
	}
	return r
}

// nonOverlapping drops matches that start inside the previous reported
// match (哈哈 in 哈哈哈 is one hit), so that no text is reported twice.
func nonOverlapping(all []int32, n int) []int32 {
	for i := 1; i < len(all); i++ {
		if int(all[i]) < int(all[i-1])+n {
			// Rare: copy and filter.
			out := append([]int32(nil), all[:i]...)
			end := int(all[i-1]) + n
			for _, p := range all[i:] {
				if int(p) >= end {
					out = append(out, p)
					end = int(p) + n
				}
			}
			return out
		}
	}
	return all
}

// A plan's index: its units folded into one buffer, packed (packed.go), a
// zero byte between two units.

const (
	chunkShift  = 11 // 2 KiB chunks of packed text (some 1,400 characters)
	chunkSize   = 1 << chunkShift
	filterBits  = 1024 // Bloom filter bits per chunk: 6% of the text
	filterWords = filterBits / 64
	filterShift = 64 - 10 // log2(filterBits)
	overlap     = 64      // a chunk's filter also holds grams starting this many bytes into the next chunk
)

type planIndex struct {
	plan     *model.Plan
	ix       *Index
	mu       sync.Mutex  // held while folding; guards units
	built    atomic.Bool // folded (and units) are set
	once     sync.Once
	fonce    sync.Once
	searches atomic.Int32
	fready   atomic.Bool
	units    []unit
	wide     map[int32]fields       // units whose fields do not fit in a unit
	secs     []*model.Section       // the sections units point at, in walk order
	deep     map[int32]*model.Block // blocks of units nested deeper than blockOf derives
	folded   []byte                 // the units' folded text, packed, a zero byte between two
	filter   []uint64               // filterWords per chunk
}

// unit describes one searched text, in 16 bytes without pointers (so the
// collector never scans the table). It keeps no copy of the text: text()
// gets it back from the plan when a hit is materialised, and so are the
// block and the source line. Its fields (see fields) are packed in sec,
// block and info; a unit whose fields do not fit (a section or block index
// beyond 32,767, a box child beyond 126, a table row or column beyond
// 2,046) has kind wideKind and its fields in planIndex.wide.
type unit struct {
	start  int32 // offset of the unit's text in planIndex.folded (packed)
	start8 int32 // offset of the unit's text in the folded text as UTF-8
	sec    int16
	block  int16
	info   uint32 // kind | (sub+1)<<3 | (row+1)<<10 | (col+1)<<21
}

const (
	wideKind = 7
	subBits  = 7
	rowBits  = 11
	colBits  = 11
)

// fields is what a unit tells of its text.
type fields struct {
	kind  kindCode
	sec   int32 // index in planIndex.secs; -1 for the preamble
	block int32 // index of the block (or enclosing box) in its section; -1 for a heading
	row   int32 // table row (header rows first); -1 outside cells
	col   int32 // table column; for a note, the note's index; -1 otherwise
	sub   int32 // the index of the child in the enclosing box; -1 outside boxes
}

// packUnit packs f into a unit, reporting false if it does not fit.
func packUnit(start, start8 int32, f fields) (unit, bool) {
	u := unit{start: start, start8: start8, sec: int16(f.sec), block: int16(f.block),
		info: uint32(f.kind) | uint32(f.sub+1)<<3 | uint32(f.row+1)<<(3+subBits) | uint32(f.col+1)<<(3+subBits+rowBits)}
	fits := int32(u.sec) == f.sec && int32(u.block) == f.block && f.kind < wideKind &&
		uint32(f.sub+1) < 1<<subBits && uint32(f.row+1) < 1<<rowBits && uint32(f.col+1) < 1<<colBits
	return u, fits
}

// fields returns unit i's fields.
func (p *planIndex) fields(i int) fields {
	u := &p.units[i]
	if u.info&7 == wideKind {
		return p.wide[int32(i)]
	}
	return fields{
		kind:  kindCode(u.info & 7),
		sec:   int32(u.sec),
		block: int32(u.block),
		sub:   int32(u.info>>3&(1<<subBits-1)) - 1,
		row:   int32(u.info>>(3+subBits)&(1<<rowBits-1)) - 1,
		col:   int32(u.info>>(3+subBits+rowBits)) - 1,
	}
}

// spec is a unit as the builder describes it.
type spec struct {
	kind            kindCode
	sec             *model.Section // nil for the preamble
	blk             *model.Block   // the block (the table, for captions, cells and notes); nil for a heading
	block, row, col int32
}

// section returns the unit's section, nil for the preamble.
func (p *planIndex) section(u *fields) *model.Section {
	if u.sec < 0 {
		return nil
	}
	return p.secs[u.sec]
}

// blockOf returns unit i's block (the table, for captions, cells and notes;
// nil for a heading): the block at u.block, or its child u.sub, or, deeper
// in nested boxes, the one recorded in p.deep.
func (p *planIndex) blockOf(i int, u *fields) *model.Block {
	if u.kind == kHeading {
		return nil
	}
	if b, ok := p.deep[int32(i)]; ok {
		return b
	}
	return derivedBlock(p.plan, p.section(u), u.block, u.sub)
}

func derivedBlock(plan *model.Plan, s *model.Section, block, sub int32) *model.Block {
	list := plan.Preamble
	if s != nil {
		list = s.Blocks
	}
	b := &list[block]
	if sub >= 0 {
		b = &b.Children[sub]
	}
	return b
}

// text returns unit i's text as the plan writes it, and its block.
func (p *planIndex) text(i int, u *fields) (string, *model.Block) {
	blk := p.blockOf(i, u)
	switch u.kind {
	case kHeading:
		return p.section(u).Heading(), nil
	case kCaption:
		return blk.Table.Caption, blk
	case kCell:
		return cellAt(blk.Table, int(u.row), int(u.col)).Text(), blk
	case kNote:
		return blk.Table.Notes[u.col], blk
	}
	return blk.Text, blk
}

func cellAt(t *model.Table, row, col int) *model.Cell {
	if row < len(t.Header) {
		return &t.Header[row].Cells[col]
	}
	return &t.Rows[row-len(t.Header)].Cells[col]
}

// tableLine is the source line a table's caption reports.
func tableLine(blk *model.Block) int {
	if blk.Table.Line != 0 {
		return blk.Table.Line
	}
	return blk.Line
}

// line returns the source line of a match starting at byte start of unit
// i's text (see the package comment).
func (p *planIndex) line(u *fields, blk *model.Block, start int) int {
	switch u.kind {
	case kHeading:
		return p.section(u).Line
	case kCaption:
		return tableLine(blk)
	case kCell:
		t := blk.Table
		if c := cellAt(t, int(u.row), int(u.col)); c.Line != 0 {
			return c.Line
		}
		if int(u.row) < len(t.Header) {
			return t.Header[u.row].Line
		}
		return t.Rows[int(u.row)-len(t.Header)].Line
	case kNote:
		// Notes have no line of their own in the model: they stand right
		// under the table, so they point at the table's last line.
		last := tableLine(blk)
		for _, rows := range [][]model.Row{blk.Table.Header, blk.Table.Rows} {
			for _, r := range rows {
				for _, c := range r.Cells {
					last = max(last, c.Line, r.Line)
				}
			}
		}
		return last
	}
	return blk.LineAt(start)
}

func (p *planIndex) ensure() { p.once.Do(p.build) }

func (p *planIndex) ensureFilter() {
	p.fonce.Do(func() {
		p.filter = p.ix.buildFilter(p.folded)
		p.fready.Store(true)
	})
}

func (p *planIndex) build() {
	p.mu.Lock()
	defer p.mu.Unlock()
	sp := scratch.Get().(*[]byte)
	b := p.fold((*sp)[:0], p.units == nil)
	p.keepUnits(b)
	p.folded = p.ix.text.clone(b.buf)
	*sp = b.buf
	scratch.Put(sp)
	p.built.Store(true)
}

// scratch holds buffers to fold into.
var scratch = sync.Pool{New: func() any { return new([]byte) }}

// scanOnce folds the plan into scratch space, keeping only the unit table,
// and scans it. It reports false when the plan is already folded.
func (p *planIndex) scanOnce(ctx context.Context, q []byte) (matches, bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.built.Load() {
		return matches{}, false
	}
	sp := scratch.Get().(*[]byte)
	b := p.fold((*sp)[:0], p.units == nil)
	p.keepUnits(b)
	var m matches
	m.all, m.packed = verify(b.buf, p.units, scanAll(ctx, b.buf, q))
	*sp = b.buf
	scratch.Put(sp)
	return m, true
}

// keepUnits keeps b's unit table, unless the plan has one already.
func (p *planIndex) keepUnits(b *builder) {
	if p.units == nil && !b.noUnits {
		p.units, p.wide, p.secs, p.deep = b.units, b.wide, b.secs, b.deep
	}
}

// fold folds the plan's units into buf (grown as needed; nil allocates one
// of the right size) and, if withUnits, lists them.
func (p *planIndex) fold(buf []byte, withUnits bool) *builder {
	initFold()
	// Two walks: the first counts the units and their bytes, so the second
	// fills a slice and a buffer of the right size, folding as it goes.
	b := &builder{plan: p.plan, sub: -1, sec: -1, counting: true}
	walk := func() {
		b.blocks(nil, p.plan.Preamble)
		p.plan.Walk(func(s *model.Section) {
			b.enter(s)
			switch {
			case s.Synthetic || s.Number == "" && s.Title == "":
			case b.counting:
				b.n++ // at most one unit: enough to size the slice
				b.size += len(s.Number) + len(s.Title) + 1
			case !headingRepeated(s):
				b.add(spec{kind: kHeading, sec: s, block: -1, row: -1, col: -1})
				b.fold2(s.Number, s.Title)
			}
			b.blocks(s, s.Blocks)
		})
	}
	walk()
	b.counting, b.noUnits, b.sec = false, !withUnits, -1
	if withUnits {
		b.units = p.ix.units.alloc(b.n)[:0] // b.n is exact but for repeated headings
		b.secs = make([]*model.Section, 0, b.nsec)
	}
	// Folding mostly shrinks text (whitespace, full-width forms); the rare
	// expansion just grows the buffer.
	if buf == nil || cap(buf) < b.size {
		buf = make([]byte, 0, b.size)
	}
	b.buf = buf
	walk()
	return b
}

// headingRepeated reports whether the first block under s starts on the
// heading's source line with the heading itself, number and title: a loader
// may keep a heading written inline ("（一）完善体系。正文…") in the block
// as well. A block that merely begins with the title's words (the loader
// cut the heading off, and the text happens to repeat them) is not a repeat.
func headingRepeated(s *model.Section) bool {
	if len(s.Blocks) == 0 || s.Line == 0 || s.Number == "" {
		return false
	}
	b := &s.Blocks[0]
	if b.Kind == model.TableBlock || b.LineAt(0) != s.Line {
		return false
	}
	head := b.Text
	if n := 2*(len(s.Number)+len(s.Title)) + 16; len(head) > n {
		for n > 0 && !utf8.RuneStart(head[n]) {
			n--
		}
		head = head[:n]
	}
	var hb, bb [128]byte
	h := appendFold2(hb[:0], s.Number, s.Title)
	return len(h) > 0 && bytes.HasPrefix(appendFold(bb[:0], head), h)
}

type builder struct {
	plan     *model.Plan
	counting bool // first walk: only count units and bytes
	noUnits  bool // second walk: fold only
	n        int  // units (an upper bound)
	nsec     int  // sections
	k        int  // units added
	size     int
	units    []unit
	wide     map[int32]fields
	secs     []*model.Section
	deep     map[int32]*model.Block
	buf      []byte // the folded text, packed
	n8       int    // the length of the folded text in UTF-8
	sec      int32  // the current section's index in secs
	sub      int32  // the current box child's index, -1 outside boxes
}

// enter starts section s.
func (b *builder) enter(s *model.Section) {
	b.nsec++
	if !b.counting && !b.noUnits {
		b.sec = int32(len(b.secs))
		b.secs = append(b.secs, s)
	}
}

// add records a unit whose folded text the caller appends next; the zero
// byte that ends the previous unit is written here (the fold removes control
// characters, so no match spans units).
func (b *builder) add(u spec) {
	if b.k > 0 {
		b.buf = append(b.buf, 0)
		b.n8++
	}
	b.k++
	if b.noUnits {
		return
	}
	sec := b.sec
	if u.sec == nil {
		sec = -1
	}
	if u.blk != nil && derivedBlock(b.plan, u.sec, u.block, b.sub) != u.blk {
		if b.deep == nil {
			b.deep = map[int32]*model.Block{}
		}
		b.deep[int32(len(b.units))] = u.blk
	}
	f := fields{kind: u.kind, sec: sec, block: u.block, row: u.row, col: u.col, sub: b.sub}
	if len(b.buf) > math.MaxInt32 || b.n8 > math.MaxInt32 {
		panic("search: a plan of more than 2 GB of text")
	}
	un, ok := packUnit(int32(len(b.buf)), int32(b.n8), f)
	if !ok {
		un.info = un.info&^7 | wideKind
		if b.wide == nil {
			b.wide = map[int32]fields{}
		}
		b.wide[int32(len(b.units))] = f
	}
	b.units = append(b.units, un)
}

// text adds a unit with text s.
func (b *builder) text(u spec, s string) {
	if b.counting {
		b.n++
		b.size += len(s) + 1
		return
	}
	b.add(u)
	b.pack(s)
}

// pack appends the fold of s, packed.
func (b *builder) pack(s string) {
	var n8 int
	b.buf, n8 = appendPacked(b.buf, s)
	b.n8 += n8
}

// fold2 appends the fold of x+y (folding is per rune, so folding the parts
// is the same unless x ends inside a rune).
func (b *builder) fold2(x, y string) {
	if y == "" || utf8.FullRuneInString(lastRune(x)) {
		b.pack(x)
		b.pack(y)
		return
	}
	b.pack(x + y)
}

func appendFold2(dst []byte, x, y string) []byte {
	if y == "" || utf8.FullRuneInString(lastRune(x)) {
		return appendFold(appendFold(dst, x), y)
	}
	return appendFold(dst, x+y)
}

// lastRune returns the bytes from the last rune start of s on.
func lastRune(s string) string {
	for i := len(s) - 1; i >= 0 && i >= len(s)-utf8.UTFMax; i-- {
		if utf8.RuneStart(s[i]) {
			return s[i:]
		}
	}
	if len(s) == 0 {
		return "a"
	}
	return s[max(0, len(s)-utf8.UTFMax):]
}

func (b *builder) blocks(s *model.Section, blocks []model.Block) {
	for i := range blocks {
		b.block(s, i, &blocks[i])
	}
}

// block adds the units of one block; idx is the index the hits report.
func (b *builder) block(s *model.Section, idx int, blk *model.Block) {
	switch blk.Kind {
	case model.TableBlock:
		if blk.Table != nil {
			b.table(s, idx, blk)
		}
	case model.BoxBlock:
		if blk.Text != "" {
			b.text(spec{kind: kBoxTitle, sec: s, block: int32(idx), row: -1, col: -1, blk: blk}, blk.Text)
		}
		outer := b.sub
		for j := range blk.Children {
			if outer < 0 {
				b.sub = int32(j)
			}
			b.block(s, idx, &blk.Children[j])
		}
		b.sub = outer
	case model.ListItem:
		b.text(spec{kind: kListItem, sec: s, block: int32(idx), row: -1, col: -1, blk: blk}, blk.Text)
	default:
		b.text(spec{kind: kParagraph, sec: s, block: int32(idx), row: -1, col: -1, blk: blk}, blk.Text)
	}
}

func (b *builder) table(s *model.Section, idx int, blk *model.Block) {
	t := blk.Table
	if t.Caption != "" && (b.counting || !captionRepeated(s, idx, t.Caption, tableLine(blk))) {
		b.text(spec{kind: kCaption, sec: s, block: int32(idx), row: -1, col: -1, blk: blk}, t.Caption)
	}
	row := 0
	for _, rows := range [][]model.Row{t.Header, t.Rows} {
		for _, r := range rows {
			for c, cell := range r.Cells {
				if cellEmpty(cell) {
					continue
				}
				if b.counting {
					b.n++
					for _, l := range cell.Lines {
						b.size += len(l)
					}
					b.size++
					continue
				}
				b.add(spec{kind: kCell, sec: s, block: int32(idx), row: int32(row), col: int32(c), blk: blk})
				b.foldCell(cell)
			}
			row++
		}
	}
	for i, n := range t.Notes {
		b.text(spec{kind: kNote, sec: s, block: int32(idx), row: -1, col: int32(i), blk: blk}, n)
	}
}

// foldCell appends the fold of cell.Text() without joining its lines.
func (b *builder) foldCell(c model.Cell) {
	for i, l := range c.Lines {
		if i+1 < len(c.Lines) && !utf8.FullRuneInString(lastRune(l)) {
			b.pack(c.Text()) // a rune split over lines: rare
			return
		}
		b.pack(l)
	}
}

func cellEmpty(c model.Cell) bool {
	for _, l := range c.Lines {
		if l != "" {
			return false
		}
	}
	return true
}

// captionRepeated reports whether the block before a table is a paragraph on
// the caption's line that holds the caption: then the caption is searched
// there only.
func captionRepeated(s *model.Section, idx int, caption string, line int) bool {
	if s == nil || idx == 0 || idx > len(s.Blocks) {
		return false
	}
	prev := &s.Blocks[idx-1]
	if prev.Kind != model.Paragraph && prev.Kind != model.ListItem {
		return false
	}
	on := false
	for _, sp := range prev.Spans {
		on = on || sp.Line == line
	}
	return (on || prev.Line == line) && strings.Contains(Fold(prev.Text), Fold(caption))
}

// Bloom filter of character pairs per chunk of the packed buffer (one hash,
// filterBits bits). Chunk k's filter holds every pair that starts in
// [k·chunkSize, (k+1)·chunkSize + overlap), so a match starting in chunk k
// has all its pairs that start within its first `overlap` bytes in chunk
// k's filter. A one-character query has no pair: every chunk is scanned. A
// character is hashed by its packed bytes (charCode), which are as unique
// as the rune.

func gramHash(x uint64) uint32 {
	return uint32((x * 0x9E3779B97F4A7C15) >> filterShift)
}

func biGram(a, b uint32) uint64 { return uint64(a)<<32 | uint64(b) }

// charCode returns the packed character of n bytes at p[i:] as a number.
func charCode(p []byte, i, n int) uint32 {
	c := uint32(p[i])
	for _, x := range p[i+1 : i+n] {
		c = c<<8 | uint32(x)
	}
	return c
}

func (ix *Index) buildFilter(buf []byte) []uint64 {
	nchunks := (len(buf) + chunkSize - 1) >> chunkShift
	f := ix.filters.alloc(nchunks * filterWords)
	prev, prevPos := uint32(0), 0 // 0: no character before (the separator code)
	for i := 0; i < len(buf); {
		c := buf[i]
		n := int(packedLen[c] & 15)
		var code uint32
		if n <= 2 && i+1 < len(buf) {
			// 1 and 2 bytes mix at random in CJK text: no branch.
			code = (uint32(c)<<8 | uint32(buf[i+1])) >> ((2 - n) << 3)
		} else {
			code = charCode(buf, i, n)
		}
		// The pair starting at prevPos goes to its chunk, and to the
		// chunk before when it starts within that chunk's overlap.
		if prev != 0 && code != 0 {
			h := gramHash(biGram(prev, code))
			k := prevPos >> chunkShift
			f[k*filterWords+int(h>>6)] |= 1 << (h & 63)
			if k > 0 && prevPos&(chunkSize-1) < overlap {
				f[(k-1)*filterWords+int(h>>6)] |= 1 << (h & 63)
			}
		}
		prev, prevPos = code, i
		i += n
	}
	return f
}

// gramProbes lists the filter bits a chunk must have for a match of q
// (packed) to start in it: the pairs that start within q's first `overlap`
// bytes.
func gramProbes(q []byte) []uint32 {
	var out []uint32
	prev := uint32(0)
	seen := map[uint32]bool{}
	for i := 0; i < len(q); {
		n := max(1, min(int(packedLen[q[i]]&15), len(q)-i))
		code := charCode(q, i, n)
		if prev != 0 {
			if h := gramHash(biGram(prev, code)); !seen[h] {
				seen[h] = true
				out = append(out, h)
			}
		}
		if i >= overlap {
			break
		}
		prev = code
		i += n
	}
	return out
}

// scan returns the start of every match of q (packed) in p, overlapping
// ones too.
func (p *planIndex) scan(ctx context.Context, q []byte, probes []uint32) matches {
	buf := p.folded
	if !p.fready.Load() {
		var m matches
		m.all, m.packed = verify(buf, p.units, scanAll(ctx, buf, q))
		return m
	}
	var m matches
	f := newFinder(q)
	w := newWalker(buf, p.units)
	nchunks := len(p.filter) / filterWords
	for k := 0; k < nchunks; k++ {
		if k&255 == 255 && ctx.Err() != nil {
			return matches{}
		}
		if !p.mayHold(k, probes) {
			continue
		}
		// Merge a run of candidate chunks into one region.
		first := k
		for k+1 < nchunks && p.mayHold(k+1, probes) {
			k++
		}
		from := first << chunkShift
		limit := min((k+1)<<chunkShift, len(buf)) // matches must start before limit
		region := buf[from:min(limit+len(q)-1, len(buf))]
		for off := 0; ; {
			j := f.index(region[off:])
			if j < 0 {
				break
			}
			pos := from + off + j
			if pos >= limit {
				break
			}
			if pos8, ok := w.boundary(pos); ok {
				m.all = append(m.all, int32(pos8))
				m.packed = append(m.packed, int32(pos))
			}
			off += j + 1
		}
	}
	return m
}

// scanAll finds every byte-wise match of q in buf without the filter,
// checking ctx every MiB. In UTF-8 text these are the matches; in packed
// text, verify keeps those that start on a character boundary.
func scanAll(ctx context.Context, buf, q []byte) []int32 {
	var out []int32
	f := newFinder(q)
	const step = 1 << 20
	for from := 0; from < len(buf); from += step {
		if from > 0 && ctx.Err() != nil {
			return nil
		}
		limit := min(from+step, len(buf))
		region := buf[from:min(limit+len(q)-1, len(buf))]
		for off := 0; ; {
			j := f.index(region[off:])
			if j < 0 || from+off+j >= limit {
				break
			}
			out = append(out, int32(from+off+j))
			off += j + 1
		}
	}
	return out
}

// finder finds q by its rarest byte with bytes.IndexByte, then compares the
// rest. In packed text, the first byte of a CJK character is one of 82,
// and the frequent characters have one byte each, so those stop the scan
// everywhere; the second byte of a 2-byte character is one of 256, many
// of them rare, and bytes.IndexByte skips to it at memory speed.
type finder struct {
	q []byte
	k int  // the anchor's offset in q
	b byte // q[k]
}

func newFinder(q []byte) finder {
	f := finder{q: q}
	best := 1 << 30
	for i := 0; i < len(q); {
		n := max(1, min(int(packedLen[q[i]]&15), len(q)-i))
		for k := i; k < i+n; k++ {
			if r := byteRank(q[k], k > i); r < best {
				best, f.k = r, k
			}
		}
		i += n
	}
	f.b = q[f.k]
	return f
}

// byteRank guesses how common byte c is in packed plan text (CJK, digits
// and ASCII punctuation), in thousandths of the characters, c being the
// first byte of a character or (inner) a later one. A byte is as common as
// the characters whose first byte it is, plus its share of the second
// bytes: 1/256 of the half of the text in 2-byte characters.
func byteRank(c byte, inner bool) int {
	r := 0
	if inner {
		r = 2
	}
	switch {
	case singleRune[c] != 0:
		return r + 5 // one frequent character
	case c >= leadPage && c < leadEsc2:
		return r + 6 // the lead byte of 256 characters
	case c >= '0' && c <= '9', c == '.', c == ',', c == '%', c == '(', c == ')', c == ':', c == ';':
		return r + 4
	case c >= 'a' && c <= 'z', c == 0:
		return r + 1
	}
	return r // rare ASCII, and the rare escapes
}

// index returns the offset of the first q in s, or -1.
func (f *finder) index(s []byte) int {
	n := len(f.q)
	if n == 1 {
		return bytes.IndexByte(s, f.b)
	}
	if len(s) < n {
		return -1
	}
	// Candidates: q[k] at i, q at i-k; the anchor of the last possible
	// match is at len(s)-n+k.
	end := len(s) - n + f.k + 1
	for i := f.k; i < end; {
		j := bytes.IndexByte(s[i:end], f.b)
		if j < 0 {
			return -1
		}
		i += j
		if start := i - f.k; bytes.Equal(s[start:start+n], f.q) {
			return start
		}
		i++
	}
	return -1
}

func (p *planIndex) mayHold(k int, probes []uint32) bool {
	f := p.filter[k*filterWords : (k+1)*filterWords]
	for _, h := range probes {
		if f[h>>6]&(1<<(h&63)) == 0 {
			return false
		}
	}
	return true
}

// hit materialises the match of n folded (UTF-8) bytes at pos.
func (p *planIndex) hit(pos int32, n int) Hit {
	m := hitMapper{p: p, ui: -1}
	return m.hit(pos, n)
}

// hitMapper materialises the hits of one plan in order. The hits of one
// unit (a paragraph with 50,000 lines each holding the query) are mapped
// back to the text in one forward pass over it, not each from its start:
// the mapper keeps where the last hit began, in the text and in its fold,
// and the span (source line) it fell in.
type hitMapper struct {
	p    *planIndex
	ui   int // the unit of the last hit, -1 before the first
	u    fields
	text string
	blk  *model.Block
	// text[:i] folds to folded bytes; spans[span] holds byte i.
	i, folded, span int
}

func (m *hitMapper) hit(pos int32, n int) Hit {
	p := m.p
	ui := sort.Search(len(p.units), func(i int) bool { return p.units[i].start8 > pos }) - 1
	if ui != m.ui {
		m.ui, m.u = ui, p.fields(ui)
		m.text, m.blk = p.text(ui, &m.u)
		m.i, m.folded, m.span = 0, 0, 0
	}
	u := &m.u
	text, blk := m.text, m.blk
	fs := int(pos - p.units[ui].start8)
	start, end := m.origSpan(fs, fs+n)
	h := Hit{Kind: kindOf[u.kind], Text: text, Start: start, End: end, Match: text[start:end], Sub: int(u.sub)}
	var line int
	switch u.kind {
	case kParagraph, kListItem, kBoxTitle:
		line = m.lineAt(start) // p.line's blk.LineAt, going on
	default:
		line = p.line(u, blk, start)
	}
	h.Loc = model.Location{Plan: p.plan.ID, Block: int(u.block), Row: int(u.row), Col: int(u.col), Line: line}
	if u.kind == kNote {
		h.Loc.Col = -1
	}
	if sec := p.section(u); sec != nil {
		h.Loc.Section = sec.Path
		for _, a := range sec.Ancestors() {
			h.Loc.Titles = append(h.Loc.Titles, a.Heading())
		}
	}
	h.Context, h.CtxStart, h.CtxEnd = Context(text, start, end, ContextRunes)
	return h
}

// origSpan is origSpan(m.text, fs, fe), going on from the start of the
// last hit when fs lies after it.
func (m *hitMapper) origSpan(fs, fe int) (start, end int) {
	if fs < m.folded {
		m.i, m.folded = 0, 0
	}
	start, end, m.i, m.folded = origSpanFrom(m.text, m.i, m.folded, fs, fe)
	return start, end
}

// lineAt is m.blk.LineAt(start), going on from the span of the last hit.
func (m *hitMapper) lineAt(start int) int {
	sp := m.blk.Spans
	if m.span >= len(sp) || len(sp) > 0 && sp[m.span].Off > start {
		m.span = 0
	}
	if len(sp) == 0 {
		return m.blk.Line
	}
	for m.span+1 < len(sp) && sp[m.span+1].Off <= start {
		m.span++
	}
	if sp[m.span].Off > start {
		return m.blk.Line
	}
	return sp[m.span].Line
}

// origSpan maps the folded range [fs, fe) of Fold(s) back to s, like
// OrigSpan(s, FoldMap(s), fs, fe) but without building the map.
func origSpan(s string, fs, fe int) (start, end int) {
	start, end, _, _ = origSpanFrom(s, 0, 0, fs, fe)
	return start, end
}

// origSpanFrom is origSpan starting at byte i of s, s[:i] folding to
// folded bytes (folded ≤ fs). It also returns where the match's first rune
// starts, in s and in its fold, for the next call to go on from.
func origSpanFrom(s string, i, folded, fs, fe int) (start, end, at, atFolded int) {
	var scratch [32]byte
	start, at, atFolded = -1, i, folded
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		var n int
		if r < utf8.RuneSelf {
			n = len(appendFold(scratch[:0], s[i:i+1]))
		} else {
			n = len(appendRune(scratch[:0], r))
		}
		if n > 0 {
			if start < 0 && fs < folded+n {
				start, at, atFolded = i, i, folded
			}
			if fe <= folded+n {
				return start, i + size, at, atFolded
			}
		}
		folded += n
		i += size
	}
	if start < 0 {
		start = len(s)
	}
	return start, len(s), at, atFolded
}

// Context cuts one display line from text around text[start:end]: at most
// runes runes either side, "…" where text is cut, and every control
// character (line breaks and tabs included) replaced by a space. It returns
// the line and the match's byte offsets in it.
func Context(text string, start, end, runes int) (ctx string, cs, ce int) {
	from := start
	for n := 0; n < runes && from > 0; n++ {
		_, size := utf8.DecodeLastRuneInString(text[:from])
		from -= size
	}
	to := end
	for n := 0; n < runes && to < len(text); n++ {
		_, size := utf8.DecodeRuneInString(text[to:])
		to += size
	}
	var b strings.Builder
	b.Grow(to - from + 8)
	if from > 0 {
		b.WriteString("…")
	}
	write := func(s string) {
		for _, r := range s {
			if r < 0x20 || (r >= 0x7f && r < 0xa0) || r == 0x2028 || r == 0x2029 {
				r = ' '
			}
			b.WriteRune(r)
		}
	}
	write(text[from:start])
	cs = b.Len()
	write(text[start:end])
	ce = b.Len()
	write(text[end:to])
	if to < len(text) {
		b.WriteString("…")
	}
	return b.String(), cs, ce
}

// foldedOf returns plan i's folded text, as UTF-8 (for tests).
func (ix *Index) foldedOf(i int) []byte {
	ix.plans[i].ensure()
	return unpack(ix.plans[i].folded)
}
