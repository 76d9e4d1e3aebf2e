"""Telling the 2019 and 2021 formats apart (DOMAIN.md §2.4).

Two independent answers are recorded: the format the report year requires, and the format
whose exclusive labels the report actually prints. Rules compare them; recognition uses
the labels when there are any (they describe the tables as written), else the year.
"""

from __future__ import annotations

from bisect import bisect_right
from itertools import accumulate

from reportlint.model import Document, Heading, Paragraph, Position, Table
from reportlint.templates import Template
from reportlint.text.normalize import compact_fold

# Fingerprints are looked for in table cells and short lines only: prose may mention a
# label of the other format without using its table.
MAX_LINE_CHARS = 60


def _short_texts(document: Document) -> list[tuple[str, Position | None]]:
    out: list[tuple[str, Position | None]] = []
    for block in document.blocks:
        if isinstance(block, Table):
            out.extend((cell.text, cell.position) for row in block.rows for cell in row if cell.origin is None)
        elif isinstance(block, (Heading, Paragraph)) and len(block.text) <= MAX_LINE_CHARS:
            out.append((block.text, block.position))
    return out


def find_fingerprints(
    document: Document, templates: list[Template]
) -> list[tuple[str, str, Position | None]]:
    """(version, label, position) for every exclusive label found, first occurrence each."""
    texts = [(compact_fold(text), pos) for text, pos in _short_texts(document)]
    # One string to search (texts apart by a character no label holds): each label is one
    # C-level find, and the first text holding it is the one its offset falls in.
    joined = "\0".join(text for text, _ in texts)
    starts = list(accumulate((len(text) + 1 for text, _ in texts[:-1]), initial=0))
    found: list[tuple[str, str, Position | None]] = []
    for template in templates:
        for label in template.fingerprints:
            needle = compact_fold(label)
            at = joined.find(needle) if needle and "\0" not in needle else -1
            if at >= 0:
                found.append((template.version, label, texts[bisect_right(starts, at) - 1][1]))
    return found


def version_by_labels(fingerprints: list[tuple[str, str, Position | None]]) -> str | None:
    """The version with the most exclusive labels, None when there are none or a tie."""
    counts: dict[str, int] = {}
    for version, _, _ in fingerprints:
        counts[version] = counts.get(version, 0) + 1
    if not counts:
        return None
    ranked = sorted(counts.items(), key=lambda kv: kv[1], reverse=True)
    if len(ranked) > 1 and ranked[0][1] == ranked[1][1]:
        return None
    return ranked[0][0]


def version_by_year(year: int | None, templates: list[Template]) -> str | None:
    """The version the statute requires for a report year."""
    if year is None:
        return None
    for template in templates:
        if template.applies_to_year(year):
            return template.version
    return None
