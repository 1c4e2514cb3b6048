"""The command matcher, on results in exactly the shape vosk writes them.

Every result here is a ``Result()`` string as vosk 0.3.45 prints it with
``SetWords(True)`` (see ``tests/voskjson.py`` for where each shape comes from in
vosk's source), read by the same adapter a session uses (``from_vosk_json``).
Confidences are 1.0 unless a test is about confidence: in grammar mode vosk gives
wrong words 1.0 too, so no test of the defence may lean on it.
"""

from __future__ import annotations

import dataclasses
import json
import math

import pytest
from voskjson import EMPTY_BEFORE_AUDIO, WordSpec, said, vosk_text

from facilitator.lang import AVAILABLE, get_pack
from facilitator.meeting.commands import Command, CommandKind
from facilitator.speech.matcher import (
    UNK,
    CommandMatcher,
    Layer,
    MatchSettings,
    Phrase,
    PhraseTable,
    Reason,
    RecognitionResult,
    Rejection,
    Route,
    Situation,
    Verdict,
    decoy_candidates,
    default_wake_word,
    from_vosk_json,
    grammar,
    match,
    phrase_table,
)

PACK = get_pack("nl")
NL = phrase_table(PACK, wake_word=default_wake_word(PACK)).with_decoys(decoy_candidates(PACK))
SETTINGS = MatchSettings(NL)
NOW = 100.0
QUIET = Situation(now=NOW)  # nobody spoke before, no command yet, the facilitator silent


def heard(*words: WordSpec, silence_after: float = 0.6, **timing: float) -> RecognitionResult:
    """An utterance as vosk closes it: its JSON, and the audio decoded up to then."""
    result = from_vosk_json(said(*words, **timing))
    end = result.end if result.end is not None else 0.0
    return dataclasses.replace(result, audio_end=end + silence_after)


def accepted(kind: CommandKind, minutes: int | None = None) -> Command:
    return Command(kind, minutes, source="voice")


def rejected(reason: Reason, kind: CommandKind | None = None) -> Rejection:
    return Rejection(reason, kind)


# --- the default policy: what acts with and without the wake word ---------------------


@pytest.mark.parametrize(
    ("words", "command"),
    [
        ("volgende stap", accepted(CommandKind.NEXT_STEP)),
        ("vorige stap", accepted(CommandKind.PREVIOUS_STEP)),
        ("hoeveel tijd nog", accepted(CommandKind.TIME_LEFT)),
        ("nog één minuut", accepted(CommandKind.EXTEND, 1)),
        ("nog een minuut", accepted(CommandKind.EXTEND, 1)),
        ("nog twee minuten", accepted(CommandKind.EXTEND, 2)),
        ("nog tien minuten", accepted(CommandKind.EXTEND, 10)),
        ("extra tijd", accepted(CommandKind.EXTEND)),
        ("volgende spreker", accepted(CommandKind.NEXT_SPEAKER)),
        ("ik pas", accepted(CommandKind.PASS)),
        ("sessie stoppen", accepted(CommandKind.STOP)),
        ("ja stoppen", accepted(CommandKind.CONFIRM_STOP)),
        ("niet stoppen", accepted(CommandKind.CANCEL)),
    ],
)
def test_a_phrase_of_two_words_or_more_acts_without_the_wake_word(
    words: str, command: Command
) -> None:
    assert match(heard(*words.split()), SETTINGS, QUIET) == command


