"""Plugins: discovery through entry points, isolation of failures."""

from __future__ import annotations

import textwrap
import types
from pathlib import Path

import pytest

from reportlint.api import analyze_path
from reportlint.config import Config
from reportlint.hookspecs import hookimpl
from reportlint.model import Finding, Location
from reportlint.plugins import build_registry
from reportlint.rules import rule
from reportlint.testing.venv import TempVenv

from .conftest import SEED


def _module(name: str, **hooks: object) -> types.ModuleType:
    module = types.ModuleType(name)
    for hook_name, function in hooks.items():
        setattr(module, hook_name, hookimpl(function))  # type: ignore[arg-type]
    return module


@rule("EX001", "example-title", summary="示例规则：报告有标题", summary_en="Example: the report has a title",
      severity="info")
def example_title(report, context):  # type: ignore[no-untyped-def]
    """An example rule used by the plugin tests."""
    yield Finding("示例", "example", Location(report.metadata.title_position))


@rule("EX002", "example-crash", summary="示例规则：运行时出错", summary_en="Example: raises", severity="info")
def example_crash(report, context):  # type: ignore[no-untyped-def]
    """A rule that raises, to show isolation."""
    raise ZeroDivisionError("boom")
    yield  # pragma: no cover


def test_in_process_plugins_failures_are_isolated() -> None:
    good = _module("good", reportlint_rules=lambda: [example_title, example_crash])
    duplicate = _module("dup", reportlint_rules=lambda: [example_title])
    raising = _module("raising", reportlint_rules=lambda: 1 / 0)
    not_a_rule = _module("junk", reportlint_rules=lambda: ["not a rule"])
    registry = build_registry(
        entry_points=[], extra_plugins=[("good", good), ("dup", duplicate), ("raising", raising), ("junk", not_a_rule)]
    )
    errors = {(e.name, e.stage) for e in registry.errors}
    assert ("dup", "rule") in errors
    assert ("raising", "reportlint_rules") in errors
    assert ("junk", "rule") in errors
    assert "EX001" in registry.rules and registry.rule_plugin["EX001"] == "good"
    analysis = analyze_path(SEED, Config(), registry)
    codes = [d.code for d in analysis.diagnostics]
    assert "EX001" in codes
    crash = next(d for d in analysis.diagnostics if d.code == "E004")
    assert "EX002" in crash.message and "ZeroDivisionError" in crash.message


def _write_plugin(root: Path, dist: str, module: str, body: str) -> Path:
    project = root / dist
    (project / module).mkdir(parents=True)
    (project / module / "__init__.py").write_text(textwrap.dedent(body), encoding="utf-8")
    (project / "pyproject.toml").write_text(textwrap.dedent(f"""
        [build-system]
        requires = ["setuptools>=70.1"]
        build-backend = "setuptools.build_meta"

        [project]
        name = "{dist}"
        version = "0.3.0"

        [project.entry-points.reportlint]
        {module} = "{module}"

        [tool.setuptools]
        packages = ["{module}"]
        """), encoding="utf-8")
    return project


GOOD_PLUGIN = '''
    """An example rule pack installed through an entry point."""
    from reportlint import Finding, Location, hookimpl, rule


    @rule("EX101", "example-issuer-seen", summary="示例：识别到发布机关", summary_en="Example: issuer seen",
          severity="info")
    def issuer_seen(report, context):
        """Reports the issuer it saw, to prove the plugin ran."""
        yield Finding(f"示例插件识别到发布机关：{report.metadata.issuer}", "example plugin saw the issuer",
                      Location(report.metadata.title_position))


    @hookimpl
    def reportlint_rules():
        return [issuer_seen]
'''

BROKEN_PLUGIN = '''
    raise RuntimeError("this plugin is broken on purpose")
'''


