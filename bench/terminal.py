"""Running a program in a pseudo-terminal, as a person would in a real terminal.

Full-screen programs (termdown) and facilitator's live screen only run, or only
draw, when their output is a terminal. ``PtyProcess`` gives them one, keeps reading
what they draw (so they never block on a full buffer) and notes when each chunk
arrived.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import struct
import subprocess
import termios
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field


@dataclass
class PtyProcess:
    process: subprocess.Popen[bytes]
    master: int
    spawned: float  # monotonic, just before the spawn
    chunks: list[tuple[float, bytes]] = field(default_factory=list)
    _reader: threading.Thread | None = None

    @classmethod
    def spawn(
        cls,
        argv: Sequence[str],
        env: dict[str, str],
        columns: int = 100,
        rows: int = 30,
    ) -> PtyProcess:
        master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
        spawned = time.monotonic()
        process = subprocess.Popen(
            list(argv),
            env={**env, "TERM": env.get("TERM", "xterm-256color")},
            stdin=slave,
            stdout=slave,
            stderr=slave,
            start_new_session=True,
        )
        os.close(slave)
        running = cls(process, master, spawned)
        running._reader = threading.Thread(target=running._read, name="bench-pty", daemon=True)
        running._reader.start()
        return running

    def _read(self) -> None:
        while True:
            try:
                data = os.read(self.master, 65536)
            except OSError:
                return  # the program closed the terminal
            if not data:
                return
            self.chunks.append((time.monotonic(), data))

    def first_output(self) -> float | None:
        return self.chunks[0][0] if self.chunks else None

    def first_byte(self, byte: bytes) -> float | None:
        """When ``byte`` (such as the bell, ``b"\\a"``) first appeared in the output."""
        for t, data in self.chunks:
            if byte in data:
                return t
        return None

    @property
    def output(self) -> bytes:
        return b"".join(data for _, data in self.chunks)

    def send(self, data: bytes) -> None:
        os.write(self.master, data)

    def finish(self, timeout: float = 10.0) -> int:
        """Waits for the program to end (killing it after ``timeout``); its exit status."""
        try:
            code = self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            code = self.process.wait()
        if self._reader is not None:
            self._reader.join(timeout=2)
        with contextlib.suppress(OSError):
            os.close(self.master)
        return code
