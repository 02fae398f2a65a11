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
// scans it and keeps only a compact table of the plan's units (24 bytes
// each, no pointers, no copy of the text). From a plan's second search on,
// or after Warm or FoldAll, the index keeps the plan's folded text in one
// contiguous buffer, folded once (lazily, or in the background after Warm),
// and a small Bloom filter of the character pairs in each 4 KiB chunk of
// that buffer; a search probes the filter and scans only the chunks that may
// hold the query. Scans look for the query's rarest byte (a UTF-8
// continuation byte rather than the few lead bytes of CJK) with
// bytes.IndexByte. Plans are searched in parallel. Results keep every match
// position compactly; a hit's original offsets, text, line and context are
// computed only when asked for (Result.Hit), so a result with thousands of
// hits is cheap until it is displayed. Refine narrows a previous result
// when the new query contains the old one (养老 → 养老床) by checking only
// the old positions (folding a plan again if a one-shot search kept none).
package search

import (
	"bytes"
	"context"
	"errors"
	"runtime"
	"slices"
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
}

// New makes an index of plans. It does no work yet: each plan is folded on
// the first search that needs it, or in the background after Warm.
func New(plans []*model.Plan) *Index {
	ix := &Index{plans: make([]*planIndex, len(plans))}
	for i, p := range plans {
		ix.plans[i] = &planIndex{plan: p}
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
	n := len(ix.plans)
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

// group holds one plan's matches as offsets in the plan's folded buffer.
type group struct {
	plan  int
	all   []int32 // every match start, overlapping ones included (for Refine)
	hits  []int32 // reported hits: all, less matches that overlap the previous one
	first int     // index of hits[0] among the result's hits
}

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
		p := r.ix.plans[g.plan]
		for _, pos := range g.hits {
			out = append(out, p.hit(pos, len(r.folded)))
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
	probes := gramProbes(q)
	qb := []byte(q)
	per := make([][]int32, len(ix.plans))
	ix.parallel(ctx, func(i int) {
		p := ix.plans[i]
		// A plan's folded buffer and filter pay off from its second
		// search on: a one-shot search (the CLI) folds into scratch space
		// and keeps only the unit table.
		if p.searches.Add(1) == 1 && !ix.keep.Load() {
			if out, ok := p.scanOnce(ctx, qb); ok {
				per[i] = out
				return
			}
		}
		p.ensure()
		p.ensureFilter()
		per[i] = p.scan(ctx, qb, probes)
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
	// Every match of q holds a match of prev's query at offset d.
	qb := []byte(q)
	per := make([][]int32, len(ix.plans))
	for n, g := range prev.groups {
		if n&63 == 0 && ctx.Err() != nil {
			return nil, ctx.Err()
		}
		p := ix.plans[g.plan]
		p.ensure() // a one-shot search keeps no folded text
		buf := p.folded
		var out []int32
		for _, pos := range g.all {
			s := int(pos) - d
			if s >= 0 && s+len(qb) <= len(buf) && bytes.Equal(buf[s:s+len(qb)], qb) {
				out = append(out, int32(s))
			}
		}
		per[g.plan] = out
	}
	return ix.result(query, q, per), nil
}

func (ix *Index) result(query, q string, per [][]int32) *Result {
	r := &Result{Query: query, folded: q, ix: ix}
	for i, all := range per {
		if len(all) == 0 {
			continue
		}
		hits := nonOverlapping(all, len(q))
		r.groups = append(r.groups, group{plan: i, all: all, hits: hits, first: r.total})
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

// A plan's index: its units folded into one buffer, a zero byte between two
// units (the fold removes control characters, so no match spans units).

const (
	chunkShift  = 12 // 4 KiB chunks of folded text
	chunkSize   = 1 << chunkShift
	filterBits  = 2048 // Bloom filter bits per chunk
	filterWords = filterBits / 64
	filterShift = 64 - 11 // log2(filterBits)
	overlap     = 64      // a chunk's filter also holds grams starting this many bytes into the next chunk
)

type planIndex struct {
	plan     *model.Plan
	mu       sync.Mutex  // held while folding; guards units
	built    atomic.Bool // folded (and units) are set
	once     sync.Once
	fonce    sync.Once
	searches atomic.Int32
	fready   atomic.Bool
	units    []unit
	secs     []*model.Section       // the sections units point at, in walk order
	deep     map[int32]*model.Block // blocks of units nested deeper than blockOf derives
	folded   []byte
	filter   []uint64 // filterWords per chunk
}

// unit describes one searched text, in 24 bytes without pointers (so the
// collector never scans the table). It keeps no copy of the text: text()
// gets it back from the plan when a hit is materialised, and so are the
// block and the source line.
type unit struct {
	start int32 // offset of the unit's folded text in planIndex.folded
	sec   int32 // index in planIndex.secs; -1 for the preamble
	block int32 // index of the block (or enclosing box) in its section; -1 for a heading
	row   int32 // table row (header rows first); -1 outside cells
	col   int32 // table column; for a note, the note's index; -1 otherwise
	ks    int32 // kind | (sub+1)<<3, sub being the index of the child in the enclosing box (-1 outside boxes)
}

func (u *unit) kind() kindCode { return kindCode(u.ks & 7) }
func (u *unit) sub() int32     { return u.ks>>3 - 1 }

// spec is a unit as the builder describes it.
type spec struct {
	kind            kindCode
	sec             *model.Section // nil for the preamble
	blk             *model.Block   // the block (the table, for captions, cells and notes); nil for a heading
	block, row, col int32
}

// section returns the unit's section, nil for the preamble.
func (p *planIndex) section(u *unit) *model.Section {
	if u.sec < 0 {
		return nil
	}
	return p.secs[u.sec]
}

// blockOf returns unit i's block (the table, for captions, cells and notes;
// nil for a heading): the block at u.block, or its child u.sub, or, deeper
// in nested boxes, the one recorded in p.deep.
func (p *planIndex) blockOf(i int) *model.Block {
	u := &p.units[i]
	if u.kind() == kHeading {
		return nil
	}
	if b, ok := p.deep[int32(i)]; ok {
		return b
	}
	return derivedBlock(p.plan, p.section(u), u.block, u.sub())
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
func (p *planIndex) text(i int) (string, *model.Block) {
	u := &p.units[i]
	blk := p.blockOf(i)
	switch u.kind() {
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
func (p *planIndex) line(i int, blk *model.Block, start int) int {
	u := &p.units[i]
	switch u.kind() {
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
		p.filter = buildFilter(p.folded)
		p.fready.Store(true)
	})
}

func (p *planIndex) build() {
	p.mu.Lock()
	defer p.mu.Unlock()
	b := p.fold(nil, p.units == nil)
	buf := b.buf
	if cap(buf)-len(buf) > cap(buf)/8 {
		buf = append(make([]byte, 0, len(buf)), buf...)
	}
	p.keepUnits(b)
	p.folded = slices.Clip(buf)
	p.built.Store(true)
}

// scratch holds buffers for one-shot searches.
var scratch = sync.Pool{New: func() any { return new([]byte) }}

// scanOnce folds the plan into scratch space, keeping only the unit table,
// and scans it. It reports false when the plan is already folded.
func (p *planIndex) scanOnce(ctx context.Context, q []byte) ([]int32, bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.built.Load() {
		return nil, false
	}
	sp := scratch.Get().(*[]byte)
	b := p.fold((*sp)[:0], p.units == nil)
	p.keepUnits(b)
	out := scanAll(ctx, b.buf, q)
	*sp = b.buf
	scratch.Put(sp)
	return out, true
}

// keepUnits keeps b's unit table, unless the plan has one already.
func (p *planIndex) keepUnits(b *builder) {
	if p.units == nil && !b.noUnits {
		p.units, p.secs, p.deep = b.units, b.secs, b.deep
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
		b.units = make([]unit, 0, b.n)
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
	secs     []*model.Section
	deep     map[int32]*model.Block
	buf      []byte
	sec      int32 // the current section's index in secs
	sub      int32 // the current box child's index, -1 outside boxes
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
	b.units = append(b.units, unit{start: int32(len(b.buf)), sec: sec, block: u.block, row: u.row, col: u.col, ks: int32(u.kind) | (b.sub+1)<<3})
}

// text adds a unit with text s.
func (b *builder) text(u spec, s string) {
	if b.counting {
		b.n++
		b.size += len(s) + 1
		return
	}
	b.add(u)
	b.buf = appendFold(b.buf, s)
}

// fold2 appends the fold of a+b (folding is per rune, so folding the parts
// is the same unless a ends inside a rune).
func (b *builder) fold2(x, y string) { b.buf = appendFold2(b.buf, x, y) }

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
			b.buf = appendFold(b.buf, c.Text()) // a rune split over lines: rare
			return
		}
		b.buf = appendFold(b.buf, l)
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

// Bloom filter of rune pairs per chunk (one hash, filterBits bits). Chunk
// k's filter holds every pair that starts in [k·chunkSize, (k+1)·chunkSize +
// overlap), so a match starting in chunk k has all its pairs that start
// within its first `overlap` bytes in chunk k's filter. A one-rune query has
// no pair: every chunk is scanned.

func gramHash(x uint64) uint32 {
	return uint32((x * 0x9E3779B97F4A7C15) >> filterShift)
}

func biGram(a, b rune) uint64 { return uint64(a)<<21 | uint64(b) }

func buildFilter(buf []byte) []uint64 {
	nchunks := (len(buf) + chunkSize - 1) >> chunkShift
	f := make([]uint64, nchunks*filterWords)
	prev, prevPos := rune(-1), 0
	for i := 0; i < len(buf); {
		c := buf[i]
		var r rune
		size := 1
		switch {
		case c < utf8.RuneSelf:
			r = rune(c)
		case c&0xF0 == 0xE0 && i+2 < len(buf):
			r = rune(c&0x0F)<<12 | rune(buf[i+1]&0x3F)<<6 | rune(buf[i+2]&0x3F)
			size = 3
		default:
			r, size = utf8.DecodeRune(buf[i:])
		}
		if r == 0 {
			prev = -1
			i++
			continue
		}
		// The pair starting at prevPos goes to its chunk, and to the
		// chunk before when it starts within that chunk's overlap.
		if prev >= 0 {
			h := gramHash(biGram(prev, r))
			k := prevPos >> chunkShift
			f[k*filterWords+int(h>>6)] |= 1 << (h & 63)
			if k > 0 && prevPos&(chunkSize-1) < overlap {
				f[(k-1)*filterWords+int(h>>6)] |= 1 << (h & 63)
			}
		}
		prev, prevPos = r, i
		i += size
	}
	return f
}

// gramProbes lists the filter bits a chunk must have for a match of q to
// start in it: the grams that start within q's first `overlap` bytes.
func gramProbes(q string) []uint32 {
	var out []uint32
	prev := rune(-1)
	seen := map[uint32]bool{}
	add := func(h uint32) {
		if !seen[h] {
			seen[h] = true
			out = append(out, h)
		}
	}
	for i, r := range q {
		if prev >= 0 {
			add(gramHash(biGram(prev, r)))
		}
		if i >= overlap {
			break
		}
		prev = r
	}
	return out
}

// scan returns the start of every match of q in p (overlapping ones too).
func (p *planIndex) scan(ctx context.Context, q []byte, probes []uint32) []int32 {
	var out []int32
	f := newFinder(q)
	buf := p.folded
	if !p.fready.Load() {
		return scanAll(ctx, buf, q)
	}
	nchunks := len(p.filter) / filterWords
	for k := 0; k < nchunks; k++ {
		if k&255 == 255 && ctx.Err() != nil {
			return nil
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
			out = append(out, int32(pos))
			off += j + 1
		}
	}
	return out
}

// scanAll finds every match without the filter, checking ctx every MiB.
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

// finder finds q by its rarest byte: bytes.Index looks for the first
// byte, and the first byte of a CJK character in UTF-8 is one of a handful
// (E4 to E9), so it stops everywhere; a continuation byte is some 60 times
// rarer, and bytes.IndexByte skips to it at memory speed.
type finder struct {
	q []byte
	k int  // the anchor's offset in q
	b byte // q[k]
}

func newFinder(q []byte) finder {
	f := finder{q: q}
	best := 1 << 30
	for k, c := range q {
		if r := byteRank(c); r < best {
			best, f.k = r, k
		}
	}
	f.b = q[f.k]
	return f
}

// byteRank guesses how common byte c is in folded plan text (CJK in UTF-8,
// digits and ASCII punctuation).
func byteRank(c byte) int {
	switch {
	case c >= 0xE0:
		return 100 // a lead byte of CJK
	case c >= '0' && c <= '9', c == '.', c == ',', c == '%', c == '(', c == ')', c == ':', c == ';':
		return 20
	case c >= 0x80 && c < 0xC0:
		return 10 // a continuation byte
	}
	return 5
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

// hit materialises the match of n folded bytes at pos.
func (p *planIndex) hit(pos int32, n int) Hit {
	ui := sort.Search(len(p.units), func(i int) bool { return p.units[i].start > pos }) - 1
	u := &p.units[ui]
	text, blk := p.text(ui)
	start, end := origSpan(text, int(pos-u.start), int(pos-u.start)+n)
	h := Hit{Kind: kindOf[u.kind()], Text: text, Start: start, End: end, Match: text[start:end], Sub: int(u.sub())}
	h.Loc = model.Location{Plan: p.plan.ID, Block: int(u.block), Row: int(u.row), Col: int(u.col), Line: p.line(ui, blk, start)}
	if u.kind() == kNote {
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

// origSpan maps the folded range [fs, fe) of Fold(s) back to s, like
// OrigSpan(s, FoldMap(s), fs, fe) but without building the map.
func origSpan(s string, fs, fe int) (start, end int) {
	var scratch [32]byte
	folded := 0
	start = -1
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		var n int
		if r < utf8.RuneSelf {
			n = len(appendFold(scratch[:0], s[i:i+1]))
		} else {
			n = len(appendRune(scratch[:0], r))
		}
		if n > 0 {
			if start < 0 && fs < folded+n {
				start = i
			}
			if fe <= folded+n {
				return start, i + size
			}
		}
		folded += n
		i += size
	}
	if start < 0 {
		start = len(s)
	}
	return start, len(s)
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

// foldedOf returns plan i's folded text (for tests).
func (ix *Index) foldedOf(i int) []byte {
	ix.plans[i].ensure()
	return ix.plans[i].folded
}
