"""The command matcher, on results shaped like vosk's (grammar mode, SetWords(True))."""

from __future__ import annotations

import dataclasses
import json
import math

import pytest

from facilitator.lang import AVAILABLE, get_pack
from facilitator.meeting.commands import Command, CommandKind
from facilitator.speech.matcher import (
    UNK,
    MatchSettings,
    Phrase,
    PhraseTable,
    Reason,
    RecognitionResult,
    Rejection,
    Situation,
    default_wake_word,
    from_vosk_json,
    grammar,
    match,
    phrase_table,
)

NL = phrase_table(get_pack("nl"))
SETTINGS = MatchSettings(NL)
NOW = 100.0
QUIET = Situation(now=NOW)  # nobody spoke before, no command yet, the facilitator silent


def vosk_json(
    *words: str | tuple[str, float],
    start: float = 10.0,
    word_s: float = 0.4,
    gap_s: float = 0.1,
) -> str:
    """What vosk's Result() returns: words with conf/start/end, and the text."""
    result = []
    texts = []
    at = start
    for item in words:
        word, conf = (item, 1.0) if isinstance(item, str) else item
        result.append({"conf": conf, "end": round(at + word_s, 2), "start": at, "word": word})
        texts.append(word)
        at = round(at + word_s + gap_s, 2)
    return json.dumps({"result": result, "text": " ".join(texts)})


def heard(
    *words: str | tuple[str, float],
    silence_after: float = 0.6,
    **timing: float,
) -> RecognitionResult:
    result = from_vosk_json(vosk_json(*words, **timing))
    end = result.end if result.end is not None else 0.0
    return dataclasses.replace(result, audio_end=end + silence_after)


def accepted(kind: CommandKind, minutes: int | None = None) -> Command:
    return Command(kind, minutes, source="voice")


# --- accepted ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("words", "command"),
    [
        ("volgende stap", accepted(CommandKind.NEXT_STEP)),
        ("vorige stap", accepted(CommandKind.PREVIOUS_STEP)),
        ("terug", accepted(CommandKind.PREVIOUS_STEP)),
        ("pauze", accepted(CommandKind.PAUSE)),
        ("verder", accepted(CommandKind.RESUME)),
        ("hervat", accepted(CommandKind.RESUME)),
        ("hoeveel tijd", accepted(CommandKind.TIME_LEFT)),
        ("hoeveel tijd nog", accepted(CommandKind.TIME_LEFT)),
        ("herhaal", accepted(CommandKind.REPEAT)),
        ("nog één minuut", accepted(CommandKind.EXTEND, 1)),
        ("nog een minuut", accepted(CommandKind.EXTEND, 1)),
        ("nog twee minuten", accepted(CommandKind.EXTEND, 2)),
        ("nog tien minuten", accepted(CommandKind.EXTEND, 10)),
        ("extra tijd", accepted(CommandKind.EXTEND)),
        ("volgende", accepted(CommandKind.NEXT_SPEAKER)),
        ("volgende spreker", accepted(CommandKind.NEXT_SPEAKER)),
        ("ik pas", accepted(CommandKind.PASS)),
        ("voorbeeldvraag", accepted(CommandKind.EXAMPLE_QUESTION)),
        ("stop", accepted(CommandKind.STOP)),
        ("sessie stoppen", accepted(CommandKind.STOP)),
        ("ja stoppen", accepted(CommandKind.CONFIRM_STOP)),
        ("niet stoppen", accepted(CommandKind.CANCEL)),
    ],
)
def test_a_clean_command_is_accepted(words: str, command: Command) -> None:
    assert match(heard(*words.split()), SETTINGS, QUIET) == command


@pytest.mark.parametrize("code", AVAILABLE)
def test_every_phrase_of_every_pack_is_understood(code: str) -> None:
    table = phrase_table(get_pack(code))
    settings = MatchSettings(table)
    for phrase in table.phrases:
        assert match(heard(*phrase.words), settings, QUIET) == accepted(
            phrase.kind, phrase.minutes
        ), phrase.text


def test_the_extension_is_read_from_the_number_word() -> None:
    minutes = {p.minutes for p in NL.phrases if p.kind is CommandKind.EXTEND}
    assert minutes == {None, *range(1, 11)}
    english = phrase_table(get_pack("en"))
    assert english.lookup(["three", "more", "minutes"]) == Phrase(
        ("three", "more", "minutes"), CommandKind.EXTEND, 3
    )


def test_a_vosk_result_as_printed() -> None:
    raw = (
        '{\n  "result" : [{\n      "conf" : 1.000000,\n      "end" : 3.270000,\n'
        '      "start" : 2.850000,\n      "word" : "volgende"\n    }, {\n'
        '      "conf" : 0.974216,\n      "end" : 3.690000,\n      "start" : 3.300000,\n'
        '      "word" : "stap"\n    }],\n  "text" : "volgende stap"\n}'
    )
    result = from_vosk_json(raw, offset=1000.0, audio_end=1004.4)

    assert result.text == "volgende stap"
    assert result.start == pytest.approx(1002.85)
    assert result.end == pytest.approx(1003.69)
    assert match(result, SETTINGS, Situation(now=1004.5)) == accepted(CommandKind.NEXT_STEP)


