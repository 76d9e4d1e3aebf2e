"""Year-over-year rules (Y): this year's report against last year's (``--previous FILE``)."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from reportlint.model import Finding, Location, Report, Severity
from reportlint.rules import RuleContext, rule
from reportlint.text.numbers import format_decimal
from reportlint.text.prose import prose_sentences
from reportlint_national.tables import fact_location

COLUMNS = ("natural", "commercial", "research", "charity", "legal", "other", "total")


def _previous(report: Report, context: RuleContext) -> Any:
    """Last year's report when it was given and is the year before; else None."""
    previous = context.settings.get("previous")
    if previous is None or previous.problem or previous.report_year is None:
        return None
    if report.metadata.report_year is None or previous.report_year != report.metadata.report_year - 1:
        return None
    return previous


@rule(
    "Y001",
    "carried-over-matches-last-year",
    summary="“上年结转”与上一年度年报的“结转下年度继续办理”不一致",
    summary_en="Carried over differs from last year's carried forward",
    severity=Severity.ERROR,
    references=("国办公开办函〔2021〕30号 表三",),
)
def carried_over(report: Report, context: RuleContext) -> Iterator[Finding]:
    """表三“二、上年结转政府信息公开申请数量”应逐列等于上一年度年报的“四、结转下年度继续办理”（R6）。
    用 ``--previous 上一年度年报`` 指定上一年度的年报（或在配置中写 ``previous``）；年度不相接时不检查。

    为什么重要：两年的数字衔接不上，说明其中一年的统计有误，或结转的申请被遗漏。

    不通过的例子：2023 年度年报“结转下年度继续办理 · 自然人 = 3”，2024 年度年报“上年结转 · 自然人 = 0”。
    通过的例子：两者相等。
    """
    previous = _previous(report, context)
    if previous is None:
        return
    for column in COLUMNS:
        this = report.fact(f"requests.carried.{column}")
        last_key = f"requests.carry_forward.{column}"
        if this is None or this.value is None or not previous.has(last_key) or previous.value(last_key) is None:
            continue
        last: Decimal = previous.value(last_key)
        if this.value != last:
            yield Finding(
                message=f"「二、上年结转 · {this.column_label}」为 {format_decimal(this.value)}，上一年度年报"
                f"（{previous.report_year} 年）「四、结转下年度继续办理 · {this.column_label}」为 {format_decimal(last)}",
                message_en=f"carried over ({this.column_label}) is {this.value}; last year's report carried "
                f"forward {last}",
                location=fact_location(this),
                expected=format_decimal(last),
                actual=format_decimal(this.value),
            )


@rule(
    "Y002",
    "in-force-follows-last-year",
    summary="“现行有效件数”与上一年度及本年制发、废止件数不衔接",
    summary_en="In-force count does not follow from last year's and this year's issued and repealed",
    severity=Severity.WARNING,
    formats=("2021",),
    references=("国办公开办函〔2021〕30号 表二",),
)
def in_force_follows(report: Report, context: RuleContext) -> Iterator[Finding]:
    """2021 年格式表二：本年“现行有效件数”通常等于上一年度的“现行有效件数”加“本年制发件数”减
    “本年废止件数”（R7）。规章也可能被修改而非新制发或废止，所以这只是提示（warning）。
    需要 ``--previous`` 指定上一年度年报。

    为什么重要：现行有效件数与制发、废止件数对不上，常见于沿用往年数字未更新。

    不通过的例子：上年现行有效 30 件，本年制发 5 件、废止 2 件，本年现行有效却写 40 件。
    通过的例子：本年现行有效写 33 件。
    """
    previous = _previous(report, context)
    if previous is None:
        return
    for row in ("rules", "normative"):
        now = report.fact(f"t20_1.{row}.in_force")
        issued = report.fact(f"t20_1.{row}.issued")
        repealed = report.fact(f"t20_1.{row}.repealed")
        before = previous.value(f"t20_1.{row}.in_force")
        if None in (now, issued, repealed) or before is None:
            continue
        assert now is not None and issued is not None and repealed is not None
        if now.value is None or issued.value is None or repealed.value is None:
            continue
        expected = before + issued.value - repealed.value
        if now.value != expected:
            yield Finding(
                message=f"「{now.row_label} · 现行有效件数」为 {format_decimal(now.value)}；按上一年度 {format_decimal(before)} + "
                f"本年制发 {format_decimal(issued.value)} − 本年废止 {format_decimal(repealed.value)} 应为 {format_decimal(expected)}",
                message_en=f"in force ({now.row_label}) is {now.value}; last year {before} + issued {issued.value} "
                f"- repealed {repealed.value} = {expected}",
                location=Location(now.position, None, now.table_label, now.row_label, now.column_label, now.key),
                expected=format_decimal(expected),
                actual=format_decimal(now.value),
            )


COPIED_SHARE = 0.7
MIN_SENTENCES = 8


@rule(
    "Y003",
    "copied-from-last-year",
    summary="正文与上一年度年报大段雷同",
    summary_en="The text is largely the same as last year's report",
    severity=Severity.WARNING,
    references=("《条例》第四十七条", "国办公开办函〔2021〕30号"),
    options={"share": COPIED_SHARE},
)
def copied_from_last_year(report: Report, context: RuleContext) -> Iterator[Finding]:
    """与上一年度年报（``--previous``）相比，正文中除数字外一字不差的句子超过选项 ``share``
    （默认 70%）时提示。表格行不计入，数字被视为相同。

    为什么重要：格式文件把“内容雷同、敷衍塞责”列为通报批评的情形；只改年份和数字的年报没有如实
    反映本年度的工作。

    不通过的例子：2024 年度年报除数字外与 2023 年度年报相同。
    通过的例子：两年中相同的只是“统计期限”等格式化表述（两份真实的区级年报约有四分之一句子相同）。
    """
    previous = _previous(report, context)
    if previous is None or not previous.sentences:
        return
    current = prose_sentences(report)
    if len(current) < MIN_SENTENCES:
        return
    same = current & previous.sentences
    share = len(same) / len(current)
    if share >= float(context.options.get("share", COPIED_SHARE)):
        yield Finding(
            message=f"正文 {len(current)} 句中有 {len(same)} 句（{share:.0%}）除数字外与上一年度年报"
            f"（{previous.report_year} 年）完全相同，可能是照抄往年年报",
            message_en=f"{len(same)} of {len(current)} sentences ({share:.0%}) are the same as last year's report "
            "apart from the figures",
            location=Location(position=report.metadata.title_position),
            actual=f"{share:.0%}",
        )


YOY_RULES = [carried_over, in_force_follows, copied_from_last_year]
