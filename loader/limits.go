package loader

// Every threshold of the loader, by stage, with the line or the layout
// that made it necessary. Quotes are lines of real plans (place names
// elided as ××); where no plan at hand sits at the boundary, the comment
// says what the limit guards against instead. Each constant has a test at
// its boundary, one input just inside and one just outside
// (TestLimitBoundaries in limits_test.go): change a value, and that test
// shows what moves.

// ---- decode ----

// MaxSize is the largest file the loader reads. The plans at hand are under
// 100 KB; the limit only bounds the memory a wrong file
// (a video, a database dump named *.txt) can take.
const MaxSize = 64 << 20

// UTF-16 without a BOM is recognised by the NUL bytes of its ASCII
// characters (digits, Latin letters, ASCII punctuation: "2025", "%", "(1)"):
// at least one code unit in utf16MinNULShare has one, and they stand
// utf16ParityRatio times more often at one parity than at the other (a
// Chinese character such as 一, U+4E00, puts a NUL at the other parity).
// The plans at hand are 10 to 32% ASCII (line ends and spaces included,
// 4 to 20% without), well over the 2% this asks; a binary file's NULs
// fall at both parities. A text of fewer than utf16MinUnits units says
// nothing either way.
const (
	utf16MinNULShare = 50
	utf16ParityRatio = 4
	utf16MinUnits    = 2
)

// binaryMaxControlShare: text that decodes may hold at most one C0 control
// (other than tab, LF, CR, FF and ESC, which terminal and PDF conversions
// leave) per binaryMaxControlShare bytes; more is binary data that happens
// to decode as GB18030 or UTF-16.
const binaryMaxControlShare = 100

// A file that is not valid UTF-8 is UTF-8 with a few damaged bytes (a cut
// or corrupted copy: "cut.txt:204: warning: 3 damaged bytes replaced with
// U+FFFD") when it holds at least damagedMinValid valid multi-byte
// sequences and at most one bad byte per damagedMaxBadShare of them; the
// count gives up after damagedGiveUpBad bad bytes over that share. GB18030
// text makes valid UTF-8 sequences only now and then, among many bad bytes.
const (
	damagedMinValid    = 20
	damagedMaxBadShare = 100
	damagedGiveUpBad   = 10
)

// ---- clean ----

// A Word-export marker is "[word: …]" with a lower-case ASCII word of up to
// markerMaxWord letters ("[bookmark: _Toc2311]", "[image: media/image1.png]"),
// closed within markerMaxLen bytes. The bounds keep a bracket in the text
// ("[注: 这不是导出标记，保留]") from being read as the start of a marker
// that swallows the line.
const (
	markerMaxWord = 21
	markerMaxLen  = 512
)

// An HTML tag (of an element clean knows: htmlTags) closes within tagMaxLen
// bytes ('<span style="font-size:12pt">'); an
// entity ends in ';' at most entityMaxEnd bytes after its '&'
// ("&#x4E00;", "&hellip;"). A '<' or '&' of the text ("x<5 与 a<b 不是标签")
// is kept when no tag or entity closes in time.
const (
	tagMaxLen    = 1024
	entityMaxEnd = 10
)

// A table of contents after a 目录 line has at least tocMinEntries entries;
// without a 目录 line, a run of at least tocMinLeaderRun entries with dot
// leaders ("第一章 发展基础……1"; no plan at hand has one, the crafted
// testdata/clean/toc-dots.input does) is one. An entry ends in a page
// number of at most maxPageDigits digits after a tab, spaces or leaders
// ("（二）基本原则\t12"); its title has at most tocMaxTitle characters, and a
// title wrapped onto two lines has at most tocMaxWrappedTitle characters on
// its first. Leaders are at least tocMinLeaders dots. The heading itself
// ("目录", "目  录", "Table of Contents") is at most tocHeadingMaxBytes bytes.
//
// The longest entry in the plans at hand has 48 characters ("(四) 健全社会
// 事务管理体系，加强社会建设管理，构建与全面小康社会发展相协调的社会事务
// 管理新格局\t18"); four digits at the end of a line are a year, not a page.
const (
	tocMinEntries      = 2
	tocMinLeaderRun    = 3
	tocMaxTitle        = 80
	tocMaxWrappedTitle = 60
	tocMinLeaders      = 2
	tocHeadingMaxBytes = 40
	maxPageDigits      = 3
)

