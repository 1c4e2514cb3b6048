"""The output the session runner speaks through: queueing, generations, degrading.

The queueing rules are tested with a player and a synthesizer made from plain lists
and events, so that each test decides exactly when a sound ends; the tests at the
end run the real thing in the virtual room.
"""

from __future__ import annotations

import dataclasses
import queue
import threading
import time
from collections.abc import Iterator

import numpy as np
import pytest
from room import Room, match

from facilitator.errors import AudioError, SpeechError
from facilitator.lang import t
from facilitator.meeting.clock import FakeClock
from facilitator.speech.audio import SOUND_NAMES, Sound, SoundDevicePlayer, load_sound
from facilitator.speech.output import (
    AudioOutput,
    OutputCall,
    RecordingOutput,
    SilentOutput,
    open_output,
    say_once,
)

WAIT_S = 5.0


class ListSynthesizer:
    """Makes a distinct little Sound per text and remembers which is which."""

    def __init__(self, failing: tuple[str, ...] = (), gate: threading.Event | None = None):
        self.made: list[tuple[Sound, str]] = []
        self.failing = failing
        self.gate = gate

    def synthesize(self, text: str) -> Sound:
        if self.gate is not None:
            assert self.gate.wait(WAIT_S)
        if text in self.failing:
            raise SpeechError("kapotte stem")
        sound = Sound(np.zeros(100, dtype=np.float32), 22050)
        self.made.append((sound, text))
        return sound

    def name_of(self, sound: Sound) -> str:
        for made, text in self.made:
            if made is sound:
                return text
        for name in SOUND_NAMES:
            if load_sound(name) is sound:
                return f"<{name}>"
        raise AssertionError("a sound nobody made")


class ListPlayer:
    """Plays nothing: it notes each sound and, when gated, holds on to it until the test
    lets it go (``release``) or the sound is cancelled."""

    def __init__(self, gated: bool = False) -> None:
        self.gated = gated
        self.started: queue.Queue[Sound] = queue.Queue()
        self.played: list[tuple[Sound, bool]] = []  # (sound, played to the end)
        self.broken = False
        self.attempts = 0
        self._permits = threading.Semaphore(0)
        self._stop = threading.Event()

    def release(self, count: int = 1) -> None:
        for _ in range(count):
            self._permits.release()

    def stop(self) -> None:
        self._stop.set()

    def play(self, sound: Sound, cancel: threading.Event | None = None) -> None:
        self.attempts += 1
        if self.broken:
            raise AudioError("De luidspreker is weg.")
        if cancel is not None and cancel.is_set():
            return
        self._stop.clear()
        self.started.put(sound)
        completed = True
        if self.gated:
            while not self._permits.acquire(timeout=0.005):
                if self._stop.is_set() or (cancel is not None and cancel.is_set()):
                    completed = False
                    break
        self.played.append((sound, completed))


_made: list[AudioOutput] = []


@pytest.fixture(autouse=True)
def _close_outputs() -> Iterator[None]:
    """Stops the worker threads of every output a test made."""
    yield
    while _made:
        _made.pop().close(timeout=0.5)


def make_output(
    synthesizer: ListSynthesizer | None = None,
    player: ListPlayer | None = None,
    clock: FakeClock | None = None,
) -> tuple[AudioOutput, ListSynthesizer, ListPlayer, list[str]]:
    synthesizer = synthesizer or ListSynthesizer()
    player = player or ListPlayer()
    problems: list[str] = []
    output = AudioOutput(synthesizer, player, problems.append, clock=clock or FakeClock())
    _made.append(output)
    return output, synthesizer, player, problems


def played(synthesizer: ListSynthesizer, player: ListPlayer) -> list[str]:
    return [synthesizer.name_of(sound) for sound, completed in player.played if completed]


def test_say_returns_at_once_and_the_worker_plays_in_order() -> None:
    output, synthesizer, player, _ = make_output(player=ListPlayer(gated=True))
    started = time.monotonic()
    output.say("Welkom.", 1)
    output.say("Stap één.", 1)
    assert time.monotonic() - started < 0.05
    assert synthesizer.name_of(player.started.get(timeout=WAIT_S)) == "Welkom."
    assert output.busy()
    player.release(2)
    assert output.wait_idle(WAIT_S)
    assert played(synthesizer, player) == ["Welkom.", "Stap één."]


