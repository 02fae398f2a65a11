package loader

import (
	"fmt"
	"io/fs"
	"math"
	"runtime/debug"
	"runtime/metrics"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"testing/fstest"
)

func readGOGC() int {
	s := []metrics.Sample{{Name: "/gc/gogc:percent"}}
	metrics.Read(s)
	return int(int64(s[0].Value.Uint64()))
}

// gcWatchFS is an fs.FS that records, at each Open, whether the collector
// was held back (GOGC raised).
type gcWatchFS struct {
	fstest.MapFS
	opens, paused atomic.Int32
}

func (f *gcWatchFS) Open(name string) (fs.File, error) {
	if name != "." && readGOGC() > 100 {
		f.paused.Add(1)
	}
	if name != "." {
		f.opens.Add(1)
	}
	return f.MapFS.Open(name)
}

// While plans load the collector is held back; afterwards GOGC and the
// memory limit are as they were, also when loads overlap.
func TestLoadPausesCollector(t *testing.T) {
	p0, l0 := debug.SetGCPercent(100), debug.SetMemoryLimit(math.MaxInt64)
	defer func() { debug.SetGCPercent(p0); debug.SetMemoryLimit(l0) }()

	plan := []byte("第一章 总则\n\n一、目标\n\n到2025年，建成。\n")
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			fsys := &gcWatchFS{MapFS: fstest.MapFS{"a.txt": {Data: plan}, "b.txt": {Data: plan}}}
			plans, errs := LoadFS(fsys)
			if len(plans) != 2 || len(errs) != 0 {
				t.Errorf("LoadFS: %d plans, errors %v", len(plans), errs)
			}
			if n, p := fsys.opens.Load(), fsys.paused.Load(); n == 0 || p != n {
				t.Errorf("the collector was held back at %d of %d opens, want all", p, n)
			}
		}()
	}
	wg.Wait()
	if p, l := readGOGC(), debug.SetMemoryLimit(-1); p != 100 || l != math.MaxInt64 {
		t.Errorf("after loading GOGC = %d, limit = %d; want 100 and no limit", p, l)
	}
}

func forcedGCs() uint64 {
	s := []metrics.Sample{{Name: "/gc/cycles/forced:gc-cycles"}}
	metrics.Read(s)
	return s[0].Value.Uint64()
}

// A load of over collectAfter bytes collects once at its end; a smaller
// one, which would not have started a collection, does not.
func TestLoadCollectsAtEnd(t *testing.T) {
	para := strings.Repeat("到2025年，全县养老机构护理型床位占比不低于50%。", 200) + "\n\n"
	big := []byte("第一章 总则\n\n" + strings.Repeat(para, 120)) // about 1.1 MB
	small := []byte("第一章 总则\n\n" + para)
	for _, c := range []struct {
		files   int
		data    []byte
		collect bool
	}{{3, big, true}, {1, big, false}, {5, small, false}} {
		fsys := fstest.MapFS{}
		for i := range c.files {
			fsys[fmt.Sprintf("%d.txt", i)] = &fstest.MapFile{Data: c.data}
		}
		before := forcedGCs()
		if plans, errs := LoadFS(fsys); len(plans) != c.files || len(errs) != 0 {
			t.Fatalf("LoadFS: %d plans, errors %v", len(plans), errs)
		}
		if got := forcedGCs() - before; (got > 0) != c.collect {
			t.Errorf("%d files of %d bytes: %d collections forced, want one: %v", c.files, len(c.data), got, c.collect)
		}
	}
}