// Page numbers. A line of at most pageLineMaxBytes bytes may be one: a
// decorated number of up to decoratedPageDigits digits ("- 12 -", "第3页
// 共40页", "Page 5 of 40"), or a bare number (of up to maxPageDigits
// digits) in a run of at least minPageRun consecutive numbers, between
// minPageBytes and maxPageBytes bytes of text apart, as the pages of a PDF
// are; table cells and list numbers do not count like that ("      35" in a
// web table). Only the last pageChainLook runs ending in a number are tried,
// so that text full of equal numbers stays linear. A bare number ending the
// file is the last page's unless one of the lastPageContext non-blank lines
// before it is a table cell.
const (
	pageLineMaxBytes    = 64
	decoratedPageDigits = 4
	minPageRun          = 3
	minPageBytes        = 600
	maxPageBytes        = 20000
	pageChainLook       = 8
	lastPageContext     = 5
)

// Link spam appended to a web page (in the plans at hand, one line of 41
// site names of 8 to 16 characters between '|') is a line of at least
// minSpamPhrases phrases between '|' or '｜' — or a run of such lines at
// the end of the file holding that many together — with hardly any
// sentence punctuation, few numbers and few long phrases: at most one
// phrase in spamLongShare over spamLongPhrase characters, one in
// spamPunctShare with clause punctuation, one in spamNumericShare numeric
// (1/spamDigitShare of its bytes digits or more). A table drawn with '|'
// has rows of at least pipeTableMinSeps separators, as many as a
// neighbour's.
const (
	minSpamPhrases   = 6
	spamLongPhrase   = 30
	spamLongShare    = 4
	spamPunctShare   = 4
	spamNumericShare = 3
	spamDigitShare   = 2
	pipeTableMinSeps = 2
)

// markdownMaxHashes: a Markdown heading mark is one to six '#' ("## 第一章
// 总则"); seven or more is text.
const markdownMaxHashes = 6

// ---- units: paragraphs and headings ----

// A line never continues the paragraph above across more than
// joinMaxBlanks blank lines; across one to joinMaxBlanks (a PDF page break,
// an export with a blank line after every line) only when the paragraph
// above has at least joinMinRunes characters, ends mid-sentence and stands
// after the first heading: the front matter of a plan (a notice, a title
// page, "××市民政局" / "××市发展和改革局" / "2021年11月") is short lines that
// must stay apart. (The shortest paragraph the plans at hand join across a
// blank line has 27 characters.)
const (
	joinMaxBlanks = 3
	joinMinRunes  = 25
)

// strayNumberMaxRunes: a number cell of at most this many characters ("35",
// "100%") under a paragraph is a stray cell or a page number, never its
// continuation.
const strayNumberMaxRunes = 4

// A date line ("2021年11月", "2021年11月8日", "二〇二一年九月") has a year
// of dateYearRunes digits, a month of at most dateMonthMaxRunes and a day
// of at most dateDayMaxRunes characters, in at most dateLineMaxBytes bytes.
const (
	dateLineMaxBytes  = 64
	dateYearRunes     = 4
	dateMonthMaxRunes = 3
	dateDayMaxRunes   = 4
)

// headingNumberMaxDigits: a heading number has at most three digits: "2016
// 年", "2025年" start sentences, not headings.
const headingNumberMaxDigits = 3

// The heading-or-list-item rule (see classify) measures titles:
//   - maxTitle: a numbered line with no full stop is a heading up to this
//     length (the longest in the plans at hand has 44 characters:
//     "（四）健全社会事务管理体系，加强社会建设管理，构建与全面小康社会发展相
//     协调的社会事务管理新格局"); a heading wrapped onto a second line is
//     joined only if the whole still fits;
//   - maxStopTitle: a numbered line that is one sentence ending in 。 is a
//     heading up to this length ("1、到2025年，全县火化率和节地生态安葬率达到
//     省、市平均水平。" is one of 29), else a list item ("3、“十四五”期间，新建和
//     已有公墓新开发建设墓穴节地生态建造率达100%。", 34);
//   - maxRunInTitle: the first sentence of a run-in heading is its title up
//     to this length (36: "7、到2025年，力争婚姻登记机关评定为标准3A级以上
//     单位,规范婚姻登记管理。完善…"); a longer first sentence (47: "四、推进和谐
//     婚姻家庭建设，普及宣传《民法典》婚姻家庭篇，…") makes a list item;
//   - headingTailMaxRunes: the second line of a wrapped heading is short
//     ("第1节 巩固拓展脱贫攻坚兜底保障成果同乡村振兴" + "有效衔接", 4).
const (
	maxTitle            = 60
	maxStopTitle        = 30
	maxRunInTitle       = 40
	headingTailMaxRunes = 12
)

