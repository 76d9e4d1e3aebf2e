"""What a report says about itself: title, issuer, year, statistics period, signature.

All searches run on compact text (whitespace removed, positions kept), so PDF spacing
("2024 年 1 月 1 日") and lines wrapped mid-phrase read like clean text.
"""

from __future__ import annotations

import re

from reportlint.model import DateValue, Document, Heading, Metadata, Paragraph, Position
from reportlint.records import record
from reportlint.text.dates import ANY_DATE_RE, parse_match
from reportlint.text.normalize import CompactText, compact, compact_fold, fold

TITLE_SEARCH_BLOCKS = 8
SIGNATURE_SEARCH_BLOCKS = 4
MAX_BODY_CHARS = 40

_TITLE_RE = re.compile(
    r"^(?P<pre>.*?)(?P<year>(?:19|20)\d{2})年度?(?P<post>.*?)"
    r"(?:政府信息公开|政务公开|信息公开)(?:工作)?(?:年度)?(?:工作)?报告"
)
_TITLE_NO_YEAR_RE = re.compile(r"^(?P<pre>.*?)(?:政府信息公开|政务公开)(?:工作)?(?:年度)?报告")
_PERIOD_RE = re.compile(
    r"统计(?:期限|周期|时限|时间|区间|范围|期间)?(?:为|是|从|自|：|:)?"
    r"(?P<start>(?P<sy>\d{4})年(?P<sm>\d{1,2})月(?P<sd>\d{1,2})日)(?:起)?"
    r"(?:至|到|—|－|-|~|～)"
    r"(?P<end>(?:(?P<ey>\d{4})年)?(?P<em>\d{1,2})月(?P<ed>\d{1,2})日)(?:止)?"
)
# A line that is only a body's name: CJK characters ending like an institution.
_BODY_LINE_RE = re.compile(r"^[\u4e00-\u9fff（）()]+(政府|局|委|委员会|办公室|办|厅|院|署|中心|处|所|站|街道|办事处|公司|集团|部|会)$")
_PUBLISHED_RE = re.compile(r"(?:发布|公开|发文)(?:时间|日期)[:：]")
_PAGE_DATE_KEYS = ("pubdate", "publishdate", "firstpublishedtime", "publishtime", "pubtime",
                   "releasedate", "dc.date", "dcterms.issued", "发布时间", "发布日期", "发文日期")
_PAGE_TITLE_KEYS = ("displayed-title", "articletitle", "dc.title", "title", "标题")
_LOOSE_DATE_RE = re.compile(r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})")


def _text_blocks(document: Document) -> list[tuple[int, Heading | Paragraph]]:
    return [
        (i, b) for i, b in enumerate(document.blocks) if isinstance(b, (Heading, Paragraph))
    ]


def _compact_of(blocks: list[Heading | Paragraph]) -> CompactText:
    return compact([(b.text, b.position) for b in blocks])


def _clean_body(name: str) -> str:
    name = name.strip("：:，,。 （）()“”\"")
    for prefix in ("关于", "关于印发"):
        if name.startswith(prefix):
            name = name[len(prefix) :]
    return name.rstrip("的")


@record(slots=False)
class _Title:
    text: str
    position: Position | None
    issuer: str | None
    year: int | None


def find_title(document: Document) -> _Title | None:
    """The report title among the first blocks; a title may wrap over two lines.

    A CMS title shown above a web page's article is page metadata (the HTML loader keeps
    it as ``displayed-title``), not one of these blocks.
    """
    blocks = [b for _, b in _text_blocks(document)[:TITLE_SEARCH_BLOCKS]]
    found = _find_title_in(blocks)
    return found[0] if found else None


def _find_title_in(blocks: list[Heading | Paragraph], start: int = 0) -> tuple[_Title, int] | None:
    for i, block in enumerate(blocks):
        if i < start:
            continue
        text = compact_fold(block.text).lstrip("#")
        if "报告" not in text and "公开" in text and i + 1 < len(blocks) and len(text) < 40:
            joined = text + compact_fold(blocks[i + 1].text)
            if "报告" in joined[:60]:
                text = joined
        # A title ends with 报告 (a trailing bracketed note such as （全文） is allowed).
        text = re.sub(r"[（(][^（）()]{1,10}[）)]$", "", text)
        if not text.endswith("报告") or "公开" not in text or len(text) > 80:
            continue
        match = _TITLE_RE.match(text)
        if match:
            issuer = _clean_body(match.group("pre")) or _clean_body(match.group("post"))
            position = block.position
            if not issuer and i > 0:
                # A title set on two lines: the body's name above "2023年…年度报告".
                above = compact_fold(blocks[i - 1].text).lstrip("#")
                if 2 <= len(above) <= MAX_BODY_CHARS and _BODY_LINE_RE.match(above):
                    issuer, text, position = above, above + text, blocks[i - 1].position
            return _Title(text, position, issuer or None, int(match.group("year"))), i
        match = _TITLE_NO_YEAR_RE.match(text)
        if match:
            return _Title(text, block.position, _clean_body(match.group("pre")) or None, None), i
    return None


