package topic

import (
	"testing"

	"planview/internal/corpus"
	"planview/loader"
	"planview/model"
	"planview/seeds"
)

func seedPlan(t *testing.T, part string) *model.Plan {
	t.Helper()
	plans, _ := loader.LoadFS(seeds.FS())
	for _, p := range plans {
		if len(p.ID) >= len(part) && contains(p.ID, part) {
			return p
		}
	}
	t.Fatalf("no seed %s", part)
	return nil
}

func contains(s, sub string) bool {
	for i := 0; i+len(sub) <= len(s); i++ {
		if s[i:i+len(sub)] == sub {
			return true
		}
	}
	return false
}

func paths(ss []*model.Section) []string {
	var out []string
	for _, s := range ss {
		out = append(out, s.Path)
	}
	return out
}

func has(list []string, x string) bool {
	for _, s := range list {
		if s == x {
			return true
		}
	}
	return false
}

// 通道's 养老 sections, the untitled parent of its lost chapter heading
// among them.
func TestTongdao(t *testing.T) {
	tp := Classify(seedPlan(t, "tongdao"))
	got := paths(tp.Sections(Elderly))
	for _, want := range []string{"1.2.3", "3.3"} {
		if !has(got, want) {
			t.Errorf("养老服务: %v lacks %s", got, want)
		}
	}
	if s := tp.Plan.Find("3.3"); tp.How[s] != ByChildren {
		t.Errorf("3.3 (untitled) classified %q", tp.How[s])
	}
	for topic, want := range map[string]string{Funeral: "3.5", Marriage: "3.5", PlaceNames: "3.9", Safeguards: "4", Goals: "2", Disability: "3.6"} {
		if !has(paths(tp.Sections(topic)), want) {
			t.Errorf("%s: %v lacks %s", topic, paths(tp.Sections(topic)), want)
		}
	}
	// A problem of the past under 存在的主要问题 is no 保障措施.
	if has(paths(tp.Sections(Safeguards)), "1.3.2") {
		t.Error("1.3.2 (在人才队伍层面配备不强) listed under 保障措施")
	}
}

// Traditional text is classified as Simplified is.
func TestHuaihuaTraditional(t *testing.T) {
	tp := Classify(seedPlan(t, "huaihua"))
	for topic, want := range map[string]string{Elderly: "3", Children: "4", Community: "5", SocialOrgs: "7", PlaceNames: "9", Safeguards: "11", Foundations: "1.1", Marriage: "6.3"} {
		if !has(paths(tp.Sections(topic)), want) {
			t.Errorf("%s: %v lacks %s", topic, paths(tp.Sections(topic)), want)
		}
	}
	// 第三節 發展社區居家養老服務 is about 养老, listed with its chapter.
	if has(paths(tp.Sections(Community)), "3.3") {
		t.Error("發展社區居家養老服務 listed under 基层治理与社区")
	}
}

func TestMissing(t *testing.T) {
	tp := Classify(seedPlan(t, "jishou"))
	m := tp.Missing()
	if !has(m, Marriage) || !has(m, PlaceNames) || has(m, Elderly) {
		t.Errorf("吉首 missing %v", m)
	}
}

func TestOfName(t *testing.T) {
	for name, want := range map[string]string{
		"养老机构护理型床位占比":          Elderly,
		"困难残疾人生活补贴覆盖率":         Disability,
		"基层医疗卫生机构护理床位占比":       Elderly,
		"志愿服务站点在社区综合服务设施中的覆盖率": Charity,
		"城乡社区综合服务设施覆盖率":        Community,
		"節地生態安葬率":              Funeral,
		"保障措施":                 "",
	} {
		if got := OfName(name); got != want {
			t.Errorf("OfName(%s) = %q, want %q", name, got, want)
		}
	}
}

// BenchmarkClassify1000: every section of 1,000 generated plans.
func BenchmarkClassify1000(b *testing.B) {
	dir := b.TempDir()
	if _, err := corpus.Generate(dir, 1000, 1); err != nil {
		b.Fatal(err)
	}
	plans, _ := loader.LoadPaths([]string{dir})
	b.ResetTimer()
	for b.Loop() {
		for _, p := range plans {
			Classify(p)
		}
	}
}

// Plans the classifier was not written on (the loader's unseen plans).
func TestUnseen(t *testing.T) {
	for file, want := range map[string]map[string]string{
		"pian.txt":  {Assistance: "2.1", Elderly: "2.2", Goals: "1"},
		"deep.txt":  {Foundations: "1", Goals: "2", Elderly: "1.1.2"},
		"parts.txt": {Foundations: "1", Safeguards: "3", Elderly: "2"},
	} {
		plans, errs := loader.LoadPaths([]string{"../loader/testdata/unseen/" + file})
		if len(plans) != 1 {
			t.Fatalf("%s: %v", file, errs)
		}
		tp := Classify(plans[0])
		for topic, path := range want {
			if got := paths(tp.Sections(topic)); !has(got, path) {
				t.Errorf("%s: %s = %v, want %s among them", file, topic, got, path)
			}
		}
	}
}
