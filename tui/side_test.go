package tui

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"planview/model"
	"planview/render"
	"planview/topic"
)

// sidePlans are three small plans for the side-by-side view. On 养老服务,
// 甲市 has a long section then a short one with a wide table, 乙县 a short
// one then a long one, so aligning the second sections pads both columns;
// 乙县 has nothing on 殡葬; 丙县 has one section on 养老服务.
func sidePlans() []*model.Plan {
	line := 1
	para := func(s string) model.Block {
		line++
		return model.Block{Kind: model.Paragraph, Text: s, Line: line}
	}
	long := func(n int, s string) []model.Block {
		var out []model.Block
		for i := 0; i < n; i++ {
			out = append(out, para(strings.Repeat(s, 4)))
		}
		return out
	}
	cell := func(s string) model.Cell { return model.Cell{Lines: []string{s}} }
	row := func(cells ...string) model.Row {
		r := model.Row{}
		for _, c := range cells {
			r.Cells = append(r.Cells, cell(c))
		}
		return r
	}
	wide := &model.Table{
		Caption: "表1 养老服务设施建设主要指标",
		Header:  []model.Row{row("指标名称", "2020年", "2021年", "2022年", "2023年", "2024年", "2025年", "属性", "责任单位")},
		Rows: []model.Row{
			row("养老机构护理型床位占比（%）", "35", "40", "45", "50", "52", "≥55", "约束性", "市民政局、市卫健委"),
			row("社区日间照料机构覆盖率（%）", "60", "70", "80", "90", "95", "100", "预期性", "各县市区人民政府"),
		},
	}
	type sec struct {
		num, title string
		blocks     []model.Block
		kids       []sec
	}
	var build func(path string, level int, ss []sec, parent *model.Section) []*model.Section
	build = func(path string, level int, ss []sec, parent *model.Section) []*model.Section {
		var out []*model.Section
		for i, s := range ss {
			p := fmt.Sprint(i + 1)
			if path != "" {
				p = path + "." + p
			}
			line++
			kind := model.KindChapter
			if level > 1 {
				kind = model.KindSection
			}
			x := &model.Section{Path: p, Level: level, Kind: kind, Number: s.num, Title: s.title, Line: line, Blocks: s.blocks, Parent: parent}
			x.Children = build(p, level+1, s.kids, x)
			out = append(out, x)
		}
		return out
	}
	plan := func(id, region string, ss []sec) *model.Plan {
		line = 0
		return &model.Plan{ID: id, Title: region + "民政事业发展“十四五”规划", Region: region, Source: id + ".txt", Sections: build("", 1, ss, nil)}
	}
	jia := plan("jia", "甲市", []sec{
		{"第一章", "总体要求", []model.Block{para("坚持以人民为中心的发展思想。")}, []sec{
			{"第一节", "养老服务", long(3, "健全居家社区机构相协调、医养康养相结合的养老服务体系，推进街道综合养老服务中心建设。"), nil},
			{"第二节", "社会救助", []model.Block{para("完善分层分类的社会救助体系。")}, nil},
		}},
		{"第二章", "发展任务", nil, []sec{
			{"第一节", "居家养老", []model.Block{para("发展居家养老服务。"), {Kind: model.TableBlock, Table: wide, Line: 40}}, nil},
			{"第二节", "殡葬改革", []model.Block{para("推进殡葬改革，建设公益性公墓。")}, nil},
			{"第三节", "婚姻登记", []model.Block{para("提升婚姻登记服务水平。")}, nil},
		}},
	})
	yi := plan("yi", "乙县", []sec{
		{"第一章", "总体要求", []model.Block{para("坚持党的全面领导。")}, []sec{
			{"第一节", "养老服务", []model.Block{para("发展普惠养老。")}, nil},
			{"第二节", "社会救助", []model.Block{para("织密兜底保障网。")}, nil},
		}},
		{"第二章", "发展任务", nil, []sec{
			{"第一节", "机构养老", long(5, "提升公办养老机构服务能力，到2025年护理型床位占比达到55%以上。"), nil},
			{"第二节", "婚姻登记", []model.Block{para("推进婚俗改革。")}, nil},
			{"第三节", "社会组织", []model.Block{para("加强社会组织监管。")}, nil},
		}},
	})
	bing := plan("bing", "丙县", []sec{
		{"第一章", "完善养老服务体系", []model.Block{para("建设县级失能照护机构。")}, nil},
	})
	return []*model.Plan{jia, yi, bing}
}

