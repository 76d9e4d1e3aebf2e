"""The ``reportlint`` command line.

Diagnostics go to stdout; progress, summaries and logs to stderr. Exit codes: 0 clean,
1 findings at or above the fail level, 2 usage or internal error. Heavy modules (lxml, the
rule packs) are imported inside the commands that need them, so ``--version`` and
``--help`` stay fast.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Optional

import typer

from reportlint.i18n import h, install_help_language, usage_error

if TYPE_CHECKING:
    from reportlint.config import Config
    from reportlint.formatters import RunSummary

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2

app = typer.Typer(
    name="reportlint",
    help="检查政府信息公开工作年度报告 — lint Chinese government information disclosure annual reports.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)


def _version_callback(value: bool) -> None:
    if value:
        from reportlint import __version__

        typer.echo(f"reportlint {__version__}")
        raise typer.Exit()


@app.callback()
def main_callback(
    version: Annotated[
        Optional[bool],
        typer.Option("--version", callback=_version_callback, is_eager=True, help=h("Show the version and exit.")),
    ] = None,
    lang: Annotated[Optional[str], typer.Option("--lang", help=h("Language of help and messages: zh (default) or en."))] = None,
) -> None:
    """检查政府信息公开工作年度报告 — lint Chinese government information disclosure annual reports."""


def _same_file(name: str, other: Path) -> bool:
    try:
        return os.path.samefile(name, other)
    except OSError:
        return False


def _fail(message: str) -> typer.Exit:
    typer.echo(f"reportlint: {message}", err=True)
    return typer.Exit(EXIT_ERROR)


def _load_config(config_path: Optional[Path]) -> Config:
    from reportlint.config import ConfigError, load_config

    try:
        return load_config(explicit=config_path)
    except ConfigError as exc:
        raise _fail(f"配置无效 (invalid configuration): {exc}") from None


def _split_codes(values: Optional[list[str]]) -> tuple[str, ...]:
    out: list[str] = []
    for value in values or []:
        out.extend(v.strip() for v in value.split(",") if v.strip())
    return tuple(out)


def _warn_plugin_errors() -> None:
    from reportlint.plugins import get_registry

    for error in get_registry().errors:
        where = f"{error.distribution} {error.version}".strip()
        typer.echo(
            f"reportlint: warning: plugin '{error.name}'{f' ({where})' if where else ''} failed at {error.stage}: {error.error}",
            err=True,
        )
    for override in get_registry().overrides:
        typer.echo(f"reportlint: note: {override}", err=True)


@app.command(help=h("Check reports and print diagnostics."))
def check(
    paths: Annotated[list[str], typer.Argument(help=h("Files, directories, globs, or - for standard input."))],
    output_format: Annotated[
        Optional[str], typer.Option("--output-format", "-f",
                                    help=h("full, concise, json, jsonl, csv, sarif, github, gitlab, junit, html"))
    ] = None,
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help=h("Write diagnostics to this file."))] = None,
    select: Annotated[Optional[list[str]], typer.Option(help=h("Codes or prefixes to report (comma-separated)."))] = None,
    ignore: Annotated[Optional[list[str]], typer.Option(help=h("Codes or prefixes not to report."))] = None,
    extend_select: Annotated[Optional[list[str]], typer.Option(help=h("Codes or prefixes to add to the selection."))] = None,
    pack: Annotated[Optional[list[str]], typer.Option(help=h("Enable an installed rule pack (repeatable)."))] = None,
    template: Annotated[Optional[str], typer.Option(help=h("auto, 2019 or 2021."))] = None,
    lang: Annotated[Optional[str], typer.Option(help=h("Message language: zh (default) or en."))] = None,
    config_path: Annotated[Optional[Path], typer.Option("--config", help=h("Use this configuration file."))] = None,
    exit_zero: Annotated[Optional[bool], typer.Option("--exit-zero", help=h("Exit 0 even when there are findings."))] = None,
    fail_on: Annotated[Optional[str], typer.Option(help=h("error, warning or info: the lowest severity that fails."))] = None,
    no_source: Annotated[bool, typer.Option("--no-source", help=h("Do not show source excerpts."))] = False,
    color: Annotated[Optional[str], typer.Option(help=h("auto, always or never (NO_COLOR is respected)."))] = None,
    statistics: Annotated[Optional[bool], typer.Option("--statistics", help=h("Print the count per code instead of diagnostics."))] = None,
    jobs: Annotated[Optional[int], typer.Option("--jobs", "-j", help=h("Check files in N processes."))] = None,
    baseline: Annotated[Optional[Path], typer.Option(help=h("Report only findings not accepted in this baseline file."))] = None,
    write_baseline: Annotated[Optional[Path], typer.Option("--write-baseline", help=h("Record today's findings as the baseline."))] = None,
    previous: Annotated[Optional[Path], typer.Option(help=h("Last year's report, for the year-over-year rules (Y)."))] = None,
    previous_dir: Annotated[Optional[Path], typer.Option("--previous-dir", help=h("A folder of last year's reports, paired by issuer."))] = None,
    explain_pairing: Annotated[bool, typer.Option("--explain-pairing", help=h("Print which report was paired with which last year's."))] = False,
    include: Annotated[Optional[list[str]], typer.Option(help=h("Glob of file names to check inside directories."))] = None,
    exclude: Annotated[Optional[list[str]], typer.Option(help=h("Glob of paths to skip inside directories."))] = None,
    summary: Annotated[Optional[Path], typer.Option(
        "--summary", help=h("Also write one row per file checked (clean ones too) to FILE.xlsx, .csv or .md."))] = None,
    executor: Annotated[Optional[str], typer.Option(
        help=h("local (processes on this machine) or dask (a Dask cluster; needs reportlint[dask]).")
    )] = None,
    scheduler: Annotated[Optional[str], typer.Option(
        help=h("The Dask scheduler's address, e.g. tcp://host:8786 (default: a local Dask cluster)."))] = None,
) -> None:
    """Check reports and print diagnostics."""
    from reportlint.config import ConfigError, apply_mapping

    config = _load_config(config_path)
    overrides: dict[str, object] = {}
    for key, values in (("select", select), ("ignore", ignore), ("extend-select", extend_select),
                        ("include", include), ("exclude", exclude)):
        if values:
            overrides[key] = list(_split_codes(values))
    if pack:
        overrides["packs"] = [*config.packs, *_split_codes(pack)]
    if no_source:
        overrides["show-source"] = False
    for key, value in (("template", template), ("lang", lang), ("fail-on", fail_on), ("output-format", output_format),
                       ("color", color), ("exit-zero", exit_zero), ("statistics", statistics), ("jobs", jobs),
                       ("executor", executor), ("scheduler", scheduler),
                       ("baseline", str(baseline) if baseline else None),
                       ("previous", str(previous) if previous else None),
                       ("previous-dir", str(previous_dir) if previous_dir else None)):
        if value is not None:
            overrides[key] = value
    try:
        config = apply_mapping(config, overrides, "command line")
    except ConfigError as exc:
        raise _fail(str(exc)) from None
    raise typer.Exit(_run_check(paths, config, output, write_baseline, explain_pairing, summary))


def _summary_line(summary: RunSummary, lang: str) -> str:
    """The run's tally on one line, in the run's language."""
    from reportlint.formatters.text import SEVERITY_ZH

    total = sum(summary.by_severity.values())
    levels = [k for k in ("error", "warning", "info") if k in summary.by_severity]
    if lang == "en":
        by = ", ".join(f"{summary.by_severity[k]} {k}" for k in levels)
        return (f"{summary.files} file(s) checked, {total} diagnostic(s){f' ({by})' if by else ''}, "
                f"{summary.files_with_errors} file(s) with errors, {summary.elapsed:.2f}s")
    by = "，".join(f"{SEVERITY_ZH[k]} {summary.by_severity[k]}" for k in levels)
    return (f"检查了 {summary.files} 个文件，发现 {total} 个问题{f'（{by}）' if by else ''}，"
            f"{summary.files_with_errors} 个文件有错误，用时 {summary.elapsed:.2f} 秒")


def _progress_bar(total: int):  # type: ignore[no-untyped-def]
    """A transient progress bar on stderr (only drawn when stderr is a terminal)."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

    progress = Progress("[progress.description]{task.description}", BarColumn(), MofNCompleteColumn(),
                        TimeRemainingColumn(), console=Console(stderr=True), transient=True)
    progress.add_task("reportlint", total=total)
    return progress


