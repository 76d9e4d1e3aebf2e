"""The loader for plain text and markdown.

Reports reach us as text in several shapes, all handled here:

* web-page copies (the seed): each table cell on its own line after a tab, rows separated by
  blank lines, a header cell continued on the next line without a tab;
* markdown pipe tables, possibly cut into many small tables or with separator lines in the
  middle of one;
* tab-separated rows (a row per line, cells separated by tabs);
* PDF-to-text lines, where a label and its numbers share a line. Those stay paragraphs here:
  the recognizer reads "label n n n" lines itself, because only it knows which labels matter.

The loader records structure only: headings by their syntax (markdown "#", or numbering such
as "一、" on a short line), paragraphs, and tables with a position for every cell.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from reportlint.model import Block, Cell, Document, Heading, Paragraph, Position, Source, Table
from reportlint.text.normalize import split_numbering

_MD_HEADING_RE = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_MD_SEPARATOR_CELL_RE = re.compile(r"^\s*:?-{2,}:?\s*$")
_TOP_NUMBERING_RE = re.compile(
    r"^\s*(?:[一二三四五六七八九十]+\s*[、.．,，]|[（(]\s*[一二三四五六七八九十]+\s*[）)])"
)
_ENDS_WITH_NUMBER_RE = re.compile(r"[\s|][+\-]?\d+(?:\.\d+)?\s*$")
# Sentence-ending punctuation: a line ending so is running text, not a heading.
_SENTENCE_END = ("。", "；", "，", ";", "：", ":")
_BLANK_CHARS = " \t\u00a0\u3000\ufeff\r"
# Page numbers that PDF and Word conversions leave between lines: "- 2 -", "— 3 —", "第 4 页".
PAGE_FOOTER_RE = re.compile(r"^\s*(?:[-—–－]\s*\d{1,4}\s*[-—–－]|第\s*\d{1,4}\s*页(?:\s*[/，,]?\s*共\s*\d{1,4}\s*页)?|\d{1,4}\s*/\s*\d{1,4})\s*$")
MAX_HEADING_CHARS = 40


def is_blank(line: str) -> bool:
    """True for a line of whitespace only (NBSP and ideographic space included)."""
    return not line.strip(_BLANK_CHARS)


def _first_column(line: str) -> int:
    return len(line) - len(line.lstrip(_BLANK_CHARS)) + 1


def heading_from_line(text: str, position: Position) -> Heading | None:
    """A Heading if the line is one by its syntax alone, else None."""
    md = _MD_HEADING_RE.match(text)
    if md:
        body = md.group(2).strip()
        numbering, title = split_numbering(body)
        # The position points at the heading text, after the "#" marks, so that offsets
        # into Heading.text map back to source columns.
        position = Position(position.line, md.start(2) + 1, position.end_line, position.end_column)
        return Heading(body, numbering, title, position, markup_level=len(md.group(1)))
    stripped = text.strip(_BLANK_CHARS)
    if not _TOP_NUMBERING_RE.match(stripped):
        return None
    if len(stripped) > MAX_HEADING_CHARS or "。" in stripped[:-1]:
        return None
    if stripped.endswith(_SENTENCE_END) or _ENDS_WITH_NUMBER_RE.search(stripped):
        return None
    numbering, title = split_numbering(stripped)
    if not title:
        return None
    return Heading(stripped, numbering, title, position)


def _split_pipe_row(line: str, line_no: int) -> list[tuple[str, int]]:
    """Cells of a markdown row with the 1-based column where each cell's text starts."""
    cells: list[tuple[str, int]] = []
    lead = len(line) - len(line.lstrip(_BLANK_CHARS))
    # GFM allows rows without the outer pipes: then the first cell starts the line.
    start = line.index("|") + 1 if line.lstrip(_BLANK_CHARS).startswith("|") else lead
    buf: list[str] = []
    i = start
    cell_start = start
    while i < len(line):
        ch = line[i]
        if ch == "\\" and i + 1 < len(line) and line[i + 1] == "|":
            buf.append("|")
            i += 2
            continue
        if ch == "|":
            cells.append(("".join(buf), cell_start))
            buf = []
            cell_start = i + 1
        else:
            buf.append(ch)
        i += 1
    if "".join(buf).strip():  # a row without a closing pipe
        cells.append(("".join(buf), cell_start))
    out = []
    for text, offset in cells:
        lead = len(text) - len(text.lstrip(_BLANK_CHARS))
        out.append((text.strip(_BLANK_CHARS), offset + lead + 1))
    return out


