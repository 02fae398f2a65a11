package pdf

// Layout: pages of positioned characters and ruled lines → blocks.
//
//  1. Ruled lines make regions (geometry.go): a grid is a table, a single
//     framed cell a box; the characters inside go to their cells.
//  2. The other characters make lines (lines.go); on a page set in two
//     columns, each column's (columns.go), read column by column.
//  3. Running headers and footers are dropped: a line in the top or bottom
//     margin of the page that is a page number (12, — 3 —, 第3页, 3/40), or
//     whose text (digits aside) recurs in that margin on half the pages or
//     more.
//  4. Footnotes: the lines under a short rule at the foot of a page, set
//     smaller than its text, are notes, each led by its mark; the
//     superscript mark in the text above tells which paragraph or table
//     each belongs to.
//  5. Lines make paragraphs: a line that runs to the right edge continues
//     on the next line when that one is not indented, the same size and
//     not set apart — on the same page or the next.
//  6. A table that ends a page and one that starts the next page with the
//     same columns are one table: the header repeated on the new page is
//     dropped, and a row broken by the page (its first cells empty where
//     every row has text) is joined to the row it continues.
//  7. Without rules, lines whose text stands in three or more columns with
//     wide gaps between them, one under another, are a table too, its
//     columns where the gaps line up (unruled.go).

import (
	"math"
	"regexp"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"planview/formats/internal/plantext"
)

// item is one thing on a page in reading order: a line of text or a region.
type item struct {
	line *tline
	reg  *region
	top  float64
	page int
}

// Margins: the top and bottom share of the page where running headers,
// footers and page numbers stand.
const marginShare = 0.12

var pageNumber = regexp.MustCompile(`^(?i)(?:[-—–－―~·•\s]*\d{1,4}[-—–－―~·•\s]*|第\s*\d{1,4}\s*页(?:\s*[,，/／]?\s*共\s*\d{1,4}\s*页)?|\d{1,4}\s*[/／]\s*\d{1,4}|page\s*\d{1,4}(?:\s*of\s*\d{1,4})?|[-—–－―\s]*[一二三四五六七八九十百]+[-—–－―\s]*)$`)

// layout turns pages into blocks.
func layout(pages []page) []plantext.Block {
	var perPage [][]item
	var cols *columns // the last page's columns
	for i := range pages {
		var its []item
		its, cols = pageItems(&pages[i], cols)
		perPage = append(perPage, its)
	}
	dropMargins(pages, perPage)
	notes := footnotes(pages, perPage)
	for i, its := range perPage {
		perPage[i] = unruledTables(its, textWidth(its))
	}
	var all []item
	for _, its := range perPage {
		all = append(all, its...)
	}
	m := bodyMargins(all)
	// Page margins are most often the same on both sides: a document with
	// no full line at all (a page or two of short paragraphs) still has
	// its right edge there.
	if len(pages) > 0 && pages[0].w > 0 && m.right > m.left {
		m.right = max(m.right, pages[0].w-m.left)
	}
	return assemble(all, notes, m)
}

// pageItems finds a page's regions and lines in reading order: top to
// bottom, by columns on a page set in two (columns.go). prev is the columns
// of the page before, which a page whose body text all stands on one side
// or the other of the same gutter keeps (a plan's last page, its text
// ending in the left column; a page of tables, one in each column). It returns the page's columns, nil for none.
func pageItems(p *page, prev *columns) ([]item, *columns) {
	regs := regions(p.rules)
	// A frame around most of the page is a page border, not a box; a frame
	// around a table is a 专栏 whose content is that table: the frame goes,
	// so that the box's title line and its table follow each other.
	kept := regs[:0]
	for _, g := range regs {
		if g.box() && (p.h > 0 && g.y1-g.y0 > 0.75*p.h || g.holdsRegion(regs)) {
			continue
		}
		kept = append(kept, g)
	}
	regs = kept
	// A region inside another (a box drawn in a cell) is part of it: the
	// largest region takes the characters.
	sort.SliceStable(regs, func(i, j int) bool {
		return (regs[i].x1-regs[i].x0)*(regs[i].y1-regs[i].y0) > (regs[j].x1-regs[j].x0)*(regs[j].y1-regs[j].y0)
	})
	var free []char
	for _, c := range p.chars {
		placed := false
		for _, g := range regs {
			if g.contains(c.cx(), c.cy()) {
				g.place(c)
				placed = true
				break
			}
		}
		if !placed {
			free = append(free, c)
		}
	}
	var its []item
	for _, g := range regs {
		if g.empty() {
			continue
		}
		its = append(its, item{reg: g, top: g.y1, page: p.n})
	}
	lines := buildLines(free, p.n)
	cols := findColumns(lines, p)
	if cols == nil && prev != nil && prev.fits(lines, p) {
		cols = prev
	}
	if cols != nil {
		lines = cols.split(lines)
	}
	for _, l := range lines {
		its = append(its, item{line: l, top: l.top, page: p.n})
	}
	sort.SliceStable(its, func(i, j int) bool { return its[i].top > its[j].top })
	if cols != nil {
		cols.order(its)
	}
	return its, cols
}

