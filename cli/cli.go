// Package cli implements planview's command line: the TUI by default and
// non-interactive subcommands (list, outline, show, …), each with --json and
// --help, and shell completion.
//
// The commands are github.com/spf13/cobra commands (root.go); each file of
// this package builds its own (newShowCmd in show.go, …). Flags are accepted
// before or after the positional arguments.
package cli

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/charmbracelet/x/term"
	"github.com/spf13/cobra"

	"planview/internal/state"
	"planview/loader"
	"planview/model"
	"planview/render"
	"planview/seeds"
	"planview/tui"
)

// Exit codes.
const (
	ExitOK    = 0 // success (some plans may have failed to load: see stderr)
	ExitFail  = 1 // no plan loaded, or the command failed
	ExitUsage = 2 // bad arguments: unknown command, flag, plan or section, an extra argument
)

// maxWidth bounds --width: --width 10000000 wrote 940 MB for a 69 KB plan
// (every line padded to the width); no screen or page is wider than this.
const maxWidth = 1000

// Env is what a command runs with.
type Env struct {
	Stdout, Stderr io.Writer
	Paths          []string          // from --path, in order
	JSON           bool              // --json
	Width          int               // --width; 0 when not given
	Flags          map[string]string // the command's own flags: "true" for booleans, else the last value

	cmd  *cobra.Command // the command running; nil for planview itself (the browser) and help
	code int            // the exit code of the command cobra ran
	// completing is set when the shell asks for completions (cobra's
	// __complete): flag values' completion functions are registered then only.
	completing bool
	out        io.Writer // the stdout Main was given, under the buffer of Stdout
	// loadErrs is what the last LoadPlans reported on stderr.
	loadErrs loader.ErrorList
	// errs are the messages Errorf printed, for --json's error object.
	errs []string
}

// Flag returns the value of one of the command's own flags, "" when absent.
func (e *Env) Flag(name string) string { return e.Flags[name] }

// Bool reports whether a boolean flag of the command was given.
func (e *Env) Bool(name string) bool { return e.Flags[name] == "true" }

// Int returns the value of an integer flag, def when absent.
func (e *Env) Int(name string, def int) (int, error) {
	v, ok := e.Flags[name]
	if !ok {
		return def, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil {
		return def, fmt.Errorf("--%s: not a number: %q", name, v)
	}
	return n, nil
}

// IsTerminal reports whether stdout is a terminal.
func (e *Env) IsTerminal() bool {
	f, ok := e.stdout().(*os.File)
	return ok && term.IsTerminal(f.Fd())
}

// stdout is the writer Main was given (Stdout may be a buffer over it).
func (e *Env) stdout() io.Writer {
	if e.out != nil {
		return e.out
	}
	return e.Stdout
}

// TextWidth is the width to lay text out at: --width when given, else the
// terminal's width when stdout is a terminal, else 0 (do not wrap).
func (e *Env) TextWidth() int {
	if e.Width > 0 {
		return e.Width
	}
	if f, ok := e.stdout().(*os.File); ok && term.IsTerminal(f.Fd()) {
		if w, _, err := term.GetSize(f.Fd()); err == nil && w > 0 {
			return w
		}
		return 80
	}
	return 0
}

// Errorf prints "planview: msg" on stderr.
func (e *Env) Errorf(format string, a ...any) {
	msg := render.Sanitize(fmt.Sprintf(format, a...))
	e.errs = append(e.errs, msg)
	fmt.Fprintf(e.Stderr, "planview: %s\n", msg)
}

// Usagef prints a usage error and returns ExitUsage.
func (e *Env) Usagef(format string, a ...any) int {
	e.Errorf(format, a...)
	e.usageHint()
	return ExitUsage
}

// usageHint tells where the usage is: the command's help, or planview's.
func (e *Env) usageHint() {
	if e.cmd != nil {
		fmt.Fprintf(e.Stderr, "run 'planview %s --help' for usage\n", e.cmd.Name())
	} else {
		fmt.Fprintln(e.Stderr, "run 'planview help' for usage")
	}
}

// Println writes s, sanitised, and a newline on stdout.
func (e *Env) Println(s string) {
	io.WriteString(e.Stdout, render.Sanitize(s))
	io.WriteString(e.Stdout, "\n")
}

// WriteJSON writes v as indented JSON on stdout. Control characters in
// strings are escaped (encoding/json escapes C0; DEL and C1, which it leaves
// raw, are escaped here too), so none reaches a terminal through it.
func (e *Env) WriteJSON(v any) int {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		e.Errorf("%v", err)
		return ExitFail
	}
	if _, err := e.Stdout.Write(escapeJSONControls(buf.Bytes())); err != nil {
		e.Errorf("%v", err)
		return ExitFail
	}
	return ExitOK
}

// escapeJSONControls rewrites DEL and C1 controls (U+0080–U+009F), which
// can only occur inside JSON strings, as \u escapes.
func escapeJSONControls(b []byte) []byte {
	if bytes.IndexByte(b, 0x7f) < 0 && !hasC1(b) && !hasBidi(b) {
		return b
	}
	out := make([]byte, 0, len(b)+16)
	for i := 0; i < len(b); i++ {
		switch {
		case b[i] == 0x7f:
			out = append(out, `\u007f`...)
		case b[i] == 0xc2 && i+1 < len(b) && b[i+1] >= 0x80 && b[i+1] < 0xa0:
			out = fmt.Appendf(out, `\u%04x`, b[i+1])
			i++
		case bidiAt(b, i):
			r, n := utf8.DecodeRune(b[i:])
			out = fmt.Appendf(out, `\u%04x`, r)
			i += n - 1
		default:
			out = append(out, b[i])
		}
	}
	return out
}

