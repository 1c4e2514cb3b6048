"""From what the recogniser heard to a command, or to a reason to ignore it.

Nothing here knows vosk. The recogniser's output arrives as a ``RecognitionResult``
(``from_vosk_json`` is the one small adapter), the phrases come from the language
pack (``voice.phrases.*``), and ``match`` is a pure function: the time and everything
it needs to remember (the last accepted command, when someone last spoke, when the
facilitator itself was speaking) are passed in as a ``Situation``.

All times are seconds on one clock. The recogniser counts from the start of its audio
stream; the listener shifts those times by the moment the stream started (see
``CommandRecognizer``), so that they line up with ``Situation.now`` and with the
intervals of the facilitator's own speech.

A command is accepted only when every layer agrees; the first that does not names
the rejection:

1. ``during_own_speech``: a word overlaps the facilitator's own speech (plus a
   margin for the room's echo): it may well have heard itself.
2. ``no_command``: nothing but ``[unk]``, or words that are not exactly one phrase
   (``hoeveel stap`` is two command words, but no command).
3. ``missing_wake_word``: a wake word is set and the phrase came without it.
4. ``unk_around``: the phrase came with other speech in the same utterance; people
   talking about the next step are not asking for it.
5. ``too_long``: saying the phrase took longer than a command takes.
6. ``not_isolated``: someone was speaking just before, or went on right after.
7. ``low_confidence``: the recogniser is not sure of one of the words.
8. ``cooldown``: a command was accepted a moment ago.
"""

from __future__ import annotations

import json
import math
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import TypeAlias

from facilitator.lang import LanguagePack, get_pack
from facilitator.meeting.commands import Command, CommandKind

UNK = "[unk]"
"""What vosk writes for speech outside the grammar."""

MAX_EXTEND_MINUTES = 10

# Pack key (after "voice.phrases.") for each command without a number in it.
_PLAIN_KEYS = (
    ("next_step", CommandKind.NEXT_STEP),
    ("previous_step", CommandKind.PREVIOUS_STEP),
    ("pause", CommandKind.PAUSE),
    ("resume", CommandKind.RESUME),
    ("time_left", CommandKind.TIME_LEFT),
    ("repeat", CommandKind.REPEAT),
    ("next_speaker", CommandKind.NEXT_SPEAKER),
    ("pass", CommandKind.PASS),
    ("example_question", CommandKind.EXAMPLE_QUESTION),
    ("stop", CommandKind.STOP),
    ("confirm_stop", CommandKind.CONFIRM_STOP),
    ("cancel", CommandKind.CANCEL),
)


# --- what was heard ------------------------------------------------------------------


@dataclass(frozen=True)
class Word:
    text: str
    conf: float
    start: float
    end: float


@dataclass(frozen=True)
class RecognitionResult:
    """One utterance as the recogniser closed it.

    ``audio_end`` is how far the audio had been decoded when the result came; the
    silence after the last word is ``audio_end - end`` (None: not known).
    """

    words: tuple[Word, ...] = ()
    audio_end: float | None = None

    @property
    def start(self) -> float | None:
        return self.words[0].start if self.words else None

    @property
    def end(self) -> float | None:
        return self.words[-1].end if self.words else None

    @property
    def text(self) -> str:
        return " ".join(word.text for word in self.words)


def from_vosk_json(
    text: str, *, offset: float = 0.0, audio_end: float | None = None
) -> RecognitionResult:
    """A vosk result (``Result()``/``FinalResult()`` with ``SetWords(True)``).

    Word times are shifted by ``offset``. Malformed input gives an empty result (a
    recogniser hiccup must not stop a session); a word without a confidence gets 0,
    so that it can never be accepted.
    """
    try:
        data = json.loads(text)
    except ValueError:
        return RecognitionResult(audio_end=audio_end)
    if not isinstance(data, dict):
        return RecognitionResult(audio_end=audio_end)
    entries = data.get("result")
    words: list[Word] = []
    if isinstance(entries, list):
        for entry in entries:
            word = _word(entry, offset)
            if word is not None:
                words.append(word)
    elif isinstance(data.get("text"), str):  # results without word details
        words = [Word(token.lower(), 0.0, offset, offset) for token in data["text"].split()]
    return RecognitionResult(tuple(words), audio_end)


