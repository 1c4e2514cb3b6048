"""The time slot a meeting must fit into, as the chair gives it on the command line:
a length (``--total 50min``) or the time of day it must end (``--until 21:00``).

The time of day is read by the caller and passed in, so this stays a pure function.
"""

from __future__ import annotations

from datetime import datetime

from facilitator.errors import ConfigError
from facilitator.lang import t
from facilitator.method.durations import parse_slot


def slot_seconds(total: str | None, until: str | None, now: datetime) -> float | None:
    """The time the meeting must fit into, from --total or --until (or None)."""
    if total is not None and until is not None:
        raise ConfigError(t("cli.fit_both"))
    if total is not None:
        return slot_length(total)
    if until is None:
        return None
    try:
        at = datetime.strptime(until.strip(), "%H:%M").time()
    except ValueError:
        raise ConfigError(t("cli.until_bad", value=until)) from None
    seconds = (datetime.combine(now.date(), at) - now).total_seconds()
    if seconds <= 0:
        raise ConfigError(t("cli.until_past", value=until, now=now.strftime("%H:%M")))
    return seconds


def slot_length(total: str) -> float:
    """The seconds of a --total such as ``50min`` or ``1:15`` (hours:minutes)."""
    seconds = parse_slot(total)
    if seconds is None or seconds <= 0:
        raise ConfigError(t("cli.total_bad", value=total))
    return seconds
