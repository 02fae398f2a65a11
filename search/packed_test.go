package search

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"planview/loader"
	"planview/model"
	"planview/seeds"
)

// foldOutputs returns every rune the fold can emit: the fold of every BMP
// rune, the runes of every multi-rune or beyond-BMP fold, and a sample
// beyond the BMP (which folds mostly to itself).
func foldOutputs() []rune {
	initFold()
	set := map[rune]bool{}
	for _, v := range foldTab {
		if v != tabDrop && v != tabSlow {
			set[rune(v)] = true
		}
	}
	for _, s := range foldSlow {
		for _, r := range s {
			set[r] = true
		}
	}
	for r := rune(0x10000); r <= utf8.MaxRune; r += 0x3F1 {
		for _, f := range Fold(string(r)) {
			set[f] = true
		}
	}
	set[utf8.MaxRune] = true
	out := make([]rune, 0, len(set))
	for r := range set {
		out = append(out, r)
	}
	slices.Sort(out)
	return out
}

// Every rune the fold can emit packs to one form of its own, which decodes
// back to it, whose first byte tells its packed and UTF-8 lengths, and
// which is never the separator.
func TestPackRoundTrip(t *testing.T) {
	seen := map[string]rune{}
	runes := foldOutputs()
	if len(runes) < 20000 {
		t.Fatalf("only %d fold outputs", len(runes))
	}
	for _, r := range runes {
		p := appendPackedRune(nil, r)
		if p[0] == 0 {
			t.Fatalf("%U packs to %x, starting with the separator", r, p)
		}
		if got, n := unpackRune(p); got != r || n != len(p) {
			t.Fatalf("%U packs to %x, which unpacks to %U (%d bytes)", r, p, got, n)
		}
		if l := packedLen[p[0]]; int(l&15) != len(p) || int(l>>4) != utf8.RuneLen(r) {
			t.Fatalf("%U packs to %x: packedLen says %d bytes, %d in UTF-8", r, p, l&15, l>>4)
		}
		if o, dup := seen[string(p)]; dup {
			t.Fatalf("%U and %U both pack to %x", o, r, p)
		}
		seen[string(p)] = r
		if len(p) > utf8.RuneLen(r) && r >= 0x800 {
			t.Errorf("%U packs to %d bytes, more than UTF-8", r, len(p))
		}
	}
	// The frequent runes take one byte, CJK two.
	for _, r := range frequent {
		if p := appendPackedRune(nil, r); len(p) != 1 {
			t.Errorf("frequent %c packs to %x", r, p)
		}
	}
	for r := rune(0x4E00); r <= 0x9FFF; r++ {
		if p := appendPackedRune(nil, r); len(p) != 2 && !strings.ContainsRune(frequent, r) {
			t.Fatalf("%c packs to %x", r, p)
		}
	}
}

// appendPacked is Fold, packed: on every rune (alone and between others),
// on random plan text and on invalid UTF-8, and it counts the fold's UTF-8
// length.
func TestAppendPacked(t *testing.T) {
	check := func(s string) {
		t.Helper()
		want := Fold(s)
		var ref []byte
		for _, r := range want {
			ref = appendPackedRune(ref, r)
		}
		got, n8 := appendPacked([]byte("p"), s)
		if string(got[1:]) != string(ref) || n8 != len(want) || got[0] != 'p' {
			t.Fatalf("appendPacked(%q) = %x (%d UTF-8 bytes), want %x (%d)", s, got[1:], n8, ref, len(want))
		}
		if u := string(unpack(got[1:])); u != want {
			t.Fatalf("unpack(appendPacked(%q)) = %q, want %q", s, u, want)
		}
	}
	for r := rune(0); r <= utf8.MaxRune; r++ {
		if r >= 0x10000 && r&0xFF != 0 {
			if _, ok := foldSlow[r]; !ok {
				continue
			}
		}
		check("a" + string(r) + "養，")
	}
	rng := rand.New(rand.NewPCG(5, 6))
	for range 2000 {
		check(randomPlanText(rng, rng.IntN(50)))
	}
	for _, s := range []string{"\xed\xa0\x80x", "\xe5\xba", "x\xe5", "\xe0\x80\x80y", "\xff养", "ＡＢ\xe5\xba\x8a", "\ufdfa"} {
		check(s)
	}
}

