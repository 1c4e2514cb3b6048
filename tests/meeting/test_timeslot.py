"""The time slot a meeting is fitted into, from --total or --until."""

from __future__ import annotations

from datetime import datetime

import pytest

from facilitator.errors import ConfigError
from facilitator.meeting.timeslot import slot_length, slot_seconds


def test_until_counts_from_now_to_that_time_today() -> None:
    evening = datetime(2026, 11, 25, 19, 30, 20)
    assert slot_seconds(None, "21:00", evening) == 90 * 60 - 20
    assert slot_seconds("1:15", None, evening) == 75 * 60
    assert slot_seconds(None, None, evening) is None
    with pytest.raises(ConfigError, match="19:30"):
        slot_seconds(None, "19:00", evening)


def test_a_length_reads_like_a_meeting_slot() -> None:
    assert slot_length("50min") == 50 * 60
    assert slot_length("1 uur") == 3600
    assert slot_length("1:15") == 75 * 60  # hours:minutes, not minutes:seconds
    for bad in ("lang", "0 min", "-5 min", ""):
        with pytest.raises(ConfigError, match="--total"):
            slot_length(bad)
    with pytest.raises(ConfigError, match="niet allebei"):
        slot_seconds("50min", "21:00", datetime(2026, 11, 25, 19, 0))
