"""Voice control for a session, and ``facilitator listen``.

There is no Dutch vosk model here, so the model and the recogniser are stand-ins
made from plain lists (``WordList``, ``TimedRecognizer``); finding the model, the
background loading, the vocabulary check, the listener and its sources are real.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner
from imports import loaded_after
from modeltools import write_model
from rich.console import Console
from room import Room

from facilitator.errors import ModelError
from facilitator.lang import set_language
from facilitator.meeting.clock import Clock, FakeClock
from facilitator.meeting.commands import Command, CommandKind
from facilitator.meeting.sessionlog import read_log
from facilitator.room.config import RoomConfig
from facilitator.room.voice_control import (
    ModelReadiness,
    VoiceControl,
    VoiceState,
    check_model_readiness,
    start_voice_control,
)
from facilitator.speech.audio import Sound, SoundDevicePlayer
from facilitator.speech.listener import WavSource
from facilitator.speech.matcher import UNK, RecognitionResult, Word, phrase_table
from facilitator.speech.output import RecordingOutput, SilentOutput
from facilitator.speech.recognizer import SAMPLE_RATE, VoskModel
from facilitator.speech.tts import EspeakSynthesizer

Script = Sequence[tuple[float, Sequence[str] | tuple[Sequence[str], float]]]


class WordList:
    """A stand-in for a vosk model: only its word table."""

    def __init__(self, unknown: Sequence[str] = ()) -> None:
        self.unknown = set(unknown)

    def vosk_model_find_word(self, word: str) -> int:
        return -1 if word in self.unknown else 1


class TimedRecognizer:
    """Hears the words of a plain list at the clock times it gives, whatever the audio.

    ``script``: ``(start, words)`` or ``(start, (words, confidence))``; each word takes
    0.3 s, and the utterance is handed out half a second after its last word, as vosk
    does when the room falls quiet.
    """

    WORD_S = 0.3
    ENDPOINT_S = 0.5

    def __init__(self, offset: float, script: Script) -> None:
        self.offset = offset
        self.fed = 0
        self.waiting = sorted(script, key=lambda entry: entry[0])

    def feed(self, pcm: bytes) -> RecognitionResult | None:
        self.fed += len(pcm) // 2
        now = self.offset + self.fed / SAMPLE_RATE
        if self.waiting:
            start, said = self.waiting[0]
            words, conf = (said, 0.95) if not isinstance(said, tuple) else said
            end = start + self.WORD_S * len(words)
            if end + self.ENDPOINT_S <= now:
                self.waiting.pop(0)
                heard = tuple(
                    Word(word, conf, start + i * self.WORD_S, start + (i + 1) * self.WORD_S)
                    for i, word in enumerate(words)
                )
                return RecognitionResult(heard, now)
        return None

    def flush(self) -> RecognitionResult | None:
        return None


def silence(seconds: float) -> Sound:
    return Sound(np.zeros(round(seconds * SAMPLE_RATE), dtype=np.float32), SAMPLE_RATE)


@pytest.fixture(autouse=True)
def dutch() -> Iterator[None]:
    set_language("nl")
    yield
    set_language("nl")


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty data directory of our own, and no model named in the environment."""
    folder = tmp_path / "data"
    monkeypatch.setenv("FACILITATOR_DATA_DIR", str(folder))
    monkeypatch.delenv("FACILITATOR_MODEL", raising=False)
    return folder


@pytest.fixture
def installed(data_dir: Path) -> Path:
    """A model in the data directory (its files are only there for finding it)."""
    return write_model(data_dir / "models" / "vosk-model-small-nl-0.22")


class Session:
    """What voice control hands to a session: commands and messages."""

    def __init__(self) -> None:
        self.commands: list[Command] = []
        self.notices: list[str] = []
        self.grammars: list[list[str]] = []

    def submit(self, command: Command) -> None:
        self.commands.append(command)

    def notify(self, message: str) -> None:
        self.notices.append(message)


