"""The issue's acceptance as a real process: alleen-maar-advies with three topics, each
with its own inbrenger, and every shipped method framed by the opening and the closing."""

from __future__ import annotations

import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from enginetools import says

from facilitator.meeting.sessionlog import read_log
from facilitator.method.library import shipped_paths

PEOPLE = "Anna,Bram,Carla,Daan,Eva,Fleur"


def run(tmp_path: Path, *args: str) -> list[dict[str, Any]]:
    log = tmp_path / "s.jsonl"
    exe = Path(sys.executable).with_name("facilitator")
    done = subprocess.run(
        [str(exe), "run", *args, "--speed", "3000", "--text", "--no-voice", "--log", str(log)],
        capture_output=True,
        text=True,
        timeout=300,
        stdin=subprocess.DEVNULL,
    )
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    return [dict(e) for e in read_log(log)]


@pytest.mark.slow
def test_three_topics_each_with_its_own_inbrenger(tmp_path: Path) -> None:
    events = run(
        tmp_path, "alleen-maar-advies", "-p", PEOPLE, "-i", "Anna,Bram,Carla", "--repeat", "3"
    )
    assert events[-1]["event"] == "session_ended" and events[-1]["reason"] == "completed"
    owners = [e["participant"] for e in events if e["event"] == "case_owner_set"]
    assert owners == ["Anna", "Bram", "Carla"]
    owner = None
    advice_turns = 0
    for event in events:
        if event["event"] == "case_owner_set":
            owner = event["participant"]
        elif event["event"] == "turn_started" and event["step"].startswith("adviesronde"):
            advice_turns += 1
            assert event["participant"] != owner, event
    assert advice_turns >= 9
    said = [e.get("text", "") for e in events if e["event"] == "step_started"]
    # the method's own step 2 (the topic's presentation) starts once per topic
    assert sum(says(text, "session.step_start") and " 2: " in text for text in said) == 3


@pytest.mark.slow
@pytest.mark.parametrize("path", shipped_paths(), ids=lambda p: p.stem)
def test_every_shipped_method_framed_by_the_opening_and_the_closing(
    tmp_path: Path, path: Path
) -> None:
    events = run(
        tmp_path, path.stem, "-p", PEOPLE, "-i", "Anna", "--opening", "--closing", "--advance"
    )
    assert events[-1]["reason"] == "completed"
    steps = events[0]["steps"]
    phases = Counter(s["phase"] for s in steps if s["phase"] is not None)
    assert all(n == 1 for n in phases.values()), phases
    assert all(n == 1 for n in Counter(s["title"] for s in steps).values())
    set_at = [e["t"] for e in events if e["event"] == "case_owner_set"]
    choice = [s["id"] for s in steps if s["phase"] == "case_choice"]
    if choice:
        started = next(e["t"] for e in events if e.get("step") == choice[0])
        assert set_at and set_at[0] >= started
        assert [e["participant"] for e in events if e["event"] == "case_owner_set"] == ["Anna"]
