package cli

import (
	"encoding/csv"
	"fmt"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"planview/indicator"
	"planview/model"
	"planview/render"
)

// formatFlag adds --format to c.
func (e *Env) formatFlag(c *cobra.Command) {
	e.valueFlag(c.Flags(), "format", "FORMAT", "table (default), csv, md or json")
	e.completeFlag(c, "format", formatChoices)
}

func newIndicatorsCmd(e *Env) *cobra.Command {
	c := &cobra.Command{
		Use:   "indicators [PLAN]",
		Short: "the targets a plan (or every plan) sets, from its tables and its sentences",
		Long: `Lists the indicators of one plan, or of every plan when PLAN is omitted: the
rows of its indicator tables (十四五 targets and 十三五 completion tables) and
the targets its sentences state (到2025年…达到90%). One line each: plan:line,
where it was read (table or text), target year, name, unit, base value,
target as written, attribute (约束性/预期性), and for 十三五 rows the value
reached and 完成/未完成. A sentence that states a table row again is attached
to the row (shown as "+1 text"; "conflict" when it states another target).

--format csv writes UTF-8 with a BOM and a header row (a spreadsheet opens it
with the Chinese intact); md a Markdown table; json (or --json) an array.

Exit status: 0 when an indicator was found, 1 when none was (stderr says so),
2 on a usage error.`,
		Example: `  planview indicators 天门
  planview indicators --format csv > indicators.csv`,
		Args:              maxArgs(1, "indicators takes at most one PLAN"),
		ValidArgsFunction: byPosition(e.completePlan),
		RunE:              e.runner(runIndicators),
	}
	e.formatFlag(c)
	return c
}

func newCompareCmd(e *Env) *cobra.Command {
	c := &cobra.Command{
		Use:   "compare [QUERY]",
		Short: "one indicator (or all) across every plan, optionally against a reference plan",
		Long: `Lines the plans' indicators up: one block per indicator whose name holds QUERY
(folded as search folds it: 護理型床位 finds 护理型床位; every indicator when
QUERY is omitted), one line per plan that sets it, with the line it came from.
Naming variants are listed under "similar", never merged; 十三五 rows are
their own rows, apart from the 2025 targets.

--against PLAN compares every target with PLAN's for the same indicator:
meets, stronger, weaker, not comparable (counts such as 社会工作人才总量
depend on the size of the place: only rates, ratios and coverage are
compared), or missing (PLAN sets a target, the plan none).
--rank lists, for each indicator, every loaded plan's value sorted (largest
first; --asc for smallest first) with a bar, the reference's value marked,
and the plans that set nothing.
--format csv (UTF-8 with a BOM, one row per plan and indicator), md (a
Markdown matrix: indicators down, plans across), json (or --json).

Exit status: 0 when an indicator matched, 1 when none did (stderr says so),
2 on a usage error.`,
		Example: `  planview compare 护理型床位
  planview compare 低保 --against 怀化 --format md
  planview compare 护理型床位占比 --rank`,
		Args:              maxArgs(1, "compare takes at most one QUERY (quote a phrase with spaces)"),
		ValidArgsFunction: completeNothing,
		RunE:              e.runner(runCompare),
	}
	e.formatFlag(c)
	e.valueFlag(c.Flags(), "against", "PLAN", "compare every target with this plan's")
	e.completeFlag(c, "against", e.completePlan)
	e.boolFlag(c.Flags(), "rank", "rank every plan's value for each indicator, with bars")
	e.boolFlag(c.Flags(), "asc", "with --rank: smallest first")
	return c
}

// formatAndPlans checks the output format, then loads the plans.
func (e *Env) formatAndPlans() (string, []*model.Plan, int) {
	format, code := e.format()
	if code != ExitOK {
		return "", nil, code
	}
	plans, code := e.LoadPlans(nil)
	return format, plans, code
}

// format returns the output format asked for, or "" and a usage error.
func (e *Env) format() (string, int) {
	f := e.Flag("format")
	if e.JSON {
		f = "json"
	}
	switch f {
	case "":
		return "table", ExitOK
	case "table", "csv", "md", "json":
		return f, ExitOK
	case "markdown":
		return "md", ExitOK
	}
	return "", e.Usagef("--format: unknown format %q (table, csv, md or json)", f)
}

// valueJSON is one plan's value in the JSON of indicators and compare: the
// indicator's own fields, with its file, line and verdict.
type valueJSON struct {
	*indicator.Indicator
	Source      string `json:"source"`
	Quoted      string `json:"source_quoted,omitempty"` // see listEntry
	Line        int    `json:"line"`
	VsReference string `json:"vs_reference,omitempty"`
	Reason      string `json:"reason,omitempty"`
}

