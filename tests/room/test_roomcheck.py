"""facilitator check: each part of the room is tried for real, in the virtual room."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner
from modeltools import write_model
from room import Room, match

from facilitator.cli.app import main
from facilitator.lang import set_language
from facilitator.meeting.clock import MonotonicClock
from facilitator.meeting.recovery import StateStore
from facilitator.room.check import (
    Status,
    check_methods,
    check_microphone,
    check_model,
    check_saved_session,
    check_speaker,
    check_voice,
)
from facilitator.room.config import RoomConfig
from facilitator.speech.audio import Sound, SoundDevicePlayer, load_sound


@pytest.fixture(autouse=True)
def dutch() -> Iterator[None]:
    set_language("nl")
    yield
    set_language("nl")


def tone(seconds: float, amplitude: float = 0.3) -> Sound:
    rate = 22050
    t = np.arange(round(seconds * rate)) / rate
    return Sound((amplitude * np.sin(2 * np.pi * 440 * t)).astype(np.float32), rate)


@pytest.mark.room
def test_the_speaker_check_plays_a_chime_into_the_room(room: Room) -> None:
    with room.recording() as recording:
        found = check_speaker(RoomConfig())
        recording.listen_on(0.3)
    assert found.status is Status.OK and "belletje" in found.text
    assert match(recording.samples, load_sound("step").samples) > 0.9
    quiet = check_speaker(RoomConfig(), sound=False)
    assert quiet.status is Status.OK and "niet afgespeeld" in quiet.text


@pytest.mark.room
@pytest.mark.espeak
def test_the_voice_check_speaks_in_the_room(room: Room) -> None:
    with room.recording() as recording:
        found = check_voice(RoomConfig())
        recording.listen_on(0.3)
    assert found.status is Status.OK and "De stem werkt" in found.text
    samples = recording.samples
    assert float(np.sqrt(np.mean(samples.astype(np.float64) ** 2))) > 0.02


@pytest.mark.room
def test_the_microphone_check_says_how_loud_the_room_is(room: Room) -> None:
    silent = check_microphone(RoomConfig(), MonotonicClock())
    assert silent.status is Status.WARNING and "hoort bijna niets" in silent.text
    playing = threading.Thread(target=SoundDevicePlayer().play, args=(tone(4.0),))
    playing.start()
    try:
        heard = check_microphone(RoomConfig(), MonotonicClock())
    finally:
        playing.join()
    assert heard.status is Status.OK, heard.text
    level = float(heard.text.split("niveau ")[1].split(" dB")[0])
    assert -20 < level < 0  # a tone at 0.3 of full scale: about -13 dB


@pytest.mark.room
def test_devices_that_are_not_there_are_named_with_what_it_means(room: Room) -> None:
    config = RoomConfig(output_device="geen-luidspreker", input_device="geen-microfoon")
    speaker = check_speaker(config)
    assert speaker.status is Status.PROBLEM
    assert "geen-luidspreker" in speaker.text and "alleen de tekst" in speaker.text
    microphone = check_microphone(config, MonotonicClock())
    assert microphone.status is Status.WARNING
    assert "geen-microfoon" in microphone.text and "toetsenbord" in microphone.text


def test_the_model_check_without_a_model_and_with_a_broken_one(tmp_path: Path) -> None:
    missing = check_model(RoomConfig())
    assert missing.status is Status.WARNING and "facilitator model download" in missing.text
    broken = check_model(RoomConfig(model_path=write_model(tmp_path / "kapot")))
    assert broken.status is Status.WARNING and "kan niet worden geladen" in broken.text


def test_own_methods_with_a_mistake_are_problems(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "methodes"
    folder.mkdir()
    (folder / "kapot.yaml").write_text("titel: Kapot\nstappen: 3\n", encoding="utf-8")
    monkeypatch.setenv("FACILITATOR_METHODS", str(folder))
    found = list(check_methods())
    assert found[0].status is Status.OK and "0 eigen" in found[0].text
    assert found[1].status is Status.PROBLEM and "kapot.yaml:" in found[1].text


def test_an_interrupted_session_is_pointed_out() -> None:
    assert check_saved_session().status is Status.OK
    StateStore().save({"method": "vijf-stappen"}, {"version": 1})
    waiting = check_saved_session()
    assert waiting.status is Status.WARNING
    assert "vijf-stappen" in waiting.text and "facilitator run --resume" in waiting.text


@pytest.mark.room
def test_the_command_lists_every_part_and_fails_only_on_problems(room: Room) -> None:
    ready = CliRunner().invoke(main, ["check", "--quiet-room"])
    assert ready.exit_code == 0, ready.output
    lines = ready.stdout.splitlines()
    assert lines[0] == "Is de ruimte klaar voor een sessie?"
    marks = [line[0] for line in lines if line[:1] in ("✓", "!", "✗")]
    assert marks == ["✓", "✓", "!", "!", "✓", "✓"]  # a quiet microphone, no model
    assert all(line[:1] in ("✓", "!", "✗", " ") for line in lines[1:-1])
    assert "een sessie kan beginnen" in lines[-1].lower()


@pytest.mark.room
def test_the_command_fails_when_the_speaker_is_missing(room: Room, tmp_path: Path) -> None:
    config = tmp_path / "room.toml"
    config.write_text('output_device = "geen-luidspreker"\n', encoding="utf-8")
    result = CliRunner().invoke(main, ["--config", str(config), "check", "--quiet-room"])
    assert result.exit_code == 1
    assert result.stdout.splitlines()[1].startswith("✗ Luidspreker")
    assert "Los eerst op" in result.stdout
