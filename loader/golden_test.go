package loader

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	goldenfile "planview/internal/golden"
	"planview/model"
	"planview/seeds"
)

// Golden files of the structure stages, one outline and one tables file per
// seed: `go test ./loader -run Golden -update` rewrites them. They are the
// project's claim that the structure is right; review them against the seed.

// outlineText renders a plan's title, region and outline tree: one line per
// section, indented two spaces a level, with path, number, title and line.
func outlineText(p *model.Plan) string {
	var b strings.Builder
	fmt.Fprintf(&b, "title: %s\nregion: %s\n", p.Title, p.Region)
	p.Walk(func(s *model.Section) {
		ind := strings.Repeat("  ", s.Level-1)
		if s.Synthetic {
			fmt.Fprintf(&b, "%s%s [untitled]\n", ind, s.Path)
			return
		}
		fmt.Fprintf(&b, "%s%s %s | %s @%d\n", ind, s.Path, s.Number, s.Title, s.Line)
	})
	return b.String()
}

// tablesText renders every table (boxes' tables included) with caption,
// line, header and body rows, cells separated by " | ", a wrapped cell's
// lines joined by "/".
func tablesText(p *model.Plan) string {
	var b strings.Builder
	n := 0
	var blocks func(where string, bs []model.Block)
	blocks = func(where string, bs []model.Block) {
		for _, bl := range bs {
			if bl.Kind == model.TableBlock {
				n++
				t := bl.Table
				fmt.Fprintf(&b, "== table %d in %s @%d: %s\n", n, where, t.Line, t.Caption)
				for _, r := range t.Header {
					fmt.Fprintf(&b, "H @%d: %s\n", r.Line, rowText(r))
				}
				for _, r := range t.Rows {
					fmt.Fprintf(&b, "R @%d: %s\n", r.Line, rowText(r))
				}
				for _, note := range t.Notes {
					fmt.Fprintf(&b, "N: %s\n", note)
				}
			}
			blocks(where, bl.Children)
		}
	}
	blocks("preamble", p.Preamble)
	p.Walk(func(s *model.Section) { blocks(s.Path, s.Blocks) })
	return b.String()
}

func rowText(r model.Row) string {
	parts := make([]string, len(r.Cells))
	for i, c := range r.Cells {
		parts[i] = strings.Join(c.Lines, "/")
	}
	return strings.Join(parts, " | ")
}

// loadSeeds loads the embedded seeds, failing on any error.
func loadSeeds(t testing.TB) map[string]*model.Plan {
	t.Helper()
	plans, errs := LoadFS(seeds.FS())
	if len(errs) > 0 {
		t.Fatalf("loading seeds: %v", errs)
	}
	out := map[string]*model.Plan{}
	for _, p := range plans {
		out[p.ID] = p
	}
	names, _ := fs.Glob(seeds.FS(), "*.txt")
	if len(out) != len(names) || len(out) != 5 {
		t.Fatalf("loaded %d plans from %d seeds, want 5", len(out), len(names))
	}
	return out
}

func TestGoldenStructure(t *testing.T) {
	plans := loadSeeds(t)
	for id, p := range plans {
		for _, g := range []struct {
			ext  string
			text string
		}{{"outline", outlineText(p)}, {"tables", tablesText(p)}} {
			path := filepath.Join("testdata", "golden", id+"."+g.ext+".golden")
			goldenfile.Check(t, path, g.text)
		}
	}
}

// BenchmarkBuildSeeds measures the structure stages alone on the five seeds
// (lines already decoded and cleaned).
func BenchmarkBuildSeeds(b *testing.B) {
	names, _ := fs.Glob(seeds.FS(), "*.txt")
	var inputs [][]Line
	size := 0
	for _, n := range names {
		data, err := fs.ReadFile(seeds.FS(), n)
		if err != nil {
			b.Fatal(err)
		}
		text, err := decode(data)
		if err != nil {
			b.Fatal(err)
		}
		inputs = append(inputs, clean(text))
		size += len(data)
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	for b.Loop() {
		for _, l := range inputs {
			build(l)
		}
	}
}

// FuzzBuild: any text builds a plan without panicking, with a consistent
// tree.
func FuzzBuild(f *testing.F) {
	ents, _ := os.ReadDir(filepath.Join("testdata", "structure"))
	for _, e := range ents {
		b, _ := os.ReadFile(filepath.Join("testdata", "structure", e.Name()))
		f.Add(string(b))
	}
	f.Add("")
	f.Add("\t\n\t\n第二章\n1\n\n2\n\n3")
	f.Fuzz(func(t *testing.T, text string) {
		p := build(rawLines(text))
		p.Walk(func(s *model.Section) {
			if s.Level != strings.Count(s.Path, ".")+1 {
				t.Fatalf("section %s at level %d", s.Path, s.Level)
			}
		})
		for _, tb := range allTables(p) {
			for _, r := range append(append([]model.Row{}, tb.Header...), tb.Rows...) {
				if len(r.Cells) != tb.Columns() {
					t.Fatalf("row @%d has %d cells of %d", r.Line, len(r.Cells), tb.Columns())
				}
			}
		}
	})
}
