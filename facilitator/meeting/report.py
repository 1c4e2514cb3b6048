"""The time report: planned against actual time per step, from a session log.

``build_report`` reads only timings, turns and how the session ended; the log holds
nothing else. A step's actual time is the time it was running, pauses not counted;
a step that was started more than once (``previous step``, a resumed session) adds
up its runs. A log can hold several sessions: a ``session_started`` that follows an
interrupted (or broken-off) session of the same method continues it; any other
starts a new session, and the report covers the last one.

The events come from ``facilitator.meeting.sessionlog.read_log``; the builder takes care
not to fail on a hand-edited log whose values have the wrong type (it treats them
as missing).
"""

from __future__ import annotations

import math
import os
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from facilitator.atomicfile import write_atomically
from facilitator.errors import ConfigError
from facilitator.inputfile import open_regular
from facilitator.lang import t as phrase
from facilitator.safetext import inert

Event = Mapping[str, Any]

ENDINGS = ("completed", "stopped", "interrupted")
_PARTS = ("opening", "method", "closing")


@dataclass(frozen=True)
class StepRow:
    """One step of the session: its plan and what happened."""

    step: str
    title: str
    part: str  # "opening" | "method" | "closing"
    planned_s: float  # as planned, extensions not included
    actual_s: float | None  # None: the step never ran
    extended_min: int = 0
    turns: int = 0
    speakers: tuple[str, ...] = ()  # who took a turn without passing, in order of first turn
    passes: int = 0
    runs: int = 0  # how often the step was started

    @property
    def difference_s(self) -> float | None:
        return None if self.actual_s is None else self.actual_s - self.planned_s


@dataclass(frozen=True)
class Report:
    method: str
    title: str
    rows: tuple[StepRow, ...]
    pauses: int = 0
    pauses_s: float = 0.0
    elapsed_s: float = 0.0  # from start to end, pauses included
    ended: str | None = None  # one of ENDINGS, or None when the log breaks off
    resumptions: int = 0  # how often the session was continued after an interruption
    participants: tuple[str, ...] | None = None
    speed: float = 1.0
    earlier_sessions: int = 0  # sessions before this one in the same log
    fitted_from_s: float | None = None  # the method's own time, when fitted to a slot

    @property
    def planned_s(self) -> float:
        return sum(row.planned_s for row in self.rows)

    @property
    def actual_s(self) -> float:
        return sum(row.actual_s or 0.0 for row in self.rows)

    @property
    def difference_s(self) -> float:
        return self.actual_s - self.planned_s

    @property
    def steps_not_run(self) -> int:
        return sum(1 for row in self.rows if row.actual_s is None)


# Building.


def _text(event: Event, key: str) -> str | None:
    value = event.get(key)
    return value if isinstance(value, str) else None


def _number(event: Event, key: str) -> float | None:
    value = event.get(key)
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value) if math.isfinite(value) else None


@dataclass(eq=False)  # steps are told apart by identity
class _Step:
    title: str
    part: str
    planned_s: float
    runs: int = 0
    ran_s: float = 0.0  # pauses not counted
    extended_min: int = 0
    turns: int = 0
    passes: int = 0
    spoke: dict[str, None] = field(default_factory=dict)  # an ordered set


@dataclass
class _Segment:
    """The events from one ``session_started`` to the next."""

    events: list[Event]

    @property
    def header(self) -> Event | None:
        first = self.events[0]
        return first if first.get("event") == "session_started" else None

    @property
    def method(self) -> str | None:
        return None if self.header is None else _text(self.header, "method")

    @property
    def ending(self) -> str | None:
        for event in reversed(self.events):
            if event.get("event") == "session_ended":
                reason = _text(event, "reason")
                return reason if reason in ENDINGS else None
        return None


def _segments(events: Iterable[Event]) -> Iterator[_Segment]:
    current: _Segment | None = None
    for event in events:
        if event.get("event") == "session_started" or current is None:
            if current is not None:
                yield current
            current = _Segment([event])
        else:
            current.events.append(event)
    if current is not None:
        yield current


def _continues(previous: _Segment, segment: _Segment) -> bool:
    if previous.ending not in (None, "interrupted"):
        return False
    return previous.method is None or segment.method is None or previous.method == segment.method


def split_sessions(events: Iterable[Event]) -> list[list[Event]]:
    """The sessions in a log, each with its continuations after interruptions."""
    sessions: list[list[_Segment]] = []
    for segment in _segments(events):
        if sessions and _continues(sessions[-1][-1], segment):
            sessions[-1].append(segment)
        else:
            sessions.append([segment])
    return [[event for segment in session for event in segment.events] for session in sessions]


