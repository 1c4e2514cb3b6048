from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from contextlib import ExitStack
from pathlib import Path

import pytest
from click.testing import CliRunner

from facilitator.cli.app import main
from facilitator.errors import ConfigError
from facilitator.meeting.recovery import StateStore, one_session_at_a_time, state_path
from facilitator.meeting.sessionlog import read_log

PEOPLE = "Anna,Bram,Carla,Daan,Eva"
FIVE_STEPS = [
    "vraagintroductie",
    "probleemverkenning",
    "probleemdefinitie",
    "advisering",
    "evaluatie",
]
EXE = str(Path(sys.executable).with_name("facilitator"))


def test_state_is_saved_atomically_and_cleared(tmp_path: Path) -> None:
    store = StateStore(tmp_path / "s" / "session.json")
    assert store.load() is None
    store.save({"method": "x"}, {"version": 1})
    store.save({"method": "y"}, {"version": 1})
    saved = store.load()
    assert saved is not None and saved.request == {"method": "y"}
    assert [p.name for p in store.path.parent.iterdir()] == ["session.json"]
    store.clear()
    assert store.load() is None


def test_the_log_size_is_kept_with_the_state(tmp_path: Path) -> None:
    store = StateStore(tmp_path / "session.json")
    store.save({"method": "x"}, {"version": 1}, log_size=1234)
    saved = store.load()
    assert saved is not None and saved.log_size == 1234
    store.save({"method": "x"}, {"version": 1})  # a session without a log
    saved = store.load()
    assert saved is not None and saved.log_size is None


def test_a_damaged_state_file_gives_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "session.json"
    path.write_text("{half", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"session\.json"):
        StateStore(path).load()


def test_resume_without_a_saved_session_says_what_to_do() -> None:
    result = CliRunner().invoke(main, ["run", "--resume", "--text"])
    assert result.exit_code == 1
    assert "facilitator run" in result.stderr


def test_a_completed_session_leaves_no_state(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main, ["run", "alleen-maar-advies", "-n", "5", "-i", "2", "--speed", "3600", "--text"]
    )
    assert result.exit_code == 0, result.stderr
    assert not state_path().exists()


def start(log: Path, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [EXE, "run", *args, "--text", "--log", str(log)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        text=True,
        env=dict(os.environ),
    )


def read_until(process: subprocess.Popen[str], needle: str) -> None:
    assert process.stdout is not None
    for line in process.stdout:
        if needle in line:
            return
    raise AssertionError(f"the session ended before {needle!r}")


@pytest.mark.slow
@pytest.mark.parametrize("how", [signal.SIGKILL, signal.SIGTERM])
def test_a_killed_meeting_resumes_without_losing_or_repeating_a_step(
    tmp_path: Path, how: signal.Signals
) -> None:
    log = tmp_path / "s.jsonl"
    first = start(log, "vijf-stappen", "-p", PEOPLE, "-i", "Anna", "--speed", "300")
    # Let the advice round get under way, then kill the process in Carla's turn.
    read_until(first, "Ieder heeft")
    read_until(first, "jouw beurt")
    first.send_signal(how)
    first.communicate(timeout=30)
    assert state_path().exists()
    if how == signal.SIGTERM:
        assert read_log(log)[-1]["reason"] == "interrupted"  # ended cleanly
    else:
        # Killed just after logging what came next but before saving the state: the
        # resumed session lives through that moment again and logs it once.
        t = read_log(log)[-1]["t"] + 0.001
        unsaved = {"t": t, "event": "turn_started", "step": "advisering", "participant": "Zoë"}
        with log.open("a", encoding="utf-8") as f:
            f.write(json.dumps(unsaved) + "\n")

    second = start(log, "--resume", "--speed", "300")
    out, err = second.communicate(timeout=120)
    assert second.returncode == 0, err
    assert "verder waar we gebleven waren" in out
    assert not state_path().exists()

    events = read_log(log)
    fresh = [e["step"] for e in events if e["event"] == "step_started" and not e.get("resumed")]
    assert fresh == FIVE_STEPS  # each step started once: none lost, none repeated
    resumed = [e["step"] for e in events if e["event"] == "step_started" and e.get("resumed")]
    assert resumed == ["advisering"]
    turns = [e["participant"] for e in events if e["event"] == "turn_started"]
    assert sorted(turns) == ["Bram", "Carla", "Daan", "Eva"]  # one turn each, none twice
    times = [e["t"] for e in events if e["event"] == "step_started" and not e.get("resumed")]
    assert times == sorted(times)  # the resumed run carries on the same timeline
    assert events[-1]["event"] == "session_ended" and events[-1]["reason"] == "completed"
    ends = [e["reason"] for e in events if e["event"] == "session_ended"]
    assert ends == (["interrupted", "completed"] if how == signal.SIGTERM else ["completed"])
    report = CliRunner().invoke(main, ["report", str(log)])
    assert report.exit_code == 0 and "advisering" in report.stdout


def test_one_session_at_a_time_on_one_computer() -> None:
    with ExitStack() as first:
        first.enter_context(one_session_at_a_time())
        with pytest.raises(ConfigError, match=rf"proces {os.getpid()}\b"), one_session_at_a_time():
            pass
    with one_session_at_a_time():  # released when the first one ended
        pass


def test_a_second_run_stops_with_a_message_and_leaves_the_first_ones_state() -> None:
    StateStore().save({"method": "vijf-stappen"}, {"version": 1})
    before = state_path().read_bytes()
    with one_session_at_a_time():
        result = CliRunner().invoke(main, ["run", "vijf-stappen", "-n", "5", "--text"])
    assert result.exit_code == 1
    assert "al een sessie" in result.stderr and "Traceback" not in result.output
    assert state_path().read_bytes() == before
