"""OCR: text boxes read off page images, for scanned PDF pages and pictures of a report.

Optional: the ``ocr`` extra installs RapidOCR (the PP-OCR Chinese detection and recognition
models, shipped inside its wheel and run by ONNX Runtime, offline) — nothing is downloaded at
run time. Without it, scanned pages are reported as unread, with the command that installs it.

The engine gives one box per stretch of text it sees, with the text and a confidence. The
boxes go through the same row reconstruction as a text PDF's lines (loaders/pdf.py), so a
table row comes out as "label n n n" and the recognizer reads it as it reads a text PDF. Each
box is kept as a :class:`~reportlint.model.Reading` (where it stands in the rebuilt text, on
the page, and how sure the engine was), so that what is built on it can say so.
"""

from __future__ import annotations

import math
import os
import re
import threading
from functools import cache
from typing import Any

from reportlint.loaders.rows import LineItem, row_groups
from reportlint.model import Reading
from reportlint.records import record

# PDF pages are rendered at this many pixels per point before OCR: 2.5 is 180 dpi (an A4
# page 1488 × 2105 px, which the engine fits into 2000 px). Measured on 150-dpi degraded
# scans of generated reports (docs/ocr.md): at 2.0 lone "0" cells of small table type go
# unseen (22 of 598 cells wrong), at 2.5 and 3.0 none are, in the same time per page.
RENDER_SCALE = float(os.environ.get("REPORTLINT_OCR_SCALE", "2.5"))
# Text whose least sure character the engine read with less confidence than this is not
# trusted silently (measured on the degraded renders: digits read right score ≥ 0.95; the
# misread characters seen scored 0.59–0.86).
LOW_CONFIDENCE = 0.9
# Address space the engine needs beyond what the process holds (measured: its models and
# ONNX Runtime's threads and buffers take ~1.4 GB of address space, ~0.7 GB resident, at
# the first page; later pages reuse them).
MEMORY_HEADROOM = 2 * 1024 * 1024 * 1024
OCR_SECONDS_PER_PAGE = 20  # what reading one page may add to the file's time budget (measured: ~4 s)
MAX_IMAGE_PIXELS = 80_000_000  # a 600-dpi A3 scan is 70 Mpx (A4: 35 Mpx): beyond is not a page
INSTALL_HINT = "pip install 'reportlint[ocr]'"


@record
class TextBox:
    """One stretch of text the engine read: its box in image pixels (y downward), the slope
    of its baseline (radians, clockwise positive) and the engine's confidence."""

    left: float
    top: float
    right: float
    bottom: float
    text: str
    score: float
    angle: float = 0.0


@cache
def available() -> bool:
    """Whether the ``ocr`` extra is installed (RapidOCR and ONNX Runtime import)."""
    try:
        import onnxruntime  # noqa: F401
        import rapidocr  # noqa: F401
    except Exception:  # noqa: BLE001 - a broken install is an absent one
        return False
    return True


def not_installed_hint() -> tuple[str, str]:
    """What to say where OCR would be needed and the extra is missing (zh, en)."""
    return (f"安装文字识别扩展后即可读取：{INSTALL_HINT}",
            f"install the OCR extra to read it: {INSTALL_HINT}")


_lock = threading.Lock()


@cache
def _engine() -> Any:
    """The OCR engine, built once per process (loading the models takes about half a second)."""
    from rapidocr import RapidOCR

    # No angle classifier: pages are upright (a scan skewed by a degree or two reads fine
    # without it), and it costs a tenth of the time.
    # A lower box threshold than the engine's 0.5 keeps a table's lone single digits, whose
    # detection scores are low (measured: 66 of 598 cells lost at 0.5, 22 at 0.3, at 144 dpi).
    return RapidOCR(params={"Global.use_cls": False, "Global.log_level": "critical", "Det.box_thresh": 0.3})


@cache
def engine_name() -> str:
    """The engine and its models, as the diagnostics name them."""
    from importlib.metadata import version

    from rapidocr import RapidOCR  # noqa: F401 - the version is only meaningful when it imports

    return f"RapidOCR {version('rapidocr')} (PP-OCR)"


def read_image(image: Any) -> list[TextBox]:
    """The text boxes on one page image (a PIL image), in no particular order."""
    import numpy

    array = without_seals(numpy.asarray(image.convert("RGB")))[:, :, ::-1]  # the engine works in BGR
    with _lock:  # one engine per process; its sessions are not meant to be shared across threads
        # Every switch is passed on every call: the engine keeps the last call's switches.
        result = _engine()(array, use_det=True, use_cls=False, use_rec=True, return_word_box=True)
        if result.boxes is None:
            return []
        boxes = _boxes(result)
        return boxes + _missed_cells(array, boxes)


