"""Faults the facilitator meets in a real room, and how the meeting goes on.

Each test breaks one real part: the loudspeaker is missing or vanishes while the
session plays (a PulseAudio room of its own, whose sink is unloaded and loaded
again), the speech engine fails, espeak-ng or its Dutch voice is missing (hidden
in a subprocess), or the wall clock jumps under a running session (libfaketime).
The promise each time: the meeting goes on, with one clear message, and what
comes back is used again.

Time that the tests control is injected (``FakeClock``); where a real process has
to run, it runs at ``--speed 3600`` (an hour in a second).
"""

from __future__ import annotations

import ast
import contextlib
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from room import Room, match, start_room

from facilitator.errors import AudioError, SpeechError
from facilitator.lang import get_pack, t
from facilitator.meeting.clock import Clock, FakeClock, MonotonicClock
from facilitator.meeting.commands import Command, CommandKind
from facilitator.meeting.engine import Session, SessionSettings, SessionView
from facilitator.meeting.plan import Participants, build_plan
from facilitator.meeting.runner import Runner
from facilitator.meeting.sessionlog import make_record, read_log
from facilitator.method import library
from facilitator.speech.audio import (
    NATIVE_NOISE,
    ReconnectingPlayer,
    load_sound,
    open_counted,
    refresh_devices,
    refresh_devices_if_idle,
    sounddevice_module,
)
from facilitator.speech.output import (
    RETRY_DEVICE_S,
    AudioOutput,
    open_output,
)
from facilitator.speech.tts import EspeakSynthesizer, _EngineThread

REPO = Path(__file__).resolve().parent.parent
PACKAGE = REPO / "facilitator"
FACILITATOR = [sys.executable, "-m", "facilitator.cli.app"]
PEOPLE = "Anna,Bram,Carla,Daan,Eva"
WAIT_S = 10.0
PROCESS_TIMEOUT_S = 60


# --- a session in this process, driven by commands ----------------------------


class ListLog:
    """The session's events in a list (checked like the real log), to wait on."""

    def __init__(self) -> None:
        self.records: list[dict[str, object]] = []
        self._cond = threading.Condition()

    def write(self, event: str, t: float, **fields: object) -> dict[str, object]:
        record = make_record(event, t, **fields)
        with self._cond:
            self.records.append(record)
            self._cond.notify_all()
        return record

    def events(self, name: str) -> list[dict[str, object]]:
        with self._cond:
            return [r for r in self.records if r["event"] == name]

    def wait_for(self, name: str, count: int = 1) -> None:
        with self._cond:
            if not self._cond.wait_for(lambda: len(self.events(name)) >= count, WAIT_S):
                raise AssertionError(f"no {count}x {name} in {self.records}")


class ListDisplay:
    """The screen: what was shown as said, and the notices."""

    def __init__(self) -> None:
        self.said_texts: list[str] = []
        self.notices: list[str] = []
        self._lock = threading.Lock()

    def said(self, text: str, view: SessionView) -> None:
        with self._lock:
            self.said_texts.append(text)

    def refresh(self, view: SessionView) -> None:
        pass

    def notice(self, text: str) -> None:
        with self._lock:
            self.notices.append(text)


@dataclass
class LiveSession:
    runner: Runner
    log: ListLog
    display: ListDisplay
    thread: threading.Thread
    outcome: list[str]

    def command(self, kind: CommandKind) -> None:
        self.runner.submit(Command(kind))

    def next_step(self, number: int) -> None:
        """Moves on to step ``number`` (1-based) and waits until it has begun."""
        self.command(CommandKind.NEXT_STEP)
        self.log.wait_for("step_started", number)

    def stop(self) -> str:
        self.command(CommandKind.STOP)
        self.command(CommandKind.CONFIRM_STOP)
        self.thread.join(WAIT_S)
        assert not self.thread.is_alive(), "the session did not end"
        return self.outcome[0]


