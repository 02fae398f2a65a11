package cli

import (
	"strconv"
	"strings"

	"planview/indicator"
	"planview/model"
	"planview/render"
)

// rankBarWidth is the width of a bar in compare --rank.
const rankBarWidth = 30

func runCompare(e *Env, args []string) int {
	format, plans, code := e.formatAndPlans()
	if code != ExitOK {
		return code
	}
	ref := -1
	if a := e.Flag("against"); a != "" {
		p, code := e.Plan(plans, a)
		if code != ExitOK {
			return code
		}
		for i := range plans {
			if plans[i] == p {
				ref = i
			}
		}
	}
	query := ""
	if len(args) == 1 {
		query = args[0]
	}
	m := indicator.Build(plans, indicator.ExtractMatching(plans, query))
	m.Against(ref)
	sel := m.Filter(query)
	if len(sel) == 0 {
		if format == "json" {
			e.WriteJSON(compareJSON{Indicators: []rowJSON{}})
		}
		if query == "" {
			e.Errorf("no indicators found in %s", inPlans(plans))
		} else {
			e.Errorf("no indicator matches %q in %s", query, inPlans(plans))
		}
		return ExitFail
	}
	switch format {
	case "json":
		return e.WriteJSON(toCompareJSON(m, sel))
	case "csv":
		return e.compareCSV(m, sel)
	case "md":
		e.compareMarkdown(m, sel)
		return ExitOK
	}
	if e.Bool("rank") {
		for i, ri := range sel {
			if i > 0 {
				e.Println("")
			}
			e.rank(m, m.Rows[ri], !e.Bool("asc"))
		}
		return ExitOK
	}
	for i, ri := range sel {
		if i > 0 {
			e.Println("")
		}
		e.compareRow(m, ri)
	}
	return ExitOK
}

type compareJSON struct {
	Reference  string    `json:"reference,omitempty"`
	Indicators []rowJSON `json:"indicators"`
}

type rowJSON struct {
	Key     string      `json:"key"`
	Name    string      `json:"name"`
	Unit    string      `json:"unit"`
	Year    int         `json:"year"`
	Topic   string      `json:"topic,omitempty"`
	Similar []string    `json:"similar"`
	Values  []valueJSON `json:"values"`
	Missing []string    `json:"missing"`
}

func toRowJSON(m *indicator.Matrix, r *indicator.Row) rowJSON {
	o := rowJSON{Key: r.Key, Name: r.Name, Unit: r.Unit, Year: r.Year, Topic: r.Topic, Similar: []string{}, Values: []valueJSON{}, Missing: []string{}}
	for _, s := range r.Similar {
		o.Similar = append(o.Similar, m.Rows[s].Name)
	}
	for i := range r.Entries {
		en := &r.Entries[i]
		o.Values = append(o.Values, toJSON(m.Plans[en.Plan], en.In, en))
	}
	for _, p := range m.Missing(r) {
		o.Missing = append(o.Missing, m.Plans[p].ID)
	}
	return o
}

// rowLabel names a row: its name, unit, target year and topic.
func rowLabel(r *indicator.Row) string {
	parts := []string{r.Name}
	if r.Unit != "" {
		parts = append(parts, r.Unit)
	}
	if r.Year != 0 {
		parts = append(parts, strconv.Itoa(r.Year))
	}
	if r.Topic != "" {
		parts = append(parts, r.Topic)
	}
	return strings.Join(parts, " · ")
}

func (e *Env) compareRow(m *indicator.Matrix, ri int) {
	r := m.Rows[ri]
	e.Println(rowLabel(r))
	head := []string{"  PLAN", "TARGET", "BASE", "ATTR", "FROM"}
	if m.Ref >= 0 {
		head = append(head, "VS "+indicator.ShortName(m.Plans[m.Ref].Region))
	}
	head = append(head, "SOURCE")
	table := [][]string{head}
	for i := range r.Entries {
		en := &r.Entries[i]
		in := en.In
		name := indicator.ShortName(m.Plans[en.Plan].Region)
		if in.Name != r.Name {
			name += " (" + in.Name + ")"
		}
		base := in.Base
		if base != "" && in.BaseYear != 0 {
			base += " (" + strconv.Itoa(in.BaseYear) + ")"
		}
		row := []string{"  " + name, in.Short(), base, in.Attribute, fromLabel(in)}
		if m.Ref >= 0 {
			v := en.Verdict.String()
			if en.Reason != "" {
				v += ": " + en.Reason
			}
			row = append(row, v)
		}
		row = append(row, m.Plans[en.Plan].Source+":"+strconv.Itoa(in.Loc.Line))
		table = append(table, row)
	}
	for _, l := range columns(table, nil) {
		e.Println(strings.TrimRight(l, " "))
	}
	for i := range r.Entries {
		in := r.Entries[i].In
		who := "  " + indicator.ShortName(m.Plans[r.Entries[i].Plan].Region)
		if in.Sentence != "" {
			e.Println(who + " text: " + in.Sentence)
		}
		for _, s := range in.Support {
			agree := "agrees"
			if !s.Agrees {
				agree = "CONFLICT: " + s.Target
			}
			e.Println(who + " text, line " + strconv.Itoa(s.Line) + " (" + agree + "): " + s.Sentence)
		}
	}
	if miss := m.Missing(r); len(miss) > 0 {
		e.Println("  not set (" + strconv.Itoa(len(miss)) + "): " + shortNames(m.Plans, miss, 12))
	}
	if len(r.Similar) > 0 {
		var s []string
		for _, j := range r.Similar {
			s = append(s, m.Rows[j].Name+" ("+year(m.Rows[j].Year)+")")
		}
		e.Println("  similar, not merged: " + strings.Join(s, " · "))
	}
}