// bidiAt reports whether a bidirectional control starts at b[i]: the
// marks U+061C, U+200E, U+200F, the embeddings and overrides U+202A–U+202E
// and the isolates U+2066–U+2069. In a file name they make a terminal show
// it in another order (a "txt.exe" trick): JSON carries them escaped.
func bidiAt(b []byte, i int) bool {
	if b[i] != 0xe2 && b[i] != 0xd8 {
		return false
	}
	r, _ := utf8.DecodeRune(b[i:])
	return r == 0x061c || r == 0x200e || r == 0x200f || r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069
}

func hasBidi(b []byte) bool {
	for i := range b {
		if bidiAt(b, i) {
			return true
		}
	}
	return false
}

func hasC1(b []byte) bool {
	for i := 0; i+1 < len(b); i++ {
		if b[i] == 0xc2 && b[i+1] >= 0x80 && b[i+1] < 0xa0 {
			return true
		}
	}
	return false
}

// Main runs planview with args (without the program name) and returns the
// exit code.
func Main(args []string, stdout, stderr io.Writer) int {
	// Output is buffered (a plan is thousands of lines); errors are not.
	bw := bufio.NewWriterSize(stdout, 64<<10)
	defer bw.Flush()
	cw := &countingWriter{w: bw}
	e := &Env{Stdout: cw, Stderr: stderr, Flags: map[string]string{}, out: stdout}
	// --json anywhere: a usage error found before parsing reaches it
	// still answers in JSON.
	e.JSON = slices.Contains(args, "--json")
	code := dispatch(e, args)
	if code != ExitOK && e.JSON && cw.n == 0 {
		// --json promises JSON on stdout whatever happens: an error
		// object when the command printed nothing.
		e.WriteJSON(errorJSON{Error: strings.Join(e.errs, "; "), Exit: code})
	}
	return code
}

// errorJSON is what --json prints when a command fails before printing.
type errorJSON struct {
	Error string `json:"error"`
	Exit  int    `json:"exit"`
}

// countingWriter counts the bytes written through it.
type countingWriter struct {
	w io.Writer
	n int
}

func (c *countingWriter) Write(b []byte) (int, error) {
	n, err := c.w.Write(b)
	c.n += n
	return n, err
}

// runTUI opens the browser on the plans named by --path and positional
// paths, or on the embedded plans.
func runTUI(e *Env, pos []string) int {
	if e.JSON {
		return e.Usagef("--json needs a command, e.g. 'planview list --json'")
	}
	paths := append(append([]string(nil), e.Paths...), pos...)
	if !anyExists(paths) {
		// Nothing to browse: say so without opening the browser.
		_, code := e.LoadPlans(pos)
		return code
	}
	if bw, ok := e.Stdout.(*bufio.Writer); ok {
		bw.Flush()
	}
	// The plans load while the browser runs (tui.RunLoading): its first
	// frame does not wait for the folder. The load's errors are printed
	// when the browser ends, as LoadPlans prints them; if the user quits
	// before the load ended, those of the files read so far.
	type loadResult struct {
		errs  loader.ErrorList
		plans int
	}
	result := make(chan loadResult, 1)
	var sofar struct {
		sync.Mutex
		errs        loader.ErrorList
		done, total int
	}
	load := func(add func([]*model.Plan, int, int)) string {
		var plans []*model.Plan
		emit := func(b loader.Batch) {
			plans = append(plans, b.Plans...)
			sofar.Lock()
			sofar.errs = append(sofar.errs, b.Errs...)
			sofar.done, sofar.total = b.Done, b.Total
			sofar.Unlock()
			add(b.Plans, b.Done, b.Total)
		}
		var errs loader.ErrorList
		if len(paths) == 0 {
			errs = loader.LoadFSStream(seeds.FS(), emit)
		} else {
			done := holdCollector(paths)
			errs = loader.LoadPathsStream(paths, emit)
			done()
		}
		limitMemory(plans)
		result <- loadResult{errs, len(plans)}
		return loadNotice(errs)
	}
	opt := tui.Options{}
	if !e.Bool("no-state") {
		// Where the browser remembers positions (internal/state); with no
		// home directory it remembers nothing, and says so.
		if dir, err := state.Dir(); err == nil {
			opt.State = state.Open(dir)
		} else {
			opt.Notice = strings.TrimPrefix(opt.Notice+"; positions not remembered: "+err.Error(), "; ")
		}
	}
	err := tui.RunLoading(load, opt)
	var r loadResult
	ended := true
	if err != nil {
		// The browser could not start (no terminal): nobody quit, the
		// load runs on, and its errors are the ones to print.
		r = <-result
	} else {
		select {
		case r = <-result:
		default:
			ended = false // the user quit before the load ended
		}
	}
	code := ExitOK
	if ended {
		e.loadErrs = r.errs
		for _, err := range r.errs {
			e.Errorf("%s", oneLine(err.Error()))
		}
		if r.plans == 0 {
			e.Errorf("no plan loaded")
			code = ExitFail
		}
	} else {
		sofar.Lock()
		for _, err := range sofar.errs {
			e.Errorf("%s", oneLine(err.Error()))
		}
		e.loadErrs = sofar.errs
		if sofar.total > 0 {
			e.Errorf("quit while loading: %d of %d files read", sofar.done, sofar.total)
		} else {
			e.Errorf("quit while loading")
		}
		sofar.Unlock()
	}
	if err != nil {
		e.Errorf("%v", err)
		return ExitFail
	}
	return code
}

// anyExists reports whether paths is empty (the embedded plans) or names
// at least one thing that exists.
func anyExists(paths []string) bool {
	for _, p := range paths {
		if _, err := os.Stat(p); err == nil {
			return true
		}
	}
	return len(paths) == 0
}