def _run_check(paths: list[str], config: Config, output: Optional[Path], write_baseline: Optional[Path],
               explain_pairing: bool = False, summary_path: Optional[Path] = None) -> int:
    """The body of ``check``: returns the exit code."""
    import time

    from reportlint.core_rules import NOT_A_REPORT
    from reportlint.formatters import FormatOptions, RunSummary
    from reportlint.model import Severity
    from reportlint.plugins import get_registry
    from reportlint.runner import apply_baseline, expand_paths, lint_files

    if TYPE_CHECKING:
        from reportlint.summary import FileSummary
    # Baselines, summaries and output files are imported only by the runs that use them
    # (hashing, JSON and temporary files cost a small check's startup several milliseconds).

    registry = get_registry()
    _warn_plugin_errors()
    # A pack that is always active (the national rules) failing to load would leave the
    # reports checked by the built-in rules alone: a run that looks clean but is not.
    always = {p.name for p in registry.plugins if p.pack is not None and p.pack.always_active}
    # (One bad rule of such a pack is only that rule's failure; the whole hook failing is not.)
    broken = [e for e in registry.errors if e.name in always and e.stage in ("reportlint_rules", "reportlint_templates")]
    if broken:
        raise _fail(f"the always-active pack '{broken[0].name}' failed at {broken[0].stage}: {broken[0].error}; "
                    "its rules would not run (reinstall reportlint)")
    from reportlint.config import ConfigError, check_against_rules

    try:
        check_against_rules(config, registry.rules)
    except ConfigError as exc:
        raise _fail(f"配置无效 (invalid configuration): {exc}") from None
    formatter_spec = registry.formatters.get(config.output_format)
    if formatter_spec is None:
        raise _fail(f"没有这种输出格式 (unknown output format) {config.output_format!r}; "
                    f"可选 (choose from) {', '.join(sorted(registry.formatters))}")
    unknown_packs = [p for p in config.packs if p not in {pk.name for pk in registry.packs}]
    if unknown_packs:
        raise _fail(f"规则包未安装 (pack(s) not installed): {', '.join(unknown_packs)}（见 reportlint plugins）")
    baseline_filter = None
    if config.baseline or write_baseline:
        from reportlint.baseline import BaselineError, BaselineFilter, load_baseline
    if config.baseline and not write_baseline:
        try:
            baseline_filter = BaselineFilter(load_baseline(Path(config.baseline)))
        except BaselineError as exc:
            raise _fail(str(exc)) from None
    previous_baseline = None
    if write_baseline and (write_baseline.exists() or write_baseline.is_symlink()):
        # Reasons and names already given must survive a rewrite: a baseline that cannot be
        # read whole is not overwritten.
        try:
            previous_baseline = load_baseline(write_baseline)
        except BaselineError as exc:
            raise _fail(f"{exc}; not overwriting it (fix or remove the bad entry first)") from None
    missing = [p for p in paths if p != "-" and not any(ch in p for ch in "*?[") and not os.path.exists(p)]
    if missing:
        # A path given by hand that is not there is the user's mistake, not a finding: exit 2
        # whatever --exit-zero says, so a CI job with a typo'd path never passes.
        raise _fail(f"路径不存在 (no such file or directory): {', '.join(missing)}")
    unreadable = [p for p in paths if p != "-" and os.path.isfile(p) and not os.access(p, os.R_OK)]
    if unreadable:
        raise _fail(f"无权读取 (permission denied): {', '.join(unreadable)}")
    if summary_path is not None:
        from reportlint.summary import SUFFIXES

        if summary_path.suffix.lower() not in SUFFIXES:
            raise _fail(f"--summary 只写 {'、'.join(SUFFIXES)} 文件，不写 {summary_path.name!r} (unsupported summary file)")
        if summary_path.suffix.lower() == ".xlsx":
            try:
                import openpyxl  # noqa: F401
            except ImportError:
                raise _fail("写 .xlsx 需要 openpyxl：pip install 'reportlint[xlsx]'，或改写 .csv (--summary .xlsx needs openpyxl)") from None
    files = expand_paths(paths, config)
    if not files:
        raise _fail("没有要检查的文件 (no files to check)")
    if output is not None and any(f != "-" and _same_file(f, output) for f in files):
        raise _fail(f"输出文件 {output} 是要检查的文件之一，请写到别处 (the output file is one of the files to check)")
    if config.executor == "dask":
        if "-" in files:
            raise _fail("标准输入不能发送到 Dask 集群 (standard input cannot be sent to a Dask cluster)")
        try:
            import distributed  # noqa: F401
        except ImportError:
            raise _fail("用 Dask 需要安装 reportlint[dask] (the Dask executor needs: pip install 'reportlint[dask]')") \
                from None
    previous_for = None
    if not config.previous and config.pair_years and (len(files) > 1 or config.previous_dir):
        from reportlint.pairing import pair_years

        mapper = None
        if config.executor == "dask":  # the files are read where they are checked
            from reportlint.dask import map_on_cluster

            def mapper(function, paths, config_, died):  # type: ignore[no-untyped-def]
                return map_on_cluster(function, paths, config_, config.scheduler,
                                      lost=lambda name, cfg, error: died(name, cfg))
        pairing = pair_years(files, config, config.previous_dir, mapper)
        previous_for = pairing.previous
        for path, candidates in pairing.conflicts:
            typer.echo(f"reportlint: note: {path}: {len(candidates)} reports of the same issuer for last year "
                       f"({', '.join(candidates)}); not paired", err=True)
        if explain_pairing:
            for line in pairing.explain():
                typer.echo(f"reportlint: pairing: {line}", err=True)

    if config.executor == "dask":
        from reportlint.dask import lint_on_cluster

        results = lint_on_cluster(files, config, config.scheduler, previous_for)
    else:
        results = lint_files(files, config, previous_for)
    try:
        # Written beside the target and renamed over it at the end: an interrupted run
        # never leaves a truncated file, and a report is never truncated before it is read.
        stream: Any
        if output:
            from reportlint.atomic import AtomicFile

            stream = AtomicFile(output)
        else:
            stream = sys.stdout
    except OSError as exc:
        raise _fail(f"无法写入 (cannot write) {output}: {exc.strerror or exc}") from None
    use_color = config.color == "always" or (
        config.color == "auto" and output is None and sys.stdout.isatty() and "NO_COLOR" not in os.environ
    )
    formatter = formatter_spec.factory(FormatOptions(color=use_color, lang=config.lang, show_source=config.show_source))
    progress = _progress_bar(len(files)) if sys.stderr.isatty() and len(files) > 1 else None
    started = time.perf_counter()
    summary = RunSummary(rules=dict(registry.rules))
    counts: dict[str, int] = {}
    fail_rank = Severity(config.fail_on).rank
    failing = False
    collected = []
    rows: list[FileSummary] = []
    try:
        if not config.statistics:
            stream.write(formatter.begin())
        if progress is not None:
            progress.start()
        for result in results:
            if progress is not None:
                progress.advance(progress.task_ids[0])
            if write_baseline:
                collected.append(result)
            elif baseline_filter is not None:
                result = apply_baseline(result, baseline_filter, config, registry)
            summary.files += 1
            if summary_path is not None:
                from reportlint.summary import summarize

                rows.append(summarize(result))
            if any(d.severity is Severity.ERROR for d in result.diagnostics):
                summary.files_with_errors += 1
            for diagnostic in result.diagnostics:
                level = diagnostic.severity.value
                summary.by_severity[level] = summary.by_severity.get(level, 0) + 1
                counts[diagnostic.code] = counts.get(diagnostic.code, 0) + 1
                # A file that is not a report (a README beside the reports) is said, but
                # never fails the run: pre-commit over a repository must not block on it.
                if diagnostic.code != NOT_A_REPORT:
                    failing = failing or diagnostic.severity.rank >= fail_rank
            if not config.statistics:
                stream.write(formatter.file(result))
                stream.flush()
        summary.elapsed = time.perf_counter() - started
        if config.statistics:
            for code, count in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
                rule = registry.rules.get(code)
                stream.write(f"{count:>6}  {code}  {rule.name if rule else ''}\n")
        else:
            stream.write(formatter.end(summary))
    except BaseException:
        if output:
            stream.discard()  # type: ignore[union-attr]
        raise
    finally:
        if progress is not None:
            progress.stop()
    if output:
        try:
            stream.commit()  # type: ignore[union-attr]
        except OSError as exc:
            raise _fail(f"无法写入 (cannot write) {output}: {exc.strerror or exc}") from None
    typer.echo(_summary_line(summary, config.lang), err=True)
    if summary_path is not None:
        from reportlint.summary import write_summary

        try:
            write_summary(summary_path, rows)
        except (OSError, RuntimeError) as exc:
            raise _fail(f"无法写入 (cannot write) {summary_path}: {exc}") from None
        typer.echo(f"已把 {len(rows)} 个文件的汇总写入 {summary_path} (summary written)", err=True)
    if write_baseline:
        from reportlint.baseline import write_baseline as save_baseline

        count = save_baseline(write_baseline, collected, previous_baseline)
        typer.echo(f"wrote {count} baseline entr{'y' if count == 1 else 'ies'} to {write_baseline}; "
                   "fill in reason, accepted_by and expires", err=True)
        return EXIT_CLEAN
    return EXIT_FINDINGS if failing and not config.exit_zero else EXIT_CLEAN


