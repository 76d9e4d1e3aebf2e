"""Running text as comparable sentences (for spotting a report copied from last year)."""

from __future__ import annotations

import re

from reportlint.model import Heading, Paragraph, Report
from reportlint.text.normalize import compact_fold

_TABLE_LINE_RE = re.compile(r"(?:\s[+\-]?\d+(?:\.\d+)?){2,}\s*$")
_SENTENCE_SPLIT_RE = re.compile(r"[。！？；\n]")
MIN_SENTENCE_CHARS = 12


def prose_sentences(report: Report) -> frozenset[str]:
    """The report's sentences of running text with every number masked ("#"), table rows
    left out: what stays the same when a report is copied and only the figures change."""
    lines = [b.text for b in report.document.blocks
             if isinstance(b, (Heading, Paragraph)) and not _TABLE_LINE_RE.search(b.text)]
    out = set()
    for sentence in _SENTENCE_SPLIT_RE.split("".join(lines)):
        masked = re.sub(r"\d+", "#", compact_fold(sentence))
        if len(masked) >= MIN_SENTENCE_CHARS:
            out.add(masked)
    return frozenset(out)
