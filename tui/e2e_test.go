package tui

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"planview/loader"
	"planview/model"
	"planview/render"
	"planview/seeds"
	"planview/topic"
)

// tmuxSession runs the planview binary in a private tmux server.
type tmuxSession struct {
	t      *testing.T
	socket string
	bin    string
}

func (s *tmuxSession) tmux(args ...string) (string, error) {
	out, err := exec.Command("tmux", append([]string{"-L", s.socket}, args...)...).CombinedOutput()
	return string(out), err
}

func (s *tmuxSession) capture() []string {
	s.t.Helper()
	out, err := s.tmux("capture-pane", "-p", "-t", "pv")
	if err != nil {
		errs, _ := os.ReadFile(s.bin + ".err")
		outs, _ := os.ReadFile(s.bin + ".out")
		errs = append(errs, outs[max(0, len(outs)-3000):]...)
		s.t.Fatalf("capture-pane: %v\n%s\nplanview's stderr:\n%s", err, out, errs)
	}
	return strings.Split(strings.TrimRight(out, "\n"), "\n")
}

// send types keys (tmux key names: j, Enter, Tab…), then waits for the
// screen to settle.
func (s *tmuxSession) send(keys ...string) {
	s.t.Helper()
	for _, k := range keys {
		if out, err := s.tmux("send-keys", "-t", "pv", k); err != nil {
			s.t.Fatalf("send-keys %s: %v\n%s", k, err, out)
		}
	}
	s.settle()
}

// settle waits until three captures 30 ms apart are the same (on a
// loaded machine a key can take more than one interval to show).
func (s *tmuxSession) settle() {
	prev, same := "", 0
	for i := 0; i < 100; i++ {
		time.Sleep(30 * time.Millisecond)
		cur := strings.Join(s.capture(), "\n")
		if cur == prev {
			if same++; same == 2 {
				return
			}
		} else {
			same = 0
		}
		prev = cur
	}
}

