package indicator

import (
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"planview/internal/hanzi"
	"planview/model"
	"planview/search"
)

// Targets in sentences. A sentence sets a target when it has a target year
// (its own, or the one of the sentence before it in the same paragraph, or
// the plan's final year inside a 发展目标 section or a 专栏 box) and a clause
// of it binds a number to a name with a target word: 农村社区综合服务设施覆盖
// 率达到90%; 全县公办养老机构护理型床位占比不低于50%; 社区日间照料养老床位覆盖率
// 达到90%以上; 城市和农村社区…覆盖率分别达到100%、80%; 城市社区综合服务设施实现
// 全覆盖. A sentence about a past year (2020年…达到) sets none.

// yearMarks find the year a sentence speaks of. Each match is a year or a
// period word; the first one before a clause governs it.
//
// A mark is 2025年, 十四五末 (also “十四五”末, 十四五期间, 十四五时期), 规划期末,
// 规划期内, 本规划期 or 五年内, in folded text. yearMarks finds them by hand:
// a regular expression here took half of the extraction's time.
func yearMarks(f string) [][2]int {
	var out [][2]int
	for i := 0; i < len(f); {
		j := strings.IndexAny(f[i:], "年五规本")
		if j < 0 {
			break
		}
		j += i
		r, n := utf8.DecodeRuneInString(f[j:])
		end := -1
		start := j
		switch r {
		case '年':
			if j >= 4 && f[j-4] == '2' && f[j-3] == '0' && isDigits(f[j-2:j]) {
				start, end = j-4, j+n
			}
		case '五':
			if strings.HasPrefix(f[j:], "五年内") {
				end = j + len("五年内")
				break
			}
			// 十四五: 十 and a numeral before 五, maybe in quotes.
			if j >= 6 && strings.HasPrefix(f[j-6:], "十") && strings.ContainsRune("一二三四五六七八九", rune0(f[j-3:j])) {
				start = j - 6
				if strings.HasSuffix(f[:start], "“") {
					start -= len("“")
				}
				k := j + n
				k += len(prefixOf(f[k:], "”", "\""))
				if w := prefixOf(f[k:], "期末", "末", "期间", "时期", "规划期末"); w != "" {
					end = k + len(w)
				}
			}
		case '规':
			if w := prefixOf(f[j:], "规划期末", "规划期内"); w != "" {
				end = j + len(w)
			}
		case '本':
			if strings.HasPrefix(f[j:], "本规划期") {
				end = j + len("本规划期")
			}
		}
		if end > 0 {
			out = append(out, [2]int{start, end})
			i = end
		} else {
			i = j + n
		}
	}
	return out
}

// rune0 is the first rune of s.
func rune0(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	return r
}

// prefixOf returns the first of words that s starts with, "" for none.
func prefixOf(s string, words ...string) string {
	for _, w := range words {
		if strings.HasPrefix(s, w) {
			return w
		}
	}
	return ""
}

// sentenceEnds end a sentence; clauseEnds end a clause within one.
const (
	sentenceEnds = "。；;！？!?\n"
	clauseEnds   = ",:" // ，and ：once folded
)

// A name read from a sentence is at most this long: longer text before a
// target word is a whole clause of action, not an indicator's name
// (采用“线上+线下”相结合的方式…).
const maxTextNameRunes = 28

// A name read from a sentence has at least four characters: 参训率达到
// 100% (in 全体干部职工…参训率) names too little to compare; 慈善超市 does.
const minTextNameRunes = 4

// headNouns end the names of indicators. A clause whose name ends
// otherwise sets a target only when a noun follows the number
// (拥有不少于6个社区社会组织).
var headNouns = []string{"率", "占比", "比例", "比率", "比重", "数", "数量", "总量", "面积", "标准", "床位", "人数", "水平", "增速", "规模", "人才", "机构", "站点", "设施", "平台", "组织", "家庭"}

