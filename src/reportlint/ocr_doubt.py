"""What text read by OCR changes in the diagnostics: the engine's doubt is passed on.

OCR digits are never silently trusted:

* a file read (partly) by OCR gets one O001 saying which pages and which engine;
* a diagnostic that blames a table cell read with low confidence (a relation that does not
  hold, a prose figure that contradicts the table …), or that stands on text read with low
  confidence (a signature that differs from the title by one misread character), is not an
  error against the author but "可能是识别错误" at info level, naming where on the page it is;
* so is a finding of one character written for another (M001, M005) on OCR'd text, however
  sure the engine was, and a missing section whose title stands in OCR'd text unnumbered;
* every other statutory-table figure read with low confidence gets an O002 to check it
  against the paper.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import replace

from reportlint.config import Config
from reportlint.core_rules import OCR_LOW_CONFIDENCE, OCR_READ
from reportlint.loaders.ocr import LOW_CONFIDENCE
from reportlint.model import Diagnostic, Document, Fact, Position, Reading, Report, Severity
from reportlint.text.normalize import compact_fold, split_numbering

# What a rule's findings mean on OCR'd text is the rule's own declaration (``rule(ocr=…)``,
# reportlint.rules.OCR_SENSES), so a pack's rules take part too:
# - "glyph-form": the form of a character — a full-width bracket or a half-width one, “、” or
#   “.” — which OCR cannot tell (its engine writes brackets and stops in the form it prefers):
#   such findings on OCR'd text are not made, and the O001 note says so;
# - "absence": a missing part (by its expected heading) may be there with its numbering unread
#   — a seal over “六、” leaves “、其他需要报告的事项”;
# - "signature": a missing signature may be under the seal of an OCR'd last page;
# - "one-character": one character written for another, lost or added is exactly how OCR
#   fails, under a seal above all, even when it is sure of itself (measured: “沭” read as “浦”
#   at 0.79 and at 0.93 on two photographs of one sealed page).

# (code, message, message_en, position) → a core diagnostic for this file.
MakeDiagnostic = Callable[[str, str, str, Position | None], Diagnostic]


def fact_reading(report: Report, fact: Fact) -> Reading | None:
    """The least sure OCR reading under a fact's value, or None where it was not OCR'd."""
    readings = report.document.readings_at(fact.position)
    return min(readings, key=lambda r: r.score) if readings else None


def _cell(fact: Fact) -> str:
    return f"「{fact.table_label} · {fact.row_label} · {fact.column_label}」"


def _doubt(fact: Fact, reading: Reading) -> tuple[str, str]:
    """How to say that a cell may be misread (zh, en)."""
    where, where_en = reading.region()
    return (f"{_cell(fact)}识别为“{fact.raw.strip()}”，置信度 {reading.score:.2f}（{where}）",
            f"{_cell(fact)} was read as “{fact.raw.strip()}” with confidence {reading.score:.2f} ({where_en})")


def _text_of(reading: Reading, lines: tuple[str, ...] | list[str]) -> str:
    line = lines[reading.line - 1] if 0 < reading.line <= len(lines) else ""
    return line[reading.column - 1 : reading.end_column - 1]


def _doubt_text(reading: Reading, lines: tuple[str, ...] | list[str]) -> tuple[str, str]:
    """How to say that a stretch of text may be misread (zh, en)."""
    where, where_en = reading.region()
    text = _text_of(reading, lines)
    return (f"“{text}”识别置信度 {reading.score:.2f}（{where}）",
            f"“{text}” was read with confidence {reading.score:.2f} ({where_en})")


def _last_page_ocrd(document: Document) -> bool:
    """Whether the document's last page is one that OCR read."""
    last_line = len(document.source.lines)
    return any(r.line >= last_line - 3 for r in document.readings)


def _one_apart(expected: str | None, actual: str | None) -> bool:
    """Whether two spellings differ by one character: one written for another, one lost, or
    one added (what a seal or a speck does to a line)."""
    if not expected or not actual or expected == actual or abs(len(expected) - len(actual)) > 1:
        return False
    if len(expected) == len(actual):
        return sum(a != b for a, b in zip(expected, actual)) == 1
    longer, shorter = (expected, actual) if len(expected) > len(actual) else (actual, expected)
    return any(longer[:i] + longer[i + 1 :] == shorter for i in range(len(longer)))


def _unnumbered(expected: str, document: Document) -> Reading | None:
    """An OCR'd stretch that is the expected heading's title without its numbering."""
    _, title = split_numbering(expected)
    title = compact_fold(title)
    if len(title) < 4:
        return None
    lines = document.source.lines
    for reading in document.readings:
        text = compact_fold(_text_of(reading, lines))
        if title in text and len(text) <= len(title) + 3:  # the title, a stop or two, no numeral
            return reading
    return None


