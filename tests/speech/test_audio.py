"""Sounds, WAV files, devices and the sounddevice player (in the virtual room)."""

from __future__ import annotations

import dataclasses
import importlib.util
import threading
import time
import wave
from pathlib import Path

import numpy as np
import numpy.typing as npt
import pytest
from room import Room, match

from facilitator.errors import AudioError
from facilitator.speech.audio import (
    SOUND_NAMES,
    Sound,
    SoundDevicePlayer,
    describe_devices,
    list_devices,
    load_sound,
    load_wav,
    resample,
    resolve_device,
    sound_path,
    trim_silence,
)

SOUNDS_DIR = Path(__file__).resolve().parents[2] / "sounds"


def write_wav(path: Path, pcm: npt.NDArray[np.int16], rate: int, channels: int = 1) -> None:
    with wave.open(str(path), "wb") as out:
        out.setnchannels(channels)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(pcm.astype("<i2").tobytes())


# --- Sound and WAV files ---


def test_load_wav_reads_16_bit_pcm_as_float(tmp_path: Path) -> None:
    path = tmp_path / "ramp.wav"
    write_wav(path, np.array([0, 16384, -32768, 32767], dtype=np.int16), 16000)
    sound = load_wav(path)
    assert sound.rate == 16000
    assert sound.samples.dtype == np.float32
    assert sound.samples.tolist() == pytest.approx([0.0, 0.5, -1.0, 32767 / 32768])
    assert sound.duration_s == pytest.approx(4 / 16000)


def test_load_wav_mixes_stereo_down_to_mono(tmp_path: Path) -> None:
    path = tmp_path / "stereo.wav"
    write_wav(path, np.array([16384, 0, 0, -16384], dtype=np.int16), 8000, channels=2)
    assert load_wav(path).samples.tolist() == pytest.approx([0.25, -0.25])


