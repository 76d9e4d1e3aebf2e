"""Rule documentation from rule metadata: the table, ``explain``, and docs/rules.md."""

from __future__ import annotations

import json

from reportlint.plugins import Registry
from reportlint.rules import Rule


def _formats(rule: Rule) -> str:
    return ", ".join(rule.formats) if rule.formats else "all"


def rules_table(registry: Registry, lang: str = "zh") -> str:
    """One line per rule, sorted by code."""
    lines = []
    for rule in sorted(registry.rules.values(), key=lambda r: r.code):
        summary = rule.summary_en if lang == "en" else rule.summary
        refs = "；".join(rule.references)
        lines.append(f"{rule.code}  {rule.name:<34} {rule.severity.value:<8} {_formats(rule):<10} "
                     f"{rule.pack or '-':<10} {summary}" + (f"  [{refs}]" if refs else ""))
    return "\n".join(lines)


def rules_json(registry: Registry) -> str:
    """Every rule's metadata as JSON."""
    return json.dumps(
        [
            {
                "code": r.code,
                "name": r.name,
                "summary": r.summary,
                "summary_en": r.summary_en,
                "severity": r.severity.value,
                "formats": list(r.formats),
                "references": list(r.references),
                "options": dict(r.options),
                "pack": r.pack,
            }
            for r in sorted(registry.rules.values(), key=lambda r: r.code)
        ],
        ensure_ascii=False,
        indent=2,
    )


def explain_rule(rule: Rule) -> str:
    """The documentation of one rule, for ``reportlint explain``."""
    head = [
        f"{rule.code} {rule.name}",
        f"{rule.summary}",
        f"{rule.summary_en}" if rule.summary_en != rule.summary else "",
        "",
        f"默认严重程度 severity: {rule.severity.value}",
        f"适用格式 formats: {_formats(rule)}",
        f"规则包 pack: {rule.pack or '-'}",
    ]
    if rule.references:
        head.append(f"依据 references: {'；'.join(rule.references)}")
    if rule.options:
        head.append("选项 options: " + ", ".join(f"{k} = {v!r}" for k, v in rule.options.items()))
    return "\n".join(line for line in head if line is not None) + "\n\n" + rule.doc + "\n"


def rules_markdown(registry: Registry) -> str:
    """docs/rules.md: the rule reference, generated from the same metadata."""
    out = [
        "# Rule reference",
        "",
        "Generated from the rules' own metadata and docstrings (`python scripts/gen_rules_doc.py`,",
        "which includes the in-tree packs; `reportlint rules --format markdown` prints the rules",
        "installed here). A test fails when this file is out of date.",
        "",
        "| code | name | severity | formats | pack | summary |",
        "|---|---|---|---|---|---|",
    ]
    ordered = sorted(registry.rules.values(), key=lambda r: r.code)
    for rule in ordered:
        out.append(f"| [{rule.code}](#{rule.code.lower()}) | {rule.name} | {rule.severity.value} | "
                   f"{_formats(rule)} | {rule.pack or '-'} | {rule.summary} |")
    out.append("")
    for rule in ordered:
        out.append(f"## {rule.code}")
        out.append("")
        out.append(f"**{rule.name}** — {rule.summary}  ")
        out.append(f"*{rule.summary_en}*")
        out.append("")
        out.append(f"- severity: `{rule.severity.value}`; formats: {_formats(rule)}; pack: {rule.pack or '-'}")
        if rule.references:
            out.append(f"- references: {'；'.join(rule.references)}")
        if rule.options:
            out.append("- options: " + ", ".join(f"`{k}` = `{v!r}`" for k, v in rule.options.items()))
        out.append("")
        out.append(rule.doc)
        out.append("")
    return "\n".join(out)
