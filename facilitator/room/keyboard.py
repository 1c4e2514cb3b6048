"""Keyboard control in the terminal: single key presses become ``Command`` values.

``KEY_MAP`` is the one table of keys; the session screen shows it with
``keys_help()`` (one line) or ``key_help()`` (rows of a table). ``parse_keys`` turns
the bytes a terminal sends into commands (arrow keys arrive as escape sequences such
as ``ESC [ C``). ``KeyReader`` reads the keys of a real terminal on a thread of its
own while a session runs: through ``termios`` on Linux and macOS, through ``msvcrt``
on Windows (``windows_key`` decodes its keys), each imported only there.

The pause key always sends ``PAUSE``; the session engine takes a ``PAUSE`` while
it is paused as "resume".
"""

from __future__ import annotations

import contextlib
import os
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from types import TracebackType
from typing import Any

from facilitator.lang import get_pack, t
from facilitator.meeting.commands import Command, CommandKind


class SpecialKey(StrEnum):
    """Keys that are not a printable character. A key is a ``SpecialKey`` or one character."""

    RIGHT = "right"
    LEFT = "left"
    SPACE = "space"
    ENTER = "enter"
    ESCAPE = "escape"


@dataclass(frozen=True)
class KeyBinding:
    keys: tuple[str, ...]
    kind: CommandKind
    minutes: int | None = None  # only for EXTEND

    @property
    def command(self) -> Command:
        return Command(self.kind, minutes=self.minutes, source="keyboard")

    @property
    def description_key(self) -> str:
        return f"keys.{self.kind.value}"

    def description(self) -> str:
        """What the keys do, in the current language."""
        if self.minutes is None:
            return t(self.description_key)
        return t(self.description_key, duration=get_pack().duration(self.minutes * 60))

    def label(self) -> str:
        """The keys, in the current language: "n of →"."""
        labels = [key_label(key) for key in self.keys]
        text = labels[0]
        for label in labels[1:]:
            text = t("keys.or", first=text, second=label)
        return text


KEY_MAP: tuple[KeyBinding, ...] = (
    KeyBinding(("n", SpecialKey.RIGHT), CommandKind.NEXT_STEP),
    KeyBinding(("b", SpecialKey.LEFT), CommandKind.PREVIOUS_STEP),
    KeyBinding(("p", SpecialKey.SPACE), CommandKind.PAUSE),
    KeyBinding(("t",), CommandKind.TIME_LEFT),
    KeyBinding(("h",), CommandKind.REPEAT),
    KeyBinding(("+",), CommandKind.EXTEND, minutes=1),
    KeyBinding(("s", SpecialKey.ENTER), CommandKind.NEXT_SPEAKER),
    KeyBinding(("x",), CommandKind.PASS),
    KeyBinding(("v",), CommandKind.EXAMPLE_QUESTION),
    KeyBinding(("u",), CommandKind.EXPLAIN),
    KeyBinding(("a",), CommandKind.ACTION_POINT),
    KeyBinding(("q",), CommandKind.STOP),
    KeyBinding(("j", "y"), CommandKind.CONFIRM_STOP),
    KeyBinding((SpecialKey.ESCAPE,), CommandKind.CANCEL),
)

_BY_KEY: dict[str, KeyBinding] = {key: binding for binding in KEY_MAP for key in binding.keys}
_SPECIAL_KEYS = frozenset(key.value for key in SpecialKey)


def key_label(key: str) -> str:
    """How a key is written on screen: "n", "+", "spatie", "→"."""
    if key in _SPECIAL_KEYS:
        return t(f"keys.name.{key}")
    return key


def key_help() -> list[tuple[str, str]]:
    """(keys, what they do) for every binding, in ``KEY_MAP`` order and the current language."""
    return [(binding.label(), binding.description()) for binding in KEY_MAP]


def keys_help() -> str:
    """All keys on one line for the session screen: "[n/→] volgende stap  [b/←] vorige stap ..."."""
    return "  ".join(
        [
            f"[{'/'.join(key_label(key) for key in binding.keys)}] {binding.description()}"
            for binding in KEY_MAP
        ]
        + [f"[1-9] {t('keys.choose_case_owner')}"]
    )


def key_items() -> list[str]:
    """The keys as items for the session screen, "[n/→] volgende stap", without the two
    answers to the stop question (the screen names those when the question is asked)."""
    answers = (CommandKind.CONFIRM_STOP, CommandKind.CANCEL)
    return [
        f"[{'/'.join(key_label(key) for key in binding.keys)}] {binding.description()}"
        for binding in KEY_MAP
        if binding.kind not in answers
    ]


