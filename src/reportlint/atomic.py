"""Writing files so that an interruption never leaves a part of one.

Everything reportlint writes over a user's file (``fix --in-place``, ``check -o``,
``--write-baseline``) goes through a temporary file in the same folder, synced and then
renamed over the target: a crash or kill leaves the old file or the new one.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


class FixRefused(Exception):
    """Writing would lose or clobber data; the message says why."""


def _mode_for(target: Path) -> int:
    """The permission bits the written file gets: the old file's, or a new file's."""
    try:
        return os.stat(target).st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _sync_folder(directory: Path) -> None:
    """Make the rename itself durable (a power cut after it keeps the new file)."""
    try:
        folder = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(folder)
        finally:
            os.close(folder)
    except OSError:
        pass


class AtomicFile:
    """A file written under a temporary name beside ``target``; ``commit`` renames it over
    the target, ``discard`` removes it."""

    def __init__(self, target: Path, mode: str = "w", encoding: str | None = "utf-8") -> None:
        self.target = target
        self.directory = target.parent if str(target.parent) else Path(".")
        handle, self.temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=self.directory)
        self.stream = os.fdopen(handle, mode, encoding=encoding if "b" not in mode else None)

    def write(self, data):  # type: ignore[no-untyped-def]
        return self.stream.write(data)

    def flush(self) -> None:
        self.stream.flush()

    def commit(self) -> None:
        try:
            self.stream.flush()
            os.fsync(self.stream.fileno())
            self.stream.close()
            os.chmod(self.temporary, _mode_for(self.target))
            os.replace(self.temporary, self.target)
        except BaseException:
            self.discard()
            raise
        _sync_folder(self.directory)

    def discard(self) -> None:
        if not self.stream.closed:
            self.stream.close()
        try:
            os.unlink(self.temporary)
        except OSError:
            pass


def write_atomically(target: Path, payload: bytes, expected: bytes | None = None) -> None:
    """Write ``payload`` to ``target`` atomically. With ``expected``, refuse when the target
    no longer holds those bytes (it was edited since it was read)."""
    if expected is not None:
        try:
            current = target.read_bytes()
        except OSError as exc:
            raise FixRefused(f"{target} cannot be read again: {exc.strerror or exc}") from None
        if current != expected:
            raise FixRefused(f"{target} changed since it was read; run the fix again")
    output = AtomicFile(target, "wb")
    try:
        output.write(payload)
    except BaseException:
        output.discard()
        raise
    output.commit()
