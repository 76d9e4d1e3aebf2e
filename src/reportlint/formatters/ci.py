"""Formats for CI systems: GitHub workflow commands, GitLab code quality, JUnit XML."""

from __future__ import annotations

import json

from reportlint.fingerprints import fingerprints, normalize_path
from reportlint.formatters import Formatter, RunSummary, page_of, page_tag
from reportlint.model import FileResult, Severity

_GITHUB_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}
_GITLAB_SEVERITY = {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.INFO: "info"}


def github_escape_data(text: str) -> str:
    """Escaping for a workflow command's message (GitHub's documented rules)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def github_escape_property(text: str) -> str:
    """Escaping for a workflow command's property values."""
    return github_escape_data(text).replace(":", "%3A").replace(",", "%2C")


class GithubFormatter(Formatter):
    """``::error file=…,line=…,col=…,title=…::message`` annotations."""

    def file(self, result: FileResult) -> str:
        out = []
        for d in result.diagnostics:
            position = d.location.position
            props = [f"file={github_escape_property(normalize_path(d.path))}", f"line={d.line}", f"col={d.column}"]
            if position and position.end_line:
                props.append(f"endLine={position.end_line}")
            if position and position.end_column and (position.end_line in (None, position.line)):
                props.append(f"endColumn={position.end_column}")
            props.append(f"title={github_escape_property(f'{d.code} {d.name}{page_tag(d)}')}")
            out.append(f"::{_GITHUB_LEVEL[d.severity]} {','.join(props)}::{github_escape_data(d.message)}\n")
        return "".join(out)


class GitlabFormatter(Formatter):
    """GitLab code-quality JSON with stable fingerprints."""

    def begin(self) -> str:
        self._items: list[dict[str, object]] = []
        return ""

    def file(self, result: FileResult) -> str:
        for d, fingerprint in zip(result.diagnostics, fingerprints(result.diagnostics)):
            self._items.append({
                "description": f"{d.code}{page_tag(d)} {d.message}",
                "check_name": f"{d.code} {d.name}",
                "fingerprint": fingerprint,
                "severity": _GITLAB_SEVERITY[d.severity],
                "location": {"path": normalize_path(d.path), "lines": {"begin": d.line}},
            })
        return ""

    def end(self, summary: RunSummary) -> str:
        return json.dumps(self._items, ensure_ascii=False, indent=2) + "\n"


class JunitFormatter(Formatter):
    """JUnit XML: one test suite per file, one failing test case per diagnostic."""

    def begin(self) -> str:
        self._suites: list[str] = []
        return ""

    def file(self, result: FileResult) -> str:
        # Imported here: xml.sax.saxutils pulls in urllib and http (~15 ms on every start).
        from xml.sax.saxutils import quoteattr

        path = normalize_path(result.path)
        cases = []
        failures = 0
        for d in result.diagnostics:
            failures += 1
            where = f"p{page_of(d)}:" if page_of(d) else ""
            name = quoteattr(f"{d.code} {d.name} ({where}{d.line}:{d.column})")
            detail = f"{path}:{d.line}:{d.column}: {d.code}{page_tag(d)} [{d.severity.value}] {d.message}"
            text = detail.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            cases.append(
                f"    <testcase classname={quoteattr(path)} name={name}>\n"
                f"      <failure type={quoteattr(d.severity.value)} message={quoteattr(d.message)}>{text}</failure>\n"
                f"    </testcase>"
            )
        if not cases:
            cases.append(f"    <testcase classname={quoteattr(path)} name=\"reportlint\"/>")
        self._suites.append(
            f"  <testsuite name={quoteattr(path)} tests=\"{len(cases)}\" failures=\"{failures}\" errors=\"0\" skipped=\"0\">\n"
            + "\n".join(cases) + "\n  </testsuite>"
        )
        return ""

    def end(self, summary: RunSummary) -> str:
        total = sum(s.count("<testcase") for s in self._suites)
        failures = sum(s.count("<failure") for s in self._suites)
        return (
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            f'<testsuites name="reportlint" tests="{total}" failures="{failures}" time="{summary.elapsed:.3f}">\n'
            + "\n".join(self._suites) + ("\n" if self._suites else "") + "</testsuites>\n"
        )
