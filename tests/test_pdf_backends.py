"""PDFium reads PDFs an order of magnitude faster than pdfminer; the rows it rebuilds, and
so every fact, must be the same as pdfminer's, on the real reports and on generated ones."""

from __future__ import annotations

import pytest

from reportlint.api import analyze_bytes
from reportlint.loaders import pdf
from reportlint.loaders.registry import LoadLimits
from reportlint.testing.generate import random_report
from reportlint.testing.writers import write_pdf

from .conftest import corpus_file

pytest.importorskip("pypdfium2")


def _both(data: bytes) -> tuple[tuple[list[str], list[int]], tuple[list[str], list[int]]]:
    fast = pdf._pdfium_rows(data, LoadLimits())
    return (fast.lines, fast.pages), pdf._pdfminer_rows(data, LoadLimits())


@pytest.mark.parametrize("name", ["2023_hongzequ.pdf", "2024_hongzequ.pdf"])
def test_the_corpus_pdfs_read_the_same_with_either_backend(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    data = corpus_file(name).read_bytes()
    pdfium_rows, pdfminer_rows = _both(data)
    assert pdfium_rows == pdfminer_rows  # every rebuilt line and its page
    fast = analyze_bytes(data, name)
    monkeypatch.setattr(pdf, "_pdfium_rows", lambda *_: (_ for _ in ()).throw(pdf._UsePdfminer()))
    slow = analyze_bytes(data, name)
    assert fast.report is not None and slow.report is not None
    assert fast.report.facts == slow.report.facts and fast.diagnostics == slow.diagnostics


@pytest.mark.parametrize("seed", range(6))
def test_generated_pdfs_read_the_same_with_either_backend(seed: int) -> None:
    assert _both(write_pdf(random_report(seed)))[0] == _both(write_pdf(random_report(seed)))[1]


def test_a_pdf_pdfium_cannot_open_falls_back_to_pdfminer_and_is_said_plainly() -> None:
    (diagnostic,) = analyze_bytes(b"%PDF-1.4\nnot really a pdf\n%%EOF\n", "broken.pdf").diagnostics
    assert diagnostic.code == "E001"
