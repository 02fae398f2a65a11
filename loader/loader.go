// Package loader reads plan files into model.Plans.
//
// Loading is a pipeline of small stages, each testable alone:
//
//	decode  bytes → text (UTF-8 ± BOM, UTF-16 with BOM, GB18030), LF line ends
//	reject  empty, binary or oversized files become one error naming the file
//	clean   conversion debris, tables of contents, page numbers, link spam and
//	        control characters removed; every kept line keeps its source number
//	blocks  paragraphs rejoined, PDF spaces between Chinese and digits dropped
//	outline headings at every level of the genre, as a tree
//	tables  the layouts Word, web and PDF exports leave behind
//
// A built plan keeps only the text it uses (see compactText), not the file.
package loader

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"
	"unsafe"

	"planview/internal/escseq"
	"planview/internal/gcpause"
	"planview/model"
)

// MaxSize is the largest file the loader reads.
const MaxSize = 64 << 20

// Error is a problem with one file, at a line when one is known. A Warning
// is a problem the file loaded despite (its plan is among those returned):
// "cut.txt:204: warning: 3 damaged bytes replaced with U+FFFD".
type Error struct {
	File    string
	Line    int // 0 when the problem is with the whole file
	Err     error
	Warning bool
}

func (e *Error) Error() string {
	file := e.File
	if strings.IndexFunc(file, func(r rune) bool { return unicode.IsControl(r) || droppedRune(r) }) >= 0 {
		file = strconv.Quote(file) // a file name must not drive the terminal
	}
	if e.Line > 0 {
		file += ":" + strconv.Itoa(e.Line)
	}
	if e.Warning {
		return fmt.Sprintf("%s: warning: %v", file, e.Err)
	}
	return fmt.Sprintf("%s: %v", file, e.Err)
}

func (e *Error) Unwrap() error { return e.Err }

// ErrorList collects the errors of a load, so that one bad file hides
// nothing: one entry per file that did not load, and one per warning of a
// file that did (Warning set).
type ErrorList []*Error

// Warnings returns the warnings of the list.
func (l ErrorList) Warnings() ErrorList { return l.filter(true) }

// Failures returns the entries of the files that did not load.
func (l ErrorList) Failures() ErrorList { return l.filter(false) }

func (l ErrorList) filter(warning bool) ErrorList {
	var out ErrorList
	for _, e := range l {
		if e.Warning == warning {
			out = append(out, e)
		}
	}
	return out
}

func (l ErrorList) Error() string {
	switch len(l) {
	case 0:
		return "no errors"
	case 1:
		return l[0].Error()
	}
	return fmt.Sprintf("%s (and %d more errors)", l[0], len(l)-1)
}

// Err returns nil for an empty list, else the list.
func (l ErrorList) Err() error {
	if len(l) == 0 {
		return nil
	}
	return l
}

// Parse reads one plan. name is the file name the plan is known by; the plan's
// ID is derived from it. Any error is an *Error naming the file. A plan that
// loads with a warning (damaged bytes replaced) comes with an *Error whose
// Warning is set: both results are non-nil.
func Parse(name string, r io.Reader) (*model.Plan, error) {
	b, err := readLimited(r, MaxSize)
	if err != nil {
		return nil, &Error{File: name, Err: err}
	}
	return parseBytes(name, b)
}

// readLimited reads all of r, or fails with ErrTooLarge as soon as it is
// known to hold more than limit bytes. A reader that tells its size (Size,
// Len or Stat, as *os.File, fs.File, *bytes.Reader and *strings.Reader do)
// is checked before anything is read, and read into a buffer of that size.
func readLimited(r io.Reader, limit int64) ([]byte, error) {
	return readLimitedInto(nil, r, limit)
}

// readLimitedInto is readLimited reading into buf's space when it is large
// enough (the result then shares buf's memory).
func readLimitedInto(buf []byte, r io.Reader, limit int64) ([]byte, error) {
	size := int64(-1)
	switch s := r.(type) {
	case interface{ Len() int }: // unread bytes: *bytes.Reader, *strings.Reader
		size = int64(s.Len())
	case interface{ Size() int64 }:
		size = s.Size()
	case interface{ Stat() (fs.FileInfo, error) }:
		if fi, err := s.Stat(); err == nil && fi.Mode().IsRegular() {
			size = fi.Size()
		}
	}
	if size > limit {
		return nil, tooLarge(limit)
	}
	if size < 0 {
		size = 64 << 10
	}
	b := buf[:0]
	if int64(cap(b)) < size+1 {
		b = make([]byte, 0, size+1) // +1: reading to EOF needs no regrowth
	}
	for {
		if len(b) == cap(b) {
			b = append(b, 0)[:len(b)]
		}
		n, err := r.Read(b[len(b):cap(b)])
		b = b[:len(b)+n]
		if int64(len(b)) > limit {
			return nil, tooLarge(limit)
		}
		if err == io.EOF {
			return b, nil
		}
		if err != nil {
			return nil, err
		}
	}
}

