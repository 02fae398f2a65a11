#!/usr/bin/env bash
# Regenerates the format fixtures in testdata/formats: the same small plans
# as .txt, .docx, .html and .pdf (formats/ tests compare what the loader
# makes of each).
#
#   scripts/make-format-fixtures.sh
#
# Needs python3 and LibreOffice (Debian: apt-get install -y
# libreoffice-writer-nogui fonts-noto-cjk). Run it once, read the diff, and
# commit the files: the tests need nothing but Go, so CI never runs this.
#
# Each plan is written once, as the data in the Python below, which writes
#   NAME.txt   the plan as a text export would give it (layouts the text
#              loader reads: numbered heading lines, a Word table with one
#              tab-led cell per line and a blank line after each row, a
#              专栏 box as its title line and content)
#   NAME.fodt  the same plan as a LibreOffice document with real structure:
#              heading styles with automatic outline numbering (the numbers
#              are NOT in the text), list numbering, tables with merged
#              cells and a repeated header row, a 专栏 as a one-cell table
#              or a text frame, footnotes, a page header and page numbers
# and LibreOffice converts the .fodt into NAME.docx, NAME.html and NAME.pdf.
# One plan's page is then dressed as a portal publishes it: encoded GBK and
# wrapped in navigation, a script, a style sheet and a run of links after
# the article (link spam), which the HTML front end must drop.
#
# The .fodt sources are kept beside the outputs (testdata/formats/src) so
# that a change to a fixture is a readable diff.
set -euo pipefail
cd "$(dirname "$0")/.."
out=testdata/formats
src=$out/src
mkdir -p "$src"
command -v soffice > /dev/null || { echo "soffice not found: apt-get install -y libreoffice-writer-nogui fonts-noto-cjk" >&2; exit 1; }

python3 - "$out" "$src" << 'PY'
import sys, html as H

out, src = sys.argv[1], sys.argv[2]

