package loader

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
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
		checkInvariants(t, p, strings.Count(text, "\n")+1)
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

// checkInvariants fails t when plan p, built from a source of nlines
// lines, breaks what every view relies on: each section is its parent's
// child at its path, every line it points to (headings, blocks, spans,
// rows, cells) lies inside the source, spans ascend inside their block's
// text, and every row has the table's number of cells.
func checkInvariants(t *testing.T, p *model.Plan, nlines int) {
	t.Helper()
	inSource := func(what string, line int) {
		if line < 0 || line > nlines {
			t.Fatalf("%s at line %d of %d", what, line, nlines)
		}
	}
	var blocks func(where string, bs []model.Block)
	blocks = func(where string, bs []model.Block) {
		for i := range bs {
			b := &bs[i]
			inSource(where+" block", b.Line)
			last := -1
			for _, sp := range b.Spans {
				if sp.Off <= last || sp.Off > len(b.Text) {
					t.Fatalf("%s: span at %d after %d in a text of %d bytes", where, sp.Off, last, len(b.Text))
				}
				last = sp.Off
				inSource(where+" span", sp.Line)
			}
			if tb := b.Table; tb != nil {
				inSource(where+" table", tb.Line)
				for _, r := range append(append([]model.Row{}, tb.Header...), tb.Rows...) {
					inSource(where+" row", r.Line)
					if len(r.Cells) != tb.Columns() {
						t.Fatalf("%s: row @%d has %d cells of %d", where, r.Line, len(r.Cells), tb.Columns())
					}
					for _, c := range r.Cells {
						inSource(where+" cell", c.Line)
					}
				}
			}
			blocks(where, b.Children)
		}
	}
	blocks("preamble", p.Preamble)
	var walk func(parent *model.Section, ss []*model.Section, prefix string)
	walk = func(parent *model.Section, ss []*model.Section, prefix string) {
		for i, s := range ss {
			want := strconv.Itoa(i + 1)
			if prefix != "" {
				want = prefix + "." + want
			}
			if s.Path != want || s.Parent != parent {
				t.Fatalf("section %s (want %s) has the wrong path or parent", s.Path, want)
			}
			inSource("heading "+s.Path, s.Line)
			blocks("section "+s.Path, s.Blocks)
			walk(s, s.Children, s.Path)
		}
	}
	walk(nil, p.Sections, "")
}