@contextlib.contextmanager
def live_session(output: Any, clock: Clock | None = None) -> Iterator[LiveSession]:
    """The shipped roddelmethode with five people, running on a thread of its own."""
    plan = build_plan(library.resolve("roddelmethode"), Participants.named(PEOPLE.split(",")))
    session = Session(plan, SessionSettings(grace_s=0), get_pack())
    log, display = ListLog(), ListDisplay()
    runner = Runner(session, clock or MonotonicClock(), output, log, display)
    outcome: list[str] = []
    thread = threading.Thread(target=lambda: outcome.append(runner.run()), daemon=True)
    thread.start()
    live = LiveSession(runner, log, display, thread, outcome)
    try:
        log.wait_for("step_started")
        yield live
    finally:
        if thread.is_alive():
            live.stop()
        output.close(timeout=WAIT_S)


# --- a PulseAudio room whose loudspeaker can be taken away ----------------------


class OwnRoom:
    """A private virtual room (not the shared one), so its sink may come and go."""

    def __init__(self, room: Room) -> None:
        self.room = room
        self.env = {
            **os.environ,
            "XDG_RUNTIME_DIR": str(room.runtime_dir),
            "PULSE_SERVER": room.server,
        }
        self._keepalive: subprocess.Popen[bytes] | None = None

    def pactl(self, *args: str) -> str:
        done = subprocess.run(
            ["pactl", *args], env=self.env, capture_output=True, text=True, timeout=WAIT_S
        )
        assert done.returncode == 0, done.stderr
        return done.stdout

    def unplug(self) -> None:
        """Takes the loudspeaker away: no sink is left for a sound to go to."""
        modules = self.pactl("list", "short", "modules").splitlines()
        # module-always-sink would put a stand-in sink in its place: it goes first.
        for wanted in ("module-always-sink", "sink_name=room"):
            for line in modules:
                if wanted in line:
                    self.pactl("unload-module", line.split()[0])
        assert self.pactl("list", "short", "sinks").strip() == ""

    def plug_in(self) -> None:
        """Brings the loudspeaker back, warmed up like the room does at its start."""
        self.pactl("load-module", "module-null-sink", "sink_name=room")
        self.pactl("set-default-sink", "room")
        self.pactl("set-default-source", "room.monitor")
        self._keepalive = subprocess.Popen(
            [
                "pacat", "--playback", "--raw", "--format=s16le", "--rate=22050",
                "--channels=1", "--latency-msec=20", "--device=room", "/dev/zero",
            ],
            env=self.env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )  # fmt: skip
        # A fresh null sink takes streams only after its first (2 s) block; once its
        # monitor delivers audio, it runs at the keep-alive's low latency.
        with self.room.recording() as recording:
            recording.listen_on(0.05, timeout=WAIT_S)

    def close(self) -> None:
        if self._keepalive is not None:
            self._keepalive.terminate()
            self._keepalive.wait(WAIT_S)
        self.room.stop()  # points this process back at the shared room


@pytest.fixture
def own_room(room: Room) -> Iterator[OwnRoom]:
    private = OwnRoom(start_room())
    try:
        yield private
    finally:
        private.close()


@contextlib.contextmanager
def no_pulseaudio(tmp_path: Path) -> Iterator[Callable[[Room], None]]:
    """This process sees no sound server (PortAudio lists no device at all) until the
    callback it yields points it at a room. The shared room is restored afterwards."""
    saved = os.environ.get("PULSE_SERVER")
    os.environ["PULSE_SERVER"] = f"unix:{tmp_path / 'no-server-here'}"
    refresh_devices()

    def plug_in(room: Room) -> None:
        os.environ["PULSE_SERVER"] = room.server  # nothing is refreshed: the player must

    try:
        yield plug_in
    finally:
        if saved is None:
            os.environ.pop("PULSE_SERVER", None)
        else:
            os.environ["PULSE_SERVER"] = saved
        refresh_devices()


