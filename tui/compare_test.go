package tui

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"planview/indicator"
	"planview/model"
	"planview/render"
)

// comparePlans are testPlans (天门, 通道) and two more plans without
// text, so the matrix has four columns.
func comparePlans() []*model.Plan {
	plans := testPlans()
	for _, p := range [][2]string{{"huaihua", "懷化市"}, {"jishou", "吉首市"}} {
		plans = append(plans, &model.Plan{ID: p[0], Title: p[1] + "“十四五”民政事业发展规划", Region: p[1], Source: p[0] + ".txt",
			Sections: []*model.Section{{Path: "1", Level: 1, Kind: model.KindChapter, Number: "第一章", Title: "总体要求", Line: 3,
				Blocks: []model.Block{{Kind: model.Paragraph, Text: "坚持以人民为中心。", Line: 4}}}}})
	}
	return plans
}

func num(v float64) *float64 { return &v }

// target makes an indicator of plan (an index in comparePlans): value v
// (nil for a target in words), a sentence's when text is set.
func target(plan int, name, unit string, year int, cmp string, v *float64, attr string) indicator.Indicator {
	ids := []string{"tianmen", "tongdao", "huaihua", "jishou"}
	in := indicator.Indicator{Plan: ids[plan], Name: name, Key: indicator.Key(name), Unit: unit, Year: year,
		Comparator: cmp, Value: v, Norm: v, NormUnit: unit, Attribute: attr, From: indicator.FromTable,
		Loc: model.Location{Plan: ids[plan], Section: "1", Block: 0, Row: -1, Col: -1}, Sub: -1, Start: 0, End: len("坚持")}
	if plan >= 2 {
		in.End = len("坚持以人民")
	}
	if v != nil {
		in.Target = cmp + fmt.Sprint(*v)
	}
	return in
}

// compareIndicators are hand-made targets for comparePlans:
//
//	养老机构护理型床位占比 %, 2025: 天门 60 (its table's row), 通道 ≥55 (a sentence says 50), 懷化 ≥55 (Traditional name), 吉首 nothing
//	社会工作专业人才总量 万人, 2025: counts (not comparable)
//	农村低保标准占城市低保标准比例 %, 2025: 天门 ≥75, 通道 70, 懷化 75 (base 70)
//	城乡低保标准年度增速: a target in words
//	每千名老年人拥有养老床位数 张, 2020: 天门 35 (text), 懷化 37
func compareIndicators() [][]indicator.Indicator {
	ind := make([][]indicator.Indicator, 4)
	add := func(plan int, in indicator.Indicator) { ind[plan] = append(ind[plan], in) }

	beds := target(0, "养老机构护理型床位占比", "%", 2025, "=", num(60), "约束性")
	beds.Loc = model.Location{Plan: "tianmen", Section: "1.2", Line: 22, Block: 1, Row: 3, Col: 2}
	beds.End = len("养老机构护理型床位占比")
	add(0, beds)
	clash := target(1, "养老机构护理型床位占比", "%", 2025, "≥", num(55), "约束性")
	clash.Conflict = true // a sentence of 通道 says 50
	clash.Support = []indicator.Support{{Line: 40, Sentence: "全县养老机构护理型床位占比不低于50%", Target: "不低于50%"}}
	add(1, clash)
	add(2, target(2, "養老機構護理型床位占比", "%", 2025, "≥", num(55), "约束性"))

	sw := target(0, "社会工作专业人才总量", "万人", 2025, "=", num(0.16), "预期性")
	sw.Norm, sw.NormUnit = num(1600), "人"
	add(0, sw)
	sw = target(1, "社会工作专业人才总量", "人", 2025, "=", num(300), "预期性")
	add(1, sw)
	sw = target(2, "社会工作专业人才总量", "万人", 2025, "=", num(0.2), "")
	sw.Norm, sw.NormUnit = num(2000), "人"
	add(2, sw)

	add(0, target(0, "农村低保标准占城市低保标准比例", "%", 2025, "≥", num(75), "预期性"))
	add(1, target(1, "农村低保标准占城市低保标准比例", "%", 2025, "=", num(70), "预期性"))
	db := target(2, "农村低保标准占城市低保标准比例", "%", 2025, "=", num(75), "预期性")
	db.Base, db.BaseYear = "70", 2020
	add(2, db)

	for _, p := range []int{0, 2} {
		w := target(p, "城乡低保标准年度增速", "%", 2025, "", nil, "预期性")
		w.Target = "不低于居民上年度人均消费支出增速"
		add(p, w)
	}

	old := target(0, "每千名老年人拥有养老床位数", "张", 2020, "=", num(35), "")
	old.From = indicator.FromText
	text := "提升公办养老机构服务能力，到2025年护理型床位占比达到55%以上。"
	old.Loc = model.Location{Plan: "tianmen", Section: "2.2", Line: 71, Block: 0, Row: -1, Col: -1}
	old.Start = strings.Index(text, "护理型床位")
	old.End = old.Start + len("护理型床位")
	add(0, old)
	add(2, target(2, "每千名老年人拥有养老床位数", "张", 2020, "=", num(37), ""))
	return ind
}

