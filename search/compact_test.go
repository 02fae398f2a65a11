package search

import (
	"bytes"
	"context"
	"math/rand/v2"
	"runtime"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"planview/loader"
	"planview/model"
	"planview/seeds"
)

// The fast fold agrees with the rune-by-rune fold (FoldMap) on every rune,
// alone and between other text, and on invalid UTF-8.
func TestAppendFoldEveryRune(t *testing.T) {
	for r := rune(0); r <= utf8.MaxRune; r++ {
		if r >= 0x10000 && r&0xFF != 0 {
			if _, ok := foldSlow[r]; !ok { // beyond the BMP: a sample, and every rune with a table entry
				continue
			}
		}
		s := "a" + string(r) + "養，"
		want, _ := FoldMap(s)
		if got := string(appendFold(nil, s)); got != want {
			t.Fatalf("appendFold(%q) = %q, FoldMap %q", s, got, want)
		}
	}
	for _, s := range []string{"\xed\xa0\x80x", "\xe5\xba", "x\xe5", "\xe0\x80\x80y", "\xff养", "ＡＢ\xe5\xba\x8a"} {
		want, _ := FoldMap(s)
		if got := string(appendFold([]byte("p"), s)); got != "p"+want {
			t.Errorf("appendFold(%q) = %q, want %q", s, got, "p"+want)
		}
	}
}

// A one-shot search (no Warm, no FoldAll) keeps no folded text, and finds
// what a warmed index finds; a later Refine or search folds and keeps it.
func TestOneShotKeepsNoFoldedText(t *testing.T) {
	once := New(craftedPlans())
	warm := New(craftedPlans())
	warm.FoldAll()
	for _, q := range []string{"养老床位", "哈哈", "2025年", "ppp养老"} {
		a, b := search(t, once, q), search(t, warm, q)
		if !slices.Equal(wheres(a), wheres(b)) || a.Len() == 0 {
			t.Errorf("%q: one-shot %v, warm %v", q, wheres(a), wheres(b))
		}
		if q == "养老床位" {
			for _, p := range once.plans {
				if p.folded != nil || p.units == nil {
					t.Errorf("one-shot search kept %d folded bytes, %d units", len(p.folded), len(p.units))
				}
			}
		}
	}
	prev := search(t, New(craftedPlans()), "养老")
	r, err := prev.ix.Refine(context.Background(), prev, "养老床位")
	if err != nil || r.Len() != 13 {
		t.Errorf("refine after a one-shot search: %d hits, %v", r.Len(), err)
	}
}

// Cells wrapped over several lines fold like their joined text, also when
// a line ends inside a rune; headings fold like Heading().
func TestUnitTextFolding(t *testing.T) {
	lines := []string{"养老\xe5\xba", "\x8a位", "ＡＢ"}
	sec := &model.Section{Path: "1", Number: "第一章", Title: "養老 床位", Line: 1}
	sec.Blocks = []model.Block{{Kind: model.TableBlock, Line: 2, Table: &model.Table{Line: 2,
		Rows: []model.Row{{Line: 2, Cells: []model.Cell{{Lines: lines, Line: 2}}}}}}}
	ix := New([]*model.Plan{{ID: "p", Sections: []*model.Section{sec}}})
	want := Fold(sec.Heading()) + "\x00" + Fold(strings.Join(lines, ""))
	if got := string(ix.foldedOf(0)); got != want {
		t.Errorf("folded %q, want %q", got, want)
	}
	r := search(t, ix, "养老床位ab")
	if r.Len() != 1 || r.Hit(0).Match != "养老\xe5\xba\x8a位ＡＢ" || r.Hit(0).Loc.Row != 0 {
		t.Errorf("hits %v", wheres(r))
	}
	if r := search(t, ix, "第一章养老床位"); r.Len() != 1 || r.Hit(0).Kind != KindHeading || r.Hit(0).Text != sec.Heading() {
		t.Errorf("heading hits %v", wheres(r))
	}
}

// BenchmarkFoldSerial1000 folds every plan of the 1,000-plan corpus on one
// goroutine (the index's build, without keeping it).
func BenchmarkFoldSerial1000(b *testing.B) {
	ix := New(loadCorpus(b, 1000))
	var n int
	timed(b, func() {
		n = 0
		for _, p := range ix.plans {
			n += len(p.fold(nil, true).buf)
		}
	})
	b.SetBytes(int64(n))
}

// BenchmarkAppendFoldSeeds folds the seed plans' text: the fold's own
// speed, in MB/s of plan text.
func BenchmarkAppendFoldSeeds(b *testing.B) {
	plans, _ := loader.LoadFS(seeds.FS())
	var text []string
	n := 0
	for _, p := range plans {
		p.Walk(func(s *model.Section) {
			for _, blk := range s.Blocks {
				text = append(text, blk.Text)
				n += len(blk.Text)
			}
		})
	}
	buf := make([]byte, 0, n+64)
	b.SetBytes(int64(n))
	for b.Loop() {
		buf = buf[:0]
		for _, t := range text {
			buf = appendFold(buf, t)
		}
	}
}

