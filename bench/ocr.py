"""OCR speed, memory and accuracy: scanned PDFs read through the ``ocr`` extra.

    python bench/ocr.py [N]        # N generated reports (default 6), and the corpus PDFs

Each report is written as a text PDF, then scanned (reportlint.testing.scan: 150 dpi, up to a
degree of rotation, blur, grain, JPEG, a red seal on the signature) and checked. Prints, per
input: pages read by OCR, seconds per page, cells read right against the text PDF, and what
the scan says that the text PDF does not; then pages/s/core over all of it, the one-time
engine start, and the peak memory (max RSS) of this process. Needs the ``ocr`` extra and a
CJK font (Debian: fonts-noto-cjk) to render the generated PDFs.
"""

from __future__ import annotations

import os
import platform
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"


def main(count: int) -> None:
    from reportlint.api import analyze_bytes
    from reportlint.loaders import ocr
    from reportlint.testing.generate import random_report
    from reportlint.testing.scan import compare, renders_cjk, scanned_pdf
    from reportlint.testing.writers import write_pdf

    if not ocr.available():
        sys.exit("the ocr extra is not installed: pip install 'reportlint[ocr]'")
    if not renders_cjk():
        sys.exit("no CJK font to render the generated PDFs (Debian: apt-get install fonts-noto-cjk)")
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}; "
          f"engine: {ocr.engine_name()}, render scale {ocr.RENDER_SCALE}")
    from PIL import Image

    started = time.perf_counter()
    ocr.read_image(Image.new("RGB", (200, 100), "white"))  # the first call loads the models
    print(f"engine start (models loaded once per process): {time.perf_counter() - started:.2f} s")
    inputs: list[tuple[str, bytes, str | None]] = []
    for seed in range(count):
        data = random_report(seed, "2021" if seed % 2 == 0 else "2019")
        inputs.append((f"generated #{seed} ({data.version})", write_pdf(data), data.issuer))
    for name in ("2023_hongzequ.pdf", "2024_hongzequ.pdf"):
        if (CORPUS / name).exists():
            inputs.append((f"corpus {name}", (CORPUS / name).read_bytes(), None))
    pages = cells = right = 0
    spent = 0.0
    cpu = 0.0
    print(f"{'input':32} {'pages':>5} {'s/page':>7} {'cells right':>14}  added by the scan")
    for label, pdf, issuer in inputs:
        original = analyze_bytes(pdf, "text.pdf")
        seal = issuer or (original.report.metadata.signature_body if original.report else None)
        scanned = scanned_pdf(pdf, seed=len(label), seal_over=seal)
        before, cpu_before = time.perf_counter(), time.process_time()
        analysis = analyze_bytes(scanned, "scan.pdf")
        took, cpu_took = time.perf_counter() - before, time.process_time() - cpu_before
        comparison = compare(original, analysis)
        said = {d.code for d in original.diagnostics}
        added = sorted(f"{d.code}({d.severity.value})" for d in analysis.diagnostics if d.code not in said)
        pages += comparison.pages_ocr
        cells += comparison.cells
        right += comparison.right
        spent += took
        cpu += cpu_took
        print(f"{label:32} {comparison.pages_ocr:>5} {took / max(comparison.pages_ocr, 1):>7.2f} "
              f"{comparison.right:>6}/{comparison.cells:<6}  {' '.join(added) or '—'}")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\nall: {pages} pages in {spent:.1f} s wall, {cpu:.1f} s CPU: {pages / spent:.2f} pages/s wall, "
          f"{pages / cpu:.2f} pages/s per core of CPU time; cells right {right}/{cells} ({right / cells:.2%}); "
          f"peak memory (max RSS) {peak:.0f} MB")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 6)
