package tui

import (
	"io/fs"
	"os"
	"os/exec"
	"sort"
	"strings"
	"testing"

	"github.com/charmbracelet/lipgloss"

	"planview/render"
	"planview/seeds"
)

// seedChars returns every distinct character (rune) of the seeds, and
// their lines made clean for layout.
func seedChars(t *testing.T) ([]rune, []string) {
	t.Helper()
	set := map[rune]bool{}
	var lines []string
	err := fs.WalkDir(seeds.FS(), ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".txt") {
			return err
		}
		b, err := fs.ReadFile(seeds.FS(), path)
		if err != nil {
			return err
		}
		s := render.Clean(strings.ToValidUTF8(string(b), "\uFFFD"))
		for _, r := range s {
			set[r] = true
		}
		lines = append(lines, strings.Split(render.Sanitize(string(b)), "\n")...)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	var out []rune
	for r := range set {
		out = append(out, r)
	}
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	return out, lines
}

// TestLipglossWidthAgrees checks the one width policy: lipgloss (through
// charmbracelet/x/ansi) measures every character of the seeds, and every
// line, as render.Width does — in the default setting and, in a child
// process (x/ansi reads the variable once at start-up), with
// RUNEWIDTH_EASTASIAN=1.
func TestLipglossWidthAgrees(t *testing.T) {
	chars, lines := seedChars(t)
	if len(chars) < 500 {
		t.Fatalf("only %d distinct characters in the seeds", len(chars))
	}
	ambiguous := 0
	bad := 0
	for _, r := range chars {
		s := string(r)
		if lw, rw := lipgloss.Width(s), render.Width(s); lw != rw {
			bad++
			if bad < 20 {
				t.Errorf("%q (%U): lipgloss.Width %d, render.Width %d (RUNEWIDTH_EASTASIAN=%q)", s, r, lw, rw, os.Getenv("RUNEWIDTH_EASTASIAN"))
			}
		}
		if r == '“' || r == '①' || r == '—' {
			ambiguous++
		}
	}
	for i, l := range lines {
		l = strings.ReplaceAll(l, "\t", " ")
		if lw, rw := lipgloss.Width(l), render.Width(l); lw != rw {
			bad++
			if bad < 40 {
				t.Errorf("seed line %d: lipgloss.Width %d, render.Width %d: %q", i, lw, rw, l)
			}
		}
	}
	if ambiguous == 0 {
		t.Errorf("no ambiguous-width character (“ ① —) in the seeds: the test proves little")
	}
	wantQuote := 1
	if os.Getenv("RUNEWIDTH_EASTASIAN") == "1" {
		wantQuote = 2
	}
	if w := lipgloss.Width("“"); w != wantQuote {
		t.Errorf("lipgloss.Width(“) = %d with RUNEWIDTH_EASTASIAN=%q, want %d", w, os.Getenv("RUNEWIDTH_EASTASIAN"), wantQuote)
	}
	if os.Getenv("PLANVIEW_WIDTH_CHILD") != "" {
		return
	}
	if testing.Short() {
		t.Skip("-short: not re-running with RUNEWIDTH_EASTASIAN=1")
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestLipglossWidthAgrees$", "-test.count=1")
	cmd.Env = append(os.Environ(), "RUNEWIDTH_EASTASIAN=1", "PLANVIEW_WIDTH_CHILD=1")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Errorf("with RUNEWIDTH_EASTASIAN=1: %v\n%s", err, out)
	}
}
