package indicator

import (
	"os"
	"path/filepath"
	"sync"
	"testing"

	"planview/internal/corpus"
	"planview/loader"
	"planview/model"
)

var (
	corpusOnce  sync.Once
	corpusPlans []*model.Plan
	corpusDir   string
)

// plans1000 loads a generated corpus of 1,000 plans (internal/corpus),
// once per test binary.
func plans1000(b *testing.B) []*model.Plan {
	corpusOnce.Do(func() {
		dir, err := os.MkdirTemp("", "planview-indicator-corpus")
		if err != nil {
			b.Fatal(err)
		}
		corpusDir = filepath.Join(dir, "c")
		if _, err := corpus.Generate(corpusDir, 1000, 1); err != nil {
			b.Fatal(err)
		}
		corpusPlans, _ = loader.LoadPaths([]string{corpusDir})
	})
	if len(corpusPlans) != 1000 {
		b.Fatalf("loaded %d plans, want 1000", len(corpusPlans))
	}
	return corpusPlans
}

// BenchmarkLoad1000 is the load the extraction is measured against.
func BenchmarkLoad1000(b *testing.B) {
	plans1000(b)
	for b.Loop() {
		loader.LoadPaths([]string{corpusDir})
	}
}

// BenchmarkExtract1000: every indicator of 1,000 loaded plans (issue 12:
// under 15% of their load time).
func BenchmarkExtract1000(b *testing.B) {
	plans := plans1000(b)
	for b.Loop() {
		ExtractAll(plans)
	}
}

// BenchmarkBuild1000: lining the indicators of 1,000 plans up.
func BenchmarkBuild1000(b *testing.B) {
	plans := plans1000(b)
	ind := ExtractAll(plans)
	for b.Loop() {
		Build(plans, ind)
	}
}

// BenchmarkExtractMatching1000: what compare 护理型床位 extracts.
func BenchmarkExtractMatching1000(b *testing.B) {
	plans := plans1000(b)
	for b.Loop() {
		ExtractMatching(plans, "护理型床位")
	}
}
