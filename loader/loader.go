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
package loader

import (
	"fmt"
	"io"
	"io/fs"
	"path"
	"sort"
	"strings"

	"planview/model"
)

// MaxSize is the largest file the loader reads.
const MaxSize = 64 << 20

// Error is a problem with one file, at a line when one is known.
type Error struct {
	File string
	Line int // 0 when the problem is with the whole file
	Err  error
}

func (e *Error) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %v", e.File, e.Line, e.Err)
	}
	return fmt.Sprintf("%s: %v", e.File, e.Err)
}

func (e *Error) Unwrap() error { return e.Err }

// ErrorList collects the errors of a load, so that one bad file hides nothing.
type ErrorList []*Error

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
// ID is derived from it.
func Parse(name string, r io.Reader) (*model.Plan, error) {
	b, err := io.ReadAll(io.LimitReader(r, MaxSize+1))
	if err != nil {
		return nil, &Error{File: name, Err: err}
	}
	return parseBytes(name, b)
}

func parseBytes(name string, b []byte) (*model.Plan, error) {
	text, err := decode(b)
	if err != nil {
		return nil, &Error{File: name, Err: err}
	}
	lines := clean(text)
	p := build(lines)
	p.Source = name
	p.ID = slug(name)
	return p, nil
}

// LoadFS loads every *.txt file at the root of fsys, sorted by name. It
// returns the plans that loaded and the errors of those that did not.
func LoadFS(fsys fs.FS) ([]*model.Plan, ErrorList) {
	names, err := fs.Glob(fsys, "*.txt")
	if err != nil {
		return nil, ErrorList{{File: ".", Err: err}}
	}
	sort.Strings(names)
	var plans []*model.Plan
	var errs ErrorList
	for _, n := range names {
		b, err := fs.ReadFile(fsys, n)
		if err != nil {
			errs = append(errs, &Error{File: n, Err: err})
			continue
		}
		p, err := parseBytes(n, b)
		if err != nil {
			errs = append(errs, err.(*Error))
			continue
		}
		plans = append(plans, p)
	}
	return plans, errs
}

// slug makes a plan ID from a file name: the base name without extension.
func slug(name string) string {
	base := path.Base(strings.ReplaceAll(name, "\\", "/"))
	return strings.TrimSuffix(base, path.Ext(base))
}