def start(
    session: Session,
    script: Script = (),
    *,
    config: RoomConfig | None = None,
    model: VoskModel | None = None,
    load: object = None,
    output: object = None,
    seconds: float = 6.0,
) -> VoiceControl:
    source = WavSource(silence(seconds))

    def make(model: VoskModel, grammar: Sequence[str], offset: float) -> TimedRecognizer:
        session.grammars.append(list(grammar))
        return TimedRecognizer(offset, script)

    return start_voice_control(
        config or RoomConfig(),
        output or SilentOutput(),  # type: ignore[arg-type]
        session.submit,
        session.notify,
        source.clock,
        source=source,
        load=load or (lambda path: model or WordList()),  # type: ignore[arg-type]
        make_recognizer=make,
    )


def finish(control: VoiceControl) -> None:
    """Waits until the control has listened to the whole file."""
    assert control.wait_settled(5.0)
    thread = control._thread
    if thread is not None:
        thread.join(5.0)
        assert not thread.is_alive()


def voice_threads() -> list[str]:
    return [thread.name for thread in threading.enumerate() if thread.name == "facilitator-voice"]


# --- no model ----------------------------------------------------------------------


def test_without_a_model_it_says_once_what_to_run_and_nothing_listens(data_dir: Path) -> None:
    session = Session()
    before = voice_threads()

    with start(session, [(1.0, ["volgende", "stap"])]) as control:
        assert control.state is VoiceState.OFF
        assert voice_threads() == before
    assert len(session.notices) == 1
    message = session.notices[0]
    assert "Spraakbediening staat uit" in message
    assert "facilitator model download" in message
    assert "--from" in message, "and how to install it without internet"
    assert str(data_dir / "models") in message
    assert session.commands == []


def test_a_configured_model_path_without_a_model_says_so_once(
    data_dir: Path, tmp_path: Path
) -> None:
    session = Session()
    control = start(session, config=RoomConfig(model_path=tmp_path / "nergens"))
    assert control.state is VoiceState.OFF
    assert len(session.notices) == 1
    assert str(tmp_path / "nergens") in session.notices[0]


def test_a_broken_model_is_one_message_and_the_session_goes_on(installed: Path) -> None:
    from facilitator.speech.recognizer import load_model

    session = Session()
    control = start(session, [(1.0, ["volgende", "stap"])], load=load_model)  # the real vosk
    finish(control)
    assert control.state is VoiceState.OFF
    assert len(session.notices) == 1
    assert "beschadigd" in session.notices[0]
    assert session.commands == []


def test_vosk_and_sounddevice_are_not_imported_to_start() -> None:
    importing = (
        "facilitator.room.voice_control",
        "facilitator.cli.listen",
        "facilitator.speech.listener",
    )
    assert loaded_after(importing, ("vosk", "sounddevice")) == []


# --- with a model ------------------------------------------------------------------


def test_loading_happens_in_the_background(installed: Path) -> None:
    session = Session()
    loading = threading.Event()
    release = threading.Event()

    def slow_load(path: Path) -> VoskModel:
        loading.set()
        assert release.wait(5.0)
        return WordList()

    control = start(session, [(1.0, ["volgende", "stap"])], load=slow_load)
    # start_voice_control has returned while the model is still loading.
    assert loading.wait(5.0)
    assert control.state is VoiceState.LOADING
    assert not control.wait_settled(0.0)
    release.set()
    finish(control)
    assert session.commands == [Command(CommandKind.NEXT_STEP, source="voice")]
    assert session.notices == []
    control.stop()


def test_stopped_while_loading_it_never_listens(installed: Path) -> None:
    session = Session()
    release = threading.Event()

    def slow_load(path: Path) -> VoskModel:
        assert release.wait(5.0)
        return WordList()

    control = start(session, [(1.0, ["volgende", "stap"])], load=slow_load)
    threading.Timer(0.05, release.set).start()
    control.stop(timeout=5.0)
    assert control.state is VoiceState.STOPPED
    assert control.listener is None
    assert session.commands == []


