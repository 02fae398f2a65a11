package cli

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"planview/render"
)

// run calls Main with args and returns stdout, stderr and the exit code.
func run(t *testing.T, args ...string) (string, string, int) {
	t.Helper()
	var out, errb bytes.Buffer
	code := Main(args, &out, &errb)
	return out.String(), errb.String(), code
}

func lines(s string) []string {
	s = strings.TrimSuffix(s, "\n")
	if s == "" {
		return nil
	}
	return strings.Split(s, "\n")
}

// seedPath is the folder of the seeds, for tests that load from disk.
const seedPath = "../seeds"

// commandNames are the names of planview's commands, help and completion
// among them.
func commandNames() []string {
	var names []string
	for _, c := range newRoot(&Env{Flags: map[string]string{}}).Commands() {
		names = append(names, c.Name())
	}
	return names
}

func TestHelp(t *testing.T) {
	for _, args := range [][]string{{"help"}, {"--help"}, {"-h"}, {"--help", "--path", "x"}} {
		out, errs, code := run(t, args...)
		if code != ExitOK || errs != "" {
			t.Errorf("%q: code %d, stderr %q", args, code, errs)
		}
		for _, name := range commandNames() {
			if !strings.Contains(out, "\n  "+name) {
				t.Errorf("%q: usage does not list %s:\n%s", args, name, out)
			}
		}
		for _, want := range []string{"list", "outline", "show", "--path", "--json", "RUNEWIDTH_EASTASIAN"} {
			if !strings.Contains(out, want) {
				t.Errorf("%q: usage lacks %q", args, want)
			}
		}
	}
	for _, name := range commandNames() {
		for _, args := range [][]string{{name, "--help"}, {"-h", name}, {"help", name}} {
			out, _, code := run(t, args...)
			if code != ExitOK || !strings.HasPrefix(out, "Usage: planview "+name) {
				t.Errorf("%q: code %d, output %q", args, code, out)
			}
		}
	}
}

func TestUsageErrors(t *testing.T) {
	for _, args := range [][]string{
		{"nosuchcommand"},
		{"list", "--nosuchflag"},
		{"outline"},
		{"outline", "a", "b"},
		{"show"},
		{"show", "--width", "wide", "x"},
		{"list", "--path"},
		{"list", "--json=yes"},
		{"help", "nosuchcommand"},
	} {
		out, errs, code := run(t, args...)
		if code != ExitUsage {
			t.Errorf("%q: code %d, want %d", args, code, ExitUsage)
		}
		if out != "" {
			t.Errorf("%q: stdout %q", args, out)
		}
		if !strings.HasPrefix(errs, "planview: ") {
			t.Errorf("%q: stderr %q", args, errs)
		}
	}
}

type listJSON struct {
	ID       string `json:"id"`
	Title    string `json:"title"`
	Region   string `json:"region"`
	Chapters int    `json:"chapters"`
	Sections int    `json:"sections"`
	Tables   int    `json:"tables"`
	Source   string `json:"source"`
}

func listPlans(t *testing.T, args ...string) ([]listJSON, string, int) {
	t.Helper()
	out, errs, code := run(t, append([]string{"list", "--json"}, args...)...)
	var got []listJSON
	if code == ExitOK {
		if err := json.Unmarshal([]byte(out), &got); err != nil {
			t.Fatalf("list --json %q: %v\n%s", args, err, out)
		}
	}
	return got, errs, code
}

func TestListSeeds(t *testing.T) {
	plans, errs, code := listPlans(t)
	if code != ExitOK || errs != "" {
		t.Fatalf("code %d, stderr %q", code, errs)
	}
	if len(plans) != 5 {
		t.Fatalf("%d plans, want 5", len(plans))
	}
	ids := map[string]bool{}
	for _, p := range plans {
		if p.ID == "" || p.Title == "" || p.Region == "" || p.Source == "" {
			t.Errorf("plan with an empty field: %+v", p)
		}
		if p.Chapters < 2 || p.Sections < p.Chapters {
			t.Errorf("plan %s: %d chapters, %d sections", p.ID, p.Chapters, p.Sections)
		}
		if ids[p.ID] {
			t.Errorf("duplicate id %s", p.ID)
		}
		ids[p.ID] = true
	}

	// Text: a header and one line per plan, columns aligned by display width.
	out, errs, code := run(t, "list")
	if code != ExitOK || errs != "" {
		t.Fatalf("list: code %d, stderr %q", code, errs)
	}
	ls := lines(out)
	if len(ls) != 6 {
		t.Fatalf("list: %d lines, want 6:\n%s", len(ls), out)
	}
	regionCol := strings.Index(ls[0], "REGION")
	for i, l := range ls {
		if render.Width(l) != render.Width(ls[0]) {
			t.Errorf("line %d is %d cells, header %d:\n%s", i, render.Width(l), render.Width(ls[0]), out)
		}
		if i > 0 {
			p := plans[i-1]
			if !strings.HasPrefix(l, p.ID+" ") || !strings.Contains(l, p.Title) {
				t.Errorf("line %d %q does not start with %s / hold %s", i, l, p.ID, p.Title)
			}
			// the region starts at the header's column
			end := strings.Index(l, p.Title) + len(p.Title)
			at := end + strings.Index(l[end:], p.Region)
			if render.Width(l[:at]) != render.Width(ls[0][:regionCol]) {
				t.Errorf("line %d: region at column %d, header at %d:\n%s", i, render.Width(l[:at]), regionCol, out)
			}
		}
	}
}