// waitFor waits until some line of the screen contains want.
func (s *tmuxSession) waitFor(want string) []string {
	s.t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for {
		lines := s.capture()
		for _, l := range lines {
			if strings.Contains(l, want) {
				return lines
			}
		}
		if time.Now().After(deadline) {
			s.t.Fatalf("%q never appeared on screen:\n%s", want, strings.Join(lines, "\n"))
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// rowOf finds the screen row whose sidebar part (columns [0, side)) holds
// want, at or below row from; -1 if none.
func rowOf(lines []string, from, side int, want string) int {
	for i := from; i < len(lines); i++ {
		if strings.Contains(render.Truncate(lines[i], side), want) {
			return i
		}
	}
	return -1
}

// buildBinary builds planview into a temporary directory.
func buildBinary(t testing.TB) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "planview")
	cmd := exec.Command("go", "build", "-o", bin, ".")
	cmd.Dir = ".."
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

func startTmux(t *testing.T, bin string, w, h int) *tmuxSession {
	t.Helper()
	// A state directory of its own: the browser remembers nothing from
	// another run (nor from the machine's user).
	return startTmuxCmd(t, w, h, t.TempDir(), bin)
}

// startTmuxCmd runs argv in a w×h pane of a private tmux server, with
// XDG_STATE_HOME set to stateDir (the browser remembers positions there).
func startTmuxCmd(t *testing.T, w, h int, stateDir string, argv ...string) *tmuxSession {
	t.Helper()
	bin := argv[0]
	if _, err := exec.LookPath("tmux"); err != nil {
		skipWithout(t, "tmux")
	}
	s := &tmuxSession{t: t, socket: fmt.Sprintf("planview-test-%d-%d", os.Getpid(), time.Now().UnixNano()), bin: bin}
	t.Cleanup(func() { s.tmux("kill-server") })
	conf := filepath.Join(t.TempDir(), "tmux.conf")
	// Keep a dead pane on screen: its last frame (or a panic) can be read,
	// and its exit status checked.
	if err := os.WriteFile(conf, []byte("set -g remain-on-exit on\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	args := []string{"-f", conf, "new-session", "-d", "-s", "pv", "-x", fmt.Sprint(w), "-y", fmt.Sprint(h),
		"env", "RUNEWIDTH_EASTASIAN=0", "TERM=xterm-256color", "XDG_STATE_HOME=" + stateDir}
	if out, err := s.tmux(append(args, argv...)...); err != nil {
		t.Fatalf("tmux new-session: %v\n%s", err, out)
	}
	return s
}

// TestEndToEnd opens 天门 › 第一章 › 第五节 in the real binary under tmux,
// at 120×40, and checks 表2's columns line up and the status line.
func TestEndToEnd(t *testing.T) {
	if _, err := exec.LookPath("tmux"); err != nil {
		skipWithout(t, "tmux")
	}
	plans, _ := loader.LoadFS(seeds.FS())
	const w, h = 120, 40
	lay := computeLayout(w, h, len(plans))
	s := startTmux(t, buildBinary(t), w, h)
	lines := s.waitFor("Plans")
	s.settle()
	lines = s.capture()

	// The plans pane: go to the top, then down to 天门's row.
	top := rowOf(lines, 0, lay.SideW, "Plans") + 1
	row := rowOf(lines, top, lay.SideW, "天门")
	if row < 0 || row >= lay.PlansH {
		t.Fatalf("no 天门 plan in the plans pane:\n%s", strings.Join(lines, "\n"))
	}
	s.send("g")
	for i := top; i < row; i++ {
		s.send("j")
	}
	s.send("Enter")

	// The outline: walk down to 第一章, open it, then to 第五节.
	cursor := lay.PlansH + 1 // the outline's cursor starts on its first row
	for _, want := range []string{"第一章", "第五节"} {
		lines = s.capture()
		r := rowOf(lines, cursor, lay.SideW, want)
		if r < 0 {
			t.Fatalf("%s not in the outline:\n%s", want, strings.Join(lines, "\n"))
		}
		for ; cursor < r; cursor++ {
			s.send("j")
		}
		s.send("Enter")
	}
	s.send("Enter") // 第五节 has subsections: the first enter unfolded it, the second reads it
	lines = s.capture()
	if dead, status := s.dead(); dead {
		t.Fatalf("planview exited (status %s):\n%s", status, strings.Join(lines, "\n"))
	}
	status := lines[h-2]
	if !strings.Contains(status, "第一章") || !strings.Contains(status, "第五节") {
		t.Errorf("status line does not name the section: %q", status)
	}

	// Page the reader until 表2's caption is in view, then bring it near
	// the top line by line.
	for i := 0; i < 40 && rowOfReader(lines, lay, "表2") < 0; i++ {
		s.send("f")
		lines = s.capture()
	}
	for i := 0; i < lay.BodyH; i++ {
		if r := rowOfReader(lines, lay, "表2"); r < 0 || r <= 2 {
			break
		}
		s.send("j")
		lines = s.capture()
	}
	cap := rowOfReader(lines, lay, "表2")
	if cap < 0 {
		t.Fatalf("表2 never came into view:\n%s", strings.Join(lines, "\n"))
	}
	t.Logf("screen with 表2:\n%s", strings.Join(lines, "\n"))
	checkGrid(t, lines[cap+1:lay.BodyH], lay.ReaderX)

	s.send("q")
	deadline := time.Now().Add(3 * time.Second)
	for {
		dead, status := s.dead()
		if dead && (status != "" || time.Now().After(deadline)) {
			// tmux 3.3 sometimes marks the pane dead without its status.
			if status != "" && status != "0" {
				t.Errorf("planview exited with status %q", status)
			}
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("q did not exit:\n%s", strings.Join(s.capture(), "\n"))
		}
		time.Sleep(20 * time.Millisecond)
	}
	// The alternate screen is gone: the terminal shows what it showed
	// before (nothing), not the browser's last frame.
	if after := strings.Join(s.capture(), "\n"); strings.Contains(after, "Plans") || strings.Contains(after, "表2") {
		t.Errorf("the browser's screen is still there after q:\n%s", after)
	}
}

// dead tells whether planview has exited, and its exit status.
func (s *tmuxSession) dead() (bool, string) {
	out, err := s.tmux("list-panes", "-t", "pv", "-F", "#{pane_dead} #{pane_dead_status}#{pane_dead_signal}")
	if err != nil {
		s.t.Fatalf("list-panes: %v\n%s", err, out)
	}
	f := strings.Fields(out)
	return len(f) > 0 && f[0] == "1", strings.Join(f[1:], " ")
}

// rowOfReader finds the screen row whose reader part holds want.
func rowOfReader(lines []string, lay layout, want string) int {
	for i := 0; i < lay.BodyH && i < len(lines); i++ {
		if strings.Contains(render.Slice(lines[i], lay.ReaderX, lay.ReaderW), want) {
			return i
		}
	}
	return -1
}

// checkGrid checks that every line of a drawn table (from the top border to
// the bottom border or the end of the screen) has its column separators at
// the same display columns.
func checkGrid(t *testing.T, lines []string, x int) {
	t.Helper()
	const seps = "│┼├┤┬┴┌┐└┘|+"
	var want []int
	rows := 0
	for _, l := range lines {
		var cols []int
		col := 0
		for _, r := range l {
			if col >= x && strings.ContainsRune(seps, r) {
				cols = append(cols, col)
			}
			col += render.Width(string(r))
		}
		if len(cols) == 0 {
			if rows > 0 {
				break // past the grid
			}
			continue
		}
		rows++
		if want == nil {
			want = cols
			continue
		}
		if fmt.Sprint(cols) != fmt.Sprint(want) {
			t.Errorf("column separators at %v, want %v, in %q", cols, want, l)
		}
		if strings.ContainsAny(l, "└") {
			break
		}
	}
	if rows < 3 || len(want) < 3 {
		t.Errorf("表2 has %d grid rows with %d separators: not a table", rows, len(want))
	}
}

// TestEndToEndNewcomer starts the real binary at 80×24 the way a newcomer
// does and types the keys of TestNewcomerFindsHuaihua3_4: the screen
// (captured without colours) shows which pane has the focus, and the
// status line ends on 懷化市 › 第三章 › 第四節.
func TestEndToEndNewcomer(t *testing.T) {
	if _, err := exec.LookPath("tmux"); err != nil {
		skipWithout(t, "tmux")
	}
	plans, _ := loader.LoadFS(seeds.FS())
	i := planIndex(t, plans, "懷化")
	const w, h = 80, 24
	lay := computeLayout(w, h, len(plans))
	s := startTmux(t, buildBinary(t), w, h)
	s.waitFor("Plans")
	s.settle()
	lines := s.capture()
	if !strings.HasPrefix(lines[0], "▸ 规划 Plans") || !strings.HasPrefix(lines[lay.PlansH], "  目录") {
		t.Errorf("first frame: the plans pane is not marked focused:\n%s", strings.Join(lines, "\n"))
	}
	for _, k := range newcomerKeys(i) {
		if k == "enter" {
			k = "Enter"
		}
		s.send(k)
	}
	lines = s.capture()
	if dead, status := s.dead(); dead {
		t.Fatalf("planview exited (status %s):\n%s", status, strings.Join(lines, "\n"))
	}
	if st := lines[h-2]; !strings.Contains(st, "懷化市 › 第三章 › 第四節") {
		t.Errorf("status line %q, want 懷化市 › 第三章 › 第四節:\n%s", st, strings.Join(lines, "\n"))
	}
	if r := rowOfReader(lines, lay, "第四節 發展農村養老服務"); r < 0 {
		t.Errorf("the section heading is not in the reader:\n%s", strings.Join(lines, "\n"))
	}
	if title := render.Slice(lines[0], lay.ReaderX, lay.ReaderW); !strings.HasPrefix(title, "▸ ") {
		t.Errorf("the reader's title %q is not marked focused", title)
	}
	if row := rowOf(lines, lay.PlansH+1, lay.SideW, "第四節"); row < 0 || !strings.HasPrefix(lines[row], " *") {
		t.Errorf("the outline does not mark 第四節 as the section being read:\n%s", strings.Join(lines, "\n"))
	}
	s.send("q")
}

// The command-line subcommands never query the terminal: run on a
// pseudo-terminal that answers nothing (util-linux script), `planview list`
// finishes at once and its output holds no escape sequence. (Bubble Tea v1
// queried the terminal's background colour in a package init, for every
// command, and waited 5 s for an answer: see third_party/bubbletea/FORK.md.)
func TestCommandsDoNotQueryTerminal(t *testing.T) {
	script, err := exec.LookPath("script")
	if err != nil {
		skipWithout(t, "script (util-linux)")
	}
	bin := buildBinary(t)
	for _, args := range []string{"list", "show 天门 1.1", "search 养老床位 --count"} {
		cmd := exec.Command(script, "-q", "-c", bin+" "+args, "/dev/null")
		cmd.Env = append(os.Environ(), "TERM=xterm-256color") // not tmux/screen, which termenv never asks
		start := time.Now()
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("%s: %v", args, err)
		}
		if d := time.Since(start); d > 3*time.Second {
			t.Errorf("planview %s on a silent terminal took %v", args, d)
		}
		if i := strings.IndexByte(string(out), 0x1b); i >= 0 {
			t.Errorf("planview %s wrote an escape sequence to the terminal: %q", args, out[i:min(len(out), i+12)])
		}
		if len(out) == 0 {
			t.Errorf("planview %s printed nothing", args)
		}
	}
}

// TestEndToEndCompare drives the compare view of the real binary on the
// embedded plans, at 80×24 and 200×50: it opens the view, filters it to
// 床位, checks the columns line up and the bed indicator's cells, ranks the
// row (both ways), goes from 天门's cell to its table row in the reader
// with enter, and back to the matrix with backspace.
func TestEndToEndCompare(t *testing.T) {
	if _, err := exec.LookPath("tmux"); err != nil {
		skipWithout(t, "tmux")
	}
	bin := buildBinary(t)
	for _, size := range [][2]int{{80, 24}, {200, 50}} {
		t.Run(fmt.Sprintf("%dx%d", size[0], size[1]), func(t *testing.T) {
			testEndToEndCompare(t, bin, size[0], size[1])
		})
	}
}

func testEndToEndCompare(t *testing.T, bin string, w, h int) {
	s := startTmux(t, bin, w, h)
	s.waitFor("Plans")
	s.settle()
	s.send("c")
	lines := s.waitFor("指标 Compare")
	deadline := time.Now().Add(10 * time.Second)
	for strings.Contains(strings.Join(lines, "\n"), "reading indicators") && time.Now().Before(deadline) {
		time.Sleep(50 * time.Millisecond)
		lines = s.capture()
	}
	screen := func() string { return strings.Join(lines, "\n") }
	if strings.Contains(screen(), "no indicator targets found") {
		t.Fatalf("the compare view found no indicator in the embedded plans:\n%s", screen())
	}
	s.send("/", "床位", "Enter")
	lines = s.capture()
	if !strings.Contains(lines[0], "matching 床位") {
		t.Fatalf("the filter did not take:\n%s", screen())
	}
	mt := readMatrix(t, screen())
	checkMatrixLinesUp(t, mt)
	const row = "养老机构护理型床位占比"
	if mt.row(row) == "" {
		t.Fatalf("no %s row after filtering to 床位:\n%s", row, screen())
	}
	for plan, want := range map[string]string{"懷化": "≥55%" + markBinding, "天门": "60%" + markBinding, "通道": "≥55%" + markBinding} {
		if mt.col(plan) >= 0 { // (at 80 columns, not every plan is in view)
			if got := mt.at(t, row, plan); got != want {
				t.Errorf("%s / %s = %q, want %q", row, plan, got, want)
			}
		}
	}

	// The cursor onto the row; its bars show under the matrix.
	for i := 0; i < 20 && !strings.Contains(cursorRow(lines), row); i++ {
		s.send("j")
		lines = s.capture()
	}
	if !strings.Contains(cursorRow(lines), row) {
		t.Fatalf("the cursor never reached %s:\n%s", row, screen())
	}
	bars := 0
	for _, l := range lines[len(mt.rows())+mt.head:] {
		if strings.Contains(l, "█") && (strings.Contains(l, "天门") || strings.Contains(l, "懷化") || strings.Contains(l, "通道")) {
			bars++
		}
	}
	if bars < 2 {
		t.Errorf("the bar chart shows %d bars:\n%s", bars, screen())
	}

	// Rank: largest first, then smallest first.
	s.send("r")
	lines = s.capture()
	ranked := rankedNames(lines)
	if len(ranked) != 3 || ranked[0] != "天门" || !strings.Contains(screen(), "set nothing (2)") {
		t.Errorf("ranked %v:\n%s", ranked, screen())
	}
	s.send("s")
	lines = s.capture()
	if r := rankedNames(lines); len(r) != 3 || r[2] != "天门" {
		t.Errorf("smallest first: %v:\n%s", r, screen())
	}
	s.send("r")

	// Enter on 天门's cell: the reader shows the table row; backspace
	// returns to the matrix as it was.
	lines = s.capture()
	for i := 0; i < 10 && !strings.Contains(readMatrix(t, screen()).cell(lines[2], max(readMatrix(t, screen()).col(markColumn), 0)), "天门"); i++ {
		s.send("l")
		lines = s.capture()
	}
	s.send("Enter")
	lines = s.capture()
	if st := lines[h-2]; !strings.Contains(st, "天门市") {
		t.Errorf("after enter, the status line %q does not name 天门市:\n%s", st, screen())
	}
	lay := computeLayout(w, h, 5)
	if title := render.Slice(lines[0], lay.ReaderX, lay.ReaderW); !strings.HasPrefix(title, "▸ ") {
		t.Errorf("the reader does not have the focus:\n%s", screen())
	}
	if rowOfReader(lines, lay, "床位占比") < 0 { // (the cell wraps at 80 columns)
		t.Errorf("the indicator's table row is not in the reader:\n%s", screen())
	}
	s.send("BSpace")
	lines = s.capture()
	if !strings.Contains(lines[0], "matching 床位") || !strings.Contains(cursorRow(lines), row) {
		t.Errorf("backspace did not return to the filtered matrix with the cursor on %s:\n%s", row, screen())
	}
	mt = readMatrix(t, screen())
	checkMatrixLinesUp(t, mt)
	if c := mt.col(markColumn); c < 0 || !strings.Contains(mt.cell(lines[2], c), "天门") {
		t.Errorf("the column cursor is not on 天门 any more: %q", lines[2])
	}
	s.send("q")
}

// checkMatrixLinesUp checks that every line of the matrix has its column
// separators at the same display columns as the headings line.
func checkMatrixLinesUp(t *testing.T, mt matrix) {
	t.Helper()
	rows := mt.rows()
	if len(rows) < 3 || len(mt.seps) < 3 {
		t.Errorf("the matrix has %d lines and %d separators:\n%s", len(rows), len(mt.seps), strings.Join(mt.lines, "\n"))
	}
	for _, l := range rows {
		if got := sepColumns(l); fmt.Sprint(got) != fmt.Sprint(mt.seps) {
			t.Errorf("separators at %v, want %v, in %q", got, mt.seps, l)
		}
	}
}

// cursorRow is the screen line the matrix's row cursor is on.
func cursorRow(lines []string) string {
	for _, l := range lines[3:] {
		if strings.HasPrefix(l, focusGlyph) {
			return l
		}
	}
	return ""
}

// rankedNames lists the plans of a ranked list, in order.
func rankedNames(lines []string) []string {
	var out []string
	for _, l := range lines[2:] {
		if strings.Contains(l, "set nothing") {
			break
		}
		for _, n := range []string{"懷化", "吉首", "疏勒", "天门", "通道"} {
			if strings.Contains(render.Truncate(l, 20), n) {
				out = append(out, n)
			}
		}
	}
	return out
}

// TestEndToEndSide drives the side-by-side view of the real binary on the
// embedded plans. At 200×50: 天门 and 通道 side by side on 养老服务 (picked
// from the topic list), their first sections' headings on the same row,
// scrolling together, ] to 殡葬, enter on a paragraph of 天门 shows it in
// the reader, backspace returns. At 80×24: one column, whose plan o
// switches.
func TestEndToEndSide(t *testing.T) {
	if _, err := exec.LookPath("tmux"); err != nil {
		skipWithout(t, "tmux")
	}
	bin := buildBinary(t)
	t.Run("200x50", func(t *testing.T) { testEndToEndSide(t, bin) })
	t.Run("80x24", func(t *testing.T) { testEndToEndSideNarrow(t, bin) })
}

func testEndToEndSide(t *testing.T, bin string) {
	const w, h = 200, 50
	plans, _ := loader.LoadFS(seeds.FS())
	lay := computeLayout(w, h, len(plans))
	s := startTmux(t, bin, w, h)
	lines := s.waitFor("Plans")
	s.settle()
	lines = s.capture()
	screen := func() string { return strings.Join(lines, "\n") }

	// Open 天门 in the plans pane, then the view.
	top := rowOf(lines, 0, lay.SideW, "Plans") + 1
	row := rowOf(lines, top, lay.SideW, "天门")
	if row < 0 {
		t.Fatalf("no 天门 in the plans pane:\n%s", screen())
	}
	s.send("g")
	for i := top; i < row; i++ {
		s.send("j")
	}
	s.send("Enter", "v")
	lines = s.waitFor("Side by side")
	s.settle()
	lines = s.capture()
	colW := (w - 1) / 2
	left := func(y int) string { return render.Slice(lines[y], 0, colW) }
	right := func(y int) string { return render.Slice(lines[y], colW+1, colW) }
	if !strings.Contains(left(1), "天门") || !strings.Contains(right(1), "通道") {
		t.Fatalf("the columns are not 天门 and 通道:\n%s", screen())
	}

	// 养老服务 from the topic list.
	s.send("t")
	for i := 0; i < 15 && !strings.Contains(pickedTopic(s.capture()), "养老服务"); i++ {
		s.send("j")
	}
	s.send("Enter")
	lines = s.capture()
	if !strings.Contains(lines[0], "养老服务") {
		t.Fatalf("the view is not on 养老服务:\n%s", screen())
	}
	checkColumns(t, lines, h, colW)
	// The first sections' headings start the columns, on the same row.
	if !strings.Contains(left(2), "（三）基本社会服务体系不断完善") || !strings.Contains(right(2), "3、养老服务体系不断完善") {
		t.Errorf("the first sections' headings are not side by side:\n%s", screen())
	}

	// Scrolling together: a page down moves both columns.
	before := []string{left(3), right(3)}
	s.send("f")
	lines = s.capture()
	if left(3) == before[0] || right(3) == before[1] {
		t.Errorf("f did not scroll both columns:\n%s", screen())
	}
	checkColumns(t, lines, h, colW)

	// ] to 殡葬 (three topics on).
	for i := 0; i < len(topic.All) && !strings.Contains(lines[0], "殡葬"); i++ {
		s.send("]")
		lines = s.capture()
	}
	if !strings.Contains(lines[0], "殡葬") {
		t.Fatalf("] never reached 殡葬:\n%s", screen())
	}
	if !strings.Contains(right(2), "4、重点项目建设扎实推进") || strings.TrimSpace(left(2)) == "" {
		t.Errorf("殡葬's first sections are not side by side:\n%s", screen())
	}
	checkColumns(t, lines, h, colW)

	// Enter on 天门's first paragraph: the reader shows it.
	s.send("j", "Enter")
	lines = s.capture()
	if st := lines[h-2]; !strings.Contains(st, "天门市") {
		t.Errorf("after enter, the status line %q does not name 天门市:\n%s", st, screen())
	}
	if title := render.Slice(lines[0], lay.ReaderX, lay.ReaderW); !strings.HasPrefix(title, "▸ ") || !strings.Contains(title, "天门") {
		t.Errorf("the reader does not show 天门 with the focus:\n%s", screen())
	}
	s.send("BSpace")
	lines = s.capture()
	if !strings.Contains(lines[0], "Side by side") || !strings.Contains(lines[0], "殡葬") || !strings.HasPrefix(left(3), focusGlyph) {
		t.Errorf("backspace did not return to the view on 殡葬 with the cursor where it was:\n%s", screen())
	}
	s.send("q")
}

func testEndToEndSideNarrow(t *testing.T, bin string) {
	const w, h = 80, 24
	s := startTmux(t, bin, w, h)
	s.waitFor("Plans")
	s.settle()
	s.send("v")
	lines := s.waitFor("Side by side")
	s.settle()
	lines = s.capture()
	screen := func() string { return strings.Join(lines, "\n") }
	if !strings.Contains(lines[1], "懷化") || !strings.Contains(lines[1], "two columns need 81 cells") || strings.Contains(lines[3], separator()) {
		t.Fatalf("at 80 columns, not one column of 懷化 saying why:\n%s", screen())
	}
	s.send("o")
	lines = s.capture()
	if !strings.Contains(lines[1], "吉首") {
		t.Errorf("o did not switch the column to 吉首:\n%s", screen())
	}
	s.send("+")
	if lines = s.capture(); strings.Contains(lines[3], separator()) && !strings.Contains(lines[3], "┌") {
		t.Errorf("+ added a column at 80 cells:\n%s", screen())
	}
	s.send("j", "Enter")
	lines = s.capture()
	if st := lines[h-2]; !strings.Contains(st, "吉首市") {
		t.Errorf("after enter, the status line %q does not name 吉首市:\n%s", st, screen())
	}
	s.send("BSpace")
	if lines = s.capture(); !strings.Contains(lines[0], "Side by side") {
		t.Errorf("backspace did not return to the view:\n%s", screen())
	}
	s.send("q")
}

// pickedTopic is the topic list's line under the cursor.
func pickedTopic(lines []string) string {
	for _, l := range lines[2:] {
		if strings.HasPrefix(l, focusGlyph) {
			return l
		}
	}
	return ""
}

// checkColumns checks that the separator between two columns stands at
// the same display column on every row of the view.
func checkColumns(t *testing.T, lines []string, h, colW int) {
	t.Helper()
	for y := 1; y < h-2; y++ {
		if got := render.Slice(lines[y], colW, 1); got != separator() {
			t.Errorf("row %d: %q where the separator should be: %q", y, got, lines[y])
		}
	}
}

// skipWithout skips a test that needs a tool the machine lacks; under CI
// (CI=true) the test fails instead, since .ci/run installs every tool the
// terminal tests need and a skipped test there would hide a broken view.
func skipWithout(t *testing.T, tool string) {
	t.Helper()
	if os.Getenv("CI") == "true" {
		t.Fatalf("%s is not installed, and CI needs it for this test (.ci/run installs it)", tool)
	}
	t.Skipf("%s is not installed: skipping the end-to-end test", tool)
}

// paneModes reads the terminal modes of the pane: alternate screen on,
// any mouse tracking on, cursor visible (tmux's alternate_on,
// mouse_any_flag and cursor_flag).
func (s *tmuxSession) paneModes() (alt, mouse, cursor string) {
	s.t.Helper()
	out, err := s.tmux("display", "-p", "-t", "pv", "#{alternate_on} #{mouse_any_flag} #{cursor_flag}")
	if err != nil {
		s.t.Fatalf("display: %v\n%s", err, out)
	}
	f := strings.Fields(out)
	if len(f) != 3 {
		s.t.Fatalf("display printed %q", out)
	}
	return f[0], f[1], f[2]
}

// TestEndToEndHangup sends SIGHUP to the browser running in a tmux pane (as
// a closed ssh session or a killed pane does) and checks the terminal is
// restored: back on the normal screen, mouse tracking off, cursor shown.
// (Without a handler, SIGHUP ended the process with all three left as the
// browser had set them.) SIGTERM is checked the same way.
func TestEndToEndHangup(t *testing.T) {
	if _, err := exec.LookPath("tmux"); err != nil {
		skipWithout(t, "tmux")
	}
	bin := buildBinary(t)
	for _, sig := range []string{"HUP", "TERM"} {
		t.Run(sig, func(t *testing.T) {
			pidFile := filepath.Join(t.TempDir(), "pid")
			// The inner sh records its pid, then becomes planview (exec
			// keeps the pid); the outer one says when it has exited and
			// keeps the pane alive (tmux hides a dead pane's cursor).
			inner := `echo $$ > "$0"; exec "$1"`
			outer := `sh -c '` + inner + `' "$0" "$1"; echo "planview exited: $?"; exec sleep 600`
			s := startTmuxCmd(t, 80, 24, t.TempDir(), "sh", "-c", outer, pidFile, bin)
			s.waitFor("Plans")
			s.settle()
			if alt, mouse, cursor := s.paneModes(); alt != "1" || mouse != "1" || cursor != "0" {
				t.Fatalf("while running: alternate screen %s, mouse %s, cursor %s; want 1 1 0", alt, mouse, cursor)
			}
			pid, err := os.ReadFile(pidFile)
			if err != nil {
				t.Fatal(err)
			}
			if out, err := exec.Command("kill", "-"+sig, strings.TrimSpace(string(pid))).CombinedOutput(); err != nil {
				t.Fatalf("kill -%s: %v\n%s", sig, err, out)
			}
			s.waitFor("planview exited")
			if alt, mouse, cursor := s.paneModes(); alt != "0" || mouse != "0" || cursor != "1" {
				t.Errorf("after SIG%s: alternate screen %s, mouse %s, cursor %s; want 0 0 1 (the terminal restored)", sig, alt, mouse, cursor)
			}
			if after := strings.Join(s.capture(), "\n"); strings.Contains(after, "Plans") {
				t.Errorf("the browser's screen is still there after SIG%s:\n%s", sig, after)
			}
		})
	}
}

// TestEndToEndSuspend starts the browser from an interactive shell in a
// tmux pane, suspends it with ctrl+z (the shell's prompt comes back, the
// terminal restored), and resumes it with fg: the screen is drawn again,
// mouse tracking is back on, and the keys work.
func TestEndToEndSuspend(t *testing.T) {
	if _, err := exec.LookPath("tmux"); err != nil {
		skipWithout(t, "tmux")
	}
	bash, err := exec.LookPath("bash")
	if err != nil {
		skipWithout(t, "bash")
	}
	bin := buildBinary(t)
	s := startTmuxCmd(t, 80, 24, t.TempDir(), bash, "--norc", "--noprofile", "-i")
	s.send("PS1='ready$ '", "Enter")
	s.waitFor("ready$")
	s.send(bin, "Enter")
	s.waitFor("Plans")
	s.settle()
	s.send("j", "C-z")
	lines := s.waitFor("Stopped")
	if alt, mouse, cursor := s.paneModes(); alt != "0" || mouse != "0" || cursor != "1" {
		t.Errorf("suspended: alternate screen %s, mouse %s, cursor %s; want 0 0 1:\n%s", alt, mouse, cursor, strings.Join(lines, "\n"))
	}
	s.send("clear", "Enter") // nothing of the browser left on the normal screen
	s.send("fg", "Enter")
	lines = s.waitFor("Plans")
	s.settle()
	lines = s.capture()
	if alt, mouse, cursor := s.paneModes(); alt != "1" || mouse != "1" || cursor != "0" {
		t.Errorf("resumed: alternate screen %s, mouse %s, cursor %s; want 1 1 0", alt, mouse, cursor)
	}
	if !strings.HasPrefix(lines[0], "▸ 规划 Plans") || !strings.Contains(lines[len(lines)-1], "quit") {
		t.Errorf("resumed: the screen is not drawn again:\n%s", strings.Join(lines, "\n"))
	}
	// The browser has the keys again: j moved the cursor before the
	// suspend, k moves it back to the first plan.
	s.send("k")
	if lines = s.capture(); !strings.HasPrefix(lines[1], focusGlyph) {
		t.Errorf("resumed: k does not move the cursor to the first plan:\n%s", strings.Join(lines, "\n"))
	}
	s.send("q")
	s.waitFor("ready$")
	if alt, mouse, cursor := s.paneModes(); alt != "0" || mouse != "0" || cursor != "1" {
		t.Errorf("after q: alternate screen %s, mouse %s, cursor %s; want 0 0 1", alt, mouse, cursor)
	}
}

// TestEndToEndRemembers reads 天门 in the real binary, searches, steps to a
// hit and scrolls, then kills the browser mid-session (SIGTERM) and starts
// it again on the same state directory: the reader shows the same lines,
// the status line the same place, and the search its query.
func TestEndToEndRemembers(t *testing.T) {
	if _, err := exec.LookPath("tmux"); err != nil {
		skipWithout(t, "tmux")
	}
	bin := buildBinary(t)
	stateDir := t.TempDir()
	const w, h = 100, 30
	plans, _ := loader.LoadFS(seeds.FS())
	lay := computeLayout(w, h, len(plans))
	pidFile := filepath.Join(t.TempDir(), "pid")
	inner := `echo $$ > "$0"; exec "$1"`
	outer := `sh -c '` + inner + `' "$0" "$1"; echo "planview exited: $?"; exec sleep 600`
	s := startTmuxCmd(t, w, h, stateDir, "sh", "-c", outer, pidFile, bin)
	s.waitFor("Plans")
	s.settle()
	s.send("/", "养老床位")
	s.waitFor(" hits in ")
	s.send("Down", "Down", "Enter", "n", "j", "j")
	before := s.capture()
	reader := func(lines []string) string {
		var b strings.Builder
		for _, l := range lines[1:lay.BodyH] {
			b.WriteString(render.Slice(l, lay.ReaderX, lay.ReaderW) + "\n")
		}
		return b.String()
	}
	// The status line's left part: plan › chapter › section.
	crumbs := func(lines []string) string { return strings.SplitN(strings.TrimSpace(lines[h-2]), "  ", 2)[0] }
	if !strings.Contains(before[h-2], "›") {
		t.Fatalf("not in a section after the search:\n%s", strings.Join(before, "\n"))
	}
	pid, err := os.ReadFile(pidFile)
	if err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command("kill", "-TERM", strings.TrimSpace(string(pid))).CombinedOutput(); err != nil {
		t.Fatalf("kill: %v\n%s", err, out)
	}
	s.waitFor("planview exited")

	again := startTmuxCmd(t, w, h, stateDir, bin)
	again.waitFor("Plans")
	again.settle()
	after := again.capture()
	t.Logf("before: %q\nafter:  %q", before[h-2], after[h-2])
	if crumbs(after) != crumbs(before) {
		t.Errorf("after a restart the status line reads %q, want %q", after[h-2], before[h-2])
	}
	if reader(after) != reader(before) {
		t.Errorf("after a restart the reader shows\n%s\nwant\n%s", reader(after), reader(before))
	}
	again.send("/")
	if q := again.capture()[0]; !strings.HasPrefix(q, "/ 养老床位") {
		t.Errorf("after a restart the search's query line is %q, want the query back", q)
	}
	again.send("Escape", "q")
}

// TestEndToEndQuitWhileLoading quits the browser while a folder still
// loads (a bad file first, then a plan of 400,000 table rows that takes
// about a second): the bad file's error, known before the quit, is still
// reported on stderr, and so is the quit. (The errors came only with the
// load's end, and were lost.)
func TestEndToEndQuitWhileLoading(t *testing.T) {
	if _, err := exec.LookPath("tmux"); err != nil {
		skipWithout(t, "tmux")
	}
	bin := buildBinary(t)
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "0-bad.txt"), []byte("第一章\x00\x00\x00"), 0o644); err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	b.WriteString("某县民政事业发展规划\n\n第一章 主要指标\n\n序号\t指标\t2020年\t2025年目标值\t属性\n")
	for i := 1; i <= 400000; i++ {
		fmt.Fprintf(&b, "%d\t养老指标第%d项（%%）\t%d\t≥%d\t约束性\n", i, i, i%100, i%97)
	}
	if err := os.WriteFile(filepath.Join(dir, "1-rows.txt"), []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	errFile := filepath.Join(t.TempDir(), "stderr")
	s := startTmuxCmd(t, 80, 24, t.TempDir(), "sh", "-c", `"$0" "$1" 2>"$2"; echo "planview exited: $?"; exec sleep 600`, bin, dir, errFile)
	s.waitFor("Plans")
	s.send("q")
	s.waitFor("planview exited")
	got, err := os.ReadFile(errFile)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(got), "0-bad.txt") {
		t.Errorf("the bad file's error was not reported:\n%s", got)
	}
	if !strings.Contains(string(got), "quit while loading: 1 of 2 files read") {
		t.Errorf("quitting before the load ended was not reported (or the load ended first):\n%s", got)
	}
}

