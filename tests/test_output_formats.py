"""Golden files for every output format, SARIF schema validation, CI escaping.

Regenerate the golden files after an intended change with
``REPORTLINT_UPDATE_GOLDEN=1 python -m pytest tests/test_output_formats.py``.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from reportlint.cli import app
from reportlint.formatters.ci import github_escape_data, github_escape_property

from .conftest import CORPUS, ROOT

GOLDEN = ROOT / "fixtures" / "golden"
FORMATS = ["full", "concise", "json", "jsonl", "sarif", "github", "gitlab", "junit", "html"]
SOURCES = {
    "seed": "fixtures/reports/2020_dalanzhen_seed.txt",
    "many": "fixtures/reports/many_problems.md",
}
SUFFIX = {"full": "txt", "concise": "txt", "json": "json", "jsonl": "jsonl", "sarif": "sarif.json",
          "github": "txt", "gitlab": "json", "junit": "xml", "html": "html"}
SARIF_SCHEMA = json.loads((ROOT / "tests" / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))


@pytest.fixture(autouse=True)
def _fixed_docs_url(monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """SARIF's helpUri would name this checkout's path; golden files need one fixed base."""
    from reportlint.formatters.sarif import rules_doc_uri

    monkeypatch.setenv("REPORTLINT_DOCS_URL", "https://docs.example/reportlint/rules.md")
    rules_doc_uri.cache_clear()
    yield
    rules_doc_uri.cache_clear()


def _run(*args: str) -> str:
    previous = os.getcwd()
    os.chdir(ROOT)  # paths in the output are relative to the working directory
    try:
        result = CliRunner().invoke(app, ["check", "--color", "never", *args])
    finally:
        os.chdir(previous)
    assert result.exit_code in (0, 1), result.output
    # JUnit carries the run's duration; it is the one thing that may differ.
    return re.sub(r'time="[0-9.]+"', 'time="0"', result.stdout)


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("source", sorted(SOURCES))
def test_golden(source: str, fmt: str) -> None:
    output = _run("-f", fmt, SOURCES[source])
    golden = GOLDEN / f"{source}.{fmt}.{SUFFIX[fmt]}"
    if os.environ.get("REPORTLINT_UPDATE_GOLDEN"):
        golden.write_text(output, encoding="utf-8")
    assert output == golden.read_text(encoding="utf-8")


def _corpus_files() -> list[Path]:
    return sorted(p for p in CORPUS.glob("*") if p.suffix in (".txt", ".md", ".pdf")) if CORPUS.exists() else []


@pytest.mark.parametrize("path", [*_corpus_files(), *sorted((ROOT / "fixtures" / "reports").iterdir())],
                         ids=lambda p: p.name)
def test_sarif_is_valid_against_the_official_schema(path: Path) -> None:
    log = json.loads(_run("-f", "sarif", str(path)))
    jsonschema.Draft7Validator(SARIF_SCHEMA).validate(log)
    run = log["runs"][0]
    assert run["columnKind"] == "unicodeCodePoints"
    for result in run["results"]:
        assert result["locations"][0]["physicalLocation"]["region"]["startLine"] >= 1
        assert run["tool"]["driver"]["rules"][result["ruleIndex"]]["id"] == result["ruleId"]


def test_sarif_carries_logical_locations_and_fixes() -> None:
    log = json.loads(_run("-f", "sarif", SOURCES["many"]))
    results = log["runs"][0]["results"]
    cell = next(r for r in results if r["ruleId"] == "N002")
    assert cell["locations"][0]["logicalLocations"][0]["fullyQualifiedName"] == (
        "表三 收到和处理政府信息公开申请情况 / （一）予以公开 / 自然人")
    fix = next(r for r in results if r["ruleId"] == "P001")["fixes"][0]
    replacement = fix["artifactChanges"][0]["replacements"][0]
    assert replacement["insertedContent"]["text"] == "国办公开办函〔2021〕30号"
    rule = log["runs"][0]["tool"]["driver"]["rules"][cell["ruleIndex"]]
    assert rule["help"]["text"] and rule["properties"]["references"]


def test_github_escaping() -> None:
    assert github_escape_data("a%b\r\nc") == "a%25b%0D%0Ac"
    assert github_escape_property("x:y,z%") == "x%3Ay%2Cz%25"


def test_json_schema_keys() -> None:
    items = json.loads(_run("-f", "json", SOURCES["many"]))["diagnostics"]
    required = {"path", "code", "name", "severity", "message", "line", "column", "end_line", "end_column", "page",
                "location", "expected", "actual", "references", "fix"}
    for item in items:
        assert required <= set(item)
        assert set(item["location"]) >= {"section", "table", "row_label", "column_label"}
    lines = _run("-f", "jsonl", SOURCES["many"]).splitlines()
    assert [json.loads(line) for line in lines] == items


def test_gitlab_fingerprints_are_stable_when_lines_move(tmp_path: Path) -> None:
    source = (ROOT / SOURCES["many"]).read_text(encoding="utf-8")
    moved = tmp_path / "many_problems.md"
    moved.write_text("\n\n\n" + source, encoding="utf-8")
    original = tmp_path / "orig" / "many_problems.md"
    original.parent.mkdir()
    original.write_text(source, encoding="utf-8")
    os.chdir(tmp_path)
    try:
        first = json.loads(CliRunner().invoke(app, ["check", "-f", "gitlab", "many_problems.md"]).stdout)
        os.chdir(original.parent)
        second = json.loads(CliRunner().invoke(app, ["check", "-f", "gitlab", "many_problems.md"]).stdout)
    finally:
        os.chdir(ROOT)
    assert [i["fingerprint"] for i in first] == [i["fingerprint"] for i in second]
    assert [i["location"]["lines"]["begin"] for i in first] != [i["location"]["lines"]["begin"] for i in second]
    assert len({i["fingerprint"] for i in first}) == len(first)


def test_html_report_is_well_formed_and_annotates_lines() -> None:
    from lxml import html

    page = _run("-f", "html", SOURCES["seed"], SOURCES["many"])
    root = html.document_fromstring(page)
    assert root.tag == "html" and len(root.findall(".//h2")) == 2
    marks = root.findall(".//blockquote[@class='src']/mark")  # the span of each finding, in its line
    assert any("大岚镇镇人民政府" in "".join(m.itertext()) for m in marks)
    assert "M002" in page and "N002" in page and "no findings" not in page.lower() and "没有发现问题" not in page


def test_full_excerpt_of_a_long_line_is_a_window_around_the_column() -> None:
    from reportlint.formatters.text import MAX_EXCERPT_CHARS, FullFormatter

    line = "甲" * 5000 + "错" + "乙" * 5000
    lines = FullFormatter.__new__(FullFormatter)
    lines.options = type("O", (), {"color": False})()  # only what _excerpt reads
    text, caret = lines._excerpt(line, 1, 5001, 5002)
    assert len(text) < MAX_EXCERPT_CHARS + 20 and "错" in text
    assert text.index("错") * 2 - len("  1 | ") * 2 + len("  1 | ") <= len(caret) + 2
