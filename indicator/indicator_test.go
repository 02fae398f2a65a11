package indicator

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"planview/loader"
	"planview/model"
	"planview/seeds"
)

func seedPlans(t *testing.T) []*model.Plan {
	t.Helper()
	plans, errs := loader.LoadFS(seeds.FS())
	if len(plans) != 5 {
		t.Fatalf("loaded %d seeds: %v", len(plans), errs)
	}
	return plans
}

func planIndex(t *testing.T, m *Matrix, part string) int {
	t.Helper()
	for i, p := range m.Plans {
		if strings.Contains(p.ID, part) {
			return i
		}
	}
	t.Fatalf("no plan %q", part)
	return -1
}

// rowOf returns the row with the key and year.
func rowOf(t *testing.T, m *Matrix, key string, year int) *Row {
	t.Helper()
	for _, r := range m.Rows {
		if r.Key == key && r.Year == year {
			return r
		}
	}
	t.Fatalf("no row %s (%d)", key, year)
	return nil
}

func TestSeedsNursingBeds(t *testing.T) {
	m := Build(seedPlans(t), ExtractAll(seedPlans(t)))
	r := rowOf(t, m, "养老机构护理型床位占比", 2025)
	want := map[string]struct {
		short, attr string
		from        Source
	}{
		"tongdao": {"≥55%", "约束性", FromTable},
		"huaihua": {"≥55%", "约束性", FromTable},
		"tianmen": {"60%", "约束性", FromTable},
	}
	for part, w := range want {
		e := r.Cell(planIndex(t, m, part))
		if e == nil {
			t.Fatalf("%s: no value for %s", part, r.Key)
		}
		if e.In.Short() != w.short || e.In.Attribute != w.attr || e.In.From != w.from || e.In.Loc.Line == 0 {
			t.Errorf("%s: %s %s %s line %d, want %+v", part, e.In.Short(), e.In.Attribute, e.In.From, e.In.Loc.Line, w)
		}
	}
	// 疏勒 states its target in a sentence, for 公办养老机构.
	shule := rowOf(t, m, "公办养老机构护理型床位占比", 2025).Cell(planIndex(t, m, "shule"))
	if shule == nil || shule.In.Short() != "≥50%" || shule.In.From != FromText || !strings.Contains(shule.In.Sentence, "不低于50%") {
		t.Errorf("疏勒: %+v", shule)
	}
	// The 十三五 rows are rows of their own, for 2020.
	for _, k := range []string{"养老机构护理型床位", "护理型床位比例"} {
		if rowOf(t, m, k, 2020).Entries[0].In.Year != 2020 {
			t.Errorf("%s not a 2020 row", k)
		}
	}
	// Naming variants are similar, not merged.
	sim := map[string]bool{}
	for _, j := range r.Similar {
		sim[m.Rows[j].Key] = true
	}
	if !sim["公办养老机构护理型床位占比"] || !sim["护理型床位比例"] {
		t.Errorf("similar to %s: %v", r.Key, sim)
	}
}

func TestSeedsShared(t *testing.T) {
	plans := seedPlans(t)
	m := Build(plans, ExtractAll(plans))
	shared := 0
	for _, r := range m.Rows {
		if len(r.Entries) >= 2 {
			shared++
		}
	}
	if shared < 10 {
		t.Errorf("%d indicators set by two or more plans, want at least 10", shared)
	}
	check := func(key string, want map[string]string) {
		r := rowOf(t, m, key, 2025)
		for part, short := range want {
			e := r.Cell(planIndex(t, m, part))
			if e == nil || e.In.Short() != short {
				t.Errorf("%s %s: %+v, want %s", key, part, e, short)
			}
		}
	}
	check("农村低保标准占城市低保标准比例", map[string]string{"tongdao": "75%", "huaihua": "75%", "tianmen": "≥75%"})
	check("每百户居民拥有的城乡社区综合服务设施面积", map[string]string{"tongdao": ">30平方米", "tianmen": ">30平方米"})
	// Two different indicators never share a row.
	a, b := rowOf(t, m, "困难残疾人生活补贴覆盖率", 2025), rowOf(t, m, "重度残疾人护理补贴覆盖率", 2025)
	if a == b {
		t.Error("困难残疾人生活补贴覆盖率 and 重度残疾人护理补贴覆盖率 share a row")
	}
	for _, j := range a.Similar {
		if m.Rows[j] == b {
			t.Error("困难残疾人… offered as similar to 重度残疾人…")
		}
	}
	// Units convert exactly, the value as written kept.
	e := rowOf(t, m, "社会工作专业人才总量", 2025).Cell(planIndex(t, m, "tianmen"))
	if e == nil || *e.In.Norm != 1600 || e.In.NormUnit != "人" || e.In.Target != "0.16" || e.In.Unit != "万人" {
		t.Errorf("天门 社会工作专业人才总量: %+v", e)
	}
}