// compareHarness opens the compare view on comparePlans at w×h, with the
// hand-made matrix.
func compareHarness(t testing.TB, w, h int) *harness {
	plans := comparePlans()
	hs := newHarness(t, plans, w, h)
	hs.send(newCompareMsg(plans, compareIndicators()))
	hs.keys("c")
	if hs.m.focus != focusCompare {
		t.Fatalf("c did not open the compare view (focus %d)", hs.m.focus)
	}
	return hs
}

// matrix is the compare view's plain text, cut into the matrix's lines
// (the column headings and the rows) and the display columns of the
// separators on the headings line.
type matrix struct {
	lines []string // the whole screen
	head  int      // the headings line
	seps  []int
}

func readMatrix(t testing.TB, view string) matrix {
	t.Helper()
	lines := strings.Split(plain(view), "\n")
	mt := matrix{lines: lines, head: 2}
	mt.seps = sepColumns(lines[mt.head])
	if len(mt.seps) < 2 {
		t.Fatalf("no column separators on the headings line %q", lines[mt.head])
	}
	return mt
}

// sepColumns lists the display columns of the separator glyph in line.
func sepColumns(line string) []int {
	sep := []rune(separator())[0]
	var out []int
	col := 0
	for _, r := range line {
		if r == sep {
			out = append(out, col)
		}
		col += render.RuneWidth(r)
	}
	return out
}

// rows are the matrix lines: the headings line and every line after it
// that carries the separators.
func (mt matrix) rows() []string {
	var out []string
	for _, l := range mt.lines[mt.head:] {
		if len(sepColumns(l)) == 0 {
			break
		}
		out = append(out, l)
	}
	return out
}

// col is the slot (0 = the first plan column in view) whose heading holds
// name, -1 when none.
func (mt matrix) col(name string) int {
	for i := 0; i+1 < len(mt.seps); i++ {
		if strings.Contains(mt.cell(mt.lines[mt.head], i), name) {
			return i
		}
	}
	return -1
}

// cell is the text of slot i of line, trimmed.
func (mt matrix) cell(line string, i int) string {
	a, b := mt.seps[i]+1, mt.seps[i+1]
	return strings.TrimSpace(render.Slice(line, a, b-a))
}

// row is the line holding name in its frozen column, "" when none.
func (mt matrix) row(name string) string {
	for _, l := range mt.rows() {
		if strings.Contains(render.Truncate(l, mt.seps[0]), name) {
			return l
		}
	}
	return ""
}

// at is the cell of the row named row under the plan column named plan.
func (mt matrix) at(t testing.TB, row, plan string) string {
	t.Helper()
	l, c := mt.row(row), mt.col(plan)
	if l == "" || c < 0 {
		t.Fatalf("no row %q or column %q:\n%s", row, plan, strings.Join(mt.lines, "\n"))
	}
	return mt.cell(l, c)
}

