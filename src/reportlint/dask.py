"""Running the same check on a Dask cluster (the optional extra ``reportlint[dask]``).

    reportlint check --executor dask --scheduler tcp://HOST:8786 reports/

sends each file to the cluster's workers and streams the results back in the order of the
files, a bounded window at a time, so the client's memory stays flat however many files
there are. The output is the same as ``-j 1``: each worker runs exactly the per-file check
of one process (``safe_lint_file``: a file that cannot be loaded is its diagnostic, a crash
is that file's E008). Workers read the files by their paths, so the paths must name the
same files on the workers (a shared or mounted folder); ``lint_bag`` also takes the bytes
themselves, for notebooks and clusters without a shared folder.

Without ``--scheduler``, a local cluster of ``--jobs`` worker processes is started. Year
pairing (``pair-years``) reads the files on the cluster too, before they are checked.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import Any, TypeVar

from reportlint.config import Config
from reportlint.model import FileResult

INSTALL_HINT = "the Dask executor needs the extra: pip install 'reportlint[dask]'"
T = TypeVar("T")


def _check_one(item: str | tuple[str, bytes], config: Config) -> FileResult:
    """The per-file check, as a worker runs it: a path, or (name, bytes)."""
    from reportlint.api import analyze_bytes, file_result
    from reportlint.runner import safe_lint_file

    if isinstance(item, tuple):
        name, data = item
        return file_result(analyze_bytes(data, name, config))
    return safe_lint_file(item, config)


def lint_bag(paths_or_bytes: Iterable[str | os.PathLike[str] | tuple[str, bytes]], config: Config | None = None,
             partitions: int | None = None) -> Any:
    """A ``dask.bag.Bag`` of FileResult, one per input: a path (read by the worker) or a
    ``(name, bytes)`` pair. ``bag.compute()`` on any scheduler gives the results in order.

    >>> import reportlint.dask
    >>> results = reportlint.dask.lint_bag(["a.txt", ("b.html", data)]).compute()  # doctest: +SKIP
    """
    try:
        import dask.bag as db
    except ImportError as exc:
        raise RuntimeError(INSTALL_HINT) from exc
    config = config or Config()
    items = [item if isinstance(item, tuple) else os.fspath(item) for item in paths_or_bytes]
    bag = db.from_sequence(items, npartitions=partitions or max(1, min(len(items), 64)))
    return bag.map(_check_one, config=config)


def lint_on_cluster(files: list[str], config: Config, scheduler: str = "",
                    previous_for: dict[str, str] | None = None, window: int = 0) -> Iterator[FileResult]:
    """FileResults of ``files`` in order, computed on the Dask cluster at ``scheduler`` (or a
    local cluster of ``config.jobs`` workers), at most ``window`` files in flight."""
    from dataclasses import replace

    from reportlint.runner import _internal_error

    configs = {name: replace(config, previous=previous) for name, previous in (previous_for or {}).items()}

    def lost(name: str, config: Config, error: Exception) -> FileResult:
        return _internal_error(name, config, f"集群中的检查进程失败 / the cluster worker failed: {type(error).__name__}")

    yield from map_on_cluster(_check_one, files, config, scheduler, configs, lost, window)


def map_on_cluster(function: Callable[[str, Config], T], files: list[str], config: Config, scheduler: str = "",
                   configs: dict[str, Config] | None = None,
                   lost: Callable[[str, Config, Exception], T] | None = None,
                   window: int = 0) -> Iterator[T]:
    """``function(name, config)`` for every file, in order, on the Dask cluster at
    ``scheduler`` (or a local cluster of ``config.jobs`` workers), at most ``window`` files in
    flight; ``lost`` is a file's answer when its worker is lost for good (default: raise)."""
    try:
        from distributed import Client, LocalCluster
    except ImportError as exc:
        raise RuntimeError(INSTALL_HINT) from exc
    configs = configs or {}
    cluster = None
    if scheduler:
        client = Client(scheduler)
    else:
        cluster = LocalCluster(n_workers=max(1, config.jobs), threads_per_worker=1, dashboard_address=None,
                               processes=True)
        client = Client(cluster)
    try:
        workers = max(1, len(client.scheduler_info().get("workers", {})))
        window = window or workers * 8
        pending: deque[tuple[str, Any]] = deque()
        index = 0
        while index < len(files) or pending:
            while index < len(files) and len(pending) < window:
                name = files[index]
                pending.append((name, client.submit(function, name, configs.get(name, config), pure=False)))
                index += 1
            name, future = pending.popleft()
            try:
                result: T = future.result()
            except Exception as error:  # a worker lost for good (KilledWorker): this file's answer
                if lost is None:
                    raise
                result = lost(name, configs.get(name, config), error)
            future.release()
            yield result
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
