package loader

import (
	"os"
	"path/filepath"
	"strconv"
	"testing"
)

// LoadPathsStream hands over the plans LoadPaths returns, in its order and
// with its IDs, in batches whose counts add up; the errors are the same,
// at the end and, in the same order, with the batches.
func TestLoadPathsStream(t *testing.T) {
	dir := t.TempDir()
	for i := range 40 {
		text := "某市养老服务体系建设规划\n\n第一章 总则\n\n养老服务第" + strconv.Itoa(i) + "条。\n"
		if err := os.WriteFile(filepath.Join(dir, "p"+strconv.Itoa(100+i)+".txt"), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// Two files sharing an ID with a third already suffixed, and a bad one.
	os.WriteFile(filepath.Join(dir, "x.txt"), []byte("第一章 总则\n\n甲。\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "X .txt"), []byte("第一章 总则\n\n乙。\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "x-2.txt"), []byte("第一章 总则\n\n丙。\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "empty.txt"), nil, 0o644)
	want, wantErrs := LoadPaths([]string{dir, filepath.Join(dir, "missing")})

	var got []*Batch
	var plans []string
	var batchErrs ErrorList
	errs := LoadPathsStream([]string{dir, filepath.Join(dir, "missing")}, func(b Batch) {
		got = append(got, &b)
		batchErrs = append(batchErrs, b.Errs...)
		for _, p := range b.Plans {
			plans = append(plans, p.Source+" "+p.ID)
		}
	})
	if len(plans) != len(want) {
		t.Fatalf("streamed %d plans, LoadPaths %d", len(plans), len(want))
	}
	for i, p := range want {
		if plans[i] != p.Source+" "+p.ID {
			t.Errorf("plan %d: streamed %q, LoadPaths %q", i, plans[i], p.Source+" "+p.ID)
		}
	}
	if len(errs) != len(wantErrs) || errs.Error() != wantErrs.Error() {
		t.Errorf("errors %v, LoadPaths %v", errs, wantErrs)
	}
	if len(batchErrs) != 2 || batchErrs.Error() != wantErrs.Error() {
		t.Errorf("the batches' errors %v, LoadPaths %v", batchErrs, wantErrs)
	}
	prev := 0
	for _, b := range got {
		if b.Done < prev || b.Done == prev && len(b.Plans) > 0 || b.Total != 44 {
			t.Errorf("batch progress %d/%d after %d", b.Done, b.Total, prev)
		}
		prev = b.Done
	}
	if prev != 44 {
		t.Errorf("last batch at %d of 44", prev)
	}
}
