package tui

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	tea "github.com/charmbracelet/bubbletea"

	"planview/indicator"
	"planview/internal/corpus"
	"planview/loader"
	"planview/model"
	"planview/seeds"
)

// seedHarness is the browser on the embedded plans at w×h with the reader
// focused on the longest plan.
func seedHarness(b *testing.B, w, h int) *harness {
	plans, _ := loader.LoadFS(seeds.FS())
	if len(plans) == 0 {
		b.Fatal("no plans")
	}
	hs := newHarness(b, plans, w, h)
	longest, most := 0, 0 // (only a few docs are cached: lay each out here)
	for i, p := range plans {
		if n := len(buildDoc(p, contentWidth(hs.m.lay.ReaderW), hs.m.c.styles).lines); n > most {
			longest, most = i, n
		}
	}
	hs.send(openPlanMsg{longest})
	hs.m.setFocus(focusReader)
	return hs
}

// BenchmarkScrollKey is one keypress that scrolls the reader, at 200×50:
// Update(down) and the View that follows. Reports allocations per frame.
func BenchmarkScrollKey(b *testing.B) {
	hs := seedHarness(b, 200, 50)
	down, up := keyMsg("down"), keyMsg("up")
	r := hs.m.reader
	dir := down
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if r.top >= r.maxTop() {
			dir = up
		} else if r.top == 0 {
			dir = down
		}
		hs.m.Update(dir)
		_ = hs.m.View()
	}
}

// BenchmarkPageKey is a page down (a whole new screen of text) at 200×50.
func BenchmarkPageKey(b *testing.B) {
	hs := seedHarness(b, 200, 50)
	down, top := keyMsg("pgdown"), keyMsg("g")
	r := hs.m.reader
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if r.top >= r.maxTop() {
			hs.m.Update(top)
		}
		hs.m.Update(down)
		_ = hs.m.View()
	}
}

// BenchmarkView is View alone (allocations per frame).
func BenchmarkView(b *testing.B) {
	for _, size := range [][2]int{{80, 24}, {200, 50}} {
		b.Run(strconv.Itoa(size[0])+"x"+strconv.Itoa(size[1]), func(b *testing.B) {
			hs := seedHarness(b, size[0], size[1])
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				_ = hs.m.View()
			}
		})
	}
}

// BenchmarkLayoutPlans is laying the five plans out for the reader (the
// work done in the background on start-up and on resize).
func BenchmarkLayoutPlans(b *testing.B) {
	plans, _ := loader.LoadFS(seeds.FS())
	st := DefaultStyles()
	for _, w := range []int{54, 82, 158} {
		b.Run(strconv.Itoa(w), func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				for _, p := range plans {
					buildDoc(p, w, st)
				}
			}
		})
	}
}

// BenchmarkResize is a resize: new layout, docs rebuilt at the new width.
func BenchmarkResize(b *testing.B) {
	hs := seedHarness(b, 200, 50)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		hs.m.docs = map[docKey]*doc{}
		hs.send(tea.WindowSizeMsg{Width: 120 + i%2, Height: 40})
		_ = hs.m.View()
	}
}

// BenchmarkFirstFrame is the time from exec to the browser's first frame
// (the plans pane drawn), on a pty at 120×40, and to the screen showing
// all ("ms-loaded"): every plan listed, or the opened plan's text. The
// plans load while the browser runs (RunLoading), so neither the folder's
// size nor a plan's should matter to the first frame (issue 14: under
// 150 ms). Cases: the 5 embedded plans; 100 and 1,000 generated ones
// (internal/corpus); one plan of 60 MB (generated plans joined under one
// title); one plan holding a table of 200,000 rows (shown in under a
// second). It reports the median and worst first frame in ms and the
// median ms-loaded.
func BenchmarkFirstFrame(b *testing.B) {
	if _, err := exec.LookPath("script"); err != nil {
		b.Skip("util-linux script not installed")
	}
	bin := buildBinary(b)
	dir := b.TempDir()
	c1000 := filepath.Join(dir, "c1000")
	if _, err := corpus.Generate(c1000, 1000, 1); err != nil {
		b.Fatal(err)
	}
	c100 := filepath.Join(dir, "c100")
	if _, err := corpus.Generate(c100, 100, 1); err != nil {
		b.Fatal(err)
	}
	big := filepath.Join(dir, "big", "plan.txt")
	writeJoined(b, big, c1000, 60<<20)
	rows := filepath.Join(dir, "rows", "plan.txt")
	writeRows(b, rows, 200000)
	for _, bc := range []struct {
		name, args, all string
	}{
		{"5", "", "Plans 5"},
		{"100", ` "` + c100 + `"`, "Plans 100"},
		{"1000", ` "` + c1000 + `"`, "Plans 1000"},
		{"60MB", ` "` + big + `"`, joinedMarker},
		{"200k-rows", ` "` + rows + `"`, "养老指标第1项"},
	} {
		b.Run(bc.name, func(b *testing.B) {
			// Positions are remembered in a directory of the benchmark's
			// (from the second run on, the first frame reads them).
			stateDir := b.TempDir()
			var times, loaded []float64
			for i := 0; i < b.N; i++ {
				first, all := firstFrame(b, bin, bc.args, stateDir, bc.all)
				times, loaded = append(times, first), append(loaded, all)
			}
			sort.Float64s(times)
			sort.Float64s(loaded)
			b.ReportMetric(times[len(times)/2], "ms-median")
			b.ReportMetric(times[len(times)-1], "ms-max")
			b.ReportMetric(loaded[len(loaded)/2], "ms-loaded")
			b.ReportMetric(0, "ns/op")
		})
	}
}

