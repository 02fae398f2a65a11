package model

import (
	"encoding/json"
	"strings"
	"testing"
)

func testPlan() *Plan {
	ch := &Section{Path: "1", Level: 1, Kind: KindChapter, Number: "第一章", Title: "总则", Line: 3}
	sec := &Section{Path: "1.1", Level: 2, Kind: KindCNParen, Number: "（一）", Title: "目标", Line: 5, Parent: ch}
	ch.Children = []*Section{sec}
	sec.Blocks = []Block{
		{Kind: Paragraph, Text: "到2025年，\n养老床位", Line: 6, Spans: []Span{{0, 6}, {len("到2025年，\n"), 7}}},
		{Kind: BoxBlock, Text: "专栏1", Line: 8, Children: []Block{{Kind: TableBlock, Line: 9, Table: &Table{
			Header: []Row{{Cells: []Cell{{Lines: []string{"指标"}}, {Lines: []string{"目标"}}}}},
			Rows:   []Row{{Cells: []Cell{{Lines: []string{"养老", "床位"}}, {}, {Lines: []string{"x"}}}}},
		}}}},
	}
	syn := &Section{Path: "2", Level: 1, Synthetic: true}
	return &Plan{ID: "p", Sections: []*Section{ch, syn}, Preamble: []Block{{Kind: TableBlock, Table: &Table{}}}}
}

func TestHeading(t *testing.T) {
	for _, tc := range []struct{ number, title, want string }{
		{"第一章", "总则", "第一章 总则"},
		{"（一）", "目标", "（一）目标"},
		{"一、", "总体思路", "一、总体思路"},
		{"1.", "夯实", "1.夯实"},
		{"", "前言", "前言"},
		{"第三节", "", "第三节"},
	} {
		s := &Section{Number: tc.number, Title: tc.title}
		if got := s.Heading(); got != tc.want {
			t.Errorf("Heading(%q, %q) = %q, want %q", tc.number, tc.title, got, tc.want)
		}
	}
}

func TestWalkFindAncestors(t *testing.T) {
	p := testPlan()
	var paths []string
	p.Walk(func(s *Section) { paths = append(paths, s.Path) })
	if got := strings.Join(paths, " "); got != "1 1.1 2" {
		t.Fatalf("Walk order = %q", got)
	}
	s := p.Find("1.1")
	if s == nil || s.Title != "目标" {
		t.Fatalf("Find(1.1) = %+v", s)
	}
	if p.Find("9") != nil {
		t.Error("Find(9) found a section")
	}
	var titles []string
	for _, a := range s.Ancestors() {
		titles = append(titles, a.Heading())
	}
	if got := strings.Join(titles, " › "); got != "第一章 总则 › （一）目标" {
		t.Errorf("Ancestors = %q", got)
	}
}

func TestCounts(t *testing.T) {
	chapters, sections, tables := testPlan().Counts()
	if chapters != 2 || sections != 3 || tables != 2 {
		t.Errorf("Counts = %d, %d, %d; want 2, 3, 2 (a table in a box and one in the preamble)", chapters, sections, tables)
	}
}

func TestLineAtAndCells(t *testing.T) {
	b := testPlan().Sections[0].Children[0].Blocks[0]
	if got := b.LineAt(0); got != 6 {
		t.Errorf("LineAt(0) = %d, want 6", got)
	}
	if got := b.LineAt(strings.Index(b.Text, "床位")); got != 7 {
		t.Errorf("LineAt(床位) = %d, want 7", got)
	}
	tab := testPlan().Sections[0].Children[0].Blocks[1].Children[0].Table
	if got := tab.Columns(); got != 3 {
		t.Errorf("Columns = %d, want 3 (the widest row)", got)
	}
	cells := tab.Rows[0].Cells
	if cells[0].Text() != "养老床位" || cells[1].Text() != "" || cells[2].Text() != "x" {
		t.Errorf("cell texts = %q %q %q", cells[0].Text(), cells[1].Text(), cells[2].Text())
	}
}

func TestJSONKinds(t *testing.T) {
	b, err := json.Marshal(testPlan())
	if err != nil {
		t.Fatal(err)
	}
	s := string(b)
	for _, want := range []string{`"kind":"chapter"`, `"kind":"cn-paren"`, `"kind":"box"`, `"kind":"table"`, `"synthetic":true`} {
		if !strings.Contains(s, want) {
			t.Errorf("JSON lacks %s", want)
		}
	}
	if strings.Contains(s, "Parent") || strings.Contains(s, `"parent"`) {
		t.Error("JSON includes the parent pointer (it would cycle)")
	}
}
