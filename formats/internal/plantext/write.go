package plantext

// The writer: blocks → plan text, in the layouts the text loader reads
// (see loader/tables.go and loader/rules.go). It knows those layouts and
// nothing of what a plan's lines mean:
//
//   - a paragraph is one line, its padding trimmed, its line breaks and
//     tabs made spaces (a tab in a line would make it a table row), except
//     the tab before a page number that ends a table-of-contents entry,
//     which is how the loader knows one;
//   - a heading (a paragraph with a Level) is led by Markdown's mark, one
//     '#' a level and a space ("## 总体要求"), except inside a box, where
//     a heading would end the box;
//   - a table is the Word layout (a): one cell per line, each led by a tab,
//     a cell's further lines (its paragraphs, its line breaks) on lines of
//     their own with no tab, a lone tab for an empty or merged cell, and a
//     blank line after each row. A row that is one cell merged across the
//     whole table (a title row) is that cell alone;
//   - a box is its content followed by two blank lines: the gap that ends
//     a 专栏 box in the loader (boxEndBlanks);
//   - notes follow their block, one line each, led by 注： unless they
//     start with a note word already;
//   - blank lines never run to more than two.

import (
	"bytes"
	"strings"
	"unicode"
	"unicode/utf8"

	"planview/internal/escseq"
	"planview/internal/hanzi"
)

// MaxLevel is the deepest heading level marked: Markdown's six (the
// loader's markdownMaxHashes).
const MaxLevel = 6

// maxBlankRun is the most blank lines written in a row: enough to end a box
// (the loader's boxEndBlanks is 2), no more.
const maxBlankRun = 2

// Text is the plan text of blocks (Write), or err: a front end's Read
// turned into text in one call.
func Text(blocks []Block, err error) ([]byte, error) {
	if err != nil {
		return nil, err
	}
	return Write(blocks), nil
}

// Write lays blocks out as plan text.
func Write(blocks []Block) []byte {
	w := &writer{}
	w.buf.Grow(textSize(blocks))
	w.blocks(blocks)
	out := w.buf.Bytes()
	// One final newline.
	out = bytes.TrimRight(out, "\n")
	if len(out) > 0 {
		out = append(out, '\n')
	}
	return out
}

// textSize is about the size of blocks' plan text: their text with a
// line break and a tab for each line, so that the writer's buffer is sized
// once.
func textSize(bs []Block) int {
	n := 0
	for i := range bs {
		b := &bs[i]
		n += len(b.Text) + 2
		for _, note := range b.Notes {
			n += len(note) + len("注：") + 1
		}
		for _, r := range b.Rows {
			for _, c := range r.Cells {
				n += 2
				for _, l := range c.Lines {
					n += len(l) + 1
				}
			}
			n++
		}
		n += textSize(b.Body)
	}
	return n
}

type writer struct {
	buf    bytes.Buffer
	blanks int // blank lines just written
	any    bool
	inBox  int // boxes open
}

func (w *writer) line(s string) {
	w.buf.WriteString(s)
	w.buf.WriteByte('\n')
	w.blanks = 0
	w.any = true
}

func (w *writer) blank() {
	if !w.any || w.blanks >= maxBlankRun {
		return
	}
	w.buf.WriteByte('\n')
	w.blanks++
}

func (w *writer) blocks(bs []Block) {
	for i := range bs {
		w.block(&bs[i])
	}
}

func (w *writer) block(b *Block) {
	switch b.Kind {
	case Para:
		if t := ParaLine(b.Text); t != "" {
			if b.Level > 0 && b.Level <= MaxLevel && w.inBox == 0 {
				// Marks the text has already (a page made from Markdown:
				// <h2>## 总体要求</h2>) would hide the level: they go.
				if u := strings.TrimLeft(t, "# "); u != "" {
					t = u
				}
				t = strings.Repeat("#", b.Level) + " " + t
			}
			w.line(t)
		}
	case Gap:
		w.blank()
	case Table:
		w.table(b.Rows)
	case Box:
		w.inBox++
		w.blocks(b.Body)
		w.inBox--
		w.notes(b.Notes)
		w.blank()
		w.blank()
		return
	}
	w.notes(b.Notes)
}

func (w *writer) notes(ns []string) {
	for _, n := range ns {
		t := ParaLine(n)
		if t == "" {
			continue
		}
		if !hasNoteWord(t) {
			t = "注：" + t
		}
		w.line(t)
	}
}

// hasNoteWord reports a note that names itself: "注：…", "备注：…", "说明：…".
func hasNoteWord(t string) bool {
	for _, p := range []string{"注", "备注", "说明"} { // (either script: internal/hanzi)
		if n := hanzi.Prefix(t, p); n >= 0 {
			r, _ := utf8.DecodeRuneInString(t[n:])
			return r == '：' || r == ':' || unicode.IsDigit(r)
		}
	}
	return false
}

