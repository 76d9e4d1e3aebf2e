"""Mutation properties: one change to a clean generated report fires the right rule, and a
numeric change is blamed on the changed cell."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reportlint.api import analyze_bytes
from reportlint.model import Diagnostic
from reportlint.testing.generate import ReportData, random_report, template_for
from reportlint.testing.writers import SHAPES, write_text

SETTINGS = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
RELATION_CODES = ("N001", "N002", "N003", "N004")


def _lint(data: ReportData, shape: str) -> list[Diagnostic]:
    name = "report.md" if shape == "markdown" else "report.txt"
    return list(analyze_bytes(write_text(data, shape).encode("utf-8"), name).diagnostics)


reports = st.builds(
    random_report,
    seed=st.integers(min_value=0, max_value=2**32),
    version=st.sampled_from(["2019", "2021"]),
)
shapes = st.sampled_from(sorted(SHAPES))


@SETTINGS
@given(data=reports, shape=shapes)
def test_a_clean_generated_report_gets_no_diagnostic_at_all(data: ReportData, shape: str) -> None:
    assert _lint(data, shape) == []


@SETTINGS
@given(data=reports, shape=shapes, pick=st.integers(min_value=0), delta=st.integers(min_value=1, max_value=40),
       down=st.booleans())
def test_one_changed_number_of_table_3_is_blamed_exactly(
    data: ReportData, shape: str, pick: int, delta: int, down: bool
) -> None:
    keys = sorted(k for k in data.values if k.startswith("requests."))
    key = keys[pick % len(keys)]
    old = data.values[key]
    assert old is not None
    new = old - delta if down and old >= delta else old + delta
    diagnostics = _lint(data.with_value(key, new), shape)
    numeric = [d for d in diagnostics if d.code in RELATION_CODES]
    # One cause, one diagnostic: the one changed cell is named once, with its old value.
    (finding,) = numeric
    assert finding.location.fact_key == key
    assert finding.expected == str(old) and finding.actual == str(new)
    # Every cell sits in its row's R2 (N002) and in its column's R1 (N001: rows 一, 二,
    # （七）总计, 四) and/or R3 (N003: the outcome rows and （七）总计): the diagnostic carries
    # the first code and spells out every failing relation.
    row = key.split(".")[1]
    expected_codes = {"N002"}
    if row in ("new", "carried", "carry_forward", "total"):
        expected_codes.add("N001")
    if row not in ("new", "carried", "carry_forward"):
        expected_codes.add("N003")
    assert finding.code == min(expected_codes)
    summaries = {code: spec.summary for spec in template_for(data.version).relations for code in [spec.code]}
    for code in expected_codes:
        assert summaries[code] in finding.message
    assert [d for d in diagnostics if d.code not in RELATION_CODES] == []


@SETTINGS
@given(data=reports, shape=shapes, group=st.sampled_from(["reconsideration", "direct", "after"]),
       column=st.sampled_from(["upheld", "corrected", "other", "pending", "total"]),
       delta=st.integers(min_value=1, max_value=40))
def test_one_changed_number_of_table_4_fires_its_group(
    data: ReportData, shape: str, group: str, column: str, delta: int
) -> None:
    key = f"review.{group}.{column}"
    old = data.values[key]
    assert old is not None
    diagnostics = _lint(data.with_value(key, old + delta), shape)
    (finding,) = [d for d in diagnostics if d.code.startswith("N")]
    assert finding.code == "N004"
    # Each cell of table 4 sits in one relation only, so a changed part cannot be told from
    # its neighbours: the group's total is blamed, and the message says it is uncertain.
    assert finding.location.fact_key == f"review.{group}.total"
    if column == "total":
        assert finding.expected == str(old)
    else:
        assert "无法确定" in finding.message


@SETTINGS
@given(data=reports, shape=shapes)
def test_a_padded_signature_date_fires_the_date_rule(data: ReportData, shape: str) -> None:
    year = data.year + 1
    padded = replace(data, signature_date=f"{year}年01月08日")
    codes = [d.code for d in _lint(padded, shape)]
    assert codes == ["D001"]


@SETTINGS
@given(data=reports, shape=shapes, index=st.integers(min_value=0, max_value=4))
def test_moving_a_section_fires_the_order_rule(data: ReportData, shape: str, index: int) -> None:
    order = list(data.section_order)
    order[index], order[index + 1] = order[index + 1], order[index]
    codes = {d.code for d in _lint(replace(data, section_order=tuple(order)), shape)}
    assert "S002" in codes
    assert not {c for c in codes if c.startswith(("N", "T"))}


@SETTINGS
@given(data=reports, shape=shapes, index=st.integers(min_value=0, max_value=5))
def test_removing_a_section_fires_the_missing_section_rule(data: ReportData, shape: str, index: int) -> None:
    order = list(data.section_order)
    removed = order.pop(index)
    diagnostics = _lint(replace(data, section_order=tuple(order)), shape)
    missing = [d for d in diagnostics if d.code == "S001"]
    title = {s.key: s.title for s in template_for(data.version).sections}[removed]
    assert len(missing) == 1 and title in missing[0].message


def test_decimal_amounts_do_not_drift() -> None:
    data = random_report(3, "2021").with_value("t20_8.fees.fee_amount", Decimal("7730.28"))
    report = analyze_bytes(write_text(data, "markdown").encode(), "r.md").report
    assert report is not None and report.fact_map["t20_8.fees.fee_amount"].value == Decimal("7730.28")
