package loader

// build: cleaned lines → a plan. Tables are cut out first (their lines never
// become headings or paragraphs), text lines become units (headings,
// paragraphs, list items, 专栏 box titles) with continuation lines joined,
// then the units are put in the outline tree. Everything is one pass over
// the lines plus one over the units.

import (
	"strings"
	"unicode/utf8"

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
	bodyOff int // byte offset in pieces[0].text where a run-in body starts; -1 for none
	tocLike bool

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

// isBoxStart reports a 专栏 box title: 专栏1：…, 專欄3 ….
func isBoxStart(t string) bool {
	var rest string
	switch {
	case strings.HasPrefix(t, "专栏"):
		rest = t[len("专栏"):]
	case strings.HasPrefix(t, "專欄"):
		rest = t[len("專欄"):]
	default:
		return false
	}
	rest = rest[skipSpaces(rest, 0):]
	if _, n := arabicNumber(rest); n > 0 {
		return true
	}
	_, n := cnNumber(rest)
	return n > 0
}

// scan turns lines into units.
func scan(lines []Line, sc *scratch) []*unit {
	us := sc.units[:0]
	slab := &sc.slab
	blanks := 0
	front := true // before the first heading
	noWebUntil := 0
	var last *unit
	emit := func(u *unit) {
		u.blanks = blanks
		blanks = 0
		us = append(us, u)
		last = u
	}
	for i := 0; i < len(lines); {
		raw := lines[i].Text
		hasTab := strings.IndexByte(raw, '\t') >= 0
		if !hasTab && isBlankText(raw) {
			blanks++
			i++
			continue
		}
		if t := trimSpaceLeft(raw); t != "" && t[0] == '|' {
			if tb, j, ok := markdownTable(lines, i, &sc.cells); ok {
				emitTable(&us, &last, tb, blanks, lines, &j)
				blanks = 0
				i = j
				continue
			}
		}
		if hasTab {
			if t := trimSpace(raw); !isBoxStart(t) {
				if tb, j, ok := tabTable(lines, i, &sc.cells); ok {
					emitTable(&us, &last, tb, blanks, lines, &j)
					blanks = 0
					i = j
					continue
				}
			}
		} else if i >= noWebUntil {
			cells, end := webRun(lines, i, sc.web)
			sc.web = cells
			if tb, ok := webTable(cells, &sc.cells); ok {
				emitTable(&us, &last, tb, blanks, lines, &end)
				blanks = 0
				i = end
				continue
			}
			noWebUntil = end
		}
		n := lines[i].N
		i++
		t := raw
		if hasTab {
			t = strings.ReplaceAll(raw, "\t", " ")
		}
		t = normTextIn(t, sc.narrow)
		if t == "" {
			if !hasTab {
				blanks++ // a lone tab is an empty cell, not a gap
			}
			continue
		}
		if isBoxStart(t) {
			emit(newUnit(slab, unit{kind: uBox, line: n, bodyOff: -1}, piece{n, normLabel(raw), raw}))
			continue
		}
		if m, ok := parseNumber(t); ok {
			toc := isTOCLine(raw)
			if !toc {
				if isH, title, body := classify(t, m); isH {
					emit(newUnit(slab, unit{kind: uHeading, line: n, hkind: m.kind,
						number: m.number, value: m.value, title: title, bodyOff: body}, piece{n, t, raw}))
					front = false
					continue
				}
				if m.kind >= model.KindCNEnum {
					emit(newUnit(slab, unit{kind: uList, line: n, hkind: m.kind, number: m.number, value: m.value, bodyOff: -1}, piece{n, t, raw}))
					continue
				}
			}
		}
		if v, ok := circledNumber(t); ok {
			// ① … ② …: a list item of its own, whatever the line above.
			_, w := utf8.DecodeRuneInString(t)
			emit(newUnit(slab, unit{kind: uList, line: n, number: t[:w], value: v, bodyOff: -1}, piece{n, t, raw}))
			continue
		}
		if continues(last, t, blanks, front) {
			if last.kind == uHeading && last.bodyOff < 0 {
				last.title += t
			}
			last.pieces = append(last.pieces, piece{n, t, raw})
			blanks = 0
			continue
		}
		emit(newUnit(slab, unit{kind: uPara, line: n, bodyOff: -1}, piece{n, t, raw}))
	}
	return us
}

// emitTable adds a table unit, taking the caption from the paragraph before
// it and the notes from the lines after it.
func emitTable(us *[]*unit, last **unit, tb *model.Table, blanks int, lines []Line, next *int) {
	// A unit line right above the table (单位：万元) is kept with it, as its
	// first note, and the caption may stand above it.
	var unitNote string
	if u := *last; u != nil && u.kind == uPara && blanks <= 1 && len(u.pieces) == 1 && isUnitLine(u.pieces[0].text) {
		unitNote = u.pieces[0].text
		blanks = u.blanks
		*us = (*us)[:len(*us)-1]
		*last = nil
		if n := len(*us); n > 0 {
			*last = (*us)[n-1]
		}
	}
	if unitNote != "" {
		tb.Notes = append([]string{unitNote}, tb.Notes...)
	}
	if tb.Caption == "" && *last != nil && (*last).kind == uPara && blanks <= 2 && len((*last).pieces) <= 2 {
		text, _ := joinPieces((*last).pieces)
		if isCaptionLike(text) {
			tb.Caption = captionOf((*last).pieces)
			tb.Line = (*last).line
			blanks = (*last).blanks
			*us = (*us)[:len(*us)-1]
		}
	}
	// Notes under the table.
	j := *next
	for {
		k := j
		for k < len(lines) && isBlankText(lines[k].Text) {
			k++
		}
		if k >= len(lines) || k-j > 2 {
			break
		}
		t := normText(strings.ReplaceAll(lines[k].Text, "\t", " "))
		if !isNoteLine(t) {
			break
		}
		tb.Notes = append(tb.Notes, t)
		j = k + 1
	}
	*next = j
	u := &unit{kind: uTable, line: tb.Line, table: tb, blanks: blanks, bodyOff: -1}
	*us = append(*us, u)
	*last = u
}

// build assembles a plan from cleaned lines.
func build(lines []Line) *model.Plan { return buildWith(lines, new(scratch)) }

// buildWith is build with scratch space to reuse.
func buildWith(lines []Line, sc *scratch) *model.Plan {
	p := &model.Plan{}
	us := scan(lines, sc)
	defer func() { sc.units = us }()
	promoteLists(us)
	headings, blocks := 0, 0
	for _, u := range us {
		if u.kind == uHeading {
			headings++
			if u.bodyOff >= 0 {
				blocks++
			}
		} else {
			blocks++
		}
	}
	o := newOutline(p, headings, &sc.nodes)
	// The blocks of all sections share one slice: each section gets room
	// for the units up to the next heading (an estimate: a box takes its
	// units as children, a heading may land in a box).
	arena := make([]model.Block, 0, blocks)
	reserve := func(from, n int) []model.Block {
		for _, u := range us[from:] {
			if u.kind == uHeading {
				break
			}
			n++
		}
		if n == 0 {
			return nil
		}
		start := len(arena)
		arena = arena[:start+n]
		return arena[start : start : start+n]
	}
	p.Preamble = reserve(0, 0)
	var box *model.Block
	closeBox := func() {
		if box != nil {
			o.addBlock(*box)
			box = nil
		}
	}
	for i, u := range us {
		if box != nil {
			if u.kind == uTable && len(box.Children) == 0 && u.blanks < 2 {
				// A box whose content is a table (专栏 of projects):
				// the table is the box's, and ends it.
				box.Children = append(box.Children, u.block(true))
				closeBox()
				continue
			}
			end := u.blanks >= 2 || u.kind == uBox || u.kind == uTable ||
				(u.kind == uHeading && (u.hkind <= model.KindSection || rankOf(u.hkind) <= o.deepestRank()))
			if !end {
				b := u.block(true)
				box.Children = append(box.Children, b)
				continue
			}
			closeBox()
		}
		switch u.kind {
		case uBox:
			text, spans := joinPieces(u.pieces)
			box = &model.Block{Kind: model.BoxBlock, Text: text, Line: u.line, Spans: spans}
		case uHeading:
			sec := o.addHeading(u.hkind, u.number, u.value, u.title, u.line)
			if u.bodyOff >= 0 {
				sec.Blocks = reserve(i+1, 1)
				o.addBlock(u.body())
			} else {
				sec.Blocks = reserve(i+1, 0)
			}
		default:
			o.addBlock(u.block(false))
		}
	}
	closeBox()
	o.finish()
	front := make([]string, 0, 32)
	for _, u := range us {
		if u.kind == uHeading || len(front) >= 40 {
			break
		}
		if u.kind == uPara {
			t, _ := joinPieces(u.pieces)
			front = append(front, t)
		}
	}
	p.Title, p.Region = planMetaLines(front, lines)
	return p
}

// block makes the block of a paragraph, list item or table unit; inBox turns
// headings into list items.
func (u *unit) block(inBox bool) model.Block {
	switch u.kind {
	case uTable:
		return model.Block{Kind: model.TableBlock, Line: u.line, Table: u.table}
	case uBox:
		text, spans := joinPieces(u.pieces)
		return model.Block{Kind: model.Paragraph, Text: text, Line: u.line, Spans: spans}
	}
	text, spans := joinPieces(u.pieces)
	kind := model.Paragraph
	if u.kind == uList || u.kind == uHeading {
		kind = model.ListItem
	}
	return model.Block{Kind: kind, Text: text, Line: u.line, Spans: spans}
}

// body makes the paragraph of a run-in heading: the text after its title.
func (u *unit) body() model.Block {
	ps := make([]piece, len(u.pieces))
	copy(ps, u.pieces)
	ps[0].text = ps[0].text[u.bodyOff:]
	text, spans := joinPieces(ps)
	return model.Block{Kind: model.Paragraph, Text: text, Line: u.line, Spans: spans}
}

// captionOf is the caption text of pieces, spaced as written.
func captionOf(ps []piece) string {
	var b strings.Builder
	for _, p := range ps {
		b.WriteString(normLabel(p.raw))
	}
	return b.String()
}
