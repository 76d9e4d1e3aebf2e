"""The PDF loader: text PDFs, their table rows rebuilt from the page layout.

pdfminer.six gives text lines with their boxes. Lines whose vertical centres agree are one
visual row; sorted left to right they read "label n n n" — the PDF-text shape the
recognizer already understands — even where a plain text extraction would list a table
column by column. Page footers ("- 2 -") are dropped by the text loader.

Positions: ``line`` counts the rebuilt lines through the whole document and ``page`` is
the PDF page; the rebuilt text is kept as the Document's source text, so excerpts and
``reportlint show`` show exactly what was read. Scanned PDFs (images, no text) get a
diagnostic: they need OCR first.
"""

from __future__ import annotations

import io
import math
import re
import zlib
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any

from reportlint.core_rules import INPUT_REFUSED, INPUT_UNREADABLE, OCR_PAGES_UNREAD
from reportlint.loaders import ocr
from reportlint.loaders.registry import LoadError, LoadLimits
from reportlint.loaders.rows import LineItem, row_texts
from reportlint.loaders.text import PAGE_FOOTER_RE, parse_lines
from reportlint.model import Block, Document, Heading, LoadProblem, Paragraph, Position, Reading, Source, Table

MAX_PAGES = 300

# How pdfminer's LAParams group characters into text lines; the pdfium backend follows it.
CHAR_MARGIN = 2.0  # a gap wider than this many character widths starts a new text line
WORD_MARGIN = 0.1  # a gap wider than this fraction of a character's size is a space
LINE_OVERLAP = 0.5  # characters overlapping vertically by this fraction of the lower one share a line


def _pdfminer_lines(page: object) -> list[LineItem]:
    from pdfminer.layout import LTTextLineHorizontal

    items: list[LineItem] = []

    def walk(node: object) -> None:
        if isinstance(node, LTTextLineHorizontal):
            text = node.get_text().strip()
            if text:
                items.append((node.y0, node.y1, node.x0, text))
        elif hasattr(node, "__iter__"):
            for child in node:  # type: ignore[attr-defined]
                walk(child)

    walk(page)
    return items


class _CharCalls:
    """PDFium's per-character text functions, called with plain addresses.

    pypdfium2's bindings convert typed pointer arguments and results on every call, and a
    page has thousands of characters: the same C functions re-declared with ``c_void_p``
    arguments (the structures passed by address, made once) cost a third as much."""

    def __init__(self) -> None:
        import ctypes

        import pypdfium2.raw as pdfium_c

        def bind(function: Any, restype: Any, *argtypes: Any) -> Any:
            address = ctypes.cast(function, ctypes.c_void_p).value or 0
            return ctypes.CFUNCTYPE(restype, *argtypes)(address)

        pointer, index = ctypes.c_void_p, ctypes.c_int
        self.count = bind(pdfium_c.FPDFText_CountChars, ctypes.c_int, pointer)
        self.loose_box = bind(pdfium_c.FPDFText_GetLooseCharBox, ctypes.c_int, pointer, index, pointer)
        self.text_object = bind(pdfium_c.FPDFText_GetTextObject, pointer, pointer, index)
        self.matrix = bind(pdfium_c.FPDFText_GetMatrix, ctypes.c_int, pointer, index, pointer)
        self.font_size = bind(pdfium_c.FPDFText_GetFontSize, ctypes.c_double, pointer, index)
        self.origin = bind(pdfium_c.FPDFText_GetCharOrigin, ctypes.c_int, pointer, index, pointer, pointer)
        self.address = lambda handle: ctypes.cast(handle, ctypes.c_void_p).value
        self.rect = pdfium_c.FS_RECTF()
        self.matrix_out = pdfium_c.FS_MATRIX()
        self.origin_x, self.origin_y = ctypes.c_double(), ctypes.c_double()
        self.at = {name: ctypes.addressof(getattr(self, name)) for name in ("rect", "matrix_out", "origin_x", "origin_y")}


@lru_cache(maxsize=1)
def _char_calls() -> _CharCalls:
    return _CharCalls()


