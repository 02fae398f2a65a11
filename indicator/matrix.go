package indicator

import (
	"cmp"
	"slices"
	"strings"

	"planview/model"
	"planview/search"
	"planview/topic"
)

// Verdict is how a plan's target compares with the reference plan's target
// for the same indicator (see Matrix.Against).
type Verdict int

const (
	NoVerdict     Verdict = iota // no reference, or no target to compare
	Reference                    // the reference plan's own value
	Meets                        // as demanding as the reference
	Stronger                     // more demanding than the reference
	Weaker                       // less demanding: falls short
	NotComparable                // see Entry.Reason
	Missing                      // the reference sets a target, this plan none
)

var verdictNames = [...]string{"", "reference", "meets", "stronger", "weaker", "not comparable", "missing"}

func (v Verdict) String() string {
	if int(v) < len(verdictNames) {
		return verdictNames[v]
	}
	return "unknown"
}

// MarshalText makes verdicts readable in JSON.
func (v Verdict) MarshalText() ([]byte, error) { return []byte(v.String()), nil }

// Entry is one plan's value in a Row.
type Entry struct {
	Plan int        // index in Matrix.Plans
	In   *Indicator // the plan's indicator
	// Verdict and Reason hold the comparison with the reference plan, set
	// by Matrix.Against.
	Verdict Verdict
	Reason  string
}

// Row is one indicator (one key, one target year) across the plans.
type Row struct {
	Key   string
	Name  string // the name as the first plan that sets it writes it
	Unit  string // the unit values are compared in (NormUnit, else Unit)
	Year  int    // target year; 0 when unknown
	Topic string // topic.OfName of the key
	// Similar lists the indexes in Matrix.Rows of rows whose names are
	// variants of this one (社会工作人才总量 / 社会工作专业人才总量): offered
	// to the reviewer as similar, never merged.
	Similar []int
	// Entries holds the plans that set the indicator, ordered by plan.
	Entries []Entry
	// names holds the folded names the plans write, NUL between them, for
	// Filter (folded once, not at every keystroke of a filter).
	names string
}

// Cell returns the entry of plan p, or nil when p sets no value.
func (r *Row) Cell(p int) *Entry {
	i, ok := slices.BinarySearchFunc(r.Entries, p, func(e Entry, p int) int { return cmp.Compare(e.Plan, p) })
	if !ok {
		return nil
	}
	return &r.Entries[i]
}

// Matrix lines up the indicators of several plans.
type Matrix struct {
	Plans []*model.Plan
	Rows  []*Row
	// Ref is the index of the reference plan set by Against, -1 for none.
	Ref int
}

// Build lines up the indicators of plans (ind[i] holding the indicators of
// plans[i], as ExtractAll returns them) into rows: one per key and target
// year. Rows come ordered by target year (latest first), topic, then by
// how many plans set them (most first) and name.
func Build(plans []*model.Plan, ind [][]Indicator) *Matrix {
	m := &Matrix{Plans: plans, Ref: -1}
	type rk struct {
		key  string
		year int
	}
	byKey := map[rk]*Row{}
	for p := range plans {
		if p >= len(ind) {
			break
		}
		for j := range ind[p] {
			in := &ind[p][j]
			k := rk{in.Key, in.Year}
			r := byKey[k]
			if r == nil {
				r = &Row{Key: in.Key, Name: in.Name, Year: in.Year, Unit: in.compareUnit(), Topic: topic.OfName(in.Key)}
				byKey[k] = r
				m.Rows = append(m.Rows, r)
			}
			if n := len(r.Entries); n > 0 && r.Entries[n-1].Plan == p {
				// A plan states one indicator twice (two tables, or a
				// table and a box): the first stays, as the table wins.
				continue
			}
			if r.Unit == "" {
				r.Unit = in.compareUnit()
			}
			r.Entries = append(r.Entries, Entry{Plan: p, In: in})
		}
	}
	for _, r := range m.Rows {
		r.Name = commonName(r)
		r.names = foldedNames(r)
	}
	slices.SortStableFunc(m.Rows, func(a, b *Row) int {
		if c := cmp.Compare(b.Year, a.Year); c != 0 {
			return c
		}
		if c := cmp.Compare(topic.Rank(a.Topic), topic.Rank(b.Topic)); c != 0 {
			return c
		}
		if c := cmp.Compare(len(b.Entries), len(a.Entries)); c != 0 {
			return c
		}
		return strings.Compare(a.Key, b.Key)
	})
	m.linkSimilar()
	return m
}

