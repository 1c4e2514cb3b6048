"""Records a meeting into its group's file, from the session's own log events.

The engine stays pure: it only emits ``Log`` events. ``GroupRecorder`` sits where the
session log sits (the runner writes every event to it), passes each event on to
the real log unchanged, and keeps the group's memory from them:

- ``session_started``: the meeting, with who is present, who is absent and the
  roles of the day (from the ``MeetingSetup``), and the inbrenger when the command
  line already named one (``case_owner``). A resumed session goes on with the
  meeting it recorded before. It also writes one ``group_meeting`` event to the log,
  so the log says which roles the meeting had.
- ``case_owner_set`` (``participant``): the inbrenger chosen during the meeting.
- ``action_point`` (``participant``): someone takes an action point (no text: a
  person types that afterwards with ``facilitator group actions``).
- ``turn_started`` in a look-back step (a step whose ``phase`` is ``look_back``, in
  the ``session_started`` step list or on its ``step_started`` event): that
  person's earlier action points have come back, and are no longer open.

A group file that cannot be written never stops the meeting: the problem is said
once through ``notify``, and the meeting goes on.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace
from typing import Protocol

from facilitator.errors import GroupError
from facilitator.group.model import ActionPoint, Group, Meeting
from facilitator.group.setup import MeetingSetup
from facilitator.group.store import GroupStore

LOOK_BACK = "look_back"


class EventLog(Protocol):
    def write(self, event: str, t: float, **fields: object) -> object: ...


class GroupRecorder:
    def __init__(
        self,
        log: EventLog,
        setup: MeetingSetup,
        store: GroupStore | None = None,
        notify: Callable[[str], None] | None = None,
    ) -> None:
        self.log = log
        self.setup = setup
        self.store = store or GroupStore()
        self.notify = notify or (lambda _text: None)
        self.number: int | None = None  # the meeting's number in the group's file
        self.failed = False
        self._look_back_steps: set[str] = set()
        self._open_at_start: set[int] = set()

    def write(self, event: str, t: float, **fields: object) -> object:
        record = self.log.write(event, t, **fields)
        try:
            self._record(event, t, fields)
        except GroupError as error:
            if not self.failed:
                self.failed = True
                self.notify(str(error))
        return record

    def _record(self, event: str, at: float, fields: Mapping[str, object]) -> None:
        if event == "session_started":
            self._started(at, fields)
        elif self.number is None:
            return
        elif event == "step_started":
            if fields.get("phase") == LOOK_BACK and isinstance(fields.get("step"), str):
                self._look_back_steps.add(str(fields["step"]))
        elif (name := _name(fields)) is None:
            return
        elif event == "case_owner_set":
            number = self._number()
            self._change(lambda group: _case_owner(group, number, name))
        elif event == "action_point":
            self._change(lambda group: _action_point(group, name, self.setup))
        elif event == "turn_started" and fields.get("step") in self._look_back_steps:
            earlier = self._open_at_start
            self._change(lambda group: _looked_back(group, name, earlier, self.setup))

    def _started(self, at: float, fields: Mapping[str, object]) -> None:
        steps = fields.get("steps")
        if isinstance(steps, list):
            self._look_back_steps = {
                str(s["id"])
                for s in steps
                if isinstance(s, Mapping) and s.get("phase") == LOOK_BACK and "id" in s
            }
        owner = fields.get("case_owner")
        owner_name = owner if isinstance(owner, str) else None
        resumed = bool(fields.get("resumed"))
        group = self.store.update(
            self.setup.group, lambda group: self._meeting(group, owner_name, resumed)
        )
        self._open_at_start = {a.number for a in group.open_actions}
        setup = self.setup
        self.log.write(
            "group_meeting",
            at,
            group=setup.group,
            number=self.number,
            absent=list(setup.absent),
            chair=setup.holder("voorzitter"),
            note_taker=setup.holder("notulist"),
        )

    def _meeting(self, group: Group, owner: str | None, resumed: bool) -> Group:
        setup = self.setup
        if resumed and group.meetings:
            last = group.meetings[-1]
            if last.day == setup.day and last.method == setup.method:
                self.number = last.number
                return group
        self.number = group.next_meeting_number()
        meeting = Meeting(
            number=self.number,
            day=setup.day,
            method=setup.method,
            present=setup.present,
            absent=setup.absent,
            roles=setup.roles,
            case_owner=owner,
        )
        return group.with_meeting(meeting)

    def _number(self) -> int:
        assert self.number is not None
        return self.number

    def _change(self, change: Callable[[Group], Group]) -> None:
        self.store.update(self.setup.group, change)


def _name(fields: Mapping[str, object]) -> str | None:
    value = fields.get("participant")
    return value if isinstance(value, str) and value.strip() else None


def _case_owner(group: Group, number: int, name: str) -> Group:
    meeting = group.meeting(number)
    if meeting is None:  # removed by hand during the meeting
        return group
    known = group.known_name(name) or name
    return group.with_meeting(replace(meeting, case_owner=known))


def _action_point(group: Group, name: str, setup: MeetingSetup) -> Group:
    known = group.known_name(name) or name
    point = ActionPoint(group.next_action_number(), known, setup.day)
    return replace(group, actions=(*group.actions, point))


def _looked_back(group: Group, name: str, earlier: set[int], setup: MeetingSetup) -> Group:
    """``name``'s action points from before this meeting have come back."""
    folded = name.casefold()
    actions = tuple(
        replace(a, looked_back=setup.day)
        if a.number in earlier and a.open and a.person.casefold() == folded
        else a
        for a in group.actions
    )
    return replace(group, actions=actions)
