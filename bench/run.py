"""Speed and memory of reportlint, per input kind, against each kind's floor — in one run.

    python bench/run.py [N [BATCH]]  # N generated reports per kind (default 100), a batch of
                                     # BATCH files for -j and memory (default 1500)

For each input kind, on N generated reports and on the real reports in ../shared/corpus:

- ms/file and files/s/core of the whole check (load, recognize, every rule), one process;
- the floor: what any tool must spend on that input — text: decode + one regex pass over
  the lines; HTML: decode + lxml parse + reading every cell's text; DOCX: unzip + parse
  word/document.xml; PDF: the PDF library's bare text extraction (PDFium's, page by page);
- the ratio of the two, and the peak memory (max RSS) of a process that checks them all.

Then the CLI's wall times (median of several runs, .pyc cache warm): ``reportlint --version``
and ``reportlint check`` on the seed. Each kind runs in a fresh process, so one kind's
caches and memory do not flatter another's.

Last, a batch as an auditor runs it: ``reportlint check`` over a directory of generated
reports (text, HTML and Word mixed) with ``-j 1`` and ``-j 2`` — the speed-up of the second
— and the peak memory of a ``-j 1`` run over a tenth of the files against all of them
(flat: the same).
"""

from __future__ import annotations

import json
import os
import platform
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
SEED = ROOT / "fixtures" / "reports" / "2020_dalanzhen_seed.txt"
KINDS = ("txt", "md", "html", "docx", "pdf")
_LINE_RE = re.compile(r"[\d.]+|[^\s\d]+")


def generated(kind: str, count: int) -> list[tuple[bytes, str]]:
    """``count`` consistent generated reports of one kind (non-zero tables)."""
    from reportlint.testing.generate import random_report
    from reportlint.testing.writers import write_docx, write_html, write_pdf, write_text

    out = []
    for seed in range(count):
        data = random_report(seed)
        if kind == "txt":
            out.append((write_text(data, "webcopy").encode(), "r.txt"))
        elif kind == "md":
            out.append((write_text(data, "markdown").encode(), "r.md"))
        elif kind == "html":
            out.append((write_html(data, "gbk").encode("gbk"), "r.html"))
        elif kind == "docx":
            out.append((write_docx(data), "r.docx"))
        else:
            out.append((write_pdf(data), "r.pdf"))
    return out


def corpus(kind: str) -> list[tuple[bytes, str]]:
    """The real reports of one kind (crawler copies count as text)."""
    if not CORPUS.is_dir():
        return []
    suffixes = {"txt": (".txt",), "md": (".md",), "html": (".html", ".htm"), "docx": (".docx",), "pdf": (".pdf",)}[kind]
    return [(p.read_bytes(), p.name) for p in sorted(CORPUS.rglob("*")) if p.suffix in suffixes and p.name != "README.md"]


def floor(data: bytes, name: str) -> None:
    """The least work any reader of this input must do."""
    from reportlint.loaders.decode import decode

    if name.endswith(".pdf"):
        import pypdfium2 as pdfium

        document = pdfium.PdfDocument(data)
        for page in document:
            page.get_textpage().get_text_range()
        document.close()
    elif name.endswith(".docx"):
        from lxml import etree

        with zipfile.ZipFile(__import__("io").BytesIO(data)) as archive:
            etree.fromstring(archive.read("word/document.xml"))
    elif name.endswith((".html", ".htm")):
        from lxml import etree

        # Parsed from the decoded text, as the loader parses it (bytes re-encoded as UTF-8
        # would be read by the page's own charset declaration, e.g. GBK, and cut short).
        root = etree.fromstring(decode(data, "html").text, etree.HTMLParser())
        text_of = etree.XPath("string()")
        for cell in root.iter("td", "th"):
            text_of(cell)
    else:
        for line in decode(data, "txt").text.splitlines():
            _LINE_RE.findall(line)


def timed(items: list[tuple[bytes, str]], work, rounds: int = 3) -> float:  # type: ignore[no-untyped-def]
    """Seconds per item, the best of ``rounds`` passes (noise only ever adds time)."""
    best = float("inf")
    for _ in range(rounds):
        start = time.perf_counter()
        for data, name in items:
            work(data, name)
        best = min(best, (time.perf_counter() - start) / len(items))
    return best