func tooLarge(limit int64) error {
	if limit >= 1<<20 {
		return reject(ErrTooLarge, "over the %d MiB limit", limit>>20)
	}
	return reject(ErrTooLarge, "over the %d byte limit", limit)
}

// parseBytes runs the pipeline on the bytes of one file, which it owns (the
// plan may keep pointing into them). A plan loaded with a warning comes with
// an *Error whose Warning is set.
func parseBytes(name string, b []byte) (*model.Plan, error) { return parse(name, b, false) }

// parseBorrowed is parseBytes on bytes the caller reuses afterwards: the
// plan keeps copies of all the text it uses, none of b.
func parseBorrowed(name string, b []byte) (*model.Plan, error) { return parse(name, b, true) }

func parse(name string, b []byte, borrowed bool) (*model.Plan, error) {
	sc := scratchPool.Get().(*scratch)
	defer scratchPool.Put(sc)
	return parseWith(sc, name, b, borrowed)
}

// parseWith is parse on the given scratch space, which it leaves reset.
func parseWith(sc *scratch, name string, b []byte, borrowed bool) (*model.Plan, error) {
	defer sc.reset()
	// Text decoded from UTF-16 or GB18030 goes to the scratch space too when
	// the bytes are borrowed: either way the plan copies what it keeps.
	var dec *[]byte
	if borrowed {
		dec = &sc.dec
	}
	text, dmg, err := decodeDamagedInto(b, dec)
	if err != nil {
		return nil, &Error{File: name, Err: err}
	}
	lines := sc.clean(text)
	if !hasText(lines) {
		return nil, &Error{File: name, Err: ErrNoText}
	}
	p := sc.build(lines, text, borrowed && (within(text, b) || within(text, sc.dec)))
	p.Source = name
	p.ID = slug(name)
	var warns []string
	line := 0
	if dmg.bytes > 0 {
		warns, line = append(warns, dmg.warning().Error()), dmg.line
	}
	if n, at := escseq.Unterminated(text); n > 0 {
		// Clean removed only their introducers: the text after them stays.
		warns = append(warns, escapeCount(n)+" with no end on its line: the introducer removed, the text kept")
		if line == 0 {
			line = at
		}
	}
	if len(warns) > 0 {
		return p, &Error{File: name, Line: line, Err: errors.New(strings.Join(warns, "; ")), Warning: true}
	}
	return p, nil
}

// within reports whether text lies in b's memory.
func within(text string, b []byte) bool {
	if len(text) == 0 || cap(b) == 0 {
		return false
	}
	t := uintptr(unsafe.Pointer(unsafe.StringData(text)))
	start := uintptr(unsafe.Pointer(unsafe.SliceData(b[:cap(b)])))
	return t >= start && t < start+uintptr(cap(b))
}

func hasText(lines []Line) bool {
	for _, l := range lines {
		if !isSpaceTab(l.Text) {
			return true
		}
	}
	return false
}

// LoadFS loads every *.txt file at the root of fsys, sorted by name. It
// returns the plans that loaded, in that order, and the errors of the files
// that did not. Plan IDs are unique (see LoadPaths).
func LoadFS(fsys fs.FS) ([]*model.Plan, ErrorList) {
	jobs, err := fsJobs(fsys)
	if err != nil {
		return nil, ErrorList{{File: ".", Err: err}}
	}
	return run(jobs)
}

// LoadFSStream is LoadFS handing the plans over as they load (see
// LoadPathsStream).
func LoadFSStream(fsys fs.FS, emit func(Batch)) ErrorList {
	jobs, err := fsJobs(fsys)
	if err != nil {
		return ErrorList{{File: ".", Err: err}}
	}
	_, errs := runStream(jobs, parseBorrowed, emit)
	return errs
}

// fsJobs lists the files LoadFS loads.
func fsJobs(fsys fs.FS) ([]job, error) {
	names, err := fs.Glob(fsys, "*.txt")
	if err != nil {
		return nil, err
	}
	sort.Strings(names)
	jobs := make([]job, 0, len(names))
	for _, n := range names {
		var size int64
		if fi, err := fs.Stat(fsys, n); err == nil {
			if fi.IsDir() {
				continue // a folder named *.txt is not a plan
			}
			size = fi.Size()
		}
		jobs = append(jobs, job{name: n, size: size, read: func(buf []byte) ([]byte, error) { return readFSFile(buf, fsys, n) }})
	}
	return jobs, nil
}

