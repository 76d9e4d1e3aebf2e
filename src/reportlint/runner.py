"""Running a batch: expanding paths, linting files serially or in a process pool, applying
a baseline, and streaming results to a formatter.

Output order is the sorted order of the files, whatever ``jobs`` is: the pool maps files
in order (``Executor.map`` keeps it), so ``-j 4`` writes byte-identical output to ``-j 1``.
Plugins are loaded once per worker process by the pool initializer.
"""

from __future__ import annotations

import fnmatch
import glob
import os
import sys
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from itertools import repeat
from pathlib import Path

from reportlint.api import analyze_bytes, lint_file
from reportlint.baseline import BaselineFilter
from reportlint.config import Config
from reportlint.core_rules import BASELINE_EXPIRED, BASELINE_STALE
from reportlint.engine import Selector, make_diagnostic
from reportlint.model import Diagnostic, FileResult
from reportlint.plugins import Registry, get_registry

STDIN = "-"


def expand_paths(paths: list[str], config: Config) -> list[str]:
    """Files named, files found in directories (recursively, by include/exclude globs) and
    glob patterns, de-duplicated and sorted; "-" (standard input) comes first."""
    found: set[str] = set()
    stdin = False
    for raw in paths:
        if raw == STDIN:
            stdin = True
            continue
        path = Path(raw)
        if path.is_dir():
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in files:
                    full = os.path.join(root, name)
                    if not any(fnmatch.fnmatch(name, pattern) for pattern in config.include):
                        continue
                    if any(fnmatch.fnmatch(full, p) or fnmatch.fnmatch(name, p) for p in config.exclude):
                        continue
                    found.add(full)
        elif path.exists() or not glob.has_magic(raw):
            found.add(raw)
        else:
            found.update(glob.glob(raw, recursive=True))
    return ([STDIN] if stdin else []) + sorted(found)


def _init_worker() -> None:
    get_registry()  # plugins load once per worker, not per file


def _lint_stdin(config: Config) -> FileResult:
    analysis = analyze_bytes(sys.stdin.buffer.read(), STDIN, config)
    return FileResult(analysis.path, analysis.diagnostics, analysis.lines)


def lint_files(files: list[str], config: Config) -> Iterator[FileResult]:
    """FileResults in the order of ``files``, using a process pool when ``config.jobs`` > 1."""
    if files and files[0] == STDIN:
        yield _lint_stdin(config)
        files = files[1:]
    if config.jobs <= 1 or len(files) < 2:
        for name in files:
            yield lint_file(name, config)
        return
    done = 0
    try:
        with ProcessPoolExecutor(max_workers=config.jobs, initializer=_init_worker) as pool:
            for result in pool.map(lint_file, files, repeat(config), chunksize=4):
                done += 1
                yield result
    except (OSError, PermissionError, NotImplementedError, BrokenProcessPool) as exc:
        # Some sandboxes forbid subprocesses: fall back to one process, same output.
        print(f"reportlint: warning: cannot use {config.jobs} processes ({exc}); continuing in one", file=sys.stderr)
        for name in files[done:]:
            yield lint_file(name, config)


def apply_baseline(result: FileResult, baseline: BaselineFilter, config: Config,
                   registry: Registry | None = None) -> FileResult:
    """The result with baselined findings removed and B001/B002 diagnostics added."""
    registry = registry or get_registry()
    kept, expired, stale = baseline.apply(result)
    selector = Selector.from_config(config)
    extra: list[Diagnostic] = []
    for code, findings in ((BASELINE_EXPIRED, expired), (BASELINE_STALE, stale)):
        if code in registry.rules and selector.enabled(code):
            extra.extend(make_diagnostic(result.path, registry.rules[code], f, config) for f in findings)
    diagnostics = tuple(sorted([*kept, *extra], key=Diagnostic.sort_key))
    return FileResult(result.path, diagnostics, result.lines)
