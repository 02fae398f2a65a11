// Package html reads plans published as web pages (.html, .htm) into plan
// text, with golang.org/x/net/html.
//
// What it keeps: the article — the part of the page that holds its text,
// found by where the text is rather than by a site's class names: an
// <article> or <main> that holds most of it, else the element that holds
// most of the page's own text (text outside links) with no heading beside
// it — with its headings (h1–h6), paragraphs and line breaks as lines, list
// items with the numbers the browser draws (an <ol>'s 1. 2. …, or 一、 for
// cjk-ideographic), tables with their rowspan/colspan cells left empty
// where the model keeps merged cells empty and each cell's <p>, <div> and
// <br> as its lines, a table of one column as a box (a 专栏 drawn as a
// one-cell table), and footnotes (a numbered link to a note later in the
// page) as notes under what references them.
//
// What it drops: scripts, styles, forms, navigation, hidden elements, the
// page around the article (banners, breadcrumbs, publication info, footers)
// and link lists — any block that is mostly links, and any run of three or
// more lines that are nothing but links (the link spam portals append after
// an article).
//
// The page's declared charset is honoured (decode); a page with none is
// UTF-8 when its bytes are, else GB18030.
package html

import (
	"bytes"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	xhtml "golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"planview/formats/internal/numerals"
	"planview/formats/internal/plantext"
)

// Read reads a web page into blocks.
func Read(name string, data []byte) ([]plantext.Block, error) {
	text, _ := decode(data)
	doc, err := xhtml.Parse(bytes.NewReader(text))
	if err != nil {
		return nil, &plantext.Error{File: name, Err: plantext.Damaged(err)}
	}
	body := find(doc, atom.Body)
	if body == nil {
		body = doc
	}
	c := &conv{
		skip:    map[*xhtml.Node]bool{},
		stats:   map[*xhtml.Node]stat{},
		notesAt: map[*xhtml.Node][]string{},
	}
	c.prune(body, false)
	c.measure(body)
	c.pruneLinkLists(body)
	c.measure(body)
	c.findNotes(body)
	root := c.article(body)
	c.walk(root)
	c.flush()
	blocks := c.finish()
	if !plantext.HasText(blocks) {
		return nil, &plantext.Error{File: name, Err: plantext.ErrNoText}
	}
	return blocks, nil
}

// find returns the first element a in n's subtree.
func find(n *xhtml.Node, a atom.Atom) *xhtml.Node {
	if n.Type == xhtml.ElementNode && n.DataAtom == a {
		return n
	}
	for k := n.FirstChild; k != nil; k = k.NextSibling {
		if f := find(k, a); f != nil {
			return f
		}
	}
	return nil
}

func getAttr(n *xhtml.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}

func attrOf(n *xhtml.Node, key string) string {
	v, _ := getAttr(n, key)
	return v
}

// ---- pruning ----

// prune marks what is never text: scripts, styles, forms, embedded
// objects, hidden elements; navigation and asides; headers and footers of
// the page (those inside an <article> or <main> are the article's).
func (c *conv) prune(n *xhtml.Node, inArticle bool) {
	for k := n.FirstChild; k != nil; k = k.NextSibling {
		switch k.Type {
		case xhtml.CommentNode, xhtml.DoctypeNode:
			c.skip[k] = true
			continue
		case xhtml.ElementNode:
		default:
			continue
		}
		switch k.DataAtom {
		case atom.Script, atom.Style, atom.Noscript, atom.Template, atom.Iframe, atom.Object, atom.Embed,
			atom.Svg, atom.Math, atom.Canvas, atom.Audio, atom.Video, atom.Map, atom.Head, atom.Title, atom.Meta, atom.Link,
			atom.Select, atom.Option, atom.Input, atom.Button, atom.Textarea, atom.Form, atom.Nav, atom.Aside, atom.Dialog:
			c.skip[k] = true
			continue
		case atom.Header, atom.Footer:
			if !inArticle {
				c.skip[k] = true
				continue
			}
		}
		if hidden(k) || pageMargin(k) {
			c.skip[k] = true
			continue
		}
		c.prune(k, inArticle || k.DataAtom == atom.Article || k.DataAtom == atom.Main || attrOf(k, "role") == "main")
	}
}

// hidden reports an element the page does not show.
func hidden(n *xhtml.Node) bool {
	if _, ok := getAttr(n, "hidden"); ok {
		return true
	}
	st := strings.ToLower(strings.ReplaceAll(attrOf(n, "style"), " ", ""))
	return strings.Contains(st, "display:none") || strings.Contains(st, "visibility:hidden")
}

