package tui

import (
	"context"
	"fmt"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"planview/loader"
	"planview/model"
	"planview/render"
	"planview/search"
	"planview/seeds"
)

// rarePhrase occurs only in plans 137 (once) and 171 (twice) of manyPlans.
const rarePhrase = "稀有词组"

// manyPlans makes n small plans with distinct ids, three chapters of four
// paragraphs each (enough to scroll at 30 lines).
func manyPlans(n int) []*model.Plan {
	plans := make([]*model.Plan, n)
	for i := range plans {
		var secs []*model.Section
		for j := 1; j <= 3; j++ {
			var blocks []model.Block
			for b := 0; b < 4; b++ {
				text := fmt.Sprintf("第%d号规划第%d章第%d段：", i, j, b) + strings.Repeat("推进民政事业高质量发展，完善社会救助体系。", 4)
				blocks = append(blocks, model.Block{Kind: model.Paragraph, Text: text, Line: 10*j + b + 1})
			}
			secs = append(secs, &model.Section{Path: fmt.Sprint(j), Level: 1, Kind: model.KindChapter,
				Number: fmt.Sprintf("第%d章", j), Title: "主要任务", Line: 10 * j, Blocks: blocks})
		}
		plans[i] = &model.Plan{ID: fmt.Sprintf("plan-%03d", i), Title: fmt.Sprintf("第%d号民政事业发展规划", i),
			Region: fmt.Sprintf("%03d市", i), Source: fmt.Sprintf("plan-%03d.txt", i), Sections: secs}
	}
	if n > 171 {
		b := &plans[137].Sections[2].Blocks[3]
		b.Text += "这里有" + rarePhrase + "一处。"
		b = &plans[171].Sections[1].Blocks[0]
		b.Text = rarePhrase + "出现在开头。" + b.Text
		b = &plans[171].Sections[2].Blocks[2]
		b.Text += "又见" + rarePhrase + "。"
	}
	return plans
}

// driver runs a Model like the harness (every command at once, its
// messages fed back in order) and checks the doc cache after every
// message. Docs that hold matches are kept back (in held) instead of
// delivered: a layout still running.
type driver struct {
	t     *testing.T
	m     *Model
	built []docKey // every doc laid out, in order
	held  []docMsg
	hold  func(docMsg) bool
}

func newDriver(t *testing.T, plans []*model.Plan, w, h int) *driver {
	d := &driver{t: t, m: newTestModel(plans)}
	d.send(tea.WindowSizeMsg{Width: w, Height: h})
	return d
}

func (d *driver) send(msgs ...tea.Msg) {
	d.t.Helper()
	d.sendFrom(0, msgs)
}

// sendFrom is send with the first n messages delivered even if held.
func (d *driver) sendFrom(n int, msgs []tea.Msg) {
	d.t.Helper()
	queue := append([]tea.Msg{}, msgs...)
	for i := 0; len(queue) > 0; i++ {
		msg := queue[0]
		queue = queue[1:]
		if dm, ok := msg.(docMsg); ok && i >= n && d.hold != nil && d.hold(dm) {
			d.held = append(d.held, dm)
			continue
		}
		_, cmd := d.m.Update(msg)
		out := d.exec(cmd)
		docs := 0
		for _, o := range out {
			if dm, ok := o.(docMsg); ok {
				docs++
				d.built = append(d.built, dm.key)
			}
		}
		// One message asks for at most the open plan's doc and one prefetch.
		if docs > 2 {
			d.t.Fatalf("%T: one update asked for %d docs", msg, docs)
		}
		queue = append(queue, out...)
		d.check()
	}
}

func (d *driver) exec(cmd tea.Cmd) []tea.Msg { return runCmd(cmd) }

func (d *driver) keys(names ...string) {
	d.t.Helper()
	for _, n := range names {
		d.send(keyMsg(n))
	}
}