@app.command(help=h("Print what was recognized: format, metadata, sections and every fact."))
def show(
    file: Annotated[str, typer.Argument(help=h("A report file, or - for standard input."))],
    format: Annotated[str, typer.Option("--format", help=h("text, json, or xml (the interchange format)"))] = "text",
    pack: Annotated[Optional[list[str]], typer.Option(help=h("Enable an installed rule pack."))] = None,
    template: Annotated[Optional[str], typer.Option(help=h("auto, 2019 or 2021."))] = None,
    config_path: Annotated[Optional[Path], typer.Option("--config", help=h("Use this configuration file."))] = None,
) -> None:
    """Print what was recognized: format, metadata, sections and every fact."""
    from reportlint.api import analyze_bytes, analyze_path
    from reportlint.config import ConfigError, apply_mapping
    from reportlint.show import report_to_dict, report_to_text

    config = _load_config(config_path)
    overrides: dict[str, object] = {}
    if pack:
        overrides["packs"] = [*config.packs, *_split_codes(pack)]
    if template:
        overrides["template"] = template
    try:
        config = apply_mapping(config, overrides, "command line")
    except ConfigError as exc:
        raise _fail(str(exc)) from None
    _warn_plugin_errors()
    analysis = analyze_bytes(sys.stdin.buffer.read(), "-", config) if file == "-" else analyze_path(file, config)
    if analysis.report is None:
        for diagnostic in analysis.diagnostics:
            typer.echo(f"{diagnostic.path}: {diagnostic.code} {diagnostic.message}", err=True)
        raise typer.Exit(EXIT_ERROR)
    if format == "json":
        import json

        typer.echo(json.dumps(report_to_dict(analysis), ensure_ascii=False, indent=2))
    elif format == "text":
        typer.echo(report_to_text(analysis))
    elif format == "xml":
        from reportlint.xmlout import report_to_xml

        sys.stdout.buffer.write(report_to_xml(analysis))
        sys.stdout.flush()
    else:
        raise _fail(f"unknown format {format!r}; choose text, json or xml")


