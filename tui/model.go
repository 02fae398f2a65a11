package tui

import (
	"fmt"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/term"

	"planview/internal/state"
	"planview/model"
	"planview/render"
)

// common is what every pane shares: the terminal size, styles and keys.
type common struct {
	width, height int
	styles        *Styles
	keys          *KeyMap
}

// focus is the pane that gets the keys.
type focus int

const (
	focusPlans focus = iota
	focusOutline
	focusReader
	focusSearch
	focusCompare // the compare view (compare.go), over the whole body
	focusSide    // the side-by-side view (side.go), over the whole body
)

// jumpMsg asks the root to show a hit: see /work/notes/tui-api.md.
type jumpMsg struct {
	Loc        model.Location
	Start, End int
	Sub        int
}

// docKey names a laid-out plan: plan index and width.
type docKey struct{ plan, width int }

// Docs are laid out lazily and only a few are kept: a doc holds its plan
// wrapped and painted, two to four times the plan's text, so laying out
// every plan of a big folder costs hundreds of MB (1,000 plans of 57 MB
// took 470 MB). The open plan is laid out when it is opened (by Run before
// the first frame; under RunLoading as soon as it is loaded); a few plans the user is likely to open next
// are prefetched one at a time (see prefetch); the cache keeps the most
// recently used docs within both bounds below, the open plan's doc aside
// (it is never evicted).
const (
	// maxDocs bounds the number of docs: the open plan, the (at most
	// maxPrefetch) plans prefetched around it and three more, the last
	// visited, so that going back or stepping n/N between plans is
	// instant. A doc of a typical plan (60 KB of text) is 0.15–0.4 MB.
	maxDocs = 8
	// maxDocBytes bounds the estimated size (doc.size) of the docs other
	// than the open plan's, for folders with very long plans: a plan of
	// 5 MB makes a doc of about 20 MB, and eight of them would be 160 MB.
	// Past it fewer than maxDocs are kept.
	maxDocBytes = 64 << 20
	// maxPrefetch is how many plans besides the open one are wanted.
	maxPrefetch = 4
)

// docMsg carries a doc built in the background, and the plan's content
// hash when it was asked for (remembered positions, memory.go).
type docMsg struct {
	key  docKey
	d    *doc
	hash string
}

// histEntry is a place in the jump history: the reader's place, and
// whether the compare view (a jump from a cell) or the side-by-side view
// (a jump from a line) was shown, so that back returns to it as it was.
type histEntry struct {
	plan    int
	at      anchor
	compare bool
	side    bool
}

const maxHistory = 100

// Model is the root model of the browser.
type Model struct {
	c     *common
	plans []*model.Plan
	cur   int // open plan
	byID  map[string]int

	docs     map[docKey]*doc
	docUsed  map[docKey]uint64 // when each doc was last used (a tick of useClock)
	useClock uint64
	building map[docKey]bool // builds in flight (for the open plan or a prefetch)
	// prefetching is the prefetch build in flight (there is at most one);
	// prefetched are the docs prefetched since want last changed, each
	// tried once (so a doc the byte budget evicts at once is not rebuilt
	// in a loop).
	prefetching *docKey
	prefetched  map[docKey]bool
	want        [maxPrefetch]int // the plans prefetch wants, -1 padded
	wantW       int              // and the width they were wanted at

	plansPane *plansPane
	outline   *outlinePane
	reader    *readerPane
	search    *searchPane
	compare   *comparePane
	side      *sidePane

	focus, before focus // before: where Esc returns from search or compare
	sideBefore    focus // where the side-by-side view returns to
	showHelp      bool
	helpTop       int // first line of the help overlay shown
	lay           layout
	history       []histEntry
	ready         bool
	small         []string // the message a too small terminal gets (tooSmallLines)
	startCmd      tea.Cmd  // returned by Init
	// notice is shown in the status line until the first key: e.g. that
	// some files could not be loaded (their errors went to stderr).
	notice string
	// mem is what is remembered between runs (memory.go); nil with
	// --no-state.
	mem *memory
	// loading is set while plans load in the background (RunLoading):
	// loadDone of loadTotal files are done.
	loading             bool
	loadDone, loadTotal int
}

// plansMsg carries plans loaded in the background (RunLoading), in load
// order, and how many of the files to load are done.
type plansMsg struct {
	plans       []*model.Plan
	done, total int
}

// loadedMsg says the background load is over; notice is for the status
// line, as Options.Notice.
type loadedMsg struct{ notice string }

// LoadFunc loads plans for RunLoading: it hands them to add as they load,
// in batches, in order, with how many of the total files are done, and
// returns, when done, what the status line should say of the load ("" if
// nothing; as Options.Notice).
type LoadFunc func(add func(plans []*model.Plan, done, total int)) (notice string)

