"""Tests of the Zhejiang pack, run against this source tree with reportlint.testing."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from reportlint.api import analyze_path  # noqa: E402
from reportlint.config import Config  # noqa: E402
from reportlint.testing.cases import RuleCase, collect_cases, pack_registry, run_case  # noqa: E402
from reportlint_zhejiang import plugin  # noqa: E402

REGISTRY = pack_registry("zhejiang", plugin)
CASES = collect_cases(HERE / "cases")


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_case(case: RuleCase) -> None:
    run_case(case, REGISTRY)


def test_pack_loads_cleanly() -> None:
    assert not REGISTRY.errors
    assert {"ZJ001", "ZJ002", "ZJ003", "ZJ004"} <= set(REGISTRY.rules)
    assert REGISTRY.rules["ZJ001"].pack == "zhejiang"


def test_seed_with_the_pack_recognizes_the_platform_table() -> None:
    analysis = analyze_path(HERE / "fixtures" / "seed.txt", Config(packs=("zhejiang",)), REGISTRY)
    report = analysis.report
    assert report is not None
    assert "platform" in report.tables_found
    assert report.fact("platform.proactive_total.count").value == 386
    assert report.fact("platform.weibo.count").value == 162
    section = next(s for s in report.sections if s.key == "platform")
    assert section.heading == "三、公开平台建设和信息发布情况"
    assert [d.code for d in analysis.diagnostics] == ["M002"]


def test_auto_activation_and_turning_it_off(tmp_path: Path) -> None:
    text = (HERE / "fixtures" / "seed.txt").read_text(encoding="utf-8")
    named = tmp_path / "seed.txt"
    named.write_text(text.replace("大岚镇人民政府2020年", "余姚市大岚镇人民政府2020年", 1), encoding="utf-8")
    auto = analyze_path(named, Config(), REGISTRY)
    assert "zhejiang" in auto.active_packs and "S005" not in [d.code for d in auto.diagnostics]
    off = analyze_path(named, Config(auto_packs=False), REGISTRY)
    assert "zhejiang" not in off.active_packs and "S005" in [d.code for d in off.diagnostics]


def test_the_seed_itself_activates_the_pack() -> None:
    """大岚镇 alone places the report in 余姚市, 浙江: no city name needs to be written."""
    analysis = analyze_path(HERE / "fixtures" / "seed.txt", Config(), REGISTRY)
    assert "zhejiang" in analysis.active_packs


@pytest.mark.parametrize("issuer", ["沭阳县人民政府", "上海市科学技术委员会", "平潭综合实验区公安局",
                                    "城关镇人民政府", "朝阳区人民政府", "宁波路街道办事处"])
def test_reports_from_elsewhere_never_activate_it(tmp_path: Path, issuer: str) -> None:
    from dataclasses import replace

    from reportlint.testing.generate import random_report
    from reportlint.testing.writers import write_text

    path = tmp_path / "report.txt"
    path.write_text(write_text(replace(random_report(3, "2021"), issuer=issuer)), encoding="utf-8")
    assert "zhejiang" not in analyze_path(path, Config(), REGISTRY).active_packs


def test_reports_without_the_section_are_not_changed_by_the_pack(tmp_path: Path) -> None:
    from dataclasses import replace

    from reportlint.plugins import build_registry
    from reportlint.testing.generate import random_report
    from reportlint.testing.writers import write_text

    without_pack = build_registry(entry_points=[])
    for issuer in ("沭阳县人民政府", "余姚市交通运输局"):  # unrelated; related by name but no platform section
        path = tmp_path / f"{issuer}.txt"
        path.write_text(write_text(replace(random_report(9, "2021"), issuer=issuer)), encoding="utf-8")
        with_pack = analyze_path(path, Config(), REGISTRY)
        without = analyze_path(path, Config(), without_pack)
        assert with_pack.diagnostics == without.diagnostics == ()
        assert with_pack.report.facts == without.report.facts
