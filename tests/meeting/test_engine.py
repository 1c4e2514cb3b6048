from __future__ import annotations

import json
from dataclasses import replace

import pytest
from enginetools import NAMES, Driver, method, phrasings, says, step

from facilitator.meeting.clock import FakeClock
from facilitator.meeting.commands import CommandKind as K
from facilitator.meeting.effects import Outdated, Play, Say, Supersede, Tick, WakeAt
from facilitator.meeting.engine import Session, SessionSettings
from facilitator.meeting.plan import Participants
from facilitator.method.definition import RepeatBlock, TurnRound


def starts(d: Driver) -> list[tuple[str, float]]:
    return [(str(e.fields["step"]), e.t) for e in d.logs("step_started")]


def turns(d: Driver, step_id: str | None = None) -> list[str]:
    return [
        str(e.fields["participant"])
        for e in d.logs("turn_started")
        if step_id is None or e.fields["step"] == step_id
    ]


def test_runs_every_step_in_order_at_planned_times() -> None:
    d = Driver(method(step("a", 5), step("b", 15), step("c", 10)))
    d.run_to_end()
    assert starts(d) == [("a", 0.0), ("b", 300.0), ("c", 1200.0)]
    end = d.logs("session_ended")[-1]
    assert end.t == 1800.0
    assert end.fields["reason"] == "completed"
    assert [e.fields["step"] for e in d.logs("time_up")] == ["a", "b", "c"]


def test_grace_period_delays_the_next_step() -> None:
    d = Driver(method(step("a", 5), step("b", 5)), settings=SessionSettings(grace_s=20))
    d.run_to_end()
    assert starts(d) == [("a", 0.0), ("b", 320.0)]
    assert d.logs("step_ended")[0].fields["actual_s"] == 320.0


def test_wait_mode_holds_until_the_chair_moves_on() -> None:
    d = Driver(method(step("a", 1, on_time_up="wait"), step("b", 1)))
    d.tick(1060)
    assert d.logs("time_up") and d.wake is None
    d.after(3600)
    assert len(starts(d)) == 1
    assert d.said()[-1] in phrasings("session.time_up_wait")
    d.say(K.NEXT_STEP)
    assert starts(d)[-1] == ("b", 3660.0)


def test_command_line_choice_overrides_the_method() -> None:
    m = method(step("a", 1), step("b", 1), on_time_up="advance")
    d = Driver(m, settings=SessionSettings(grace_s=0, force_on_time_up="wait"))
    d.tick(1100)
    assert len(starts(d)) == 1


def test_turn_round_gives_everyone_but_the_case_owner_a_turn_sharing_the_time() -> None:
    d = Driver(method(step("advies", 8, turns=TurnRound())))
    d.run_to_end()
    assert turns(d) == ["Bram", "Carla", "Daan", "Eva"]
    assert [e.t for e in d.logs("turn_started")] == [0.0, 120.0, 240.0, 360.0]
    assert [e.fields["turn_s"] for e in d.logs("turn_started")] == [120.0] * 4
    cues = [str(e.fields["text"]) for e in d.logs("turn_started")]
    assert cues[0] in {
        f"{each} {first}"
        for each in phrasings("session.turn_each", duration="twee minuten")
        for first in phrasings("session.turn_first", name="Bram")
    }
    # The next speaker is named after a word of thanks to the last one.
    assert cues[1] in {
        f"{thanks} {cue}"
        for thanks in phrasings("session.turn_thanks")
        for cue in phrasings("session.turn_next", name="Carla")
    }
    assert len(set(cues[1:])) == 3  # three turn changes, three different phrasings


def test_start_rotates_between_turn_rounds() -> None:
    d = Driver(method(step("r1", 4, turns=TurnRound()), step("r2", 4, turns=TurnRound())))
    d.run_to_end()
    assert turns(d, "r1") == ["Bram", "Carla", "Daan", "Eva"]
    assert turns(d, "r2") == ["Carla", "Daan", "Eva", "Bram"]


def test_case_owner_too_includes_everyone() -> None:
    d = Driver(method(step("inventaris", 5, turns=TurnRound(per_turn_s=60, case_owner_too=True))))
    d.run_to_end()
    assert turns(d) == list(NAMES)


def test_fixed_turns_leave_open_time_and_say_so() -> None:
    d = Driver(method(step("advies", 10, turns=TurnRound(per_turn_s=60))))
    d.run_to_end()
    assert [e.t for e in d.logs("turn_started")] == [0.0, 60.0, 120.0, 180.0]
    said = [e for e in d.logs("said") if says(str(e.fields["text"]), "session.round_done")]
    assert [e.t for e in said] == [240.0]
    assert d.logs("time_up")[0].t == 600.0


