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
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from facilitator.errors import ConfigError
from facilitator.lang import get_pack, t
from facilitator.meeting.clock import Clock, MonotonicClock, ScaledClock
from facilitator.meeting.engine import Session, SessionSettings
from facilitator.meeting.plan import Participants, Plan, build_plan, fit_plan
from facilitator.meeting.recovery import SavedSession, StateStore
from facilitator.meeting.runner import EventLog, Runner
from facilitator.meeting.stateschema import seats_fit
from facilitator.method import library
from facilitator.method.definition import Method, OnTimeUp
from facilitator.room.config import RoomConfig
from facilitator.safetext import MAX_NAME, inert, refused_in_name

if TYPE_CHECKING:
    from facilitator.group.run import GroupMeeting
    from facilitator.meeting.sessionlog import LogResume

SPEED_RANGE = (0.01, 3600.0)
RECOMMENDED_GROUP = (5, 8)
MAX_GROUP = 50  # names or --group-size
DRAIN_S = 30.0  # at most this long to let queued announcements finish at the end


@dataclass(frozen=True)
class SessionRequest:
    method: str
    participants: str | None = None
    group_size: int | None = None
    case_owner: str | None = None  # one name, or one per topic: "Anna,Bram"
    chair: str | None = None  # the chair of the day (with a group: whoever's turn it was)
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
    group: str | None = None  # the group whose members take part (facilitator.group)
    absent: str | None = None  # members of the group not there today, comma-separated
    display: bool = False  # serve the room display (also: display = true in the config)
    remote: bool = False  # and the chair's remote, on the local network, with pairing
    port: int | None = None  # the display's port (default: the room configuration's)

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
            raise ConfigError(t("cli.empty_name", names=inert(names, lines=False)))
        if len(parts) > MAX_GROUP:
            raise ConfigError(t("safety.too_many_names", count=len(parts), limit=MAX_GROUP))
        for name in [*parts, *([case_owner] if case_owner is not None else [])]:
            _check_name(name)
        seen: set[str] = set()
        for n in parts:
            if n.casefold() in seen:
                raise ConfigError(t("cli.duplicate_name", name=n))
            seen.add(n.casefold())
        owners = None if case_owner is None else [n.strip() for n in case_owner.split(",")]
        if owners is not None and any(not n for n in owners):
            raise ConfigError(t("cli.empty_name", names=case_owner))
        alone = len(parts) == 1
        if owners and alone and all(o.casefold() == parts[0].casefold() for o in owners):
            raise ConfigError(t("cli.nobody_else", name=parts[0]))
        return Participants.named(parts, owners)
    if group_size is not None:
        if not 1 <= group_size <= MAX_GROUP:
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


def _check_name(name: str) -> None:
    problem = refused_in_name(name)
    if problem == "too_long":
        shown = inert(name[:MAX_NAME], lines=False) + "…"
        raise ConfigError(t("safety.name_too_long", name=shown, limit=MAX_NAME))
    if problem is not None:
        raise ConfigError(t("safety.name_control", name=inert(name, lines=False)))


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
        spoken_commands=request.voice and _model_found(config),
    )


def _model_found(config: RoomConfig) -> bool:
    """Whether voice control will have a model to listen with."""
    from facilitator.errors import ModelError
    from facilitator.speech.model_store import find_model

    try:
        return find_model(config.model_path) is not None
    except ModelError:
        return False


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


def check_request(request: SessionRequest, config: RoomConfig) -> None:
    """Raises what ``run_session`` would raise about ``request`` before it starts."""
    check_speed(request.speed)
    request, _ = _with_group(request)
    people = parse_participants(request.participants, request.group_size, request.case_owner)
    plan_for(request, people, settings_for(request, config))


def _with_group(
    request: SessionRequest, resuming: bool = False
) -> tuple[SessionRequest, GroupMeeting | None]:
    """``request`` with its group's members as the participants, and the group's meeting
    (``resuming``: as it was when the interrupted meeting began)."""
    if request.group is None:
        return request, None
    from facilitator.group.run import GroupMeeting

    meeting = GroupMeeting.prepare(request, resuming=resuming)
    chair = meeting.setup.holder("voorzitter") or request.chair  # the group's turn, or as given
    return replace(request, participants=meeting.setup.participants, chair=chair), meeting