def test_say_does_not_wait_for_slow_synthesis() -> None:
    gate = threading.Event()
    output, synthesizer, player, _ = make_output(synthesizer=ListSynthesizer(gate=gate))
    started = time.monotonic()
    output.say("Dit duurt even.", 1)
    output.play("turn", 1)
    assert time.monotonic() - started < 0.05
    gate.set()
    assert output.wait_idle(WAIT_S)
    assert played(synthesizer, player) == ["Dit duurt even.", "<turn>"]


def test_speech_and_chimes_keep_their_order() -> None:
    output, synthesizer, player, _ = make_output()
    output.play("step", 1)
    output.say("Stap twee: vragen stellen.", 1)
    output.play("turn", 1)
    output.say("Anna, jouw beurt.", 1)
    output.play("command", 1)
    assert output.wait_idle(WAIT_S)
    assert played(synthesizer, player) == [
        "<step>",
        "Stap twee: vragen stellen.",
        "<turn>",
        "Anna, jouw beurt.",
        "<command>",
    ]


def test_supersede_drops_stale_items_and_cuts_the_playing_one() -> None:
    output, synthesizer, player, _ = make_output(player=ListPlayer(gated=True))
    output.say("Stap één duurt tien minuten.", 1)
    assert synthesizer.name_of(player.started.get(timeout=WAIT_S)) == "Stap één duurt tien minuten."
    output.say("Nog twee minuten.", 1)
    output.play("warning", 1)
    output.say("Stap twee.", 2)
    output.supersede(2)
    output.say("Te laat voor stap één.", 1)  # older than the generation: dropped
    assert synthesizer.name_of(player.started.get(timeout=WAIT_S)) == "Stap twee."
    player.release()
    assert output.wait_idle(WAIT_S)
    outcome = [(synthesizer.name_of(sound), completed) for sound, completed in player.played]
    assert outcome == [("Stap één duurt tien minuten.", False), ("Stap twee.", True)]


def test_supersede_keeps_current_and_newer_generations() -> None:
    output, synthesizer, player, _ = make_output(player=ListPlayer(gated=True))
    output.say("Eén.", 3)
    player.started.get(timeout=WAIT_S)
    output.say("Twee.", 4)
    output.supersede(3)
    player.release(2)
    assert output.wait_idle(WAIT_S)
    assert played(synthesizer, player) == ["Eén.", "Twee."]


def test_outdate_skips_what_is_waiting_from_earlier_moments_but_not_what_plays() -> None:
    """Speech that lags behind the clock (a rehearsal at high speed) catches up."""
    output, synthesizer, player, _ = make_output(player=ListPlayer(gated=True))
    output.say("Stap één duurt tien minuten.", 0, at=0.0)
    assert synthesizer.name_of(player.started.get(timeout=WAIT_S)) == "Stap één duurt tien minuten."
    output.play("turn", 0, at=10.0)
    output.say("Anna, jouw beurt.", 0, at=10.0)
    output.play("turn", 0, at=20.0)
    output.say("Bram, jouw beurt.", 0, at=20.0)
    output.outdate(20.0)
    player.release(3)
    assert output.wait_idle(WAIT_S)
    outcome = [(synthesizer.name_of(sound), completed) for sound, completed in player.played]
    assert outcome == [
        ("Stap één duurt tien minuten.", True),
        ("<turn>", True),
        ("Bram, jouw beurt.", True),
    ]


def test_recording_output_notes_moments_and_outdates() -> None:
    output = RecordingOutput()
    output.say("Stap twee.", 1, at=60.0)
    output.outdate(60.0)
    assert output.calls == [
        OutputCall("say", "Stap twee.", 1, 60.0),
        OutputCall("outdate", None, 0, 60.0),
    ]


def test_a_sentence_that_cannot_be_spoken_becomes_a_chime_reported_once() -> None:
    synthesizer = ListSynthesizer(failing=("Onuitspreekbaar.", "Ook niet."))
    output, _, player, problems = make_output(synthesizer=synthesizer)
    output.say("Onuitspreekbaar.", 1)
    output.say("Ook niet.", 1)
    output.say("Dit wel.", 1)
    assert output.wait_idle(WAIT_S)
    assert played(synthesizer, player) == ["<notice>", "<notice>", "Dit wel."]
    assert len(problems) == 1
    assert "kapotte stem" in problems[0]


class CrashingSynthesizer(ListSynthesizer):
    def synthesize(self, text: str) -> Sound:
        raise RuntimeError("onverwacht")