func toJSON(p *model.Plan, in *indicator.Indicator, e *indicator.Entry) valueJSON {
	v := valueJSON{Indicator: in, Source: p.Source, Quoted: quotedSource(p.Source), Line: in.Loc.Line}
	if e != nil && e.Verdict != indicator.NoVerdict {
		v.VsReference, v.Reason = e.Verdict.String(), e.Reason
	}
	return v
}

// fromLabel is how a listing says where a value was read.
func fromLabel(in *indicator.Indicator) string {
	s := string(in.From)
	if n := len(in.Support); n > 0 {
		s += fmt.Sprintf(" +%d text", n)
	}
	if in.Conflict {
		s += " conflict"
	}
	return s
}

func runIndicators(e *Env, args []string) int {
	format, plans, code := e.formatAndPlans()
	if code != ExitOK {
		return code
	}
	if plans, code = e.planOrAll(plans, args); code != ExitOK {
		return code
	}
	all := indicator.ExtractAll(plans)
	header := []string{"plan", "source", "line", "from", "year", "category", "name", "unit", "base", "base_year", "target", "comparator", "value", "actual", "status", "attribute", "sentence"}
	var out []valueJSON
	var rows [][]string
	for i, p := range plans {
		for j := range all[i] {
			in := &all[i][j]
			out = append(out, toJSON(p, in, nil))
			rows = append(rows, []string{p.ID, p.Source, strconv.Itoa(in.Loc.Line), fromLabel(in), year(in.Year), in.Category, in.Name, in.Unit,
				in.Base, year(in.BaseYear), in.Target, in.Comparator, number(in.Value), in.Actual, in.Status, in.Attribute, in.Sentence})
		}
	}
	code = e.writeIndicators(format, header, rows, out)
	if len(rows) == 0 {
		e.Errorf("no indicators found in %s", inPlans(plans))
		return ExitFail
	}
	return code
}

// writeIndicators prints the rows of indicators in format (out for JSON).
func (e *Env) writeIndicators(format string, header []string, rows [][]string, out []valueJSON) int {
	switch format {
	case "json":
		if out == nil {
			out = []valueJSON{}
		}
		return e.WriteJSON(out)
	case "csv":
		return e.writeCSV(header, rows)
	case "md":
		e.writeMarkdown([]string{"plan", "line", "from", "year", "name", "unit", "base", "target", "attribute", "actual", "status"}, project(rows, 0, 2, 3, 4, 6, 7, 8, 10, 15, 13, 14))
		return ExitOK
	}
	table := [][]string{{"PLAN:LINE", "FROM", "YEAR", "NAME", "UNIT", "BASE", "TARGET", "ATTR", "ACTUAL", "STATUS"}}
	for _, r := range rows {
		table = append(table, []string{r[0] + ":" + r[2], r[3], r[4], r[6], r[7], r[8], r[10], r[15], r[13], r[14]})
	}
	for _, l := range columns(table, nil) {
		e.Println(strings.TrimRight(l, " "))
	}
	return ExitOK
}

func year(y int) string {
	if y == 0 {
		return ""
	}
	return strconv.Itoa(y)
}

func number(v *float64) string {
	if v == nil {
		return ""
	}
	return strconv.FormatFloat(*v, 'f', -1, 64)
}

// project picks columns of rows.
func project(rows [][]string, cols ...int) [][]string {
	out := make([][]string, len(rows))
	for i, r := range rows {
		out[i] = make([]string, len(cols))
		for j, c := range cols {
			out[i][j] = r[c]
		}
	}
	return out
}

// writeCSV writes UTF-8 CSV with a BOM, so that a spreadsheet reads the
// Chinese as UTF-8. Cells are made safe for a terminal first.
func (e *Env) writeCSV(header []string, rows [][]string) int {
	e.Stdout.Write([]byte("\uFEFF"))
	w := csv.NewWriter(e.Stdout)
	w.Write(header)
	for _, r := range rows {
		c := make([]string, len(r))
		for i, s := range r {
			c[i] = render.Clean(s)
		}
		w.Write(c)
	}
	w.Flush()
	if err := w.Error(); err != nil {
		e.Errorf("%v", err)
		return ExitFail
	}
	return ExitOK
}

// writeMarkdown writes a Markdown table; | in cells is escaped.
func (e *Env) writeMarkdown(header []string, rows [][]string) {
	line := func(cells []string) string {
		c := make([]string, len(cells))
		for i, s := range cells {
			c[i] = strings.ReplaceAll(render.Clean(s), "|", `\|`)
		}
		return "| " + strings.Join(c, " | ") + " |"
	}
	e.Println(line(header))
	sep := make([]string, len(header))
	for i := range sep {
		sep[i] = "---"
	}
	e.Println("|" + strings.Join(sep, "|") + "|")
	for _, r := range rows {
		e.Println(line(r))
	}
}
