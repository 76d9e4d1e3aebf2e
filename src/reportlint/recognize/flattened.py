"""Reports whose text lost its line breaks: a crawler's copy puts the whole body on one line.

``一、总体情况2023年，…二、主动公开政府信息情况第二十条第（一）项信息内容…规章000…`` — headings
run into their paragraphs and table cells run together without separators
(``一、本年新收政府信息公开申请数量690000069``). This repair pass rebuilds the structure the
rest of the recognizer expects, using the template's own wording as anchors:

* top-level headings are found inline where a numeral ("三、") is followed by a section
  title of the template (exactly, or with a small typo), never by a table row label;
* table rows are found by their labels, in template order, inside their section;
* a row's run of digits is split into the row's cells only where the split is certain:
  spaces that survived are firm boundaries, no number has a leading zero, and among the
  splits left exactly one must satisfy the row's relations (six parts summing to the 总计;
  表四's three groups). Otherwise the row is not read, and one note per table says so.

Nothing is guessed: rows recovered by arithmetic are marked (``recovered:`` notes, shown by
``reportlint show``), rows that cannot be split are listed once per table.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Decimal

from reportlint.model import Block, Cell, Document, Heading, Paragraph, Position, Table, Unrecognized
from reportlint.recognize.repair import RowCheck, column_checks, flat_checks, row_checks
from reportlint.recognize.sections import bigram_similarity
from reportlint.records import record
from reportlint.templates import TableSpec, Template
from reportlint.text.normalize import NUMBERING_RE, fold

MIN_FLAT_CHARS = 300  # a paragraph this long holding several section headings is a flattened body
MIN_INLINE_HEADINGS = 3
MAX_DIGITS = 8  # one count cell; longer runs are split, never read as one number
SPLIT_BUDGET = 200_000  # search steps per row: a run too long to decide is left unread
DOCUMENT_SPLIT_BUDGET = 600_000  # search steps per document (a real copy needs a few thousand)


class SplitBudget:
    """Search steps a document's rows may still spend; rows past it are left unread."""

    def __init__(self, steps: int = DOCUMENT_SPLIT_BUDGET) -> None:
        self.steps = steps
FUZZY_TITLE = 0.85

_NUMERAL_RE = re.compile(r"[一二三四五六七八九十]{1,2}[、.．]")
_VALUE_RUN_RE = re.compile(r"[\s\u3000]*((?:[+\-]?\d(?:[\d\s\u3000]|\.\d)*)*)")
_AMOUNT_RE = re.compile(r"[\s\u3000]*([+\-]?\d+(?:\.\d+)?)\s*(万元|元)?")
_SIGNATURE_RE = re.compile(
    r"(?P<body>[\u4e00-\u9fff（）()]{2,40}?(?:政府|局|委|委员会|办公室|办|厅|院|署|中心|处|所|站|街道|办事处|管理局|会))"
    r"[\s\u3000]*(?P<date>\d{4}年\d{1,2}月\d{1,2}日)[\s\u3000。]*(?P<after>[^。]{0,60})$"
)


@record(slots=False)
class _Span:
    start: int
    end: int


def _labels(texts: tuple[str, ...]) -> list[str]:
    """Search forms of a label: without its numbering, with and without a trailing note."""
    out: list[str] = []
    for text in texts:
        core = fold(NUMBERING_RE.sub("", text, count=1)).replace(" ", "")
        for form in (core, re.sub(r"（[^（）]*）$", "", core)):
            if len(form) >= 2 and form not in out:
                out.append(form)
    return sorted(out, key=len, reverse=True)


def _find_label(text: str, forms: list[str], start: int, end: int) -> _Span | None:
    """The earliest occurrence of any form in text[start:end], numbering included."""
    best: _Span | None = None
    for form in forms:
        at = text.find(form, start, end)
        if at < 0 or (best is not None and at >= best.start):
            continue
        begin = at
        # Take the label's own numbering ("2." "（一）" "一、") into the label.
        before = text[max(start, at - 5) : at]
        numbering = re.search(r"(?:\d{1,2}[.．、]|[（(][一二三四五六七八九十\d]{1,2}[）)]|[一二三四五六七八九十]{1,2}、)$", before)
        if numbering:
            begin = at - len(numbering.group(0))
        best = _Span(begin, at + len(form))
    return best


_TOKEN_RE = re.compile(r"[+\-]?\d+(?:\.\d+)?")  # a signed or decimal number stays whole


