package tui

import (
	"fmt"
	"testing"
)

// TestGoldenViews renders the whole screen at three sizes, in a few states,
// on hand-built plans, and compares with reviewed files in testdata/.
func TestGoldenViews(t *testing.T) {
	states := []struct {
		name string
		do   func(hs *harness)
	}{
		{"start", func(hs *harness) {}},
		{"table", func(hs *harness) { hs.openSection(0, "第一章", "第二节") }},
		{"table-scrolled", func(hs *harness) { hs.openSection(0, "第一章", "第二节"); hs.keys("l", "l") }},
		{"box", func(hs *harness) { hs.openSection(0, "第二章", "第一节") }},
	}
	for _, size := range [][2]int{{80, 24}, {120, 40}, {200, 50}} {
		for _, st := range states {
			name := fmt.Sprintf("%s-%dx%d", st.name, size[0], size[1])
			t.Run(name, func(t *testing.T) {
				hs := newHarness(t, testPlans(), size[0], size[1])
				st.do(hs)
				v := hs.view()
				checkWidths(t, v, size[0], size[1])
				golden(t, name, plain(v))
			})
		}
	}
}
