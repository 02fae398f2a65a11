// Package gcpause holds Go's garbage collector back while a program builds
// a large structure that only grows. Its user is the command line, which
// decides to load a folder (cli/gc.go: holdCollector around
// loader.LoadPaths and its kin; the loader itself leaves the collector
// alone); the browser's memory limit (cli/memlimit.go) reads Live.
//
// While such a build runs, what it allocates is nearly all part of what it
// returns, yet the collector would run each time the heap doubles (4, 8,
// 16 … MB), marking what is built so far again and again and slowing every
// allocation with its write barrier: a fifth of the time of loading 1,000
// plans (57 MB), for no memory back. So, during a Pause, the collector's
// percent (GOGC) is raised so that its next cycle comes only when the heap
// has grown by a budget the caller sizes (at least Floor). Should the
// build need more, that cycle runs and the next comes when the heap has
// grown by the same multiple of what is then live: the collector runs a
// few times more, never continuously. (A memory limit instead of the
// percent, as an earlier version set, made the collector run without end
// once the structure built outgrew the limit: a plan of 200,000 table
// rows, whose cells take eleven times its text, loaded in 2 s instead of
// 0.4 s.)
//
// When the last pause ends, GOGC is put back; the cycles skipped are
// replaced by one, which starts at once if the heap has outgrown its goal
// (a caller may run it itself, with runtime.GC, to pay for it there rather
// than in what follows).
//
// A GOGC or GOMEMLIMIT the user set is honoured: the memory limit is never
// changed, and with GOGC=off a pause changes nothing. Pauses that overlap
// (two builds at once) share one: the first saves GOGC, each adds its
// budget, and the last puts GOGC back.
package gcpause

import (
	"runtime/debug"
	"runtime/metrics"
	"sync"
)

// Floor is the least budget a pause gets: a small build needs little, and
// a tight budget would only make the collector run for nothing. It is no
// more than that: a folder of 100 .docx plans (3.2 MB of files, their 20
// MB of XML read and dropped one by one) peaked at 79 MB under a 64 MiB
// floor, 49–55 MB under this one, in the same time.
const Floor = 16 << 20

// minHeap is the live heap a percent is computed against when less is
// live: the runtime's own least heap goal (4 MB at GOGC=100).
const minHeap = 4 << 20

// maxPercent bounds the percent a pause sets: a goal ten thousand times
// the live heap is off in effect. (Not -1, off: turning the collector off
// waits for a cycle in progress to finish its marking, which would stall
// a build that starts just as the previous one's deferred cycle runs.)
const maxPercent = 1_000_000

var state struct {
	sync.Mutex
	pauses  int   // pauses in progress
	percent int   // GOGC to put back; -1 for off
	live    int64 // live heap when the first pause began
	budget  int64 // sum of the budgets of the pauses in progress
}

// Pause holds the collector back (see the package comment) until the
// returned function is called; calling it again does nothing. budget is
// how much the heap may grow before the collector runs.
func Pause(budget int64) (resume func()) {
	budget = max(budget, Floor)
	state.Lock()
	defer state.Unlock()
	if state.pauses == 0 {
		state.percent = Percent()
		state.live = max(Live(), minHeap)
		state.budget = 0
	}
	state.pauses++
	state.budget += budget
	if state.percent >= 0 {
		debug.SetGCPercent(percentFor(state.budget, state.live))
	}
	var once sync.Once
	return func() {
		once.Do(func() {
			state.Lock()
			defer state.Unlock()
			state.pauses--
			state.budget -= budget
			switch {
			case state.percent < 0:
			case state.pauses == 0:
				debug.SetGCPercent(state.percent)
			default:
				debug.SetGCPercent(percentFor(state.budget, state.live))
			}
		})
	}
}

// percentFor is the GOGC whose heap goal lies budget bytes above a live
// heap of live bytes.
func percentFor(budget, live int64) int {
	if budget/live >= maxPercent/100 {
		return maxPercent
	}
	return int(max(budget*100/live, 100))
}

// Percent reads GOGC (-1 for off) without changing it:
// debug.SetGCPercent(-1) would wait for a cycle in progress.
func Percent() int {
	s := []metrics.Sample{{Name: "/gc/gogc:percent"}}
	metrics.Read(s)
	if s[0].Value.Kind() != metrics.KindUint64 {
		return 100
	}
	return int(int64(s[0].Value.Uint64()))
}

// Live is the heap the last collection found live.
func Live() int64 {
	s := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(s)
	if s[0].Value.Kind() != metrics.KindUint64 {
		return 0
	}
	return int64(s[0].Value.Uint64())
}

// Held is the memory the Go runtime holds: everything mapped, less what
// was returned to the system.
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
