"""The nl language pack (see ``facilitator.lang``)."""

from __future__ import annotations

from facilitator.lang.nl import audio, check, cli, keys, method, records, safety, session, voice
from facilitator.lang.nl.time import duration, number

PHRASES: dict[str, str] = {
    **session.PHRASES,
    **cli.PHRASES,
    **method.PHRASES,
    **audio.PHRASES,
    **records.PHRASES,
    **voice.PHRASES,
    **keys.PHRASES,
    **check.PHRASES,
    **safety.PHRASES,
}

__all__ = ["PHRASES", "duration", "number"]
