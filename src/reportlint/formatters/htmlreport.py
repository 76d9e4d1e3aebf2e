"""``html``: one self-contained HTML page for the whole run, made for reading and printing.

For a batch, an index first: every file with its issuer, year and counts per severity, worst
first, each linked to its part. For each file: the statutory tables 二, 三 and 四 drawn as
grids with their official row and column labels and the values as read, each blamed cell
highlighted with 应为/实为 in it and the failing relations spelled out beside the table; then
the other diagnostics under the section they are in, each with its source line and the span
marked. Severity is a word (错误/警告/提示) as well as a colour. No scripts, no external
resources; A4 page breaks between files when printed. Chinese by default, English with
``--lang en``.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from html import escape

from reportlint.formatters import Formatter, RunSummary, page_of
from reportlint.formatters.text import SEVERITY_ZH
from reportlint.model import Diagnostic, FileResult
from reportlint.text.escape import display_path, visible

_STYLE = """
@page{size:A4;margin:14mm}
body{font-family:"Noto Sans CJK SC","Source Han Sans SC","Microsoft YaHei",sans-serif;margin:2em;color:#222;font-size:14px}
h1{font-size:1.5em;margin:0 0 .3em} h2{font-size:1.25em;border-bottom:2px solid #333;padding-bottom:.2em;margin:0 0 .4em}
h3{font-size:1.05em;margin:1.2em 0 .4em} h4{font-size:1em;margin:.8em 0 .3em;color:#444}
section.file{margin-top:2.5em} .meta{color:#555;margin:.2em 0 .8em}
table{border-collapse:collapse} td,th{border:1px solid #bbb;padding:.2em .45em;vertical-align:top}
table.index th,table.grid th{background:#f2f2f2;font-weight:600}
table.grid{font-size:.86em;margin:.3em 0} table.grid caption{text-align:left;font-weight:600;padding:.3em 0}
table.grid td.value{text-align:right;min-width:2.5em;font-variant-numeric:tabular-nums}
table.grid th.row{text-align:left;font-weight:normal;background:#fafafa;max-width:26em}
td.blamed{outline:3px solid currentColor;outline-offset:-3px}
td.blamed.error{background:#fde2e4;color:#8a0015} td.blamed.warning{background:#fff0c2;color:#7a4500}
td.blamed.info{background:#e0efff;color:#00467a}
td.blamed .want,td.blamed .got{display:block;font-size:.82em;white-space:nowrap}
.tablebox{display:flex;gap:1.2em;align-items:flex-start;flex-wrap:wrap;margin-bottom:1em}
aside.relations{flex:1;min-width:18em} aside.relations ul,ul.findings{margin:.2em 0;padding-left:1.2em}
li{margin:.25em 0} .error{color:#b00020}.warning{color:#a15c00}.info{color:#005a9c}
.sev{font-weight:700;border-radius:3px;padding:0 .35em;margin-right:.4em;color:#fff;font-size:.9em}
.sev.error{background:#b00020;color:#fff}.sev.warning{background:#a15c00;color:#fff}.sev.info{background:#005a9c;color:#fff}
.code{font-family:monospace;color:#333;margin-right:.3em}
blockquote.src{margin:.25em 0 .5em 0;padding:.3em .6em;background:#fafafa;border-left:3px solid #ccc;color:#333;
  white-space:pre-wrap;word-break:break-all}
blockquote.src .ln{color:#999;margin-right:.6em;user-select:none} mark{background:#ffe066;padding:0 .1em}
p.clean{color:#1b6e20;font-weight:600} a{color:#0b57d0}
@media print{section.file{break-before:page;margin-top:0} body{margin:0} a{color:inherit;text-decoration:none}
  .tablebox{display:block}}
"""

_WORDS = {
    "zh": {**SEVERITY_ZH, "title": "政府信息公开工作年度报告检查结果",
           "files": "文件", "issuer": "发布机关", "year": "年度", "clean": "没有发现问题。", "tables": "表格",
           "text": "章节与正文", "whole": "（全文）", "want": "应为", "got": "实为", "index": "文件一览",
           "tally": "共 {files} 个文件：错误 {error}，警告 {warning}，提示 {info}", "page": "第 {page} 页",
           "line": "第 {line} 行", "format": "{format} 年格式", "relations": "未通过的关系与单元格问题"},
    "en": {"error": "error", "warning": "warning", "info": "info", "title": "Annual disclosure report check",
           "files": "File", "issuer": "Issuer", "year": "Year", "clean": "No findings.", "tables": "Tables",
           "text": "Sections and text", "whole": "(whole report)", "want": "expected", "got": "actual",
           "index": "Files", "tally": "{files} file(s): {error} error, {warning} warning, {info} info",
           "page": "page {page}", "line": "line {line}", "format": "{format} format",
           "relations": "Failing relations and cell findings"},
}
_RANK = {"error": 0, "warning": 1, "info": 2}


def _t(text: str | None) -> str:
    """Untrusted text (from the report or its file name) for the page: control characters
    made visible, markup escaped."""
    return escape(visible(text or ""))


class HtmlFormatter(Formatter):
    """An HTML report for the whole run: index, tables as grids, findings in place."""

    def begin(self) -> str:
        self._files: list[tuple[FileResult, str]] = []
        return ""

    def file(self, result: FileResult) -> str:
        self._files.append((result, self._render(result, f"f{len(self._files) + 1}")))
        return ""

    @property
    def _w(self) -> dict[str, str]:
        return _WORDS["en" if self.options.lang == "en" else "zh"]

    def end(self, summary: RunSummary) -> str:
        w = self._w
        tally = w["tally"].format(files=summary.files, **{k: summary.by_severity.get(k, 0) for k in _RANK})
        parts = [f"<h1>{w['title']}</h1>", f'<p class="meta">{escape(tally)}</p>']
        if len(self._files) > 1:
            parts.append(self._index())
        parts.extend(html for _, html in self._files)
        lang = "en" if self.options.lang == "en" else "zh-CN"
        return (f'<!DOCTYPE html>\n<html lang="{lang}"><head><meta charset="utf-8">'
                f"<title>reportlint — {w['title']}</title><style>{_STYLE}</style></head><body>\n"
                + "\n".join(parts) + "\n</body></html>\n")

    def _index(self) -> str:
        w = self._w

        def counts(result: FileResult) -> Counter[str]:
            return Counter(d.severity.value for d in result.diagnostics)

        ordered = sorted(enumerate(self._files, start=1),
                         key=lambda item: (-counts(item[1][0])["error"], -counts(item[1][0])["warning"],
                                           -counts(item[1][0])["info"], item[1][0].path))
        rows = [f"<tr><th>{w['files']}</th><th>{w['issuer']}</th><th>{w['year']}</th>"
                f"<th>{w['error']}</th><th>{w['warning']}</th><th>{w['info']}</th></tr>"]
        for number, (result, _) in ordered:
            c = counts(result)
            rows.append(f'<tr><td><a href="#f{number}">{_t(display_path(result.path))}</a></td>'
                        f"<td>{_t(result.issuer)}</td><td>{result.year or ''}</td>"
                        + "".join(f'<td class="{k}">{c[k] or ""}</td>' for k in _RANK) + "</tr>")
        return f"<h3>{w['index']}</h3>" + '<table class="index">' + "".join(rows) + "</table>"

    def _sev(self, d: Diagnostic) -> str:
        level = d.severity.value
        return f'<span class="sev {level}">{self._w[level]}</span>'

    def _render(self, result: FileResult, anchor: str) -> str:
        w = self._w
        meta = " · ".join(x for x in (result.issuer or "", f"{result.year}" if result.year else "",
                                      w["format"].format(format=result.template) if result.template else "") if x)
        parts = [f'<section class="file" id="{anchor}"><h2>{_t(display_path(result.path))}</h2>']
        if meta:
            parts.append(f'<p class="meta">{_t(meta)}</p>')
        if not result.diagnostics:
            parts.append(f'<p class="clean">{w["clean"]}</p>')
        placed = self._tables(result, parts)
        rest = [d for d in result.diagnostics if id(d) not in placed]
        if rest:
            parts.append(f"<h3>{w['text']}</h3>")
            by_section: dict[str, list[Diagnostic]] = defaultdict(list)
            for d in rest:
                by_section[d.location.section or w["whole"]].append(d)
            for section, found in by_section.items():
                parts.append(f"<h4>{_t(section)}</h4><ul class=\"findings\">")
                parts.extend(self._finding(d, result) for d in found)
                parts.append("</ul>")
        parts.append("</section>")
        return "\n".join(parts)

    def _finding(self, d: Diagnostic, result: FileResult) -> str:
        w = self._w
        where = [w["page"].format(page=page_of(d))] if page_of(d) else []
        where.append(w["line"].format(line=d.line))
        item = (f"<li>{self._sev(d)}<span class=\"code\">{_t(d.code)}</span> {_t(d.message)} "
                f"<small>（{escape('，'.join(where))}）</small>")
        if d.expected is not None and d.actual is not None:
            item += f"<br><small>{w['want']}：{_t(d.expected)}　{w['got']}：{_t(d.actual)}</small>"
        position = d.location.position
        if position is not None and 0 < position.line <= len(result.lines):
            line = visible(result.lines[position.line - 1]).replace("\t", " ")
            start = max(position.column - 1, 0)
            end = position.end_column - 1 if position.end_column and position.end_line in (None, position.line) else start
            if len(line) > 160:  # a one-line web page: a window around the span
                left = max(start - 60, 0)
                line, start, end = ("…" if left else "") + line[left:left + 160] + "…", start - left + (1 if left else 0), \
                    end - left + (1 if left else 0)
            if end > start:
                shown = escape(line[:start]) + f"<mark>{escape(line[start:end])}</mark>" + escape(line[end:])
            else:
                shown = escape(line)
            item += f'<blockquote class="src"><span class="ln">{position.line}</span>{shown}</blockquote>'
        return item + "</li>"

    def _tables(self, result: FileResult, parts: list[str]) -> set[int]:
        """Draw every statutory table read in this file; returns the diagnostics shown there."""
        from reportlint.templates import builtin_templates

        template = next((t for t in builtin_templates() if t.version == result.template), None)
        facts = dict(result.facts)
        if template is None or not facts:
            return set()
        w = self._w
        by_key: dict[str, list[Diagnostic]] = defaultdict(list)
        by_table: dict[str, list[Diagnostic]] = defaultdict(list)
        tables = [t for t in template.tables if any(k.startswith(f"{t.key}.") for k in facts)]
        for d in result.diagnostics:
            key = d.location.fact_key
            if key:
                by_key[key].append(d)
                owner = next((t.key for t in tables if key.startswith(f"{t.key}.")), None)
                if owner:
                    by_table[owner].append(d)
        placed: set[int] = set()
        if tables:
            parts.append(f"<h3>{w['tables']}</h3>")
        for table in tables:
            grouped = any(c.group for c in table.columns)
            head = ['<tr><th rowspan="2"></th>' if grouped else "<tr><th></th>"]
            seen_groups: set[str] = set()
            for column in table.columns:
                if column.group:
                    if column.group not in seen_groups:
                        span = sum(1 for c in table.columns if c.group == column.group)
                        head.append(f'<th colspan="{span}">{escape(column.group)}</th>')
                        seen_groups.add(column.group)
                else:
                    head.append(f'<th{" rowspan=2" if grouped else ""}>{escape(column.label)}</th>')
            head.append("</tr>")
            if grouped:
                head.append("<tr>" + "".join(f"<th>{escape(c.label)}</th>" for c in table.columns if c.group)
                            + "</tr>")
            body = []
            for row in table.rows:
                cells = [f'<th class="row">{escape(row.display)}</th>']
                for column in table.columns:
                    key = table.fact_key(row.key, column.key)
                    cells.append(self._cell(key, facts.get(key), by_key.get(key, [])))
                body.append("<tr>" + "".join(cells) + "</tr>")
            grid = (f'<table class="grid" data-table="{table.key}"><caption>{escape(table.number)} '
                    f"{escape(table.label)}</caption>" + "".join(head) + "".join(body) + "</table>")
            notes = sorted(by_table.get(table.key, []), key=lambda d: (_RANK[d.severity.value], d.line))
            aside = ""
            if notes:
                items = "".join(f"<li>{self._sev(d)}<span class=\"code\">{_t(d.code)}</span> {_t(d.message)}</li>"
                                for d in notes)
                aside = f'<aside class="relations"><h4>{w["relations"]}</h4><ul>{items}</ul></aside>'
                placed.update(id(d) for d in notes)
            parts.append(f'<div class="tablebox">{grid}{aside}</div>')
        return placed

    def _cell(self, key: str, value: str | None, found: list[Diagnostic]) -> str:
        shown = _t(value) if value else ("" if value == "" else "—")
        if not found:
            return f'<td class="value" data-key="{key}">{shown}</td>'
        worst = min(found, key=lambda d: _RANK[d.severity.value])
        level = worst.severity.value
        w = self._w
        extra = ""
        blamed = next((d for d in found if d.expected is not None), None)
        if blamed is not None:
            got = _t(blamed.actual) if blamed.actual is not None else shown
            extra = (f'<span class="want">{w["want"]} {_t(blamed.expected)}</span>'
                     f'<span class="got">{w["got"]} {got}</span>')
        codes = " ".join(d.code for d in found)
        title = _t(" / ".join(f"{d.code} {d.message}" for d in found))
        return (f'<td class="value blamed {level}" data-key="{key}" data-codes="{codes}" title="{title}">'
                f"{shown}{extra}</td>")