CN = "零一二三四五六七八九"
def cn(n):
    if n < 10: return CN[n]
    if n < 20: return "十" + (CN[n % 10] if n % 10 else "")
    return CN[n // 10] + "十" + (CN[n % 10] if n % 10 else "")

# A plan: a list of items.
#   ("title", text)
#   ("h", level, title)                  heading, numbered by the plan's scheme
#   ("p", text)                          paragraph
#   ("p", text, footnote)                paragraph with a footnote at its end
#   ("table", caption, rows, spans, note_cell, note, rules)
#        rows: lists of cell texts ("" under a merged cell); spans: {(r, c):
#        (rowspan, colspan)}; the first row is the header (repeated on every
#        page); note: the footnote attached to cell note_cell, which the
#        text export prints under the table as 注：…; rules: "grid" (every
#        cell ruled) or "three-line" (三线表: rules above and below the
#        header and under the last row only)
#   ("box", how, title, items)           a 专栏: how = "table" (one-cell table)
#                                        or "frame" (a text frame)
# A scheme: for each heading level, (prefix, format, suffix, space after);
# format "cn" is 一二三, "1" is 1 2 3.

PLANS = {}

PLANS["qingshan"] = dict(
    header=None,
    scheme=[("第", "cn", "章", True), ("", "cn", "、", False), ("（", "cn", "）", False), ("", "1", ".", False)],
    items=[
        ("title", "青山县民政事业发展“十四五”规划"),
        ("h", 1, "发展基础"),
        ("h", 2, "“十三五”时期发展成就"),
        ("h", 3, "社会救助兜底保障有力"),
        ("p", "“十三五”期间，全县城市和农村低保标准分别提高到每人每月620元和450元，累计发放各类救助资金3.2亿元，困难群众基本生活得到有效保障。"),
        ("h", 3, "养老服务体系初步形成"),
        ("h", 4, "养老机构建设加快"),
        ("p", "新建和改扩建乡镇敬老院12所，全县养老床位达到2860张。"),
        ("h", 4, "社区居家养老稳步推进"),
        ("p", "建成城市社区日间照料中心18个、农村幸福院65个。"),
        ("h", 2, "面临的形势"),
        ("p", "人口老龄化程度不断加深，全县60岁以上老年人口占总人口的21.6%，民政服务需求持续增长。"),
        ("h", 1, "总体要求"),
        ("h", 2, "指导思想"),
        ("p", "以习近平新时代中国特色社会主义思想为指导，坚持以人民为中心的发展思想，推动民政事业高质量发展。"),
        ("h", 2, "发展目标"),
        ("p", "到2025年，基本民生保障更加有力，养老服务体系更加健全，基层社会治理更加有效。"),
        ("table", "表1 青山县“十四五”民政事业发展主要指标",
         [["序号", "指标", "2020年", "2025年", "属性"],
          ["1", "城乡低保标准（元/月）", "620", "≥780", "预期性"],
          ["2", "每千名老年人口养老床位数（张）", "32", "35", "约束性"],
          ["3", "养老机构护理型床位占比（%）", "30", "≥55", ""],
          ["4", "城乡社区综合服务设施覆盖率（%）", "85", "100", "预期性"]],
         {(2, 4): (2, 1)}, (3, 1),
         "护理型床位占比指养老机构护理型床位数占养老机构床位总数的比例。", "three-line"),
        ("h", 1, "主要任务"),
        ("h", 2, "织密兜牢民生保障网"),
        ("h", 3, "健全分层分类社会救助体系"),
        ("h", 4, "完善最低生活保障制度"),
        ("p", "健全低保标准动态调整机制，确保城乡低保标准不低于当地居民上年度人均消费支出的30%。"),
        ("h", 4, "加强临时救助"),
        ("p", "全面推行“先行救助”，提高救助时效。"),
        ("h", 3, "提升养老服务能力"),
        ("p", "到2025年，养老机构护理型床位占比达到55%以上。"),
        ("box", "table", "专栏1 养老服务能力提升工程",
         ["1.敬老院改造提升：改造提升乡镇敬老院8所，新增护理型床位300张。",
          "2.居家养老服务：建设县级居家养老服务指导中心1个。"]),
        ("h", 2, "加强基层社会治理"),
        ("h", 3, "完善城乡社区治理"),
        ("p", "到2025年，城乡社区综合服务设施覆盖率达到100%。"),
        ("h", 1, "保障措施"),
        ("h", 2, "加强组织领导"),
        ("p", "各乡镇、各有关部门要把民政事业发展纳入重要议事日程，研究解决重大问题。"),
    ])

# A long indicator table, so that the PDF breaks it over two pages with
# its header repeated; 类别 cells merged down their group.
groups = [
    ("社会救助", [
        ("城市低保标准", "元/月", "650", "≥800", "预期性"),
        ("农村低保标准", "元/月", "480", "≥620", "预期性"),
        ("特困人员救助供养覆盖率", "%", "100", "100", "约束性"),
        ("临时救助平均救助时限", "天", "7", "≤5", "预期性"),
        ("低保对象动态管理率", "%", "95", "100", "预期性"),
    ]),
    ("养老服务", [
        ("每千名老年人口养老床位数", "张", "33", "36", "预期性"),
        ("养老机构护理型床位占比", "%", "35", "≥60", "约束性"),
        ("街道综合养老服务机构覆盖率", "%", "40", "100", "约束性"),
        ("特殊困难老年人月探访率", "%", "70", "100", "预期性"),
        ("养老护理员培训人次", "人次", "800", "3000", "预期性"),
        ("社区日间照料中心覆盖率", "%", "80", "100", "预期性"),
    ]),
    ("儿童福利", [
        ("孤儿基本生活保障标准增长率", "%", "5", "≥5", "预期性"),
        ("儿童督导员配备率", "%", "90", "100", "约束性"),
        ("未成年人救助保护机构覆盖率", "%", "60", "100", "约束性"),
    ]),
    ("社会治理", [
        ("城乡社区综合服务设施覆盖率", "%", "88", "100", "预期性"),
        ("每万城镇常住人口拥有社区工作者数", "人", "15", "18", "预期性"),
        ("社会组织党组织覆盖率", "%", "85", "≥95", "约束性"),
        ("持证社会工作者人数", "人", "620", "1500", "预期性"),
        ("注册志愿者占常住人口比例", "%", "12", "15", "预期性"),
    ]),
    ("社会事务", [
        ("婚姻登记合格率", "%", "100", "100", "约束性"),
        ("县级公益性公墓覆盖率", "%", "50", "100", "约束性"),
        ("遗体火化率", "%", "65", "≥75", "预期性"),
        ("残疾人两项补贴精准发放率", "%", "98", "100", "约束性"),
    ]),
]
long_rows = [["类别", "序号", "指标", "单位", "2020年", "2025年", "属性"]]
long_spans = {}
k = 0
for g, rs in groups:
    long_spans[(len(long_rows), 0)] = (len(rs), 1)
    for i, (name, unit, a, b, attr) in enumerate(rs):
        k += 1
        long_rows.append([g if i == 0 else "", str(k), name, unit, a, b, attr])

filler = ("坚持把保障和改善民生作为民政工作的出发点和落脚点，聚焦特殊群体、聚焦群众关切，"
          "更好履行基本民生保障、基层社会治理、基本社会服务等职责，推动民政事业高质量发展，"
          "不断增强人民群众的获得感、幸福感、安全感。")

PLANS["baishui"] = dict(
    header="白水市民政事业发展“十四五”规划",
    scheme=[("第", "cn", "章", True), ("第", "cn", "节", True), ("", "cn", "、", False), ("（", "cn", "）", False)],
    items=[
        ("title", "白水市民政事业发展“十四五”规划"),
        ("h", 1, "总体要求"),
        ("h", 2, "发展基础"),
        ("h", 3, "主要成就"),
        ("p", "“十三五”以来，全市民政事业取得长足发展，兜底保障能力明显增强，全市城乡低保标准分别达到每人每月650元和480元。",
         "数据来源：白水市民政局2020年统计年报。"),
        ("p", filler),
        ("h", 3, "存在问题"),
        ("p", "养老服务供给结构性矛盾突出，基层民政服务力量相对薄弱，社会力量参与不够充分。"),
        ("p", filler),
        ("h", 2, "发展目标"),
        ("p", "到2025年，全市民政事业发展主要指标如下表。"),
        ("table", "表1 白水市“十四五”民政事业发展主要指标", long_rows, long_spans, None, None, "grid"),
        ("h", 1, "主要任务"),
        ("h", 2, "兜底保障"),
        ("h", 3, "完善社会救助"),
        ("h", 4, "提高救助标准"),
        ("p", "建立低保标准与经济社会发展水平相适应的动态调整机制，城乡低保标准年均增长不低于5%。"),
        ("h", 4, "强化临时救助"),
        ("p", "全面落实临时救助制度，到2025年，临时救助平均救助时限缩短到5天以内。"),
        ("box", "frame", "专栏1 社会救助能力提升工程",
         ["1.救助信息平台：建设市级社会救助综合信息平台，实现救助信息跨部门共享。",
          "2.救助站点建设：在每个乡镇（街道）设立社会救助服务站点。"]),
        ("h", 2, "养老服务"),
        ("h", 3, "发展居家社区养老"),
        ("p", "到2025年，养老机构护理型床位占比达到60%以上，街道综合养老服务机构实现全覆盖。"),
        ("p", filler),
        ("h", 1, "保障措施"),
        ("h", 2, "组织保障"),
        ("p", "各县（市、区）要加强对民政工作的领导，将民政事业发展纳入经济社会发展总体规划。"),
    ])

# ---------------------------------------------------------------- text

def numbers(scheme):
    count = [0] * len(scheme)
    def next_number(level):
        count[level - 1] += 1
        for i in range(level, len(count)):
            count[i] = 0
        pre, fmt, suf, space = scheme[level - 1]
        n = count[level - 1]
        return pre + (cn(n) if fmt == "cn" else str(n)) + suf + (" " if space else "")
    return next_number

def write_txt(name, plan):
    num = numbers(plan["scheme"])
    lines = []
    for it in plan["items"]:
        kind = it[0]
        if kind == "title":
            lines.append(it[1])
        elif kind == "h":
            lines.append(num(it[1]) + it[2])
        elif kind == "p":
            lines.append(it[1])
            if len(it) > 2:
                lines.append("注：" + it[2])
        elif kind == "table":
            _, caption, rows, spans, _, note, _ = it
            lines.append(caption)
            for r in rows:
                lines += ["\t" + c for c in r]
                lines.append("")
            if note:
                lines.append("注：" + note)
        elif kind == "box":
            _, how, title, content = it
            lines.append(title)
            lines += content
            lines += ["", ""]
    open(f"{out}/{name}.txt", "w", encoding="utf-8").write("\n".join(lines) + "\n")

# ---------------------------------------------------------------- fodt

NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
      'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
      'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
      'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
      'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" '
      'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
      'xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" '
      'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" '
      'xmlns:dc="http://purl.org/dc/elements/1.1/"')

