package topic

import (
	"strings"

	"planview/model"
	"planview/search"
)

// How a section got its topics.
const (
	ByHeading  = "heading"  // its heading names them: 第三章 完善养老服务体系
	ByChildren = "children" // an untitled parent, from what its subsections are about
	ByText     = "text"     // a heading that says nothing (第三节), from its text
	ByParent   = "parent"   // a heading that says nothing and little text: its parent's
)

// Thresholds of classifying by content.
const (
	// minTextHits: a section is about a topic from its text when the
	// topic's words occur this often in it; two mentions of 社区 in a
	// paragraph on 养老 make no 基层治理 section.
	minTextHits = 3
	// dominantShare: and when the topic has at least this share of the
	// hits of the most mentioned topic (a 养老 section that names 社区 often
	// is 养老服务 and 基层治理与社区 only when 社区 comes close).
	dominantShare = 0.5
	// childMajority: an untitled parent takes a topic that more than this
	// share of its subsections have (通道's untitled chapter 3.3 over
	// 一、加快养老服务体系建设, 二、促进养老服务产业融合发展 …); 第二篇 主要任务
	// over one 救助 and one 养老 section is about neither as a whole.
	childMajority = 0.5
	// maxTextTopics: a section classified by its text is about one or two
	// topics; 完善专业化体系 mentions five and is about none of them.
	maxTextTopics = 2
)

// Plan is a plan's sections with their topics.
type Plan struct {
	Plan *model.Plan
	// Of holds each section's topics (nil for none), How how it got them
	// (ByHeading …).
	Of  map[*model.Section][]string
	How map[*model.Section]string
}

// Classify assigns every section of p to its topics.
func Classify(p *model.Plan) *Plan {
	tp := &Plan{Plan: p, Of: map[*model.Section][]string{}, How: map[*model.Section]string{}}
	for _, s := range p.Sections {
		tp.bottomUp(s)
	}
	for _, s := range p.Sections {
		tp.inherit(s, nil)
	}
	return tp
}

// bottomUp classifies s by its heading, else by its subsections, else by
// its text.
func (tp *Plan) bottomUp(s *model.Section) {
	for _, c := range s.Children {
		tp.bottomUp(c)
	}
	if t := ofHeading(search.Fold(s.Title)); len(t) > 0 {
		tp.Of[s], tp.How[s] = t, ByHeading
		return
	}
	if t := tp.fromChildren(s); len(t) > 0 {
		tp.Of[s], tp.How[s] = t, ByChildren
		return
	}
	if t := fromText(s); len(t) > 0 {
		tp.Of[s], tp.How[s] = t, ByText
	}
}

// fromChildren returns the topics most of s's subsections share.
func (tp *Plan) fromChildren(s *model.Section) []string {
	if len(s.Children) == 0 {
		return nil
	}
	count := map[string]int{}
	for _, c := range s.Children {
		for _, t := range tp.Of[c] {
			count[t]++
		}
	}
	var out []string
	for _, t := range All {
		if float64(count[t]) > childMajority*float64(len(s.Children)) {
			out = append(out, t)
		}
	}
	return out
}

// fromText returns the service topics s's own text is about.
func fromText(s *model.Section) []string {
	var b strings.Builder
	var add func([]model.Block)
	add = func(bs []model.Block) {
		for i := range bs {
			b.WriteString(bs[i].Text)
			if t := bs[i].Table; t != nil {
				b.WriteString(t.Caption)
			}
			add(bs[i].Children)
		}
	}
	add(s.Blocks)
	f := search.Fold(b.String())
	hits := map[string]int{}
	best := 0
	for _, r := range rules {
		if structural[r.topic] {
			continue
		}
		hits[r.topic] += strings.Count(f, r.word)
		best = max(best, hits[r.topic])
	}
	var out []string
	for _, t := range All {
		if n := hits[t]; n >= minTextHits && float64(n) >= dominantShare*float64(best) {
			out = append(out, t)
		}
	}
	if len(out) > maxTextTopics {
		// A section that names everything (推进民政智能化建设) is about
		// none of it in particular.
		return nil
	}
	return out
}

// inherit gives a section without topics its parent's. A section under a
// structural parent whose heading names only a structural topic takes the
// parent's: 在人才队伍层面配备不强 under 存在的主要问题 is a problem of the
// past, not a 保障措施.
func (tp *Plan) inherit(s *model.Section, parent *model.Section) {
	var pt []string
	if parent != nil {
		pt = tp.Of[parent]
	}
	switch {
	case len(tp.Of[s]) == 0 && len(pt) > 0:
		tp.Of[s], tp.How[s] = pt, ByParent
	case allStructural(pt) && tp.How[parent] != ByChildren && allStructural(tp.Of[s]):
		tp.Of[s], tp.How[s] = pt, ByParent
	}
	for _, c := range s.Children {
		tp.inherit(c, s)
	}
}

func allStructural(ts []string) bool {
	for _, t := range ts {
		if !structural[t] {
			return false
		}
	}
	return len(ts) > 0
}

// Has reports whether s is about topic t.
func (tp *Plan) Has(s *model.Section, t string) bool {
	for _, x := range tp.Of[s] {
		if x == t {
			return true
		}
	}
	return false
}

// Sections returns the sections about topic t, in document order, each
// only once: a section whose parent is about t is part of its parent's
// text, not listed again.
func (tp *Plan) Sections(t string) []*model.Section {
	var out []*model.Section
	var walk func([]*model.Section)
	walk = func(ss []*model.Section) {
		for _, s := range ss {
			if tp.Has(s, t) {
				out = append(out, s)
				continue
			}
			walk(s.Children)
		}
	}
	walk(tp.Plan.Sections)
	return out
}

// Missing returns the topics no section of the plan is about, in the
// order of All.
func (tp *Plan) Missing() []string {
	var out []string
	for _, t := range All {
		if len(tp.Sections(t)) == 0 {
			out = append(out, t)
		}
	}
	return out
}
