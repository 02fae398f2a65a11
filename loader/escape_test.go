package loader

import (
	"strings"
	"testing"

	"planview/model"
)

// A control string with no end on its line loses only its introducer: the
// plan text after it stays, and the file is loaded with a warning naming
// the line. Before, 前\x1b]后，养老服务。 loaded as 前 with no word said.
func TestUnterminatedEscapeKeepsText(t *testing.T) {
	for _, intro := range []string{"\x1b]", "\x1bP", "\x1b_", "\x1b^", "\x1bX", "\u009d", "\u0090"} {
		text := "某县民政事业发展规划\n\n第一章 总体要求\n\n前" + intro + "后，养老服务。\n"
		p, err := Parse("esc.txt", strings.NewReader(text))
		if p == nil {
			t.Fatalf("%q: no plan: %v", intro, err)
		}
		var all strings.Builder
		p.Walk(func(s *model.Section) {
			for _, b := range s.Blocks {
				all.WriteString(b.Text)
			}
		})
		if !strings.Contains(all.String(), "前后，养老服务。") {
			t.Errorf("%q: text %q", intro, all.String())
		}
		e, ok := err.(*Error)
		if !ok || !e.Warning || e.Line != 5 || !strings.Contains(e.Error(), "escape sequence") {
			t.Errorf("%q: warning %v", intro, err)
		}
	}
	// A terminated one goes whole, with no warning.
	p, err := Parse("esc.txt", strings.NewReader("某县民政事业发展规划\n\n第一章 总体要求\n\n前\x1b]0;title\x07后。\n"))
	if err != nil || p == nil {
		t.Fatalf("terminated: %v", err)
	}
	if got := p.Sections[0].Blocks[0].Text; got != "前后。" {
		t.Errorf("terminated: %q", got)
	}
}
