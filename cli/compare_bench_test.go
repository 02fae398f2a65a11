package cli

import (
	"io"
	"os"
	"testing"
)

// BenchmarkCompareProcess runs `compare 护理型床位 --path DIR` as the
// command does, on the folder in PLANVIEW_CORPUS (skipped without it).
func BenchmarkCompareProcess(b *testing.B) {
	dir := os.Getenv("PLANVIEW_CORPUS")
	if dir == "" {
		b.Skip("PLANVIEW_CORPUS not set")
	}
	for b.Loop() {
		Main([]string{"compare", "护理型床位", "--path", dir}, io.Discard, io.Discard)
	}
}

// BenchmarkListProcess is `list --path DIR`, what compare is held against.
func BenchmarkListProcess(b *testing.B) {
	dir := os.Getenv("PLANVIEW_CORPUS")
	if dir == "" {
		b.Skip("PLANVIEW_CORPUS not set")
	}
	for b.Loop() {
		Main([]string{"list", "--path", dir}, io.Discard, io.Discard)
	}
}
