"""Pairing each report of a batch with the same issuer's report of the year before.

The year-over-year rules (Y) need last year's report. In a batch that holds several years
of one issuer, each report is paired with the one whose issuer is the same (after
normalisation) and whose report year is one less; ``previous-dir`` adds a folder of last
year's reports to look in. Nothing is guessed: a report with two candidates for last year
is left unpaired and the conflict is reported, and a report whose issuer or year cannot be
read is never paired.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field

from reportlint.config import Config
from reportlint.text.normalize import fold, squeeze

_SPACE_PUNCT_RE = re.compile(r"[\s·•（）()]+")


@dataclass(frozen=True)
class Identity:
    """Who issued a report and for which year."""

    issuer: str  # normalised
    year: int
    shown: str  # the issuer as written


@dataclass
class Pairing:
    """For each file, last year's report of the same issuer (when exactly one exists)."""

    previous: dict[str, str] = field(default_factory=dict)
    identities: dict[str, Identity] = field(default_factory=dict)
    conflicts: list[tuple[str, list[str]]] = field(default_factory=list)  # file, its candidates

    def explain(self) -> list[str]:
        """One line per file: its issuer and year, and what it was paired with."""
        lines = []
        for path in sorted(self.identities):
            who = self.identities[path]
            paired = self.previous.get(path)
            state = f"← {paired}" if paired else "（无上一年度报告）"
            lines.append(f"{path}: {who.shown} {who.year}年 {state}")
        for path, candidates in self.conflicts:
            lines.append(f"{path}: 上一年度有 {len(candidates)} 份同一机关的报告，未配对：{'、'.join(candidates)}")
        return lines


def normalise_issuer(name: str) -> str:
    """The issuer compared across years: folded, without spaces and brackets."""
    return _SPACE_PUNCT_RE.sub("", squeeze(fold(name)))


def identify(path: str, config: Config) -> Identity | None:
    """The issuer and report year of the report at ``path``, or None when either is unknown.

    Only the document and its metadata are read (no tables, no rules): the pairing pass
    costs a fraction of the check itself."""
    from reportlint.api import load_document, read_input
    from reportlint.budget import file_budget
    from reportlint.model import Diagnostic
    from reportlint.plugins import get_registry
    from reportlint.recognize.flattened import unflatten
    from reportlint.recognize.metadata import recognize_metadata

    registry = get_registry()
    try:
        with file_budget(config.max_seconds_per_file, config.max_memory_per_file):
            data = read_input(path, config, registry)
            if isinstance(data, Diagnostic):
                return None
            document = load_document(data, path, config, registry)
            if isinstance(document, Diagnostic):
                return None
            metadata = recognize_metadata(unflatten(document, list(registry.templates.values())))
    except Exception:  # noqa: BLE001 - a file that cannot be identified is simply not paired
        return None
    if not metadata.issuer or not metadata.report_year:
        return None
    return Identity(normalise_issuer(metadata.issuer), metadata.report_year, metadata.issuer)


def pair_years(files: list[str], config: Config, previous_dir: str = "") -> Pairing:
    """Pair every file with last year's report of its issuer among ``files`` (and the
    reports found in ``previous_dir``)."""
    from reportlint.runner import STDIN, expand_paths

    pairing = Pairing()
    candidates = [f for f in files if f != STDIN]
    extra = expand_paths([previous_dir], config) if previous_dir and os.path.isdir(previous_dir) else []
    by_key: dict[tuple[str, int], list[str]] = {}
    for path in dict.fromkeys([*candidates, *extra]):
        identity = identify(path, config)
        if identity is None:
            continue
        if path in candidates:
            pairing.identities[path] = identity
        by_key.setdefault((identity.issuer, identity.year), []).append(path)
    for path, identity in pairing.identities.items():
        found = by_key.get((identity.issuer, identity.year - 1), [])
        if len(found) == 1:
            pairing.previous[path] = found[0]
        elif len(found) > 1:
            pairing.conflicts.append((path, sorted(found)))
    return pairing
