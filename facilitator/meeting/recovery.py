"""Recovery: the running session's state on disk, so a crash loses nothing.

After every change (and every few seconds) the runner saves what is needed to
continue: how the session was started and the engine's snapshot. The file is
replaced atomically, so after a power cut it holds either the old or the new
state, never half of one. A session that completes or is stopped removes it.

The state also holds the session log's size and the log lines of the saved moment
that are not yet in the log: the state is saved before the log is written, so a
resume can finish the log without repeating or removing a line. Before anything uses
a loaded state it is checked as a whole (``stateschema``); one that cannot be used is
a ``BrokenState``, which the command line sets aside rather than let it block a new
meeting.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import platformdirs

from facilitator.atomicfile import write_atomically
from facilitator.errors import ConfigError
from facilitator.inputfile import NotRegular, read_limited
from facilitator.lang import t
from facilitator.meeting.stateschema import state_problem

ENV_VAR = "FACILITATOR_STATE_DIR"
FALLBACK_VAR = "FACILITATOR_STATE_FALLBACK"
FILE_NAME = "session.json"
LOCK_NAME = "session.lock"


def state_path() -> Path:
    base = os.environ.get(ENV_VAR) or platformdirs.user_state_dir("facilitator")
    return Path(base) / FILE_NAME


@dataclass(frozen=True)
class SavedSession:
    request: dict[str, Any]
    snapshot: dict[str, Any]
    saved_at: str  # wall-clock time, only to show the user when it was
    log_size: int | None = None  # bytes in the session log when this was saved
    # Log lines of the saved moment that were not yet in the log when it was saved:
    # the log is written after the state, so a resume finishes what a crash cut off.
    log_pending: tuple[str, ...] = ()
    t: float | None = None  # the session's time when it was saved (as in its log)


class BrokenState(ConfigError):
    """The saved state cannot be used; ``reason`` says why, in a few words."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(t("safety.state_broken", path=path, reason=reason))
        self.path = path
        self.reason = reason


class StateStore:
    """The saved state, in ``path``; when that cannot be written (a full SD card),
    in ``fallback`` (a private folder in RAM), until ``path`` can be written again.

    ``load`` takes the later of the two, so a resume never goes back further than
    the last state that was saved anywhere.
    """

    def __init__(self, path: Path | None = None, fallback: Path | None = None) -> None:
        self.path = path or state_path()
        self.fallback = fallback if fallback is not None else fallback_path(self.path)
        self.in_fallback = False  # the last save went to the fallback
        self.problem: str | None = None  # why the last save did not go to ``path``
        self._swept: set[Path] = set()

    def save(
        self,
        request: dict[str, Any],
        snapshot: dict[str, Any],
        log_size: int | None = None,
        log_pending: Sequence[str] = (),
        t: float | None = None,
    ) -> None:
        """Saves the state; ``OSError`` only when neither place can be written."""
        data = {
            "request": request,
            "snapshot": snapshot,
            "saved_at": datetime.now().isoformat(timespec="seconds"),
            "log_size": log_size,
            "log_pending": list(log_pending),
            "t": t,
        }
        # ASCII only: a name that is not valid text can never make the save fail.
        text = json.dumps(data, ensure_ascii=True, allow_nan=False)
        try:
            self._write(self.path, text)
        except OSError as error:
            self.problem = error.strerror or type(error).__name__
            if self.fallback is None:
                raise
            try:
                self._write(self.fallback, text, private=True)
            except OSError:
                raise error from None
            self.in_fallback = True
            return
        self.problem = None
        self.in_fallback = False
        if self.fallback is not None:
            with contextlib.suppress(OSError):
                self.fallback.unlink(missing_ok=True)

    def _write(self, path: Path, text: str, private: bool = False) -> None:
        if private:  # the state names the participants: no one else may look inside
            path.parent.parent.mkdir(mode=0o700, exist_ok=True)
            path.parent.mkdir(mode=0o700, exist_ok=True)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
        if path.parent not in self._swept:
            self._sweep(path.parent)
        write_atomically(path, text, prefix=_TEMP_PREFIX, encoding="ascii")

    def _sweep(self, folder: Path) -> None:
        """Removes what an earlier, killed save left behind: on a small disk, those
        half-written copies would take the room the next save needs."""
        self._swept.add(folder)
        for leftover in folder.glob(f"{_TEMP_PREFIX}*.tmp"):
            with contextlib.suppress(OSError):
                leftover.unlink()

    def load(self) -> SavedSession | None:
        """The saved session (the later of ``path`` and the fallback), or ``None`` when
        there is none; ``BrokenState`` when it cannot be used (unreadable, not JSON, or
        not a state this program saves)."""
        problem: BrokenState | None = None
        try:
            main = _read_state(self.path)
        except BrokenState as broken:
            main, problem = None, broken
        spare = None
        if self.fallback is not None:
            with contextlib.suppress(BrokenState):
                spare = _read_state(self.fallback)
        if spare is not None and (main is None or _elapsed(spare) > _elapsed(main)):
            return spare
        if problem is not None:
            raise problem
        return main

    def set_aside(self) -> Path:
        """Moves an unusable state out of the way, keeping it for whoever wants to look."""
        aside = self.path.with_name(f"{self.path.name}.broken")
        os.replace(self.path, aside)
        return aside

    def clear(self) -> None:
        self.path.unlink(missing_ok=True)
        if self.fallback is not None:
            with contextlib.suppress(OSError):
                self.fallback.unlink(missing_ok=True)


