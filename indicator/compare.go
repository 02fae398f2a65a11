package indicator

import (
	"strings"

	"planview/search"
)

// rateUnits are units of a value that does not grow with the size of the
// place: a county's 60% can be held against its city's 55%.
var rateUnits = map[string]bool{"%": true, "‰": true}

// rateEnds are name endings of rates, ratios and coverage when the unit is
// missing or written in the name only (城乡低保标准年度增速; 参选率).
var rateEnds = []string{"率", "占比", "比例", "比率", "比重", "增速", "覆盖面"}

// isRate: see Indicator.Rate.
func isRate(in *Indicator) bool {
	if rateUnits[search.Fold(in.Unit)] {
		return true
	}
	if in.Unit != "" && in.Unit != "%" {
		// A count with its own unit (人, 个, 万元, 平方米) is no rate
		// even when its name ends like one.
		return false
	}
	for _, e := range rateEnds {
		if strings.HasSuffix(in.Key, e) {
			return true
		}
	}
	return false
}

// lowerBetter are name parts of indicators where a lower value is the more
// demanding target (a rate to bring down).
var lowerBetter = []string{"死亡率", "发生率", "事故率", "空置率", "失败率", "投诉率", "差错率"}

func higherIsBetter(key string) bool {
	for _, w := range lowerBetter {
		if strings.Contains(key, w) {
			return false
		}
	}
	return true
}

// countReason says why a count is not compared.
const countReason = "a count, not a rate: it depends on the size of the place"

// Compare holds a plan's target x against the reference plan's target ref
// for the same indicator. Only rates are compared: a count such as
// 社会工作人才总量 depends on the population of the place.
func Compare(x, ref *Indicator) (Verdict, string) {
	if !isRate(ref) || !isRate(x) {
		return NotComparable, countReason
	}
	if x.Norm == nil || ref.Norm == nil {
		if search.Fold(x.Target) == search.Fold(ref.Target) && x.Target != "" {
			return Meets, "the same target as written"
		}
		if x.Norm == nil {
			return NotComparable, "no number in the target"
		}
		return NotComparable, "no number in the reference's target"
	}
	if x.NormUnit != ref.NormUnit {
		return NotComparable, "different units: " + x.NormUnit + " / " + ref.NormUnit
	}
	a, b := *x.Norm, *ref.Norm
	if !higherIsBetter(x.Key) {
		a, b = -a, -b
	}
	switch {
	case a > b:
		return Stronger, ""
	case a < b:
		return Weaker, ""
	}
	// Equal numbers: ＞30 asks more than ≥30.
	sx, sr := strictness(x.Comparator), strictness(ref.Comparator)
	switch {
	case sx > sr:
		return Stronger, ""
	case sx < sr:
		return Weaker, ""
	}
	return Meets, ""
}

// strictness orders comparators at an equal number: > above ≥ and =.
func strictness(c string) int {
	switch c {
	case ">", "<":
		return 1
	}
	return 0
}

// compareUnit is the unit values of in are compared in.
func (in *Indicator) compareUnit() string {
	if in.NormUnit != "" {
		return in.NormUnit
	}
	return in.Unit
}
