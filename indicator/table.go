package indicator

import (
	"strconv"
	"strings"

	"planview/model"
	"planview/search"
)

// colKind is what a column of an indicator table holds.
type colKind int

const (
	colUnknown  colKind = iota
	colSerial           // 序号
	colAttr             // 属性: 约束性 / 预期性
	colUnit             // 单位
	colCategory         // 类别
	colNote             // 备注
	colChange           // 增减比
	colTarget           // 2025年目标值
	colActual           // 已完成, 完成值, 实际值
	colStatus           // 完成情况: 完成 / 未完成
	colName             // 指标, 指标名称, 项目
	colYear             // a bare year: 2015, 2020年数据
	colReject           // a column only project lists have: 投资, 建设内容
)

// headerRules classify a column by its folded header text, first match
// wins (the order is the priority: 2020年完成情况/目标值 is a target
// column, 2020年完成情况/已完成 an actual one, 2020年完成情况/增减比 a
// change). Each rule carries the header that needed it.
var headerRules = []struct {
	kind  colKind
	words []string
}{
	// 重点建设项目表: 建设内容及规模, 计划总投资（亿元）, 项目业主.
	{colReject, []string{"投资", "建设内容", "建设性质", "建设地点", "项目业主", "开工", "竣工"}},
	{colSerial, []string{"序号"}},
	{colAttr, []string{"属性", "指标性质"}},
	{colCategory, []string{"类别", "类型", "领域", "分类"}},
	{colNote, []string{"备注", "说明", "注释"}},
	// 通道: 2020年完成情况 over 目标值 | 已完成 | 增减比 | 备注.
	{colChange, []string{"增减", "增幅", "变化"}},
	{colTarget, []string{"目标", "规划值", "预期值", "预期目标"}},
	{colActual, []string{"已完成", "完成值", "实际", "实现值", "完成数", "现状值"}},
	{colStatus, []string{"完成情况", "是否完成", "达标情况"}},
	// 主要指标 / 指标名称 / 项目 (天门 表1).
	{colName, []string{"指标", "名称", "项目"}},
	{colUnit, []string{"单位"}},
}

// tableYear reads the target year a caption or header implies: a written
// year, else the plan period (十四五 → 2025, 十三五 → 2020).
func periodYear(s string) int {
	f := search.Fold(s)
	for _, p := range periods {
		if strings.Contains(f, p.name) {
			return p.end
		}
	}
	return 0
}

// periods are the five-year plan periods by name and final year.
var periods = []struct {
	name  string
	end   int
	start int
}{
	{"十三五", 2020, 2016}, {"十四五", 2025, 2021}, {"十五五", 2030, 2026}, {"十二五", 2015, 2011},
}

// firstYear is the first year (19xx or 20xx) written in s, 0 for none.
func firstYear(s string) int {
	for i := 0; i+4 <= len(s); i++ {
		if (s[i] == '1' && s[i+1] == '9' || s[i] == '2' && s[i+1] == '0') && isDigits(s[i+2:i+4]) {
			y, _ := strconv.Atoi(s[i : i+4])
			return y
		}
	}
	return 0
}

// column is one classified column.
type column struct {
	kind  colKind
	label string // folded header text
	year  int    // a year in the header, 0 when none
}

// headerLabels returns each column's header text, the header rows joined
// top to bottom. An empty upper header cell over a non-empty lower one is
// the continuation of a cell merged across columns: it takes the text of
// the nearest non-empty cell to its left (2020年完成情况 over 目标值 |
// 已完成 | 增减比).
func headerLabels(t *model.Table, ncol int) []string {
	labels := make([]string, ncol)
	for h, row := range t.Header {
		last := ""
		for c := 0; c < ncol; c++ {
			txt := ""
			if c < len(row.Cells) {
				txt = search.Fold(row.Cells[c].Text())
			}
			if txt != "" {
				last = txt
			} else if h < len(t.Header)-1 && lowerHeaderSet(t, h, c) {
				txt = last
			}
			labels[c] += txt
		}
	}
	return labels
}

func lowerHeaderSet(t *model.Table, h, c int) bool {
	for _, row := range t.Header[h+1:] {
		if c < len(row.Cells) && row.Cells[c].Text() != "" {
			return true
		}
	}
	return false
}

// classify assigns a kind to every column of t.
func classify(t *model.Table) []column {
	ncol := t.Columns()
	labels := headerLabels(t, ncol)
	cols := make([]column, ncol)
	for c := range cols {
		cols[c] = column{label: labels[c], year: firstYear(labels[c])}
		for _, r := range headerRules {
			if containsAny(labels[c], r.words) {
				cols[c].kind = r.kind
				break
			}
		}
		if cols[c].kind == colReject {
			return cols // a project list: no need to look further
		}
		if cols[c].kind == colUnknown && cols[c].year != 0 {
			cols[c].kind = colYear
		}
	}
	// Content before header for the first two columns: a column of 1, 2,
	// 3 … is the serial column whatever its header says.
	for c := range min(2, ncol) {
		if (cols[c].kind == colUnknown || cols[c].kind == colName) && serialColumn(t, c) {
			cols[c].kind = colSerial
		}
	}
	return cols
}