func readFSFile(buf []byte, fsys fs.FS, name string) ([]byte, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return nil, unwrapPathError(err)
	}
	defer f.Close()
	b, err := readLimitedInto(buf, f, MaxSize)
	return b, unwrapPathError(err)
}

// LoadPaths loads the plans named by paths, in order. A path is a file (read
// whatever its extension) or a folder: every *.txt file directly inside it,
// sorted by name; sub-folders are not entered, so a folder of plans can keep
// other material (drafts, originals) in sub-folders. A path that does not
// exist or cannot be read is an error naming it; the same file named twice
// is loaded once. Plans keep the path they were loaded from as Source.
//
// IDs come from file names (see slug); when two plans would share one, the
// later ones get "-2", "-3", … in load order.
func LoadPaths(paths []string) ([]*model.Plan, ErrorList) {
	jobs, errs := pathJobs(paths)
	plans, loadErrs := run(jobs)
	// Errors about the paths themselves come first, then those of files.
	return plans, append(errs, loadErrs...)
}

// Batch is what LoadPathsStream hands over at a time: the plans loaded
// since the last batch, in LoadPaths' order, and how many of the files to
// load are done (Done of Total).
type Batch struct {
	Plans       []*model.Plan
	Errs        ErrorList // the errors and warnings of the same files, handed over at once (a first batch holds those of paths that name none)
	Done, Total int
}

// batchEvery is how often LoadPathsStream hands over the plans loaded.
const batchEvery = 50 * time.Millisecond

// LoadPathsStream is LoadPaths handing the plans over as they load: emit
// gets them in batches (about every batchEvery, and a last one at the
// end), in the order LoadPaths returns them, from the calling goroutine.
// The errors come with the batches, and all of them at the end, as
// LoadPaths returns them. IDs are unique as LoadPaths
// makes them, but for a file whose ID a file that failed to load would
// have had (the suffixes skip the IDs of every file to load).
func LoadPathsStream(paths []string, emit func(Batch)) ErrorList {
	jobs, errs := pathJobs(paths)
	if len(errs) > 0 && len(jobs) > 0 {
		emit(Batch{Errs: errs, Total: len(jobs)})
	}
	_, loadErrs := runStream(jobs, parseBorrowed, emit)
	return append(errs, loadErrs...)
}

// pathJobs lists the files LoadPaths loads, and the errors of the paths
// that name none.
func pathJobs(paths []string) ([]job, ErrorList) {
	var jobs []job
	var errs ErrorList
	seen := map[string]bool{}
	add := func(p string, size int64) {
		key := p
		if abs, err := filepath.Abs(p); err == nil {
			key = abs
		}
		if seen[key] {
			return
		}
		seen[key] = true
		jobs = append(jobs, job{name: p, size: size, read: func(buf []byte) ([]byte, error) { return readOSFile(buf, p) }})
	}
	for _, p := range paths {
		fi, err := os.Stat(p)
		if err != nil {
			errs = append(errs, &Error{File: p, Err: unwrapPathError(err)})
			continue
		}
		if !fi.IsDir() {
			if err := regular(fi.Mode()); err != nil {
				errs = append(errs, &Error{File: p, Err: err})
				continue
			}
			add(p, fi.Size())
			continue
		}
		entries, err := os.ReadDir(p)
		if err != nil {
			errs = append(errs, &Error{File: p, Err: unwrapPathError(err)})
			continue
		}
		// os.ReadDir sorts by name.
		before := len(jobs) + len(errs)
		for _, e := range entries {
			if !strings.EqualFold(path.Ext(e.Name()), ".txt") {
				continue
			}
			full := filepath.Join(p, e.Name())
			if e.IsDir() {
				continue
			}
			var size int64
			mode := e.Type()
			if mode&fs.ModeSymlink != 0 {
				if fi, err := os.Stat(full); err == nil {
					if fi.IsDir() {
						continue
					}
					mode, size = fi.Mode(), fi.Size()
				}
			} else if fi, err := e.Info(); err == nil {
				size = fi.Size()
			}
			if err := regular(mode); err != nil && mode&fs.ModeSymlink == 0 {
				errs = append(errs, &Error{File: full, Err: err})
				continue
			}
			add(full, size)
		}
		if len(jobs)+len(errs) == before {
			errs = append(errs, &Error{File: p, Err: errors.New("a folder with no plan file (*.txt) in it")})
		}
	}
	return jobs, errs
}

