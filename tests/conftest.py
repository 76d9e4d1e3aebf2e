"""Shared fixtures: paths to the example reports and the real-report corpus."""

from __future__ import annotations

import os
from pathlib import Path

# Records are real frozen dataclasses in the test suite, so code that changes one fails here
# (reportlint.records; set before anything imports reportlint).
os.environ.setdefault("REPORTLINT_CHECK_RECORDS", "1")

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
SEED = FIXTURES / "reports" / "2020_dalanzhen_seed.txt"
CORPUS = ROOT.parent / "shared" / "corpus"


@pytest.fixture
def seed_path() -> Path:
    return SEED


def missigned_seed(folder: Path, name: str = "seed.txt") -> Path:
    """The seed signed by another body, 梁弄镇镇人民政府 under the title's 大岚镇人民政府: an M001
    error and an M002 warning (the doubled 镇) beside the seed's S005 warning."""
    path = folder / name
    path.write_text(SEED.read_text(encoding="utf-8").replace("大岚镇镇人民政府", "梁弄镇镇人民政府"), encoding="utf-8")
    return path


def corpus_file(name: str) -> Path:
    """A report from ../shared/corpus; the test is skipped where the corpus is absent."""
    path = CORPUS / name
    if not path.exists():
        pytest.skip(f"corpus file {name} not present")
    return path