# --- rejected ------------------------------------------------------------------------


def rejected(reason: Reason, kind: CommandKind | None = None) -> Rejection:
    return Rejection(reason, kind)


def test_nothing_or_only_unknown_speech_is_no_command() -> None:
    assert match(RecognitionResult(), SETTINGS, QUIET) == rejected(Reason.NO_COMMAND)
    assert match(heard(UNK, UNK), SETTINGS, QUIET) == rejected(Reason.NO_COMMAND)


@pytest.mark.parametrize(
    "words",
    ["hoeveel stap", "volgende stap stap", "stap volgende", "nog minuten", "tijd"],
)
def test_command_words_that_are_no_phrase(words: str) -> None:
    assert match(heard(*words.split()), SETTINGS, QUIET) == rejected(Reason.NO_COMMAND)


@pytest.mark.parametrize(
    "words",
    [
        f"{UNK} volgende stap",
        f"volgende stap {UNK}",
        f"{UNK} {UNK} volgende stap {UNK}",
    ],
)
def test_a_phrase_inside_other_speech(words: str) -> None:
    assert match(heard(*words.split()), SETTINGS, QUIET) == rejected(
        Reason.UNK_AROUND, CommandKind.NEXT_STEP
    )


def test_low_confidence_in_any_word() -> None:
    unsure = heard("volgende", ("stap", 0.55))
    assert match(unsure, SETTINGS, QUIET) == rejected(Reason.LOW_CONFIDENCE, CommandKind.NEXT_STEP)
    lenient = MatchSettings(NL, min_confidence=0.5)
    assert match(unsure, lenient, QUIET) == accepted(CommandKind.NEXT_STEP)


def test_a_result_without_word_details_is_never_trusted() -> None:
    result = from_vosk_json('{"text": "volgende stap"}')
    assert match(result, SETTINGS, QUIET) == rejected(Reason.LOW_CONFIDENCE, CommandKind.NEXT_STEP)


def test_an_utterance_that_takes_too_long() -> None:
    slow = heard("hoeveel", "tijd", "nog", word_s=0.5, gap_s=1.0)  # 3.5 s
    assert match(slow, SETTINGS, QUIET) == rejected(Reason.TOO_LONG, CommandKind.TIME_LEFT)
    normal = heard("hoeveel", "tijd", "nog", word_s=0.4, gap_s=0.1)
    assert match(normal, SETTINGS, QUIET) == accepted(CommandKind.TIME_LEFT)


def test_speech_just_before_means_it_was_not_said_on_its_own() -> None:
    result = heard("pauze", start=50.0)
    just_after = Situation(now=NOW, previous_speech_end=49.7)
    a_pause_before = Situation(now=NOW, previous_speech_end=49.0)

    assert match(result, SETTINGS, just_after) == rejected(Reason.NOT_ISOLATED, CommandKind.PAUSE)
    assert match(result, SETTINGS, a_pause_before) == accepted(CommandKind.PAUSE)


def test_speech_going_on_right_after_means_it_was_not_said_on_its_own() -> None:
    cut_off = heard("pauze", silence_after=0.1)
    assert match(cut_off, SETTINGS, QUIET) == rejected(Reason.NOT_ISOLATED, CommandKind.PAUSE)
    unknown = dataclasses.replace(cut_off, audio_end=None)
    assert match(unknown, SETTINGS, QUIET) == accepted(CommandKind.PAUSE)


def test_cooldown_after_an_accepted_command() -> None:
    result = heard("volgende", "stap")
    too_soon = Situation(now=NOW, last_command_at=NOW - 1.0)
    later = Situation(now=NOW, last_command_at=NOW - 2.5)

    assert match(result, SETTINGS, too_soon) == rejected(Reason.COOLDOWN, CommandKind.NEXT_STEP)
    assert match(result, SETTINGS, later) == accepted(CommandKind.NEXT_STEP)


def test_nothing_counts_while_the_facilitator_speaks() -> None:
    result = heard("volgende", "stap", start=10.0)  # 10.0 .. 10.9
    speaking = Situation(now=NOW, own_speech=((8.0, 10.5),))
    still_speaking = Situation(now=NOW, own_speech=((9.0, math.inf),))
    echo = Situation(now=NOW, own_speech=((5.0, 9.7),))  # ended 0.3 s before: echo margin
    earlier = Situation(now=NOW, own_speech=((5.0, 9.0), (11.5, 13.0)))

    for situation in (speaking, still_speaking, echo):
        assert match(result, SETTINGS, situation) == rejected(Reason.DURING_OWN_SPEECH)
    assert match(result, SETTINGS, earlier) == accepted(CommandKind.NEXT_STEP)


