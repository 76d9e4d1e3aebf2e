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

Otherwise a record is a plain dataclass with the same equality, field-based hash and repr
as the frozen one (records are used as dict keys and in sets). Those three methods are shared
functions over the fields rather than generated per class: a dataclass compiles source code
for each method of each class, 0.4 ms a class, and reportlint defines seventy records — a
tenth of the start of a ``reportlint check``.
"""

from __future__ import annotations

import os
import reprlib
from collections.abc import Callable
from dataclasses import dataclass, fields
from operator import attrgetter
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
        made = dataclass(slots=slots, eq=False, repr=False)(klass)
        _add_value_methods(made)
        return made

    return wrap if cls is None else wrap(cls)


def _add_value_methods(cls: type) -> None:
    """``__eq__``, ``__hash__`` and ``__repr__`` as a frozen dataclass has them, built from
    the field names instead of compiled per class."""
    names = tuple(f.name for f in fields(cls))
    values: Callable[[Any], tuple[Any, ...]]
    if len(names) > 1:
        values = attrgetter(*names)
    elif names:
        only = names[0]
        values = lambda self: (getattr(self, only),)  # noqa: E731 - attrgetter of one name is no tuple
    else:
        values = lambda self: ()  # noqa: E731

    def __eq__(self: Any, other: object) -> bool:
        if other.__class__ is self.__class__:
            return bool(values(self) == values(other))
        return NotImplemented

    def __hash__(self: Any) -> int:
        return hash(values(self))

    @reprlib.recursive_repr()
    def __repr__(self: Any) -> str:
        shown = ", ".join(f"{name}={value!r}" for name, value in zip(names, values(self)))
        return f"{self.__class__.__qualname__}({shown})"

    for method in (__eq__, __hash__, __repr__):
        method.__qualname__ = f"{cls.__qualname__}.{method.__name__}"
        setattr(cls, method.__name__, method)


R = TypeVar("R")
A = TypeVar("A")


def by_identity(function: Callable[[A], R]) -> Callable[[A], R]:
    """Cache ``function``'s answer per argument *object* (its identity, not its value).

    For what is derived from a template or a table spec: hashing a record hashes all it
    holds (a table spec's every row and column), which cost more than the lookup saved.
    The argument is kept alive with its answer, so an identity is never reused while cached;
    at most ``IDENTITY_CACHE_SIZE`` arguments are kept (then the cache starts over)."""
    cache: dict[int, tuple[A, R]] = {}

    def cached(argument: A) -> R:
        hit = cache.get(id(argument))
        if hit is not None and hit[0] is argument:
            return hit[1]
        answer = function(argument)
        if len(cache) >= IDENTITY_CACHE_SIZE:
            cache.clear()
        cache[id(argument)] = (argument, answer)
        return answer

    cached.__doc__ = function.__doc__
    cached.__name__ = getattr(function, "__name__", "cached")
    cached.__wrapped__ = function  # type: ignore[attr-defined]
    return cached


IDENTITY_CACHE_SIZE = 256
