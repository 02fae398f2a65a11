package cli

import (
	"fmt"
	"strings"

	"planview/model"
	"planview/render"
	"planview/search"
)

// PlanError is a PLAN argument that names no plan or more than one.
type PlanError struct {
	Query     string
	Ambiguous []*model.Plan // the plans it matches, when more than one
	Known     []*model.Plan // all plans, when it matches none
	Hint      string        // a last line, when it matches none; optional
}

func (e *PlanError) Error() string {
	var b strings.Builder
	list := e.Known
	if len(e.Ambiguous) > 0 {
		fmt.Fprintf(&b, "%q matches %d plans; say which:", e.Query, len(e.Ambiguous))
		list = e.Ambiguous
	} else {
		fmt.Fprintf(&b, "no plan matches %q; the plans are:", e.Query)
	}
	idw := 0
	for _, p := range list {
		idw = max(idw, render.Width(render.Clean(p.ID)))
	}
	for _, p := range list {
		fmt.Fprintf(&b, "\n  %s", planLabel(p, idw))
	}
	if len(e.Ambiguous) == 0 && e.Hint != "" {
		b.WriteString("\n" + e.Hint)
	}
	return b.String()
}

// SelectPlan finds the plan a user means by query: an id (exactly), else a
// plan whose title or region is exactly query, else the one plan whose id,
// title or region contains query. Comparisons fold as search does (case,
// Traditional/Simplified, full width, spaces), so 怀化 finds 懷化市. Else a
// *PlanError.
func SelectPlan(plans []*model.Plan, query string) (*model.Plan, error) {
	return newPlanMatcher(plans).match(query)
}

// planMatcher is SelectPlan with each plan's id, title and region folded
// once, for completion, which asks about every name it offers.
type planMatcher struct {
	plans             []*model.Plan
	id, title, region []string // folded
}

func newPlanMatcher(plans []*model.Plan) *planMatcher {
	m := &planMatcher{plans: plans}
	for _, p := range plans {
		m.id = append(m.id, search.Fold(p.ID))
		m.title = append(m.title, search.Fold(p.Title))
		m.region = append(m.region, search.Fold(p.Region))
	}
	return m
}

func (m *planMatcher) match(query string) (*model.Plan, error) {
	q := search.Fold(query)
	if q == "" {
		return nil, &PlanError{Query: query, Known: m.plans}
	}
	for i, p := range m.plans {
		if m.id[i] == q {
			return p, nil
		}
	}
	var exact, sub []*model.Plan
	for i, p := range m.plans {
		if m.title[i] == q || m.region[i] == q {
			exact = append(exact, p)
		}
		if strings.Contains(m.id[i], q) || strings.Contains(m.title[i], q) || strings.Contains(m.region[i], q) {
			sub = append(sub, p)
		}
	}
	switch {
	case len(exact) == 1:
		return exact[0], nil
	case len(sub) == 1:
		return sub[0], nil
	case len(sub) > 1:
		return nil, &PlanError{Query: query, Ambiguous: sub}
	}
	return nil, &PlanError{Query: query, Known: m.plans}
}

// Plan is SelectPlan that prints the error and returns ExitUsage. A query
// that matches no plan is told how to open other files.
func (e *Env) Plan(plans []*model.Plan, query string) (*model.Plan, int) {
	p, err := SelectPlan(plans, query)
	if err != nil {
		if pe, ok := err.(*PlanError); ok {
			pe.Hint = e.pathHint()
		}
		return nil, e.Usagef("%v", err)
	}
	return p, ExitOK
}

// pathHint says how to read plans other than those loaded.
func (e *Env) pathHint() string {
	if len(e.Paths) == 0 {
		return "to open your own files use --path FILE"
	}
	return "to open more files add --path FILE"
}

// planArg is the plan a command's PLAN argument (args[0]) names; with no
// argument, the only plan loaded. missing is the usage error when PLAN is
// needed.
func (e *Env) planArg(plans []*model.Plan, args []string, missing string) (*model.Plan, int) {
	if len(args) > 0 {
		return e.Plan(plans, args[0])
	}
	if len(plans) == 1 {
		return plans[0], ExitOK
	}
	return nil, e.Usagef("%s (it may be left out when only one plan is loaded; %d are)", missing, len(plans))
}

