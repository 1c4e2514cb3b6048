"""What the session runner speaks and plays through: the ``Output``.

Every call returns at once; a worker thread plays the queued items in order, so the
timer never waits for the loudspeaker. Each item carries the *generation* of the
moment it belongs to (the runner counts up whenever the chair moves on): after
``supersede(g)`` everything older than ``g`` is dropped, and a sound that is playing
is cut off, so the room never hears an announcement that is no longer true.

Nothing here stops a session. ``open_output`` builds the best output that works,
from voice and chimes, to chimes only, to silence, and ``AudioOutput`` reports a
failing voice or device once through ``on_problem`` and carries on. A loudspeaker
that is missing or lost is tried again every few seconds, and used again (with a
word on screen) as soon as it is back.
"""

from __future__ import annotations

import collections
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal, Protocol

from facilitator.errors import AudioError, SpeechError
from facilitator.lang import t
from facilitator.meeting.clock import Clock, MonotonicClock
from facilitator.speech.audio import (
    NativeNoiseFilter,
    Player,
    ReconnectingPlayer,
    Sound,
    SoundDevicePlayer,
    load_sound,
)
from facilitator.speech.tts import EspeakSynthesizer, Synthesizer

ProblemHandler = Callable[[str], None]
"""Gets a message for the user; called from worker threads, so it must be thread-safe."""

FALLBACK_SOUND = "notice"
"""Played in place of a sentence that could not be spoken."""

BUSY_TAIL_S = 0.6
"""How long after the last sound ``busy()`` stays true: the room still echoes it."""

RETRY_DEVICE_S = 5.0
"""How often a failed loudspeaker is tried again."""


class Output(Protocol):
    def say(self, text: str, generation: int, at: float = 0.0) -> None:
        """Queues ``text`` to be spoken; returns at once.

        ``at`` is the session moment the sentence belongs to (see ``outdate``).
        """
        ...

    def play(self, sound_name: str, generation: int, at: float = 0.0) -> None:
        """Queues the cue sound ``sound_name`` (see ``audio.SOUND_NAMES``); returns at once."""
        ...

    def supersede(self, generation: int) -> None:
        """Drops everything older than ``generation``, also what is playing now."""
        ...

    def outdate(self, before: float) -> None:
        """Drops what belongs to a moment before ``before`` and has not begun to sound."""
        ...

    def busy(self) -> bool:
        """True while the facilitator speaks or plays, has more queued, or just stopped."""
        ...

    def wait_idle(self, timeout: float) -> bool:
        """Waits (real time) until everything queued has been played; False on timeout."""
        ...

    def close(self, timeout: float = 5.0) -> None:
        """Plays what is queued (at most ``timeout`` seconds), then stops for good."""
        ...


class SilentOutput:
    """An output that says nothing (``--text`` sessions, or when no sound works)."""

    def say(self, text: str, generation: int, at: float = 0.0) -> None:
        pass

    def play(self, sound_name: str, generation: int, at: float = 0.0) -> None:
        pass

    def supersede(self, generation: int) -> None:
        pass

    def outdate(self, before: float) -> None:
        pass

    def busy(self) -> bool:
        return False

    def wait_idle(self, timeout: float) -> bool:
        return True

    def close(self, timeout: float = 5.0) -> None:
        pass


@dataclass(frozen=True)
class OutputCall:
    kind: Literal["say", "play", "supersede", "outdate"]
    value: str | None
    generation: int
    at: float = 0.0


class RecordingOutput:
    """An output for tests: it keeps a list of what it was asked, in order.

    Set ``speaking`` to make ``busy()`` true.
    """

    def __init__(self) -> None:
        self.calls: list[OutputCall] = []
        self.speaking = False
        self.closed = False
        self._lock = threading.Lock()

    def _record(self, call: OutputCall) -> None:
        with self._lock:
            self.calls.append(call)

    def say(self, text: str, generation: int, at: float = 0.0) -> None:
        self._record(OutputCall("say", text, generation, at))

    def play(self, sound_name: str, generation: int, at: float = 0.0) -> None:
        self._record(OutputCall("play", sound_name, generation, at))

    def supersede(self, generation: int) -> None:
        self._record(OutputCall("supersede", None, generation))

    def outdate(self, before: float) -> None:
        self._record(OutputCall("outdate", None, 0, before))

    def busy(self) -> bool:
        return self.speaking

    def wait_idle(self, timeout: float) -> bool:
        return True

    def close(self, timeout: float = 5.0) -> None:
        self.closed = True

    @property
    def said(self) -> list[str]:
        return [call.value for call in self.calls if call.kind == "say" and call.value]

    @property
    def played(self) -> list[str]:
        return [call.value for call in self.calls if call.kind == "play" and call.value]


