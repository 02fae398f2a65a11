package loader

// The clean stage, whole lines: a table of contents, PDF page numbers and
// link spam are dropped (their lines get N = 0; cleanCensus compacts). The
// thresholds are in limits.go.

import (
	"planview/internal/hanzi"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"
)

// dropTOC removes tables of contents: a 目录 (目 录, 目次, Contents) line
// followed by entries that end in a page number after a tab, dot leaders or
// spaces (blank lines and an entry wrapped onto two lines allowed), and,
// with no 目录 line, any run of three or more entries with dot leaders.
// The 目录 line goes with its entries. Dropped lines get N = 0.
func dropTOC(lines []Line) {
	for i := 0; i < len(lines); i++ {
		if lines[i].N == 0 {
			continue
		}
		if isTOCHeading(lines[i].Text) {
			last, entries := tocRun(lines, i+1, false)
			if entries >= tocMinEntries {
				for k := i; k <= last; k++ {
					lines[k].N = 0
				}
				i = last
			}
			continue
		}
		if _, leaders := tocEntry(lines[i].Text); leaders {
			last, entries := tocRun(lines, i, true)
			if entries >= tocMinLeaderRun {
				for k := i; k <= last; k++ {
					lines[k].N = 0
				}
				i = last
			}
		}
	}
}

// tocRun returns the index of the last entry of the run of TOC entries that
// starts at lines[i] and how many entries it has.
func tocRun(lines []Line, i int, leadersOnly bool) (last, entries int) {
	last = i - 1
	for j := i; j < len(lines); j++ {
		t := lines[j].Text
		if isSpaceTab(t) {
			continue
		}
		if ok, leaders := tocEntry(t); ok && (leaders || !leadersOnly) {
			last, entries = j, entries+1
			continue
		}
		// An entry wrapped onto two lines: a short line directly followed by
		// an entry.
		if j+1 < len(lines) && utf8.RuneCountInString(t) <= tocMaxWrappedTitle && !strings.HasSuffix(t, "。") {
			if ok, leaders := tocEntry(lines[j+1].Text); ok && (leaders || !leadersOnly) {
				continue
			}
		}
		break
	}
	return last, entries
}

// isTOCHeading reports whether a line is a table-of-contents heading.
func isTOCHeading(t string) bool {
	if len(t) > tocHeadingMaxBytes {
		return false
	}
	i := 0
	for i < len(t) && (t[i] == ' ' || t[i] == '\t') {
		i++
	}
	if i == len(t) {
		return false
	}
	switch t[i] {
	case 0xE7: // 目录, 目錄, 目次 start with 目
		if !strings.HasPrefix(t[i:], "目") {
			return false
		}
	case 'c', 'C', 't', 'T': // contents, table of contents
	default:
		return false
	}
	t = strings.Map(func(r rune) rune {
		if r == ' ' || r == '\t' || r == '\u3000' {
			return -1
		}
		return r
	}, t)
	switch strings.ToLower(hanzi.String(t)) {
	case "目录", "目次", "contents", "tableofcontents":
		return true
	}
	return false
}

// tocEntry reports whether t is shaped like a TOC entry: a title of up to 80
// characters with no tab inside, then one tab, dot leaders or spaces, then
// a page number of one to three digits. leaders is true for dot leaders.
func tocEntry(t string) (ok, leaders bool) {
	t = strings.TrimRight(t, " ")
	if t == "" || t[len(t)-1] < '0' || t[len(t)-1] > '9' {
		return false, false
	}
	t = strings.TrimLeft(t, " \t")
	j := len(t)
	for j > 0 && t[j-1] >= '0' && t[j-1] <= '9' {
		j--
	}
	if d := len(t) - j; d == 0 || d > maxPageDigits {
		return false, false
	}
	k := j
	sep, dots, tabs := 0, 0, 0
	for k > 0 {
		r, n := utf8.DecodeLastRuneInString(t[:k])
		switch r {
		case '\t':
			tabs++
			sep++
		case ' ', '\u3000':
			sep++
		case '.', '…', '·', '．', '‥', '・', '⋯', '-', '_', '—':
			dots++
		default:
			goto done
		}
		k -= n
	}
done:
	if sep+dots == 0 || k == 0 || tabs > 1 {
		return false, false // two tabs: a table row with an empty cell
	}
	title := t[:k]
	if strings.IndexByte(title, '\t') >= 0 || utf8.RuneCountInString(title) > tocMaxTitle {
		return false, false
	}
	// The title must hold a letter, not only digits and punctuation.
	hasLetter := false
	for _, r := range title {
		if r >= 0x80 || isASCIILetter(byte(r)) {
			hasLetter = true
			break
		}
	}
	if !hasLetter {
		return false, false
	}
	return true, dots >= tocMinLeaders
}

