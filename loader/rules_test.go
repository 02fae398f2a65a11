package loader

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// ruleName is the name of a rule's type: "heading".
func ruleName(r rule) string {
	return strings.TrimPrefix(fmt.Sprintf("%T", r), "*loader.")
}

// taken is what the rule table did with a line: the rule that took it and
// how many lines that rule took from it.
type taken struct {
	rule string
	n    int
}

// traceScan is scan, reporting which rule took each line at which a rule
// was asked (lines taken along with one are not asked).
func traceScan(lines []Line) map[int]taken {
	sp := new(scanSpace)
	s := &sp.state
	*s = scanner{lines: lines, sp: sp, us: sp.units[:0], front: true}
	out := map[int]taken{}
	for s.i < len(lines) {
		s.raw = lines[s.i].Text
		s.hasTab = strings.IndexByte(s.raw, '\t') >= 0
		s.normSet, s.numSet = false, false
		for _, r := range rules {
			if n := r.match(s); n > 0 {
				out[s.i] = taken{ruleName(r), n}
				s.i += n
				break
			}
		}
	}
	return out
}

// marked splits an example into lines; the line the example is about is
// the one that starts with ▶ (the mark is removed), else the first.
func marked(text string) ([]Line, int) {
	lines := rawLines(text)
	at := 0
	for i, l := range lines {
		if t, ok := strings.CutPrefix(l.Text, "▶"); ok {
			lines[i].Text, at = t, i
		}
		if strings.HasPrefix(lines[i].Text, "#") { // as clean marks it
			lines[i].Text, lines[i].Level = markdownMarks(lines[i].Text)
		}
	}
	return lines, at
}

