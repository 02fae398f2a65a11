package tui

import (
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

// cursorList is the cursor-and-scroll state shared by the plans and outline
// panes: n rows, h of them visible.
type cursorList struct {
	cursor, top, n, h int
}

func (l *cursorList) set(i int) {
	if l.n == 0 {
		l.cursor, l.top = 0, 0
		return
	}
	l.cursor = clamp(i, 0, l.n-1)
	l.fix()
}

// fix keeps the cursor in view.
func (l *cursorList) fix() {
	h := max(l.h, 1)
	if l.cursor < l.top {
		l.top = l.cursor
	}
	if l.cursor >= l.top+h {
		l.top = l.cursor - h + 1
	}
	l.top = clamp(l.top, 0, max(0, l.n-h))
}

// move handles the movement keys; it reports whether msg was one.
func (l *cursorList) move(k *KeyMap, msg tea.Msg) bool {
	switch msg := msg.(type) {
	case tea.KeyMsg:
		switch {
		case key.Matches(msg, k.Up):
			l.set(l.cursor - 1)
		case key.Matches(msg, k.Down):
			l.set(l.cursor + 1)
		case key.Matches(msg, k.PageUp):
			l.set(l.cursor - max(l.h-1, 1))
		case key.Matches(msg, k.PageDown):
			l.set(l.cursor + max(l.h-1, 1))
		case key.Matches(msg, k.Top):
			l.set(0)
		case key.Matches(msg, k.Bottom):
			l.set(l.n - 1)
		default:
			return false
		}
		return true
	case tea.MouseMsg:
		switch msg.Button {
		case tea.MouseButtonWheelDown:
			l.set(l.cursor + 1)
		case tea.MouseButtonWheelUp:
			l.set(l.cursor - 1)
		default:
			return false
		}
		return true
	}
	return false
}
