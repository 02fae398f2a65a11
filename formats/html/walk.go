package html

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	xhtml "golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"planview/formats/internal/plantext"
)

// conv is the state of one page's conversion.
type conv struct {
	skip    map[*xhtml.Node]bool
	stats   map[*xhtml.Node]stat
	notesAt map[*xhtml.Node][]string // the block a note is printed under → its notes

	out    []item
	cur    line
	lists  []*list
	pre    int
	inLink int
	brs    int // line breaks in a row with no text between them
}

// item is an emitted block, with how much of it was link text (for the
// link-spam rule).
type item struct {
	plantext.Block
	chars, linkChars, links int
}

// line collects the text of the current line, collapsing white space as a
// browser does.
type line struct {
	b         strings.Builder
	space     bool // white space pending
	brk       bool // the pending white space held a line break
	last      rune
	chars     int
	linkChars int
	links     int
}

// text appends text as a browser lays it out: runs of white space are one
// space, none at the start of a line, none for a line break between two
// Chinese characters (the CSS rule for segment breaks in CJK text).
func (l *line) text(s string) { l.add(s, false) }

func (l *line) add(s string, link bool) {
	for _, r := range s {
		if r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\f' {
			l.space = true
			if r == '\n' || r == '\r' {
				l.brk = true
			}
			continue
		}
		if l.space && l.b.Len() > 0 && !(l.brk && wide(l.last) && wide(r)) {
			l.b.WriteByte(' ')
		}
		l.space, l.brk = false, false
		l.b.WriteRune(r)
		l.last = r
		if !unicode.IsSpace(r) {
			l.chars++
			if link {
				l.linkChars++
			}
		}
	}
}

func (l *line) String() string { return strings.TrimFunc(l.b.String(), plantext.IsPad) }

func (l *line) reset() { *l = line{} }

// wide reports a character of CJK text: Han, kana, CJK and full-width
// punctuation.
func wide(r rune) bool {
	return unicode.Is(unicode.Han, r) || (r >= 0x3000 && r <= 0x303F) || (r >= 0xFF00 && r <= 0xFFEF) ||
		unicode.Is(unicode.Hiragana, r) || unicode.Is(unicode.Katakana, r) || r == '“' || r == '”' || r == '‘' || r == '’' || r == '—' || r == '…'
}

// flush ends the current line: a paragraph if it holds text.
func (c *conv) flush() {
	t := c.cur.String()
	if t != "" {
		c.out = append(c.out, item{Block: plantext.Block{Kind: plantext.Para, Text: t},
			chars: c.cur.chars, linkChars: c.cur.linkChars, links: c.cur.links})
		c.brs = 0
	}
	c.cur.reset()
}

// gap adds a blank line: an empty paragraph, a second line break.
func (c *conv) gap() {
	c.out = append(c.out, item{Block: plantext.Block{Kind: plantext.Gap}})
}

// walk converts n and its subtree.
func (c *conv) walk(n *xhtml.Node) {
	if c.skip[n] {
		return
	}
	switch n.Type {
	case xhtml.TextNode:
		if c.pre > 0 {
			parts := strings.Split(n.Data, "\n")
			for i, p := range parts {
				if i > 0 {
					c.flush()
				}
				c.cur.add(p, c.inLink > 0)
			}
			return
		}
		c.cur.add(n.Data, c.inLink > 0)
		if strings.TrimSpace(n.Data) != "" {
			c.brs = 0
		}
		return
	case xhtml.ElementNode, xhtml.DocumentNode:
	default:
		return
	}
	a := n.DataAtom
	switch {
	case a == atom.Br:
		if c.cur.String() == "" {
			c.brs++
			if c.brs == 2 {
				c.gap()
			}
		}
		c.flush()
		return
	case a == atom.Table:
		c.flush()
		c.table(n)
		c.notes(n)
		return
	case a == atom.Ol || a == atom.Ul:
		c.flush()
		c.lists = append(c.lists, newList(n))
		c.children(n)
		c.lists = c.lists[:len(c.lists)-1]
		c.flush()
		c.notes(n)
		return
	case a == atom.Li:
		c.flush()
		if k := len(c.lists); k > 0 {
			if m := c.lists[k-1].marker(n); m != "" && !startsWithMark(collapse(textOf(n)), m) {
				c.cur.add(m, false)
			}
		}
		c.children(n)
		c.flush()
		c.notes(n)
		return
	case a == atom.Pre:
		c.flush()
		c.pre++
		c.children(n)
		c.pre--
		c.flush()
		return
	case a == atom.A:
		_, href := getAttr(n, "href")
		if href {
			c.inLink++
			c.cur.links++
		}
		c.children(n)
		if href {
			c.inLink--
		}
		return
	case a == atom.Img || a == atom.Hr:
		return
	case isBlock(a):
		c.flush()
		start := len(c.out)
		c.children(n)
		c.flush()
		if l := headingLevel(a); l > 0 {
			for i := start; i < len(c.out); i++ {
				if c.out[i].Kind == plantext.Para {
					c.out[i].Level = l
				}
			}
		}
		if a == atom.P && len(c.out) == start && c.cur.String() == "" && c.notesAt[n] == nil {
			c.gap() // an empty paragraph: vertical space
		}
		c.notes(n)
		return
	}
	c.children(n)
}

