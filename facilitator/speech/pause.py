"""Waiting for a pause at the table before the facilitator speaks.

A ``PauseGate`` listens to the room's microphone for its loudness only: no speech
model, no words, nothing kept but the time the table was last heard talking. Before
a time-up, a warning, a turn change or a step announcement, the output asks it to
``wait`` until the table has been quiet for ``quiet_s``, at most ``limit_s``; then
the facilitator speaks anyway. The session's schedule does not move: only the
sound starts later.

Talk is a block of audio louder than the room's own noise by ``margin_db`` (and
above ``floor_db``). The noise level follows the quiet blocks down at once and rises
only slowly (the gaps between words pull it down again), so a fan or traffic does
not count as talk. The facilitator's own sound does not count
either: the output tells the gate when it plays (``own_sound``), and blocks from
that time, and a short echo after it, are ignored.

Privacy: each block is reduced to one level in dB and dropped. A microphone that is
missing or fails is reported once; the gate then never waits, and tries the
microphone again now and then.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from facilitator.errors import AudioError
from facilitator.lang import t
from facilitator.meeting.clock import Clock, MonotonicClock
from facilitator.speech.listener import (
    AudioSource,
    Block,
    BlockStream,
    EndOfStream,
    MicrophoneSource,
)

QUIET_S = 0.6
"""This much silence at the table counts as a pause (a breath between sentences is
shorter; the end of a thought is longer)."""

MARGIN_DB = 12.0
FLOOR_DB = -50.0
NOISE_RISE_DB = 0.2  # per block (2 dB a second): how fast the noise level may rise
ECHO_S = 0.4  # the room still rings this long after the facilitator's own sound
RETRY_S = 5.0
_POLL_S = 0.05

# The sounds that open a sentence at a planned moment: these wait for a pause.
POLITE_SOUNDS = frozenset({"step", "warning", "time_up", "turn"})


class PauseGate:
    def __init__(
        self,
        source: AudioSource,
        limit_s: float,
        *,
        quiet_s: float = QUIET_S,
        margin_db: float = MARGIN_DB,
        floor_db: float = FLOOR_DB,
        clock: Clock | None = None,
        on_problem: Callable[[str], None] = lambda _message: None,
    ) -> None:
        self.source = source
        self.limit_s = limit_s
        self.quiet_s = quiet_s
        self.margin_db = margin_db
        self.floor_db = floor_db
        self._clock = clock or MonotonicClock()
        self._on_problem = on_problem
        self._cond = threading.Condition()
        self._last_talk = float("-inf")
        self._noise: float | None = None
        self._own_since: float | None = None
        self._own_until = float("-inf")
        self._working = False
        self._waiting = False
        self._reported = False
        self._stopping = threading.Event()
        self._thread: threading.Thread | None = None

    # --- the output's side ---

    @property
    def waiting(self) -> bool:
        """True while a sentence waits for a pause (shown in the live view)."""
        with self._cond:
            return self._waiting

    def own_sound(self, playing: bool) -> None:
        """The facilitator starts (``True``) or stops making sound."""
        with self._cond:
            now = self._clock.now()
            if playing:
                self._own_since = now
            else:
                self._own_since = None
                self._own_until = now + ECHO_S

    def wait(self, cancel: threading.Event | None = None) -> bool:
        """Waits (real time) for a pause at the table, at most ``limit_s``.

        True when a pause came (or nobody was talking), False when the limit was
        reached, the microphone does not work, or ``cancel`` was set.
        """
        deadline = self._clock.now() + self.limit_s
        with self._cond:
            if not self._working or self.limit_s <= 0:
                return False
            self._waiting = True
            try:
                while True:
                    now = self._clock.now()
                    if now - self._last_talk >= self.quiet_s:
                        return True
                    if now >= deadline or not self._working:
                        return False
                    if cancel is not None and cancel.is_set():
                        return False
                    self._cond.wait(_POLL_S)
            finally:
                self._waiting = False

    # --- the listening thread ---

    def start(self) -> PauseGate:
        self._thread = threading.Thread(target=self._run, name="facilitator-pause", daemon=True)
        self._thread.start()
        return self

    def stop(self, timeout: float = 2.0) -> None:
        self._stopping.set()
        if self._thread is not None:
            self._thread.join(timeout)

    def __enter__(self) -> PauseGate:
        return self.start()

    def __exit__(self, *_exc: object) -> None:
        self.stop()

    def wait_listening(self, timeout: float) -> bool:
        """Waits (real time) until audio comes in; for tests and the room check."""
        with self._cond:
            return self._cond.wait_for(lambda: self._working, timeout)

    def _run(self) -> None:
        stream: BlockStream | None = None
        try:
            while not self._stopping.is_set():
                if stream is None:
                    stream = self._open()
                    if stream is None:
                        self._stopping.wait(RETRY_S)
                        continue
                try:
                    block = stream.read(_POLL_S)
                except (AudioError, EndOfStream) as error:
                    stream.close()
                    stream = None
                    self._lost(str(error) or t("voice.mic_stopped"))
                    continue
                if block is not None:
                    self.hear(block)
        # A bug here must not end the meeting: the gate just stops waiting.
        except Exception as error:
            self._lost(str(error))
        finally:
            if stream is not None:
                stream.close()
            with self._cond:
                self._working = False
                self._cond.notify_all()

    def _open(self) -> BlockStream | None:
        try:
            return self.source.open()
        except AudioError as error:
            self._lost(str(error))
            return None

    def _lost(self, problem: str) -> None:
        with self._cond:
            self._working = False
            self._cond.notify_all()
            first = not self._reported
            self._reported = True
        if first:
            self._on_problem(t("audio.pause_off", problem=problem))

    def hear(self, block: Block) -> None:
        """Takes one block of the microphone's audio (its level only)."""
        level = block.level_db
        with self._cond:
            self._working = True
            own = self._own_since is not None or block.time < self._own_until
            if not own:
                # It starts low: the first sound heard may well be someone talking.
                noise = self.floor_db - self.margin_db if self._noise is None else self._noise
                noise = min(level, noise + NOISE_RISE_DB)
                self._noise = noise
                if level > max(self.floor_db, noise + self.margin_db):
                    self._last_talk = block.end
            self._cond.notify_all()


def open_pause_gate(
    device: str | int | None, limit_s: float, on_problem: Callable[[str], None]
) -> PauseGate | None:
    """A started gate on the room's microphone; None when the room waits for no pause."""
    if limit_s <= 0:
        return None
    return PauseGate(MicrophoneSource(device), limit_s, on_problem=on_problem).start()
