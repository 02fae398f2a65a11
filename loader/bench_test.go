package loader

import (
	"bufio"
	"bytes"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"
	"unicode/utf8"

	"planview/internal/corpus"
	"planview/internal/gcpause"
	"planview/model"
	"planview/seeds"
)

// BenchmarkLoadSeeds loads the five embedded seeds. Target: under 10 ms.
func BenchmarkLoadSeeds(b *testing.B) {
	var size int64
	entries, _ := seeds.FS().ReadDir(".")
	for _, e := range entries {
		if fi, err := e.Info(); err == nil {
			size += fi.Size()
		}
	}
	b.SetBytes(size)
	b.ReportAllocs()
	for b.Loop() {
		plans, errs := LoadFS(seeds.FS())
		if len(errs) > 0 || len(plans) != 5 {
			b.Fatalf("%d plans, errors: %v", len(plans), errs)
		}
	}
}

var (
	corpusOnce sync.Once
	corpusDir  string
	corpusErr  error
)

// benchCorpus returns a folder of 1,000 generated plans: $PLANVIEW_CORPUS if
// set, else a corpus generated once into a temporary folder.
func benchCorpus(b *testing.B) string {
	if d := os.Getenv("PLANVIEW_CORPUS"); d != "" {
		return d
	}
	corpusOnce.Do(func() {
		corpusDir, corpusErr = os.MkdirTemp("", "planview-corpus-")
		if corpusErr == nil {
			_, corpusErr = corpus.Generate(corpusDir, 1000, 1)
		}
	})
	if corpusErr != nil {
		b.Fatal(corpusErr)
	}
	return corpusDir
}

// BenchmarkLoad1000 loads a folder of 1,000 generated plans (about 60 MB),
// with the collector held back and one collection at the end, as the
// command line loads a folder (cli/gc.go).
// Targets: under 3x the time cat takes to read the same files (reported as
// cat-ms and x-cat), and peak memory under 3x the size of the files (peak
// heap in use and peak RSS, as MB and as x-size).
func BenchmarkLoad1000(b *testing.B) {
	dir := benchCorpus(b)
	files, _ := filepath.Glob(filepath.Join(dir, "*.txt"))
	var size int64
	for _, f := range files {
		if fi, err := os.Stat(f); err == nil {
			size += fi.Size()
		}
	}
	catTime, catCPU := timeCat(b, files)
	b.SetBytes(size)
	b.ReportAllocs()

	var peakHeap, peakRSS uint64
	var total, cpu time.Duration
	n := 0
	for b.Loop() {
		b.StopTimer()
		runtime.GC()
		debug.FreeOSMemory()
		resetPeakRSS()
		stop := sampleHeap()
		b.StartTimer()
		start, startCPU := time.Now(), cpuTime()
		// The collector held back as the command holds it (cli/gc.go).
		resume := gcpause.Pause(int64(2.8 * float64(size)))
		plans, errs := LoadPaths([]string{dir})
		resume()
		runtime.GC()
		total += time.Since(start)
		cpu += cpuTime() - startCPU
		n++
		b.StopTimer()
		peakHeap = max(peakHeap, stop())
		peakRSS = max(peakRSS, readPeakRSS())
		if len(errs) > 0 || len(plans) != len(files) {
			b.Fatalf("%d plans of %d, errors: %v", len(plans), len(files), errs)
		}
		runtime.KeepAlive(plans)
		b.StartTimer()
	}
	per := total / time.Duration(max(n, 1))
	b.ReportMetric(float64((cpu/time.Duration(max(n, 1))).Microseconds())/1000, "cpu-ms")
	b.ReportMetric(float64(catTime.Microseconds())/1000, "cat-ms")
	b.ReportMetric(float64(catCPU.Microseconds())/1000, "cat-cpu-ms")
	b.ReportMetric(float64(per)/float64(catTime), "x-cat")
	b.ReportMetric(float64(size)/1e6, "text-MB")
	b.ReportMetric(float64(peakHeap)/1e6, "peak-heap-MB")
	b.ReportMetric(float64(peakHeap)/float64(size), "heap-x-size")
	if peakRSS > 0 {
		b.ReportMetric(float64(peakRSS)/1e6, "peak-rss-MB")
		b.ReportMetric(float64(peakRSS)/float64(size), "rss-x-size")
	}
}

