package loader

// The outline stage: which numbered lines are headings (classify,
// promoteLists, headingTail), and the tree they make (outline). The rule
// table (rules.go) asks classify about every numbered line its heading rule
// sees; build puts the units in the tree.
//
// Heading styles, largest first: 第X部分/第X篇, 第X章, 第X节/節 (Chinese or
// Arabic numerals), 一、, （一）/(一), 1./1、/1．, （1）/(1) (parseNumber).
//
// Heading or list item (for 一、 （一） 1. （1）; 第X章/节/部分 lines are
// always headings unless they run on as body text):
//   - a line with no full stop (。！？；) is a heading if its text is at most
//     maxTitle characters and ends in no pause mark (，、；); "1、面临的机遇："
//     is a heading titled 面临的机遇;
//   - a line that is one sentence ending in 。 is a heading if that sentence
//     is at most maxStopTitle characters ("（一）不断夯实基本民生保障基础。"),
//     else a list item;
//   - a line whose first sentence ends in 。/！/？ and goes on is a run-in
//     heading if that first sentence is at most maxRunInTitle characters:
//     the title is the text up to the first 。, the rest is a paragraph in
//     that section ("(二)××市殡葬基础设施建设项目。项目…", "一、优化殡葬服务
//     供给格局。坚持…");
//   - anything else — a first clause ending in ；, a long first sentence, an
//     item ending in ；/，/、 — is a list item ("（1）完成198个…提档升级；");
//   - except that a list item of several sentences next to a heading of its
//     own style counting on from it or up to it ("(一)<long sentence>。…"
//     before "(二)…。…"; "四、<long sentence>。…" after "三、…") is a heading
//     too, titled by its first clause (up to the first ，/。) when that is at
//     most maxRunInTitle characters — the title's full stop was lost
//     (promoteLists);
//   - inside a 专栏 box every numbered line is a list item (build);
//   - a line ending in a page number after a tab, leader dots or wide space
//     is a table-of-contents entry, never a heading (isTOCLine);
//   - a heading's title may go on on the next line when that line is short
//     and unpunctuated (headingTail).
//
// Depth: a heading closes every open heading of its own style or a smaller
// one, and nests under the nearest larger one that is open, so a plan that
// skips levels (一、 at the top with （一） under it) nests by the styles it
// actually uses. Repairs for headings lost or mistyped in conversion:
//   - a heading numbered n right after a sibling numbered n-1 in the other
//     numeral style of its family ("1、…" then "二、…") is on that sibling's
//     level;
//   - a first child numbered n>1 in the other numeral style of its parent's
//     family (一、 vs 4、, （三） vs (4)) continuing the parent's count (n is
//     one or two more) is a mistyped sibling of the parent ("三、…" "4、 工作任务");
//   - numbering that restarts at 1 under the same parent (a 第一节 after
//     第十节, 一、 after 二、) means the parent heading of the new run was
//     lost: the run goes under a new Synthetic, untitled parent beside the
//     old one;
//   - a heading numbered n>1 whose parent so far holds only smaller-style
//     sections (第一节…第四节, then 第二章) means the first such heading was
//     lost: those sections go under a Synthetic parent before it.

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"planview/loader/internal/bytescan"
	"planview/model"
)

// sentenceEnd finds the first full stop in s: its byte offset and width, or -1.
func sentenceEnd(s string) (int, int) {
	// Byte by byte: none of the ASCII stops occurs inside a multi-byte
	// character, and each full-width one is found by its lead byte.
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case ';', '!', '?':
			return i, 1
		case 0xE3: // 。 U+3002
			if strings.HasPrefix(s[i:], "。") {
				return i, len("。")
			}
		case 0xEF: // ！ U+FF01, ？ U+FF1F, ； U+FF1B
			if i+2 < len(s) && s[i+1] == 0xBC && (s[i+2] == 0x81 || s[i+2] == 0x9F || s[i+2] == 0x9B) {
				return i, 3
			}
		}
	}
	return -1, 0
}

// trimTitle drops a heading title's closing punctuation.
func trimTitle(s string) string {
	return strings.TrimRightFunc(trimSpace(s), func(r rune) bool {
		switch r {
		case '。', '：', ':', '.', '．':
			return true
		}
		return isSpaceRune(r)
	})
}

