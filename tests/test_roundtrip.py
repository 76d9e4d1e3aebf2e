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