// readOSFile reads a plan file. It is opened so that opening cannot block
// (openNoBlock: a file swapped for a named pipe after LoadPaths looked at
// it), and read only when it is still a regular file.
func readOSFile(buf []byte, name string) ([]byte, error) {
	f, err := openNoBlock(name)
	if err != nil {
		return nil, unwrapPathError(err)
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, unwrapPathError(err)
	}
	if err := regular(fi.Mode()); err != nil {
		return nil, err
	}
	b, err := readLimitedInto(buf, f, MaxSize)
	return b, unwrapPathError(err)
}

// regular returns an error for anything but a regular file: reading a
// named pipe, a socket or a device blocks or never ends. A symbolic link
// is judged by what it points to.
func regular(m fs.FileMode) error {
	switch {
	case m.IsRegular(), m&fs.ModeSymlink != 0:
		return nil
	case m&fs.ModeNamedPipe != 0:
		return errors.New("not a regular file (a named pipe): skipped")
	case m&fs.ModeSocket != 0:
		return errors.New("not a regular file (a socket): skipped")
	case m&fs.ModeDevice != 0:
		return errors.New("not a regular file (a device): skipped")
	case m.IsDir():
		return errors.New("a folder, not a plan file")
	}
	return errors.New("not a regular file: skipped")
}

// unwrapPathError drops the operation and path of an *fs.PathError: the
// *Error around it already names the file.
func unwrapPathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// loadMemFactor sizes the collector's pause while plans load: loading
// allocates about 2.3 times the text it reads, so a limit of 2.8 times is
// not reached in the genre, and keeps the process under three times the
// text should a file need more.
const loadMemFactor = 2.8

// collectAfter is the size of a load (bytes to read) above which it runs
// the collector once at its end: loading allocates about 2.3 times what it
// reads, so below this the heap stays under the collector's first goal
// (4 MiB) and no collection would have run.
const collectAfter = 2 << 20

// job is one file to load. read reads it into buf's space when it fits
// (see readLimitedInto).
type job struct {
	name string
	size int64 // as found before reading, 0 if not known: it sizes the GC pause
	read func(buf []byte) ([]byte, error)
}

// run loads the jobs on a bounded pool of workers and returns the plans and
// errors in job order, whatever order the workers finish in. A plan loaded
// with a warning is returned, and its warning is in the list.
func run(jobs []job) ([]*model.Plan, ErrorList) {
	return runWith(jobs, parseBorrowed)
}

// runWith is run with another parse function (benchmarks time the stages
// apart with it).
//
// Each worker reads file after file into one buffer of its own: parse must
// keep nothing that points into the bytes it is given (parseBorrowed copies
// what a plan keeps).
func runWith(jobs []job, parse func(name string, b []byte) (*model.Plan, error)) ([]*model.Plan, ErrorList) {
	return runStream(jobs, parse, nil)
}

