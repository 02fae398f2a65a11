package cli

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	goldenfile "planview/internal/golden"
	"planview/loader"
	"planview/model"
	"planview/render"
)

func para(text string, line int) model.Block {
	return model.Block{Kind: model.Paragraph, Text: text, Line: line, Spans: []model.Span{{Off: 0, Line: line}}}
}

func cells(ss ...string) model.Row {
	var r model.Row
	for _, s := range ss {
		if s == "" {
			r.Cells = append(r.Cells, model.Cell{})
		} else {
			r.Cells = append(r.Cells, model.Cell{Lines: strings.Split(s, "\n")})
		}
	}
	return r
}

// craftedPlan is a small plan built in memory, so that the layout of show
// and outline can be checked without depending on the loader.
func craftedPlan() *model.Plan {
	p := &model.Plan{ID: "demo-county", Title: "某某县民政事业发展“十四五”规划", Region: "某某县", Source: "demo-county.txt",
		Preamble: []model.Block{para("为推动全县民政事业高质量发展，根据有关文件精神，制定本规划。", 2)}}
	ch1 := &model.Section{Path: "1", Level: 1, Kind: model.KindChapter, Number: "第一章", Title: "发展基础", Line: 4}
	s11 := &model.Section{Path: "1.1", Level: 2, Kind: model.KindCNEnum, Number: "一、", Title: "“十三五”时期主要成就", Line: 5, Parent: ch1,
		Blocks: []model.Block{
			para("“十三五”期间，全县民政部门坚持以人民为中心的发展思想，2020年全县养老机构床位达到1,200张，护理型床位占比达到37.22%，社会救助体系不断完善。", 6),
			{Kind: model.TableBlock, Line: 7, Table: &model.Table{
				Caption: "表1 “十三五”时期主要指标完成情况", Line: 7,
				Header: []model.Row{cells("序号", "指标", "2020年\n目标值", "2020年\n实际值", "完成情况")},
				Rows: []model.Row{
					cells("1", "每千名老年人拥有床位数（张）", "35", "35", "完成"),
					cells("", "其中：护理型床位比例（%）", "20", "34.7", "完成"),
					cells("2", "生活不能自理特困人员集中供养率（%）", "50", "55", "完成"),
				},
				Notes: []string{"注：数据来源于县民政局。"},
			}},
		}}
	s12 := &model.Section{Path: "1.2", Level: 2, Kind: model.KindCNEnum, Number: "二、", Title: "面临形势", Line: 14, Parent: ch1,
		Blocks: []model.Block{{Kind: model.ListItem, Text: "1.人口老龄化程度加深。", Line: 15}}}
	ch1.Children = []*model.Section{s11, s12}
	ch2 := &model.Section{Path: "2", Level: 1, Kind: model.KindChapter, Number: "第二章", Title: "主要任务", Line: 17}
	s21 := &model.Section{Path: "2.1", Level: 2, Kind: model.KindNone, Synthetic: true, Parent: ch2}
	s211 := &model.Section{Path: "2.1.1", Level: 3, Kind: model.KindCNParen, Number: "（一）", Title: "完善养老服务体系", Line: 18, Parent: s21,
		Blocks: []model.Block{{Kind: model.BoxBlock, Text: "专栏1 养老服务重点工程", Line: 19, Children: []model.Block{
			para("县社会福利中心：新建养老床位300张。", 20),
			para("乡镇敬老院提质改造：改造敬老院12所。", 21),
		}}}}
	s212 := &model.Section{Path: "2.1.2", Level: 3, Kind: model.KindCNParen, Number: "（二）", Title: "健全社会救助体系", Line: 23, Parent: s21}
	s21.Children = []*model.Section{s211, s212}
	s22 := &model.Section{Path: "2.2", Level: 2, Kind: model.KindCNParen, Number: "（一）", Title: "加强基层治理", Line: 25, Parent: ch2}
	ch2.Children = []*model.Section{s21, s22}
	p.Sections = []*model.Section{ch1, ch2}
	return p
}

func TestLayoutGolden(t *testing.T) {
	p := craftedPlan()
	var b strings.Builder
	for _, width := range []int{0, 40, 80} {
		fmt.Fprintf(&b, "=== outline width %d\n", width)
		for _, l := range outlineLines(p, width) {
			b.WriteString(l + "\n")
		}
		fmt.Fprintf(&b, "=== show width %d\n", width)
		// A line may be wider than the width only when it belongs to a
		// table that cannot fit it even with its columns at their
		// minimum: show prints such a table whole rather than cut.
		whole := map[string]bool{}
		p.Walk(func(s *model.Section) {
			for _, bl := range s.Blocks {
				if bl.Table != nil && width > 0 {
					if l := render.LayoutTable(bl.Table, width); l.MaxOffset() > 0 {
						for _, line := range l.Full() {
							whole[line] = true
						}
					}
				}
			}
		})
		for _, l := range planLines(p, width) {
			if width > 0 && render.Width(l) > width && !whole[l] {
				t.Errorf("width %d: %q is %d cells", width, l, render.Width(l))
			}
			b.WriteString(l + "\n")
		}
	}
	sec, err := SelectSection(p, "2.1")
	if err != nil {
		t.Fatal(err)
	}
	b.WriteString("=== show 2.1 width 60\n")
	for _, l := range sectionLines(nil, sec, 60) {
		b.WriteString(l + "\n")
	}
	goldenfile.Check(t, filepath.Join("testdata", "layout.golden"), b.String())
}

