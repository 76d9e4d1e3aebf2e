"""Finding installed plugins (entry points of the ``reportlint`` group) without paying for it
on every run.

``importlib.metadata`` reads the metadata of every installed distribution to find a group's
entry points: tens of milliseconds per process, more than checking a small report. The
answer is kept in a small cache file, keyed by a fingerprint of the installed
distributions — the name and modification time of every ``*.dist-info``/``*.egg-info``
entry (and ``.pth``/``.egg-link`` file) on ``sys.path`` — so installing, upgrading or removing
any distribution invalidates it. The cache lives in ``$XDG_CACHE_HOME/reportlint`` (else
``~/.cache/reportlint``); ``REPORTLINT_NO_CACHE=1`` turns it off, and a cache that cannot be
read or written is simply not used. It keeps the answers for the last few fingerprints, since
``python -m reportlint`` (the working directory on ``sys.path``) and the ``reportlint`` script
see different paths.
"""

from __future__ import annotations

import hashlib
import importlib
import json
import os
import sys
from pathlib import Path

from reportlint.records import record

CACHE_VERSION = 2
_MARKERS = (".dist-info", ".egg-info", ".egg-link", ".pth")


@record(slots=False)
class EntryPointRecord:
    """An entry point as the plugin loader needs it: name, target, and its distribution."""

    name: str
    value: str  # "package.module" or "package.module:attribute"
    dist_name: str = ""
    dist_version: str = ""

    def load(self) -> object:
        """Import the target, as ``importlib.metadata.EntryPoint.load`` does."""
        module_name, _, attribute = self.value.partition(":")
        target: object = importlib.import_module(module_name.strip())
        for part in filter(None, attribute.strip().split(".")):
            target = getattr(target, part)
        return target


def fingerprint() -> str:
    """A digest of what is installed on ``sys.path`` (names and mtimes of metadata entries)."""
    digest = hashlib.sha256(f"{CACHE_VERSION}|{sys.version}|{sys.executable}".encode())
    for entry in sys.path:
        try:
            with os.scandir(entry or ".") as found:
                names = sorted((e.name, e.stat(follow_symlinks=False).st_mtime_ns) for e in found
                               if e.name.endswith(_MARKERS))
        except OSError:
            continue
        digest.update(f"{entry}\0{names}\0".encode("utf-8", "surrogateescape"))
    return digest.hexdigest()


def _cache_file() -> Path | None:
    if os.environ.get("REPORTLINT_NO_CACHE"):
        return None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    tag = hashlib.sha256(sys.executable.encode("utf-8", "surrogateescape")).hexdigest()[:12]
    return Path(base) / "reportlint" / f"entry-points-{tag}.json"


def _scan(group: str) -> list[EntryPointRecord]:
    import importlib.metadata

    records = []
    for point in importlib.metadata.entry_points(group=group):
        dist = getattr(point, "dist", None)
        records.append(EntryPointRecord(point.name, point.value,
                                        (dist.metadata["Name"] or "") if dist is not None else "",
                                        (dist.version or "") if dist is not None else ""))
    return records


CACHE_ENTRIES = 8  # fingerprints kept: `python -m`, the script and a test run see different sys.paths


def entry_points(group: str) -> list[EntryPointRecord]:
    """The group's entry points: from the cache when nothing installed has changed."""
    cache = _cache_file()
    key = fingerprint() if cache is not None else ""
    entries: dict[str, dict[str, list[dict[str, str]]]] = {}
    if cache is not None:
        try:
            stored = json.loads(cache.read_text(encoding="utf-8"))
            if stored.get("version") == CACHE_VERSION and isinstance(stored.get("entries"), dict):
                entries = stored["entries"]
            groups = entries.get(key, {})
            if group in groups:
                return [EntryPointRecord(**item) for item in groups[group]]
        except (OSError, ValueError, TypeError, KeyError, AttributeError):
            entries = {}  # no cache, or a broken one: scan
    records = _scan(group)
    if cache is not None:
        groups = entries.pop(key, {}) if isinstance(entries.get(key), dict) else {}
        groups[group] = [r.__dict__ for r in records]
        # The newest last; the oldest fingerprints dropped (one per sys.path seen, bounded).
        kept = dict(list(entries.items())[-(CACHE_ENTRIES - 1):])
        kept[key] = groups
        try:
            cache.parent.mkdir(parents=True, exist_ok=True)
            temporary = cache.with_name(f".{cache.name}.{os.getpid()}")
            temporary.write_text(json.dumps({"version": CACHE_VERSION, "entries": kept}, ensure_ascii=False),
                                 encoding="utf-8")
            os.replace(temporary, cache)  # never a half-written cache for another process
        except OSError:
            pass
    return records
