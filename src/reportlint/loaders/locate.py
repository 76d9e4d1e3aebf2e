"""Honest source positions for markup inputs (HTML, XML): the element's line from the
parser, and the column where the element's text can be found on that line.

A portal page often holds its whole article on one line, so the line alone says little and
the first match of a cell's text on it is usually wrong ("20" is found in "2020年"). The
column is therefore searched after the element's own start tag: the n-th element with a
given tag on a line is the n-th "<tag" written on it.
"""

from __future__ import annotations

import bisect
import re
from functools import lru_cache

from lxml import etree

from reportlint.model import Position

PROBE_CHARS = 6  # how much of an element's text is looked for after its start tag


class Locator:
    """Positions of the parsed elements of one document in its source text."""

    def __init__(self, lines: list[str]) -> None:
        self.lines = lines
        self._order: dict[int, int] = {}  # id(element) → its index among same-tag elements on its line
        self._indexed: set[str] = set()  # the (local) tags already indexed
        # lxml hands out one proxy object per element only while a reference to it lives:
        # keeping every indexed element keeps its id() stable.
        self._keep: list[etree._Element] = []
        self._tags: dict[tuple[int, str], list[int]] = {}  # (line, tag) → offsets of "<tag" on it
        self._local: dict[str, str] = {}  # element tag → local, lower-cased tag

    def _index(self, element: etree._Element, tag: str) -> None:
        """Number the elements with ``tag`` on each line (only tags positions are asked for
        are walked, in C: a page's spans and fonts are never visited)."""
        self._indexed.add(tag)
        counts: dict[int, int] = {}
        root = element.getroottree().getroot()
        for node in root.iter(f"{{*}}{tag}", f"{{*}}{tag.upper()}"):
            if _local(node.tag) != tag:
                continue
            self._keep.append(node)
            line = node.sourceline
            if line:
                self._order[id(node)] = counts.get(line, 0)
                counts[line] = counts.get(line, 0) + 1

    def _tag_start(self, element: etree._Element, line: int, tag: str) -> int | None:
        """Offset of the element's start tag on its line, when it can be told."""
        if tag not in self._indexed:
            self._index(element, tag)
        index = self._order.get(id(element))
        if index is None:
            return None
        key = (line, tag)
        offsets = self._tags.get(key)
        if offsets is None:
            pattern = re.compile(rf"<(?:[\w.-]+:)?{re.escape(tag)}(?=[\s/>])", re.IGNORECASE)
            offsets = self._tags[key] = [m.start() for m in pattern.finditer(self.lines[line - 1])]
        return offsets[index] if index < len(offsets) else None

    def _end(self, tag: str, line: int, start: int) -> int:
        """Where the element's text can end on the line: its end tag, or the start of the
        next element with the same tag (an end tag HTML lets one leave out)."""
        source = self.lines[line - 1]
        offsets = self._tags.get((line, tag), [])
        following = bisect.bisect_right(offsets, start)
        bound = offsets[following] if following < len(offsets) else len(source)
        close = _end_tag(tag).search(source, start, bound)
        return close.start() if close else bound

    def position(self, element: etree._Element, text: str = "") -> Position | None:
        """Where ``element`` (whose text is ``text``) stands in the source."""
        line = element.sourceline
        if not line:
            return None
        if not 0 < line <= len(self.lines):
            return Position(line, 1)
        source = self.lines[line - 1]
        start = None
        if isinstance(element.tag, str):
            tag = self._local.get(element.tag)
            if tag is None:
                tag = self._local[element.tag] = _local(element.tag)
            start = self._tag_start(element, line, tag)
        probe = text[:PROBE_CHARS]
        if start is not None:
            found = source.find(probe, start, self._end(tag, line, start)) if probe else -1
            # The text right after the tag (within the element); else the tag itself.
            return Position(line, (found if found >= 0 else start) + 1)
        if probe and probe in source:
            return Position(line, source.find(probe) + 1)
        return Position(line, len(source) - len(source.lstrip()) + 1)


@lru_cache(maxsize=64)
def _end_tag(tag: str) -> re.Pattern[str]:
    return re.compile(rf"</(?:[\w.-]+:)?{re.escape(tag)}\s*>", re.IGNORECASE)


def _local(tag: str) -> str:
    """A tag without its namespace, lower-cased (HTML is case-insensitive)."""
    return tag.rsplit("}", 1)[-1].lower()
