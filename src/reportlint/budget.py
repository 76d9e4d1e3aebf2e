"""A per-file budget of wall time and memory: the last line of defence.

Every loader and rule is meant to be linear or capped by a named limit; should one still
run away on some input, the file's check is stopped when it has used
``max-seconds-per-file`` seconds or ``max-memory-per-file`` bytes more than the process
held when it began. The file then gets one E002 diagnostic and the batch goes on.

Time is enforced with SIGALRM and memory with RLIMIT_AS, both per process: in a worker of
``-j`` each worker guards the file it is checking. Where they are unavailable (Windows, a
thread other than the main one) the budget is simply not enforced. A value of 0 disables
either part.
"""

from __future__ import annotations

import os
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager

try:  # POSIX only
    import resource
except ImportError:  # pragma: no cover - Windows
    resource = None  # type: ignore[assignment]


class BudgetExceeded(Exception):
    """A file used more than its share of time or memory."""

    def __init__(self, message: str, message_en: str) -> None:
        super().__init__(message_en)
        self.message = message
        self.message_en = message_en


_active = False  # budgets do not nest (last year's report is read inside this year's check)


def _address_space() -> int | None:
    """The process's current virtual memory size in bytes (Linux), else None."""
    try:
        with open("/proc/self/statm", "rb") as handle:
            pages = int(handle.read().split()[0])
        return pages * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError, AttributeError):
        return None


def _over_time(seconds: float) -> BudgetExceeded:
    return BudgetExceeded(
        f"检查这个文件超过了每个文件的时间上限 {seconds:g} 秒，已停止（可用配置 max-seconds-per-file 调整，0 为不限）",
        f"checking this file took longer than the per-file limit of {seconds:g} s (config max-seconds-per-file)",
    )


def _over_memory(limit: int) -> BudgetExceeded:
    mib = limit / (1024 * 1024)
    return BudgetExceeded(
        f"检查这个文件需要的内存超过了每个文件的上限 {mib:.0f} MiB，已停止（可用配置 max-memory-per-file 调整，0 为不限）",
        f"checking this file needed more memory than the per-file limit of {mib:.0f} MiB "
        "(config max-memory-per-file)",
    )


_timed = False  # whether the running budget armed a timer that extend() may move


_limited = False  # whether the running budget lowered RLIMIT_AS, which extend() may raise


def extend(seconds: float = 0.0, memory: int = 0) -> None:
    """Give the file being checked ``seconds`` more wall time, and at least ``memory`` bytes
    of address space beyond what the process holds now: work whose cost is known to be large
    and bounded (OCR: its models, and each page it reads) brings its own allowance."""
    if threading.current_thread() is not threading.main_thread():
        return
    if seconds and _timed:
        remaining, _ = signal.getitimer(signal.ITIMER_REAL)
        if remaining > 0:
            signal.setitimer(signal.ITIMER_REAL, remaining + seconds)
    if memory and _limited and resource is not None:
        current = _address_space()
        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        if current is not None and soft != resource.RLIM_INFINITY and current + memory > soft:
            wanted = current + memory
            resource.setrlimit(resource.RLIMIT_AS, (wanted if hard == resource.RLIM_INFINITY else min(wanted, hard), hard))


@contextmanager
def file_budget(seconds: float, memory: int) -> Iterator[None]:
    """Run the body under the budget; raises BudgetExceeded when it is used up."""
    global _active, _timed, _limited
    in_main = threading.current_thread() is threading.main_thread()
    if _active or not in_main:
        yield
        return
    _active = True
    timer = seconds > 0 and hasattr(signal, "setitimer")
    previous_handler = None
    if timer:
        def on_alarm(signum: int, frame: object) -> None:
            raise _over_time(seconds)

        previous_handler = signal.signal(signal.SIGALRM, on_alarm)
        signal.setitimer(signal.ITIMER_REAL, seconds)
        _timed = True
    previous_limit = None
    current = _address_space() if memory > 0 and resource is not None else None
    if current is not None:
        previous_limit = resource.getrlimit(resource.RLIMIT_AS)
        hard = previous_limit[1]
        wanted = current + memory
        if hard == resource.RLIM_INFINITY or wanted < hard:
            resource.setrlimit(resource.RLIMIT_AS, (wanted, hard))
            _limited = True
        else:
            previous_limit = None
    try:
        yield
    except MemoryError:
        if previous_limit is None:
            raise
        raise _over_memory(memory) from None
    finally:
        if timer:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous_handler)
            _timed = False
        if previous_limit is not None:
            resource.setrlimit(resource.RLIMIT_AS, previous_limit)
        _active = _limited = False
