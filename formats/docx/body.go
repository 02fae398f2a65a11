package docx

import (
	"bytes"
	"strconv"
	"strings"

	"planview/formats/internal/plantext"
)

// doc is the state of one document's reading: its styles and numbering,
// its notes, and how many paragraphs have been read (for errors).
type doc struct {
	name      string
	styles    *styles
	num       *numbering
	footnotes map[string]string
	endnotes  map[string]string
	paras     int  // paragraphs begun, body and notes counted separately
	inNotes   bool // reading notes: no list counting
}

// readBody reads the main document part.
func (d *doc) readBody(b []byte) ([]plantext.Block, error) {
	d.paras = 0
	r := newReader(b)
	if _, err := r.root(); err != nil {
		return nil, err
	}
	var out []plantext.Block
	err := r.each(func(se elem) error {
		if r.isW(se, "body") {
			bs, err := d.blocks(r, nil)
			out = append(out, bs...)
			return err
		}
		return r.skip()
	})
	return out, err
}

// readNotes reads footnotes.xml or endnotes.xml: note id → its text.
func (d *doc) readNotes(b []byte) (map[string]string, error) {
	d.inNotes = true
	defer func() { d.inNotes, d.paras = false, 0 }()
	r := newReader(b)
	if _, err := r.root(); err != nil {
		return nil, err
	}
	notes := map[string]string{}
	err := r.each(func(se elem) error {
		if !r.isW(se, "footnote") && !r.isW(se, "endnote") {
			return r.skip()
		}
		switch attr(se, "type") {
		case "", "normal":
		default: // separators
			return r.skip()
		}
		bs, err := d.blocks(r, nil)
		if err != nil {
			return err
		}
		var parts []string
		for _, l := range blockLines(bs, nil) {
			if t := strings.TrimSpace(l); t != "" {
				parts = append(parts, t)
			}
		}
		notes[attr(se, "id")] = strings.Join(parts, " ")
		return nil
	})
	return notes, err
}

// para is one w:p as read: its text, its number's list and level, the notes
// it references and the text boxes anchored in it.
type para struct {
	text     strings.Builder
	notes    []string
	boxes    []plantext.Block
	style    string
	numID    string
	hasNumID bool
	ilvl     int
	hasIlvl  bool
	outline  int  // its own outline level (w:outlineLvl), -1 for none set, bodyLevel for body text
	level    int  // its heading level for the writer (plantext.Block.Level), 0 for body text
	markDel  bool // the paragraph mark is a tracked deletion
	content  bool // it holds something besides text (a note, a box)
}

// blocks reads the block-level content of the element just started (w:body,
// w:tc, w:txbxContent, w:sdtContent, a note) up to its end. hook, when not
// nil, is offered each child first (a cell's w:tcPr); it reports whether it
// consumed it.
func (d *doc) blocks(r *reader, hook func(se elem) (bool, error)) ([]plantext.Block, error) {
	var out []plantext.Block
	var pending *para // a paragraph whose mark was deleted: it joins the next
	var each func(se elem) error
	each = func(se elem) error {
		if hook != nil {
			if done, err := hook(se); done || err != nil {
				return err
			}
		}
		switch {
		case r.isW(se, "p"):
			p, err := d.paragraph(r)
			if err != nil {
				return err
			}
			if pending != nil {
				// The deleted mark joins the two: the first one's number,
				// both texts.
				joined := pending
				joined.text.WriteString(p.text.String())
				joined.notes = append(joined.notes, p.notes...)
				joined.boxes = append(joined.boxes, p.boxes...)
				joined.content = joined.content || p.content
				joined.markDel = p.markDel
				p = joined
				pending = nil
			} else if !d.inNotes {
				p.label(d)
				p.level = d.headingLevel(p)
			}
			if p.markDel {
				pending = p
				return nil
			}
			out = p.emit(out)
			return nil
		case r.isW(se, "tbl"):
			b, err := d.table(r)
			if err != nil {
				return err
			}
			out = append(out, b...)
			return nil
		case r.isW(se, "sdt"):
			return r.each(func(c elem) error {
				if r.isW(c, "sdtContent") {
					return r.each(each)
				}
				return r.skip()
			})
		case r.isW(se, "customXml"), r.isW(se, "ins"), r.isW(se, "moveTo"), r.isW(se, "smartTag"):
			return r.each(each)
		case r.isMC(se, "AlternateContent"):
			return alternate(r, func() error { return r.each(each) })
		}
		// w:del, w:moveFrom (rejected text), w:sectPr, bookmarks, comment
		// ranges, w:altChunk.
		return r.skip()
	}
	err := r.each(each)
	if pending != nil {
		out = pending.emit(out)
	}
	return out, err
}

