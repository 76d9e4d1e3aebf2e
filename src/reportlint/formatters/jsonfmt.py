"""Machine output: ``json`` (one array) and ``jsonl`` (one object per line).

The schema of one diagnostic is documented in docs/output.md.
"""

from __future__ import annotations

import json
from typing import Any

from reportlint.formatters import Formatter, RunSummary
from reportlint.model import Diagnostic, FileResult
from reportlint.text.escape import display_path


def diagnostic_to_dict(diagnostic: Diagnostic) -> dict[str, Any]:
    """The JSON form of a diagnostic (keys are ASCII; labels keep their Chinese text)."""
    position = diagnostic.location.position
    location = diagnostic.location
    fix = diagnostic.fix
    return {
        "path": display_path(diagnostic.path),
        "code": diagnostic.code,
        "name": diagnostic.name,
        "severity": diagnostic.severity.value,
        "message": diagnostic.message,
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
        "expected": diagnostic.expected,
        "actual": diagnostic.actual,
        "references": list(diagnostic.references),
        "fix": None if fix is None else {
            "description": fix.description,
            "replacement": fix.replacement,
            "original": fix.original,
            "line": fix.position.line if fix.position else None,
            "column": fix.position.column if fix.position else None,
        },
    }


class JsonFormatter(Formatter):
    """A single JSON array of every diagnostic of the run."""

    def begin(self) -> str:
        self._first = True
        return "["

    def file(self, result: FileResult) -> str:
        out = []
        for diagnostic in result.diagnostics:
            sep = "\n  " if self._first else ",\n  "
            self._first = False
            out.append(sep + json.dumps(diagnostic_to_dict(diagnostic), ensure_ascii=False))
        return "".join(out)

    def end(self, summary: RunSummary) -> str:
        return "]\n" if self._first else "\n]\n"


class JsonLinesFormatter(Formatter):
    """One JSON object per diagnostic, one per line (streams well)."""

    def file(self, result: FileResult) -> str:
        return "".join(
            json.dumps(diagnostic_to_dict(d), ensure_ascii=False) + "\n" for d in result.diagnostics
        )
