"""Writing a ReportData in the text shapes real reports come in.

Shapes: ``webcopy`` (the seed's one-cell-per-line layout), ``markdown`` (pipe tables),
``tsv`` (a row per line, tab-separated), ``pdftext`` (a label and its numbers on one
line, as PDF-to-text gives) and ``pdfwrap*`` (the same with long labels wrapped over
several lines and group labels broken into pieces that look like headings). Every shape
carries the same facts, so a loader round trip can be checked shape by shape.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from reportlint.templates import TableSpec, Template
from reportlint.testing.generate import ReportData, template_for

NUMERALS = "一二三四五六七八九十"
SECTION_TITLES = {
    "overview": "总体情况",
    "proactive": "主动公开政府信息情况",
    "requests": "收到和处理政府信息公开申请情况",
    "review": "政府信息公开行政复议、行政诉讼情况",
    "problems": "存在的主要问题及改进情况",
    "other": "其他需要报告的事项",
}
REQUESTS_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"

Row = list[str]  # label cells then value cells
LEGACY_OTHER_GROUP = "（六）其他处理"  # 2019's single row, 2021's group of three


def cell_text(value: Decimal | None, signed: bool = False) -> str:
    """How a value is written in a cell."""
    if value is None:
        return ""
    text = format(value, "f")
    if signed and value > 0:
        return "+" + text
    return text


def _values(data: ReportData, table: TableSpec, row_key: str) -> list[str]:
    return [
        cell_text(data.values.get(table.fact_key(row_key, c.key)), c.type == "signed")
        for c in table.columns
    ]


def table_rows(data: ReportData, template: Template, table_key: str) -> tuple[list[Row], list[Row]]:
    """(header rows, data rows) of a statutory table, label cells first."""
    table = template.table(table_key)
    if table.layout == "flat":
        groups = ["行政复议", "", "", "", "", "行政诉讼", "", "", "", "", "", "", "", "", ""]
        sub = ["", "", "", "", "", "未经复议直接起诉", "", "", "", "", "复议后起诉", "", "", "", ""]
        columns = [c.label for c in table.columns] * 3
        flat: list[str] = []
        for row in table.rows:
            flat.extend(_values(data, table, row.key))
        return [groups, sub, columns], [flat]
    if table_key == "requests":
        header = [
            [REQUESTS_NOTE, "申请人情况"],
            ["", "", "自然人", "法人或其他组织", "", "", "", "", "总计"],
            ["", "", "", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", ""],
        ]
        rows: list[Row] = []
        seen_groups: set[str] = set()
        legacy_done = False
        for row in table.rows:
            if data.legacy_other_row and row.group == LEGACY_OTHER_GROUP:
                if not legacy_done:
                    legacy_done = True
                    parts = [r for r in table.rows if r.group == LEGACY_OTHER_GROUP]
                    sums = [sum((data.values[table.fact_key(r.key, c.key)] or Decimal(0) for r in parts), Decimal(0))
                            for c in table.columns]
                    rows.append(["", LEGACY_OTHER_GROUP, *(cell_text(v) for v in sums)])
                continue
            group = row.group
            first = group if group and group not in seen_groups else ""
            seen_groups.add(group)
            rows.append([first, row.label, *_values(data, table, row.key)])
        return header, rows
    header = [[table.label], ["信息内容", *(c.label for c in table.columns)]]
    return header, [[row.label, *_values(data, table, row.key)] for row in table.rows]


def _prose(data: ReportData, key: str) -> list[str]:
    if key == "overview":
        return [f"{data.year}年，{data.issuer}认真贯彻落实《中华人民共和国政府信息公开条例》，"
                "扎实推进政府信息公开工作。"]
    if key == "problems":
        return ["主要问题是信息更新不够及时。下一步将完善信息发布审核机制，提升公开质量。"]
    if key == "other":
        return ["本年度未收取信息处理费。"]
    return []


TableWriter = Callable[[list[Row], list[Row]], list[str]]


def _webcopy_table(header: list[Row], rows: list[Row]) -> list[str]:
    out: list[str] = []
    for row in [*header, *rows]:
        out.extend("\t" + cell for cell in row)
        out.append("")
    return out


def _markdown_table(header: list[Row], rows: list[Row]) -> list[str]:
    width = max(len(r) for r in [*header, *rows])

    def line(cells: Row) -> str:
        cells = cells + [""] * (width - len(cells))
        return "| " + " | ".join(cells) + " |"

    out = [line(header[0]), "|" + "---|" * width]
    out.extend(line(r) for r in header[1:])
    out.extend(line(r) for r in rows)
    out.append("")
    return out


def _tsv_table(header: list[Row], rows: list[Row]) -> list[str]:
    out = ["\t".join(r) if len(r) > 1 else r[0] for r in header]
    out.extend("\t".join(r) for r in rows)
    out.append("")
    return out


def _pdftext_table(header: list[Row], rows: list[Row]) -> list[str]:
    out = [" ".join(c for c in r if c) for r in header]
    for row in rows:
        labels = [c for c in row if c and not _is_value(c)]
        values = [c for c in row if _is_value(c)]
        if len(labels) > 1:
            out.append(labels[0])  # the group label stands on its own line in PDF text
            labels = labels[1:]
        out.append(" ".join([*labels, *values]))
    out.append("")
    return out




def _wrapped(label: str, values: list[str], on: str, width: int) -> list[str]:
    """A label cell wrapped over several lines, its values printed beside the first, the
    middle or the last line of it (where a PDF's text extraction puts them)."""
    pieces = [label[i:i + width] for i in range(0, len(label), width)] or [""]
    at = {"first": 0, "middle": (len(pieces) - 1) // 2, "last": len(pieces) - 1}[on]
    return [" ".join([piece, *values]) if i == at else piece for i, piece in enumerate(pieces)]


def _pdfwrap_table(header: list[Row], rows: list[Row], on: str, width: int) -> list[str]:
    """PDF text of a narrow table: labels wrapped every ``width`` characters, a group
    label's merged cell broken into pieces of three characters."""
    out = [" ".join(c for c in r if c) for r in header]
    for row in rows:
        labels = [c for c in row if c and not _is_value(c)]
        values = [c for c in row if _is_value(c)]
        if len(labels) > 1:
            # A group label of a merged cell comes out a few characters at a time; the first
            # piece can look like a heading (「三、本」) but belongs to the table.
            group = labels[0]
            out.extend(group[i:i + 3] for i in range(0, len(group), 3))
            labels = labels[1:]
        if not labels:  # table 四: the values of one row, no label
            out.append(" ".join(values))
            continue
        label = labels[0]
        if on == "last" and label[:1].isdigit() and label[1:2] == ".":
            label = label[0] + "、" + label[2:]  # many PDFs number sub-rows 「1、」: not a heading
        out.extend(_wrapped(label, values, on, width))
    out.append("")
    return out


def _is_value(text: str) -> bool:
    stripped = text.lstrip("+-")
    return bool(stripped) and stripped.replace(".", "", 1).isdigit()


SHAPES: dict[str, TableWriter] = {
    "webcopy": _webcopy_table,
    "markdown": _markdown_table,
    "tsv": _tsv_table,
    "pdftext": _pdftext_table,
    # Numbers beside the first, middle or last line of a wrapped label, as PDF text gives.
    "pdfwrap": lambda header, rows: _pdfwrap_table(header, rows, "first", 13),
    "pdfwrap-middle": lambda header, rows: _pdfwrap_table(header, rows, "middle", 8),
    "pdfwrap-last": lambda header, rows: _pdfwrap_table(header, rows, "last", 5),
}


def write_text(data: ReportData, shape: str = "webcopy") -> str:
    """The whole report as text in ``shape``."""
    template = template_for(data.version)
    table_writer = SHAPES[shape]
    heading = (lambda text: f"## {text}") if shape == "markdown" else (lambda text: text)
    lines = [
        ("# " if shape == "markdown" else "") + f"{data.issuer}{data.year}年政府信息公开工作年度报告",
        "",
        f"本报告依据《中华人民共和国政府信息公开条例》编制。本报告中所列数据的统计期限自{data.year}年1月1日起"
        f"至{data.year}年12月31日止。",
        "",
    ]
    for number, key in enumerate(data.section_order):
        lines.append(heading(f"{NUMERALS[number]}、{SECTION_TITLES[key]}"))
        lines.extend(_prose(data, key))
        lines.append("")
        for table in template.tables:
            if table.section != key:
                continue
            header, rows = table_rows(data, template, table.key)
            lines.extend(table_writer(header, rows))
    lines.extend([data.issuer, data.signature_date, ""])
    return "\n".join(lines)


def write_crawled(data: ReportData, joiner: str = "") -> str:
    """A crawler's text copy of the report's web page: a header of page metadata, then the
    whole body on one line, table cells run together with ``joiner`` between them ("" as
    crawlers give it, or " " where the page put spaces in its cells)."""
    title = f"{data.issuer}{data.year}年政府信息公开工作年度报告"
    body = write_text(data, "tsv").splitlines()[1:]  # the title is the page's, in the header
    header = [f"标题: {title}", f"发布时间: {data.year + 1}-01-20 09:30", f"发布机构: {data.issuer}",
              "==================== 正文 ===================="]
    return "\n".join(header) + "\n" + "".join(line.replace("\t", joiner) for line in body) + "\n"


# ---- HTML ------------------------------------------------------------------------------

def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _soup(text: str) -> str:
    """Word-style markup: a number split across runs ("<span>20</span><span>23</span>")."""
    if len(text) >= 2 and text.replace(".", "").isdigit():
        cut = len(text) // 2
        return f'<span style="font-family:宋体">{text[:cut]}</span><span lang="EN-US">{text[cut:]}</span>'
    return _esc(text) if text else "&nbsp;"


def _html_table_2(data: ReportData, table: TableSpec) -> str:
    width = len(table.columns) + 1
    rows = [f'<tr><td colspan="{width}"><p><b>{_esc(table.label)}</b></p></td></tr>',
            "<tr><td>信息内容</td>" + "".join(f"<td>{_esc(c.label)}</td>" for c in table.columns) + "</tr>"]
    for row in table.rows:
        cells = "".join(f"<td>{_soup(v)}</td>" for v in _values(data, table, row.key))
        rows.append(f"<tr><td>{_esc(row.label)}</td>{cells}</tr>")
    return '<table border="1" class="MsoTableGrid">' + "".join(rows) + "</table>"


def _html_table_3(data: ReportData, table: TableSpec) -> str:
    rows = [
        '<tr><td rowspan="3" colspan="3">' + _esc(REQUESTS_NOTE) + '</td><td colspan="7">申请人情况</td></tr>',
        '<tr><td rowspan="2">自然人</td><td colspan="5">法人或其他组织</td><td rowspan="2">总计</td></tr>',
        "<tr>" + "".join(f"<td>{label}</td>" for label in ("商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他")) + "</tr>",
    ]
    groups: dict[str, int] = {}
    for row in table.rows:
        if row.group:
            groups[row.group] = groups.get(row.group, 0) + 1
    outcome_rows = sum(1 for r in table.rows if r.group)  # under 三、本年度办理结果
    seen: set[str] = set()
    for row in table.rows:
        values = "".join(f"<td>{_soup(v)}</td>" for v in _values(data, table, row.key))
        if not row.group:
            rows.append(f'<tr><td colspan="3">{_esc(row.label)}</td>{values}</tr>')
            continue
        first = ""
        if "三、本年度办理结果" not in seen:
            seen.add("三、本年度办理结果")
            first = f'<td rowspan="{outcome_rows}">三、本年度办理结果</td>'
        if row.group == "三、本年度办理结果":
            rows.append(f'<tr>{first}<td colspan="2">{_esc(row.label)}</td>{values}</tr>')
            continue
        group_cell = ""
        if row.group not in seen:
            seen.add(row.group)
            group_cell = f'<td rowspan="{groups[row.group]}">{_esc(row.group)}</td>'
        rows.append(f"<tr>{first}{group_cell}<td>{_esc(row.label)}</td>{values}</tr>")
    return '<table border="1">' + "".join(rows) + "</table>"


OFFICIAL_WIDTH = 4  # the national template draws 表二 four columns wide


def _spans(count: int) -> list[int]:
    """Column spans of ``count`` value cells filling the three value columns of 表二."""
    if count >= OFFICIAL_WIDTH - 1:
        return [1] * count
    return [1] * (count - 1) + [OFFICIAL_WIDTH - count]


def _html_table_2_official(data: ReportData, tables: list[TableSpec]) -> str:
    """表二 as the template prints it: every item in one table, single values spanning."""
    rows: list[str] = []
    for table in tables:
        spans = _spans(len(table.columns))
        rows.append(f'<tr><td colspan="{OFFICIAL_WIDTH}"><p align="center"><b>{_esc(table.label)}</b></p></td></tr>')
        rows.append("<tr><td>信息内容</td>" + "".join(
            f'<td colspan="{span}">{_esc(c.label)}</td>' if span > 1 else f"<td>{_esc(c.label)}</td>"
            for c, span in zip(table.columns, spans)) + "</tr>")
        for row in table.rows:
            cells = "".join(
                f'<td colspan="{span}">{_soup(v)}</td>' if span > 1 else f"<td>{_soup(v)}</td>"
                for v, span in zip(_values(data, table, row.key), spans))
            rows.append(f"<tr><td>{_esc(row.label)}</td>{cells}</tr>")
    return '<table border="1" class="MsoNormalTable">' + "".join(rows) + "</table>"


def _html_table_3_word(data: ReportData, table: TableSpec) -> str:
    """表三 as Word exports it with doubled columns: 自然人 and 商业企业 each span two grid
    columns in every row, and the header leaves an empty cell under 自然人 instead of a rowspan."""
    def value_cells(values: list[str]) -> str:
        out = []
        for index, value in enumerate(values):
            span = ' colspan="2"' if index in (0, 1) else ""
            out.append(f"<td{span}>{_soup(value)}</td>")
        return "".join(out)

    rows = [
        '<tr><td rowspan="3" colspan="3">' + _esc(REQUESTS_NOTE) + '</td><td colspan="9">申请人情况</td></tr>',
        '<tr><td colspan="2">自然人</td><td colspan="6">法人或其他组织</td><td rowspan="2">总计</td></tr>',
        '<tr><td colspan="2">&nbsp;</td><td colspan="2">商业企业</td>'
        + "".join(f"<td>{label}</td>" for label in ("科研机构", "社会公益组织", "法律服务机构", "其他")) + "</tr>",
    ]
    for row in table.rows:
        values = value_cells(_values(data, table, row.key))
        label = row.label if not row.group or row.group == "三、本年度办理结果" else f"{row.group}{row.label}"
        rows.append(f'<tr><td colspan="3">{_esc(label)}</td>{values}</tr>')
    return '<table border="1" class="MsoTableGrid">' + "".join(rows) + "</table>"


def _html_table_4(data: ReportData, table: TableSpec) -> str:
    labels = "".join(f"<td>{_esc(c.label)}</td>" for c in table.columns)
    values = "".join(
        f"<td>{_soup(v)}</td>" for row in table.rows for v in _values(data, table, row.key)
    )
    return (
        '<table border="1"><tr><td colspan="5" rowspan="2">行政复议</td><td colspan="10">行政诉讼</td></tr>'
        '<tr><td colspan="5">未经复议直接起诉</td><td colspan="5">复议后起诉</td></tr>'
        f"<tr>{labels * 3}</tr><tr>{values}</tr></table>"
    )


def write_html(data: ReportData, charset: str = "utf-8", published: str = "", layout: str = "grid") -> str:
    """A portal-style page: navigation, meta tags, an article with Word-style tables.

    ``layout`` picks how the tables are drawn: ``grid`` (one cell per value), ``official``
    (表二 as the national template prints it: one table for every item, each item under a
    caption row spanning the table, single values spanning the remaining columns) or
    ``word`` (表三 exported from Word with doubled columns: 自然人 and 商业企业 span two grid
    columns in every row, with an empty cell under 自然人).
    """
    template = template_for(data.version)
    title = f"{data.issuer}{data.year}年政府信息公开工作年度报告"
    published = published or f"{data.year + 1}-01-25"
    body: list[str] = [
        f"<p>本报告依据《中华人民共和国政府信息公开条例》编制。本报告中所列数据的统计期限自{data.year}年1月1日起"
        f"至{data.year}年12月31日止。</p>"
    ]
    for number, key in enumerate(data.section_order):
        body.append(f'<p style="text-indent:2em"><strong>{NUMERALS[number]}、{SECTION_TITLES[key]}</strong></p>')
        body.extend(f"<p>{_esc(line)}</p>" for line in _prose(data, key))
        tables = [t for t in template.tables if t.section == key]
        if layout == "official" and key == "proactive":
            body.append(_html_table_2_official(data, tables))
            continue
        for table in tables:
            if table.key == "requests":
                body.append(_html_table_3_word(data, table) if layout == "word" else _html_table_3(data, table))
            elif table.layout == "flat":
                body.append(_html_table_4(data, table))
            else:
                body.append(_html_table_2(data, table))
    body.append(f'<p style="text-align:right">{_esc(data.issuer)}<br/>{_esc(data.signature_date)}</p>')
    return f"""<!DOCTYPE html>
<html>
<head>
<meta http-equiv="Content-Type" content="text/html; charset={charset}">
<meta name="ArticleTitle" content="{_esc(title)}">
<meta name="PubDate" content="{published} 10:00">
<meta name="ContentSource" content="{_esc(data.issuer)}">
<title>{_esc(title)}_政府信息公开_门户网站</title>
<style>.nav {{ color: red }}</style>
<script>var x = "<p>不是正文</p>";</script>
</head>
<body>
<div class="header"><div class="logo">政府门户网站</div><div class="search"><input type="text"></div></div>
<div class="nav"><ul><li><a href="/">首页</a></li><li><a href="/zwgk">政务公开</a></li><li><a href="/hd">互动交流</a></li></ul></div>
<div class="main">
<div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk">政务公开</a> &gt; 年度报告</div>
<div class="article">
<h1 class="article-title">{_esc(title)}</h1>
<div class="article-info">发布时间：{published}　来源：{_esc(data.issuer)}　浏览次数：123</div>
<div class="article-content TRS_Editor">
{chr(10).join(body)}
</div>
<div class="share">分享到：<a href="#">微信</a><a href="#">微博</a></div>
</div>
<div class="related"><h3>相关文章</h3><ul><li><a href="/a">2019年政府信息公开工作年度报告</a></li><li><a href="/b">关于开展政务公开检查的通知</a></li></ul></div>
</div>
<div class="footer"><p>主办单位：{_esc(data.issuer)}　版权所有</p><p>网站标识码：3302000001　浙ICP备12345678号</p></div>
</body>
</html>
"""


# ---- reportlint XML ----------------------------------------------------------------------

def write_xml(data: ReportData, keyed: bool = False) -> str:
    """The report in reportlint's XML interchange format.

    Tables carry their labels as cells; with ``keyed`` they also carry template keys.
    """
    template = template_for(data.version)
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           f'<report xmlns="urn:reportlint:report:1" format="{data.version}">', "<body>",
           f'<heading level="1">{_esc(data.issuer)}{data.year}年政府信息公开工作年度报告</heading>',
           f"<paragraph>本报告中所列数据的统计期限为{data.year}年1月1日至{data.year}年12月31日。</paragraph>"]
    for number, key in enumerate(data.section_order):
        out.append(f'<heading level="2" numbering="{NUMERALS[number]}、">{NUMERALS[number]}、{SECTION_TITLES[key]}</heading>')
        out.extend(f"<paragraph>{_esc(line)}</paragraph>" for line in _prose(data, key))
        for table in template.tables:
            if table.section != key:
                continue
            out.append(f'<table key="{table.key}">' if keyed else "<table>")
            for row in table.rows:
                row_open = f'<row key="{row.key}">' if keyed else "<row>"
                cells = "".join(
                    f'<cell column="{c.key}">{_esc(v)}</cell>' if keyed else f"<cell>{_esc(v)}</cell>"
                    for c, v in zip(table.columns, _values(data, table, row.key))
                )
                out.append(f"{row_open}<cell>{_esc(row.display)}</cell>{cells}</row>")
            out.append("</table>")
    out.extend([f"<paragraph>{_esc(data.issuer)}</paragraph>", f"<paragraph>{_esc(data.signature_date)}</paragraph>",
                "</body>", "</report>", ""])
    return "\n".join(out)


# ---- Word (.docx) -------------------------------------------------------------------------

_W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
_CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>
<Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>
</Types>"""
_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
</Relationships>"""
_STYLES = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles {_W_NS}>
<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:pPr><w:outlineLvl w:val="0"/></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="1"><w:name w:val="heading 1"/><w:pPr><w:numPr><w:numId w:val="1"/><w:ilvl w:val="0"/></w:numPr></w:pPr></w:style>
</w:styles>"""
# Section headings are numbered by Word ("%1、" in chineseCounting), not typed.
_NUMBERING = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:numbering {_W_NS}>
<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl></w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
</w:numbering>"""


def _runs(text: str) -> str:
    """Text as Word runs, numbers split across two runs the way Word often stores them."""
    if len(text) >= 2 and text.replace(".", "").lstrip("+-").isdigit():
        cut = len(text) // 2
        return f"<w:r><w:t>{_esc(text[:cut])}</w:t></w:r><w:r><w:t>{_esc(text[cut:])}</w:t></w:r>"
    return f'<w:r><w:t xml:space="preserve">{_esc(text)}</w:t></w:r>' if text else ""


def _p(text: str, style: str = "") -> str:
    ppr = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
    return f"<w:p>{ppr}{_runs(text)}</w:p>"


def _tc(text: str, span: int = 1, merge: str | None = None) -> str:
    props = ""
    if span > 1:
        props += f'<w:gridSpan w:val="{span}"/>'
    if merge == "restart":
        props += '<w:vMerge w:val="restart"/>'
    elif merge == "continue":
        props += "<w:vMerge/>"
    return f"<w:tc>{'<w:tcPr>' + props + '</w:tcPr>' if props else ''}{_p(text)}</w:tc>"


def _docx_table(data: ReportData, template: Template, table: TableSpec) -> str:
    rows: list[str] = []
    if table.key == "requests":
        rows.append("<w:tr>" + _tc(REQUESTS_NOTE, 3, "restart") + _tc("申请人情况", 7) + "</w:tr>")
        rows.append("<w:tr>" + _tc("", 3, "continue") + _tc("自然人", 1, "restart") + _tc("法人或其他组织", 5)
                    + _tc("总计", 1, "restart") + "</w:tr>")
        rows.append("<w:tr>" + _tc("", 3, "continue") + _tc("", 1, "continue")
                    + "".join(_tc(x) for x in ("商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"))
                    + _tc("", 1, "continue") + "</w:tr>")
        seen: set[str] = set()
        for row in table.rows:
            values = "".join(_tc(v) for v in _values(data, table, row.key))
            if not row.group:
                rows.append(f"<w:tr>{_tc(row.label, 3)}{values}</w:tr>")
                continue
            outer = _tc("三、本年度办理结果", 1, "continue" if "outer" in seen else "restart")
            seen.add("outer")
            if row.group == "三、本年度办理结果":
                rows.append(f"<w:tr>{outer}{_tc(row.label, 2)}{values}</w:tr>")
                continue
            group = _tc(row.group, 1, "continue" if row.group in seen else "restart")
            seen.add(row.group)
            rows.append(f"<w:tr>{outer}{group}{_tc(row.label)}{values}</w:tr>")
    elif table.layout == "flat":
        rows.append("<w:tr>" + _tc("行政复议", 5, "restart") + _tc("行政诉讼", 10) + "</w:tr>")
        rows.append("<w:tr>" + _tc("", 5, "continue") + _tc("未经复议直接起诉", 5) + _tc("复议后起诉", 5) + "</w:tr>")
        rows.append("<w:tr>" + "".join(_tc(c.label) for c in table.columns) * 3 + "</w:tr>")
        rows.append("<w:tr>" + "".join(_tc(v) for r in table.rows for v in _values(data, table, r.key)) + "</w:tr>")
    else:
        rows.append(f"<w:tr>{_tc(table.label, len(table.columns) + 1)}</w:tr>")
        rows.append("<w:tr>" + _tc("信息内容") + "".join(_tc(c.label) for c in table.columns) + "</w:tr>")
        for row in table.rows:
            rows.append("<w:tr>" + _tc(row.label) + "".join(_tc(v) for v in _values(data, table, row.key)) + "</w:tr>")
    return "<w:tbl>" + "".join(rows) + "</w:tbl>"


def _docx_table_2_official(data: ReportData, tables: list[TableSpec]) -> str:
    """表二 as the template prints it, in Word: every item in one table, single values
    spanning the remaining grid columns (gridSpan)."""
    rows: list[str] = []
    for table in tables:
        spans = _spans(len(table.columns))
        rows.append(f"<w:tr>{_tc(table.label, OFFICIAL_WIDTH)}</w:tr>")
        rows.append("<w:tr>" + _tc("信息内容") + "".join(_tc(c.label, span) for c, span in zip(table.columns, spans))
                    + "</w:tr>")
        for row in table.rows:
            rows.append("<w:tr>" + _tc(row.label) + "".join(
                _tc(v, span) for v, span in zip(_values(data, table, row.key), spans)) + "</w:tr>")
    return "<w:tbl>" + "".join(rows) + "</w:tbl>"


def write_docx(data: ReportData, layout: str = "grid") -> bytes:
    """The report as a minimal .docx: styled, auto-numbered headings and merged cells;
    ``layout="official"`` draws 表二 as the national template does (see write_html)."""
    import io
    import zipfile

    template = template_for(data.version)
    parts = [_p(f"{data.issuer}{data.year}年政府信息公开工作年度报告", "Title"),
             _p(f"本报告中所列数据的统计期限自{data.year}年1月1日起至{data.year}年12月31日止。")]
    for key in data.section_order:
        parts.append(_p(SECTION_TITLES[key], "1"))
        parts.extend(_p(line) for line in _prose(data, key))
        tables = [t for t in template.tables if t.section == key]
        if layout == "official" and key == "proactive":
            parts.append(_docx_table_2_official(data, tables))
            continue
        parts.extend(_docx_table(data, template, table) for table in tables)
    parts.extend([_p(data.issuer), _p(data.signature_date)])
    document = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document {_W_NS}><w:body>'
                + "".join(parts) + "<w:sectPr/></w:body></w:document>")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("_rels/.rels", _RELS)
        archive.writestr("word/document.xml", document)
        archive.writestr("word/styles.xml", _STYLES)
        archive.writestr("word/numbering.xml", _NUMBERING)
    return buffer.getvalue()