def command_for_key(key: str) -> Command | None:
    """The command of a key, or ``None``. Letters count in either case (caps lock).

    A digit names a participant by the number shown on screen (1-9, 0 for the tenth):
    who brings the case.
    """
    if len(key) == 1 and key.isascii() and key.isdigit():
        seat = (int(key) or 10) - 1
        return Command(CommandKind.CHOOSE_CASE_OWNER, source="keyboard", participant=seat)
    binding = _BY_KEY.get(key) or (_BY_KEY.get(key.lower()) if len(key) == 1 else None)
    return binding.command if binding else None


_ESC, _CR, _LF, _SPACE = 0x1B, 0x0D, 0x0A, 0x20
_CSI, _SS3 = ord("["), ord("O")
_ARROWS = {ord("C"): SpecialKey.RIGHT, ord("D"): SpecialKey.LEFT}


class KeyDecoder:
    """Turns terminal bytes into keys, also when a sequence is split over two reads.

    A lone ESC byte may be the Esc key or the start of an arrow key that has not
    fully arrived; it stays ``pending`` until more bytes come or ``flush()`` is
    called (the reader does that when nothing follows within a few milliseconds).
    Alt+letter (ESC followed by a letter), other function keys and non-ASCII
    characters are ignored. Enter may arrive as CR, LF or CR LF: one key each time.
    """

    def __init__(self) -> None:
        self._buffer = b""
        self._after_cr = False

    @property
    def pending(self) -> bool:
        return bool(self._buffer)

    def feed(self, data: bytes) -> list[str]:
        buffer = self._buffer + data
        keys: list[str] = []
        i = 0
        while i < len(buffer):
            byte = buffer[i]
            if byte == _LF and self._after_cr:
                self._after_cr = False
                i += 1
                continue
            self._after_cr = byte == _CR
            if byte == _ESC:
                end = _escape_end(buffer, i)
                if end is None:
                    break
                key = _escape_key(buffer[i:end])
                if key is not None:
                    keys.append(key)
                i = end
                continue
            if byte in (_CR, _LF):
                keys.append(SpecialKey.ENTER)
            elif byte == _SPACE:
                keys.append(SpecialKey.SPACE)
            elif 0x21 <= byte <= 0x7E:
                keys.append(chr(byte))
            i += 1
        self._buffer = buffer[i:]
        return keys

    def flush(self) -> list[str]:
        """Take what is pending as complete: a lone ESC is the Esc key."""
        pending, self._buffer = self._buffer, b""
        return [SpecialKey.ESCAPE] if pending == bytes([_ESC]) else []


def _escape_end(buffer: bytes, start: int) -> int | None:
    """Where the escape sequence at ``start`` ends, or ``None`` if it is not complete yet."""
    if start + 1 >= len(buffer):
        return None
    kind = buffer[start + 1]
    if kind == _CSI:
        # ESC [ parameters (0x30-0x3F) intermediates (0x20-0x2F) final (0x40-0x7E)
        for i in range(start + 2, len(buffer)):
            if 0x40 <= buffer[i] <= 0x7E:
                return i + 1
            if not 0x20 <= buffer[i] <= 0x3F:
                return i  # malformed: drop what we have, read on from here
        return None
    if kind == _SS3:
        return start + 3 if start + 2 < len(buffer) else None
    if 0x21 <= kind <= 0x7E:
        return start + 2  # Alt+key
    return start + 1  # Esc, then whatever comes next


def _escape_key(sequence: bytes) -> str | None:
    if sequence == bytes([_ESC]):
        return SpecialKey.ESCAPE
    if len(sequence) >= 3 and sequence[1] in (_CSI, _SS3):
        return _ARROWS.get(sequence[-1])
    return None


def parse_keys(data: bytes) -> list[Command]:
    """The commands in ``data``, taken as complete input (a trailing ESC is the Esc key)."""
    decoder = KeyDecoder()
    keys = decoder.feed(data) + decoder.flush()
    return [command for command in map(command_for_key, keys) if command is not None]


