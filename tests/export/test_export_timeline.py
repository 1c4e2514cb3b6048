"""The rehearsal page's script: the engine's own cues, step by step."""

from __future__ import annotations

from facilitator.export.timeline import Script, rehearsal_script
from facilitator.lang import get_pack
from facilitator.meeting.engine import SessionSettings
from facilitator.meeting.plan import Participants, Plan, build_plan
from facilitator.method import library


def script_for(
    method: str, people: Participants, settings: SessionSettings | None = None
) -> tuple[Plan, Script]:
    plan = build_plan(library.resolve(method), people)
    return plan, rehearsal_script(plan, settings or SessionSettings(grace_s=10), get_pack("nl"))


def test_steps_follow_each_other_after_the_grace_period() -> None:
    plan, script = script_for("vijf-stappen", Participants())
    starts = [step.starts_s for step in script.steps]
    ends = [step.ends_s for step in script.steps]
    assert ends == [p.duration_s + 10 for p in plan.steps]
    assert starts == [sum(ends[:i]) for i in range(len(ends))]
    assert script.total_s == sum(ends)


def test_each_step_opens_with_its_chime_and_announcement() -> None:
    _, script = script_for("vijf-stappen", Participants())
    first = script.steps[0].cues
    nl = get_pack("nl")
    assert first[0].say is not None and "Vijf stappen" in first[0].say  # the welcome
    assert (first[1].at, first[1].sound) == (0.0, "step")
    assert first[2].say is not None and first[2].say.startswith(
        tuple(v.split("{")[0] + "1: De vraag" for v in nl.variants("session.step_start"))
    )
    for number, step in enumerate(script.steps[1:], 2):
        assert step.cues[0].sound == "step" and step.cues[0].at == 0.0
        assert step.cues[1].say is not None
        assert f"{number}: {step.title}" in step.cues[1].say
    completed = nl.variants("session.completed")
    assert len(script.closing) == 1 and script.closing[0].say in completed


def test_turns_are_cued_by_name_at_their_moments() -> None:
    people = Participants.named(["Anna", "Bram", "Carla"], "Anna")
    _, script = script_for("vijf-stappen", people)
    advice = next(step for step in script.steps if step.id == "advisering")
    said = [(cue.at, cue.say) for cue in advice.cues if cue.say]
    first = next(text for at, text in said if at == 0.0 and "Bram" in text)
    assert "anderhalve minuut" in first  # each turn's time, and Bram starts
    assert any(at == 90.0 and "Carla" in text for at, text in said)
    assert any(cue.sound == "turn_ending" and cue.at == 75.0 for cue in advice.cues)


def test_a_room_that_waits_at_time_up_still_gives_a_page_that_moves_on() -> None:
    _, script = script_for("vijf-stappen", Participants(), SessionSettings(on_time_up="wait"))
    assert len(script.steps) == 5
    last_words = [cue.say for cue in script.steps[0].cues if cue.say][-1]
    assert last_words in get_pack("nl").variants("session.time_up")  # not: wait for the chair
