package state

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"sync"
	"testing"
)

func sample() *File {
	f := New()
	f.Last, f.LastID = "abc", "tianmen"
	f.Plans["abc"] = Place{Sec: 3, Block: 2, Sub: -1, Off: 120, Delta: 1, TRow: 4, Section: "1.5", Table: 1, Column: 2,
		Query: "养老床位", Hit: &Hit{Section: "1.5", Block: 2, Row: 3, Col: 1, Sub: -1, Start: 6, End: 18}, Shown: true, Used: 100}
	f.Plans["def"] = Place{Sec: -1, Block: -1, Sub: -1, Off: -1, Table: -1, Used: 90}
	return f
}

func TestRoundTrip(t *testing.T) {
	s := Open(filepath.Join(t.TempDir(), "a", "planview")) // created on the first write
	if f, err := s.Load(); err != nil || len(f.Plans) != 0 || f.Version != Version {
		t.Fatalf("no file yet: %+v, %v; want an empty state and no error", f, err)
	}
	want := sample()
	if err := s.Save(want, 1); err != nil {
		t.Fatal(err)
	}
	got, err := s.Load()
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("read back %+v, want %+v", got, want)
	}
	if fi, err := os.Stat(s.Path()); err != nil || fi.Mode().Perm()&0o077 != 0 && runtime.GOOS != "windows" {
		t.Errorf("state file %v, %v: want it private", fi, err)
	}
}

// TestAtomicWrite: many saves at once from several goroutines leave a whole
// file (the newest snapshot) and no temporary file behind; a save that
// cannot write leaves the old file as it was.
func TestAtomicWrite(t *testing.T) {
	dir := t.TempDir()
	s := Open(dir)
	var wg sync.WaitGroup
	for i := 1; i <= 40; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			f := New()
			f.LastID = strings.Repeat("x", i)
			f.Plans["k"] = Place{Query: strings.Repeat("养", 1000*i), Used: int64(i)}
			if err := s.Save(f, uint64(i)); err != nil {
				t.Error(err)
			}
		}(i)
	}
	wg.Wait()
	f, err := s.Load()
	if err != nil {
		t.Fatalf("after concurrent saves: %v", err)
	}
	if f.Plans["k"].Used != 40 || f.LastID != strings.Repeat("x", 40) {
		t.Errorf("the newest snapshot did not win: used %d, last id %d bytes", f.Plans["k"].Used, len(f.LastID))
	}
	ents, _ := os.ReadDir(dir)
	if len(ents) != 1 || ents[0].Name() != FileName {
		var names []string
		for _, e := range ents {
			names = append(names, e.Name())
		}
		t.Errorf("the directory holds %v, want only %s", names, FileName)
	}
	// An older snapshot saved late is dropped.
	old := New()
	old.LastID = "old"
	if err := s.Save(old, 3); err != nil {
		t.Fatal(err)
	}
	if f, _ := s.Load(); f.LastID == "old" {
		t.Errorf("an older snapshot overwrote a newer one")
	}
}

func TestCorruptFileIsReplaced(t *testing.T) {
	for name, content := range map[string]string{
		"garbage":   "\x00\x01 not json {",
		"truncated": `{"version":1,"plans":{"abc":{"sec":3,`,
		"version":   `{"version":99,"plans":{}}`,
		"type":      `{"version":1,"plans":[1,2]}`,
	} {
		t.Run(name, func(t *testing.T) {
			s := Open(t.TempDir())
			if err := os.WriteFile(s.Path(), []byte(content), 0o600); err != nil {
				t.Fatal(err)
			}
			f, err := s.Load()
			if err == nil || !strings.Contains(err.Error(), s.Path()) {
				t.Errorf("corrupt file: error %v, want one naming the file", err)
			}
			if f == nil || f.Plans == nil || len(f.Plans) != 0 {
				t.Fatalf("corrupt file: state %+v, want an empty one", f)
			}
			if err := s.Save(sample(), 1); err != nil {
				t.Fatalf("saving over a corrupt file: %v", err)
			}
			if f, err := s.Load(); err != nil || !reflect.DeepEqual(f, sample()) {
				t.Errorf("after replacing it: %+v, %v", f, err)
			}
		})
	}
}

func TestUnwritableDir(t *testing.T) {
	// A state directory that cannot be made (a file stands in its way):
	// the save fails with an error, and nothing is written.
	top := t.TempDir()
	if err := os.WriteFile(filepath.Join(top, "planview"), []byte("a file"), 0o600); err != nil {
		t.Fatal(err)
	}
	blockedDir := Open(filepath.Join(top, "planview"))
	if err := blockedDir.Save(sample(), 1); err == nil {
		t.Errorf("saving where a file stands for the directory did not fail")
	}
	if f, err := blockedDir.Load(); err == nil && len(f.Plans) != 0 {
		t.Errorf("read back %+v from a directory that cannot exist", f)
	}
	if b, _ := os.ReadFile(filepath.Join(top, "planview")); string(b) != "a file" {
		t.Errorf("the file in the way was changed: %q", b)
	}
}

