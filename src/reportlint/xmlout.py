"""Writing a recognized report in reportlint's XML interchange format.

The body keeps the report's own headings and paragraphs in order; the statutory tables it
was recognized to contain are written as clean keyed tables (``<table key>``, ``<row key>``,
``<cell column>``) where the original tables stood, with the official labels, so that any
other system — or reportlint itself — reads the same facts back. Tables that were not
recognized are kept as they were.
"""

from __future__ import annotations

import re

from lxml import etree

from reportlint.api import Analysis
from reportlint.loaders.xml import NS, q
from reportlint.model import Heading, Paragraph, Report, Table
from reportlint.templates import Template

# Characters XML 1.0 cannot hold at all (controls other than tab, newline and return, lone
# surrogates, U+FFFE/U+FFFF): written as escapes so that any report can be exported.
_NOT_XML_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_safe(text: str) -> str:
    """``text`` with every character XML cannot hold written as an escape (``\x01``)."""
    return _NOT_XML_RE.sub(lambda m: f"\\x{ord(m.group(0)):02x}" if ord(m.group(0)) < 0x100
                           else f"\\u{ord(m.group(0)):04x}", text)


def _sub(parent: etree._Element, tag: str, text: str | None = None, **attrs: str | None) -> etree._Element:
    element = etree.SubElement(parent, q(tag), {k.replace("_", "-"): xml_safe(v)
                                                for k, v in attrs.items() if v is not None})
    if text is not None:
        element.text = xml_safe(text)
    return element


def _metadata(parent: etree._Element, report: Report) -> None:
    meta = report.metadata
    element = _sub(parent, "metadata")
    if meta.title:
        _sub(element, "title", meta.title)
    if meta.issuer:
        _sub(element, "issuer", meta.issuer)
    if meta.report_year:
        _sub(element, "report-year", str(meta.report_year))
    if meta.period_start and meta.period_end:
        _sub(element, "period", meta.period_text,
             start=meta.period_start.date.isoformat() if meta.period_start.date else None,
             end=meta.period_end.date.isoformat() if meta.period_end.date else None)
    if meta.signature_body or meta.signature_date:
        date = meta.signature_date
        _sub(element, "signature", meta.signature_body or "",
             date=date.date.isoformat() if date and date.date else None,
             raw_date=date.raw if date else None)
    if meta.publication_date:
        _sub(element, "published", meta.publication_date.raw)
    for name, value in meta.page_meta:
        _sub(element, "meta", value, name=name)


def _keyed_table(parent: etree._Element, report: Report, template: Template, table_key: str) -> None:
    spec = template.table(table_key)
    element = _sub(parent, "table", key=spec.key, label=spec.display)
    for row in spec.rows:
        facts = [report.fact(spec.fact_key(row.key, c.key)) for c in spec.columns]
        if not any(facts):
            continue
        row_element = _sub(element, "row", key=row.key)
        _sub(row_element, "cell", row.display)
        for column, fact in zip(spec.columns, facts):
            _sub(row_element, "cell", fact.raw.strip() if fact else "", column=column.key)


def _raw_table(parent: etree._Element, table: Table) -> None:
    """A table as it was, spans restored from the merged cells' origins."""
    element = _sub(parent, "table", key=table.key)
    spans: dict[tuple[int, int], list[int]] = {}
    for row in table.rows:
        for cell in row:
            if cell.origin is not None:
                r, c = cell.origin
                span = spans.setdefault((r, c), [1, 1])
                span[0] = max(span[0], cell.row - r + 1)
                span[1] = max(span[1], cell.col - c + 1)
    for index, row in enumerate(table.rows):
        key = table.row_keys[index] if index < len(table.row_keys) else None
        row_element = _sub(element, "row", key=key)
        for cell in row:
            if cell.origin is None:
                rowspan, colspan = spans.get((cell.row, cell.col), [1, 1])
                _sub(row_element, "cell", cell.text, column=cell.column_key,
                     rowspan=str(rowspan) if rowspan > 1 else None, colspan=str(colspan) if colspan > 1 else None)


def report_to_xml(analysis: Analysis) -> bytes:
    """The interchange XML of an analyzed report (UTF-8, with declaration)."""
    report, template = analysis.report, analysis.template
    assert report is not None and template is not None
    root = etree.Element(q("report"), nsmap={None: NS})
    root.set("format", report.template_version)
    _metadata(root, report)
    body = _sub(root, "body")
    # Where each recognized table goes: the first block that held one of its values.
    first_block: dict[str, int] = {}
    used_blocks: set[int] = set()
    for fact in report.facts:
        used_blocks.add(fact.block)
        first_block[fact.table] = min(first_block.get(fact.table, fact.block), fact.block)
    tables_at: dict[int, list[str]] = {}
    for spec in template.tables:
        if spec.key in first_block:
            tables_at.setdefault(first_block[spec.key], []).append(spec.key)
    for index, block in enumerate(report.document.blocks):
        for table_key in tables_at.get(index, []):
            _keyed_table(body, report, template, table_key)
        if index in used_blocks:
            continue
        if isinstance(block, Heading):
            level = str(block.markup_level) if block.markup_level else None
            _sub(body, "heading", block.text, level=level, numbering=block.numbering or None)
        elif isinstance(block, Paragraph):
            _sub(body, "paragraph", block.text)
        elif isinstance(block, Table):
            _raw_table(body, block)
    facts = _sub(root, "facts")
    for fact in report.facts:
        _sub(facts, "fact", fact.raw.strip(), key=fact.key, table=fact.table_label, row=fact.row_label,
             column=fact.column_label, value=None if fact.value is None else str(fact.value), kind=fact.kind,
             line=str(fact.position.line) if fact.position else None)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
