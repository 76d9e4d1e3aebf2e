"""The same check on a Dask cluster: a LocalCluster of two worker processes gives output
byte-identical to one process, over a generated corpus that includes files that fail."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from typer.testing import CliRunner

from reportlint.cli import app
from reportlint.testing.generate import random_report
from reportlint.testing.writers import write_docx, write_html, write_text

distributed = pytest.importorskip("distributed", reason="the dask extra is not installed (pip install 'reportlint[dask]')")

runner = CliRunner()


def _corpus(folder: Path, count: int) -> None:
    for seed in range(count):
        data = random_report(seed)
        if seed % 7 == 3:
            data = data.with_value("requests.public.natural", (data.values["requests.public.natural"] or 0) + 3)
        kind = seed % 4
        if kind == 0:
            (folder / f"r{seed:03}.txt").write_text(write_text(data), encoding="utf-8")
        elif kind == 1:
            (folder / f"r{seed:03}.md").write_text(write_text(replace(data, issuer="沭阳县人民政府"), "markdown"),
                                                  encoding="utf-8")
        elif kind == 2:
            (folder / f"r{seed:03}.html").write_bytes(write_html(data, "gbk").encode("gbk"))
        else:
            (folder / f"r{seed:03}.docx").write_bytes(write_docx(data))
    (folder / "broken.docx").write_bytes(b"PK\x03\x04 not really a zip")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 8)
    (folder / "empty.md").write_bytes(b"")
    (folder / "scan.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(32))


@pytest.mark.slow
def test_a_local_cluster_gives_byte_identical_output_to_one_process(tmp_path: Path) -> None:
    _corpus(tmp_path, 240)
    args = ["check", "-f", "json", "--include", "*.txt", "--include", "*.md", "--include", "*.html",
            "--include", "*.docx", "--include", "*.png", str(tmp_path)]
    single = runner.invoke(app, [*args, "-j", "1"])
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None)
    try:
        on_dask = runner.invoke(app, [*args, "--executor", "dask", "--scheduler", cluster.scheduler_address])
    finally:
        cluster.close()
    assert single.exit_code == on_dask.exit_code == 1, on_dask.output[-2000:]
    assert on_dask.stdout == single.stdout
    assert '"E001"' in single.stdout and '"N002"' in single.stdout  # failures and findings both in the run


def test_lint_bag_takes_paths_and_bytes(tmp_path: Path) -> None:
    import dask

    import reportlint.dask

    path = tmp_path / "a.md"
    path.write_text(write_text(random_report(1), "markdown"), encoding="utf-8")
    data = write_text(random_report(2)).encode()
    with dask.config.set(scheduler="sync"):
        results = reportlint.dask.lint_bag([path, ("b.txt", data)]).compute()
    assert [r.path for r in results] == [str(path), "b.txt"]
    assert all(r.issuer for r in results)


def test_without_the_extra_the_cli_says_how_to_get_it(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    from .conftest import SEED

    monkeypatch.setitem(sys.modules, "distributed", None)
    result = runner.invoke(app, ["check", "--executor", "dask", str(SEED)])
    assert result.exit_code == 2 and "reportlint[dask]" in result.stderr


@pytest.mark.slow
def test_year_pairing_reads_the_files_on_the_cluster(tmp_path: Path) -> None:
    """`--executor dask` identifies the files for year pairing on the cluster, and the pairs
    (and so the cross-year findings) are those of one process."""
    from reportlint.config import Config
    from reportlint.dask import map_on_cluster
    from reportlint.pairing import pair_years

    previous = random_report(5, "2021")
    this = replace(previous, year=previous.year + 1, signature_date=f"{previous.year + 2}年1月20日")
    this = this.with_value("requests.carried.total", (this.values["requests.carried.total"] or 0) + 1)
    for name, data in (("last.md", previous), ("this.md", this)):
        (tmp_path / name).write_text(write_text(replace(data, issuer="宁波市江北区人民政府"), "markdown"),
                                     encoding="utf-8")
    files = sorted(str(p) for p in tmp_path.iterdir())
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None)
    try:
        address = cluster.scheduler_address
        on_cluster = pair_years(files, Config(), "", lambda f, paths, config, died: map_on_cluster(
            f, paths, config, address, lost=lambda name, cfg, error: died(name, cfg)))
        args = ["check", "--select", "Y", "-f", "concise", *files]
        single = runner.invoke(app, args)
        on_dask = runner.invoke(app, [*args, "--executor", "dask", "--scheduler", address])
    finally:
        cluster.close()
    assert on_cluster.previous == pair_years(files, Config()).previous == {files[1]: files[0]}
    assert "Y001" in single.stdout and on_dask.stdout == single.stdout
