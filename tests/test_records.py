"""Records: immutable in the test suite, equal and hashed by their fields everywhere."""

from __future__ import annotations

import dataclasses
import os
import pickle
import subprocess
import sys

import pytest

from reportlint.model import Cell, Position


def test_records_are_frozen_in_the_test_suite() -> None:
    assert os.environ.get("REPORTLINT_CHECK_RECORDS") == "1"
    cell = Cell("12", 0, 1, Position(3, 4))
    with pytest.raises(dataclasses.FrozenInstanceError):
        cell.text = "13"  # type: ignore[misc]


@pytest.mark.parametrize("checked", ["0", "1"])
def test_records_behave_alike_checked_or_not(checked: str) -> None:
    """Equality, hashing, replace() and pickling are the same in both modes."""
    code = (
        "import dataclasses, pickle\n"
        "from reportlint.model import Cell, Position\n"
        "a = Cell('12', 0, 1, Position(3, 4)); b = Cell('12', 0, 1, Position(3, 4))\n"
        "assert a == b and hash(a) == hash(b) and len({a, b}) == 1\n"
        "assert a != dataclasses.replace(a, text='13')\n"
        "assert pickle.loads(pickle.dumps(a)) == a\n"
        "assert not hasattr(a, '__dict__')\n"
        "assert repr(a) == \"Cell(text='12', row=0, col=1, position=Position(line=3, column=4, end_line=None, "
        "end_column=None, page=None), origin=None, column_key=None)\", repr(a)\n"
        "assert (a == 1) is False and a != 'x' and hash(a) == hash(('12', 0, 1, Position(3, 4), None, None))\n"
        "import reportlint.model as m\n"
        "assert hash(m.LoadProblem('E1', 'a', 'b', None)) == hash(m.LoadProblem('E1', 'a', 'b', None))\n"
        "print(type(a).__dataclass_params__.frozen)\n"
    )
    env = {**os.environ, "REPORTLINT_CHECK_RECORDS": checked}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    assert out.stdout.strip() == ("True" if checked == "1" else "False")
    assert pickle.loads(pickle.dumps(Position(1, 2))) == Position(1, 2)
