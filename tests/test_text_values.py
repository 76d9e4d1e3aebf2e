"""Cell values, dates and label normalisation."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from reportlint.text.dates import find_dates
from reportlint.text.normalize import label_key, match_key
from reportlint.text.numbers import parse_cell


@pytest.mark.parametrize(
    ("raw", "kind", "value", "note", "unit"),
    [
        ("0 ", "number", Decimal(0), "", ""),
        ("72235.00", "number", Decimal("72235.00"), "", ""),
        ("+3", "number", Decimal(3), "", ""),
        ("-2", "number", Decimal(-2), "", ""),
        ("－2", "number", Decimal(-2), "", ""),
        ("１２", "number", Decimal(12), "", ""),
        ("1,234", "number", Decimal(1234), "", ""),
        ("22（其中修订16件）", "number", Decimal(22), "（其中修订16件）", ""),
        ("251000元", "number", Decimal(251000), "", "元"),
        ("", "empty", None, "", ""),
        ("\u00a0", "empty", None, "", ""),
        ("/", "nil", Decimal(0), "", ""),
        ("—", "nil", Decimal(0), "", ""),
        ("-", "nil", Decimal(0), "", ""),
        ("无", "nil", Decimal(0), "", ""),
        ("若干", "invalid", None, "", ""),
    ],
)
def test_parse_cell(raw: str, kind: str, value: Decimal | None, note: str, unit: str) -> None:
    parsed = parse_cell(raw)
    assert (parsed.kind, parsed.value, parsed.note, parsed.unit) == (kind, value, note, unit)


@pytest.mark.parametrize(
    ("text", "date", "style", "padded", "short"),
    [
        ("2021年1月22日", dt.date(2021, 1, 22), "arabic", False, False),
        ("2021年01月22日", dt.date(2021, 1, 22), "arabic", True, False),
        ("21年1月22日", dt.date(2021, 1, 22), "arabic", False, True),
        ("二〇二一年一月二十二日", dt.date(2021, 1, 22), "chinese", False, False),
        ("2021.1.22", dt.date(2021, 1, 22), "separated", False, False),
        ("2021-1-22", dt.date(2021, 1, 22), "separated", False, False),
        ("2021/1/22", dt.date(2021, 1, 22), "separated", False, False),
        ("2021年2月30日", None, "arabic", False, False),
    ],
)
def test_find_dates(text: str, date: dt.date | None, style: str, padded: bool, short: bool) -> None:
    ((parsed, start, end),) = find_dates(f"落款{text}。")
    assert (parsed.date, parsed.style, parsed.padded, parsed.short_year) == (date, style, padded, short)
    assert parsed.raw == text and start == 2


def test_labels_compare_across_spellings() -> None:
    assert match_key("(二) 部分公开 (区分处理的, 只计这一情形, 不计其他情形)") == match_key(
        "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"
    )
    assert label_key("其他结 果") == "其他结果"
    assert match_key("1. 申请人无正当理由逾期不补正, 行政机关不再处理") == match_key(
        "1.申请人无正当理由逾期不补正、行政机关不再处理"
    )
    assert label_key("（二）部分公开（区分处理的）", drop_note=True) == "部分公开"
