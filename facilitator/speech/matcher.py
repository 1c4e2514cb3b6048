"""From what the recogniser heard to a command, or to a reason to ignore it.

Nothing here knows vosk. The recogniser's output arrives as a ``RecognitionResult``
(``from_vosk_json`` is the one small adapter), the phrases come from the language
pack (``voice.phrases.*``), and ``match`` is a pure function: the time and everything
it needs to remember (the last accepted command, when someone last spoke, when the
facilitator itself was speaking) are passed in as a ``Situation``. ``CommandMatcher``
is that memory, for a listener that judges one utterance after another.

All times are seconds on one clock. The recogniser counts from the start of its audio
stream; the listener shifts those times by the moment the stream started (see
``CommandRecognizer``), so that they line up with ``Situation.now`` and with the
intervals of the facilitator's own speech.

Why not trust the recogniser's confidence? In grammar mode vosk's word confidence is
the posterior of a lattice that has almost no alternatives, so a wrong word comes
back with a confidence near 1.0. The defence therefore rests on what was said, not
on how sure the recogniser is:

- The grammar holds, besides the phrases, ``[unk]`` and *decoys*: common words of
  the language that the model knows (``PhraseTable.with_decoys``). Talk in the room
  lands on those instead of being forced onto a command.
- A command counts only when the whole utterance is exactly one phrase, with silence
  before and after it.
- A phrase of one word ("stop", "terug", "volgende") acts only after the wake word;
  a word like that is said in every conversation. Longer phrases ("volgende stap")
  work without it, unless the room wants the wake word before everything
  (``PhraseTable.wake_for_all``).

A command is accepted only when every layer agrees; the first that does not names
the rejection (``Reason``; ``Reason.layer`` groups them as ``listen`` shows them):

1. own speech, ``during_own_speech``: a word overlaps the facilitator's own speech
   (plus a margin for the room's echo): it may well have heard itself.
2. words, ``no_command``: nothing but ``[unk]`` and decoys, or words that are not
   exactly one phrase (``hoeveel stap``); ``unk_around``: the phrase came with other
   speech in the same utterance.
3. wake word, ``missing_wake_word``: the phrase needs the wake word and came without.
4. silence, ``too_long``: saying it took longer than a command takes;
   ``not_isolated``: someone was speaking just before, or went on right after.
5. confidence, ``low_confidence``: the recogniser is not sure of one of the words.
6. repetition, ``cooldown``: a command was accepted a moment ago.

Phrases across a pause. vosk closes an utterance after about half a second of
silence, so "computer ... volgende stap" arrives as two results, and so may
"volgende ... stap". An utterance that can be the start of a command (the wake word
alone, or the first words of a longer phrase) is an ``Opening``: the next utterance
continues it if it starts soon enough (``wake_window_s`` after the wake word alone,
``join_gap_s`` otherwise) and the two together are exactly a command. A phrase that
is complete but also the start of a longer one ("computer volgende" could become
"computer volgende stap") is held until it is clear that nothing follows; a single
word is never turned into a longer command unless its continuation came, alone and
exactly, within that short gap.
"""

from __future__ import annotations

import json
import math
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field, replace
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
    ("explain", CommandKind.EXPLAIN),
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
    """Words that mean a command.

    ``argument`` is for phrases made from a list, such as a participant's name
    (see ``PhraseTable.with_choices``): the value as it was given, not as heard.
    """

    words: tuple[str, ...]
    kind: CommandKind
    minutes: int | None = None  # only for EXTEND; None: the engine's default
    argument: int | None = None  # a seat (0-based): the inbrenger, or an action point's

    @property
    def text(self) -> str:
        return " ".join(self.words)

    def command(self) -> Command:
        """The command this phrase gives; ``argument`` (a participant) goes into it here,
        and nowhere else."""
        return Command(self.kind, self.minutes, source="voice", participant=self.argument)


