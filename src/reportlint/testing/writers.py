"""Writing a ReportData in the text shapes real reports come in.

Shapes: ``webcopy`` (the seed's one-cell-per-line layout), ``markdown`` (pipe tables),
``tsv`` (a row per line, tab-separated) and ``pdftext`` (a label and its numbers on one
line, as PDF-to-text gives). Every shape carries the same facts, so a loader round trip
can be checked shape by shape.
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
        for row in table.rows:
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


def _is_value(text: str) -> bool:
    stripped = text.lstrip("+-")
    return bool(stripped) and stripped.replace(".", "", 1).isdigit()


SHAPES: dict[str, TableWriter] = {
    "webcopy": _webcopy_table,
    "markdown": _markdown_table,
    "tsv": _tsv_table,
    "pdftext": _pdftext_table,
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
