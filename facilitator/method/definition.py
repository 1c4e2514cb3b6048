"""What a method is, once its YAML file has been read and checked.

Frozen dataclasses only; the loader (``facilitator.method.loader``) builds them and is the
only place that knows about YAML. Durations are seconds.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Literal

OnTimeUp = Literal["advance", "wait"]


class Phase(StrEnum):
    """A part of the meeting's frame (the documents' order): each happens once."""

    LOOK_BACK = "look_back"  # how last time's action points worked out
    INVENTORY = "inventory"  # everyone names a case briefly
    CASE_CHOICE = "case_choice"  # the group chooses the case; then its inbrenger
    EVALUATION = "evaluation"  # learned, action points, the method, the group process


class Actor(StrEnum):
    """Who acts in a step."""

    CASE_OWNER = "inbrenger"
    GROUP = "groep"
    CHAIR = "voorzitter"
    EACH = "ieder"  # every participant except the case owner, in turn
    ALL = "iedereen"  # everyone, the case owner included


@dataclass(frozen=True)
class Where:
    """A place in a method file, for error messages."""

    file: str
    line: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}"


@dataclass(frozen=True)
class TurnRound:
    """A step in which participants speak in turn.

    ``per_turn_s`` is a fixed time box per turn; ``None`` shares the step's remaining
    time equally among the remaining turns. ``again`` goes round again until the
    step's time is up or everyone passed in one full round (the reflecting team's
    "ik pas" round). ``case_owner_too`` includes the case owner (e.g. the inventory
    of cases at the start of a meeting, when there is no case owner yet).
    """

    per_turn_s: float | None = None
    again: bool = False
    case_owner_too: bool = False


@dataclass(frozen=True)
class Reminder:
    """A rule said again ``after_s`` seconds into a step ("Denk eraan: alleen vragen.")."""

    after_s: float
    text: str


@dataclass(frozen=True)
class Step:
    id: str
    title: str
    duration_s: float
    instruction: str
    # Read out on request ("uitleg"): what the spoken instruction leaves out.
    explanation: str | None = None
    actor: Actor = Actor.GROUP
    turns: TurnRound | None = None
    questions: tuple[str, ...] = ()
    # Seconds before the end at which to warn; None means: use the session default.
    warnings_s: tuple[float, ...] | None = None
    on_time_up: OnTimeUp | None = None
    reminders: tuple[Reminder, ...] = ()
    # Said halfway an open group step to invite the quiet members; "" means: the
    # language pack's own words.
    invitation: str | None = None
    where: Where | None = field(default=None, compare=False)
    # The frame part this step is (None: the method's own work).
    phase: Phase | None = None
    # Said when the step's turn round is done, e.g. inviting the inbrenger's reaction.
    after_round: str | None = None


@dataclass(frozen=True)
class RepeatBlock:
    """Steps ``first``..``last`` (ids, inclusive) may be run again, e.g. per topic.

    ``times`` is how often the block runs by default (1 = once, no repetition).
    """

    first: str
    last: str
    times: int = 1
    label: str = ""


@dataclass(frozen=True)
class Method:
    name: str  # the file stem
    title: str
    purpose: str
    steps: tuple[Step, ...]
    kind: Literal["method", "opening", "closing", "agenda"] = "method"
    total_s: float | None = None  # as declared in the file; checked against the steps
    roles: tuple[str, ...] = ()
    repeat: RepeatBlock | None = None
    on_time_up: OnTimeUp | None = None
    min_participants: int = 3
    source: str = ""  # the file it came from
    language: str | None = None  # "nl" or "en" (``taal``); None: the room's language
    # Frame parts this meeting leaves out altogether (e.g. no look back at a first meeting).
    omits: frozenset[Phase] = frozenset()
    materials: tuple[str, ...] = ()  # announced in the welcome: "flap-overs, stiften"

    @property
    def planned_s(self) -> float:
        return sum(step.duration_s for step in self.steps)

    @property
    def frame_parts(self) -> frozenset[Phase]:
        """The frame parts this method takes care of: its own version, or none at all."""
        return frozenset(s.phase for s in self.steps if s.phase is not None) | self.omits