@dataclass(frozen=True)
class PhraseTable:
    """Every phrase a chair can say, the wake word, and the decoys.

    ``wake_word``: the word(s) that wake the facilitator; None when the model does
    not know them (then phrases of one word cannot be used at all). A phrase of one
    word needs it always; every phrase needs it when ``wake_for_all`` is set (a
    room that chose its own wake word). ``decoys``: words in the grammar that mean
    nothing, so that other speech has somewhere to land.
    """

    phrases: tuple[Phrase, ...]
    wake_word: str | None = None
    wake_for_all: bool = False
    decoys: tuple[str, ...] = ()
    _index: dict[tuple[str, ...], Phrase] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )
    _starts: frozenset[tuple[str, ...]] = field(
        default=frozenset(), init=False, repr=False, compare=False
    )

    def __post_init__(self) -> None:
        index: dict[tuple[str, ...], Phrase] = {}
        for phrase in self.phrases:
            other = index.setdefault(phrase.words, phrase)
            if other != phrase:
                raise ValueError(f"'{phrase.text}' means two commands: {other} and {phrase}")
        starts = {p.words[:n] for p in self.phrases for n in range(1, len(p.words))}
        object.__setattr__(self, "_index", index)
        object.__setattr__(self, "_starts", frozenset(starts))

    @property
    def wake_words(self) -> tuple[str, ...]:
        return tuple(self.wake_word.split()) if self.wake_word else ()

    def lookup(self, words: Sequence[str]) -> Phrase | None:
        return self._index.get(tuple(words))

    def begins_a_phrase(self, words: Sequence[str]) -> bool:
        """Whether ``words`` are the first words (not all) of some phrase."""
        return tuple(words) in self._starts

    def needs_wake_word(self, phrase: Phrase) -> bool:
        return self.wake_for_all or len(phrase.words) == 1

    def usable(self, phrase: Phrase) -> bool:
        """Whether the phrase can act at all (not when it needs a wake word there is none of)."""
        return self.wake_word is not None or not self.needs_wake_word(phrase)

    def spoken_forms(self, phrase: Phrase) -> list[str]:
        """How the chair can say ``phrase``: with the wake word, and without if allowed."""
        forms = [f"{self.wake_word} {phrase.text}"] if self.wake_word else []
        return forms if self.needs_wake_word(phrase) else [phrase.text, *forms]

    def policy(self) -> tuple[list[str], list[str]]:
        """The usable phrases that act without the wake word, and those only after it."""
        usable = [p for p in self.phrases if self.usable(p)]
        free = [p.text for p in usable if not self.needs_wake_word(p)]
        return free, [p.text for p in usable if self.needs_wake_word(p)]

    def grammar(self) -> list[str]:
        """The vosk grammar: the phrases, the wake word, the decoys and ``[unk]``.

        With ``[unk]`` and the decoys the recogniser has somewhere to put other
        speech instead of forcing it onto a command; and since it can only ever
        write these words, it cannot transcribe the conversation.
        """
        texts = [phrase.text for phrase in self.phrases]
        if self.wake_word:
            texts += [self.wake_word] + [f"{self.wake_word} {text}" for text in texts]
        return _unique([*texts, *self.decoys, UNK])

    def vocabulary(self) -> list[str]:
        """Every word the phrases and the wake word use (not the decoys)."""
        words = [word for phrase in self.phrases for word in phrase.words]
        return _unique([*words, *self.wake_words])

    def without_words(self, missing: Collection[str]) -> PhraseTable:
        """The phrases that use none of ``missing`` (words the model does not know)."""
        kept = tuple(p for p in self.phrases if not any(w in missing for w in p.words))
        wake = None if any(w in missing for w in self.wake_words) else self.wake_word
        decoys = tuple(d for d in self.decoys if d not in missing)
        return PhraseTable(kept, wake, self.wake_for_all, decoys)

    def with_phrases(self, extra: Iterable[Phrase]) -> PhraseTable:
        """This table with more phrases (a phrase already there is not repeated).

        A decoy that is now a word of a phrase stops being a decoy.
        """
        added = tuple(p for p in extra if p not in self.phrases)
        used = {word for phrase in added for word in phrase.words}
        decoys = tuple(d for d in self.decoys if d not in used)
        return replace(self, phrases=self.phrases + added, decoys=decoys)

    def with_choices(
        self, kind: CommandKind, template: str, choices: Iterable[tuple[int, str]]
    ) -> PhraseTable:
        """Adds one phrase per choice ``(seat, name)``: ``template`` with ``{name}`` in it.

        For a command about a participant, such as choosing the case owner by name:
        ``table.with_choices(CommandKind.X, "inbrenger {name}", [(0, "Anna"), (1, "Bram")])``
        adds "inbrenger anna" and "inbrenger bram", whose ``Phrase.argument`` is the
        seat, 0 and 1. Alternatives separated by ``|`` in the template each get every
        choice. A choice that gives no words is skipped; one that clashes with an
        existing phrase raises ``ValueError``.
        """
        extra: list[Phrase] = []
        for seat, choice in choices:
            spoken = _words(choice)
            if not spoken:
                continue
            for text in _alternatives(template):
                extra.append(
                    Phrase(_words(text.format(name=" ".join(spoken))), kind, argument=seat)
                )
        return self.with_phrases(extra)

    def with_decoys(self, decoys: Iterable[str]) -> PhraseTable:
        """This table with ``decoys`` in its grammar (words of the phrases are left out)."""
        own = set(self.vocabulary()) | {UNK}
        kept = _unique(d for word in decoys for d in _words(word) if d not in own)
        return replace(self, decoys=tuple(kept))


