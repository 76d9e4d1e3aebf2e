"""The library entry points: ``lint_path`` and ``lint_bytes``.

Both return diagnostics and never raise on bad input: an unreadable, refused or
unsupported file is itself a diagnostic. They are pure functions of their arguments (the
plugin registry is loaded once per process), and their arguments and results pickle, so
a process pool or a distributed engine can call them directly.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

from reportlint.budget import BudgetExceeded, file_budget
from reportlint.config import Config
from reportlint.core_rules import (
    DECODING_PROBLEM,
    INPUT_REFUSED,
    INPUT_UNREADABLE,
    INTERNAL_ERROR,
    NOT_A_REPORT,
    UNSUPPORTED_FORMAT,
)
from reportlint.engine import make_diagnostic, run_rules
from reportlint.loaders import ocr
from reportlint.loaders.decode import decode
from reportlint.loaders.registry import LoadError, LoadLimits
from reportlint.model import Diagnostic, Document, FileResult, Finding, Location, Metadata, Position, Report, Source
from reportlint.packs import active_packs
from reportlint.plugins import Registry, get_registry
from reportlint.recognize import recognize
from reportlint.recognize.flattened import unflatten
from reportlint.recognize.metadata import recognize_metadata
from reportlint.records import record
from reportlint.templates import Template, apply_extensions
from reportlint.text.numbers import format_decimal
from reportlint.text.prose import prose_sentences

# Formats people try that cannot be read reliably; each gets a clear E003.
UNSUPPORTED_SUFFIXES = {
    ".doc": "旧版 Word 二进制格式（.doc）",
    ".wps": "WPS 文字格式（.wps）",
    ".et": "WPS 表格格式",
    ".xls": "Excel 表格",
    ".xlsx": "Excel 表格",
    ".rtf": "RTF 格式",
    ".odt": "OpenDocument 格式",
    ".zip": "压缩包",
    ".rar": "压缩包",
    ".7z": "压缩包",
}
STDIN_NAME = "-"


@record(slots=False)
class Analysis:
    """Everything known about one input: the report (if it loaded) and diagnostics."""

    path: str
    report: Report | None
    template: Template | None
    diagnostics: tuple[Diagnostic, ...]
    lines: tuple[str, ...] = ()
    active_packs: tuple[str, ...] = ()


def _core_diagnostic(path: str, code: str, message: str, message_en: str, config: Config,
                     registry: Registry, position: Position | None = None) -> Diagnostic:
    rule = registry.rules[code]
    finding = Finding(message, message_en, Location(position=position))
    return make_diagnostic(path, rule, finding, config)


def sniff_kind(data: bytes, name: str, registry: Registry) -> str | None:
    """The input kind from the file suffix, or from the first bytes for stdin/unknown."""
    suffix = Path(name).suffix.lower() if name != STDIN_NAME else ""
    kind = registry.kind_for_suffix(suffix) if suffix else None
    if kind:
        return kind
    if suffix in UNSUPPORTED_SUFFIXES:
        return None
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if data.startswith(b"PK\x03\x04"):
        return "docx" if registry.loader_for("docx") else None
    if data.startswith(b"\xd0\xcf\x11\xe0"):  # OLE2: .doc, .wps, .xls
        return None
    if head.startswith(b"<?xml") and b"<html" not in head:
        return "xml" if registry.loader_for("xml") else "txt"
    if head.startswith((b"<!doctype html", b"<html")) or b"<html" in head[:512]:
        return "html" if registry.loader_for("html") else "txt"
    if data.startswith(b"%PDF"):
        return "pdf" if registry.loader_for("pdf") else None
    return "txt"


_IMAGE_MAGIC = ((b"\x89PNG\r\n\x1a\n", "PNG"), (b"\xff\xd8\xff", "JPEG"), (b"GIF87a", "GIF"), (b"GIF89a", "GIF"),
                (b"II*\x00", "TIFF"), (b"MM\x00*", "TIFF"), (b"BM", "BMP"))
_IMAGE_SUFFIXES = {".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG", ".gif": "GIF", ".tif": "TIFF", ".tiff": "TIFF",
                   ".bmp": "BMP", ".webp": "WebP", ".heic": "HEIC"}


# Pictures the OCR loader reads (Pillow opens them without plugins).
OCR_IMAGE_KINDS = frozenset({"PNG", "JPEG", "TIFF", "BMP", "WebP", "GIF"})


def image_kind(data: bytes, name: str) -> str | None:
    """"PNG", "JPEG" … when the input is a picture (by its first bytes, or its suffix)."""
    for magic, kind in _IMAGE_MAGIC:
        if data.startswith(magic) and (kind != "BMP" or Path(name).suffix.lower() == ".bmp"):
            return kind
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "WebP"
    return _IMAGE_SUFFIXES.get(Path(name).suffix.lower()) if name != STDIN_NAME else None


def _looks_binary(data: bytes) -> bool:
    head = data[:8192]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16 with BOM has NULs
        return False
    return b"\x00" in head


def load_document(data: bytes, name: str, config: Config, registry: Registry) -> Document | Diagnostic:
    """Decode and load ``data`` with the loader for its kind; a Diagnostic when that fails."""
    if len(data) > config.max_bytes:
        return _core_diagnostic(
            name, INPUT_REFUSED,
            f"文件大小 {len(data)} 字节超过上限 {config.max_bytes} 字节（可用配置 max-bytes 调整）",
            f"file size {len(data)} bytes exceeds the limit of {config.max_bytes} bytes (config max-bytes)",
            config, registry)
    if not data.strip(b" \t\r\n\x00\xef\xbb\xbf\xff\xfe"):
        # Nothing to check is not a report (E007: said, never failing a run), with its own words.
        return _core_diagnostic(name, NOT_A_REPORT, "文件是空的，没有可检查的内容",
                                "the file is empty: there is nothing to check", config, registry)
    image = image_kind(data, name)
    if image is not None and not (image in OCR_IMAGE_KINDS and registry.loader_for("image") and ocr.available()):
        hint, hint_en = ocr.not_installed_hint() if image in OCR_IMAGE_KINDS else ("另存为 PNG 或 JPEG 后可识别",
                                                                                   "save it as PNG or JPEG to read it")
        return _core_diagnostic(
            name, UNSUPPORTED_FORMAT,
            f"这是一张图片（{image}），不是文字版的报告：需要文字识别（OCR）才能检查；{hint}",
            f"this is an image ({image}), not a text report: it needs OCR; {hint_en}",
            config, registry)
    kind = "image" if image is not None else sniff_kind(data, name, registry)
    if kind is None:
        suffix = Path(name).suffix.lower()
        what = UNSUPPORTED_SUFFIXES.get(suffix, f"“{suffix or '未知'}”格式")
        supported = "、".join(sorted({s for loader in registry.loaders.values() for s in loader.suffixes}))
        return _core_diagnostic(
            name, UNSUPPORTED_FORMAT,
            f"不支持{what}；请另存为以下格式之一后再检查：{supported}",
            f"unsupported format {suffix or '(unknown)'}; save the report as one of: {supported}",
            config, registry)
    loader = registry.loader_for(kind)
    if loader is None:
        return _core_diagnostic(name, UNSUPPORTED_FORMAT, f"没有可读取“{kind}”的加载器",
                                f"no loader for input kind {kind!r}", config, registry)
    limits = LoadLimits(max_bytes=config.max_bytes, max_zip_entries=config.max_zip_entries,
                        max_zip_bytes=config.max_zip_bytes, max_zip_ratio=config.max_zip_ratio,
                        max_grid_cells=config.max_grid_cells, max_inflated_bytes=config.max_inflated_bytes)
    if loader.binary:
        source = Source(name, data, "", "binary", kind)
    else:
        if _looks_binary(data):
            return _core_diagnostic(name, INPUT_UNREADABLE, "这是二进制文件，不是文本报告",
                                    "this is a binary file, not a text report", config, registry)
        decoded = decode(data, kind)
        source = Source(name, data, decoded.text, decoded.encoding, kind, decoded.source)
    try:
        return loader.load(source, limits)
    except LoadError as exc:
        return _core_diagnostic(name, exc.code, exc.message, exc.message_en, config, registry)
    except RecursionError:
        return _core_diagnostic(name, INPUT_REFUSED, "文件结构嵌套过深，已拒绝处理",
                                "the file is nested too deeply and was refused", config, registry)
    except (BudgetExceeded, MemoryError):
        raise  # the file's budget is spent: analyze_bytes says so
    except Exception as exc:  # a loader bug must not stop a batch
        return _core_diagnostic(name, INPUT_UNREADABLE,
                                f"加载器“{loader.name}”无法读取此文件：{type(exc).__name__}: {exc}",
                                f"loader {loader.name!r} could not read this file: {type(exc).__name__}: {exc}",
                                config, registry)


def _templates_for(document: Document, metadata: Metadata, config: Config,
                   registry: Registry) -> tuple[list[Template], set[str]]:
    active = active_packs(registry.packs, list(config.packs), list(config.disable_packs),
                          config.auto_packs, metadata, document)
    extensions = [e for e in registry.extensions if e.pack in active]
    templates = [apply_extensions(t, extensions) for t in registry.templates.values()]
    return templates, active


def analyze_bytes(data: bytes, name: str, config: Config | None = None,
                  registry: Registry | None = None) -> Analysis:
    """Load, recognize and lint one input; the full Analysis (used by the CLI).

    Never raises for what the input holds: a limit reached is E002, a failure of reportlint
    itself (a bug, memory exhausted) is E008 for this file, so a batch goes on.
    """
    config = config or Config()
    registry = registry or get_registry()
    try:
        with file_budget(config.max_seconds_per_file, config.max_memory_per_file):
            return _analyze(data, name, config, registry)
    except BudgetExceeded as exc:
        return Analysis(name, None, None, (_core_diagnostic(name, INPUT_REFUSED, exc.message, exc.message_en,
                                                            config, registry),))
    except (Exception, RecursionError, MemoryError) as exc:  # noqa: BLE001 - the file's result, not a crash
        what = "内存不足" if isinstance(exc, MemoryError) else f"{type(exc).__name__}: {exc}"
        what_en = "out of memory" if isinstance(exc, MemoryError) else f"{type(exc).__name__}: {exc}"
        return Analysis(name, None, None, (_core_diagnostic(
            name, INTERNAL_ERROR, f"检查这个文件时发生内部错误，结果不完整：{what[:300]}",
            f"an internal error stopped the check of this file: {what_en[:300]}", config, registry),))


def _analyze(data: bytes, name: str, config: Config, registry: Registry) -> Analysis:
    loaded = load_document(data, name, config, registry)
    if isinstance(loaded, Diagnostic):
        return Analysis(name, None, None, (loaded,))
    # A body that lost its line breaks is rebuilt first: metadata reads its signature too.
    document = unflatten(loaded, list(registry.templates.values()))
    metadata = recognize_metadata(document)
    templates, active = _templates_for(document, metadata, config, registry)
    if not templates:
        return Analysis(name, None, None, (), tuple(document.source.lines))
    forced = None if config.template == "auto" else config.template
    report = recognize(document, templates, forced, metadata)
    template = next(t for t in templates if t.version == report.template_version)
    # Rules of an installed pack apply only while it is active; core rules always do.
    pack_names = {p.name for p in registry.packs}
    rules = [r for r in registry.rules.values() if r.pack not in pack_names or r.pack in active]
    if looks_like_report(report):
        extra_settings = {"previous": previous_report(config.previous, config)} if config.previous else {}
        diagnostics = run_rules(report, rules, config, template, name, extra_settings)
    else:
        diagnostics = [_core_diagnostic(
            name, NOT_A_REPORT,
            "未找到年报标题、年报章节或法定表格，这个文件看起来不是政府信息公开工作年度报告，未按年报检查",
            "no report title, report section or statutory table was found; not checked as an annual report",
            config, registry)]
    extra: list[Diagnostic] = []
    if document.readings and looks_like_report(report):
        from reportlint.ocr_doubt import apply_ocr_doubt

        senses = {code: r.ocr for r in registry.rules.values() if r.ocr for code in (r.code, *(c for c, _ in r.codes))}
        diagnostics, extra = apply_ocr_doubt(
            diagnostics, report, config,
            lambda code, zh, en, position: _core_diagnostic(name, code, zh, en, config, registry, position), senses)
    replaced = document.source.text.count("\ufffd") if document.source.text else 0
    if replaced and DECODING_PROBLEM in registry.rules:
        extra.append(_core_diagnostic(
            name, DECODING_PROBLEM,
            f"按 {document.source.encoding} 解码时有 {replaced} 个字符无法识别，已替换为“�”",
            f"{replaced} character(s) could not be decoded as {document.source.encoding}",
            config, registry))
    for problem in document.problems:
        code = problem.code if problem.code in registry.rules else INPUT_UNREADABLE
        extra.append(_core_diagnostic(name, code, problem.message, problem.message_en, config,
                                      registry, problem.position))
    from reportlint.engine import Selector, file_ignores

    selector = Selector.from_config(config)
    extra = [d for d in extra if selector.enabled(d.code, file_ignores(config, name))]
    all_diagnostics = tuple(sorted([*diagnostics, *extra], key=Diagnostic.sort_key))
    return Analysis(name, report, template, all_diagnostics, tuple(document.source.lines), tuple(sorted(active)))


@record(slots=False)
class PreviousReport:
    """What the year-over-year rules need from last year's report."""

    path: str
    report_year: int | None
    issuer: str | None
    facts: tuple[tuple[str, Decimal | None], ...]
    problem: str = ""  # why it could not be read, if it could not
    sentences: frozenset[str] = frozenset()  # the prose, numbers masked (for Y003)

    def value(self, key: str) -> Decimal | None:
        return dict(self.facts).get(key)

    def has(self, key: str) -> bool:
        return key in dict(self.facts)


