"""Honest source positions for markup inputs (HTML, XML): the element's line from the
parser, and the column where the element's text can be found on that line.

A portal page often holds its whole article on one line, so the line alone says little and
the first match of a cell's text on it is usually wrong ("20" is found in "2020年"). The
column is therefore searched after the element's own start tag: the n-th element with a
given tag on a line is the n-th "<tag" written on it.
"""

from __future__ import annotations

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
        self._tags: dict[tuple[int, str], list[tuple[int, int]]] = {}  # (line, tag) → each element's span
        self._local: dict[str, str] = {}  # element tag → local, lower-cased tag

    def _index(self, element: etree._Element, tag: str) -> None:
        """Number the elements with ``tag`` on each line (only tags positions are asked for
        are walked, in C: a page's spans and fonts are never visited)."""
        self._indexed.add(tag)
        counts: dict[int, int] = {}
        root = element.getroottree().getroot()
        for node in root.iter(f"{{*}}{tag}", f"{{*}}{tag.upper()}"):
            if node.tag != tag and _local(node.tag) != tag:
                continue
            self._keep.append(node)
            line = node.sourceline
            if line:
                self._order[id(node)] = counts.get(line, 0)
                counts[line] = counts.get(line, 0) + 1

    def _spans(self, line: int, tag: str) -> list[tuple[int, int]]:
        """Where each element with ``tag`` starts on a line and where its text can end: its
        end tag, or the next start tag of its kind (an end tag HTML lets one leave out).
        Found once per line and tag, for all its elements."""
        spans = self._tags.get((line, tag))
        if spans is None:
            source = self.lines[line - 1]
            pattern = re.compile(rf"<(?:[\w.-]+:)?{re.escape(tag)}(?=[\s/>])", re.IGNORECASE)
            starts = [m.start() for m in pattern.finditer(source)]
            closes = [m.start() for m in _end_tag(tag).finditer(source)]
            spans, j = [], 0
            for k, start in enumerate(starts):
                bound = starts[k + 1] if k + 1 < len(starts) else len(source)
                while j < len(closes) and closes[j] < start:
                    j += 1
                spans.append((start, closes[j] if j < len(closes) and closes[j] < bound else bound))
            self._tags[(line, tag)] = spans
        return spans

    def position(self, element: etree._Element, text: str = "") -> Position | None:
        """Where ``element`` (whose text is ``text``) stands in the source: the column of its
        text after its own start tag (the n-th element with a tag on a line is the n-th
        "<tag" on it) and before its end; else the tag itself; else the text's first match."""
        line = element.sourceline
        if not line:
            return None
        if not 0 < line <= len(self.lines):
            return Position(line, 1)
        probe = text[:PROBE_CHARS]
        tag = self._local.get(element.tag) if isinstance(element.tag, str) else None
        if tag is None and isinstance(element.tag, str):
            tag = self._local[element.tag] = _local(element.tag)
        if tag is not None:
            if tag not in self._indexed:
                self._index(element, tag)
            index = self._order.get(id(element))
            if index is not None:
                spans = self._spans(line, tag)
                if index < len(spans):
                    start, end = spans[index]
                    found = self.lines[line - 1].find(probe, start, end) if probe else -1
                    return Position(line, (found if found >= 0 else start) + 1)
        source = self.lines[line - 1]
        if probe and probe in source:
            return Position(line, source.find(probe) + 1)
        return Position(line, len(source) - len(source.lstrip()) + 1)


@lru_cache(maxsize=64)
def _end_tag(tag: str) -> re.Pattern[str]:
    return re.compile(rf"</(?:[\w.-]+:)?{re.escape(tag)}\s*>", re.IGNORECASE)


def _local(tag: str) -> str:
    """A tag without its namespace, lower-cased (HTML is case-insensitive)."""
    return tag.rsplit("}", 1)[-1].lower()
