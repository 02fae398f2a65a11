package cli

import (
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"testing"

	"planview/internal/gcpause"
	"planview/loader"
	"planview/seeds"
)

func TestLimitMemory(t *testing.T) {
	defer debug.SetMemoryLimit(math.MaxInt64)
	plans, errs := loader.LoadFS(seeds.FS())
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	var want int64
	names, _ := fs.Glob(seeds.FS(), "*.txt")
	for _, n := range names {
		fi, _ := fs.Stat(seeds.FS(), n)
		want += fi.Size()
	}
	if got := sourceBytes(plans); got != want || got == 0 {
		t.Fatalf("sourceBytes(seeds) = %d, want %d", got, want)
	}
	t.Setenv("GOMEMLIMIT", "")
	os.Unsetenv("GOMEMLIMIT")
	// The five seeds are small: the floor applies, unless the test
	// process holds more live (other tests' leftovers): twice that.
	runtime.GC()
	want = max(browserMemFloor, int64(liveHeadroom*float64(gcpause.Live())))
	if got := limitMemory(plans); got != want || debug.SetMemoryLimit(-1) != want {
		t.Errorf("limit for the seeds = %d, want %d (the floor %d, or twice the live heap)", got, want, browserMemFloor)
	}
	// Files on disk: browserMemFactor times their size, when that is more.
	dir := t.TempDir()
	big := make([]byte, 0, 26<<20) // 2.8x of it is above the floor
	text, _ := fs.ReadFile(seeds.FS(), names[0])
	for len(big)+len(text) <= cap(big) {
		big = append(big, text...)
	}
	if err := os.WriteFile(filepath.Join(dir, "big.txt"), big, 0o644); err != nil {
		t.Fatal(err)
	}
	plans, _ = loader.LoadPaths([]string{dir})
	runtime.GC()
	want = max(int64(browserMemFactor*float64(len(big))), int64(liveHeadroom*float64(gcpause.Live())))
	if got := limitMemory(plans); got != want || got < int64(browserMemFactor*float64(len(big))) {
		t.Errorf("limit for %d bytes = %d, want %d", len(big), got, want)
	}
	// Never under what is live: plans whose cells take far more than
	// their text (here, the heap held by something else) still leave the
	// collector room.
	ballast := make([]*[1 << 10]byte, 256<<10) // 256 MiB in pointers
	for i := range ballast {
		ballast[i] = new([1 << 10]byte)
	}
	runtime.GC()
	if got := limitMemory(plans); got < 512<<20 {
		t.Errorf("limit with 256 MiB live = %d, want at least twice that", got)
	}
	runtime.KeepAlive(ballast)
	// A limit the user set is kept.
	t.Setenv("GOMEMLIMIT", "1GiB")
	debug.SetMemoryLimit(1 << 30)
	if got := limitMemory(plans); got != 0 || debug.SetMemoryLimit(-1) != 1<<30 {
		t.Errorf("GOMEMLIMIT set: limitMemory = %d, limit now %d", got, debug.SetMemoryLimit(-1))
	}
}
