package tui

import (
	"strconv"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"planview/model"
	"planview/render"
)

// openPlanMsg asks the root to open plans[i].
type openPlanMsg struct{ i int }

// plansPane lists the loaded plans: region and title.
type plansPane struct {
	c       *common
	plans   []*model.Plan
	list    cursorList
	w, h    int // h includes the title row
	focused bool
	current int // the open plan

	cache []string
}

func newPlansPane(c *common, plans []*model.Plan) *plansPane {
	return &plansPane{c: c, plans: plans, list: cursorList{n: len(plans)}}
}

// SetPlans gives the pane the plans loaded so far (they arrive in the
// background, see RunLoading): the cursor and the scroll stay.
func (p *plansPane) SetPlans(plans []*model.Plan) {
	p.plans = plans
	p.list.n = len(plans)
	p.list.fix()
	p.cache = nil
}

func (p *plansPane) SetSize(w, h int) {
	p.w, p.h = w, h
	p.list.h = max(h-1, 1)
	p.list.fix()
	p.cache = nil
}

func (p *plansPane) SetFocused(f bool) { p.focused, p.cache = f, nil }

func (p *plansPane) SetCurrent(i int) { p.current, p.cache = i, nil; p.list.set(i) }

func (p *plansPane) Update(msg tea.Msg) tea.Cmd {
	if p.list.move(p.c.keys, msg) {
		p.cache = nil
		return nil
	}
	if msg, ok := msg.(tea.KeyMsg); ok && (key.Matches(msg, p.c.keys.Open) || key.Matches(msg, p.c.keys.Toggle)) {
		return p.open(p.list.cursor)
	}
	return nil
}

func (p *plansPane) open(i int) tea.Cmd {
	if i < 0 || i >= len(p.plans) {
		return nil
	}
	p.list.set(i)
	p.cache = nil
	return func() tea.Msg { return openPlanMsg{i} }
}

// Click opens the plan on row y of the pane.
func (p *plansPane) Click(y int) tea.Cmd {
	if y < 1 {
		return nil
	}
	return p.open(p.list.top + y - 1)
}

// View draws the pane, every line exactly w cells.
func (p *plansPane) View() []string {
	if p.cache != nil {
		return p.cache
	}
	st := p.c.styles
	out := make([]string, 0, p.h)
	tp := st.Title
	if p.focused {
		tp = st.TitleFocused
	}
	out = append(out, tp.Render(render.Fit(paneMark(p.focused)+"规划 Plans "+strconv.Itoa(len(p.plans)), p.w)))
	for i := p.list.top; i < len(p.plans) && len(out) < p.h; i++ {
		pl := p.plans[i]
		mark := rowMark(i == p.list.cursor && p.focused, i == p.current)
		region := render.Clean(pl.Region)
		title := render.Clean(pl.Title)
		if region == "" {
			region = render.Clean(pl.ID)
		}
		line := render.Fit(mark+" "+region+" "+title, p.w)
		switch {
		case i == p.list.cursor && p.focused:
			line = st.Cursor.Render(line)
		case i == p.list.cursor:
			line = st.CursorBlurred.Render(line)
		case i == p.current:
			line = st.Current.Render(line)
		default:
			line = st.Text.Render(line)
		}
		out = append(out, line)
	}
	for len(out) < p.h {
		out = append(out, render.Pad("", p.w))
	}
	p.cache = out
	return out
}

func (p *plansPane) ShortHelp() []key.Binding {
	k := p.c.keys
	return []key.Binding{k.Open, k.Down, k.Up}
}

func (p *plansPane) FullHelp() [][]key.Binding {
	k := p.c.keys
	return [][]key.Binding{{k.Up, k.Down, k.PageUp, k.PageDown, k.Top, k.Bottom}}
}
