"""Hostile input is refused quickly with a diagnostic: entity bombs, external entities,
zip bombs, huge and binary files. (Timings and memory are measured by bench/hostile.py;
tests only check the refusal.)"""

from __future__ import annotations

import io
import zipfile

import pytest

from reportlint.api import analyze_bytes
from reportlint.config import Config
from reportlint.loaders.registry import LoadLimits

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


def hostile_inputs() -> dict[str, tuple[bytes, str]]:
    """Name → (bytes, file name) for every kind of hostile input (shared with bench/)."""
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"<w:document>" + b"\x20" * (30 * 1024 * 1024))
    many = io.BytesIO()
    with zipfile.ZipFile(many, "w") as archive:
        for i in range(LoadLimits().max_zip_entries + 1):
            archive.writestr(f"part{i}.xml", b"")
    docx_entities = io.BytesIO()
    with zipfile.ZipFile(docx_entities, "w") as archive:
        archive.writestr("word/document.xml", BILLION_LAUGHS)
    return {
        "billion laughs": (BILLION_LAUGHS, "bomb.xml"),
        "quadratic blowup": (QUADRATIC, "quad.xml"),
        "external entity": (EXTERNAL, "xxe.xml"),
        "entities in a docx part": (docx_entities.getvalue(), "bomb.docx"),
        "zip bomb": (bomb.getvalue(), "zipbomb.docx"),
        "too many zip entries": (many.getvalue(), "many.docx"),
    }


@pytest.mark.parametrize("name", sorted(hostile_inputs()))
def test_hostile_input_is_refused_with_a_diagnostic(name: str) -> None:
    data, file_name = hostile_inputs()[name]
    analysis = analyze_bytes(data, file_name)
    assert analysis.report is None
    (diagnostic,) = analysis.diagnostics
    assert diagnostic.code == "E002", diagnostic.message
    assert "拒绝" in diagnostic.message


def test_entity_content_never_leaks() -> None:
    for data, name in (hostile_inputs()["external entity"], hostile_inputs()["billion laughs"]):
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
    data, name = hostile_inputs()["too many zip entries"]
    relaxed = Config(max_zip_entries=10_000)
    diagnostics = analyze_bytes(data, name, relaxed).diagnostics
    assert diagnostics and diagnostics[0].code == "E001"  # now read, and found not to be Word
