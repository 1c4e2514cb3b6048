"""The audio commands and a voiced session, for real, in the virtual room."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner
from room import Room, match

from facilitator.cli.app import main
from facilitator.meeting.sessionlog import read_log
from facilitator.speech.audio import load_sound

EXE = str(Path(sys.executable).with_name("facilitator"))

SHORT_METHOD = """\
titel: Korte proef
doel: Een korte methode om het geluid te testen.
stappen:
  - id: rondje
    titel: Rondje
    duur: 40 s
    wie: ieder
    beurten: ja
    instructie: Ieder zegt kort iets.
"""


@pytest.mark.room
def test_devices_marks_the_chosen_ones(room: Room) -> None:
    result = CliRunner().invoke(main, ["devices"])
    assert result.exit_code == 0, result.stderr
    assert "pulse" in result.stdout or "default" in result.stdout
    assert "*" in result.stdout


@pytest.mark.room
@pytest.mark.espeak
def test_say_speaks_into_the_room(room: Room) -> None:
    with room.recording() as recording:
        result = CliRunner().invoke(main, ["say", "Welkom bij de intervisie."])
        recording.listen_on(0.3)
    assert result.exit_code == 0, result.stderr
    heard = recording.samples
    loud = np.abs(heard) > 0.02
    assert loud.sum() / recording.rate > 0.5  # at least half a second of speech


@pytest.mark.room
@pytest.mark.espeak
@pytest.mark.slow
def test_a_voiced_session_plays_its_cues_into_the_room(room: Room, tmp_path: Path) -> None:
    method = tmp_path / "kort.yaml"
    method.write_text(SHORT_METHOD, encoding="utf-8")
    log = tmp_path / "s.jsonl"
    with room.recording() as recording:
        done = subprocess.run(
            [
                EXE,
                "run",
                str(method),
                "-p",
                "Anna,Bram,Carla,Daan,Eva",
                "-i",
                "Anna",
                "--speed",
                "4",
                "--no-voice",
                "--grace",
                "0",
                "--log",
                str(log),
            ],
            capture_output=True,
            text=True,
            timeout=120,
            env=dict(os.environ),
            stdin=subprocess.DEVNULL,
        )
        recording.listen_on(0.5)
    assert done.returncode == 0, done.stderr
    assert done.stderr.strip() == ""  # no degradation notice: voice and speaker worked
    assert [e["participant"] for e in read_log(log) if e["event"] == "turn_started"] == [
        "Bram",
        "Carla",
        "Daan",
        "Eva",
    ]
    heard = recording.samples
    assert match(heard, load_sound("turn").samples) > 0.9
    assert match(heard, load_sound("time_up").samples) > 0.9
