// Package state keeps what the browser remembers between runs: for each
// plan, keyed by a hash of its content (so a moved or renamed file keeps
// its place), where the reader was, the focused table's column and the last
// search. It is one small JSON file in the user's state directory, written
// atomically (a temporary file in the same directory, then a rename); plan
// files are never written.
package state

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"sync"
)

// Version is the file format's version; a file of another version is
// ignored (and replaced) like a corrupt one.
const Version = 1

// FileName is the file's name in the state directory.
const FileName = "positions.json"

// MaxPlans bounds the plans remembered: past it, the least recently used
// are forgotten when the file is written.
const MaxPlans = 1000

// Place is where the browser was in one plan.
type Place struct {
	// The reader's position (tui/reader.go's anchor): the section (its
	// index in document order, -1 for the preamble), the block in it (-1
	// for the heading), the child of a 专栏 box (-1 for none), the byte
	// offset in the block's text (-1 for none), lines below that, and 1 +
	// the table row at the top (0 when not in a table's grid).
	Sec   int32 `json:"sec"`
	Block int32 `json:"block"`
	Sub   int32 `json:"sub"`
	Off   int32 `json:"off"`
	Delta int   `json:"delta,omitempty"`
	TRow  int32 `json:"trow,omitempty"`
	// Section is the path of the section at the top ("1.5"), for people
	// reading the file; Sec is what counts.
	Section string `json:"section,omitempty"`

	// Table is the focused wide table (its index among the plan's tables
	// in document order, -1 for none), Column the column it was scrolled
	// to (0: not scrolled).
	Table  int `json:"table"`
	Column int `json:"column,omitempty"`

	// Query is the last search; Hit, when set, the hit of it n/N last went
	// to in this plan, and Shown whether the reader showed it highlighted.
	Query string `json:"query,omitempty"`
	Hit   *Hit   `json:"hit,omitempty"`
	Shown bool   `json:"shown,omitempty"`

	// Used is when the plan was last read (Unix seconds): the least
	// recently used plans are forgotten first, and of two copies of the
	// file (two browsers open at once) the later place wins.
	Used int64 `json:"used"`
}

// Hit is a search hit's place in its plan (model.Location's fields).
type Hit struct {
	Section string `json:"section,omitempty"`
	Block   int    `json:"block"`
	Row     int    `json:"row"`
	Col     int    `json:"col"`
	Sub     int    `json:"sub"`
	Start   int    `json:"start"`
	End     int    `json:"end"`
}

// File is the whole state.
type File struct {
	Version int `json:"version"`
	// Last is the hash of the plan open when the browser last quit, and
	// LastID its id then (tried first, so that finding it does not hash
	// every plan of a big folder).
	Last   string           `json:"last,omitempty"`
	LastID string           `json:"last_id,omitempty"`
	Plans  map[string]Place `json:"plans"`
}

// New returns an empty state.
func New() *File { return &File{Version: Version, Plans: map[string]Place{}} }

// Dir is the directory the state lives in: $XDG_STATE_HOME/planview when
// that is set (to an absolute path), else ~/.local/state/planview; on macOS
// ~/Library/Application Support/planview and on Windows
// %LocalAppData%\planview, as those systems keep such files.
func Dir() (string, error) {
	if x := os.Getenv("XDG_STATE_HOME"); x != "" && filepath.IsAbs(x) {
		return filepath.Join(x, "planview"), nil
	}
	switch runtime.GOOS {
	case "darwin":
		d, err := os.UserConfigDir()
		if err != nil {
			return "", err
		}
		return filepath.Join(d, "planview"), nil
	case "windows":
		d, err := os.UserCacheDir() // %LocalAppData%
		if err != nil {
			return "", err
		}
		return filepath.Join(d, "planview"), nil
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(home, ".local", "state", "planview"), nil
}

// Store reads and writes the state file in one directory. Its methods may
// be called from several goroutines.
type Store struct {
	dir string
	mu  sync.Mutex
	seq uint64 // the newest snapshot written (Save skips older ones)
}

// Open returns the store of directory dir (created when first written).
func Open(dir string) *Store { return &Store{dir: dir} }

// Path is the state file's path.
func (s *Store) Path() string { return filepath.Join(s.dir, FileName) }

// Load reads the state. A missing file is an empty state and no error; an
// unreadable or corrupt file (or one of another version) is an empty state
// and an error saying so: the next Save replaces it.
func (s *Store) Load() (*File, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.load()
}

func (s *Store) load() (*File, error) {
	b, err := os.ReadFile(s.Path())
	if errors.Is(err, fs.ErrNotExist) {
		return New(), nil
	}
	if err != nil {
		return New(), err
	}
	var f File
	if err := json.Unmarshal(b, &f); err != nil {
		return New(), fmt.Errorf("%s: not a state file (%v)", s.Path(), err)
	}
	if f.Version != Version {
		return New(), fmt.Errorf("%s: state file version %d, want %d", s.Path(), f.Version, Version)
	}
	if f.Plans == nil {
		f.Plans = map[string]Place{}
	}
	return &f, nil
}

// Save writes f, merged with the file as it is now on disk (another
// browser may have written it meanwhile: of a plan in both, the place used
// last wins; a corrupt file on disk is replaced). seq orders the snapshots
// of one browser: a snapshot older than one already written is dropped, so
// saves run in the background may finish in any order. Save writes a
// temporary file in the directory and renames it over the state file, so a
// reader never sees half a file.
func (s *Store) Save(f *File, seq uint64) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if seq < s.seq {
		return nil
	}
	s.seq = seq
	out := New()
	if disk, err := s.load(); err == nil {
		out = disk
	}
	for k, p := range f.Plans {
		if q, ok := out.Plans[k]; !ok || p.Used >= q.Used {
			out.Plans[k] = p
		}
	}
	out.Last, out.LastID = f.Last, f.LastID
	trim(out)
	b, err := json.MarshalIndent(out, "", " ")
	if err != nil {
		return err
	}
	return writeAtomic(s.dir, FileName, append(b, '\n'))
}

// trim forgets the least recently used plans beyond MaxPlans.
func trim(f *File) {
	if len(f.Plans) <= MaxPlans {
		return
	}
	keys := make([]string, 0, len(f.Plans))
	for k := range f.Plans {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		a, b := f.Plans[keys[i]], f.Plans[keys[j]]
		if a.Used != b.Used {
			return a.Used > b.Used
		}
		return keys[i] < keys[j]
	})
	for _, k := range keys[MaxPlans:] {
		delete(f.Plans, k)
	}
}

// writeAtomic writes data to dir/name through a temporary file in dir.
func writeAtomic(dir, name string, data []byte) error {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(dir, "."+name+".*.tmp")
	if err != nil {
		return err
	}
	_, err = tmp.Write(data)
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), filepath.Join(dir, name))
	}
	if err != nil {
		os.Remove(tmp.Name())
	}
	return err
}