func TestHuaihuaTables(t *testing.T) {
	plans := seedPlans(t)
	var hh *model.Plan
	for _, p := range plans {
		if strings.Contains(p.ID, "huaihua") {
			hh = p
		}
	}
	var y2025, y2020 []Indicator
	for _, in := range Extract(hh) {
		if in.From != FromTable {
			continue
		}
		switch in.Year {
		case 2025:
			y2025 = append(y2025, in)
		case 2020:
			y2020 = append(y2020, in)
		}
	}
	// 18 rows; row 13 holds two values for two sub-indicators.
	if len(y2025) != 19 {
		t.Errorf("%d 十四五 indicators, want 19 (18 rows, one split in two)", len(y2025))
	}
	names := map[string]string{}
	for _, in := range y2025 {
		names[in.Name] = in.Short()
	}
	if names["社會散居孤兒養育標準"] != "1200元/人、月" || names["社會福利機構內集中養育孤兒養育標準"] != "1800元/人、月" {
		t.Errorf("split row: %v", names)
	}
	// 十三五: 城市/农村 split rows come out separately, named.
	got := map[string]string{}
	for _, in := range y2020 {
		got[in.Name] = in.Target + "/" + in.Actual + "/" + in.Status + "/" + in.Base
	}
	if got["最低生活保障平均標準（農村）"] != "333/356/完成/165" || got["農村特困對象集中供養率"] != "50/29/未完成/25" {
		t.Errorf("十三五 rows: %v", got)
	}
}

func TestAgainst(t *testing.T) {
	plans := seedPlans(t)
	m := Build(plans, ExtractAll(plans))
	hh, td := planIndex(t, m, "huaihua"), planIndex(t, m, "tongdao")
	m.Against(hh)
	verdict := func(key string) Verdict {
		for _, r := range m.Rows {
			if r.Key == key && r.Year == 2025 {
				if e := r.Cell(td); e != nil {
					return e.Verdict
				}
			}
		}
		return NoVerdict
	}
	if v := verdict("养老机构护理型床位占比"); v != Meets {
		t.Errorf("通道 ≥55 against 懷化 ≥55: %v", v)
	}
	if v := verdict("农村低保标准占城市低保标准比例"); v != Meets {
		t.Errorf("通道 75 against 懷化 75: %v", v)
	}
	// A count is not comparable, with the reason.
	r := rowOf(t, m, "慈善超市", 2025)
	if r.Cell(hh).Verdict != Reference {
		t.Errorf("reference's own cell: %v", r.Cell(hh).Verdict)
	}
	in := &Indicator{Key: "社会工作人才总量", Unit: "人", Value: ptr(50), Norm: ptr(50), NormUnit: "人"}
	ref := &Indicator{Key: "社会工作人才总量", Unit: "万人", Value: ptr(0.4), Norm: ptr(4000), NormUnit: "人"}
	if v, why := Compare(in, ref); v != NotComparable || why == "" {
		t.Errorf("count: %v %q", v, why)
	}
	rate := func(cmp string, v float64) *Indicator {
		return &Indicator{Key: "养老机构护理型床位占比", Unit: "%", Comparator: cmp, Value: ptr(v), Norm: ptr(v), NormUnit: "%"}
	}
	for _, c := range []struct {
		x, ref *Indicator
		want   Verdict
	}{
		{rate("=", 50), rate("≥", 55), Weaker},
		{rate("=", 60), rate("≥", 55), Stronger},
		{rate("≥", 55), rate("≥", 55), Meets},
		{rate(">", 30), rate("≥", 30), Stronger},
	} {
		if v, _ := Compare(c.x, c.ref); v != c.want {
			t.Errorf("%s%v against %s%v: %v, want %v", c.x.Comparator, *c.x.Value, c.ref.Comparator, *c.ref.Value, v, c.want)
		}
	}
}

func ptr(v float64) *float64 { return &v }

