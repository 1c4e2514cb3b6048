"""What the room remembers about a group, as frozen dataclasses.

Only names, dates, roles and text a person typed on purpose: never what was said in
a meeting. ``facilitator.group.file`` reads and writes these; the functions in
``facilitator.group.turns`` decide whose turn it is.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from typing import Literal

Role = Literal["voorzitter", "notulist"]
ROLES: tuple[Role, ...] = ("voorzitter", "notulist")
"""The roles a group can let rotate: the chair, and a note-taker if it wants one."""


def today() -> date:
    """The day a meeting or a change is kept under: a date in the file, never a timing."""
    return date.today()


@dataclass(frozen=True)
class Member:
    name: str
    joined: date
    left: date | None = None  # None: still a member

    @property
    def current(self) -> bool:
        return self.left is None


@dataclass(frozen=True)
class Meeting:
    """One meeting: when, with which method, who was there and who held which role."""

    number: int  # 1, 2, ... in the order they were held; never reused
    day: date
    method: str
    present: tuple[str, ...]
    absent: tuple[str, ...] = ()
    roles: tuple[tuple[Role, str], ...] = ()  # (role, name), in ROLES order
    case_owner: str | None = None  # the inbrenger, once chosen

    def holder(self, role: Role) -> str | None:
        return dict(self.roles).get(role)


@dataclass(frozen=True)
class ActionPoint:
    """Someone took an action point; ``text`` only when a person typed it afterwards."""

    number: int  # never reused within the group
    person: str
    day: date
    text: str | None = None
    done: date | None = None
    looked_back: date | None = None  # the day it came back in a look back

    @property
    def open(self) -> bool:
        return self.done is None and self.looked_back is None


@dataclass(frozen=True)
class Group:
    name: str
    created: date
    members: tuple[Member, ...]
    roles: tuple[Role, ...] = ("voorzitter",)
    series: int | None = None  # propose evaluating the group after this many meetings
    meetings: tuple[Meeting, ...] = ()
    actions: tuple[ActionPoint, ...] = field(default=())

    @property
    def current_members(self) -> tuple[str, ...]:
        return tuple(m.name for m in self.members if m.current)

    def member(self, name: str) -> Member | None:
        """The current member called ``name`` (any case), or ``None``."""
        folded = name.casefold()
        return next((m for m in self.members if m.current and m.name.casefold() == folded), None)

    def known_name(self, name: str) -> str | None:
        """``name`` as the group writes it, for anyone who ever was a member."""
        folded = name.casefold()
        return next((m.name for m in self.members if m.name.casefold() == folded), None)

    @property
    def open_actions(self) -> tuple[ActionPoint, ...]:
        return tuple(a for a in self.actions if a.open)

    def next_meeting_number(self) -> int:
        return max((m.number for m in self.meetings), default=0) + 1

    def next_action_number(self) -> int:
        return max((a.number for a in self.actions), default=0) + 1

    def with_meeting(self, meeting: Meeting) -> Group:
        """The group with ``meeting`` added, or replacing the one with its number."""
        others = tuple(m for m in self.meetings if m.number != meeting.number)
        return replace(self, meetings=tuple(sorted((*others, meeting), key=lambda m: m.number)))

    def meeting(self, number: int) -> Meeting | None:
        return next((m for m in self.meetings if m.number == number), None)
