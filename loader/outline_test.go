package loader

import (
	"reflect"
	"strings"
	"testing"

	"planview/model"
)

func TestParseNumber(t *testing.T) {
	for _, c := range []struct {
		in     string
		kind   model.HeadingKind
		number string
		value  int
		rest   string
	}{
		{"第一部分 总则", model.KindPart, "第一部分", 1, "总则"},
		{"第十一章全力保障規劃順利實施", model.KindChapter, "第十一章", 11, "全力保障規劃順利實施"},
		{"第三节  总体思路", model.KindSection, "第三节", 3, "总体思路"},
		{"第2节  基本原则", model.KindSection, "第2节", 2, "基本原则"},
		{"第二節發展要求", model.KindSection, "第二節", 2, "發展要求"},
		{"第1节 \u3000巩固拓展", model.KindSection, "第1节", 1, "巩固拓展"},
		{"一、总体思路", model.KindCNEnum, "一、", 1, "总体思路"},
		{"二十三、其他", model.KindCNEnum, "二十三、", 23, "其他"},
		{"（十二）优化区划地名管理与服务", model.KindCNParen, "（十二）", 12, "优化区划地名管理与服务"},
		{"(二) 吉首市殡葬", model.KindCNParen, "(二)", 2, "吉首市殡葬"},
		{"1.夯实基本生活", model.KindArabicEnum, "1.", 1, "夯实基本生活"},
		{"4、 工作任务", model.KindArabicEnum, "4、", 4, "工作任务"},
		{"3．健全", model.KindArabicEnum, "3．", 3, "健全"},
		{"2、2022年，将殡仪馆", model.KindArabicEnum, "2、", 2, "2022年，将殡仪馆"},
		{"（1）完成198个", model.KindArabicParen, "（1）", 1, "完成198个"},
		{"(3)推进", model.KindArabicParen, "(3)", 3, "推进"},
	} {
		m, ok := parseNumber(c.in)
		if !ok || m.kind != c.kind || m.number != c.number || m.value != c.value || m.rest != c.rest {
			t.Errorf("parseNumber(%q) = %+v %v, want %v %q %d %q", c.in, m, ok, c.kind, c.number, c.value, c.rest)
		}
	}
	for _, s := range []string{"2016年", "1.5亿元", "2.3.1 款", "第十四次全国民政会议", "第一次系统地提出", "一是加强", "（截至2020年12月底）", "十四五時期", "——坚持党的领导"} {
		if m, ok := parseNumber(s); ok {
			t.Errorf("parseNumber(%q) = %+v, want no heading number", s, m)
		}
	}
}

// TestHeadingOrListItem pins the heading-or-list-item rule documented in
// outline.go.
func TestHeadingOrListItem(t *testing.T) {
	for _, c := range []struct {
		line    string
		heading bool
		title   string
		body    string
	}{
		{"（一）不断夯实基本民生保障基础。", true, "不断夯实基本民生保障基础", ""},
		{"1.进一步完善社会救助体系", true, "进一步完善社会救助体系", ""},
		{"（一）坚持共享发展，落实民生优先，完善综合性社会救助体系，不断提升困难群众生活保障水平", true, "坚持共享发展，落实民生优先，完善综合性社会救助体系，不断提升困难群众生活保障水平", ""},
		{"1、面临的机遇：", true, "面临的机遇", ""},
		{"(二)吉首市殡葬基础设施建设项目。项目总投资5.5亿元。", true, "吉首市殡葬基础设施建设项目", "项目总投资5.5亿元。"},
		{"一、优化殡葬服务供给格局。坚持“节约土地”导向。", true, "优化殡葬服务供给格局", "坚持“节约土地”导向。"},
		{"1. 社会救助水平有待提升。 一是社会救助层次较低。", true, "社会救助水平有待提升", "一是社会救助层次较低。"},
		// List items.
		{"（1）完成198个行政村的党员群众服务中心提档升级；", false, "", ""},
		{"1.xxx；yyy。", false, "", ""},
		{"5、到2025年，城市低保标准与当地城镇居民上年度人均消费支出占比30%以上，农村低保家庭人均可支配收入不低于省定标准。", false, "", ""},
		{"(一)脫貧攻堅兜底保障任務圓滿完成堅決扛牢社會救助兜底保障政治責任,全持續開展低保專項治理,全面清核查農村低保對象。老區扶貧成效明顯。", false, "", ""},
		{"2、积极培育儿童类社会服务组织，", false, "", ""},
	} {
		m, ok := parseNumber(c.line)
		if !ok {
			t.Fatalf("no number in %q", c.line)
		}
		isH, title, body := classify(c.line, m)
		if isH != c.heading || title != c.title {
			t.Errorf("classify(%q) = %v %q, want %v %q", c.line, isH, title, c.heading, c.title)
			continue
		}
		gotBody := ""
		if body >= 0 {
			gotBody = c.line[body:]
		}
		if gotBody != c.body {
			t.Errorf("classify(%q) body = %q, want %q", c.line, gotBody, c.body)
		}
	}
}

