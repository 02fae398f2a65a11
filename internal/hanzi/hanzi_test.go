package hanzi

import "testing"

func TestMatch(t *testing.T) {
	if Simplified('專') != '专' || Simplified('欄') != '栏' || Simplified('a') != 'a' || Simplified('专') != '专' {
		t.Error("Simplified")
	}
	for _, c := range []struct {
		s, w string
		n    int
	}{{"專欄1 社會救助", "专栏", 6}, {"专栏1", "专栏", 6}, {"專栏", "专栏", 6}, {"专", "专栏", -1}, {"栏专", "专栏", -1}, {"", "专", -1}, {"x", "", 0}} {
		if got := Prefix(c.s, c.w); got != c.n {
			t.Errorf("Prefix(%q, %q) = %d, want %d", c.s, c.w, got, c.n)
		}
	}
	if !HasSuffix("懷化市民政事業發展規劃", "规划") || HasSuffix("规划纲要", "规划") || !HasSuffix("规划", "规划") || HasSuffix("划", "规划") {
		t.Error("HasSuffix")
	}
	if Index("主要指標一覽", "指标") != 6 || Index("主要指标", "情况") != -1 || !Contains("完成情況", "情况") {
		t.Error("Index/Contains")
	}
	if got := Spellings("覆盖"); len(got) != 2 || got[0] != "覆盖" || got[1] != "覆蓋" {
		t.Errorf("Spellings(覆盖) = %q", got)
	}
	if got := AllSpellings("县", "市"); len(got) != 3 || got[1] != "縣" || got[2] != "市" {
		t.Errorf("AllSpellings(县, 市) = %q", got)
	}
	if len(Pairs) < 3000 {
		t.Errorf("only %d pairs", len(Pairs))
	}
	for i := 1; i < len(Pairs); i++ {
		if Pairs[i-1][0] >= Pairs[i][0] {
			t.Fatalf("Pairs not sorted at %d", i)
		}
	}
}