// alternate reads mc:AlternateContent just started: the first mc:Choice,
// else the mc:Fallback, through inner (which reads the chosen element's
// children); the other copies are skipped.
func alternate(r *reader, inner func() error) error {
	chosen := false
	return r.each(func(c elem) error {
		if !chosen && (r.isMC(c, "Choice") || r.isMC(c, "Fallback")) {
			chosen = true
			return inner()
		}
		return r.skip()
	})
}

// paragraph reads a w:p just started.
func (d *doc) paragraph(r *reader) (*para, error) {
	d.paras++
	p := &para{outline: -1}
	err := r.each(func(se elem) error {
		if r.isW(se, "pPr") {
			return d.pPr(r, p)
		}
		return d.inline(r, se, p)
	})
	return p, err
}

func (d *doc) pPr(r *reader, p *para) error {
	return r.each(func(c elem) error { return d.pPrChild(r, c, p) })
}

// pPrChild reads one child of a w:pPr.
func (d *doc) pPrChild(r *reader, c elem, p *para) error {
	switch {
	case r.isW(c, "pStyle"):
		p.style = val(c)
	case r.isW(c, "outlineLvl"):
		if p.outline = outlineLevel(c); p.outline < 0 {
			p.outline = bodyLevel
		}
	case r.isW(c, "numPr"):
		return readNumPr(r, &p.numID, &p.hasNumID, &p.ilvl, &p.hasIlvl)
	case r.isW(c, "rPr"):
		// The paragraph mark's run properties: a deleted mark.
		return r.each(func(rc elem) error {
			if r.isW(rc, "del") || r.isW(rc, "moveFrom") {
				p.markDel = true
			}
			return r.skip()
		})
	}
	// w:pPrChange (the properties before a tracked change) and the rest.
	return r.skip()
}

// inline reads one child of a paragraph.
func (d *doc) inline(r *reader, se elem, p *para) error {
	switch {
	case r.isW(se, "r"):
		return d.run(r, p)
	case r.isW(se, "hyperlink"), r.isW(se, "ins"), r.isW(se, "moveTo"), r.isW(se, "smartTag"),
		r.isW(se, "customXml"), r.isW(se, "fldSimple"), r.isW(se, "bdo"), r.isW(se, "dir"):
		return r.each(func(c elem) error { return d.inline(r, c, p) })
	case r.isW(se, "sdt"):
		return r.each(func(c elem) error {
			if r.isW(c, "sdtContent") {
				return r.each(func(cc elem) error { return d.inline(r, cc, p) })
			}
			return r.skip()
		})
	case r.isMC(se, "AlternateContent"):
		return alternate(r, func() error {
			return r.each(func(c elem) error { return d.inline(r, c, p) })
		})
	}
	// w:del, w:moveFrom, bookmarks, comment ranges and references, proofing
	// marks, math.
	return r.skip()
}

