package indicator

import (
	"strings"

	"planview/internal/hanzi"
	"planview/model"
	"planview/search"
)

// extractor reads one plan.
type extractor struct {
	p   *model.Plan
	out []Indicator
	// planEnd is the final year of the plan's period (2025 for a 十四五
	// plan), from its title; the year a target without one is set for.
	planEnd int
	texts   []Indicator // targets read from sentences, merged in at the end
	may     mayHold     // nil: read every block; else only text that may name the query
}

// defaultPlanEnd is the period of a plan whose title names none: the
// genre this tool was written for is the 十四五 plan.
const defaultPlanEnd = 2025

func newExtractor(p *model.Plan) *extractor {
	x := &extractor{p: p, planEnd: periodYear(p.Title)}
	if x.planEnd == 0 {
		x.planEnd = defaultPlanEnd
	}
	return x
}

// place is where a block stands, for Locations.
type place struct {
	sec   *model.Section // nil for the preamble
	block int            // index in the section's (or preamble's) blocks
	sub   int            // index in a box's children, -1 outside boxes
	// context is the text a table's caption and heading give: the
	// caption, the section's heading, a box title.
	context string
	// target is set when the section states the plan's goals (发展目标):
	// its sentences set targets for the plan's final year.
	target bool
}

func (x *extractor) run() {
	x.blocks(nil, x.p.Preamble)
	x.p.Walk(func(s *model.Section) { x.blocks(s, s.Blocks) })
	x.mergeTexts()
}

func (x *extractor) blocks(sec *model.Section, bs []model.Block) {
	var ctx string
	var goal, known bool
	// The section's context is worked out once, for the first block read
	// (ExtractWhere reads few blocks of a plan).
	context := func() (string, bool) {
		if !known && sec != nil {
			for _, a := range sec.Ancestors() {
				if strings.Contains(search.Fold(a.Title), "目标") {
					goal = true
				}
			}
			ctx, known = sec.Heading(), true
		}
		return ctx, goal
	}
	for i := range bs {
		b := &bs[i]
		if x.may != nil && !x.mayBlock(b) {
			continue
		}
		ctx, goal := context()
		pl := place{sec: sec, block: i, sub: -1, context: ctx, target: goal}
		switch b.Kind {
		case model.TableBlock:
			x.table(b.Table, pl)
		case model.BoxBlock:
			for j := range b.Children {
				c := &b.Children[j]
				if x.may != nil && !x.mayBlock(c) {
					continue
				}
				cp := pl
				cp.sub = j
				cp.context = b.Text + " " + ctx
				// A 专栏 box lists the works of the plan's period.
				cp.target = true
				if c.Kind == model.TableBlock {
					x.table(c.Table, cp)
				} else {
					x.sentences(c, cp)
				}
			}
		default:
			x.sentences(b, pl)
		}
	}
}

// mayBlock reports whether block b (a box: any of its children) may name
// the query.
func (x *extractor) mayBlock(b *model.Block) bool {
	switch b.Kind {
	case model.BoxBlock:
		for i := range b.Children {
			if x.mayBlock(&b.Children[i]) {
				return true
			}
		}
		return false
	case model.TableBlock:
		for _, r := range b.Table.Rows {
			for _, c := range r.Cells {
				// The cell whole: a name wraps over its lines
				// (养老机构护理型 / 床位占比 in a PDF's narrow column).
				if x.may(c.Text()) {
					return true
				}
			}
		}
		return false
	}
	return x.may(b.Text)
}

// loc is the Location of a line in place pl.
func (x *extractor) loc(pl place, line int) model.Location {
	l := model.Location{Plan: x.p.ID, Line: line, Block: pl.block, Row: -1, Col: -1}
	if pl.sec != nil {
		l.Section = pl.sec.Path
		for _, a := range pl.sec.Ancestors() {
			l.Titles = append(l.Titles, a.Heading())
		}
	}
	return l
}

