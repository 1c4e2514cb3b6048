"""Waiting for a pause at the table: the level-based gate, alone and in the output."""

from __future__ import annotations

import math
import queue
import threading
from collections.abc import Iterator

import numpy as np
import numpy.typing as npt
import pytest
from room import Room, Table
from test_output import ListPlayer, ListSynthesizer, played

from facilitator.errors import AudioError
from facilitator.meeting.clock import FakeClock, MonotonicClock
from facilitator.speech.audio import Sound, SoundDevicePlayer
from facilitator.speech.listener import Block, MicrophoneSource, to_pcm16
from facilitator.speech.output import AudioOutput
from facilitator.speech.pause import ECHO_S, QUIET_S, PauseGate
from facilitator.speech.recognizer import SAMPLE_RATE

WAIT_S = 5.0


class FedSource:
    """A microphone whose blocks the test hands in (``hear`` on the gate, or ``put``)."""

    name = "test"
    overflows = 0

    def __init__(self, fail: str | None = None) -> None:
        self.fail = fail
        self.blocks: queue.Queue[Block] = queue.Queue()

    def open(self) -> FedSource:
        if self.fail:
            raise AudioError(self.fail)
        return self

    def read(self, timeout: float) -> Block | None:
        try:
            return self.blocks.get(timeout=timeout)
        except queue.Empty:
            return None

    def close(self) -> None:
        pass


def block(db: float, at: float, seconds: float = 0.1) -> Block:
    """A tone ``seconds`` long at ``db`` below full scale (RMS), starting at ``at``."""
    n = round(seconds * SAMPLE_RATE)
    amplitude = 10 ** (db / 20) * math.sqrt(2)
    tone = amplitude * np.sin(np.arange(n) * 2 * np.pi * 300 / SAMPLE_RATE)
    return Block(to_pcm16(tone.astype(np.float32)), at)


def talk(gate: PauseGate, start: float, end: float, db: float = -20.0) -> None:
    t = start
    while t < end - 1e-9:
        gate.hear(block(db, t))
        t += 0.1


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(100.0)


def make_gate(clock: FakeClock, limit_s: float = 8.0) -> PauseGate:
    return PauseGate(FedSource(), limit_s, clock=clock)


def waiting_in_thread(gate: PauseGate) -> tuple[threading.Thread, list[bool]]:
    result: list[bool] = []
    thread = threading.Thread(target=lambda: result.append(gate.wait()), daemon=True)
    thread.start()
    return thread, result


def until(condition: object, timeout: float = WAIT_S) -> None:
    done = threading.Event()
    deadline = threading.Timer(timeout, done.set)
    deadline.start()
    try:
        while not done.is_set():
            if callable(condition) and condition():
                return
            done.wait(0.005)
        raise AssertionError("condition not met in time")
    finally:
        deadline.cancel()


def test_a_quiet_table_lets_the_facilitator_speak_at_once(clock: FakeClock) -> None:
    gate = make_gate(clock)
    talk(gate, 90.0, 99.0)
    clock.set(100.0)  # a second of silence
    assert gate.wait() is True


def test_talk_holds_the_sentence_until_a_pause(clock: FakeClock) -> None:
    gate = make_gate(clock)
    talk(gate, 95.0, 100.0)
    thread, result = waiting_in_thread(gate)
    until(lambda: gate.waiting)
    clock.set(100.0 + QUIET_S / 2)
    talk(gate, 100.0, 100.0 + QUIET_S / 2)  # still talking
    clock.set(100.0 + QUIET_S)
    assert not result
    clock.set(100.0 + QUIET_S / 2 + QUIET_S + 0.01)
    thread.join(WAIT_S)
    assert result == [True] and not gate.waiting


def test_after_the_limit_it_speaks_anyway(clock: FakeClock) -> None:
    gate = make_gate(clock, limit_s=8.0)
    talk(gate, 95.0, 100.0)
    thread, result = waiting_in_thread(gate)
    until(lambda: gate.waiting)
    talk(gate, 100.0, 108.0)
    clock.set(108.0)
    thread.join(WAIT_S)
    assert result == [False]


def test_its_own_voice_and_echo_are_not_talk(clock: FakeClock) -> None:
    gate = make_gate(clock)
    gate.hear(block(-60.0, 90.0))  # the room's noise
    gate.own_sound(True)
    talk(gate, 100.0, 103.0, db=-10.0)  # the facilitator itself, loud
    clock.set(103.0)
    gate.own_sound(False)
    talk(gate, 103.0, 103.0 + ECHO_S - 0.1, db=-25.0)  # the room rings on
    clock.set(103.0 + QUIET_S)
    assert gate.wait() is True
    talk(gate, 104.0, 104.5, db=-25.0)  # someone speaks after the echo: that is talk
    clock.set(104.5)
    thread, result = waiting_in_thread(gate)
    until(lambda: gate.waiting)
    clock.set(104.5 + QUIET_S)
    thread.join(WAIT_S)
    assert result == [True]


def test_steady_noise_is_not_talk_but_a_voice_above_it_is(clock: FakeClock) -> None:
    gate = make_gate(clock)
    talk(gate, 90.0, 99.9, db=-35.0)  # a fan, loud enough to be above the floor
    clock.set(100.0)
    assert gate.wait() is True
    talk(gate, 100.0, 101.0, db=-15.0)
    thread, result = waiting_in_thread(gate)
    until(lambda: gate.waiting)
    clock.set(101.0 + QUIET_S)
    thread.join(WAIT_S)
    assert result == [True]


