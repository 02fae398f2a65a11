// Package cli implements planview's command line: the TUI by default and a
// non-interactive subcommand, with --json, for every view.
package cli

import (
	"fmt"
	"io"

	"planview/loader"
	"planview/seeds"
	"planview/tui"
)

// Main runs planview with args (without the program name) and returns the
// exit code.
func Main(args []string, stdout, stderr io.Writer) int {
	plans, errs := loader.LoadFS(seeds.FS())
	for _, e := range errs {
		fmt.Fprintln(stderr, "planview:", e)
	}
	if err := tui.Run(plans); err != nil {
		fmt.Fprintln(stderr, "planview:", err)
		return 1
	}
	return 0
}
