package cli

import (
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"
	"sync"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// The command tree is built afresh for each Main call, over its Env: the
// flags store what they are given in the Env (flagValue), and a tree is
// never reused, so nothing of one run leaks into the next.

// subcommands build planview's commands, each in its own file.
var subcommands = []func(*Env) *cobra.Command{
	newListCmd, newOutlineCmd, newShowCmd, newSearchCmd,
	newIndicatorsCmd, newCompareCmd, newTopicsCmd, newSideCmd,
	newCompletionCmd,
}

// newRoot builds the command tree over e: planview itself (the browser),
// its subcommands and help.
func newRoot(e *Env) *cobra.Command {
	root := &cobra.Command{
		Use:   "planview [PATH...]",
		Short: "read Chinese development plans in the terminal",
		Example: `  planview                     # browse the embedded plans
  planview my-plans/           # browse the plans in a folder (.txt, .docx, .html, .pdf)
  planview show 天门 1.5       # print a section
  planview help show           # a command's help`,
		Args:              cobra.ArbitraryArgs,
		ValidArgsFunction: completeFiles,
		RunE:              e.runner(runTUI),
		SilenceErrors:     true,
		SilenceUsage:      true,
		CompletionOptions: cobra.CompletionOptions{DisableDefaultCmd: true}, // completion.go has its own
	}
	root.SetOut(e.Stdout)
	root.SetErr(e.Stderr)
	e.commonFlags(root.PersistentFlags())
	root.SetHelpFunc(func(c *cobra.Command, _ []string) { e.help(c) })
	for _, build := range subcommands {
		root.AddCommand(build(e))
	}
	root.SetHelpCommand(newHelpCmd(e))
	root.InitDefaultHelpCmd()
	return root
}

// commonFlags adds the flags every command takes, in the order help lists
// them.
func (e *Env) commonFlags(fs *pflag.FlagSet) {
	e.flag(fs, "path", "PATH", "load this file or folder (every .txt, .docx, .html, .pdf inside) instead of the embedded plans; repeatable",
		func(v string) error { e.Paths = append(e.Paths, v); return nil })
	e.flag(fs, "json", "", "print JSON", func(string) error { e.JSON = true; return nil })
	e.flag(fs, "width", "N", "lay text out for N columns (default: the terminal's width; no wrapping when not a terminal)", e.setWidth)
	e.boolFlag(fs, "no-state", "browser: do not remember positions between runs (nor read those remembered)")
	// cobra's own help flag is a pflag bool: it reads it with GetBool.
	fs.BoolP("help", "h", false, "show this help")
}

// setWidth takes --width's value.
func (e *Env) setWidth(v string) error {
	n, err := strconv.Atoi(v)
	if err != nil || n < 0 {
		return usageError(fmt.Sprintf("--width: not a width: %q", v))
	}
	if n > maxWidth {
		return usageError(fmt.Sprintf("--width %d: at most %d", n, maxWidth))
	}
	e.Width = n
	return nil
}

// boolFlag adds a flag that takes no value: given, e.Flags[name] is "true".
func (e *Env) boolFlag(fs *pflag.FlagSet, name, help string) {
	e.flag(fs, name, "", help, func(string) error { e.Flags[name] = "true"; return nil })
}

// valueFlag adds a flag that takes a value, named arg in help: e.Flags[name]
// is the last value given.
func (e *Env) valueFlag(fs *pflag.FlagSet, name, arg, help string) {
	e.flag(fs, name, arg, help, func(v string) error { e.Flags[name] = v; return nil })
}

// flag adds a flag whose values go to set; arg "" makes it take none.
func (e *Env) flag(fs *pflag.FlagSet, name, arg, help string, set func(string) error) {
	fs.SortFlags = false // help lists flags in the order they are added
	f := fs.VarPF(&flagValue{arg: arg, set: set}, name, "", help)
	if arg == "" {
		f.NoOptDefVal = "true"
	}
}

// flagValue is a flag's pflag.Value: it hands what it is given to set.
type flagValue struct {
	arg string // the value's name in help ("N", "PATH"); "" for a flag that takes no value
	set func(string) error
}

// errNoValue is a value given to a flag that takes none (--json=yes).
var errNoValue = errors.New("takes no value")

func (v *flagValue) String() string { return "" }

func (v *flagValue) Set(s string) error {
	if v.arg == "" && s != "true" {
		return errNoValue
	}
	return v.set(s)
}

// Type is the value's name in help, or "bool" for a flag without one.
func (v *flagValue) Type() string {
	if v.arg == "" {
		return "bool"
	}
	return v.arg
}

// usageError is a bad flag value, with the message to print.
type usageError string

func (u usageError) Error() string { return string(u) }

// runner makes a command's function cobra's RunE: its exit code is kept in
// e.code.
func (e *Env) runner(run func(*Env, []string) int) func(*cobra.Command, []string) error {
	return func(c *cobra.Command, args []string) error {
		if c.HasParent() {
			e.cmd = c
		}
		e.code = run(e, args)
		return nil
	}
}

// dispatch is Main after the output is set up.
func dispatch(e *Env, args []string) int {
	e.completing = len(args) > 0 && (args[0] == cobra.ShellCompRequestCmd || args[0] == cobra.ShellCompNoDescRequestCmd)
	root := newRoot(e)
	if !e.completing {
		var code int
		if args, code = commandFirst(e, root, longFlags(args)); code >= 0 {
			return code
		}
	}
	root.SetArgs(append([]string{}, args...)) // never nil: cobra would read os.Args
	cmd, err := root.ExecuteC()
	if err != nil {
		return e.fail(cmd, err)
	}
	return e.code
}

// commandFirst moves the command's name to the front of args, from
// wherever it is among the flags (planview --json list), for cobra to find
// it there. An argument that is neither a command nor an existing path is an
// unknown command; a path is left for the browser (planview PATH...).
func commandFirst(e *Env, root *cobra.Command, args []string) ([]string, int) {
	i := firstPositional(args)
	if i < 0 {
		return args, -1
	}
	name := args[i]
	if isCommand(root, name) {
		return append(append([]string{name}, args[:i]...), args[i+1:]...), -1
	}
	if exists(name) {
		return args, -1
	}
	e.Errorf("unknown command or path %q", name)
	usage(e.Stderr, root)
	return nil, ExitUsage
}

func isCommand(root *cobra.Command, name string) bool {
	for _, c := range root.Commands() {
		if c.Name() == name {
			return true
		}
	}
	return false
}

func exists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
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
		if name, _, hasValue := splitFlag(a); !hasValue && knownFlags()[name] {
			i++ // skip its value
		}
	}
	return -1
}