func TestParseTarget(t *testing.T) {
	for _, c := range []struct {
		in, cmp, unit string
		v             float64
		ok            bool
	}{
		{"≥55", "≥", "", 55, true},
		{"＞30", ">", "", 30, true},
		{"60%以上", "≥", "%", 60, true},
		{"不低于50%", "≥", "%", 50, true},
		{"不少于6个", "≥", "个", 6, true},
		{"超过90%", ">", "%", 90, true},
		{"达到100%", "≥", "%", 100, true},
		{"0.16", "=", "", 0.16, true},
		{"１,６００人", "=", "人", 1600, true},
		{"全覆盖", "=", "%", 100, true},
		{"1200元/人、月", "=", "元/人、月", 1200, true},
		{"不低于居民上年度人均消费支出增速", "≥", "", 0, false},
		{"30—40平方米", "", "", 0, false},
		{"1:10", "", "", 0, false},
		{"——", "", "", 0, false},
	} {
		got := parseTarget(c.in)
		if got.ok != c.ok || got.ok && (got.cmp != c.cmp || got.unit != c.unit || got.value != c.v) || !got.ok && got.cmp != c.cmp {
			t.Errorf("parseTarget(%q) = %+v, want %s %v %s ok=%v", c.in, got, c.cmp, c.v, c.unit, c.ok)
		}
	}
}

func TestNormaliseExact(t *testing.T) {
	for _, c := range []struct {
		num, unit, to string
		want          float64
	}{
		{"0.16", "万人", "人", 1600}, {"0.4", "万人", "人", 4000}, {"16.5", "亿元", "元", 1650000000}, {"1", "‰", "%", 0.1}, {"0.03", "万元", "元", 300},
	} {
		v, u := normalise(c.num, c.unit)
		if v != c.want || u != c.to {
			t.Errorf("normalise(%s %s) = %v %s, want %v %s", c.num, c.unit, v, u, c.want, c.to)
		}
	}
}

func TestKeyAndSimilar(t *testing.T) {
	for in, want := range map[string]string{
		"養老機構護理型床位占比(%)":     "养老机构护理型床位占比",
		"其中：护理型床位比例（%）":      "护理型床位比例",
		"乡镇（街道）未成年人保护工作站覆盖率": "乡镇未成年人保护工作站覆盖率",
		"婚姻登记“跨省通办”实施率":      "婚姻登记跨省通办实施率",
	} {
		if got := Key(in); got != want {
			t.Errorf("Key(%s) = %s, want %s", in, got, want)
		}
	}
	sim := func(a, b string) bool {
		return similarKeys([]rune(similarWords.Replace(Key(a))), []rune(similarWords.Replace(Key(b))))
	}
	for _, p := range [][2]string{{"社会工作专业人才总量", "社会工作人才总量"}, {"养老机构护理型床位占比", "其中：护理型床位比例"}} {
		if !sim(p[0], p[1]) {
			t.Errorf("%s / %s not similar", p[0], p[1])
		}
	}
	if sim("困难残疾人生活补贴覆盖率", "重度残疾人护理补贴覆盖率") {
		t.Error("困难残疾人… / 重度残疾人… similar")
	}
}

func TestShortName(t *testing.T) {
	for in, want := range map[string]string{"通道侗族自治县": "通道", "湘西土家族苗族自治州": "湘西", "黔南布依族苗族自治州": "黔南", "懷化市": "懷化", "疏勒县": "疏勒", "市": "市"} {
		if got := ShortName(in); got != want {
			t.Errorf("ShortName(%s) = %s, want %s", in, got, want)
		}
	}
}

// Unseen layouts: testdata/*.txt, plans written for these tests.
func unseen(t *testing.T, name string) []Indicator {
	t.Helper()
	path := filepath.Join("testdata", name)
	if _, err := os.Stat(path); err != nil {
		t.Fatal(err)
	}
	plans, errs := loader.LoadPaths([]string{path})
	if len(plans) != 1 {
		t.Fatalf("%s: %v", name, errs)
	}
	return Extract(plans[0])
}

func byName(ins []Indicator) map[string]Indicator {
	m := map[string]Indicator{}
	for _, in := range ins {
		m[in.Name] = in
	}
	return m
}

func TestUnseenTabTable(t *testing.T) {
	got := byName(unseen(t, "tab-table.txt"))
	if len(got) != 4 {
		t.Errorf("%d indicators, want 4: %v", len(got), got)
	}
	in := got["养老机构护理型床位占比"]
	if in.Short() != "≥58%" || in.Base != "40" || in.BaseYear != 2020 || in.Attribute != "约束性" || len(in.Support) != 1 || !in.Support[0].Agrees {
		t.Errorf("护理型床位占比: %+v", in)
	}
	if in := got["社会工作专业人才总量"]; in.Norm == nil || *in.Norm != 1200 {
		t.Errorf("社会工作专业人才总量: %+v", in)
	}
}