// joinedMarker opens the plan writeJoined makes: the reader shows it once
// the plan is laid out.
const joinedMarker = "本汇编收录"

// writeJoined writes to path one plan of at least size bytes: a title and
// a first chapter, then the plans of dir one after another.
func writeJoined(b *testing.B, path, dir string, size int) {
	b.Helper()
	var buf bytes.Buffer
	buf.WriteString("某市民政事业发展规划汇编\n\n第一章 总则\n\n" + joinedMarker + "各地规划全文。\n\n")
	ents, err := os.ReadDir(dir)
	if err != nil {
		b.Fatal(err)
	}
	for buf.Len() < size {
		for _, e := range ents {
			t, err := os.ReadFile(filepath.Join(dir, e.Name()))
			if err != nil {
				b.Fatal(err)
			}
			if !utf8.Valid(t) {
				continue // (the corpus holds UTF-16 and GB18030 plans too)
			}
			buf.Write(t)
			buf.WriteString("\n")
			if buf.Len() >= size {
				break
			}
		}
	}
	writeFile(b, path, buf.Bytes())
}

// writeRows writes to path a plan whose indicator table has n rows.
func writeRows(b *testing.B, path string, n int) {
	b.Helper()
	var buf bytes.Buffer
	buf.WriteString("某县民政事业发展规划\n\n第一章 主要指标\n\n表1 主要指标\n序号\t指标\t2020年\t2025年目标值\t属性\n")
	for i := 1; i <= n; i++ {
		fmt.Fprintf(&buf, "%d\t养老指标第%d项（%%）\t%d\t≥%d\t约束性\n", i, i, i%100, i%97)
	}
	buf.WriteString("\n第二章 保障措施\n\n加强组织领导。\n")
	writeFile(b, path, buf.Bytes())
}

func writeFile(b *testing.B, path string, data []byte) {
	b.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		b.Fatal(err)
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		b.Fatal(err)
	}
}

// firstFrame runs bin with args (for the shell) and returns the ms to the
// first frame and to the screen showing all.
func firstFrame(b *testing.B, bin, args, stateDir, all string) (first, done float64) {
	// The shell sizes the pty, prints the time, then execs planview.
	cmd := exec.Command("script", "-qfec", `stty rows 40 cols 120; date +%s%N; exec "`+bin+`"`+args, "/dev/null")
	cmd.Env = append(os.Environ(), "XDG_STATE_HOME="+stateDir)
	stdin, _ := cmd.StdinPipe()
	out, _ := cmd.StdoutPipe()
	if err := cmd.Start(); err != nil {
		b.Fatal(err)
	}
	defer func() {
		stdin.Write([]byte("q"))
		done := make(chan struct{})
		go func() { io.Copy(io.Discard, out); cmd.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(3 * time.Second):
			cmd.Process.Kill()
		}
	}()
	rd := bufio.NewReader(out)
	var start int64
	for start == 0 {
		line, err := rd.ReadString('\n')
		if err != nil {
			b.Fatalf("no start time: %v", err)
		}
		if n, err := strconv.ParseInt(strings.TrimSpace(line), 10, 64); err == nil {
			start = n
		}
	}
	var seen bytes.Buffer
	buf := make([]byte, 64<<10)
	answered := 0
	for {
		n, err := rd.Read(buf)
		seen.Write(buf[:n])
		// Answer like a terminal: lipgloss (from bubbletea's init) asks
		// for the background colour, then the cursor position, and waits
		// for the answers.
		if answered == 0 && bytes.Contains(seen.Bytes(), []byte("\x1b[6n")) {
			answered++
			stdin.Write([]byte("\x1b]11;rgb:0000/0000/0000\x1b\\\x1b[1;1R"))
		}
		if first == 0 && bytes.Contains(seen.Bytes(), []byte("Plans")) {
			first = float64(time.Now().UnixNano()-start) / 1e6
		}
		if first > 0 && bytes.Contains(seen.Bytes(), []byte(all)) {
			return first, float64(time.Now().UnixNano()-start) / 1e6
		}
		if err != nil {
			b.Fatalf("no first frame: %v\n%q", err, seen.String())
		}
	}
}

