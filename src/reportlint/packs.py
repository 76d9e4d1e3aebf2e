"""Rule packs: what a plugin says about itself, and deciding whether it is active.

A pack is active when it is always on (the national pack), when the user enables it
(``packs = ["zhejiang"]`` or ``--pack zhejiang``), or when it offers auto-activation and
the report matches — unless the user turned that off. A province or city pack names its
region by division code (``regions=("33",)`` for 浙江, ``("3302",)`` for 宁波市); the
report's region is the issuer's division as the gazetteer places it
(``reportlint.issuers.report_region``), so 大岚镇人民政府 switches the 浙江 pack on because
大岚镇 lies in 余姚市. A pack may add its own test (``auto_activate``). An installed but
inactive pack never changes results.
"""

from __future__ import annotations

from collections.abc import Callable

from reportlint.issuers import in_region, report_region
from reportlint.model import Document, Metadata
from reportlint.records import record


@record(slots=False)
class PackInfo:
    """A rule pack's identity and activation policy."""

    name: str
    version: str = ""
    description: str = ""
    always_active: bool = False
    # Division-code prefixes of the places the pack is for ("33": 浙江省; "3302": 宁波市).
    regions: tuple[str, ...] = ()
    # Returns True when the pack should switch itself on for this report (besides regions).
    auto_activate: Callable[[Metadata, Document], bool] | None = None


def active_packs(
    packs: list[PackInfo],
    enabled: list[str],
    disabled: list[str],
    auto: bool,
    metadata: Metadata | None = None,
    document: Document | None = None,
) -> set[str]:
    """Names of the packs that apply to one report."""
    names: set[str] = set()
    region: str | None = None
    region_known = False
    for pack in packs:
        if pack.name in disabled:
            continue
        if pack.always_active or pack.name in enabled:
            names.add(pack.name)
            continue
        if not auto or metadata is None or document is None:
            continue
        if pack.regions:
            if not region_known:  # placed once per report, only when a pack asks
                region, region_known = report_region(metadata, document), True
            if in_region(region, pack.regions):
                names.add(pack.name)
                continue
        if pack.auto_activate:
            try:
                if pack.auto_activate(metadata, document):
                    names.add(pack.name)
            except Exception:  # a broken activation test must not break the run
                continue
    return names
