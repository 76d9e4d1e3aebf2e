"""``html``: one self-contained, annotated HTML page for the whole run.

For each file: a summary table of its diagnostics, then the report's text with every line
that carries a diagnostic highlighted and the messages set under it — what an auditor can
file or send back to the author. No scripts, no external resources.
"""

from __future__ import annotations

from collections import defaultdict
from html import escape

from reportlint.formatters import Formatter, RunSummary
from reportlint.formatters.text import logical_location
from reportlint.model import Diagnostic, FileResult
from reportlint.text.escape import display_path, visible

CONTEXT_LINES = 2
_STYLE = """
body{font-family:"Noto Sans CJK SC","Microsoft YaHei",sans-serif;margin:2em;color:#222}
h1{font-size:1.4em} h2{font-size:1.15em;border-bottom:1px solid #ccc;padding-bottom:.2em;margin-top:2em}
table.summary{border-collapse:collapse;margin:.5em 0 1em} table.summary td,table.summary th{border:1px solid #ddd;padding:.25em .5em;vertical-align:top}
.error{color:#b00020}.warning{color:#a15c00}.info{color:#005a9c}
pre.src{background:#fafafa;border:1px solid #eee;padding:.5em;overflow-x:auto;line-height:1.5}
.ln{color:#999;display:inline-block;width:4em;text-align:right;margin-right:1em;user-select:none}
.hit{background:#fff3cd} .msg{display:block;margin-left:5em;white-space:pre-wrap}
.gap{color:#bbb}
"""


def _diagnostic_row(d: Diagnostic) -> str:
    where = logical_location(d.location)
    return (
        f"<tr><td>{d.line}:{d.column}</td><td class=\"{d.severity.value}\">{escape(d.code)}</td>"
        f"<td>{escape(d.name)}</td><td>{escape(d.message)}</td><td>{escape(where)}</td></tr>"
    )


class HtmlFormatter(Formatter):
    """An annotated HTML page for the whole run."""

    def begin(self) -> str:
        self._parts: list[str] = []
        return ""

    def file(self, result: FileResult) -> str:
        by_line: dict[int, list[Diagnostic]] = defaultdict(list)
        for d in result.diagnostics:
            by_line[d.line].append(d)
        parts = [f"<h2>{escape(display_path(result.path))}</h2>"]
        if not result.diagnostics:
            parts.append("<p>没有发现问题。 No findings.</p>")
            self._parts.append("\n".join(parts))
            return ""
        parts.append('<table class="summary"><tr><th>行:列</th><th>代码</th><th>规则</th><th>问题</th><th>位置</th></tr>')
        parts.extend(_diagnostic_row(d) for d in result.diagnostics)
        parts.append("</table>")
        if result.lines:
            shown = sorted({n for line in by_line for n in range(line - CONTEXT_LINES, line + CONTEXT_LINES + 1)
                            if 1 <= n <= len(result.lines)})
            body: list[str] = []
            previous = 0
            for number in shown:
                if previous and number > previous + 1:
                    body.append('<span class="gap">⋯</span>')
                previous = number
                text = escape(visible(result.lines[number - 1]).replace("\t", "    "))
                css = ' class="hit"' if number in by_line else ""
                body.append(f'<span{css}><span class="ln">{number}</span>{text}</span>')
                for d in by_line.get(number, []):
                    # display:block already breaks the line; no newline, or pre doubles it.
                    body[-1] += f'<span class="msg {d.severity.value}">▲ {escape(d.code)} {escape(d.message)}</span>'

            parts.append('<pre class="src">' + "\n".join(body) + "</pre>")
        self._parts.append("\n".join(parts))
        return ""

    def end(self, summary: RunSummary) -> str:
        counts = "，".join(f"{summary.by_severity.get(k, 0)} {k}" for k in ("error", "warning", "info"))
        return (
            "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
            f"<title>reportlint</title><style>{_STYLE}</style></head><body>"
            f"<h1>reportlint：{summary.files} 个文件，{counts}</h1>\n"
            + "\n".join(self._parts)
            + "\n</body></html>\n"
        )
