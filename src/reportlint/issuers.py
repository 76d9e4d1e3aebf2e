"""Who issued a report, and what that means: its place, the level of the body, its deadline.

Shared by the national rules and by province packs (《条例》第四十九条: departments publish by
1月31日, county-level-and-above governments by 3月31日; 乡镇/街道 by local notice, by default
1月31日), by pack activation (a pack names its province's code) and by year-over-year
pairing (the issuer's identity, not its spelling).

``analyze_issuer`` reads the issuer's name (title, then signature) as a chain of places and
a body: "淮安市洪泽区人民政府" is 淮安市 › 洪泽区 + 人民政府; "大岚镇人民政府" is the
township 大岚镇 (which the gazetteer places in 余姚市) + 人民政府; "平潭综合实验区公安局" is
平潭 (short for 平潭县) + 综合实验区公安局. A name shared by several places is narrowed by
the others the report names, and left undecided when they do not decide.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from collections.abc import Iterable
from functools import lru_cache
from importlib import resources

from reportlint import gazetteer
from reportlint.model import Document, Heading, Metadata, Paragraph
from reportlint.records import record
from reportlint.text.normalize import compact_fold

LEVEL_NAMES = {
    "department": "县级以上人民政府部门",
    "government": "县级以上地方人民政府",
    "township": "乡镇人民政府、街道办事处",
    "other": "其他机关",
}
DEFAULT_DEADLINES = {"department": (1, 31), "government": (3, 31), "township": (1, 31), "other": (1, 31)}

@lru_cache(maxsize=1)
def _level_patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """The name patterns of issuer_levels.toml, compiled once."""
    data = tomllib.loads(resources.files("reportlint").joinpath("issuer_levels.toml").read_text(encoding="utf-8"))
    return tuple((entry["level"], re.compile(entry["pattern"])) for entry in data["levels"])


def issuer_level(name: str | None) -> str | None:
    """The level of a body from its name (None when the name does not tell).

    "大岚镇人民政府" → township; "沭阳县人民政府", "平潭综合实验区" (an area's 管理委员会)
    → government; "余姚市交通运输局", "上海市科委" → department. The patterns are data
    (issuer_levels.toml).
    """
    if not name:
        return None
    for level, pattern in _level_patterns():
        if pattern.search(name):
            return level
    return None


def latest_deadline_level() -> str:
    """The level whose default deadline is the latest: assumed when the level is unknown."""
    return max(DEFAULT_DEADLINES, key=lambda level: DEFAULT_DEADLINES[level])


def deadline(level: str, report_year: int, override: str = "") -> dt.date:
    """The publication deadline for a report year (override "MM-DD" from configuration)."""
    if override:
        month, day = (int(p) for p in override.split("-"))
    else:
        month, day = DEFAULT_DEADLINES.get(level, (1, 31))
    return dt.date(report_year + 1, month, day)


# Bodies that are the local government itself, once the place is read off the name.
_GOVERNMENT_BODIES = re.compile(r"^(人民政府|政府|人民政府办公室?信息公开)?$")
# What a township-level name ends with in the gazetteer's township list.
_TOWNSHIP_ENDINGS = ("镇", "乡", "街道", "苏木", "片区", "农场", "林场", "开发区", "工业区", "管理区", "园区")
_SPACE_PUNCT_RE = re.compile(r"[\s·•（）()]+")
# What may follow a short place name at the start of an issuer's name: an area (平潭综合实验区),
# the government, or a department's name with no street, road or township in it (上海科委).
# Anything else — 宁波路街道 — is a name that merely starts like a place.
_SHORT_FOLLOWERS = re.compile(
    r"(综合实验区|经济技术开发区|经济开发区|高新技术产业开发区|高新区|新区|开发区|试验区|保税区|自由贸易试验区|"
    r"工业园区|人民政府|政府)|(?![^路街道镇乡村]*[路街道镇乡村])\w*(局|厅|委|委员会|办公室|办)$")
_MAX_NAME = 16  # the longest division or township name looked up
_CONTEXT_BLOCKS = 12  # the opening blocks read for other place names


@record(slots=False)
class Issuer:
    """The issuer of a report, as far as its name and the report's places tell."""

    name: str  # as read (title, else signature)
    places: tuple[str, ...]  # the place names read off the name, in order ("淮安市", "洪泽区")
    body: str  # the rest of the name ("人民政府", "交通运输局", "综合实验区公安局")
    code: str | None  # the division (county or above) the body belongs to, when decided
    township: str | None  # the township-level unit named, when there is one
    level: str | None  # government | department | township | other (None: unknown)
    how: str  # how the place and level were decided, in words
    candidates: tuple[str, ...] = ()  # codes the name could mean, when not decided

    @property
    def path(self) -> str:
        """"浙江省 › 宁波市 › 余姚市 › 大岚镇" (empty when the place is not decided)."""
        return gazetteer.path_text(self.code, self.township or "") if self.code else ""

    @property
    def province(self) -> str | None:
        """The 2-digit province code, when the place is decided."""
        return self.code[:2] if self.code else None

    @property
    def key(self) -> str | None:
        """What stays the same across years and spellings: division code, township, body.

        "沭阳县人民政府" and "沭阳县政府" share it; two counties' 财政局 never do. None when
        the place is not decided: a body without a place cannot be told from its namesakes."""
        if not self.code:
            return None
        body = _SPACE_PUNCT_RE.sub("", compact_fold(self.body))
        body = "政府" if _GOVERNMENT_BODIES.match(body) else body.replace("管委会", "管理委员会")
        return f"{self.code}/{self.township or ''}/{body}"


def _read_places(name: str) -> list[tuple[str, str, tuple[str, ...]]]:
    """The places at the start of ``name``: (text, kind, candidate codes), longest first.

    kind is "division", "former" (a name retired by a renaming or merger), "township", or
    "short" (a short name, only as the name's first place: 平潭综合实验区)."""
    found: list[tuple[str, str, tuple[str, ...]]] = []
    i = 0
    while i < len(name):
        match = None
        for length in range(min(_MAX_NAME, len(name) - i), 1, -1):
            text = name[i:i + length]
            if divisions := gazetteer.named(text):
                match = (text, "division", tuple(d.code for d in divisions))
            elif former := gazetteer.formerly_named(text):
                match = (text, "former", tuple(f.code for f in former))
            elif text.endswith(_TOWNSHIP_ENDINGS) and (counties := gazetteer.township_counties(text)):
                match = (text, "township", counties)
            if match:
                break
        if match is None and not found:
            for length in range(min(_MAX_NAME, len(name) - i), 1, -1):
                divisions = gazetteer.shortly_named(name[i:i + length])
                if divisions and _SHORT_FOLLOWERS.match(name[i + length:]):
                    match = (name[i:i + length], "short", tuple(d.code for d in divisions))
                    break
        if match is None:
            break
        found.append(match)
        i += len(match[0])
    return found


def mentioned_divisions(texts: Iterable[str]) -> set[str]:
    """Codes of every division named in full (three characters or more) in ``texts``."""
    codes: set[str] = set()
    for text in texts:
        for i in range(len(text)):
            for length in range(3, min(_MAX_NAME, len(text) - i) + 1):
                for division in gazetteer.named(text[i:i + length]):
                    codes.add(division.code)
    return codes


def _narrow(candidates: tuple[str, ...], within: tuple[str, ...]) -> tuple[str, ...]:
    """The candidates that lie inside one of ``within`` (all of them when ``within`` is empty)."""
    if not within:
        return candidates
    return tuple(c for c in candidates if any(gazetteer.is_within(c, w) for w in within))


def analyze_issuer(metadata: Metadata, document: Document | None = None) -> Issuer | None:
    """The issuer's place (division code and path), body and level, and how they were decided.

    None when the report names no issuer at all."""
    name = metadata.issuer or metadata.signature_body
    if not name:
        return None
    context: list[str] = [metadata.title or "", metadata.signature_body or "", metadata.issuer or ""]
    if document is not None:
        context.extend(value for _, value in document.meta)
        blocks = [b.text for b in document.blocks[:_CONTEXT_BLOCKS] if isinstance(b, Paragraph | Heading)]
        context.extend(blocks)
    return _analyze_name(compact_fold(name), tuple(context))


@lru_cache(maxsize=256)
def _analyze_name(name: str, context: tuple[str, ...]) -> Issuer:
    places = _read_places(name)
    body = name[sum(len(p[0]) for p in places):]
    codes: tuple[str, ...] = ()
    township = None
    how: list[str] = []
    for text, kind, candidates in places:
        narrowed = _narrow(candidates, codes)
        codes = narrowed or candidates
        if kind == "township":
            township = text
        elif kind == "former":
            # A merged-away name stays its own body: 港闸区's reports are not 崇川区's.
            township = township or f"原{text}"
        how.append({"division": f"“{text}”", "former": f"“{text}”（旧名）", "township": f"“{text}”（乡级）",
                    "short": f"“{text}”（简称）"}[kind])
    if len(codes) > 1:
        # The same name in several places: the report's other place names decide, or nothing does.
        named_elsewhere = tuple(mentioned_divisions(context) - set(codes))
        narrowed = tuple(c for c in codes if any(gazetteer.is_within(c, w) or gazetteer.is_within(w, c)
                                                 for w in named_elsewhere))
        if len(narrowed) == 1:
            how.append("同名地名按报告中其他地名确定")
            codes = narrowed
    if not places and (near := misspelt_division(name)) is not None:
        # "沐阳县人民政府": no division has that name, exactly one a character away does.
        written, division, why = near
        places = [(written, "division", (division.code,))]
        body = name[len(written):]
        codes = (division.code,)
        how.append(f"“{written}”不是现行行政区名称，按{why}的“{division.name}”")
    code = codes[0] if len(codes) == 1 else None
    level, level_how = _level(name, places, body)
    place_how = "、".join(how) if code else (
        f"“{places[-1][0]}”有 {len(codes)} 处同名，无法确定" if places and codes else "名称中没有可识别的地名")
    return Issuer(name=name, places=tuple(p[0] for p in places), body=body, code=code, township=township,
                  level=level, how=f"{place_how}；{level_how}",
                  candidates=codes if code is None else ())


def misspelt_division(name: str) -> tuple[str, gazetteer.Division, str] | None:
    """The start of ``name`` read as a misspelt division: (as written, the real division,
    "形近"/"同音"), when exactly one real division is one confusable character away."""
    for length in range(min(_MAX_NAME, len(name)), 2, -1):
        near = gazetteer.near_names(name[:length])
        if len({d.code for d, _ in near}) == 1:
            return name[:length], near[0][0], near[0][1]
    return None


def _level(name: str, places: list[tuple[str, str, tuple[str, ...]]], body: str) -> tuple[str | None, str]:
    """The body's level from its structure (place + 人民政府), else from its name's ending."""
    government_body = bool(_GOVERNMENT_BODIES.match(body))
    if places and government_body:
        kind = places[-1][1]
        if kind == "township":
            return "township", f"乡级地名“{places[-1][0]}”+“{body or '（无）'}”"
        return "government", f"行政区“{places[-1][0]}”+“{body or '（无）'}”"
    level = issuer_level(name)
    if level is None:
        return None, "名称看不出机关层级"
    return level, f"名称结尾（issuer_levels.toml：{LEVEL_NAMES[level]}）"


def report_region(metadata: Metadata, document: Document | None = None) -> str | None:
    """The division code a report comes from, for pack activation: the issuer's division when
    decided; otherwise the province all divisions named in the title, signature and page
    information agree on (a department whose name carries no place, on its city's portal)."""
    issuer = analyze_issuer(metadata, document)
    if issuer is not None and issuer.code:
        return issuer.code
    texts = [metadata.title or "", metadata.signature_body or ""]
    if document is not None:
        texts.extend(value for _, value in document.meta)
    provinces = {code[:2] for code in mentioned_divisions(texts)}
    return f"{provinces.pop()}0000" if len(provinces) == 1 else None


def in_region(code: str | None, regions: Iterable[str]) -> bool:
    """True when division ``code`` lies in one of ``regions`` (code prefixes: "33" is 浙江,
    "3302" 宁波市, "330281" 余姚市)."""
    if not code:
        return False
    return any(code.startswith(region.rstrip("0") if len(region) == 6 else region) for region in regions)