// classify decides what a numbered line is. It returns isHeading; for a
// heading the title and the byte offset in line where a run-in body starts
// (-1 for none).
func classify(line string, m headingMatch) (isHeading bool, title string, bodyOff int) {
	rest := m.rest
	if rest == "" {
		return true, "", -1
	}
	i, w := sentenceEnd(rest)
	if i < 0 || strings.TrimFunc(rest[i+w:], isSpaceRune) == "" {
		// One line, one sentence at most.
		lead := trimTitle(rest)
		if i >= 0 {
			if rest[i:i+w] != "。" || bytescan.RuneLen(lead) > maxStopTitle {
				return false, "", -1
			}
		}
		r, _ := utf8.DecodeLastRuneInString(lead)
		switch r {
		case '，', '、', ',', '；', ';':
			return false, "", -1
		}
		if bytescan.RuneLen(lead) > maxTitle {
			return false, "", -1
		}
		return true, lead, -1
	}
	if rest[i:i+w] == "；" || rest[i:i+w] == ";" {
		return false, "", -1
	}
	lead := trimTitle(rest[:i])
	if bytescan.RuneLen(lead) > maxRunInTitle || lead == "" {
		return false, "", -1
	}
	return true, lead, m.restAt + i + w + (skipSpaces(rest[i+w:], 0))
}

// headingTail reports whether t, right under a heading titled title with
// no run-in body (after blanks blank lines), is the rest of its title: a
// heading broken over two lines ("第1节 巩固拓展脱贫攻坚兜底保障成果同乡村振兴"
// then "有效衔接"), a short tail with no punctuation right under a title
// that ends in none, the whole no longer than a whole-line heading.
func headingTail(title, t string, blanks int) bool {
	// A character takes at most four bytes: a longer line need not be
	// counted.
	return blanks == 0 && len(t) <= utf8.UTFMax*headingTailMaxRunes && bytescan.RuneLen(t) <= headingTailMaxRunes && !hasClausePunct(t) &&
		!endsSentence(title) && bytescan.RuneLen(title)+bytescan.RuneLen(t) <= maxTitle
}

// rankOf orders heading styles; larger styles have smaller ranks. Synthetic
// parents take the rank of the heading they stand for.
func rankOf(k model.HeadingKind) int { return int(k) * 10 }

// levelRanks are the ranks of the heading levels a document marks (index:
// the level, 1 to markdownMaxHashes), learnt from its marked headings that
// have numbers; 0 where none has.
type levelRanks [markdownMaxHashes + 1]int

// markedLevels learns the ranks of the marked levels: the style of the
// first numbered heading marked at each ("# 第一章 …" makes level 1 the
// chapters').
func markedLevels(us []*unit) levelRanks {
	var lr levelRanks
	for _, u := range us {
		if u.kind == uHeading && u.level > 0 && int(u.level) < len(lr) && u.hkind > model.KindNone && lr[u.level] == 0 {
			lr[u.level] = rankOf(u.hkind)
		}
	}
	return lr
}

// rank is the rank of heading unit u: its numbering style's, or for a
// marked heading with no number the rank of its level — that of the
// numbered headings marked at the same level; else just under the nearest
// shallower level that has one, or just above the nearest deeper one;
// else, in a document whose marked headings have no numbers at all, the
// level itself, above every numbering style ("# 总体要求" holds the
// "一、" lines under it).
func (lr *levelRanks) rank(u *unit) int {
	l := int(u.level)
	if u.hkind > model.KindNone || l == 0 || l >= len(lr) {
		return rankOf(u.hkind)
	}
	if lr[l] != 0 {
		return lr[l]
	}
	lo, hi := 0, 0
	for k := l - 1; k >= 1 && lo == 0; k-- {
		if lr[k] != 0 {
			lo = k
		}
	}
	for k := l + 1; k < len(lr) && hi == 0; k++ {
		if lr[k] != 0 {
			hi = k
		}
	}
	switch {
	case lo != 0:
		return lr[lo] + l - lo // ranks of styles are 10 apart: room for the levels between
	case hi != 0:
		return max(lr[hi]-(hi-l), 1)
	}
	return l
}

// family groups numeral styles that a typist confuses: 一、 with 4、, （三）
// with (4).
func family(k model.HeadingKind) int {
	switch k {
	case model.KindCNEnum, model.KindArabicEnum:
		return 1
	case model.KindCNParen, model.KindArabicParen:
		return 2
	}
	return 0
}

// outline assembles sections and blocks.
type outline struct {
	plan  *model.Plan
	stack []*node
	root  node
	secs  []model.Section // storage for the sections, sized by the caller's count
	nodes *slab[node]     // storage for the nodes
	count int             // nodes made
}

// node is an open or closed section with its numbering facts.
type node struct {
	sec      *model.Section
	rank     int
	value    int
	children []*node
	parent   *node
}