// adversarial builds text whose packed bytes hold q's packed bytes at
// offsets that are not character boundaries: q = c1 c2 with c1 = [L1 T1]
// and c2 = [L2 T2]; the text has a character ending in L1 and one made of
// [T1 L2] followed by a character starting with T2. It returns "" when q
// does not allow it.
func adversarial(q string) string {
	p := pack(q)
	rs := []rune(q)
	if len(rs) != 2 || len(p) != 4 || p[1] < leadPage || p[1] >= leadEsc2 {
		return ""
	}
	a := rune(-1) // a CJK character ending in L1
	for _, pg := range pages {
		if r := rune(pg)<<8 | rune(p[0]); pg >= 0x4E && Fold(string(r)) == string(r) && len(pack(string(r))) == 2 {
			a = r
			break
		}
	}
	b := rune(pages[p[1]-leadPage])<<8 | rune(p[2])
	var tail []byte
	for r := range rune(0x10000) { // a character whose packed form starts with T2
		if s := string(r); Fold(s) == s && !strings.ContainsRune(q, r) {
			if pr := pack(s); pr[0] == p[3] {
				tail = pr
				break
			}
		}
	}
	if a < 0 || tail == nil || Fold(string(b)) != string(b) || len(pack(string(b))) != 2 {
		return ""
	}
	text := string(a) + string(b)
	r, _ := unpackRune(tail)
	text += string(r)
	if tp := pack(text); !strings.Contains(string(tp), string(p)) {
		panic(fmt.Sprintf("adversarial text %q (%x) does not hold %x", text, tp, p))
	}
	return text
}

// adversarialRefine builds text where q's second character c2 stands on a
// boundary and q's packed bytes end there too, but start off a boundary:
// q = c1 c2 with c1 = [L1 T1], T1 a character of one byte; the text has a
// character ending in L1, then T1, then c2. Refining c2 → q must not
// report it. It returns "" when q does not allow it.
func adversarialRefine(q string) string {
	p := pack(q)
	rs := []rune(q)
	if len(rs) != 2 || len(p) != 4 || packedLen[p[1]]&15 != 1 {
		return ""
	}
	t1, _ := unpackRune(p[1:2])
	if Fold(string(t1)) != string(t1) {
		return ""
	}
	for _, pg := range pages {
		if a := rune(pg)<<8 | rune(p[0]); pg >= 0x4E && Fold(string(a)) == string(a) && len(pack(string(a))) == 2 {
			return string(a) + string(t1) + string(rs[1])
		}
	}
	return ""
}

// naive lists every match of q, overlapping ones too, in UTF-8 folded text.
func naive(folded, q string) []int32 {
	var out []int32
	for i := 0; ; {
		j := strings.Index(folded[i:], q)
		if j < 0 {
			return out
		}
		out = append(out, int32(i+j))
		i += j + 1
	}
}

// reference folds plan i's units into UTF-8 on its own (Fold of each
// unit's text, a zero byte between two).
func reference(ix *Index, i int) string {
	p := ix.plans[i]
	p.ensure()
	var parts []string
	for u := range p.units {
		f := p.fields(u)
		text, _ := p.text(u, &f)
		parts = append(parts, Fold(text))
	}
	return strings.Join(parts, "\x00")
}

// Searching the packed text finds exactly what a naive search of the UTF-8
// folded text finds, for many queries on the seed plans: substrings of the
// text of 1 to 8 runes, whole phrases, ASCII and digits, and queries whose
// packed bytes occur in the text off character boundaries. Warm (filtered)
// and one-shot searches, and Refine, agree.
func TestPackedSearchMatchesNaive(t *testing.T) {
	plans, errs := loader.LoadFS(seeds.FS())
	if len(errs) > 0 {
		t.Fatalf("loading seeds: %v", errs)
	}
	// Add a plan made of adversarial text for a few queries.
	var advQueries []string
	var blocks []model.Block
	arng := rand.New(rand.NewPCG(9, 10))
	for len(advQueries) < 24 {
		q := string([]rune{0x4E00 + arng.Int32N(0x5200), 0x4E00 + arng.Int32N(0x5200)})
		if Fold(q) != q {
			continue
		}
		if text := adversarial(q); text != "" {
			advQueries = append(advQueries, q)
			blocks = append(blocks, model.Block{Kind: model.Paragraph, Text: strings.Repeat(text, 3) + "。" + q, Line: len(blocks) + 1})
		}
		if text := adversarialRefine(q); text != "" {
			advQueries = append(advQueries, q)
			blocks = append(blocks, model.Block{Kind: model.Paragraph, Text: q + strings.Repeat(text, 3), Line: len(blocks) + 1})
		}
	}
	plans = append(plans, &model.Plan{ID: "adversarial", Preamble: blocks})

	warm := New(plans)
	warm.FoldAll()
	refs := make([]string, len(plans))
	for i := range plans {
		refs[i] = reference(warm, i)
		if got := string(warm.foldedOf(i)); got != refs[i] {
			t.Fatalf("%s: packed text unpacks to something else than its units' Fold", plans[i].ID)
		}
	}

	rng := rand.New(rand.NewPCG(7, 8))
	queries := append([]string{"养老床位", "养老", "2025年", "2025", "%", "(一)", "”", "的", "发展", "a"}, advQueries...)
	for len(queries) < 400 {
		ref := refs[rng.IntN(len(refs))]
		rs := []rune(ref)
		if len(rs) < 10 {
			continue
		}
		a := rng.IntN(len(rs) - 9)
		q := string(rs[a : a+1+rng.IntN(8)])
		if !strings.Contains(q, "\x00") {
			queries = append(queries, q)
		}
	}
	for _, q := range queries {
		want := map[int][]int32{}
		total := 0
		for i := range plans {
			if m := naive(refs[i], q); m != nil {
				want[i] = m
				total += len(m)
			}
		}
		once := New(plans)
		for name, ix := range map[string]*Index{"warm": warm, "one-shot": once} {
			r := search(t, ix, q)
			got := map[int][]int32{}
			n := 0
			for _, g := range r.groups {
				got[g.plan] = g.all
				n += len(g.all)
			}
			if n != total || !equalMatches(got, want) {
				t.Errorf("%s search %q: %d matches, naive %d", name, q, n, total)
			}
		}
		if rs := []rune(q); len(rs) > 1 {
			prev := search(t, warm, string(rs[1:]))
			r, err := warm.Refine(context.Background(), prev, q)
			if err != nil {
				t.Fatal(err)
			}
			got := map[int][]int32{}
			for _, g := range r.groups {
				got[g.plan] = g.all
			}
			if !equalMatches(got, want) {
				t.Errorf("refine %q → %q differs from naive", string(rs[1:]), q)
			}
		}
	}
}

