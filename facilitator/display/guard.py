"""Who may do what on the display's server: pairing with a code, and a rate limit.

The pairing code is six digits, made fresh for every meeting and kept only in memory,
so pairing ends with the meeting. A phone that gives the code gets a random token (a
cookie); only a request with a token may send commands. Wrong codes are rate limited
for all clients together, so guessing stays hopeless for the length of a meeting:
at most ``GUESSES_PER_MINUTE`` a minute is about 600 of a million codes in two hours.
"""

from __future__ import annotations

import secrets
import threading
import time
from collections.abc import Callable

CODE_DIGITS = 6
GUESSES_BURST = 5
GUESSES_PER_MINUTE = 5.0
COMMANDS_BURST = 6
COMMANDS_PER_SECOND = 2.0
REQUESTS_BURST = 60
REQUESTS_PER_SECOND = 20.0


class TokenBucket:
    """Allows ``burst`` at once and ``rate`` a second after that; ``clock`` is injected."""

    def __init__(
        self, burst: float, rate: float, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.burst = burst
        self.rate = rate
        self.clock = clock
        self._tokens = burst
        self._at = clock()
        self._lock = threading.Lock()

    def take(self) -> bool:
        """Uses up one token; ``False`` (and nothing used) when there is none."""
        with self._lock:
            self._fill()
            if self._tokens < 1:
                return False
            self._tokens -= 1
            return True

    def available(self) -> bool:
        with self._lock:
            self._fill()
            return self._tokens >= 1

    def _fill(self) -> None:
        now = self.clock()
        self._tokens = min(self.burst, self._tokens + (now - self._at) * self.rate)
        self._at = now


class RateLimits:
    """One bucket per client address and kind of request, made on first use."""

    def __init__(self, burst: float, rate: float, clock: Callable[[], float]) -> None:
        self.burst = burst
        self.rate = rate
        self.clock = clock
        self._buckets: dict[str, TokenBucket] = {}
        self._lock = threading.Lock()

    def allow(self, client: str) -> bool:
        with self._lock:
            if client not in self._buckets:
                if len(self._buckets) > 1000:  # a flood of addresses: start over
                    self._buckets.clear()
                self._buckets[client] = TokenBucket(self.burst, self.rate, self.clock)
            bucket = self._buckets[client]
        return bucket.take()


class Pairing:
    """The meeting's pairing code and the tokens of the phones paired with it."""

    def __init__(
        self, code: str | None = None, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.code = code or "".join(secrets.choice("0123456789") for _ in range(CODE_DIGITS))
        self._tokens: set[str] = set()
        self._lock = threading.Lock()
        self.guesses = TokenBucket(GUESSES_BURST, GUESSES_PER_MINUTE / 60, clock)

    @property
    def paired(self) -> bool:
        with self._lock:
            return bool(self._tokens)

    def pair(self, code: str) -> str | None:
        """A new token when ``code`` is right; ``None`` when it is wrong.

        Raises ``TooFast`` when too many wrong codes came in lately (from anyone);
        only a wrong code counts against that limit.
        """
        given = "".join(ch for ch in code if not ch.isspace())
        if not self.guesses.available():
            raise TooFast
        if not secrets.compare_digest(given.encode(), self.code.encode()):
            self.guesses.take()
            return None
        token = secrets.token_urlsafe(32)
        with self._lock:
            self._tokens.add(token)
        return token

    def knows(self, token: str | None) -> bool:
        if not token:
            return False
        with self._lock:
            return any(secrets.compare_digest(token, known) for known in self._tokens)


class TooFast(Exception):
    """Too many requests of this kind lately: try again later."""