def test_without_a_microphone_it_never_waits_and_says_so_once(clock: FakeClock) -> None:
    problems: list[str] = []
    gate = PauseGate(FedSource(fail="geen microfoon"), 8.0, clock=clock, on_problem=problems.append)
    with gate:
        until(lambda: bool(problems))
        assert gate.wait() is False
    assert len(problems) == 1 and "geen microfoon" in problems[0]


def test_a_gate_that_waits_for_nothing_is_not_opened() -> None:
    from facilitator.speech.pause import open_pause_gate

    assert open_pause_gate(None, 0, lambda _m: None) is None


@pytest.fixture
def outputs() -> Iterator[list[AudioOutput]]:
    made: list[AudioOutput] = []
    yield made
    for output in made:
        output.close(timeout=0.5)


def test_the_output_waits_for_a_pause_before_a_cue_only(
    clock: FakeClock, outputs: list[AudioOutput]
) -> None:
    gate = make_gate(clock)
    talk(gate, 95.0, 100.0)
    synthesizer, player = ListSynthesizer(), ListPlayer()
    output = AudioOutput(synthesizer, player, lambda _m: None, clock=clock, pause_gate=gate)
    outputs.append(output)
    output.play("turn_ending", 0)  # a soft cue inside a turn: never held back
    until(lambda: len(player.played) == 1)
    output.play("turn", 0)
    output.say("Dank je. Bram, jij.", 0)
    until(lambda: gate.waiting)
    assert played(synthesizer, player) == ["<turn_ending>"]
    clock.set(100.0 + QUIET_S)
    assert output.wait_idle(WAIT_S)
    assert played(synthesizer, player) == ["<turn_ending>", "<turn>", "Dank je. Bram, jij."]


def test_a_superseded_cue_stops_waiting(clock: FakeClock, outputs: list[AudioOutput]) -> None:
    gate = make_gate(clock)
    talk(gate, 95.0, 100.0)
    synthesizer, player = ListSynthesizer(), ListPlayer()
    output = AudioOutput(synthesizer, player, lambda _m: None, clock=clock, pause_gate=gate)
    outputs.append(output)
    output.play("warning", 0)
    until(lambda: gate.waiting)
    output.supersede(1)
    output.say("Stap twee.", 1)
    assert output.wait_idle(WAIT_S)
    assert played(synthesizer, player) == ["Stap twee."]


# --- in the virtual room -------------------------------------------------------------


class StampingPlayer:
    """The real player, noting when each sound starts."""

    def __init__(self, clock: MonotonicClock) -> None:
        self.player = SoundDevicePlayer()
        self.clock = clock
        self.started: list[float] = []

    def play(self, sound: Sound, cancel: threading.Event | None = None) -> None:
        self.started.append(self.clock.now())
        self.player.play(sound, cancel)


def table_talk(rate: int) -> npt.NDArray[np.float32]:
    """Half a second of silence, 3 s of talk, a 2 s pause, 4 s of talk. The talk is
    syllables of 0.22 s with gaps of 0.08 s between them, like speech."""
    syllable = 0.3 * np.sin(np.arange(round(0.22 * rate)) * 2 * np.pi * 220 / rate)
    gap = np.zeros(round(0.08 * rate))

    def talking(seconds: float) -> npt.NDArray[np.float64]:
        return np.concatenate([np.concatenate([syllable, gap])] * round(seconds / 0.3))

    parts = [np.zeros(rate // 2), talking(3.0), np.zeros(2 * rate), talking(4.0)]
    return np.concatenate(parts).astype(np.float32)


def talk_spans(levels: list[tuple[float, float, float]]) -> list[tuple[float, float]]:
    """(start, end) of each stretch of talk in the levels heard, gaps under 0.5 s joined."""
    spans: list[tuple[float, float]] = []
    for start, end, level in levels:
        if level < -40:
            continue
        if spans and start - spans[-1][1] < 0.5:
            spans[-1] = (spans[-1][0], end)
        else:
            spans.append((start, end))
    return spans


@pytest.mark.room
def test_in_the_room_the_cue_starts_in_the_pause_at_the_table(room: Room) -> None:
    clock = MonotonicClock()
    problems: list[str] = []
    heard: list[tuple[float, float, float]] = []  # what a second microphone heard
    stop = threading.Event()
    with room.table() as table:
        with table.microphone():
            gate = PauseGate(MicrophoneSource(None, clock), 8.0, clock=clock).start()
            assert gate.wait_listening(WAIT_S), "the table's microphone delivers nothing"
            truth = MicrophoneSource(None, clock).open()

        def listen() -> None:
            while not stop.is_set():
                block = truth.read(0.05)
                if block is not None:
                    heard.append((block.time, block.end, block.level_db))

        listener = threading.Thread(target=listen, daemon=True)
        listener.start()
        player = StampingPlayer(clock)
        output = AudioOutput(None, player, problems.append, clock=clock, pause_gate=gate)
        try:
            table.play(table_talk(Table.RATE))
            until(lambda: talk_spans(heard) and heard[-1][1] - talk_spans(heard)[0][0] > 1.0)
            queued = clock.now()  # a turn change falls due while someone is talking
            output.play("turn", 0)
            assert output.wait_idle(15.0)
            until(lambda: len(talk_spans(heard)) >= 2, timeout=15.0)
        finally:
            output.close()
            gate.stop()
            stop.set()
            listener.join(2.0)
            truth.close()
    first, second = talk_spans(heard)[:2]
    (started,) = player.started
    assert problems == []
    assert started - queued > 0.5, "it spoke over the talk"
    assert first[1] + QUIET_S - 0.2 <= started <= second[0], (first, second, started)