def run_session(
    request: SessionRequest, config: RoomConfig, saved: SavedSession | None = None
) -> str:
    """Run a session; with ``saved``, continue an interrupted one where it was."""
    from facilitator.meeting.sessionlog import NullLog, SessionLog
    from facilitator.room.view import LiveDisplay, PlainDisplay

    speed = check_speed(request.speed)
    request, meeting = _with_group(request, resuming=saved is not None)
    people = parse_participants(request.participants, request.group_size, request.case_owner)
    settings = settings_for(request, config)
    method, plan = plan_for(request, people, settings)
    if meeting is not None:
        plan = meeting.plan(plan, get_pack(method.language))

    notices: list[str] = [] if meeting is None else meeting.notices(plan)
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
        from facilitator.room.keyboard import KeyReader, key_items

        # Before the screen starts: its address (and pairing code) stay above it.
        room = _open_room_display(request, config, notices, stack)
        display: LiveDisplay | PlainDisplay
        display = LiveDisplay(key_items()) if interactive else PlainDisplay()
        stack.callback(display.close)
        for notice in notices:
            display.notice(notice)

        if not request.text:
            from facilitator.speech.audio import NativeNoiseFilter

            stack.enter_context(NativeNoiseFilter())
        gate = None
        if not request.text and speed == 1.0:
            from facilitator.speech.pause import open_pause_gate

            gate = open_pause_gate(config.input_device, config.pause_wait_s, display.notice)
            if gate is not None:
                stack.callback(gate.stop)
                if isinstance(display, LiveDisplay):
                    display.pause_status = lambda: gate is not None and gate.waiting
        output = _open_output(request, config, display.notice, gate)
        # The closing words of a finished meeting are worth waiting for; after Ctrl-C,
        # a kill or an error, nobody wants to hear the queue out.
        drain = {"seconds": 0.5}
        stack.callback(lambda: output.close(drain["seconds"]))
        store = None if request.rehearse else StateStore()
        log: SessionLog | NullLog = NullLog()
        if request.log_path:
            log = SessionLog(
                request.log_path,
                resume=_log_resume(request, saved),
                notify=display.notice,
                hold=store is not None,  # the state is saved first: see _Checkpoints
                fallback_dir=None if store is None else store.path.parent,
            )
        stack.enter_context(log)
        if saved is not None:
            _tell_resume(saved, log, request, display.notice)

        # A rehearsal's report, or the closing screen of a meeting at the terminal.
        recorder = _Recorder(log) if request.rehearse or interactive else None
        if saved is None:
            session = Session(plan, settings, get_pack(method.language))
        else:
            if not seats_fit(saved.snapshot, max(len(people.names), 1)):
                raise ConfigError(t("cli.state_mismatch", method=request.method))
            try:
                session = Session.restore(plan, saved.snapshot, settings, get_pack(method.language))
            except (ValueError, KeyError, TypeError):
                raise ConfigError(t("cli.state_mismatch", method=request.method)) from None
        saver = None
        if store is not None:
            saver = _Checkpoints(store, request, session, log, display.notice)
        events: EventLog = recorder or log
        if meeting is not None:
            events = meeting.recorder(events, method.name, display.notice)
        screens: Any = display
        if room is not None:
            from facilitator.display.room import Screens

            screens = Screens(display, room)
        runner = Runner(session, clock, output, events, screens, saver)
        stack.enter_context(KeyReader(runner.submit))
        if room is not None:
            room.take_commands(runner.submit)
        if request.voice:
            from facilitator.room.voice_control import start_voice_control

            control = start_voice_control(
                config, output, runner.submit, display.notice, names=people.names
            )
            stack.enter_context(control)
            if isinstance(display, LiveDisplay):
                display.voice_state = lambda: control.state.value
                display.wake_word = config.wake_word
        reason = runner.run()
        if room is not None:
            room.finish(reason)
        if reason != "interrupted":
            drain["seconds"] = DRAIN_S
        if store is not None and reason in ("completed", "stopped"):
            if not log.flush():  # the closing lines, before the state that holds them goes
                log.close()  # to a named fallback file, when the log cannot take them
            store.clear()
        elif saver is not None:
            saver.seal()

    if recorder is not None and request.rehearse:
        from facilitator.meeting.report import build_report, render_text

        click.echo(render_text(build_report(recorder.records)))
    elif recorder is not None and isinstance(display, LiveDisplay):
        from facilitator.room.closing import closing_screen

        display.console.print(closing_screen(reason, recorder.records, request.log_path))
    return reason


def _log_resume(request: SessionRequest, saved: SavedSession | None) -> LogResume | None:
    from facilitator.meeting.sessionlog import LogResume

    if saved is None:
        return None
    log_path = None if request.log_path is None else str(request.log_path.resolve())
    if saved.request.get("log_path") != log_path:
        return None  # a new log (--log with --resume): the earlier one stays as it is
    return LogResume(saved.log_size, saved.log_pending)


