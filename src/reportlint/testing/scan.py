"""Scanned-like PDFs and page pictures made from text PDFs, for testing the OCR path.

A page is rendered to an image (as a scanner would see the printed page), then degraded
the way a real scan is: a slight rotation, a little blur and noise, a red seal over the
signature, JPEG compression. The pictures go back into a PDF as image-only pages — every
page, or only some (a mixed PDF: text pages plus a scanned signature page).

Needs pypdfium2 and Pillow (the ``ocr`` extra brings Pillow), and a CJK font on the system
for rendering the generated PDFs' non-embedded STSong-Light (Debian: fonts-noto-cjk).
"""

from __future__ import annotations

import io
import math
import random
from collections.abc import Iterable
from typing import Any

from reportlint.records import record

SCAN_SCALE = 150 / 72  # the scanner's resolution: 150 dpi, a common office setting


@record(slots=False)
class Degradation:
    """How much a scan spoils the page (the defaults: a careful office scan)."""

    max_rotation: float = 1.0  # degrees, either way
    blur: float = 0.6  # Gaussian radius in pixels at 150 dpi
    noise: float = 6.0  # standard deviation of grey-level noise
    jpeg_quality: int = 70
    seal: bool = True  # a red seal over the signature of the last page


CLEAN = Degradation(max_rotation=0.0, blur=0.0, noise=0.0, jpeg_quality=95, seal=False)


def cjk_font_path() -> str | None:
    """A font file with Chinese glyphs on this system (for drawing a seal's words), or None."""
    import glob

    for pattern in ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
                    "/usr/share/fonts/**/NotoSansCJK*.ttc", "/usr/share/fonts/**/*CJK*.tt[cf]",
                    "/usr/share/fonts/**/wqy*.tt[cf]", "/System/Library/Fonts/PingFang.ttc",
                    "C:/Windows/Fonts/simsun.ttc"):
        found = sorted(glob.glob(pattern, recursive=True))
        if found:
            return found[0]
    return None


def renders_cjk() -> bool:
    """Whether PDFium can draw the generated PDFs' Chinese text here (a CJK font is installed)."""
    return cjk_font_path() is not None


def _span_box(textpage: Any, index: int, count: int, height: float) -> tuple[float, float, float, float]:
    """(left, top, right, bottom) in points from the page's top-left of characters
    ``index`` … ``index + count - 1`` (PDFium measures from the bottom-left)."""
    boxes = [textpage.get_charbox(i) for i in range(index, index + count)]
    return (min(b[0] for b in boxes), height - max(b[3] for b in boxes),
            max(b[2] for b in boxes), height - min(b[1] for b in boxes))


def _signature_box(page: Any, text: str) -> tuple[float, float, float, float] | None:
    """(left, top, right, bottom) in points from the top-left of the last ``text`` on the page."""
    textpage = page.get_textpage()
    try:
        searcher = textpage.search(text, match_case=True)
        last = None
        while (found := searcher.get_next()) is not None:
            last = found
        searcher.close()
        if last is None:
            return None
        index, count = last
        return _span_box(textpage, index, count, page.get_size()[1])
    finally:
        textpage.close()


def _draw_seal(image: Any, centre: tuple[float, float], radius: float, rng: random.Random) -> Any:
    """A red official seal (ring, star, words), multiplied over the page as ink is."""
    from PIL import Image, ImageChops, ImageDraw, ImageFont

    layer = Image.new("RGB", image.size, "white")
    draw = ImageDraw.Draw(layer)
    red = (215 + rng.randint(-15, 15), 40 + rng.randint(-15, 15), 45 + rng.randint(-15, 15))
    x, y = centre
    width = max(2, int(radius / 14))
    draw.ellipse((x - radius, y - radius, x + radius, y + radius), outline=red, width=width)
    star = [(x + radius * 0.3 * (1 if i % 2 == 0 else 0.4) * math.sin(i * math.pi / 5),
             y - radius * 0.3 * (1 if i % 2 == 0 else 0.4) * math.cos(i * math.pi / 5)) for i in range(10)]
    draw.polygon(star, fill=red)
    font_path = cjk_font_path()
    if font_path:  # the words on a seal run around its rim
        font = ImageFont.truetype(font_path, int(radius * 0.24))
        words = "政务公开专用章"
        for i, char in enumerate(words):
            angle = math.radians(-120 + 240 * i / (len(words) - 1))
            glyph = Image.new("L", (int(radius * 0.3),) * 2, 0)
            ImageDraw.Draw(glyph).text((0, 0), char, font=font, fill=255)
            glyph = glyph.rotate(-math.degrees(angle), expand=True)
            gx = x + radius * 0.72 * math.sin(angle) - glyph.width / 2
            gy = y - radius * 0.72 * math.cos(angle) - glyph.height / 2
            layer.paste(Image.new("RGB", glyph.size, red), (int(gx), int(gy)), glyph)
    return ImageChops.multiply(image, layer)


