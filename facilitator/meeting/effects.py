"""What the engine asks the outside world to do, and what it is told.

The engine returns effects; the runner carries them out. Nothing here does I/O.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from facilitator.meeting.commands import Command


# Events -------------------------------------------------------------------------
@dataclass(frozen=True)
class Tick:
    """Time has passed; handle whatever fell due up to ``now``."""

    now: float


@dataclass(frozen=True)
class Heard:
    """A command from the chair (keyboard or voice), given at ``now``."""

    now: float
    command: Command


Event = Tick | Heard


# Effects ------------------------------------------------------------------------
@dataclass(frozen=True)
class Say:
    text: str
    generation: int
    at: float = 0.0  # the session moment it belongs to


@dataclass(frozen=True)
class Play:
    sound: str  # a name in sounds/: turn, turn_ending, time_up, step, warning, command
    generation: int
    at: float = 0.0


@dataclass(frozen=True)
class Supersede:
    """Drop announcements older than ``generation``: the chair moved on."""

    generation: int


@dataclass(frozen=True)
class Outdated:
    """A new step or turn began at ``before``: what was due earlier and has not begun
    to sound yet is out of date and may be skipped.

    At real time speech has long finished by then; this matters when speech lags
    behind the clock, as in a rehearsal at a high ``--speed``. Unlike ``Supersede``
    it never cuts a sound that is playing.
    """

    before: float


@dataclass(frozen=True)
class Log:
    event: str
    t: float
    fields: Mapping[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class WakeAt:
    """Send the next Tick at session time ``t`` (``None``: only a command can wake us)."""

    t: float | None


@dataclass(frozen=True)
class End:
    reason: str  # completed | stopped | interrupted


Effect = Say | Play | Supersede | Outdated | Log | WakeAt | End