// addPlans takes plans loaded in the background: every pane gets them, the
// first is opened (or the one open last, memory.go, when it arrives), and
// the layout follows the plans pane's length.
func (m *Model) addPlans(msg plansMsg) tea.Cmd {
	m.loadDone, m.loadTotal = msg.done, msg.total
	if len(msg.plans) == 0 {
		return nil
	}
	from := len(m.plans)
	m.plans = append(m.plans, msg.plans...)
	for i := from; i < len(m.plans); i++ {
		if _, dup := m.byID[m.plans[i].ID]; !dup {
			m.byID[m.plans[i].ID] = i
		}
	}
	m.plansPane.SetPlans(m.plans)
	m.search.SetPlans(m.plans)
	m.compare.SetPlans(m.plans, m.loading)
	m.side.SetPlans(m.plans)
	if from == 0 {
		m.plansPane.SetCurrent(0)
		m.outline.SetPlan(m.plans[0])
		m.reader.SetPlan(m.plans[0])
	}
	cmd := m.seekLast(from, false)
	if m.ready {
		cmd = tea.Batch(cmd, m.resize(m.c.width, m.c.height))
	}
	return cmd
}

// loaded ends the background load: with no plan loaded the browser quits
// (the caller reports why).
func (m *Model) loaded(msg loadedMsg) tea.Cmd {
	m.loading = false
	m.compare.SetPlans(m.plans, false)
	if msg.notice != "" {
		m.addNotice(msg.notice)
	}
	if len(m.plans) == 0 {
		return tea.Quit
	}
	return m.seekLast(0, true)
}

// New makes the browser's model for plans.
func New(plans []*model.Plan) *Model {
	keys := DefaultKeyMap()
	c := &common{styles: DefaultStyles(), keys: &keys}
	m := &Model{
		c:          c,
		plans:      plans,
		byID:       map[string]int{},
		docs:       map[docKey]*doc{},
		docUsed:    map[docKey]uint64{},
		building:   map[docKey]bool{},
		prefetched: map[docKey]bool{},
		plansPane:  newPlansPane(c, plans),
		outline:    newOutline(c),
		reader:     newReader(c),
		search:     newSearchPane(c, plans),
		compare:    newComparePane(c, plans),
		side:       newSidePane(c, plans),
	}
	for i, p := range plans {
		if _, dup := m.byID[p.ID]; !dup {
			m.byID[p.ID] = i
		}
	}
	if len(plans) > 0 {
		m.outline.SetPlan(plans[0])
		m.reader.SetPlan(plans[0])
	}
	m.setFocus(focusPlans)
	m.updateKeybindings()
	return m
}

// SetNotice shows text in the status line until the next key press.
func (m *Model) SetNotice(text string) { m.notice = render.Clean(text) }

// Options are the browser's settings besides the plans.
type Options struct {
	// Notice, if given, stands in the status line until the first key
	// press.
	Notice string
	// State is where positions are remembered between runs; nil remembers
	// nothing (--no-state).
	State *state.Store
}

// Run opens the browser on plans and returns when the user quits, or when
// SIGTERM or SIGHUP ends it: the terminal is restored in every case, and
// the positions are remembered (opt.State).
func Run(plans []*model.Plan, opt Options) error {
	// The colours adapt to a light or dark background: ask the terminal now,
	// before the program reads its input (Bubble Tea v1 did it in a package
	// init, for every command; planview's copy does not, see
	// third_party/bubbletea/FORK.md). Off a terminal nothing is asked.
	lipgloss.HasDarkBackground()
	m := New(plans)
	m.SetNotice(opt.Notice)
	if opt.State != nil {
		m.UseState(opt.State)
	}
	// Lay the open plan out before the program starts, so that the very
	// first frame shows it (the WindowSizeMsg that follows is a no-op, and
	// Init starts prefetching the plans likely to be opened next).
	if w, h, err := term.GetSize(os.Stdout.Fd()); err == nil && w > 0 && h > 0 {
		m.startCmd = m.resize(w, h)
		if m.reader.d == nil && len(plans) > 0 && !m.lay.TooSmall {
			k := docKey{m.cur, contentWidth(m.lay.ReaderW)}
			m.update(m.buildCmd(k)())
			m.startCmd = m.prefetch() // the open plan's build is done
		}
	}
	return runProgram(m, nil)
}

// RunLoading is Run on plans that load while the browser runs: the first
// frame comes at once, with no plan, and load (run on a goroutine of its
// own) hands the plans over as they load; the plans pane fills, the first
// plan (or the one open last) opens as soon as it is there, and the status
// line shows the progress. With no plan loaded at all the browser quits.
func RunLoading(load LoadFunc, opt Options) error {
	lipgloss.HasDarkBackground() // see Run
	m := New(nil)
	m.loading = true
	m.SetNotice(opt.Notice)
	if opt.State != nil {
		m.UseState(opt.State)
	}
	if w, h, err := term.GetSize(os.Stdout.Fd()); err == nil && w > 0 && h > 0 {
		m.startCmd = m.resize(w, h)
	}
	return runProgram(m, load)
}

