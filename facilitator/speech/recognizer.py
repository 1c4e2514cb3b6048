"""The thin vosk adapter: load a model, check its words, recognise commands.

vosk is imported only when a model is loaded, so that start-up stays fast and every
command that does not listen works without it. A model is always loaded from an
explicit local folder (``vosk.Model(path)``); vosk's ``lang=``/``model_name=`` would
reach the network and are never used.

The recogniser runs in grammar mode: it can only ever write the command phrases and
``[unk]``, so it cannot transcribe the conversation in the room.

Threads: a ``CommandRecognizer`` wraps a vosk ``KaldiRecognizer``, which is not
thread-safe. One thread owns it (the listener's audio thread) and is the only one to
call ``feed``, ``flush`` and ``reset``. A loaded model is read-only and may be
shared by several recognisers.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from types import ModuleType
from typing import Protocol

from facilitator.errors import ModelError
from facilitator.lang import t
from facilitator.speech.matcher import UNK, RecognitionResult, from_vosk_json
from facilitator.speech.model_store import check_model

SAMPLE_RATE = 16_000
"""What the small models were trained on; the microphone is read at this rate."""

RESET_EVERY_S = 600.0
"""How much audio one vosk recogniser hears before it is replaced by a fresh one.

A recogniser keeps state for the whole stream it has been fed (features, decoder
bookkeeping), which grows over a meeting of hours. Replacing it at a pause between
utterances frees all of it and loses nothing; building a new one for a grammar this
small takes milliseconds.
"""

# vosk (Kaldi) log levels: 0 information, -1 warnings, -2 errors, -3 assertion
# failures. Its errors are turned into our own messages, and its warnings about
# unknown grammar words are what the vocabulary check (``speech.vocabulary``)
# reports before the grammar is made, so only an assertion failure (which ends the
# process) is left to print itself.
_QUIET_LOG_LEVEL = -3


class VoskModel(Protocol):
    """The part of ``vosk.Model`` this module relies on."""

    def vosk_model_find_word(self, word: str) -> int: ...


class KaldiLike(Protocol):
    """The part of ``vosk.KaldiRecognizer`` this module relies on."""

    def AcceptWaveform(self, data: bytes) -> int: ...
    def Result(self) -> str: ...
    def FinalResult(self) -> str: ...


def _vosk() -> ModuleType:
    try:
        import vosk
    except Exception as error:  # ImportError, or OSError when libvosk cannot be loaded
        raise ModelError(t("voice.vosk_missing", reason=error)) from error
    module: ModuleType = vosk
    return module


def load_model(path: str | Path, *, verbose: bool = False) -> VoskModel:
    """The vosk model in the folder ``path``; a ``ModelError`` saying what to do if not.

    ``verbose`` lets vosk print its own log lines (for diagnosing a model).
    """
    folder = Path(path).expanduser()
    check_model(folder)
    vosk = _vosk()
    vosk.SetLogLevel(0 if verbose else _QUIET_LOG_LEVEL)
    try:
        model: VoskModel = vosk.Model(str(folder))
    except Exception as error:  # vosk raises a bare Exception when loading fails
        raise ModelError(t("voice.model_load_failed", path=folder)) from error
    return model


def vocabulary_check(model: VoskModel, phrases: Iterable[str]) -> list[str]:
    """The words of ``phrases`` that ``model`` does not know, in order of appearance.

    vosk would silently drop such a word from the grammar (leaving, say, "nog
    minuten"), so the phrases using them should be left out (see
    ``PhraseTable.without_words``) and the missing words reported.
    ``vosk_model_find_word`` returns the word's symbol, or -1 for an unknown word.
    """
    missing: list[str] = []
    seen: set[str] = set()
    for phrase in phrases:
        for word in phrase.split():
            if word == UNK or word in seen:
                continue
            seen.add(word)
            if model.vosk_model_find_word(word) < 0:
                missing.append(word)
    return missing


class StreamRecognizer(Protocol):
    """What the listener needs of a recogniser (``CommandRecognizer`` is one).

    Times in its results are on the listener's clock.
    """

    def feed(self, pcm: bytes) -> RecognitionResult | None: ...
    def flush(self) -> RecognitionResult | None: ...


class CommandRecognizer:
    """Turns a stream of 16-bit mono PCM into ``RecognitionResult``s.

    ``time_offset`` is added to every time the recogniser reports (which count from
    the start of the stream), so that results line up with the listener's clock:
    pass the clock time at which the first sample was captured. Not thread-safe;
    see the module docstring.

    ``make_recognizer`` builds the vosk recogniser; by default a ``KaldiRecognizer``
    for ``model`` and ``grammar`` with word details switched on.
    """

    def __init__(
        self,
        model: VoskModel,
        grammar: Sequence[str],
        sample_rate: int = SAMPLE_RATE,
        *,
        time_offset: float = 0.0,
        reset_every_s: float = RESET_EVERY_S,
        make_recognizer: Callable[[], KaldiLike] | None = None,
    ) -> None:
        if sample_rate <= 0 or reset_every_s <= 0:
            raise ValueError("sample_rate and reset_every_s must be positive")
        self._model = model
        self._grammar = json.dumps(list(grammar), ensure_ascii=False)
        self._make = make_recognizer or self._kaldi_recognizer
        self._rate = sample_rate
        self._offset = time_offset
        self._reset_every_s = reset_every_s
        self._fed_s = 0.0  # stream seconds fed so far
        self._round_start_s = 0.0  # stream second at which the current recogniser began
        self._recognizer = self._make()

    @property
    def audio_s(self) -> float:
        """Seconds of audio fed so far."""
        return self._fed_s

    def feed(self, pcm: bytes) -> RecognitionResult | None:
        """Feeds audio; returns a result when an utterance has just ended.

        Results with no words at all (silence) are not returned; results of only
        ``[unk]`` are, because the matcher needs to know that someone spoke.
        """
        if not pcm:
            return None
        ended = self._recognizer.AcceptWaveform(pcm)
        self._fed_s += len(pcm) / (2 * self._rate)
        if ended:
            result = self._result(self._recognizer.Result())
            if self._fed_s - self._round_start_s >= self._reset_every_s:
                self.reset()  # at a pause: nothing is lost
            return result if result.words else None
        if self._fed_s - self._round_start_s >= 2 * self._reset_every_s:
            # No pause for a very long time (steady noise): replace it anyway.
            return self.reset()
        return None

    def flush(self) -> RecognitionResult | None:
        """Ends the current utterance (at the end of the stream) and returns it."""
        result = self._result(self._recognizer.FinalResult())
        return result if result.words else None

    def reset(self) -> RecognitionResult | None:
        """Replaces the vosk recogniser by a fresh one; returns what was pending."""
        pending = self.flush()
        self._recognizer = self._make()
        self._round_start_s = self._fed_s
        return pending

    def _kaldi_recognizer(self) -> KaldiLike:
        try:
            recognizer = _vosk().KaldiRecognizer(self._model, float(self._rate), self._grammar)
        except Exception as error:  # vosk raises a bare Exception
            raise ModelError(t("voice.recognizer_failed", reason=error)) from error
        recognizer.SetWords(True)
        made: KaldiLike = recognizer
        return made

    def _result(self, text: str) -> RecognitionResult:
        return from_vosk_json(
            text,
            offset=self._offset + self._round_start_s,
            audio_end=self._offset + self._fed_s,
        )