# --- the loudspeaker ------------------------------------------------------------


@pytest.mark.room
def test_a_meeting_without_a_loudspeaker_goes_on_with_text_and_one_message(
    tmp_path: Path,
) -> None:
    problems: list[str] = []
    clock = FakeClock()
    output = open_output("zaal-luidspreker", None, None, "nl", problems.append, clock=clock)
    assert isinstance(output, AudioOutput)
    with live_session(output) as session:
        for number in range(2, 6):
            clock.jump(RETRY_DEVICE_S)  # every sound tries the device again
            session.next_step(number)
            assert output.wait_idle(WAIT_S)
        assert session.stop() == "stopped"
    assert len(problems) == 1, problems
    assert "zaal-luidspreker" in problems[0]
    assert t("audio.device_lost", problem="").strip() in problems[0]
    step_texts = [str(r["text"]) for r in session.log.events("step_started")]
    assert len(step_texts) == 5
    assert all(text in session.display.said_texts for text in step_texts)


@pytest.mark.room
def test_a_loudspeaker_missing_at_the_start_is_used_once_it_is_there(
    room: Room, tmp_path: Path
) -> None:
    problems: list[str] = []
    clock = FakeClock()
    with no_pulseaudio(tmp_path) as plug_in:
        output = open_output(None, None, None, "nl", problems.append, clock=clock)
        try:
            assert isinstance(output, AudioOutput)
            assert len(problems) == 1
            assert problems[0].startswith(t("audio.no_devices"))
            output.play("command", 1)
            assert output.wait_idle(WAIT_S)
            assert len(problems) == 1

            plug_in(room)
            output.play("command", 1)  # tried again only after a while
            assert output.wait_idle(WAIT_S)
            assert len(problems) == 1
            clock.jump(RETRY_DEVICE_S)
            output.play("command", 1)
            assert output.wait_idle(WAIT_S)
            assert problems[1:] == [t("audio.device_back")]
            with room.recording() as recording:
                output.play("turn", 2)
                assert output.wait_idle(WAIT_S)
                recording.listen_on(0.3)
            assert match(recording.samples, load_sound("turn").samples) > 0.9
        finally:
            output.close(timeout=WAIT_S)


@pytest.mark.room
def test_a_loudspeaker_that_vanishes_mid_meeting_gives_one_message_and_comes_back(
    own_room: OwnRoom,
) -> None:
    problems: list[str] = []
    clock = FakeClock()
    output = AudioOutput(None, ReconnectingPlayer(), problems.append, clock=clock)
    with live_session(output) as session:
        own_room.unplug()  # while the first step is being announced
        session.next_step(2)
        assert output.wait_idle(WAIT_S)
        assert len(problems) == 1
        assert problems[0].endswith(t("audio.device_lost", problem="").strip())
        clock.jump(RETRY_DEVICE_S)
        session.next_step(3)  # still gone: tried, and not a word more
        assert output.wait_idle(WAIT_S)
        assert len(problems) == 1

        own_room.plug_in()
        clock.jump(RETRY_DEVICE_S)
        with own_room.room.recording() as recording:
            session.next_step(4)
            recording.listen_on(load_sound("step").duration_s + 0.5)
        assert problems[1:] == [t("audio.device_back")]
        assert match(recording.samples, load_sound("step").samples) > 0.9
        assert session.stop() == "stopped"
    started = [r["step"] for r in session.log.events("step_started")]
    ended = [r["step"] for r in session.log.events("step_ended")]
    assert len(started) == 4 and ended == started
    assert session.log.events("session_ended")[0]["reason"] == "stopped"


