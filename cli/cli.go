// Package cli implements planview's command line: the TUI by default and
// non-interactive subcommands (list, outline, show, …), each with --json and
// --help.
//
// Commands live in a small table; a file of this package adds one with
// Register from an init function. Flags are accepted before or after the
// positional arguments.
package cli

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/charmbracelet/x/term"

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
	ExitUsage = 2 // bad arguments: unknown command, flag, plan or section
)

// Command is one subcommand.
type Command struct {
	Name    string // e.g. "show"
	Args    string // synopsis of the positional arguments, e.g. "PLAN [SECTION]"
	Summary string // one line for `planview help`
	Help    string // more text for `planview CMD --help`; optional
	Flags   []Flag // the command's own flags, beyond the common ones
	Run     func(e *Env, args []string) int
}

// Flag is a command's own flag.
type Flag struct {
	Name  string // without dashes
	Value bool   // takes a value: --name V or --name=V
	Arg   string // name of the value in help, e.g. "N"; default "VALUE"
	Help  string
}

var commands = map[string]*Command{}

// Register adds a command. Call it from an init function. Registering a
// name twice panics.
func Register(c *Command) {
	if _, dup := commands[c.Name]; dup {
		panic("cli: command registered twice: " + c.Name)
	}
	commands[c.Name] = c
}

// maxWidth bounds --width: --width 10000000 wrote 940 MB for a 69 KB plan
// (every line padded to the width); no screen or page is wider than this.
const maxWidth = 1000

// commonFlags are accepted by every command.
var commonFlags = []Flag{
	{Name: "path", Value: true, Arg: "PATH", Help: "load this file or folder (every *.txt inside) instead of the embedded plans; repeatable"},
	{Name: "json", Help: "print JSON"},
	{Name: "width", Value: true, Arg: "N", Help: "lay text out for N columns (default: the terminal's width; no wrapping when not a terminal)"},
	{Name: "no-state", Help: "browser: do not remember positions between runs (nor read those remembered)"},
	{Name: "help", Help: "show this help"},
}

// Env is what a command runs with.
type Env struct {
	Stdout, Stderr io.Writer
	Paths          []string          // from --path, in order
	JSON           bool              // --json
	Width          int               // --width; 0 when not given
	Flags          map[string]string // the command's own flags: "true" for booleans, else the last value

	cmd *Command
	out io.Writer // the stdout Main was given, under the buffer of Stdout
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
	if e.cmd != nil {
		fmt.Fprintf(e.Stderr, "run 'planview %s --help' for usage\n", e.cmd.Name)
	} else {
		fmt.Fprintln(e.Stderr, "run 'planview help' for usage")
	}
	return ExitUsage
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
	code := dispatch(e, args, stderr)
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

// dispatch is Main after the output is set up.
func dispatch(e *Env, args []string, stderr io.Writer) int {
	name := ""
	if i := firstPositional(args); i >= 0 {
		if _, ok := commands[args[i]]; ok || args[i] == "help" || !exists(args[i]) {
			name = args[i]
			args = append(append([]string(nil), args[:i]...), args[i+1:]...)
		}
	}
	switch name {
	case "":
		return runTUI(e, args)
	case "help":
		pos, code := e.parse(args, nil)
		if code >= 0 {
			return code
		}
		if len(pos) > 0 {
			if c, ok := commands[pos[0]]; ok {
				commandHelp(e.Stdout, c)
				return ExitOK
			}
			return e.Usagef("unknown command %q", pos[0])
		}
		usage(e.Stdout)
		return ExitOK
	}
	c, ok := commands[name]
	if !ok {
		e.Errorf("unknown command or path %q", name)
		usage(stderr)
		return ExitUsage
	}
	e.cmd = c
	pos, code := e.parse(args, c)
	if code >= 0 {
		return code
	}
	return c.Run(e, pos)
}

// firstPositional returns the index of the first argument that is not a
// flag or a flag's value, -1 if none.
func firstPositional(args []string) int {
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			if i+1 < len(args) {
				return i + 1
			}
			return -1
		}
		if !strings.HasPrefix(a, "-") || a == "-" {
			return i
		}
		if name, _, hasValue := splitFlag(a); !hasValue && takesValue(name) {
			i++ // skip its value
		}
	}
	return -1
}

// takesValue reports whether a flag of that name, common or of any command,
// takes a value.
func takesValue(name string) bool {
	for _, f := range commonFlags {
		if f.Name == name {
			return f.Value
		}
	}
	for _, c := range commands {
		for _, f := range c.Flags {
			if f.Name == name && f.Value {
				return true
			}
		}
	}
	return false
}

func exists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}

func splitFlag(a string) (name, value string, hasValue bool) {
	a = strings.TrimLeft(a, "-")
	name, value, hasValue = strings.Cut(a, "=")
	return
}

