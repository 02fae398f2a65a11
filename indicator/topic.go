package indicator

import "strings"

// topics assigns an indicator to a topic of the genre by the words of its
// key, first match wins. Each word carries the indicator that needed it.
var topics = []struct {
	topic string
	words []string
}{
	// 残疾人两项补贴 before 社会救助's 补贴; 困难残疾人生活补贴覆盖率.
	{"残疾人福利", []string{"残疾"}},
	// 孤儿养育标准; 未成年人保护工作站覆盖率; 儿童之家.
	{"儿童福利与未成年人保护", []string{"儿童", "孤儿", "未成年"}},
	// 养老机构护理型床位占比; 每千名老年人拥有养老床位数; 社会化运营床位占比;
	// 基层医疗卫生机构护理床位占比 (before 基层); 失能特困 stays below.
	{"养老服务", []string{"养老", "老年", "床位", "日间照料", "高龄"}},
	// 城乡低保标准年度增速; 特困人员集中供养率; 流浪乞讨受助人员接送返回率.
	{"社会救助", []string{"低保", "特困", "救助", "供养", "最低生活保障", "临时救助", "流浪乞讨"}},
	// 节地生态安葬率; 县级公益性安葬（放）设施覆盖率; 惠民殡葬政策覆盖率.
	{"殡葬", []string{"殡葬", "安葬", "火化", "骨灰", "公墓", "墓地"}},
	// 婚姻登记"跨省通办"实施率; 创建3A级婚姻登记机构覆盖率.
	{"婚姻登记", []string{"婚姻", "婚登"}},
	// 社会组织专职工作人员数量; 每万人社会组织数.
	{"社会组织", []string{"社会组织"}},
	// 社会工作专业人才总量; 志愿服务参与率; 慈善超市; 福彩销售.
	{"慈善·社会工作·志愿服务", []string{"社会工作", "社工", "志愿", "慈善", "福利彩票", "福彩", "捐助"}},
	// 区划地名: 地名标志设置率.
	{"区划地名", []string{"地名", "区划", "界线", "界桩"}},
	// 城乡社区综合服务设施覆盖率; 村(居)民自治章程制定达标率.
	{"基层治理与社区", []string{"社区", "村", "居民", "自治", "基层"}},
}

// TopicOf returns the topic of an indicator key, "" for none.
func TopicOf(key string) string {
	for _, t := range topics {
		for _, w := range t.words {
			if strings.Contains(key, w) {
				return t.topic
			}
		}
	}
	return ""
}

// Topics lists the topics in the order rows are grouped by.
var Topics = []string{"社会救助", "养老服务", "儿童福利与未成年人保护", "残疾人福利", "殡葬", "婚姻登记",
	"基层治理与社区", "社会组织", "慈善·社会工作·志愿服务", "区划地名"}

// topicRank orders rows by topic in the order of Topics, rows without a
// topic last.
func topicRank(topic string) int {
	for i, t := range Topics {
		if t == topic {
			return i
		}
	}
	return len(Topics)
}