def _piece_ok(piece: str) -> bool | None:
    """Whether ``piece`` can be one cell: True, False (a longer piece may be), None (no
    longer piece can be either: a leading zero, a leading point)."""
    body = piece.lstrip("+-")
    if body.startswith("."):
        return None
    if len(body) > 1 and body[0] == "0" and body[1] != ".":
        return None
    return bool(body) and not body.endswith(".")


ARITHMETIC = "arithmetic"  # a split chosen because only it satisfies the row's relations


def split_runs(tokens: list[str], count: int, checks: RowCheck,
               budget: SplitBudget | None = None) -> tuple[list[str] | None, str]:
    """Split number tokens into ``count`` numbers; (the split, how) or (None, why).

    ``how`` is "" when the split is forced (the spaces, or one digit per cell) and
    ARITHMETIC when it was chosen by the row's relations.

    Each token yields one number or more (a space is a firm boundary); a sign stays with
    the digits after it, no number has a leading zero or ends with its decimal point.
    Exactly one split may satisfy every check, or none is returned.
    """
    if not tokens or any(not _TOKEN_RE.fullmatch(t) for t in tokens):
        return None, "not-digits"
    if len(tokens) == count:
        return list(tokens), ""  # the spaces that survived settle it: no arithmetic needed
    if all(t.isdigit() for t in tokens) and sum(len(t) for t in tokens) == count:
        return [d for t in tokens for d in t], ""  # one digit per cell is the only split
    found: list[list[str]] = []
    steps = 0
    limit = SPLIT_BUDGET if budget is None else min(SPLIT_BUDGET, budget.steps)
    ready: dict[int, list[tuple[list[int], list[int]]]] = {}
    for left, right in checks:
        ready.setdefault(max(left + right), []).append((left, right))

    values: list[int | Decimal] = []  # the numbers of ``parts``, converted once

    def holds(parts: list[str]) -> bool:
        index = len(parts) - 1
        for left, right in ready.get(index, ()):
            if sum(values[i] for i in left) != sum(values[i] for i in right):
                return False
        return True

    def walk(token: int, offset: int, parts: list[str]) -> bool:
        nonlocal steps
        steps += 1
        if steps > limit or len(found) > 1:
            return False
        if token == len(tokens):
            if len(parts) == count:
                found.append(list(parts))
            return True
        remaining_tokens = len(tokens) - token - 1
        text = tokens[token]
        if len(parts) + 1 + remaining_tokens > count:
            return True  # every token still to come needs a number of its own
        digits_left = sum(ch.isdigit() for ch in text[offset:]) + sum(
            ch.isdigit() for t in tokens[token + 1 :] for ch in t)
        if digits_left < count - len(parts):
            return True
        extra = ("." in text) + (text[:1] in "+-")  # a point or a sign is not a digit
        for stop in range(offset + 1, min(len(text), offset + MAX_DIGITS + extra) + 1):
            piece = text[offset:stop]
            if extra:
                ok = _piece_ok(piece)
                if ok is None:
                    break
                if not ok:
                    continue
            elif stop - offset > 1 and piece[0] == "0":
                break  # no number has a leading zero
            parts.append(piece)
            values.append(Decimal(piece) if "." in piece else int(piece))
            if holds(parts):
                if stop == len(text):
                    walk(token + 1, 0, parts)
                else:
                    walk(token, stop, parts)
            parts.pop()
            values.pop()
        return True

    walk(0, 0, [])
    if budget is not None:
        budget.steps -= min(steps, budget.steps)
    if steps > limit:
        return None, "budget"
    if len(found) == 1:
        return found[0], ARITHMETIC
    return None, "ambiguous" if found else "none"


def _inline_headings(text: str, template: Template) -> list[tuple[_Span, str]]:
    """Inline top-level headings: numeral + a section title of the template."""
    row_forms = [f for table in template.tables for row in table.rows for f in _labels((row.label, *row.aliases))]
    row_forms += [f for table in template.tables for f in _labels(table.group_labels)]
    found: list[tuple[_Span, str]] = []
    for match in _NUMERAL_RE.finditer(text):
        after = match.end()
        row_match = max((len(form) for form in row_forms if text.startswith(form, after)), default=0)
        best: tuple[float, int, str] = (0.0, 0, "")
        for spec in template.sections:
            for title in (spec.title, *spec.aliases):
                title = fold(title)
                if text.startswith(title, after):
                    candidate = (1.0, len(title), spec.key)
                else:
                    candidate = max(
                        ((bigram_similarity(text[after : after + n], title), n, spec.key)
                         for n in range(max(2, len(title) - 2), len(title) + 3)),
                        default=(0.0, 0, ""),
                    )
                if candidate[:2] > best[:2]:
                    best = candidate
        if row_match >= best[1]:
            continue  # "一、本年新收政府信息公开申请数量" is a row label, not a heading
        if best[0] >= FUZZY_TITLE:
            found.append((_Span(match.start(), after + best[1]), best[2]))
    return found


