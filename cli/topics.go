package cli

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"planview/indicator"
	"planview/model"
	"planview/render"
	"planview/search"
	"planview/topic"
)

func newTopicsCmd(e *Env) *cobra.Command {
	return &cobra.Command{
		Use:   "topics [PLAN]",
		Short: "the sections of each plan (or one) by topic, and the topics a plan does not cover",
		Long: `Lists, for every plan (or PLAN), the sections about each topic of the genre
(` + strings.Join(topic.All, ", ") + `):
path, source line, heading, and how the section was classified — by its
heading, by its subsections (an untitled parent where a plan's headings were
lost), by its text (a heading that says nothing, such as 第三节), or as part of
its parent. A section is listed once per topic: its subsections are part of it.
Then the topics the plan does not cover. Traditional text is classified as
Simplified is. How sections are classified: docs/topics.md.`,
		Example: `  planview topics
  planview topics 吉首 --json`,
		Args:              maxArgs(1, "topics takes at most one PLAN"),
		ValidArgsFunction: byPosition(e.completePlan),
		RunE:              e.runner(runTopics),
	}
}

func newSideCmd(e *Env) *cobra.Command {
	return &cobra.Command{
		Use:   "side TOPIC PLAN PLAN...",
		Short: "two or more plans' sections on one topic, side by side",
		Long: `Prints the sections of each PLAN about TOPIC in columns side by side, like
diff -y or pr -m: the columns share the width (--width, else the terminal's,
else 160) and each column is wrapped to its share, by display width, never
splitting a wide character; the n-th section of every plan starts on the same
line. A plan with nothing on the topic says so. TOPIC is any unique part of a
topic's name (养老 for 养老服务); planview topics lists them.
--json gives the sections per plan (path, line, heading, text).`,
		Example: `  planview side 养老 通道 天门 --width 100
  planview side 儿童 天门 吉首 通道 --json`,
		ValidArgsFunction: repeatLast(completeTopic, e.completePlan),
		RunE:              e.runner(runSide),
	}
}

type topicSectionJSON struct {
	Path    string `json:"path"`
	Line    int    `json:"line"`
	Heading string `json:"heading"`
	By      string `json:"by"`
}

type topicJSON struct {
	Topic    string             `json:"topic"`
	Sections []topicSectionJSON `json:"sections"`
}

type planTopicsJSON struct {
	Plan    string      `json:"plan"`
	Title   string      `json:"title"`
	Region  string      `json:"region"`
	Topics  []topicJSON `json:"topics"`
	Missing []string    `json:"missing"`
}

func runTopics(e *Env, args []string) int {
	plans, code := e.LoadPlans(nil)
	if code != ExitOK {
		return code
	}
	if plans, code = e.planOrAll(plans, args); code != ExitOK {
		return code
	}
	out := make([]planTopicsJSON, len(plans))
	for i, p := range plans {
		tp := topic.Classify(p)
		o := planTopicsJSON{Plan: p.ID, Title: p.Title, Region: p.Region, Topics: []topicJSON{}, Missing: tp.Missing()}
		if o.Missing == nil {
			o.Missing = []string{}
		}
		for _, t := range topic.All {
			tj := topicJSON{Topic: t, Sections: []topicSectionJSON{}}
			for _, s := range tp.Sections(t) {
				tj.Sections = append(tj.Sections, topicSectionJSON{Path: s.Path, Line: s.Line, Heading: headingText(s), By: tp.How[s]})
			}
			o.Topics = append(o.Topics, tj)
		}
		out[i] = o
	}
	if e.JSON {
		return e.WriteJSON(out)
	}
	for i, o := range out {
		if i > 0 {
			e.Println("")
		}
		e.Println(o.Title + " — " + o.Region + " (" + o.Plan + ")")
		rows := [][]string{{"TOPIC", "PATH", "LINE", "BY", "HEADING"}}
		for _, tj := range o.Topics {
			for j, s := range tj.Sections {
				name := ""
				if j == 0 {
					name = tj.Topic
				}
				line := "-"
				if s.Line > 0 {
					line = strconv.Itoa(s.Line)
				}
				rows = append(rows, []string{name, s.Path, line, s.By, s.Heading})
			}
		}
		for _, l := range columns(rows, []bool{false, false, true}) {
			e.Println(strings.TrimRight(l, " "))
		}
		if len(o.Missing) == 0 {
			e.Println("covers every topic")
		} else {
			e.Println("not covered: " + strings.Join(o.Missing, ", "))
		}
	}
	return ExitOK
}

