"""Entry point of the national pack (group ``reportlint``, name ``national``)."""

from __future__ import annotations

from reportlint.hookspecs import hookimpl
from reportlint.packs import PackInfo
from reportlint.rules import Rule

PACK = PackInfo(
    name="national",
    version="0.1.0",
    description="全国通用规则：《条例》与国办年报格式",
    always_active=True,
)


@hookimpl
def reportlint_pack() -> PackInfo:
    return PACK


@hookimpl
def reportlint_rules() -> list[Rule]:
    from reportlint_national import all_rules

    return all_rules()