// namePrefixes are dropped from the start of a name read from a sentence:
// the scope (全县), and the verbs of intent (力争, 确保).
var namePrefixes = []string{"做到", "力争", "争取", "努力", "确保", "推动", "促进", "使", "实现", "基本", "进一步", "持续", "逐步", "同时", "其中", "全面"}

// scopeRe matches a scope word at the start of a name: 全县, 全市, 全州.
var scopeRe = regexp.MustCompile(`^(?:全(?:县|市|州|区|旗|盟|省|镇|乡|域)|本(?:县|市|州|区))`)

// leadRe matches numbering and punctuation at the start of a clause.
var leadRe = regexp.MustCompile(`^[\d一二三四五六七八九十]+[、.)]|^\([\d一二三四五六七八九十]+\)|^[“"”]`)

// targetWords (found in a clause, first position wins) are comparatorWords
// that read as a target in a sentence, and the verbs of growth: 由18个增长
// 到23个.
var growthWords = []string{"增长到", "增长至", "增加至", "提高至", "提高到", "提升到", "提升至", "增加到", "增至"}

type span struct{ start, end int }

// sentences reads the targets of one paragraph, list item or box item.
// A sentence without a year of its own takes the year of the last sentence
// before it in the paragraph that names one; that year is worked out only
// when a sentence that may set a target needs it (most sentences set none,
// and folding each to look for its year took a fifth of the time).
func (x *extractor) sentences(b *model.Block, pl place) {
	text := b.Text
	if !hasDigitOrCover(text) {
		return
	}
	year := 0
	if pl.target {
		year = x.planEnd
	}
	var dated []span // sentences since the last target, that may name a year
	for start := 0; start < len(text); {
		end := sentenceEnd(text, start)
		next := end + 1
		if end < 0 {
			end, next = len(text), len(text)
		} else {
			_, n := utf8.DecodeRuneInString(text[end:])
			next = end + n
		}
		sent := text[start:end]
		mayDate := strings.Contains(sent, "年") || strings.Contains(sent, "五") || strings.Contains(sent, "期")
		if (x.may == nil || x.may(sent)) && mayTarget(sent) {
			year = x.inherited(text, dated, year)
			dated = dated[:0]
			year = x.sentence(b, pl, text, span{start, end}, year, mayDate)
		} else if mayDate {
			dated = append(dated, span{start, end})
		}
		start = next
	}
}

// inherited is the year a sentence inherits: the first year mark of the
// last of the dated sentences that has one, else year.
func (x *extractor) inherited(text string, dated []span, year int) int {
	for i := len(dated) - 1; i >= 0; i-- {
		f := search.Fold(text[dated[i].start:dated[i].end])
		if m := yearMarks(f); len(m) > 0 {
			return x.yearOf(f[m[0][0]:m[0][1]])
		}
	}
	return year
}

// targetHints are the words (either script) and signs one of which a
// sentence that sets a target holds: a quick test before it is folded.
var targetHints = hanzi.AllSpellings("达", "覆盖", "不低于", "不少于", "不小于", "超过", "高于", "大于", "多于",
	"以上", "≥", "＞", ">", "⩾", "提高", "提升", "增", "不高于", "不超过", "低于", "控制", "保持", "稳定", "<", "≤", "＜")

// mayTarget reports whether sent may set a target: it holds a digit (or
// 全覆盖) and a target word.
func mayTarget(sent string) bool {
	if !hasDigitOrCover(sent) {
		return false
	}
	for _, h := range targetHints {
		if strings.Contains(sent, h) {
			return true
		}
	}
	return false
}

// sentenceEnd is the offset of the first rune of sentenceEnds in s at or
// after from, -1 when none. It reads bytes (every rune of sentenceEnds is
// ASCII, or three bytes starting E3 or EF): strings.IndexAny decodes every
// rune, and this ran on every sentence of the text compare reads.
func sentenceEnd(s string, from int) int {
	for i := from; i < len(s); i++ {
		switch c := s[i]; c {
		case ';', '!', '?', '\n':
			return i
		case 0xE3, 0xEF:
			if i+3 <= len(s) && strings.ContainsRune(sentenceEnds, rune0(s[i:i+3])) {
				return i
			}
		}
	}
	return -1
}

