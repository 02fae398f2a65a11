package search

import (
	"context"
	"errors"
	"io/fs"
	"slices"
	"strings"
	"testing"
	"unicode"

	"planview/loader"
	"planview/model"
	"planview/seeds"
)

// craftedPlans builds two small plans by hand, covering every kind of unit.
func craftedPlans() []*model.Plan {
	s1 := &model.Section{Path: "1", Level: 1, Kind: model.KindChapter, Number: "第一章", Title: "养老床位建设", Line: 3}
	s11 := &model.Section{Path: "1.1", Level: 2, Kind: model.KindCNEnum, Number: "一、", Title: "基本情况", Line: 5, Parent: s1}
	s1.Children = []*model.Section{s11}
	s11.Blocks = []model.Block{
		{Kind: model.Paragraph, Text: "全市新增养老\n床位2000张，到2025 年底覆盖。", Line: 6,
			Spans: []model.Span{{Off: 0, Line: 6}, {Off: len("全市新增养老\n"), Line: 7}}},
		{Kind: model.ListItem, Text: "1.護理型養老床位佔比提高。", Line: 8, Spans: []model.Span{{Off: 0, Line: 8}}},
		{Kind: model.TableBlock, Line: 10, Table: &model.Table{
			Caption: "表1 养老床位指标", Line: 10,
			Header: []model.Row{{Line: 11, Cells: []model.Cell{{Lines: []string{"指标"}, Line: 11}, {Lines: []string{"目标"}, Line: 11}}}},
			Rows: []model.Row{
				{Line: 12, Cells: []model.Cell{{Lines: []string{"每千名老人拥有养老", "床位数(张)"}, Line: 12}, {Lines: []string{"40"}, Line: 12}}},
				{Line: 14, Cells: []model.Cell{{}, {Lines: []string{"養老床位"}, Line: 14}}},
			},
			Notes: []string{"注：养老床位含护理型床位。"},
		}},
		{Kind: model.BoxBlock, Text: "专栏1 养老床位工程", Line: 16, Spans: []model.Span{{Off: 0, Line: 16}},
			Children: []model.Block{
				{Kind: model.Paragraph, Text: "新增ＰＰＰ养老床位500张。", Line: 17, Spans: []model.Span{{Off: 0, Line: 17}}},
			}},
	}
	// A heading written inline: the block on its line repeats it.
	s2 := &model.Section{Path: "2", Level: 1, Kind: model.KindCNParen, Number: "（二）", Title: "养老床位", Line: 20}
	s2.Blocks = []model.Block{{Kind: model.Paragraph, Text: "（二）养老床位。继续发展。", Line: 20, Spans: []model.Span{{Off: 0, Line: 20}}}}
	// A heading cut off its line by the loader: the block goes on with the
	// same words, which is no repeat: both are hits.
	s3 := &model.Section{Path: "3", Level: 1, Kind: model.KindCNEnum, Number: "三、", Title: "养老床位", Line: 30}
	s3.Blocks = []model.Block{{Kind: model.Paragraph, Text: "养老床位建设加快。", Line: 30, Spans: []model.Span{{Off: 0, Line: 30}}}}
	p1 := &model.Plan{ID: "alpha", Title: "甲市养老规划",
		Preamble: []model.Block{{Kind: model.Paragraph, Text: "甲市养老规划", Line: 1, Spans: []model.Span{{Off: 0, Line: 1}}}},
		Sections: []*model.Section{s1, s2, s3}}

	t1 := &model.Section{Path: "1", Level: 1, Kind: model.KindChapter, Number: "第一章", Title: "總則", Line: 2}
	t1.Blocks = []model.Block{{Kind: model.Paragraph, Text: "養老床位與哈哈哈哈。", Line: 3, Spans: []model.Span{{Off: 0, Line: 3}}}}
	p2 := &model.Plan{ID: "beta", Sections: []*model.Section{t1}}
	return []*model.Plan{p1, p2}
}

func search(t *testing.T, ix *Index, q string) *Result {
	t.Helper()
	r, err := ix.Search(context.Background(), q)
	if err != nil {
		t.Fatalf("Search(%q): %v", q, err)
	}
	return r
}

type where struct {
	plan, section string
	line          int
	kind          Kind
	block         int
	row, col      int
	sub           int
	match         string
}

func wheres(r *Result) []where {
	var out []where
	for _, h := range r.Hits() {
		out = append(out, where{h.Loc.Plan, h.Loc.Section, h.Loc.Line, h.Kind, h.Loc.Block, h.Loc.Row, h.Loc.Col, h.Sub, h.Match})
	}
	return out
}