// release delivers the held doc of plan i.
func (d *driver) release(plan int) {
	d.t.Helper()
	for j, dm := range d.held {
		if dm.key.plan == plan {
			d.held = append(d.held[:j], d.held[j+1:]...)
			d.sendFrom(1, []tea.Msg{dm})
			return
		}
	}
	d.t.Fatalf("no doc of plan %d held", plan)
}

// check: at most maxDocs docs, all at the reader's width; at most one
// prefetch and the open plan's build in flight (besides the held ones).
func (d *driver) check() {
	d.t.Helper()
	m := d.m
	if len(m.docs) > maxDocs {
		d.t.Fatalf("%d docs cached (max %d)", len(m.docs), maxDocs)
	}
	for k := range m.docs {
		if k.width != contentWidth(m.lay.ReaderW) {
			d.t.Fatalf("doc %v cached at reader width %d", k, contentWidth(m.lay.ReaderW))
		}
	}
	if n := len(m.building) - len(d.held); n > 2 {
		d.t.Fatalf("%d docs being built", n)
	}
}

// shows checks that the reader shows plan i, laid out.
func (d *driver) shows(i int) {
	d.t.Helper()
	r := d.m.reader
	if d.m.cur != i || r.plan != d.m.plans[i] || r.d == nil || r.d.plan != d.m.plans[i] {
		d.t.Fatalf("open plan %d, want %d (reader doc %v)", d.m.cur, i, r.d != nil)
	}
	if !strings.Contains(plain(d.m.View()), fmt.Sprintf("第%d号规划", i)) {
		d.t.Fatalf("the reader does not show plan %d:\n%s", i, plain(d.m.View()))
	}
}

func (d *driver) cached(i int) bool {
	_, ok := d.m.docs[docKey{i, contentWidth(d.m.lay.ReaderW)}]
	return ok
}

// Start-up and resizes lay out the open plan, then a few plans around
// it, one at a time: not every plan.
func TestDocsLaidOutLazily(t *testing.T) {
	plans := manyPlans(200)
	m := newTestModel(plans)
	_, cmd := m.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
	w := contentWidth(m.lay.ReaderW)
	if len(m.building) != 1 || !m.building[docKey{0, w}] || len(m.docs) != 0 {
		t.Fatalf("the first resize builds %v (cached %d), want only the open plan's doc", m.building, len(m.docs))
	}
	msg := cmd() // a single command, no batch
	dm, ok := msg.(docMsg)
	if !ok || dm.key != (docKey{0, w}) {
		t.Fatalf("the first resize's command gives %T, want the open plan's docMsg", msg)
	}
	_, cmd = m.Update(dm)
	if cmd == nil || len(m.building) != 1 {
		t.Fatalf("the open doc's arrival builds %v, want one prefetch", m.building)
	}
	if msg, ok := cmd().(docMsg); !ok || msg.key != (docKey{1, w}) {
		t.Fatalf("the open doc's arrival gives %T, want the next plan's docMsg", msg)
	}

	d := newDriver(t, plans, 100, 30)
	d.shows(0)
	if d.built[0] != (docKey{0, w}) || len(d.built) > 1+maxPrefetch {
		t.Fatalf("start-up built %v: want the open plan first, at most %d in all", d.built, 1+maxPrefetch)
	}
	if !d.cached(1) {
		t.Errorf("the next plan was not prefetched: %v", d.built)
	}
	for _, size := range [][2]int{{140, 40}, {80, 24}} {
		d.built = nil
		d.send(tea.WindowSizeMsg{Width: size[0], Height: size[1]})
		w := contentWidth(d.m.lay.ReaderW)
		if len(d.built) == 0 || d.built[0] != (docKey{0, w}) || len(d.built) > 1+maxPrefetch {
			t.Fatalf("resize to %v built %v: want the open plan first, at most %d in all", size, d.built, 1+maxPrefetch)
		}
		d.shows(0)
	}
}

