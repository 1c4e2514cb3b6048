"""Keyboard control: key bytes to commands, and a real terminal through a pseudo-terminal."""

from __future__ import annotations

import contextlib
import os
import pty
import queue
import subprocess
import sys
import termios
import textwrap
import threading
from collections.abc import Iterator

import pytest
from hypothesis import given
from hypothesis import strategies as st

from facilitator.lang import get_pack, set_language
from facilitator.meeting.commands import Command, CommandKind
from facilitator.room.keyboard import (
    KEY_MAP,
    KeyDecoder,
    KeyReader,
    SpecialKey,
    command_for_key,
    key_help,
    keys_help,
    parse_keys,
)

K = CommandKind


@pytest.mark.parametrize(
    ("data", "kinds"),
    [
        (b"n", [K.NEXT_STEP]),
        (b"N", [K.NEXT_STEP]),
        (b"\x1b[C", [K.NEXT_STEP]),  # right arrow
        (b"\x1bOC", [K.NEXT_STEP]),  # right arrow, application cursor mode
        (b"\x1b[1;5C", [K.NEXT_STEP]),  # ctrl+right
        (b"b", [K.PREVIOUS_STEP]),
        (b"\x1b[D", [K.PREVIOUS_STEP]),
        (b"\x1bOD", [K.PREVIOUS_STEP]),
        (b"p", [K.PAUSE]),
        (b" ", [K.PAUSE]),
        (b"t", [K.TIME_LEFT]),
        (b"h", [K.REPEAT]),
        (b"+", [K.EXTEND]),
        (b"s", [K.NEXT_SPEAKER]),
        (b"\n", [K.NEXT_SPEAKER]),
        (b"\r", [K.NEXT_SPEAKER]),
        (b"\r\n", [K.NEXT_SPEAKER]),
        (b"\r\r", [K.NEXT_SPEAKER, K.NEXT_SPEAKER]),
        (b"\n\n", [K.NEXT_SPEAKER, K.NEXT_SPEAKER]),
        (b"v", [K.EXAMPLE_QUESTION]),
        (b"q", [K.STOP]),
        (b"Q", [K.STOP]),
        (b"j", [K.CONFIRM_STOP]),
        (b"y", [K.CONFIRM_STOP]),
        (b"\x1b", [K.CANCEL]),
        (b"\x1b\x1b", [K.CANCEL, K.CANCEL]),
        (b"q\x1b", [K.STOP, K.CANCEL]),
        (b"qj", [K.STOP, K.CONFIRM_STOP]),
        (b"x", [K.PASS]),
        (b"n\x1b[C \x1b[Db", [K.NEXT_STEP, K.NEXT_STEP, K.PAUSE, K.PREVIOUS_STEP, K.PREVIOUS_STEP]),
        # nothing bound, or not a key press we act on
        (b"", []),
        (b"z", []),
        (b"1", [CommandKind.CHOOSE_CASE_OWNER]),
        (b"\x1b[A", []),  # up arrow
        (b"\x1b[B", []),  # down arrow
        (b"\x1b[3~", []),  # delete
        (b"\x1b[15~", []),  # F5
        (b"\x1bn", []),  # alt+n
        (b"\x1bq", []),  # alt+q must not stop the session
        ("é".encode(), []),
        (b"\x03\x04\x7f\t", []),  # ctrl+c, ctrl+d, backspace, tab
        (b"\x1b[", []),  # an unfinished sequence at the end of input
        (b"\x1b[\x01n", [K.NEXT_STEP]),  # a malformed sequence does not swallow the next key
    ],
)
def test_parse_keys(data: bytes, kinds: list[CommandKind]) -> None:
    assert [command.kind for command in parse_keys(data)] == kinds


def test_extend_asks_for_one_minute_from_the_keyboard() -> None:
    assert parse_keys(b"+") == [Command(K.EXTEND, minutes=1, source="keyboard")]
    assert all(command.source == "keyboard" for command in parse_keys(b"nbpthsvqj\x1b"))


def test_decoder_waits_for_the_rest_of_a_split_arrow() -> None:
    decoder = KeyDecoder()
    assert decoder.feed(b"n\x1b") == ["n"]
    assert decoder.pending
    assert decoder.feed(b"[") == []
    assert decoder.feed(b"C") == [SpecialKey.RIGHT]
    assert not decoder.pending


def test_decoder_flush_makes_a_lone_escape_the_esc_key() -> None:
    decoder = KeyDecoder()
    assert decoder.feed(b"\x1b") == []
    assert decoder.flush() == [SpecialKey.ESCAPE]
    assert decoder.flush() == []
    assert decoder.feed(b"\x1b[") == []
    assert decoder.flush() == []  # half a sequence is not a key


def test_decoder_joins_cr_lf_over_two_reads() -> None:
    decoder = KeyDecoder()
    assert decoder.feed(b"\r") == [SpecialKey.ENTER]
    assert decoder.feed(b"\n") == []
    assert decoder.feed(b"\n") == [SpecialKey.ENTER]


