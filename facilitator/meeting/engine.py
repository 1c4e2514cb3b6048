"""The session engine: a pure state machine over a meeting plan.

It takes events (``Tick``, ``Heard``) that carry the session time and returns
effects (``Say``, ``Play``, ``Log``, ``WakeAt``, ...). It never reads a clock, never
sleeps and does no I/O, so a two-hour meeting can be tested in milliseconds.

Deadlines are absolute session times. A late tick handles every deadline it passed,
each at its own planned time, so lateness never accumulates into drift.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from facilitator.lang import LanguagePack, get_pack
from facilitator.lang.spokenlint import utterances
from facilitator.lang.variants import VariantChooser
from facilitator.meeting.commands import Command, CommandKind
from facilitator.meeting.effects import (
    Effect,
    End,
    Event,
    Heard,
    Log,
    Outdated,
    Play,
    Say,
    Supersede,
    Tick,
    WakeAt,
)
from facilitator.meeting.naming import with_case_owner
from facilitator.meeting.plan import Plan, PlannedStep
from facilitator.method.definition import OnTimeUp, Phase


def spoken(title: str) -> str:
    """A title as part of a sentence: without its own closing punctuation."""
    return title.rstrip(" .?!:;")


SNAPSHOT_VERSION = 1

# A turn shorter than this is not worth starting: the step is about to end.
MIN_TURN_S = 2.0


@dataclass(frozen=True)
class SessionSettings:
    grace_s: float = 10.0  # after time-up, before moving on by itself
    on_time_up: OnTimeUp = "advance"  # when neither the step nor its method chooses
    force_on_time_up: OnTimeUp | None = None  # the command line's choice wins
    warnings_s: tuple[float, ...] = (60.0,)
    warn_min_step_s: float = 180.0  # default warnings only for steps this long
    turn_warning_s: float = 15.0
    turn_warning_min_s: float = 45.0  # only turns this long get the soft cue
    stop_confirm_s: float = 20.0  # how long a "stop" waits for its confirmation
    # Whether the chair can speak commands; if not, what is said points at the keys.
    spoken_commands: bool = True
    variant_seed: int | None = None  # the tie-break among phrasings (tests fix it)

    def on_time_up_for(self, planned: PlannedStep) -> OnTimeUp:
        """What happens when ``planned``'s time is up: move on, or wait for the chair."""
        return self.force_on_time_up or planned.on_time_up or self.on_time_up

    def grace_after_s(self, planned: PlannedStep) -> float:
        """The grace period after ``planned``'s time is up, if it moves on by itself."""
        return self.grace_s if self.on_time_up_for(planned) == "advance" else 0.0


@dataclass
class TurnState:
    order: tuple[int, ...]  # seats in speaking order
    position: int = 0
    round: int = 1
    started: float = 0.0
    deadline: float = 0.0
    cued_ending: bool = False
    passes: int = 0  # passes in a row
    finished: bool = False

    @property
    def seat(self) -> int:
        return self.order[self.position]


@dataclass
class StepState:
    index: int
    started: float
    deadline: float
    extension_s: float = 0.0
    paused_s: float = 0.0
    warned: set[float] = field(default_factory=set)
    time_up_at: float | None = None
    question: int = 0
    turns: TurnState | None = None
    reminded: set[int] = field(default_factory=set)  # reminders said, by index
    invited: bool = False
    # A warning that fell inside a turn: said at the next turn change instead.
    deferred_warning: float | None = None
    deferred_notes: list[str] = field(default_factory=list)  # reminders, likewise


@dataclass(frozen=True)
class SessionView:
    """What a screen shows about the session at one moment."""

    step_number: int
    step_count: int
    step_id: str
    title: str
    instruction: str
    part: str
    duration_s: float
    remaining_s: float  # negative: overtime
    total_remaining_s: float
    paused: bool
    waiting: bool  # time is up and the session waits for the chair
    speaker: str | None
    turn_remaining_s: float | None
    round: int | None
    next_title: str | None
    stop_pending: bool
    ended: str | None
    last_command: Command | None
    elapsed_s: float  # session time since the start
    next_speaker: str | None = None  # who speaks after ``speaker`` in this step
    # While the inbrenger is being chosen: each participant as the chair picks them.
    choosing: tuple[str, ...] | None = None
    case_owner: str | None = None  # the inbrenger of the case at hand, once chosen


