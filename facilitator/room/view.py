"""What the terminal shows during a session.

``PlainDisplay`` prints one line per announcement (for pipes, logs and ``--text``
without a terminal); ``LiveDisplay`` draws a panel with the current step, a
countdown bar, whose turn it is, what comes next and the keys, and draws it again
only when something on it changes.
"""

from __future__ import annotations

import sys
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from typing import TextIO

from rich.console import Console, ConsoleDimensions, Group
from rich.live import Live
from rich.panel import Panel
from rich.progress_bar import ProgressBar
from rich.table import Table
from rich.text import Text

from facilitator.lang import get_pack, t
from facilitator.meeting.engine import SessionView


def shown_seconds(seconds: float) -> int:
    """``seconds`` as the whole seconds the screen shows: the nearest, halves away from 0."""
    whole = int(abs(seconds) + 0.5)
    return -whole if seconds < 0 else whole


def clock_text(seconds: float) -> str:
    """``m:ss`` (or ``h:mm:ss``), with a minus sign for overtime."""
    sign = "-" if seconds < 0 else ""
    total = abs(shown_seconds(seconds))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{sign}{hours}:{minutes:02d}:{secs:02d}"
    return f"{sign}{minutes}:{secs:02d}"


class PlainDisplay:
    def __init__(self, stream: TextIO | None = None, elapsed: bool = True) -> None:
        self.stream = stream or sys.stdout
        self.elapsed = elapsed
        self._start: float | None = None

    def said(self, text: str, view: SessionView) -> None:
        stamp = clock_text(view.elapsed_s) if self.elapsed else ""
        print(f"[{stamp}] {text}" if stamp else text, file=self.stream, flush=True)

    def refresh(self, view: SessionView) -> None:
        pass

    def notice(self, text: str) -> None:
        print(f"! {text}", file=sys.stderr, flush=True)

    def close(self) -> None:
        pass


@dataclass(frozen=True)
class Screen:
    """Everything ``LiveDisplay`` draws, as it is drawn: two equal screens look the same.

    Times are kept as the text that shows them, and the bar as the whole seconds it
    fills, so the screen changes only when something on it does (once a second while
    the time runs), however often the session asks for a redraw.
    """

    title: str
    instruction: str
    remaining: str
    state: str
    bar_total: float
    bar_done: float
    turn: str | None
    next_title: str
    total: str
    last_command: str | None
    voice: str | None
    stop_pending: bool
    said: tuple[str, ...]
    notices: tuple[str, ...]
    keys_help: str


class LiveDisplay:
    """The session panel, redrawn when what it shows has changed.

    ``refresh`` may be called as often as the session likes (the runner does so a few
    times a second): everything shown comes from the view it is given, and the
    terminal is written to only when that differs from what it shows already, or when
    the terminal changed size.
    """

    def __init__(self, keys_help: str, console: Console | None = None) -> None:
        self.console = console or Console()
        self.keys_help = keys_help
        self.lines: deque[str] = deque(maxlen=3)
        self.notices: list[str] = []
        self.redraws = 0
        # How voice control is doing (listening, loading, off), when it was asked for.
        self.voice_status: Callable[[], str] | None = None
        self._shown: tuple[Screen, ConsoleDimensions] | None = None
        self._live = Live(console=self.console, auto_refresh=False, transient=False)
        self._live.start()

    def said(self, text: str, view: SessionView) -> None:
        self.lines.append(text)
        self.refresh(view)

    def notice(self, text: str) -> None:
        self.notices.append(text)

    def refresh(self, view: SessionView) -> None:
        screen = self.screen(view)
        shown = (screen, self.console.size)
        if shown == self._shown:
            return
        self._shown = shown
        self.redraws += 1
        self._live.update(self.draw(screen), refresh=True)

    def close(self) -> None:
        self._live.stop()

    def render(self, view: SessionView) -> Panel:
        return self.draw(self.screen(view))

    def screen(self, view: SessionView) -> Screen:
        """What the panel shows for ``view``."""
        state = ""
        if view.paused:
            state = t("cli.view.paused")
        elif view.waiting:
            state = t("cli.view.waiting")
        shown_remaining = max(shown_seconds(view.remaining_s), 0)
        turn = None
        if view.speaker is not None and view.turn_remaining_s is not None:
            turn = f"{view.speaker} ({clock_text(view.turn_remaining_s)})"
            if view.round and view.round > 1:
                turn += "  " + t("cli.view.round", round=view.round)
        if view.choosing is not None:  # who brings the case: a number per participant
            state = t("cli.view.waiting")
            turn = t("cli.view.choose_case_owner", choices="  ".join(view.choosing))
        last_command = None
        if view.last_command is not None:
            command = view.last_command
            extra = get_pack().duration(60 * (command.minutes or 1))
            last_command = t(f"keys.{command.kind.value}", duration=extra)
            if command.source == "voice":
                last_command += " " + t("cli.view.by_voice")
        return Screen(
            title=t(
                "cli.view.title",
                number=view.step_number,
                count=view.step_count,
                title=view.title,
            ),
            instruction=view.instruction,
            remaining=clock_text(view.remaining_s),
            state=state,
            bar_total=max(view.duration_s, 1.0),
            bar_done=max(0.0, view.duration_s - shown_remaining),
            turn=turn,
            next_title=view.next_title or t("cli.view.last_step"),
            total=clock_text(view.total_remaining_s),
            last_command=last_command,
            voice=None if self.voice_status is None else self.voice_status(),
            stop_pending=view.stop_pending,
            said=tuple(self.lines),
            notices=tuple(self.notices[-2:]),
            keys_help=self.keys_help,
        )

    def draw(self, screen: Screen) -> Panel:
        grid = Table.grid(padding=(0, 2))
        grid.add_column(style="bold")
        grid.add_column()
        grid.add_row(
            t("cli.view.remaining"), Text(f"{screen.remaining}  {screen.state}", style="bold")
        )
        grid.add_row("", ProgressBar(total=screen.bar_total, completed=screen.bar_done, width=50))
        if screen.turn is not None:
            grid.add_row(t("cli.view.speaker"), screen.turn)
        grid.add_row(t("cli.view.next"), screen.next_title)
        grid.add_row(t("cli.view.total"), screen.total)
        if screen.last_command is not None:
            grid.add_row(t("cli.view.last_command"), screen.last_command)
        if screen.voice is not None:
            grid.add_row(t("cli.view.voice"), screen.voice)
        if screen.stop_pending:
            grid.add_row("", Text(t("cli.view.stop_pending"), style="bold red"))
        said = Text("\n".join(screen.said), style="italic")
        parts: list[Table | Text] = [Text(screen.instruction), Text(""), grid, Text(""), said]
        for notice in screen.notices:
            parts.append(Text(notice, style="yellow"))
        parts.append(Text(screen.keys_help, style="dim"))
        return Panel(Group(*parts), title=screen.title, title_align="left")
