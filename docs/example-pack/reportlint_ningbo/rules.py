"""A rule in Python, with an option: the share of requests refused."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from reportlint import Finding, Location, Report, RuleContext, rule

REFUSED_ROWS = ("deny_secret", "deny_law", "deny_safety", "deny_third_party", "deny_internal",
                "deny_process", "deny_enforcement", "deny_query")


@rule(
    "NB001",
    "refusal-share",
    summary="不予公开的申请占比过高",
    summary_en="Too large a share of requests was refused",
    severity="info",
    references=("宁波市政务公开工作要点",),
    options={"max-share": 0.3},
)
def refusal_share(report: Report, context: RuleContext) -> Iterator[Finding]:
    """“（三）不予公开”各项之和占“（七）总计”的比例超过选项 ``max-share``（默认 0.3）时提示，
    以便复核不予公开的理由是否充分。

    为什么重要：不予公开比例过高往往引发复议和诉讼，市政务公开办要求逐件复核。

    不通过的例子：（七）总计 10 件，其中不予公开 4 件（40%）。
    通过的例子：（七）总计 10 件，其中不予公开 2 件（20%）。

    配置：``[rules.NB001]`` 中设置 ``max-share = 0.2``。
    """
    total = report.fact("requests.total.total")
    if total is None or not total.value:
        return
    refused = sum((report.fact(f"requests.{row}.total").value or Decimal(0)
                   for row in REFUSED_ROWS if report.fact(f"requests.{row}.total")), Decimal(0))
    share = refused / total.value
    limit = Decimal(str(context.options.get("max-share", 0.3)))
    if share > limit:
        yield Finding(
            message=f"不予公开 {refused} 件，占（七）总计 {total.value} 件的 {share:.0%}，超过 {limit:.0%}",
            message_en=f"{refused} of {total.value} requests refused ({share:.0%}), above {limit:.0%}",
            location=Location(position=total.position, table=total.table_label, row_label=total.row_label,
                              column_label=total.column_label, fact_key=total.key),
            actual=f"{share:.0%}",
        )