@pytest.mark.parametrize(
    ("word", "kind"),
    [
        ("stop", CommandKind.STOP),
        ("terug", CommandKind.PREVIOUS_STEP),
        ("verder", CommandKind.RESUME),
        ("volgende", CommandKind.NEXT_SPEAKER),
        ("pauze", CommandKind.PAUSE),
        ("hervat", CommandKind.RESUME),
        ("herhaal", CommandKind.REPEAT),
        ("voorbeeldvraag", CommandKind.EXAMPLE_QUESTION),
    ],
)
def test_a_lone_common_word_in_conversation_does_not_act(word: str, kind: CommandKind) -> None:
    """Silence around it, recognised with full confidence: still no command."""
    lone = heard(word)
    assert match(lone, SETTINGS, QUIET) == rejected(Reason.MISSING_WAKE_WORD, kind)
    matcher = CommandMatcher(SETTINGS)
    verdicts = matcher.hear(lone, NOW) + matcher.due(math.inf)
    assert [v.outcome for v in verdicts] == [rejected(Reason.MISSING_WAKE_WORD, kind)]


@pytest.mark.parametrize(
    ("word", "kind"),
    [
        ("stop", CommandKind.STOP),
        ("terug", CommandKind.PREVIOUS_STEP),
        ("verder", CommandKind.RESUME),
        ("pauze", CommandKind.PAUSE),
        ("herhaal", CommandKind.REPEAT),
    ],
)
def test_a_single_word_acts_after_the_wake_word(word: str, kind: CommandKind) -> None:
    assert match(heard("computer", word), SETTINGS, QUIET) == accepted(kind)


def test_every_phrase_of_every_pack_acts_as_the_policy_says() -> None:
    for code in AVAILABLE:
        pack = get_pack(code)
        table = phrase_table(pack, wake_word=default_wake_word(pack))
        settings = MatchSettings(table)
        for phrase in table.phrases:
            woken = heard(*table.wake_words, *phrase.words)
            assert match(woken, settings, QUIET) == phrase.command(), (code, phrase.text)
            alone = match(heard(*phrase.words), settings, QUIET)
            if len(phrase.words) == 1:
                assert alone == rejected(Reason.MISSING_WAKE_WORD, phrase.kind), phrase.text
            else:
                assert alone == phrase.command(), (code, phrase.text)


def test_a_room_with_its_own_wake_word_needs_it_before_everything() -> None:
    table = phrase_table(PACK, wake_word="Computer", wake_for_all=True)
    settings = MatchSettings(table)

    assert match(heard("volgende", "stap"), settings, QUIET) == rejected(
        Reason.MISSING_WAKE_WORD, CommandKind.NEXT_STEP
    )
    assert match(heard("computer", "volgende", "stap"), settings, QUIET) == accepted(
        CommandKind.NEXT_STEP
    )


def test_a_wake_word_of_two_words() -> None:
    table = phrase_table(PACK, wake_word="Hé  Computer")
    settings = MatchSettings(table)

    assert table.wake_words == ("hé", "computer")
    assert match(heard("hé", "computer", "volgende", "stap"), settings, QUIET) == accepted(
        CommandKind.NEXT_STEP
    )
    assert match(heard("hé", "computer", "stop"), settings, QUIET) == accepted(CommandKind.STOP)
    assert match(heard("computer", "stop"), settings, QUIET) == rejected(Reason.NO_COMMAND)
    assert match(heard("hé", "stop"), settings, QUIET) == rejected(Reason.NO_COMMAND)
    own = MatchSettings(phrase_table(PACK, wake_word="hé computer", wake_for_all=True))
    assert match(heard("hé", "computer", "volgende", "stap"), own, QUIET) == accepted(
        CommandKind.NEXT_STEP
    )
    assert {"hé computer", "hé computer volgende stap"} <= set(table.grammar())


def test_without_a_known_wake_word_single_words_cannot_act() -> None:
    table = NL.without_words({"computer"})
    assert table.wake_word is None
    stop = table.lookup(["stop"])
    assert stop is not None and not table.usable(stop)
    assert match(heard("stop"), MatchSettings(table), QUIET) == rejected(
        Reason.MISSING_WAKE_WORD, CommandKind.STOP
    )


