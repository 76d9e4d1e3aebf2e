"""Entry point of the Shanghai pack (group ``reportlint``, name ``shanghai``)."""

from __future__ import annotations

from reportlint.declarative import load_rules_file
from reportlint.hookspecs import hookimpl
from reportlint.packs import PackInfo
from reportlint.rules import Rule
from reportlint_shanghai import __version__

# Auto-activation: the report's issuer lies in 上海市 (division code 31xxxx).
PACK = PackInfo(
    name="shanghai",
    version=__version__,
    description="上海市：引用《上海市政府信息公开规定》、统计周期表述",
    regions=("31",),
)


@hookimpl
def reportlint_pack() -> PackInfo:
    return PACK


@hookimpl
def reportlint_rules() -> list[Rule]:
    return load_rules_file("reportlint_shanghai", "rules.toml", PACK.name)
