"""Finding and parsing dates as Chinese reports write them.

Accepted spellings (all recognised, so that rules can say which are wrong):
"2021年1月22日" (GB/T 9704-2012), "2021年01月22日" (padded), "21年1月22日" (short year),
"2021.1.22", "2021-1-22", "2021/1/22", and Chinese numerals "二〇二一年一月二十二日".
"""

from __future__ import annotations

import datetime as dt
import re

from reportlint.records import record

_CN_DIGITS = {"〇": 0, "零": 0, "○": 0, "Ｏ": 0, "O": 0, "一": 1, "二": 2, "三": 3, "四": 4,
              "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN_CHARS = "〇零○一二三四五六七八九十"

ARABIC_DATE = r"(?P<y>\d{4}|\d{2})年(?P<m>\d{1,2})月(?P<d>\d{1,2})日"
CHINESE_DATE = rf"(?P<cy>[{_CN_CHARS}]{{2,4}})年(?P<cm>[{_CN_CHARS}]{{1,3}})月(?P<cd>[{_CN_CHARS}]{{1,3}})日"
SEPARATED_DATE = r"(?<![\d.])(?P<sy>\d{4})(?P<sep>[.\-/])(?P<sm>\d{1,2})(?P=sep)(?P<sd>\d{1,2})(?![\d.])"

ANY_DATE_RE = re.compile(f"(?:{ARABIC_DATE})|(?:{CHINESE_DATE})|(?:{SEPARATED_DATE})")


@record
class ParsedDate:
    """A date as written: its value (None if impossible), its style and the raw text."""

    date: dt.date | None
    raw: str
    style: str  # arabic | chinese | separated
    padded: bool = False
    short_year: bool = False


def chinese_number(text: str) -> int | None:
    """Value of a small Chinese numeral: "二十二" → 22, "十" → 10, "二〇二一" → 2021."""
    if not text:
        return None
    if "十" in text:
        head, _, tail = text.partition("十")
        tens = _CN_DIGITS.get(head, None) if head else 1
        ones = _CN_DIGITS.get(tail, None) if tail else 0
        if tens is None or ones is None:
            return None
        return tens * 10 + ones
    value = 0
    for ch in text:
        if ch not in _CN_DIGITS:
            return None
        value = value * 10 + _CN_DIGITS[ch]
    return value


def _make(year: int | None, month: int | None, day: int | None) -> dt.date | None:
    if year is None or month is None or day is None:
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def parse_match(match: re.Match[str]) -> ParsedDate:
    """Turn a match of ANY_DATE_RE into a ParsedDate."""
    groups = match.groupdict()
    raw = match.group(0)
    if groups.get("y"):
        year_text, month_text, day_text = groups["y"], groups["m"], groups["d"]
        short = len(year_text) == 2
        year = int(year_text) + (2000 if short else 0)
        padded = (len(month_text) == 2 and month_text[0] == "0") or (
            len(day_text) == 2 and day_text[0] == "0"
        )
        return ParsedDate(_make(year, int(month_text), int(day_text)), raw, "arabic", padded, short)
    if groups.get("cy"):
        return ParsedDate(
            _make(chinese_number(groups["cy"]), chinese_number(groups["cm"]),
                  chinese_number(groups["cd"])),
            raw,
            "chinese",
        )
    return ParsedDate(
        _make(int(groups["sy"]), int(groups["sm"]), int(groups["sd"])), raw, "separated"
    )


def find_dates(text: str) -> list[tuple[ParsedDate, int, int]]:
    """Every date in ``text`` with its start and end offsets."""
    return [(parse_match(m), m.start(), m.end()) for m in ANY_DATE_RE.finditer(text)]


def standard_form(date: dt.date) -> str:
    """The GB/T 9704-2012 spelling: "2021年1月22日"."""
    return f"{date.year}年{date.month}月{date.day}日"
