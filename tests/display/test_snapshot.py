"""What the room display shows, from the engine's view."""

from __future__ import annotations

from enginetools import Driver, method, step

from facilitator.display.snapshot import snapshot
from facilitator.lang import set_language
from facilitator.meeting.commands import CommandKind
from facilitator.method.definition import TurnRound


def test_step_countdown_and_what_comes_next() -> None:
    driver = Driver(method(step("vraag", 5), step("ronde", 10)))
    driver.after(61)
    shown = snapshot(driver.session.view(driver.clock.now()))
    assert shown["heading"] == "Stap 1 van 2"
    assert shown["title"] == "Vraag"
    assert shown["instruction"] == "Instructie voor vraag."
    assert shown["remaining"] == "3:59"
    assert shown["total"] == "13:59"
    assert shown["next_title"] == "Ronde"
    assert shown["turn"] is None and shown["state"] == "" and shown["ended"] is None
    assert 0.19 < shown["progress"] < 0.21


def test_whose_turn_it_is_and_who_is_next() -> None:
    driver = Driver(method(step("ronde", 10, turns=TurnRound(per_turn_s=60))))
    shown = snapshot(driver.session.view(driver.clock.now()))
    assert shown["turn"] == {"speaker": "Bram", "remaining": "1:00", "round": "", "next": "Carla"}
    assert shown["next_title"] == "Dit is de laatste stap"
    driver.say(CommandKind.NEXT_SPEAKER)
    shown = snapshot(driver.session.view(driver.clock.now()))
    assert shown["turn"]["speaker"] == "Carla" and shown["turn"]["next"] == "Daan"


def test_paused_and_stopping_are_said_in_words() -> None:
    driver = Driver(method(step("vraag", 5)))
    driver.say(CommandKind.PAUSE)
    assert snapshot(driver.session.view(driver.clock.now()))["state"] == "Pauze"
    driver.say(CommandKind.PAUSE)
    driver.say(CommandKind.STOP)
    shown = snapshot(driver.session.view(driver.clock.now()))
    assert shown["stop_pending"] and shown["state"] == "Stoppen? De voorzitter bevestigt."


def test_the_display_follows_the_language_pack() -> None:
    driver = Driver(method(step("vraag", 5), step("ronde", 10)))
    set_language("en")
    try:
        shown = snapshot(driver.session.view(driver.clock.now()))
    finally:
        set_language("nl")
    assert shown["heading"] == "Step 1 of 2"


def test_equal_moments_give_equal_snapshots() -> None:
    driver = Driver(method(step("vraag", 5)))
    first = snapshot(driver.session.view(driver.clock.now()))
    driver.clock.jump(0.2)  # the same whole second on the screen
    assert snapshot(driver.session.view(driver.clock.now())) == first
