"""Durations as people write them in method files and on the command line.

``"5 min"``, ``"90 s"``, ``"1,5 min"``, ``"1 uur"``, ``"2 minuten"``, ``"1:30"`` (m:ss).
"""

from __future__ import annotations

import re

_UNITS: dict[str, float] = {
    "s": 1,
    "sec": 1,
    "seconde": 1,
    "seconden": 1,
    "second": 1,
    "seconds": 1,
    "m": 60,
    "min": 60,
    "minuut": 60,
    "minuten": 60,
    "minute": 60,
    "minutes": 60,
    "u": 3600,
    "h": 3600,
    "uur": 3600,
    "uren": 3600,
    "hour": 3600,
    "hours": 3600,
}

_AMOUNT = re.compile(r"^\s*(\d+(?:[.,]\d+)?)\s*([a-z]+)\.?\s*$")
_CLOCK = re.compile(r"^\s*(\d+):([0-5]\d)\s*$")


def parse_duration(text: str) -> float | None:
    """Seconds for ``text``, or ``None`` when it is not a duration we understand."""
    low = text.strip().lower()
    clock = _CLOCK.match(low)
    if clock:
        return int(clock.group(1)) * 60.0 + int(clock.group(2))
    amount = _AMOUNT.match(low)
    if not amount or amount.group(2) not in _UNITS:
        return None
    return float(amount.group(1).replace(",", ".")) * _UNITS[amount.group(2)]


_SLOT = re.compile(r"^\s*(\d+):([0-5]\d)\s*$")


def parse_slot(text: str) -> float | None:
    """Seconds for the length of a meeting slot: as ``parse_duration``, except that
    ``"1:15"`` means an hour and a quarter (a slot is hours long, not minutes)."""
    slot = _SLOT.match(text)
    if slot:
        return int(slot.group(1)) * 3600.0 + int(slot.group(2)) * 60
    return parse_duration(text)


def format_duration(seconds: float) -> str:
    """The compact written form used in files and tables: ``5 min``, ``90 s``, ``1 min 30 s``."""
    total = round(seconds)
    minutes, secs = divmod(total, 60)
    if minutes and secs:
        return f"{minutes} min {secs} s"
    if minutes:
        return f"{minutes} min"
    return f"{secs} s"
