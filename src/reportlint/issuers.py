"""Who issued a report, and what that means: the level of a body and its deadline.

Shared by the national rules and by province packs (《条例》第四十九条: departments publish by
1月31日, county-level-and-above governments by 3月31日; 乡镇/街道 by local notice, by default
1月31日), and the place test packs use for auto-activation.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from collections.abc import Iterable
from functools import lru_cache
from importlib import resources

from reportlint.model import Document, Metadata

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


def names_place(metadata: Metadata, document: Document, places: Iterable[str]) -> bool:
    """True when the issuer, title, signature or page metadata names one of ``places``.

    The usual auto-activation test of a province or city pack.
    """
    texts = [metadata.issuer or "", metadata.title or "", metadata.signature_body or ""]
    texts.extend(value for _, value in document.meta)
    return any(place in text for text in texts for place in places)
