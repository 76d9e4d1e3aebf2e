"""Table and cell rules (T): the right template, every table recognized, clean cells."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from reportlint.model import Fact, Finding, Fix, Location, Report, Severity
from reportlint.relations import cached_evaluations
from reportlint.rules import RuleContext, rule
from reportlint.text.numbers import format_decimal

FORMAT_REFS = ("国办公开办函〔2019〕60号", "国办公开办函〔2021〕30号")
DOCUMENTS = {"2019": "国办公开办函〔2019〕60号", "2021": "国办公开办函〔2021〕30号"}


def recorded(report: Report, *prefixes: str) -> Iterator[Finding]:
    """What the recognizer recorded as unrecognized under ``prefixes``, as findings."""
    for item in report.unrecognized:
        if item.what.startswith(prefixes):
            yield Finding(message=item.message, message_en=item.message_en, location=Location(position=item.position))


def fact_location(fact: Fact) -> Location:
    """The logical and physical location of a fact."""
    return Location(fact.position, None, fact.table_label, fact.row_label, fact.column_label, fact.key)


@rule(
    "T001",
    "wrong-template-version",
    summary="年报使用的表格格式与报告年度不符",
    summary_en="The tables use the format of another report year",
    severity=Severity.ERROR,
    references=FORMAT_REFS,
)
def wrong_template_version(report: Report, context: RuleContext) -> Iterator[Finding]:
    """2019、2020 年度年报使用 2019 年格式（国办公开办函〔2019〕60号）；2021 年度起使用 2021 年
    格式（国办公开办函〔2021〕30号）。两种格式的表二和表三（六）项标签不同，据此判断实际使用的格式。

    为什么重要：用错格式的年报缺少现行格式要求的数据项（如“本年废止件数”“行政事业性收费金额”），
    属于内容不全面。

    不通过的例子：2022 年度年报的表二仍是“本年新制作数量 / 本年新公开数量 / 对外公开总数量”。
    通过的例子：2022 年度年报使用“本年制发件数 / 本年废止件数 / 现行有效件数”。
    """
    by_year, by_labels = report.format_by_year, report.format_by_labels
    if not by_year or not by_labels or by_year == by_labels:
        return
    found = [(label, pos) for version, label, pos in report.fingerprints if version == by_labels]
    shown = "、".join(f"“{label}”" + (f"（第 {pos.line} 行）" if pos else "") for label, pos in found[:3])
    year = report.metadata.report_year
    yield Finding(
        message=f"{year} 年度年报应使用 {by_year} 年格式（{DOCUMENTS.get(by_year, by_year)}），"
        f"但表格使用了 {by_labels} 年格式的标签：{shown}",
        message_en=f"a {year} report must use the {by_year} format ({DOCUMENTS.get(by_year, by_year)}) but its "
        f"tables carry {by_labels}-format labels",
        location=Location(position=found[0][1] if found else None),
        expected=by_year,
        actual=by_labels,
    )


@rule(
    "T002",
    "table-not-recognized",
    summary="未能识别法定表格，无法核对其数字",
    summary_en="A statutory table could not be recognized, so its numbers were not checked",
    severity=Severity.WARNING,
    references=FORMAT_REFS,
)
def table_not_recognized(report: Report, context: RuleContext) -> Iterator[Finding]:
    """格式规定的每一张表（表二各项、表三、表四）都应能按行标签找到。找不到时单独报告，
    而不是默默通过：表格可能缺失，也可能格式无法识别（例如标签被改写）。

    为什么重要：未识别的表格无法核对勾稽关系；若不提示，审核人会误以为数字已通过检查。

    不通过的例子：年报没有表四，或表四的十五个数字不在同一行也无法按顺序对应。
    通过的例子：表格按格式的行标签填写（空格、全角半角差异可以识别）。
    """
    for item in report.unrecognized:
        if item.what.startswith("table:"):
            yield Finding(
                message=f"{item.message}，无法核对其中的数字（表格缺失或格式无法识别）",
                message_en=f"{item.message_en}; its numbers could not be checked",
                location=Location(position=item.position),
            )


@rule(
    "T003",
    "table-row-problem",
    summary="法定表格缺少某行，或某行的数值个数不对",
    summary_en="A row of a statutory table is missing or has the wrong number of values",
    severity=Severity.WARNING,
    references=FORMAT_REFS,
)
def table_row_problem(report: Report, context: RuleContext) -> Iterator[Finding]:
    """表格中每一行都应按格式的行标签填写，且数值个数与列数一致；格式之外的行也在此提示。

    为什么重要：缺行或错列会让勾稽关系无法核对，常见于从 Word/PDF 转换时行被拆散或合并。

    不通过的例子：表三缺少“（五）不予处理 3.要求提供公开出版物”一行；或该行只有 6 个数字；或整张表
    每行都只有 6 个数字（缺少一列，只报告一次）。
    通过的例子：表三 25 行（2021 年格式）每行 7 个数字。
    """
    yield from recorded(report, "row:", "unknown-row:", "columns:")


@rule(
    "T004",
    "cell-not-number",
    summary="应填数字的单元格中不是数字",
    summary_en="A cell that must hold a number does not",
    severity=Severity.ERROR,
    references=FORMAT_REFS,
)
def cell_not_number(report: Report, context: RuleContext) -> Iterator[Finding]:
    """表格中的统计项只能填写数字（0 可写作“0”，也常见“/”“—”“无”）。

    为什么重要：文字无法参与勾稽关系核对，也使各地年报无法汇总比较。

    不通过的例子：“若干”“见附件”“2个”。
    通过的例子：“0”“12”“7730.28”。
    """
    unchecked: dict[str, list[str]] = {}
    for evaluation in cached_evaluations(report, context):
        for key in evaluation.invalid:
            codes = unchecked.setdefault(key, [])
            if evaluation.instance.relation.code not in codes:
                codes.append(evaluation.instance.relation.code)
    for fact in report.facts:
        if fact.kind == "invalid":
            raw = fact.raw.strip()
            shown = raw if len(raw) <= MAX_QUOTED else raw[:MAX_QUOTED] + f"…（共 {len(raw)} 个字符）"
            codes = sorted(unchecked.get(fact.key, []))
            also = f"；{'、'.join(codes)}因此未核对" if codes else ""
            yield Finding(
                message=f"「{fact.row_label} · {fact.column_label}」应为数字，实为“{shown}”{also}",
                message_en=f"「{fact.row_label} · {fact.column_label}」 must be a number, found “{shown}”"
                + (f"; {', '.join(codes)} left unchecked" if codes else ""),
                location=fact_location(fact),
                actual=shown,
            )


MAX_QUOTED = 40  # characters of a cell quoted in a message


def _column_type(context: RuleContext, fact: Fact) -> str:
    try:
        return context.template.table(fact.table).column(fact.column).type
    except KeyError:
        return "count"


@rule(
    "T005",
    "negative-value",
    summary="件数或金额为负数",
    summary_en="A count or amount is negative",
    severity=Severity.ERROR,
    references=FORMAT_REFS,
)
def negative_value(report: Report, context: RuleContext) -> Iterator[Finding]:
    """件数和金额不能为负；只有 2019 年格式的“本年增/减”可以带正负号（R5）。

    为什么重要：负的件数不可能发生，通常是把“本年增/减”的写法带进了别的列，或录入错误。

    不通过的例子：“行政处罚 · 处理决定数量 = -3”。
    通过的例子：“行政许可 · 本年增/减 = -2”。
    """
    for fact in report.facts:
        if fact.value is not None and fact.value < 0 and _column_type(context, fact) != "signed":
            yield Finding(
                message=f"「{fact.row_label} · {fact.column_label}」不能为负数，实为 {format_decimal(fact.value)}",
                message_en=f"「{fact.row_label} · {fact.column_label}」 cannot be negative, found {format_decimal(fact.value)}",
                location=fact_location(fact),
                actual=format_decimal(fact.value),
            )


@rule(
    "T006",
    "fractional-count",
    summary="件数不是整数",
    summary_en="A count is not a whole number",
    severity=Severity.ERROR,
    references=FORMAT_REFS,
)
def fractional_count(report: Report, context: RuleContext) -> Iterator[Finding]:
    """件数、次数必须是整数；只有金额（如“本年收费金额（单位：万元）”“采购总金额”）可以有小数（R5）。

    为什么重要：小数件数说明单元格错位（金额写进了件数列）或录入错误。

    不通过的例子：“予以公开 · 自然人 = 2.5”。
    通过的例子：“行政事业性收费 · 本年收费金额（单位：万元） = 7730.28”。
    """
    for fact in report.facts:
        if fact.value is None or _column_type(context, fact) == "amount":
            continue
        if fact.value != fact.value.to_integral_value():
            yield Finding(
                message=f"「{fact.row_label} · {fact.column_label}」是件数，应为整数，实为 {fact.raw.strip()}",
                message_en=f"「{fact.row_label} · {fact.column_label}」 is a count and must be whole, found {fact.raw.strip()}",
                location=fact_location(fact),
                actual=fact.raw.strip(),
            )


@rule(
    "T007",
    "unit-in-cell",
    summary="单元格中写了单位",
    summary_en="A unit is written inside a cell",
    severity=Severity.WARNING,
    references=FORMAT_REFS,
)
def unit_in_cell(report: Report, context: RuleContext) -> Iterator[Finding]:
    """单位由表头规定（如“本年收费金额（单位：万元）”），单元格内只写数字。

    为什么重要：单元格内的单位可能与表头不一致（表头为万元却写“251000元”），使数字被误读。

    不通过的例子：“采购总金额 = 251000元”。
    通过的例子：“采购总金额 = 251000”，单位写在表头或说明中。
    """
    for fact in report.facts:
        if not fact.unit:
            continue
        spec_unit = ""
        try:
            spec_unit = context.template.table(fact.table).column(fact.column).unit
        except KeyError:
            pass
        clash = f"，与表头的单位“{spec_unit}”不一致" if spec_unit and spec_unit != fact.unit else ""
        number = format_decimal(fact.value)
        yield Finding(
            message=f"「{fact.row_label} · {fact.column_label}」的单元格中写了单位“{fact.unit}”{clash}；单元格内只写数字",
            message_en=f"「{fact.row_label} · {fact.column_label}」 has the unit “{fact.unit}” inside the cell",
            location=fact_location(fact),
            fix=Fix(f"改为“{number}”并在表头注明单位", number, fact.position, fact.raw.strip()),
        )


@rule(
    "T008",
    "note-in-cell",
    summary="单元格中数字后附有说明文字",
    summary_en="A cell holds a remark after its number",
    severity=Severity.INFO,
    references=FORMAT_REFS,
)
def note_in_cell(report: Report, context: RuleContext) -> Iterator[Finding]:
    """表格单元格应只有数字；说明性文字（如“（其中修订16件）”）宜写在正文中。reportlint 按前面的
    数字读取该单元格，并在此提示附注的存在。

    为什么重要：附注会妨碍机器汇总，也容易被误读为数字的一部分。

    不通过的例子：“22（其中修订16件）”。
    通过的例子：表中写“22”，正文写明“其中修订16件”。
    """
    for fact in report.facts:
        if fact.note:
            yield Finding(
                message=f"「{fact.row_label} · {fact.column_label}」的单元格附有说明“{fact.note}”，按 {format_decimal(fact.value)} 读取；说明宜写入正文",
                message_en=f"「{fact.row_label} · {fact.column_label}」 carries the remark “{fact.note}”; read as {format_decimal(fact.value)}",
                location=fact_location(fact),
            )


@rule(
    "T009",
    "blank-cells",
    summary="法定表格中有未填写的单元格",
    summary_en="Cells of a statutory table are left blank",
    severity=Severity.WARNING,
    references=FORMAT_REFS,
)
def blank_cells(report: Report, context: RuleContext) -> Iterator[Finding]:
    """格式中的每个统计项都应填写，没有数据时填“0”。每张表只报告一次，列出未填写的单元格。

    空白的分项按 0 参与勾稽关系核对（很多网页把 0 都留空），此时只作提示（info）；空白的“总计”
    （总计行、总计列）不能当作 0，它所闭合的勾稽关系因此未核对，报告为警告并列出这些关系。
    设置 ``blank-as-zero = false`` 时任何空白都使相关关系无法核对（由 N000 报告）。

    为什么重要：空白的“总计”列等于没有汇总；空白也无法与“0”区分。

    不通过的例子：表三“总计”一列全部空白（上海市某单位 2019 年年报）。
    通过的例子：没有数据的单元格填写“0”。
    """
    from reportlint.relations import cached_evaluations, is_total_cell

    blanks: dict[str, list[Fact]] = defaultdict(list)
    for fact in report.facts:
        if fact.kind == "empty":
            blanks[fact.table_label].append(fact)
    skipped: dict[str, list[str]] = defaultdict(list)
    if blanks:
        for evaluation in cached_evaluations(report, context):
            if evaluation.status == "skipped":
                table = evaluation.instance.table.display
                code = evaluation.instance.relation.code
                if code not in skipped[table]:
                    skipped[table].append(code)
    for table, facts in blanks.items():
        first = facts[0]
        names = "、".join(f"「{f.row_label} · {f.column_label}」" for f in facts[:3])
        more = f"等 {len(facts)} 个" if len(facts) > 3 else ""
        columns = {f.column_label for f in facts}
        whole_column = ""
        if len(columns) == 1 and len(facts) > 2:
            whole_column = f"（「{first.column_label}」列整列未填）"
        totals = any(is_total_cell(f) for f in facts)
        codes = "、".join(skipped.get(table, []))
        if totals:
            consequence = f"；空白的总计不能当作 0，{codes or '相关勾稽关系'}因此未核对"
        else:
            consequence = "；核对勾稽关系时按 0 计算"
        yield Finding(
            message=f"「{table}」有 {len(facts)} 个单元格未填写{whole_column}：{names}{more}{consequence}；没有数据应填“0”",
            message_en=f"「{table}」 has {len(facts)} blank cell(s); write 0 where there is nothing to report"
            + (f" ({codes} not checked: a blank total is not a zero)" if totals and codes else ""),
            location=fact_location(first),
            actual=str(len(facts)),
            severity=None if totals else Severity.INFO,
        )


@rule(
    "T010",
    "row-label-differs",
    summary="表格行标签与格式不一致",
    summary_en="A table row's label differs from the format",
    severity=Severity.WARNING,
    references=FORMAT_REFS,
)
def row_label_differs(report: Report, context: RuleContext) -> Iterator[Finding]:
    """行标签应照录格式原文。标签写错（漏字、错字）的行，若位于两行已识别的行之间、且数目恰好
    对应，reportlint 按位置把它认作格式中的那一行，照常核对数字，并在此提示标签的差异。

    为什么重要：标签错误使读者（和汇总系统）无法确认数字的含义，常见于手工录入表格。

    不通过的例子：表三“2.其他法律行政止公开”（应为“2.其他法律行政法规禁止公开”）。
    通过的例子：“2.其他法律行政法规禁止公开”；空格、全角半角不同不算差异。
    """
    yield from recorded(report, "label:")


@rule(
    "T011",
    "mixed-format-rows",
    summary="表格中混用了另一版本格式的行",
    summary_en="A table mixes in rows of the other format version",
    severity=Severity.WARNING,
    references=FORMAT_REFS,
)
def mixed_format_rows(report: Report, context: RuleContext) -> Iterator[Finding]:
    """2019 年格式和 2021 年格式的表格有几处不同，例如表三“（六）其他处理”：2019 年格式为一行，
    2021 年格式分为“1.申请人无正当理由逾期不补正……”“2.申请人逾期未按收费通知要求缴纳费用……”
    “3.其他”三行。年报主体使用一种格式、个别行却沿用另一种格式时在此提示。

    为什么重要：混用格式会缺少现行格式要求的数据项，相关的勾稽关系也无法核对。

    不通过的例子：2023 年度年报的表三只有一行“（六）其他处理”。
    通过的例子：按 2021 年格式填写（六）项的三行。
    """
    yield from recorded(report, "other-format:")


@rule(
    "T012",
    "split-number",
    summary="表格中的数字被拆开（如“20”“23”），合并后读取",
    summary_en="A number in a table was split in two and was read joined",
    severity=Severity.WARNING,
    references=FORMAT_REFS,
)
def split_number(report: Report, context: RuleContext) -> Iterator[Finding]:
    """从 PDF 或 Word 转换的表格中，一个数字有时被拆成两个（“2023”变成“20”“23”），该行就多出一个数值。
    只有当恰好一种合并方式能使该行的合计关系成立时，reportlint 才按合并后的数字读取，并在此提示核对。

    为什么重要：被拆开的数字会使整张表无法核对；原文件（或其转换）应当改正。

    不通过的例子：“（一）予以公开 9 0 0 0 0 0 9 5”（总计 95 被拆成“9”“5”）。
    通过的例子：“（一）予以公开 95 0 0 0 0 0 95”。
    """
    yield from recorded(report, "split:")


@rule(
    "T013",
    "cells-run-together",
    summary="表格的单元格连在一起，无法唯一拆分的数字未核对",
    summary_en="A table's cells run together; numbers that cannot be split uniquely were not checked",
    severity=Severity.INFO,
    references=FORMAT_REFS,
)
def cells_run_together(report: Report, context: RuleContext) -> Iterator[Finding]:
    """网页的抓取副本或纯文本转换常把整篇正文放在一行，表格单元格之间没有分隔：
    “一、本年新收政府信息公开申请数量690000069”。reportlint 按格式的行标签找到每一行，只有当
    恰好一种拆分方式使该行的勾稽关系（六项之和等于总计；表四三组各自的总计）成立时才按此拆分，
    并在 ``reportlint show`` 中标明。无法唯一拆分的行（或整张表）在此每表报告一次，不逐行、
    不逐条关系重复报告。

    为什么重要：这是转换造成的结构丢失，不是年报作者的错误；但这些数字没有被核对，审核人应
    查看原件。

    不通过的例子：“行政许可4500”（上一年项目数量、本年增/减、处理决定数量可拆为 45/0/0 或 4/50/0）。
    通过的例子：“规章000”（三个数只能是 0、0、0）。
    """
    items = [item for item in report.unrecognized if item.what.startswith("flattened:")]
    if not items:
        return
    yield Finding(
        message="表格的单元格连在一起（表格结构已丢失），下列数字无法唯一拆分，未核对："
        + "；".join(item.message for item in items),
        message_en="table cells run together (the structure was lost); not split uniquely, so not checked: "
        + "; ".join(item.message_en for item in items),
        location=Location(position=items[0].position),
    )


TABLE_RULES = [wrong_template_version, table_not_recognized, table_row_problem, cell_not_number,
               negative_value, fractional_count, unit_in_cell, note_in_cell, blank_cells,
               row_label_differs, mixed_format_rows, split_number, cells_run_together]
