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
from facilitator.method.definition import Method, OnTimeUp, Step

Part = Literal["opening", "method", "closing"]


@dataclass(frozen=True)
class PlannedStep:
    id: str
    step: Step
    part: Part
    on_time_up: OnTimeUp | None = None  # the step's own choice, else its method's

    @property
    def title(self) -> str:
        return self.step.title

    @property
    def duration_s(self) -> float:
        return self.step.duration_s


@dataclass(frozen=True)
class Participants:
    """Who is in the room.

    ``names`` are display names; when only the group size is known they are
    ``None`` and cues are given without names. ``case_owner`` is an index into
    ``names`` (or ``None`` when unknown).
    """

    names: tuple[str | None, ...] = ()
    case_owner: int | None = None

    @classmethod
    def named(cls, names: Sequence[str], case_owner: str | None = None) -> Participants:
        owner = None
        if case_owner is not None:
            folded = [n.casefold() for n in names]
            if case_owner.casefold() not in folded:
                raise ConfigError(
                    t("cli.case_owner_unknown", name=case_owner, names=", ".join(names))
                )
            owner = folded.index(case_owner.casefold())
        return cls(tuple(names), owner)

    @classmethod
    def anonymous(cls, size: int) -> Participants:
        # Without names the case owner is, by convention, the first seat.
        return cls((None,) * size, 0 if size else None)

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

    def turn_order(self, case_owner_too: bool, rotation: int) -> tuple[int, ...]:
        """Seats in speaking order, starting ``rotation`` places further round."""
        seats = [i for i in range(len(self.names)) if case_owner_too or i != self.case_owner]
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
    steps = list(method.steps)
    block = method.repeat
    if block is None:
        return steps
    count = block.times if times is None else times
    ids = [s.id for s in steps]
    first, last = ids.index(block.first), ids.index(block.last)
    body = steps[first : last + 1]
    return steps[: last + 1] + body * (max(count, 1) - 1) + steps[last + 1 :]


def build_plan(
    method: Method,
    participants: Participants,
    *,
    opening: Method | None = None,
    closing: Method | None = None,
    repeat_times: int | None = None,
) -> Plan:
    parts: list[tuple[Part, Method, list[Step]]] = []
    if opening is not None:
        parts.append(("opening", opening, list(opening.steps)))
    parts.append(("method", method, unroll(method, repeat_times)))
    if closing is not None:
        parts.append(("closing", closing, list(closing.steps)))

    planned: list[PlannedStep] = []
    seen: dict[str, int] = {}
    for part, source, steps in parts:
        for step in steps:
            seen[step.id] = seen.get(step.id, 0) + 1
            count = seen[step.id]
            step_id = step.id if count == 1 else f"{step.id}-{count}"
            on_time_up = step.on_time_up or source.on_time_up
            planned.append(PlannedStep(step_id, step, part, on_time_up))
    return Plan(method.name, method.title, tuple(planned), participants)


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