func TestOutlineAndShowSeeds(t *testing.T) {
	plans, _, _ := listPlans(t)
	for _, p := range plans {
		out, errs, code := run(t, "outline", p.ID)
		if code != ExitOK || errs != "" {
			t.Fatalf("outline %s: code %d, stderr %q", p.ID, code, errs)
		}
		ls := lines(out)
		if len(ls) != 3+p.Sections {
			t.Errorf("outline %s: %d lines, want %d (title, blank, header, sections)", p.ID, len(ls), 3+p.Sections)
		}

		out, _, code = run(t, "outline", p.ID, "--json")
		var tree outlineJSON
		if code != ExitOK || json.Unmarshal([]byte(out), &tree) != nil {
			t.Fatalf("outline --json %s: code %d\n%s", p.ID, code, out)
		}
		if tree.ID != p.ID || len(tree.Sections) != p.Chapters {
			t.Errorf("outline --json %s: id %q, %d top-level sections, want %d", p.ID, tree.ID, len(tree.Sections), p.Chapters)
		}
		n := 0
		var walk func([]outlineNode, int)
		walk = func(ns []outlineNode, level int) {
			for _, s := range ns {
				n++
				if s.Level != level || s.Path == "" || (s.Line <= 0) != s.Synthetic {
					t.Errorf("outline --json %s: bad node %+v at level %d", p.ID, s, level)
				}
				walk(s.Children, level+1)
			}
		}
		walk(tree.Sections, 1)
		if n != p.Sections {
			t.Errorf("outline --json %s: %d nodes, want %d", p.ID, n, p.Sections)
		}

		// show: every section's heading is printed, in order.
		out, errs, code = run(t, "show", p.ID)
		if code != ExitOK || errs != "" {
			t.Fatalf("show %s: code %d, stderr %q", p.ID, code, errs)
		}
		if !strings.HasPrefix(out, p.Title) {
			t.Errorf("show %s does not start with the title %q", p.ID, p.Title)
		}
		// show the first chapter by path; it is part of the whole.
		sec, errs, code := run(t, "show", p.ID, "1")
		if code != ExitOK || errs != "" || len(sec) == 0 {
			t.Fatalf("show %s 1: code %d, stderr %q", p.ID, code, errs)
		}
		if !strings.Contains(out, strings.TrimSuffix(sec, "\n")) {
			t.Errorf("show %s 1 is not a part of show %s", p.ID, p.ID)
		}
		// --width: text lines fit; tables may only exceed it when they cannot fit at all.
		out, _, _ = run(t, "show", "--width", "60", p.ID)
		for _, l := range lines(out) {
			if render.Width(l) > 60 && !strings.ContainsAny(l, "│─|+") {
				t.Errorf("show --width 60 %s: %d cells: %q", p.ID, render.Width(l), l)
			}
		}
		// JSON is the model.
		out, _, code = run(t, "show", p.ID, "--json")
		var m map[string]any
		if code != ExitOK || json.Unmarshal([]byte(out), &m) != nil || m["id"] != p.ID {
			t.Errorf("show --json %s: code %d, id %v", p.ID, code, m["id"])
		}
		out, _, code = run(t, "show", p.ID, "1", "--json")
		if code != ExitOK || json.Unmarshal([]byte(out), &m) != nil || m["path"] != "1" {
			t.Errorf("show --json %s 1: code %d, path %v", p.ID, code, m["path"])
		}
	}
}

