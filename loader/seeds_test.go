package loader

import (
	"strings"
	"testing"

	"planview/model"
)

// The "Done when" checks of issue 2 on the structure of the five seeds.

func TestSeedTitlesAndRegions(t *testing.T) {
	plans := loadSeeds(t)
	want := map[string][2]string{
		"huaihua-city-hunan":    {"懷化市“十四五”民政事業發展規劃", "懷化市"},
		"jishou-city-hunan":     {"吉首市“十四五”民政事业发展规划", "吉首市"},
		"shule-county-xinjiang": {"疏勒县民政事业发展“十四五”规划", "疏勒县"},
		"tianmen-city-hubei":    {"天门市民政事业发展“十四五”规划", "天门市"},
		// No title line: derived from region, subject and period.
		"tongdao-county-hunan": {"通道侗族自治县民政事业发展“十四五”规划", "通道侗族自治县"},
	}
	for id, w := range want {
		p := plans[id]
		if p == nil {
			t.Fatalf("no plan %s", id)
		}
		if p.Title != w[0] || p.Region != w[1] {
			t.Errorf("%s: title %q region %q, want %q %q", id, p.Title, p.Region, w[0], w[1])
		}
	}
}

func TestMeta(t *testing.T) {
	for _, c := range []struct {
		front         []string
		text          string
		title, region string
	}{
		{[]string{"首頁 > 政務公開 > 規劃計劃", "懷化市“十四五”民政事業發展規劃"}, "", "懷化市“十四五”民政事業發展規劃", "懷化市"},
		{[]string{"关于印发《吉首市“十四五”民政事业发展 规划》的通知", "吉首市“十四五”民政事业发展规划", "(2021—2025年)"}, "", "吉首市“十四五”民政事业发展规划", "吉首市"},
		{[]string{"现将《广州市民政事业发展规划》印发给你们"}, "", "广州市民政事业发展规划", "广州市"},
		{[]string{"现将《某某县民政事业发展“十四五”规划》印发给你们"}, "某某侗族自治县是少数民族自治县。", "某某县民政事业发展“十四五”规划", "某某侗族自治县"},
	} {
		title, region := planMeta(c.front, strings.Join(c.front, "\n")+"\n"+c.text)
		if title != c.title || region != c.region {
			t.Errorf("planMeta(%q) = %q %q, want %q %q", c.front, title, region, c.title, c.region)
		}
	}
	p := buildFile(t, "no-title.txt")
	if p.Title != "通道侗族自治县民政事业发展“十四五”规划" || p.Region != "通道侗族自治县" {
		t.Errorf("derived title %q region %q", p.Title, p.Region)
	}
}

func topNumbers(p *model.Plan) []string {
	var out []string
	for _, s := range p.Sections {
		out = append(out, s.Number)
	}
	return out
}

func TestSeedOutlines(t *testing.T) {
	plans := loadSeeds(t)

	hh := plans["huaihua-city-hunan"]
	want := []string{"第一章", "第二章", "第三章", "第四章", "第五章", "第六章", "第七章", "第八章", "第九章", "第十章", "第十一章"}
	if got := topNumbers(hh); strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("怀化 chapters = %v", got)
	}

	tm := plans["tianmen-city-hubei"]
	if got := topNumbers(tm); strings.Join(got, " ") != "第一章 第二章 第三章 第四章 第五章 第六章" {
		t.Errorf("天门 chapters = %v", got)
	}

	sl := plans["shule-county-xinjiang"]
	if got := topNumbers(sl); strings.Join(got, " ") != "一、 二、 三、 4、" {
		t.Errorf("疏勒 top sections = %v", got)
	}
	var subs []string
	for _, c := range sl.Sections[3].Children {
		subs = append(subs, c.Number)
	}
	if strings.Join(subs, "") != "（一）（二）（三）（四）（五）（六）（七）（八）（九）（十）（十一）（十二）" {
		t.Errorf("疏勒 under 4、: %v", subs)
	}

	// 通道: chapters lost in conversion stand as untitled parents; every
	// 第X节 has a chapter-level parent.
	td := plans["tongdao-county-hunan"]
	if len(td.Sections) != 4 || !td.Sections[0].Synthetic || td.Sections[1].Number != "第二章" || !td.Sections[2].Synthetic || !td.Sections[3].Synthetic {
		t.Errorf("通道 top level = %v", headings(td)[:3])
	}
	td.Walk(func(s *model.Section) {
		if s.Kind == model.KindSection && s.Level != 2 {
			t.Errorf("通道 %s %s at level %d", s.Number, s.Title, s.Level)
		}
	})

	// Every section has a path, level and line consistent with the tree.
	for id, p := range plans {
		p.Walk(func(s *model.Section) {
			if s.Level != strings.Count(s.Path, ".")+1 || (!s.Synthetic && (s.Line == 0 || s.Title == "")) {
				t.Errorf("%s: section %+v", id, s)
			}
			if p.Find(s.Path) != s {
				t.Errorf("%s: Find(%s) fails", id, s.Path)
			}
		})
	}
}