def build_report(events: Iterable[Event]) -> Report:
    """The report on the last session in ``events`` (see the module docstring).

    ``events`` may be a stream (``iter_log``): only the last session is kept, without
    the facilitator's sentences, so memory does not grow with the log's length.
    """
    last: list[_Segment] = []
    earlier = 0
    for segment in _segments(_compact(events)):
        if last and _continues(last[-1], segment):
            last.append(segment)
        else:
            earlier += 1 if last else 0
            last = [segment]
    if not last:
        return Report(method="", title="", rows=())
    return _Builder(last).report(earlier_sessions=earlier)


# The events the report reads beyond their time; of all others only the time counts
# (where a session starts and ends), so a run of them is kept as one time stamp.
_READ = frozenset(
    {
        "session_started",
        "step_started",
        "step_ended",
        "paused",
        "resumed",
        "extended",
        "time_up",  # a step that then moved on by itself ran until that moment
        "turn_started",
        "turn_ended",
        "session_ended",
    }
)
_TIME_ONLY = "_time"


def _compact(events: Iterable[Event]) -> Iterator[Event]:
    """``events`` without what the report never reads: what the facilitator said, and
    of a run of events it does not read only the first and the last time."""
    held: dict[str, Any] | None = None
    for event in events:
        if event.get("event") in _READ:
            if held is not None:
                yield held
                held = None
            yield {key: value for key, value in event.items() if key != "text"}
        elif _number(event, "t") is not None:
            if held is None:  # the run's first time, then its last
                yield {"event": _TIME_ONLY, "t": event["t"]}
                held = {"event": _TIME_ONLY, "t": event["t"]}
            else:
                held["t"] = event["t"]
    if held is not None:
        yield held


class _Builder:
    def __init__(self, segments: list[_Segment]) -> None:
        self.segments = segments
        self.steps: dict[str, _Step] = {}
        self.pauses: list[tuple[float, float]] = []
        self.elapsed_s = 0.0
        for segment in segments:
            if segment.header is not None:
                self._plan(segment.header)
        for segment in segments:
            self._replay(segment)

    def _plan(self, header: Event) -> None:
        planned = header.get("steps")
        for entry in planned if isinstance(planned, list) else []:
            if isinstance(entry, Mapping):
                self._step(entry, _text(entry, "id"))

    def _step(self, source: Event, step_id: str | None) -> _Step | None:
        if step_id is None:
            return None
        if step_id not in self.steps:
            part = _text(source, "part")
            self.steps[step_id] = _Step(
                title=_text(source, "title") or step_id,
                part=part if part in _PARTS else "method",
                planned_s=max(0.0, _number(source, "planned_s") or 0.0),
            )
        return self.steps[step_id]

    def _replay(self, segment: _Segment) -> None:
        times = [stamp for e in segment.events if (stamp := _number(e, "t")) is not None]
        if not times:
            return
        start, end = times[0], times[-1]
        runs: list[tuple[_Step, float, float]] = []
        running: tuple[_Step, float] | None = None
        paused_at: float | None = None
        pauses: list[tuple[float, float]] = []
        turns: list[tuple[_Step, str]] = []
        passed: set[int] = set()  # indexes into ``turns``
        # When the running step's time was up: a step that then moved on by itself ran
        # until that moment; the grace period after it is no part of the step (nobody
        # overran), so the plan and the report agree on what "on time" is.
        time_up: float | None = None

        for event in segment.events:
            now = _number(event, "t")
            if now is None:
                continue
            kind = event.get("event")
            step = self.steps.get(_text(event, "step") or "")
            if kind == "step_started":
                if running is not None:
                    runs.append((*running, now))
                started = self._step(event, _text(event, "step"))
                running = None if started is None else (started, now)
                time_up = None
            elif kind == "time_up":
                time_up = now
            elif kind == "extended":
                time_up = None
            if kind == "step_ended" and running is not None and running[0] is step:
                ran_until = time_up if event.get("reason") == "time" and time_up else now
                runs.append((*running, ran_until))
                running = None
            if kind == "paused":
                paused_at = now if paused_at is None else paused_at
            elif kind == "resumed" and paused_at is not None:
                pauses.append((paused_at, now))
                paused_at = None
            elif kind == "extended" and step is not None:
                step.extended_min += int(_number(event, "minutes") or 0)
            elif kind == "turn_started" and step is not None:
                step.turns += 1
                turns.append((step, _text(event, "participant") or ""))
            elif kind == "turn_ended" and step is not None and event.get("reason") == "pass":
                step.passes += 1
                turn = (step, _text(event, "participant") or "")
                latest = [i for i, taken in enumerate(turns) if taken == turn and i not in passed]
                if latest:
                    passed.add(latest[-1])
            elif kind == "session_ended":
                end = now
                break

        if running is not None:
            runs.append((*running, end))
        if paused_at is not None:
            pauses.append((paused_at, end))
        for step, run_start, run_end in runs:
            paused = sum(
                max(0.0, min(run_end, p_end) - max(run_start, p_start)) for p_start, p_end in pauses
            )
            step.runs += 1
            step.ran_s += max(0.0, run_end - run_start - paused)
        for index, (step, who) in enumerate(turns):
            if who and index not in passed:
                step.spoke[who] = None
        self.pauses.extend(pauses)
        self.elapsed_s += max(0.0, end - start)

    def report(self, earlier_sessions: int) -> Report:
        header = next((s.header for s in self.segments if s.header is not None), None)
        rows = tuple(self._row(step_id, step) for step_id, step in self.steps.items())
        participants = None if header is None else header.get("participants")
        return Report(
            method=(_text(header, "method") if header else None) or "",
            title=(_text(header, "title") or _text(header, "method") if header else None) or "",
            rows=rows,
            pauses=len(self.pauses),
            pauses_s=sum(max(0.0, end - start) for start, end in self.pauses),
            elapsed_s=self.elapsed_s,
            ended=self.segments[-1].ending,
            resumptions=len(self.segments) - 1,
            participants=(
                tuple(str(name) for name in participants)
                if isinstance(participants, list)
                else None
            ),
            speed=(_number(header, "speed") if header else None) or 1.0,
            earlier_sessions=earlier_sessions,
            fitted_from_s=_number(header, "fitted_from_s") if header else None,
        )

    def _row(self, step_id: str, step: _Step) -> StepRow:
        return StepRow(
            step=step_id,
            title=step.title,
            part=step.part,
            planned_s=step.planned_s,
            actual_s=step.ran_s if step.runs else None,
            extended_min=step.extended_min,
            turns=step.turns,
            speakers=tuple(step.spoke),
            passes=step.passes,
            runs=step.runs,
        )