func TestRunInHeading(t *testing.T) {
	p := buildFile(t, "run-in-heading.txt")
	want := []string{
		"1 一、 重点工程 @1",
		"1.1 (二) 吉首市殡葬基础设施建设项目 @2",
		"1.2 （三） 不断夯实基本民生保障基础 @3",
		"1.2.1 1. 夯实基本生活救助体系，提高救助水平 @4",
		"1.2.2 3、 面临的机遇 @8",
	}
	if got := headings(p); !reflect.DeepEqual(got, want) {
		t.Fatalf("headings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	s := p.Find("1.1")
	if len(s.Blocks) != 1 || s.Blocks[0].Text != "项目总投资5.5亿元。建设笔架山公墓。" || s.Blocks[0].Line != 2 {
		t.Errorf("run-in body = %+v", s.Blocks)
	}
	s = p.Find("1.2.1")
	var kinds []string
	for _, b := range s.Blocks {
		kinds = append(kinds, b.Kind.String())
	}
	if !reflect.DeepEqual(kinds, []string{"paragraph", "list-item", "list-item", "list-item"}) {
		t.Errorf("blocks under 1.: %v", kinds)
	}
}

func TestHeadingOverTwoLines(t *testing.T) {
	p := buildFile(t, "heading-two-lines.txt")
	want := []string{
		"1 第一章 总体要求 @1",
		"1.1 第1节 巩固拓展脱贫攻坚兜底保障成果同乡村振兴有效衔接 @2",
		"1.1.1 一、 持续巩固拓展脱贫攻坚兜底保障成果 @4",
		"1.2 第2节 基本原则 @5",
	}
	if got := headings(p); !reflect.DeepEqual(got, want) {
		t.Fatalf("headings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// A heading is not joined to the long paragraph under it.
	if s := p.Find("1.2"); len(s.Blocks) != 1 || s.Blocks[0].Line != 6 {
		t.Errorf("blocks under 第2节: %+v", s.Blocks)
	}
}

func TestRestartWithNoParent(t *testing.T) {
	p := buildFile(t, "restart-no-parent.txt")
	want := []string{
		"1 [untitled]", // 第一章 lost: 第一节… before 第二章
		"1.1 第一节 基本概况 @2",
		"1.2 第二节 发展成就 @4",
		"1.2.1 1、 社会救助体系不断健全 @5",
		"2 第二章 总体要求 @6",
		"2.1 第一节 指导思想 @7",
		"2.2 第二节 发展目标 @9",
		"3 [untitled]", // 第一节 again with no 第三章 line
		"3.1 第一节 巩固拓展脱贫攻坚成果 @11",
		"3.1.1 1、 持续巩固拓展脱贫攻坚兜底保障成果 @12",
		"3.1.2 二、 提升民政公共服务水平 @13", // 1、 then 二、: one count
		"3.2 [untitled]",          // 一、 again: 第二节 lost
		"3.2.1 一、 大力提高救助保障能力 @14",
		"3.2.2 二、 提升流浪乞讨人员救助管理水平 @15",
		"3.3 第三节 加强儿童保护 @16",
		"3.3.1 一、 加快儿童福利事业发展 @17",
		"3.3.2 二、 推动儿童服务机构转型升级 @18",
		"3.3.3 三、 加强孤儿保障工作 @19",
		"3.3.4 4、 推进福彩文化建设 @20", // 4、 for 四、
	}
	if got := headings(p); !reflect.DeepEqual(got, want) {
		t.Fatalf("headings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	p.Walk(func(s *model.Section) {
		if s.Synthetic && (s.Line != 0 || s.Title != "" || s.Number != "" || len(s.Children) == 0) {
			t.Errorf("synthetic section %s: %+v", s.Path, s)
		}
		if s.Level != strings.Count(s.Path, ".")+1 {
			t.Errorf("%s: level %d", s.Path, s.Level)
		}
		for _, c := range s.Children {
			if c.Parent != s {
				t.Errorf("%s: child %s has wrong parent", s.Path, c.Path)
			}
		}
	})
}

func TestSkippedLevelsAndMistypedNumeral(t *testing.T) {
	p := buildFile(t, "skip-levels.txt")
	want := []string{
		"1 一、 总体思路 @4",
		"2 二、 基本原则 @6",
		"3 三、 发展目标 @8",
		"4 4、 工作任务 @10",
		"4.1 （一） 不断夯实基本民生保障基础 @11",
		"4.1.1 1. 夯实基本生活救助体系，提高救助水平 @13",
		"4.1.2 2. 健全专项社会救助制度，落实救助帮扶责任 @14",
		"4.2 （二） 加快推进城乡社区服务体系建设 @15",
	}
	if got := headings(p); !reflect.DeepEqual(got, want) {
		t.Fatalf("headings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if s := p.Find("4"); s.Kind != model.KindArabicEnum || s.Level != 1 {
		t.Errorf("4、: %+v", s)
	}
}

func TestTOCIsNotOutline(t *testing.T) {
	p := buildFile(t, "toc.txt")
	want := []string{"1 一、 发展基础 @6", "1.1 （一） 主要成绩 @7", "2 二、 总体思路 @9"}
	if got := headings(p); !reflect.DeepEqual(got, want) {
		t.Fatalf("headings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	for _, s := range []string{"一、发展基础\t1", "（一）主要成绩  12", "二、总体思路……5"} {
		if !isTOCLine(s) {
			t.Errorf("isTOCLine(%q) = false", s)
		}
	}
	if isTOCLine("到2025年全县达到100") {
		t.Error("a sentence ending in a number is no TOC entry")
	}
}

func TestBoxes(t *testing.T) {
	p := buildFile(t, "box.txt")
	var boxes []model.Block
	for _, b := range allBlocks(p) {
		if b.Kind == model.BoxBlock {
			boxes = append(boxes, b)
		}
	}
	if len(boxes) != 2 {
		t.Fatalf("boxes: %+v", boxes)
	}
	b := boxes[0]
	if b.Text != "专栏2：社区综合服务设施提档升级工程" || b.Line != 3 || len(b.Children) != 4 {
		t.Fatalf("box 1 = %q @%d with %d children", b.Text, b.Line, len(b.Children))
	}
	for _, c := range b.Children {
		if strings.HasPrefix(c.Text, "1.") || strings.HasPrefix(c.Text, "（1）") || strings.HasPrefix(c.Text, "2.") {
			if c.Kind != model.ListItem {
				t.Errorf("box item %q is %v", c.Text, c.Kind)
			}
		}
	}
	if b := boxes[1]; b.Text != "專欄1 社會救助服務能力提升工程" || len(b.Children) != 1 || b.Children[0].Kind != model.ListItem {
		t.Errorf("box 2 = %+v", b)
	}
	// Numbered lines inside boxes make no headings; the box ends at the
	// next heading of an open style or after two blank lines.
	want := []string{"1 [untitled]", "1.1 （一） 全面落实儿童福利制度 @1", "1.2 （二） 完善老年人福利制度 @11", "2 第二章 下一章 @15"}
	if got := headings(p); !reflect.DeepEqual(got, want) {
		t.Fatalf("headings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestPromotedListItems(t *testing.T) {
	p := build(rawLines("第一節  發展基礎\n" +
		"(一)脫貧攻堅兜底保障任務圓滿完成堅決扛牢社會救助兜底保障政治責任,全持續開展低保專項治理,全面清核查農村低保對象。老區扶貧成效明顯。\n" +
		"(二)困難群眾生活救助水平穩步提升。全面推進社會救助制度改革。\n" +
		"三、全面提升婚姻登记服务质量。规范婚姻登记工作。\n" +
		"四、推进和谐婚姻家庭建设，普及宣传《民法典》婚姻家庭篇，增强婚姻家庭法律意识，着力培育文明互敬家风。建立长效机制。\n" +
		"五、到2025年，城市低保标准与当地城镇居民上年度人均消费支出占比30%以上，农村低保家庭人均可支配收入不低于省定标准。\n"))
	want := []string{
		"1 第一節 發展基礎 @1",
		"1.1 [untitled]", // 一、二、 lost: (一)(二) go under a stand-in
		"1.1.1 (一) 脫貧攻堅兜底保障任務圓滿完成堅決扛牢社會救助兜底保障政治責任 @2",
		"1.1.2 (二) 困難群眾生活救助水平穩步提升 @3",
		"1.2 三、 全面提升婚姻登记服务质量 @4",
		"1.3 四、 推进和谐婚姻家庭建设 @5",
	}
	if got := headings(p); !reflect.DeepEqual(got, want) {
		t.Fatalf("headings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	s := p.Find("1.3")
	if len(s.Blocks) != 2 || !strings.HasPrefix(s.Blocks[0].Text, "普及宣传") || s.Blocks[1].Kind != model.ListItem {
		t.Errorf("blocks under 四、: %+v", s.Blocks)
	}
}

// A 专栏 whose content is a table holds the table, and ends with it; a
// table after the box's text ends the box, as before. (allBlocks lists a
// box's children after it.)
func TestBoxHoldingTable(t *testing.T) {
	p := buildFile(t, "box-table.txt")
	var got []string
	for _, b := range allBlocks(p) {
		switch b.Kind {
		case model.BoxBlock:
			kinds := []string{}
			for _, c := range b.Children {
				kinds = append(kinds, c.Kind.String())
			}
			got = append(got, "box "+b.Text+": "+strings.Join(kinds, ","))
		case model.TableBlock:
			got = append(got, "table")
		default:
			got = append(got, b.Kind.String()+" "+b.Text)
		}
	}
	want := []string{
		"paragraph 某县民政事业发展规划",
		"box 专栏1 养老服务设施建设工程: table",
		"table",
		"paragraph 县民政局负责组织实施。",
		"box 专栏2 社会救助工程: list-item",
		"list-item 1.救助站点建设。",
		"table",
		"paragraph 加强组织领导。",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("blocks:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
