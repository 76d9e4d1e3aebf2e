"""Throughput of ``reportlint check`` work per file, against the floor of decoding + lxml.

Generates N consistent reports in each input format, then times (a) the floor: decoding
the bytes and parsing them with lxml (HTML) or reading them (text), and (b) the full
pipeline: load, recognize and run every rule. Prints files per second and ms per file.

    python bench/throughput.py [N]
"""

from __future__ import annotations

import sys
import time

from lxml import html as lxml_html

from reportlint.api import analyze_bytes
from reportlint.loaders.decode import decode
from reportlint.plugins import get_registry
from reportlint.testing.generate import random_report
from reportlint.testing.writers import write_docx, write_html, write_pdf, write_text, write_xml


def _inputs(count: int) -> dict[str, list[tuple[bytes, str]]]:
    out: dict[str, list[tuple[bytes, str]]] = {"txt (web copy)": [], "md": [], "pdf text": [], "html": [],
                                                "xml": [], "docx": [], "pdf": []}
    for seed in range(count):
        data = random_report(seed)
        out["txt (web copy)"].append((write_text(data, "webcopy").encode(), "r.txt"))
        out["md"].append((write_text(data, "markdown").encode(), "r.md"))
        out["pdf text"].append((write_text(data, "pdftext").encode(), "r.txt"))
        out["html"].append((write_html(data, "gbk").encode("gbk"), "r.html"))
        out["xml"].append((write_xml(data).encode(), "r.xml"))
        out["docx"].append((write_docx(data), "r.docx"))
        out["pdf"].append((write_pdf(data), "r.pdf"))
    return out


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    started = time.perf_counter()
    get_registry()
    print(f"plugin registry loaded in {time.perf_counter() - started:.3f}s (once per process)")
    inputs = _inputs(count)
    print(f"{'format':<16} {'files':>6} {'floor ms/file':>14} {'full ms/file':>13} {'files/s':>9} {'x floor':>8}")
    for fmt, items in inputs.items():
        start = time.perf_counter()
        for data, name in items:
            binary = name.endswith(("docx", "pdf"))
            text = "" if binary else decode(data, "html" if name.endswith("html") else "txt").text
            if name.endswith(("html", "xml")):
                lxml_html.document_fromstring(text.encode("utf-8"))
        floor = (time.perf_counter() - start) / len(items)
        start = time.perf_counter()
        for data, name in items:
            analyze_bytes(data, name)
        full = (time.perf_counter() - start) / len(items)
        ratio = f"{full / floor:>8.1f}" if floor > 0 else "       -"
        print(f"{fmt:<16} {len(items):>6} {floor * 1000:>14.3f} {full * 1000:>13.2f} {1 / full:>9.1f} {ratio}")


if __name__ == "__main__":
    main()