// findTopic returns the topic whose name holds query (folded), or an error
// naming the candidates.
func findTopic(query string) (string, error) {
	q := search.Fold(query)
	var found []string
	for _, t := range topic.All {
		if search.Fold(t) == q {
			return t, nil
		}
		if q != "" && strings.Contains(search.Fold(t), q) {
			found = append(found, t)
		}
	}
	switch len(found) {
	case 1:
		return found[0], nil
	case 0:
		return "", fmt.Errorf("no topic %q; topics: %s", query, strings.Join(topic.All, ", "))
	}
	return "", fmt.Errorf("%q matches %s: say which", query, strings.Join(found, ", "))
}

// Side by side: the columns are sideGap cells apart (" │ "), and each is at
// least minSideColumn cells wide.
const (
	sideGap       = 3
	minSideColumn = 20
	// defaultSideWidth is the width of side's output when it goes to a
	// pipe and --width is not given: a report page in landscape.
	defaultSideWidth = 160
)

type sideSectionJSON struct {
	Path    string `json:"path"`
	Line    int    `json:"line"`
	Heading string `json:"heading"`
	By      string `json:"by"`
	Text    string `json:"text"`
}

type sidePlanJSON struct {
	Plan     string            `json:"plan"`
	Title    string            `json:"title"`
	Region   string            `json:"region"`
	Sections []sideSectionJSON `json:"sections"`
}

func runSide(e *Env, args []string) int {
	if len(args) < 3 {
		return e.Usagef("side needs a TOPIC and two PLANs or more")
	}
	t, err := findTopic(args[0])
	if err != nil {
		return e.Usagef("%v", err)
	}
	all, code := e.LoadPlans(nil)
	if code != ExitOK {
		return code
	}
	var plans []*model.Plan
	for _, a := range args[1:] {
		p, code := e.Plan(all, a)
		if code != ExitOK {
			return code
		}
		plans = append(plans, p)
	}
	sections := make([][]*model.Section, len(plans))
	how := make([]*topic.Plan, len(plans))
	for i, p := range plans {
		how[i] = topic.Classify(p)
		sections[i] = how[i].Sections(t)
	}
	if e.JSON {
		out := make([]sidePlanJSON, len(plans))
		for i, p := range plans {
			out[i] = sidePlanJSON{Plan: p.ID, Title: p.Title, Region: p.Region, Sections: []sideSectionJSON{}}
			for _, s := range sections[i] {
				text := strings.Join(sectionLines(nil, s, 0), "\n")
				out[i].Sections = append(out[i].Sections, sideSectionJSON{Path: s.Path, Line: s.Line, Heading: headingText(s), By: how[i].How[s], Text: text})
			}
		}
		return e.WriteJSON(out)
	}
	width := e.TextWidth()
	if width == 0 {
		width = defaultSideWidth
	}
	colW := (width - sideGap*(len(plans)-1)) / len(plans)
	if colW < minSideColumn {
		return e.Usagef("%d columns need %d cells at least; --width is %d", len(plans), len(plans)*minSideColumn+sideGap*(len(plans)-1), width)
	}
	for _, l := range sideBySide(plans, sections, t, colW) {
		e.Println(strings.TrimRight(l, " "))
	}
	return ExitOK
}

// sideBySide lays the plans' sections out in columns colW cells wide: a
// heading line per plan, a rule, then the sections, the n-th section of
// every column starting on the same line (the shorter padded with blank
// lines, as a side-by-side diff aligns hunks).
func sideBySide(plans []*model.Plan, sections [][]*model.Section, t string, colW int) []string {
	lay := textLayout{width: colW, fitted: true}
	hunks := 0
	for _, ss := range sections {
		hunks = max(hunks, len(ss), 1)
	}
	cols := make([][]string, len(plans))
	for i, p := range plans {
		head := render.Wrap(indicator.ShortName(p.Region)+" · "+t, colW, "")
		cols[i] = append(head, strings.Repeat("─", colW))
	}
	align(cols)
	for h := 0; h < hunks; h++ {
		for i, p := range plans {
			var part []string
			switch {
			case h < len(sections[i]):
				part = lay.section(nil, sections[i][h])
			case h == 0:
				part = render.Wrap(indicator.ShortName(p.Region)+": nothing on "+t, colW, "")
			}
			if h > 0 {
				part = append([]string{""}, part...)
			}
			cols[i] = append(cols[i], part...)
		}
		align(cols)
	}
	sep := " " + render.Sanitize("│") + " "
	if render.Width("│") != 1 {
		sep = " | "
	}
	out := make([]string, len(cols[0]))
	for li := range out {
		var b strings.Builder
		for i := range cols {
			if i > 0 {
				b.WriteString(sep)
			}
			b.WriteString(render.Pad(render.Truncate(cols[i][li], colW), colW))
		}
		out[li] = b.String()
	}
	return out
}

// align pads every column with empty lines to the longest.
func align(cols [][]string) {
	n := 0
	for _, c := range cols {
		n = max(n, len(c))
	}
	for i := range cols {
		for len(cols[i]) < n {
			cols[i] = append(cols[i], "")
		}
	}
}