def _pdfium_lines(textpage: object) -> list[LineItem]:
    """Text lines from PDFium's characters, grouped as pdfminer groups them: characters in
    content order, on one line while they overlap vertically and the gap to the previous
    one is under CHAR_MARGIN widths; a gap over WORD_MARGIN is a space.

    Two calls into PDFium per character (its text object, its loose box); the code points
    come in one call, and what a text object shares (font size, matrix, descent) is asked
    once per object."""
    calls = _char_calls()
    handle = calls.address(textpage.raw)  # type: ignore[attr-defined]
    count = calls.count(handle)
    text = _page_text(textpage.raw, count)  # type: ignore[attr-defined]
    rect, matrix, origin_y = calls.rect, calls.matrix_out, calls.origin_y
    rect_at, matrix_at = calls.at["rect"], calls.at["matrix_out"]
    origin_at = (calls.at["origin_x"], calls.at["origin_y"])
    loose_box, text_object = calls.loose_box, calls.text_object
    per_object: dict[int | None, tuple[float, float]] = {}  # object → (size, y offset to pdfminer's y0)
    items: list[LineItem] = []
    chars: list[str] = []
    box: list[float] = []  # x0, y0, x1, y1 of the line so far
    last: tuple[float, float, float, float] | None = None

    def flush() -> None:
        line = "".join(chars).strip()
        if line:
            items.append((box[1], box[3], box[0], line))
        chars.clear()

    for index in range(count):
        char = text[index]
        if char in "\r\n\x00\ufffe\uffff":
            continue  # line breaks PDFium adds itself: the geometry decides
        if not loose_box(handle, index, rect_at):
            continue
        x0, x1 = rect.left, rect.right
        if char.isspace() and x1 - x0 <= 0:
            continue  # a space PDFium generated between words
        key = text_object(handle, index)
        shared = per_object.get(key)
        if shared is None:
            # pdfminer's character box: across, the advance; up, one font size from the
            # descent below the baseline (the size scaled by the character's matrix).
            calls.matrix(handle, index, matrix_at)
            size = calls.font_size(handle, index) * (math.hypot(matrix.c, matrix.d) or 1.0)
            calls.origin(handle, index, *origin_at)
            descent = rect.bottom - origin_y.value
            shared = (size, min(max(descent, -0.3 * size), 0.0) - descent)
            if key is not None:
                per_object[key] = shared
        size, offset = shared
        if 0 < x1 - x0 <= 3 * size:
            y0 = rect.bottom + offset
        else:  # no usable font metrics (seen: 199 pt boxes for 10 pt glyphs): a square from the baseline
            calls.origin(handle, index, *origin_at)
            x0, x1, y0 = calls.origin_x.value, calls.origin_x.value + size, origin_y.value
        y1 = y0 + size
        if last is not None:
            lx0, ly0, lx1, ly1 = last
            overlap = min(y1, ly1) - max(y0, ly0)
            width = max(x1 - x0, lx1 - lx0)
            same_line = (overlap > LINE_OVERLAP * min(y1 - y0, ly1 - ly0)
                         and x0 - lx1 < CHAR_MARGIN * width and x0 >= lx0 - width)
            if not same_line:
                flush()
                box = []
            elif x0 - lx1 > WORD_MARGIN * max(width, y1 - y0) and chars and not chars[-1].isspace() \
                    and not char.isspace():
                chars.append(" ")
        if not chars:
            box = [x0, y0, x1, y1]
        else:
            box = [min(box[0], x0), min(box[1], y0), max(box[2], x1), max(box[3], y1)]
        chars.append(char)
        last = (x0, y0, x1, y1)
    flush()
    return items


def _page_text(handle: object, count: int) -> str:
    """The page's characters, one per character index (PDFium's UTF-16 in one call; a
    character outside the BMP is asked for on its own)."""
    import ctypes

    import pypdfium2.raw as pdfium_c

    buffer = (ctypes.c_ushort * (count + 1))()
    written = pdfium_c.FPDFText_GetText(handle, 0, count, ctypes.cast(buffer, ctypes.POINTER(ctypes.c_ushort)))
    text = bytes(buffer)[: max(written - 1, 0) * 2].decode("utf-16-le", errors="replace")
    if len(text) == count:
        return text
    return "".join(chr(pdfium_c.FPDFText_GetUnicode(handle, i) or 0xFFFE) for i in range(count))


def with_page(block: Block, pages: list[int]) -> Block:
    def at(position: Position | None) -> Position | None:
        if position is None or not 0 < position.line <= len(pages):
            return position
        return replace(position, page=pages[position.line - 1])

    if isinstance(block, Table):
        rows = tuple(tuple(replace(c, position=at(c.position)) for c in row) for row in block.rows)
        return replace(block, rows=rows, position=at(block.position))
    if isinstance(block, (Heading, Paragraph)):
        return replace(block, position=at(block.position))
    return block


