package render

import (
	"math"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"planview/internal/cellnum"
	"planview/model"
)

// glyphs is the set of characters tables and boxes are drawn with.
type glyphs struct {
	h, v       string
	tl, tm, tr string
	ml, mm, mr string
	bl, bm, br string
}

var (
	lightGlyphs = glyphs{h: "─", v: "│", tl: "┌", tm: "┬", tr: "┐", ml: "├", mm: "┼", mr: "┤", bl: "└", bm: "┴", br: "┘"}
	asciiGlyphs = glyphs{h: "-", v: "|", tl: "+", tm: "+", tr: "+", ml: "+", mm: "+", mr: "+", bl: "+", bm: "+", br: "+"}
	g           = lightGlyphs
)

// initGlyphs picks the light box-drawing characters when every one of them
// measures one cell under the current width policy, else ASCII.
func initGlyphs() {
	g = lightGlyphs
	for _, s := range []string{g.h, g.v, g.tl, g.tm, g.tr, g.ml, g.mm, g.mr, g.bl, g.bm, g.br} {
		if Width(s) != 1 {
			g = asciiGlyphs
			return
		}
	}
}

// TableOptions control how a table is drawn.
type TableOptions struct {
	Width  int // the most cells a line may take; 0 for no limit
	Offset int // horizontal scroll, in cells, of the columns after the first (frozen) one
}

// Table draws t as lines of text, columns aligned by display width: the
// caption on top, the grid, then the notes. See TableLayout for the rules;
// Table(t, opt) is LayoutTable(t, opt.Width).Lines(opt.Offset).
func Table(t *model.Table, opt TableOptions) []string {
	return LayoutTable(t, opt.Width).Lines(opt.Offset)
}

// TableWidth is the natural width of t's grid: every cell on its source
// lines, no column wrapped. A TUI compares it with the pane to know whether
// the table can be shown whole.
func TableWidth(t *model.Table) int { return LayoutTable(t, 0).Width() }

// TableLayout is a table laid out for one width limit. Build it once per
// width and call Lines for each scroll offset.
//
// Layout rules: cells keep their source lines (but a header cell of at most
// wordMax cells split over lines, 序/号, is joined into one: 序号); cells
// are padded with one space each side and separated by a vertical rule;
// header cells are centred; numeric cells (internal/cellnum.IsNumeric) are
// right-aligned, others left-aligned; merged and empty cells are blank,
// but a header cell merged across columns (headerSpans) is drawn across
// them, centred (from their left edge when the table scrolls). The
// header is always separated from the body by a rule; body rows are
// separated by rules only when at least one body row takes more than one
// line at the chosen width (then the rules keep multi-line rows apart;
// otherwise one line is one row and the table stays compact). The rows of a
// header stay together.
//
// Column widths come from the content, as a browser lays out an auto table
// (fitColumns):
//   - a column's preferred width is its longest line; its minimum is its
//     longest unbreakable piece: a number cell's line whole (5400元/年,
//     ≥55), a line of at most wordMax cells whole (序号, 开工年份,
//     约束性), else the longest run Wrap keeps together; no piece counts
//     for more than pieceCap cells;
//   - when the preferred widths fit the limit the table takes them: its
//     natural width, never stretched to the limit;
//   - else every column gets its minimum, and the width left above the
//     minimums is shared in proportion to preferred minus minimum, so the
//     columns whose content is longest get the most (a cell an all-Chinese
//     column cannot use at an odd width is handed to another column);
//   - cells are wrapped to their columns with Wrap.
//
// If even the minimums do not fit, the table scrolls instead: columns wider
// than scrollCap cells are wrapped to it (or to their minimum), the first
// column stays frozen (within half the line) and Lines(offset) shows the
// other columns from offset cells on. No line is ever wider than the limit,
// and no wide character is cut (a character cut by the window becomes
// spaces).
type TableLayout struct {
	limit   int
	cols    []int
	caption []string
	notes   []string
	grid    []gridLine // what each grid line draws; drawn when asked for (Line)
	rules   [4][2]string
	fw      int // width of the frozen part: the first column with its borders
	full    int // width of a whole grid line
	ncol    int

	t       *model.Table
	cells   [][][]string // per row (header rows first), per column: the drawn lines
	rowLine []int        // per row: index of its first line in Lines()
	aligns  [][]int8     // per row, per column: 0 left, 1 right, 2 centre
	colX    []int        // per column: display column where its content starts in Full()
	spans   [][]int      // per header row with a merged cell, per column: columns the cell covers, 0 under a merged cell; nil for other rows (headerSpans)
}

// gridLine is one line of the grid: line k of row row, or a rule.
type gridLine struct {
	row  int32
	k    int32
	rule ruleKind
}

type ruleKind int8

