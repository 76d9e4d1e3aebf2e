"""One generic evaluator for the arithmetic relations of every template (勾稽关系).

Relations are data (``[[relations]]`` in a template or a template extension): a pack adds
a balance by adding data, never code. Each relation becomes a rule with its own code; all
of them share one evaluation per report, so that blame can be decided jointly:

* when changing one single cell would satisfy every failing relation that cell takes part
  in (its row and its column), and it takes part in no relation that holds, that cell is
  blamed — it is the cell most likely mistyped;
* otherwise the relation's total is blamed.

Blank cells (setting ``blank-as-zero``, on by default): a blank part counts as 0 — real
pages often leave every 0 blank, and a strict reading would check nothing on them — and T009
lists the blank cells once per table. A blank *total* (a cell in a 总计 row or column, or the
total a relation closes on) is never taken as 0: the relations it would close are skipped,
and T009 says so. With ``blank-as-zero = false`` every relation over a blank is "not
verifiable" and N000 reports it. Arithmetic is Decimal.

One cause, one diagnostic: failures that blame the same cell with the same expected value
form one cluster, reported once under the first relation's code with every failing relation
spelled out. A failure in the 总计 column that only follows from failures in the other
columns (every row total holds, so the 总计 column is their sum) joins their cluster.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import replace
from decimal import Decimal
from functools import cached_property

from reportlint.model import Fact, Finding, Location, Report, Severity
from reportlint.records import by_identity, record
from reportlint.rules import Rule, RuleContext, rule
from reportlint.templates import RelationSpec, TableSpec, Template, TemplateExtension
from reportlint.text.normalize import match_key
from reportlint.text.numbers import format_decimal

UNVERIFIABLE_CODE = "N000"
_CACHE_KEY = "relations.evaluations"
MAX_TERMS_SHOWN = 4


@record(slots=False)
class Instance:
    """One concrete relation: a relation applied to one column (or row) of a table."""

    relation: RelationSpec
    table: TableSpec
    member: str  # column key (over = columns), row key (over = rows), "" (cells)
    left: tuple[str, ...]  # fact keys
    right: tuple[str, ...]
    total: str  # fact key blamed when no single cell explains a failure

    @cached_property
    def cells(self) -> tuple[str, ...]:
        return self.left + self.right

    @property
    def over_columns(self) -> bool:
        return self.relation.over == "columns"

    def coefficient(self, fact_key: str) -> int:
        return 1 if fact_key in self.left else -1


@record(slots=False)
class Evaluation:
    """The outcome of one instance: ok, fail, unverifiable or missing (not recognized)."""

    instance: Instance
    status: str
    left_sum: Decimal | None = None
    right_sum: Decimal | None = None
    blanks: tuple[str, ...] = ()
    invalid: tuple[str, ...] = ()
    blame: str | None = None
    expected: Decimal | None = None
    blame_reason: str = ""  # cell (one cell explains it) | ambiguous (several could) | several (none alone)

    @property
    def difference(self) -> Decimal:
        assert self.left_sum is not None and self.right_sum is not None
        return self.left_sum - self.right_sum


@by_identity
def instances(template: Template) -> tuple[Instance, ...]:
    """Every concrete instance of every relation of the template (made once per template)."""
    out: list[Instance] = []
    for relation in template.relations:
        for table_key in relation.tables:
            if not template.has_table(table_key):
                continue
            table = template.table(table_key)
            if relation.over == "columns":
                members = [c.key for c in table.columns]
                for column in members:
                    if relation.only and column not in relation.only:
                        continue
                    out.append(Instance(
                        relation, table, column,
                        tuple(table.fact_key(r, column) for r in relation.left),
                        tuple(table.fact_key(r, column) for r in relation.right),
                        table.fact_key(relation.total, column),
                    ))
            elif relation.over == "rows":
                for row in (r.key for r in table.rows):
                    if relation.only and row not in relation.only:
                        continue
                    out.append(Instance(
                        relation, table, row,
                        tuple(table.fact_key(row, c) for c in relation.left),
                        tuple(table.fact_key(row, c) for c in relation.right),
                        table.fact_key(row, relation.total),
                    ))
            else:  # cells: members are full fact keys
                out.append(Instance(relation, table, "", relation.left, relation.right, relation.total))
    return tuple(out)


def _holds(op: str, left: Decimal, right: Decimal) -> bool:
    if op == "eq":
        return left == right
    if op == "le":
        return left <= right
    if op == "ge":
        return left >= right
    raise ValueError(f"unknown relation operator {op!r}")


def is_total_cell(fact: Fact, instance: Instance | None = None) -> bool:
    """A cell in a 总计 row or column, or the cell a relation closes on: never read as 0."""
    return fact.row == "total" or fact.column == "total" or (instance is not None and fact.key == instance.total)


def stand_ins(template: Template, facts: dict[str, Fact]) -> dict[str, str]:
    """Missing cells a row of another format stands for: 2019's single （六）其他处理 row
    in a 2021 table holds the sum of 2021's three （六） rows, so in a relation those three
    cells of a column are replaced by its one cell. Maps each stood-for key to the stand-in."""
    out: dict[str, str] = {}
    for fact in facts.values():
        if not fact.other_format or not template.has_table(fact.table):
            continue
        spec = template.table(fact.table)
        for row in spec.rows:
            if row.group and match_key(row.group) == match_key(fact.row_label):
                key = spec.fact_key(row.key, fact.column)
                if key not in facts and any(c.key == fact.column for c in spec.columns):
                    out[key] = fact.key
    return out


def _substitute(instance: Instance, substitutes: dict[str, str]) -> Instance:
    """``instance`` with stood-for cells replaced by their stand-in, each counted once."""
    if not substitutes or not any(k in substitutes for k in instance.cells):
        return instance

    def swap(keys: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(dict.fromkeys(substitutes.get(k, k) for k in keys))

    return replace(instance, left=swap(instance.left), right=swap(instance.right),
                   total=substitutes.get(instance.total, instance.total))


def _evaluate_one(instance: Instance, facts: dict[str, Fact], blank_as_zero: bool) -> Evaluation:
    cells = instance.cells
    try:
        members = [facts[k] for k in cells]
    except KeyError:
        return Evaluation(instance, "missing")
    if any(f.kind == "empty" or f.kind == "invalid" for f in members):
        blanks = tuple(f.key for f in members if f.kind == "empty")
        invalid = tuple(f.key for f in members if f.kind == "invalid")
        if invalid or not blank_as_zero:
            return Evaluation(instance, "unverifiable", blanks=blanks, invalid=invalid)
        if any(is_total_cell(facts[k], instance) for k in blanks):
            # A blank total is a cell not filled in, not a zero: T009 reports it and names
            # the relations skipped because of it.
            return Evaluation(instance, "skipped", blanks=blanks)
    else:
        blanks = ()
    zero = Decimal(0)
    values = [f.value if f.value is not None else zero for f in members]
    split = len(instance.left)
    left = sum(values[:split], zero)
    if instance.relation.aggregate == "max":
        right = max(values[split:], default=zero)
    else:
        right = sum(values[split:], zero)
    status = "ok" if _holds(instance.relation.op, left, right) else "fail"
    return Evaluation(instance, status, left, right, blanks)


def _assign_blame(evaluations: list[Evaluation], facts: dict[str, Fact]) -> list[Evaluation]:
    """Decide, for each failing instance, the cell most likely wrong (see module doc)."""
    touching: dict[str, list[int]] = defaultdict(list)
    for index, evaluation in enumerate(evaluations):
        if evaluation.status in ("ok", "fail"):
            for key in evaluation.instance.cells:
                touching[key].append(index)

    def required_change(evaluation: Evaluation, key: str) -> Decimal:
        return -evaluation.difference / evaluation.instance.coefficient(key)

    def explains(key: str) -> Decimal | None:
        """The single change to ``key`` that fixes all it touches, or None."""
        change: Decimal | None = None
        for index in touching[key]:
            evaluation = evaluations[index]
            if evaluation.status != "fail" or evaluation.instance.relation.op != "eq":
                return None
            needed = required_change(evaluation, key)
            if change is not None and needed != change:
                return None
            change = needed
        return change

    out: list[Evaluation] = []
    for evaluation in evaluations:
        if evaluation.status != "fail":
            out.append(evaluation)
            continue
        instance = evaluation.instance
        candidates: list[tuple[str, Decimal]] = []
        if instance.relation.op == "eq":
            scored: list[tuple[int, str, Decimal]] = []
            for key in dict.fromkeys(instance.cells):
                change = explains(key)
                value = facts[key].value or Decimal(0)
                if change is not None and (value + change >= 0 or _signed(instance, key)):
                    scored.append((len(touching[key]), key, value + change))
            # The cell that alone explains the most failing relations is the likeliest;
            # a cell whose other relations could not be checked explains fewer.
            best = max((count for count, _, _ in scored), default=0)
            candidates = [(key, expected) for count, key, expected in scored if count == best]
        expected: Decimal | None
        if len(candidates) == 1:
            (blame, expected), reason = candidates[0], "cell"
        else:
            blame = instance.total
            value = facts[blame].value or Decimal(0)
            expected = value + required_change(evaluation, blame) if instance.relation.op == "eq" else None
            reason = "ambiguous" if candidates else "several"
        out.append(Evaluation(
            instance, "fail", evaluation.left_sum, evaluation.right_sum, evaluation.blanks,
            blame=blame, expected=expected, blame_reason=reason,
        ))
    return out


def _signed(instance: Instance, key: str) -> bool:
    column = key.rsplit(".", 1)[-1]
    try:
        return instance.table.column(column).type == "signed"
    except KeyError:
        return False


def evaluate(report: Report, template: Template, blank_as_zero: bool = False) -> list[Evaluation]:
    """Evaluate every relation instance of ``template`` over the report's facts."""
    facts = report.fact_map
    substitutes = stand_ins(template, facts)
    # The rows a stand-in replaces all become the same instance: evaluate it once.
    seen: set[tuple[str, tuple[str, ...], tuple[str, ...]]] = set()
    unique: list[Instance] = []
    for instance in (_substitute(i, substitutes) for i in instances(template)):
        if (instance.relation.code, instance.left, instance.right) not in seen:
            seen.add((instance.relation.code, instance.left, instance.right))
            unique.append(instance)
    evaluations = [_evaluate_one(i, facts, blank_as_zero) for i in unique]
    return _assign_blame(evaluations, facts)


