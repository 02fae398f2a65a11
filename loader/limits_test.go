package loader

import (
	"go/ast"
	"go/parser"
	"go/token"
	"strconv"
	"strings"
	"testing"
	"unicode/utf16"

	"planview/model"
)

// han is n Chinese characters.
func han(n int) string { return strings.Repeat("民", n) }

// utf16LE encodes s as UTF-16LE with no BOM.
func utf16LE(s string) []byte {
	var b []byte
	for _, u := range utf16.Encode([]rune(s)) {
		b = append(b, byte(u), byte(u>>8))
	}
	return b
}

// dropped reports whether clean dropped every line of text holding want.
func dropped(text, want string) bool {
	for _, l := range clean(text) {
		if strings.Contains(l.Text, want) {
			return false
		}
	}
	return true
}

// tablesOf builds text and returns its tables.
func tablesOf(text string) []*model.Table { return allTables(build(rawLines(text))) }

// firstTable is the first table of text, or an empty one.
func firstTable(text string) *model.Table {
	if ts := tablesOf(text); len(ts) > 0 {
		return ts[0]
	}
	return &model.Table{}
}

// pdfRows is a table of layout (b) of n rows.
func pdfRows(n int) string {
	rows := []string{"序号\t指标\t目标"}
	for i := 1; i < n; i++ {
		rows = append(rows, strconv.Itoa(i)+"\t城乡低保标准\t"+strconv.Itoa(600+i))
	}
	return strings.Join(rows, "\n")
}

// pageRun is three bare page numbers 1, 2, 3 with gap bytes between
// neighbours (from the start of one to the start of the next).
func pageRun(gap int) string {
	filler := strings.Repeat("a", gap-len("1\n")-1)
	return "1\n" + filler + "\n2\n" + filler + "\n3\n"
}

// spamLine is link spam of phrases "链接N" with the extra phrases added.
func spamLine(n int, extra ...string) string {
	var ps []string
	for i := range n {
		ps = append(ps, "链接"+strconv.Itoa(i)+"号")
	}
	return strings.Join(append(ps, extra...), "|")
}

// webCells is a cell-per-paragraph table: a header and rows numbered 1, 2,
// 3 …, whose value is a number in the last nums rows, else text.
func webCells(rows, nums int) []webCell {
	texts := []string{"序号", "项目", "目标值"}
	for k := 1; k <= rows; k++ {
		v := "达标"
		if k > rows-nums {
			v = "600"
		}
		texts = append(texts, strconv.Itoa(k), "项目"+strconv.Itoa(k), v)
	}
	var cs []webCell
	for i, t := range texts {
		cs = append(cs, webCell{t, i + 1})
	}
	return cs
}