const (
	noRule ruleKind = iota
	topRule
	midRule
	bottomRule
)

// Width is the width of the laid-out grid before any scrolling: at most the
// limit unless the table must scroll.
func (l *TableLayout) Width() int { return l.full }

// Columns are the content widths of the columns, in cells.
func (l *TableLayout) Columns() []int { return l.cols }

// MaxOffset is the largest useful scroll offset: 0 when the grid fits.
func (l *TableLayout) MaxOffset() int {
	if l.limit <= 0 || l.full <= l.limit {
		return 0
	}
	return l.full - l.limit
}

// Stops are the scroll offsets that bring each scrolled column's left edge
// next to the frozen column, clamped to MaxOffset, ascending, without
// duplicates; the first is 0. A TUI can step through them with ← and →.
func (l *TableLayout) Stops() []int {
	stops := []int{0}
	m := l.MaxOffset()
	if m == 0 {
		return stops
	}
	pos := 0
	for j := 1; j < len(l.cols)-1; j++ {
		pos += l.cols[j] + 3
		if s := min(pos, m); s > stops[len(stops)-1] {
			stops = append(stops, s)
		}
	}
	if stops[len(stops)-1] < m {
		stops = append(stops, m)
	}
	return stops
}

// Full draws the laid-out table without a scrolling window: every column,
// each as wide as the layout made it, so lines can be wider than the limit
// when MaxOffset > 0. For output that cannot scroll (a printed page): the
// long cells are still wrapped within their columns.
func (l *TableLayout) Full() []string {
	out := make([]string, 0, l.NumLines())
	out = append(out, l.caption...)
	for i := range l.grid {
		f, rest := l.gridAt(i)
		out = append(out, f+rest)
	}
	return append(out, l.notes...)
}

// Lines draws the table scrolled by offset cells (clamped to
// [0, MaxOffset]).
func (l *TableLayout) Lines(offset int) []string {
	out := make([]string, l.NumLines())
	for i := range out {
		out[i] = l.Line(i, offset)
	}
	return out
}

// NumLines is how many lines Lines draws: caption, grid and notes.
func (l *TableLayout) NumLines() int { return len(l.caption) + len(l.grid) + len(l.notes) }

// Line is line i of Lines(offset), drawn alone: a view of a table of
// 200,000 rows draws only the lines on screen.
func (l *TableLayout) Line(i, offset int) string {
	if i < len(l.caption) {
		return l.caption[i]
	}
	i -= len(l.caption)
	if i >= len(l.grid) {
		return l.notes[i-len(l.grid)]
	}
	f, rest := l.gridAt(i)
	if l.MaxOffset() == 0 {
		return f + rest
	}
	offset = min(max(offset, 0), l.MaxOffset())
	vw := l.limit - l.fw
	if vw < 1 {
		// Too narrow to freeze a column: scroll the whole grid.
		return Slice(f+rest, offset, l.limit)
	}
	return f + Slice(rest, offset, vw)
}

// gridAt draws grid line i: the frozen first column with its borders, and
// the other columns.
func (l *TableLayout) gridAt(i int) (frozen, rest string) {
	gl := l.grid[i]
	if gl.rule != noRule {
		r := l.rules[gl.rule]
		return r[0], r[1]
	}
	if int(gl.row) < len(l.spans) && l.spans[gl.row] != nil {
		return l.spannedAt(gl)
	}
	var f, b strings.Builder
	cells, al := l.cells[gl.row], l.aligns[gl.row]
	for j := 0; j < l.ncol; j++ {
		w := &b
		if j == 0 {
			w = &f
			w.WriteString(g.v)
		}
		var s string
		if int(gl.k) < len(cells[j]) {
			s = cells[j][gl.k]
		}
		w.WriteByte(' ')
		switch al[j] {
		case 2:
			w.WriteString(center(s, l.cols[j]))
		case 1:
			w.WriteString(PadLeft(s, l.cols[j]))
		default:
			w.WriteString(Pad(s, l.cols[j]))
		}
		w.WriteByte(' ')
		w.WriteString(g.v)
	}
	if l.ncol == 1 {
		return "", f.String()
	}
	return f.String(), b.String()
}

// spannedAt draws a line of a header row with merged cells: a merged cell
// is centred over the columns it covers (in a table that scrolls, it starts
// where they do), with no rule between them.
func (l *TableLayout) spannedAt(gl gridLine) (frozen, rest string) {
	var b strings.Builder
	b.WriteString(g.v)
	cells, sp := l.cells[gl.row], l.spans[gl.row]
	for j := 0; j < l.ncol; j++ {
		if sp[j] == 0 {
			continue
		}
		var s string
		if int(gl.k) < len(cells[j]) {
			s = cells[j][gl.k]
		}
		w := spanWidth(l.cols, j, sp[j])
		b.WriteByte(' ')
		if l.aligns[gl.row][j] == 2 {
			b.WriteString(center(s, w))
		} else {
			b.WriteString(Pad(s, w))
		}
		b.WriteByte(' ')
		b.WriteString(g.v)
	}
	if l.ncol == 1 {
		return "", b.String()
	}
	p := splitAt(b.String(), l.cols[0]+4)
	return p[0], p[1]
}

