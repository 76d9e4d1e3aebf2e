"""Running rules over a Report and turning Findings into Diagnostics.

The engine applies the configuration (select / ignore with the longest prefix winning,
per-file ignores, severity overrides), stamps code, name, severity and path on each
finding, and isolates failures: a rule that raises becomes an E004 diagnostic naming the
rule, and the other rules still run.
"""

from __future__ import annotations

import fnmatch
from collections.abc import Iterable, Mapping
from dataclasses import replace
from functools import lru_cache
from types import MappingProxyType

from reportlint.budget import BudgetExceeded
from reportlint.config import Config
from reportlint.core_rules import RULE_CRASHED
from reportlint.model import Diagnostic, Finding, Location, Report, Severity
from reportlint.records import record
from reportlint.rules import Rule, RuleContext
from reportlint.templates import Template
from reportlint.text.escape import one_line


def _longest(code: str, prefixes: Iterable[str]) -> int:
    best = -1
    for prefix in prefixes:
        if prefix == "ALL":
            best = max(best, 0)
        elif code.startswith(prefix):
            best = max(best, len(prefix))
    return best


@record(slots=False)
class Selector:
    """Decides whether a code is reported: the longest matching prefix wins.

    An ignore prefix as long as the longest select prefix wins (saying both is a
    request to be quiet).
    """

    select: tuple[str, ...]
    ignore: tuple[str, ...]

    @classmethod
    def from_config(cls, config: Config) -> Selector:
        return cls(tuple(config.select) + tuple(config.extend_select), tuple(config.ignore))

    def enabled(self, code: str, extra_ignore: Iterable[str] = ()) -> bool:
        return _enabled(code, self.select, (*self.ignore, *extra_ignore))


@lru_cache(maxsize=4096)
def _enabled(code: str, select: tuple[str, ...], ignore: tuple[str, ...]) -> bool:
    # Asked for every rule of every file with the same few prefixes: remembered.
    selected = _longest(code, select)
    return selected >= 0 and selected > _longest(code, ignore)


def file_ignores(config: Config, path: str) -> tuple[str, ...]:
    """Codes ignored for ``path`` by per-file-ignores globs."""
    codes: list[str] = []
    normalized = path.replace("\\", "/")
    for pattern, ignored in config.per_file_ignores.items():
        if fnmatch.fnmatch(normalized, pattern) or fnmatch.fnmatch(normalized.rsplit("/", 1)[-1], pattern):
            codes.extend(ignored)
    return tuple(codes)


def make_diagnostic(
    path: str, rule: Rule, finding: Finding, config: Config, code: str | None = None
) -> Diagnostic:
    """Stamp a finding with code, name, severity (after overrides) and path."""
    code = code or finding.code or rule.code
    name = rule.name
    default = finding.severity.value if finding.severity is not None else rule.severity.value
    severity = Severity(config.severity.get(code, default))
    message = finding.message_en if config.lang == "en" and finding.message_en else finding.message
    location = finding.location
    if location.section and not location.section.isprintable():
        location = replace(location, section=one_line(location.section))
    fix = finding.fix
    if fix is not None and not fix.description.isprintable():
        fix = replace(fix, description=one_line(fix.description))
    # Messages quote report text: one line, control characters escaped, in every output.
    return Diagnostic(
        path=path,
        code=code,
        name=name,
        severity=severity,
        message=one_line(message),
        location=location,
        expected=one_line(finding.expected) if finding.expected is not None else None,
        actual=one_line(finding.actual) if finding.actual is not None else None,
        references=rule.references,
        fix=fix,
    )


def run_rules(
    report: Report,
    rules: Iterable[Rule],
    config: Config,
    template: Template,
    path: str,
    extra_settings: Mapping[str, object] | None = None,
) -> list[Diagnostic]:
    """Run every enabled rule that applies to the report's format; sorted diagnostics."""
    rules = list(rules)
    selector = Selector.from_config(config)
    ignored_here = file_ignores(config, path)
    cache: dict[str, object] = {}
    diagnostics: list[Diagnostic] = []
    crash_rule = None
    for current in rules:
        if current.code == RULE_CRASHED:
            crash_rule = current
    # Shared by every rule of the file, read-only (a rule cannot change another's view).
    settings = MappingProxyType({**config.settings(), **(extra_settings or {})})
    for current in rules:
        if not current.applies_to(report.template_version):
            continue
        if not (selector.enabled(current.code, ignored_here)
                or any(selector.enabled(code, ignored_here) for code, _ in current.codes)):
            continue
        options: Mapping[str, object] = MappingProxyType(current.options)
        if current.code in config.rules or current.name in config.rules:
            options = {**current.options, **config.rules.get(current.code, {}), **config.rules.get(current.name, {})}
        context = RuleContext(options, template, config.lang, settings, cache)
        try:
            for finding in current.run(report, context):
                code = finding.code or current.code
                if selector.enabled(code, ignored_here):
                    diagnostics.append(make_diagnostic(path, current, finding, config, code))
        except (KeyboardInterrupt, BudgetExceeded, MemoryError):
            raise  # the user, or the file's budget: not this rule's failure
        except BaseException as exc:  # noqa: BLE001 - isolate: one broken rule (even sys.exit) never stops the others
            if crash_rule is not None and selector.enabled(RULE_CRASHED, ignored_here):
                finding = Finding(
                    message=f"规则 {current.code}（{current.name}，来自 {current.pack or '未知插件'}）运行出错，已跳过：{type(exc).__name__}: {exc}",
                    message_en=f"rule {current.code} ({current.name}, from {current.pack or 'unknown plugin'}) raised and was skipped: {type(exc).__name__}: {exc}",
                    location=Location(),
                )
                diagnostics.append(make_diagnostic(path, crash_rule, finding, config))
    return sorted(diagnostics, key=Diagnostic.sort_key)
