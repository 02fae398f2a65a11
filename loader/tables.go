package loader

// The tables stage: readers of the layouts conversions leave behind. The
// rule table (rules.go) decides where a table starts and calls them; each
// returns the table and the line after it, or reports no table.
//
//	(a) Word: one cell per line, each led by a tab; a line with no tab
//	    continues the cell above (a wrapped cell); a blank line ends a row
//	    (wordTable).
//	(b) PDF: one row per line, cells separated by tabs (three or more)
//	    (pdfTable).
//	(c) web: every cell its own short paragraph (webTable, in
//	    tables_web.go).
//	(d) Markdown: rows framed by '|' under a |---| rule line
//	    (markdownTable).
//
// The first row of (a) and (b) is a header; further rows are header rows
// while they hold no number and two or more cells. A single-cell first row
// is the caption (a caption line above the table, a unit line and notes
// below are the rule table's: scanner.table). Missing cells are padded with
// empty cells so columns stay aligned; merged cells stay empty. Cell text
// is kept as written.

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"planview/model"
)

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

// isWordTableStart reports a line that may start a table of layout (a):
// led by a tab, with no tab after its leading ones ("\t序号").
func isWordTableStart(first string) bool {
	return strings.HasPrefix(first, "\t") && strings.Count(strings.TrimLeft(first, "\t"), "\t") == 0
}

// isPDFTableStart reports a line that may start a table of layout (b): at
// least pdfMinTabs tabs, not between leading tabs only ("1\t城乡低保\t600").
func isPDFTableStart(first string) bool {
	return !isWordTableStart(first) && strings.Count(first, "\t") >= pdfMinTabs
}

// wordTable reads layout (a) at lines[i]. It returns the table and the
// index of the first line after it.
func wordTable(lines []Line, i int, sl *cellSlab) (*model.Table, int, bool) {
	var rows []model.Row
	k := i
	end := i
	for k < len(lines) {
		j := k
		for j < len(lines) && isRowBreak(lines[j].Text) {
			j++
		}
		if j >= len(lines) || !strings.HasPrefix(lines[j].Text, "\t") || j-k > tableMaxRowGap {
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
	if wide < tableMinRows {
		return nil, i, false
	}
	return finishGrid(rows), end, true
}

// isRowBreak reports the blank line that ends a row of layout (a); a line
// of a lone tab is an empty cell, not a break.
func isRowBreak(s string) bool {
	return isBlankText(s) && !strings.HasPrefix(s, "\t")
}

// pdfTable reads layout (b) at lines[i], as wordTable.
func pdfTable(lines []Line, i int, sl *cellSlab) (*model.Table, int, bool) {
	var rows []model.Row
	k, end := i, i
	for k < len(lines) {
		j := k
		for j < len(lines) && isBlankText(lines[j].Text) {
			j++
		}
		if j >= len(lines) || j-k > tableMaxRowGap || strings.Count(lines[j].Text, "\t") < pdfMinTabs {
			break
		}
		row := model.Row{Line: lines[j].N}
		row.Cells = sl.appendTabCells(row.Cells, lines[j].Text, lines[j].N)
		rows = append(rows, row)
		k, end = j+1, j+1
	}
	if len(rows) < tableMinRows {
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
	for h < len(rows) && h < maxHeaderRows && !hasNumeric(rows[h]) && nonEmpty(rows[h]) >= 2 {
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
		if len(c) < markdownRuleMinDashes || strings.Trim(c, "-") != "" {
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
