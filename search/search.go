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
// Speed: the index folds each plan once, lazily (on the first search that
// needs it, or in the background after Warm), into one contiguous buffer.
// From a plan's second search on (or after Warm) it also keeps a small Bloom
// filter of the character pairs in each 4 KiB chunk of that buffer; a search
// probes the filter and runs bytes.Index only over the chunks that may hold
// the query (a one-shot search, like the CLI's, just scans the buffer).
// Plans are searched in parallel. Results keep every match position
// compactly; a hit's original offsets, line and context are computed only
// when asked for (Result.Hit), so a result with thousands of hits is cheap
// until it is displayed. Refine narrows a previous result when the new query
// contains the old one (养老 → 养老床) by checking only the old positions.
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
func (ix *Index) Warm() { go ix.FoldAll() }

// FoldAll folds every plan and builds its filter now, using every CPU, and
// returns when done.
func (ix *Index) FoldAll() {
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
		p.ensure()
		// A plan's filter pays off from its second search on: a one-shot
		// search (the CLI) only folds.
		if p.searches.Add(1) > 1 {
			p.ensureFilter()
		}
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
		buf := ix.plans[g.plan].folded
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

// A plan's index: its units folded into one buffer, each followed by a zero
// byte (the fold removes control characters, so no match spans units).

const (
	chunkShift  = 12 // 4 KiB chunks of folded text
	chunkSize   = 1 << chunkShift
	filterBits  = 4096 // Bloom filter bits per chunk
	filterWords = filterBits / 64
	filterShift = 64 - 12 // log2(filterBits)
	overlap     = 64      // a chunk's filter also holds grams starting this many bytes into the next chunk
)

type planIndex struct {
	plan     *model.Plan
	once     sync.Once
	fonce    sync.Once
	searches atomic.Int32
	fready   atomic.Bool
	units    []unit
	folded   []byte
	filter   []uint64 // filterWords per chunk
}

type unit struct {
	start int32 // offset of the unit's folded text in planIndex.folded
	block int32 // index of the block (or enclosing box) in its section; -1 for a heading
	sub   int32 // index of the child in the enclosing box; -1 outside boxes
	row   int32
	col   int32
	line  int32 // source line, when blk is nil
	kind  kindCode
	sec   *model.Section // nil for the preamble
	text  string
	blk   *model.Block // paragraphs, list items, box titles: line from blk.LineAt
}

func (p *planIndex) ensure() { p.once.Do(p.build) }

func (p *planIndex) ensureFilter() {
	p.fonce.Do(func() {
		p.filter = buildFilter(p.folded)
		p.fready.Store(true)
	})
}

func (p *planIndex) build() {
	initFold()
	// Two walks: the first counts the units, so the second fills a slice
	// of the right size.
	b := &builder{sub: -1, counting: true}
	walk := func() {
		b.blocks(nil, p.plan.Preamble)
		p.plan.Walk(func(s *model.Section) {
			switch {
			case s.Synthetic || s.Number == "" && s.Title == "":
			case b.counting:
				b.n++ // at most one unit: enough to size the slice
			case !headingRepeated(s):
				b.add(unit{kind: kHeading, sec: s, block: -1, row: -1, col: -1, text: s.Heading(), line: int32(s.Line)})
			}
			b.blocks(s, s.Blocks)
		})
	}
	walk()
	b.units, b.counting = make([]unit, 0, b.n), false
	walk()
	// Fold every unit into one buffer, sized once.
	n := 0
	for i := range b.units {
		n += len(b.units[i].text) + 1
	}
	buf := make([]byte, 0, n+n/16)
	for i := range b.units {
		b.units[i].start = int32(len(buf))
		buf = appendFold(buf, b.units[i].text)
		buf = append(buf, 0)
	}
	p.units = b.units
	p.folded = slices.Clip(buf)
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
	h := Fold(s.Number + s.Title)
	return h != "" && strings.HasPrefix(Fold(head), h)
}

type builder struct {
	counting bool // first walk: only count units
	n        int
	units    []unit
	sub      int32 // the current box child's index, -1 outside boxes
}

func (b *builder) add(u unit) {
	if b.counting {
		b.n++
		return
	}
	u.sub = b.sub
	b.units = append(b.units, u)
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
			b.add(unit{kind: kBoxTitle, sec: s, block: int32(idx), row: -1, col: -1, text: blk.Text, blk: blk})
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
		b.add(unit{kind: kListItem, sec: s, block: int32(idx), row: -1, col: -1, text: blk.Text, blk: blk})
	default:
		b.add(unit{kind: kParagraph, sec: s, block: int32(idx), row: -1, col: -1, text: blk.Text, blk: blk})
	}
}

func (b *builder) table(s *model.Section, idx int, blk *model.Block) {
	t := blk.Table
	tline := t.Line
	if tline == 0 {
		tline = blk.Line
	}
	if t.Caption != "" && !captionRepeated(s, idx, t.Caption, tline) {
		b.add(unit{kind: kCaption, sec: s, block: int32(idx), row: -1, col: -1, text: t.Caption, line: int32(tline)})
	}
	last := tline
	row := 0
	for _, rows := range [][]model.Row{t.Header, t.Rows} {
		for _, r := range rows {
			for c, cell := range r.Cells {
				line := cell.Line
				if line == 0 {
					line = r.Line
				}
				last = max(last, line, r.Line)
				if cellEmpty(cell) {
					continue
				}
				if b.counting {
					b.n++
					continue
				}
				text := cell.Text()
				b.add(unit{kind: kCell, sec: s, block: int32(idx), row: int32(row), col: int32(c), text: text, line: int32(line)})
			}
			row++
		}
	}
	// Notes have no line of their own in the model: they stand right under
	// the table, so they point at the table's last line.
	for _, n := range t.Notes {
		b.add(unit{kind: kNote, sec: s, block: int32(idx), row: -1, col: -1, text: n, line: int32(last)})
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
			j := bytes.Index(region[off:], q)
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
	const step = 1 << 20
	for from := 0; from < len(buf); from += step {
		if from > 0 && ctx.Err() != nil {
			return nil
		}
		limit := min(from+step, len(buf))
		region := buf[from:min(limit+len(q)-1, len(buf))]
		for off := 0; ; {
			j := bytes.Index(region[off:], q)
			if j < 0 || from+off+j >= limit {
				break
			}
			out = append(out, int32(from+off+j))
			off += j + 1
		}
	}
	return out
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
	start, end := origSpan(u.text, int(pos-u.start), int(pos-u.start)+n)
	h := Hit{Kind: kindOf[u.kind], Text: u.text, Start: start, End: end, Match: u.text[start:end], Sub: int(u.sub)}
	h.Loc = model.Location{Plan: p.plan.ID, Block: int(u.block), Row: int(u.row), Col: int(u.col), Line: int(u.line)}
	if u.blk != nil {
		h.Loc.Line = u.blk.LineAt(start)
	}
	if u.sec != nil {
		h.Loc.Section = u.sec.Path
		for _, a := range u.sec.Ancestors() {
			h.Loc.Titles = append(h.Loc.Titles, a.Heading())
		}
	}
	h.Context, h.CtxStart, h.CtxEnd = Context(u.text, start, end, ContextRunes)
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
