"""Decoding: BOM, declared charset, detection; GBK-family labels decode as gb18030."""

from __future__ import annotations

import codecs

import pytest

from reportlint.api import analyze_bytes
from reportlint.loaders.decode import canonical_encoding, decode

from .conftest import SEED


def _facts(data: bytes, name: str = "seed.txt") -> dict[str, object]:
    report = analyze_bytes(data, name).report
    assert report is not None
    return {f.key: (f.value, f.position) for f in report.facts}


def test_seed_in_gbk_with_and_without_bom_gives_the_same_facts() -> None:
    text = SEED.read_text(encoding="utf-8")
    reference = _facts(text.encode("utf-8"))
    assert len(reference) == 198
    # GBK has no NO-BREAK SPACE (the seed has a few on blank lines); a GBK page would
    # carry a plain space there.
    gbk = text.replace("\u00a0", " ").encode("gbk")
    assert _facts(gbk) == reference
    assert _facts(text.encode("gb18030")) == reference
    assert _facts(codecs.BOM_UTF8 + text.encode("utf-8")) == reference
    assert _facts(b"\x84\x31\x95\x33" + text.encode("gb18030")) == reference
    assert _facts(codecs.BOM_UTF16_LE + text.encode("utf-16-le")) == reference


def test_encoding_is_recorded() -> None:
    text = SEED.read_text(encoding="utf-8")
    report = analyze_bytes(text.replace("\u00a0", " ").encode("gbk"), "seed.txt").report
    assert report is not None
    assert report.document.source.encoding == "gb18030"
    assert report.document.source.encoding_source == "detected"
    report = analyze_bytes(codecs.BOM_UTF8 + text.encode("utf-8"), "seed.txt").report
    assert report is not None and report.document.source.encoding_source == "bom"


@pytest.mark.parametrize("label", ["GBK", "gb2312", "GB_2312-80", "cp936", "x-gbk", "GB18030"])
def test_gbk_family_labels_map_to_gb18030(label: str) -> None:
    assert canonical_encoding(label) == "gb18030"


def test_declared_charset_wins_over_detection() -> None:
    html = '<html><head><meta charset="gbk"></head><body>政府信息公开</body></html>'.encode("gbk")
    decoded = decode(html, "html")
    assert decoded.encoding == "gb18030" and decoded.source == "declared"
    assert "政府信息公开" in decoded.text


def test_characters_outside_gb2312_survive() -> None:
    # 镕 is in GBK/GB18030 but not GB2312: a "gb2312" page must still decode it.
    page = '<meta charset="gb2312"><p>朱镕基</p>'.encode("gb18030")
    assert "朱镕基" in decode(page, "html").text