// holdsRegion reports whether another region lies inside g.
func (g *region) holdsRegion(regs []*region) bool {
	for _, o := range regs {
		if o != g && o.x0 >= g.x0-touch && o.x1 <= g.x1+touch && o.y0 >= g.y0-touch && o.y1 <= g.y1+touch {
			return true
		}
	}
	return false
}

// textWidth is the width the body lines of a page span.
func textWidth(its []item) float64 {
	x0, x1 := 0.0, 0.0
	first := true
	for _, it := range its {
		if l := it.line; l != nil && !l.header && !l.footer && !l.footnote {
			if first {
				x0, x1, first = l.x0, l.x1, false
			}
			x0, x1 = min(x0, l.x0), max(x1, l.x1)
		}
	}
	return x1 - x0
}

func (g *region) empty() bool {
	for _, cs := range g.cells {
		for _, c := range cs {
			if !unicode.IsSpace(c.r) {
				return false
			}
		}
	}
	return true
}

// dropMargins marks running headers, footers and page numbers.
func dropMargins(pages []page, perPage [][]item) {
	key := func(s string) string {
		s = strings.Map(func(r rune) rune {
			switch {
			case unicode.IsSpace(r):
				return -1
			case r >= '0' && r <= '9':
				return '#'
			}
			return r
		}, s)
		return s
	}
	inMargin := func(p *page, it item) (top, bottom bool) {
		if it.line == nil || p.h <= 0 {
			return false, false
		}
		return it.line.bottom > (1-marginShare)*p.h, it.line.top < marginShare*p.h
	}
	seen := map[string]int{}
	for i, its := range perPage {
		keys := map[string]bool{}
		for _, it := range its {
			if t, b := inMargin(&pages[i], it); t || b {
				keys[key(it.line.text())] = true
			}
		}
		for k := range keys {
			seen[k]++
		}
	}
	n := len(pages)
	for i, its := range perPage {
		for _, it := range its {
			t, b := inMargin(&pages[i], it)
			if !t && !b {
				continue
			}
			text := it.line.text()
			if pageNumber.MatchString(text) || n >= 2 && seen[key(text)] >= 2 && 2*seen[key(text)] >= n {
				it.line.header, it.line.footer = t, b
			}
		}
	}
}

// note is one footnote: its mark and text, and the page it is on.
type note struct {
	mark, text string
	page       int
	used       bool
}

// A footnote rule's length, in shares of the page's width: a third of the
// text's width on a page of one column, a quarter of a column's on a page
// of two (54 points of 595).
const (
	noteRuleMin = 0.05
	noteRuleMax = 0.5
)

