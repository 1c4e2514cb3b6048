"""A virtual meeting room for tests: a private PulseAudio server with a null sink.

The sink ``room`` is the room's loudspeaker and its monitor ``room.monitor`` (the
default source) hears everything played into it, so it serves as the microphone.
sounddevice reaches it through ALSA's pulse plugin once ``XDG_RUNTIME_DIR`` and
``PULSE_SERVER`` point at the private server.

Two things learnt on these machines: a null sink waits up to its 2 s latency before
it takes a new stream, and its monitor only delivers audio while something plays. A
silent low-latency stream (``pacat`` from /dev/zero) therefore plays into the sink
for as long as the room is open, which keeps playback prompt and recording steady.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from facilitator.errors import AudioError
from facilitator.speech.audio import (
    Sound,
    SoundDevicePlayer,
    list_devices,
    refresh_devices,
    sounddevice_module,
)

SINK = "room"
SOURCE = "room.monitor"
RATE = 22050
_COMMAND_TIMEOUT_S = 15


def match(recording: npt.NDArray[np.float32], template: npt.NDArray[np.float32]) -> float:
    """How well ``template`` occurs anywhere in ``recording``: the best normalised
    cross-correlation, 1.0 for an exact (scaled) copy."""
    if len(recording) < len(template):
        return 0.0
    n = len(recording) + len(template)
    size = 1 << (n - 1).bit_length()
    spectrum = np.fft.rfft(recording, size) * np.conj(np.fft.rfft(template, size))
    correlation = np.fft.irfft(spectrum, size)[: len(recording) - len(template) + 1]
    energy = np.concatenate([[0.0], np.cumsum(recording.astype(np.float64) ** 2)])
    window = energy[len(template) :] - energy[: -len(template)]
    norms = np.sqrt(np.maximum(window, 1e-12)) * np.linalg.norm(template)
    return float(np.max(correlation / norms))


class RoomUnavailable(Exception):
    """The virtual room cannot be started here (the message says why)."""


class Recording:
    """What the room's microphone heard while ``Room.recording()`` was open."""

    def __init__(self, rate: int) -> None:
        self.rate = rate
        self._blocks: list[npt.NDArray[np.float32]] = []
        self._count = 0
        self._lock = threading.Condition()

    def add(self, block: npt.NDArray[np.float32]) -> None:
        with self._lock:
            self._blocks.append(block.copy())
            self._count += len(block)
            self._lock.notify_all()

    def listen_on(self, seconds: float, timeout: float = 5.0) -> None:
        """Waits until ``seconds`` more audio have come in: what was just played reaches
        the microphone a little later than the player returns."""
        with self._lock:
            target = self._count + round(seconds * self.rate)
            if not self._lock.wait_for(lambda: self._count >= target, timeout):
                raise AssertionError("the room's microphone delivers no audio")

    @property
    def samples(self) -> npt.NDArray[np.float32]:
        with self._lock:
            if not self._blocks:
                return np.zeros(0, dtype=np.float32)
            return np.concatenate(self._blocks)


class Room:
    def __init__(self, runtime_dir: Path, env: dict[str, str], keepalive: subprocess.Popen[bytes]):
        self.runtime_dir = runtime_dir
        self._env = env
        self._keepalive = keepalive
        self._saved = {name: os.environ.get(name) for name in ("XDG_RUNTIME_DIR", "PULSE_SERVER")}

    @property
    def server(self) -> str:
        return f"unix:{self.runtime_dir / 'pulse' / 'native'}"

    def enter(self) -> None:
        """Points this process (and so sounddevice) at the room."""
        os.environ["XDG_RUNTIME_DIR"] = str(self.runtime_dir)
        os.environ["PULSE_SERVER"] = self.server
        refresh_devices()  # PortAudio lists devices once; make it look again

    @contextmanager
    def recording(self, rate: int = RATE) -> Iterator[Recording]:
        """Records from the room's microphone (the sink's monitor) while open."""
        sd = sounddevice_module()
        recording = Recording(rate)

        def callback(indata: Any, _frames: int, _time: Any, _status: Any) -> None:
            recording.add(indata[:, 0])

        with sd.InputStream(samplerate=rate, channels=1, dtype="float32", callback=callback):
            yield recording

    @contextmanager
    def table(self) -> Iterator[Table]:
        """A second null sink, ``table``: what is played into it is the talk at the
        table, and its monitor is the facilitator's microphone (see ``Table``). The
        facilitator's own loudspeaker stays the sink ``room``."""
        module = _run(["pactl", "load-module", "module-null-sink", "sink_name=table"], self._env)
        keepalive = _pacat(["--raw", "--format=s16le", "--device=table", "/dev/zero"], self._env)
        table = Table(self._env)
        try:
            yield table
        finally:
            table.stop()
            _end(keepalive)
            _run(["pactl", "unload-module", module.strip()], self._env, check=False)

    def stop(self) -> None:
        self._keepalive.terminate()
        try:
            self._keepalive.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self._keepalive.kill()
            self._keepalive.wait()
        _stop_daemon(self.runtime_dir, self._env)
        for name, value in self._saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
        refresh_devices()
        shutil.rmtree(self.runtime_dir, ignore_errors=True)