FONT = "Noto Serif CJK SC"

def e(s):
    return H.escape(s, quote=True)

def outline_style(scheme):
    out = ['<text:outline-style style:name="Outline">']
    for i, (pre, fmt, suf, space) in enumerate(scheme, 1):
        f = "一, 二, 三, ..." if fmt == "cn" else "1"
        out.append(
            f'<text:outline-level-style text:level="{i}" style:num-format="{e(f)}" '
            f'style:num-prefix="{e(pre)}" style:num-suffix="{e(suf)}">'
            '<style:list-level-properties text:list-level-position-and-space-mode="label-alignment">'
            f'<style:list-level-label-alignment text:label-followed-by="{"space" if space else "nothing"}"/>'
            '</style:list-level-properties></text:outline-level-style>')
    for i in range(len(scheme) + 1, 11):
        out.append(f'<text:outline-level-style text:level="{i}" style:num-format=""/>')
    out.append('</text:outline-style>')
    return "".join(out)

def cell_xml(text, span, note, style="Cell"):
    attrs = f' table:style-name="{style}" office:value-type="string"'
    if span:
        rs, cs = span
        if rs > 1: attrs += f' table:number-rows-spanned="{rs}"'
        if cs > 1: attrs += f' table:number-columns-spanned="{cs}"'
    body = e(text)
    if note:
        body += footnote_xml(note)
    return f'<table:table-cell{attrs}><text:p text:style-name="TableText">{body}</text:p></table:table-cell>'

