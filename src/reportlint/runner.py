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
import stat
import sys
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from reportlint.api import analyze_bytes, file_result, lint_file
from reportlint.config import Config
from reportlint.core_rules import BASELINE_EXPIRED, BASELINE_STALE, INTERNAL_ERROR
from reportlint.engine import Selector, make_diagnostic
from reportlint.model import Diagnostic, FileResult, Finding, Location
from reportlint.plugins import Registry, get_registry

if TYPE_CHECKING:  # the process pool and baselines are imported when a run uses them (startup time)
    from concurrent.futures import Future

    from reportlint.baseline import BaselineFilter

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
                    if not _is_regular(full):
                        # A FIFO or device would block or never end: say so, check the rest.
                        print(f"reportlint: skipping {_shown(full)}: not a regular file", file=sys.stderr)
                        continue
                    found.add(full)
        elif path.exists() or not glob.has_magic(raw):
            found.add(raw)
        else:
            found.update(glob.glob(raw, recursive=True))
    return ([STDIN] if stdin else []) + sorted(found)


def _is_regular(path: str) -> bool:
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except OSError:
        return True  # a dangling link: reading it gives the file its own diagnostic


def _shown(path: str) -> str:
    """A path fit for a terminal: undecodable bytes and control characters escaped."""
    return path.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace").encode(
        "unicode_escape").decode("ascii") if not path.isprintable() or _has_surrogates(path) else path


def _has_surrogates(text: str) -> bool:
    return any("\ud800" <= ch <= "\udfff" for ch in text)


def _die_with_parent() -> None:
    """Ask Linux to kill this worker when the parent dies (no orphan left spinning)."""
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes
        import signal

        libc = ctypes.CDLL(None, use_errno=True)
        pr_set_pdeathsig = 1
        libc.prctl(pr_set_pdeathsig, signal.SIGKILL)
    except (OSError, AttributeError):
        pass


def _init_worker() -> None:
    _die_with_parent()
    get_registry()  # plugins load once per worker, not per file


def _lint_stdin(config: Config) -> FileResult:
    data = sys.stdin.buffer.read(config.max_bytes + 1)  # the limit holds for a pipe too
    return file_result(analyze_bytes(data, STDIN, config))


def safe_lint_file(name: str, config: Config) -> FileResult:
    """lint_file that never raises: whatever goes wrong is this file's E008."""
    try:
        return lint_file(name, config)
    except Exception as exc:  # noqa: BLE001 - reading or linting one file must not stop the batch
        return _internal_error(name, config, f"{type(exc).__name__}: {exc}")


def _internal_error(name: str, config: Config, what: str) -> FileResult:
    registry = get_registry()
    rule = registry.rules[INTERNAL_ERROR]
    finding = Finding(message=f"检查这个文件时发生内部错误，结果不完整：{what[:300]}",
                      message_en=f"an internal error stopped the check of this file: {what[:300]}",
                      location=Location())
    return FileResult(name, (make_diagnostic(name, rule, finding, config),), ())


def worker_count(config: Config, files: int) -> int:
    """Processes worth starting: no more than the files, nor than the CPUs."""
    return max(1, min(config.jobs, files, os.cpu_count() or 1))


def lint_files(files: list[str], config: Config,
               previous_for: dict[str, str] | None = None) -> Iterator[FileResult]:
    """FileResults in the order of ``files``, using a process pool when ``config.jobs`` > 1.

    A worker that dies (killed, out of memory) costs only the file it was checking: the
    files in flight are checked again one by one in fresh workers, and the one that kills
    its worker again gets E008. The other files' results are the same as without it.
    """
    if files and files[0] == STDIN:
        yield _lint_stdin(config)
        files = files[1:]
    configs = {name: replace(config, previous=previous) for name, previous in (previous_for or {}).items()}
    yield from map_files(safe_lint_file, files, config, configs, _worker_died)


def _worker_died(name: str, config: Config) -> FileResult:
    return _internal_error(name, config, "检查进程意外退出（可能被系统终止或内存耗尽） / the worker process died")


T = TypeVar("T")


def map_files(function: Callable[[str, Config], T], files: list[str], config: Config,
              configs: dict[str, Config] | None = None,
              died: Callable[[str, Config], T] | None = None) -> Iterator[T]:
    """``function(name, config)`` for every file, in order, in ``config.jobs`` processes (in
    this one when that is 1, or when processes cannot be started). ``configs`` gives some
    files a config of their own; ``died`` is a file's answer when it kills its worker twice
    (default: the exception). ``function`` must not raise for what a file holds."""
    configs = configs or {}
    workers = worker_count(config, len(files))
    if workers <= 1:
        for name in files:
            yield function(name, configs.get(name, config))
        return
    try:
        yield from _pooled(function, files, config, workers, configs, died)
    except (OSError, NotImplementedError) as exc:
        # Some sandboxes forbid subprocesses: one process gives the same output.
        print(f"reportlint: warning: cannot use {workers} processes ({exc}); continuing in one", file=sys.stderr)
        for name in files:
            yield function(name, configs.get(name, config))


CHUNK_FILES = 8  # files per task at most: a task's round trip costs a worker and the parent ~0.2 ms


def _chunk_size(files: int, workers: int) -> int:
    """Files sent to a worker at once: a few, so that the per-task cost is shared, but few
    enough that every worker has many tasks (and a slow file delays few others)."""
    return max(1, min(CHUNK_FILES, files // (workers * 16)))


def _run_chunk(function: Callable[[str, Config], T], work: list[tuple[str, Config]]) -> list[T]:
    """``function`` on each file of a chunk, in a worker."""
    return [function(name, config) for name, config in work]


def _pooled(function: Callable[[str, Config], T], files: list[str], config: Config, workers: int,
            configs: dict[str, Config], died: Callable[[str, Config], T] | None) -> Iterator[T]:
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    size = _chunk_size(len(files), workers)
    window = workers * 4  # tasks in flight: enough to keep workers busy, bounded memory
    index = 0
    while index < len(files):
        pool = ProcessPoolExecutor(max_workers=workers, initializer=_init_worker)
        pending: deque[tuple[list[str], Future[list[T]]]] = deque()
        broken = False
        try:
            while index < len(files) or pending:
                while not broken and index < len(files) and len(pending) < window:
                    names = files[index:index + size]
                    try:
                        future = pool.submit(_run_chunk, function, [(n, configs.get(n, config)) for n in names])
                    except BrokenProcessPool:  # a worker died while files were still being queued
                        broken = True
                        break
                    pending.append((names, future))
                    index += len(names)
                if broken:
                    break
                if not pending:
                    break
                names, future = pending[0]
                try:
                    results = future.result()
                except BrokenProcessPool:
                    broken = True
                    break
                pending.popleft()
                yield from results
        finally:
            pool.shutdown(wait=not broken, cancel_futures=True)
        if broken:
            # Which file killed the worker is unknown: check each one in flight alone.
            for names, _ in pending:
                for name in names:
                    yield _isolated(function, name, configs.get(name, config), died)
    return


def _isolated(function: Callable[[str, Config], T], name: str, config: Config,
              died: Callable[[str, Config], T] | None) -> T:
    """Run ``function`` on one file in a worker of its own; a worker that dies again is
    ``died``'s answer for this file."""
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    pool = ProcessPoolExecutor(max_workers=1, initializer=_init_worker)
    try:
        return pool.submit(function, name, config).result()
    except BrokenProcessPool:
        if died is None:
            raise
        return died(name, config)
    finally:
        pool.shutdown(wait=False, cancel_futures=True)


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
    return replace(result, diagnostics=diagnostics)