@app.command(help=h("Apply the safe fixes (dates, document numbers, heading numbers, doubled characters). "
                    "Without --in-place or -o nothing is written: the changes are shown as a diff, and the "
                    "exit code is 1 when there are fixes to apply."))
def fix(
    file: Annotated[Path, typer.Argument(help=h("A .txt or .md report."))],
    select: Annotated[Optional[list[str]], typer.Option(help=h("Codes whose fixes to apply (default: the safe ones)."))] = None,
    in_place: Annotated[bool, typer.Option("--in-place", help=h("Rewrite the file (keeps its encoding)."))] = False,
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help=h("Write the fixed report here."))] = None,
    config_path: Annotated[Optional[Path], typer.Option("--config", help=h("Use this configuration file."))] = None,
) -> None:
    """Apply the safe fixes (dates, document numbers, heading numbers, doubled characters).

    Without --in-place or -o nothing is written: the changes are shown as a diff, and the exit
    code is 1 when there are fixes to apply (0 when there are none).
    """
    from reportlint.api import analyze_path
    from reportlint.fixes import FIXABLE_KINDS, SAFE_CODES, apply_fixes

    config = _load_config(config_path)
    analysis = analyze_path(file, config)
    report = analysis.report
    if report is None:
        for diagnostic in analysis.diagnostics:
            typer.echo(f"{diagnostic.path}: {diagnostic.code} {diagnostic.message}", err=True)
        raise typer.Exit(EXIT_ERROR)
    source = report.document.source
    if source.kind not in FIXABLE_KINDS:
        raise _fail(f"自动修复只用于 .txt 和 .md 年报，不用于 {source.kind} (fixes are applied to text and markdown reports only)")
    codes = _split_codes(select) or SAFE_CODES
    fixed, applied = apply_fixes(source.text, list(analysis.diagnostics), tuple(codes))
    writing = bool(in_place or output)
    for item in applied:
        state = f"跳过：{item.skipped}" if item.skipped else ("已修复" if writing else "可修复")
        typer.echo(f"{file}:{item.line}:{item.column}: {item.code} “{item.original}” → “{item.replacement}”（{state}）",
                   err=True)
    pending = sum(1 for a in applied if not a.skipped)
    skipped = sum(1 for a in applied if a.skipped)
    if writing:
        target = file if in_place else output
        assert target is not None
        from reportlint.atomic import FixRefused, write_atomically
        from reportlint.fixes import encode_like, require_clean_decoding

        if fixed == source.text and target == file:
            typer.echo(f"没有可修复之处，{file} 未改动 (nothing to fix)", err=True)
        else:
            try:
                require_clean_decoding(source.data, source.encoding, file)
                payload = encode_like(fixed, source.encoding, source.data)
                write_atomically(target, payload, expected=source.data if target == file else None)
            except FixRefused as exc:
                raise _fail(f"未写入 (not written): {exc}") from None
            except OSError as exc:
                raise _fail(f"无法写入 (cannot write) {target}: {exc.strerror or exc}") from None
            typer.echo(f"已写入 {target} (written)", err=True)
        typer.echo(f"已修复 {pending} 处，跳过 {skipped} 处 ({pending} fixed, {skipped} skipped)", err=True)
        return
    from reportlint.fixes import marked_diff

    sys.stdout.write(marked_diff(source.text, fixed, f"{file}", f"{file} (fixed)"))
    typer.echo(f"可修复 {pending} 处，跳过 {skipped} 处；未写入，用 --in-place 或 -o 写入 "
               f"({pending} fix(es) available, {skipped} skipped; nothing written)", err=True)
    # Like `ruff check --diff`: pending fixes are a finding (exit 1), so CI can require none.
    if pending:
        raise typer.Exit(EXIT_FINDINGS)


