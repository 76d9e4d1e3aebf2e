"""Real reports from ../shared/corpus, checked against values read off the text by hand."""

from __future__ import annotations

from decimal import Decimal

from reportlint.api import analyze_path

from .conftest import corpus_file

REQUEST_ROWS_2021 = [
    "new", "carried", "public", "partial", "deny_secret", "deny_law", "deny_safety",
    "deny_third_party", "deny_internal", "deny_process", "deny_enforcement", "deny_query",
    "unable_none", "unable_create", "unable_unclear", "refuse_petition", "refuse_repeat",
    "refuse_publication", "refuse_massive", "refuse_confirm", "other_overdue", "other_fee",
    "other_other", "total", "carry_forward",
]
COLUMNS = ["natural", "commercial", "research", "charity", "legal", "other", "total"]
REVIEW = [(g, c) for g in ("reconsideration", "direct", "after")
          for c in ("upheld", "corrected", "other", "pending", "total")]


def _table(report, rows):  # type: ignore[no-untyped-def]
    facts = report.fact_map
    out = {}
    for row in rows:
        out[row] = [facts[f"requests.{row}.{c}"].value for c in COLUMNS]
    return out


def _rows(text: str) -> dict[str, list[Decimal | None]]:
    out = {}
    for key, line in zip(REQUEST_ROWS_2021, text.strip().splitlines()):
        out[key] = [None if v == "_" else Decimal(v) for v in line.split()]
    return out


SHUYANG_REQUESTS = _rows("""
705 3 0 0 5 0 713
36 0 0 0 0 0 36
290 1 0 0 3 0 294
99 0 0 0 2 0 101
0 0 0 0 0 0 0
0 0 0 0 0 0 0
2 0 0 0 0 0 2
2 0 0 0 0 0 2
13 0 0 0 0 0 13
2 0 0 0 0 0 2
4 0 0 0 0 0 4
9 0 0 0 0 0 9
111 0 0 0 0 0 111
2 0 0 0 0 0 2
0 0 0 0 0 0 0
12 0 0 0 0 0 12
6 1 0 0 0 0 7
0 0 0 0 0 0 0
0 0 0 0 0 0 0
0 0 0 0 0 0 0
9 0 0 0 0 0 9
7 0 0 0 0 0 7
142 1 0 0 0 0 143
710 3 0 0 5 0 718
31 0 0 0 0 0 31
""")

# Kewei: the PDF conversion split table 3 into pieces and detached many labels from their
# numbers; the values below were read off the text in row order and cross-checked with the
# prose (同意公开9, 不予公开2, 无法提供10, 其他处理14, 转下一年度1).
KEWEI_REQUESTS = _rows("""
32 2 0 0 0 0 34
2 0 0 0 0 0 2
9 0 0 0 0 0 9
0 0 0 0 0 0 0
0 0 0 0 0 0 0
0 0 0 0 0 0 0
0 0 0 0 0 0 0
0 0 0 0 0 0 0
1 0 0 0 0 0 1
1 0 0 0 0 0 1
0 0 0 0 0 0 0
0 0 0 0 0 0 0
4 0 0 0 0 0 4
6 0 0 0 0 0 6
0 0 0 0 0 0 0
0 0 0 0 0 0 0
0 0 0 0 0 0 0
0 0 0 0 0 0 0
0 0 0 0 0 0 0
0 0 0 0 0 0 0
8 2 0 0 0 0 10
0 0 0 0 0 0 0
4 0 0 0 0 0 4
33 2 0 0 0 0 35
1 0 0 0 0 0 _
""")


def test_shuyang_markdown_split_tables_with_wrong_headers() -> None:
    report = analyze_path(corpus_file("2025_shuyangxian.md")).report
    assert report.template_version == "2021"
    assert report.format_by_year == "2021" and report.format_by_labels == "2021"
    assert report.metadata.report_year == 2025
    assert report.metadata.issuer == "沐阳县人民政府"
    assert report.metadata.signature_body == "沐阳县人民政府"
    assert _table(report, SHUYANG_REQUESTS) == SHUYANG_REQUESTS
    review = [report.fact_map[f"review.{g}.{c}"].value for g, c in REVIEW]
    assert review == [27, 10, 9, 15, 61, 3, 0, 0, 0, 3, 8, 0, 1, 1, 10]
    assert report.fact_map["t20_8.fees.fee_amount"].value == Decimal("4068.208")
    assert report.fact_map["t20_5.licensing.decisions"].value == 517645
    assert [s.key for s in report.sections] == ["overview", "proactive", "requests", "review", "problems", "other"]


def test_kewei_pdf_text_with_detached_labels_and_a_blank_total() -> None:
    report = analyze_path(corpus_file("2024_shanghai_kewei.md")).report
    assert report.template_version == "2021"
    assert report.metadata.report_year == 2024
    assert report.metadata.issuer == "上海市科委"
    assert report.metadata.period_text == "统计周期为2024年1月1日至12月31日"
    assert _table(report, KEWEI_REQUESTS) == KEWEI_REQUESTS
    blank = report.fact_map["requests.carry_forward.total"]
    assert blank.kind == "empty" and blank.value is None and blank.position.line == 178
    # Rows whose labels the conversion lost are placed by order, and marked so.
    assert report.fact_map["requests.partial.natural"].by_order
    assert not report.fact_map["requests.deny_secret.natural"].by_order
    review = [report.fact_map[f"review.{g}.{c}"].value for g, c in REVIEW]
    assert review == [1, 0, 0, 0, 1] + [0] * 10
    facts = report.fact_map
    assert facts["t20_5.licensing.decisions"].value == 97
    assert facts["t20_1.normative.in_force"].value == 55
    assert report.metadata.signature_body is None  # the text has no signature block
