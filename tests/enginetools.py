"""Helpers to build small methods and drive the engine with a fake clock."""

from __future__ import annotations

import re
import string
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from facilitator.lang import get_pack
from facilitator.meeting.clock import FakeClock
from facilitator.meeting.commands import Command, CommandKind
from facilitator.meeting.effects import Effect, End, Heard, Log, Say, Tick, WakeAt
from facilitator.meeting.engine import Session, SessionSettings
from facilitator.meeting.plan import Participants, build_plan
from facilitator.method.definition import Actor, Method, Step, TurnRound

NAMES = ("Anna", "Bram", "Carla", "Daan", "Eva")


def step(
    id: str,
    minutes: float,
    *,
    turns: TurnRound | None = None,
    questions: Sequence[str] = (),
    warnings: Sequence[float] | None = None,
    on_time_up: Any = None,
) -> Step:
    return Step(
        id=id,
        title=id.capitalize(),
        duration_s=minutes * 60,
        instruction=f"Instructie voor {id}.",
        actor=Actor.EACH if turns else Actor.GROUP,
        turns=turns,
        questions=tuple(questions),
        warnings_s=None if warnings is None else tuple(warnings),
        on_time_up=on_time_up,
    )


def method(*steps: Step, name: str = "test", on_time_up: Any = None) -> Method:
    return Method(name=name, title="de testmethode", purpose="", steps=steps, on_time_up=on_time_up)


def phrasings(key: str, **values: object) -> set[str]:
    """Every way the nl pack can say ``key`` with ``values``."""
    return {variant.format(**values) for variant in get_pack("nl").variants(key)}


def _pattern(template: str) -> str:
    parts = []
    for literal, field, _, _ in string.Formatter().parse(template):
        parts.append(re.escape(literal))
        if field is not None:
            parts.append(".+?")
    return "".join(parts)


def says(text: str, key: str, code: str = "nl") -> bool:
    """Whether ``text`` contains one of the phrasings of ``key`` (any values)."""
    return any(re.search(_pattern(v), text) for v in get_pack(code).variants(key))


class Driver:
    """Runs a session on a fake clock and keeps every effect it returned."""

    def __init__(
        self,
        m: Method,
        *,
        names: Sequence[str] | None = NAMES,
        case_owner: str | Sequence[str] | None = "Anna",
        settings: SessionSettings | None = None,
        people: Participants | None = None,
        **plan_kw: Any,
    ) -> None:
        if people is None:
            people = Participants.named(names, case_owner) if names else Participants()
        self.plan = build_plan(m, people, **plan_kw)
        self.clock = FakeClock(1000.0)  # not zero: log times must be relative
        settings = settings or SessionSettings(grace_s=0)
        if settings.variant_seed is None:
            settings = replace(settings, variant_seed=0)  # the same phrasings every run
        self.session = Session(self.plan, settings)
        self.effects: list[Effect] = list(self.session.start(self.clock.now()))

    @property
    def wake(self) -> float | None:
        wakes = [e.t for e in self.effects if isinstance(e, WakeAt)]
        return wakes[-1] if wakes else None

    def tick(self, at: float | None = None) -> list[Effect]:
        if at is not None:
            self.clock.set(at)
        out = self.session.handle(Tick(self.clock.now()))
        self.effects += out
        return out

    def after(self, seconds: float) -> list[Effect]:
        self.clock.jump(seconds)
        return self.tick()

    def say(self, kind: CommandKind, minutes: int | None = None) -> list[Effect]:
        out = self.session.handle(Heard(self.clock.now(), Command(kind, minutes)))
        self.effects += out
        return out

    def run_to_end(self, limit: int = 100_000) -> None:
        for _ in range(limit):
            if self.ended:
                return
            wake = self.wake
            assert wake is not None, "session waits for the chair"
            self.tick(max(wake, self.clock.now()))
        raise AssertionError("session did not end")

    @property
    def ended(self) -> bool:
        return any(isinstance(e, End) for e in self.effects)

    def logs(self, event: str | None = None) -> list[Log]:
        return [e for e in self.effects if isinstance(e, Log) and (event in (None, e.event))]

    def said(self) -> list[str]:
        return [e.text for e in self.effects if isinstance(e, Say)]