def _title_from_page(document: Document) -> _Title | None:
    """The title from page metadata (ArticleTitle, <title>) when the body has none."""
    for key in _PAGE_TITLE_KEYS:
        for name, value in document.meta:
            if name.lower() != key:
                continue
            text = compact_fold(value)
            match = _TITLE_RE.match(text)
            if match:
                issuer = _clean_body(match.group("pre")) or _clean_body(match.group("post"))
                return _Title(text, None, issuer or None, int(match.group("year")))
    return None


def find_period(text: CompactText) -> tuple[DateValue, DateValue, str, Position | None] | None:
    """The statistics period sentence ("统计期限为…至…"), anywhere in the text."""
    match = _PERIOD_RE.search(text.text)
    if not match:
        return None
    start_year = int(match.group("sy"))
    end_year = int(match.group("ey")) if match.group("ey") else start_year
    start = _date_value(start_year, match.group("sm"), match.group("sd"), match.group("start"),
                        text.position(match.start("start"), match.end("start")))
    end = _date_value(end_year, match.group("em"), match.group("ed"), match.group("end"),
                      text.position(match.start("end"), match.end("end")))
    return start, end, match.group(0), text.position(match.start(), match.end())


def _date_value(year: int, month: str, day: str, raw: str, position: Position | None) -> DateValue:
    import datetime as dt

    try:
        date: dt.date | None = dt.date(year, int(month), int(day))
    except ValueError:
        date = None
    return DateValue(date, raw, position)


_DATE_LINE_RE = re.compile(rf"^(?P<body>.*?)[（(]?(?P<date>{ANY_DATE_RE.pattern})[）)]?$")


def find_signature(document: Document) -> tuple[str | None, Position | None, DateValue | None]:
    """The signature block at the end: the issuing body and the 成文日期."""
    blocks = _text_blocks(document)
    tail = blocks[-SIGNATURE_SEARCH_BLOCKS:]
    for offset in range(len(tail) - 1, -1, -1):
        index, block = tail[offset]
        text = compact_fold(block.text)
        match = _DATE_LINE_RE.match(text)
        if not match or len(match.group("body")) > MAX_BODY_CHARS:
            continue
        parsed = parse_match(ANY_DATE_RE.search(match.group("date")))  # type: ignore[arg-type]
        start = block.text.find(parsed.raw[:1])
        column = (block.position.column if block.position else 1) + max(start, 0)
        date_pos = None
        if block.position:
            date_pos = Position(block.position.line, column)
        # Keep the spelling as written (spaces included) for the date rules.
        date = DateValue(parsed.date, parsed.raw, date_pos)
        body = match.group("body").strip()
        body_pos = block.position if body else None
        if not body:
            previous = [b for i, b in blocks if i < index][-1:]
            if previous:
                candidate = compact_fold(previous[0].text)
                if len(candidate) <= MAX_BODY_CHARS and not candidate.endswith(("。", "；", "，")):
                    body, body_pos = candidate, previous[0].position
        return (body or None), body_pos, date
    return None, None, None


def find_publication_date(document: Document) -> DateValue | None:
    """The publication date from page metadata or a visible "发布时间：" line."""
    lines = dict(document.meta_lines)
    for key, value in document.meta:
        if key.lower() in _PAGE_DATE_KEYS:
            match = _LOOSE_DATE_RE.search(value)
            if match:
                where = Position(lines[key], 1) if key in lines else None
                return _date_value(int(match.group(1)), match.group(2), match.group(3), value, where)
    for _, block in _text_blocks(document)[:20]:
        text = fold(block.text)
        found = _PUBLISHED_RE.search(text)
        if found:
            match = _LOOSE_DATE_RE.search(text, found.end())
            if match:
                return _date_value(int(match.group(1)), match.group(2), match.group(3),
                                   match.group(0), block.position)
    return None


def recognize_metadata(document: Document) -> Metadata:
    """Collect the report's metadata; what is absent stays None."""
    title = find_title(document)
    title_source = "body" if title else None
    if title is None:
        title = _title_from_page(document)
        title_source = "page" if title else None
    text = _compact_of([b for _, b in _text_blocks(document)])
    period = find_period(text)
    body, body_pos, signature_date = find_signature(document)
    report_year = title.year if title else None
    year_source = "title" if report_year else None
    if report_year is None and period and period[0].date:
        report_year, year_source = period[0].date.year, "period"
    return Metadata(
        title=title.text if title else None,
        title_position=title.position if title else None,
        title_source=title_source,
        issuer=title.issuer if title else None,
        report_year=report_year,
        report_year_source=year_source,
        period_start=period[0] if period else None,
        period_end=period[1] if period else None,
        period_text=period[2] if period else None,
        period_position=period[3] if period else None,
        signature_body=body,
        signature_body_position=body_pos,
        signature_date=signature_date,
        publication_date=find_publication_date(document),
        page_meta=document.meta,
    )