def test_next_speaker_moves_on_early_and_shares_the_rest() -> None:
    d = Driver(method(step("advies", 8, turns=TurnRound())))
    d.tick(1030)
    out = d.say(K.NEXT_SPEAKER)
    assert any(isinstance(e, Supersede) for e in out)
    started = d.logs("turn_started")
    assert started[-1].fields["participant"] == "Carla"
    assert started[-1].fields["turn_s"] == pytest.approx(450 / 3)
    assert d.logs("turn_ended")[0].fields["reason"] == "next"


def test_go_round_again_until_everyone_passes() -> None:
    d = Driver(method(step("reflecteren", 10, turns=TurnRound(per_turn_s=30, again=True))))
    # first round by time, second round everyone passes
    d.tick(1000 + 4 * 30)
    assert turns(d) == ["Bram", "Carla", "Daan", "Eva", "Bram"]
    for _ in range(4):
        d.say(K.PASS)
    assert any(says(s, "session.everyone_passed") for s in d.said())
    assert d.logs("turn_started")[-1].fields["round"] == 2
    d.run_to_end()
    assert len(turns(d)) == 8


def test_turns_stop_at_the_end_of_the_step() -> None:
    d = Driver(method(step("reflecteren", 2, turns=TurnRound(per_turn_s=50, again=True))))
    d.run_to_end()
    # 120 s: 50 + 50 + 20 s, and the last turn is cut by the step's end
    assert [e.t for e in d.logs("turn_started")] == [0.0, 50.0, 100.0]
    assert d.logs("turn_ended")[-1].fields["reason"] == "time"


def test_soft_cue_before_a_long_turn_ends() -> None:
    d = Driver(method(step("advies", 8, turns=TurnRound())))
    out = d.tick(1000 + 105)
    assert Play("turn_ending", 0, at=1105.0) in out
    short = Driver(method(step("advies", 2, turns=TurnRound())))
    short.run_to_end()
    assert not [e for e in short.effects if isinstance(e, Play) and e.sound == "turn_ending"]


def test_anonymous_group_gets_cues_without_names() -> None:
    # No seat is silently the inbrenger: until the chair says which one, all take turns.
    d = Driver(method(step("advies", 4, turns=TurnRound())), people=Participants.anonymous(5))
    d.run_to_end()
    assert turns(d) == ["deelnemer 1", "deelnemer 2", "deelnemer 3", "deelnemer 4", "deelnemer 5"]
    assert any(says(s, "session.turn_next_anonymous") for s in d.said())


def test_without_participants_a_turn_step_is_a_plain_step() -> None:
    d = Driver(method(step("advies", 4, turns=TurnRound())), names=None, case_owner=None)
    d.run_to_end()
    assert turns(d) == []
    assert d.logs("session_ended")[0].t == 240.0


def test_default_warning_one_minute_before_long_steps_only() -> None:
    d = Driver(method(step("kort", 2), step("lang", 15)))
    d.run_to_end()
    warnings = d.logs("warning")
    assert [(w.fields["step"], w.t) for w in warnings] == [("lang", 120 + 840.0)]
    assert warnings[0].fields["text"] in phrasings("session.warning", remaining="één minuut")


def test_step_warnings_override_the_default() -> None:
    d = Driver(method(step("a", 10, warnings=[120, 30])))
    d.run_to_end()
    assert [w.t for w in d.logs("warning")] == [480.0, 570.0]


def test_pause_freezes_deadlines_and_resume_shifts_them() -> None:
    d = Driver(method(step("a", 5), step("b", 5)))
    d.tick(1120)
    d.say(K.PAUSE)
    d.tick(1120 + 3600)
    assert len(starts(d)) == 1 and d.wake is None
    d.say(K.RESUME)
    assert "nog drie minuten" in d.said()[-1].lower()
    d.run_to_end()
    assert starts(d)[1] == ("b", 300.0 + 3600)
    ended = d.logs("step_ended")[0]
    assert ended.fields["actual_s"] == 300.0


def test_pause_key_toggles() -> None:
    d = Driver(method(step("a", 5)))
    d.say(K.PAUSE)
    d.after(10)
    d.say(K.PAUSE)
    assert [e.event for e in d.logs() if e.event in ("paused", "resumed")] == ["paused", "resumed"]


