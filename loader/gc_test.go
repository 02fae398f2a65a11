package loader

import (
	"io/fs"
	"runtime/debug"
	"runtime/metrics"
	"strings"
	"sync/atomic"
	"testing"
	"testing/fstest"

	"planview/internal/gcpause"
)

func forcedGCs() uint64 {
	s := []metrics.Sample{{Name: "/gc/cycles/forced:gc-cycles"}}
	metrics.Read(s)
	return s[0].Value.Uint64()
}

// gcWatchFS is an fs.FS that records, at each Open, the GOGC in force.
type gcWatchFS struct {
	fstest.MapFS
	changed atomic.Int32
}

func (f *gcWatchFS) Open(name string) (fs.File, error) {
	if name != "." && gcpause.Percent() != 100 {
		f.changed.Add(1)
	}
	return f.MapFS.Open(name)
}

// A library does not change the process: loading, even a big load,
// leaves the collector's settings alone and forces no collection (the
// command that loads decides: cli/gc.go).
func TestLoadLeavesCollector(t *testing.T) {
	p0 := debug.SetGCPercent(100)
	defer debug.SetGCPercent(p0)
	para := strings.Repeat("到2025年，全县养老机构护理型床位占比不低于50%。", 200) + "\n\n"
	big := []byte("第一章 总则\n\n" + strings.Repeat(para, 120)) // about 1.1 MB
	fsys := &gcWatchFS{MapFS: fstest.MapFS{"a.txt": {Data: big}, "b.txt": {Data: big}, "c.txt": {Data: big}}}
	before := forcedGCs()
	if plans, errs := LoadFS(fsys); len(plans) != 3 || len(errs) != 0 {
		t.Fatalf("LoadFS: %d plans, errors %v", len(plans), errs)
	}
	if n := fsys.changed.Load(); n != 0 {
		t.Errorf("GOGC changed at %d opens", n)
	}
	if got := forcedGCs() - before; got != 0 {
		t.Errorf("loading forced %d collections", got)
	}
}
