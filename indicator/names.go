package indicator

import "strings"

// adminSuffixes are the endings of region names that a column heading can
// drop, longest first: 通道侗族自治县 → 通道, 天门市 → 天门.
var adminSuffixes = []string{"自治县", "自治州", "自治旗", "自治区", "县", "市", "区", "旗", "州", "盟", "縣", "區"}

// ShortName returns the short form of a region name for a column heading:
// the administrative suffix and the names of minority peoples before it
// dropped (通道侗族自治县 → 通道; 湘西土家族苗族自治州 → 湘西). A name that
// would keep fewer than two characters is returned whole.
func ShortName(region string) string {
	s := region
	for _, suf := range adminSuffixes {
		if strings.HasSuffix(s, suf) {
			s = strings.TrimSuffix(s, suf)
			break
		}
	}
	// Peoples' names end in 族 and take two or three characters: 侗族,
	// 土家族. Drop them from the end while what stays is long enough.
	for strings.HasSuffix(s, "族") {
		r := []rune(s)
		cut := -1
		for _, n := range []int{2, 3} {
			if len(r)-n >= 2 && (n == 2 || !strings.HasSuffix(string(r[:len(r)-2]), "族")) {
				cut = len(r) - n
				if n == 2 && knownTwoCharPeople(string(r[len(r)-2:])) {
					break
				}
			}
		}
		if cut < 0 {
			break
		}
		s = string(r[:cut])
	}
	if runeLen(s) < 2 {
		return region
	}
	return s
}

// knownTwoCharPeople reports whether p (a name ending in 族) is written
// with two characters: 侗族, 苗族 … (土家族 and 布依族 take three).
func knownTwoCharPeople(p string) bool {
	switch p {
	case "家族", "依族", "尔族", "克族", "吾族", "乌族", "斡族", "伦族", "温族", "佬族", "昂族", "米族", "巴族", "龙族", "诺族", "懂族":
		return false
	}
	return true
}