@app.command(help=h("List every rule: code, name, severity, formats, references."))
def rules(
    format: Annotated[str, typer.Option("--format", help=h("text, json or markdown"))] = "text",
    lang: Annotated[str, typer.Option(help=h("zh or en"))] = "zh",
) -> None:
    """List every rule: code, name, severity, formats, references."""
    from reportlint.docs import rules_json, rules_markdown, rules_table
    from reportlint.plugins import get_registry

    registry = get_registry()
    if format == "json":
        typer.echo(rules_json(registry))
    elif format == "markdown":
        typer.echo(rules_markdown(registry), nl=False)
    else:
        typer.echo(rules_table(registry, lang))


@app.command(help=h("Print a rule's documentation."))
def explain(code: Annotated[str, typer.Argument(help=h("A rule code (N001) or name."))]) -> None:
    """Print a rule's documentation."""
    from reportlint.docs import explain_rule
    from reportlint.plugins import get_registry

    registry = get_registry()
    wanted = code.strip()
    for candidate in registry.rules.values():
        if candidate.code.upper() == wanted.upper() or candidate.name == wanted:
            typer.echo(explain_rule(candidate))
            return
    raise _fail(f"没有规则 {code!r}（见 reportlint rules） (no such rule)")


@app.command(help=h("List installed plugins and packs, and any that failed to load."))
def plugins() -> None:
    """List installed plugins and packs, and any that failed to load."""
    from reportlint.plugins import get_registry

    registry = get_registry()
    counts: dict[str, int] = {}
    for plugin in registry.rule_plugin.values():
        counts[plugin] = counts.get(plugin, 0) + 1
    for info in registry.plugins:
        pack = info.pack
        kind = "pack" if pack else "plugin"
        state = ""
        if pack:
            state = "always active" if pack.always_active else (
                f"auto-activates{' in ' + ','.join(pack.regions) if pack.regions else ''}"
                if pack.auto_activate or pack.regions else "enable with --pack")
        dist = f"{info.distribution} {info.version}".strip()
        typer.echo(f"{info.name:<14} {kind:<6} {dist:<28} {counts.get(info.name, 0):>3} rules  {state}")
    for error in registry.errors:
        dist = f"{error.distribution} {error.version}".strip()
        typer.echo(f"{error.name:<14} FAILED {dist:<28} at {error.stage}: {error.error}")
    for override in registry.overrides:
        typer.echo(f"note: {override}")