def _tell_resume(
    saved: SavedSession, log: Any, request: SessionRequest, notify: Callable[[str], None]
) -> None:
    """Says how far back the resumed session goes, and what became of the log."""
    from facilitator.room.view import clock_text

    if saved.t is not None:
        try:
            at = datetime.fromisoformat(saved.saved_at).strftime("%H:%M")
        except ValueError:
            at = inert(saved.saved_at, lines=False)
        notify(t("safety.resume_from", elapsed=clock_text(saved.t), saved_at=at))
    if log.ahead_lines and saved.t is not None and log.last_t is not None:
        ahead = max(0, round(log.last_t - saved.t))
        notify(t("safety.resume_log_ahead", seconds=ahead))
    if request.log_path is not None and _log_resume(request, saved) is None:
        notify(t("safety.resume_new_log", file=request.log_path))


class _Checkpoints:
    """Saves the session's state for recovery; a failing disk never stops the meeting.

    The state is saved first, with the log lines of the moment that are not yet in
    the log; then the log is written. A crash between the two is finished by the
    resume (``SessionLog``'s ``resume``), so the log holds every line once, and never
    a line of a moment that the resume would live through again. A save that fails is
    said once and tried again at the next checkpoint; until then the log waits.
    """

    def __init__(
        self,
        store: StateStore,
        request: SessionRequest,
        session: Session,
        log: Any,
        notify: Any,
    ) -> None:
        self.store = store
        self.request = request.to_json()
        self.session = session
        self.log = log
        self.notify = notify
        self.trouble: str | None = None  # "failed", or "fallback": saved elsewhere
        self.saved_t = 0.0
        self._last: tuple[dict[str, Any], float] | None = None

    def __call__(self, now: float) -> None:
        snapshot = self.session.snapshot(now)
        # The session's own time (as in the log), not the clock's: that restarts.
        self._last = (snapshot, float(snapshot["elapsed_s"]))
        self._save(*self._last)

    def seal(self) -> None:
        """After a clean interruption: the last state, with the log as it ends now.

        The log's closing lines (who was speaking, that the session was interrupted)
        then stay when the session is resumed.
        """
        if self._last is not None:
            self._save(*self._last)
        else:
            self.log.flush()

    def _save(self, snapshot: dict[str, Any], elapsed: float) -> None:
        try:
            self.store.save(self.request, snapshot, self.log.size, self.log.pending, elapsed)
        except (OSError, ValueError) as error:
            if self.trouble != "failed":
                self.trouble = "failed"
                from facilitator.room.view import clock_text

                reason = getattr(error, "strerror", None) or type(error).__name__
                since = clock_text(self.saved_t)
                self.notify(
                    t("safety.state_waiting", path=self.store.path, reason=reason, since=since)
                )
            return
        trouble = "fallback" if self.store.in_fallback else None
        if trouble != self.trouble:
            self.trouble = trouble
            if trouble == "fallback":
                self.notify(
                    t(
                        "safety.state_fallback",
                        path=self.store.path,
                        reason=self.store.problem,
                        fallback=self.store.fallback,
                    )
                )
            else:
                self.notify(t("safety.state_saved_again"))
        self.saved_t = elapsed
        self.log.flush()


class _Recorder:
    """Keeps the records of a rehearsal for its report, and passes them on to the log."""

    def __init__(self, log: Any) -> None:
        self.log = log
        self.records: list[dict[str, object]] = []

    def write(self, event: str, t: float, **fields: object) -> object:
        record = self.log.write(event, t, **fields)
        self.records.append(record)
        return record


def _open_room_display(
    request: SessionRequest, config: RoomConfig, notices: list[str], stack: ExitStack
) -> Any:
    """The room display, serving until ``stack`` closes; ``None`` when it is not asked for
    (then nothing listens at all) or cannot start (then ``notices`` says why)."""
    remote = request.remote or config.remote
    if not (request.display or config.display or remote):
        return None
    from facilitator.display.room import DisplayOptions, open_room_display

    port = config.display_port if request.port is None else request.port
    room = open_room_display(DisplayOptions(remote=remote, port=port), notices.append)
    if room is not None:
        stack.callback(room.close)
        for line in room.terminal_lines():
            click.echo(line)
        if room.pairing is not None:  # and in the panel, where it stays in sight
            notices.append(t("display.remote_serving", url=room.remote_url, code=room.pairing.code))
    return room


def _open_output(request: SessionRequest, config: RoomConfig, notify: Any, gate: Any) -> Any:
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
        pause_gate=gate,
    )
