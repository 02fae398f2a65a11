// Package topic assigns the sections of a plan to the topics of the genre
// (社会救助, 养老服务 … 保障措施), from their headings and their text, so that
// plans can be read side by side topic by topic, and names indicators'
// topics for the compare view.
//
// The keywords are one ordered table (rules), each with the heading or
// name that needed it. Text is folded with search.Fold first, so Traditional
// plans are classified the same way.
package topic

import (
	"strings"

	"planview/search"
)

// The topics, in the order views list them.
const (
	Assistance  = "社会救助"
	Elderly     = "养老服务"
	Children    = "儿童福利与未成年人保护"
	Disability  = "残疾人福利"
	Funeral     = "殡葬"
	Marriage    = "婚姻登记"
	Community   = "基层治理与社区"
	SocialOrgs  = "社会组织"
	Charity     = "慈善·社会工作·志愿服务"
	PlaceNames  = "区划地名"
	Foundations = "发展基础与形势"
	Goals       = "指导思想与目标"
	Safeguards  = "保障措施"
)

// All lists the topics in the order views list them.
var All = []string{Assistance, Elderly, Children, Disability, Funeral, Marriage, Community, SocialOrgs, Charity, PlaceNames, Foundations, Goals, Safeguards}

// structural topics say where a section stands in the plan rather than
// what it is about: a heading gets one only when it names no service
// (扩大专业社会工作人才队伍 is about social work, not about 保障措施's 人才队伍).
var structural = map[string]bool{Foundations: true, Goals: true, Safeguards: true}

// rule is one keyword of a topic, with what needed it.
type rule struct {
	topic, word, why string
}

