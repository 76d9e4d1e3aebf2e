"""``reportlint show``: what was recognized, as text or JSON.

The first tool anyone uses to debug a loader: format version (and why), metadata, the
sections found, every fact with its position, and what could not be recognized.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from reportlint.api import Analysis
from reportlint.issuers import LEVEL_NAMES, Issuer, analyze_issuer
from reportlint.loaders.ocr import LOW_CONFIDENCE
from reportlint.model import DateValue, Position, Reading, Report
from reportlint.ocr_doubt import fact_reading, ocr_pages_words
from reportlint.templates import Template
from reportlint.text.blocks import block_position, prose_paragraphs
from reportlint.text.numbers import format_decimal
from reportlint.text.quantities import (
    ProseQuantity,
    RequestTotal,
    accepted_request_totals,
    prose_quantities,
    request_totals,
)


def _pos(position: Position | None) -> dict[str, int | None] | None:
    if position is None:
        return None
    return {"line": position.line, "column": position.column, "page": position.page}


def _date(value: DateValue | None) -> dict[str, Any] | None:
    if value is None:
        return None
    return {"date": value.date.isoformat() if value.date else None, "raw": value.raw,
            "position": _pos(value.position)}


def json_number(value: Decimal | None) -> int | str | None:
    """Integers as JSON numbers; decimals as strings so no precision is lost."""
    if value is None:
        return None
    if value == value.to_integral_value():
        return int(value)
    return format_decimal(value)


def _quantities(report: Report, template: Template | None) -> list[tuple[ProseQuantity, Position | None]]:
    """The counts of table quantities stated in the report's prose, with where each stands:
    the paragraphs the X rules read (table text left out, wrapped lines joined)."""
    if template is None:
        return []
    out = []
    for block in prose_paragraphs(report, template):
        for quantity in prose_quantities(block.text):
            out.append((quantity, block_position(block, quantity.start, quantity.end)))
    return out


def _request_totals(report: Report, template: Template | None) -> list[tuple[RequestTotal, Position | None]]:
    """The statements of the year's request total that X001 compares with table 三."""
    if template is None:
        return []
    return [(total, block_position(block, total.start, total.end))
            for block in prose_paragraphs(report, template) for total in request_totals(block.text)]


def report_to_dict(analysis: Analysis) -> dict[str, Any]:
    """The recognized structure as a JSON-ready dictionary."""
    report = analysis.report
    assert report is not None
    source = report.document.source
    meta = report.metadata
    return {
        "path": analysis.path,
        "kind": source.kind,
        "encoding": source.encoding,
        "encoding_source": source.encoding_source,
        "format": {
            "version": report.template_version,
            "by_year": report.format_by_year,
            "by_labels": report.format_by_labels,
            "fingerprints": [
                {"version": v, "label": label, "position": _pos(p)} for v, label, p in report.fingerprints
            ],
            "extensions": list(analysis.template.extensions) if analysis.template else [],
        },
        "packs": list(analysis.active_packs),
        "metadata": {
            "title": meta.title,
            "title_position": _pos(meta.title_position),
            "issuer": meta.issuer,
            "report_year": meta.report_year,
            "report_year_source": meta.report_year_source,
            "period": None if meta.period_start is None else {
                "start": _date(meta.period_start),
                "end": _date(meta.period_end),
                "text": meta.period_text,
                "position": _pos(meta.period_position),
            },
            "signature": {
                "body": meta.signature_body,
                "body_position": _pos(meta.signature_body_position),
                "date": _date(meta.signature_date),
            },
            "publication_date": _date(meta.publication_date),
            "page_meta": dict(meta.page_meta),
        },
        "issuer": _issuer_dict(analyze_issuer(meta, report.document)),
        "sections": [
            {
                "key": s.key,
                "heading": s.heading,
                "numbering": s.numbering,
                "title": s.title,
                "position": _pos(s.position),
                "duplicate": s.duplicate_of is not None,
                "score": s.score,
            }
            for s in report.sections
        ],
        "tables": list(report.tables_found),
        "facts": [
            {
                "key": f.key,
                "table": f.table_label,
                "row_label": f.row_label,
                "column_label": f.column_label,
                "value": json_number(f.value),
                "kind": f.kind,
                "raw": f.raw,
                "position": _pos(f.position),
                "source_label": f.source_label,
                "by_order": f.by_order,
                "recovered": f.recovered,
                "ocr": _reading_dict(fact_reading(report, f)),
                "other_format": f.other_format or None,
                "note": f.note or None,
                "unit": f.unit or None,
            }
            for f in report.facts
        ],
        "prose_quantities": [
            {"quantity": q.quantity, "label": q.label, "value": format_decimal(q.value),
             "keys": list(q.cells_for(report.fact_map) or ()), "sure": q.sure, "phrase": q.phrase,
             "position": _pos(position)}
            for q, position in _quantities(report, analysis.template)
        ],
        "request_totals": [
            {"value": format_decimal(t.value), "phrase": t.phrase, "position": _pos(position)}
            for t, position in _request_totals(report, analysis.template)
        ],
        "unrecognized": [
            {"what": u.what, "message": u.message, "message_en": u.message_en, "position": _pos(u.position)}
            for u in report.unrecognized
        ],
    }