def phrase_table(
    pack: LanguagePack | None = None,
    *,
    wake_word: str | None = None,
    wake_for_all: bool = False,
    max_extend_minutes: int = MAX_EXTEND_MINUTES,
    names: Sequence[str | None] = (),
) -> PhraseTable:
    """The phrases of ``pack`` (default: the current language).

    ``voice.phrases.extend_one`` and ``extend_many`` are expanded with the pack's
    number words (one, and two up to ``max_extend_minutes``). ``wake_word`` may be
    several words; it is written in lower case. ``names``: the participants, by seat;
    ``voice.phrases.choose_case_owner`` names one of them (a seat without a name by its
    number) as the inbrenger, and ``voice.phrases.action_point`` gives one of the named
    an action point.
    """
    pack = pack or get_pack()
    phrases: list[Phrase] = []

    def add(key: str, kind: CommandKind, minutes: int | None = None) -> None:
        for variant in pack.variants(f"voice.phrases.{key}"):
            for text in _alternatives(variant):
                words = _words(text.format(number=pack.number(minutes or 0)))
                phrase = Phrase(words, kind, minutes)
                if phrase not in phrases:
                    phrases.append(phrase)

    for key, kind in _PLAIN_KEYS:
        add(key, kind)
    add("extend_default", CommandKind.EXTEND)
    add("extend_one", CommandKind.EXTEND, 1)
    for minutes in range(2, max_extend_minutes + 1):
        add("extend_many", CommandKind.EXTEND, minutes)
    wake = " ".join(_words(wake_word)) if wake_word else None
    table = PhraseTable(tuple(phrases), wake or None, wake_for_all and bool(wake))
    seats = [(seat, name or pack.number(seat + 1)) for seat, name in enumerate(names)]
    for variant in pack.variants("voice.phrases.choose_case_owner"):
        table = table.with_choices(CommandKind.CHOOSE_CASE_OWNER, variant, seats)
    named = [(seat, name) for seat, name in enumerate(names) if name]
    for variant in pack.variants("voice.phrases.action_point"):
        table = table.with_choices(CommandKind.ACTION_POINT, variant, named)
    return table


