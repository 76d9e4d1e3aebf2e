"""Stable fingerprints for diagnostics: code + file + logical location, never line numbers.

Used by baselines and by the GitLab code-quality report, so that a finding keeps its
identity when lines move. Findings without a cell (a date in running text) add what they
saw (``actual``) and an occurrence number, so that two findings in one section differ.
"""

from __future__ import annotations

import hashlib
import os
from collections import Counter
from collections.abc import Iterable

from reportlint.model import Diagnostic
from reportlint.text.escape import display_path


def relative_path(path: str, base: str | None = None) -> str:
    """A path relative to ``base`` (default: the current directory), with forward slashes,
    exactly as the file system names it (undecodable bytes kept as surrogates)."""
    if path == "-":
        return path
    try:
        relative = os.path.relpath(os.path.abspath(path), os.path.abspath(base or os.getcwd()))
    except ValueError:  # another drive on Windows
        relative = path
    return relative.replace(os.sep, "/")


def normalize_path(path: str, base: str | None = None) -> str:
    """``relative_path`` made printable (see ``display_path``): what outputs and baselines
    show and store."""
    return display_path(relative_path(path, base))


def identity(diagnostic: Diagnostic, base: str | None = None) -> str:
    """The human-readable identity a fingerprint is made from."""
    location = diagnostic.location
    parts = [diagnostic.code, normalize_path(diagnostic.path, base)]
    if location.fact_key:
        parts.append(location.fact_key)
    else:
        parts.extend(p or "" for p in (location.section, location.table, location.row_label, location.column_label))
        parts.append(diagnostic.actual or "")
    return "\x1f".join(parts)


def fingerprints(diagnostics: Iterable[Diagnostic], base: str | None = None) -> list[str]:
    """One fingerprint per diagnostic, in order; repeats of one identity are numbered."""
    seen: Counter[str] = Counter()
    out = []
    for diagnostic in diagnostics:
        ident = identity(diagnostic, base)
        seen[ident] += 1
        digest = hashlib.sha256(f"{ident}\x1e{seen[ident]}".encode()).hexdigest()
        out.append(digest[:32])
    return out
