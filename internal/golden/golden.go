// Package golden compares test output with golden files, as go/printer's
// tests do: `go test -update` rewrites the files instead. Every package's
// golden tests share this one flag and this one comparison.
package golden

import (
	"flag"
	"os"
	"path/filepath"
	"testing"
)

// Update is the -update flag: rewrite golden files rather than compare.
var Update = flag.Bool("update", false, "rewrite golden files instead of comparing with them")

// Check compares got with the file at path byte for byte; with -update it
// writes got there (creating the folder) and passes.
func Check(t testing.TB, path, got string) {
	t.Helper()
	if *Update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (go test -run '%s' -update creates it; then read the diff)", err, t.Name())
	}
	if string(want) != got {
		t.Errorf("%s differs from the golden file %s:\n--- got\n%s\n--- want\n%s", t.Name(), path, got, want)
	}
}
