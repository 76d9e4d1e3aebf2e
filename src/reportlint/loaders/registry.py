"""Loader descriptions and the choice of a loader for an input."""

from __future__ import annotations

from collections.abc import Callable

from reportlint.model import Document, Source
from reportlint.records import record


@record(slots=False)
class LoadLimits:
    """Caps that keep hostile input from exhausting time or memory."""

    max_bytes: int = 50 * 1024 * 1024
    max_zip_entries: int = 2000
    max_zip_bytes: int = 200 * 1024 * 1024
    max_zip_ratio: int = 200
    max_grid_cells: int = 100_000  # cells all tables of a document expand to (a real report: a few thousand)
    max_inflated_bytes: int = 100 * 1024 * 1024  # PDF: bytes its compressed streams inflate to


class LoadError(Exception):
    """The input cannot be loaded; ``code`` is the diagnostic code to report."""

    def __init__(self, code: str, message: str, message_en: str) -> None:
        super().__init__(message_en)
        self.code = code
        self.message = message
        self.message_en = message_en


@record(slots=False)
class LoaderSpec:
    """A loader: the input kinds and file suffixes it serves, and the load function.

    ``binary`` loaders receive the Source with empty text and read ``Source.data``;
    text loaders get the text decoded by reportlint (BOM, declared charset, detection).
    """

    name: str
    kinds: tuple[str, ...]
    suffixes: tuple[str, ...]
    load: Callable[[Source, LoadLimits], Document]
    binary: bool = False
