"""Entry point of the Zhejiang pack (group ``reportlint``, name ``zhejiang``)."""

from __future__ import annotations

from reportlint.hookspecs import hookimpl
from reportlint.packs import PackInfo
from reportlint.rules import Rule
from reportlint.templates import TemplateExtension, load_extension_file
from reportlint_zhejiang import __version__

# Auto-activation: the report's issuer lies in 浙江省 (division code 33xxxx), as the core's
# gazetteer places it — 大岚镇人民政府 is in 余姚市, so no list of city names is needed.
PACK = PackInfo(
    name="zhejiang",
    version=__version__,
    description="浙江省：公开平台建设和信息发布情况、本地期限",
    regions=("33",),
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
