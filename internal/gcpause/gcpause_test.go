package gcpause

import (
	"math"
	"runtime/debug"
	"sync"
	"testing"
)

// settings reads GOGC and the memory limit without changing them.
func settings() (percent int, limit int64) {
	return gogc(), debug.SetMemoryLimit(-1)
}

// reset sets GOGC and the limit for a test and puts back the previous
// ones when it ends.
func reset(t *testing.T, percent int, limit int64) {
	p0, l0 := settings()
	debug.SetGCPercent(percent)
	debug.SetMemoryLimit(limit)
	t.Cleanup(func() {
		debug.SetGCPercent(p0)
		debug.SetMemoryLimit(l0)
	})
}

func TestPauseRestores(t *testing.T) {
	reset(t, 100, math.MaxInt64)
	resume := Pause(10 << 20)
	percent, limit := settings()
	if percent != offPercent {
		t.Errorf("during a pause GOGC = %d, want %d", percent, offPercent)
	}
	held := Held()
	if limit < held+Floor-(1<<20) || limit > held+Floor+(16<<20) {
		t.Errorf("a pause with a budget under the floor: limit %d, want about %d held + %d", limit, held, Floor)
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
	_, limit := settings()
	want := Held() + 300<<20
	if limit < want-(16<<20) || limit > want+(16<<20) {
		t.Errorf("a pause with a budget of 300 MiB: limit %d, want about %d", limit, want)
	}
	resume()
}

// A limit or GOGC the user set is kept: the pause never raises the limit
// above theirs, and their GOGC comes back.
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

// With GOGC=off the pause leaves GOGC alone (setting it would wait for a
// cycle in progress) and only sets the limit.
func TestPauseGOGCOff(t *testing.T) {
	reset(t, -1, math.MaxInt64)
	resume := Pause(1 << 20)
	if p, l := settings(); p != -1 || l == math.MaxInt64 {
		t.Errorf("GOGC=off, during a pause: GOGC = %d, limit = %d; want -1 and a limit", p, l)
	}
	resume()
	if p, l := settings(); p != -1 || l != math.MaxInt64 {
		t.Errorf("GOGC=off, after the pause: GOGC = %d, limit = %d; want -1 and no limit", p, l)
	}
}

// Overlapping pauses share one: settings come back only when the last
// ends, whatever the order.
func TestPauseOverlapping(t *testing.T) {
	reset(t, 100, math.MaxInt64)
	a := Pause(1 << 20)
	_, la := settings()
	b := Pause(1 << 20)
	_, lb := settings()
	if lb < la+Floor {
		t.Errorf("a second pause did not add its budget: limit %d then %d", la, lb)
	}
	a()
	if p, _ := settings(); p != offPercent {
		t.Errorf("GOGC = %d while a pause still runs, want %d", p, offPercent)
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