@dataclass
class _TableBuilder:
    rows: list[list[Cell]] = field(default_factory=list)
    start: Position | None = None

    def add_row(self, cells: list[tuple[str, Position]]) -> None:
        if not cells:
            return
        if self.start is None:
            self.start = cells[0][1]
        row_index = len(self.rows)
        self.rows.append(
            [Cell(text, row_index, col, pos) for col, (text, pos) in enumerate(cells)]
        )

    def build(self) -> Table | None:
        if not self.rows:
            return None
        return Table(tuple(tuple(r) for r in self.rows), self.start)


def _is_pipe_line(line: str) -> bool:
    stripped = line.strip(_BLANK_CHARS)
    if stripped.startswith("|"):
        return stripped.count("|") >= 2
    # A row without outer pipes ("规章 | 0 | 0 | 0", "---|---"): cells, not a sentence.
    return stripped.count("|") >= 2 and "。" not in stripped and not stripped.startswith("#")


def _is_separator_row(cells: list[tuple[str, int]]) -> bool:
    return bool(cells) and all(_MD_SEPARATOR_CELL_RE.match(text) for text, _ in cells if text) and any(
        text for text, _ in cells
    )


def parse_lines(lines: list[str]) -> list[Block]:
    """Split text lines into headings, paragraphs and tables."""
    blocks: list[Block] = []
    i = 0
    n = len(lines)
    while i < n:
        line = lines[i]
        line_no = i + 1
        if is_blank(line) or PAGE_FOOTER_RE.match(line):
            i += 1
            continue
        if _is_pipe_line(line):
            i = _read_pipe_table(lines, i, blocks)
            continue
        if line.startswith("\t") or "\t" in line.strip(_BLANK_CHARS):
            after = _read_tab_table(lines, i, blocks)
            if after > i:  # every branch must advance: a line no reader takes is text
                i = after
                continue
        position = Position(line_no, _first_column(line), line_no, len(line.rstrip()) + 1)
        heading = heading_from_line(line, position)
        blocks.append(heading if heading else Paragraph(line.strip(_BLANK_CHARS), position))
        i += 1
    return blocks


def _read_pipe_table(lines: list[str], i: int, blocks: list[Block]) -> int:
    builder = _TableBuilder()
    while i < len(lines) and _is_pipe_line(lines[i]):
        cells = _split_pipe_row(lines[i], i + 1)
        if not _is_separator_row(cells):
            builder.add_row([(text, Position(i + 1, col)) for text, col in cells])
        i += 1
    table = builder.build()
    if table:
        blocks.append(table)
    return i


MAX_CONTINUATION_CHARS = 30


def _continues_cell(cell: str, line: str) -> bool:
    """Whether a tab-less line right after a cell line carries on that cell."""
    from reportlint.text.numbers import parse_cell

    text = line.strip(_BLANK_CHARS)
    if heading_from_line(line, Position(0)) is not None:
        return False
    if parse_cell(cell).kind != "invalid":  # a value cell does not wrap; this is new text
        return False
    return len(text) <= MAX_CONTINUATION_CHARS and not text.endswith(_SENTENCE_END)