@dataclass
class _Rows:
    """What the table pass produced for one table: block rows, recovered and lost rows."""

    rows: list[list[tuple[str, int]]]  # per row: (text, offset in the flattened text) of each cell
    start: int
    recovered: list[str]
    lost: list[tuple[str, str]]  # (row key, the digits as written)


def _split_row(text: str, at: int, count: int, checks: RowCheck, amounts: bool,
               budget: SplitBudget | None = None) -> tuple[list[tuple[str, int]] | None, str, int, str]:
    """The values after a label at ``at``: pieces with offsets, the raw run, where it ends,
    and how the split was decided ("" forced, ARITHMETIC)."""
    if amounts or count == 1:
        match = _AMOUNT_RE.match(text, at)
        if match and count == 1:
            value = match.group(1) + (match.group(2) or "")
            return [(value, match.start(1))], match.group(0).strip(), match.end(), ""
    match = _VALUE_RUN_RE.match(text, at)
    assert match is not None  # every part of the pattern is optional: it always matches
    run_start, run_end = match.start(1), match.end(1)
    run = text[run_start:run_end]
    next_is_digit = run_end + 1 < len(text) and text[run_end + 1].isdigit()
    if run_end < len(text) and text[run_end] in ".．、" and not next_is_digit and run.rstrip()[-1:].isdigit():
        # "…3700000372.没有现成信息": the last digit is the next label's numbering.
        run_end = run_start + len(run.rstrip()) - 1
        run = text[run_start:run_end]
    tokens = [(m.group(0), m.start()) for m in _TOKEN_RE.finditer(run)]
    if not tokens:
        return None, "", run_end, ""
    split, how = split_runs([t for t, _ in tokens], count, checks, budget)
    if split is None:
        return None, run.strip(), run_end, ""
    pieces: list[tuple[str, int]] = []
    token_index, used = 0, 0
    for piece in split:
        token, offset = tokens[token_index]
        pieces.append((piece, run_start + offset + used))
        used += len(piece)
        if used == len(token):
            token_index, used = token_index + 1, 0
    return pieces, run.strip(), run_end, how


def _starts_label(text: str, at: int, spec: TableSpec) -> bool:
    """Whether another label of the table (a row, a group, the next caption) starts at ``at``."""
    rest = text[at : at + 60].lstrip(" \u3000")
    rest = NUMBERING_RE.sub("", rest, count=1)
    labels = [f for row in spec.rows for f in _labels((row.label, *row.aliases))] + _labels(spec.group_labels)
    return rest.startswith("第二十条") or any(rest.startswith(form) for form in labels)


def _table_rows(text: str, spec: TableSpec, template: Template, start: int, end: int,
                budget: SplitBudget | None = None) -> _Rows | None:
    """Rows of one grid table found by their labels in text[start:end]."""
    caption = _find_label(text, _labels((spec.label,)), start, end) if spec.label.startswith("第") else None
    if spec.label.startswith("第") and caption is None:
        return None
    cursor = caption.end if caption else start
    if caption is not None:
        # A sub-table of 表二 ends where the next caption starts.
        following = re.compile(r"第二十条第[（(][一二三四五六七八九十]+[）)]项")
        nxt = following.search(text, cursor, end)
        end = nxt.start() if nxt else end
    checks = row_checks(template, spec)
    amounts = any(c.type == "amount" for c in spec.columns)
    out = _Rows([], caption.start if caption else start, [], [])
    keys: list[str] = []  # the row key of each of out.rows
    chosen: list[str] = []  # rows whose split only arithmetic decided
    for row in spec.rows:
        span = _find_label(text, _labels((row.label, *row.aliases)), cursor, end)
        if span is None:
            continue
        pieces, raw, stop, how = _split_row(text, span.end, len(spec.columns), checks, amounts, budget)
        cursor = max(span.end, stop)
        if pieces is None and not raw and _starts_label(text, span.end, spec):
            # Nothing between this label and the next: the cells were left blank.
            pieces = [("", span.end)] * len(spec.columns)
        if pieces is None:
            if raw:
                out.lost.append((row.key, raw))
            continue
        label = text[span.start : span.end]
        out.rows.append([(label, span.start), *pieces])
        keys.append(row.key)
        if len(pieces) > len(_TOKEN_RE.findall(raw)):
            out.recovered.append(row.key)
        if how == ARITHMETIC:
            chosen.append(row.key)
    _drop_unproven(out, keys, chosen, column_checks(template, spec), len(spec.columns))
    return out


