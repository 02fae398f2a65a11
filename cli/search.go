package cli

import (
	"context"
	"errors"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"planview/render"
	"planview/search"
)

func newSearchCmd(e *Env) *cobra.Command {
	c := &cobra.Command{
		Use:   "search QUERY [PATH...]",
		Short: "find a phrase in every plan (Traditional/Simplified, full width, line breaks folded)",
		Long: `Prints one line per hit: plan:line, the section (path and heading), and a
line of context with the hit marked «like this» (bold on a terminal).
The query and the plans are compared after folding: Traditional characters
read as Simplified (養老床位 finds 养老床位), full-width letters, digits and
punctuation as ASCII, Latin in lower case, and spaces and line breaks inside a
paragraph, table cell or heading are ignored (养老床位 finds 养老\n床位 and
"2025年" finds "2025 年").

--count prints the number of hits per plan instead. --json prints an array of
hits (plan, title, section, titles, heading, line, kind, block, row, col, sub,
match, context, context_start, context_end, start, end: offsets are UTF-8
bytes; start/end point into the block's text, or the cell's for a table cell),
or with --count an array of {plan, title, count}.

Exit status: 0 when something was found, 1 when nothing was (stderr says
so), 2 on a usage error.`,
		Example: `  planview search 养老床位
  planview search 養老床位 --count
  planview search "2025年" my-plans/ --json`,
		ValidArgsFunction: repeatLast(completeNothing, completeFiles),
		RunE:              e.runner(runSearch),
	}
	e.boolFlag(c.Flags(), "count", "print the number of hits per plan")
	return c
}

type searchHitJSON struct {
	Plan         string   `json:"plan"`
	Title        string   `json:"title"`
	Section      string   `json:"section"`
	Titles       []string `json:"titles"`
	Heading      string   `json:"heading"`
	Line         int      `json:"line"`
	Kind         string   `json:"kind"`
	Block        int      `json:"block"`
	Row          int      `json:"row"`
	Col          int      `json:"col"`
	Sub          int      `json:"sub"`
	Match        string   `json:"match"`
	Context      string   `json:"context"`
	ContextStart int      `json:"context_start"`
	ContextEnd   int      `json:"context_end"`
	Start        int      `json:"start"`
	End          int      `json:"end"`
}

type searchCountJSON struct {
	Plan  string `json:"plan"`
	Title string `json:"title"`
	Count int    `json:"count"`
}

func runSearch(e *Env, args []string) int {
	if len(args) == 0 {
		return e.Usagef("search needs a QUERY")
	}
	query := args[0]
	if search.Fold(query) == "" {
		return e.Usagef("the query %q has nothing to search for", query)
	}
	plans, code := e.LoadPlans(args[1:])
	if code != ExitOK {
		return code
	}
	ix := search.New(plans)
	res, err := ix.Search(context.Background(), query)
	if err != nil {
		if errors.Is(err, search.ErrEmptyQuery) {
			return e.Usagef("the query %q has nothing to search for", query)
		}
		e.Errorf("%v", err)
		return ExitFail
	}
	code = ExitOK
	if res.Len() == 0 {
		e.Errorf("no hits for %q in %s", query, inPlans(plans))
		code = ExitFail
	}

	if e.Bool("count") {
		counts := res.Counts()
		if e.JSON {
			out := make([]searchCountJSON, len(counts))
			for i, c := range counts {
				out[i] = searchCountJSON{Plan: c.Plan.ID, Title: c.Plan.Title, Count: c.Count}
			}
			if e.WriteJSON(out) != ExitOK {
				return ExitFail
			}
			return code
		}
		for _, c := range counts {
			e.Println(render.Clean(c.Plan.ID) + ":" + strconv.Itoa(c.Count))
		}
		return code
	}

	hits := res.Hits()
	if e.JSON {
		titles := map[string]string{}
		for _, p := range plans {
			titles[p.ID] = p.Title
		}
		out := make([]searchHitJSON, len(hits))
		for i, h := range hits {
			out[i] = searchHitJSON{
				Plan: h.Loc.Plan, Title: titles[h.Loc.Plan], Section: h.Loc.Section,
				Titles: h.Loc.Titles, Heading: lastTitle(h.Loc.Titles), Line: h.Loc.Line,
				Kind: string(h.Kind), Block: h.Loc.Block, Row: h.Loc.Row, Col: h.Loc.Col, Sub: h.Sub,
				Match: h.Match, Context: h.Context, ContextStart: h.CtxStart, ContextEnd: h.CtxEnd,
				Start: h.Start, End: h.End,
			}
			if out[i].Titles == nil {
				out[i].Titles = []string{}
			}
		}
		if e.WriteJSON(out) != ExitOK {
			return ExitFail
		}
		return code
	}
	open, close := "«", "»"
	if e.IsTerminal() {
		open, close = "\x1b[1m", "\x1b[0m"
	}
	for _, h := range hits {
		e.printHit(h, open, close)
	}
	return code
}

// printHit writes one hit on one line:
//
//	plan:line  path heading[ cell r,c]  context with «the hit» marked
func (e *Env) printHit(h search.Hit, open, close string) {
	var b strings.Builder
	b.WriteString(render.Clean(h.Loc.Plan))
	b.WriteString(":")
	b.WriteString(strconv.Itoa(h.Loc.Line))
	b.WriteString("  ")
	if h.Loc.Section == "" {
		b.WriteString("(preamble)")
	} else {
		b.WriteString(render.Clean(h.Loc.Section))
		if t := lastTitle(h.Loc.Titles); t != "" {
			b.WriteString(" ")
			b.WriteString(render.Clean(t))
		}
	}
	if h.Kind == search.KindCell {
		b.WriteString(" [row " + strconv.Itoa(h.Loc.Row+1) + " col " + strconv.Itoa(h.Loc.Col+1) + "]") // 1-based for people; JSON stays 0-based
	}
	b.WriteString("  ")
	// The pieces are cleaned apart so the mark (an SGR on a terminal) is
	// the only thing not from the plan.
	b.WriteString(render.Clean(h.Context[:h.CtxStart]))
	b.WriteString(open)
	b.WriteString(render.Clean(h.Context[h.CtxStart:h.CtxEnd]))
	b.WriteString(close)
	b.WriteString(render.Clean(h.Context[h.CtxEnd:]))
	b.WriteString("\n")
	e.Stdout.Write([]byte(b.String()))
}

func lastTitle(titles []string) string {
	if len(titles) == 0 {
		return ""
	}
	return titles[len(titles)-1]
}
