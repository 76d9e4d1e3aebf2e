"""Consistent synthetic reports for property tests and benchmarks.

``ReportData`` holds everything a writer needs; ``random_report`` makes one whose tables
satisfy every relation of its template (R1–R4, R9), so that a clean generated report must
get no numeric diagnostic and a single changed cell must be blamed exactly.
"""

from __future__ import annotations

import random
from dataclasses import field, replace
from decimal import Decimal

from reportlint.records import record
from reportlint.templates import Template, builtin_templates

ISSUERS = (
    "大岚镇人民政府",
    "余姚市交通运输局",
    "宁波市江北区人民政府",
    "浙江省生态环境厅",
    "沭阳县人民政府",
    "北京市朝阳区望京街道办事处",
)


@record(slots=False)
class ReportData:
    """A synthetic report: template version, year, issuer and fact values by key.

    A value of None is a blank cell.
    """

    version: str
    year: int
    issuer: str
    values: dict[str, Decimal | None] = field(default_factory=dict)
    signature_date: str = ""
    section_order: tuple[str, ...] = ("overview", "proactive", "requests", "review", "problems", "other")
    # A 2021 table written with 2019's single （六）其他处理 row instead of its three rows
    # (a common error, T011); text writers only.
    legacy_other_row: bool = False

    def with_value(self, key: str, value: Decimal | None) -> ReportData:
        values = dict(self.values)
        values[key] = value
        return replace(self, values=values)


def template_for(version: str) -> Template:
    """The built-in national template of ``version``."""
    return next(t for t in builtin_templates() if t.version == version)


def _requests(template: Template, rng: random.Random, scale: int) -> dict[str, Decimal]:
    table = template.table("requests")
    outcome_rows = [r.key for r in table.rows if r.key not in ("new", "carried", "total", "carry_forward")]
    values: dict[str, Decimal] = {}
    columns = [c.key for c in table.columns if c.key != "total"]
    for column in columns:
        # Most cells are zero in real reports; a few carry the weight.
        outcomes = {row: (rng.randint(0, scale) if rng.random() < 0.35 else 0) for row in outcome_rows}
        total = sum(outcomes.values())
        carry_forward = rng.randint(0, max(1, scale // 3)) if rng.random() < 0.4 else 0
        carried = rng.randint(0, total + carry_forward) if rng.random() < 0.4 else 0
        new = total + carry_forward - carried
        for row, value in outcomes.items():
            values[table.fact_key(row, column)] = Decimal(value)
        values[table.fact_key("total", column)] = Decimal(total)
        values[table.fact_key("carry_forward", column)] = Decimal(carry_forward)
        values[table.fact_key("carried", column)] = Decimal(carried)
        values[table.fact_key("new", column)] = Decimal(new)
    for spec_row in table.rows:
        values[table.fact_key(spec_row.key, "total")] = sum(
            (values[table.fact_key(spec_row.key, c)] for c in columns), Decimal(0)
        )
    return values


def _review(template: Template, rng: random.Random, scale: int) -> dict[str, Decimal]:
    table = template.table("review")
    values: dict[str, Decimal] = {}
    for row in table.rows:
        parts = [rng.randint(0, scale) if rng.random() < 0.4 else 0 for _ in range(4)]
        for column, value in zip(("upheld", "corrected", "other", "pending"), parts):
            values[table.fact_key(row.key, column)] = Decimal(value)
        values[table.fact_key(row.key, "total")] = Decimal(sum(parts))
    return values


def _proactive(template: Template, rng: random.Random, scale: int) -> dict[str, Decimal]:
    values: dict[str, Decimal] = {}
    for table in template.tables:
        if table.section != "proactive":
            continue
        for row in table.rows:
            for column in table.columns:
                key = table.fact_key(row.key, column.key)
                if column.type == "amount":
                    values[key] = Decimal(rng.randint(0, scale * 1000)) / Decimal(100)
                elif column.type == "signed":
                    values[key] = Decimal(rng.randint(-scale, scale))
                else:
                    values[key] = Decimal(rng.randint(0, scale * 3))
            if table.key == "t20_1" and template.version == "2019":
                new = values[table.fact_key(row.key, "new_public")]
                values[table.fact_key(row.key, "total_public")] = new + Decimal(rng.randint(0, scale))
            if {"previous", "change"} <= {c.key for c in table.columns}:
                previous = values[table.fact_key(row.key, "previous")]
                change = values[table.fact_key(row.key, "change")]
                if previous + change < 0:
                    values[table.fact_key(row.key, "change")] = -previous
    return values


def random_report(seed: int, version: str | None = None, scale: int = 30) -> ReportData:
    """A consistent report; ``seed`` makes it reproducible."""
    rng = random.Random(seed)
    version = version or rng.choice(("2019", "2021"))
    template = template_for(version)
    year = rng.choice((2019, 2020)) if version == "2019" else rng.randint(2021, 2025)
    values: dict[str, Decimal | None] = {}
    values.update(_proactive(template, rng, scale))
    values.update(_requests(template, rng, scale))
    values.update(_review(template, rng, scale))
    day = rng.randint(5, 28)
    return ReportData(version, year, rng.choice(ISSUERS), values, f"{year + 1}年1月{day}日")
