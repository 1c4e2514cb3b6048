"""Listening for commands: audio in, ``Command`` values out, nothing kept.

Audio comes from an ``AudioSource``: the room's microphone (``MicrophoneSource``,
through sounddevice) or a WAV file (``WavSource``, for tests and the benchmark). A
source opens a stream of ``Block``\\s: 16 kHz mono 16-bit PCM, each stamped with the
clock time of its first sample, resampled on the way when the device cannot record
at 16 kHz.

A ``Listener`` feeds the blocks to one recogniser on one thread of its own (a vosk
recogniser is not thread-safe) and judges every result with ``matcher.match``. What
it remembers for that (the last accepted command, the end of the last speech, when
the facilitator itself was making sound) lives on that thread too. Accepted
commands go to ``on_command``; everything else to ``on_rejection``, with a reason
and no text.

Privacy: audio lives only in the block being processed and in the recogniser's
memory, and the recogniser can only ever write command words (grammar mode).
Nothing here writes a file, keeps a history or hands out what was heard; the only
things that leave the listener are accepted commands, rejection reasons, a level in
dB and messages about the device.

Faults never end a meeting. A microphone that is missing, fails or goes quiet is
reported once through ``on_problem``, and tried again every ``retry_s`` seconds
(on the injected clock); when it comes back, that is reported too. Audio lost
because the computer fell behind is counted in ``overflows``, nothing more.
"""

from __future__ import annotations

import contextlib
import math
import os
import queue
import sys
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import numpy as np
import numpy.typing as npt

from facilitator.errors import AudioError
from facilitator.lang import t
from facilitator.meeting.clock import Clock, MonotonicClock
from facilitator.meeting.commands import Command
from facilitator.speech.audio import (
    DeviceInfo,
    Sound,
    load_wav,
    open_counted,
    resolve_device,
    sounddevice_module,
)
from facilitator.speech.matcher import (
    MatchSettings,
    RecognitionResult,
    Rejection,
    Situation,
    confidence,
    match,
)
from facilitator.speech.recognizer import SAMPLE_RATE, StreamRecognizer

Samples = npt.NDArray[np.float32]

BLOCK_S = 0.1
"""Audio per block: short enough for a quick answer, long enough to be cheap."""

RETRY_S = 3.0
"""How often a microphone that failed is tried again (clock seconds)."""

STALL_S = 2.0
"""A microphone that delivers nothing for this long counts as gone."""

QUEUE_S = 5.0
"""Audio the microphone may get ahead of the recogniser before blocks are dropped."""

MAX_DRIFT_S = 1.0
"""When the blocks' clock times and the audio counted so far disagree by more than
this (audio was dropped, or the sound card's clock drifted), a fresh recogniser is
started on the blocks' times, so that word times stay on the listener's clock."""

OWN_SPEECH_MEMORY_S = 60.0
"""How long an interval of the facilitator's own sound is remembered (results are
judged a fraction of a second after the words, so a minute is plenty)."""

_POLL_S = 0.05  # real seconds between looks at the stop flag while nothing happens
_SILENCE_DB = -120.0


# --- blocks and sources --------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class Block:
    """``pcm``: 16-bit little-endian mono samples at ``SAMPLE_RATE``; ``time``: the
    clock time of the first of them."""

    pcm: bytes
    time: float

    @property
    def duration_s(self) -> float:
        return len(self.pcm) / (2 * SAMPLE_RATE)

    @property
    def end(self) -> float:
        return self.time + self.duration_s

    @property
    def level_db(self) -> float:
        """The block's loudness: RMS in dB below full scale (0 dB is the loudest)."""
        samples = np.frombuffer(self.pcm, dtype="<i2").astype(np.float64)
        if len(samples) == 0:
            return _SILENCE_DB
        rms = math.sqrt(float(np.mean(samples**2))) / 32768.0
        return max(_SILENCE_DB, 20 * math.log10(rms)) if rms > 0 else _SILENCE_DB


class EndOfStream(Exception):
    """A finite source (a WAV file) has no more audio."""


class BlockStream(Protocol):
    def read(self, timeout: float) -> Block | None:
        """The next block; None when none came within ``timeout`` real seconds.

        Raises ``AudioError`` when the device failed, ``EndOfStream`` at the end.
        """
        ...

    @property
    def overflows(self) -> int:
        """How many times audio was lost since the stream was opened."""
        ...

    def close(self) -> None: ...


