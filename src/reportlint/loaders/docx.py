"""The Word (.docx) loader: the zip read with the standard library, the XML with lxml.

* Headings from paragraph styles (outline level, or style names such as "heading 1" /
  "标题 1", following ``basedOn``) and from automatic numbering (numbering.xml: "%1、" with
  chineseCounting renders "一、"), so a heading numbered by Word still reads "一、总体情况".
* Tables from w:tbl/w:tr/w:tc with gridSpan (colspan) and vMerge (rowspan); text runs are
  joined, so "20" "23" split across runs reads "2023".
* Positions: Word has no lines. The "line" of a block or cell is the ordinal of its
  paragraph in the document body (1-based, table-cell paragraphs included), which is
  what diagnostics point at.
* Hardening: entry count, inflated size and compression ratio are capped
  (``loaders.safety.SafeZip``); parts that declare entities are refused.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import etree

from reportlint.core_rules import INPUT_UNREADABLE
from reportlint.loaders.grid import MAX_COLUMNS, GridBudget, clamp_span, rectangular
from reportlint.loaders.html import clean_text
from reportlint.loaders.registry import LoadError, LoadLimits
from reportlint.loaders.safety import SafeZip, parse_xml
from reportlint.loaders.text import heading_from_line
from reportlint.model import Block, Cell, Document, Heading, Paragraph, Position, Source, Table
from reportlint.text.normalize import split_numbering

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NSMAP = {"w": W}
_HEADING_NAME_RE = re.compile(r"^(?:heading|标题)\s*(\d)$", re.IGNORECASE)
_CHINESE_DIGITS = "〇一二三四五六七八九"
_LEGAL_DIGITS = "零壹贰叁肆伍陆柒捌玖"


def w(name: str) -> str:
    return f"{{{W}}}{name}"


# Qualified names of the elements read per cell, made once (a table has hundreds of cells).
_P, _T, _TAB, _BR, _CR, _NO_BREAK_HYPHEN = w("p"), w("t"), w("tab"), w("br"), w("cr"), w("noBreakHyphen")
_TR, _TC, _GRID_SPAN, _V_MERGE = w("tr"), w("tc"), w("gridSpan"), w("vMerge")
_VAL, _TYPE = w("val"), w("type")
_TBL, _GRID_BEFORE = w("tbl"), w("gridBefore")
_TEXT_TAGS = frozenset((_P, _T, _TAB, _BR, _CR, _NO_BREAK_HYPHEN))
_TABLE_TAGS = (_TBL, _TR, _TC, _GRID_BEFORE, _GRID_SPAN, _V_MERGE, *_TEXT_TAGS)


def _val(element: etree._Element | None, name: str = "val") -> str | None:
    if element is None:
        return None
    return element.get(w(name))


def chinese_counting(number: int, digits: str = _CHINESE_DIGITS, ten: str = "十") -> str:
    """1 → 一, 10 → 十, 12 → 十二, 21 → 二十一 (Word's chineseCounting)."""
    if number <= 0:
        return str(number)
    if number < 10:
        return digits[number]
    if number < 100:
        tens, ones = divmod(number, 10)
        return (digits[tens] if tens > 1 else "") + ten + (digits[ones] if ones else "")
    return str(number)


def _small_int(value: str | None, maximum: int) -> int:
    """An attribute as an integer in 0..maximum (0 when missing or malformed)."""
    try:
        return max(0, min(int(str(value).strip()), maximum)) if value is not None else 0
    except ValueError:
        return 0


MAX_ROMAN = 3999  # beyond it Roman numerals have no standard form: written in digits


def _roman(number: int) -> str:
    if not 0 < number <= MAX_ROMAN:
        return str(number)
    pairs = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"),
             (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))
    out = ""
    for value, letters in pairs:
        while number >= value:
            out += letters
            number -= value
    return out