// corpusJobs returns the files of the benchmark corpus, a loader job for
// each (as LoadPaths makes them) and their total size.
func corpusJobs(b *testing.B) (files []string, jobs []job, size int64) {
	files, _ = filepath.Glob(filepath.Join(benchCorpus(b), "*.txt"))
	jobs = make([]job, 0, len(files))
	for _, f := range files {
		var n int64
		if fi, err := os.Stat(f); err == nil {
			n = fi.Size()
		}
		size += n
		jobs = append(jobs, job{name: f, size: n, read: func(buf []byte) ([]byte, error) { return readOSFile(buf, f) }})
	}
	return files, jobs, size
}

// BenchmarkInput1000 is BenchmarkLoad1000 without the structure stages:
// reading, decode and clean only, to tell the input side's share.
func BenchmarkInput1000(b *testing.B) {
	files, jobs, size := corpusJobs(b)
	catTime, catCPU := timeCat(b, files)
	b.SetBytes(size)
	b.ReportAllocs()
	inputOnly := func(name string, data []byte) (*model.Plan, error) {
		text, err := decode(data)
		if err != nil {
			return nil, &Error{File: name, Err: err}
		}
		if lines := clean(text); !hasText(lines) {
			return nil, &Error{File: name, Err: ErrNoText}
		}
		return &model.Plan{Source: name, ID: slug(name)}, nil
	}
	var total, cpu time.Duration
	n := 0
	for b.Loop() {
		start, startCPU := time.Now(), cpuTime()
		plans, errs := runWith(jobs, inputOnly)
		total += time.Since(start)
		cpu += cpuTime() - startCPU
		n++
		if len(errs) > 0 || len(plans) != len(files) {
			b.Fatalf("%d plans of %d, errors: %v", len(plans), len(files), errs)
		}
	}
	b.ReportMetric(float64((cpu/time.Duration(max(n, 1))).Microseconds())/1000, "cpu-ms")
	b.ReportMetric(float64(catTime.Microseconds())/1000, "cat-ms")
	b.ReportMetric(float64(catCPU.Microseconds())/1000, "cat-cpu-ms")
	b.ReportMetric(float64(total/time.Duration(max(n, 1)))/float64(catTime), "x-cat")
}

// floorLines keeps BenchmarkFloor1000's line count from being optimised away.
var floorLines atomic.Int64

// BenchmarkFloor1000 is the floor under BenchmarkLoad1000: the same
// workers read the same files and only check that they are UTF-8 and count
// their lines ("read"), or also keep a copy of each file, as any loader
// must keep its text ("keep"). What a load takes beyond keep is what
// decode, clean and build cost.
func BenchmarkFloor1000(b *testing.B) {
	files, jobs, size := corpusJobs(b)
	catTime, _ := timeCat(b, files)
	for _, keep := range []bool{false, true} {
		name := "read"
		if keep {
			name = "keep"
		}
		b.Run(name, func(b *testing.B) {
			b.SetBytes(size)
			floor := func(name string, data []byte) (*model.Plan, error) {
				p := &model.Plan{Source: name}
				if utf8.Valid(data) {
					floorLines.Add(int64(bytes.Count(data, []byte{'\n'})))
				}
				if keep {
					p.Title = string(data)
				}
				return p, nil
			}
			var total time.Duration
			n := 0
			for b.Loop() {
				start := time.Now()
				plans, errs := runWith(jobs, floor)
				total += time.Since(start)
				n++
				if len(errs) > 0 || len(plans) != len(files) {
					b.Fatalf("%d plans of %d, errors: %v", len(plans), len(files), errs)
				}
			}
			b.ReportMetric(float64(catTime.Microseconds())/1000, "cat-ms")
			b.ReportMetric(float64(total/time.Duration(max(n, 1)))/float64(catTime), "x-cat")
		})
	}
}

// timeCat returns the best of three runs of cat over files, output to
// /dev/null, after one run to warm the page cache: wall time and CPU time.
func timeCat(b *testing.B, files []string) (wall, cpu time.Duration) {
	cat, err := exec.LookPath("cat")
	if err != nil {
		b.Skip("no cat")
	}
	best, bestCPU := time.Duration(1<<62), time.Duration(1<<62)
	for i := 0; i < 4; i++ {
		cmd := exec.Command(cat, files...)
		start := time.Now()
		if err := cmd.Run(); err != nil {
			b.Fatal(err)
		}
		if d := time.Since(start); i > 0 {
			best = min(best, d)
			bestCPU = min(bestCPU, cmd.ProcessState.UserTime()+cmd.ProcessState.SystemTime())
		}
	}
	return best, bestCPU
}