// ruleExamples lists, for every rule of the table, lines it must take (the
// marked line, with the lines above it as context; n is how many lines it
// takes) and near misses it must leave to a rule after it (by).
var ruleExamples = []struct {
	rule  string
	take  []ruleTake
	leave []ruleLeave
}{
	{"blankLine",
		[]ruleTake{{"", 1}, {"　　", 1}, {"一、总体要求\n▶   ", 1}},
		[]ruleLeave{{"\t", "emptyCells"}, {"\t\t", "emptyCells"}},
	},
	{"markdownRows",
		[]ruleTake{
			{"| 序号 | 指标 | 2020年 |\n|---|---|---|\n| 1 | 每千名老年人养老床位数 | 35 |", 3},
			{"  | 类别 | 数量 |\n  |:---:|---:|\n  | 养老机构 | 12 |\n  | 床位 | 600 |", 4},
			{"全县养老服务设施\n▶| 类别 | 数量 |\n|---|---|\n| 养老机构 | 12 |", 3}, // not the paragraph's continuation
		},
		[]ruleLeave{
			{"| 首页 | 新闻中心 | 联系我们 |", "paragraph"}, // no rule line: link debris, not a table
			{"| 序号 | 指标 |\n| 1 | 床位数 |", "paragraph"},
		},
	},
	{"tabPerCell",
		[]ruleTake{
			{"\t序号\n\t指标\n\t2020年\n\n\t1\n\t城乡低保标准\n\t600", 7},
			{"\t序号\n\t指标\n\n\t1\n\t城乡低保标准（元/月），\n含分散供养\n\n\t2\n\t特困供养标准", 9},
		},
		[]ruleLeave{
			{"\t专栏1 养老服务提升工程", "boxTitle"},
			{"\t城乡低保标准", "paragraph"}, // one cell, no second row
		},
	},
	{"tabPerRow",
		[]ruleTake{
			{"序号\t指标\t2020年\n1\t城乡低保标准\t600", 2},
			{"序号\t指标\t2020年\n\n1\t城乡低保标准\t600\n2\t特困供养标准\t800", 4},
			{"全面推进民政事业发展\n▶序号\t项目\t目标\n1\t低保\t600", 2},
			{"\t24、其他\t\t\t\n\t25、合计\t\t\t", 2}, // numbered first cells
		},
		[]ruleLeave{
			{"地址\t某路1号\n电话\t1234567", "paragraph"}, // two cells a row
			{"1\t城乡低保标准\t600", "paragraph"},        // one row
		},
	},
	{"cellPerParagraph",
		[]ruleTake{
			{"序号\n指标\n2020年\n2025年\n1\n城乡低保标准\n600\n800\n2\n农村低保标准\n400\n600\n3\n特困供养标准\n700\n900", 16},
		},
		[]ruleLeave{
			{"××市民政局\n××市发展和改革局\n关于印发规划的通知\n各乡镇人民政府：", "paragraph"},
			{"一、总体要求\n二、主要任务", "heading"},
		},
	},
	{"emptyCells",
		[]ruleTake{{"\t", 1}, {"一、总体要求\n▶\t\t", 1}},
		[]ruleLeave{{"\t一、总体思路", "heading"}},
	},
	{"boxTitle",
		[]ruleTake{{"专栏1 社会救助服务能力提升工程", 1}, {"專欄3 兒童福利機構能力提升工程", 1}, {"专栏二：养老服务", 1}, {"\t专栏1 养老服务提升工程", 1},
			{"推动完善城乡统筹\n▶专栏1：儿童福利机构提档升级建设工程", 1}},
		[]ruleLeave{{"专栏建设", "paragraph"}},
	},
	{"heading",
		[]ruleTake{
			{"一、总体思路", 1},
			{"第三章 主要任务", 1},
			{"（一）不断夯实基本民生保障基础。", 1},
			{"(二)××市殡葬基础设施建设项目。项目总投资5.5亿元。", 1},
			{"１．健全社会救助体系", 1},
			{"## （1）完成198个行政村的党员群众服务中心提档升级；", 1}, // styled a heading by the document
		},
		[]ruleLeave{
			{"（1）完成198个行政村的党员群众服务中心提档升级；", "numberedItem"},
			{"（二）基本原则\t12", "paragraph"}, // a table of contents' entry
			{"2016年全县民政工作稳步推进", "paragraph"},
		},
	},
	{"markedHeading",
		[]ruleTake{
			{"## 总体要求", 1},
			{"推动完善城乡统筹\n▶### 保障措施", 1}, // not a continuation
		},
		[]ruleLeave{
			{"### 表1 “十四五”社会救助主要指标", "paragraph"}, // a caption
			{"总体要求", "paragraph"},
		},
	},
	{"numberedItem",
		[]ruleTake{
			{"（1）完成198个行政村的党员群众服务中心提档升级；", 1},
			{"5、到2025年，城市低保标准与当地城镇居民上年度人均消费支出占比30%以上，农村低保家庭人均可支配收入不低于省定标准。", 1},
			{"推动完善城乡统筹，\n▶（1）完成198个行政村的党员群众服务中心提档升级；", 1}, // not a continuation
		},
		[]ruleLeave{
			{"第二章 坚持以人民为中心的发展思想，推进民政事业高质量发展，全面提升基本民生保障和基层社会治理水平。同时……", "paragraph"}, // 第X章 is a heading or nothing
			{"第十四次全国民政会议精神", "paragraph"},
		},
	},
	{"circledItem",
		[]ruleTake{{"①建设县社会福利中心", 1}, {"⑴新建养老床位", 1}, {"❶改造敬老院", 1}, {"推动完善城乡统筹、政策衔接\n▶②加强特困人员供养", 1}},
		[]ruleLeave{{"○建设县社会福利中心", "paragraph"}},
	},
	{"headingTitleTail",
		[]ruleTake{{"第1节 巩固拓展脱贫攻坚兜底保障成果同乡村振兴\n▶有效衔接", 1}},
		[]ruleLeave{
			{"第1节 巩固拓展脱贫攻坚兜底保障成果同乡村振兴\n\n▶有效衔接", "paragraph"},
			{"第1节 巩固拓展脱贫攻坚兜底保障成果同乡村振兴\n▶有效衔接，加强统筹", "paragraph"},
			{"(二)××市殡葬基础设施建设项目。项目总投资\n▶5.5亿元", "continuation"}, // a run-in body goes on
			{"## 第1节 巩固拓展脱贫攻坚兜底保障成果同乡村振兴\n▶有效衔接", "paragraph"}, // a marked heading ends with its line
		},
	},
	{"continuation",
		[]ruleTake{
			{"——特困人员救助方面。推动完善城乡统筹、政策衔接、运行\n▶规范、与经济社会发展水平相适应的特困人员救助供养制度。", 1},
			{"一、总体要求\n推动完善城乡统筹、政策衔接、运行规范、与经济社会发展水平相适应的\n\n▶特困人员救助供养制度。", 1},
			{"（1）完成198个行政村的党员群众服务中心提档升级，\n▶加快乡镇敬老院改造；", 1},
		},
		[]ruleLeave{
			{"全面推进儿童福利机构建设，提升服务水平。\n▶加快推进养老服务体系建设", "paragraph"},
			{"各乡镇人民政府、各有关单位\n▶2021年11月", "paragraph"},
			{"“十三五”时期主要指标完成情况\n▶单位：万元", "paragraph"},
			{"推动完善城乡统筹、政策衔接、运行规范、与经济社会发展水平相适应的\n\n▶特困人员救助供养制度。", "paragraph"}, // before the first heading
			{"推动完善城乡统筹、政策衔接\n▶——特困人员救助方面", "paragraph"},
		},
	},
	{"paragraph",
		[]ruleTake{{"全面推进儿童福利机构建设提档升级，提升服务水平。", 1}, {"目标值", 1}},
		nil,
	},
}

