"""Offline at run time: a whole meeting, with voice and sound, opens no network connection.

The meeting runs as a real process in the virtual room (espeak-ng speaks, PortAudio
plays through PulseAudio). Two guards watch it:

- a ``sitecustomize`` audit hook refuses every socket that is not a local (AF_UNIX)
  socket and every name lookup, and notes each attempt in a file, so that an attempt
  fails the test even when the code under test catches the error;
- ``strace`` (when installed; CI must have it) records the socket and connect system
  calls of the process and all its threads, which also catches what C libraries do.

AF_UNIX stays allowed: that is how PulseAudio (and JACK, which PortAudio looks for)
is reached on the same machine.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from facilitator.lang import t
from facilitator.meeting.sessionlog import read_log

PEOPLE = "Anna,Bram,Carla,Daan,Eva"
# Two short steps: a meeting waits for its last words to be spoken, so the less
# there is to say, the sooner the test is done.
SHORT_METHOD = """\
titel: Kort
doel: Om te proberen.
stappen:
  - id: ronde
    titel: Ronde
    duur: 1 min
    wie: groep
    instructie: Om de beurt.
  - id: slot
    titel: Slot
    duur: 1 min
    wie: groep
    instructie: Klaar.
"""
# How the messages about the loudspeaker and the voice end (after the problem itself).
SOUND_MESSAGES = tuple(
    t(key, problem="\0").split("\0")[1]
    for key in ("audio.device_lost", "audio.silent", "audio.chimes_only", "audio.spoken_failed")
)
TIMEOUT_S = 60

BLOCK_NETWORK = """
import os
import socket
import sys

_attempts = os.environ["NETWORK_ATTEMPTS"]
_LOOKUPS = {
    "socket.getaddrinfo", "socket.gethostbyname", "socket.gethostbyname_ex",
    "socket.gethostbyaddr", "socket.getnameinfo",
}


def _refuse(what):
    with open(_attempts, "a", encoding="utf-8") as report:
        report.write(what + "\\n")
    raise OSError(f"network use is not allowed here: {what}")


def _local(address):
    return isinstance(address, (str, bytes))  # a path: an AF_UNIX address


def _guard(event, args):
    if event == "socket.__new__" and args[1] != socket.AF_UNIX:
        _refuse(f"socket family {args[1]}")
    elif event in ("socket.connect", "socket.sendto", "socket.bind") and not _local(args[1]):
        _refuse(f"{event} {args[1]!r}")
    elif event in _LOOKUPS:
        _refuse(f"{event} {args!r}")


sys.addaudithook(_guard)
"""


def strace() -> list[str]:
    """The command prefix that traces socket use, or [] where strace is missing."""
    if shutil.which("strace") is None:
        if os.environ.get("CI", "").strip().lower() == "true":
            pytest.fail("strace is missing (apt install strace): CI must check system calls")
        return []
    return ["strace", "-f", "-qq", "--seccomp-bpf", "-e", "trace=socket,connect",
            "-e", "signal=none", "-o"]  # fmt: skip


class Guarded:
    """Runs commands under both guards and tells what they saw."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        guard = folder / "guard"
        guard.mkdir()
        (guard / "sitecustomize.py").write_text(BLOCK_NETWORK, encoding="utf-8")
        self.attempts = folder / "network-attempts.txt"
        self.attempts.touch()
        self.trace = folder / "syscalls.txt"
        self.tracer = strace()
        self.env = {
            **os.environ,  # the room's PULSE_SERVER and XDG_RUNTIME_DIR
            "PYTHONPATH": str(guard),
            "NETWORK_ATTEMPTS": str(self.attempts),
        }

    def run(self, *command: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
        traced = [*self.tracer, str(self.trace)] if self.tracer else []
        return subprocess.run(
            [*traced, *command], env={**self.env, **env}, capture_output=True, text=True,
            timeout=TIMEOUT_S, stdin=subprocess.DEVNULL, cwd=self.folder,
        )  # fmt: skip

    def refused(self) -> list[str]:
        return self.attempts.read_text(encoding="utf-8").splitlines()

    def socket_families(self) -> set[str] | None:
        """The address families of all sockets made and connected (None: not traced)."""
        if not self.tracer:
            return None
        calls = self.trace.read_text(encoding="utf-8")
        families = re.findall(r"\bsocket\((AF_\w+|\d+)", calls)
        families += re.findall(r"sa_family=(AF_\w+|\d+)", calls)
        return set(families)


def test_the_guards_see_a_network_connection(tmp_path: Path) -> None:
    guarded = Guarded(tmp_path)
    attempt = (
        "import socket\n"
        "try:\n    socket.create_connection(('127.0.0.1', 9), timeout=0.1)\n"
        "except OSError:\n    pass\n"
    )
    done = guarded.run(sys.executable, "-c", attempt, env={})
    assert done.returncode == 0, done.stderr  # the code under test swallowed the error...
    assert "127.0.0.1" in guarded.refused()[0]  # ...and the attempt was noted all the same
    assert guarded.socket_families() in (None, set())  # refused before the system call

    if guarded.tracer:  # without the hook (-S: no sitecustomize), strace sees the socket
        done = guarded.run(sys.executable, "-S", "-c", attempt, env={})
        assert done.returncode == 0, done.stderr
        assert guarded.socket_families() == {"AF_INET"}


@pytest.mark.room
@pytest.mark.espeak
def test_a_whole_meeting_opens_no_network_connection(tmp_path: Path) -> None:
    guarded = Guarded(tmp_path)
    config = tmp_path / "room.toml"
    config.write_text("rate = 500\n", encoding="utf-8")  # what is said at the end, said fast
    method = tmp_path / "kort.yaml"
    method.write_text(SHORT_METHOD, encoding="utf-8")
    log = tmp_path / "sessie.jsonl"
    done = guarded.run(
        str(Path(sys.executable).with_name("facilitator")), "run", str(method),
        "-p", PEOPLE, "--speed", "120", "--log", str(log),
        env={
            "FACILITATOR_CONFIG": str(config),
            "FACILITATOR_STATE_DIR": str(tmp_path / "state"),
        },
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    assert guarded.refused() == []
    events = read_log(log)
    assert events[-1]["event"] == "session_ended"
    assert events[-1]["reason"] == "completed"
    # The meeting really spoke and played: no message that sound or voice failed.
    # (Voice commands may be off for want of a speech model: that has its own message.)
    assert not [m for m in done.stderr.split("! ") if m.rstrip().endswith(SOUND_MESSAGES)]
    families = guarded.socket_families()
    if families is not None:
        assert "AF_UNIX" in families, "strace saw no socket at all: is it tracing?"
        assert families == {"AF_UNIX"}


@pytest.mark.room
@pytest.mark.espeak
def test_the_room_check_opens_no_network_connection(tmp_path: Path) -> None:
    guarded = Guarded(tmp_path)
    config = tmp_path / "room.toml"
    config.write_text("", encoding="utf-8")
    done = guarded.run(
        str(Path(sys.executable).with_name("facilitator")), "check",
        env={
            "FACILITATOR_CONFIG": str(config),
            "FACILITATOR_STATE_DIR": str(tmp_path / "state"),
            "FACILITATOR_DATA_DIR": str(tmp_path / "data"),
        },
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Traceback" not in done.stderr
    assert guarded.refused() == []
    assert "✓ Luidspreker" in done.stdout and "✓ Stem" in done.stdout
    families = guarded.socket_families()
    if families is not None:
        assert families == {"AF_UNIX"}