// table reads the rows of an indicator table.
func (x *extractor) table(t *model.Table, pl place) {
	if t == nil {
		return
	}
	l, ok := tableLayout(t, t.Caption+" "+pl.context, x.planEnd)
	if !ok {
		return
	}
	cell := func(r *model.Row, c int) string {
		if c < 0 || c >= len(r.Cells) {
			return ""
		}
		return cellValue(r.Cells[c])
	}
	category, lastName, lastUnit := "", "", ""
	noted := notedUnits(t)
	if l.unit >= 0 || len(noted) != 1 && len(noted) != len(t.Rows) {
		noted = nil
	}
	for i := range t.Rows {
		r := &t.Rows[i]
		name := cell(r, l.name)
		if c := cell(r, l.cat); c != "" {
			category = c
		}
		if g, ok := groupRow(r); ok {
			category = g
			continue
		}
		qual := cell(r, l.split)
		if name == "" {
			if qual == "" {
				continue
			}
			name = lastName // 城市 / 农村: the name is in the row above
		}
		if x.may != nil && !x.may(name) {
			lastName = name
			continue
		}
		base, unit := splitUnit(name)
		if base != lastName || unit != "" {
			lastUnit = unit
		}
		if name != lastName {
			lastName = name
		}
		switch u := cell(r, l.unit); {
		case u != "":
			unit = u
		case unit != "":
		case len(noted) == 1:
			unit = noted[0]
		case len(noted) > 1:
			unit = noted[i]
		default:
			unit = lastUnit
		}
		in := Indicator{
			Plan: x.p.ID, Region: x.p.Region, Name: base, Unit: unit,
			Category: category, Year: l.year, From: FromTable, Table: t.Caption,
			Attribute: attribute(cell(r, l.attr)), Status: cell(r, l.status),
			Actual: valueText(cell(r, l.actual)), Sub: pl.sub,
		}
		if l.base >= 0 {
			if in.Base = valueText(cell(r, l.base)); in.Base != "" {
				in.BaseYear = l.baseYear
			}
		}
		in.Loc = x.loc(pl, r.Line)
		in.Loc.Row, in.Loc.Col = len(t.Header)+i, l.name
		if l.name < len(r.Cells) {
			in.Loc.Line = max(r.Cells[l.name].Line, 0)
			if in.Loc.Line == 0 {
				in.Loc.Line = r.Line
			}
			in.End = len(r.Cells[l.name].Text())
		}
		if qual != "" {
			in.Name = base + "（" + qual + "）"
			in.Key = Key(base) + search.Fold(qual)
		} else {
			in.Key = Key(base)
		}
		tgt := cell(r, l.target)
		for _, part := range x.splitValues(in, tgt, base) {
			if part.Key == "" {
				continue
			}
			x.out = append(x.out, part)
		}
	}
}

// notedUnits reads a unit line printed with a table (单位：张、%, above or
// under it): one unit for every row, or one unit for each row in order.
// nil when there is none.
func notedUnits(t *model.Table) []string {
	for _, n := range append([]string{t.Caption}, t.Notes...) {
		f := search.Fold(n)
		i := strings.Index(f, "单位:")
		if i < 0 {
			continue
		}
		var units []string
		for _, u := range strings.FieldsFunc(f[i+len("单位:"):], func(r rune) bool { return r == '、' || r == ',' || r == ';' }) {
			if !isUnit(u) {
				return nil
			}
			units = append(units, u)
		}
		return units
	}
	return nil
}

// cellValue is a cell's text; a cell whose lines are each a value (950 /
// 1350, two sub-indicators' values one under the other) has them joined
// with "/", as a cell written 950/1350 on one line has.
func cellValue(c model.Cell) string {
	if len(c.Lines) > 1 {
		all := true
		for _, l := range c.Lines {
			if !parseTarget(l).ok {
				all = false
				break
			}
		}
		if all {
			return strings.TrimSpace(strings.Join(c.Lines, "/"))
		}
	}
	return strings.TrimSpace(c.Text())
}

// groupRow reports whether r is a group row — one cell of text, no value
// (一、社会救助) — and returns its text.
func groupRow(r *model.Row) (string, bool) {
	text := ""
	for _, c := range r.Cells {
		s := strings.TrimSpace(c.Text())
		if s == "" {
			continue
		}
		if text != "" {
			return "", false
		}
		text = s
	}
	if text == "" || parseTarget(text).ok && !strings.ContainsAny(text, "、") {
		return "", false
	}
	return text, true
}

// attribute folds an attribute cell to 约束性 / 预期性, "" when it is
// neither.
func attribute(s string) string {
	f := search.Fold(s)
	switch {
	case strings.Contains(f, "约束"):
		return "约束性"
	case strings.Contains(f, "预期"):
		return "预期性"
	}
	return ""
}

// valueText is a value cell as written, "" for a cell that states none.
func valueText(s string) string {
	if isEmptyValue(s) {
		return ""
	}
	return s
}

