package loader

// compact: a plan's strings are mostly substrings of its decoded text, so
// the whole text stays in memory as long as the plan does, with the parts
// no string uses (blank lines, indentation, table tabs, markers, page
// numbers, tables of contents, link spam, the raw line of every rejoined
// paragraph). compactText copies the parts in use into one buffer of their
// size and re-points the strings at it; the text is then garbage.

import (
	"unsafe"

	"planview/model"
)

// compactText re-points every string of p that lies inside text at a copy
// in one new buffer, sized to what they use. Strings made apart from text
// (rejoined paragraphs, cleaned lines) are left alone. cells are the chunks
// the plan's cell texts were handed out from (see cellSlab): walked whole,
// so that the text of a cell a table dropped does not pin the file either.
func compactText(p *model.Plan, text string, cells [][]string) {
	compactTextOver(p, text, cells, compactMost)
}

// compactMost is the share of the text in use above which compactText
// leaves the plan as it is.
const compactMost = 0.9

// compactTextOver is compactText when the strings in text use less than
// the fraction most of it (above that, the copy would save too little).
func compactTextOver(p *model.Plan, text string, cells [][]string, most float64) {
	compactTextWith(p, text, cells, most, nil)
}

// compactSpace is compactTextWith's working space, reused from plan to
// plan: the string slots that point into the text, and their strings.
type compactSpace struct {
	slots []*string
	strs  []string
}

// compactTextWith is compactTextOver with working space (nil: its own).
//
// One walk over the plan collects the slots that point into text, with
// their strings, and empties each slot as it goes: a slot reached twice (a
// cell's lines are reached from its table and from its chunk) is then
// collected once. The copy is made from the list.
func compactTextWith(p *model.Plan, text string, cells [][]string, most float64, sp *compactSpace) {
	if len(text) == 0 {
		return
	}
	if sp == nil {
		sp = new(compactSpace)
	}
	base := uintptr(unsafe.Pointer(unsafe.StringData(text)))
	end := base + uintptr(len(text))
	slots, strs := sp.slots[:0], sp.strs[:0]
	defer func() {
		clear(slots) // the space must not keep the plan or the text alive
		clear(strs)
		sp.slots, sp.strs = slots[:0], strs[:0]
	}()
	size := 0
	collect := func(s *string) {
		if len(*s) == 0 {
			return
		}
		if a := uintptr(unsafe.Pointer(unsafe.StringData(*s))); a >= base && a < end {
			slots = append(slots, s)
			strs = append(strs, *s)
			size += len(*s)
			*s = ""
		}
	}
	walkStrings(p, collect)
	for _, c := range cells {
		c = c[:cap(c)]
		for i := range c {
			collect(&c[i])
		}
	}
	if float64(size) >= most*float64(len(text)) { // little to gain: put back
		for k, s := range slots {
			*s = strs[k]
		}
		return
	}
	buf := make([]byte, 0, size)
	for k, s := range slots {
		off := len(buf)
		buf = append(buf, strs[k]...)
		*s = unsafe.String(unsafe.SliceData(buf[off:]), len(strs[k]))
	}
}

// walkStrings calls fn on a pointer to every text string of p: title,
// region, headings, block texts, captions, cells and notes. Slices are
// walked up to their capacity: an element past the length (a row dropped,
// a cell moved) is out of sight but not out of memory, and a string in it
// would keep the whole text alive.
func walkStrings(p *model.Plan, fn func(*string)) {
	fn(&p.Title)
	fn(&p.Region)
	walkBlocks(p.Preamble, fn)
	p.Walk(func(s *model.Section) {
		fn(&s.Number)
		fn(&s.Title)
		walkBlocks(s.Blocks, fn)
	})
}

func walkBlocks(bs []model.Block, fn func(*string)) {
	bs = bs[:cap(bs)]
	for i := range bs {
		b := &bs[i]
		fn(&b.Text)
		if t := b.Table; t != nil {
			fn(&t.Caption)
			notes := t.Notes[:cap(t.Notes)]
			for k := range notes {
				fn(&notes[k])
			}
			for _, rows := range [][]model.Row{t.Header, t.Rows} {
				rows = rows[:cap(rows)]
				for r := range rows {
					cells := rows[r].Cells[:cap(rows[r].Cells)]
					for c := range cells {
						lines := cells[c].Lines[:cap(cells[c].Lines)]
						for k := range lines {
							fn(&lines[k])
						}
					}
				}
			}
		}
		walkBlocks(b.Children, fn)
	}
}