class CrashingPlayer(ListPlayer):
    def play(self, sound: Sound, cancel: threading.Event | None = None) -> None:
        self.attempts += 1
        raise RuntimeError("onverwacht")


def test_unexpected_errors_do_not_silence_the_output() -> None:
    clock = FakeClock()
    output, _, _, problems = make_output(synthesizer=CrashingSynthesizer(), clock=clock)
    output.say("Eén.", 1)
    assert output.wait_idle(WAIT_S)
    assert len(problems) == 1 and "onverwacht" in problems[0]

    player = CrashingPlayer()
    output, _, _, problems = make_output(player=player, clock=clock)
    output.play("turn", 1)
    assert output.wait_idle(WAIT_S)
    clock.jump(10)
    output.play("turn", 1)
    assert output.wait_idle(WAIT_S)
    assert player.attempts == 2  # the worker lived on and tried again
    assert len(problems) == 1


def test_without_a_synthesizer_every_sentence_is_a_chime() -> None:
    player = ListPlayer()
    problems: list[str] = []
    output = AudioOutput(None, player, problems.append, clock=FakeClock())
    _made.append(output)
    output.say("Welkom.", 1)
    output.play("turn", 1)
    assert output.wait_idle(WAIT_S)
    assert played(ListSynthesizer(), player) == ["<notice>", "<turn>"]
    assert problems == []  # open_output said so already


def test_empty_text_is_not_queued() -> None:
    output, _, player, problems = make_output()
    output.say("  ", 1)
    assert output.wait_idle(WAIT_S)
    assert player.played == [] and problems == []


def test_a_failing_device_is_reported_once_and_tried_again_every_few_seconds() -> None:
    clock = FakeClock()
    output, synthesizer, player, problems = make_output(clock=clock)
    player.broken = True
    output.say("Welkom.", 1)
    assert output.wait_idle(WAIT_S)
    assert player.attempts == 1
    assert len(problems) == 1
    assert "De luidspreker is weg." in problems[0]

    output.say("Stap één.", 1)  # within the retry interval: dropped without a try
    output.play("turn", 1)
    assert output.wait_idle(WAIT_S)
    assert player.attempts == 1
    assert not output.busy()

    clock.jump(5.0)
    output.say("Nog steeds weg?", 1)
    assert output.wait_idle(WAIT_S)
    assert player.attempts == 2
    assert len(problems) == 1  # still only the one message

    clock.jump(5.0)
    player.broken = False
    output.say("Terug.", 1)
    output.say("En dit ook.", 1)
    assert output.wait_idle(WAIT_S)
    assert played(synthesizer, player) == ["Terug.", "En dit ook."]
    assert problems[1:] == [t("audio.device_back")]  # one word that it works again


def test_busy_lasts_a_short_tail_after_the_last_sound() -> None:
    clock = FakeClock()
    output, _, _, _ = make_output(clock=clock)
    assert not output.busy()
    output.say("Jouw beurt.", 1)
    assert output.wait_idle(WAIT_S)
    assert output.busy()
    clock.jump(0.3)
    assert output.busy()
    clock.jump(0.4)
    assert not output.busy()


def test_close_plays_what_is_queued_then_stops() -> None:
    output, synthesizer, player, _ = make_output()
    output.say("Dank jullie wel.", 1)
    output.play("time_up", 1)
    output.close(timeout=WAIT_S)
    assert played(synthesizer, player) == ["Dank jullie wel.", "<time_up>"]
    output.say("Na het einde.", 1)
    assert output.wait_idle(WAIT_S)
    assert played(synthesizer, player) == ["Dank jullie wel.", "<time_up>"]


def test_close_does_not_wait_forever_for_a_stuck_sound() -> None:
    output, _, player, _ = make_output(player=ListPlayer(gated=True))
    output.say("Dit blijft hangen.", 1)
    player.started.get(timeout=WAIT_S)
    started = time.monotonic()
    output.close(timeout=0.1)
    assert time.monotonic() - started < 2.0
    assert player.played and player.played[0][1] is False


def test_recording_output_keeps_what_it_was_asked() -> None:
    output = RecordingOutput()
    output.play("step", 1)
    output.say("Stap één.", 1)
    output.supersede(2)
    assert output.calls == [
        OutputCall("play", "step", 1),
        OutputCall("say", "Stap één.", 1),
        OutputCall("supersede", None, 2),
    ]
    assert output.said == ["Stap één."]
    assert output.played == ["step"]
    assert not output.busy()
    output.speaking = True
    assert output.busy()
    output.close()
    assert output.closed


