"""Date and period rules (D): GB/T 9704 date spelling, the statistics period, deadlines."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from reportlint.issuers import LEVEL_NAMES, analyze_issuer, deadline, latest_deadline_level
from reportlint.model import Finding, Fix, Location, Report, Severity
from reportlint.rules import RuleContext, rule
from reportlint.text.dates import ParsedDate, find_dates, standard_form
from reportlint.text.normalize import fold
from reportlint_national.common import TextBlock, offset_position, section_location, text_blocks

GBT = "GB/T 9704-2012 7.3.5.4"


def _in_url(text: str, start: int) -> bool:
    token_start = max(text.rfind(" ", 0, start), text.rfind("\n", 0, start)) + 1
    token = text[token_start:start]
    return "/" in token or "://" in token or "www" in token.lower() or (start > 0 and text[start - 1] in "/=_")


# A date followed by a clock time is a web page's timestamp (CMS furniture), never prose.
_CLOCK_RE = re.compile(r"\s*\d{1,2}:\d{2}")


def _dates_in_text(report: Report) -> Iterator[tuple[TextBlock, ParsedDate, int, int]]:
    """Every valid date in the running text (not in tables), with its offsets."""
    for block in text_blocks(report):
        for parsed, start, end in find_dates(block.text):
            if parsed.date is not None:
                yield block, parsed, start, end


def _date_finding(block: TextBlock, parsed: ParsedDate, start: int, end: int, problem: str) -> Finding:
    """A finding for a badly written date, with the standard form as the fix."""
    assert parsed.date is not None
    right = standard_form(parsed.date)
    position = offset_position(block.position, block.text, start, end)
    return Finding(
        message=f"{problem}，应写作“{right}”",
        message_en=f"the date “{parsed.raw}” is not in the standard form; write “{right}”",
        location=section_location(block.section, position),
        expected=right,
        actual=parsed.raw,
        fix=Fix(f"改为“{right}”", right, position, parsed.raw),
    )


@rule(
    "D001",
    "date-format",
    summary="日期写法不符合 GB/T 9704-2012",
    summary_en="A date is not written as GB/T 9704-2012 requires",
    severity=Severity.WARNING,
    references=(GBT,),
)
def date_format(report: Report, context: RuleContext) -> Iterator[Finding]:
    """成文日期和正文中的日期用阿拉伯数字将年、月、日标全，年份写全称，月、日不编虚位
    （GB/T 9704-2012 7.3.5.4）。诊断附带改正后的写法。

    为什么重要：日期写法是公文规范的基本要求，“01月”“21年”“2021.1.22”在正式文件中都属错误。

    不通过的例子：“2021年01月22日”“21年1月22日”“2021.1.22”“2021-1-22”“2021/1/22”。
    通过的例子：“2021年1月22日”。
    """
    for block, parsed, start, end in _dates_in_text(report):
        if parsed.style != "chinese":
            problem = ""
            if parsed.style == "separated":
                if _in_url(block.text, start) or _CLOCK_RE.match(block.text, end):
                    continue  # a link, or a page's "时间：2021-01-28 09:16" stamp: not the report's words
                problem = "用“.”“-”“/”分隔年月日"
            elif parsed.short_year:
                problem = "年份未写全"
            elif parsed.padded:
                problem = "月、日编了虚位（前面补 0）"
            if problem:
                yield _date_finding(block, parsed, start, end, f"日期“{parsed.raw}”{problem}")


@rule(
    "D002",
    "chinese-numeral-date",
    summary="使用汉字数字的日期（已过时的写法）",
    summary_en="A date in Chinese numerals (an out-of-date style)",
    severity=Severity.INFO,
    references=(GBT,),
)
def chinese_numeral_date(report: Report, context: RuleContext) -> Iterator[Finding]:
    """GB/T 9704-2012 起成文日期改用阿拉伯数字；“二〇二一年一月二十二日”是此前的写法。

    为什么重要：新旧写法混用显得不规范，也说明文件沿用了旧模板。

    不通过的例子：“二〇二一年一月二十二日”。
    通过的例子：“2021年1月22日”。
    """
    for block, parsed, start, end in _dates_in_text(report):
        if parsed.style == "chinese":
            yield _date_finding(block, parsed, start, end, f"日期“{parsed.raw}”使用汉字数字，现行规范")


def report_year_votes(report: Report) -> dict[str, int]:
    """The year each source gives: title, statistics period, signature date (minus one)."""
    meta = report.metadata
    votes: dict[str, int] = {}
    if meta.report_year and meta.report_year_source == "title":
        votes["title"] = meta.report_year
    if meta.period_start and meta.period_start.date:
        votes["period"] = meta.period_start.date.year
    if meta.signature_date and meta.signature_date.date:
        votes["signature"] = meta.signature_date.date.year - 1
    return votes


def agreed_year(report: Report) -> int | None:
    """The report year most sources agree on (the title wins a tie)."""
    votes = report_year_votes(report)
    if not votes:
        return None
    counts: dict[int, int] = {}
    for year in votes.values():
        counts[year] = counts.get(year, 0) + 1
    best = max(counts.values())
    leaders = [y for y, c in counts.items() if c == best]
    if "title" in votes and votes["title"] in leaders:
        return votes["title"]
    return leaders[0]


@rule(
    "D003",
    "period-missing",
    summary="未写明统计期限",
    summary_en="The statistics period is not stated",
    severity=Severity.WARNING,
    references=("国办公开办函〔2021〕30号",),
)
def period_missing(report: Report, context: RuleContext) -> Iterator[Finding]:
    """年报应写明数据的统计期限，例如“本年度报告中所列数据统计期限为2022年1月1日至12月31日”。

    为什么重要：没有统计期限，读者无法判断数字对应哪个时段，也无法与上一年衔接。

    不通过的例子：全文没有“统计期限（周期）为……至……”的表述。
    通过的例子：“本报告中所列数据的统计期限自2020年1月1日起至2020年12月31日止。”
    """
    if report.metadata.period_start is None:
        yield Finding(
            message="未找到统计期限的表述（如“本年度报告中所列数据统计期限为2022年1月1日至12月31日”）",
            message_en="no statement of the statistics period was found",
            location=Location(position=report.metadata.title_position),
        )


@rule(
    "D004",
    "period-year",
    summary="统计期限与报告年度不符，或不是完整的自然年",
    summary_en="The statistics period is not the report year's calendar year",
    severity=Severity.ERROR,
    references=("《条例》第四十九条", "国办公开办函〔2021〕30号"),
)
def period_year(report: Report, context: RuleContext) -> Iterator[Finding]:
    """统计期限应为报告年度的 1 月 1 日至 12 月 31 日。

    为什么重要：统计期限写错年份，常见于沿用上一年的年报只改了标题，数字的时段因此不可信。

    不通过的例子：《2022年……年度报告》写“统计期限为2021年1月1日至2021年12月31日”。
    通过的例子：《2022年……年度报告》写“统计期限为2022年1月1日至12月31日”。
    """
    meta = report.metadata
    year = agreed_year(report)
    if meta.period_start is None or meta.period_end is None or year is None:
        return
    start, end = meta.period_start.date, meta.period_end.date
    expected = f"{year}年1月1日至{year}年12月31日"
    if start == dt.date(year, 1, 1) and end == dt.date(year, 12, 31):
        return
    yield Finding(
        message=f"统计期限“{meta.period_text}”与报告年度 {year} 不符，应为 {expected}",
        message_en=f"the statistics period “{meta.period_text}” does not match report year {year}",
        location=Location(position=meta.period_position),
        expected=expected,
        actual=meta.period_text,
    )


@rule(
    "D005",
    "title-year",
    summary="标题中的年度与报告实际年度不符",
    summary_en="The year in the title differs from the report's year",
    severity=Severity.ERROR,
    references=("国办公开办函〔2021〕30号",),
)
def title_year(report: Report, context: RuleContext) -> Iterator[Finding]:
    """标题年度应与统计期限、成文日期所示的年度一致（成文日期在报告年度的次年）。

    为什么重要：标题年度写错，年报会被归入错误的年份，公众检索不到。

    不通过的例子：标题为“2019年……年度报告”，统计期限和成文日期都表明是 2020 年度。
    通过的例子：标题、统计期限一致，成文日期在次年年初。
    """
    votes = report_year_votes(report)
    year = agreed_year(report)
    if "title" not in votes or year is None or votes["title"] == year:
        return
    others = "、".join(
        {"period": f"统计期限（{year}年）", "signature": f"成文日期（{year + 1}年）"}[k]
        for k, v in votes.items() if k != "title" and v == year
    )
    yield Finding(
        message=f"标题年度 {votes['title']} 与{others}所示的报告年度 {year} 不符",
        message_en=f"the title says {votes['title']} but the report covers {year}",
        location=Location(position=report.metadata.title_position),
        expected=str(year),
        actual=str(votes["title"]),
    )


_YEAR_RE = re.compile(r"(?<![\d－—\-~～至到])(\d{4})\s*年(?!\s*[－—\-~～至到]\s*\d)(?!度?[（(]?版)")
_CURRENT_RE = re.compile(r"本年度?|今年")
_COMPARISON_RE = re.compile(r"上年|去年|上一年|同比|较|比上|以来|截至|至今|明年|下一年|下年|计划|规划|[－—~～]")


@rule(
    "D006",
    "wrong-current-year",
    summary="正文把另一个年份称作“本年”",
    summary_en="The text calls another year “this year”",
    severity=Severity.WARNING,
    references=("《条例》第五十条",),
)
def wrong_current_year(report: Report, context: RuleContext) -> Iterator[Finding]:
    """同一句中既说“本年（度）/今年”，又写了报告年度以外的年份，多半是沿用往年年报未改净。

    为什么重要：内容雷同、照抄往年是格式文件点名批评的问题；年份错误也让数字的时段含混。
    含“上年”“同比”“截至”“计划”等比较或时段词语的句子不提示。

    不通过的例子：2021 年度年报写“2020年，本年度共受理申请15件”。
    通过的例子：2021 年度年报写“2021年，本年度共受理申请15件”。
    """
    year = agreed_year(report)
    if year is None:
        return
    for block in text_blocks(report):
        text = fold(block.text)
        for sentence in re.finditer(r"[^。！？!?\n]+", text):
            body = sentence.group(0)
            if not _CURRENT_RE.search(body) or _COMPARISON_RE.search(body) or "统计" in body:
                continue
            for match in _YEAR_RE.finditer(body):
                mentioned = int(match.group(1))
                if mentioned == year or not 1990 <= mentioned <= 2100:
                    continue
                start = sentence.start() + match.start()
                position = offset_position(block.position, block.text, start, start + len(match.group(0)))
                yield Finding(
                    message=f"句中称“本年/今年”，却写了 {mentioned} 年（报告年度为 {year} 年）：“{body.strip()[:40]}”",
                    message_en=f"the sentence speaks of this year but names {mentioned} (report year {year})",
                    location=section_location(block.section, position),
                    expected=f"{year}年",
                    actual=match.group(0),
                )
                break


@rule(
    "D007",
    "signature-date-before-period-end",
    summary="成文日期早于统计期限结束",
    summary_en="The signature date is before the statistics period ends",
    severity=Severity.ERROR,
    references=("《条例》第四十九条",),
)
def signature_before_period_end(report: Report, context: RuleContext) -> Iterator[Finding]:
    """年报总结的是已经结束的年度，成文日期应在统计期限结束之后。

    为什么重要：早于期末的成文日期说明日期写错（常见的是把年份写成报告年度）。

    不通过的例子：2020 年度年报落款“2020年1月22日”。
    通过的例子：2020 年度年报落款“2021年1月22日”。
    """
    meta = report.metadata
    signed = meta.signature_date.date if meta.signature_date else None
    year = agreed_year(report)
    period_end = meta.period_end.date if meta.period_end and meta.period_end.date else (
        dt.date(year, 12, 31) if year else None)
    if signed is None or period_end is None or signed > period_end:
        return
    yield Finding(
        message=f"成文日期 {meta.signature_date.raw} 不晚于统计期限结束日 {period_end.year}年{period_end.month}月{period_end.day}日",  # type: ignore[union-attr]
        message_en=f"the signature date {signed} is not after the end of the period ({period_end})",
        location=Location(position=meta.signature_date.position),  # type: ignore[union-attr]
        actual=meta.signature_date.raw,  # type: ignore[union-attr]
    )


@rule(
    "D008",
    "published-after-deadline",
    summary="成文或发布日期晚于《条例》第四十九条规定的期限",
    summary_en="Signed or published after the deadline of Article 49",
    severity=Severity.ERROR,
    references=("《条例》第四十九条",),
    options={"township-deadline": "01-31"},
)
def published_after_deadline(report: Report, context: RuleContext) -> Iterator[Finding]:
    """县级以上人民政府部门应于每年 1 月 31 日前、县级以上地方人民政府应于 3 月 31 日前公布上一年度
    年报（《条例》第四十九条）。乡镇人民政府、街道办事处的期限由地方规定，默认 1 月 31 日
    （选项 ``township-deadline``）。机关层级由发布机关名称推断：名称中的地名按行政区划数据识别，
    “行政区 + 人民政府”为政府、“乡镇街道 + 人民政府/办事处”为乡镇街道；其余按名称结尾（局、委员会、
    办公室……为部门；综合实验区、开发区、新区等的管理委员会为政府；片区管理局为乡镇街道；规则见
    issuer_levels.toml；``reportlint show`` 显示层级及其依据），可用配置 ``issuer-level`` 指定，
    ``deadline`` 可直接指定期限。名称看不出层级时按可能适用的最晚期限判断，并在诊断中说明。有发布日期（网页元数据）时按发布日期判断，否则按成文日期。

    为什么重要：逾期发布是第四十七条规定的责令改正、通报批评情形。

    不通过的例子：某县交通运输局 2021 年度年报成文日期“2022年2月10日”。
    通过的例子：某县人民政府 2021 年度年报成文日期“2022年3月20日”。
    """
    meta = report.metadata
    year = agreed_year(report)
    if year is None:
        return
    settings = context.settings
    level = settings.get("issuer-level", "auto")
    assumed = False
    if level in (None, "", "auto"):
        issuer = analyze_issuer(meta, report.document)
        level = issuer.level if issuer else None
    if level is None:
        # When unsure, don't claim: take the latest deadline that could apply and say so.
        level, assumed = latest_deadline_level(), True
    override = settings.get("deadline") or (context.options.get("township-deadline", "") if level == "township" else "")
    limit = deadline(level, year, override)
    for label, label_en, value in (("发布日期", "publication date", meta.publication_date),
                                   ("成文日期", "signature date", meta.signature_date)):
        if value is None or value.date is None:
            continue
        if value.date > limit:
            yield Finding(
                message=f"{label} {value.date.year}年{value.date.month}月{value.date.day}日晚于期限"
                f" {limit.year}年{limit.month}月{limit.day}日（{LEVEL_NAMES[level]}，《条例》第四十九条）"
                + ("；机关层级无法从名称确定，已按可能适用的最晚期限判断" if assumed else ""),
                message_en=f"{label_en} {value.date} is after the deadline {limit} ({level})"
                + ("; the body's level is unknown, so the latest possible deadline was assumed" if assumed else ""),
                location=Location(position=value.position),
                expected=f"不晚于{limit.year}年{limit.month}月{limit.day}日",
                actual=value.raw,
            )
        return  # the first date present decides


DATE_RULES = [date_format, chinese_numeral_date, period_missing, period_year, title_year,
              wrong_current_year, signature_before_period_end, published_after_deadline]
