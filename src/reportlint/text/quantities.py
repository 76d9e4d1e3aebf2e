"""Counts of table quantities stated in the prose: 「予以公开 3 件」, 「无法提供的 10 件」,
「行政复议 2 件，其中维持 1 件」, 「制发行政规范性文件 3 件」, 「行政事业性收费 7545 万元」.

Each match names the template cells it states (a sum, for a group such as 无法提供, or for
行政诉讼's two rows), the number, where it stands, and how sure the reading is (the
statutory wording itself, or a word such as 维持 or 自然人 that its sentence ties to one
table). Only unambiguous phrasings are read: a sentence that compares with another year
(较上年, 同比, 增/减), speaks of shares (%) or counts something else (次, 人次, 条) is
skipped, a result word in a sentence about both 复议 and 诉讼 is skipped, and so is a number
that could be several quantities. 受理 is not read here: it means 新收 in some reports and
新收 + 上年结转 in others (X001 allows both).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from decimal import Decimal
from functools import lru_cache
from typing import Any

from reportlint.records import record
from reportlint.text.normalize import fold


@record(slots=False)
class QuantitySpec:
    """A table quantity the prose may state: how it is worded and which cells it names."""

    label: str  # what it is called in messages
    keys: tuple[tuple[str, ...], ...]  # the cells it sums; alternatives by format (2021 first, then 2019)
    words: str  # a regular expression for the wording before the number
    amount: bool = False  # 万元 (table 二's fees), not a count of 件/起/宗
    context: str = ""  # the sentence must also say this …
    exclude: str = ""  # … and must not say this (it would make the quantity ambiguous)

    @property
    def sure(self) -> str:
        """How sure a match is: the statutory wording itself, or a reading helped by the sentence."""
        return "依句意" if self.context else "确定"


def _rows(*rows: str) -> tuple[str, ...]:
    return tuple(f"requests.{r}.total" for r in rows)


_DENIED = _rows("deny_secret", "deny_law", "deny_safety", "deny_third_party", "deny_internal", "deny_process",
                "deny_enforcement", "deny_query")
_UNABLE = _rows("unable_none", "unable_create", "unable_unclear")
_REFUSED = _rows("refuse_petition", "refuse_repeat", "refuse_publication", "refuse_massive", "refuse_confirm")
_ORGANISATIONS = tuple(f"requests.new.{c}" for c in ("commercial", "research", "charity", "legal", "other"))
_RECEIVED = r"新收|收到|新接收"
_NORMATIVE = r"(?:行政)?规范性文件"

QUANTITIES: dict[str, QuantitySpec] = {
    # 表三
    "new": QuantitySpec("本年新收", (("requests.new.total",),), r"新收|新接收"),
    "carried": QuantitySpec("上年结转", (("requests.carried.total",),), r"上年结转"),
    "handled": QuantitySpec("办结（（七）总计）", (("requests.total.total",),), r"办结|办理完毕"),
    "public": QuantitySpec("予以公开", (("requests.public.total",),), r"予以公开|同意公开|全部公开"),
    "partial": QuantitySpec("部分公开", (("requests.partial.total",),), r"部分公开|区分处理后公开"),
    "denied": QuantitySpec("不予公开", (_DENIED,), r"不予公开"),
    "unable": QuantitySpec("无法提供", (_UNABLE,), r"无法提供"),
    "refused": QuantitySpec("不予处理", (_REFUSED,), r"不予处理"),
    "carry_forward": QuantitySpec("结转下年度", (("requests.carry_forward.total",),),
                                  r"结转下年度|结转下一年度|结转至下一年度"),
    # Applicant classes split the new requests: only beside 新收/收到 in the same sentence.
    "natural": QuantitySpec("本年新收 · 自然人", (("requests.new.natural",),), r"自然人", context=_RECEIVED),
    "organisations": QuantitySpec("本年新收 · 法人或其他组织", (_ORGANISATIONS,), r"法人或其他组织|法人和其他组织",
                                  context=_RECEIVED),
    "commercial": QuantitySpec("本年新收 · 商业企业", (("requests.new.commercial",),), r"商业企业", context=_RECEIVED),
    "research": QuantitySpec("本年新收 · 科研机构", (("requests.new.research",),), r"科研机构", context=_RECEIVED),
    "charity": QuantitySpec("本年新收 · 社会公益组织", (("requests.new.charity",),), r"社会公益组织", context=_RECEIVED),
    "legal": QuantitySpec("本年新收 · 法律服务机构", (("requests.new.legal",),), r"法律服务机构", context=_RECEIVED),
    # 表四
    "reconsideration": QuantitySpec("行政复议", (("review.reconsideration.total",),), r"行政复议"),
    "litigation": QuantitySpec("行政诉讼", (("review.direct.total", "review.after.total"),), r"行政诉讼"),
    # Results belong to 复议 or 诉讼 as the sentence says; a sentence that speaks of both is not read.
    "reconsideration_upheld": QuantitySpec("行政复议 · 结果维持", (("review.reconsideration.upheld",),),
                                           r"(?:结果)?维持", context="复议", exclude="诉讼"),
    "reconsideration_corrected": QuantitySpec("行政复议 · 结果纠正", (("review.reconsideration.corrected",),),
                                              r"(?:结果|被)?纠正", context="复议", exclude="诉讼"),
    "reconsideration_pending": QuantitySpec("行政复议 · 尚未审结", (("review.reconsideration.pending",),),
                                            r"尚未审结|未审结", context="复议", exclude="诉讼"),
    "litigation_upheld": QuantitySpec("行政诉讼 · 结果维持", (("review.direct.upheld", "review.after.upheld"),),
                                      r"(?:结果)?维持|胜诉", context="诉讼", exclude="复议"),
    "litigation_corrected": QuantitySpec("行政诉讼 · 结果纠正", (("review.direct.corrected", "review.after.corrected"),),
                                         r"(?:结果|被)?纠正|败诉", context="诉讼", exclude="复议"),
    "litigation_pending": QuantitySpec("行政诉讼 · 尚未审结", (("review.direct.pending", "review.after.pending"),),
                                       r"尚未审结|未审结", context="诉讼", exclude="复议"),
    # 表二: 规章 and 规范性文件 (2021: 制发/废止/现行有效; 2019: 新制作), decisions, fees in 万元.
    "rules_issued": QuantitySpec("规章 · 本年制发件数", (("t20_1.rules.issued",), ("t20_1.rules.new_made",)),
                                 r"(?:制发|出台|印发|制定|新制作)了?规章"),
    "rules_repealed": QuantitySpec("规章 · 本年废止件数", (("t20_1.rules.repealed",),), r"废止了?规章"),
    "rules_in_force": QuantitySpec("规章 · 现行有效件数", (("t20_1.rules.in_force",),), r"现行有效的?规章"),
    "normative_issued": QuantitySpec("行政规范性文件 · 本年制发件数",
                                     (("t20_1.normative.issued",), ("t20_1.normative.new_made",)),
                                     rf"(?:制发|出台|印发|制定|新制作)了?{_NORMATIVE}"),
    "normative_repealed": QuantitySpec("行政规范性文件 · 本年废止件数", (("t20_1.normative.repealed",),),
                                       rf"废止了?{_NORMATIVE}"),
    "normative_in_force": QuantitySpec("行政规范性文件 · 现行有效件数", (("t20_1.normative.in_force",),),
                                       rf"现行有效的?{_NORMATIVE}"),
    "licensing": QuantitySpec("行政许可 · 本年处理决定数量", (("t20_5.licensing.decisions",),),
                              r"(?:作出|办理|办结)行政许可(?:事项|案件)?|行政许可(?:处理)?决定"),
    "penalty": QuantitySpec("行政处罚 · 本年处理决定数量", (("t20_6.penalty.decisions",),),
                            r"(?:作出|办理|办结|实施)行政处罚(?:案件)?|行政处罚(?:处理)?决定"),
    "coercion": QuantitySpec("行政强制 · 本年处理决定数量", (("t20_6.coercion.decisions",),),
                             r"(?:作出|办理|办结|实施)行政强制(?:措施|案件)?|行政强制(?:处理)?决定"),
    "fees": QuantitySpec("行政事业性收费 · 本年收费金额（万元）", (("t20_8.fees.fee_amount",),),
                         r"行政事业性收费(?:金额)?|本年收费金额", amount=True),
}

# Sentences about another year, shares or people are not read.
_SKIP_RE = re.compile(r"较|同比|增加|减少|增长|下降|上年度|去年|%|％|人次")
# The words, then at most a few linking characters (”, 的, 的有, 答复, 申请), the number, 件.
# Patterns run on folded text, where every double quote is “: the class is [“」] (a class
# also holding " and ” spans more code blocks and cost 0.2 ms to compile, in each pattern).
_LINK = r"[“」]?(?:的|的有|答复|申请|依申请|共|为|有|继续办理|案件|共计|合计|总额|达)?[“」]?\s*"


@record(slots=False)
class ProseQuantity:
    """A count (or amount) stated in the prose: which quantity, its number, where."""

    quantity: str
    label: str
    keys: tuple[str, ...]  # the cells of the first alternative (see ``cells_for``)
    value: Decimal
    start: int  # offset of the number in the text
    end: int
    phrase: str
    sure: str = "确定"  # 确定: the statutory wording; 依句意: read with the help of its sentence

    def cells_for(self, fact_keys: Collection[str]) -> tuple[str, ...] | None:
        """The cells this quantity names in a report with these facts: the first alternative
        (by format) the report has all cells of, or None."""
        for keys in QUANTITIES[self.quantity].keys:
            if all(key in fact_keys for key in keys):
                return keys
        return None


def _pattern(spec: QuantitySpec) -> re.Pattern[str]:
    number = r"(\d{1,9}(?:\.\d{1,4})?)\s*万元" if spec.amount else r"(\d{1,7})\s*(?:件|起|宗)"
    return re.compile(f"(?:{spec.words}){_LINK}{number}")


_PATTERNS = {name: _pattern(spec) for name, spec in QUANTITIES.items()}
_CONTEXTS = {name: (re.compile(spec.context) if spec.context else None, re.compile(spec.exclude) if spec.exclude else None)
             for name, spec in QUANTITIES.items()}


def prose_quantities(text: str) -> list[ProseQuantity]:
    """Every unambiguous count of a table quantity in ``text`` (one paragraph)."""
    return list(_prose_quantities(text))


@lru_cache(maxsize=2048)
def _prose_quantities(text: str) -> tuple[ProseQuantity, ...]:
    # X005, X006, X008 and `show` read the same paragraphs: each is read once.
    folded = fold(text)
    out: list[ProseQuantity] = []
    for sentence in re.finditer(r"[^。！？；;\n]+", folded):
        said = sentence.group(0)
        if _SKIP_RE.search(said):
            continue
        found: dict[int, ProseQuantity | None] = {}
        for name, pattern in _PATTERNS.items():
            spec = QUANTITIES[name]
            needed, excluded = _CONTEXTS[name]
            if (needed and not needed.search(said)) or (excluded and excluded.search(said)):
                continue
            for match in pattern.finditer(folded, sentence.start(), sentence.end()):
                quantity = ProseQuantity(name, spec.label, spec.keys[0], Decimal(match.group(1)), match.start(1),
                                         match.end(1), match.group(0), spec.sure)
                # One number, two quantities: ambiguous, skipped.
                found[match.start(1)] = None if match.start(1) in found else quantity
        out.extend(q for q in found.values() if q is not None)
    return tuple(sorted(out, key=lambda q: q.start))


# "共受理政府信息公开申请 749 件", "全年收到政府信息公开申请34件", "新收申请 15 件",
# "全县受理政府信息公开申请 12 件", "全区共收办依申请公开申请 8 件", "2024 年，区政府办代表区
# 政府受理政府信息公开申请 17 件". A scope (共, 全年, 全县, 我局 …, or the year leading the
# clause) must precede the verb: "其中通过网络受理申请 5 件" is a breakdown, not the total.
_REQUESTS_RE = re.compile(
    r"(?:共计|共|全年|累计|本年度?|全[县区市镇乡局委](?:共|全年)?"
    r"|(?<!其中)(?:本机关|本单位|我[局委办区县市镇乡]|本[局委办]|[市区县]政府)(?:共|全年)?"
    r"|\d{4}\s*年度?\s*[，,]\s*(?:(?!其中)[^，,。；;\d]){0,12}?)"
    r"(?:受理|收到|接收|新收|办理|收办)(?:了)?(?:各类)?(?:政府信息公开|信息公开|依申请公开)?申请\s*(?:共计|共)?\s*(\d+)\s*件"
)


@record(slots=False)
class RequestTotal:
    """「共受理（收到）申请 N 件」: the year's requests in total. 受理 means 新收 in some reports
    and 新收 + 上年结转 in others, so it is compared with 新收, 新收 + 结转 and （七）总计 (X001)."""

    value: Decimal
    start: int  # offset of the number
    end: int
    phrase: str


def accepted_request_totals(fact_map: Mapping[str, Any]) -> list[tuple[str, Decimal]]:
    """The table 三 figures a stated request total may equal, named: 新收, 新收加结转 and
    （七）总计 (受理 means either of the first two). Empty when 新收 was not read."""
    def value(row: str) -> Decimal | None:
        fact = fact_map.get(f"requests.{row}.total")
        return fact.value if fact is not None else None

    new, carried, total = value("new"), value("carried"), value("total")
    if new is None:
        return []
    named = [("新收", new), ("新收加结转", new + (carried or 0)), ("（七）总计", total)]
    return [(name, figure) for name, figure in named if figure is not None]


def request_totals(text: str) -> list[RequestTotal]:
    """Every statement of the year's request total in ``text`` (one paragraph)."""
    folded = fold(text)
    out = []
    for sentence in re.finditer(r"[^。！？；;\n]+", folded):
        for match in _REQUESTS_RE.finditer(folded, sentence.start(), sentence.end()):
            out.append(RequestTotal(Decimal(match.group(1)), match.start(1), match.end(1), match.group(0)))
    return out