// run reads a w:r just started.
func (d *doc) run(r *reader, p *para) error {
	hidden := false
	var child func(c elem) error
	child = func(c elem) error {
		switch {
		case r.isW(c, "rPr"):
			raw, err := r.skipRaw()
			if err == nil && bytes.Contains(raw, []byte("vanish")) {
				hidden = vanished(r, raw)
			}
			return err
		case r.isW(c, "t"):
			if hidden {
				return r.skip()
			}
			return r.textInto(&p.text)
		case r.isW(c, "tab"), r.isW(c, "ptab"):
			if !hidden {
				p.text.WriteByte('\t')
			}
		case r.isW(c, "br"):
			if t := attr(c, "type"); !hidden && (t == "" || t == "textWrapping") {
				p.text.WriteByte('\n')
			}
		case r.isW(c, "cr"):
			if !hidden {
				p.text.WriteByte('\n')
			}
		case r.isW(c, "noBreakHyphen"):
			if !hidden {
				p.text.WriteByte('-')
			}
		case r.isW(c, "sym"):
			if s := symbol(c); !hidden && s != "" {
				p.text.WriteString(s)
			}
		case r.isW(c, "footnoteReference"), r.isW(c, "endnoteReference"):
			notes := d.footnotes
			if c.is("endnoteReference") {
				notes = d.endnotes
			}
			if n := notes[attr(c, "id")]; n != "" {
				p.notes = append(p.notes, n)
				p.content = true
			}
		case r.isW(c, "drawing"), r.isW(c, "pict"), r.isW(c, "object"):
			n := len(p.boxes)
			err := d.findBoxes(r, &p.boxes)
			if len(p.boxes) > n {
				p.content = true
			}
			return err
		case r.isMC(c, "AlternateContent"):
			return alternate(r, func() error { return r.each(child) })
		}
		// w:delText, w:instrText (field codes), w:footnoteRef (a note's own
		// number), w:fldChar, w:lastRenderedPageBreak, …
		return r.skip()
	}
	return r.each(child)
}

// vanished reports run properties (raw, as written) that hide the run:
// w:vanish, on, outside the record of a tracked change (w:rPrChange).
func vanished(r *reader, raw []byte) bool {
	sub := &reader{b: raw, w: r.w, mc: r.mc}
	hidden := false
	for {
		k, err := sub.token()
		if err != nil {
			return hidden
		}
		e := sub.el
		switch {
		case k == tStart && sub.isW(e, "rPrChange"):
			if sub.skip() != nil {
				return hidden
			}
		case k == tStart && sub.isW(e, "vanish"):
			hidden = onOff(e)
		}
	}
}

// symbol returns the character of a w:sym, or "" for a glyph of a symbol
// font (Wingdings, Symbol), which is no text.
func symbol(c elem) string {
	font := strings.ToLower(attr(c, "font"))
	if strings.Contains(font, "wingdings") || strings.Contains(font, "symbol") || strings.Contains(font, "webdings") {
		return ""
	}
	v, err := strconv.ParseUint(attr(c, "char"), 16, 32)
	if err != nil || v < 0x20 {
		return ""
	}
	if v >= 0xF000 && v <= 0xF0FF { // a font's own code page, shifted into the PUA
		v -= 0xF000
	}
	if v < 0x20 {
		return ""
	}
	return string(rune(v))
}

// findBoxes reads an element just started (a drawing, a VML shape) and
// collects the text boxes anywhere inside it (w:txbxContent) as boxes.
func (d *doc) findBoxes(r *reader, out *[]plantext.Block) error {
	return r.each(func(c elem) error {
		switch {
		case r.isW(c, "txbxContent"):
			bs, err := d.blocks(r, nil)
			if err == nil && plantext.HasText(bs) {
				*out = append(*out, plantext.Block{Kind: plantext.Box, Body: bs})
			}
			return err
		case r.isMC(c, "AlternateContent"):
			return alternate(r, func() error { return d.findBoxes(r, out) })
		}
		return d.findBoxes(r, out)
	})
}

// bodyLevel is a paragraph's outline level when it sets 9, body text,
// whatever its style says.
const bodyLevel = -2