func TestUnseenUnitInName(t *testing.T) {
	ins := unseen(t, "unit-in-name.txt")
	got := byName(ins)
	if len(ins) != 3 {
		t.Errorf("%d indicators, want 3 (the project table yields none): %v", len(ins), got)
	}
	if in := got["养老机构护理型床位占比"]; in.Unit != "%" || in.Short() != "≥60%" || in.Base != "35" {
		t.Errorf("护理型床位占比: %+v", in)
	}
	if in := got["城乡低保标准年度增速"]; in.Unit != "%" || in.Value != nil || in.Target == "" {
		t.Errorf("unclosed (%%: %+v", in)
	}
}

func TestUnseenProseOnly(t *testing.T) {
	ins := unseen(t, "prose-only.txt")
	got := byName(ins)
	want := map[string]string{
		"城乡社区综合服务设施覆盖率":     "100%",
		"农村留守儿童关爱服务覆盖率":     "≥95%",
		"城市社区公共服务综合信息平台覆盖率": "≥100%",
		"农村社区公共服务综合信息平台覆盖率": "≥85%",
		"生活不能自理特困人员集中供养率":   "≥60%",
		"每千名老年人拥有养老床位数":     "≥40张",
		"社会组织": "≥150个",
	}
	for name, short := range want {
		in, ok := got[name]
		if !ok || in.Short() != short || in.From != FromText || in.Sentence == "" {
			t.Errorf("%s: %+v, want %s", name, in, short)
		}
	}
	if got["生活不能自理特困人员集中供养率"].Year != 2022 {
		t.Error("the 2022 target is not kept with its year")
	}
	if got["社会组织"].Base != "120个" || got["社会组织"].Year != 2025 {
		t.Errorf("由120个增长到150个: base %q", got["社会组织"].Base)
	}
	// 2020年，…达到5000张 is a past year: no target.
	for _, in := range ins {
		if strings.Contains(in.Sentence, "2020年") {
			t.Errorf("a past year read as a target: %+v", in)
		}
	}
	if len(ins) != len(want) {
		t.Errorf("%d indicators, want %d", len(ins), len(want))
	}
}

// ExtractMatching reads only what may name the query, and finds what
// ExtractAll finds for it: on the seeds, and on the plans of
// testdata/formats, whose PDFs wrap a name over a cell's lines
// (养老机构护理型 / 床位占比).
func TestExtractMatchingSame(t *testing.T) {
	plans := seedPlans(t)
	more, errs := loader.LoadPaths([]string{filepath.Join("..", "testdata", "formats")})
	if len(errs) > 0 || len(more) == 0 {
		t.Fatalf("testdata/formats: %d plans, %v", len(more), errs)
	}
	plans = append(plans, more...)
	for _, q := range []string{"护理型床位", "護理型床位", "低保", "社会工作", "床位"} {
		full := Build(plans, ExtractAll(plans))
		part := Build(plans, ExtractMatching(plans, q))
		a, b := full.Filter(q), part.Filter(q)
		if len(a) != len(b) {
			t.Errorf("%s: %d rows from everything, %d from matching blocks", q, len(a), len(b))
			continue
		}
		for i := range a {
			ra, rb := full.Rows[a[i]], part.Rows[b[i]]
			if ra.Key != rb.Key || len(ra.Entries) != len(rb.Entries) {
				t.Errorf("%s: row %d: %s (%d) / %s (%d)", q, i, ra.Key, len(ra.Entries), rb.Key, len(rb.Entries))
				continue
			}
			for j := range ra.Entries {
				ea, eb := ra.Entries[j].In, rb.Entries[j].In
				if ea.From != eb.From || ea.Line() != eb.Line() {
					t.Errorf("%s: %s in %s: from %v line %d, from matching blocks %v line %d", q, ra.Key, plans[ra.Entries[j].Plan].Source, ea.From, ea.Line(), eb.From, eb.Line())
				}
			}
		}
	}
}

// sentenceEnd finds what strings.IndexAny finds.
func TestSentenceEnd(t *testing.T) {
	for _, s := range []string{"", "到2025年，达到90%。其余", "一；二;三！四？五!六?七\n八", "无终止符「」…", "。", "末尾？"} {
		starts := []int{len(s)}
		for i := range s {
			starts = append(starts, i)
		}
		for _, from := range starts {
			want := strings.IndexAny(s[from:], sentenceEnds)
			if want >= 0 {
				want += from
			}
			if got := sentenceEnd(s, from); got != want {
				t.Errorf("sentenceEnd(%q, %d) = %d, want %d", s, from, got, want)
			}
		}
	}
}