// splitAt cuts a grid line into its frozen part, w cells wide, and the
// rest (a wide character the cut falls in becomes spaces).
func splitAt(line string, w int) [2]string {
	n := Width(line)
	return [2]string{Slice(line, 0, w), Slice(line, w, n-w)}
}

// spanWidth is the width of the content of a cell covering n columns from
// column j: theirs, and the rules and padding between them.
func spanWidth(cols []int, j, n int) int {
	w := 0
	for k := j; k < j+n && k < len(cols); k++ {
		w += cols[k]
	}
	return w + 3*(n-1)
}

// headerSpans finds the header cells merged across columns, as an export
// leaves them: a cell followed by empty cells in its row, with a header row
// below it that has text under those empty cells (投资（万元） over 总投资
// and “十四五”; 主要發展指標 over 類別 and 名稱). It returns, per header row,
// the columns each cell covers (0 for a covered one), or nil for a row
// with no merged cell. A row of one header, or empty cells with nothing
// under them, has none.
func headerSpans(header []tableRow, ncol int) [][]int {
	var out [][]int
	for i := range header {
		var sp []int
		for j := 0; j < ncol; j++ {
			if len(header[i].cells[j]) == 0 {
				continue
			}
			n := 1
			for j+n < ncol && len(header[i].cells[j+n]) == 0 {
				n++
			}
			// Keep the covered columns that have text below, up to the last.
			under := 0
			for k := 1; k < n; k++ {
				for _, r := range header[i+1:] {
					if len(r.cells[j+k]) > 0 {
						under = k
					}
				}
			}
			if under == 0 {
				continue
			}
			if sp == nil {
				sp = make([]int, ncol)
				for k := range sp {
					sp[k] = 1
				}
			}
			sp[j] = under + 1
			for k := 1; k <= under; k++ {
				sp[j+k] = 0
			}
		}
		if sp != nil {
			if out == nil {
				out = make([][]int, len(header))
			}
			out[i] = sp
		}
	}
	return out
}

