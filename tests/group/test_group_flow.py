"""What the meeting says about the group: the sentences the meeting flow will speak."""

from __future__ import annotations

import pytest
from grouptools import START, a_group, hold_meeting

from facilitator.group.changes import add_action, mark_done
from facilitator.group.flow import (
    briefing,
    case_choice_text,
    closing_text,
    join_names,
    look_back_text,
    opening_text,
)
from facilitator.group.model import Group
from facilitator.group.setup import plan_meeting
from facilitator.lang import AVAILABLE, get_pack

NL = get_pack("nl")


def _points(group: Group, *people: str) -> Group:
    for person in people:
        group = add_action(group, person, None, START)[0]
    return group


def test_the_opening_names_the_chair_and_the_note_taker_of_the_day() -> None:
    group = a_group(roles=("voorzitter", "notulist"))
    group = hold_meeting(group)
    setup = plan_meeting(group, "roddelmethode", START, absent=["Bram"])
    assert (
        opening_text(setup, NL)
        == "Vandaag is Carla voorzitter. Anna maakt vandaag de aantekeningen."
    )
    no_roles = plan_meeting(a_group(roles=()), "m", START)
    assert opening_text(no_roles, NL) is None


def test_two_meetings_in_a_row_open_with_a_different_chair() -> None:
    group = a_group()
    first = plan_meeting(group, "m", START)
    second = plan_meeting(hold_meeting(group), "m", START)
    assert opening_text(first, NL) == "Vandaag is Anna voorzitter."
    assert opening_text(second, NL) == "Vandaag is Bram voorzitter."


def test_the_look_back_goes_over_exactly_the_people_present_with_open_points() -> None:
    group = _points(hold_meeting(a_group()), "Eva", "Bram", "Eva", "Daan", "Fleur")
    group = mark_done(group, "Fleur", START)[0]
    setup = plan_meeting(group, "m", START, absent=["Daan"])
    told = briefing(group, setup, NL)
    assert told.look_back_names == ("Bram", "Eva")
    assert told.look_back_text == "Bram en Eva hadden een actiepunt van de vorige keer."
    assert look_back_text(["Eva"], NL) == "Eva had een actiepunt van de vorige keer."


def test_without_open_points_the_look_back_is_one_sentence() -> None:
    told = briefing(a_group(), plan_meeting(a_group(), "m", START), NL)
    assert told.look_back_names == ()
    assert told.look_back_text.count(".") == 2 and "geen actiepunten" in told.look_back_text


def test_the_case_choice_names_who_waited_longest() -> None:
    group = a_group(members=["Anna", "Bram", "Daan"])
    assert case_choice_text(group, group.current_members, NL) is None  # a first meeting
    group = hold_meeting(group, case_owner="Daan")
    assert case_choice_text(group, ["Daan", "Bram"], NL) == "Bram heeft nog geen casus ingebracht."
    group = hold_meeting(group, case_owner="Anna")
    group = hold_meeting(group, case_owner="Bram")
    assert case_choice_text(group, group.current_members, NL) == (
        "Daan bracht het langst geleden een casus in."
    )


def test_the_closing_proposes_evaluating_the_group_at_the_end_of_a_series() -> None:
    group = a_group(series=3)
    assert closing_text(group, NL) is None
    group = hold_meeting(hold_meeting(group))
    assert closing_text(group, NL) == (
        "Met vandaag zijn jullie drie keer bij elkaar geweest. "
        "Een goed moment om de groep en jullie afspraken samen te evalueren."
    )
    assert closing_text(hold_meeting(group), NL) is None


@pytest.mark.parametrize("code", AVAILABLE)
def test_every_sentence_about_the_group_is_short_enough_to_hear_once(code: str) -> None:
    pack = get_pack(code)
    long_name = "Anna-Sophie"
    names = [long_name] * 6
    for key, template in pack.phrases.items():
        if not key.startswith("group.say."):
            continue
        text = template.format(
            name=long_name,
            names=join_names(names, pack),
            count=pack.number(12),
            first="A",
            last="B",
        )
        for sentence in text.split(". "):
            assert len(sentence.split()) <= 20, (key, sentence)
        assert len(text.split()) <= 40, key
        assert text[0].isupper() or key == "group.say.and", key
