"""Pairing each report of a batch with the same issuer's report of the year before.

The year-over-year rules (Y) need last year's report. In a batch that holds several years
of one issuer, each report is paired with the one whose issuer is the same body and whose
report year is one less; ``previous-dir`` adds a folder of last year's reports to look in.
"The same body" is the issuer's identity (``reportlint.issuers.Issuer.key``: division code,
township, body), not its spelling: 沭阳县人民政府 and 沭阳县政府 pair, two counties'
财政局 never do. Nothing is guessed: a report with two candidates for last year is left
unpaired and the conflict is reported, and a report whose issuer, place or year cannot be
read is never paired (the explanation says why).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from reportlint.config import Config
from reportlint.records import record


@record(slots=False)
class Identity:
    """Who issued a report and for which year."""

    issuer: str | None  # the issuer's identity (None: its place is not known, so never paired)
    year: int
    shown: str  # the issuer as written
    place: str = ""  # the issuer's division path, or why it is unknown


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
            if who.issuer is None:
                state = f"（未配对：{who.place}）"
            else:
                state = f"← {paired}" if paired else "（无上一年度报告）"
            lines.append(f"{path}: {who.shown}〔{who.place}〕 {who.year}年 {state}" if who.issuer
                         else f"{path}: {who.shown} {who.year}年 {state}")
        for path, candidates in self.conflicts:
            lines.append(f"{path}: 上一年度有 {len(candidates)} 份同一机关的报告，未配对：{'、'.join(candidates)}")
        return lines


def identify(path: str, config: Config) -> Identity | None:
    """The issuer and report year of the report at ``path``, or None when either is unknown.

    Only the document and its metadata are read (no tables, no rules): the pairing pass
    costs a fraction of the check itself."""
    from reportlint.api import load_document, read_input
    from reportlint.budget import file_budget
    from reportlint.issuers import analyze_issuer
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
            document = unflatten(document, list(registry.templates.values()))
            metadata = recognize_metadata(document)
            issuer = analyze_issuer(metadata, document)
    except Exception:  # noqa: BLE001 - a file that cannot be identified is simply not paired
        return None
    if issuer is None or not metadata.report_year:
        return None
    place = issuer.path or ("所在地有多处同名，无法确定" if issuer.candidates else "名称中的所在地无法确定")
    return Identity(issuer.key, metadata.report_year, issuer.name, place)


def _unidentified(path: str, config: Config) -> Identity | None:
    """A file that kills the worker reading it is not paired (its check says what happened)."""
    return None


Mapper = Callable[[Callable[[str, Config], "Identity | None"], list[str], Config,
                   Callable[[str, Config], "Identity | None"]], Iterable["Identity | None"]]


def pair_years(files: list[str], config: Config, previous_dir: str = "", mapper: Mapper | None = None) -> Pairing:
    """Pair every file with last year's report of its issuer among ``files`` (and the
    reports found in ``previous_dir``). ``mapper(identify, paths, config, died)`` reads the
    files, in order (default: this machine's ``-j`` processes; the CLI passes the Dask
    cluster's when the check runs there)."""
    from reportlint.runner import STDIN, expand_paths, map_files

    pairing = Pairing()
    candidates = [f for f in files if f != STDIN]
    extra = expand_paths([previous_dir], config) if previous_dir and os.path.isdir(previous_dir) else []
    by_key: dict[tuple[str, int], list[str]] = {}
    paths = list(dict.fromkeys([*candidates, *extra]))
    # Read in the worker processes of the check (-j): on one core, identifying every
    # file first cost a third of a batch's time and kept -j 2 at 1.5x.
    identities = (mapper(identify, paths, config, _unidentified) if mapper is not None
                  else map_files(identify, paths, config, died=_unidentified))
    for path, identity in zip(paths, identities):
        if identity is None:
            continue
        if path in candidates:
            pairing.identities[path] = identity
        if identity.issuer is None:
            continue
        by_key.setdefault((identity.issuer, identity.year), []).append(path)
    for path, identity in pairing.identities.items():
        if identity.issuer is None:
            continue
        found = by_key.get((identity.issuer, identity.year - 1), [])
        if len(found) == 1:
            pairing.previous[path] = found[0]
        elif len(found) > 1:
            pairing.conflicts.append((path, sorted(found)))
    return pairing
