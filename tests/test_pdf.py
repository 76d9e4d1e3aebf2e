"""The PDF loader: rows rebuilt from the page layout, pages, footers, bad PDFs."""

from __future__ import annotations

from decimal import Decimal

from reportlint.api import analyze_bytes, analyze_path
from reportlint.testing.generate import random_report
from reportlint.testing.writers import write_pdf

from .conftest import corpus_file


def test_generated_pdf_reads_back_with_pages_and_without_footers() -> None:
    data = random_report(4, "2021")
    analysis = analyze_bytes(write_pdf(data), "r.pdf")
    report = analysis.report
    assert report is not None and analysis.diagnostics == ()
    assert {f.key: f.value for f in report.facts} == data.values
    assert report.document.source.kind == "pdf"
    assert any(line == "- 1 -" for line in analysis.lines)  # in the extracted text …
    texts = [getattr(b, "text", "") for b in report.document.blocks]
    assert "- 1 -" not in texts  # … but not in the document
    pages = {f.position.page for f in report.facts}
    assert pages == {1, 2}  # the generated report runs over two pages
    # A label wrapped onto the next line still names its row.
    fact = report.fact("requests.other_overdue.total")
    assert fact is not None and fact.source_label.startswith("1.申请人无正当理由逾期不补正")


def test_pdf_without_text_and_broken_pdf_are_diagnostics() -> None:
    empty = write_pdf(random_report(1, "2021"))
    # Replace every text object by nothing: a PDF with pages but no text (like a scan).
    import re

    scanned = re.sub(rb"BT /F1 \d+ Tf [\d.]+ [\d.]+ Td <[0-9A-F]*> Tj ET", b"", empty)
    scanned = re.sub(rb"/Length \d+", lambda m: m.group(0), scanned)
    (diagnostic,) = analyze_bytes(scanned, "scan.pdf").diagnostics
    assert diagnostic.code == "E001"
    (diagnostic,) = analyze_bytes(b"%PDF-1.4\n this is not a pdf", "broken.pdf").diagnostics
    assert diagnostic.code == "E001"


def test_real_pdf_report_hongze_2024() -> None:
    analysis = analyze_path(corpus_file("2024_hongzequ.pdf"))
    report = analysis.report
    assert report is not None
    assert report.template_version == "2021"
    assert report.metadata.issuer == "淮安市洪泽区人民政府"
    assert report.metadata.report_year == 2024
    totals = {key: report.fact(f"requests.{key}.total").value for key in (
        "new", "carried", "public", "partial", "deny_safety", "deny_process", "deny_enforcement",
        "unable_none", "unable_create", "refuse_petition", "total", "carry_forward")}
    assert totals == {"new": 95, "carried": 0, "public": 50, "partial": 9, "deny_safety": 1, "deny_process": 1,
                      "deny_enforcement": 1, "unable_none": 31, "unable_create": 1, "refuse_petition": 1,
                      "total": 95, "carry_forward": 0}
    review = [report.fact(f"review.{g}.{c}").value for g in ("reconsideration", "direct", "after")
              for c in ("upheld", "corrected", "other", "pending", "total")]
    assert review == [1, 1, 0, 0, 2, 1, 0, 0, 0, 1, 2, 0, 1, 0, 3]
    assert report.fact("t20_5.licensing.decisions").value == Decimal(9487)
    codes = sorted(d.code for d in analysis.diagnostics)
    # The misspelt 2.其他法律行政止公开, the 2019-style single （六）其他处理 row (so the three
    # 2021 rows are missing), and no signature block in the text.
    # The 2019 row （六）其他处理 is said once by T011, naming the three 2021 rows it stands for.
    # The text's 「受理…申请 17 件」, a sentence wrapped over two lines, against 95 new requests.
    assert codes == ["M004", "T010", "T011", "X001"]


def test_real_pdf_reports_of_two_years_connect() -> None:
    from reportlint.config import Config

    previous = corpus_file("2023_hongzequ.pdf")
    analysis = analyze_path(corpus_file("2024_hongzequ.pdf"), Config(previous=str(previous)))
    assert analysis.report is not None
    # 2023 carried nothing forward and 2024 carried nothing over; 5 + 3 − 0 = 8 規范性文件 in force.
    assert not [d for d in analysis.diagnostics if d.code.startswith("Y")]
