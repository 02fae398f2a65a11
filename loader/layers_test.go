package loader

import (
	"go/ast"
	gobuild "go/build"
	"go/parser"
	"go/token"
	"go/types"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// layers places every file of the package (tests aside) in the pipeline of
// the package doc. A file may use what its own group defines and the
// vocabulary. A stage's files use nothing else: no stage calls another.
// The assembly groups (the rule table, build, the entry points) may also
// use every stage and the assembly groups before them.
var layers = []struct {
	group    string
	assembly bool
	files    []string
}{
	{"vocabulary", false, []string{"doc.go", "lines.go", "units.go", "limits.go"}},
	{"decode", false, []string{"decode.go"}},
	{"clean", false, []string{"clean.go", "clean_lines.go"}},
	{"blocks", false, []string{"blocks.go"}},
	{"outline", false, []string{"outline.go"}},
	{"tables", false, []string{"tables.go", "tables_web.go"}},
	{"meta", false, []string{"meta.go"}},
	{"compact", false, []string{"compact.go"}},
	{"rules", true, []string{"rules.go"}},
	{"build", true, []string{"structure.go", "scratch.go"}},
	{"entry", true, []string{"loader.go", "load.go", "open_unix.go", "open_other.go"}},
}

// emptyImporter stands in for every imported package: the test looks only
// at what the package's own files use of each other.
type emptyImporter struct{}

func (emptyImporter) Import(p string) (*types.Package, error) {
	pkg := types.NewPackage(p, path.Base(p))
	pkg.MarkComplete()
	return pkg, nil
}

// TestLayers: no file uses a helper of a stage it may not call (see
// layers), so that the loader reads in pipeline order and a shared helper
// lives in the vocabulary.
func TestLayers(t *testing.T) {
	group := map[string]int{}
	for i, l := range layers {
		for _, f := range l.files {
			group[f] = i
		}
	}
	bp, err := gobuild.ImportDir(".", 0)
	if err != nil {
		t.Fatal(err)
	}
	names := append(append([]string{}, bp.GoFiles...), bp.IgnoredGoFiles...)
	fset := token.NewFileSet()
	var files []*ast.File
	for _, n := range bp.GoFiles {
		f, err := parser.ParseFile(fset, n, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, f)
	}
	for _, n := range names {
		if _, ok := group[n]; !ok && !strings.HasSuffix(n, "_test.go") {
			t.Errorf("%s is in no group of layers: place it in the pipeline", n)
		}
	}
	info := &types.Info{Uses: map[*ast.Ident]types.Object{}}
	conf := types.Config{Importer: emptyImporter{}, Error: func(error) {}}
	pkg, _ := conf.Check("planview/loader", fset, files, info)
	bad := map[string]map[string]bool{}
	for id, obj := range info.Uses {
		if obj == nil || obj.Pkg() != pkg || !obj.Pos().IsValid() {
			continue
		}
		// Package-level names and methods: not fields or locals.
		if obj.Parent() != pkg.Scope() {
			f, ok := obj.(*types.Func)
			if !ok || f.Type().(*types.Signature).Recv() == nil {
				continue
			}
		}
		from := filepath.Base(fset.Position(id.Pos()).Filename)
		to := filepath.Base(fset.Position(obj.Pos()).Filename)
		gf, gt := group[from], group[to]
		ok := gf == gt || gt == 0 || layers[gf].assembly && (!layers[gt].assembly || gt < gf)
		if !ok {
			k := from + " (" + layers[gf].group + ") uses " + to + " (" + layers[gt].group + ")"
			if bad[k] == nil {
				bad[k] = map[string]bool{}
			}
			bad[k][obj.Name()] = true
		}
	}
	var keys []string
	for k := range bad {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		var names []string
		for n := range bad[k] {
			names = append(names, n)
		}
		sort.Strings(names)
		t.Errorf("%s: %s", k, strings.Join(names, " "))
	}
}