def test_load_wav_refuses_other_formats_with_a_clear_error(tmp_path: Path) -> None:
    eight_bit = tmp_path / "eight.wav"
    with wave.open(str(eight_bit), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(1)
        out.setframerate(8000)
        out.writeframes(b"\x80\x80")
    with pytest.raises(AudioError, match="16-bit"):
        load_wav(eight_bit)
    not_a_wav = tmp_path / "notes.wav"
    not_a_wav.write_text("geen geluid")
    with pytest.raises(AudioError, match=r"notes\.wav"):
        load_wav(not_a_wav)
    with pytest.raises(AudioError, match=r"missing\.wav"):
        load_wav(tmp_path / "missing.wav")


def test_resample_keeps_duration_and_pitch() -> None:
    rate = 22050
    t = np.arange(rate) / rate
    tone = np.sin(2 * np.pi * 440 * t).astype(np.float32)
    up = Sound(tone, rate).resampled(48000)
    assert up.rate == 48000
    assert up.duration_s == pytest.approx(1.0, abs=1e-3)
    spectrum = np.abs(np.fft.rfft(up.samples))
    assert np.argmax(spectrum) * up.rate / len(up.samples) == pytest.approx(440, abs=2)
    assert len(resample(np.zeros(0, dtype=np.float32), 22050, 44100)) == 0


def test_trim_silence_keeps_the_sound_and_a_little_around_it() -> None:
    rate = 1000
    sound = np.concatenate([np.zeros(50), np.full(20, 0.5), np.zeros(400)]).astype(np.float32)
    trimmed = trim_silence(sound, rate, lead_s=0.002, tail_s=0.1)
    assert len(trimmed) == 2 + 20 + 100
    assert np.shares_memory(trimmed, sound)  # a slice: nothing in it is changed
    assert trimmed[2:22].tolist() == [0.5] * 20
    # less silence than asked for is kept as it is
    assert len(trim_silence(sound[49:80], rate, lead_s=0.002, tail_s=0.1)) == 31


def test_trim_silence_never_cuts_a_soft_start_or_a_fading_end() -> None:
    rate = 22050
    t = np.arange(rate // 10) / rate
    # a consonant that rises from far below the level (-100 dB) over 20 ms
    rise = np.minimum(1.0, t / 0.02) ** 4
    soft = (1e-5 + 0.3 * rise) * np.sin(2 * np.pi * 3000 * t)
    fade = soft[::-1]
    sound = np.concatenate([np.zeros(500), soft, fade, np.zeros(500)]).astype(np.float32)
    level = 1e-4
    trimmed = trim_silence(sound, rate, lead_s=0.0, tail_s=0.0, level=level)
    dropped = np.concatenate([sound[:500], sound[-500:]])
    kept_energy = float(np.sum(trimmed.astype(np.float64) ** 2))
    assert kept_energy >= 0.999999 * float(np.sum(sound.astype(np.float64) ** 2))
    assert np.max(np.abs(dropped)) == 0.0
    assert np.max(np.abs(trimmed[:1])) <= 2 * level  # starts where the energy starts


def test_trim_silence_of_silence_is_empty() -> None:
    assert len(trim_silence(np.zeros(1000, dtype=np.float32), 1000, tail_s=0.1)) == 0
    assert len(trim_silence(np.zeros(0, dtype=np.float32), 1000, tail_s=0.1)) == 0
    quiet = np.full(1000, 5e-5, dtype=np.float32)  # -86 dBFS: below the level
    assert len(trim_silence(quiet, 1000, tail_s=0.1)) == 0
    empty = Sound(np.zeros(0, dtype=np.float32), 22050).trimmed(tail_s=0.3)
    assert empty.duration_s == 0.0
    assert empty.rate == 22050


# --- the cue sounds ---


@pytest.mark.parametrize("name", SOUND_NAMES)
def test_cue_sounds_are_short_clean_16_bit_mono(name: str) -> None:
    path = sound_path(name)
    with wave.open(str(path)) as wav:
        assert (wav.getnchannels(), wav.getsampwidth(), wav.getframerate()) == (1, 2, 22050)
    sound = load_sound(name)
    samples = sound.samples
    assert 0.05 < sound.duration_s < 1.5
    assert 0.1 < np.max(np.abs(samples)) < 0.95  # audible, never clipping
    # Faded in and out: the ends are silent and there are no jumps (clicks).
    assert np.max(np.abs(samples[:10])) < 0.01
    assert np.max(np.abs(samples[-10:])) < 0.01
    assert np.max(np.abs(np.diff(samples))) < 0.3


def test_cue_sounds_differ_from_each_other() -> None:
    sounds = {name: load_sound(name).samples for name in SOUND_NAMES}
    for name, samples in sounds.items():
        for other, other_samples in sounds.items():
            if name < other:
                short, long = sorted((samples, other_samples), key=len)
                assert match(long, short) < 0.8, (name, other)


def test_the_cue_sounds_are_what_make_sounds_makes(tmp_path: Path) -> None:
    spec = importlib.util.spec_from_file_location("make_sounds", SOUNDS_DIR / "make_sounds.py")
    assert spec is not None and spec.loader is not None
    make_sounds = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(make_sounds)
    made = make_sounds.make_all(tmp_path)
    assert sorted(path.stem for path in made) == sorted(SOUND_NAMES)
    for path in made:
        fresh = load_wav(path).samples
        shipped = load_sound(path.stem).samples
        assert len(fresh) == len(shipped)
        assert np.max(np.abs(fresh - shipped)) <= 1.5 / 32768  # at most 1 LSB apart


def test_an_unknown_sound_is_a_clear_error() -> None:
    with pytest.raises(AudioError, match="fanfare"):
        sound_path("fanfare")


# --- devices and playing, in the virtual room ---


@pytest.mark.room
def test_devices_are_listed_with_defaults_and_chosen_ones_marked() -> None:
    devices = list_devices()
    assert any(device.outputs > 0 and device.is_default_output for device in devices)
    assert any(device.inputs > 0 and device.is_default_input for device in devices)
    rows = describe_devices()
    assert [row.index for row in rows] == [device.index for device in devices]
    chosen = [row for row in rows if row.chosen_output]
    assert len(chosen) == 1 and chosen[0].is_default_output
    pulse = next(device for device in devices if device.name == "pulse")
    rows = describe_devices(output=pulse.index, input="puls")
    assert [row.name for row in rows if row.chosen_output] == ["pulse"]
    assert [row.name for row in rows if row.chosen_input] == ["pulse"]
    assert not any(row.chosen_output for row in describe_devices(output="nergens"))


@pytest.mark.room
def test_a_device_row_reads_as_one_line_with_its_marks() -> None:
    pulse = next(row for row in describe_devices(output="pulse") if row.name == "pulse")
    line = str(pulse)
    assert "\n" not in line
    assert line.startswith("*")
    assert "pulse" in line and "gekozen luidspreker" in line
    rows = describe_devices(output="pulse", input="pulse")
    unchosen = next(row for row in rows if row.name != "pulse")
    assert str(unchosen).startswith(" ")


@pytest.mark.room
def test_devices_resolve_by_index_name_or_part_of_a_name() -> None:
    pulse = next(device for device in list_devices() if device.name == "pulse")
    assert resolve_device(pulse.index) == pulse
    assert resolve_device(str(pulse.index)) == pulse
    assert resolve_device("PULSE") == pulse
    assert resolve_device(None).is_default_output
    with pytest.raises(AudioError, match="nergens") as error:
        resolve_device("nergens")
    assert "pulse" in str(error.value)  # the message lists what there is
    with pytest.raises(AudioError, match="999"):
        resolve_device(999)


@pytest.mark.room
def test_a_chime_played_into_the_room_is_heard_back(room: Room) -> None:
    chime = load_sound("turn")
    with room.recording() as recording:
        SoundDevicePlayer().play(chime)
        recording.listen_on(0.3)
    heard = recording.samples
    assert match(heard, chime.samples) > 0.9
    assert match(heard, load_sound("notice").samples) < 0.5  # and not just any sound


@pytest.mark.room
def test_a_sound_at_a_rate_the_device_refuses_is_resampled(room: Room) -> None:
    player = SoundDevicePlayer()
    assert player._device_rate(22050) == 22050  # the room takes 22050 as it is
    player._rates[22050] = 44100  # as a device that only does 44.1 kHz would answer
    chime = load_sound("turn")
    with room.recording() as recording:
        player.play(chime)
        recording.listen_on(0.3)
    assert match(recording.samples, chime.samples) > 0.9


@pytest.mark.room
def test_stop_cuts_a_sound_short() -> None:
    player = SoundDevicePlayer()
    t = np.arange(5 * 22050) / 22050
    long_tone = Sound((0.2 * np.sin(2 * np.pi * 440 * t)).astype(np.float32), 22050)
    started = time.monotonic()
    threading.Timer(0.3, player.stop).start()
    player.play(long_tone)
    assert time.monotonic() - started < 2.0


@pytest.mark.room
def test_a_cancelled_sound_is_not_played() -> None:
    cancel = threading.Event()
    cancel.set()
    started = time.monotonic()
    SoundDevicePlayer().play(load_sound("step"), cancel)
    assert time.monotonic() - started < 0.1


@pytest.mark.room
def test_a_vanished_device_raises_audio_error() -> None:
    player = SoundDevicePlayer()
    player.device = dataclasses.replace(player.device, index=999)
    with pytest.raises(AudioError, match=r"999|Invalid|device"):
        player.play(load_sound("command"))
    with pytest.raises(AudioError):
        player.probe()


def test_an_unknown_device_is_an_audio_error_even_without_the_room() -> None:
    with pytest.raises(AudioError):
        SoundDevicePlayer("geen-luidspreker-met-deze-naam")


@pytest.mark.room
def test_the_end_of_a_sound_is_heard_too(room: Room) -> None:
    rate = 22050
    tone = Sound((0.5 * np.sin(2 * np.pi * 440 * np.arange(rate) / rate)).astype(np.float32), rate)
    with room.recording() as recording:
        SoundDevicePlayer().play(tone)
        recording.listen_on(0.3)
    loud = np.flatnonzero(np.abs(recording.samples) > 0.1)
    heard_s = (loud[-1] - loud[0]) / recording.rate
    assert heard_s > 0.99  # without the padding, the last ~40 ms were cut off
