"""The inbrenger is chosen in the meeting, after the case choice; each topic has its own.

Engine tests on a fake clock: the choice by voice, by key and in advance; turn rounds
before and after it; three topics of alleen-maar-advies; a group known only by its size.
"""

from __future__ import annotations

from dataclasses import replace

import pytest
from enginetools import Driver, method, phrasings, step

from facilitator.meeting.commands import Command, CommandKind
from facilitator.meeting.effects import Heard
from facilitator.meeting.engine import Session, SessionSettings
from facilitator.meeting.plan import Participants
from facilitator.method.definition import Actor, Method, Phase, TurnRound
from facilitator.method.library import resolve
from facilitator.room.keyboard import command_for_key
from facilitator.speech.matcher import (
    MatchSettings,
    RecognitionResult,
    Situation,
    Word,
    match,
    phrase_table,
)


def meeting() -> Method:
    """An inventory (everyone), the case choice, then advice rounds without the inbrenger."""
    inventory = replace(
        step("inventaris", 5, turns=TurnRound(case_owner_too=True)),
        actor=Actor.ALL,
        phase=Phase.INVENTORY,
    )
    choice = replace(step("keuze", 5), phase=Phase.CASE_CHOICE)
    story = replace(
        step("verhaal", 5), actor=Actor.CASE_OWNER, instruction="De inbrenger vertelt het verhaal."
    )
    return method(inventory, choice, story, step("advies", 5, turns=TurnRound()))


def turns(d: Driver, step_id: str) -> list[str]:
    return [
        str(e.fields["participant"]) for e in d.logs("turn_started") if e.fields["step"] == step_id
    ]


def run_until_asked(d: Driver) -> None:
    while not d.logs("case_owner_asked"):
        assert d.wake is not None
        d.tick(d.wake)


def give(d: Driver, command: Command) -> None:
    d.effects += d.session.handle(Heard(d.clock.now(), command))


def test_the_chair_names_the_inbrenger_by_voice_after_the_case_choice() -> None:
    d = Driver(meeting(), case_owner=None)
    run_until_asked(d)
    choice_ended = d.logs("step_ended")[-1]
    assert choice_ended.fields["step"] == "keuze"
    assert d.wake is None  # it waits, however long it takes
    d.tick(d.clock.now() + 3600)
    assert d.said().count("Wie brengt de casus in? Noem de naam, of toets het nummer.") == 1
    give(d, Command(CommandKind.CHOOSE_CASE_OWNER, source="voice", participant=1))
    [chosen] = d.logs("case_owner_set")
    assert chosen.fields["participant"] == "Bram"
    assert phrasings("session.case_owner", name="Bram") & set(d.said())
    d.run_to_end()
    assert "Bram vertelt het verhaal." in " ".join(d.said())
    assert "Bram" not in turns(d, "advies")
    assert len(turns(d, "advies")) == 4


def test_before_the_choice_nobody_is_named_and_the_inventory_includes_everyone() -> None:
    d = Driver(meeting(), case_owner="Anna")  # given in advance, set at the choice moment
    d.run_to_end()
    assert turns(d, "inventaris") == ["Anna", "Bram", "Carla", "Daan", "Eva"]
    assert "Anna" not in turns(d, "advies")
    [chosen] = d.logs("case_owner_set")
    keuze_ended = next(e for e in d.logs("step_ended") if e.fields["step"] == "keuze")
    assert chosen.t == keuze_ended.t
    assert not d.logs("case_owner_asked")
    anna = phrasings("session.case_owner", name="Anna")
    named = next(i for i, s in enumerate(d.said()) if s in anna)
    said_before = d.said()[:named]
    assert not any("Anna brengt" in s or "Anna vertelt" in s for s in said_before)


def test_the_inbrenger_chosen_by_key_number() -> None:
    d = Driver(meeting(), case_owner=None)
    run_until_asked(d)
    command = command_for_key("4")
    assert command is not None
    give(d, command)
    assert d.logs("case_owner_set")[0].fields["participant"] == "Daan"
    assert d.session.view(d.clock.now()).case_owner == "Daan"
    d.run_to_end()
    assert turns(d, "advies") == [t for t in turns(d, "advies") if t != "Daan"]
    assert len(turns(d, "advies")) == 4


def test_the_screen_lists_a_number_per_participant_while_asking() -> None:
    d = Driver(meeting(), case_owner=None)
    run_until_asked(d)
    view = d.session.view(d.clock.now())
    assert view.choosing == ("1 Anna", "2 Bram", "3 Carla", "4 Daan", "5 Eva")