// pageMargin reports the running header or footer of a word processor's
// page, exported into the page: LibreOffice's <div title="header">, Word's
// mso-element:header. It repeats the title or a page number; the article
// has them where they belong.
func pageMargin(n *xhtml.Node) bool {
	if n.DataAtom != atom.Div {
		return false
	}
	switch strings.ToLower(attrOf(n, "title")) {
	case "header", "footer":
		return true
	}
	st := strings.ToLower(strings.ReplaceAll(attrOf(n, "style"), " ", ""))
	return strings.Contains(st, "mso-element:header") || strings.Contains(st, "mso-element:footer")
}

// stat is what the article finder knows of an element: characters of its
// own text (outside links), characters inside links, and links.
type stat struct {
	text, link, links int
}

func (c *conv) measure(n *xhtml.Node) stat {
	var s stat
	c.measureInto(n, false, &s)
	return s
}

func (c *conv) measureInto(n *xhtml.Node, inLink bool, total *stat) {
	if c.skip[n] {
		return
	}
	switch n.Type {
	case xhtml.TextNode:
		k := 0
		for _, r := range n.Data {
			if !unicode.IsSpace(r) {
				k++
			}
		}
		if inLink {
			total.link += k
		} else {
			total.text += k
		}
		return
	case xhtml.ElementNode, xhtml.DocumentNode:
	default:
		return
	}
	var s stat
	link := inLink
	if n.DataAtom == atom.A {
		if _, ok := getAttr(n, "href"); ok {
			s.links++
			link = true
		}
	}
	for k := n.FirstChild; k != nil; k = k.NextSibling {
		c.measureInto(k, link, &s)
	}
	c.stats[n] = s
	total.text += s.text
	total.link += s.link
	total.links += s.links
}

// Link lists: a block of at least linkListMin links whose link text is at
// least linkListShare of its text is navigation, a list of related
// articles or link spam, never the plan.
const (
	linkListMin   = 3
	linkListShare = 0.5
)

func (c *conv) pruneLinkLists(n *xhtml.Node) {
	for k := n.FirstChild; k != nil; k = k.NextSibling {
		if k.Type != xhtml.ElementNode || c.skip[k] {
			continue
		}
		s := c.stats[k]
		if isBlock(k.DataAtom) && s.links >= linkListMin && float64(s.link) >= linkListShare*float64(s.text+s.link) {
			c.skip[k] = true
			continue
		}
		c.pruneLinkLists(k)
	}
}

// ---- the article ----

// articleShare: the element the article finder steps into must hold at
// least this share of its parent's text.
const articleShare = 0.7

// article returns the element that holds the article: an <article>,
// <main> or role=main element holding most of the page's text, else the
// element found by stepping down from body into the child that holds most
// of the text, while that child holds articleShare of it and no heading of
// the page stands beside it.
func (c *conv) article(body *xhtml.Node) *xhtml.Node {
	total := c.stats[body].text
	var best *xhtml.Node
	var visit func(n *xhtml.Node)
	visit = func(n *xhtml.Node) {
		for k := n.FirstChild; k != nil; k = k.NextSibling {
			if k.Type != xhtml.ElementNode || c.skip[k] {
				continue
			}
			if k.DataAtom == atom.Article || k.DataAtom == atom.Main || attrOf(k, "role") == "main" {
				if t := c.stats[k].text; 2*t >= total && (best == nil || t > c.stats[best].text) {
					best = k
				}
			}
			visit(k)
		}
	}
	visit(body)
	if best != nil {
		return best
	}
	n := body
	for {
		var child *xhtml.Node
		for k := n.FirstChild; k != nil; k = k.NextSibling {
			if k.Type == xhtml.ElementNode && !c.skip[k] && (child == nil || c.stats[k].text > c.stats[child].text) {
				child = k
			}
		}
		if child == nil || !container(child.DataAtom) ||
			float64(c.stats[child].text) < articleShare*float64(c.stats[n].text) || c.headingBeside(n, child) {
			return n
		}
		n = child
	}
}

// container reports the elements the article finder steps into: those
// that hold paragraphs, not paragraphs themselves (nor tables, whose cells
// are not the page's layout once the article is found).
func container(a atom.Atom) bool {
	switch a {
	case atom.Div, atom.Section, atom.Article, atom.Main, atom.Center, atom.Blockquote, atom.Span, atom.Font, atom.Form:
		return true
	}
	return false
}

// headingBeside reports a heading (h1–h3) in n outside child: the
// article's title, which the article must keep.
func (c *conv) headingBeside(n, child *xhtml.Node) bool {
	var found bool
	var visit func(k *xhtml.Node)
	visit = func(k *xhtml.Node) {
		for x := k.FirstChild; x != nil && !found; x = x.NextSibling {
			if x == child || x.Type != xhtml.ElementNode || c.skip[x] {
				continue
			}
			switch x.DataAtom {
			case atom.H1, atom.H2, atom.H3:
				if c.stats[x].text > 0 {
					found = true
					return
				}
			}
			visit(x)
		}
	}
	visit(n)
	return found
}