func equalMatches(a, b map[int][]int32) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if !slices.Equal(v, b[k]) {
			return false
		}
	}
	return true
}

// Hits at the very start and end of units, in one-character units, next
// to empty units, never across two units; and every hit maps back to the
// original text.
func TestPackedUnitEdges(t *testing.T) {
	texts := []string{"床位", "龙", " ", "位床", "床", "位", "a床位", "床位a", "\n", "床\n位", "龍", "床位床位"}
	var blocks []model.Block
	for i, s := range texts {
		blocks = append(blocks, model.Block{Kind: model.Paragraph, Text: s, Line: i + 1})
	}
	plans := []*model.Plan{{ID: "edges", Preamble: blocks}}
	for _, warmUp := range []bool{false, true} {
		ix := New(plans)
		if warmUp {
			ix.FoldAll()
		}
		for q, lines := range map[string][]int{
			"床位":  {1, 7, 8, 10, 12, 12},
			"位床":  {4, 12},
			"龙":   {2, 11},
			"床":   {1, 4, 5, 7, 8, 10, 12, 12},
			"位a":  {8},
			"a床":  {7},
			"龙位":  nil, // across units
			"床位床": {12},
		} {
			r := search(t, ix, q)
			var got []int
			for _, h := range r.Hits() {
				got = append(got, h.Loc.Line)
				if Fold(h.Match) != Fold(q) || h.Text[h.Start:h.End] != h.Match {
					t.Errorf("%q: hit %q in %q", q, h.Match, h.Text)
				}
			}
			if !slices.Equal(got, lines) {
				t.Errorf("warm %v, %q: hits on lines %v, want %v", warmUp, q, got, lines)
			}
		}
	}
}

// A match at every packed offset across a chunk boundary, both parities,
// in plans where no other chunk holds the phrase's pairs; with 1-byte
// (frequent, ASCII) and 2-byte characters in the query.
func TestPackedChunkBoundaries(t *testing.T) {
	var plans []*model.Plan
	for n := 2030; n < 2060; n++ { // 2-byte filler, and one ASCII byte for odd offsets
		for _, lead := range []string{"", "x"} {
			text := lead + strings.Repeat("龙", n) + "养老床位x的" + strings.Repeat("龙", 2000)
			plans = append(plans, &model.Plan{ID: "p", Preamble: []model.Block{{Kind: model.Paragraph, Text: text, Line: 1}}})
		}
	}
	ix := New(plans)
	ix.FoldAll()
	for _, q := range []string{"养老床位", "龙养老床位x的龙", "老床", "位x的", "x的龙", "龙养"} {
		if r := search(t, ix, q); r.Len() != len(plans) {
			t.Errorf("%q: %d hits, want %d", q, r.Len(), len(plans))
		}
	}
	long := strings.Repeat("龙", 40) + "养老床位" // longer than the overlap
	if r := search(t, ix, long); r.Len() != len(plans) {
		t.Errorf("long query: %d hits, want %d", r.Len(), len(plans))
	}
}