// footnotes finds the footnotes of each page: the lines below a short
// horizontal rule alone in the lower half of the page (in its column, on
// a page in two), set smaller than the page's text, running headers and
// footers aside. Each note starts with its mark.
func footnotes(pages []page, perPage [][]item) []*note {
	var out []*note
	for i := range pages {
		p := &pages[i]
		// Candidate rules, highest first: a short rule alone in the lower
		// half of the page (on a page in columns, a table's bottom rule
		// may be one too).
		var cands []rule
		for _, r := range p.rules {
			if !r.horizontal() || r.y0 > p.h/2 || p.w <= 0 || r.x1-r.x0 > noteRuleMax*p.w || r.x1-r.x0 < noteRuleMin*p.w {
				continue
			}
			alone := true
			for _, o := range p.rules {
				if o != r && meets(o, r) {
					alone = false
					break
				}
			}
			if alone {
				cands = append(cands, r)
			}
		}
		sort.Slice(cands, func(a, b int) bool { return cands[a].y0 > cands[b].y0 })
		// Under a rule: on a page in columns, in the rule's column.
		under := func(l *tline, r rule) bool {
			return l.top <= r.y0 && (l.col == nil || r.x0 >= l.col.left-touch && r.x0 < l.col.right)
		}
		// The separator is the first whose lines are set smaller than the
		// text: a rule with text of the body's size under it (an
		// underline, a signature line, a table's bottom rule) is none.
		body := bodySize(perPage[i])
		sep, found := rule{}, false
		for _, r := range cands {
			for _, it := range perPage[i] {
				if l := it.line; l != nil && !l.header && !l.footer && under(l, r) {
					if l.size <= noteSize*body {
						sep, found = r, true
					}
					break
				}
			}
			if found {
				break
			}
		}
		if !found {
			continue
		}
		var cur *note
		for _, it := range perPage[i] {
			l := it.line
			if l == nil || l.header || l.footer || !under(l, sep) {
				continue
			}
			l.footnote = true
			t := l.text()
			if m, rest := leadingMark(l); m != "" {
				cur = &note{mark: m, text: rest, page: p.n}
				out = append(out, cur)
				continue
			}
			if cur != nil {
				cur.text = joinText(cur.text, t)
			} else {
				cur = &note{text: t, page: p.n}
				out = append(out, cur)
			}
		}
	}
	return out
}

// noteSize: footnotes are set at most this share of the body's size.
const noteSize = 0.92

// bodySize is the font size of most of a page's characters.
func bodySize(its []item) float64 {
	count := map[float64]int{}
	best, bestN := 0.0, 0
	for _, it := range its {
		if l := it.line; l != nil {
			count[l.size] += len(l.chars)
			if count[l.size] > bestN {
				best, bestN = l.size, count[l.size]
			}
		}
	}
	return best
}

// leadingMark splits a footnote line into its mark (a superscript, or
// digits or * at its start) and its text.
func leadingMark(l *tline) (string, string) {
	if len(l.marks) > 0 && l.marks[0].at == 0 {
		m := l.marks[0]
		return m.text, charsText(l.chars[m.n:], nil)
	}
	t := l.text()
	i := 0
	for i < len(t) && (t[i] >= '0' && t[i] <= '9' || t[i] == '*') {
		i++
	}
	if i == 0 || i > 3 {
		return "", t
	}
	return t[:i], strings.TrimSpace(t[i:])
}

// margins are the body text's left and right edges.
type margins struct{ left, right float64 }

// bodyMargins finds the left and right edges of the body text: where most
// lines start, and where the full lines end.
func bodyMargins(all []item) margins {
	var xs0, xs1 []float64
	for _, it := range all {
		if l := it.line; l != nil && !l.header && !l.footer && !l.footnote {
			xs0 = append(xs0, l.x0)
			xs1 = append(xs1, l.x1)
		}
	}
	if len(xs0) == 0 {
		return margins{}
	}
	sort.Float64s(xs0)
	sort.Float64s(xs1)
	return margins{left: xs0[len(xs0)/10], right: xs1[len(xs1)*9/10]}
}

// Paragraph joining, in fractions of the font size.
const (
	fullLine   = 1.5 // a line ending this close to the right edge is full
	indent     = 0.8 // a line starting this far right of the left edge is indented
	lineSpread = 1.9 // baselines further apart than this are separate paragraphs
)

