package pdf

import (
	"math"
	"strings"
	"testing"

	"planview/formats/internal/plantext"
)

// Synthetic pages: the layout rules without the engine. A4 in points;
// characters as wide as their size (half for ASCII).

const (
	pageW, pageH = 595.0, 842.0
	left, right  = 70.0, 525.0
)

// put lays s out from x on baseline base.
func put(x, base, size float64, s string) []char {
	var out []char
	for _, r := range s {
		w := size
		if r < 0x80 {
			w = size / 2
		}
		out = append(out, char{r: r, x0: x, x1: x + w, y0: base - 0.12*size, y1: base + 0.88*size, base: base, size: size})
		x += w
	}
	return out
}

// body lays a paragraph out as lines of the text width, the first indented
// two characters, from baseline base down; it returns the next baseline.
func body(p *page, base, size float64, s string) float64 {
	return colText(p, left, right, base, size, s)
}

func newPage(n int) page { return page{n: n, w: pageW, h: pageH} }

func text(bs []plantext.Block) string { return string(plantext.Write(bs)) }

// Running headers and page numbers go; a paragraph broken by the page
// break is one again; a short last line ends a paragraph; a heading is a
// paragraph of its own.
func TestPagesAndParagraphs(t *testing.T) {
	p1, p2 := newPage(1), newPage(2)
	for _, p := range []*page{&p1, &p2} {
		p.chars = append(p.chars, put(220, 790, 9, "某县民政事业发展规划")...)
	}
	p1.chars = append(p1.chars, put(285, 50, 9, "— 1 —")...)
	p2.chars = append(p2.chars, put(285, 50, 9, "— 2 —")...)
	p1.chars = append(p1.chars, put(left, 740, 16, "第一章 总体要求")...)
	// A paragraph that fills the page's last lines and goes on overleaf.
	l1 := strings.Repeat("推", 39)
	l2 := strings.Repeat("进", 41)
	p1.chars = append(p1.chars, put(left+22, 700, 11, l1)...)
	p1.chars = append(p1.chars, put(left, 683.5, 11, l2)...)
	p2.chars = append(p2.chars, put(left, 740, 11, "写完。")...)
	body(&p2, 715, 11, "第二段。")
	got := text(layout([]page{p1, p2}))
	want := "第一章 总体要求\n" + l1 + l2 + "写完。\n第二段。\n"
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

// A ruled grid: merged cells where rules are missing (a header cell over
// two columns, a cell down two rows), each cell's wrapped lines its lines.
func TestRuledTable(t *testing.T) {
	p := newPage(1)
	// Columns at 70 | 130 | 330 | 430 | 525; rows at 700 | 680 | 660 | 620.
	xs := []float64{70, 130, 330, 430, 525}
	ys := []float64{700, 680, 660, 620}
	hr := func(y, x0, x1 float64) { p.rules = append(p.rules, rule{x0, y, x1, y}) }
	vr := func(x, y0, y1 float64) { p.rules = append(p.rules, rule{x, y0, x, y1}) }
	hr(700, 70, 525)
	hr(680, 70, 525)
	hr(660, 70, 430) // the last column merged down rows 2 and 3
	hr(620, 70, 525)
	vr(70, 620, 700)
	vr(130, 620, 700)
	vr(330, 620, 700)
	vr(430, 620, 700)
	vr(525, 620, 700)
	_ = xs
	_ = ys
	p.chars = append(p.chars, put(80, 686, 10, "序号")...)
	p.chars = append(p.chars, put(200, 686, 10, "指标")...)
	p.chars = append(p.chars, put(350, 686, 10, "2025年")...)
	p.chars = append(p.chars, put(450, 686, 10, "属性")...)
	p.chars = append(p.chars, put(90, 666, 10, "1")...)
	p.chars = append(p.chars, put(140, 666, 10, "城乡低保标准")...)
	p.chars = append(p.chars, put(350, 666, 10, "≥780")...)
	p.chars = append(p.chars, put(450, 646, 10, "约束性")...) // centred over its two rows
	p.chars = append(p.chars, put(90, 638, 10, "2")...)
	p.chars = append(p.chars, put(140, 645, 10, "养老机构护理型")...)
	p.chars = append(p.chars, put(140, 630, 10, "床位占比")...)
	p.chars = append(p.chars, put(350, 638, 10, "≥55")...)
	got := text(layout([]page{p}))
	want := "\t序号\n\t指标\n\t2025年\n\t属性\n\n" +
		"\t1\n\t城乡低保标准\n\t≥780\n\t约束性\n\n" +
		"\t2\n\t养老机构护理型\n床位占比\n\t≥55\n\t\n"
	if got != want {
		t.Errorf("got\n%q\nwant\n%q", got, want)
	}
}

// No rules: lines in three or more columns with wide gaps are a table; a
// cell wrapped onto a second line stays in its row.
func TestUnruledTable(t *testing.T) {
	p := newPage(1)
	p.chars = append(p.chars, put(left, 740, 11, "表1 主要指标")...)
	row := func(base float64, cells ...string) {
		for i, c := range cells {
			p.chars = append(p.chars, put(left+float64(i)*110, base, 10, c)...)
		}
	}
	row(715, "序号", "指标", "2020年", "2025年")
	row(700, "1", "城乡低保标准", "620", "≥780")
	row(685, "2", "养老机构护理型", "30", "≥55")
	row(673, "", "床位占比（%）")
	row(655, "3", "社区覆盖率", "85", "100")
	p.chars = append(p.chars, put(left+22, 620, 11, "表后的正文。")...)
	got := text(layout([]page{p}))
	want := "表1 主要指标\n" +
		"\t序号\n\t指标\n\t2020年\n\t2025年\n\n" +
		"\t1\n\t城乡低保标准\n\t620\n\t≥780\n\n" +
		"\t2\n\t养老机构护理型\n床位占比（%）\n\t30\n\t≥55\n\n" +
		"\t3\n\t社区覆盖率\n\t85\n\t100\n\n" +
		"表后的正文。\n"
	if got != want {
		t.Errorf("got\n%q\nwant\n%q", got, want)
	}
}

// A footnote under the rule at the foot of the page goes under the
// paragraph whose superscript mark points to it.
func TestFootnote(t *testing.T) {
	p := newPage(1)
	p.chars = append(p.chars, put(left+22, 700, 11, "全市低保标准达到每月650元。")...)
	mark := put(left+22+14*11, 704, 7, "1")
	p.chars = append(p.chars, mark...)
	p.chars = append(p.chars, put(left+22, 680, 11, "下一段。")...)
	p.rules = append(p.rules, rule{left, 110, left + 120, 110})
	p.chars = append(p.chars, put(left, 100, 6, "1")...)
	p.chars = append(p.chars, put(left+4, 98, 9, "数据来源：市民政局统计年报。")...)
	got := text(layout([]page{p}))
	want := "全市低保标准达到每月650元。\n注：数据来源：市民政局统计年报。\n下一段。\n"
	if got != want {
		t.Errorf("got\n%q\nwant\n%q", got, want)
	}
}

// colText lays a paragraph out in the column from x0 to x1, the first line
// indented two characters, from baseline base down; it returns the next
// baseline.
func colText(p *page, x0, x1, base, size float64, s string) float64 {
	rs := []rune(s)
	per := int((x1 - x0) / size)
	x, n := x0+2*size, per-2
	for len(rs) > 0 {
		n = min(n, len(rs))
		p.chars = append(p.chars, put(x, base, size, string(rs[:n]))...)
		rs = rs[n:]
		base -= 1.5 * size
		x, n = x0, per
	}
	return base
}

// A page in two columns under a title across both: the left column is read
// before the right, a paragraph runs on from the foot of the left column to
// the head of the right, a table across the page cuts the columns into
// bands; the next page, its text in the left column only, keeps the
// columns.
func TestTwoColumns(t *testing.T) {
	const lx0, lx1, rx0, rx1 = 70.0, 286.0, 309.0, 525.0
	p1, p2 := newPage(1), newPage(2)
	p1.chars = append(p1.chars, put(200, 760, 16, "某县养老服务发展规划")...)
	// Left column: a heading, one paragraph of 4 lines, the first half of
	// a paragraph that the right column finishes.
	p1.chars = append(p1.chars, put(lx0, 720, 11, "一、发展基础")...)
	b := colText(&p1, lx0, lx1, 700, 11, strings.Repeat("左", 60))
	first := strings.Repeat("续", 17+19) // the indented line and a full one
	colText(&p1, lx0, lx1, b, 11, first)
	// Right column, level with the left: the paragraph's end, a heading,
	// a paragraph.
	p1.chars = append(p1.chars, put(rx0, 720, 11, strings.Repeat("完", 10)+"。")...)
	p1.chars = append(p1.chars, put(rx0, 700, 11, "二、主要任务")...)
	colText(&p1, rx0, rx1, 680, 11, strings.Repeat("右", 50))
	// A table across the page under both columns, then columns again.
	row := func(p *page, base float64, cells ...string) {
		for i, c := range cells {
			p.chars = append(p.chars, put(lx0+float64(i)*115, base, 10, c)...)
		}
	}
	row(&p1, 560, "序号", "指标", "2020年", "2025年")
	row(&p1, 545, "1", "护理型床位占比", "30", "≥55")
	row(&p1, 530, "2", "社区覆盖率", "85", "100")
	colText(&p1, lx0, lx1, 490, 11, strings.Repeat("甲", 50))
	colText(&p1, rx0, rx1, 490, 11, strings.Repeat("乙", 50))
	p1.chars = append(p1.chars, put(285, 50, 9, "— 1 —")...)
	// Page 2: the left column only.
	colText(&p2, lx0, lx1, 760, 11, strings.Repeat("丙", 50))
	p2.chars = append(p2.chars, put(285, 50, 9, "— 2 —")...)
	got := text(layout([]page{p1, p2}))
	want := "某县养老服务发展规划\n一、发展基础\n" + strings.Repeat("左", 60) + "\n" +
		first + strings.Repeat("完", 10) + "。\n二、主要任务\n" + strings.Repeat("右", 50) + "\n" +
		"\t序号\n\t指标\n\t2020年\n\t2025年\n\n" +
		"\t1\n\t护理型床位占比\n\t30\n\t≥55\n\n" +
		"\t2\n\t社区覆盖率\n\t85\n\t100\n\n" +
		strings.Repeat("甲", 50) + "\n" + strings.Repeat("乙", 50) + "\n" + strings.Repeat("丙", 50) + "\n"
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

// Pages that are not in columns though a gap runs down their middle: a
// table whose columns are two (a long name, a long description: its rows
// stand on both sides of the gap, line by line), and a page of short lines.
func TestNotColumns(t *testing.T) {
	p := newPage(1)
	for i := range 8 {
		base := 740 - float64(i)*20
		p.chars = append(p.chars, put(70, base, 11, strings.Repeat("名", 12))...)
		p.chars = append(p.chars, put(320, base, 11, strings.Repeat("述", 18))...)
	}
	lines := buildLines(p.chars, 1)
	if c := findColumns(lines, &p); c != nil {
		t.Errorf("a two-column table read as columns (gutter %.0f)", c.gutter)
	}
	q := newPage(1)
	for i := range 10 {
		q.chars = append(q.chars, put(70, 740-float64(i)*40, 11, "短行")...)
		q.chars = append(q.chars, put(320, 720-float64(i)*40, 11, "短行")...)
	}
	if c := findColumns(buildLines(q.chars, 1), &q); c != nil {
		t.Errorf("short lines read as columns (gutter %.0f)", c.gutter)
	}
}

// Positions a damaged PDF makes up (NaN, infinities, a page a million
// points wide) give one column, not a panic or a gutter table of that size.
func TestColumnsDamagedPositions(t *testing.T) {
	for _, x := range []float64{math.NaN(), math.Inf(1), 1e6, 1e12} {
		p := newPage(1)
		for i := range 10 {
			p.chars = append(p.chars, put(70, 700-float64(i)*20, 11, strings.Repeat("字", 18))...)
			p.chars = append(p.chars, put(320, 700-float64(i)*20, 11, strings.Repeat("字", 18))...)
		}
		p.chars = append(p.chars, char{r: '坏', x0: x, x1: x + 11, y0: 500, y1: 511, base: 501, size: 11})
		text(layout([]page{p})) // must not panic
		if c := findColumns(buildLines(p.chars, 1), &p); c != nil && (math.IsNaN(c.gutter) || math.IsInf(c.gutter, 0)) {
			t.Errorf("x %v: gutter at %v", x, c.gutter)
		}
	}
}
