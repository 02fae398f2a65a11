package gcpause

import (
	"math"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"sync"
	"testing"
)

// settings reads GOGC and the memory limit without changing them.
func settings() (percent int, limit int64) {
	return Percent(), debug.SetMemoryLimit(-1)
}

// reset sets GOGC and the limit for a test and puts back the previous
// ones when it ends.
func reset(t *testing.T, percent int, limit int64) {
	p0, l0 := settings()
	debug.SetGCPercent(percent)
	debug.SetMemoryLimit(limit)
	runtime.GC() // Live is measured afresh
	t.Cleanup(func() {
		debug.SetGCPercent(p0)
		debug.SetMemoryLimit(l0)
	})
}

// goal is the heap goal GOGC=percent gives over the live heap.
func goal(percent int) int64 { return max(Live(), minHeap) * int64(percent) / 100 }

func TestPauseRestores(t *testing.T) {
	reset(t, 100, math.MaxInt64)
	resume := Pause(10 << 20)
	percent, limit := settings()
	if g := goal(percent); g < Floor-(1<<20) || g > Floor+(1<<20) {
		t.Errorf("a pause with a budget under the floor: GOGC %d puts the next cycle %d above the live heap, want about %d", percent, g, Floor)
	}
	if limit != math.MaxInt64 {
		t.Errorf("a pause set a memory limit: %d", limit)
	}
	resume()
	resume() // a second call does nothing
	if p, l := settings(); p != 100 || l != math.MaxInt64 {
		t.Errorf("after the pause GOGC = %d, limit = %d; want 100 and no limit", p, l)
	}
}

func TestPauseBudget(t *testing.T) {
	reset(t, 100, math.MaxInt64)
	resume := Pause(300 << 20)
	p, _ := settings()
	if g := goal(p); g < 299<<20 || g > 301<<20 {
		t.Errorf("a pause with a budget of 300 MiB: next cycle %d above the live heap", g)
	}
	resume()
}

// The percent is bounded at both ends: never under GOGC's default, never
// past maxPercent.
func TestPercentFor(t *testing.T) {
	for _, c := range []struct {
		budget, live int64
		want         int
	}{
		{64 << 20, minHeap, 1600},
		{16 << 20, minHeap, 400},
		{1, 1 << 30, 100},
		{math.MaxInt64, minHeap, maxPercent},
		{maxPercent / 100 * minHeap, minHeap, maxPercent},
		{maxPercent/100*minHeap - 1, minHeap, maxPercent - 1},
	} {
		if got := percentFor(c.budget, c.live); got != c.want {
			t.Errorf("percentFor(%d, %d) = %d, want %d", c.budget, c.live, got, c.want)
		}
	}
}

// A build that keeps far more than its budget makes the collector run a
// few times, not continuously: each cycle's goal grows with what is live.
func TestPauseOutgrown(t *testing.T) {
	reset(t, 100, math.MaxInt64)
	cycles := func() uint64 {
		s := []metrics.Sample{{Name: "/gc/cycles/total:gc-cycles"}}
		metrics.Read(s)
		return s[0].Value.Uint64()
	}
	before := cycles()
	resume := Pause(Floor)
	var kept [][]*[64]byte
	for range 8 * Floor / (64 << 10) { // 8 times the budget, kept, in pointers
		chunk := make([]*[64]byte, 1024)
		for i := range chunk {
			chunk[i] = new([64]byte)
		}
		kept = append(kept, chunk)
	}
	resume()
	n := cycles() - before
	runtime.KeepAlive(kept)
	// 8x the budget: at most a handful of cycles (the goal at 1,600% of
	// what is live grows past 8x after the first). The limit this replaced
	// ran dozens.
	if n > 4 {
		t.Errorf("building 8 times the budget ran %d collections, want at most 4", n)
	}
}

// A limit or GOGC the user set is kept: the pause never touches the
// limit, and their GOGC comes back.
func TestPauseKeepsUserSettings(t *testing.T) {
	user := Held() + 8<<20
	reset(t, 50, user)
	resume := Pause(1 << 30)
	if _, l := settings(); l != user {
		t.Errorf("during a pause the limit is %d, want the user's %d", l, user)
	}
	resume()
	if p, l := settings(); p != 50 || l != user {
		t.Errorf("after the pause GOGC = %d, limit = %d; want 50 and %d", p, l, user)
	}
}

// With GOGC=off the pause changes nothing (setting GOGC would wait for a
// cycle in progress, and the collector is off anyway).
func TestPauseGOGCOff(t *testing.T) {
	reset(t, -1, math.MaxInt64)
	resume := Pause(1 << 20)
	if p, l := settings(); p != -1 || l != math.MaxInt64 {
		t.Errorf("GOGC=off, during a pause: GOGC = %d, limit = %d; want -1 and no limit", p, l)
	}
	resume()
	if p, l := settings(); p != -1 || l != math.MaxInt64 {
		t.Errorf("GOGC=off, after the pause: GOGC = %d, limit = %d; want -1 and no limit", p, l)
	}
}

// Overlapping pauses share one: each adds its budget, and GOGC comes back
// only when the last ends, whatever the order.
func TestPauseOverlapping(t *testing.T) {
	reset(t, 100, math.MaxInt64)
	a := Pause(1 << 20)
	pa, _ := settings()
	b := Pause(1 << 20)
	pb, _ := settings()
	if goal(pb) < goal(pa)+Floor-(1<<20) {
		t.Errorf("a second pause did not add its budget: GOGC %d then %d", pa, pb)
	}
	a()
	if p, _ := settings(); p != pa {
		t.Errorf("GOGC = %d while one pause still runs, want %d", p, pa)
	}
	b()
	if p, l := settings(); p != 100 || l != math.MaxInt64 {
		t.Errorf("after both pauses GOGC = %d, limit = %d; want 100 and no limit", p, l)
	}

	var wg sync.WaitGroup
	for range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r := Pause(1 << 20)
			_ = make([]byte, 1<<20)
			r()
		}()
	}
	wg.Wait()
	if p, l := settings(); p != 100 || l != math.MaxInt64 {
		t.Errorf("after 16 overlapping pauses GOGC = %d, limit = %d; want 100 and no limit", p, l)
	}
}
