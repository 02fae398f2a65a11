package cli

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"planview/loader"
	"planview/model"
	"planview/seeds"
)

// complete asks for the completions of the last of args, as the shell
// scripts do (cobra's hidden __complete command), and returns the choices
// without their descriptions, and the directive.
func complete(t *testing.T, args ...string) (choices []string, directive string) {
	t.Helper()
	out, _, code := run(t, append([]string{"__complete"}, args...)...)
	ls := lines(out)
	if code != ExitOK || len(ls) == 0 || !strings.HasPrefix(ls[len(ls)-1], ":") {
		t.Fatalf("__complete %q: code %d, output %q", args, code, out)
	}
	for _, l := range ls[:len(ls)-1] {
		choice, _, _ := strings.Cut(l, "\t")
		choices = append(choices, choice)
	}
	return choices, ls[len(ls)-1]
}

const noFiles = ":4" // cobra.ShellCompDirectiveNoFileComp

func TestCompletePlanNames(t *testing.T) {
	for prefix, want := range map[string][]string{
		"天":       {"天门市"},
		"懷":       {"懷化市"},
		"怀":       {"怀化市"},
		"t":       {"tianmen-city-hubei", "tongdao-county-hunan"},
		"tianmen": {"tianmen-city-hubei"},
		"x":       nil,
	} {
		for _, cmd := range []string{"show", "outline", "indicators", "topics"} {
			got, dir := complete(t, cmd, prefix)
			if !slices.Equal(got, want) || dir != noFiles {
				t.Errorf("%s %s<TAB>: %q %s, want %q %s", cmd, prefix, got, dir, want, noFiles)
			}
		}
	}
	// Every plan by id and region; 懷化市 as written and folded.
	got, _ := complete(t, "show", "")
	for _, want := range []string{"huaihua-city-hunan", "tianmen-city-hubei", "懷化市", "怀化市", "天门市", "通道侗族自治县", "吉首市", "疏勒县"} {
		if !slices.Contains(got, want) {
			t.Errorf("show <TAB>: %q lacks %s", got, want)
		}
	}
	// Plans in other places: --against, side's PLANs.
	if got, _ := complete(t, "compare", "--against", "懷"); !slices.Equal(got, []string{"懷化市"}) {
		t.Errorf("compare --against 懷<TAB>: %q", got)
	}
	if got, _ := complete(t, "side", "养老", "天门市", "通"); !slices.Equal(got, []string{"通道侗族自治县"}) {
		t.Errorf("side 养老 天门市 通<TAB>: %q", got)
	}
	// The descriptions are the plans' titles.
	out, _, _ := run(t, "__complete", "show", "天")
	if !strings.HasPrefix(out, "天门市\t天门市民政事业发展“十四五”规划\n") {
		t.Errorf("show 天<TAB>: %q", out)
	}
}

// Whatever planChoices offers, SelectPlan takes back to the same plan: for
// the embedded plans, and for plans that share a region (offered by id
// only) or whose region is another's id.
func TestPlanChoicesSelect(t *testing.T) {
	seeded, _ := loader.LoadFS(seeds.FS())
	shared := []*model.Plan{
		{ID: "a", Title: "甲", Region: "長沙市"},
		{ID: "b", Title: "乙", Region: "长沙市"},
		{ID: "c", Title: "丙", Region: "a"},
		{ID: "d", Title: "丁", Region: "岳麓 区"},
		{ID: "e", Title: "戊", Region: "红\x07区"},
	}
	for _, plans := range [][]*model.Plan{seeded, shared} {
		for _, c := range planChoices(plans, "") {
			name, _, _ := strings.Cut(c, "\t")
			if p, err := SelectPlan(plans, name); err != nil || !slices.ContainsFunc(plans, func(q *model.Plan) bool { return q == p }) {
				t.Errorf("offered %q, which SelectPlan does not take: %v", name, err)
			}
		}
	}
	var names []string
	for _, c := range planChoices(shared, "") {
		name, _, _ := strings.Cut(c, "\t")
		names = append(names, name)
	}
	// 長沙市 and 长沙市 are one region, shared: neither is offered, nor
	// c's region a, which is an id; regions with a space or a control
	// character are offered folded only.
	if want := []string{"a", "b", "c", "d", "e", "岳麓区", "红区"}; !slices.Equal(names, want) {
		t.Errorf("offered %q, want %q", names, want)
	}
}

