"""Reading the value of a table cell.

Cells hold more than digits: "0 " with stray spaces, full-width digits, "+3" and "-2" for
本年增/减, "7730.28" 万元, "22（其中修订16件）" (a number with a remark), "251000元" (a unit
written inside the cell), or one of the many ways of writing nothing: "", "/", "—", "-",
"无". ``parse_cell`` keeps those apart so that rules can say exactly what they saw.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from reportlint.records import record
from reportlint.text.normalize import TEXT_CACHE_SIZE, fold

# Written markers for "nothing/zero". An empty cell is kept apart from these: an empty
# 总计 column is a defect ("not filled"), while "/" or "—" is a deliberate zero.
NIL_MARKERS = frozenset({"/", "／", "—", "——", "-", "－", "–", "无", "－－", "--", "\\"})

_NUMBER_RE = re.compile(
    r"^(?P<sign>[+\-－＋]?)\s*(?P<digits>\d{1,3}(?:,\d{3})+|\d+)(?P<frac>\.\d+)?"
    r"\s*(?P<unit>万元|元|件|条|个|次|项|篇|人次|%)?"
    r"\s*(?P<note>[（(].*[）)])?\s*$"
)


@record
class CellValue:
    """A parsed cell: ``kind`` is number, empty, nil or invalid."""

    kind: str
    value: Decimal | None
    raw: str
    unit: str = ""
    note: str = ""
    signed: bool = False  # an explicit + or - was written


MAX_DIGITS = 18  # digits of one number (a yuan amount in the trillions has 16 with fen)


@lru_cache(maxsize=TEXT_CACHE_SIZE)
def parse_cell(raw: str) -> CellValue:
    """Parse one cell's text. Never raises. (Cached: the same few spellings recur.)"""
    text = fold(raw).replace("\u00a0", " ").replace("，", ",").strip()
    if not text:
        return CellValue("empty", None, raw)
    if text in NIL_MARKERS:
        return CellValue("nil", Decimal(0), raw)
    match = _NUMBER_RE.match(text)
    if not match:
        return CellValue("invalid", None, raw)
    digits = match.group("digits").replace(",", "") + (match.group("frac") or "")
    if len(digits.lstrip("0").replace(".", "")) > MAX_DIGITS:
        # No count or amount in a report has this many digits; a longer run is cells run
        # together or noise, and arithmetic on it would go past Decimal's precision.
        return CellValue("invalid", None, raw)
    try:
        value = Decimal(digits)
    except InvalidOperation:  # pragma: no cover - the regex admits only digits
        return CellValue("invalid", None, raw)
    sign = match.group("sign")
    if sign in ("-", "－"):
        value = -value
    return CellValue(
        "number",
        value,
        raw,
        unit=match.group("unit") or "",
        note=(match.group("note") or "").strip(),
        signed=bool(sign),
    )


def format_decimal(value: Decimal | None) -> str:
    """Render a Decimal without exponent or trailing noise ("72235.00" stays as written)."""
    if value is None:
        return "空"
    if value == value.to_integral_value():
        return str(value.quantize(Decimal(1)))
    return format(value.normalize(), "f")
