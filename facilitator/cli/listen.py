"""``facilitator listen``: try the voice commands before a meeting.

Shows the microphone's level as a live bar, every command that would be carried
out (how it was said: with the wake word, without, in two parts) with the
recogniser's confidence, and for every phrase that would be ignored the layer of
the defence that stopped it and why (see ``speech.matcher``). A group tunes its
microphone and ``min_confidence`` with it. Without a speech model it shows the
level alone, so the microphone can be set up first. Nothing that was said
is shown or kept: only the command phrases, which are all the recogniser can write.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable
from pathlib import Path

import click
from rich.console import Console, RenderableType
from rich.live import Live
from rich.table import Table
from rich.text import Text

from facilitator.cli.errors import clean_errors, room_config
from facilitator.errors import ModelError
from facilitator.lang import t
from facilitator.meeting.clock import Clock, MonotonicClock
from facilitator.meeting.commands import Command, CommandKind
from facilitator.room.config import RoomConfig
from facilitator.room.voice_control import (
    RecognizerMaker,
    command_recognizer,
    command_settings,
    vocabulary_notices,
)
from facilitator.room.voice_control import missing_model_message as _missing_model_message
from facilitator.speech.listener import (
    AudioSource,
    Listener,
    MicrophoneSource,
    find_microphone,
)
from facilitator.speech.matcher import (
    MatchSettings,
    PhraseTable,
    RecognitionResult,
    Rejection,
    Route,
    Verdict,
)
from facilitator.speech.model_store import find_model
from facilitator.speech.recognizer import VoskModel, load_model

LEVEL_FLOOR_DB = -60.0  # the left end of the level bar
BAR_WIDTH = 40


@click.command("listen")
@click.option(
    "--device",
    metavar="NAME_OR_INDEX",
)
@click.option(
    "--threshold",
    type=click.FloatRange(0.0, 1.0),
)
@click.option(
    "--wake-word",
    metavar="WORD",
)
@click.pass_context
def listen(
    ctx: click.Context, device: str | None, threshold: float | None, wake_word: str | None
) -> None:
    """Try voice commands: the microphone's level, what is recognised, and why not."""
    config = room_config(ctx)
    with clean_errors():
        run_listen(config, Console(), device=device, threshold=threshold, wake_word=wake_word)


def run_listen(
    config: RoomConfig,
    console: Console,
    *,
    device: str | int | None = None,
    threshold: float | None = None,
    wake_word: str | None = None,
    source: AudioSource | None = None,
    load: Callable[[Path], VoskModel] = load_model,
    make_recognizer: RecognizerMaker = command_recognizer,
    clock: Clock | None = None,
) -> None:
    """Listens until Ctrl+C (or the end of ``source``), showing what it makes of it.

    Without a usable model it says why and shows only the microphone's level, so
    that the microphone can be set up before a model is installed. Raises
    ``AudioError`` when the microphone cannot be found; a microphone lost later is
    shown and tried again.
    """
    clock = clock or MonotonicClock()
    spec = device if device is not None else config.input_device
    if source is None:
        find_microphone(spec)  # a wrong name is an error now, not a retry loop
        source = MicrophoneSource(spec, clock)
    room_wake_word = wake_word if wake_word is not None else config.wake_word
    try:
        path = find_model(config.model_path)
        if path is None:
            raise ModelError(_missing_model_message())
        console.print(t("voice.listen_loading", path=path))
        model = load(path)
        settings, vocabulary = command_settings(
            model,
            wake_word=room_wake_word,
            min_confidence=threshold if threshold is not None else config.min_confidence,
            cooldown_s=config.cooldown_s,
        )
    except ModelError as error:
        console.print(str(error), style="yellow")
        console.print(t("voice.listen_level_only"))
        _listen_to_level(source, console, clock)
        return
    for notice in vocabulary_notices(vocabulary, room_wake_word):
        console.print(notice, style="yellow")
    screen = _ListenScreen(settings)
    grammar = settings.phrases.grammar()
    listener = Listener(
        source,
        lambda offset: make_recognizer(model, grammar, offset),
        settings,
        on_command=screen.accepted,
        on_rejection=screen.rejected,
        on_problem=screen.problem,
        on_level=screen.level,
        clock=clock,
    )
    console.print(
        t(
            "voice.listen_ready",
            device=source.name,
            example=screen.phrase(CommandKind.NEXT_STEP),
        )
    )
    table = settings.phrases
    console.print(
        t(
            "voice.listen_settings",
            threshold=f"{settings.min_confidence:.2f}",
            wake_word=table.wake_word or t("voice.listen_no_wake_word"),
        )
    )
    console.print(t("voice.listen_policy", **_policy(table)))
    _show_live(listener, screen, console)


def _policy(table: PhraseTable) -> dict[str, str]:
    """Which phrases act without the wake word and which only after it, for the chair."""
    free, woken = table.policy()
    none = t("voice.listen_no_phrases")
    return {
        "without": ", ".join(_examples(free)) or none,
        "after": ", ".join(_examples(woken)) or none,
    }


