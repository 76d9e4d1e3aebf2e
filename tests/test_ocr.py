"""Scanned reports read through OCR (the ``ocr`` extra), with the same recognizer and honesty.

Scans are made here from text PDFs: every page rendered at 150 dpi, turned by up to a
degree, blurred, grained, JPEG-compressed, the signature stamped with a red seal
(reportlink.testing.scan). What the scan reads is compared with what the text PDF reads.
"""

from __future__ import annotations

import io
import json
from functools import cache
from pathlib import Path

import pytest

from reportlint.api import Analysis, analyze_bytes
from reportlint.loaders import ocr
from reportlint.testing.generate import random_report
from reportlint.testing.writers import write_pdf

from .conftest import corpus_file

pytest.importorskip("pypdfium2")
PIL = pytest.importorskip("PIL")
scan = pytest.importorskip("reportlint.testing.scan")

needs_fonts = pytest.mark.skipif(not scan.renders_cjk(), reason="no CJK font to render the generated PDFs "
                                 "(Debian: apt-get install fonts-noto-cjk; .ci/run installs it)")
needs_ocr = pytest.mark.skipif(not ocr.available(), reason="the ocr extra is not installed: pip install 'reportlint[ocr]'")
pytestmark = [needs_fonts]

SEEDS = range(6)  # three 2021 and three 2019 reports


def _data(seed: int):  # type: ignore[no-untyped-def]
    return random_report(seed, "2021" if seed % 2 == 0 else "2019")


@cache
def _scan(seed: int, pages: tuple[int, ...] | None = None, mutate: str | None = None) -> tuple[bytes, bytes]:
    """(text PDF, scanned PDF) of generated report ``seed``; ``mutate`` adds 500 to one cell."""
    data = _data(seed)
    if mutate:
        data = data.with_value(mutate, data.values[mutate] + 500)
    text = write_pdf(data)
    return text, scan.scanned_pdf(text, seed=seed, seal_over=data.issuer, pages=pages)


@cache
def _analysed(seed: int, pages: tuple[int, ...] | None = None, mutate: str | None = None) -> tuple[Analysis, Analysis]:
    text, scanned = _scan(seed, pages, mutate)
    return analyze_bytes(text, "text.pdf"), analyze_bytes(scanned, "scan.pdf")


@needs_ocr
def test_generated_scans_read_as_their_text_originals() -> None:
    comparisons = [scan.compare(*_analysed(seed)) for seed in SEEDS]
    for seed, comparison in zip(SEEDS, comparisons):
        assert comparison.pages_ocr == 2, seed
        assert comparison.tables_missing == (), (seed, comparison.tables_missing)  # every statutory table
        assert comparison.extra_n == (), (seed, comparison.extra_n)  # no relation failure the original lacks
    cells = sum(c.cells for c in comparisons)
    right = sum(c.right for c in comparisons)
    assert cells > 1000 and right / cells >= 0.995, [c.wrong for c in comparisons]
    signatures_right = dates_right = 0
    for seed in SEEDS:
        original, scanned = _analysed(seed)
        meta = scanned.report.metadata
        assert meta.issuer == original.report.metadata.issuer
        assert [d.code for d in scanned.diagnostics if d.code == "O001"] == ["O001"]
        # Nothing is said against the author that the original does not earn: what the scan
        # adds is OCR's note, its doubts, or a finding marked as a possible misreading.
        said = {d.code for d in original.diagnostics}
        for d in scanned.diagnostics:
            if d.code not in said and not d.code.startswith("O"):
                assert d.severity.value == "info" and d.message.startswith("可能是识别错误："), (seed, d)
        if meta.signature_body == original.report.metadata.signature_body:
            signatures_right += 1
        else:  # a character lost under the seal: said, and said to be a possible misreading
            (mismatch,) = [d for d in scanned.diagnostics if d.code == "M001"]
            assert mismatch.severity.value == "info" and mismatch.message.startswith("可能是识别错误："), mismatch
        dates_right += meta.signature_date is not None and meta.signature_date.date == original.report.metadata.signature_date.date
    # The seal is pressed on the body's name and the date (measured: 5 and 6 of 6 read right).
    assert signatures_right >= len(SEEDS) - 1 and dates_right >= len(SEEDS) - 1


MUTATED = "requests.public.natural"


@needs_ocr
def test_the_one_changed_cell_is_blamed_on_the_scan_as_on_the_text() -> None:
    original, scanned = _analysed(2, mutate=MUTATED)
    blamed = [d for d in original.diagnostics if d.code.startswith("N") and d.location.fact_key == MUTATED]
    on_scan = [d for d in scanned.diagnostics if d.code.startswith("N")]
    assert blamed and [(d.code, d.location.fact_key) for d in on_scan] == [(d.code, d.location.fact_key) for d in blamed]
    assert on_scan[0].severity.value == "error" and "可能是识别错误" not in on_scan[0].message