def _reading_dict(reading: Reading | None) -> dict[str, Any] | None:
    """Where and how surely OCR read a value (None: not OCR'd)."""
    if reading is None:
        return None
    return {"score": reading.score, "low": reading.score < LOW_CONFIDENCE, "page": reading.page,
            "box": [round(v, 1) for v in reading.box], "unit": reading.unit}


def _line(position: Position | None) -> str:
    if position is None:
        return "—"
    return f"p{position.page}·L{position.line}" if position.page else f"L{position.line}"


def _date_text(value: DateValue | None) -> str:
    if value is None:
        return "（未找到）"
    return f"{value.raw}（{_line(value.position)}）"


def _issuer_dict(issuer: Issuer | None) -> dict[str, Any] | None:
    """The issuer analysis for JSON: place, level and how they were decided."""
    if issuer is None:
        return None
    return {
        "name": issuer.name,
        "places": list(issuer.places),
        "body": issuer.body,
        "division": issuer.code,
        "path": issuer.path,
        "township": issuer.township,
        "level": issuer.level,
        "how": issuer.how,
        "candidates": list(issuer.candidates),
        "key": issuer.key,
    }


def report_to_text(analysis: Analysis) -> str:
    """The recognized structure as readable text (Chinese labels as in the report)."""
    report: Report | None = analysis.report
    assert report is not None
    source = report.document.source
    meta = report.metadata
    out: list[str] = []
    out.append(f"文件　　{analysis.path}（{source.kind}，{source.encoding}，{source.encoding_source}）")
    if report.document.ocr_pages:
        what, _ = ocr_pages_words(report)
        unsure = sum(1 for r in report.document.readings if r.score < LOW_CONFIDENCE)
        out.append(f"文字识别　{what.rstrip('，')}，由 {report.document.ocr_engine} 识别；"
                   f"{len(report.document.readings)} 处文字，{unsure} 处置信度低于 {LOW_CONFIDENCE}（下文标“识别”的数来自识别）")
    prints = "、".join(f"{label}@{_line(p)}" for _, label, p in report.fingerprints[:6])
    out.append(
        f"格式　　{report.template_version}（按年度：{report.format_by_year or '—'}；"
        f"按标签：{report.format_by_labels or '—'}{'：' + prints if prints else ''}）"
    )
    if analysis.active_packs:
        out.append(f"规则包　{'、'.join(analysis.active_packs)}")
    out.append(f"标题　　{meta.title or '（未找到）'}（{_line(meta.title_position)}）")
    out.append(f"发布机关　{meta.issuer or '（未找到）'}")
    issuer = analyze_issuer(meta, report.document)
    if issuer is not None:
        where = issuer.path or (f"未确定（{len(issuer.candidates)} 处同名）" if issuer.candidates else "未确定")
        level = LEVEL_NAMES.get(issuer.level or "", "未确定")
        out.append(f"　所在地　{where}{'（' + issuer.code + '）' if issuer.code else ''}")
        out.append(f"　层级　　{level}（{issuer.how}）")
    out.append(f"报告年度　{meta.report_year or '（未确定）'}（来源：{meta.report_year_source or '—'}）")
    if meta.period_start and meta.period_end:
        out.append(f"统计期限　{meta.period_start.date} 至 {meta.period_end.date}：“{meta.period_text}”（{_line(meta.period_position)}）")
    else:
        out.append("统计期限　（未找到）")
    out.append(f"落款机关　{meta.signature_body or '（未找到）'}（{_line(meta.signature_body_position)}）")
    out.append(f"成文日期　{_date_text(meta.signature_date)}")
    out.append(f"发布日期　{_date_text(meta.publication_date)}")
    out.append("")
    out.append(f"章节（{len(report.sections)}）")
    for section in report.sections:
        if section.key is None:
            what = "不在全国模板中"
        elif section.duplicate_of is not None:
            what = f"{section.key}（重复）"
        else:
            what = section.key
        out.append(f"  {_line(section.position):<6} {section.heading}  → {what}")
    out.append("")
    current = None
    for fact in report.facts:
        if fact.table_label != current:
            current = fact.table_label
            out.append(f"{current}")
        value = fact.raw.strip() if fact.kind != "empty" else "（空）"
        flags = []
        if fact.by_order:
            flags.append("按位置对应")
        if fact.recovered:
            flags.append("连写数字按勾稽关系拆分")
        reading = fact_reading(report, fact)
        if reading is not None:
            flags.append(f"识别 {reading.score:.2f}" + ("，置信度低" if reading.score < LOW_CONFIDENCE else ""))
        if fact.other_format:
            flags.append(f"{fact.other_format} 年格式的行，键 {fact.key}")
        if fact.kind in ("nil", "invalid"):
            flags.append(fact.kind)
        if fact.note:
            flags.append(f"附注 {fact.note}")
        flag = f"  [{'，'.join(flags)}]" if flags else ""
        out.append(f"  {_line(fact.position):<6} {fact.row_label} · {fact.column_label} = {value}{flag}")
    found = _quantities(report, analysis.template)
    totals = _request_totals(report, analysis.template)
    if found or totals:
        out.append("")
        out.append(f"正文中的数量（{len(found) + len(totals)}，X001/X005 与表格核对）")
        named = accepted_request_totals(report.fact_map)
        allowed = {figure for _, figure in named}
        table = "、".join(f"{name} {format_decimal(figure)}" for name, figure in named)
        for total, position in totals:
            verdict = "表格中无数可核" if not allowed else ("相符" if total.value in allowed else "不一致")
            out.append(f"  {_line(position):<6} “{total.phrase}” → 申请总数（与新收、新收加结转或（七）总计之一核对）："
                       f"{table or '—'}（{verdict}）")
        for quantity, position in found:
            keys = quantity.cells_for(report.fact_map)
            if keys is None:
                cell = "表格中无此单元格，不核对"
            else:
                summed = sum((report.fact_map[k].value or Decimal(0) for k in keys), Decimal(0))
                cell = f"表格 {format_decimal(summed)}" + ("" if summed == quantity.value else "（不一致）")
            out.append(f"  {_line(position):<6} “{quantity.phrase}” → {quantity.label}：{cell}"
                       + ("（依句意）" if quantity.sure != "确定" else ""))
    if report.unrecognized:
        out.append("")
        out.append(f"未识别（{len(report.unrecognized)}）")
        for item in report.unrecognized:
            out.append(f"  {_line(item.position):<6} {item.message}")
    return "\n".join(out)