// isBlock reports the elements that start a line of their own.
func isBlock(a atom.Atom) bool {
	switch a {
	case atom.P, atom.Div, atom.Section, atom.Article, atom.Main, atom.Header, atom.Footer, atom.Blockquote,
		atom.Center, atom.Address, atom.Figure, atom.Figcaption, atom.Dl, atom.Dd, atom.Dt, atom.Ul, atom.Ol,
		atom.Li, atom.Table, atom.Caption, atom.Tbody, atom.Thead, atom.Tfoot, atom.Tr, atom.Td, atom.Th,
		atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.Pre, atom.Hr, atom.Fieldset, atom.Details,
		atom.Summary, atom.Body, atom.Html, atom.Form, atom.Nav, atom.Aside:
		return true
	}
	return false
}

// ---- footnotes ----

// findNotes pairs footnote references with their notes: a link whose text
// is a note mark (1, [1], (1), *, or any short text in <sup>) to an
// element later in the page, outside the referencing paragraph. The note
// is the paragraph (or list item) holding that element, its links back
// removed; it is printed under the block holding the reference (its table,
// when the reference is in a cell), not where the page puts it.
func (c *conv) findNotes(body *xhtml.Node) {
	ids := map[string]*xhtml.Node{}
	order := map[*xhtml.Node]int{}
	var anchors []*xhtml.Node
	i := 0
	var visit func(n *xhtml.Node)
	visit = func(n *xhtml.Node) {
		order[n] = i
		i++
		if n.Type == xhtml.ElementNode {
			if id := attrOf(n, "id"); id != "" {
				if _, dup := ids[id]; !dup {
					ids[id] = n
				}
			}
			if n.DataAtom == atom.A {
				if nm := attrOf(n, "name"); nm != "" {
					if _, dup := ids[nm]; !dup {
						ids[nm] = n
					}
				}
				if h := attrOf(n, "href"); strings.HasPrefix(h, "#") && len(h) > 1 {
					anchors = append(anchors, n)
				}
			}
		}
		for k := n.FirstChild; k != nil; k = k.NextSibling {
			visit(k)
		}
	}
	visit(body)
	taken := map[*xhtml.Node]bool{}
	for _, a := range anchors {
		if c.skip[a] || !isNoteMark(a) {
			continue
		}
		target := ids[strings.TrimPrefix(attrOf(a, "href"), "#")]
		if target == nil || order[target] <= order[a] {
			continue
		}
		note := blockOf(target)
		if note == nil || contains(note, a) || taken[note] || c.skipped(note) {
			continue
		}
		text := c.noteText(note)
		if text == "" {
			continue
		}
		taken[note] = true
		owner := ownerOf(a)
		c.notesAt[owner] = append(c.notesAt[owner], text)
		c.skip[note] = true
		c.skip[a] = true
	}
}

// skipped reports n or an ancestor pruned.
func (c *conv) skipped(n *xhtml.Node) bool {
	for ; n != nil; n = n.Parent {
		if c.skip[n] {
			return true
		}
	}
	return false
}

// isNoteMark reports a link that reads as a footnote mark.
func isNoteMark(a *xhtml.Node) bool {
	t := strings.TrimSpace(textOf(a))
	if t == "" || utf8.RuneCountInString(t) > 6 {
		return false
	}
	inSup := a.Parent != nil && a.Parent.DataAtom == atom.Sup
	for k := a.FirstChild; k != nil; k = k.NextSibling {
		if k.DataAtom == atom.Sup {
			inSup = true
		}
	}
	if inSup {
		return true
	}
	t = strings.Trim(t, "[]()（）【】")
	if t == "" {
		return false
	}
	if strings.Trim(t, "*†‡") == "" {
		return true
	}
	_, err := strconv.Atoi(t)
	return err == nil
}

// blockOf returns n when it is a paragraph, list item or the like, else
// the nearest such ancestor.
func blockOf(n *xhtml.Node) *xhtml.Node {
	for ; n != nil; n = n.Parent {
		if n.Type == xhtml.ElementNode {
			switch n.DataAtom {
			case atom.P, atom.Li, atom.Div, atom.Dd, atom.Dt, atom.Td, atom.Th, atom.Blockquote, atom.Section, atom.Aside, atom.Footer:
				return n
			}
		}
	}
	return nil
}

// ownerOf returns the block a reference's note is printed under: its table
// when it is in one, else its paragraph.
func ownerOf(a *xhtml.Node) *xhtml.Node {
	for n := a.Parent; n != nil; n = n.Parent {
		if n.DataAtom == atom.Table {
			return n
		}
	}
	return blockOf(a.Parent)
}

func contains(n, k *xhtml.Node) bool {
	for ; k != nil; k = k.Parent {
		if k == n {
			return true
		}
	}
	return false
}

