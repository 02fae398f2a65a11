package cli

import (
	"io"
	"sort"
	"strings"
	"unicode"

	"github.com/spf13/cobra"

	"planview/loader"
	"planview/model"
	"planview/render"
	"planview/seeds"
	"planview/topic"
)

// Shell completion: `planview completion SHELL` prints a script that asks
// planview itself what completes a word (cobra's hidden __complete
// command); the functions here answer for PLAN, SECTION, TOPIC and the
// flags' values.

// shells writes each shell's script; desc includes the descriptions shown
// beside the choices (a plan's title, a section's heading).
var shells = map[string]func(root *cobra.Command, w io.Writer, desc bool) error{
	"bash": func(root *cobra.Command, w io.Writer, desc bool) error {
		if err := root.GenBashCompletionV2(w, desc); err != nil {
			return err
		}
		_, err := io.WriteString(w, bashWordsFallback)
		return err
	},
	"zsh": func(root *cobra.Command, w io.Writer, desc bool) error {
		if desc {
			return root.GenZshCompletion(w)
		}
		return root.GenZshCompletionNoDesc(w)
	},
	"fish": func(root *cobra.Command, w io.Writer, desc bool) error { return root.GenFishCompletion(w, desc) },
	"powershell": func(root *cobra.Command, w io.Writer, desc bool) error {
		if desc {
			return root.GenPowerShellCompletionWithDesc(w)
		}
		return root.GenPowerShellCompletion(w)
	},
}

const shellList = "bash, zsh, fish or powershell"

// bashWordsFallback ends the bash script: cobra's script reads the line
// with _get_comp_words_by_ref, from the bash-completion package; a shell
// without that package would print "command not found" at the first Tab.
// This least version splits the line up to the cursor at blanks only (so
// --path=FILE stays one word, as the package keeps it with -n =:).
const bashWordsFallback = `
# planview: the least of _get_comp_words_by_ref (from the bash-completion
# package) that the functions above need, for a bash without that package.
if ! declare -F _get_comp_words_by_ref >/dev/null 2>&1; then
    _get_comp_words_by_ref()
    {
        local line=${COMP_LINE:0:COMP_POINT}
        read -ra words <<<"$line"
        if [[ -z $line || $line == *[[:blank:]] ]]; then
            words+=("")
        fi
        cword=$((${#words[@]} - 1))
        cur=${words[cword]}
        prev=${words[cword-1]}
    }
fi
`

func newCompletionCmd(e *Env) *cobra.Command {
	c := &cobra.Command{
		Use:   "completion SHELL",
		Short: "a script that makes the shell complete commands, flags, plans and sections",
		Long: `Prints a script that makes SHELL (` + shellList + `) complete planview's
commands, flags, plan names and section paths: planview show 天<TAB> gives
planview show 天门市, and planview show 天门市 1.<TAB> the sections 1.1, 1.2, ….
A plan completes by its id or its region, as written (懷化市) or in Simplified
characters (怀化市); sections complete one level at a time. The plans are
those of --path when it comes earlier on the line, else the embedded ones.
Bash uses the bash-completion package when it is loaded, and does without.`,
		Example: `  source <(planview completion bash)     # in ~/.bashrc
  planview completion zsh > "${fpath[1]}/_planview"
  planview completion fish > ~/.config/fish/completions/planview.fish
  planview completion powershell | Out-String | Invoke-Expression`,
		Args:      maxArgs(1, "completion takes one SHELL"),
		ValidArgs: []string{"bash", "zsh", "fish", "powershell"},
		RunE:      e.runner(runCompletion),
	}
	e.boolFlag(c.Flags(), "no-descriptions", "leave out the descriptions shown beside the choices")
	return c
}

func runCompletion(e *Env, args []string) int {
	if len(args) == 0 {
		return e.Usagef("completion needs a SHELL: %s", shellList)
	}
	gen, ok := shells[args[0]]
	if !ok {
		return e.Usagef("no completion for the shell %q: %s", args[0], shellList)
	}
	if err := gen(e.cmd.Root(), e.Stdout, !e.Bool("no-descriptions")); err != nil {
		e.Errorf("%v", err)
		return ExitFail
	}
	return ExitOK
}

// completeFlag registers how the values of c's flag complete. Only when
// completing: cobra keeps these in a map of its own for good, and a tree is
// built for every Main.
func (e *Env) completeFlag(c *cobra.Command, name string, complete cobra.CompletionFunc) {
	if e.completing {
		c.RegisterFlagCompletionFunc(name, complete)
	}
}

