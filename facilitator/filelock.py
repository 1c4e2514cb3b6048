"""An exclusive lock on an open file that works on Windows, macOS and Linux.

The lock belongs to the process: it is released when the file is closed or the
process ends, also when it is killed, so a crash never leaves a stale lock. POSIX
systems use ``flock``; Windows uses ``msvcrt.locking`` on one byte well past the
start of the file, so that the holder's process id, written at the start, stays
readable for the process that finds the lock taken (Windows refuses reads of a
locked range). The platform's module is imported only when a lock is taken.
"""

from __future__ import annotations

import os
import sys

_WINDOWS_LOCK_OFFSET = 1024  # beyond anything written at the start of the file


class LockUnavailable(Exception):
    """This system offers no file lock (neither ``fcntl`` nor ``msvcrt``)."""


def try_lock(handle: int) -> bool:
    """Locks the file open as ``handle``: True, or False when another process holds it.

    ``LockUnavailable`` when the system has no way to lock a file.
    """
    if sys.platform == "win32":
        return _try_lock_windows(handle)
    try:
        import fcntl
    except ImportError:
        raise LockUnavailable from None
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def _try_lock_windows(handle: int) -> bool:
    try:
        import msvcrt
    except ImportError:
        raise LockUnavailable from None
    position = os.lseek(handle, 0, os.SEEK_CUR)
    os.lseek(handle, _WINDOWS_LOCK_OFFSET, os.SEEK_SET)
    try:
        msvcrt.locking(handle, msvcrt.LK_NBLCK, 1)  # type: ignore[attr-defined,unused-ignore]
    except OSError:  # Windows reports a locked range as EACCES (or EDEADLOCK)
        return False
    finally:
        os.lseek(handle, position, os.SEEK_SET)
    return True


def unlock(handle: int) -> None:
    """Releases a lock taken with ``try_lock`` (closing the file releases it too)."""
    if sys.platform == "win32":
        try:
            import msvcrt
        except ImportError:
            return  # there was no lock to release
        position = os.lseek(handle, 0, os.SEEK_CUR)
        os.lseek(handle, _WINDOWS_LOCK_OFFSET, os.SEEK_SET)
        try:
            msvcrt.locking(handle, msvcrt.LK_UNLCK, 1)  # type: ignore[attr-defined,unused-ignore]
        finally:
            os.lseek(handle, position, os.SEEK_SET)
        return
    try:
        import fcntl
    except ImportError:
        return
    fcntl.flock(handle, fcntl.LOCK_UN)


def read_start(handle: int, size: int) -> bytes:
    """The first ``size`` bytes of the file (``os.pread`` is POSIX only)."""
    os.lseek(handle, 0, os.SEEK_SET)
    return os.read(handle, size)


def write_start(handle: int, data: bytes) -> None:
    """Replaces the file's content with ``data``."""
    os.ftruncate(handle, 0)
    os.lseek(handle, 0, os.SEEK_SET)
    os.write(handle, data)