type ruleTake struct {
	text string
	n    int
}

type ruleLeave struct {
	text string
	by   string
}

// TestRules: every rule of the table takes its examples, and leaves its
// near misses to the rule named, one after it in the table.
func TestRules(t *testing.T) {
	pos := map[string]int{}
	for i, r := range rules {
		pos[ruleName(r)] = i
	}
	seen := map[string]bool{}
	for _, c := range ruleExamples {
		seen[c.rule] = true
		if _, ok := pos[c.rule]; !ok {
			t.Errorf("%s: no such rule in the table", c.rule)
			continue
		}
		if len(c.take) == 0 {
			t.Errorf("%s: no example it takes", c.rule)
		}
		for _, e := range c.take {
			lines, at := marked(e.text)
			got := traceScan(lines)[at]
			if got.rule != c.rule || got.n != e.n {
				t.Errorf("%s should take %d lines of %q: %s took %d", c.rule, e.n, e.text, got.rule, got.n)
			}
		}
		for _, e := range c.leave {
			if pos[e.by] <= pos[c.rule] {
				t.Errorf("%s: near miss %q left to %s, which is not after it in the table", c.rule, e.text, e.by)
			}
			lines, at := marked(e.text)
			if got := traceScan(lines)[at]; got.rule != e.by {
				t.Errorf("%s should leave %q to %s: %s took it", c.rule, e.text, e.by, got.rule)
			}
		}
	}
	for _, r := range rules {
		if !seen[ruleName(r)] {
			t.Errorf("rule %s has no examples in ruleExamples", ruleName(r))
		}
	}
}

// Every rule takes lines of the plans the tests load (the seeds and the
// unseen plans of testdata/unseen), so that a rule that stops taking
// anything, or takes what a rule after it should, shows here as well as in
// their goldens.
func TestRulesUsedByPlans(t *testing.T) {
	texts := seedTexts(t)
	unseen, _ := filepath.Glob(filepath.Join("testdata", "unseen", "*.txt"))
	for _, f := range unseen {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		texts = append(texts, string(b))
	}
	used := map[string]int{}
	for _, text := range texts {
		for _, tk := range traceScan(clean(text)) {
			used[tk.rule]++
		}
	}
	for _, r := range rules {
		if used[ruleName(r)] == 0 {
			t.Errorf("no line of the test plans is taken by %s", ruleName(r))
		}
	}
	t.Logf("lines taken by each rule: %v", used)
}
