"""Sounds and the loudspeaker: WAV loading, the cue chimes, devices and a player.

sounddevice (and with it PortAudio) is imported only when a device is first needed,
so that ``--text`` sessions and the other commands start fast and work without it.
Every failure to reach a device becomes an ``AudioError`` with a message from the
language pack; the session runner catches it and degrades.
"""

from __future__ import annotations

import contextlib
import functools
import os
import sys
import threading
import time
import wave
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any, Literal, Protocol, TypeVar

import numpy as np
import numpy.typing as npt

from facilitator.errors import AudioError
from facilitator.lang import t

Samples = npt.NDArray[np.float32]
Kind = Literal["input", "output"]

SOUND_NAMES = ("turn", "turn_ending", "time_up", "step", "warning", "command", "notice")
"""The cue sounds in ``sounds/`` (see sounds/README.md)."""

_PACKAGE_SOUNDS = Path(__file__).resolve().parent.parent / "_data" / "sounds"
_REPO_SOUNDS = Path(__file__).resolve().parent.parent.parent / "sounds"

# How much longer than its length a sound may take to play before we call the
# device stuck: opening a stream and draining its buffers take a moment.
_PLAYBACK_GRACE_S = 3.0
_POLL_S = 0.05


SILENCE_LEVEL = 1e-4
"""The loudest sample that still counts as silence when trimming: -80 dBFS, about 3
steps of 16-bit audio. espeak-ng's silence is exact zeros and its softest consonants
(f, s, h) pass this level within 0.2 ms of their first sample."""

TRIM_LEAD_S = 0.002
"""What ``trim_silence`` keeps before the first sound: a soft start below the level."""


@dataclass(frozen=True, eq=False)
class Sound:
    """Mono audio: float32 samples in [-1, 1] at ``rate`` samples per second."""

    samples: Samples
    rate: int

    @property
    def duration_s(self) -> float:
        return len(self.samples) / self.rate

    def resampled(self, rate: int) -> Sound:
        """The same sound at another sample rate (linear interpolation)."""
        if rate == self.rate or len(self.samples) == 0:
            return Sound(self.samples, rate)
        return Sound(resample(self.samples, self.rate, rate), rate)

    def trimmed(self, *, tail_s: float, lead_s: float = TRIM_LEAD_S) -> Sound:
        """The same sound without the silence around it (see ``trim_silence``)."""
        samples = trim_silence(self.samples, self.rate, tail_s=tail_s, lead_s=lead_s)
        return Sound(samples, self.rate)


def trim_silence(
    samples: Samples,
    rate: int,
    *,
    tail_s: float,
    lead_s: float = TRIM_LEAD_S,
    level: float = SILENCE_LEVEL,
) -> Samples:
    """``samples`` without the silence before the first sound and after the last.

    A sample is sound when its magnitude passes ``level``. ``lead_s`` before the
    first such sample and ``tail_s`` after the last are kept (as far as there are
    any), so nothing that rises or fades below the level is lost. Returns a slice
    of ``samples`` (never a changed copy); empty when all of it is silence.
    """
    loud = np.flatnonzero(np.abs(samples) > level)
    if len(loud) == 0:
        return samples[:0]
    start = max(0, int(loud[0]) - round(lead_s * rate))
    end = min(len(samples), int(loud[-1]) + 1 + round(tail_s * rate))
    return samples[start:end]


def resample(samples: Samples, from_rate: int, to_rate: int) -> Samples:
    """Linear-interpolation resampling; plenty for speech and chimes going to 44.1/48 kHz."""
    count = round(len(samples) * to_rate / from_rate)
    if count == 0 or len(samples) == 0:
        return np.zeros(count, dtype=np.float32)
    positions = np.arange(count) * (from_rate / to_rate)
    source = np.arange(len(samples))
    resampled: Samples = np.interp(positions, source, samples).astype(np.float32)
    return resampled


