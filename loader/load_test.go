package loader

import (
	"bytes"
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"planview/internal/corpus"
	"planview/model"
	"planview/seeds"
)

// The embedded seeds load as five plans with no errors, in name order, with
// IDs from their file names.
func TestLoadSeeds(t *testing.T) {
	plans, errs := LoadFS(seeds.FS())
	if len(errs) > 0 {
		t.Fatalf("errors: %v", errs)
	}
	var ids []string
	for _, p := range plans {
		ids = append(ids, p.ID)
		if p.Source != p.ID+".txt" {
			t.Errorf("plan %s: Source %q", p.ID, p.Source)
		}
	}
	want := []string{"huaihua-city-hunan", "jishou-city-hunan", "shule-county-xinjiang", "tianmen-city-hubei", "tongdao-county-hunan"}
	if !slices.Equal(ids, want) {
		t.Errorf("IDs %v, want %v", ids, want)
	}
}

// planJSON is a plan's model as JSON, without its ID and Source.
func planJSON(t *testing.T, p *model.Plan) string {
	t.Helper()
	q := *p
	q.ID, q.Source = "", ""
	b, err := json.Marshal(&q)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// Copies of each seed re-encoded as GB18030, UTF-16LE with a BOM and UTF-8
// with a BOM and CRLF load with the same structure as the original; an empty
// and a binary file in the same folder get one error each.
func TestLoadReencodedSeeds(t *testing.T) {
	orig, errs := LoadFS(seeds.FS())
	if len(errs) > 0 || len(orig) != 5 {
		t.Fatalf("seeds: %d plans, errors %v", len(orig), errs)
	}
	fsys := fstest.MapFS{
		"folder.txt/x.txt": {Data: []byte("第一章 总则\n")}, // not loaded: not at the root
		"empty.txt":        {Data: nil},
		"binary.txt":       {Data: []byte("PK\x03\x04\x14\x00\x00\x00\x08\x00plan.txt")},
	}
	names, _ := fs.Glob(seeds.FS(), "*.txt")
	encodings := []corpus.Encoding{corpus.GB18030, corpus.UTF16LE, corpus.UTF8BOMCRLF}
	for _, n := range names {
		b, err := fs.ReadFile(seeds.FS(), n)
		if err != nil {
			t.Fatal(err)
		}
		base := strings.TrimSuffix(n, ".txt")
		fsys[n] = &fstest.MapFile{Data: b}
		for _, e := range encodings {
			enc, err := corpus.Encode(string(b), e)
			if err != nil {
				t.Fatal(err)
			}
			fsys[base+"."+e.String()+".txt"] = &fstest.MapFile{Data: enc}
		}
	}
	plans, errs := LoadFS(fsys)
	if len(plans) != 5*(1+len(encodings)) {
		t.Errorf("%d plans, want %d", len(plans), 5*(1+len(encodings)))
	}
	byID := map[string]*model.Plan{}
	for _, p := range plans {
		byID[p.ID] = p
	}
	for _, o := range orig {
		want := planJSON(t, o)
		if got := planJSON(t, byID[o.ID]); got != want {
			t.Errorf("%s: plan differs from the embedded seed", o.ID)
		}
		for _, e := range encodings {
			id := o.ID + "." + e.String()
			p := byID[id]
			if p == nil {
				t.Errorf("%s did not load", id)
				continue
			}
			if got := planJSON(t, p); got != want {
				t.Errorf("%s: structure differs from the original", id)
			}
		}
	}
	if len(errs) != 2 {
		t.Fatalf("errors %v, want one for empty.txt and one for binary.txt", errs)
	}
	if errs[0].File != "binary.txt" || !errors.Is(errs[0], ErrBinary) {
		t.Errorf("first error %v, want binary.txt: binary file", errs[0])
	}
	if errs[1].File != "empty.txt" || !errors.Is(errs[1], ErrEmpty) {
		t.Errorf("second error %v, want empty.txt: empty file", errs[1])
	}
	if want := "binary.txt: binary file (NUL byte at offset 5), not a plan"; errs[0].Error() != want {
		t.Errorf("message %q, want %q", errs[0], want)
	}
}

// Each bad file of testdata/decode fails to load with an error naming it,
// and the good files beside it load; the damaged UTF-8 file loads with one
// warning naming it, its first damaged line and the bad bytes.
func TestLoadPathsBadFiles(t *testing.T) {
	plans, errs := LoadPaths([]string{"testdata/decode"})
	if len(plans) != 10 {
		t.Errorf("%d plans, want the 9 encodings and the damaged UTF-8", len(plans))
	}
	var bad []string
	for _, e := range errs.Failures() {
		bad = append(bad, filepath.Base(e.File))
		if !strings.HasPrefix(e.Error(), e.File+": ") || !strings.HasSuffix(e.Error(), ", not a plan") {
			t.Errorf("unclear error %q", e)
		}
	}
	want := []string{"bad-blank.txt", "bad-bom-utf8.txt", "bad-empty.txt", "bad-invalid.txt", "bad-nul.txt", "bad-only-debris.txt", "bad-png.txt", "bad-utf16-odd.txt", "bad-utf16-surrogate.txt"}
	if !slices.Equal(bad, want) {
		t.Errorf("errors for %v, want %v", bad, want)
	}
	warns := errs.Warnings()
	if len(warns) != 1 || len(errs) != len(want)+1 {
		t.Fatalf("warnings %v, want one", warns)
	}
	wantMsg := filepath.Join("testdata", "decode", "damaged-utf8.txt") + ":3: warning: 3 damaged bytes replaced with U+FFFD"
	if got := warns[0].Error(); got != wantMsg {
		t.Errorf("warning %q, want %q", got, wantMsg)
	}
	var damaged *model.Plan
	for _, p := range plans {
		if p.ID == "damaged-utf8" {
			damaged = p
		}
	}
	if damaged == nil || len(damaged.Sections) != 2 || damaged.Sections[1].Title != "主要任务" {
		t.Errorf("damaged UTF-8 plan not loaded with its two chapters: %+v", damaged)
	}
}

// Parse returns the plan of a damaged file together with its warning.
func TestParseWarning(t *testing.T) {
	b, err := os.ReadFile("testdata/decode/damaged-utf8.txt")
	if err != nil {
		t.Fatal(err)
	}
	p, err := Parse("cut.txt", bytes.NewReader(b))
	var e *Error
	if p == nil || !errors.As(err, &e) || !e.Warning || e.Line != 3 {
		t.Fatalf("Parse = %v, %v; want a plan and a warning at line 3", p, err)
	}
	if got := err.Error(); got != "cut.txt:3: warning: 3 damaged bytes replaced with U+FFFD" {
		t.Errorf("warning %q", got)
	}
}

func write(t *testing.T, path, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestLoadPaths(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a"), filepath.Join(dir, "b")
	write(t, filepath.Join(a, "Plan One.txt"), "第一章 总则\n正文。\n")
	write(t, filepath.Join(a, "z.TXT"), "第一章 总则\n")
	write(t, filepath.Join(a, "notes.md"), "not a plan\n")
	write(t, filepath.Join(a, "sub", "deep.txt"), "第一章 总则\n")
	write(t, filepath.Join(b, "plan one.txt"), "第一章 总则\n")
	write(t, filepath.Join(b, "plan-one-2.txt"), "第一章 总则\n")
	write(t, filepath.Join(dir, "single.dat"), "第一章 总则\n")
	missing := filepath.Join(dir, "missing")

	plans, errs := LoadPaths([]string{a, missing, b, filepath.Join(dir, "single.dat"), filepath.Join(a, "z.TXT")})
	var got []string
	for _, p := range plans {
		got = append(got, p.ID+"="+strings.TrimPrefix(p.Source, dir+string(filepath.Separator)))
	}
	want := []string{
		"plan-one=" + filepath.Join("a", "Plan One.txt"),
		"z=" + filepath.Join("a", "z.TXT"),
		"plan-one-3=" + filepath.Join("b", "plan one.txt"), // -2 is taken by a file name
		"plan-one-2=" + filepath.Join("b", "plan-one-2.txt"),
		"single=single.dat",
	}
	if !slices.Equal(got, want) {
		t.Errorf("plans\n%v\nwant\n%v", got, want)
	}
	if len(errs) != 1 || errs[0].File != missing || !errors.Is(errs[0], fs.ErrNotExist) {
		t.Fatalf("errors %v, want one for %s", errs, missing)
	}
	if want := missing + ": no such file or directory"; errs[0].Error() != want {
		t.Errorf("message %q, want %q", errs[0], want)
	}

	// The same paths load the same way every time.
	again, _ := LoadPaths([]string{a, missing, b, filepath.Join(dir, "single.dat"), filepath.Join(a, "z.TXT")})
	for i := range plans {
		if planJSON(t, plans[i]) != planJSON(t, again[i]) || plans[i].ID != again[i].ID {
			t.Errorf("second load differs at %d", i)
		}
	}
}

func TestUniqueIDs(t *testing.T) {
	var plans []*model.Plan
	for _, id := range []string{"a", "a", "a-2", "b", "a", "a"} {
		plans = append(plans, &model.Plan{ID: id})
	}
	uniqueIDs(plans)
	var got []string
	for _, p := range plans {
		got = append(got, p.ID)
	}
	if want := []string{"a", "a-3", "a-2", "b", "a-4", "a-5"}; !slices.Equal(got, want) {
		t.Errorf("IDs %v, want %v", got, want)
	}
}

func TestSlug(t *testing.T) {
	for in, want := range map[string]string{
		"tianmen-city-hubei.txt": "tianmen-city-hubei",
		"dir/Plan One.TXT":       "plan-one",
		`C:\plans\天门市 规划.txt`:    "天门市-规划",
		"a.b.txt":                "a.b",
		".txt":                   "plan",
		"  spaced   name  .txt":  "spaced-name",
	} {
		if got := slug(in); got != want {
			t.Errorf("slug(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestErrorFormat(t *testing.T) {
	e := &Error{File: "a.txt", Line: 12, Err: errors.New("boom")}
	if e.Error() != "a.txt:12: boom" {
		t.Errorf("got %q", e)
	}
	if e := (&Error{File: "x\x1b]0;t\a.txt", Err: ErrEmpty}); e.Error() != `"x\x1b]0;t\a.txt": empty file, not a plan` {
		t.Errorf("control characters in a file name: %q", e)
	}
	l := ErrorList{e, {File: "b.txt", Err: ErrEmpty}}
	if l.Error() != "a.txt:12: boom (and 1 more errors)" || l.Err() == nil || ErrorList(nil).Err() != nil {
		t.Errorf("ErrorList: %q", l)
	}
}

// Parse reads from any reader and names the file in its errors.
func TestParse(t *testing.T) {
	p, err := Parse("dir/My Plan.txt", strings.NewReader("\uFEFF第一章 总则\r\n正文。\r\n"))
	if err != nil {
		t.Fatal(err)
	}
	if p.ID != "my-plan" || p.Source != "dir/My Plan.txt" {
		t.Errorf("ID %q, Source %q", p.ID, p.Source)
	}
	_, err = Parse("x.txt", strings.NewReader("[bookmark: _Toc1]\n\n<p></p>\n"))
	if !errors.Is(err, ErrNoText) || !strings.HasPrefix(err.Error(), "x.txt: ") {
		t.Errorf("debris-only file: %v", err)
	}
}
