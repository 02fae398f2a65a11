package render

import (
	"strings"
	"testing"

	"github.com/rivo/uniseg"
)

// Every line break Wrap makes is a break opportunity of UAX #14 as uniseg
// computes it, an independent source (checkWrap judges against the
// product's own kinsoku lists), unless the piece between opportunities is
// wider than the line, which must then be cut.
func TestWrapBreaksAreUAX14(t *testing.T) {
	texts := samples(t)
	if len(texts) > 400 {
		texts = texts[:400]
	}
	texts = append(texts, "发展“十四五”规划，到2025年，占比达到37.22%以上（约束性）。", "use the planview command now, 养老床位。")
	for _, raw := range texts {
		text := Clean(raw)
		if strings.ContainsAny(text, "\n") {
			continue
		}
		can, pieceEnd := opportunities(text)
		for _, width := range []int{8, 13, 20, 37, 60} {
			lines := Wrap(text, width, "")
			pos := 0
			for i, l := range lines {
				for pos < len(text) && text[pos] == ' ' && !strings.HasPrefix(l, " ") {
					pos++ // spaces dropped at a break
				}
				if !strings.HasPrefix(text[pos:], l) {
					t.Fatalf("width %d: line %d %q is not the text at %d: %q", width, i, l, pos, text[pos:min(len(text), pos+40)])
				}
				pos += len(l)
				if i == len(lines)-1 || pos >= len(text) {
					continue
				}
				at := pos
				for at < len(text) && text[at] == ' ' {
					at++ // a break at spaces is the opportunity after them
				}
				if can[at] {
					continue
				}
				// Not an opportunity: only a piece wider than the line
				// may be cut inside.
				start := pos
				for start > 0 && !can[start] {
					start--
				}
				if Width(text[start:pieceEnd[pos]]) <= width {
					t.Errorf("width %d: break at %d in %q (…%s|%s…) is no UAX #14 opportunity", width, pos, text, text[max(0, pos-12):pos], text[pos:min(len(text), pos+12)])
				}
			}
		}
	}
}

// opportunities returns, for each byte offset of s, whether a line may
// break there (UAX #14, uniseg), and the offset where the unbreakable
// piece holding it ends.
func opportunities(s string) (can []bool, pieceEnd []int) {
	can = make([]bool, len(s)+1)
	pieceEnd = make([]int, len(s)+1)
	state := -1
	rest := s
	pos := 0
	for len(rest) > 0 {
		var seg string
		seg, rest, _, state = uniseg.FirstLineSegmentInString(rest, state)
		for i := pos; i <= pos+len(seg); i++ {
			pieceEnd[i] = pos + len(seg)
		}
		pos += len(seg)
		can[pos] = true
	}
	can[0] = true
	return can, pieceEnd
}
