"""A meeting plan: the opening, the method and the closing as one list of steps.

The plan is fixed before the session starts; the engine walks through it. A method's
repeat block (e.g. one round per topic in alleen-maar-advies) is unrolled here, and
every planned step gets an id that is unique within the session.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Literal

from facilitator.errors import ConfigError
from facilitator.lang import t
from facilitator.method.definition import Actor, Method, OnTimeUp, Phase, Step

Part = Literal["opening", "method", "closing"]


@dataclass(frozen=True)
class PlannedStep:
    """One step of the meeting.

    ``number``/``count``: its place among the method's own steps (None for the frame's
    steps, which are announced by name). ``topic``: which case (0, 1, ...) the step works
    on, None before the first case is chosen. ``chooses_case_owner``: the inbrenger of
    ``topic`` is chosen before this step starts. ``label``: said when a repetition of
    the method's repeat block starts ("volgende onderwerp"). ``offered``: the step
    belongs to a repetition offered while time allows; the chair takes it on by naming
    its inbrenger, or declines, and the meeting goes on after the block.
    ``turn_seats``: the seats that take a turn in this step, in this order (e.g. the
    look back over exactly the people with open action points); None: everyone, as the
    step's ``turns`` say.
    """

    id: str
    step: Step
    part: Part
    on_time_up: OnTimeUp | None = None  # the step's own choice, else its method's
    number: int | None = None
    count: int | None = None
    topic: int | None = None
    chooses_case_owner: bool = False
    label: str | None = None
    offered: bool = False  # part of a topic the chair may take on or decline
    turn_seats: tuple[int, ...] | None = None

    @property
    def title(self) -> str:
        return self.step.title

    @property
    def phase(self) -> Phase | None:
        return self.step.phase

    @property
    def duration_s(self) -> float:
        return self.step.duration_s


@dataclass(frozen=True)
class Participants:
    """Who is in the room.

    ``names`` are display names; when only the group size is known they are
    ``None`` and cues are given without names. ``case_owner`` is an index into
    ``names`` (or ``None`` when unknown): the inbrenger of the first case, when given
    in advance; ``case_owners`` are the inbrengers of successive topics given in
    advance (``case_owner`` is its first). In the meeting, an inbrenger is set at the
    moment the case is chosen, not before.
    """

    names: tuple[str | None, ...] = ()
    case_owner: int | None = None
    case_owners: tuple[int, ...] = ()

    def __post_init__(self) -> None:
        if self.case_owner is not None and not self.case_owners:
            object.__setattr__(self, "case_owners", (self.case_owner,))
        elif self.case_owners and self.case_owner is None:
            object.__setattr__(self, "case_owner", self.case_owners[0])

    @classmethod
    def named(
        cls, names: Sequence[str], case_owner: str | Sequence[str] | None = None
    ) -> Participants:
        """``case_owner``: one name, or the inbrengers of successive topics in order."""
        wanted = [case_owner] if isinstance(case_owner, str) else list(case_owner or ())
        folded = [n.casefold() for n in names]
        owners: list[int] = []
        for name in wanted:
            if name.casefold() not in folded:
                raise ConfigError(t("cli.case_owner_unknown", name=name, names=", ".join(names)))
            owners.append(folded.index(name.casefold()))
        return cls(tuple(names), owners[0] if owners else None, tuple(owners))

    @classmethod
    def anonymous(cls, size: int) -> Participants:
        # Nobody is the inbrenger until the chair says which seat brings the case.
        return cls((None,) * size)

    @property
    def known(self) -> bool:
        return bool(self.names)

    @property
    def case_owner_name(self) -> str | None:
        return None if self.case_owner is None else self.names[self.case_owner]

    def label(self, seat: int) -> str:
        """How a seat is called on screen and in the log."""
        name = self.names[seat]
        return name if name is not None else t("session.seat", n=seat + 1)

    def owner_of(self, topic: int | None) -> int | None:
        """The inbrenger of ``topic`` as given in advance, if any."""
        if topic is None or not 0 <= topic < len(self.case_owners):
            return None
        return self.case_owners[topic]

    def turn_order(
        self, case_owner_too: bool, rotation: int, owner: int | Literal["given"] | None = "given"
    ) -> tuple[int, ...]:
        """Seats in speaking order, starting ``rotation`` places further round.

        ``owner`` is the inbrenger left out (default: ``case_owner``); ``None``: nobody.
        """
        left_out = self.case_owner if owner == "given" else owner
        seats = [i for i in range(len(self.names)) if case_owner_too or i != left_out]
        if not seats:
            return ()
        start = rotation % len(seats)
        return tuple(seats[start:] + seats[:start])


@dataclass(frozen=True)
class Plan:
    name: str
    title: str
    steps: tuple[PlannedStep, ...]
    participants: Participants
    fitted_from_s: float | None = None  # the steps' own total, when fitted to a time slot
    chair: str | None = None  # the chair of the day, named in the welcome
    opened: bool = False  # the meeting begins with the opening (its reminders in the welcome)
    materials: tuple[str, ...] = ()  # what to lay out, said in the welcome
    welcome_note: str | None = None  # said at the end of the welcome (e.g. other roles)
    ending: str | None = None  # said before the closing words of a completed meeting

    def phase_step(self, phase: Phase) -> PlannedStep | None:
        """The step that is ``phase`` of the meeting (the look back, the case choice...)."""
        return next((s for s in self.steps if s.phase is phase), None)

    @property
    def total_s(self) -> float:
        return sum(s.duration_s for s in self.steps)

    def index_of(self, step_id: str) -> int:
        for i, planned in enumerate(self.steps):
            if planned.id == step_id:
                return i
        raise KeyError(step_id)


def unroll(method: Method, times: int | None = None) -> list[Step]:
    """The method's steps with its repeat block run ``times`` times in all."""
    return [step for step, _ in _unrolled(method, times)]


