"""Drift: does a long meeting end when the plan says, or does lateness add up?

Two runs through the real ``Session`` and ``Runner`` with text output (no sound) and
a real session log (written and synced line by line, as with ``--log``) and the
recovery checkpoints (the state file, replaced and synced after every change):

1. a simulated two-hour meeting on a ``ScaledClock`` (default 600x: 12 s of real
   time), and
2. a meeting of ``--real-minutes`` (default 10) on the real monotonic clock.

Every log write is stamped with the clock at the moment the runner carried it out.
An event's *lateness* is that moment minus its planned session time. Deadlines are
absolute, so lateness should stay as small at the end as at the start: the
*end error* is the lateness of ``session_ended``, in real milliseconds (at 600x one
real millisecond is 0.6 s of session time, so the simulated run shows the trend, the
real run the size). The log's own times are the planned ones; the check that the
logged end equals the plan (steps plus grace periods) is exact by design.

Run: ``.venv/bin/python bench/drift.py [--speed 600] [--real-minutes 10]``.
"""

from __future__ import annotations

import argparse
import io
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from common import (
    StepSpec,
    Target,
    checkpoints,
    print_targets,
    stats,
    table,
    write_method,
    write_results,
)

NAME = "drift"
TARGET_END_MS = 50.0
PARTICIPANTS = "Anna,Bram,Carla,Daan,Eva,Fleur"


def two_hour_steps() -> list[StepSpec]:
    """Twelve steps of 10 minutes; every third a turn round; two warnings each."""
    steps = []
    for n in range(1, 13):
        if n % 3 == 0:
            steps.append(
                StepSpec(
                    f"ronde-{n}",
                    "10 min",
                    f"Ronde {n}",
                    "Om de beurt.",
                    warnings=("5 min", "1 min"),
                    per_turn="90 s",
                    again=True,
                )
            )
        else:
            steps.append(
                StepSpec(
                    f"stap-{n}", "10 min", f"Stap {n}", "Ga verder.", warnings=("5 min", "1 min")
                )
            )
    return steps


