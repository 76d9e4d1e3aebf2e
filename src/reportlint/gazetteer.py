"""China's administrative divisions as data: codes, names, parents, former names, townships.

The tables under ``reportlint/data`` are built by ``scripts/build_gazetteer.py`` from public
sources recorded in ``data/SOURCES.toml`` (every province, prefecture-level and county-level
division with its 6-digit code; the names changed by renamings and mergers; township-level
names by county, without codes). They are read once, on first use, so a run that never asks
about places pays nothing.

Names are ambiguous: 城关镇 is the name of ~100 towns, 朝阳区 of two districts, and a short
name (平潭, 余姚) is also an ordinary word in places. Every lookup therefore returns all the
divisions a name can mean; callers narrow them by context (a parent named before, other
places in the report) and leave them ambiguous when the context does not decide.
"""

from __future__ import annotations

import tomllib
from functools import lru_cache
from importlib import resources

from reportlint.records import record

LEVELS = ("province", "prefecture", "county")
LEVEL_NAMES = {"province": "省级", "prefecture": "地级", "county": "县级", "township": "乡级"}
# The endings of division names M005 compares (a township's 镇/乡/街道 are not: the source
# has no codes for them and the same township name recurs across counties).
NAME_ENDINGS = ("县", "市", "区", "旗", "州", "盟")


@record
class Division:
    """One province-, prefecture- or county-level division."""

    code: str  # 6 digits, e.g. "330281"
    name: str  # full name, e.g. "余姚市"
    short: str  # e.g. "余姚"
    level: str  # province | prefecture | county
    parent: str  # the parent's code ("" for a province)

    @property
    def province(self) -> str:
        """The 2-digit province code (what a province pack names)."""
        return self.code[:2]


@record
class FormerName:
    """A name a division had before a renaming or merger."""

    name: str
    parent_then: str  # the parent's name at the time
    changed: str  # ISO date of the change
    code: str  # the division that carries on today


@record(slots=False)
class _Tables:
    by_code: dict[str, Division]
    by_name: dict[str, tuple[Division, ...]]
    by_short: dict[str, tuple[Division, ...]]
    former: dict[str, tuple[FormerName, ...]]
    children: dict[str, tuple[Division, ...]]


def _rows(name: str) -> list[list[str]]:
    data = resources.files("reportlint.data").joinpath(name).read_bytes()
    return [line.split("\t") for line in data.decode("utf-8").splitlines()[1:] if line]


@lru_cache(maxsize=1)
def tables() -> _Tables:
    """The division tables, loaded once (about 10 ms; townships load separately)."""
    by_code: dict[str, Division] = {}
    by_name: dict[str, list[Division]] = {}
    by_short: dict[str, list[Division]] = {}
    children: dict[str, list[Division]] = {}
    for code, parent, level, name, short in _rows("divisions.tsv"):
        division = Division(code, name, short, level, parent)
        by_code[code] = division
        by_name.setdefault(name, []).append(division)
        if short and short != name:
            by_short.setdefault(short, []).append(division)
        children.setdefault(parent, []).append(division)
    former: dict[str, list[FormerName]] = {}
    for name, parent_then, changed, code in _rows("former.tsv"):
        if code in by_code:
            former.setdefault(name, []).append(FormerName(name, parent_then, changed, code))
    return _Tables(
        by_code=by_code,
        by_name={k: tuple(v) for k, v in by_name.items()},
        by_short={k: tuple(v) for k, v in by_short.items()},
        former={k: tuple(v) for k, v in former.items()},
        children={k: tuple(v) for k, v in children.items()},
    )


@lru_cache(maxsize=1)
def sources() -> dict[str, object]:
    """Where the data came from, its snapshot, counts and checksums (data/SOURCES.toml)."""
    return tomllib.loads(resources.files("reportlint.data").joinpath("SOURCES.toml").read_text(encoding="utf-8"))


def division(code: str) -> Division | None:
    """The division with this 6-digit code."""
    return tables().by_code.get(code)


def all_divisions() -> tuple[Division, ...]:
    """Every province-, prefecture- and county-level division."""
    return tuple(tables().by_code.values())


def path(code: str) -> tuple[Division, ...]:
    """The division and its ancestors, province first (浙江省, 宁波市, 余姚市)."""
    chain: list[Division] = []
    current = tables().by_code.get(code)
    while current is not None:
        chain.append(current)
        current = tables().by_code.get(current.parent)
    return tuple(reversed(chain))


def path_text(code: str, township: str = "") -> str:
    """"浙江省 › 宁波市 › 余姚市" (and the township, when known)."""
    names = [d.name for d in path(code)]
    if township:
        names.append(township)
    return " › ".join(names)


