package loader

// The tables stage, layout (c): a table of a web export, every cell its own
// short paragraph. Rows are found by their serial numbers (1, 2, 3 … in
// order) or, with none, by the shape of each row: label cells, then value
// cells, then (when every row has one) a closing text cell such as
// 完成/预期性. The column count is the widest row width that occurs more
// than once, or the first row's; the header cells are fitted over the
// columns (one or two header rows) so that headers naming years or values
// stand over columns of numbers.

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"planview/loader/internal/bytescan"
	"planview/model"
)

// webCell is one paragraph of a layout (c) table.
type webCell struct {
	text string
	n    int
}

// isWebCellLine reports a line that could be a cell of layout (c).
func isWebCellLine(t string) bool {
	// A character takes at most four bytes: a longer line need not be
	// counted.
	if t == "" || len(t) > utf8.UTFMax*webMaxCell || bytescan.RuneLen(t) > webMaxCell || isBoxStart(t) || isTOCLine(t) {
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
		if j >= len(lines) || j-k > webMaxGap || (len(cells) == 0 && j != k) {
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
	if isCaptionLike(cells[0].text) && !isNumericCell(cells[0].text) && bytescan.RuneLen(cells[0].text) >= webCaptionMinRunes {
		t.Caption = normLabel(cells[0].text)
		cells = cells[1:]
	}
	header, rows := webRowsBySerial(cells)
	if rows == nil {
		header, rows = webRowsByShape(cells)
	}
	if len(rows) < tableMinRows {
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
			if isSerial(cells[c].text, k) && g-c >= webSerialMinCells {
				best = c
			}
		}
		starts = append(starts, best)
	}
	if len(starts) < webMinSerialRows {
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
		v := bytescan.RuneLen(x) - bytescan.RuneLen(s)
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
func isHeaderLabel(s string) bool {
	return !isNumericCell(s) && bytescan.RuneLen(s) <= headerLabelMaxRunes
}

func isYear(s string) bool {
	if len(s) != len("2025") {
		return false
	}
	v, err := strconv.Atoi(s)
	return err == nil && v >= yearMin && v <= yearMax
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