// parse takes the common flags and c's flags out of args, anywhere, and
// returns the positional arguments. code is -1 to go on, else the exit code
// (after --help, or a usage error).
func (e *Env) parse(args []string, c *Command) (pos []string, code int) {
	flags := commonFlags
	if c != nil {
		flags = append(append([]Flag(nil), commonFlags...), c.Flags...)
	}
	help := false
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			pos = append(pos, args[i+1:]...)
			break
		}
		if !strings.HasPrefix(a, "-") || a == "-" {
			pos = append(pos, a)
			continue
		}
		name, value, hasValue := splitFlag(a)
		if name == "h" {
			name = "help"
		}
		var f *Flag
		for k := range flags {
			if flags[k].Name == name {
				f = &flags[k]
			}
		}
		if f == nil {
			return nil, e.Usagef("unknown flag %s", a)
		}
		if f.Value && !hasValue {
			if i+1 >= len(args) {
				return nil, e.Usagef("flag --%s needs a value", name)
			}
			i++
			value = args[i]
		}
		if !f.Value {
			if hasValue {
				return nil, e.Usagef("flag --%s takes no value", name)
			}
			value = "true"
		}
		switch name {
		case "path":
			e.Paths = append(e.Paths, value)
		case "json":
			e.JSON = true
		case "help":
			help = true
		case "width":
			n, err := strconv.Atoi(value)
			if err != nil || n < 0 {
				return nil, e.Usagef("--width: not a width: %q", value)
			}
			if n > maxWidth {
				return nil, e.Usagef("--width %d: at most %d", n, maxWidth)
			}
			e.Width = n
		default:
			e.Flags[name] = value
		}
	}
	if help {
		if c == nil {
			usage(e.Stdout)
		} else {
			commandHelp(e.Stdout, c)
		}
		return nil, ExitOK
	}
	return pos, -1
}

// runTUI opens the browser on the plans named by --path and positional
// paths, or on the embedded plans.
func runTUI(e *Env, args []string) int {
	pos, code := e.parse(args, nil)
	if code >= 0 {
		return code
	}
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
			errs = loader.LoadPathsStream(paths, emit)
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
	code = ExitOK
	select {
	case r := <-result:
		e.loadErrs = r.errs
		for _, err := range r.errs {
			e.Errorf("%s", oneLine(err.Error()))
		}
		if r.plans == 0 {
			e.Errorf("no plan loaded")
			code = ExitFail
		}
	default: // quit before the load ended
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

func sortedCommands() []*Command {
	cs := make([]*Command, 0, len(commands))
	for _, c := range commands {
		cs = append(cs, c)
	}
	sort.Slice(cs, func(i, j int) bool { return cs[i].Name < cs[j].Name })
	return cs
}

func usage(w io.Writer) {
	fmt.Fprint(w, `planview — read Chinese development plans in the terminal

Usage:
  planview [PATH...]              open the browser (the embedded plans, or the files and folders given)
  planview COMMAND [ARGS] [FLAGS]

Commands:
`)
	cs := sortedCommands()
	width := 0
	for _, c := range cs {
		width = max(width, render.Width(synopsis(c)))
	}
	for _, c := range cs {
		fmt.Fprintf(w, "  %s  %s\n", render.Pad(synopsis(c), width), c.Summary)
	}
	fmt.Fprintf(w, "  %s  %s\n", render.Pad("help [COMMAND]", width), "show this help, or a command's")
	fmt.Fprint(w, "\nFlags (every command, before or after the arguments):\n")
	writeFlags(w, commonFlags)
	fmt.Fprint(w, `
PLAN is a plan id or any unique part of its id, title or region (e.g. 天门, tongdao).
Environment: RUNEWIDTH_EASTASIAN=1 lays text out for terminals that draw East Asian
ambiguous characters (“ ” … ① ─) two cells wide; the default is one cell.
Exit status: 0 ok (a file that failed to load is reported on stderr); 1 no plan loaded
(search: nothing found); 2 usage error.
`)
}

func synopsis(c *Command) string {
	if c.Args == "" {
		return c.Name
	}
	return c.Name + " " + c.Args
}

func commandHelp(w io.Writer, c *Command) {
	fmt.Fprintf(w, "Usage: planview %s [FLAGS]\n\n%s\n", synopsis(c), c.Summary)
	if c.Help != "" {
		fmt.Fprintf(w, "\n%s\n", strings.TrimRight(c.Help, "\n"))
	}
	fmt.Fprint(w, "\nFlags:\n")
	writeFlags(w, append(append([]Flag(nil), c.Flags...), commonFlags...))
}

func writeFlags(w io.Writer, fs []Flag) {
	names := make([]string, len(fs))
	width := 0
	for i, f := range fs {
		names[i] = "--" + f.Name
		if f.Name == "help" {
			names[i] = "-h, --help"
		}
		if f.Value {
			arg := f.Arg
			if arg == "" {
				arg = "VALUE"
			}
			names[i] += " " + arg
		}
		width = max(width, len(names[i]))
	}
	for i, f := range fs {
		fmt.Fprintf(w, "  %s  %s\n", render.Pad(names[i], width), f.Help)
	}
}