// boundaries has, for every threshold of limits.go, an input just inside
// it (inside reports true: the input is taken as the limit allows) and
// one just outside (outside reports false).
//
// pin is the value the inputs were written for: a threshold that changes
// must come with a review of its boundary inputs and of its example in
// limits.go, and a new pin.
var boundaries = []struct {
	name            string
	value, pin      int
	inside, outside func() bool
}{
	// ---- decode ----
	{"MaxSize", MaxSize, 64 << 20, func() bool { return checkSize(MaxSize) == nil }, func() bool { return checkSize(MaxSize+1) == nil }},
	{"utf16MinNULShare", utf16MinNULShare, 50, // one ASCII character (a NUL byte) per utf16MinNULShare units
		func() bool { _, ok := sniffUTF16(utf16LE("a" + han(utf16MinNULShare-1))); return ok },
		func() bool { _, ok := sniffUTF16(utf16LE("a" + han(utf16MinNULShare))); return ok }},
	{"utf16ParityRatio", utf16ParityRatio, 4, // 一 (U+4E00) puts a NUL at the other parity
		func() bool { _, ok := sniffUTF16(utf16LE(strings.Repeat("a", utf16ParityRatio) + "一")); return ok },
		func() bool { _, ok := sniffUTF16(utf16LE(strings.Repeat("a", utf16ParityRatio-1) + "一")); return ok }},
	{"utf16MinUnits", utf16MinUnits, 2,
		func() bool { _, ok := sniffUTF16(utf16LE(strings.Repeat("a", utf16MinUnits))); return ok },
		func() bool { _, ok := sniffUTF16(utf16LE(strings.Repeat("a", utf16MinUnits-1))); return ok }},
	{"binaryMaxControlShare", binaryMaxControlShare, 100, // one control byte in so many bytes
		func() bool { return looksLikeText([]byte("\x01" + strings.Repeat("a", binaryMaxControlShare-1))) },
		func() bool { return looksLikeText([]byte("\x01" + strings.Repeat("a", binaryMaxControlShare-2))) }},
	{"damagedMinValid", damagedMinValid, 20,
		func() bool { return damagedUTF8([]byte(han(damagedMinValid))) },
		func() bool { return damagedUTF8([]byte(han(damagedMinValid - 1))) }},
	{"damagedMaxBadShare", damagedMaxBadShare, 100,
		func() bool { return damagedUTF8([]byte(han(damagedMaxBadShare) + "\xff")) },
		func() bool { return damagedUTF8([]byte(han(damagedMaxBadShare-1) + "\xff")) }},
	{"damagedGiveUpBad", damagedGiveUpBad, 10, // bad bytes first, enough valid text after them
		func() bool {
			return damagedUTF8([]byte(strings.Repeat("\xff", damagedGiveUpBad) + han(damagedMaxBadShare*(damagedGiveUpBad+1))))
		},
		func() bool {
			return damagedUTF8([]byte(strings.Repeat("\xff", damagedGiveUpBad+1) + han(damagedMaxBadShare*(damagedGiveUpBad+1))))
		}},

	// ---- clean ----
	{"markerMaxWord", markerMaxWord, 21,
		func() bool { return markerLen("["+strings.Repeat("a", markerMaxWord)+": x]") > 0 },
		func() bool { return markerLen("["+strings.Repeat("a", markerMaxWord+1)+": x]") > 0 }},
	{"markerMaxLen", markerMaxLen, 512, // the whole marker, brackets included
		func() bool { return markerLen("[image: "+strings.Repeat("x", markerMaxLen-len("[image: ]"))+"]") > 0 },
		func() bool { return markerLen("[image: "+strings.Repeat("x", markerMaxLen+1-len("[image: ]"))+"]") > 0 }},
	{"tagMaxLen", tagMaxLen, 1024, // the whole tag
		func() bool { return tagLen(`<span `+strings.Repeat("x", tagMaxLen-len("<span >"))+`>`) > 0 },
		func() bool { return tagLen(`<span `+strings.Repeat("x", tagMaxLen+1-len("<span >"))+`>`) > 0 }},
	{"entityMaxEnd", entityMaxEnd, 10, // &#0…065; with its ';' at entityMaxEnd
		func() bool {
			_, n := entity("&#" + strings.Repeat("0", entityMaxEnd-len("&#65")) + "65;")
			return n > 0
		},
		func() bool {
			_, n := entity("&#" + strings.Repeat("0", entityMaxEnd+1-len("&#65")) + "65;")
			return n > 0
		}},
	{"tocMinEntries", tocMinEntries, 2,
		func() bool {
			return dropped("目录\n一、总体要求\t1\n二、主要任务\t3\n正文。", "总体要求")
		},
		func() bool { return dropped("目录\n一、总体要求\t1\n正文。", "总体要求") }},
	{"tocMinLeaderRun", tocMinLeaderRun, 3,
		func() bool {
			return dropped("第一章 总则……1\n第二章 目标……3\n第三章 任务……5\n正文。", "总则")
		},
		func() bool { return dropped("第一章 总则……1\n第二章 目标……3\n正文。", "总则") }},
	{"tocMaxTitle", tocMaxTitle, 80,
		func() bool { ok, _ := tocEntry(han(tocMaxTitle) + "\t12"); return ok },
		func() bool { ok, _ := tocEntry(han(tocMaxTitle+1) + "\t12"); return ok }},
	{"tocMaxWrappedTitle", tocMaxWrappedTitle, 60, // an entry wrapped onto two lines
		func() bool {
			return dropped("目录\n一、总体要求\t1\n"+han(tocMaxWrappedTitle)+"\n二、主要任务\t3\n正文。", "民民")
		},
		func() bool {
			return dropped("目录\n一、总体要求\t1\n"+han(tocMaxWrappedTitle+1)+"\n二、主要任务\t3\n正文。", "民民")
		}},
	{"tocMinLeaders", tocMinLeaders, 2,
		func() bool { _, l := tocEntry("第一章 总则" + strings.Repeat(".", tocMinLeaders) + "1"); return l },
		func() bool {
			_, l := tocEntry("第一章 总则" + strings.Repeat(".", tocMinLeaders-1) + "1")
			return l
		}},
	{"tocHeadingMaxBytes", tocHeadingMaxBytes, 40,
		func() bool { return isTOCHeading(strings.Repeat(" ", tocHeadingMaxBytes-len("目录")) + "目录") },
		func() bool { return isTOCHeading(strings.Repeat(" ", tocHeadingMaxBytes+1-len("目录")) + "目录") }},
	{"maxPageDigits", maxPageDigits, 3, // a TOC entry's page, a line left from one, a bare page number
		func() bool {
			p := "1" + strings.Repeat("0", maxPageDigits-1)
			ok, _ := tocEntry("（二）基本原则\t" + p)
			_, bare := bareNumber(p)
			return ok && isTOCLine("（二）基本原则\t"+p) && bare
		},
		func() bool {
			p := "1" + strings.Repeat("0", maxPageDigits)
			ok, _ := tocEntry("（二）基本原则\t" + p)
			_, bare := bareNumber(p)
			return ok || isTOCLine("（二）基本原则\t"+p) || bare
		}},
	{"pageLineMaxBytes", pageLineMaxBytes, 64,
		func() bool { return dropped(strings.Repeat(" ", pageLineMaxBytes-len("第3页"))+"第3页", "页") },
		func() bool { return dropped(strings.Repeat(" ", pageLineMaxBytes+1-len("第3页"))+"第3页", "页") }},
	{"decoratedPageDigits", decoratedPageDigits, 4,
		func() bool { return dropped("- "+strings.Repeat("1", decoratedPageDigits)+" -", "-") },
		func() bool { return dropped("- "+strings.Repeat("1", decoratedPageDigits+1)+" -", "-") }},
	{"minPageRun", minPageRun, 3,
		func() bool { return dropped(pageRun(1000), "1") },
		func() bool { return dropped(strings.TrimSuffix(pageRun(1000), "3\n"), "1") }},
	{"minPageBytes", minPageBytes, 600,
		func() bool { return dropped(pageRun(minPageBytes), "1") },
		func() bool { return dropped(pageRun(minPageBytes-1), "1") }},
	{"maxPageBytes", maxPageBytes, 20000,
		func() bool { return dropped(pageRun(maxPageBytes), "1") },
		func() bool { return dropped(pageRun(maxPageBytes+1), "1") }},
	{"pageChainLook", pageChainLook, 8, // the page before, behind so many newer lone 1s
		func() bool { return pageBehind(pageChainLook) },
		func() bool { return pageBehind(pageChainLook + 1) }},
	{"lastPageContext", lastPageContext, 5, // a table cell so many lines above a closing number keeps it
		func() bool { return !dropped(lastPage(lastPageContext), "38") },
		func() bool { return !dropped(lastPage(lastPageContext+1), "38") }},
	{"minSpamPhrases", minSpamPhrases, 6,
		func() bool { return dropped("正文。\n"+spamLine(minSpamPhrases)+"\n正文。", "链接") },
		func() bool { return dropped("正文。\n"+spamLine(minSpamPhrases-1)+"\n正文。", "链接") }},
	{"spamLongPhrase", spamLongPhrase, 30, // two of seven phrases that long
		func() bool { _, ok := spamPhrases(spamLine(5, han(spamLongPhrase), han(spamLongPhrase))); return ok },
		func() bool {
			_, ok := spamPhrases(spamLine(5, han(spamLongPhrase+1), han(spamLongPhrase+1)))
			return ok
		}},
	{"spamLongShare", spamLongShare, 4, // one long phrase in so many
		func() bool { _, ok := spamPhrases(spamLine(spamLongShare-1, han(spamLongPhrase+1))); return ok },
		func() bool { _, ok := spamPhrases(spamLine(spamLongShare-2, han(spamLongPhrase+1))); return ok }},
	{"spamPunctShare", spamPunctShare, 4, // one phrase with a comma in so many
		func() bool { _, ok := spamPhrases(spamLine(spamPunctShare-1, "链接，号")); return ok },
		func() bool { _, ok := spamPhrases(spamLine(spamPunctShare-2, "链接，号")); return ok }},
	{"spamNumericShare", spamNumericShare, 3, // one numeric phrase in so many
		func() bool { _, ok := spamPhrases(spamLine(spamNumericShare-1, "2021")); return ok },
		func() bool { _, ok := spamPhrases(spamLine(spamNumericShare-2, "2021")); return ok }},
	{"spamDigitShare", spamDigitShare, 2, // two of five phrases numeric (not spam) when digits are that share
		func() bool { _, ok := spamPhrases(spamLine(3, "12345abcde", "12345abcde")); return !ok },
		func() bool { _, ok := spamPhrases(spamLine(3, "12345abcdef", "12345abcdef")); return !ok }},
	{"pipeTableMinSeps", pipeTableMinSeps, 2,
		func() bool {
			r := strings.Repeat("项目|", pipeTableMinSeps) + "35"
			return pipeTableRow(rawLines(r+"\n"+r), 0)
		},
		func() bool {
			r := strings.Repeat("项目|", pipeTableMinSeps-1) + "35"
			return pipeTableRow(rawLines(r+"\n"+r), 0)
		}},
	{"markdownMaxHashes", markdownMaxHashes, 6,
		func() bool { return dropMarkdownMarks(strings.Repeat("#", markdownMaxHashes)+" 总则") == "总则" },
		func() bool { return dropMarkdownMarks(strings.Repeat("#", markdownMaxHashes+1)+" 总则") == "总则" }},

	// ---- units: paragraphs and headings ----
	{"joinMaxBlanks", joinMaxBlanks, 3,
		func() bool { return continues(han(joinMinRunes), "续", joinMaxBlanks, false) },
		func() bool { return continues(han(joinMinRunes), "续", joinMaxBlanks+1, false) }},
	{"joinMinRunes", joinMinRunes, 25,
		func() bool { return continues(han(joinMinRunes), "续", 1, false) },
		func() bool { return continues(han(joinMinRunes-1), "续", 1, false) }},
	{"strayNumberMaxRunes", strayNumberMaxRunes, 4, // a number that short under a paragraph stands apart
		func() bool {
			return !continues("推动完善城乡统筹", strings.Repeat("1", strayNumberMaxRunes), 0, false)
		},
		func() bool {
			return !continues("推动完善城乡统筹", strings.Repeat("1", strayNumberMaxRunes+1), 0, false)
		}},
	{"dateLineMaxBytes", dateLineMaxBytes, 64,
		func() bool {
			return isDateLine(strings.Repeat(" ", dateLineMaxBytes-len("2021年11月")) + "2021年11月")
		},
		func() bool {
			return isDateLine(strings.Repeat(" ", dateLineMaxBytes+1-len("2021年11月")) + "2021年11月")
		}},
	{"dateYearRunes", dateYearRunes, 4,
		func() bool { return isDateLine(strings.Repeat("2", dateYearRunes) + "年9月") },
		func() bool {
			return isDateLine(strings.Repeat("2", dateYearRunes+1)+"年9月") || isDateLine(strings.Repeat("2", dateYearRunes-1)+"年9月")
		}},
	{"dateMonthMaxRunes", dateMonthMaxRunes, 3,
		func() bool { return isDateLine("2021年" + strings.Repeat("1", dateMonthMaxRunes) + "月") },
		func() bool { return isDateLine("2021年" + strings.Repeat("1", dateMonthMaxRunes+1) + "月") }},
	{"dateDayMaxRunes", dateDayMaxRunes, 4, // the day with its 日
		func() bool { return isDateLine("2021年1月" + strings.Repeat("1", dateDayMaxRunes-1) + "日") },
		func() bool { return isDateLine("2021年1月" + strings.Repeat("1", dateDayMaxRunes) + "日") }},
	{"headingNumberMaxDigits", headingNumberMaxDigits, 3,
		func() bool {
			_, ok := parseNumber("1" + strings.Repeat("0", headingNumberMaxDigits-1) + "、标题")
			return ok
		},
		func() bool {
			_, ok := parseNumber("1" + strings.Repeat("0", headingNumberMaxDigits) + "、标题")
			return ok
		}},
	{"maxTitle", maxTitle, 60, // a whole-line heading, and a wrapped one with its tail
		func() bool { return isHeading("一、"+han(maxTitle)) && headingTail(han(maxTitle-2), "衔接", 0) },
		func() bool { return isHeading("一、"+han(maxTitle+1)) || headingTail(han(maxTitle-1), "衔接", 0) }},
	{"markedTitleMax", markedTitleMax, 120, // a marked line with no number, and one a numbered line classify would make a list item
		func() bool {
			return markedTakes("## "+han(markedTitleMax)) && markedTakes("## 二、"+han(markedTitleMax-13)+"。"+han(10))
		},
		func() bool {
			return markedTakes("## "+han(markedTitleMax+1)) || markedTakes("## 二、"+han(markedTitleMax-12)+"。"+han(10))
		}},
	{"maxStopTitle", maxStopTitle, 30,
		func() bool { return isHeading("一、" + han(maxStopTitle) + "。") },
		func() bool { return isHeading("一、" + han(maxStopTitle+1) + "。") }},
	{"maxRunInTitle", maxRunInTitle, 40, // a run-in title, and a promoted list item's
		func() bool {
			return isHeading("一、"+han(maxRunInTitle)+"。正文。") && promoted("（一）"+han(maxRunInTitle)+"，正文。正文。")
		},
		func() bool {
			return isHeading("一、"+han(maxRunInTitle+1)+"。正文。") || promoted("（一）"+han(maxRunInTitle+1)+"，正文。正文。")
		}},
	{"headingTailMaxRunes", headingTailMaxRunes, 12,
		func() bool { return headingTail("巩固拓展", han(headingTailMaxRunes), 0) },
		func() bool { return headingTail("巩固拓展", han(headingTailMaxRunes+1), 0) }},

	// ---- units: tables ----
	{"captionMaxRunes", captionMaxRunes, 60,
		func() bool { return isCaptionLike("表" + han(captionMaxRunes-1)) },
		func() bool { return isCaptionLike("表" + han(captionMaxRunes)) }},
	{"captionMaxBlanks", captionMaxBlanks, 2,
		func() bool {
			return firstTable("主要指标表"+strings.Repeat("\n", captionMaxBlanks+1)+pdfRows(3)).Caption != ""
		},
		func() bool {
			return firstTable("主要指标表"+strings.Repeat("\n", captionMaxBlanks+2)+pdfRows(3)).Caption != ""
		}},
	{"captionMaxLines", captionMaxLines, 2, // a caption wrapped over so many lines
		func() bool { return firstTable("“十三五”时期\n主要指标\n"+pdfRows(3)).Caption != "" },
		func() bool { return firstTable("“十三五”时期\n主要\n指标\n"+pdfRows(3)).Caption != "" }},
	{"unitLineMaxRunes", unitLineMaxRunes, 30,
		func() bool { return isUnitLine("单位：" + han(unitLineMaxRunes-len([]rune("单位：")))) },
		func() bool { return isUnitLine("单位：" + han(unitLineMaxRunes+1-len([]rune("单位：")))) }},
	{"unitLineMaxBlanks", unitLineMaxBlanks, 1,
		func() bool {
			return len(firstTable("单位：万元"+strings.Repeat("\n", unitLineMaxBlanks+1)+pdfRows(3)).Notes) == 1
		},
		func() bool {
			return len(firstTable("单位：万元"+strings.Repeat("\n", unitLineMaxBlanks+2)+pdfRows(3)).Notes) == 1
		}},
	{"noteMaxGap", noteMaxGap, 2,
		func() bool {
			return len(firstTable(pdfRows(3)+strings.Repeat("\n", noteMaxGap+1)+"注：数据截至年底").Notes) == 1
		},
		func() bool {
			return len(firstTable(pdfRows(3)+strings.Repeat("\n", noteMaxGap+2)+"注：数据截至年底").Notes) == 1
		}},
	{"tableMaxRowGap", tableMaxRowGap, 2, // in both tab layouts, the rows stay one table
		func() bool {
			gap := strings.Repeat("\n", tableMaxRowGap)
			return rowsOf(pdfRows(3)+"\n"+gap+"9\t床位\t700") == 4 && rowsOf("\t序号\n\t指标\n\n\t1\n\t床位\n"+gap+"\t2\n\t机构") == 3
		},
		func() bool {
			gap := strings.Repeat("\n", tableMaxRowGap+1)
			return rowsOf(pdfRows(3)+"\n"+gap+"9\t床位\t700") == 4 || rowsOf("\t序号\n\t指标\n\n\t1\n\t床位\n"+gap+"\t2\n\t机构") == 3
		}},
	{"tableMinRows", tableMinRows, 2,
		func() bool { return len(tablesOf(pdfRows(tableMinRows))) == 1 },
		func() bool { return len(tablesOf(pdfRows(tableMinRows-1))) == 1 }},
	{"pdfMinTabs", pdfMinTabs, 2,
		func() bool {
			return len(tablesOf(strings.Repeat("a\t", pdfMinTabs)+"1\n"+strings.Repeat("b\t", pdfMinTabs)+"2")) == 1
		},
		func() bool {
			return len(tablesOf(strings.Repeat("a\t", pdfMinTabs-1)+"1\n"+strings.Repeat("b\t", pdfMinTabs-1)+"2")) == 1
		}},
	{"maxHeaderRows", maxHeaderRows, 3, // rows with no number under the first are header rows
		func() bool { return headerRows(maxHeaderRows) == maxHeaderRows },
		func() bool { return headerRows(maxHeaderRows+1) == maxHeaderRows+1 }},
	{"unitMaxRunes", unitMaxRunes, 6,
		func() bool { return unclosedUnit("增速("+strings.Repeat("人", unitMaxRunes)) != "" },
		func() bool { return unclosedUnit("增速("+strings.Repeat("人", unitMaxRunes+1)) != "" }},
	{"webMaxCell", webMaxCell, 40,
		func() bool { return isWebCellLine(han(webMaxCell)) },
		func() bool { return isWebCellLine(han(webMaxCell + 1)) }},
	{"webMinCells", webMinCells, 10, // the first cells of a table
		func() bool { _, ok := webTable(webCells(3, 3)[:webMinCells], new(cellSlab)); return ok },
		func() bool { _, ok := webTable(webCells(3, 3)[:webMinCells-1], new(cellSlab)); return ok }},
	{"webMinNums", webMinNums, 4, // the serials 1, 2, 3 and values
		func() bool { _, ok := webTable(webCells(3, webMinNums-3), new(cellSlab)); return ok },
		func() bool { _, ok := webTable(webCells(3, webMinNums-4), new(cellSlab)); return ok }},
	{"webMaxGap", webMaxGap, 1,
		func() bool {
			c, _ := webRun(rawLines("城乡低保"+strings.Repeat("\n", webMaxGap+1)+"600"), 0, nil)
			return len(c) == 2
		},
		func() bool {
			c, _ := webRun(rawLines("城乡低保"+strings.Repeat("\n", webMaxGap+2)+"600"), 0, nil)
			return len(c) == 2
		}},
	{"webCaptionMinRunes", webCaptionMinRunes, 8,
		func() bool { return webCaption("表"+han(webCaptionMinRunes-1)) != "" },
		func() bool { return webCaption("表"+han(webCaptionMinRunes-2)) != "" }},
	{"webMinSerialRows", webMinSerialRows, 3,
		func() bool {
			_, rows := webRowsBySerial(webCells(webMinSerialRows, webMinSerialRows))
			return rows != nil
		},
		func() bool {
			_, rows := webRowsBySerial(webCells(webMinSerialRows-1, webMinSerialRows-1))
			return rows != nil
		}},
	{"webSerialMinCells", webSerialMinCells, 3, // a value 2 in row 1: row 2 starts at the last 2 that leaves it long enough
		func() bool { return serialRowFrom(webSerialMinCells) },
		func() bool { return serialRowFrom(webSerialMinCells - 1) }},
	{"headerLabelMaxRunes", headerLabelMaxRunes, 4,
		func() bool { return isHeaderLabel(han(headerLabelMaxRunes)) },
		func() bool { return isHeaderLabel(han(headerLabelMaxRunes + 1)) }},
	{"yearMin", yearMin, 1949,
		func() bool { return isYear(strconv.Itoa(yearMin)) },
		func() bool { return isYear(strconv.Itoa(yearMin - 1)) }},
	{"yearMax", yearMax, 2100,
		func() bool { return isYear(strconv.Itoa(yearMax)) },
		func() bool { return isYear(strconv.Itoa(yearMax + 1)) }},
	{"markdownRuleMinDashes", markdownRuleMinDashes, 3,
		func() bool { return isRuleRow("|" + strings.Repeat("-", markdownRuleMinDashes) + "|") },
		func() bool { return isRuleRow("|" + strings.Repeat("-", markdownRuleMinDashes-1) + "|") }},

	// ---- build ----
	{"boxEndBlanks", boxEndBlanks, 2, // a paragraph so far below a box's content stays in it
		func() bool { return inBox(boxEndBlanks - 1) },
		func() bool { return inBox(boxEndBlanks) }},

	// ---- title and region ----
	{"frontMaxParagraphs", frontMaxParagraphs, 40, // the title as the last paragraph looked at
		func() bool { return titleAfter(frontMaxParagraphs-1) != "" },
		func() bool { return titleAfter(frontMaxParagraphs) != "" }},
	{"titleMaxRunes", titleMaxRunes, 40,
		func() bool { return titleFromLines([]string{han(titleMaxRunes-2) + "规划"}) != "" },
		func() bool { return titleFromLines([]string{han(titleMaxRunes-1) + "规划"}) != "" }},
	{"regionMaxRunes", regionMaxRunes, 11,
		func() bool { return regionOf(han(regionMaxRunes-1)+"县规划") != "" },
		func() bool { return regionOf(han(regionMaxRunes)+"县规划") != "" }},
	{"subRegionMinRunes", subRegionMinRunes, 3,
		func() bool { return subRegion("甲乙市"+han(subRegionMinRunes-1)+"区规划", "甲乙市") != "" },
		func() bool { return subRegion("甲乙市"+han(subRegionMinRunes-2)+"区规划", "甲乙市") != "" }},
	{"subRegionMaxRunes", subRegionMaxRunes, 8,
		func() bool { return subRegion("甲乙市"+han(subRegionMaxRunes-1)+"区规划", "甲乙市") != "" },
		func() bool { return subRegion("甲乙市"+han(subRegionMaxRunes)+"区规划", "甲乙市") != "" }},
	{"regionMinCount", regionMinCount, 3,
		func() bool {
			_, r := planMeta(nil, strings.Repeat("甲乙县养老。\n", regionMinCount))
			return r != ""
		},
		func() bool {
			_, r := planMeta(nil, strings.Repeat("甲乙县养老。\n", regionMinCount-1))
			return r != ""
		}},
	{"fullFormMaxExtra", fullFormMaxExtra, 8,
		func() bool { return fullForm(fullFormMaxExtra) },
		func() bool { return fullForm(fullFormMaxExtra + 1) }},
}

