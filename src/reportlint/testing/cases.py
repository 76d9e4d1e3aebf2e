"""Data-driven rule cases: a report (or an edit of one), a configuration, and the exact
diagnostics expected. The core and every pack test their rules with this one tool.

A case file is TOML, one file per rule::

    rule = "M002"                       # the code under test (or codes = ["N001", "N003"])

    [[cases]]
    name = "doubled 镇 in the signature"
    base = "../reports/clean_2019.txt"  # a report file, relative to this case file
    replace = [["余姚市交通运输局\\n2021", "余姚市交通运输局局\\n2021"]]
    expect = [{ line = 460, contains = "“局”字重复" }]

    [[cases]]
    name = "clean report"
    base = "../reports/clean_2019.txt"
    expect = []                         # a passing case: no diagnostic of this rule

Instead of ``base`` a case may give the whole report as ``text`` (with ``name`` suffix
``suffix = ".md"``). ``replace`` pairs are applied in order and each must match. ``config``
holds configuration keys (as in reportlint.toml); ``packs`` enables rule packs. Each
``expect`` item may check ``code`` (default: the rule), ``line``, ``column``, ``table``,
``row``, ``column_label``, ``severity``, ``contains`` (a substring of the message) and
``fix`` (the replacement the fix suggests, or false for none).
Only diagnostics of the case's codes are compared, and their number must match exactly.
"""

from __future__ import annotations

import tomllib
from dataclasses import field
from pathlib import Path
from typing import Any

from reportlint.api import analyze_bytes
from reportlint.config import Config, apply_mapping
from reportlint.model import Diagnostic
from reportlint.plugins import ENTRY_POINT_GROUP, Registry, build_registry
from reportlint.records import record

_EXPECT_KEYS = {"code", "line", "column", "table", "row", "column_label", "severity", "contains", "fix"}


class CaseError(ValueError):
    """A case file is malformed (unknown key, replacement that does not match…)."""


@record(slots=False)
class RuleCase:
    """One case of a case file."""

    file: Path
    rule: tuple[str, ...]
    name: str
    text: str
    suffix: str
    config: dict[str, Any] = field(default_factory=dict)
    expect: tuple[dict[str, Any], ...] = ()

    @property
    def id(self) -> str:
        return f"{self.file.stem}: {self.name}"


def _case_text(case: dict[str, Any], where: Path) -> tuple[str, str]:
    if "text" in case:
        return str(case["text"]), str(case.get("suffix", ".txt"))
    if "base" not in case:
        raise CaseError(f"{where}: case {case.get('name')!r} needs `base` or `text`")
    base = (where.parent / str(case["base"])).resolve()
    text = base.read_text(encoding="utf-8")
    for pair in case.get("replace", []):
        old, new = pair
        if old not in text:
            raise CaseError(f"{where}: case {case.get('name')!r}: text to replace not found: {old!r}")
        text = text.replace(old, new, 1)
    return text, base.suffix


def load_cases(path: Path) -> list[RuleCase]:
    """All cases of one case file."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    codes = data.get("codes") or [data.get("rule")]
    if not codes or not all(isinstance(c, str) for c in codes):
        raise CaseError(f"{path}: `rule` (or `codes`) is required")
    cases = []
    for raw in data.get("cases", []):
        unknown = set(raw) - {"name", "base", "text", "suffix", "replace", "config", "packs", "expect"}
        if unknown:
            raise CaseError(f"{path}: unknown key(s) {sorted(unknown)} in case {raw.get('name')!r}")
        for item in raw.get("expect", []):
            if set(item) - _EXPECT_KEYS:
                raise CaseError(f"{path}: unknown expect key(s) {sorted(set(item) - _EXPECT_KEYS)}")
        text, suffix = _case_text(raw, path)
        config = dict(raw.get("config", {}))
        if config.get("previous"):  # a path relative to the case file, like base
            config["previous"] = str((path.parent / str(config["previous"])).resolve())
        if raw.get("packs"):
            config["packs"] = list(raw["packs"])
        cases.append(RuleCase(path, tuple(codes), str(raw.get("name", "")), text, suffix, config,
                              tuple(raw.get("expect", []))))
    return cases


def collect_cases(directory: Path) -> list[RuleCase]:
    """Every case of every ``*.toml`` file below ``directory``, sorted by file."""
    return [case for path in sorted(directory.rglob("*.toml")) for case in load_cases(path)]


def _matches(diagnostic: Diagnostic, expected: dict[str, Any], default_code: str) -> list[str]:
    problems = []
    location = diagnostic.location
    actual = {
        "code": diagnostic.code,
        "line": diagnostic.line,
        "column": diagnostic.column,
        "table": location.table,
        "row": location.row_label,
        "column_label": location.column_label,
        "severity": diagnostic.severity.value,
        "fix": diagnostic.fix.replacement if diagnostic.fix else False,  # `fix = false`: none offered
    }
    wanted = {"code": default_code, **expected}
    for key, value in wanted.items():
        if key == "contains":
            if value not in diagnostic.message:
                problems.append(f"message does not contain {value!r}: {diagnostic.message}")
        elif actual[key] != value:
            problems.append(f"{key}: expected {value!r}, got {actual[key]!r}")
    return problems


def run_case(case: RuleCase, registry: Registry | None = None) -> list[Diagnostic]:
    """Run one case; raise AssertionError describing any difference from its expectation.

    ``registry`` lets a pack run its cases with itself registered in-process
    (see ``pack_registry``); by default the installed plugins are used.
    """
    config = apply_mapping(Config(), case.config, f"{case.file} [{case.name}]") if case.config else Config()
    analysis = analyze_bytes(case.text.encode("utf-8"), f"case{case.suffix}", config, registry)
    got = [d for d in analysis.diagnostics if d.code in case.rule]
    shown = "\n".join(f"  {d.line}:{d.column} {d.code} {d.message}" for d in got) or "  (none)"
    if len(got) != len(case.expect):
        raise AssertionError(
            f"{case.id}: expected {len(case.expect)} diagnostic(s) of {', '.join(case.rule)}, got {len(got)}:\n{shown}"
        )
    for diagnostic, expected in zip(got, case.expect):
        problems = _matches(diagnostic, expected, case.rule[0])
        if problems:
            raise AssertionError(f"{case.id}: " + "; ".join(problems) + f"\n{shown}")
    return got


def pack_registry(name: str, plugin: object) -> Registry:
    """The installed plugins plus ``plugin`` registered in-process as ``name``.

    A pack's own tests use it to run against the pack's source tree; an installed copy
    with the same entry-point name is left out so the pack is not registered twice.
    """
    import importlib.metadata

    points = [ep for ep in importlib.metadata.entry_points(group=ENTRY_POINT_GROUP) if ep.name != name]
    return build_registry(entry_points=points, extra_plugins=[(name, plugin)])