def test_extend_adds_minutes_and_rearms_the_warning() -> None:
    d = Driver(method(step("a", 5), step("b", 5)))
    d.tick(1000 + 250)
    assert len(d.logs("warning")) == 1
    d.say(K.EXTEND, 2)
    assert d.logs("extended")[0].fields["minutes"] == 2
    d.run_to_end()
    assert starts(d)[1] == ("b", 420.0)
    assert [w.t for w in d.logs("warning")] == [240.0, 360.0, 660.0]
    assert d.logs("step_ended")[0].fields["planned_s"] == 420.0


def test_extend_in_overtime_counts_from_now() -> None:
    d = Driver(method(step("a", 1, on_time_up="wait"), step("b", 1)))
    d.tick(1000 + 90)
    d.say(K.EXTEND, 1)
    assert d.wake == 1000 + 150
    d.tick(1000 + 150)
    assert [e.t for e in d.logs("time_up")] == [60.0, 150.0]


def test_next_and_previous_step() -> None:
    d = Driver(method(step("a", 5), step("b", 5), step("c", 5)))
    d.tick(1010)
    d.say(K.NEXT_STEP)
    d.after(20)
    d.say(K.PREVIOUS_STEP)
    assert starts(d) == [("a", 0.0), ("b", 10.0), ("a", 30.0)]
    assert [e.fields["reason"] for e in d.logs("step_ended")] == ["next", "previous"]
    d.say(K.NEXT_STEP)
    d.say(K.NEXT_STEP)
    d.say(K.NEXT_STEP)
    assert d.logs("session_ended")[0].fields["reason"] == "completed"


def test_previous_on_first_step_restarts_it() -> None:
    d = Driver(method(step("a", 5), step("b", 5)))
    d.after(100)
    d.say(K.PREVIOUS_STEP)
    assert starts(d) == [("a", 0.0), ("a", 100.0)]


def test_stop_needs_confirmation_which_expires() -> None:
    d = Driver(method(step("a", 30)))
    d.say(K.STOP)
    assert "ja, stoppen" in d.said()[-1]
    d.after(60)
    d.say(K.CONFIRM_STOP)
    assert not d.ended
    d.say(K.STOP)
    d.say(K.CANCEL)
    d.say(K.CONFIRM_STOP)
    assert not d.ended
    d.say(K.STOP)
    d.after(5)
    d.say(K.CONFIRM_STOP)
    assert d.ended
    assert d.logs("session_ended")[0].fields["reason"] == "stopped"
    assert d.logs("step_ended")[0].fields["reason"] == "stop"


def test_time_left_for_step_and_total() -> None:
    d = Driver(method(step("a", 5), step("b", 15)))
    d.after(210)
    d.say(K.TIME_LEFT)
    assert d.said()[-1] in {
        f"{left} In totaal nog zeventien minuten."
        for left in phrasings("session.time_left", remaining="anderhalve minuut")
    }


def test_example_questions_cycle_and_repeat_instruction() -> None:
    d = Driver(method(step("vragen", 5, questions=["Vraag één?", "Vraag twee?"]), step("b", 1)))
    for _ in range(3):
        d.say(K.EXAMPLE_QUESTION)
    d.say(K.REPEAT)
    assert d.said()[-4:] == ["Vraag één?", "Vraag twee?", "Vraag één?", "Instructie voor vragen."]
    d.say(K.NEXT_STEP)
    d.say(K.EXAMPLE_QUESTION)
    assert "geen voorbeeldvragen" in d.said()[-1]


def test_every_command_is_logged_with_its_source() -> None:
    d = Driver(method(step("a", 5)))
    d.say(K.TIME_LEFT)
    cmd = d.logs("command")[0]
    assert cmd.fields == {"step": "a", "command": "time_left", "source": "keyboard"}


def test_repeat_block_is_unrolled_with_unique_ids() -> None:
    m = method(
        step("inventaris", 5), step("presentatie", 5), step("advies", 3), step("evaluatie", 1)
    )
    m = replace(m, repeat=RepeatBlock("presentatie", "evaluatie", times=2))
    d = Driver(m, case_owner=["Anna", "Bram"])  # one inbrenger per topic
    d.run_to_end()
    assert [s for s, _ in starts(d)] == [
        "inventaris",
        "presentatie",
        "advies",
        "evaluatie",
        "presentatie-2",
        "advies-2",
        "evaluatie-2",
    ]