class Table:
    """The talk at the table: sound played into the sink ``table``."""

    RATE = 16000

    def __init__(self, env: dict[str, str]) -> None:
        self._env = env
        self._playing: list[tuple[subprocess.Popen[bytes], threading.Thread]] = []

    def stop(self) -> None:
        """Stops what still plays into the table."""
        for player, thread in self._playing:
            _end(player)
            thread.join(5)

    @contextmanager
    def microphone(self) -> Iterator[None]:
        """While open, a newly opened default input is the table's monitor."""
        before = os.environ.get("PULSE_SOURCE")
        os.environ["PULSE_SOURCE"] = "table.monitor"
        try:
            yield
        finally:
            if before is None:
                os.environ.pop("PULSE_SOURCE", None)
            else:
                os.environ["PULSE_SOURCE"] = before

    def play(self, samples: npt.NDArray[np.float32]) -> threading.Thread:
        """Starts playing ``samples`` (mono, ``RATE``) into the table; returns at once."""
        player = _pacat(
            ["--raw", "--format=float32le", "--device=table"], self._env, stdin=subprocess.PIPE
        )

        def feed() -> None:
            assert player.stdin is not None
            try:
                player.stdin.write(samples.astype(np.float32).tobytes())
            except OSError:
                pass  # stopped while playing
            finally:
                with contextlib.suppress(OSError):
                    player.stdin.close()

        thread = threading.Thread(target=feed, daemon=True)
        thread.start()
        self._playing.append((player, thread))
        return thread


def _pacat(args: list[str], env: dict[str, str], stdin: Any = None) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [
            "pacat", "--playback", f"--rate={Table.RATE}", "--channels=1",
            "--latency-msec=20", *args,
        ],
        env=env, stdin=stdin if stdin is not None else subprocess.DEVNULL,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip


def _end(process: subprocess.Popen[bytes]) -> None:
    process.terminate()
    try:
        process.wait(timeout=5)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def _run(command: list[str], env: dict[str, str], check: bool = True) -> str:
    try:
        done = subprocess.run(
            command, env=env, capture_output=True, text=True, timeout=_COMMAND_TIMEOUT_S
        )
    except (OSError, subprocess.TimeoutExpired) as error:
        raise RoomUnavailable(f"{' '.join(command)}: {error}") from error
    if check and done.returncode != 0:
        output = (done.stderr or done.stdout).strip()
        raise RoomUnavailable(f"{' '.join(command)} failed ({done.returncode}): {output}")
    return done.stdout


def _stop_daemon(runtime_dir: Path, env: dict[str, str]) -> None:
    """Ends the private daemon. It holds nothing worth a clean shutdown (which takes it
    a second), so it is killed outright; ``pulseaudio --kill`` is the fallback."""
    pid = _daemon_pid(runtime_dir)
    if pid is None:
        _run(["pulseaudio", "--kill"], env, check=False)
        return
    with contextlib.suppress(OSError):
        os.kill(pid, signal.SIGKILL)
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        try:
            # The daemon may be our child (when this process reaps orphans): reap it.
            if os.waitpid(pid, os.WNOHANG)[0] == pid:
                return
        except ChildProcessError:
            if not _alive(pid):
                return
        time.sleep(0.01)


def _alive(pid: int) -> bool:
    """Whether ``pid`` still runs; a zombie (dead, waiting for its parent) does not."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[-1].split()[0] != "Z"


def _daemon_pid(runtime_dir: Path) -> int | None:
    try:
        return int((runtime_dir / "pulse" / "pid").read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return None


def start_room() -> Room:
    """Starts the private PulseAudio room and points this process at it.

    Raises ``RoomUnavailable`` with the reason when it cannot be started.
    """
    for program in ("pulseaudio", "pactl", "pacat"):
        if shutil.which(program) is None:
            raise RoomUnavailable(
                f"{program} is not installed (apt install pulseaudio pulseaudio-utils)"
            )
    runtime_dir = Path(tempfile.mkdtemp(prefix="facilitator-room-"))
    runtime_dir.chmod(0o700)
    env = {**os.environ, "XDG_RUNTIME_DIR": str(runtime_dir)}
    env.pop("PULSE_SERVER", None)
    try:
        _run(
            [
                "pulseaudio", "-D", "-n", "--exit-idle-time=-1", "--disallow-exit",
                "--load=module-native-protocol-unix",
                f"--load=module-null-sink sink_name={SINK}",
                "--load=module-always-sink",
            ],
            env,
        )  # fmt: skip
        _run(["pactl", "set-default-sink", SINK], env)
        _run(["pactl", "set-default-source", SOURCE], env)
        keepalive = subprocess.Popen(
            [
                "pacat", "--playback", "--raw", "--format=s16le", f"--rate={RATE}",
                "--channels=1", "--latency-msec=20", f"--device={SINK}", "/dev/zero",
            ],
            env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )  # fmt: skip
    except RoomUnavailable:
        _stop_daemon(runtime_dir, env)
        shutil.rmtree(runtime_dir, ignore_errors=True)
        raise
    room = Room(runtime_dir, env, keepalive)
    room.enter()
    try:
        if not any(device.outputs > 0 for device in list_devices()):
            raise RoomUnavailable("PortAudio sees no output device (is libasound2-plugins there?)")
        # A fresh null sink takes a new stream only after its start-up latency (about
        # 2 s); pay that once here rather than in the first test that plays.
        SoundDevicePlayer().play(Sound(np.zeros(RATE // 20, dtype=np.float32), RATE))
    except (RoomUnavailable, AudioError) as error:
        room.stop()
        raise RoomUnavailable(str(error)) from error
    return room