// BenchmarkCompareFrame is one keypress in the compare view at 200×50
// with 1,000 plans loaded, Update and the View that follows, reported in
// ms per frame (issue 12: under 5 ms). "matrix" moves the row and column
// cursors (the columns scroll), "rank" moves through the ranked list of
// every plan, "filter" types and deletes a character of the filter (the
// matrix is filtered again). The plans' targets are made up
// (syntheticCompare: 40 indicators, set by four plans in five); "corpus"
// is the matrix read from 1,000 generated plans (internal/corpus).
func BenchmarkCompareFrame(b *testing.B) {
	synth := func(b *testing.B) ([]*model.Plan, [][]indicator.Indicator) { return syntheticCompare(1000) }
	real := func(b *testing.B) ([]*model.Plan, [][]indicator.Indicator) {
		plans := corpus1000(b)
		return plans, indicator.ExtractAll(plans)
	}
	for _, bc := range []struct {
		name  string
		data  func(*testing.B) ([]*model.Plan, [][]indicator.Indicator)
		setup []string
		keys  []string
	}{
		{"matrix", synth, nil, []string{"j", "l", "j", "l", "k", "l", "G", "h", "g", "l"}},
		{"rank", synth, []string{"l", "a", "r"}, []string{"j", "j", "f", "s", "G", "b", "g"}},
		{"filter", synth, []string{"/", "护"}, []string{"理", "backspace"}},
		{"corpus", real, nil, []string{"j", "l", "j", "l", "k", "l", "G", "h", "g", "l"}},
	} {
		b.Run(bc.name, func(b *testing.B) {
			plans, ind := bc.data(b)
			hs := newHarness(b, plans, 200, 50)
			hs.send(newCompareMsg(plans, ind))
			hs.keys("c")
			hs.keys(bc.setup...)
			msgs := make([]tea.Msg, len(bc.keys))
			for i, k := range bc.keys {
				msgs[i] = keyMsg(k)
			}
			b.ReportAllocs()
			b.ResetTimer()
			start := time.Now()
			for i := 0; i < b.N; i++ {
				hs.m.Update(msgs[i%len(msgs)])
				_ = hs.m.View()
			}
			b.ReportMetric(float64(time.Since(start).Microseconds())/1000/float64(b.N), "ms/frame")
		})
	}
}

var (
	corpusOnce  sync.Once
	corpusPlans []*model.Plan
)

// corpus1000 loads 1,000 generated plans (internal/corpus, seed 1), once.
func corpus1000(b *testing.B) []*model.Plan {
	corpusOnce.Do(func() {
		dir, err := os.MkdirTemp("", "planview-tui-corpus")
		if err != nil {
			b.Fatal(err)
		}
		defer os.RemoveAll(dir)
		if _, err := corpus.Generate(filepath.Join(dir, "c"), 1000, 1); err != nil {
			b.Fatal(err)
		}
		corpusPlans, _ = loader.LoadPaths([]string{filepath.Join(dir, "c")})
	})
	if len(corpusPlans) != 1000 {
		b.Fatalf("loaded %d plans, want 1000", len(corpusPlans))
	}
	return corpusPlans
}

// BenchmarkSideScroll is one keypress in the side-by-side view at 200×50
// on the embedded plans, Update and the View that follows, reported in ms
// per frame (issue 13: under 2 ms): 天门 and 通道 on 养老服务, a line down
// (or up, at the ends) with the cursor on the bottom row so every key
// scrolls; a page; four columns; and "cold", a line with the painted
// lines forgotten before each key (as when the highlights change).
func BenchmarkSideScroll(b *testing.B) {
	for _, bc := range []struct {
		name string
		cols int
		key  string
		cold bool
	}{
		{"line", 2, "down", false},
		{"page", 2, "pgdown", false},
		{"line-4-columns", 4, "down", false},
		{"line-cold", 2, "down", true},
	} {
		b.Run(bc.name, func(b *testing.B) {
			plans, _ := loader.LoadFS(seeds.FS())
			hs := newHarness(b, plans, 200, 50)
			for i, p := range plans {
				if strings.Contains(p.Region, "天门") {
					hs.send(openPlanMsg{i})
				}
			}
			hs.keys("v")
			hs.toTopic("养老服务")
			for len(hs.m.side.cols) < bc.cols {
				hs.keys("+")
			}
			v := hs.m.side
			l := &v.list
			for l.cursor < l.top+l.h-1 {
				hs.keys("down")
			}
			fwd, back := keyMsg(bc.key), keyMsg("up")
			if bc.key == "pgdown" {
				back = keyMsg("pgup")
			}
			dir := fwd
			b.ReportAllocs()
			b.ResetTimer()
			start := time.Now()
			for i := 0; i < b.N; i++ {
				if l.cursor >= l.n-1 {
					dir = back
				} else if l.top == 0 {
					dir = fwd
				}
				if bc.cold {
					for _, c := range v.cols {
						c.forget()
					}
				}
				hs.m.Update(dir)
				_ = hs.m.View()
			}
			b.ReportMetric(float64(time.Since(start).Microseconds())/1000/float64(b.N), "ms/frame")
		})
	}
}
