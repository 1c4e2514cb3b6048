"""A real terminal for end-to-end tests: ``facilitator`` runs on a pseudo-terminal of a
given size, and what it draws is read by a terminal emulator (pyte), as a chair would
see it. Keys are typed on the other side."""

from __future__ import annotations

import fcntl
import os
import pty
import select
import signal
import struct
import subprocess
import sys
import termios
import time
from collections.abc import Callable
from pathlib import Path

import pyte

WAIT_S = 60.0  # the longest a test waits for something to appear (a loaded machine)


class Terminal:
    def __init__(self, args: list[str], columns: int = 80, rows: int = 24) -> None:
        self.screen = pyte.Screen(columns, rows)
        self.stream = pyte.ByteStream(self.screen)
        master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
        exe = Path(sys.executable).with_name("facilitator")
        env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": str(columns),
               "LINES": str(rows)}  # fmt: skip
        self.process = subprocess.Popen(
            [str(exe), *args], stdin=slave, stdout=slave, stderr=slave, env=env,
            start_new_session=True,
        )  # fmt: skip
        os.close(slave)
        self.master = master
        self.output = b""

    def lines(self) -> list[str]:
        return [line.rstrip() for line in self.screen.display]

    def text(self) -> str:
        return "\n".join(self.lines())

    def _read(self, timeout: float) -> bool:
        ready, _, _ = select.select([self.master], [], [], timeout)
        if not ready:
            return False
        try:
            data = os.read(self.master, 65536)
        except OSError:  # the program has ended and the terminal is closed
            return False
        if not data:
            return False
        self.output += data
        self.stream.feed(data)
        return True

    def wait_for(self, wanted: Callable[[str], bool] | str, timeout: float = WAIT_S) -> str:
        """The screen, once ``wanted`` (a text on it, or a test of it) holds."""
        check = (lambda screen: wanted in screen) if isinstance(wanted, str) else wanted
        deadline = time.monotonic() + timeout
        while not check(self.text()):
            left = deadline - time.monotonic()
            if left <= 0 or (not self._read(min(left, 1.0)) and self.process.poll() is not None):
                if check(self.text()):
                    break
                raise AssertionError(f"not on the screen in time; it shows:\n{self.text()}")
        return self.text()

    def type(self, keys: bytes) -> None:
        os.write(self.master, keys)

    def interrupt(self) -> None:
        self.process.send_signal(signal.SIGINT)

    def finish(self, timeout: float = WAIT_S) -> int:
        """The exit status, once the program has ended (reading what it still draws)."""
        deadline = time.monotonic() + timeout
        while self.process.poll() is None and time.monotonic() < deadline:
            self._read(0.2)
        while self._read(0.05):
            pass
        return self.process.wait(timeout=1)

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)
        os.close(self.master)
