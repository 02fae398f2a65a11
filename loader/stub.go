package loader

// Placeholder stages; replaced by decode.go, clean.go and structure.go.

import (
	"errors"
	"strings"
	"unicode/utf8"

	"planview/model"
)

// Line is one cleaned source line with its 1-based line number.
type Line struct {
	N    int
	Text string
}

func decode(b []byte) (string, error) {
	if !utf8.Valid(b) {
		return "", errors.New("not UTF-8")
	}
	return strings.ReplaceAll(string(b), "\r\n", "\n"), nil
}

func clean(text string) []Line {
	var out []Line
	for i, l := range strings.Split(text, "\n") {
		out = append(out, Line{N: i + 1, Text: l})
	}
	return out
}

func build(lines []Line) *model.Plan {
	p := &model.Plan{}
	for _, l := range lines {
		t := strings.TrimSpace(l.Text)
		if t == "" {
			continue
		}
		p.Preamble = append(p.Preamble, model.Block{Kind: model.Paragraph, Text: t, Line: l.N, Spans: []model.Span{{Off: 0, Line: l.N}}})
	}
	return p
}
