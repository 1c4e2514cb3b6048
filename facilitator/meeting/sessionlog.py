"""The session log: one JSON object per line, timings and recognised commands only.

The log is what makes a confidential meeting reviewable afterwards without keeping
anything that was said in the room. The writer therefore accepts only the events and
fields listed in ``EVENT_FIELDS`` and only plain JSON values: there is no field in
which audio or a transcript could end up, and trying to add one is a programming
error (``ValueError``), not something a user can cause. The ``text`` fields hold the
facilitator's own sentences, never the participants'.

Lines are synced as soon as they are written, and the file only ever grows by whole
lines: a write that fails is cut back to the last complete line, and its lines wait
in memory until they can be written (see ``SessionLog``). The file is opened in
append mode: a resumed session goes on in the same log, after a fresh
``session_started``, and nothing already in it is ever removed but a last line that
a crash cut in half.
"""

from __future__ import annotations

import contextlib
import json
import math
import os
import tempfile
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any, Protocol, Self

from facilitator.errors import LogError
from facilitator.inputfile import (
    LOG_LIMIT,
    LOG_LINE_LIMIT,
    NotRegular,
    check_output_path,
    check_regular,
    open_regular,
)
from facilitator.lang import t as phrase
from facilitator.meeting.commands import CommandKind
from facilitator.safetext import inert

# Per event, the fields it may carry besides ``t`` and ``event``, in the order they
# are written. ``step`` (the step running at the time) comes first wherever it fits.
EVENT_FIELDS: Mapping[str, tuple[str, ...]] = {
    "session_started": (
        "method",
        "title",
        "planned_s",
        "fitted_from_s",
        "steps",
        "participants",
        "case_owner",
        "speed",
        "resumed",
    ),
    # fitted_from_s: the steps' own total, when they were scaled to fit a time slot
    # resumed: the session (and its running step) continues after an interruption
    "step_started": ("step", "title", "planned_s", "part", "text", "resumed"),
    "warning": ("step", "remaining_s", "text"),
    "time_up": ("step", "text"),
    "turn_started": ("step", "participant", "turn_s", "round", "text"),
    "turn_ended": ("step", "participant", "reason"),
    "paused": ("step",),
    "resumed": ("step",),
    "extended": ("step", "minutes", "text"),
    "command": ("step", "command", "source"),
    "said": ("step", "text"),
    "step_ended": ("step", "actual_s", "planned_s", "reason"),
    "session_ended": ("step", "reason", "actual_s"),  # step: the one running, if any
    "action_point": ("step", "participant"),  # someone takes an action point (no text)
    # a group's meeting (facilitator.group.recorder): its number and roles, who is absent
    "group_meeting": ("step", "group", "number", "absent", "chair", "note_taker"),
    # The inbrenger of a topic (0, 1, ...): asked for after the case choice, then set.
    "case_owner_asked": ("step", "topic"),
    "case_owner_set": ("step", "participant", "topic"),
    "topics_ended": ("step", "topic"),  # an offered topic declined: no more topics
}

# The keys of each entry in ``session_started.steps``.
PLANNED_STEP_FIELDS: tuple[str, ...] = ("id", "title", "planned_s", "part", "phase")
PHASES = ("look_back", "inventory", "case_choice", "evaluation")

PARTS = ("opening", "method", "closing")
SOURCES = ("keyboard", "voice", "remote")

# Fields whose value must be one of a fixed set, per event where it differs.
_CHOICES: Mapping[tuple[str, str], tuple[str, ...]] = {
    ("step_started", "part"): PARTS,
    ("turn_ended", "reason"): ("time", "next", "pass"),
    ("command", "command"): tuple(kind.value for kind in CommandKind),
    ("command", "source"): SOURCES,
    ("step_ended", "reason"): ("next", "time", "previous", "stop"),
    ("session_ended", "reason"): ("completed", "stopped", "interrupted"),
}

_DECIMALS = 3


class EventLog(Protocol):
    """What the runner writes events to: a ``SessionLog`` or a ``NullLog``."""

    def write(self, event: str, t: float, **fields: object) -> dict[str, object]: ...

    def close(self) -> None: ...


def make_record(event: str, t: float, **fields: object) -> dict[str, object]:
    """The checked, ordered object for one log line.

    Raises ``ValueError`` for an unknown event or field, a value of the wrong
    shape, or anything that is not plain JSON (bytes, arrays, objects).
    """
    allowed = EVENT_FIELDS.get(event)
    if allowed is None:
        raise ValueError(f"unknown log event {event!r}")
    unknown = sorted(set(fields) - set(allowed))
    if unknown:
        raise ValueError(f"event {event!r} does not log the field(s) {', '.join(unknown)}")
    record: dict[str, object] = {"t": _time(t, "t"), "event": event}
    for name in allowed:
        if name in fields:
            record[name] = _checked(event, name, fields[name])
    return record


