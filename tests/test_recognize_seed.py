"""The seed report is recognized completely: metadata, sections and every table value."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from reportlint.api import analyze_path
from reportlint.templates import builtin_templates

from .conftest import SEED


def _analysis():
    analysis = analyze_path(SEED)
    assert analysis.report is not None
    return analysis


def test_metadata() -> None:
    report = _analysis().report
    meta = report.metadata
    assert report.template_version == "2019"
    assert (report.format_by_year, report.format_by_labels) == ("2019", "2019")
    assert meta.title == "大岚镇人民政府2020年政府信息公开工作年度报告"
    assert meta.issuer == "大岚镇人民政府"
    assert meta.report_year == 2020
    assert meta.period_start.date == dt.date(2020, 1, 1)
    assert meta.period_end.date == dt.date(2020, 12, 31)
    assert meta.period_position.line == 2
    assert meta.signature_body == "大岚镇镇人民政府"
    assert meta.signature_body_position.line == 461
    assert meta.signature_date.date == dt.date(2021, 1, 22)
    assert meta.signature_date.raw == "2021年1月22日"
    assert meta.signature_date.position.line == 462


def test_all_seven_sections_with_their_titles() -> None:
    report = _analysis().report
    got = [(s.position.line, s.heading, s.key) for s in report.sections]
    assert got == [
        (3, "一、总体情况", "overview"),
        (7, "二、政府信息主动公开形式及情况", "proactive"),
        (82, "三、公开平台建设和信息发布情况", None),
        (142, "四、收到和处理政府信息公开申请情况", "requests"),
        (405, "五、政府信息公开行政复议、行政诉讼情况", "review"),
        (451, "六、政府信息公开工作存在的主要问题及改进措施", "problems"),
        (458, "七、其他需要报告的事项", "other"),
    ]


def test_every_statutory_value_with_its_line() -> None:
    analysis = _analysis()
    report = analysis.report
    template = next(t for t in builtin_templates() if t.version == "2019")
    expected_keys = [
        table.fact_key(row.key, column.key)
        for table in template.tables
        for row in table.rows
        for column in table.columns
    ]
    assert [f.key for f in report.facts] == expected_keys
    requests = [f for f in report.facts if f.table == "requests"]
    assert len(requests) == 23 * 7
    assert len([f for f in report.facts if f.table == "review"]) == 15
    for fact in report.facts:
        # Each fact points at the very line holding its text.
        line = analysis.lines[fact.position.line - 1]
        assert line.strip() == fact.raw.strip(), (fact.key, fact.position.line)
        assert not fact.by_order
    values = report.fact_map
    assert values["t20_5.licensing.previous"].value == 9
    assert values["t20_5.other_services.previous"].value == 195
    assert values["t20_9.procurement.projects"].value == 8
    assert values["t20_9.procurement.amount"].value == Decimal("72235.00")
    assert values["requests.new.natural"].position.line == 161
    assert values["requests.total.natural"].position.line == 386
    assert values["requests.carry_forward.total"].position.line == 401
    assert values["review.reconsideration.upheld"].position.line == 434
    assert values["review.after.total"].position.line == 448
    assert all(f.value == 0 for f in requests)
    assert not report.unrecognized