// Filter returns the indexes of the rows whose name or key holds query,
// folded as search folds it (Traditional or Simplified, full or half
// width, spaces ignored). An empty query matches every row.
func (m *Matrix) Filter(query string) []int {
	q := search.Fold(query)
	out := make([]int, 0, len(m.Rows))
	for i, r := range m.Rows {
		if q == "" || strings.Contains(r.Key, q) || strings.Contains(r.names, q) {
			out = append(out, i)
		}
	}
	return out
}

// foldedNames joins the folded names of a row's entries, NUL between
// them (a folded query holds no NUL, so no match spans two names).
func foldedNames(r *Row) string {
	seen := map[string]bool{}
	var b strings.Builder
	for _, e := range r.Entries {
		if seen[e.In.Name] {
			continue
		}
		seen[e.In.Name] = true
		b.WriteString(search.Fold(e.In.Name))
		b.WriteByte(0)
	}
	return b.String()
}

// Against compares every plan's target with the reference plan's target
// for the same row and sets each Entry's Verdict and Reason. ref < 0
// clears the comparison.
func (m *Matrix) Against(ref int) {
	m.Ref = ref
	for _, r := range m.Rows {
		var refIn *Indicator
		if ref >= 0 {
			if e := r.Cell(ref); e != nil {
				refIn = e.In
			}
		}
		for i := range r.Entries {
			e := &r.Entries[i]
			switch {
			case ref < 0:
				e.Verdict, e.Reason = NoVerdict, ""
			case e.Plan == ref:
				e.Verdict, e.Reason = Reference, ""
			case !isRate(e.In):
				// Whatever the reference sets, a count is not held
				// against it.
				e.Verdict, e.Reason = NotComparable, countReason
			case refIn == nil:
				e.Verdict, e.Reason = NoVerdict, "the reference sets no target"
			default:
				e.Verdict, e.Reason = Compare(e.In, refIn)
			}
		}
	}
}

// Missing returns the plans that set no value for the row, in plan order.
func (m *Matrix) Missing(r *Row) []int {
	var out []int
	j := 0
	for p := range m.Plans {
		if j < len(r.Entries) && r.Entries[j].Plan == p {
			j++
			continue
		}
		out = append(out, p)
	}
	return out
}

// Ranked returns the row's entries that hold a number, sorted by their
// value in Row.Unit (descending when desc), ties by plan; entries without
// a number follow in plan order.
func (r *Row) Ranked(desc bool) []Entry {
	out := slices.Clone(r.Entries)
	slices.SortStableFunc(out, func(a, b Entry) int {
		av, bv := a.In.Norm, b.In.Norm
		switch {
		case av == nil && bv == nil:
			return cmp.Compare(a.Plan, b.Plan)
		case av == nil:
			return 1
		case bv == nil:
			return -1
		}
		c := cmp.Compare(*av, *bv)
		if desc {
			c = -c
		}
		if c == 0 {
			c = cmp.Compare(a.Plan, b.Plan)
		}
		return c
	})
	return out
}

// commonName is the name most plans of a row write (the first plan's on a
// tie): 养老机构护理型床位占比 over one plan's 養老機構護理型床位占比.
func commonName(r *Row) string {
	best, n := r.Name, 0
	counts := map[string]int{}
	for _, e := range r.Entries {
		counts[e.In.Name]++
		if c := counts[e.In.Name]; c > n {
			best, n = e.In.Name, c
		}
	}
	return best
}
