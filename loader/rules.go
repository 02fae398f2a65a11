package loader

// The rule table: what each line of a plan is. scan walks the cleaned lines
// once; at each line it asks the rules of the table below, in order, and
// the first that takes the line decides what it is: a gap, a table (with
// the lines after it), a 专栏 box title, a heading, a list item, the rest
// of the unit above, or a paragraph. A rule recognises; the readers it
// calls (tables.go, outline.go, blocks.go) do the work.
//
// To teach the loader a new layout, add a rule here: a small type with a
// match method, its example lines in its doc comment, placed in the table
// where it must win over the rules after it. Then add its examples and near
// misses to TestRules (rules_test.go), and name any threshold it needs in
// limits.go.

import (
	"strings"
	"unicode/utf8"

	"planview/loader/internal/bytescan"
	"planview/model"
)

// A rule is one way the lines at a point of the text become units. match
// looks at the scanner's current line (and those after it, and the units
// made so far); when they are its kind it makes its unit, and returns how
// many lines it took (at least one). Otherwise it returns 0 and makes no
// unit (it may remember what it learnt: cellPerParagraph, where no table
// starts).
type rule interface {
	match(s *scanner) int
}

// rules is the rule table, in priority order: scan gives each line to the
// first rule that takes it. Rules that never take the same line (a blank
// line, a row framed by '|', a tab-led cell) could stand in either order;
// where two can, the one above wins, and TestRules has a line for each
// such case (moving any rule below where it stands fails it):
//
//   - blank lines first: they only separate; the rules after count them
//     (a caption at most captionMaxBlanks above its table, a paragraph
//     joined across a page break, …);
//   - tables before the line rules: their cells are short lines, numbers
//     and numbered rows ("1", "\t24、其他\t\t\t") that the line rules would
//     make headings, list items or the continuation of the text above;
//   - a line of empty cells is no paragraph;
//   - a 专栏 title before the rest: it opens a box, whatever the line above
//     (a tab-led "\t专栏1 …" is not a table's first cell either);
//   - headings before numbered items: a numbered line is a heading when
//     classify says so or the document marks it one, else a list item; a
//     marked line with no number is a heading too;
//   - the units that start with a number or a mark (headings, items,
//     circled items) before continuations: such a line never continues the
//     text above it;
//   - a heading's wrapped title before continuation, which declines the
//     units whose title is still open;
//   - paragraph last: it takes any line.
var rules = []rule{
	&blankLine{},
	&markdownRows{},
	&tabPerCell{},
	&tabPerRow{},
	&cellPerParagraph{},
	&emptyCells{},
	&boxTitle{},
	&heading{},
	&markedHeading{},
	&numberedItem{},
	&circledItem{},
	&headingTitleTail{},
	&continuation{},
	&paragraph{},
}

// scanSpace is the working memory of scan, reused from plan to plan (see
// scratch).
type scanSpace struct {
	units []*unit
	slab  slab[unit]
	web   []webCell // a run of cell-like lines (webRun)
	// cells holds the cell texts of the plan being built: its chunks go
	// with the plan, so reset drops them rather than reusing them.
	cells cellSlab
	// narrow is set by clean when the lines hold no U+3000 (see
	// normTextIn); build alone, on lines from elsewhere, looks for it.
	narrow bool
	state  scanner // scan's, kept for its memory only
}

// scanner is scan's state: the line the rules look at and what they know
// of it, and the units made so far.
type scanner struct {
	lines []Line
	i     int // the line the rules look at
	sp    *scanSpace

	us     []*unit
	last   *unit // the latest unit, nil before the first
	blanks int   // blank lines since it
	front  bool  // before the first heading
	// noWebUntil: no run of cell paragraphs that starts before this line
	// makes a table (cellPerParagraph looked).
	noWebUntil int

	// Facts of line i, each worked out once, when a rule first asks.
	raw     string
	hasTab  bool
	norm    string // text(): the line normalised, tabs made spaces
	normSet bool
	num     headingMatch // number(): its heading number
	numOK   bool
	numSet  bool
}

