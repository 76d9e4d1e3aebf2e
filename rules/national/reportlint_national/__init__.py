"""The national rule pack: the rules every 政府信息公开工作年度报告 in China must pass.

Families: S sections, T tables and cells, D dates and periods, M issuer identity,
P typography, X prose versus tables, Y year over year (with ``--previous``). The numeric relations (N) are data in the national templates and are
evaluated by the core's generic relation engine.
"""

from __future__ import annotations

from reportlint.rules import Rule


def all_rules() -> list[Rule]:
    """Every Python rule of the national pack."""
    from reportlint_national.dates import DATE_RULES
    from reportlint_national.issuer import ISSUER_RULES
    from reportlint_national.prose import PROSE_RULES
    from reportlint_national.sections import SECTION_RULES
    from reportlint_national.tables import TABLE_RULES
    from reportlint_national.typography import TYPOGRAPHY_RULES
    from reportlint_national.yoy import YOY_RULES

    return [*SECTION_RULES, *TABLE_RULES, *DATE_RULES, *ISSUER_RULES, *TYPOGRAPHY_RULES, *YOY_RULES,
            *PROSE_RULES]
