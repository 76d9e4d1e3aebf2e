"""Throughput of ``reportlint check`` work per file, against the floor of decoding + lxml.

Generates N consistent reports in each input format, then times (a) the floor: decoding
the bytes and parsing them with lxml (HTML) or reading them (text), and (b) the full
pipeline: load, recognize and run every rule. Prints files per second and ms per file,
and what the per-file budget (max-seconds-per-file, max-memory-per-file) costs: the full
pipeline with the budget on (the default) against the same with both set to 0.

    python bench/throughput.py [N]
"""

from __future__ import annotations

import sys
import time

from lxml import html as lxml_html

from reportlint.api import analyze_bytes
from reportlint.config import Config
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


def _per_file(items: list[tuple[bytes, str]], config: Config | None) -> float:
    start = time.perf_counter()
    for data, name in items:
        analyze_bytes(data, name, config)
    return (time.perf_counter() - start) / len(items)


def _budget_overhead(rounds: int = 20000) -> float:
    """Seconds the per-file budget adds to one file (arming and disarming it)."""
    from reportlint.budget import file_budget

    start = time.perf_counter()
    for _ in range(rounds):
        with file_budget(30, 1 << 30):
            pass
    return (time.perf_counter() - start) / rounds


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    started = time.perf_counter()
    get_registry()
    print(f"plugin registry loaded in {time.perf_counter() - started:.3f}s (once per process)")
    inputs = _inputs(count)
    print(f"{'format':<16} {'files':>6} {'floor ms/file':>14} {'full ms/file':>13} {'files/s':>9} {'x floor':>8} "
          f"{'no budget ms':>13} {'budget cost':>12}")
    unbudgeted = Config(max_seconds_per_file=0, max_memory_per_file=0)
    fastest = float("inf")
    for fmt, items in inputs.items():
        start = time.perf_counter()
        for data, name in items:
            binary = name.endswith(("docx", "pdf"))
            text = "" if binary else decode(data, "html" if name.endswith("html") else "txt").text
            if name.endswith(("html", "xml")):
                lxml_html.document_fromstring(text.encode("utf-8"))
        floor = (time.perf_counter() - start) / len(items)
        # Alternate the two modes and keep each one's best round: caches warm up on the
        # first pass, and a machine's noise is larger than the budget's cost.
        full = bare = float("inf")
        for _ in range(3):
            full = min(full, _per_file(items, None))
            bare = min(bare, _per_file(items, unbudgeted))
        ratio = f"{full / floor:>8.1f}" if floor > 0 else "       -"
        print(f"{fmt:<16} {len(items):>6} {floor * 1000:>14.3f} {full * 1000:>13.2f} {1 / full:>9.1f} {ratio} "
              f"{bare * 1000:>13.2f} {(full - bare) / bare * 100:>11.1f}%")
        fastest = min(fastest, bare)
    overhead = _budget_overhead()
    print(f"per-file budget: {overhead * 1e6:.1f} µs to arm and disarm, {overhead / fastest * 100:.2f}% of the "
          "fastest format's time per file (the columns above differ by machine noise)")


if __name__ == "__main__":
    main()
