"""The loader for pictures of a report (.png, .jpg, .tif …): every page read by OCR.

A multi-page TIFF (what many scanners write) is one page per frame. Rows are rebuilt from
the engine's text boxes exactly as for a scanned PDF page; positions carry the page (frame)
number and the box in pixels. Needs the ``ocr`` extra; without it, api.load_document says
how to install it before this loader is ever asked.
"""

from __future__ import annotations

import io
import re
import warnings
from dataclasses import replace

from reportlint.core_rules import INPUT_REFUSED, INPUT_UNREADABLE
from reportlint.loaders import ocr
from reportlint.loaders.pdf import MAX_PAGES, with_page
from reportlint.loaders.registry import LoadError, LoadLimits
from reportlint.loaders.text import parse_lines
from reportlint.model import Document, Reading, Source


def load_image(source: Source, limits: LoadLimits) -> Document:
    """Read every page (frame) of a picture by OCR into a Document."""
    from PIL import Image, ImageSequence, UnidentifiedImageError

    try:
        with warnings.catch_warnings():  # our own pixel limit, below, says what is refused and why
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            picture = Image.open(io.BytesIO(source.data))
    except Image.DecompressionBombError:
        raise LoadError(INPUT_REFUSED, "图片像素过多（疑似解压炸弹），已拒绝处理",
                        "the image has too many pixels (a decompression bomb?); refused") from None
    except (UnidentifiedImageError, OSError):
        raise LoadError(INPUT_UNREADABLE, "无法读取图片：文件已损坏，或不是能识别的图片格式",
                        "cannot read the image: it is damaged or not a readable picture format") from None
    lines: list[str] = []
    pages: list[int] = []
    readings: list[Reading] = []
    numbers: list[int] = []
    try:
        for number, frame in enumerate(ImageSequence.Iterator(picture), 1):
            if number > MAX_PAGES:
                raise LoadError(INPUT_REFUSED, f"图片超过 {MAX_PAGES} 页，已拒绝处理",
                                f"the image has more than {MAX_PAGES} pages; refused")
            width, height = frame.size
            if width * height > ocr.MAX_IMAGE_PIXELS:
                raise LoadError(INPUT_REFUSED, f"图片 {width}×{height} 像素，超过上限 {ocr.MAX_IMAGE_PIXELS} 像素，已拒绝处理",
                                f"the image is {width}×{height} pixels, over the limit of "
                                f"{ocr.MAX_IMAGE_PIXELS}; refused")
            rows, read = ocr.read_page(frame.convert("RGB"), 1.0, number, "px", len(lines) + 1)
            lines.extend(rows)
            pages.extend([number] * len(rows))
            readings.extend(read)
            numbers.append(number)
    except (OSError, ValueError, Image.DecompressionBombError) as exc:
        # The text only: Pillow's messages can carry object addresses, which differ per run.
        what = re.sub(r" at 0x[0-9a-fA-F]+", "", f"{type(exc).__name__}: {exc}")[:200]
        raise LoadError(INPUT_UNREADABLE, f"无法读取图片：{what}", f"cannot read the image: {what}") from None
    if not any(line.strip() for line in lines):
        raise LoadError(INPUT_UNREADABLE, "图片中没有识别出文字", "no text was recognized in the image")
    rebuilt = replace(source, text="\n".join(lines), encoding="ocr-text", encoding_source="ocr")
    blocks = tuple(with_page(b, pages) for b in parse_lines(lines))
    return Document(source=rebuilt, blocks=blocks, readings=tuple(readings),
                    ocr_engine=ocr.engine_name(), ocr_pages=tuple(numbers))