func TestCompareCellsAndMarkers(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {120, 40}, {200, 50}} {
		hs := compareHarness(t, size[0], size[1])
		v := hs.view()
		checkWidths(t, v, size[0], size[1])
		mt := readMatrix(t, v)
		for _, c := range []struct{ row, plan, want string }{
			{"养老机构护理型床位占比", "天门", "60%" + markBinding},
			{"养老机构护理型床位占比", "通道", "≥55%" + markBinding + markClash}, // its text says otherwise
			{"养老机构护理型床位占比", "懷化", "≥55%" + markBinding},
			{"养老机构护理型床位占比", "吉首", markBlank},
			{"社会工作专业人才总量", "天门", "0.16万人"},
			{"社会工作专业人才总量", "通道", "300人"},
			{"农村低保标准占城市低保", "懷化", "75% (70)"}, // the base, in brackets
			{"每千名老年人拥有养老床", "天门", "35张" + markText},
			{"每千名老年人拥有养老床", "通道", markBlank},
		} {
			if got := mt.at(t, c.row, c.plan); got != c.want {
				t.Errorf("%dx%d: %s / %s = %q, want %q", size[0], size[1], c.row, c.plan, got, c.want)
			}
		}
		// A target in words is cut to its column, with …
		if got := mt.at(t, "城乡低保标准年度增速", "天门"); !strings.HasPrefix(got, "不低于") {
			t.Errorf("a target in words shows as %q", got)
		}
		// The 2020 row stands in its own group, after the 2025 rows.
		text := strings.Join(mt.lines, "\n")
		g2025, g2020 := strings.Index(text, "2025 · 养老服务"), strings.Index(text, "2020 · 养老服务")
		if g2025 < 0 || g2020 < g2025 {
			t.Errorf("groups: 2025 at %d, 2020 at %d:\n%s", g2025, g2020, text)
		}
		// The legend explains every mark, without colour.
		if !strings.Contains(mt.lines[1], markBinding+" 约束性") || !strings.Contains(mt.lines[1], markText+" from text") || !strings.Contains(mt.lines[1], markBlank+" not set") {
			t.Errorf("legend %q", mt.lines[1])
		}
		// The cursor: ▸ on the first row, ▾ on the first plan's heading.
		if r := mt.rows()[2]; !strings.HasPrefix(r, focusGlyph+" ") {
			t.Errorf("first row %q does not carry the cursor", r)
		}
		if h := mt.cell(mt.lines[mt.head], 0); !strings.HasPrefix(h, markColumn) {
			t.Errorf("first heading %q does not carry the column cursor", h)
		}
	}
}

// The marks are one cell under both width settings.
func TestCompareMarksOneCell(t *testing.T) {
	defer render.InitFromEnv()
	for _, wide := range []bool{false, true} {
		render.SetEastAsian(wide)
		for _, m := range append([]string{markBinding, markText, markClash, markBlank, markMissing, markColumn, markRef, focusGlyph, separator()}, verdictMarks[:]...) {
			if render.Width(m) != 1 {
				t.Errorf("wide=%v: mark %q is %d cells", wide, m, render.Width(m))
			}
		}
		for _, b := range []string{render.Bar(7, 8, 1), render.Bar(1, 8, 1), render.Bar(8, 8, 3), render.BarMark("", 3, 1)} {
			for _, r := range b {
				if render.RuneWidth(r) != 1 {
					t.Errorf("wide=%v: bar character %q is %d cells", wide, r, render.RuneWidth(r))
				}
			}
		}
	}
}

// Every matrix line has its separators at the same display columns, at
// every width, in both width settings, with and without a reference.
func TestCompareColumnsLineUp(t *testing.T) {
	defer render.InitFromEnv()
	for _, wide := range []bool{false, true} {
		render.SetEastAsian(wide)
		for _, w := range []int{60, 72, 80, 100, 120, 160, 200} {
			hs := compareHarness(t, w, 30)
			for _, keys := range [][]string{nil, {"l", "a"}, {"l", "l", "l"}} {
				hs.keys(keys...)
				v := hs.view()
				checkWidths(t, v, w, 30)
				mt := readMatrix(t, v)
				rows := mt.rows()
				if len(rows) < 8 {
					t.Fatalf("wide=%v %d: %d matrix lines:\n%s", wide, w, len(rows), strings.Join(mt.lines, "\n"))
				}
				for _, l := range rows {
					if got := sepColumns(l); fmt.Sprint(got) != fmt.Sprint(mt.seps) {
						t.Errorf("wide=%v w=%d keys %v: separators at %v, want %v, in %q", wide, w, keys, got, mt.seps, l)
					}
				}
			}
		}
	}
}

// l/h move the column cursor; when the plans do not fit they scroll, and
// the indicator column stays.
func TestCompareScrollKeepsFrozenColumn(t *testing.T) {
	plans, ind := syntheticCompare(12)
	hs := newHarness(t, plans, 80, 24)
	hs.send(newCompareMsg(plans, ind))
	hs.keys("c")
	frozen := func(mt matrix) []string {
		var out []string
		for _, l := range mt.rows() {
			out = append(out, render.Truncate(l, mt.seps[0]))
		}
		return out
	}
	first := readMatrix(t, hs.view())
	if first.col("测试0011") >= 0 || first.col("测试0000") != 0 {
		t.Fatalf("headings %q: the test needs plans that do not fit", first.lines[first.head])
	}
	for i := 0; i < 11; i++ {
		hs.keys("l")
	}
	mt := readMatrix(t, hs.view())
	checkWidths(t, hs.view(), 80, 24)
	if hs.m.compare.col != 11 || mt.col("测试0011") < 0 || mt.col("测试0000") >= 0 {
		t.Errorf("after 11 l: cursor on plan %d, headings %q", hs.m.compare.col, mt.lines[mt.head])
	}
	if c := mt.col("测试0011"); !strings.HasPrefix(mt.cell(mt.lines[mt.head], c), markColumn) {
		t.Errorf("the column cursor is not on 测试0011: %q", mt.lines[mt.head])
	}
	if a, b := frozen(first), frozen(mt); fmt.Sprint(a) != fmt.Sprint(b) {
		t.Errorf("the indicator column changed while scrolling:\n%q\n%q", a, b)
	}
	if !strings.Contains(mt.lines[0], "of 12") || strings.Contains(mt.lines[0], "plans 1-") {
		t.Errorf("title does not say which plans are in view: %q", mt.lines[0])
	}
	for i := 0; i < 12; i++ {
		hs.keys("h")
	}
	if mt := readMatrix(t, hs.view()); hs.m.compare.col != 0 || mt.col("测试0000") != 0 {
		t.Errorf("back left: cursor %d, headings %q", hs.m.compare.col, mt.lines[mt.head])
	}
}

