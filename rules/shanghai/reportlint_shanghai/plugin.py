"""Entry point of the Shanghai pack (group ``reportlint``, name ``shanghai``)."""

from __future__ import annotations

from reportlint.declarative import load_rules_file
from reportlint.hookspecs import hookimpl
from reportlint.issuers import names_place
from reportlint.model import Document, Metadata
from reportlint.packs import PackInfo
from reportlint.rules import Rule
from reportlint_shanghai import __version__


def mentions_shanghai(metadata: Metadata, document: Document) -> bool:
    """Auto-activation: the issuer, title or page metadata names 上海."""
    return names_place(metadata, document, ("上海",))


PACK = PackInfo(
    name="shanghai",
    version=__version__,
    description="上海市：引用《上海市政府信息公开规定》、统计周期表述",
    auto_activate=mentions_shanghai,
)


@hookimpl
def reportlint_pack() -> PackInfo:
    return PACK


@hookimpl
def reportlint_rules() -> list[Rule]:
    return load_rules_file("reportlint_shanghai", "rules.toml", PACK.name)
