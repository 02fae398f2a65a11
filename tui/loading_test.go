package tui

import (
	"context"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"planview/internal/state"
	"planview/model"
	"planview/search"
)

// newLoadingHarness is a browser started as RunLoading starts it: no plan
// yet, the plans to come in plansMsgs (a fake loader).
func newLoadingHarness(t *testing.T, st *state.Store, w, h int) *harness {
	t.Helper()
	hs := &harness{t: t, m: newTestModel(nil)}
	hs.m.loading = true
	if st != nil {
		hs.m.UseState(st)
	}
	hs.send(tea.WindowSizeMsg{Width: w, Height: h})
	return hs
}

func planTitles(plans []*model.Plan) []string {
	var out []string
	for _, p := range plans {
		out = append(out, p.Title)
	}
	return out
}

// TestLoadingInBatches feeds a browser with no plan yet batches of plans,
// as RunLoading's loader does: keys before the first plan do nothing (and
// do not panic), the plans pane fills in load order, the first plan opens
// as soon as it is there, the status line shows the progress; a search
// and the compare view opened mid-load cover the plans loaded since once
// run again.
func TestLoadingInBatches(t *testing.T) {
	plans := searchSeedPlans(t)
	if len(plans) < 4 {
		t.Fatalf("%d seed plans, want at least 4", len(plans))
	}
	hs := newLoadingHarness(t, nil, 100, 30)
	v := plain(hs.view())
	checkWidths(t, hs.view(), 100, 30)
	if !strings.Contains(v, "loading plans…") {
		t.Errorf("no progress before the first batch:\n%s", v)
	}
	// Every pane and view, with nothing loaded.
	hs.keys("j", "k", "G", "g", "enter", "pgdown", "tab", "j", "enter", "tab", "j", "n", "N", "]", "[", "b",
		"c", "j", "l", "r", "c", "v", "a", "j", "v", "?", "esc", "/", "养", "enter", "esc", "p")
	hs.send(tea.MouseMsg{X: 5, Y: 2, Button: tea.MouseButtonLeft, Action: tea.MouseActionPress},
		tea.MouseMsg{X: 60, Y: 5, Button: tea.MouseButtonWheelDown},
		tea.MouseMsg{X: 5, Y: 20, Button: tea.MouseButtonLeft, Action: tea.MouseActionPress},
		tea.WindowSizeMsg{Width: 10, Height: 5}, tea.WindowSizeMsg{Width: 100, Height: 30})
	checkWidths(t, hs.view(), 100, 30)
	if len(hs.m.plans) != 0 || hs.quit {
		t.Fatalf("keys before any plan: %d plans, quit %v", len(hs.m.plans), hs.quit)
	}

	// A query only the later plans answer.
	q := ""
	for _, p := range plans[2:] {
		if r := p.Region; r != "" {
			early, _ := search.New(plans[:2]).Search(context.Background(), r)
			if early.Len() == 0 {
				q = r
				break
			}
		}
	}
	if q == "" {
		t.Fatal("no region of the later seed plans is absent from the first two")
	}

	hs.send(plansMsg{plans: plans[:2], done: 2, total: len(plans)})
	if got, want := planTitles(hs.m.plans), planTitles(plans[:2]); strings.Join(got, "|") != strings.Join(want, "|") {
		t.Fatalf("plans after the first batch %q, want %q", got, want)
	}
	if hs.m.reader.plan != plans[0] || hs.m.reader.d == nil {
		t.Errorf("the first plan is not shown once loaded")
	}
	v = plain(hs.view())
	checkWidths(t, hs.view(), 100, 30)
	if !strings.Contains(v, "loading 2/") || !strings.Contains(v, "Plans 2") {
		t.Errorf("status or plans pane mid-load:\n%s", v)
	}

	// Search and compare mid-load.
	hs.keys("p", "/", "backspace") // the 养 typed before any plan
	hs.typeQuery(q)
	if n := hs.m.search.res.Len(); n != 0 {
		t.Fatalf("%q finds %d hits in the first two plans", q, n)
	}
	hs.keys("esc", "c")
	if hs.m.focus != focusCompare || len(hs.m.compare.plans) != 2 || !strings.Contains(plain(hs.view()), "loading…") {
		t.Errorf("compare mid-load: %d plans, view:\n%s", len(hs.m.compare.plans), plain(hs.view()))
	}
	hs.keys("c")

	hs.send(plansMsg{plans: plans[2:], done: len(plans), total: len(plans)}, loadedMsg{notice: "1 file could not be loaded"})
	if got, want := planTitles(hs.m.plans), planTitles(plans); strings.Join(got, "|") != strings.Join(want, "|") {
		t.Fatalf("plans after the last batch %q, want %q", got, want)
	}
	v = plain(hs.view())
	if strings.Contains(v, "loading") || !strings.Contains(v, "1 file could not be loaded") {
		t.Errorf("status after the load:\n%s", v)
	}
	for i, p := range plans {
		if hs.m.byID[p.ID] != i {
			t.Errorf("byID[%s] = %d, want %d", p.ID, hs.m.byID[p.ID], i)
		}
	}
	// Back in the search pane, the query runs again over every plan.
	hs.keys("/")
	want, _ := search.New(plans).Search(context.Background(), q)
	if n := hs.m.search.res.Len(); n == 0 || n != want.Len() {
		t.Errorf("%q run again finds %d hits, want %d", q, n, want.Len())
	}
	hs.keys("enter")
	if hs.m.focus != focusReader || hs.m.cur < 2 {
		t.Errorf("enter on a hit in a later plan: focus %d, plan %d", hs.m.focus, hs.m.cur)
	}
	hs.keys("c")
	if len(hs.m.compare.plans) != len(plans) || strings.Contains(plain(hs.view()), "loading…") {
		t.Errorf("compare after the load covers %d plans", len(hs.m.compare.plans))
	}
}

