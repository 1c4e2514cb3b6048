"""The session log: one JSON object per line, timings and recognised commands only.

The log is what makes a confidential meeting reviewable afterwards without keeping
anything that was said in the room. The writer therefore accepts only the events and
fields listed in ``EVENT_FIELDS`` and only plain JSON values: there is no field in
which audio or a transcript could end up, and trying to add one is a programming
error (``ValueError``), not something a user can cause. The ``text`` fields hold the
facilitator's own sentences, never the participants'.

Each line is flushed and synced as soon as it is written, so a crash loses at most
the line being written. The file is opened in append mode: a resumed session goes on
in the same log, after a fresh ``session_started``.
"""

from __future__ import annotations

import json
import math
import os
from collections.abc import Mapping
from pathlib import Path
from types import TracebackType
from typing import Any, Protocol, Self

from facilitator.errors import LogError
from facilitator.lang import t as phrase
from facilitator.meeting.commands import CommandKind

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
    # The inbrenger of a topic (0, 1, ...): asked for after the case choice, then set.
    "case_owner_asked": ("step", "topic"),
    "case_owner_set": ("step", "participant", "topic"),
    "topics_ended": ("step", "topic"),  # an offered topic declined: no more topics
}

# The keys of each entry in ``session_started.steps``.
PLANNED_STEP_FIELDS: tuple[str, ...] = ("id", "title", "planned_s", "part", "phase")
PHASES = ("look_back", "inventory", "case_choice", "evaluation")

PARTS = ("opening", "method", "closing")
SOURCES = ("keyboard", "voice")

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


class SessionLog:
    """Appends events to a JSON Lines file, one synced line per event.

    Opening or writing fails with ``LogError`` (a message from the pack); the
    runner decides whether the session goes on without a log.
    """

    def __init__(self, path: str | os.PathLike[str], *, keep_bytes: int | None = None) -> None:
        """``keep_bytes``: when resuming, the log's size at the state that is resumed.

        Lines written after it belong to moments the resumed session lives through
        again, so they are cut off rather than repeated.
        """
        self.path = Path(path)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            _drop_partial_last_line(self.path)
            if keep_bytes is not None:
                _cut_back_to(self.path, keep_bytes)
            self._file = self.path.open("a", encoding="utf-8")
        except OSError as error:
            raise LogError(
                phrase("records.log_cannot_write", file=self.path, reason=_reason(error))
            ) from error

    def write(self, event: str, t: float, **fields: object) -> dict[str, object]:
        """Write one event; returns the object as written."""
        record = make_record(event, t, **fields)
        line = json.dumps(record, ensure_ascii=False)
        if self._file.closed:
            raise ValueError(f"the session log {self.path} is closed")
        try:
            self._file.write(line + "\n")
            self._file.flush()
            os.fsync(self._file.fileno())
        except OSError as error:
            raise LogError(
                phrase("records.log_cannot_write", file=self.path, reason=_reason(error))
            ) from error
        return record

    @property
    def size(self) -> int:
        """Bytes in the log so far, every line complete."""
        return self._file.tell()

    def close(self) -> None:
        self._file.close()

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

    def write(self, event: str, t: float, **fields: object) -> dict[str, object]:
        return make_record(event, t, **fields)

    @property
    def size(self) -> None:
        return None

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


def _drop_partial_last_line(path: Path) -> None:
    """Cut off a last line a crash left half-written, so appending stays valid JSON Lines.

    Only a session log is ever cut: any other file is refused (``LogError``), untouched.
    """
    if not path.is_file():
        return
    with path.open("rb+") as file:
        content = file.read()
        if not content.strip():
            return
        if b"\n" not in content and content.startswith(b'{"t": '):
            file.truncate(0)  # the first line of a log, cut short by a crash
            return
        if not _is_session_log(content):
            raise LogError(phrase("records.log_not_a_log", file=path))
        if not content.endswith(b"\n"):
            file.truncate(content.rfind(b"\n") + 1)


def _cut_back_to(path: Path, size: int) -> None:
    """Cut the log back to ``size`` bytes, if that is where one of its lines ends."""
    if size < 0 or not path.is_file():
        return
    with path.open("rb+") as file:
        if size >= file.seek(0, os.SEEK_END):
            return
        if size > 0:
            file.seek(size - 1)
            if file.read(1) != b"\n":
                return  # not the log the state was saved with: leave it as it is
        file.truncate(size)


def _is_session_log(content: bytes) -> bool:
    """Whether the file's first line is an event as this module writes them."""
    try:
        first = json.loads(content.split(b"\n", 1)[0])
    except ValueError:  # not JSON, or not even text
        return False
    return isinstance(first, dict) and "t" in first and "event" in first


def read_log(path: str | os.PathLike[str]) -> list[dict[str, Any]]:
    """The events of a session log, in order.

    Blank lines are skipped, and so is a last line without a line end that is not
    valid JSON (a crash while it was written). Anything else that is wrong raises
    ``LogError`` naming the file and line.
    """
    file = Path(path)
    try:
        content = file.read_bytes()
    except OSError as error:
        raise LogError(
            phrase("records.log_unreadable", file=file, reason=_reason(error))
        ) from error
    lines = content.split(b"\n")
    events: list[dict[str, Any]] = []
    for number, raw in enumerate(lines, start=1):
        cut_off = number == len(lines)  # no line end after it: a crash while writing
        where = f"{file}:{number}"
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
        events.append(_checked_event(event, where))
    if not events:
        raise LogError(phrase("records.log_empty", file=file))
    return events


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
    return error.strerror or str(error)