// markedTakes reports whether a line marked as a heading by Markdown's
// marks loads as a heading.
func markedTakes(line string) bool {
	p := build(clean("## 一、前言\n\n" + line + "\n\n正文。\n"))
	return len(p.Sections) == 2
}

func isHeading(line string) bool {
	m, ok := parseNumber(line)
	if !ok {
		return false
	}
	h, _, _ := classify(line, m)
	return h
}

// promoted reports whether a list item next to a heading of its style
// counting on from it is made a heading.
func promoted(item string) bool {
	us := scan(rawLines(item+"\n（二）健全社会救助体系"), new(scanSpace))
	promoteLists(us)
	return us[0].kind == uHeading
}

// pageBehind reports whether page 1 is found as the page before 2 behind
// n-1 newer lone 1s.
func pageBehind(n int) bool {
	para := strings.Repeat("a", 700)
	text := "1\n" + para + "\n" + strings.Repeat("1\nb\n", n-1) + "2\n" + para + "\n3\n" + para
	return clean(text)[0].Text != "1"
}

// lastPage is text ending in a bare number, with a table cell n non-blank
// lines above it.
func lastPage(n int) string {
	lines := []string{"第三节 保障措施", "\t35"}
	for range n - 1 {
		lines = append(lines, "完善规划实施机制。")
	}
	return strings.Join(append(lines, "38"), "\n")
}