def test_the_spoken_forms_follow_the_policy() -> None:
    stop = NL.lookup(["stop"])
    next_step = NL.lookup(["volgende", "stap"])
    assert stop is not None and next_step is not None
    assert NL.spoken_forms(stop) == ["computer stop"]
    assert NL.spoken_forms(next_step) == ["volgende stap", "computer volgende stap"]
    free, woken = NL.policy()
    assert woken == [
        "terug",
        "pauze",
        "verder",
        "hervat",
        "herhaal",
        "volgende",
        "voorbeeldvraag",
        "uitleg",
        "stop",
    ]
    assert {"volgende stap", "sessie stoppen", "ja stoppen", "nog twee minuten"} <= set(free)
    assert len(free) + len(woken) == len(NL.phrases)


# --- words: only exactly a phrase counts -----------------------------------------------


def test_an_action_point_is_for_one_of_the_participants_by_name() -> None:
    table = phrase_table(get_pack("nl"), names=["Bram", "Eva Maria"])
    settings = MatchSettings(table)
    assert match(heard("actiepunt", "voor", "bram"), settings, QUIET) == Command(
        CommandKind.ACTION_POINT, source="voice", participant=0
    )
    assert match(heard("actiepunt", "voor", "eva", "maria"), settings, QUIET) == Command(
        CommandKind.ACTION_POINT, source="voice", participant=1
    )
    assert "actiepunt voor bram" in table.grammar()
    assert not any(p.kind is CommandKind.ACTION_POINT for p in NL.phrases)  # no names, none


def test_a_vosk_result_as_printed() -> None:
    raw = (
        '{\n  "result" : [{\n      "conf" : 1.000000,\n      "end" : 3.270000,\n'
        '      "start" : 2.850000,\n      "word" : "volgende"\n    }, {\n'
        '      "conf" : 0.974216,\n      "end" : 3.690000,\n      "start" : 3.300000,\n'
        '      "word" : "stap"\n    }],\n  "text" : "volgende stap"\n}'
    )
    assert raw == vosk_text([("volgende", 2.85, 3.27, 1.0), ("stap", 3.3, 3.69, 0.974216)])
    result = from_vosk_json(raw, offset=1000.0, audio_end=1004.4)

    assert result.text == "volgende stap"
    assert result.start == pytest.approx(1002.85)
    assert result.end == pytest.approx(1003.69)
    assert match(result, SETTINGS, Situation(now=1004.5)) == accepted(CommandKind.NEXT_STEP)


def test_nothing_or_only_unknown_speech_is_no_command() -> None:
    empty = from_vosk_json(EMPTY_BEFORE_AUDIO)
    assert match(empty, SETTINGS, QUIET) == rejected(Reason.NO_COMMAND)
    assert match(heard(UNK, UNK), SETTINGS, QUIET) == rejected(Reason.NO_COMMAND)


def test_talk_lands_on_decoys_and_is_no_command() -> None:
    assert {"het", "gewoon", "stom"} <= set(NL.decoys)
    assert match(heard("ik", "vind", "het", "gewoon", "stom"), SETTINGS, QUIET) == rejected(
        Reason.NO_COMMAND
    )


@pytest.mark.parametrize(
    "words",
    ["hoeveel stap", "volgende stap stap", "stap volgende", "nog minuten", "tijd", "computer"],
)
def test_command_words_that_are_no_phrase(words: str) -> None:
    assert match(heard(*words.split()), SETTINGS, QUIET) == rejected(Reason.NO_COMMAND)


@pytest.mark.parametrize(
    "words",
    [
        f"{UNK} volgende stap",
        f"volgende stap {UNK}",
        f"{UNK} {UNK} volgende stap {UNK}",
        "de volgende stap",
        "volgende stap is lastig",
        "computer volgende stap dan",
    ],
)
def test_a_phrase_inside_other_speech(words: str) -> None:
    result = match(heard(*words.split()), SETTINGS, QUIET)
    assert result == rejected(Reason.UNK_AROUND, CommandKind.NEXT_STEP)
    assert isinstance(result, Rejection) and result.reason.layer is Layer.WORDS