def apply_ocr_doubt(diagnostics: Iterable[Diagnostic], report: Report, config: Config,
                    make: MakeDiagnostic, senses: Mapping[str, str]) -> tuple[list[Diagnostic], list[Diagnostic]]:
    """The rules' diagnostics with OCR's doubt passed on, and the O001/O002 diagnostics to
    add (see the module). ``senses``: each code's OCR sense, as its rule declares it."""
    diagnostics = list(diagnostics)
    document = report.document
    if not document.readings:
        return diagnostics, []
    facts = {f.key: f for f in report.facts}
    read = {f.key: r for f in report.facts if (r := fact_reading(report, f)) is not None}  # once per fact
    unsure = {key: r for key, r in read.items() if r.score < LOW_CONFIDENCE and facts[key].kind != "empty"}
    out: list[Diagnostic] = []
    added: list[Diagnostic] = []
    mentioned: set[str] = set()
    unjudged = 0
    for diagnostic in diagnostics:
        if senses.get(diagnostic.code) == "glyph-form" and document.readings_at(diagnostic.location.position):
            unjudged += 1
            continue
        key = diagnostic.location.fact_key
        doubt: tuple[str, str] | None = None
        if key in unsure:
            mentioned.add(key)
            doubt = _doubt(facts[key], unsure[key])
        elif senses.get(diagnostic.code) == "absence" and diagnostic.expected:
            found = _unnumbered(diagnostic.expected, document)
            if found is not None:
                where, where_en = found.region()
                doubt = (f"{where}有“{_text_of(found, document.source.lines)}”，可能就是这一部分，其序号未能识别",
                         f"{where_en} reads “{_text_of(found, document.source.lines)}”, probably this part "
                         "with its numbering unread")
        elif senses.get(diagnostic.code) == "signature" and document.ocr_pages and _last_page_ocrd(document):
            last = document.ocr_pages[-1]
            where = "图像末页" if document.source.kind != "pdf" else f"第 {last} 页"
            doubt = (f"{where}由文字识别读取，落款处常压有印章，落款可能在印章下未能识别",
                     f"the last page ({last}) was read by OCR; a signature under a seal may be there unread")
        elif key not in facts:  # a finding about text (a name, a date, a heading): its own span's readings
            under = document.readings_at(diagnostic.location.position)
            shaky = [r for r in under if r.score < LOW_CONFIDENCE]
            if shaky:
                doubt = _doubt_text(min(shaky, key=lambda r: r.score), document.source.lines)
            elif under and senses.get(diagnostic.code) == "one-character" and _one_apart(diagnostic.expected, diagnostic.actual):
                reading = min(under, key=lambda r: r.score)
                where, where_en = reading.region()
                doubt = (f"“{diagnostic.actual}”与“{diagnostic.expected}”只差一个字（{where}，识别置信度 "
                         f"{reading.score:.2f}），扫描件上的一字之差常是识别所致",
                         f"“{diagnostic.actual}” is one character from “{diagnostic.expected}” ({where_en}, "
                         f"confidence {reading.score:.2f}); on a scan that is often the reading's doing")
        if doubt is not None:
            zh, en = doubt
            message = (f"可能是识别错误：{zh}，请对照原件核对。{diagnostic.message}" if config.lang != "en" else
                       f"possibly misread by OCR: {en}; check it against the paper. {diagnostic.message}")
            severity = Severity(config.severity.get(diagnostic.code, Severity.INFO.value))
            diagnostic = replace(diagnostic, message=message, severity=severity)
        out.append(diagnostic)
    what, what_en = ocr_pages_words(report)
    added.append(make(
        OCR_READ,
        f"{what}由文字识别读取（{document.ocr_engine}）：表格中识别出 {len(read)} 个数，"
        f"其中 {len(unsure)} 个置信度低于 {LOW_CONFIDENCE}；识别出的文字看不出标点和括号的全角半角，"
        f"未检查其写法{f'（{unjudged} 处）' if unjudged else ''}；识别结果请以原件为准",
        f"{what_en if document.source.kind == 'pdf' else what_en + ' was'} read by OCR ({document.ocr_engine}): "
        f"{len(read)} table figures read, {len(unsure)} with confidence below {LOW_CONFIDENCE}; whether its brackets "
        f"and stops are full- or half-width cannot be read, so their form was not checked"
        f"{f' ({unjudged} places)' if unjudged else ''}; the paper is authoritative",
        _first_position(document.readings)))
    for key, reading in unsure.items():
        if key in mentioned:
            continue  # said once: the diagnostic that blames the cell already doubts it
        zh, en = _doubt(facts[key], reading)
        added.append(make(OCR_LOW_CONFIDENCE, f"{zh}，请对照原件核对", f"{en}; check it against the paper",
                          facts[key].position))
    return out, added


def ocr_pages_words(report: Report) -> tuple[str, str]:
    """Which pages OCR read, in words (zh, en): "第 3 页没有文字层，" / "the image"."""
    document = report.document
    pages = document.ocr_pages
    if document.source.kind != "pdf":
        return (("图片" if len(pages) <= 1 else f"图片（共 {len(pages)} 页）"),
                "the image" if len(pages) <= 1 else f"the image ({len(pages)} pages)")
    return (f"第 {'、'.join(map(str, pages))} 页没有文字层，",
            f"page(s) {', '.join(map(str, pages))} have no text layer and were")


def _first_position(readings: tuple[Reading, ...]) -> Position | None:
    first = min(readings, key=lambda r: r.line)
    return Position(first.line, first.column, first.line, first.end_column, first.page)
