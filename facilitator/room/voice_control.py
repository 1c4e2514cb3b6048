"""Voice control for a session: the chair's spoken commands reach the runner.

``start_voice_control`` returns at once. The speech model is loaded on a thread of
its own (that takes a few seconds, and the meeting must not wait for it), its
vocabulary is checked against every phrase, and then the same thread listens to
the microphone until ``stop()``. Accepted commands go to ``submit`` as
``Command(kind, minutes, source="voice")``; everything else stays in the listener.

Nothing here stops a session: no model, a broken model, unknown words, a missing
microphone, each is said once through ``notify`` and the session goes on with the
keyboard. vosk is imported only when the model is loaded.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Protocol

from facilitator.errors import ModelError
from facilitator.lang import t
from facilitator.meeting.clock import Clock, MonotonicClock
from facilitator.meeting.commands import Command
from facilitator.room.config import RoomConfig
from facilitator.speech.listener import AudioSource, Listener, MicrophoneSource
from facilitator.speech.matcher import (
    MatchSettings,
    PhraseTable,
    decoy_candidates,
    default_wake_word,
    phrase_table,
)
from facilitator.speech.model_store import DEFAULT_MODEL, find_model, models_dir
from facilitator.speech.recognizer import (
    SAMPLE_RATE,
    CommandRecognizer,
    StreamRecognizer,
    VoskModel,
    load_model,
)
from facilitator.speech.vocabulary import Vocabulary, fit

RecognizerMaker = Callable[[VoskModel, Sequence[str], float], StreamRecognizer]
"""``(model, grammar, time_offset)`` -> a fresh recogniser."""


class Busy(Protocol):
    def busy(self) -> bool:
        """True while the facilitator speaks or plays a sound (and a moment after)."""
        ...


class VoiceState(StrEnum):
    OFF = "off"  # no model, or it could not be used
    LOADING = "loading"
    LISTENING = "listening"  # the listener runs (the microphone may be retrying)
    STOPPED = "stopped"


def command_recognizer(model: VoskModel, grammar: Sequence[str], offset: float) -> StreamRecognizer:
    return CommandRecognizer(model, grammar, time_offset=offset)


def knows(model: VoskModel) -> Callable[[str], bool]:
    """Whether ``model`` has a word (vosk answers -1 for one it does not know)."""
    return lambda word: model.vosk_model_find_word(word) >= 0


def command_settings(
    model: VoskModel,
    *,
    wake_word: str | None = None,
    min_confidence: float = 0.8,
    cooldown_s: float = 2.0,
    names: Sequence[str | None] = (),
) -> tuple[MatchSettings, Vocabulary]:
    """The matcher's settings for ``model``, and what its vocabulary lacks.

    ``wake_word``: the room's own, then needed before every command; None: the
    language's wake word, needed before the phrases of one word only. Phrases with an
    unknown word are left out (vosk would silently drop the word and turn "nog twee
    minuten" into "nog minuten"). The room's own wake word unknown leaves nothing
    to listen for: ``ModelError``.
    """
    table = phrase_table(
        wake_word=wake_word or default_wake_word(),
        wake_for_all=wake_word is not None,
        names=names,
    )
    named = [name for name in names if name]
    fitted, vocabulary = fit(table, knows(model), decoy_candidates(), named)
    if wake_word is not None and not vocabulary.wake_word_known:
        raise ModelError(t("voice.wake_word_unknown", word=table.wake_word))
    settings = MatchSettings(fitted, min_confidence=min_confidence, cooldown_s=cooldown_s)
    return settings, vocabulary


def vocabulary_notices(vocabulary: Vocabulary, wake_word: str | None) -> list[str]:
    """What a chair should know about the model's words, one sentence each."""
    notices = []
    for word, split in vocabulary.splits:
        notices.append(t("voice.say_split", word=word, split=split))
    for phrase, instead in vocabulary.lost:
        if instead:
            options = " ".join(f"'{form}'" for form in instead)
            notices.append(t("voice.say_instead", phrase=phrase, instead=options))
        else:
            notices.append(t("voice.say_keyboard", phrase=phrase))
    if not vocabulary.wake_word_known:
        notices.append(t("voice.wake_word_missing", word=wake_word or default_wake_word()))
    if not vocabulary.has_unk:
        notices.append(t("voice.no_unk"))
    if vocabulary.missing_names:
        names = ", ".join(vocabulary.missing_names)
        notices.append(t("voice.names_unknown", names=names))
    return notices


@dataclass(frozen=True)
class ModelReadiness:
    """What ``check_model_readiness`` found out about a model."""

    path: Path
    load_s: float
    phrases: tuple[str, ...]  # every phrase of the language
    usable: tuple[str, ...]  # the phrases the model can recognise
    vocabulary: Vocabulary
    table: PhraseTable

    @property
    def missing_words(self) -> tuple[str, ...]:
        return self.vocabulary.missing_words

    @property
    def missing(self) -> str:
        """The unknown words, quoted, as a message lists them."""
        return ", ".join(f"'{word}'" for word in self.missing_words)

    @property
    def unusable(self) -> tuple[str, ...]:
        return tuple(phrase for phrase, _instead in self.vocabulary.lost)


def check_model_readiness(
    path: Path,
    *,
    wake_word: str | None = None,
    names: Sequence[str] = (),
    load: Callable[[Path], VoskModel] = load_model,
    make_recognizer: RecognizerMaker = command_recognizer,
    clock: Clock | None = None,
) -> ModelReadiness:
    """Loads the model at ``path`` as a session would, checks every phrase and name
    against its words, and runs a recogniser in grammar mode over a second of silence.

    A model that cannot be loaded, an unknown wake word of the room's own, or no
    usable phrase at all is a ``ModelError``; phrases with unknown words are
    reported, not fatal.
    """
    timer = clock or MonotonicClock()
    started = timer.now()
    model = load(path)
    load_s = timer.now() - started
    settings, vocabulary = command_settings(model, wake_word=wake_word, names=names)
    table = settings.phrases
    usable = tuple(dict.fromkeys(p.text for p in table.phrases if table.usable(p)))
    if not usable:
        raise ModelError(t("voice.check_nothing_usable", path=path))
    recognizer = make_recognizer(model, table.grammar(), 0.0)
    recognizer.feed(bytes(2 * SAMPLE_RATE))  # one second of silence, 16-bit
    recognizer.flush()
    everything = tuple(dict.fromkeys(p.text for p in phrase_table().phrases))
    return ModelReadiness(path, load_s, everything, usable, vocabulary, table)


def missing_model_message() -> str:
    """What to say when no model is installed: exactly what to run."""
    return t("voice.model_missing", where=models_dir(), url=DEFAULT_MODEL.url)


class VoiceControl:
    """The voice control of one session: ``stop()`` it, or use it in a ``with``."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._state = VoiceState.OFF
        self._settled = threading.Event()  # listening, or given up
        self._settled.set()
        self._stopping = False
        self._listener: Listener | None = None
        self._thread: threading.Thread | None = None

    @property
    def state(self) -> VoiceState:
        return self._state

    @property
    def listener(self) -> Listener | None:
        return self._listener

    @property
    def overflows(self) -> int:
        listener = self._listener
        return listener.overflows if listener is not None else 0

    def wait_settled(self, timeout: float) -> bool:
        """Waits (real time) until the model is loaded and listening, or given up."""
        return self._settled.wait(timeout)

    def stop(self, timeout: float = 2.0) -> None:
        with self._lock:
            self._stopping = True
            listener = self._listener
        if listener is not None:
            listener.stop()
        if self._thread is not None and self._thread is not threading.current_thread():
            self._thread.join(timeout)

    def __enter__(self) -> VoiceControl:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.stop()

    def _start(self, work: Callable[[], None]) -> None:
        self._state = VoiceState.LOADING
        self._settled.clear()
        self._thread = threading.Thread(target=work, name="facilitator-voice", daemon=True)
        self._thread.start()

    def _listen(self, listener: Listener) -> None:
        with self._lock:
            if self._stopping:
                self._settle(VoiceState.STOPPED)
                return
            self._listener = listener
            self._settle(VoiceState.LISTENING)
        listener.run()
        self._state = VoiceState.STOPPED

    def _settle(self, state: VoiceState) -> None:
        self._state = state
        self._settled.set()


def start_voice_control(
    config: RoomConfig,
    output: Busy,
    submit: Callable[[Command], None],
    notify: Callable[[str], None],
    clock: Clock | None = None,
    *,
    source: AudioSource | None = None,
    load: Callable[[Path], VoskModel] = load_model,
    make_recognizer: RecognizerMaker = command_recognizer,
    names: Sequence[str | None] = (),
) -> VoiceControl:
    """Starts listening for the chair's commands; returns at once.

    ``names``: the participants, whose names are checked against the model.

    ``clock`` must run in real time (``MonotonicClock``, the default), also when the
    session clock is scaled: it times the audio. ``submit`` and ``notify`` are
    called from the voice thread. ``source`` (default: the room's microphone,
    ``config.input_device``), ``load`` and ``make_recognizer`` can be replaced, by
    tests and the benchmark. ``names``: the participants, whom the chair can name as
    the inbrenger or give an action point (a name the model does not know is reported).
    """
    control = VoiceControl()
    try:
        path = find_model(config.model_path)
    except ModelError as error:  # a configured path that holds no model
        notify(t("voice.off", reason=error))
        return control
    if path is None:
        notify(t("voice.off", reason=missing_model_message()))
        return control
    clock = clock or MonotonicClock()
    microphone = source or MicrophoneSource(config.input_device, clock)

    def load_and_listen() -> None:
        try:
            model = load(path)
            settings, vocabulary = command_settings(
                model,
                wake_word=config.wake_word,
                min_confidence=config.min_confidence,
                cooldown_s=config.cooldown_s,
                names=names,
            )
        except ModelError as error:
            notify(t("voice.off", reason=error))
            control._settle(VoiceState.OFF)
            return
        # vosk raises bare Exceptions; whatever it is, the session goes on.
        except Exception as error:
            notify(t("voice.off", reason=t("voice.loading_failed", reason=error)))
            control._settle(VoiceState.OFF)
            return
        notices = vocabulary_notices(vocabulary, config.wake_word)
        if notices:
            notify(" ".join([t("voice.words_unknown"), *notices]))
        grammar = settings.phrases.grammar()
        listener = Listener(
            microphone,
            lambda offset: make_recognizer(model, grammar, offset),
            settings,
            on_command=lambda command, _verdict: submit(command),
            on_problem=notify,
            busy=output.busy,
            clock=clock,
        )
        control._listen(listener)

    control._start(load_and_listen)
    return control