// Units keep no pointers: a hit's block, text and line are found again from
// the plan, also inside nested boxes and for tables inside boxes.
func TestHitsInsideNestedBoxes(t *testing.T) {
	inner := model.Block{Kind: model.BoxBlock, Text: "内层养老专栏", Line: 4, Spans: []model.Span{{Off: 0, Line: 4}},
		Children: []model.Block{
			{Kind: model.Paragraph, Text: "第一段养老。", Line: 5, Spans: []model.Span{{Off: 0, Line: 5}}},
			{Kind: model.ListItem, Text: "1.第二\n段养老。", Line: 6, Spans: []model.Span{{Off: 0, Line: 6}, {Off: len("1.第二\n"), Line: 7}}},
		}}
	table := model.Block{Kind: model.TableBlock, Line: 9, Table: &model.Table{Caption: "养老表", Line: 0,
		Rows:  []model.Row{{Line: 10, Cells: []model.Cell{{Lines: []string{"养老"}}, {}, {Lines: []string{"x"}, Line: 12}}}},
		Notes: []string{"养老注"}}}
	box := model.Block{Kind: model.BoxBlock, Text: "专栏 养老", Line: 2, Spans: []model.Span{{Off: 0, Line: 2}},
		Children: []model.Block{{Kind: model.Paragraph, Text: "外层养老", Line: 3, Spans: []model.Span{{Off: 0, Line: 3}}}, inner, table}}
	sec := &model.Section{Path: "1", Number: "一、", Title: "总则", Line: 1, Blocks: []model.Block{box}}
	ix := New([]*model.Plan{{ID: "p", Sections: []*model.Section{sec}}})
	r := search(t, ix, "养老")
	type got struct {
		kind            Kind
		text            string
		line, sub, r, c int
	}
	var gs []got
	for _, h := range r.Hits() {
		gs = append(gs, got{h.Kind, h.Text, h.Loc.Line, h.Sub, h.Loc.Row, h.Loc.Col})
		if h.Loc.Block != 0 || h.Loc.Section != "1" || h.Match != "养老" && h.Match != "养\n老" {
			t.Errorf("hit %+v", h)
		}
	}
	want := []got{
		{KindBoxTitle, "专栏 养老", 2, -1, -1, -1},
		{KindParagraph, "外层养老", 3, 0, -1, -1},
		{KindBoxTitle, "内层养老专栏", 4, 1, -1, -1},
		{KindParagraph, "第一段养老。", 5, 1, -1, -1},
		{KindListItem, "1.第二\n段养老。", 7, 1, -1, -1},
		{KindCaption, "养老表", 9, 2, -1, -1},
		{KindCell, "养老", 10, 2, 0, 0},
		{KindNote, "养老注", 12, 2, -1, -1},
	}
	if !slices.Equal(gs, want) {
		t.Errorf("hits\n got %v\nwant %v", gs, want)
	}
}

// BenchmarkScanAll1000: the full folded search without the pair filter
// (what a one-shot search does once a plan is folded).
func BenchmarkScanAll1000(b *testing.B) {
	ix := New(loadCorpus(b, 1000))
	ix.FoldAll()
	q, _ := appendPacked(nil, Fold(benchQuery)) // the folded text is packed
	ctx := context.Background()
	timed(b, func() {
		ix.parallel(ctx, func(i int) { scanAll(ctx, ix.plans[i].folded, q) })
	})
}

// finder.index agrees with bytes.Index on every query and text.
func TestFinder(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for range 3000 {
		text := []byte(Fold(randomPlanText(rng, rng.IntN(60))))
		var q []byte
		if len(text) > 0 && rng.IntN(3) > 0 {
			a := rng.IntN(len(text))
			q = text[a:min(len(text), a+1+rng.IntN(12))]
		} else {
			q = []byte(Fold(randomPlanText(rng, 1+rng.IntN(3))))
		}
		if len(q) == 0 {
			continue
		}
		f := newFinder(q)
		for off := 0; off <= len(text); off++ {
			if got, want := f.index(text[off:]), bytes.Index(text[off:], q); got != want {
				t.Fatalf("index(%q, %q) = %d, bytes.Index %d", text[off:], q, got, want)
			}
		}
	}
}

// BenchmarkOneShot1000: what the CLI adds to loading: a fresh index's first
// search, which folds every plan into scratch space and keeps only units.
func BenchmarkOneShot1000(b *testing.B) {
	plans := loadCorpus(b, 1000)
	runtime.GC()
	var hits int
	timed(b, func() {
		r, err := New(plans).Search(context.Background(), benchQuery)
		if err != nil {
			b.Fatal(err)
		}
		hits = r.Len()
	})
	b.ReportMetric(float64(hits), "hits")
}
