"""Baselines for auditors: accept today's findings, report only new ones.

A baseline is a JSON file of entries, each identified by a stable fingerprint (code + file
+ logical location, see ``fingerprints``), with ``reason``, ``accepted_by`` and an optional
``expires`` date that the auditor fills in. When a baseline is applied:

* findings whose fingerprint is in the baseline are not reported;
* an entry whose ``expires`` date has passed no longer hides its finding, and B001 says so;
* an entry whose finding is gone (the cause was fixed) is stale: B002 says so, so that the
  baseline can be cleaned.

Paths are stored relative to the baseline file's folder, so the file can be committed.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from reportlint.atomic import write_atomically
from reportlint.fingerprints import fingerprints, normalize_path
from reportlint.limited import LimitedReadError, read_limited
from reportlint.model import Diagnostic, FileResult, Finding, Location, Position

FORMAT_VERSION = 1
EXPIRED_CODE = "B001"
STALE_CODE = "B002"


class BaselineError(ValueError):
    """The baseline file cannot be read or is malformed."""


@dataclass
class BaselineEntry:
    """One accepted finding."""

    fingerprint: str
    path: str
    code: str
    message: str
    location: dict[str, Any] = field(default_factory=dict)
    reason: str = ""
    accepted_by: str = ""
    expires: str | None = None

    def expired(self, today: dt.date) -> bool:
        return bool(self.expires) and dt.date.fromisoformat(str(self.expires)) < today


@dataclass
class Baseline:
    """The entries of a baseline file and where it lives."""

    path: Path
    entries: list[BaselineEntry] = field(default_factory=list)

    @property
    def base(self) -> str:
        return str(self.path.resolve().parent)

    def by_fingerprint(self) -> dict[str, BaselineEntry]:
        return {entry.fingerprint: entry for entry in self.entries}


MAX_BASELINE_BYTES = 256 * 1024 * 1024


def load_baseline(path: Path, limit: int = MAX_BASELINE_BYTES) -> Baseline:
    """Read a baseline file; BaselineError names what is wrong."""
    try:
        data = json.loads(read_limited(path, limit).decode("utf-8"))
    except FileNotFoundError:
        raise BaselineError(f"{path}: baseline file not found") from None
    except (OSError, LimitedReadError, json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise BaselineError(f"{path}: cannot read baseline: {exc}") from None
    except RecursionError:
        raise BaselineError(f"{path}: cannot read baseline: nested too deeply") from None
    if not isinstance(data, dict) or not isinstance(data.get("entries"), list):
        raise BaselineError(f"{path}: not a reportlint baseline (no 'entries' list)")
    entries = []
    known = set(BaselineEntry.__dataclass_fields__)
    for number, raw in enumerate(data["entries"], 1):
        if not isinstance(raw, dict) or not {"fingerprint", "path", "code"} <= set(raw):
            raise BaselineError(f"{path}: entry {number} needs fingerprint, path and code")
        unknown = set(raw) - known
        if unknown:
            raise BaselineError(f"{path}: entry {number} has unknown key(s) {sorted(unknown)}")
        wrong = [key for key in ("fingerprint", "path", "code", "message", "reason", "accepted_by")
                 if key in raw and raw[key] is not None and not isinstance(raw[key], str)]
        if wrong or ("location" in raw and raw["location"] is not None and not isinstance(raw["location"], dict)):
            raise BaselineError(f"{path}: entry {number}: {', '.join(wrong) or 'location'} has the wrong type")
        if raw.get("expires"):
            try:
                dt.date.fromisoformat(str(raw["expires"]))
            except ValueError:
                raise BaselineError(f"{path}: entry {number}: expires must be a date like 2026-12-31") from None
        entries.append(BaselineEntry(
            fingerprint=str(raw["fingerprint"]), path=str(raw["path"]), code=str(raw["code"]),
            message=str(raw.get("message", "")), location=dict(raw.get("location") or {}),
            reason=str(raw.get("reason") or ""), accepted_by=str(raw.get("accepted_by") or ""),
            expires=str(raw["expires"]) if raw.get("expires") else None,
        ))
    return Baseline(path, entries)


def write_baseline(path: Path, results: list[FileResult], previous: Baseline | None = None) -> int:
    """Write every current finding as an entry; keep reasons already given. Returns the count."""
    base = str(path.resolve().parent)
    kept = previous.by_fingerprint() if previous else {}
    entries = []
    for result in results:
        for diagnostic, fingerprint in zip(result.diagnostics, fingerprints(result.diagnostics, base)):
            if diagnostic.code in (EXPIRED_CODE, STALE_CODE):
                continue
            old = kept.get(fingerprint)
            entries.append(BaselineEntry(
                fingerprint=fingerprint,
                path=normalize_path(diagnostic.path, base),
                code=diagnostic.code,
                message=diagnostic.message,
                location={k: v for k, v in (
                    ("section", diagnostic.location.section), ("table", diagnostic.location.table),
                    ("row_label", diagnostic.location.row_label), ("column_label", diagnostic.location.column_label),
                    ("fact_key", diagnostic.location.fact_key)) if v},
                reason=old.reason if old else "",
                accepted_by=old.accepted_by if old else "",
                expires=old.expires if old else None,
            ))
    payload = {
        "version": FORMAT_VERSION,
        "tool": "reportlint",
        "note": "Fill in reason, accepted_by and (optionally) expires (YYYY-MM-DD) for each accepted finding.",
        "entries": [asdict(entry) for entry in entries],
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(path, (json.dumps(payload, ensure_ascii=False, indent=2) + "\n").encode("utf-8"))
    return len(entries)


@dataclass
class BaselineFilter:
    """Applies a baseline file by file; diagnostics for expired and stale entries."""

    baseline: Baseline
    today: dt.date = field(default_factory=dt.date.today)

    def apply(self, result: FileResult) -> tuple[list[Diagnostic], list[Finding], list[Finding]]:
        """(diagnostics still reported, expired-entry findings, stale-entry findings)."""
        entries = self.baseline.by_fingerprint()
        path = normalize_path(result.path, self.baseline.base)
        kept: list[Diagnostic] = []
        expired: list[Finding] = []
        matched: set[str] = set()
        for diagnostic, fingerprint in zip(result.diagnostics, fingerprints(result.diagnostics, self.baseline.base)):
            entry = entries.get(fingerprint)
            if entry is None:
                kept.append(diagnostic)
                continue
            matched.add(fingerprint)
            if entry.expired(self.today):
                kept.append(diagnostic)
                expired.append(Finding(
                    message=f"基线中对 {entry.code} 的接受已于 {entry.expires} 过期（原因：{entry.reason or '未填写'}；"
                    f"接受人：{entry.accepted_by or '未填写'}），该问题重新报告",
                    message_en=f"the baseline entry accepting {entry.code} expired on {entry.expires}; reported again",
                    location=Location(position=diagnostic.location.position),
                ))
        stale = [
            Finding(
                message=f"基线条目 {entry.code}（{entry.message[:40]}）已不再出现，问题可能已改正，请从基线中删除",
                message_en=f"the baseline entry for {entry.code} no longer matches a finding; remove it from the baseline",
                location=Location(position=Position(1, 1)),
            )
            for entry in self.baseline.entries
            if entry.path == path and entry.fingerprint not in matched
        ]
        return kept, expired, stale
