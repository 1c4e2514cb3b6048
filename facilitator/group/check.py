"""``facilitator check``: can every group in the room be read, and who chairs next?"""

from __future__ import annotations

from collections.abc import Iterator

from facilitator.errors import GroupError
from facilitator.group.model import today
from facilitator.group.setup import plan_meeting
from facilitator.group.store import GroupStore
from facilitator.lang import t
from facilitator.room.check import Finding, Status


def check_groups(store: GroupStore | None = None) -> Iterator[Finding]:
    """One finding per group: fine (with who chairs next), or its file:line problem."""
    store = store or GroupStore()
    for name in store.names():
        try:
            group = store.load(name)
            chair = None
            if group.current_members:
                chair = plan_meeting(group, "", today()).holder("voorzitter")
        except GroupError as error:
            yield Finding(Status.PROBLEM, t("group.check.problem", reason=error))
            continue
        key = "group.check.ok" if chair else "group.check.ok_no_chair"
        yield Finding(
            Status.OK, t(key, name=group.name, members=len(group.current_members), chair=chair)
        )