class AudioSource(Protocol):
    @property
    def name(self) -> str:
        """What the user would call it (a device name, a file)."""
        ...

    def open(self) -> BlockStream:
        """Starts delivering audio; ``AudioError`` when the device cannot be had."""
        ...


def to_pcm16(samples: Samples) -> bytes:
    clipped = np.clip(samples, -1.0, 1.0) * 32767.0
    return bytes(np.round(clipped).astype("<i2").tobytes())


def from_pcm16(pcm: bytes) -> Samples:
    samples: Samples = np.frombuffer(pcm, dtype="<i2").astype(np.float32) / 32768.0
    return samples


class StreamResampler:
    """Resamples audio that arrives in pieces, as if it had come in one piece.

    Going down in rate, a low-pass filter first removes what the lower rate cannot
    hold (a 12 kHz hiss recorded at 48 kHz would otherwise come back as a 4 kHz
    tone); then linear interpolation picks the new samples. The filter's history
    and the position between samples carry over from block to block, so the edges
    of the blocks leave no trace.
    """

    TAPS = 63

    def __init__(self, from_rate: int, to_rate: int) -> None:
        if from_rate <= 0 or to_rate <= 0:
            raise ValueError("rates must be positive")
        self.from_rate = from_rate
        self.to_rate = to_rate
        self._step = from_rate / to_rate
        self._filter: Samples | None = None
        if to_rate < from_rate:
            self._filter = _low_pass(0.45 * to_rate / from_rate, self.TAPS)
            self._history = np.zeros(self.TAPS - 1, dtype=np.float32)
        self._pending = np.zeros(0, dtype=np.float32)
        self._position = 0.0  # of the next output sample, in samples of ``_pending``

    def process(self, samples: Samples) -> Samples:
        if self._filter is not None:
            joined = np.concatenate([self._history, samples.astype(np.float32)])
            self._history = joined[len(joined) - (self.TAPS - 1) :]
            samples = np.convolve(joined, self._filter, mode="valid").astype(np.float32)
        buffer = np.concatenate([self._pending, samples.astype(np.float32)])
        # Each output sample needs the input sample on its right.
        last = len(buffer) - 1
        count = math.floor((last - self._position) / self._step) + 1 if last > self._position else 0
        positions = self._position + np.arange(count) * self._step
        out: Samples = np.interp(positions, np.arange(len(buffer)), buffer).astype(np.float32)
        following = self._position + count * self._step
        used = min(math.floor(following), len(buffer))
        self._pending = buffer[used:]
        self._position = following - used
        return out


def _low_pass(cutoff: float, taps: int) -> Samples:
    """A windowed-sinc low-pass filter; ``cutoff`` is a fraction of the sample rate."""
    n = np.arange(taps) - (taps - 1) / 2
    kernel = 2 * cutoff * np.sinc(2 * cutoff * n) * np.hamming(taps)
    normalised: Samples = (kernel / kernel.sum()).astype(np.float32)
    return normalised


class SampleClock:
    """The time of a file's stream: where the reading has got to (for ``WavSource``)."""

    def __init__(self, start: float = 0.0) -> None:
        self.start = start
        self.samples = 0

    def now(self) -> float:
        return self.start + self.samples / SAMPLE_RATE

    def real_seconds_until(self, t: float) -> float:
        return 0.0  # a file does not wait


class WavSource:
    """Audio from a WAV file (or a ``Sound``), as fast as it is read.

    Block times are ``start`` plus the position in the file; ``clock`` tells the
    time of the stream (the end of the last block read), so a ``Listener`` given
    that clock judges as if the file were being spoken in the room right then.
    """

    def __init__(
        self, audio: Path | str | Sound, *, start: float = 0.0, block_s: float = BLOCK_S
    ) -> None:
        self._sound = audio if isinstance(audio, Sound) else load_wav(audio)
        self._name = "<audio>" if isinstance(audio, Sound) else str(audio)
        self._block = max(1, round(block_s * SAMPLE_RATE))
        self.clock = SampleClock(start)

    @property
    def name(self) -> str:
        return self._name

    @property
    def duration_s(self) -> float:
        return self._sound.duration_s

    def open(self) -> BlockStream:
        samples = self._sound.samples
        if self._sound.rate != SAMPLE_RATE:
            resampler = StreamResampler(self._sound.rate, SAMPLE_RATE)
            samples = np.concatenate(
                [resampler.process(samples), resampler.process(np.zeros(64, np.float32))]
            )[: round(len(samples) * SAMPLE_RATE / self._sound.rate)]
        return _WavStream(to_pcm16(samples), self._block, self.clock)


