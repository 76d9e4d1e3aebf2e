"""Expanding rowspan/colspan into a rectangular grid that remembers merged cells' origins.

Shared by the HTML and Word loaders. Spans are capped so that a hostile
``colspan="100000"`` cannot blow up memory.
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlint.model import Cell, Position

MAX_SPAN = 100
MAX_COLUMNS = 500


@dataclass(frozen=True)
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


def expand(rows: list[list[RawCell]]) -> tuple[tuple[Cell, ...], ...]:
    """Lay raw rows out on a grid; covered positions repeat the origin's text."""
    grid: dict[tuple[int, int], Cell] = {}
    for r, raw_row in enumerate(rows):
        c = 0
        for raw in raw_row:
            while (r, c) in grid:
                c += 1
            if c >= MAX_COLUMNS:
                break
            for dr in range(raw.rowspan):
                for dc in range(raw.colspan):
                    if c + dc >= MAX_COLUMNS:
                        continue
                    origin = None if (dr, dc) == (0, 0) else (r, c)
                    grid[(r + dr, c + dc)] = Cell(
                        raw.text, r + dr, c + dc, raw.position, origin,
                        raw.column_key if origin is None else None,
                    )
            c += raw.colspan
    if not grid:
        return ()
    return rectangular(grid)


def rectangular(grid: dict[tuple[int, int], Cell]) -> tuple[tuple[Cell, ...], ...]:
    """Rows of a sparse grid, each as wide as its last filled column (one pass, not per row)."""
    if not grid:
        return ()
    widths: dict[int, int] = {}
    for r, c in grid:
        widths[r] = max(widths.get(r, 0), c + 1)
    height = max(widths) + 1
    return tuple(
        tuple(grid.get((r, c), Cell("", r, c, None)) for c in range(widths.get(r, 0))) for r in range(height)
    )