// Moving through the plans list and opening plans keeps the cache in its
// bound; the open plan is always shown, the plan under the cursor is
// prefetched, and back returns to the places visited.
func TestDocCacheBoundedWhileBrowsing(t *testing.T) {
	d := newDriver(t, manyPlans(200), 100, 30)
	var opened []int
	for step := 1; step <= 60; step++ {
		d.built = nil
		d.keys("j")
		if c := d.m.plansPane.list.cursor; !d.cached(c) {
			t.Fatalf("step %d: the plan under the cursor (%d) was not prefetched", step, c)
		}
		if step%6 == 0 {
			d.keys("enter", "tab", "f", "p") // open it, page down in the reader, back to the plans
			opened = append(opened, d.m.cur)
			d.shows(step)
		}
		if len(d.built) > 2+maxPrefetch {
			t.Fatalf("step %d laid out %d docs: %v", step, len(d.built), d.built)
		}
	}
	for i := len(opened) - 2; i >= 0; i-- {
		d.keys("backspace")
		d.shows(opened[i])
	}
}

// The cache evicts the least recently used docs beyond maxDocs or
// maxDocBytes, never the open plan's.
func TestDocCacheEviction(t *testing.T) {
	plans := manyPlans(20)
	m := newTestModel(plans)
	m.resize(100, 30)
	w := contentWidth(m.lay.ReaderW)
	put := func(i, size int) { m.storeDoc(docKey{i, w}, &doc{plan: plans[i], width: w, size: size}) }
	has := func(want ...int) {
		t.Helper()
		if len(m.docs) != len(want) {
			t.Fatalf("%d docs cached, want %v", len(m.docs), want)
		}
		for _, i := range want {
			if _, ok := m.docs[docKey{i, w}]; !ok {
				t.Fatalf("plan %d not cached, want %v", i, want)
			}
		}
	}
	for i := 0; i < 12; i++ { // plan 0 is open and the least recently used
		put(i, 1000)
	}
	has(0, 5, 6, 7, 8, 9, 10, 11)
	m.needDoc(5) // used again
	put(12, 1000)
	has(0, 5, 7, 8, 9, 10, 11, 12)
	put(13, maxDocBytes/2+1)
	put(14, maxDocBytes/2+1)
	has(0, 14)
	m.cur = 15 // the open plan's doc is kept however big
	put(15, 4*maxDocBytes)
	has(0, 14, 15)
}