def _time(value: object, name: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(f"{name} must be a number of seconds, not {type(value).__name__}")
    if not math.isfinite(value):
        raise ValueError(f"{name} must be finite, not {value}")
    return round(float(value), _DECIMALS)


def _checked(event: str, name: str, value: object) -> object:
    if name == "step" and not isinstance(value, str):
        raise ValueError(f"step must be a step id (str), not {type(value).__name__}")
    if name == "steps":
        return _planned_steps(value)
    choices = _CHOICES.get((event, name))
    if choices is not None and value not in choices:
        raise ValueError(f"{event}.{name} must be one of {', '.join(choices)}, not {value!r}")
    return _plain(value, f"{event}.{name}")


def _planned_steps(value: object) -> list[dict[str, object]]:
    if not isinstance(value, list | tuple):
        raise ValueError("session_started.steps must be a list")
    steps: list[dict[str, object]] = []
    for entry in value:
        if not isinstance(entry, Mapping):
            raise ValueError("each entry of session_started.steps must be a mapping")
        unknown = sorted(set(entry) - set(PLANNED_STEP_FIELDS))
        if unknown:
            raise ValueError(f"session_started.steps does not log {', '.join(map(str, unknown))}")
        if "part" in entry and entry["part"] not in PARTS:
            raise ValueError(f"a planned step's part must be one of {', '.join(PARTS)}")
        if entry.get("phase") is not None and entry["phase"] not in PHASES:
            raise ValueError(f"a planned step's phase must be one of {', '.join(PHASES)} or null")
        steps.append(
            {key: _plain(entry[key], f"steps.{key}") for key in PLANNED_STEP_FIELDS if key in entry}
        )
    return steps


def _plain(value: object, where: str) -> Any:
    """``value`` as plain JSON (str, number, bool, null, list); anything else is refused."""
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, str):
        return str(value)  # a StrEnum becomes its plain value
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"{where} must be finite, not {value}")
        return round(value, _DECIMALS)
    if isinstance(value, list | tuple):
        return [_plain(item, where) for item in value]
    # bytes, arrays, mappings and objects have no place in the log: that is where
    # audio or a transcript could hide.
    raise ValueError(f"{where} cannot hold a {type(value).__name__}")


@dataclass(frozen=True)
class LogResume:
    """Where a resumed session's log stood when its state was saved."""

    size: int | None  # bytes in the log then, every line complete
    pending: tuple[str, ...] = ()  # lines of that moment not yet in the log


