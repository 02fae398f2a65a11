package tui

import (
	"fmt"
	"strings"

	tea "github.com/charmbracelet/bubbletea"
	"testing"

	"planview/loader"
	"planview/model"
	"planview/render"
	"planview/seeds"
)

func seedPlans(t testing.TB) []*model.Plan {
	t.Helper()
	plans, errs := loader.LoadFS(seeds.FS())
	if len(plans) == 0 {
		t.Fatalf("no seed plans: %v", errs)
	}
	return plans
}

// planIndex finds the plan whose region contains name.
func planIndex(t testing.TB, plans []*model.Plan, name string) int {
	for i, p := range plans {
		if strings.Contains(p.Region, name) || strings.Contains(p.Title, name) {
			return i
		}
	}
	t.Fatalf("no %s plan among the embedded seeds", name)
	return -1
}

func TestSeedOpenSection(t *testing.T) {
	plans := seedPlans(t)
	hs := newHarness(t, plans, 120, 40)
	i := planIndex(t, plans, "天门")
	hs.openSection(i, "第一章", "第五节")
	hs.keys("enter")
	s := hs.m.reader.Section()
	if s == nil || s.Number != "第五节" || s.Parent == nil || s.Parent.Number != "第一章" {
		t.Fatalf("reader at %+v, want 第一章 › 第五节", s)
	}
	if hs.m.focus != focusReader {
		t.Errorf("focus %d, want the reader", hs.m.focus)
	}
	v := plain(hs.view())
	checkWidths(t, v, 120, 40)
	lines := strings.Split(v, "\n")
	if !strings.Contains(lines[len(lines)-2], "天门市 › 第一章 › 第五节") {
		t.Errorf("status line %q", lines[len(lines)-2])
	}
}

func TestSeedScrollEveryPlan(t *testing.T) {
	plans := seedPlans(t)
	for _, size := range [][2]int{{80, 24}, {120, 40}, {200, 50}} {
		hs := newHarness(t, plans, size[0], size[1])
		for i := range plans {
			hs.send(openPlanMsg{i})
			hs.m.setFocus(focusReader)
			for n := 0; n < 400 && hs.m.reader.top < hs.m.reader.maxTop(); n++ {
				hs.keys("f")
				if hs.m.reader.FocusedTable() != nil {
					hs.keys("l", "l", "l", "t", "l")
				}
				checkWidths(t, hs.view(), size[0], size[1])
			}
		}
	}
}

// scrollToCaption presses j in the reader until a line holding caption is
// at the top.
func (hs *harness) scrollToCaption(caption string) {
	hs.t.Helper()
	hs.m.setFocus(focusReader)
	hs.keys("g")
	r := hs.m.reader
	for n := 0; n < 10000; n++ {
		if r.d != nil && strings.Contains(r.d.lineText(r.top), caption) {
			return
		}
		if r.top >= r.maxTop() {
			break
		}
		hs.keys("j")
	}
	hs.t.Fatalf("no line with %q in the reader", caption)
}

// TestSeedGoldenViews: the seeds' main-indicator tables and a chapter
// opened from the outline, at the three sizes (golden files reviewed by
// eye against the plan text).
func TestSeedGoldenViews(t *testing.T) {
	plans := seedPlans(t)
	cases := []struct {
		name, plan string
		do         func(hs *harness)
	}{
		{"tianmen-table2", "天门", func(hs *harness) { hs.scrollToCaption("表2") }},
		{"tongdao-indicators", "通道", func(hs *harness) { hs.scrollToCaption("主要指标") }},
		{"huaihua-3-4", "怀化", func(hs *harness) {
			hs.openSection(planIndex(hs.t, plans, "懷化"), "第三章", "第四節")
			hs.keys("enter")
		}},
	}
	for _, size := range [][2]int{{80, 24}, {120, 40}, {200, 50}} {
		for _, c := range cases {
			name := fmt.Sprintf("seed-%s-%dx%d", c.name, size[0], size[1])
			t.Run(name, func(t *testing.T) {
				hs := newHarness(t, plans, size[0], size[1])
				if c.plan != "怀化" {
					hs.send(openPlanMsg{planIndex(t, plans, c.plan)})
				}
				c.do(hs)
				v := hs.view()
				checkWidths(t, v, size[0], size[1])
				golden(t, name, plain(v))
			})
		}
	}
}

