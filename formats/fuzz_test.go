package formats_test

import (
	"os"
	"path/filepath"
	"testing"

	"planview/formats/docx"
	"planview/formats/html"
)

// FuzzDocx and FuzzHTML feed damaged and hostile files to the front ends
// (without Convert's recover, so that a panic fails): each returns text or
// an error, never more. CI runs the seeds (the fixtures);
// `go test ./formats -fuzz FuzzDocx` explores.
func FuzzDocx(f *testing.F) {
	for _, p := range plans {
		if b, err := os.ReadFile(filepath.Join(fixtures, p+".docx")); err == nil {
			f.Add(b)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		docx.Read("fuzz.docx", data)
	})
}

func FuzzHTML(f *testing.F) {
	for _, p := range plans {
		if b, err := os.ReadFile(filepath.Join(fixtures, p+".html")); err == nil {
			f.Add(b)
		}
	}
	f.Add([]byte(`<table><tr><td rowspan=0 colspan=999>x</td></tr><tr><td><table><tr><td>y`))
	f.Add([]byte(`<ol start=-5 reversed><li value=abc>一<li>二</ol><a href="#n">1</a><p id=n>note`))
	f.Fuzz(func(t *testing.T, data []byte) {
		html.Read("fuzz.html", data)
	})
}
