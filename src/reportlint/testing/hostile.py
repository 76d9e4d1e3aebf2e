"""A catalogue of hostile inputs, one small generated reproducer per class of attack.

Each input is either *refused* — a named limit must stop it with E002 — or *bounded* — it
may be read, but in bounded time and memory and without an escaping exception. The tests
(tests/test_hostile_input.py) check the outcome; ``bench/hostile.py`` runs every input in
a fresh process and prints its time and peak memory against the targets.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from collections.abc import Callable
from decimal import Decimal

from reportlint.loaders.registry import LoadLimits
from reportlint.records import record

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<report xmlns="urn:reportlint:report:1"><body><paragraph>&lol9;</paragraph></body></report>"""

QUADRATIC = (b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "' + b"x" * 100_000 + b'">]>'
             b'<report xmlns="urn:reportlint:report:1"><body><paragraph>' + b"&a;" * 10_000
             + b"</paragraph></body></report>")

EXTERNAL = b"""<?xml version="1.0"?>
<!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<report xmlns="urn:reportlint:report:1"><body><paragraph>&xxe;</paragraph></body></report>"""

_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


@record(slots=False)
class Hostile:
    """One hostile input: its bytes, its file name, and whether a limit must refuse it."""

    data: bytes
    name: str
    refused: bool
    what: str


def _docx(document: str, numbering: str = "") -> bytes:
    from reportlint.testing.writers import _CONTENT_TYPES, _RELS

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("_rels/.rels", _RELS)
        archive.writestr("word/document.xml", document)
        if numbering:
            archive.writestr("word/numbering.xml", numbering)
    return buffer.getvalue()


def _pdf_bomb(inflated: int) -> bytes:
    """A one-page PDF whose content stream inflates to ``inflated`` bytes."""
    content = b"BT /F1 12 Tf 50 800 Td (hello) Tj ET\n" + b" " * inflated
    packed = zlib.compress(content, 9)
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> "
               b"/Contents 4 0 R >>",
               b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(packed) + packed + b"\nendstream",
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    out = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return out


def png_bomb(width: int, height: int) -> bytes:
    """A tiny PNG that declares ``width`` × ``height`` pixels (one bit each, all zero)."""
    import struct

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    rows = (b"\x00" + b"\x00" * ((width + 7) // 8)) * height
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows, 9)) + chunk(b"IEND", b""))


def _example() -> str:
    from reportlint.testing.generate import random_report
    from reportlint.testing.writers import write_text

    return write_text(random_report(11, "2021"), "webcopy")