func TestPlanSelection(t *testing.T) {
	plans, _, _ := listPlans(t)
	if len(plans) == 0 {
		t.Fatal("no plans")
	}
	// Every id, and every region, selects its plan.
	for _, p := range plans {
		for _, q := range []string{p.ID, strings.ToUpper(p.ID), p.Region} {
			out, errs, code := run(t, "outline", q)
			if code != ExitOK || !strings.Contains(lines(out)[0], "("+p.ID+")") {
				t.Errorf("outline %q: code %d, stderr %q, first line %q", q, code, errs, lines(out))
			}
		}
	}
	// Substrings the README uses.
	for q, id := range map[string]string{"通道": "tongdao", "tongdao": "tongdao", "天门": "tianmen"} {
		out, _, code := run(t, "outline", q)
		if code != ExitOK || !strings.Contains(lines(out)[0], "("+id) {
			t.Errorf("outline %q: code %d, %q", q, code, lines(out)[0])
		}
	}
	// Ambiguous: every candidate is listed; unknown: every id is listed.
	_, errs, code := run(t, "outline", "hunan")
	if code != ExitUsage || !strings.Contains(errs, "matches 3 plans") {
		t.Errorf("outline hunan: code %d, stderr %q", code, errs)
	}
	for _, id := range []string{"huaihua", "jishou", "tongdao"} {
		if !strings.Contains(errs, id) {
			t.Errorf("outline hunan: %s not among the candidates: %q", id, errs)
		}
	}
	_, errs, code = run(t, "show", "nosuchplan")
	if code != ExitUsage || !strings.Contains(errs, "no plan matches") {
		t.Errorf("show nosuchplan: code %d, stderr %q", code, errs)
	}
	for _, p := range plans {
		if !strings.Contains(errs, p.ID) {
			t.Errorf("show nosuchplan: %s not listed: %q", p.ID, errs)
		}
	}
}

// tempPlans copies seeds into a temporary folder and returns it.
func tempPlans(t *testing.T, names ...string) string {
	t.Helper()
	dir := t.TempDir()
	for _, n := range names {
		b, err := os.ReadFile(filepath.Join(seedPath, n))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, n), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestPaths(t *testing.T) {
	dir := tempPlans(t, "tianmen-city-hubei.txt", "tongdao-county-hunan.txt")
	other := tempPlans(t, "shule-county-xinjiang.txt")
	file := filepath.Join(other, "shule-county-xinjiang.txt")
	ids := func(ps []listJSON) string {
		var s []string
		for _, p := range ps {
			s = append(s, p.ID)
		}
		return strings.Join(s, " ")
	}
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"--path", dir}, "tianmen-city-hubei tongdao-county-hunan"},
		{[]string{dir}, "tianmen-city-hubei tongdao-county-hunan"},
		{[]string{file, "--path", dir}, "tianmen-city-hubei tongdao-county-hunan shule-county-xinjiang"},
		{[]string{"--path=" + file}, "shule-county-xinjiang"},
		{[]string{"--path", file, "--path", dir}, "shule-county-xinjiang tianmen-city-hubei tongdao-county-hunan"},
	} {
		ps, errs, code := listPlans(t, tc.args...)
		if code != ExitOK || errs != "" || ids(ps) != tc.want {
			t.Errorf("list --json %q: code %d, stderr %q, plans %q, want %q", tc.args, code, errs, ids(ps), tc.want)
		}
	}
	// Flags after the positional arguments, on every command.
	out, errs, code := run(t, "outline", "天门", "--path", dir)
	if code != ExitOK || errs != "" || !strings.Contains(lines(out)[0], "tianmen") {
		t.Errorf("outline 天门 --path: code %d, stderr %q", code, errs)
	}
	_, errs, code = run(t, "outline", "疏勒", "--path", dir)
	if code != ExitUsage {
		t.Errorf("outline 疏勒 --path (not loaded): code %d, stderr %q", code, errs)
	}
	out, _, code = run(t, "show", "通道", "1", "--path", dir, "--width", "50")
	if code != ExitOK || out == "" {
		t.Errorf("show 通道 1 --path --width: code %d", code)
	}
	// A path that does not exist.
	_, errs, code = run(t, "list", filepath.Join(dir, "nosuch.txt"))
	if code != ExitFail || !strings.Contains(errs, "nosuch.txt") {
		t.Errorf("list nosuch: code %d, stderr %q", code, errs)
	}
}

