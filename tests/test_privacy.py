"""Confidentiality: a session with voice control writes no audio and no transcript.

A whole session (engine, runner, session log, voice control listening to spoken
commands) runs in a child process whose home, data, configuration, cache and
temporary directories and working directory all lie in one private folder. Every
file the child opens for writing is recorded by an audit hook, and the private
folder is compared before and after (as is /dev/shm, where speech would be kept in
memory). Only the session log may appear, and it may hold only known events.

The recogniser is the plain stand-in from test_voice (no Dutch model here); the
audio it is fed is real espeak-ng speech, read from a WAV file like the benchmark's.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import wave
from pathlib import Path

import numpy as np
import pytest

from facilitator.meeting.sessionlog import EVENT_FIELDS
from facilitator.speech.tts import EspeakSynthesizer

TESTS = Path(__file__).resolve().parent
PARTICIPANTS = "Anna,Bram,Carla,Daan,Eva"
FIRST_COMMAND_S = 1.0
COMMAND_EVERY_S = 3.0

# The child: sets an audit hook, then runs the session. Its last line on stdout is
# the list of paths it opened for writing.
CHILD = """
import json, os, sys

written = []
WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND | os.O_TRUNC


def audit(event, args):
    if event == "open":
        path, mode, flags = args
        if isinstance(path, int):
            return
        if (isinstance(mode, str) and any(c in mode for c in "wax+")) or (
            isinstance(flags, int) and flags & WRITE_FLAGS
        ):
            written.append(os.fsdecode(path))
    elif event in ("os.rename", "os.link", "os.symlink", "shutil.copyfile"):
        written.append(f"{event} {args[1]}")


sys.addaudithook(audit)

from facilitator.room.config import RoomConfig
from facilitator.meeting.engine import Session
from facilitator.lang import get_pack, set_language
from facilitator.meeting.runner import Runner
from facilitator.meeting.session import SessionRequest, plan_for, settings_for, parse_participants
from facilitator.meeting.sessionlog import SessionLog
from facilitator.speech.listener import WavSource
from facilitator.speech.output import RecordingOutput
from facilitator.room.view import PlainDisplay
from facilitator.meeting.clock import MonotonicClock
from facilitator.room.voice_control import start_voice_control
from test_voice import TimedRecognizer, WordList

wav, log_path, names = sys.argv[1], sys.argv[2], sys.argv[3]
first, every = float(sys.argv[4]), float(sys.argv[5])
set_language("nl")
config = RoomConfig()
request = SessionRequest(method="vijf-stappen", participants=names, case_owner="Anna",
                         text=True, wait=True, log_path=log_path)
people = parse_participants(request.participants, None, request.case_owner)
method, plan = plan_for(request, people)
output = RecordingOutput()
display = PlainDisplay()
source = WavSource(wav)
script = [(first + i * every, ["volgende", "stap"]) for i in range(len(plan.steps))]
with SessionLog(log_path) as log:
    runner = Runner(Session(plan, settings_for(request, config), get_pack()), MonotonicClock(),
                    output, log, display)
    control = start_voice_control(
        config, output, runner.submit, display.notice, source.clock, source=source,
        load=lambda path: WordList(),
        make_recognizer=lambda model, grammar, offset: TimedRecognizer(offset, script),
    )
    with control:
        ended = runner.run()