// headingLevel is the level of a heading element (<h2> is 2), 0 for
// any other.
func headingLevel(a atom.Atom) int {
	for l, h := range []atom.Atom{atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6} {
		if a == h {
			return l + 1
		}
	}
	return 0
}

func (c *conv) children(n *xhtml.Node) {
	for k := n.FirstChild; k != nil; k = k.NextSibling {
		c.walk(k)
	}
}

// notes attaches the notes referenced in n to the last block emitted.
func (c *conv) notes(n *xhtml.Node) {
	ns := c.notesAt[n]
	if len(ns) == 0 {
		return
	}
	c.flush()
	for i := len(c.out) - 1; i >= 0; i-- {
		if c.out[i].Kind != plantext.Gap {
			c.out[i].Notes = append(c.out[i].Notes, ns...)
			return
		}
	}
	c.out = append(c.out, item{Block: plantext.Block{Kind: plantext.Para, Notes: ns}})
}

// startsWithMark reports text that writes its list number itself: "1.…"
// under a marker "1.".
func startsWithMark(text, mark string) bool {
	num := strings.TrimRight(mark, ".、")
	if !strings.HasPrefix(text, num) {
		return false
	}
	r, _ := utf8.DecodeRuneInString(text[len(num):])
	return r == '.' || r == '、' || r == '．' || r == ')' || r == '）' || r == ' '
}

// ---- tables ----

// table converts a <table>. A table of one column is a box. Any other
// table holding another table, a heading or a cell longer than a data cell
// is page layout: its cells are walked as the page's flow.
// Any other is a grid: rows in order (thead, body rows, tfoot), each cell
// placed in the first column its row leaves free, rowspan and colspan
// covering the cells the model keeps empty.
func (c *conv) table(t *xhtml.Node) {
	var caption *xhtml.Node
	var head, body, foot []*xhtml.Node
	nested := false
	var rows func(n *xhtml.Node, into *[]*xhtml.Node)
	rows = func(n *xhtml.Node, into *[]*xhtml.Node) {
		for k := n.FirstChild; k != nil; k = k.NextSibling {
			if k.Type != xhtml.ElementNode || c.skip[k] {
				continue
			}
			switch k.DataAtom {
			case atom.Caption:
				if caption == nil {
					caption = k
				}
			case atom.Thead:
				rows(k, &head)
			case atom.Tfoot:
				rows(k, &foot)
			case atom.Tbody:
				rows(k, into)
			case atom.Tr:
				*into = append(*into, k)
				if c.layoutRow(k) {
					nested = true
				}
			}
		}
	}
	rows(t, &body)
	trs := append(append(head, body...), foot...)
	if caption != nil {
		c.walk(caption)
		c.flush()
	}
	width := 0
	for _, tr := range trs {
		w := 0
		for k := tr.FirstChild; k != nil; k = k.NextSibling {
			if k.DataAtom == atom.Td || k.DataAtom == atom.Th {
				w += span(k, "colspan")
			}
		}
		width = max(width, w)
	}
	if nested && width > 1 {
		for _, tr := range trs {
			c.children(tr)
			c.flush()
		}
		return
	}
	if width <= 1 {
		// A box: its cells' content, then the gap that ends it.
		start := len(c.out)
		for _, tr := range trs {
			c.children(tr)
			c.flush()
		}
		body := make([]plantext.Block, 0, len(c.out)-start)
		for _, it := range c.out[start:] {
			body = append(body, it.Block)
		}
		c.out = append(c.out[:start], item{Block: plantext.Block{Kind: plantext.Box, Body: body}})
		return
	}
	type pos struct{ r, c int }
	covered := map[pos]bool{}
	grid := make([][]plantext.Cell, len(trs))
	put := func(r, col int, cell plantext.Cell) {
		for len(grid[r]) <= col {
			grid[r] = append(grid[r], plantext.Cell{})
		}
		grid[r][col] = cell
	}
	for r, tr := range trs {
		col := 0
		for k := tr.FirstChild; k != nil; k = k.NextSibling {
			if (k.DataAtom != atom.Td && k.DataAtom != atom.Th) || c.skip[k] {
				continue
			}
			for covered[pos{r, col}] {
				col++
			}
			rs, cs := span(k, "rowspan"), span(k, "colspan")
			if v, err := strconv.Atoi(strings.TrimSpace(attrOf(k, "rowspan"))); err == nil && v == 0 {
				rs = len(trs) - r // rowspan=0: to the end of the table
			}
			put(r, col, plantext.Cell{Lines: c.cellLines(k)})
			for i := r; i < min(r+rs, len(trs)); i++ {
				for j := col; j < col+cs; j++ {
					if i == r && j == col {
						continue
					}
					covered[pos{i, j}] = true
					put(i, j, plantext.Cell{Covered: true})
				}
			}
			col += cs
		}
	}
	tb := plantext.Block{Kind: plantext.Table}
	for _, cells := range grid {
		tb.Rows = append(tb.Rows, plantext.Row{Cells: cells})
	}
	c.out = append(c.out, item{Block: tb})
}

