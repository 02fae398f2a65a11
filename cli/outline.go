package cli

import (
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"planview/model"
	"planview/render"
)

func newOutlineCmd(e *Env) *cobra.Command {
	return &cobra.Command{
		Use:   "outline PLAN",
		Short: "the plan's outline tree, with section paths and source lines",
		Long: `Prints the outline of PLAN, one heading per line, indented by level:
the source line of the heading, the section's path (give it to 'planview show
PLAN PATH'), and the heading. PLAN is an id or any unique part of an id, title
or region; it may be left out when only one plan is loaded.`,
		Example: `  planview outline 天门
  planview outline tongdao --json
  planview outline --path my-plan.txt      # one plan loaded: no PLAN needed`,
		Args:              maxArgs(1, "outline takes one PLAN"),
		ValidArgsFunction: byPosition(e.completePlan),
		RunE:              e.runner(runOutline),
	}
}

// outlineNode is the JSON form of a section without its blocks.
type outlineNode struct {
	Path      string        `json:"path"`
	Level     int           `json:"level"`
	Kind      string        `json:"kind"`
	Number    string        `json:"number"`
	Title     string        `json:"title"`
	Line      int           `json:"line"`
	Synthetic bool          `json:"synthetic"`
	Children  []outlineNode `json:"children"`
}

type outlineJSON struct {
	ID       string        `json:"id"`
	Title    string        `json:"title"`
	Region   string        `json:"region"`
	Source   string        `json:"source"`
	Quoted   string        `json:"source_quoted,omitempty"` // see listEntry
	Sections []outlineNode `json:"sections"`
}

func outlineNodes(ss []*model.Section) []outlineNode {
	out := make([]outlineNode, 0, len(ss))
	for _, s := range ss {
		out = append(out, outlineNode{
			Path: s.Path, Level: s.Level, Kind: s.Kind.String(), Number: s.Number, Title: s.Title,
			Line: s.Line, Synthetic: s.Synthetic, Children: outlineNodes(s.Children),
		})
	}
	return out
}

func runOutline(e *Env, args []string) int {
	plans, code := e.LoadPlans(nil)
	if code != ExitOK {
		return code
	}
	p, code := e.planArg(plans, args, "outline takes one PLAN")
	if p == nil {
		return code
	}
	if e.JSON {
		return e.WriteJSON(outlineJSON{ID: p.ID, Title: p.Title, Region: p.Region, Source: p.Source, Quoted: quotedSource(p.Source), Sections: outlineNodes(p.Sections)})
	}
	for _, l := range outlineLines(p, e.TextWidth()) {
		e.Println(l)
	}
	return ExitOK
}

// outlineLines lays an outline out: a title line, then per section its
// source line, its path and its heading indented by level, cut to width
// (0: no limit).
func outlineLines(p *model.Plan, width int) []string {
	out := append(render.Wrap(planHeading(p), width, ""), "")
	lw, pw := len("LINE"), len("PATH")
	p.Walk(func(s *model.Section) {
		lw = max(lw, len(strconv.Itoa(s.Line)))
		pw = max(pw, len(s.Path))
	})
	out = append(out, render.PadLeft("LINE", lw)+"  "+render.Pad("PATH", pw)+"  HEADING")
	p.Walk(func(s *model.Section) {
		line := "-"
		if s.Line > 0 {
			line = strconv.Itoa(s.Line)
		}
		l := render.PadLeft(line, lw) + "  " + render.Pad(s.Path, pw) + "  " +
			strings.Repeat("  ", max(s.Level-1, 0)) + headingText(s)
		if width > 0 {
			l = strings.TrimRight(render.Truncate(l, width), " ")
		}
		out = append(out, l)
	})
	return out
}

// planHeading is "title — region (id)".
func planHeading(p *model.Plan) string {
	var parts []string
	if t := render.Clean(p.Title); t != "" {
		parts = append(parts, t)
	}
	if r := render.Clean(p.Region); r != "" {
		parts = append(parts, r)
	}
	id := render.Clean(p.ID)
	if len(parts) == 0 {
		return id // a plan with no title line and no region: its id alone
	}
	return strings.Join(parts, " — ") + " (" + id + ")"
}