class _WavStream:
    def __init__(self, pcm: bytes, block: int, clock: SampleClock) -> None:
        self._pcm = pcm
        self._block_bytes = 2 * block
        self._clock = clock
        self._position = 0  # bytes

    @property
    def overflows(self) -> int:
        return 0

    def read(self, timeout: float) -> Block | None:
        if self._position >= len(self._pcm):
            raise EndOfStream
        start = self._clock.now()
        chunk = self._pcm[self._position : self._position + self._block_bytes]
        self._position += len(chunk)
        self._clock.samples += len(chunk) // 2
        return Block(chunk, start)

    def close(self) -> None:
        self._position = len(self._pcm)


class MicrophoneSource:
    """The room's microphone: an input device by name, index, or the default.

    The device is looked up each time the source is opened, so one that was
    plugged back in is found again. It is recorded at 16 kHz when it can be, else
    at its own rate (``rate`` forces one) and resampled. Blocks are stamped on
    ``clock`` as they arrive.
    """

    def __init__(
        self,
        device: str | int | None = None,
        clock: Clock | None = None,
        *,
        rate: int | None = None,
        block_s: float = BLOCK_S,
        stall_s: float = STALL_S,
        queue_s: float = QUEUE_S,
    ) -> None:
        self.device = device
        self.clock = clock or MonotonicClock()
        self.rate = rate
        self.block_s = block_s
        self.stall_s = stall_s
        self.queue_blocks = max(1, round(queue_s / block_s))
        self._name = t("audio.default_device") if device is None else str(device)

    @property
    def name(self) -> str:
        return self._name

    def open(self) -> BlockStream:
        sd = sounddevice_module()
        device = resolve_device(self.device, "input")
        self._name = device.name
        rate = self.rate or _input_rate(sd, device)
        return _MicStream(sd, device, rate, self)


def _input_rate(sd: Any, device: DeviceInfo) -> int:
    try:
        sd.check_input_settings(
            device=device.index, channels=1, dtype="int16", samplerate=SAMPLE_RATE
        )
        return SAMPLE_RATE
    except (sd.PortAudioError, ValueError):
        return round(device.default_rate)


_stderr_lock = threading.Lock()


@contextlib.contextmanager
def _native_stderr_quiet() -> Iterator[None]:
    """Keeps ALSA's and PortAudio's own error lines (written by C code straight to
    file descriptor 2) off the user's screen while a device is opened; the failure
    reaches the user as one clear message instead. Retrying every few seconds would
    otherwise scatter them over the session display."""
    if sys.platform == "win32":
        yield
        return
    with _stderr_lock:
        try:
            saved = os.dup(2)
            quiet = os.open(os.devnull, os.O_WRONLY)
        except OSError:
            yield
            return
        try:
            os.dup2(quiet, 2)
            yield
        finally:
            os.dup2(saved, 2)
            os.close(saved)
            os.close(quiet)