def test_late_ticks_give_the_same_timeline_as_exact_ones() -> None:
    """A two-hour meeting, woken late and irregularly, keeps its schedule exactly."""

    def meeting() -> Driver:
        m = method(
            *(step(f"s{i}", 10, turns=TurnRound() if i % 3 == 0 else None) for i in range(12))
        )
        return Driver(m, settings=SessionSettings(grace_s=7))

    exact = meeting()
    exact.run_to_end()
    late = meeting()
    t = late.clock.now()
    delays = [0.37, 1.9, 0.05, 3.3, 0.8]
    i = 0
    while not late.ended:
        wake = late.wake
        assert wake is not None
        t = max(wake, t) + delays[i % len(delays)]
        i += 1
        late.tick(t)
    strip = [(e.event, e.t, dict(e.fields)) for e in exact.logs()]
    assert [(e.event, e.t, dict(e.fields)) for e in late.logs()] == strip
    assert exact.logs("session_ended")[0].t == 12 * (600 + 7)


def test_superseded_announcements_carry_a_new_generation() -> None:
    d = Driver(method(step("a", 5), step("b", 5)))
    out = d.say(K.NEXT_STEP)
    assert Supersede(1) in out
    assert [e.generation for e in out if isinstance(e, Say)] == [1, 1]  # title, instruction


def test_interrupt_ends_cleanly() -> None:
    d = Driver(method(step("a", 5)))
    d.after(42)
    d.effects += d.session.interrupt(d.clock.now())
    assert d.logs("step_ended")[0].fields["actual_s"] == 42.0
    assert d.logs("session_ended")[0].fields["reason"] == "interrupted"
    assert d.session.ended == "interrupted"
    assert d.session.handle(Tick(d.clock.now())) == []


def test_view_shows_the_current_state() -> None:
    d = Driver(method(step("a", 5), step("advies", 8, turns=TurnRound())))
    d.say(K.NEXT_STEP)
    d.after(30)
    v = d.session.view(d.clock.now())
    assert (v.step_number, v.step_count, v.title, v.next_title) == (2, 2, "Advies", None)
    assert v.speaker == "Bram" and v.turn_remaining_s == 90.0 and v.remaining_s == 450.0


def test_titles_with_their_own_punctuation_read_as_one_sentence() -> None:
    d = Driver(method(replace(step("eval", 5), title="Wat heb je eraan?")))
    header = d.logs("step_started")[0].fields["text"]
    assert header in phrasings(
        "session.step_start", number=1, count=1, title="Wat heb je eraan", duration="vijf minuten"
    )


def resumed_driver(d: Driver, at: float) -> Driver:
    """A new session, on a new clock, continuing from a snapshot of ``d``."""
    snap = json.loads(json.dumps(d.session.snapshot(d.clock.now())))  # as stored on disk
    again = Driver.__new__(Driver)
    again.plan = d.plan
    again.clock = FakeClock(at)
    again.session = Session.restore(d.plan, snap, d.session.settings)
    again.effects = list(again.session.start(at))
    return again


def test_snapshot_and_restore_continue_the_same_timeline() -> None:
    m = method(step("a", 5), step("advies", 8, turns=TurnRound()), step("c", 5))
    whole = Driver(m)
    whole.run_to_end()

    first = Driver(m)
    first.tick(1000 + 300 + 150)  # in Carla's turn
    second = resumed_driver(first, at=50_000)
    assert "Carla was aan de beurt." in second.said()[0]
    second.run_to_end()

    def timeline(d: Driver) -> list[tuple[str, float, object]]:
        return [
            (e.event, e.t, e.fields.get("participant"))
            for e in d.logs()
            if e.event in ("step_started", "turn_started", "time_up", "session_ended")
            and not e.fields.get("resumed")
        ]

    combined = timeline(first) + timeline(second)
    assert combined == timeline(whole)
    header = second.logs("session_started")[0]
    assert header.fields["resumed"] is True and header.t == 450.0


def test_restore_keeps_a_pause_and_extensions() -> None:
    m = method(step("a", 5), step("b", 5))
    first = Driver(m)
    first.after(100)
    first.say(K.EXTEND, 2)
    first.say(K.PAUSE)
    second = resumed_driver(first, at=7)
    assert second.session.view(7).paused
    assert second.wake is None
    second.say(K.RESUME)
    second.run_to_end()
    assert [e.t for e in second.logs("step_started") if not e.fields.get("resumed")] == [420.0]


def test_restore_refuses_a_snapshot_of_another_plan() -> None:
    first = Driver(method(step("a", 5)))
    snap = first.session.snapshot(first.clock.now())
    other = Driver(method(step("b", 5)))
    with pytest.raises(ValueError):
        Session.restore(other.plan, snap)


