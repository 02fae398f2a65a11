package tui

import (
	"os"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"planview/internal/state"
	"planview/model"
)

// newStateHarness is newHarness with positions remembered in st, as Run
// sets the model up.
func newStateHarness(t *testing.T, plans []*model.Plan, st *state.Store, w, h int) *harness {
	t.Helper()
	hs := &harness{t: t, m: newTestModel(plans)}
	hs.m.UseState(st)
	hs.send(tea.WindowSizeMsg{Width: w, Height: h})
	return hs
}

// place is what a restart must bring back.
type place struct {
	plan          string
	at            anchor
	table, column int
	query         string
	hit           int
	highlighted   bool
}

func placeOf(m *Model) place {
	p := place{plan: m.plans[m.cur].Title, at: m.reader.Anchor(), query: m.search.LastQuery(), hit: m.search.cur, highlighted: m.reader.hl != nil}
	p.table, p.column = m.reader.TablePlace()
	return p
}

// TestRememberedPositions quits the browser in the middle of 天门's wide
// table, scrolled a column sideways, on a search hit, and starts it again:
// it opens 天门 at the same place, the table at the same column, the search
// query back with n going on from the same hit. Renamed and moved to
// another place in the list, the plan keeps its place (plans are known by
// their content); a plan switch writes the state file too; --no-state
// (no store) remembers nothing.
func TestRememberedPositions(t *testing.T) {
	dir := t.TempDir()
	st := state.Open(dir)
	hs := newStateHarness(t, testPlans(), st, 80, 24)
	hs.openSection(0, "第一章", "第二节")

	// Switching plans writes the place down.
	hs.keys("j")
	before := placeOf(hs.m)
	hs.keys("p", "j", "enter")
	f, err := st.Load()
	if err != nil || len(f.Plans) != 1 {
		t.Fatalf("after switching plans the state file holds %+v, %v; want 天门's place", f, err)
	}
	hs.keys("p", "k", "enter", "tab") // back to 天门, in the reader
	if got := placeOf(hs.m); got != before {
		t.Fatalf("back in 天门 in the same run: %+v, want %+v", got, before)
	}

	hs.keys("/", "护理型", "enter") // the first hit: a cell of the wide table
	if hs.m.search.cur != 0 || hs.m.reader.hl == nil {
		t.Fatalf("the search did not jump to its first hit (cur %d)", hs.m.search.cur)
	}
	hs.keys("l", "j")
	want := placeOf(hs.m)
	if want.table < 0 || want.column == 0 || want.query != "护理型" || !want.highlighted {
		t.Fatalf("set-up: %+v: want a focused table scrolled sideways, the query and its hit", want)
	}
	hs.keys("q")
	if !hs.quit {
		t.Fatal("q did not quit")
	}
	if err := hs.m.SaveState(); err != nil { // what Run does when the program ends
		t.Fatal(err)
	}

	// Start again: 天门 opens where it was.
	hs = newStateHarness(t, testPlans(), st, 80, 24)
	got := placeOf(hs.m)
	if got != want {
		t.Errorf("after a restart: %+v, want %+v", got, want)
	}
	if hs.m.notice != "" {
		t.Errorf("notice %q after a clean restart", hs.m.notice)
	}
	checkWidths(t, hs.view(), 80, 24)
	hs.keys("tab", "tab", "n") // to the reader; n goes to the second hit, as it would have
	if hs.m.search.cur != 1 {
		t.Errorf("n after the restart went to hit %d, want 1", hs.m.search.cur)
	}

	// Renamed, moved to the end of the list, and laid out at another
	// width: still known, reopened at the same section.
	plans := testPlans()
	plans[0].ID, plans[0].Source = "renamed", "elsewhere/renamed.txt"
	plans[0], plans[1] = plans[1], plans[0]
	st2 := state.Open(t.TempDir())
	hs = newStateHarness(t, testPlans(), st2, 80, 24)
	hs.openSection(0, "第二章", "第二节")
	hs.keys("j")
	sec := hs.m.reader.Section().Path
	at := hs.m.reader.Anchor()
	hs.keys("q")
	hs.m.SaveState()
	hs = newStateHarness(t, plans, st2, 80, 24)
	if hs.m.cur != 1 || hs.m.reader.Anchor() != at {
		t.Errorf("renamed and moved: plan %d at %+v, want plan 1 at %+v", hs.m.cur, hs.m.reader.Anchor(), at)
	}
	hs = newStateHarness(t, plans, st2, 120, 40)
	if s := hs.m.reader.Section(); hs.m.cur != 1 || s == nil || s.Path != sec {
		t.Errorf("at 120x40: plan %d section %v, want plan 1 section %s", hs.m.cur, s, sec)
	}

	// Without a store nothing is read.
	hs = newHarness(t, testPlans(), 80, 24)
	if hs.m.cur != 0 || hs.m.reader.Anchor().sec != -1 || hs.m.search.LastQuery() != "" {
		t.Errorf("without a store: plan %d at %+v, query %q", hs.m.cur, hs.m.reader.Anchor(), hs.m.search.LastQuery())
	}
}

