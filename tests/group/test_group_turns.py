"""Roles by turns, who waited longest to bring a case, attendance and the series."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta

import pytest
from grouptools import START, a_group, chairs, hold_meeting

from facilitator.errors import GroupError
from facilitator.group.changes import add_members, remove_members
from facilitator.group.setup import plan_meeting
from facilitator.group.turns import (
    CaseTurn,
    attendance,
    case_history,
    roles_for,
    series_due,
    waited_longest,
)
from facilitator.lang import set_language


@pytest.fixture(autouse=True)
def dutch() -> None:
    set_language("nl")


def test_the_chair_goes_round_the_members_in_order() -> None:
    group = a_group(members=["Anna", "Bram", "Carla"])
    for _ in range(6):
        group = hold_meeting(group)
    assert chairs(group) == ["Anna", "Bram", "Carla", "Anna", "Bram", "Carla"]


def test_an_absent_member_is_skipped_and_chairs_as_soon_as_they_are_back() -> None:
    group = a_group(members=["Anna", "Bram", "Carla", "Daan"])
    group = hold_meeting(group)  # Anna
    group = hold_meeting(group, absent=["Bram"])  # Carla, not Bram
    group = hold_meeting(group, absent=["Bram"])  # Daan
    group = hold_meeting(group)  # Bram has waited longest
    group = hold_meeting(group)  # Anna again
    assert chairs(group) == ["Anna", "Carla", "Daan", "Bram", "Anna"]


def test_over_many_meetings_with_absences_everyone_chairs_about_as_often() -> None:
    members = ["Anna", "Bram", "Carla", "Daan", "Eva", "Fleur"]
    group = a_group(members=members)
    for number in range(36):
        away = [members[number % 6], members[(number * 5 + 2) % 6]]
        group = hold_meeting(group, absent=away)
        chair = chairs(group)[-1]
        assert chair not in away
    counts = Counter(chairs(group))
    assert set(counts) == set(members)
    assert max(counts.values()) - min(counts.values()) <= 1


def test_chair_override_counts_as_chairing_and_the_turns_go_on_from_there() -> None:
    group = a_group(members=["Anna", "Bram", "Carla"])
    group = hold_meeting(group, chair="carla")  # Anna's turn, but Carla chairs
    group = hold_meeting(group)
    group = hold_meeting(group)
    assert chairs(group) == ["Carla", "Anna", "Bram"]
    with pytest.raises(GroupError, match="Carla is afwezig"):
        plan_meeting(group, "m", START, ["Carla"], chair="Carla")
    with pytest.raises(GroupError, match="Zoë is geen lid van wijkteam"):
        plan_meeting(group, "m", START, chair="Zoë")


def test_the_note_taker_rotates_too_and_is_never_the_chair() -> None:
    group = a_group(members=["Anna", "Bram", "Carla"], roles=("voorzitter", "notulist"))
    for _ in range(3):
        group = hold_meeting(group)
    pairs = [(m.holder("voorzitter"), m.holder("notulist")) for m in group.meetings]
    assert pairs == [("Anna", "Bram"), ("Bram", "Anna"), ("Carla", "Bram")]
    assert all(chair != notes for chair, notes in pairs)
    assert roles_for(group, ["Carla"]) == (("voorzitter", "Carla"),)  # one person: one role


def test_a_newcomer_joins_the_queue_at_the_back() -> None:
    group = a_group(members=["Anna", "Bram", "Carla", "Daan"])
    group = hold_meeting(hold_meeting(group))  # Anna, Bram
    day = group.meetings[-1].day + timedelta(days=1)
    group = add_members(group, ["Zoë"], day)
    for _ in range(6):
        group = hold_meeting(group)
    assert chairs(group) == ["Anna", "Bram", "Carla", "Daan", "Anna", "Bram", "Zoë", "Carla"]


def test_who_left_is_no_longer_in_turn_but_stays_in_the_history() -> None:
    group = hold_meeting(a_group(members=["Anna", "Bram", "Carla"]))
    group = remove_members(group, ["Bram"], group.meetings[-1].day)
    group = hold_meeting(group)
    assert chairs(group) == ["Anna", "Carla"]
    assert group.meetings[0].present == ("Anna", "Bram", "Carla")
    assert [row.name for row in attendance(group)] == ["Anna", "Bram", "Carla"]


def test_who_waited_longest_to_bring_a_case() -> None:
    group = a_group(members=["Anna", "Bram", "Carla", "Daan"])
    assert waited_longest(group, group.current_members) == CaseTurn("Anna", None)
    assert waited_longest(group, []) is None
    group = hold_meeting(group, case_owner="Anna")
    group = hold_meeting(group, case_owner="Carla")
    turn = waited_longest(group, group.current_members)
    assert turn is not None and (turn.name, turn.last) == ("Bram", None)
    group = hold_meeting(group, case_owner="Bram")
    group = hold_meeting(group, case_owner="Daan")
    turn = waited_longest(group, ["Bram", "Carla", "Daan"])  # Anna is absent today
    assert turn is not None and (turn.name, turn.last) == ("Carla", group.meetings[1].day)
    assert [name for name, _ in case_history(group)] == ["Anna", "Carla", "Bram", "Daan"]


def test_attendance_counts_the_meetings_held_while_someone_was_a_member() -> None:
    group = a_group(members=["Anna", "Bram"])
    group = hold_meeting(group, absent=["Bram"])
    group = add_members(group, ["Carla"], group.meetings[-1].day + timedelta(days=1))
    group = hold_meeting(group)
    rows = {row.name: (row.present, row.held) for row in attendance(group)}
    assert rows == {"Anna": (2, 2), "Bram": (1, 2), "Carla": (1, 1)}


def test_the_series_ends_at_every_multiple_of_its_length() -> None:
    group = a_group(series=3)
    assert [n for n in range(1, 10) if series_due(group, n)] == [3, 6, 9]
    assert not any(series_due(a_group(), n) for n in range(1, 10))


def test_an_absence_list_must_leave_someone() -> None:
    group = a_group(members=["Anna", "Bram"])
    with pytest.raises(GroupError, match="niemand van wijkteam"):
        plan_meeting(group, "m", START, ["Anna", "bram"])