@dataclass(eq=False)
class _Item:
    kind: Literal["say", "play"]
    value: str
    generation: int
    at: float = 0.0
    sound: Sound | None = None
    ready: bool = False
    cancel: threading.Event = field(default_factory=threading.Event)


class AudioOutput:
    """Speaks and plays through one player, with speech synthesized ahead.

    With ``synthesizer=None`` every sentence becomes a chime. A sentence that fails
    to synthesize is replaced by a chime, and a player that fails makes the output
    go quiet, to be tried again every ``retry_s`` seconds. Each kind of problem is
    reported once through ``on_problem``; so is a device that works again after
    it failed (and then a new failure of it). ``device_down`` says that the device
    is known to be missing already (``open_output`` reported it): the first sound
    tries it without another message.
    """

    def __init__(
        self,
        synthesizer: Synthesizer | None,
        player: Player,
        on_problem: ProblemHandler,
        *,
        clock: Clock | None = None,
        tail_s: float = BUSY_TAIL_S,
        retry_s: float = RETRY_DEVICE_S,
        device_down: bool = False,
    ) -> None:
        self._synthesizer = synthesizer
        self._player = player
        self._on_problem = on_problem
        self._clock = clock or MonotonicClock()
        self._tail_s = tail_s
        self._retry_s = retry_s
        self._cond = threading.Condition()
        self._pending: collections.deque[_Item] = collections.deque()
        self._current: _Item | None = None
        self._floor = -(2**63)
        self._last_end = float("-inf")
        self._retry_at: float | None = None
        self._device_down = device_down
        self._reported: set[str] = set()
        self._accepting = True
        self._stopped = False
        self._threads = [
            threading.Thread(target=self._prepare_loop, name="facilitator-synth", daemon=True),
            threading.Thread(target=self._play_loop, name="facilitator-play", daemon=True),
        ]
        for thread in self._threads:
            thread.start()

    # --- the caller's side (never blocks for long) ---

    def say(self, text: str, generation: int, at: float = 0.0) -> None:
        if text.strip():
            self._enqueue(_Item("say", text, generation, at))

    def play(self, sound_name: str, generation: int, at: float = 0.0) -> None:
        self._enqueue(_Item("play", sound_name, generation, at))

    def _enqueue(self, item: _Item) -> None:
        with self._cond:
            if self._accepting and item.generation >= self._floor:
                self._pending.append(item)
                self._cond.notify_all()

    def supersede(self, generation: int) -> None:
        with self._cond:
            self._floor = max(self._floor, generation)
            self._drop_pending(lambda item: item.generation < self._floor)
            if self._current is not None and self._current.generation < self._floor:
                self._current.cancel.set()
            self._cond.notify_all()

    def outdate(self, before: float) -> None:
        with self._cond:
            self._drop_pending(lambda item: item.at < before)
            self._cond.notify_all()

    def _drop_pending(self, stale: Callable[[_Item], bool]) -> None:
        kept: collections.deque[_Item] = collections.deque()
        for item in self._pending:
            if stale(item):
                item.cancel.set()
            else:
                kept.append(item)
        self._pending = kept

    def busy(self) -> bool:
        with self._cond:
            if self._current is not None or self._pending:
                return True
            return self._clock.now() < self._last_end + self._tail_s

    def wait_idle(self, timeout: float) -> bool:
        with self._cond:
            return self._cond.wait_for(self._idle, timeout)

    def close(self, timeout: float = 5.0) -> None:
        with self._cond:
            self._accepting = False
            self._cond.wait_for(self._idle, timeout)
            self._stopped = True
            for item in self._pending:
                item.cancel.set()
            self._pending.clear()
            if self._current is not None:
                self._current.cancel.set()
            self._cond.notify_all()
        for thread in self._threads:
            thread.join(timeout=2.0)

    def _idle(self) -> bool:
        return self._current is None and not self._pending

    # --- worker threads ---

    def _prepare_loop(self) -> None:
        """Turns queued items into sounds, ahead of the player."""
        while True:
            with self._cond:
                self._cond.wait_for(lambda: self._stopped or self._next_unprepared() is not None)
                if self._stopped:
                    return
                item = self._next_unprepared()
            assert item is not None
            sound = self._prepare(item)
            with self._cond:
                item.sound = sound
                item.ready = True
                self._cond.notify_all()

    def _next_unprepared(self) -> _Item | None:
        return next((item for item in self._pending if not item.ready), None)

    def _prepare(self, item: _Item) -> Sound | None:
        if item.kind == "play":
            return self._chime(item.value)
        if self._synthesizer is None:
            return self._chime(FALLBACK_SOUND)
        try:
            return self._synthesizer.synthesize(item.value)
        # Anything else the engine throws is caught too: this thread must outlive it,
        # or the session would go quiet without a word.
        except Exception as error:
            if not isinstance(error, SpeechError):
                error = SpeechError(t("audio.synthesis_failed", reason=error))
            self._report("speech", t("audio.spoken_failed", problem=error))
            return self._chime(FALLBACK_SOUND)

    def _chime(self, name: str) -> Sound | None:
        try:
            return load_sound(name)
        except AudioError as error:
            self._report(f"sound:{name}", str(error))
            return None

    def _play_loop(self) -> None:
        while True:
            with self._cond:
                self._cond.wait_for(lambda: self._stopped or self._next_ready() is not None)
                if self._stopped:
                    return
                item: _Item | None = self._pending.popleft()
                if self._retry_at is not None and self._clock.now() < self._retry_at:
                    item = None  # the device failed a moment ago: stay quiet for now
                self._current = item
            sounded = item is not None and item.sound is not None and self._play(item, item.sound)
            with self._cond:
                if sounded:
                    self._last_end = self._clock.now()
                self._current = None
                self._cond.notify_all()

    def _next_ready(self) -> _Item | None:
        if self._pending and self._pending[0].ready:
            return self._pending[0]
        return None

    def _play(self, item: _Item, sound: Sound) -> bool:
        """Plays one sound; False when the device failed."""
        try:
            self._player.play(sound, item.cancel)
        except Exception as error:  # as above: a failing device must not end this thread
            with self._cond:
                self._retry_at = self._clock.now() + self._retry_s
                newly_down, self._device_down = not self._device_down, True
            if newly_down:
                self._on_problem(t("audio.device_lost", problem=error))
            return False
        with self._cond:
            self._retry_at = None
            back, self._device_down = self._device_down, False
        if back:
            self._on_problem(t("audio.device_back"))
        return True

    def _report(self, kind: str, message: str) -> None:
        with self._cond:
            if kind in self._reported:
                return
            self._reported.add(kind)
        self._on_problem(message)


