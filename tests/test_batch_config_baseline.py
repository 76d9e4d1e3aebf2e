"""Configuration files, selection, batch runs with -j, and baselines."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from reportlint.cli import app
from reportlint.config import Config, ConfigError, load_config
from reportlint.engine import Selector
from reportlint.testing.generate import random_report
from reportlint.testing.writers import write_text

from .conftest import ROOT, SEED, missigned_seed

runner = CliRunner()


@pytest.fixture
def workdir(tmp_path: Path):  # type: ignore[no-untyped-def]
    previous = os.getcwd()
    os.chdir(tmp_path)
    yield tmp_path
    os.chdir(previous)


def test_longest_prefix_wins() -> None:
    selector = Selector(select=("ALL", "D001"), ignore=("D",))
    assert selector.enabled("N001")
    assert not selector.enabled("D004")
    assert selector.enabled("D001")  # the longer select prefix beats the ignore "D"
    assert not Selector(select=("N",), ignore=("N001",)).enabled("N001")
    assert not Selector(select=("N001",), ignore=("N001",)).enabled("N001")


def test_config_found_upward_and_pyproject_table(workdir: Path) -> None:
    (workdir / "pyproject.toml").write_text('[tool.reportlint]\nignore = ["M"]\nlang = "en"\n', encoding="utf-8")
    nested = workdir / "a" / "b"
    nested.mkdir(parents=True)
    config = load_config(nested)
    assert config.ignore == ("M",) and config.lang == "en"
    assert config.sources["ignore"].endswith("pyproject.toml")
    (workdir / "a" / "reportlint.toml").write_text('select = ["N"]\n', encoding="utf-8")
    assert load_config(nested).select == ("N",)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ('selct = ["N"]\n', ["selct", "reportlint.toml"]),
        ('select = "N"\nfail-on = "sometimes"\n', ["fail-on", "reportlint.toml"]),
        ("jobs = -1\n", ["jobs", "reportlint.toml"]),
        ("exit-zero = 1\n", ["exit-zero"]),
        ("severity = { N001 = \"fatal\" }\n", ["severity.N001"]),
        ("[[[\n", ["not valid TOML"]),
    ],
)
def test_bad_config_exits_2_naming_key_and_file(workdir: Path, text: str, words: list[str]) -> None:
    (workdir / "reportlint.toml").write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["check", str(SEED)])
    assert result.exit_code == 2
    for word in words:
        assert word in result.stderr
    assert "Traceback" not in result.output


def test_config_command_shows_values_and_sources(workdir: Path) -> None:
    (workdir / "reportlint.toml").write_text('ignore = ["P"]\n[severity]\nS005 = "info"\n', encoding="utf-8")
    result = runner.invoke(app, ["config", "--format", "json"])
    data = json.loads(result.stdout)
    assert data["ignore"] == {"value": ["P"], "source": str(workdir / "reportlint.toml")}
    assert data["severity"]["value"] == {"S005": "info"}
    assert data["select"]["source"] == "default"


def test_per_file_ignores_severity_overrides_fail_on_and_exit_zero(workdir: Path) -> None:
    missigned_seed(workdir)
    (workdir / "reportlint.toml").write_text(
        '[per-file-ignores]\n"seed*.txt" = ["M002"]\n[severity]\nM001 = "warning"\n', encoding="utf-8")
    result = runner.invoke(app, ["check", "-f", "json", "seed.txt"])
    codes = {d["code"]: d["severity"] for d in json.loads(result.stdout)["diagnostics"]}
    assert codes == {"S005": "warning", "M001": "warning"}
    assert result.exit_code == 1
    assert runner.invoke(app, ["check", "--fail-on", "error", "seed.txt"]).exit_code == 0
    assert runner.invoke(app, ["check", "--exit-zero", "seed.txt"]).exit_code == 0
    stats = runner.invoke(app, ["check", "--statistics", "seed.txt"])
    assert stats.stdout.split() == ["1", "M001", "signature-issuer-mismatch", "1", "S005", "non-template-section"]


def test_english_messages(workdir: Path) -> None:
    result = runner.invoke(app, ["check", "-f", "concise", "--lang", "en", str(missigned_seed(workdir))])
    assert "the signature “梁弄镇镇人民政府” differs from the title's body “大岚镇人民政府”" in result.stdout
    lines = SEED.read_text(encoding="utf-8").splitlines()
    lines[433] = "\t5"  # 表四 行政复议 · 结果维持
    (workdir / "r.txt").write_text("\n".join(lines), encoding="utf-8")
    result = runner.invoke(app, ["check", "-f", "concise", "--lang", "en", "r.txt"])
    assert "Table 4, every group: total = upheld + corrected + other + pending does not hold, 「行政复议」 row" in result.stdout


@pytest.mark.slow
def test_jobs_output_is_identical_to_serial(tmp_path: Path) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    shapes = ["webcopy", "markdown", "tsv", "pdftext"]
    for seed in range(200):
        data = random_report(seed)
        if seed % 7 == 0:  # some with findings
            key = sorted(k for k in data.values if k.startswith("requests."))[seed % 150]
            data = data.with_value(key, data.values[key] + 1)
        shape = shapes[seed % 4]
        (folder / f"r{seed:03d}.{'md' if shape == 'markdown' else 'txt'}").write_text(write_text(data, shape))
    outputs = []
    for jobs in ("1", "2"):
        result = subprocess.run([sys.executable, "-m", "reportlint", "check", "-j", jobs, "-f", "full",
                                 "--color", "never", str(folder)], capture_output=True, cwd=tmp_path)
        assert result.returncode == 1, result.stderr
        assert "检查了 200 个文件".encode() in result.stderr
        outputs.append(result.stdout)
    assert outputs[0] == outputs[1] and outputs[0]


def test_baseline_round_trip(workdir: Path) -> None:
    text = SEED.read_text(encoding="utf-8")
    (workdir / "r.txt").write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["check", "--write-baseline", "baseline.json", "r.txt"])
    assert result.exit_code == 0 and "wrote 2 baseline entries" in result.stderr
    data = json.loads((workdir / "baseline.json").read_text(encoding="utf-8"))
    assert {e["code"] for e in data["entries"]} == {"S005", "M002"}
    assert all({"reason", "accepted_by", "expires", "fingerprint"} <= set(e) for e in data["entries"])
    # The auditor accepts them, one with an expiry date in the past.
    for entry in data["entries"]:
        entry["reason"], entry["accepted_by"] = "乡镇格式，已与市政务公开办确认", "张三"
    data["entries"][0]["expires"] = "2020-01-01"
    (workdir / "baseline.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    expired_code = data["entries"][0]["code"]

    result = runner.invoke(app, ["check", "-f", "json", "--baseline", "baseline.json", "r.txt"])
    codes = sorted(d["code"] for d in json.loads(result.stdout)["diagnostics"])
    assert codes == sorted(["B001", expired_code])  # only the expired acceptance resurfaces

    data["entries"][0]["expires"] = None
    (workdir / "baseline.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    result = runner.invoke(app, ["check", "-f", "json", "--baseline", "baseline.json", "r.txt"])
    assert json.loads(result.stdout)["diagnostics"] == [] and result.exit_code == 0

    # Lines moved and one cell changed: exactly one new finding.
    lines = text.splitlines()
    lines[160] = "\t2"
    (workdir / "r.txt").write_text("\n\n" + "\n".join(lines), encoding="utf-8")
    result = runner.invoke(app, ["check", "-f", "json", "--baseline", "baseline.json", "--select", "N001,S,M,B",
                                 "r.txt"])
    assert [d["code"] for d in json.loads(result.stdout)["diagnostics"]] == ["N001"]

    # The signature is corrected: the baseline entry about it is stale.
    (workdir / "r.txt").write_text(text.replace("大岚镇镇人民政府", "大岚镇人民政府"), encoding="utf-8")
    result = runner.invoke(app, ["check", "-f", "json", "--baseline", "baseline.json", "r.txt"])
    stale = [d for d in json.loads(result.stdout)["diagnostics"]]
    assert [d["code"] for d in stale] == ["B002"]
    assert {"M002"} == {d["message"].split("（")[0].replace("基线条目 ", "") for d in stale}


def test_bad_baseline_exits_2(workdir: Path) -> None:
    (workdir / "b.json").write_text('{"entries": [{"code": "M001"}]}', encoding="utf-8")
    result = runner.invoke(app, ["check", "--baseline", "b.json", str(SEED)])
    assert result.exit_code == 2 and "b.json" in result.stderr


def test_precommit_hook_definition_exists() -> None:
    text = (ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    assert "- id: reportlint" in text and "entry: reportlint check" in text


def test_config_error_from_api_names_the_key() -> None:
    from reportlint.config import apply_mapping

    with pytest.raises(ConfigError, match="x.toml: unknown key 'nope'"):
        apply_mapping(Config(), {"nope": 1}, "x.toml")
