"""The XML loader: reportlint's interchange format (schemas/report.rng), and XHTML.

Parsing is hardened (``loaders.safety``): entity declarations are refused, nothing is
resolved or fetched. Input is validated against the RELAX NG schema; every violation
becomes a diagnostic (E006) with its line, and whatever can be read is still loaded.
An XML file whose root is ``<html>`` is XHTML and goes to the HTML loader.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

from lxml import etree

from reportlint.loaders.grid import GridBudget, RawCell, clamp_span, expand
from reportlint.loaders.locate import Locator
from reportlint.loaders.registry import LoadError, LoadLimits
from reportlint.loaders.safety import parse_xml, xml_parser
from reportlint.model import Block, Document, Heading, LoadProblem, Paragraph, Position, Source, Table
from reportlint.text.normalize import split_numbering

NS = "urn:reportlint:report:1"
SCHEMA_VIOLATION = "E006"


def q(name: str) -> str:
    """A qualified tag name in the interchange namespace."""
    return f"{{{NS}}}{name}"


@lru_cache(maxsize=1)
def schema() -> etree.RelaxNG:
    """The RELAX NG schema shipped in the package (parsed once per process)."""
    data = resources.files("reportlint.schemas").joinpath("report.rng").read_bytes()
    return etree.RelaxNG(etree.fromstring(data, parser=xml_parser()))


def _local(tag: object) -> str:
    return etree.QName(tag).localname if isinstance(tag, str) else ""


def validate(tree: etree._ElementTree) -> list[LoadProblem]:
    """Schema violations as LoadProblems, one per error, with their lines."""
    checker = schema()
    if checker.validate(tree):
        return []
    problems = []
    for error in checker.error_log:
        problems.append(LoadProblem(
            SCHEMA_VIOLATION,
            f"XML 不符合 reportlint 交换格式（第 {error.line} 行）：{error.message}",
            f"the XML does not follow the reportlint interchange schema (line {error.line}): {error.message}",
            Position(error.line, max(error.column, 1)),
        ))
    return problems


def _text(element: etree._Element) -> str:
    return "".join(element.itertext()).strip()


def _table(element: etree._Element, locator: Locator, budget: GridBudget | None = None) -> Table:
    raw_rows: list[list[RawCell]] = []
    row_keys: list[str | None] = []
    for row in element:
        if _local(row.tag) != "row":
            continue
        row_keys.append(row.get("key"))
        cells = []
        for cell in row:
            if _local(cell.tag) != "cell":
                continue
            text = _text(cell)
            cells.append(RawCell(text, clamp_span(cell.get("rowspan", 1)), clamp_span(cell.get("colspan", 1)),
                                 locator.position(cell, text), cell.get("column")))
        raw_rows.append(cells)
    return Table(expand(raw_rows, budget), locator.position(element), element.get("key"), tuple(row_keys))


def load_interchange(tree: etree._ElementTree, source: Source, budget: GridBudget | None = None) -> Document:
    """Blocks and metadata of a reportlint XML document."""
    root = tree.getroot()
    locator = Locator(source.lines)
    blocks: list[Block] = []
    meta: list[tuple[str, str]] = []
    problems = validate(tree)
    for part in root:
        name = _local(part.tag)
        if name == "metadata":
            meta.extend(_metadata(part))
        elif name == "body":
            for element in part:
                kind = _local(element.tag)
                text = _text(element)
                position = locator.position(element, text)
                if kind == "heading":
                    numbering = element.get("numbering")
                    if numbering is None:
                        numbering, title = split_numbering(text)
                    else:
                        title = text[len(numbering):].strip() if text.startswith(numbering) else text
                    level = element.get("level")
                    blocks.append(Heading(text, numbering, title, position, int(level) if level and level.isdigit() else None))
                elif kind == "paragraph":
                    for offset, line in enumerate(text.splitlines()):
                        if not line.strip():
                            continue
                        at = position if offset == 0 or position is None else Position(position.line + offset, 1)
                        blocks.append(Paragraph(line.strip(), at))
                elif kind == "table":
                    blocks.append(_table(element, locator, budget))
    return Document(source=source, blocks=tuple(blocks), problems=tuple(problems), meta=tuple(meta))


def _metadata(element: etree._Element) -> list[tuple[str, str]]:
    """Metadata the recognizer can use: the title and the publication date as page meta."""
    out: list[tuple[str, str]] = []
    for child in element:
        name = _local(child.tag)
        if name == "title" and _text(child):
            out.append(("ArticleTitle", _text(child)))
        elif name == "published" and _text(child):
            out.append(("PubDate", _text(child)))
        elif name == "meta" and child.get("name"):
            out.append((child.get("name", ""), _text(child)))
    return out


def load_xml(source: Source, limits: LoadLimits) -> Document:
    """Load reportlint XML (or XHTML) into a Document."""
    tree = parse_xml(source.data, "XML 文件")
    root = tree.getroot()
    if _local(root.tag).lower() == "html":
        from reportlint.loaders.html import load_html

        return load_html(source, limits)
    if etree.QName(root).namespace != NS or _local(root.tag) != "report":
        raise LoadError(
            SCHEMA_VIOLATION,
            f"不是 reportlint 交换格式的 XML：根元素为 <{_local(root.tag)}>，应为命名空间 {NS} 中的 <report>",
            f"not reportlint interchange XML: the root is <{_local(root.tag)}>, expected <report> in {NS}",
        )
    return load_interchange(tree, source, GridBudget(limits.max_grid_cells))
