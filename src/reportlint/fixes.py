"""Applying suggested fixes to a text report — only when asked (``reportlint fix``).

Only fixes that replace exactly the text a diagnostic points at are applied, and each is
checked first: the original text must stand at that line and column, otherwise the fix is
skipped. Fixes are applied right to left within a line so earlier columns stay valid;
overlapping fixes are skipped. Only line-faithful inputs (text, markdown) are fixable: in
HTML, Word or PDF a position does not address the stored bytes exactly.
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlint.model import Diagnostic

# Codes whose fixes are mechanical corrections of spelling (dates, document numbers,
# heading numbers, a doubled character). M001 is left out: which of title or signature is
# right is the author's call.
SAFE_CODES = ("D001", "D002", "P001", "P002", "S004", "M002")
FIXABLE_KINDS = ("txt", "md")


@dataclass(frozen=True)
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
    for diagnostic in diagnostics:
        fix = diagnostic.fix
        if diagnostic.code not in codes or fix is None or fix.position is None or fix.original is None:
            continue
        by_line.setdefault(fix.position.line, []).append(diagnostic)
    done: list[AppliedFix] = []
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
                done.append(AppliedFix(**{**record.__dict__, "skipped": "the text at that place has changed"}))
                continue
            if end > taken_from:
                done.append(AppliedFix(**{**record.__dict__, "skipped": "overlaps another fix"}))
                continue
            line = line[:start] + fix.replacement + line[end:]
            taken_from = start
            done.append(record)
        lines[number - 1] = line
    return "\n".join(lines), sorted(done, key=lambda f: (f.line, f.column))