def cached_evaluations(report: Report, context: RuleContext) -> list[Evaluation]:
    """Evaluations shared by all relation rules for one report."""
    if _CACHE_KEY not in context.cache:
        blank_as_zero = bool(context.settings.get("blank-as-zero", True))
        context.cache[_CACHE_KEY] = evaluate(report, context.template, blank_as_zero)
    return context.cache[_CACHE_KEY]  # type: ignore[no-any-return]


def clusters(evaluations: list[Evaluation]) -> list[list[Evaluation]]:
    """Failing evaluations grouped by cause; the first of each group reports it."""
    failing = [e for e in evaluations if e.status == "fail"]
    groups: dict[tuple[str, str, object], list[Evaluation]] = {}
    order: list[tuple[str, str, object]] = []
    for evaluation in failing:
        if evaluation.blame_reason == "cell" or evaluation.expected is not None:
            key: tuple[str, str, object] = ("cell", evaluation.blame or "", evaluation.expected)
        else:
            key = ("one", str(id(evaluation)), None)
        if key not in groups:
            groups[key] = []
            order.append(key)
        groups[key].append(evaluation)
    result = [sorted(groups[k], key=lambda e: e.instance.relation.code) for k in order]
    return _fold_total_columns(result, evaluations)


def _fold_total_columns(groups: list[list[Evaluation]], evaluations: list[Evaluation]) -> list[list[Evaluation]]:
    """Move 总计-column failures that follow from other columns' failures into their group."""
    row_totals_hold: dict[str, bool] = {}
    for evaluation in evaluations:
        instance = evaluation.instance
        if instance.relation.over == "rows" and instance.relation.op == "eq" and "total" in instance.relation.left:
            table = instance.table.key
            row_totals_hold[table] = row_totals_hold.get(table, True) and evaluation.status == "ok"

    def is_total_column(group: list[Evaluation]) -> bool:
        return all(e.instance.relation.over == "columns" and e.instance.member == "total"
                   and row_totals_hold.get(e.instance.table.key, False) for e in group)

    kept = [g for g in groups if not is_total_column(g)]
    for group in groups:
        if not is_total_column(group):
            continue
        codes = {e.instance.relation.code for e in group}
        host = next((g for g in kept if any(e.instance.relation.code in codes and e.instance.over_columns
                                             for e in g)), None)
        if host is None:
            kept.append(group)
        else:
            host.extend(group)
    return kept