// / edits the filter (folded: Traditional matches Simplified), esc
// clears it; the view's / never opens the search.
func TestCompareFilter(t *testing.T) {
	hs := compareHarness(t, 100, 30)
	hs.keys("/")
	if hs.m.focus != focusCompare || !hs.m.compare.editing {
		t.Fatalf("/ in the compare view: focus %d, editing %v", hs.m.focus, hs.m.compare.editing)
	}
	hs.send(keyMsg("床位"))
	names := func() []string {
		var out []string
		for _, ri := range hs.m.compare.rows {
			out = append(out, hs.m.compare.mx.Rows[ri].Name)
		}
		return out
	}
	if got := names(); fmt.Sprint(got) != "[养老机构护理型床位占比 每千名老年人拥有养老床位数]" {
		t.Errorf("床位 keeps %v", got)
	}
	if l := strings.Split(plain(hs.view()), "\n")[1]; !strings.HasPrefix(l, "/ 床位") {
		t.Errorf("the filter line reads %q", l)
	}
	hs.keys("enter") // keeps the filter; the keys are the matrix's again
	if hs.m.compare.editing || len(hs.m.compare.rows) != 2 || !strings.Contains(strings.Split(plain(hs.view()), "\n")[0], "matching 床位") {
		t.Errorf("enter: editing %v, %d rows", hs.m.compare.editing, len(hs.m.compare.rows))
	}
	hs.keys("esc") // clears the filter
	if n := len(hs.m.compare.rows); n != len(hs.m.compare.mx.Rows) || hs.m.focus != focusCompare {
		t.Errorf("esc: %d rows of %d, focus %d", n, len(hs.m.compare.mx.Rows), hs.m.focus)
	}
	// Traditional, full width.
	hs.keys("/")
	hs.send(keyMsg("養老機構"))
	if got := names(); fmt.Sprint(got) != "[养老机构护理型床位占比]" {
		t.Errorf("養老機構 keeps %v", got)
	}
	hs.keys("esc") // while editing: drops the filter
	if hs.m.compare.editing || hs.m.compare.input.Value() != "" || len(hs.m.compare.rows) != len(hs.m.compare.mx.Rows) {
		t.Errorf("esc while editing: editing %v, filter %q", hs.m.compare.editing, hs.m.compare.input.Value())
	}
	hs.keys("/")
	hs.send(keyMsg("没有这个指标"))
	v := plain(hs.view())
	checkWidths(t, v, 100, 30)
	if !strings.Contains(v, "no indicator matches 没有这个指标") {
		t.Errorf("an empty filter result says nothing:\n%s", v)
	}
	hs.keys("esc", "esc") // drop the filter, then leave the view
	if hs.m.focus != focusPlans {
		t.Errorf("esc esc: focus %d, want the plans pane it was opened from", hs.m.focus)
	}
}