NOTE = [0]
def footnote_xml(text):
    NOTE[0] += 1
    n = NOTE[0]
    return (f'<text:note text:id="ftn{n}" text:note-class="footnote"><text:note-citation>{n}</text:note-citation>'
            f'<text:note-body><text:p text:style-name="Footnote">{e(text)}</text:p></text:note-body></text:note>')

def table_xml(idx, rows, spans, note_cell, note, rules):
    ncol = len(rows[0])
    covered = set()
    for (r, c), (rs, cs) in spans.items():
        for i in range(r, r + rs):
            for j in range(c, c + cs):
                if (i, j) != (r, c):
                    covered.add((i, j))
    def style(r, c):
        if rules == "grid":
            return "Cell"
        rs = spans.get((r, c), (1, 1))[0]
        if r == 0:
            return "CellHead"
        if r + rs >= len(rows):
            return "CellLast"
        return "CellPlain"
    def row_xml(r):
        cells = []
        for c in range(ncol):
            if (r, c) in covered:
                cells.append(f'<table:covered-table-cell table:style-name="{style(r, c)}"/>')
            else:
                cells.append(cell_xml(rows[r][c], spans.get((r, c)), note if (r, c) == note_cell else None, style(r, c)))
        return "<table:table-row>" + "".join(cells) + "</table:table-row>"
    x = [f'<table:table table:name="Table{idx}" table:style-name="Tbl">']
    x.append(f'<table:table-column table:style-name="Col" table:number-columns-repeated="{ncol}"/>')
    x.append("<table:table-header-rows>" + row_xml(0) + "</table:table-header-rows>")
    for r in range(1, len(rows)):
        x.append(row_xml(r))
    x.append("</table:table>")
    return "".join(x)

