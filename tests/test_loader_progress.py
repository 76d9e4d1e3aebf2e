"""Every loop over input advances: text built from real report lines with random tabs,
pipes and byte flips always finishes (a line that starts and ends with a tab once hung
the text loader forever)."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reportlint.api import lint_bytes
from reportlint.loaders.text import parse_lines

SEED = Path(__file__).resolve().parents[1] / "fixtures" / "reports" / "2020_dalanzhen_seed.txt"
SEED_LINES = SEED.read_text(encoding="utf-8").splitlines()


def test_line_wrapped_in_tabs_finishes() -> None:
    for text in ("\tx\t", "\t复议后起诉\t", "\t\t", "\t", "x\t", "\t|\t"):
        parse_lines([text])
        parse_lines([*SEED_LINES, text])


@st.composite
def noisy_lines(draw: st.DrawFn) -> list[str]:
    start = draw(st.integers(0, len(SEED_LINES) - 1))
    lines = list(SEED_LINES[start : start + draw(st.integers(1, 60))])
    for _ in range(draw(st.integers(0, 12))):
        where = draw(st.integers(0, len(lines) - 1))
        line = lines[where]
        at = draw(st.integers(0, len(line)))
        noise = draw(st.sampled_from(["\t", "\t\t", "|", " | ", "\n", "\r", "\x00", "\ufffd", "#"]))
        lines[where] = line[:at] + noise + line[at:]
    return "\n".join(lines).split("\n")


@settings(max_examples=150, deadline=timedelta(seconds=5), suppress_health_check=[HealthCheck.too_slow])
@given(noisy_lines())
def test_noisy_text_always_finishes(lines: list[str]) -> None:
    parse_lines(lines)


@settings(max_examples=60, deadline=timedelta(seconds=10), suppress_health_check=[HealthCheck.too_slow])
@given(noisy_lines(), st.integers(0, 255), st.integers(0, 10_000))
def test_flipped_bytes_lint_finishes(lines: list[str], byte: int, where: int) -> None:
    data = bytearray("\n".join(lines).encode("utf-8"))
    if data:
        data[where % len(data)] = byte
    lint_bytes(bytes(data), "noisy.txt")
