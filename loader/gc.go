package loader

import (
	"math"
	"runtime/debug"
	"runtime/metrics"
	"sync"
)

// While plans load, the heap only grows: what the loader allocates is
// nearly all part of the plans it returns (its scratch space is reused
// from file to file). Go's collector would still run each time the heap
// doubles (4, 8, 16 … MB), marking the plans loaded so far again and again
// and slowing every allocation with its write barrier: for 1,000 plans
// (57 MB) a fifth of the load time, for no memory back.
//
// So while a load runs, the collector waits (as with GOGC=off) under a
// memory limit: the memory the process holds when loading starts plus
// loadMemFactor times the bytes to load, at least loadMemFloor. Loading
// allocates about 2.3 times the text it reads, so the limit is not
// reached in the genre; should a file need more, the collector runs at the
// limit as usual and nothing fails. When the last load ends, the settings
// are put back as they were; the collection skipped then runs once,
// concurrently, as the heap has outgrown its goal.
//
// A GOGC or GOMEMLIMIT the user set is honoured: the limit is never above
// theirs, and their GOGC comes back after the load. Loads that overlap
// share one pause: the first saves the settings, each adds its budget to
// the limit, and the last restores them.
const (
	loadMemFactor = 2.8
	loadMemFloor  = 64 << 20
)

var gcPause struct {
	sync.Mutex
	loads   int   // loads in progress
	percent int   // GOGC to restore
	limit   int64 // memory limit to restore
}

// pauseGC pauses the collector for a load of size bytes (see above) and
// returns the function that ends the pause.
func pauseGC(size int64) (resume func()) {
	budget := max(int64(min(loadMemFactor*float64(size), math.MaxInt64/4)), loadMemFloor)
	gcPause.Lock()
	defer gcPause.Unlock()
	cur := debug.SetMemoryLimit(-1)
	if gcPause.loads == 0 {
		gcPause.limit = cur
		gcPause.percent = debug.SetGCPercent(-1)
		cur = heldMemory()
	}
	gcPause.loads++
	debug.SetMemoryLimit(min(gcPause.limit, cur+budget))
	var once sync.Once
	return func() {
		once.Do(func() {
			gcPause.Lock()
			defer gcPause.Unlock()
			gcPause.loads--
			if gcPause.loads == 0 {
				debug.SetMemoryLimit(gcPause.limit)
				debug.SetGCPercent(gcPause.percent)
			}
		})
	}
}

// heldMemory is the memory the Go runtime holds, as the memory limit
// counts it: everything mapped, less what was returned to the system.
func heldMemory() int64 {
	s := []metrics.Sample{
		{Name: "/memory/classes/total:bytes"},
		{Name: "/memory/classes/heap/released:bytes"},
	}
	metrics.Read(s)
	if s[0].Value.Kind() != metrics.KindUint64 || s[1].Value.Kind() != metrics.KindUint64 {
		return 0
	}
	return int64(s[0].Value.Uint64() - s[1].Value.Uint64())
}