// rowsOf is the number of rows, header included, of the only table of
// text (0 when there is not one).
func rowsOf(text string) int {
	ts := tablesOf(text)
	if len(ts) != 1 {
		return 0
	}
	return len(ts[0].Header) + len(ts[0].Rows)
}

// headerRows is the number of header rows finishGrid finds in a table of n
// rows without numbers, then rows with.
func headerRows(n int) int {
	var rows []model.Row
	sl := new(cellSlab)
	for i := range n + 2 {
		t := "项目\t说明"
		if i >= n {
			t = "床位\t" + strconv.Itoa(i)
		}
		rows = append(rows, model.Row{Line: i + 1, Cells: sl.appendTabCells(nil, t, i+1)})
	}
	return len(finishGrid(rows).Header)
}

// webCaption is the caption webTable takes from a first cell cap.
func webCaption(cap string) string {
	cells := append([]webCell{{cap, 0}}, webCells(3, 3)...)
	t, ok := webTable(cells, new(cellSlab))
	if !ok {
		return ""
	}
	return t.Caption
}

// serialRowFrom reports whether row 2 starts at a second 2 that leaves it
// n cells before 3.
func serialRowFrom(n int) bool {
	texts := []string{"1", "床位", "2", "2", "说明"}
	for range n - 2 {
		texts = append(texts, "600")
	}
	texts = append(texts, "3", "机构", "12")
	var cells []webCell
	for i, t := range texts {
		cells = append(cells, webCell{t, i + 1})
	}
	_, rows := webRowsBySerial(cells)
	return rows != nil && len(rows[1]) == n
}