// a marks the plan under the column cursor as the reference: cells carry
// the verdict, the heading @; a again on it clears the reference.
func TestCompareReference(t *testing.T) {
	hs := compareHarness(t, 120, 40)
	hs.keys("l", "l", "a") // 懷化
	if hs.m.compare.mx.Ref != 2 {
		t.Fatalf("reference %d, want 2 (懷化)", hs.m.compare.mx.Ref)
	}
	mt := readMatrix(t, hs.view())
	if h := mt.cell(mt.lines[mt.head], mt.col("懷化")); !strings.Contains(h, markRef+"懷化") {
		t.Errorf("the reference heading %q is not marked", h)
	}
	for _, c := range []struct{ row, plan, want string }{
		{"农村低保标准占城市低保", "通道", "-70%"},  // falls short
		{"农村低保标准占城市低保", "天门", "=≥75%"}, // meets
		{"农村低保标准占城市低保", "懷化", markRef + "75% (70)"},
		{"社会工作专业人才总量", "通道", "?300人"}, // a count: not comparable
		{"养老机构护理型床位占比", "天门", "+60%" + markBinding},
		{"养老机构护理型床位占比", "吉首", markMissing + markBlank},
	} {
		if got := mt.at(t, c.row, c.plan); got != c.want {
			t.Errorf("vs 懷化: %s / %s = %q, want %q", c.row, c.plan, got, c.want)
		}
	}
	if !strings.Contains(mt.lines[1], "vs 懷化") || !strings.Contains(mt.lines[1], "-weaker") {
		t.Errorf("no verdict legend: %q", mt.lines[1])
	}
	// The status line gives the verdict and its reason.
	hs.keys("g")
	for hs.m.compare.row().Name != "社会工作专业人才总量" {
		hs.keys("j")
	}
	hs.keys("h")
	if st := strings.Split(plain(hs.view()), "\n")[38]; !strings.Contains(st, "not comparable: a count") {
		t.Errorf("status line %q", st)
	}
	hs.keys("l", "a")
	if hs.m.compare.mx.Ref != -1 || strings.Contains(readMatrix(t, hs.view()).lines[2], markRef) {
		t.Errorf("a on the reference did not clear it")
	}
}

// r ranks a row: every plan's value sorted (s reverses), one bar each, the
// reference's value a mark across the bars, the plans that set nothing
// listed; r or esc returns to the matrix.
func TestCompareRank(t *testing.T) {
	hs := compareHarness(t, 100, 30)
	ranked := func() []string {
		var out []string
		lines := strings.Split(plain(hs.view()), "\n")
		for _, l := range lines[2 : len(lines)-2] {
			for _, n := range []string{"天门", "通道", "懷化"} {
				if strings.Contains(render.Truncate(l, 20), n) {
					out = append(out, n)
				}
			}
		}
		return out
	}
	// 养老机构护理型床位占比: the first row of its group.
	for hs.m.compare.row().Name != "养老机构护理型床位占比" {
		hs.keys("j")
	}
	hs.keys("r")
	if !hs.m.compare.ranking {
		t.Fatal("r did not rank the row")
	}
	v := plain(hs.view())
	checkWidths(t, v, 100, 30)
	if got := fmt.Sprint(ranked()); got != "[天门 通道 懷化]" {
		t.Errorf("largest first: %s\n%s", got, v)
	}
	if !strings.Contains(v, "set nothing (1):") || !strings.Contains(v, "吉首") {
		t.Errorf("the plan that sets nothing is not listed:\n%s", v)
	}
	if !strings.Contains(v, "█") {
		t.Errorf("no bars:\n%s", v)
	}
	hs.keys("s")
	if got := fmt.Sprint(ranked()); got != "[通道 懷化 天门]" {
		t.Errorf("smallest first: %s\n%s", got, plain(hs.view()))
	}
	hs.keys("r")
	if hs.m.compare.ranking || hs.m.focus != focusCompare {
		t.Errorf("r in the ranked list did not return to the matrix")
	}

	// Against 懷化, on 农村低保标准占城市低保标准比例: 通道 falls short.
	hs.keys("g", "l", "l", "a", "r")
	v = plain(hs.view())
	lines := strings.Split(v, "\n")
	var short, mark int
	for _, l := range lines[2:] {
		if strings.Contains(l, "通道") && strings.Contains(l, "- short of 懷化") {
			short++
		}
		if strings.Contains(l, "█") && strings.Contains(l, separator()) {
			mark++
		}
	}
	if short != 1 || mark != 3 {
		t.Errorf("against 懷化: %d lines mark 通道 short, %d bars carry the reference line:\n%s", short, mark, v)
	}
	hs.keys("esc")
	if hs.m.compare.ranking {
		t.Errorf("esc did not leave the ranked list")
	}
}