func TestCompleteSections(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want []string
	}{
		{[]string{"show", "天门市", ""}, []string{"1", "2", "3", "4", "5", "6"}},
		{[]string{"show", "天门", "1."}, []string{"1.1", "1.2", "1.3", "1.4", "1.5"}},
		{[]string{"show", "tianmen-city-hubei", "1"}, []string{"1", "1.1", "1.2", "1.3", "1.4", "1.5"}},
		{[]string{"show", "天门市", "1.1."}, []string{"1.1.1", "1.1.2", "1.1.3"}},
		{[]string{"show", "hunan", ""}, nil}, // ambiguous: no sections
		{[]string{"show", "天门市", "1.1", ""}, nil},
		{[]string{"outline", "天门市", ""}, nil},
	} {
		if got, dir := complete(t, tc.args...); !slices.Equal(got, tc.want) || dir != noFiles {
			t.Errorf("%q: %q %s, want %q", tc.args, got, dir, tc.want)
		}
	}
	out, _, _ := run(t, "__complete", "show", "天门市", "1.5")
	if !strings.HasPrefix(out, "1.5\t第五节 发展目标\n") {
		t.Errorf("show 天门市 1.5<TAB>: %q", out)
	}
}

// --path earlier on the line: its plans, not the embedded ones; with one
// plan, show's first argument completes its sections too.
func TestCompleteRespectsPath(t *testing.T) {
	dir := tempPlans(t, "huaihua-city-hunan.txt", "shule-county-xinjiang.txt")
	file := filepath.Join(dir, "huaihua-city-hunan.txt")
	got, _ := complete(t, "show", "--path", dir, "")
	want := []string{"huaihua-city-hunan", "shule-county-xinjiang", "怀化市", "懷化市", "疏勒县"}
	if !slices.Equal(got, want) {
		t.Errorf("show --path DIR <TAB>: %q, want %q", got, want)
	}
	if got, _ := complete(t, "show", "--path", dir, "天"); got != nil {
		t.Errorf("show --path DIR 天<TAB>: %q, want nothing (天门 is not loaded)", got)
	}
	got, _ = complete(t, "show", "--path="+file, "")
	if !slices.Contains(got, "懷化市") || !slices.Contains(got, "1") || slices.Contains(got, "1.1") || slices.Contains(got, "疏勒县") {
		t.Errorf("show --path=FILE <TAB>: %q, want the plan and its chapters", got)
	}
	if got, _ := complete(t, "show", "--path", file, "3."); !slices.Contains(got, "3.4") {
		t.Errorf("show --path FILE 3.<TAB>: %q", got)
	}
}

func TestCompleteCommandsAndFlags(t *testing.T) {
	got, dir := complete(t, "")
	for _, want := range []string{"list", "show", "outline", "search", "compare", "completion", "help"} {
		if !slices.Contains(got, want) {
			t.Errorf("<TAB>: %q lacks %s", got, want)
		}
	}
	if dir != ":0" { // files too: planview PATH
		t.Errorf("<TAB>: directive %s, want file names as well", dir)
	}
	if got, _ := complete(t, "sh"); !slices.Equal(got, []string{"show"}) {
		t.Errorf("sh<TAB>: %q", got)
	}
	if got, _ := complete(t, "compare", "--"); !slices.Contains(got, "--against") || !slices.Contains(got, "--path") || !slices.Contains(got, "--rank") {
		t.Errorf("compare --<TAB>: %q", got)
	}
	if got, _ := complete(t, "compare", "--format", ""); !slices.Equal(got, []string{"table", "csv", "md", "json"}) {
		t.Errorf("compare --format <TAB>: %q", got)
	}
	if got, _ := complete(t, "completion", ""); !slices.Equal(got, []string{"bash", "zsh", "fish", "powershell"}) {
		t.Errorf("completion <TAB>: %q", got)
	}
	if got, _ := complete(t, "side", "养"); !slices.Equal(got, []string{"养老服务"}) {
		t.Errorf("side 养<TAB>: %q", got)
	}
	if got, _ := complete(t, "help", "ou"); !slices.Equal(got, []string{"outline"}) {
		t.Errorf("help ou<TAB>: %q", got)
	}
	if _, dir := complete(t, "search", "养老", ""); dir != ":0" {
		t.Errorf("search QUERY <TAB>: directive %s, want file names", dir)
	}
}

func TestCompletionScripts(t *testing.T) {
	for shell, want := range map[string]string{
		"bash":       "# bash completion V2 for planview",
		"zsh":        "#compdef planview",
		"fish":       "# fish completion for planview",
		"powershell": "# powershell completion for planview",
	} {
		out, errs, code := run(t, "completion", shell)
		if code != ExitOK || errs != "" || !strings.HasPrefix(out, want) || !strings.Contains(out, "__complete") {
			t.Errorf("completion %s: code %d, stderr %q, starts %.60q", shell, code, errs, out)
		}
	}
	if out, _, _ := run(t, "completion", "bash", "--no-descriptions"); !strings.Contains(out, "__completeNoDesc") {
		t.Error("completion bash --no-descriptions does not ask for choices without descriptions")
	}
	for _, args := range [][]string{{"completion"}, {"completion", "tcsh"}} {
		if out, errs, code := run(t, args...); code != ExitUsage || out != "" || !strings.Contains(errs, "bash, zsh, fish or powershell") {
			t.Errorf("%q: code %d, stderr %q", args, code, errs)
		}
	}
}

