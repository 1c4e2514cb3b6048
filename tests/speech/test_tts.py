"""Speech synthesis with espeak-ng through pyttsx3."""

from __future__ import annotations

import os
import subprocess
import threading
from pathlib import Path

import numpy as np
import numpy.typing as npt
import pytest

from facilitator.errors import SpeechError
from facilitator.speech import tts
from facilitator.speech.audio import SILENCE_LEVEL
from facilitator.speech.tts import (
    SPEECH_TAIL_S,
    EspeakSynthesizer,
    VoiceInfo,
    available_voices,
    find_voice,
    voice_by_name,
)

VOICES = [
    VoiceInfo("gmw/en-029", "English (Caribbean)", ("en-029",)),
    VoiceInfo("gmw/en", "English (Great Britain)", ("en-gb",)),
    VoiceInfo("gmw/en-us", "English (America)", ("en-us",)),
    VoiceInfo("gmw/nl", "Dutch", ("nl",)),
    VoiceInfo("gmw/af", "Afrikaans", ("af",)),
]


def voiced_fraction(samples: npt.NDArray[np.float32], rate: int) -> float:
    """The share of 20 ms frames that carry sound (speech has pauses between words)."""
    frame = rate // 50
    frames = samples[: len(samples) // frame * frame].reshape(-1, frame)
    rms = np.sqrt(np.mean(frames**2, axis=1))
    return float(np.mean(rms > 0.02))


# --- finding a voice (pure) ---


def test_a_voice_is_found_by_its_language() -> None:
    assert find_voice(VOICES, "nl") == VOICES[3]
    assert find_voice(VOICES, "NL") == VOICES[3]
    assert find_voice(VOICES, "en-us") == VOICES[2]
    assert find_voice(VOICES, "en_US") == VOICES[2]


def test_a_language_without_an_exact_voice_gets_its_main_voice() -> None:
    assert find_voice(VOICES, "en") == VOICES[1]  # gmw/en, not the Caribbean one
    assert find_voice(VOICES, "nl-be") == VOICES[3]


def test_no_voice_for_an_unknown_language() -> None:
    assert find_voice(VOICES, "xx") is None
    assert find_voice(VOICES, "") is None
    assert find_voice([], "nl") is None


def test_a_voice_is_found_by_its_id_or_name() -> None:
    assert voice_by_name(VOICES, "gmw/en-us") == VOICES[2]
    assert voice_by_name(VOICES, "dutch") == VOICES[3]
    assert voice_by_name(VOICES, "Caribbean") == VOICES[0]  # the one name containing it
    assert voice_by_name(VOICES, "English") is None  # three names contain it
    assert voice_by_name(VOICES, "klingon") is None
    assert voice_by_name(VOICES, " ") is None


# --- espeak-ng for real ---


@pytest.mark.espeak
def test_espeak_offers_a_dutch_voice() -> None:
    voice = find_voice(available_voices(), "nl")
    assert voice is not None
    assert "nl" in voice.languages


@pytest.mark.espeak
def test_dutch_text_becomes_speech(espeak: EspeakSynthesizer) -> None:
    assert "nl" in espeak.voice.languages
    sound = espeak.synthesize("Welkom. We beginnen met de eerste stap.")
    assert sound.rate == 22050
    assert 1.0 < sound.duration_s < 6.0
    assert 0.1 < np.max(np.abs(sound.samples)) <= 1.0
    assert 0.3 < voiced_fraction(sound.samples, sound.rate) < 0.98


@pytest.mark.espeak
def test_longer_text_gives_longer_speech(espeak: EspeakSynthesizer) -> None:
    short = espeak.synthesize("Volgende.")
    long = espeak.synthesize(
        "De inbrenger vertelt nu over de casus. De anderen luisteren en stellen nog geen vragen."
    )
    assert long.duration_s > 3 * short.duration_s


def first_sound(samples: npt.NDArray[np.float32]) -> int:
    """The first sample that counts as sound (as the trimming counts it)."""
    return int(np.flatnonzero(np.abs(samples) > SILENCE_LEVEL)[0])


def silence_after(samples: npt.NDArray[np.float32]) -> int:
    """Samples after the last one that counts as sound (as the trimming counts it)."""
    return len(samples) - 1 - int(np.flatnonzero(np.abs(samples) > SILENCE_LEVEL)[-1])


# Soft first consonants (f, s, h, v, z, w) and stops, whose closure espeak-ng writes
# as silence.
OPENINGS = (
    "Fijn dat jullie er zijn.",
    "Samen gaan we verder.",
    "Heel goed gedaan.",
    "Vijf minuten nog.",
    "Zes seconden.",
    "Welkom.",
    "Tot de volgende keer.",
    "Carla, jouw beurt.",
)


@pytest.mark.espeak
@pytest.mark.parametrize("text", OPENINGS)
def test_speech_starts_with_its_first_sound_and_loses_none_of_it(text: str) -> None:
    # espeak-ng never says a text twice exactly alike (its noise is random), so the
    # trimming is checked on the very speech it wrote.
    raw = EspeakSynthesizer("nl", trim=False).synthesize(text)
    cut = tts.trim_speech(raw)
    rate = raw.rate
    assert first_sound(raw.samples) >= 0.010 * rate  # espeak-ng's own silence, 13-53 ms
    lead = first_sound(cut.samples)
    assert lead <= 0.003 * rate
    # The trimmed speech is the untrimmed one from its first sound on, sample for sample.
    start = first_sound(raw.samples) - lead
    assert np.array_equal(raw.samples[start : start + len(cut.samples)], cut.samples)
    removed = np.concatenate([raw.samples[:start], raw.samples[start + len(cut.samples) :]])
    assert np.max(np.abs(removed)) <= SILENCE_LEVEL
    # At the end, silence is kept up to SPEECH_TAIL_S, from espeak-ng's ~350 ms.
    assert silence_after(raw.samples) > 0.3 * rate
    assert abs(silence_after(cut.samples) - SPEECH_TAIL_S * rate) <= 1


@pytest.mark.espeak
@pytest.mark.parametrize("text", OPENINGS[:3])
def test_synthesized_speech_comes_trimmed(espeak: EspeakSynthesizer, text: str) -> None:
    sound = espeak.synthesize(text)
    assert first_sound(sound.samples) <= 0.003 * sound.rate
    assert abs(silence_after(sound.samples) - SPEECH_TAIL_S * sound.rate) <= 1


@pytest.mark.espeak
def test_silent_speech_becomes_an_empty_sound() -> None:
    sound = EspeakSynthesizer("nl", volume=0.0).synthesize("Niemand hoort dit.")
    assert sound.duration_s == 0.0
    assert sound.rate == 22050


@pytest.mark.espeak
def test_a_slower_rate_gives_longer_speech() -> None:
    text = "Nog twee minuten voor deze stap."
    slow, fast = EspeakSynthesizer("nl", rate=100), EspeakSynthesizer("nl", rate=250)
    # Alternating, because espeak-ng once lost a rate set just before synthesizing.
    for _ in range(5):
        assert slow.synthesize(text).duration_s > 1.5 * fast.synthesize(text).duration_s


@pytest.mark.espeak
def test_volume_scales_the_speech() -> None:
    text = "Jouw beurt."
    loud = EspeakSynthesizer("nl", volume=1.0).synthesize(text)
    soft = EspeakSynthesizer("nl", volume=0.3).synthesize(text)
    assert np.max(np.abs(soft.samples)) < 0.6 * np.max(np.abs(loud.samples))


@pytest.mark.espeak
def test_no_audio_file_is_left_behind(tmp_path: Path) -> None:
    synthesizer = EspeakSynthesizer("nl", temp_dir=tmp_path)
    synthesizer.synthesize("Dit mag nergens worden bewaard.")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.espeak
def test_no_audio_file_is_left_in_the_default_place(espeak: EspeakSynthesizer) -> None:
    folder = tts._private_temp_dir()
    before = set(folder.glob("speech-*"))
    espeak.synthesize("Ook hier blijft niets achter.")
    assert set(folder.glob("speech-*")) == before


def test_speech_left_by_a_killed_process_is_removed_at_the_next_start() -> None:
    folder = tts._private_temp_dir()
    assert folder.stat().st_mode & 0o077 == 0  # no one else may look inside
    child = subprocess.Popen(["sleep", "0"])
    child.wait()
    left = folder / f"speech-{child.pid}-abc.wav"
    left.write_bytes(b"RIFF")
    mine = folder / f"speech-{os.getpid()}-abc.wav"
    mine.write_bytes(b"RIFF")
    try:
        assert tts.sweep_speech_files(folder) == [left]
        assert not left.exists() and mine.exists()  # a running process keeps its file
    finally:
        mine.unlink()


@pytest.mark.espeak
def test_nothing_is_printed_on_the_terminal(
    espeak: EspeakSynthesizer, capfd: pytest.CaptureFixture[str]
) -> None:
    espeak.synthesize("Stil op de terminal.")
    out, err = capfd.readouterr()
    assert out == ""
    assert "Audio saved" not in err


@pytest.mark.espeak
def test_synthesis_works_from_several_threads_at_once(espeak: EspeakSynthesizer) -> None:
    durations: dict[int, float] = {}
    errors: list[BaseException] = []

    def speak(n: int) -> None:
        try:
            durations[n] = espeak.synthesize(f"Dit is zin nummer {n}.").duration_s
        except BaseException as error:
            errors.append(error)

    threads = [threading.Thread(target=speak, args=(n,)) for n in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=20)
    assert errors == []
    assert len(durations) == 6
    assert all(duration > 0.5 for duration in durations.values())


@pytest.mark.espeak
def test_the_engine_runs_on_one_thread_of_its_own(espeak: EspeakSynthesizer) -> None:
    espeak.synthesize("Eén draad.")
    names = {thread.name for thread in threading.enumerate()}
    assert "facilitator-tts" in names
    assert sum(name == "facilitator-tts" for name in names) == 1
    assert threading.current_thread().name != "facilitator-tts"


@pytest.mark.espeak
def test_a_language_without_a_voice_says_what_to_install() -> None:
    with pytest.raises(SpeechError, match="apt install espeak-ng"):
        EspeakSynthesizer("xx")


@pytest.mark.espeak
def test_empty_text_is_a_clear_error(espeak: EspeakSynthesizer) -> None:
    with pytest.raises(SpeechError):
        espeak.synthesize("   ")


@pytest.mark.espeak
def test_an_unwritable_temp_dir_is_a_speech_error(tmp_path: Path) -> None:
    missing = tmp_path / "gone"
    synthesizer = EspeakSynthesizer("nl", temp_dir=missing)
    with pytest.raises(SpeechError):
        synthesizer.synthesize("Dit lukt niet.")
    assert not missing.exists()
    assert os.listdir(tmp_path) == []


@pytest.mark.espeak
def test_the_configured_voice_is_the_one_that_speaks() -> None:
    by_name = EspeakSynthesizer("nl", voice="Afrikaans")
    assert by_name.voice.name == "Afrikaans"
    assert len(by_name.synthesize("Goeie môre.").samples) > 0
    with pytest.raises(SpeechError, match="Dutch") as unknown:
        EspeakSynthesizer("nl", voice="geen-stem-zo")
    assert "geen-stem-zo" in str(unknown.value)