func TestSearchCrafted(t *testing.T) {
	ix := New(craftedPlans())
	r := search(t, ix, "养老床位")
	want := []where{
		{"alpha", "1", 3, KindHeading, -1, -1, -1, -1, "养老床位"},
		{"alpha", "1.1", 6, KindParagraph, 0, -1, -1, -1, "养老\n床位"},
		{"alpha", "1.1", 8, KindListItem, 1, -1, -1, -1, "養老床位"},
		{"alpha", "1.1", 10, KindCaption, 2, -1, -1, -1, "养老床位"},
		{"alpha", "1.1", 12, KindCell, 2, 1, 0, -1, "养老床位"},
		{"alpha", "1.1", 14, KindCell, 2, 2, 1, -1, "養老床位"},
		{"alpha", "1.1", 14, KindNote, 2, -1, -1, -1, "养老床位"},
		{"alpha", "1.1", 16, KindBoxTitle, 3, -1, -1, -1, "养老床位"},
		{"alpha", "1.1", 17, KindParagraph, 3, -1, -1, 0, "养老床位"},
		// Section 2's heading is repeated by its block: reported once.
		{"alpha", "2", 20, KindParagraph, 0, -1, -1, -1, "养老床位"},
		{"alpha", "3", 30, KindHeading, -1, -1, -1, -1, "养老床位"},
		{"alpha", "3", 30, KindParagraph, 0, -1, -1, -1, "养老床位"},
		{"beta", "1", 3, KindParagraph, 0, -1, -1, -1, "養老床位"},
	}
	if got := wheres(r); !slices.Equal(got, want) {
		t.Errorf("hits:\n got %v\nwant %v", got, want)
	}
	if r.Len() != len(want) {
		t.Errorf("Len = %d, want %d", r.Len(), len(want))
	}
	// The Traditional query finds the very same hits.
	if got := wheres(search(t, ix, "養老床位")); !slices.Equal(got, want) {
		t.Errorf("養老床位 hits differ:\n got %v\nwant %v", got, want)
	}
	// So does a query typed with a line break, spaces or full width.
	for _, q := range []string{"养老\n床位", " 养老 床位 ", "养老\u3000床位"} {
		if got := wheres(search(t, ix, q)); !slices.Equal(got, want) {
			t.Errorf("%q hits differ", q)
		}
	}
	counts := r.Counts()
	if len(counts) != 2 || counts[0].Plan.ID != "alpha" || counts[0].Count != 12 || counts[1].Count != 1 || counts[1].First != 12 {
		t.Errorf("counts = %+v", counts)
	}
	for i := range r.Len() {
		if h := r.Hit(i); h.Text[h.Start:h.End] != h.Match || h.Context[h.CtxStart:h.CtxEnd] != strings.ReplaceAll(h.Match, "\n", " ") {
			t.Errorf("hit %d: offsets do not frame the match: %+v", i, h)
		}
	}
}

func TestSearchDetails(t *testing.T) {
	ix := New(craftedPlans())
	// A PDF space between a number and 年.
	r := search(t, ix, "2025年")
	if r.Len() != 1 || r.Hit(0).Match != "2025 年" || r.Hit(0).Loc.Line != 7 {
		t.Errorf("2025年: %v", wheres(r))
	}
	if r := search(t, ix, "2025 年"); r.Len() != 1 {
		t.Errorf("2025 年: %d hits", r.Len())
	}
	// Full-width text is found by an ASCII query, and the reverse.
	if r := search(t, ix, "ppp养老"); r.Len() != 1 || r.Hit(0).Match != "ＰＰＰ养老" {
		t.Errorf("ppp养老: %v", wheres(r))
	}
	// Overlapping matches are reported once: 哈哈 in 哈哈哈哈 is two hits.
	if r := search(t, ix, "哈哈"); r.Len() != 2 || r.Hit(1).Start != len("養老床位與哈哈") {
		t.Errorf("哈哈: %v", wheres(r))
	}
	// A table cell wrapped over two source lines is one unit.
	r = search(t, ix, "养老床位数")
	if r.Len() != 1 || r.Hit(0).Kind != KindCell || r.Hit(0).Loc.Row != 1 || r.Hit(0).Loc.Col != 0 {
		t.Errorf("养老床位数: %v", wheres(r))
	}
	// A match never spans two units.
	if r := search(t, ix, "指标目标"); r.Len() != 0 {
		t.Errorf("match across cells: %v", wheres(r))
	}
	if r := search(t, ix, "建设基本"); r.Len() != 0 {
		t.Errorf("match across headings: %v", wheres(r))
	}
	// Titles run from the top level down; the context frames the match.
	h := search(t, ix, "含护理型").Hit(0)
	if !slices.Equal(h.Loc.Titles, []string{"第一章 养老床位建设", "一、基本情况"}) {
		t.Errorf("titles %q", h.Loc.Titles)
	}
	if h.Context != "注：养老床位含护理型床位。" || h.Context[h.CtxStart:h.CtxEnd] != "含护理型" {
		t.Errorf("context %q [%d:%d]", h.Context, h.CtxStart, h.CtxEnd)
	}
	// Empty queries and no hits.
	if _, err := ix.Search(context.Background(), " \n\u3000"); !errors.Is(err, ErrEmptyQuery) {
		t.Errorf("blank query: %v", err)
	}
	if r := search(t, ix, "不存在的词"); r.Len() != 0 || len(r.Hits()) != 0 || len(r.Counts()) != 0 {
		t.Error("hits for an absent phrase")
	}
}

