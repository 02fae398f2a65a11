package loader

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// BenchmarkLiveHeap1000 reports the heap still in use after loading the
// 1,000-plan corpus and a full GC: what the loaded plans themselves cost
// (live-heap-MB, and live-x-size against the size of the files).
func BenchmarkLiveHeap1000(b *testing.B) {
	dir := benchCorpus(b)
	files, _ := filepath.Glob(filepath.Join(dir, "*.txt"))
	var size int64
	for _, f := range files {
		if fi, err := os.Stat(f); err == nil {
			size += fi.Size()
		}
	}
	var live uint64
	for b.Loop() {
		b.StopTimer()
		runtime.GC()
		var m0 runtime.MemStats
		runtime.ReadMemStats(&m0)
		b.StartTimer()
		plans, errs := LoadPaths([]string{dir})
		b.StopTimer()
		if len(errs) > 0 || len(plans) != len(files) {
			b.Fatalf("%d plans of %d, errors: %v", len(plans), len(files), errs)
		}
		runtime.GC()
		var m1 runtime.MemStats
		runtime.ReadMemStats(&m1)
		live = max(live, m1.HeapAlloc-min(m0.HeapAlloc, m1.HeapAlloc))
		runtime.KeepAlive(plans)
		b.StartTimer()
	}
	b.ReportMetric(float64(live)/1e6, "live-heap-MB")
	b.ReportMetric(float64(live)/float64(size), "live-x-size")
}
