"""Reliability: one file's failure is that file's diagnostic, a per-file budget stops what
runs away, hostile charsets never escape the loader."""

from __future__ import annotations

import time

import pytest

from reportlint import api
from reportlint.api import analyze_bytes
from reportlint.config import Config

REPORT = "某某县人民政府2021年政府信息公开工作年度报告\n\n一、总体情况\n正文。\n".encode()


@pytest.mark.parametrize("charset", ["rot13", "base64", "hex", "quopri", "idna", "undefined", "zlib", "utf-7",
                                     "bz2", "punycode", "no-such-charset"])
def test_a_declared_charset_that_is_no_text_encoding_is_read_anyway(charset: str) -> None:
    page = f'<html><head><meta charset="{charset}"></head><body><h1>一、总体情况</h1></body></html>'
    analysis = analyze_bytes(page.encode(), "page.html")
    assert all(d.code != "E008" for d in analysis.diagnostics)
    assert analysis.report is not None


def test_an_internal_error_is_the_files_diagnostic(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object) -> None:
        raise KeyError("boom")

    monkeypatch.setattr(api, "_analyze", broken)
    (diagnostic,) = analyze_bytes(REPORT, "r.txt").diagnostics
    assert diagnostic.code == "E008" and "KeyError" in diagnostic.message


def test_the_time_budget_stops_a_file_that_runs_away(monkeypatch: pytest.MonkeyPatch) -> None:
    def slow(*args: object) -> None:
        while True:
            time.sleep(0.01)

    monkeypatch.setattr(api, "_analyze", slow)
    start = time.monotonic()
    (diagnostic,) = analyze_bytes(REPORT, "r.txt", Config(max_seconds_per_file=1)).diagnostics
    assert time.monotonic() - start < 5
    assert diagnostic.code == "E002" and "max-seconds-per-file" in diagnostic.message


def test_the_memory_budget_stops_a_file_that_grows_without_end(monkeypatch: pytest.MonkeyPatch) -> None:
    def hungry(*args: object) -> None:
        hoard = []
        while True:
            hoard.append(bytearray(16 * 1024 * 1024))

    monkeypatch.setattr(api, "_analyze", hungry)
    (diagnostic,) = analyze_bytes(REPORT, "r.txt", Config(max_memory_per_file=200 * 1024 * 1024)).diagnostics
    assert diagnostic.code == "E002" and "max-memory-per-file" in diagnostic.message
    # The limit is lifted again: the next file may use memory as usual.
    assert len(bytearray(300 * 1024 * 1024)) == 300 * 1024 * 1024


def test_a_budget_of_zero_disables_it(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = []
    monkeypatch.setattr(api, "_analyze", lambda *args: calls.append(args) or api.Analysis("r.txt", None, None, ()))
    assert analyze_bytes(REPORT, "r.txt", Config(max_seconds_per_file=0, max_memory_per_file=0)).diagnostics == ()
    assert calls


def _batch(tmp_path, count: int = 12):  # type: ignore[no-untyped-def]
    from reportlint.testing.generate import random_report
    from reportlint.testing.writers import write_text

    names = []
    for index in range(count):
        path = tmp_path / f"r{index:02d}.txt"
        path.write_text(write_text(random_report(index, "2021").with_value("requests.new.natural", None)),
                        encoding="utf-8")
        names.append(str(path))
    return names


def _kill_on(marker: str):  # type: ignore[no-untyped-def]
    real = api._analyze

    def analyze(data: bytes, name: str, *args: object):  # type: ignore[no-untyped-def]
        if marker in name:
            import os

            os._exit(9)  # the worker dies as if the system killed it
        return real(data, name, *args)

    return analyze


@pytest.mark.parametrize("jobs", [1, 2])
def test_one_bad_file_never_changes_the_other_files_results(tmp_path, monkeypatch, jobs: int) -> None:  # type: ignore[no-untyped-def]
    import os

    from reportlint.runner import lint_files

    names = _batch(tmp_path)
    clean = {r.path: r.diagnostics for r in lint_files(names, Config(jobs=1))}
    hostile = tmp_path / "r05-kill.txt"
    hostile.write_text("x", encoding="utf-8")
    charset = tmp_path / "r07-charset.html"
    charset.write_bytes(b'<meta charset="rot13"><p>\xff\xfe</p>')
    monkeypatch.setattr(os, "cpu_count", lambda: 4)
    if jobs > 1:
        monkeypatch.setattr(api, "_analyze", _kill_on("kill"))
    all_names = sorted([*names, str(hostile), str(charset)])
    results = list(lint_files(all_names, Config(jobs=jobs)))
    assert [r.path for r in results] == all_names
    by_path = {r.path: r.diagnostics for r in results}
    assert {p: by_path[p] for p in names} == clean
    if jobs > 1:
        assert [d.code for d in by_path[str(hostile)]] == ["E008"]
