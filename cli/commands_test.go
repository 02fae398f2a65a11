package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Every command's help, planview's too, shows an example, after the
// summary and before the flags.
func TestHelpExamples(t *testing.T) {
	for _, name := range append(commandNames(), "") {
		args := []string{"--help"}
		if name != "" {
			args = []string{"help", name}
		}
		out, _, code := run(t, args...)
		i, j := strings.Index(out, "\nExamples:\n  planview"), strings.Index(out, "\nFlags")
		if name == "completion" {
			i = strings.Index(out, "\nExamples:\n  source <(planview completion bash)")
		}
		if code != ExitOK || i < 0 || (name != "" && j < i) {
			t.Errorf("%q: code %d, no example before the flags:\n%s", args, code, out)
		}
	}
}

// A search, compare or indicators that finds nothing says so on stderr
// and exits 1.
func TestNothingFoundSaysSo(t *testing.T) {
	plain := filepath.Join(t.TempDir(), "plain-county.txt")
	if err := os.WriteFile(plain, []byte("某县民政事业发展规划\n\n第一章 总则\n\n一、基本情况\n全县推进民政工作。\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"search", "不存在的词"}, `planview: no hits for "不存在的词" in 5 plans`},
		{[]string{"search", "不存在的词", "--count"}, `planview: no hits for "不存在的词" in 5 plans`},
		{[]string{"search", "不存在的词", "--json"}, `planview: no hits for "不存在的词" in 5 plans`},
		{[]string{"search", "不存在的词", "--path", plain}, `planview: no hits for "不存在的词" in plain-county`},
		{[]string{"compare", "不存在的指标"}, `planview: no indicator matches "不存在的指标" in 5 plans`},
		{[]string{"compare", "--path", plain}, "planview: no indicators found in plain-county"},
		{[]string{"indicators", "--path", plain}, "planview: no indicators found in plain-county"},
		{[]string{"indicators", "--path", plain, "--format", "csv"}, "planview: no indicators found in plain-county"},
	} {
		_, errs, code := run(t, tc.args...)
		if code != ExitFail || strings.TrimSuffix(errs, "\n") != tc.want {
			t.Errorf("%q: code %d, stderr %q; want 1, %q", tc.args, code, errs, tc.want)
		}
	}
	// Found: nothing on stderr, exit 0.
	if _, errs, code := run(t, "indicators", "天门"); code != ExitOK || errs != "" {
		t.Errorf("indicators 天门: code %d, stderr %q", code, errs)
	}
}

// An extra positional argument is named, with the command's usage line.
func TestExtraArgument(t *testing.T) {
	for _, tc := range []struct {
		args  []string
		extra string
		usage string
	}{
		{[]string{"outline", "天门", "1"}, `extra argument "1": outline takes one PLAN`, "usage: planview outline PLAN [FLAGS]"},
		{[]string{"show", "天门", "1", "2", "3"}, `extra arguments "2" "3": show takes a PLAN and optionally a SECTION`, "usage: planview show PLAN [SECTION] [FLAGS]"},
		{[]string{"--json", "show", "天门", "1", "x"}, `extra argument "x"`, "usage: planview show PLAN [SECTION] [FLAGS]"},
		{[]string{"compare", "护理型", "床位"}, `extra argument "床位": compare takes at most one QUERY`, "usage: planview compare [QUERY] [FLAGS]"},
		{[]string{"indicators", "天门", "通道"}, `extra argument "通道": indicators takes at most one PLAN`, "usage: planview indicators [PLAN] [FLAGS]"},
		{[]string{"topics", "天门", "通道"}, `extra argument "通道"`, "usage: planview topics [PLAN] [FLAGS]"},
		{[]string{"completion", "bash", "zsh"}, `extra argument "zsh"`, "usage: planview completion SHELL [FLAGS]"},
		{[]string{"help", "show", "list"}, `extra argument "list"`, "usage: planview help [COMMAND] [FLAGS]"},
	} {
		out, errs, code := run(t, tc.args...)
		el := lines(errs)
		if code != ExitUsage || len(el) != 3 || !strings.HasPrefix(el[0], "planview: "+tc.extra) || el[1] != tc.usage || !strings.HasPrefix(el[2], "run 'planview ") {
			t.Errorf("%q: code %d, stderr:\n%s", tc.args, code, errs)
		}
		if tc.args[0] != "--json" && out != "" {
			t.Errorf("%q: stdout %q", tc.args, out)
		}
	}
}

// A PLAN that names no plan hints at --path, on every command that takes
// one.
func TestUnknownPlanHintsPath(t *testing.T) {
	dir := tempPlans(t, "tianmen-city-hubei.txt", "tongdao-county-hunan.txt")
	for _, args := range [][]string{
		{"show", "nosuch"},
		{"show", "nosuch", "1"},
		{"outline", "nosuch"},
		{"indicators", "nosuch"},
		{"topics", "nosuch"},
		{"compare", "床位", "--against", "nosuch"},
		{"side", "养老", "天门", "nosuch"},
	} {
		_, errs, code := run(t, args...)
		if code != ExitUsage || !strings.Contains(errs, `no plan matches "nosuch"`) || !strings.Contains(errs, "\nto open your own files use --path FILE\n") {
			t.Errorf("%q: code %d, stderr:\n%s", args, code, errs)
		}
		_, errs, _ = run(t, append(args, "--path", dir)...)
		if !strings.Contains(errs, "\nto open more files add --path FILE\n") {
			t.Errorf("%q --path: stderr:\n%s", args, errs)
		}
	}
	// An ambiguous PLAN lists the candidates, with no hint.
	if _, errs, _ := run(t, "show", "hunan"); strings.Contains(errs, "--path FILE") {
		t.Errorf("show hunan: hint on an ambiguous plan:\n%s", errs)
	}
}

// With one plan loaded, PLAN may be left out; show's one argument is then
// the plan if it names it, else a section.
func TestPlanOptionalWithOnePlan(t *testing.T) {
	file := filepath.Join(tempPlans(t, "tianmen-city-hubei.txt"), "tianmen-city-hubei.txt")
	same := func(a, b []string) {
		t.Helper()
		outA, errA, codeA := run(t, a...)
		outB, errB, codeB := run(t, b...)
		if codeA != ExitOK || errA != "" || outA == "" || outA != outB || errA != errB || codeA != codeB {
			t.Errorf("%q (code %d, stderr %q) differs from %q (code %d, stderr %q)", a, codeA, errA, b, codeB, errB)
		}
	}
	same([]string{"outline", "--path", file}, []string{"outline", "天门", "--path", file})
	same([]string{"outline", "--json", "--path", file}, []string{"outline", "tianmen", "--json", "--path", file})
	same([]string{"show", "--path", file}, []string{"show", "天门", "--path", file})
	same([]string{"show", "1.5", "--path", file}, []string{"show", "天门", "1.5", "--path", file})
	same([]string{"show", "第二章", "--path", file, "--json"}, []string{"show", "天门", "第二章", "--path", file, "--json"})
	same([]string{"show", "tianmen", "--path", file}, []string{"show", "天门", "--path", file})
	// A folder of one plan is one plan loaded too.
	same([]string{"outline", "--path", filepath.Dir(file)}, []string{"outline", "天门"})
	// Neither the plan nor a section of it.
	_, errs, code := run(t, "show", "9.9", "--path", file)
	if code != ExitUsage || !strings.Contains(errs, `no section of tianmen-city-hubei matches "9.9"`) ||
		!strings.Contains(errs, "\n\"9.9\" is not the plan loaded either; to open more files add --path FILE\n") {
		t.Errorf("show 9.9 --path FILE: code %d, stderr %q", code, errs)
	}
	// Several plans: PLAN is needed, and the error says when it is not.
	for _, args := range [][]string{{"outline"}, {"show"}, {"outline", "--path", seedPath}} {
		_, errs, code := run(t, args...)
		if code != ExitUsage || !strings.Contains(errs, "may be left out when only one plan is loaded; 5 are") {
			t.Errorf("%q: code %d, stderr %q", args, code, errs)
		}
	}
}

// The browser keeps its arguments: planview PATH... and --no-state, on
// the browser and accepted by every command; flags spelled with one dash
// as planview always took them.
func TestRootArgumentsKept(t *testing.T) {
	// (A path that exists opens the browser, which needs a terminal: these
	// do not exist.)
	missing := filepath.Join(t.TempDir(), "missing.txt")
	for _, args := range [][]string{{"--no-state", "--path", missing}, {"-no-state", "-path", missing}} {
		out, errs, code := run(t, args...)
		if code != ExitFail || out != "" || !strings.Contains(errs, "missing.txt") || !strings.Contains(errs, "no plan loaded") {
			t.Errorf("%q: code %d, stdout %q, stderr %q", args, code, out, errs)
		}
	}
	if _, errs, code := run(t, "--no-state", missing); code != ExitUsage || !strings.Contains(errs, `unknown command or path "`+missing+`"`) {
		t.Errorf("--no-state MISSING: code %d, stderr %q", code, errs)
	}
	for _, args := range [][]string{{"list", "--no-state"}, {"-json", "list"}, {"list", "-path=" + seedPath}, {"-width", "40", "list"}} {
		if out, errs, code := run(t, args...); code != ExitOK || errs != "" || out == "" {
			t.Errorf("%q: code %d, stderr %q", args, code, errs)
		}
	}
	// A folder named like a command is the command.
	t.Chdir(t.TempDir())
	os.Mkdir("list", 0o755)
	if out, _, code := run(t, "list"); code != ExitOK || !strings.Contains(out, "tianmen") {
		t.Errorf("list (a folder of that name here): code %d, %q", code, out)
	}
}
