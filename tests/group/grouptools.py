"""Helpers for the group tests: a group with a history, written in a few lines."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date, timedelta

from facilitator.group.changes import new_group
from facilitator.group.model import Group, Meeting, Role
from facilitator.group.setup import plan_meeting

START = date(2026, 9, 1)
MEMBERS = ("Anna", "Bram", "Carla", "Daan", "Eva", "Fleur")


def a_group(
    members: Sequence[str] = MEMBERS,
    roles: Sequence[Role] = ("voorzitter",),
    series: int | None = None,
) -> Group:
    return new_group("wijkteam", members, START, roles, series)


def hold_meeting(
    group: Group,
    absent: Sequence[str] = (),
    case_owner: str | None = None,
    chair: str | None = None,
) -> Group:
    """``group`` after one more meeting, two weeks after the last, with the roles it gets."""
    number = group.next_meeting_number()
    day = START + timedelta(days=14 * number)
    setup = plan_meeting(group, "vijf-stappen", day, absent, chair)
    meeting = Meeting(
        number, day, "vijf-stappen", setup.present, setup.absent, setup.roles, case_owner
    )
    return group.with_meeting(meeting)


def chairs(group: Group) -> list[str | None]:
    return [m.holder("voorzitter") for m in group.meetings]


def renamed(group: Group, name: str) -> Group:
    return replace(group, name=name)
