"""Shared fixtures: paths to the example reports and the real-report corpus."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
SEED = FIXTURES / "reports" / "2020_dalanzhen_seed.txt"
CORPUS = ROOT.parent / "shared" / "corpus"


@pytest.fixture
def seed_path() -> Path:
    return SEED


def corpus_file(name: str) -> Path:
    """A report from ../shared/corpus; the test is skipped where the corpus is absent."""
    path = CORPUS / name
    if not path.exists():
        pytest.skip(f"corpus file {name} not present")
    return path
