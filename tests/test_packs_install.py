"""Rule packs installed the way users install them: pip, into a fresh virtual environment."""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import pytest

from reportlint.testing.venv import TempVenv

from .conftest import ROOT, SEED

pytestmark = pytest.mark.slow


def test_zhejiang_pack_install_enable_uninstall(tmp_path: Path) -> None:
    env = TempVenv(tmp_path / "venv")
    env.install(ROOT)  # the core and the national pack, built and installed from this checkout
    installed = env.pip("show", "reportlint")
    assert "Location: " + str(tmp_path / "venv") in installed.stdout, installed.stdout
    before = env.reportlint("plugins")
    assert "zhejiang" not in before.stdout and "national" in before.stdout
    env.install(ROOT / "rules" / "zhejiang")
    listing = env.reportlint("plugins")
    assert "zhejiang" in listing.stdout and "reportlint-zhejiang 0.1.0" in listing.stdout

    auto = env.reportlint("check", "-f", "concise", str(SEED))
    assert "S005" not in auto.stdout  # the seed's 大岚镇 lies in 余姚市, 浙江: the pack switches itself on
    off = tmp_path / "off.toml"
    off.write_text("auto-packs = false\n", encoding="utf-8")
    plain = env.reportlint("check", "-f", "concise", "--config", str(off), str(SEED))
    assert "S005" in plain.stdout  # installed but not enabled: results unchanged
    enabled = env.reportlint("check", "-f", "concise", "--pack", "zhejiang", str(SEED))
    assert "S005" not in enabled.stdout and "M002" in enabled.stdout

    changed = tmp_path / "seed.txt"
    lines = SEED.read_text(encoding="utf-8").splitlines()
    assert lines[85] == "\t386"
    lines[85] = "\t500"
    changed.write_text("\n".join(lines), encoding="utf-8")
    result = env.reportlint("check", "-f", "concise", "--pack", "zhejiang", str(changed))
    assert f"{changed}:86:2: ZJ001" in result.stdout

    env.uninstall("reportlint-zhejiang")
    assert "zhejiang" not in env.reportlint("plugins").stdout
    gone = env.reportlint("check", "--pack", "zhejiang", str(SEED))
    assert gone.returncode == 2 and "not installed" in gone.stderr


def test_the_guide_example_pack_builds_installs_and_runs(tmp_path: Path) -> None:
    source = ROOT / "docs" / "example-pack"
    guide = (ROOT / "docs" / "plugins.md").read_text(encoding="utf-8")
    for path in sorted(source.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts and path.suffix in (".py", ".toml"):
            # The guide shows every file of the example verbatim.
            assert path.read_text(encoding="utf-8").strip() in guide, path
    pack = tmp_path / "example-pack"
    shutil.copytree(source, pack, ignore=shutil.ignore_patterns("__pycache__"))
    env = TempVenv(tmp_path / "venv")
    env.install(pack)
    assert "ningbo" in env.reportlint("plugins").stdout
    report = tmp_path / "r.md"
    report.write_text("# 宁波市某局2022年政府信息公开工作年度报告\nXXX局本年度共受理申请 20 件。\n", encoding="utf-8")
    result = env.reportlint("check", "-f", "concise", "--select", "NB", str(report))
    assert "NB002 正文中留有模板占位文字“XXX”" in result.stdout
    # auto-activated by the issuer name (宁波); tables are missing, so NB001 stays quiet
    assert result.returncode == 1
    tests = env.run_pytest(pack / "tests")
    assert tests.returncode == 0, tests.stdout + tests.stderr


BROKEN_PACK = '''
from reportlint import Finding, Location, hookimpl, rule
from reportlint.packs import PackInfo


@rule("N001", "steals-a-code", summary="占用国家规则的代码", summary_en="reuses a national code")
def steals(report, context):
    """A rule that reuses a taken code."""
    return iter(())


@rule("BX001", "raises", summary="运行时出错", summary_en="raises")
def raises(report, context):
    """A rule that raises."""
    raise KeyError("no such cell")


@hookimpl
def reportlint_pack():
    return PackInfo(name="brokenpack", version="9.9.9", always_active=True)


@hookimpl
def reportlint_rules():
    return [steals, raises]
'''


def test_a_broken_pack_is_reported_and_the_national_rules_still_run(tmp_path: Path) -> None:
    project = tmp_path / "broken"
    (project / "rl_brokenpack").mkdir(parents=True)
    (project / "rl_brokenpack" / "__init__.py").write_text(textwrap.dedent(BROKEN_PACK), encoding="utf-8")
    (project / "pyproject.toml").write_text(textwrap.dedent("""
        [build-system]
        requires = ["setuptools>=70.1"]
        build-backend = "setuptools.build_meta"
        [project]
        name = "rl-brokenpack"
        version = "9.9.9"
        [project.entry-points.reportlint]
        brokenpack = "rl_brokenpack"
        [tool.setuptools]
        packages = ["rl_brokenpack"]
        """), encoding="utf-8")
    env = TempVenv(tmp_path / "venv")
    env.install(project)
    listing = env.reportlint("plugins")
    assert "rl-brokenpack 9.9.9" in listing.stdout
    assert "rule code N001 is already used by national" in listing.stdout
    result = env.reportlint("check", "-f", "concise", str(SEED))
    assert "E004" in result.stdout and "BX001" in result.stdout and "brokenpack" in result.stdout
    assert "M002" in result.stdout and "S005" in result.stdout  # the national rules ran
    assert "plugin 'brokenpack' (rl-brokenpack 9.9.9) failed at rule" in result.stderr
