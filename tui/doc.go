package tui

import (
	"strings"
	"unsafe"

	"planview/model"
	"planview/render"
)

// A doc is one plan laid out for the reader at one width: every section in
// order as plain lines (each at most width cells) plus the same lines
// painted, and maps from sections and blocks to lines. Building one is the
// slow part of the reader (wrapping, tables); it runs in a tea.Cmd and the
// result is cached per (plan, width), a few plans at a time (see maxDocs),
// so View only joins cached strings.
type doc struct {
	plan  *model.Plan
	width int
	lines []docLine

	secs    []*model.Section // in document order
	secLine []int            // first line (the heading) of secs[i]
	secIdx  map[string]int   // Path → index in secs
	blocks  map[blockKey]blockSpan
	tables  []docTable

	size int // estimated bytes, for the doc cache's budget
}

type lineKind uint8

const (
	lkBlank lineKind = iota
	lkHeading
	lkPara
	lkList
	lkCaption
	lkTable
	lkNote
	lkBox
)

// docLine is one line of a doc.
type docLine struct {
	text   string // plain text, at most width cells; "" for a table line drawn when shown (doc.lineText)
	styled string // text painted
	kind   lineKind
	level  int8  // heading level
	sec    int32 // index into doc.secs; -1 for the preamble
	block  int32 // block index in its section; -1 for headings and blanks
	sub    int32 // child index inside a 专栏 box; -1 otherwise
	table  int32 // index into doc.tables for table lines; -1 otherwise
	off    int32 // byte offset in the block's text where this line's content starts; -1 if none
	pre    int32 // bytes of indent before the content in text
}

// blockKey names a block: section index (-1 for the preamble), block index,
// and child index inside a box (-1 for the block itself).
type blockKey struct{ sec, block, sub int32 }

// blockSpan is the range of lines [start, end) a block was drawn on.
type blockSpan struct{ start, end int }

// docTable is a table of the doc and where its drawing sits.
type docTable struct {
	t          *model.Table
	layout     *render.TableLayout
	start, end int    // lines [start, end): caption, grid and notes
	left       string // inside a box: what precedes each line (the box's rule)
	right      string // and what follows it
	inner      int    // inside a box: the width lines are fitted to
}

// maxOffset is how far the table can scroll horizontally: 0 if it fits.
func (t *docTable) maxOffset() int { return t.layout.MaxOffset() }

// wide tells whether the table is wider than the pane.
func (t *docTable) wide() bool { return t.layout.MaxOffset() > 0 }

// lineAt draws line j of the table (caption, grid, notes) scrolled by off
// cells (first column frozen), inside its box's rules if it is in one.
func (t *docTable) lineAt(j, off int) string {
	ln := t.layout.Line(j, off)
	if t.left != "" || t.right != "" {
		ln = t.left + render.Fit(ln, t.inner) + t.right
	}
	return ln
}

// lineText is the plain text of line i. The lines of a table outside a
// box are drawn only when shown (a table of 200,000 rows opens at once):
// their text is "" in d.lines.
func (d *doc) lineText(i int) string {
	l := &d.lines[i]
	if l.table >= 0 && l.text == "" {
		t := &d.tables[l.table]
		return t.lineAt(i-t.start, 0)
	}
	return l.text
}

// step is the offset n stops to the right (n > 0) or left of off: the
// stops are where a column's left edge meets the frozen column
// (render.TableLayout.Stops), so a column is never shown cut at its start.
func (t *docTable) step(off, n int) int {
	stops := t.layout.Stops()
	for ; n > 0; n-- {
		for _, s := range stops {
			if s > off {
				off = s
				break
			}
		}
	}
	for ; n < 0; n++ {
		prev := 0
		for _, s := range stops {
			if s >= off {
				break
			}
			prev = s
		}
		off = prev
	}
	return clamp(off, 0, t.maxOffset())
}

// paintRanges paints text with p, the byte ranges rs (in order, not
// overlapping) with hl: how the reader and the side-by-side view show
// search hits.
func paintRanges(p, hl paint, text string, rs [][2]int) string {
	if len(rs) == 0 {
		return p.Render(text)
	}
	var b strings.Builder
	prev := 0
	for _, r := range rs {
		b.WriteString(p.Render(text[prev:r[0]]))
		b.WriteString(hl.Render(text[r[0]:r[1]]))
		prev = r[1]
	}
	b.WriteString(p.Render(text[prev:]))
	return b.String()
}

