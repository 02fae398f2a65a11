package cli

import (
	"io/fs"
	"os"
	"runtime/debug"

	"planview/internal/gcpause"

	"planview/model"
	"planview/seeds"
)

// The browser keeps every plan in memory and, once the user searches, an
// index of them; building that index makes garbage, which the collector
// would let grow to the size of everything live before it runs again (Go's
// default). A soft memory limit of browserMemFactor times the size of the
// files loaded makes it run sooner, so that the process stays under three
// times the text it shows (1,000 plans of 57 MB: plans 1.8x, index 0.7x).
// The limit is never below liveHeadroom times the heap live after loading,
// the goal Go's default (GOGC=100) would set: a limit near what is live
// makes the collector run without pause (a plan of 200,000 table rows
// holds 11 MB of text in 125 MB of cells; under a 64 MiB limit, or one
// that laying it out reached, the collector took half the CPU). It never
// goes below browserMemFloor (a few plans need little memory; a tight
// limit there would only cost CPU), and a limit the user set with
// GOMEMLIMIT is kept.
const (
	browserMemFactor = 2.8
	browserMemFloor  = 64 << 20
	liveHeadroom     = 2
)

// limitMemory sets the browser's soft memory limit for plans (see above).
// It returns the limit set, or 0 when GOMEMLIMIT is set.
func limitMemory(plans []*model.Plan) int64 {
	if os.Getenv("GOMEMLIMIT") != "" {
		return 0
	}
	limit := max(int64(browserMemFactor*float64(sourceBytes(plans))), int64(liveHeadroom*float64(gcpause.Live())), browserMemFloor)
	debug.SetMemoryLimit(limit)
	return limit
}

// sourceBytes is the size of the files plans were loaded from: files on
// disk, or the embedded seeds.
func sourceBytes(plans []*model.Plan) int64 {
	var n int64
	for _, p := range plans {
		if fi, err := os.Stat(p.Source); err == nil {
			n += fi.Size()
		} else if fi, err := fs.Stat(seeds.FS(), p.Source); err == nil {
			n += fi.Size()
		}
	}
	return n
}