def test_silent_output_does_nothing() -> None:
    output = SilentOutput()
    output.say("Niemand hoort dit.", 1)
    output.play("turn", 1)
    output.supersede(2)
    assert not output.busy()
    assert output.wait_idle(0)
    output.close()


# --- the real thing, in the virtual room ---


def speech_energy(samples: np.ndarray) -> float:  # type: ignore[type-arg]
    return float(np.sqrt(np.mean(samples.astype(np.float64) ** 2))) if len(samples) else 0.0


@pytest.mark.room
@pytest.mark.espeak
def test_open_output_speaks_and_chimes_into_the_room(room: Room) -> None:
    problems: list[str] = []
    output = open_output(None, None, None, "nl", problems.append)
    assert isinstance(output, AudioOutput)
    with room.recording() as recording:
        output.play("turn", 1)
        output.say("Anna, jouw beurt.", 1)
        assert output.wait_idle(WAIT_S)
        recording.listen_on(0.3)
    output.close()
    heard = recording.samples
    assert problems == []
    assert match(heard, load_sound("turn").samples) > 0.9
    chime_end = round(load_sound("turn").duration_s * recording.rate)
    assert speech_energy(heard[chime_end:]) > 0.02  # the sentence after the chime


@pytest.mark.room
def test_open_output_without_a_voice_plays_chimes_and_says_so_once(room: Room) -> None:
    problems: list[str] = []
    output = open_output(None, None, None, "xx", problems.append)
    assert isinstance(output, AudioOutput)
    with room.recording() as recording:
        output.say("Geen stem voor deze taal.", 1)
        output.say("Nog een zin.", 1)
        assert output.wait_idle(WAIT_S)
        recording.listen_on(0.3)
    output.close()
    assert len(problems) == 1
    assert "'xx'" in problems[0]
    assert match(recording.samples, load_sound("notice").samples) > 0.9


@pytest.mark.room
def test_open_output_without_a_device_says_so_once_and_keeps_trying() -> None:
    problems: list[str] = []
    clock = FakeClock()
    output = open_output(
        "geen-luidspreker-met-deze-naam", None, None, "nl", problems.append, clock=clock
    )
    assert isinstance(output, AudioOutput)
    _made.append(output)
    output.play("turn", 1)
    assert output.wait_idle(WAIT_S)
    clock.jump(5.0)
    output.play("turn", 1)
    assert output.wait_idle(WAIT_S)
    assert len(problems) == 1
    assert "geen-luidspreker-met-deze-naam" in problems[0]


@pytest.mark.room
def test_a_device_that_vanishes_during_a_session_gives_one_message() -> None:
    player = SoundDevicePlayer()
    player.device = dataclasses.replace(player.device, index=999)  # unplugged
    problems: list[str] = []
    output = AudioOutput(None, player, problems.append, clock=FakeClock())
    _made.append(output)
    output.play("turn", 1)
    output.play("step", 1)
    assert output.wait_idle(WAIT_S)
    output.close()
    assert len(problems) == 1


@pytest.mark.room
@pytest.mark.espeak
def test_say_once_speaks_one_sentence_into_the_room(room: Room) -> None:
    with room.recording() as recording:
        say_once("Dit is een test van de luidspreker.")
        recording.listen_on(0.2)
    assert speech_energy(recording.samples) > 0.02
    with pytest.raises(SpeechError):
        say_once("   ")
    with pytest.raises(AudioError):
        say_once("Hallo.", device="geen-luidspreker-met-deze-naam")


@pytest.mark.room
@pytest.mark.espeak
def test_an_unknown_configured_voice_gives_the_languages_own_and_says_so_once(
    room: Room,
) -> None:
    problems: list[str] = []
    output = open_output(None, None, None, "nl", problems.append, voice="geen-stem-zo")
    try:
        assert isinstance(output, AudioOutput)
        with room.recording() as recording:
            output.say("Anna, jouw beurt.", 1)
            assert output.wait_idle(WAIT_S)
            recording.listen_on(0.3)
        assert speech_energy(recording.samples) > 0.02
        assert match(recording.samples, load_sound("notice").samples) < 0.5  # not a chime
    finally:
        output.close()
    assert len(problems) == 1
    assert "geen-stem-zo" in problems[0] and "Nu spreekt de stem Dutch" in problems[0]
