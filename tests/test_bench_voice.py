"""bench/voice.py's counting of false commands per layer, on made-up decisions
(the benchmark itself needs a Dutch model and takes minutes)."""

from __future__ import annotations

import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parent.parent / "bench"
sys.path.insert(0, str(BENCH))

import voice as bench_voice  # noqa: E402

from facilitator.meeting.commands import Command, CommandKind  # noqa: E402
from facilitator.speech.matcher import Reason, Rejection  # noqa: E402


def decision(outcome: Command | Rejection) -> bench_voice.Decision:
    if isinstance(outcome, Command):
        return bench_voice.Decision(1.0, outcome, None, 1.0)
    return bench_voice.Decision(1.0, None, outcome, 1.0)


def test_each_layer_counts_what_it_stopped_and_what_would_get_through_without_it() -> None:
    decisions = [
        decision(Rejection(Reason.NO_COMMAND)),  # never sounded like a command
        decision(Rejection(Reason.UNK_AROUND, CommandKind.NEXT_STEP)),
        decision(Rejection(Reason.MISSING_WAKE_WORD, CommandKind.STOP)),
        decision(Rejection(Reason.MISSING_WAKE_WORD, CommandKind.PREVIOUS_STEP)),
        decision(Rejection(Reason.NOT_ISOLATED, CommandKind.PAUSE)),
        decision(Command(CommandKind.NEXT_STEP, source="voice")),
    ]
    funnel = {count.layer: count for count in bench_voice.layer_funnel(decisions, hours=0.5)}
    assert [layer for layer in funnel] == [
        "own_speech",
        "words",
        "wake_word",
        "silence",
        "confidence",
        "cooldown",
    ]
    assert funnel["words"].stopped == 1 and funnel["words"].through_per_hour == 10.0
    assert funnel["wake_word"].stopped == 2 and funnel["wake_word"].through_per_hour == 8.0
    assert funnel["silence"].stopped == 1 and funnel["silence"].through_per_hour == 4.0
    assert funnel["confidence"].through_per_hour == 2.0  # the one accepted


def test_the_distractors_hold_the_short_forms_and_two_word_pairs() -> None:
    assert {"stop", "terug", "verder", "volgende"} <= set(bench_voice.SINGLE_DISTRACTORS)
    assert all(len(text.split()) == 1 for text in bench_voice.SINGLE_DISTRACTORS)
    assert all(len(text.split()) == 2 for text in bench_voice.TWO_WORD_DISTRACTORS)


def test_the_report_has_a_line_per_layer() -> None:
    alarms = bench_voice.FalseAlarms(
        "single words", 30.0, 1, {"stop": 1}, bench_voice.layer_funnel([], hours=0.5)
    )
    lines = alarms.lines()
    assert lines[0] == "single words: 30.0 min, 1 false commands = 2.0 per hour (stop 1)"
    assert len(lines) == 2 + 6