// TestCompletionInBash types `planview show 天` and Tab in an interactive
// bash that sourced `planview completion bash`, under tmux, and checks the
// line completes to 天门市: in a bash without the bash-completion package,
// and with it when it is installed.
func TestCompletionInBash(t *testing.T) {
	for _, tool := range []string{"tmux", "bash"} {
		if _, err := exec.LookPath(tool); err != nil {
			skipWithout(t, tool)
		}
	}
	bin := filepath.Join(t.TempDir(), "planview")
	build := exec.Command("go", "build", "-o", bin, ".")
	build.Dir = ".."
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	setups := map[string]string{"without bash-completion": ""}
	for _, f := range []string{"/usr/share/bash-completion/bash_completion", "/etc/bash_completion"} {
		if _, err := os.Stat(f); err == nil {
			setups["with bash-completion"] = ". " + f + "; "
			break
		}
	}
	for name, setup := range setups {
		t.Run(name, func(t *testing.T) {
			s := startBash(t, bin)
			s.typeLine(setup + "source <(planview completion bash); echo sourced")
			s.send("Enter")
			s.waitFor("the completion script", func(screen string) bool { return strings.Contains(screen, "\nsourced") })
			s.typeLine("planview show 天")
			s.send("Tab")
			screen := s.waitFor("the completion of 天", func(screen string) bool { return strings.Contains(screen, "pv$ planview show 天门") })
			if !strings.Contains(screen, "pv$ planview show 天门市") || strings.Contains(screen, "not found") {
				t.Errorf("planview show 天<TAB> did not complete to 天门市:\n%s", screen)
			}
		})
	}
}

// bashSession is an interactive bash in a 120×40 pane of a private tmux
// server, bin's folder first on its PATH, its prompt "pv$ ".
type bashSession struct {
	t      *testing.T
	socket string
}

func startBash(t *testing.T, bin string) *bashSession {
	s := &bashSession{t: t, socket: fmt.Sprintf("planview-cli-test-%d-%d", os.Getpid(), time.Now().UnixNano())}
	t.Cleanup(func() { exec.Command("tmux", "-L", s.socket, "kill-server").Run() })
	s.tmux("new-session", "-d", "-s", "pv", "-x", "120", "-y", "40",
		"env", "PATH="+filepath.Dir(bin)+":"+os.Getenv("PATH"), "LANG=C.UTF-8", "LC_ALL=C.UTF-8", "PS1=pv$ ", "HOME="+t.TempDir(),
		"bash", "--norc", "--noprofile", "-i")
	s.waitFor("the prompt", func(screen string) bool { return strings.Contains(screen, "pv$") }) // (capture-pane drops the space)
	return s
}

func (s *bashSession) tmux(args ...string) string {
	s.t.Helper()
	out, err := exec.Command("tmux", append([]string{"-u", "-L", s.socket, "-f", "/dev/null"}, args...)...).CombinedOutput()
	if err != nil {
		s.t.Fatalf("tmux %q: %v\n%s", args, err, out)
	}
	return string(out)
}

// typeLine types text as it is; send sends tmux key names (Enter, Tab).
func (s *bashSession) typeLine(text string) { s.tmux("send-keys", "-t", "pv", "-l", text) }
func (s *bashSession) send(key string)      { s.tmux("send-keys", "-t", "pv", key) }

// waitFor waits until the screen satisfies ok, and returns it.
func (s *bashSession) waitFor(what string, ok func(string) bool) string {
	s.t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for {
		screen := s.tmux("capture-pane", "-p", "-t", "pv")
		if ok(screen) {
			return screen
		}
		if time.Now().After(deadline) {
			s.t.Fatalf("%s never came:\n%s", what, screen)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// skipWithout skips a test that needs tool, or fails it under CI, which
// must have it (as tui/e2e_test.go does).
func skipWithout(t *testing.T, tool string) {
	t.Helper()
	if os.Getenv("CI") == "true" {
		t.Fatalf("%s is not installed, and CI needs it for this test (.ci/run installs it)", tool)
	}
	t.Skipf("%s is not installed: skipping the end-to-end test", tool)
}