@needs_ocr
def test_a_blamed_cell_read_with_low_confidence_is_a_possible_misreading(monkeypatch: pytest.MonkeyPatch) -> None:
    _, scanned_pdf = _scan(2, mutate=MUTATED)
    value = str(_data(2).values[MUTATED] + 500)
    real = ocr.read_image

    def unsure_of_the_changed_cell(image):  # type: ignore[no-untyped-def]
        return [ocr.TextBox(b.left, b.top, b.right, b.bottom, b.text, 0.55 if b.text == value else b.score, b.angle)
                for b in real(image)]

    monkeypatch.setattr(ocr, "read_image", unsure_of_the_changed_cell)
    analysis = analyze_bytes(scanned_pdf, "scan.pdf")
    (doubted,) = [d for d in analysis.diagnostics if d.location.fact_key == MUTATED]
    assert doubted.code.startswith("N") and doubted.severity.value == "info"
    assert doubted.message.startswith("可能是识别错误：") and "置信度 0.55" in doubted.message
    assert "第 1 页距左" in doubted.message and "毫米" in doubted.message  # the cell's place on the paper
    assert not [d for d in analysis.diagnostics if d.code == "O002" and d.location.position == doubted.location.position]
    assert analysis.report.metadata.issuer  # the rest read as before


@needs_ocr
@pytest.mark.parametrize("name", ["2023_hongzequ.pdf", "2024_hongzequ.pdf"])
def test_the_corpus_pdfs_rendered_to_scans_read_as_the_originals(name: str) -> None:
    """Each real PDF is printed with one cell of 表三 changed by hand, then scanned: everything
    else reads as the text PDF does, and the changed cell is the one blamed."""
    data = corpus_file(name).read_bytes()
    original = analyze_bytes(data, name)
    changed = original.report.fact(MUTATED)
    written = str(int(changed.raw) + 7)
    box = scan.cell_box(data, changed.position.page, "（一）予以公开", changed.raw.strip())
    scanned = analyze_bytes(scan.scanned_pdf(data, seed=1, seal_over=original.report.metadata.signature_body,
                                             edits=[(changed.position.page, box, written)]), name)
    comparison = scan.compare(original, scanned)
    assert comparison.tables_missing == ()
    assert comparison.wrong == ((MUTATED, changed.raw.strip(), written),)  # every other cell read right
    assert comparison.extra_n and {key for _, key in comparison.extra_n} == {MUTATED}  # blamed, and only it
    blamed = [d for d in scanned.diagnostics if d.location.fact_key == MUTATED]
    assert blamed[0].severity.value == "error" and not blamed[0].message.startswith("可能是识别错误")
    codes = sorted(d.code for d in scanned.diagnostics if d.code != "O001" and d.location.fact_key != MUTATED)
    assert codes == sorted(d.code for d in original.diagnostics)  # the same findings, no OCR noise


@needs_ocr
def test_a_mixed_pdf_reads_its_text_layer_and_ocrs_only_the_scanned_page() -> None:
    original, scanned = _analysed(3, pages=(2,))
    document = scanned.report.document
    assert document.ocr_pages == (2,) and {r.page for r in document.readings} == {2}
    assert scan.compare(original, scanned).accuracy == 1.0
    (note,) = [d for d in scanned.diagnostics if d.code == "O001"]
    assert note.message.startswith("第 2 页没有文字层，由文字识别读取") and note.severity.value == "info"
    from reportlint.show import report_to_dict, report_to_text

    shown = report_to_text(scanned)
    assert "文字识别　第 2 页没有文字层" in shown and "识别 " in shown
    facts = report_to_dict(scanned)["facts"]
    on_page_2 = [f for f in facts if f["position"] and f["position"]["page"] == 2]
    assert on_page_2 and all(f["ocr"] and 0 < f["ocr"]["score"] <= 1 and f["ocr"]["unit"] == "pt" for f in on_page_2)
    assert all(f["ocr"] is None for f in facts if f["position"] and f["position"]["page"] == 1)
    json.dumps(facts)  # the readings serialize


