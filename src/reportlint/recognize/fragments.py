"""Label fragments that look like headings.

A PDF conversion breaks a long row label, or the tall merged cell of a group label, over
several lines; a piece that starts with the label's numbering — 「三、本」 of
「三、本年度办理结果」, 「一、本年新收政府」, 「（三）不」 — reads like a heading by its syntax
alone. Such a line is part of the table, not a section: it must not restart the section
count (S004), be reported as a foreign section (S005) or end the table early.
"""

from __future__ import annotations

from dataclasses import replace

from reportlint.model import Document, Heading, Paragraph
from reportlint.recognize.items import RowItem, block_items
from reportlint.templates import Template
from reportlint.text.normalize import compact_fold

# A fragment counts as inside a table when a row of numbers follows within this many lines.
ROW_WITHIN_LINES = 12


def _form(text: str) -> str:
    """Numbering kept, whitespace and punctuation dropped: 「（三）不」 → 「三不」."""
    import unicodedata

    return "".join(ch for ch in compact_fold(text) if not unicodedata.category(ch).startswith(("P", "S")))


# Templates are large frozen dataclasses: hashing one for a cache lookup walks all of it,
# so the prefixes are kept by the template's identity (the template is held, so its id is
# not reused while the entry lives).
_PREFIXES: dict[int, tuple[Template, frozenset[str]]] = {}


def _label_prefixes(template: Template) -> frozenset[str]:
    """Every start (two characters or more) of the template's row and group labels, in
    comparison form."""
    cached = _PREFIXES.get(id(template))
    if cached is not None and cached[0] is template:
        return cached[1]
    labels: set[str] = set()
    for table in template.tables:
        labels.update(table.group_labels)
        for row in table.rows:
            labels.add(row.label)
            labels.update(row.aliases)
            if row.group:
                labels.add(row.group)
    forms = {_form(label) for label in labels if label}
    prefixes = frozenset(form[:end] for form in forms for end in range(2, len(form) + 1))
    if len(_PREFIXES) > 64:  # templates are few; a runaway plugin must not grow this forever
        _PREFIXES.clear()
    _PREFIXES[id(template)] = (template, prefixes)
    return prefixes


def is_label_fragment(text: str, template: Template) -> bool:
    """True when ``text`` (numbering included) is the start of one of the template's row
    or group labels: a heading by syntax, a table label by content."""
    form = _form(text)
    return len(form) >= 2 and form in _label_prefixes(template)


def _row_follows(document: Document, index: int) -> bool:
    """Whether a row of numbers follows block ``index`` within ROW_WITHIN_LINES lines."""
    seen = 0
    for next_index in range(index + 1, len(document.blocks)):
        for item in block_items(document.blocks[next_index], next_index):
            if isinstance(item, RowItem) and item.has_number:
                return True
            seen += 1
            if seen >= ROW_WITHIN_LINES:
                return False
    return False


def demote_label_fragments(document: Document, template: Template) -> Document:
    """``document`` with every heading that is a table label fragment turned into text."""
    blocks = list(document.blocks)
    changed = False
    for index, block in enumerate(blocks):
        if not isinstance(block, Heading) or not block.numbering:
            continue
        if is_label_fragment(block.text, template) and _row_follows(document, index):
            blocks[index] = Paragraph(block.text, block.position)
            changed = True
    return replace(document, blocks=tuple(blocks)) if changed else document
