"""What the meeting flow says about the group: the interface for the composed meeting.

The engine is pure and cannot read a group's file, so everything the meeting says
about the group is worked out here, before the session starts, as a
``GroupBriefing``: plain sentences and names that the flow puts where they belong.

- ``opening``: who holds which role today ("Vandaag is Carla voorzitter."), for the
  welcome.
- ``look_back_names``: exactly the people present with an open action point, in
  member order: the look back is a turn round over them. ``look_back_text``: said
  at the start of the look back; with nobody, it is the whole look back in one
  sentence.
- ``case_choice``: who has waited longest to bring a case, for the case choice
  (``None`` when no one present can be named).
- ``closing``: at the end of a series, the proposal to evaluate the group and its
  contract (``None`` otherwise).

Every function takes the language pack, as the engine does, and is pure.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from facilitator.group.model import Group
from facilitator.group.setup import MeetingSetup
from facilitator.group.turns import look_back_people, series_due, waited_longest
from facilitator.lang import LanguagePack


@dataclass(frozen=True)
class GroupBriefing:
    opening: str | None
    look_back_names: tuple[str, ...]
    look_back_text: str
    case_choice: str | None
    closing: str | None


def briefing(group: Group, setup: MeetingSetup, pack: LanguagePack) -> GroupBriefing:
    """Everything the meeting says about ``group`` today (``group`` as read before the
    meeting was recorded in it)."""
    names = look_back_people(group, setup.present)
    return GroupBriefing(
        opening=opening_text(setup, pack),
        look_back_names=names,
        look_back_text=look_back_text(names, pack),
        case_choice=case_choice_text(group, setup.present, pack),
        closing=closing_text(group, pack),
    )


def opening_text(setup: MeetingSetup, pack: LanguagePack) -> str | None:
    """ "Vandaag is Carla voorzitter. Bram maakt aantekeningen." (``None``: no roles)."""
    sentences = [pack.text(f"group.say.role_{role}", name=name) for role, name in setup.roles]
    return " ".join(sentences) or None


def look_back_text(names: Sequence[str], pack: LanguagePack) -> str:
    if not names:
        return pack.text("group.say.look_back_none")
    if len(names) == 1:
        return pack.text("group.say.look_back_one", name=names[0])
    return pack.text("group.say.look_back_many", names=join_names(names, pack))


def case_choice_text(group: Group, present: Sequence[str], pack: LanguagePack) -> str | None:
    turn = waited_longest(group, present)
    if turn is None or not group.meetings:
        return None  # a first meeting: nobody has waited yet
    key = "group.say.case_never" if turn.last is None else "group.say.case_longest"
    return pack.text(key, name=turn.name)


def closing_text(group: Group, pack: LanguagePack) -> str | None:
    """At the last meeting of a series (this meeting is the next one of ``group``)."""
    number = group.next_meeting_number()
    if not series_due(group, number):
        return None
    return pack.text("group.say.series_end", count=pack.number(number))


def join_names(names: Sequence[str], pack: LanguagePack) -> str:
    """ "Anna, Bram en Carla" in the pack's language."""
    if len(names) <= 1:
        return "".join(names)
    return pack.text("group.say.and", first=", ".join(names[:-1]), last=names[-1])
