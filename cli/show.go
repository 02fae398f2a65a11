package cli

import (
	"errors"
	"strings"

	"github.com/spf13/cobra"

	"planview/model"
	"planview/render"
)

func newShowCmd(e *Env) *cobra.Command {
	return &cobra.Command{
		Use:   "show PLAN [SECTION]",
		Short: "the text of a plan, or of one section, with tables drawn",
		Long: `Prints the text of PLAN, or of one SECTION with its subsections: headings,
paragraphs, list items, tables drawn with columns aligned by display width,
and 专栏 boxes.

SECTION is a path from 'planview outline' (3.4), a number as written in the
plan (第三章, （一）) when it is unique, or a unique part of a heading.
When only one plan is loaded (--path FILE), PLAN may be left out: the one
argument is the plan, else a section of it.

On a terminal, text is wrapped to its width (or to --width N). When stdout is
not a terminal, paragraphs are not wrapped (one line each) unless --width is
given. A table too wide for the width has its long cells wrapped within their
columns; if it still cannot fit, it is printed whole (wider than the width)
rather than cut.`,
		Example: `  planview show 天门 1.5
  planview show 通道 第二章 --width 80
  planview show 懷化 --json
  planview show --path my-plan.txt 3.4     # one plan loaded: no PLAN needed`,
		Args:              maxArgs(2, showTakes),
		ValidArgsFunction: byPosition(e.completePlanOrSection, e.completeSection),
		RunE:              e.runner(runShow),
	}
}

const showTakes = "show takes a PLAN and optionally a SECTION"

func runShow(e *Env, args []string) int {
	plans, code := e.LoadPlans(nil)
	if code != ExitOK {
		return code
	}
	p, sec, code := e.showTarget(plans, args)
	if p == nil {
		return code
	}
	if e.JSON {
		// The pieces of the JSON are garbage at once: the same soft limit
		// as the browser's makes the collector take them back before the
		// heap doubles (a 48 MB plan: 530 MB peak whole, 258 MB streamed,
		// 198 MB with the limit, what loading it alone takes).
		limitMemory(plans)
		js := &jsonStream{w: e.Stdout}
		if sec != nil {
			js.section(0, sec)
			js.raw("\n")
		} else {
			js.plan(p)
		}
		if js.err != nil {
			e.Errorf("%v", js.err)
			return ExitFail
		}
		return ExitOK
	}
	var lines []string
	if sec != nil {
		lines = sectionLines(nil, sec, e.TextWidth())
	} else {
		lines = planLines(p, e.TextWidth())
	}
	for _, l := range lines {
		e.Println(l)
	}
	return ExitOK
}

// showTarget is what show's arguments name: PLAN, and the SECTION of it
// when given (sec nil: the whole plan). With only one plan loaded, PLAN
// may be left out: a lone argument is the plan if it names it, else a
// section of it.
func (e *Env) showTarget(plans []*model.Plan, args []string) (p *model.Plan, sec *model.Section, code int) {
	if len(plans) == 1 && len(args) == 1 {
		if _, err := SelectPlan(plans, args[0]); err != nil {
			return e.sectionOfOnly(plans[0], args[0])
		}
	}
	if p, code = e.planArg(plans, args, showTakes); p == nil || len(args) < 2 {
		return p, nil, code
	}
	return e.section(p, args[1])
}

// sectionOfOnly is the section of p, the only plan loaded, that query
// names; query names neither p nor a section of it when it fails.
func (e *Env) sectionOfOnly(p *model.Plan, query string) (*model.Plan, *model.Section, int) {
	s, err := SelectSection(p, query)
	var se *SectionError
	if errors.As(err, &se) && se.Ambiguous == nil {
		return nil, nil, e.Usagef("%v\n%q is not the plan loaded either; %s", err, query, e.pathHint())
	}
	if err != nil {
		return nil, nil, e.Usagef("%v", err)
	}
	return p, s, ExitOK
}

// section is SelectSection that prints the error and returns ExitUsage.
func (e *Env) section(p *model.Plan, query string) (*model.Plan, *model.Section, int) {
	s, err := SelectSection(p, query)
	if err != nil {
		return nil, nil, e.Usagef("%v", err)
	}
	return p, s, ExitOK
}

// planLines lays a whole plan out for width cells (0: no wrapping).
func planLines(p *model.Plan, width int) []string {
	lay := textLayout{width: width}
	out := render.Wrap(planHeading(p), width, "")
	out = lay.blocks(out, p.Preamble)
	for _, s := range p.Sections {
		out = lay.section(out, s)
	}
	return out
}

// sectionLines appends a section — heading, blocks, subsections — to out.
func sectionLines(out []string, s *model.Section, width int) []string {
	return textLayout{width: width}.section(out, s)
}

// textLayout lays text out for printing, width cells wide (0: no
// wrapping). A printed table cannot scroll: by default a table that cannot
// fit the width even with its columns wrapped is drawn whole (its long
// cells wrapped in columns of at most 24 cells). fitted keeps every line
// within the width instead, as a column of `side` must: such a table shows
// as the reader shows it before scrolling sideways (first column frozen,
// the columns that fit), and a box is no wider than the width.
type textLayout struct {
	width  int
	fitted bool
}

// section appends a section — heading, blocks, subsections — to out.
func (lay textLayout) section(out []string, s *model.Section) []string {
	if len(out) > 0 {
		out = append(out, "")
	}
	out = append(out, render.Wrap(headingText(s), lay.width, "")...)
	out = lay.blocks(out, s.Blocks)
	for _, c := range s.Children {
		out = lay.section(out, c)
	}
	return out
}

// blocks appends blocks to out, a blank line before each.
func (lay textLayout) blocks(out []string, bs []model.Block) []string {
	for i := range bs {
		out = append(out, "")
		out = append(out, lay.block(&bs[i])...)
	}
	return out
}

// block lays one block out.
func (lay textLayout) block(b *model.Block) []string {
	width := lay.width
	switch b.Kind {
	case model.TableBlock:
		if b.Table == nil {
			return nil
		}
		l := render.LayoutTable(b.Table, width)
		if l.MaxOffset() > 0 && !lay.fitted {
			return l.Full()
		}
		return l.Lines(0)
	case model.BoxBlock:
		inner := 0
		if width > 0 {
			inner = render.BoxInner(width)
		}
		in := textLayout{width: inner, fitted: lay.fitted}
		var body []string
		for i := range b.Children {
			if i > 0 {
				body = append(body, "")
			}
			body = append(body, in.block(&b.Children[i])...)
		}
		bw := width
		if bw > 0 && !lay.fitted {
			for _, l := range body {
				bw = max(bw, render.Width(l)+4)
			}
		}
		return render.Box(strings.TrimSpace(b.Text), body, bw)
	}
	return render.Block(b, width)
}
