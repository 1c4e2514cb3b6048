"""The nl language pack (see ``facilitator.lang``)."""

from __future__ import annotations

from facilitator.lang.nl import (
    audio,
    check,
    cli,
    cli_help,
    display,
    export,
    group,
    keys,
    method,
    records,
    safety,
    session,
    terminal,
    voice,
)
from facilitator.lang.nl.time import duration, number
from facilitator.lang.variants import Template

PHRASES: dict[str, Template] = {
    **session.PHRASES,
    **cli.PHRASES,
    **method.PHRASES,
    **audio.PHRASES,
    **records.PHRASES,
    **voice.PHRASES,
    **keys.PHRASES,
    **check.PHRASES,
    **export.PHRASES,
    **terminal.PHRASES,
    **cli_help.PHRASES,
    **group.PHRASES,
    **display.PHRASES,
    **safety.PHRASES,
}

__all__ = ["PHRASES", "duration", "number"]