def _examples(texts: list[str], most: int = 6) -> list[str]:
    shown = [f"'{text}'" for text in texts if "minu" not in text][:most]
    return [*shown, "..."] if len(texts) > len(shown) else shown


def _listen_to_level(source: AudioSource, console: Console, clock: Clock) -> None:
    """The level bar alone: a listener whose recogniser never hears a word."""
    screen = _ListenScreen(None)
    listener = Listener(
        source,
        lambda _offset: _Deaf(),
        MatchSettings(PhraseTable(())),
        on_command=_ignore,
        on_problem=screen.problem,
        on_level=screen.level,
        clock=clock,
    )
    console.print(t("voice.listen_ready_level", device=source.name))
    _show_live(listener, screen, console)


def _show_live(listener: Listener, screen: _ListenScreen, console: Console) -> None:
    console.print(t("voice.listen_level_hint"), style="dim")
    # The bar is only for watching: it is gone when listening ends, and is not shown
    # at all where nothing can be redrawn (output into a file or a pipe).
    live = Live(
        get_renderable=screen.render, console=console, refresh_per_second=10, transient=True
    )
    with live:
        screen.show = live.console.print
        with contextlib.suppress(KeyboardInterrupt):
            listener.run()
    if listener.overflows:
        console.print(t("voice.listen_overflows", count=listener.overflows), style="yellow")


class _Deaf:
    """A recogniser that hears nothing: for showing the level without a model."""

    def feed(self, pcm: bytes) -> RecognitionResult | None:
        return None

    def flush(self) -> RecognitionResult | None:
        return None


class _ListenScreen:
    """What ``listen`` shows: the level bar (redrawn) and one line per decision."""

    def __init__(self, settings: MatchSettings | None) -> None:
        self.settings = settings or MatchSettings(PhraseTable(()))
        self.show: Callable[..., None] = _ignore
        self._lock = threading.Lock()
        self._level_db = -120.0
        self._peak_db = -120.0

    def phrase(self, kind: CommandKind, minutes: int | None = None) -> str:
        """How the chair would say a command, with the wake word if there is one."""
        table = self.settings.phrases
        found = [p for p in table.phrases if p.kind == kind and table.usable(p)]
        exact = [p for p in found if p.minutes == minutes] or found
        if not exact:
            return kind.value
        return table.spoken_forms(exact[0])[0]

    def level(self, db: float) -> None:
        with self._lock:
            self._level_db = db
            # The peak falls back slowly, so a short word stays visible for a moment.
            self._peak_db = max(db, self._peak_db - 1.5)

    def accepted(self, command: Command, verdict: Verdict) -> None:
        text = t("voice.listen_accepted", phrase=self.phrase(command.kind, command.minutes))
        route = t(f"voice.route.{(verdict.route or Route.PHRASE).value}")
        text += " " + t("voice.listen_how", route=route, confidence=f"{verdict.confidence:.2f}")
        self.show(Text("✓ " + text, style="bold green"))

    def rejected(self, rejection: Rejection, verdict: Verdict) -> None:
        kind = rejection.kind
        if kind is None:
            heard = t("voice.listen_something")
        elif kind is CommandKind.EXTEND:  # a rejection does not say how many minutes
            heard = t("voice.listen_sounded_like", phrase=t("voice.listen_extend"))
        else:
            heard = t("voice.listen_sounded_like", phrase=self.phrase(kind))
        reason = t(
            f"voice.reason.{rejection.reason.value}",
            threshold=f"{self.settings.min_confidence:.2f}",
            wake_word=self.settings.phrases.wake_word or "",
        )
        layer = t(f"voice.layer.{rejection.reason.layer.value}")
        text = t("voice.listen_rejected", layer=layer, heard=heard, reason=reason)
        if kind is not None:  # with only unknown speech there is nothing to be sure of
            text += " " + t("voice.listen_confidence", confidence=f"{verdict.confidence:.2f}")
        self.show(Text("✗ " + text, style="yellow"))

    def problem(self, message: str) -> None:
        self.show(Text("! " + message, style="red"))

    def render(self) -> RenderableType:
        with self._lock:
            level, peak = self._level_db, self._peak_db
        filled = _bar_cells(level)
        peak_at = _bar_cells(peak)
        cells = ["█" if i < filled else ("▏" if i == peak_at else "░") for i in range(BAR_WIDTH)]
        style = "green" if level < -6 else "red"  # red: so loud it may clip
        grid = Table.grid(padding=(0, 1))
        grid.add_row(
            t("voice.listen_level"),
            Text("".join(cells), style=style),
            f"{max(level, LEVEL_FLOOR_DB):4.0f} dB",
        )
        return grid


def _bar_cells(db: float) -> int:
    share = (max(LEVEL_FLOOR_DB, min(0.0, db)) - LEVEL_FLOOR_DB) / -LEVEL_FLOOR_DB
    return round(share * BAR_WIDTH)


def _ignore(*_args: object, **_kwargs: object) -> None:
    pass