// cellText is a cell's lines made safe for layout.
func cellLines(c model.Cell) []string {
	same := true // most cells: their lines as they are
	for _, s := range c.Lines {
		if t := strings.TrimSpace(Clean(s)); t == "" || t != s {
			same = false
			break
		}
	}
	if same {
		return c.Lines
	}
	out := make([]string, 0, len(c.Lines))
	for _, s := range c.Lines {
		s = strings.TrimSpace(Clean(s))
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}

// scrollCap is the widest a column gets in a table that scrolls.
const scrollCap = 24

// wordMax is the widest line, in cells, that a column keeps whole as one
// word: 4 Chinese characters. Header words such as 开工年份, 项目业主 or
// 完成情况 need it (over a narrow column of years, 开工/年份 would read as
// two words), and so do short body labels such as 约束性 or 社会救助. Longer
// lines (建设内容及规模, 计划总投资) break like any text. A header cell split
// over source lines within it (序/号, 目前/进展: a narrow column of the
// original) is joined into one line.
const wordMax = 8

// pieceCap is the widest unbreakable piece a column's minimum honours: a
// longer one (a URL, a run of 30 digits) is broken anywhere rather than
// force the table to scroll. It matches scrollCap, the widest a column gets
// in a table that scrolls.
const pieceCap = scrollCap

// joinHeaderWord joins a header cell's source lines into one when together
// they are at most wordMax cells: the line breaks of a word in a narrow
// column of the source (序/号, 目前/进展). Body cells keep their lines: 950
// over 1350 are two values.
func joinHeaderWord(lines []string) []string {
	if len(lines) < 2 {
		return lines
	}
	n := 0
	for _, s := range lines {
		if n += Width(s); n > wordMax {
			return lines
		}
	}
	return []string{joinLines(lines)}
}

// joinLines joins lines as model.Cell.Text does (Chinese lines without a
// space), but with a space between two Latin letters or digits, which would
// otherwise run into one word.
func joinLines(lines []string) string {
	var b strings.Builder
	for i, s := range lines {
		if i > 0 {
			l, _ := utf8.DecodeLastRuneInString(lines[i-1])
			r, _ := utf8.DecodeRuneInString(s)
			if isLatinOrDigit(l) && isLatinOrDigit(r) {
				b.WriteByte(' ')
			}
		}
		b.WriteString(s)
	}
	return b.String()
}

func isLatinOrDigit(r rune) bool {
	return r < 0x80 && (unicode.IsLetter(r) || unicode.IsDigit(r))
}

// tallMax is the most lines a cell's longest line should wrap into when
// the table can give its column the width: at 80 columns 天门 表2's
// 不低于居民上年度人均消费支出增速 took eight lines of a 4-cell column while
// the indicator names beside it had room to spare.
const tallMax = 4

// shortWidths are the minimum widths raised so that no column's longest
// line wraps into more than tallMax lines (rounded up to whole Chinese
// characters), within the preferred widths.
func shortWidths(minw, pref []int) []int {
	out := make([]int, len(minw))
	for j := range out {
		w := (pref[j] + tallMax - 1) / tallMax
		w += w % 2
		out[j] = max(minw[j], min(w, pref[j]))
	}
	return out
}

// tableRow is a row's cells (per column, the lines drawn) while a table is
// laid out.
type tableRow struct {
	cells  [][]string
	header bool
}

// typicalShare is the share of a column's body cells its typical width
// holds on one line: the widest of its shortest 80%. One long sentence in
// a column of numbers (不低于居民上年度人均消费支出增速 among ≥75, 100, 60
// under 2025年目标值) then wraps, rather than take the width the indicator
// names need in every row.
const typicalShare = 0.8

// typicalWidths are the columns' typical widths (typicalShare), each
// within [minw, pref]; a column with no body cell has its preferred width.
func typicalWidths(rows []tableRow, cellW []int32, ncol int, minw, pref []int) []int {
	out := make([]int, ncol)
	ws := make([]int, 0, len(rows))
	for j := range out {
		ws = ws[:0]
		for i, r := range rows {
			if !r.header {
				ws = append(ws, int(cellW[i*ncol+j]))
			}
		}
		t := pref[j]
		if len(ws) > 0 {
			slices.Sort(ws)
			t = ws[max(int(math.Ceil(typicalShare*float64(len(ws))))-1, 0)]
		}
		out[j] = min(max(t, minw[j]), pref[j])
	}
	return out
}

// fitColumns gives columns with preferred widths pref and minimum widths
// minw (minw[j] <= pref[j]) at most avail cells in all, as CSS lays out an
// auto table: the preferred widths when they fit; else each column its
// minimum plus a share of what is left above the minimums in proportion
// to pref-minw (the cells left by rounding down go to the largest
// remainders; ties: the column with more to gain, then the first). fits is
// false, and cols the minimums, when even the minimums do not fit.
//
// Then a cell no line can use is handed on. narrow[j] is the widest line of
// column j that holds a one-cell character (0 if none): at a width w above
// it the column's lines wider than w are all two-cell characters, so an odd
// w leaves its last cell empty. Such a column gives that cell back, and the
// cells given back go, one by one, to the column with the most left to gain
// (pref-cols) that can use them: two cells at a time to a column whose
// lines wider than it are all two-cell characters, one to any other.
func fitColumns(pref, minw, narrow []int, avail int) (cols []int, fits bool) {
	cols = append([]int(nil), pref...)
	if sum(pref) <= avail {
		return cols, true
	}
	copy(cols, minw)
	extra := avail - sum(minw)
	if extra < 0 {
		return cols, false
	}
	want := 0 // what the columns would take above their minimums
	for j := range pref {
		want += pref[j] - minw[j]
	}
	rem := make([]int, len(pref))
	given := 0
	for j := range pref {
		d := pref[j] - minw[j]
		cols[j] += extra * d / want
		rem[j] = extra * d % want
		given += extra * d / want
	}
	for ; given < extra; given++ {
		best := -1
		for j := range pref {
			if cols[j] >= pref[j] {
				continue
			}
			if best < 0 || rem[j] > rem[best] || rem[j] == rem[best] && pref[j]-minw[j] > pref[best]-minw[best] {
				best = j
			}
		}
		cols[best]++
		rem[best] = -1
	}

	// Hand on the cells no line can use.
	step := func(j int) int { // the fewest cells column j can use more
		if cols[j] >= narrow[j] && cols[j]%2 == 0 {
			return min(2, pref[j]-cols[j])
		}
		return 1
	}
	spare := 0
	for j := range cols {
		if cols[j] < pref[j] && cols[j] > narrow[j] && cols[j]%2 == 1 && cols[j]-1 >= minw[j] {
			cols[j]--
			spare++
		}
	}
	for spare > 0 {
		best := -1
		for j := range cols {
			if cols[j] < pref[j] && step(j) <= spare && (best < 0 || pref[j]-cols[j] > pref[best]-cols[best]) {
				best = j
			}
		}
		if best < 0 {
			break // no column can use what is left: the table is that much narrower
		}
		spare -= step(best)
		cols[best] += step(best)
	}
	return cols, true
}

// hasNarrow reports whether s holds a character one cell wide.
func hasNarrow(s string) bool {
	for _, r := range s {
		if RuneWidth(r) == 1 {
			return true
		}
	}
	return false
}

// LayoutTable lays t out for lines of at most width cells (0: no limit).
func LayoutTable(t *model.Table, width int) *TableLayout {
	l := &TableLayout{limit: width}
	if t == nil {
		return l
	}
	if t.Caption != "" {
		l.caption = Wrap(t.Caption, width, "")
	}
	for _, n := range t.Notes {
		l.notes = AppendWrap(l.notes, n, width, "")
	}
	ncol := t.Columns()
	if ncol == 0 {
		return l
	}

	// Gather the cells: header rows first.
	rows := make([]tableRow, 0, len(t.Header)+len(t.Rows))
	add := func(rs []model.Row, header bool) {
		for _, r := range rs {
			cs := make([][]string, ncol)
			for j := 0; j < ncol && j < len(r.Cells); j++ {
				cs[j] = cellLines(r.Cells[j])
				if header {
					cs[j] = joinHeaderWord(cs[j])
				}
			}
			rows = append(rows, tableRow{cs, header})
		}
	}
	add(t.Header, true)
	add(t.Rows, false)
	// Header cells merged across columns are laid out over them: their
	// text is set aside while the columns are sized.
	spans := headerSpans(rows[:len(t.Header)], ncol)
	spanText := make(map[[2]int][]string)
	for i, sp := range spans {
		for j, n := range sp {
			if n > 1 {
				spanText[[2]int{i, j}] = rows[i].cells[j]
				rows[i].cells[j] = nil
			}
		}
	}

	// What each body cell holds (see classifyLines), from its source
	// lines; how wide each cell's widest line is; and the preferred width
	// of each column: its widest line.
	kinds := make([]cellClass, len(rows)*ncol)
	cellW := make([]int32, len(rows)*ncol)
	pref := make([]int, ncol)
	for i, r := range rows {
		for j, c := range r.cells {
			w := 0
			for _, s := range c {
				w = max(w, Width(s))
			}
			cellW[i*ncol+j] = int32(w)
			pref[j] = max(pref[j], w)
			if !r.header {
				kinds[i*ncol+j] = classifyLines(c)
			}
		}
	}
	for j := range pref {
		pref[j] = max(pref[j], 1)
	}
	overhead := 3*ncol + 1
	cols := append([]int(nil), pref...)
	if avail := width - overhead; width > 0 && sum(pref) > avail {
		// Minimum widths: the longest piece no column may break; and the
		// widest line with a one-cell character (see fitColumns).
		minw, narrow := make([]int, ncol), make([]int, ncol)
		for i, r := range rows {
			for j, c := range r.cells {
				if cw := int(cellW[i*ncol+j]); cw <= narrow[j] && min(cw, pieceCap) <= minw[j] {
					continue // nothing in this cell can change them
				}
				number := !r.header && kinds[i*ncol+j] == numberCell
				for _, s := range c {
					w := Width(s)
					if w > narrow[j] && hasNarrow(s) {
						narrow[j] = w
					}
					if min(w, pieceCap) <= minw[j] {
						continue // no piece of s is wider
					}
					if !number && w > wordMax {
						w = longestUnit(s)
					}
					minw[j] = max(minw[j], min(w, pieceCap))
				}
			}
		}
		// Typical widths: width goes first to the columns whose cells are
		// long in most rows (see typicalShare), then up to the preferred
		// widths.
		// Width is given in stages, each filled in proportion before the
		// next starts (so a column never narrows as the limit grows):
		// the minimums; then enough that no cell wraps into more than
		// tallMax lines; then the typical widths (typicalShare), so that
		// columns long in most rows come first; then the preferred.
		short := shortWidths(minw, pref)
		typical := typicalWidths(rows, cellW, ncol, short, pref)
		var fits bool
		switch {
		case sum(short) > avail:
			cols, fits = fitColumns(short, minw, narrow, avail)
		case sum(typical) > avail:
			cols, fits = fitColumns(typical, short, narrow, avail)
		default:
			cols, fits = fitColumns(pref, typical, narrow, avail)
		}
		if !fits {
			// It will scroll anyway: rather than squeezing every column to
			// its minimum, wrap only the long texts. The frozen column is
			// as narrow as its body allows, but for a word of its header
			// (主要發展/指標 over serial numbers), within half the line, and no other
			// column is wider than the window beside it, so that at its
			// stop a column shows whole (a search hit in it too).
			body0 := 0
			for i, r := range rows {
				if !r.header {
					body0 = max(body0, int(cellW[i*ncol]))
				}
			}
			cols[0] = max(2, min(pref[0], max(minw[0], body0, min(pref[0], wordMax)), width/2-4))
			window := scrollCap
			if ncol > 1 {
				window = max(min(scrollCap, width-(cols[0]+4)-3), 2)
			}
			for j := 1; j < ncol; j++ {
				cols[j] = min(pref[j], max(minw[j], window))
			}
		}
	}
	l.cols = cols
	for at, lines := range spanText {
		w := spanWidth(cols, at[1], spans[at[0]][at[1]])
		var wrapped []string
		for _, s := range lines {
			wrapped = AppendWrap(wrapped, s, w, "")
		}
		rows[at[0]].cells[at[1]] = wrapped
		cellW[at[0]*ncol+at[1]] = 0 // wrapped already
	}
	l.spans = spans

	// Wrap cells to their columns.
	multi := false // a body row takes more than one line
	heights := make([]int, len(rows))
	for i, r := range rows {
		h := 1
		for j, c := range r.cells {
			if int(cellW[i*ncol+j]) <= cols[j] {
				h = max(h, len(c))
				continue
			}
			var wrapped []string
			for _, s := range c {
				if Width(s) > cols[j] {
					wrapped = AppendWrap(wrapped, s, cols[j], "")
				} else {
					wrapped = append(wrapped, s)
				}
			}
			r.cells[j] = wrapped
			h = max(h, len(wrapped))
		}
		heights[i] = h
		if h > 1 && !r.header {
			multi = true
		}
	}

	// A column of numbers right-aligns its placeholders with them.
	numericCol := make([]bool, ncol)
	{
		nums, texts := make([]int, ncol), make([]int, ncol)
		for i, r := range rows {
			if r.header {
				continue
			}
			for j := range r.cells {
				switch kinds[i*ncol+j] {
				case numberCell:
					nums[j]++
				case labelCell:
					texts[j]++
				}
			}
		}
		for j := range numericCol {
			numericCol[j] = nums[j] > texts[j]
		}
	}

	// Draw: the rules now, the rows' lines when asked for (gridAt).
	rule := func(left, mid, right string) [2]string {
		var f, rest strings.Builder
		f.WriteString(left)
		f.WriteString(strings.Repeat(g.h, cols[0]+2))
		f.WriteString(mid)
		for j := 1; j < ncol; j++ {
			rest.WriteString(strings.Repeat(g.h, cols[j]+2))
			if j < ncol-1 {
				rest.WriteString(mid)
			}
		}
		if ncol == 1 {
			s := f.String()
			return [2]string{"", s[:len(s)-len(mid)] + right}
		}
		rest.WriteString(right)
		return [2]string{f.String(), rest.String()}
	}
	l.ncol = ncol
	l.rules[topRule] = rule(g.tl, g.tm, g.tr)
	if len(spans) > 0 && spans[0] != nil && ncol > 1 {
		// No junction over a merged cell of the first header row.
		var b strings.Builder
		b.WriteString(g.tl)
		for j := 0; j < ncol; j++ {
			b.WriteString(strings.Repeat(g.h, cols[j]+2))
			switch {
			case j == ncol-1:
				b.WriteString(g.tr)
			case spans[0][j+1] == 0:
				b.WriteString(g.h)
			default:
				b.WriteString(g.tm)
			}
		}
		l.rules[topRule] = splitAt(b.String(), cols[0]+4)
	}
	l.rules[midRule] = rule(g.ml, g.mm, g.mr)
	l.rules[bottomRule] = rule(g.bl, g.bm, g.br)
	lines := 2
	for i, r := range rows {
		lines += heights[i]
		if i > 0 && (r.header != rows[i-1].header || multi && !r.header) {
			lines++
		}
	}
	l.grid = make([]gridLine, 0, lines)
	l.grid = append(l.grid, gridLine{rule: topRule})
	l.t = t
	l.cells = make([][][]string, len(rows))
	l.rowLine = make([]int, len(rows))
	l.aligns = make([][]int8, len(rows))
	l.colX = make([]int, ncol)
	x := 2
	for j := range cols {
		l.colX[j] = x
		x += cols[j] + 3
	}
	for i, r := range rows {
		if i > 0 && (r.header != rows[i-1].header || multi && !r.header) {
			l.grid = append(l.grid, gridLine{rule: midRule})
		}
		l.cells[i] = r.cells
		l.rowLine[i] = len(l.caption) + len(l.grid)
		al := make([]int8, ncol)
		for j := range al {
			switch k := kinds[i*ncol+j]; {
			case r.header:
				al[j] = 2
			case k == numberCell, k == placeholderCell && numericCol[j]:
				al[j] = 1 // a number, or a placeholder among numbers
			}
		}
		l.aligns[i] = al
		for k := 0; k < heights[i]; k++ {
			l.grid = append(l.grid, gridLine{row: int32(i), k: int32(k)})
		}
	}
	l.grid = append(l.grid, gridLine{rule: bottomRule})
	l.fw = cols[0] + 3 + 1
	if ncol == 1 {
		l.fw = 0
	}
	l.full = sum(cols) + overhead
	if l.MaxOffset() > 0 {
		// A merged header cell of a table that scrolls starts where its
		// columns do, so that it shows when the first of them does.
		for i, sp := range spans {
			for j, n := range sp {
				if n > 1 {
					l.aligns[i][j] = 0
				}
			}
		}
	}
	return l
}

// RowLine is the index in Lines() of the first line of row (header rows
// counted first, as model.Location.Row counts them), or -1.
func (l *TableLayout) RowLine(row int) int {
	if row < 0 || row >= len(l.rowLine) {
		return -1
	}
	return l.rowLine[row]
}

// ColumnX is the display column where col's content starts in an
// unscrolled grid line (Full, or Lines when the table fits), or -1.
func (l *TableLayout) ColumnX(col int) int {
	if col < 0 || col >= len(l.colX) {
		return -1
	}
	if len(l.colX) == 1 {
		return l.colX[0]
	}
	return l.colX[col]
}

// CellPiece is one drawn line of a table cell.
type CellPiece struct {
	Line int    // index of the line in Lines() (caption lines counted)
	X    int    // display column where Text starts in an unscrolled grid line (Full)
	Text string // the text drawn
	// Off is the byte offset of Text in the cell's model.Cell.Text(), -1
	// when the drawn text is not a verbatim slice of it (cleaned text).
	Off int
}

// CellPieces are the lines a cell was drawn on, top to bottom (an empty or
// merged cell has none). A search hit at a byte range of Cell.Text() maps
// to the pieces it overlaps, even when the cell wraps in a narrow column.
func (l *TableLayout) CellPieces(row, col int) []CellPiece {
	if row < 0 || row >= len(l.cells) || col < 0 || col >= len(l.cells[row]) {
		return nil
	}
	lines := l.cells[row][col]
	if len(lines) == 0 {
		return nil
	}
	// Where each drawn line sits in the cell's text: the source lines are
	// joined without separators (Cell.Text), wrapping only drops spaces,
	// and a header word joined from two lines (序/号) spans them.
	var text string
	if rs := l.modelRows(row); rs != nil && col < len(rs.Cells) {
		text = rs.Cells[col].Text()
	}
	out := make([]CellPiece, 0, len(lines))
	pos := 0
	for k, s := range lines {
		p := CellPiece{Line: l.rowLine[row] + k, Text: s, Off: -1}
		w, cw := Width(s), l.cols[col]
		if row < len(l.spans) && l.spans[row] != nil {
			cw = spanWidth(l.cols, col, l.spans[row][col])
		}
		p.X = l.colX[col]
		switch l.aligns[row][col] {
		case 1:
			p.X += cw - w
		case 2:
			if w < cw {
				p.X += (cw - w) / 2
			}
		}
		if i := strings.Index(text[pos:], s); i >= 0 {
			p.Off = pos + i
			pos += i + len(s)
		}
		out = append(out, p)
	}
	return out
}

func (l *TableLayout) modelRows(row int) *model.Row {
	if l.t == nil {
		return nil
	}
	if row < len(l.t.Header) {
		return &l.t.Header[row]
	}
	row -= len(l.t.Header)
	if row < len(l.t.Rows) {
		return &l.t.Rows[row]
	}
	return nil
}

// VisibleRange maps display columns [x0, x1) of an unscrolled grid line to
// where they are drawn in Lines(offset), cut to what the window shows; ok
// is false when none of it is visible.
func (l *TableLayout) VisibleRange(x0, x1, offset int) (a, b int, ok bool) {
	m := l.MaxOffset()
	if m == 0 {
		return x0, x1, x0 < x1
	}
	offset = min(max(offset, 0), m)
	fw := l.fw
	if l.limit-l.fw < 1 {
		fw = 0 // the whole grid scrolls
	}
	clip := func(x0, x1, lo, hi, shift int) (int, int, bool) {
		x0, x1 = max(x0, lo), min(x1, hi)
		return x0 - shift, x1 - shift, x0 < x1
	}
	if x1 <= fw {
		return clip(x0, x1, 0, fw, 0)
	}
	if x0 < fw {
		a, _, _ = clip(x0, fw, 0, fw, 0)
		_, b, ok = clip(fw, x1, fw+offset, fw+offset+l.limit-fw, offset)
		if !ok {
			return clip(x0, x1, 0, fw, 0)
		}
		return a, b, true
	}
	return clip(x0, x1, fw+offset, fw+offset+l.limit-fw, offset)
}

func sum(xs []int) int {
	n := 0
	for _, x := range xs {
		n += x
	}
	return n
}

func center(s string, w int) string {
	n := Width(s)
	if n >= w {
		return s
	}
	left := (w - n) / 2
	return strings.Repeat(" ", left) + s + strings.Repeat(" ", w-n-left)
}

// longestUnit is the width of the widest piece of s that Wrap keeps on
// one line: a run between two break opportunities of UAX #14 that kinsoku
// does not veto (率（%）, 人、, a number such as 37.22%).
func longestUnit(s string) int {
	best, start := 0, 0
	seg, rest, must, state := segment(s, -1)
	for seg != "" {
		end := len(s) - len(rest)
		next, nrest, nmust, nstate := segment(rest, state)
		if must || next == "" || breakAllowed(seg, next) {
			best = max(best, Width(strings.TrimRight(s[start:end], " \n")))
			start = end
		}
		seg, rest, must, state = next, nrest, nmust, nstate
	}
	return best
}

// cellClass is what a body cell holds, for alignment.
type cellClass int8

const (
	emptyCell       cellClass = iota // no text, or a merged cell
	placeholderCell                  // no value: ——, -, /, 无
	numberCell                       // cellnum.IsNumeric: right-aligned
	labelCell                        // anything else: left-aligned
)

func (c cellClass) String() string {
	return [...]string{"empty", "placeholder", "number", "label"}[c]
}

// classifyLines classifies a body cell from its source lines as cellLines
// gives them (cleaned, trimmed, none empty): a placeholder or a number as
// its lines joined are, and also a number when each of its lines is one
// (950 over 1350: two values in one cell).
func classifyLines(lines []string) cellClass {
	var txt string
	switch len(lines) {
	case 0:
		return emptyCell
	case 1:
		txt = lines[0]
	default:
		txt = joinLines(lines)
	}
	switch {
	case txt == "":
		return emptyCell
	case cellnum.IsPlaceholder(txt):
		return placeholderCell
	case cellnum.IsNumeric(txt):
		return numberCell
	}
	if len(lines) > 1 {
		for _, s := range lines {
			if !cellnum.IsNumeric(s) {
				return labelCell
			}
		}
		return numberCell
	}
	return labelCell
}

// Box draws a 专栏 box: title in the top border (or, when it does not fit,
// on its own lines under it), then body, one line per entry, between
// vertical rules. The box is width cells wide; body lines should be laid out
// for BoxInner(width) cells and are cut (never a wide character split) or
// padded to it. width <= 0 sizes the box to its content.
func Box(title string, body []string, width int) []string {
	title = strings.TrimSpace(Clean(title))
	inner := width - 4
	if width <= 0 {
		inner = Width(title) + 2
		for _, b := range body {
			inner = max(inner, Width(Sanitize(b)))
		}
	}
	inner = max(inner, 1)
	width = inner + 4
	out := make([]string, 0, len(body)+3)
	tw := Width(title)
	var titleLines []string
	switch {
	case title == "":
		out = append(out, g.tl+strings.Repeat(g.h, width-2)+g.tr)
	case tw+6 <= width:
		out = append(out, g.tl+g.h+" "+title+" "+strings.Repeat(g.h, width-tw-5)+g.tr)
	default:
		out = append(out, g.tl+strings.Repeat(g.h, width-2)+g.tr)
		titleLines = Wrap(title, inner, "")
	}
	for _, t := range titleLines {
		out = append(out, g.v+" "+Fit(t, inner)+" "+g.v)
	}
	if len(titleLines) > 0 && len(body) > 0 {
		out = append(out, g.ml+strings.Repeat(g.h, width-2)+g.mr)
	}
	for _, b := range body {
		out = append(out, g.v+" "+Fit(strings.ReplaceAll(Sanitize(b), "\t", " "), inner)+" "+g.v)
	}
	return append(out, g.bl+strings.Repeat(g.h, width-2)+g.br)
}

// BoxInner is the width available to a box's body lines in a box width
// cells wide.
func BoxInner(width int) int { return max(width-4, 1) }

// Block lays out one block for lines of at most width cells (0: no limit):
// a paragraph wrapped with ParagraphIndent, a list item wrapped, a table
// drawn with Table (scroll offset 0), a 专栏 box drawn with Box around its
// children (separated by blank lines).
func Block(b *model.Block, width int) []string {
	switch b.Kind {
	case model.TableBlock:
		return Table(b.Table, TableOptions{Width: width})
	case model.BoxBlock:
		inner := 0
		if width > 0 {
			inner = BoxInner(width)
		}
		var body []string
		for i := range b.Children {
			if i > 0 {
				body = append(body, "")
			}
			body = append(body, Block(&b.Children[i], inner)...)
		}
		return Box(b.Text, body, width)
	case model.ListItem:
		return Wrap(b.Text, width, "")
	}
	return Wrap(b.Text, width, ParagraphIndent)
}
