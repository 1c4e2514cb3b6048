"""The commands a chair can give, by keyboard or by voice."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class CommandKind(StrEnum):
    NEXT_STEP = "next_step"
    PREVIOUS_STEP = "previous_step"
    PAUSE = "pause"
    RESUME = "resume"
    TIME_LEFT = "time_left"
    REPEAT = "repeat"  # say the step's instruction again
    EXTEND = "extend"  # +N minutes, N in ``Command.minutes``
    NEXT_SPEAKER = "next_speaker"  # the speaker is done
    PASS = "pass"  # "ik pas": nothing to add (ends a go-round when everyone passes)
    EXAMPLE_QUESTION = "example_question"
    STOP = "stop"  # asks for confirmation
    CONFIRM_STOP = "confirm_stop"
    CANCEL = "cancel"  # cancel a pending stop
    CHOOSE_CASE_OWNER = "choose_case_owner"  # who brings the case: ``Command.participant``


@dataclass(frozen=True)
class Command:
    kind: CommandKind
    minutes: int | None = None  # only for EXTEND
    source: str = "keyboard"  # "keyboard" or "voice"
    participant: int | None = None  # only for CHOOSE_CASE_OWNER: a seat (0-based)