// TestRememberedPositionsCorruptFile: a corrupt state file is said once in
// the status line, the browser starts as if nothing were remembered, and
// the file is replaced when the browser quits. A state file that cannot
// be written is said once too.
func TestRememberedPositionsCorruptFile(t *testing.T) {
	dir := t.TempDir()
	st := state.Open(dir)
	if err := os.WriteFile(st.Path(), []byte("{not json"), 0o600); err != nil {
		t.Fatal(err)
	}
	hs := newStateHarness(t, testPlans(), st, 120, 40)
	lines := strings.Split(plain(hs.view()), "\n")
	if status := lines[len(lines)-2]; !strings.Contains(status, "remembered positions not read") || !strings.Contains(status, "replaced") {
		t.Errorf("status line %q does not report the corrupt state file", status)
	}
	hs.keys("j")
	lines = strings.Split(plain(hs.view()), "\n")
	if status := lines[len(lines)-2]; strings.Contains(status, "remembered") {
		t.Errorf("the report stays after a key: %q", status)
	}
	hs.keys("enter", "tab", "j", "j")
	if err := hs.m.SaveState(); err != nil {
		t.Fatal(err)
	}
	if f, err := st.Load(); err != nil || len(f.Plans) == 0 {
		t.Errorf("the corrupt file was not replaced: %+v, %v", f, err)
	}

	// A state directory that cannot be made: the first failed write is
	// said in the status line, once; the browser goes on.
	blocked := t.TempDir() + "/file"
	if err := os.WriteFile(blocked, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	hs = newStateHarness(t, testPlans(), state.Open(blocked+"/planview"), 120, 40)
	hs.keys("enter", "tab", "j", "p", "j", "enter") // open 天门, read, switch plans: a write
	lines = strings.Split(plain(hs.view()), "\n")
	if status := lines[len(lines)-2]; !strings.Contains(status, "positions not saved") {
		t.Errorf("status line %q does not report the failed write", status)
	}
	hs.keys("p", "k", "enter", "p", "j", "enter") // two more writes fail: not said again
	lines = strings.Split(plain(hs.view()), "\n")
	if status := lines[len(lines)-2]; strings.Contains(status, "not saved") {
		t.Errorf("the failed write is reported again: %q", status)
	}
}

// TestPlanHash: the hash follows the content, not the file's name.
func TestPlanHash(t *testing.T) {
	a, b := testPlans(), testPlans()
	b[0].ID, b[0].Source = "other", "x/other.txt"
	if planHash(a[0]) != planHash(b[0]) {
		t.Errorf("renaming changed the hash")
	}
	if planHash(a[0]) == planHash(a[1]) {
		t.Errorf("two plans share a hash")
	}
	b[0].Sections[0].Blocks[0].Text += "。"
	if planHash(a[0]) == planHash(b[0]) {
		t.Errorf("a changed text kept the hash")
	}
}
