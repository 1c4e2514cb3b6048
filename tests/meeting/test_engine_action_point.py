"""The engine's ACTION_POINT command: a name in the log, nothing else."""

from __future__ import annotations

from enginetools import Driver, method, step

from facilitator.lang import set_language
from facilitator.meeting.commands import Command, CommandKind
from facilitator.meeting.effects import Heard
from facilitator.method.definition import TurnRound


def _give(driver: Driver, participant: int | None = None) -> None:
    command = Command(CommandKind.ACTION_POINT, participant=participant)
    driver.effects += driver.session.handle(Heard(driver.clock.now(), command))


def test_an_action_point_goes_to_the_named_person_or_the_current_speaker() -> None:
    set_language("nl")
    rounds = TurnRound(per_turn_s=60.0, case_owner_too=True)
    driver = Driver(method(step("evaluatie", 5, turns=rounds)), case_owner=None)
    _give(driver)  # key a: whoever has the turn (Anna begins)
    driver.after(60)  # Bram's turn
    _give(driver, 4)  # Eva's seat
    logged = [(e.fields["participant"], e.fields["step"]) for e in driver.logs("action_point")]
    assert logged == [("Anna", "evaluatie"), ("Eva", "evaluatie")]
    assert "Actiepunt voor Anna." in driver.said() and "Actiepunt voor Eva." in driver.said()


def test_without_a_speaker_or_with_an_unknown_seat_the_chair_is_asked_for_whom() -> None:
    set_language("nl")
    driver = Driver(method(step("methode", 5)))
    _give(driver)
    _give(driver, 9)  # a seat nobody has
    assert driver.logs("action_point") == []
    asked = "Voor wie is het actiepunt? Zeg: actiepunt voor, en dan de naam."
    assert driver.said().count(asked) == 2


def test_an_anonymous_group_has_no_one_to_give_an_action_point() -> None:
    set_language("nl")
    driver = Driver(method(step("evaluatie", 5, turns=TurnRound())), names=None, case_owner=None)
    _give(driver)
    assert driver.logs("action_point") == []