def degrade(image: Any, rng: random.Random, how: Degradation,
            seal_at: tuple[float, float] | None = None) -> Any:
    """The page image as a scanner returns it."""
    from PIL import Image, ImageFilter

    if how.seal and seal_at is not None:
        image = _draw_seal(image, seal_at, image.width * 0.09, rng)
    if how.max_rotation:
        angle = rng.uniform(-how.max_rotation, how.max_rotation)
        image = image.rotate(angle, resample=Image.Resampling.BICUBIC, fillcolor="white")
    if how.blur:
        image = image.filter(ImageFilter.GaussianBlur(how.blur))
    if how.noise:  # grain: Gaussian noise around zero on every channel alike
        import numpy

        # From ``rng``, not Pillow's effect_noise: that draws on the C library's rand(), whose
        # state depends on what the process did before, and the same seed must give the same scan.
        grain = numpy.random.default_rng(rng.getrandbits(64)).normal(0.0, how.noise, (image.height, image.width, 1))
        image = Image.fromarray((numpy.asarray(image).astype(float) + grain).clip(0, 255).astype("uint8"))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=how.jpeg_quality)
    return Image.open(io.BytesIO(buffer.getvalue())).convert("RGB")


# A change written over the printed page before it is scanned: (page, box in points from
# the top-left, new text) — the way to change one cell of a real PDF's table.
Edit = tuple[int, tuple[float, float, float, float], str]


