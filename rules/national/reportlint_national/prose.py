"""Prose-versus-table rules (X): numbers and claims in the text agree with the tables (R10)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from reportlint.model import Finding, Report, Severity
from reportlint.rules import RuleContext, rule
from reportlint.text.normalize import fold
from reportlint.text.numbers import format_decimal
from reportlint.text.quantities import (
    PartsOfWhole,
    accepted_request_totals,
    parts_of_wholes,
    prose_quantities,
    request_totals,
    share_fits,
    stated_shares,
)
from reportlint_national.common import (
    TextBlock,
    prose_paragraphs,
    span_location,
)

_UPHELD_ALL_RE = re.compile(r"(?:均|全部|都)(?:获|被|予以|得到)?(?:维持|胜诉)")
_NONE_REQUESTS_RE = re.compile(r"(?:未|没有|无)(?:收到|受理|接到)(?:任何)?(?:政府信息公开|依申请公开)?申请")
_NONE_REVIEW_RE = re.compile(r"(?:未|没有|无)(?:发生|产生|涉及|出现)?(?:因政府信息公开(?:工作)?(?:而)?)?(?:被申请)?(?:行政复议|行政诉讼)")
PROSE_REFS = ("《条例》第五十条", "国办公开办函〔2021〕30号")


def _value(report: Report, key: str) -> Decimal | None:
    fact = report.fact(key)
    return fact.value if fact is not None else None


def _sentences(block: TextBlock) -> Iterator[tuple[str, int]]:
    text = fold(block.text)
    for match in re.finditer(r"[^。！？；;\n]+", text):
        yield match.group(0), match.start()


@rule(
    "X001",
    "prose-request-count",
    summary="正文中的申请件数与表三对不上",
    summary_en="The number of requests in the prose matches nothing in table 3",
    severity=Severity.WARNING,
    references=PROSE_REFS,
)
def prose_request_count(report: Report, context: RuleContext) -> Iterator[Finding]:
    """正文“共受理（收到）政府信息公开申请 N 件”“全县受理……申请 N 件”“全区共收办……申请 N 件”
    中的 N 应是表三的某个合计：本年新收总计、新收加上年
    结转，或（七）总计。三者都不等时提示（R10）。因为“受理”有时指新收、有时含结转，只有与三者都不
    一致的数字才报告。

    为什么重要：正文与表格矛盾，读者无法判断哪个数字可信。

    不通过的例子：表三新收 713、结转 36、总计 718，正文写“共受理申请 760 件”。
    通过的例子：“共受理申请 749 件”（713 + 36）或“全年收到申请 713 件”。
    """
    named = accepted_request_totals(report.fact_map)
    if not named:
        return
    allowed = {v for _, v in named}
    shown = "、".join(f"{name} {format_decimal(v)}" for name, v in named)
    for block in prose_paragraphs(report, context.template):
        for stated in request_totals(block.text):
            if stated.value in allowed:
                continue
            yield Finding(
                message=f"正文称“{stated.phrase}”，表三中没有这个数（{shown}）",
                message_en=f"the prose says {stated.value} requests; table 3 has {shown}",
                location=span_location(block, stated.start, stated.end),
                actual=format_decimal(stated.value),
                )


@rule(
    "X002",
    "prose-all-upheld",
    summary="正文称复议诉讼“均获维持”，表四却有未审结或被纠正的案件",
    summary_en="The prose says every case was upheld but table 4 shows other outcomes",
    severity=Severity.WARNING,
    references=PROSE_REFS,
)
def prose_all_upheld(report: Report, context: RuleContext) -> Iterator[Finding]:
    """正文说行政复议、行政诉讼案件“均获维持”时，表四不应有“结果纠正”“其他结果”或“尚未审结”的案件。

    为什么重要：这是年报中常见的矛盾：表中有尚未审结的案件，正文却笼统地说全部维持。

    不通过的例子：正文“行政复议案件均获维持”，表四行政复议“尚未审结 = 2”。
    通过的例子：正文“已审结的案件均获维持，另有 2 件尚未审结”。
    """
    for block in prose_paragraphs(report, context.template):
        for sentence, offset in _sentences(block):
            match = _UPHELD_ALL_RE.search(sentence)
            if not match or "尚未审结" in sentence or "未审结" in sentence:
                continue
            groups = []
            if "复议" in sentence:
                groups.append(("reconsideration", "行政复议"))
            if "诉讼" in sentence:
                groups += [("direct", "行政诉讼（未经复议直接起诉）"), ("after", "行政诉讼（复议后起诉）")]
            if not groups:
                continue
            others = []
            for key, label in groups:
                for column, name in (("corrected", "结果纠正"), ("other", "其他结果"), ("pending", "尚未审结")):
                    value = _value(report, f"review.{key}.{column}")
                    if value:
                        others.append(f"{label}「{name}」{format_decimal(value)} 件")
            if others:
                start = offset + match.start()
                yield Finding(
                    message=f"正文称“{sentence.strip()[:30]}”，但表四中有 {'、'.join(others)}",
                    message_en="the prose says all cases were upheld but table 4 shows other outcomes",
                    location=span_location(block, start, start + len(match.group(0))),
                )


@rule(
    "X003",
    "prose-denies-table",
    summary="正文称没有申请或没有复议诉讼，表格中却有",
    summary_en="The prose says there were none, the tables show some",
    severity=Severity.WARNING,
    references=PROSE_REFS,
)
def prose_denies_table(report: Report, context: RuleContext) -> Iterator[Finding]:
    """正文写“未收到政府信息公开申请”“未发生行政复议、行政诉讼”时，表三、表四中相应的数字应为 0。

    为什么重要：照抄往年的“无申请”表述而表格已有数字，是年报“内容雷同”的典型表现。

    不通过的例子：正文“本年度未收到政府信息公开申请”，表三新收总计 3。
    通过的例子：正文与表格都为零，或正文如实写明件数。
    """
    new = _value(report, "requests.new.total")
    review = {key: _value(report, f"review.{key}.total") for key in ("reconsideration", "direct", "after")}
    for block in prose_paragraphs(report, context.template):
        for sentence, offset in _sentences(block):
            match = _NONE_REQUESTS_RE.search(sentence)
            if match and new:
                start = offset + match.start()
                yield Finding(
                    message=f"正文称“{match.group(0)}”，表三「一、本年新收 · 总计」为 {format_decimal(new)}",
                    message_en=f"the prose says no requests were received; table 3 shows {new}",
                    location=span_location(block, start, start + len(match.group(0))),
                )
            match = _NONE_REVIEW_RE.search(sentence)
            if not match:
                continue
            keys = (["reconsideration"] if "复议" in match.group(0) else []) + (
                ["direct", "after"] if "诉讼" in match.group(0) else [])
            if "行政复议、行政诉讼" in sentence or "行政复议和行政诉讼" in sentence:
                keys = ["reconsideration", "direct", "after"]
            count = sum((review[k] or Decimal(0) for k in keys), Decimal(0))
            if count:
                start = offset + match.start()
                yield Finding(
                    message=f"正文称“{match.group(0)}”，表四相应的总计为 {format_decimal(count)} 件",
                    message_en=f"the prose says there were none; table 4 shows {count}",
                    location=span_location(block, start, start + len(match.group(0))),
                )


# "未收取信息处理费", "无收取信息处理费情况", "没有收取任何信息处理费" — and the opposite,
# "收取信息处理费共计380元". Table 二's 行政事业性收费 is another thing and never counts.
_NO_FEES_RE = re.compile(r"(?:未|没有|无|不曾)(?:向申请人)?(?:收取|收)(?:过)?(?:任何)?(?:政府信息公开)?信息处理费")
_FEES_RE = re.compile(
    r"(?<![未无没])收取(?:了)?(?:政府信息公开)?信息处理费(?:共计|合计|共|总计)?\s*(\d+(?:\.\d+)?)\s*(万元|元)"
)


@rule(
    "X004",
    "prose-fees-contradiction",
    summary="正文既称未收取信息处理费，又写明收取了信息处理费",
    summary_en="The text says no information-processing fee was charged, and elsewhere that one was",
    severity=Severity.WARNING,
    references=("《条例》第四十二条", "国办函〔2020〕109号", "国办公开办函〔2021〕30号"),
)
def prose_fees_contradiction(report: Report, context: RuleContext) -> Iterator[Finding]:
    """“其他需要报告的事项”要说明信息处理费的收取情况。同一份年报中一处写“未收取信息处理费”，
    另一处写“收取信息处理费 N 元”（N 大于 0），两者至少有一处错误。表二的“行政事业性收费”是另一回事，
    不参与比较。

    为什么重要：信息处理费是第四十二条规定的收费，收与未收写反了，读者无从判断。

    不通过的例子：第六部分“本年度未收取信息处理费”，第三部分“共收取信息处理费 380 元”。
    通过的例子：只写“未收取信息处理费”，或只写实际收取的金额。
    """
    denials: list[tuple[TextBlock, int, str]] = []
    charged: list[tuple[TextBlock, str]] = []
    for block in prose_paragraphs(report, context.template):
        text = fold(block.text)
        for match in _NO_FEES_RE.finditer(text):
            denials.append((block, match.start(), match.group(0)))
        for match in _FEES_RE.finditer(text):
            if Decimal(match.group(1)) > 0:
                charged.append((block, match.group(0)))
    if not denials or not charged:
        return
    where, what = charged[0]
    line = where.position.line if where.position else "?"
    for block, start, said in denials:
        yield Finding(
            message=f"正文称“{said}”，但第 {line} 行写明“{what}”",
            message_en=f"the text says no information-processing fee was charged; line {line} says “{what}”",
            location=span_location(block, start, start + len(said)),
        )


@rule(
    "X005",
    "prose-quantity-mismatch",
    summary="正文写的数量与表格中对应的单元格不一致",
    summary_en="A count stated in the prose differs from its cell in the tables",
    severity=Severity.WARNING,
    references=PROSE_REFS,
)
def prose_quantity_mismatch(report: Report, context: RuleContext) -> Iterator[Finding]:
    """正文中陈述表格数量的句子，数字应与它所指的单元格一致：
    表三——“予以公开 N 件”“部分公开 N 件”“无法提供 N 件”“不予处理 N 件”“不予公开 N 件”（各小项之和）、
    “办结 N 件”（（七）总计）、“结转下年度 N 件”，与“新收/收到”同句的“自然人 N 件”“法人或其他组织 N 件”
    “商业企业 N 件”等（「一、本年新收」的相应列）；表四——“行政复议 N 件”“行政诉讼 N 件”，只讲复议
    （或只讲诉讼）的句子中的“维持 N 件”“纠正 N 件”“尚未审结 N 件”；表二——“制发（废止、现行有效）
    规范性文件/规章 N 件”“作出行政许可（处罚、强制）决定 N 件”“行政事业性收费 N 万元”。
    只读明确的表述：与上年比较、百分比、人次等句子不读；同一个数字可能指两个量时不读；
    PDF 中折行的句子按整段读。``reportlint show`` 列出读到的每个数量及其对应的单元格。

    为什么重要：正文与表格矛盾，读者无法判断哪个数字可信。

    不通过的例子：表三「（一）予以公开 · 总计」为 3，正文写“予以公开 5 件”。
    通过的例子：正文写“予以公开 3 件”，或不写这一数字。
    """
    facts = report.fact_map
    for block in prose_paragraphs(report, context.template):
        for quantity in prose_quantities(block.text):
            keys = quantity.cells_for(facts)
            if keys is None:
                continue  # this format has no such cell, or the table was not read
            cells = [facts[key] for key in keys]
            if any(cell.kind not in ("number", "nil", "empty") for cell in cells):
                continue  # a cell that is not a number: T-rules say so, nothing to compare
            table_value = sum((cell.value or Decimal(0) for cell in cells), Decimal(0))
            if table_value == quantity.value:
                continue
            first = cells[0]
            table = _table_number(context, first.table)
            if len(cells) == 1:
                where = f"「{first.row_label} · {first.column_label}」"
            elif len({cell.column_label for cell in cells}) == 1:
                where = f"「{quantity.label}」各项的「{first.column_label}」之和"
            else:
                where = f"「{first.row_label}」中{quantity.label.split(' · ')[-1]}各列之和"
            shown, said = format_decimal(table_value), format_decimal(quantity.value)
            yield Finding(
                message=f"正文称“{quantity.phrase}”，{table}{where}为 {shown}",
                message_en=f"the prose says {said} ({quantity.label}); {table} has {shown}",
                location=span_location(block, quantity.start, quantity.end),
                expected=shown,
                actual=said,
            )


def _table_number(context: RuleContext, table_key: str) -> str:
    """"表三" for the requests table (the template's number for a table key)."""
    try:
        return context.template.table(table_key).number
    except KeyError:
        return "表格"


def _parts_and_wholes(report: Report, context: RuleContext) -> Iterator[tuple[TextBlock, PartsOfWhole, int, str]]:
    """Each whole with its parts in the prose (X006, X008): the block, the sentence's parts,
    their sum, and the sum written out. Sentences whose parts the tables judge are left to
    X005."""
    for block in prose_paragraphs(report, context.template):
        for found in parts_of_wholes(block.text):
            if _judged_by_tables(report, block.text, found):
                continue
            shown = " + ".join(str(p) for p in found.parts[:6]) + (" + …" if len(found.parts) > 6 else "")
            yield block, found, sum(found.parts), shown


def _judged_by_tables(report: Report, text: str, found: PartsOfWhole) -> bool:
    """True when every part is a prose quantity with its own table cell: X005 compares each
    part with the tables (and X001 the whole), which names the wrong number — a sum check
    over the same numbers would say the same cause twice."""
    checked = {q.start for q in prose_quantities(text) if q.cells_for(report.fact_map) is not None}
    return bool(found.part_starts) and all(start in checked for start in found.part_starts)


@rule(
    "X006",
    "prose-parts-exceed-whole",
    summary="正文中“其中”各项之和超过了总数",
    summary_en="In the prose, the parts listed after 其中 add up to more than the whole",
    severity=Severity.WARNING,
    references=("《条例》第五十条",),
)
def prose_parts_exceed_whole(report: Report, context: RuleContext) -> Iterator[Finding]:
    """“共公开政府信息 N 条，其中 A 类 a 条，B 类 b 条……”中，“其中”之后同一单位的各项之和不能超过 N。
    总数取“其中”前最近的一个数；第二个“其中”之后是某一项的细分，不计入；含百分比的句子不读。
    超出的数恰好等于某一项时（如“发布信息 2139 条，其中动态类 1744 条，政务信息 393 条，解读类 21 条，
    回应关注 2 条”），该项很可能包含在另一项中（分类有交叉），不提示。跨行折断的段落（PDF）按整段读。

    为什么重要：分项之和超过总数，说明总数或某个分项写错了。

    不通过的例子：“全年主动公开信息 100 条，其中政策文件 60 条，工作动态 50 条”。
    通过的例子：“全年主动公开信息 151 条，其中组织机构 22 条，本单位文件 24 条……”（各项之和不超过总数）。
    """
    for block, found, total, shown in _parts_and_wholes(report, context):
        # Exceeding by exactly one part: that part is likely counted inside another
        # (解读类 21 within 政务信息) — overlap, not arithmetic. Unsure: say nothing.
        if total > found.whole and (total - found.whole) not in found.parts:
            yield Finding(
                message=f"正文称“{found.phrase}”，其后“其中”各项之和为 {shown} = {total} {found.unit}，超过了总数",
                message_en=f"the parts after 其中 add up to {total}, more than the whole {found.whole}",
                location=span_location(block, found.start, found.end),
                expected=f"≥ {total}",
                actual=str(found.whole),
            )


@rule(
    "X008",
    "prose-parts-not-whole",
    summary="正文中“分别为”的各项，或自然人与法人或其他组织两类之和，不等于总数",
    summary_en="Parts the prose lists as complete (分别为, or both classes of applicant) do not add up to the whole",
    severity=Severity.WARNING,
    references=("《条例》第五十条",),
)
def prose_parts_not_whole(report: Report, context: RuleContext) -> Iterator[Finding]:
    """“共 N 件，分别为 a 件、b 件……”列出的是全部组成部分，之和应等于 N；“收到申请 N 件，其中自然人 a 件，
    法人或其他组织 b 件”中两类申请人已是全部，a + b 应等于 N。之和大于总数时由 X006 提示，这里只提示
    小于总数的情形（一个原因只报一次）。只有“其中”而没有列全的，分项之和小于总数是正常的，不提示。

    为什么重要：列全的分项与总数不符，说明总数或某个分项写错了。

    不通过的例子：“全年收到申请 20 件，其中自然人 12 件，法人或其他组织 6 件”。
    通过的例子：“全年收到申请 20 件，其中自然人 14 件，法人或其他组织 6 件”。
    """
    for block, found, total, shown in _parts_and_wholes(report, context):
        if found.closed and total < found.whole:
            yield Finding(
                message=f"正文称“{found.phrase}”，其后{found.closed}之和为 {shown} = {total} {found.unit}，"
                f"少于总数",
                message_en=f"the parts listed as complete add up to {total}, less than the whole {found.whole}",
                location=span_location(block, found.start, found.end),
                expected=str(total),
                actual=str(found.whole),
            )


@rule(
    "X007",
    "prose-share-mismatch",
    summary="正文中的百分比与它所依据的件数对不上",
    summary_en="A percentage in the prose matches none of the counts it could be a share of",
    severity=Severity.INFO,
    references=("《条例》第五十条",),
)
def prose_share_mismatch(report: Report, context: RuleContext) -> Iterator[Finding]:
    """“有 45 项，占比 78.9%”“已办理 2520 件，办理率 97.8%”：百分比应等于这个数除以某个总数，按写出的
    小数位四舍五入（或截断）。总数不一定写在同一处，所以同一段中同一单位的每个更大的数都可以作为总数；
    只有没有任何一个数能得出这个百分比时才提示（提示级别），不猜是哪一个写错了。

    为什么重要：百分比与件数对不上，说明其中之一写错了，或者百分比是沿用往年的。

    不通过的例子：“共 89 项，其中 57 项已上线，实现全程网办的有 41 项，占比 81.9%”（41/57 = 71.9%，41/89 = 46.1%）。
    通过的例子：“已办理 2520 件，办理率 97.8%”（2520/2576）。
    """
    for block in prose_paragraphs(report, context.template):
        for share in stated_shares(block.text):
            if not share.bases or any(share_fits(part, b, share.percent, share.decimals)
                                      for part in share.parts for b in share.bases if b >= part):
                continue
            tried = "、".join(f"{share.part}/{b}" for b in share.bases[:4])
            yield Finding(
                message=f"正文称“{share.phrase}”，但本段中没有一个总数能得出 {share.percent}%（试过 {tried}）",
                message_en=f"“{share.phrase}”: no count in this paragraph gives {share.percent}%",
                location=span_location(block, share.start, share.end),
            )


PROSE_RULES = [prose_request_count, prose_all_upheld, prose_denies_table, prose_fees_contradiction,
               prose_quantity_mismatch, prose_parts_exceed_whole, prose_parts_not_whole, prose_share_mismatch]
