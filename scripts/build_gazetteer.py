"""Rebuild the gazetteer data under src/reportlint/data/ from its public sources.

The administrative divisions come from JioNLP's dictionary (Apache-2.0): ``china_location.txt``
(inside ``china_location.zip``: province › prefecture › county with 6-digit codes, then
township and village names) and ``china_location_change.txt`` (renamings and mergers with
their dates). The character tables behind M005's "similar glyph / same pinyin" test come
from char-similar (MIT): stroke orders, four-corner codes and pinyin.

Neither package is a dependency: download the wheels, unpack them, and point this script at
them::

    pip download --no-deps jionlp==1.5.31 char-similar==0.0.2 -d /tmp/src
    cd /tmp/src && unzip -oq jionlp-*.whl && unzip -oq char_similar-*.whl
    python scripts/build_gazetteer.py /tmp/src

It writes divisions.tsv, former.tsv, townships.tsv and confusables.tsv, and SOURCES.toml
with the snapshot versions and each file's SHA-256 (checked by tests/test_gazetteer_data.py).
"""

from __future__ import annotations

import hashlib
import json
import sys
import zipfile
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "src" / "reportlint" / "data"
SUFFIXES = ("县", "市", "区", "旗", "州", "盟")  # the name endings M005 compares


def read_locations(root: Path) -> str:
    with zipfile.ZipFile(root / "jionlp" / "dictionary" / "china_location.zip") as archive:
        return archive.read("china_location.txt").decode("utf-8")


def build_divisions(text: str) -> tuple[list[tuple[str, str, str, str, str]], dict[str, list[str]]]:
    """(code, parent, level, name, short) rows and township names by county (or prefecture) code."""
    rows: list[tuple[str, str, str, str, str]] = []
    seen: set[str] = set()
    townships: dict[str, list[str]] = {}
    stack: list[str] = []  # the coded ancestors, by depth
    levels = ("province", "prefecture", "county")
    for line in text.split("\n"):
        if not line.strip():
            continue
        depth = len(line) - len(line.lstrip("\t"))
        fields = line.strip().split("\t")
        if depth <= 2:
            del stack[depth:]
            if len(fields) < 2:  # a name without a code (the source lists some) is left out, with all below it
                stack.append("-")
                continue
            name, code, short = fields[0], fields[1], fields[2] if len(fields) > 2 else ""
            parent = next((c for c in reversed(stack) if c), "")
            if parent == "-":
                stack.append("-")
                continue
            # "省直辖行政区划"/"市直辖行政区划" and a municipality repeated as its own prefecture
            # are not divisions: their children hang on the nearest real ancestor.
            if "直辖" in name or code in seen:
                stack.append("")
                continue
            seen.add(code)
            stack.append(code)
            rows.append((code, parent, levels[depth], name, short))
        elif depth == 3:
            name = fields[0]
            if "直辖" in name:
                continue
            owner = next((c for c in reversed(stack) if c), "")
            if owner == "-":
                continue
            townships.setdefault(owner, []).append(name)
    return rows, townships


def build_former(root: Path, rows: list[tuple[str, str, str, str, str]]) -> list[tuple[str, str, str, str]]:
    """(former name, its prefecture then, date of change, current code) from the change list."""
    by_path: dict[tuple[str, ...], str] = {}
    names = {code: name for code, _, _, name, _ in rows}
    parents = {code: parent for code, parent, _, _, _ in rows}
    for code, *_ in rows:
        path, current = [], code
        while current:
            path.append(names[current])
            current = parents[current]
        by_path[tuple(reversed(path))] = code
    former: list[tuple[str, str, str, str]] = []
    text = (root / "jionlp" / "dictionary" / "china_location_change.txt").read_text(encoding="utf-8")
    for line in text.splitlines():
        if "=>" not in line:
            continue
        before, after = line.split("=>")
        old = before.split("\t")
        date, province, prefecture = old[0], old[2], old[4]
        county = old[6] if len(old) > 7 else ""
        new = tuple(after.split("\t"))
        code = by_path.get(new)
        if code is None and len(new) == 3 and new[1] == new[0]:  # a municipality's district
            code = by_path.get((new[0], new[2]))
        if code is None:
            continue
        old_name = county or prefecture
        if old_name and old_name != names[code]:
            former.append((old_name, prefecture if county else province, date, code))
    return sorted(set(former), key=lambda row: (row[3], row[2], row[0]))


