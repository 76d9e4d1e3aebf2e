"""The example pack's tests: every case under cases/, with reportlint.testing."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))  # test the source tree, installed or not

from reportlint_ningbo import plugin  # noqa: E402

from reportlint.testing.cases import RuleCase, collect_cases, pack_registry, run_case  # noqa: E402

REGISTRY = pack_registry("ningbo", plugin)
CASES = collect_cases(HERE / "cases")


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_case(case: RuleCase) -> None:
    run_case(case, REGISTRY)


def test_pack_loads_cleanly() -> None:
    assert not REGISTRY.errors
