package hanzi

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// The project's keywords are written once, in Simplified, and matched
// through this package (or search's fold, which uses its table): no string
// in the product code holds a Traditional character (a hand-written
// Traditional twin of a keyword, 專欄 beside 专栏). Comments and tests may
// quote plans in either script.
func TestNoTraditionalKeywords(t *testing.T) {
	var files []string
	// (formats/internal/numerals is left out: it writes Word's numbers in
	// the script a document asks for, 萬 in a Traditional one.)
	for _, dir := range []string{"loader", "indicator", "topic", "render", "search", "cli", "tui", "model",
		"formats", "formats/docx", "formats/html", "formats/pdf", "formats/internal/plantext"} {
		fs, _ := filepath.Glob(filepath.Join("..", "..", dir, "*.go"))
		files = append(files, fs...)
	}
	fset := token.NewFileSet()
	checked := 0
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		file, err := parser.ParseFile(fset, f, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(file, func(n ast.Node) bool {
			lit, ok := n.(*ast.BasicLit)
			if !ok || (lit.Kind != token.STRING && lit.Kind != token.CHAR) || strings.HasPrefix(lit.Value, "`") {
				return true // (a raw string is help text, which may quote a plan)
			}
			s, err := strconv.Unquote(lit.Value)
			if err != nil {
				return true
			}
			checked++
			for _, r := range s {
				if Simplified(r) != r {
					t.Errorf("%s: %s holds the Traditional %c (write the keyword in Simplified and match it with internal/hanzi)", fset.Position(lit.Pos()), lit.Value, r)
					break
				}
			}
			return true
		})
	}
	if checked == 0 {
		t.Fatal("no string literal checked")
	}
}