@needs_ocr
def test_photographed_pages_in_a_multi_page_tiff_are_read_page_by_page() -> None:
    """Pages photographed (keystoned, lit from one side, soft) and sealed, kept as one TIFF."""
    data = _data(1)
    rng = __import__("random").Random(3)
    sealed = scan.Degradation(max_rotation=0, blur=0, noise=0, jpeg_quality=95, seal=True)
    images = [scan.photograph(image, rng) for image in scan.page_images(write_pdf(data), sealed, 1, data.issuer)]
    buffer = io.BytesIO()
    images[0].save(buffer, "TIFF", save_all=True, append_images=images[1:], compression="tiff_deflate")
    analysis = analyze_bytes(buffer.getvalue(), "scan.tif")
    original = analyze_bytes(write_pdf(data), "text.pdf")
    assert analysis.report is not None
    comparison = scan.compare(original, analysis)
    assert comparison.accuracy >= 0.995 and comparison.tables_missing == () and comparison.extra_n == ()
    said = {d.code for d in original.diagnostics}
    for d in analysis.diagnostics:  # nothing against the author that is not marked as a possible misreading
        if d.code not in said and not d.code.startswith("O"):
            assert d.severity.value == "info" and d.message.startswith("可能是识别错误："), d
    assert analysis.report.document.ocr_pages == (1, 2)
    assert {r.unit for r in analysis.report.document.readings} == {"px"}
    (note,) = [d for d in analysis.diagnostics if d.code == "O001"]
    assert note.message.startswith("图片（共 2 页）由文字识别读取")


def test_without_the_extra_a_scan_says_how_to_install_it(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(ocr, "available", lambda: False)
    _, scanned = _scan(0)
    (diagnostic,) = analyze_bytes(scanned, "scan.pdf").diagnostics
    assert diagnostic.code == "E001" and "pip install 'reportlint[ocr]'" in diagnostic.message
    _, mixed = _scan(0, pages=(2,))
    analysis = analyze_bytes(mixed, "mixed.pdf")
    (unread,) = [d for d in analysis.diagnostics if d.code == "O003"]
    assert unread.severity.value == "warning" and "第 2 页没有文字层" in unread.message
    assert "reportlint[ocr]" in unread.message
    assert analysis.report is not None and analysis.report.facts  # page 1 is still checked
    picture = scan.png(scan.page_images(_scan(0)[0], scan.CLEAN)[0])
    (diagnostic,) = analyze_bytes(picture, "page.png").diagnostics
    assert diagnostic.code == "E003" and "pip install 'reportlint[ocr]'" in diagnostic.message


def test_seals_fade_and_a_red_title_stays() -> None:
    numpy = pytest.importorskip("numpy")
    pytest.importorskip("cv2")
    from PIL import Image, ImageDraw

    page = Image.new("RGB", (1200, 1700), "white")
    draw = ImageDraw.Draw(page)
    draw.rectangle((100, 60, 1100, 120), fill=(220, 30, 30))  # a red title band
    draw.rectangle((300, 1300, 500, 1330), fill=(0, 0, 0))  # black text under the seal
    page = scan._draw_seal(page, (400, 1315), 110, __import__("random").Random(1))
    cleaned = ocr.without_seals(numpy.asarray(page))
    assert (cleaned[90, 600] == numpy.asarray(page)[90, 600]).all()  # the title is untouched
    assert cleaned[1315, 310].max() < 60  # the text under the seal is still black
    ring = numpy.asarray(page)[1315 - 108, 400]
    assert ring[1] < 120 and cleaned[1315 - 108, 400].min() > 150  # the ring has turned pale


def test_skew_is_measured_from_long_lines_and_rows_straightened() -> None:
    import math

    angle = math.radians(1.0)
    boxes = []
    for row in range(5):
        y = 200 + 60 * row
        boxes.append(ocr.TextBox(100, y, 700, y + 30 + 600 * math.sin(angle), f"第{row}行的标签文字很长", 0.99, angle))
        boxes.append(ocr.TextBox(1000, y + 900 * math.sin(angle), 1040, y + 30 + 900 * math.sin(angle), "12", 0.99, angle))
    assert abs(ocr.skew(boxes) - angle) < 1e-9
    lines, readings = ocr.page_rows(boxes, 1.0, 1, "px", 1)
    assert lines == [f"第{row}行的标签文字很长 12" for row in range(5)]
    assert [r.column for r in readings[:2]] == [1, len("第0行的标签文字很长") + 2]


@needs_ocr
def test_a_cell_read_alone_leaves_the_engine_detecting_on_the_next_page() -> None:
    """The engine keeps the switches of its last call: a cell read without detection must not
    leave the next page read without it (every call passes every switch)."""
    numpy = pytest.importorskip("numpy")
    image = scan.page_images(_scan(0)[0], scan.CLEAN)[1]
    first = ocr.read_image(image)
    ocr._read_cell(numpy.asarray(image)[:, :, ::-1], 0, 0, 80, 40)
    assert len(ocr.read_image(image)) == len(first) > 20
