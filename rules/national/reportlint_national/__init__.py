"""The national rule pack: the rules every 政府信息公开工作年度报告 in China must pass."""

from __future__ import annotations

from reportlint.rules import Rule


def all_rules() -> list[Rule]:
    """Every rule of the national pack (the relation rules come from the templates)."""
    return []