@given(st.binary(max_size=40), st.lists(st.integers(min_value=0, max_value=40), max_size=6))
def test_decoding_does_not_depend_on_how_the_bytes_are_split(
    data: bytes, cuts: list[int]
) -> None:
    whole = KeyDecoder()
    expected = whole.feed(data) + whole.flush()
    pieces = KeyDecoder()
    keys: list[str] = []
    start = 0
    for cut in [*sorted(cuts), len(data)]:
        keys += pieces.feed(data[start:cut])
        start = max(start, cut)
    keys += pieces.flush()
    assert keys == expected


def test_every_key_and_every_command_appears_once() -> None:
    keys = [key for binding in KEY_MAP for key in binding.keys]
    assert len(keys) == len(set(keys))
    kinds = [binding.kind for binding in KEY_MAP]
    assert len(kinds) == len(set(kinds))
    for binding in KEY_MAP:
        for key in binding.keys:
            assert command_for_key(key) == binding.command


@pytest.fixture
def language() -> Iterator[None]:
    before = get_pack().code
    yield
    set_language(before)


def test_key_help_in_dutch(language: None) -> None:
    set_language("nl")
    rows = dict(key_help())
    assert rows["n of →"] == "volgende stap"
    assert rows["p of spatie"] == "pauze / verder"
    assert rows["+"] == "één minuut erbij"
    assert rows["s of Enter"] == "volgende spreker"
    assert rows["x"] == "ik pas"
    assert rows["j of y"] == "ja, stoppen"
    assert "Esc" in rows


def test_keys_help_fits_on_one_line_for_the_session_screen(language: None) -> None:
    set_language("nl")
    line = keys_help()
    assert "\n" not in line
    assert line.startswith("[n/→] volgende stap  [b/←] vorige stap  [p/spatie] pauze / verder")
    assert "[+] één minuut erbij" in line
    assert line.endswith("[Esc] toch niet stoppen  [1-9] wie brengt de casus in")
    set_language("en")
    assert "[p/space] pause / resume" in keys_help()


@pytest.mark.parametrize("code", ["nl", "en"])
def test_key_help_has_text_for_every_binding(language: None, code: str) -> None:
    set_language(code)
    rows = key_help()
    assert len(rows) == len(KEY_MAP)
    for label, description in rows:
        assert label.strip() and description.strip()
        assert "{" not in label + description


# A real terminal: the reader gets the slave side of a pseudo-terminal, the test types
# on the master side.


@pytest.fixture
def terminal() -> Iterator[tuple[int, int]]:
    master, slave = pty.openpty()
    yield master, slave
    for fd in (master, slave):
        with contextlib.suppress(OSError):
            os.close(fd)  # a test may have closed it already


def received(commands: queue.Queue[Command], count: int) -> list[CommandKind]:
    return [commands.get(timeout=5).kind for _ in range(count)]


def test_keys_typed_on_a_terminal_arrive_as_commands(terminal: tuple[int, int]) -> None:
    master, slave = terminal
    commands: queue.Queue[Command] = queue.Queue()
    with KeyReader(commands.put, fd=slave) as reader:
        assert reader.active
        os.write(master, b"n")
        assert received(commands, 1) == [K.NEXT_STEP]
        os.write(master, b"\x1b[C \x1b[D+qj")
        assert received(commands, 6) == [
            K.NEXT_STEP, K.PAUSE, K.PREVIOUS_STEP, K.EXTEND, K.STOP, K.CONFIRM_STOP,
        ]
        os.write(master, b"\r")  # the terminal turns Enter into a newline
        assert received(commands, 1) == [K.NEXT_SPEAKER]
    assert not reader.active
    assert commands.empty()


def test_a_lone_escape_is_the_esc_key(terminal: tuple[int, int]) -> None:
    master, slave = terminal
    commands: queue.Queue[Command] = queue.Queue()
    with KeyReader(commands.put, fd=slave, escape_delay=0.01):
        os.write(master, b"q")
        os.write(master, b"\x1b")
        assert received(commands, 2) == [K.STOP, K.CANCEL]


def test_an_arrow_split_over_two_writes_is_one_key(terminal: tuple[int, int]) -> None:
    master, slave = terminal
    commands: queue.Queue[Command] = queue.Queue()
    # a long escape delay: the reader must wait for the rest, not report Esc
    with KeyReader(commands.put, fd=slave, escape_delay=30):
        os.write(master, b"\x1b[")
        os.write(master, b"D")
        os.write(master, b"t")
        assert received(commands, 2) == [K.PREVIOUS_STEP, K.TIME_LEFT]


def _lflag(fd: int) -> int:
    return int(termios.tcgetattr(fd)[3])