def _word(entry: object, offset: float) -> Word | None:
    if not isinstance(entry, dict) or not isinstance(entry.get("word"), str):
        return None
    try:
        conf = float(entry.get("conf", 0.0))
        start = float(entry.get("start", 0.0)) + offset
        end = float(entry.get("end", 0.0)) + offset
    except (TypeError, ValueError):
        return None
    if not all(math.isfinite(value) for value in (conf, start, end)):
        return None
    return Word(entry["word"].lower(), conf, start, end)


# --- what can be said ----------------------------------------------------------------


@dataclass(frozen=True)
class Phrase:
    words: tuple[str, ...]
    kind: CommandKind
    minutes: int | None = None  # only for EXTEND; None: the engine's default
    participant: int | None = None  # only for CHOOSE_CASE_OWNER: the seat named

    @property
    def text(self) -> str:
        return " ".join(self.words)


@dataclass(frozen=True)
class PhraseTable:
    """Every phrase a chair can say, and the wake word if one is required."""

    phrases: tuple[Phrase, ...]
    wake_word: str | None = None

    def __post_init__(self) -> None:
        seen: dict[tuple[str, ...], Phrase] = {}
        for phrase in self.phrases:
            other = seen.setdefault(phrase.words, phrase)
            if other != phrase:
                raise ValueError(f"'{phrase.text}' means two commands: {other} and {phrase}")

    def lookup(self, words: Sequence[str]) -> Phrase | None:
        key = tuple(words)
        return next((phrase for phrase in self.phrases if phrase.words == key), None)

    def grammar(self) -> list[str]:
        """The vosk grammar: every phrase (also after the wake word) and ``[unk]``.

        With ``[unk]`` the recogniser has somewhere to put other speech instead of
        forcing it onto a command; and since it can only ever write these words, it
        cannot transcribe the conversation.
        """
        texts = [phrase.text for phrase in self.phrases]
        if self.wake_word:
            texts += [self.wake_word] + [f"{self.wake_word} {text}" for text in texts]
        return _unique([*texts, UNK])

    def vocabulary(self) -> list[str]:
        """Every word the phrases use (the recogniser's model must know them all)."""
        words = [word for phrase in self.phrases for word in phrase.words]
        if self.wake_word:
            words += self.wake_word.split()
        return _unique(words)

    def without_words(self, missing: Collection[str]) -> PhraseTable:
        """The phrases that use none of ``missing`` (words the model does not know)."""
        kept = tuple(p for p in self.phrases if not any(w in missing for w in p.words))
        return PhraseTable(kept, self.wake_word)


def phrase_table(
    pack: LanguagePack | None = None,
    *,
    wake_word: str | None = None,
    max_extend_minutes: int = MAX_EXTEND_MINUTES,
    names: Sequence[str | None] = (),
) -> PhraseTable:
    """The phrases of ``pack`` (default: the current language).

    ``voice.phrases.extend_one`` and ``extend_many`` are expanded with the pack's
    number words (one, and two up to ``max_extend_minutes``). ``names``: the
    participants, by seat; ``voice.phrases.choose_case_owner`` names one of them (a
    seat without a name by its number) as the inbrenger.
    """
    pack = pack or get_pack()
    phrases: list[Phrase] = []

    def add(key: str, kind: CommandKind, minutes: int | None = None) -> None:
        for text in _alternatives(pack.phrases[f"voice.phrases.{key}"]):
            phrase = Phrase(_words(text.format(number=pack.number(minutes or 0))), kind, minutes)
            if phrase not in phrases:
                phrases.append(phrase)

    for key, kind in _PLAIN_KEYS:
        add(key, kind)
    add("extend_default", CommandKind.EXTEND)
    add("extend_one", CommandKind.EXTEND, 1)
    for minutes in range(2, max_extend_minutes + 1):
        add("extend_many", CommandKind.EXTEND, minutes)
    for seat, name in enumerate(names):
        said = name if name else pack.number(seat + 1)
        for text in _alternatives(pack.phrases["voice.phrases.choose_case_owner"]):
            phrase = Phrase(
                _words(text.format(name=said)), CommandKind.CHOOSE_CASE_OWNER, participant=seat
            )
            if all(p.words != phrase.words for p in phrases):  # two people, one name
                phrases.append(phrase)
    wake = " ".join(_words(wake_word)) if wake_word else None
    return PhraseTable(tuple(phrases), wake or None)


def default_wake_word(pack: LanguagePack | None = None) -> str:
    """The pack's suggestion, for when a room wants a wake word but names none."""
    return (pack or get_pack()).phrases["voice.wake_word"]


