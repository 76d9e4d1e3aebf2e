"""Entry point of the Zhejiang pack (group ``reportlint``, name ``zhejiang``)."""

from __future__ import annotations

from reportlint.hookspecs import hookimpl
from reportlint.issuers import names_place
from reportlint.model import Document, Metadata
from reportlint.packs import PackInfo
from reportlint.rules import Rule
from reportlint.templates import TemplateExtension, load_extension_file
from reportlint_zhejiang import __version__

PLACES = ("浙江", "杭州", "宁波", "温州", "嘉兴", "湖州", "绍兴", "金华", "衢州", "舟山", "台州", "丽水",
          "余姚", "慈溪", "义乌", "诸暨", "瑞安", "乐清", "海宁", "桐乡")


def mentions_zhejiang(metadata: Metadata, document: Document) -> bool:
    """Auto-activation: the issuer, title or page metadata names 浙江 or one of its cities."""
    return names_place(metadata, document, PLACES)


PACK = PackInfo(
    name="zhejiang",
    version=__version__,
    description="浙江省：公开平台建设和信息发布情况、本地期限",
    auto_activate=mentions_zhejiang,
)


@hookimpl
def reportlint_pack() -> PackInfo:
    return PACK


@hookimpl
def reportlint_template_extensions() -> list[TemplateExtension]:
    return [load_extension_file("reportlint_zhejiang", "platform.toml", PACK.name)]


@hookimpl
def reportlint_rules() -> list[Rule]:
    from reportlint_zhejiang.rules import ZHEJIANG_RULES

    return list(ZHEJIANG_RULES)