// runProgram runs the browser on m, loading plans with load when not nil,
// and remembers the positions when it ends.
func runProgram(m *Model, load LoadFunc) error {
	p := tea.NewProgram(m, tea.WithAltScreen(), tea.WithMouseCellMotion(), tea.WithFPS(120))
	if load != nil {
		// Send returns at once when the program has ended: a load the
		// user quit from runs on, unseen, until the process exits.
		go func() {
			notice := load(func(plans []*model.Plan, done, total int) {
				p.Send(plansMsg{plans, done, total})
			})
			p.Send(loadedMsg{notice})
		}()
	}
	// Bubble Tea restores the terminal on SIGTERM and SIGINT, not on
	// SIGHUP (a closed ssh session, a killed tmux pane), whose default
	// action ends the process with the alternate screen, a hidden cursor
	// and mouse tracking left on: quit as on SIGTERM.
	stop := onHangup(p)
	_, err := p.Run()
	stop()
	if serr := m.SaveState(); serr != nil {
		fmt.Fprintln(os.Stderr, "planview: positions not saved:", serr)
	}
	return err
}

// onHangup quits p when the process gets SIGHUP, and kills it (which
// restores the terminal too) if it has not ended two seconds later.
// The returned function stops listening.
func onHangup(p *tea.Program) (stop func()) {
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, syscall.SIGHUP)
	done := make(chan struct{})
	go func() {
		select {
		case <-sig:
			time.AfterFunc(2*time.Second, p.Kill)
			p.Quit()
		case <-done:
		}
	}()
	return func() {
		signal.Stop(sig)
		close(done)
	}
}

// Init starts laying out the plans when the size is already known, and a
// search remembered from an earlier run (memory.go).
func (m *Model) Init() tea.Cmd { return tea.Batch(m.startCmd, m.takeCmd()) }

func (m *Model) setFocus(f focus) {
	m.focus = f
	m.plansPane.SetFocused(f == focusPlans)
	m.outline.SetFocused(f == focusOutline)
	m.reader.focused = f == focusReader
}

// resize lays the panes out for a w×h terminal and asks for the open
// plan's doc at the new reader width (Update then prefetches a few more).
func (m *Model) resize(w, h int) tea.Cmd {
	m.c.width, m.c.height = w, h
	m.lay = computeLayout(w, h, len(m.plans))
	m.ready = true
	l := m.lay
	if l.TooSmall {
		m.small = tooSmallLines(m.c.styles, w, h)
		return nil
	}
	m.plansPane.SetSize(l.SideW, l.PlansH)
	m.outline.SetSize(l.SideW, l.OutlineH)
	// Relayout first: it looks at what is in view at the old size.
	m.reader.Relayout(contentWidth(l.ReaderW))
	m.reader.SetSize(l.ReaderW, l.BodyH)
	for k := range m.docs { // keep only the docs for this width
		if k.width != contentWidth(l.ReaderW) {
			m.dropDoc(k)
		}
	}
	m.search.SetSize(w, l.BodyH)
	m.compare.SetSize(w, l.BodyH)
	m.side.SetSize(w, l.BodyH)
	return m.needDoc(m.cur)
}

// needDoc gives the reader plan i's doc if it is cached, and otherwise
// returns the command that builds it.
func (m *Model) needDoc(i int) tea.Cmd {
	if i < 0 || i >= len(m.plans) || m.lay.TooSmall || !m.ready {
		return nil
	}
	k := docKey{i, contentWidth(m.lay.ReaderW)}
	if d, ok := m.docs[k]; ok {
		m.touchDoc(k)
		if i == m.cur {
			m.reader.SetDoc(d)
		}
		return nil
	}
	if m.building[k] {
		return nil
	}
	return m.buildCmd(k)
}

// buildCmd marks k as being built and returns the command that builds it
// (and hashes the plan's content, when positions are remembered and its
// hash is not known yet).
func (m *Model) buildCmd(k docKey) tea.Cmd {
	m.building[k] = true
	p, st := m.plans[k.plan], m.c.styles
	hash := false
	if m.mem != nil {
		_, known := m.mem.hashes[k.plan]
		hash = !known
	}
	return func() tea.Msg {
		msg := docMsg{key: k, d: buildDoc(p, k.width, st)}
		if hash {
			msg.hash = planHash(p)
		}
		return msg
	}
}

// prefetch returns the command laying out the next plan the user is likely
// to open, if there is one not cached yet: nil while the open plan's doc is
// still missing (it comes first) or while a prefetch is in flight (one at a
// time: each docMsg goes through Update, which calls prefetch again).
func (m *Model) prefetch() tea.Cmd {
	if m.prefetching != nil || !m.ready || m.lay.TooSmall || m.reader.d == nil {
		return nil
	}
	w := contentWidth(m.lay.ReaderW)
	want := m.wanted()
	if want != m.want || w != m.wantW {
		m.want, m.wantW = want, w
		clear(m.prefetched)
	}
	for _, i := range want {
		if i < 0 {
			break
		}
		k := docKey{i, w}
		if _, ok := m.docs[k]; ok || m.building[k] || m.prefetched[k] {
			continue
		}
		m.prefetched[k] = true
		m.prefetching = &docKey{k.plan, k.width} // (&k would move k to the heap on every call)
		return m.buildCmd(k)
	}
	return nil
}

