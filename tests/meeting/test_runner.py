from __future__ import annotations

from typing import Any

import pytest
from enginetools import NAMES, method, step

from facilitator.meeting.clock import ScaledClock
from facilitator.meeting.commands import Command, CommandKind
from facilitator.meeting.engine import Session, SessionSettings, SessionView
from facilitator.meeting.plan import Participants, build_plan
from facilitator.meeting.runner import Runner
from facilitator.meeting.sessionlog import NullLog
from facilitator.speech.output import RecordingOutput


class ListDisplay:
    def __init__(self) -> None:
        self.lines: list[str] = []
        self.refreshes = 0

    def said(self, text: str, view: SessionView) -> None:
        self.lines.append(text)

    def refresh(self, view: SessionView) -> None:
        self.refreshes += 1

    def notice(self, text: str) -> None:
        self.lines.append(f"! {text}")


class Records(NullLog):
    def __init__(self) -> None:
        self.records: list[dict[str, Any]] = []

    def write(self, event: str, t: float, **fields: object) -> dict[str, object]:
        record = super().write(event, t, **fields)
        self.records.append(record)
        return record


def make_runner(speed: float = 2000.0, **kw: Any) -> tuple[Runner, RecordingOutput, Records]:
    plan = build_plan(method(step("a", 1), step("b", 2)), Participants.named(NAMES, "Anna"))
    output = RecordingOutput()
    log = Records()
    session = Session(plan, SessionSettings(grace_s=0))
    return Runner(session, ScaledClock(speed), output, log, ListDisplay(), **kw), output, log


def test_runs_to_the_end_and_shows_and_says_the_same() -> None:
    runner, output, log = make_runner()
    assert runner.run() == "completed"
    assert isinstance(runner.display, ListDisplay)
    assert runner.display.lines == output.said
    assert output.played[:1] == ["step"]
    assert log.records[-1]["event"] == "session_ended"


def test_a_spoken_command_gets_an_earcon_before_its_answer() -> None:
    runner, output, log = make_runner(speed=300)
    runner.submit(Command(CommandKind.TIME_LEFT, source="voice"))
    runner.submit(Command(CommandKind.NEXT_STEP, source="keyboard"))
    runner.run()
    kinds = [(c.kind, c.value) for c in output.calls]
    earcon = kinds.index(("play", "command"))
    assert kinds[earcon + 1][0] == "say" and "Nog" in str(kinds[earcon + 1][1])
    assert kinds.count(("play", "command")) == 1  # the keyboard needs no earcon
    commands = [r for r in log.records if r["event"] == "command"]
    assert [c["source"] for c in commands] == ["voice", "keyboard"]


def test_state_is_saved_after_changes() -> None:
    saved: list[float] = []
    runner, _, _ = make_runner(checkpoint=saved.append)
    runner.run()
    # after the start, and after step a gave way to b; not after the end
    assert len(saved) == 2
    assert saved[0] < 1 and saved[1] >= 60


def test_the_output_hears_each_moment_and_what_it_outdates() -> None:
    runner, output, log = make_runner()
    runner.run()
    outdates = [c.at for c in output.calls if c.kind == "outdate"]
    starts = [r["t"] for r in log.records if r["event"] == "step_started"]
    assert len(starts) == 2 and len(outdates) == 3  # each step's start, and the end
    assert outdates[1] - outdates[0] == pytest.approx(60.0, abs=0.5)  # the clock's own times
    assert outdates[2] - outdates[1] == pytest.approx(120.0, abs=0.5)
    step_b = [c for c in output.calls if c.kind == "say" and "Stap 2" in str(c.value)]
    assert step_b and step_b[0].at == outdates[1]