func TestBadFiles(t *testing.T) {
	dir := tempPlans(t, "tianmen-city-hubei.txt")
	if err := os.WriteFile(filepath.Join(dir, "empty.txt"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	bin := bytes.Repeat([]byte{0x7f, 'E', 'L', 'F', 0, 0, 1, 2, 0xff, 0xfe, 0}, 100)
	if err := os.WriteFile(filepath.Join(dir, "binary.txt"), bin, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"list", dir}, {"outline", "天门", "--path", dir}, {"show", "--path", dir, "天门", "1"}} {
		out, errs, code := run(t, args...)
		if code != ExitOK || out == "" {
			t.Errorf("%q: code %d", args, code)
		}
		el := lines(errs)
		if len(el) != 2 {
			t.Fatalf("%q: %d stderr lines, want 2: %q", args, len(el), errs)
		}
		for i, name := range []string{"binary.txt", "empty.txt"} {
			if !strings.HasPrefix(el[i], "planview: ") || !strings.Contains(el[i], name) {
				t.Errorf("%q: stderr line %q does not name %s", args, el[i], name)
			}
		}
	}
	// Only bad files: nothing loaded, exit 1.
	bad := t.TempDir()
	os.WriteFile(filepath.Join(bad, "empty.txt"), nil, 0o644)
	os.WriteFile(filepath.Join(bad, "binary.txt"), bin, 0o644)
	out, errs, code := run(t, "list", bad)
	if code != ExitFail || out != "" {
		t.Errorf("only bad files: code %d, stdout %q", code, out)
	}
	if n := len(lines(errs)); n != 3 { // two files and "no plan loaded"
		t.Errorf("only bad files: stderr %q", errs)
	}
}

// checkNoControls fails when out has a byte below 0x20 but tab and newline,
// DEL, a C1 control or invalid UTF-8.
func checkNoControls(t *testing.T, what, out string) {
	t.Helper()
	if !utf8.ValidString(out) {
		t.Errorf("%s: invalid UTF-8", what)
	}
	for i := 0; i < len(out); i++ {
		if b := out[i]; b < 0x20 && b != '\t' && b != '\n' || b == 0x7f {
			t.Errorf("%s: byte %#x at %d: %q", what, b, i, out[max(0, i-20):min(len(out), i+20)])
			return
		}
	}
	for _, r := range out {
		if r >= 0x80 && r < 0xa0 {
			t.Errorf("%s: C1 control %U", what, r)
			return
		}
	}
}

// hostilePlan is a plan file carrying every kind of control character.
const hostilePlan = "某某县民政事业发展“十四五”规划\x1b[2J\x1b[H\n" +
	"\n" +
	"第一章 发展\x1b[31m基础\x1b[0m\x07\n" +
	"一、总体\x1b]0;pwned\x07情况\u009b31m\n" +
	"“十三五”期间\r，全县\x00民政\x7f事业\u0085取得\u009d8;;x\u009c成效\x1b]8;;http://evil\x1b\\链接\x1b]8;;\x1b\\。\x08\x0b\x0c\n" +
	"表1 主要指标\x1b[5m\n" +
	"序号\t指标\x1b[1m\t2020年\n" +
	"1\t床位\x1bc数\t35\u0090dcs\u009c\n" +
	"第二章 目标\x1bP1$r\x1b\\任务\n" +
	"二、主要\x1b(0任务\n" +
	"加强\x1b[?1049h养老服务。\n"

func TestNoControlCharacters(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "hostile.txt")
	if err := os.WriteFile(path, []byte(hostilePlan), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{"list", path},
		{"list", path, "--json"},
		{"outline", "hostile", "--path", path},
		{"outline", "hostile", "--path", path, "--json"},
		{"show", "hostile", "--path", path},
		{"show", "hostile", "--path", path, "--width", "30"},
		{"show", "hostile", "--path", path, "--json"},
		{"show", "hostile", "1", "--path", path},
		{"show", "nosuch", "--path", path},
	} {
		out, errs, _ := run(t, args...)
		checkNoControls(t, strings.Join(args, " ")+" stdout", out)
		checkNoControls(t, strings.Join(args, " ")+" stderr", errs)
	}
}

func TestEscapeJSONControls(t *testing.T) {
	var out bytes.Buffer
	e := &Env{Stdout: &out, Stderr: &out}
	e.WriteJSON(map[string]string{"k": "a\x7fb\u0085c\u009bd\x1be"})
	checkNoControls(t, "WriteJSON", out.String())
	var back map[string]string
	if err := json.Unmarshal(out.Bytes(), &back); err != nil || back["k"] != "a\x7fb\u0085c\u009bd\x1be" {
		t.Errorf("round trip: %v %q", err, back["k"])
	}
}

