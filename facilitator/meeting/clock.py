"""Clocks: the only place where facilitator reads the time.

All times are monotonic seconds. The engine never reads a clock itself: the runner
passes ``clock.now()`` in with every event. Deadlines are absolute, so a long meeting
does not drift however late a wake-up comes.
"""

from __future__ import annotations

import time
from typing import Protocol


class Clock(Protocol):
    def now(self) -> float:
        """Session time in seconds (monotonic)."""
        ...

    def real_seconds_until(self, t: float) -> float:
        """How many real seconds to wait until session time ``t`` (0 if past)."""
        ...


class MonotonicClock:
    """Real time, from ``time.monotonic``."""

    def now(self) -> float:
        return time.monotonic()

    def real_seconds_until(self, t: float) -> float:
        return max(0.0, t - self.now())


class ScaledClock:
    """Session time that runs ``speed`` times faster than real time (rehearsal, tests).

    Session time starts at 0 when the clock is made.
    """

    def __init__(self, speed: float, source: Clock | None = None) -> None:
        if speed <= 0:
            raise ValueError("speed must be positive")
        self.speed = speed
        self._source = source or MonotonicClock()
        self._origin = self._source.now()

    def now(self) -> float:
        return (self._source.now() - self._origin) * self.speed

    def real_seconds_until(self, t: float) -> float:
        return max(0.0, (t - self.now()) / self.speed)


class FakeClock:
    """A clock for tests: it moves only when told, and never backwards."""

    def __init__(self, start: float = 0.0) -> None:
        self._now = start

    def now(self) -> float:
        return self._now

    def real_seconds_until(self, t: float) -> float:
        return max(0.0, t - self._now)

    def jump(self, seconds: float) -> float:
        if seconds < 0:
            raise ValueError(f"a clock cannot go back ({seconds} s)")
        self._now += seconds
        return self._now

    def set(self, t: float) -> float:
        return self.jump(t - self._now)