class Session:
    def __init__(
        self,
        plan: Plan,
        settings: SessionSettings | None = None,
        pack: LanguagePack | None = None,
    ) -> None:
        if not plan.steps:
            raise ValueError("a plan needs at least one step")
        self.plan = plan
        self.settings = settings or SessionSettings()
        self.pack = pack or get_pack()
        self.variants = VariantChooser(self.settings.variant_seed)
        self.step: StepState | None = None
        self.started_at: float | None = None
        self.paused_at: float | None = None
        self.stop_asked_until: float | None = None
        self.generation = 0
        self.turn_rounds = 0  # turn rounds started so far: rotates who begins
        self.ended: str | None = None
        self.last_command: Command | None = None
        self._out: list[Effect] = []
        self._moment = 0.0  # the session time that what is said now belongs to
        self._restored: dict[str, Any] | None = None
        self.owners: dict[int, int] = {}  # topic -> the seat of its inbrenger
        self.choosing: int | None = None  # the step that starts once the inbrenger is known
        self.choice_topic: int | None = None

    # -- public interface -------------------------------------------------------
    def start(self, now: float) -> list[Effect]:
        if self.started_at is not None:
            raise RuntimeError("session already started")
        if self._restored is not None:
            return self._resume_from(self._restored, now)
        self.started_at = now
        self._moment = now
        self._log_header(now)
        self._say(self._welcome())
        self._enter(0, now)
        return self._flush()

    def _welcome(self) -> str:
        plan = self.plan
        # The meeting as planned: its steps, without the grace periods between them.
        parts = [
            self._text(
                "session.welcome", title=spoken(plan.title), duration=self._dur(plan.total_s)
            )
        ]
        if plan.chair:
            parts.append(self._text("session.chair", name=plan.chair))
        if plan.opened:
            parts.append(self._text("session.confidential"))
        if plan.materials:
            *rest, last = plan.materials
            materials = self._text("session.list_and", first=", ".join(rest), last=last)
            parts.append(self._text("session.materials", materials=materials if rest else last))
        if plan.welcome_note:
            parts.append(plan.welcome_note)
        return " ".join(parts)

    def snapshot(self, now: float) -> dict[str, Any]:
        """The state as plain JSON, with times relative to ``now``: for recovery."""
        step = self._require_step()
        assert self.started_at is not None
        at = self.paused_at if self.paused_at is not None else now
        base = step.started + step.paused_s
        turns = step.turns
        return {
            "version": SNAPSHOT_VERSION,
            "step_ids": [s.id for s in self.plan.steps],
            "elapsed_s": at - self.started_at,
            "index": step.index,
            "step_elapsed_s": at - base,
            "length_s": step.deadline - base,
            "extension_s": step.extension_s,
            "warned": sorted(step.warned),
            "time_up_s": None if step.time_up_at is None else step.time_up_at - base,
            "question": step.question,
            "reminded": sorted(step.reminded),
            "invited": step.invited,
            "deferred_warning": step.deferred_warning,
            "deferred_notes": list(step.deferred_notes),
            "paused": self.paused_at is not None,
            "turn_rounds": self.turn_rounds,
            "case_owners": {str(topic): seat for topic, seat in self.owners.items()},
            "choosing": self.choosing,
            "choice_topic": self.choice_topic,
            "turns": None
            if turns is None
            else {
                "order": list(turns.order),
                "position": turns.position,
                "round": turns.round,
                "elapsed_s": at - turns.started,
                "length_s": turns.deadline - turns.started,
                "cued_ending": turns.cued_ending,
                "passes": turns.passes,
                "finished": turns.finished,
            },
        }

    @classmethod
    def restore(
        cls,
        plan: Plan,
        snapshot: dict[str, Any],
        settings: SessionSettings | None = None,
        pack: LanguagePack | None = None,
    ) -> Session:
        """A session that, once started, continues where ``snapshot`` was taken.

        Raises ``ValueError`` when the snapshot does not fit the plan.
        """
        if snapshot.get("version") != SNAPSHOT_VERSION:
            raise ValueError("unknown snapshot version")
        if snapshot.get("step_ids") != [s.id for s in plan.steps]:
            raise ValueError("the snapshot belongs to another plan")
        session = cls(plan, settings, pack)
        session._restored = snapshot
        return session

    def _resume_from(self, snap: dict[str, Any], now: float) -> list[Effect]:
        at = self._moment = now
        self.started_at = at - float(snap["elapsed_s"])
        index = int(snap["index"])
        base = at - float(snap["step_elapsed_s"])
        step = StepState(
            index=index,
            started=base,
            deadline=base + float(snap["length_s"]),
            extension_s=float(snap["extension_s"]),
            warned={float(w) for w in snap["warned"]},
            time_up_at=None if snap["time_up_s"] is None else base + float(snap["time_up_s"]),
            question=int(snap["question"]),
            reminded={int(i) for i in snap.get("reminded", [])},
            invited=bool(snap.get("invited", False)),
            deferred_warning=(
                None if snap.get("deferred_warning") is None else float(snap["deferred_warning"])
            ),
            deferred_notes=[str(note) for note in snap.get("deferred_notes", [])],
        )
        turns = snap["turns"]
        if turns is not None:
            started = at - float(turns["elapsed_s"])
            step.turns = TurnState(
                order=tuple(int(seat) for seat in turns["order"]),
                position=int(turns["position"]),
                round=int(turns["round"]),
                started=started,
                deadline=started + float(turns["length_s"]),
                cued_ending=bool(turns["cued_ending"]),
                passes=int(turns["passes"]),
                finished=bool(turns["finished"]),
            )
        self.step = step
        self.turn_rounds = int(snap["turn_rounds"])
        self.owners = {int(k): int(v) for k, v in (snap.get("case_owners") or {}).items()}
        choosing = snap.get("choosing")
        topic = snap.get("choice_topic")
        self._restored = None
        planned = self.plan.steps[index]
        self._log_header(at, resumed=True)
        text = self._text(
            "session.resumed_after_break",
            number=index + 1,
            count=len(self.plan.steps),
            title=spoken(planned.title),
            remaining=self._dur(max(step.deadline - at, 0.0)),
        )
        if step.turns is not None and not step.turns.finished and step.time_up_at is None:
            name = self.plan.participants.names[step.turns.seat]
            if name:
                text += " " + self._text("session.resumed_turn", name=name)
        self._say(text)
        self._log_step_started(planned, at, text, resumed=True)
        if snap["paused"]:
            self.paused_at = at
            self._say(self._text(self._how("session.paused")))
            self._log("paused", at)
        if choosing is not None and topic is not None:
            self._ask_case_owner(int(choosing), int(topic), at)
        return self._flush()

    def handle(self, event: Event) -> list[Effect]:
        if self.started_at is None:
            raise RuntimeError("session not started")
        if self.ended is not None:
            return []
        self._advance(event.now)
        if isinstance(event, Heard) and self.ended is None:
            self._command(event.command, event.now)
        return self._flush()

    def interrupt(self, now: float) -> list[Effect]:
        """End the session at once (Ctrl-C, SIGTERM), keeping the log complete."""
        if self.ended is None and self.started_at is not None:
            self._moment = now
            self._end_step(now, "stop")
            self._finish(now, "interrupted")
        return self._flush()

    def next_wakeup(self) -> float | None:
        due = self._due()
        return None if due is None else due[0]

    def view(self, now: float) -> SessionView:
        step = self._require_step()
        planned = self.plan.steps[step.index]
        at = self.paused_at if self.paused_at is not None else now
        remaining = step.deadline - at
        turns = step.turns
        active_turn = turns is not None and not turns.finished and step.time_up_at is None
        nxt = step.index + 1
        return SessionView(
            step_number=step.index + 1,
            step_count=len(self.plan.steps),
            step_id=planned.id,
            title=planned.title,
            instruction=planned.step.instruction,
            part=planned.part,
            duration_s=planned.duration_s + step.extension_s,
            remaining_s=remaining,
            total_remaining_s=max(remaining, 0.0) + self._later_s(step.index),
            paused=self.paused_at is not None,
            waiting=step.time_up_at is not None and self._on_time_up(planned) == "wait",
            speaker=self._label(turns.seat) if turns and active_turn else None,
            turn_remaining_s=turns.deadline - at if turns and active_turn else None,
            round=turns.round if turns and active_turn else None,
            next_title=self.plan.steps[nxt].title if nxt < len(self.plan.steps) else None,
            stop_pending=self.stop_asked_until is not None and now <= self.stop_asked_until,
            ended=self.ended,
            last_command=self.last_command,
            elapsed_s=now - (self.started_at or now),
            next_speaker=self._next_speaker(step) if active_turn else None,
            choosing=self._choices() if self.choosing is not None else None,
            case_owner=None if self._owner() is None else self._label(self._owner() or 0),
        )

    def _next_speaker(self, step: StepState) -> str | None:
        """Who has the turn after the current speaker, as far as the plan knows now."""
        turns = step.turns
        spec = self.plan.steps[step.index].step.turns
        if turns is None or spec is None:
            return None
        if turns.position + 1 < len(turns.order):
            return self._label(turns.order[turns.position + 1])
        return self._label(turns.order[0]) if spec.again and len(turns.order) > 1 else None

    # -- time -----------------------------------------------------------------------
    def _advance(self, now: float) -> None:
        for _ in range(100_000):
            due = self._due()
            if due is None or due[0] > now or self.ended is not None:
                return
            at, what, arg = due
            self._fire(at, what, arg)
        raise RuntimeError("engine did not settle")  # a bug: some deadline never clears

    def _due(self) -> tuple[float, str, float] | None:
        """The earliest pending deadline: (time, what, argument)."""
        if self.ended is not None or self.step is None:
            return None
        found: list[tuple[float, str, float]] = []
        if self.choosing is not None:  # waiting for the chair to name the inbrenger
            if self.stop_asked_until is not None:
                found.append((self.stop_asked_until, "stop_expired", 0.0))
            return min(found) if found else None
        if self.stop_asked_until is not None:
            found.append((self.stop_asked_until, "stop_expired", 0.0))
        if self.paused_at is not None:
            return min(found) if found else None
        step = self.step
        planned = self.plan.steps[step.index]
        if step.time_up_at is None:
            for w in self._warnings(planned, step):
                found.append((step.deadline - w, "warning", w))
            turns = step.turns
            if turns is not None and not turns.finished and turns.deadline < step.deadline:
                length = turns.deadline - turns.started
                if not turns.cued_ending and length >= self.settings.turn_warning_min_s:
                    found.append((turns.deadline - self.settings.turn_warning_s, "turn_ending", 0))
                found.append((turns.deadline, "turn_end", 0.0))
            found.extend(self._notes_due(planned, step))
            found.append((step.deadline, "time_up", 0.0))
        elif self._on_time_up(planned) == "advance":
            found.append((step.time_up_at + self.settings.grace_s, "advance", 0.0))
        return min(found) if found else None

    def _fire(self, at: float, what: str, arg: float) -> None:
        self._moment = at
        step = self._require_step()
        if what == "stop_expired":
            self.stop_asked_until = None
        elif what == "warning":
            step.warned.add(arg)
            if self._in_turn(step):
                # Nobody is cut short for a warning: it waits for the turn change.
                step.deferred_warning = arg
                return
            text = self._text("session.warning", remaining=self._dur(arg))
            self._play("warning")
            self._say(text)
            self._log("warning", at, remaining_s=arg, text=text)
        elif what in ("reminder", "invite"):
            self._note(at, what, int(arg))
        elif what == "turn_ending":
            assert step.turns is not None
            step.turns.cued_ending = True
            self._play("turn_ending")
        elif what == "turn_end":
            self._end_turn(at, "time")
        elif what == "time_up":
            self._time_up(at)
        elif what == "advance":
            self._goto(step.index + 1, at, "time")

    def _notes_due(self, planned: PlannedStep, step: StepState) -> list[tuple[float, str, float]]:
        """The reminders and the invitation still to say in this step."""
        base = step.started + step.paused_s
        due = [
            (base + reminder.after_s, "reminder", float(i))
            for i, reminder in enumerate(planned.step.reminders)
            if i not in step.reminded
        ]
        if planned.step.invitation is not None and step.turns is None and not step.invited:
            due.append((base + planned.duration_s / 2, "invite", 0.0))
        return due

    def _note(self, at: float, what: str, index: int) -> None:
        """A reminder of the step's rules, or the invitation to the quiet members."""
        step = self._require_step()
        planned = self.plan.steps[step.index]
        if what == "invite":
            step.invited = True
            text = planned.step.invitation or self._text("session.invite")
        else:
            step.reminded.add(index)
            text = planned.step.reminders[index].text
        text = self._named(text)
        if self._in_turn(step):
            step.deferred_notes.append(text)
            return
        self._play("warning")
        self._said(at, text)

    def _in_turn(self, step: StepState) -> bool:
        return step.turns is not None and not step.turns.finished

    def _warnings(self, planned: PlannedStep, step: StepState) -> Iterable[float]:
        own = planned.step.warnings_s
        if own is None:
            long_enough = planned.duration_s >= self.settings.warn_min_step_s
            own = self.settings.warnings_s if long_enough else ()
        length = planned.duration_s + step.extension_s
        return [w for w in own if 0 < w < length and w not in step.warned]

    def _expected_s(self) -> float:
        """How long the meeting takes when no one intervenes: its steps, and the grace
        period after each step that moves on by itself."""
        return self.plan.total_s + sum(map(self.settings.grace_after_s, self.plan.steps))

    def _on_time_up(self, planned: PlannedStep) -> OnTimeUp:
        return self.settings.on_time_up_for(planned)

    # -- steps ----------------------------------------------------------------------
    def _log_header(self, at: float, resumed: bool = False) -> None:
        plan = self.plan
        extra: dict[str, object] = {"resumed": True} if resumed else {}
        if plan.fitted_from_s is not None:
            extra["fitted_from_s"] = plan.fitted_from_s
        if plan.fitted_from_s is not None:
            extra["fitted_from_s"] = plan.fitted_from_s
        self._log(
            "session_started",
            at,
            method=plan.name,
            title=plan.title,
            planned_s=plan.total_s,
            steps=[
                {
                    "id": s.id,
                    "title": s.title,
                    "planned_s": s.duration_s,
                    "part": s.part,
                    "phase": None if s.phase is None else s.phase.value,
                }
                for s in plan.steps
            ],
            participants=(
                [plan.participants.label(i) for i in range(len(plan.participants.names))]
                if plan.participants.known
                else None
            ),
            case_owner=plan.participants.case_owner_name,
            **extra,
        )

    def _start_step(self, index: int, at: float) -> None:
        planned = self.plan.steps[index]
        duration = planned.duration_s
        self.step = StepState(index=index, started=at, deadline=at + duration)
        self._out.append(Outdated(at))
        # The title and the time in one short sentence; the instruction on its own.
        values = {"title": spoken(planned.title), "duration": self._dur(duration)}
        if planned.number is None:  # a part of the meeting's frame: no number
            text = self._text("session.frame_step_start", **values)
        else:
            text = self._text(
                "session.step_start", number=planned.number, count=planned.count, **values
            )
        self._play("step")
        self._say(text)
        self._log_step_started(planned, at, text)
        self._say_instruction(at, planned)
        if planned.step.turns is not None and self.plan.participants.known:
            self._start_turns(at)

    def _log_step_started(
        self, planned: PlannedStep, at: float, text: str, resumed: bool = False
    ) -> None:
        extra: dict[str, object] = {"resumed": True} if resumed else {}
        self._log(
            "step_started",
            at,
            title=planned.title,
            planned_s=planned.duration_s,
            part=planned.part,
            text=text,
            **extra,
        )

    def _end_step(self, at: float, reason: str) -> None:
        step = self.step
        if step is None or self.choosing is not None:  # already ended
            return
        turns = step.turns
        if turns is not None and not turns.finished:
            turns.finished = True
            self._log("turn_ended", at, participant=self._label(turns.seat), reason="next")
        planned = self.plan.steps[step.index]
        self._log(
            "step_ended",
            at,
            actual_s=round(at - step.started - step.paused_s, 3),
            planned_s=planned.duration_s + step.extension_s,
            reason=reason,
        )

    def _goto(self, index: int, at: float, reason: str) -> None:
        leaving = self._require_step().index
        self._end_step(at, reason)
        self._enter(index, at, after=leaving)

    def _enter(self, index: int, at: float, after: int | None = None) -> None:
        """Go to step ``index`` (past the end: finish); first choose an inbrenger when
        a case was just chosen or a new topic starts."""
        steps = self.plan.steps
        forward = after is None or index > after
        chosen_just_now = (
            after is not None and index == after + 1 and steps[after].phase is Phase.CASE_CHOICE
        )
        topic: int | None = None
        if forward and index < len(steps) and steps[index].label:
            # A new topic begins: say so before its inbrenger is named.
            label = steps[index].label or ""
            self._say(self._text("session.block_label", label=label[:1].upper() + label[1:]))
        if forward and index < len(steps) and steps[index].chooses_case_owner:
            topic = steps[index].topic
        elif chosen_just_now:
            previous = steps[after].topic if after is not None else None
            topic = 0 if previous is None else previous + 1
        if topic is not None and self.plan.participants.names and topic not in self.owners:
            given = self.plan.participants.owner_of(topic)
            if given is not None:
                self._set_case_owner(topic, given, at)
            elif after is None and self.plan.phase_step(Phase.CASE_CHOICE) is None:
                # The case was chosen before the meeting: ask, but do not hold the start;
                # the chair can name the inbrenger at any moment.
                self._said(at, self._text(self._choice_key()))
            else:
                if self.step is None:  # before the first step: nothing to show yet
                    self.step = StepState(index=min(index, len(steps) - 1), started=at, deadline=at)
                self._ask_case_owner(index, topic, at)
                return
        if index >= len(steps):
            self._finish(at, "completed")
        else:
            self._start_step(index, at)

    def _ask_case_owner(self, index: int, topic: int, at: float) -> None:
        """Wait until the chair says who brings the case (no deadline: like a step that
        waits for the chair); the question is said once."""
        self.choosing = index
        self.choice_topic = topic
        self._out.append(Outdated(at))
        self._play("step")
        offered = index < len(self.plan.steps) and self.plan.steps[index].offered
        key = "session.offer_topic" if offered else self._choice_key()
        self._said(at, self._text(key))
        self._log("case_owner_asked", at, topic=topic)

    def _choice_key(self) -> str:
        if all(self.plan.participants.names):
            return "session.choose_case_owner"
        return "session.choose_case_owner_anonymous"

    def _set_case_owner(self, topic: int, seat: int, at: float) -> None:
        self.owners[topic] = seat
        name = self._label(seat)
        self._log("case_owner_set", at, participant=name, topic=topic)
        self._say(self._text("session.case_owner", name=name))

    def _choose(self, seat: int | None, at: float) -> None:
        """The chair's answer while the inbrenger is asked for: ``seat``, or None to go
        on without one."""
        index, topic = self.choosing, self.choice_topic
        assert index is not None and topic is not None
        self.choosing = self.choice_topic = None
        if seat is not None:
            self._set_case_owner(topic, seat, at)
        elif index < len(self.plan.steps) and self.plan.steps[index].offered:
            # The offered topic is declined: on with what comes after the repeat block.
            while index < len(self.plan.steps) and self.plan.steps[index].offered:
                index += 1
            self._log("topics_ended", at, topic=topic)
        else:
            self._said(at, self._text("session.no_case_owner"))
        if index >= len(self.plan.steps):
            self._finish(at, "completed")
        else:
            self._start_step(index, at)

    def _choices(self) -> tuple[str, ...]:
        return tuple(
            f"{seat + 1} {self._label(seat)}" for seat in range(len(self.plan.participants.names))
        )

    def _owner(self) -> int | None:
        """The inbrenger of the case at hand, once chosen."""
        if self.step is None or self.choosing is not None:
            return None
        topic = self.plan.steps[self.step.index].topic
        return None if topic is None else self.owners.get(topic)

    def _instruction(self, planned: PlannedStep) -> str:
        return self._named(planned.step.instruction)

    def _named(self, text: str) -> str:
        """A method's text with "de inbrenger" said by name, once the name is known."""
        owner = self._owner()
        name = None if owner is None else self.plan.participants.names[owner]
        return with_case_owner(text, name)

    def _time_up(self, at: float) -> None:
        step = self._require_step()
        planned = self.plan.steps[step.index]
        step.time_up_at = at
        turns = step.turns
        if turns is not None and not turns.finished:
            turns.finished = True
            self._log("turn_ended", at, participant=self._label(turns.seat), reason="time")
        step.deferred_warning = None
        step.deferred_notes.clear()
        key = "session.time_up_wait" if self._on_time_up(planned) == "wait" else "session.time_up"
        text = self._text(key)
        self._play("time_up")
        self._say(text)
        self._log("time_up", at, text=text)

    def _finish(self, at: float, reason: str) -> None:
        assert self.started_at is not None
        self.ended = reason
        self.paused_at = None
        self.stop_asked_until = None
        if reason == "completed":
            self._out.append(Outdated(at))  # the closing words, not what is left before
            if self.plan.ending:
                self._say(self.plan.ending)
            self._say(self._text("session.completed"))
        elif reason == "stopped":
            self._say(self._text("session.stopped"))
        self._log("session_ended", at, reason=reason, actual_s=round(at - self.started_at, 3))
        self._out.append(End(reason))

    def _later_s(self, index: int) -> float:
        return sum(s.duration_s for s in self.plan.steps[index + 1 :])

    # -- turns ----------------------------------------------------------------------
    def _start_turns(self, at: float) -> None:
        step = self._require_step()
        planned = self.plan.steps[step.index]
        spec = planned.step.turns
        assert spec is not None
        if planned.turn_seats is not None:  # the plan says who, and in which order
            order = planned.turn_seats
        else:
            order = self.plan.participants.turn_order(
                spec.case_owner_too, self.turn_rounds, owner=self._owner()
            )
            self.turn_rounds += 1
        if not order:
            return
        step.turns = TurnState(order=order)
        self._begin_turn(at, first=True)

    def _turn_length(self, at: float) -> float:
        step = self._require_step()
        turns = step.turns
        spec = self.plan.steps[step.index].step.turns
        assert turns is not None and spec is not None
        left = step.deadline - at
        if spec.per_turn_s is not None:
            return min(spec.per_turn_s, left)
        return left / (len(turns.order) - turns.position)

    def _begin_turn(
        self, at: float, first: bool = False, intro: str | None = None, after: str = "next"
    ) -> None:
        """Gives the floor to the next seat; ``after`` is how the last turn ended."""
        step = self._require_step()
        turns = step.turns
        assert turns is not None
        length = self._turn_length(at)
        self._out.append(Outdated(at))
        turns.started = at
        turns.deadline = at + length
        turns.cued_ending = False
        name = self.plan.participants.names[turns.seat]
        for note in step.deferred_notes:
            self._play("warning")
            self._said(at, note)
        step.deferred_notes.clear()
        lead: list[str] = []
        if not first:
            thanks = "session.turn_after_pass" if after == "pass" else "session.turn_thanks"
            lead.append(self._text(thanks))
        if intro:
            lead.append(intro)
        warning = self._warning_for_turn(at, first)
        if warning is not None:
            left = self._dur(step.deadline - at)
            lead.append(self._text("session.turn_warning", remaining=left))
            self._log("warning", at, remaining_s=warning)
        if first:
            each = self._text("session.turn_each", duration=self._dur(length))
            cue = (
                self._text("session.turn_first", name=name)
                if name
                else self._text("session.turn_first_anonymous")
            )
            text = f"{each} {cue}"
        elif name:
            text = self._text("session.turn_next", name=name)
        else:
            text = self._text("session.turn_next_anonymous")
        text = " ".join([*lead, text])
        self._play("turn")
        self._say(text)
        self._log(
            "turn_started",
            at,
            participant=self._label(turns.seat),
            turn_s=round(length, 3),
            round=turns.round,
            text=text,
        )

    def _warning_for_turn(self, at: float, first: bool) -> float | None:
        """The warning to fold into the cue of a turn that begins at ``at``, if any.

        A warning that fell inside the last turn waits for this turn change. A turn
        that runs to the step's end takes the warnings that would fall inside it: the
        cue says the time left instead (the first cue says the turn's length already).
        """
        step = self._require_step()
        turns = step.turns
        assert turns is not None
        planned = self.plan.steps[step.index]
        folded, step.deferred_warning = step.deferred_warning, None
        if turns.deadline >= step.deadline - 1.0:
            inside = [w for w in self._warnings(planned, step) if step.deadline - w >= at - 1.0]
            step.warned.update(inside)
            if inside and folded is None:
                folded = min(inside)
        return None if first else folded

    def _end_turn(self, at: float, reason: str) -> None:
        step = self._require_step()
        turns = step.turns
        spec = self.plan.steps[step.index].step.turns
        assert turns is not None and spec is not None
        self._log("turn_ended", at, participant=self._label(turns.seat), reason=reason)
        turns.passes = turns.passes + 1 if reason == "pass" else 0
        turns.position += 1
        if turns.position >= len(turns.order):
            everyone_passed = turns.passes >= len(turns.order)
            if spec.again and not everyone_passed and step.deadline - at >= MIN_TURN_S:
                turns.position = 0
                turns.round += 1
                intro = self._text("session.round_again", round=turns.round)
                self._begin_turn(at, intro=intro, after=reason)
                return
            turns.finished = True
            step.deferred_warning = None
            key = "session.everyone_passed" if everyone_passed else "session.round_done"
            if step.deadline - at >= MIN_TURN_S:
                # Every sentence at a planned moment starts with a chime: the chime is
                # on time while the sentence is being synthesized.
                self._play("warning")
                text = self._text(key, remaining=self._dur(step.deadline - at))
                after = self.plan.steps[step.index].step.after_round
                if after:
                    owner = self._owner()
                    name = None if owner is None else self.plan.participants.names[owner]
                    text = f"{text} {with_case_owner(after, name)}"
                self._said(at, text)
            return
        if step.deadline - at < MIN_TURN_S:
            turns.finished = True
            return
        self._begin_turn(at, after=reason)

    # -- commands -------------------------------------------------------------------
    def _command(self, command: Command, now: float) -> None:
        self._moment = now
        self.last_command = command
        kind = command.kind
        self._log("command", now, command=kind.value, source=command.source)
        step = self._require_step()
        planned = self.plan.steps[step.index]
        if kind is CommandKind.CHOOSE_CASE_OWNER:
            self._case_owner_command(command, now)
            return
        if self.choosing is not None and kind in (
            CommandKind.NEXT_STEP,
            CommandKind.PREVIOUS_STEP,
        ):
            self._supersede()
            self._resume(now, announce=False)
            if kind is CommandKind.NEXT_STEP:
                self._choose(None, now)
            else:
                index = self.choosing
                self.choosing = self.choice_topic = None
                self._start_step(max(index - 1, 0), now)
            return
        if kind in (CommandKind.NEXT_STEP, CommandKind.PREVIOUS_STEP):
            self._supersede()
            self._resume(now, announce=False)
            if kind is CommandKind.NEXT_STEP:
                self._goto(step.index + 1, now, "next")
            else:
                self._goto(max(step.index - 1, 0), now, "previous")
        elif kind is CommandKind.PAUSE:
            if self.paused_at is None:
                self.paused_at = now
                self._say(self._text(self._how("session.paused")))
                self._log("paused", now)
            else:
                self._resume(now)
        elif kind is CommandKind.RESUME:
            if self.paused_at is None:
                self._said(now, self._text("session.not_paused"))
            else:
                self._resume(now)
        elif kind is CommandKind.TIME_LEFT:
            self._said(now, self._time_left(now))
        elif kind is CommandKind.REPEAT:
            self._say_instruction(now, planned)
        elif kind is CommandKind.EXPLAIN:
            explanation = planned.step.explanation
            none = self._text("session.no_explanation")
            self._said(now, self._named(explanation) if explanation else none)
        elif kind is CommandKind.EXTEND:
            self._extend(now, command.minutes or 1)
        elif kind in (CommandKind.NEXT_SPEAKER, CommandKind.PASS):
            turns = step.turns
            if turns is None or turns.finished or step.time_up_at is not None:
                self._said(now, self._text("session.no_turns"))
            elif self.paused_at is None:
                self._supersede()
                self._end_turn(now, "pass" if kind is CommandKind.PASS else "next")
        elif kind is CommandKind.EXAMPLE_QUESTION:
            questions = planned.step.questions
            if not questions:
                self._said(now, self._text("session.no_questions"))
            else:
                owner = self._owner()
                name = None if owner is None else self.plan.participants.names[owner]
                self._said(now, with_case_owner(questions[step.question % len(questions)], name))
                step.question += 1
        elif kind is CommandKind.STOP:
            self.stop_asked_until = now + self.settings.stop_confirm_s
            self._said(now, self._text(self._how("session.stop_confirm")))
        elif kind is CommandKind.CONFIRM_STOP:
            if self.stop_asked_until is not None and now <= self.stop_asked_until:
                self._supersede()
                self._end_step(now, "stop")
                self._finish(now, "stopped")
        elif kind is CommandKind.CANCEL and self.stop_asked_until is not None:
            self.stop_asked_until = None
            self._said(now, self._text("session.stop_cancelled"))
        elif kind is CommandKind.ACTION_POINT:
            self._action_point(now, command.participant)

    def _action_point(self, now: float, seat: int | None) -> None:
        """Logs who takes an action point: the seat named, else the current speaker."""
        names = self.plan.participants.names
        turns = self._require_step().turns
        if seat is None and turns is not None and not turns.finished:
            seat = turns.seat
        name = names[seat] if seat is not None and 0 <= seat < len(names) else None
        if name is None:
            self._said(now, self._text("session.action_point_who"))
            return
        self._log("action_point", now, participant=name)
        self._said(now, self._text("session.action_point", name=name))

    def _case_owner_command(self, command: Command, now: float) -> None:
        seat = command.participant
        names = self.plan.participants.names
        if seat is None or not 0 <= seat < len(names):
            self._said(now, self._text("session.no_such_participant"))
        elif self.choosing is not None:
            self._supersede()
            self._resume(now, announce=False)
            self._choose(seat, now)
        else:
            # The chair names (or corrects) the inbrenger of the case at hand.
            topic = self.plan.steps[self._require_step().index].topic
            self._set_case_owner(0 if topic is None else topic, seat, now)

    def _resume(self, now: float, announce: bool = True) -> None:
        if self.paused_at is None:
            return
        shift = now - self.paused_at
        self.paused_at = None
        step = self._require_step()
        step.paused_s += shift
        step.deadline += shift
        if step.time_up_at is not None:
            step.time_up_at += shift
        if step.turns is not None:
            step.turns.started += shift
            step.turns.deadline += shift
        self._log("resumed", now)
        if announce:
            left = max(step.deadline - now, 0.0)
            self._say(self._text("session.resumed", remaining=self._dur(left)))

    def _extend(self, now: float, minutes: int) -> None:
        step = self._require_step()
        extra = 60.0 * minutes
        base = max(step.deadline, now) if step.time_up_at is not None else step.deadline
        step.deadline = base + extra
        step.extension_s = step.deadline - step.started - step.paused_s
        step.extension_s -= self.plan.steps[step.index].duration_s
        step.time_up_at = None
        at = self.paused_at if self.paused_at is not None else now
        step.warned = {w for w in step.warned if w >= step.deadline - at}
        text = self._text(
            "session.extended",
            extra=self._dur(extra),
            remaining=self._dur(step.deadline - at),
        )
        self._say(text)
        self._log("extended", now, minutes=minutes, text=text)

    def _time_left(self, now: float) -> str:
        step = self._require_step()
        at = self.paused_at if self.paused_at is not None else now
        left = step.deadline - at
        if left >= 0:
            text = self._text("session.time_left", remaining=self._dur(left))
        else:
            text = self._text("session.overtime", over=self._dur(-left))
        later = self._later_s(step.index)
        if later > 0:
            text += " " + self._text(
                "session.time_left_total", remaining=self._dur(max(left, 0) + later)
            )
        return text

    # -- helpers --------------------------------------------------------------------
    def _require_step(self) -> StepState:
        assert self.step is not None, "session not started"
        return self.step

    def _label(self, seat: int) -> str:
        return self.plan.participants.label(seat)

    def _how(self, key: str) -> str:
        """``key``, or its ``_keys`` form that names keys when commands cannot be said."""
        return key if self.settings.spoken_commands else key + "_keys"

    def _text(self, key: str, **values: object) -> str:
        return self.pack.chosen(self.variants, key, **values)

    def _dur(self, seconds: float) -> str:
        return self.pack.duration(seconds)

    def _supersede(self) -> None:
        self.generation += 1
        self._out.append(Supersede(self.generation))

    def _say(self, text: str) -> None:
        self._out.append(Say(text, self.generation, self._moment))

    def _say_instruction(self, at: float, planned: PlannedStep) -> None:
        """The instruction, a long one in parts of whole sentences (each one utterance)."""
        for part in utterances(self._instruction(planned)):  # the inbrenger by name
            self._said(at, part)

    def _said(self, at: float, text: str) -> None:
        self._say(text)
        self._log("said", at, text=text)

    def _play(self, sound: str) -> None:
        self._out.append(Play(sound, self.generation, self._moment))

    def _log(self, event: str, at: float, **fields: object) -> None:
        assert self.started_at is not None
        if self.step is not None and "step" not in fields and event != "session_started":
            fields = {"step": self.plan.steps[self.step.index].id, **fields}
        self._out.append(Log(event, round(at - self.started_at, 3), fields))

    def _flush(self) -> list[Effect]:
        out, self._out = self._out, []
        if self.ended is None:
            out.append(WakeAt(self.next_wakeup()))
        return out


__all__ = ["Heard", "Session", "SessionSettings", "SessionView", "Tick"]