def test_low_confidence_in_any_word() -> None:
    unsure = heard("volgende", ("stap", 0.55))
    assert match(unsure, SETTINGS, QUIET) == rejected(Reason.LOW_CONFIDENCE, CommandKind.NEXT_STEP)
    lenient = MatchSettings(NL, min_confidence=0.5)
    assert match(unsure, lenient, QUIET) == accepted(CommandKind.NEXT_STEP)


def test_full_confidence_does_not_make_other_speech_a_command() -> None:
    """What vosk issue #1339 describes: a wrong word at conf 1.0 is still judged by the rest."""
    for words in (("stop",), (UNK, "volgende", "stap"), ("terug", "gewoon")):
        outcome = match(heard(*words), SETTINGS, QUIET)
        assert isinstance(outcome, Rejection), words


def test_a_result_without_word_details_is_never_trusted() -> None:
    result = from_vosk_json('{"text": "volgende stap"}')
    assert match(result, SETTINGS, QUIET) == rejected(Reason.LOW_CONFIDENCE, CommandKind.NEXT_STEP)


# --- silence around it -----------------------------------------------------------------


def test_an_utterance_that_takes_too_long() -> None:
    slow = heard("hoeveel", "tijd", "nog", word_s=0.5, gap_s=1.0)  # 3.5 s
    assert match(slow, SETTINGS, QUIET) == rejected(Reason.TOO_LONG, CommandKind.TIME_LEFT)
    normal = heard("hoeveel", "tijd", "nog", word_s=0.4, gap_s=0.1)
    assert match(normal, SETTINGS, QUIET) == accepted(CommandKind.TIME_LEFT)


def test_speech_just_before_means_it_was_not_said_on_its_own() -> None:
    result = heard("extra", "tijd", start=50.0)
    just_after = Situation(now=NOW, previous_speech_end=49.7)
    a_pause_before = Situation(now=NOW, previous_speech_end=49.0)

    assert match(result, SETTINGS, just_after) == rejected(Reason.NOT_ISOLATED, CommandKind.EXTEND)
    assert match(result, SETTINGS, a_pause_before) == accepted(CommandKind.EXTEND)


def test_speech_going_on_right_after_means_it_was_not_said_on_its_own() -> None:
    cut_off = heard("ik", "pas", silence_after=0.1)
    assert match(cut_off, SETTINGS, QUIET) == rejected(Reason.NOT_ISOLATED, CommandKind.PASS)
    unknown = dataclasses.replace(cut_off, audio_end=None)
    assert match(unknown, SETTINGS, QUIET) == accepted(CommandKind.PASS)


def test_cooldown_after_an_accepted_command() -> None:
    result = heard("volgende", "stap")
    too_soon = Situation(now=NOW, last_command_at=NOW - 1.0)
    later = Situation(now=NOW, last_command_at=NOW - 2.5)

    assert match(result, SETTINGS, too_soon) == rejected(Reason.COOLDOWN, CommandKind.NEXT_STEP)
    assert match(result, SETTINGS, later) == accepted(CommandKind.NEXT_STEP)


def test_nothing_counts_while_the_facilitator_speaks() -> None:
    result = heard("volgende", "stap", start=10.0)  # 10.0 .. 10.87
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


def test_the_wake_word_counts_for_length_and_confidence() -> None:
    unsure = heard(("computer", 0.4), "pauze")
    assert match(unsure, SETTINGS, QUIET) == rejected(Reason.LOW_CONFIDENCE, CommandKind.PAUSE)
    slow = heard("computer", "pauze", gap_s=2.8)
    assert match(slow, SETTINGS, QUIET) == rejected(Reason.TOO_LONG, CommandKind.PAUSE)


def test_every_reason_belongs_to_a_layer() -> None:
    assert {reason.layer for reason in Reason} == set(Layer)