// assemble makes blocks of the items of every page in order.
func assemble(all []item, notes []*note, m margins) []plantext.Block {
	var out []plantext.Block
	var para *tline        // the last line of the open paragraph
	var paraText []string  // its lines
	var paraNotes []string // notes referenced in it
	flush := func() {
		if para != nil {
			out = append(out, plantext.Block{Kind: plantext.Para, Text: joinLines(paraText), Notes: paraNotes})
		}
		para, paraText, paraNotes = nil, nil, nil
	}
	var lastTable *tableInfo
	for _, it := range all {
		if l := it.line; l != nil {
			if l.header || l.footer || l.footnote {
				continue
			}
			ns := useMarks(l, notes)
			t := l.text()
			if t == "" {
				continue
			}
			if para != nil && continues(para, l, m) {
				paraText = append(paraText, t)
				paraNotes = append(paraNotes, ns...)
				para = l
				continue
			}
			flush()
			para, paraText, paraNotes = l, []string{t}, ns
			lastTable = nil
			continue
		}
		g := it.reg
		flush()
		if g.box() {
			out = append(out, boxBlock(g, it.page, notes, m))
			lastTable = nil
			continue
		}
		ti := tableOf(g, it.page, notes)
		if lastTable != nil && lastTable.page < it.page && lastTable.sameColumns(ti) {
			lastTable.extend(ti)
			out[lastTable.index].Rows = lastTable.rows
			out[lastTable.index].Notes = append(out[lastTable.index].Notes, ti.notes...)
			lastTable.page = it.page
			continue
		}
		ti.index = len(out)
		out = append(out, plantext.Block{Kind: plantext.Table, Rows: ti.rows, Notes: ti.notes})
		lastTable = ti
	}
	flush()
	// Notes no mark points to: printed where they stand, at the end of
	// their page's text.
	for _, n := range notes {
		if !n.used && n.text != "" {
			out = append(out, plantext.Block{Kind: plantext.Para, Notes: []string{n.text}})
		}
	}
	return out
}

// continues reports whether line l goes on with the paragraph whose last
// line is prev.
func continues(prev, l *tline, m margins) bool {
	size := max(prev.size, l.size)
	if math.Abs(prev.size-l.size) > 0.5 || m.right <= m.left {
		return false
	}
	pm, lm := m, m // the edges of each line's column, or of the page
	if prev.col != nil {
		pm = *prev.col
	}
	if l.col != nil {
		lm = *l.col
	}
	if prev.x1 < pm.right-fullLine*size {
		return false // a short line ends its paragraph
	}
	if strings.Contains(prev.text(), "\t") || strings.Contains(l.text(), "\t") {
		return false // a line with a tab stop's gap (a contents entry) is no running text
	}
	if l.x0 > lm.left+indent*size {
		return false // an indented line starts one
	}
	if prev.page == l.page && prev.base-l.base > lineSpread*size && (prev.col == nil || prev.col == l.col) {
		return false // set apart (the head of the next column is not)
	}
	return prev.page == l.page || l.page == prev.page+1
}

// useMarks matches a line's superscript marks with the notes of its page
// and returns the notes it references.
func useMarks(l *tline, notes []*note) []string {
	var out []string
	for i := range l.marks {
		m := &l.marks[i]
		for _, n := range notes {
			if !n.used && n.page == l.page && n.mark == m.text {
				n.used, m.used = true, true
				out = append(out, n.text)
				break
			}
		}
	}
	return out
}

// joinLines joins the lines of a paragraph: no space between Chinese
// text, one between words.
func joinLines(ls []string) string {
	s := ""
	for _, l := range ls {
		s = joinText(s, l)
	}
	return s
}

func joinText(a, b string) string {
	if a == "" {
		return b
	}
	if b == "" {
		return a
	}
	// Chinese typesetting breaks a line anywhere, numbers included: only
	// two words of a Western language keep a space between them.
	ra, _ := utf8.DecodeLastRuneInString(a)
	rb, _ := utf8.DecodeRuneInString(b)
	if latin(ra) && latin(rb) {
		return a + " " + b
	}
	return a + b
}

func latin(r rune) bool { return r < 0x2E80 && unicode.IsLetter(r) }

// boxBlock makes a box of a framed cell: its lines as paragraphs.
func boxBlock(g *region, pageN int, notes []*note, m margins) plantext.Block {
	ls := buildLines(g.cells[0], pageN)
	// The box's own edges stand for the page's.
	bm := margins{left: g.x0, right: g.x1}
	if len(ls) > 0 {
		var xs0, xs1 []float64
		for _, l := range ls {
			xs0 = append(xs0, l.x0)
			xs1 = append(xs1, l.x1)
		}
		sort.Float64s(xs0)
		sort.Float64s(xs1)
		bm = margins{left: xs0[0], right: xs1[len(xs1)-1]}
	}
	var items []item
	for _, l := range ls {
		items = append(items, item{line: l, top: l.top, page: pageN})
	}
	return plantext.Block{Kind: plantext.Box, Body: assemble(items, notes, bm)}
}