// TestEndToEndTables checks, in a real terminal, how tables read (issue
// 15): at 120×40 天门's 表2 takes its natural width (not stretched to the
// pane) with 序号 and 属性 on one line; at 80×24 懷化's indicator table
// keeps its header pinned while its rows scroll, the key line offering
// h/l in the scrolled table and n/N with the hit counter; at 60×16 a
// search hit in the scrolling table shows whole; ? at 80×24 lists the keys
// by group with no word cut.
func TestEndToEndTables(t *testing.T) {
	if _, err := exec.LookPath("tmux"); err != nil {
		skipWithout(t, "tmux")
	}
	bin := buildBinary(t)
	plans, _ := loader.LoadFS(seeds.FS())
	search := func(s *tmuxSession, query string, down int) []string {
		s.send("/")
		s.tmux("send-keys", "-t", "pv", "-l", query)
		s.waitFor("hits in")
		time.Sleep(2 * searchDebounce) // the hits of the whole query, not of a prefix
		s.settle()
		for range down {
			s.send("Down")
		}
		s.send("Enter")
		return s.capture()
	}

	t.Run("natural width at 120x40", func(t *testing.T) {
		s := startTmux(t, bin, 120, 40)
		s.waitFor("Plans")
		lines := search(s, "社会工作专业人才总量", 0) // its first hit: 天门 表2
		natural := 0
		for _, p := range plans {
			p.Walk(func(sec *model.Section) {
				for _, b := range sec.Blocks {
					if b.Table != nil && strings.Contains(b.Table.Caption, "天门民政事业发展主要指标") {
						natural = render.TableWidth(b.Table)
					}
				}
			})
		}
		if natural == 0 {
			t.Fatal("no 天门 表2 in the seeds")
		}
		top, header := "", ""
		for _, l := range lines {
			if i := strings.Index(l, "┌"); i >= 0 && top == "" {
				top = l[i:]
			}
			if strings.Contains(l, "序号") {
				header = l
			}
		}
		// Never wider than its natural width (not stretched to the pane);
		// at its natural width when that fits the reader.
		lay := computeLayout(120, 40, len(plans))
		if w := render.Width(strings.TrimRight(top, " ")); w > natural || natural <= lay.ReaderW-1 && w != natural || w > lay.ReaderW-1 {
			t.Errorf("表2 is %d cells wide, its natural width %d, the reader %d:\n%s", w, natural, lay.ReaderW, strings.Join(lines, "\n"))
		}
		if !strings.Contains(header, "属性") {
			t.Errorf("序号 and 属性 are not on one header line: %q", header)
		}
	})

	t.Run("pinned header and key line at 80x24", func(t *testing.T) {
		s := startTmux(t, bin, 80, 24)
		s.waitFor("Plans")
		lines := search(s, "養老機構護理型床位占比", 0) // its first hit: 懷化's table
		if kl := lines[len(lines)-1]; !strings.Contains(kl, "n/N hit 1/") {
			t.Errorf("after a search the key line lacks n/N with the counter: %q", kl)
		}
		for range 8 {
			s.send("j")
		}
		lines = s.capture()
		lay := computeLayout(80, 24, len(plans))
		reader := func(row int) string { return render.Slice(lines[row], lay.ReaderX, lay.ReaderW) }
		if !strings.Contains(reader(1), "┌") || !strings.Contains(reader(2)+reader(3)+reader(4), "2020") {
			t.Errorf("scrolled into the table, its header is not pinned at the top:\n%s", strings.Join(lines, "\n"))
		}
		body := false
		for row := 5; row < lay.BodyH; row++ {
			if strings.Contains(reader(row), "預期性") || strings.Contains(reader(row), "約束性") {
				body = true
			}
		}
		if !body {
			t.Errorf("no body row below the pinned header:\n%s", strings.Join(lines, "\n"))
		}
	})

	t.Run("hit in a wide table at 60x16", func(t *testing.T) {
		s := startTmux(t, bin, 60, 16)
		s.waitFor("Plans")
		lines := search(s, "護理型床位占比", 1)
		text := strings.Join(lines, "\n")
		if !strings.Contains(text, "table ") {
			t.Fatalf("the table does not scroll at 60x16 (nothing to test):\n%s", text)
		}
		if !strings.Contains(text, "養老機構護理型床位") || !strings.Contains(strings.ReplaceAll(text, "\n", ""), "占") {
			t.Errorf("the hit's cell is cut:\n%s", text)
		}
		if kl := lines[len(lines)-1]; !strings.HasPrefix(strings.TrimSpace(kl), "h/l scroll table") {
			t.Errorf("in the scrolled table the key line does not start with h/l: %q", kl)
		}
	})

	t.Run("help at 80x24", func(t *testing.T) {
		s := startTmux(t, bin, 80, 24)
		s.waitFor("Plans")
		s.send("?")
		lines := s.capture()
		text := strings.Join(lines, "\n")
		for _, want := range []string{"everywhere", "next pane", "prev section", "suspend", "wheel", "↓ more"} {
			if !strings.Contains(text, want) {
				t.Errorf("the help lacks %q:\n%s", want, text)
			}
		}
		for range 40 {
			s.send("j")
		}
		text = strings.Join(s.capture(), "\n")
		for _, want := range []string{"side by side (v)", "read there", "drop column"} {
			if !strings.Contains(text, want) {
				t.Errorf("the end of the help lacks %q:\n%s", want, text)
			}
		}
	})
}
