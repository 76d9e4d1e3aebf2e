"""Reading files the user names without letting one exhaust memory or block forever.

A configuration or baseline path may be a FIFO, a device (``/dev/zero``) or a huge file;
each is read here through a size limit, and only if it is a regular file.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

MAX_CONFIG_BYTES = 1024 * 1024  # a configuration file is a few lines of TOML


class LimitedReadError(ValueError):
    """The file is not a regular file, is larger than the limit, or cannot be read."""


def read_limited(path: Path | str, limit: int) -> bytes:
    """The bytes of the regular file ``path``, refusing more than ``limit`` of them."""
    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode):
            raise LimitedReadError(f"{path}: not a regular file")
        if info.st_size > limit:
            raise LimitedReadError(f"{path}: {info.st_size} bytes, more than the limit of {limit}")
        with open(path, "rb") as handle:
            data = handle.read(limit + 1)
    except FileNotFoundError:
        raise
    except OSError as exc:
        raise LimitedReadError(f"{path}: cannot read: {exc.strerror or exc}") from None
    if len(data) > limit:  # it grew while being read
        raise LimitedReadError(f"{path}: more than the limit of {limit} bytes")
    return data
