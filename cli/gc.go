package cli

import (
	"runtime"

	"planview/internal/gcpause"
	"planview/loader"
)

// The command decides how the process's collector runs while a folder
// loads; the loader, a library, leaves it alone.
//
// Loading only adds to the heap, yet the collector would run each time the
// heap doubled, marking the plans loaded so far again and again. While
// plans load it is held back (internal/gcpause) with a budget of
// loadMemFactor times the bytes to load, then, for a load of over
// collectAfter bytes, runs once at the end, on every CPU: one collection
// replaces the five or six the heap's growth would start, and it is paid
// by the load (left to run concurrently afterwards, it slowed the search
// index's fold by a fifth). A smaller load would not have started a
// collection at all: forcing one would only cost it time.
const (
	// loadMemFactor: loading allocates about 2.3 times the text it reads
	// (1,000 generated plans, 57 MB), so in the genre no collection runs
	// during a load.
	loadMemFactor = 2.8
	// collectAfter: below 2 MiB read, the heap stays under the
	// collector's first goal (4 MiB) and no collection would have run.
	collectAfter = 2 << 20
)

// holdCollector holds the collector back for loading paths; the returned
// function ends the hold when the load is over.
func holdCollector(paths []string) (done func()) {
	size := loader.PathsSize(paths)
	resume := gcpause.Pause(int64(min(loadMemFactor*float64(size), 1<<62)))
	return func() {
		resume()
		if size > collectAfter {
			runtime.GC()
		}
	}
}
