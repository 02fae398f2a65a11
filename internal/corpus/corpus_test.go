package corpus

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
	"unicode/utf8"

	"planview/loader"
)

func readAll(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(dir, "*.txt"))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]byte{}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		out[filepath.Base(f)] = b
	}
	return out
}

// The same seed gives the same files; another seed gives other files.
func TestGenerateDeterministic(t *testing.T) {
	d1, d2, d3 := t.TempDir(), t.TempDir(), t.TempDir()
	n1, err := Generate(d1, 12, 7)
	if err != nil {
		t.Fatal(err)
	}
	n2, _ := Generate(d2, 12, 7)
	Generate(d3, 12, 8)
	f1, f2, f3 := readAll(t, d1), readAll(t, d2), readAll(t, d3)
	if len(f1) != 12 || n1 != n2 {
		t.Fatalf("%d files, %d and %d bytes", len(f1), n1, n2)
	}
	var total int64
	same := 0
	for name, b := range f1 {
		total += int64(len(b))
		if !bytes.Equal(b, f2[name]) {
			t.Errorf("%s differs between two runs with the same seed", name)
		}
		if bytes.Equal(b, f3[name]) {
			same++
		}
	}
	if total != n1 {
		t.Errorf("Generate reported %d bytes, files hold %d", n1, total)
	}
	if same == len(f1) {
		t.Error("seeds 7 and 8 gave the same corpus")
	}
}

// Generated plans are varied, come in several encodings, average tens of
// kilobytes, and all load.
func TestGenerateLoads(t *testing.T) {
	dir := t.TempDir()
	total, err := Generate(dir, 40, 1)
	if err != nil {
		t.Fatal(err)
	}
	if avg := total / 40; avg < 30_000 || avg > 120_000 {
		t.Errorf("average size %d bytes, want about 60 KB", avg)
	}
	files := readAll(t, dir)
	kinds := map[string]bool{}
	for _, b := range files {
		switch {
		case bytes.HasPrefix(b, []byte("\xef\xbb\xbf")):
			kinds["utf8-bom"] = true
		case bytes.HasPrefix(b, []byte("\xff\xfe")), bytes.HasPrefix(b, []byte("\xfe\xff")):
			kinds["utf16"] = true
		case !utf8.Valid(b):
			kinds["gb18030"] = true
		default:
			kinds["utf8"] = true
		}
	}
	if len(kinds) < 4 {
		t.Errorf("encodings %v, want utf8, utf8-bom, utf16 and gb18030", kinds)
	}
	plans, errs := loader.LoadPaths([]string{dir})
	if len(errs) > 0 || len(plans) != 40 {
		t.Fatalf("%d plans, errors %v", len(plans), errs)
	}
	titles := map[string]bool{}
	for _, p := range plans {
		b, _ := os.ReadFile(p.Source)
		titles[string(b[:min(len(b), 400)])] = true
	}
	if len(titles) < 30 {
		t.Errorf("only %d different file openings in 40 plans", len(titles))
	}
}

func TestPlaceName(t *testing.T) {
	if got := placeName("吉首市民政局。全市养老。吉首市规划。我市。"); got != "吉首" {
		t.Errorf("placeName = %q, want 吉首", got)
	}
}