@pytest.mark.room
def test_looking_for_a_lost_loudspeaker_never_breaks_an_open_microphone(room: Room) -> None:
    sd = sounddevice_module()
    heard = threading.Semaphore(0)
    microphone, release = open_counted(
        lambda: sd.InputStream(
            samplerate=22050, channels=1, dtype="float32",
            callback=lambda *_args: heard.release(),
        )
    )  # fmt: skip
    try:
        microphone.start()
        assert heard.acquire(timeout=WAIT_S)
        with pytest.raises(AudioError):
            ReconnectingPlayer("zaal-luidspreker").play(load_sound("command"))
        assert not refresh_devices_if_idle()  # PortAudio is left alone while it listens
        while heard.acquire(blocking=False):
            pass
        assert heard.acquire(timeout=WAIT_S), "the microphone stopped"
        assert microphone.active
    finally:
        microphone.close()
        release()
    assert refresh_devices_if_idle()


# --- the voice ------------------------------------------------------------------


@pytest.mark.room
@pytest.mark.espeak
def test_a_failing_speech_engine_gives_a_chime_and_the_text(room: Room, tmp_path: Path) -> None:
    # A real espeak-ng whose every sentence fails: it has nowhere to write its speech.
    broken = EspeakSynthesizer("nl", temp_dir=tmp_path / "verdwenen")
    problems: list[str] = []
    output = AudioOutput(broken, ReconnectingPlayer(), problems.append, clock=FakeClock())
    with room.recording() as recording, live_session(output) as session:
        recording.listen_on(load_sound("notice").duration_s + 0.5)
        assert session.stop() == "stopped"
    assert match(recording.samples, load_sound("notice").samples) > 0.9
    assert len(problems) == 1
    assert t("audio.spoken_failed", problem="").strip() in problems[0]
    first_step = str(session.log.events("step_started")[0]["text"])
    assert first_step in session.display.said_texts


@pytest.mark.espeak
def test_a_long_first_sentence_is_spoken_in_full_and_leaves_no_file(tmp_path: Path) -> None:
    # espeak-ng synthesizes on a thread of its own, and pyttsx3 stops waiting for it
    # after a 10 ms pause. A sentence that takes longer (a long one, in a process that
    # has not spoken yet) used to come back empty, a chime instead, and its file was
    # written after it had been deleted, left behind in /dev/shm.
    sentence = " ".join(["De groep verkent de vraag met zo veel mogelijk open vragen."] * 12)
    script = (
        "from pathlib import Path\n"
        "from facilitator.speech.tts import EspeakSynthesizer\n"
        f"synthesizer = EspeakSynthesizer('nl', temp_dir=Path({str(tmp_path)!r}))\n"
        f"print(synthesizer.synthesize({sentence!r}).duration_s)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=WAIT_S
    )
    assert done.returncode == 0, done.stderr
    assert float(done.stdout) > 20
    assert list(tmp_path.iterdir()) == []


def test_a_speech_engine_that_hangs_is_waited_for_once_not_for_every_sentence() -> None:
    engine = _EngineThread(timeout_s=0.3)  # the thread pyttsx3 runs on, with a short patience
    hung = threading.Event()
    with pytest.raises(SpeechError, match=t("audio.engine_stuck")):
        engine.call(hung.wait)  # like runAndWait when espeak-ng stops answering
    started = time.monotonic()
    with pytest.raises(SpeechError, match=t("audio.engine_stuck")):
        engine.call(lambda: "de volgende zin")
    assert time.monotonic() - started < 0.2  # failed at once, without waiting again
    hung.set()
    assert engine.wait_responsive(WAIT_S)
    assert engine.call(lambda: "weer goed") == "weer goed"


# --- missing libraries and voices, in a process of their own ----------------------

HIDE_LIBRARIES = """
# Makes the shared libraries named in HIDE_LIBRARIES impossible to load, as if their
# packages were not installed.
import ctypes
import ctypes.util
import os

_hidden = [n for n in os.environ.get("HIDE_LIBRARIES", "").split(",") if n]


def _is_hidden(name):
    return bool(name) and any(part in str(name) for part in _hidden)


_load = ctypes.CDLL.__init__


def _refuse(self, name, *args, **kwargs):
    if _is_hidden(name):
        raise OSError(f"{name}: cannot open shared object file: No such file or directory")
    _load(self, name, *args, **kwargs)


_find = ctypes.util.find_library
ctypes.CDLL.__init__ = _refuse
ctypes.util.find_library = lambda name: None if _is_hidden(name) else _find(name)
"""