@app.command("config", help=h("Show the effective configuration and where each value came from."))
def show_config(
    config_path: Annotated[Optional[Path], typer.Option("--config", help=h("Use this configuration file."))] = None,
    format: Annotated[str, typer.Option("--format", help=h("text or json"))] = "text",
) -> None:
    """Show the effective configuration and where each value came from."""
    import json
    from dataclasses import fields

    config = _load_config(config_path)
    rows = []
    for item in fields(config):
        if item.name == "sources":
            continue
        key = item.name.replace("_", "-")
        value = getattr(config, item.name)
        if isinstance(value, tuple):
            value = list(value)
        elif hasattr(value, "items"):
            value = {k: (list(v) if isinstance(v, tuple) else v) for k, v in value.items()}
        rows.append((key, value, config.sources.get(key, "default")))
    if format == "json":
        typer.echo(json.dumps({k: {"value": v, "source": src} for k, v, src in rows}, ensure_ascii=False, indent=2))
        return
    for key, value, source in rows:
        typer.echo(f"{key} = {json.dumps(value, ensure_ascii=False)}    # {source}")


@app.command(help=h("List the output formats."))
def formats() -> None:
    """List the output formats."""
    from reportlint.plugins import get_registry

    for spec in sorted(get_registry().formatters.values(), key=lambda s: s.name):
        typer.echo(f"{spec.name:<10} {spec.description}")


