"""Render the HTML report of the seed with one changed cell in headless Chromium.

    python scripts/html_screenshot.py docs/img/html-report.png

The seed's 「（一）予以公开 · 自然人」 is changed from 0 to 3; the report is written with
``reportlint check -f html`` and Chromium (``chromium`` on the PATH) takes the screenshot.
The browser test (tests/test_html_report.py) uses the same helpers.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "fixtures" / "reports" / "2020_dalanzhen_seed.txt"
CHANGED_LINE, CHANGED_TO = 180, "\t3"  # 表三 「（一）予以公开 · 自然人」, 0 in the seed
CHANGED_KEY = "requests.public.natural"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync", "--hide-scrollbars"]


def chromium() -> str | None:
    """The Chromium (or Chrome) executable, or None."""
    return next((found for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
                 if (found := shutil.which(name))), None)


def changed_seed(folder: Path) -> Path:
    """The seed with one cell of 表三 changed, written into ``folder``."""
    lines = SEED.read_text(encoding="utf-8").split("\n")
    assert lines[CHANGED_LINE - 1] == "\t0", "the seed changed: pick another cell"
    lines[CHANGED_LINE - 1] = CHANGED_TO
    path = folder / "2020_dalanzhen_seed_changed.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def html_report(report: Path, out: Path) -> None:
    """``reportlint check -f html -o out report`` (run in the report's folder: relative paths)."""
    subprocess.run([sys.executable, "-m", "reportlint", "check", "-f", "html", "-o", str(out), report.name],
                   cwd=report.parent, capture_output=True, check=False, timeout=120)


def browser(args: list[str], profile: Path) -> subprocess.CompletedProcess[str]:
    exe = chromium()
    assert exe is not None
    return subprocess.run([exe, *FLAGS, f"--user-data-dir={profile}", *args], capture_output=True, text=True,
                          timeout=120, check=False)


def main(target: Path) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        page = folder / "report.html"
        html_report(changed_seed(folder), page)
        browser(["--window-size=1100,1500", f"--screenshot={target.resolve()}", page.as_uri()], folder / "profile")
    print(f"wrote {target}")


if __name__ == "__main__":
    if chromium() is None:
        sys.exit("chromium is not installed (Debian: apt-get install chromium fonts-noto-cjk)")
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/img/html-report.png"))
