"""Entry point of the example pack: its identity, its rules and its template extension."""

from __future__ import annotations

from reportlint import hookimpl
from reportlint.declarative import load_rules_file
from reportlint.packs import PackInfo
from reportlint.rules import Rule
from reportlint.templates import TemplateExtension, load_extension_file
from reportlint_ningbo import __version__

PACK = PackInfo(
    name="ningbo",
    version=__version__,
    description="宁波市示例规则包",
    regions=("3302",),  # 宁波市 and everything in it (余姚市, its 大岚镇 …), by division code
)


@hookimpl
def reportlint_pack() -> PackInfo:
    return PACK


@hookimpl
def reportlint_rules() -> list[Rule]:
    from reportlint_ningbo.rules import refusal_share

    return [refusal_share, *load_rules_file("reportlint_ningbo", "rules.toml", PACK.name)]


@hookimpl
def reportlint_template_extensions() -> list[TemplateExtension]:
    return [load_extension_file("reportlint_ningbo", "extension.toml", PACK.name)]
