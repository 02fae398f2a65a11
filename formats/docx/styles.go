package docx

import (
	"strconv"
	"strings"
)

// style is what the reader needs of a style in styles.xml: its parent and
// the numbering it gives its paragraphs.
type style struct {
	id, typ, basedOn string
	outline          int    // the outline level it gives (0 for a level-1 heading), -1 when it sets none
	numID            string // "" when the style sets none
	hasNumID         bool
	ilvl             int
	hasIlvl          bool
}

type styles struct {
	byID        map[string]*style
	defaultPara string // the paragraph style of a paragraph that names none
}

func readStyles(b []byte) (*styles, error) {
	r := newReader(b)
	if _, err := r.root(); err != nil {
		return nil, err
	}
	s := &styles{byID: map[string]*style{}}
	err := r.each(func(se elem) error {
		if !r.isW(se, "style") {
			return r.skip()
		}
		st := &style{id: attr(se, "styleId"), typ: attr(se, "type"), outline: -1}
		if st.typ == "paragraph" && onOffAttr(se, "default") {
			s.defaultPara = st.id
		}
		err := r.each(func(c elem) error {
			switch {
			case r.isW(c, "basedOn"):
				st.basedOn = val(c)
			case r.isW(c, "name"):
				// Word's built-in heading styles are named "heading 1" …
				// whatever the language of the user interface.
				if n, ok := strings.CutPrefix(strings.ToLower(val(c)), "heading "); ok && st.outline < 0 {
					if v, err := strconv.Atoi(n); err == nil && v >= 1 && v <= 9 {
						st.outline = v - 1
					}
				}
			case r.isW(c, "pPr"):
				return r.each(func(p elem) error {
					switch {
					case r.isW(p, "numPr"):
						return readNumPr(r, &st.numID, &st.hasNumID, &st.ilvl, &st.hasIlvl)
					case r.isW(p, "outlineLvl"):
						st.outline = outlineLevel(p)
					}
					return r.skip()
				})
			}
			return r.skip()
		})
		if err != nil {
			return err
		}
		if st.id != "" {
			if _, dup := s.byID[st.id]; !dup {
				s.byID[st.id] = st
			}
		}
		return nil
	})
	return s, err
}

// onOffAttr reads an on/off attribute (w:default="1").
func onOffAttr(se elem, local string) bool {
	switch attr(se, local) {
	case "1", "true", "on":
		return true
	}
	return false
}

// readNumPr reads a w:numPr element just started.
func readNumPr(r *reader, numID *string, hasNumID *bool, ilvl *int, hasIlvl *bool) error {
	return r.each(func(c elem) error {
		switch {
		case r.isW(c, "numId"):
			*numID, *hasNumID = val(c), true
		case r.isW(c, "ilvl"):
			if v, err := strconv.Atoi(val(c)); err == nil && v >= 0 && v < 9 {
				*ilvl, *hasIlvl = v, true
			}
		}
		return r.skip()
	})
}

// numPr returns the numbering a paragraph style gives, following its
// basedOn chain: the numId, and the level when the style names one.
func (s *styles) numPr(id string) (numID string, ilvl int, hasIlvl, ok bool) {
	for k := 0; id != "" && k < 32; k++ {
		st := s.byID[id]
		if st == nil {
			break
		}
		if st.hasIlvl && !hasIlvl {
			ilvl, hasIlvl = st.ilvl, true
		}
		if st.hasNumID {
			return st.numID, ilvl, hasIlvl, true
		}
		id = st.basedOn
	}
	return "", 0, false, false
}

// outlineLevel reads a w:outlineLvl: 0 to 8 for a heading's level, 9 (or
// anything unreadable) for body text, which is -1 here.
func outlineLevel(e elem) int {
	if v, err := strconv.Atoi(val(e)); err == nil && v >= 0 && v <= 8 {
		return v
	}
	return -1
}

// outline returns the outline level a paragraph style gives, following its
// basedOn chain; -1 for body text.
func (s *styles) outline(id string) int {
	for k := 0; id != "" && k < 32; k++ {
		st := s.byID[id]
		if st == nil {
			break
		}
		if st.outline >= 0 {
			return st.outline
		}
		id = st.basedOn
	}
	return -1
}

// inChain reports whether style id is want or based on it.
func (s *styles) inChain(id, want string) bool {
	for k := 0; id != "" && k < 32; k++ {
		if id == want {
			return true
		}
		st := s.byID[id]
		if st == nil {
			break
		}
		id = st.basedOn
	}
	return false
}