_previous_cache: dict[tuple[str, float], PreviousReport] = {}


def previous_report(path: str, config: Config) -> PreviousReport:
    """Last year's report, read once per process (``--previous``)."""
    try:
        key = (os.path.abspath(path), os.stat(path).st_mtime)
    except OSError as exc:
        return PreviousReport(path, None, None, (), f"无法读取：{exc.strerror or exc}")
    if key not in _previous_cache:
        analysis = analyze_path(path, replace(config, previous=""))
        report = analysis.report
        if report is None:
            problem = analysis.diagnostics[0].message if analysis.diagnostics else "无法读取"
            _previous_cache[key] = PreviousReport(path, None, None, (), problem)
        else:
            _previous_cache[key] = PreviousReport(
                path, report.metadata.report_year, report.metadata.issuer,
                tuple((f.key, f.value) for f in report.facts), sentences=prose_sentences(report))
    return _previous_cache[key]


def looks_like_report(report: Report) -> bool:
    """Whether anything of an annual report was recognized: a title, a section, a table."""
    return bool(report.metadata.title or report.facts or any(s.key for s in report.sections))


def read_input(path: str, config: Config, registry: Registry) -> bytes | Diagnostic:
    """The bytes of the file at ``path``, or the diagnostic saying why it is not read."""
    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode):
            # A FIFO would block forever, a device (/dev/zero) never end.
            return _core_diagnostic(path, INPUT_UNREADABLE, "不是普通文件（管道、设备或目录），未读取",
                                    "not a regular file (a pipe, device or directory); not read", config, registry)
        size = info.st_size
        if size > config.max_bytes:
            return _core_diagnostic(
                path, INPUT_REFUSED,
                f"文件大小 {size} 字节超过上限 {config.max_bytes} 字节（可用配置 max-bytes 调整）",
                f"file size {size} bytes exceeds the limit of {config.max_bytes} bytes (config max-bytes)",
                config, registry)
        with open(path, "rb") as handle:
            return handle.read(config.max_bytes + 1)
    except OSError as exc:
        return _core_diagnostic(path, INPUT_UNREADABLE, f"无法读取文件：{exc.strerror or exc}",
                                f"cannot read the file: {exc.strerror or exc}", config, registry)


