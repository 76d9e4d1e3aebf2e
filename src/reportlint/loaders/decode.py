"""Turning bytes into text without silent guessing.

Order (DESIGN.md): a byte-order mark, then a charset the document declares (HTML meta,
XML declaration), then detection with charset-normalizer. Every GBK-family label decodes
as gb18030, its superset, so that characters outside GB2312 are not lost.
"""

from __future__ import annotations

import codecs
import re

from reportlint.records import record

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
    (b"\x84\x31\x95\x33", "gb18030"),  # the GB18030 byte-order mark
)

_GB_FAMILY = {"gbk", "gb2312", "gb_2312", "gb_2312-80", "gb18030", "cp936", "ms936", "x-gbk",
              "euc-cn", "hz-gb-2312", "csgb2312", "chinese", "windows-936"}

_XML_DECL_RE = re.compile(rb"""^\s*<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9._\-]+)["']""")
_META_CHARSET_RE = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._\-]+)""", re.IGNORECASE
)


# Codecs that exist but are never a document's charset (they would turn markup into noise).
_NOT_DOCUMENT_CODECS = {"idna", "punycode", "raw_unicode_escape", "unicode_escape", "undefined"}


@record(slots=False)
class Decoded:
    """Decoded text, the codec used and how it was chosen."""

    text: str
    encoding: str
    source: str  # bom | declared | detected | default
    replaced: int = 0  # characters that could not be decoded and were replaced


def canonical_encoding(label: str) -> str | None:
    """Map an encoding label to a Python codec name (GBK family → gb18030), or None."""
    name = label.strip().lower()
    if name in _GB_FAMILY:
        return "gb18030"
    try:
        codec = codecs.lookup(name)
    except LookupError:
        return None
    # Only a codec that turns bytes into text, with the "replace" error handler, can read a
    # document: "base64", "rot13", "hex" are not text encodings, "idna" has no "replace".
    if not getattr(codec, "_is_text_encoding", True) or codec.name in _NOT_DOCUMENT_CODECS:
        return None
    try:
        b"abc".decode(codec.name, errors="replace")
    except (LookupError, UnicodeError, ValueError, TypeError):
        return None
    if codec.name in ("gbk", "gb2312", "cp936"):
        return "gb18030"
    return codec.name


def declared_encoding(data: bytes, kind: str) -> str | None:
    """The charset an HTML or XML document declares in its first 4 KiB."""
    head = data[:4096]
    match = _XML_DECL_RE.match(head)
    if match is None and kind in ("html", "xml"):
        match = _META_CHARSET_RE.search(head)
    if match is None:
        return None
    return canonical_encoding(match.group(1).decode("ascii", "replace"))


def _decode(data: bytes, encoding: str, source: str) -> Decoded:
    try:
        text = data.decode(encoding, errors="replace")
    except (LookupError, UnicodeError, ValueError, TypeError):
        # A codec that cannot decode with replacement: read as UTF-8 and say so by the count.
        text, encoding, source = data.decode("utf-8", errors="replace"), "utf-8", "default"
    return Decoded(text, encoding, source, text.count("\ufffd"))


def decode(data: bytes, kind: str = "txt") -> Decoded:
    """Decode ``data``: BOM, declared charset, UTF-8, then detection."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _decode(data, encoding, "bom")
    declared = declared_encoding(data, kind)
    if declared:
        return _decode(data, declared, "declared")
    try:
        return Decoded(data.decode("utf-8"), "utf-8", "detected")
    except UnicodeDecodeError:
        pass
    # Imported here: detection is only needed for non-UTF-8 input.
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000]).best()
    if best is not None and best.encoding:
        encoding = canonical_encoding(best.encoding) or best.encoding
        return _decode(data, encoding, "detected")
    return _decode(data, "utf-8", "default")