func TestSelectSection(t *testing.T) {
	p := craftedPlan()
	for q, want := range map[string]string{
		"1.2":      "1.2",
		"2.1.1":    "2.1.1",
		"第二章":      "2",
		"一、":       "1.1",
		"一":        "1.1",
		"（二）":      "2.1.2",
		"(二)":      "2.1.2",
		"面临形势":     "1.2",
		"救助":       "2.1.2",
		"第一章 发展基础": "1",
		"十三五":      "1.1",
	} {
		s, err := SelectSection(p, q)
		if err != nil || s.Path != want {
			t.Errorf("SelectSection(%q) = %v, %v; want %s", q, s, err, want)
		}
	}
	// （一） is written twice: ambiguous, both listed with their paths.
	_, err := SelectSection(p, "（一）")
	se, ok := err.(*SectionError)
	if !ok || len(se.Ambiguous) != 2 || !strings.Contains(err.Error(), "2.1.1") || !strings.Contains(err.Error(), "2.2") {
		t.Errorf("SelectSection(（一）) = %v", err)
	}
	_, err = SelectSection(p, "体系") // in two headings
	if se, ok := err.(*SectionError); !ok || len(se.Ambiguous) != 2 {
		t.Errorf("SelectSection(体系) = %v", err)
	}
	_, err = SelectSection(p, "nothing like it")
	if se, ok := err.(*SectionError); !ok || len(se.Ambiguous) != 0 || !strings.Contains(err.Error(), "outline demo-county") {
		t.Errorf("SelectSection(nothing) = %v", err)
	}
}

func TestSelectPlan(t *testing.T) {
	plans := []*model.Plan{
		{ID: "tongdao-county-hunan", Title: "通道侗族自治县民政事业发展“十四五”规划", Region: "通道侗族自治县"},
		{ID: "huaihua-city-hunan", Title: "怀化市“十四五”民政事业发展规划", Region: "怀化市"},
		{ID: "huaihua", Title: "Another", Region: "怀化市"},
	}
	for q, want := range map[string]string{
		"tongdao":            "tongdao-county-hunan",
		"通道":                 "tongdao-county-hunan",
		"侗族":                 "tongdao-county-hunan",
		"HUAIHUA":            "huaihua", // an exact id beats substrings
		"huaihua-city-hunan": "huaihua-city-hunan",
		"another":            "huaihua",
		"ｔｏｎｇｄａｏ":            "tongdao-county-hunan", // full width folds
		"通 道":                "tongdao-county-hunan", // spaces fold away
	} {
		p, err := SelectPlan(plans, q)
		if err != nil || p.ID != want {
			t.Errorf("SelectPlan(%q) = %v, %v; want %s", q, p, err, want)
		}
	}
	_, err := SelectPlan(plans, "hunan")
	if pe, ok := err.(*PlanError); !ok || len(pe.Ambiguous) != 2 {
		t.Errorf("SelectPlan(hunan) = %v", err)
	}
	_, err = SelectPlan(plans, "怀化市") // region of two plans
	if pe, ok := err.(*PlanError); !ok || len(pe.Ambiguous) != 2 {
		t.Errorf("SelectPlan(怀化市) = %v", err)
	}
	// Traditional folds to Simplified: 懷化 names the same two plans as 怀化.
	_, err = SelectPlan(plans, "懷化市")
	if pe, ok := err.(*PlanError); !ok || len(pe.Ambiguous) != 2 {
		t.Errorf("SelectPlan(懷化市) = %v", err)
	}
	_, err = SelectPlan(plans, "天门")
	if pe, ok := err.(*PlanError); !ok || len(pe.Known) != 3 || !strings.Contains(err.Error(), "tongdao-county-hunan") {
		t.Errorf("SelectPlan(天门) = %v", err)
	}
}