// The browser itself needs a terminal; what Main does before opening it is
// tested here.
func TestBrowserArguments(t *testing.T) {
	_, errs, code := run(t, "no/such/path.txt")
	if code != ExitUsage || !strings.Contains(errs, "no/such/path.txt") {
		t.Errorf("unknown path: code %d, stderr %q", code, errs)
	}
	_, errs, code = run(t, "--json")
	if code != ExitUsage {
		t.Errorf("--json alone: code %d, stderr %q", code, errs)
	}
	bad := t.TempDir()
	os.WriteFile(filepath.Join(bad, "empty.txt"), nil, 0o644)
	for _, args := range [][]string{{bad}, {"--path", bad}, {filepath.Join(bad, "empty.txt")}} {
		out, errs, code := run(t, args...)
		if code != ExitFail || out != "" || !strings.Contains(errs, "empty.txt") {
			t.Errorf("%q (nothing loads): code %d, stdout %q, stderr %q", args, code, out, errs)
		}
	}
}

func TestFirstPositional(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want int
	}{
		{nil, -1},
		{[]string{"list"}, 0},
		{[]string{"--json", "list"}, 1},
		{[]string{"--path", "x", "list"}, 2},
		{[]string{"--path=x", "list"}, 1},
		{[]string{"--width", "40", "show", "a"}, 2},
		{[]string{"--", "list"}, 1},
		{[]string{"--json"}, -1},
	} {
		if got := firstPositional(tc.args); got != tc.want {
			t.Errorf("firstPositional(%q) = %d, want %d", tc.args, got, tc.want)
		}
	}
}

// With RUNEWIDTH_EASTASIAN=1 “ ” and box drawing are two cells: the
// columns still line up, measured the same way.
func TestEastAsianWidth(t *testing.T) {
	t.Setenv(render.EnvEastAsian, "1")
	render.InitFromEnv()
	t.Cleanup(func() {
		os.Unsetenv(render.EnvEastAsian)
		render.InitFromEnv()
	})
	out, _, code := run(t, "list")
	ls := lines(out)
	if code != ExitOK || len(ls) < 2 {
		t.Fatalf("list: code %d", code)
	}
	for _, l := range ls {
		if render.Width(l) != render.Width(ls[0]) {
			t.Errorf("list: %q is %d cells, header %d", l, render.Width(l), render.Width(ls[0]))
		}
	}
	out, _, _ = run(t, "show", "--width", "60", "天门")
	if strings.ContainsAny(out, "│─┌") {
		t.Errorf("box drawing used although it is two cells wide")
	}
	for _, l := range lines(out) {
		if render.Width(l) > 60 && !strings.ContainsAny(l, "|+") {
			t.Errorf("show --width 60: %d cells: %q", render.Width(l), l)
		}
	}
}

func TestShowSectionByNumber(t *testing.T) {
	out, errs, code := run(t, "show", "天门", "第二章")
	if code != ExitOK || !strings.HasPrefix(out, "第二章") {
		t.Errorf("show 天门 第二章: code %d, stderr %q, output starts %q", code, errs, strings.SplitN(out, "\n", 2)[0])
	}
	// 天门 has a 第五节 in several chapters: the user is asked which, by path.
	out, errs, code = run(t, "show", "天门", "第五节")
	if code != ExitUsage || out != "" || !strings.Contains(errs, "matches") {
		t.Fatalf("show 天门 第五节: code %d, stderr %q", code, errs)
	}
	candidates := 0
	for _, l := range lines(errs)[1:] {
		if !strings.HasPrefix(l, "  ") || !strings.Contains(l, "第五节") {
			continue
		}
		candidates++
		path := strings.Fields(l)[0]
		o, _, c := run(t, "show", "天门", path)
		if c != ExitOK || !strings.HasPrefix(o, "第五节") {
			t.Errorf("show 天门 %s (a candidate): code %d, %q", path, c, strings.SplitN(o, "\n", 2)[0])
		}
	}
	if candidates < 2 {
		t.Errorf("show 天门 第五节: %d candidates listed: %q", candidates, errs)
	}
	_, errs, code = run(t, "show", "天门", "no such heading anywhere")
	if code != ExitUsage || !strings.Contains(errs, "outline tianmen") {
		t.Errorf("unknown section: code %d, stderr %q", code, errs)
	}
}