// shortNames lists plans by short name, at most limit of them.
func shortNames(plans []*model.Plan, idx []int, limit int) string {
	var s []string
	for i, p := range idx {
		if i == limit {
			s = append(s, "… "+strconv.Itoa(len(idx)-limit)+" more")
			break
		}
		s = append(s, indicator.ShortName(plans[p].Region))
	}
	return strings.Join(s, ", ")
}

// rank prints every plan's value for r, sorted, one bar each, the
// reference's value marked with │ on every bar.
func (e *Env) rank(m *indicator.Matrix, r *indicator.Row, desc bool) {
	order := "largest first"
	if !desc {
		order = "smallest first"
	}
	head := rowLabel(r) + " — ranked, " + order
	var refV *float64
	if m.Ref >= 0 {
		if c := r.Cell(m.Ref); c != nil && c.In.Norm != nil {
			refV = c.In.Norm
			head += "; │ marks " + indicator.ShortName(m.Plans[m.Ref].Region) + " " + c.In.Short()
		}
	}
	e.Println(head)
	ranked := r.Ranked(desc)
	full := 0.0
	for _, en := range ranked {
		if en.In.Norm != nil && en.In.NormUnit == r.Unit {
			full = max(full, *en.In.Norm)
		}
	}
	if refV != nil {
		full = max(full, *refV)
	}
	table := [][]string{}
	for i, en := range ranked {
		bar := ""
		if en.In.Norm != nil && en.In.NormUnit == r.Unit {
			bar = render.Bar(*en.In.Norm, full, rankBarWidth)
		}
		if refV != nil {
			bar = render.BarMark(bar, rankBarWidth, render.BarCol(*refV, full, rankBarWidth))
		}
		mark := ""
		switch en.Verdict {
		case indicator.Weaker:
			mark = "short of reference"
		case indicator.Reference:
			mark = "reference"
		case indicator.NotComparable:
			mark = "not comparable"
		}
		table = append(table, []string{strconv.Itoa(i + 1), indicator.ShortName(m.Plans[en.Plan].Region), en.In.Short(), bar, mark})
	}
	for _, l := range columns(table, []bool{true}) {
		e.Println("  " + strings.TrimRight(l, " "))
	}
	if miss := m.Missing(r); len(miss) > 0 {
		e.Println("  set nothing (" + strconv.Itoa(len(miss)) + "): " + shortNames(m.Plans, miss, 50))
	}
}

func (m2 *compareJSON) add(r rowJSON) { m2.Indicators = append(m2.Indicators, r) }

func toCompareJSON(m *indicator.Matrix, sel []int) compareJSON {
	out := compareJSON{Indicators: []rowJSON{}}
	if m.Ref >= 0 {
		out.Reference = m.Plans[m.Ref].ID
	}
	for _, ri := range sel {
		out.add(toRowJSON(m, m.Rows[ri]))
	}
	return out
}

func (e *Env) compareCSV(m *indicator.Matrix, sel []int) int {
	header := []string{"key", "indicator", "unit", "year", "topic", "plan", "region", "name", "target", "comparator", "value", "plan_unit", "base", "attribute", "from", "source", "line", "vs_reference", "reason", "sentence"}
	var rows [][]string
	for _, ri := range sel {
		r := m.Rows[ri]
		for i := range r.Entries {
			en := &r.Entries[i]
			in := en.In
			v := ""
			if en.Verdict != indicator.NoVerdict {
				v = en.Verdict.String()
			}
			rows = append(rows, []string{r.Key, r.Name, r.Unit, year(r.Year), r.Topic, in.Plan, in.Region, in.Name, in.Target, in.Comparator,
				number(in.Value), in.Unit, in.Base, in.Attribute, fromLabel(in), m.Plans[en.Plan].Source, strconv.Itoa(in.Loc.Line), v, en.Reason, in.Sentence})
		}
	}
	return e.writeCSV(header, rows)
}

// compareMarkdown writes the matrix: indicators down, the plans that set
// any of them across.
func (e *Env) compareMarkdown(m *indicator.Matrix, sel []int) {
	var cols []int
	used := make([]bool, len(m.Plans))
	for _, ri := range sel {
		for _, en := range m.Rows[ri].Entries {
			used[en.Plan] = true
		}
	}
	header := []string{"indicator", "unit", "year"}
	for p, u := range used {
		if u {
			cols = append(cols, p)
			h := indicator.ShortName(m.Plans[p].Region)
			if p == m.Ref {
				h += " (reference)"
			}
			header = append(header, h)
		}
	}
	var rows [][]string
	for _, ri := range sel {
		r := m.Rows[ri]
		row := []string{r.Name, r.Unit, year(r.Year)}
		for _, p := range cols {
			c := r.Cell(p)
			if c == nil {
				row = append(row, "")
				continue
			}
			s := c.In.Short()
			if c.In.Attribute == "约束性" {
				s += " (约束性)"
			}
			if c.In.From == indicator.FromText {
				s += " (text)"
			}
			switch c.Verdict {
			case indicator.Weaker, indicator.Stronger, indicator.Meets, indicator.NotComparable:
				s += " — " + c.Verdict.String()
			}
			row = append(row, s)
		}
		rows = append(rows, row)
	}
	e.writeMarkdown(header, rows)
}