// TestLoadingNoPlan: a load that ends with no plan quits the browser.
func TestLoadingNoPlan(t *testing.T) {
	hs := newLoadingHarness(t, nil, 100, 30)
	hs.send(plansMsg{done: 1, total: 1}, loadedMsg{notice: "1 file could not be loaded"})
	if !hs.quit {
		t.Error("no plan loaded, the browser did not quit")
	}
}

// TestLoadingRemembersLast: the plan open last reopens when it arrives,
// unless the user opened another meanwhile.
func TestLoadingRemembersLast(t *testing.T) {
	plans := searchSeedPlans(t)
	st := state.Open(t.TempDir())
	hs := newStateHarness(t, plans, st, 100, 30)
	hs.keys("p", "j", "j", "j", "enter")
	if hs.m.cur != 3 {
		t.Fatalf("opened plan %d, want 3", hs.m.cur)
	}
	if err := hs.m.SaveState(); err != nil {
		t.Fatal(err)
	}

	hs = newLoadingHarness(t, st, 100, 30)
	hs.send(plansMsg{plans: plans[:2], done: 2, total: len(plans)})
	if hs.m.cur != 0 {
		t.Fatalf("plan %d open before the one open last arrived", hs.m.cur)
	}
	hs.send(plansMsg{plans: plans[2:], done: len(plans), total: len(plans)}, loadedMsg{})
	if hs.m.cur != 3 || hs.m.reader.plan != plans[3] {
		t.Errorf("plan %d open after the load, want 3 (open last)", hs.m.cur)
	}

	// Another plan opened before it arrives: that one stays.
	hs = newLoadingHarness(t, st, 100, 30)
	hs.send(plansMsg{plans: plans[:2], done: 2, total: len(plans)})
	hs.keys("p", "j", "enter")
	hs.send(plansMsg{plans: plans[2:], done: len(plans), total: len(plans)}, loadedMsg{})
	if hs.m.cur != 1 {
		t.Errorf("plan %d open after the load, want 1 (opened by the user)", hs.m.cur)
	}

	// Renamed, it is found by its content once all are loaded.
	renamed := *plans[3]
	renamed.ID, renamed.Source = "renamed", "renamed.txt"
	later := append([]*model.Plan{plans[4], &renamed}, plans[5:]...)
	hs = newLoadingHarness(t, st, 100, 30)
	hs.send(plansMsg{plans: plans[:3], done: 3, total: len(plans)})
	hs.send(plansMsg{plans: later, done: len(plans), total: len(plans)})
	if hs.m.cur != 0 {
		t.Fatalf("plan %d open before the load ended", hs.m.cur)
	}
	hs.send(loadedMsg{})
	if hs.m.cur != 4 || hs.m.reader.plan != &renamed {
		t.Errorf("plan %d open after the load, want 4 (open last, renamed)", hs.m.cur)
	}
}