// sideHarness opens the side-by-side view on sidePlans at w×h, on 养老服务.
func sideHarness(t testing.TB, w, h int) *harness {
	t.Helper()
	hs := newHarness(t, sidePlans(), w, h)
	hs.keys("v")
	if hs.m.focus != focusSide {
		t.Fatalf("v did not open the side-by-side view (focus %d)", hs.m.focus)
	}
	hs.toTopic(topic.Elderly)
	return hs
}

// toTopic presses ] until the view shows topic t.
func (hs *harness) toTopic(t string) {
	hs.t.Helper()
	for i := 0; i <= len(topic.All) && hs.m.side.topicName() != t; i++ {
		hs.keys("]")
	}
	if hs.m.side.topicName() != t {
		hs.t.Fatalf("] never reached %s", t)
	}
}

func (v *sidePane) topicName() string {
	if v.topic < 0 {
		return ""
	}
	return topic.All[v.topic]
}

// sideScreen is the view's plain text cut into the columns' rows: the
// text of column i on screen row y of the rows area (the cursor margin
// left out).
type sideScreen struct {
	lines []string
	seps  []int // display columns of the separators
	w     int
}

func readSide(t testing.TB, view string, w int) sideScreen {
	t.Helper()
	lines := strings.Split(plain(view), "\n")
	return sideScreen{lines: lines, seps: sepColumns(lines[1]), w: w}
}

// cell is the text of column i on rows-area row y, margin included.
func (s sideScreen) cell(i, y int) string {
	a, b := 0, s.w
	if i > 0 {
		a = s.seps[i-1] + 1
	}
	if i < len(s.seps) {
		b = s.seps[i]
	}
	return render.Slice(s.lines[sideHead+y], a, b-a)
}

// rowOf is the rows-area row where column i shows want, -1 if none.
func (s sideScreen) rowOf(i int, want string) int {
	for y := 0; sideHead+y < len(s.lines)-2; y++ {
		if strings.Contains(s.cell(i, y), want) {
			return y
		}
	}
	return -1
}

// Columns: two by default, as many as fit at 40 cells (+ adds, - drops),
// each laid out at its own width; one at 80 columns.
func TestSideColumns(t *testing.T) {
	for _, c := range []struct {
		w, h, fit int
	}{{80, 24, 1}, {81, 24, 2}, {120, 40, 2}, {123, 40, 3}, {200, 50, 4}} {
		hs := sideHarness(t, c.w, c.h)
		v := hs.m.side
		if v.fit() != c.fit {
			t.Errorf("%d cells: %d columns fit, want %d", c.w, v.fit(), c.fit)
		}
		hs.keys("+", "+", "+")
		want := min(c.fit, 3) // (three plans)
		if v.shown() != want {
			t.Errorf("%d cells: %d columns after +++, want %d", c.w, v.shown(), want)
		}
		view := hs.view()
		checkWidths(t, view, c.w, c.h)
		s := readSide(t, view, c.w)
		if len(s.seps) != want-1 {
			t.Errorf("%d cells: %d separators for %d columns: %q", c.w, len(s.seps), want, s.lines[1])
		}
		colW := (c.w - (want - 1)) / want
		for i := range s.seps {
			if s.seps[i] != (i+1)*colW+i {
				t.Errorf("%d cells: separator %d at %d, want %d", c.w, i, s.seps[i], (i+1)*colW+i)
			}
		}
		for i, col := range v.cols[:v.shown()] {
			if col.d == nil || col.d.width != colW-1 {
				t.Errorf("%d cells: column %d laid out at %v, want %d", c.w, i, col.d, colW-1)
			}
		}
		for y := 0; y < c.h-4; y++ {
			for _, x := range s.seps {
				if got := render.Slice(s.lines[sideHead+y], x, 1); got != separator() {
					t.Errorf("%d cells, row %d: %q at %d, want the separator", c.w, y, got, x)
				}
			}
		}
		hs.keys("-", "-", "-")
		if len(v.cols) != 1 {
			t.Errorf("%d cells: %d columns after ---", c.w, len(v.cols))
		}
		if c.fit == 1 && !strings.Contains(s.lines[1], "two columns need 81 cells") {
			t.Errorf("one column does not say why: %q", s.lines[1])
		}
	}
}

