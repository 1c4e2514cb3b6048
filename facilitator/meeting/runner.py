"""The runner: one loop that owns the event queue and carries out the engine's effects.

Commands (keyboard, later voice) arrive on a queue from their own threads; the loop
waits on that queue until the engine's next deadline, then hands the engine a Tick or
the command with the current session time. Speech is handed to the output, which
never blocks the loop.
"""

from __future__ import annotations

import queue
import signal
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from types import FrameType
from typing import Protocol

from facilitator.meeting.clock import Clock
from facilitator.meeting.commands import Command
from facilitator.meeting.effects import (
    Effect,
    End,
    Heard,
    Log,
    Outdated,
    Play,
    Say,
    Supersede,
    Tick,
    WakeAt,
)
from facilitator.meeting.engine import Session, SessionView

# How often the screen is refreshed while nothing else happens (real seconds).
REFRESH_S = 0.25
# How often the state is saved for recovery when nothing changes (real seconds).
CHECKPOINT_S = 5.0


class Output(Protocol):
    def say(self, text: str, generation: int, at: float = ...) -> None: ...
    def play(self, sound_name: str, generation: int, at: float = ...) -> None: ...
    def supersede(self, generation: int) -> None: ...
    def outdate(self, before: float) -> None: ...
    def close(self, timeout: float = ...) -> None: ...


class EventLog(Protocol):
    def write(self, event: str, t: float, **fields: object) -> object: ...


class Display(Protocol):
    def said(self, text: str, view: SessionView) -> None: ...
    def refresh(self, view: SessionView) -> None: ...
    def notice(self, text: str) -> None: ...


class Terminated(Exception):
    """SIGTERM arrived: end the session cleanly."""


@contextmanager
def sigterm_ends_session() -> Iterator[None]:
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def handler(signum: int, frame: FrameType | None) -> None:
        raise Terminated

    previous = signal.signal(signal.SIGTERM, handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


class Runner:
    def __init__(
        self,
        session: Session,
        clock: Clock,
        output: Output,
        log: EventLog,
        display: Display,
        checkpoint: Callable[[float], None] | None = None,
    ) -> None:
        self.session = session
        self.clock = clock
        self.output = output
        self.log = log
        self.display = display
        self.commands: queue.Queue[Command] = queue.Queue()
        self.checkpoint = checkpoint
        self.wake: float | None = None
        self.ended: str | None = None
        self._changed = False
        self._saved_at = -CHECKPOINT_S
        self._unshown: list[str] = []

    def submit(self, command: Command) -> None:
        """Thread-safe: hand a command to the loop."""
        self.commands.put(command)

    def run(self) -> str:
        """Run the session to its end; returns how it ended."""
        with sigterm_ends_session():
            try:
                self._apply(self.session.start(self.clock.now()))
                self._save()
                self._show()
                while self.ended is None:
                    self._step()
                    # Saved before it is shown: what anyone saw is also what a resume knows.
                    self._save()
                    self._show()
            except (KeyboardInterrupt, Terminated):
                self._apply(self.session.interrupt(self.clock.now()))
                self._show()
        return self.ended or "interrupted"

    def _step(self) -> None:
        timeout = REFRESH_S
        if self.wake is not None:
            timeout = min(timeout, self.clock.real_seconds_until(self.wake))
        try:
            command: Command | None = self.commands.get(timeout=timeout)
        except queue.Empty:
            command = None
        now = self.clock.now()
        if command is None:
            self._apply(self.session.handle(Tick(now)))
        else:
            effects = self.session.handle(Heard(now, command))
            if command.source == "voice":
                # An earcon tells the room the spoken command was understood; it takes
                # the new generation, so the command's own supersede does not drop it.
                self.output.play("command", self.session.generation, now)
            self._apply(effects)

    def _show(self) -> None:
        said, self._unshown = self._unshown, []
        if self.session.step is None:
            return
        view = self.session.view(self.clock.now())
        for text in said:
            self.display.said(text, view)
        if self.ended is None:
            self.display.refresh(view)

    def _save(self) -> None:
        if self.checkpoint is None or self.ended is not None:
            return
        real = time.monotonic()
        if self._changed or real - self._saved_at >= CHECKPOINT_S:
            self.checkpoint(self.clock.now())
            self._changed = False
            self._saved_at = real

    def _apply(self, effects: Iterable[Effect]) -> None:
        for effect in effects:
            if not isinstance(effect, WakeAt):
                self._changed = True
            if isinstance(effect, Say):
                self.output.say(effect.text, effect.generation, effect.at)
                self._unshown.append(effect.text)
            elif isinstance(effect, Play):
                self.output.play(effect.sound, effect.generation, effect.at)
            elif isinstance(effect, Supersede):
                self.output.supersede(effect.generation)
            elif isinstance(effect, Outdated):
                self.output.outdate(effect.before)
            elif isinstance(effect, Log):
                self.log.write(effect.event, effect.t, **effect.fields)
            elif isinstance(effect, WakeAt):
                self.wake = effect.t
            elif isinstance(effect, End):
                self.ended = effect.reason
