"""Table layouts seen in the wild, each read to the right keys."""

from __future__ import annotations

from reportlint.api import analyze_bytes


def _facts(text: str, name: str = "r.txt") -> dict[str, object]:
    report = analyze_bytes(text.encode("utf-8"), name).report
    assert report is not None
    return {f.key: f.value for f in report.facts}


def test_numbers_centred_in_a_tall_label_cell() -> None:
    facts = _facts(
        "某局2022年政府信息公开工作年度报告\n三、收到和处理政府信息公开申请情况\n"
        "（一）予以公开 1 0 0 0 0 0 1\n"
        "（二）部分公开（区分处理的，只计这一情\n9 0 0 0 0 0 9\n形，不计其他情形）\n"
        "1.属于国家秘密 0 0 0 0 0 0 0\n"
    )
    assert facts["requests.partial.natural"] == 9 and facts["requests.partial.total"] == 9


def test_table_4_as_three_labelled_rows() -> None:
    facts = _facts(
        "# 某区人民政府2022年政府信息公开工作年度报告\n## 四、政府信息公开行政复议、行政诉讼情况\n"
        "| | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 |\n|---|---|---|---|---|---|\n"
        "| 行政复议 | 1 | 0 | 0 | 0 | 1 |\n| 行政诉讼（未经复议直接起诉） | 0 | 0 | 0 | 2 | 2 |\n"
        "| 行政诉讼（复议后起诉） | 0 | 1 | 0 | 0 | 1 |\n",
        "r.md",
    )
    assert [facts[f"review.{g}.total"] for g in ("reconsideration", "direct", "after")] == [1, 2, 1]
    assert facts["review.direct.pending"] == 2


def test_table_4_as_three_pieces_of_five_under_their_headings() -> None:
    facts = _facts(
        "# 某区人民政府2022年政府信息公开工作年度报告\n## 四、政府信息公开行政复议、行政诉讼情况\n"
        "### 行政复议\n| 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 |\n|---|---|---|---|---|\n| 2 | 0 | 0 | 1 | 3 |\n"
        "### 行政诉讼（未经复议直接起诉）\n| 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 |\n|---|---|---|---|---|\n| 0 | 0 | 0 | 0 | 0 |\n"
        "### 行政诉讼（复议后起诉）\n| 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 |\n|---|---|---|---|---|\n| 1 | 0 | 0 | 0 | 1 |\n",
        "r.md",
    )
    assert [facts[f"review.{g}.total"] for g in ("reconsideration", "direct", "after")] == [3, 0, 1]


def test_label_and_unit_columns_before_the_value() -> None:
    facts = _facts(
        "大岚镇人民政府2020年政府信息公开工作年度报告\n二、主动公开政府信息情况\n"
        "\t第二十条第（五）项\n\n\t行政许可\n\t项\n\t9\n\t0\n\t0\n"
    )
    assert facts["t20_5.licensing.previous"] == 9
