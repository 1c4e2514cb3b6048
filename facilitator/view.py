"""What the terminal shows during a session.

``PlainDisplay`` prints one line per announcement (for pipes, logs and ``--text``
without a terminal); ``LiveDisplay`` redraws a panel with the current step, a
countdown bar, whose turn it is, what comes next and the keys.
"""

from __future__ import annotations

import sys
from collections import deque
from typing import TextIO

from rich.console import Console, Group
from rich.live import Live
from rich.panel import Panel
from rich.progress_bar import ProgressBar
from rich.table import Table
from rich.text import Text

from facilitator.engine import SessionView
from facilitator.lang import get_pack, t


def clock_text(seconds: float) -> str:
    """``m:ss`` (or ``h:mm:ss``), with a minus sign for overtime."""
    sign = "-" if seconds < 0 else ""
    total = int(abs(seconds) + 0.5)
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


class LiveDisplay:
    def __init__(self, keys_help: str, console: Console | None = None) -> None:
        self.console = console or Console()
        self.keys_help = keys_help
        self.lines: deque[str] = deque(maxlen=3)
        self.notices: list[str] = []
        self._live = Live(console=self.console, auto_refresh=False, transient=False)
        self._live.start()

    def said(self, text: str, view: SessionView) -> None:
        self.lines.append(text)
        self.refresh(view)

    def notice(self, text: str) -> None:
        self.notices.append(text)

    def refresh(self, view: SessionView) -> None:
        self._live.update(self.render(view), refresh=True)

    def close(self) -> None:
        self._live.stop()

    def render(self, view: SessionView) -> Panel:
        grid = Table.grid(padding=(0, 2))
        grid.add_column(style="bold")
        grid.add_column()
        remaining = clock_text(view.remaining_s)
        state = ""
        if view.paused:
            state = t("cli.view.paused")
        elif view.waiting:
            state = t("cli.view.waiting")
        grid.add_row(t("cli.view.remaining"), Text(f"{remaining}  {state}", style="bold"))
        done = max(0.0, view.duration_s - max(view.remaining_s, 0.0))
        grid.add_row("", ProgressBar(total=max(view.duration_s, 1.0), completed=done, width=50))
        if view.speaker is not None and view.turn_remaining_s is not None:
            turn = f"{view.speaker} ({clock_text(view.turn_remaining_s)})"
            if view.round and view.round > 1:
                turn += "  " + t("cli.view.round", round=view.round)
            grid.add_row(t("cli.view.speaker"), turn)
        grid.add_row(t("cli.view.next"), view.next_title or t("cli.view.last_step"))
        grid.add_row(t("cli.view.total"), clock_text(view.total_remaining_s))
        if view.last_command is not None:
            command = view.last_command
            extra = get_pack().duration(60 * (command.minutes or 1))
            label = t(f"keys.{command.kind.value}", duration=extra)
            grid.add_row(t("cli.view.last_command"), label)
        if view.stop_pending:
            grid.add_row("", Text(t("cli.view.stop_pending"), style="bold red"))
        said = Text("\n".join(self.lines), style="italic")
        parts: list[Table | Text] = [Text(view.instruction), Text(""), grid, Text(""), said]
        for notice in self.notices[-2:]:
            parts.append(Text(notice, style="yellow"))
        parts.append(Text(self.keys_help, style="dim"))
        title = t(
            "cli.view.title",
            number=view.step_number,
            count=view.step_count,
            title=view.title,
        )
        return Panel(Group(*parts), title=title, title_align="left")