def timed_steps(total_s: float, grace_s: float) -> list[StepSpec]:
    """Steps (one a turn round) that, with their grace periods, fill ``total_s``."""
    count = max(1, min(5, int(total_s // 120)))
    each = max(1, int((total_s - count * grace_s) // count))
    steps = []
    for n in range(1, count + 1):
        warnings = (f"{max(1, each // 2)} s",) if each >= 4 else None
        if n == 2:
            turn = max(1, each // 4)
            steps.append(
                StepSpec(
                    f"ronde-{n}",
                    f"{each} s",
                    f"Ronde {n}",
                    "Om de beurt.",
                    warnings=warnings,
                    per_turn=f"{turn} s",
                    again=True,
                )
            )
        else:
            steps.append(
                StepSpec(f"stap-{n}", f"{each} s", f"Stap {n}", "Ga verder.", warnings=warnings)
            )
    return steps


@dataclass
class Stamp:
    event: str
    planned: float  # session time from the log (since the start)
    clock: float  # the session clock when the runner carried it out
    real: float  # time.monotonic() then


@dataclass
class StampedLog:
    """Passes log writes on to the real session log and notes when they happened."""

    inner: Any
    clock: Any
    stamps: list[Stamp] = field(default_factory=list)

    def write(self, event: str, t: float, **fields: object) -> object:
        self.stamps.append(Stamp(event, t, self.clock.now(), time.monotonic()))
        return self.inner.write(event, t, **fields)


@dataclass
class Result:
    label: str
    speed: float
    planned_end_s: float  # steps plus grace periods
    logged_end_s: float
    events: int
    real_s: float
    lateness_ms: list[float]  # real ms, per event
    session_t: list[float]  # planned session time of each event
    end_ms: float  # real ms

    @property
    def growth_ms(self) -> float:
        """How much lateness grew from start to end, from a straight line fitted through it."""
        if len(self.session_t) < 3:
            return 0.0
        return float(np.polyfit(self.session_t, self.lateness_ms, 1)[0] * self.planned_end_s)

    def as_dict(self) -> dict[str, Any]:
        return {
            "label": self.label,
            "speed": self.speed,
            "planned_end_s": self.planned_end_s,
            "logged_end_s": self.logged_end_s,
            "logged_minus_planned_ms": round((self.logged_end_s - self.planned_end_s) * 1000, 3),
            "events": self.events,
            "real_s": round(self.real_s, 2),
            "lateness_ms": stats(self.lateness_ms),
            "end_error_ms": round(self.end_ms, 3),
            "end_error_session_s": round(self.end_ms * self.speed / 1000, 3),
            "lateness_growth_ms": round(self.growth_ms, 4),
        }


def run(
    label: str, steps: Sequence[StepSpec], speed: float, grace_s: float, workdir: Path
) -> Result:
    from facilitator.lang import get_pack, set_language
    from facilitator.meeting.clock import Clock, MonotonicClock, ScaledClock
    from facilitator.meeting.engine import Session
    from facilitator.meeting.runner import Runner
    from facilitator.meeting.session import (
        SessionRequest,
        parse_participants,
        plan_for,
        settings_for,
    )
    from facilitator.meeting.sessionlog import SessionLog
    from facilitator.room.config import RoomConfig
    from facilitator.room.view import PlainDisplay
    from facilitator.speech.output import SilentOutput

    set_language("nl")
    method = write_method(workdir, label, "Duurtest", steps)
    request = SessionRequest(method=str(method), participants=PARTICIPANTS, speed=speed)
    people = parse_participants(PARTICIPANTS, None, None)
    _, plan = plan_for(request, people)
    settings = settings_for(request, RoomConfig(grace_s=grace_s))
    planned_end = plan.total_s + grace_s * len(plan.steps)

    clock: Clock = MonotonicClock() if speed == 1.0 else ScaledClock(speed)
    session = Session(plan, settings, get_pack())
    with SessionLog(workdir / f"{label}.jsonl") as log:
        stamped = StampedLog(log, clock)
        save = checkpoints(request, session, workdir)
        display = PlainDisplay(io.StringIO())
        runner = Runner(session, clock, SilentOutput(), stamped, display, save)
        began = time.monotonic()
        runner.run()
        real_s = time.monotonic() - began
    assert session.started_at is not None
    start = session.started_at
    late = [(s.clock - (start + s.planned)) / speed * 1000 for s in stamped.stamps]
    end = next(s for s in reversed(stamped.stamps) if s.event == "session_ended")
    return Result(
        label=label,
        speed=speed,
        planned_end_s=planned_end,
        logged_end_s=end.planned,
        events=len(stamped.stamps),
        real_s=real_s,
        lateness_ms=late,
        session_t=[s.planned for s in stamped.stamps],
        end_ms=(end.clock - (start + end.planned)) / speed * 1000,
    )


def simulated(speed: float, workdir: Path) -> Result:
    return run("two-hours-scaled", two_hour_steps(), speed, 10.0, workdir)


def real_time(minutes: float, workdir: Path) -> Result:
    grace = 5.0 if minutes >= 2 else 0.5
    return run(f"real-{minutes:g}-min", timed_steps(minutes * 60, grace), 1.0, grace, workdir)


def summarise(results: Sequence[Result]) -> tuple[list[Target], dict[str, Any]]:
    targets = []
    for r in results:
        targets.append(
            Target(
                f"{r.label}: end error",
                r.end_ms,
                "ms",
                TARGET_END_MS,
                note=f"= {r.end_ms * r.speed / 1000:.3f} s of session time at {r.speed:g}x"
                if r.speed != 1
                else "",
            )
        )
        targets.append(Target(f"{r.label}: max lateness", max(r.lateness_ms), "ms"))
        targets.append(
            Target(
                f"{r.label}: lateness growth start -> end",
                r.growth_ms,
                "ms",
                note="fitted line over all events; 0 means nothing adds up",
            )
        )
        targets.append(
            Target(f"{r.label}: logged end - plan", (r.logged_end_s - r.planned_end_s) * 1000, "ms")
        )
    return targets, {"runs": [r.as_dict() for r in results]}


def print_runs(results: Sequence[Result]) -> None:
    rows = []
    for r in results:
        s = stats(r.lateness_ms)
        rows.append(
            (
                r.label,
                f"{r.speed:g}x",
                f"{r.planned_end_s / 60:.1f} min",
                r.events,
                f"{r.real_s:.1f} s",
                f"{s['median']:.2f}",
                f"{s['max']:.2f}",
                f"{r.end_ms:.2f}",
                f"{r.growth_ms:+.3f}",
            )
        )
    print(
        table(
            (
                "run",
                "speed",
                "meeting",
                "events",
                "real",
                "late median ms",
                "late max ms",
                "end error ms",
                "growth ms",
            ),
            rows,
        )
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--speed", type=float, default=600.0, help="speed of the simulated meeting")
    parser.add_argument(
        "--real-minutes", type=float, default=10.0, help="length of the real-time run"
    )
    args = parser.parse_args(argv)
    results = []
    print(
        f"drift: two hours at {args.speed:g}x, then {args.real_minutes:g} min in real time",
        file=sys.stderr,
        flush=True,
    )
    with tempfile.TemporaryDirectory(prefix="bench-drift-") as tmp:
        results.append(simulated(args.speed, Path(tmp)))
        if args.real_minutes > 0:
            results.append(real_time(args.real_minutes, Path(tmp)))
    targets, details = summarise(results)
    print()
    print_runs(results)
    print_targets("Drift (lateness of the last event against the plan)", targets)
    write_results(NAME, targets, details)
    return 0


if __name__ == "__main__":
    sys.exit(main())
