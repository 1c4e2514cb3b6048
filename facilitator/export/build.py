"""From a method name and the command's options to the rehearsal page's HTML."""

from __future__ import annotations

from facilitator.export.page import render_page
from facilitator.export.timeline import rehearsal_script
from facilitator.lang import get_pack
from facilitator.meeting.session import SessionRequest, parse_participants, plan_for, settings_for
from facilitator.meeting.timeslot import slot_length
from facilitator.room.config import RoomConfig


def build_page(
    method: str,
    config: RoomConfig,
    *,
    language: str,
    step_id: str | None = None,
    total: str | None = None,
    participants: str | None = None,
    group_size: int | None = None,
    case_owner: str | None = None,
    grace: float | None = None,
) -> str:
    """The page for ``method`` (or one of its steps), planned as ``rehearse`` plans it
    with these options, moving on by itself after each step's grace period."""
    request = SessionRequest(
        method=method,
        participants=participants,
        group_size=group_size,
        case_owner=case_owner,
        grace=grace,
        wait=False,
        rehearse=True,
        step_id=step_id,
        fit_s=None if total is None else slot_length(total),
    )
    people = parse_participants(participants, group_size, case_owner)
    settings = settings_for(request, config)
    _, plan = plan_for(request, people, settings)
    pack = get_pack(language)
    return render_page(plan, rehearsal_script(plan, settings, pack), pack)