// wanted lists the plans (other than the open one) likely to be opened
// next, most likely first: the one under the plans pane's cursor, the one
// of the search hit Enter or n would show, and the open plan's neighbours
// in the plans list.
func (m *Model) wanted() [maxPrefetch]int {
	var out [maxPrefetch]int
	n := 0
	add := func(i int) {
		if i < 0 || i >= len(m.plans) || i == m.cur || n == len(out) {
			return
		}
		for _, j := range out[:n] {
			if j == i {
				return
			}
		}
		out[n] = i
		n++
	}
	add(m.plansPane.list.cursor)
	if s := m.search; s.HasHits() {
		h := s.sel // Enter in the search pane
		if m.focus != focusSearch {
			h = (s.cur + 1) % s.res.Len() // n in the reader
		}
		if i, ok := m.byID[s.hit(h).Loc.Plan]; ok {
			add(i)
		}
	}
	add(m.cur + 1)
	add(m.cur - 1)
	for ; n < len(out); n++ {
		out[n] = -1
	}
	return out
}

// storeDoc caches d as k, evicting the least recently used docs (never the
// open plan's) beyond maxDocs or maxDocBytes.
func (m *Model) storeDoc(k docKey, d *doc) {
	m.docs[k] = d
	m.touchDoc(k)
	for {
		size := 0
		var victim docKey
		found := false
		for dk, dd := range m.docs {
			if dk.plan == m.cur {
				continue
			}
			size += dd.size
			if !found || m.docUsed[dk] < m.docUsed[victim] {
				victim, found = dk, true
			}
		}
		if !found || (len(m.docs) <= maxDocs && size <= maxDocBytes) {
			return
		}
		m.dropDoc(victim)
	}
}

func (m *Model) touchDoc(k docKey) {
	m.useClock++
	m.docUsed[k] = m.useClock
}

func (m *Model) dropDoc(k docKey) {
	delete(m.docs, k)
	delete(m.docUsed, k)
}

// openPlan switches to plan i; push records the jump in the history.
func (m *Model) openPlan(i int, push bool) tea.Cmd {
	if i < 0 || i >= len(m.plans) {
		return nil
	}
	if i == m.cur {
		return nil
	}
	if push {
		m.pushHistory()
	}
	save := m.saveCmd() // the place in the plan left, to disk
	m.cur = i
	m.plansPane.SetCurrent(i)
	m.outline.SetPlan(m.plans[i])
	m.reader.SetPlan(m.plans[i])
	m.recall()
	return tea.Batch(save, m.needDoc(i))
}

func (m *Model) pushHistory() {
	if len(m.plans) == 0 {
		return
	}
	m.history = append(m.history, histEntry{m.cur, m.reader.Anchor(), m.focus == focusCompare, m.focus == focusSide})
	if len(m.history) > maxHistory {
		m.history = m.history[1:]
	}
}

func (m *Model) back() tea.Cmd {
	if len(m.history) == 0 {
		return nil
	}
	e := m.history[len(m.history)-1]
	m.history = m.history[:len(m.history)-1]
	cmd := m.openPlan(e.plan, false)
	m.reader.hl = nil
	m.reader.SetAnchor(e.at)
	switch {
	case e.compare: // the jump was from the compare view: show it again
		if m.focus != focusCompare {
			m.before = m.focus
		}
		m.setFocus(focusCompare)
	case e.side: // the jump was from the side-by-side view
		if m.focus != focusSide {
			m.sideBefore = m.focus
		}
		m.setFocus(focusSide)
	case m.focus == focusCompare || m.focus == focusSide:
		m.setFocus(focusReader)
	}
	return cmd
}

// toggleCompare opens the compare view (building its matrix the first
// time), or leaves it for the pane it was opened from.
func (m *Model) toggleCompare() tea.Cmd {
	if m.focus == focusCompare {
		m.setFocus(m.before)
		return nil
	}
	m.before = m.focus
	m.setFocus(focusCompare)
	return m.compare.Open()
}

// toggleSide opens the side-by-side view on the open plan and the
// reader's section, or leaves it for the pane it was opened from.
func (m *Model) toggleSide() {
	if m.focus == focusSide {
		m.setFocus(m.sideBefore)
		return
	}
	m.sideBefore = m.focus
	m.setFocus(focusSide)
	m.side.Open(m.cur, m.reader.Section())
}

// hitQuery is the query of the search hits shown, "" when none.
func (m *Model) hitQuery() string {
	if m.search.HasHits() {
		return m.search.res.Query
	}
	return ""
}

// Update handles a message: global keys first, then the focused pane.
// Then, if the plans likely to be opened next are not all laid out and no
// prefetch is in flight, it starts laying out the next of them.
func (m *Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	cmd := m.update(msg)
	m.afterUpdate()
	if rc := m.takeCmd(); rc != nil { // a restored search (memory.go)
		cmd = tea.Batch(cmd, rc)
	}
	if pf := m.prefetch(); pf != nil {
		cmd = tea.Batch(cmd, pf)
	}
	if m.focus == focusSide && !m.lay.TooSmall {
		// The side-by-side view lays its columns' plans out as they show.
		if sc := m.side.Need(); sc != nil {
			cmd = tea.Batch(cmd, sc)
		}
	}
	return m, cmd
}