// TestLayoutSanitizes feeds the layout a plan whose every string carries
// controls, as if the loader had let them through: the CLI must not.
func TestLayoutSanitizes(t *testing.T) {
	const bad = "\x1b[31m红\x07\r\x00\x7f\u0085\u009b1m字\x1b]0;t\x07"
	p := craftedPlan()
	p.Title += bad
	p.Region += bad
	p.ID += bad
	p.Preamble = append(p.Preamble, para(bad+"正文"+bad, 3))
	p.Walk(func(s *model.Section) {
		s.Title += bad
		s.Number += bad
		for i := range s.Blocks {
			s.Blocks[i].Text += bad
			if tb := s.Blocks[i].Table; tb != nil {
				tb.Caption += bad
				tb.Rows[0].Cells[1].Lines[0] += bad
				tb.Notes[0] += bad
			}
			for j := range s.Blocks[i].Children {
				s.Blocks[i].Children[j].Text += bad
			}
		}
	})
	for _, width := range []int{0, 30, 80} {
		checkNoControls(t, "planLines", strings.Join(planLines(p, width), "\n"))
		checkNoControls(t, "outlineLines", strings.Join(outlineLines(p, width), "\n"))
	}
	var out, errs strings.Builder
	e := &Env{Stdout: &out, Stderr: &errs}
	e.Println(bad)
	e.Errorf("%s", bad)
	_, err := SelectPlan([]*model.Plan{p}, "nothing")
	e.Usagef("%v", err)
	_, err = SelectSection(p, "nothing")
	e.Usagef("%v", err)
	checkNoControls(t, "Println", out.String())
	checkNoControls(t, "Errorf", errs.String())
}

func TestLoadNotice(t *testing.T) {
	failed := &loader.Error{File: "empty.txt", Err: errors.New("empty file, not a plan")}
	warned := &loader.Error{File: "cut.txt", Line: 3, Warning: true, Err: errors.New("3 damaged bytes replaced with U+FFFD")}
	for _, tc := range []struct {
		errs loader.ErrorList
		want string
	}{
		{nil, ""},
		{loader.ErrorList{failed}, "1 file could not be loaded (listed on stderr when you quit)"},
		{loader.ErrorList{failed, failed, warned}, "2 files could not be loaded, 1 warning (listed on stderr when you quit)"},
		{loader.ErrorList{warned}, "1 warning (listed on stderr when you quit)"},
	} {
		if got := loadNotice(tc.errs); got != tc.want {
			t.Errorf("loadNotice(%v) = %q, want %q", tc.errs, got, tc.want)
		}
	}
}

func TestPlanHeading(t *testing.T) {
	for _, tc := range []struct {
		p    model.Plan
		want string
	}{
		{model.Plan{ID: "a", Title: "甲市规划", Region: "甲市"}, "甲市规划 — 甲市 (a)"},
		{model.Plan{ID: "a", Title: "甲市规划"}, "甲市规划 (a)"},
		{model.Plan{ID: "notes"}, "notes"},
	} {
		if got := planHeading(&tc.p); got != tc.want {
			t.Errorf("planHeading(%+v) = %q, want %q", tc.p, got, tc.want)
		}
	}
}

// A query that is exactly one plan's region picks it, though it is part of
// another plan's region too.
func TestSelectPlanExactRegion(t *testing.T) {
	plans := []*model.Plan{
		{ID: "a", Title: "某市民政事业发展规划", Region: "长沙市"},
		{ID: "b", Title: "某区民政事业发展规划", Region: "长沙市岳麓区"},
	}
	for q, want := range map[string]string{"长沙市": "a", "岳麓": "b", "長沙市": "a"} {
		p, err := SelectPlan(plans, q)
		if err != nil || p.ID != want {
			t.Errorf("SelectPlan(%q) = %v, %v; want %s", q, p, err, want)
		}
	}
	if _, err := SelectPlan(plans, "长沙"); err == nil {
		t.Error("长沙 is part of both regions and exactly neither: it must be ambiguous")
	}
}

// show prints a table too wide for --width whole, its long cells wrapped
// in columns, as the README promises: a printed table cannot scroll.
func TestShowWideTableWhole(t *testing.T) {
	dir := t.TempDir()
	plan := "某县民政事业发展“十四五”规划\n\n第一章 主要指标\n\n表1 主要指标\n序号\t指标\t2020年\t2021年\t2022年\t2023年\t2024年\t2025年\t属性\t责任单位\n" +
		"1\t养老机构护理型床位占比（%）\t35\t40\t45\t50\t52\t≥55\t约束性\t县民政局、县卫健局\n"
	path := filepath.Join(dir, "wide.txt")
	if err := os.WriteFile(path, []byte(plan), 0o644); err != nil {
		t.Fatal(err)
	}
	out, errs, code := run(t, "show", "wide", "--path", path, "--width", "40")
	if code != ExitOK {
		t.Fatalf("code %d: %s", code, errs)
	}
	wide := 0
	for _, l := range lines(out) {
		if strings.HasPrefix(l, "│") || strings.HasPrefix(l, "┌") {
			wide = max(wide, render.Width(l))
		}
	}
	if wide <= 40 {
		t.Errorf("the table was fitted to 40 columns (widest line %d), not printed whole:\n%s", wide, out)
	}
	for _, cell := range []string{"2020年", "2025年", "≥55", "约束性", "责任单位"} {
		if !strings.Contains(out, cell) {
			t.Errorf("the table lost %q:\n%s", cell, out)
		}
	}
}