print(ended, file=sys.stderr)
print(json.dumps(written))
"""


def snapshot(*folders: Path) -> dict[str, tuple[int, float]]:
    """Every file and folder under ``folders``, with its size and modification time."""
    found: dict[str, tuple[int, float]] = {}
    for folder in folders:
        for root, dirs, files in os.walk(folder):
            for name in [*dirs, *files]:
                path = Path(root, name)
                try:
                    stat = path.lstat()
                except FileNotFoundError:
                    continue
                found[str(path)] = (stat.st_size, stat.st_mtime)
    return found


def shm_names() -> set[str]:
    shm = Path("/dev/shm")
    return {entry.name for entry in shm.iterdir()} if shm.is_dir() else set()


def write_commands_wav(path: Path, espeak: EspeakSynthesizer, count: int) -> Path:
    """The chair saying "volgende stap" ``count`` times, at the times the stand-in
    recogniser will "hear" it."""
    said = espeak.synthesize("volgende stap")
    rate = said.rate
    total = FIRST_COMMAND_S + count * COMMAND_EVERY_S + 1.0
    audio = np.zeros(round(total * rate), dtype=np.float32)
    for i in range(count):
        at = round((FIRST_COMMAND_S + i * COMMAND_EVERY_S) * rate)
        audio[at : at + len(said.samples)] = said.samples
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes((np.clip(audio, -1, 1) * 32767).astype("<i2").tobytes())
    return path


@pytest.mark.espeak
def test_a_voice_controlled_session_writes_nothing_but_its_log(
    tmp_path: Path, espeak: EspeakSynthesizer
) -> None:
    from facilitator.method.library import resolve

    steps = len(resolve("vijf-stappen").steps)
    private = tmp_path / "private"
    folders = {name: private / name for name in ("home", "data", "config", "cache", "tmp", "work")}
    for folder in folders.values():
        folder.mkdir(parents=True)
    model = folders["data"] / "models" / "vosk-model-small-nl-0.22"
    for part in ("am/final.mdl", "conf/mfcc.conf", "graph/HCLr.fst", "graph/Gr.fst"):
        (model / part).parent.mkdir(parents=True, exist_ok=True)
        (model / part).write_text("stand-in\n")
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    wav = write_commands_wav(inputs / "chair.wav", espeak, steps)
    log = folders["work"] / "sessie.jsonl"
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("FACILITATOR_", "XDG_")) and key not in ("HOME", "TMPDIR")
    }
    env.update(
        HOME=str(folders["home"]),
        XDG_DATA_HOME=str(folders["data"]),
        XDG_CONFIG_HOME=str(folders["config"]),
        XDG_CACHE_HOME=str(folders["cache"]),
        XDG_RUNTIME_DIR=str(folders["tmp"]),
        TMPDIR=str(folders["tmp"]),
        FACILITATOR_DATA_DIR=str(folders["data"]),
        FACILITATOR_CONFIG=str(folders["config"] / "room.toml"),
        PYTHONDONTWRITEBYTECODE="1",
        PYTHONPATH=os.pathsep.join([str(TESTS), str(TESTS / "room")]),  # test_voice
    )
    (folders["config"] / "room.toml").write_text('language = "nl"\n')
    before = snapshot(private)
    shm_before = shm_names()

    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(wav), str(log), PARTICIPANTS,
         str(FIRST_COMMAND_S), str(COMMAND_EVERY_S)],
        cwd=folders["work"], env=env, capture_output=True, text=True, timeout=60,
    )  # fmt: skip

    assert done.returncode == 0, done.stderr
    assert done.stderr.strip().splitlines()[-1] == "completed"
    written = json.loads(done.stdout.strip().splitlines()[-1])
    assert sorted(set(written)) == [str(log)], "the child opened only its log for writing"
    after = snapshot(private)
    assert sorted(set(after) - set(before)) == [str(log)]
    unchanged = [path for path in before if path != str(log.parent)]  # it got the log
    assert {path: after[path] for path in unchanged} == {p: before[p] for p in unchanged}
    new_in_shm = {name for name in shm_names() - shm_before if name.startswith("facilitator")}
    assert new_in_shm == set()

    records = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]
    for record in records:
        assert record["event"] in EVENT_FIELDS
        assert set(record) <= {"t", "event", *EVENT_FIELDS[record["event"]]}
    commands = [record for record in records if record["event"] == "command"]
    assert [(c["command"], c["source"]) for c in commands] == [("next_step", "voice")] * steps
    assert records[-1]["event"] == "session_ended"
    assert records[-1]["reason"] == "completed"