def test_every_sentence_at_a_planned_moment_starts_with_a_chime() -> None:
    """The chime is ready at once; the sentence after it is synthesized meanwhile."""
    m = method(
        step("a", 4, turns=TurnRound(per_turn_s=30, again=True)),
        step("b", 4, turns=TurnRound(per_turn_s=30)),
    )
    d = Driver(m)
    d.run_to_end()
    batches: list[list[object]] = [[]]
    for effect in d.effects:
        if isinstance(effect, WakeAt):
            batches.append([])
        elif isinstance(effect, (Say, Play)):
            batches[-1].append(effect)
    for batch in batches[1:]:  # the first batch opens with the welcome
        if batch:
            assert isinstance(batch[0], Play), batch
    assert any(says(s, "session.round_again") for s in d.said())
    assert any(says(s, "session.round_done") for s in d.said())


def test_each_sound_carries_the_moment_it_belongs_to_even_from_a_late_tick() -> None:
    d = Driver(method(step("a", 5, warnings=[60]), step("b", 2)))
    assert {e.at for e in d.effects if isinstance(e, (Say, Play))} == {1000.0}
    out = d.tick(1000 + 400)  # woken 160 s late: the warning and step b's start
    stamped = [(type(e).__name__, e.at) for e in out if isinstance(e, (Say, Play))]
    assert stamped[:2] == [("Play", 1240.0), ("Say", 1240.0)]  # the warning at 4:00
    assert {at for _, at in stamped[2:]} == {1300.0}  # time up, then step b at 5:00


def test_a_new_step_or_turn_outdates_what_was_due_before_it() -> None:
    d = Driver(method(step("a", 1), step("b", 4, turns=TurnRound(per_turn_s=30))))
    assert [e.before for e in d.effects if isinstance(e, Outdated)] == [1000.0]
    out = d.tick(1060)
    # step b and its first turn begin together; what they say is not outdated by them
    assert [e.before for e in out if isinstance(e, Outdated)] == [1060.0, 1060.0]
    first = next(i for i, e in enumerate(out) if isinstance(e, Outdated))
    assert not [e for e in out[first:] if isinstance(e, (Say, Play)) and e.at < 1060.0]
    assert [e.before for e in d.tick(1090) if isinstance(e, Outdated)] == [1090.0]
    paused = d.say(K.PAUSE)
    assert not [e for e in paused if isinstance(e, Outdated)]  # only a new step or turn


def test_the_welcome_names_the_meeting_as_planned_without_its_grace_periods() -> None:
    steps = [step(f"s{i}", 7) for i in range(6)] + [step("slot", 3, on_time_up="wait")]
    d = Driver(method(*steps), settings=SessionSettings(grace_s=30))
    # 45 minutes of steps; the half minute of grace after six of them is no part of the plan
    assert "vijfenveertig minuten" in d.said()[0]


def test_a_warning_at_a_turn_change_is_folded_into_the_cue() -> None:
    """Five one-minute turns fill a five-minute step: the fifth turn is given at the
    moment of the one-minute warning, and its cue says the time left."""
    d = Driver(method(step("terugblik", 5, turns=TurnRound(per_turn_s=60))), case_owner=None)
    d.run_to_end()
    assert [e.t for e in d.logs("turn_started")] == [0.0, 60.0, 120.0, 180.0, 240.0]
    assert [e.t for e in d.logs("warning")] == [240.0]
    events = [e.event for e in d.logs() if e.event in ("warning", "turn_started", "turn_ended")]
    assert events[-4:] == ["turn_ended", "warning", "turn_started", "turn_ended"]
    last_cue = str(d.logs("turn_started")[-1].fields["text"])
    assert says(last_cue, "session.turn_warning") and "één minuut" in last_cue
    longer = Driver(method(step("terugblik", 7, turns=TurnRound(per_turn_s=60))), case_owner=None)
    longer.run_to_end()
    assert [e.t for e in longer.logs("warning")] == [360.0]  # no turn then: warned as usual


def test_the_end_outdates_what_was_due_before_the_closing_words() -> None:
    d = Driver(method(step("a", 1), step("b", 1)), settings=SessionSettings(grace_s=5))
    d.run_to_end()
    last = [e for e in d.effects if isinstance(e, Outdated)][-1]
    closing = [e for e in d.effects if isinstance(e, Say)][-1]
    assert closing.text in phrasings("session.completed")
    assert last.before == closing.at == 1000 + 120 + 10  # two steps, two grace periods