// pageNum is the number of a decorated page number, in the regular
// expressions below.
var pageNum = "[0-9]{1," + strconv.Itoa(decoratedPageDigits) + "}"

var (
	dashedPage  = regexp.MustCompile(`^[-—–－―‐‒﹣]+ *` + pageNum + ` *[-—–－―‐‒﹣]+$`)
	chinesePage = regexp.MustCompile(`^(共 *` + pageNum + ` *页 *[,，/／]? *)?第 *` + pageNum + ` *页( *[,，/／]? *共 *` + pageNum + ` *页)?$`)
	englishPage = regexp.MustCompile(`^(?i)page +` + pageNum + `( +of +` + pageNum + `)?$`)
)

// dropPageNumbers removes PDF page numbers: a line (not tab-led: those are
// table cells) that is only "- 12 -", "— 3 —", "第 3 页", "第3页 共40页",
// "Page 3 of 40"; and bare numbers ("12") that number consecutive pages, see
// minPageRun.
func dropPageNumbers(lines []Line) {
	type chain struct {
		val     int
		lastOff int // byte offset of its last member
		members []int
	}
	// chains by the value they end with, most recent last. Only the last
	// few are looked at, so that text full of equal numbers stays linear.
	var all []*chain
	byVal := map[int][]*chain{}
	offset := 0 // bytes of text before lines[i]
	for i := range lines {
		l := &lines[i]
		t := l.Text
		at := offset
		offset += len(t) + 1
		if l.N == 0 || len(t) == 0 || len(t) > pageLineMaxBytes || !hasASCIIDigit(t) || strings.IndexByte(t, '\t') >= 0 {
			continue // a page number, bare or decorated, has digits
		}
		t = strings.TrimSpace(strings.ReplaceAll(t, "\u3000", " "))
		if t == "" {
			continue
		}
		if v, ok := bareNumber(t); ok {
			var best *chain
			prev := byVal[v-1]
			for k := len(prev) - 1; k >= 0 && k >= len(prev)-pageChainLook; k-- {
				gap := at - prev[k].lastOff
				if gap > maxPageBytes {
					break
				}
				if gap >= minPageBytes && prev[k].val == v-1 {
					best = prev[k]
					break
				}
			}
			if best == nil {
				best = &chain{}
				all = append(all, best)
			}
			best.val, best.lastOff = v, at
			best.members = append(best.members, i)
			byVal[v] = append(byVal[v], best)
			continue
		}
		if isDecoratedPage(t) {
			l.N = 0
		}
	}
	for _, c := range all {
		if len(c.members) >= minPageRun {
			for _, i := range c.members {
				lines[i].N = 0
			}
		}
	}
}

// dropLastPageNumber removes a bare number (1 to 999, not tab-led) that is
// the last non-blank line of a file, after body text: the number of the
// last page, which no run of page numbers confirms when the others were
// lost. The lines before it must be text, not table cells: when any of the
// lastPageContext non-blank lines before it holds a tab or is a number cell,
// the number is a table's and stays.
func dropLastPageNumber(lines []Line) {
	last := -1
	for i := len(lines) - 1; i >= 0; i-- {
		if lines[i].N != 0 && !isBlankText(lines[i].Text) {
			last = i
			break
		}
	}
	if last < 0 || strings.IndexByte(lines[last].Text, '\t') >= 0 {
		return
	}
	if _, ok := bareNumber(trimSpace(lines[last].Text)); !ok {
		return
	}
	seen := 0
	for i := last - 1; i >= 0 && seen < lastPageContext; i-- {
		t := lines[i].Text
		if lines[i].N == 0 || isBlankText(t) {
			continue
		}
		if strings.IndexByte(t, '\t') >= 0 || isNumericCell(t) {
			return
		}
		seen++
	}
	if seen == 0 {
		return // a lone number is no page of text
	}
	lines[last].N = 0
}

// isDecoratedPage reports whether t (trimmed, not a bare number) is a page
// number such as "- 12 -", "第 3 页" or "Page 3 of 40".
func isDecoratedPage(t string) bool {
	if strings.IndexAny(t, "0123456789") < 0 {
		return false
	}
	switch {
	case strings.Contains(t, "页"):
		return chinesePage.MatchString(t)
	case t[0] == 'p' || t[0] == 'P':
		return englishPage.MatchString(t)
	case t[0] == '-' || t[0] >= 0xE2 && t[0] <= 0xEF:
		return dashedPage.MatchString(t)
	}
	return false
}

// hasASCIIDigit reports a byte '0'…'9' in t.
func hasASCIIDigit(t string) bool {
	for i := 0; i < len(t); i++ {
		if t[i]-'0' <= 9 {
			return true
		}
	}
	return false
}

