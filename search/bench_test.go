package search

// Benchmarks on generated corpora (internal/corpus): 100 and 1,000 varied
// plans made from the seeds. The corpora are written once to
// $PLANVIEW_CORPUS_DIR/n100 and /n1000 (default: the temp dir's
// planview-corpus), so that scripts/bench-search.sh can run ripgrep on the
// very same files. Run:
//
//	go test -run '^$' -bench . -benchtime 200x ./search/
//
// Each search benchmark reports the median (ms-median) besides the mean.

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"testing"
	"time"

	"planview/internal/corpus"
	"planview/loader"
	"planview/model"
)

const benchQuery = "养老床位"

// corpusDir returns the folder of an n-plan corpus, generating it if missing.
func corpusDir(b *testing.B, n int) (dir string, size int64) {
	b.Helper()
	base := os.Getenv("PLANVIEW_CORPUS_DIR")
	if base == "" {
		base = filepath.Join(os.TempDir(), "planview-corpus")
	}
	dir = filepath.Join(base, fmt.Sprintf("n%d", n))
	if _, err := os.Stat(filepath.Join(dir, ".complete")); err != nil {
		tmp := dir + ".tmp"
		os.RemoveAll(tmp)
		if _, err := corpus.Generate(tmp, n, 1); err != nil {
			b.Fatalf("generating corpus: %v", err)
		}
		if err := os.WriteFile(filepath.Join(tmp, ".complete"), nil, 0o644); err != nil {
			b.Fatal(err)
		}
		os.RemoveAll(dir)
		if err := os.Rename(tmp, dir); err != nil {
			b.Fatal(err)
		}
	}
	ents, err := os.ReadDir(dir)
	if err != nil {
		b.Fatal(err)
	}
	for _, e := range ents {
		if fi, err := e.Info(); err == nil && filepath.Ext(e.Name()) == ".txt" {
			size += fi.Size()
		}
	}
	return dir, size
}

var loaded = map[int][]*model.Plan{}

func loadCorpus(b *testing.B, n int) []*model.Plan {
	b.Helper()
	if p, ok := loaded[n]; ok {
		return p
	}
	dir, _ := corpusDir(b, n)
	plans, errs := loader.LoadFS(os.DirFS(dir))
	if len(plans) == 0 {
		b.Fatalf("no plans loaded from %s: %v", dir, errs)
	}
	loaded[n] = plans
	return plans
}

// timed runs fn b.N times and reports the median duration in ms.
func timed(b *testing.B, fn func()) {
	var ds []time.Duration
	for b.Loop() {
		t := time.Now()
		fn()
		ds = append(ds, time.Since(t))
	}
	slices.Sort(ds)
	if len(ds) > 0 {
		b.ReportMetric(float64(ds[len(ds)/2].Microseconds())/1000, "ms-median")
	}
}

func benchSearch(b *testing.B, n int, materialise bool) {
	ix := New(loadCorpus(b, n))
	ix.FoldAll()
	runtime.GC() // steady state: not the collection the load started
	ctx := context.Background()
	var hits int
	b.ResetTimer()
	timed(b, func() {
		r, err := ix.Search(ctx, benchQuery)
		if err != nil {
			b.Fatal(err)
		}
		hits = r.Len()
		if materialise {
			_ = r.Hits()
		}
	})
	b.ReportMetric(float64(hits), "hits")
}

func BenchmarkSearch100(b *testing.B)  { benchSearch(b, 100, false) }
func BenchmarkSearch1000(b *testing.B) { benchSearch(b, 1000, false) }

// BenchmarkSearchHits1000 also materialises every hit (offsets in the
// original text, line, context), as the CLI does.
func BenchmarkSearchHits1000(b *testing.B) { benchSearch(b, 1000, true) }

// BenchmarkSearchOneChar1000: a one-character query gets no help from the
// pair filter.
func BenchmarkSearchOneChar1000(b *testing.B) {
	ix := New(loadCorpus(b, 1000))
	ix.FoldAll()
	runtime.GC()
	b.ResetTimer()
	timed(b, func() { ix.Search(context.Background(), "床") })
}

