"""The rule type: a small function with metadata, made with the ``rule`` decorator.

A rule receives the read-only Report and a RuleContext, and yields Findings. It decides
*what* is wrong; the engine decides severity and whether it is reported. Its docstring is
its documentation: why it matters, a failing and a passing example.

    @rule("M002", "repeated-character-in-name", summary="机关名称中有重复的字",
          summary_en="A character is repeated in the body's name", severity="warning")
    def repeated_character(report, context):
        '''…'''
        yield Finding(...)
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from reportlint.model import Finding, Report, Severity
from reportlint.records import record
from reportlint.templates import Template

CODE_RE = re.compile(r"^[A-Z]{1,2}\d{3}$")
NAME_RE = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")
ALL_FORMATS = ("2019", "2021")
# What a rule's finding means on text read by OCR, when it is more than a finding (see
# reportlint.ocr_doubt): "glyph-form" — it judges a character's form (a full- or half-width
# bracket), which a scan cannot show, so it is not made; "one-character" — it is one character
# written for another, lost or added, how OCR fails: a possible misreading; "absence" — a part
# is missing whose title may stand unnumbered in the OCR'd text; "signature" — the signature is
# missing, and may be under the seal of an OCR'd last page.
OCR_SENSES = ("glyph-form", "one-character", "absence", "signature")


@dataclass
class RuleContext:
    """What a rule may know besides the report: its options, the template, the language.

    ``cache`` is shared by all rules for one report (the relation evaluator computes once).
    """

    options: Mapping[str, Any]
    template: Template
    lang: str = "zh"
    settings: Mapping[str, Any] = field(default_factory=dict)
    cache: dict[str, Any] = field(default_factory=dict)


CheckFunction = Callable[[Report, RuleContext], Iterable[Finding]]


class RuleError(ValueError):
    """A rule's metadata is invalid."""


@record(slots=False)
class Rule:
    """A rule and its metadata. ``check`` yields Findings for one report."""

    code: str
    name: str
    summary: str
    summary_en: str
    severity: Severity
    formats: tuple[str, ...]
    references: tuple[str, ...]
    options: Mapping[str, Any]
    check: CheckFunction
    doc: str
    pack: str = ""
    codes: tuple[tuple[str, str], ...] = ()  # extra (code, name) pairs a rule may emit
    ocr: str = ""  # one of OCR_SENSES, or "" (the finding stands on OCR'd text like any other)

    def applies_to(self, version: str) -> bool:
        return not self.formats or version in self.formats

    def run(self, report: Report, context: RuleContext) -> Iterator[Finding]:
        yield from self.check(report, context)


def validate_rule(candidate: object) -> Rule:
    """Return the Rule or raise RuleError saying what is wrong with it."""
    if not isinstance(candidate, Rule):
        raise RuleError(f"not a Rule: {candidate!r} (use the reportlint.rule decorator)")
    if not CODE_RE.match(candidate.code):
        raise RuleError(f"rule code {candidate.code!r} is not a letter or two and three digits")
    if not NAME_RE.match(candidate.name):
        raise RuleError(f"rule {candidate.code}: name {candidate.name!r} is not kebab-case")
    if not candidate.summary.strip():
        raise RuleError(f"rule {candidate.code}: summary is empty")
    if not candidate.doc.strip():
        raise RuleError(f"rule {candidate.code}: no docstring (it is the rule's documentation)")
    if candidate.ocr and candidate.ocr not in OCR_SENSES:
        raise RuleError(f"rule {candidate.code}: ocr={candidate.ocr!r} is not one of {', '.join(OCR_SENSES)}")
    return candidate


def rule(
    code: str,
    name: str,
    *,
    summary: str,
    summary_en: str = "",
    severity: str | Severity = Severity.WARNING,
    formats: Iterable[str] = ALL_FORMATS,
    references: Iterable[str] = (),
    options: Mapping[str, Any] | None = None,
    pack: str = "",
    ocr: str = "",
) -> Callable[[CheckFunction], Rule]:
    """Make a Rule from a check function; its docstring becomes the documentation.
    ``ocr`` says what its findings mean on text read by OCR (OCR_SENSES)."""

    def decorate(function: CheckFunction) -> Rule:
        made = Rule(
            code=code,
            name=name,
            summary=summary,
            summary_en=summary_en or summary,
            severity=Severity(severity),
            formats=tuple(formats),
            references=tuple(references),
            options=dict(options or {}),
            check=function,
            doc=inspect.cleandoc(function.__doc__ or ""),
            pack=pack,
            ocr=ocr,
        )
        return validate_rule(made)

    return decorate
