"""Section rules (S): the six parts of the national format, in order, once each."""

from __future__ import annotations

import re
from collections.abc import Iterator

from reportlint.model import Finding, Fix, Heading, Location, Paragraph, Report, SectionMatch, Severity, Table
from reportlint.recognize.sections import single_slip
from reportlint.rules import RuleContext, rule
from reportlint.text.normalize import compact_fold, match_key, squeeze
from reportlint_national.common import NUMERALS, offset_position, section_location

FORMAT_REFS = ("《条例》第五十条", "国办公开办函〔2019〕60号", "国办公开办函〔2021〕30号")
PLACEHOLDERS = {"无", "暂无", "略", "无内容", "待补充", "无相关情况", "空", "xxx", "XXX", "……", "…"}
# Topics that the 2021 format puts under 一、总体情况 as sub-headings （一）…（五）.
OVERVIEW_TOPICS = ("主动公开", "依申请公开", "政府信息管理", "平台建设", "监督保障", "工作机制")


def _canonical(context: RuleContext, key: str) -> str:
    spec = context.template.section_spec(key)
    return f"{spec.numeral}、{spec.title}" if spec.numeral else spec.title


@rule(
    "S001",
    "missing-section",
    summary="缺少《条例》第五十条和年报格式要求的部分",
    summary_en="A part required by Article 50 and the national format is missing",
    severity=Severity.ERROR,
    references=FORMAT_REFS,
    ocr="absence",
)
def missing_section(report: Report, context: RuleContext) -> Iterator[Finding]:
    """年报必须包含格式规定的六个部分：总体情况、主动公开、收到和处理申请、行政复议和诉讼、
    存在的主要问题及改进情况、其他需要报告的事项（《条例》第五十条第（一）至（五）项）。

    为什么重要：缺少法定内容的年报属于“发布内容不全面”，可被责令改正或通报批评（第四十七条）。
    章节按含义识别，不依赖编号或原文措辞；若表格存在而标题缺失，诊断会说明这一点。

    不通过的例子：全文没有“存在的主要问题及改进情况”一节。
    通过的例子：“五、政府信息公开工作存在的主要问题及改进措施”（措辞不同，含义相同，可识别）。
    """
    tables_by_section = {t.section: t for t in context.template.tables if t.key in report.tables_found}
    for order, spec in enumerate(context.template.sections):
        if not spec.required or report.section(spec.key) is not None:
            continue
        # Point at the next present section (where this one should have been).
        following = next(
            (report.section(s.key) for s in context.template.sections[order + 1 :] if report.section(s.key)),
            None,
        )
        where = following.position if following else None
        table = tables_by_section.get(spec.key)
        extra = f"；其表格「{table.display}」已识别到，但缺少章节标题" if table else ""
        extra_en = f"; its table 「{table.display}」 is present but the heading is missing" if table else ""
        sub = _sub_heading_about(report, spec.patterns)
        if sub is not None and not table:
            line = sub.position.line if sub.position else "?"
            extra = f"；第 {line} 行的「{sub.text}」似乎是这一部分的内容，但缺少一级标题"
            extra_en = f"; 「{sub.text}」 on line {line} seems to hold this part, but the top-level heading is missing"
        yield Finding(
            message=f"缺少「{_canonical(context, spec.key)}」部分（{spec.article}）{extra}",
            message_en=f"the part 「{_canonical(context, spec.key)}」 is missing ({spec.article}){extra_en}",
            location=Location(position=where, section=following.heading if following else None),
            expected=_canonical(context, spec.key),
        )


def _sub_heading_about(report: Report, patterns: tuple[str, ...]) -> Heading | None:
    """A lower-level heading whose title matches a section's meaning patterns."""
    top = {s.block_index for s in report.sections}
    for index, block in enumerate(report.document.blocks):
        if isinstance(block, Heading) and index not in top and len(block.title) <= 20:
            if any(re.search(p, match_key(block.title)) for p in patterns):
                return block
    return None