def analyze_path(path: str | os.PathLike[str], config: Config | None = None,
                 registry: Registry | None = None) -> Analysis:
    """Read a file and analyze it; unreadable files become a diagnostic."""
    config = config or Config()
    registry = registry or get_registry()
    name = os.fspath(path)
    data = read_input(name, config, registry)
    if isinstance(data, Diagnostic):
        return Analysis(name, None, None, (data,))
    return analyze_bytes(data, name, config, registry)


def lint_file(path: str, config: Config | None = None) -> FileResult:
    """Lint one file; picklable result with the lines needed for excerpts."""
    return file_result(analyze_path(path, config))


def file_result(analysis: Analysis) -> FileResult:
    """The picklable result of one file: its diagnostics, the lines they stand on, and who
    issued it for which year in which format (for batch summaries)."""
    lines = excerpt_lines(analysis.lines, analysis.diagnostics)
    report = analysis.report
    if report is None:
        return FileResult(analysis.path, analysis.diagnostics, lines)
    meta = report.metadata
    facts = tuple((f.key, format_decimal(f.value) if f.value is not None else f.raw) for f in report.facts)
    return FileResult(analysis.path, analysis.diagnostics, lines,
                      issuer=meta.issuer or meta.signature_body, year=meta.report_year,
                      kind=report.document.source.kind, template=report.template_version, facts=facts)


