"""Property: a consistent report written in any text shape loads back to the same facts."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reportlint.api import analyze_bytes
from reportlint.testing.generate import random_report
from reportlint.testing.writers import SHAPES, write_text


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    seed=st.integers(min_value=0, max_value=2**32),
    version=st.sampled_from(["2019", "2021"]),
    shape=st.sampled_from(sorted(SHAPES)),
)
def test_text_shapes_round_trip(seed: int, version: str, shape: str) -> None:
    data = random_report(seed, version)
    name = "report.md" if shape == "markdown" else "report.txt"
    analysis = analyze_bytes(write_text(data, shape).encode("utf-8"), name)
    report = analysis.report
    assert report is not None
    assert report.template_version == version
    assert {f.key: f.value for f in report.facts} == data.values
    assert report.metadata.report_year == data.year
    assert report.metadata.issuer == data.issuer == report.metadata.signature_body
    assert not report.unrecognized
    # A consistent report has no numeric diagnostic in any shape.
    assert [d.code for d in analysis.diagnostics if d.code.startswith("N")] == []


def _all_formats(data) -> dict[str, tuple[bytes, str]]:  # type: ignore[no-untyped-def]
    from reportlint.testing.writers import write_docx, write_html, write_pdf, write_xml

    out = {shape: (write_text(data, shape).encode("utf-8"), "r.md" if shape == "markdown" else "r.txt")
           for shape in SHAPES}
    out["html-utf8"] = (write_html(data).encode("utf-8"), "r.html")
    out["html-gbk"] = (write_html(data, "gbk").encode("gbk"), "r.htm")
    out["html-official"] = (write_html(data, layout="official").encode("utf-8"), "r.html")
    out["html-word"] = (write_html(data, layout="word").encode("utf-8"), "r.html")
    out["xml"] = (write_xml(data).encode("utf-8"), "r.xml")
    out["xml-keyed"] = (write_xml(data, keyed=True).encode("utf-8"), "r.xml")
    out["docx"] = (write_docx(data), "r.docx")
    out["docx-official"] = (write_docx(data, layout="official"), "r.docx")
    out["pdf"] = (write_pdf(data), "r.pdf")
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for line in write_text(data, "tsv").splitlines():
        writer.writerow(line.split("\t"))
    out["csv"] = (buffer.getvalue().encode("utf-8"), "r.csv")
    return out


# A report, and which cell of it to change by how much.
ONE_CHANGED_CELL = {
    "seed": st.integers(min_value=0, max_value=2**32),
    "version": st.sampled_from(["2019", "2021"]),
    "pick": st.integers(min_value=0),
    "delta": st.integers(min_value=1, max_value=30),
}


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(**ONE_CHANGED_CELL)
def test_every_format_gives_the_same_facts_and_the_same_diagnostics(
    seed: int, version: str, pick: int, delta: int
) -> None:
    data = random_report(seed, version)
    for fmt, (payload, name) in _all_formats(data).items():
        analysis = analyze_bytes(payload, name)
        assert analysis.report is not None, fmt
        assert {f.key: f.value for f in analysis.report.facts} == data.values, fmt
        assert analysis.diagnostics == (), (fmt, analysis.diagnostics)
    keys = sorted(k for k in data.values if k.startswith("requests."))
    key = keys[pick % len(keys)]
    changed = data.with_value(key, data.values[key] + delta)
    seen = {}
    for fmt, (payload, name) in _all_formats(changed).items():
        diagnostics = analyze_bytes(payload, name).diagnostics
        seen[fmt] = sorted((d.code, d.location.fact_key, d.message) for d in diagnostics)
    first = next(iter(seen.values()))
    assert first and all(value == first for value in seen.values()), seen


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    seed=st.integers(min_value=0, max_value=2**32),
    row=st.sampled_from(["t20_5.licensing", "t20_5.other_services", "t20_6.penalty", "t20_6.coercion",
                         "t20_8.fees"]),
    delta=st.integers(min_value=1, max_value=30),
)
def test_a_changed_cell_of_table_2_is_blamed_in_every_layout(seed: int, row: str, delta: int) -> None:
    """表二 drawn as the template prints it (single values spanning columns, one caption row
    per item) is read cell for cell: a 本年增/减 that takes an item below zero is blamed on
    that cell in every layout."""
    data = random_report(seed, "2019")
    previous = data.values[f"{row}.previous"]
    assert previous is not None
    changed = data.with_value(f"{row}.change", -(previous + delta))
    for fmt, (payload, name) in _all_formats(changed).items():
        diagnostics = analyze_bytes(payload, name).diagnostics
        assert [(d.code, d.location.fact_key) for d in diagnostics] == [("N010", f"{row}.change")], fmt


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    seed=st.integers(min_value=0, max_value=2**32),
    shape=st.sampled_from(sorted(SHAPES)),
    column=st.sampled_from(["natural", "commercial", "research", "charity", "legal", "other"]),
    delta=st.integers(min_value=1, max_value=30),
)
def test_the_2019_other_row_in_a_2021_table_is_read_and_checked(
    seed: int, shape: str, column: str, delta: int
) -> None:
    """2019's single （六）其他处理 row in a 2021 table: one T011, its values under the 2019
    keys, and the relations checked through it, so a wrong cell in it is still blamed."""
    from dataclasses import replace

    data = replace(random_report(seed, "2021"), legacy_other_row=True)
    name = "report.md" if shape == "markdown" else "report.txt"
    analysis = analyze_bytes(write_text(data, shape).encode("utf-8"), name)
    assert [d.code for d in analysis.diagnostics] == ["T011"]
    assert analysis.report is not None
    facts = {f.key: f for f in analysis.report.facts}
    parts = ("other_overdue", "other_fee", "other_other")
    expected = sum(data.values[f"requests.{row}.{column}"] or 0 for row in parts)
    assert facts[f"requests.other.{column}"].value == expected
    assert facts[f"requests.other.{column}"].other_format == "2019"
    assert not any(f"requests.{row}.{column}" in facts for row in parts)
    # Raise one of the three rows the old row stands for: its sum, the old cell, is blamed.
    key = f"requests.other_overdue.{column}"
    changed = data.with_value(key, (data.values[key] or 0) + delta)
    diagnostics = analyze_bytes(write_text(changed, shape).encode("utf-8"), name).diagnostics
    numeric = [d for d in diagnostics if d.code.startswith("N")]
    assert [(d.code, d.location.fact_key) for d in numeric] == [("N002", f"requests.other.{column}")]


def _blank_zero_parts(data):  # type: ignore[no-untyped-def]
    """The report as real pages often fill it: every 0 outside a 总计 row or column blank."""
    from dataclasses import replace

    values = {k: (None if v == 0 and k.startswith("requests.") and ".total" not in k else v)
              for k, v in data.values.items()}
    return replace(data, values=values)


# Text taken from a PDF keeps no trace of a blank cell; the PDF writer prints "-" for one.
LOSES_BLANKS = ("pdftext", "pdfwrap", "pdfwrap-middle", "pdfwrap-last")


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(**ONE_CHANGED_CELL)
def test_blank_zeros_are_said_once_and_a_changed_cell_is_still_blamed(
    seed: int, version: str, pick: int, delta: int
) -> None:
    """Blank part cells count as 0: T009 lists them once (info) in every layout that keeps
    them, no N-code fires on a balanced table, and one changed cell is still blamed exactly.
    Where the blanks left no trace (PDF text), the table is said once to be unreadable."""
    data = _blank_zero_parts(random_report(seed, version))
    keys = sorted(k for k, v in data.values.items() if k.startswith("requests.") and v)
    key = keys[pick % len(keys)]
    changed = data.with_value(key, (data.values[key] or 0) + delta)
    changed_formats = _all_formats(changed)
    for fmt, (payload, name) in _all_formats(data).items():
        diagnostics = analyze_bytes(payload, name).diagnostics
        codes = [(d.code, d.severity.value) for d in diagnostics]
        numeric = [d for d in analyze_bytes(*changed_formats[fmt]).diagnostics if d.code.startswith("N")]
        if fmt == "pdf":
            assert codes == [], (fmt, diagnostics)
        elif fmt in LOSES_BLANKS:
            assert len(codes) <= 1 and all(code == "T003" for code, _ in codes), (fmt, diagnostics)
            # Only the rows read whole are checked: the change shows in its row (or column).
            _, row, column = key.split(".")
            assert all(set((d.location.fact_key or "").split(".")[1:]) & {row, column} for d in numeric), numeric
            continue
        else:
            assert codes == [("T009", "info")], (fmt, diagnostics)
        assert [d.location.fact_key for d in numeric] == [key], (fmt, numeric)
