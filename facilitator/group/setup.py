"""Before a meeting starts: who of the group is there, and who holds which role today."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from facilitator.errors import GroupError
from facilitator.group.model import Group, Role
from facilitator.group.names import split_names
from facilitator.group.store import GroupStore
from facilitator.group.turns import roles_for
from facilitator.lang import t


@dataclass(frozen=True)
class MeetingSetup:
    """Today's meeting of a group, decided before the session starts."""

    group: str
    day: date
    method: str
    present: tuple[str, ...]
    absent: tuple[str, ...]
    roles: tuple[tuple[Role, str], ...]

    @property
    def participants(self) -> str:
        """The names as ``--participants`` takes them."""
        return ",".join(self.present)

    def holder(self, role: Role) -> str | None:
        return dict(self.roles).get(role)


def plan_meeting(
    group: Group,
    method: str,
    day: date,
    absent: Sequence[str] = (),
    chair: str | None = None,
) -> MeetingSetup:
    """Today's attendance and roles; ``GroupError`` for a name that is not a member."""
    away = tuple(_member_name(group, name) for name in absent)
    away_folded = {name.casefold() for name in away}
    present = tuple(n for n in group.current_members if n.casefold() not in away_folded)
    if not present:
        raise GroupError(t("group.nobody_present", group=group.name))
    chosen_chair = None
    if chair is not None:
        chosen_chair = _member_name(group, chair)
        if chosen_chair.casefold() in away_folded:
            raise GroupError(t("group.chair_absent", name=chosen_chair))
    return MeetingSetup(
        group=group.name,
        day=day,
        method=method,
        present=present,
        absent=away,
        roles=roles_for(group, present, chosen_chair),
    )


def prepare_meeting(
    name: str,
    method: str,
    day: date,
    absent: str | None = None,
    chair: str | None = None,
    store: GroupStore | None = None,
) -> tuple[Group, MeetingSetup]:
    """The group ``name`` and today's meeting of it (``absent``: names, comma-separated)."""
    group = (store or GroupStore()).load(name)
    away = split_names(absent) if absent else []
    return group, plan_meeting(group, method, day, away, chair)


def _member_name(group: Group, name: str) -> str:
    member = group.member(name.strip())
    if member is None:
        raise GroupError(
            t(
                "group.not_a_member",
                name=name,
                group=group.name,
                members=", ".join(group.current_members),
            )
        )
    return member.name
