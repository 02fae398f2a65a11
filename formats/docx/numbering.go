package docx

// Automatic numbering: the numbers Word draws before numbered paragraphs,
// which a text export loses (a chapter heading exported as 总体要求 where
// the page shows 第一章 总体要求). numbering.xml defines abstract lists
// (w:abstractNum) of up to nine levels, each with a start value, a number
// format (w:numFmt), a template (w:lvlText, "第%1章", "（%3）", "%1.%2")
// and what follows the number (w:suff: a tab, a space or nothing); list
// instances (w:num) point at an abstract list and may restart levels
// (w:lvlOverride/w:startOverride). A paragraph takes a list and a level
// from its own w:numPr or from its style's.
//
// Counting follows Word: each abstract list keeps one counter per level in
// document order; a level counts on from its start value; using a level
// restarts the levels below it (unless w:lvlRestart says otherwise); a list
// instance with a start override restarts that level when first used.

import (
	"strconv"
	"strings"
	"unicode"

	"planview/formats/internal/numerals"
)

type level struct {
	start   int
	fmt     string
	text    string
	hasText bool
	suff    string // "tab" (the default), "space", "nothing"
	isLgl   bool
	restart int // -1: restart after any higher level (the default); 0: never
	pStyle  string
}

type abstractNum struct {
	levels       map[int]*level
	numStyleLink string // the numbering style whose list this one is
}

type override struct {
	start    int
	hasStart bool
	lvl      *level
}

type numDef struct {
	abstractID string
	over       map[int]*override
}

type numbering struct {
	abstract map[string]*abstractNum
	nums     map[string]*numDef
	styles   *styles

	// Counting state, by resolved abstract list.
	count map[*abstractNum]*[9]int
	set   map[*abstractNum]*[9]bool
	used  map[string]bool // list instances seen
}

func (n *numbering) reset() {
	n.count = map[*abstractNum]*[9]int{}
	n.set = map[*abstractNum]*[9]bool{}
	n.used = map[string]bool{}
}

func readNumbering(b []byte) (*numbering, error) {
	r := newReader(b)
	if _, err := r.root(); err != nil {
		return nil, err
	}
	n := &numbering{abstract: map[string]*abstractNum{}, nums: map[string]*numDef{}}
	err := r.each(func(se elem) error {
		switch {
		case r.isW(se, "abstractNum"):
			a := &abstractNum{levels: map[int]*level{}}
			id := attr(se, "abstractNumId")
			err := r.each(func(c elem) error {
				switch {
				case r.isW(c, "lvl"):
					il, err := strconv.Atoi(attr(c, "ilvl"))
					lv, err2 := readLevel(r)
					if err2 != nil {
						return err2
					}
					if err == nil && il >= 0 && il < 9 {
						a.levels[il] = lv
					}
					return nil
				case r.isW(c, "numStyleLink"):
					a.numStyleLink = val(c)
				}
				return r.skip()
			})
			if err != nil {
				return err
			}
			if _, dup := n.abstract[id]; !dup {
				n.abstract[id] = a
			}
			return nil
		case r.isW(se, "num"):
			d := &numDef{over: map[int]*override{}}
			id := attr(se, "numId")
			err := r.each(func(c elem) error {
				switch {
				case r.isW(c, "abstractNumId"):
					d.abstractID = val(c)
				case r.isW(c, "lvlOverride"):
					il, err := strconv.Atoi(attr(c, "ilvl"))
					o := &override{}
					err2 := r.each(func(oc elem) error {
						switch {
						case r.isW(oc, "startOverride"):
							if v, err := strconv.Atoi(val(oc)); err == nil {
								o.start, o.hasStart = v, true
							}
						case r.isW(oc, "lvl"):
							lv, err := readLevel(r)
							o.lvl = lv
							return err
						}
						return r.skip()
					})
					if err2 != nil {
						return err2
					}
					if err == nil && il >= 0 && il < 9 {
						d.over[il] = o
					}
					return nil
				}
				return r.skip()
			})
			if err != nil {
				return err
			}
			n.nums[id] = d
			return nil
		}
		return r.skip()
	})
	return n, err
}

// readLevel reads a w:lvl element just started.
func readLevel(r *reader) (*level, error) {
	lv := &level{start: 1, fmt: "decimal", suff: "tab", restart: -1}
	err := r.each(func(c elem) error {
		switch {
		case r.isW(c, "start"):
			if v, err := strconv.Atoi(val(c)); err == nil {
				lv.start = v
			}
		case r.isW(c, "numFmt"):
			lv.fmt = val(c)
			if lv.fmt == "custom" {
				// w:numFmt w:val="custom" w:format="001, 002, 003, ...":
				// the format's own name, when it is one we know.
				lv.fmt = customFormat(attr(c, "format"))
			}
		case r.isW(c, "lvlText"):
			lv.text, lv.hasText = val(c), true
		case r.isW(c, "suff"):
			lv.suff = val(c)
		case r.isW(c, "isLgl"):
			lv.isLgl = onOff(c)
		case r.isW(c, "lvlRestart"):
			if v, err := strconv.Atoi(val(c)); err == nil {
				lv.restart = v
			}
		case r.isW(c, "pStyle"):
			lv.pStyle = val(c)
		}
		return r.skip()
	})
	return lv, err
}

