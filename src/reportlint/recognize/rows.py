"""Reading one row: its values trimmed to a table's width, and which template row its label
names (tolerant of spelling variants, stray characters and labels wrapped over lines)."""

from __future__ import annotations

from reportlint.recognize.items import Item, RowItem, TextLine, ValueCell
from reportlint.records import by_identity
from reportlint.templates import TableSpec
from reportlint.text.normalize import label_key, match_key
from reportlint.text.numbers import parse_cell

MAX_WRAP_LINES = 10  # a long label in a narrow PDF column runs to eight lines or more


def fit_values(values: tuple[ValueCell, ...] | list[ValueCell], count: int) -> list[ValueCell] | None:
    """The row's values trimmed of surplus blank cells, or None if they cannot make ``count``."""
    cells = list(values)
    while len(cells) > count and parse_cell(cells[-1].text).kind == "empty":
        cells.pop()
    while len(cells) > count and parse_cell(cells[0].text).kind == "empty":
        cells.pop(0)
    return cells if len(cells) == count else None


class RowMatcher:
    """Finds which row of a table a label names, tolerant of spelling variants."""

    def __init__(self, spec: TableSpec) -> None:
        self.by_label = spec.row_keys_by_label()
        groups = {row.group for row in spec.rows if row.group} | set(spec.group_labels)
        self.group_keys = sorted({label_key(g) for g in groups if g}, key=len, reverse=True)

    def _lookup(self, text: str) -> str | None:
        for key in (match_key(text), match_key(text, drop_note=True)):
            if key and key in self.by_label:
                return self.by_label[key]
        # A group label glued before the row label: "（三）不予公开 1.属于国家秘密".
        written = label_key(text)
        for group in self.group_keys:
            if written.startswith(group):
                rest = written[len(group) :]
                for key in (match_key(rest), match_key(rest, drop_note=True)):
                    if key and key in self.by_label:
                        return self.by_label[key]
        return None

    def match(self, labels: tuple[str, ...], wrapped: list[str],
              following: list[str] | None = None) -> tuple[str, str] | None:
        """(row key, label as written) for a row's label cells, or None.

        ``wrapped`` are text lines just before the row, ``following`` just after it: a
        label broken over lines in a PDF keeps its numbers on one of its lines.
        """
        options: list[str] = []
        if labels:
            options.append(labels[-1])
            if len(labels) > 1:
                options.append("".join(labels[-2:]))
                options.append("".join(labels))
                # A unit column ("条", "次") may follow the label: try each cell alone,
                # and the label without stray leading characters of a merged cell.
                options.extend(reversed(labels[:-1]))
                options.extend("".join(labels[i:]) for i in range(1, len(labels) - 1))
        joined = "".join(labels)
        for count in range(1, len(wrapped) + 1):
            options.append("".join(wrapped[-count:]) + joined)
        for count in range(1, len(following or []) + 1):
            for start in range(len(labels)):
                options.append("".join(labels[start:]) + "".join((following or [])[:count]))
            # Numbers centred in a tall cell sit between the label's lines.
            for before in range(1, len(wrapped) + 1):
                options.append("".join(wrapped[-before:]) + joined + "".join((following or [])[:count]))
        for text in options:
            key = self._lookup(text)
            if key:
                return key, text
        return None


@by_identity
def matcher_for(spec: TableSpec) -> RowMatcher:
    """The RowMatcher of a table spec, built once per process."""
    return RowMatcher(spec)


def wrapped_lines(items: list[Item], index: int) -> list[str]:
    """Text lines directly before a text row, nearest last (at most MAX_WRAP_LINES)."""
    lines: list[str] = []
    j = index - 1
    while j >= 0 and len(lines) < MAX_WRAP_LINES and isinstance(items[j], TextLine):
        lines.insert(0, items[j].text.strip())  # type: ignore[union-attr]
        j -= 1
    return lines


def following_lines(items: list[Item], index: int) -> list[str]:
    """Text lines directly after a text row (at most MAX_WRAP_LINES)."""
    lines: list[str] = []
    j = index + 1
    while j < len(items) and len(lines) < MAX_WRAP_LINES and isinstance(items[j], TextLine):
        lines.append(items[j].text.strip())  # type: ignore[union-attr]
        j += 1
    return lines


MIN_LABEL_SIMILARITY = 0.5


def label_of(item: Item) -> str:
    """The written label of a row: its label cells without stray merged-cell characters."""
    if not isinstance(item, RowItem):
        return ""
    cells = [c for c in item.labels if len(c) > 1] or list(item.labels)
    return "".join(cells)


def label_similarity(written: str, official: str) -> float:
    """Bigram similarity of two labels in comparison form (1.0 = the same)."""
    from reportlint.recognize.sections import bigram_similarity

    return bigram_similarity(match_key(written), match_key(official))