def build_confusables(root: Path, rows: list[tuple[str, str, str, str, str]],
                      former: list[tuple[str, str, str, str]]) -> list[tuple[str, str, str]]:
    """For each character of a division name: the GB2312 characters of a similar glyph (stroke
    order at most one stroke apart) and those of the same toneless pinyin."""
    data = root / "char_similar" / "data"
    order: dict[str, str] = json.loads((data / "char_order.dict").read_text(encoding="utf-8"))
    pinyin: dict[str, list[str]] = json.loads((data / "char_pinyin.dict").read_text(encoding="utf-8"))
    common = [c for c in map(chr, range(0x4E00, 0x9FA6)) if _in_gb2312(c)]
    wanted = sorted({c for _, _, _, name, _ in rows for c in name} | {c for name, *_ in former for c in name})
    by_sound: dict[str, list[str]] = {}
    for c in common:
        if c in pinyin:
            by_sound.setdefault(pinyin[c][0], []).append(c)
    result = []
    for c in wanted:
        if c in SUFFIXES or c not in order:
            continue
        similar = "".join(o for o in common if o != c and o in order
                          and _one_edit(order[c], order[o]))
        sound = "".join(o for o in by_sound.get(pinyin.get(c, [""])[0], []) if o != c)
        result.append((c, similar, sound))
    return result


def _in_gb2312(char: str) -> bool:
    try:
        char.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True


def _one_edit(a: str, b: str) -> bool:
    """True when stroke sequences a and b are at most one insertion, deletion or change apart."""
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b)) <= 1
    short, long = (a, b) if len(a) < len(b) else (b, a)
    return any(long[:i] + long[i + 1:] == short for i in range(len(long)))


def write(name: str, data: bytes) -> str:
    (OUT / name).write_bytes(data)
    return hashlib.sha256(data).hexdigest()


def tsv(header: tuple[str, ...], rows: list[tuple[str, ...]]) -> bytes:
    return ("\t".join(header) + "\n" + "".join("\t".join(row) + "\n" for row in rows)).encode("utf-8")


def main(root: Path) -> None:
    rows, townships = build_divisions(read_locations(root))
    former = build_former(root, rows)
    confusables = build_confusables(root, rows, former)
    # By township name (sorted, for a binary search at run time): name → the codes it lies in.
    by_name: dict[str, set[str]] = {}
    for code, names in townships.items():
        for name in names:
            by_name.setdefault(name, set()).add(code)
    town_rows = [(name, ",".join(sorted(codes))) for name, codes in sorted(by_name.items())]
    digests = {
        "divisions.tsv": write("divisions.tsv", tsv(("code", "parent", "level", "name", "short"), rows)),
        "former.tsv": write("former.tsv", tsv(("name", "parent_then", "changed", "code"), former)),
        # Not compressed: inflating it cost each process that looks up a township 4 ms (the
        # wheel compresses it anyway).
        "townships.tsv": write("townships.tsv", tsv(("township", "codes"), town_rows)),
        "confusables.tsv": write("confusables.tsv", tsv(("char", "similar_glyph", "same_pinyin"), confusables)),
    }
    jionlp = next(root.glob("jionlp-*.dist-info")).name.removesuffix(".dist-info").split("-")[1]
    similar = next(root.glob("char_similar-*.dist-info")).name.removesuffix(".dist-info").split("-")[1]
    counts = {level: sum(1 for r in rows if r[2] == level) for level in ("province", "prefecture", "county")}
    lines = [
        "# Where the gazetteer data comes from (written by scripts/build_gazetteer.py; do not edit).",
        "[sources.divisions]",
        f'package = "jionlp {jionlp}"',
        'license = "Apache-2.0"',
        'files = ["jionlp/dictionary/china_location.zip", "jionlp/dictionary/china_location_change.txt"]',
        'snapshot = "2025-11-27"  # the date of china_location.txt inside the wheel',
        "[sources.characters]",
        f'package = "char-similar {similar}"',
        'license = "MIT"',
        'files = ["char_similar/data/char_order.dict", "char_similar/data/char_pinyin.dict"]',
        "[counts]",
        *(f"{level} = {count}" for level, count in counts.items()),
        f"former = {len(former)}",
        f"township = {sum(len(set(n)) for n in townships.values())}",
        f"township_names = {len(by_name)}",
        "[sha256]",
        *(f'"{name}" = "{digest}"' for name, digest in digests.items()),
    ]
    (OUT / "SOURCES.toml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main(Path(sys.argv[1]))
