package cli

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"planview/loader"
	"planview/seeds"
)

func TestCompareNursingBeds(t *testing.T) {
	out, errs, code := run(t, "compare", "护理型床位")
	if code != ExitOK || errs != "" {
		t.Fatalf("code %d, stderr %q", code, errs)
	}
	blocks := strings.Split(out, "\n\n")
	first := blocks[0]
	for _, want := range []string{
		"养老机构护理型床位占比 · % · 2025",
		"懷化 (養老機構護理型床位占比)  ≥55%          约束性  table",
		"huaihua-city-hunan.txt:329",
		"天门                           60%           约束性  table +1 text",
		"tianmen-city-hubei.txt:173",
		"通道                           ≥55%          约束性  table +1 text",
		"tongdao-county-hunan.txt:393",
		"not set (2): 吉首, 疏勒",
		"similar, not merged: 公办养老机构护理型床位占比 (2025)",
	} {
		if !strings.Contains(first, want) {
			t.Errorf("first block lacks %q:\n%s", want, first)
		}
	}
	if !strings.Contains(out, "公办养老机构护理型床位占比 · % · 2025") || !strings.Contains(out, "疏勒  ≥50%                text  shule-county-xinjiang.txt:37") {
		t.Errorf("疏勒's target from text missing:\n%s", out)
	}
	// The 十三五 rows are their own, 2020, rows.
	for _, want := range []string{"其中：养老机构护理型床位 · % · 2020", "其中：护理型床位比例 · % · 2020"} {
		if !strings.Contains(out, want) {
			t.Errorf("no row %q", want)
		}
	}
}

func TestCompareNoMatch(t *testing.T) {
	out, errs, code := run(t, "compare", "没有这个指标")
	if code != ExitFail || out != "" || !strings.Contains(errs, "no indicator matches") {
		t.Errorf("code %d, stdout %q, stderr %q", code, out, errs)
	}
	out, _, code = run(t, "compare", "没有这个指标", "--json")
	var v struct {
		Indicators []any `json:"indicators"`
	}
	if code != ExitFail || json.Unmarshal([]byte(out), &v) != nil || v.Indicators == nil || len(v.Indicators) != 0 {
		t.Errorf("--json: code %d, %q", code, out)
	}
	if _, errs, code := run(t, "compare", "床位", "--format", "xls"); code != ExitUsage || !strings.Contains(errs, "--format") {
		t.Errorf("bad format: code %d, %q", code, errs)
	}
}

func TestCompareJSONAgainst(t *testing.T) {
	out, errs, code := run(t, "compare", "--against", "怀化", "--path", seedPath, "--json")
	if code != ExitOK {
		t.Fatalf("code %d: %s", code, errs)
	}
	var v struct {
		Reference  string `json:"reference"`
		Indicators []struct {
			Key     string           `json:"key"`
			Name    string           `json:"name"`
			Similar []string         `json:"similar"`
			Values  []map[string]any `json:"values"`
		} `json:"indicators"`
	}
	if err := json.Unmarshal([]byte(out), &v); err != nil {
		t.Fatal(err)
	}
	if v.Reference != "huaihua-city-hunan" {
		t.Errorf("reference %q", v.Reference)
	}
	verdicts := map[string]string{}
	for _, r := range v.Indicators {
		if r.Similar == nil {
			t.Errorf("%s: similar is null", r.Key)
		}
		for _, val := range r.Values {
			for _, k := range []string{"plan", "region", "name", "unit", "base", "target", "comparator", "value", "attribute", "from", "line"} {
				if _, ok := val[k]; !ok {
					t.Fatalf("%s: value without %q: %v", r.Key, k, val)
				}
			}
			if val["plan"] == "tongdao-county-hunan" && val["vs_reference"] != nil {
				verdicts[r.Key] = val["vs_reference"].(string)
			}
		}
	}
	for key, want := range map[string]string{
		"养老机构护理型床位占比":     "meets",
		"农村低保标准占城市低保标准比例": "meets",
		"社会工作专业人才总量":      "not comparable",
	} {
		if verdicts[key] != want {
			t.Errorf("通道 %s: %q, want %q", key, verdicts[key], want)
		}
	}
	// 通道's 慈善 / count indicators that 懷化 sets too are not comparable.
	out, _, _ = run(t, "compare", "慈善超市", "--against", "怀化", "--path", seedPath)
	if !strings.Contains(out, "reference") {
		t.Errorf("no reference mark:\n%s", out)
	}
}

