package cli

import (
	"bytes"
	"encoding/json"
	"io"
	"strings"

	"planview/model"
)

// A plan's JSON is written piece by piece: a 48 MB plan makes 100 MB of
// JSON, which WriteJSON would hold whole (and then copy): show --json
// peaked at 11 times the file. The pieces — a section's own fields, one
// block, one table row (a table of 200,000 rows: 530 MB whole, 147 MB
// streamed, what loading it takes) — are encoded as WriteJSON encodes them, at their depth, so the
// output is byte for byte what WriteJSON writes (TestStreamedJSONSame).

// jsonStream writes JSON to w, remembering the first error.
type jsonStream struct {
	w   io.Writer
	err error
	buf bytes.Buffer
}

func (js *jsonStream) raw(s string) {
	if js.err == nil {
		_, js.err = io.WriteString(js.w, s)
	}
}

// value writes v encoded as WriteJSON would at nesting depth (its lines
// indented by two spaces per level), without the trailing newline.
func (js *jsonStream) value(depth int, v any) {
	js.buf.Reset()
	enc := json.NewEncoder(&js.buf)
	enc.SetIndent(strings.Repeat("  ", depth), "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil && js.err == nil {
		js.err = err
	}
	b := bytes.TrimSuffix(js.buf.Bytes(), []byte("\n"))
	if js.err == nil {
		_, js.err = js.w.Write(escapeJSONControls(b))
	}
}

// object writes head (a struct of the leading fields) as an object left
// open: without its closing brace, so that fields can follow.
func (js *jsonStream) object(depth int, head any) {
	js.buf.Reset()
	enc := json.NewEncoder(&js.buf)
	enc.SetIndent(strings.Repeat("  ", depth), "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(head); err != nil && js.err == nil {
		js.err = err
	}
	b := bytes.TrimSuffix(js.buf.Bytes(), []byte("\n"))
	b = bytes.TrimSuffix(b, []byte("}"))
	b = bytes.TrimRight(b, " \n")
	if js.err == nil {
		_, js.err = js.w.Write(escapeJSONControls(b))
	}
}

// field starts the next field of an open object at depth.
func (js *jsonStream) field(depth int, name string) {
	js.raw(",\n" + strings.Repeat("  ", depth+1) + `"` + name + `": `)
}

// close ends an object opened at depth.
func (js *jsonStream) close(depth int) {
	js.raw("\n" + strings.Repeat("  ", depth) + "}")
}

// list writes n elements of an array at depth, each by elem.
func (js *jsonStream) list(depth, n int, elem func(i int)) {
	if n == 0 {
		js.raw("[]")
		return
	}
	js.raw("[")
	for i := range n {
		if i > 0 {
			js.raw(",")
		}
		js.raw("\n" + strings.Repeat("  ", depth+1))
		elem(i)
	}
	js.raw("\n" + strings.Repeat("  ", depth) + "]")
}

// planHead and sectionHead are the fields of model.Plan and model.Section
// before their lists, with the same names: the lists follow.
type planHead struct {
	ID     string `json:"id"`
	Title  string `json:"title"`
	Region string `json:"region"`
	Source string `json:"source"`
}

type sectionHead struct {
	Path      string            `json:"path"`
	Level     int               `json:"level"`
	Kind      model.HeadingKind `json:"kind"`
	Number    string            `json:"number"`
	Title     string            `json:"title"`
	Line      int               `json:"line"`
	Synthetic bool              `json:"synthetic,omitempty"`
}

// plan writes p as WriteJSON(p) writes it.
func (js *jsonStream) plan(p *model.Plan) {
	js.object(0, planHead{ID: p.ID, Title: p.Title, Region: p.Region, Source: p.Source})
	if len(p.Preamble) > 0 {
		js.field(0, "preamble")
		js.list(1, len(p.Preamble), func(i int) { js.block(2, &p.Preamble[i]) })
	}
	js.field(0, "sections")
	if p.Sections == nil {
		js.raw("null")
	} else {
		js.list(1, len(p.Sections), func(i int) { js.section(2, p.Sections[i]) })
	}
	js.close(0)
	js.raw("\n")
}

// section writes s at depth as encoding/json writes a *model.Section.
func (js *jsonStream) section(depth int, s *model.Section) {
	js.object(depth, sectionHead{Path: s.Path, Level: s.Level, Kind: s.Kind, Number: s.Number, Title: s.Title, Line: s.Line, Synthetic: s.Synthetic})
	if len(s.Blocks) > 0 {
		js.field(depth, "blocks")
		js.list(depth+1, len(s.Blocks), func(i int) { js.block(depth+2, &s.Blocks[i]) })
	}
	if len(s.Children) > 0 {
		js.field(depth, "children")
		js.list(depth+1, len(s.Children), func(i int) { js.section(depth+2, s.Children[i]) })
	}
	js.close(depth)
}

// blockHead and tableHead are the fields of model.Block and model.Table
// before their lists.
type blockHead struct {
	Kind  model.BlockKind `json:"kind"`
	Text  string          `json:"text,omitempty"`
	Line  int             `json:"line"`
	Spans []model.Span    `json:"spans,omitempty"`
}

type tableHead struct {
	Caption string      `json:"caption,omitempty"`
	Line    int         `json:"line"`
	Header  []model.Row `json:"header,omitempty"`
}

// block writes b at depth: whole when it is a paragraph, row by row when
// it holds a table (a table of 200,000 rows is one block).
func (js *jsonStream) block(depth int, b *model.Block) {
	if b.Table == nil && len(b.Children) == 0 {
		js.value(depth, b)
		return
	}
	js.object(depth, blockHead{Kind: b.Kind, Text: b.Text, Line: b.Line, Spans: b.Spans})
	if t := b.Table; t != nil {
		js.field(depth, "table")
		js.object(depth+1, tableHead{Caption: t.Caption, Line: t.Line, Header: t.Header})
		js.field(depth+1, "rows")
		if t.Rows == nil {
			js.raw("null")
		} else {
			js.list(depth+2, len(t.Rows), func(i int) { js.value(depth+3, &t.Rows[i]) })
		}
		if len(t.Notes) > 0 {
			js.field(depth+1, "notes")
			js.value(depth+2, t.Notes)
		}
		js.close(depth + 1)
	}
	if len(b.Children) > 0 {
		js.field(depth, "children")
		js.list(depth+1, len(b.Children), func(i int) { js.block(depth+2, &b.Children[i]) })
	}
	js.close(depth)
}
