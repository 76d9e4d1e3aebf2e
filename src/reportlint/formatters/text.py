"""Human output: ``full`` (with logical location, excerpt and caret) and ``concise``."""

from __future__ import annotations

import unicodedata

from reportlint.formatters import Formatter, page_tag
from reportlint.model import Diagnostic, FileResult, Location, Severity
from reportlint.text.escape import display_path, visible

_COLORS = {Severity.ERROR: "31", Severity.WARNING: "33", Severity.INFO: "36"}
TAB_WIDTH = 4
MAX_EXCERPT_CHARS = 80  # characters of a source line shown at most (CJK: 160 cells)
EXCERPT_CONTEXT = 20  # characters kept before the column when a line is cut


def display_width(text: str) -> int:
    """Terminal cells taken by ``text``: CJK wide and full-width characters take two."""
    width = 0
    for ch in text:
        if ch == "\t":
            width += TAB_WIDTH
        elif unicodedata.combining(ch):
            continue
        elif unicodedata.east_asian_width(ch) in ("W", "F"):
            width += 2
        else:
            width += 1
    return width


def logical_location(location: Location) -> str:
    """"表三 收到和处理政府信息公开申请情况 · （七）总计 · 自然人" (parts that exist)."""
    parts = [p for p in (location.section, location.table, location.row_label, location.column_label) if p]
    return " · ".join(parts)


# Severity in words, as auditors read it (the colour alone says nothing on paper).
SEVERITY_ZH = {"error": "错误", "warning": "警告", "info": "提示"}


class ConciseFormatter(Formatter):
    """One line per diagnostic: ``path:line:col: CODE message``."""

    def _paint(self, text: str, code: str) -> str:
        return f"\x1b[{code}m{text}\x1b[0m" if self.options.color else text

    def head(self, diagnostic: Diagnostic) -> str:
        # path:line:col stays first and unchanged (editors and CI parse it); a PDF's page
        # follows the code.
        where = f"{display_path(diagnostic.path)}:{diagnostic.line}:{diagnostic.column}:"
        code = self._paint(diagnostic.code, _COLORS[diagnostic.severity])
        return f"{self._paint(where, '1')} {code}{page_tag(diagnostic, self.options.lang)} {diagnostic.message}"

    def file(self, result: FileResult) -> str:
        return "".join(self.head(d) + "\n" for d in result.diagnostics)


class FullFormatter(ConciseFormatter):
    """Location, code, severity, message, logical location, excerpt with caret, fix."""

    def file(self, result: FileResult) -> str:
        out: list[str] = []
        for diagnostic in result.diagnostics:
            level = diagnostic.severity.value
            out.append(f"{self.head(diagnostic)} [{level if self.options.lang == 'en' else SEVERITY_ZH[level]}]")
            logical = logical_location(diagnostic.location)  # (a PDF's page is in the head line)
            if logical:
                out.append(f"  {self._paint('→', '2')} {logical}")
            position = diagnostic.location.position
            if self.options.show_source and position and 0 < position.line <= len(result.lines):
                out.extend(self._excerpt(result.lines[position.line - 1], position.line,
                                         position.column, position.end_column if position.end_line in (None, position.line) else None))
            if diagnostic.expected is not None and diagnostic.actual is not None:
                if self.options.lang == "en":
                    out.append(f"  expected: {diagnostic.expected}  actual: {diagnostic.actual or '(empty)'}")
                else:
                    out.append(f"  应为：{diagnostic.expected}　实为：{diagnostic.actual or '（空）'}")
            if diagnostic.fix is not None:
                word, colon = ("fix", ": ") if self.options.lang == "en" else ("建议", "：")
                out.append(f"  {self._paint(word, '32')}{colon}{diagnostic.fix.description}")
            out.append("")
        return "\n".join(out) + ("\n" if out else "")

    def _excerpt(self, line: str, number: int, column: int, end_column: int | None) -> list[str]:
        # Columns count characters of the original line; map them to display cells. A long
        # line (a one-line web page or crawler body) is shown as a window around the column,
        # so the excerpt stays one screen line however long the source line is.
        line = visible(line)  # a report line may hold ESC and other controls
        begin = min(max(column - 1, 0), len(line))
        end = (end_column - 1) if end_column and end_column > column else begin + 1
        end = min(max(end, begin + 1), len(line)) if line else begin
        left, right = begin, end
        while right - left > MAX_EXCERPT_CHARS // 2:  # a very long span: keep its start
            right -= 1
        lead = max(0, left - EXCERPT_CONTEXT)
        tail = min(len(line), lead + MAX_EXCERPT_CHARS)
        lead = max(0, min(lead, tail - MAX_EXCERPT_CHARS))
        before = ("…" if lead > 0 else "") + line[lead:left]
        shown = before + line[left:tail] + ("…" if tail < len(line) else "")
        text = shown.replace("\t", " " * TAB_WIDTH)
        start = display_width(before)
        width = max(display_width(line[left:right]), 1)
        gutter = str(number)
        caret = " " * start + self._paint("^" * width, "31")
        return [f"  {gutter} | {text.rstrip()}", f"  {' ' * len(gutter)} | {caret}"]
