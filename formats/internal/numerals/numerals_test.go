package numerals

import "testing"

func TestFormat(t *testing.T) {
	for _, c := range []struct {
		n    int
		fmt  string
		want string
	}{
		{1, "decimal", "1"}, {12, "unknown", "12"},
		{1, "chineseCounting", "一"}, {10, "chineseCounting", "十"}, {11, "chineseCounting", "十一"},
		{20, "chineseCounting", "二十"}, {35, "chineseCounting", "三十五"}, {100, "chineseCounting", "一〇〇"},
		{101, "chineseCountingThousand", "一百零一"}, {110, "chineseCountingThousand", "一百一十"},
		{1010, "chineseCountingThousand", "一千零一十"}, {12, "taiwaneseCountingThousand", "十二"},
		{3, "chineseLegalSimplified", "叁"}, {12, "chineseLegalSimplified", "拾贰"},
		{10, "ideographDigital", "一〇"}, {3, "ideographTraditional", "丙"},
		{3, "decimalEnclosedCircle", "③"}, {21, "decimalEnclosedCircle", "21"},
		{2, "decimalEnclosedParen", "⑵"}, {2, "decimalEnclosedFullstop", "⒉"},
		{7, "decimalZero", "07"}, {12, "decimalFullWidth", "１２"},
		{4, "upperRoman", "IV"}, {9, "lowerRoman", "ix"}, {28, "lowerLetter", "bb"},
		{5, "none", ""}, {5, "bullet", ""},
	} {
		if got := Format(c.n, c.fmt); got != c.want {
			t.Errorf("Format(%d, %s) = %q, want %q", c.n, c.fmt, got, c.want)
		}
	}
}