def main() -> None:
    """Console entry point: runs the app; usage errors are said in the CLI's language (exit
    2); internal errors exit 2 with a one-line message."""
    from typer._click.exceptions import ClickException, NoArgsIsHelpError, UsageError
    from typer.exceptions import Abort

    install_help_language()
    try:
        code = app(standalone_mode=False)
        sys.exit(code if isinstance(code, int) else EXIT_CLEAN)
    except SystemExit:
        raise
    except NoArgsIsHelpError as exc:  # `reportlint` alone: the help page
        exc.show()
        sys.exit(EXIT_ERROR)
    except UsageError as exc:
        _usage_error(exc)
    except ClickException as exc:
        typer.echo(f"reportlint: {usage_error(exc.format_message())}", err=True)
        sys.exit(exc.exit_code)
    except (Abort, KeyboardInterrupt):
        typer.echo("reportlint: 已中止 (aborted)", err=True)
        sys.exit(130)
    except Exception as exc:  # never a traceback for the user
        typer.echo(f"reportlint: internal error: {type(exc).__name__}: {exc}", err=True)
        if os.environ.get("REPORTLINT_DEBUG"):
            raise
        sys.exit(EXIT_ERROR)


def _usage_error(exc: Exception) -> None:
    """Print a usage error as click would, in the CLI's language, and exit 2."""
    from reportlint.i18n import LANG

    ctx = getattr(exc, "ctx", None)
    if ctx is not None:
        typer.echo(ctx.get_usage(), err=True)
        hint = f"{ctx.command_path} --help"
        typer.echo(f"Try '{hint}' for help." if LANG == "en" else f"用 '{hint}' 查看帮助。", err=True)
    message = usage_error(exc.format_message())  # type: ignore[attr-defined]
    typer.echo(f"Error: {message}" if LANG == "en" else f"错误：{message}", err=True)
    sys.exit(EXIT_ERROR)


if __name__ == "__main__":
    main()
