package cli

import (
	"bytes"
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"planview/seeds"
)

func runCLI(t *testing.T, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var o, e bytes.Buffer
	code = Main(args, &o, &e)
	return o.String(), e.String(), code
}

// rawOccurrences counts a phrase in the embedded plans' raw text, in both
// scripts, independently of the loader and the search package.
func rawOccurrences(t *testing.T, simp, trad string) map[string]int {
	t.Helper()
	names, err := fs.Glob(seeds.FS(), "*.txt")
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]int{}
	for _, n := range names {
		b, err := fs.ReadFile(seeds.FS(), n)
		if err != nil {
			t.Fatal(err)
		}
		if c := strings.Count(string(b), simp) + strings.Count(string(b), trad); c > 0 {
			out[strings.TrimSuffix(n, ".txt")] = c
		}
	}
	return out
}

func TestSearchText(t *testing.T) {
	want := rawOccurrences(t, "养老床位", "養老床位")
	total := 0
	for _, n := range want {
		total += n
	}
	out, errOut, code := runCLI(t, "search", "养老床位")
	if code != ExitOK {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if len(lines) != total {
		t.Errorf("%d lines, the raw plans hold %d occurrences:\n%s", len(lines), total, out)
	}
	got := map[string]int{}
	for _, l := range lines {
		plan, _, _ := strings.Cut(l, ":")
		got[plan]++
		if !strings.Contains(l, "«养老床位»") && !strings.Contains(l, "«養老床位»") {
			t.Errorf("hit not marked: %q", l)
		}
	}
	for p, n := range want {
		if got[p] != n {
			t.Errorf("%s: %d hits, want %d", p, got[p], n)
		}
	}
	if got["huaihua-city-hunan"] == 0 {
		t.Error("no hit in the Traditional plan")
	}
	if strings.Contains(out, "\x1b") {
		t.Error("escape sequences written to a non-terminal")
	}
	// The Traditional query prints exactly the same.
	out2, _, code2 := runCLI(t, "search", "養老床位")
	if code2 != ExitOK || out2 != out {
		t.Errorf("養老床位 differs from 养老床位 (exit %d):\n%s", code2, out2)
	}
	// A query with a space or a line break in it finds the same.
	if out3, _, _ := runCLI(t, "search", "养老 床位"); out3 != out {
		t.Error("养老 床位 differs")
	}
}

func TestSearchJSON(t *testing.T) {
	out, _, code := runCLI(t, "search", "--json", "養老床位")
	if code != ExitOK {
		t.Fatalf("exit %d", code)
	}
	var hits []map[string]any
	if err := json.Unmarshal([]byte(out), &hits); err != nil {
		t.Fatalf("bad JSON: %v\n%s", err, out)
	}
	want := rawOccurrences(t, "养老床位", "養老床位")
	total := 0
	for _, n := range want {
		total += n
	}
	if len(hits) != total {
		t.Errorf("%d hits, want %d", len(hits), total)
	}
	for _, h := range hits {
		for _, k := range []string{"plan", "section", "line", "context", "match", "titles", "row", "col", "start", "end"} {
			if _, ok := h[k]; !ok {
				t.Errorf("hit without %q: %v", k, h)
			}
		}
		m, _ := h["match"].(string)
		if m != "养老床位" && m != "養老床位" {
			t.Errorf("match %q", m)
		}
		ctx, _ := h["context"].(string)
		cs, ce := int(h["context_start"].(float64)), int(h["context_end"].(float64))
		if ctx[cs:ce] != m {
			t.Errorf("context offsets frame %q, not the match %q", ctx[cs:ce], m)
		}
		if h["line"].(float64) < 1 {
			t.Errorf("no source line: %v", h)
		}
	}
	// No hits: an empty array and exit 1.
	out, _, code = runCLI(t, "search", "--json", "没有这个短语")
	if code != ExitFail || strings.TrimSpace(out) != "[]" {
		t.Errorf("no hits: exit %d, %q", code, out)
	}
}

func TestSearchCount(t *testing.T) {
	want := rawOccurrences(t, "养老床位", "養老床位")
	out, _, code := runCLI(t, "search", "养老床位", "--count")
	if code != ExitOK {
		t.Fatalf("exit %d", code)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != len(want) {
		t.Errorf("count lines %q, want one per plan of %v", lines, want)
	}
	for _, l := range lines {
		plan, n, _ := strings.Cut(l, ":")
		if want[plan] == 0 || n != strconv.Itoa(want[plan]) {
			t.Errorf("count line %q, want %s:%d", l, plan, want[plan])
		}
	}
	out, _, code = runCLI(t, "search", "--count", "--json", "养老床位")
	var counts []struct {
		Plan  string
		Count int
	}
	if code != ExitOK || json.Unmarshal([]byte(out), &counts) != nil || len(counts) != len(want) {
		t.Fatalf("--count --json: exit %d, %q", code, out)
	}
	for _, c := range counts {
		if c.Count != want[c.Plan] {
			t.Errorf("%s: count %d, want %d", c.Plan, c.Count, want[c.Plan])
		}
	}
	if _, _, code := runCLI(t, "search", "--count", "没有这个短语"); code != ExitFail {
		t.Errorf("--count with no hits: exit %d", code)
	}
}

func TestSearchExitCodes(t *testing.T) {
	if _, errOut, code := runCLI(t, "search"); code != ExitUsage || errOut == "" {
		t.Errorf("no query: exit %d, stderr %q", code, errOut)
	}
	if _, _, code := runCLI(t, "search", " \u3000 "); code != ExitUsage {
		t.Errorf("blank query: exit %d", code)
	}
	if _, _, code := runCLI(t, "search", "--bogus", "养老"); code != ExitUsage {
		t.Errorf("unknown flag: exit %d", code)
	}
	if out, _, code := runCLI(t, "search", "没有这个短语"); code != ExitFail || out != "" {
		t.Errorf("no hits: exit %d, output %q", code, out)
	}
}

// Plans from paths: positional and --path; plan text with control
// characters never reaches the output.
func TestSearchPaths(t *testing.T) {
	dir := t.TempDir()
	text := "第一章 總則\n\n全縣新增養老床位\x1b[31m200張。\n"
	if err := os.WriteFile(filepath.Join(dir, "demo-county.txt"), []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{"search", "养老床位", dir},
		{"search", "--path", dir, "养老床位"},
		{"search", "养老床位", filepath.Join(dir, "demo-county.txt")},
	} {
		out, errOut, code := runCLI(t, args...)
		if code != ExitOK || !strings.HasPrefix(out, "demo-county:") || strings.Count(out, "\n") != 1 {
			t.Errorf("%q: exit %d, out %q, err %q", args, code, out, errOut)
		}
		if strings.ContainsAny(out, "\x1b\x00\r") {
			t.Errorf("%q: control characters in output %q", args, out)
		}
		if !strings.Contains(out, "«養老床位»") {
			t.Errorf("%q: match not as written: %q", args, out)
		}
	}
}

// A phrase a line break cuts in two (养老 / 床位) and a PDF space (2025 年)
// are found, at the line the phrase starts on.
func TestSearchBrokenPhrase(t *testing.T) {
	dir := t.TempDir()
	text := "第一章 总则\n\n一、基本情况\n" +
		"“十三五”期间，全县民政事业取得长足发展，社会救助体系不断完善，养老服务能力明显提升，全县新增养老\n" +
		"床位200张，到2025 年底覆盖全部乡镇。各乡镇建设养老服务中心，提升服务能力和水平，满足老年人需求。\n"
	if err := os.WriteFile(filepath.Join(dir, "demo.txt"), []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	for q, line := range map[string]string{"养老床位": "demo:4 ", "养老\n床位": "demo:4 ", "2025年底": "demo:5 ", "2025 年底": "demo:5 "} {
		out, _, code := runCLI(t, "search", q, dir)
		if code != ExitOK || strings.Count(out, "\n") != 1 || !strings.HasPrefix(out, line) {
			t.Errorf("%q: exit %d, %q; want one hit at %s", q, code, out, line)
		}
	}
}

// TestSearchCellPlace checks that a hit in a table cell names its row and
// column counting from 1 in text (as a person counts the drawn table, header
// rows included) and from 0 in JSON.
func TestSearchCellPlace(t *testing.T) {
	jsonOut, _, code := runCLI(t, "search", "养老床位", "--json")
	if code != ExitOK {
		t.Fatalf("exit %d", code)
	}
	var hits []struct {
		Plan string `json:"plan"`
		Line int    `json:"line"`
		Row  int    `json:"row"`
		Col  int    `json:"col"`
	}
	if err := json.Unmarshal([]byte(jsonOut), &hits); err != nil {
		t.Fatal(err)
	}
	text, _, _ := runCLI(t, "search", "养老床位")
	lines := strings.Split(strings.TrimSuffix(text, "\n"), "\n")
	if len(lines) != len(hits) {
		t.Fatalf("%d text lines, %d JSON hits", len(lines), len(hits))
	}
	cells := 0
	for i, h := range hits {
		if h.Row < 0 {
			if strings.Contains(lines[i], "[row ") {
				t.Errorf("hit outside a table names a row: %q", lines[i])
			}
			continue
		}
		cells++
		want := "[row " + strconv.Itoa(h.Row+1) + " col " + strconv.Itoa(h.Col+1) + "]"
		if !strings.Contains(lines[i], want) {
			t.Errorf("hit %s:%d (JSON row %d col %d): text %q lacks %s", h.Plan, h.Line, h.Row, h.Col, lines[i], want)
		}
	}
	if cells == 0 {
		t.Error("no hit in a table cell: the seeds have several")
	}
}