// rules, first match wins where one topic is wanted (an indicator's name):
// the order is the priority. Words are folded (Simplified, no spaces).
var rules = []rule{
	{Disability, "残疾", "困难残疾人生活补贴覆盖率: before 社会救助's 补贴"},
	{Disability, "精神卫生", "完善精神卫生福利制度"},
	{Children, "儿童", "加强儿童及未成年人保护"},
	{Children, "孤儿", "社会散居孤儿养育标准"},
	{Children, "未成年", "乡镇（街道）未成年人保护工作站覆盖率"},
	{Children, "留守", "农村留守儿童关爱保护"},
	{Elderly, "养老", "加快养老服务体系建设; 养老机构护理型床位占比"},
	{Elderly, "老年", "每千名老年人拥有养老床位数"},
	{Elderly, "老龄", "积极应对人口老龄化"},
	{Elderly, "床位", "社会化运营床位占比; 基层医疗卫生机构护理床位占比 (before 基层)"},
	{Elderly, "日间照料", "社区日间照料机构覆盖率 (before 社区)"},
	{Elderly, "敬老院", "县中心敬老院改扩建"},
	{Elderly, "失能", "失能照护服务机构"},
	{Assistance, "救助", "大力提高救助保障能力; 流浪乞讨人员救助管理"},
	{Assistance, "低保", "城乡低保标准年度增速"},
	{Assistance, "最低生活保障", "最低生活保障平均标准"},
	{Assistance, "特困", "生活不能自理特困人员集中供养率"},
	{Assistance, "兜底", "巩固拓展脱贫攻坚兜底保障成果"},
	{Assistance, "供养", "农村特困对象集中供养率"},
	{Funeral, "殡葬", "优化殡葬服务供给格局"},
	{Funeral, "殡仪", "县域殡仪馆覆盖率"},
	{Funeral, "火化", "火化区公益性安葬设施覆盖率"},
	{Funeral, "安葬", "节地生态安葬率"},
	{Funeral, "公墓", "公益性公墓"},
	{Funeral, "墓", "违法违规私建硬化大墓整治率"},
	{Funeral, "骨灰", "公益性骨灰安放设施覆盖率"},
	{Marriage, "婚姻", "全面提升婚姻登记服务质量"},
	{Marriage, "婚俗", "婚俗改革"},
	{SocialOrgs, "社会组织", "强化社会组织监督管理 (before 基层治理's 社会)"},
	{Charity, "慈善", "创新提质慈善福彩事业"},
	{Charity, "福彩", "推进福彩文化建设"},
	{Charity, "福利彩票", "福利彩票销售网点数"},
	{Charity, "社会工作", "完善现代社会工作制度"},
	{Charity, "社工", "乡镇社工站"},
	{Charity, "志愿", "志愿服务站点在社区综合服务设施中的覆盖率 (before 社区)"},
	{PlaceNames, "区划", "优化行政区划设置"},
	{PlaceNames, "地名", "加强地名管理"},
	{PlaceNames, "界线", "提高行政区域界线管理水平"},
	{Community, "基层", "稳步提升基层社会治理能力"},
	{Community, "社区", "城乡社区综合服务设施覆盖率"},
	{Community, "自治", "村(居)民自治章程制定达标率"},
	{Community, "村民", "村民委员会换届选举"},
	{Community, "居民委员会", "居民委员会规范化建设"},
	{Foundations, "发展基础", "第一节 发展基础"},
	{Foundations, "发展成就", "第二节 发展成就"},
	{Foundations, "基本概况", "第一节 基本概况"},
	{Foundations, "主要成就", "“十三五”主要成就"},
	{Foundations, "问题", "第三节 存在的主要问题"},
	{Foundations, "机遇", "第四节 面临的机遇和挑战"},
	{Foundations, "挑战", "面临的主要挑战"},
	{Foundations, "形势", "第二节 发展形势"},
	{Foundations, "回顾", "“十三五”回顾"},
	{Foundations, "发展环境", "一、发展环境"},
	{Goals, "指导思想", "第一节 指导思想"},
	{Goals, "基本原则", "第2节 基本原则"},
	{Goals, "目标", "第三节 发展目标; 2035年远景目标"},
	{Goals, "总体要求", "第二章 总体要求"},
	{Goals, "总体思路", "第三节 总体思路"},
	{Goals, "发展理念", "第三节 发展理念"},
	{Goals, "发展要求", "第二节 发展要求"},
	{Safeguards, "保障措施", "第六章 保障措施"},
	{Safeguards, "组织领导", "加强组织领导"},
	{Safeguards, "组织实施", "规划组织实施"},
	{Safeguards, "规划实施", "第六章 强化规划实施保障"},
	{Safeguards, "规划顺利实施", "第十一章 全力保障规划顺利实施"},
	{Safeguards, "党的全面领导", "第一节 加强党的全面领导"},
	{Safeguards, "干部队伍", "第三节 加强干部队伍建设"},
	{Safeguards, "党组织", "充分发挥党组织的领导作用"},
	{Safeguards, "党的领导", "坚持党的全面领导"},
	{Safeguards, "资金", "加大资金投入力度"},
	{Safeguards, "人才队伍", "加强人才队伍建设力度"},
	{Safeguards, "监督", "强化监督考核"},
	{Safeguards, "考核", "评估考核"},
	{Safeguards, "发展机制", "不断完善发展机制"},
	{Safeguards, "法治", "加强法治建设"},
}

// OfName returns the topic of an indicator's name (folded or not): the
// first rule whose word it holds, structural topics aside; "" for none.
func OfName(name string) string {
	f := search.Fold(name)
	for _, r := range rules {
		if !structural[r.topic] && strings.Contains(f, r.word) {
			return r.topic
		}
	}
	return ""
}

// weakWords name a topic in a heading only when no other service topic is
// named: 發展社區居家養老服務 is about 养老, not 社区; 精神障碍社区康复服务中心
// about 残疾人.
var weakWords = map[string]bool{"社区": true, "床位": true, "供养": true, "基层": true}

// ofHeading returns the topics a heading names: every service topic whose
// word it holds (weak words only when nothing else is named), else the
// structural topics it holds.
func ofHeading(folded string) []string {
	var service, weak, other []string
	for _, r := range rules {
		if !strings.Contains(folded, r.word) {
			continue
		}
		switch {
		case structural[r.topic]:
			other = appendOnce(other, r.topic)
		case weakWords[r.word]:
			weak = appendOnce(weak, r.topic)
		default:
			service = appendOnce(service, r.topic)
		}
	}
	switch {
	case len(service) > 0:
		return service
	case len(weak) > 0:
		return weak
	}
	return other
}

func appendOnce(s []string, t string) []string {
	for _, x := range s {
		if x == t {
			return s
		}
	}
	return append(s, t)
}

// Rank is a topic's place in All (len(All) for "").
func Rank(t string) int {
	for i, a := range All {
		if a == t {
			return i
		}
	}
	return len(All)
}