// byPosition completes the n-th positional argument with complete[n]; an
// argument after the last of them, with nothing.
func byPosition(complete ...cobra.CompletionFunc) cobra.CompletionFunc {
	return func(c *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
		if len(args) >= len(complete) {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		return complete[len(args)](c, args, toComplete)
	}
}

// repeatLast is byPosition with the last function for every argument after.
func repeatLast(complete ...cobra.CompletionFunc) cobra.CompletionFunc {
	return func(c *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
		return complete[min(len(args), len(complete)-1)](c, args, toComplete)
	}
}

// completeFiles lets the shell complete file names.
func completeFiles(*cobra.Command, []string, string) ([]cobra.Completion, cobra.ShellCompDirective) {
	return nil, cobra.ShellCompDirectiveDefault
}

// completeNothing offers nothing, not even file names (a QUERY).
var completeNothing = cobra.NoFileCompletions

// completeCommands completes a command's name (help COMMAND).
func completeCommands(c *cobra.Command, _ []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
	var out []cobra.Completion
	for _, sub := range c.Root().Commands() {
		if sub.IsAvailableCommand() && strings.HasPrefix(sub.Name(), toComplete) {
			out = append(out, cobra.CompletionWithDesc(sub.Name(), sub.Short))
		}
	}
	return out, cobra.ShellCompDirectiveNoFileComp
}

// completeTopic completes a TOPIC (side).
func completeTopic(_ *cobra.Command, _ []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
	var out []cobra.Completion
	for _, t := range topic.All {
		if strings.HasPrefix(t, toComplete) {
			out = append(out, t)
		}
	}
	return out, cobra.ShellCompDirectiveNoFileComp
}

// completePlan completes a PLAN.
func (e *Env) completePlan(_ *cobra.Command, _ []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
	return planChoices(e.completionPlans(), toComplete), cobra.ShellCompDirectiveNoFileComp
}

// completePlanOrSection completes show's first argument: a PLAN, or, when
// only one plan is loaded, a SECTION of it too (show --path FILE 3.4).
func (e *Env) completePlanOrSection(_ *cobra.Command, _ []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
	plans := e.completionPlans()
	out := planChoices(plans, toComplete)
	if len(plans) == 1 {
		out = append(out, sectionChoices(plans[0], toComplete)...)
	}
	return out, cobra.ShellCompDirectiveNoFileComp
}

// completeSection completes the SECTION of the plan args[0] names.
func (e *Env) completeSection(_ *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
	p, err := SelectPlan(e.completionPlans(), args[0])
	if err != nil {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	return sectionChoices(p, toComplete), cobra.ShellCompDirectiveNoFileComp
}

// completionPlans loads the plans the command being completed would: those
// of --path (earlier on the line), else the embedded ones. Load errors are
// not printed: they would land in the middle of the line being typed.
func (e *Env) completionPlans() []*model.Plan {
	if len(e.Paths) == 0 {
		plans, _ := loader.LoadFS(seeds.FS())
		return plans
	}
	plans, _ := loader.LoadPaths(e.Paths)
	return plans
}

// planChoices are the names that complete a PLAN starting with prefix:
// each plan's id, its region as written (懷化市) and its region folded as
// search folds it (怀化市), described by the plan's title. A name is offered
// only when SelectPlan selects its plan by it (a region two plans share is
// not), and when it is safe to print and to type: no control character, no
// space.
func planChoices(plans []*model.Plan, prefix string) []cobra.Completion {
	m := newPlanMatcher(plans)
	seen := map[string]bool{}
	var out []cobra.Completion
	for i, p := range plans {
		for _, name := range []string{p.ID, p.Region, m.region[i]} {
			if seen[name] || !strings.HasPrefix(name, prefix) || !typable(name) {
				continue
			}
			if got, err := m.match(name); err != nil || got != p {
				continue
			}
			seen[name] = true
			out = append(out, cobra.CompletionWithDesc(name, render.Clean(p.Title)))
		}
	}
	sort.Strings(out)
	return out
}

// typable reports whether s can be offered as a word to type: not empty,
// printed as it is, and without spaces.
func typable(s string) bool {
	return s != "" && render.Clean(s) == s && !strings.ContainsFunc(s, unicode.IsSpace)
}

// sectionChoices are the section paths of p that complete prefix, one
// level at a time: "" gives the chapters (1, 2, …), "1." the sections of
// chapter 1, "1" the chapter 1 itself, its sections and the chapters 10,
// 11, …. Each is described by its heading.
func sectionChoices(p *model.Plan, prefix string) []cobra.Completion {
	var out []cobra.Completion
	p.Walk(func(s *model.Section) {
		rest, ok := strings.CutPrefix(s.Path, prefix)
		if ok && !strings.Contains(strings.TrimPrefix(rest, "."), ".") {
			out = append(out, cobra.CompletionWithDesc(s.Path, headingText(s)))
		}
	})
	return out
}

// formatChoices complete --format.
var formatChoices = cobra.FixedCompletions([]cobra.Completion{"table", "csv", "md", "json"}, cobra.ShellCompDirectiveNoFileComp)
