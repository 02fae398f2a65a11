// Package gcpause holds Go's garbage collector back while a program builds
// a large structure that only grows: planview's loader reading plans, and
// the search index folding them.
//
// While such a build runs, what it allocates is nearly all part of what it
// returns, yet the collector would run each time the heap doubles (4, 8,
// 16 … MB), marking what is built so far again and again and slowing every
// allocation with its write barrier: a fifth of the time of loading 1,000
// plans (57 MB), for no memory back. So, during a Pause, the collector
// waits as if GOGC were off, under a memory limit: the memory the process
// holds when the pause starts plus a budget the caller sizes (at least
// Floor). Should the build need more, the collector runs at the limit as
// usual; nothing fails. When the last pause ends, the settings are put
// back; the cycles skipped are replaced by one, which starts at once since
// the heap has outgrown its goal (a caller may run it itself, with
// runtime.GC, to pay for it there rather than in what follows).
//
// A GOGC or GOMEMLIMIT the user set is honoured: the limit is never above
// theirs, and with GOGC=off the pause changes only the limit. Pauses that
// overlap (two builds at once) share one: the first saves the settings,
// each adds its budget to the limit, and the last puts them back.
package gcpause

import (
	"math"
	"runtime/debug"
	"runtime/metrics"
	"sync"
)

// Floor is the least budget a pause gets: a small build needs little, and
// a tight limit would only make the collector run for nothing.
const Floor = 64 << 20

// offPercent is the GOGC a pause sets. It is not -1 (off): turning the
// collector off waits for a cycle in progress to finish its marking, which
// would stall a build that starts just as the previous one's deferred
// cycle runs. A goal ten thousand times the live heap is off in effect;
// the limit bounds the heap.
const offPercent = 1_000_000

var state struct {
	sync.Mutex
	pauses  int   // pauses in progress
	percent int   // GOGC to put back
	limit   int64 // memory limit to put back
}

// Pause holds the collector back (see the package comment) until the
// returned function is called; calling it again does nothing. budget is
// how much more memory the build may take before the collector runs.
func Pause(budget int64) (resume func()) {
	budget = max(budget, Floor)
	state.Lock()
	defer state.Unlock()
	cur := debug.SetMemoryLimit(-1)
	if state.pauses == 0 {
		state.limit = cur
		state.percent = gogc()
		if state.percent >= 0 {
			debug.SetGCPercent(offPercent)
		}
		cur = Held()
	}
	state.pauses++
	debug.SetMemoryLimit(min(state.limit, addSat(cur, budget)))
	var once sync.Once
	return func() {
		once.Do(func() {
			state.Lock()
			defer state.Unlock()
			state.pauses--
			if state.pauses == 0 {
				debug.SetMemoryLimit(state.limit)
				if state.percent >= 0 {
					debug.SetGCPercent(state.percent)
				}
			}
		})
	}
}

func addSat(a, b int64) int64 {
	if a > math.MaxInt64-b {
		return math.MaxInt64
	}
	return a + b
}

// gogc reads GOGC (-1 for off) without changing it: debug.SetGCPercent(-1)
// would wait for a cycle in progress.
func gogc() int {
	s := []metrics.Sample{{Name: "/gc/gogc:percent"}}
	metrics.Read(s)
	if s[0].Value.Kind() != metrics.KindUint64 {
		return 100
	}
	return int(int64(s[0].Value.Uint64()))
}

// Held is the memory the Go runtime holds, as the memory limit counts it:
// everything mapped, less what was returned to the system.
func Held() int64 {
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