// scan turns lines into units, by the rule table.
func scan(lines []Line, sp *scanSpace) []*unit {
	s := &sp.state
	*s = scanner{lines: lines, sp: sp, us: sp.units[:0], front: true}
	for s.i < len(lines) {
		// The facts of the line the rules look at (see text, number).
		s.raw = lines[s.i].Text
		s.hasTab = strings.IndexByte(s.raw, '\t') >= 0
		s.normSet, s.numSet = false, false
		for _, r := range rules {
			if n := r.match(s); n > 0 {
				s.i += n
				break
			}
		}
	}
	us := s.us
	*s = scanner{} // nothing kept alive
	return us
}

// text returns the current line normalised (normTextIn), tabs made spaces.
func (s *scanner) text() string {
	if s.normSet {
		return s.norm
	}
	return s.setText()
}

func (s *scanner) setText() string {
	t := s.raw
	if s.hasTab {
		t = strings.ReplaceAll(t, "\t", " ")
	}
	s.norm, s.normSet = normTextIn(t, s.sp.narrow), true
	return s.norm
}

// number returns the heading number the current line starts with, or nil.
func (s *scanner) number() *headingMatch {
	if !s.numSet {
		s.num, s.numOK = parseNumber(s.text())
		s.numSet = true
	}
	if !s.numOK {
		return nil
	}
	return &s.num
}

// emit adds a unit of the given kind holding the current line as text,
// and returns it for the rule to fill in.
func (s *scanner) emit(kind unitKind, text string) *unit {
	n := s.lines[s.i].N
	x := newUnit(&s.sp.slab, unit{kind: kind, line: n, blanks: s.blanks, bodyOff: -1}, piece{n, text, s.raw})
	s.blanks = 0
	s.us = append(s.us, x)
	s.last = x
	return x
}

// blankLine takes a line of padding with no tab ("", "　　"): a gap, which
// the units after it count (blanks).
type blankLine struct{}

func (*blankLine) match(s *scanner) int {
	if s.hasTab || !isBlankText(s.raw) {
		return 0
	}
	s.blanks++
	return 1
}

// markdownRows takes a table of a Markdown export: a framed header row,
// a rule line, framed body rows (markdownTable in tables.go):
//
//	| 序号 | 指标 | 2020年 |
//	|---|---|---|
//	| 1 | 每千名老年人养老床位数 | 35 |
//
// A line of '|' phrases with no rule line under it ("首页 | 新闻中心 |") is
// left to the rules after.
type markdownRows struct{}

func (*markdownRows) match(s *scanner) int {
	if t := trimSpaceLeft(s.raw); t == "" || t[0] != '|' {
		return 0
	}
	tb, end, ok := markdownTable(s.lines, s.i, &s.sp.cells)
	if !ok {
		return 0
	}
	return s.table(tb, end)
}

// tabPerCell takes a table of a Word export, one cell per tab-led line
// and a blank line between rows (layout a, wordTable); a line with no tab
// goes on with the cell above:
//
//	\t序号
//	\t项目
//	\t2020年目标值
//	\t2020年
//	实际值
//	\t完成情况
//	(blank)
//	\t1
//	\t每千名老年人拥有床位数（张）
//	\t35
//
// A tab-led 专栏 title ("\t专栏1 …") is a box, not a cell.
type tabPerCell struct{}

func (*tabPerCell) match(s *scanner) int {
	if !s.hasTab || !isWordTableStart(s.raw) || isBoxStart(trimSpace(s.raw)) {
		return 0
	}
	tb, end, ok := wordTable(s.lines, s.i, &s.sp.cells)
	if !ok {
		return 0
	}
	return s.table(tb, end)
}

// tabPerRow takes a table of a PDF export, one row per line with cells
// between tabs (layout b, pdfTable): "序号\t项目名称\t所在地\t项目业主\t建设
// 性质\t…", "1\t22、养老服务体系建设\t××市\t…". A line of two cells
// ("地址\t某路1号") is no row.
type tabPerRow struct{}

func (*tabPerRow) match(s *scanner) int {
	if !s.hasTab || !isPDFTableStart(s.raw) || isBoxStart(trimSpace(s.raw)) {
		return 0
	}
	tb, end, ok := pdfTable(s.lines, s.i, &s.sp.cells)
	if !ok {
		return 0
	}
	return s.table(tb, end)
}