def test_commands_reach_the_session_and_other_speech_does_not(installed: Path) -> None:
    session = Session()
    script: Script = [
        (1.0, ["volgende", "stap"]),
        (3.0, [UNK, "pauze", UNK]),  # talking about a pause is not asking for one
        (5.0, ["nog", "twee", "minuten"]),
        (7.0, (["hoeveel", "tijd"], 0.5)),  # too unsure
    ]
    finish(start(session, script, seconds=9.0))
    assert session.commands == [
        Command(CommandKind.NEXT_STEP, source="voice"),
        Command(CommandKind.EXTEND, 2, source="voice"),
    ]
    assert session.notices == []


def test_room_settings_for_threshold_and_cooldown_are_used(installed: Path) -> None:
    session = Session()
    script: Script = [(1.0, (["pauze"], 0.6)), (3.0, ["verder"]), (4.5, ["pauze"])]
    config = RoomConfig(min_confidence=0.5, cooldown_s=5.0)
    finish(start(session, script, config=config, seconds=7.0))
    assert session.commands == [Command(CommandKind.PAUSE, source="voice")]


def test_a_wake_word_from_the_room_configuration(installed: Path) -> None:
    session = Session()
    script: Script = [(1.0, ["volgende", "stap"]), (4.0, ["computer", "volgende", "stap"])]
    finish(start(session, script, config=RoomConfig(wake_word="Computer"), seconds=7.0))
    assert session.commands == [Command(CommandKind.NEXT_STEP, source="voice")]
    assert "computer volgende stap" in session.grammars[0]


def test_nothing_is_taken_while_the_facilitator_speaks(installed: Path) -> None:
    session = Session()
    output = RecordingOutput()
    output.speaking = True
    finish(start(session, [(1.0, ["volgende", "stap"])], output=output))
    assert session.commands == []


def test_words_the_model_does_not_know_are_reported_once_and_left_out(installed: Path) -> None:
    session = Session()
    script: Script = [(1.0, ["voorbeeldvraag"]), (4.0, ["herhaal"])]
    model = WordList(unknown=["voorbeeldvraag"])
    finish(start(session, script, model=model, seconds=7.0))
    assert len(session.notices) == 1
    assert "voorbeeldvraag" in session.notices[0]
    assert all("voorbeeldvraag" not in phrase for phrase in session.grammars[0])
    assert session.commands == [Command(CommandKind.REPEAT, source="voice")]


def test_an_unknown_wake_word_turns_voice_control_off(installed: Path) -> None:
    session = Session()
    config = RoomConfig(wake_word="facilitator")
    control = start(session, config=config, model=WordList(unknown=["facilitator"]))
    finish(control)
    assert control.state is VoiceState.OFF
    assert len(session.notices) == 1
    assert "'facilitator'" in session.notices[0]


def wait_until(condition: Callable[[], bool], timeout: float = 5.0) -> None:
    """Looks at ``condition`` every 10 ms until it holds (real time)."""
    pause = threading.Event()
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "it did not happen in time"
        pause.wait(0.01)


def test_a_failing_microphone_is_one_message(installed: Path) -> None:
    session = Session()

    class NoMicrophone:
        name = "usb"

        def open(self) -> object:
            from facilitator.errors import AudioError

            raise AudioError("de microfoon 'usb' is er niet")

    control = start_voice_control(
        RoomConfig(),
        SilentOutput(),
        session.submit,
        session.notify,
        source=NoMicrophone(),  # type: ignore[arg-type]
        load=lambda path: WordList(),
    )
    try:
        assert control.wait_settled(5.0)
        assert control.state is VoiceState.LISTENING
        listener = control.listener
        assert listener is not None
        wait_until(lambda: bool(session.notices))
        assert not listener.listening
    finally:
        control.stop()
    assert len(session.notices) == 1
    assert "de microfoon 'usb' is er niet" in session.notices[0]


# --- facilitator listen -----------------------------------------------------------------


def test_listen_without_a_model_says_what_to_run(data_dir: Path) -> None:
    from facilitator.cli.listen import listen

    result = CliRunner().invoke(listen, [], obj={"config": RoomConfig()})
    assert result.exit_code == 1
    assert "facilitator model download" in result.output
    assert "--from" in result.output
    assert "Traceback" not in result.output