// buildDoc lays plan p out at width cells.
func buildDoc(p *model.Plan, width int, st *Styles) *doc {
	width = max(width, 10)
	d := &doc{plan: p, width: width, secIdx: map[string]int{}, blocks: map[blockKey]blockSpan{}}
	b := docBuilder{d: d, st: st}
	b.emit(b.blocks(-1, p.Preamble, width))
	p.Walk(func(s *model.Section) {
		i := int32(len(d.secs))
		d.secs = append(d.secs, s)
		d.secIdx[s.Path] = int(i)
		if len(d.lines) > 0 {
			b.emit([]docLine{{kind: lkBlank, sec: i, block: -1, sub: -1, table: -1, off: -1}})
		}
		d.secLine = append(d.secLine, len(d.lines))
		b.emit(b.heading(i, s, width))
		b.emit(b.blocks(i, s.Blocks, width))
	})
	if len(d.lines) == 0 {
		b.emit([]docLine{{text: "(empty plan)", kind: lkNote, sec: -1, block: -1, sub: -1, table: -1, off: -1}})
	}
	// Where each block and table landed: lines of one block (of one box
	// child) are consecutive, so each run is recorded once.
	var runs [2]struct {
		k          blockKey
		start, end int
	}
	flush := func(r int) {
		if runs[r].end == 0 {
			return
		}
		sp, ok := d.blocks[runs[r].k]
		if !ok {
			sp.start = runs[r].start
		}
		sp.end = runs[r].end
		d.blocks[runs[r].k] = sp
	}
	for i, l := range d.lines {
		if l.block >= 0 {
			for r, k := range [2]blockKey{{l.sec, l.block, l.sub}, {l.sec, l.block, -1}} {
				if runs[r].end == i && runs[r].k == k {
					runs[r].end = i + 1
					continue
				}
				flush(r)
				runs[r].k, runs[r].start, runs[r].end = k, i, i+1
			}
		}
		if l.table >= 0 {
			t := &d.tables[l.table]
			if t.end == 0 {
				t.start = i
			}
			t.end = i + 1
		}
	}
	flush(0)
	flush(1)
	d.size = d.estimateSize()
	return d
}

// estimateSize is roughly the memory d holds: its lines (text, painted
// text and the line records) and the maps; table layouts hold about as
// much again as their drawn lines.
func (d *doc) estimateSize() int {
	n := len(d.lines)*int(unsafe.Sizeof(docLine{})) + len(d.blocks)*48 + len(d.secs)*40
	for _, l := range d.lines {
		n += len(l.text) + len(l.styled)
		if l.table >= 0 {
			n += len(l.text)
		}
	}
	return n
}

type docBuilder struct {
	d     *doc
	st    *Styles
	inBox bool // laying out a box's children: table lines are drawn now (box needs their text)
}

// emit appends lines to the doc, painting them.
func (b *docBuilder) emit(lines []docLine) {
	for _, l := range lines {
		if l.styled == "" && l.text != "" {
			l.styled = b.paintFor(l).Render(l.text)
		}
		b.d.lines = append(b.d.lines, l)
	}
}

func (b *docBuilder) paintFor(l docLine) paint {
	switch l.kind {
	case lkHeading:
		return b.st.Heading[clamp(int(l.level)-1, 0, 3)]
	case lkCaption:
		return b.st.Caption
	case lkTable:
		return b.st.Table
	case lkNote:
		return b.st.Note
	case lkBox:
		return b.st.Box
	}
	return b.st.Text
}

func (b *docBuilder) heading(sec int32, s *model.Section, width int) []docLine {
	h := render.Clean(s.Heading())
	if strings.TrimSpace(h) == "" {
		h = "(untitled)"
	}
	var out []docLine
	for _, ln := range render.Wrap(h, width, "") {
		out = append(out, docLine{text: ln, kind: lkHeading, level: int8(s.Level), sec: sec, block: -1, sub: -1, table: -1, off: -1})
	}
	return out
}