// TestSeedWideAmbiguous lays the seeds out with East Asian ambiguous
// characters two cells wide (RUNEWIDTH_EASTASIAN=1) and checks no line
// overflows and the sidebar separator stays in its column.
func TestSeedWideAmbiguous(t *testing.T) {
	render.SetEastAsian(true)
	defer render.InitFromEnv()
	plans := seedPlans(t)
	for _, size := range [][2]int{{80, 24}, {200, 50}} {
		hs := newHarness(t, plans, size[0], size[1])
		for i := range plans {
			hs.send(openPlanMsg{i})
			hs.m.setFocus(focusReader)
			for n := 0; n < 300 && hs.m.reader.top < hs.m.reader.maxTop(); n++ {
				hs.keys("f")
				v := plain(hs.view())
				checkWidths(t, v, size[0], size[1])
				for _, l := range strings.Split(v, "\n")[:hs.m.lay.BodyH] {
					if got := render.Slice(l, hs.m.lay.SideW, 1); got != "|" {
						t.Fatalf("separator column holds %q in %q", got, l)
					}
				}
			}
		}
	}
}

// TestSeedResizeKeepsPosition reads into 懷化 › 第三章 › 第四節, then resizes
// back and forth: the paragraph at the top stays at the top.
func TestSeedResizeKeepsPosition(t *testing.T) {
	plans := seedPlans(t)
	hs := newHarness(t, plans, 200, 50)
	hs.openSection(planIndex(t, plans, "懷化"), "第三章", "第四節")
	hs.keys("enter", "j", "j")
	want := hs.m.reader.Anchor()
	sec := hs.m.reader.Section()
	for _, size := range [][2]int{{80, 24}, {61, 16}, {120, 40}, {200, 50}} {
		hs.send(tea.WindowSizeMsg{Width: size[0], Height: size[1]})
		if got := hs.m.reader.Section(); got != sec {
			t.Errorf("%v: reader at %v, want %v", size, got.Heading(), sec.Heading())
		}
		got := hs.m.reader.Anchor()
		if got.sec != want.sec || got.block != want.block || got.sub != want.sub {
			t.Errorf("%v: anchor %+v, want the block of %+v", size, got, want)
		}
		checkWidths(t, hs.view(), size[0], size[1])
	}
}

// TestNewcomerFindsHuaihua3_4: from the first frame, a newcomer reaches
// 懷化 › 第三章 完善養老服務體系 › 第四節 with the keys the key line shows
// (j, enter), in ten keystrokes; the status line names the section.
func TestNewcomerFindsHuaihua3_4(t *testing.T) {
	plans := seedPlans(t)
	i := planIndex(t, plans, "懷化")
	hs := newHarness(t, plans, 80, 24)
	if hs.m.focus != focusPlans {
		t.Fatalf("starts in pane %d, want the plans pane", hs.m.focus)
	}
	keys := newcomerKeys(i)
	hs.keys(keys...)
	if len(keys) > 12 {
		t.Errorf("%d keystrokes to reach 第三章 › 第四節", len(keys))
	}
	s := hs.m.reader.Section()
	if s == nil || s.Number != "第四節" || s.Parent == nil || s.Parent.Number != "第三章" || !strings.Contains(s.Parent.Title, "養老服務") {
		t.Fatalf("after %q the reader is at %v", keys, s)
	}
	if hs.m.focus != focusReader {
		t.Errorf("focus %d, want the reader", hs.m.focus)
	}
	v := plain(hs.view())
	checkWidths(t, v, 80, 24)
	lines := strings.Split(v, "\n")
	if !strings.Contains(lines[len(lines)-2], "懷化市 › 第三章 › 第四節") {
		t.Errorf("status line %q", lines[len(lines)-2])
	}
	if !strings.Contains(v, "第四節 發展農村養老服務") {
		t.Errorf("the reader does not show the section heading:\n%s", v)
	}
}

// newcomerKeys are the keys from the first frame to 懷化 › 第三章 › 第四節
// when 懷化 is plan i: down to the plan, enter (the outline takes the
// focus, its cursor on the front matter), down three rows to 第三章, enter
// (unfolds it), down four to 第四節, enter (a leaf: the reader takes the
// focus).
func newcomerKeys(i int) []string {
	var keys []string
	for range i {
		keys = append(keys, "j")
	}
	return append(keys, "enter", "j", "j", "j", "enter", "j", "j", "j", "j", "enter")
}
