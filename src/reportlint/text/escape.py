"""Report text and file names made safe to print.

Messages quote report text, and a report is input nobody vouches for: a quoted cell could
hold a newline followed by ``::error::`` (a GitHub workflow command), an ANSI escape that
recolours a terminal, or a right-to-left override that reorders what a reviewer reads. In
every output a quote is therefore one line with such characters written as escapes, and a
file name that is not valid UTF-8 is shown with its bytes escaped.
"""

from __future__ import annotations

import unicodedata

_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t", "\x1b": "\\x1b"}


def _escape_char(ch: str) -> str:
    if ch in _NAMED:
        return _NAMED[ch]
    code = ord(ch)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def _unsafe(ch: str) -> bool:
    """Control characters, line and paragraph separators, format controls (bidi overrides)
    and lone surrogates (undecodable file-name bytes)."""
    category = unicodedata.category(ch)
    return category in ("Cc", "Zl", "Zp", "Cs") or (category == "Cf" and ch not in "\u200b\u200c\u200d\ufeff")


def one_line(text: str) -> str:
    """``text`` on one line, every unsafe character written as an escape (``\\n``, ``\\x1b``)."""
    if text.isprintable():
        return text
    return "".join(_escape_char(ch) if _unsafe(ch) else ch for ch in text)


def display_path(path: str) -> str:
    """A file name fit for any output: bytes that are not UTF-8 (held as surrogates by
    Python) as ``\\xNN``, control characters escaped, and never starting with ``::``."""
    if any("\udc80" <= ch <= "\udcff" for ch in path):
        path = path.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    path = one_line(path)
    return "./" + path if path.startswith("::") else path


def visible(text: str) -> str:
    """``text`` with each unsafe character (a tab excepted) replaced by "?": the same length,
    so columns into it stay right (an excerpt under which a caret points)."""
    if text.isprintable():
        return text
    return "".join("?" if ch != "\t" and _unsafe(ch) else ch for ch in text)