func (m *Model) update(msg tea.Msg) tea.Cmd {
	k := m.c.keys
	if _, ok := msg.(tea.KeyMsg); ok {
		m.notice = ""
	}
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		return m.resize(msg.Width, msg.Height)
	case docMsg:
		delete(m.building, msg.key)
		if m.prefetching != nil && *m.prefetching == msg.key {
			m.prefetching = nil // Update asks for the next one
		}
		m.learnHash(msg.key.plan, msg.hash) // before SetDoc: the remembered place
		if msg.key.width != contentWidth(m.lay.ReaderW) {
			return nil // the terminal was resized meanwhile
		}
		m.storeDoc(msg.key, msg.d)
		if msg.key.plan == m.cur {
			m.reader.SetDoc(msg.d)
		}
		return nil
	case stateSavedMsg:
		m.stateSaved(msg)
		return nil
	case plansMsg:
		return m.addPlans(msg)
	case loadedMsg:
		return m.loaded(msg)
	case tea.ResumeMsg:
		// Back from ctrl+z (fg): the terminal was given back as it was
		// before the browser started, mouse tracking off; turn it on again
		// and draw the whole screen anew.
		return tea.Batch(tea.EnableMouseCellMotion, tea.ClearScreen)
	case openPlanMsg:
		cmd := m.openPlan(msg.i, true)
		m.setFocus(focusOutline)
		return cmd
	case openSectionMsg:
		m.pushHistory()
		m.reader.GotoSection(msg.path)
		if msg.read {
			m.setFocus(focusReader)
		}
		return nil
	case jumpMsg:
		i, ok := m.byID[msg.Loc.Plan]
		if !ok {
			return nil
		}
		var cmd tea.Cmd
		if i != m.cur {
			cmd = m.openPlan(i, true)
		} else {
			m.pushHistory()
		}
		m.reader.JumpTo(msg.Loc, msg.Sub, msg.Start, msg.End)
		m.setFocus(focusReader)
		return cmd
	case compareMatrixMsg:
		m.compare.SetMatrix(msg)
		return nil
	case closeCompareMsg:
		m.setFocus(m.before)
		return nil
	case sideDocMsg:
		m.side.SetDoc(msg)
		return nil
	case closeSideMsg:
		m.setFocus(m.sideBefore)
		return nil
	case tea.MouseMsg:
		return m.mouse(msg)
	case tea.KeyMsg:
		if msg.String() == "ctrl+c" {
			return tea.Quit
		}
		if key.Matches(msg, k.Suspend) {
			// Write the place down first: a suspended browser may never
			// be resumed.
			return tea.Sequence(m.saveCmd(), tea.Suspend)
		}
		if msg.Type == tea.KeyRunes && len(msg.Runes) > 1 && !msg.Paste && m.focus != focusSearch {
			// Keys typed faster than the program reads them (tmux
			// send-keys, a held key, a fast typist) arrive as one message
			// ("jjj"): outside the query line they are separate keys.
			var cmds []tea.Cmd
			for _, r := range msg.Runes {
				cmds = append(cmds, m.update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}, Alt: msg.Alt}))
				m.updateKeybindings() // the next key sees what this one enabled
			}
			return tea.Batch(cmds...)
		}
		if m.showHelp {
			if key.Matches(msg, k.Help, k.Esc, k.Quit) {
				m.showHelp = false
				return nil
			}
			m.scrollHelp(msg)
			return nil
		}
		if m.focus == focusSearch {
			if key.Matches(msg, k.Esc) {
				m.search.Close()
				m.setFocus(m.before)
				return nil
			}
			return m.search.Update(msg)
		}
		if m.focus == focusCompare && m.compare.Claims(msg) {
			return m.local(m.compare.Update(msg))
		}
		if m.focus == focusSide && m.side.Claims(msg) {
			return m.local(m.side.Update(msg))
		}
		switch {
		case key.Matches(msg, k.Quit):
			return tea.Quit
		case key.Matches(msg, k.Help):
			m.showHelp, m.helpTop = true, 0
			return nil
		case m.focus == focusCompare && key.Matches(msg, k.NextPane, k.PrevPane):
			m.setFocus(m.before)
			return nil
		case key.Matches(msg, k.NextPane):
			m.setFocus((m.focus + 1) % focusSearch)
			return nil
		case key.Matches(msg, k.PrevPane):
			m.setFocus((m.focus + focusSearch - 1) % focusSearch)
			return nil
		case key.Matches(msg, k.Plans):
			m.setFocus(focusPlans)
			return nil
		case key.Matches(msg, k.Search):
			m.before = m.focus
			m.setFocus(focusSearch)
			return m.search.Open()
		case key.Matches(msg, k.Compare):
			return m.toggleCompare()
		case key.Matches(msg, k.Side):
			m.toggleSide()
			return nil
		case key.Matches(msg, k.Back):
			return m.back()
		case m.focus != focusCompare && key.Matches(msg, k.PrevSection):
			m.reader.StepSection(-1)
			return nil
		case m.focus != focusCompare && key.Matches(msg, k.NextSection):
			m.reader.StepSection(1)
			return nil
		}
		switch m.focus {
		case focusPlans:
			return m.local(m.plansPane.Update(msg))
		case focusOutline:
			return m.local(m.outline.Update(msg))
		case focusCompare:
			return m.local(m.compare.Update(msg))
		case focusSide:
			return m.local(m.side.Update(msg))
		case focusReader:
			switch {
			case key.Matches(msg, k.SearchNext):
				if m.search.Wraps(1) {
					m.addNotice("search went past the last hit: back to the first")
				}
				return m.local(m.search.Next())
			case key.Matches(msg, k.SearchPrev):
				if m.search.Wraps(-1) {
					m.addNotice("search went past the first hit: on from the last")
				}
				return m.local(m.search.Prev())
			}
			return m.reader.Update(msg)
		}
		return nil
	}
	return m.search.Update(msg)
}

