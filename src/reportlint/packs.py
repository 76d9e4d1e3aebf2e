"""Rule packs: what a plugin says about itself, and deciding whether it is active.

A pack is active when it is always on (the national pack), when the user enables it
(``packs = ["zhejiang"]`` or ``--pack zhejiang``), or when it offers auto-activation and
the report matches (for example by issuer name) — unless the user turned that off. An
installed but inactive pack never changes results.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from reportlint.model import Document, Metadata


@dataclass(frozen=True)
class PackInfo:
    """A rule pack's identity and activation policy."""

    name: str
    version: str = ""
    description: str = ""
    always_active: bool = False
    # Returns True when the pack should switch itself on for this report.
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
    for pack in packs:
        if pack.name in disabled:
            continue
        if pack.always_active or pack.name in enabled:
            names.add(pack.name)
        elif auto and pack.auto_activate and metadata is not None and document is not None:
            try:
                if pack.auto_activate(metadata, document):
                    names.add(pack.name)
            except Exception:  # a broken activation test must not break the run
                continue
    return names