# Showing.


def format_clock(seconds: float) -> str:
    """A duration as a clock reading: ``5:00``, ``59:59``, ``1:05:00``."""
    total = round(abs(seconds))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    text = f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"
    return f"-{text}" if seconds < 0 and total else text


def format_difference(seconds: float) -> str:
    """A signed difference: ``+1:30``, ``-0:45``, ``0:00``."""
    if round(seconds) > 0:
        return f"+{format_clock(seconds)}"
    return format_clock(seconds)


_NOT_RUN = "–"
_COLUMNS = ("step", "title", "part", "planned", "actual", "difference", "extended", "turns")
_NUMERIC = frozenset({"planned", "actual", "difference", "extended", "turns"})


def _cells(row: StepRow) -> dict[str, str]:
    return {
        "step": row.step,
        "title": row.title,
        "part": phrase(f"records.part_{row.part}"),
        "planned": format_clock(row.planned_s),
        "actual": _NOT_RUN if row.actual_s is None else format_clock(row.actual_s),
        "difference": (
            _NOT_RUN if row.difference_s is None else format_difference(row.difference_s)
        ),
        "extended": (
            phrase("records.extended_minutes", minutes=row.extended_min) if row.extended_min else ""
        ),
        "turns": str(row.turns) if row.turns else "",
    }


def _total_cells(report: Report) -> dict[str, str]:
    extended = sum(row.extended_min for row in report.rows)
    turns = sum(row.turns for row in report.rows)
    return {
        "step": phrase("records.total"),
        "title": "",
        "part": "",
        "planned": format_clock(report.planned_s),
        "actual": format_clock(report.actual_s),
        "difference": format_difference(report.difference_s),
        "extended": phrase("records.extended_minutes", minutes=extended) if extended else "",
        "turns": str(turns) if turns else "",
    }


def _headings() -> dict[str, str]:
    return {column: phrase(f"records.column_{column}") for column in _COLUMNS}


def _title(report: Report) -> str:
    return phrase("records.report_title", title=report.title or phrase("records.untitled"))


def summary_lines(report: Report) -> list[str]:
    """The sentences under the table, in the current language."""
    lines = [
        phrase(
            "records.summary_times",
            planned=format_clock(report.planned_s),
            actual=format_clock(report.actual_s),
            difference=format_difference(report.difference_s),
        )
    ]
    if report.pauses:
        lines.append(
            phrase(
                "records.summary_pauses",
                count=report.pauses,
                duration=format_clock(report.pauses_s),
            )
        )
    else:
        lines.append(phrase("records.summary_no_pauses"))
    lines.append(phrase("records.summary_elapsed", duration=format_clock(report.elapsed_s)))
    lines.append(phrase(f"records.ended_{report.ended or 'unknown'}"))
    if report.resumptions:
        lines.append(phrase("records.summary_resumed", count=report.resumptions))
    if report.steps_not_run:
        lines.append(phrase("records.summary_not_run", count=report.steps_not_run))
    if report.participants is not None:
        lines.append(phrase("records.summary_participants", count=len(report.participants)))
    if report.fitted_from_s is not None:
        lines.append(phrase("records.summary_fitted", own=format_clock(report.fitted_from_s)))
    if report.speed != 1:
        lines.append(phrase("records.summary_rehearsal", speed=f"{report.speed:g}"))
    if report.earlier_sessions:
        lines.append(phrase("records.summary_earlier_sessions", count=report.earlier_sessions))
    return lines


