"""Text blocks of a report with their sections: the prose as rules and ``show`` read it.

Headings and paragraphs in order, each with its top-level section; the blocks that belong to a
statutory table (values, label fragments a PDF wrapped) set apart; and paragraphs a PDF wrapped
over several lines joined back, with positions that still point at the source line.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from reportlint.model import Heading, Paragraph, Position, Report, SectionMatch
from reportlint.recognize.fragments import is_label_fragment
from reportlint.records import record
from reportlint.templates import Template

# The numbers after a row label on a PDF text line: 「1、申请人无正当理由逾期不补 0 0 7」.
_TRAILING_VALUES_RE = re.compile(r"(\s+[-+]?[\d.,，]+)+\s*$")


@record(slots=False)
class TextBlock:
    """A heading or paragraph with the section it belongs to."""

    text: str
    position: Position | None
    block_index: int
    is_heading: bool
    section: SectionMatch | None
    # For a paragraph joined from wrapped lines: where each later line starts in ``text``
    # and its position in the source.
    pieces: tuple[tuple[int, Position | None], ...] = ()


def _kept(report: Report, name: str) -> dict[object, tuple[TextBlock, ...]]:
    """Per-report memo: every rule walks the same blocks, so each walk is done once per
    report (kept in the report itself, which is read-only for the rules)."""
    return report.__dict__.setdefault(name, {})  # type: ignore[no-any-return]


def text_blocks(report: Report) -> Iterator[TextBlock]:
    """Every heading and paragraph in order, with its enclosing top-level section."""
    kept = _kept(report, "_text_blocks")
    if None not in kept:
        kept[None] = tuple(_walk_text_blocks(report))
    return iter(kept[None])


def _walk_text_blocks(report: Report) -> Iterator[TextBlock]:
    sections = list(report.sections)
    current: SectionMatch | None = None
    pointer = 0
    for index, block in enumerate(report.document.blocks):
        while pointer < len(sections) and sections[pointer].block_index <= index:
            current = sections[pointer]
            pointer += 1
        if isinstance(block, (Heading, Paragraph)):
            yield TextBlock(block.text, block.position, index, isinstance(block, Heading), current)


def table_text_blocks(report: Report, template: Template) -> frozenset[int]:
    """Indexes of the blocks that belong to a statutory table rather than to the prose:
    blocks that hold a recognized value, and lines that are a piece of a row or group label
    (a label a PDF wrapped over lines, 「1、申请人无正当理由逾期不补」). Rules about headings
    and prose wording skip them."""
    # Every prose rule asks; the answer is kept with the report (per template version).
    cache = report.__dict__.setdefault("_table_text_blocks", {})
    key = (template.version, id(template))
    if key in cache:
        return cache[key]
    indexes = {f.block for f in report.facts if f.block >= 0}
    for index, block in enumerate(report.document.blocks):
        if isinstance(block, (Heading, Paragraph)) and "\n" not in block.text:
            if is_label_fragment(_TRAILING_VALUES_RE.sub("", block.text), template):
                indexes.add(index)
    cache[key] = frozen = frozenset(indexes)
    return frozen


def prose_blocks(report: Report, template: Template) -> Iterator[TextBlock]:
    """``text_blocks`` without the blocks that belong to a statutory table."""
    table_blocks = table_text_blocks(report, template)
    for block in text_blocks(report):
        if block.block_index not in table_blocks:
            yield block


# A line that ends a sentence, a lead-in or a quotation: the next line starts a new paragraph.
_PARAGRAPH_END_RE = re.compile(r"[。！？；;：:…」』”）)]\s*$")
# A line that starts like a heading or a list item does not continue the line before it.
_STARTS_ITEM_RE = re.compile(r"^\s*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)]|\d+[.、．]|[①-⑳])")
_MAX_JOINED = 40  # lines per joined paragraph: a runaway join reads nothing across sections


def prose_paragraphs(report: Report, template: Template) -> Iterator[TextBlock]:
    """``prose_blocks`` with lines that a PDF (or its conversion) wrapped joined back into
    their paragraph, so a sentence split over lines — 「区政府受理政府」「信息公开申请 17 件」 —
    is read whole. Consecutive paragraphs of one section are joined while a line does not end
    a sentence and the next does not start a heading or an item. Positions stay exact:
    ``span_location`` maps an offset back to the line it came from."""
    kept = _kept(report, "_prose_paragraphs")
    key = (template.version, id(template))
    if key not in kept:
        kept[key] = tuple(_join_paragraphs(report, template))
    return iter(kept[key])


def _join_paragraphs(report: Report, template: Template) -> Iterator[TextBlock]:
    group: list[TextBlock] = []
    for block in prose_blocks(report, template):
        if group and _continues(group[-1], block) and len(group) < _MAX_JOINED:
            group.append(block)
            continue
        if group:
            yield _joined(group)
        group = [block]
    if group:
        yield _joined(group)


def _continues(previous: TextBlock, block: TextBlock) -> bool:
    return (not previous.is_heading and not block.is_heading and previous.section is block.section
            and block.block_index == previous.block_index + 1
            and not _PARAGRAPH_END_RE.search(previous.text) and not _STARTS_ITEM_RE.match(block.text))


def _joined(group: list[TextBlock]) -> TextBlock:
    if len(group) == 1:
        return group[0]
    pieces: list[tuple[int, Position | None]] = []
    text = group[0].text
    for block in group[1:]:
        pieces.append((len(text), block.position))
        text += block.text
    first = group[0]
    return TextBlock(text, first.position, first.block_index, False, first.section, tuple(pieces))


def offset_position(base: Position | None, text: str, start: int, end: int) -> Position | None:
    """The position of text[start:end] inside a block that starts at ``base``."""
    if base is None:
        return None
    line = base.line + text.count("\n", 0, start)
    line_start = text.rfind("\n", 0, start) + 1
    column = (base.column if line == base.line else 1) + (start - line_start)
    return Position(line, column, line, column + (end - start), page=base.page)


def block_position(block: TextBlock, start: int, end: int) -> Position | None:
    """The position of ``block.text[start:end]`` in the source (on the line the span starts
    on, for a paragraph joined from wrapped lines)."""
    base, offset = block.position, 0
    for piece_start, position in block.pieces:
        if piece_start > start:
            break
        base, offset = position, piece_start
    return offset_position(base, block.text[offset:], start - offset, end - offset)
