"""What the terminal shows during a session.

``PlainDisplay`` prints one line per announcement (for pipes, logs and ``--text``
without a terminal); ``LiveDisplay`` draws a panel with the current step, a
countdown bar, whose turn it is and who is next, what comes next and the keys, and
draws it again only when something on it changes.

The panel fits the terminal it is drawn on, down to 80×24 and the small display of a
meeting room: the times and the keys always show; the instruction, the last
announcements and older notices give way, in that order, when rows run short. A
notice is shown in full when it arrives and folds to one line after a while.
"""

from __future__ import annotations

import sys
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TextIO

from rich.console import Console, ConsoleDimensions, Group, RenderableType
from rich.live import Live
from rich.panel import Panel
from rich.progress_bar import ProgressBar
from rich.table import Table
from rich.text import Text

from facilitator.lang import get_pack, t
from facilitator.meeting.engine import SessionView
from facilitator.safetext import inert


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
        text = inert(text)
        print(f"[{stamp}] {text}" if stamp else text, file=self.stream, flush=True)

    def refresh(self, view: SessionView) -> None:
        pass

    def notice(self, text: str) -> None:
        print(f"! {inert(text)}", file=sys.stderr, flush=True)

    def close(self) -> None:
        pass


NOTICE_FULL_S = 30.0  # session seconds a new notice is shown in full
PANEL_ROWS = 2  # the panel's top and bottom border
PANEL_COLUMNS = 4  # its side borders and padding


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
    next_speaker: str | None
    next_title: str
    total: str
    last_command: str | None
    voice: str | None
    spoken_hint: str | None
    stop_pending: bool
    said: tuple[str, ...]
    notices: tuple[str, ...]  # the ones to show in full
    folded: tuple[str, ...]  # the ones folded to a line
    keys: tuple[str, ...]


def spoken_hint(wake_word: str | None) -> str:
    """What the chair can say, one phrase per command: "Zeg: volgende stap · pauze · ..."."""
    keys = ("next_step", "pause", "resume", "time_left", "repeat", "extend_default",
            "next_speaker", "pass", "stop")  # fmt: skip
    phrases = [t(f"voice.phrases.{key}").split("|")[0] for key in keys]
    if wake_word:
        return t("cli.view.say_with_wake_word", wake_word=wake_word, phrases=" · ".join(phrases))
    return t("cli.view.say", phrases=" · ".join(phrases))


