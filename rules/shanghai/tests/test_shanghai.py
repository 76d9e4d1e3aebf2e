"""Tests of the Shanghai pack (declarative rules), run against this source tree."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from reportlint.api import analyze_path  # noqa: E402
from reportlint.config import Config  # noqa: E402
from reportlint.testing.cases import RuleCase, collect_cases, pack_registry, run_case  # noqa: E402
from reportlint_shanghai import plugin  # noqa: E402

REGISTRY = pack_registry("shanghai", plugin)
CASES = collect_cases(HERE / "cases")
CORPUS = HERE.parents[3] / "shared" / "corpus"


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_case(case: RuleCase) -> None:
    run_case(case, REGISTRY)


def test_rules_come_from_data() -> None:
    assert not REGISTRY.errors
    for code in ("SH001", "SH002", "SH003"):
        rule = REGISTRY.rules[code]
        assert rule.pack == "shanghai" and "为什么重要" in rule.doc


def test_auto_activation_on_a_shanghai_issuer() -> None:
    analysis = analyze_path(HERE / "fixtures" / "sh_2024.md", Config(), REGISTRY)
    assert analysis.active_packs == ("national", "shanghai")
    assert {"SH001", "SH003"} <= {d.code for d in analysis.diagnostics}
    quiet = analyze_path(HERE / "fixtures" / "sh_2024.md", Config(auto_packs=False), REGISTRY)
    assert not {d.code for d in quiet.diagnostics if d.code.startswith("SH")}


def test_real_shanghai_report_passes_the_pack() -> None:
    path = CORPUS / "2024_shanghai_kewei.md"
    if not path.exists():
        pytest.skip("corpus not present")
    analysis = analyze_path(path, Config(), REGISTRY)
    assert "shanghai" in analysis.active_packs
    assert not [d for d in analysis.diagnostics if d.code.startswith("SH")]
