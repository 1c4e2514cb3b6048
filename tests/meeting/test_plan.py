"""Plans, and fitting a plan to the time a group has."""

from __future__ import annotations

import pytest
from enginetools import NAMES, method, step
from hypothesis import given, settings
from hypothesis import strategies as st

from facilitator.errors import ConfigError
from facilitator.lang import get_pack
from facilitator.meeting.plan import FIT_RANGE, Participants, Plan, build_plan, fit_plan
from facilitator.method.definition import TurnRound

PEOPLE = Participants.named(NAMES, "Anna")


def five_steps() -> Plan:
    return build_plan(
        method(
            step("vraag", 5),
            step("verkennen", 15),
            step("benoemen", 15),
            step("advies", 15, turns=TurnRound(per_turn_s=90)),
            step("evaluatie", 10),
        ),
        PEOPLE,
    )


def said(seconds: float) -> str:
    return get_pack("nl").duration(seconds)


def test_a_shorter_slot_shortens_every_step_in_proportion() -> None:
    plan = five_steps()
    fitted = fit_plan(plan, 45 * 60, reserved_s=50)
    assert fitted.fitted_from_s == 3600
    assert abs(fitted.total_s + 50 - 45 * 60) <= 15
    for own, new in zip(plan.steps, fitted.steps, strict=True):
        grain = 30 if new.duration_s < 600 else 60
        assert new.duration_s % grain == 0
        assert abs(new.duration_s - own.duration_s * (45 * 60 - 50) / 3600) <= grain
        assert (new.id, new.title, new.part) == (own.id, own.title, own.part)
    # what is said aloud is exactly what the step gets
    assert said(fitted.steps[0].duration_s) == "drieënhalve minuut"
    assert fitted.steps[0].duration_s == 210


def test_fixed_turns_scale_along_and_are_said_as_they_last() -> None:
    fitted = fit_plan(five_steps(), 45 * 60, reserved_s=50)
    turns = fitted.steps[3].step.turns
    assert turns is not None and turns.per_turn_s == 60  # 90 s x 0.73, said "één minuut"
    longer = fit_plan(five_steps(), 90 * 60)
    turns = longer.steps[3].step.turns
    assert turns is not None and turns.per_turn_s == 120  # 90 s x 1.5


def test_a_longer_slot_lengthens_the_steps() -> None:
    fitted = fit_plan(five_steps(), 75 * 60)
    assert abs(fitted.total_s - 75 * 60) <= 15
    assert [s.duration_s for s in fitted.steps] == [360, 1140, 1140, 1140, 720]


def test_a_slot_that_asks_too_much_names_the_slots_that_work() -> None:
    with pytest.raises(ConfigError) as short:
        fit_plan(five_steps(), 20 * 60, reserved_s=50)
    message = str(short.value)
    assert "20 minuten" in message and "31" in message and "120" in message
    with pytest.raises(ConfigError):
        fit_plan(five_steps(), 3 * 3600)


@settings(max_examples=200, deadline=None)
@given(
    minutes=st.lists(st.integers(1, 60), min_size=1, max_size=15),
    factor=st.floats(FIT_RANGE[0] + 0.01, FIT_RANGE[1] - 0.01),
    reserved=st.sampled_from([0.0, 10.0, 30.0]),
)
def test_any_fit_lands_within_half_a_minute_and_keeps_every_step(
    minutes: list[int], factor: float, reserved: float
) -> None:
    plan = build_plan(method(*(step(f"s{i}", m) for i, m in enumerate(minutes))), PEOPLE)
    slot = plan.total_s * factor + reserved * len(minutes)
    fitted = fit_plan(plan, slot, reserved_s=reserved * len(minutes))
    total = fitted.total_s + reserved * len(minutes)
    # rounding each step to what is said aloud can cost at most half a minute over all,
    # unless every step is at its floor of half a minute
    assert abs(total - slot) <= 30 or all(s.duration_s == 30 for s in fitted.steps)
    assert all(s.duration_s >= 30 for s in fitted.steps)
    assert len(fitted.steps) == len(plan.steps)
