package tui

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"planview/render"
)

// The help overlay (?): every key, grouped by where it works, each group
// labelled, every key once per group. Its lines are wrapped to the
// terminal (no word is cut) and scroll with j/k, the page keys and the
// wheel when they do not fit.

// helpGroup is a labelled group of keys.
type helpGroup struct {
	title string
	keys  []key.Binding
}

// helpEntry is a key for the overlay only (the mouse, space): it does
// nothing itself, the pane's own handling does.
func helpEntry(k, desc string) key.Binding {
	return key.NewBinding(key.WithKeys(k), key.WithHelp(k, desc))
}

// helpGroups lists every key by where it works, from the key map and the
// panes' own bindings.
func (m *Model) helpGroups() []helpGroup {
	k := m.c.keys
	move := []key.Binding{k.Up, k.Down, k.PageUp, k.PageDown, k.Top, k.Bottom}
	groups := []helpGroup{
		{"everywhere", []key.Binding{k.NextPane, k.PrevPane, k.Plans, k.Search, k.Compare, k.Side, k.Back,
			k.PrevSection, k.NextSection, k.Help, k.Esc, k.Suspend, k.Quit,
			helpEntry("wheel", "scroll"), helpEntry("click", "select, focus")}},
		{"plans", append(append([]key.Binding{}, move...), k.Open)},
		{"outline", append(append([]key.Binding{}, move...), k.Open, k.Toggle, k.Expand, k.Collapse)},
		{"reader", append(append([]key.Binding{}, move...), helpEntry("space", "page down"),
			k.PrevSection, k.NextSection, k.SearchNext, k.SearchPrev, k.NextTable)},
		{"tables (in the reader)", []key.Binding{k.TableLeft, k.TableRight, k.NextTable, helpEntry("click", "focus the table")}},
		{"search (/)", flatten(m.search.FullHelp())},
		{"compare (c)", append(flatten(m.compare.FullHelp()), k.Down, k.Up, k.Esc)},
		{"side by side (v)", append(flatten(m.side.FullHelp()), k.Down, k.Up, k.Esc)},
	}
	for i := range groups {
		groups[i].keys = uniqueKeys(groups[i].keys)
	}
	// The focused pane's group comes first: its keys are what the reader
	// of the overlay looks for.
	first := map[focus]int{focusPlans: 1, focusOutline: 2, focusReader: 3, focusSearch: 5, focusCompare: 6, focusSide: 7}[m.focus]
	if first > 0 {
		groups = append(append([]helpGroup{groups[first]}, groups[:first]...), groups[first+1:]...)
	}
	return groups
}

func flatten(gs [][]key.Binding) []key.Binding {
	var out []key.Binding
	for _, g := range gs {
		out = append(out, g...)
	}
	return out
}

// uniqueKeys keeps each key's first binding in a group, enabled (the
// overlay lists what a key does, also when it does nothing right now).
func uniqueKeys(bs []key.Binding) []key.Binding {
	seen := map[string]bool{}
	var out []key.Binding
	for _, b := range bs {
		h := b.Help().Key
		if seen[h] {
			continue
		}
		seen[h] = true
		b.SetEnabled(true)
		out = append(out, b)
	}
	return out
}

// helpLines lays the overlay out for w cells: a title, a legend, then
// each group's label and its keys in as many columns as fit.
func (m *Model) helpLines(w int) []string {
	st := m.c.styles
	w = max(w, 1)
	var out []string
	for _, l := range render.Wrap("Keys: j/k scroll, ? or esc close", w, "") {
		out = append(out, st.TitleFocused.Render(render.Pad(l, w)))
	}
	for _, l := range render.Wrap(focusGlyph+" the focused pane (title) and its selected row; "+currentGlyph+" the open plan, the section being read", w, "") {
		out = append(out, st.Dim.Render(l))
	}
	for _, g := range m.helpGroups() {
		out = append(out, "")
		for _, l := range render.Wrap(g.title, w, "") {
			out = append(out, st.Heading[1].Render(l))
		}
		out = append(out, helpColumns(st, g.keys, w)...)
	}
	return out
}

// helpColumns lays bindings out as "key  description" entries, row by
// row in as many columns as fit w cells; an entry wider than w wraps its
// description under itself.
func helpColumns(st *Styles, bs []key.Binding, w int) []string {
	kw, ew := 0, 0
	for _, b := range bs {
		kw = max(kw, render.Width(b.Help().Key))
	}
	for _, b := range bs {
		ew = max(ew, kw+1+render.Width(b.Help().Desc))
	}
	const gap = 3
	cols := max((w+gap)/(ew+gap), 1)
	if ew > w {
		cols = 1
	}
	var out []string
	for i := 0; i < len(bs); i += cols {
		var line strings.Builder
		var extra []string // wrapped description lines of a one-column entry
		for j := i; j < min(i+cols, len(bs)); j++ {
			h := bs[j].Help()
			desc := h.Desc
			if kw+1+render.Width(desc) > w {
				wrapped := render.Wrap(desc, max(w-kw-1, 1), "")
				desc, extra = wrapped[0], wrapped[1:]
			}
			if j > i {
				line.WriteString(strings.Repeat(" ", gap))
			}
			entry := st.Key.Render(render.Pad(h.Key, kw)) + " " + st.Dim.Render(desc)
			if j < min(i+cols, len(bs))-1 {
				entry += strings.Repeat(" ", max(ew-kw-1-render.Width(desc), 0))
			}
			line.WriteString(entry)
		}
		out = append(out, line.String())
		for _, e := range extra {
			out = append(out, strings.Repeat(" ", kw+1)+st.Dim.Render(e))
		}
	}
	return out
}

// helpOverlay fills the body with the help, scrolled to helpTop.
func (m *Model) helpOverlay() []string {
	l := m.lay
	lines := m.helpLines(l.W - 2)
	top := clamp(m.helpTop, 0, max(len(lines)-l.BodyH, 0))
	out := make([]string, 0, l.BodyH)
	for i := top; i < len(lines) && len(out) < l.BodyH; i++ {
		out = append(out, " "+lines[i])
	}
	if top+l.BodyH < len(lines) && len(out) > 0 {
		out[len(out)-1] = " " + m.c.styles.Dim.Render(render.Truncate("↓ more (j)", l.W-1))
	}
	for len(out) < l.BodyH {
		out = append(out, "")
	}
	return out
}

// scrollHelp scrolls the overlay with the movement keys.
func (m *Model) scrollHelp(msg tea.KeyMsg) {
	k := m.c.keys
	page := max(m.lay.BodyH-1, 1)
	switch {
	case key.Matches(msg, k.Down):
		m.helpTop++
	case key.Matches(msg, k.Up):
		m.helpTop--
	case key.Matches(msg, k.PageDown) || msg.Type == tea.KeySpace:
		m.helpTop += page
	case key.Matches(msg, k.PageUp):
		m.helpTop -= page
	case key.Matches(msg, k.Top):
		m.helpTop = 0
	case key.Matches(msg, k.Bottom):
		m.helpTop = 1 << 30
	}
	m.helpTop = clamp(m.helpTop, 0, max(len(m.helpLines(m.lay.W-2))-m.lay.BodyH, 0))
}

// helpKeys are the keys of the help overlay, for the key line.
func (m *Model) helpKeys() []key.Binding {
	return []key.Binding{
		key.NewBinding(key.WithKeys("j", "k"), key.WithHelp("j/k", "scroll")),
		m.c.keys.Esc,
	}
}
