package html

import (
	"os"
	"path/filepath"
	"testing"
)

// FuzzHTML feeds damaged and hostile pages to the front end: Read returns
// blocks or an error, never more (a panic fails). CI runs the seeds (the
// fixtures and two hostile pages);
// `go test ./formats/html -fuzz FuzzHTML -fuzzminimizetime 5s` explores
// (minimizing a 30 KB page for the default minute leaves little time to
// explore).
func FuzzHTML(f *testing.F) {
	for _, p := range []string{"qingshan", "baishui"} {
		if b, err := os.ReadFile(filepath.Join("..", "..", "testdata", "formats", p+".html")); err == nil {
			f.Add(b)
		}
	}
	f.Add([]byte(`<table><tr><td rowspan=0 colspan=999>x</td></tr><tr><td><table><tr><td>y`))
	f.Add([]byte(`<ol start=-5 reversed><li value=abc>一<li>二</ol><a href="#n">1</a><p id=n>note`))
	f.Fuzz(func(t *testing.T, data []byte) {
		Read("fuzz.html", data)
	})
}