def speaker_lines(report: Report) -> list[str]:
    """Per step with turns: who spoke (and how many passed)."""
    lines = []
    for row in report.rows:
        if not row.turns:
            continue
        names = ", ".join(row.speakers) or phrase("records.speakers_nobody")
        key = "records.speakers_with_passes" if row.passes else "records.speakers"
        lines.append(phrase(key, step=row.title, names=names, passes=row.passes))
    return lines


def render_text(report: Report) -> str:
    """The report for a terminal: a table with aligned columns, then a summary."""
    table = [_headings(), *(_cells(row) for row in report.rows), _total_cells(report)]
    widths = {column: max(len(cells[column]) for cells in table) for column in _COLUMNS}

    def line(cells: dict[str, str]) -> str:
        parts = [
            cells[c].rjust(widths[c]) if c in _NUMERIC else cells[c].ljust(widths[c])
            for c in _COLUMNS
        ]
        return "  ".join(parts).rstrip()

    rule = "  ".join("-" * widths[column] for column in _COLUMNS)
    title = _title(report)
    out = [title, "=" * len(title), "", line(table[0]), rule]
    out += [line(cells) for cells in table[1:-1]]
    out += [rule, line(table[-1]), ""]
    out += summary_lines(report)
    speakers = speaker_lines(report)
    if speakers:
        out += ["", phrase("records.speakers_heading"), *(f"  {s}" for s in speakers)]
    return inert("\n".join(out) + "\n")


def _markdown_cell(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def render_markdown(report: Report) -> str:
    """The report as Markdown: a heading, a table and a summary."""

    def line(cells: Iterable[str]) -> str:
        return "| " + " | ".join(cells) + " |"

    out = [f"# {_markdown_cell(_title(report))}", ""]
    out.append(line(_markdown_cell(h) for h in _headings().values()))
    out.append(line("---:" if column in _NUMERIC else "---" for column in _COLUMNS))
    for row in report.rows:
        cells = _cells(row)
        cells["step"] = f"`{row.step}`"
        out.append(line(_markdown_cell(cells[column]) for column in _COLUMNS))
    total = _total_cells(report)
    out.append(line(f"**{_markdown_cell(total[c])}**" if total[c] else "" for c in _COLUMNS))
    out += ["", f"## {phrase('records.summary_heading')}", ""]
    out += [f"- {_markdown_cell(text)}" for text in summary_lines(report)]
    speakers = speaker_lines(report)
    if speakers:
        out += ["", f"## {phrase('records.speakers_heading')}", ""]
        out += [f"- {_markdown_cell(text)}" for text in speakers]
    return "\n".join(out) + "\n"


MARKER = "<!-- facilitator report -->"


def write_markdown(
    report: Report, path: str | os.PathLike[str], *, source: Path | None = None
) -> Path:
    """Write the Markdown report to ``path``; ``ConfigError`` when that cannot be done.

    The report never replaces ``source`` (the log it was made from), nor any file
    that is not a report this function wrote: only its own Markdown is overwritten.
    The file is replaced whole, so an interrupted write leaves the old report.
    """
    target = Path(path)
    if source is not None and _same_file(source, target):
        raise ConfigError(phrase("safety.report_own_input", file=target))
    if (target.exists() or target.is_symlink()) and not _ours(target):
        raise ConfigError(phrase("safety.report_not_ours", file=target))
    text = f"{MARKER}\n{inert(render_markdown(report))}"
    try:
        write_atomically(target, text, prefix=".report-", errors="replace")
    except OSError as error:
        raise ConfigError(
            phrase("records.report_cannot_write", file=target, reason=error.strerror or error)
        ) from error
    return target


def _same_file(one: Path, other: Path) -> bool:
    try:
        return one.resolve() == other.resolve() or (other.exists() and one.samefile(other))
    except OSError:
        return False


def _ours(target: Path) -> bool:
    """Whether ``target`` is a regular file holding a report (this version's or older)."""
    try:
        with open_regular(target, 10_000_000) as file:
            head = file.read(4096)
    except OSError:
        return False
    return head.startswith(MARKER.encode()) or (
        head.startswith(b"# ") and b"\n| " in head and b"\n## " in head
    )