// Enter on a cell shows its source in the reader, highlighted; back
// returns to the compare view as it was (cursor, filter, scroll).
func TestCompareJumpAndBack(t *testing.T) {
	lipgloss.SetColorProfile(termenv.TrueColor)
	defer lipgloss.SetColorProfile(termenv.Ascii)
	plans := comparePlans()
	hs := &harness{t: t, m: New(plans)}
	hs.send(tea.WindowSizeMsg{Width: 100, Height: 30}, newCompareMsg(plans, compareIndicators()))
	hs.keys("c", "/")
	hs.send(keyMsg("床位"))
	hs.keys("enter")
	cp := hs.m.compare
	before := struct{ sel, col, top int }{cp.list.cursor, cp.col, cp.top}

	// 天门's table row: the name cell is highlighted.
	hs.keys("enter")
	if hs.m.focus != focusReader || hs.m.cur != 0 {
		t.Fatalf("enter on 天门's cell: focus %d, plan %d", hs.m.focus, hs.m.cur)
	}
	if hl := hs.m.reader.hl; hl == nil || !hl.cell || !strings.Contains(hs.view(), hs.m.c.styles.Highlight.pre) {
		t.Errorf("the table row is not highlighted:\n%s", plain(hs.view()))
	}
	hs.keys("backspace")
	after := struct{ sel, col, top int }{cp.list.cursor, cp.col, cp.top}
	if hs.m.focus != focusCompare || after != before || cp.input.Value() != "床位" {
		t.Errorf("back: focus %d, cursor %+v (was %+v), filter %q", hs.m.focus, after, before, cp.input.Value())
	}

	// A sentence in another plan (通道): the plan opens, back returns.
	hs.keys("l", "enter")
	if hs.m.focus != focusReader || hs.m.cur != 1 {
		t.Fatalf("enter on 通道's cell: focus %d, plan %d", hs.m.focus, hs.m.cur)
	}
	lines := strings.Split(plain(hs.view()), "\n")
	if st := lines[len(lines)-2]; !strings.Contains(st, "通道侗族自治县") {
		t.Errorf("status line %q does not name the plan", st)
	}
	if !strings.Contains(hs.view(), hs.m.c.styles.Highlight.Render("坚持")) {
		t.Errorf("the sentence is not highlighted")
	}
	hs.keys("ctrl+o")
	if hs.m.focus != focusCompare || hs.m.cur != 0 || cp.col != 1 {
		t.Errorf("ctrl+o: focus %d, plan %d, column %d", hs.m.focus, hs.m.cur, cp.col)
	}

	// From the ranked list: 2020 每千名老年人拥有养老床位数, smallest
	// first, so 天门's sentence.
	hs.keys("j", "r", "s", "enter")
	if hs.m.focus != focusReader || hs.m.cur != 0 || !strings.Contains(hs.view(), hs.m.c.styles.Highlight.Render("护理型床位")) {
		t.Errorf("enter in the ranked list: focus %d, plan %d", hs.m.focus, hs.m.cur)
	}
	hs.keys("backspace")
	if hs.m.focus != focusCompare || !cp.ranking {
		t.Errorf("back to the ranked list: focus %d, ranking %v", hs.m.focus, cp.ranking)
	}
	// Enter on a plan that sets nothing does nothing.
	hs.keys("r", "h", "h", "h", "l", "l", "l", "enter")
	if hs.m.focus != focusCompare {
		t.Errorf("enter on an empty cell left the view")
	}
}

// The matrix is read in a command the first time the view opens, with a
// line saying so meanwhile, and kept.
func TestCompareBuildsOnce(t *testing.T) {
	plans := testPlans()
	hs := newHarness(t, plans, 80, 24)
	_, cmd := hs.m.Update(keyMsg("c"))
	if cmd == nil {
		t.Fatal("opening the view started no command")
	}
	if v := plain(hs.view()); !strings.Contains(v, "reading indicators…") {
		t.Errorf("no word while reading:\n%s", v)
	}
	hs.send(runCmd(cmd)...)
	if hs.m.compare.mx == nil {
		t.Fatal("the matrix did not arrive")
	}
	mx := hs.m.compare.mx
	hs.keys("c") // leave
	if hs.m.focus != focusPlans {
		t.Errorf("c in the view: focus %d", hs.m.focus)
	}
	if hs.m.Update(keyMsg("c")); hs.m.compare.building || hs.m.compare.mx != mx {
		t.Errorf("the matrix was read again")
	}
	checkWidths(t, hs.view(), 80, 24)
}

// The keys line, the help overlay and tab.
func TestCompareKeysAndHelp(t *testing.T) {
	hs := compareHarness(t, 80, 24)
	lines := strings.Split(plain(hs.view()), "\n")
	if kl := lines[23]; !strings.Contains(kl, "/ filter") || !strings.Contains(kl, "r rank") {
		t.Errorf("key line %q", kl)
	}
	hs.keys("?")
	v := plain(hs.view())
	for _, want := range []string{"compare", "filter", "reference", "rank", "reverse", "source", "column right"} {
		if !strings.Contains(v, want) {
			t.Errorf("help overlay lacks %q:\n%s", want, v)
		}
	}
	hs.keys("esc", "tab")
	if hs.m.focus != focusPlans {
		t.Errorf("tab in the view: focus %d, want the pane it was opened from", hs.m.focus)
	}
	hs.keys("tab", "tab", "c", "[", "]", "shift+tab")
	if hs.m.focus != focusReader {
		t.Errorf("shift+tab in the view: focus %d, want the reader", hs.m.focus)
	}
	// Outside the view, the key line offers c.
	if kl := strings.Split(plain(hs.view()), "\n")[23]; !strings.Contains(kl, "c compare") {
		t.Errorf("key line %q", kl)
	}
}

