"""A real ``facilitator run`` with the room display, as a process of its own."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

FACILITATOR = str(Path(sys.executable).with_name("facilitator"))


class Meeting:
    """``facilitator run ARGS`` in ``folder`` (its own state and config), read as it runs."""

    def __init__(self, folder: Path, *args: str, config: str = "") -> None:
        self.folder = folder
        (folder / "room.toml").write_text(config, encoding="utf-8")
        self.env = {
            **os.environ,
            "FACILITATOR_CONFIG": str(folder / "room.toml"),
            "FACILITATOR_STATE_DIR": str(folder / "state"),
        }
        self.lines: list[str] = []
        self.errors = ""
        self.process = subprocess.Popen(
            [FACILITATOR, "run", *args, "--text", "--no-voice"],
            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            text=True, env=self.env, cwd=folder,
        )  # fmt: skip
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.append(line.rstrip("\n"))

    def wait_for(self, pattern: str, timeout: float = 30.0) -> re.Match[str]:
        """The first output line that matches ``pattern``, as soon as it is printed."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for line in list(self.lines):
                found = re.search(pattern, line)
                if found:
                    return found
            if self.process.poll() is not None and not self._reader.is_alive():
                self.finish()
                break
            time.sleep(0.05)
        raise AssertionError(f"no line like {pattern!r} in {self.lines}; {self.stderr()}")

    def stderr(self) -> str:
        return self.errors

    def interrupt(self) -> int:
        """Ends the meeting as a kill does (SIGTERM): cleanly, ready to be resumed."""
        self.process.send_signal(signal.SIGTERM)
        return self.finish()

    def finish(self, timeout: float = 60.0) -> int:
        _, self.errors = self.process.communicate(timeout=timeout)
        self._reader.join(timeout=5)
        return self.process.returncode

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            _, self.errors = self.process.communicate(timeout=10)
