package docx

import (
	"os"
	"path/filepath"
	"testing"
)

// FuzzDocx feeds damaged and hostile files to the front end: Read returns
// blocks or an error, never more (a panic fails; Convert's recover is not
// in the way). CI runs the seeds (the fixtures);
// `go test ./formats/docx -fuzz FuzzDocx -fuzzminimizetime 5s` explores
// (minimizing a 30 KB archive for the default minute leaves little time to
// explore: 61 runs in 4 minutes, against 224,000 in 2.5 with 3 s).
func FuzzDocx(f *testing.F) {
	for _, p := range []string{"qingshan", "baishui"} {
		if b, err := os.ReadFile(filepath.Join("..", "..", "testdata", "formats", p+".docx")); err == nil {
			f.Add(b)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		Read("fuzz.docx", data)
	})
}