// inBox reports whether a paragraph blanks blank lines under a box's
// content is the box's.
func inBox(blanks int) bool {
	p := build(rawLines("一、总体要求\n专栏1 养老服务\n县社会福利中心：新建养老床位300张。" + strings.Repeat("\n", blanks+1) + "乡镇敬老院提质改造：改造敬老院12所。"))
	for _, b := range p.Sections[0].Blocks {
		if b.Kind == model.BoxBlock {
			return len(b.Children) == 2
		}
	}
	return false
}

// titleAfter is the title build finds when it is the paragraph after n
// others, before the first heading.
func titleAfter(n int) string {
	return build(rawLines(strings.Repeat("正文。\n", n) + "某某县民政事业发展规划\n一、总体要求")).Title
}

// fullForm reports whether a short region name is expanded to a full form
// with extra characters between its stem and 自治.
func fullForm(extra int) bool {
	_, region := planMeta(nil, "甲乙县民政工作。\n甲乙县养老。\n甲乙县救助。\n甲乙"+han(extra)+"自治县。")
	return region != "甲乙县"
}

// TestLimitBoundaries: every threshold holds at its limit and not one past
// it, so that a change tuned to the seeds shows here.
func TestLimitBoundaries(t *testing.T) {
	for _, b := range boundaries {
		if b.value != b.pin {
			t.Errorf("%s is %d, its boundary inputs were written for %d: review them and its example in limits.go, then pin the new value", b.name, b.value, b.pin)
		}
		if !b.inside() {
			t.Errorf("%s: the input at the limit is not taken", b.name)
		}
		if b.outside() {
			t.Errorf("%s: the input past the limit is taken", b.name)
		}
	}
}

