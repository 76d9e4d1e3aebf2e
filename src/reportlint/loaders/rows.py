"""Visual rows from boxes on a page: what a text PDF's lines and OCR's text boxes share.

Boxes whose vertical centres agree are one visual row; read left to right they give
"label n n n", the shape the recognizer reads. loaders/pdf.py feeds it the text lines of
either PDF backend, loaders/ocr.py the boxes the OCR engine read.
"""

from __future__ import annotations

ROW_TOLERANCE = 0.45  # fraction of a line's height within which two centres are one row

# (y0, y1, x0, text): one stretch of text on a page with its box, y upward.
LineItem = tuple[float, float, float, str]


def row_groups(items: list[LineItem]) -> list[list[int]]:
    """Text lines whose vertical centres agree are one visual row, read left to right:
    the indexes into ``items`` of each row, top row first."""
    order = sorted(range(len(items)), key=lambda i: (-(items[i][0] + items[i][1]) / 2, items[i][2]))
    rows: list[tuple[float, list[int]]] = []
    for index in order:
        y0, y1 = items[index][0], items[index][1]
        centre, height = (y0 + y1) / 2, max(y1 - y0, 1.0)
        if rows and abs(rows[-1][0] - centre) < height * ROW_TOLERANCE:
            rows[-1][1].append(index)
        else:
            rows.append((centre, [index]))
    return [sorted(members, key=lambda i: items[i][2]) for _, members in rows]


def row_texts(items: list[LineItem]) -> list[str]:
    """The visual rows of a page as text, cells separated by a space."""
    return [" ".join(items[i][3] for i in members) for members in row_groups(items)]
