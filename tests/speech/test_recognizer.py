"""The vosk adapter, against the real vosk library.

Tests that need a Dutch model are marked ``vosk_model`` and skip when none is
installed (``facilitator model download`` installs one).
"""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from imports import loaded_after
from modeltools import write_model

from facilitator.errors import ModelError
from facilitator.lang import get_pack
from facilitator.speech.matcher import UNK, RecognitionResult, phrase_table
from facilitator.speech.recognizer import (
    SAMPLE_RATE,
    CommandRecognizer,
    VoskModel,
    load_model,
    vocabulary_check,
)


class NetworkUsed(AssertionError):
    pass


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Records (and refuses) every attempt to reach the network."""
    attempts: list[str] = []

    def connect(self: socket.socket, address: object) -> None:
        attempts.append(f"connect {address}")
        raise NetworkUsed(address)

    def getaddrinfo(host: object, *args: object, **kwargs: object) -> list[object]:
        attempts.append(f"lookup {host}")
        raise NetworkUsed(host)

    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    yield attempts
    assert attempts == []


# --- without a model -----------------------------------------------------------------


def test_vosk_imports_and_has_what_we_use() -> None:
    import vosk

    for name in ("Model", "KaldiRecognizer", "SetLogLevel"):
        assert hasattr(vosk, name), name
    assert hasattr(vosk.Model, "vosk_model_find_word")
    for name in ("AcceptWaveform", "Result", "FinalResult", "SetWords"):
        assert hasattr(vosk.KaldiRecognizer, name), name


def test_vosk_is_imported_late() -> None:
    importing = (
        "facilitator.speech.recognizer",
        "facilitator.speech.matcher",
        "facilitator.speech.model_store",
        "facilitator.cli.speech_model",
    )
    assert loaded_after(importing, ("vosk",)) == []


def test_a_missing_model_folder(tmp_path: Path, no_network: list[str]) -> None:
    with pytest.raises(ModelError, match="facilitator model download"):
        load_model(tmp_path / "nowhere")


def test_an_incomplete_model_folder(tmp_path: Path, no_network: list[str]) -> None:
    (tmp_path / "half" / "am").mkdir(parents=True)
    with pytest.raises(ModelError, match=r"conf/mfcc\.conf"):
        load_model(tmp_path / "half")


def test_a_broken_model_is_a_clean_error(
    tmp_path: Path, no_network: list[str], capfd: pytest.CaptureFixture[str]
) -> None:
    model = write_model(tmp_path / "broken")

    with pytest.raises(ModelError, match="beschadigd") as caught:
        load_model(model)

    assert str(model) in str(caught.value)
    assert "ERROR" not in capfd.readouterr().err, "vosk's own error lines stay quiet"


class WordList:
    """A stand-in for a vosk model's word table (vosk_model_find_word: -1 = unknown)."""

    def __init__(self, words: list[str]) -> None:
        self.words = words
        self.asked: list[str] = []

    def vosk_model_find_word(self, word: str) -> int:
        self.asked.append(word)
        return self.words.index(word) + 1 if word in self.words else -1


def test_vocabulary_check_lists_unknown_words_once() -> None:
    model = WordList(["volgende", "stap", "nog", "twee", "minuten"])

    missing = vocabulary_check(model, ["volgende stap", "nog één minuut", "nog twee minuten", UNK])

    assert missing == ["één", "minuut"]
    assert UNK not in model.asked
    assert len(model.asked) == len(set(model.asked))


def test_the_grammar_shrinks_to_what_the_model_knows() -> None:
    table = phrase_table(get_pack("nl"))
    model = WordList([w for w in table.vocabulary() if w != "voorbeeldvraag"])

    missing = vocabulary_check(model, table.grammar())
    usable = table.without_words(missing)

    assert missing == ["voorbeeldvraag"]
    assert vocabulary_check(model, usable.grammar()) == []


# --- the stream bookkeeping, with a scripted stand-in for vosk's recogniser ----------

CHUNK_S = 0.1
CHUNK = bytes(int(SAMPLE_RATE * CHUNK_S) * 2)  # 100 ms of 16-bit silence


def said(*words: tuple[str, float, float]) -> str:
    """A vosk result whose words have (text, start, end) on the recogniser's own clock."""
    result = [{"word": w, "start": a, "end": b, "conf": 1.0} for w, a, b in words]
    return json.dumps({"result": result, "text": " ".join(w for w, _, _ in words)})


class ScriptedKaldi:
    """Ends an utterance at scripted calls of AcceptWaveform, like vosk's endpointing."""

    def __init__(self, ends: dict[int, str], pending: str = '{"text": ""}') -> None:
        self.ends = ends
        self.pending = pending
        self.calls = 0

    def AcceptWaveform(self, data: bytes) -> int:
        self.calls += 1
        return int(self.calls in self.ends)

    def Result(self) -> str:
        return self.ends[self.calls]

    def FinalResult(self) -> str:
        return self.pending


class Factory:
    def __init__(self, *scripts: ScriptedKaldi) -> None:
        self.scripts = list(scripts)
        self.made: list[ScriptedKaldi] = []

    def __call__(self) -> ScriptedKaldi:
        made = self.scripts.pop(0) if self.scripts else ScriptedKaldi({})
        self.made.append(made)
        return made


def recognizer(factory: Factory, **options: float) -> CommandRecognizer:
    return CommandRecognizer(
        WordList([]),
        ["pauze", UNK],
        make_recognizer=factory,
        **options,  # type: ignore[arg-type]
    )