// Together, the i-th section of every column starts on the same row; the
// shorter one is padded with blank rows.
func TestSideAlignsHeadings(t *testing.T) {
	hs := sideHarness(t, 120, 40)
	v := hs.m.side
	jia, yi := v.cols[0], v.cols[1]
	if len(jia.secs) != 2 || len(yi.secs) != 2 {
		t.Fatalf("养老服务: %d and %d sections, want 2 and 2", len(jia.secs), len(yi.secs))
	}
	for k, st := range jia.start {
		for _, c := range []*sideCol{jia, yi} {
			if li := c.rows[st]; li < 0 || c.d.lines[li].kind != lkHeading || c.d.lines[li].sec < 0 || c.d.secs[c.d.lines[li].sec] != c.secs[k] {
				t.Errorf("row %d of %s is not the heading of section %d", st, v.short[c.plan], k)
			}
		}
	}
	if jia.start[1] <= 0 || len(jia.rows) != len(yi.rows) {
		t.Fatalf("rows: %d and %d, second section at %d", len(jia.rows), len(yi.rows), jia.start[1])
	}
	// On screen: page until the second headings show, on the same row.
	for i := 0; i < 10; i++ {
		s := readSide(t, hs.view(), 120)
		a, b := s.rowOf(0, "第一节 居家养老"), s.rowOf(1, "第一节 机构养老")
		if a >= 0 || b >= 0 {
			if a != b {
				t.Errorf("second headings on rows %d and %d:\n%s", a, b, strings.Join(s.lines, "\n"))
			}
			// 乙县's first section is short: blank rows above its second heading.
			if s.rowOf(1, "发展普惠养老") >= 0 && strings.TrimSpace(s.cell(1, b-2)) != "" {
				t.Errorf("no padding above 乙县's second heading:\n%s", strings.Join(s.lines, "\n"))
			}
			return
		}
		hs.keys("f")
	}
	t.Fatalf("the second headings never showed")
}

// A plan with nothing on the topic says so in its column.
func TestSideNothingOnTopic(t *testing.T) {
	hs := sideHarness(t, 120, 40)
	hs.toTopic(topic.Funeral)
	s := readSide(t, hs.view(), 120)
	if got := strings.TrimSpace(s.cell(1, 0)); got != "乙县: nothing on 殡葬" {
		t.Errorf("乙县's column reads %q", got)
	}
	if !strings.Contains(s.lines[1], "乙县 · nothing") || !strings.Contains(s.lines[1], "甲市 · 1 section") {
		t.Errorf("headings %q", s.lines[1])
	}
	if s.rowOf(0, "第二节 殡葬改革") != 0 {
		t.Errorf("甲市's 殡葬 section is not at the top:\n%s", strings.Join(s.lines, "\n"))
	}
	// It stays in view while the other column scrolls.
	hs.keys("j", "j")
	if got := strings.TrimSpace(readSide(t, hs.view(), 120).cell(1, 0)); got != "乙县: nothing on 殡葬" {
		t.Errorf("after j j: %q", got)
	}
	hs.keys("tab")
	if st := strings.Split(plain(hs.view()), "\n")[38]; !strings.Contains(st, "乙县: nothing on 殡葬") {
		t.Errorf("status line %q", st)
	}
}