def _read_tab_table(lines: list[str], i: int, blocks: list[Block]) -> int:
    """Read a run of tab-shaped rows.

    A line holding several tab-separated fields is a whole row (TSV). Lines holding a
    single tab-led cell accumulate into one row until a blank line (the web-copy layout).
    A line without a tab right after a cell line continues that cell (a header cell
    broken over two lines), unless it is a heading by its syntax.
    """
    builder = _TableBuilder()
    pending: list[tuple[str, Position]] = []

    def flush() -> None:
        nonlocal pending
        builder.add_row(pending)
        pending = []

    count = len(lines)
    while i < count:
        line = lines[i]
        line_no = i + 1
        # Tabs at the end ("\t复议后起诉\t") do not make a second field.
        stripped = line.strip(_BLANK_CHARS)
        if line[:1] == "\t" and "\t" not in stripped:
            # The web-copy layout: a tab-led cell per line (most lines of such a report). A
            # tab-led line with nothing after it is a cell left blank, not a row break.
            column = len(line) - len(line.lstrip(_BLANK_CHARS)) + 1 if stripped else 2
            pending.append((stripped, Position(line_no, column)))
            i += 1
            continue
        if not stripped:
            flush()
            i += 1
            continue
        if "\t" in stripped:
            flush()
            cells: list[tuple[str, Position]] = []
            col = 1
            for text in line.split("\t"):
                lead = len(text) - len(text.lstrip(_BLANK_CHARS))
                cells.append((text.strip(_BLANK_CHARS), Position(line_no, col + lead)))
                col += len(text) + 1
            # Leading tabs produce empty first cells: keep them, they are the row's shape.
            builder.add_row(cells)
            i += 1
            continue
        # A line without tabs: either the continuation of a label cell broken over two
        # lines ("结果" / "维持"), or running text after the table, which ends it.
        if pending and _continues_cell(pending[-1][0], line):
            text, pos = pending[-1]
            pending[-1] = (f"{text}\n{line.strip(_BLANK_CHARS)}", pos)
            i += 1
            continue
        break
    flush()
    table = builder.build()
    if table:
        blocks.append(table)
    return i


# A crawler's copy of a portal page starts with "标题: …", "发布时间: …" lines and a rule of
# "=" (often "==== 正文 ===="); those lines are the page's metadata, not the report's text.
_HEADER_FIELD_RE = re.compile(r"^\s*([^\s:：]{1,8})\s*[:：]\s?(.*?)\s*$")
_HEADER_RULE_RE = re.compile(r"^\s*={5,}.*$")
MAX_HEADER_LINES = 20


def split_header(lines: list[str]) -> tuple[list[tuple[str, str]], list[tuple[str, int]], int]:
    """A crawler header's fields, where each stands, and how many lines it takes (0: none).

    Only a block that starts with a "key: value" line and ends with a rule of "=" within
    the first lines counts, so a report that merely begins "标题：…" is left alone.
    """
    if not lines or not _HEADER_FIELD_RE.match(lines[0]):
        return [], [], 0
    end = next((i for i, line in enumerate(lines[:MAX_HEADER_LINES]) if _HEADER_RULE_RE.match(line)), None)
    if end is None:
        return [], [], 0
    fields: list[tuple[str, str]] = []
    where: list[tuple[str, int]] = []
    for number, line in enumerate(lines[:end], 1):
        match = _HEADER_FIELD_RE.match(line)
        if match and match.group(2):
            fields.append((match.group(1), match.group(2)))
            where.append((match.group(1), number))
    return fields, where, end + 1


def load_text(source: Source) -> Document:
    """Load a .txt or .md Source into a Document (a crawler's header becomes page metadata)."""
    lines = source.lines
    meta, meta_lines, skip = split_header(lines)
    if skip:
        # Blank the header instead of dropping it, so that line numbers stay the file's own.
        lines = [""] * skip + lines[skip:]
    return Document(source=source, blocks=tuple(parse_lines(lines)), meta=tuple(meta),
                    meta_lines=tuple(meta_lines))


def load_csv(source: Source) -> Document:
    """Load comma-separated text: rows of two or more fields are tables, the rest text."""
    import csv

    blocks: list[Block] = []
    builder = _TableBuilder()
    for line_no, fields in enumerate(csv.reader(source.lines), 1):
        cells = [field.strip(_BLANK_CHARS) for field in fields]
        if len([c for c in cells if c]) >= 2 or (len(cells) >= 2 and builder.rows):
            builder.add_row([(text, Position(line_no, 1)) for text in cells])
            continue
        table = builder.build()
        if table:
            blocks.append(table)
        builder = _TableBuilder()
        text = ",".join(cells).strip(",")
        if text and not PAGE_FOOTER_RE.match(text):
            position = Position(line_no, 1)
            heading = heading_from_line(text, position)
            blocks.append(heading if heading else Paragraph(text, position))
    table = builder.build()
    if table:
        blocks.append(table)
    return Document(source=source, blocks=tuple(blocks))
