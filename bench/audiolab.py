"""Hearing the virtual room with a clock: recordings whose samples carry monotonic times.

The room itself (a private PulseAudio server with a null sink ``room``, whose
monitor is the microphone) is the one the tests use, from ``tests/room.py``.

Timing a recording: the monitor delivers samples at a steady rate, in blocks, a
little after they were played into the sink. Each block's callback notes
``time.monotonic()`` and how many samples have come in so far; a sample cannot
arrive before it was played, so ``callback_time - samples_so_far / rate`` is an upper
bound on the time of sample 0, and the smallest bound over all callbacks is the
estimate (``origin``). What it measures is the moment the sink *renders* a sound,
which on a null sink is the moment a player's stream hands it over; a real
loudspeaker adds its own output latency (about the sink's latency) on top.
"""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt
from common import REPO

sys.path.insert(0, str(REPO / "tests"))
from room import Room, RoomUnavailable, start_room

__all__ = [
    "RATE",
    "Room",
    "RoomUnavailable",
    "TimedRecording",
    "first_onset",
    "frame_energy",
    "start_room",
    "timed_recording",
]

Samples = npt.NDArray[np.float32]

RATE = 22050
FRAME_S = 0.001  # energy is measured over 1 ms frames
THRESHOLD = 0.003  # RMS over a frame that counts as sound (-50 dBFS); the room is silent at 0.0


