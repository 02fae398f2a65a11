// Package indicator reads the targets a plan sets — the rows of its
// indicator tables (主要指标, 十四五 targets and 十三五 completion tables) and
// the targets its sentences state — as plain data, and lines them up across
// plans (see Build) so that a reviewer can compare counties and check a
// county against its city (see Matrix.Against).
//
// It reads model.Plans and changes nothing in them. Names are matched by a
// normalised key (Key): Traditional folded to Simplified with search.Fold,
// units, brackets, 其中：, punctuation and spaces removed. Naming variants are
// offered as "similar" rows, never merged.
package indicator

import (
	"planview/model"
)

// Source tells where an indicator was read.
type Source string

const (
	FromTable Source = "table" // a row of an indicator table
	FromText  Source = "text"  // a sentence (paragraph, list item, 专栏 item)
)

// Indicator is one target (or 十三五 result) that one plan states.
type Indicator struct {
	Plan   string `json:"plan"`   // plan ID
	Region string `json:"region"` // the plan's region as written
	Name   string `json:"name"`   // as written (a sub-row's own name, a split row's name with its split)
	Key    string `json:"key"`    // the matching key (see Key)
	Unit   string `json:"unit"`   // as written: "%", "万人", "张"; "" when none is given
	// Category is the group the plan files the indicator under (a 类别
	// column or a group row): 社会救助, 养老服务 …; "" when none.
	Category string `json:"category,omitempty"`
	// Year is the year the target is set for: 2025 for a 十四五 target,
	// 2020 for a 十三五 target, 2022 for 到2022年底前. 0 when unknown.
	Year int `json:"year"`
	// Base is the base value as written (the 2020 column of a 十四五 table,
	// the 2015 column of a 十三五 table), BaseYear its year.
	Base     string `json:"base"`
	BaseYear int    `json:"base_year,omitempty"`
	// Target is the target as written: "≥55", "不低于居民上年度人均消费支出增速".
	Target string `json:"target"`
	// Comparator is the target's comparator: "≥", ">", "≤", "<", "=" or ""
	// when the target states no number.
	Comparator string `json:"comparator"`
	// Value is the target's number in Unit (60 for "60%以上"), nil when the
	// target states none.
	Value *float64 `json:"value"`
	// Norm is Value converted exactly to NormUnit (0.16 万人 → 1600 人; 1‰ →
	// 0.1 %); equal to Value when no conversion applies.
	Norm     *float64 `json:"norm,omitempty"`
	NormUnit string   `json:"norm_unit,omitempty"`
	// Actual and Status are what a completion table reports: the value
	// reached and 完成 / 未完成 (either script, as written).
	Actual string `json:"actual,omitempty"`
	Status string `json:"status,omitempty"`
	// Attribute is 约束性 or 预期性 (folded to Simplified), "" when not given.
	Attribute string `json:"attribute"`
	From      Source `json:"from"`
	// Loc is the exact source: for a table row Loc.Row/Col are the row
	// (header rows counted first, as in model.Location) and the name's
	// column; for a sentence Row and Col are -1.
	Loc model.Location `json:"location"`
	// Sub is, for text inside a 专栏 box, the index of the child block in
	// the box's Children (Loc.Block is the box); -1 otherwise.
	Sub int `json:"-"`
	// Start and End are the byte offsets, in the located text (the cell's
	// Text() or the block's Text), of what to highlight when jumping to it.
	Start int `json:"-"`
	End   int `json:"-"`
	// Table is the caption of the table the row is in ("" for text).
	Table string `json:"table,omitempty"`
	// Sentence is the sentence a text target was read from.
	Sentence string `json:"sentence,omitempty"`
	// Support lists sentences of the same plan stating the same indicator
	// as this table row; Conflict is set when one of them states another
	// target.
	Support  []Support `json:"support,omitempty"`
	Conflict bool      `json:"conflict,omitempty"`
}

// Support is a sentence that states a table row's indicator again.
type Support struct {
	Line     int    `json:"line"`
	Sentence string `json:"sentence"`
	Target   string `json:"target"`
	Agrees   bool   `json:"agrees"`
}

// Line is the source line of the indicator.
func (in *Indicator) Line() int { return in.Loc.Line }

// Rate reports whether the indicator is a rate, ratio or coverage — a
// value that does not depend on the size of the place, so that a county's
// target can be held against its city's. Counts (社会工作人才总量, 床位数)
// are not rates.
func (in *Indicator) Rate() bool { return isRate(in) }

// Short is the target as a cell shows it: comparator, number and unit
// (≥55%, 0.16万人, >30平方米; = is left out), or the target as written
// when it states no number.
func (in *Indicator) Short() string {
	if in.Value == nil {
		return in.Target
	}
	c := in.Comparator
	if c == "=" {
		c = ""
	}
	return c + formatNumber(*in.Value) + in.Unit
}