@pytest.mark.slow
def test_entry_point_plugins_in_a_fresh_virtualenv(tmp_path: Path) -> None:
    env = TempVenv(tmp_path / "venv")
    env.install(_write_plugin(tmp_path, "rl-example-plugin", "rl_example_plugin", GOOD_PLUGIN))
    env.install(_write_plugin(tmp_path, "rl-broken-plugin", "rl_broken_plugin", BROKEN_PLUGIN))

    listing = env.reportlint("plugins")
    assert listing.returncode == 0, listing.stderr
    assert "rl_example_plugin" in listing.stdout and "rl-example-plugin 0.3.0" in listing.stdout
    assert "rl_broken_plugin" in listing.stdout and "FAILED" in listing.stdout
    assert "this plugin is broken on purpose" in listing.stdout

    broken_seed = tmp_path / "seed.txt"
    lines = SEED.read_text(encoding="utf-8").splitlines()
    lines[160] = "\t2"  # 一、本年新收 · 自然人: the national relations must still fire
    broken_seed.write_text("\n".join(lines), encoding="utf-8")
    result = env.reportlint("check", "--output-format", "concise", str(broken_seed))
    assert result.returncode == 1, result.stderr
    assert "EX101 示例插件识别到发布机关：大岚镇人民政府" in result.stdout
    assert f"{broken_seed}:161:2: N001" in result.stdout
    assert "plugin 'rl_broken_plugin'" in result.stderr and "this plugin is broken on purpose" in result.stderr

    env.uninstall("rl-example-plugin")
    listing = env.reportlint("plugins")
    assert "rl_example_plugin" not in listing.stdout


def test_plugins_cannot_take_the_run_down() -> None:
    """sys.exit() in a hook, garbage from any hook, a hook that never returns: each is that
    plugin's recorded failure, and everything else still works."""
    import sys
    import time

    from reportlint import plugins
    from reportlint.formatters import FormatterSpec
    from reportlint.formatters.text import ConciseFormatter

    def exits():  # type: ignore[no-untyped-def]
        sys.exit(0)

    def hangs():  # type: ignore[no-untyped-def]
        time.sleep(60)

    @rule("EX003", "example-exit", summary="示例规则：退出进程", summary_en="Example: exits", severity="info")
    def example_exit(report, context):  # type: ignore[no-untyped-def]
        """A rule that calls sys.exit."""
        sys.exit(3)
        yield  # pragma: no cover

    bad = [
        ("exits", _module("exits", reportlint_rules=exits)),
        ("ints", _module("ints", reportlint_templates=lambda: 42, reportlint_loaders=lambda: [1, 2],
                         reportlint_formatters=lambda: "json", reportlint_default_config=lambda: [1],
                         reportlint_template_extensions=lambda: [None])),
        ("hangs", _module("hangs", reportlint_loaders=hangs)),
        ("exit-rule", _module("exit-rule", reportlint_rules=lambda: [example_exit, example_title])),
        ("override", _module("override", reportlint_formatters=lambda: [
            FormatterSpec("concise", "a replacement", ConciseFormatter)])),
    ]
    saved = plugins.HOOK_SECONDS
    plugins.HOOK_SECONDS = 1
    try:
        registry = build_registry(entry_points=[], extra_plugins=bad)
    finally:
        plugins.HOOK_SECONDS = saved
    errors = {(e.name, e.stage) for e in registry.errors}
    assert {("exits", "reportlint_rules"), ("ints", "reportlint_templates"), ("ints", "reportlint_loaders"),
            ("ints", "reportlint_formatters"), ("ints", "reportlint_default_config"),
            ("ints", "reportlint_template_extensions"), ("hangs", "reportlint_loaders")} <= errors
    assert any("did not return" in e.error for e in registry.errors if e.name == "hangs")
    assert registry.overrides == ["plugin 'override' replaces the output format 'concise' of 'builtin'"]
    # The built-in loaders and templates are intact; a rule calling sys.exit is E004.
    assert {"txt", "html", "docx", "pdf"} <= set(registry.loaders) and {"2019", "2021"} <= set(registry.templates)
    analysis = analyze_path(SEED, Config(), registry)
    codes = [d.code for d in analysis.diagnostics]
    assert "EX001" in codes
    crash = next(d for d in analysis.diagnostics if d.code == "E004")
    assert "EX003" in crash.message and "SystemExit" in crash.message


def test_check_stops_when_an_always_active_pack_failed_to_load(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A broken national pack must not leave a run that looks clean: exit 2, naming it."""
    from typer.testing import CliRunner

    from reportlint import plugins
    from reportlint.cli import app
    from reportlint.packs import PackInfo

    def broken_rules():  # type: ignore[no-untyped-def]
        raise TypeError("non-default argument follows default argument")

    pack = _module("always", reportlint_pack=lambda: PackInfo("always", always_active=True),
                   reportlint_rules=broken_rules)
    registry = build_registry(entry_points=[], extra_plugins=[("always", pack)])
    monkeypatch.setattr(plugins, "_registry", registry)
    result = CliRunner().invoke(app, ["check", str(SEED)])
    assert result.exit_code == 2 and "always-active pack 'always'" in result.output
