package cli

import (
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"planview/render"
)

// help prints c's help on stdout: planview's usage, or one command's.
func (e *Env) help(c *cobra.Command) {
	if !c.HasParent() {
		usage(e.Stdout, c)
		return
	}
	commandHelp(e.Stdout, c)
}

// newHelpCmd is `planview help [COMMAND]`.
func newHelpCmd(e *Env) *cobra.Command {
	return &cobra.Command{
		Use:   "help [COMMAND]",
		Short: "show this help, or a command's",
		Example: `  planview help
  planview help show`,
		Args:              maxArgs(1, "help takes one COMMAND"),
		ValidArgsFunction: completeCommands,
		RunE: e.runner(func(e *Env, args []string) int {
			root := e.cmd.Root()
			e.cmd = nil // its errors point at planview's help
			if len(args) == 0 {
				usage(e.Stdout, root)
				return ExitOK
			}
			for _, c := range root.Commands() {
				if c.Name() == args[0] {
					commandHelp(e.Stdout, c)
					return ExitOK
				}
			}
			return e.Usagef("unknown command %q", args[0])
		}),
	}
}

// usage is planview's help: the commands, the common flags, examples.
func usage(w io.Writer, root *cobra.Command) {
	fmt.Fprint(w, `planview — read Chinese development plans in the terminal

Usage:
  planview [PATH...]              open the browser (the embedded plans, or the files and folders given)
  planview COMMAND [ARGS] [FLAGS]

Commands:
`)
	var cs, help []*cobra.Command
	width := 0
	for _, c := range root.Commands() { // sorted by name
		switch {
		case c.Name() == "help":
			help = append(help, c) // last
		case c.IsAvailableCommand():
			cs = append(cs, c)
			width = max(width, render.Width(c.Use))
		}
	}
	cs = append(cs, help...)
	for _, c := range cs {
		fmt.Fprintf(w, "  %s  %s\n", render.Pad(c.Use, width), c.Short)
	}
	fmt.Fprint(w, "\nFlags (every command, before or after the arguments):\n")
	writeFlags(w, flagList(root.PersistentFlags(), nil))
	fmt.Fprint(w, `
PLAN is a plan id or any unique part of its id, title or region (e.g. 天门, tongdao).
Environment: RUNEWIDTH_EASTASIAN=1 lays text out for terminals that draw East Asian
ambiguous characters (“ ” … ① ─) two cells wide; the default is one cell.
Exit status: 0 ok (a file that failed to load is reported on stderr); 1 no plan loaded,
or nothing found (search, compare, indicators); 2 usage error.
`)
	writeExamples(w, root)
}

// commandHelp is one command's help: usage line, summary, details,
// examples, flags.
func commandHelp(w io.Writer, c *cobra.Command) {
	fmt.Fprintf(w, "Usage: %s\n\n%s\n", usageLine(c), c.Short)
	if c.Long != "" {
		fmt.Fprintf(w, "\n%s\n", strings.TrimRight(c.Long, "\n"))
	}
	writeExamples(w, c)
	fmt.Fprint(w, "\nFlags:\n")
	common := c.Root().PersistentFlags()
	writeFlags(w, append(flagList(c.Flags(), common), flagList(common, nil)...))
}

// usageLine is "planview show PLAN [SECTION] [FLAGS]".
func usageLine(c *cobra.Command) string {
	return "planview " + c.Use + " [FLAGS]"
}

func writeExamples(w io.Writer, c *cobra.Command) {
	if c.Example != "" {
		fmt.Fprintf(w, "\nExamples:\n%s\n", strings.TrimRight(c.Example, "\n"))
	}
}

// flagList lists the flags of fs in the order they were added, but those
// of skip.
func flagList(fs, skip *pflag.FlagSet) []*pflag.Flag {
	var out []*pflag.Flag
	fs.VisitAll(func(f *pflag.Flag) {
		if skip == nil || skip.Lookup(f.Name) == nil {
			out = append(out, f)
		}
	})
	return out
}

// writeFlags lists flags, one a line: "--name ARG  help".
func writeFlags(w io.Writer, fs []*pflag.Flag) {
	names := make([]string, len(fs))
	width := 0
	for i, f := range fs {
		names[i] = "--" + f.Name
		if f.Shorthand != "" {
			names[i] = "-" + f.Shorthand + ", " + names[i]
		}
		if f.NoOptDefVal == "" {
			names[i] += " " + f.Value.Type()
		}
		width = max(width, len(names[i]))
	}
	for i, f := range fs {
		fmt.Fprintf(w, "  %s  %s\n", render.Pad(names[i], width), f.Usage)
	}
}
