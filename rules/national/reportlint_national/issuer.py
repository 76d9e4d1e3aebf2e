"""Issuer rules (M): the title and the signature name the same body, spelled right."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator

from reportlint.model import Finding, Fix, Location, Position, Report, Severity
from reportlint.rules import RuleContext, rule
from reportlint.text.normalize import fold, squeeze

# Characters that end administrative names; doubled, they are a typo ("镇镇", "局局").
ADMIN_CHARS = "省市县区旗盟州镇乡村街道局厅委办署处科室站所院会司部"
_DOUBLED_RE = re.compile(f"([{ADMIN_CHARS}])\\1")
# A doubled character is legitimate when the second one starts a word: 余姚市市场监督管理局.
WORD_STARTS = {
    "市": "场政民容级委", "区": "域委政级", "县": "委政域级", "省": "委政级", "委": "员",
    "部": "门", "司": "法", "科": "技学", "会": "计", "所": "属得", "处": "理", "院": "校",
    "站": "点", "室": "内", "乡": "村镇", "村": "民委", "街": "道", "道": "路", "镇": "村街",
    "州": "市", "局": "部", "厅": "局", "办": "公事理", "署": "名",
}
_TITLE_FORM_RE = re.compile(r"^(?P<body>.+?)(?P<year>\d{4})年政府信息公开工作年度报告$")


def describe_difference(title_name: str, signed_name: str) -> tuple[str, str]:
    """How the signature differs from the title, in words (zh, en)."""
    parts_zh: list[str] = []
    parts_en: list[str] = []
    matcher = difflib.SequenceMatcher(a=title_name, b=signed_name, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "insert":
            parts_zh.append(f"多了“{signed_name[b1:b2]}”")
            parts_en.append(f"adds “{signed_name[b1:b2]}”")
        elif op == "delete":
            parts_zh.append(f"少了“{title_name[a1:a2]}”")
            parts_en.append(f"drops “{title_name[a1:a2]}”")
        elif op == "replace":
            parts_zh.append(f"“{title_name[a1:a2]}”写成了“{signed_name[b1:b2]}”")
            parts_en.append(f"writes “{signed_name[b1:b2]}” for “{title_name[a1:a2]}”")
    return "，".join(parts_zh), ", ".join(parts_en)


@rule(
    "M001",
    "signature-issuer-mismatch",
    summary="落款机关与标题中的机关不一致",
    summary_en="The signature names a different body than the title",
    severity=Severity.ERROR,
    references=("GB/T 9704-2012 7.3.5.1", "国办公开办函〔2021〕30号"),
)
def signature_issuer_mismatch(report: Report, context: RuleContext) -> Iterator[Finding]:
    """落款应为发布年报的机关全称或规范简称，与标题中的机关一致。一方是另一方的一部分
    （如“余姚市大岚镇人民政府”与“大岚镇人民政府”）视为全称与简称，不提示。

    为什么重要：落款与标题不一致，说明机关名称写错或年报套用了别的单位的文本。

    不通过的例子：标题“大岚镇人民政府2020年政府信息公开工作年度报告”，落款“大岚镇镇人民政府”。
    通过的例子：标题与落款都是“大岚镇人民政府”。
    """
    meta = report.metadata
    if not meta.issuer or not meta.signature_body:
        return
    title_name, signed = squeeze(fold(meta.issuer)), squeeze(fold(meta.signature_body))
    if title_name == signed or title_name in signed or signed in title_name:
        return
    difference, difference_en = describe_difference(title_name, signed)
    yield Finding(
        message=f"落款“{signed}”与标题中的机关“{title_name}”不一致：落款{difference}",
        message_en=f"the signature “{signed}” differs from the title's body “{title_name}”: it {difference_en}",
        location=Location(position=meta.signature_body_position),
        expected=title_name,
        actual=signed,
        fix=Fix(f"将落款改为“{title_name}”（若标题正确）", title_name, meta.signature_body_position, signed),
    )


@rule(
    "M002",
    "repeated-character-in-name",
    summary="机关名称中有重复的字（如“镇镇”）",
    summary_en="A character is doubled in a body's name (such as 镇镇)",
    severity=Severity.WARNING,
    references=("GB/T 9704-2012 7.3.5.1",),
)
def repeated_character(report: Report, context: RuleContext) -> Iterator[Finding]:
    """机关名称中表示行政层级或机构类别的字（镇、乡、县、区、市、局、委、办……）重复出现，
    几乎总是笔误。

    为什么重要：机关名称是年报的身份标识，写错会使年报归属不清。

    不通过的例子：“大岚镇镇人民政府”。
    通过的例子：“大岚镇人民政府”。
    """
    meta = report.metadata
    seen: set[str] = set()
    for name, position in ((meta.issuer, meta.title_position), (meta.signature_body, meta.signature_body_position)):
        if not name or name in seen:
            continue
        seen.add(name)
        match = next(
            (m for m in _DOUBLED_RE.finditer(name)
             if name[m.end() : m.end() + 1] not in WORD_STARTS.get(m.group(1), "") or m.end() == len(name)),
            None,
        )
        if not match:
            continue
        fixed = name[: match.start()] + match.group(1) + name[match.end() :]
        yield Finding(
            message=f"机关名称“{name}”中“{match.group(1)}”字重复，应为“{fixed}”",
            message_en=f"the body name “{name}” doubles “{match.group(1)}”; probably “{fixed}”",
            location=Location(position=position),
            expected=fixed,
            actual=name,
            fix=Fix(f"改为“{fixed}”", fixed, position, name),
        )


@rule(
    "M003",
    "title-form",
    summary="标题不是“<机关><年度>年政府信息公开工作年度报告”的形式",
    summary_en="The title is not of the form “<body><year>年政府信息公开工作年度报告”",
    severity=Severity.INFO,
    references=("国办公开办函〔2021〕30号",),
)
def title_form(report: Report, context: RuleContext) -> Iterator[Finding]:
    """年报标题的通行形式是“<机关名称><年度>年政府信息公开工作年度报告”，例如
    “大岚镇人民政府2020年政府信息公开工作年度报告”。

    为什么重要：统一的标题便于公众检索和上级汇总；漏掉“工作”“年度”或把年份放在机关名称之前，
    会让同一类文件在检索中分散。

    不通过的例子：“大岚镇人民政府2020年政府信息公开年度报告”（缺“工作”）、
    “2024年上海市科委政府信息公开工作年度报告”（年份在机关名称之前）。
    通过的例子：“上海市科委2024年政府信息公开工作年度报告”。
    """
    meta = report.metadata
    if not meta.title:
        yield Finding(
            message="未找到年报标题（如“<机关><年度>年政府信息公开工作年度报告”）",
            message_en="no report title was found",
            location=Location(position=Position(1, 1)),
        )
        return
    if meta.title_source != "body":
        return  # a CMS page title or a crawler's header is the site's wording, not the report's
    title = squeeze(fold(meta.title))
    if _TITLE_FORM_RE.match(title):
        return
    suggestion = ""
    if meta.issuer and meta.report_year:
        suggestion = f"{meta.issuer}{meta.report_year}年政府信息公开工作年度报告"
    yield Finding(
        message=f"标题“{title}”不是通行形式" + (f"，建议为“{suggestion}”" if suggestion else ""),
        message_en=f"the title “{title}” is not in the usual form" + (f"; suggested “{suggestion}”" if suggestion else ""),
        location=Location(position=meta.title_position),
        expected=suggestion or None,
        actual=title,
        fix=Fix(f"改为“{suggestion}”", suggestion, meta.title_position, meta.title) if suggestion else None,
    )


@rule(
    "M004",
    "signature-missing",
    summary="文末没有落款（机关名称和成文日期）",
    summary_en="The report ends without a signature (body and date)",
    severity=Severity.WARNING,
    references=("GB/T 9704-2012 7.3.5",),
)
def signature_missing(report: Report, context: RuleContext) -> Iterator[Finding]:
    """年报末尾应署发布机关名称和成文日期。

    为什么重要：没有落款就无法确认年报由谁、在何时发布，也无法核对是否按期公布。

    不通过的例子：正文最后一段之后直接结束。
    通过的例子：末尾两行为“大岚镇人民政府”和“2021年1月22日”。
    """
    meta = report.metadata
    if meta.signature_date is not None:
        return
    blocks = report.document.blocks
    last = blocks[-1] if blocks else None
    position = getattr(last, "position", None)
    publisher = page_publisher(meta.page_meta)
    if meta.publication_date is not None and publisher:
        # The page itself names the publisher and the date: the reader is not left guessing.
        yield Finding(
            message=f"文末未找到落款（发布机关名称和成文日期）；网页标明了发布者“{publisher}”和发布日期，建议在正文末尾落款",
            message_en=f"no signature at the end of the report; the page names the publisher “{publisher}” "
            "and a publication date",
            location=Location(position=position),
            severity=Severity.INFO,
        )
        return
    yield Finding(
        message="文末未找到落款（发布机关名称和成文日期）",
        message_en="no signature (issuing body and date) at the end of the report",
        location=Location(position=position),
    )


_PUBLISHER_KEYS = ("发布机构", "来源", "contentsource", "author", "sitename")


def page_publisher(page_meta: tuple[tuple[str, str], ...]) -> str:
    """The publisher a page's metadata names (发布机构, ContentSource, SiteName), or ""."""
    values = {key.lower(): value.strip() for key, value in page_meta}
    return next((values[k] for k in _PUBLISHER_KEYS if values.get(k)), "")


ISSUER_RULES = [signature_issuer_mismatch, repeated_character, title_form, signature_missing]