def cached_clusters(report: Report, context: RuleContext) -> list[list[Evaluation]]:
    """The clusters of failing relations for one report, shared by the relation rules."""
    key = _CACHE_KEY + ".clusters"
    if key not in context.cache:
        context.cache[key] = clusters(cached_evaluations(report, context))
    return context.cache[key]  # type: ignore[no-any-return]


# ---- messages ------------------------------------------------------------------------

_TRAILING_NOTE_RE = re.compile(r"（[^（）]*）$")


def short_label(fact: Fact) -> str:
    """A row label without its trailing parenthetical note: "（二）部分公开"."""
    label = fact.row_label
    shorter = _TRAILING_NOTE_RE.sub("", label).strip()
    return shorter if len(shorter) > 4 else label


def _member_label(instance: Instance, facts: dict[str, Fact]) -> tuple[str, str]:
    """Which column (or row) an instance is about, in Chinese and in English."""
    fact = facts[instance.cells[0]] if instance.cells else None
    if fact is None or instance.relation.over == "cells":
        return "", ""
    if instance.relation.over == "columns":
        return f"「{fact.column_label}」列", f"「{fact.column_label}」 column"
    return f"「{fact.row_label}」行", f"「{fact.row_label}」 row"


def _term_label(instance: Instance, fact: Fact) -> str:
    if instance.relation.over == "rows":
        return fact.column_label
    try:
        short = instance.table.row(fact.row).short
    except KeyError:
        short = ""
    return short or short_label(fact)


