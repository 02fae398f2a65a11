package cli

import (
	"strconv"
	"unicode/utf8"

	"github.com/spf13/cobra"

	"planview/render"
)

func newListCmd(e *Env) *cobra.Command {
	return &cobra.Command{
		Use:   "list [PATH...]",
		Short: "one line per plan: id, title, region, chapters, sections, tables",
		Long: `Lists the plans: the embedded ones, or those in the files and folders given
(as arguments or with --path). chapters counts top-level sections, sections
counts sections at every level, tables counts tables (in 专栏 boxes too).`,
		Example: `  planview list
  planview list my-plans/ --json`,
		ValidArgsFunction: completeFiles,
		RunE:              e.runner(runList),
	}
}

type listEntry struct {
	ID       string `json:"id"`
	Title    string `json:"title"`
	Region   string `json:"region"`
	Chapters int    `json:"chapters"`
	Sections int    `json:"sections"`
	Tables   int    `json:"tables"`
	Source   string `json:"source"`
	// SourceQuoted is the file name in Go's quoting (\xNN for each byte
	// that is not UTF-8), set only when the name is not UTF-8: JSON turns
	// such bytes into U+FFFD, and $'…' in a shell takes this form back.
	SourceQuoted string `json:"source_quoted,omitempty"`
}

func runList(e *Env, args []string) int {
	plans, code := e.LoadPlans(args)
	if code != ExitOK {
		return code
	}
	entries := make([]listEntry, len(plans))
	for i, p := range plans {
		c, s, t := p.Counts()
		entries[i] = listEntry{ID: p.ID, Title: p.Title, Region: p.Region, Chapters: c, Sections: s, Tables: t, Source: p.Source, SourceQuoted: quotedSource(p.Source)}
	}
	if e.JSON {
		return e.WriteJSON(entries)
	}
	rows := [][]string{{"ID", "TITLE", "REGION", "CHAPTERS", "SECTIONS", "TABLES"}}
	for _, en := range entries {
		rows = append(rows, []string{en.ID, en.Title, en.Region,
			strconv.Itoa(en.Chapters), strconv.Itoa(en.Sections), strconv.Itoa(en.Tables)})
	}
	for _, l := range columns(rows, []bool{false, false, false, true, true, true}) {
		e.Println(l)
	}
	return ExitOK
}

// quotedSource is strconv.Quote(source) when source is not UTF-8, else "".
func quotedSource(source string) string {
	if utf8.ValidString(source) {
		return ""
	}
	return strconv.Quote(source)
}

// columns aligns rows of cells by display width, two spaces apart; right
// marks the columns to right-align. Cells are made safe and flat first.
func columns(rows [][]string, right []bool) []string {
	var widths []int
	for _, r := range rows {
		for j, c := range r {
			r[j] = render.Clean(c)
			if j >= len(widths) {
				widths = append(widths, 0)
			}
			widths[j] = max(widths[j], render.Width(r[j]))
		}
	}
	out := make([]string, len(rows))
	for i, r := range rows {
		line := ""
		for j, c := range r {
			if j > 0 {
				line += "  "
			}
			switch {
			case j < len(right) && right[j]:
				line += render.PadLeft(c, widths[j])
			case j == len(r)-1:
				line += c
			default:
				line += render.Pad(c, widths[j])
			}
		}
		out[i] = line
	}
	return out
}
