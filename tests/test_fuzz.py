"""Fuzzing every loader: random and mutated inputs around generated reports never make an
exception escape, never end in an internal error (E008), and finish within a deadline.
FUZZ_EXAMPLES=2000 runs a longer campaign locally."""

from __future__ import annotations

from functools import cache

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reportlint.api import lint_bytes
from reportlint.testing.generate import random_report
from reportlint.testing.writers import write_docx, write_html, write_pdf, write_text, write_xml

FUZZ = settings(max_examples=int(__import__("os").environ.get("FUZZ_EXAMPLES", "40")), deadline=3000, suppress_health_check=[HealthCheck.too_slow,
                                                                      HealthCheck.data_too_large])


@cache
def _seeds() -> dict[str, bytes]:
    data = random_report(21, "2021")
    return {
        "r.txt": write_text(data, "webcopy").encode("utf-8"),
        "r.md": write_text(data, "markdown").encode("utf-8"),
        "r.csv": write_text(data, "tsv").replace("\t", ",").encode("utf-8"),
        "r.html": write_html(data, layout="official").encode("utf-8"),
        "r.xml": write_xml(data, keyed=True).encode("utf-8"),
        "r.docx": write_docx(data),
        "r.pdf": write_pdf(data),
    }


def _mutate(seed: bytes, edits: list[tuple[int, int, bytes]], cut: int | None) -> bytes:
    data = bytearray(seed)
    for position, length, insert in edits:
        at = position % (len(data) + 1)
        data[at : at + length] = insert
    return bytes(data[:cut] if cut is not None else data)


edits = st.lists(st.tuples(st.integers(0, 10**7), st.integers(0, 8), st.binary(max_size=12)), max_size=12)


def _check(data: bytes, name: str) -> None:
    diagnostics = lint_bytes(data, name)
    assert not [d for d in diagnostics if d.code == "E008"], [d.message for d in diagnostics if d.code == "E008"]


@FUZZ
@given(name=st.sampled_from(sorted(_seeds())), edit=edits, cut=st.none() | st.integers(0, 10**6))
def test_mutated_reports_never_break_a_loader(name: str, edit: list[tuple[int, int, bytes]], cut: int | None) -> None:
    _check(_mutate(_seeds()[name], edit, cut), name)


@FUZZ
@given(name=st.sampled_from(["r.txt", "r.md", "r.csv", "r.html", "r.xml", "r.docx", "r.pdf", "-"]),
       data=st.binary(max_size=4000))
def test_random_bytes_never_break_a_loader(name: str, data: bytes) -> None:
    _check(data, name)


@FUZZ
@given(name=st.sampled_from(["r.txt", "r.md", "r.html", "r.xml"]),
       pieces=st.lists(st.sampled_from(list("一、（）总计<>/\t|\n 0123456789.-+&;#\"'=") +
                                       ["<td>", "</td>", "<tr>", "<table>", 'colspan="9"', "\x00", "\x1b",
                                        "三、收到和处理政府信息公开申请情况", "（七）总计"]), max_size=300))
def test_report_like_text_never_breaks_a_loader(name: str, pieces: list[str]) -> None:
    _check("".join(pieces).encode("utf-8"), name)