// noteText is a note's text without its links back to the reference.
func (c *conv) noteText(n *xhtml.Node) string {
	var b strings.Builder
	var visit func(k *xhtml.Node)
	visit = func(k *xhtml.Node) {
		if c.skip[k] {
			return
		}
		if k.Type == xhtml.TextNode {
			b.WriteString(k.Data)
			return
		}
		if k.DataAtom == atom.A && strings.HasPrefix(attrOf(k, "href"), "#") {
			return // the link back
		}
		if k.DataAtom == atom.Br {
			b.WriteByte(' ')
		}
		for x := k.FirstChild; x != nil; x = x.NextSibling {
			visit(x)
		}
	}
	visit(n)
	return collapse(b.String())
}

// textOf is the text under n.
func textOf(n *xhtml.Node) string {
	var b strings.Builder
	var visit func(k *xhtml.Node)
	visit = func(k *xhtml.Node) {
		if k.Type == xhtml.TextNode {
			b.WriteString(k.Data)
		}
		for x := k.FirstChild; x != nil; x = x.NextSibling {
			visit(x)
		}
	}
	visit(n)
	return b.String()
}

// collapse collapses white space as a browser does, dropping a line break
// between two Chinese characters, and trims the result.
func collapse(s string) string {
	var l line
	l.text(s)
	return l.String()
}

// ---- lists ----

// list is an open <ol> or <ul>: its marker style and next number.
type list struct {
	ordered  bool
	style    string // a number format (numerals), "" for none
	suffix   string
	next     int
	reversed bool
}

func newList(n *xhtml.Node) *list {
	l := &list{ordered: n.DataAtom == atom.Ol, style: "decimal", suffix: ".", next: 1}
	if !l.ordered {
		l.style = ""
	}
	switch attrOf(n, "type") {
	case "a":
		l.style = "lowerLetter"
	case "A":
		l.style = "upperLetter"
	case "i":
		l.style = "lowerRoman"
	case "I":
		l.style = "upperRoman"
	}
	if s := listStyleType(attrOf(n, "style")); s != "" {
		switch s {
		case "none":
			l.style = ""
		case "decimal":
			l.style = "decimal"
		case "decimal-leading-zero":
			l.style = "decimalZero"
		case "lower-alpha", "lower-latin":
			l.style = "lowerLetter"
		case "upper-alpha", "upper-latin":
			l.style = "upperLetter"
		case "lower-roman":
			l.style = "lowerRoman"
		case "upper-roman":
			l.style = "upperRoman"
		case "cjk-ideographic", "simp-chinese-informal", "trad-chinese-informal", "cjk-decimal":
			l.style, l.suffix = "chineseCountingThousand", "、"
			if s == "cjk-decimal" {
				l.style = "ideographDigital"
			}
		case "simp-chinese-formal":
			l.style, l.suffix = "chineseLegalSimplified", "、"
		case "trad-chinese-formal":
			l.style, l.suffix = "ideographLegalTraditional", "、"
		case "disc", "circle", "square":
			l.style = ""
		}
	}
	if v, err := strconv.Atoi(attrOf(n, "start")); err == nil {
		l.next = v
	}
	if _, ok := getAttr(n, "reversed"); ok {
		l.reversed = true
		if _, ok := getAttr(n, "start"); !ok {
			count := 0
			for k := n.FirstChild; k != nil; k = k.NextSibling {
				if k.DataAtom == atom.Li {
					count++
				}
			}
			l.next = count
		}
	}
	return l
}

// listStyleType reads list-style-type (or the type in list-style) from an
// inline style.
func listStyleType(style string) string {
	for _, decl := range strings.Split(strings.ToLower(style), ";") {
		k, v, ok := strings.Cut(decl, ":")
		if !ok {
			continue
		}
		k, v = strings.TrimSpace(k), strings.TrimSpace(v)
		switch k {
		case "list-style-type":
			return v
		case "list-style":
			for _, f := range strings.Fields(v) {
				switch f {
				case "none", "decimal", "decimal-leading-zero", "lower-alpha", "lower-latin", "upper-alpha", "upper-latin",
					"lower-roman", "upper-roman", "cjk-ideographic", "cjk-decimal", "simp-chinese-informal",
					"trad-chinese-informal", "simp-chinese-formal", "trad-chinese-formal", "disc", "circle", "square":
					return f
				}
			}
		}
	}
	return ""
}

// marker returns the number the browser draws before list item li, and
// counts it.
func (l *list) marker(li *xhtml.Node) string {
	if v, err := strconv.Atoi(attrOf(li, "value")); err == nil {
		l.next = v
	}
	n := l.next
	if l.reversed {
		l.next--
	} else {
		l.next++
	}
	if l.style == "" {
		return ""
	}
	return numerals.Format(n, l.style) + l.suffix
}
