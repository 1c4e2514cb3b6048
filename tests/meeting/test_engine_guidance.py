"""The engine's spoken guidance: varied phrasings, turns that are not talked over,
reminders of a step's rules, an invitation to the quiet members, and the explanation."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import replace

from enginetools import Driver, method, phrasings, says, step

from facilitator.lang import get_pack
from facilitator.meeting.commands import CommandKind as K
from facilitator.meeting.effects import Say, Tick
from facilitator.meeting.engine import Session, SessionSettings
from facilitator.meeting.plan import Participants, build_plan
from facilitator.method.definition import Reminder, TurnRound


def warnings_inside_turns(d: Driver) -> list[float]:
    """Times of warnings logged while someone had the floor."""
    inside, speaking = [], False
    for e in d.logs():
        if e.event == "turn_started":
            speaking = True
        elif e.event == "turn_ended":
            speaking = False
        elif e.event == "warning" and speaking:
            inside.append(e.t)
    return inside


def test_a_warning_inside_a_turn_waits_for_the_turn_change() -> None:
    # Four turns of 2.5 min in a 10-minute step: the 3-minute warning (at 7:00)
    # falls in the third turn (5:00-7:30) and is said at 7:30, with the next name.
    d = Driver(method(step("advies", 10, turns=TurnRound(), warnings=[180])))
    d.run_to_end()
    assert warnings_inside_turns(d) == []
    assert [w.t for w in d.logs("warning")] == [450.0]
    cue = str(d.logs("turn_started")[-1].fields["text"])
    assert says(cue, "session.turn_thanks") and says(cue, "session.turn_warning")
    assert "tweeënhalve minuut" in cue and "Eva" in cue
    # Nothing else was said during the third turn.
    third = d.logs("turn_started")[2].t, d.logs("turn_ended")[2].t
    assert not [e for e in d.logs("said") if third[0] < e.t < third[1]]


def test_a_warning_in_a_turn_cut_by_time_up_is_dropped() -> None:
    d = Driver(method(step("advies", 4, turns=TurnRound(per_turn_s=120), warnings=[30])))
    d.run_to_end()
    assert warnings_inside_turns(d) == []
    assert d.logs("time_up")[0].t == 240.0


def test_the_next_speaker_is_thanked_and_a_pass_is_acknowledged() -> None:
    d = Driver(method(step("advies", 8, turns=TurnRound())))
    d.say(K.NEXT_SPEAKER)
    d.say(K.PASS)
    cues = [str(e.fields["text"]) for e in d.logs("turn_started")]
    assert says(cues[1], "session.turn_thanks") and "Carla" in cues[1]
    assert any(cues[2].startswith(ok + " ") for ok in phrasings("session.turn_after_pass"))
    assert not says(cues[2], "session.turn_thanks")


def test_phrasings_vary_over_a_long_meeting_and_the_seed_fixes_them() -> None:
    m = method(*(step(f"r{i}", 10, turns=TurnRound()) for i in range(6)))
    a, b = Driver(m), Driver(m)
    a.run_to_end()
    b.run_to_end()
    assert a.said() == b.said()
    counts = Counter(a.said())
    assert max(counts.values()) <= 6, counts.most_common(3)
    other = Driver(m, settings=SessionSettings(grace_s=0, variant_seed=99))
    other.run_to_end()
    assert other.said() != a.said()


def test_a_step_announcement_is_a_short_title_sentence_then_the_instruction() -> None:
    d = Driver(method(replace(step("vragen", 15), title="Wat speelt er?")))
    header = str(d.logs("step_started")[0].fields["text"])
    assert header in phrasings(
        "session.step_start", number=1, count=1, title="Wat speelt er", duration="vijftien minuten"
    )
    assert d.logs("said")[0].fields["text"] == "Instructie voor vragen."
    assert d.said()[-2:] == [header, "Instructie voor vragen."]


def test_time_phrases_do_not_embed_the_title() -> None:
    d = Driver(method(replace(step("vragen", 5, warnings=[60]), title="Wat speelt er?")))
    d.say(K.TIME_LEFT)
    d.run_to_end()
    spoken = d.said()[1:]  # after the welcome and the step's own announcement
    assert not [s for s in spoken[2:] if "Wat speelt er" in s]


def test_reminders_are_said_at_their_moment() -> None:
    reminder = Reminder(300, "Denk eraan: alleen vragen, nog geen adviezen.")
    d = Driver(method(replace(step("vragen", 15), reminders=(reminder,)), step("b", 1)))
    d.tick(1000 + 299)
    assert reminder.text not in d.said()
    d.tick(1000 + 300)
    said = d.logs("said")[-1]
    assert (said.t, said.fields["text"]) == (300.0, reminder.text)
    d.run_to_end()
    assert d.said().count(reminder.text) == 1


def test_a_reminder_keeps_its_moment_in_step_time_across_a_pause() -> None:
    reminder = Reminder(120, "Nog geen adviezen.")
    d = Driver(method(replace(step("vragen", 10), reminders=(reminder,))))
    d.tick(1060)
    d.say(K.PAUSE)
    d.tick(1100)
    d.say(K.RESUME)
    d.tick(1000 + 159)
    assert reminder.text not in d.said()
    d.tick(1000 + 160)
    assert d.said()[-1] == reminder.text


def test_a_reminder_inside_a_turn_is_said_at_the_turn_change() -> None:
    reminder = Reminder(150, "Houd het bij één advies.")
    m = method(replace(step("advies", 8, turns=TurnRound()), reminders=(reminder,)))
    d = Driver(m)
    d.run_to_end()
    said = [e for e in d.logs("said") if e.fields["text"] == reminder.text]
    assert [e.t for e in said] == [240.0]  # the turn change after 2:30 is at 4:00


def test_the_invitation_comes_halfway_an_open_step_only() -> None:
    own = "Wie heeft nog niets gevraagd?"
    d = Driver(
        method(
            replace(step("vragen", 10), invitation=own),
            replace(step("open", 4), invitation=""),
            replace(step("ronde", 4, turns=TurnRound()), invitation=""),
        )
    )
    d.run_to_end()
    said = [(e.t, str(e.fields["text"])) for e in d.logs("said")]
    assert (300.0, own) in said
    pack_words = [t for t, text in said if text in phrasings("session.invite")]
    assert pack_words == [600.0 + 120.0]


def test_explain_reads_the_explanation_or_says_there_is_none() -> None:
    d = Driver(
        method(replace(step("a", 5), explanation="De rest van de uitleg."), step("b", 5))
    )
    d.say(K.EXPLAIN)
    assert d.said()[-1] == "De rest van de uitleg."
    d.say(K.NEXT_STEP)
    d.say(K.EXPLAIN)
    assert d.said()[-1] == get_pack("nl").text("session.no_explanation")


def test_reminders_survive_a_snapshot() -> None:
    reminder = Reminder(60, "Alleen vragen.")
    m = method(replace(step("vragen", 5), reminders=(reminder,)))
    d = Driver(m)
    d.tick(1000 + 90)
    snap = d.session.snapshot(d.clock.now())
    assert snap["reminded"] == [0]
    again = Session.restore(d.plan, snap, d.session.settings)
    again.start(5000)
    effects = again.handle(Tick(5000 + 200))
    assert reminder.text not in [e.text for e in effects if isinstance(e, Say)]


def test_a_warning_waiting_for_the_turn_change_survives_a_snapshot() -> None:
    m = method(step("advies", 10, turns=TurnRound(), warnings=[180]))
    d = Driver(m)
    d.tick(1000 + 430)  # the warning (7:00) fell in the third turn, which ends at 7:30
    snap = json.loads(json.dumps(d.session.snapshot(d.clock.now())))
    assert snap["deferred_warning"] == 180.0
    again = Session.restore(d.plan, snap, d.session.settings)
    again.start(5000)
    out = again.handle(Tick(5000 + 20))
    cue = next(e.text for e in out if isinstance(e, Say))
    assert says(cue, "session.turn_warning")


def test_an_english_pack_speaks_the_frame_in_english() -> None:
    plan = build_plan(method(step("a", 5)), Participants.named(["Ann", "Bob", "Cy"], "Ann"))
    session = Session(plan, SessionSettings(variant_seed=0), get_pack("en"))
    said = [e.text for e in session.start(0.0) if isinstance(e, Say)]
    assert says(said[0], "session.welcome", "en")
    assert said[0].startswith(("Welcome", "Good", "Glad"))