class _MicStream:
    def __init__(self, sd: Any, device: DeviceInfo, rate: int, source: MicrophoneSource) -> None:
        self._sd = sd
        self._device = device
        self._rate = rate
        self._clock = source.clock
        self._stall_s = source.stall_s
        self._frames = max(1, round(source.block_s * rate))
        self._queue: queue.Queue[tuple[bytes, float]] = queue.Queue(source.queue_blocks)
        self._overflows = 0  # only the PortAudio callback adds to it
        self._ended = threading.Event()
        self._resampler = StreamResampler(rate, SAMPLE_RATE) if rate != SAMPLE_RATE else None
        self._last_audio = self._clock.now()
        try:
            with _native_stderr_quiet():
                # Counted as open, so that looking for a lost loudspeaker never
                # restarts PortAudio under this stream (see audio.open_counted).
                self._stream, self._release = open_counted(
                    lambda: sd.RawInputStream(
                        device=device.index,
                        samplerate=rate,
                        channels=1,
                        dtype="int16",
                        blocksize=self._frames,
                        callback=self._callback,
                        finished_callback=self._ended.set,
                    )
                )
                try:
                    self._stream.start()
                except BaseException:
                    self._stream.close()
                    self._release()
                    raise
        except (sd.PortAudioError, ValueError) as error:
            raise AudioError(t("audio.device_failed", device=device.name, reason=error)) from error

    @property
    def overflows(self) -> int:
        return self._overflows

    def _callback(self, indata: Any, frames: int, _time: Any, status: Any) -> None:
        if status.input_overflow:
            self._overflows += 1
        try:
            self._queue.put_nowait((bytes(indata), self._clock.now()))
        except queue.Full:  # the recogniser has fallen behind: drop, and count it
            self._overflows += 1

    def read(self, timeout: float) -> Block | None:
        try:
            pcm, arrived = self._queue.get(timeout=timeout)
        except queue.Empty:
            if self._ended.is_set() or not self._stream.active:
                raise AudioError(self._failure(t("voice.mic_stopped"))) from None
            if self._clock.now() - self._last_audio > self._stall_s:
                reason = t("voice.mic_silent", seconds=round(self._stall_s))
                raise AudioError(self._failure(reason)) from None
            return None
        self._last_audio = arrived
        start = arrived - len(pcm) / (2 * self._rate)
        if self._resampler is not None:
            pcm = to_pcm16(self._resampler.process(from_pcm16(pcm)))
        return Block(pcm, start)

    def _failure(self, reason: str) -> str:
        return t("audio.device_failed", device=self._device.name, reason=reason)

    def close(self) -> None:
        with contextlib.suppress(self._sd.PortAudioError):
            self._stream.abort()
        with contextlib.suppress(self._sd.PortAudioError):
            self._stream.close()
        self._release()


# --- the listener --------------------------------------------------------------------

RecognizerFactory = Callable[[float], StreamRecognizer]
"""Makes a fresh recogniser whose times start at the given clock time."""

CommandHandler = Callable[[Command, float], None]
"""Gets an accepted command and the recogniser's confidence in it."""

RejectionHandler = Callable[[Rejection, float], None]
"""Gets why an utterance was not taken, and the confidence in the phrase it resembled."""


def _never_busy() -> bool:
    return False


def _ignore(*_args: object) -> None:
    pass


