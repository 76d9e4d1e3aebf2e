"""Who issued a report, and what that means: the level of a body and its deadline.

Shared by the national rules and by province packs (《条例》第四十九条: departments publish by
1月31日, county-level-and-above governments by 3月31日; 乡镇/街道 by local notice, by default
1月31日), and the place test packs use for auto-activation.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

from reportlint.model import Document, Metadata

LEVEL_NAMES = {
    "department": "县级以上人民政府部门",
    "government": "县级以上地方人民政府",
    "township": "乡镇人民政府、街道办事处",
    "other": "其他机关",
}
DEFAULT_DEADLINES = {"department": (1, 31), "government": (3, 31), "township": (1, 31), "other": (1, 31)}

_TOWNSHIP_RE = re.compile(r"(镇|乡|苏木)(人民)?政府$|街道(办事处)?$|街道办$")
_GOVERNMENT_RE = re.compile(r"(省|自治区|市|州|盟|县|区|旗|特区|林区)(人民)?政府$")


def issuer_level(name: str | None) -> str | None:
    """The level of a body from its name (None when unknown).

    "大岚镇人民政府" → township; "沭阳县人民政府" → government; "余姚市交通运输局",
    "上海市科委", "某某市人民政府办公室" → department.
    """
    if not name:
        return None
    if _TOWNSHIP_RE.search(name):
        return "township"
    if _GOVERNMENT_RE.search(name):
        return "government"
    return "department"


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
