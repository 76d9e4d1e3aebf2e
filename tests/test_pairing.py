"""Years in a batch: each report is paired with its issuer's report of the year before,
never guessed."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reportlint.config import Config
from reportlint.pairing import identify as _REAL_IDENTIFY
from reportlint.pairing import pair_years
from reportlint.testing.generate import random_report
from reportlint.testing.writers import write_html, write_text

ISSUERS = ("余姚市交通运输局", "宁波市江北区人民政府", "浙江省生态环境厅")


def _write(folder: Path, name: str, issuer: str, year: int, seed: int, html: bool) -> str:
    data = replace(random_report(seed, "2021"), issuer=issuer, year=year, signature_date=f"{year + 1}年1月20日")
    path = folder / name
    if html:
        path.write_text(write_html(data), encoding="utf-8")
    else:
        path.write_text(write_text(data, "markdown"), encoding="utf-8")
    return str(path)


@settings(max_examples=5, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                HealthCheck.function_scoped_fixture])
@given(first=st.integers(2021, 2024), issuers=st.sampled_from([ISSUERS[:2], ISSUERS[1:], ISSUERS[::2]]),
       shuffle=st.randoms(use_true_random=False))
def test_a_batch_of_three_years_for_two_issuers_pairs_exactly_the_consecutive_years(
    tmp_path_factory, first: int, issuers: tuple[str, str], shuffle  # type: ignore[no-untyped-def]
) -> None:
    folder = tmp_path_factory.mktemp("batch")
    expected: dict[str, str] = {}
    files = []
    for i, issuer in enumerate(issuers):
        years = [first, first + 1, first + 2]
        paths = [_write(folder, f"{i}-{y}.{'html' if (i + y) % 2 else 'md'}", issuer, y, i * 10 + y, bool((i + y) % 2))
                 for y in years]
        files.extend(paths)
        expected[paths[1]] = paths[0]
        expected[paths[2]] = paths[1]
    shuffle.shuffle(files)
    pairing = pair_years(sorted(files), Config())
    assert pairing.previous == expected and pairing.conflicts == []


def test_two_candidates_for_last_year_are_reported_not_picked(tmp_path: Path) -> None:
    issuer = ISSUERS[0]
    this = _write(tmp_path, "2023.md", issuer, 2023, 1, False)
    one = _write(tmp_path, "2022a.md", issuer, 2022, 2, False)
    other = _write(tmp_path, "2022b.html", issuer, 2022, 3, True)
    pairing = pair_years([one, other, this], Config())
    assert this not in pairing.previous
    assert pairing.conflicts == [(this, sorted([one, other]))]


def test_previous_dir_supplies_last_year_and_the_y_rules_run(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from reportlint.cli import app

    issuer = ISSUERS[1]
    (tmp_path / "last").mkdir()
    (tmp_path / "this").mkdir()
    previous = random_report(5, "2021")
    data = replace(previous, year=previous.year + 1, signature_date=f"{previous.year + 2}年1月20日")
    # Last year's 结转下年度 is not this year's 上年结转: Y001 must see it through the pairing.
    carried = data.values["requests.carried.total"] or 0
    data = data.with_value("requests.carried.total", carried + 1)
    (tmp_path / "last" / "r.md").write_text(write_text(replace(previous, issuer=issuer), "markdown"), encoding="utf-8")
    (tmp_path / "this" / "r.md").write_text(write_text(replace(data, issuer=issuer), "markdown"), encoding="utf-8")
    result = CliRunner().invoke(app, ["check", str(tmp_path / "this" / "r.md"), "--previous-dir",
                                      str(tmp_path / "last"), "--explain-pairing", "--select", "Y",
                                      "--output-format", "concise"])
    assert "← " in result.stderr and "last/r.md" in result.stderr
    assert "Y001" in result.stdout


def _two_issuers_three_years(folder: Path) -> tuple[list[str], dict[str, str]]:
    files, expected = [], {}
    for i, issuer in enumerate(ISSUERS[:2]):
        paths = [_write(folder, f"{i}-{y}.{'html' if (i + y) % 2 else 'md'}", issuer, y, i * 10 + y, bool((i + y) % 2))
                 for y in (2022, 2023, 2024)]
        files.extend(paths)
        expected[paths[1]], expected[paths[2]] = paths[0], paths[1]
    return sorted(files), expected


def test_pairing_reads_the_files_in_worker_processes_with_the_same_answer(tmp_path: Path) -> None:
    """With -j 2 the files are identified in the check's worker processes, not one by one
    in the parent: the pairs are the same."""
    files, expected = _two_issuers_three_years(tmp_path)
    one = pair_years(files, Config())
    two = pair_years(files, replace(Config(), jobs=2))
    assert one.previous == two.previous == expected
    assert one.identities == two.identities


def _identify_or_die(path: str, config: Config):  # type: ignore[no-untyped-def]
    """pairing.identify, except that the worker dies on the file named by the environment."""
    import os

    if path == os.environ.get("REPORTLINT_TEST_VICTIM"):
        os._exit(9)  # the worker process dies
    return _REAL_IDENTIFY(path, config)


def test_a_file_that_kills_its_worker_is_only_left_unpaired(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A worker that dies reading a file (twice) costs that file its pairing, nothing else."""
    from reportlint import pairing

    files, expected = _two_issuers_three_years(tmp_path)
    victim = files[0]
    monkeypatch.setenv("REPORTLINT_TEST_VICTIM", victim)
    monkeypatch.setattr(pairing, "identify", _identify_or_die)
    result = pair_years(files, replace(Config(), jobs=2))
    assert victim not in result.identities
    assert result.previous == {k: v for k, v in expected.items() if victim not in (k, v)}
