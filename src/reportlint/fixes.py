"""Applying suggested fixes to a text report — only when asked (``reportlint fix``).

Only fixes that replace exactly the text a diagnostic points at are applied, and each is
checked first: the original text must stand at that line and column, otherwise the fix is
skipped. Fixes are applied right to left within a line so earlier columns stay valid;
overlapping fixes are skipped. Only line-faithful inputs (text, markdown) are fixable: in
HTML, Word or PDF a position does not address the stored bytes exactly.
"""

from __future__ import annotations

import codecs
import difflib
import unicodedata

from reportlint.atomic import FixRefused
from reportlint.model import Diagnostic
from reportlint.records import record

_UTF16_32 = (
    (codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def require_clean_decoding(data: bytes, encoding: str, name: object) -> None:
    """Refuse to rewrite a file whose bytes do not all decode: they would come back as U+FFFD."""
    try:
        data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise FixRefused(f"{name} has bytes that do not decode as {encoding} (at byte {exc.start}); "
                         "writing it back would replace them with U+FFFD") from None
    except LookupError:
        raise FixRefused(f"{name}: unknown encoding {encoding}") from None


def encode_like(text: str, encoding: str, original: bytes) -> bytes:
    """``text`` encoded as the original was: same codec, same byte-order mark and byte order."""
    if encoding in ("utf-16", "utf-32"):
        for bom, codec in _UTF16_32:
            if original.startswith(bom):
                return bom + text.encode(codec)
    if encoding in ("binary", "pdf-text"):
        encoding = "utf-8"
    try:
        return text.encode(encoding)
    except UnicodeEncodeError as exc:
        raise FixRefused(f"the fixed text cannot be written in {encoding}: {exc.reason}") from None



# Codes whose fixes are mechanical corrections of spelling (dates, document numbers,
# heading numbers, an enumeration's last ordinal, a heading one character off the format's
# wording, a doubled character). M001 is left out: which of title or signature is
# right is the author's call.
SAFE_CODES = ("D001", "D002", "P001", "P002", "P004", "S004", "S008", "M002")
FIXABLE_KINDS = ("txt", "md")
# Diagnostics that put the section structure in doubt (S003: a section missing, S005: a
# heading that is not a template section): S004's renumbering is then not offered.
UNCERTAIN_STRUCTURE = {"S003", "S005"}


@record(slots=False)
class AppliedFix:
    """One fix that was applied (or skipped, with the reason)."""

    code: str
    line: int
    column: int
    original: str
    replacement: str
    skipped: str = ""


def apply_fixes(text: str, diagnostics: list[Diagnostic], codes: tuple[str, ...] = SAFE_CODES) -> tuple[str, list[AppliedFix]]:
    """The text with the fixes of ``codes`` applied, and what was done."""
    lines = text.split("\n")
    by_line: dict[int, list[Diagnostic]] = {}
    done: list[AppliedFix] = []
    # Renumbering headings is certain only while the sections themselves are: when some
    # "sections" are really sub-sections (S003/S005 fire), S004's new numbers would be wrong.
    doubtful = {d.code for d in diagnostics} & UNCERTAIN_STRUCTURE
    for diagnostic in diagnostics:
        fix = diagnostic.fix
        if diagnostic.code not in codes or fix is None or fix.position is None or fix.original is None:
            continue
        if diagnostic.code == "S004" and doubtful:
            done.append(AppliedFix(diagnostic.code, fix.position.line, fix.position.column, fix.original,
                                   fix.replacement, f"章节结构存疑（{'、'.join(sorted(doubtful))}），不自动重新编号"))
            continue
        by_line.setdefault(fix.position.line, []).append(diagnostic)
    for number, items in by_line.items():
        if not 0 < number <= len(lines):
            continue
        line = lines[number - 1]
        taken_from = len(line) + 1  # fixes must not overlap the one applied to their right
        for diagnostic in sorted(items, key=lambda d: d.fix.position.column, reverse=True):  # type: ignore[union-attr]
            fix = diagnostic.fix
            assert fix is not None and fix.position is not None and fix.original is not None
            start = fix.position.column - 1
            end = start + len(fix.original)
            record = AppliedFix(diagnostic.code, number, fix.position.column, fix.original, fix.replacement)
            if line[start:end] != fix.original:
                done.append(AppliedFix(**{**record.__dict__, "skipped": "该处文字已改变"}))
                continue
            if end > taken_from:
                done.append(AppliedFix(**{**record.__dict__, "skipped": "与另一处修复重叠"}))
                continue
            line = line[:start] + fix.replacement + line[end:]
            taken_from = start
            done.append(record)
        lines[number - 1] = line
    return "\n".join(lines), sorted(done, key=lambda f: (f.line, f.column))


# Lines at least this long get a marker line under them in the diff: the change is easy to
# miss in a long paragraph.
_MARK_FROM = 40


def _width(text: str) -> int:
    """Display width in a terminal: CJK characters take two columns."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def marked_diff(before: str, after: str, name_before: str, name_after: str) -> str:
    """A unified diff of the fix, with a "?" line under each long changed line marking the
    changed characters with ^ (as ``difflib.ndiff`` does), widths counted for CJK text."""
    out: list[str] = []
    old_lines, new_lines = before.splitlines(keepends=True), after.splitlines(keepends=True)
    for line in difflib.unified_diff(old_lines, new_lines, name_before, name_after):
        out.append(line if line.endswith("\n") else line + "\n")
    marked: list[str] = []
    pending_old: list[str] = []
    for line in out:
        if line.startswith("-") and not line.startswith("---"):
            pending_old.append(line[1:].rstrip("\n"))
            marked.append(line)
            continue
        marked.append(line)
        if line.startswith("+") and not line.startswith("+++") and pending_old:
            old = pending_old.pop(0)
            new = line[1:].rstrip("\n")
            if max(len(old), len(new)) >= _MARK_FROM:
                marked.append("?" + _carets(old, new) + "\n")
        elif not line.startswith("+"):
            pending_old.clear()
    return "".join(marked)


def _carets(old: str, new: str) -> str:
    """Spaces and ^ under the characters of ``new`` that differ from ``old``."""
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    marks = []
    for op, _a1, _a2, b1, b2 in matcher.get_opcodes():
        segment = new[b1:b2]
        marks.append(" " * _width(segment) if op == "equal" else "^" * max(1, _width(segment)))
    return "".join(marks).rstrip()
