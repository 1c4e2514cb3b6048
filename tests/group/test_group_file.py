"""A group's file: written, read back, edited by hand, and broken by hand."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from grouptools import START, a_group, hold_meeting

from facilitator.errors import GroupError
from facilitator.group.changes import add_action
from facilitator.group.file import dump_group, parse_group
from facilitator.lang import set_language


@pytest.fixture(autouse=True)
def dutch() -> None:
    set_language("nl")


def test_a_group_with_a_history_reads_back_as_it_was_written() -> None:
    group = a_group(roles=("voorzitter", "notulist"), series=6)
    group = hold_meeting(group, absent=["Eva"], case_owner="Bram")
    group, _, _ = add_action(group, "Bram", "Gesprek met teamleider: 'plannen' # nu", START)
    group, _, _ = add_action(group, "Eva", None, START)
    text = dump_group(group)
    assert parse_group(text, "wijkteam.yaml", "wijkteam") == group
    assert "aanwezig: [Anna, Bram, Carla, Daan, Fleur]" in text
    assert text.startswith("# De groep wijkteam")


def test_names_that_yaml_would_take_for_something_else_stay_names() -> None:
    group = a_group(members=["No", "Yes", "012", "1:30", "~ Tilde", "Zoë-Ann O'Brien"])
    assert parse_group(dump_group(group), "g.yaml").current_members == group.current_members


HAND_WRITTEN = """\
# Onze groep; Fleur is er sinds januari bij.
naam: wijkteam
aangemaakt: 2026-09-01
rollen: [voorzitter, notulist]
reeks: 6
leden:
  - naam: Anna
    sinds: 2026-09-01
  - {naam: Bram, sinds: 2026-09-01}
  - naam: Fleur
    sinds: 2027-01-10
bijeenkomsten:
  - nummer: 1
    datum: 2026-09-15
    methode: vijf-stappen
    aanwezig: [Anna, Bram]
    voorzitter: Anna
    notulist: Bram
    inbrenger: Bram
actiepunten:
  - nummer: 1
    wie: Bram
    datum: 2026-09-15
    tekst: >
      Gesprek met de
      teamleider plannen
"""


def test_a_file_written_by_hand_in_any_yaml_style_is_read() -> None:
    group = parse_group(HAND_WRITTEN, "wijkteam.yaml", "wijkteam")
    assert group.current_members == ("Anna", "Bram", "Fleur")
    assert group.roles == ("voorzitter", "notulist") and group.series == 6
    assert group.meetings[0].holder("notulist") == "Bram"
    assert group.meetings[0].absent == ()
    assert group.actions[0].text == "Gesprek met de teamleider plannen"
    assert group.actions[0].open


@pytest.mark.parametrize(
    ("old", "new", "line", "needle"),
    [
        ("datum: 2026-09-15\n    methode", "datum: 15-09-2026\n    methode", 14, "geen datum"),
        ("reeks: 6", "reeks: zes", 5, "reeks 'zes' kan niet"),
        ("reeks: 6", "reeks: 1", 5, "kies 2 tot 100"),
        ("rollen: [voorzitter, notulist]", "rollen: [voorzitter, koffie]", 4, "'koffie'"),
        ("  - {naam: Bram,", "  - {naam: Anna,", 9, "Anna staat twee keer"),
        ("    voorzitter: Anna", "    voorziter: Anna", 17, "onbekende sleutel voorziter"),
        ("    wie: Bram", "    wie: Bram, Carla", 22, "zonder komma"),
        ("  - nummer: 1\n    wie", "  - nummer: een\n    wie", 21, "nummer 'een' is geen nummer"),
        ("naam: wijkteam", "naam: buurtteam", 2, "hoort wijkteam te zijn"),
        ("    sinds: 2027-01-10", "    sinds: 2027-01-10\n    tot: 2026-01-01", 12, "vertrekken"),
        ("    aanwezig: [Anna, Bram]", "    aanwezig: Anna", 16, "een lijst"),
        ("    methode: vijf-stappen\n", "", 13, "methode ontbreekt"),
        ("  - {naam: Bram, sinds: 2026-09-01}", "\t- {naam: Bram}", 9, "tabs"),
    ],
)
def test_a_mistake_made_by_hand_is_reported_at_its_line(
    old: str, new: str, line: int, needle: str
) -> None:
    assert old in HAND_WRITTEN
    with pytest.raises(GroupError) as caught:
        parse_group(HAND_WRITTEN.replace(old, new), "groups/wijkteam.yaml", "wijkteam")
    message = str(caught.value)
    assert message.startswith(f"groups/wijkteam.yaml:{line}: "), message
    assert needle in message


@pytest.mark.parametrize("text", ["", "- een lijst\n", "gewoon tekst\n", "naam: [wijkteam]\n"])
def test_something_that_is_no_group_file_at_all_says_so(text: str) -> None:
    with pytest.raises(GroupError, match=r"^g\.yaml:1: "):
        parse_group(text, "g.yaml")


def test_the_same_number_twice_is_a_mistake() -> None:
    group = a_group()
    group, first, _ = add_action(group, "Anna", "Bellen", START)
    twice = replace(group, actions=(first, replace(first, person="Bram")))
    with pytest.raises(GroupError, match="nummer 1 twee keer"):
        parse_group(dump_group(twice), "g.yaml")


def test_a_member_who_left_may_come_back_under_the_same_name() -> None:
    group = a_group(members=["Anna", "Bram"])
    left = replace(group.members[1], left=date(2026, 10, 1))
    back = replace(group, members=(group.members[0], left, replace(left, left=None)))
    assert parse_group(dump_group(back), "g.yaml").current_members == ("Anna", "Bram")
