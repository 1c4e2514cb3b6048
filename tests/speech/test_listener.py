"""The listening pipeline: audio sources, resampling, and the Listener's judgement.

The recogniser here is a stand-in made of plain arithmetic (``EnergyRecognizer``):
a stretch of sound is an utterance, closed by half a second of quiet as vosk closes
one, and a list says which words it "hears" in each. Everything around it is real:
speech from espeak-ng, WAV files, and the microphone of the virtual room.
"""

from __future__ import annotations

import contextlib
import itertools
import math
import subprocess
import threading
import time
import wave
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from room import Room

from facilitator.errors import AudioError, ModelError
from facilitator.lang import get_pack
from facilitator.meeting.clock import Clock, FakeClock, MonotonicClock
from facilitator.meeting.commands import Command, CommandKind
from facilitator.speech.audio import Sound, SoundDevicePlayer
from facilitator.speech.listener import (
    Block,
    BlockStream,
    EndOfStream,
    Listener,
    MicrophoneSource,
    StreamResampler,
    WavSource,
    from_pcm16,
)
from facilitator.speech.matcher import (
    MatchSettings,
    Reason,
    RecognitionResult,
    Rejection,
    Word,
    phrase_table,
)
from facilitator.speech.output import open_output
from facilitator.speech.recognizer import SAMPLE_RATE
from facilitator.speech.tts import EspeakSynthesizer

SETTINGS = MatchSettings(phrase_table(get_pack("nl")))
WAIT_S = 10.0  # real seconds a room test waits for something that should come much sooner


# --- a recogniser made of plain arithmetic -------------------------------------------


class EnergyRecognizer:
    """Finds utterances by their loudness and 'hears' in the n-th one ``says(n)``.

    Times are on the listener's clock: ``offset`` plus the audio fed, like
    ``CommandRecognizer``.
    """

    FRAME = SAMPLE_RATE // 100  # 10 ms

    def __init__(
        self,
        offset: float,
        says: Callable[[int], Sequence[str]],
        *,
        threshold_db: float = -45.0,
        silence_s: float = 0.5,
        conf: float = 1.0,
    ) -> None:
        self.offset = offset
        self.says = says
        self.threshold = 10 ** (threshold_db / 20)
        self.silence_s = silence_s
        self.conf = conf
        self.fed = 0
        self.start: float | None = None
        self.end = 0.0
        self.count = 0

    def feed(self, pcm: bytes) -> RecognitionResult | None:
        samples = from_pcm16(pcm)
        result = None
        for i in range(0, len(samples), self.FRAME):
            frame = samples[i : i + self.FRAME]
            at = self.offset + (self.fed + i) / SAMPLE_RATE
            if math.sqrt(float(np.mean(frame.astype(np.float64) ** 2))) > self.threshold:
                self.start = at if self.start is None else self.start
                self.end = at + len(frame) / SAMPLE_RATE
            elif self.start is not None and at - self.end >= self.silence_s:
                result = self._close(at)
        self.fed += len(samples)
        return result

    def flush(self) -> RecognitionResult | None:
        if self.start is None:
            return None
        return self._close(self.offset + self.fed / SAMPLE_RATE)

    def _close(self, audio_end: float) -> RecognitionResult:
        assert self.start is not None
        words = list(self.says(self.count))
        self.count += 1
        span = (self.end - self.start) / max(1, len(words))
        heard = tuple(
            Word(text, self.conf, self.start + i * span, self.start + (i + 1) * span)
            for i, text in enumerate(words)
        )
        self.start = None
        return RecognitionResult(heard, audio_end)


def always(*words: str) -> Callable[[int], Sequence[str]]:
    return lambda _n: words


