"""Repairing what conversions break, only where arithmetic proves the repair: a number
split in two ("9" "5" for 95) is joined again when exactly one join makes the totals hold."""

from __future__ import annotations

from reportlint.recognize.items import ValueCell
from reportlint.templates import TableSpec, Template
from reportlint.text.numbers import parse_cell

RowCheck = list[tuple[list[int], list[int]]]  # (left column indexes, right column indexes), "eq"


def row_checks(template: Template, spec: TableSpec) -> RowCheck:
    """The template's equality relations over the rows of ``spec``, as column indexes."""
    columns = [c.key for c in spec.columns]
    checks: RowCheck = []
    for relation in template.relations:
        if spec.key in relation.tables and relation.over == "rows" and relation.op == "eq":
            checks.append(([columns.index(k) for k in relation.left], [columns.index(k) for k in relation.right]))
    return checks


def column_checks(template: Template, spec: TableSpec) -> list[tuple[list[str], list[str]]]:
    """The template's equality relations down the columns of ``spec``, as row keys."""
    return [(list(relation.left), list(relation.right)) for relation in template.relations
            if spec.key in relation.tables and relation.over == "columns" and relation.op == "eq"]


def rejoin_split_number(values: tuple[ValueCell, ...], count: int, checks: RowCheck) -> list[ValueCell] | None:
    """Values with one number that a conversion split in two ("20" "23") joined again.

    Only when the row has exactly one value too many, and exactly one way of joining two
    neighbouring numbers makes every row relation hold — arithmetic decides, not guessing.
    """
    if len(values) != count + 1 or not checks:
        return None
    fits: list[list[ValueCell]] = []
    for i in range(len(values) - 1):
        a, b = parse_cell(values[i].text), parse_cell(values[i + 1].text)
        if a.kind != "number" or b.kind != "number" or a.signed or b.signed or "." in values[i].text:
            continue
        joined = ValueCell(values[i].text.strip() + values[i + 1].text.strip(), values[i].position)
        candidate = [*values[:i], joined, *values[i + 2 :]]
        numbers = [parse_cell(v.text).value for v in candidate]
        if any(n is None for n in numbers):
            continue
        if all(sum(numbers[j] for j in left) == sum(numbers[j] for j in right) for left, right in checks):  # type: ignore[misc]
            fits.append(candidate)
    return fits[0] if len(fits) == 1 else None


def flat_checks(spec: TableSpec) -> RowCheck:
    """Each group's total equals its parts, as indexes into the flat row of values."""
    width = len(spec.columns)
    keys = [c.key for c in spec.columns]
    if "total" not in keys:
        return []
    total = keys.index("total")
    parts = [i for i in range(width) if i != total]
    return [([g * width + total], [g * width + i for i in parts]) for g in range(len(spec.rows))]
