package render

import (
	"fmt"
	"testing"

	"planview/model"
)

// bigTable is the indicator table of tui/bench_test.go's writeRows: n rows
// of a number, an indicator name, two values and an attribute.
func bigTable(n int) *model.Table {
	t := &model.Table{Caption: "表1 主要指标", Header: []model.Row{text("序号", "指标", "2020年", "2025年目标值", "属性")}}
	t.Rows = make([]model.Row, n)
	for i := 1; i <= n; i++ {
		t.Rows[i-1] = text(fmt.Sprint(i), fmt.Sprintf("养老指标第%d项（%%）", i), fmt.Sprint(i%100), fmt.Sprintf("≥%d", i%97), "约束性")
	}
	return t
}

// BenchmarkTable200k lays out a table of 200,000 rows: at a width it fits
// in, and at one where its columns must be narrowed (every cell's
// unbreakable pieces measured, every indicator name wrapped).
func BenchmarkTable200k(b *testing.B) {
	t := bigTable(200000)
	for _, width := range []int{120, 50} {
		b.Run(fmt.Sprint(width), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				l := LayoutTable(t, width)
				l.Line(l.NumLines()/2, 0)
			}
		})
	}
}