// [ and ] move every column to the previous/next topic (wrapping round);
// t lists the topics, with each plan's count, and enter picks one.
func TestSideTopicKeys(t *testing.T) {
	hs := sideHarness(t, 120, 40)
	v := hs.m.side
	i := v.topic
	hs.keys("]")
	if v.topic != i+1 || !strings.Contains(strings.Split(plain(hs.view()), "\n")[0], topic.All[i+1]) {
		t.Errorf("] : topic %d, want %d", v.topic, i+1)
	}
	for _, c := range v.cols[:v.shown()] {
		if len(c.secs) != len(c.tp.Sections(topic.All[i+1])) {
			t.Errorf("column %s does not show %s", v.short[c.plan], topic.All[i+1])
		}
	}
	hs.keys("[", "[")
	if v.topic != i-1 {
		t.Errorf("[ [ : topic %d, want %d", v.topic, i-1)
	}
	hs.keys("[")
	if v.topic != len(topic.All)-1 {
		t.Errorf("[ before the first topic: %d, want the last", v.topic)
	}
	hs.keys("]")
	if v.topic != 0 {
		t.Errorf("] after the last topic: %d, want the first", v.topic)
	}

	hs.keys("t")
	view := plain(hs.view())
	checkWidths(t, view, 120, 40)
	if !v.picking || !strings.Contains(view, "婚姻登记") || !regexp.MustCompile(`殡葬 +甲市 1 +乙县 -`).MatchString(view) {
		t.Fatalf("the topic list:\n%s", view)
	}
	hs.keys("j", "j", "j", "j", "enter")
	if v.picking || v.topicName() != topic.Funeral {
		t.Errorf("t j j j j enter: picking %v, topic %q", v.picking, v.topicName())
	}
	hs.keys("t", "j", "esc")
	if v.picking || v.topicName() != topic.Funeral || hs.m.focus != focusSide {
		t.Errorf("t j esc: picking %v, topic %q, focus %d", v.picking, v.topicName(), hs.m.focus)
	}
}

// The view starts on the topic of the reader's section.
func TestSideStartsOnReaderTopic(t *testing.T) {
	hs := newHarness(t, sidePlans(), 120, 40)
	hs.openSection(0, "第二章", "第二节") // 殡葬改革
	hs.keys("v")
	if got := hs.m.side.topicName(); got != topic.Funeral {
		t.Errorf("opened from 殡葬改革 on %q", got)
	}
	if p := hs.m.side.cols[0].plan; p != 0 || hs.m.side.cols[1].plan != 1 {
		t.Errorf("columns %d, %d: want the open plan and the next", p, hs.m.side.cols[1].plan)
	}
	hs.keys("esc")
	if hs.m.focus != focusReader {
		t.Errorf("esc: focus %d, want the reader", hs.m.focus)
	}
}

// s toggles scrolling apart: the movement keys move the focused column
// only; back together, the columns line up again at the focused column's
// place.
func TestSideApart(t *testing.T) {
	hs := sideHarness(t, 120, 24)
	v := hs.m.side
	hs.keys("s")
	if v.together {
		t.Fatal("s did not switch to scrolling apart")
	}
	if !strings.Contains(strings.Split(plain(hs.view()), "\n")[0], "apart") {
		t.Errorf("the title does not say apart")
	}
	jia, yi := v.cols[0], v.cols[1]
	hs.keys("tab", "f")
	if jia.list.top != 0 || yi.list.top == 0 {
		t.Errorf("f in 乙县's column: tops %d and %d", jia.list.top, yi.list.top)
	}
	s := readSide(t, hs.view(), 120)
	if s.rowOf(0, "第一节 养老服务") != 0 {
		t.Errorf("甲市's column moved:\n%s", strings.Join(s.lines, "\n"))
	}
	// Apart, no padding: 乙县's second heading follows its first section.
	if got := yi.start[1]; got != yi.start[0]+(sectionSpans(yi.d, yi.secs)[0].b-sectionSpans(yi.d, yi.secs)[0].a)+1 {
		t.Errorf("apart, 乙县's second section starts at %d", got)
	}
	hs.keys("s")
	if !v.together || v.cols[0].start[1] != v.cols[1].start[1] {
		t.Errorf("back together: %v, starts %v %v", v.together, v.cols[0].start, v.cols[1].start)
	}
	checkWidths(t, hs.view(), 120, 24)
}

// No line is wider than the screen, at three sizes and both width
// settings, on the embedded plans: every topic, paged through, with as
// many columns as fit and every wide table scrolled.
func TestSideWidths(t *testing.T) {
	defer render.InitFromEnv()
	plans := seedPlans(t)
	for _, wide := range []bool{false, true} {
		render.SetEastAsian(wide)
		for _, size := range [][2]int{{80, 24}, {120, 40}, {200, 50}} {
			w, h := size[0], size[1]
			hs := newHarness(t, plans, w, h)
			hs.keys("v", "+", "+", "+")
			for range topic.All {
				for i := 0; i < 60; i++ {
					checkWidths(t, hs.view(), w, h)
					l := hs.m.side.curList()
					if l.top+l.h >= l.n {
						break
					}
					hs.keys("f", ">", ">", "tab")
				}
				hs.keys("s", "G", "s", "]")
			}
			hs.keys("t")
			checkWidths(t, hs.view(), w, h)
		}
	}
}