def test_cbreak_while_reading_and_settings_restored_after(terminal: tuple[int, int]) -> None:
    _, slave = terminal
    before = termios.tcgetattr(slave)
    assert _lflag(slave) & termios.ICANON and _lflag(slave) & termios.ECHO
    with KeyReader(lambda command: None, fd=slave):
        assert not _lflag(slave) & termios.ICANON
        assert not _lflag(slave) & termios.ECHO
        assert _lflag(slave) & termios.ISIG  # Ctrl+C still interrupts
    assert termios.tcgetattr(slave) == before
    assert not any(thread.name == "facilitator-keys" for thread in threading.enumerate())


def test_settings_restored_after_an_exception(terminal: tuple[int, int]) -> None:
    _, slave = terminal
    before = termios.tcgetattr(slave)
    with pytest.raises(KeyboardInterrupt), KeyReader(lambda command: None, fd=slave) as reader:
        assert reader.active
        raise KeyboardInterrupt
    assert termios.tcgetattr(slave) == before
    assert not reader.active


def test_a_terminal_that_goes_away_ends_the_reader(terminal: tuple[int, int]) -> None:
    master, slave = terminal
    commands: queue.Queue[Command] = queue.Queue()
    with KeyReader(commands.put, fd=slave):
        os.write(master, b"h")
        assert received(commands, 1) == [K.REPEAT]
        os.close(master)  # the reader now reads an error (EIO) and stops
    assert commands.empty()


def test_no_terminal_means_no_reader() -> None:
    read_end, write_end = os.pipe()
    try:
        with KeyReader(lambda command: None, fd=read_end) as reader:
            assert not reader.active
    finally:
        os.close(read_end)
        os.close(write_end)


def test_stdin_without_a_descriptor_means_no_reader() -> None:
    # pytest replaces stdin with an object that has no file descriptor
    with KeyReader(lambda command: None) as reader:
        assert not reader.active


_FOREGROUND_CHECK = textwrap.dedent(
    """
    import os, sys
    from facilitator.room.keyboard import KeyReader

    os.setsid()
    fd = os.open(sys.argv[1], os.O_RDWR)  # a session leader's first tty becomes its own
    if sys.argv[2] == "background":
        child = os.fork()
        if child:
            _, status = os.waitpid(child, 0)
            sys.exit(os.waitstatus_to_exitcode(status))
        os.setpgid(0, 0)  # a new process group, not the terminal's foreground one
    with KeyReader(lambda command: None, fd=fd) as reader:
        print("active" if reader.active else "inactive", flush=True)
    os._exit(0)
    """
)


@pytest.mark.parametrize(
    ("where", "expected"), [("foreground", "active"), ("background", "inactive")]
)
def test_a_background_process_leaves_the_terminal_alone(
    terminal: tuple[int, int], where: str, expected: str
) -> None:
    _, slave = terminal
    result = subprocess.run(
        [sys.executable, "-c", _FOREGROUND_CHECK, os.ttyname(slave), where],
        capture_output=True, text=True, timeout=30, check=False,
    )
    assert (result.returncode, result.stdout.strip()) == (0, expected), result.stderr


def test_windows_console_keys() -> None:
    from facilitator.room.keyboard import windows_key

    assert windows_key("\xe0", "M") == SpecialKey.RIGHT
    assert windows_key("\x00", "K") == SpecialKey.LEFT
    assert windows_key("\xe0", "H") is None  # arrow up: not used
    assert windows_key("\r") == SpecialKey.ENTER
    assert windows_key(" ") == SpecialKey.SPACE
    assert windows_key("\x1b") == SpecialKey.ESCAPE
    assert windows_key("N") == "N"
    assert windows_key("é") is None
    next_step = Command(CommandKind.NEXT_STEP, source="keyboard")
    assert command_for_key(windows_key("N") or "") == next_step


def test_on_windows_the_console_keys_arrive_through_msvcrt(
    terminal: tuple[int, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The Windows reader with a stand-in for msvcrt (it cannot run here), fed what the
    Windows console gives for n, arrow right, space and Enter; termios is never used."""
    import types

    typed = queue.Queue[str]()
    for char in ["n", "\xe0", "M", " ", "\r"]:
        typed.put(char)
    msvcrt = types.ModuleType("msvcrt")
    msvcrt.kbhit = lambda: not typed.empty()  # type: ignore[attr-defined]
    msvcrt.getwch = typed.get_nowait  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "msvcrt", msvcrt)
    monkeypatch.setitem(sys.modules, "termios", None)
    monkeypatch.setattr(sys, "platform", "win32")
    _, slave = terminal
    commands: queue.Queue[Command] = queue.Queue()
    with KeyReader(commands.put, fd=slave) as reader:
        assert reader.active
        assert received(commands, 4) == [K.NEXT_STEP, K.NEXT_STEP, K.PAUSE, K.NEXT_SPEAKER]
    assert not reader.active