class LiveDisplay:
    """The session panel, redrawn when what it shows has changed.

    ``refresh`` may be called as often as the session likes (the runner does so a few
    times a second): everything shown comes from the view it is given, and the
    terminal is written to only when that differs from what it shows already, or when
    the terminal changed size.
    """

    def __init__(self, keys_help: str | Sequence[str], console: Console | None = None) -> None:
        self.console = console or Console()
        self.keys = (keys_help,) if isinstance(keys_help, str) else tuple(keys_help)
        self.lines: deque[str] = deque(maxlen=3)
        self.notices: list[str] = []
        self._notice_seen: list[float] = []  # session time each notice was first shown
        self.redraws = 0
        # How voice control is doing (a VoiceState value), when it was asked for.
        self.voice_state: Callable[[], str] | None = None
        self.wake_word: str | None = None
        self.pause_status: Callable[[], bool] | None = None  # waiting for a pause?
        self._shown: tuple[Screen, ConsoleDimensions] | None = None
        self._notices_drawn = 0
        self._live = Live(
            console=self.console, auto_refresh=False, transient=False, vertical_overflow="crop"
        )
        self._live.start()

    def said(self, text: str, view: SessionView) -> None:
        self.lines.append(inert(text))
        self.refresh(view)

    def notice(self, text: str) -> None:
        self.notices.append(inert(text))

    def refresh(self, view: SessionView) -> None:
        screen = self.screen(view)
        shown = (screen, self.console.size)
        if shown == self._shown:
            return
        self._shown = shown
        self._notices_drawn = len(self.notices)
        self.redraws += 1
        self._live.update(self.draw(screen), refresh=True)

    def close(self) -> None:
        self._live.stop()
        # What was said after the last drawing (a log that had to be rescued at the
        # end, say) is printed below the panel rather than lost with it.
        for notice in self.notices[self._notices_drawn :]:
            self.console.print(Text(notice, style="yellow"))

    def render(self, view: SessionView) -> Panel:
        return self.draw(self.screen(view))

    def screen(self, view: SessionView) -> Screen:
        """What the panel shows for ``view``."""
        state = ""
        if view.paused:
            state = t("cli.view.paused")
        elif view.waiting:
            state = t("cli.view.waiting")
        if self.pause_status is not None and self.pause_status():
            state = f"{state}  {t('cli.view.waiting_for_pause')}".strip()
        shown_remaining = max(shown_seconds(view.remaining_s), 0)
        turn = None
        if view.speaker is not None and view.turn_remaining_s is not None:
            turn = f"{inert(view.speaker, lines=False)} ({clock_text(view.turn_remaining_s)})"
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
        voice = hint = None
        if self.voice_state is not None:
            state_value = self.voice_state()
            voice = t(f"cli.view.voice_{state_value}")
            if state_value == "listening":
                hint = spoken_hint(self.wake_word)
        while len(self._notice_seen) < len(self.notices):
            self._notice_seen.append(view.elapsed_s)
        fresh = [
            view.elapsed_s - seen < NOTICE_FULL_S and not i < len(self.notices) - 2
            for i, seen in enumerate(self._notice_seen)
        ]
        return Screen(
            title=t(
                "cli.view.title",
                number=view.step_number,
                count=view.step_count,
                title=inert(view.title, lines=False),
            ),
            instruction=inert(view.instruction),
            remaining=clock_text(view.remaining_s),
            state=state,
            bar_total=max(view.duration_s, 1.0),
            bar_done=max(0.0, view.duration_s - shown_remaining),
            turn=turn,
            next_speaker=view.next_speaker if turn is not None else None,
            next_title=inert(view.next_title or t("cli.view.last_step"), lines=False),
            total=clock_text(view.total_remaining_s),
            last_command=last_command,
            voice=voice,
            spoken_hint=hint,
            stop_pending=view.stop_pending,
            said=tuple(self.lines),
            notices=tuple(n for n, full in zip(self.notices, fresh, strict=True) if full),
            folded=tuple(n for n, full in zip(self.notices, fresh, strict=True) if not full),
            keys=self.keys,
        )

    def draw(self, screen: Screen) -> Panel:
        width, height = self.console.size
        inner = max(width - PANEL_COLUMNS, 10)
        budget = max(height - PANEL_ROWS, 1)

        def rows(renderable: RenderableType) -> int:
            options = self.console.options.update(width=inner, height=None)
            return len(self.console.render_lines(renderable, options, pad=False))

        grid = self._grid(screen)
        keys = _key_lines(screen.keys, inner)
        folded = _folded(screen.folded)
        notices = [Text(notice, style="yellow") for notice in screen.notices]
        hint = Text(screen.spoken_hint, style="dim") if screen.spoken_hint else None
        # What must show: the times, the keys; then, while rows are left, the rest.
        left = budget - rows(grid) - len(keys.plain.splitlines())
        if hint is not None and left - rows(hint) < 1:
            hint = None  # the keys say it too; the instruction keeps at least a line
        if hint is not None:
            left -= rows(hint)
        while notices and left - sum(rows(n) for n in notices) - (folded is not None) < 2:
            notices.pop(0)
        left -= sum(rows(n) for n in notices) + (1 if folded is not None else 0)
        instruction = Text(screen.instruction)
        wanted = rows(instruction)
        if wanted > max(left, 1):
            instruction = _cut(screen.instruction, inner, max(left, 1), rows)
        left -= min(wanted, max(left, 1))
        parts: list[RenderableType] = [instruction]
        if left > 0:
            parts.append(Text(""))
            left -= 1
        parts.append(grid)
        said = [Text(line, style="italic", no_wrap=True, overflow="ellipsis")
                for line in screen.said]  # fmt: skip
        said = said[max(len(said) - max(left - 1, 0), 0):]
        if said:
            parts += [Text(""), *said]
        parts += notices
        if folded is not None:
            parts.append(folded)
        if hint is not None:
            parts.append(hint)
        parts.append(keys)
        return Panel(Group(*parts), title=Text(screen.title), title_align="left", height=None)

    def _grid(self, screen: Screen) -> Table:
        grid = Table.grid(padding=(0, 2))
        grid.add_column(style="bold", no_wrap=True)
        grid.add_column()
        grid.add_row(
            t("cli.view.remaining"), Text(f"{screen.remaining}  {screen.state}", style="bold")
        )
        grid.add_row("", ProgressBar(total=screen.bar_total, completed=screen.bar_done))
        if screen.turn is not None:
            grid.add_row(t("cli.view.speaker"), Text(screen.turn))  # Text: no markup
            if screen.next_speaker is not None:
                grid.add_row(t("cli.view.next_speaker"), Text(screen.next_speaker))
        grid.add_row(t("cli.view.next"), Text(screen.next_title))
        grid.add_row(t("cli.view.total"), screen.total)
        if screen.last_command is not None:
            grid.add_row(t("cli.view.last_command"), Text(screen.last_command))
        if screen.voice is not None:
            grid.add_row(t("cli.view.voice"), screen.voice)
        if screen.stop_pending:
            grid.add_row("", Text(t("cli.view.stop_pending"), style="bold red"))
        return grid


def _key_lines(items: Sequence[str], width: int) -> Text:
    """The keys, as many to a line as fit, never split in the middle of one."""
    lines: list[str] = []
    for item in items:
        if lines and len(lines[-1]) + 2 + len(item) <= width:
            lines[-1] += "  " + item
        else:
            lines.append(item)
    return Text("\n".join(lines), style="dim")


def _folded(notices: Sequence[str]) -> Text | None:
    """Older notices on one line: the latest one's first line, and how many more."""
    if not notices:
        return None
    first = notices[-1].splitlines()[0] if notices[-1] else ""
    more = t("cli.view.more_notices", count=len(notices) - 1) if len(notices) > 1 else ""
    return Text(f"! {first}{more}", style="yellow", no_wrap=True, overflow="ellipsis")


def _cut(text: str, width: int, lines: int, rows: Callable[[Text], int]) -> Text:
    """``text`` cut to ``lines`` rows of ``width``, ending in "…"."""
    words = text.split()
    low, high = 0, len(words)
    while low < high:  # the most words that fit, with the ellipsis
        middle = (low + high + 1) // 2
        if rows(Text(" ".join(words[:middle]) + " …")) <= lines:
            low = middle
        else:
            high = middle - 1
    return Text(" ".join(words[:low]) + " …")
