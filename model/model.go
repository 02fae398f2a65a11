// Package model holds a loaded plan as plain data: no parsing, no styling.
//
// A Plan is an outline tree of Sections; each Section holds the Blocks
// (paragraphs, list items, tables, 专栏 boxes) that stand under its heading
// before its first child. Every heading, block, table row and cell keeps the
// 1-based line of the source file it came from, so that any later feature
// (search hits, indicators, comparison) can point back to an exact place.
package model

// Plan is one development plan as loaded from one file.
type Plan struct {
	ID     string `json:"id"`     // short stable slug from the file name
	Title  string `json:"title"`  // the plan's own title, e.g. 天门市民政事业发展“十四五”规划
	Region string `json:"region"` // the issuing region, e.g. 通道侗族自治县
	Source string `json:"source"` // the file the plan was read from, as named to the loader

	// Preamble holds the blocks that come before the first heading.
	Preamble []Block `json:"preamble,omitempty"`
	// Sections are the top-level sections of the outline.
	Sections []*Section `json:"sections"`
}

// HeadingKind is the numbering style of a heading, from the genre's usual
// hierarchy (largest first).
type HeadingKind int

const (
	KindNone        HeadingKind = iota // no number: a heading the document styles as one ("## 总体要求"), a synthetic parent
	KindPart                           // 第一部分 / 第1部分 / 第一篇
	KindChapter                        // 第一章
	KindSection                        // 第一节 / 第1节 / 第一節
	KindCNEnum                         // 一、
	KindCNParen                        // （一） / (一)
	KindArabicEnum                     // 1. / 1、 / 1．
	KindArabicParen                    // （1） / (1)
)

var kindNames = [...]string{"none", "part", "chapter", "section", "cn-enum", "cn-paren", "arabic-enum", "arabic-paren"}

func (k HeadingKind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "unknown"
}

// MarshalText makes kinds readable in JSON.
func (k HeadingKind) MarshalText() ([]byte, error) { return []byte(k.String()), nil }

// Section is one heading of the outline and what stands under it.
type Section struct {
	// Path is the section's position in the tree, 1-based at each level:
	// "3" is the third top-level section, "3.4" its fourth child.
	Path   string      `json:"path"`
	Level  int         `json:"level"` // depth in the tree, 1 for top level
	Kind   HeadingKind `json:"kind"`
	Number string      `json:"number"` // as written: 第三章, 第2节, （一）, 1.
	Title  string      `json:"title"`  // the heading text after the number
	Line   int         `json:"line"`   // source line of the heading; 0 for synthetic
	// Synthetic marks an untitled parent the loader made where a plan's
	// numbering restarts with no parent heading (headings lost in conversion).
	Synthetic bool `json:"synthetic,omitempty"`

	Blocks   []Block    `json:"blocks,omitempty"`
	Children []*Section `json:"children,omitempty"`
	Parent   *Section   `json:"-"`
}

// Heading is the number and title as a reader sees them: "第三章 完善养老服务体系".
func (s *Section) Heading() string {
	switch {
	case s.Number == "":
		return s.Title
	case s.Title == "":
		return s.Number
	}
	// Numbers that end in punctuation (一、 （一） 1.) need no space.
	last := []rune(s.Number)
	switch last[len(last)-1] {
	case '、', '）', ')', '.', '．', '。':
		return s.Number + s.Title
	}
	return s.Number + " " + s.Title
}

// Ancestors returns the sections from the top level down to s, s included.
func (s *Section) Ancestors() []*Section {
	var out []*Section
	for p := s; p != nil; p = p.Parent {
		out = append(out, p)
	}
	for i, j := 0, len(out)-1; i < j; i, j = i+1, j-1 {
		out[i], out[j] = out[j], out[i]
	}
	return out
}

// BlockKind tells what a block is.
type BlockKind int

const (
	Paragraph  BlockKind = iota
	ListItem             // an enumerated item that is not a heading
	TableBlock           // Table is set
	BoxBlock             // a 专栏 box: Title and Children are set
)

var blockKindNames = [...]string{"paragraph", "list-item", "table", "box"}

func (k BlockKind) String() string {
	if int(k) < len(blockKindNames) {
		return blockKindNames[k]
	}
	return "unknown"
}

// MarshalText makes kinds readable in JSON.
func (k BlockKind) MarshalText() ([]byte, error) { return []byte(k.String()), nil }