def _longest_increasing(ranks: list[int]) -> set[int]:
    """Indices of one longest strictly increasing subsequence of ``ranks``."""
    best: list[list[int]] = []
    for i, rank in enumerate(ranks):
        chains = [c for c in best if ranks[c[-1]] < rank]
        chain: list[int] = max(chains, key=lambda c: len(c)) if chains else []
        best.append([*chain, i])
    longest: list[int] = []
    for chain in best:
        if len(chain) > len(longest):
            longest = chain
    return set(longest)


@rule(
    "S002",
    "section-order",
    summary="章节顺序与年报格式不一致",
    summary_en="Sections are not in the order of the national format",
    severity=Severity.WARNING,
    references=FORMAT_REFS,
)
def section_order(report: Report, context: RuleContext) -> Iterator[Finding]:
    """六个部分应按格式规定的顺序排列。

    为什么重要：统一的顺序让公众和审核人能在每份年报的同一位置找到同一内容；顺序颠倒常说明
    年报是拼凑而成的。诊断只指出使顺序恢复所需移动的最少章节。

    不通过的例子：“四、行政复议、行政诉讼情况”写在“三、收到和处理政府信息公开申请情况”之前。
    通过的例子：一至六按格式顺序排列（中间插入地方要求的章节不影响）。
    """
    order = [s.key for s in context.template.sections]
    kept = [s for s in report.sections if s.key in order and s.duplicate_of is None]
    ranks = [order.index(s.key) for s in kept]  # type: ignore[arg-type]
    in_order = _longest_increasing(ranks)
    for i, section in enumerate(kept):
        if i in in_order:
            continue
        after = next((kept[j] for j in range(i - 1, -1, -1) if j in in_order and ranks[j] > ranks[i]), None)
        anchor = f"，应在「{after.heading}」之前" if after else ""
        anchor_en = f", it belongs before 「{after.heading}」" if after else ""
        yield Finding(
            message=f"「{section.heading}」的位置与格式顺序不符{anchor}",
            message_en=f"「{section.heading}」 is out of the format's order{anchor_en}",
            location=section_location(section),
        )


@rule(
    "S003",
    "duplicate-section",
    summary="同一部分出现两次",
    summary_en="The same part appears twice",
    severity=Severity.WARNING,
    references=FORMAT_REFS,
)
def duplicate_section(report: Report, context: RuleContext) -> Iterator[Finding]:
    """每个部分只应出现一次。

    为什么重要：两个讲同一内容的一级标题会让读者不知以哪一处为准，数字也可能互相矛盾。
    若重复的标题其实是“总体情况”下的分项（2021 年格式要求在总体情况中分述主动公开、依申请公开
    等），应改为“（一）”“（二）”等二级标题。

    不通过的例子：“三、主动公开工作情况”和“一、主动公开政府信息情况”都是一级标题。
    通过的例子：“一、总体情况 （一）主动公开”，随后“二、主动公开政府信息情况”。
    """
    sections = list(report.sections)
    for section in sections:
        if section.duplicate_of is None:
            continue
        kept = sections[section.duplicate_of]
        line = kept.position.line if kept.position else "?"
        yield Finding(
            message=f"「{section.heading}」与第 {line} 行的「{kept.heading}」是同一部分；若它是总体情况的分项，"
            "请改为“（一）”等二级标题",
            message_en=f"「{section.heading}」 is the same part as 「{kept.heading}」 on line {line}; if it is a "
            "topic of the overview, make it a second-level heading",
            location=section_location(section),
        )


_NUMERAL_RE = re.compile(r"^([一二三四五六七八九十]+)")