// customFormat maps the sample of a custom number format to a known format.
func customFormat(sample string) string {
	switch {
	case strings.HasPrefix(sample, "一"):
		return "chineseCounting"
	case strings.HasPrefix(sample, "壹"):
		return "chineseLegalSimplified"
	case strings.HasPrefix(sample, "01"):
		return "decimalZero"
	}
	return "decimal"
}

// resolve returns the abstract list of a list instance, following a
// numbering style link (w:numStyleLink) to the list that defines it.
func (n *numbering) resolve(numID string) *abstractNum {
	for k := 0; k < 8; k++ {
		d := n.nums[numID]
		if d == nil {
			return nil
		}
		a := n.abstract[d.abstractID]
		if a == nil {
			return nil
		}
		if a.numStyleLink == "" || len(a.levels) > 0 {
			return a
		}
		id, _, _, ok := n.styles.numPr(a.numStyleLink)
		if !ok || id == numID {
			return a
		}
		numID = id
	}
	return nil
}

// levelOf returns level il of list instance numID, with its overrides.
func (n *numbering) levelOf(numID string, a *abstractNum, il int) *level {
	if d := n.nums[numID]; d != nil {
		if o := d.over[il]; o != nil && o.lvl != nil {
			return o.lvl
		}
	}
	return a.levels[il]
}

// levelForStyle returns the level of list a whose w:pStyle is style id (a
// heading style linked to a multilevel list), or -1.
func (a *abstractNum) levelForStyle(id string) int {
	for il := 0; il < 9; il++ {
		if lv := a.levels[il]; lv != nil && lv.pStyle == id {
			return il
		}
	}
	return -1
}

// label counts a paragraph of list instance numID at level il and returns
// the number Word draws before it, with what follows the number: "第一章 ",
// "（二）", "1." (a tab or space after the number is written as one
// space). It returns "" for a paragraph with no number.
func (n *numbering) label(numID string, il int) string {
	if numID == "" || numID == "0" {
		return ""
	}
	a := n.resolve(numID)
	if a == nil {
		return ""
	}
	lv := n.levelOf(numID, a, il)
	if lv == nil {
		return ""
	}
	count, set := n.count[a], n.set[a]
	if count == nil {
		count, set = new([9]int), new([9]bool)
		n.count[a], n.set[a] = count, set
	}
	if !n.used[numID] {
		n.used[numID] = true
		if d := n.nums[numID]; d != nil {
			for ol, o := range d.over {
				start := 0
				switch {
				case o.hasStart:
					start = o.start
				case o.lvl != nil:
					start = o.lvl.start
				default:
					continue
				}
				// Counting on from start - 1: the first use shows start.
				count[ol], set[ol] = start-1, true
			}
		}
	}
	if set[il] {
		count[il]++
	} else {
		count[il], set[il] = lv.start, true
	}
	for d := il + 1; d < 9; d++ {
		dl := n.levelOf(numID, a, d)
		restart := -1
		if dl != nil {
			restart = dl.restart
		}
		if restart == 0 || (restart > 0 && il >= restart) {
			continue
		}
		set[d] = false
	}
	if lv.fmt == "none" && !lv.hasText {
		return ""
	}
	text := lv.text
	if !lv.hasText {
		text = "%" + strconv.Itoa(il+1)
	}
	var b strings.Builder
	for i := 0; i < len(text); i++ {
		if text[i] == '%' && i+1 < len(text) && text[i+1] >= '1' && text[i+1] <= '9' {
			k := int(text[i+1] - '1')
			i++
			kl := n.levelOf(numID, a, k)
			v, f := 1, "decimal"
			if kl != nil {
				v, f = kl.start, kl.fmt
			}
			if set[k] || k == il {
				v = count[k]
			}
			if lv.isLgl && k != il {
				f = "decimal"
			}
			if lv.isLgl && k == il && f != "decimalZero" {
				f = "decimal"
			}
			b.WriteString(numerals.Format(v, f))
			continue
		}
		b.WriteByte(text[i])
	}
	label := b.String()
	if lv.fmt == "bullet" {
		label = bullet(label)
	}
	if label == "" {
		return ""
	}
	switch lv.suff {
	case "nothing":
		return label
	}
	return label + " "
}

// bullet keeps a bullet glyph that reads as text in a plan (● ■ — …) and
// drops the others: symbol-font glyphs in the private use area (),
// letters standing for a Wingdings or Courier glyph (o, q, §).
func bullet(s string) string {
	for _, r := range s {
		if unicode.Is(unicode.Co, r) || unicode.IsLetter(r) || r == '§' || unicode.IsControl(r) {
			return ""
		}
	}
	return strings.TrimSpace(s)
}