// newOutline starts the outline of p, which is expected to have about
// headings sections (their storage is one allocation; more can be added).
func newOutline(p *model.Plan, headings int, nodes *slab[node]) *outline {
	o := &outline{plan: p, secs: make([]model.Section, 0, headings), nodes: nodes}
	o.root.rank = -1
	return o
}

// newNode returns a new node for a new section s.
func (o *outline) newNode(s model.Section, rank, value int, parent *node) *node {
	if len(o.secs) == cap(o.secs) {
		o.secs = make([]model.Section, 0, 8)
	}
	o.secs = append(o.secs, s)
	o.count++
	return o.nodes.new(node{sec: &o.secs[len(o.secs)-1], rank: rank, value: value, parent: parent})
}

// top returns the innermost open node, or the root.
func (o *outline) top() *node {
	if len(o.stack) == 0 {
		return &o.root
	}
	return o.stack[len(o.stack)-1]
}

// deepestRank is the rank of the innermost open heading, -1 when none.
func (o *outline) deepestRank() int { return o.top().rank }

// addBlock puts a block under the innermost open heading.
func (o *outline) addBlock(b model.Block) {
	t := o.top()
	if t.sec == nil {
		o.plan.Preamble = appendBlock(o.plan.Preamble, b)
		return
	}
	t.sec.Blocks = appendBlock(t.sec.Blocks, b)
}

// appendBlock appends b to blocks. Blocks that outgrow the room reserved
// for them in the plan's shared slice move out, and their old slots are
// cleared: a stale copy there would keep the file's text alive (see
// compactText).
func appendBlock(blocks []model.Block, b model.Block) []model.Block {
	if len(blocks) > 0 && len(blocks) == cap(blocks) {
		grown := make([]model.Block, len(blocks), 2*len(blocks)+1)
		copy(grown, blocks)
		clear(blocks)
		blocks = grown
	}
	return append(blocks, b)
}

// landing returns the node a heading of the given rank nests under.
func (o *outline) landing(rank int) *node {
	for i := len(o.stack) - 1; i >= 0; i-- {
		if o.stack[i].rank < rank {
			return o.stack[i]
		}
	}
	return &o.root
}

func (n *node) lastChild() *node {
	if len(n.children) == 0 {
		return nil
	}
	return n.children[len(n.children)-1]
}

func (n *node) lastChildOfRank(rank int) *node {
	for i := len(n.children) - 1; i >= 0; i-- {
		if n.children[i].rank == rank {
			return n.children[i]
		}
	}
	return nil
}

func (o *outline) synthetic(rank int, parent *node) *node {
	s := o.newNode(model.Section{Kind: model.KindNone, Synthetic: true}, rank, 0, parent)
	parent.children = append(parent.children, s)
	return s
}

// addHeading opens a section of the given rank (rankOf(kind), or
// levelRanks.rank for a marked heading with no number).
func (o *outline) addHeading(kind model.HeadingKind, number string, value int, title string, line, rank int) *model.Section {
	p := o.landing(rank)
	// A mistyped numeral continuing the parent's count: a sibling of it.
	if p.sec != nil && p.lastChildOfRank(rank) == nil && value > p.value && value <= p.value+2 &&
		family(kind) != 0 && family(kind) == family(p.sec.Kind) && p.sec.Kind != kind && p.rank < rank {
		rank = p.rank
		p = p.parent
	}
	o.rebuildStack(p)
	if c := p.lastChild(); c != nil && c.rank > rank && c.value == value-1 &&
		family(kind) != 0 && family(c.sec.Kind) == family(kind) {
		// A count continued in the other numeral style ("1、…" "二、…"):
		// one level, at the larger style's rank.
		for _, x := range p.children {
			if x.rank == c.rank {
				x.rank = rank
			}
		}
	}
	prev := p.lastChildOfRank(rank)
	switch {
	case value == 1 && prev != nil && prev.value >= 2:
		// Numbering restarts: the new run's parent heading was lost.
		if p == &o.root {
			// Wrap the top-level run so far, then start another.
			old := o.root.children
			o.root.children = nil
			w := o.synthetic(rank-5, &o.root)
			for _, c := range old {
				c.parent = w
			}
			w.children = old
			p = o.synthetic(rank-5, &o.root)
		} else {
			p = o.synthetic(p.rank, p.parent)
		}
		o.rebuildStack(p)
	case value > 1 && prev == nil && len(p.children) > 0 && allDeeper(p.children, rank):
		// The first heading of this style was lost: its sections so far go
		// under a synthetic parent standing for it.
		old := p.children
		p.children = nil
		w := o.synthetic(rank, p)
		for _, c := range old {
			c.parent = w
		}
		w.children = old
	}
	n := o.newNode(model.Section{Kind: kind, Number: number, Title: title, Line: line}, rank, value, p)
	p.children = append(p.children, n)
	o.stack = append(o.stack, n)
	return n.sec
}

