package tui

import "github.com/charmbracelet/bubbles/key"

// KeyMap holds every key binding of the browser. Each model gets its own
// from DefaultKeyMap; bindings that would do nothing are disabled (and so
// drop out of the help) by the root model's updateKeybindings.
//
// Help labels are ASCII on purpose: bubbles/help measures them with lipgloss,
// and ASCII measures the same under every width setting.
type KeyMap struct {
	// Global.
	Quit, Help, NextPane, PrevPane, Plans, Search, Back, Esc key.Binding
	Suspend                                                  key.Binding
	PrevSection, NextSection                                 key.Binding
	Compare                                                  key.Binding
	// Lists and the reader.
	Up, Down, PageUp, PageDown, Top, Bottom key.Binding
	// Plans and outline.
	Open, Toggle, Collapse, Expand key.Binding
	// Reader.
	TableLeft, TableRight, NextTable, SearchNext, SearchPrev key.Binding
	// Compare view (it claims / for its filter while it has the keys).
	Filter, ColLeft, ColRight, Reference, Rank, Reverse, Source key.Binding
	// Side-by-side view (side.go; it claims tab, shift+tab, [, ] and esc
	// while it has the keys).
	Side, PrevTopic, NextTopic, Topics, NextPlan, PrevPlan, AddColumn, DropColumn key.Binding
	SideLeft, SideRight, SideTableLeft, SideTableRight, Together, OpenLine        key.Binding
}

// DefaultKeyMap returns the default bindings.
func DefaultKeyMap() KeyMap {
	b := func(keys []string, k, desc string) key.Binding {
		return key.NewBinding(key.WithKeys(keys...), key.WithHelp(k, desc))
	}
	return KeyMap{
		Quit:        b([]string{"q", "ctrl+c"}, "q", "quit"),
		Help:        b([]string{"?"}, "?", "help"),
		Suspend:     b([]string{"ctrl+z"}, "^z", "suspend"),
		NextPane:    b([]string{"tab"}, "tab", "next pane"),
		PrevPane:    b([]string{"shift+tab"}, "S-tab", "prev pane"),
		Plans:       b([]string{"p"}, "p", "plans"),
		Search:      b([]string{"/"}, "/", "search"),
		Back:        b([]string{"backspace", "ctrl+o"}, "bksp/^o", "back"),
		Esc:         b([]string{"esc"}, "esc", "close"),
		PrevSection: b([]string{"["}, "[", "prev section"),
		NextSection: b([]string{"]"}, "]", "next section"),
		Compare:     b([]string{"c"}, "c", "compare"),
		Up:          b([]string{"up", "k"}, "k/up", "up"),
		Down:        b([]string{"down", "j"}, "j/down", "down"),
		PageUp:      b([]string{"pgup", "b"}, "b/pgup", "page up"),
		PageDown:    b([]string{"pgdown", "f"}, "f/pgdn", "page down"),
		Top:         b([]string{"g", "home"}, "g", "top"),
		Bottom:      b([]string{"G", "end"}, "G", "bottom"),
		Open:        b([]string{"enter"}, "enter", "open"),
		Toggle:      b([]string{" "}, "space", "fold"),
		Collapse:    b([]string{"left", "h"}, "h/left", "fold/parent"),
		Expand:      b([]string{"right", "l"}, "l/right", "unfold"),
		TableLeft:   b([]string{"left", "h"}, "h/left", "table left"),
		TableRight:  b([]string{"right", "l"}, "l/right", "table right"),
		NextTable:   b([]string{"t"}, "t", "next table"),
		SearchNext:  b([]string{"n"}, "n", "next hit"),
		SearchPrev:  b([]string{"N"}, "N", "prev hit"),
		Filter:      b([]string{"/"}, "/", "filter"),
		ColLeft:     b([]string{"left", "h"}, "h/left", "column left"),
		ColRight:    b([]string{"right", "l"}, "l/right", "column right"),
		Reference:   b([]string{"a"}, "a", "reference"),
		Rank:        b([]string{"r"}, "r", "rank"),
		Reverse:     b([]string{"s"}, "s", "reverse"),
		Source:      b([]string{"enter"}, "enter", "source"),

		Side:           b([]string{"v"}, "v", "side by side"),
		PrevTopic:      b([]string{"["}, "[", "prev topic"),
		NextTopic:      b([]string{"]"}, "]", "next topic"),
		Topics:         b([]string{"t"}, "t", "topics"),
		NextPlan:       b([]string{"o"}, "o", "next plan"),
		PrevPlan:       b([]string{"O"}, "O", "prev plan"),
		AddColumn:      b([]string{"+", "="}, "+", "add column"),
		DropColumn:     b([]string{"-"}, "-", "drop column"),
		SideLeft:       b([]string{"left", "h", "shift+tab"}, "h/left", "column left"),
		SideRight:      b([]string{"right", "l", "tab"}, "l/tab", "column right"),
		SideTableLeft:  b([]string{"<"}, "<", "table left"),
		SideTableRight: b([]string{">"}, ">", "table right"),
		Together:       b([]string{"s"}, "s", "scroll apart"),
		OpenLine:       b([]string{"enter"}, "enter", "read there"),
	}
}