class _InflateGuard:
    """Counts the bytes the PDF's Flate streams inflate to, refusing past the limit.

    pdfminer inflates a stream whole, so a 300 KB file whose content stream inflates to
    200 MB would be read (and laid out) in full. Each Flate stream is first inflated with a
    bound (zlib's ``max_length``): one that would pass the document's remaining allowance is
    refused before pdfminer inflates it. pdfminer's stream class is wrapped only while this
    PDF is read (the loader runs one file at a time per process).
    """

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.used = 0

    def check(self, stream: object) -> None:
        from pdfminer.pdftypes import LITERALS_FLATE_DECODE

        raw = getattr(stream, "rawdata", None)
        if raw is None or getattr(stream, "decipher", None):
            return
        filters = [f for f, _ in stream.get_filters()]  # type: ignore[attr-defined]
        if not filters or filters[0] not in LITERALS_FLATE_DECODE:
            return
        self.add(raw)

    def add(self, raw: bytes) -> None:
        """Count what one deflated stream inflates to (at most the allowance left, plus one
        byte); refuse the PDF once the total passes the limit. Not deflated data (or
        encrypted, or corrupt) counts nothing: the PDF library handles it."""
        try:
            inflated = zlib.decompressobj().decompress(raw, self.limit - self.used + 1)
        except zlib.error:
            return
        self.used += len(inflated)
        if self.used > self.limit:
            raise LoadError(
                INPUT_REFUSED,
                f"PDF 的压缩内容解压后超过 {self.limit} 字节，已拒绝处理（可用配置 max-inflated-bytes 调整）",
                f"the PDF's compressed streams inflate to more than {self.limit} bytes; refused "
                "(config max-inflated-bytes)",
            )

    def __enter__(self) -> _InflateGuard:
        from pdfminer.pdftypes import PDFStream

        self.original = PDFStream.decode
        guard = self

        def decode(stream: PDFStream) -> None:
            guard.check(stream)
            guard.original(stream)

        PDFStream.decode = decode  # type: ignore[method-assign, assignment]
        return self

    def __exit__(self, *exc: object) -> None:
        from pdfminer.pdftypes import PDFStream

        PDFStream.decode = self.original  # type: ignore[method-assign]


@dataclass
class _Extracted:
    """What the pages gave: rebuilt rows with their page numbers, and what OCR read."""

    lines: list[str] = field(default_factory=list)
    pages: list[int] = field(default_factory=list)
    readings: list[Reading] = field(default_factory=list)
    ocr_pages: list[int] = field(default_factory=list)
    unread_pages: list[int] = field(default_factory=list)  # scanned pages left unread: no OCR installed

    def add(self, rows: list[str], page: int) -> None:
        self.lines.extend(rows)
        self.pages.extend([page] * len(rows))


def load_pdf(source: Source, limits: LoadLimits) -> Document:
    """Load a PDF into a Document (one rebuilt line per visual row).

    PDFium (pypdfium2) reads the characters and their boxes — an order of magnitude faster
    than pdfminer's layout analysis — and the lines are grouped as pdfminer groups them;
    pdfminer.six reads what PDFium cannot open, and everything when pypdfium2 is absent.
    A page without a text layer (a scan) is rendered and read by OCR when the ``ocr`` extra
    is installed; text pages of the same PDF keep their text layer."""
    try:
        extracted = _pdfium_rows(source.data, limits)
    except _UsePdfminer:
        extracted = _Extracted()
        lines, pages = _pdfminer_rows(source.data, limits)
        extracted.lines, extracted.pages = lines, pages
    lines, pages = extracted.lines, extracted.pages
    if not any(line.strip() for line in lines):
        if extracted.unread_pages:
            hint, hint_en = ocr.not_installed_hint()
            raise LoadError(INPUT_UNREADABLE, f"PDF 中没有可提取的文字（可能是扫描件）；{hint}",
                            f"the PDF has no extractable text (a scan?); {hint_en}")
        raise LoadError(INPUT_UNREADABLE, "PDF 中没有可提取的文字（可能是扫描件，或者是空白页）",
                        "the PDF has no extractable text (a scan, or blank pages)")
    text = "\n".join(lines)
    rebuilt = replace(source, text=text, encoding="pdf-text", encoding_source="pdf")
    blocks = tuple(with_page(b, pages) for b in parse_lines(lines))
    problems: tuple[LoadProblem, ...] = ()
    if extracted.unread_pages:
        numbers = "、".join(map(str, extracted.unread_pages))
        hint, hint_en = ocr.not_installed_hint()
        problems = (LoadProblem(OCR_PAGES_UNREAD, f"第 {numbers} 页没有文字层（扫描页），未能读取，检查结果不含这些页；{hint}",
                                f"page(s) {', '.join(map(str, extracted.unread_pages))} have no text layer "
                                f"(scanned) and were not read; {hint_en}"),)
    return Document(source=rebuilt, blocks=blocks, problems=problems, readings=tuple(extracted.readings),
                    ocr_engine=ocr.engine_name() if extracted.ocr_pages else "",
                    ocr_pages=tuple(extracted.ocr_pages))