def fallback_path(path: Path) -> Path | None:
    """Where the state for ``path`` goes while ``path`` cannot be written: a folder
    of this user's own in RAM (it outlives a crash of the program, not a power cut,
    which the state in ``path`` does)."""
    key = hashlib.sha256(str(path.absolute()).encode("utf-8", "replace")).hexdigest()[:16]
    chosen = os.environ.get(FALLBACK_VAR)
    if chosen is not None:  # a folder of one's own choice; empty: no fallback
        return Path(chosen) / f"state-{key}" / FILE_NAME if chosen.strip() else None
    shm = Path("/dev/shm")
    if not hasattr(os, "getuid") or not shm.is_dir():
        return None
    return shm / f"facilitator-{os.getuid()}" / f"state-{key}" / FILE_NAME


def _elapsed(saved: SavedSession) -> float:
    value = saved.snapshot.get("elapsed_s")
    return float(value) if isinstance(value, int | float) else 0.0


def _read_state(path: Path) -> SavedSession | None:
    try:
        raw = read_limited(path, STATE_LIMIT)
    except FileNotFoundError:
        return None
    except NotRegular as refused:
        raise BrokenState(path, str(refused)) from None
    except OSError as error:
        raise BrokenState(path, error.strerror or type(error).__name__) from None
    try:
        data = json.loads(raw.decode("utf-8"))
    except (ValueError, RecursionError):  # ValueError: also bad UTF-8, huge integers
        raise BrokenState(path, "JSON") from None
    problem = state_problem(data)
    if problem is not None:
        raise BrokenState(path, problem)
    return SavedSession(
        request=dict(data["request"]),
        snapshot=dict(data["snapshot"]),
        saved_at=str(data["saved_at"]),
        log_size=data.get("log_size"),
        log_pending=tuple(data.get("log_pending") or ()),
        t=data.get("t"),
    )


_TEMP_PREFIX = ".session-"
STATE_LIMIT = 64_000_000


@contextlib.contextmanager
def one_session_at_a_time(directory: Path | None = None) -> Iterator[None]:
    """Holds the lock that makes a second ``run`` on this computer stop with a clear
    message, instead of both saving their state in the same place.

    The lock is the operating system's (``flock``; ``msvcrt.locking`` on Windows): it
    goes with the process, also when that is killed, so a crash never leaves a stale
    lock behind. Where the lock file cannot be made, or the system has no file lock,
    the session goes on without it.
    """
    folder = directory or state_path().parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle = os.open(folder / LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o600)
    except OSError:
        yield
        return
    from facilitator.filelock import LockUnavailable, read_start, try_lock, write_start

    try:
        try:
            locked = try_lock(handle)
        except LockUnavailable:
            locked = None  # a system without file locks: go on without one
        if locked is False:
            holder = read_start(handle, 32).decode(errors="replace").strip() or "?"
            raise ConfigError(t("cli.session_running", pid=holder)) from None
        if locked:
            with contextlib.suppress(OSError):  # a full disk: the lock holds all the same
                write_start(handle, str(os.getpid()).encode())
        yield
    finally:
        os.close(handle)  # releases the lock