def default_wake_word(pack: LanguagePack | None = None) -> str:
    """The pack's suggestion, for when a room wants a wake word but names none."""
    return (pack or get_pack()).text("voice.wake_word")


def decoy_candidates(pack: LanguagePack | None = None) -> list[str]:
    """The pack's common words, from which the decoys are taken (those the model knows)."""
    return _unique(_words((pack or get_pack()).text("voice.decoys")))


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


class Layer(StrEnum):
    """The layers of the defence, in the order they are applied."""

    OWN_SPEECH = "own_speech"
    WORDS = "words"
    WAKE_WORD = "wake_word"
    SILENCE = "silence"
    CONFIDENCE = "confidence"
    COOLDOWN = "cooldown"


class Reason(StrEnum):
    DURING_OWN_SPEECH = "during_own_speech"
    NO_COMMAND = "no_command"
    UNK_AROUND = "unk_around"
    MISSING_WAKE_WORD = "missing_wake_word"
    TOO_LONG = "too_long"
    NOT_ISOLATED = "not_isolated"
    LOW_CONFIDENCE = "low_confidence"
    COOLDOWN = "cooldown"

    @property
    def layer(self) -> Layer:
        return _LAYERS[self]


_LAYERS = {
    Reason.DURING_OWN_SPEECH: Layer.OWN_SPEECH,
    Reason.NO_COMMAND: Layer.WORDS,
    Reason.UNK_AROUND: Layer.WORDS,
    Reason.MISSING_WAKE_WORD: Layer.WAKE_WORD,
    Reason.TOO_LONG: Layer.SILENCE,
    Reason.NOT_ISOLATED: Layer.SILENCE,
    Reason.LOW_CONFIDENCE: Layer.CONFIDENCE,
    Reason.COOLDOWN: Layer.COOLDOWN,
}


class Route(StrEnum):
    """How an accepted command was said."""

    PHRASE = "phrase"  # a phrase that needs no wake word, on its own
    WAKE_WORD = "wake_word"  # the wake word and the phrase in one go
    WAKE_WORD_BEFORE = "wake_word_before"  # the wake word, a pause, then the phrase
    JOINED = "joined"  # a phrase said in two parts with a short pause between


@dataclass(frozen=True)
class Rejection:
    """Why an utterance was not taken as a command.

    ``kind`` is the command it sounded like, if any. There is no text here on
    purpose: a rejection may be logged, and nothing people say may be.
    """

    reason: Reason
    kind: CommandKind | None = None


@dataclass(frozen=True)
class Opening:
    """An utterance that may be the start of a command said across a pause.

    ``then``: what it means if nothing continues it (a held command, or a
    rejection). ``speech_before``: the end of the speech before it, for judging the
    silence before the whole command. ``until``: after this clock time nothing can
    continue it any more (a continuation's result arrives a moment after its words).
    """

    result: RecognitionResult
    then: Command | Rejection
    speech_before: float | None
    route: Route | None
    until: float
    join_by: float  # a continuation must start before this


Match: TypeAlias = Command | Rejection
Decision: TypeAlias = Command | Rejection | Opening


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
    wake_window_s: float = 4.0  # the wake word alone, then the command within this
    join_gap_s: float = 1.0  # the longest pause inside a phrase said in two parts
    # How long after a pause a continuation's result may still arrive: vosk waits
    # for half a second of silence after its last word before it hands it out.
    result_delay_s: float = 1.5


@dataclass(frozen=True)
class Situation:
    """The moment a result is judged, and what the listener remembers.

    ``previous_speech_end``: when the utterance before this one ended (any speech,
    commands or not). ``own_speech``: intervals in which the facilitator was speaking;
    an interval still going on ends at ``math.inf``. ``opening``: an earlier
    utterance this one may continue (see ``Opening``).
    """

    now: float
    last_command_at: float | None = None
    previous_speech_end: float | None = None
    own_speech: tuple[tuple[float, float], ...] = ()
    opening: Opening | None = None