def load_wav(path: Path | str) -> Sound:
    """Reads a 16-bit PCM WAV file; several channels are mixed down to mono."""
    try:
        with wave.open(str(path), "rb") as wav:
            width = wav.getsampwidth()
            if width != 2:
                raise AudioError(t("audio.bad_wav", path=path, reason=f"{8 * width}-bit"))
            channels = wav.getnchannels()
            rate = wav.getframerate()
            frames = wav.readframes(wav.getnframes())
    except (OSError, EOFError, wave.Error) as error:
        raise AudioError(t("audio.bad_wav", path=path, reason=error)) from error
    pcm = np.frombuffer(frames, dtype="<i2").astype(np.float32) / 32768.0
    if channels > 1:
        pcm = pcm[: len(pcm) - len(pcm) % channels].reshape(-1, channels).mean(axis=1)
    return Sound(np.ascontiguousarray(pcm, dtype=np.float32), rate)


def sound_path(name: str) -> Path:
    """The WAV file of a cue sound such as ``"turn"``: the installed copy, else the repo's."""
    filename = name if name.endswith(".wav") else f"{name}.wav"
    folders = (_PACKAGE_SOUNDS, _REPO_SOUNDS)
    for folder in folders:
        path = folder / filename
        if path.is_file():
            return path
    where = ", ".join(str(folder) for folder in folders)
    raise AudioError(t("audio.sound_missing", name=name, where=where))


@functools.cache
def load_sound(name: str) -> Sound:
    """A cue sound by name (cached: each file is read once)."""
    return load_wav(sound_path(name))


# --- the sound libraries' own chatter -------------------------------------------

# Lines that ALSA, PortAudio and JACK print straight to the process's stderr when a
# device cannot be opened. They mean nothing to the people in the room, and they
# would cut through the session screen every time a lost speaker is tried again;
# the facilitator's own message says what is wrong instead.
NATIVE_NOISE = (
    b"ALSA lib ",
    b"Expression '",
    b"Cannot connect to server",
    b"jack server is not running",
    b"JackShmReadWritePtr",
)


class NativeNoiseFilter:
    """While active, file descriptor 2 runs through a pipe that drops ``NATIVE_NOISE``.

    Everything else written to stderr, by Python or by C code, goes on to the real
    stderr as it was, in order. The library lines cannot be turned off at their
    source (PortAudio's print hook is not exported), hence the pipe. A context
    manager; nothing is dropped that does not start with one of the prefixes.
    """

    def __init__(self, fd: int = 2) -> None:
        self._fd = fd
        self._saved: int | None = None
        self._thread: threading.Thread | None = None

    def __enter__(self) -> NativeNoiseFilter:
        with contextlib.suppress(ValueError, OSError):
            sys.stderr.flush()
        try:
            saved = os.dup(self._fd)
            read_end, write_end = os.pipe()
        except OSError:
            return self  # no stderr to filter (a daemon without one): nothing to do
        os.dup2(write_end, self._fd)
        os.close(write_end)
        self._saved = saved
        # The thread writes to a copy of its own: should it outlive the filter (a child
        # process still holds the pipe), it never writes to a number reused since.
        self._thread = threading.Thread(
            target=self._forward,
            args=(read_end, os.dup(saved)),
            name="facilitator-stderr",
            daemon=True,
        )
        self._thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        if self._saved is None:
            return
        with contextlib.suppress(ValueError, OSError):
            sys.stderr.flush()
        os.dup2(self._saved, self._fd)  # closes the pipe's last write end: the reader ends
        if self._thread is not None:
            self._thread.join(timeout=1.0)
        os.close(self._saved)
        self._saved = None
        self._thread = None

    @staticmethod
    def _forward(read_end: int, target: int) -> None:
        lines = _NoiseLines()
        try:
            while chunk := os.read(read_end, 65536):
                _write_all(target, lines.feed(chunk))
            _write_all(target, lines.rest())
        except OSError:
            pass
        finally:
            os.close(read_end)
            os.close(target)