@rule(
    "S004",
    "section-numbering",
    summary="一级标题的编号与其位置不符",
    summary_en="A top-level heading's number does not match its place",
    severity=Severity.WARNING,
    references=("GB/T 9704-2012 7.3.3",),
)
def section_numbering(report: Report, context: RuleContext) -> Iterator[Finding]:
    """一级标题应按出现顺序编为“一、二、三……”，不跳号、不重号、不重新开始。

    为什么重要：编号错乱使引用（“见本报告第三部分”）失去意义，也常暴露复制粘贴留下的问题。

    不通过的例子：“一、总体情况 二、… 四、…”（跳过了三），或第七个一级标题编为“一、”（重新编号只报一次，
    此后的标题在新的编号中判断）。
    通过的例子：依次为“一、”至“六、”（插入地方章节后依次顺延也可以）。
    """
    restart = 0  # place of the heading where the numbering started again from 一
    for place, section in enumerate(report.sections):
        match = _NUMERAL_RE.match(compact_fold(section.numbering))
        if not match or place >= len(NUMERALS):
            continue
        written = match.group(1)
        if written == NUMERALS[0] and place > restart:
            # A second series (一、二、… again) is one cause: said once, here. The headings
            # after it are judged within it, not each again against its place in the report.
            restart = place
            yield Finding(
                message=f"一级标题的编号在「{section.heading}」处重新从“一”开始，此前已有 {place} 个一级标题"
                        f"（最后一个是「{report.sections[place - 1].heading}」）；全文的一级标题应连续编号",
                message_en=f"top-level numbering starts again from 一 at 「{section.heading}」 after {place} headings",
                location=section_location(section),
                expected=NUMERALS[place],
                actual=written,
            )
            continue
        expected = NUMERALS[place - restart]
        if written == expected:
            continue
        fixed = expected + section.numbering[len(written) :]
        where = f"是第 {place + 1} 个一级标题" if not restart else f"是重新编号后的第 {place - restart + 1} 个一级标题"
        yield Finding(
            message=f"「{section.heading}」{where}，编号应为“{expected}”",
            message_en=f"「{section.heading}」 is top-level heading number {place - restart + 1}; "
                       f"it should be numbered {expected}",
            location=section_location(section),
            expected=expected,
            actual=written,
            # After a restart which series is right is the author's call: no automatic fix.
            fix=None if restart else Fix(f"将“{section.numbering}”改为“{fixed}”", fixed, section.position,
                                         section.numbering),
        )


@rule(
    "S005",
    "non-template-section",
    summary="一级标题不属于全国年报格式",
    summary_en="A top-level section is not part of the national format",
    severity=Severity.WARNING,
    references=FORMAT_REFS,
)
def non_template_section(report: Report, context: RuleContext) -> Iterator[Finding]:
    """全国格式只有六个部分。其他一级标题要么是地方要求的章节（启用相应的省市规则包后不再提示），
    要么应作为“总体情况”等部分的分项。

    为什么重要：额外的一级标题打乱了统一格式，也可能把法定内容挤到错误的位置。

    不通过的例子：浙江乡镇年报插入的“三、公开平台建设和信息发布情况”（未启用 zhejiang 规则包时）。
    通过的例子：启用 zhejiang 规则包后，同一章节被识别为该省要求的章节。
    """
    for section in report.sections:
        if section.key is not None:
            continue
        topic = next((t for t in OVERVIEW_TOPICS if t in squeeze(section.title)), None)
        if topic and report.template_version == "2021":
            hint = "2021 年格式要求在「一、总体情况」中以（一）至（五）分项说明此类内容"
            hint_en = "the 2021 format wants this topic as a sub-heading of 一、总体情况"
        else:
            hint = "如为本省（市）要求的章节，请启用相应的规则包（见 reportlint plugins）"
            hint_en = "if your province requires this section, enable its rule pack (see reportlint plugins)"
        yield Finding(
            message=f"「{section.heading}」不是全国年报格式的章节；{hint}",
            message_en=f"「{section.heading}」 is not a section of the national format; {hint_en}",
            location=section_location(section),
        )