# ---- PDF ----------------------------------------------------------------------------------

_PDF_LINE_HEIGHT = 16
_PDF_LINES_PER_PAGE = 44
_PDF_LABEL_CHARS = 24


def _pdf_text(x: float, y: float, text: str, size: int = 10) -> str:
    """One text object: UCS-2 hex for the STSong-Light / UniGB-UCS2-H font."""
    return f"BT /F1 {size} Tf {x:.1f} {y:.1f} Td <{text.encode('utf-16-be').hex().upper()}> Tj ET"


def _pdf_width(text: str, size: float) -> float:
    """The advance of ``text`` in points: Chinese glyphs are 1 em wide, ASCII half an em (/W)."""
    return sum(size / 2 if " " <= char <= "~" else size for char in text)


def write_pdf(data: ReportData) -> bytes:
    """The report as a text PDF: table rows drawn as separate cells on one baseline.

    Uses the standard CJK font STSong-Light with the UniGB-UCS2-H CMap, so no font needs
    embedding; a PDF reader (and pdfminer) maps the text back to Unicode. Page footers
    ("- 1 -") are drawn as real reports have them.
    """
    template = template_for(data.version)
    rows: list[list[str]] = [[f"{data.issuer}{data.year}年政府信息公开工作年度报告"],
                             [f"本报告中所列数据的统计期限自{data.year}年1月1日起至{data.year}年12月31日止。"]]
    for number, key in enumerate(data.section_order):
        rows.append([f"{NUMERALS[number]}、{SECTION_TITLES[key]}"])
        rows.extend([line] for line in _prose(data, key))
        for table in template.tables:
            if table.section != key:
                continue
            header, body = table_rows(data, template, table.key)
            rows.extend([c for c in r if c] for r in header)
            for row in body:
                last_label = max((i for i, c in enumerate(row) if c and not _is_value(c)), default=-1)
                values = row[last_label + 1 :]
                label = row[last_label] if last_label >= 0 else ""
                # Long labels wrap in a PDF cell; the numbers stay on the first line.
                rows.append([label[:_PDF_LABEL_CHARS], *values] if label else values)
                if len(label) > _PDF_LABEL_CHARS:
                    rows.append([label[_PDF_LABEL_CHARS:]])
    rows.extend([[data.issuer], [data.signature_date]])
    pages: list[list[str]] = []
    for start in range(0, len(rows), _PDF_LINES_PER_PAGE):
        commands = []
        for offset, cells in enumerate(rows[start : start + _PDF_LINES_PER_PAGE]):
            y = 800 - offset * _PDF_LINE_HEIGHT
            if len(cells) == 1 or not any(_is_value(c) for c in cells):
                line = " ".join(cells)
                # A long header line is set smaller so that it stays on the page, as in a real PDF.
                size = 10 if _pdf_width(line, 10) <= 525 else max(5, int(10 * 525 / _pdf_width(line, 10)))
                commands.append(_pdf_text(50, y, line, size))
                continue
            label, values = (cells[0], cells[1:]) if not _is_value(cells[0]) else ("", cells)
            if label:
                commands.append(_pdf_text(50, y, label, 8))
            # Leave a gap of one em after the widest value.
            step = max(30, max(_pdf_width(v, 8) for v in values) + 8)
            left = 575 - len(values) * step
            for column, value in enumerate(values):
                commands.append(_pdf_text(left + column * step, y, value or "-", 8))
        commands.append(_pdf_text(280, 40, f"- {len(pages) + 1} -"))
        pages.append(commands)
    objects: list[bytes] = []
    font_id, descendant_id = 3, 4
    page_ids = [5 + 2 * i for i in range(len(pages))]
    objects.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    objects.append(f"<< /Type /Pages /Kids [{' '.join(f'{p} 0 R' for p in page_ids)}] /Count {len(pages)} >>".encode())
    objects.append(f"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H "
                   f"/DescendantFonts [{descendant_id} 0 R] >>".encode())
    objects.append(b"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light "
                   b"/CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 2 >> /DW 1000 /W [1 95 500] "
                   b"/FontDescriptor << /Type /FontDescriptor /FontName /STSong-Light /Flags 6 "
                   b"/FontBBox [-25 -254 1000 880] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 "
                   b"/StemV 93 >> >>")
    for page_id, commands in zip(page_ids, pages):
        stream = "\n".join(commands).encode("ascii")
        objects.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 {font_id} 0 R >> >> "
                       f"/Contents {page_id + 1} 0 R >>".encode())
        objects.append(f"<< /Length {len(stream)} >>\nstream\n".encode() + stream + b"\nendstream")
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, obj in enumerate(objects, 1):
        offsets.append(len(out))
        out.extend(f"{number} 0 obj\n".encode() + obj + b"\nendobj\n")
    xref = len(out)
    out.extend(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for offset in offsets:
        out.extend(f"{offset:010d} 00000 n \n".encode())
    out.extend(f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode())
    return bytes(out)