func TestCompareCountNotComparable(t *testing.T) {
	dir := t.TempDir()
	city := "某市民政事业发展“十四五”规划\n\n第一章 主要指标\n\n表1 主要指标\n序号\t指标\t单位\t2025年目标值\t属性\n1\t社会工作专业人才总量\t万人\t0.4\t预期性\n2\t养老机构护理型床位占比\t%\t≥55\t约束性\n"
	county := "某县民政事业发展“十四五”规划\n\n第一章 主要指标\n\n表1 主要指标\n序号\t指标\t单位\t2025年目标值\t属性\n1\t社会工作专业人才总量\t人\t50\t预期性\n2\t养老机构护理型床位占比\t%\t50\t约束性\n"
	os.WriteFile(filepath.Join(dir, "city.txt"), []byte(city), 0o644)
	os.WriteFile(filepath.Join(dir, "county.txt"), []byte(county), 0o644)
	out, errs, code := run(t, "compare", "--against", "某市", "--path", dir)
	if code != ExitOK {
		t.Fatalf("code %d: %s", code, errs)
	}
	for _, want := range []string{"weaker", "not comparable: a count, not a rate", "reference"} {
		if !strings.Contains(out, want) {
			t.Errorf("no %q in:\n%s", want, out)
		}
	}
	out, _, _ = run(t, "compare", "护理型床位", "--against", "某市", "--path", dir, "--rank")
	for _, want := range []string{"ranked, largest first; │ marks 某市 ≥55%", "short of reference"} {
		if !strings.Contains(out, want) {
			t.Errorf("--rank: no %q in:\n%s", want, out)
		}
	}
}

func TestCompareRank(t *testing.T) {
	out, _, code := run(t, "compare", "养老机构护理型床位占比", "--rank")
	if code != ExitOK {
		t.Fatal(code)
	}
	ls := lines(strings.Split(out, "\n\n")[0])
	if len(ls) < 4 || !strings.Contains(ls[1], "天门") || !strings.Contains(ls[1], "60%") || !strings.Contains(ls[1], "█") || !strings.Contains(out, "set nothing (2): 吉首, 疏勒") {
		t.Errorf("rank:\n%s", out)
	}
	out, _, _ = run(t, "compare", "养老机构护理型床位占比", "--rank", "--asc")
	ls = lines(strings.Split(out, "\n\n")[0])
	if !strings.Contains(ls[len(ls)-2], "天门") || !strings.Contains(ls[0], "smallest first") {
		t.Errorf("rank --asc:\n%s", out)
	}
}

func TestIndicatorsCSV(t *testing.T) {
	out, errs, code := run(t, "indicators", "怀化", "--format", "csv")
	if code != ExitOK {
		t.Fatalf("code %d: %s", code, errs)
	}
	if !strings.HasPrefix(out, "\uFEFFplan,") {
		t.Fatalf("no BOM and header: %q", out[:min(40, len(out))])
	}
	recs, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(out, "\uFEFF"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	for i, h := range recs[0] {
		col[h] = i
	}
	n2025, n2020 := 0, 0
	names := map[string]bool{}
	for _, r := range recs[1:] {
		if !strings.HasPrefix(r[col["from"]], "table") {
			continue
		}
		names[r[col["name"]]] = true
		switch r[col["year"]] {
		case "2025":
			n2025++
		case "2020":
			n2020++
		}
	}
	if n2025 != 19 || n2020 != 12 {
		t.Errorf("%d 十四五 and %d 十三五 table rows, want 19 (18 rows, one of two values) and 12", n2025, n2020)
	}
	if !names["養老機構護理型床位占比"] || !names["最低生活保障平均標準（城市）"] {
		t.Errorf("names: %v", names)
	}
}

func TestCompareMarkdown(t *testing.T) {
	out, _, code := run(t, "compare", "低保", "--format", "md")
	ls := lines(out)
	if code != ExitOK || len(ls) < 3 || !strings.HasPrefix(ls[0], "| indicator | unit | year |") || !strings.HasPrefix(ls[1], "|---|") {
		t.Fatalf("md:\n%s", out)
	}
	if !strings.Contains(out, "| 农村低保标准占城市低保标准比例 | % | 2025 | 75% |") {
		t.Errorf("md lacks the 低保 row:\n%s", out)
	}
	for _, l := range ls {
		if strings.Count(l, " | ") != strings.Count(ls[0], " | ") && !strings.HasPrefix(l, "|---") {
			t.Errorf("ragged row %q", l)
		}
	}
}

func TestIndicatorsNoControls(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "hostile.txt")
	plan := hostilePlan + "到2025年，全县养老\x1b[31m机构护理型床位占比\x1b]0;x\x07不低于55%。\n"
	if err := os.WriteFile(path, []byte(plan), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{"indicators", "--path", path},
		{"indicators", "--path", path, "--format", "csv"},
		{"indicators", "--path", path, "--format", "md"},
		{"indicators", "--path", path, "--json"},
		{"compare", "--path", path},
		{"compare", "床位", "--path", path, "--rank"},
		{"compare", "--path", path, "--format", "md"},
	} {
		out, errs, _ := run(t, args...)
		checkNoControls(t, strings.Join(args, " ")+" stdout", strings.TrimPrefix(out, "\uFEFF"))
		checkNoControls(t, strings.Join(args, " ")+" stderr", errs)
	}
}