def _zip(entries: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _span_page() -> bytes:
    span = '<td rowspan="100" colspan="100">x</td>' * 6
    return ("<html><body>" + ("<table>" + f"<tr>{span}</tr>" * 60 + "</table>") * 40 + "</body></html>").encode()


def _span_xml() -> bytes:
    rows = ('<row>' + '<cell rowspan="100" colspan="100">x</cell>' * 6 + '</row>') * 60
    return ('<report xmlns="urn:reportlint:report:1"><body>' + f"<table>{rows}</table>" * 40
            + "</body></report>").encode()


def _span_docx() -> bytes:
    rows = ("<w:tr>" + '<w:tc><w:tcPr><w:gridSpan w:val="100"/></w:tcPr><w:p/></w:tc>' * 6 + "</w:tr>") * 3000
    return _docx(f"<w:document {_W}><w:body><w:tbl>{rows}</w:tbl></w:body></w:document>")


def _roman_docx() -> bytes:
    numbering = (f'<w:numbering {_W}><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0">'
                 '<w:start w:val="2000000000"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1."/></w:lvl>'
                 '</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>')
    paragraphs = "".join('<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr>'
                         f'<w:r><w:t>条目{i}</w:t></w:r></w:p>' for i in range(200))
    return _docx(f"<w:document {_W}><w:body>{paragraphs}</w:body></w:document>", numbering)


def _one_line(size: int) -> bytes:
    from reportlint.testing.generate import random_report
    from reportlint.testing.writers import write_crawled

    header, body = write_crawled(random_report(13, "2021")).split("====\n", 1)
    return (header + "====\n" + (body.strip() * (size // len(body.encode()) + 1))).encode()[:size]


def _digits(count: int) -> bytes:
    from reportlint.testing.generate import random_report
    from reportlint.testing.writers import write_text

    data = random_report(5, "2021").with_value("requests.new.natural", Decimal("9" * count))
    return write_text(data, "markdown").encode()


REFUSED: dict[str, Callable[[], Hostile]] = {  # a named limit must stop each
    "billion laughs": lambda: Hostile(BILLION_LAUGHS, "bomb.xml", True, "XML entity expansion"),
    "quadratic blowup": lambda: Hostile(QUADRATIC, "quad.xml", True, "one large entity repeated"),
    "external entity": lambda: Hostile(EXTERNAL, "xxe.xml", True, "XXE"),
    "entities in a docx part": lambda: Hostile(_zip({"word/document.xml": BILLION_LAUGHS}, zipfile.ZIP_STORED),
                                               "bomb.docx", True, "entities inside Word"),
    "zip bomb": lambda: Hostile(_zip({"word/document.xml": b"<w:document>" + b"\x20" * (30 * 1024 * 1024)}),
                                "zipbomb.docx", True, "max-zip-bytes / max-zip-ratio"),
    "too many zip entries": lambda: Hostile(
        _zip({f"part{i}.xml": b"" for i in range(LoadLimits().max_zip_entries + 1)}, zipfile.ZIP_STORED),
        "many.docx", True, "max-zip-entries"),
    "html span grid": lambda: Hostile(_span_page(), "span.html", True, "max-grid-cells"),
    "xml span grid": lambda: Hostile(_span_xml(), "span.xml", True, "max-grid-cells"),
    "docx gridSpan": lambda: Hostile(_span_docx(), "span.docx", True, "max-grid-cells"),
    "pdf inflate bomb": lambda: Hostile(_pdf_bomb(200 * 1024 * 1024), "bomb.pdf", True, "max-inflated-bytes"),
    "huge file": lambda: Hostile(b"x" * (LoadLimits().max_bytes + 1), "huge.txt", True, "max-bytes"),
}
BOUNDED: dict[str, Callable[[], Hostile]] = {  # read, in bounded time and memory
    "tab-wrapped line": lambda: Hostile(b"\tx\t\n", "tab.txt", False, "a line that starts and ends with a tab"),
    "example with trailing tab": lambda: Hostile((_example() + "\t").encode(), "tab2.txt", False, "trailing tab"),
    "web-copy tab cell": lambda: Hostile("\t复议后起诉\t\n".encode() * 2000, "tab3.txt", False, "\\t复议后起诉\\t"),
    "docx numbering at 2e9": lambda: Hostile(_roman_docx(), "roman.docx", False, "Roman numbering from 2,000,000,000"),
    "40-digit cell": lambda: Hostile(_digits(40), "digits.md", False, "a 40-digit number"),
    "5000-digit cell": lambda: Hostile(_digits(5000), "digits2.md", False, "a 5000-digit number"),
    "84 KB one-line body": lambda: Hostile(_one_line(84_000), "oneline.txt", False,
                                           "a crawler's body without line breaks, its report repeated"),
    "charset rot13": lambda: Hostile('<meta charset="rot13"><p>一、总体情况</p>'.encode(), "rot13.html", False,
                                     "a declared charset that is no text encoding"),
    "control characters": lambda: Hostile(("一、总体情况\x1b[31m\n::error::x\r\n\x01" * 500).encode(), "ctl.txt",
                                          False, "ANSI escapes, controls and workflow commands in text"),
}
CATALOGUE: dict[str, Callable[[], Hostile]] = {**REFUSED, **BOUNDED}


def hostile_input(name: str) -> Hostile:
    """One input of the catalogue, built on demand (some are large)."""
    return CATALOGUE[name]()


def hostile_inputs() -> dict[str, Hostile]:
    """Every input of the catalogue."""
    return {name: build() for name, build in CATALOGUE.items()}
