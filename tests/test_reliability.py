"""Reliability: one file's failure is that file's diagnostic, a per-file budget stops what
runs away, hostile charsets never escape the loader."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from reportlint import api
from reportlint.api import analyze_bytes
from reportlint.cli import app
from reportlint.config import Config

REPORT = "某某县人民政府2021年政府信息公开工作年度报告\n\n一、总体情况\n正文。\n".encode()


@pytest.mark.parametrize("charset", ["rot13", "base64", "hex", "quopri", "idna", "undefined", "zlib", "utf-7",
                                     "bz2", "punycode", "no-such-charset"])
def test_a_declared_charset_that_is_no_text_encoding_is_read_anyway(charset: str) -> None:
    page = f'<html><head><meta charset="{charset}"></head><body><h1>一、总体情况</h1></body></html>'
    analysis = analyze_bytes(page.encode(), "page.html")
    assert all(d.code != "E008" for d in analysis.diagnostics)
    assert analysis.report is not None


def test_an_internal_error_is_the_files_diagnostic(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object) -> None:
        raise KeyError("boom")

    monkeypatch.setattr(api, "_analyze", broken)
    (diagnostic,) = analyze_bytes(REPORT, "r.txt").diagnostics
    assert diagnostic.code == "E008" and "KeyError" in diagnostic.message


def test_the_time_budget_stops_a_file_that_runs_away(monkeypatch: pytest.MonkeyPatch) -> None:
    def slow(*args: object) -> None:
        end = time.monotonic() + 10  # bounded, so that a budget not enforced fails instead of hanging
        while time.monotonic() < end:
            time.sleep(0.01)

    monkeypatch.setattr(api, "_analyze", slow)
    start = time.monotonic()
    (diagnostic,) = analyze_bytes(REPORT, "r.txt", Config(max_seconds_per_file=1)).diagnostics
    assert time.monotonic() - start < 5
    assert diagnostic.code == "E002" and "max-seconds-per-file" in diagnostic.message


def _memory_budget_enforceable() -> bool:
    import resource

    from reportlint.budget import _address_space

    return _address_space() is not None and resource.getrlimit(resource.RLIMIT_AS)[1] == resource.RLIM_INFINITY


@pytest.mark.skipif(not _memory_budget_enforceable(), reason="RLIMIT_AS cannot be raised here (container limit)")
def test_the_memory_budget_stops_a_file_that_grows_without_end(monkeypatch: pytest.MonkeyPatch) -> None:
    def hungry(*args: object) -> None:
        hoard = []
        for _ in range(64):  # at most 1 GiB, so that a budget not enforced fails instead of exhausting the machine
            hoard.append(bytearray(16 * 1024 * 1024))

    monkeypatch.setattr(api, "_analyze", hungry)
    (diagnostic,) = analyze_bytes(REPORT, "r.txt", Config(max_memory_per_file=200 * 1024 * 1024)).diagnostics
    assert diagnostic.code == "E002" and "max-memory-per-file" in diagnostic.message
    # The limit is lifted again: the next file may use memory as usual.
    assert len(bytearray(300 * 1024 * 1024)) == 300 * 1024 * 1024


def test_a_budget_of_zero_disables_it(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = []
    monkeypatch.setattr(api, "_analyze", lambda *args: calls.append(args) or api.Analysis("r.txt", None, None, ()))
    assert analyze_bytes(REPORT, "r.txt", Config(max_seconds_per_file=0, max_memory_per_file=0)).diagnostics == ()
    assert calls


def _batch(tmp_path, count: int):  # type: ignore[no-untyped-def]
    from reportlint.testing.generate import random_report
    from reportlint.testing.writers import write_text

    names = []
    for index in range(count):
        path = tmp_path / f"r{index:03d}.txt"
        data = random_report(index, "2021")
        if index % 3 == 0:  # a third of them with a finding
            data = data.with_value("requests.new.natural", (data.values["requests.new.natural"] or 0) + 1)
        path.write_text(write_text(data, "pdftext" if index % 2 else "webcopy"), encoding="utf-8")
        names.append(str(path))
    return names


def _kill_on(marker: str):  # type: ignore[no-untyped-def]
    real = api._analyze

    def analyze(data: bytes, name: str, *args: object):  # type: ignore[no-untyped-def]
        if marker in name:
            os._exit(9)  # the worker dies as if the system had killed it
        return real(data, name, *args)

    return analyze


def _jsonl(results) -> dict[str, str]:  # type: ignore[no-untyped-def]
    from reportlint.formatters import FormatOptions
    from reportlint.formatters.jsonfmt import JsonLinesFormatter

    formatter = JsonLinesFormatter(FormatOptions())
    return {r.path: formatter.file(r) for r in results}


@pytest.mark.parametrize("jobs", [1, 2])
def test_one_bad_file_never_changes_the_other_files_results(tmp_path, monkeypatch, jobs: int) -> None:  # type: ignore[no-untyped-def]
    """300 reports with hostile files among them: the other files' output is byte-identical
    to a run without them, serially and in two processes (where one file kills its worker)."""
    from reportlint.runner import lint_files
    from reportlint.testing.hostile import hostile_input

    names = _batch(tmp_path, 300)
    clean = _jsonl(lint_files(names, Config(jobs=1)))
    hostile = []
    for index, kind in enumerate(["charset rot13", "5000-digit cell", "html span grid", "control characters",
                                  "tab-wrapped line", "docx gridSpan"]):
        item = hostile_input(kind)
        path = tmp_path / f"r{index * 50 + 7:03d}-x{Path(item.name).suffix}"
        path.write_bytes(item.data)
        hostile.append(str(path))
    killer = tmp_path / "r123-kill.txt"
    killer.write_text("x", encoding="utf-8")
    hostile.append(str(killer))
    monkeypatch.setattr(os, "cpu_count", lambda: 4)
    if jobs > 1:
        monkeypatch.setattr(api, "_analyze", _kill_on("-kill"))
    everything = sorted([*names, *hostile])
    results = list(lint_files(everything, Config(jobs=jobs)))
    assert [r.path for r in results] == everything
    output = _jsonl(results)
    assert {p: output[p] for p in names} == clean
    if jobs > 1:
        assert [d.code for d in next(r for r in results if r.path == str(killer)).diagnostics] == ["E008"]


# ---- writing never loses data --------------------------------------------------------------


cli = CliRunner()
FIXABLE = "某某县人民政府2021年政府信息公开工作年度报告\n\n一、总体情况\n本报告于2022年01月08日印发。\n"


def test_fix_in_place_killed_mid_write_never_leaves_a_partial_file(tmp_path: Path) -> None:
    """kill -9 at random moments of `fix --in-place` on a large report, 20 times: the file is
    always either the original or the fully fixed text."""
    body = FIXABLE + "正文。\n" * 400_000  # a few MB, so that the write takes a while
    target = tmp_path / "r.txt"
    original = body.encode("utf-8")
    fixed = body.replace("2022年01月08日", "2022年1月8日").encode("utf-8")
    delays = [0.05 * i for i in range(20)]
    for delay in delays:
        target.write_bytes(original)
        process = subprocess.Popen([sys.executable, "-m", "reportlint", "fix", "--in-place", str(target)],
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            process.wait(timeout=delay)
        except subprocess.TimeoutExpired:
            process.send_signal(signal.SIGKILL)
            process.wait()
        assert target.read_bytes() in (original, fixed), delay
        for leftover in tmp_path.glob(".r.txt.*.tmp"):
            leftover.unlink()  # a temporary file may stay behind; the report never suffers


def test_fix_leaves_an_unfixable_file_untouched_and_refuses_undecodable_bytes(tmp_path: Path) -> None:
    clean = tmp_path / "clean.txt"
    clean.write_text("某某县人民政府2021年政府信息公开工作年度报告\n\n一、总体情况\n正文。\n", encoding="utf-8")
    before = clean.stat().st_mtime_ns
    result = cli.invoke(app, ["fix", "--in-place", str(clean)])
    assert result.exit_code == 0 and clean.stat().st_mtime_ns == before
    broken = tmp_path / "broken.txt"
    broken.write_bytes(FIXABLE.encode("utf-8") + b"\xff\xfe\xfa tail\n")
    data = broken.read_bytes()
    result = cli.invoke(app, ["fix", "--in-place", str(broken)])
    assert result.exit_code == 2 and "U+FFFD" in result.output
    assert broken.read_bytes() == data


def test_fix_keeps_utf16_byte_order(tmp_path: Path) -> None:
    import codecs

    for bom, codec in ((codecs.BOM_UTF16_BE, "utf-16-be"), (codecs.BOM_UTF16_LE, "utf-16-le")):
        target = tmp_path / f"{codec}.txt"
        target.write_bytes(bom + FIXABLE.encode(codec))
        assert cli.invoke(app, ["fix", "--in-place", str(target)]).exit_code == 0
        data = target.read_bytes()
        assert data.startswith(bom) and data[len(bom):].decode(codec) == FIXABLE.replace("01月08日", "1月8日")


def test_fix_refuses_when_the_file_changed_since_it_was_read(tmp_path: Path) -> None:
    from reportlint.atomic import FixRefused, write_atomically

    target = tmp_path / "r.txt"
    target.write_bytes(b"new text")
    with pytest.raises(FixRefused, match="changed since it was read"):
        write_atomically(target, b"fixed", expected=b"old text")
    assert target.read_bytes() == b"new text"


def test_check_refuses_to_write_its_output_over_a_report_it_checks(tmp_path: Path) -> None:
    report = tmp_path / "r.md"
    report.write_text(FIXABLE, encoding="utf-8")
    result = cli.invoke(app, ["check", str(report), "-o", str(report)])
    assert result.exit_code == 2 and "is one of the files to check" in result.output
    assert report.read_text(encoding="utf-8") == FIXABLE


def test_write_baseline_never_drops_reasons_it_cannot_read(tmp_path: Path) -> None:
    import json

    report = tmp_path / "r.txt"
    report.write_text(FIXABLE, encoding="utf-8")
    baseline = tmp_path / "baseline.json"
    assert cli.invoke(app, ["check", str(report), "--write-baseline", str(baseline)]).exit_code == 0
    data = json.loads(baseline.read_text(encoding="utf-8"))
    for entry in data["entries"]:
        entry["reason"], entry["accepted_by"] = "accepted at review", "auditor"
    data["entries"].append({"fingerprint": "x", "path": "r.txt", "code": "D001", "expires": "someday"})
    text = json.dumps(data, ensure_ascii=False)
    baseline.write_text(text, encoding="utf-8")
    result = cli.invoke(app, ["check", str(report), "--write-baseline", str(baseline)])
    assert result.exit_code == 2 and f"entry {len(data['entries'])}" in result.output
    assert baseline.read_text(encoding="utf-8") == text


def test_fifos_and_devices_are_never_read(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    (tmp_path / "r.txt").write_text(FIXABLE, encoding="utf-8")
    result = cli.invoke(app, ["check", str(tmp_path), "--output-format", "concise"])
    assert "not a regular file" in result.stderr and "pipe.txt:" not in result.stdout
    result = cli.invoke(app, ["check", str(fifo), "/dev/zero", "--output-format", "concise"])
    assert result.stdout.count("E001") == 2
    for option in ("--config", "--baseline"):
        result = cli.invoke(app, ["check", str(tmp_path / "r.txt"), option, "/dev/zero"])
        assert result.exit_code == 2 and "not a regular file" in result.output


# ---- no injection through report text ------------------------------------------------------

INJECTIONS = ["\n::error file=a.txt::pwned", "\r\n::add-mask::secret", "\n::stop-commands::tok",
              "\x1b[31mred\x1b[0m", "\u202egnp.exe", "\x85::warning::nel", "\u2028::notice::ls"]


def _injection_corpus(tmp_path: Path) -> list[Path]:
    from reportlint.testing.generate import random_report
    from reportlint.testing.writers import write_html, write_text

    data = random_report(3, "2021")
    files = []
    for index, payload in enumerate(INJECTIONS):
        page = write_html(data).replace(">行政许可<", f">行政许可{payload}<", 1)
        page = page.replace("总体情况</strong>", f"总体情况{payload}</strong>", 1)
        name = tmp_path / f"page{index}.html"
        name.write_text(page.replace("<td>0</td>", f"<td>0{payload}</td>", 1), encoding="utf-8")
        files.append(name)
        text = write_text(data, "markdown").replace("| 0 |", f"| 0{payload.strip()} |", 1)
        text = text.replace("## 一、总体情况", f"## 一、总体情况{payload.strip()}")
        plain = tmp_path / f"text{index}.md"
        plain.write_text(text, encoding="utf-8")
        files.append(plain)
    odd = tmp_path / os.fsdecode(b"::error::\xff\xfe name.md")
    odd.write_text(write_text(data, "markdown").replace("| 0 |", "| 0x |", 1), encoding="utf-8")
    files.append(odd)
    return files


@pytest.mark.parametrize("output_format", ["concise", "full", "github", "gitlab", "html", "json", "jsonl",
                                           "junit", "sarif"])
def test_report_text_can_never_start_a_workflow_command_or_colour_a_terminal(tmp_path: Path,
                                                                              output_format: str) -> None:
    files = _injection_corpus(tmp_path)
    result = subprocess.run([sys.executable, "-m", "reportlint", "check", "--output-format", output_format,
                             "--color", "never", *map(str, files)], capture_output=True, cwd=tmp_path)
    assert result.returncode in (0, 1), result.stderr
    out = result.stdout
    assert b"\x1b" not in out and b"\xe2\x80\xae" not in out  # no ESC, no right-to-left override
    text = out.decode("utf-8")  # valid UTF-8 whatever the file names were
    assert not [line for line in text.splitlines() if line.lstrip().startswith("::") and output_format != "github"]
    if output_format == "github":
        # Every line is one annotation the formatter wrote: "::error file=…" with escaped data.
        assert all(line.startswith(("::error ", "::warning ", "::notice ")) for line in text.splitlines() if line)
    if output_format in ("json", "gitlab", "sarif"):
        import json

        json.loads(text)
    if output_format == "junit":
        from lxml import etree

        etree.fromstring(out)
    if output_format == "sarif":
        import json

        import jsonschema

        schema = json.loads((Path(__file__).parent / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
        log = json.loads(text)
        jsonschema.Draft7Validator(schema).validate(log)
        assert all(" " not in loc["physicalLocation"]["artifactLocation"]["uri"]
                   for r in log["runs"][0]["results"] for loc in r["locations"])


def test_show_xml_exports_any_report(tmp_path: Path) -> None:
    from lxml import etree

    for path in _injection_corpus(tmp_path):
        result = subprocess.run([sys.executable, "-m", "reportlint", "show", "--format", "xml", str(path)],
                                capture_output=True, cwd=tmp_path)
        assert result.returncode == 0, result.stderr
        etree.fromstring(result.stdout)


# ---- configuration checked at load time ----------------------------------------------------

BAD_CONFIGS = [
    ('deadline = "13-45"', "deadline"),
    ('deadline = "02-30"', "deadline"),
    ('[per-file-ignores]\n"*.txt" = [8]', "per-file-ignores"),
    ('max-bytes = 99999999999999999999999', "max-bytes"),
    ('max-bytes = 0', "max-bytes"),
    ('jobs = 99999999999', "jobs"),
    ('max-seconds-per-file = -1', "max-seconds-per-file"),
    ('select = []', "select"),
    ('select = ["N9"]', "select"),
    ('ignore = ["NOPE"]', "ignore"),
    ('[severity]\nZ999 = "info"', "Z999"),
    ('[rules.D008]\ntownship-deadline = "13-45"', "township-deadline"),
    ('[rules.D008]\ntownship-deadline = 131', "township-deadline"),
    ('[rules.D008]\nno-such-option = 1', "no-such-option"),
    ('[rules.Q123]\nx = 1', "Q123"),
    ("a = " + "[" * 5000 + "]" * 5000, "nested"),
]


@pytest.mark.parametrize(("toml", "named"), BAD_CONFIGS)
def test_every_bad_config_value_exits_2_naming_it(tmp_path: Path, toml: str, named: str) -> None:
    (tmp_path / "reportlint.toml").write_text(toml, encoding="utf-8")
    (tmp_path / "r.txt").write_text(FIXABLE, encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "reportlint", "check", "r.txt"], capture_output=True,
                            text=True, cwd=tmp_path)
    assert result.returncode == 2, (toml, result.stdout, result.stderr)
    assert named in result.stderr and "internal error" not in result.stderr


def test_a_non_table_tool_section_and_an_empty_select_on_the_command_line(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool]\nreportlint = "yes"\n', encoding="utf-8")
    (tmp_path / "r.txt").write_text(FIXABLE, encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "reportlint", "check", "r.txt"], capture_output=True,
                            text=True, cwd=tmp_path)
    assert result.returncode == 2 and "[tool.reportlint] must be a table" in result.stderr
    (tmp_path / "pyproject.toml").unlink()
    for option in (["--select", ""], ["-j", "99999999999999999999"]):
        result = subprocess.run([sys.executable, "-m", "reportlint", "check", "r.txt", *option],
                                capture_output=True, text=True, cwd=tmp_path)
        assert result.returncode == 2 and "internal error" not in result.stderr, (option, result.stderr)


def test_standard_input_is_read_through_max_bytes(tmp_path: Path) -> None:
    (tmp_path / "reportlint.toml").write_text("max-bytes = 1000\n", encoding="utf-8")
    with open("/dev/zero", "rb") as zero:
        result = subprocess.run([sys.executable, "-m", "reportlint", "check", "-", "--output-format", "concise"],
                                stdin=zero, capture_output=True, text=True, cwd=tmp_path, timeout=60)
    assert result.returncode == 1 and "E002" in result.stdout and "max-bytes" in result.stdout


def test_a_baseline_over_files_whose_names_are_not_utf8(tmp_path: Path) -> None:
    import json

    files = _injection_corpus(tmp_path)
    baseline = tmp_path / "baseline.json"
    args = [sys.executable, "-m", "reportlint", "check", *map(str, files)]
    result = subprocess.run([*args, "--write-baseline", str(baseline)], capture_output=True, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    entries = json.loads(baseline.read_text(encoding="utf-8"))["entries"]
    assert any("\\xff" in entry["path"] for entry in entries)
    result = subprocess.run([*args, "--baseline", str(baseline), "--output-format", "concise"], capture_output=True,
                            cwd=tmp_path)
    assert result.returncode == 0 and result.stdout == b"", (result.stdout, result.stderr)
