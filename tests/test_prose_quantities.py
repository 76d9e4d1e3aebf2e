"""Counts stated in the prose: read in several wordings, checked against table 三, one
diagnostic for one wrong number."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reportlint.api import analyze_bytes
from reportlint.testing.generate import random_report
from reportlint.testing.writers import write_text
from reportlint.text.quantities import QUANTITIES

WORDINGS = {
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
}


def _sum(data, keys: tuple[str, ...]) -> int:  # type: ignore[no-untyped-def]
    return int(sum((data.values.get(k) or Decimal(0) for k in keys), Decimal(0)))


def _prose(data, picks: dict[str, int], wrong: str | None) -> str:  # type: ignore[no-untyped-def]
    parts = []
    for name, wordings in WORDINGS.items():
        value = _sum(data, QUANTITIES[name][1]) + (7 if name == wrong else 0)
        parts.append(wordings[picks[name] % len(wordings)].format(n=value))
    return "本年度" + "，".join(parts) + "。"


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
    (finding,) = x
    assert finding.code == "X005" and finding.line == 6
    assert finding.actual == str(_sum(data, QUANTITIES[wrong][1]) + 7)
    assert finding.expected == str(_sum(data, QUANTITIES[wrong][1]))