// Search hits in plans never laid out: Enter and n/N lay them out on
// demand and land on the hit, also while prefetches are still running.
func TestSearchJumpToUncachedPlan(t *testing.T) {
	plans := manyPlans(200)
	want, err := search.New(plans).Search(context.Background(), rarePhrase)
	if err != nil || want.Len() != 3 {
		t.Fatalf("%d hits for %s (%v), want 3", want.Len(), rarePhrase, err)
	}
	// Colours on: checkJump finds the hit on screen by its colours.
	lipgloss.SetColorProfile(termenv.TrueColor)
	defer lipgloss.SetColorProfile(termenv.Ascii)
	d := &driver{t: t, m: New(plans)}
	d.send(tea.WindowSizeMsg{Width: 100, Height: 30})
	// A slow prefetch: plan 50's layout never finishes, so no other plan
	// is prefetched (one at a time) and the hits' plans are not cached.
	d.hold = func(dm docMsg) bool { return dm.key.plan == 50 }
	for range 50 {
		d.keys("j")
	}
	d.keys("/")
	for _, r := range rarePhrase {
		d.send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}})
	}
	if d.m.search.res.Len() != 3 || d.cached(137) || d.cached(171) || d.m.prefetching == nil {
		t.Fatalf("%d hits, plan 137 cached %v, 171 cached %v, prefetching %v", d.m.search.res.Len(), d.cached(137), d.cached(171), d.m.prefetching)
	}
	hs := &harness{t: t, m: d.m}
	d.keys("enter")
	checkJump(t, hs, want.Hit(0))
	d.keys("n")
	checkJump(t, hs, want.Hit(1))
	d.keys("n")
	checkJump(t, hs, want.Hit(2))
	d.keys("n")
	checkJump(t, hs, want.Hit(0))

	// Docs arriving late: n to 171, n again within it, N, then N back to
	// 137; 171's doc comes first (the reader waits for 137's), then 137's.
	d.m.dropDoc(docKey{137, contentWidth(d.m.lay.ReaderW)})
	d.m.dropDoc(docKey{171, contentWidth(d.m.lay.ReaderW)})
	d.hold = func(docMsg) bool { return true }
	d.keys("n", "n", "N", "N")
	d.release(171)
	if d.m.cur != 137 || d.m.reader.d != nil || d.m.reader.hl != nil {
		t.Fatalf("plan %d shown before its doc came (highlight %v)", d.m.cur, d.m.reader.hl != nil)
	}
	d.release(137)
	checkJump(t, hs, want.Hit(0))

	// Enter on a hit whose plan is being prefetched: the prefetch shows it.
	d.m.dropDoc(docKey{171, contentWidth(d.m.lay.ReaderW)})
	d.release(50) // the chain goes on: the next hit's plan, 171, is prefetched (held)
	if d.m.prefetching == nil || d.m.prefetching.plan != 171 {
		t.Fatalf("prefetching %v, want plan 171 (the next hit's)", d.m.prefetching)
	}
	d.keys("n")
	if d.m.cur != 171 || d.m.reader.d != nil {
		t.Fatalf("plan %d, doc %v: want 171 waiting for its prefetch", d.m.cur, d.m.reader.d != nil)
	}
	d.release(171)
	checkJump(t, hs, want.Hit(1))

	// Back before the doc arrives: the jump waiting for 137's doc does
	// not land in the plan returned to, nor does the late doc move it.
	at := d.m.reader.Anchor()
	d.m.dropDoc(docKey{137, contentWidth(d.m.lay.ReaderW)})
	d.keys("N", "backspace") // to 137 (held), then back to 171
	if d.m.cur != 171 || d.m.reader.d == nil || d.m.reader.hl != nil || d.m.reader.Anchor() != at {
		t.Fatalf("back: plan %d, anchor %+v, highlight %v; want 171 at %+v, none", d.m.cur, d.m.reader.Anchor(), d.m.reader.hl != nil, at)
	}
	d.release(137)
	if d.m.cur != 171 || d.m.reader.hl != nil || d.m.reader.Anchor() != at {
		t.Fatalf("137's late doc moved the reader: plan %d, anchor %+v", d.m.cur, d.m.reader.Anchor())
	}

	// Another plan opened from the plans pane while a hit's plan is still
	// being laid out: it opens at its top, with nothing highlighted.
	d.hold = func(dm docMsg) bool { return dm.key.plan == 137 }
	for len(d.held) > 0 { // the prefetches held so far finish
		d.release(d.held[0].key.plan)
	}
	d.m.dropDoc(docKey{137, contentWidth(d.m.lay.ReaderW)})
	// (137's doc is held, and so is the prefetch of 136, one at a time
	// behind it: 136 is laid out on demand.)
	d.keys("N", "N", "N", "p", "k") // hits 2 and 1 (171), 0 (137, held); the plans pane's cursor on 136
	if d.m.cur != 137 || d.m.reader.d != nil {
		t.Fatalf("plan %d shown %v: want 137 waiting for its doc", d.m.cur, d.m.reader.d != nil)
	}
	d.keys("enter")
	d.shows(136)
	if d.m.reader.hl != nil || d.m.reader.top != 0 {
		t.Fatalf("136 opened at line %d, highlight %v: the hit in 137 landed in it", d.m.reader.top, d.m.reader.hl != nil)
	}
	d.release(137)
	d.shows(136)
}

