package loader

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"planview/formats"
	"planview/model"
)

// A folder of the same plans as .txt, .docx, .html and .pdf loads every
// file through its front end (formats.Convert) into plans with the same
// title, chapters and tables; a damaged file is that file's error only,
// naming it once, and a scanned PDF says it has no text layer.
func TestLoadPublishedFormats(t *testing.T) {
	dir := filepath.Join("..", "testdata", "formats")
	plans, errs := LoadPaths([]string{dir})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	byPlan := map[string][]string{}
	for _, p := range plans {
		tables := 0
		p.Walk(func(s *model.Section) {
			for _, b := range s.Blocks {
				if b.Table != nil {
					tables++
				}
			}
		})
		base := strings.TrimSuffix(filepath.Base(p.Source), filepath.Ext(p.Source))
		byPlan[base] = append(byPlan[base], p.Title+"|"+itoa(len(p.Sections))+"|"+itoa(tables))
	}
	if len(byPlan) < 2 {
		t.Fatalf("plans: %v", byPlan)
	}
	for base, sums := range byPlan {
		if len(sums) != 4 {
			t.Errorf("%s: %d formats loaded, want 4", base, len(sums))
		}
		for _, s := range sums[1:] {
			if s != sums[0] {
				t.Errorf("%s: %q differs from %q", base, s, sums[0])
			}
		}
	}

	// IDs: the text file keeps the plain one, the others name their format;
	// a Word file alone keeps the plain one.
	ids := map[string]string{}
	for _, p := range plans {
		ids[filepath.Base(p.Source)] = p.ID
	}
	if ids["qingshan.txt"] != "qingshan" || ids["qingshan.docx"] != "qingshan-docx" || ids["qingshan.pdf"] != "qingshan-pdf" {
		t.Errorf("IDs: %v", ids)
	}
	if alone, _ := LoadPaths([]string{filepath.Join(dir, "qingshan.docx")}); len(alone) != 1 || alone[0].ID != "qingshan" {
		t.Errorf("a .docx alone: %v", alone)
	}

	bad := t.TempDir()
	os.WriteFile(filepath.Join(bad, "a.docx"), []byte("PK\x03\x04 not a zip"), 0o644)
	data, _ := os.ReadFile(filepath.Join(dir, "qingshan.txt"))
	os.WriteFile(filepath.Join(bad, "b.txt"), data, 0o644)
	plans, errs = LoadPaths([]string{bad})
	if len(plans) != 1 || len(errs) != 1 || !errors.Is(errs[0], formats.ErrDamaged) || strings.Count(errs[0].Error(), "a.docx") != 1 {
		t.Errorf("a damaged .docx beside a plan: %d plans, errors %v", len(plans), errs)
	}
}