// Enter shows the line under the cursor in the reader (the plan of the
// focused column, at that paragraph); backspace returns to the view as it
// was.
func TestSideEnterAndBack(t *testing.T) {
	hs := sideHarness(t, 120, 40)
	v := hs.m.side
	hs.keys("tab")
	for i := 0; i < 40; i++ { // to 乙县's second section, a few lines in
		if li := v.cursorLine(); li >= 0 && v.cols[1].d.lines[li].kind == lkPara && v.list.cursor > v.cols[1].start[1]+2 {
			break
		}
		hs.keys("j")
	}
	li := v.cursorLine()
	want := v.cols[1].d.lines[li]
	before := v.list
	topicBefore := v.topic
	hs.keys("enter")
	if hs.m.focus != focusReader || hs.m.cur != 1 {
		t.Fatalf("enter: focus %d, plan %d", hs.m.focus, hs.m.cur)
	}
	r := hs.m.reader
	if r.mark < 0 {
		t.Fatal("the reader marks no line")
	}
	// The reader wraps at its own width: the line holding the text where
	// the column's line starts.
	if got := r.d.lines[r.mark]; got.sec != want.sec || got.block != want.block || got.off > want.off ||
		(r.mark+1 < len(r.d.lines) && r.d.lines[r.mark+1].block == want.block && r.d.lines[r.mark+1].off <= want.off) {
		t.Errorf("the reader is at %+v, want the line holding %+v", got, want)
	}
	lines := strings.Split(plain(hs.view()), "\n")
	if st := lines[38]; !strings.Contains(st, "乙县 › 第二章 › 第一节") {
		t.Errorf("status line %q", st)
	}
	hs.keys("backspace")
	if hs.m.focus != focusSide || v.list != before || v.topic != topicBefore || v.focus != 1 {
		t.Errorf("back: focus %d, cursor %+v (was %+v), topic %d", hs.m.focus, v.list, before, v.topic)
	}
	// A heading opens its section; a table row lands on that row.
	hs.keys("g", "enter")
	if s := hs.m.reader.Section(); hs.m.focus != focusReader || s == nil || s.Title != "养老服务" || hs.m.cur != 1 {
		t.Errorf("enter on a heading: focus %d, section %v", hs.m.focus, s)
	}
	hs.keys("ctrl+o", "shift+tab")
	c := v.cols[0]
	for i := 0; i < 60 && (v.cursorLine() < 0 || c.d.lines[v.cursorLine()].table < 0 || !strings.Contains(c.d.lineText(v.cursorLine()), "社区日间")); i++ {
		hs.keys("j")
	}
	if v.cursorLine() < 0 || c.d.lines[v.cursorLine()].table < 0 {
		t.Fatal("the cursor never reached the table")
	}
	hs.keys("enter")
	r = hs.m.reader
	if hs.m.cur != 0 || r.mark < 0 || !strings.Contains(r.d.lineText(r.mark), "社区日") {
		t.Errorf("enter on a table row: plan %d, reader line %d", hs.m.cur, r.mark)
	}
}

// A wide table scrolls sideways within its column, its first column
// frozen; the status line tells the offset.
func TestSideTableScrolls(t *testing.T) {
	hs := sideHarness(t, 120, 40)
	v := hs.m.side
	for i := 0; i < 10 && v.focusedTable() < 0; i++ {
		hs.keys("f")
	}
	if v.focusedTable() < 0 {
		t.Fatal("no wide table came into view")
	}
	s := readSide(t, hs.view(), 120)
	y := s.rowOf(0, "养老机构护理")
	if y < 0 {
		t.Fatalf("no table row in view:\n%s", strings.Join(s.lines, "\n"))
	}
	before := s.cell(0, y)
	hs.keys(">", ">")
	s = readSide(t, hs.view(), 120)
	after := s.cell(0, y)
	if after == before || !strings.Contains(after, "养老机构护理") {
		t.Errorf("> > : %q -> %q (the first column must stay)", before, after)
	}
	if st := s.lines[38]; !regexp.MustCompile(`table [1-9][0-9]*/[0-9]+ </>`).MatchString(st) {
		t.Errorf("status line %q", st)
	}
	checkWidths(t, hs.view(), 120, 40)
	hs.keys("<", "<")
	if got := readSide(t, hs.view(), 120).cell(0, y); got != before {
		t.Errorf("< < : %q, want %q", got, before)
	}
}

