package indicator

import (
	"runtime"
	"sync"

	"planview/model"
)

// Extract returns the indicators plan p states, in document order: the
// rows of its indicator tables and the targets of its sentences (a
// sentence stating a table row's indicator again is attached to the row
// as Support rather than listed).
func Extract(p *model.Plan) []Indicator {
	x := newExtractor(p)
	x.run()
	return x.out
}

// ExtractAll extracts the indicators of every plan, on all CPUs;
// out[i] belongs to plans[i].
func ExtractAll(plans []*model.Plan) [][]Indicator {
	return runAll(plans, Extract)
}

// runAll runs extract on every plan, on all CPUs.
func runAll(plans []*model.Plan, extract func(*model.Plan) []Indicator) [][]Indicator {
	out := make([][]Indicator, len(plans))
	var wg sync.WaitGroup
	next := make(chan int)
	for range min(runtime.GOMAXPROCS(0), max(len(plans), 1)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				out[i] = extract(plans[i])
			}
		}()
	}
	for i := range plans {
		next <- i
	}
	close(next)
	wg.Wait()
	return out
}