def _unrolled(method: Method, times: int | None) -> list[tuple[Step, int]]:
    """Each step with its repetition: 0 outside the block and in its first run, then 1, 2..."""
    steps = list(method.steps)
    block = method.repeat
    if block is None:
        return [(step, 0) for step in steps]
    count = max(block.times if times is None else times, 1)
    ids = [s.id for s in steps]
    first, last = ids.index(block.first), ids.index(block.last)
    body = steps[first : last + 1]
    runs = [(step, run) for run in range(1, count) for step in body]
    return (
        [(step, 0) for step in steps[: last + 1]] + runs + [(step, 0) for step in steps[last + 1 :]]
    )


def compose(
    method: Method, opening: Method | None = None, closing: Method | None = None
) -> tuple[list[Step], list[Step]]:
    """The frame's steps that this method still needs: (opening, closing).

    Each part of the frame happens once: a part the method has its own version of, or
    goes without (``Method.frame_parts``), is left out of the frame. A frame file run as
    the method is not framed by itself.
    """
    covered = set(method.frame_parts)
    before: list[Step] = []
    after: list[Step] = []
    if opening is not None and method.kind != "opening":
        before = [s for s in opening.steps if s.phase not in covered]
        covered |= {s.phase for s in before if s.phase is not None}
    if closing is not None and method.kind != "closing":
        after = [s for s in closing.steps if s.phase not in covered]
    return before, after


def build_plan(
    method: Method,
    participants: Participants,
    *,
    opening: Method | None = None,
    closing: Method | None = None,
    repeat_times: int | None = None,
    chair: str | None = None,
    offer_repeats: bool = False,
) -> Plan:
    """The meeting: ``opening`` + ``method`` + ``closing``, each frame part once.

    ``offer_repeats``: the repetitions of the repeat block after the first are offered
    (``PlannedStep.offered``), not fixed.
    """
    before, after = compose(method, opening, closing)
    numbers = {step.id: n for n, step in enumerate(method.steps, start=1)}
    label = method.repeat.label if method.repeat is not None else ""
    parts: list[tuple[Part, Method | None, list[tuple[Step, int]]]] = [
        ("opening", opening, [(s, 0) for s in before]),
        ("method", method, _unrolled(method, repeat_times)),
        ("closing", closing, [(s, 0) for s in after]),
    ]
    planned: list[PlannedStep] = []
    seen: dict[str, int] = {}
    topic: int | None = None
    after_choice = False
    for part, source, steps in parts:
        assert source is not None or not steps
        for step, run in steps:
            seen[step.id] = seen.get(step.id, 0) + 1
            count = seen[step.id]
            step_id = step.id if count == 1 else f"{step.id}-{count}"
            on_time_up = step.on_time_up or (source.on_time_up if source else None)
            repeat = method.repeat
            starts_run = part == "method" and repeat is not None and step.id == repeat.first
            chooses = after_choice or (starts_run and (run > 0 or topic is None))
            if chooses:
                topic = 0 if topic is None else topic + 1
            after_choice = step.phase is Phase.CASE_CHOICE
            own = part == "method"
            planned.append(
                PlannedStep(
                    step_id,
                    step,
                    part,
                    on_time_up,
                    number=numbers[step.id] if own else None,
                    count=len(method.steps) if own else None,
                    topic=topic,
                    chooses_case_owner=chooses,
                    label=label if starts_run and run > 0 and label else None,
                    offered=offer_repeats and run > 0,
                )
            )
    if planned and topic is None and not after_choice and any(map(_needs_owner, planned)):
        # No case is chosen in this meeting: it was chosen before, and its inbrenger is
        # asked for (or taken from the command line) at the start.
        planned = [replace(p, topic=0) for p in planned]
        planned[0] = replace(planned[0], chooses_case_owner=True)
    materials = [m for source in (opening, method, closing) if source for m in source.materials]
    return Plan(
        method.name,
        method.title,
        tuple(planned),
        participants,
        chair=chair,
        opened=method.kind == "opening" or (opening is not None and method.kind != "closing"),
        materials=tuple(dict.fromkeys(materials)),
    )


