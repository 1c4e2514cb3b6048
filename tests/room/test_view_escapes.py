"""Text from a method, a name or a notice never steers the terminal: a whole session
drawn by the live view under a pseudo-terminal, with hostile text everywhere it can
come from, writes none of its escape sequences, and shows them visibly instead."""

from __future__ import annotations

import io
import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest

from facilitator.meeting.engine import SessionView
from facilitator.room.view import PlainDisplay

TESTS = Path(__file__).resolve().parents[1]  # the tests folder, where enginetools is
# A window title (OSC), clear screen, alternate screen, a C1 CSI, a bell, a line feed
# with a carriage return that would write over the line above.
EVIL = "\x1b]0;pwned\x07\x1b[2J\x1b[?1049h\x9b2J\r\n"
PAYLOADS = [b"\x1b]0;pwned", b"\x1b[2J", b"\x1b[?1049h", "\x9b".encode(), b"\x07"]

CHILD = f"""
from dataclasses import replace
from enginetools import method, step
from facilitator.meeting.clock import ScaledClock
from facilitator.meeting.engine import Session, SessionSettings
from facilitator.method.definition import TurnRound
from facilitator.meeting.plan import Participants, build_plan
from facilitator.meeting.runner import Runner
from facilitator.meeting.sessionlog import NullLog
from facilitator.speech.output import SilentOutput
from facilitator.room.view import LiveDisplay

EVIL = {EVIL!r}
first = replace(step("a", 1, turns=TurnRound()), title="Titel" + EVIL, instruction="Doe" + EVIL)
second = replace(step("b", 1), title="Volgende" + EVIL)
plan = build_plan(method(first, second), Participants.named(["Anna" + EVIL, "Bram"], None))
display = LiveDisplay("toetsen")
display.notice("Let op" + EVIL)
session = Session(plan, SessionSettings(grace_s=0))
runner = Runner(session, ScaledClock(600), SilentOutput(), NullLog(), display)
print(runner.run())
display.close()
"""


def run_in_a_terminal() -> bytes:
    main, child_end = pty.openpty()
    env = dict(os.environ, PYTHONPATH=str(TESTS), TERM="xterm-256color", COLUMNS="100")
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD],
        stdin=child_end,
        stdout=child_end,
        stderr=child_end,
        env=env,
        close_fds=True,
    )
    os.close(child_end)
    out = bytearray()
    while True:
        try:
            chunk = os.read(main, 65536)
        except OSError:  # EIO: the child closed the terminal
            break
        if not chunk:
            break
        out += chunk
    os.close(main)
    assert child.wait(timeout=60) == 0, out.decode("utf-8", "replace")
    return bytes(out)


def test_hostile_text_in_the_live_view_reaches_the_terminal_only_as_pictures() -> None:
    out = run_in_a_terminal()
    assert b"completed" in out  # the session ran to its end
    assert b"\x1b[" in out  # the live view itself did draw (with its own sequences)
    for payload in PAYLOADS:
        assert payload not in out, payload
    assert "␛]0;pwned␇".encode() in out  # shown for what it is


@pytest.mark.parametrize("encoding", ["utf-8", "ascii"])
def test_the_text_lines_are_inert_in_any_encoding(encoding: str) -> None:
    raw = io.BytesIO()
    stream = io.TextIOWrapper(raw, encoding=encoding, errors="replace")
    view = SessionView(1, 1, "a", "T", "", "method", 60, 60, 60, False, False, None, None,
                       None, None, False, None, None, 0.0)  # fmt: skip
    PlainDisplay(stream).said("Welkom" + EVIL + "é", view)
    stream.flush()
    written = raw.getvalue()
    for payload in [*PAYLOADS, b"\r"]:  # (the live view moves with \r itself)
        assert payload not in written
    assert written.startswith(b"[0:00] Welkom") and written.endswith(b"\n")
