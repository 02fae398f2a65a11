package loader

// build: cleaned lines → a plan. The rule table (rules.go) makes the lines
// units (tables, 专栏 box titles, headings, list items, paragraphs) in one
// pass; promoteLists mends the headings; one pass over the units puts them
// in the outline tree, a box's content in its box; meta finds the title and
// region.

import (
	"planview/model"
)

// build assembles a plan from cleaned lines.
func build(lines []Line) *model.Plan { return buildWith(lines, new(scratch)) }

// buildWith is build with scratch space to reuse.
func buildWith(lines []Line, sc *scratch) *model.Plan {
	p := &model.Plan{}
	us := scan(lines, &sc.scanSpace)
	defer func() { sc.units = us }()
	promoteLists(us)
	markedTitle(us)
	levels := markedLevels(us)
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
			if u.kind == uTable && len(box.Children) == 0 && u.blanks < boxEndBlanks {
				// A box whose content is a table (专栏 of projects):
				// the table is the box's, and ends it.
				box.Children = append(box.Children, u.block(true))
				closeBox()
				continue
			}
			end := u.blanks >= boxEndBlanks || u.kind == uBox || u.kind == uTable ||
				(u.kind == uHeading && (u.hkind <= model.KindSection || levels.rank(u) <= o.deepestRank()))
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
			sec := o.addHeading(u.hkind, u.number, u.value, u.title, u.line, levels.rank(u))
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
		if u.kind == uHeading || len(front) >= frontMaxParagraphs {
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

// markedTitle makes a paragraph of the document's title when the document
// marks it as a heading: the first heading, marked and with no number, when
// no heading is marked above its level and no other heading without a
// number is marked at it ("# 某县民政事业发展规划" over "## 总体要求" …, or
// over "# 第一章 …" — a Word title in the Heading 1 style of its
// chapters). The paragraphs before the first heading are where meta finds
// the title.
func markedTitle(us []*unit) {
	var first *unit
	for _, u := range us {
		if u.kind == uHeading {
			first = u
			break
		}
	}
	if first == nil || first.level == 0 || first.hkind != model.KindNone {
		return
	}
	for _, u := range us {
		if u.kind != uHeading || u == first || u.level == 0 {
			continue
		}
		if u.level < first.level || u.level == first.level && u.hkind == model.KindNone {
			return
		}
	}
	first.kind, first.title, first.level = uPara, "", 0
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
