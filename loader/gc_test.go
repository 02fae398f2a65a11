package loader

import (
	"math"
	"runtime/debug"
	"sync"
	"testing"
	"testing/fstest"
)

// gcSettings reads GOGC and the memory limit without changing them.
func gcSettings() (percent int, limit int64) {
	percent = debug.SetGCPercent(-1)
	debug.SetGCPercent(percent)
	return percent, debug.SetMemoryLimit(-1)
}

func TestPauseGCRestores(t *testing.T) {
	defer debug.SetGCPercent(debug.SetGCPercent(100))
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(math.MaxInt64))

	resume := pauseGC(10 << 20)
	percent, limit := gcSettings()
	if percent != -1 {
		t.Errorf("during a load GOGC = %d, want off (-1)", percent)
	}
	held := heldMemory()
	if limit < held+loadMemFloor-(1<<20) || limit > held+loadMemFloor+(16<<20) {
		t.Errorf("during a load of 10 MB the limit is %d, want about %d held + %d floor", limit, held, loadMemFloor)
	}
	resume()
	resume() // a second call does nothing
	if p, l := gcSettings(); p != 100 || l != math.MaxInt64 {
		t.Errorf("after the load GOGC = %d, limit = %d; want 100 and no limit", p, l)
	}
}

func TestPauseGCBudget(t *testing.T) {
	defer debug.SetGCPercent(debug.SetGCPercent(100))
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(math.MaxInt64))

	resume := pauseGC(100 << 20)
	_, limit := gcSettings()
	held := heldMemory()
	want := held + int64(loadMemFactor*float64(100<<20))
	if limit < want-(16<<20) || limit > want+(16<<20) {
		t.Errorf("during a load of 100 MB the limit is %d, want about %d", limit, want)
	}
	resume()
}

// A limit or GOGC the user set is kept: the pause never raises the limit
// above theirs, and their GOGC comes back.
func TestPauseGCKeepsUserSettings(t *testing.T) {
	defer debug.SetGCPercent(debug.SetGCPercent(50))
	user := heldMemory() + 8<<20
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(user))

	resume := pauseGC(1 << 30)
	if _, l := gcSettings(); l != user {
		t.Errorf("during a load the limit is %d, want the user's %d", l, user)
	}
	resume()
	if p, l := gcSettings(); p != 50 || l != user {
		t.Errorf("after the load GOGC = %d, limit = %d; want 50 and %d", p, l, user)
	}
}

// Overlapping loads share one pause: settings come back only when the last
// ends, whatever the order.
func TestPauseGCOverlapping(t *testing.T) {
	defer debug.SetGCPercent(debug.SetGCPercent(100))
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(math.MaxInt64))

	a := pauseGC(1 << 20)
	_, la := gcSettings()
	b := pauseGC(1 << 20)
	_, lb := gcSettings()
	if lb < la+loadMemFloor {
		t.Errorf("a second load did not add its budget: limit %d then %d", la, lb)
	}
	a()
	if p, _ := gcSettings(); p != -1 {
		t.Errorf("GOGC = %d while a load still runs, want off", p)
	}
	b()
	if p, l := gcSettings(); p != 100 || l != math.MaxInt64 {
		t.Errorf("after both loads GOGC = %d, limit = %d; want 100 and no limit", p, l)
	}

	// Many at once, from many goroutines.
	var wg sync.WaitGroup
	for range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			plans, errs := LoadFS(fstest.MapFS{"a.txt": {Data: []byte("第一章 总则\n\n一、目标\n\n到2025年，建成。\n")}})
			if len(plans) != 1 || len(errs) != 0 {
				t.Errorf("LoadFS: %d plans, errors %v", len(plans), errs)
			}
		}()
	}
	wg.Wait()
	if p, l := gcSettings(); p != 100 || l != math.MaxInt64 {
		t.Errorf("after 16 overlapping loads GOGC = %d, limit = %d; want 100 and no limit", p, l)
	}
}