// TestEveryLimitHasBoundaries: each constant of limits.go is in boundaries.
func TestEveryLimitHasBoundaries(t *testing.T) {
	f, err := parser.ParseFile(token.NewFileSet(), "limits.go", nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	tested := map[string]bool{}
	for _, b := range boundaries {
		if tested[b.name] {
			t.Errorf("%s: listed twice", b.name)
		}
		tested[b.name] = true
	}
	named := map[string]bool{}
	for _, d := range f.Decls {
		g, ok := d.(*ast.GenDecl)
		if !ok || g.Tok != token.CONST {
			t.Errorf("limits.go holds a declaration that is not a constant")
			continue
		}
		for _, s := range g.Specs {
			for _, n := range s.(*ast.ValueSpec).Names {
				named[n.Name] = true
				if !tested[n.Name] {
					t.Errorf("%s has no test at its boundary in boundaries", n.Name)
				}
			}
		}
	}
	for n := range tested {
		if !named[n] {
			t.Errorf("boundaries tests %s, which limits.go does not name", n)
		}
	}
}

// U+3000, which clean's census looks for (see normTextIn): a text with a
// single one is normalised as one with none would be, had it not that
// character — the census is not fooled at its boundary of one.
func TestIdeographicSpaceCensus(t *testing.T) {
	for _, c := range []struct {
		text   string
		narrow bool
	}{
		{"一、总体要求\n全县 50%的乡镇建成养老服务中心，提升服务水平。", true},
		{"一、总体要求\n全县\u300050%的乡镇建成养老服务中心，提升服务水平。", false},
		{"\u3000\u3000一、总体要求\n全县50%的乡镇建成养老服务中心，提升服务水平。", false},
	} {
		sc := new(scratch)
		lines := sc.clean(c.text)
		if sc.narrow != c.narrow {
			t.Errorf("%q: narrow %v, want %v", c.text, sc.narrow, c.narrow)
		}
		p := buildWith(lines, sc)
		if got := p.Sections[0].Blocks[0].Text; got != "全县50%的乡镇建成养老服务中心，提升服务水平。" || p.Sections[0].Title != "总体要求" {
			t.Errorf("%q: %q %q", c.text, p.Sections[0].Title, got)
		}
	}
}