def test_results_are_on_the_listeners_clock() -> None:
    factory = Factory(ScriptedKaldi({10: said(("pauze", 0.5, 0.8))}))
    listening = recognizer(factory, time_offset=1000.0)

    results = [listening.feed(CHUNK) for _ in range(10)]

    assert results[:9] == [None] * 9
    result = results[9]
    assert result is not None
    assert result.start == pytest.approx(1000.5)
    assert result.end == pytest.approx(1000.8)
    assert result.audio_end == pytest.approx(1001.0)
    assert listening.audio_s == pytest.approx(1.0)


def test_silence_is_not_returned_but_unknown_speech_is() -> None:
    factory = Factory(ScriptedKaldi({2: '{"text": ""}', 4: said((UNK, 0.25, 0.35))}))
    listening = recognizer(factory)

    results = [listening.feed(CHUNK) for _ in range(4)]

    assert results[:3] == [None, None, None]
    assert results[3] is not None and results[3].text == UNK
    assert listening.feed(b"") is None


def test_a_fresh_recogniser_at_the_first_pause_after_reset_every_s() -> None:
    first = ScriptedKaldi({3: said(("pauze", 0.1, 0.2)), 12: said(("pauze", 1.0, 1.1))})
    second = ScriptedKaldi({5: said(("pauze", 0.1, 0.3))})
    factory = Factory(first, second)
    listening = recognizer(factory, reset_every_s=1.0, time_offset=50.0)

    results = [listening.feed(CHUNK) for _ in range(17)]

    assert len(factory.made) == 2, "replaced at the pause after 1.2 s, not before"
    ends = [r.end for r in results if r is not None]
    # The second recogniser counts from 0 again; its times continue the stream.
    assert ends == [pytest.approx(50.2), pytest.approx(51.1), pytest.approx(50 + 1.2 + 0.3)]


def test_without_any_pause_the_recogniser_is_replaced_anyway() -> None:
    talker = ScriptedKaldi({}, pending=said((UNK, 0.0, 1.9)))
    factory = Factory(talker)
    listening = recognizer(factory, reset_every_s=1.0)

    results = [listening.feed(CHUNK) for _ in range(20)]

    assert results[:19] == [None] * 19
    assert results[19] is not None and results[19].text == UNK
    assert len(factory.made) == 2


def test_flush_returns_what_is_pending() -> None:
    factory = Factory(ScriptedKaldi({}, pending=said(("pauze", 0.1, 0.4))))
    listening = recognizer(factory)
    listening.feed(CHUNK)

    flushed = listening.flush()

    assert flushed is not None and flushed.text == "pauze"


# --- with a Dutch model --------------------------------------------------------------


@pytest.fixture(scope="module")
def dutch_model(dutch_model_path: Path) -> VoskModel:
    return load_model(dutch_model_path)


def pcm(samples: np.ndarray) -> bytes:
    clipped = np.clip(samples, -1.0, 1.0)
    return bytes((clipped * 32767).astype("<i2").tobytes())


def feed_all(recognizer: CommandRecognizer, audio: bytes) -> list[RecognitionResult]:
    chunk = SAMPLE_RATE // 10 * 2  # 100 ms
    results = [recognizer.feed(audio[i : i + chunk]) for i in range(0, len(audio), chunk)]
    results.append(recognizer.flush())
    return [result for result in results if result is not None]


@pytest.mark.vosk_model
def test_the_model_knows_every_command_word(dutch_model: VoskModel) -> None:
    table = phrase_table(get_pack("nl"), wake_word="computer")
    assert vocabulary_check(dutch_model, table.grammar()) == []


@pytest.mark.vosk_model
def test_silence_gives_no_result(dutch_model: VoskModel) -> None:
    grammar = phrase_table(get_pack("nl")).grammar()
    recognizer = CommandRecognizer(dutch_model, grammar, time_offset=500.0)

    assert feed_all(recognizer, pcm(np.zeros(3 * SAMPLE_RATE))) == []
    assert recognizer.audio_s == pytest.approx(3.0)


@pytest.mark.vosk_model
def test_time_goes_on_across_resets(dutch_model: VoskModel) -> None:
    grammar = phrase_table(get_pack("nl")).grammar()
    recognizer = CommandRecognizer(dutch_model, grammar, reset_every_s=1.0)
    noise = np.random.default_rng(7).normal(0.0, 0.05, 5 * SAMPLE_RATE)

    results = feed_all(recognizer, pcm(noise))

    assert recognizer.audio_s == pytest.approx(5.0)
    for result in results:
        assert result.end is not None and result.end <= 5.0 + 0.1


@pytest.mark.vosk_model
@pytest.mark.espeak
def test_speech_is_only_ever_written_as_command_words(
    dutch_model: VoskModel, tmp_path: Path
) -> None:
    """Grammar mode: whatever is said, the recogniser can write nothing else."""
    from facilitator.speech.audio import load_wav

    if shutil.which("espeak-ng") is None:
        pytest.skip("espeak-ng is not installed")
    table = phrase_table(get_pack("nl"))
    allowed = set(table.vocabulary()) | {UNK}
    silence = np.zeros(SAMPLE_RATE, dtype=np.float32)
    for sentence in ("volgende stap", "ik vind dat we het over de begroting moeten hebben"):
        wav = tmp_path / "said.wav"
        subprocess.run(["espeak-ng", "-v", "nl", "-w", str(wav), sentence], check=True)
        speech = load_wav(wav).resampled(SAMPLE_RATE).samples
        recognizer = CommandRecognizer(dutch_model, table.grammar())

        results = feed_all(recognizer, pcm(np.concatenate([silence, speech, silence])))

        heard = {word.text for result in results for word in result.words}
        assert heard <= allowed, sentence
