"""``facilitator listen``: try the voice commands before a meeting.

Shows the microphone's level as a live bar, every command that would be carried
out with the recogniser's confidence, and for every phrase that would be ignored
the reason (too unsure, more said around it, right after the previous one, ...).
A group tunes its microphone and ``min_confidence`` with it. Nothing that was said
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
from facilitator.room.voice_control import RecognizerMaker, command_recognizer, command_settings
from facilitator.room.voice_control import missing_model_message as _missing_model_message
from facilitator.speech.audio import resolve_device
from facilitator.speech.listener import AudioSource, Listener, MicrophoneSource
from facilitator.speech.matcher import MatchSettings, Rejection
from facilitator.speech.model_store import find_model
from facilitator.speech.recognizer import VoskModel, load_model

LEVEL_FLOOR_DB = -60.0  # the left end of the level bar
BAR_WIDTH = 40


@click.command("listen")
@click.option(
    "--device",
    metavar="NAME_OR_INDEX",
    help="The microphone (see facilitator devices). Default: input_device from the room "
    "configuration, else the system's default.",
)
@click.option(
    "--threshold",
    type=click.FloatRange(0.0, 1.0),
    help="How sure the recogniser must be, 0 to 1. Default: min_confidence from the room "
    "configuration.",
)
@click.option(
    "--wake-word",
    metavar="WORD",
    help="A word that must come before every command. Default: wake_word from the room "
    "configuration.",
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

    Raises ``ModelError`` when there is no usable model and ``AudioError`` when the
    microphone cannot be found; a microphone lost later is shown and tried again.
    """
    path = find_model(config.model_path)
    if path is None:
        raise ModelError(_missing_model_message())
    clock = clock or MonotonicClock()
    spec = device if device is not None else config.input_device
    if source is None:
        resolve_device(spec, "input")  # a wrong name is an error now, not a retry loop
        source = MicrophoneSource(spec, clock)
    console.print(t("voice.listen_loading", path=path))
    model = load(path)
    settings, missing = command_settings(
        model,
        wake_word=wake_word if wake_word is not None else config.wake_word,
        min_confidence=threshold if threshold is not None else config.min_confidence,
        cooldown_s=config.cooldown_s,
    )
    if missing:
        console.print(t("voice.words_unknown", words=", ".join(missing)), style="yellow")
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
    console.print(
        t(
            "voice.listen_settings",
            threshold=f"{settings.min_confidence:.2f}",
            wake_word=settings.phrases.wake_word or t("voice.listen_no_wake_word"),
        )
    )
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


class _ListenScreen:
    """What ``listen`` shows: the level bar (redrawn) and one line per decision."""

    def __init__(self, settings: MatchSettings) -> None:
        self.settings = settings
        self.show: Callable[..., None] = _ignore
        self._lock = threading.Lock()
        self._level_db = -120.0
        self._peak_db = -120.0

    def phrase(self, kind: CommandKind, minutes: int | None = None) -> str:
        """How the chair would say a command, with the wake word if there is one."""
        table = self.settings.phrases
        found = [p for p in table.phrases if p.kind == kind]
        exact = [p for p in found if p.minutes == minutes] or found
        text = exact[0].text if exact else kind.value
        return f"{table.wake_word} {text}" if table.wake_word else text

    def level(self, db: float) -> None:
        with self._lock:
            self._level_db = db
            # The peak falls back slowly, so a short word stays visible for a moment.
            self._peak_db = max(db, self._peak_db - 1.5)

    def accepted(self, command: Command, confidence: float) -> None:
        text = t("voice.listen_accepted", phrase=self.phrase(command.kind, command.minutes))
        text += " " + t("voice.listen_confidence", confidence=f"{confidence:.2f}")
        self.show(Text("✓ " + text, style="bold green"))

    def rejected(self, rejection: Rejection, confidence: float) -> None:
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
        text = t("voice.listen_rejected", heard=heard, reason=reason)
        if kind is not None:  # with only unknown speech there is nothing to be sure of
            text += " " + t("voice.listen_confidence", confidence=f"{confidence:.2f}")
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
