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
    EXPLAIN = "explain"  # read the step's explanation ("uitleg")
    STOP = "stop"  # asks for confirmation
    CONFIRM_STOP = "confirm_stop"
    CANCEL = "cancel"  # cancel a pending stop
    ACTION_POINT = "action_point"  # someone takes an action point: ``Command.participant``
    CHOOSE_CASE_OWNER = "choose_case_owner"  # who brings the case: ``Command.participant``


@dataclass(frozen=True)
class Command:
    kind: CommandKind
    minutes: int | None = None  # only for EXTEND
    source: str = "keyboard"  # "keyboard", "voice" or "remote" (the chair's phone)
    # A seat (0-based): who brings the case (CHOOSE_CASE_OWNER) or takes an action point
    # (ACTION_POINT; None: whoever has the turn).
    participant: int | None = None