func (w *writer) table(rows []Row) {
	width := 0
	for _, r := range rows {
		width = max(width, len(r.Cells))
	}
	for _, r := range rows {
		empty := true
		for _, c := range r.Cells {
			if !c.Empty() {
				empty = false
				break
			}
		}
		if empty {
			continue
		}
		cells := r.Cells
		if titleRow(r, width) {
			cells = cells[:1]
		} else {
			for len(cells) < width {
				cells = append(cells, Cell{})
			}
		}
		for _, c := range cells {
			lines := cellLines(c)
			if len(lines) == 0 {
				w.line("\t")
				continue
			}
			w.line("\t" + lines[0])
			for _, l := range lines[1:] {
				w.line(l)
			}
		}
		w.buf.WriteByte('\n')
		w.blanks = 1
	}
}

// titleRow reports a row that is one cell merged across the whole table.
func titleRow(r Row, width int) bool {
	if width < 2 || len(r.Cells) == 0 || r.Cells[0].Covered || r.Cells[0].Empty() {
		return false
	}
	for _, c := range r.Cells[1:] {
		if !c.Covered {
			return false
		}
	}
	return len(r.Cells) == width
}

// cellLines returns the non-blank lines of a cell as the table layout
// writes them: padding trimmed, tabs made spaces.
func cellLines(c Cell) []string {
	var out []string
	for _, l := range c.Lines {
		for _, part := range strings.Split(l, "\n") {
			if t := oneLine(part); t != "" {
				out = append(out, t)
			}
		}
	}
	return out
}

// ParaLine is the one line a paragraph's text is written as.
func ParaLine(s string) string { return oneLineKeepTab(s) }

// oneLine makes s one line: line breaks, tabs and other controls become
// spaces (terminal escape sequences go whole), runs of spaces one, padding
// trimmed. A line break between two Chinese characters is no space (a line
// broken inside a sentence).
func oneLine(s string) string {
	if plain(s) {
		return trimPad(s)
	}
	var b strings.Builder
	b.Grow(len(s))
	space, brk := false, false
	var last rune
	for i := 0; i < len(s); {
		r, w := utf8.DecodeRuneInString(s[i:])
		if r == 0x1b {
			// A terminal escape sequence goes whole: the ESC made a space
			// alone would leave "[31m" in the text, where the loader
			// could no longer tell it from text.
			i = escseq.AfterESC(s, i+1)
			continue
		}
		i += w
		if r == '\t' || r == '\n' || r == '\r' || r == '\v' || r == '\f' || r == ' ' || r == '\u00a0' || unicode.IsControl(r) {
			space = true
			brk = brk || r == '\n' || r == '\r'
			continue
		}
		if space && b.Len() > 0 && !(brk && wide(last) && wide(r)) {
			b.WriteByte(' ')
		}
		space, brk = false, false
		b.WriteRune(r)
		last = r
	}
	return trimPad(b.String())
}

// wide reports a character of Chinese text: Han, CJK and full-width
// punctuation.
func wide(r rune) bool {
	return unicode.Is(unicode.Han, r) || (r >= 0x3000 && r <= 0x303F) || (r >= 0xFF00 && r <= 0xFFEF) ||
		r == '“' || r == '”' || r == '‘' || r == '’' || r == '—' || r == '…'
}

// plain reports a string oneLine leaves as it is, padding at its ends
// aside: no controls, no NBSP, no two spaces in a row.
func plain(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c < ' ' || c == 0x7F:
			return false
		case c == ' ':
			if i+1 < len(s) && s[i+1] == ' ' {
				return false
			}
		case c == 0xC2: // U+0080–U+00BF: C1 controls, NBSP
			if i+1 < len(s) && s[i+1] <= 0xA0 {
				return false
			}
		}
	}
	return true
}

// oneLineKeepTab is oneLine keeping one tab before a page number that ends
// the line ("第一章 总体要求\t3"), as a table of contents has it.
func oneLineKeepTab(s string) string {
	i := strings.LastIndexByte(s, '\t')
	if i < 0 {
		return oneLine(s)
	}
	head, tail := oneLine(s[:i]), strings.TrimSpace(s[i+1:])
	if head != "" && tail != "" && len(tail) <= 3 && strings.Trim(tail, "0123456789") == "" {
		return head + "\t" + tail
	}
	return oneLine(s)
}

// trimPad trims the padding of the genre: spaces, U+3000, NBSP, zero-width
// spaces and U+FEFF.
func trimPad(s string) string {
	return strings.TrimFunc(s, IsPad)
}

// IsPad reports the padding characters: white space, U+3000, NBSP,
// zero-width space and joiner, U+FEFF.
func IsPad(r rune) bool {
	switch r {
	case '\u200b', '\u200c', '\u200d', '\u2060', '\ufeff':
		return true
	}
	return unicode.IsSpace(r)
}