class _NoiseLines:
    """Splits what comes in into lines and keeps those that are not ``NATIVE_NOISE``.

    The start of a line that may still turn out to be noise is held back until its
    end comes; any other unfinished line is passed on at once (a prompt, say).
    """

    def __init__(self) -> None:
        self._held = b""  # the start of a line that may be noise
        self._open = False  # the start of the current line was passed on already
        self._dropped = False  # the last whole line was noise

    def feed(self, chunk: bytes) -> bytes:
        *whole, tail = (self._held + chunk).split(b"\n")
        self._held = b""
        out: list[bytes] = []
        for line in whole:
            if self._open:
                keep, self._open = True, False
            else:
                keep = not (line.startswith(NATIVE_NOISE) or (self._dropped and not line.strip()))
            self._dropped = not keep
            if keep:
                out.append(line + b"\n")
        if self._open or not tail:
            out.append(tail)
        elif any(prefix.startswith(tail[: len(prefix)]) for prefix in NATIVE_NOISE):
            self._held = tail
        else:
            out.append(tail)
            self._open, self._dropped = True, False
        return b"".join(out)

    def rest(self) -> bytes:
        held, self._held = self._held, b""
        return b"" if held.startswith(NATIVE_NOISE) else held


def _write_all(fd: int, data: bytes) -> None:
    with contextlib.suppress(OSError):  # a closed terminal: nothing left to show it on
        while data:
            data = data[os.write(fd, data) :]


# --- devices -----------------------------------------------------------------


def sounddevice_module() -> ModuleType:
    """sounddevice, imported on first use; no PortAudio becomes an ``AudioError``."""
    try:
        import sounddevice
    except OSError as error:  # sounddevice raises OSError when libportaudio is missing
        raise AudioError(t("audio.no_portaudio")) from error
    module: ModuleType = sounddevice
    return module


def refresh_devices() -> None:
    """Makes PortAudio look for devices again (it lists them once, at start-up).

    Only call this while no stream is open in the process: it restarts PortAudio.
    Code that cannot know that calls ``refresh_devices_if_idle`` instead.
    """
    sd = sounddevice_module()
    with _streams_lock:
        sd._terminate()
        sd._initialize()


# The PortAudio streams this package has open. PortAudio can only look for new
# devices by restarting, which would break an open stream, so a player that lost
# its device restarts it only while this is zero.
_open_streams = 0
_streams_lock = threading.RLock()

S = TypeVar("S")


def open_counted(open_stream: Callable[[], S]) -> tuple[S, Callable[[], None]]:
    """Opens a PortAudio stream with ``open_stream`` and counts it as open until the
    function returned with it is called (once the stream is closed; more calls do
    nothing).

    Every stream the package opens must be counted like this: while one is, no
    player restarts PortAudio to look for a lost device (``refresh_devices_if_idle``),
    which would pull the stream away under its user.
    """
    global _open_streams
    with _streams_lock:
        stream = open_stream()
        _open_streams += 1
    released = threading.Event()

    def release() -> None:
        global _open_streams
        with _streams_lock:
            if not released.is_set():
                released.set()
                _open_streams -= 1

    return stream, release


@contextmanager
def native_audio_in_use() -> Iterator[None]:
    """Counts as an open stream while inside: for other native audio users in this
    process (espeak-ng synthesizing goes through ALSA too), which a PortAudio restart
    must not run beside; seen here as a crash inside espeak-ng's Synth."""
    _, release = open_counted(lambda: None)
    try:
        yield
    finally:
        release()


def refresh_devices_if_idle() -> bool:
    """``refresh_devices()`` unless a stream of this package is open; True if it did."""
    with _streams_lock:
        if _open_streams:
            return False
        refresh_devices()
        return True


@dataclass(frozen=True)
class DeviceInfo:
    index: int
    name: str
    inputs: int
    outputs: int
    default_rate: float
    is_default_input: bool
    is_default_output: bool


