package loader

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"planview/model"
	"planview/seeds"
)

// rawLines splits text into numbered lines with no cleaning, so that the
// structure stages are tested on their own.
func rawLines(text string) []Line {
	parts := strings.Split(strings.TrimSuffix(text, "\n"), "\n")
	out := make([]Line, len(parts))
	for i, p := range parts {
		out[i] = Line{N: i + 1, Text: p}
	}
	return out
}

// buildFile builds the crafted file testdata/structure/name.
func buildFile(t *testing.T, name string) *model.Plan {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "structure", name))
	if err != nil {
		t.Fatal(err)
	}
	return build(rawLines(string(b)))
}

// headings lists "path number title @line" for every section.
func headings(p *model.Plan) []string {
	var out []string
	p.Walk(func(s *model.Section) {
		if s.Synthetic {
			out = append(out, s.Path+" [untitled]")
			return
		}
		out = append(out, s.Path+" "+s.Number+" "+s.Title+" @"+itoa(s.Line))
	})
	return out
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b []byte
	for n > 0 {
		b = append([]byte{byte('0' + n%10)}, b...)
		n /= 10
	}
	return string(b)
}

// allTables returns the tables of p in document order, boxes included.
func allTables(p *model.Plan) []*model.Table {
	var out []*model.Table
	var walk func([]model.Block)
	walk = func(bs []model.Block) {
		for _, b := range bs {
			if b.Table != nil {
				out = append(out, b.Table)
			}
			walk(b.Children)
		}
	}
	walk(p.Preamble)
	p.Walk(func(s *model.Section) { walk(s.Blocks) })
	return out
}

// allBlocks returns every block of p in document order, box children after
// their box.
func allBlocks(p *model.Plan) []model.Block {
	var out []model.Block
	var walk func([]model.Block)
	walk = func(bs []model.Block) {
		for _, b := range bs {
			out = append(out, b)
			walk(b.Children)
		}
	}
	walk(p.Preamble)
	p.Walk(func(s *model.Section) { walk(s.Blocks) })
	return out
}

func rowsText(rs []model.Row) []string {
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = rowText(r)
	}
	return out
}

func readStructure(name string) (string, error) {
	b, err := os.ReadFile(filepath.Join("testdata", "structure", name))
	return string(b), err
}

// seedTexts returns the text of each embedded seed, as stored.
func seedTexts(t testing.TB) []string {
	t.Helper()
	var texts []string
	names, _ := fs.Glob(seeds.FS(), "*.txt")
	for _, n := range names {
		b, err := fs.ReadFile(seeds.FS(), n)
		if err != nil {
			t.Fatal(err)
		}
		texts = append(texts, string(b))
	}
	return texts
}