def _side(instance: Instance, keys: tuple[str, ...], facts: dict[str, Fact], lang: str) -> str:
    if not keys:
        return "0"
    terms = [(_term_label(instance, facts[k]), facts[k].value or Decimal(0)) for k in keys]
    if len(terms) <= MAX_TERMS_SHOWN:
        return " + ".join(f"{label} {format_decimal(value)}" for label, value in terms)
    nonzero = [(label, value) for label, value in terms if value]
    total = sum((value for _, value in terms), Decimal(0))
    shown = " + ".join(f"{label} {format_decimal(value)}" for label, value in nonzero[:MAX_TERMS_SHOWN])
    rest = len(terms) - min(len(nonzero), MAX_TERMS_SHOWN)
    if lang == "en":
        tail = f" + {rest} other terms" if rest else ""
        return f"({shown or '0'}{tail} = {format_decimal(total)})"
    tail = f" + 其余 {rest} 项" if rest else ""
    return f"（{shown or '0'}{tail}，合计 {format_decimal(total)}）"


_OP_FAIL = {"eq": "≠", "le": ">", "ge": "<"}


def _largest(instance: Instance, facts: dict[str, Fact], lang: str) -> str:
    key = max(instance.right, key=lambda k: facts[k].value or Decimal(0))
    label = f"{_term_label(instance, facts[key])} {format_decimal(facts[key].value or Decimal(0))}"
    return f"the largest, {label}" if lang == "en" else f"其中最大的{label}"


def arithmetic(evaluation: Evaluation, facts: dict[str, Fact], lang: str = "zh") -> str:
    """The failing arithmetic with labels: "一、本年新收 2 + 二、上年结转 0 ≠ （七）总计 1 + …"."""
    instance = evaluation.instance
    left = _side(instance, instance.left, facts, lang)
    if instance.relation.aggregate == "max":
        right = _largest(instance, facts, lang)
    else:
        right = _side(instance, instance.right, facts, lang)
    return f"{left} {_OP_FAIL[instance.relation.op]} {right}"