class Listener:
    """Turns a source's audio into commands, on a thread of its own.

    ``busy`` is the output's ``busy()``: while it is true (the facilitator speaks
    or plays a sound, and a moment after), nothing is accepted. ``run()`` listens
    on the calling thread until ``stop()`` or the end of the source; ``start()``
    runs it on a new thread. Every callback is called on the listening thread.
    """

    def __init__(
        self,
        source: AudioSource,
        recognizer_for: RecognizerFactory,
        settings: MatchSettings,
        *,
        on_command: CommandHandler,
        on_rejection: RejectionHandler | None = None,
        on_problem: Callable[[str], None] | None = None,
        on_level: Callable[[float], None] | None = None,
        busy: Callable[[], bool] | None = None,
        clock: Clock | None = None,
        retry_s: float = RETRY_S,
    ) -> None:
        self.source = source
        self.settings = settings
        self._recognizer_for = recognizer_for
        self._on_command = on_command
        self._on_rejection = on_rejection or _ignore
        self._on_problem = on_problem or _ignore
        self._on_level = on_level
        self._busy = busy or _never_busy
        self._clock = clock or MonotonicClock()
        self._retry_s = retry_s
        self._stopping = threading.Event()
        self._thread: threading.Thread | None = None
        # Owned by the listening thread.
        self._stream: BlockStream | None = None
        self._recognizer: StreamRecognizer | None = None
        self._recognizer_start = 0.0
        self._fed_s = 0.0
        self._retry_at: float | None = None
        self._off = False  # the microphone failure has been reported
        self._last_command_at: float | None = None
        self._previous_speech_end: float | None = None
        self._own_speech: list[tuple[float, float]] = []
        self._speaking_since: float | None = None
        self._quiet_at = -math.inf
        self._lost_overflows = 0
        self.opened = 0  # how many times the source was opened

    # --- the caller's side ---

    @property
    def listening(self) -> bool:
        """Whether the source is open (False while waiting to retry a device)."""
        return self._stream is not None

    @property
    def overflows(self) -> int:
        """How many times audio was lost because the computer fell behind."""
        stream = self._stream
        return self._lost_overflows + (stream.overflows if stream is not None else 0)

    def start(self) -> Listener:
        self._thread = threading.Thread(target=self.run, name="facilitator-listen", daemon=True)
        self._thread.start()
        return self

    def stop(self, timeout: float = 2.0) -> None:
        self._stopping.set()
        if self._thread is not None and self._thread is not threading.current_thread():
            self._thread.join(timeout)

    def __enter__(self) -> Listener:
        return self.start()

    def __exit__(self, *_exc: object) -> None:
        self.stop()

    # --- the listening thread ---

    def run(self) -> None:
        try:
            while not self._stopping.is_set():
                stream = self._stream or self._open()
                if stream is None:
                    self._wait_to_retry()
                    continue
                try:
                    block = stream.read(_POLL_S)
                except AudioError as error:
                    self._lost(str(error))
                    continue
                except EndOfStream:
                    self._finish()
                    return
                if block is not None:
                    self._take(block)
        # Anything else (a recogniser that fails, a bug) turns voice control off with
        # one message; the meeting goes on with the keyboard.
        except Exception as error:
            self._on_problem(t("voice.failed", reason=error))
        finally:
            self._close_stream()
            self._recognizer = None

    def _open(self) -> BlockStream | None:
        if self._retry_at is not None and self._clock.now() < self._retry_at:
            return None
        try:
            self._stream = self.source.open()
        except AudioError as error:
            self._lost(str(error))
            return None
        self.opened += 1
        self._retry_at = None
        return self._stream

    def _wait_to_retry(self) -> None:
        until = self._retry_at if self._retry_at is not None else self._clock.now()
        self._stopping.wait(min(_POLL_S, self._clock.real_seconds_until(until)))

    def _lost(self, problem: str) -> None:
        self._close_stream()
        self._recognizer = None  # half an utterance from a failing device is not used
        self._retry_at = self._clock.now() + self._retry_s
        if not self._off:
            self._off = True
            self._on_problem(t("voice.mic_off", problem=problem))

    def _close_stream(self) -> None:
        if self._stream is not None:
            self._lost_overflows += self._stream.overflows
            self._stream.close()
            self._stream = None

    def _take(self, block: Block) -> None:
        if self._off:  # back only once sound comes in: a device may open and stay mute
            self._off = False
            self._on_problem(t("voice.mic_back", device=self.source.name))
        self._watch_own_speech(self._clock.now())
        if self._on_level is not None:
            self._on_level(block.level_db)
        recognizer = self._recognizer_at(block.time)
        result = recognizer.feed(block.pcm)
        self._fed_s += block.duration_s
        if result is not None:
            self._judge(result)

    def _recognizer_at(self, time: float) -> StreamRecognizer:
        if self._recognizer is not None:
            expected = self._recognizer_start + self._fed_s
            if abs(time - expected) <= MAX_DRIFT_S:
                return self._recognizer
            pending = self._recognizer.flush()
            if pending is not None:
                self._judge(pending)
        self._recognizer = self._recognizer_for(time)
        self._recognizer_start = time
        self._fed_s = 0.0
        return self._recognizer

    def _finish(self) -> None:
        if self._recognizer is not None:
            pending = self._recognizer.flush()
            if pending is not None:
                self._judge(pending)

    def _watch_own_speech(self, now: float) -> None:
        """Notes when the facilitator makes sound, as intervals on the clock.

        ``busy()`` is looked at once a block, so an interval starts at the last
        moment it was seen quiet and ends at the first moment it is seen quiet
        again: it errs on the side of covering too much.
        """
        if self._busy():
            if self._speaking_since is None:
                self._speaking_since = self._quiet_at
        else:
            if self._speaking_since is not None:
                self._own_speech.append((self._speaking_since, now))
                self._speaking_since = None
            self._quiet_at = now
        forget = now - OWN_SPEECH_MEMORY_S
        self._own_speech = [span for span in self._own_speech if span[1] > forget]

    def _judge(self, result: RecognitionResult) -> None:
        now = self._clock.now()
        self._watch_own_speech(now)
        own = tuple(self._own_speech)
        if self._speaking_since is not None:
            own += ((self._speaking_since, math.inf),)
        situation = Situation(now, self._last_command_at, self._previous_speech_end, own)
        decision = match(result, self.settings, situation)
        if result.end is not None:
            self._previous_speech_end = result.end
        sure = confidence(result)
        if isinstance(decision, Command):
            self._last_command_at = now
            self._on_command(decision, sure)
        else:
            self._on_rejection(decision, sure)
