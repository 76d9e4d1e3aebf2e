"""Typography rules (P): document numbers and heading numbering (GB/T 9704-2012)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from reportlint.model import Finding, Fix, Report, Severity
from reportlint.records import record
from reportlint.rules import RuleContext, rule
from reportlint_national.common import TextBlock, offset_position, prose_blocks, section_location, text_blocks

# Agency code, a bracketed year, a number, 号 — with every wrong bracket admitted so that
# the rule can say which part is wrong.
_DOC_NUMBER_RE = re.compile(
    r"(?P<agency>[\u4e00-\u9fff]{2,16}?)(?P<sp1>\s*)(?P<open>[〔\[【（(［{])(?P<sp2>\s*)(?P<year>\d{2,4})(?P<sp3>\s*)"
    r"(?P<close>[〕\]】）)］}])(?P<sp4>\s*)(?P<di>第?)(?P<sp5>\s*)(?P<number>\d{1,4})(?P<sp6>\s*)号"
)
_BRACKET_PAIRS = {"〔": "〕"}


@rule(
    "P001",
    "document-number",
    summary="发文字号写法不规范",
    summary_en="A document number (发文字号) is not written as GB/T 9704-2012 requires",
    severity=Severity.WARNING,
    references=("GB/T 9704-2012 7.2.4",),
    ocr="glyph-form",
)
def document_number(report: Report, context: RuleContext) -> Iterator[Finding]:
    """发文字号由机关代字、年份和发文顺序号组成：年份用六角括号“〔〕”括入并写全，顺序号不编虚位、
    不加“第”字，中间不留空格，例如“国办公开办函〔2021〕30号”。

    为什么重要：引用的文件字号写错，读者无法据此查到原文件；这也是公文规范检查的常见扣分项。

    不通过的例子：“国办公开办函[2021]30号”“国办公开办函【2021】30号”“国办公开办函（2021）30号”
    “国办公开办函〔21〕30号”“国办公开办函〔2021〕第30号”“国办公开办函〔2021〕030号”。
    通过的例子：“国办公开办函〔2021〕30号”。
    """
    for block in text_blocks(report):
        for match in _DOC_NUMBER_RE.finditer(block.text):
            problems: list[str] = []
            if match.group("open") != "〔" or match.group("close") != "〕":
                problems.append(f"年份应使用六角括号“〔〕”，不用“{match.group('open')}{match.group('close')}”")
            if len(match.group("year")) != 4:
                problems.append("年份应写全")
            if match.group("di"):
                problems.append("顺序号前不加“第”")
            if len(match.group("number")) > 1 and match.group("number").startswith("0"):
                problems.append("顺序号不编虚位")
            if any(match.group(f"sp{i}") for i in range(1, 7)):
                problems.append("中间不留空格")
            if not problems:
                continue
            year = match.group("year")
            if len(year) == 2:
                year = "20" + year
            right = f"{match.group('agency')}〔{year}〕{int(match.group('number'))}号"
            raw = match.group(0)
            position = offset_position(block.position, block.text, match.start(), match.end())
            yield Finding(
                message=f"发文字号“{raw}”写法不规范：{'；'.join(problems)}；应为“{right}”",
                message_en=f"the document number “{raw}” is malformed; write “{right}”",
                location=section_location(block.section, position),
                expected=right,
                actual=raw,
                fix=Fix(f"改为“{right}”", right, position, raw),
            )


_NUMBERING_DEVIATIONS = (
    # (pattern, what is wrong, replacement builder)
    (re.compile(r"^([一二三四五六七八九十]+)[.．,，]"), "一级标题序号后用顿号“、”", lambda m: f"{m.group(1)}、"),
    (re.compile(r"^\(([一二三四五六七八九十]+)\)\s*"), "二级标题序号用全角括号“（）”", lambda m: f"（{m.group(1)}）"),
    (re.compile(r"^（([一二三四五六七八九十]+)）[、.．,，]"), "“（一）”后不加标点", lambda m: f"（{m.group(1)}）"),
    (re.compile(r"^(\d{1,2})、"), "三级标题序号后用“.”", lambda m: f"{m.group(1)}."),
    (re.compile(r"^\((\d{1,2})\)\s*"), "四级标题序号用全角括号“（）”", lambda m: f"（{m.group(1)}）"),
)


@rule(
    "P002",
    "heading-numbering-style",
    summary="标题序号的写法不规范",
    summary_en="A heading's numbering is not written in the standard style",
    severity=Severity.INFO,
    references=("GB/T 9704-2012 7.3.3",),
    ocr="glyph-form",
)
def heading_numbering_style(report: Report, context: RuleContext) -> Iterator[Finding]:
    """结构层次序数依次写作“一、”“（一）”“1.”“（1）”：一级标题用顿号，二级标题用全角括号且括号后
    不加标点，三级标题用阿拉伯数字加下脚点。

    为什么重要：序号写法混乱是公文格式检查中最常见的问题之一，也影响层次的辨认。

    不通过的例子：“一.总体情况”“(一)主动公开”“（一）、主动公开”“1、规章”。
    通过的例子：“一、总体情况”“（一）主动公开”“1.规章”“（1）”。
    """
    # A row label of a table (「1、申请人…」 wrapped in a PDF) is not a heading.
    for block in prose_blocks(report, context.template):
        text = block.text.lstrip("# \t\u3000")
        offset = len(block.text) - len(text)
        for pattern, what, build in _NUMBERING_DEVIATIONS:
            match = pattern.match(text)
            if not match:
                continue
            right = build(match)
            raw = match.group(0).strip()
            # The fix replaces the spaces after "(一)" too: "（一）主动公开", not "（一） 主动公开".
            replaced = match.group(0)
            position = offset_position(block.position, block.text, offset, offset + len(replaced))
            yield Finding(
                message=f"标题序号“{raw}”不规范：{what}，应为“{right}”",
                message_en=f"the heading number “{raw}” is not in the standard style; write “{right}”",
                location=section_location(block.section, position),
                expected=right,
                actual=raw,
                fix=Fix(f"改为“{right}”", right, position, replaced),
            )
            break




_SUB_NUMBER_RE = re.compile(r"^\s*[（(]\s*([一二三四五六七八九十]+)\s*[）)]")
NUMERALS_SUB = ("一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二")


def _chinese_value(numeral: str) -> int:
    from reportlint.text.dates import chinese_number

    return chinese_number(numeral) or 0


@rule(
    "P003",
    "sub-heading-sequence",
    summary="二级标题序号跳号",
    summary_en="A second-level heading number is skipped",
    severity=Severity.INFO,
    references=("GB/T 9704-2012 7.3.3",),
)
def sub_heading_sequence(report: Report, context: RuleContext) -> Iterator[Finding]:
    """同一部分中的“（一）（二）（三）……”应连续编号；从“（一）”重新开始是允许的（如“存在问题”
    与“改进措施”各自编号），跳号（“（二）”之后是“（四）”）则提示。

    为什么重要：跳号通常说明删改时漏掉了一段内容，或编号没有随之调整。

    不通过的例子：“（一）主动公开 （二）依申请公开 （四）平台建设”。
    通过的例子：“（一）……（二）……”，以及“存在问题 （一）（二） 改进措施 （一）（二）”。
    """
    previous: dict[int, int] = {}  # section block index → last number seen in it
    for block in prose_blocks(report, context.template):
        if block.section is None or block.section.key == "requests":
            continue  # 表三's labels （一）…（七） are table rows, not headings
        match = _SUB_NUMBER_RE.match(block.text)
        if not match:
            continue
        number = _chinese_value(match.group(1))
        last = previous.get(block.section.block_index, 0)
        previous[block.section.block_index] = number
        if number == 1 or last == 0 or number <= last + 1:
            continue  # a restart, a first number we cannot judge, or the next one
        expected = NUMERALS_SUB[last] if last < len(NUMERALS_SUB) else ""
        position = offset_position(block.position, block.text, match.start(1), match.end(1))
        yield Finding(
            message=f"“{match.group(0).strip()}”前一个二级标题是“（{NUMERALS_SUB[last - 1]}）”，跳过了“（{expected}）”",
            message_en=f"the sub-heading “{match.group(0).strip()}” follows （{NUMERALS_SUB[last - 1]}）; （{expected}） is skipped",
            location=section_location(block.section, position),
            expected=f"（{expected}）",
            actual=match.group(0).strip(),
        )


# "一是…；二是…；三是…": an ordinal of an enumeration in running text. Ordinals after the
# first count only after punctuation or at the start of a line ("不二是" is not one); "一是"
# starts a new enumeration wherever it stands ("改进措施一是…" in a copy without breaks).
_ENUMERATION_RE = re.compile(r"([一二三四五六七八九十]{1,3})是")
_ENUMERATION_BEFORE = set("。；;，,：:！!？?、）)」”\"\n \t\u3000#")


@record(slots=False)
class _Ordinal:
    number: int
    raw: str
    block: TextBlock
    start: int  # offset of the numeral in the block's text


def _ordinals(blocks: list[TextBlock]) -> list[_Ordinal]:
    out: list[_Ordinal] = []
    for block in blocks:
        for match in _ENUMERATION_RE.finditer(block.text):
            number = _chinese_value(match.group(1))
            before = block.text[match.start() - 1] if match.start() > 0 else "\n"
            if number == 1 and match.group(1) == "一":
                out.append(_Ordinal(1, match.group(1), block, match.start(1)))
            elif number > 1 and before in _ENUMERATION_BEFORE:
                out.append(_Ordinal(number, match.group(1), block, match.start(1)))
    return out


@rule(
    "P004",
    "enumeration-order",
    summary="“一是、二是、三是”的序数重复或跳号",
    summary_en="An enumeration “一是、二是、三是…” repeats or skips an ordinal",
    severity=Severity.WARNING,
    references=("GB/T 9704-2012 7.3.3",),
)
def enumeration_order(report: Report, context: RuleContext) -> Iterator[Finding]:
    """正文中用“一是……二是……三是……”列举时，序数应依次递增，不重复、不跳号。每个“一是”开始
    一组新的列举；一组列举可以跨段落，但不跨一级标题。

    为什么重要：重复的“三是”或跳过的“四是”多半是增删内容后没有改序号，读者会以为漏了一条。

    不通过的例子：“一是……；二是……；三是……；三是……”（重复）、“一是……；二是……；四是……”（跳号）。
    通过的例子：“一是……；二是……；三是……”，以及“（一）……一是……二是 （二）……一是……”。
    """
    by_section: dict[int, list[TextBlock]] = {}
    for block in prose_blocks(report, context.template):
        by_section.setdefault(block.section.block_index if block.section else -1, []).append(block)
    for blocks in by_section.values():
        ordinals = _ordinals(blocks)
        last = 0
        for index, ordinal in enumerate(ordinals):
            if ordinal.number == 1 or last == 0 or ordinal.number < last:
                last = ordinal.number  # a new enumeration (or one whose start we cannot see)
                continue
            if ordinal.number == last + 1:
                last = ordinal.number
                continue
            expected = last + 1
            what = "重复" if ordinal.number == last else f"跳过了“{NUMERALS_SUB[expected - 1]}是”"
            # Renumbering is safe only for the last ordinal of its enumeration.
            later = next((o for o in ordinals[index + 1 :]), None)
            is_last = later is None or later.number == 1 or later.number < ordinal.number
            right = NUMERALS_SUB[expected - 1] if expected <= len(NUMERALS_SUB) else ""
            position = offset_position(ordinal.block.position, ordinal.block.text, ordinal.start,
                                       ordinal.start + len(ordinal.raw))
            previous = NUMERALS_SUB[last - 1] if last <= len(NUMERALS_SUB) else str(last)
            yield Finding(
                message=f"列举的“{ordinal.raw}是”在“{previous}是”之后，序数{what}，应为“{right}是”",
                message_en=f"the enumeration ordinal “{ordinal.raw}是” follows “{previous}是”; expected “{right}是”",
                location=section_location(ordinal.block.section, position),
                expected=f"{right}是",
                actual=f"{ordinal.raw}是",
                fix=Fix(f"改为“{right}是”", right, position, ordinal.raw) if is_last and right else None,
            )
            last = expected if ordinal.number == last else ordinal.number


TYPOGRAPHY_RULES = [document_number, heading_numbering_style, sub_heading_sequence, enumeration_order]