def format_number(number: int, fmt: str) -> str:
    """A counter value in a Word numbering format."""
    if fmt in ("chineseCounting", "chineseCountingThousand", "japaneseCounting", "ideographDigital",
               "taiwaneseCounting", "taiwaneseCountingThousand"):
        return chinese_counting(number)
    if fmt == "chineseLegalSimplified":
        return chinese_counting(number, _LEGAL_DIGITS, "拾")
    if fmt == "decimalFullWidth":
        return "".join(chr(0xFF10 + int(d)) if d.isdigit() else d for d in str(number))
    if fmt == "lowerLetter":
        return chr(ord("a") + (number - 1) % 26)
    if fmt == "upperLetter":
        return chr(ord("A") + (number - 1) % 26)
    if fmt == "lowerRoman":
        return _roman(number)
    if fmt == "upperRoman":
        return _roman(number).upper()
    if fmt in ("bullet", "none"):
        return ""
    return str(number)


@dataclass
class Styles:
    """Paragraph styles: outline level (heading level − 1) and numbering per style id."""

    outline: dict[str, int] = field(default_factory=dict)
    numbering: dict[str, tuple[str, int]] = field(default_factory=dict)

    @classmethod
    def parse(cls, root: etree._Element | None) -> Styles:
        styles = cls()
        if root is None:
            return styles
        based_on: dict[str, str] = {}
        for style in root.iterfind("w:style", NSMAP):
            style_id = style.get(w("styleId"))
            if not style_id:
                continue
            name = _val(style.find("w:name", NSMAP)) or ""
            level = _val(style.find("w:pPr/w:outlineLvl", NSMAP))
            match = _HEADING_NAME_RE.match(name.strip())
            if level is not None and level.isdigit() and int(level) < 9:
                styles.outline[style_id] = int(level)
            elif match:
                styles.outline[style_id] = int(match.group(1)) - 1
            num = style.find("w:pPr/w:numPr", NSMAP)
            if num is not None and _val(num.find("w:numId", NSMAP)):
                styles.numbering[style_id] = (_val(num.find("w:numId", NSMAP)) or "",
                                              int(_val(num.find("w:ilvl", NSMAP)) or 0))
            parent = _val(style.find("w:basedOn", NSMAP))
            if parent:
                based_on[style_id] = parent
        for style_id, parent in based_on.items():  # inherit through basedOn (bounded)
            seen = 0
            while style_id not in styles.outline and parent and seen < 10:
                if parent in styles.outline:
                    styles.outline[style_id] = styles.outline[parent]
                parent = based_on.get(parent, "")
                seen += 1
        return styles


class Numbering:
    """Automatic list numbering: renders "%1、" with the running counters."""

    def __init__(self, root: etree._Element | None) -> None:
        self.levels: dict[str, dict[int, tuple[str, str, int]]] = {}
        self.counters: dict[str, list[int]] = {}
        if root is None:
            return
        abstract: dict[str, dict[int, tuple[str, str, int]]] = {}
        for item in root.iterfind("w:abstractNum", NSMAP):
            levels = {}
            for lvl in item.iterfind("w:lvl", NSMAP):
                ilvl = int(lvl.get(w("ilvl"), "0"))
                fmt = _val(lvl.find("w:numFmt", NSMAP)) or "decimal"
                text = _val(lvl.find("w:lvlText", NSMAP)) or ""
                start = int(_val(lvl.find("w:start", NSMAP)) or 1)
                levels[ilvl] = (fmt, text, start)
            abstract[item.get(w("abstractNumId"), "")] = levels
        for num in root.iterfind("w:num", NSMAP):
            abstract_id = _val(num.find("w:abstractNumId", NSMAP)) or ""
            self.levels[num.get(w("numId"), "")] = abstract.get(abstract_id, {})

    def next_label(self, num_id: str, ilvl: int) -> str:
        levels = self.levels.get(num_id)
        if not levels or ilvl not in levels:
            return ""
        counters = self.counters.setdefault(num_id, [0] * 9)
        fmt, text, start = levels[ilvl]
        counters[ilvl] = counters[ilvl] + 1 if counters[ilvl] else start
        for deeper in range(ilvl + 1, 9):
            counters[deeper] = 0

        def render(match: re.Match[str]) -> str:
            level = int(match.group(1)) - 1
            level_fmt = levels.get(level, (fmt, "", 1))[0]
            value = counters[level] or levels.get(level, (fmt, "", 1))[2]
            return format_number(value, level_fmt)

        return re.sub(r"%(\d)", render, text)