def run_facilitator(
    tmp_path: Path, *args: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """``facilitator ARGS`` in a process of its own, with an empty room configuration
    and no sound server unless ``env`` names one."""
    config = tmp_path / "room.toml"
    if not config.exists():
        config.write_text("", encoding="utf-8")
    base = {
        **os.environ,
        "FACILITATOR_CONFIG": str(config),
        "FACILITATOR_STATE_DIR": str(tmp_path / "state"),
        "PULSE_SERVER": f"unix:{tmp_path / 'no-server-here'}",
    }
    return subprocess.run(
        [str(Path(sys.executable).with_name("facilitator")), *args],
        capture_output=True,
        text=True,
        timeout=PROCESS_TIMEOUT_S,
        env={**base, **(env or {})},
        stdin=subprocess.DEVNULL,
        cwd=tmp_path,
    )


NATIVE_NOISE_TEXT = tuple(prefix.decode() for prefix in NATIVE_NOISE)


def notices(stderr: str) -> list[str]:
    """The messages a session showed (each starts with "! ", and may go on for lines);
    anything else on stderr is an error of its own."""
    found: list[str] = []
    for line in stderr.splitlines():
        if line.startswith("! "):
            found.append(line[2:])
        elif found and not line.startswith(NATIVE_NOISE_TEXT):
            found[-1] += "\n" + line
        else:
            raise AssertionError(f"not a message of the session: {line!r}\n{stderr}")
    return found


# How the messages about the loudspeaker and the voice end (after the problem itself).
SOUND_MESSAGES = tuple(
    t(key, problem="\0").split("\0")[1]
    for key in ("audio.device_lost", "audio.silent", "audio.chimes_only", "audio.spoken_failed")
)


def run_meeting(tmp_path: Path, env: dict[str, str]) -> tuple[list[str], list[dict[str, Any]]]:
    """A whole roddelmethode at an hour a second; its messages about sound and voice
    (the listener has messages of its own about the microphone) and its log."""
    log = tmp_path / "sessie.jsonl"
    done = run_facilitator(
        tmp_path, "run", "roddelmethode", "-p", PEOPLE, "--speed", "3600", "--log", str(log),
        env=env,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    events = read_log(log)
    assert events[-1]["event"] == "session_ended"
    assert events[-1]["reason"] == "completed"
    return [m for m in notices(done.stderr) if m.endswith(SOUND_MESSAGES)], events


def hidden(tmp_path: Path, *libraries: str) -> dict[str, str]:
    folder = tmp_path / "hide"
    folder.mkdir(exist_ok=True)
    (folder / "sitecustomize.py").write_text(HIDE_LIBRARIES, encoding="utf-8")
    return {"PYTHONPATH": str(folder), "HIDE_LIBRARIES": ",".join(libraries)}


def test_without_espeak_ng_the_meeting_runs_and_says_what_to_install(tmp_path: Path) -> None:
    messages, _ = run_meeting(tmp_path, hidden(tmp_path, "espeak"))
    speech = [m for m in messages if "espeak" in m]
    assert speech == [t("audio.chimes_only", problem=t("audio.no_espeak"))]
    assert "sudo apt install espeak-ng" in speech[0]
    assert messages[0] == t("audio.device_lost", problem=t("audio.no_devices"))
    assert len(messages) == 2  # that one, for the loudspeaker that is not there


def espeak_data_without(tmp_path: Path, language: str) -> Path:
    """A copy (of links) of espeak-ng's data in which ``language`` has no voice."""
    found = subprocess.run(["espeak-ng", "--version"], capture_output=True, text=True)
    source = Path(found.stdout.split("Data at:")[1].strip())
    target = tmp_path / "espeak" / "espeak-ng-data"

    def copy(folder: Path, into: Path) -> None:
        into.mkdir(parents=True)
        for entry in folder.iterdir():
            if entry.name in (f"{language}_dict", language):
                continue
            if entry.is_dir() and entry.name in ("lang", "gmw"):
                copy(entry, into / entry.name)
            else:
                (into / entry.name).symlink_to(entry)

    copy(source, target)
    return target.parent


@pytest.mark.espeak
def test_without_a_dutch_voice_the_meeting_runs_and_says_what_to_install(tmp_path: Path) -> None:
    data = espeak_data_without(tmp_path, "nl")
    messages, _ = run_meeting(tmp_path, {"ESPEAK_DATA_PATH": str(data)})
    voice = [m for m in messages if "espeak" in m]
    assert voice == [t("audio.chimes_only", problem=t("audio.no_voice", language="nl"))]
    assert "espeak-ng-data" in voice[0]


def test_without_portaudio_the_meeting_runs_silently_and_says_what_to_install(
    tmp_path: Path,
) -> None:
    messages, _ = run_meeting(tmp_path, hidden(tmp_path, "portaudio"))
    assert messages == [t("audio.silent", problem=t("audio.no_portaudio"))]
    assert "sudo apt install libportaudio2" in messages[0]


def test_without_any_sound_server_the_meeting_runs_with_one_message(tmp_path: Path) -> None:
    messages, events = run_meeting(tmp_path, {})
    assert messages == [t("audio.device_lost", problem=t("audio.no_devices"))]
    assert len([e for e in events if e["event"] == "step_started"]) == 5


# --- the libraries' own chatter --------------------------------------------------


def test_the_noise_filter_drops_library_lines_and_keeps_everything_else(tmp_path: Path) -> None:
    script = """
import os, sys
from facilitator.speech.audio import NativeNoiseFilter
print("voor", file=sys.stderr, flush=True)
with NativeNoiseFilter():
    os.write(2, b"ALSA lib pcm_pulse.c:758:(pulse_prepare) PulseAudio: Unable to create stream\\n")
    os.write(2, b"\\nExpression 'ret' failed in 'src/hostapi/alsa/pa_linux_alsa.c', line: 1812\\n")
    print("! De luidspreker is weg.", file=sys.stderr, flush=True)
    os.write(2, b"Expres")
    os.write(2, b"sion 'r' failed\\nhalf")
    os.write(2, b" af\\n")
    print("Geen ALSA lib aan het begin", file=sys.stderr, flush=True)
    os.write(2, b"Exp")
    os.write(2, b"ort klaar\\n")
print("na", file=sys.stderr, flush=True)
"""
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=WAIT_S
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr.splitlines() == [
        "voor",
        "! De luidspreker is weg.",
        "half af",
        "Geen ALSA lib aan het begin",
        "Export klaar",
        "na",
    ]


@contextlib.contextmanager
def sound_server_without_loudspeaker() -> Iterator[str]:
    """A PulseAudio server of its own with no sink at all; yields its address."""
    if shutil.which("pulseaudio") is None:
        pytest.skip("pulseaudio is not installed")
    runtime = Path(tempfile.mkdtemp(prefix="facilitator-bare-"))  # short: a socket path
    runtime.chmod(0o700)
    env = {**os.environ, "XDG_RUNTIME_DIR": str(runtime)}
    env.pop("PULSE_SERVER", None)
    try:
        subprocess.run(
            ["pulseaudio", "-D", "-n", "--exit-idle-time=-1", "--disallow-exit",
             "--load=module-native-protocol-unix"],
            env=env, check=True, capture_output=True, timeout=WAIT_S,
        )  # fmt: skip
        yield f"unix:{runtime / 'pulse' / 'native'}"
    finally:
        with contextlib.suppress(OSError, ValueError, IndexError):
            os.kill(int((runtime / "pulse" / "pid").read_text().split()[0]), signal.SIGKILL)
        shutil.rmtree(runtime, ignore_errors=True)


def test_a_lost_loudspeaker_gives_one_line_not_the_libraries_chatter(tmp_path: Path) -> None:
    with sound_server_without_loudspeaker() as server:
        done = run_facilitator(tmp_path, "say", "Hallo", env={"PULSE_SERVER": server})
    assert done.returncode == 1
    assert done.stderr.count("\n") == 1, done.stderr
    before, after = t("audio.device_failed", device="default", reason="\0").split("\0")
    assert done.stderr.startswith(before) and done.stderr.endswith(after + "\n")


def test_a_meeting_without_a_loudspeaker_shows_one_message_and_no_chatter(
    tmp_path: Path,
) -> None:
    with sound_server_without_loudspeaker() as server:
        messages, _ = run_meeting(tmp_path, {"PULSE_SERVER": server})
    assert len(messages) == 1  # and not a line of ALSA's or PortAudio's (see notices)
    assert messages[0].endswith(t("audio.device_lost", problem="").strip())


# --- the clock --------------------------------------------------------------------

# Reading the wall clock, or sleeping, is how a timer drifts or hangs when the
# system time is set (NTP after a cold start, a change of summer time). Every
# timing in the package comes from ``facilitator.meeting.clock`` (monotonic) instead.
WALL_CLOCK = {
    "time.time", "time.time_ns", "time.localtime", "time.gmtime", "time.ctime",
    "time.asctime", "time.strftime", "time.sleep",
    "datetime.datetime.now", "datetime.datetime.utcnow", "datetime.datetime.today",
    "datetime.date.today",
}  # fmt: skip
# Where the wall clock is read anyway, and why that is not timing.
WALL_CLOCK_ALLOWED = {
    ("meeting/recovery.py", "datetime.datetime.now"): "saved_at: shown to the user, never compared",
    ("cli/app.py", "datetime.datetime.now"): "--until: read once, to get a length",
}
# The engine is pure: it gets the time with every event and never reads a clock.
CLOCKLESS = ("meeting/engine.py", "meeting/plan.py", "meeting/effects.py")


def qualified_names(tree: ast.AST) -> Iterator[tuple[str, int]]:
    """Every dotted name the module uses, with its imports resolved, and its line."""
    imported: dict[str, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                imported[alias.asname or alias.name.split(".")[0]] = (
                    alias.name if alias.asname else alias.name.split(".")[0]
                )
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            for alias in node.names:
                imported[alias.asname or alias.name] = f"{node.module}.{alias.name}"
    for node in ast.walk(tree):
        parts: list[str] = []
        current: ast.AST = node
        while isinstance(current, ast.Attribute):
            parts.append(current.attr)
            current = current.value
        if (
            isinstance(current, ast.Name)
            and current.id in imported
            and (parts or isinstance(node, ast.Name))
        ):
            yield ".".join([imported[current.id], *reversed(parts)]), node.lineno


def package_modules() -> Iterator[tuple[str, ast.AST]]:
    for path in sorted(PACKAGE.rglob("*.py")):
        yield str(path.relative_to(PACKAGE)), ast.parse(path.read_text("utf-8"), str(path))


def test_no_timing_comes_from_the_wall_clock() -> None:
    found = [
        f"facilitator/{module}:{line}: {name}"
        for module, tree in package_modules()
        for name, line in qualified_names(tree)
        if name in WALL_CLOCK and (module, name) not in WALL_CLOCK_ALLOWED
    ]
    assert found == []


def test_the_wall_clock_check_sees_every_way_of_writing_it() -> None:
    source = (
        "import time\nimport time as tm\nimport datetime\n"
        "from datetime import datetime as dt, date\nfrom time import monotonic, time as now\n"
        "time.time()\ntm.sleep(1)\ndatetime.datetime.now()\ndt.utcnow()\ndate.today()\n"
        "now()\nclock = time.time\nmonotonic()\n"
    )
    names = [name for name, _ in qualified_names(ast.parse(source)) if name in WALL_CLOCK]
    assert sorted(set(names)) == sorted(
        {
            "time.time", "time.sleep", "datetime.datetime.now", "datetime.datetime.utcnow",
            "datetime.date.today",
        }
    )  # fmt: skip
    assert ("time.time", 11) in list(qualified_names(ast.parse(source)))  # now()


def test_the_engine_reads_no_clock_at_all() -> None:
    clocks = ("time.", "datetime.", "facilitator.meeting.clock.")
    for module, tree in package_modules():
        if module in CLOCKLESS:
            used = [name for name, _ in qualified_names(tree) if name.startswith(clocks)]
            assert used == [], module


def faketime_library() -> Path:
    """libfaketime (Debian package faketime), which makes a process see another wall time."""
    for found in sorted(Path("/usr/lib").glob("*/faketime/libfaketimeMT.so.1")):
        return found
    if os.environ.get("CI", "").strip().lower() == "true":
        pytest.fail("libfaketime is missing (apt install faketime): CI must run this")
    pytest.skip("libfaketime is missing (apt install faketime)")


def test_a_session_keeps_its_times_when_the_wall_clock_jumps(tmp_path: Path) -> None:
    offset = tmp_path / "faketime"
    offset.write_text("+0\n")
    fake = {
        "LD_PRELOAD": str(faketime_library()),
        "FAKETIME_TIMESTAMP_FILE": str(offset),
        "FAKETIME_NO_CACHE": "1",  # read the file at every call: the jumps take effect at once
        "FAKETIME_DONT_FAKE_MONOTONIC": "1",
    }
    # The jump is real for the process: its wall clock is two hours behind.
    offset.write_text("-2h\n")
    shown = subprocess.run(
        [sys.executable, "-c", "import time; print(time.time())"],
        env={**os.environ, **fake}, capture_output=True, text=True, timeout=WAIT_S,
    )  # fmt: skip
    assert float(shown.stdout) < time.time() - 7000
    offset.write_text("+0\n")

    log = tmp_path / "sessie.jsonl"
    config = tmp_path / "room.toml"
    config.write_text("", encoding="utf-8")
    command = [
        str(Path(sys.executable).with_name("facilitator")), "run", "roddelmethode",
        "-p", PEOPLE, "--text", "--speed", "3600", "--advance", "--grace", "0",
        "--log", str(log),
    ]  # fmt: skip
    env = {
        **os.environ,
        **fake,
        "FACILITATOR_CONFIG": str(config),
        "FACILITATOR_STATE_DIR": str(tmp_path / "state"),
    }
    jumps = {3: "-2h", 9: "+3d"}  # after that many lines on screen: back, then ahead
    with subprocess.Popen(
        command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL, text=True,
    ) as process:  # fmt: skip
        assert process.stdout is not None
        for number, _line in enumerate(process.stdout, start=1):
            if number in jumps:
                offset.write_text(jumps[number] + "\n")
        assert process.wait(timeout=PROCESS_TIMEOUT_S) == 0
    events = read_log(log)
    planned = events[0]["steps"]
    started = [e for e in events if e["event"] == "step_started"]
    ended = [e for e in events if e["event"] == "step_ended"]
    starts, total = [], 0.0
    for step in planned:
        starts.append(total)
        total += step["planned_s"]
    assert [e["t"] for e in started] == starts
    assert [(e["actual_s"], e["reason"]) for e in ended] == [
        (step["planned_s"], "time") for step in planned
    ]
    stamps = [e["t"] for e in events]
    assert stamps == sorted(stamps)
    assert events[-1]["event"] == "session_ended"
    assert events[-1]["actual_s"] == total