// bareNumber parses a line that is only a number from 1 to 999.
func bareNumber(t string) (int, bool) {
	if len(t) > maxPageDigits || t[0] == '0' {
		return 0, false
	}
	v := 0
	for i := 0; i < len(t); i++ {
		if t[i] < '0' || t[i] > '9' {
			return 0, false
		}
		v = v*10 + int(t[i]-'0')
	}
	return v, true
}

// dropLinkSpam removes link spam, recognised by its shape (see
// minSpamPhrases): many short phrases separated by '|' or '｜', hardly any
// sentence punctuation, few numbers. A line with at least minSpamPhrases
// such phrases goes anywhere in the file; at the end of a file, a run of
// lines of that shape goes when together they hold minSpamPhrases phrases.
// Rows of a table drawn with '|' are not spam: a line that starts with '|'
// (Markdown), or that has as many separators as a neighbouring line, one of
// the two with a number for a cell.
// pipes lists the lines that hold a separator.
func dropLinkSpam(lines []Line, pipes []int) {
	// The tail: walk back over blank and spam-shaped lines.
	total, first := 0, len(lines)
	for i := len(lines) - 1; i >= 0; i-- {
		if lines[i].N == 0 || isSpaceTab(lines[i].Text) {
			continue
		}
		n, ok := spamPhrases(lines[i].Text)
		if !ok || n == 0 || pipeTableRow(lines, i) {
			break
		}
		total += n
		first = i
	}
	if total >= minSpamPhrases {
		for i := first; i < len(lines); i++ {
			if !isSpaceTab(lines[i].Text) {
				lines[i].N = 0
			}
		}
	}
	for _, i := range pipes {
		if lines[i].N == 0 {
			continue
		}
		if n, ok := spamPhrases(lines[i].Text); ok && n >= minSpamPhrases && !pipeTableRow(lines, i) {
			lines[i].N = 0
		}
	}
}

// pipeTableRow reports whether lines[i] is a row of a table drawn with
// '|': the nearest non-blank line before or after it has as many
// separators (at least two), and one of the two has a numeric cell.
func pipeTableRow(lines []Line, i int) bool {
	seps, num := pipeCells(lines[i].Text)
	if seps < pipeTableMinSeps {
		return false
	}
	for _, dir := range []int{-1, 1} {
		for j := i + dir; j >= 0 && j < len(lines); j += dir {
			if lines[j].N == 0 || isSpaceTab(lines[j].Text) {
				continue
			}
			s2, num2 := pipeCells(lines[j].Text)
			if s2 == seps && (num || num2) {
				return true
			}
			break
		}
	}
	return false
}

// pipeCells counts the separators of t and reports whether a cell between
// them is a number (digits, '.', '%', '-').
func pipeCells(t string) (seps int, numeric bool) {
	for len(t) > 0 {
		i := strings.IndexAny(t, "|｜")
		cell := t
		if i >= 0 {
			cell = t[:i]
		}
		if cell = strings.TrimSpace(cell); cell != "" && strings.Trim(cell, "0123456789.%-") == "" {
			numeric = true
		}
		if i < 0 {
			break
		}
		seps++
		_, n := utf8.DecodeRuneInString(t[i:])
		t = t[i+n:]
	}
	return seps, numeric
}

// spamPhrases reports whether t is shaped like link spam and how many
// phrases it holds. A line with no separator holds none. A line that starts
// with '|' is a Markdown table row, not spam.
func spamPhrases(t string) (n int, ok bool) {
	t = strings.TrimSpace(t)
	if strings.HasPrefix(t, "|") || strings.HasPrefix(t, "｜") {
		return 0, false
	}
	if strings.IndexByte(t, '|') < 0 && !strings.Contains(t, "｜") {
		return 0, false
	}
	phrases, numeric, punct, long := 0, 0, 0, 0
	for _, p := range strings.FieldsFunc(t, func(r rune) bool { return r == '|' || r == '｜' }) {
		p = strings.TrimSpace(p)
		if p == "" {
			continue
		}
		phrases++
		if utf8.RuneCountInString(p) > spamLongPhrase {
			long++
		}
		digits := 0
		for _, r := range p {
			switch r {
			case '。', '，', '；', '！', '？', '：':
				punct++
			}
			if r >= '0' && r <= '9' || r == '.' || r == '%' {
				digits++
			}
		}
		if digits*spamDigitShare >= len(p) {
			numeric++
		}
	}
	if phrases == 0 || long*spamLongShare > phrases || punct*spamPunctShare > phrases || numeric*spamNumericShare > phrases {
		return 0, false
	}
	return phrases, true
}