@dataclass
class TimedRecording:
    rate: int = RATE
    blocks: list[Samples] = field(default_factory=list)
    stamps: list[tuple[float, int]] = field(default_factory=list)  # (monotonic, samples so far)
    problems: list[str] = field(default_factory=list)
    _count: int = 0
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, block: Samples, status: object) -> None:
        now = time.monotonic()
        with self._lock:
            self.blocks.append(block.copy())
            self._count += len(block)
            self.stamps.append((now, self._count))
            if status:
                self.problems.append(str(status))

    @property
    def samples(self) -> Samples:
        with self._lock:
            if not self.blocks:
                return np.zeros(0, dtype=np.float32)
            return np.concatenate(self.blocks)

    def clock(self) -> tuple[float, float]:
        """``(origin, seconds_per_sample)``: sample ``n`` was played at ``origin + n * step``.

        The monitor's sample clock and ``time.monotonic`` disagree a little (some
        hundred ppm here), so a straight line is fitted through the lowest bound of
        each few seconds, then lowered until no callback lies below it.
        """
        with self._lock:
            stamps = list(self.stamps)
        if not stamps:
            raise ValueError("nothing recorded yet")
        t = np.array([s[0] for s in stamps])
        n = np.array([s[1] for s in stamps], dtype=np.float64)
        step = 1.0 / self.rate
        bins = (n // (2 * self.rate)).astype(np.int64)
        if bins[-1] - bins[0] >= 3:
            residual = t - n * step
            lows = [
                np.flatnonzero(bins == b)[np.argmin(residual[bins == b])] for b in np.unique(bins)
            ]
            slope = float(np.polyfit(n[lows], residual[lows], 1)[0])
            step += slope
        origin = float(np.min(t - n * step))
        return origin, step

    @property
    def origin(self) -> float:
        """The monotonic time of sample 0."""
        return self.clock()[0]

    def delivery_ms(self) -> dict[str, float]:
        """How late blocks came in after the fitted line: the measurement's own jitter."""
        origin, step = self.clock()
        late = sorted((t - n * step - origin) * 1000 for t, n in self.stamps)
        return {"median": late[len(late) // 2], "max": late[-1]}

    def time_of(self, index: float) -> float:
        origin, step = self.clock()
        return origin + index * step

    def index_at(self, t: float) -> int:
        origin, step = self.clock()
        return max(0, round((t - origin) / step))

    def wait_for(self, seconds: float, timeout: float = 10.0) -> None:
        """Waits (real time) until ``seconds`` more audio has come in."""
        with self._lock:
            target = self._count + round(seconds * self.rate)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self._lock:
                if self._count >= target:
                    return
            time.sleep(0.01)
        raise RuntimeError("the room's monitor delivers no audio")


@contextmanager
def timed_recording(rate: int = RATE) -> Iterator[TimedRecording]:
    """Records the room's monitor (the default input) while open."""
    from facilitator.speech.audio import sounddevice_module

    sd = sounddevice_module()
    recording = TimedRecording(rate)

    def callback(indata: Any, _frames: int, _time: Any, status: Any) -> None:
        recording.add(indata[:, 0], status)

    with sd.InputStream(samplerate=rate, channels=1, dtype="float32", callback=callback):
        recording.wait_for(0.1)
        yield recording


def frame_energy(samples: Samples, rate: int, frame_s: float = FRAME_S) -> npt.NDArray[np.float64]:
    """RMS of consecutive frames of ``frame_s`` seconds."""
    size = max(1, round(rate * frame_s))
    count = len(samples) // size
    frames = samples[: count * size].astype(np.float64).reshape(count, size)
    energy: npt.NDArray[np.float64] = np.sqrt(np.mean(frames**2, axis=1))
    return energy


def first_onset(
    samples: Samples,
    rate: int,
    start: int = 0,
    end: int | None = None,
    threshold: float = THRESHOLD,
) -> int | None:
    """The sample index where sound first starts at or after ``start``, or None.

    Sound starts in the first 1 ms frame whose RMS passes ``threshold``; within that
    frame, at the first sample whose magnitude passes it.
    """
    end = len(samples) if end is None else min(end, len(samples))
    if start >= end:
        return None
    window = samples[start:end]
    energy = frame_energy(window, rate)
    loud = np.flatnonzero(energy > threshold)
    if len(loud) == 0:
        return None
    size = max(1, round(rate * FRAME_S))
    frame_start = int(loud[0]) * size
    frame = np.abs(window[frame_start : frame_start + size])
    inside = np.flatnonzero(frame > threshold)
    offset = int(inside[0]) if len(inside) else 0
    return start + frame_start + offset


def last_sound(samples: Samples, rate: int, threshold: float = THRESHOLD) -> int | None:
    """The index just after the last loud frame (where the sound has died away)."""
    energy = frame_energy(samples, rate)
    loud = np.flatnonzero(energy > threshold)
    if len(loud) == 0:
        return None
    size = max(1, round(rate * FRAME_S))
    return (int(loud[-1]) + 1) * size


def onsets(
    samples: Samples, rate: int, min_silence_s: float = 0.25, threshold: float = THRESHOLD
) -> list[int]:
    """Starts of every burst of sound that follows at least ``min_silence_s`` of quiet."""
    energy = frame_energy(samples, rate)
    loud = np.flatnonzero(energy > threshold)
    size = max(1, round(rate * FRAME_S))
    gap = max(1, round(min_silence_s / FRAME_S))
    found: list[int] = []
    previous = -gap - 1
    for frame in loud:
        if frame - previous > gap:
            start = int(frame) * size
            found.append(first_onset(samples, rate, start, start + size, threshold) or start)
        previous = int(frame)
    return found


def resample_to(samples: Samples, from_rate: int, to_rate: int) -> Samples:
    if from_rate == to_rate:
        return samples
    from facilitator.speech.audio import resample

    return resample(samples, from_rate, to_rate)


def best_match(recording: Samples, template: Samples, start: int, end: int) -> tuple[int, float]:
    """Where ``template`` fits best in ``recording[start:end]``: (index, normalised score)."""
    end = min(end, len(recording))
    window = recording[start:end].astype(np.float64)
    tpl = template.astype(np.float64)
    if len(window) < len(tpl) or len(tpl) == 0:
        return start, 0.0
    n = len(window) + len(tpl)
    size = 1 << (n - 1).bit_length()
    spectrum = np.fft.rfft(window, size) * np.conj(np.fft.rfft(tpl, size))
    correlation = np.fft.irfft(spectrum, size)[: len(window) - len(tpl) + 1]
    energy = np.concatenate([[0.0], np.cumsum(window**2)])
    norms = np.sqrt(np.maximum(energy[len(tpl) :] - energy[: -len(tpl)], 1e-12))
    scores = correlation / (norms * np.linalg.norm(tpl))
    best = int(np.argmax(scores))
    return start + best, float(scores[best])


def sink_latency_ms(room: Room) -> dict[str, float] | None:
    """The null sink's latency as PulseAudio reports it (what a real device would add)."""
    import os
    import re
    import subprocess

    env = {**os.environ, "XDG_RUNTIME_DIR": str(room.runtime_dir), "PULSE_SERVER": room.server}
    try:
        text = subprocess.run(
            ["pactl", "list", "sinks"], env=env, capture_output=True, text=True, timeout=10
        ).stdout
    except (OSError, subprocess.TimeoutExpired):
        return None
    found = re.search(r"Latency: (\d+) usec, configured (\d+) usec", text)
    if not found:
        return None
    return {"now": int(found.group(1)) / 1000, "configured": int(found.group(2)) / 1000}
