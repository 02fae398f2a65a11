package tui

// Remembered positions: what the browser keeps between runs, per plan, in
// the user's state directory (internal/state). A plan is known by a hash of
// its content (planHash), so a moved or renamed file keeps its place. The
// hash is computed with the plan's first doc, in the background (buildCmd);
// when it arrives for the open plan, the remembered place is looked up
// (recall). The open plan's place is written down when the user leaves it
// (openPlan), suspends, and quits (Run calls SaveState after the program
// ends, however it ended: q, ctrl+c, SIGTERM or SIGHUP).

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"hash"
	"maps"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"planview/internal/state"
	"planview/model"
)

// memory is the remembered places and the store they go to.
type memory struct {
	store    *state.Store
	file     *state.File
	hashes   map[int]string // plan index → content hash, once computed
	recalled map[int]bool   // plans whose remembered place was looked up
	seq      uint64         // snapshots written, in order (state.Store.Save)
	failed   bool           // a write failed (said once in the status line)
	lastDone bool           // the plan open last was sought (seekLast)
	// cmd is the restored search's command, for Update to return (recall
	// runs where no command can be returned: before the program starts).
	cmd tea.Cmd
}

// stateSavedMsg reports a write of the state file done in the background.
type stateSavedMsg struct{ err error }

// UseState makes the browser remember positions in st and reads what it
// remembered: the plan open last is opened again, and each plan opens where
// it was left. An unreadable or corrupt state file is said in the status
// line (until the first key) and replaced by the next write; it never stops
// the browser. Call it before the program starts.
func (m *Model) UseState(st *state.Store) {
	f, err := st.Load()
	m.mem = &memory{store: st, file: f, hashes: map[int]string{}, recalled: map[int]bool{}}
	if err != nil {
		m.addNotice("remembered positions not read, the file will be replaced: " + err.Error())
	}
	m.seekLast(0, !m.loading)
}

// seekLast opens the plan open last in an earlier run if it is among
// plans[from:], and returns the command laying it out. It is tried by its
// id first, so that starting does not hash every plan of a big folder;
// with all set (every plan is loaded), among a few plans, a renamed file is
// found by its content too. Plans loading in the background (RunLoading)
// are looked at as they arrive; the plan found is opened only if the user
// has not opened another meanwhile.
func (m *Model) seekLast(from int, all bool) tea.Cmd {
	mem := m.mem
	if mem == nil || mem.file.Last == "" || mem.lastDone {
		return nil
	}
	f := mem.file
	var cmd tea.Cmd
	try := func(i int) bool {
		h, known := mem.hashes[i] // (a doc laid out meanwhile hashed its plan)
		if !known {
			h = planHash(m.plans[i])
			mem.hashes[i] = h
		}
		if h != f.Last {
			return false
		}
		mem.lastDone = true
		if m.cur == 0 && len(m.history) == 0 {
			cmd = m.openPlan(i, false)
			m.recall()
		}
		return true
	}
	for i := from; i < len(m.plans); i++ {
		if m.plans[i].ID == f.LastID && try(i) {
			return cmd
		}
	}
	if !all {
		return nil
	}
	mem.lastDone = true
	if len(m.plans) > maxHashedAtStart {
		return nil
	}
	for i := range m.plans {
		if try(i) {
			return cmd
		}
	}
	return nil
}

// maxHashedAtStart is how many plans UseState hashes, at most, to find the
// plan open last when its file was renamed (a typical plan hashes in about
// a tenth of a millisecond).
const maxHashedAtStart = 64

// takeCmd returns the command recall left, once.
func (m *Model) takeCmd() tea.Cmd {
	if m.mem == nil {
		return nil
	}
	c := m.mem.cmd
	m.mem.cmd = nil
	return c
}

// addNotice adds text to the status line's notice.
func (m *Model) addNotice(text string) {
	if m.notice != "" {
		text = m.notice + "; " + text
	}
	m.SetNotice(text)
}

// learnHash records plan i's content hash (computed with its doc) and, for
// the open plan, looks up where it was left.
func (m *Model) learnHash(i int, h string) {
	if m.mem == nil || h == "" {
		return
	}
	m.mem.hashes[i] = h
	if i == m.cur {
		m.recall()
	}
}

// recall puts the open plan where it was left in an earlier run, once per
// plan and run, and only while the reader has no place of its own for it
// (the plan was not read yet in this run, and no jump or section is
// waiting for its doc). The last search comes back too when nothing was
// searched yet in this run: its query, and n/N going on from the hit they
// were at (its command is left for Update to return: takeCmd).
func (m *Model) recall() {
	mem := m.mem
	i := m.cur
	if mem == nil || mem.recalled[i] || i >= len(m.plans) {
		return
	}
	h, ok := mem.hashes[i]
	if !ok {
		return
	}
	mem.recalled[i] = true
	pl, ok := mem.file.Plans[h]
	if !ok {
		return
	}
	r := m.reader
	if r.plan == m.plans[i] && r.d == nil && r.pending == nil && r.jump == nil {
		a := anchor{sec: pl.Sec, block: pl.Block, sub: pl.Sub, off: pl.Off, delta: pl.Delta, trow: pl.TRow}
		var hl *pendingJump
		if pl.Shown && pl.Hit != nil {
			hl = &pendingJump{loc: hitLoc(m.plans[i], pl.Hit), sub: pl.Hit.Sub, start: pl.Hit.Start, end: pl.Hit.End}
		}
		r.Restore(a, pl.Table, pl.Column, hl)
	}
	if pl.Query != "" && m.search.Untouched() {
		var want *wantHit
		if pl.Hit != nil {
			want = &wantHit{plan: m.plans[i].ID, hit: *pl.Hit}
		}
		mem.cmd = tea.Batch(mem.cmd, m.search.Restore(pl.Query, want))
	}
}