def measure(kind: str, source: str, count: int) -> dict[str, object]:
    """Run in a child process: one kind, generated or corpus."""
    from reportlint.api import analyze_bytes
    from reportlint.plugins import get_registry

    get_registry()
    items = generated(kind, count) if source == "generated" else corpus(kind)
    if not items:
        return {}
    # Throughput is the steady state of a long run: one file first, untimed, so that a kind's
    # one-time costs (importing its PDF library, loading the place tables, compiling the
    # patterns it uses) are not charged to two corpus files.
    analyze_bytes(*items[0])
    floor(*items[0])
    rounds = 2 if kind == "pdf" and source == "generated" else 5
    check = timed(items, lambda d, n: analyze_bytes(d, n), rounds)
    base = timed(items, floor, rounds)
    return {"files": len(items), "ms": check * 1000, "floor_ms": base * 1000,
            "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def cli_times(runs: int = 7) -> dict[str, float]:
    """Median wall seconds of whole CLI processes (the .pyc cache warmed first)."""
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "src"), str(ROOT / "rules" / "national")],
                   capture_output=True, check=False)
    env = {**os.environ}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    exe = str(Path(sys.executable).with_name("reportlint"))
    out = {}
    for label, args in (("reportlint --version", ["--version"]), ("reportlint check seed", ["check", str(SEED)])):
        subprocess.run([exe, *args], capture_output=True, env=env, check=False)  # warm: writes any .pyc
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            subprocess.run([exe, *args], capture_output=True, env=env, check=False)
            times.append(time.perf_counter() - start)
        out[label] = statistics.median(times)
    return out


def write_batch(folder: Path, count: int) -> None:
    """``count`` generated reports in ``folder``: 4 in 5 as web-copy text, the rest HTML
    and Word (a province's reports come in all three)."""
    from reportlint.testing.generate import random_report
    from reportlint.testing.writers import write_docx, write_html, write_text

    for seed in range(count):
        data = random_report(seed)
        if seed % 10 == 8:
            (folder / f"r{seed:05d}.html").write_bytes(write_html(data, "gbk").encode("gbk"))
        elif seed % 10 == 9:
            (folder / f"r{seed:05d}.docx").write_bytes(write_docx(data))
        else:
            (folder / f"r{seed:05d}.txt").write_text(write_text(data, "webcopy"), encoding="utf-8")


def cli_run(paths: list[str], jobs: int, out: Path) -> tuple[float, float]:
    """Wall seconds and the peak memory (MB, the largest process) of one ``reportlint check``."""
    exe = str(Path(sys.executable).with_name("reportlint"))
    code = ("import resource, subprocess, sys, time\n"
            "start = time.perf_counter()\n"
            "subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)\n"
            "print(time.perf_counter() - start, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024)\n")
    child = subprocess.run([sys.executable, "-c", code, exe, "check", "-j", str(jobs), "-f", "json", "-o", str(out),
                            *paths], capture_output=True, text=True, check=True)
    seconds, megabytes = child.stdout.split()
    return float(seconds), float(megabytes)


def batch_figures(count: int) -> None:
    """-j 2 against -j 1 over ``count`` files, and memory over a tenth of them against all."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "reports"
        folder.mkdir()
        write_batch(folder, count)
        files = sorted(str(p) for p in folder.iterdir())
        out = Path(tmp) / "out.json"
        # The best of two runs each (a shared machine's noise only ever adds time).
        (one, peak_all), (one_again, _) = cli_run([str(folder)], 1, out), cli_run([str(folder)], 1, out)
        two = min(cli_run([str(folder)], 2, out)[0], cli_run([str(folder)], 2, out)[0])
        one = min(one, one_again)
        _, peak_tenth = cli_run(files[: count // 10], 1, out)
    print(f"batch of {count} files (4/5 text, 1/10 HTML, 1/10 Word): -j 1 {one:.1f} s "
          f"({count / one:.0f} files/s), -j 2 {two:.1f} s ({count / two:.0f} files/s): {one / two:.2f}x")
    print(f"peak memory, -j 1: {peak_tenth:.0f} MB over {count // 10} files, {peak_all:.0f} MB over {count}")


def main() -> None:
    if len(sys.argv) > 2 and sys.argv[1] == "--child":
        kind, source, count = sys.argv[2], sys.argv[3], int(sys.argv[4])
        print(json.dumps(measure(kind, source, count)))
        return
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 100
    print(f"machine: {platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}, "
          f"{platform.platform()}")
    print(f"{'input':<18} {'files':>6} {'ms/file':>9} {'files/s/core':>13} {'floor ms':>9} {'x floor':>8} {'peak MB':>8}")
    for source in ("generated", "corpus"):
        for kind in KINDS:
            n = max(count // 10, 5) if kind == "pdf" and source == "generated" else count
            child = subprocess.run([sys.executable, __file__, "--child", kind, source, str(n)],
                                   capture_output=True, text=True, check=False)
            if child.returncode != 0 or not child.stdout.strip():
                print(f"{source + ' ' + kind:<18} failed: {child.stderr.strip()[-300:]}")
                continue
            row = json.loads(child.stdout)
            if not row:
                continue
            ms, base = float(row["ms"]), float(row["floor_ms"])
            print(f"{source + ' ' + kind:<18} {row['files']:>6} {ms:>9.2f} {1000 / ms:>13.1f} {base:>9.3f} "
                  f"{ms / base if base else float('nan'):>8.1f} {float(row['rss_mb']):>8.0f}")
    for label, seconds in cli_times().items():
        print(f"{label:<26} {seconds:.3f} s (median of 7, .pyc cache warm)")
    batch_figures(int(sys.argv[2]) if len(sys.argv) > 2 else 1500)


if __name__ == "__main__":
    main()
