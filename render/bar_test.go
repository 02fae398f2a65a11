package render

import "testing"

func TestBar(t *testing.T) {
	defer InitFromEnv()
	SetEastAsian(false)
	for _, c := range []struct {
		v, full float64
		w       int
		want    string
	}{
		{8, 8, 3, "███"}, {4, 8, 3, "█▌"}, {0.01, 8, 3, "▏"}, {0, 8, 3, ""}, {5, 0, 3, ""}, {9, 8, 2, "██"},
	} {
		if got := Bar(c.v, c.full, c.w); got != c.want {
			t.Errorf("Bar(%v, %v, %d) = %q, want %q", c.v, c.full, c.w, got, c.want)
		}
	}
	if got := BarMark(Bar(4, 8, 4), 4, BarCol(6, 8, 4)); got != "██│ " {
		t.Errorf("BarMark: %q", got)
	}
	// Where block characters are two cells wide, whole cells of '#'.
	SetEastAsian(true)
	if got := Bar(4, 8, 3); got != "##" || Width(got) != 2 {
		t.Errorf("East Asian Bar(4, 8, 3) = %q", got)
	}
	if got := BarMark("#", 3, 2); got != "# |" {
		t.Errorf("East Asian BarMark: %q", got)
	}
}
