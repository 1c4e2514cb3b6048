"""A meeting whose log and state live on a tiny disk that fills up and is freed again,
killed (kill -9) in between and resumed each time: the meeting never stops because
of the disk, the final log has every step exactly once and in order, and no line
that was written before a kill is ever lost.

Needs a tmpfs mount (root, as on the test machine); skipped where that is refused.
"""

from __future__ import annotations

import errno
import os
import random
import re
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from facilitator.meeting.sessionlog import read_log

EXE = str(Path(sys.executable).with_name("facilitator"))
FIVE_STEPS = ["vraagintroductie", "probleemverkenning", "probleemdefinitie", "advisering"]
FIVE_STEPS.append("evaluatie")
PEOPLE = "Anna,Bram,Carla,Daan,Eva"


@pytest.fixture
def tiny_disk(tmp_path: Path) -> Iterator[Path]:
    disk = tmp_path / "disk"
    disk.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=96k,mode=0700", "tmpfs", str(disk)],
        capture_output=True,
        check=False,
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.decode().strip()}")
    try:
        yield disk
    finally:
        subprocess.run(["umount", "-l", str(disk)], check=False)


def fill(disk: Path) -> None:
    """Fills the disk to the last byte."""
    with (disk / "filler").open("ab", buffering=0) as filler:
        for size in (4096, 512, 1):
            try:
                while True:
                    filler.write(b"x" * size)
            except OSError as error:
                assert error.errno == errno.ENOSPC


def start(disk: Path, *args: str, fallback: str) -> subprocess.Popen[str]:
    env = dict(os.environ, FACILITATOR_STATE_DIR=str(disk / "state"))
    if fallback == "disk":  # else the test's own folder, on a disk with room
        env["FACILITATOR_STATE_FALLBACK"] = str(disk / "fallback")
    return subprocess.Popen(
        [EXE, "run", *args, "--text", "--no-voice", "--speed", "400", "--log", f"{disk}/s.jsonl"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        text=True,
        env=env,
    )


def lines_from(process: subprocess.Popen[str], count: int) -> bool:
    """Waits for ``count`` more lines the meeting shows; ``False`` when it ended first."""
    assert process.stdout is not None
    return all(process.stdout.readline() for _ in range(count))


def complete_lines(path: Path) -> bytes:
    content = path.read_bytes() if path.exists() else b""
    return content[: content.rfind(b"\n") + 1]


@pytest.mark.slow
@pytest.mark.parametrize("seed", [int(s) for s in os.environ.get("DISK_SEEDS", "1,2").split(",")])
@pytest.mark.parametrize("fallback", ["elsewhere", "disk"])  # disk: the fallback fails too
def test_a_meeting_survives_a_full_disk_and_kills(
    tiny_disk: Path, seed: int, fallback: str
) -> None:
    rng = random.Random(seed)
    log = tiny_disk / "s.jsonl"
    kept = b""  # every complete line written before the last kill
    kills = 0
    told = ""  # what the killed meetings said on stderr
    process = start(tiny_disk, "vijf-stappen", "-p", PEOPLE, "-i", "Anna", fallback=fallback)
    for _round in range(4):
        if not lines_from(process, rng.randint(2, 6)):
            break
        fill(tiny_disk)
        still_going = lines_from(process, rng.randint(1, 4))  # the meeting goes on
        if still_going and rng.random() < 0.5:
            (tiny_disk / "filler").unlink()  # room again, while it runs
            still_going = lines_from(process, rng.randint(1, 3))
        if not still_going:
            break
        process.send_signal(signal.SIGKILL)
        told += process.communicate(timeout=30)[1]
        kills += 1
        (tiny_disk / "filler").unlink(missing_ok=True)
        written = complete_lines(log)
        assert written.startswith(kept), "a line written before an earlier kill is gone"
        kept = written
        if not (tiny_disk / "state" / "session.json").exists():
            break  # the kill came just after the meeting's end: nothing to resume
        process = start(tiny_disk, "--resume", fallback=fallback)
    (tiny_disk / "filler").unlink(missing_ok=True)
    err = process.communicate(timeout=180)[1]
    assert process.returncode in (0, -signal.SIGKILL), err
    assert "Traceback" not in err + told
    assert kills >= 2  # and the full disk was said (for the log, or for the state):
    assert "kan nu niet worden" in told or "voorlopig in" in told

    assert log.read_bytes().startswith(kept)  # nothing written before was lost
    rescued = re.findall(r"Ze staan nu in (\S+)\.$", told + err, re.MULTILINE)
    if rescued and read_log(log)[-1]["event"] != "session_ended":
        # The meeting ended while the disk was full: its last lines went to the named
        # file. (When a kill came between that and the end, a resume finished the log.)
        whole = tiny_disk.parent / "whole.jsonl"
        whole.write_bytes(log.read_bytes() + b"".join(Path(p).read_bytes() for p in rescued))
        log = whole
    events = read_log(log)  # every line whole and valid
    fresh = [e["step"] for e in events if e["event"] == "step_started" and not e.get("resumed")]
    assert fresh == FIVE_STEPS  # each step once, in order: none lost, none repeated
    stamps = [e["t"] for e in events if e["event"] != "session_started"]
    assert stamps == sorted(stamps)  # one timeline, however often it was resumed
    assert events[-1]["event"] == "session_ended" and events[-1]["reason"] == "completed"
    assert [e["reason"] for e in events if e["event"] == "session_ended"] == ["completed"]
