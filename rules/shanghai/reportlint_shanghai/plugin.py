"""Entry point of the Shanghai pack (group ``reportlint``, name ``shanghai``)."""

from __future__ import annotations

from reportlint.declarative import load_rules_file
from reportlint.hookspecs import hookimpl
from reportlint.model import Document, Metadata
from reportlint.packs import PackInfo
from reportlint.rules import Rule

from reportlint_shanghai import __version__


def mentions_shanghai(metadata: Metadata, document: Document) -> bool:
    """Auto-activation: the issuer, title or page metadata names 上海."""
    texts = [metadata.issuer or "", metadata.title or "", metadata.signature_body or ""]
    texts.extend(value for _, value in document.meta)
    return any("上海" in text for text in texts)


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