def _finding(group: list[Evaluation], facts: dict[str, Fact]) -> Finding:
    evaluation = group[0]
    instance = evaluation.instance
    relation = instance.relation
    blamed = facts[evaluation.blame or instance.total]
    where, where_en = _member_label(instance, facts)
    where, where_en = (f"，{where}", f", {where_en}") if where else ("", "")
    same = [e for e in group[1:] if e.blame == evaluation.blame]
    follows = [e for e in group[1:] if e.blame != evaluation.blame]
    also = "".join(
        f"；同一单元格也使{e.instance.relation.summary}不成立{_where(e, facts)}：{arithmetic(e, facts)}" for e in same)
    also_en = "".join(
        f"; the same cell also breaks {e.instance.relation.summary_en}{_where(e, facts, 'en')}: "
        f"{arithmetic(e, facts, 'en')}" for e in same)
    if follows:
        codes = "、".join(dict.fromkeys(e.instance.relation.code for e in follows))
        labels = "、".join(dict.fromkeys(_member_label(e.instance, facts)[0] for e in follows))
        also += f"；{labels}的 {codes} 不成立也由此而来（各行总计都成立，{labels}是各列之和）"
        also_en += f"; {codes} in the total column follow from this (every row total holds)"
    expected = format_decimal(evaluation.expected) if evaluation.expected is not None else None
    cell = f"「{blamed.row_label} · {blamed.column_label}」"
    if evaluation.blame_reason == "cell":
        zh_tail = f"；最可能填错的是{cell}，应为 {expected}"
        en_tail = f"; the cell most likely wrong is {cell}, expected {expected}"
    elif expected is not None:
        why = "无法确定是哪一项填错" if evaluation.blame_reason == "ambiguous" else "不止一处填错"
        why_en = "which cell is wrong cannot be told" if evaluation.blame_reason == "ambiguous" else "more than one cell is wrong"
        zh_tail = f"；{why}，按各项之和{cell}应为 {expected}"
        en_tail = f"; {why_en}; from its parts {cell} would be {expected}"
    else:
        zh_tail, en_tail = f"；请核对{cell}", f"; check {cell}"
    return Finding(
        message=f"{relation.summary}不成立{where}：{arithmetic(evaluation, facts)}{also}{zh_tail}",
        message_en=f"{relation.summary_en} does not hold{where_en}: {arithmetic(evaluation, facts, 'en')}{also_en}{en_tail}",
        location=Location(
            position=blamed.position,
            section=None,
            table=blamed.table_label,
            row_label=blamed.row_label,
            column_label=blamed.column_label,
            fact_key=blamed.key,
        ),
        expected=expected,
        actual=format_decimal(blamed.value) if blamed.kind != "empty" else "",
        code=relation.code,
    )


def _where(evaluation: Evaluation, facts: dict[str, Fact], lang: str = "zh") -> str:
    zh, en = _member_label(evaluation.instance, facts)
    return (f"，{zh}" if zh else "") if lang == "zh" else (f", {en}" if en else "")


def _relation_doc(relation: RelationSpec) -> str:
    over = {"columns": "每一列", "rows": "每一行", "cells": ""}.get(relation.over, "")
    op = {"eq": "=", "le": "≤", "ge": "≥"}[relation.op]
    left = " + ".join(relation.left) or "0"
    right = " + ".join(relation.right) or "0"
    refs = "、".join(relation.references)
    return (
        f"{relation.summary}（{relation.id or relation.code}）。\n\n"
        f"{relation.summary_en}.\n\n"
        f"关系（模板键）：{over} {left} {op} {right}。\n\n"
        "为什么重要：勾稽关系不成立，说明表中至少有一个数字填错或漏填，报告内容不准确，"
        "属于《条例》第四十七条所指“发布内容不准确”的情形。\n\n"
        "如何定位：若改动某一个单元格即可使它所在的所有不成立的关系同时成立（且不破坏成立的关系），"
        "诊断指向该单元格；否则指向合计单元格。同一个单元格造成的多处不成立只报告一次，"
        "列出每一处不成立的关系。\n\n"
        f"不通过的例子：左边之和为 2，右边之和为 1（{left} {'≠' if relation.op == 'eq' else '违反'} {right}）。\n"
        f"通过的例子：两边之和满足 {op}。\n\n"
        f"依据：{refs}"
    )


