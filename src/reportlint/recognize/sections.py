"""Finding the report's sections by meaning, not by number or exact wording.

Top-level headings are those numbered with a Chinese numeral ("一、", deviations such as
"一." included) or, without numbering, a heading close to a canonical section title. Each is
scored against every template section; the best heading for a section is kept and later
ones about the same subject are marked as duplicates. Table row labels that look like
headings ("一、本年新收政府信息公开申请数量") are never sections.
"""

from __future__ import annotations

import re
from functools import lru_cache

from reportlint.model import Document, Heading, SectionMatch
from reportlint.records import by_identity
from reportlint.templates import SectionSpec, Template
from reportlint.text.normalize import compact_fold, match_key

_TOP_NUMBERING_RE = re.compile(r"^[一二三四五六七八九十]+\s*[、.．,，]")
# "表二：主动公开政府信息情况" is a table caption, not a section heading.
_TABLE_CAPTION_RE = re.compile(r"^表\s*[一二三四五六七八九十\d]")
MIN_SCORE = 0.5


def bigram_similarity(a: str, b: str) -> float:
    """Dice coefficient of character bigrams (1.0 = same text)."""
    if a == b:
        return 1.0
    if len(a) < 2 or len(b) < 2:
        return 0.0
    grams_a = [a[i : i + 2] for i in range(len(a) - 1)]
    grams_b = [b[i : i + 2] for i in range(len(b) - 1)]
    pool = list(grams_b)
    common = 0
    for gram in grams_a:
        if gram in pool:
            pool.remove(gram)
            common += 1
    return 2 * common / (len(grams_a) + len(grams_b))


# Words whose change is a rewording, not a slip: 「行政复议与行政诉讼」 for 「行政复议、行政诉讼」.
_CONNECTIVES = set("和及与并或")


def single_slip(written: str, official: str) -> str | None:
    """How ``written`` differs from ``official`` when it is one character off (one extra,
    missing or wrong character, not a connective): "多了“法”", "少了“情”", "“清”应为“情”";
    None for anything else. Both are compared as given (pass comparison forms)."""
    if written == official or abs(len(written) - len(official)) > 1 or min(len(written), len(official)) < 3:
        return None
    prefix = 0
    while prefix < min(len(written), len(official)) and written[prefix] == official[prefix]:
        prefix += 1
    suffix = 0
    while (suffix < min(len(written), len(official)) - prefix
           and written[-1 - suffix] == official[-1 - suffix]):
        suffix += 1
    extra = written[prefix : len(written) - suffix]
    missing = official[prefix : len(official) - suffix]
    if len(extra) > 1 or len(missing) > 1 or set(extra + missing) & _CONNECTIVES:
        return None
    if extra and missing:
        return f"“{extra}”应为“{missing}”"
    return f"多了“{extra}”" if extra else f"少了“{missing}”"


SLIP_SCORE = 0.8  # a title one character off the format's wording is that section


def section_score(title: str, spec: SectionSpec) -> float:
    """How well a heading title fits a section: patterns first, then wording; a title one
    character off the format's own wording (a slip, reported by S008) fits too."""
    return _score(title, spec.title, spec.aliases, spec.patterns)


@lru_cache(maxsize=8192)
def _score(title: str, official: str, aliases: tuple[str, ...], patterns: tuple[str, ...]) -> float:
    # Remembered: reports reuse the same headings, each scored against every section.
    key = match_key(title)
    if single_slip(key, match_key(official)) is not None:
        return SLIP_SCORE
    similarity = max(bigram_similarity(key, match_key(text)) for text in (official, *aliases))
    if any(re.search(pattern, key) for pattern in patterns):
        return 0.5 + 0.5 * similarity
    return similarity if similarity >= 0.75 else 0.0


@by_identity
def _row_label_keys(template: Template) -> frozenset[str]:
    keys: set[str] = set()
    for table in template.tables:
        for row in table.rows:
            for text in (row.label, *row.aliases):
                keys.add(match_key(text))
                keys.add(match_key(text, drop_note=True))
        for text in table.group_labels:
            keys.add(match_key(text))
    return frozenset(keys)


def _is_top_level(heading: Heading) -> bool:
    return bool(_TOP_NUMBERING_RE.match(compact_fold(heading.text)))


def recognize_sections(document: Document, template: Template) -> tuple[SectionMatch, ...]:
    """Top-level sections in document order, each recognized as a template section or not."""
    row_keys = _row_label_keys(template)
    candidates: list[tuple[int, Heading, str | None, float]] = []
    for index, block in enumerate(document.blocks):
        if not isinstance(block, Heading):
            continue
        if match_key(block.title) in row_keys or match_key(block.title, drop_note=True) in row_keys:
            continue
        if _TABLE_CAPTION_RE.match(block.title):
            continue
        scored = [(section_score(block.title, spec), spec.key) for spec in template.sections]
        best_score, best_key = max(scored, default=(0.0, ""))
        top = _is_top_level(block)
        if not top:
            # An unnumbered heading counts only when it reads like a section title,
            # and only as a main heading (markdown/HTML level 1-2 or plain text).
            if best_score < 0.8 or (block.markup_level or 0) > 2 or block.numbering:
                continue
        key = best_key if best_score >= MIN_SCORE else None
        candidates.append((index, block, key, best_score))

    # The kept heading per section: the best score; ties go to the earlier one.
    kept: dict[str, int] = {}
    for position, (_, _, key, score) in enumerate(candidates):
        if key is None:
            continue
        if key not in kept or score > candidates[kept[key]][3]:
            kept[key] = position
    matches: list[SectionMatch] = []
    total_blocks = len(document.blocks)
    for position, (index, block, key, score) in enumerate(candidates):
        end = candidates[position + 1][0] if position + 1 < len(candidates) else total_blocks
        duplicate_of = None
        if key is not None and kept[key] != position:
            duplicate_of = kept[key]
        matches.append(
            SectionMatch(
                key=key,
                heading=block.text,
                numbering=block.numbering,
                title=block.title,
                position=block.position,
                block_index=index,
                end_block=end,
                duplicate_of=duplicate_of,
                score=round(score, 3),
            )
        )
    return tuple(matches)