def cell_box(pdf: bytes, page: int, label: str, value: str, nth: int = 0) -> tuple[float, float, float, float]:
    """The box (points, from the top-left) of the ``nth`` figure ``value`` to the right of
    ``label`` on the same row of ``page`` (1-based) — where a table cell is printed."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(pdf)
    try:
        handle = document[page - 1]
        height = handle.get_size()[1]
        textpage = handle.get_textpage()
        try:
            text = textpage.get_text_range()
            start = text.find(label)
            assert start >= 0, f"{label!r} is not on page {page}"
            _, label_top, label_right, label_bottom = _span_box(textpage, start + len(label) - 1, 1, height)
            found = []
            for index in range(len(text) - len(value) + 1):
                if text[index : index + len(value)] != value:
                    continue
                if (index and text[index - 1].isdigit()) or text[index + len(value) : index + len(value) + 1].isdigit():
                    continue
                box = _span_box(textpage, index, len(value), height)
                if label_top - 2 <= (box[1] + box[3]) / 2 <= label_bottom + 2 and box[0] > label_right:
                    found.append(box)
        finally:
            textpage.close()
    finally:
        document.close()
    return sorted(found)[nth]


def _write_over(image: Any, box: tuple[float, float, float, float], text: str) -> Any:
    """``text`` printed in place of whatever stands in ``box`` (points) on the page image."""
    from PIL import ImageDraw, ImageFont

    left, top, right, bottom = (v * SCAN_SCALE for v in box)
    pad = (bottom - top) * 0.3
    draw = ImageDraw.Draw(image)
    draw.rectangle((left - pad, top - pad, right + pad, bottom + pad), fill="white")
    font_path = cjk_font_path()
    font = ImageFont.truetype(font_path, int((bottom - top) * 1.1)) if font_path else ImageFont.load_default()
    draw.text((left, top - pad / 2), text, font=font, fill="black")
    return image


def photograph(image: Any, rng: random.Random, tilt: float = 0.03, shade: float = 0.3) -> Any:
    """The page as a phone photographs it: held not quite square (each corner pulled in by up
    to ``tilt`` of the side, a keystone), lit from one side (darker by up to ``shade``), a
    little soft, JPEG."""
    import numpy
    from PIL import Image, ImageFilter

    width, height = image.size
    seen = [(rng.uniform(0, tilt) * width, rng.uniform(0, tilt) * height),
            (width - rng.uniform(0, tilt) * width, rng.uniform(0, tilt) * height),
            (width - rng.uniform(0, tilt) * width, height - rng.uniform(0, tilt) * height),
            (rng.uniform(0, tilt) * width, height - rng.uniform(0, tilt) * height)]
    frame = [(0, 0), (width, 0), (width, height), (0, height)]
    rows, values = [], []
    for (x, y), (u, v) in zip(frame, seen):  # the perspective mapping of the frame onto what the lens saw
        rows += [[x, y, 1, 0, 0, 0, -u * x, -u * y], [0, 0, 0, x, y, 1, -v * x, -v * y]]
        values += [u, v]
    coefficients = numpy.linalg.solve(numpy.array(rows, float), numpy.array(values, float))
    image = image.transform((width, height), Image.Transform.PERSPECTIVE, tuple(coefficients), Image.Resampling.BICUBIC,
                            fillcolor=(90, 90, 90))
    light = numpy.linspace(1.0, 1.0 - shade, width)[None, :, None] * numpy.linspace(1.0, 1.0 - shade / 2, height)[:, None, None]
    image = Image.fromarray((numpy.asarray(image).astype(float) * light).clip(0, 255).astype("uint8"))
    image = image.filter(ImageFilter.GaussianBlur(0.8))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=75)
    return Image.open(io.BytesIO(buffer.getvalue())).convert("RGB")


def page_images(pdf: bytes, how: Degradation = Degradation(), seed: int = 0,
                seal_over: str | None = None, edits: Iterable[Edit] = ()) -> list[Any]:
    """Every page of ``pdf`` as a scanned picture (PIL images at SCAN_SCALE).

    ``seal_over``: text on the last page (the signing body) that the seal is pressed on;
    ``edits``: text written over the page before it is scanned."""
    import pypdfium2 as pdfium

    rng = random.Random(seed)
    document = pdfium.PdfDocument(pdf)
    images = []
    try:
        for index in range(len(document)):
            page = document[index]
            seal_at = None
            if seal_over and index == len(document) - 1:
                box = _signature_box(page, seal_over)
                if box is not None:
                    seal_at = ((box[0] + box[2]) / 2 * SCAN_SCALE, (box[1] + box[3]) / 2 * SCAN_SCALE)
            image = page.render(scale=SCAN_SCALE).to_pil().convert("RGB")
            for number, box, text in edits:
                if number == index + 1:
                    image = _write_over(image, box, text)
            images.append(degrade(image, rng, how, seal_at))
            page.close()
    finally:
        document.close()
    return images


def scanned_pdf(pdf: bytes, how: Degradation = Degradation(), seed: int = 0, seal_over: str | None = None,
                pages: Iterable[int] | None = None, edits: Iterable[Edit] = ()) -> bytes:
    """``pdf`` with its pages replaced by scanned pictures of them (JPEG image objects).

    ``pages`` (1-based) picks the pages to scan, the others keep their text layer (a mixed
    PDF); all pages by default."""
    import pypdfium2 as pdfium

    images = page_images(pdf, how, seed, seal_over, edits)
    chosen = set(pages) if pages is not None else set(range(1, len(images) + 1))
    source = pdfium.PdfDocument(pdf)
    output = pdfium.PdfDocument.new()
    try:
        for number, image in enumerate(images, 1):
            if number not in chosen:
                output.import_pages(source, [number - 1])
                continue
            width, height = source[number - 1].get_size()
            page = output.new_page(width, height)
            buffer = io.BytesIO()
            image.save(buffer, "JPEG", quality=how.jpeg_quality)
            picture = pdfium.PdfImage.new(output)
            picture.load_jpeg(io.BytesIO(buffer.getvalue()), inline=True)
            picture.set_matrix(pdfium.PdfMatrix().scale(width, height))
            page.insert_obj(picture)
            page.gen_content()
            page.close()
        saved = io.BytesIO()
        output.save(saved)
        return saved.getvalue()
    finally:
        output.close()
        source.close()


def png(image: Any) -> bytes:
    """A PIL image as PNG bytes (a photographed or exported page)."""
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


@record(slots=False)
class ScanComparison:
    """How a scanned copy read against its text original."""

    cells: int  # table values of the original
    right: int  # read the same from the scan
    wrong: tuple[tuple[str, str, str], ...]  # (key, original raw, scanned raw or "—")
    tables_missing: tuple[str, ...]  # statutory tables the original has and the scan lost
    extra_n: tuple[tuple[str, str | None], ...]  # N diagnostics (code, blamed cell) only the scan has
    pages_ocr: int

    @property
    def accuracy(self) -> float:
        return self.right / self.cells if self.cells else 1.0


def compare(original: Any, scanned: Any) -> ScanComparison:
    """Compare two Analyses (api.analyze_bytes) of the same report: the text one, the scanned one."""
    before = {f.key: f for f in original.report.facts} if original.report else {}
    after = {f.key: f for f in scanned.report.facts} if scanned.report else {}
    wrong = tuple((key, fact.raw.strip(), after[key].raw.strip() if key in after else "—")
                  for key, fact in sorted(before.items())
                  if key not in after or after[key].value != fact.value or after[key].kind != fact.kind)
    tables_missing = tuple(sorted(set(original.report.tables_found if original.report else ())
                                  - set(scanned.report.tables_found if scanned.report else ())))

    def relations(analysis: Any) -> set[tuple[str, str | None]]:
        return {(d.code, d.location.fact_key) for d in analysis.diagnostics
                if d.code.startswith("N") and d.severity.value != "info"}

    extra = tuple(sorted(relations(scanned) - relations(original), key=str))
    pages = len(scanned.report.document.ocr_pages) if scanned.report else 0
    return ScanComparison(len(before), len(before) - len(wrong), wrong, tables_missing, extra, pages)