def test_next_step_goes_on_without_an_inbrenger() -> None:
    d = Driver(meeting(), case_owner=None)
    run_until_asked(d)
    d.say(CommandKind.NEXT_STEP)
    assert not d.logs("case_owner_set")
    d.run_to_end()
    assert len(turns(d, "advies")) == 5


def test_a_group_known_by_its_size_says_which_number_brings_the_case() -> None:
    d = Driver(meeting(), people=Participants.anonymous(5))
    run_until_asked(d)
    assert d.said()[-1] == "Wie brengt de casus in? Noem of toets het nummer van die deelnemer."
    assert turns(d, "inventaris") == [f"deelnemer {n}" for n in range(1, 6)]
    give(d, Command(CommandKind.CHOOSE_CASE_OWNER, participant=2))
    assert d.logs("case_owner_set")[0].fields["participant"] == "deelnemer 3"
    d.run_to_end()
    assert "deelnemer 3" not in turns(d, "advies")
    assert len(turns(d, "advies")) == 4


def test_an_unknown_number_is_said_and_the_question_stays() -> None:
    d = Driver(meeting(), case_owner=None)
    run_until_asked(d)
    give(d, Command(CommandKind.CHOOSE_CASE_OWNER, participant=7))
    assert d.said()[-1] == "Die deelnemer ken ik niet."
    assert d.wake is None and not d.logs("case_owner_set")


def test_three_topics_of_alleen_maar_advies_with_three_inbrengers() -> None:
    d = Driver(
        resolve("alleen-maar-advies"),
        names=("Anna", "Bram", "Carla", "Daan", "Eva", "Fleur"),
        case_owner=["Anna", "Bram", "Carla"],
        repeat_times=3,
    )
    d.run_to_end()
    owners = [str(e.fields["participant"]) for e in d.logs("case_owner_set")]
    assert owners == ["Anna", "Bram", "Carla"]
    for owner, suffix in zip(owners, ("", "-2", "-3"), strict=True):
        for n in (1, 2, 3):
            rounds = turns(d, f"adviesronde-{n}{suffix}")
            assert rounds and owner not in rounds, (owner, n, rounds)
    assert d.said().count("Volgende onderwerp.") == 2
    said = d.said()
    # The label first, then who brings the new topic, then its first step: the title
    # sentence, then the instruction with Bram's name.
    bram = phrasings("session.case_owner", name="Bram")
    i = next(n for n, sentence in enumerate(said) if sentence in bram)
    assert said[i - 1] == "Volgende onderwerp."
    assert "Het dilemma" in said[i + 1] and "Bram schetst" in said[i + 2]


def test_a_second_topic_without_a_given_inbrenger_waits_for_the_chair() -> None:
    d = Driver(resolve("alleen-maar-advies"), case_owner="Anna", repeat_times=2)
    run_until_asked(d)
    assert d.logs("case_owner_asked")[0].fields["topic"] == 1
    give(d, Command(CommandKind.CHOOSE_CASE_OWNER, participant=4))
    d.run_to_end()
    assert [e.fields["participant"] for e in d.logs("case_owner_set")] == ["Anna", "Eva"]
    assert "Eva" not in turns(d, "adviesronde-1-2")


def test_a_method_without_a_case_choice_asks_at_the_start_but_does_not_hold_it() -> None:
    d = Driver(resolve("vijf-stappen"), case_owner=None)
    assert d.said()[1] == "Wie brengt de casus in? Noem de naam, of toets het nummer."
    assert d.logs("step_started")  # the first step began all the same
    give(d, Command(CommandKind.CHOOSE_CASE_OWNER, participant=2))
    d.run_to_end()
    assert "Carla" not in turns(d, "advisering")


def test_the_choice_survives_an_interruption() -> None:
    d = Driver(meeting(), case_owner=None)
    run_until_asked(d)
    snap = d.session.snapshot(d.clock.now())
    again = Session.restore(d.plan, snap, SessionSettings(grace_s=0))
    out = again.start(d.clock.now() + 5)
    assert again.choosing is not None
    assert any(getattr(e, "event", "") == "case_owner_asked" for e in out)
    again.handle(Heard(d.clock.now() + 6, Command(CommandKind.CHOOSE_CASE_OWNER, participant=0)))
    later = again.snapshot(d.clock.now() + 7)
    assert later["case_owners"] == {"0": 0} and later["choosing"] is None


