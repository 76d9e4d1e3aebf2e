"""Hostile input (reportlint.testing.hostile) is refused with a diagnostic naming the limit,
or read without an escaping error. (Timings and memory are measured by bench/hostile.py;
tests only check the outcome.)"""

from __future__ import annotations

import pytest

from reportlint.api import analyze_bytes
from reportlint.config import Config
from reportlint.testing.hostile import BOUNDED, REFUSED, hostile_input


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_hostile_input_is_refused_with_a_diagnostic(name: str) -> None:
    hostile = hostile_input(name)
    analysis = analyze_bytes(hostile.data, hostile.name)
    assert analysis.report is None
    (diagnostic,) = analysis.diagnostics
    assert diagnostic.code == "E002", diagnostic.message
    assert "拒绝" in diagnostic.message or "上限" in diagnostic.message


@pytest.mark.parametrize("name", sorted(BOUNDED))
def test_hostile_input_is_read_without_an_escaping_error(name: str) -> None:
    """Read, not refused: no internal error, every output renders, messages stay one line.
    (Time and memory: bench/hostile.py.)"""
    from reportlint.formatters import FormatOptions
    from reportlint.formatters.text import FullFormatter
    from reportlint.model import FileResult

    hostile = hostile_input(name)
    analysis = analyze_bytes(hostile.data, hostile.name)
    assert all(d.code not in ("E004", "E008") for d in analysis.diagnostics), analysis.diagnostics
    assert all("\n" not in d.message and "\x1b" not in d.message for d in analysis.diagnostics)
    out = FullFormatter(FormatOptions()).file(FileResult(hostile.name, analysis.diagnostics, analysis.lines))
    assert "\x1b" not in out and len(out) < 200 * max(1, len(analysis.diagnostics)) * 4


def test_entity_content_never_leaks() -> None:
    for hostile in (hostile_input("external entity"), hostile_input("billion laughs")):
        data, name = hostile.data, hostile.name
        text = " ".join(d.message for d in analyze_bytes(data, name).diagnostics)
        assert "root:" not in text and "lollol" not in text


def test_huge_file_is_refused_before_parsing() -> None:
    config = Config(max_bytes=1024)
    (diagnostic,) = analyze_bytes(b"x" * 2048, "big.txt", config).diagnostics
    assert diagnostic.code == "E002" and "max-bytes" in diagnostic.message


def test_binary_junk_and_unknown_encodings_do_not_crash() -> None:
    import random

    rng = random.Random(5)
    junk = bytes(rng.randrange(256) for _ in range(5000))
    for name in ("junk.txt", "junk.html", "junk.xml", "junk.docx", "junk.md", "-"):
        analysis = analyze_bytes(junk, name)
        assert analysis.diagnostics or analysis.report is not None
    latin = "Ceci n'est pas un rapport: été, garçon.".encode("latin-1") * 20
    analysis = analyze_bytes(latin, "fr.txt")
    assert analysis.report is not None


def test_zip_limits_are_configurable() -> None:
    hostile = hostile_input("too many zip entries")
    data, name = hostile.data, hostile.name
    relaxed = Config(max_zip_entries=10_000)
    diagnostics = analyze_bytes(data, name, relaxed).diagnostics
    assert diagnostics and diagnostics[0].code == "E001"  # now read, and found not to be Word


@pytest.mark.parametrize(("width", "height", "says"), [(30000, 30000, "解压炸弹"), (10000, 9000, "超过上限")])
def test_a_picture_declaring_too_many_pixels_is_refused_before_it_is_decoded(width: int, height: int,
                                                                             says: str) -> None:
    from reportlint.loaders import ocr
    from reportlint.testing.hostile import png_bomb

    if not ocr.available():
        pytest.skip("pictures are read only with the ocr extra (without it: E003)")
    (diagnostic,) = analyze_bytes(png_bomb(width, height), "bomb.png").diagnostics
    assert diagnostic.code == "E002" and says in diagnostic.message
