package loader

// Entry points: Parse, LoadFS, LoadPaths and their streaming forms run
// the pipeline (see doc.go) on files, on a bounded pool of workers.

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"strconv"
	"strings"
	"unicode"
	"unsafe"

	"planview/internal/escseq"
	"planview/loader/internal/bytescan"
	"planview/model"
)

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
	if strings.IndexFunc(file, func(r rune) bool { return unicode.IsControl(r) || bytescan.DroppedRune(r) }) >= 0 {
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

// escapeCount is "1 escape sequence" or "n escape sequences".
func escapeCount(n int) string {
	if n == 1 {
		return "1 escape sequence"
	}
	return strconv.Itoa(n) + " escape sequences"
}