def test_own_speech_is_checked_first() -> None:
    messy = heard(UNK, "volgende", ("stap", 0.1))
    speaking = Situation(now=NOW, own_speech=((0.0, math.inf),))
    assert match(messy, SETTINGS, speaking) == rejected(Reason.DURING_OWN_SPEECH)


# --- the wake word -------------------------------------------------------------------


WAKE = MatchSettings(phrase_table(get_pack("nl"), wake_word="Computer"))


def test_with_the_wake_word() -> None:
    result = heard("computer", "volgende", "stap")
    assert match(result, WAKE, QUIET) == accepted(CommandKind.NEXT_STEP)


def test_without_the_wake_word() -> None:
    result = heard("volgende", "stap")
    assert match(result, WAKE, QUIET) == rejected(Reason.MISSING_WAKE_WORD, CommandKind.NEXT_STEP)


@pytest.mark.parametrize("words", ["computer", "computer hoeveel stap", "volgende stap computer"])
def test_wake_word_without_a_phrase(words: str) -> None:
    assert match(heard(*words.split()), WAKE, QUIET) == rejected(Reason.NO_COMMAND)


def test_the_wake_word_counts_for_length_and_confidence() -> None:
    unsure = heard(("computer", 0.4), "pauze")
    assert match(unsure, WAKE, QUIET) == rejected(Reason.LOW_CONFIDENCE, CommandKind.PAUSE)
    slow = heard("computer", "pauze", gap_s=2.8)
    assert match(slow, WAKE, QUIET) == rejected(Reason.TOO_LONG, CommandKind.PAUSE)


def test_a_wake_word_is_optional_for_a_room() -> None:
    assert NL.wake_word is None
    assert default_wake_word(get_pack("nl")) in WAKE.phrases.vocabulary()


# --- the grammar ---------------------------------------------------------------------


def test_grammar_lists_every_phrase_and_unk() -> None:
    texts = grammar(NL)

    assert texts[-1] == UNK
    assert len(texts) == len(set(texts))
    assert {"volgende stap", "terug", "nog twee minuten", "ik pas"} <= set(texts)
    assert set(texts) == {phrase.text for phrase in NL.phrases} | {UNK}


def test_grammar_with_a_wake_word() -> None:
    texts = WAKE.phrases.grammar()

    assert {"computer", "computer volgende stap", "volgende stap"} <= set(texts)
    assert texts[-1] == UNK


@pytest.mark.parametrize("code", AVAILABLE)
def test_the_grammar_only_uses_the_vocabulary(code: str) -> None:
    table = phrase_table(get_pack(code), wake_word=default_wake_word(get_pack(code)))
    words = {word for text in table.grammar() for word in text.split()}
    assert words == set(table.vocabulary()) | {UNK}
    assert all(word == word.lower() for word in words)


def test_phrases_with_unknown_words_can_be_left_out() -> None:
    smaller = NL.without_words({"voorbeeldvraag", "één"})

    assert smaller.lookup(["voorbeeldvraag"]) is None
    assert smaller.lookup(["nog", "één", "minuut"]) is None
    assert smaller.lookup(["nog", "een", "minuut"]) is not None
    assert len(smaller.phrases) == len(NL.phrases) - 2


def test_one_phrase_cannot_mean_two_commands() -> None:
    with pytest.raises(ValueError, match="stop"):
        PhraseTable(
            (
                Phrase(("stop",), CommandKind.STOP),
                Phrase(("stop",), CommandKind.PAUSE),
            )
        )


# --- the vosk adapter ----------------------------------------------------------------


@pytest.mark.parametrize(
    "raw", ["", "not json", "[]", '{"result": "nonsense"}', '{"result": [{"word": 3}]}']
)
def test_malformed_results_are_empty(raw: str) -> None:
    result = from_vosk_json(raw)
    assert result.words == ()
    assert match(result, SETTINGS, QUIET) == rejected(Reason.NO_COMMAND)


def test_words_missing_details_are_dropped_or_distrusted() -> None:
    raw = json.dumps(
        {
            "result": [
                {"word": "pauze", "start": 1.0, "end": 1.4},
                {"word": "x", "start": "soon", "end": 2.0, "conf": 1.0},
                {"word": "y", "start": float("nan"), "end": 2.0, "conf": 1.0},
            ]
        }
    )
    result = from_vosk_json(raw)
    assert [(w.text, w.conf) for w in result.words] == [("pauze", 0.0)]


def test_an_empty_vosk_result() -> None:
    result = from_vosk_json('{"text": ""}', audio_end=3.0)
    assert result == RecognitionResult((), 3.0)
    assert result.start is None and result.end is None


def test_a_rejection_carries_no_words() -> None:
    assert {f.name for f in dataclasses.fields(Rejection)} == {"reason", "kind"}