def list_devices() -> list[DeviceInfo]:
    """All devices PortAudio knows, with the system defaults marked."""
    sd = sounddevice_module()
    default_in, default_out = _defaults(sd)
    devices: list[DeviceInfo] = []
    for info in sd.query_devices():
        index = int(info["index"])
        devices.append(
            DeviceInfo(
                index=index,
                name=str(info["name"]),
                inputs=int(info["max_input_channels"]),
                outputs=int(info["max_output_channels"]),
                default_rate=float(info["default_samplerate"]),
                is_default_input=index == default_in,
                is_default_output=index == default_out,
            )
        )
    return devices


def _defaults(sd: Any) -> tuple[int, int]:
    """The default input and output device indices (-1 where there is none)."""
    try:
        default_in, default_out = sd.default.device
    except (TypeError, ValueError):
        return -1, -1
    return _as_index(sd, default_in, "input"), _as_index(sd, default_out, "output")


def _as_index(sd: Any, device: object, kind: Kind) -> int:
    if isinstance(device, int):
        return device
    if device is None:
        return -1
    try:
        return int(sd.query_devices(device, kind)["index"])
    except (ValueError, sd.PortAudioError):
        return -1


def _channels(device: DeviceInfo, kind: Kind) -> int:
    return device.inputs if kind == "input" else device.outputs


def resolve_device(spec: str | int | None, kind: Kind = "output") -> DeviceInfo:
    """The device meant by ``spec``: None (the default), an index, or (part of) a name."""
    devices = list_devices()
    if not devices:
        raise AudioError(t("audio.no_devices"))
    usable = [device for device in devices if _channels(device, kind) > 0]
    if spec is None:
        for device in usable:
            if device.is_default_input if kind == "input" else device.is_default_output:
                return device
        if usable:
            return usable[0]
        key = "audio.no_input_device" if kind == "input" else "audio.no_output_device"
        raise AudioError(t(key))
    if isinstance(spec, int) or spec.strip().isdigit():
        index = int(spec)
        found = [device for device in devices if device.index == index]
        if not found:
            raise AudioError(_not_found(spec, usable))
        if _channels(found[0], kind) == 0:
            key = "audio.not_an_input" if kind == "input" else "audio.not_an_output"
            raise AudioError(t(key, device=spec))
        return found[0]
    wanted = spec.strip().lower()
    exact = [device for device in usable if device.name.lower() == wanted]
    if exact:
        return exact[0]
    partial = [device for device in usable if wanted in device.name.lower()]
    if len(partial) == 1:
        return partial[0]
    if partial:
        matches = ", ".join(f"{device.index} {device.name}" for device in partial)
        raise AudioError(t("audio.device_ambiguous", device=spec, matches=matches))
    raise AudioError(_not_found(spec, usable))


def _not_found(spec: str | int, usable: list[DeviceInfo]) -> str:
    available = ", ".join(f"{device.index} {device.name}" for device in usable) or "-"
    return t("audio.device_not_found", device=spec, available=available)


@dataclass(frozen=True)
class DeviceRow:
    """One line of ``facilitator devices``: a device and whether it is chosen."""

    index: int
    name: str
    inputs: int
    outputs: int
    is_default_input: bool
    is_default_output: bool
    chosen_input: bool
    chosen_output: bool

    def __str__(self) -> str:
        """One line for the terminal, such as ``* 3  USB Speaker  (0 in, 2 out): ...``."""
        notes = [
            t(key)
            for key, flag in (
                ("audio.note_chosen_output", self.chosen_output),
                ("audio.note_chosen_input", self.chosen_input),
                ("audio.note_default_output", self.is_default_output),
                ("audio.note_default_input", self.is_default_input),
            )
            if flag
        ]
        return t(
            "audio.device_line",
            mark="*" if self.chosen_output or self.chosen_input else " ",
            index=self.index,
            name=self.name,
            inputs=self.inputs,
            outputs=self.outputs,
            notes=(": " + ", ".join(notes)) if notes else "",
        )


