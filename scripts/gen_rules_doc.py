"""Regenerate docs/rules.md: the national rules and the in-tree packs (Zhejiang, Shanghai).

    python scripts/gen_rules_doc.py

tests/test_docs.py fails when the file is out of date.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKS = {"zhejiang": "reportlint_zhejiang.plugin", "shanghai": "reportlint_shanghai.plugin"}


def in_tree_registry():  # type: ignore[no-untyped-def]
    """The installed plugins plus the packs under rules/, registered from the source tree."""
    import importlib.metadata

    from reportlint.plugins import ENTRY_POINT_GROUP, build_registry

    extra = []
    for name, module in PACKS.items():
        sys.path.insert(0, str(ROOT / "rules" / name))
        extra.append((name, importlib.import_module(module)))
    points = [ep for ep in importlib.metadata.entry_points(group=ENTRY_POINT_GROUP) if ep.name not in PACKS]
    return build_registry(entry_points=points, extra_plugins=extra)


def main() -> None:
    from reportlint.docs import rules_markdown

    (ROOT / "docs" / "rules.md").write_text(rules_markdown(in_tree_registry()), encoding="utf-8")


if __name__ == "__main__":
    main()