func splitFlag(a string) (name, value string, hasValue bool) {
	a = strings.TrimLeft(a, "-")
	name, value, hasValue = strings.Cut(a, "=")
	return
}

// knownFlags maps the name of every flag of every command to whether it
// takes a value (true when it does for any command).
var knownFlags = sync.OnceValue(func() map[string]bool {
	m := map[string]bool{}
	var visit func(c *cobra.Command)
	visit = func(c *cobra.Command) {
		for _, fs := range []*pflag.FlagSet{c.PersistentFlags(), c.Flags()} {
			fs.VisitAll(func(f *pflag.Flag) { m[f.Name] = m[f.Name] || f.NoOptDefVal == "" })
		}
		for _, sub := range c.Commands() {
			visit(sub)
		}
	}
	visit(newRoot(&Env{Flags: map[string]string{}}))
	return m
})

// longFlags spells -json and -path=x, which planview has always taken,
// --json and --path=x: pflag reads a single dash as shorthand flags.
func longFlags(args []string) []string {
	out := make([]string, len(args))
	for i, a := range args {
		out[i] = a
		if a == "--" {
			copy(out[i:], args[i:])
			break
		}
		if name, _, _ := splitFlag(a); len(name) > 1 && strings.HasPrefix(a, "-") && !strings.HasPrefix(a, "--") {
			if _, ok := knownFlags()[name]; ok {
				out[i] = "-" + a
			}
		}
	}
	return out
}

// fail reports what cobra failed on — a bad flag, too many arguments — as
// a usage error of the command it was for.
func (e *Env) fail(cmd *cobra.Command, err error) int {
	if cmd != nil && cmd.HasParent() && cmd.Name() != "help" {
		e.cmd = cmd
	}
	e.Errorf("%s", errorMessage(err))
	var extra *extraArgsError
	if errors.As(err, &extra) && cmd != nil {
		fmt.Fprintf(e.Stderr, "usage: %s\n", usageLine(cmd))
	}
	e.usageHint()
	return ExitUsage
}

// errorMessage words cobra's and pflag's errors as planview always has.
func errorMessage(err error) string {
	var (
		usage    usageError
		notExist *pflag.NotExistError
		needs    *pflag.ValueRequiredError
		invalid  *pflag.InvalidValueError
		syntax   *pflag.InvalidSyntaxError
	)
	switch {
	case errors.As(err, &usage):
		return string(usage)
	case errors.As(err, &notExist):
		if s := notExist.GetSpecifiedShortnames(); s != "" {
			return "unknown flag -" + s
		}
		return "unknown flag --" + notExist.GetSpecifiedName()
	case errors.As(err, &needs):
		return "flag --" + needs.GetFlag().Name + " needs a value"
	case errors.As(err, &invalid) && invalid.GetFlag().NoOptDefVal != "":
		return "flag --" + invalid.GetFlag().Name + " takes no value"
	case errors.As(err, &syntax):
		return "unknown flag " + syntax.GetSpecifiedFlag()
	}
	return err.Error()
}

// extraArgsError is a positional argument beyond those a command takes.
type extraArgsError struct {
	extra []string
	takes string // what the command takes, e.g. "outline takes one PLAN"
}

func (x *extraArgsError) Error() string {
	q := make([]string, len(x.extra))
	for i, a := range x.extra {
		q[i] = strconv.Quote(a)
	}
	if len(q) == 1 {
		return "extra argument " + q[0] + ": " + x.takes
	}
	return "extra arguments " + strings.Join(q, " ") + ": " + x.takes
}

// maxArgs lets a command take at most n positional arguments; takes says
// what it takes, for the error.
func maxArgs(n int, takes string) cobra.PositionalArgs {
	return func(_ *cobra.Command, args []string) error {
		if len(args) <= n {
			return nil
		}
		return &extraArgsError{extra: args[n:], takes: takes}
	}
}
