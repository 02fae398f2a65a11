package tui

import (
	"strconv"
	"strings"
	"testing"

	"planview/loader"
	"planview/render"
	"planview/seeds"
)

// The help overlay lists every key by where it works, each group labelled,
// every key once per group, space and the mouse included; at 80×24 and
// 60×16 it scrolls to show it all, no line wider than the terminal and no
// description cut.
func TestHelpOverlayGroups(t *testing.T) {
	plans, _ := loader.LoadFS(seeds.FS())
	for _, size := range [][2]int{{80, 24}, {60, 16}} {
		hs := newHarness(t, plans, size[0], size[1])
		hs.keys("?")
		if !hs.m.showHelp {
			t.Fatal("? did not open the help")
		}
		// Every line of the overlay, scrolling down a line at a time.
		var seen []string
		for i := 0; i < 200; i++ {
			body := strings.Split(plain(hs.view()), "\n")[:hs.m.lay.BodyH]
			for _, l := range body {
				if render.Width(l) > size[0] {
					t.Fatalf("%v: a line of %d cells: %q", size, render.Width(l), l)
				}
			}
			if i == 0 {
				seen = append(seen, body...)
			} else {
				seen = append(seen, body[len(body)-2]) // the line scrolled in (the last is "more")
			}
			before := hs.m.helpTop
			hs.keys("j")
			if hs.m.helpTop == before {
				seen = append(seen, body...)
				break
			}
		}
		text := strings.Join(seen, "\n")
		for _, g := range hs.m.helpGroups() {
			if !strings.Contains(text, "\n "+g.title) {
				t.Errorf("%v: group %q has no label line", size, g.title)
			}
			keys := map[string]bool{}
			for _, b := range g.keys {
				h := b.Help()
				if keys[h.Key] {
					t.Errorf("%v: group %q lists %s twice", size, g.title, h.Key)
				}
				keys[h.Key] = true
				if !strings.Contains(text, h.Key+" ") || !strings.Contains(text, h.Desc) {
					t.Errorf("%v: group %q: %s %q not shown whole", size, g.title, h.Key, h.Desc)
				}
			}
		}
		for _, want := range []string{"space", "wheel", "click", "reader", "tables", "search", "everywhere", "plans", "outline"} {
			if !strings.Contains(text, want) {
				t.Errorf("%v: the help lacks %q", size, want)
			}
		}
		hs.keys("esc")
		if hs.m.showHelp {
			t.Error("esc did not close the help")
		}
	}
}

// The key line at 80 columns keeps the keys the state calls for: h/l in a
// table scrolled sideways, n/N with the hit counter after a search; n past
// the last hit says it went round to the first.
func TestKeyLineState(t *testing.T) {
	plans, _ := loader.LoadFS(seeds.FS())
	hs := newHarness(t, plans, 80, 24)
	keyLine := func() string {
		lines := strings.Split(plain(hs.view()), "\n")
		return lines[len(lines)-1]
	}
	status := func() string {
		lines := strings.Split(plain(hs.view()), "\n")
		return lines[len(lines)-2]
	}
	// A wide table, focused and scrolled.
	found := false
	for pi := range plans {
		hs.send(openPlanMsg{pi})
		for hs.m.focus != focusReader {
			hs.keys("tab")
		}
		r := hs.m.reader
		for ti := range r.d.tables {
			if r.d.tables[ti].wide() {
				r.top = r.d.tables[ti].start
				r.fixTableFocus()
				r.focusTable = ti
				hs.keys("l")
				found = true
				break
			}
		}
		if found {
			break
		}
	}
	if !found {
		t.Fatal("no wide table at 80×24")
	}
	if kl := keyLine(); !strings.HasPrefix(strings.TrimSpace(kl), "h/l") {
		t.Errorf("in a scrolled table the key line does not start with h/l: %q", kl)
	}
	// A search: n/N with the counter, before anything else.
	hs.keys("/")
	hs.typeQuery("养老床位")
	n := hs.m.search.res.Len()
	if n < 3 {
		t.Fatalf("%d hits", n)
	}
	hs.keys("enter")
	if kl := keyLine(); !strings.Contains(kl, "n/N hit 1/") {
		t.Errorf("after a search the key line lacks n/N with the counter: %q", kl)
	}
	for i := 1; i < n; i++ {
		hs.keys("n")
	}
	if kl := keyLine(); !strings.Contains(kl, "hit "+strconv.Itoa(n)+"/"+strconv.Itoa(n)) {
		t.Errorf("at the last hit: %q", kl)
	}
	hs.keys("n")
	if st := status(); !strings.Contains(st, "back to the first") {
		t.Errorf("n past the last hit: status %q, want it to say it went back to the first", st)
	}
	if kl := keyLine(); !strings.Contains(kl, "hit 1/"+strconv.Itoa(n)) {
		t.Errorf("after wrapping: %q", kl)
	}
	hs.keys("N")
	if st := status(); !strings.Contains(st, "on from the last") {
		t.Errorf("N before the first hit: status %q", st)
	}
}
