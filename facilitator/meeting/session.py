"""Putting a session together: from command-line options to a running meeting.

This is where the pieces meet: the method and its frame become a plan, the room
configuration and options become engine settings, and the adapters (speech out,
keyboard, screen, log) are chosen, each degrading to the next best thing.
"""

from __future__ import annotations

import math
import sys
from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path
from typing import Any

import click

from facilitator.errors import ConfigError
from facilitator.lang import get_pack, t
from facilitator.meeting.clock import Clock, MonotonicClock, ScaledClock
from facilitator.meeting.engine import Session, SessionSettings
from facilitator.meeting.plan import Participants, Plan, build_plan, fit_plan
from facilitator.meeting.recovery import SavedSession, StateStore
from facilitator.meeting.runner import Runner
from facilitator.method import library
from facilitator.method.definition import Method, OnTimeUp
from facilitator.room.config import RoomConfig

SPEED_RANGE = (0.01, 3600.0)
RECOMMENDED_GROUP = (5, 8)
DRAIN_S = 30.0  # at most this long to let queued announcements finish at the end


@dataclass(frozen=True)
class SessionRequest:
    method: str
    participants: str | None = None
    group_size: int | None = None
    case_owner: str | None = None  # one name, or one per topic: "Anna,Bram"
    chair: str | None = None
    opening: bool = False
    closing: bool = False
    repeat_times: int | None = None
    speed: float = 1.0
    text: bool = False
    log_path: Path | None = None
    grace: float | None = None
    wait: bool | None = None
    rehearse: bool = False
    step_id: str | None = None
    voice: bool = True  # listen for spoken commands (when a model is installed)
    fit_s: float | None = None  # fit the whole meeting into this many seconds

    def to_json(self) -> dict[str, Any]:
        """The request as saved for recovery, with paths made absolute."""
        data = asdict(self)
        method = Path(self.method)
        if method.suffix in (".yaml", ".yml") or method.exists():
            data["method"] = str(method.resolve())
        data["log_path"] = None if self.log_path is None else str(self.log_path.resolve())
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> SessionRequest:
        known = {f.name for f in fields(cls)}
        values = {k: v for k, v in data.items() if k in known}
        if values.get("log_path") is not None:
            values["log_path"] = Path(values["log_path"])
        return cls(**values)

    @classmethod
    def from_options(
        cls, method: str, options: dict[str, Any], *, rehearse: bool, step_id: str | None = None
    ) -> SessionRequest:
        return cls(method=method, rehearse=rehearse, step_id=step_id, **options)


def parse_participants(
    names: str | None, group_size: int | None, case_owner: str | None
) -> Participants:
    if names is not None and group_size is not None:
        raise ConfigError(t("cli.names_and_size"))
    if names is not None:
        parts = [n.strip() for n in names.split(",")]
        if any(not n for n in parts):
            raise ConfigError(t("cli.empty_name", names=names))
        seen: set[str] = set()
        for n in parts:
            if n.casefold() in seen:
                raise ConfigError(t("cli.duplicate_name", name=n))
            seen.add(n.casefold())
        owners = None if case_owner is None else [n.strip() for n in case_owner.split(",")]
        if owners is not None and any(not n for n in owners):
            raise ConfigError(t("cli.empty_name", names=case_owner))
        return Participants.named(parts, owners)
    if group_size is not None:
        if not 1 <= group_size <= 50:
            raise ConfigError(t("cli.group_size_range", size=group_size))
        people = Participants.anonymous(group_size)
        if case_owner is None:
            return people
        # Without names, the inbrenger of each topic is a seat number: -n 6 -i "2,5".
        seats = [n.strip() for n in case_owner.split(",")]
        if not all(n.isdigit() and 1 <= int(n) <= group_size for n in seats):
            raise ConfigError(t("cli.case_owner_needs_names"))
        return replace(people, case_owners=tuple(int(n) - 1 for n in seats))
    if case_owner is not None:
        raise ConfigError(t("cli.case_owner_needs_names"))
    return Participants()


def check_chair(chair: str | None, people: Participants) -> str | None:
    """The chair of the day as named; one of the participants when names are known."""
    if chair is None or not chair.strip():
        return None
    chair = chair.strip()
    if people.known and all(people.names):
        for name in people.names:
            if name is not None and name.casefold() == chair.casefold():
                return name
        names = ", ".join(n for n in people.names if n)
        raise ConfigError(t("cli.chair_unknown", name=chair, names=names))
    return chair


def check_speed(speed: float) -> float:
    low, high = SPEED_RANGE
    if not low <= speed <= high:
        raise ConfigError(t("cli.speed_range", speed=speed, low=low, high=high))
    return speed