// hasDigitOrCover is a quick test: a text with no digit and no 覆盖 sets
// no target.
func hasDigitOrCover(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= '0' && s[i] <= '9' {
			return true
		}
	}
	if strings.ContainsRune(s, '０') {
		return true
	}
	for _, w := range coverWords {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

// coverWords are 覆盖 in either script (全覆盖 sets a target without a digit).
var coverWords = hanzi.Spellings("覆盖")

func indexAnyFrom(s string, from int, chars string) int {
	i := strings.IndexAny(s[from:], chars)
	if i < 0 {
		return -1
	}
	return from + i
}

// yearOf reads a year mark: a written year, or the plan's final year for
// a period word.
func (x *extractor) yearOf(m string) int {
	if len(m) >= 4 && m[0] == '2' {
		y, _ := strconv.Atoi(m[:4])
		return y
	}
	if p := periodYear(m); p != 0 {
		return p
	}
	return x.planEnd
}

// planStart is the first year of the plan's period: targets are for it or
// later.
func (x *extractor) planStart() int { return x.planEnd - 4 }

// sentence reads the targets of text[s.start:s.end]; year is the year the
// sentence inherits, and it returns the year the next sentence inherits.
// The sentence is read folded (Traditional as Simplified, full-width digits
// and punctuation as ASCII, spaces dropped), and what is kept of it — names,
// offsets — is mapped back to the text as written.
func (x *extractor) sentence(b *model.Block, pl place, text string, s span, year int, mayDate bool) int {
	sent := text[s.start:s.end]
	f, offs := search.FoldMap(sent)
	var marks [][2]int
	if mayDate {
		marks = yearMarks(f)
	}
	if len(marks) > 0 {
		year = x.yearOf(f[marks[0][0]:marks[0][1]])
	}
	sc := sentCtx{b: b, pl: pl, sent: sent, offs: offs, base: s.start, sentence: strings.TrimSpace(sent)}
	cur := year
	mi := 0
	cstart := 0
	for cstart <= len(f) {
		cend := clauseEnd(f, cstart)
		for mi < len(marks) && marks[mi][0] < cend {
			cur = x.yearOf(f[marks[mi][0]:marks[mi][1]])
			mi++
		}
		if cur >= x.planStart() {
			x.clause(&sc, f, span{cstart, cend}, cur)
		}
		if cend == len(f) {
			break
		}
		cstart = cend + 1 // clauseEnds are ASCII once folded
	}
	return year
}

// clauseEnd is the end of the folded clause that starts at from: the next
// comma or colon, a colon between digits (1:10) aside; len(f) for none.
func clauseEnd(f string, from int) int {
	for {
		i := indexAnyFrom(f, from, clauseEnds)
		if i < 0 {
			return len(f)
		}
		if f[i] == ':' && i > 0 && i+1 < len(f) && isDigits(f[i-1:i]) && isDigits(f[i+1:i+2]) {
			from = i + 1
			continue
		}
		return i
	}
}

// sentCtx is a sentence being read: its text as written, its fold's
// offset map, and where it stands.
type sentCtx struct {
	b        *model.Block
	pl       place
	sent     string // as written
	offs     []int  // search.FoldMap's map of the folded sentence
	base     int    // offset of sent in the block's text
	sentence string
}

// orig returns the text as written of the folded range [fs, fe), and its
// offsets in the block's text.
func (sc *sentCtx) orig(fs, fe int) (string, int, int) {
	s, e := search.OrigSpan(sc.sent, sc.offs, fs, fe)
	return sc.sent[s:e], sc.base + s, sc.base + e
}

// clause reads the targets of the folded clause f[c.start:c.end].
func (x *extractor) clause(sc *sentCtx, f string, c span, year int) {
	cl := f[c.start:c.end]
	orig, hs, he := sc.orig(c.start, c.end)
	if strings.ContainsRune(orig, '\t') {
		// A table row the loader left as text (1\t养老机构…\t≥60): its
		// cells are no sentence.
		return
	}
	if !hasDigitOrCover(cl) || x.may != nil && !x.may(orig) {
		// No number, or (compare QUERY) not the query: a name is read
		// from its own clause only.
		return
	}
	// 全覆盖: the name before it, as a coverage rate.
	if i := strings.Index(cl, "全覆盖"); i >= 0 && !strings.Contains(cl, "%") {
		nameEnd := i
		for _, v := range []string{"实现", "达到", "基本"} {
			nameEnd = trimSuffixAt(cl, nameEnd, v)
		}
		ns, ne := cleanName(cl, 0, nameEnd)
		name, _, _ := sc.orig(c.start+ns, c.start+ne)
		if ns >= ne || !plausibleName(name+"覆盖率") {
			return
		}
		if !strings.HasSuffix(search.Fold(name), "率") {
			name += "覆盖率"
		}
		in := x.textIndicator(sc, hs, he, name, year)
		in.setTarget("全覆盖")
		in.Unit = "%"
		x.texts = append(x.texts, in)
		return
	}
	// A target word, then one number or several (分别达到100%、80%).
	wi, wlen := targetWordIndex(cl)
	if wi < 0 {
		// 90%以上 without a word before it.
		loc := aboveRe.FindStringIndex(cl)
		if loc == nil {
			return
		}
		wi, wlen = loc[0], 0
	}
	nameEnd := wi
	base := ""
	if i := strings.LastIndex(cl[:wi], "由"); i >= 0 && isGrowth(cl[wi:wi+wlen]) {
		base, _, _ = sc.orig(c.start+i+len("由"), c.start+wi)
		nameEnd = i
	}
	nameEnd = trimSuffixAt(cl, nameEnd, "分别")
	values := splitList(cl[wi+wlen:])
	if len(values) == 0 {
		return
	}
	ns, ne := cleanName(cl, 0, nameEnd)
	if ns >= ne {
		return
	}
	name, _, _ := sc.orig(c.start+ns, c.start+ne)
	word := cl[wi : wi+wlen]
	if !parseTarget(word + values[0]).ok {
		return
	}
	if pw, plen := shareWordIndex(cl[ns:ne]); pw > 0 && strings.Contains(values[0], "%") {
		// 护理型床位数达到养老机构总床位数60%以上: a share of a whole.
		a, _, _ := sc.orig(c.start+ns, c.start+ns+pw)
		w, _, _ := sc.orig(c.start+ns+pw+plen, c.start+ne)
		name = a + "占" + strings.TrimSuffix(w, "的") + "比例"
	}
	// A noun after the number: 不少于6个社区社会组织.
	after := afterNumber(values[len(values)-1])
	if !hasHeadNoun(name) {
		if after == "" {
			return
		}
		name += after
	}
	if !plausibleName(name) {
		return
	}
	names := []string{name}
	if len(values) > 1 {
		names = splitName(name, len(values))
		if names == nil {
			values, names = values[:1], []string{name}
		}
	} else if parts := strings.Split(name, "、"); len(parts) > 1 && allHeadNouns(parts) {
		// 婚姻登记合格率、档案完好率达到100%: one target for each.
		names = parts
		for len(values) < len(parts) {
			values = append(values, values[0])
		}
	}
	vpos := wi + wlen // where values[i] starts in cl
	for i, v := range values {
		vs := vpos + strings.Index(cl[vpos:], v)
		vpos = vs + len(v)
		ve := vpos
		if after != "" && i == len(values)-1 {
			ve -= len(search.Fold(after))
		}
		// The target as written: the word and the value (分别达到100%、
		// 85%: the word is read with each value).
		w, _, _ := sc.orig(c.start+wi, c.start+wi+wlen)
		val, _, _ := sc.orig(c.start+vs, c.start+ve)
		in := x.textIndicator(sc, hs, he, names[i], year)
		in.Base = base
		in.setTarget(w + val)
		if in.Value == nil {
			continue
		}
		x.texts = append(x.texts, in)
	}
}

// aboveRe finds a number with 以上 after it and no target word before it:
// 基层民主参选率达96%以上 has 达, 80%以上的乡镇 has none.
var aboveRe = regexp.MustCompile(`[0-9０-９][0-9０-９.．]*\s*[%％‰]?(?:以上|及以上)`)

// targetWordIndex finds the first target word of a clause that a number
// follows: the position and length of the word.
func targetWordIndex(cl string) (int, int) {
	best, blen := -1, 0
	consider := func(w string) {
		from := 0
		for {
			i := strings.Index(cl[from:], w)
			if i < 0 {
				return
			}
			i += from
			if num, _ := leadingNumber(search.Fold(cl[i+len(w):])); num != "" && (best < 0 || i < best || i == best && len(w) > blen) {
				best, blen = i, len(w)
				return
			}
			from = i + len(w)
		}
	}
	for _, w := range growthWords {
		consider(w)
	}
	for _, w := range comparatorWords {
		consider(w.word)
	}
	for _, w := range []string{"≥", "＞", "＜", "≤"} {
		consider(w)
	}
	return best, blen
}

// shareWordIndex finds a verb inside a name that states a share of a
// whole (A达到B的60%): its position and length, -1 when none.
func shareWordIndex(name string) (int, int) {
	if i := strings.Index(name, "达到"); i > 0 && i+len("达到") < len(name) {
		return i, len("达到")
	}
	if i := strings.Index(name, "占"); i > 0 && !hasHeadNoun(name) && i+len("占") < len(name) {
		return i, len("占")
	}
	return -1, 0
}

func isGrowth(w string) bool {
	for _, g := range growthWords {
		if w == g {
			return true
		}
	}
	return false
}

// splitList splits the text after a target word into its values: one
// (90%以上), or several joined by 、 or 和 (分别达到100%、80%). Each value
// keeps its unit and suffix word.
func splitList(rest string) []string {
	var out []string
	for _, part := range strings.FieldsFunc(rest, func(r rune) bool { return r == '、' || r == '和' }) {
		if num, _ := leadingNumber(search.Fold(part)); num == "" {
			break
		}
		out = append(out, part)
	}
	return out
}

// afterNumber returns the noun that follows a number and its unit in a
// value (6个社区社会组织 → 社区社会组织), "" when none.
func afterNumber(v string) string {
	f := search.Fold(v)
	num, rest := leadingNumber(f)
	if num == "" {
		return ""
	}
	_, rest = leadingUnit(rest)
	for _, w := range suffixWords {
		rest = strings.TrimPrefix(rest, w.word)
	}
	rest = strings.TrimPrefix(rest, "的")
	if rest == "" || !hasHan(rest) || runeLen(rest) > maxTextNameRunes/2 {
		return ""
	}
	// The noun as written: the same number of runes from the end of v.
	r := []rune(strings.TrimSpace(v))
	n := runeLen(rest)
	if n > len(r) {
		return ""
	}
	return string(r[len(r)-n:])
}

// plausibleName reports whether a name read from a sentence can name an
// indicator: not too short or long, and more than a head noun alone
// (覆盖率达到100% names nothing).
func plausibleName(name string) bool {
	n := runeLen(name)
	if n < minTextNameRunes || n > maxTextNameRunes || !hasHan(name) {
		return false
	}
	return true
}

func allHeadNouns(parts []string) bool {
	for _, p := range parts {
		if !hasHeadNoun(p) || !plausibleName(p) {
			return false
		}
	}
	return true
}

func hasHeadNoun(name string) bool {
	f := search.Fold(name)
	for _, h := range headNouns {
		if strings.HasSuffix(f, h) {
			return true
		}
	}
	return false
}

func hasHan(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			return true
		}
	}
	return false
}

