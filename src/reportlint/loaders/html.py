"""The HTML loader: a report as published on a government portal page.

* The report body is found inside the whole page without site-specific selectors: page
  furniture (navigation, scripts, share bars, footers, related-article lists…) is dropped
  by tag and by class/id words, then the smallest element holding most of the page's
  non-link text is taken as the article. The page title is kept when it sits outside.
* Tables: rowspan/colspan are expanded (``loaders.grid``); a table that contains other
  tables, or lays out paragraphs in a single cell, is a layout table and is read through.
* Word-exported markup: text split across <span>/<font> runs is joined; <br> and <p>
  inside paragraphs split lines; &nbsp; is a blank.
* Page metadata (<meta name="ArticleTitle">, PubDate…, <title>, a visible "发布时间：" line)
  is kept on the Document for the metadata recognizer.
* Positions: the source line of every block and cell; the column where the text can be
  found on that line, else the line's first character.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from lxml import etree

from reportlint.core_rules import INPUT_UNREADABLE
from reportlint.loaders.grid import UNLIMITED, GridBudget, RawCell, clamp_span, expand
from reportlint.loaders.locate import Locator
from reportlint.loaders.registry import LoadError, LoadLimits
from reportlint.loaders.text import heading_from_line
from reportlint.model import Block, Document, Heading, Paragraph, Position, Source, Table
from reportlint.text.normalize import split_numbering

FURNITURE_TAGS = {"script", "style", "noscript", "iframe", "nav", "header", "footer", "aside", "form",
                  "button", "select", "input", "textarea", "svg", "template", "object", "embed", "canvas",
                  "audio", "video", "map", "link"}
# Words in class/id that mark page furniture on Chinese government portals.
FURNITURE_RE = re.compile(
    r"(^|[\s_-])(nav|navbar|menu|header|head|top|topbar|footer|foot|bottom|share|fenxiang|bdshare|jiathis|"
    r"breadcrumb|crumb|position|location|weizhi|dqwz|sidebar|side|aside|related|xgwz|relate|recommend|"
    r"copyright|banquan|toolbar|tools|banner|login|search|sousuo|friend|links|yqlj|qrcode|erweima|"
    r"print|close|comment|pinglun|wza|ariaease|skip|ad|ads)([\s_-]|$)",
    re.IGNORECASE,
)
BLOCK_TAGS = {"p", "div", "li", "dd", "dt", "blockquote", "section", "article", "main", "center",
              "pre", "address", "td", "th", "body", "ul", "ol", "dl", "font", "span"}
HEADING_TAGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
CONTAINER_SHARE = 0.8
META_NAMES = {"articletitle", "pubdate", "contentsource", "keywords", "description", "columnname",
              "sitename", "publishdate", "firstpublishedtime", "author", "dc.title", "dc.date",
              "dcterms.issued"}
_VISIBLE_DATE_RE = re.compile(r"(发布时间|发布日期|发文日期|成文日期)\s*[:：]\s*(\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?)")
_CJK = r"\u3000-\u303f\u3400-\u9fff\uff00-\uffef"
_SPACE_RE = re.compile(r"[\s\u00a0\u3000]+")
_CJK_GAP_RE = re.compile(f"(?<=[{_CJK}]) (?=[{_CJK}\\d])|(?<=[{_CJK}\\d]) (?=[{_CJK}])")


def clean_text(text: str) -> str:
    """Collapse whitespace; drop the spaces source formatting puts between CJK characters."""
    if text.isalnum():  # most cells and words: nothing to collapse (checked in C)
        return text
    collapsed = _SPACE_RE.sub(" ", text).strip()
    return _CJK_GAP_RE.sub("", collapsed)


def _is_furniture(element: etree._Element) -> bool:
    if not isinstance(element.tag, str):
        return True
    if element.tag.lower() in FURNITURE_TAGS:
        return True
    if element.get("hidden") is not None or "display:none" in (element.get("style") or "").replace(" ", "").lower():
        return True
    marks = f"{element.get('class', '')} {element.get('id', '')}"
    return bool(marks.strip()) and bool(FURNITURE_RE.search(marks))


# On the lower-cased page: one literal each, so the scans run at C speed.
_CLASS_VALUE_RE = re.compile(r"""\bclass\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)""")
_ID_VALUE_RE = re.compile(r"""\bid\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)""")


def _names_furniture(page: str) -> bool:
    """Whether any class or id written on the (lower-cased) page holds a furniture word."""
    return any(FURNITURE_RE.search(m.group(1).strip("\"'"))
               for pattern in (_CLASS_VALUE_RE, _ID_VALUE_RE) for m in pattern.finditer(page))


_MARKED = etree.XPath("descendant::*[@class or @id]")
_MAY_HIDE = etree.XPath("descendant::*[@hidden or @style]")


def _strip_furniture(root: etree._Element, source: str | None = None) -> None:
    """Drop page furniture below ``root``. Elements are looked at in Python only where the
    page's ``source`` shows they can be furniture: a class or id with a furniture word, a
    ``hidden`` attribute or a ``display`` style (most pages hide nothing, and a generated
    or Word-exported page names no menu)."""
    candidates = list(root.iter(*FURNITURE_TAGS))
    page = source.lower() if source is not None else None
    if page is None or _names_furniture(page):
        candidates.extend(_MARKED(root))
    if page is None or "hidden" in page or "display" in page:
        candidates.extend(_MAY_HIDE(root))
    for element in candidates:
        if element.getparent() is not None and _is_furniture(element):
            # Keep the tail text (it belongs to the parent).
            _drop(element)


def _drop(element: etree._Element) -> None:
    """Remove ``element`` and what is below it; its tail text stays (it is the parent's)."""
    parent = element.getparent()
    if parent is None:
        return
    if element.tail:
        previous = element.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + element.tail
        else:
            parent.text = (parent.text or "") + element.tail
    parent.remove(element)


_STRING = etree.XPath("string()", smart_strings=False)


def text_content(element: etree._Element) -> str:
    """All the text below ``element`` (lxml.html's text_content, without its element classes)."""
    return str(_STRING(element))


def _visible_length(text: str | None) -> int:
    """Characters of ``text`` that are not blanks."""
    return len("".join(text.split())) if text else 0


def _text_weights(root: etree._Element) -> dict[etree._Element, int]:
    """Non-link text below every element, in one bottom-up pass (links are furniture-like:
    menus and related-article lists are mostly links)."""
    weights: dict[etree._Element, int] = {}

    def visit(element: etree._Element, in_link: bool) -> int:
        link = in_link or element.tag == "a"
        total = 0 if link else _visible_length(element.text)
        for child in element:
            if isinstance(child.tag, str):
                total += visit(child, link)
            if not link:
                total += _visible_length(child.tail)
        weights[element] = total
        return total

    visit(root, False)
    return weights


def find_article(body: etree._Element) -> etree._Element:
    """The smallest element that holds most of the page's non-link text."""
    weights = _text_weights(body)
    current = body
    while True:
        weight = weights.get(current, 0)
        if weight == 0:
            return current
        heavy = [c for c in current if weights.get(c, 0) >= CONTAINER_SHARE * weight]
        if len(heavy) != 1 or heavy[0].tag in ("table", "p", "tr", "tbody"):
            return current
        current = heavy[0]


_LINE_BREAKING = frozenset(("p", "div", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6"))


def _gather(node: etree._Element, parts: list[str]) -> None:
    """Append the text below ``node`` to ``parts``; a <br> or a block child starts a new part."""
    if node.text:
        parts[-1] += node.text
    for child in node:
        tag = child.tag
        if isinstance(tag, str):
            tag = tag.lower()
            if tag == "br":
                parts.append("")
            elif tag in _LINE_BREAKING:
                parts.append("")
                _gather(child, parts)
                parts.append("")
            else:
                _gather(child, parts)
        if child.tail:
            parts[-1] += child.tail


def _lines_of(element: etree._Element) -> list[str]:
    """Text of an element split at <br> and block-level children."""
    parts: list[str] = [""]
    _gather(element, parts)
    cleaned = [clean_text(p) for p in parts]
    return [c for c in cleaned if c]


def _cell_text(cell: etree._Element) -> str:
    """A table cell's text, its lines joined by a blank (cleaned once: cleaning each line
    and then the joined text gives the same)."""
    if len(cell) == 0:  # most cells: no element inside
        return clean_text(cell.text) if cell.text else ""
    parts: list[str] = [""]
    _gather(cell, parts)
    return clean_text(parts[0] if len(parts) == 1 else " ".join(parts))


_ROWS = etree.XPath("./tr|./thead/tr|./tbody/tr|./tfoot/tr")


def _is_layout_table(table: etree._Element, rows: list[etree._Element]) -> bool:
    if table.find(".//table") is not None:
        return True
    # A single cell holding paragraphs is a frame around the article, not data.
    return len(rows) <= 1 and sum(1 for row in rows for cell in row if cell.tag in ("td", "th")) <= 1


class _BlockBuilder:
    def __init__(self, locator: Locator, budget: GridBudget | None = None) -> None:
        self.locator = locator
        self.budget = budget or GridBudget(UNLIMITED)
        self.blocks: list[Block] = []

    def add_lines(self, element: etree._Element, level: int | None = None) -> None:
        for line in _lines_of(element):
            position = self.locator.position(element, line)
            if level is not None:
                numbering, title = split_numbering(line)
                self.blocks.append(Heading(line, numbering, title, position, level))
                continue
            heading = heading_from_line(line, position or Position(0))
            if heading is not None and position is not None:
                self.blocks.append(Heading(heading.text, heading.numbering, heading.title, position))
            else:
                self.blocks.append(Paragraph(line, position))

    def add_table(self, table: etree._Element, rows: list[etree._Element]) -> None:
        raw_rows: list[list[RawCell]] = []
        position = self.locator.position
        for tr in rows:
            row = []
            for cell in tr:
                tag = cell.tag
                if tag != "td" and tag != "th" and (not isinstance(tag, str) or tag.lower() not in ("td", "th")):
                    continue
                text = _cell_text(cell)
                rowspan, colspan = cell.get("rowspan"), cell.get("colspan")
                row.append(RawCell(text, clamp_span(rowspan) if rowspan else 1, clamp_span(colspan) if colspan else 1,
                                   position(cell, text)))
            raw_rows.append(row)
        grid = expand(raw_rows, self.budget)
        if grid:
            self.blocks.append(Table(grid, position(table)))

    def walk(self, element: etree._Element) -> None:
        tag = element.tag.lower() if isinstance(element.tag, str) else ""
        if tag == "table":
            rows = _ROWS(element)
            if _is_layout_table(element, rows):
                for cell in element.xpath(".//td|.//th"):
                    if cell.xpath("ancestor::table[1]")[0] is element:
                        self.walk_children(cell)
            else:
                self.add_table(element, rows)
            return
        if tag in HEADING_TAGS:
            self.add_lines(element, HEADING_TAGS[tag])
            return
        has_block_child = any(
            isinstance(c.tag, str) and c.tag.lower() in (*BLOCK_TAGS, "table", *HEADING_TAGS) and c.tag.lower() not in ("span", "font")
            for c in element
        )
        if not has_block_child:
            self.add_lines(element)
            return
        self.walk_children(element)

    def walk_children(self, element: etree._Element) -> None:
        if element.text and clean_text(element.text):
            self._loose_text(element, element.text)
        for child in element:
            if isinstance(child.tag, str):
                self.walk(child)
            if child.tail and clean_text(child.tail):
                self._loose_text(child, child.tail)

    def _loose_text(self, element: etree._Element, text: str) -> None:
        for line in text.splitlines():
            line = clean_text(line)
            if line:
                position = self.locator.position(element, line)
                self.blocks.append(Paragraph(line, position))


def page_meta(root: etree._Element, lines: dict[str, int] | None = None) -> list[tuple[str, str]]:
    """<meta name=…> values worth keeping, the <title>, and a visible publication date.

    ``lines`` receives the source line of each meta tag (so a late PubDate can be shown).
    """
    meta: list[tuple[str, str]] = []
    for element in root.iter("meta"):
        name = (element.get("name") or element.get("property") or "").strip()
        content = (element.get("content") or "").strip()
        if name and content and name.lower() in META_NAMES:
            meta.append((name, content))
            if lines is not None and getattr(element, "sourceline", None):
                lines.setdefault(name, element.sourceline)
    title = root.find(".//title")
    title_text = clean_text(text_content(title)) if title is not None else ""
    if title_text:
        meta.append(("title", title_text))
    match = _VISIBLE_DATE_RE.search(clean_text(text_content(root)))
    if match:
        meta.append((match.group(1), match.group(2)))
    return meta


def load_html(source: Source, limits: LoadLimits) -> Document:
    """Load an HTML (or XHTML) page into a Document."""
    text = source.text
    if not text.strip():
        raise LoadError(INPUT_UNREADABLE, "网页内容为空", "the page is empty")
    # lxml refuses str input that carries an XML encoding declaration (XHTML).
    text = re.sub(r"^\s*<\?xml[^>]*\?>", "", text)
    # lxml.etree's parser, not lxml.html's: that one looks up a Python element class for
    # every element touched, which cost more than reading the page.
    parser = etree.HTMLParser(remove_comments=True, remove_pis=True, no_network=True, huge_tree=False,
                              recover=True)
    try:
        root = etree.fromstring(text, parser=parser)
        if root is None:
            raise etree.ParserError("Document is empty")
    except (etree.ParserError, etree.XMLSyntaxError, ValueError) as exc:
        raise LoadError(INPUT_UNREADABLE, f"无法解析网页：{exc}", f"cannot parse the page: {exc}") from None
    meta_lines: dict[str, int] = {}
    meta = page_meta(root, meta_lines)
    body = root.find("body")
    if body is None:
        body = root
    _strip_furniture(body, text)
    article = find_article(body)
    builder = _BlockBuilder(Locator(source.lines), GridBudget(limits.max_grid_cells))
    title_heading = _outside_title(body, article)
    if title_heading is not None:
        # The title a CMS shows above the article is the page's, not the report's wording:
        # it is metadata (issuer, year), and rules on the report's own title do not judge it.
        displayed = clean_text(text_content(title_heading))
        meta.append(("displayed-title", displayed))
        where = builder.locator.position(title_heading, displayed)
        if where is not None:
            meta_lines["displayed-title"] = where.line
    builder.walk(article)
    return Document(source=source, blocks=tuple(builder.blocks), meta=tuple(meta),
                    meta_lines=tuple(meta_lines.items()))


def _outside_title(body: etree._Element, article: etree._Element) -> etree._Element | None:
    """A report title in a heading above the article container, if any."""
    for element in body.iter("h1", "h2", "h3"):
        if element is article or any(a is article for a in element.iterancestors()):
            return None  # the article carries its own heading
        text = clean_text(text_content(element))
        if "报告" in text and ("公开" in text or "年度" in text):
            return element
    # Titles are often a styled div/p outside the article container.
    for element in _outside(body, article, set(article.iterancestors())):
        text = clean_text(text_content(element))
        if 8 <= len(text) <= 60 and "年度报告" in text and len(element) <= 3:
            return element
    return None


_TITLE_HOLDERS = ("div", "p", "td", "span")


def _outside(node: etree._Element, article: etree._Element, around: set[etree._Element]
             ) -> Iterator[etree._Element]:
    """The div, p, td and span elements below ``node`` that neither hold nor are inside
    ``article`` (whose ancestors are ``around``), in document order."""
    for child in node:
        if child is article or not isinstance(child.tag, str):
            continue
        if child in around:
            yield from _outside(child, article, around)
        else:
            yield from child.iter(*_TITLE_HOLDERS)
