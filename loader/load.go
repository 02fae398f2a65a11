package loader

// Loading many files: LoadFS and LoadPaths (and their streaming forms) list
// the files, parse them on a bounded pool of workers and give the plans
// unique IDs.

import (
	"errors"
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

	"planview/formats"
	"planview/loader/internal/bytescan"
	"planview/model"
)

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

// PathsSize is how many bytes LoadPaths(paths) would read (as the files
// stand now): a caller sizes its memory plans with it (cli/gc.go).
func PathsSize(paths []string) int64 {
	jobs, _ := pathJobs(paths)
	var n int64
	for _, j := range jobs {
		n += j.size
	}
	return n
}

// LoadPaths loads the plans named by paths, in order. A path is a file (read
// whatever its extension; .docx, .html, .htm and .pdf through their front
// ends, formats.Convert) or a folder: every plan file directly inside it
// (isPlanFile), sorted by name; sub-folders are not entered, so a folder of plans can keep
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
			if !isPlanFile(e.Name()) {
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
			errs = append(errs, &Error{File: p, Err: errors.New("a folder with no plan file (*.txt, *.docx, *.html, *.htm, *.pdf) in it")})
		}
	}
	return jobs, errs
}

// isPlanFile tells whether a folder's file is a plan: a text file, or a
// Word, web-page or PDF file (formats.Supported).
func isPlanFile(name string) bool {
	return strings.EqualFold(path.Ext(name), ".txt") || formats.Supported(name)
}

// convertError is a front end's error without the file's name, which the
// loader's Error gives (errors.Is still finds formats.ErrNoTextLayer …).
type convertError struct{ err error }

func (c convertError) Error() string {
	var fe *formats.Error
	if errors.As(c.err, &fe) {
		return fe.Detail()
	}
	return c.err.Error()
}

func (c convertError) Unwrap() error { return c.err }

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

// job is one file to load. read reads it into buf's space when it fits
// (see readLimitedInto).
type job struct {
	name string
	size int64 // as found before reading, 0 if not known (PathsSize)
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
		if formats.Supported(jobs[i].name) {
			// A Word, web-page or PDF file: its front end writes it as
			// plan text, which the genre's rules then read like any other.
			if b, err = formats.Convert(jobs[i].name, b); err != nil {
				errs[i] = &Error{File: jobs[i].name, Err: convertError{err}}
				return
			}
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
			ids.reserve(slug(j.name), j.name)
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
		if unicode.IsControl(r) || bytescan.DroppedRune(r) || r == utf8.RuneError {
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
		ids.reserve(p.ID, p.Source)
	}
	for _, p := range plans {
		ids.unique(p)
	}
}

// idSet is the IDs given out so far (taken[id] true) and those reserved
// for plans to come (false); text[id] marks an ID a .txt file asks for.
type idSet struct {
	taken map[string]bool
	text  map[string]bool
	next  map[string]int // the next suffix to try for an ID
}

func newIDSet(n int) *idSet {
	return &idSet{taken: make(map[string]bool, n), text: map[string]bool{}, next: map[string]int{}}
}

func hasKey(m map[string]bool, k string) bool {
	_, ok := m[k]
	return ok
}

// reserve keeps id for the plan of file name.
func (s *idSet) reserve(id, name string) {
	if _, ok := s.taken[id]; !ok {
		s.taken[id] = false
	}
	if formatOf(name) == "" {
		s.text[id] = true
	}
}

// formatOf is a Word, web-page or PDF file's extension (docx, html, pdf),
// "" for a text file.
func formatOf(name string) string {
	if ext := strings.ToLower(strings.TrimPrefix(path.Ext(name), ".")); ext != "txt" && formats.Supported(name) {
		return ext
	}
	return ""
}

// unique gives p its ID; a Word, web-page or PDF file whose ID a text file
// also asks for (plan.docx beside plan.txt) gets the ID with its format
// (plan-docx); an ID taken already gets the first free number.
func (s *idSet) unique(p *model.Plan) {
	if f := formatOf(p.Source); f != "" && (s.taken[p.ID] || s.text[p.ID]) {
		if id := p.ID + "-" + f; !hasKey(s.taken, id) {
			p.ID = id
			s.taken[id] = true
			return
		}
	}
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
