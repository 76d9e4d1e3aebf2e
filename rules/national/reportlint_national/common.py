"""Helpers shared by the national rules: locations in sections, section headings (the text
blocks themselves are the core's ``reportlint.text.blocks``)."""

from __future__ import annotations

from reportlint.model import Location, Position, Report, SectionMatch
from reportlint.text.blocks import (  # noqa: F401 - re-exported for the rules
    TextBlock,
    block_position,
    offset_position,
    prose_blocks,
    prose_paragraphs,
    table_text_blocks,
    text_blocks,
)

NUMERALS = ("一", "二", "三", "四", "五", "六", "七", "八", "九", "十",
            "十一", "十二", "十三", "十四", "十五")


def span_location(block: TextBlock, start: int, end: int) -> Location:
    """The location of ``block.text[start:end]``, in the block's section."""
    return section_location(block.section, block_position(block, start, end))


def section_location(section: SectionMatch | None, position: Position | None = None) -> Location:
    """A location in a section (its heading as the logical location)."""
    return Location(position=position or (section.position if section else None),
                    section=section.heading if section else None)


def section_heading(report: Report, key: str) -> str:
    """The heading a section carries in this report, or its canonical title."""
    found = report.section(key)
    return found.heading if found else key