func allDeeper(ns []*node, rank int) bool {
	for _, c := range ns {
		if c.rank <= rank {
			return false
		}
	}
	return true
}

// rebuildStack makes the open stack the path from the root to n.
func (o *outline) rebuildStack(n *node) {
	o.stack = o.stack[:0]
	for p := n; p != nil && p != &o.root; p = p.parent {
		o.stack = append(o.stack, p)
	}
	for i, j := 0, len(o.stack)-1; i < j; i, j = i+1, j-1 {
		o.stack[i], o.stack[j] = o.stack[j], o.stack[i]
	}
}

// finish links the tree into the plan with paths, levels and parents.
func (o *outline) finish() {
	// Every list of children is a piece of one slice.
	all := make([]*model.Section, 0, o.count)
	var walk func(ns []*node, parent *model.Section, path string, level int) []*model.Section
	walk = func(ns []*node, parent *model.Section, path string, level int) []*model.Section {
		if len(ns) == 0 {
			return nil
		}
		start := len(all)
		all = all[:start+len(ns)]
		out := all[start : start : start+len(ns)]
		for i, n := range ns {
			s := n.sec
			s.Parent = parent
			s.Level = level
			s.Path = strconv.Itoa(i + 1)
			if path != "" {
				s.Path = path + "." + s.Path
			}
			s.Children = walk(n.children, s, s.Path, level+1)
			out = append(out, s)
		}
		return out
	}
	o.plan.Sections = walk(o.root.children, nil, "", 1)
	if o.plan.Sections == nil {
		o.plan.Sections = []*model.Section{} // "sections": [] in JSON
	}
}

// promoteLists turns into headings the list items of more than one sentence
// that are next, under the same heading, to a heading of their own numbering
// style counting on from them or up to them (see the rule at the top of this
// file).
func promoteLists(us []*unit) {
	// last[k] is the latest heading or list unit of style k since the last
	// heading of a larger style.
	var last [8]*unit
	for _, u := range us {
		if u.kind != uHeading && u.kind != uList {
			continue
		}
		k := u.hkind
		if k <= model.KindNone || int(k) >= len(last) {
			continue
		}
		if u.kind == uHeading {
			for j := int(k) + 1; j < len(last); j++ {
				last[j] = nil
			}
		}
		prev := last[k]
		last[k] = u
		if prev == nil {
			continue
		}
		switch {
		case prev.kind == uList && u.kind == uHeading && u.value == prev.value+1 && severalSentences(prev):
			promote(prev)
		case prev.kind == uHeading && u.kind == uList && u.value == prev.value+1 && severalSentences(u):
			promote(u)
		case prev.kind == uList && u.kind == uHeading && u.value == prev.value+1 && endsWithStop(u):
			// The short last item of a list (１．…。 ２．…。 ３．…。):
			// one sentence counting on from a list item is an item too.
			u.kind, u.title, u.bodyOff = uList, "", -1
		}
	}
}

// severalSentences reports a unit whose first line goes on after its first
// full stop.
func severalSentences(u *unit) bool {
	t := u.pieces[0].text
	i, w := sentenceEnd(t)
	return i >= 0 && strings.TrimFunc(t[i+w:], isSpaceRune) != ""
}

// endsWithStop reports a one-line unit whose text is one sentence ending
// in a full stop, with nothing after it.
func endsWithStop(u *unit) bool {
	if len(u.pieces) != 1 || u.bodyOff >= 0 {
		return false
	}
	t := trimSpaceRight(u.pieces[0].text)
	return strings.HasSuffix(t, "。") && !severalSentences(u)
}

// promote makes list item u a heading titled by its first clause.
func promote(u *unit) {
	t := u.pieces[0].text
	m, ok := parseNumber(t)
	if !ok {
		return
	}
	for i, r := range m.rest {
		switch r {
		case '，', ',', '。', '；', ';', '：', ':':
			title := trimTitle(m.rest[:i])
			if title == "" || bytescan.RuneLen(title) > maxRunInTitle {
				return
			}
			u.kind, u.title = uHeading, title
			u.bodyOff = m.restAt + i + utf8.RuneLen(r)
			u.bodyOff += skipSpaces(t[u.bodyOff:], 0)
			if u.bodyOff >= len(t) {
				u.bodyOff = -1
			}
			return
		}
	}
}