// A plan left while its doc is being laid out again (after a resize)
// keeps its place for when it is opened again.
func TestPlaceKeptWhenLeftBeforeItsDoc(t *testing.T) {
	d := newDriver(t, manyPlans(10), 80, 20)
	d.keys("tab", "tab", "]", "j") // the reader, into 第2章
	sec := d.m.reader.Section()
	if sec == nil || sec.Path != "2" {
		t.Fatalf("reader in section %v, want 2", sec)
	}
	d.hold = func(docMsg) bool { return true }
	d.send(tea.WindowSizeMsg{Width: 100, Height: 20}) // plan 0's doc is on its way
	d.keys("p", "j", "enter")                         // plan 1, before it comes
	d.hold = nil
	d.keys("p", "k", "enter") // and back to plan 0
	for len(d.held) > 0 {
		d.release(d.held[0].key.plan)
	}
	d.shows(0)
	if got := d.m.reader.Section(); got != sec || d.m.reader.top == 0 {
		t.Fatalf("plan 0 reopened in section %v at line %d, want %s", got, d.m.reader.top, sec.Path)
	}
}

// A table's lines are drawn when shown, not when the plan is laid out (a
// plan of 200,000 table rows opens in under a second: BenchmarkFirstFrame),
// and drawn alone they are the table as render draws it whole: for every
// table of the seeds and of a 专栏 holding one, at three widths and every
// scroll stop.
func TestTableLinesDrawnWhenShown(t *testing.T) {
	plans, _ := loader.LoadFS(seeds.FS())
	boxPlan, err := loader.Parse("box-table.txt", strings.NewReader("某县民政事业发展规划\n\n第一章 重点工程\n\n"+
		"专栏1 养老服务设施建设工程\n序号\t项目名称\t建设内容\n1\t县养老院\t新建床位200张\n2\t乡镇敬老院\t改造提升10所\n"))
	if err != nil {
		t.Fatal(err)
	}
	plans = append(plans, boxPlan)
	st := DefaultStyles()
	boxed := 0
	for _, p := range plans {
		for _, w := range []int{40, 79, 119} {
			d := buildDoc(p, w, st)
			for ti := range d.tables {
				dt := &d.tables[ti]
				if dt.left != "" {
					boxed++
				}
				for _, off := range dt.layout.Stops() {
					want := dt.layout.Lines(off)
					for j := dt.start; j < dt.end; j++ {
						got := dt.lineAt(j-dt.start, off)
						exp := want[j-dt.start]
						if dt.left != "" || dt.right != "" {
							exp = dt.left + render.Fit(exp, dt.inner) + dt.right
						}
						if got != exp {
							t.Fatalf("%s width %d table %d offset %d line %d:\n got %q\nwant %q", p.ID, w, ti, off, j-dt.start, got, exp)
						}
						if off == 0 && d.lineText(j) != exp {
							t.Fatalf("%s width %d table %d line %d: lineText %q, want %q", p.ID, w, ti, j-dt.start, d.lineText(j), exp)
						}
					}
				}
			}
		}
	}
	if boxed == 0 {
		t.Error("no table sits in a 专栏 box: the boxed case went untested")
	}

	// 20,000 rows: the doc holds no drawn table line, so its size does
	// not grow with the width of the rows.
	var b strings.Builder
	b.WriteString("某县民政事业发展规划\n\n第一章 主要指标\n\n表1 主要指标\n序号\t指标\t2020年\t2025年目标值\t属性\n")
	for i := 1; i <= 20000; i++ {
		fmt.Fprintf(&b, "%d\t养老指标第%d项（%%）\t%d\t≥%d\t约束性\n", i, i, i%100, i%97)
	}
	big, err := loader.Parse("rows.txt", strings.NewReader(b.String()))
	if err != nil {
		t.Fatal(err)
	}
	d := buildDoc(big, 119, st)
	if len(d.tables) != 1 || d.tables[0].end-d.tables[0].start < 20000 {
		t.Fatalf("the table was not laid out: %d tables", len(d.tables))
	}
	for i := d.tables[0].start; i < d.tables[0].end; i++ {
		if d.lines[i].text != "" || d.lines[i].styled != "" {
			t.Fatalf("line %d of the table was drawn when laid out: %q", i, d.lines[i].text)
		}
	}
	if got := d.lineText(d.tables[0].start + d.tables[0].layout.RowLine(1)); !strings.Contains(got, "养老指标第1项") {
		t.Errorf("the first row drawn when shown: %q", got)
	}
}