@rule(
    "S006",
    "obsolete-heading",
    summary="使用了 2019 年以前年报模板的标题或项目",
    summary_en="A heading or item from a pre-2019 template is used",
    severity=Severity.WARNING,
    references=("国办公开办函〔2019〕60号", "国办公开办函〔2021〕30号"),
)
def obsolete_heading(report: Report, context: RuleContext) -> Iterator[Finding]:
    """“收费及减免情况”“咨询处理情况”等是 2008 年条例时期年报的栏目，现行格式已不再设置。

    为什么重要：沿用旧栏目说明年报套用了过时的模板，现行格式要求的内容可能因此缺失。

    不通过的例子：“四、政府信息公开收费及减免情况”。
    通过的例子：信息处理费情况写在“六、其他需要报告的事项”中。
    """
    labels = context.template.obsolete_labels
    for block in report.document.blocks:
        texts = []
        if isinstance(block, Table):
            texts = [(c.text, c.position) for row in block.rows for c in row]
        elif not isinstance(block, Paragraph) or len(block.text) <= 30:
            texts = [(block.text, block.position)]  # headings and short lines
        for text, position in texts:
            folded = compact_fold(text)
            for label in labels:
                if label in folded:
                    yield Finding(
                        message=f"“{text.strip()}”是 2019 年以前年报模板的栏目（{label}），现行格式已不再设置",
                        message_en=f"“{text.strip()}” is an item of the pre-2019 template ({label})",
                        location=Location(position=position),
                    )
                    break


@rule(
    "S007",
    "placeholder-section",
    summary="章节为空或只有“无”之类的占位文字",
    summary_en="A section is empty or holds only a placeholder such as “无”",
    severity=Severity.WARNING,
    references=("《条例》第五十条", "《条例》第四十七条"),
)
def placeholder_section(report: Report, context: RuleContext) -> Iterator[Finding]:
    """每个部分都应有实际内容。只写“无”“略”的章节属于“敷衍塞责”，格式文件将其列为通报批评的情形。

    为什么重要：空章节让法定内容形同虚设，例如“存在的主要问题及改进情况”只写“无”。
    “其他需要报告的事项”写明“本年度无其他需要报告的事项”是完整的陈述，不会被提示。

    不通过的例子：“五、存在的主要问题及改进情况”下只有“无”。
    通过的例子：写明存在的问题与改进措施。
    """
    signature = _signature_texts(report)
    for section in report.sections:
        if section.key is None or section.duplicate_of is not None:
            continue
        text = _prose_of(report, section, signature)
        if text is None:
            continue
        core = text.strip("。.；;，,")
        if core == "" or core in PLACEHOLDERS:
            shown = f"只有“{core}”" if core else "没有内容"
            yield Finding(
                message=f"「{section.heading}」{shown}",
                message_en=f"「{section.heading}」 {'holds only “' + core + '”' if core else 'is empty'}",
                location=section_location(section),
            )


_REGEX_CHARS = set(".*+?[](){}|^$\\")


@rule(
    "S008",
    "heading-slip",
    summary="一级标题与格式规定的标题只差一个字，疑为笔误",
    summary_en="A top-level heading is one character off the format's wording, likely a slip",
    severity=Severity.WARNING,
    references=FORMAT_REFS,
)
def heading_slip(report: Report, context: RuleContext) -> Iterator[Finding]:
    """一级标题的措辞与格式规定的标题只差一个字（多一字、少一字或错一字）时，多半是录入笔误，
    提示并给出格式规定的写法作为修正。改换连接词（“与”“和”“及”）、加“工作”等词的改写
    不在此列；格式本身列出的其他写法（如“总体概况”）也不提示。

    为什么重要：标题是检查者定位法定内容的依据，错字会让年报显得未经校对。

    不通过的例子：“四、政府信息公开行政法复议、行政诉讼情况”（多了“法”）、“一、总体清况”。
    通过的例子：“四、政府信息公开行政复议、行政诉讼情况”“四、政府信息公开行政复议与行政诉讼情况”。
    """
    for section in report.sections:
        if section.key is None or section.duplicate_of is not None:
            continue
        spec = context.template.section_spec(section.key)
        accepted = {match_key(p) for p in spec.patterns if not set(p) & _REGEX_CHARS}
        written = match_key(section.title)
        if written in accepted:
            continue
        slip = single_slip(written, match_key(spec.title))
        if slip is None:
            continue
        start = section.heading.find(section.title)
        if start < 0:
            continue
        position = offset_position(section.position, section.heading, start, start + len(section.title))
        yield Finding(
            message=f"「{section.heading}」与格式规定的标题「{spec.title}」{slip}，疑为笔误",
            message_en=f"「{section.heading}」 is one character off the format's 「{spec.title}」",
            location=section_location(section, position),
            expected=spec.title,
            actual=section.title,
            fix=Fix(f"改为“{spec.title}”", spec.title, position, section.title),
        )


