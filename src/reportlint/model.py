"""Plain, immutable records shared by every stage of the pipeline.

bytes ──loader──▶ Document ──recognizer──▶ Report ──rules──▶ Finding ──engine──▶ Diagnostic

This module imports nothing else from reportlint but ``records`` (the decorator that makes them),
so every other module may depend on it.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from enum import Enum
from functools import cached_property
from typing import Any, Union

from reportlint.records import record


class Severity(str, Enum):
    """How serious a diagnostic is; ordered info < warning < error."""

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        return {"info": 0, "warning": 1, "error": 2}[self.value]


@record
class Position:
    """A place in the source: 1-based line and column (columns count characters).

    ``page`` is set for paginated inputs (PDF); ``end_*`` when a span is known.
    """

    line: int
    column: int = 1
    end_line: int | None = None
    end_column: int | None = None
    page: int | None = None


@record(slots=False)
class Source:
    """The input as given: where it came from, its bytes, and how they were decoded."""

    path: str
    data: bytes
    text: str
    encoding: str
    kind: str  # txt | md | html | xml | docx | pdf
    encoding_source: str = "default"  # bom | declared | detected | default

    @cached_property
    def lines(self) -> list[str]:
        """The decoded text split into lines (without line terminators)."""
        return self.text.splitlines()


@record
class Heading:
    """A heading as written: ``numbering`` is the raw prefix ("一、", "（一）"), ``title`` the rest."""

    text: str
    numbering: str
    title: str
    position: Position | None
    markup_level: int | None = None  # markdown "#" count, HTML h1..h6, Word outline level


@record
class Paragraph:
    """A run of running text (for line-based inputs, one source line)."""

    text: str
    position: Position | None


@record
class Cell:
    """One grid cell after span expansion.

    A cell covered by a rowspan/colspan repeats the origin's text and records the
    origin's grid coordinates in ``origin``; an origin cell has ``origin`` None.
    """

    text: str
    row: int
    col: int
    position: Position | None
    origin: tuple[int, int] | None = None
    column_key: str | None = None  # a template column key, when the input names it (XML)


@record
class Table:
    """A grid of cells; rows may have different lengths in text inputs."""

    rows: tuple[tuple[Cell, ...], ...]
    position: Position | None
    # Template keys, when the input names them (reportlint's XML): the table's key and
    # one key (or None) per row. Label-anchored recognition is used otherwise.
    key: str | None = None
    row_keys: tuple[str | None, ...] = ()


Block = Union[Heading, Paragraph, Table]


@record
class LoadProblem:
    """Something the loader noticed but could work around (or could not)."""

    code: str
    message: str
    message_en: str
    position: Position | None = None


@record
class Reading:
    """A stretch of text that OCR read off a page image, and how sure the engine was.

    ``line``, ``column`` and ``end_column`` (exclusive) locate it in the rebuilt source text;
    ``box`` is (left, top, right, bottom) on the page, measured from its top-left corner in
    ``unit``: "pt" (PDF points, 1/72 inch) for a PDF page, "px" for an image file.
    """

    line: int
    column: int
    end_column: int
    page: int | None
    box: tuple[float, float, float, float]
    score: float
    unit: str = "pt"

    def region(self) -> tuple[str, str]:
        """Where on the page the text stands, in words (zh, en), for a reader with the paper."""
        left, top, right, bottom = self.box
        page = f"第 {self.page} 页" if self.page else "图像"
        page_en = f"page {self.page}" if self.page else "the image"
        if self.unit == "pt":  # millimetres: what a ruler on the printed page measures
            mm = 25.4 / 72
            return (f"{page}距左 {left * mm:.0f}–{right * mm:.0f} 毫米、距顶 {top * mm:.0f}–{bottom * mm:.0f} 毫米处",
                    f"{page_en}, {left * mm:.0f}–{right * mm:.0f} mm from the left, "
                    f"{top * mm:.0f}–{bottom * mm:.0f} mm from the top")
        return (f"{page}像素区域 ({left:.0f}, {top:.0f})–({right:.0f}, {bottom:.0f})",
                f"{page_en}, pixels ({left:.0f}, {top:.0f})–({right:.0f}, {bottom:.0f})")


@record(slots=False)
class Document:
    """The format-neutral content of a report: an ordered list of blocks."""

    source: Source
    blocks: tuple[Block, ...]
    problems: tuple[LoadProblem, ...] = ()
    meta: tuple[tuple[str, str], ...] = ()  # page metadata such as ("PubDate", "2021-01-25 10:00")
    meta_lines: tuple[tuple[str, int], ...] = ()  # where each metadata item stands in the source
    # What repair passes recorded before recognition (a flattened body rebuilt: rows
    # recovered by arithmetic, rows that could not be split).
    notes: tuple[Unrecognized, ...] = ()
    # Text that came from OCR (scanned pages, pictures), with the engine that read it.
    readings: tuple[Reading, ...] = ()
    ocr_engine: str = ""
    ocr_pages: tuple[int, ...] = ()  # the pages read by OCR (1 for a picture)

    @cached_property
    def _readings_by_line(self) -> dict[int, list[Reading]]:
        by_line: dict[int, list[Reading]] = {}
        for reading in self.readings:
            by_line.setdefault(reading.line, []).append(reading)
        return by_line

    def readings_at(self, position: Position | None) -> list[Reading]:
        """The OCR readings that the span at ``position`` overlaps (none for text that was not OCR'd)."""
        if position is None or not self.readings:
            return []
        start = position.column
        end = position.end_column if position.end_line in (None, position.line) and position.end_column else start + 1
        return [r for r in self._readings_by_line.get(position.line, ())
                if r.column < max(end, start + 1) and start < r.end_column]


@record
class Fact:
    """One recognized value of a statutory table, tied to its template key and its cell.

    ``kind`` is "number", "empty" (nothing written), "nil" (a written zero marker such as
    "/", "—", "无"), or "invalid" (text that is not a number).
    """

    key: str
    table: str
    row: str
    column: str
    value: Decimal | None
    raw: str
    kind: str
    position: Position | None
    table_label: str
    row_label: str
    column_label: str
    source_label: str = ""
    note: str = ""
    unit: str = ""
    by_order: bool = False  # mapped by its place among neighbours, its own label was missing
    recovered: bool = False  # its cells were run together and split by arithmetic
    # The format version whose row this is, when not the report's own (2019's single
    # （六）其他处理 row in a 2021 table): its key is that version's key.
    other_format: str = ""
    block: int = -1  # index of the Document block holding the value


@record
class SectionMatch:
    """A top-level heading of the report and the template section it was recognized as."""

    key: str | None  # template section key; None for a section not in the template
    heading: str  # as written, numbering included
    numbering: str
    title: str
    position: Position | None
    block_index: int
    end_block: int  # exclusive
    duplicate_of: int | None = None  # index in Report.sections of the kept match
    score: float = 0.0


@record
class DateValue:
    """A date found in the text, with its raw spelling."""

    date: dt.date | None
    raw: str
    position: Position | None


@record(slots=False)
class Metadata:
    """What the report says about itself."""

    title: str | None = None
    title_position: Position | None = None
    title_source: str | None = None  # body (the report's own heading) | page (CMS title, crawler header)
    issuer: str | None = None
    report_year: int | None = None
    report_year_source: str | None = None  # title | period | page
    period_start: DateValue | None = None
    period_end: DateValue | None = None
    period_text: str | None = None
    period_position: Position | None = None
    signature_body: str | None = None
    signature_body_position: Position | None = None
    signature_date: DateValue | None = None
    publication_date: DateValue | None = None
    page_meta: tuple[tuple[str, str], ...] = ()


@record
class Unrecognized:
    """A part of the report that could not be recognized; rules report it, never guess."""

    what: str  # e.g. "table:requests", "row:requests.partial", "metadata:title"
    message: str
    message_en: str
    position: Position | None = None


@record(slots=False)
class Report:
    """A Document aligned with a template: metadata, sections and facts."""

    document: Document
    template_version: str
    format_by_year: str | None
    format_by_labels: str | None
    fingerprints: tuple[tuple[str, str, Position | None], ...]  # (version, label, where)
    metadata: Metadata
    sections: tuple[SectionMatch, ...]
    facts: tuple[Fact, ...]
    tables_found: tuple[str, ...]
    unrecognized: tuple[Unrecognized, ...] = ()

    @cached_property
    def fact_map(self) -> dict[str, Fact]:
        """Facts by key."""
        return {fact.key: fact for fact in self.facts}

    def fact(self, key: str) -> Fact | None:
        """The fact for ``key`` or None when it was not recognized."""
        return self.fact_map.get(key)

    def section(self, key: str) -> SectionMatch | None:
        """The (first, non-duplicate) section recognized as ``key``."""
        for section in self.sections:
            if section.key == key and section.duplicate_of is None:
                return section
        return None


@record
class Location:
    """Where a finding is: a physical position and a logical one in official labels."""

    position: Position | None = None
    section: str | None = None
    table: str | None = None
    row_label: str | None = None
    column_label: str | None = None
    fact_key: str | None = None


@record
class Fix:
    """A suggested correction: replace the text at ``position`` with ``replacement``."""

    description: str
    replacement: str
    position: Position | None = None
    original: str | None = None


@record
class Finding:
    """What a rule yields: what is wrong and where. The engine adds code and severity.

    ``code`` is only set by rules that emit several codes (the relation evaluator).
    """

    message: str
    message_en: str = ""
    location: Location = Location()
    expected: str | None = None
    actual: str | None = None
    fix: Fix | None = None
    code: str | None = None
    # A rule lowers its own severity for one finding when its premise is uncertain
    # (an assumed issuer level, a row placed by order); configuration still wins.
    severity: Severity | None = None


@record
class Diagnostic:
    """A finding after configuration: stamped with code, severity and path."""

    path: str
    code: str
    name: str
    severity: Severity
    message: str
    location: Location
    expected: str | None = None
    actual: str | None = None
    references: tuple[str, ...] = ()
    fix: Fix | None = None

    @property
    def line(self) -> int:
        return self.location.position.line if self.location.position else 1

    @property
    def column(self) -> int:
        return self.location.position.column if self.location.position else 1

    def sort_key(self) -> tuple[str, int, int, str, str]:
        return (self.path, self.line, self.column, self.code, self.message)

    @property
    def page(self) -> int | None:
        """The PDF page the diagnostic is on (None for inputs without pages)."""
        return self.location.position.page if self.location.position else None

    def to_dict(self) -> dict[str, Any]:
        """The JSON form (as ``-f json`` prints it; keys documented in docs/output.md)."""
        position = self.location.position
        location = self.location
        fix = self.fix
        from reportlint.text.escape import display_path  # model imports nothing of ours at load time

        return {
            "path": display_path(self.path),
            "code": self.code,
            "name": self.name,
            "severity": self.severity.value,
            "message": self.message,
            "line": position.line if position else None,
            "column": position.column if position else None,
            "end_line": position.end_line if position else None,
            "end_column": position.end_column if position else None,
            "page": position.page if position else None,
            "location": {
                "section": location.section,
                "table": location.table,
                "row_label": location.row_label,
                "column_label": location.column_label,
                "fact_key": location.fact_key,
            },
            "expected": self.expected,
            "actual": self.actual,
            "references": list(self.references),
            "fix": None if fix is None else {
                "description": fix.description,
                "replacement": fix.replacement,
                "original": fix.original,
                "line": fix.position.line if fix.position else None,
                "column": fix.position.column if fix.position else None,
            },
        }


@record(slots=False)
class FileResult:
    """Diagnostics of one file and its text lines (for excerpts in human output)."""

    path: str
    diagnostics: tuple[Diagnostic, ...]
    lines: tuple[str, ...] = ()
    # What the report says about itself, for batch summaries (None when not read).
    issuer: str | None = None
    year: int | None = None
    kind: str | None = None  # the input kind: txt, md, html, xml, docx, pdf
    template: str | None = None  # the format version read: 2019 or 2021
    facts: tuple[tuple[str, str], ...] = ()  # (fact key, value as read) for drawing the tables