// Block is a unit of content under a heading.
type Block struct {
	Kind BlockKind `json:"kind"`
	// Text is the block's text, source lines rejoined (paragraphs, list items,
	// and a box's title).
	Text string `json:"text,omitempty"`
	Line int    `json:"line"` // first source line
	// Spans map byte offsets in Text back to source lines: Spans[i].Off is
	// where the text of source line Spans[i].Line begins, Spans[0] being
	// {0, Line}. A block from one line has no spans: Line is its line.
	Spans    []Span  `json:"spans,omitempty"`
	Table    *Table  `json:"table,omitempty"`
	Children []Block `json:"children,omitempty"` // a box's content
}

// Span ties a byte offset in a block's Text to the source line it came from.
type Span struct {
	Off  int `json:"off"`
	Line int `json:"line"`
}

// LineAt returns the source line of the byte at offset off in b.Text.
func (b *Block) LineAt(off int) int {
	line := b.Line
	for _, s := range b.Spans {
		if s.Off > off {
			break
		}
		line = s.Line
	}
	return line
}

// Table is a table as the plan draws it.
type Table struct {
	Caption string `json:"caption,omitempty"` // e.g. 表2 “十四五”时期民政事业发展主要指标
	Line    int    `json:"line"`
	Header  []Row  `json:"header,omitempty"` // one or more header rows
	Rows    []Row  `json:"rows"`
	// Notes are lines printed under the table (注：…), kept with it.
	Notes []string `json:"notes,omitempty"`
}

// Columns returns the number of columns: the widest row.
func (t *Table) Columns() int {
	n := 0
	for _, r := range t.Header {
		n = max(n, len(r.Cells))
	}
	for _, r := range t.Rows {
		n = max(n, len(r.Cells))
	}
	return n
}

// Row is one table row. A row can become an indicator with its Line as the
// source location.
type Row struct {
	Cells []Cell `json:"cells"`
	Line  int    `json:"line"`
}

// Cell is one table cell. A merged or empty cell has no lines.
type Cell struct {
	Lines []string `json:"lines,omitempty"` // the cell's text, one entry per line it wraps onto in the source
	Line  int      `json:"line,omitempty"`
}

// Text joins the cell's lines. Lines of Chinese text join without a space.
func (c Cell) Text() string {
	switch len(c.Lines) {
	case 0:
		return ""
	case 1:
		return c.Lines[0]
	}
	n := 0
	for _, l := range c.Lines {
		n += len(l)
	}
	b := make([]byte, 0, n)
	for _, l := range c.Lines {
		b = append(b, l...)
	}
	return string(b)
}

// Location is an exact place in a plan that a view can jump to.
type Location struct {
	Plan    string   `json:"plan"`              // plan ID
	Section string   `json:"section,omitempty"` // section Path ("3.4"); empty for the preamble
	Titles  []string `json:"titles,omitempty"`  // the headings from the top level down
	Line    int      `json:"line"`              // source line
	// Block is the index of the block within its section (or preamble);
	// for a table cell Row and Col are also set (Row counts header rows first,
	// 0-based), and -1 means "not in a table".
	Block int `json:"block"`
	Row   int `json:"row"`
	Col   int `json:"col"`
}

// Walk calls fn for every section of p in document order, depth first.
func (p *Plan) Walk(fn func(*Section)) {
	var walk func([]*Section)
	walk = func(ss []*Section) {
		for _, s := range ss {
			fn(s)
			walk(s.Children)
		}
	}
	walk(p.Sections)
}

// Find returns the section with the given Path, or nil.
func (p *Plan) Find(path string) *Section {
	var found *Section
	p.Walk(func(s *Section) {
		if found == nil && s.Path == path {
			found = s
		}
	})
	return found
}

// Counts returns the number of top-level sections, of sections at all levels,
// and of tables (boxes included).
func (p *Plan) Counts() (chapters, sections, tables int) {
	countTables := func(bs []Block) {
		var walk func([]Block)
		walk = func(bs []Block) {
			for _, b := range bs {
				if b.Kind == TableBlock {
					tables++
				}
				walk(b.Children)
			}
		}
		walk(bs)
	}
	countTables(p.Preamble)
	p.Walk(func(s *Section) {
		sections++
		countTables(s.Blocks)
	})
	return len(p.Sections), sections, tables
}
