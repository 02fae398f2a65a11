package tui

import (
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"planview/loader"
)

// fuzzKeys are the keys FuzzBrowser presses: every binding of every view,
// and a few characters typed into search and filters. Keys that end or
// suspend the program (q, ctrl+c, ctrl+z) are left out.
var fuzzKeys = []string{
	"j", "k", "f", "b", "g", "G", "enter", "tab", "shift+tab", "up", "down", "left", "right",
	"pgup", "pgdown", "home", "end", "backspace", "ctrl+o", "esc", " ", "/", "?", "p", "[", "]",
	"h", "l", "t", "n", "N", "c", "v", "a", "r", "s", "o", "O", "+", "-", "<", ">", "=",
	"养", "老", "床", "位", "護", "x", "1",
}

// FuzzBrowser: random sequences of keys, mouse events and resizes (down to
// 1×1), on the seeds and a crafted hostile plan, never panic, and every
// frame fits the terminal: no line wider than it, no more lines than it
// has. Each input byte is an operation: a key, a resize (two more bytes:
// width and height), or a mouse event (two more bytes: where).
func FuzzBrowser(f *testing.F) {
	plans := seedPlans(f)
	hostile, _ := loader.Parse("hostile.txt", strings.NewReader("某某县民政事业发展“十四五”规划\x1b[2J\n\n第一章 发展\x1b[31m基础\n\n表1 主要指标\n序号\t指标\t2020年\t2025年目标值\t属性\n1\t养老机构护理型床位占比（%）\t30\t≥55\t约束性\n\n第二章 目标\n\n　　到2025年，全县养老机构护理型床位占比不低于55%。\x1b]8;;x\n"))
	if hostile != nil {
		plans = append(plans, hostile)
	}
	for _, seed := range []string{
		"", "\x00\x01\x02", "cjjj\x22rs\x05", "v]]]\x04t\x05\x05", "/养老\x05\x05n\x08",
		"\xf0\x01\x01jjj\xf0\xff\xff", "\xe0\x10\x10\xe0\x40\x40kk",
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, ops []byte) {
		if len(ops) > 200 {
			ops = ops[:200]
		}
		w, h := 120, 40
		hs := newHarness(t, plans, w, h)
		for i := 0; i < len(ops); i++ {
			op := ops[i]
			switch {
			case op >= 0xf0 && i+2 < len(ops): // resize, down to 1×1
				w, h = 1+int(ops[i+1])%220, 1+int(ops[i+2])%60
				i += 2
				hs.send(tea.WindowSizeMsg{Width: w, Height: h})
			case op >= 0xe0 && i+2 < len(ops): // mouse: wheel or click somewhere
				x, y := int(ops[i+1])%(w+2), int(ops[i+2])%(h+2)
				i += 2
				buttons := []tea.MouseButton{tea.MouseButtonWheelUp, tea.MouseButtonWheelDown, tea.MouseButtonLeft}
				hs.send(tea.MouseMsg{X: x, Y: y, Button: buttons[int(op)%len(buttons)], Action: tea.MouseActionPress})
			default:
				hs.send(keyMsg(fuzzKeys[int(op)%len(fuzzKeys)]))
			}
			if hs.quit {
				t.Fatalf("op %d (%#x) quit the browser", i, op)
			}
			checkWidths(t, hs.view(), w, h)
			if t.Failed() {
				t.Fatalf("after op %d (%#x) of %x at %d×%d", i, op, ops, w, h)
			}
		}
	})
}
