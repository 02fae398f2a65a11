package cli

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// Hostile inputs, each through every command, each under a bound of time
// and of memory: the issue that found a search quadratic in one block's
// hits (108 s), an escape sequence swallowing a line, and show --json at
// 11 times a plan's size asked for bounds, not only right answers.
const (
	hostileTimeout = 60 * time.Second // per command; the slowest takes about 2 s here
	// hostileHeapFactor bounds the live heap, sampled while a command
	// runs, at this many times the input plus hostileHeapBase.
	hostileHeapFactor = 12
	hostileHeapBase   = 128 << 20 // the 50,000-row table's compare peaks at 111 MB
)

func hostileInputs() map[string]string {
	var many, row, line strings.Builder
	many.WriteString("某县民政事业发展规划\n\n第一章 总体要求\n\n")
	for i := range 50000 {
		fmt.Fprintf(&many, "推进养老服务第%d项\n", i)
	}
	line.WriteString("某县民政事业发展规划\n\n第一章 总体要求\n\n")
	line.WriteString(strings.Repeat("民政", 500000))
	row.WriteString("某县民政事业发展规划\n\n第一章 主要指标\n\n表1 主要指标\n序号\t指标\t2020年\t2025年目标值\t属性\n")
	for i := 1; i <= 50000; i++ {
		fmt.Fprintf(&row, "%d\t养老指标第%d项（%%）\t%d\t≥%d\t约束性\n", i, i, i%100, i%97)
	}
	deep := "某县民政事业发展规划\n\n" + strings.Repeat("第一章 一\n一、二\n（一）三\n1.四\n（1）五\n", 5000)
	return map[string]string{
		"many-hits.txt":   many.String(),
		"one-line.txt":    line.String(),
		"rows.txt":        row.String(),
		"deep.txt":        deep,
		"escapes.txt":     "某县民政事业发展规划\n\n第一章 总体要求\n\n前\x1b]后，养老服务。\n" + strings.Repeat("\x1bP\x1b_\x1b^\u009d\u0090养老\n", 20000),
		"controls.txt":    hostilePlan,
		"only-debris.txt": "[bookmark: _Toc1]\n<p></p>\n- 1 -\n",
	}
}

func TestHostileInputsBounded(t *testing.T) {
	if testing.Short() {
		t.Skip("-short")
	}
	dir := t.TempDir()
	for name, text := range hostileInputs() {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		id := strings.TrimSuffix(name, ".txt")
		for _, args := range [][]string{
			{"list", path},
			{"search", "养老", "--path", path, "--count"},
			{"search", "养老", "--path", path},
			{"show", id, "--path", path, "--json"},
			{"show", id, "--path", path, "--width", "80"},
			{"outline", id, "--path", path},
			{"indicators", "--path", path, "--format", "csv"},
			{"compare", "养老", "--path", path},
			{"topics", "--path", path},
		} {
			boundedRun(t, args, len(text))
		}
	}
}

// boundedRun runs Main with args, failing t when it takes longer than
// hostileTimeout or its live heap goes over the bound for an input of n
// bytes.
func boundedRun(t *testing.T, args []string, n int) {
	t.Helper()
	runtime.GC()
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	var peak atomic.Uint64
	stop := make(chan struct{})
	go func() {
		tick := time.NewTicker(5 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-stop:
				return
			case <-tick.C:
				metrics.Read(sample)
				if v := sample[0].Value.Uint64(); v > peak.Load() {
					peak.Store(v)
				}
			}
		}
	}()
	done := make(chan int)
	go func() { done <- Main(args, io.Discard, io.Discard) }()
	select {
	case <-done:
	case <-time.After(hostileTimeout):
		close(stop)
		t.Fatalf("%v: still running after %v", args, hostileTimeout)
	}
	close(stop)
	bound := uint64(hostileHeapFactor*n + hostileHeapBase)
	if p := peak.Load(); p > bound {
		t.Errorf("%v: live heap reached %d MB, over %d MB for %d KB of input", args, p>>20, bound>>20, n>>10)
	}
}