def match(result: RecognitionResult, settings: MatchSettings, situation: Situation) -> Match:
    """The command in one utterance, or the first reason not to take it.

    The utterance is judged on its own: one that could begin a command said across
    a pause is taken for what it is alone (see ``decide`` for the whole story).
    """
    decision = decide(result, settings, replace(situation, opening=None))
    return decision.then if isinstance(decision, Opening) else decision


def decide(result: RecognitionResult, settings: MatchSettings, situation: Situation) -> Decision:
    """What ``result`` means, given an ``opening`` it may continue (see the module).

    The caller checks first that the result continues the opening in time
    (``continues``); here the two are judged as one utterance.
    """
    opening = situation.opening
    own = result.words if opening is None else opening.result.words + result.words
    if _overlaps(own, situation.own_speech, settings.own_speech_margin_s):
        return Rejection(Reason.DURING_OWN_SPEECH)
    table = settings.phrases
    words = [word.text for word in own]
    wake = table.wake_words
    woken = bool(wake) and words[: len(wake)] == list(wake)
    rest = words[len(wake) :] if woken else words
    phrase = table.lookup(rest)
    starts = table.begins_a_phrase(rest) or (woken and not rest)
    known = set(table.vocabulary())
    if any(word not in known for word in words):
        inside = _phrase_inside(table, words)
        if inside is not None:
            return Rejection(Reason.UNK_AROUND, inside.kind)
        return Rejection(Reason.NO_COMMAND)
    outcome = (
        Rejection(Reason.NO_COMMAND)
        if phrase is None
        else _judge(phrase, own, woken, result.audio_end, settings, situation, opening)
    )
    if not starts:
        return outcome
    before = opening.speech_before if opening is not None else situation.previous_speech_end
    end = own[-1].end
    window = settings.wake_window_s if woken and not rest else settings.join_gap_s
    joined = RecognitionResult(own, result.audio_end)
    route = _route(table, own, opening)
    return Opening(
        joined, outcome, before, route, end + window + settings.result_delay_s, end + window
    )


def continues(result: RecognitionResult, opening: Opening) -> bool:
    """Whether ``result`` starts soon enough after ``opening`` to continue it."""
    start = result.start
    return start is not None and start <= opening.join_by


def _judge(
    phrase: Phrase,
    own: Sequence[Word],
    woken: bool,
    audio_end: float | None,
    settings: MatchSettings,
    situation: Situation,
    opening: Opening | None,
) -> Match:
    table = settings.phrases
    if table.needs_wake_word(phrase) and not woken:
        return Rejection(Reason.MISSING_WAKE_WORD, phrase.kind)
    # The wake word said on its own, a pause before the command, does not count
    # towards the command's length; a phrase said in two parts does, pause and all.
    wake_alone = (
        opening is not None and woken and len(opening.result.words) == len(table.wake_words)
    )
    timed = own[len(table.wake_words) :] if wake_alone else own
    if timed[-1].end - timed[0].start > settings.max_utterance_s:
        return Rejection(Reason.TOO_LONG, phrase.kind)
    before = opening.speech_before if opening is not None else situation.previous_speech_end
    end = own[-1].end
    if (before is not None and own[0].start - before < settings.silence_before_s) or (
        audio_end is not None and audio_end - end < settings.silence_after_s
    ):
        return Rejection(Reason.NOT_ISOLATED, phrase.kind)
    if min(word.conf for word in own) < settings.min_confidence:
        return Rejection(Reason.LOW_CONFIDENCE, phrase.kind)
    last = situation.last_command_at
    if last is not None and situation.now - last < settings.cooldown_s:
        return Rejection(Reason.COOLDOWN, phrase.kind)
    return phrase.command()