def write_fodt(name, plan):
    NOTE[0] = 0
    body = []
    tables = 0
    frames = 0
    for it in plan["items"]:
        kind = it[0]
        if kind == "title":
            body.append(f'<text:p text:style-name="Title">{e(it[1])}</text:p>')
        elif kind == "h":
            body.append(f'<text:h text:style-name="Heading_20_{it[1]}" text:outline-level="{it[1]}">{e(it[2])}</text:h>')
        elif kind == "p":
            fn = footnote_xml(it[2]) if len(it) > 2 else ""
            body.append(f'<text:p text:style-name="Text_20_body">{e(it[1])}{fn}</text:p>')
        elif kind == "table":
            _, caption, rows, spans, note_cell, note, rules = it
            tables += 1
            body.append(f'<text:p text:style-name="Caption">{e(caption)}</text:p>')
            body.append(table_xml(tables, rows, spans, note_cell, note, rules))
        elif kind == "box":
            _, how, title, content = it
            paras = [f'<text:p text:style-name="BoxTitle">{e(title)}</text:p>'] + \
                    [f'<text:p text:style-name="Text_20_body">{e(c)}</text:p>' for c in content]
            if how == "table":
                tables += 1
                body.append(f'<table:table table:name="Table{tables}" table:style-name="Tbl">'
                            '<table:table-column table:style-name="Col"/>'
                            '<table:table-row><table:table-cell table:style-name="Cell" office:value-type="string">'
                            + "".join(paras) + '</table:table-cell></table:table-row></table:table>')
            else:
                frames += 1
                body.append('<text:p text:style-name="Text_20_body">'
                            f'<draw:frame draw:style-name="Frame" draw:name="Frame{frames}" text:anchor-type="paragraph" '
                            'svg:width="15.9cm" draw:z-index="0"><draw:text-box fo:min-height="1cm">'
                            + "".join(paras) + '</draw:text-box></draw:frame></text:p>')
    header = ""
    if plan["header"]:
        header = (f'<style:header><text:p text:style-name="Header">{e(plan["header"])}</text:p></style:header>'
                  '<style:footer><text:p text:style-name="Footer">— <text:page-number text:select-page="current">1</text:page-number> —</text:p></style:footer>')
    hf_layout = ""
    if plan["header"]:
        hf_layout = ('<style:header-style><style:header-footer-properties fo:min-height="0.6cm" fo:margin-bottom="0.4cm"/></style:header-style>'
                     '<style:footer-style><style:header-footer-properties fo:min-height="0.6cm" fo:margin-top="0.4cm"/></style:footer-style>')
    heading_styles = "".join(
        f'<style:style style:name="Heading_20_{i}" style:display-name="Heading {i}" style:family="paragraph" '
        f'style:parent-style-name="Heading" style:next-style-name="Text_20_body" style:default-outline-level="{i}" style:class="text">'
        f'<style:text-properties fo:font-size="{[16, 14, 13, 12][i - 1]}pt" style:font-size-asian="{[16, 14, 13, 12][i - 1]}pt" '
        'fo:font-weight="bold" style:font-weight-asian="bold"/></style:style>'
        for i in range(1, len(plan["scheme"]) + 1))
    doc = f'''<?xml version="1.0" encoding="UTF-8"?>
<office:document {NS} office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
<office:meta><dc:title>{e(plan["items"][0][1])}</dc:title></office:meta>
<office:font-face-decls><style:font-face style:name="{FONT}" svg:font-family="&apos;{FONT}&apos;" style:font-pitch="variable"/></office:font-face-decls>
<office:styles>
<style:default-style style:family="paragraph"><style:paragraph-properties fo:line-height="120%"/><style:text-properties style:font-name="{FONT}" style:font-name-asian="{FONT}" fo:font-size="11pt" style:font-size-asian="11pt" fo:language="zh" fo:country="CN" style:language-asian="zh" style:country-asian="CN"/></style:default-style>
<style:style style:name="Standard" style:family="paragraph" style:class="text"/>
<style:style style:name="Text_20_body" style:display-name="Text body" style:family="paragraph" style:parent-style-name="Standard" style:class="text"><style:paragraph-properties fo:margin-top="0cm" fo:margin-bottom="0.15cm" fo:text-indent="0.78cm"/></style:style>
<style:style style:name="Heading" style:family="paragraph" style:parent-style-name="Standard" style:next-style-name="Text_20_body" style:class="text"><style:paragraph-properties fo:margin-top="0.3cm" fo:margin-bottom="0.2cm" fo:keep-with-next="always"/></style:style>
{heading_styles}
<style:style style:name="Title" style:family="paragraph" style:parent-style-name="Heading" style:class="chapter"><style:paragraph-properties fo:text-align="center" fo:margin-bottom="0.5cm"/><style:text-properties fo:font-size="20pt" style:font-size-asian="20pt" fo:font-weight="bold" style:font-weight-asian="bold"/></style:style>
<style:style style:name="Caption" style:family="paragraph" style:parent-style-name="Standard" style:class="extra"><style:paragraph-properties fo:text-align="center" fo:margin-top="0.2cm" fo:margin-bottom="0.2cm" fo:keep-with-next="always"/><style:text-properties fo:font-weight="bold" style:font-weight-asian="bold"/></style:style>
<style:style style:name="TableText" style:family="paragraph" style:parent-style-name="Standard" style:class="extra"><style:paragraph-properties fo:text-align="center"/><style:text-properties fo:font-size="10pt" style:font-size-asian="10pt"/></style:style>
<style:style style:name="BoxTitle" style:family="paragraph" style:parent-style-name="Standard" style:class="text"><style:paragraph-properties fo:text-align="center" fo:margin-bottom="0.1cm"/><style:text-properties fo:font-weight="bold" style:font-weight-asian="bold"/></style:style>
<style:style style:name="Footnote" style:family="paragraph" style:parent-style-name="Standard" style:class="extra"><style:text-properties fo:font-size="9pt" style:font-size-asian="9pt"/></style:style>
<style:style style:name="Header" style:family="paragraph" style:parent-style-name="Standard" style:class="extra"><style:paragraph-properties fo:text-align="center"/><style:text-properties fo:font-size="9pt" style:font-size-asian="9pt"/></style:style>
<style:style style:name="Footer" style:family="paragraph" style:parent-style-name="Standard" style:class="extra"><style:paragraph-properties fo:text-align="center"/><style:text-properties fo:font-size="9pt" style:font-size-asian="9pt"/></style:style>
<style:style style:name="Frame" style:family="graphic"><style:graphic-properties style:wrap="none" style:vertical-pos="top" style:vertical-rel="paragraph" style:horizontal-pos="center" style:horizontal-rel="paragraph" fo:border="0.06pt solid #000000" fo:padding="0.2cm"/></style:style>
{outline_style(plan["scheme"])}
<text:notes-configuration text:note-class="footnote" style:num-format="1" text:start-value="0" text:footnotes-position="page" text:start-numbering-at="document"/>
</office:styles>
<office:automatic-styles>
<style:style style:name="Tbl" style:family="table"><style:table-properties style:width="15.9cm" table:align="margins" fo:margin-top="0.1cm" fo:margin-bottom="0.3cm"/></style:style>
<style:style style:name="Col" style:family="table-column"/>
<style:style style:name="Cell" style:family="table-cell"><style:table-cell-properties style:vertical-align="middle" fo:padding="0.08cm" fo:border="0.5pt solid #000000"/></style:style>
<style:style style:name="CellHead" style:family="table-cell"><style:table-cell-properties style:vertical-align="middle" fo:padding="0.08cm" fo:border-top="1pt solid #000000" fo:border-bottom="0.5pt solid #000000" fo:border-left="none" fo:border-right="none"/></style:style>
<style:style style:name="CellPlain" style:family="table-cell"><style:table-cell-properties style:vertical-align="middle" fo:padding="0.08cm" fo:border="none"/></style:style>
<style:style style:name="CellLast" style:family="table-cell"><style:table-cell-properties style:vertical-align="middle" fo:padding="0.08cm" fo:border-bottom="1pt solid #000000" fo:border-top="none" fo:border-left="none" fo:border-right="none"/></style:style>
<style:page-layout style:name="pm1"><style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm" fo:margin-top="2cm" fo:margin-bottom="2cm" fo:margin-left="2.5cm" fo:margin-right="2.5cm"/>{hf_layout}</style:page-layout>
</office:automatic-styles>
<office:master-styles><style:master-page style:name="Standard" style:page-layout-name="pm1">{header}</style:master-page></office:master-styles>
<office:body><office:text>
{chr(10).join(body)}
</office:text></office:body>
</office:document>
'''
    open(f"{src}/{name}.fodt", "w", encoding="utf-8").write(doc)