def describe_devices(
    output: str | int | None = None, input: str | int | None = None
) -> list[DeviceRow]:
    """All devices, with the ones ``output`` and ``input`` resolve to marked as chosen.

    A choice that does not resolve marks nothing; call ``resolve_device`` to get
    the error message for it.
    """
    devices = list_devices()
    chosen: dict[Kind, int] = {}
    choices: tuple[tuple[Kind, str | int | None], ...] = (("output", output), ("input", input))
    for kind, spec in choices:
        try:
            chosen[kind] = resolve_device(spec, kind).index
        except AudioError:
            chosen[kind] = -1
    return [
        DeviceRow(
            index=device.index,
            name=device.name,
            inputs=device.inputs,
            outputs=device.outputs,
            is_default_input=device.is_default_input,
            is_default_output=device.is_default_output,
            chosen_input=device.index == chosen["input"],
            chosen_output=device.index == chosen["output"],
        )
        for device in devices
    ]


# --- playing -----------------------------------------------------------------


class Player(Protocol):
    def play(self, sound: Sound, cancel: threading.Event | None = None) -> None:
        """Plays ``sound``; returns when it is done, or early once ``cancel`` is set or
        ``stop()`` is called. Raises ``AudioError`` when the device fails."""
        ...

    def stop(self) -> None:
        """Stops the sound that is playing now, if any."""
        ...


TAIL_PAD_S = 0.05


class SoundDevicePlayer:
    """Plays through one output device with sounddevice.

    The device is looked up when the player is made (``AudioError`` if it is not
    there) and opened anew for each sound, so a device that comes back is used again.
    Sounds are resampled when the device refuses their rate.
    """

    def __init__(self, device: str | int | None = None, gain: float = 1.0) -> None:
        self._sd = sounddevice_module()
        self.device = resolve_device(device, "output")
        self.gain = gain
        self._rates: dict[int, int] = {}
        self._lock = threading.Lock()
        self._stopping: threading.Event | None = None

    @property
    def device_name(self) -> str:
        return self.device.name

    def probe(self, rate: int = 22050) -> None:
        """Checks that the device can be opened for output (``AudioError`` if not)."""
        sd = self._sd
        for candidate in (rate, round(self.device.default_rate)):
            try:
                sd.check_output_settings(
                    device=self.device.index, channels=1, dtype="float32", samplerate=candidate
                )
                return
            except (sd.PortAudioError, ValueError) as error:
                failure = error
        raise self._failure(failure)

    def stop(self) -> None:
        with self._lock:
            if self._stopping is not None:
                self._stopping.set()

    def play(self, sound: Sound, cancel: threading.Event | None = None) -> None:
        if len(sound.samples) == 0 or (cancel is not None and cancel.is_set()):
            return
        stopping = threading.Event()
        with self._lock:
            self._stopping = stopping
        try:
            self._play(sound, stopping, cancel)
        finally:
            with self._lock:
                self._stopping = None

    def _play(
        self, sound: Sound, stopping: threading.Event, cancel: threading.Event | None
    ) -> None:
        sd = self._sd
        rate = self._device_rate(sound.rate)
        data = sound.resampled(rate).samples
        if self.gain != 1.0:
            data = np.clip(data * self.gain, -1.0, 1.0).astype(np.float32)
        # PortAudio reports the stream finished before its last buffer has reached the
        # sound server; closing then cut ~40 ms off every sound (a click at the end of
        # a chime). A little silence at the end lets the real end be heard.
        data = np.concatenate([data, np.zeros(round(rate * TAIL_PAD_S), dtype=np.float32)])
        position = 0
        finished = threading.Event()

        def callback(outdata: Any, frames: int, _time: Any, _status: Any) -> None:
            nonlocal position
            if stopping.is_set() or (cancel is not None and cancel.is_set()):
                raise sd.CallbackAbort
            chunk = data[position : position + frames]
            outdata[: len(chunk), 0] = chunk
            outdata[len(chunk) :, 0] = 0.0
            position += frames
            if len(chunk) < frames:
                raise sd.CallbackStop

        def open_stream() -> Any:
            return sd.OutputStream(
                device=self.device.index,
                samplerate=rate,
                channels=1,
                dtype="float32",
                callback=callback,
                finished_callback=finished.set,
            )

        try:
            stream, release = open_counted(open_stream)
            try:
                stream.start()
                self._wait(stream, finished, stopping, cancel, len(data) / rate)
            finally:
                with contextlib.suppress(sd.PortAudioError):
                    if not finished.is_set():
                        stream.abort()
                    stream.close()
                release()
        except (sd.PortAudioError, ValueError) as error:
            raise self._failure(error) from error

    def _wait(
        self,
        stream: Any,
        finished: threading.Event,
        stopping: threading.Event,
        cancel: threading.Event | None,
        duration_s: float,
    ) -> None:
        """Waits until the stream has played out, aborting it when asked to stop.

        The callback also aborts on a stop, but a device that stalls calls it no more.
        """
        deadline = time.monotonic() + duration_s + _PLAYBACK_GRACE_S
        while not finished.wait(_POLL_S):
            if stopping.is_set() or (cancel is not None and cancel.is_set()):
                stream.abort()
                return
            if time.monotonic() > deadline:
                reason = t("audio.playback_stuck")
                raise AudioError(t("audio.device_failed", device=self.device.name, reason=reason))

    def _device_rate(self, rate: int) -> int:
        """``rate`` if the device takes it, else the device's own default rate."""
        if rate not in self._rates:
            try:
                self._sd.check_output_settings(
                    device=self.device.index, channels=1, dtype="float32", samplerate=rate
                )
                self._rates[rate] = rate
            except (self._sd.PortAudioError, ValueError):
                self._rates[rate] = round(self.device.default_rate)
        return self._rates[rate]

    def _failure(self, error: Exception) -> AudioError:
        return AudioError(t("audio.device_failed", device=self.device.name, reason=error))