// local handles at once the message of a command from the plans or
// outline pane, or from n/N: such commands only wrap a message for the root
// (openPlanMsg, openSectionMsg, jumpMsg). Bubble Tea runs commands
// concurrently, so keys typed in one burst ("enter j j", "n n n") would
// otherwise be handled before the open or the jump they follow, or the
// jumps land out of order.
func (m *Model) local(cmd tea.Cmd) tea.Cmd {
	if cmd == nil {
		return nil
	}
	return m.update(cmd())
}

// mouse routes wheel and clicks to the pane under the pointer.
func (m *Model) mouse(msg tea.MouseMsg) tea.Cmd {
	l := m.lay
	if m.showHelp && !l.TooSmall {
		switch msg.Button {
		case tea.MouseButtonWheelDown:
			m.helpTop += 3
		case tea.MouseButtonWheelUp:
			m.helpTop -= 3
		}
		m.helpTop = clamp(m.helpTop, 0, max(len(m.helpLines(l.W-2))-l.BodyH, 0))
		return nil
	}
	if l.TooSmall || m.focus == focusSearch || msg.Y >= l.BodyH {
		return nil
	}
	if m.focus == focusCompare {
		return m.compare.Update(msg) // the wheel moves the row cursor
	}
	if m.focus == focusSide {
		return m.side.Update(msg) // the wheel scrolls, a click moves the cursor
	}
	click := msg.Button == tea.MouseButtonLeft && msg.Action == tea.MouseActionPress
	wheel := msg.Button == tea.MouseButtonWheelUp || msg.Button == tea.MouseButtonWheelDown
	if !click && !wheel {
		return nil
	}
	switch {
	case msg.X < l.SideW && msg.Y < l.PlansH:
		if click {
			m.setFocus(focusPlans)
			return m.local(m.plansPane.Click(msg.Y))
		}
		m.plansPane.list.move(m.c.keys, msg)
		m.plansPane.cache = nil
	case msg.X < l.SideW:
		if click {
			m.setFocus(focusOutline)
			return m.local(m.outline.Click(msg.Y - l.PlansH))
		}
		m.outline.list.move(m.c.keys, msg)
		m.outline.cache = nil
	case msg.X >= l.ReaderX:
		if click {
			m.setFocus(focusReader)
			m.reader.Click(msg.Y)
			return nil
		}
		return m.reader.Update(msg)
	}
	return nil
}

// afterUpdate keeps the outline on the reader's section and the key map
// in step with what the keys can do now.
func (m *Model) afterUpdate() {
	m.outline.Follow(m.reader.Section())
	if m.focus == focusSide {
		m.side.SetQueries(m.hitQuery(), m.compare.input.Value())
	}
	m.updateKeybindings()
}