class SessionLog:
    """Appends events to a JSON Lines file, one synced line per event.

    Writing never stops the meeting: a line that cannot be written (a full disk, a
    removed USB stick) is kept in memory, said once through ``notify``, and written
    with the next line that can be. A failed write is cut back to the last complete
    line, so the file only ever holds whole lines. Lines that still cannot be written
    when the log is closed go to a fallback file, which is named.

    ``hold``: lines wait for ``flush()`` instead of being written at once. The
    session saves its state (with these lines in it) first, so the log never runs
    ahead of the state a resume goes back to.

    Opening fails with ``LogError`` (a message from the pack) when the file cannot be
    a log: not a regular file, or a file that is not a session log.
    """

    def __init__(
        self,
        path: str | os.PathLike[str],
        *,
        resume: LogResume | None = None,
        notify: Callable[[str], None] | None = None,
        hold: bool = False,
        fallback_dir: Path | None = None,
    ) -> None:
        self.path = Path(path)
        self.hold = hold
        self.notify = notify or (lambda text: None)
        self.fallback_dir = fallback_dir
        self.ahead_lines = 0  # complete lines after the resumed state that it did not know
        self.last_t: float | None = None  # the time of the log's last line when opened
        self._pending: list[str] = []
        self._failing = False
        self._torn = False
        self._closed = False
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            check_output_path(self.path)
            flags = os.O_WRONLY | os.O_APPEND | os.O_CREAT | getattr(os, "O_NONBLOCK", 0)
            flags |= getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)
            self._fd = os.open(self.path, flags, 0o600)
        except NotRegular as refused:
            raise LogError(str(refused)) from None
        except OSError as error:
            raise LogError(
                phrase("records.log_cannot_write", file=self.path, reason=_reason(error))
            ) from error
        try:
            check_regular(os.fstat(self._fd).st_mode, 0, self.path, None)
            self._durable = _drop_partial_last_line(self.path, self._fd)
            if resume is not None:
                self._pending = self._reconcile(resume)
        except NotRegular as refused:
            os.close(self._fd)
            raise LogError(str(refused)) from None
        except OSError as error:
            os.close(self._fd)
            raise LogError(
                phrase("records.log_cannot_write", file=self.path, reason=_reason(error))
            ) from error
        except LogError:
            os.close(self._fd)
            raise
        self.last_t = _last_time(self.path, self._durable)

    def _reconcile(self, resume: LogResume) -> list[str]:
        """The resumed state's pending lines that the log does not hold yet.

        Nothing already in the log is removed: lines the state did not know about
        (its last save failed) stay, and are counted in ``ahead_lines``.
        """
        pending = list(resume.pending)
        if resume.size is None or resume.size > self._durable:
            return pending  # the log is not the one the state knew: add what it lacks
        with open(self.path, "rb") as file:
            file.seek(resume.size)
            after = file.read(self._durable - resume.size)
        written = 0
        for line in pending:
            data = (line + "\n").encode("utf-8", "replace")
            if not after.startswith(data):
                break
            after = after[len(data) :]
            written += 1
        self.ahead_lines = after.count(b"\n")
        return [] if self.ahead_lines else pending[written:]

    def write(self, event: str, t: float, **fields: object) -> dict[str, object]:
        """Log one event; returns the object as written (or as kept, to write later)."""
        record = make_record(event, t, **fields)
        if self._closed:
            raise ValueError(f"the session log {self.path} is closed")
        self._pending.append(json.dumps(record, ensure_ascii=False))
        if not self.hold:
            self.flush()
        return record

    def flush(self) -> bool:
        """Writes every kept line; ``False`` when that is not possible now."""
        if not self._pending or self._closed:
            return not self._pending
        data = "".join(line + "\n" for line in self._pending).encode("utf-8", "replace")
        try:
            if self._torn:
                os.ftruncate(self._fd, self._durable)
                self._torn = False
            _write_all(self._fd, data)
            os.fsync(self._fd)
        except OSError as error:
            self._torn = True
            with contextlib.suppress(OSError):
                os.ftruncate(self._fd, self._durable)  # no half line stays behind
                self._torn = False
            if not self._failing:
                self._failing = True
                self.notify(phrase("safety.log_waiting", file=self.path, reason=_reason(error)))
            return False
        self._durable += len(data)
        self._pending.clear()
        if self._failing:
            self._failing = False
            self.notify(phrase("safety.log_written_again", file=self.path))
        return True

    @property
    def size(self) -> int:
        """Bytes in the log that are known to be on disk, every line complete."""
        return self._durable

    @property
    def pending(self) -> tuple[str, ...]:
        """Lines logged but not yet written."""
        return tuple(self._pending)

    def close(self) -> None:
        """Writes what is left (or to a fallback file); never raises."""
        if self._closed:
            return
        self.flush()
        self._closed = True
        with contextlib.suppress(OSError):
            os.close(self._fd)
        if self._pending:
            self._rescue()

    def _rescue(self) -> None:
        count = len(self._pending)
        data = "".join(line + "\n" for line in self._pending).encode("utf-8", "replace")
        reason = "?"
        for folder in (self.fallback_dir, Path(tempfile.gettempdir())):
            if folder is None:
                continue
            try:
                folder.mkdir(parents=True, exist_ok=True)
                fd, name = tempfile.mkstemp(
                    prefix=f"{self.path.stem}-", suffix=".jsonl", dir=folder
                )
                try:
                    _write_all(fd, data)
                    os.fsync(fd)
                finally:
                    os.close(fd)
            except OSError as error:
                reason = _reason(error)
                with contextlib.suppress(OSError, UnboundLocalError):
                    os.unlink(name)
                continue
            self.notify(phrase("safety.log_fallback", count=count, file=self.path, fallback=name))
            self._pending.clear()
            return
        self.notify(phrase("safety.log_lost", count=count, reason=reason))

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()


class NullLog:
    """A log that keeps nothing but checks every event like a ``SessionLog``."""

    ahead_lines = 0
    last_t = None

    def write(self, event: str, t: float, **fields: object) -> dict[str, object]:
        return make_record(event, t, **fields)

    def flush(self) -> bool:
        return True

    @property
    def size(self) -> None:
        return None

    @property
    def pending(self) -> tuple[str, ...]:
        return ()

    def close(self) -> None:
        pass

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


_TAIL = 65_536