// layoutMaxCell is the most characters a cell of a data table holds: a
// cell holding more is a column of the page's layout.
const layoutMaxCell = 400

// layoutRow reports a row of a table used for page layout: a cell holding
// a table, a heading, or more text than a data cell.
func (c *conv) layoutRow(tr *xhtml.Node) bool {
	for k := tr.FirstChild; k != nil; k = k.NextSibling {
		if k.DataAtom != atom.Td && k.DataAtom != atom.Th {
			continue
		}
		if find(k, atom.Table) != nil || find(k, atom.H1) != nil || find(k, atom.H2) != nil || find(k, atom.H3) != nil ||
			find(k, atom.H4) != nil || find(k, atom.H5) != nil || find(k, atom.H6) != nil {
			return true
		}
		if s := c.stats[k]; s.text+s.link > layoutMaxCell {
			return true
		}
	}
	return false
}

// span reads a rowspan or colspan: 1 unless a sane number is given.
func span(n *xhtml.Node, key string) int {
	v, err := strconv.Atoi(strings.TrimSpace(attrOf(n, key)))
	if err != nil || v < 1 {
		return 1
	}
	return min(v, 1000)
}

// cellLines returns a cell's lines: its paragraphs, divisions, list items
// and line breaks each start one.
func (c *conv) cellLines(td *xhtml.Node) []string {
	start := len(c.out)
	saved := c.cur
	c.cur.reset()
	c.children(td)
	c.flush()
	var lines []string
	for _, it := range c.out[start:] {
		switch it.Kind {
		case plantext.Para:
			if it.Text != "" {
				lines = append(lines, it.Text)
			}
		case plantext.Box:
			for _, b := range it.Body {
				if b.Kind == plantext.Para && b.Text != "" {
					lines = append(lines, b.Text)
				}
			}
		}
	}
	c.out = c.out[:start]
	c.cur = saved
	return lines
}

// ---- the end ----

// Link spam: a run of at least spamRun lines that are nothing but links
// (linkLineShare of their characters in links), or one line of at least
// linkListMin links that is nothing else.
const (
	spamRun       = 3
	linkLineShare = 0.8
)

func (it item) linkLine() bool {
	return it.Kind == plantext.Para && it.links > 0 && float64(it.linkChars) >= linkLineShare*float64(it.chars)
}

// finish drops link spam and returns the blocks.
func (c *conv) finish() []plantext.Block {
	drop := make([]bool, len(c.out))
	for i := 0; i < len(c.out); {
		if !c.out[i].linkLine() {
			i++
			continue
		}
		j, n := i, 0
		for j < len(c.out) && (c.out[j].linkLine() || c.out[j].Kind == plantext.Gap) {
			if c.out[j].Kind != plantext.Gap {
				n++
			}
			j++
		}
		for k := i; k < j; k++ {
			if n >= spamRun || c.out[k].links >= linkListMin {
				drop[k] = true
			}
		}
		i = j
	}
	out := make([]plantext.Block, 0, len(c.out))
	for i, it := range c.out {
		if !drop[i] || len(it.Notes) > 0 {
			out = append(out, it.Block)
		}
	}
	return out
}