def settings_for(request: SessionRequest, config: RoomConfig) -> SessionSettings:
    grace = config.grace_s if request.grace is None else request.grace
    if not 0 <= grace <= 3600:  # also refuses NaN
        raise ConfigError(t("cli.grace_range", grace=grace))
    force: OnTimeUp | None = None
    if request.wait is not None:
        force = "wait" if request.wait else "advance"
    elif request.rehearse:
        force = "wait"  # a rehearsal measures how long each part really takes
    return SessionSettings(
        grace_s=grace,
        on_time_up=config.on_time_up,
        force_on_time_up=force,
        warnings_s=tuple(config.warnings_s),
        warn_min_step_s=config.warn_min_step_s,
        turn_warning_s=config.turn_warning_s,
        turn_warning_min_s=config.turn_warning_min_s,
    )


def plan_for(
    request: SessionRequest, people: Participants, settings: SessionSettings | None = None
) -> tuple[Method, Plan]:
    """The method and the meeting's plan; ``settings`` decide the grace periods that a
    plan fitted to ``request.fit_s`` leaves room for."""
    method = whole = library.resolve(request.method)
    if request.step_id is not None:
        chosen = [s for s in method.steps if s.id == request.step_id]
        if not chosen:
            ids = ", ".join(s.id for s in method.steps)
            raise ConfigError(t("cli.unknown_step", step=request.step_id, ids=ids))
        method = replace(method, steps=tuple(chosen), repeat=None)
    if request.repeat_times is not None:
        if method.repeat is None:
            raise ConfigError(t("cli.no_repeat_block", method=method.name))
        if not 1 <= request.repeat_times <= 20:
            raise ConfigError(t("cli.repeat_range", times=request.repeat_times))
    opening = library.find_frame("opening") if request.opening else None
    closing = library.find_frame("closing") if request.closing else None
    chair = check_chair(request.chair, people)
    repeat_times, offer = request.repeat_times, False
    if repeat_times is None and method.repeat is not None and request.fit_s is not None:
        # How many topics: as many as the time slot allows, each after the first offered.
        def cost(times: int) -> float:
            p = build_plan(method, people, opening=opening, closing=closing, repeat_times=times)
            return p.total_s + sum(map((settings or SessionSettings()).grace_after_s, p.steps))

        per_topic = cost(2) - cost(1)
        room = (request.fit_s - cost(1)) / per_topic if per_topic > 0 else 0.0
        repeat_times = max(1, min(20, 1 + math.floor(room + 1e-9)))
        offer = repeat_times > 1
    plan = build_plan(
        method,
        people,
        opening=opening,
        closing=closing,
        repeat_times=repeat_times,
        chair=chair,
        offer_repeats=offer,
    )
    if request.fit_s is not None and request.step_id is None:
        plan = fit_to_slot(plan, request.fit_s, settings, as_meeting=request.rehearse)
    elif request.fit_s is not None:
        # One step rehearsed: the time it would get when the whole method is fitted.
        whole_plan = build_plan(whole, people)
        fitted = fit_to_slot(whole_plan, request.fit_s, settings, as_meeting=request.rehearse)
        step = next(p.step for p in fitted.steps if p.step.id == request.step_id)
        only = replace(plan.steps[0], step=step)
        plan = replace(plan, steps=(only,), fitted_from_s=fitted.fitted_from_s)
    return method, plan


def fit_to_slot(
    plan: Plan, total_s: float, settings: SessionSettings | None, *, as_meeting: bool = False
) -> Plan:
    """``plan`` fitted into ``total_s``, leaving room for the grace periods it will have.

    ``as_meeting``: fit it as the meeting would be, whatever the command line forces (a
    rehearsal waits at every step, but practises the meeting's times).
    """
    settings = settings or SessionSettings()
    if as_meeting:
        settings = replace(settings, force_on_time_up=None)
    reserved_s = sum(map(settings.grace_after_s, plan.steps))
    return fit_plan(plan, total_s, reserved_s=reserved_s)


