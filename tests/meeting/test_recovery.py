from __future__ import annotations

import json
import os
import signal
import stat
import subprocess
import sys
from contextlib import ExitStack
from pathlib import Path

import pytest
from click.testing import CliRunner
from enginetools import says
from statetools import snapshot_of

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
SNAPSHOT = snapshot_of(["a", "b"])


def test_state_is_saved_atomically_and_cleared(tmp_path: Path) -> None:
    store = StateStore(tmp_path / "s" / "session.json")
    assert store.load() is None
    store.save({"method": "x"}, SNAPSHOT)
    store.save({"method": "y"}, SNAPSHOT)
    saved = store.load()
    assert saved is not None and saved.request == {"method": "y"}
    assert [p.name for p in store.path.parent.iterdir()] == ["session.json"]
    store.clear()
    assert store.load() is None


def test_the_log_size_and_unwritten_lines_are_kept_with_the_state(tmp_path: Path) -> None:
    store = StateStore(tmp_path / "session.json")
    store.save({"method": "x"}, SNAPSHOT, log_size=1234, log_pending=['{"t": 1}'], t=61.5)
    saved = store.load()
    assert saved is not None and saved.log_size == 1234
    assert saved.log_pending == ('{"t": 1}',) and saved.t == 61.5
    store.save({"method": "x"}, SNAPSHOT)  # a session without a log
    saved = store.load()
    assert saved is not None and saved.log_size is None and saved.log_pending == ()


def test_a_state_that_cannot_be_saved_goes_to_the_fallback_until_it_can(tmp_path: Path) -> None:
    blocked = tmp_path / "vol"
    blocked.write_text("", encoding="utf-8")  # a file where the folder should be
    store = StateStore(blocked / "session.json", fallback=tmp_path / "ram" / "s" / "session.json")
    store.save({"method": "x"}, snapshot_of(["a", "b"]))
    assert store.in_fallback and store.problem
    assert store.fallback is not None and store.fallback.exists()
    assert stat.S_IMODE(store.fallback.parent.stat().st_mode) == 0o700  # it names people
    later = {**snapshot_of(["a", "b"]), "elapsed_s": 90.0}
    store.save({"method": "x"}, later)
    saved = store.load()
    assert saved is not None and saved.snapshot["elapsed_s"] == 90.0
    blocked.unlink()  # room again
    store.save({"method": "x"}, {**later, "elapsed_s": 95.0})
    assert not store.in_fallback and not store.fallback.exists()
    saved = StateStore(store.path, fallback=store.fallback).load()
    assert saved is not None and saved.snapshot["elapsed_s"] == 95.0


def test_the_later_of_the_two_states_is_resumed(tmp_path: Path) -> None:
    main, spare = tmp_path / "a" / "session.json", tmp_path / "b" / "session.json"
    StateStore(spare, fallback=None).save({"method": "x"}, {**SNAPSHOT, "elapsed_s": 200.0})
    StateStore(main, fallback=None).save({"method": "x"}, {**SNAPSHOT, "elapsed_s": 100.0})
    saved = StateStore(main, fallback=spare).load()
    assert saved is not None and saved.snapshot["elapsed_s"] == 200.0
    StateStore(main, fallback=spare).clear()
    assert not main.exists() and not spare.exists()


def test_a_killed_save_leaves_nothing_that_fills_the_disk(tmp_path: Path) -> None:
    leftover = tmp_path / ".session-abc.tmp"
    leftover.write_text("{half", encoding="utf-8")
    StateStore(tmp_path / "session.json").save({"method": "x"}, SNAPSHOT)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["session.json"]


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


def read_until(process: subprocess.Popen[str], key: str) -> None:
    """Reads the session's output until it says one of the phrasings of ``key``."""
    assert process.stdout is not None
    for line in process.stdout:
        if says(line, key):
            return
    raise AssertionError(f"the session ended before {key!r}")


@pytest.mark.slow
@pytest.mark.parametrize("how", [signal.SIGKILL, signal.SIGTERM])
def test_a_killed_meeting_resumes_without_losing_or_repeating_a_step(
    tmp_path: Path, how: signal.Signals
) -> None:
    log = tmp_path / "s.jsonl"
    first = start(log, "vijf-stappen", "-p", PEOPLE, "-i", "Anna", "--speed", "300")
    # Let the advice round get under way, then kill the process in Carla's turn.
    read_until(first, "session.turn_each")
    read_until(first, "session.turn_thanks")
    first.send_signal(how)
    first.communicate(timeout=30)
    assert state_path().exists()
    if how == signal.SIGTERM:
        assert read_log(log)[-1]["reason"] == "interrupted"  # ended cleanly
    else:
        # Killed while a line was being written: the state holds that line (it is
        # saved first), and the resume writes it whole instead of the torn half.
        t = read_log(log)[-1]["t"] + 0.001
        unsaved = {"t": t, "event": "turn_started", "step": "advisering", "participant": "Zoë"}
        with log.open("a", encoding="utf-8") as f:
            f.write(json.dumps(unsaved)[:30])
    written = log.read_bytes().rsplit(b"\n", 1)[0]  # every complete line so far

    second = start(log, "--resume", "--speed", "300")
    out, err = second.communicate(timeout=120)
    assert second.returncode == 0, err
    assert says(out, "session.resumed_after_break")
    assert not state_path().exists()

    assert log.read_bytes().startswith(written)  # no line that was written is lost
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


@pytest.mark.slow
def test_resume_with_a_new_log_goes_on_there_and_leaves_the_old_one(tmp_path: Path) -> None:
    old, new = tmp_path / "oud.jsonl", tmp_path / "nieuw.jsonl"
    first = start(old, "alleen-maar-advies", "-n", "5", "-i", "1", "--speed", "300")
    read_until(first, "session.step_start")
    read_until(first, "session.step_start")  # step 2 has begun
    first.send_signal(signal.SIGKILL)
    first.communicate(timeout=30)
    old.write_bytes(b"kapot\n" + old.read_bytes())  # no longer a log: it blocks the resume
    blocked = start(old, "--resume", "--speed", "3600")
    _, err = blocked.communicate(timeout=60)
    assert blocked.returncode == 1 and "--log" in err
    before = old.read_bytes()
    second = start(new, "--resume", "--speed", "3600")
    _, err = second.communicate(timeout=120)
    assert second.returncode == 0, err
    assert str(new) in err  # said where the resumed session is logged
    assert old.read_bytes() == before
    events = read_log(new)
    assert events[0]["event"] == "session_started" and events[0].get("resumed") is True
    assert events[-1]["reason"] == "completed"