// headingLevel is the heading level of a paragraph for the writer: its
// outline level (w:outlineLvl, its own or its style's, or the level of a
// style named "heading N") plus one, up to plantext.MaxLevel; 0 for body
// text.
func (d *doc) headingLevel(p *para) int {
	o := p.outline
	if o == -1 {
		id := p.style
		if id == "" {
			id = d.styles.defaultPara
		}
		o = d.styles.outline(id)
	}
	if o < 0 || o >= plantext.MaxLevel {
		return 0
	}
	return o + 1
}

// label writes the paragraph's automatic number before its text.
func (p *para) label(d *doc) {
	styleID := p.style
	if styleID == "" {
		styleID = d.styles.defaultPara
	}
	sNum, sIl, sHasIl, sOK := d.styles.numPr(styleID)
	numID := ""
	switch {
	case p.hasNumID:
		numID = p.numID
	case sOK:
		numID = sNum
	}
	if numID == "" || numID == "0" {
		return
	}
	il := 0
	switch {
	case p.hasIlvl:
		il = p.ilvl
	case sHasIl:
		il = sIl
	default:
		if a := d.num.resolve(numID); a != nil {
			if l := a.levelForStyle(styleID); l >= 0 {
				il = l
			}
		}
	}
	if lab := d.num.label(numID, il); lab != "" {
		text := p.text.String()
		p.text.Reset()
		p.text.WriteString(lab)
		p.text.WriteString(strings.TrimLeft(text, " \t\u3000"))
	}
}

// emit appends the paragraph's blocks to out: the paragraph with its notes,
// then its text boxes; an empty paragraph is a gap.
func (p *para) emit(out []plantext.Block) []plantext.Block {
	text := p.text.String()
	if strings.TrimFunc(text, plantext.IsPad) == "" {
		if !p.content {
			return append(out, plantext.Block{Kind: plantext.Gap})
		}
		if len(p.notes) > 0 {
			if n := len(out); n > 0 && len(p.boxes) == 0 {
				// A note reference alone in its paragraph: the note is the
				// block's above.
				out[n-1].Notes = append(out[n-1].Notes, p.notes...)
				return out
			}
		}
	} else {
		out = append(out, plantext.Block{Kind: plantext.Para, Text: text, Notes: p.notes, Level: p.level})
		p.notes = nil
	}
	out = append(out, p.boxes...)
	if len(p.notes) > 0 {
		out = append(out, plantext.Block{Kind: plantext.Para, Notes: p.notes})
	}
	return out
}

// blockLines flattens blocks into lines: a paragraph's lines, a table's
// rows (cells joined by a space), a box's content. Notes go to notes.
func blockLines(bs []plantext.Block, notes *[]string) []string {
	var out []string
	for _, b := range bs {
		switch b.Kind {
		case plantext.Para:
			for _, l := range strings.Split(b.Text, "\n") {
				if strings.TrimFunc(l, plantext.IsPad) != "" {
					out = append(out, l)
				}
			}
		case plantext.Table:
			for _, r := range b.Rows {
				var cells []string
				for _, c := range r.Cells {
					if !c.Empty() {
						cells = append(cells, strings.Join(c.Lines, ""))
					}
				}
				if len(cells) > 0 {
					out = append(out, strings.Join(cells, " "))
				}
			}
		case plantext.Box:
			out = append(out, blockLines(b.Body, notes)...)
		}
		if notes != nil {
			*notes = append(*notes, b.Notes...)
		}
	}
	return out
}

// rawCell is one w:tc as read.
type rawCell struct {
	blocks []plantext.Block
	span   int
	vCont  bool // a vMerge continuation
	hCont  bool // an hMerge continuation (older files)
}