// TestReadOnlyDir: a save in a read-only directory fails and leaves the old
// file whole; an unreadable file is reported and replaced.
func TestReadOnlyDir(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no POSIX permissions")
	}
	if os.Geteuid() == 0 {
		// Permissions do not stop root (CI runs as root): the test runs
		// again in a process of the unprivileged user nobody.
		if os.Getenv(asNobodyEnv) != "" {
			t.Fatal("still root in the process meant for nobody")
		}
		runAsNobody(t, "TestReadOnlyDir") // state_unix_test.go
		return
	}
	dir := t.TempDir()
	if d := os.Getenv(asNobodyEnv); d != "" {
		dir = d // t.TempDir's parent is root's
	}
	s := Open(dir)
	if err := s.Save(sample(), 1); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(dir, 0o500); err != nil {
		t.Fatal(err)
	}
	defer os.Chmod(dir, 0o700)
	f := New()
	f.LastID = "new"
	if err := s.Save(f, 2); err == nil {
		t.Errorf("saving in a read-only directory did not fail")
	}
	if got, err := s.Load(); err != nil || !reflect.DeepEqual(got, sample()) {
		t.Errorf("after a failed save the old file reads %+v, %v", got, err)
	}
	// A directory that cannot be created.
	blocked := Open(filepath.Join(dir, "sub", "planview"))
	if err := blocked.Save(sample(), 1); err == nil {
		t.Errorf("saving under a read-only directory did not fail")
	}
	// An unreadable file: reported, and replaced on the next save.
	os.Chmod(dir, 0o700)
	if err := os.Chmod(s.Path(), 0o000); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Load(); err == nil {
		t.Errorf("an unreadable file was not reported")
	}
	if err := s.Save(sample(), 3); err != nil {
		t.Fatalf("replacing an unreadable file: %v", err)
	}
	if got, err := s.Load(); err != nil || !reflect.DeepEqual(got, sample()) {
		t.Errorf("after replacing the unreadable file: %+v, %v", got, err)
	}
}

// TestMergeAndTrim: a save keeps the plans another browser wrote meanwhile
// (the later place of a plan in both), and only the MaxPlans used last.
func TestMergeAndTrim(t *testing.T) {
	dir := t.TempDir()
	a, b := Open(dir), Open(dir)
	fa := New()
	fa.Plans["one"] = Place{Query: "a", Used: 10}
	fa.Plans["both"] = Place{Query: "a", Used: 20}
	if err := a.Save(fa, 1); err != nil {
		t.Fatal(err)
	}
	fb := New()
	fb.Plans["two"] = Place{Query: "b", Used: 10}
	fb.Plans["both"] = Place{Query: "b", Used: 15}
	if err := b.Save(fb, 1); err != nil {
		t.Fatal(err)
	}
	f, _ := a.Load()
	if f.Plans["one"].Query != "a" || f.Plans["two"].Query != "b" || f.Plans["both"].Query != "a" {
		t.Errorf("merged %+v", f.Plans)
	}
	big := New()
	for i := 0; i < MaxPlans+10; i++ {
		big.Plans[string(rune('a'+i%26))+strings.Repeat("z", i/26)] = Place{Used: int64(1000 + i)}
	}
	if err := a.Save(big, 2); err != nil {
		t.Fatal(err)
	}
	f, _ = a.Load()
	if len(f.Plans) != MaxPlans {
		t.Errorf("%d plans kept, want %d", len(f.Plans), MaxPlans)
	}
	if _, ok := f.Plans["one"]; ok {
		t.Errorf("the least recently used plan was kept")
	}
	b2, _ := os.ReadFile(a.Path())
	if !json.Valid(b2) {
		t.Errorf("not JSON")
	}
}

func TestDir(t *testing.T) {
	t.Setenv("XDG_STATE_HOME", "/x/state")
	if d, err := Dir(); err != nil || d != filepath.Join("/x/state", "planview") {
		t.Errorf("with XDG_STATE_HOME: %q, %v", d, err)
	}
	if runtime.GOOS != "linux" {
		return
	}
	t.Setenv("XDG_STATE_HOME", "relative/path") // ignored, as the spec says
	t.Setenv("HOME", "/home/reader")
	if d, err := Dir(); err != nil || d != "/home/reader/.local/state/planview" {
		t.Errorf("without XDG_STATE_HOME: %q, %v", d, err)
	}
}
