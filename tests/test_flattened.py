"""Bodies without line breaks (crawler copies): headings found inline, digit runs split only
where the split is certain, one diagnostic for what cannot be split."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from reportlint.api import analyze_bytes, analyze_path
from reportlint.recognize.flattened import split_runs

REPORTS = Path(__file__).resolve().parents[1] / "fixtures" / "reports"
R2 = [([6], [0, 1, 2, 3, 4, 5])]  # 总计 = the six applicant columns


def test_split_only_when_unique() -> None:
    assert split_runs(["690000069"], 7, R2) == (["69", "0", "0", "0", "0", "0", "69"], "")
    assert split_runs(["20", "0", "0", "0", "02"], 7, R2) == (["2", "0", "0", "0", "0", "0", "2"], "")
    assert split_runs(["4500"], 3, []) == (None, "ambiguous")  # 45/0/0 or 4/50/0
    assert split_runs(["0", "00000"], 7, R2) == (None, "none")  # six digits for seven cells
    assert split_runs(["000"], 3, []) == (["0", "0", "0"], "")  # one digit per cell: forced


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(0, 300), min_size=6, max_size=6))
def test_a_balanced_row_run_together_splits_back_or_is_refused(parts: list[int]) -> None:
    row = [*parts, sum(parts)]
    split, why = split_runs(["".join(str(v) for v in row)], 7, R2)
    if split is not None:
        assert sum(int(v) for v in split[:6]) == int(split[6])
        if why == "":
            # Unique: it must be the row itself whenever the row is one of the candidates.
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
    for row in {key.split(".")[1] for key in original if key.startswith("requests.")} - {
            key.split(".")[1] for key in flat if key.startswith("requests.")}:
        label = next(f.row_label for f in analyze_path(REPORTS / "clean_2019.txt").report.facts if f.row == row)
        assert label.split(" ")[-1][:6] in t013.message
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