def test_listen_with_a_microphone_that_is_not_there(installed: Path) -> None:
    from facilitator.cli.listen import listen

    result = CliRunner().invoke(
        listen, ["--device", "geen-microfoon-met-deze-naam"], obj={"config": RoomConfig()}
    )
    assert result.exit_code == 1
    assert "Traceback" not in result.output


def test_listen_shows_what_it_recognises_and_why_it_ignores_the_rest(installed: Path) -> None:
    from facilitator.cli.listen import run_listen

    script: Script = [
        (1.0, ["volgende", "stap"]),
        (3.0, (["pauze"], 0.85)),
        (5.0, [UNK, "volgende", "stap"]),
        (7.0, [UNK]),
    ]
    source = WavSource(silence(9.0))
    console = Console(width=300, force_terminal=False, color_system=None, record=True)

    def clock_for(source: WavSource) -> Clock:
        return source.clock

    run_listen(
        RoomConfig(),
        console,
        threshold=0.9,
        source=source,
        load=lambda path: WordList(),
        make_recognizer=lambda model, grammar, offset: TimedRecognizer(offset, script),
        clock=clock_for(source),
    )
    shown = console.export_text()
    assert "✓ herkend: 'volgende stap' (zekerheid 0.95)" in shown
    assert (
        "✗ genegeerd: klonk als 'pauze', want de herkenning was niet zeker genoeg: "
        "de drempel staat op 0.90 (zekerheid 0.85)"
    ) in shown
    assert "want er werd meer gezegd dan alleen de opdracht (zekerheid 0.95)" in shown
    assert "✗ genegeerd: iets anders dan een opdracht, want het is geen opdracht\n" in shown
    assert "Drempel 0.90, wekwoord: geen." in shown


def test_the_level_bar_follows_the_microphone() -> None:
    from facilitator.cli.listen import BAR_WIDTH, _ListenScreen
    from facilitator.room.voice_control import command_settings

    screen = _ListenScreen(command_settings(WordList())[0])
    console = Console(width=100, force_terminal=False, color_system=None, record=True)

    def bar(db: float) -> str:
        screen.level(db)
        console.print(screen.render())
        line = console.export_text().splitlines()[-1]
        return line.split()[1]

    assert bar(-120.0).count("█") == 0
    assert bar(-30.0).count("█") == BAR_WIDTH // 2
    assert bar(0.0).count("█") == BAR_WIDTH


def test_load_errors_in_listen_are_clean(installed: Path) -> None:
    from facilitator.cli.listen import run_listen

    def broken(path: Path) -> VoskModel:
        raise ModelError("kapot model")

    with pytest.raises(ModelError, match="kapot model"):
        run_listen(RoomConfig(), Console(), source=WavSource(silence(1.0)), load=broken)


class SilenceCounter:
    """A recogniser stand-in that only counts the audio it was given."""

    def __init__(self, grammar: Sequence[str]) -> None:
        self.grammar = list(grammar)
        self.fed = 0
        self.flushed = False

    def feed(self, pcm: bytes) -> RecognitionResult | None:
        self.fed += len(pcm)
        return None

    def flush(self) -> RecognitionResult | None:
        self.flushed = True
        return None


def readiness(
    words: WordList, wake_word: str | None = None
) -> tuple[ModelReadiness, list[SilenceCounter]]:
    made: list[SilenceCounter] = []

    def make(model: VoskModel, grammar: Sequence[str], offset: float) -> SilenceCounter:
        made.append(SilenceCounter(grammar))
        return made[-1]

    ready = check_model_readiness(
        Path("/modellen/nl"),
        wake_word=wake_word,
        load=lambda path: words,
        make_recognizer=make,
        clock=FakeClock(),
    )
    return ready, made


def test_a_model_that_knows_every_word_is_ready() -> None:
    ready, made = readiness(WordList())
    assert ready.unusable == () and ready.missing_words == ()
    assert "volgende stap" in ready.usable and "pauze" in ready.usable
    # the recogniser ran in grammar mode over a second of silence
    assert made[0].fed == 2 * SAMPLE_RATE and made[0].flushed
    assert made[0].grammar[-1] == UNK and "volgende stap" in made[0].grammar


