"""The command line, run as a user would (typer's runner and a real subprocess)."""

from __future__ import annotations

import json
import subprocess
import sys

from typer.testing import CliRunner

from reportlint.cli import app
from reportlint.loaders import ocr

from .conftest import SEED

runner = CliRunner()


def test_version() -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0 and result.stdout.startswith("reportlint ")


def test_version_and_help_do_not_import_lxml_or_rule_packs() -> None:
    code = (
        "import sys\n"
        "from reportlint.cli import main\n"
        "sys.argv=['reportlint','--version']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "bad=[m for m in ('lxml','reportlint_national','reportlint.recognize','reportlint.plugins') if m in sys.modules]\n"
        "print(bad)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip().endswith("[]"), out.stdout


def test_show_text_lists_format_metadata_sections_and_facts() -> None:
    result = runner.invoke(app, ["show", str(SEED)])
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "格式　　2019" in out
    assert "大岚镇镇人民政府（L461）" in out
    assert "2021年1月22日（L462）" in out
    assert "三、公开平台建设和信息发布情况  → 不在全国模板中" in out
    assert "L386   （七）总计 · 自然人 = 0" in out


def test_show_json_gives_each_fact_with_labels_value_raw_and_position() -> None:
    result = runner.invoke(app, ["show", "--format", "json", str(SEED)])
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["format"]["version"] == "2019"
    assert data["metadata"]["issuer"] == "大岚镇人民政府"
    assert data["metadata"]["signature"]["body"] == "大岚镇镇人民政府"
    assert len(data["sections"]) == 7
    fact = next(f for f in data["facts"] if f["key"] == "t20_9.procurement.amount")
    assert fact == {
        "key": "t20_9.procurement.amount",
        "table": "表二 第二十条第（九）项",
        "row_label": "政府集中采购",
        "column_label": "采购总金额",
        "value": 72235,
        "kind": "number",
        "raw": "72235.00",
        "position": {"line": 78, "column": 2, "page": None},
        "source_label": "政府集中采购",
        "by_order": False,
        "recovered": False,
        "ocr": None,
        "other_format": None,
        "note": None,
        "unit": None,
    }


def test_check_human_output_has_location_logical_location_and_excerpt(tmp_path) -> None:
    text = SEED.read_text(encoding="utf-8").splitlines()
    # Line 161 holds 一、本年新收 · 自然人; make it 2 so the table no longer balances.
    text[160] = "\t2"
    path = tmp_path / "broken.txt"
    path.write_text("\n".join(text), encoding="utf-8")
    result = runner.invoke(app, ["check", str(path)])
    assert result.exit_code == 1
    assert f"{path}:161:2: N001" in result.stdout
    assert "表三 收到和处理政府信息公开申请情况 · 一、本年新收政府信息公开申请数量 · 自然人" in result.stdout
    assert "161 |     2" in result.stdout


def test_check_reads_stdin_and_reports_exit_codes() -> None:
    data = SEED.read_bytes()
    result = runner.invoke(app, ["check", "--select", "N", "-"], input=data)
    assert result.exit_code == 0, result.output
    result = runner.invoke(app, ["check", "--output-format", "nope", str(SEED)])
    assert result.exit_code == 2
    result = runner.invoke(app, ["check", "--frobnicate", str(SEED)])
    assert result.exit_code == 2


def test_check_unreadable_inputs_are_diagnostics_not_crashes(tmp_path) -> None:
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    old = tmp_path / "report.doc"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64)
    other = tmp_path / "data.txt"
    other.write_bytes(b"\x00\x01\x02binary" * 64)
    result = runner.invoke(app, ["check", "--output-format", "concise", str(binary), str(old), str(other), str(SEED)])
    assert result.exit_code == 1
    if ocr.available():  # a picture, whatever its name: read by OCR, and this one is cut short
        assert f"{binary}:1:1: E001 无法读取图片" in result.stdout
    else:
        assert f"{binary}:1:1: E003 这是一张图片（PNG）" in result.stdout
    assert f"{old}:1:1: E003 不支持旧版 Word 二进制格式（.doc）" in result.stdout
    assert f"{other}:1:1: E001 这是二进制文件" in result.stdout
    # A path given by hand that is not there is a usage error, not a finding.
    missing = runner.invoke(app, ["check", str(tmp_path / "missing.txt"), str(SEED)])
    assert missing.exit_code == 2 and "missing.txt" in missing.stderr


def test_check_directory_recurses(tmp_path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "r1.txt").write_bytes(SEED.read_bytes())
    (tmp_path / "r2.md").write_bytes(SEED.read_bytes())
    (tmp_path / "notes.json").write_text("{}")
    result = runner.invoke(app, ["check", "--select", "N", str(tmp_path)])
    assert result.exit_code == 0
    assert "检查了 2 个文件" in result.stderr


def test_rules_explain_plugins() -> None:
    result = runner.invoke(app, ["rules"])
    assert result.exit_code == 0 and "N001" in result.stdout and "requests-balance" in result.stdout
    result = runner.invoke(app, ["explain", "N001"])
    assert result.exit_code == 0 and "勾稽关系" in result.stdout
    result = runner.invoke(app, ["explain", "Z999"])
    assert result.exit_code == 2
    result = runner.invoke(app, ["plugins"])
    assert result.exit_code == 0 and "national" in result.stdout and "builtin" in result.stdout


def test_a_file_that_is_not_a_report_gets_one_diagnostic_not_a_cascade(tmp_path) -> None:
    notes = tmp_path / "说明.md"
    notes.write_text("# 目录说明\n\n本目录存放各单位上报的材料。\n", encoding="utf-8")
    result = runner.invoke(app, ["check", "-f", "concise", str(notes)])
    assert result.stdout.splitlines() == [
        f"{notes}:1:1: E007 未找到年报标题、年报章节或法定表格，这个文件看起来不是政府信息公开工作年度报告，未按年报检查"
    ]
    # A real report is never taken for "not a report", even with its tables broken away.
    stub = tmp_path / "stub.txt"
    stub.write_text("某局2022年政府信息公开工作年度报告\n正文。\n", encoding="utf-8")
    codes = [line.split()[1] for line in runner.invoke(app, ["check", "-f", "concise", str(stub)]).stdout.splitlines()]
    assert "E007" not in codes and "S001" in codes


def test_the_console_script_answers_version_without_the_cli_framework() -> None:
    code = (
        "import sys\n"
        "from reportlint.entry import main\n"
        "sys.argv=['reportlint','--version']\n"
        "main()\n"
        "print([m for m in ('typer','reportlint.cli','lxml') if m in sys.modules])\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    from reportlint import __version__

    assert out.stdout.splitlines() == [f"reportlint {__version__}", "[]"]
