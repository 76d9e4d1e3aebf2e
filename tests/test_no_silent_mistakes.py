"""Mistakes never pass silently; PDF positions carry pages in every output; the library
surface is what the README documents."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

import reportlint
from reportlint.cli import app

from .conftest import FIXTURES, ROOT, SEED, corpus_file

runner = CliRunner()


# --- unknown codes, missing paths, files that are not reports --------------------------------

@pytest.mark.parametrize("option", ["--select", "--ignore", "--extend-select"])
def test_a_typod_code_exits_2_with_a_suggestion(option: str) -> None:
    result = runner.invoke(app, ["check", option, "M0O2", str(SEED)])
    assert result.exit_code == 2
    assert "matches no rule" in result.stderr and "did you mean 'M002'" in result.stderr


def test_a_typod_code_in_the_configuration_file_exits_2(tmp_path: Path) -> None:
    (tmp_path / "reportlint.toml").write_text('ignore = ["S00S"]\n[per-file-ignores]\n"*.md" = ["X0001"]\n',
                                              encoding="utf-8")
    result = runner.invoke(app, ["check", "--config", str(tmp_path / "reportlint.toml"), str(SEED)])
    assert result.exit_code == 2 and "S00S" in result.stderr and "did you mean" in result.stderr


def test_codes_are_case_insensitive() -> None:
    upper = runner.invoke(app, ["check", "-f", "json", "--select", "M002", str(SEED)])
    lower = runner.invoke(app, ["check", "-f", "json", "--select", "m002", str(SEED)])
    assert upper.exit_code == lower.exit_code == 1
    assert [d["code"] for d in json.loads(lower.stdout)["diagnostics"]] == ["M002"] == \
        [d["code"] for d in json.loads(upper.stdout)["diagnostics"]]


@pytest.mark.parametrize("args", [["check"], ["check", "--exit-zero"], ["show"], ["fix"]])
def test_a_missing_path_exits_2_in_every_subcommand(args: list[str], tmp_path: Path) -> None:
    result = runner.invoke(app, [*args, str(tmp_path / "no-such-report.txt")])
    assert result.exit_code == 2, result.output


def test_a_file_that_is_not_a_report_never_fails_the_run(tmp_path: Path) -> None:
    readme = tmp_path / "README.md"
    readme.write_text("# 说明\n\n本目录存放各单位的年度报告。\n", encoding="utf-8")
    result = runner.invoke(app, ["check", "--output-format", "concise", str(readme)])  # the pre-commit entry
    assert result.exit_code == 0 and "E007" in result.stdout


def test_the_pre_commit_hook_covers_every_input_kind_and_documents_a_real_revision() -> None:
    hooks = (ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    pattern = re.search(r"- id: reportlint\n(?:  .*\n)*?  files: '([^']+)'", hooks)
    assert pattern is not None
    for name in ("r.txt", "r.md", "r.html", "r.htm", "r.xml", "r.docx", "r.pdf"):
        assert re.search(pattern.group(1).replace("\\\\", "\\"), name), name
    assert "types_or" not in hooks  # a type filter would drop PDFs again
    docs = (ROOT / "docs" / "configuration.md").read_text(encoding="utf-8")
    assert "rev: v0.1.0" not in docs and "commit" in docs


# --- pages ------------------------------------------------------------------------------------

@pytest.mark.parametrize("fmt", ["concise", "full", "json", "jsonl", "sarif", "github", "gitlab", "junit", "html"])
def test_pdf_positions_carry_the_page_in_every_format(fmt: str) -> None:
    path = corpus_file("2024_hongzequ.pdf")
    result = runner.invoke(app, ["check", "-f", fmt, "--color", "never", str(path)])
    assert result.exit_code == 1, result.output
    out = result.stdout
    expected = {
        "concise": "T010（第 3 页）", "full": "第 3 页", "json": '"page": 3', "jsonl": '"page": 3',
        "sarif": '"page": 3', "github": "（第 3 页）", "gitlab": "T010（第 3 页）", "junit": "(p3:73:1)",
        "html": "第 3 页，第 73 行",
    }[fmt]
    assert expected in out, out[:2000]


def test_text_inputs_have_no_page() -> None:
    result = runner.invoke(app, ["check", "-f", "concise", str(SEED)])
    assert "页）" not in result.stdout


# --- the library ----------------------------------------------------------------------------

def test_the_package_is_typed_and_exports_what_the_readme_uses() -> None:
    assert (Path(reportlint.__file__).parent / "py.typed").is_file()
    for name in ("lint_path", "lint_paths", "lint_bytes", "Config", "ConfigError", "load_config", "Diagnostic"):
        assert name in reportlint.__all__ and getattr(reportlint, name) is not None


def test_lint_path_honours_the_configuration_found_upward(tmp_path: Path) -> None:
    folder = tmp_path / "reports" / "2020"
    folder.mkdir(parents=True)
    (folder / "seed.txt").write_bytes(SEED.read_bytes())
    everything = {d.code for d in reportlint.lint_path(folder / "seed.txt")}
    (tmp_path / "reportlint.toml").write_text('ignore = ["M002"]\n', encoding="utf-8")
    configured = {d.code for d in reportlint.lint_path(folder / "seed.txt")}
    assert "M002" in everything and configured == everything - {"M002"}
    given = {d.code for d in reportlint.lint_path(folder / "seed.txt", reportlint.Config())}
    assert given == everything  # an explicit Config is used as given


def test_lint_paths_lists_clean_files_too() -> None:
    results = reportlint.lint_paths([FIXTURES / "reports"], reportlint.Config())
    assert len(results) == len(list((FIXTURES / "reports").iterdir()))
    assert any(not found for found in results.values()) and any(found for found in results.values())


def test_to_dict_is_the_json_form() -> None:
    (first, *_) = reportlint.lint_path(SEED, reportlint.Config())
    result = runner.invoke(app, ["check", "-f", "json", str(SEED)])
    assert json.loads(result.stdout)["diagnostics"][0] == first.to_dict()


def test_sarif_rules_link_to_their_documentation(monkeypatch: pytest.MonkeyPatch) -> None:
    from reportlint.formatters.sarif import rules_doc_uri

    monkeypatch.delenv("REPORTLINT_DOCS_URL", raising=False)
    rules_doc_uri.cache_clear()
    try:
        log = json.loads(runner.invoke(app, ["check", "-f", "sarif", str(SEED)]).stdout)
    finally:
        rules_doc_uri.cache_clear()
    anchors = {f"#{code.lower()}" for code in re.findall(r"^## (\S+)$", (ROOT / "docs" / "rules.md").read_text(
        encoding="utf-8"), flags=re.M)}
    for rule in log["runs"][0]["tool"]["driver"]["rules"]:
        uri = rule["helpUri"]
        assert uri.startswith("file://") and uri[uri.index("#"):] in anchors


# --- batch summaries for the spreadsheet ------------------------------------------------------

def test_csv_has_the_documented_columns_one_row_per_diagnostic() -> None:
    import csv
    import io

    from reportlint.formatters.jsonfmt import CSV_COLUMNS

    result = runner.invoke(app, ["check", "-f", "csv", str(FIXTURES / "reports")])
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert tuple(rows[0]) == CSV_COLUMNS
    as_json = json.loads(runner.invoke(app, ["check", "-f", "json", str(FIXTURES / "reports")]).stdout)
    assert len(rows) == len(as_json["diagnostics"])
    seed = [r for r in rows if r["file"].endswith("2020_dalanzhen_seed.txt")]
    assert {r["issuer"] for r in seed} == {"大岚镇人民政府"} and {r["year"] for r in seed} == {"2020"}
    documented = (ROOT / "docs" / "output.md").read_text(encoding="utf-8")
    assert all(f"`{column}`" in documented for column in CSV_COLUMNS)


@pytest.mark.parametrize("suffix", [".xlsx", ".csv", ".md"])
def test_the_summary_lists_every_file_clean_ones_included(tmp_path: Path, suffix: str) -> None:
    target = tmp_path / f"summary{suffix}"
    files = sorted(p for p in (FIXTURES / "reports").iterdir())
    result = runner.invoke(app, ["check", "-f", "concise", "--summary", str(target), str(FIXTURES / "reports")])
    assert result.exit_code == 1 and target.is_file()
    if suffix == ".xlsx":
        import openpyxl

        sheet = openpyxl.load_workbook(target).active
        rows = [[c.value for c in row] for row in sheet.iter_rows()]
        assert sheet.freeze_panes == "A2" and sheet.column_dimensions["A"].width > 10
    elif suffix == ".csv":
        import csv

        rows = list(csv.reader(target.read_text(encoding="utf-8-sig").splitlines()))
    else:
        rows = [[c.strip() for c in line.strip("|").split("|")] for line in target.read_text(encoding="utf-8").splitlines()]
        del rows[1]  # the |---| line
    header, body = rows[0], rows[1:]
    assert header[:6] == ["文件", "发布机关", "年度", "文件类型", "格式", "结果"]
    assert len(body) == len(files)
    statuses = {str(row[0]).rsplit("/", 1)[-1]: row[5] for row in body}
    assert statuses["clean_2021.md"] == "通过" and statuses["2020_dalanzhen_seed.txt"] == "有问题"


def test_json_lists_every_file_with_its_status() -> None:
    data = json.loads(runner.invoke(app, ["check", "-f", "json", str(FIXTURES / "reports")]).stdout)
    assert len(data["files"]) == len(list((FIXTURES / "reports").iterdir()))
    assert {f["status"] for f in data["files"]} >= {"clean", "findings"}
    assert data["summary"]["files"] == len(data["files"])


def test_an_xlsx_summary_without_openpyxl_says_how_to_get_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "openpyxl", None)  # as if not installed
    result = runner.invoke(app, ["check", "--summary", str(tmp_path / "s.xlsx"), str(SEED)])
    assert result.exit_code == 2 and "reportlint[xlsx]" in result.stderr