// The search's query and the compare view's filter are highlighted in
// every column, Traditional or Simplified.
func TestSideHighlights(t *testing.T) {
	lipgloss.SetColorProfile(termenv.TrueColor)
	defer lipgloss.SetColorProfile(termenv.Ascii)
	plans := sidePlans()
	hs := &harness{t: t, m: New(plans)}
	hs.send(tea.WindowSizeMsg{Width: 160, Height: 40})
	hs.keys("/")
	hs.typeQuery("養老服務")
	hs.keys("esc", "c", "/")
	hs.typeQuery("床位")
	hs.keys("enter", "c", "v")
	hs.toTopic(topic.Elderly)
	hl := hs.m.c.styles.Highlight
	view := hs.view()
	for _, want := range []string{"养老服务", "床位"} {
		if !strings.Contains(view, hl.Render(want)) {
			t.Errorf("%s is not highlighted", want)
		}
	}
	sep := hs.m.c.styles.Sep.Render(separator())
	n := make([]int, 2)
	for _, l := range strings.Split(view, "\n")[sideHead : 40-2] {
		for i, col := range strings.Split(l, sep) {
			n[i] += strings.Count(col, hl.pre)
		}
	}
	if n[0] == 0 || n[1] == 0 {
		t.Errorf("highlights per column: %v", n)
	}
	// A phrase wrapped over two lines is highlighted on both.
	v := hs.m.side
	c := v.cols[0]
	for _, li := range c.rows {
		if li < 0 || c.d.lines[li].off < 0 {
			continue
		}
		l := &c.d.lines[li]
		if rs := v.ranges(c, l, l.text); len(rs) > 0 {
			for _, r := range rs {
				if r[0] < 0 || r[1] > len(l.text) || r[0] >= r[1] {
					t.Errorf("range %v out of line %q", r, l.text)
				}
			}
		}
	}
	checkWidths(t, view, 160, 40)
}

// Text from a plan never reaches the terminal with control characters.
func TestSideNoControlCharacters(t *testing.T) {
	lipgloss.SetColorProfile(termenv.TrueColor)
	defer lipgloss.SetColorProfile(termenv.Ascii)
	evil := "\x1b[31m红\x1b]0;title\x07\x00\r\x08\u009b2J\u0085字\x7f"
	plans := sidePlans()
	plans[1].Region = "乙" + evil + "县"
	plans[1].ID += evil
	var taint func([]*model.Section)
	taint = func(ss []*model.Section) {
		for _, s := range ss {
			s.Title += evil
			for i := range s.Blocks {
				s.Blocks[i].Text += evil
				if t := s.Blocks[i].Table; t != nil {
					t.Caption += evil
					t.Rows[0].Cells[0].Lines[0] += evil
				}
			}
			taint(s.Children)
		}
	}
	for _, p := range plans {
		taint(p.Sections)
	}
	sgr := regexp.MustCompile("\x1b\\[[0-9;]*m")
	hs := &harness{t: t, m: New(plans)}
	hs.send(tea.WindowSizeMsg{Width: 120, Height: 30})
	hs.keys("v")
	for _, step := range [][]string{nil, {"]"}, {"f", ">"}, {"t"}, {"esc", "s", "tab", "j"}} {
		hs.keys(step...)
		rest := sgr.ReplaceAllString(hs.view(), "")
		for i, r := range rest {
			if r == '\n' {
				continue
			}
			if r < 0x20 || (r >= 0x7f && r < 0xa0) {
				t.Fatalf("control character %U at %d after %v: %q", r, i, step, rest[max(0, i-20):min(len(rest), i+20)])
			}
		}
		if strings.Contains(rest, "[31m") {
			t.Errorf("escape residue after %v", step)
		}
	}
	if !strings.Contains(sgr.ReplaceAllString(hs.view(), ""), "红") {
		t.Errorf("the sanitised text is missing")
	}
}