// The unseen plans of the loader's tests, with their indicator tables.
func TestLoaderUnseen(t *testing.T) {
	for file, want := range map[string]map[string]string{
		"units-html.txt":   {"养老床位": "4000张", "护理型床位占比": "55%"},
		"html-oneline.txt": {"养老床位": "2800张", "护理型床位占比": "55%"},
		"markdown.txt":     {"城市低保标准": "750元/月", "临时救助备用金覆盖乡镇比例": "100%"},
	} {
		plans, errs := loader.LoadPaths([]string{filepath.Join("..", "loader", "testdata", "unseen", file)})
		if len(plans) != 1 {
			t.Fatalf("%s: %v", file, errs)
		}
		got := byName(Extract(plans[0]))
		for name, short := range want {
			if in, ok := got[name]; !ok || in.Short() != short || in.Year != 2025 {
				t.Errorf("%s: %s = %+v, want %s", file, name, in, short)
			}
		}
	}
}

// Group rows set the category; a 类型 column of 城市 / 农村 splits rows.
func TestUnseenGroupRows(t *testing.T) {
	got := byName(unseen(t, "group-rows.txt"))
	for name, want := range map[string]string{
		"城乡低保平均标准（城市）":       "2020 600元/月 650 完成 400 ",
		"城乡低保平均标准（农村）":       "2020 400元/月 380 未完成 200 ",
		"社会组织数":              "2020 500个 520 完成 300 ",
		"城乡低保标准年度增速":         "2025 不低于居民上年度人均消费支出增速    社会救助",
		"其中：农村低保标准占城市低保标准比例": "2025 ≥75%   70 社会救助",
		"养老机构护理型床位占比":        "2025 ≥60%   45 养老服务",
	} {
		in, ok := got[name]
		s := fmt.Sprintf("%d %s %s %s %s %s", in.Year, in.Short(), in.Actual, in.Status, in.Base, in.Category)
		if !ok || s != want {
			t.Errorf("%s: %q, want %q", name, s, want)
		}
	}
	if len(got) != 6 {
		t.Errorf("%d indicators, want 6: %v", len(got), got)
	}
}

// containsByLast says what strings.Contains says.
func TestContainsByLast(t *testing.T) {
	texts := []string{"", "护", "养老机构护理型床位占比", "護理型", "型型型", "a型b", "xx\xe5\x9e", "\x8b型", "到2025年，全县养老机构护理型床位占比不低于55%。"}
	needles := []string{"型", "护", "護", "床", "%", "型床", "\x8b", "a"}
	for _, s := range texts {
		for _, n := range needles {
			if got, want := containsByLast(s, n), strings.Contains(s, n); got != want {
				t.Errorf("containsByLast(%q, %q) = %v, want %v", s, n, got, want)
			}
		}
	}
}

// A row lists at most maxSimilar similar rows: 17 names that all contain
// 养老床位占比 give the short one 16, not 17 (a pattern, not variants);
// 16 give it all 16. The signature test leaves the answer as it was.
func TestSimilarBounded(t *testing.T) {
	build := func(n int) *Matrix {
		m := &Matrix{}
		m.Rows = append(m.Rows, &Row{Key: "养老床位占比"})
		for i := range n {
			m.Rows = append(m.Rows, &Row{Key: string(rune('甲'+i)) + "养老床位占比"})
		}
		m.linkSimilar()
		return m
	}
	if got := len(build(maxSimilar).Rows[0].Similar); got != maxSimilar {
		t.Errorf("%d similar names: the row lists %d", maxSimilar, got)
	}
	if got := len(build(maxSimilar + 1).Rows[0].Similar); got != maxSimilar {
		t.Errorf("%d similar names: the row lists %d, want at most %d", maxSimilar+1, got, maxSimilar)
	}
	// Not similar, though the runes are shared: the signature passes them
	// to the subsequence test, which says no.
	m := &Matrix{Rows: []*Row{{Key: "补贴覆盖率残疾人"}, {Key: "残疾人补贴覆盖率"}}}
	m.linkSimilar()
	if len(m.Rows[0].Similar) != 0 {
		t.Error("rows in another order of the same runes were linked")
	}
}
