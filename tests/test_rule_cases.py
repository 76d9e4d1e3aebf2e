"""Every data-driven rule case under fixtures/rules (see reportlint.testing.cases)."""

from __future__ import annotations

import pytest

from reportlint.plugins import get_registry
from reportlint.testing.cases import RuleCase, collect_cases, run_case

from .conftest import FIXTURES

CASES = collect_cases(FIXTURES / "rules")


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_rule_case(case: RuleCase) -> None:
    run_case(case)


def test_every_rule_has_failing_and_passing_cases() -> None:
    failing: set[str] = set()
    passing: set[str] = set()
    for case in CASES:
        for code in case.rule:
            (failing if case.expect else passing).add(code)
    # Input and run problems are tested where they arise: tests/test_cli.py, test_loaders_markup.py,
    # test_reliability.py; OCR's notes in tests/test_ocr.py (they need scanned pages).
    core = {"E001", "E002", "E003", "E004", "E005", "E006", "E007", "E008", "B001", "B002",
            "O001", "O002", "O003"}
    codes = set(get_registry().rules) - core
    assert sorted(codes - failing) == []
    assert sorted(codes - passing) == []
