"""``record``: the decorator for reportlint's immutable value types.

A record is a dataclass that nothing changes after it is made: Positions, Cells, Facts,
Findings, Diagnostics… A checked report makes thousands of them, and a frozen dataclass
pays for its immutability at every construction (each field is set through
``object.__setattr__``: 0.75 µs for a six-field Cell against 0.17 µs for a plain one; a
fifth of the time of checking a text report went there).

So immutability is enforced where it is cheap to enforce:

- statically, for every run: ``record`` is a ``dataclass_transform`` with frozen fields, so
  a type checker rejects ``cell.text = …``;
- at run time, in the test suite: with ``REPORTLINT_CHECK_RECORDS=1`` (tests/conftest.py sets
  it) records are real frozen dataclasses, and an assignment raises FrozenInstanceError.

Otherwise a record is a plain dataclass with the same equality and the same field-based
hash as the frozen one (``unsafe_hash``: records are used as dict keys and in sets).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar, dataclass_transform, overload

T = TypeVar("T")

CHECKED = os.environ.get("REPORTLINT_CHECK_RECORDS", "") not in ("", "0")


@overload
def record(cls: type[T], /) -> type[T]: ...


@overload
def record(*, slots: bool = True) -> Callable[[type[T]], type[T]]: ...


@dataclass_transform(frozen_default=True)
def record(cls: type[T] | None = None, /, *, slots: bool = True) -> Any:
    """Make ``cls`` an immutable record (a dataclass; ``slots=False`` where a class needs a
    ``__dict__``, e.g. for ``functools.cached_property``)."""

    def wrap(klass: type[T]) -> type[T]:
        if CHECKED:
            return dataclass(frozen=True, slots=slots)(klass)
        return dataclass(slots=slots, unsafe_hash=True)(klass)

    return wrap if cls is None else wrap(cls)
