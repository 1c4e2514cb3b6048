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
import fcntl
import json
import os
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import platformdirs

from facilitator.errors import ConfigError
from facilitator.inputfile import NotRegular, read_limited
from facilitator.lang import t
from facilitator.stateschema import state_problem

ENV_VAR = "FACILITATOR_STATE_DIR"
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
    t: float | None = None  # the session's time when it was saved


class BrokenState(ConfigError):
    """The saved state cannot be used; ``reason`` says why, in a few words."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(t("safety.state_broken", path=path, reason=reason))
        self.path = path
        self.reason = reason


class StateStore:
    def __init__(self, path: Path | None = None) -> None:
        self.path = path or state_path()
        self._swept = False

    def save(
        self,
        request: dict[str, Any],
        snapshot: dict[str, Any],
        log_size: int | None = None,
        log_pending: Sequence[str] = (),
        t: float | None = None,
    ) -> None:
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
        self.path.parent.mkdir(parents=True, exist_ok=True)
        if not self._swept:
            self._sweep()
        fd, tmp = tempfile.mkstemp(prefix=_TEMP_PREFIX, suffix=".tmp", dir=self.path.parent)
        try:
            with os.fdopen(fd, "w", encoding="ascii") as f:
                f.write(text)
                f.flush()
                os.fsync(f.fileno())
            os.replace(tmp, self.path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    def _sweep(self) -> None:
        """Removes what an earlier, killed save left behind: on a small disk, those
        half-written copies would take the room the next save needs."""
        self._swept = True
        for leftover in self.path.parent.glob(f"{_TEMP_PREFIX}*.tmp"):
            with contextlib.suppress(OSError):
                leftover.unlink()

    def load(self) -> SavedSession | None:
        """The saved session, or ``None`` when there is none; ``BrokenState`` when it
        cannot be used (unreadable, not JSON, or not a state this program saves)."""
        try:
            raw = read_limited(self.path, STATE_LIMIT)
        except FileNotFoundError:
            return None
        except NotRegular as refused:
            raise BrokenState(self.path, str(refused)) from None
        except OSError as error:
            raise BrokenState(self.path, error.strerror or type(error).__name__) from None
        try:
            data = json.loads(raw.decode("utf-8"))
        except (ValueError, RecursionError):  # ValueError: also bad UTF-8, huge integers
            raise BrokenState(self.path, "JSON") from None
        problem = state_problem(data)
        if problem is not None:
            raise BrokenState(self.path, problem)
        return SavedSession(
            request=dict(data["request"]),
            snapshot=dict(data["snapshot"]),
            saved_at=str(data["saved_at"]),
            log_size=data.get("log_size"),
            log_pending=tuple(data.get("log_pending") or ()),
            t=data.get("t"),
        )

    def set_aside(self) -> Path:
        """Moves an unusable state out of the way, keeping it for whoever wants to look."""
        aside = self.path.with_name(f"{self.path.name}.broken")
        os.replace(self.path, aside)
        return aside

    def clear(self) -> None:
        self.path.unlink(missing_ok=True)


_TEMP_PREFIX = ".session-"
STATE_LIMIT = 64_000_000


@contextlib.contextmanager
def one_session_at_a_time(directory: Path | None = None) -> Iterator[None]:
    """Holds the lock that makes a second ``run`` on this computer stop with a clear
    message, instead of both saving their state in the same place.

    The lock is the operating system's (``flock``): it goes with the process, also
    when that is killed, so a crash never leaves a stale lock behind. Where the lock
    file cannot be made, the session goes on without it.
    """
    folder = directory or state_path().parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle = os.open(folder / LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o600)
    except OSError:
        yield
        return
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(handle, 32, 0).decode(errors="replace").strip() or "?"
            raise ConfigError(t("cli.session_running", pid=holder)) from None
        with contextlib.suppress(OSError):  # a full disk: the lock holds all the same
            os.ftruncate(handle, 0)
            os.pwrite(handle, str(os.getpid()).encode(), 0)
        yield
    finally:
        os.close(handle)  # releases the lock
