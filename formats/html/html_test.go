package html

import (
	"errors"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"

	"planview/formats/internal/plantext"
)

func convert(t *testing.T, page string) string {
	t.Helper()
	out, err := readText("page.html", []byte(page))
	if err != nil {
		t.Fatal(err)
	}
	return string(out)
}

func gbk(t *testing.T, s string) []byte {
	t.Helper()
	b, err := simplifiedchinese.GBK.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// A portal's page, encoded GBK with the charset declared after a long
// comment (past the 1,024 bytes the HTML prescan reads): the declared
// charset is honoured; navigation, search form, breadcrumbs, publication
// line, related links, link spam and footer are dropped; the article stays.
func TestPortalPageGBK(t *testing.T) {
	page := `<!DOCTYPE html><html><head><!--` + strings.Repeat(" 模板 ", 300) + `-->
<meta http-equiv="Content-Type" content="text/html; charset=GB2312">
<title>某市民政事业发展规划_政府网</title><script>var x = "<p>不是正文</p>";</script><style>p{color:red}</style></head>
<body><div class="head"><a href="/">首页</a><form><input value="搜索"></form></div>
<ul class="nav"><li><a href="/a">政务公开</a></li><li><a href="/b">政策文件</a></li><li><a href="/c">办事服务</a></li></ul>
<div class="wrap"><div class="pos">当前位置：<a href="/">首页</a> &gt; <a href="/z">政务公开</a> &gt; <a href="/g">规划计划</a></div>
<div class="content"><div class="meta">发布时间：2021-12-20 来源：市民政局 <a href="javascript:print()">打印</a></div>
<div id="text">
<p>某市民政事业发展“十四五”规划</p>
<p>　　第一章　总体要求</p>
<p>　　一、发展基础</p>
<p>　　“十三五”以来，全市民政事业取得长足发展，<span style="display:none">隐藏文字</span>兜底保障能力明显增强。</p>
<p>　　二、发展目标<br>　　到2025年，养老机构护理型床位占比达到60%以上。</p>
</div></div>
<div class="links"><a href="http://x1.example/">某市二手车</a><br><a href="http://x2.example/">某市招聘</a><br><a href="http://x3.example/">某市装修</a><br><a href="http://x4.example/">某市婚纱摄影</a></div>
</div><div class="foot">主办单位：某市人民政府办公室 <a href="/map">网站地图</a></div></body></html>`
	got := convert(t, string(gbk(t, page)))
	want := "某市民政事业发展“十四五”规划\n第一章　总体要求\n一、发展基础\n“十三五”以来，全市民政事业取得长足发展，兜底保障能力明显增强。\n二、发展目标\n到2025年，养老机构护理型床位占比达到60%以上。\n"
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

// A page with no declared charset is UTF-8 when its bytes are, else
// GB18030.
func TestUndeclaredCharset(t *testing.T) {
	for name, data := range map[string][]byte{
		"utf-8": []byte("<p>第一章 总体要求</p>"),
		"gbk":   gbk(t, "<p>第一章 总体要求</p>"),
	} {
		out, err := readText("page.htm", data)
		if err != nil || string(out) != "第一章 总体要求\n" {
			t.Errorf("%s: got %q, %v", name, out, err)
		}
	}
}

// Link spam with no container of its own: a run of three or more lines of
// nothing but links after the article goes; a line with one link in the
// text stays.
func TestLinkRun(t *testing.T) {
	page := `<body><p>第一章 总体要求</p><p>详见<a href="/f.pdf">附件</a>。</p>
<a href="http://a.example">某地新闻</a><br><a href="http://b.example">某地招聘</a><br><a href="http://c.example">某地房产</a></body>`
	if got, want := convert(t, page), "第一章 总体要求\n详见附件。\n"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

// Tables: rowspan and colspan leave covered cells empty; <br> and <p> in a
// cell are its lines; a caption is the line above; a one-column table is
// a box; a table that holds tables is page layout.
func TestTables(t *testing.T) {
	page := `<body>
<table><caption>表1 主要指标</caption>
<thead><tr><th rowspan="2">序号</th><th rowspan="2">指标</th><th colspan="2">指标值</th><th rowspan="2">属性</th></tr>
<tr><th>2020年</th><th>2025年</th></tr></thead>
<tbody><tr><td>1</td><td>养老机构护理型<br>床位占比（%）</td><td>30</td><td>≥55</td><td rowspan="2">约束性</td></tr>
<tr><td>2</td><td><p>每千名老年人口</p><p>养老床位数（张）</p></td><td>32</td><td>35</td></tr></tbody></table>
<table><tr><td><p>专栏1 养老服务工程</p><p>1.敬老院改造。</p></td></tr></table>
<table><tr><td><table><tr><td>布局</td></tr></table><p>布局表格里的正文。</p></td></tr></table>
</body>`
	want := "表1 主要指标\n" +
		"\t序号\n\t指标\n\t指标值\n\t\n\t属性\n\n" +
		"\t\n\t\n\t2020年\n\t2025年\n\t\n\n" +
		"\t1\n\t养老机构护理型\n床位占比（%）\n\t30\n\t≥55\n\t约束性\n\n" +
		"\t2\n\t每千名老年人口\n养老床位数（张）\n\t32\n\t35\n\t\n\n" +
		"专栏1 养老服务工程\n1.敬老院改造。\n\n\n" +
		"布局\n\n\n布局表格里的正文。\n"
	if got := convert(t, page); got != want {
		t.Errorf("got\n%q\nwant\n%q", got, want)
	}
}

// List items get the numbers the browser draws; an item that writes its
// number itself keeps it once.
func TestLists(t *testing.T) {
	page := `<body><ol style="list-style-type: cjk-ideographic"><li>总体要求</li><li>主要任务</li></ol>
<ol start="3"><li>健全救助体系</li><li value="7">加强临时救助</li></ol><ol><li>1.已编号</li></ol><ul><li>无编号</li></ul></body>`
	want := "一、总体要求\n二、主要任务\n3.健全救助体系\n7.加强临时救助\n1.已编号\n无编号\n"
	if got := convert(t, page); got != want {
		t.Errorf("got\n%q\nwant\n%q", got, want)
	}
}

// Footnotes as Word's HTML export writes them: the note goes under the
// paragraph that references it, its mark and link back dropped.
func TestFootnotes(t *testing.T) {
	page := `<body><p>全市低保标准达到每月650元。<a href="#_ftn1" name="_ftnref1"><span>[1]</span></a></p><p>下一段。</p>
<div><hr><div id="ftn1"><p><a href="#_ftnref1" name="_ftn1">[1]</a> 数据来源：市民政局统计年报。</p></div></div></body>`
	want := "全市低保标准达到每月650元。\n注：数据来源：市民政局统计年报。\n下一段。\n"
	if got := convert(t, page); got != want {
		t.Errorf("got\n%q\nwant\n%q", got, want)
	}
}

func TestNoText(t *testing.T) {
	_, err := readText("empty.html", []byte(`<html><body><script>x()</script><a href="/">首页</a> <a href="/a">a</a> <a href="/b">b</a></body></html>`))
	var e *plantext.Error
	if !errors.As(err, &e) || e.File != "empty.html" || !errors.Is(err, plantext.ErrNoText) {
		t.Errorf("got %v, want ErrNoText naming empty.html", err)
	}
}
