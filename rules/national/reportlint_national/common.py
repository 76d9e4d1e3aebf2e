"""Helpers shared by the national rules: text blocks, issuer levels, deadlines."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass

from reportlint.model import Heading, Location, Paragraph, Position, Report, SectionMatch

NUMERALS = ("一", "二", "三", "四", "五", "六", "七", "八", "九", "十",
            "十一", "十二", "十三", "十四", "十五")

LEVEL_NAMES = {
    "department": "县级以上人民政府部门",
    "government": "县级以上地方人民政府",
    "township": "乡镇人民政府、街道办事处",
    "other": "其他机关",
}
# 《条例》第四十九条: departments by 1月31日, county-level-and-above governments by 3月31日.
# 乡镇/街道 have no statutory date; local notices mostly say 1月31日 (configurable).
DEFAULT_DEADLINES = {"department": (1, 31), "government": (3, 31), "township": (1, 31), "other": (1, 31)}

_TOWNSHIP_RE = re.compile(r"(镇|乡|苏木)(人民)?政府$|街道(办事处)?$|街道办$")
_GOVERNMENT_RE = re.compile(r"(省|自治区|市|州|盟|县|区|旗|特区|林区)(人民)?政府$")


def issuer_level(name: str | None) -> str | None:
    """The level of a body from its name (None when unknown).

    "大岚镇人民政府" → township; "沭阳县人民政府" → government; "余姚市交通运输局",
    "上海市科委", "某某市人民政府办公室" → department.
    """
    if not name:
        return None
    if _TOWNSHIP_RE.search(name):
        return "township"
    if _GOVERNMENT_RE.search(name):
        return "government"
    return "department"


def deadline(level: str, report_year: int, override: str = "") -> dt.date:
    """The publication deadline for a report year (override "MM-DD" from configuration)."""
    if override:
        month, day = (int(p) for p in override.split("-"))
    else:
        month, day = DEFAULT_DEADLINES.get(level, (1, 31))
    return dt.date(report_year + 1, month, day)


@dataclass(frozen=True)
class TextBlock:
    """A heading or paragraph with the section it belongs to."""

    text: str
    position: Position | None
    block_index: int
    is_heading: bool
    section: SectionMatch | None


def text_blocks(report: Report) -> Iterator[TextBlock]:
    """Every heading and paragraph in order, with its enclosing top-level section."""
    sections = list(report.sections)
    current: SectionMatch | None = None
    pointer = 0
    for index, block in enumerate(report.document.blocks):
        while pointer < len(sections) and sections[pointer].block_index <= index:
            current = sections[pointer]
            pointer += 1
        if isinstance(block, (Heading, Paragraph)):
            yield TextBlock(block.text, block.position, index, isinstance(block, Heading), current)


def offset_position(base: Position | None, text: str, start: int, end: int) -> Position | None:
    """The position of text[start:end] inside a block that starts at ``base``."""
    if base is None:
        return None
    line = base.line + text.count("\n", 0, start)
    line_start = text.rfind("\n", 0, start) + 1
    column = (base.column if line == base.line else 1) + (start - line_start)
    return Position(line, column, line, column + (end - start))


def section_location(section: SectionMatch | None, position: Position | None = None) -> Location:
    """A location in a section (its heading as the logical location)."""
    return Location(position=position or (section.position if section else None),
                    section=section.heading if section else None)


def section_heading(report: Report, key: str) -> str:
    """The heading a section carries in this report, or its canonical title."""
    found = report.section(key)
    return found.heading if found else key