def test_voice_phrases_name_each_participant() -> None:
    table = phrase_table(names=("Anna", None, "Jan Piet"))
    texts = {p.text: p.argument for p in table.phrases if p.kind is CommandKind.CHOOSE_CASE_OWNER}
    assert texts == {
        "anna brengt in": 0,
        "inbrenger anna": 0,
        "twee brengt in": 1,
        "inbrenger twee": 1,
        "jan piet brengt in": 2,
        "inbrenger jan piet": 2,
    }
    words = (
        Word("bram", 1.0, 10.0, 10.3),
        Word("brengt", 1.0, 10.3, 10.6),
        Word("in", 1.0, 10.6, 10.8),
    )
    heard = match(
        RecognitionResult(words, audio_end=12.0),
        MatchSettings(phrase_table(names=("Anna", "Bram"))),
        Situation(now=12.0),
    )
    assert heard == Command(CommandKind.CHOOSE_CASE_OWNER, source="voice", participant=1)


@pytest.mark.parametrize("name", ["roddelmethode", "modelling", "zeven-fasen", "creatieve-brein"])
def test_what_is_said_about_the_inbrenger_is_gender_neutral(name: str) -> None:
    m = resolve(name)
    assert "hij" not in m.purpose.split() and "zijn" not in m.purpose.split()
    for s in m.steps:
        text = " ".join((s.instruction, s.explanation or "", *s.questions)).lower()
        words = text.replace(",", " ").replace("?", " ").replace(".", " ").split()
        assert not {"hij", "hem", "haar"} & set(words), s.id


def test_offered_topics_are_taken_on_by_naming_the_inbrenger_or_declined() -> None:
    d = Driver(
        resolve("alleen-maar-advies"),
        names=("Anna", "Bram", "Carla", "Daan", "Eva", "Fleur"),
        case_owner="Anna",
        repeat_times=3,
        offer_repeats=True,
    )
    run_until_asked(d)
    assert d.said()[-1].startswith("Er is tijd voor nog een onderwerp.")
    give(d, Command(CommandKind.CHOOSE_CASE_OWNER, participant=1))  # Bram takes topic 2
    while len(d.logs("case_owner_asked")) < 2:
        assert d.wake is not None
        d.tick(d.wake)
    d.say(CommandKind.NEXT_STEP)  # no third topic: round off
    d.run_to_end()
    assert [e.fields["participant"] for e in d.logs("case_owner_set")] == ["Anna", "Bram"]
    assert [e.fields["topic"] for e in d.logs("topics_ended")] == [2]
    started = [str(e.fields["step"]) for e in d.logs("step_started")]
    assert "presentatie-2" in started and "presentatie-3" not in started


def test_without_repeat_a_time_slot_decides_how_many_topics_are_offered() -> None:
    from facilitator.meeting.session import SessionRequest, parse_participants, plan_for

    people = parse_participants("Anna,Bram,Carla,Daan,Eva,Fleur", None, "Anna")
    request = SessionRequest(method="alleen-maar-advies", fit_s=60 * 60)
    _, plan = plan_for(request, people, SessionSettings(grace_s=10))
    assert [p.id for p in plan.steps if p.chooses_case_owner] == [
        "presentatie",
        "presentatie-2",
        "presentatie-3",
    ]
    assert [p.offered for p in plan.steps if p.chooses_case_owner] == [False, True, True]
    _, fixed = plan_for(replace(request, fit_s=None), people, SessionSettings(grace_s=10))
    assert not any(p.offered for p in fixed.steps)
    assert len(fixed.steps) == 6  # the method's own time holds one topic


def test_example_questions_speak_of_the_inbrenger_by_name() -> None:
    d = Driver(resolve("roddelmethode"), case_owner="Carla")
    while not any(e.fields["step"] == "roddelen" for e in d.logs("step_started")):
        assert d.wake is not None
        d.tick(d.wake)
    d.say(CommandKind.EXAMPLE_QUESTION)
    assert d.said()[-1] == "Hoe zou Carla zelf naar deze situatie kijken?"


def test_reminders_and_the_explanation_speak_of_the_inbrenger_by_name() -> None:
    d = Driver(resolve("roddelmethode"), case_owner="Carla")
    while not any(e.fields["step"] == "roddelen" for e in d.logs("step_started")):
        assert d.wake is not None
        d.tick(d.wake)
    d.say(CommandKind.EXPLAIN)
    assert d.said()[-1].startswith("Hoe kijkt Carla, wat drijft Carla,")
    d.run_to_end()
    assert "Praat over Carla, niet met Carla. Carla luistert alleen." in d.said()
