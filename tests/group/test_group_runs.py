"""Issue 12's "Done when": a group, two real ``facilitator run --group`` meetings with
action points typed in between, and what the second log and ``group show`` keep.

Each command is a real subprocess in the test's private data folder (conftest).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.slow

MEMBERS = ["Anna", "Bram", "Carla", "Daan", "Eva", "Fleur"]
MEETING = ["--opening", "--closing", "--advance", "--speed", "3000", "--text"]


def facilitator(cwd: Path, *args: str) -> str:
    exe = str(Path(sys.executable).with_name("facilitator"))
    done = subprocess.run(
        [exe, *args],
        cwd=cwd,
        env=dict(os.environ),  # with the private folders that conftest set
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr + done.stdout
    assert "Traceback" not in done.stderr
    return done.stdout


def events(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


def test_two_meetings_of_a_group_remember_chairs_inbrengers_and_action_points(
    tmp_path: Path,
) -> None:
    facilitator(tmp_path, "group", "new", "wijkteam", "--members", ",".join(MEMBERS))
    first = facilitator(
        tmp_path, "run", "vijf-stappen", "--group", "wijkteam", "-i", "Anna", *MEETING,
        "--log", "1.jsonl",
    )  # fmt: skip
    facilitator(
        tmp_path, "group", "actions", "wijkteam", "add", "Bram", "Gesprek met teamleider plannen"
    )
    facilitator(tmp_path, "group", "actions", "wijkteam", "add", "Eva")
    second = facilitator(
        tmp_path, "run", "roddelmethode", "--group", "wijkteam", "-i", "Carla", *MEETING,
        "--log", "2.jsonl",
    )  # fmt: skip

    one, two = events(tmp_path / "1.jsonl"), events(tmp_path / "2.jsonl")
    started = next(e for e in two if e["event"] == "session_started")
    assert started["participants"] == MEMBERS

    chairs = [next(e["chair"] for e in log if e["event"] == "group_meeting") for log in (one, two)]
    assert chairs[0] != chairs[1]
    for chair, out in zip(chairs, (first, second), strict=True):
        welcome = next(line for line in out.splitlines() if line.startswith("["))
        assert chair in welcome  # the opening names the chair of the day

    look_back = {s["id"] for s in started["steps"] if s["phase"] == "look_back"}
    assert look_back
    turns = [
        e["participant"] for e in two if e["event"] == "turn_started" and e["step"] in look_back
    ]
    assert turns == ["Bram", "Eva"]
    # The first meeting had nobody to look back on: one sentence, no turns.
    assert not [e for e in one if e["event"] == "turn_started" and e["step"] in look_back]

    shown = json.loads(facilitator(tmp_path, "group", "show", "wijkteam", "--json"))
    inbrengers = [(i["naam"], i["bijeenkomst"]) for i in shown["inbrengers"]]
    assert inbrengers == [("Anna", 1), ("Carla", 2)]
    assert all(re.fullmatch(r"\d{4}-\d{2}-\d{2}", i["datum"]) for i in shown["inbrengers"])
    points = [(a["wie"], a["tekst"]) for a in shown["actiepunten"]]
    assert points == [("Bram", "Gesprek met teamleider plannen"), ("Eva", None)]
