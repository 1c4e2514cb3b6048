"""Changes a person asks for, as pure functions from one ``Group`` to the next.

Members who leave stay in the file with the day they left (their meetings and
cases are history); someone who comes back gets a new entry.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date

from facilitator.errors import GroupError
from facilitator.group.model import ROLES, ActionPoint, Group, Member, Role
from facilitator.group.names import check_group_name, check_unique, clean_person, clean_text
from facilitator.lang import t


def new_group(
    name: str,
    members: Sequence[str],
    day: date,
    roles: Sequence[Role] = ("voorzitter",),
    series: int | None = None,
) -> Group:
    names = [clean_person(m) for m in members]
    if not names:
        raise GroupError(t("group.no_members"))
    check_unique(names)
    return Group(
        name=check_group_name(name),
        created=day,
        members=tuple(Member(n, day) for n in names),
        roles=tuple(r for r in ROLES if r in roles),
        series=series,
    )


def add_members(group: Group, names: Sequence[str], day: date) -> Group:
    cleaned = [clean_person(n) for n in names]
    for name in cleaned:
        if group.member(name) is not None:
            raise GroupError(t("group.already_member", name=name, group=group.name))
    check_unique(cleaned)
    return replace(group, members=(*group.members, *(Member(n, day) for n in cleaned)))


def remove_members(group: Group, names: Sequence[str], day: date) -> Group:
    leaving = set()
    for name in names:
        member = group.member(name)
        if member is None:
            raise GroupError(
                t(
                    "group.not_a_member",
                    name=name,
                    group=group.name,
                    members=", ".join(group.current_members),
                )
            )
        leaving.add(member.name)
    if len(leaving) >= len(group.current_members):
        raise GroupError(t("group.would_be_empty", group=group.name))
    members = tuple(
        replace(m, left=max(day, m.joined)) if m.current and m.name in leaving else m
        for m in group.members
    )
    return replace(group, members=members)


def add_action(
    group: Group, person: str, text: str | None, day: date
) -> tuple[Group, ActionPoint, bool]:
    """``person`` takes an action point. With ``text``, an open point of theirs that has
    no text yet (one marked during a meeting) gets it; otherwise a new point is made.
    Returns the group, the point, and whether it was an existing point."""
    member = group.member(person)
    if member is None:
        raise GroupError(
            t(
                "group.not_a_member",
                name=person,
                group=group.name,
                members=", ".join(group.current_members),
            )
        )
    cleaned = clean_text(text) if text is not None else ""
    if cleaned:
        waiting = [a for a in group.open_actions if a.person == member.name and a.text is None]
        if waiting:
            filled = replace(waiting[0], text=cleaned)
            actions = tuple(filled if a.number == filled.number else a for a in group.actions)
            return replace(group, actions=actions), filled, True
    point = ActionPoint(group.next_action_number(), member.name, day, cleaned or None)
    return replace(group, actions=(*group.actions, point)), point, False


def mark_done(group: Group, which: str, day: date) -> tuple[Group, list[ActionPoint]]:
    """Marks action point number ``which``, or every open point of person ``which``, done."""
    if which.strip().isdigit():
        number = int(which)
        chosen = [a for a in group.actions if a.number == number and a.done is None]
        if not chosen:
            raise GroupError(t("group.no_such_action", number=number, group=group.name))
    else:
        folded = which.strip().casefold()
        chosen = [a for a in group.open_actions if a.person.casefold() == folded]
        if not chosen:
            raise GroupError(t("group.no_open_actions_for", name=which, group=group.name))
    numbers = {a.number for a in chosen}
    actions = tuple(replace(a, done=day) if a.number in numbers else a for a in group.actions)
    done = [a for a in actions if a.number in numbers]
    return replace(group, actions=actions), done