func (b *docBuilder) blocks(sec int32, bs []model.Block, width int) []docLine {
	var out []docLine
	for i := range bs {
		out = append(out, b.block(blockKey{sec, int32(i), -1}, &bs[i], width)...)
	}
	return out
}

// block lays one block out for width cells.
func (b *docBuilder) block(k blockKey, bl *model.Block, width int) []docLine {
	base := docLine{sec: k.sec, block: k.block, sub: k.sub, off: -1, table: -1}
	switch bl.Kind {
	case model.Paragraph, model.ListItem:
		kind, indent := lkPara, render.ParagraphIndent
		if bl.Kind == model.ListItem {
			kind, indent = lkList, ""
		}
		return b.text(base, kind, bl.Text, indent, width)
	case model.TableBlock:
		return b.table(base, bl.Table, width)
	case model.BoxBlock:
		return b.box(k, bl, width)
	}
	return nil
}

// text wraps a paragraph or list item and records where each line starts
// in the block's text, so a byte offset can be mapped to a line.
func (b *docBuilder) text(base docLine, kind lineKind, text, indent string, width int) []docLine {
	var out []docLine
	pos := 0
	for i, ln := range render.Wrap(text, width, indent) {
		content, pre := ln, 0
		if i == 0 && indent != "" && strings.HasPrefix(ln, indent) {
			content, pre = ln[len(indent):], len(indent)
		}
		off := locate(text, pos, content)
		if off >= 0 {
			pos = off + len(content)
		}
		l := base
		l.kind, l.text, l.off, l.pre = kind, ln, int32(off), int32(pre)
		out = append(out, l)
	}
	return out
}

// locate finds where content (a wrapped line) starts in text at or after
// pos: Wrap only drops spaces at breaks, so it is normally right at pos
// after some whitespace. Returns -1 if the line is not a verbatim slice.
func locate(text string, pos int, content string) int {
	if content == "" {
		return pos
	}
	if i := strings.Index(text[min(pos, len(text)):], content); i >= 0 {
		return pos + i
	}
	return -1
}

// table draws a table (caption, grid, notes) with render's table layout.
func (b *docBuilder) table(base docLine, t *model.Table, width int) []docLine {
	if t == nil {
		return nil
	}
	lay := render.LayoutTable(t, width)
	idx := int32(len(b.d.tables))
	b.d.tables = append(b.d.tables, docTable{t: t, layout: lay})
	out := make([]docLine, lay.NumLines())
	for j := range out {
		l := base
		l.kind, l.table = lkTable, idx
		if b.inBox {
			l.text = lay.Line(j, 0)
		}
		out[j] = l
	}
	return out
}

// box draws a 专栏 box with render.Box around its children, each child's
// lines keeping their mapping (block, child index, byte offsets).
func (b *docBuilder) box(k blockKey, bl *model.Block, width int) []docLine {
	inner := render.BoxInner(width)
	var body []docLine
	b.inBox = true
	defer func() { b.inBox = false }()
	for j := range bl.Children {
		if j > 0 {
			body = append(body, docLine{kind: lkBox, sec: k.sec, block: k.block, sub: -1, table: -1, off: -1})
		}
		body = append(body, b.block(blockKey{k.sec, k.block, int32(j)}, &bl.Children[j], inner)...)
	}
	texts := make([]string, len(body))
	for i, l := range body {
		texts[i] = l.text
	}
	drawn := render.Box(bl.Text, texts, width)
	first := len(drawn) - 1 - len(body) // body lines sit just above the bottom border
	out := make([]docLine, 0, len(drawn))
	frame := docLine{kind: lkBox, sec: k.sec, block: k.block, sub: -1, table: -1, off: -1}
	for i, ln := range drawn {
		j := i - first
		if j < 0 || j >= len(body) {
			l := frame
			l.text = ln
			out = append(out, l)
			continue
		}
		l := body[j]
		left := 0
		if texts[j] != "" {
			if x := strings.Index(ln, texts[j]); x >= 0 {
				left = x
			}
		}
		l.text, l.pre = ln, l.pre+int32(left)
		if l.table >= 0 && texts[j] != "" {
			t := &b.d.tables[l.table]
			t.left, t.inner = ln[:left], inner
			t.right = ln[left+len(render.Fit(texts[j], inner)):]
		}
		l.styled = ""
		out = append(out, l)
	}
	return out
}