// Units whose fields do not fit in 16 bytes (a table of 3,000 rows, a box
// of 200 children) keep them exactly.
func TestWideUnits(t *testing.T) {
	var rows []model.Row
	for i := range 3000 {
		rows = append(rows, model.Row{Line: 10 + i, Cells: []model.Cell{{Lines: []string{fmt.Sprint("格", i)}, Line: 10 + i}, {Lines: []string{"养老"}, Line: 10 + i}}})
	}
	var children []model.Block
	for i := range 200 {
		children = append(children, model.Block{Kind: model.Paragraph, Text: fmt.Sprint("段", i), Line: 5000 + i})
	}
	sec := &model.Section{Path: "1", Number: "一、", Title: "总则", Line: 1, Blocks: []model.Block{
		{Kind: model.TableBlock, Line: 9, Table: &model.Table{Line: 9, Rows: rows}},
		{Kind: model.BoxBlock, Text: "专栏", Line: 4999, Children: children},
	}}
	ix := New([]*model.Plan{{ID: "wide", Sections: []*model.Section{sec}}})
	h := search(t, ix, "格2500").Hit(0)
	if h.Loc.Row != 2500 || h.Loc.Col != 0 || h.Loc.Line != 2510 || h.Kind != KindCell || h.Loc.Block != 0 {
		t.Errorf("格2500: %+v", h)
	}
	if r := search(t, ix, "养老"); r.Len() != 3000 || r.Hit(2999).Loc.Row != 2999 || r.Hit(2999).Loc.Col != 1 {
		t.Errorf("养老: %d hits", r.Len())
	}
	h = search(t, ix, "段199").Hit(0)
	if h.Sub != 199 || h.Loc.Block != 1 || h.Loc.Line != 5199 || h.Kind != KindParagraph {
		t.Errorf("段199: %+v", h)
	}
	if len(ix.plans[0].wide) == 0 {
		t.Error("no wide unit: the test tests nothing")
	}
}

// movemask gathers the top bits of the bytes.
func TestMovemask(t *testing.T) {
	for m := range 256 {
		var x uint64
		for i := range 8 {
			if m>>i&1 != 0 {
				x |= 0x80 << (8 * i)
			}
		}
		if got := movemask(x); int(got) != m {
			t.Fatalf("movemask(%x) = %x, want %x", x, got, m)
		}
	}
}

// The walker tells every boundary of random packed text, made of every
// kind of character (ASCII, frequent, every page, every escape) in units
// of random length, and its UTF-8 offset; asked every offset, or some.
func TestWalkerRandom(t *testing.T) {
	initFold()
	rng := rand.New(rand.NewPCG(11, 12))
	kinds := []func() rune{
		func() rune { return rune('a' + rng.IntN(26)) },
		func() rune { return rune('0' + rng.IntN(10)) },
		func() rune { return rune(0x21 + rng.IntN(0x5E)) }, // ASCII punctuation (capitals fold away)
		func() rune { return []rune(frequent)[rng.IntN(len([]rune(frequent)))] },
		func() rune { return rune(pages[rng.IntN(len(pages))])<<8 | rune(0x80+rng.IntN(0x80)) },
		func() rune { return rune(0x4E00 + rng.IntN(0x5200)) },
		func() rune { return rune(0x0590 + rng.IntN(0x100)) },    // Hebrew, Arabic: FD
		func() rune { return rune(0xAC00 + rng.IntN(0x2000)) },   // Hangul: FE
		func() rune { return rune(0x20000 + rng.IntN(0x10000)) }, // Extension B: FF
	}
	for iter := range 300 {
		var buf []byte
		var units []unit
		want := map[int]int{} // boundary → UTF-8 offset
		n8 := 0
		for u := range 1 + rng.IntN(20) {
			if u > 0 {
				buf = append(buf, 0)
				n8++
			}
			units = append(units, unit{start: int32(len(buf)), start8: int32(n8)})
			weights := rng.Perm(len(kinds))[:1+rng.IntN(3)] // a few kinds per unit
			for range rng.IntN(60) {
				r := kinds[weights[rng.IntN(len(weights))]]()
				if Fold(string(r)) == string(r) {
					want[len(buf)] = n8
					buf = appendPackedRune(buf, r)
					n8 += utf8.RuneLen(r)
				}
			}
		}
		for u := range units[1:] { // the separators are boundaries too
			want[int(units[u+1].start)-1] = int(units[u+1].start8) - 1
		}
		every := iter%2 == 0
		w := newWalker(buf, units)
		for pos := range len(buf) {
			if !every && rng.IntN(7) != 0 {
				continue
			}
			w8, wok := want[pos]
			got8, ok := w.boundary(pos)
			if ok != wok || ok && got8 != w8 {
				t.Fatalf("iter %d: boundary(%d) = %d, %v; want %d, %v (text %x)", iter, pos, got8, ok, w8, wok, buf)
			}
		}
	}
}
