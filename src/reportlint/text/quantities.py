"""Counts of table quantities stated in the prose: 「予以公开 3 件」, 「无法提供的 10 件」.

Each match names the template cells it states (a sum, for a group such as 无法提供), the
number, and where it stands. Only unambiguous phrasings are read: a sentence that compares
with another year (较上年, 同比, 增/减), speaks of shares (%) or counts something else
(次, 人次, 条) is skipped, and so is a number that could be several quantities. 受理 is not
read here: it means 新收 in some reports and 新收 + 上年结转 in others (X001 allows both).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from reportlint.text.normalize import fold

# quantity → (what it is called in messages, the fact keys it sums, the words that state it)
QUANTITIES: dict[str, tuple[str, tuple[str, ...], tuple[str, ...]]] = {
    "new": ("本年新收", ("requests.new.total",), ("新收", "新接收")),
    "carried": ("上年结转", ("requests.carried.total",), ("上年结转",)),
    "handled": ("办结（（七）总计）", ("requests.total.total",), ("办结", "办理完毕")),
    "public": ("予以公开", ("requests.public.total",), ("予以公开", "同意公开", "全部公开")),
    "partial": ("部分公开", ("requests.partial.total",), ("部分公开", "区分处理后公开")),
    "denied": ("不予公开", tuple(f"requests.{r}.total" for r in (
        "deny_secret", "deny_law", "deny_safety", "deny_third_party", "deny_internal", "deny_process",
        "deny_enforcement", "deny_query")), ("不予公开",)),
    "unable": ("无法提供", tuple(f"requests.{r}.total" for r in ("unable_none", "unable_create", "unable_unclear")),
               ("无法提供",)),
    "refused": ("不予处理", tuple(f"requests.{r}.total" for r in (
        "refuse_petition", "refuse_repeat", "refuse_publication", "refuse_massive", "refuse_confirm")),
                ("不予处理",)),
    "carry_forward": ("结转下年度", ("requests.carry_forward.total",), ("结转下年度", "结转下一年度", "结转至下一年度")),
    "reconsideration": ("行政复议", ("review.reconsideration.total",), ("行政复议",)),
    "litigation": ("行政诉讼", ("review.direct.total", "review.after.total"), ("行政诉讼",)),
    # Applicant classes: only beside 新收/收到 in the same sentence (they split the new requests).
    "natural": ("本年新收 · 自然人", ("requests.new.natural",), ("自然人",)),
    "organisations": ("本年新收 · 法人或其他组织", tuple(f"requests.new.{c}" for c in (
        "commercial", "research", "charity", "legal", "other")), ("法人或其他组织", "法人和其他组织")),
}
# Quantities read only in a sentence that also says which total they split.
_CONTEXT = {"natural": re.compile(r"新收|收到|新接收"), "organisations": re.compile(r"新收|收到|新接收")}

_SKIP_RE = re.compile(r"较|同比|增加|减少|增长|下降|上年度|去年|%|％|人次")
# The words, then at most a few linking characters (”, 的, 的有, 答复, 申请), the number, 件.
_LINK = r"[”“」\"]?(?:的|的有|答复|申请|依申请|共|为|有|继续办理|案件)?[”“」\"]?\s*"


@dataclass(frozen=True)
class ProseQuantity:
    """A count stated in the prose: which quantity, its number, where (offsets in the text)."""

    quantity: str
    label: str
    keys: tuple[str, ...]
    value: int
    start: int  # offset of the number in the text
    end: int
    phrase: str


def _pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile("(?:" + "|".join(map(re.escape, words)) + ")" + _LINK + r"(\d{1,7})\s*(?:件|起|宗)")


_PATTERNS = {name: _pattern(words) for name, (_label, _keys, words) in QUANTITIES.items()}


def prose_quantities(text: str) -> list[ProseQuantity]:
    """Every unambiguous count of a table quantity in ``text`` (one paragraph or line)."""
    folded = fold(text)
    out: list[ProseQuantity] = []
    for sentence in re.finditer(r"[^。！？；;\n]+", folded):
        if _SKIP_RE.search(sentence.group(0)):
            continue
        found: dict[int, ProseQuantity] = {}
        for name, pattern in _PATTERNS.items():
            label, keys, _words = QUANTITIES[name]
            if name in _CONTEXT and not _CONTEXT[name].search(sentence.group(0)):
                continue
            for match in pattern.finditer(folded, sentence.start(), sentence.end()):
                quantity = ProseQuantity(name, label, keys, int(match.group(1)), match.start(1), match.end(1),
                                         match.group(0))
                if match.start(1) in found:  # one number, two quantities: ambiguous, skipped
                    found[match.start(1)] = None  # type: ignore[assignment]
                else:
                    found[match.start(1)] = quantity
        out.extend(q for q in found.values() if q is not None)
    return sorted(out, key=lambda q: q.start)


# "共公开信息 151 条，其中组织机构 22 条，本单位文件 24 条…": a whole and its parts.
_COUNT_RE = re.compile(r"(\d{1,7})\s*(件|条|篇|个|项)")


@dataclass(frozen=True)
class PartsOfWhole:
    """A count followed by 其中 and counts of its parts, in one sentence."""

    whole: int
    unit: str
    parts: tuple[int, ...]
    start: int  # offset of the whole's number
    end: int
    phrase: str  # the whole count as written


def parts_of_wholes(text: str) -> list[PartsOfWhole]:
    """Each 「N unit … 其中 a unit, b unit …」 in ``text``: the whole is the last count before
    其中, the parts are the counts of the same unit after it, up to a second 其中 (which
    splits a part, not the whole). Sentences that give shares (%) are skipped."""
    folded = fold(text)
    out: list[PartsOfWhole] = []
    for sentence in re.finditer(r"[^。！？；;\n]+", folded):
        body = sentence.group(0)
        if "%" in body or "％" in body or "其中" not in body:
            continue
        cut = body.index("其中")
        before = list(_COUNT_RE.finditer(body, 0, cut))
        if not before:
            continue
        whole = before[-1]
        following = body.find("其中", cut + 2)
        parts = [int(m.group(1)) for m in _COUNT_RE.finditer(body, cut, following if following > 0 else len(body))
                 if m.group(2) == whole.group(2)]
        if len(parts) < 1:
            continue
        base = sentence.start()
        out.append(PartsOfWhole(int(whole.group(1)), whole.group(2), tuple(parts), base + whole.start(1),
                                base + whole.end(1), whole.group(0)))
    return out


# "有45项，占比78.9%", "已办理2520件，办理率97.8%": a count and the share printed after it.
_SHARE_RE = re.compile(r"(\d{1,7})\s*(件|条|篇|个|项)[^\d%％。；;]{0,8}?(?:占比|占|比例为|比例|率)(?:达|为|达到)?\s*"
                       r"(\d{1,3}(?:\.(\d{1,2}))?)\s*[%％]")


@dataclass(frozen=True)
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
