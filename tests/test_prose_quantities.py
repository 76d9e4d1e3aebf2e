"""Counts stated in the prose: read in several wordings, checked against table 三, one
diagnostic for one wrong number."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reportlint.api import analyze_bytes
from reportlint.testing.generate import random_report
from reportlint.testing.writers import write_text
from reportlint.text.numbers import format_decimal
from reportlint.text.quantities import QUANTITIES

# Each sentence states quantities of one table; review results stand in a sentence about
# 复议 alone or 诉讼 alone, as reports write them.
SENTENCES: dict[str, dict[str, list[str]]] = {
    "requests": {
        "public": ["予以公开{n}件", "“同意公开”{n}件", "全部公开答复 {n} 件"],
        "partial": ["部分公开{n}件", "区分处理后公开{n}件"],
        "unable": ["无法提供{n}件", "无法提供的 {n} 件"],
        "refused": ["不予处理{n}件"],
        "denied": ["不予公开{n}件"],
        "handled": ["办结{n}件", "办理完毕 {n} 件"],
        "carry_forward": ["结转下年度继续办理{n}件", "结转下一年度{n}件"],
        "reconsideration": ["行政复议{n}件", "行政复议案件 {n} 起"],
        "litigation": ["行政诉讼{n}件", "行政诉讼 {n} 起"],
        "natural": ["新收申请中自然人{n}件", "收到自然人申请{n}件"],
        "organisations": ["新收申请中法人或其他组织{n}件", "收到法人和其他组织申请 {n} 件"],
    },
    "applicants": {
        "commercial": ["收到商业企业申请{n}件", "新收申请中商业企业 {n} 件"],
        "research": ["科研机构{n}件"],
        "charity": ["社会公益组织{n}件"],
        "legal": ["法律服务机构 {n} 件"],
    },
    "reconsideration": {
        "reconsideration_upheld": ["因政府信息公开被申请行政复议的案件中维持{n}件", "复议结果维持 {n} 件"],
        "reconsideration_corrected": ["结果纠正{n}件", "被纠正 {n} 件"],
        "reconsideration_pending": ["尚未审结{n}件", "未审结的 {n} 件"],
    },
    "litigation": {
        "litigation_upheld": ["行政诉讼案件中维持{n}件", "胜诉 {n} 件"],
        "litigation_corrected": ["结果纠正{n}件", "败诉 {n} 起"],
        "litigation_pending": ["尚未审结{n}件"],
    },
    "table2": {
        "rules_issued": ["制发规章{n}件", "出台规章 {n} 件"],
        "normative_issued": ["制发行政规范性文件{n}件", "印发规范性文件 {n} 件"],
        "normative_repealed": ["废止规范性文件{n}件", "废止了行政规范性文件 {n} 件"],
        "normative_in_force": ["现行有效的规范性文件{n}件", "现行有效行政规范性文件共 {n} 件"],
        "licensing": ["作出行政许可决定{n}件", "办理行政许可事项 {n} 件"],
        "penalty": ["作出行政处罚决定{n}件", "实施行政处罚 {n} 起"],
        "coercion": ["行政强制决定{n}件"],
        "fees": ["行政事业性收费{n}万元", "本年收费金额为 {n} 万元"],
    },
}
# A sentence needs its context word: applicant classes beside 收到, results beside 复议/诉讼.
LEADS = {"requests": "本年度", "applicants": "本年收到的申请中，", "reconsideration": "行政复议方面，",
         "litigation": "行政诉讼方面，", "table2": "本年"}
WORDINGS = {name: forms for sentence in SENTENCES.values() for name, forms in sentence.items()}


def _sum(data, name: str) -> Decimal | None:  # type: ignore[no-untyped-def]
    """What the tables say for a quantity, or None when this format has no such cell."""
    for keys in QUANTITIES[name].keys:
        if all(k in data.values for k in keys):
            return sum((data.values.get(k) or Decimal(0) for k in keys), Decimal(0))
    return None


def _prose(data, picks: dict[str, int], wrong: str | None) -> str:  # type: ignore[no-untyped-def]
    sentences = []
    for group, quantities in SENTENCES.items():
        parts = []
        for name, wordings in quantities.items():
            value = _sum(data, name)
            if value is None:
                value = Decimal(3)  # a quantity this format has no cell for: read, never compared
            value += 7 if name == wrong else 0
            parts.append(wordings[picks[name] % len(wordings)].format(n=format_decimal(value)))
        sentences.append(LEADS[group] + "，".join(parts) + "。")
    return "".join(sentences)


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 2**32), version=st.sampled_from(["2019", "2021"]),
       picks=st.fixed_dictionaries({name: st.integers(0, 5) for name in WORDINGS}),
       wrong=st.none() | st.sampled_from(sorted(WORDINGS)))
def test_prose_counts_agree_or_one_wrong_number_is_named(seed: int, version: str, picks: dict[str, int],
                                                         wrong: str | None) -> None:
    data = random_report(seed, version)
    text = write_text(data, "markdown").replace("扎实推进政府信息公开工作。",
                                                "扎实推进政府信息公开工作。" + _prose(data, picks, wrong), 1)
    diagnostics = analyze_bytes(text.encode("utf-8"), "r.md").diagnostics
    x = [d for d in diagnostics if d.code.startswith("X")]
    if wrong is None:
        assert x == []
        return
    right = _sum(data, wrong)
    if right is None:  # a 2021-only cell stated in a 2019 report: nothing to compare
        assert x == []
        return
    (finding,) = x
    assert finding.code == "X005" and finding.line == 6
    assert finding.actual == format_decimal(right + 7)
    assert finding.expected == format_decimal(right)


def test_every_wording_is_read_as_its_quantity_in_its_sentence() -> None:
    from reportlint.text.quantities import prose_quantities

    for group, quantities in SENTENCES.items():
        for name, wordings in quantities.items():
            for wording in wordings:
                text = LEADS[group] + wording.format(n=12) + "。"
                found = [(q.quantity, q.value) for q in prose_quantities(text)]
                assert (name, Decimal(12)) in found, (text, found)


def test_ambiguous_and_unrelated_phrasings_are_not_read() -> None:
    from reportlint.text.quantities import prose_quantities

    for text in ("行政复议和行政诉讼案件中维持 3 件。",  # 复议 or 诉讼: not said
                 "维持 3 件。",  # results of what?
                 "自然人 5 件。",  # applicants of what?
                 "予以公开 5 件，较上年增加 2 件。",  # compares years
                 "减免收费 300 万元。",  # not table 二's fees
                 "公开行政许可信息 40 条。",  # 条 counts information items
                 "行政处罚信息公开 12 件。"):  # disclosure of penalty information, not decisions
        assert prose_quantities(text) == [], text


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 2**32), version=st.sampled_from(["2019", "2021"]),
       wrong=st.sampled_from([None, "whole", "natural", "organisations"]), accepted=st.booleans())
def test_a_whole_and_its_applicant_classes_one_wrong_number_one_diagnostic(
        seed: int, version: str, wrong: str | None, accepted: bool) -> None:
    """「全年收到申请 N 件，其中自然人 a 件，法人或其他组织 b 件」 and 「共受理申请 新收+结转 件」:
    consistent → silent (受理 = 新收 + 上年结转 is never compared with 新收 alone); one number
    changed → exactly one diagnostic, at that number, naming its cell."""
    data = random_report(seed, version)
    new, natural, organisations = (_sum(data, name) for name in ("new", "natural", "organisations"))
    carried = _sum(data, "carried")
    assert None not in (new, natural, organisations, carried)
    numbers = {"whole": new, "natural": natural, "organisations": organisations}
    if wrong:
        # A changed whole that happens to equal another figure X001 accepts (新收 + 结转 or
        # （七）总计) is not wrong: move it past every accepted figure.
        accepted_totals = {new, new + carried, _sum(data, "handled")}  # type: ignore[operator]
        delta = 7
        while wrong == "whole" and numbers["whole"] + delta in accepted_totals:  # type: ignore[operator]
            delta += 1
        numbers[wrong] += delta  # type: ignore[operator]
    sentence = (f"全年收到政府信息公开申请 {numbers['whole']} 件，其中自然人 {numbers['natural']} 件，"
                f"法人或其他组织 {numbers['organisations']} 件。")
    if accepted:
        sentence += f"全年共受理政府信息公开申请 {new + carried} 件。"  # type: ignore[operator]
    text = write_text(data, "markdown").replace("扎实推进政府信息公开工作。", "扎实推进政府信息公开工作。" + sentence, 1)
    x = [d for d in analyze_bytes(text.encode("utf-8"), "r.md").diagnostics if d.code.startswith("X")]
    if wrong is None:
        assert x == []
        return
    (finding,) = x
    assert finding.actual == str(numbers[wrong])
    assert finding.code == ("X001" if wrong == "whole" else "X005")
    line = text.splitlines()[finding.line - 1]
    said = str(numbers[wrong])
    assert line[finding.column - 1:finding.column - 1 + len(said)] == said  # the span is that number
