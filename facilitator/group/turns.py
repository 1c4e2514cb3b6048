"""Whose turn it is: roles by turns, who waited longest to bring a case, the series.

Pure functions over a ``Group``; nothing here reads a file or the clock.

Fairness: a role goes to the member present who held it longest ago. Someone who
never held it counts as having held it just before they joined, so the founding
members take their turns first and a newcomer is not put first in line; an absent
member keeps their place and has the role as soon as they are back. Ties go by the
order of the member list. A case goes the same way (``waited_longest``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from facilitator.group.model import Group, Member, Role


def _baseline(group: Group, member: Member) -> int:
    """The meeting number a member who never had their turn counts as having had it."""
    return max((m.number for m in group.meetings if m.day < member.joined), default=0)


def _order(group: Group, name: str) -> int:
    folded = name.casefold()
    for index, member in enumerate(group.members):
        if member.name.casefold() == folded:
            return index
    return len(group.members)


def _member(group: Group, name: str) -> Member:
    found = group.member(name)
    return found if found is not None else Member(name, date.min)


def last_held(group: Group, role: Role, name: str) -> int | None:
    """The number of the last meeting in which ``name`` held ``role``, if any."""
    folded = name.casefold()
    numbers = [m.number for m in group.meetings if (m.holder(role) or "").casefold() == folded]
    return max(numbers, default=None)


def next_in_turn(group: Group, role: Role, candidates: Sequence[str]) -> str | None:
    """Who of ``candidates`` holds ``role`` next: who held it longest ago."""
    if not candidates:
        return None

    def key(name: str) -> tuple[int, int]:
        held = last_held(group, role, name)
        return (
            _baseline(group, _member(group, name)) if held is None else held,
            _order(group, name),
        )

    return min(candidates, key=key)


def roles_for(
    group: Group, present: Sequence[str], chair: str | None = None
) -> tuple[tuple[Role, str], ...]:
    """The roles of a meeting with ``present``: each role to a different person.

    ``chair`` (``--chair``) takes the chair for this meeting, whoever's turn it was;
    the turns go on from who really held the role.
    """
    taken: list[str] = []
    roles: list[tuple[Role, str]] = []
    for role in group.roles:
        free = [p for p in present if p.casefold() not in {n.casefold() for n in taken}]
        holder = (
            chair if role == "voorzitter" and chair is not None else next_in_turn(group, role, free)
        )
        if holder is not None:
            taken.append(holder)
            roles.append((role, holder))
    if chair is not None and "voorzitter" not in group.roles:
        roles.insert(0, ("voorzitter", chair))
    return tuple(roles)


@dataclass(frozen=True)
class CaseTurn:
    """Who brought a case longest ago (``last`` ``None``: never yet)."""

    name: str
    last: date | None


def last_case(group: Group, name: str) -> tuple[int, date] | None:
    folded = name.casefold()
    brought = [
        (m.number, m.day) for m in group.meetings if (m.case_owner or "").casefold() == folded
    ]
    return max(brought, default=None)


def waited_longest(group: Group, candidates: Sequence[str]) -> CaseTurn | None:
    """Of ``candidates``, who has waited longest since bringing a case."""
    if not candidates:
        return None

    def key(name: str) -> tuple[int, int]:
        last = last_case(group, name)
        return (
            _baseline(group, _member(group, name)) if last is None else last[0],
            _order(group, name),
        )

    name = min(candidates, key=key)
    last = last_case(group, name)
    return CaseTurn(name, None if last is None else last[1])


def case_history(group: Group) -> list[tuple[str, date | None]]:
    """Every current member with the day they last brought a case, longest wait first."""
    members = list(group.current_members)
    ordered: list[tuple[str, date | None]] = []
    while members:
        turn = waited_longest(group, members)
        assert turn is not None
        ordered.append((turn.name, turn.last))
        members.remove(turn.name)
    return ordered


def look_back_people(group: Group, present: Sequence[str]) -> tuple[str, ...]:
    """Those present with an open action point, in the order of the member list."""
    with_points = {a.person.casefold() for a in group.open_actions}
    chosen = [p for p in present if p.casefold() in with_points]
    return tuple(sorted(chosen, key=lambda name: _order(group, name)))


def series_due(group: Group, meeting_number: int) -> bool:
    """Is meeting ``meeting_number`` the last of a series, when the group evaluates?"""
    return group.series is not None and meeting_number > 0 and meeting_number % group.series == 0


@dataclass(frozen=True)
class Attendance:
    name: str
    present: int
    held: int  # meetings held while they were a member


def attendance(group: Group) -> list[Attendance]:
    """For every member, current and past: at how many of their meetings they were there."""
    rows = []
    for member in group.members:
        held = [
            m
            for m in group.meetings
            if m.day >= member.joined and (member.left is None or m.day <= member.left)
        ]
        folded = member.name.casefold()
        present = sum(1 for m in held if folded in {p.casefold() for p in m.present})
        rows.append(Attendance(member.name, present, len(held)))
    return rows