// cellPerParagraph takes a table of a web export, every cell a short
// paragraph of its own (layout c, webTable): "主要指標", "2015", "2020",
// "目標值", "2020", "完成值", "完成情況", "最低生活保障平均標準(元/月)", … — at
// least webMinCells cells, webMinNums of them numbers. Short lines with too few numbers (a notice's addressees
// and date) are left to the rules after, and so is every start inside the
// same run of short lines.
type cellPerParagraph struct{}

func (*cellPerParagraph) match(s *scanner) int {
	if s.hasTab || s.i < s.noWebUntil {
		return 0
	}
	cells, end := webRun(s.lines, s.i, s.sp.web)
	s.sp.web = cells
	tb, ok := webTable(cells, &s.sp.cells)
	if !ok {
		s.noWebUntil = end
		return 0
	}
	return s.table(tb, end)
}

// emptyCells takes a line the table rules left that is only tabs and
// padding ("\t", "\t\t"): an empty cell of a table that did not form, not
// a gap between paragraphs.
type emptyCells struct{}

func (*emptyCells) match(s *scanner) int {
	if s.text() != "" {
		return 0
	}
	if !s.hasTab {
		s.blanks++
	}
	return 1
}

// boxTitle takes the title line of a 专栏 box ("专栏1：儿童福利机构提档升级建设
// 工程", "專欄3 兒童福利機構能力提升工程"); the lines under it become the box's
// content (build).
type boxTitle struct{}

func (*boxTitle) match(s *scanner) int {
	if !isBoxStart(s.text()) {
		return 0
	}
	s.emit(uBox, normLabel(s.raw))
	return 1
}

// heading takes a numbered line that classify finds a heading ("二、总体
// 思路", "第十一章全力保障規劃順利實施", "（一）不断夯实基本民生保障基础。", a
// run-in "(二)××市殡葬基础设施建设项目。项目…"). A numbered line ending in a
// page number ("（二）基本原则\t12", a table of contents) is none.
type heading struct{}

func (*heading) match(s *scanner) int {
	m := s.number()
	if m == nil || isTOCLine(s.raw) {
		return 0
	}
	isH, title, body := classify(s.text(), *m)
	level := s.markLevel()
	if !isH {
		if level == 0 {
			return 0
		}
		// The document styles the line a heading: it is one, whatever its
		// length or its full stops.
		title, body = trimTitle(m.rest), -1
	}
	u := s.emit(uHeading, s.text())
	u.hkind, u.number, u.value, u.title, u.bodyOff, u.level = m.kind, m.number, m.value, title, body, level
	s.front = false
	return 1
}

// markLevel is the heading level the document marks the line at, 0 for
// none or for a line too long to be a heading (markedTitleMax).
func (s *scanner) markLevel() uint8 {
	l := s.lines[s.i].Level
	if l == 0 || bytescan.RuneLen(s.text()) > markedTitleMax {
		return 0
	}
	return l
}

// markedHeading takes a line with no heading number that the document
// marks as a heading: "## 总体要求" in a Markdown export, a paragraph in a
// Word heading style or an <h2> (formats/ writes those with the marks). It
// is a heading at the mark's level (its rank: levelRanks.rank). A caption
// so marked ("### 表1 …") stays a caption.
type markedHeading struct{}

func (*markedHeading) match(s *scanner) int {
	level := s.markLevel()
	if level == 0 || s.hasTab || isTOCLine(s.raw) || isNumberedCaption(s.text()) {
		return 0
	}
	t := s.text()
	u := s.emit(uHeading, t)
	u.title, u.level = trimTitle(t), level
	s.front = false
	return 1
}

// numberedItem takes a numbered line of the 一、 （一） 1. （1） styles that
// is not a heading: a list item ("（1）完成198个行政村的党员群众服务中心提档
// 升级；"). A 第X章 line that is no heading is left to the rules after.
type numberedItem struct{}

func (*numberedItem) match(s *scanner) int {
	m := s.number()
	if m == nil || m.kind < model.KindCNEnum || isTOCLine(s.raw) {
		return 0
	}
	u := s.emit(uList, s.text())
	u.hkind, u.number, u.value = m.kind, m.number, m.value
	return 1
}

// circledItem takes a line numbered with an enclosed number (① ⑴ ⒈ ❶): a
// list item of its own, whatever the line above. (No plan at hand numbers a
// list so; testdata/unseen/pian.txt is written that way.)
type circledItem struct{}