// runStream is runWith handing the plans to emit, when not nil, in job
// order as they load (see LoadPathsStream); IDs are then made unique batch
// by batch, against the IDs of every job.
func runStream(jobs []job, parse func(name string, b []byte) (*model.Plan, error), emit func(Batch)) ([]*model.Plan, ErrorList) {
	var size int64
	for _, j := range jobs {
		size += j.size
	}
	// Loading only adds to the heap: the collector waits (see gcpause)
	// with a budget of loadMemFactor times the bytes to load, then, for a
	// load of over collectAfter bytes, runs once, at the end, on every
	// CPU. One collection replaces the five or six the heap's growth would
	// start, and it is paid by the load: left to run concurrently
	// afterwards, it would slow what comes next (the search index's fold
	// by a fifth). A smaller load would not have started a collection at
	// all: forcing one would only cost it time.
	resume := gcpause.Pause(int64(min(loadMemFactor*float64(size), 1<<62)))
	defer func() {
		resume()
		if size > collectAfter {
			runtime.GC()
		}
	}()
	plans := make([]*model.Plan, len(jobs))
	errs := make([]*Error, len(jobs))
	load := func(i int, buf *[]byte) {
		b, err := jobs[i].read(*buf)
		if err != nil {
			errs[i] = &Error{File: jobs[i].name, Err: err}
			return
		}
		if cap(b) > cap(*buf) {
			*buf = b[:0] // keep the larger buffer for the next file
		}
		p, err := parse(jobs[i].name, b)
		if err != nil {
			var e *Error
			if !errors.As(err, &e) {
				e = &Error{File: jobs[i].name, Err: err}
			}
			errs[i] = e
			if p == nil || !e.Warning {
				return
			}
		}
		plans[i] = p
	}
	// Streaming: finished[i] is closed when job i is done; the jobs are
	// handed over in order, the plans of a run of done jobs at a time.
	var finished []chan struct{}
	var ids *idSet
	if emit != nil {
		finished = make([]chan struct{}, len(jobs))
		for i := range finished {
			finished[i] = make(chan struct{})
		}
		ids = newIDSet(len(jobs))
		for _, j := range jobs {
			ids.taken[slug(j.name)] = false
		}
		inner := load
		load = func(i int, buf *[]byte) {
			inner(i, buf)
			close(finished[i])
		}
	}
	workers := min(runtime.GOMAXPROCS(0), 8, len(jobs))
	if emit != nil {
		workers = max(workers, 1)
		done := make(chan struct{})
		go func() {
			defer close(done)
			runPool(len(jobs), workers, load)
		}()
		var batch []*model.Plan
		var batchErrs ErrorList
		last := time.Now()
		for i := range jobs {
			<-finished[i]
			if plans[i] != nil {
				ids.unique(plans[i])
				batch = append(batch, plans[i])
			}
			if errs[i] != nil {
				batchErrs = append(batchErrs, errs[i])
			}
			if time.Since(last) >= batchEvery || i == len(jobs)-1 || len(batchErrs) > 0 {
				emit(Batch{Plans: batch, Errs: batchErrs, Done: i + 1, Total: len(jobs)})
				batch, batchErrs, last = nil, nil, time.Now()
			}
		}
		<-done
	} else {
		runPool(len(jobs), workers, load)
	}
	var out []*model.Plan
	var list ErrorList
	for i := range jobs {
		if plans[i] != nil {
			out = append(out, plans[i])
		}
		if errs[i] != nil {
			list = append(list, errs[i])
		}
	}
	if emit == nil {
		uniqueIDs(out)
	}
	return out, list
}

// runPool runs load on jobs 0…n-1, on workers goroutines when more than
// one, each with its own buffer.
func runPool(n, workers int, load func(i int, buf *[]byte)) {
	if workers <= 1 {
		var buf []byte
		for i := range n {
			load(i, &buf)
		}
	} else {
		var wg sync.WaitGroup
		next := make(chan int)
		for range workers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				var buf []byte
				for i := range next {
					load(i, &buf)
				}
			}()
		}
		for i := range n {
			next <- i
		}
		close(next)
		wg.Wait()
	}
}

// slug makes a plan ID from a file name: the base name without its
// extension, lower-cased, with runs of white space turned into '-' and
// control and bidi characters dropped (an ID is printed to terminals).
func slug(name string) string {
	base := path.Base(strings.ReplaceAll(name, "\\", "/"))
	base = strings.TrimSuffix(base, path.Ext(base))
	base = strings.Map(func(r rune) rune {
		if r == '\t' {
			return ' '
		}
		if unicode.IsControl(r) || droppedRune(r) || r == utf8.RuneError {
			return -1
		}
		return r
	}, base)
	id := strings.Join(strings.Fields(strings.ToLower(base)), "-")
	if id == "" {
		id = "plan"
	}
	return id
}

// uniqueIDs makes the IDs of plans unique: the first keeps its ID, the
// others get "-2", "-3", … (skipping any suffix already taken).
func uniqueIDs(plans []*model.Plan) {
	ids := newIDSet(len(plans))
	for _, p := range plans {
		ids.taken[p.ID] = false
	}
	for _, p := range plans {
		ids.unique(p)
	}
}

// idSet is the IDs given out so far (taken[id] true) and those reserved
// for plans to come (false).
type idSet struct {
	taken map[string]bool
	next  map[string]int // the next suffix to try for an ID
}

func newIDSet(n int) *idSet {
	return &idSet{taken: make(map[string]bool, n), next: map[string]int{}}
}

// unique gives p its ID if free, else the ID with the first free suffix.
func (s *idSet) unique(p *model.Plan) {
	if !s.taken[p.ID] {
		s.taken[p.ID] = true
		return
	}
	for n := max(s.next[p.ID], 2); ; n++ {
		id := p.ID + "-" + strconv.Itoa(n)
		if _, used := s.taken[id]; !used {
			s.next[p.ID] = n + 1
			p.ID = id
			s.taken[id] = true
			return
		}
	}
}

// escapeCount is "1 escape sequence" or "n escape sequences".
func escapeCount(n int) string {
	if n == 1 {
		return "1 escape sequence"
	}
	return strconv.Itoa(n) + " escape sequences"
}
