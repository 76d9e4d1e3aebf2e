"""Normalising labels and text so that spelling variants compare equal.

Real reports write the same official label with half-width brackets, stray spaces
("其他结 果"), different numbering ("1. ", "1、") or a parenthetical note. The functions
here fold those differences away for *comparison only*; the original text is kept
everywhere else so that the typography rules can still see it.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from reportlint.model import Position
from reportlint.records import record

# Full-width forms that are folded to one spelling for comparison.
_FOLD = str.maketrans(
    {
        "(": "（",
        ")": "）",
        ",": "，",
        ":": "：",
        ";": "；",
        "、": "、",
        "\u3000": " ",
        "\u00a0": " ",
        '"': "“",
        "＂": "“",
        "”": "“",
        "﹝": "〔",
        "﹞": "〕",
    }
)

# Leading numbering of headings and row labels: 一、 （一） (一) 1. 1、 1．（1） 第一
NUMBERING_RE = re.compile(
    r"^\s*(?:"
    r"[一二三四五六七八九十]+\s*[、.．,，]"
    r"|[（(]\s*[一二三四五六七八九十]+\s*[）)]\s*[、.．]?"
    r"|\d{1,2}\s*[.．、](?!\d)"
    r"|[（(]\s*\d{1,2}\s*[）)]\s*[、.．]?"
    r")\s*"
)

_SPACE_RE = re.compile(r"\s+")
# Entries of each text cache (fold, compact_fold, label_key, match_key, parse_cell): the
# labels and values every report repeats stay; a batch's unique lines pass through. A cache
# of 65,536 prose lines fills with lines no later report repeats, tens of MB each by the
# end of a large batch, for no more hits.
TEXT_CACHE_SIZE = 8192
_TRAILING_PAREN_RE = re.compile(r"（[^（）]*）$")


@lru_cache(maxsize=TEXT_CACHE_SIZE)
def fold(text: str) -> str:
    """Unicode-normalise full-width digits and letters (NFKC) but keep CJK punctuation."""
    out = []
    for ch in text:
        if "０" <= ch <= "９" or "Ａ" <= ch <= "Ｚ" or "ａ" <= ch <= "ｚ":
            out.append(unicodedata.normalize("NFKC", ch))
        else:
            out.append(ch)
    return "".join(out).translate(_FOLD)


def squeeze(text: str) -> str:
    """Remove all whitespace (PDF and Word extraction put spaces inside words)."""
    return _SPACE_RE.sub("", text)


@lru_cache(maxsize=TEXT_CACHE_SIZE)
def compact_fold(text: str) -> str:
    """``squeeze(fold(text))``, remembered: the comparison form of a cell or line, asked for
    by several recognizers and rules of every report (the same labels in every report)."""
    return _SPACE_RE.sub("", fold(text))


def split_numbering(text: str) -> tuple[str, str]:
    """Split leading numbering from a heading or label: "（一）予以公开" → ("（一）", "予以公开")."""
    match = NUMBERING_RE.match(text)
    if not match:
        return "", text.strip()
    return match.group(0).strip(), text[match.end() :].strip()


@lru_cache(maxsize=TEXT_CACHE_SIZE)
def label_key(text: str, *, drop_note: bool = False) -> str:
    """The comparison form of a label: folded, without whitespace or leading numbering.

    With ``drop_note`` a trailing parenthetical remark is removed as well, so that
    "部分公开（区分处理的，只计这一情形，不计其他情形）" compares equal to "部分公开".
    """
    folded = compact_fold(text)
    _, rest = split_numbering(folded)
    # Numbering may be repeated by a group cell glued to a sub-row label: strip twice.
    _, rest = split_numbering(rest)
    rest = rest.strip("：:　 ")
    if drop_note:
        while True:
            shorter = _TRAILING_PAREN_RE.sub("", rest)
            if shorter == rest or not shorter:
                break
            rest = shorter
    return rest


@record(slots=False)
class CompactText:
    """Text with all whitespace removed and a map from each character back to the source.

    Regular expressions for dates and periods run on the compact text, so that
    "2024 年 1 月 1 日" and a phrase wrapped over two lines match like clean text.
    """

    text: str
    lines: tuple[int, ...]
    columns: tuple[int, ...]

    def position(self, start: int, end: int | None = None) -> Position | None:
        """The source position of compact offset ``start`` (to ``end``, exclusive)."""
        if not self.text or start >= len(self.text):
            return None
        pos_end = max(start, (end or start + 1) - 1)
        return Position(
            line=self.lines[start],
            column=self.columns[start],
            end_line=self.lines[pos_end],
            end_column=self.columns[pos_end] + 1,
        )


def compact(pieces: list[tuple[str, Position | None]]) -> CompactText:
    """Build a CompactText from text pieces and the position where each starts."""
    chars: list[str] = []
    lines: list[int] = []
    columns: list[int] = []
    for text, position in pieces:
        line = position.line if position else 0
        column = position.column if position else 0
        for ch in text:
            if ch == "\n":
                line += 1
                column = 1
                continue
            if not ch.isspace():
                chars.append(fold(ch))
                lines.append(line)
                columns.append(column)
            column += 1
    return CompactText("".join(chars), tuple(lines), tuple(columns))


def _is_punctuation(ch: str) -> bool:
    return unicodedata.category(ch).startswith(("P", "S")) and ch not in "+-"


@lru_cache(maxsize=TEXT_CACHE_SIZE)
def match_key(text: str, *, drop_note: bool = False) -> str:
    """The loosest comparison form of a label: ``label_key`` without any punctuation.

    "申请人无正当理由逾期不补正, 行政机关…" and "…逾期不补正、行政机关…" compare equal.
    """
    return "".join(ch for ch in label_key(text, drop_note=drop_note) if not _is_punctuation(ch))