def _drop_unproven(out: _Rows, keys: list[str], chosen: list[str], checks: list[tuple[list[str], list[str]]],
                   width: int) -> None:
    """Un-read the rows whose split only arithmetic chose unless the column relations
    confirm them.

    A row whose own total was mistyped can still have one split that adds up, and it is
    the wrong one. Across rows the table's column relations then fail: every such row that
    a failing column touches, or a column relation that cannot be evaluated because one of
    its rows was not read, is given up (reported by T013) rather than read wrongly. Rows
    split by their spaces or one digit per cell are certain and stay."""
    if not chosen:
        return
    values: dict[str, list[Decimal | None]] = {}
    for key, row in zip(keys, out.rows):
        numbers: list[Decimal | None] = []
        for text, _ in row[1:]:
            try:
                numbers.append(Decimal(text) if text else Decimal(0))
            except ArithmeticError:
                numbers.append(None)
        values[key] = numbers
    doubtful: set[str] = set()
    for left, right in checks:
        rows = left + right
        if not set(rows) & set(chosen):
            continue
        if not all(r in values for r in rows):
            # A row of the relation was not read: nothing across rows confirms the choice.
            doubtful.update(r for r in rows if r in chosen)
            continue
        for column in range(width):
            cells = [values[r][column] if column < len(values[r]) else None for r in rows]
            if any(c is None for c in cells):
                continue
            if sum(values[r][column] for r in left) != sum(values[r][column] for r in right):  # type: ignore[misc]
                doubtful.update(r for r in rows if r in chosen)
    if not doubtful:
        return
    for key in [k for k in keys if k in doubtful]:
        index = keys.index(key)
        row = out.rows.pop(index)
        keys.pop(index)
        if key in out.recovered:
            out.recovered.remove(key)
        out.lost.append((key, "".join(text for text, _ in row[1:])))


def _flat_rows(text: str, spec: TableSpec, start: int, end: int, budget: SplitBudget | None = None) -> _Rows | None:
    """表四: after its last header label, one run of 15 numbers split by its group totals."""
    # The header ends with the last group's "…尚未审结总计"; the numbers follow it.
    last_two = r"[\s\u3000]*".join(re.escape(fold(c.label)) for c in spec.columns[-2:])
    headers = list(re.finditer(last_two, text[start:end]))
    if not headers:
        return None
    header = headers[min(len(spec.rows), len(headers)) - 1]
    last = start + header.start()
    count = len(spec.columns) * len(spec.rows)
    match = _VALUE_RUN_RE.match(text, start + header.end())
    assert match is not None  # every part of the pattern is optional: it always matches
    run = match.group(1)
    tokens = [(m.group(0), m.start() + match.start(1)) for m in re.finditer(r"\d+", run)]
    out = _Rows([], last, [], [])
    if not tokens:
        return out
    split, _why = split_runs([t for t, _ in tokens], count, flat_checks(spec), budget)
    if split is None:
        out.lost.append(("", run.strip()))
        return out
    pieces: list[tuple[str, int]] = []
    token_index, used = 0, 0
    for piece in split:
        token, offset = tokens[token_index]
        pieces.append((piece, offset + used))
        used += len(piece)
        if used == len(token):
            token_index, used = token_index + 1, 0
    out.rows.append(pieces)
    if len(split) > len(tokens):
        out.recovered.append("")
    return out


def _choose(text: str, templates: list[Template]) -> Template | None:
    scored = []
    for template in templates:
        hits = sum(1 for label in template.fingerprints if fold(label) in text)
        scored.append((hits, template.first_year, template))
    scored.sort(key=lambda s: (s[0], s[1]), reverse=True)
    return scored[0][2] if scored else None