class KeyReader:
    """Reads keys from the terminal while a session runs and reports their commands.

    A context manager. On entry, when ``fd`` (default: stdin) is a terminal and this
    process is in its foreground, the terminal goes into cbreak mode (keys arrive one
    by one, without echo; Ctrl+C still interrupts) and a daemon thread calls
    ``on_command`` for every mapped key. On exit, also after an exception, the thread
    is stopped and the terminal settings are put back as they were. Otherwise (stdin
    is a pipe, a file or missing: the session runs unattended) it does nothing and
    ``active`` stays false.

    ``on_command`` runs on the reader's thread: hand the command over to the session
    loop (a queue) rather than acting on it there.
    """

    def __init__(
        self,
        on_command: Callable[[Command], None],
        *,
        fd: int | None = None,
        escape_delay: float = 0.05,
    ) -> None:
        self._on_command = on_command
        self._fd = _stdin_fd() if fd is None else fd
        self._escape_delay = escape_delay
        self._saved: list[Any] | None = None  # termios attributes
        self._thread: threading.Thread | None = None
        self._wake: tuple[int, int] | None = None
        self._stop_windows: threading.Event | None = None

    @property
    def active(self) -> bool:
        return self._thread is not None

    def __enter__(self) -> KeyReader:
        if self._fd is None or not os.isatty(self._fd) or not _in_foreground(self._fd):
            return self
        if sys.platform == "win32":
            return self._start_windows()
        import termios
        import tty

        self._saved = termios.tcgetattr(self._fd)
        self._wake = os.pipe()
        try:
            tty.setcbreak(self._fd)
            self._thread = threading.Thread(
                target=self._read_keys, args=(self._fd, self._wake[0]),
                name="facilitator-keys", daemon=True,
            )
            self._thread.start()
        except BaseException:
            self._close()
            raise
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self._close()

    def _start_windows(self) -> KeyReader:
        import msvcrt

        stop = self._stop_windows = threading.Event()

        def read_keys() -> None:
            while not stop.wait(0.02):
                while msvcrt.kbhit():  # type: ignore[attr-defined,unused-ignore]
                    first = msvcrt.getwch()  # type: ignore[attr-defined,unused-ignore]
                    second = None
                    if first in _WINDOWS_PREFIXES:
                        second = msvcrt.getwch()  # type: ignore[attr-defined,unused-ignore]
                    key = windows_key(first, second)
                    command = command_for_key(key) if key is not None else None
                    if command is not None:
                        self._on_command(command)

        self._thread = threading.Thread(target=read_keys, name="facilitator-keys", daemon=True)
        self._thread.start()
        return self

    def _close(self) -> None:
        if self._stop_windows is not None:
            self._stop_windows.set()
        if self._wake is not None:
            os.write(self._wake[1], b"x")
        if self._thread is not None:
            self._thread.join(timeout=1.0)
            self._thread = None
        if self._saved is not None and self._fd is not None:
            import termios

            with contextlib.suppress(termios.error, OSError):
                termios.tcsetattr(self._fd, termios.TCSADRAIN, self._saved)
            self._saved = None
        self._stop_windows = None
        if self._wake is not None:
            for end in self._wake:
                os.close(end)
            self._wake = None

    def _read_keys(self, fd: int, wake: int) -> None:
        import select

        decoder = KeyDecoder()
        while True:
            timeout = self._escape_delay if decoder.pending else None
            try:
                readable, _, _ = select.select([fd, wake], [], [], timeout)
                if wake in readable:
                    return
                if readable:
                    data = os.read(fd, 1024)
                    if not data:
                        return  # end of input
                    keys = decoder.feed(data)
                else:
                    keys = decoder.flush()
            except (OSError, ValueError):
                return  # the terminal went away
            for key in keys:
                command = command_for_key(key)
                if command is not None:
                    self._on_command(command)


_WINDOWS_PREFIXES = ("\x00", "\xe0")  # msvcrt.getwch() before the code of a special key
_WINDOWS_SPECIAL = {"M": SpecialKey.RIGHT, "K": SpecialKey.LEFT}


def windows_key(first: str, second: str | None = None) -> str | None:
    """The key that Windows' console reported as ``first`` (and, after the prefix of a
    special key, ``second``), or ``None`` for a key we do not use."""
    if first in _WINDOWS_PREFIXES:
        return _WINDOWS_SPECIAL.get(second or "")
    if first in ("\r", "\n"):
        return SpecialKey.ENTER
    if first == " ":
        return SpecialKey.SPACE
    if first == "\x1b":
        return SpecialKey.ESCAPE
    if len(first) == 1 and "!" <= first <= "~":
        return first
    return None


def _stdin_fd() -> int | None:
    try:
        return sys.stdin.fileno()
    except (AttributeError, OSError, ValueError):
        return None  # no stdin, or one without a descriptor (a test runner's)


def _in_foreground(fd: int) -> bool:
    """False when this process runs in the background of its terminal.

    Changing the terminal's settings from there would stop the process (SIGTTOU).
    """
    if sys.platform == "win32":
        return True  # no job control
    try:
        return os.tcgetpgrp(fd) == os.getpgrp()
    except OSError:
        return True  # not our controlling terminal: no job control applies