// table reads a w:tbl just started. A table of one column is a box (a
// 专栏 drawn as a framed one-cell table); any other is a table, with the
// notes its cells reference under it.
func (d *doc) table(r *reader) ([]plantext.Block, error) {
	var rows [][]plantext.Cell
	var cellBlocks []plantext.Block // the cells' content, for a box
	var notes []string
	var readRows func(se elem) error
	readRows = func(se elem) error {
		switch {
		case r.isW(se, "tr"):
			row, blocks, err := d.row(r)
			if err != nil {
				return err
			}
			if row == nil {
				return nil // a deleted row
			}
			cells := append([]plantext.Cell(nil), row.before...)
			for _, c := range row.cells {
				cell := plantext.Cell{Covered: c.vCont || c.hCont}
				if !cell.Covered {
					cell.Lines = blockLines(c.blocks, &notes)
				}
				cells = append(cells, cell)
				for k := 1; k < c.span; k++ {
					cells = append(cells, plantext.Cell{Covered: true})
				}
			}
			for k := 0; k < row.after; k++ {
				cells = append(cells, plantext.Cell{})
			}
			rows = append(rows, cells)
			cellBlocks = append(cellBlocks, blocks...)
			return nil
		case r.isW(se, "sdt"), r.isW(se, "sdtContent"), r.isW(se, "customXml"), r.isW(se, "ins"), r.isW(se, "moveTo"):
			return r.each(readRows)
		}
		return r.skip() // w:tblPr, w:tblGrid, w:del …
	}
	if err := r.each(readRows); err != nil {
		return nil, err
	}
	width := 0
	for _, cs := range rows {
		width = max(width, len(cs))
	}
	if width == 1 {
		return []plantext.Block{{Kind: plantext.Box, Body: cellBlocks}}, nil
	}
	if len(rows) == 0 {
		return nil, nil
	}
	t := plantext.Block{Kind: plantext.Table, Notes: notes}
	for _, cs := range rows {
		t.Rows = append(t.Rows, plantext.Row{Cells: cs})
	}
	return []plantext.Block{t}, nil
}

type rawRow struct {
	before []plantext.Cell
	cells  []rawCell
	after  int
}

// row reads a w:tr just started; nil for a row deleted as a tracked change.
// It returns the blocks of its cells too (for a box).
func (d *doc) row(r *reader) (*rawRow, []plantext.Block, error) {
	row := &rawRow{}
	deleted := false
	var blocks []plantext.Block
	var child func(se elem) error
	child = func(se elem) error {
		switch {
		case r.isW(se, "trPr"):
			return r.each(func(c elem) error {
				switch {
				case r.isW(c, "del"):
					deleted = true
				case r.isW(c, "gridBefore"):
					if n, err := strconv.Atoi(val(c)); err == nil && n > 0 && n < 64 {
						row.before = make([]plantext.Cell, n)
					}
				case r.isW(c, "gridAfter"):
					if n, err := strconv.Atoi(val(c)); err == nil && n > 0 && n < 64 {
						row.after = n
					}
				}
				return r.skip()
			})
		case r.isW(se, "tc"):
			c := rawCell{span: 1}
			bs, err := d.blocks(r, func(p elem) (bool, error) {
				if !r.isW(p, "tcPr") {
					return false, nil
				}
				return true, r.each(func(pc elem) error {
					switch {
					case r.isW(pc, "gridSpan"):
						if n, err := strconv.Atoi(val(pc)); err == nil && n > 1 && n < 64 {
							c.span = n
						}
					case r.isW(pc, "vMerge"):
						c.vCont = val(pc) != "restart"
					case r.isW(pc, "hMerge"):
						c.hCont = val(pc) != "restart"
					}
					return r.skip()
				})
			})
			if err != nil {
				return err
			}
			c.blocks = bs
			if !c.vCont && !c.hCont {
				blocks = append(blocks, bs...)
			}
			row.cells = append(row.cells, c)
			return nil
		case r.isW(se, "sdt"), r.isW(se, "sdtContent"), r.isW(se, "customXml"):
			return r.each(child)
		}
		return r.skip()
	}
	if err := r.each(child); err != nil {
		return nil, nil, err
	}
	if deleted {
		return nil, nil, nil
	}
	return row, blocks, nil
}