// findTable returns the first table whose caption contains all words.
func findTable(p *model.Plan, words ...string) *model.Table {
	for _, t := range allTables(p) {
		ok := true
		for _, w := range words {
			ok = ok && strings.Contains(t.Caption, w)
		}
		if ok {
			return t
		}
	}
	return nil
}

func TestSeedTables(t *testing.T) {
	plans := loadSeeds(t)

	tm := plans["tianmen-city-hubei"]
	t1, t2 := findTable(tm, "表1"), findTable(tm, "表2")
	if t1 == nil || t2 == nil {
		t.Fatalf("天门 表1/表2 missing: %v", allTables(tm))
	}
	if len(t1.Rows) != 9 || len(t1.Notes) != 1 || t1.Columns() != 5 {
		t.Errorf("天门 表1: %d rows, %d notes, %d columns", len(t1.Rows), len(t1.Notes), t1.Columns())
	}
	if len(t2.Rows) != 13 || t2.Columns() != 5 || t2.Rows[12].Cells[0].Text() != "13" {
		t.Errorf("天门 表2: %d rows, %d columns", len(t2.Rows), t2.Columns())
	}

	td := findTable(plans["tongdao-county-hunan"], "十四五", "主要指标")
	if td == nil || len(td.Rows) != 13 || td.Columns() != 5 {
		t.Fatalf("通道 十四五 table: %+v", td)
	}

	hh := findTable(plans["huaihua-city-hunan"], "十四五", "主要指標")
	if hh == nil {
		t.Fatal("怀化 十四五 table missing")
	}
	if len(hh.Rows) != 18 || hh.Columns() != 6 || len(hh.Header) != 2 {
		t.Fatalf("怀化 十四五 table: %d rows, %d columns, %d header rows", len(hh.Rows), hh.Columns(), len(hh.Header))
	}
	for i, r := range hh.Rows {
		// Columns intact: serial, category, indicator, 2020, 2025, attribute.
		if r.Cells[0].Text() != itoa(i+1) || !strings.HasSuffix(r.Cells[5].Text(), "性") || r.Cells[2].Text() == "" {
			t.Errorf("怀化 row %d: %s", i+1, rowText(r))
		}
	}

	js := findTable(plans["jishou-city-hunan"], "重大项目表")
	if js == nil || len(js.Header) != 1 || len(js.Rows) != 4 || js.Header[0].Cells[1].Text() != "项目名称" {
		t.Fatalf("吉首 重大项目表: %+v", js)
	}
	for _, r := range js.Rows {
		if len(r.Cells) != js.Columns() || r.Line == 0 {
			t.Errorf("吉首 row @%d: %d cells", r.Line, len(r.Cells))
		}
	}
}

// TestSeedNoSpam: the link spam after 怀化's end survives nowhere.
func TestSeedNoSpam(t *testing.T) {
	for id, p := range loadSeeds(t) {
		for _, b := range allBlocks(p) {
			if strings.Count(b.Text, "|") >= 3 {
				t.Errorf("%s: spam-like block @%d: %.60s", id, b.Line, b.Text)
			}
		}
		last := p.Sections[len(p.Sections)-1]
		for len(last.Children) > 0 {
			last = last.Children[len(last.Children)-1]
		}
		for _, b := range last.Blocks {
			if strings.Contains(b.Text, "亚洲") || strings.Contains(b.Text, "精品") {
				t.Errorf("%s: spam in the last section @%d", id, b.Line)
			}
		}
	}
}