// Text from a plan never reaches the terminal with control characters.
func TestCompareNoControlCharacters(t *testing.T) {
	lipgloss.SetColorProfile(termenv.TrueColor)
	defer lipgloss.SetColorProfile(termenv.Ascii)
	evil := "\x1b[31m红\x1b]0;title\x07\x00\r\x08\u009b2J\u0085字\x7f"
	plans := comparePlans()
	plans[1].Region = "通道" + evil + "县"
	ind := compareIndicators()
	for p := range ind {
		for i := range ind[p] {
			in := &ind[p][i]
			in.Name += evil
			in.Unit += evil
			in.Base += evil
			in.Target += evil
		}
	}
	sgr := regexp.MustCompile("\x1b\\[[0-9;]*m")
	hs := &harness{t: t, m: New(plans)}
	hs.send(tea.WindowSizeMsg{Width: 120, Height: 30}, newCompareMsg(plans, ind))
	hs.keys("c")
	for _, step := range [][]string{nil, {"l", "a"}, {"j", "r"}, {"s", "j"}} {
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
		if !strings.Contains(rest, "红") || strings.Contains(rest, "[31m") {
			t.Errorf("sanitised text missing or escape residue left")
		}
	}
}

// TestCompareGolden draws the compare view at 80×24 and 200×50: the
// matrix, against a reference, and a ranked row.
func TestCompareGolden(t *testing.T) {
	states := []viewState{
		{"compare", nil},
		{"compare-against", []string{"l", "l", "a", "j"}},
		{"compare-rank", []string{"j", "j", "l", "l", "a", "r"}},
	}
	viewGoldens(t, compareHarness, states)
}

// On the embedded plans, the bed indicator reads as the plans' tables
// state it.
func TestCompareSeeds(t *testing.T) {
	plans := seedPlans(t)
	hs := newHarness(t, plans, 200, 50)
	hs.keys("c", "/")
	hs.send(keyMsg("床位"))
	hs.keys("enter")
	if len(hs.m.compare.rows) == 0 {
		t.Skip("indicator extraction finds no bed indicator in the seeds (yet)")
	}
	mt := readMatrix(t, hs.view())
	for plan, want := range map[string]string{"通道": "≥55%" + markBinding, "懷化": "≥55%" + markBinding, "天门": "60%" + markBinding, "吉首": markBlank} {
		if got := mt.at(t, "养老机构护理型床位占比", plan); got != want {
			t.Errorf("养老机构护理型床位占比 / %s = %q, want %q", plan, got, want)
		}
	}
	if !strings.Contains(strings.Join(mt.lines, "\n"), "2020 · 养老服务") {
		t.Errorf("no 2020 group:\n%s", strings.Join(mt.lines, "\n"))
	}
}

// syntheticCompare makes n plans and targets for them: 40 indicators, each
// set by most plans, with varied values, units and sources.
func syntheticCompare(n int) ([]*model.Plan, [][]indicator.Indicator) {
	names := []string{"养老机构护理型床位占比", "农村低保标准占城市低保标准比例", "困难残疾人生活补贴覆盖率", "重度残疾人护理补贴覆盖率",
		"婚姻登记跨省通办实施率", "县级公益性安葬设施覆盖率", "乡镇未成年人保护工作站覆盖率", "社会工作专业人才总量",
		"志愿服务站点覆盖率", "每百户居民拥有的城乡社区综合服务设施面积"}
	plans := make([]*model.Plan, n)
	ind := make([][]indicator.Indicator, n)
	for i := range plans {
		id := fmt.Sprintf("plan-%04d", i)
		plans[i] = &model.Plan{ID: id, Title: fmt.Sprintf("第%d县民政事业发展规划", i), Region: fmt.Sprintf("测试%04d县", i), Source: id + ".txt",
			Sections: []*model.Section{{Path: "1", Level: 1, Kind: model.KindChapter, Number: "第一章", Title: "主要指标", Line: 3,
				Blocks: []model.Block{{Kind: model.Paragraph, Text: "到2025年，养老机构护理型床位占比达到55%以上。", Line: 4}}}}}
		for k := 0; k < 40; k++ {
			if (i*7+k*3)%5 == 0 {
				continue // set by four plans in five
			}
			name := names[k%len(names)]
			year := 2025
			if k >= len(names)*3 {
				year = 2020
			}
			if k >= len(names) {
				name += fmt.Sprint("（", k/len(names), "）")
			}
			unit, v := "%", float64(40+(i*13+k*7)%60)
			if strings.HasSuffix(name, "总量") {
				unit, v = "人", float64(100+(i*37)%900)
			}
			in := indicator.Indicator{Plan: id, Region: plans[i].Region, Name: name, Key: indicator.Key(name) + fmt.Sprint(k), Unit: unit, Year: year,
				Target: fmt.Sprint("≥", v), Comparator: "≥", Value: num(v), Norm: num(v), NormUnit: unit, From: indicator.FromTable,
				Loc: model.Location{Plan: id, Section: "1", Block: 0, Row: -1, Col: -1}, Sub: -1, End: len("到2025年")}
			if k%3 == 0 {
				in.Attribute = "约束性"
			}
			if k%4 == 0 {
				in.From = indicator.FromText
			}
			if k%5 == 0 {
				in.Base = fmt.Sprint(v - 10)
			}
			ind[i] = append(ind[i], in)
		}
	}
	return plans, ind
}

