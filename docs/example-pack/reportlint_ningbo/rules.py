"""A Python rule: the number of requests quoted in the prose equals table 3."""

from __future__ import annotations

import re
from collections.abc import Iterator

from reportlint import Finding, Location, Report, RuleContext, rule

_QUOTED = re.compile(r"共(?:受理|收到)(?:政府信息公开)?申请\s*(\d+)\s*件")


@rule(
    "NB001",
    "prose-request-count",
    summary="正文中的申请件数与表三不一致",
    summary_en="The number of requests in the prose differs from table 3",
    severity="warning",
    references=("《条例》第五十条第（二）项",),
)
def prose_total(report: Report, context: RuleContext) -> Iterator[Finding]:
    """正文“共受理申请N件”应等于表三“一、本年新收”总计，或新收与上年结转之和。

    为什么重要：正文与表格矛盾，读者无法判断哪个数字是真的。

    不通过的例子：表三新收 15 件、结转 0 件，正文写“共受理申请20件”。
    通过的例子：正文写“共受理申请15件”。
    """
    new = report.fact("requests.new.total")
    carried = report.fact("requests.carried.total")
    if new is None or new.value is None:
        return
    allowed = {new.value, new.value + (carried.value or 0 if carried else 0)}
    for block in report.document.blocks:
        text = getattr(block, "text", "")
        for match in _QUOTED.finditer(text):
            quoted = int(match.group(1))
            if quoted not in allowed:
                yield Finding(
                    message=f"正文称共受理申请 {quoted} 件，表三新收 {new.value} 件",
                    message_en=f"the prose says {quoted} requests, table 3 says {new.value}",
                    location=Location(position=block.position),
                    expected=str(new.value),
                    actual=str(quoted),
                )
