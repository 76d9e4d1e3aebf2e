"""The plugin discovery cache: used while nothing installed changes, rebuilt when anything
does, and never a reason for a run to fail."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from reportlint import discovery


@pytest.fixture
def cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("REPORTLINT_NO_CACHE", raising=False)
    return tmp_path / "cache"


def test_the_cache_gives_what_importlib_metadata_gives(cache_home: Path) -> None:
    scanned = discovery._scan("reportlint")
    assert discovery.entry_points("reportlint") == scanned  # first run: scanned and stored
    assert list((cache_home / "reportlint").glob("entry-points-*.json"))
    assert discovery.entry_points("reportlint") == scanned  # second run: from the cache
    assert any(r.name == "national" and r.dist_name == "reportlint" for r in scanned)
    national = next(r for r in scanned if r.name == "national")
    assert national.load().__name__ == "reportlint_national.plugin"


def test_installing_anything_invalidates_it(cache_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site = tmp_path / "site"
    site.mkdir()
    monkeypatch.syspath_prepend(str(site))
    before = discovery.entry_points("reportlint")
    dist = site / "reportlint_fake-1.0.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: reportlint-fake\nVersion: 1.0\n", encoding="utf-8")
    (dist / "entry_points.txt").write_text("[reportlint]\nfake = reportlint_fake_plugin\n", encoding="utf-8")
    after = discovery.entry_points("reportlint")
    assert [r.name for r in after if r.name == "fake"] == ["fake"] and "fake" not in [r.name for r in before]
    for child in dist.iterdir():
        child.unlink()
    dist.rmdir()
    os.utime(site)
    assert "fake" not in [r.name for r in discovery.entry_points("reportlint")]


def test_a_broken_or_unwritable_cache_is_not_used(cache_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cache = discovery._cache_file()
    assert cache is not None
    cache.parent.mkdir(parents=True)
    cache.write_text("{not json", encoding="utf-8")
    assert discovery.entry_points("reportlint") == discovery._scan("reportlint")
    cache.unlink()
    cache.parent.chmod(0o500)  # not writable: the scan's answer is used, nothing fails
    try:
        assert discovery.entry_points("reportlint") == discovery._scan("reportlint")
    finally:
        cache.parent.chmod(0o700)
    monkeypatch.setenv("REPORTLINT_NO_CACHE", "1")
    assert discovery._cache_file() is None and discovery.entry_points("reportlint") == discovery._scan("reportlint")


def test_alternating_paths_both_stay_cached(cache_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`python -m reportlint` and the `reportlint` script see different sys.paths: each keeps
    its answer, so neither rescans after the other ran."""
    scans: list[str] = []
    real_scan = discovery._scan
    monkeypatch.setattr(discovery, "_scan", lambda group: scans.append(group) or real_scan(group))
    other = tmp_path / "other"
    other.mkdir()
    (other / "x.pth").write_text("", encoding="utf-8")
    first = discovery.entry_points("reportlint")
    monkeypatch.syspath_prepend(str(other))
    second = discovery.entry_points("reportlint")
    monkeypatch.undo()
    monkeypatch.setenv("XDG_CACHE_HOME", str(cache_home))
    monkeypatch.setattr(discovery, "_scan", lambda group: scans.append(group) or real_scan(group))
    assert discovery.entry_points("reportlint") == first == second
    assert len(scans) == 2  # one scan per path, none when a path comes back
    for _ in range(discovery.CACHE_ENTRIES + 1):  # the cache stays bounded
        extra = tmp_path / f"p{len(scans)}"
        extra.mkdir()
        (extra / "y.pth").write_text("", encoding="utf-8")
        monkeypatch.syspath_prepend(str(extra))
        discovery.entry_points("reportlint")
    import json

    stored = json.loads(discovery._cache_file().read_text(encoding="utf-8"))
    assert len(stored["entries"]) == discovery.CACHE_ENTRIES
