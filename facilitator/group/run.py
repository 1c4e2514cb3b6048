"""A group's meeting in ``facilitator run --group``: prepared before the session starts,
recorded while it runs.

``GroupMeeting.prepare`` reads the group and decides today's attendance and roles;
``recorder`` wraps the session's log so that the meeting is kept in the group's file
(``facilitator.group.recorder``); ``briefing`` is what the meeting flow says about the
group (``facilitator.group.flow``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from typing import Protocol

from facilitator.group.briefed import with_briefing
from facilitator.group.flow import GroupBriefing, briefing
from facilitator.group.model import Group, today
from facilitator.group.names import split_names
from facilitator.group.recorder import EventLog, GroupRecorder
from facilitator.group.setup import MeetingSetup, plan_meeting
from facilitator.group.store import GroupStore
from facilitator.lang import LanguagePack, get_pack, t
from facilitator.meeting.plan import Plan
from facilitator.method.definition import Phase


class GroupRequest(Protocol):
    """What ``prepare`` reads of a ``SessionRequest``."""

    @property
    def method(self) -> str: ...
    @property
    def group(self) -> str | None: ...
    @property
    def absent(self) -> str | None: ...
    @property
    def chair(self) -> str | None: ...


@dataclass(frozen=True)
class GroupMeeting:
    group: Group  # as it was before this meeting
    setup: MeetingSetup
    store: GroupStore

    @classmethod
    def prepare(
        cls,
        request: GroupRequest,
        day: date | None = None,
        store: GroupStore | None = None,
        resuming: bool = False,
    ) -> GroupMeeting:
        """``resuming``: the meeting was interrupted and goes on; it is already in the
        group's file, and is prepared as it was when it began (same roles, same look
        back, same place in a series)."""
        assert request.group is not None
        store = store or GroupStore()
        day = day or today()
        group = store.load(request.group)
        if resuming:
            group = before_meeting(group, day)
        away = split_names(request.absent) if request.absent else []
        setup = plan_meeting(group, request.method, day, away, request.chair)
        return cls(group, setup, store)

    def plan(self, plan: Plan, pack: LanguagePack | None = None) -> Plan:
        """``plan`` with what the group's memory says spoken where it belongs."""
        pack = pack or get_pack()
        others = [
            pack.text(f"group.say.role_{role}", name=name)
            for role, name in self.setup.roles
            if role != "voorzitter" or not plan.chair
        ]
        return with_briefing(plan, self.briefing(pack), " ".join(others) or None)

    def notices(self, plan: Plan | None = None) -> list[str]:
        """Shown before the meeting starts: what the meeting (``plan``, after ``self.plan``)
        does not say aloud of the roles of the day, whose action points come back, who has
        waited longest to bring a case."""
        told = self.briefing()
        spoken: set[Phase | None] = set() if plan is None else {s.phase for s in plan.steps}
        texts = [
            None if plan is not None else told.opening,
            None if Phase.LOOK_BACK in spoken or not told.look_back_names else told.look_back_text,
            None if Phase.CASE_CHOICE in spoken else told.case_choice,
            None if plan is not None else told.closing,
        ]
        return [text for text in texts if text is not None]

    def briefing(self, pack: LanguagePack | None = None) -> GroupBriefing:
        return briefing(self.group, self.setup, pack or get_pack())

    def recorder(self, log: EventLog, method: str, notify: Callable[[str], None]) -> GroupRecorder:
        """``log`` wrapped so that the meeting (of ``method``, by name) is kept in the group."""
        setup = replace(self.setup, method=method)
        return GroupRecorder(
            log,
            setup,
            self.store,
            lambda reason: notify(t("group.run.not_recorded", reason=reason)),
        )


def before_meeting(group: Group, day: date) -> Group:
    """``group`` as it was before its last meeting, held on ``day`` and interrupted:
    without that meeting, and with the action points it looked back on open again."""
    if not group.meetings or group.meetings[-1].day != day:
        return group
    actions = tuple(
        replace(a, looked_back=None) if a.looked_back == day else a for a in group.actions
    )
    return replace(group, meetings=group.meetings[:-1], actions=actions)