// updateKeybindings disables the bindings that would do nothing now, so
// the help shows only what works.
func (m *Model) updateKeybindings() {
	k := m.c.keys
	r := m.reader
	hasDoc := r.d != nil && len(r.d.secs) > 0
	k.Back.SetEnabled(len(m.history) > 0)
	k.PrevSection.SetEnabled(hasDoc)
	k.NextSection.SetEnabled(hasDoc)
	k.TableLeft.SetEnabled(r.FocusedTable() != nil)
	k.TableRight.SetEnabled(r.FocusedTable() != nil)
	k.NextTable.SetEnabled(len(r.visibleTables()) > 1)
	k.SearchNext.SetEnabled(m.search.HasHits())
	k.SearchPrev.SetEnabled(m.search.HasHits())
	outline := len(m.outline.rows) > 0
	k.Open.SetEnabled(outline || m.focus == focusPlans)
	k.Toggle.SetEnabled(outline)
	k.Expand.SetEnabled(outline)
	k.Collapse.SetEnabled(outline)
	cp := m.compare
	matrix := cp.mx != nil && len(cp.rows) > 0
	k.Filter.SetEnabled(cp.mx != nil && !cp.ranking)
	k.ColLeft.SetEnabled(matrix && !cp.ranking && cp.col > 0)
	k.ColRight.SetEnabled(matrix && !cp.ranking && cp.col < len(m.plans)-1)
	k.Reference.SetEnabled(matrix && !cp.ranking)
	k.Rank.SetEnabled(matrix)
	k.Reverse.SetEnabled(cp.ranking)
	k.Source.SetEnabled(cp.CanJump())
	sd := m.side
	k.AddColumn.SetEnabled(sd.canAdd())
	k.DropColumn.SetEnabled(len(sd.cols) > 1)
	k.SideTableLeft.SetEnabled(m.focus == focusSide && sd.focusedTable() >= 0)
	k.SideTableRight.SetEnabled(m.focus == focusSide && sd.focusedTable() >= 0)
	k.OpenLine.SetEnabled(m.focus != focusSide || sd.picking || sd.cursorLine() >= 0)
	if sd.together {
		k.Together.SetHelp("s", "scroll apart")
	} else {
		k.Together.SetHelp("s", "scroll together")
	}
}

// View draws the screen: sidebar │ reader, then the status and key lines.
func (m *Model) View() string {
	if !m.ready {
		return ""
	}
	l := m.lay
	if l.TooSmall {
		return strings.Join(m.small, "\n")
	}
	var b strings.Builder
	b.Grow(l.W * l.H * 4)
	switch {
	case m.showHelp:
		for i, line := range m.helpOverlay() {
			if i > 0 {
				b.WriteByte('\n')
			}
			b.WriteString(line)
		}
	case m.focus == focusCompare:
		for i, line := range m.compare.View() {
			if i > 0 {
				b.WriteByte('\n')
			}
			b.WriteString(line)
		}
	case m.focus == focusSide:
		for i, line := range m.side.View() {
			if i > 0 {
				b.WriteByte('\n')
			}
			b.WriteString(line)
		}
	case m.focus == focusSearch:
		lines := strings.Split(m.search.View(), "\n")
		for i := 0; i < l.BodyH; i++ {
			if i > 0 {
				b.WriteByte('\n')
			}
			if i < len(lines) {
				b.WriteString(lines[i])
			}
		}
	default:
		side := append(m.plansPane.View()[:l.PlansH:l.PlansH], m.outline.View()...)
		sep := m.c.styles.Sep.Render(separator())
		rd := m.reader.View()
		for i := 0; i < l.BodyH; i++ {
			if i > 0 {
				b.WriteByte('\n')
			}
			b.WriteString(side[i])
			b.WriteString(sep)
			b.WriteString(rd[i])
		}
	}
	b.WriteByte('\n')
	b.WriteString(m.statusLine())
	b.WriteByte('\n')
	b.WriteString(m.keyLine())
	return b.String()
}

// separator is the column between sidebar and reader; sepWidth must be its
// width (U+2502 is East Asian ambiguous, so under RUNEWIDTH_EASTASIAN=1 an
// ASCII bar is used instead).
func separator() string {
	if render.Width("│") == 1 {
		return "│"
	}
	return "|"
}

// tooSmallLines is the message a terminal below minWidth×minHeight gets
// instead of the layout, wrapped to the terminal: the longest wording whose
// lines all fit in w×h, so that the size needed stays visible however
// small the terminal (at 20×5 the whole message; at 10×3 "needs 60×16").
// Below even that (1×1), the shortest wording, cut to the terminal.
func tooSmallLines(st *Styles, w, h int) []string {
	need := strconv.Itoa(minWidth) + "×" + strconv.Itoa(minHeight)
	have := strconv.Itoa(w) + "×" + strconv.Itoa(h)
	wordings := []string{
		"planview needs a terminal of at least " + need + " (this one is " + have + "). Enlarge it, or press q to quit.",
		"planview needs at least " + need + " (this is " + have + "); q quits.",
		"planview needs " + need + "; q quits",
		"needs " + need,
		need,
	}
	var lines []string
	for _, s := range wordings {
		lines = render.Wrap(s, w, "")
		if len(lines) <= h {
			break
		}
	}
	lines = lines[:min(len(lines), max(h, 0))]
	for i, l := range lines {
		lines[i] = st.Warn.Render(render.Truncate(l, w))
	}
	return lines
}