// --json answers in JSON on every way out; --width has a bound; an empty
// folder says which and why.
func TestErrorsAnswerInJSON(t *testing.T) {
	empty := t.TempDir()
	for _, args := range [][]string{
		{"list", "--json", empty},
		{"show", "天门", "--width", "10000000", "--json"},
		{"--json", "show", "nosuch"},
		{"outline", "--json", "--bogus"},
		{"indicators", "--json", "nosuch"},
		{"topics", "--json", "--path", empty},
	} {
		out, errs, code := run(t, args...)
		var v struct {
			Error string `json:"error"`
			Exit  int    `json:"exit"`
		}
		if code == ExitOK || json.Unmarshal([]byte(out), &v) != nil || v.Error == "" || v.Exit != code {
			t.Errorf("%v: code %d, stdout %q, stderr %q", args, code, out, errs)
		}
	}
	_, errs, code := run(t, "show", "天门", "--width", "10000000")
	if code != ExitUsage || !strings.Contains(errs, "at most 1000") {
		t.Errorf("--width 10000000: %d %q", code, errs)
	}
	_, errs, _ = run(t, "list", empty)
	if !strings.Contains(errs, empty+": a folder with no plan file (*.txt, *.docx, *.html, *.htm, *.pdf) in it") {
		t.Errorf("empty folder: %q", errs)
	}
}

// A file name with bidi controls reaches JSON escaped, so the path is
// kept whole and no terminal reorders it.
func TestJSONSourceBidi(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, "plan\u202etxt.exe.txt")
	if err := os.WriteFile(name, []byte("某县民政事业发展规划\n\n第一章 总体要求\n\n　　加强养老服务。\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	out, _, code := run(t, "list", "--json", name)
	if code != ExitOK || strings.Contains(out, "\u202e") || !strings.Contains(out, `plan\u202etxt.exe.txt`) {
		t.Errorf("code %d: %s", code, out)
	}
	var v []struct{ Source string }
	if json.Unmarshal([]byte(out), &v) != nil || len(v) != 1 || v[0].Source != name {
		t.Errorf("source does not decode to the path: %s", out)
	}
}

// A file name that is not UTF-8 is given back in a form the shell takes.
func TestJSONSourceNotUTF8(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, "plan\xb0\xb8.txt") // GBK bytes in a name
	if err := os.WriteFile(name, []byte("某县民政事业发展规划\n\n第一章 总体要求\n\n　　加强养老服务。\n"), 0o644); err != nil {
		t.Skip("the file system refuses the name:", err)
	}
	out, _, code := run(t, "list", "--json", name)
	var v []struct {
		Source       string `json:"source"`
		SourceQuoted string `json:"source_quoted"`
	}
	if code != ExitOK || json.Unmarshal([]byte(out), &v) != nil || len(v) != 1 {
		t.Fatalf("code %d: %s", code, out)
	}
	if q, err := strconv.Unquote(v[0].SourceQuoted); err != nil || q != name {
		t.Errorf("source_quoted %q does not give the path back", v[0].SourceQuoted)
	}
}

// show --json, written piece by piece, is byte for byte what encoding the
// plan (or section) whole writes.
func TestStreamedJSONSame(t *testing.T) {
	plans, _ := loader.LoadFS(seeds.FS())
	path := filepath.Join(t.TempDir(), "hostile.txt")
	os.WriteFile(path, []byte(hostilePlan), 0o644)
	more, _ := loader.LoadPaths([]string{path})
	for _, p := range append(plans, more...) {
		var whole, streamed bytes.Buffer
		(&Env{Stdout: &whole, Stderr: io.Discard}).WriteJSON(p)
		js := &jsonStream{w: &streamed}
		js.plan(p)
		if js.err != nil || whole.String() != streamed.String() {
			t.Errorf("%s: streamed JSON differs (%v)", p.ID, js.err)
		}
		if len(p.Sections) > 0 {
			whole.Reset()
			streamed.Reset()
			(&Env{Stdout: &whole, Stderr: io.Discard}).WriteJSON(p.Sections[0])
			js = &jsonStream{w: &streamed}
			js.section(0, p.Sections[0])
			js.raw("\n")
			if whole.String() != streamed.String() {
				t.Errorf("%s: streamed section differs", p.ID)
			}
		}
	}
}