for name, plan in PLANS.items():
    write_txt(name, plan)
    write_fodt(name, plan)
PY

# LibreOffice writes its profile under HOME: keep it out of the user's.
export HOME=$(mktemp -d)
trap 'rm -rf "$HOME"' EXIT
for f in "$src"/*.fodt; do
  for fmt in docx html pdf; do
    soffice --headless --convert-to "$fmt" --outdir "$out" "$f" > /dev/null
  done
done

# One plan set in two columns (the page style's columns; its table stays in
# its column): columns/qingshan.pdf, for the PDF front end's column reading.
mkdir -p "$out/columns"
cols=$(mktemp -d)
sed 's|fo:margin-right="2.5cm"/>|fo:margin-right="2.5cm"><style:columns fo:column-count="2" fo:column-gap="0.8cm"/></style:page-layout-properties>|' \
  "$src/qingshan.fodt" > "$cols/qingshan.fodt"
grep -q 'column-count="2"' "$cols/qingshan.fodt" || { echo "no page style to set in columns" >&2; exit 1; }
soffice --headless --convert-to pdf --outdir "$out/columns" "$cols/qingshan.fodt" > /dev/null
rm -rf "$cols"

# Dress one page as a portal publishes it (see the top of this file).
python3 - "$out/baishui.html" << 'PY'
import sys, re
path = sys.argv[1]
page = open(path, encoding="utf-8").read()
head_style = re.search(r"<style[^>]*>.*?</style>", page, re.S)
body = re.search(r"<body[^>]*>(.*)</body>", page, re.S).group(1)
nav = "".join(f'<li><a href="/col/{i}/">{t}</a></li>' for i, t in enumerate(
    ["首页", "政务公开", "政策文件", "规划计划", "办事服务", "互动交流", "走进白水"], 1))
spam = "".join(f'<a href="https://spam{i}.example.com/">{t}</a>\n' for i, t in enumerate(
    ["白水二手车交易市场", "白水本地招聘信息网", "白水装修公司排名", "白水婚纱摄影哪家好",
     "白水驾校报名", "白水房产中介", "白水家政服务电话", "白水开锁换锁"], 1))
doc = f'''<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<title>白水市民政事业发展“十四五”规划_规划计划_白水市人民政府</title>
{head_style.group(0) if head_style else ""}
<style>.nav li{{display:inline}} .footer{{color:#666}}</style>
<script>var _hmt = _hmt || []; (function() {{ var hm = document.createElement("script"); }})();</script>
</head>
<body>
<div class="top"><div class="logo"><a href="/">白水市人民政府</a></div>
<form action="/search"><input name="q" value="请输入关键字"><button>搜索</button></form></div>
<ul class="nav">{nav}</ul>
<div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; <a href="/ghjh/">规划计划</a></div>
<div class="main">
<div class="article">
<div class="info">发布时间：2021-12-20　来源：市民政局　<a href="javascript:window.print()">打印</a>　<a href="javascript:window.close()">关闭</a></div>
<div id="zoom">
{body}
</div>
</div>
<div class="related"><h4>相关链接</h4>
{spam}</div>
</div>
<div class="footer">主办：白水市人民政府办公室　<a href="/sitemap">网站地图</a>　<a href="/contact">联系我们</a></div>
<script>document.write("<img src=/stat.gif>");</script>
</body>
</html>
'''
open(path, "wb").write(doc.encode("gb18030"))
PY
echo "wrote $(ls "$out" | grep -v '^src$' | wc -l) files in $out"
