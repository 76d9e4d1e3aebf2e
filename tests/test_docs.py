"""Generated documentation stays in step with the code."""

from __future__ import annotations

from reportlint.docs import rules_markdown
from reportlint.plugins import get_registry

from .conftest import ROOT


def test_rules_reference_is_up_to_date() -> None:
    from scripts.gen_rules_doc import in_tree_registry

    registry = in_tree_registry()
    assert not registry.errors
    expected = rules_markdown(registry)
    actual = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert actual == expected, "docs/rules.md is stale: run `python scripts/gen_rules_doc.py`"


def test_every_rule_documents_why_and_examples() -> None:
    from scripts.gen_rules_doc import in_tree_registry

    for rule in [*get_registry().rules.values(), *in_tree_registry().rules.values()]:
        assert rule.doc.strip(), rule.code
        if rule.code.startswith(("E", "B", "O")):  # the core's input, baseline and OCR notes
            continue
        assert "为什么重要" in rule.doc, rule.code
        assert "不通过的例子" in rule.doc and "通过的例子" in rule.doc, rule.code
        assert rule.references, rule.code


def test_plugin_guide_is_up_to_date() -> None:
    from scripts.gen_plugin_guide import render

    actual = (ROOT / "docs" / "plugins.md").read_text(encoding="utf-8")
    assert actual == render(), "docs/plugins.md is stale: run `python scripts/gen_plugin_guide.py`"
