"""Expanding rowspan/colspan into a rectangular grid that remembers merged cells' origins.

Shared by the HTML, XML and Word loaders. Each span is capped (a hostile
``colspan="100000"``), and so is the total of cells all tables of a document expand to
(``max-grid-cells``): a page of ``<td rowspan="100" colspan="100">`` cells would otherwise
grow a hundred-fold per cell.
"""

from __future__ import annotations

from typing import cast

from reportlint.core_rules import INPUT_REFUSED
from reportlint.loaders.registry import LoadError
from reportlint.model import Cell, Position
from reportlint.records import record

MAX_SPAN = 100
MAX_COLUMNS = 500


class GridBudget:
    """How many grid cells the tables of one document may still expand to."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.used = 0

    def take(self, cells: int) -> None:
        """Count ``cells`` more; LoadError (E002) once the document's tables exceed the limit."""
        self.used += cells
        if self.used > self.limit:
            raise LoadError(
                INPUT_REFUSED,
                f"表格合并单元格展开后超过 {self.limit} 个单元格，已拒绝处理（可用配置 max-grid-cells 调整）",
                f"the tables expand to more than {self.limit} grid cells; refused (config max-grid-cells)",
            )


UNLIMITED = 10**12


@record(slots=False)
class RawCell:
    """A cell as written: its text, spans and position."""

    text: str
    rowspan: int = 1
    colspan: int = 1
    position: Position | None = None
    column_key: str | None = None


def clamp_span(value: object) -> int:
    """A span attribute as a sane integer (1 when missing or malformed)."""
    try:
        span = int(str(value).strip())
    except (TypeError, ValueError):
        return 1
    return max(1, min(span, MAX_SPAN))


def expand(rows: list[list[RawCell]], budget: GridBudget | None = None) -> tuple[tuple[Cell, ...], ...]:
    """Lay raw rows out on a grid; covered positions repeat the origin's text."""
    budget = budget or GridBudget(UNLIMITED)
    # Rows as lists, filled in place: a cell covered by a span above is already there when
    # its row is read, and the next cell of the row moves past it.
    out: list[list[Cell | None]] = []
    for r, raw_row in enumerate(rows):
        while len(out) <= r:
            out.append([])
        here = out[r]
        c = 0
        plain = 0  # cells without spans, counted into the budget once per row
        for raw in raw_row:
            while c < len(here) and here[c] is not None:
                c += 1
            if c >= MAX_COLUMNS:
                break
            rowspan, colspan = raw.rowspan, raw.colspan
            if rowspan == 1 and colspan == 1:  # most cells: no loop, no span arithmetic
                if c < len(here):
                    here[c] = Cell(raw.text, r, c, raw.position, None, raw.column_key)
                else:
                    here.extend([None] * (c - len(here)))
                    here.append(Cell(raw.text, r, c, raw.position, None, raw.column_key))
                plain += 1
                c += 1
                continue
            budget.take(rowspan * min(colspan, MAX_COLUMNS - c))
            width = min(colspan, MAX_COLUMNS - c)
            for dr in range(rowspan):
                while len(out) <= r + dr:
                    out.append([])
                target = out[r + dr]
                if len(target) < c + width:
                    target.extend([None] * (c + width - len(target)))
                for dc in range(width):
                    origin = None if (dr, dc) == (0, 0) else (r, c)
                    target[c + dc] = Cell(raw.text, r + dr, c + dc, raw.position, origin,
                                          raw.column_key if origin is None else None)
            c += colspan
        budget.take(plain)
    while out and not out[-1]:
        out.pop()
    blanks = sum(1 for row in out for cell in row if cell is None)
    budget.take(blanks)  # the blank cells that fill rows out
    if not blanks:
        return tuple(tuple(cast("list[Cell]", row)) for row in out)
    return tuple(tuple(cell if cell is not None else Cell("", r, c, None) for c, cell in enumerate(row))
                 for r, row in enumerate(out))


def rectangular(grid: dict[tuple[int, int], Cell], budget: GridBudget | None = None) -> tuple[tuple[Cell, ...], ...]:
    """Rows of a sparse grid, each as wide as its last filled column (one pass, not per row)."""
    if not grid:
        return ()
    widths: dict[int, int] = {}
    for r, c in grid:
        widths[r] = max(widths.get(r, 0), c + 1)
    height = max(widths) + 1
    if budget is not None:
        budget.take(max(0, sum(widths.values()) - len(grid)))  # the blank cells that fill rows out
    return tuple(
        tuple(grid.get((r, c), Cell("", r, c, None)) for c in range(widths.get(r, 0))) for r in range(height)
    )