func TestContext(t *testing.T) {
	text := strings.Repeat("前", 30) + "养老\n床位" + strings.Repeat("后", 30)
	start := strings.Index(text, "养")
	end := strings.Index(text, "位") + len("位")
	ctx, cs, ce := Context(text, start, end, 5)
	if ctx != "…前前前前前养老 床位后后后后后…" || ctx[cs:ce] != "养老 床位" {
		t.Errorf("Context = %q [%d:%d]", ctx, cs, ce)
	}
	ctx, cs, ce = Context("a\x1b[31mb养老c", 7, 13, 10)
	if ctx != "a [31mb养老c" || ctx[cs:ce] != "养老" {
		t.Errorf("control characters kept: %q", ctx)
	}
}

func TestSearchCancelled(t *testing.T) {
	ix := New(craftedPlans())
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := ix.Search(ctx, "养老"); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled search: err = %v", err)
	}
	if _, err := ix.Refine(ctx, search(t, ix, "养老"), "养老床"); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled refine: err = %v", err)
	}
}

func TestRefine(t *testing.T) {
	ix := New(craftedPlans())
	for _, step := range [][2]string{
		{"养老", "养老床"}, {"养老床", "养老床位"}, {"老床", "养老床位"}, {"床", "养老床位"},
		{"哈", "哈哈"}, {"哈哈", "哈哈哈"}, {"养老", "護理型"}, {"養", "养老床位数"},
	} {
		prev := search(t, ix, step[0])
		got, err := ix.Refine(context.Background(), prev, step[1])
		if err != nil {
			t.Fatal(err)
		}
		want := search(t, ix, step[1])
		if !slices.Equal(wheres(got), wheres(want)) || got.Len() != want.Len() {
			t.Errorf("Refine(%q → %q):\n got %v\nwant %v", step[0], step[1], wheres(got), wheres(want))
		}
	}
}

// refCount is an independent reference: it counts phrase in raw plan text
// with every whitespace rune removed and Traditional 養 read as 养, and
// lists the source lines the occurrences start on.
func refCount(raw, phrase string) (n int, lines []int) {
	type ch struct {
		r    rune
		line int
	}
	var cs []ch
	line := 1
	for _, r := range raw {
		if r == '\n' {
			line++
		}
		if unicode.IsSpace(r) {
			continue
		}
		if r == '養' {
			r = '养'
		}
		cs = append(cs, ch{r, line})
	}
	p := []rune(phrase)
outer:
	for i := 0; i+len(p) <= len(cs); i++ {
		for j, r := range p {
			if cs[i+j].r != r {
				continue outer
			}
		}
		n++
		lines = append(lines, cs[i].line)
	}
	return n, lines
}