func containsAny(s string, words []string) bool {
	for _, w := range words {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

// Serial columns count rows: small integers from 1 up (1, 2, 3 …, some
// rows left blank) in most of their non-empty body cells. 怀化's 十四五
// table heads its serial column 主要发展指标; a base column of 35, 80 is no
// serial column, as it does not count from 1.
const serialShare = 0.6

func serialColumn(t *model.Table, c int) bool {
	n, ints, last := 0, 0, 0
	for _, r := range t.Rows {
		if c >= len(r.Cells) {
			continue
		}
		s := strings.TrimSpace(r.Cells[c].Text())
		if s == "" {
			continue
		}
		n++
		if len(s) > 12 { // no serial number is that long, even full width
			continue
		}
		if s = search.Fold(s); len(s) > 3 || !isDigits(s) {
			continue
		}
		v, _ := strconv.Atoi(s)
		if ints == 0 && v != 1 || ints > 0 && v < last {
			return false
		}
		ints, last = ints+1, v
	}
	return n > 0 && float64(ints) >= serialShare*float64(n)
}

// layout is what extraction needs to know of an indicator table.
type layout struct {
	cols                                                       []column
	name, unit, cat, target, base, actual, status, attr, split int
	year, baseYear                                             int
}

// tableLayout decides whether t is an indicator table and where its
// fields are; ok is false for any other table (a project list, a time
// series of statistics).
func tableLayout(t *model.Table, context string, planEnd int) (layout, bool) {
	cols := classify(t)
	l := layout{cols: cols, name: -1, unit: -1, cat: -1, target: -1, base: -1, actual: -1, status: -1, attr: -1, split: -1}
	for c, col := range cols {
		set := func(p *int) {
			if *p < 0 {
				*p = c
			}
		}
		switch col.kind {
		case colReject:
			return l, false
		case colName:
			set(&l.name)
		case colUnit:
			set(&l.unit)
		case colCategory:
			set(&l.cat)
		case colTarget:
			set(&l.target)
		case colActual:
			set(&l.actual)
		case colStatus:
			set(&l.status)
		case colAttr:
			set(&l.attr)
		}
	}
	if l.name < 0 {
		return l, false
	}
	// Years: the target's own, else the caption's period, else the
	// latest bare year column when the table calls itself an indicator
	// table (指标 in its caption or header).
	indicatorish := strings.Contains(search.Fold(context), "指标") || l.attr >= 0 || strings.Contains(cols[l.name].label, "指标")
	if l.target >= 0 {
		l.year = cols[l.target].year
	}
	if l.target < 0 && indicatorish {
		for c, col := range cols {
			if col.kind == colYear && (l.target < 0 || col.year > cols[l.target].year) {
				l.target = c
			}
		}
		if l.target >= 0 {
			cols[l.target].kind = colTarget
			l.year = cols[l.target].year
		}
	}
	if l.target < 0 && l.actual < 0 {
		return l, false
	}
	if l.year == 0 {
		l.year = periodYear(context)
	}
	if l.year == 0 {
		l.year = planEnd
	}
	// The base: the latest bare year column before the target year.
	for c, col := range cols {
		if col.kind == colYear && c != l.target && (l.year == 0 || col.year < l.year) && (l.base < 0 || col.year > cols[l.base].year) {
			l.base = c
		}
	}
	if l.base >= 0 {
		l.baseYear = cols[l.base].year
	}
	// A split column: a column right after the name whose cells are
	// qualifiers (城市 / 农村, 集中 / 分散), unlabelled (懷化) or labelled
	// 类型 (which would otherwise make it a category column).
	if c := l.name + 1; c < len(cols) && (cols[c].kind == colUnknown && cols[c].label == "" && qualifierColumn(t, c) || splitColumn(t, c)) {
		l.split = c
		if l.cat == c {
			l.cat = -1
		}
	}
	return l, true
}

// splitWords are the qualifiers of split rows: one indicator for the city
// and one for the countryside, for care in an institution and at home.
var splitWords = map[string]bool{"城市": true, "农村": true, "城镇": true, "乡村": true, "城区": true, "集中": true, "分散": true, "男": true, "女": true}

// splitColumn reports whether every non-empty body cell of column c is a
// split word.
func splitColumn(t *model.Table, c int) bool {
	n := 0
	for _, r := range t.Rows {
		if c >= len(r.Cells) {
			continue
		}
		s := search.Fold(r.Cells[c].Text())
		if s == "" {
			continue
		}
		if !splitWords[s] {
			return false
		}
		n++
	}
	return n > 0
}

// A qualifier cell is short: 城市, 农村, 集中, 分散.
const maxQualifierRunes = 4

func qualifierColumn(t *model.Table, c int) bool {
	n := 0
	for _, r := range t.Rows {
		if c >= len(r.Cells) {
			continue
		}
		s := r.Cells[c].Text()
		if s == "" {
			continue
		}
		if runeLen(s) > maxQualifierRunes || !isEmptyValue(s) && parseTarget(s).ok {
			return false
		}
		n++
	}
	return n > 0
}