func hitLoc(p *model.Plan, h *state.Hit) model.Location {
	return model.Location{Plan: p.ID, Section: h.Section, Block: h.Block, Row: h.Row, Col: h.Col}
}

// remember writes the open plan's place into the remembered state (not yet
// to disk): the reader's anchor, the focused table's column, the last
// search and the hit shown.
func (m *Model) remember() {
	mem := m.mem
	if mem == nil || len(m.plans) == 0 {
		return
	}
	h, ok := mem.hashes[m.cur]
	p := m.plans[m.cur]
	if !ok || m.reader.plan != p || (m.reader.d == nil && m.reader.pending == nil) {
		return // not shown yet: nothing new to remember
	}
	a := m.reader.Anchor()
	pl := state.Place{Sec: a.sec, Block: a.block, Sub: a.sub, Off: a.off, Delta: a.delta, TRow: a.trow, Used: time.Now().Unix()}
	if s := m.reader.Section(); s != nil {
		pl.Section = s.Path
	}
	pl.Table, pl.Column = m.reader.TablePlace()
	pl.Query = m.search.LastQuery()
	if hl := m.reader.hl; hl != nil {
		j := hl.at
		pl.Hit = &state.Hit{Section: j.loc.Section, Block: j.loc.Block, Row: j.loc.Row, Col: j.loc.Col, Sub: j.sub, Start: j.start, End: j.end}
		pl.Shown = true
	} else if sh, ok := m.search.CurrentHit(); ok && sh.Loc.Plan == p.ID {
		pl.Hit = &state.Hit{Section: sh.Loc.Section, Block: sh.Loc.Block, Row: sh.Loc.Row, Col: sh.Loc.Col, Sub: sh.Sub, Start: sh.Start, End: sh.End}
	}
	mem.file.Plans[h] = pl
	mem.file.Last, mem.file.LastID = h, p.ID
	// This run has a place of its own for the plan now.
	mem.recalled[m.cur] = true
}

// snapshot is a copy of the remembered state to write, and its number.
func (m *Model) snapshot() (*state.File, uint64) {
	mem := m.mem
	f := *mem.file
	f.Plans = maps.Clone(mem.file.Plans)
	mem.seq++
	return &f, mem.seq
}

// saveCmd remembers the open plan's place and writes the state file in the
// background (when switching plans, before suspending).
func (m *Model) saveCmd() tea.Cmd {
	if m.mem == nil {
		return nil
	}
	m.remember()
	f, seq := m.snapshot()
	st := m.mem.store
	return func() tea.Msg { return stateSavedMsg{st.Save(f, seq)} }
}

// stateSaved reports the first failed write in the status line.
func (m *Model) stateSaved(msg stateSavedMsg) {
	if msg.err != nil && m.mem != nil && !m.mem.failed {
		m.mem.failed = true
		m.addNotice("positions not saved: " + msg.err.Error())
	}
}

// SaveState remembers the open plan's place and writes the state file now;
// Run calls it when the program has ended.
func (m *Model) SaveState() error {
	if m.mem == nil {
		return nil
	}
	m.remember()
	f, seq := m.snapshot()
	return m.mem.store.Save(f, seq)
}

// planHash is the hex SHA-256 of a plan's content: its title, region and
// every heading, block, table cell and note in order, each closed by a zero
// byte, so that the same text loaded from another file name, or another
// folder, gets the same hash (the id and source name are left out).
func planHash(p *model.Plan) string {
	hw := &hashWriter{h: sha256.New()}
	hw.str(p.Title)
	hw.str(p.Region)
	hw.blocks(p.Preamble)
	p.Walk(func(s *model.Section) {
		hw.num(s.Level)
		hw.str(s.Number)
		hw.str(s.Title)
		hw.blocks(s.Blocks)
	})
	return hex.EncodeToString(hw.h.Sum(nil)[:16])
}

type hashWriter struct {
	h   hash.Hash
	buf [8]byte
}

func (w *hashWriter) str(s string) {
	w.h.Write([]byte(s))
	w.h.Write([]byte{0})
}

func (w *hashWriter) num(n int) {
	binary.LittleEndian.PutUint64(w.buf[:], uint64(n))
	w.h.Write(w.buf[:])
}

func (w *hashWriter) blocks(bs []model.Block) {
	w.num(len(bs))
	for i := range bs {
		b := &bs[i]
		w.num(int(b.Kind))
		w.str(b.Text)
		if t := b.Table; t != nil {
			w.str(t.Caption)
			for _, rows := range [][]model.Row{t.Header, t.Rows} {
				w.num(len(rows))
				for _, r := range rows {
					w.num(len(r.Cells))
					for _, c := range r.Cells {
						w.num(len(c.Lines))
						for _, l := range c.Lines {
							w.str(l)
						}
					}
				}
			}
			w.num(len(t.Notes))
			for _, n := range t.Notes {
				w.str(n)
			}
		}
		w.blocks(b.Children)
	}
}
