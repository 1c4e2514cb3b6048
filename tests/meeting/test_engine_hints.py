"""What the engine tells the chair beyond the step: who speaks after the speaker, and
how to give a command (by voice, or with a key when commands cannot be said)."""

from __future__ import annotations

from enginetools import Driver, method, step

from facilitator.meeting.commands import CommandKind as K
from facilitator.meeting.engine import SessionSettings
from facilitator.method.definition import TurnRound


def test_the_view_shows_who_speaks_after_the_speaker() -> None:
    d = Driver(method(step("advies", 4, turns=TurnRound())))
    view = d.session.view(d.clock.now())
    speakers = [view.speaker]
    while view.next_speaker is not None:
        announced = view.next_speaker
        d.say(K.NEXT_SPEAKER)
        view = d.session.view(d.clock.now())
        assert view.speaker == announced
        speakers.append(view.speaker)
    assert sorted(str(name) for name in speakers) == ["Bram", "Carla", "Daan", "Eva"]


def test_no_next_speaker_outside_a_turn_round() -> None:
    d = Driver(method(step("vragen", 4)))
    assert d.session.view(d.clock.now()).next_speaker is None


def test_with_spoken_commands_the_chair_is_told_what_to_say() -> None:
    d = Driver(method(step("a", 5)))
    d.say(K.PAUSE)
    d.say(K.STOP)
    assert "Zeg verder" in d.said()[-2] and "ja, stoppen" in d.said()[-1]


def test_without_spoken_commands_the_chair_is_told_which_key() -> None:
    d = Driver(method(step("a", 5)), settings=SessionSettings(grace_s=0, spoken_commands=False))
    d.say(K.PAUSE)
    d.say(K.STOP)
    paused, confirm = d.said()[-2:]
    assert "spatiebalk" in paused and "Zeg" not in paused
    assert "Druk dan op j" in confirm and "ja, stoppen" not in confirm