# --- across a pause ----------------------------------------------------------------------


def hear_all(
    matcher: CommandMatcher, *parts: tuple[float, tuple[WordSpec, ...]], until: float = math.inf
) -> list[Verdict]:
    """Hands ``parts`` (start time, words) to ``matcher`` as vosk would: each result
    half a second after its last word, and the time running on in between."""
    verdicts: list[Verdict] = []
    for start, words in parts:
        result = heard(*words, start=start, silence_after=0.5)
        assert result.audio_end is not None
        verdicts += matcher.due(result.audio_end)
        verdicts += matcher.hear(result, result.audio_end)
    return verdicts + matcher.due(until)


def outcomes(verdicts: list[Verdict]) -> list[Command | Rejection]:
    return [verdict.outcome for verdict in verdicts]


def test_the_wake_word_then_the_command_within_a_few_seconds() -> None:
    verdicts = hear_all(CommandMatcher(SETTINGS), (10.02, ("computer",)), (12.51, ("stop",)))
    assert outcomes(verdicts) == [accepted(CommandKind.STOP)]
    assert verdicts[0].route is Route.WAKE_WORD_BEFORE


def test_a_two_word_wake_word_then_a_pause_then_next_step() -> None:
    settings = MatchSettings(phrase_table(PACK, wake_word="hé computer", wake_for_all=True))
    verdicts = hear_all(
        CommandMatcher(settings), (10.02, ("hé", "computer")), (12.0, ("volgende", "stap"))
    )
    assert outcomes(verdicts) == [accepted(CommandKind.NEXT_STEP)]


def test_the_wake_word_too_long_before_the_command_does_not_count() -> None:
    verdicts = hear_all(CommandMatcher(SETTINGS), (10.02, ("computer",)), (16.02, ("stop",)))
    assert outcomes(verdicts) == [
        rejected(Reason.NO_COMMAND),
        rejected(Reason.MISSING_WAKE_WORD, CommandKind.STOP),
    ]


def test_a_two_word_command_split_by_a_short_pause_is_joined() -> None:
    # vosk closes "volgende" after half a second of silence; "stap" follows 0.7 s later.
    verdicts = hear_all(CommandMatcher(SETTINGS), (10.02, ("volgende",)), (11.11, ("stap",)))
    assert outcomes(verdicts) == [accepted(CommandKind.NEXT_STEP)]
    assert verdicts[0].route is Route.JOINED
    stopping = hear_all(CommandMatcher(SETTINGS), (10.02, ("sessie",)), (11.2, ("stoppen",)))
    assert outcomes(stopping) == [accepted(CommandKind.STOP)]


def test_volgende_then_stap_is_never_the_next_speaker() -> None:
    woken = hear_all(CommandMatcher(SETTINGS), (10.02, ("computer", "volgende")), (11.6, ("stap",)))
    assert outcomes(woken) == [accepted(CommandKind.NEXT_STEP)]


def test_a_held_single_word_acts_once_nothing_follows() -> None:
    matcher = CommandMatcher(SETTINGS)
    result = heard("computer", "volgende", start=10.02, silence_after=0.5)  # ends 10.89
    assert matcher.hear(result, 11.39) == []
    assert matcher.due(12.0) == []  # "stap" could still be coming
    verdicts = matcher.due(10.89 + SETTINGS.join_gap_s + SETTINGS.result_delay_s)
    assert outcomes(verdicts) == [accepted(CommandKind.NEXT_SPEAKER)]
    assert verdicts[0].route is Route.WAKE_WORD


