"""Declarative rules: the common checks as data (TOML), no Python needed.

A pack lists rules in a TOML file and returns ``load_rules_file(...)`` from its
``reportlint_rules`` hook::

    [[rules]]
    code = "SH001"
    name = "cite-shanghai-provisions"
    kind = "required-phrase"            # or "forbidden-phrase"
    phrases = ["《上海市政府信息公开规定》"]
    match = "any"                       # required: any (default) or all of the phrases
    where = "opening"                   # document | opening (before the first section) | a section key
    severity = "warning"
    summary = "开头未引用《上海市政府信息公开规定》"
    summary_en = "The opening does not cite the Shanghai provisions"
    references = ["《上海市政府信息公开规定》"]
    doc = '''Why it matters, a failing and a passing example.'''

The other common additions are data too, in a template extension (see
``reportlint.templates.TemplateExtension``): an extra required section (``[[sections]]``
with ``required = true``), an extra table, an extra relation between cells
(``[[relations]]`` — the same mechanism as the national relations R1–R9).
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterator
from importlib import resources
from typing import Any

from reportlint.model import Finding, Heading, Location, Paragraph, Position, Report
from reportlint.rules import ALL_FORMATS, Rule, RuleContext, RuleError, rule
from reportlint.text.normalize import compact_fold

KINDS = ("required-phrase", "forbidden-phrase")
_KEYS = {"code", "name", "kind", "phrases", "match", "where", "severity", "summary", "summary_en",
         "references", "doc", "formats", "message", "message_en"}


def _region(report: Report, where: str) -> list[tuple[str, Position | None]]:
    """(text, position) of the headings and paragraphs a rule looks at."""
    blocks = report.document.blocks
    if where == "document":
        start, end = 0, len(blocks)
    elif where == "opening":
        start, end = 0, report.sections[0].block_index if report.sections else len(blocks)
        title_line = report.metadata.title_position.line if report.metadata.title_position else None
        # The opening is the text after the title and before the first section.
        return [(b.text, b.position) for b in blocks[start:end] if isinstance(b, (Heading, Paragraph))
                and not (b.position and b.position.line == title_line)]
    else:
        section = report.section(where)
        if section is None:
            return []
        start, end = section.block_index, section.end_block
    return [(b.text, b.position) for b in blocks[start:end] if isinstance(b, (Heading, Paragraph))]


def _where_label(report: Report, where: str) -> str:
    if where == "document":
        return "全文"
    if where == "opening":
        return "开头（第一部分之前）"
    section = report.section(where)
    return f"「{section.heading}」" if section else where


def _required(spec: dict[str, Any]) -> Any:
    phrases = [compact_fold(p) for p in spec["phrases"]]
    need_all = spec.get("match", "any") == "all"
    where = spec.get("where", "document")

    def check(report: Report, context: RuleContext) -> Iterator[Finding]:
        region = _region(report, where)
        if not region and where not in ("document", "opening"):
            return  # the section is missing: S001 says so
        text = compact_fold("".join(t for t, _ in region))
        missing = [p for p, raw in zip(phrases, spec["phrases"]) if p not in text]
        if (need_all and missing) or (not need_all and len(missing) == len(phrases)):
            shown = "、".join(f"“{raw}”" for raw, p in zip(spec["phrases"], phrases) if p in missing)
            position = region[0][1] if region else report.metadata.title_position
            yield Finding(
                message=spec.get("message", "{where}未找到{phrases}").format(where=_where_label(report, where), phrases=shown),
                message_en=spec.get("message_en", "{phrases} not found in {where}").format(where=where, phrases=shown),
                location=Location(position=position),
                expected=shown,
            )

    return check


def _forbidden(spec: dict[str, Any]) -> Any:
    where = spec.get("where", "document")

    def check(report: Report, context: RuleContext) -> Iterator[Finding]:
        for text, position in _region(report, where):
            for phrase in spec["phrases"]:
                start = text.find(phrase)
                if start < 0:
                    continue
                at = Position(position.line, position.column + start, position.line,
                              position.column + start + len(phrase)) if position else None
                yield Finding(
                    message=spec.get("message", "不应出现“{phrase}”").format(phrase=phrase),
                    message_en=spec.get("message_en", "“{phrase}” should not appear").format(phrase=phrase),
                    location=Location(position=at),
                    actual=phrase,
                )

    return check


def rule_from_dict(spec: dict[str, Any], pack: str, where: str) -> Rule:
    """One declarative rule; RuleError says what is wrong with the data."""
    unknown = set(spec) - _KEYS
    if unknown:
        raise RuleError(f"{where}: rule {spec.get('code', '?')}: unknown key(s) {sorted(unknown)}")
    for key in ("code", "name", "kind", "phrases", "summary", "doc"):
        if not spec.get(key):
            raise RuleError(f"{where}: rule {spec.get('code', '?')}: '{key}' is required")
    if spec["kind"] not in KINDS:
        raise RuleError(f"{where}: rule {spec['code']}: kind must be one of {', '.join(KINDS)}")
    check = _required(spec) if spec["kind"] == "required-phrase" else _forbidden(spec)
    check.__doc__ = spec["doc"]
    return rule(
        spec["code"],
        spec["name"],
        summary=spec["summary"],
        summary_en=spec.get("summary_en", ""),
        severity=spec.get("severity", "warning"),
        formats=spec.get("formats", ALL_FORMATS),
        references=spec.get("references", ()),
        pack=pack,
    )(check)


def rules_from_toml(text: str, pack: str, where: str = "rules.toml") -> list[Rule]:
    """Every rule of a declarative rules file."""
    data = tomllib.loads(text)
    return [rule_from_dict(spec, pack, where) for spec in data.get("rules", [])]


def load_rules_file(package: str, name: str, pack: str) -> list[Rule]:
    """Declarative rules shipped as package data (``package/name``)."""
    text = resources.files(package).joinpath(name).read_text(encoding="utf-8")
    return rules_from_toml(text, pack, f"{package}/{name}")
