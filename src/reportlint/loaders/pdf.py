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
from dataclasses import replace

from reportlint.core_rules import INPUT_REFUSED, INPUT_UNREADABLE
from reportlint.loaders.registry import LoadError, LoadLimits
from reportlint.loaders.text import parse_lines
from reportlint.model import Block, Document, Heading, Paragraph, Position, Source, Table

MAX_PAGES = 300
ROW_TOLERANCE = 0.45  # fraction of a line's height within which two centres are one row


def _page_rows(page: object) -> list[str]:
    from pdfminer.layout import LTTextLineHorizontal

    items: list[tuple[float, float, float, str]] = []

    def walk(node: object) -> None:
        if isinstance(node, LTTextLineHorizontal):
            text = node.get_text().strip()
            if text:
                items.append((node.y0, node.y1, node.x0, text))
        elif hasattr(node, "__iter__"):
            for child in node:  # type: ignore[attr-defined]
                walk(child)

    walk(page)
    items.sort(key=lambda item: (-(item[0] + item[1]) / 2, item[2]))
    rows: list[tuple[float, list[tuple[float, str]]]] = []
    for y0, y1, x0, text in items:
        centre, height = (y0 + y1) / 2, max(y1 - y0, 1.0)
        if rows and abs(rows[-1][0] - centre) < height * ROW_TOLERANCE:
            rows[-1][1].append((x0, text))
        else:
            rows.append((centre, [(x0, text)]))
    return [" ".join(text for _, text in sorted(cells)) for _, cells in rows]


def _with_page(block: Block, pages: list[int]) -> Block:
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
        import zlib

        from pdfminer.pdftypes import LITERALS_FLATE_DECODE

        raw = getattr(stream, "rawdata", None)
        if raw is None or getattr(stream, "decipher", None):
            return
        filters = [f for f, _ in stream.get_filters()]  # type: ignore[attr-defined]
        if not filters or filters[0] not in LITERALS_FLATE_DECODE:
            return
        allowance = self.limit - self.used
        try:
            inflated = zlib.decompressobj().decompress(raw, allowance + 1)
        except zlib.error:
            return  # pdfminer has its own handling of corrupt streams
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

        PDFStream.decode = decode  # type: ignore[method-assign]
        return self

    def __exit__(self, *exc: object) -> None:
        from pdfminer.pdftypes import PDFStream

        PDFStream.decode = self.original  # type: ignore[method-assign]


def load_pdf(source: Source, limits: LoadLimits) -> Document:
    """Load a text PDF into a Document (one rebuilt line per visual row)."""
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
            for number, page in enumerate(extract_pages(io.BytesIO(source.data), laparams=LAParams()), 1):
                if number > MAX_PAGES:
                    raise LoadError(INPUT_REFUSED, f"PDF 超过 {MAX_PAGES} 页，已拒绝处理",
                                    f"the PDF has more than {MAX_PAGES} pages; refused")
                for row in _page_rows(page):
                    lines.append(row)
                    pages.append(number)
    except LoadError:
        raise
    except (PDFSyntaxError, ValueError, KeyError, TypeError, AttributeError, AssertionError) as exc:
        raise LoadError(INPUT_UNREADABLE, f"无法读取 PDF：{type(exc).__name__}: {exc}",
                        f"cannot read the PDF: {type(exc).__name__}: {exc}") from None
    if not any(line.strip() for line in lines):
        raise LoadError(INPUT_UNREADABLE, "PDF 中没有可提取的文字（可能是扫描件，请先进行文字识别）",
                        "the PDF has no extractable text (a scan? run OCR first)")
    text = "\n".join(lines)
    rebuilt = replace(source, text=text, encoding="pdf-text", encoding_source="pdf")
    blocks = tuple(_with_page(b, pages) for b in parse_lines(lines))
    return Document(source=rebuilt, blocks=blocks)