def unflatten(document: Document, templates: list[Template]) -> Document:
    """The document with a flattened body rebuilt into headings, paragraphs and tables.

    A document without such a body is returned unchanged.
    """
    index = next((i for i, b in enumerate(document.blocks)
                  if isinstance(b, Paragraph) and len(b.text) >= MIN_FLAT_CHARS), None)
    if index is None or not templates:
        return document
    block = document.blocks[index]
    assert isinstance(block, Paragraph)
    raw = block.text
    text = fold(raw)  # same length as raw: offsets are shared
    template = _choose(text, templates)
    if template is None:
        return document
    headings = _inline_headings(text, template)
    if len({key for _, key in headings}) < MIN_INLINE_HEADINGS:
        return document
    base = block.position or Position(1, 1)
    line, column0, page = base.line, base.column, base.page
    budget = SplitBudget()  # shared by every row of this body: the whole rebuild stays bounded

    def pos(offset: int) -> Position:
        return Position(line, column0 + offset, page=page)

    blocks: list[Block] = []
    notes: list[Unrecognized] = []

    def prose(start: int, end: int) -> None:
        chunk = raw[start:end]
        stripped = chunk.strip(" \u3000\u00a0")
        if stripped:
            blocks.append(Paragraph(stripped, pos(start + chunk.index(stripped[0]))))

    bounds = [span for span, _ in headings] + [_Span(len(raw), len(raw))]
    prose(0, bounds[0].start)
    by_section: dict[str, list[TableSpec]] = {}
    for spec in template.tables:
        by_section.setdefault(spec.section, []).append(spec)
    for (span, key), following in zip(headings, bounds[1:]):
        heading_text = raw[span.start : span.end]
        numbering = NUMBERING_RE.match(heading_text)
        blocks.append(Heading(heading_text, numbering.group(0).strip() if numbering else "",
                              heading_text[numbering.end() if numbering else 0 :], pos(span.start)))
        body_start, body_end = span.end, following.start
        tables: list[tuple[int, Table]] = []
        taken_until = body_start
        for spec in by_section.get(key, []):
            found = (_flat_rows(text, spec, body_start, body_end, budget) if spec.layout == "flat"
                     else _table_rows(text, spec, template, body_start, body_end, budget))
            if found is None:
                continue
            for row_key in found.recovered:
                notes.append(Unrecognized(f"recovered:{spec.key}.{row_key}".rstrip("."), "", ""))
            if found.lost:
                shown = "；".join(
                    (f"「{spec.row(k).display}」" if k else "") + f"“{digits}”" for k, digits in found.lost[:3])
                more = f"等 {len(found.lost)} 行" if len(found.lost) > 3 else ""
                whole = not found.rows
                notes.append(Unrecognized(
                    f"flattened:{spec.key}",
                    f"「{spec.display}」" + ("整张表" if whole else f"{shown}{more}"),
                    f"「{spec.display}」: " + ("the whole table" if whole else f"{len(found.lost)} row(s)"),
                    pos(found.start),
                ))
                for row_key, _ in found.lost:
                    notes.append(Unrecognized(f"lost-row:{spec.key}.{row_key}".rstrip("."), "", ""))
            if found.rows:
                rows = tuple(
                    tuple(Cell(t, r, c, pos(at)) for c, (t, at) in enumerate(cells))
                    for r, cells in enumerate(found.rows)
                )
                tables.append((found.start, Table(rows, pos(found.start))))
        tables.sort(key=lambda t: t[0])
        for start, table in tables:
            if start > taken_until:
                prose(taken_until, start)
            blocks.append(table)
            last_cell = table.rows[-1][-1].position
            taken_until = max(taken_until, (last_cell.column - column0 + len(table.rows[-1][-1].text)) if last_cell else start)
        tail_start = taken_until
        tail = raw[tail_start:body_end]
        signature = _SIGNATURE_RE.search(fold(tail)) if following.start == len(raw) else None
        if signature:
            prose(tail_start, tail_start + signature.start("body"))
            prose(tail_start + signature.start("body"), tail_start + signature.end("body"))
            prose(tail_start + signature.start("date"), tail_start + signature.end("date"))
            prose(tail_start + signature.start("after"), tail_start + signature.end("after"))  # 附件下载, contacts
        else:
            prose(tail_start, body_end)
    new_blocks = (*document.blocks[:index], *blocks, *document.blocks[index + 1 :])
    return replace(document, blocks=new_blocks, notes=(*document.notes, *notes))