// tableInfo is a table being assembled, possibly over several pages.
type tableInfo struct {
	index   int // its block in the output
	page    int // the last page it is on
	xs      []float64
	unruled bool
	rows    []plantext.Row
	notes   []string
}

// tableOf reads a ruled table: each cell's lines, merged cells covered.
func tableOf(g *region, pageN int, notes []*note) *tableInfo {
	ti := &tableInfo{page: pageN, xs: g.xs, unruled: g.unruled}
	seen := map[int]bool{}
	for r := 0; r < g.rows(); r++ {
		var row plantext.Row
		for c := 0; c < g.cols(); c++ {
			o := g.owner[r][c]
			if seen[o] {
				row.Cells = append(row.Cells, plantext.Cell{Covered: true})
				continue
			}
			seen[o] = true
			var lines []string
			for _, l := range buildLines(g.cells[o], pageN) {
				ti.notes = append(ti.notes, useMarks(l, notes)...)
				if t := l.text(); t != "" {
					lines = append(lines, t)
				}
			}
			row.Cells = append(row.Cells, plantext.Cell{Lines: lines})
		}
		ti.rows = append(ti.rows, row)
	}
	return ti
}

// sameColumns reports a table whose column edges are those of t: where the
// rules are, or for tables found from their text, about where the text is
// (each page's text spans its columns a little differently).
func (t *tableInfo) sameColumns(u *tableInfo) bool {
	if len(t.xs) != len(u.xs) || t.unruled != u.unruled {
		return false
	}
	tol := touch
	if t.unruled {
		tol = unruledDrift
	}
	for i := range t.xs {
		if math.Abs(t.xs[i]-u.xs[i]) > tol {
			return false
		}
	}
	return true
}

// unruledDrift is how far (points) the column edges of a table found from
// its text may move from page to page.
const unruledDrift = 24.0

// extend adds the rows of u, the same table continued on the next page:
// without the header rows u repeats, and with a row the page break cut in
// two joined again.
func (t *tableInfo) extend(u *tableInfo) {
	rows := u.rows
	k := 0
	for k < len(rows) && k < len(t.rows) && rowKey(rows[k]) == rowKey(t.rows[k]) {
		k++
	}
	header := k
	rows = rows[k:]
	if len(rows) > 0 && len(t.rows) > header && t.brokenRow(rows[0], header) {
		last := &t.rows[len(t.rows)-1]
		for c := range rows[0].Cells {
			if c >= len(last.Cells) {
				break
			}
			lines := rows[0].Cells[c].Lines
			if len(lines) == 0 {
				continue
			}
			// Into the cell that owns column c in the last row.
			o := c
			for o > 0 && last.Cells[o].Covered {
				o--
			}
			last.Cells[o].Lines = append(last.Cells[o].Lines, lines...)
		}
		rows = rows[1:]
	}
	t.rows = append(t.rows, rows...)
}

// brokenRow reports the first row of a continued table as the rest of a row
// cut by the page break: empty in a column where every body row so far has
// text of its own, and not empty.
func (t *tableInfo) brokenRow(r plantext.Row, header int) bool {
	body := t.rows[min(header, len(t.rows)):]
	if len(body) == 0 || r.Cells == nil {
		return false
	}
	any := false
	for _, c := range r.Cells {
		if !c.Empty() {
			any = true
		}
	}
	if !any {
		return false
	}
	for c := range r.Cells {
		if !r.Cells[c].Empty() {
			continue
		}
		full := true
		for _, b := range body {
			if c >= len(b.Cells) || b.Cells[c].Covered || b.Cells[c].Empty() {
				full = false
				break
			}
		}
		if full {
			return true
		}
	}
	return false
}

func rowKey(r plantext.Row) string {
	var b strings.Builder
	for _, c := range r.Cells {
		b.WriteString(strings.Join(c.Lines, ""))
		b.WriteByte('|')
	}
	return b.String()
}
