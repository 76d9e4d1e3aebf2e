"""Label-anchored rows: the common shape the recognizer reads every table through.

A clean HTML grid, the seed's one-cell-per-line text, a markdown table and a PDF text line
("行政许可 97") all become ``RowItem``s: the label cells of a row and the values that follow
them. Tables are then found by their row labels, not by their layout.
"""

from __future__ import annotations

import re

from reportlint.model import Block, Document, Heading, Paragraph, Position, Table
from reportlint.records import record
from reportlint.text.numbers import parse_cell

_TOKEN_RE = re.compile(r"\S+")


@record(slots=False)
class ValueCell:
    """One value of a row as written, with its position."""

    text: str
    position: Position | None


@record(slots=False)
class RowItem:
    """A row: its label cells (non-empty, in order), its trailing values, where it is."""

    labels: tuple[str, ...]
    values: tuple[ValueCell, ...]
    block: int
    position: Position | None
    from_text: bool = False
    label_positions: tuple[Position | None, ...] = ()

    def resplit(self, label_count: int) -> RowItem:
        """The same row read with only the first ``label_count`` label cells as labels.

        A cell holding text where a number belongs ("若干") ends the default split too
        early; the recognizer resplits to see the row's real label and values.
        """
        positions = self.label_positions or (None,) * len(self.labels)
        moved = tuple(ValueCell(t, p) for t, p in zip(self.labels[label_count:], positions[label_count:]))
        return RowItem(self.labels[:label_count], moved + self.values, self.block, self.position,
                       self.from_text, positions[:label_count])

    @property
    def has_number(self) -> bool:
        return any(parse_cell(v.text).kind == "number" for v in self.values)

    @property
    def all_blank(self) -> bool:
        return all(parse_cell(v.text).kind == "empty" for v in self.values)


@record(slots=False)
class TextLine:
    """A line of running text (no values), kept for labels that wrapped onto it."""

    text: str
    block: int
    position: Position | None


Item = RowItem | TextLine


def _split_row_cells(cells: list[tuple[str, Position | None]]) -> tuple[list[ValueCell], list[ValueCell]]:
    """Trailing value-like cells are values; the non-empty cells before them are labels."""
    cut = len(cells)
    while cut > 0 and parse_cell(cells[cut - 1][0]).kind != "invalid":
        cut -= 1
    labels = [ValueCell(text, pos) for text, pos in cells[:cut] if text.strip()]
    values = [ValueCell(text, pos) for text, pos in cells[cut:]]
    return labels, values


def _table_items(table: Table, block_index: int) -> list[Item]:
    items: list[Item] = []
    for row in table.rows:
        # A cell spanning columns is one cell: its copies to the right are not more values
        # (表二's official layout prints "行政许可 | 1234 (colspan=3)", Word exports double
        # columns). Copies from a row span above stay: a tall label heads every row it spans.
        cells = [(cell.text, cell.position) for cell in row
                 if cell.origin is None or cell.origin[0] != cell.row]
        labels, values = _split_row_cells(cells)
        if not labels and not values:
            continue
        position = row[0].position if row else None
        if values:
            items.append(RowItem(tuple(c.text for c in labels), tuple(values), block_index, position,
                                 label_positions=tuple(c.position for c in labels)))
        else:
            # A header or label-only row: kept as text, a wrapped label may continue on it.
            items.append(TextLine("".join(c.text for c in labels), block_index, position))
    return items


def text_line_item(text: str, position: Position | None, block_index: int) -> Item:
    """Split "label n n n" text into a RowItem; other text stays a TextLine.

    Only whitespace-separated trailing tokens count as values, and at least one of them
    must be a number, so prose such as "0 件。" or "—" on its own is never a row.
    """
    tokens = list(_TOKEN_RE.finditer(text))
    cut = len(tokens)
    while cut > 0 and parse_cell(tokens[cut - 1].group(0)).kind in ("number", "nil"):
        cut -= 1
    value_tokens = tokens[cut:]
    if not value_tokens or not any(parse_cell(t.group(0)).kind == "number" for t in value_tokens):
        return TextLine(text, block_index, position)
    line = position.line if position else 0
    base = (position.column if position else 1) - 1
    page = position.page if position else None
    values = tuple(
        ValueCell(t.group(0), Position(line, base + t.start() + 1, line, base + t.end() + 1, page))
        for t in value_tokens
    )
    # Each word before the values is a label cell: PDF rows carry stray characters of
    # vertical merged cells ("三", "、") and labels broken by spaces ("反复 申请").
    labels = tuple(t.group(0) for t in tokens[:cut])
    label_positions = tuple(Position(line, base + t.start() + 1, page=page) for t in tokens[:cut])
    return RowItem(labels, values, block_index, position, from_text=True, label_positions=label_positions)


def document_items(document: Document) -> list[Item]:
    """Every row and text line of the document, in order."""
    items: list[Item] = []
    for index, block in enumerate(document.blocks):
        items.extend(block_items(block, index))
    return items


def block_items(block: Block, index: int) -> list[Item]:
    """The items of one block."""
    if isinstance(block, Table):
        return _table_items(block, index)
    if isinstance(block, (Heading, Paragraph)):
        # Continuation lines of a wrapped label are separate text lines.
        out: list[Item] = []
        line_offset = 0
        for part in block.text.split("\n"):
            pos = block.position
            if pos is not None and line_offset:
                pos = Position(pos.line + line_offset, 1)
            out.append(text_line_item(part, pos, index))
            line_offset += 1
        return out
    return []