def excerpt_lines(lines: tuple[str, ...], diagnostics: Iterable[Diagnostic]) -> tuple[str, ...]:
    """``lines`` with only those a diagnostic stands on kept (the others blank, so that line
    numbers still index them): a result crosses a process boundary in a batch (-j, Dask),
    and the whole text of every file was most of what it carried."""
    wanted: set[int] = set()
    for diagnostic in diagnostics:
        position = diagnostic.location.position
        if position is not None and position.line > 0:
            wanted.update(range(position.line, max(position.end_line or position.line, position.line) + 1))
    if not wanted:
        return ()
    last = min(max(wanted), len(lines))
    return tuple(lines[i - 1] if i in wanted else "" for i in range(1, last + 1))


def lint_path(path: str | os.PathLike[str], config: Config | None = None) -> list[Diagnostic]:
    """Lint the report at ``path``. Never raises on bad input.

    Without ``config``, the configuration is the one the CLI would use for this file:
    reportlint.toml (or [tool.reportlint] in pyproject.toml) found from the file's folder
    upward, else the defaults. A configuration file that is invalid raises ConfigError.

    >>> for d in lint_path("fixtures/reports/2020_dalanzhen_seed.txt"):  # doctest: +SKIP
    ...     print(d.line, d.code, d.message)
    """
    if config is None:
        config = _config_for(Path(os.fspath(path)))
    return list(analyze_path(path, config).diagnostics)


def lint_paths(paths: Iterable[str | os.PathLike[str]], config: Config | None = None) -> dict[str, list[Diagnostic]]:
    """Lint files, folders (recursively, by the include/exclude globs) and glob patterns;
    every file checked is a key, clean files with an empty list — so "which reports passed"
    is ``[p for p, ds in result.items() if not ds]``. Uses ``config.jobs`` worker processes;
    without ``config``, the configuration found from the current directory upward. Never
    raises on bad input; year-over-year pairing is not done (use the CLI for batches of
    several years)."""
    from reportlint.config import load_config
    from reportlint.runner import expand_paths, lint_files

    config = config or load_config()
    files = expand_paths([os.fspath(p) for p in paths], config)
    return {result.path: list(result.diagnostics) for result in lint_files(files, config)}


def _config_for(path: Path) -> Config:
    from reportlint.config import load_config

    return load_config(path.parent if path.parent != Path("") else Path.cwd())


def lint_bytes(data: bytes, name: str, config: Config | None = None) -> list[Diagnostic]:
    """Lint a report given as bytes; ``name`` (a file name) tells its kind by suffix."""
    return list(analyze_bytes(data, name, config).diagnostics)

