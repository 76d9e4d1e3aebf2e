"""Honest source positions for markup inputs (HTML, XML): the element's line from the
parser, and the column where the element's text can be found on that line."""

from __future__ import annotations

from lxml import etree

from reportlint.model import Position


class Locator:
    """Positions of parsed elements in the source text."""

    def __init__(self, lines: list[str]) -> None:
        self.lines = lines

    def position(self, element: etree._Element, text: str = "") -> Position | None:
        line = getattr(element, "sourceline", None)
        if not line:
            return None
        if 0 < line <= len(self.lines):
            source = self.lines[line - 1]
            probe = text[:6]
            if probe and probe in source:
                return Position(line, source.find(probe) + 1)
            return Position(line, len(source) - len(source.lstrip()) + 1)
        return Position(line, 1)