// cpuTime returns the CPU time (user and system) this process has used.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// sampleHeap samples the heap in use every 200µs until the returned function
// is called, which returns the peak.
func sampleHeap() func() uint64 {
	samples := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}, {Name: "/memory/classes/heap/unused:bytes"}}
	var peak uint64
	done := make(chan struct{})
	finished := make(chan struct{})
	read := func() {
		metrics.Read(samples)
		peak = max(peak, samples[0].Value.Uint64()+samples[1].Value.Uint64())
	}
	go func() {
		defer close(finished)
		t := time.NewTicker(200 * time.Microsecond)
		defer t.Stop()
		for {
			read()
			select {
			case <-done:
				read()
				return
			case <-t.C:
			}
		}
	}()
	return func() uint64 {
		close(done)
		<-finished
		return peak
	}
}

// resetPeakRSS resets the kernel's peak RSS of this process (Linux).
func resetPeakRSS() { _ = os.WriteFile("/proc/self/clear_refs", []byte("5"), 0) }

// readPeakRSS returns VmHWM of this process in bytes, or 0.
func readPeakRSS() uint64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	sc := bufio.NewScanner(bytes.NewReader(b))
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(sc.Text(), "VmHWM:"); ok {
			f := strings.Fields(rest)
			if len(f) >= 1 {
				kb, _ := strconv.ParseUint(f[0], 10, 64)
				return kb << 10
			}
		}
	}
	return 0
}

// seedText returns the five seeds joined, as UTF-8 with LF line ends.
func seedText(b *testing.B) string {
	names, _ := fs.Glob(seeds.FS(), "*.txt")
	var sb strings.Builder
	for _, n := range names {
		data, err := fs.ReadFile(seeds.FS(), n)
		if err != nil {
			b.Fatal(err)
		}
		sb.Write(data)
	}
	return sb.String()
}

// BenchmarkDecode measures the decode stage alone, per encoding.
func BenchmarkDecode(b *testing.B) {
	text := seedText(b)
	for _, e := range []corpus.Encoding{corpus.UTF8, corpus.UTF8BOMCRLF, corpus.GB18030, corpus.UTF16LE} {
		enc, err := corpus.Encode(text, e)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(e.String(), func(b *testing.B) {
			b.SetBytes(int64(len(enc)))
			buf := make([]byte, len(enc))
			for b.Loop() {
				copy(buf, enc) // decode may rewrite its input
				if _, err := decode(buf); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkClean measures the clean stage alone.
func BenchmarkClean(b *testing.B) {
	text := seedText(b)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		clean(text)
	}
}

// BenchmarkStages1000 runs decode, clean and build (with compaction) on the
// files of the 1,000-plan corpus, held in memory, on one goroutine, reusing
// scratch space as a worker does: CPU per stage with no I/O and no
// scheduling noise (decode-ms, clean-ms, build-ms).
func BenchmarkStages1000(b *testing.B) {
	dir := benchCorpus(b)
	files, _ := filepath.Glob(filepath.Join(dir, "*.txt"))
	data := make([][]byte, len(files))
	var size int64
	for i, f := range files {
		d, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		data[i] = d
		size += int64(len(d))
	}
	b.SetBytes(size)
	b.ReportAllocs()
	var dec, cl, bu time.Duration
	n := 0
	sc := new(scratch) // as a worker of LoadPaths reuses it
	for b.Loop() {
		for _, d := range data {
			buf := append([]byte(nil), d...) // decode may rewrite its input
			t0 := time.Now()
			text, err := decode(buf)
			if err != nil {
				b.Fatal(err)
			}
			t1 := time.Now()
			lines := sc.clean(text)
			t2 := time.Now()
			sc.build(lines, text, false)
			sc.reset()
			t3 := time.Now()
			dec += t1.Sub(t0)
			cl += t2.Sub(t1)
			bu += t3.Sub(t2)
		}
		n++
	}
	ms := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 / float64(max(n, 1)) }
	b.ReportMetric(ms(dec), "decode-ms")
	b.ReportMetric(ms(cl), "clean-ms")
	b.ReportMetric(ms(bu), "build-ms")
}