def _boxes(result: Any) -> list[TextBox]:
    """The engine's output as TextBoxes. A box's confidence is that of its least sure
    character: the engine's own figure, the mean over the characters, hides one misread
    character among sure ones (measured: “沭” read as “浦” at 0.76 in a box scoring 0.97)."""
    boxes: list[TextBox] = []
    words = result.word_results if result.word_results and len(result.word_results) == len(result.txts) \
        else [()] * len(result.txts)
    for corners, text, score, characters in zip(result.boxes, result.txts, result.scores, words):
        text = text.strip()
        if not text:
            continue
        if characters:
            score = min(float(character[1]) for character in characters)
        xs = [float(x) for x, _ in corners]
        ys = [float(y) for _, y in corners]
        # Corners run clockwise from the top-left: the top edge gives the baseline's slope.
        angle = math.atan2(ys[1] - ys[0], xs[1] - xs[0]) if xs[1] != xs[0] else 0.0
        boxes.append(TextBox(min(xs), min(ys), max(xs), max(ys), text, float(score), angle))
    return boxes


_NUMBER_RE = re.compile(r"^[+-]?\d[\d,.]*%?$")
MISSED_CELL_SCORE = 0.8  # a re-read cell is kept only when the engine is at least this sure of it


def _missed_cells(array: Any, boxes: list[TextBox]) -> list[TextBox]:
    """Table cells the detector overlooked, found from the row's rhythm and read on their own.

    The detector now and then misses a lone short figure ("0") between others. The figures of
    a statutory table's row sit in columns of equal width; where two neighbouring figures
    stand two or more column steps apart, the cells between them are cut out and given to
    the recognizer alone. A blank cell reads as nothing and adds nothing."""
    numbers = [b for b in boxes if _NUMBER_RE.match(b.text)]
    found: list[TextBox] = []
    for members in row_groups(_line_items(numbers, skew(boxes))):
        row = [numbers[i] for i in members]
        if len(row) < 3:
            continue
        centres = [((b.left + b.right) / 2, (b.top + b.bottom) / 2) for b in row]
        gaps = [b[0] - a[0] for a, b in zip(centres, centres[1:])]
        step = sorted(gaps)[len(gaps) // 2]
        height = max(b.bottom - b.top for b in row)
        if step < height:
            continue  # figures this close are not in a grid of columns
        for (ax, ay), (bx, by), gap in zip(centres, centres[1:], gaps):
            missing = round(gap / step) - 1
            if missing < 1 or abs(gap - (missing + 1) * step) > 0.25 * step:
                continue
            for k in range(1, missing + 1):  # the skipped cells, evenly between their neighbours
                x = ax + (bx - ax) * k / (missing + 1)
                y = ay + (by - ay) * k / (missing + 1)
                box = _read_cell(array, x - step / 2 + 2, y - height / 2 - 2, x + step / 2 - 2, y + height / 2 + 2)
                if box is not None:
                    found.append(box)
    return found


def _read_cell(array: Any, left: float, top: float, right: float, bottom: float) -> TextBox | None:
    """Recognition alone on one cell's image: a figure there, or None."""
    height, width = array.shape[:2]
    x0, y0 = max(int(left), 0), max(int(top), 0)
    x1, y1 = min(int(right), width), min(int(bottom), height)
    if x1 - x0 < 4 or y1 - y0 < 4:
        return None
    result = _engine()(array[y0:y1, x0:x1], use_det=False, use_cls=False, use_rec=True, return_word_box=False)
    texts, scores = getattr(result, "txts", None), getattr(result, "scores", None)
    if not texts or not scores:
        return None
    text, score = texts[0].strip(), float(scores[0])
    if not _NUMBER_RE.match(text) or score < MISSED_CELL_SCORE:
        return None
    return TextBox(float(x0), float(y0), float(x1), float(y1), text, score)


def without_seals(rgb: Any) -> Any:
    """The page with its red seals faded out, the text under them kept.

    A seal is pressed over the signature and the date; in grey it is as dark as the text and
    the engine misreads both. Inside each seal-shaped red patch (about square, 1.3–8 cm
    across) the seal's ink — red and mid-bright — is whitened and every other pixel turns
    grey: a black stroke under the seal (red after JPEG blurs the colour, but dark) stays.
    Red text elsewhere (a red title) is a wide strip, not a seal, and is left alone."""
    import cv2
    import numpy

    red_channel = rgb[:, :, 0].astype(numpy.int16)
    red = (red_channel > 140) & (red_channel - rgb[:, :, 1] > 60) & (red_channel - rgb[:, :, 2] > 50)
    if red.sum() < 500:
        return rgb
    height, width = red.shape
    mask = cv2.dilate(red.astype(numpy.uint8), numpy.ones((15, 15), numpy.uint8))
    count, _, stats, _ = cv2.connectedComponentsWithStats(mask)
    cleaned = None
    for left, top, w, h, _ in stats[1:count]:
        if not (0.6 < w / h < 1.6 and 0.06 * width < min(w, h) and max(w, h) < 0.4 * width):
            continue
        if cleaned is None:
            cleaned = rgb.copy()
        patch = cleaned[top : top + h, left : left + w]
        # Brightness: JPEG keeps it sharp where it blurs colour, so a black stroke under the
        # seal is red in colour but dark in brightness, while the seal's ink is mid-bright.
        luma = patch @ numpy.array([0.299, 0.587, 0.114])
        ink = red[top : top + h, left : left + w] & (luma > 70)
        patch[:] = luma.astype(numpy.uint8)[:, :, None]  # grey: the text under the seal as it is
        patch[ink] = 255  # the seal's own ink goes (a merely paled ring still reads as "0" or "O")
    return rgb if cleaned is None else cleaned


def skew(boxes: list[TextBox]) -> float:
    """The page's rotation (radians), from the slopes of its long text lines: a scan fed
    in slightly crooked turns every line by the same small angle."""
    slopes = sorted(b.angle for b in boxes
                    if b.right - b.left >= 3 * (b.bottom - b.top) and abs(b.angle) < math.radians(10))
    return slopes[len(slopes) // 2] if len(slopes) >= 3 else 0.0


def straighten(boxes: list[TextBox], angle: float) -> list[tuple[float, float, float, float]]:
    """(left, top, right, bottom) of each box on the page turned back by ``angle``: on a
    crooked scan the two ends of one table row lie at different heights, on the straightened
    page they share a row again."""
    if not angle:
        return [(b.left, b.top, b.right, b.bottom) for b in boxes]
    cos, sin = math.cos(-angle), math.sin(-angle)
    straightened = []
    for b in boxes:
        cx, cy = (b.left + b.right) / 2, (b.top + b.bottom) / 2
        x, y = cx * cos - cy * sin, cx * sin + cy * cos  # the centre, turned about the origin
        # The box's own extent, measured along the text (the axis-aligned box of a tilted
        # line is taller than the line by its width × the slope).
        half_width = (b.right - b.left) / 2
        half_height = max((b.bottom - b.top) / 2 - abs(math.sin(angle)) * half_width, (b.bottom - b.top) / 4)
        straightened.append((x - half_width, y - half_height, x + half_width, y + half_height))
    return straightened


def _line_items(boxes: list[TextBox], angle: float) -> list[LineItem]:
    """The boxes as the row reconstruction takes them (y upward), on the page straightened
    by ``angle``. Rows are grouped by vertical centres within a fraction of a box's height;
    a lone digit's box is much shorter than a line of text, so each box counts as at least a
    typical line's height (on a scan, a row's last figure otherwise drifts onto its own row)."""
    heights = sorted(b.bottom - b.top for b in boxes)
    typical = heights[len(heights) // 2] if heights else 0.0
    items: list[LineItem] = []
    for box, (left, top, _, bottom) in zip(boxes, straighten(boxes, angle)):
        centre, half = (top + bottom) / 2, max(bottom - top, typical) / 2
        items.append((-(centre + half), -(centre - half), left, box.text))
    return items


def read_page(image: Any, scale: float, page: int | None, unit: str, first_line: int) -> tuple[list[str], list[Reading]]:
    """Read one page image by OCR: its rebuilt text rows and a Reading for every box.

    The file's budget first grows by what reading a page is allowed (time, and the engine's
    memory); ``scale`` is image pixels per page ``unit``; ``first_line`` is the line number
    the page's first row gets in the document."""
    from reportlint.budget import extend

    extend(OCR_SECONDS_PER_PAGE, MEMORY_HEADROOM)
    return page_rows(read_image(image), scale, page, unit, first_line)


def page_rows(boxes: list[TextBox], scale: float, page: int | None, unit: str,
              first_line: int) -> tuple[list[str], list[Reading]]:
    """Rebuilt text rows of one page's boxes, read by the text PDF's row reconstruction,
    and a Reading for every box in them."""
    groups = row_groups(_line_items(boxes, skew(boxes)))
    if groups and page is not None and _is_page_number([boxes[i].text for i in groups[-1]], page):
        groups.pop()  # "- 3 -" at the foot of page 3, its dashes lost in the scan
    lines: list[str] = []
    readings: list[Reading] = []
    for offset, members in enumerate(groups):
        column = 1
        parts: list[str] = []
        for index in members:
            box = boxes[index]
            if parts:
                column += 1  # the space between boxes
            readings.append(Reading(first_line + offset, column, column + len(box.text), page,
                                    (box.left / scale, box.top / scale, box.right / scale, box.bottom / scale),
                                    round(box.score, 3), unit))
            parts.append(box.text)
            column += len(box.text)
        lines.append(" ".join(parts))
    return lines, readings


_PAGE_NUMBER_RE = re.compile(r"^[\s\-—–－~·.]*(?:第\s*)?(\d{1,3})(?:\s*页)?[\s\-—–－~·.]*$")


def _is_page_number(texts: list[str], page: int) -> bool:
    match = _PAGE_NUMBER_RE.match(" ".join(texts))
    return match is not None and int(match.group(1)) == page
