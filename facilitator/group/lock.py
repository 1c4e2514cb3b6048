"""A lock on the groups folder, so that two commands never lose each other's change.

``facilitator group actions … add`` in one terminal and a meeting that records its
attendance in another both read, change and write a group's file; the lock makes
that one step each. It is the operating system's lock on an open file (``flock`` on
POSIX, ``msvcrt.locking`` on Windows: ``facilitator.filelock``), so it goes with the
process, also when that is killed: a crash never leaves a stale lock behind.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Iterator
from pathlib import Path

from facilitator.errors import GroupError
from facilitator.filelock import LockUnavailable, try_lock, unlock
from facilitator.lang import t

WAIT_S = 10.0  # another command holds the lock for milliseconds; this is plenty
_POLL_S = 0.02


@contextlib.contextmanager
def locked(path: Path, wait_s: float = WAIT_S) -> Iterator[None]:
    """Holds the lock file ``path`` (made when missing) for the ``with`` block.

    Waits up to ``wait_s`` for another holder; then a ``GroupError`` says who to wait for.
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    except OSError as error:
        raise GroupError(t("group.cannot_write", path=path, reason=error.strerror)) from None
    try:
        deadline = time.monotonic() + wait_s
        while not _try_lock(handle):
            if time.monotonic() >= deadline:
                raise GroupError(t("group.busy", path=path))
            time.sleep(_POLL_S)
        try:
            yield
        finally:
            unlock(handle)
    finally:
        os.close(handle)


def _try_lock(handle: int) -> bool:
    try:
        return try_lock(handle)
    except LockUnavailable:
        return True  # a system without file locks: go on without one, as a run does
