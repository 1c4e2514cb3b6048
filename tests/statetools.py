"""A valid saved state, to save, mutate and resume in tests."""

from __future__ import annotations

from typing import Any


def snapshot_of(step_ids: list[str], index: int = 0) -> dict[str, Any]:
    """A snapshot as the engine saves it, ``index`` steps into ``step_ids``."""
    from facilitator.meeting.engine import SNAPSHOT_VERSION

    return {
        "version": SNAPSHOT_VERSION,
        "step_ids": list(step_ids),
        "elapsed_s": 30.0,
        "index": index,
        "step_elapsed_s": 30.0,
        "length_s": 300.0,
        "extension_s": 0.0,
        "warned": [],
        "time_up_s": None,
        "question": 0,
        "paused": False,
        "turn_rounds": 0,
        "turns": None,
    }
