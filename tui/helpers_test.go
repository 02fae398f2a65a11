package tui

import (
	"fmt"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	goldenfile "planview/internal/golden"
	"planview/model"
	"planview/render"
)

// newTestModel makes a model with colours off (golden files are plain text).
func newTestModel(plans []*model.Plan) *Model {
	lipgloss.SetColorProfile(termenv.Ascii)
	return New(plans)
}

// harness drives a Model without a terminal: every command is run at once
// and its messages fed back, the way the Bubble Tea loop would.
type harness struct {
	t    testing.TB
	m    *Model
	quit bool
}

func newHarness(t testing.TB, plans []*model.Plan, w, h int) *harness {
	t.Helper()
	hs := &harness{t: t, m: newTestModel(plans)}
	hs.send(tea.WindowSizeMsg{Width: w, Height: h})
	return hs
}

func (hs *harness) send(msgs ...tea.Msg) *harness {
	queue := append([]tea.Msg{}, msgs...)
	for len(queue) > 0 {
		msg := queue[0]
		queue = queue[1:]
		_, cmd := hs.m.Update(msg)
		queue = append(queue, hs.exec(cmd)...)
	}
	return hs
}

func (hs *harness) exec(cmd tea.Cmd) []tea.Msg {
	var out []tea.Msg
	for _, msg := range runCmd(cmd) {
		if _, ok := msg.(tea.QuitMsg); ok {
			hs.quit = true
			continue
		}
		out = append(out, msg)
	}
	return out
}

// runCmd runs cmd, and the commands of a batch, and returns their messages.
func runCmd(cmd tea.Cmd) []tea.Msg {
	if cmd == nil {
		return nil
	}
	switch msg := cmd().(type) {
	case nil:
		return nil
	case tea.BatchMsg:
		var out []tea.Msg
		for _, c := range msg {
			out = append(out, runCmd(c)...)
		}
		return out
	default:
		return []tea.Msg{msg}
	}
}

// keys sends key presses named as bubbletea prints them: "j", "enter",
// "tab", "shift+tab", "down", "backspace", "ctrl+o", " ", "esc", "?"…
func (hs *harness) keys(names ...string) *harness {
	for _, n := range names {
		hs.send(keyMsg(n))
	}
	return hs
}

func keyMsg(n string) tea.KeyMsg {
	special := map[string]tea.KeyType{
		"enter": tea.KeyEnter, "tab": tea.KeyTab, "shift+tab": tea.KeyShiftTab,
		"up": tea.KeyUp, "down": tea.KeyDown, "left": tea.KeyLeft, "right": tea.KeyRight,
		"pgup": tea.KeyPgUp, "pgdown": tea.KeyPgDown, "home": tea.KeyHome, "end": tea.KeyEnd,
		"backspace": tea.KeyBackspace, "ctrl+o": tea.KeyCtrlO, "ctrl+c": tea.KeyCtrlC,
		"esc": tea.KeyEsc, " ": tea.KeySpace,
	}
	if t, ok := special[n]; ok {
		return tea.KeyMsg{Type: t}
	}
	return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(n)}
}

func (hs *harness) view() string { return hs.m.View() }

// plain is the view with escape sequences stripped.
func plain(s string) string { return stripANSI(s) }

// checkWidths fails if any line of the view is wider than w or there are
// more than h lines.
func checkWidths(t testing.TB, view string, w, h int) {
	t.Helper()
	lines := strings.Split(plain(view), "\n")
	if len(lines) > h {
		t.Errorf("view has %d lines, terminal has %d", len(lines), h)
	}
	for i, l := range lines {
		if render.Width(l) > w {
			t.Errorf("line %d is %d cells wide (> %d): %q", i, render.Width(l), w, l)
		}
	}
}

var trailing = regexp.MustCompile(`[ \t]+\n`)

// golden compares got with testdata/name.golden (-update rewrites it).
func golden(t *testing.T, name, got string) {
	t.Helper()
	got = trailing.ReplaceAllString(got+"\n", "\n")
	goldenfile.Check(t, filepath.Join("testdata", name+".golden"), got)
}