# "共公开信息 151 条，其中组织机构 22 条，本单位文件 24 条…": a whole and its parts.
_COUNT_RE = re.compile(r"(\d{1,7})\s*(件|条|篇|个|项)")


@record(slots=False)
class PartsOfWhole:
    """A count followed by 其中 (or 分别为) and counts of its parts, in one sentence."""

    whole: int
    unit: str
    parts: tuple[int, ...]
    start: int  # offset of the whole's number
    end: int
    phrase: str  # the whole count as written
    # Why the parts must add up to the whole exactly ("" when they need only not exceed it):
    # 分别为 lists every part; 自然人 with 法人或其他组织 is every class of applicant.
    closed: str = ""
    part_starts: tuple[int, ...] = ()  # offsets of the parts' numbers


_MARKER_RE = re.compile(r"其中|分别为|分别是")
_APPLICANTS_RE = (re.compile(r"自然人"), re.compile(r"法人(?:或|和|及)其他组织"))


def parts_of_wholes(text: str) -> list[PartsOfWhole]:
    """Each 「N unit … 其中 a unit, b unit …」 in ``text``: the whole is the last count before
    the marker (其中, 分别为), the parts are the counts of the same unit after it, up to a second
    其中 (which splits a part, not the whole). Sentences that give shares (%) are skipped."""
    folded = fold(text)
    out: list[PartsOfWhole] = []
    for sentence in re.finditer(r"[^。！？；;\n]+", folded):
        body = sentence.group(0)
        marker = _MARKER_RE.search(body)
        if "%" in body or "％" in body or marker is None:
            continue
        cut = marker.start()
        before = list(_COUNT_RE.finditer(body, 0, cut))
        if not before:
            continue
        whole = before[-1]
        following = body.find("其中", marker.end())
        stop = following if following > 0 else len(body)
        matches = [m for m in _COUNT_RE.finditer(body, cut, stop) if m.group(2) == whole.group(2)]
        parts = [int(m.group(1)) for m in matches]
        if len(parts) < 1:
            continue
        segment = body[cut:stop]
        closed = ""
        if marker.group(0) != "其中" and len(parts) > 1:
            closed = f"“{marker.group(0)}”列出的各项"
        elif whole.group(2) == "件" and len(parts) == 2 and all(p.search(segment) for p in _APPLICANTS_RE):
            closed = "自然人与法人或其他组织两类"
        base = sentence.start()
        out.append(PartsOfWhole(int(whole.group(1)), whole.group(2), tuple(parts), base + whole.start(1),
                                base + whole.end(1), whole.group(0), closed,
                                tuple(base + m.start(1) for m in matches)))
    return out


