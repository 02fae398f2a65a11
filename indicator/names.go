package indicator

import (
	"strings"

	"planview/internal/hanzi"
)

// adminSuffixes are the endings of region names that a column heading can
// drop, longest first: 通道侗族自治县 → 通道, 天门市 → 天门.
// (In either script: 縣 too.)
var adminSuffixes = hanzi.AllSpellings("自治县", "自治州", "自治旗", "自治区", "县", "市", "区", "旗", "州", "盟")

// peoples are the names of the peoples that autonomous regions carry
// before their suffix (湘西土家族苗族自治州), longest first where one ends
// another.
var peoples = []string{"土家族", "布依族", "维吾尔族", "哈萨克族", "柯尔克孜族", "塔吉克族", "锡伯族", "达斡尔族", "鄂温克族", "仡佬族", "毛南族", "仫佬族", "傈僳族",
	"拉祜族", "佤族", "景颇族", "哈尼族", "纳西族", "普米族", "怒族", "独龙族", "基诺族", "德昂族", "阿昌族", "羌族", "畲族", "黎族", "瑶族", "壮族", "苗族",
	"侗族", "彝族", "藏族", "回族", "蒙古族", "朝鲜族", "满族", "白族", "傣族", "水族", "土族", "撒拉族", "保安族", "东乡族", "裕固族"}

// ShortName returns the short form of a region name for a column heading:
// the administrative suffix and the peoples' names before it dropped
// (通道侗族自治县 → 通道; 湘西土家族苗族自治州 → 湘西). A name that would
// keep fewer than two characters is returned whole (某市).
func ShortName(region string) string {
	s := region
	for _, suf := range adminSuffixes {
		if strings.HasSuffix(s, suf) {
			s = strings.TrimSuffix(s, suf)
			break
		}
	}
	for cut := true; cut; {
		cut = false
		for _, p := range peoples {
			if strings.HasSuffix(s, p) && runeLen(s) > runeLen(p)+1 {
				s, cut = strings.TrimSuffix(s, p), true
			}
		}
	}
	if runeLen(s) < 2 {
		return region
	}
	return s
}