def _needs_owner(planned: PlannedStep) -> bool:
    """Whether ``planned`` speaks of an inbrenger: theirs is the turn, or they sit out."""
    step = planned.step
    if step.actor is Actor.CASE_OWNER:
        return True
    return step.turns is not None and not step.turns.case_owner_too


FIT_RANGE = (0.5, 2.0)
"""How far a meeting may be shortened or lengthened to fit a time slot."""

MIN_FITTED_TURN_S = 10.0


def fit_plan(plan: Plan, total_s: float, reserved_s: float = 0.0) -> Plan:
    """The plan with every step's time scaled so that the meeting takes ``total_s``.

    ``reserved_s`` is time the meeting needs besides its steps (the grace periods
    between them). Every step keeps its share; fixed turn lengths scale along. Times
    are rounded as they are said aloud (half minutes below ten minutes, whole minutes
    above), so what the facilitator announces is what the step gets; the rounding is
    spread over the steps so that the total stays within half a minute of the slot.
    A slot outside ``FIT_RANGE`` of the plan is a ``ConfigError`` that names the
    slots that would work.
    """
    own_s = plan.total_s
    factor = (total_s - reserved_s) / own_s if own_s > 0 else 0.0
    low, high = FIT_RANGE
    if not (low <= factor <= high) or not math.isfinite(factor):
        raise ConfigError(
            t(
                "cli.fit_range",
                title=plan.title,
                total=round(total_s / 60),
                low=math.ceil((own_s * low + reserved_s) / 60),
                high=math.floor((own_s * high + reserved_s) / 60),
            )
        )
    wanted = [s.duration_s * factor for s in plan.steps]
    fitted = _spread_rounding(wanted, total_s - reserved_s)
    steps = tuple(
        replace(planned, step=_scaled(planned.step, seconds, factor))
        for planned, seconds in zip(plan.steps, fitted, strict=True)
    )
    return replace(plan, steps=steps, fitted_from_s=plan.fitted_from_s or own_s)


def _grain(seconds: float) -> float:
    return 30.0 if seconds < 600 else 60.0


def _spread_rounding(wanted: Sequence[float], target_s: float) -> list[float]:
    """Each time rounded to its grain, then nudged grain by grain towards the target:
    the step that lost (or gained) the most by rounding is nudged first."""
    rounded = [max(_grain(w), round(w / _grain(w)) * _grain(w)) for w in wanted]
    for _ in range(4 * len(rounded)):
        gap = target_s - sum(rounded)
        candidates = [
            i
            for i, r in enumerate(rounded)
            if abs(gap) >= _grain(r) / 2 and (gap > 0 or r - _grain(r) >= _grain(r))
        ]
        if not candidates:
            break
        sign = 1.0 if gap > 0 else -1.0
        i = max(candidates, key=lambda i: sign * (wanted[i] - rounded[i]))
        rounded[i] += sign * _grain(rounded[i])
    return rounded


def _scaled(step: Step, seconds: float, factor: float) -> Step:
    turns = step.turns
    if turns is not None and turns.per_turn_s is not None:
        wanted = turns.per_turn_s * factor
        grain = 5.0 if wanted < 60 else 30.0  # as a turn's length is said aloud
        per_turn = max(MIN_FITTED_TURN_S, round(wanted / grain) * grain)
        turns = replace(turns, per_turn_s=min(per_turn, seconds))
    return replace(step, duration_s=seconds, turns=turns)