def run_session(
    request: SessionRequest, config: RoomConfig, saved: SavedSession | None = None
) -> str:
    """Run a session; with ``saved``, continue an interrupted one where it was."""
    from facilitator.meeting.sessionlog import NullLog, SessionLog
    from facilitator.room.view import LiveDisplay, PlainDisplay

    speed = check_speed(request.speed)
    people = parse_participants(request.participants, request.group_size, request.case_owner)
    settings = settings_for(request, config)
    method, plan = plan_for(request, people, settings)

    notices: list[str] = []
    size = len(people.names)
    if people.known and size < method.min_participants:
        notices.append(t("cli.small_group", size=size, needed=method.min_participants))
    elif people.known and not RECOMMENDED_GROUP[0] <= size <= RECOMMENDED_GROUP[1]:
        notices.append(t("cli.group_advice", size=size))
    if not people.known and any(s.step.turns for s in plan.steps):
        notices.append(t("cli.no_participants"))
    if plan.fitted_from_s is not None:
        pack = get_pack()
        shorter = request.fit_s is not None and request.fit_s < plan.fitted_from_s
        notices.append(
            t(
                "cli.fitted",
                direction=t("cli.fitted_shorter" if shorter else "cli.fitted_longer"),
                total=pack.duration(request.fit_s or 0.0),
                own=pack.duration(plan.fitted_from_s),
            )
        )

    clock: Clock = MonotonicClock() if speed == 1.0 else ScaledClock(speed)
    interactive = sys.stdin.isatty() and sys.stdout.isatty()

    with ExitStack() as stack:
        from facilitator.room.keyboard import KeyReader, keys_help

        display: LiveDisplay | PlainDisplay
        display = LiveDisplay(keys_help()) if interactive else PlainDisplay()
        stack.callback(display.close)
        for notice in notices:
            display.notice(notice)

        if not request.text:
            from facilitator.speech.audio import NativeNoiseFilter

            stack.enter_context(NativeNoiseFilter())
        output = _open_output(request, config, display.notice)
        # The closing words of a finished meeting are worth waiting for; after Ctrl-C,
        # a kill or an error, nobody wants to hear the queue out.
        drain = {"seconds": 0.5}
        stack.callback(lambda: output.close(drain["seconds"]))
        log: SessionLog | NullLog = NullLog()
        if request.log_path:
            log = SessionLog(request.log_path, keep_bytes=saved.log_size if saved else None)
        stack.enter_context(log)

        recorder = _Recorder(log) if request.rehearse else None
        if saved is None:
            session = Session(plan, settings, get_pack())
        else:
            try:
                session = Session.restore(plan, saved.snapshot, settings, get_pack())
            except (ValueError, KeyError, TypeError):
                raise ConfigError(t("cli.state_mismatch", method=request.method)) from None
        store = None if request.rehearse else StateStore()
        saver = None
        if store is not None:
            saver = _Checkpoints(store, request, session, lambda: log.size, display.notice)
        runner = Runner(session, clock, output, recorder or log, display, saver)
        stack.enter_context(KeyReader(runner.submit))
        if request.voice:
            from facilitator.room.voice_control import start_voice_control

            control = start_voice_control(
                config, output, runner.submit, display.notice, names=people.names
            )
            stack.enter_context(control)
            if isinstance(display, LiveDisplay):
                display.voice_status = lambda: t(f"cli.view.voice_{control.state.value}")
        reason = runner.run()
        if reason != "interrupted":
            drain["seconds"] = DRAIN_S
        if store is not None and reason in ("completed", "stopped"):
            store.clear()
        elif saver is not None:
            saver.seal()

    if recorder is not None:
        from facilitator.meeting.report import build_report, render_text

        click.echo(render_text(build_report(recorder.records)))
    return reason


class _Checkpoints:
    """Saves the session's state for recovery; a failing disk never stops the meeting."""

    def __init__(
        self,
        store: StateStore,
        request: SessionRequest,
        session: Session,
        log_size: Callable[[], int | None],
        notify: Any,
    ) -> None:
        self.store = store
        self.request = request.to_json()
        self.session = session
        self.log_size = log_size
        self.notify = notify
        self.failed = False
        self._last: dict[str, Any] | None = None

    def __call__(self, now: float) -> None:
        self._last = self.session.snapshot(now)
        self._save(self._last)

    def seal(self) -> None:
        """After a clean interruption: the last state, with the log as it ends now.

        The log's closing lines (who was speaking, that the session was interrupted)
        then stay when the session is resumed.
        """
        if self._last is not None:
            self._save(self._last)

    def _save(self, snapshot: dict[str, Any]) -> None:
        if self.failed:
            return
        try:
            self.store.save(self.request, snapshot, self.log_size())
        except OSError as error:
            self.failed = True
            self.notify(t("cli.state_not_saved", path=self.store.path, reason=error.strerror))


class _Recorder:
    """Keeps the records of a rehearsal for its report, and passes them on to the log."""

    def __init__(self, log: Any) -> None:
        self.log = log
        self.records: list[dict[str, object]] = []

    def write(self, event: str, t: float, **fields: object) -> object:
        record = self.log.write(event, t, **fields)
        self.records.append(record)
        return record


def _open_output(request: SessionRequest, config: RoomConfig, notify: Any) -> Any:
    from facilitator.speech.output import SilentOutput, open_output

    if request.text:
        return SilentOutput()
    return open_output(
        device=config.output_device,
        rate=config.rate,
        volume=config.volume,
        language=config.language,
        on_problem=notify,
        voice=config.voice,
    )