// cleanName finds an indicator's name in the folded text s[start:end]
// before a target word: numbering, year marks, scope words and verbs of
// intent dropped from its start, and a trailing 的 or 均 from its end. It
// returns the name's range in s.
func cleanName(s string, start, end int) (int, int) {
	for {
		before := start
		t := s[start:end]
		if loc := leadRe.FindStringIndex(t); loc != nil && loc[1] > 0 {
			start += loc[1]
			continue
		}
		for _, p := range []string{"到", "至", "截至", "在", ""} {
			if strings.HasPrefix(t, p) {
				if m := yearMarks(t[len(p):]); len(m) > 0 && m[0][0] == 0 {
					start += len(p) + m[0][1]
					for _, w := range []string{"底", "末", "前", "起"} {
						if strings.HasPrefix(s[start:end], w) {
							start += len(w)
						}
					}
					break
				}
			}
		}
		if start != before {
			continue
		}
		if loc := scopeRe.FindStringIndex(t); loc != nil {
			start += loc[1]
			continue
		}
		for _, p := range namePrefixes {
			if strings.HasPrefix(t, p) {
				start += len(p)
				break
			}
		}
		if start == before {
			break
		}
	}
	for _, t := range []string{"的", "均", "将", "要", "应"} {
		if strings.HasSuffix(s[start:end], t) {
			end -= len(t)
		}
	}
	return start, end
}