def _make_relation_rule(code: str, specs: list[RelationSpec], pack: str, formats: tuple[str, ...]) -> Rule:
    first = specs[0]
    references: list[str] = []
    for spec in specs:
        references.extend(r for r in spec.references if r not in references)

    def check(report: Report, context: RuleContext) -> Iterator[Finding]:
        facts = report.fact_map
        for group in cached_clusters(report, context):
            if group[0].instance.relation.code == code:
                yield _finding(group, facts)

    check.__doc__ = _relation_doc(first)
    return rule(
        code,
        first.name,
        summary=first.summary,
        summary_en=first.summary_en,
        severity=first.severity,
        formats=formats,
        references=references,
        pack=pack,
    )(check)


def relation_rules(templates: list[Template], extensions: list[TemplateExtension]) -> list[Rule]:
    """One rule per relation code across all templates and extensions, plus N000."""
    by_code: dict[str, tuple[list[RelationSpec], str]] = {}
    versions: dict[str, set[str]] = {}
    for template in templates:
        for relation in template.relations:
            by_code.setdefault(relation.code, ([], "national"))[0].append(relation)
            versions.setdefault(relation.code, set()).add(template.version)
    for extension in extensions:
        for relation in extension.relations:
            by_code.setdefault(relation.code, ([], extension.pack))[0].append(relation)
            versions.setdefault(relation.code, set()).update(extension.versions or ())
    rules = [
        _make_relation_rule(code, specs, pack, tuple(sorted(versions.get(code, ()))))
        for code, (specs, pack) in sorted(by_code.items())
    ]
    rules.append(unverifiable_relations)
    return rules


@rule(
    UNVERIFIABLE_CODE,
    "relation-not-verifiable",
    summary="勾稽关系因单元格为空或不是数字而无法核对",
    summary_en="A relation could not be checked because cells are blank or not numbers",
    severity=Severity.WARNING,
    formats=(),
    references=("国办公开办函〔2021〕30号",),
    pack="national",
)
def unverifiable_relations(report: Report, context: RuleContext) -> Iterator[Finding]:
    """A relation over blank or non-numeric cells is not treated as zero silently.

    为什么重要：空白单元格若被当作 0，表格可能“看起来平衡”而实际未填写；反之会误报。
    reportlint 对这样的关系既不判对也不判错，而是说明哪些关系因哪些单元格无法核对。
    设置 ``blank-as-zero = true`` 时空白按 0 计算。

    不通过的例子：表三「四、结转下年度继续办理」的「总计」列为空，R1 在「总计」列无法核对。
    通过的例子：所有参与关系的单元格都填写了数字（含 0）。
    """
    facts = report.fact_map
    grouped: dict[tuple[str, str], list[Evaluation]] = defaultdict(list)
    for evaluation in cached_evaluations(report, context):
        # A cell that is not a number is T004's, which names the relations it leaves
        # unchecked: only blanks (with blank-as-zero = false) are said here.
        if evaluation.status == "unverifiable" and evaluation.blanks:
            grouped[(evaluation.instance.relation.code, evaluation.instance.table.key)].append(evaluation)
    for (code, _table), evaluations in sorted(grouped.items()):
        cells = list(dict.fromkeys(k for e in evaluations for k in e.blanks))
        first = facts[cells[0]]
        names = "、".join(f"「{facts[k].row_label} · {facts[k].column_label}」" for k in cells[:5])
        more = f"等 {len(cells)} 个" if len(cells) > 5 else ""
        relation = evaluations[0].instance.relation
        yield Finding(
            message=f"{code}（{relation.summary}）有 {len(evaluations)} 处无法核对：{names}{more}单元格为空或不是数字",
            message_en=f"{code} ({relation.summary_en}) could not be checked in {len(evaluations)} place(s): "
            f"{len(cells)} cell(s) blank or not a number",
            location=Location(first.position, None, first.table_label, first.row_label, first.column_label, first.key),
        )