def test_phrases_with_unknown_words_are_named_not_fatal() -> None:
    ready, made = readiness(WordList(unknown=["voorbeeldvraag"]))
    assert ready.missing_words == ("voorbeeldvraag",)
    assert ready.unusable == ("voorbeeldvraag",)
    assert "voorbeeldvraag" not in made[0].grammar


def test_an_unknown_wake_word_or_no_known_phrase_is_an_error() -> None:
    with pytest.raises(ModelError, match="zebra"):
        readiness(WordList(unknown=["zebra"]), wake_word="zebra")
    every_word = {w for phrase in phrase_table().phrases for w in phrase.words}
    with pytest.raises(ModelError, match="Nederlands model"):
        readiness(WordList(unknown=sorted(every_word)))


# --- with the real Dutch model (skipped here: none can be had on this machine) ----------


@pytest.mark.vosk_model
@pytest.mark.espeak
def test_with_the_dutch_model_a_spoken_command_reaches_the_session(
    dutch_model_path: Path,
) -> None:
    from facilitator.speech.tts import EspeakSynthesizer

    espeak = EspeakSynthesizer("nl")
    pause = silence(1.5).resampled(22050)
    parts = [
        pause,
        espeak.synthesize("volgende stap"),
        pause,
        espeak.synthesize("Daar komen we bij de volgende stap vanzelf nog wel op terug."),
        pause,
    ]
    source = WavSource(Sound(np.concatenate([part.samples for part in parts]), 22050))
    session = Session()
    # A low threshold: this checks the pipeline with the real recogniser; how well
    # it recognises is for bench/voice.py to measure.
    config = RoomConfig(model_path=dutch_model_path, min_confidence=0.3)
    control = start_voice_control(
        config, SilentOutput(), session.submit, session.notify, source.clock, source=source
    )
    finish(control)
    assert session.notices == []
    assert session.commands == [Command(CommandKind.NEXT_STEP, source="voice")]


@pytest.mark.vosk_model
@pytest.mark.room
@pytest.mark.slow
def test_in_the_room_the_chair_moves_on_and_pauses_by_voice(
    dutch_model_path: Path, room: Room, espeak: EspeakSynthesizer, tmp_path: Path
) -> None:
    """The issue's acceptance: ``facilitator run`` with a Dutch model moves on when the
    chair says "volgende stap" and pauses on "pauze". The chair's voice (espeak-ng) is
    played into the room's loudspeaker; the facilitator hears the room through the
    sink's monitor, its own announcements included."""
    log = tmp_path / "s.jsonl"
    process = subprocess.Popen(
        [str(Path(sys.executable).with_name("facilitator")), "run", "vijf-stappen",
         "-n", "5", "--log", str(log)],
        stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "FACILITATOR_MODEL": str(dutch_model_path)},
    )  # fmt: skip
    try:
        chair = SoundDevicePlayer()
        pause = silence(1.5).resampled(22050)

        def say_until(text: str, logged: Callable[[list[dict[str, object]]], bool]) -> None:
            """Says ``text`` in the room until the log shows it was taken (a real
            process loads its model in its own time: it is asked again, not waited for)."""
            sound = Sound(np.concatenate([pause.samples, espeak.synthesize(text).samples,
                                          pause.samples]), 22050)  # fmt: skip
            for _ in range(10):
                chair.play(sound)
                if logged(read_log(log) if log.exists() else []):
                    return
            raise AssertionError(f"{text!r} was never taken; log: {read_log(log)}")

        def moved_on(events: list[dict[str, object]]) -> bool:
            return any(e["event"] == "step_started" and e.get("step") == "probleemverkenning"
                       for e in events)  # fmt: skip

        def paused(events: list[dict[str, object]]) -> bool:
            return any(e["event"] == "paused" for e in events)

        say_until("volgende stap", moved_on)
        say_until("pauze", paused)
        commands = [e for e in read_log(log) if e["event"] == "command"]
        assert {(e["command"], e["source"]) for e in commands} == {
            ("next_step", "voice"),
            ("pause", "voice"),
        }
    finally:
        process.terminate()
        process.communicate(timeout=30)