def grammar(table: PhraseTable | None = None) -> list[str]:
    """The vosk grammar for ``table`` (default: the current language, no wake word)."""
    return (table or phrase_table()).grammar()


def _alternatives(template: str) -> list[str]:
    return [part.strip() for part in template.split("|") if part.strip()]


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.lower().split())


def _unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(items))


# --- deciding ------------------------------------------------------------------------


class Reason(StrEnum):
    DURING_OWN_SPEECH = "during_own_speech"
    NO_COMMAND = "no_command"
    MISSING_WAKE_WORD = "missing_wake_word"
    UNK_AROUND = "unk_around"
    TOO_LONG = "too_long"
    NOT_ISOLATED = "not_isolated"
    LOW_CONFIDENCE = "low_confidence"
    COOLDOWN = "cooldown"


@dataclass(frozen=True)
class Rejection:
    """Why an utterance was not taken as a command.

    ``kind`` is the command it sounded like, if any. There is no text here on
    purpose: a rejection may be logged, and nothing people say may be.
    """

    reason: Reason
    kind: CommandKind | None = None


Match: TypeAlias = Command | Rejection


@dataclass(frozen=True)
class MatchSettings:
    """How strict the matcher is. The defaults suit a small model in a quiet room."""

    phrases: PhraseTable
    min_confidence: float = 0.8
    cooldown_s: float = 2.0
    max_utterance_s: float = 3.0  # from the first to the last word, wake word included
    silence_before_s: float = 0.8
    # vosk closes an utterance after about half a second of silence, so a result
    # with less after its last word was cut off while someone was still speaking.
    silence_after_s: float = 0.3
    own_speech_margin_s: float = 0.5  # the room's echo, and audio latency


@dataclass(frozen=True)
class Situation:
    """The moment a result is judged, and what the listener remembers.

    ``previous_speech_end``: when the utterance before this one ended (any speech,
    commands or not). ``own_speech``: intervals in which the facilitator was speaking;
    an interval still going on ends at ``math.inf``.
    """

    now: float
    last_command_at: float | None = None
    previous_speech_end: float | None = None
    own_speech: tuple[tuple[float, float], ...] = ()


def match(result: RecognitionResult, settings: MatchSettings, situation: Situation) -> Match:
    """The command in ``result``, or the first reason not to take it (see the module)."""
    if _overlaps(result.words, situation.own_speech, settings.own_speech_margin_s):
        return Rejection(Reason.DURING_OWN_SPEECH)
    table = settings.phrases
    spoken = [word for word in result.words if word.text != UNK]
    woken = table.wake_word is not None and [w.text for w in spoken[:1]] == [table.wake_word]
    phrase = table.lookup([word.text for word in spoken[1 if woken else 0 :]])
    if phrase is None:
        return Rejection(Reason.NO_COMMAND)
    if table.wake_word is not None and not woken:
        return Rejection(Reason.MISSING_WAKE_WORD, phrase.kind)
    if len(spoken) < len(result.words):
        return Rejection(Reason.UNK_AROUND, phrase.kind)
    start, end = spoken[0].start, spoken[-1].end
    if end - start > settings.max_utterance_s:
        return Rejection(Reason.TOO_LONG, phrase.kind)
    before = situation.previous_speech_end
    if (before is not None and start - before < settings.silence_before_s) or (
        result.audio_end is not None and result.audio_end - end < settings.silence_after_s
    ):
        return Rejection(Reason.NOT_ISOLATED, phrase.kind)
    if min(word.conf for word in spoken) < settings.min_confidence:
        return Rejection(Reason.LOW_CONFIDENCE, phrase.kind)
    last = situation.last_command_at
    if last is not None and situation.now - last < settings.cooldown_s:
        return Rejection(Reason.COOLDOWN, phrase.kind)
    return Command(phrase.kind, phrase.minutes, source="voice", participant=phrase.participant)


def confidence(result: RecognitionResult) -> float:
    """How sure the recogniser is of the words it knew: the least sure of them.

    ``[unk]`` does not count (it is not a word of any phrase); a result with
    nothing else has confidence 0.
    """
    known = [word.conf for word in result.words if word.text != UNK]
    return min(known) if known else 0.0


def _overlaps(
    words: Sequence[Word], intervals: Iterable[tuple[float, float]], margin: float
) -> bool:
    return any(
        word.start < until + margin and word.end > since
        for since, until in intervals
        for word in words
    )
