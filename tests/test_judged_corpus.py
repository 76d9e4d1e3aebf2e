"""Every diagnostic on every real report is judged (tests/judged/diagnostics.toml).

The test fails on a diagnostic that is not in the data file (noise crept in) and on a
listed one that disappeared (a real defect no longer reported), and on a report in
../shared/corpus or fixtures/reports that nobody judged. Precision first: on a real report,
what reportlint says is true, said once, at the confidence it has.
"""

from __future__ import annotations

import tomllib
from collections import Counter
from functools import cache
from pathlib import Path

import pytest

from reportlint.api import analyze_path
from reportlint.model import Diagnostic

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
DATA = tomllib.loads((ROOT / "tests" / "judged" / "diagnostics.toml").read_text(encoding="utf-8"))
JUDGED = {entry["path"]: entry["expect"] for entry in DATA["files"]}


def _resolve(path: str) -> Path:
    return CORPUS / path.removeprefix("corpus/") if path.startswith("corpus/") else ROOT / path


def _present() -> list[str]:
    found = [f"fixtures/reports/{p.name}" for p in sorted((ROOT / "fixtures" / "reports").iterdir()) if p.is_file()]
    if CORPUS.is_dir():
        found += [f"corpus/{p.relative_to(CORPUS).as_posix()}" for p in sorted(CORPUS.rglob("*"))
                  if p.is_file() and p.name != "README.md"]
    return found


@cache
def _analysed(path: str) -> tuple[Diagnostic, ...] | None:
    """The diagnostics of a judged report, computed once for all the tests below."""
    file = _resolve(path)
    return analyze_path(file).diagnostics if file.exists() else None


def _diagnostics(path: str) -> tuple[Diagnostic, ...]:
    diagnostics = _analysed(path)
    if diagnostics is None:
        pytest.skip(f"{_resolve(path)} is not here (../shared/corpus comes with the workplace)")
    return diagnostics


def test_every_real_report_is_judged() -> None:
    unjudged = [p for p in _present() if p not in JUDGED]
    assert not unjudged, f"reports without judged diagnostics in tests/judged/diagnostics.toml: {unjudged}"


@pytest.mark.parametrize("path", sorted(JUDGED))
def test_diagnostics_are_exactly_the_judged_ones(path: str) -> None:
    diagnostics = _diagnostics(path)
    for item in JUDGED[path]:
        assert item.get("why"), f"{path}: {item['code']} at line {item['line']} has no reason"
    got = Counter((d.code, d.line) for d in diagnostics)
    want = Counter((item["code"], item["line"]) for item in JUDGED[path])
    extra = got - want
    lost = want - got
    shown = "\n".join(f"  {d.code} {d.line}: {d.message}" for d in diagnostics if (d.code, d.line) in extra)
    assert not extra, f"{path}: diagnostics nobody judged true:\n{shown}"
    assert not lost, f"{path}: judged diagnostics no longer reported: {sorted(lost.elements())}"


@pytest.mark.parametrize("path", sorted(JUDGED))
def test_no_cell_is_blamed_twice_and_no_n000_repeats_t009(path: str) -> None:
    diagnostics = _diagnostics(path)
    blamed = Counter(d.location.fact_key for d in diagnostics if d.code.startswith("N") and d.location.fact_key)
    assert all(count == 1 for count in blamed.values()), blamed
    if any(d.code == "T009" for d in diagnostics):
        assert not any(d.code == "N000" for d in diagnostics)
