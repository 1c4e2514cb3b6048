"""What the room display shows, as plain data: the session's view, worded and ready to send.

Everything here is text for the page to put in place with ``textContent``; the page
formats nothing itself, so it speaks the room's language pack without a copy of it.
Times are kept as the text that shows them, so two equal snapshots look the same and
an update is sent only when something on the screen changes.
"""

from __future__ import annotations

from typing import Any

from facilitator.lang import t
from facilitator.meeting.engine import SessionView
from facilitator.room.view import clock_text, shown_seconds


def snapshot(view: SessionView) -> dict[str, Any]:
    """The display's content for ``view``."""
    remaining = shown_seconds(view.remaining_s)
    state = ""
    if view.ended is not None:
        state = t("display.ended" if view.ended != "interrupted" else "display.interrupted")
    elif view.stop_pending:
        state = t("display.stop_pending")
    elif view.paused:
        state = t("display.paused")
    elif view.waiting:
        state = t("display.waiting")
    elif remaining <= 0:
        state = t("display.time_up")
    done = 0.0
    if view.duration_s > 0:
        done = min(max(1 - max(remaining, 0) / view.duration_s, 0.0), 1.0)
    turn = None
    if view.speaker is not None and view.turn_remaining_s is not None:
        turn = {
            "speaker": view.speaker,
            "remaining": clock_text(max(view.turn_remaining_s, 0.0)),
            "round": t("display.round", round=view.round) if view.round and view.round > 1 else "",
            "next": view.next_speaker or "",
        }
    return {
        "heading": t("display.heading", number=view.step_number, count=view.step_count),
        "step": view.step_id,
        "title": view.title,
        "instruction": view.instruction,
        "remaining": clock_text(max(view.remaining_s, 0.0)),
        "progress": round(done, 3),
        "state": state,
        "paused": view.paused,
        "stop_pending": view.stop_pending,
        "turn": turn,
        "next_title": view.next_title or t("display.last_step"),
        "total": clock_text(view.total_remaining_s),
        "ended": view.ended,
    }
