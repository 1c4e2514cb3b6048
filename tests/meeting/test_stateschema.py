"""The saved state is checked as a whole: any JSON, and any mutation of a real
snapshot, either resumes or is refused cleanly; it never blocks a new meeting."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from enginetools import Driver, method, step
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from facilitator.cli.app import main
from facilitator.meeting.effects import Tick
from facilitator.meeting.engine import Session, SessionSettings
from facilitator.meeting.recovery import BrokenState, StateStore, state_path
from facilitator.meeting.stateschema import seats_fit, state_problem
from facilitator.method.definition import TurnRound

FUZZ = settings(
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=5) | st.dictionaries(st.text(max_size=10), inner, max_size=5)
    ),
    max_leaves=30,
)


def real_state() -> tuple[Driver, dict[str, Any]]:
    """A session in the middle of a turn round, and the state the runner would save."""
    driver = Driver(method(step("a", 5), step("b", 10, turns=TurnRound(per_turn_s=120))))
    driver.after(5 * 60 + 1)  # into step b, the first turn
    driver.after(30)
    data = {
        "request": {"method": "test", "participants": "Anna,Bram,Carla,Daan,Eva"},
        "snapshot": driver.session.snapshot(driver.clock.now()),
        "saved_at": "2026-01-01T20:00:00",
        "log_size": 0,
        "log_pending": [],
        "t": 331.0,
    }
    return driver, data


def resumes_or_is_refused(driver: Driver, data: Any) -> None:
    """The state is refused with a reason, or a session resumes from it and runs on."""
    problem = state_problem(data)
    if problem is not None:
        assert isinstance(problem, str) and problem
        return
    snapshot = data["snapshot"]
    if not seats_fit(snapshot, len(driver.plan.participants.names)):
        return  # the session's own check refuses it (the resume names the method)
    try:
        session = Session.restore(driver.plan, snapshot, SessionSettings(grace_s=0))
    except ValueError:
        return  # another plan: a clean refusal
    now = 5000.0
    session.start(now)
    for _ in range(200):  # the resumed session comes to an end in bounded time
        wake = session.next_wakeup()
        if session.ended is not None or wake is None:
            break
        assert math.isfinite(wake)
        now = max(now, wake)
        session.handle(Tick(now))
    else:
        raise AssertionError("the resumed session did not end")


def test_a_real_state_passes() -> None:
    driver, data = real_state()
    assert state_problem(data) is None
    resumes_or_is_refused(driver, data)


@FUZZ
@given(JSON)
def test_any_json_is_a_state_or_a_reason(data: Any) -> None:
    driver, _ = real_state()
    resumes_or_is_refused(driver, data)


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix] if prefix else []
    if isinstance(value, dict):
        for key, inner in value.items():
            found += _paths(inner, (*prefix, key))
    elif isinstance(value, list):
        for index, inner in enumerate(value):
            found += _paths(inner, (*prefix, index))
    return found


@FUZZ
@given(st.data())
def test_any_mutation_of_a_real_state_resumes_or_is_refused(data: st.DataObject) -> None:
    driver, state = real_state()
    path = data.draw(st.sampled_from(_paths(state)))
    target: Any = state
    for key in path[:-1]:
        target = target[key]
    if data.draw(st.booleans()) and isinstance(target, dict):
        del target[path[-1]]
    else:
        target[path[-1]] = data.draw(JSON)
    resumes_or_is_refused(driver, state)


# The cases the attack set found, through the command line.

EXAMPLES = [
    ("snapshot", "index", 999),
    ("snapshot", "elapsed_s", math.nan),
    ("request", "participants", 5),
    ("snapshot", "length_s", 1e300),
    ("snapshot", "warned", [math.inf]),
]


def saved_state(change: tuple[str, str, Any] | None = None) -> Path:
    _, data = real_state()
    data["request"] = {"method": "vijf-stappen", "participants": "Anna,Bram,Carla,Daan,Eva"}
    snap = data["snapshot"]
    snap["step_ids"] = ["vraagintroductie", "probleemverkenning", "probleemdefinitie"]
    snap["step_ids"] += ["advisering", "evaluatie"]
    if change is not None:
        part, key, value = change
        data[part][key] = value
    path = state_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data), encoding="utf-8")  # NaN as JSON writes it
    return path


@pytest.mark.parametrize("change", EXAMPLES, ids=lambda c: f"{c[1]}={c[2]!r}")
def test_a_tampered_state_is_refused_with_one_message(change: tuple[str, str, Any]) -> None:
    path = saved_state(change)
    result = CliRunner().invoke(main, ["run", "--resume", "--text", "--no-voice"])
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "onbruikbaar" in result.stderr and "Traceback" not in result.stderr
    assert path.exists()  # kept: resuming it was asked for, not discarding it


def test_a_turn_for_someone_who_is_not_there_is_refused() -> None:
    _, data = real_state()
    data["snapshot"]["turns"]["order"] = [1000]
    assert state_problem(data) is not None
    data["snapshot"]["turns"]["order"] = [99]  # within the schema, beyond five people
    assert state_problem(data) is None
    assert not seats_fit(data["snapshot"], 5)


@pytest.mark.parametrize("content", ["{half", "[" * 100_000, '{"a": ' + "9" * 5000 + "}", "\x00"])
def test_a_broken_state_never_blocks_a_new_meeting(content: str) -> None:
    path = state_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(content, encoding="utf-8")
    with pytest.raises(BrokenState):
        StateStore().load()
    quick = ["--speed", "3600", "--text", "--no-voice"]
    result = CliRunner().invoke(main, ["run", "alleen-maar-advies", "-n", "5", "-i", "2", *quick])
    assert result.exit_code == 0, result.output
    assert "onbruikbaar" in result.stderr
    assert path.with_name("session.json.broken").read_text(encoding="utf-8") == content
