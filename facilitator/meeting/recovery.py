"""Recovery: the running session's state on disk, so a crash loses nothing.

After every change (and every few seconds) the runner saves what is needed to
continue: how the session was started and the engine's snapshot. The file is
replaced atomically, so after a power cut it holds either the old or the new
state, never half of one. A session that completes or is stopped removes it.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import platformdirs

from facilitator.errors import ConfigError
from facilitator.lang import t

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


class StateStore:
    def __init__(self, path: Path | None = None) -> None:
        self.path = path or state_path()

    def save(
        self, request: dict[str, Any], snapshot: dict[str, Any], log_size: int | None = None
    ) -> None:
        data = {
            "request": request,
            "snapshot": snapshot,
            "saved_at": datetime.now().isoformat(timespec="seconds"),
            "log_size": log_size,
        }
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".session-", suffix=".tmp", dir=self.path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                json.dump(data, f, ensure_ascii=False)
                f.flush()
                os.fsync(f.fileno())
            os.replace(tmp, self.path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    def load(self) -> SavedSession | None:
        """The saved session, or ``None`` when there is none."""
        try:
            text = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return None
        except (OSError, UnicodeDecodeError) as error:
            raise ConfigError(t("cli.state_unreadable", path=self.path, reason=error)) from None
        try:
            data = json.loads(text)
            return SavedSession(
                request=dict(data["request"]),
                snapshot=dict(data["snapshot"]),
                saved_at=str(data["saved_at"]),
                log_size=_size(data.get("log_size")),
            )
        except (ValueError, KeyError, TypeError):
            raise ConfigError(t("cli.state_unreadable", path=self.path, reason="JSON")) from None

    def clear(self) -> None:
        self.path.unlink(missing_ok=True)


def _size(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


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
        os.ftruncate(handle, 0)
        os.pwrite(handle, str(os.getpid()).encode(), 0)
        yield
    finally:
        os.close(handle)  # releases the lock