func (*circledItem) match(s *scanner) int {
	t := s.text()
	v, ok := circledNumber(t)
	if !ok {
		return 0
	}
	_, w := utf8.DecodeRuneInString(t)
	u := s.emit(uList, t)
	u.number, u.value = t[:w], v
	return 1
}

// headingTitleTail takes the second line of a heading broken over two
// lines (headingTail): "有效衔接" right under "第1节 巩固拓展脱贫攻坚兜底保障
// 成果同乡村振兴". It goes into the heading's title. A heading the document
// marks (markedHeading) ends where its line does.
type headingTitleTail struct{}

func (*headingTitleTail) match(s *scanner) int {
	u := s.last
	if u == nil || u.kind != uHeading || u.bodyOff >= 0 || u.level > 0 || !headingTail(u.title, s.text(), s.blanks) {
		return 0
	}
	u.title += s.text()
	s.join(u)
	return 1
}

// continuation takes a line that goes on with the paragraph, list item or
// run-in heading body above (continues): "…推动完善城乡统筹、政策衔接、运行" then
// "规范、与经济社会发展水平相适应的…". A line after a sentence that ended, a
// "——" item, a date line ("2021年11月") or a unit line is left to
// paragraph.
type continuation struct{}

func (*continuation) match(s *scanner) int {
	u := s.last
	if u == nil {
		return 0
	}
	switch u.kind {
	case uPara, uList:
	case uHeading:
		if u.bodyOff < 0 {
			return 0 // a title: headingTitleTail's
		}
	default:
		return 0
	}
	if !continues(u.pieces[len(u.pieces)-1].text, s.text(), s.blanks, s.front) {
		return 0
	}
	s.join(u)
	return 1
}

// join adds the current line to unit u.
func (s *scanner) join(u *unit) {
	u.pieces = append(u.pieces, piece{s.lines[s.i].N, s.text(), s.raw})
	s.blanks = 0
}

// paragraph takes any line: a paragraph of its own ("全面推进儿童福利机构建设
// 提档升级，…").
type paragraph struct{}

func (*paragraph) match(s *scanner) int {
	s.emit(uPara, s.text())
	return 1
}

// table adds a table unit read from the current line to end, taking the
// caption and unit line from the units above it and the notes from the
// lines after it, and returns the lines it took.
func (s *scanner) table(tb *model.Table, end int) int {
	blanks := s.blanks
	// A unit line right above the table (单位：万元) is kept with it, as its
	// first note, and the caption may stand above it.
	var unitNote string
	if u := s.last; u != nil && u.kind == uPara && blanks <= unitLineMaxBlanks && len(u.pieces) == 1 && isUnitLine(u.pieces[0].text) {
		unitNote = u.pieces[0].text
		blanks = u.blanks
		s.us = s.us[:len(s.us)-1]
		s.last = nil
		if n := len(s.us); n > 0 {
			s.last = s.us[n-1]
		}
	}
	if unitNote != "" {
		tb.Notes = append([]string{unitNote}, tb.Notes...)
	}
	if u := s.last; tb.Caption == "" && u != nil && u.kind == uPara && blanks <= captionMaxBlanks && len(u.pieces) <= captionMaxLines {
		text, _ := joinPieces(u.pieces)
		if isCaptionLike(text) {
			tb.Caption = captionOf(u.pieces)
			tb.Line = u.line
			blanks = u.blanks
			s.us = s.us[:len(s.us)-1]
		}
	}
	// Notes under the table.
	lines, j := s.lines, end
	for {
		k := j
		for k < len(lines) && isBlankText(lines[k].Text) {
			k++
		}
		if k >= len(lines) || k-j > noteMaxGap {
			break
		}
		t := normText(strings.ReplaceAll(lines[k].Text, "\t", " "))
		if !isNoteLine(t) {
			break
		}
		tb.Notes = append(tb.Notes, t)
		j = k + 1
	}
	u := &unit{kind: uTable, line: tb.Line, table: tb, blanks: blanks, bodyOff: -1}
	s.us = append(s.us, u)
	s.last = u
	s.blanks = 0
	return j - s.i
}

// captionOf is the caption text of pieces, spaced as written.
func captionOf(ps []piece) string {
	var b strings.Builder
	for _, p := range ps {
		b.WriteString(normLabel(p.raw))
	}
	return b.String()
}