// markedTitleMax: a line the document marks as a heading ("## 总体要求", a
// Word heading style, <h2>) is a heading up to this length, twice what a
// numbered heading may have (maxTitle); a longer one is body text set in a
// heading's style (a misused style: a whole paragraph in "Heading 2") and
// stays a paragraph.
const markedTitleMax = 2 * maxTitle

// ---- units: tables ----

// A caption names a table in at most captionMaxRunes characters ("“十三五”
// 时期主要指标完成进度表（截至2020年12月底）含预计评估数", 35); it stands at
// most captionMaxBlanks blank lines above the table, on at most
// captionMaxLines lines. A unit line ("单位：万元") has at most
// unitLineMaxRunes characters and stands at most unitLineMaxBlanks blank
// lines above; notes ("备注：根据…") follow at most noteMaxGap blank lines
// below.
const (
	captionMaxRunes   = 60
	captionMaxBlanks  = 2
	captionMaxLines   = 2
	unitLineMaxRunes  = 30
	unitLineMaxBlanks = 1
	noteMaxGap        = 2
)

// Tab tables (layouts a and b): rows are at most tableMaxRowGap blank lines
// apart; a table has at least tableMinRows rows (of two cells or more in
// layout a); a row of layout b has at least pdfMinTabs tabs (three cells:
// "\t24、其他\t\t\t…"); after the first header row, rows with no number and
// two or more cells are header rows, up to maxHeaderRows in all ("序 号" over
// a second header row is the deepest header in the plans at hand: two).
const (
	tableMaxRowGap = 2
	tableMinRows   = 2
	pdfMinTabs     = 2
	maxHeaderRows  = 3
)

// unitMaxRunes is the longest unit closeUnits completes with the bracket a
// web export lost: "農村特困對象集中供養率(%" → "(%)"; 元/人、月 is six.
const unitMaxRunes = 6

// Layout (c), a cell per paragraph: a run of at least webMinCells cells, of
// which at least webMinNums are numbers, each cell at most webMaxCell
// characters ("(三)民政事業發展主要指標。…" at 41 is a paragraph, not a cell)
// and at most webMaxGap blank line apart. A first cell naming the table is
// its caption if it has at least webCaptionMinRunes characters. Rows found
// by serial numbers need at least webMinSerialRows serials and at least
// webSerialMinCells cells after a serial that a value cell may repeat
// (the plans' indicator tables number their rows 1, 2, 3 …). A header label
// under a year ("目標值" under "2025") has at most headerLabelMaxRunes
// characters; a year cell is a four-digit number from yearMin to yearMax.
const (
	webMaxCell          = 40
	webMinCells         = 10
	webMinNums          = 4
	webMaxGap           = 1
	webCaptionMinRunes  = 8
	webMinSerialRows    = 3
	webSerialMinCells   = 3
	headerLabelMaxRunes = 4
	yearMin             = 1949
	yearMax             = 2100
)

// markdownRuleMinDashes: the cells of a Markdown rule line are at least three
// dashes ("|---|:--:|"), as Markdown requires.
const markdownRuleMinDashes = 3

// ---- build ----

// boxEndBlanks blank lines end a 专栏 box; a table less than that below a
// box title with no content yet is the box's content.
const boxEndBlanks = 2

// ---- title and region ----

// The plan's title is found among the first frontMaxParagraphs paragraphs
// before the first heading (the plans at hand have at most 13: a notice
// and a title page), as a line of at most titleMaxRunes characters ending
// in 规划 ("××市“十四五”民政事业发展规划", 16). A region is a run of at most
// regionMaxRunes characters ending in 县/市/… that starts the title; a
// district under it has subRegionMinRunes to subRegionMaxRunes; with no
// title, a name must occur at least regionMinCount times; a full form
// (××侗族自治县 for ××县) has at most fullFormMaxExtra characters between
// the stem and 自治.
const (
	frontMaxParagraphs = 40
	titleMaxRunes      = 40
	regionMaxRunes     = 11
	subRegionMinRunes  = 3
	subRegionMaxRunes  = 8
	regionMinCount     = 3
	fullFormMaxExtra   = 8
)