def test_a_single_word_is_never_promoted_by_accident() -> None:
    # Too long a pause: two separate utterances, neither a command.
    late = hear_all(CommandMatcher(SETTINGS), (10.02, ("volgende",)), (12.2, ("stap",)))
    assert outcomes(late) == [
        rejected(Reason.MISSING_WAKE_WORD, CommandKind.NEXT_SPEAKER),
        rejected(Reason.NO_COMMAND),
    ]
    # Something else said with the continuation.
    messy = hear_all(CommandMatcher(SETTINGS), (10.02, ("volgende",)), (11.11, ("stap", UNK)))
    assert all(isinstance(outcome, Rejection) for outcome in outcomes(messy))
    # Talk right before the first word: not said on its own.
    matcher = CommandMatcher(SETTINGS)
    matcher.hear(heard("het", "is", start=9.0, silence_after=0.5), 10.0)
    talk = hear_all(matcher, (10.02, ("volgende",)), (11.11, ("stap",)))
    assert outcomes(talk) == [rejected(Reason.NOT_ISOLATED, CommandKind.NEXT_STEP)]


def test_a_held_command_with_talk_right_after_is_not_taken() -> None:
    verdicts = hear_all(
        CommandMatcher(SETTINGS), (10.02, ("computer", "volgende")), (11.4, ("dat", "is"))
    )
    assert outcomes(verdicts) == [
        rejected(Reason.NOT_ISOLATED, CommandKind.NEXT_SPEAKER),
        rejected(Reason.NO_COMMAND),
    ]


def test_the_matcher_remembers_the_cooldown_and_the_speech_before() -> None:
    matcher = CommandMatcher(SETTINGS)
    first = hear_all(matcher, (10.02, ("volgende", "stap")))
    again = hear_all(matcher, (11.6, ("volgende", "stap")))
    assert outcomes(first) == [accepted(CommandKind.NEXT_STEP)]
    assert outcomes(again) == [rejected(Reason.NOT_ISOLATED, CommandKind.NEXT_STEP)]
    later = hear_all(matcher, (20.0, ("volgende", "stap")))
    assert outcomes(later) == [accepted(CommandKind.NEXT_STEP)]


# --- the grammar ---------------------------------------------------------------------


def test_grammar_lists_every_phrase_the_wake_word_the_decoys_and_unk() -> None:
    texts = grammar(NL)

    assert texts[-1] == UNK
    assert len(texts) == len(set(texts))
    assert {"volgende stap", "terug", "nog twee minuten", "ik pas"} <= set(texts)
    assert {"computer", "computer volgende stap", "computer stop"} <= set(texts)
    assert set(NL.decoys) <= set(texts)


@pytest.mark.parametrize("code", AVAILABLE)
def test_the_grammar_only_uses_the_vocabulary_and_the_decoys(code: str) -> None:
    pack = get_pack(code)
    table = phrase_table(pack, wake_word=default_wake_word(pack)).with_decoys(
        decoy_candidates(pack)
    )
    words = {word for text in table.grammar() for word in text.split()}
    assert words == set(table.vocabulary()) | set(table.decoys) | {UNK}
    assert all(word == word.lower() for word in words)
    assert not set(table.decoys) & set(table.vocabulary())
    assert len(table.decoys) >= 50


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


# --- phrases made from a list (the participants' names) ---------------------------------


def test_names_become_phrases_with_one_call() -> None:
    table = NL.with_choices(
        CommandKind.NEXT_SPEAKER,
        "beurt {name}|{name} is aan de beurt",
        [(0, "Anna"), (1, "Jan Willem"), (2, "  ")],
    )
    anna = table.lookup(["beurt", "anna"])
    assert anna == Phrase(("beurt", "anna"), CommandKind.NEXT_SPEAKER, argument=0)
    assert table.lookup(["jan", "willem", "is", "aan", "de", "beurt"]) is not None
    assert {"beurt jan willem", "computer beurt anna"} <= set(table.grammar())
    assert "de" not in table.decoys  # a word of a phrase is no decoy
    assert match(heard("beurt", "anna"), MatchSettings(table), QUIET) == anna.command()
    with pytest.raises(ValueError):
        NL.with_choices(CommandKind.PAUSE, "{name}", [(0, "stop")])


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
