"""SARIF 2.1.0 output (validated against the official schema in the tests).

Columns count Unicode code points (``columnKind`` = unicodeCodePoints); every result has a
physical location (line 1 for document-level findings); table cells are logical locations
(表三 … / row / column); rules carry their help text and references.
"""

from __future__ import annotations

import json
import os
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import quote

from reportlint import __version__
from reportlint.fingerprints import fingerprints, relative_path
from reportlint.formatters import Formatter, RunSummary
from reportlint.model import Diagnostic, FileResult, Severity

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


@lru_cache(maxsize=1)
def rules_doc_uri() -> str | None:
    """Where the rule reference lives: ``REPORTLINT_DOCS_URL`` (a team's hosted copy of
    docs/rules.md), else the installed distribution's "Documentation" URL, else docs/rules.md
    of a source checkout as a file URI; None when none is known (helpUri is then left out)."""
    configured = os.environ.get("REPORTLINT_DOCS_URL", "").strip()
    if configured:
        return configured
    try:
        from importlib.metadata import metadata

        for entry in metadata("reportlint").get_all("Project-URL") or []:
            label, _, url = entry.partition(",")
            if label.strip().lower() == "documentation" and url.strip():
                return url.strip()
    except Exception:  # noqa: BLE001 - metadata is optional
        pass
    checkout = Path(__file__).resolve().parents[3] / "docs" / "rules.md"
    return checkout.as_uri() if checkout.is_file() else None


def _rule_descriptor(rule: Any) -> dict[str, Any]:
    base = rules_doc_uri()
    return {
        "id": rule.code,
        "name": rule.name,
        # docs/rules.md has one "## CODE" heading per rule: its anchor is the code in lower case.
        **({"helpUri": f"{base}#{rule.code.lower()}"} if base else {}),
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": rule.summary_en},
        "help": {"text": rule.doc, "markdown": rule.doc},
        "defaultConfiguration": {"level": _LEVEL[rule.severity]},
        "properties": {"references": list(rule.references), "formats": list(rule.formats), "pack": rule.pack},
    }


def _logical(d: Diagnostic) -> list[dict[str, Any]]:
    location = d.location
    if not (location.table or location.section):
        return []
    parts = [p for p in (location.section, location.table, location.row_label, location.column_label) if p]
    kind = "element" if location.row_label else "module"
    return [{"name": parts[-1], "fullyQualifiedName": " / ".join(parts), "kind": kind}]


def _region(d: Diagnostic) -> dict[str, Any]:
    position = d.location.position
    region: dict[str, Any] = {"startLine": max(d.line, 1), "startColumn": max(d.column, 1)}
    if position and position.end_line and position.end_line >= region["startLine"]:
        region["endLine"] = position.end_line
    if position and position.end_column and position.end_column > region["startColumn"] and \
            (position.end_line in (None, position.line)):
        region["endColumn"] = position.end_column
    if position and position.page:
        region["properties"] = {"page": position.page}  # PDF inputs: lines count extracted text
    return region


def _fix(d: Diagnostic, uri: str) -> list[dict[str, Any]]:
    fix = d.fix
    if fix is None or fix.position is None or fix.original is None:
        return []
    start = fix.position.column
    return [{
        "description": {"text": fix.description},
        "artifactChanges": [{
            "artifactLocation": {"uri": uri},
            "replacements": [{
                "deletedRegion": {"startLine": fix.position.line, "startColumn": start,
                                  "endLine": fix.position.line, "endColumn": start + len(fix.original)},
                "insertedContent": {"text": fix.replacement},
            }],
        }],
    }]


def sarif_uri(path: str) -> str:
    """A relative URI reference for ``path``: its bytes percent-encoded (RFC 3986), so any
    file name, valid UTF-8 or not, makes a valid SARIF ``uri``."""
    relative = relative_path(path)
    if relative == "-":
        return "stdin"
    return quote(os.fsencode(relative), safe="/")


class SarifFormatter(Formatter):
    """A single SARIF log for the whole run."""

    def begin(self) -> str:
        self._results: list[tuple[Diagnostic, str]] = []
        self._artifacts: list[str] = []
        return ""

    def file(self, result: FileResult) -> str:
        self._artifacts.append(sarif_uri(result.path))
        self._results.extend(zip(result.diagnostics, fingerprints(result.diagnostics)))
        return ""

    def end(self, summary: RunSummary) -> str:
        used = sorted({d.code for d, _ in self._results})
        rules = [summary.rules[code] for code in used if code in summary.rules]
        index = {rule.code: i for i, rule in enumerate(rules)}
        results = []
        for d, fingerprint in self._results:
            uri = sarif_uri(d.path)
            item: dict[str, Any] = {
                "ruleId": d.code,
                "level": _LEVEL[d.severity],
                "message": {"text": d.message},
                "locations": [{
                    "physicalLocation": {"artifactLocation": {"uri": uri}, "region": _region(d)},
                    **({"logicalLocations": _logical(d)} if _logical(d) else {}),
                }],
                "partialFingerprints": {"reportlint/v1": fingerprint},
            }
            if d.code in index:
                item["ruleIndex"] = index[d.code]
            properties = {k: v for k, v in (("expected", d.expected), ("actual", d.actual)) if v is not None}
            if properties:
                item["properties"] = properties
            fixes = _fix(d, uri)
            if fixes:
                item["fixes"] = fixes
            results.append(item)
        log = {
            "$schema": SCHEMA_URI,
            "version": "2.1.0",
            "runs": [{
                "tool": {"driver": {
                    "name": "reportlint",
                    "version": __version__,
                    "informationUri": "https://pypi.org/project/reportlint/",
                    "rules": [_rule_descriptor(rule) for rule in rules],
                }},
                "columnKind": "unicodeCodePoints",
                "artifacts": [{"location": {"uri": uri}} for uri in self._artifacts],
                "results": results,
            }],
        }
        return json.dumps(log, ensure_ascii=False, indent=2) + "\n"