_LINE_BREAK = "\n"


def _run_piece(node: etree._Element) -> str:
    """What a w:t, w:tab, w:noBreakHyphen, w:br or w:cr adds to a paragraph's text: its text,
    a blank, a hyphen, or ``_LINE_BREAK`` (a page or column break adds nothing)."""
    tag = node.tag
    if tag == _T:
        return node.text or ""
    if tag == _TAB:
        return " "
    if tag == _NO_BREAK_HYPHEN:
        return "-"
    return _LINE_BREAK if node.get(_TYPE) in (None, "textWrapping") else ""


class _CellReading:
    """A w:tc being read: its text parts, paragraph count, span and vertical merge."""

    __slots__ = ("column", "parts", "paragraphs", "span", "continues")

    def __init__(self, column: int) -> None:
        self.column = column
        self.parts: list[str] = []
        self.paragraphs = 0
        self.span = 1
        self.continues = False

    def read(self, node: etree._Element) -> None:
        """One paragraph, text, tab, break or hyphen of the cell (paragraphs and breaks
        join with a blank, as a cell's lines are joined)."""
        if node.tag == _P:
            self.paragraphs += 1
            if self.parts:
                self.parts.append(" ")
            return
        piece = _run_piece(node)
        self.parts.append(" " if piece == _LINE_BREAK else piece)


