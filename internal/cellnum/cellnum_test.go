package cellnum

import "testing"

func TestIsNumeric(t *testing.T) {
	yes := []string{"1", "100%", "37.22", "≥50", "5400元/年", "2025年", "1,234", "12.5%", "1.2万人", " 55% ", "50-60", "1:3", "３０", "约30", "-5", "2,500.5",
		"17.47", "≥55", "5亿元", "4.4555亿元", "5.5 亿元", "2020 年", "2021—2025年", "20个以上", "１２％", "30㎡"}
	no := []string{"", "约束性", "第1项", "90%以上的社区实现全覆盖", "预期性", "—", "abc", "1a", "12 items", "[预期性]",
		"24、其他", "1.新建", "3）", "2025年目标值", "2020年完成情况", "1200 1800", "5亿元6亿元", "5  亿元", "不低于30%", "100(%)"}
	for _, s := range yes {
		if !IsNumeric(s) {
			t.Errorf("IsNumeric(%q) = false", s)
		}
	}
	for _, s := range no {
		if IsNumeric(s) {
			t.Errorf("IsNumeric(%q) = true", s)
		}
	}
}

func TestIsPlaceholder(t *testing.T) {
	if !IsPlaceholder("——") || !IsPlaceholder(" - ") || !IsPlaceholder("/") || IsPlaceholder("") || IsPlaceholder("-5") || IsPlaceholder("约束性") {
		t.Error("IsPlaceholder")
	}
}

// unitMax: a unit of five characters after a number keeps the cell a
// number; six make it a label.
func TestIsNumericUnitMax(t *testing.T) {
	if !IsNumeric("20元/人/月") || IsNumeric("20元/人/每月") {
		t.Errorf("unitMax boundary: 20元/人/月 %v, 20元/人/每月 %v", IsNumeric("20元/人/月"), IsNumeric("20元/人/每月"))
	}
	if !IsNumeric("30平方米/人") || IsNumeric("30平方米/每人") {
		t.Error("unitMax boundary: 平方米/人")
	}
}
