"""Mapping statutory tables to template keys, cell by cell.

Extraction is label-anchored: a row is found by its label and the values that follow it,
wherever the row sits and whatever the header says (real headers are often wrong). Values
are mapped to columns by position in the official order.

Rows whose label was lost (PDF and Word conversions detach labels from numbers) are placed
by order only when that is certain: between two recognized rows of the same table, when
the number of unlabeled rows equals the number of rows the template expects there. The
facts placed so are marked ``by_order``. Anything else is recorded as unrecognized.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from reportlint.model import Block, Fact, SectionMatch, Table, Unrecognized
from reportlint.recognize.items import Item, RowItem, ValueCell
from reportlint.recognize.repair import RowCheck, flat_checks, rejoin_split_number, row_checks
from reportlint.recognize.rows import (
    MIN_LABEL_SIMILARITY,
    fit_values,
    following_lines,
    label_of,
    label_similarity,
    matcher_for,
    wrapped_lines,
)
from reportlint.records import by_identity, record
from reportlint.templates import RowSpec, TableSpec, Template
from reportlint.text.normalize import match_key
from reportlint.text.numbers import parse_cell


@record(slots=False)
class RowHit:
    """The values found for one template row, how its label read, and where it was."""

    values: list[ValueCell]
    written: str
    by_order: bool
    block: int


@dataclass
class TableResult:
    """Rows assigned to one table: row key → RowHit."""

    rows: dict[str, RowHit] = field(default_factory=dict)
    problems: list[Unrecognized] = field(default_factory=list)
    placed: set[int] = field(default_factory=set)  # ids of rows placed by order despite a label


def recognize_grid(spec: TableSpec, items: list[Item], checks: RowCheck | None = None) -> TableResult:
    """Rows of a grid table (one labeled row per template row).

    ``checks`` are the table's row relations, used to rejoin a number a conversion split.
    """
    result = TableResult()
    matcher = matcher_for(spec)
    count = len(spec.columns)
    order = [row.key for row in spec.rows]
    # sequence: (item index, row key or None for an unlabeled row)
    sequence: list[tuple[int, str | None]] = []
    mismatched: dict[str, tuple[RowItem, int]] = {}
    blank_rows: dict[str, tuple[int, RowHit]] = {}
    for index, item in enumerate(items):
        if not isinstance(item, RowItem):
            continue
        wrapped = wrapped_lines(items, index) if item.from_text else []
        following = following_lines(items, index) if item.from_text else []
        found = matcher.match(item.labels, []) or matcher.match(item.labels, wrapped, following)
        if (found is None or fit_values(item.values, count) is None) and not item.from_text:
            # Text in a value cell ("若干") cuts the label split short: try shorter labels.
            for label_count in range(len(item.labels) - 1, 0, -1):
                shorter = item.resplit(label_count)
                if fit_values(shorter.values, len(spec.columns)) is not None:
                    resplit_found = matcher.match(shorter.labels, [])
                    if resplit_found is not None:
                        found, item = resplit_found, shorter
                        break
        if found is None:
            # A row without a label, or with one that matches nothing (a misspelt label),
            # may still be placed by order between recognized neighbours.
            if fit_values(item.values, count) is not None and (not item.labels or item.has_number):
                sequence.append((index, None))
            continue
        key, written = found
        values = fit_values(item.values, count)
        if values is None and checks and key not in result.rows:
            values = rejoin_split_number(item.values, count, checks)
            if values is not None:
                result.problems.append(Unrecognized(
                    f"split:{spec.key}.{key}",
                    f"「{spec.row(key).display}」一行有 {len(item.values)} 个数值；把被拆开的数字重新合并后"
                    f"（{'、'.join(v.text for v in values)}）该行的合计成立，请核对原文",
                    f"row 「{spec.row(key).display}」 has {len(item.values)} values; joining a split number makes "
                    "its total hold",
                    item.position,
                ))
        if values is None:
            if item.has_number:
                mismatched.setdefault(key, (item, len(item.values)))
            continue
        if item.all_blank:
            # A labeled row with nothing filled in, or a header padded with empty cells:
            # used only when no row with numbers carries the same label.
            blank_rows.setdefault(key, (index, RowHit(values, written, False, item.block)))
            continue
        if key in result.rows:
            continue  # first occurrence wins; a repeat is not a second value
        result.rows[key] = RowHit(values, written, False, item.block)
        sequence.append((index, key))
    for key, (index, hit) in blank_rows.items():
        if key not in result.rows:
            result.rows[key] = hit
            sequence.append((index, key))
    sequence.sort()
    _fill_by_order(spec, items, sequence, order, count, result)
    unplaced = {k: v for k, v in mismatched.items() if k not in result.rows}
    counts = {found_count for _, found_count in unplaced.values()}
    short = len(counts) > 1 and max(counts) < count and any(i.from_text for i, _ in unplaced.values())
    if len(unplaced) >= 3 and (len(counts) == 1 or short):
        first = min((item for item, _ in unplaced.values()), key=lambda i: i.position.line if i.position else 0)
        labels = "、".join(c.label for c in spec.columns)
        if len(counts) == 1:
            # Every row is one shape off: a column is missing (or added), said once.
            found_count = counts.pop()
            message = (f"「{spec.display}」有 {len(unplaced)} 行都只有 {found_count} 个数值，格式为 {count} 列"
                       f"（{labels}），可能{'缺少' if found_count < count else '多出'}了一列；这些行无法对应到各列")
            message_en = (f"{len(unplaced)} rows of 「{spec.display}」 have {found_count} values where the "
                          f"format has {count} columns")
        else:
            # Rows short by different amounts in text from a PDF: blank cells left no trace,
            # so which column each number belongs to cannot be told. Said once.
            message = (f"「{spec.display}」有 {len(unplaced)} 行的数值少于 {count} 个（{min(counts)}–{max(counts)} 个），"
                       "多半是空白单元格在转换成文本时消失了；这些行无法对应到各列，未核对")
            message_en = (f"{len(unplaced)} rows of 「{spec.display}」 have fewer than {count} values (blank cells "
                          "lost in conversion); they could not be mapped to columns")
        result.problems.append(Unrecognized(f"columns:{spec.key}", message, message_en, first.position))
        for key in unplaced:
            result.problems.append(Unrecognized(f"row-columns:{spec.key}.{key}", "", "", None))
        return result
    for key, (item, found_count) in mismatched.items():
        if key not in result.rows:
            row = spec.row(key)
            result.problems.append(
                Unrecognized(
                    f"row:{spec.key}.{key}",
                    f"「{row.display}」一行有 {found_count} 个数值，应为 {count} 个，未能对应到各列",
                    f"row 「{row.display}」 has {found_count} values where {count} were expected",
                    item.position,
                )
            )
    return result


def _fill_by_order(
    spec: TableSpec,
    items: list[Item],
    sequence: list[tuple[int, str | None]],
    order: list[str],
    count: int,
    result: TableResult,
) -> None:
    """Place unlabeled rows between recognized neighbours when the count is exact."""
    anchors = [(pos, order.index(key)) for pos, (_, key) in enumerate(sequence) if key]
    if not anchors:
        return
    # Only anchors in template order can bound a gap.
    monotonic: list[tuple[int, int]] = []
    for pos, rank in anchors:
        if not monotonic or rank > monotonic[-1][1]:
            monotonic.append((pos, rank))
    bounds = [(-1, -1), *monotonic, (len(sequence), len(order))]
    for (start_pos, start_rank), (end_pos, end_rank) in zip(bounds, bounds[1:]):
        missing = [k for k in order[start_rank + 1 : end_rank] if k not in result.rows]
        unlabeled = [sequence[p][0] for p in range(start_pos + 1, end_pos) if sequence[p][1] is None]
        if not missing or len(missing) != len(unlabeled):
            continue
        open_ended = start_rank < 0 or end_rank >= len(order)
        if open_ended and any(items[i].from_text for i in unlabeled):  # type: ignore[union-attr]
            continue  # outside the table's known rows, free text is too uncertain
        pairs = list(zip(missing, unlabeled))
        # A written label must at least resemble the row it is placed as.
        if any(label_of(items[i]) and label_similarity(label_of(items[i]), spec.row(k).label) < MIN_LABEL_SIMILARITY
               for k, i in pairs):
            continue
        for key, item_index in pairs:
            item = items[item_index]
            assert isinstance(item, RowItem)
            values = fit_values(item.values, count)
            if values is None:
                continue
            written = label_of(item)
            result.rows[key] = RowHit(values, written, True, item.block)
            if written:
                result.placed.add(id(item))
                row = spec.row(key)
                result.problems.append(Unrecognized(
                    f"label:{spec.key}.{key}",
                    f"「{spec.display}」中「{row.display}」一行的标签写作「{written}」，与格式的「{row.label}」不一致",
                    f"the row 「{row.display}」 of 「{spec.display}」 is labelled 「{written}」, not 「{row.label}」",
                    item.label_positions[0] if item.label_positions else item.position,
                ))


def recognize_flat(spec: TableSpec, items: list[Item]) -> TableResult:
    """A table printed as one line of numbers (表四: 3 groups × 5 columns = 15 values).

    Rows labeled with a group name take their values directly; otherwise consecutive
    unlabeled value rows are concatenated until they make exactly the full line.
    """
    result = TableResult()
    matcher = matcher_for(spec)
    width = len(spec.columns)
    total = width * len(spec.rows)
    stream: list[ValueCell] = []
    stream_block = -1
    for item in items:
        if not isinstance(item, RowItem):
            continue
        found = matcher.match(item.labels, []) if item.labels else None
        if found and item.has_number and fit_values(item.values, width) is not None:
            result.rows.setdefault(found[0], RowHit(fit_values(item.values, width) or [], found[1], False, item.block))
            continue
        whole = fit_values(item.values, total)
        if whole is None and not stream and len(item.values) == total + 1:
            whole = rejoin_split_number(item.values, total, flat_checks(spec))
            if whole is not None:
                result.problems.append(Unrecognized(
                    f"split:{spec.key}",
                    f"「{spec.display}」一行有 {len(item.values)} 个数值；把被拆开的数字重新合并后"
                    f"（{' '.join(v.text for v in whole)}）各组总计成立，请核对原文",
                    f"a row of 「{spec.display}」 has {len(item.values)} values; joining a split number makes every "
                    "group total hold",
                    item.position,
                ))
        if whole is not None and not stream:
            stream, stream_block = whole, item.block
            break
        if item.labels or not item.has_number:
            continue
        if not stream:
            stream_block = item.block
        stream.extend(item.values)
        if len(stream) == total:
            break
        if len(stream) > total:
            stream, stream_block = list(item.values), item.block
    if len(stream) == total and not result.rows:
        for n, row in enumerate(spec.rows):
            result.rows[row.key] = RowHit(stream[n * width : (n + 1) * width], "", False, stream_block)
    return result


@by_identity
def _cells_of(spec: TableSpec) -> tuple[tuple[str, str, tuple[tuple[str, str, str], ...]], ...]:
    """Per row of a table spec: its key, its label as shown, and (fact key, column key, column
    label) per column — the same for every report, made once."""
    return tuple((row.key, row.display, tuple((spec.fact_key(row.key, c.key), c.key, c.label) for c in spec.columns))
                 for row in spec.rows)


def facts_for(spec: TableSpec, result: TableResult) -> list[Fact]:
    """Facts of one table, in template row order."""
    facts: list[Fact] = []
    table, table_label = spec.key, spec.display
    for row, row_label, columns in _cells_of(spec):
        hit = result.rows.get(row)
        if hit is None:
            continue
        for (key, column, column_label), cell in zip(columns, hit.values):
            parsed = parse_cell(cell.text)
            facts.append(Fact(key=key, table=table, row=row, column=column, value=parsed.value, raw=cell.text,
                              kind=parsed.kind, position=cell.position, table_label=table_label,
                              row_label=row_label, column_label=column_label, source_label=hit.written,
                              note=parsed.note, unit=parsed.unit, by_order=hit.by_order, block=hit.block))
    return facts


def _region(items: list[Item], section: SectionMatch | None) -> list[Item]:
    if section is None:
        return items
    return [i for i in items if section.block_index <= i.block < section.end_block]


def keyed_tables(template: Template, blocks: tuple[Block, ...]) -> dict[str, TableResult]:
    """Tables whose input names their template keys (reportlint XML): no guessing needed."""
    out: dict[str, TableResult] = {}
    for index, block in enumerate(blocks):
        if not isinstance(block, Table) or not block.key or not template.has_table(block.key):
            continue
        spec = template.table(block.key)
        result = out.setdefault(spec.key, TableResult())
        row_keys = {r.key for r in spec.rows}
        for row, row_key in zip(block.rows, block.row_keys):
            if row_key not in row_keys or row_key in result.rows:
                continue
            by_column = {c.column_key: ValueCell(c.text, c.position) for c in row if c.column_key}
            if not all(col.key in by_column for col in spec.columns):
                continue
            label = "".join(c.text for c in row if not c.column_key)
            result.rows[row_key] = RowHit([by_column[c.key] for c in spec.columns], label, False, index)
    return out


def recognize_tables(
    template: Template, sections: tuple[SectionMatch, ...], items: list[Item], blocks: tuple[Block, ...] = (),
    others: list[Template] | None = None, lost: set[str] | None = None,
) -> tuple[list[Fact], list[str], list[Unrecognized]]:
    """All statutory tables of the template: facts, keys of tables found, problems.

    ``lost`` names rows ("table.row", or "table" for a whole table) whose cells a repair
    pass saw run together and could not split: they were said once already, so they are
    not reported again as missing.
    """
    lost = lost or set()
    facts: list[Fact] = []
    found: list[str] = []
    problems: list[Unrecognized] = []
    kept = {s.key: s for s in sections if s.key and s.duplicate_of is None}
    keyed = keyed_tables(template, blocks)
    placed: set[int] = set()
    for spec in template.tables:
        section = kept.get(spec.section)
        if spec.key in keyed:
            result = keyed[spec.key]
        elif spec.layout == "flat":
            result = recognize_flat(spec, _region(items, section))
        else:
            checks = row_checks(template, spec)
            result = recognize_grid(spec, _region(items, section), checks)
            if not result.rows and section is not None:
                # The table may sit outside its section (a mis-numbered or missing heading).
                result = recognize_grid(spec, items, checks)
        if not result.rows and not spec.required:
            continue  # an optional table (a province's extra table) may simply be absent
        shape = [p for p in result.problems if p.what.startswith("columns:")]
        if not result.rows and shape:
            problems.extend(shape)  # found, but every row is a column off: say that, once
            continue
        if not result.rows and (spec.key in lost or any(k.startswith(f"{spec.key}.") for k in lost)):
            continue  # its cells ran together and could not be split: said once by the repair
        if not result.rows:
            problems.append(
                Unrecognized(
                    f"table:{spec.key}",
                    f"未能识别「{spec.display}」",
                    f"table 「{spec.display}」 was not recognized",
                    section.position if section else None,
                )
            )
            continue
        found.append(spec.key)
        problems.extend(p for p in result.problems if not p.what.startswith("row-columns:"))
        placed.update(result.placed)
        for row in spec.rows:
            if row.key not in result.rows and f"{spec.key}.{row.key}" not in lost and not any(
                p.what in (f"row:{spec.key}.{row.key}", f"row-columns:{spec.key}.{row.key}") for p in result.problems
            ):
                problems.append(
                    Unrecognized(
                        f"row:{spec.key}.{row.key}",
                        f"「{spec.display}」中未找到「{row.display}」一行",
                        f"row 「{row.display}」 of 「{spec.display}」 was not found",
                        section.position if section else None,
                    )
                )
        facts.extend(facts_for(spec, result))
    keyed_blocks = {i for i, b in enumerate(blocks) if isinstance(b, Table) and b.key}
    unknown, foreign = _unknown_rows(template, kept, [i for i in items if i.block not in keyed_blocks], placed, others)
    problems.extend(unknown)
    facts.extend(foreign)
    return facts, found, _absorb_other_format(template, problems)


def _absorb_other_format(template: Template, problems: list[Unrecognized]) -> list[Unrecognized]:
    """A row of the other format stands where this format's rows of the same group belong
    (2019's single （六）其他处理 for 2021's three （六） rows): one cause, said once by T011,
    which names the rows it replaces, instead of one "row not found" per replaced row."""
    out = list(problems)
    for index, problem in enumerate(out):
        if not problem.what.startswith("other-format:"):
            continue
        table_key, row_key = problem.what.split(":")[2].split(".", 1)
        if not template.has_table(table_key):
            continue
        spec = template.table(table_key)
        label = problem.message.split("「")[-1].split("」")[0]  # the other format's row label
        replaced = [r for r in spec.rows if r.group and match_key(r.group) == match_key(label)]
        missing = {f"row:{table_key}.{r.key}" for r in replaced}
        gone = [p for p in out if p.what in missing]
        if not gone:
            continue
        names = "、".join(f"「{r.label}」" for r in replaced if f"row:{table_key}.{r.key}" in {p.what for p in gone})
        out[index] = Unrecognized(
            problem.what,
            f"{problem.message}；{template.version} 年格式在此处应为 {len(gone)} 行：{names}",
            f"{problem.message_en}; the {template.version} format has {len(gone)} rows here",
            problem.position,
        )
        out = [p for p in out if p.what not in missing]
    return out


def _other_format_row(
    item: RowItem, specs: list[TableSpec], others: list[Template], wrapped: list[str], following: list[str]
) -> tuple[str, TableSpec, RowSpec] | None:
    """The row of another format version this row matches (2019's single （六）其他处理),
    its label possibly wrapped over the lines around it."""
    for other in others:
        for spec in specs:
            if not other.has_table(spec.key):
                continue
            other_spec = other.table(spec.key)
            matcher = matcher_for(other_spec)
            found = matcher.match(item.labels, []) or matcher.match(item.labels, wrapped, following)
            if found and found[0] not in {r.key for r in spec.rows}:
                return other.version, other_spec, other_spec.row(found[0])
    return None


def _unknown_rows(
    template: Template, kept: dict[str, SectionMatch], items: list[Item], placed: set[int],
    others: list[Template] | None = None,
) -> tuple[list[Unrecognized], list[Fact]]:
    """Labeled rows of numbers inside a table's own section that match no template row.

    A row of another format version (2019's single （六）其他处理 in a 2021 table) is
    read with that version's columns: its facts carry the other version's keys
    (``requests.other.natural``), so ``show`` lists them and the relations can use them
    for the rows they stand for.
    """
    problems: list[Unrecognized] = []
    foreign: list[Fact] = []
    others = others or []
    by_section: dict[str, list[TableSpec]] = {}
    for spec in template.tables:
        if spec.layout == "grid":
            by_section.setdefault(spec.section, []).append(spec)
    for section_key, specs in by_section.items():
        section = kept.get(section_key)
        if section is None:
            continue
        matchers = [matcher_for(spec) for spec in specs]
        widths = {len(spec.columns): spec for spec in specs}
        region = _region(items, section)
        for index, item in enumerate(region):
            if not isinstance(item, RowItem) or not item.labels or not item.has_number:
                continue
            if id(item) in placed:
                continue
            wrapped = wrapped_lines(region, index) if item.from_text else []
            following = following_lines(region, index) if item.from_text else []
            if any(m.match(item.labels, []) or m.match(item.labels, wrapped, following) for m in matchers):
                continue
            other = _other_format_row(item, specs, others, wrapped, following)
            if other is not None:
                version, spec_other, row = other
                problems.append(Unrecognized(
                    f"other-format:{version}:{spec_other.key}.{row.key}",
                    f"「{spec_other.display}」中的「{row.display}」一行是 {version} 年格式的写法",
                    f"the row 「{row.display}」 of 「{spec_other.display}」 belongs to the {version} format",
                    item.position,
                ))
                values = fit_values(item.values, len(spec_other.columns))
                if values is not None and not any(f.row == row.key and f.table == spec_other.key for f in foreign):
                    hit = RowHit(values, "".join(item.labels), False, item.block)
                    foreign.extend(replace(f, other_format=version)
                                   for f in facts_for(spec_other, TableResult(rows={row.key: hit})))
                continue
            fitting = next((s for w, s in widths.items() if fit_values(item.values, w) is not None), None)
            if fitting is None or (item.from_text and len(item.values) < 2):
                continue  # a stray number in prose, not a table row
            spec = fitting
            label = "".join(item.labels)
            problems.append(
                Unrecognized(
                    f"unknown-row:{spec.key}",
                    f"「{spec.display}」附近有格式之外的行「{label}」",
                    f"a row 「{label}」 near 「{spec.display}」 is not in the format",
                    item.position,
                )
            )
    return problems, foreign