// testPlans are hand-built plans covering every kind of block.
func testPlans() []*model.Plan {
	para := func(line int, s string) model.Block {
		return model.Block{Kind: model.Paragraph, Text: s, Line: line, Spans: []model.Span{{Off: 0, Line: line}}}
	}
	item := func(line int, s string) model.Block {
		return model.Block{Kind: model.ListItem, Text: s, Line: line}
	}
	cell := func(s ...string) model.Cell { return model.Cell{Lines: s} }
	row := func(cells ...model.Cell) model.Row { return model.Row{Cells: cells} }
	wide := &model.Table{
		Caption: "表2 “十四五”时期民政事业发展主要指标",
		Header:  []model.Row{row(cell("类别"), cell("序号"), cell("指标名称"), cell("2020年"), cell("2021年"), cell("2022年"), cell("2023年"), cell("2025年"), cell("属性"), cell("备注说明"))},
		Rows: []model.Row{
			row(cell("社会救助"), cell("1"), cell("城市低保标准（元/人·月）"), cell("620"), cell("650"), cell("680"), cell("710"), cell("≥750"), cell("预期性"), cell("按年度动态调整，逐步提高")),
			row(cell("养老服务"), cell("2"), cell("每千名老年人拥有养老床位数（张）"), cell("37.22"), cell("37.80"), cell("38.50"), cell("39.10"), cell("40"), cell("约束性"), cell("含社区养老服务设施床位")),
			row(cell("", ""), cell("3"), cell("养老机构护理型床位占比（%）"), cell("35"), cell("40"), cell("45"), cell("50"), cell("≥55", "以上"), cell("约束性"), cell()),
			row(cell("儿童福利"), cell("4"), cell("孤儿基本生活保障标准（元/人·月）"), cell("1000"), cell("1050"), cell("1100"), cell("1150"), cell("1200"), cell("预期性"), cell("集中供养")),
		},
		Notes: []string{"注：带“≥”的指标为下限值。"},
	}
	small := &model.Table{
		Header: []model.Row{row(cell("项目"), cell("数量"))},
		Rows:   []model.Row{row(cell("社区"), cell("315")), row(cell("村"), cell("2455"))},
	}
	box := model.Block{Kind: model.BoxBlock, Text: "专栏1 养老服务重点工程", Line: 60, Children: []model.Block{
		item(61, "1. 特困人员供养服务设施（敬老院）改造提升工程：到2025年，每个县至少建有1所县级特困人员供养服务机构。"),
		item(62, "2. 居家社区养老服务网络建设工程。"),
	}}
	s := func(path string, level int, kind model.HeadingKind, num, title string, line int, blocks ...model.Block) *model.Section {
		return &model.Section{Path: path, Level: level, Kind: kind, Number: num, Title: title, Line: line, Blocks: blocks}
	}
	ch1 := s("1", 1, model.KindChapter, "第一章", "发展基础", 10,
		para(11, "“十三五”时期，全市民政系统坚持以人民为中心的发展思想，聚焦脱贫攻坚、聚焦特殊群体、聚焦群众关切，圆满完成各项目标任务。每千名老人拥有养老床位数37.22张，养老补贴覆盖率达到100%。"))
	s11 := s("1.1", 2, model.KindSection, "第一节", "主要成就", 12,
		para(13, "社会救助体系更加完善。城乡低保平均标准分别从2016年的420元/月、220元/月提升至522元/月、357元/月（English words stay whole: community-based care）。"),
		item(14, "（一）兜底保障任务圆满完成。"),
		item(15, "（二）养老服务体系加快建设。"))
	s12 := s("1.2", 2, model.KindSection, "第二节", "主要指标", 20,
		para(21, "主要指标见下表。"),
		model.Block{Kind: model.TableBlock, Line: 22, Table: wide},
		para(30, "表后的段落，说明指标的来源与口径。"))
	ch1.Children = []*model.Section{s11, s12}
	s11.Parent, s12.Parent = ch1, ch1
	ch2 := s("2", 1, model.KindChapter, "第二章", "完善养老服务体系", 40)
	s21 := s("2.1", 2, model.KindSection, "第一节", "居家社区养老", 41,
		para(42, "健全居家社区养老服务网络，推进街道综合养老服务中心建设。"),
		model.Block{Kind: model.TableBlock, Line: 43, Table: small}, box)
	s22 := s("2.2", 2, model.KindSection, "第二节", "机构养老", 70,
		para(71, "提升公办养老机构服务能力，到2025年护理型床位占比达到55%以上。"))
	ch2.Children = []*model.Section{s21, s22}
	s21.Parent, s22.Parent = ch2, ch2
	// Enough text to scroll.
	var more []model.Block
	for i := 0; i < 12; i++ {
		more = append(more, para(80+i, strings.Repeat("加强民政领域基础设施建设，提升服务能力和水平。", 3)))
	}
	ch3 := s("3", 1, model.KindChapter, "第三章", "保障措施", 79, more...)
	a := &model.Plan{
		ID: "tianmen", Title: "天门市民政事业发展“十四五”规划", Region: "天门市", Source: "tianmen.txt",
		Preamble: []model.Block{para(1, "为加快推进民政事业高质量发展，制定本规划。")},
		Sections: []*model.Section{ch1, ch2, ch3},
	}
	b := &model.Plan{
		ID: "tongdao", Title: "通道侗族自治县“十四五”民政事业发展规划", Region: "通道侗族自治县", Source: "tongdao.txt",
		Sections: []*model.Section{s("1", 1, model.KindChapter, "第一章", "总体要求", 5, para(6, "坚持党的全面领导。"))},
	}
	return []*model.Plan{a, b}
}

// viewState is a state of a full-screen view for viewGoldens: its name
// and the keys that reach it.
type viewState struct {
	name string
	keys []string
}

// viewGoldens checks each state at 80×24 and 200×50 against its golden
// file, the view fitting the terminal.
func viewGoldens(t *testing.T, newHarness func(testing.TB, int, int) *harness, states []viewState) {
	t.Helper()
	for _, size := range [][2]int{{80, 24}, {200, 50}} {
		for _, st := range states {
			name := fmt.Sprintf("%s-%dx%d", st.name, size[0], size[1])
			t.Run(name, func(t *testing.T) {
				hs := newHarness(t, size[0], size[1])
				hs.keys(st.keys...)
				v := hs.view()
				checkWidths(t, v, size[0], size[1])
				golden(t, name, plain(v))
			})
		}
	}
}