// With 1,000 plans, the matrix scrolls sideways and the ranked list lists
// every plan: every frame fits the screen.
func TestCompare1000Plans(t *testing.T) {
	plans, ind := syntheticCompare(1000)
	hs := newHarness(t, plans, 200, 50)
	hs.send(newCompareMsg(plans, ind))
	hs.keys("c")
	for i := 0; i < 30; i++ {
		hs.keys("l")
	}
	mt := readMatrix(t, hs.view())
	checkWidths(t, hs.view(), 200, 50)
	if hs.m.compare.col != 30 || mt.col("测试0030") < 0 {
		t.Errorf("after 30 l: cursor %d, headings %q", hs.m.compare.col, mt.lines[mt.head])
	}
	hs.keys("a", "r")
	cp := hs.m.compare
	if len(cp.ranked)+len(cp.missing) != 1000 {
		t.Errorf("ranked %d + missing %d plans, want 1000", len(cp.ranked), len(cp.missing))
	}
	for i := 1; i < len(cp.ranked); i++ {
		if *cp.ranked[i].In.Norm > *cp.ranked[i-1].In.Norm {
			t.Fatalf("not sorted at %d", i)
		}
	}
	hs.keys("G")
	v := plain(hs.view())
	checkWidths(t, hs.view(), 200, 50)
	if last := cp.short[cp.missing[len(cp.missing)-1]]; !strings.Contains(v, last) {
		t.Errorf("the end of the ranked list lacks %s:\n%s", last, v)
	}
}

// No plans, or plans that set no target: the view says so, and no key
// breaks it; a resize keeps the cursor.
func TestCompareEmptyAndResize(t *testing.T) {
	for _, plans := range [][]*model.Plan{nil, testPlans()[1:]} {
		hs := newHarness(t, plans, 80, 24)
		hs.keys("c")
		if v := plain(hs.view()); !strings.Contains(v, "no indicator targets found") {
			t.Errorf("%d plans: %s", len(plans), v)
		}
		hs.keys("j", "l", "a", "r", "s", "enter", "/", "x", "enter", "G")
		checkWidths(t, hs.view(), 80, 24)
		if hs.m.focus != focusCompare {
			t.Errorf("%d plans: focus %d", len(plans), hs.m.focus)
		}
	}
	hs := compareHarness(t, 200, 50)
	hs.keys("j", "j", "l", "l")
	hs.send(tea.WindowSizeMsg{Width: 80, Height: 24})
	checkWidths(t, hs.view(), 80, 24)
	if cp := hs.m.compare; cp.list.cursor != 2 || cp.col != 2 {
		t.Errorf("after a resize: cursor %d, column %d", cp.list.cursor, cp.col)
	}
	if mt := readMatrix(t, hs.view()); mt.col(markColumn) < 0 {
		t.Errorf("the column cursor is out of view after a resize: %q", mt.lines[mt.head])
	}
	checkMatrixLinesUp(t, readMatrix(t, hs.view()))
}

// A table row that a sentence of the same plan contradicts is marked, and
// the status line says what the sentence states.
func TestCompareConflict(t *testing.T) {
	hs := compareHarness(t, 200, 50)
	for i := 0; i < 10 && !strings.Contains(hs.m.compare.Status(), "养老机构护理型床位占比"); i++ {
		hs.keys("j")
	}
	hs.keys("l") // 通道
	if st := hs.m.compare.Status(); !strings.Contains(st, "通道") || !strings.Contains(st, "line 40 says 不低于50%") {
		t.Errorf("status %q", st)
	}
}