// BenchmarkRefine1000: 养老 → 养老床 by narrowing the previous hits.
func BenchmarkRefine1000(b *testing.B) {
	ix := New(loadCorpus(b, 1000))
	ix.FoldAll()
	ctx := context.Background()
	prev, err := ix.Search(ctx, "养老")
	if err != nil {
		b.Fatal(err)
	}
	runtime.GC()
	var hits int
	b.ResetTimer()
	timed(b, func() {
		r, err := ix.Refine(ctx, prev, "养老床")
		if err != nil {
			b.Fatal(err)
		}
		hits = r.Len()
	})
	b.ReportMetric(float64(prev.Len()), "prev-hits")
	b.ReportMetric(float64(hits), "hits")
}

// BenchmarkLoad1000, BenchmarkLoadWithFold1000 and BenchmarkLoadWithIndex1000
// compare loading 1,000 plans with loading and folding them eagerly (the 30%
// rule). The TUI folds lazily, in the background, so its load time does not
// change at all; the CLI folds right after loading.
func BenchmarkLoad1000(b *testing.B) {
	dir, _ := corpusDir(b, 1000)
	timed(b, func() { loader.LoadFS(os.DirFS(dir)) })
}

// BenchmarkLoadWithFold1000: load, then fold every plan (what a one-shot
// search such as the CLI's does before scanning).
func BenchmarkLoadWithFold1000(b *testing.B) {
	dir, _ := corpusDir(b, 1000)
	timed(b, func() {
		plans, _ := loader.LoadFS(os.DirFS(dir))
		ix := New(plans)
		ix.parallel(context.Background(), func(i int) { ix.plans[i].ensure() })
	})
}

// BenchmarkLoadWithIndex1000: load, then fold and build every filter (what
// the TUI does in the background after `/`).
func BenchmarkLoadWithIndex1000(b *testing.B) {
	dir, _ := corpusDir(b, 1000)
	timed(b, func() {
		plans, _ := loader.LoadFS(os.DirFS(dir))
		New(plans).FoldAll()
	})
}

// BenchmarkFoldOnly1000 folds already loaded plans.
func BenchmarkFoldOnly1000(b *testing.B) {
	plans := loadCorpus(b, 1000)
	timed(b, func() { New(plans).FoldAll() })
}

// BenchmarkMemory1000 reports the live heap after loading and folding
// 1,000 plans, as a multiple of the corpus's size on disk.
func BenchmarkMemory1000(b *testing.B) {
	dir, size := corpusDir(b, 1000)
	for b.Loop() {
		runtime.GC()
		var m0 runtime.MemStats
		runtime.ReadMemStats(&m0)
		plans, _ := loader.LoadFS(os.DirFS(dir))
		runtime.GC()
		var m1 runtime.MemStats
		runtime.ReadMemStats(&m1)
		ix := New(plans)
		ix.FoldAll()
		runtime.GC()
		var m2 runtime.MemStats
		runtime.ReadMemStats(&m2)
		b.ReportMetric(float64(size)/1e6, "text-MB")
		b.ReportMetric(float64(m1.HeapAlloc-m0.HeapAlloc)/float64(size), "plans/text")
		b.ReportMetric(float64(m2.HeapAlloc-m0.HeapAlloc)/float64(size), "plans+index/text")
		runtime.KeepAlive(ix)
	}
}

// BenchmarkFoldOverhead1000 measures, in each iteration, loading 1,000
// plans, then folding them all (what the CLI's one-shot search adds), then
// building the chunk filters (what the TUI adds in the background), and
// reports the medians and the overheads in percent of the load.
func BenchmarkFoldOverhead1000(b *testing.B) {
	dir, _ := corpusDir(b, 1000)
	var load, fold, filter []time.Duration
	for b.Loop() {
		runtime.GC()
		t0 := time.Now()
		plans, _ := loader.LoadFS(os.DirFS(dir))
		t1 := time.Now()
		ix := New(plans)
		ix.parallel(context.Background(), func(i int) { ix.plans[i].ensure() })
		t2 := time.Now()
		ix.FoldAll()
		t3 := time.Now()
		load, fold, filter = append(load, t1.Sub(t0)), append(fold, t2.Sub(t1)), append(filter, t3.Sub(t2))
	}
	med := func(ds []time.Duration) float64 {
		slices.Sort(ds)
		return float64(ds[len(ds)/2].Microseconds()) / 1000
	}
	l, f, x := med(load), med(fold), med(filter)
	b.ReportMetric(l, "ms-load")
	b.ReportMetric(f, "ms-fold")
	b.ReportMetric(x, "ms-filter")
	b.ReportMetric(100*f/l, "fold-%")
	b.ReportMetric(100*(f+x)/l, "fold+filter-%")
}