def named(name: str) -> tuple[Division, ...]:
    """The current divisions with this full name."""
    return tables().by_name.get(name, ())


def shortly_named(name: str) -> tuple[Division, ...]:
    """The current divisions whose short name is ``name`` (余姚 → 余姚市)."""
    return tables().by_short.get(name, ())


def formerly_named(name: str) -> tuple[FormerName, ...]:
    """The renamings and mergers that retired the name ``name`` (港闸区 → 崇川区)."""
    return tables().former.get(name, ())


@lru_cache(maxsize=1)
def _townships() -> bytes:
    """The township table as it is stored, "\nname\tcode[,code…]" per line (UTF-8): a lookup
    is one ``bytes.find`` (C speed), so nothing of 43,000 entries is built or even decoded
    per process."""
    return b"\n" + resources.files("reportlint.data").joinpath("townships.tsv").read_bytes()


def township_counties(name: str) -> tuple[str, ...]:
    """Codes of the divisions that have a township-level unit called ``name``."""
    if not name or "\t" in name or "\n" in name:
        return ()
    table = _townships()
    key = f"\n{name}\t".encode()
    at = table.find(key)
    if at < 0:
        return ()
    start = at + len(key)
    return tuple(table[start:table.find(b"\n", start)].decode("ascii").split(","))


def children(code: str) -> tuple[Division, ...]:
    """The divisions directly under ``code``."""
    return tables().children.get(code, ())


def is_within(code: str, ancestor: str) -> bool:
    """True when division ``code`` is ``ancestor`` or lies inside it."""
    return any(d.code == ancestor for d in path(code))


@lru_cache(maxsize=1)
def _confusables() -> dict[str, tuple[str, str]]:
    return {char: (glyph, sound) for char, glyph, sound in _rows("confusables.tsv")}


def confusion(written: str, meant: str) -> str | None:
    """Why ``written`` may stand for ``meant``: "形近" (stroke orders one stroke apart),
    "同音" (the same toneless pinyin), or None. ``meant`` must be a character of a division
    name (the table holds those)."""
    glyph, sound = _confusables().get(meant, ("", ""))
    if written in glyph:
        return "形近"
    if written in sound:
        return "同音"
    return None


@lru_cache(maxsize=1)
def _near_index() -> dict[str, tuple[Division, ...]]:
    """Division names with one stem character replaced by "?": the keys of one-off lookups."""
    index: dict[str, list[Division]] = {}
    for item in tables().by_code.values():
        if not item.name.endswith(NAME_ENDINGS) or len(item.name) < 3:
            continue
        for i in range(len(item.name) - 1):  # never the ending itself: 县 for 市 is another word
            index.setdefault(item.name[:i] + "?" + item.name[i + 1:], []).append(item)
    return {k: tuple(v) for k, v in index.items()}


@lru_cache(maxsize=1)
def _real_names() -> frozenset[str]:
    return frozenset(tables().by_name) | frozenset(tables().former)


def is_real_name(name: str) -> bool:
    """True when ``name`` is a current or former division name."""
    return name in _real_names()


@lru_cache(maxsize=1)
def _near_filter() -> tuple[frozenset[str], frozenset[tuple[str, int, str]]]:
    """Cheap tests that rule most windows out before the one-off lookups: a name one stem
    character from a real one shares its last two characters, unless the character before
    the ending is the one that differs — and then it shares its first character and length."""
    names = [d.name for d in tables().by_code.values() if d.name.endswith(NAME_ENDINGS) and len(d.name) >= 3]
    return frozenset(n[-2:] for n in names), frozenset((n[0], len(n), n[-1]) for n in names)


def could_be_near(name: str) -> bool:
    """False when no real division name can be one stem character from ``name``."""
    tails, heads = _near_filter()
    return name[-2:] in tails or (name[0], len(name), name[-1]) in heads


def near_names(name: str, real_too: bool = False) -> list[tuple[Division, str]]:
    """Real divisions whose name is one stem character away from ``name`` and whose
    character there could be mistaken for the one written (similar glyph or same pinyin),
    with the reason. Empty for names under three characters, and for a real name unless
    ``real_too`` (the caller then has context saying another division is meant)."""
    if len(name) < 3 or not name.endswith(NAME_ENDINGS) or (is_real_name(name) and not real_too):
        return []
    if not could_be_near(name):
        return []
    found: list[tuple[Division, str]] = []
    for i in range(len(name) - 1):
        for item in _near_index().get(name[:i] + "?" + name[i + 1:], ()):
            why = confusion(name[i], item.name[i])
            if why:
                found.append((item, why))
    return found