def _route(table: PhraseTable, own: Sequence[Word], opening: Opening | None) -> Route:
    wake = table.wake_words
    woken = bool(wake) and tuple(word.text for word in own[: len(wake)]) == wake
    if opening is None:
        return Route.WAKE_WORD if woken else Route.PHRASE
    if woken and len(opening.result.words) == len(table.wake_words):
        return Route.WAKE_WORD_BEFORE
    return Route.JOINED


def _phrase_inside(table: PhraseTable, words: Sequence[str]) -> Phrase | None:
    """The longest phrase found among ``words`` (for saying what it sounded like)."""
    found: Phrase | None = None
    for first in range(len(words)):
        for last in range(first + 1, len(words) + 1):
            phrase = table.lookup(words[first:last])
            if phrase is not None and (found is None or len(phrase.words) > len(found.words)):
                found = phrase
    return found


@dataclass(frozen=True)
class Verdict:
    """One decision of a ``CommandMatcher``: a command (and how it was said) or a rejection."""

    outcome: Match
    confidence: float
    route: Route | None = None  # for a command


class CommandMatcher:
    """``decide`` with a memory: the last command, the last speech, an open phrase.

    Feed it every result of one recogniser in order (``hear``), and tell it the time
    now and then (``due``), so that a held command acts once nothing continued it.
    Not thread-safe: the listener's thread owns it.
    """

    def __init__(self, settings: MatchSettings) -> None:
        self.settings = settings
        self.last_command_at: float | None = None
        self.previous_speech_end: float | None = None
        self.opening: Opening | None = None

    def hear(
        self,
        result: RecognitionResult,
        now: float,
        own_speech: tuple[tuple[float, float], ...] = (),
    ) -> list[Verdict]:
        verdicts: list[Verdict] = []
        opening, self.opening = self.opening, None
        if opening is not None and continues(result, opening):
            situation = self._situation(now, own_speech, opening)
            joined = decide(result, self.settings, situation)
            if not (isinstance(joined, Rejection) and joined.reason.layer is Layer.WORDS):
                self._remember(result)
                whole = RecognitionResult(opening.result.words + result.words, result.audio_end)
                return self._settle(joined, now, whole, opening)
            # The two do not belong together: the first was not a command said on
            # its own, and the second is judged by itself.
            then = opening.then
            if isinstance(then, Command):
                then = Rejection(Reason.NOT_ISOLATED, then.kind)
            verdicts.append(Verdict(then, confidence(opening.result)))
        elif opening is not None:
            verdicts += self._release(opening, now)
        decision = decide(result, self.settings, self._situation(now, own_speech, None))
        self._remember(result)
        return verdicts + self._settle(decision, now, result, None)

    def due(self, now: float) -> list[Verdict]:
        """Releases an open phrase that nothing can continue any more."""
        opening = self.opening
        if opening is None or now < opening.until:
            return []
        self.opening = None
        return self._release(opening, now)

    def _situation(
        self, now: float, own: tuple[tuple[float, float], ...], opening: Opening | None
    ) -> Situation:
        return Situation(now, self.last_command_at, self.previous_speech_end, own, opening)

    def _remember(self, result: RecognitionResult) -> None:
        if result.end is not None:
            self.previous_speech_end = result.end

    def _settle(
        self, decision: Decision, now: float, heard: RecognitionResult, opening: Opening | None
    ) -> list[Verdict]:
        if isinstance(decision, Opening):
            self.opening = decision
            return []
        sure = confidence(heard)
        if isinstance(decision, Rejection):
            return [Verdict(decision, sure)]
        self.last_command_at = now
        return [Verdict(decision, sure, _route(self.settings.phrases, heard.words, opening))]

    def _release(self, opening: Opening, now: float) -> list[Verdict]:
        sure = confidence(opening.result)
        if isinstance(opening.then, Command):
            self.last_command_at = now
            return [Verdict(opening.then, sure, opening.route)]
        return [Verdict(opening.then, sure)]


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