# "有45项，占比78.9%", "已办理2520件，办理率97.8%": a count and the share printed after it.
_SHARE_RE = re.compile(r"(\d{1,7})\s*(件|条|篇|个|项)[^\d%％。；;]{0,8}?(?:占比|占|比例为|比例|率)(?:达|为|达到)?\s*"
                       r"(\d{1,3}(?:\.(\d{1,2}))?)\s*[%％]")


@record(slots=False)
class StatedShare:
    """A count and the percentage printed after it, with the counts it could be a share of."""

    part: int
    unit: str
    percent: Decimal
    decimals: int
    bases: tuple[int, ...]  # the other counts of the same unit in the paragraph, not smaller than the part
    start: int  # offset of the percentage
    end: int
    phrase: str
    parts: tuple[int, ...] = ()  # the part, and sums of the counts just before it (162 + 186 = 348 → 100%)


def stated_shares(text: str) -> list[StatedShare]:
    """Each 「N unit，占 x%」 in ``text`` with the candidate bases around it (same paragraph)."""
    folded = fold(text)
    counts = [(int(m.group(1)), m.group(2), m.start()) for m in _COUNT_RE.finditer(folded)]
    out: list[StatedShare] = []
    for match in _SHARE_RE.finditer(folded):
        part, unit = int(match.group(1)), match.group(2)
        # A rate may be of several counts listed just before it: "现场解决162件，跟进解决186件，办结率100%".
        sentence_start = max(folded.rfind(mark, 0, match.start()) for mark in "。；;\n") + 1
        before = [n for n, u, at in counts if u == unit and sentence_start <= at < match.start(1)]
        parts = [part]
        running = part
        for n in reversed(before):
            running += n
            parts.append(running)
        bases = tuple(sorted({n for n, u, at in counts if u == unit and n >= part and at != match.start(1)}))
        decimals = len(match.group(4) or "")
        out.append(StatedShare(part, unit, Decimal(match.group(3)), decimals, bases, match.start(3),
                               match.end(0), match.group(0), tuple(parts)))
    return out


def share_fits(part: int, base: int, percent: Decimal, decimals: int) -> bool:
    """Whether part/base, rounded as printed (half up, or cut off), reads ``percent``."""
    exact = Decimal(part) * 100 / Decimal(base)
    step = Decimal(1).scaleb(-decimals)
    return percent in (exact.quantize(step, rounding="ROUND_HALF_UP"), exact.quantize(step, rounding="ROUND_DOWN"))