class ReconnectingPlayer:
    """A loudspeaker that may come and go: it finds its device again when needed.

    ``connect()`` looks the device up and checks it; ``play`` connects first when
    there is no device yet or the last one failed. So a speaker that was missing
    when the session began, or was lost during it, is used again as soon as it is
    back. When the device cannot be found in the list PortAudio made at start-up,
    the list is made anew (only while no stream of ours is open).

    Call ``play`` from one thread at a time.
    """

    def __init__(self, device: str | int | None = None, gain: float = 1.0) -> None:
        sounddevice_module()  # no PortAudio at all is not worth retrying: fail now
        self.spec = device
        self.gain = gain
        self._lock = threading.Lock()
        self._player: SoundDevicePlayer | None = None

    @property
    def connected(self) -> bool:
        with self._lock:
            return self._player is not None

    def connect(self) -> SoundDevicePlayer:
        """The player for the device; ``AudioError`` if the device is not usable now."""
        with self._lock:
            if self._player is not None:
                return self._player
        try:
            player = self._open()
        except AudioError:
            if not refresh_devices_if_idle():
                raise
            player = self._open()
        with self._lock:
            self._player = player
        return player

    def _open(self) -> SoundDevicePlayer:
        player = SoundDevicePlayer(self.spec, gain=self.gain)
        player.probe()
        return player

    def play(self, sound: Sound, cancel: threading.Event | None = None) -> None:
        player = self.connect()
        try:
            player.play(sound, cancel)
        except AudioError:
            with self._lock:
                if self._player is player:
                    self._player = None  # look for the device again next time
            raise

    def stop(self) -> None:
        with self._lock:
            player = self._player
        if player is not None:
            player.stop()