// splitValues makes the indicator(s) of one row: one, or one per value
// when the target cell holds several values separated by / for a name
// that joins as many sub-indicators with 和 / 与 / 及 (孤儿养育标准 950/1350).
func (x *extractor) splitValues(in Indicator, tgt, name string) []Indicator {
	vals := strings.Split(tgt, "/")
	if len(vals) > 1 {
		if names := splitName(name, len(vals)); names != nil {
			bases := strings.Split(in.Base, "/")
			acts := strings.Split(in.Actual, "/")
			out := make([]Indicator, len(vals))
			for i, v := range vals {
				o := in
				o.Name, o.Key = names[i], Key(names[i])
				if len(bases) == len(vals) {
					o.Base = bases[i]
				}
				if len(acts) == len(vals) {
					o.Actual = acts[i]
				}
				o.setTarget(v)
				out[i] = o
			}
			return out
		}
	}
	in.setTarget(tgt)
	return []Indicator{in}
}

// setTarget sets the target as written and its parse.
func (in *Indicator) setTarget(s string) {
	s = strings.TrimSpace(s)
	in.Target = valueText(s)
	if in.Target == "" {
		return
	}
	t := parseTarget(s)
	if !t.ok {
		if t.cmp != "" {
			in.Comparator = t.cmp
		}
		return
	}
	if in.Unit == "" {
		in.Unit = t.unit
	}
	v := t.value
	in.Value, in.Comparator = &v, t.cmp
	unit := search.Fold(in.Unit)
	if t.unit != "" && t.unit != unit {
		unit = t.unit
	}
	n, nu := normalise(t.num, unit)
	in.Norm, in.NormUnit = &n, nu
}

// joinWords join the names of sub-indicators that share one row (in
// either script).
var joinWords = hanzi.AllSpellings("和", "与", "及", "、")

// splitName splits a name that joins n sub-indicators — 社会散居孤儿和社会
// 福利机构内集中养育孤儿养育标准 — into their names. The head noun the
// parts share (养育标准) is written once, after the last part: it is what
// follows, in the last part, the last two characters of the first part
// (孤儿). nil when the name does not split into n parts.
func splitName(name string, n int) []string {
	base, unit := splitUnit(name)
	for _, w := range joinWords {
		parts := strings.Split(base, w)
		if len(parts) != n {
			continue
		}
		lastPart := parts[n-1]
		first := []rune(parts[0])
		if len(first) < 2 {
			return nil
		}
		tail := string(first[len(first)-2:])
		out := make([]string, n)
		if i := strings.LastIndex(lastPart, tail); i >= 0 {
			// The parts share the head noun after the last one.
			head := lastPart[i+len(tail):]
			for i := range parts[:n-1] {
				parts[i] += head
			}
		} else if lr := []rune(lastPart); len(first) <= maxModifierRunes && len(first) < len(lr) {
			// 城市和农村社区…覆盖率: the parts are modifiers of what
			// follows the last one's modifier.
			rest := string(lr[len(first):])
			for i := range parts[:n-1] {
				parts[i] += rest
			}
		} else {
			return nil
		}
		for i, p := range parts {
			if unit != "" {
				p += "（" + unit + "）"
			}
			out[i] = p
		}
		return out
	}
	return nil
}

// A modifier that the parts of a joined name share their rest after is
// short: 城市 / 农村, 集中 / 分散.
const maxModifierRunes = 4

// splitUnit takes a unit written at the end of a name in brackets —
// 养老机构护理型床位占比(%), 社会工作人才总量（万人）, the unclosed
// 城乡低保标准年度增速(% — off the name.
func splitUnit(name string) (base, unit string) {
	s := strings.TrimSpace(name)
	for _, open := range []string{"（", "("} {
		i := strings.LastIndex(s, open)
		if i < 0 {
			continue
		}
		inner := s[i+len(open):]
		inner = strings.TrimSuffix(strings.TrimSuffix(inner, "）"), ")")
		if strings.ContainsAny(inner, "（）()") || inner == "" {
			continue
		}
		if isUnit(inner) {
			return strings.TrimSpace(s[:i]), inner
		}
	}
	return s, ""
}

// isUnit reports whether s, from a bracket at the end of a name, is a
// unit: %, 万人, 张, 元/人、月 — not a qualifier such as 含公益性公墓.
func isUnit(s string) bool {
	f := search.Fold(s)
	if f == "" || runeLen(f) > maxUnitRunes {
		return false
	}
	u, rest := leadingUnit(f)
	return u != "" && rest == ""
}

// A unit in brackets is short: 元/人、月 has six characters.
const maxUnitRunes = 8