// inPlans names where a command looked: "tianmen-city-hubei", "5 plans".
func inPlans(plans []*model.Plan) string {
	if len(plans) == 1 {
		return render.Clean(plans[0].ID)
	}
	return plural(len(plans), "plan")
}

// SectionError is a SECTION argument that names no section or more than one.
type SectionError struct {
	Plan      *model.Plan
	Query     string
	Ambiguous []*model.Section
}

func (e *SectionError) Error() string {
	var b strings.Builder
	if len(e.Ambiguous) > 0 {
		fmt.Fprintf(&b, "%q matches %d sections of %s; give the path (first column):", e.Query, len(e.Ambiguous), e.Plan.ID)
		for _, s := range e.Ambiguous {
			fmt.Fprintf(&b, "\n  %-8s %s", s.Path, headingText(s))
		}
		return b.String()
	}
	fmt.Fprintf(&b, "no section of %s matches %q; see 'planview outline %s'", e.Plan.ID, e.Query, e.Plan.ID)
	return b.String()
}

// SelectSection finds the section a user means by query: a Path ("3.4"),
// else a number as written (第三章, （一）, 1.; brackets and trailing
// punctuation need not match exactly), else a heading, else the one section
// whose heading contains query. A number or text that matches several
// sections is a *SectionError listing them.
func SelectSection(p *model.Plan, query string) (*model.Section, error) {
	q := strings.TrimSpace(query)
	if s := p.Find(q); s != nil {
		return s, nil
	}
	var all []*model.Section
	p.Walk(func(s *model.Section) { all = append(all, s) })
	tries := []func(*model.Section) bool{
		func(s *model.Section) bool { return s.Number != "" && s.Number == q },
		func(s *model.Section) bool { return s.Number != "" && normNumber(s.Number) == normNumber(q) },
		func(s *model.Section) bool { return s.Heading() == q || s.Title == q },
		func(s *model.Section) bool {
			return strings.Contains(strings.ToLower(s.Heading()), strings.ToLower(q))
		},
	}
	for _, match := range tries {
		var found []*model.Section
		for _, s := range all {
			if match(s) {
				found = append(found, s)
			}
		}
		switch {
		case len(found) == 1:
			return found[0], nil
		case len(found) > 1:
			return nil, &SectionError{Plan: p, Query: query, Ambiguous: found}
		}
	}
	return nil, &SectionError{Plan: p, Query: query}
}

// normNumber makes heading numbers comparable: （一） and (一) are alike, and
// so are 一、 and 一, or 1. and 1、 and 1; 一 and （一） are not.
func normNumber(s string) string {
	s = strings.NewReplacer("(", "（", ")", "）", " ", "", "\u3000", "").Replace(s)
	return strings.TrimRight(s, "、.．。,，")
}

// headingText is a section's heading made safe and flat for one line.
func headingText(s *model.Section) string {
	h := render.Clean(s.Heading())
	if h == "" {
		if s.Synthetic {
			return "(untitled: headings lost in conversion)"
		}
		return "(untitled)"
	}
	return h
}

// planLabel is "id  title (region)" for lists of candidates, the id padded
// to idw cells.
func planLabel(p *model.Plan, idw int) string {
	s := render.Pad(render.Clean(p.ID), idw)
	if p.Title != "" {
		s += "  " + render.Clean(p.Title)
	}
	if p.Region != "" {
		s += " (" + render.Clean(p.Region) + ")"
	}
	return s
}

// planOrAll narrows plans to the one the optional PLAN argument names
// (args[0]); with no argument, all of them.
func (e *Env) planOrAll(plans []*model.Plan, args []string) ([]*model.Plan, int) {
	if len(args) == 0 {
		return plans, ExitOK
	}
	p, code := e.Plan(plans, args[0])
	if code != ExitOK {
		return nil, code
	}
	return []*model.Plan{p}, ExitOK
}