def _drop_partial_last_line(path: Path, fd: int) -> int:
    """Cuts off a last line a crash left half-written, so appending stays valid JSON
    Lines; returns the log's size after that.

    Only a session log is ever cut: any other file is refused (``LogError``), untouched.
    A cut-off line was never written successfully: its event is either in the saved
    state (and written again) or was never announced as logged.
    """
    size = os.fstat(fd).st_size
    if size == 0:
        return 0
    with open(path, "rb") as file:
        head = file.read(min(size, LOG_LINE_LIMIT))
        if b"\n" not in head and head.startswith(b'{"t": ') and size < LOG_LINE_LIMIT:
            os.ftruncate(fd, 0)  # the first line of a log, cut short by a crash
            return 0
        if not head.strip():
            return size
        if not _is_session_log(head):
            raise LogError(phrase("records.log_not_a_log", file=path))
        file.seek(max(0, size - _TAIL))
        tail = file.read()
    if tail.endswith(b"\n"):
        return size
    end = tail.rfind(b"\n")
    keep = (size - len(tail) + end + 1) if end >= 0 else 0
    os.ftruncate(fd, keep)
    return keep


def _last_time(path: Path, size: int) -> float | None:
    """The ``t`` of the log's last line (read from its end only), if it has one."""
    if size == 0:
        return None
    try:
        with open(path, "rb") as file:
            file.seek(max(0, size - _TAIL))
            tail = file.read(size - max(0, size - _TAIL))
        last = json.loads(tail.rstrip(b"\n").rsplit(b"\n", 1)[-1])
    except (OSError, ValueError, RecursionError):
        return None
    stamp = last.get("t") if isinstance(last, dict) else None
    if isinstance(stamp, int | float) and not isinstance(stamp, bool) and math.isfinite(stamp):
        return float(stamp)
    return None


def _is_session_log(content: bytes) -> bool:
    """Whether the file's first line is an event as this module writes them."""
    try:
        first = json.loads(content.split(b"\n", 1)[0])
    except (ValueError, RecursionError):  # not JSON, or not even text
        return False
    return isinstance(first, dict) and "t" in first and "event" in first


def read_log(path: str | os.PathLike[str]) -> list[dict[str, Any]]:
    """The events of a session log, in order (see ``iter_log``)."""
    return list(iter_log(path))


def iter_log(path: str | os.PathLike[str]) -> Iterator[dict[str, Any]]:
    """The events of a session log, in order, read a line at a time.

    Blank lines are skipped, and so is a last line without a line end that is not
    valid JSON (a crash while it was written). Anything else that is wrong raises
    ``LogError`` naming the file and line: a file that is not a regular file or is
    too large, a line too long, not UTF-8, not JSON, nested too deeply.
    """
    file = Path(path)
    try:
        handle = open_regular(file, LOG_LIMIT)
    except NotRegular as refused:
        raise LogError(str(refused)) from None
    except (OSError, ValueError) as error:  # ValueError: a NUL byte in the path
        reason = _reason(error) if isinstance(error, OSError) else type(error).__name__
        raise LogError(phrase("records.log_unreadable", file=file, reason=reason)) from error
    found = False
    with handle:
        number = 0
        while True:
            try:
                raw = handle.readline(LOG_LINE_LIMIT + 1)
            except OSError as error:
                raise LogError(
                    phrase("records.log_unreadable", file=file, reason=_reason(error))
                ) from error
            if not raw:
                break
            number += 1
            where = f"{file}:{number}"
            cut_off = not raw.endswith(b"\n")  # a crash while writing, or too long
            if len(raw) > LOG_LINE_LIMIT:
                raise LogError(phrase("safety.too_deep", where=where))
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError as error:
                if cut_off:
                    break
                raise LogError(phrase("records.log_not_text", where=where)) from error
            if not line.strip():
                continue
            try:
                event = json.loads(line)
            except json.JSONDecodeError as error:
                if cut_off:
                    break
                raise LogError(phrase("records.log_not_json", where=where)) from error
            except (ValueError, RecursionError):  # a number of thousands of digits
                raise LogError(phrase("safety.too_deep", where=where)) from None
            found = True
            yield _checked_event(event, where)
    if not found:
        raise LogError(phrase("records.log_empty", file=file))


def _checked_event(event: object, where: str) -> dict[str, Any]:
    if not isinstance(event, dict):
        raise LogError(phrase("records.log_not_object", where=where))
    for field in ("t", "event"):
        if field not in event:
            raise LogError(phrase("records.log_missing_field", where=where, field=field))
    stamp = event["t"]
    if isinstance(stamp, bool) or not isinstance(stamp, int | float) or not math.isfinite(stamp):
        raise LogError(phrase("records.log_bad_time", where=where, value=json.dumps(stamp)))
    if not isinstance(event["event"], str):
        raise LogError(
            phrase("records.log_bad_event", where=where, value=json.dumps(event["event"]))
        )
    return event


def _reason(error: OSError) -> str:
    return inert(error.strerror or str(error), lines=False)