def _signature_texts(report: Report) -> tuple[str, ...]:
    """The signature block as written (the signing body, the date under it), compacted."""
    meta = report.metadata
    texts = [meta.signature_body or "", meta.signature_date.raw if meta.signature_date else ""]
    return tuple(compact_fold(t) for t in texts if t)


def _prose_of(report: Report, section: SectionMatch, signature: tuple[str, ...]) -> str | None:
    """A section's text, compacted, without the signature block; None when it holds a table
    (a section with a table has content)."""
    content = report.document.blocks[section.block_index + 1 : section.end_block]
    if any(isinstance(b, Table) for b in content):
        return None
    # The signature block (body and date) closes the report; it is not the last part's content.
    return "".join(_content_text(b, signature) for b in content if not isinstance(b, Table))


def _content_text(block: Heading | Paragraph, signature: tuple[str, ...]) -> str:
    """A block's text, compacted, without the signature block at its end (a flattened copy
    has the signature inside the last paragraph)."""
    text = compact_fold(block.text)
    changed = True
    while changed and signature:
        changed = False
        for part in signature:
            if text.endswith(part):
                text = text[: -len(part)]
                changed = True
    return text


MIN_PROBLEMS_CHARS = 10  # fewer characters than this cannot state a problem and a remedy


@rule(
    "S009",
    "problems-not-stated",
    summary="“存在的主要问题及改进情况”没有写出实际问题",
    summary_en="The problems section states no actual problem",
    severity=Severity.INFO,
    references=("《条例》第五十条第（四）项",),
)
def problems_not_stated(report: Report, context: RuleContext) -> Iterator[Finding]:
    """第五十条第（四）项要求年报写明“政府信息公开工作存在的主要问题及改进情况”。这一部分只有一句
    不足十个字的话（“本年度无问题。”“暂无。”之外的套话）时，提示作者写出实际问题和改进措施。只写
    “无”“暂无”的情形由 S007 报告，这里不再重复。

    为什么重要：“问题”部分流于形式是年报检查中常见的扣分项，也是“敷衍塞责”的表现。

    不通过的例子：“五、存在的主要问题及改进情况”下只有“工作无问题。”。
    通过的例子：写明具体问题（如“政策解读形式单一”）和对应的改进措施。
    """
    section = report.section("problems")
    if section is None or section.duplicate_of is not None:
        return
    text = _prose_of(report, section, _signature_texts(report))
    if text is None:
        return
    core = text.strip("。.；;，,")
    if not core or core in PLACEHOLDERS or len(core) >= MIN_PROBLEMS_CHARS:
        return  # empty or a placeholder: S007's
    yield Finding(
        message=f"「{section.heading}」只写了“{text}”，没有写出存在的主要问题及改进措施（第五十条第（四）项）",
        message_en=f"「{section.heading}」 says only “{text}”: no actual problem or remedy is stated",
        location=section_location(section),
    )


SECTION_RULES = [missing_section, section_order, duplicate_section, section_numbering,
                 non_template_section, obsolete_heading, placeholder_section, heading_slip,
                 problems_not_stated]
