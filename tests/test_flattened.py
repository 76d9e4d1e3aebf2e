"""Bodies without line breaks (crawler copies): headings found inline, digit runs split only
where the split is certain, one diagnostic for what cannot be split."""

from __future__ import annotations

import os
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from reportlint.api import analyze_bytes, analyze_path
from reportlint.recognize.flattened import split_runs

REPORTS = Path(__file__).resolve().parents[1] / "fixtures" / "reports"
R2 = [([6], [0, 1, 2, 3, 4, 5])]  # 总计 = the six applicant columns


def test_split_only_when_unique() -> None:
    assert split_runs(["690000069"], 7, R2) == (["69", "0", "0", "0", "0", "0", "69"], "arithmetic")
    assert split_runs(["20", "0", "0", "0", "02"], 7, R2) == (["2", "0", "0", "0", "0", "0", "2"], "")
    assert split_runs(["4500"], 3, []) == (None, "ambiguous")  # 45/0/0 or 4/50/0
    assert split_runs(["0", "00000"], 7, R2) == (None, "none")  # six digits for seven cells
    assert split_runs(["000"], 3, []) == (["0", "0", "0"], "")  # one digit per cell: forced


@settings(max_examples=60, deadline=None)  # each search may take up to SPLIT_BUDGET steps
@given(st.lists(st.integers(0, 300), min_size=6, max_size=6))
def test_a_balanced_row_run_together_splits_back_or_is_refused(parts: list[int]) -> None:
    row = [*parts, sum(parts)]
    split, why = split_runs(["".join(str(v) for v in row)], 7, R2)
    if split is not None:
        assert sum(int(v) for v in split[:6]) == int(split[6])
        # Forced or unique by arithmetic: the row itself is always one of the candidates.
        assert split == [str(v) for v in row]
    else:
        assert why in ("ambiguous", "budget")


def _facts(path: Path) -> dict[str, str]:
    report = analyze_path(path).report
    assert report is not None
    return {f.key: f.raw.strip() for f in report.facts if f.table in ("requests", "review")}


def test_flattened_copy_reads_the_same_tables_as_the_original() -> None:
    flat = _facts(REPORTS / "flattened_2019.txt")
    original = _facts(REPORTS / "clean_2019.txt")
    # Every cell recovered is the original's; rows whose runs split several ways are left out
    # and named, once, by T013 (nothing is guessed).
    assert flat and all(original[key] == value for key, value in flat.items())
    analysis = analyze_path(REPORTS / "flattened_2019.txt")
    assert analysis.report is not None and analysis.report.metadata.signature_body
    assert all(f.recovered for f in analysis.report.facts if f.table == "requests" and f.row == "new")
    (t013,) = [d for d in analysis.diagnostics if d.code == "T013"]
    report = analysis.report
    missing = {key.split(".")[1] for key in original if key.startswith("requests.")} - {
        key.split(".")[1] for key in flat if key.startswith("requests.")}
    # The rows left out are counted once (the first three named), never reported row by row.
    shown = len(missing) if len(missing) <= 3 else f"等 {len(missing)} 行"
    assert missing and (str(shown) in t013.message if len(missing) > 3 else True)
    labels = {f.row: f.row_label for f in analyze_path(REPORTS / "clean_2019.txt").report.facts}
    assert sum(labels[row].split(" ")[-1][:6] in t013.message for row in missing) == min(3, len(missing))
    assert [d.code for d in analysis.diagnostics] == ["T013"] and report is not None


def test_one_changed_cell_in_a_forced_row_is_found_in_its_row() -> None:
    text = (REPORTS / "flattened_2019.txt").read_text(encoding="utf-8")
    # "1.属于国家秘密0000000": seven digits for seven cells, split by count alone.
    assert "1.属于国家秘密0000000" in text
    changed = text.replace("1.属于国家秘密0000000", "1.属于国家秘密0300000", 1)
    diagnostics = analyze_bytes(changed.encode("utf-8"), "flat.txt").diagnostics
    (finding,) = [d for d in diagnostics if d.code.startswith("N")]
    # Some rows of this table could not be split, so the column relation is not checked and
    # only the row's total tells: the row is named, its total expected to be 3.
    assert finding.code == "N002" and finding.location.fact_key == "requests.deny_secret.total"
    assert finding.expected == "3" and finding.actual == "0"


# ---- generated crawler copies -------------------------------------------------------------

from hypothesis import HealthCheck  # noqa: E402

from reportlint.testing.generate import random_report  # noqa: E402
from reportlint.testing.writers import write_crawled  # noqa: E402

# CRAWLED_EXAMPLES=400 runs a longer campaign locally.
CRAWLED = settings(max_examples=int(os.environ.get("CRAWLED_EXAMPLES", "30")), deadline=None,
                   suppress_health_check=[HealthCheck.too_slow])


@CRAWLED
@given(seed=st.integers(min_value=0, max_value=2**32), version=st.sampled_from(["2019", "2021"]),
       joiner=st.sampled_from(["", " "]))
def test_a_crawled_copy_never_reads_a_wrong_number(seed: int, version: str, joiner: str) -> None:
    """Whatever is recovered from a body on one line is the original's value; with the cells'
    spaces kept everything is recovered and nothing is said; without them, what cannot be
    split is named once by T013 and nothing else is reported."""
    data = random_report(seed, version)
    analysis = analyze_bytes(write_crawled(data, joiner).encode("utf-8"), "crawled.txt")
    assert analysis.report is not None
    facts = {f.key: f.value for f in analysis.report.facts}
    assert all(data.values[key] == value for key, value in facts.items())
    codes = [d.code for d in analysis.diagnostics]
    if joiner:
        assert facts == data.values and codes == []
    else:
        assert set(codes) <= {"T013"} and codes.count("T013") <= 1
        assert (codes == ["T013"]) == (facts != data.values)


@CRAWLED
@given(seed=st.integers(min_value=0, max_value=2**32), version=st.sampled_from(["2019", "2021"]),
       joiner=st.sampled_from(["", " "]), pick=st.integers(min_value=0),
       delta=st.integers(min_value=1, max_value=40))
def test_one_changed_cell_of_a_crawled_copy_is_blamed_or_left_unread(
    seed: int, version: str, joiner: str, pick: int, delta: int
) -> None:
    """A changed cell of table 三 in a crawled copy: with spaces kept it is blamed exactly;
    without them its row either splits (the cell is then blamed in its row or column) or
    cannot be split (T013), but no other cell is ever blamed and no value is misread."""
    data = random_report(seed, version)
    keys = sorted(k for k in data.values if k.startswith("requests."))
    key = keys[pick % len(keys)]
    old = data.values[key]
    assert old is not None
    changed = data.with_value(key, old + delta)
    analysis = analyze_bytes(write_crawled(changed, joiner).encode("utf-8"), "crawled.txt")
    assert analysis.report is not None
    assert all(changed.values[f.key] == f.value for f in analysis.report.facts)
    numeric = [d for d in analysis.diagnostics if d.code.startswith("N")]
    _, row, column = key.split(".")
    if joiner:
        assert [(d.location.fact_key, d.expected) for d in numeric] == [(key, str(old))]
        return
    for finding in numeric:
        _, blamed_row, blamed_column = (finding.location.fact_key or "..").split(".")
        assert blamed_row == row or blamed_column == column, (key, finding.location.fact_key)
    if not numeric:
        assert [d.code for d in analysis.diagnostics] == ["T013"]