// The plan switcher (o/O), and the view at one column.
func TestSidePlanSwitcher(t *testing.T) {
	hs := sideHarness(t, 80, 24)
	v := hs.m.side
	if v.shown() != 1 {
		t.Fatalf("%d columns at 80 cells", v.shown())
	}
	if kl := strings.Split(plain(hs.view()), "\n")[23]; !strings.HasPrefix(strings.TrimSpace(kl), "o next plan") {
		t.Errorf("key line %q does not offer the plan switcher first", kl)
	}
	hs.keys("o")
	if v.cols[0].plan != 1 || !strings.Contains(readSide(t, hs.view(), 80).lines[1], "乙") {
		t.Errorf("o: plan %d", v.cols[0].plan)
	}
	hs.keys("o", "o")
	if v.cols[0].plan != 0 {
		t.Errorf("o o o: plan %d, want back at the first", v.cols[0].plan)
	}
	hs.keys("O")
	if v.cols[0].plan != 2 {
		t.Errorf("O: plan %d, want the last", v.cols[0].plan)
	}
	// Wider: o skips the plans other columns show.
	hs.send(tea.WindowSizeMsg{Width: 160, Height: 40})
	if v.shown() != 2 {
		t.Fatalf("%d columns at 160 cells", v.shown())
	}
	checkWidths(t, hs.view(), 160, 40)
	hs.keys("o")
	if v.cols[0].plan == v.cols[1].plan {
		t.Errorf("o shows the same plan twice")
	}
}

// A resize keeps the place: the section and the row in it.
func TestSideResizeKeepsPlace(t *testing.T) {
	hs := sideHarness(t, 200, 50)
	v := hs.m.side
	for v.list.cursor < v.cols[0].start[1]+1 {
		hs.keys("j")
	}
	hs.send(tea.WindowSizeMsg{Width: 120, Height: 40})
	if a := v.list.anchor(v.cols[0].start); a.sec != 1 || a.delta != 1 {
		t.Errorf("after a resize: at %+v, want section 1, row 1", a)
	}
	checkWidths(t, hs.view(), 120, 40)
}

// TestSideGolden draws the view at 80×24 and 200×50: together on 养老服务,
// apart and scrolled, and the topic list.
func TestSideGolden(t *testing.T) {
	states := []viewState{
		{"side", nil},
		{"side-apart", []string{"+", "s", "tab", "f", "j"}},
		{"side-funeral", []string{"]", "]", "]"}},
		{"side-topics", []string{"t", "j"}},
	}
	viewGoldens(t, sideHarness, states)
}

// The keys line, the help overlay, and leaving the view.
func TestSideKeysAndHelp(t *testing.T) {
	hs := sideHarness(t, 200, 50)
	kl := strings.Split(plain(hs.view()), "\n")[49]
	for _, want := range []string{"] next topic", "t topics", "enter read there", "s scroll apart", "+ add column"} {
		if !strings.Contains(kl, want) {
			t.Errorf("key line %q lacks %q", kl, want)
		}
	}
	hs.keys("?")
	v := plain(hs.view())
	for _, want := range []string{"side by side", "next topic", "topics", "next plan", "add column", "drop column", "table right", "read there"} {
		if !strings.Contains(v, want) {
			t.Errorf("help overlay lacks %q:\n%s", want, v)
		}
	}
	hs.keys("esc", "v")
	if hs.m.focus != focusPlans {
		t.Errorf("v in the view: focus %d, want the plans pane", hs.m.focus)
	}
	hs.keys("v", "c")
	if hs.m.focus != focusCompare {
		t.Errorf("c in the view: focus %d", hs.m.focus)
	}
	hs.keys("c")
	if hs.m.focus != focusSide {
		t.Errorf("c again: focus %d, want back in the side-by-side view", hs.m.focus)
	}
	hs.keys("esc")
	if hs.m.focus != focusPlans {
		t.Errorf("esc: focus %d, want the plans pane", hs.m.focus)
	}
}

// No plans: the view says so, and no key breaks it.
func TestSideNoPlans(t *testing.T) {
	hs := newHarness(t, nil, 80, 24)
	hs.keys("v")
	if v := plain(hs.view()); hs.m.focus != focusSide || !strings.Contains(v, "no plans loaded") {
		t.Fatalf("focus %d:\n%s", hs.m.focus, v)
	}
	hs.keys("j", "f", "]", "[", "t", "enter", "o", "+", "-", "s", "tab", ">", "G")
	checkWidths(t, hs.view(), 80, 24)
	hs.keys("esc")
	if hs.m.focus != focusPlans {
		t.Errorf("esc: focus %d", hs.m.focus)
	}
}