class _Reader:
    def __init__(self, styles: Styles, numbering: Numbering, budget: GridBudget) -> None:
        self.styles = styles
        self.numbering = numbering
        self.budget = budget
        self.ordinal = 0
        self.blocks: list[Block] = []

    @staticmethod
    def paragraph_text(p: etree._Element) -> list[str]:
        """The paragraph's lines (a w:br starts a new line)."""
        lines = [""]
        for node in p.iter(_T, _TAB, _BR, _CR, _NO_BREAK_HYPHEN):
            piece = _run_piece(node)
            if piece == _LINE_BREAK:
                lines.append("")
            else:
                lines[-1] += piece
        return [clean_text(line) for line in lines]

    def _number_prefix(self, p: etree._Element, style_id: str | None) -> str:
        num = p.find("w:pPr/w:numPr", NSMAP)
        if num is not None and _val(num.find("w:numId", NSMAP)):
            num_id = _val(num.find("w:numId", NSMAP)) or ""
            ilvl = int(_val(num.find("w:ilvl", NSMAP)) or 0)
        elif style_id and style_id in self.styles.numbering:
            num_id, ilvl = self.styles.numbering[style_id]
        else:
            return ""
        if num_id == "0":
            return ""
        return self.numbering.next_label(num_id, ilvl)

    def paragraph(self, p: etree._Element) -> None:
        self.ordinal += 1
        position = Position(self.ordinal, 1)
        style_id = _val(p.find("w:pPr/w:pStyle", NSMAP))
        outline = _val(p.find("w:pPr/w:outlineLvl", NSMAP))
        level = int(outline) if outline and outline.isdigit() and int(outline) < 9 else (
            self.styles.outline.get(style_id or "", None))
        prefix = self._number_prefix(p, style_id)
        lines = [line for line in self.paragraph_text(p) if line]
        if not lines:
            return
        if prefix:
            lines[0] = prefix + lines[0]
        for offset, line in enumerate(lines):
            at = position if offset == 0 else Position(self.ordinal, 1)
            if level is not None and offset == 0:
                numbering, title = split_numbering(line)
                self.blocks.append(Heading(line, numbering, title, at, level + 1))
                continue
            heading = heading_from_line(line, at)
            self.blocks.append(heading if heading else Paragraph(line, at))

    def table(self, tbl: etree._Element) -> None:
        """A w:tbl as a grid, read in one walk over its rows, cells and runs (a table has
        hundreds of cells: a query per cell cost more than reading the whole document)."""
        grid: dict[tuple[int, int], Cell] = {}
        start = Position(self.ordinal + 1, 1)
        row = -1
        column = 0
        cell: _CellReading | None = None

        def place(reading: _CellReading) -> int:
            """Lay a finished cell on the grid; the column after it."""
            first = self.ordinal + 1
            self.ordinal += max(reading.paragraphs, 1)  # an empty cell still takes a place
            parts = reading.parts
            text = clean_text(parts[0] if len(parts) == 1 else "".join(parts))
            position = Position(first, 1)
            c, span = reading.column, reading.span
            self.budget.take(min(span, max(0, MAX_COLUMNS - c)))
            for dc in range(min(span, MAX_COLUMNS - c)):
                up = grid.get((row - 1, c + dc)) if reading.continues else None
                if up is not None:  # vertically merged: repeat the origin above
                    grid[(row, c + dc)] = Cell(up.text, row, c + dc, up.position, up.origin or (up.row, up.col))
                else:
                    grid[(row, c + dc)] = Cell(text, row, c + dc, position, None if dc == 0 else (row, c))
            return c + span

        nodes = tbl.iter(*_TABLE_TAGS)
        next(nodes)  # the table itself
        for node in nodes:
            tag = node.tag
            if cell is not None and tag in _TEXT_TAGS:
                cell.read(node)
            elif tag == _TC:
                if cell is not None:
                    column = place(cell)
                cell = _CellReading(column)
            elif tag == _TR:
                if cell is not None:
                    place(cell)
                cell = None
                row += 1
                column = 0
            elif tag == _TBL:  # a table inside a cell: its text is the cell's
                inner = list(node.iter(*_TABLE_TAGS))
                if cell is not None:
                    for part in inner:
                        if part.tag in _TEXT_TAGS:
                            cell.read(part)
                for _ in range(len(inner) - 1):
                    next(nodes)
            elif cell is None:
                if tag == _GRID_BEFORE and row >= 0:
                    column = _small_int(node.get(_VAL), MAX_COLUMNS)
            elif tag == _GRID_SPAN:
                cell.span = clamp_span(node.get(_VAL) or 1)
            elif tag == _V_MERGE:
                cell.continues = node.get(_VAL) in (None, "continue")
        if cell is not None:
            place(cell)
        if not grid:
            return
        self.blocks.append(Table(rectangular(grid, self.budget), start))

    def body(self, element: etree._Element) -> None:
        for child in element:
            if child.tag == w("p"):
                self.paragraph(child)
            elif child.tag == w("tbl"):
                self.table(child)
            elif child.tag == w("sdt"):
                content = child.find("w:sdtContent", NSMAP)
                if content is not None:
                    self.body(content)
            elif child.tag in (w("customXml"), w("ins")):
                self.body(child)


def load_docx(source: Source, limits: LoadLimits) -> Document:
    """Load a .docx file into a Document."""
    archive = SafeZip(source.data, limits, "Word 文件")
    document = archive.read("word/document.xml")
    if document is None:
        raise LoadError(INPUT_UNREADABLE, "不是 Word 文档：缺少 word/document.xml",
                        "not a Word document: word/document.xml is missing")
    styles_data = archive.read("word/styles.xml")
    numbering_data = archive.read("word/numbering.xml")
    styles = Styles.parse(parse_xml(styles_data, "Word 样式").getroot() if styles_data else None)
    numbering = Numbering(parse_xml(numbering_data, "Word 编号").getroot() if numbering_data else None)
    root = parse_xml(document, "Word 正文").getroot()
    body = root.find("w:body", NSMAP)
    reader = _Reader(styles, numbering, GridBudget(limits.max_grid_cells))
    if body is not None:
        reader.body(body)
    return Document(source=source, blocks=tuple(reader.blocks))
