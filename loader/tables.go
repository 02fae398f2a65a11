package loader

// The tables stage: the three layouts conversions leave behind.
//
//	(a) Word: one cell per line, each led by a tab; a line with no tab
//	    continues the cell above (a wrapped cell); a blank line ends a row.
//	(b) PDF: one row per line, cells separated by tabs (three or more).
//	(c) web: every cell its own short paragraph. Rows are found by their
//	    serial numbers (1, 2, 3 … in order) or, with none, by the shape of
//	    each row: label cells, then value cells, then (when every row has one)
//	    a closing text cell such as 完成/预期性. The column count is the
//	    widest row width that occurs more than once, or the first row's; the header cells are
//	    fitted over the columns (one or two header rows) so that headers
//	    naming years or values stand over columns of numbers.
//
// The first row of (a) and (b) is a header; further rows are header rows
// while they hold no number and two or more cells. A single-cell first row
// is the caption. A short line before the table naming it (表2 …, …统计表,
// …主要指标, …情况) is the caption; 注：/备注：/说明： lines after it are
// Notes. Missing cells are padded with empty cells so columns stay aligned;
// merged cells stay empty. Cell text is kept as written.

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"planview/model"
)

// isCaptionLike reports a line that names a table.
func isCaptionLike(s string) bool {
	if s == "" || runeLen(s) > 60 {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(s)
	switch r {
	case '。', '；', '：', ';', ':', '，', ',':
		return false
	}
	if strings.HasPrefix(s, "表") || strings.HasPrefix(s, "附") {
		return true
	}
	for _, w := range []string{"表", "指标", "指標", "情况", "情況", "统计", "統計", "一览", "一覽", "清单", "清單"} {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

// isUnitLine reports the line that gives a table's units (单位：万元,
// （单位：张、%）), printed between its caption and the table.
func isUnitLine(s string) bool {
	s = strings.TrimLeft(trimSpaceLeft(s), "（(")
	if !strings.HasPrefix(s, "单位") && !strings.HasPrefix(s, "單位") {
		return false
	}
	s = trimSpaceRight(s)
	for _, p := range []string{"单位：", "单位:", "單位：", "單位:"} {
		if strings.HasPrefix(s, p) && len(s) > len(p) {
			return runeLen(s) <= 30
		}
	}
	return false
}

// isNoteLine reports a note printed under a table.
func isNoteLine(s string) bool {
	for _, p := range []string{"注：", "注:", "备注", "備註", "说明：", "說明：", "注 "} {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

// isNumericCell reports a cell holding a number, a percentage, a value with
// a unit, or a placeholder for none (——, --, /).
func isNumericCell(s string) bool {
	s = trimSpace(s)
	if s == "" {
		return false
	}
	switch strings.Trim(s, "—-－/／ ") {
	case "":
		return true
	}
	digits := 0
	i := 0
	for i < len(s) {
		r, w := utf8.DecodeRuneInString(s[i:])
		switch {
		case r >= '0' && r <= '9':
			digits++
		case strings.ContainsRune(".,%‰≥≤＞＜<>~约±+ ", r):
		case digits > 0 && strings.ContainsRune("年个張张元人万萬亿億次户戶座亩畝平方米²m", r):
		default:
			return false
		}
		i += w
	}
	return digits > 0
}

// isSerial reports a cell that is exactly the integer k.
func isSerial(s string, k int) bool { return s == strconv.Itoa(k) }

// cellSlab hands out the one-line Lines of cells from shared chunks: one
// allocation per chunk rather than one per cell. Each slice has its
// capacity cut to its length, so appending a wrapped line copies it out.
// One slab serves all the tables of a plan; it keeps its chunks so that
// compactText can reach every string in them, those of cells a table
// dropped included.
type cellSlab struct {
	chunks [][]string
}

func (s *cellSlab) one(t string) []string {
	n := len(s.chunks)
	if n == 0 || len(s.chunks[n-1]) == cap(s.chunks[n-1]) {
		size := 16
		if n > 0 {
			size = min(2*cap(s.chunks[n-1]), 512)
		}
		s.chunks = append(s.chunks, make([]string, 0, size))
		n++
	}
	c := &s.chunks[n-1]
	*c = append(*c, t)
	k := len(*c)
	return (*c)[k-1 : k : k]
}

// appendLine appends s to the lines of a cell. Lines from a slab have no
// room: they move to a slice of their own, and the slab's slot is cleared,
// so that no stale copy keeps the file's text alive (see compactText).
func appendLine(lines []string, s string) []string {
	if len(lines) > 0 && len(lines) == cap(lines) {
		grown := make([]string, len(lines), 2*len(lines)+1)
		copy(grown, lines)
		clear(lines)
		lines = grown
	}
	return append(lines, s)
}

// cell makes a cell from one line of text.
func (s *cellSlab) cell(text string, line int) model.Cell {
	t := trimSpace(text)
	if t == "" {
		return model.Cell{Line: line}
	}
	return model.Cell{Lines: s.one(t), Line: line}
}

// appendTabCells appends the cells of the tab-separated fields of t.
func (s *cellSlab) appendTabCells(cells []model.Cell, t string, line int) []model.Cell {
	for {
		f, rest, more := strings.Cut(t, "\t")
		cells = append(cells, s.cell(f, line))
		if !more {
			return cells
		}
		t = rest
	}
}

// tabTable tries layouts (a) and (b) at lines[i]. It returns the table and
// the index of the first line after it.
func tabTable(lines []Line, i int, sl *cellSlab) (*model.Table, int, bool) {
	first := lines[i].Text
	if strings.HasPrefix(first, "\t") && strings.Count(strings.TrimLeft(first, "\t"), "\t") == 0 {
		return wordTable(lines, i, sl)
	}
	if strings.Count(first, "\t") >= 2 { // three cells or more
		return pdfTable(lines, i, sl)
	}
	return nil, i, false
}

// wordTable reads layout (a).
func wordTable(lines []Line, i int, sl *cellSlab) (*model.Table, int, bool) {
	var rows []model.Row
	k := i
	end := i
	for k < len(lines) {
		j := k
		for j < len(lines) && isRowBreak(lines[j].Text) {
			j++
		}
		if j >= len(lines) || !strings.HasPrefix(lines[j].Text, "\t") || j-k > 2 {
			break
		}
		if isBoxStart(trimSpace(lines[j].Text)) {
			break
		}
		row := model.Row{Line: lines[j].N}
		if len(rows) > 0 { // rows are mostly as wide as the one above
			row.Cells = make([]model.Cell, 0, len(rows[len(rows)-1].Cells))
		}
		for j < len(lines) && !isRowBreak(lines[j].Text) {
			t := lines[j].Text
			if strings.HasPrefix(t, "\t") {
				row.Cells = sl.appendTabCells(row.Cells, t[1:], lines[j].N)
			} else if len(row.Cells) > 0 {
				c := &row.Cells[len(row.Cells)-1]
				if tt := trimSpace(t); tt != "" {
					if c.Line == 0 || len(c.Lines) == 0 {
						c.Line = lines[j].N
					}
					c.Lines = appendLine(c.Lines, tt)
				}
			}
			j++
		}
		rows = append(rows, row)
		k = j
		end = j
	}
	wide := 0
	for _, r := range rows {
		if nonEmpty(r) >= 2 {
			wide++
		}
	}
	if wide < 2 {
		return nil, i, false
	}
	return finishGrid(rows), end, true
}

// isRowBreak reports the blank line that ends a row of layout (a); a line
// of a lone tab is an empty cell, not a break.
func isRowBreak(s string) bool {
	return isBlankText(s) && !strings.HasPrefix(s, "\t")
}

// pdfTable reads layout (b).
func pdfTable(lines []Line, i int, sl *cellSlab) (*model.Table, int, bool) {
	var rows []model.Row
	k, end := i, i
	for k < len(lines) {
		j := k
		for j < len(lines) && isBlankText(lines[j].Text) {
			j++
		}
		if j >= len(lines) || j-k > 2 || strings.Count(lines[j].Text, "\t") < 2 {
			break
		}
		row := model.Row{Line: lines[j].N}
		row.Cells = sl.appendTabCells(row.Cells, lines[j].Text, lines[j].N)
		rows = append(rows, row)
		k, end = j+1, j+1
	}
	if len(rows) < 2 {
		return nil, i, false
	}
	return finishGrid(rows), end, true
}

func nonEmpty(r model.Row) int {
	n := 0
	for _, c := range r.Cells {
		if len(c.Lines) > 0 {
			n++
		}
	}
	return n
}

func hasNumeric(r model.Row) bool {
	for _, c := range r.Cells {
		if isNumericCell(c.Text()) {
			return true
		}
	}
	return false
}

// finishGrid splits caption, header, body and notes of a tab table and pads
// rows to the column count.
func finishGrid(rows []model.Row) *model.Table { return finishGridHeader(rows, 0) }

// finishGridHeader is finishGrid with the number of header rows known
// (header > 0), or inferred (0).
func finishGridHeader(rows []model.Row, header int) *model.Table {
	t := &model.Table{Line: rows[0].Line}
	// Trailing notes.
	for len(rows) > 0 {
		r := rows[len(rows)-1]
		if nonEmpty(r) == 1 && isNoteLine(firstText(r)) {
			t.Notes = append([]string{firstText(r)}, t.Notes...)
			rows = rows[:len(rows)-1]
			continue
		}
		break
	}
	// A single-cell first row names the table.
	if len(rows) > 1 && nonEmpty(rows[0]) == 1 && nonEmpty(rows[1]) >= 2 && isCaptionLike(firstText(rows[0])) {
		t.Caption = normLabel(firstText(rows[0]))
		rows = rows[1:]
	}
	h := 1
	for h < len(rows) && h < 3 && !hasNumeric(rows[h]) && nonEmpty(rows[h]) >= 2 {
		h++
	}
	if h >= len(rows) {
		h = 1
	}
	if header > 0 && header < len(rows) {
		h = header
	}
	t.Header = rows[:h]
	t.Rows = rows[h:]
	alignHeaderGap(t)
	pad(t)
	closeUnits(t)
	return t
}

// closeUnits restores the bracket a web export drops after a unit at the
// end of a cell: 城鄉低保標準年度增速(% → 城鄉低保標準年度增速(%). A cell
// qualifies when its text (all its lines joined) ends in an opening bracket
// followed by at most unitMaxRunes characters with no bracket and no digit
// in them; the matching closing bracket goes at the end of its last line.
func closeUnits(t *model.Table) {
	for _, rows := range [][]model.Row{t.Header, t.Rows} {
		for i := range rows {
			for j := range rows[i].Cells {
				c := &rows[i].Cells[j]
				if len(c.Lines) == 0 {
					continue
				}
				if closing := unclosedUnit(c.Text()); closing != "" {
					c.Lines[len(c.Lines)-1] += closing
				}
			}
		}
	}
}

// unitMaxRunes is the longest unit closeUnits completes: 元/人、月 is six.
const unitMaxRunes = 6

// unclosedUnit returns the closing bracket s lacks at its end, or "".
func unclosedUnit(s string) string {
	// A bracket further back leaves more than unitMaxRunes after it: look
	// only at the last unitMaxRunes+1 characters.
	i := -1
	for n, j := 0, len(s); n <= unitMaxRunes && j > 0; n++ {
		r, w := utf8.DecodeLastRuneInString(s[:j])
		j -= w
		if r == '(' || r == '（' {
			i = j
			break
		}
	}
	if i < 0 {
		return ""
	}
	open, size := utf8.DecodeRuneInString(s[i:])
	tail := s[i+size:]
	if tail == "" || utf8.RuneCountInString(tail) > unitMaxRunes || strings.ContainsAny(tail, "()（）0123456789 \t") {
		return ""
	}
	if open == '(' {
		return ")"
	}
	return "）"
}

// alignHeaderGap drops an empty header cell that shifts the header one
// column right of the body: a header cell merged over two columns in the
// original leaves an interior empty cell (non-empty cells on both sides)
// that no other header row fills, while no body row uses the last column.
// The column goes from the header and the unused last column from the body,
// so that each header stands over its values.
func alignHeaderGap(t *model.Table) {
	n := t.Columns()
	if len(t.Rows) == 0 || n < 3 {
		return
	}
	for _, r := range t.Rows {
		if len(r.Cells) == n && len(r.Cells[n-1].Lines) > 0 {
			return // the body uses the last column
		}
	}
	gap, gapRow := -1, -1
	for hi, r := range t.Header {
		if len(r.Cells) != n {
			continue
		}
		for c := 1; c < n-1; c++ {
			if len(r.Cells[c].Lines) > 0 {
				continue
			}
			left, right := false, false
			for _, x := range r.Cells[:c] {
				left = left || len(x.Lines) > 0
			}
			for _, x := range r.Cells[c+1:] {
				right = right || len(x.Lines) > 0
			}
			if !left || !right {
				continue
			}
			if gap >= 0 {
				return // more than one gap: which one is merged is unclear
			}
			gap, gapRow = c, hi
		}
	}
	if gap < 0 {
		return
	}
	for hi, r := range t.Header {
		if hi != gapRow && gap < len(r.Cells) && len(r.Cells[gap].Lines) > 0 {
			return // another header row fills the column
		}
	}
	for hi := range t.Header {
		if cs := t.Header[hi].Cells; gap < len(cs) {
			t.Header[hi].Cells = append(cs[:gap:gap], cs[gap+1:]...)
		}
	}
	for i := range t.Rows {
		if cs := t.Rows[i].Cells; len(cs) == n {
			t.Rows[i].Cells = cs[:n-1]
		}
	}
}

func firstText(r model.Row) string {
	for _, c := range r.Cells {
		if len(c.Lines) > 0 {
			return c.Text()
		}
	}
	return ""
}

// pad gives every row the table's column count.
func pad(t *model.Table) {
	n := t.Columns()
	fix := func(rs []model.Row) {
		for i := range rs {
			for len(rs[i].Cells) < n {
				rs[i].Cells = append(rs[i].Cells, model.Cell{Line: rs[i].Line})
			}
		}
	}
	fix(t.Header)
	fix(t.Rows)
}

// webCell is one paragraph of a layout (c) table.
type webCell struct {
	text string
	n    int
}

// Limits of layout (c).
const (
	webMaxCell  = 40 // characters in one cell paragraph
	webMinCells = 10
	webMinNums  = 4
)

// isWebCellLine reports a line that could be a cell of layout (c).
func isWebCellLine(t string) bool {
	if t == "" || len(t) > 4*webMaxCell || runeLen(t) > webMaxCell || isBoxStart(t) || isTOCLine(t) {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(t)
	if r == '。' || r == '；' || r == ';' {
		return false
	}
	if _, ok := parseNumber(t); ok {
		return false
	}
	return !isDashItem(t)
}

// webRun collects the run of cell-like paragraphs at lines[i]: each a short
// line, one blank line at most between them.
//
// The cells are appended to buf[:0] (working space the caller reuses).
func webRun(lines []Line, i int, buf []webCell) ([]webCell, int) {
	cells := buf[:0]
	k, end := i, i
	for k < len(lines) {
		j := k
		for j < len(lines) && isBlankText(lines[j].Text) {
			j++
		}
		if j >= len(lines) || j-k > 1 || (len(cells) == 0 && j != k) {
			break
		}
		raw := lines[j].Text
		if strings.IndexByte(raw, '\t') >= 0 {
			break
		}
		t := trimSpace(raw)
		if !isWebCellLine(t) {
			break
		}
		cells = append(cells, webCell{t, lines[j].N})
		k, end = j+1, j+1
	}
	return cells, end
}

// webTable builds a layout (c) table from a run of cells, or reports that
// the run is no table.
func webTable(cells []webCell, sl *cellSlab) (*model.Table, bool) {
	if len(cells) < webMinCells {
		return nil, false
	}
	nums := 0
	for _, c := range cells {
		if isNumericCell(c.text) {
			nums++
		}
	}
	if len(cells) < webMinCells || nums < webMinNums {
		return nil, false
	}
	t := &model.Table{Line: cells[0].n}
	if isCaptionLike(cells[0].text) && !isNumericCell(cells[0].text) && runeLen(cells[0].text) >= 8 {
		t.Caption = normLabel(cells[0].text)
		cells = cells[1:]
	}
	header, rows := webRowsBySerial(cells)
	if rows == nil {
		header, rows = webRowsByShape(cells)
	}
	if len(rows) < 2 {
		return nil, false
	}
	ncols := max(modalWidth(rows), len(rows[0]))
	body := make([]model.Row, 0, len(rows))
	for _, r := range rows {
		body = append(body, fitRow(sl, r, ncols, body))
	}
	t.Rows = body
	t.Header = fitHeader(mergeHeader(sl, header), ncols, body)
	pad(t)
	closeUnits(t)
	return t, true
}

// webRowsBySerial splits rows at serial numbers 1, 2, 3 … in order.
func webRowsBySerial(cells []webCell) ([]webCell, [][]webCell) {
	find := func(k, from int) int {
		for i := from; i < len(cells); i++ {
			if isSerial(cells[i].text, k) {
				return i
			}
		}
		return -1
	}
	p := find(1, 0)
	if p < 0 {
		return nil, nil
	}
	starts := []int{p}
	for k := 2; ; k++ {
		prev := starts[len(starts)-1]
		f := find(k, prev+2)
		if f < 0 {
			break
		}
		// A value cell can equal the next serial: take the last k before
		// the first k+1, unless that leaves row k too short.
		g := find(k+1, f+1)
		if g < 0 {
			g = len(cells)
		}
		best := f
		for c := f + 1; c < g; c++ {
			if isSerial(cells[c].text, k) && g-c >= 3 {
				best = c
			}
		}
		starts = append(starts, best)
	}
	if len(starts) < 3 {
		return nil, nil
	}
	rows := make([][]webCell, 0, len(starts))
	for i, s := range starts {
		e := len(cells)
		if i+1 < len(starts) {
			e = starts[i+1]
		}
		rows = append(rows, cells[s:e])
	}
	return cells[:p], rows
}

// webRowsByShape splits rows with no serials: label cells, value cells, and
// a closing text cell when every row has one. Years before the first row
// are header cells; the header ends after them (and the closing column's
// header, which follows theirs).
func webRowsByShape(cells []webCell) ([]webCell, [][]webCell) {
	// Runs of text (T) and number (N) cells.
	type run struct{ start, end int }
	var nruns []run
	for i := 0; i < len(cells); {
		if !isNumericCell(cells[i].text) {
			i++
			continue
		}
		j := i
		for j < len(cells) && isNumericCell(cells[j].text) {
			j++
		}
		nruns = append(nruns, run{i, j})
		i = j
	}
	if len(nruns) < 2 {
		return nil, nil
	}
	// Only value runs of two or more make rows; single numbers and runs of
	// years before the first such run belong to the header.
	allYears := func(r run) bool {
		for _, c := range cells[r.start:r.end] {
			if !isYear(c.text) {
				return false
			}
		}
		return true
	}
	first := 0
	hdrEnd := 0 // the end of the header, when years in it show where
	for first < len(nruns) && (nruns[first].end-nruns[first].start < 2 || allYears(nruns[first])) {
		if allYears(nruns[first]) {
			hdrEnd = nruns[first].end
			if hdrEnd < len(cells) && isHeaderLabel(cells[hdrEnd].text) {
				hdrEnd++
			}
		}
		first++
	}
	nruns = nruns[first:]
	if len(nruns) < 2 {
		return nil, nil
	}
	closing := true
	maxLabels := 1
	for i := 1; i < len(nruns); i++ {
		gap := nruns[i].start - nruns[i-1].end
		if gap < 2 {
			closing = false
		}
	}
	if nruns[len(nruns)-1].end >= len(cells) {
		closing = false
	}
	c := 0
	if closing {
		c = 1
	}
	for i := 1; i < len(nruns); i++ {
		maxLabels = max(maxLabels, nruns[i].start-nruns[i-1].end-c)
	}
	var rows [][]webCell
	var header []webCell
	for i, r := range nruns {
		lo := r.start - maxLabels
		if i > 0 {
			lo = max(lo, nruns[i-1].end+c)
		} else {
			lo = max(lo, 0)
			if hdrEnd > 0 {
				// The closing column's header follows the value headers.
				lo = min(hdrEnd+c, r.start-1)
			}
			header = cells[:lo]
		}
		hi := r.end + c
		if i+1 < len(nruns) && !closing {
			hi = r.end
		}
		if i == len(nruns)-1 {
			hi = len(cells)
		}
		rows = append(rows, cells[lo:hi])
	}
	return header, rows
}

// modalWidth is the widest row width that occurs more than once.
func modalWidth(rows [][]webCell) int {
	count := map[int]int{}
	w, widest := 0, 0
	for _, r := range rows {
		count[len(r)]++
		widest = max(widest, len(r))
	}
	for n, c := range count {
		if c > 1 && n > w {
			w = n
		}
	}
	if w == 0 {
		w = widest
	}
	return w
}

func (s *cellSlab) cellOf(c webCell) model.Cell { return model.Cell{Lines: s.one(c.text), Line: c.n} }

// fitRow lays a row of cells over ncols columns. A short row lost merged
// cells: they go before its first cell when that cell resembles the second
// column of the rows above (a sub-row: 城市/农村), else after it (a serial or
// a label spanning two columns). A long row folds its run of values into
// multi-line cells.
func fitRow(sl *cellSlab, r []webCell, ncols int, above []model.Row) model.Row {
	row := model.Row{Line: r[0].n}
	switch {
	case len(r) == ncols:
		for _, c := range r {
			row.Cells = append(row.Cells, sl.cellOf(c))
		}
	case len(r) < ncols:
		d := ncols - len(r)
		before := false
		if ref := lastFull(above); ref != nil && len(ref.Cells) > 1 {
			before = closer(r[0].text, ref.Cells[1].Text(), ref.Cells[0].Text())
		}
		if before {
			for k := 0; k < d; k++ {
				row.Cells = append(row.Cells, model.Cell{Line: r[0].n})
			}
			for _, c := range r {
				row.Cells = append(row.Cells, sl.cellOf(c))
			}
		} else {
			row.Cells = append(row.Cells, sl.cellOf(r[0]))
			for k := 0; k < d; k++ {
				row.Cells = append(row.Cells, model.Cell{Line: r[0].n})
			}
			for _, c := range r[1:] {
				row.Cells = append(row.Cells, sl.cellOf(c))
			}
		}
	default:
		extra := len(r) - ncols
		// The longest run of values.
		bs, be := 0, 0
		for i := 0; i < len(r); {
			if !isNumericCell(r[i].text) || isSerial(r[i].text, 0) {
				i++
				continue
			}
			j := i
			for j < len(r) && isNumericCell(r[j].text) {
				j++
			}
			if j-i > be-bs {
				bs, be = i, j
			}
			i = j
		}
		n := be - bs
		if k := n - extra; k > 0 && n%k == 0 && bs > 0 {
			per := n / k
			for _, c := range r[:bs] {
				row.Cells = append(row.Cells, sl.cellOf(c))
			}
			for i := bs; i < be; i += per {
				c := model.Cell{Line: r[i].n}
				for _, x := range r[i : i+per] {
					c.Lines = append(c.Lines, x.text)
				}
				row.Cells = append(row.Cells, c)
			}
			for _, c := range r[be:] {
				row.Cells = append(row.Cells, sl.cellOf(c))
			}
		} else {
			for _, c := range r {
				row.Cells = append(row.Cells, sl.cellOf(c))
			}
		}
	}
	return row
}

// lastFull returns the last row above whose first cell is not empty.
func lastFull(rows []model.Row) *model.Row {
	for i := len(rows) - 1; i >= 0; i-- {
		if len(rows[i].Cells) > 0 && len(rows[i].Cells[0].Lines) > 0 {
			return &rows[i]
		}
	}
	return nil
}

// closer reports whether s resembles a more than b: same kind (number or
// text) first, then nearer in length.
func closer(s, a, b string) bool {
	ns := isNumericCell(s)
	if (isNumericCell(a) == ns) != (isNumericCell(b) == ns) {
		return isNumericCell(a) == ns
	}
	d := func(x string) int {
		v := runeLen(x) - runeLen(s)
		if v < 0 {
			return -v
		}
		return v
	}
	return d(a) < d(b)
}

// mergeHeader joins a bare year cell and the short label under it
// ("2020" + "目标值") into one wrapped header cell.
func mergeHeader(sl *cellSlab, h []webCell) []model.Cell {
	var out []model.Cell
	for i := 0; i < len(h); i++ {
		c := sl.cellOf(h[i])
		if i+1 < len(h) && isYear(h[i].text) && isHeaderLabel(h[i+1].text) {
			c.Lines = appendLine(c.Lines, h[i+1].text)
			i++
		}
		out = append(out, c)
	}
	return out
}

// isHeaderLabel reports a short text that can stand under a year in a
// header cell (目标值, 完成值).
func isHeaderLabel(s string) bool { return !isNumericCell(s) && runeLen(s) <= 4 }

func isYear(s string) bool {
	if len(s) != 4 {
		return false
	}
	v, err := strconv.Atoi(s)
	return err == nil && v >= 1949 && v <= 2100
}

// fitHeader lays header cells over ncols columns in one or two rows: the
// first row's first cell spans the columns left over and the second row's
// cells stand under it, right-aligned. The split chosen is the one where
// headers with digits (years, 目标值 2025) stand over number columns and the
// others over text columns; ties go to fewer rows.
func fitHeader(h []model.Cell, ncols int, body []model.Row) []model.Row {
	if len(h) == 0 {
		return nil
	}
	numCol := make([]bool, ncols)
	for c := 0; c < ncols; c++ {
		nums, texts := 0, 0
		for _, r := range body {
			if c < len(r.Cells) && len(r.Cells[c].Lines) > 0 {
				if isNumericCell(r.Cells[c].Lines[0]) {
					nums++
				} else {
					texts++
				}
			}
		}
		numCol[c] = nums > texts
	}
	hasDigit := func(c model.Cell) bool { return strings.ContainsAny(c.Text(), "0123456789") }
	score := func(c model.Cell, col int) int {
		if hasDigit(c) == numCol[col] {
			return 1
		}
		return -1
	}
	best, bestR1 := -1<<30, len(h)
	for r1 := min(len(h), ncols); r1 >= 1; r1-- {
		span := ncols - r1 + 1
		r2 := len(h) - r1
		if r2 > span || (r2 > 0 && span < 2) {
			continue
		}
		s := 0
		for i := 1; i < r1; i++ {
			s += score(h[i], span+i-1)
		}
		for i := 0; i < r2; i++ {
			s += score(h[r1+i], span-r2+i)
		}
		if s > best {
			best, bestR1 = s, r1
		}
	}
	r1 := bestR1
	if r1 > ncols {
		r1 = ncols
	}
	span := ncols - r1 + 1
	line := h[0].Line
	row1 := model.Row{Line: line, Cells: make([]model.Cell, ncols)}
	row1.Cells[0] = h[0]
	for i := 1; i < r1 && span+i-1 < ncols; i++ {
		row1.Cells[span+i-1] = h[i]
	}
	for i := range row1.Cells {
		if row1.Cells[i].Line == 0 {
			row1.Cells[i].Line = line
		}
	}
	rows := []model.Row{row1}
	if r2 := len(h) - r1; r2 > 0 {
		row2 := model.Row{Line: h[r1].Line, Cells: make([]model.Cell, ncols)}
		for i := 0; i < r2 && span-r2+i >= 0; i++ {
			row2.Cells[span-r2+i] = h[r1+i]
		}
		for i := range row2.Cells {
			if row2.Cells[i].Line == 0 {
				row2.Cells[i].Line = row2.Line
			}
		}
		rows = append(rows, row2)
	}
	return rows
}

// markdownTable reads a table of a Markdown export at lines[i]: a header
// row framed by '|', a rule line (|---|:--:|), then the body rows, one
// framed line each. The rule line fixes the header, so a table of two
// columns is read too. It returns the table and the index of the first
// line after it.
func markdownTable(lines []Line, i int, sl *cellSlab) (*model.Table, int, bool) {
	if i+2 >= len(lines) || !isFramedRow(lines[i].Text) || !isRuleRow(lines[i+1].Text) || !isFramedRow(lines[i+2].Text) {
		return nil, i, false
	}
	var rows []model.Row
	j := i
	for ; j < len(lines) && isFramedRow(lines[j].Text); j++ {
		if j == i+1 {
			continue
		}
		row := model.Row{Line: lines[j].N}
		for _, f := range framedCells(lines[j].Text) {
			row.Cells = append(row.Cells, sl.cell(f, lines[j].N))
		}
		rows = append(rows, row)
	}
	return finishGridHeader(rows, 1), j, true
}

// isFramedRow reports a line that starts and ends with '|' (indentation and
// trailing spaces aside) and has at least one more inside.
func isFramedRow(t string) bool {
	t = trimSpace(t)
	return len(t) >= 3 && t[0] == '|' && t[len(t)-1] == '|' && strings.Count(t, "|") >= 3
}

// isRuleRow reports a Markdown table rule line: |---|:---:|---|.
func isRuleRow(t string) bool {
	cells := framedCells(t)
	for _, c := range cells {
		c = strings.Trim(c, ":")
		if len(c) < 3 || strings.Trim(c, "-") != "" {
			return false
		}
	}
	return len(cells) > 0
}

// framedCells returns the trimmed cells of a framed row.
func framedCells(t string) []string {
	t = trimSpace(t)
	t = strings.TrimSuffix(strings.TrimPrefix(t, "|"), "|")
	cells := strings.Split(t, "|")
	for i, c := range cells {
		cells[i] = strings.TrimSpace(c)
	}
	return cells
}
