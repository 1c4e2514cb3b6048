"""The meeting's plan with what the group's memory says put where it belongs.

``GroupBriefing`` holds plain sentences and names (``facilitator.group.flow``); here
they go into the plan, which the pure engine walks through:

- the look back is a turn round over exactly the people with open action points, in
  that order, introduced by the briefing; with nobody it is one short sentence;
- the case choice names who has waited longest;
- the evaluation (or, without one, the end) proposes evaluating the series;
- the welcome names the other roles (it names the chair already).
"""

from __future__ import annotations

from dataclasses import replace

from facilitator.group.flow import GroupBriefing
from facilitator.meeting.plan import Plan, PlannedStep
from facilitator.method.definition import Phase

NOBODY_LOOKS_BACK_S = 30.0
"""The look back when no action points are open: one sentence, then on."""


def with_briefing(plan: Plan, told: GroupBriefing, roles_note: str | None = None) -> Plan:
    """``plan`` as this group's meeting; ``roles_note``: the roles besides the chair."""
    steps = list(plan.steps)
    for i, planned in enumerate(steps):
        if planned.phase is Phase.LOOK_BACK:
            steps[i] = _look_back(plan, planned, told)
        elif planned.phase is Phase.CASE_CHOICE and told.case_choice:
            steps[i] = _added(planned, told.case_choice)
    ending = told.closing
    evaluation = next((i for i, s in enumerate(steps) if s.phase is Phase.EVALUATION), None)
    if evaluation is not None and told.closing:
        steps[evaluation] = _added(steps[evaluation], told.closing)
        ending = None
    note = " ".join(filter(None, [plan.welcome_note, roles_note])) or None
    return replace(plan, steps=tuple(steps), welcome_note=note, ending=ending)


def _look_back(plan: Plan, planned: PlannedStep, told: GroupBriefing) -> PlannedStep:
    step = planned.step
    if not told.look_back_names:
        # The step keeps its kind of round (a resumed meeting may be inside one), but
        # nobody takes a turn.
        short = replace(step, instruction=told.look_back_text, duration_s=NOBODY_LOOKS_BACK_S)
        return replace(planned, step=short, turn_seats=())
    folded = [None if n is None else n.casefold() for n in plan.participants.names]
    seats = tuple(
        folded.index(name.casefold()) for name in told.look_back_names if name.casefold() in folded
    )
    intro = f"{told.look_back_text} {step.instruction}".strip()
    return replace(planned, step=replace(step, instruction=intro), turn_seats=seats)


def _added(planned: PlannedStep, sentence: str) -> PlannedStep:
    """``planned`` with ``sentence`` said after its own instruction."""
    text = f"{planned.step.instruction} {sentence}".strip()
    return replace(planned, step=replace(planned.step, instruction=text))