// statusLine: plan › 第三章 › 第二节 on the left, table scroll and position
// on the right.
func (m *Model) statusLine() string {
	st := m.c.styles
	w := m.lay.W
	if m.focus == focusCompare || m.focus == focusSide {
		left, right := m.compare.Status(), m.compare.Position()
		if m.focus == focusSide {
			left, right = m.side.Status(), m.side.Position()
		}
		lw := max(w-render.Width(right), 0)
		return st.Status.Render(render.Fit(left, lw)) + st.StatusPos.Render(render.Truncate(right, w-lw))
	}
	right := ""
	if ts := m.reader.TableStatus(); ts != "" && m.focus == focusReader {
		right = ts + "  "
	}
	if m.loading {
		if m.loadTotal > 0 {
			right += "loading " + strconv.Itoa(m.loadDone) + "/" + strconv.Itoa(m.loadTotal) + " plans  "
		} else {
			right += "loading plans…  "
		}
	}
	right += strconv.Itoa(m.reader.Percent()) + "% "
	crumbs := []string{}
	if len(m.plans) > 0 {
		p := m.plans[m.cur]
		name := render.Clean(p.Region)
		if name == "" {
			name = render.Clean(p.Title)
		}
		if name == "" {
			name = render.Clean(p.ID)
		}
		crumbs = append(crumbs, name)
	}
	if s := m.reader.Section(); s != nil {
		for _, a := range s.Ancestors() {
			crumbs = append(crumbs, crumb(a))
		}
	}
	left := " " + strings.Join(crumbs, " › ")
	if m.notice != "" {
		left = " " + m.notice
	}
	lw := max(w-render.Width(right), 0)
	return st.Status.Render(render.Fit(left, lw)) + st.StatusPos.Render(render.Truncate(right, w-lw))
}

// crumb names a section in the status line: its number, or its title.
func crumb(s *model.Section) string {
	if n := render.Clean(s.Number); n != "" {
		return n
	}
	t := strings.TrimSpace(render.Clean(s.Title))
	if t == "" {
		return "…" // an untitled section the loader made
	}
	if render.Width(t) > 16 {
		t = render.Truncate(t, 15) + "…"
	}
	return t
}

// keyLine is the line of keys under the status line. The keys that
// matter in the current state come first and are the last to give way on
// a narrow terminal: in a table scrolled sideways h/l, while a search has
// hits n/N with the hit counter; then the ways into the other panes and
// views, then the focused pane's keys; help and quit always show, at the
// end.
func (m *Model) keyLine() string {
	k := m.c.keys
	always := []key.Binding{k.Help, k.Quit}
	var keys []key.Binding
	switch {
	case m.showHelp:
		keys = m.helpKeys()
	case m.focus == focusSearch:
		keys, always = m.search.ShortHelp(), nil
	case m.focus == focusCompare:
		keys = m.compare.ShortHelp()
	case m.focus == focusSide:
		keys = m.side.ShortHelp()
	default:
		// The ways into the other views before the pane's own keys
		// (j/k are no news); v gives way first.
		keys = append(m.stateKeys(), k.NextPane, k.Search, k.Compare)
		keys = append(append(keys, m.paneKeys()...), k.Side)
	}
	a, aw := shortHelp(m.c.styles, always, m.lay.W)
	p, _ := shortHelp(m.c.styles, keys, m.lay.W-aw)
	return p + a
}

// stateKeys are the keys the state calls for, as one entry each: h/l for
// the focused table scrolled sideways (both, never one without the
// other), n/N with the hit counter while a search has hits.
func (m *Model) stateKeys() []key.Binding {
	var out []key.Binding
	if m.focus == focusReader {
		if t := m.reader.FocusedTable(); t != nil && t.wide() {
			out = append(out, key.NewBinding(key.WithKeys("h", "l"), key.WithHelp("h/l", "scroll table")))
		}
	}
	if c := m.search.Counter(); c != "" {
		out = append(out, key.NewBinding(key.WithKeys("n", "N"), key.WithHelp("n/N", c)))
	}
	return out
}

// paneKeys are the focused pane's keys, less those stateKeys stands for.
func (m *Model) paneKeys() []key.Binding {
	k := m.c.keys
	var pane []key.Binding
	switch m.focus {
	case focusPlans:
		pane = m.plansPane.ShortHelp()
	case focusOutline:
		pane = m.outline.ShortHelp()
	default:
		pane = m.reader.ShortHelp()
	}
	out := pane[:0:0]
	for _, b := range pane {
		if sameBinding(b, k.TableLeft) || sameBinding(b, k.TableRight) || sameBinding(b, k.SearchNext) || sameBinding(b, k.SearchPrev) {
			continue
		}
		out = append(out, b)
	}
	return out
}

// sameBinding tells whether two bindings are the same keys.
func sameBinding(a, b key.Binding) bool {
	return strings.Join(a.Keys(), " ") == strings.Join(b.Keys(), " ")
}

// shortHelp draws the enabled bindings on one line of at most w cells,
// dropping those that do not fit, and returns it with its width.
// (bubbles/help's ShortHelpView overflows when not even its ellipsis fits,
// so planview lays this line out itself.)
func shortHelp(st *Styles, bs []key.Binding, w int) (string, int) {
	var b strings.Builder
	used := 0
	for _, kb := range bs {
		if !kb.Enabled() {
			continue
		}
		h := kb.Help()
		n := render.Width(" " + h.Key + " " + h.Desc + " ")
		if used+n > w {
			break
		}
		used += n
		b.WriteString(" " + st.Key.Render(h.Key) + " " + st.Dim.Render(h.Desc) + " ")
	}
	return b.String(), used
}

func joinLines(lines []string) string { return strings.Join(lines, "\n") }
