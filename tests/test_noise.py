"""Property: the noise real conversions add does not change what is recognized.

Stray spaces inside labels ("其他结 果"), half-width brackets, full-width digits, NO-BREAK
SPACEs after values, page footers between PDF-text rows, and labels wrapped onto the next
line in PDF text — a rule that only works on the clean layout would not pass this.
"""

from __future__ import annotations

import random
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reportlint.api import analyze_bytes
from reportlint.testing.generate import random_report
from reportlint.testing.writers import write_text

_FULLWIDTH = str.maketrans("0123456789", "０１２３４５６７８９")
_LABEL_RE = re.compile(r"[\u4e00-\u9fff]{4,}")


def _space_inside(text: str, rng: random.Random) -> str:
    """Put a stray space inside some long CJK runs (never inside the title or a date)."""
    def repl(match: re.Match[str]) -> str:
        word = match.group(0)
        if rng.random() < 0.3:
            cut = rng.randrange(1, len(word))
            return word[:cut] + " " + word[cut:]
        return word
    return _LABEL_RE.sub(repl, text)


def noisy(text: str, shape: str, rng: random.Random) -> str:
    lines = text.splitlines()
    out: list[str] = []
    for number, line in enumerate(lines):
        is_value_line = bool(re.fullmatch(r"\t?[+\-]?\d+(\.\d+)?", line))
        if number > 2 and not line.startswith(("#", "本报告")) and "年" not in line and rng.random() < 0.5:
            line = _space_inside(line, rng)
        if rng.random() < 0.3:
            line = line.replace("（", "(").replace("）", ")")
        if shape in ("markdown", "pdftext") and rng.random() < 0.3 and "年" not in line:
            line = re.sub(r"(?<=[ |])(\d+)(?= |$| \|)", lambda m: m.group(1).translate(_FULLWIDTH), line)
        if shape == "webcopy" and is_value_line and rng.random() < 0.3:
            line += "\u00a0"
        out.append(line)
        if shape == "pdftext" and rng.random() < 0.05:
            out.append(f"- {rng.randint(1, 9)} -")
    if shape == "pdftext":
        wrapped: list[str] = []
        for line in out:
            # Only a label followed by numbers alone wraps: its tail goes to the next line.
            match = re.fullmatch(r"(\S{14,}) ((?:[+\-]?\d+(?:\.\d+)? ?){2,})", line)
            if match and rng.random() < 0.3 and not re.search(r"\d", match.group(1)[8:]):
                label, values = match.group(1), match.group(2)
                wrapped.extend([f"{label[:8]} {values}", label[8:]])
            else:
                wrapped.append(line)
        out = wrapped
    return "\n".join(out) + "\n"


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 2**32), version=st.sampled_from(["2019", "2021"]),
       shape=st.sampled_from(["webcopy", "markdown", "pdftext"]), noise=st.integers(0, 2**32))
def test_noise_does_not_change_the_facts(seed: int, version: str, shape: str, noise: int) -> None:
    data = random_report(seed, version)
    text = noisy(write_text(data, shape), shape, random.Random(noise))
    analysis = analyze_bytes(text.encode("utf-8"), "r.md" if shape == "markdown" else "r.txt")
    report = analysis.report
    assert report is not None
    assert {f.key: f.value for f in report.facts} == data.values, text
    numeric = [d for d in analysis.diagnostics if d.code[0] in "NT"]
    assert numeric == [], text
