package search

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"planview/loader"
	"planview/model"
	"planview/seeds"
)

// The hits of one block are mapped in one pass: a paragraph of 50,000
// lines, each holding the query, took 108 s when every hit re-read its
// block from the start.
func TestHitsOfOneBlockLinear(t *testing.T) {
	var b strings.Builder
	b.WriteString("某县民政事业发展规划\n\n第一章 总体要求\n\n")
	for i := range 50000 {
		fmt.Fprintf(&b, "推进養老服务第%d项\n", i)
	}
	p, err := loader.Parse("big.txt", strings.NewReader(b.String()))
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	res, err := New([]*model.Plan{p}).Search(context.Background(), "养老")
	if err != nil {
		t.Fatal(err)
	}
	hits := res.Hits()
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("50,000 hits in one paragraph took %v", d)
	}
	if len(hits) != 50000 {
		t.Fatalf("%d hits, want 50000", len(hits))
	}
	// Each hit is where Hit(i), which maps it on its own, puts it.
	for _, i := range []int{0, 1, 2, 999, 25000, 49998, 49999} {
		h, one := hits[i], res.Hit(i)
		if h.Start != one.Start || h.End != one.End || h.Loc.Line != one.Loc.Line || h.Match != "養老" {
			t.Errorf("hit %d: %+v, alone %+v", i, h, one)
		}
		if h.Loc.Line != 5+i {
			t.Errorf("hit %d on line %d, want %d", i, h.Loc.Line, 5+i)
		}
	}
}

// Hits and Hit agree on every hit of the seeds, whatever their order in
// a unit: cells, captions, notes, headings, box titles, paragraphs.
func TestHitsSameAsHit(t *testing.T) {
	plans, _ := loader.LoadFS(seeds.FS())
	ix := New(plans)
	for _, q := range []string{"养老", "率", "的", "（", "2025", "服务"} {
		res, err := ix.Search(context.Background(), q)
		if err != nil {
			t.Fatal(err)
		}
		for i, h := range res.Hits() {
			one := res.Hit(i)
			if h.Start != one.Start || h.End != one.End || h.Loc.Line != one.Loc.Line || h.Loc.Section != one.Loc.Section || h.Context != one.Context {
				t.Fatalf("%s: hit %d: %+v, alone %+v", q, i, h, one)
			}
		}
	}
}