func TestSeedsEveryOccurrence(t *testing.T) {
	plans, errs := loader.LoadFS(seeds.FS())
	if len(errs) > 0 {
		t.Fatalf("loading seeds: %v", errs)
	}
	ix := New(plans)
	r := search(t, ix, "养老床位")
	got := map[string][]int{}
	for _, h := range r.Hits() {
		got[h.Loc.Plan] = append(got[h.Loc.Plan], h.Loc.Line)
		if Fold(h.Match) != "养老床位" {
			t.Errorf("hit %s:%d matches %q", h.Loc.Plan, h.Loc.Line, h.Match)
		}
	}
	total := 0
	withHits := 0
	for _, p := range plans {
		raw, err := fs.ReadFile(seeds.FS(), p.Source)
		if err != nil {
			t.Fatal(err)
		}
		n, lines := refCount(string(raw), "养老床位")
		total += n
		if n > 0 {
			withHits++
		}
		if !slices.Equal(got[p.ID], lines) {
			t.Errorf("%s: hits on lines %v, the raw text has occurrences on lines %v", p.ID, got[p.ID], lines)
		}
	}
	if r.Len() != total || total == 0 {
		t.Errorf("%d hits, raw text has %d occurrences", r.Len(), total)
	}
	if withHits < 4 {
		t.Errorf("hits in %d plans, want at least the four that mention 养老床位", withHits)
	}
	// The Traditional query gives the same hits, with the same matches.
	r2 := search(t, ix, "養老床位")
	if !slices.Equal(wheres(r), wheres(r2)) {
		t.Error("養老床位 and 养老床位 give different hits")
	}
	// None twice: (plan, unit text, offset) are distinct.
	seen := map[string]bool{}
	for _, h := range r.Hits() {
		k := h.Loc.Plan + "\x00" + h.Text + "\x00" + string(rune(h.Start))
		if seen[k] {
			t.Errorf("hit reported twice: %s line %d", h.Loc.Plan, h.Loc.Line)
		}
		seen[k] = true
	}
}

// The chunk filter never loses a match: on a plan with many chunks and the
// phrase at every offset around chunk boundaries, the filtered scan finds
// exactly what a plain scan of the folded text finds.
func TestFilterFindsEverything(t *testing.T) {
	var blocks []model.Block
	filler := "民政事业发展规划加强基层治理"
	for i := range 400 {
		// Paragraphs of varying length, so matches fall at every offset
		// relative to the 4 KiB chunks.
		text := strings.Repeat(filler, 1+i%7) + strings.Repeat("一", i%5) + "养老\n床位" + strings.Repeat("二", i%3) + "ＡＢ養老床位abc"
		blocks = append(blocks, model.Block{Kind: model.Paragraph, Text: text, Line: i + 1, Spans: []model.Span{{Off: 0, Line: i + 1}}})
	}
	p := &model.Plan{ID: "big", Preamble: blocks}
	filtered := New([]*model.Plan{p})
	filtered.FoldAll()
	plain := New([]*model.Plan{p})
	if len(filtered.plans[0].filter) < 10*filterWords {
		t.Fatalf("test plan has only %d chunks", len(filtered.plans[0].filter)/filterWords)
	}
	for _, q := range []string{"养老床位", "ab养老床位abc", "床位二", "治理养老", "一养", "养", "c", "规划加强基层治理民政事业发展规划加强基层治理民政事业发展规划加强基层治理民政事业发展"} {
		got := search(t, filtered, q)
		if !filtered.plans[0].fready.Load() {
			t.Fatal("filter not built")
		}
		want := scanAll(context.Background(), plain.foldedOf(0), []byte(Fold(q)))
		if got.Len() == 0 || !slices.Equal(got.groups[0].all, want) {
			t.Errorf("%q: filtered scan found %d, plain scan %d", q, got.Len(), len(want))
		}
	}
}

// A phrase a PDF export broke with a space (2025 年底 in the Traditional
// plan) is found, at the line the raw text has it, whichever way the query
// is typed.
func TestSeedsPDFSpace(t *testing.T) {
	plans, errs := loader.LoadFS(seeds.FS())
	if len(errs) > 0 {
		t.Fatalf("loading seeds: %v", errs)
	}
	ix := New(plans)
	spaced := 0
	for _, p := range plans {
		raw, err := fs.ReadFile(seeds.FS(), p.Source)
		if err != nil {
			t.Fatal(err)
		}
		spaced += strings.Count(string(raw), "2025 年底")
		_, lines := refCount(string(raw), "2025年底")
		for _, q := range []string{"2025年底", "2025 年底", "２０２５年底"} {
			var got []int
			for _, h := range search(t, ix, q).Hits() {
				if h.Loc.Plan == p.ID {
					got = append(got, h.Loc.Line)
				}
			}
			if !slices.Equal(got, lines) {
				t.Errorf("%s %q: hits on lines %v, raw text on %v", p.ID, q, got, lines)
			}
		}
	}
	if spaced == 0 {
		t.Fatal("no seed has 2025 年底 with a space: the test tests nothing")
	}
}
