package cli

import (
	"encoding/json"
	"strings"
	"testing"

	"planview/render"
)

func TestTopicsTongdao(t *testing.T) {
	out, errs, code := run(t, "topics", "通道")
	if code != ExitOK || errs != "" {
		t.Fatalf("code %d: %s", code, errs)
	}
	// The 养老 sections, the untitled parent of a lost chapter heading among them.
	block := out[strings.Index(out, "养老服务"):]
	block = block[:strings.Index(block, "儿童福利")]
	for _, want := range []string{"1.2.3", "heading   3、养老服务体系不断完善", "3.3", "children  (untitled: headings lost in conversion)"} {
		if !strings.Contains(block, want) {
			t.Errorf("养老服务 lacks %q:\n%s", want, block)
		}
	}
	if !strings.Contains(out, "covers every topic") {
		t.Errorf("no coverage line:\n%s", out)
	}
	out, _, _ = run(t, "topics", "吉首")
	if !strings.Contains(out, "not covered: 婚姻登记, 区划地名") {
		t.Errorf("吉首:\n%s", out)
	}
}

func TestTopicsJSONTraditional(t *testing.T) {
	out, _, code := run(t, "topics", "怀化", "--json")
	var v []struct {
		Plan   string `json:"plan"`
		Topics []struct {
			Topic    string `json:"topic"`
			Sections []struct {
				Path, Heading, By string
				Line              int
			} `json:"sections"`
		} `json:"topics"`
		Missing []string `json:"missing"`
	}
	if code != ExitOK || json.Unmarshal([]byte(out), &v) != nil || len(v) != 1 {
		t.Fatalf("code %d: %s", code, out)
	}
	got := map[string][]string{}
	for _, tj := range v[0].Topics {
		for _, s := range tj.Sections {
			got[tj.Topic] = append(got[tj.Topic], s.Path)
		}
	}
	if strings.Join(got["养老服务"], ",") != "3" || strings.Join(got["殡葬"], ",") != "6" && !strings.Contains(strings.Join(got["殡葬"], ","), "6.") {
		t.Errorf("懷化: %v", got)
	}
	if v[0].Missing == nil {
		t.Error("missing is null")
	}
}

func TestSide(t *testing.T) {
	out, errs, code := run(t, "side", "养老服务", "通道", "天门", "--width", "160")
	if code != ExitOK {
		t.Fatalf("code %d: %s", code, errs)
	}
	ls := lines(out)
	if len(ls) < 20 || !strings.HasPrefix(ls[0], "通道 · 养老服务") || !strings.Contains(ls[0], "│ 天门 · 养老服务") {
		t.Fatalf("side:\n%s", out)
	}
	sepAt := render.Width(ls[0][:strings.Index(ls[0], "│")])
	for i, l := range ls {
		if w := render.Width(l); w > 160 {
			t.Errorf("line %d is %d cells wide", i+1, w)
		}
		// The separator stands at one column on every line.
		if c := render.Slice(l+" ", sepAt, 1); c != "│" {
			t.Errorf("line %d: %q at column %d, not the separator: %q", i+1, c, sepAt, l)
		}
	}
	for _, want := range []string{"3、养老服务体系不断完善", "第一节 加快发展养老服务"} {
		if !strings.Contains(out, want) {
			t.Errorf("no %q", want)
		}
	}
	// A plan with nothing on the topic says so.
	out, _, _ = run(t, "side", "婚姻", "吉首", "通道", "--width", "100")
	if !strings.Contains(out, "吉首: nothing on 婚姻登记") {
		t.Errorf("吉首 on 婚姻登记:\n%s", out)
	}
	// Three columns, East Asian width setting too.
	t.Setenv("RUNEWIDTH_EASTASIAN", "1")
	out, _, _ = run(t, "side", "殡葬", "通道", "天门", "懷化", "--width", "150")
	for i, l := range lines(out) {
		if render.Width(l) > 150 {
			t.Errorf("east asian: line %d is %d cells", i+1, render.Width(l))
		}
	}
}

func TestSideErrors(t *testing.T) {
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"side", "养老"}, "TOPIC and two PLANs"},
		{[]string{"side", "没有", "通道", "天门"}, "no topic"},
		{[]string{"side", "社会", "通道", "天门"}, "matches"},
		{[]string{"side", "养老", "通道", "天门", "--width", "30"}, "need"},
	} {
		_, errs, code := run(t, c.args...)
		if code != ExitUsage || !strings.Contains(errs, c.want) {
			t.Errorf("%v: code %d, %q", c.args, code, errs)
		}
	}
	out, _, code := run(t, "side", "养老", "通道", "天门", "--json")
	var v []struct {
		Plan     string `json:"plan"`
		Sections []struct {
			Path, Text string
		} `json:"sections"`
	}
	if code != ExitOK || json.Unmarshal([]byte(out), &v) != nil || len(v) != 2 || len(v[0].Sections) == 0 || !strings.Contains(v[0].Sections[0].Text, "养老") {
		t.Errorf("--json: %d %.200s", code, out)
	}
}
