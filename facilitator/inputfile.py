"""Input files are what they claim to be, within limits.

Every file a user hands the facilitator (a method, the room configuration, a session
log, a model archive) is opened through ``open_regular``: a FIFO, a directory or a
device such as ``/dev/zero`` is refused at once (opening never blocks, reading never
starts), and so is a file larger than the limit for its kind. Reading a whole file
(``read_limited``) stops one byte past the limit, so memory stays bounded even when
the file grows while it is read.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path
from typing import BinaryIO

from facilitator.lang import t

METHOD_LIMIT = 1_000_000  # a method with a hundred steps is about 20 kB
CONFIG_LIMIT = 256_000
LOG_LIMIT = 256_000_000  # ten thousand meetings' worth of events
LOG_LINE_LIMIT = 64_000  # the longest event line a log may hold
ARCHIVE_LIMIT = 8_000_000_000  # the big Dutch speech model is about 1.3 GB


_NONBLOCK = getattr(os, "O_NONBLOCK", 0)  # Windows has no FIFOs to wait on


class NotRegular(OSError):
    """``path`` is not a regular file, or too large; ``str()`` says so to the user."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message
        self.strerror = message

    def __str__(self) -> str:
        return self.message


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return t("safety.kind_folder")
    if stat.S_ISFIFO(mode) or stat.S_ISSOCK(mode):
        return t("safety.kind_pipe")
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return t("safety.kind_device")
    return t("safety.kind_other")


def check_regular(mode: int, size: int, path: str | os.PathLike[str], limit: int | None) -> None:
    """Raises ``NotRegular`` unless ``mode`` is a regular file of at most ``limit`` bytes."""
    if not stat.S_ISREG(mode):
        raise NotRegular(t("safety.not_a_file", path=path, kind=_kind(mode)))
    if limit is not None and size > limit:
        raise NotRegular(
            t("safety.too_large", path=path, size=_megabytes(size), limit=_megabytes(limit))
        )


def open_regular(path: str | os.PathLike[str], limit: int | None) -> BinaryIO:
    """``path`` opened for reading, once it is known to be a regular file within ``limit``.

    Raises ``NotRegular`` (an ``OSError``) for anything else, and the usual
    ``OSError`` when the file cannot be opened at all.
    """
    # O_NONBLOCK: opening a FIFO without a writer would wait for one forever.
    flags = os.O_RDONLY | _NONBLOCK | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags)
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):  # as reading one would say
            raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(path))
        check_regular(info.st_mode, info.st_size, path, limit)
        if _NONBLOCK:
            os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def read_limited(path: str | os.PathLike[str], limit: int) -> bytes:
    """The bytes of the regular file ``path``: at most ``limit`` of them, or ``NotRegular``."""
    with open_regular(path, limit) as file:
        data = file.read(limit + 1)
    if len(data) > limit:  # it grew while we read it
        raise NotRegular(
            t("safety.too_large", path=path, size=_megabytes(len(data)), limit=_megabytes(limit))
        )
    return data


def check_output_path(path: Path) -> None:
    """Raises ``NotRegular`` when ``path`` exists and is not a regular file (a log to
    write must not be a FIFO, a folder or a device such as ``/dev/full``)."""
    try:
        info = os.stat(path)
    except (FileNotFoundError, NotADirectoryError):
        return
    check_regular(info.st_mode, info.st_size, path, None)


def _megabytes(size: int) -> str:
    if size < 1_000_000:
        return f"{size / 1000:.0f} kB"
    return f"{size / 1_000_000:.0f} MB"
