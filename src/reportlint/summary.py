"""Batch summaries for the spreadsheet: one row per file checked, clean files included.

``reportlint check --summary FILE`` writes it as ``.xlsx`` (with the ``xlsx`` extra:
openpyxl; column widths set, header frozen), ``.csv`` (UTF-8 with a byte-order mark, so
Excel reads the Chinese right) or ``.md`` (a markdown table). The same rows feed the
``files`` list of ``-f json``.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from reportlint.model import FileResult, Severity
from reportlint.records import record
from reportlint.text.escape import display_path, one_line

# Files that could not be checked at all (the input, not the report, is the problem).
UNCHECKED = {"E001", "E002", "E003", "E006", "E008"}
NOT_A_REPORT = "E007"
STATUS_NAMES = {"clean": "通过", "findings": "有问题", "unchecked": "未能检查", "not-a-report": "不是年报"}
COLUMNS = ("file", "issuer", "year", "kind", "format", "status", "errors", "warnings", "infos", "top_codes")
HEADERS = ("文件", "发布机关", "年度", "文件类型", "格式", "结果", "错误", "警告", "提示", "主要问题")
TOP_CODES = 5


@record(slots=False)
class FileSummary:
    """One file of a batch, as a row."""

    file: str
    issuer: str
    year: int | None
    kind: str
    format: str
    status: str  # clean | findings | unchecked | not-a-report
    errors: int
    warnings: int
    infos: int
    top_codes: str  # "N002×3、T009×1"

    def row(self) -> list[object]:
        return [self.file, self.issuer, self.year if self.year is not None else "", self.kind, self.format,
                STATUS_NAMES[self.status], self.errors, self.warnings, self.infos, self.top_codes]

    def to_dict(self) -> dict[str, object]:
        return {name: getattr(self, name) for name in COLUMNS}


def summarize(result: FileResult) -> FileSummary:
    """The summary row of one file's result."""
    codes = [d.code for d in result.diagnostics]
    if any(code in UNCHECKED for code in codes):
        status = "unchecked"
    elif NOT_A_REPORT in codes:
        status = "not-a-report"
    else:
        status = "findings" if codes else "clean"
    by_severity = Counter(d.severity for d in result.diagnostics)
    top = "、".join(f"{code}×{n}" for code, n in Counter(codes).most_common(TOP_CODES))
    return FileSummary(
        file=display_path(result.path), issuer=one_line(result.issuer or ""), year=result.year,
        kind=result.kind or "", format=result.template or "", status=status,
        errors=by_severity[Severity.ERROR], warnings=by_severity[Severity.WARNING], infos=by_severity[Severity.INFO],
        top_codes=top,
    )


def sorted_rows(rows: Iterable[FileSummary]) -> list[FileSummary]:
    """Worst first: errors, then warnings, then infos, then by file."""
    return sorted(rows, key=lambda r: (-r.errors, -r.warnings, -r.infos, r.file))


SUFFIXES = (".xlsx", ".csv", ".md")


def render(rows: list[FileSummary], suffix: str) -> bytes:
    """The summary as the bytes of a .xlsx, .csv or .md file."""
    rows = sorted_rows(rows)
    if suffix == ".csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(HEADERS)
        writer.writerows(row.row() for row in rows)
        return buffer.getvalue().encode("utf-8-sig")
    if suffix == ".md":
        def cell(value: object) -> str:
            return str(value).replace("|", "\\|")

        lines = ["| " + " | ".join(HEADERS) + " |", "|" + "---|" * len(HEADERS)]
        lines += ["| " + " | ".join(cell(v) for v in row.row()) + " |" for row in rows]
        return ("\n".join(lines) + "\n").encode("utf-8")
    if suffix == ".xlsx":
        return _xlsx(rows)
    raise ValueError(f"a summary is written as {', '.join(SUFFIXES)}, not {suffix!r}")


def _xlsx(rows: list[FileSummary]) -> bytes:
    try:
        from openpyxl import Workbook
        from openpyxl.styles import Font
        from openpyxl.utils import get_column_letter
    except ImportError as exc:  # the optional extra
        raise RuntimeError("writing .xlsx needs openpyxl: pip install 'reportlint[xlsx]' (or use .csv)") from exc
    book = Workbook()
    sheet = book.active
    sheet.title = "检查结果"
    sheet.append(list(HEADERS))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append(row.row())
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    for index, header in enumerate(HEADERS, start=1):
        values = [header, *(str(r.row()[index - 1]) for r in rows)]
        # A CJK character is about two Latin widths wide.
        width = max(sum(2 if ord(ch) > 0x2E7F else 1 for ch in v) for v in values)
        sheet.column_dimensions[get_column_letter(index)].width = min(max(width + 2, 6), 60)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def write_summary(path: Path, rows: list[FileSummary]) -> None:
    """Write the summary to ``path`` (its suffix picks the format), atomically."""
    from reportlint.atomic import write_atomically

    write_atomically(path, render(rows, path.suffix.lower()))