def open_output(
    device: str | int | None,
    rate: int | None,
    volume: float | None,
    language: str,
    on_problem: ProblemHandler,
    *,
    voice: str | None = None,
    clock: Clock | None = None,
    retry_s: float = RETRY_DEVICE_S,
) -> Output:
    """The best output that works here: voice and chimes, chimes only, or silence.

    A loudspeaker that is not there (yet) is reported and then tried again every
    ``retry_s`` seconds; only a machine without PortAudio gets silence for good.
    Each problem is reported once through ``on_problem``; this never raises.
    """
    try:
        player = ReconnectingPlayer(device, gain=1.0 if volume is None else volume)
    except AudioError as error:
        on_problem(t("audio.silent", problem=error))
        return SilentOutput()
    device_down = False
    try:
        player.connect()
    except AudioError as error:
        on_problem(t("audio.device_lost", problem=error))
        device_down = True
    synthesizer: Synthesizer | None
    try:
        synthesizer = _synthesizer(language, rate, voice, on_problem)
    except SpeechError as error:
        on_problem(t("audio.chimes_only", problem=error))
        synthesizer = None
    return AudioOutput(
        synthesizer, player, on_problem, clock=clock, retry_s=retry_s, device_down=device_down
    )


def _synthesizer(
    language: str, rate: int | None, voice: str | None, on_problem: ProblemHandler
) -> EspeakSynthesizer:
    """The configured voice; when it is not there, the language's own (said once)."""
    try:
        return EspeakSynthesizer(language, rate=rate, voice=voice)
    except SpeechError as error:
        if voice is None:
            raise
        fallback = EspeakSynthesizer(language, rate=rate)
        on_problem(t("audio.voice_fallback", problem=error, voice=fallback.voice.name))
        return fallback


def say_once(
    text: str,
    device: str | int | None = None,
    rate: int | None = None,
    volume: float | None = None,
    language: str = "nl",
    voice: str | None = None,
) -> None:
    """Speaks one sentence and returns when it has been played (``facilitator say``).

    Raises ``SpeechError`` or ``AudioError`` with a message for the user.
    """
    if not text.strip():
        raise SpeechError(t("audio.empty_text"))
    with NativeNoiseFilter():
        player = SoundDevicePlayer(device, gain=1.0 if volume is None else volume)
        sound = EspeakSynthesizer(language, rate=rate, voice=voice).synthesize(text)
        player.play(sound)