class Heard:
    """Collects what a listener hands out, and lets a test wait for it (real time)."""

    def __init__(self) -> None:
        self.commands: list[Command] = []
        self.rejections: list[Rejection] = []
        self.problems: list[str] = []
        self.levels: list[float] = []
        self.offsets: list[float] = []
        self._changed = threading.Condition()

    def _add(self, items: list[Any], item: object) -> None:
        with self._changed:
            items.append(item)
            self._changed.notify_all()

    def command(self, command: Command, confidence: float) -> None:
        self._add(self.commands, command)

    def rejection(self, rejection: Rejection, confidence: float) -> None:
        self._add(self.rejections, rejection)

    def problem(self, message: str) -> None:
        self._add(self.problems, message)

    def level(self, db: float) -> None:
        self._add(self.levels, db)

    def wait_for(self, condition: Callable[[], bool], timeout: float = WAIT_S) -> None:
        """Waits until ``condition`` holds; it is looked at on every callback, and every
        20 ms for what changes without one (the listener's own state)."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while not condition():
                if time.monotonic() > deadline:
                    raise AssertionError("the listener did not get there in time")
                self._changed.wait(0.02)


def listener(
    source: object,
    heard: Heard,
    says: Callable[[int], Sequence[str]] | None = None,
    *,
    clock: Clock,
    busy: Callable[[], bool] | None = None,
    settings: MatchSettings = SETTINGS,
    **options: float,
) -> Listener:
    def recognizer(offset: float) -> EnergyRecognizer:
        heard.offsets.append(offset)
        return EnergyRecognizer(offset, says or always("volgende", "stap"))

    return Listener(
        source,  # type: ignore[arg-type]
        recognizer,
        settings,
        on_command=heard.command,
        on_rejection=heard.rejection,
        on_problem=heard.problem,
        on_level=heard.level,
        busy=busy,
        clock=clock,
        **options,
    )


# --- audio to listen to ---------------------------------------------------------------


@pytest.fixture(scope="module")
def next_step(espeak: EspeakSynthesizer) -> Sound:
    """The chair saying "volgende stap", as espeak-ng says it (22050 Hz)."""
    return espeak.synthesize("volgende stap")


def compose(rate: int, *parts: Sound | float) -> Sound:
    """Sounds and seconds of silence, one after the other."""
    pieces = [
        part.resampled(rate).samples
        if isinstance(part, Sound)
        else np.zeros(round(part * rate), dtype=np.float32)
        for part in parts
    ]
    return Sound(np.concatenate(pieces).astype(np.float32), rate)


def write_wav(path: Path, sound: Sound) -> Path:
    with wave.open(str(path), "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(sound.rate)
        wav.writeframes((np.clip(sound.samples, -1, 1) * 32767).astype("<i2").tobytes())
    return path


def tone(frequency: float, seconds: float, rate: int, amplitude: float = 0.3) -> np.ndarray:  # type: ignore[type-arg]
    t = np.arange(round(seconds * rate)) / rate
    return (amplitude * np.sin(2 * np.pi * frequency * t)).astype(np.float32)


def peak_frequency(samples: np.ndarray, rate: int) -> float:  # type: ignore[type-arg]
    spectrum = np.abs(np.fft.rfft(samples * np.hanning(len(samples))))
    return float(np.fft.rfftfreq(len(samples), 1 / rate)[int(np.argmax(spectrum))])


# --- resampling and blocks -------------------------------------------------------------


@pytest.mark.parametrize("rate", [48_000, 44_100, 22_050, 8_000])
def test_resampling_in_blocks_equals_resampling_at_once(rate: int) -> None:
    samples = np.random.default_rng(1).uniform(-0.5, 0.5, rate).astype(np.float32)
    whole = StreamResampler(rate, SAMPLE_RATE).process(samples)
    pieces = StreamResampler(rate, SAMPLE_RATE)
    sizes = [1, 7, 441, 1000, 4800, 3]
    parts, at = [], 0
    while at < len(samples):
        size = sizes[len(parts) % len(sizes)]
        parts.append(pieces.process(samples[at : at + size]))
        at += size
    blocked = np.concatenate(parts)
    assert len(blocked) == len(whole)
    assert abs(len(whole) - SAMPLE_RATE) <= 2
    np.testing.assert_allclose(blocked, whole, atol=1e-5)


@pytest.mark.parametrize("rate", [48_000, 44_100, 8_000])
def test_resampling_keeps_the_pitch(rate: int) -> None:
    out = StreamResampler(rate, SAMPLE_RATE).process(tone(1000, 1.0, rate))
    assert peak_frequency(out, SAMPLE_RATE) == pytest.approx(1000, abs=5)


def test_resampling_down_does_not_fold_high_sounds_into_speech() -> None:
    hiss = tone(12_000, 1.0, 48_000)  # above what 16 kHz can hold: would come back at 4 kHz
    out = StreamResampler(48_000, SAMPLE_RATE).process(hiss)
    assert float(np.sqrt(np.mean(out[100:] ** 2))) < 0.01 * 0.3


def test_block_level_in_db() -> None:
    loud = Block(bytes((tone(440, 0.1, SAMPLE_RATE, 1.0) * 32767).astype("<i2").tobytes()), 0.0)
    assert loud.level_db == pytest.approx(-3.0, abs=0.1)
    assert Block(bytes(3200), 0.0).level_db == -120.0
    assert loud.duration_s == pytest.approx(0.1)


@pytest.mark.espeak
def test_a_wav_file_comes_in_blocks_on_its_own_clock(tmp_path: Path, next_step: Sound) -> None:
    path = write_wav(tmp_path / "said.wav", compose(next_step.rate, 0.5, next_step, 0.5))
    source = WavSource(path, start=100.0)
    stream = source.open()
    blocks: list[Block] = []
    with pytest.raises(EndOfStream):
        while True:
            block = stream.read(0.1)
            assert block is not None
            blocks.append(block)
            assert source.clock.now() == pytest.approx(block.end)
    assert blocks[0].time == 100.0
    for before, after in itertools.pairwise(blocks):
        assert after.time == pytest.approx(before.end)
        assert before.duration_s == pytest.approx(0.1)
    assert blocks[-1].end - 100.0 == pytest.approx(source.duration_s, abs=1e-3)
    # Resampled from espeak-ng's 22050 Hz: the speech is still there, loud in the middle.
    assert max(block.level_db for block in blocks) > -30
    assert blocks[0].level_db < -100


# --- judging, with audio from files ------------------------------------------------------


def run_file(sound: Sound, heard: Heard, **options: object) -> Listener:
    source = WavSource(sound, start=1000.0)
    the_listener = listener(source, heard, clock=source.clock, **options)  # type: ignore[arg-type]
    the_listener.run()
    return the_listener


@pytest.mark.espeak
def test_a_command_said_on_its_own_is_accepted(next_step: Sound) -> None:
    heard = Heard()
    run_file(compose(next_step.rate, 1.0, next_step, 1.0), heard)
    assert heard.commands == [Command(CommandKind.NEXT_STEP, source="voice")]
    assert heard.rejections == []
    assert heard.offsets == [1000.0], "one recogniser, on the file's clock"


@pytest.mark.espeak
def test_other_speech_is_rejected_with_its_reason(next_step: Sound) -> None:
    heard = Heard()
    says = [("[unk]",), ("[unk]", "volgende", "stap")]
    run_file(
        compose(next_step.rate, 1.0, next_step, 1.0, next_step, 1.0),
        heard,
        says=lambda n: says[n],
    )
    assert heard.commands == []
    assert heard.rejections == [
        Rejection(Reason.NO_COMMAND),
        Rejection(Reason.UNK_AROUND, CommandKind.NEXT_STEP),
    ]


@pytest.mark.espeak
def test_cooldown_after_an_accepted_command(next_step: Sound) -> None:
    heard = Heard()
    slow = MatchSettings(SETTINGS.phrases, cooldown_s=3.0)
    # Each pause is long enough for a command to stand alone (0.8 s of silence before
    # it); the second command comes within the cooldown (3 s from one acceptance to the
    # next), the third well after it.
    sound = compose(next_step.rate, 1.0, next_step, 1.2, next_step, 2.5, next_step, 1.0)
    run_file(sound, heard, settings=slow)
    assert next_step.duration_s + 1.2 < slow.cooldown_s < 2 * next_step.duration_s + 3.7
    assert [command.kind for command in heard.commands] == [CommandKind.NEXT_STEP] * 2
    assert heard.rejections == [Rejection(Reason.COOLDOWN, CommandKind.NEXT_STEP)]


@pytest.mark.espeak
def test_nothing_is_accepted_while_the_facilitator_makes_sound(next_step: Sound) -> None:
    sound = compose(next_step.rate, 1.0, next_step, 2.0, next_step, 1.0)
    source = WavSource(sound, start=0.0)
    # The output is busy from 0.5 s to 3 s: the first "volgende stap" falls inside,
    # the second comes well after (own-speech margin and silence before included).
    heard = Heard()

    def busy() -> bool:
        return 0.5 <= source.clock.now() < 3.0

    listener(source, heard, clock=source.clock, busy=busy).run()
    assert heard.rejections == [Rejection(Reason.DURING_OWN_SPEECH)]
    assert [command.kind for command in heard.commands] == [CommandKind.NEXT_STEP]


class ScriptedStream:
    """Blocks from a list; an entry that is an exception is raised instead."""

    def __init__(self, items: list[Block | Exception]) -> None:
        self.items = items
        self.closed = False
        self.overflows = 0

    def read(self, timeout: float) -> Block | None:
        if not self.items:
            raise EndOfStream
        item = self.items.pop(0)
        if isinstance(item, Exception):
            raise item
        return item

    def close(self) -> None:
        self.closed = True


class ScriptedSource:
    """Opens the streams of a list one after the other; an exception fails an open."""

    name = "scripted"

    def __init__(self, *streams: ScriptedStream | Exception) -> None:
        self.streams = list(streams)
        self.opened: list[ScriptedStream] = []

    def open(self) -> BlockStream:
        item = self.streams.pop(0) if self.streams else AudioError("nothing left")
        if isinstance(item, Exception):
            raise item
        self.opened.append(item)
        return item


def silence_blocks(start: float, count: int) -> list[Block | Exception]:
    return [Block(bytes(3200), start + i * 0.1) for i in range(count)]


def test_audio_lost_on_the_way_starts_a_fresh_recogniser_on_the_clock() -> None:
    heard = Heard()
    blocks = silence_blocks(10.0, 5) + silence_blocks(20.0, 5)  # ten seconds went missing
    source = ScriptedSource(ScriptedStream(blocks))
    listener(source, heard, clock=FakeClock()).run()
    assert heard.offsets == [10.0, 20.0]


def test_a_failing_recogniser_turns_voice_control_off_with_one_message() -> None:
    heard = Heard()
    source = ScriptedSource(ScriptedStream(silence_blocks(0.0, 5)))

    def broken(offset: float) -> EnergyRecognizer:
        raise ModelError("de herkenner is kapot")

    Listener(source, broken, SETTINGS, on_command=heard.command, on_problem=heard.problem).run()
    assert len(heard.problems) == 1
    assert "kapot" in heard.problems[0]
    assert source.opened[0].closed


# --- device faults, with a clock that moves only when told ------------------------------


def test_a_microphone_lost_during_a_meeting_is_reported_once_and_retried() -> None:
    clock = FakeClock(50.0)
    heard = Heard()
    first = ScriptedStream([*silence_blocks(50.0, 3), AudioError("de microfoon is weg")])
    second = ScriptedStream([*silence_blocks(56.0, 3)])
    source = ScriptedSource(first, AudioError("nog steeds weg"), second)
    the_listener = listener(source, heard, clock=clock, retry_s=3.0).start()
    try:
        heard.wait_for(lambda: len(heard.problems) == 1)
        assert "de microfoon is weg" in heard.problems[0]
        assert first.closed and not the_listener.listening
        assert source.streams[0] is not None and len(source.opened) == 1, "no retry yet"
        clock.jump(3.0)  # the first retry: still missing, and nothing more is said
        heard.wait_for(lambda: len(source.streams) == 1)
        clock.jump(2.9)
        assert len(source.streams) == 1
        clock.jump(0.1)  # the second retry works
        heard.wait_for(lambda: len(heard.problems) == 2 and len(heard.levels) == 6)
    finally:
        the_listener.stop()
    assert "doet het weer" in heard.problems[1]


@pytest.mark.room
def test_a_microphone_that_is_not_there_is_reported_once_and_tried_again() -> None:
    clock = FakeClock()
    heard = Heard()
    source = MicrophoneSource("geen-microfoon-met-deze-naam", clock)
    opened: list[str] = []
    real_open = source.open

    def open_and_count() -> BlockStream:
        opened.append("try")
        return real_open()

    source.open = open_and_count  # type: ignore[method-assign]
    the_listener = listener(source, heard, clock=clock, retry_s=3.0).start()
    try:
        heard.wait_for(lambda: len(heard.problems) == 1)
        assert "geen-microfoon-met-deze-naam" in heard.problems[0]
        assert "Spraakbediening staat uit" in heard.problems[0]
        for tries in (2, 3):
            clock.jump(3.0)
            heard.wait_for(lambda tries=tries: len(opened) == tries)  # type: ignore[misc]
        source.device = None  # plugged in: the default input is the room's microphone
        clock.jump(3.0)
        heard.wait_for(lambda: len(heard.problems) == 2)
        assert the_listener.listening
    finally:
        the_listener.stop()
    assert "doet het weer" in heard.problems[1]


@contextlib.contextmanager
def spare_microphone(
    room: Room, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Callable[[bool], None]]:
    """A second microphone in the room, made the default: the monitor of a sink of
    its own, kept delivering by a silent stream. ``sound(False)`` suspends the sink,
    and the microphone falls silent; ``sound(True)`` brings it back."""
    env = room._env

    def pactl(*args: str) -> str:
        done = subprocess.run(
            ["pactl", *args], env=env, capture_output=True, text=True, check=True, timeout=10
        )
        return done.stdout.strip()

    module = pactl("load-module", "module-null-sink", "sink_name=spare")
    command = [
        "pacat", "--playback", "--raw", "--format=s16le", "--rate=16000",
        "--channels=1", "--latency-msec=20", "--device=spare", "/dev/zero",
    ]  # fmt: skip
    quiet = subprocess.DEVNULL
    player = subprocess.Popen(command, env=env, stdin=quiet, stdout=quiet, stderr=quiet)
    monkeypatch.setenv("PULSE_SOURCE", "spare.monitor")

    def sound(on: bool) -> None:
        pactl("suspend-sink", "spare", "0" if on else "1")

    try:
        yield sound
    finally:
        player.terminate()
        player.wait(5)
        pactl("unload-module", module)


@pytest.mark.room
def test_a_microphone_that_falls_silent_is_reported_once_and_reopened(
    room: Room, monkeypatch: pytest.MonkeyPatch
) -> None:
    clock = FakeClock()
    heard = Heard()
    with spare_microphone(room, monkeypatch) as sound:
        source = MicrophoneSource(None, clock, stall_s=2.0)
        the_listener = listener(source, heard, clock=clock, retry_s=3.0).start()
        try:
            heard.wait_for(lambda: len(heard.levels) > 3)
            sound(False)  # the microphone falls silent (a cable, a dead battery)
            seen = len(heard.levels)
            clock.jump(2.5)
            heard.wait_for(lambda: len(heard.problems) == 1)
            assert "geen geluid" in heard.problems[0]
            assert not the_listener.listening
            assert len(heard.levels) - seen < 10
            clock.jump(3.0)  # reopened, but still silent: nothing more is said
            heard.wait_for(lambda: the_listener.opened == 2)
            sound(True)
            heard.wait_for(lambda: len(heard.problems) == 2)
            assert "doet het weer" in heard.problems[1]
        finally:
            the_listener.stop()


# --- the room's microphone -----------------------------------------------------------


def read_blocks(stream: BlockStream, count: int) -> list[Block]:
    blocks: list[Block] = []
    while len(blocks) < count:
        block = stream.read(WAIT_S)
        assert block is not None, "the room's microphone delivers nothing"
        blocks.append(block)
    return blocks


@pytest.mark.room
def test_the_microphone_delivers_16_khz_blocks_on_the_clock() -> None:
    clock = MonotonicClock()
    source = MicrophoneSource(None, clock)
    stream = source.open()
    try:
        blocks = read_blocks(stream, 6)
        now = clock.now()
    finally:
        stream.close()
    assert all(len(block.pcm) == 2 * round(0.1 * SAMPLE_RATE) for block in blocks)
    assert all(later.time > earlier.time for earlier, later in itertools.pairwise(blocks))
    span = blocks[-1].time - blocks[0].time
    assert span == pytest.approx(0.5, abs=0.3)
    assert now - 0.5 < blocks[-1].end <= now + 0.01


@pytest.mark.room
def test_a_microphone_that_cannot_do_16_khz_is_resampled() -> None:
    source = MicrophoneSource(None, MonotonicClock(), rate=48_000)
    stream = source.open()
    try:
        SoundDevicePlayer().play(Sound(tone(1000, 0.5, 48_000), 48_000))
        blocks = read_blocks(stream, 6)
    finally:
        stream.close()
    assert all(len(block.pcm) == 2 * round(0.1 * SAMPLE_RATE) for block in blocks)
    audio = np.concatenate([from_pcm16(block.pcm) for block in blocks])
    loud = audio[np.abs(audio) > 0.05]
    assert len(loud) > SAMPLE_RATE // 8, "the tone came through"
    assert peak_frequency(audio, SAMPLE_RATE) == pytest.approx(1000, abs=10)


@pytest.mark.room
def test_overflows_are_counted_and_listening_goes_on() -> None:
    clock = MonotonicClock()
    heard = Heard()
    release = threading.Event()

    def slow_level(db: float) -> None:  # the listener falls behind once
        if not heard.levels:
            release.wait(WAIT_S)
        heard.level(db)

    source = MicrophoneSource(None, clock, queue_s=0.3)
    the_listener = listener(source, heard, clock=clock)
    the_listener._on_level = slow_level
    the_listener.start()
    try:
        heard.wait_for(lambda: the_listener.overflows > 0)
        release.set()
        heard.wait_for(lambda: len(heard.levels) > 5)
    finally:
        the_listener.stop()
    assert the_listener.overflows > 0
    assert heard.problems == []


@pytest.mark.room
@pytest.mark.espeak
def test_in_the_room_the_facilitator_does_not_command_itself(room: Room, next_step: Sound) -> None:
    """The facilitator announces the next step out loud; the recogniser hears
    "volgende stap" in it, and the listener does not take it. Then the chair says it."""
    problems: list[str] = []
    output = open_output(None, None, None, "nl", problems.append)
    heard = Heard()
    the_listener = listener(
        MicrophoneSource(None, MonotonicClock()), heard, clock=MonotonicClock(), busy=output.busy
    ).start()
    try:
        output.say("Nu de volgende stap.", 1)
        assert output.wait_idle(WAIT_S)
        heard.wait_for(lambda: len(heard.rejections) >= 1)
        assert heard.commands == []
        # The chair, a little later: a pause, then the command.
        SoundDevicePlayer().play(compose(next_step.rate, 1.2, next_step))
        heard.wait_for(lambda: len(heard.commands) == 1)
    finally:
        the_listener.stop()
        output.close()
    assert problems == []
    assert set(heard.rejections) == {Rejection(Reason.DURING_OWN_SPEECH)}
    assert heard.commands == [Command(CommandKind.NEXT_STEP, source="voice")]
