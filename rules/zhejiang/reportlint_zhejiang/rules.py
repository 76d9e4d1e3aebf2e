"""Python rules of the Zhejiang pack."""

from __future__ import annotations

from collections.abc import Iterator

from reportlint.issuers import analyze_issuer, deadline
from reportlint.model import Finding, Location, Report, Severity
from reportlint.rules import RuleContext, rule


@rule(
    "ZJ004",
    "local-deadline",
    summary="成文或发布日期晚于本地规定的年报公布期限",
    summary_en="Signed or published after the local deadline",
    severity=Severity.WARNING,
    references=("《条例》第四十九条", "本地政务公开工作通知"),
    options={"deadline": "01-31", "levels": ["township"]},
)
def local_deadline(report: Report, context: RuleContext) -> Iterator[Finding]:
    """地方可以规定比《条例》更早的年报公布期限（乡镇、街道的期限本就由地方规定）。本规则按选项
    ``deadline``（MM-DD，默认 01-31）检查 ``levels`` 所列层级（默认只有乡镇街道）的年报；只报告
    晚于本地期限、但未晚于全国期限的情形（后者由 D008 报告），因此两条规则不会重复。

    为什么重要：逾期发布会在本地政务公开考核中扣分。

    不通过的例子：选项 deadline = "01-20"，某镇 2022 年度年报成文日期“2023年1月25日”。
    通过的例子：成文日期“2023年1月18日”。

    配置：``[rules.ZJ004]`` 中设置 ``deadline = "01-20"``、``levels = ["township", "department"]``。
    """
    meta = report.metadata
    level = context.settings.get("issuer-level") or "auto"
    if level == "auto":
        issuer = analyze_issuer(meta, report.document)
        level = issuer.level if issuer else None
    if level not in context.options.get("levels", ["township"]) or meta.report_year is None:
        return
    local = deadline(level, meta.report_year, str(context.options.get("deadline", "01-31")))
    national = deadline(level, meta.report_year)
    for label, value in (("发布日期", meta.publication_date), ("成文日期", meta.signature_date)):
        if value is None or value.date is None:
            continue
        if local < value.date <= national:
            yield Finding(
                message=f"{label} {value.date.year}年{value.date.month}月{value.date.day}日晚于本地规定的期限 "
                f"{local.year}年{local.month}月{local.day}日",
                message_en=f"{label} {value.date} is after the local deadline {local}",
                location=Location(position=value.position),
                expected=f"不晚于{local.year}年{local.month}月{local.day}日",
                actual=value.raw,
            )
        return


ZHEJIANG_RULES = [local_deadline]
