package loader

import (
	"strings"
	"testing"

	"planview/model"
)

func TestNormText(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"首市 2018 年在全州 8 县市率先脱贫", "首市2018年在全州8县市率先脱贫"},
		{"全县 50% 以上", "全县50%以上"},
		{"项目总投资 5.5 亿元。", "项目总投资5.5亿元。"},
		{"打造国家 3A 级婚姻登记机关", "打造国家3A级婚姻登记机关"},
		{"到2025年， 城市低保标准", "到2025年，城市低保标准"},
		{"      懷化市“十四五”民政事業發展規劃", "懷化市“十四五”民政事業發展規劃"},
		{"\u3000\u3000二、提升民政公共服务水平。", "二、提升民政公共服务水平。"},
		{"\u00a0 通道县 ", "通道县"},
		// Spaces between Chinese words and between numbers stay.
		{"吉首市民政局 吉首市发展和改革局 文件", "吉首市民政局 吉首市发展和改革局 文件"},
		{"10000 m²", "10000 m²"},
	} {
		if got := normText(c.in); got != c.want {
			t.Errorf("normText(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// blockSpanLines checks that every byte of a block maps to a source line
// that holds that text.
func checkSpans(t *testing.T, lines []Line, b model.Block) {
	t.Helper()
	spans := b.Spans
	if len(spans) == 0 { // a block from one line: all of it is on b.Line
		spans = []model.Span{{Off: 0, Line: b.Line}}
	} else if len(spans) == 1 || spans[0].Off != 0 || spans[0].Line != b.Line {
		t.Fatalf("block @%d: bad spans %v (none for one line, else the first at 0 on the block's line)", b.Line, b.Spans)
	}
	src := map[int]string{}
	for _, l := range lines {
		src[l.N] = normText(l.Text)
	}
	for i, s := range spans {
		end := len(b.Text)
		if i+1 < len(spans) {
			end = spans[i+1].Off
		}
		part := b.Text[s.Off:end]
		if !strings.Contains(src[s.Line], part) {
			t.Errorf("block @%d: span %d text %q is not on line %d (%q)", b.Line, i, part, s.Line, src[s.Line])
		}
		if b.LineAt(s.Off) != s.Line || b.LineAt(end-1) != s.Line {
			t.Errorf("block @%d: LineAt disagrees with span %d", b.Line, i)
		}
	}
}

func TestBrokenParagraphs(t *testing.T) {
	p := buildFile(t, "broken-paragraph.txt")
	lines := rawLines(readFile(t, "broken-paragraph.txt"))
	bs := allBlocks(p)
	texts := map[int]model.Block{}
	for _, b := range bs {
		texts[b.Line] = b
		checkSpans(t, lines, b)
	}
	// A paragraph broken across blank lines and a page is one block, with
	// the PDF spaces between Chinese and digits gone.
	b, ok := texts[7]
	if !ok {
		t.Fatalf("no block at line 7: %v", headings(p))
	}
	if want := "为吉首市2018年在全州8县市率先脱贫做出了积极贡献。全县50%以上的乡镇完成了建设任务。"; !strings.HasSuffix(b.Text, want) {
		t.Errorf("rejoined paragraph = %q, want suffix %q", b.Text, want)
	}
	if len(b.Spans) != 3 || b.Spans[1].Line != 9 || b.Spans[2].Line != 11 {
		t.Errorf("spans = %v, want lines 7, 9, 11", b.Spans)
	}
	if b.LineAt(strings.Index(b.Text, "首市")) != 9 || b.LineAt(len(b.Text)-1) != 11 {
		t.Errorf("LineAt maps wrongly: %v", b.Spans)
	}
	// A "——" item broken mid-clause is rejoined too.
	if d := texts[13]; !strings.Contains(d.Text, "运行规范、") || len(d.Spans) != 2 {
		t.Errorf("dash item = %q %v", d.Text, d.Spans)
	}
	// A line ending in a number may have lost its full stop: no join.
	if d := texts[17]; d.Text != "社会组织数达到10.57%" {
		t.Errorf("line 17 = %q, joined wrongly", d.Text)
	}
	// Front matter lines stay apart.
	if d := texts[1]; len(d.Spans) != 0 { // one line: no spans
		t.Errorf("front matter joined: %q", d.Text)
	}
}

func TestContinuesAdjacentWordLines(t *testing.T) {
	p := build(rawLines("市民政局关于印发《天门市民政\n事业发展“十四五”规划》的通知\n第一章 发展思路\n第一节 发展基础\n“十三五”期间，各项工作稳步推进：\n（一）基本民生保障更加有力\n天门市民政局办公室 2022年8月8日印\n38\n"))
	if len(p.Preamble) != 1 || p.Preamble[0].Text != "市民政局关于印发《天门市民政事业发展“十四五”规划》的通知" {
		t.Fatalf("preamble = %+v", p.Preamble)
	}
	if got := p.Title; got != "天门市民政事业发展“十四五”规划" {
		t.Errorf("title = %q", got)
	}
	s := p.Find("1.1.1")
	if s == nil || len(s.Blocks) != 2 || s.Blocks[1].Text != "38" {
		t.Fatalf("a bare number must not be joined to the line above: %+v", s)
	}
}

func readFile(t *testing.T, name string) string {
	t.Helper()
	b, err := readStructure(name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
