"""Machine output: ``json`` (one object: diagnostics, files, tally), ``jsonl`` (one object
per diagnostic per line) and ``csv`` (one row per diagnostic).

The schema of one diagnostic is documented in docs/output.md.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from reportlint.formatters import Formatter, RunSummary
from reportlint.model import Diagnostic, FileResult
from reportlint.text.escape import display_path, one_line


def diagnostic_to_dict(diagnostic: Diagnostic) -> dict[str, Any]:
    """The JSON form of a diagnostic (keys are ASCII; labels keep their Chinese text)."""
    return diagnostic.to_dict()


class JsonFormatter(Formatter):
    """One JSON object for the run: every diagnostic, and every file checked with its status
    (clean files included), so "which reports passed" is answered from it alone."""

    def begin(self) -> str:
        self._first = True
        self._files: list[dict[str, object]] = []
        return '{\n"diagnostics": ['

    def file(self, result: FileResult) -> str:
        from reportlint.summary import summarize

        self._files.append(summarize(result).to_dict())
        out = []
        for diagnostic in result.diagnostics:
            sep = "\n  " if self._first else ",\n  "
            self._first = False
            out.append(sep + json.dumps(diagnostic_to_dict(diagnostic), ensure_ascii=False))
        return "".join(out)

    def end(self, summary: RunSummary) -> str:
        files = ",\n  ".join(json.dumps(f, ensure_ascii=False) for f in self._files)
        tally = {"files": summary.files, "files_with_errors": summary.files_with_errors,
                 "by_severity": {k: summary.by_severity.get(k, 0) for k in ("error", "warning", "info")}}
        return (("]" if self._first else "\n]") + ',\n"files": [' + (f"\n  {files}\n" if files else "")
                + '],\n"summary": ' + json.dumps(tally, ensure_ascii=False) + "\n}\n")


class JsonLinesFormatter(Formatter):
    """One JSON object per diagnostic, one per line (streams well)."""

    def file(self, result: FileResult) -> str:
        return "".join(
            json.dumps(diagnostic_to_dict(d), ensure_ascii=False) + "\n" for d in result.diagnostics
        )


CSV_COLUMNS = ("file", "issuer", "year", "code", "severity", "page", "line", "column", "section", "table",
               "row_label", "column_label", "expected", "actual", "message")


class CsvFormatter(Formatter):
    """One CSV row per diagnostic, with the file's issuer and report year (for spreadsheets
    and pandas; columns documented in docs/output.md)."""

    def begin(self) -> str:
        return self._row(CSV_COLUMNS)

    def file(self, result: FileResult) -> str:
        out = []
        for d in result.diagnostics:
            position, location = d.location.position, d.location
            out.append(self._row((
                display_path(d.path), one_line(result.issuer or ""), result.year or "", d.code, d.severity.value,
                position.page if position and position.page else "", d.line, d.column, location.section or "",
                location.table or "", location.row_label or "", location.column_label or "",
                d.expected or "", d.actual or "", one_line(d.message),
            )))
        return "".join(out)

    @staticmethod
    def _row(values: tuple[object, ...]) -> str:
        buffer = io.StringIO()
        csv.writer(buffer, lineterminator="\n").writerow(values)
        return buffer.getvalue()
