"""Output formats. Each is a FormatterSpec registered through ``reportlint_formatters``.

A formatter receives files one at a time (``file``) so results stream out as they are
produced, then ``end`` with the run's tally for formats that need a closing (JSON object,
SARIF). Formatters return text; the CLI writes it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from reportlint.model import Diagnostic, FileResult
from reportlint.records import record


@record(slots=False)
class FormatOptions:
    """What a formatter may take into account."""

    color: bool = False
    lang: str = "zh"
    show_source: bool = True


@dataclass
class RunSummary:
    """The tally of a run, handed to ``Formatter.end``."""

    files: int = 0
    files_with_errors: int = 0
    by_severity: dict[str, int] = field(default_factory=dict)
    elapsed: float = 0.0
    rules: dict[str, Any] = field(default_factory=dict)  # code → Rule, for SARIF metadata


class Formatter:
    """Base class: override ``file`` (and ``begin``/``end`` when the format needs them)."""

    def __init__(self, options: FormatOptions) -> None:
        self.options = options

    def begin(self) -> str:
        return ""

    def file(self, result: FileResult) -> str:
        raise NotImplementedError

    def end(self, summary: RunSummary) -> str:
        return ""


@record(slots=False)
class FormatterSpec:
    """A named output format."""

    name: str
    description: str
    factory: Callable[[FormatOptions], Formatter]


def builtin_formatters() -> list[FormatterSpec]:
    """The formats shipped with reportlint."""
    from reportlint.formatters.ci import GithubFormatter, GitlabFormatter, JunitFormatter
    from reportlint.formatters.htmlreport import HtmlFormatter
    from reportlint.formatters.jsonfmt import CsvFormatter, JsonFormatter, JsonLinesFormatter
    from reportlint.formatters.sarif import SarifFormatter
    from reportlint.formatters.text import ConciseFormatter, FullFormatter

    return [
        FormatterSpec("full", "location, code, message, logical location, excerpt with caret, fix (default)",
                      FullFormatter),
        FormatterSpec("concise", "path:line:col: CODE message", ConciseFormatter),
        FormatterSpec("json", "one JSON object: diagnostics, every file with its status, tally (docs/output.md)",
                      JsonFormatter),
        FormatterSpec("csv", "one CSV row per diagnostic with the file's issuer and year (docs/output.md)",
                      CsvFormatter),
        FormatterSpec("jsonl", "one JSON object per diagnostic per line", JsonLinesFormatter),
        FormatterSpec("sarif", "SARIF 2.1.0 log", SarifFormatter),
        FormatterSpec("github", "GitHub Actions workflow-command annotations", GithubFormatter),
        FormatterSpec("gitlab", "GitLab code-quality report (JSON)", GitlabFormatter),
        FormatterSpec("junit", "JUnit XML, one test suite per file", JunitFormatter),
        FormatterSpec("html", "a page to read and print: tables as grids with the blamed cells, findings in place",
                      HtmlFormatter),
    ]


def page_of(diagnostic: Diagnostic) -> int | None:
    """The PDF page a diagnostic is on (None for inputs without pages)."""
    position = diagnostic.location.position
    return position.page if position is not None else None


def page_tag(diagnostic: Diagnostic, lang: str = "zh") -> str:
    """"（第 3 页）" / " (page 3)" for a diagnostic in a paginated input, else ""."""
    page = page_of(diagnostic)
    if not page:
        return ""
    return f" (page {page})" if lang == "en" else f"（第 {page} 页）"
