package tui

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"planview/model"
	"planview/render"
)

// openSectionMsg asks the root to show a section in the reader ("" is the
// preamble); read tells the root to move the focus to the reader (a section
// with no subsections, or one already unfolded: enter twice to read).
type openSectionMsg struct {
	path string
	read bool
}

// outlinePane is the chapter tree of the open plan, collapsible.
type outlinePane struct {
	c       *common
	plan    *model.Plan
	open    map[*model.Section]bool // expanded nodes
	rows    []*model.Section        // visible rows; nil entry = the preamble
	list    cursorList
	w, h    int
	focused bool
	current *model.Section // the reader's section

	cache []string
}

func newOutline(c *common) *outlinePane {
	return &outlinePane{c: c, open: map[*model.Section]bool{}}
}

func (o *outlinePane) SetSize(w, h int) {
	o.w, o.h = w, h
	o.list.h = max(h-1, 1)
	o.list.fix()
	o.cache = nil
}

func (o *outlinePane) SetFocused(f bool) { o.focused, o.cache = f, nil }

// SetPlan shows p's tree, collapsed to its top level.
func (o *outlinePane) SetPlan(p *model.Plan) {
	if o.plan == p {
		return
	}
	o.plan, o.open, o.current = p, map[*model.Section]bool{}, nil
	o.rebuild()
	o.list.set(0)
}

func (o *outlinePane) rebuild() {
	o.rows = o.rows[:0]
	if o.plan != nil {
		if len(o.plan.Preamble) > 0 {
			o.rows = append(o.rows, nil)
		}
		var walk func([]*model.Section)
		walk = func(ss []*model.Section) {
			for _, s := range ss {
				o.rows = append(o.rows, s)
				if o.open[s] {
					walk(s.Children)
				}
			}
		}
		walk(o.plan.Sections)
	}
	o.list.n = len(o.rows)
	o.list.set(o.list.cursor)
	o.cache = nil
}

func (o *outlinePane) indexOf(s *model.Section) int {
	for i, r := range o.rows {
		if r == s {
			return i
		}
	}
	return -1
}

// Follow marks s as the reader's section; unless the user is moving in the
// outline, the cursor follows it (unfolding its ancestors).
func (o *outlinePane) Follow(s *model.Section) {
	if s == o.current {
		return
	}
	o.current, o.cache = s, nil
	if o.focused || s == nil {
		return
	}
	o.Reveal(s)
}

// Reveal unfolds s's ancestors and puts the cursor on it.
func (o *outlinePane) Reveal(s *model.Section) {
	for p := s.Parent; p != nil; p = p.Parent {
		o.open[p] = true
	}
	o.rebuild()
	if i := o.indexOf(s); i >= 0 {
		o.list.set(i)
	}
}

// Selected is the section under the cursor (nil for the preamble).
func (o *outlinePane) Selected() *model.Section {
	if o.list.cursor < len(o.rows) {
		return o.rows[o.list.cursor]
	}
	return nil
}

func (o *outlinePane) Update(msg tea.Msg) tea.Cmd {
	k := o.c.keys
	if o.list.move(k, msg) {
		o.cache = nil
		return nil
	}
	km, ok := msg.(tea.KeyMsg)
	if !ok || len(o.rows) == 0 {
		return nil
	}
	s := o.Selected()
	switch {
	case key.Matches(km, k.Open):
		return o.openRow(o.list.cursor)
	case key.Matches(km, k.Toggle):
		if s != nil && len(s.Children) > 0 {
			o.open[s] = !o.open[s]
			o.rebuild()
		}
	case key.Matches(km, k.Expand):
		if s != nil && len(s.Children) > 0 {
			if o.open[s] {
				o.list.set(o.list.cursor + 1)
			} else {
				o.open[s] = true
				o.rebuild()
			}
			o.cache = nil
		}
	case key.Matches(km, k.Collapse):
		switch {
		case s != nil && o.open[s]:
			o.open[s] = false
			o.rebuild()
		case s != nil && s.Parent != nil:
			o.list.set(o.indexOf(s.Parent))
			o.cache = nil
		}
	}
	return nil
}

// openRow opens row i: shows it in the reader and unfolds it.
func (o *outlinePane) openRow(i int) tea.Cmd {
	if i < 0 || i >= len(o.rows) {
		return nil
	}
	o.list.set(i)
	s := o.rows[i]
	msg := openSectionMsg{read: true}
	if s != nil {
		msg.path = s.Path
		if len(s.Children) > 0 && !o.open[s] {
			msg.read = false
			o.open[s] = true
			o.rebuild()
		}
	}
	o.cache = nil
	return func() tea.Msg { return msg }
}

// Click opens the row at y of the pane.
func (o *outlinePane) Click(y int) tea.Cmd {
	if y < 1 {
		return nil
	}
	return o.openRow(o.list.top + y - 1)
}

func (o *outlinePane) label(s *model.Section) string {
	if s == nil {
		return "  卷首 front matter"
	}
	var b strings.Builder
	b.WriteString(strings.Repeat("  ", max(s.Level-1, 0)))
	switch {
	case len(s.Children) == 0:
		b.WriteString("  ")
	case o.open[s]:
		b.WriteString("- ")
	default:
		b.WriteString("+ ")
	}
	h := render.Clean(s.Heading())
	if strings.TrimSpace(h) == "" {
		h = "(untitled)"
	}
	b.WriteString(h)
	return b.String()
}

// View draws the pane, every line exactly w cells.
func (o *outlinePane) View() []string {
	if o.cache != nil {
		return o.cache
	}
	st := o.c.styles
	out := make([]string, 0, o.h)
	tp := st.Title
	if o.focused {
		tp = st.TitleFocused
	}
	out = append(out, tp.Render(render.Fit(paneMark(o.focused)+"目录 Outline", o.w)))
	for i := o.list.top; i < len(o.rows) && len(out) < o.h; i++ {
		s := o.rows[i]
		mark := rowMark(i == o.list.cursor && o.focused, s != nil && s == o.current)
		line := render.Fit(mark+o.label(s), o.w)
		switch {
		case i == o.list.cursor && o.focused:
			line = st.Cursor.Render(line)
		case i == o.list.cursor:
			line = st.CursorBlurred.Render(line)
		case s != nil && s == o.current:
			line = st.Current.Render(line)
		case s != nil && s.Level == 1:
			line = st.Heading[0].Render(line)
		default:
			line = st.Text.Render(line)
		}
		out = append(out, line)
	}
	if len(o.rows) == 0 && len(out) < o.h {
		out = append(out, st.Dim.Render(render.Fit("    (no headings)", o.w)))
	}
	for len(out) < o.h {
		out = append(out, render.Pad("", o.w))
	}
	o.cache = out
	return out
}

func (o *outlinePane) ShortHelp() []key.Binding {
	k := o.c.keys
	return []key.Binding{k.Down, k.Open, k.Toggle, k.Expand, k.Collapse}
}

func (o *outlinePane) FullHelp() [][]key.Binding {
	k := o.c.keys
	return [][]key.Binding{{k.Open, k.Toggle, k.Expand, k.Collapse}}
}
