"""What the rehearsal page does and says, worked out by the session engine itself.

The engine runs the whole plan once with a clock that only jumps from one deadline
to the next, moving on by itself after every step's grace period. Every ``Say`` and
``Play`` it returns is kept with the moment it belongs to, relative to the start of
its step, so the page speaks exactly the sentences the room device would say, in the
same language pack, at the same moments: nothing is worded twice.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from facilitator.lang import LanguagePack
from facilitator.meeting.effects import Effect, Log, Play, Say, Tick
from facilitator.meeting.engine import Session, SessionSettings
from facilitator.meeting.plan import Plan

_MAX_WAKEUPS = 100_000  # a plan never needs this many; a bug must not hang the export


@dataclass
class Cue:
    at: float  # seconds after the start of its step
    say: str | None = None
    sound: str | None = None

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"at": round(self.at, 3)}
        if self.say is not None:
            out["say"] = self.say
        if self.sound is not None:
            out["sound"] = self.sound
        return out


@dataclass
class StepScript:
    id: str
    title: str
    instruction: str
    part: str
    planned_s: float
    starts_s: float = 0.0  # session time, when nobody intervenes
    ends_s: float = 0.0  # after its start: the time box and the grace period after it
    cues: list[Cue] = field(default_factory=list)


@dataclass
class Script:
    steps: list[StepScript]
    closing: list[Cue]
    total_s: float  # from the first step's start to the end, when nobody intervenes


def rehearsal_script(plan: Plan, settings: SessionSettings, pack: LanguagePack) -> Script:
    """Every cue of ``plan`` as the engine gives it, step by step, in session time.

    ``settings`` are the room's; the page moves on by itself after each step's grace
    period (the member can also move on sooner), so waiting for the chair is off.
    """
    session = Session(plan, replace(settings, force_on_time_up="advance"), pack)
    steps = [
        StepScript(p.id, p.title, p.step.instruction, p.part, p.duration_s) for p in plan.steps
    ]
    closing: list[Cue] = []
    current = 0
    pending: list[tuple[float, str | None, str | None]] = []
    ended_at = 0.0

    def take(effects: list[Effect]) -> None:
        nonlocal current, ended_at
        for effect in effects:
            if isinstance(effect, Say):
                pending.append((effect.at, effect.text, None))
            elif isinstance(effect, Play):
                pending.append((effect.at, None, effect.sound))
            elif isinstance(effect, Log):
                if effect.event == "step_started":
                    current = plan.index_of(str(effect.fields["step"]))
                    steps[current].starts_s = effect.t
                if effect.event == "session_ended":
                    ended_at = effect.t
                    closing.extend(Cue(0.0, say, sound) for _, say, sound in pending)
                else:
                    # What was said before this record belongs to the step that is
                    # current now: a step's opening words come before its record.
                    step = steps[current]
                    step.cues.extend(
                        Cue(at - step.starts_s, say, sound) for at, say, sound in pending
                    )
                pending.clear()

    take(session.start(0.0))
    for _ in range(_MAX_WAKEUPS):
        if session.ended is not None:
            break
        wake = session.next_wakeup()
        if wake is None:  # cannot happen while every step moves on by itself
            raise RuntimeError("the rehearsal script waits for the chair")
        take(session.handle(Tick(wake)))
    else:
        raise RuntimeError("the rehearsal script did not end")
    for index, step in enumerate(steps):
        later = steps[index + 1].starts_s if index + 1 < len(steps) else ended_at
        step.ends_s = later - step.starts_s
    return Script(steps, closing, ended_at)