// trimSuffixAt moves end back over a verb that ends cl[:end].
func trimSuffixAt(cl string, end int, v string) int {
	if strings.HasSuffix(cl[:end], v) {
		return end - len(v)
	}
	return end
}

// textIndicator is an indicator read from a sentence; start and end are
// the offsets in the block's text of its clause.
func (x *extractor) textIndicator(sc *sentCtx, start, end int, name string, year int) Indicator {
	in := Indicator{
		Plan: x.p.ID, Region: x.p.Region, Name: name, Key: Key(name), Year: year,
		From: FromText, Sentence: sc.sentence, Sub: sc.pl.sub, Start: start, End: end,
	}
	in.Loc = x.loc(sc.pl, sc.b.LineAt(start))
	return in
}

// mergeTexts adds the targets read from sentences to the plan's
// indicators. A sentence that states a table row's indicator (same key,
// same year) is attached to the row as Support (and marks a Conflict when
// its target differs); a sentence that states an indicator already read
// from another sentence is attached to that one.
func (x *extractor) mergeTexts() {
	type ky struct {
		key  string
		year int
	}
	seen := make(map[ky]int, len(x.out))
	for i, in := range x.out {
		if _, ok := seen[ky{in.Key, in.Year}]; !ok {
			seen[ky{in.Key, in.Year}] = i
		}
	}
	for _, t := range x.texts {
		if t.Key == "" {
			continue
		}
		k := ky{t.Key, t.Year}
		if i, ok := seen[k]; ok {
			o := &x.out[i]
			agrees := sameTarget(o, &t)
			o.Support = append(o.Support, Support{Line: t.Loc.Line, Sentence: t.Sentence, Target: t.Target, Agrees: agrees})
			if !agrees {
				o.Conflict = true
			}
			continue
		}
		seen[k] = len(x.out)
		x.out = append(x.out, t)
	}
	x.texts = nil
}

// sameTarget reports whether two statements of one indicator set the same
// target: the same number in the same unit (comparators aside: 不低于55%
// states the table's ≥55), or the same words.
func sameTarget(a, b *Indicator) bool {
	if a.Norm != nil && b.Norm != nil {
		return *a.Norm == *b.Norm && (a.NormUnit == b.NormUnit || a.NormUnit == "" || b.NormUnit == "")
	}
	return search.Fold(a.Target) == search.Fold(b.Target)
}