class _UsePdfminer(Exception):
    """PDFium is not installed or could not open the file: pdfminer reads it."""


def _too_many_pages() -> LoadError:
    return LoadError(INPUT_REFUSED, f"PDF 超过 {MAX_PAGES} 页，已拒绝处理",
                     f"the PDF has more than {MAX_PAGES} pages; refused")


_STREAM_RE = re.compile(rb"stream\r?\n")


def _check_inflated_size(data: bytes, limit: int) -> None:
    """Refuse a PDF whose deflated streams inflate past ``limit`` before PDFium inflates them
    in C, where no Python-side budget can stop it (the same limit pdfminer's guard keeps)."""
    guard = _InflateGuard(limit)
    for match in _STREAM_RE.finditer(data):
        end = data.find(b"endstream", match.end())
        if end < 0:
            break
        guard.add(data[match.end():end])


def _pdfium_rows(data: bytes, limits: LoadLimits) -> _Extracted:
    try:
        import pypdfium2 as pdfium
    except ImportError:
        raise _UsePdfminer from None
    _check_inflated_size(data, limits.max_inflated_bytes)
    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError:
        raise _UsePdfminer from None
    extracted = _Extracted()
    try:
        if len(document) > MAX_PAGES:
            raise _too_many_pages()
        for number in range(1, len(document) + 1):
            page = document[number - 1]
            textpage = page.get_textpage()
            try:
                rows = row_texts(_pdfium_lines(textpage))
                if not _is_scanned(page, rows):
                    extracted.add(rows, number)
                elif ocr.available():
                    _read_by_ocr(page, number, extracted)
                else:
                    extracted.unread_pages.append(number)
            finally:
                textpage.close()
                page.close()
    finally:
        document.close()
    return extracted


# A page whose text layer holds fewer characters than this, outside page numbers, and
# that an image mostly covers, is a scan (its text layer at most a stamped-on page number).
SCAN_TEXT_CHARS = 20
SCAN_IMAGE_COVER = 0.5


def _is_scanned(page: object, rows: list[str]) -> bool:
    """Whether the page is a picture of a page: (almost) no text, an image over most of it."""
    if sum(len(r.replace(" ", "")) for r in rows if not PAGE_FOOTER_RE.match(r)) >= SCAN_TEXT_CHARS:
        return False
    import pypdfium2.raw as pdfium_c

    width, height = page.get_size()  # type: ignore[attr-defined]
    covered = 0.0
    for image in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=2):  # type: ignore[attr-defined]
        left, bottom, right, top = image.get_bounds()
        covered += max(0.0, min(right, width) - max(left, 0.0)) * max(0.0, min(top, height) - max(bottom, 0.0))
    return covered >= SCAN_IMAGE_COVER * width * height


def _read_by_ocr(page: object, number: int, extracted: _Extracted) -> None:
    """Render a scanned page and read it by OCR into ``extracted`` (rows, their readings)."""
    bitmap = page.render(scale=ocr.RENDER_SCALE)  # type: ignore[attr-defined]
    try:
        rows, readings = ocr.read_page(bitmap.to_pil(), ocr.RENDER_SCALE, number, "pt", len(extracted.lines) + 1)
    finally:
        bitmap.close()
    extracted.add(rows, number)
    extracted.readings.extend(readings)
    extracted.ocr_pages.append(number)


def _pdfminer_rows(data: bytes, limits: LoadLimits) -> tuple[list[str], list[int]]:
    try:
        from pdfminer.high_level import extract_pages
        from pdfminer.layout import LAParams
        from pdfminer.pdfparser import PDFSyntaxError
    except ImportError:  # pragma: no cover - pdfminer.six is a dependency
        raise LoadError(INPUT_UNREADABLE, "未安装 pdfminer.six，无法读取 PDF", "pdfminer.six is not installed") from None
    import logging

    # pdfminer logs every font quirk of real-world PDFs; they are not the user's problem.
    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    lines: list[str] = []
    pages: list[int] = []
    try:
        with _InflateGuard(limits.max_inflated_bytes):
            for number, page in enumerate(extract_pages(io.BytesIO(data), laparams=LAParams()), 1):
                if number > MAX_PAGES:
                    raise _too_many_pages()
                for row in row_texts(_pdfminer_lines(page)):
                    lines.append(row)
                    pages.append(number)
    except LoadError:
        raise
    except (PDFSyntaxError, ValueError, KeyError, TypeError, AttributeError, AssertionError) as exc:
        raise LoadError(INPUT_UNREADABLE, f"无法读取 PDF：{type(exc).__name__}: {exc}",
                        f"cannot read the PDF: {type(exc).__name__}: {exc}") from None
    return lines, pages
