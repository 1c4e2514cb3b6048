"""What a member does at home runs where the Unix-only modules are missing (Windows).

Each command runs as a real subprocess whose interpreter cannot import ``fcntl``,
``termios``, ``tty``, ``pwd``, ``grp`` or ``resource``: a ``sitecustomize`` puts a
finder in front of ``sys.meta_path`` that refuses them, as they are absent on Windows.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from room import Room

from facilitator.meeting.report import MARKER
from facilitator.meeting.sessionlog import read_log

EXE = str(Path(sys.executable).with_name("facilitator"))
UNIX_ONLY = ("fcntl", "termios", "tty", "pwd", "grp", "resource")

BLOCKER = f"""\
import sys

BLOCKED = {UNIX_ONLY!r}


class _NotOnWindows:
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in BLOCKED:
            raise ImportError(f"{{name}} is not available on this system (test)", name=name)
        return None


for _name in BLOCKED:
    sys.modules.pop(_name, None)
sys.meta_path.insert(0, _NotOnWindows())
"""


@pytest.fixture
def windows_like(tmp_path: Path) -> dict[str, str]:
    """The environment of an interpreter without the Unix-only modules."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "sitecustomize.py").write_text(BLOCKER, encoding="utf-8")
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(site), env.get("PYTHONPATH")) if p)
    return env


def cli(env: dict[str, str], *args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [EXE, *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=env,
        stdin=subprocess.DEVNULL,
    )


def ran_cleanly(done: subprocess.CompletedProcess[str]) -> None:
    assert "Traceback" not in done.stderr, done.stderr
    assert done.returncode == 0, done.stderr


def test_the_blocker_really_blocks(windows_like: dict[str, str]) -> None:
    for name in UNIX_ONLY:
        done = subprocess.run(
            [sys.executable, "-c", f"import {name}"],
            capture_output=True, text=True, env=windows_like, timeout=60,
        )
        assert done.returncode != 0
        assert "not available on this system" in done.stderr


def test_a_rehearsal_of_one_step_runs_to_its_end(
    windows_like: dict[str, str], tmp_path: Path
) -> None:
    log = tmp_path / "rehearsal.jsonl"
    done = cli(
        windows_like,
        "rehearse", "vijf-stappen", "--step", "vraagintroductie",
        "--speed", "600", "--text", "--advance", "--log", str(log),
    )
    ran_cleanly(done)
    events = [e["event"] for e in read_log(log)]
    assert events[0] == "session_started"
    assert events[-1] == "session_ended"
    assert "step_ended" in events
    assert "vraagintroductie" in done.stdout  # the report of time per part

    report = cli(windows_like, "report", str(log), "--markdown", str(tmp_path / "r.md"))
    ran_cleanly(report)
    assert "vraagintroductie" in report.stdout
    report = (tmp_path / "r.md").read_text(encoding="utf-8")
    assert report.startswith(f"{MARKER}\n# ")


def test_a_whole_method_rehearsed_with_names(windows_like: dict[str, str]) -> None:
    done = cli(
        windows_like,
        "rehearse", "vijf-stappen", "--total", "45min", "-p", "Anna,Bram,Carla,Daan,Eva",
        "-i", "Anna", "--speed", "3600", "--text", "--advance", "--no-voice",
    )
    ran_cleanly(done)
    assert "Bram" in done.stdout


def test_the_methods_commands(windows_like: dict[str, str], tmp_path: Path) -> None:
    listed = cli(windows_like, "methods", "list")
    ran_cleanly(listed)
    assert "vijf-stappen" in listed.stdout

    shown = cli(
        windows_like, "methods", "show", "vijf-stappen", "--total", "1:00", "--start", "19:30"
    )
    ran_cleanly(shown)
    assert "19:30" in shown.stdout

    made = cli(windows_like, "methods", "new", "thuis", "--from", "vijf-stappen",
               "--folder", str(tmp_path))
    ran_cleanly(made)
    assert (tmp_path / "thuis.yaml").is_file()

    checked = cli(windows_like, "methods", "check", str(tmp_path / "thuis.yaml"), "vijf-stappen")
    ran_cleanly(checked)

    page = tmp_path / "thuis.html"
    exported = cli(windows_like, "methods", "export", str(tmp_path / "thuis.yaml"), "--html",
                   "-o", str(page))
    ran_cleanly(exported)
    assert page.is_file()


def test_a_run_goes_on_without_a_file_lock(windows_like: dict[str, str]) -> None:
    # Without fcntl (and without msvcrt, as here) there is no lock to take: the
    # meeting runs all the same.
    done = cli(
        windows_like, "run", "vijf-stappen", "--speed", "3600", "--text", "--advance",
        "--no-voice", "-n", "5",
    )
    ran_cleanly(done)


@pytest.mark.room
@pytest.mark.espeak
def test_say_speaks_into_the_room(windows_like: dict[str, str], room: Room) -> None:
    room_env = {k: v for k, v in os.environ.items() if k.startswith(("XDG", "PULSE"))}
    env = {**windows_like, **room_env}
    with room.recording() as recording:
        done = cli(env, "say", "Welkom bij de intervisie.")
        recording.listen_on(0.3)
    ran_cleanly(done)
    assert (abs(recording.samples) > 0.02).sum() / recording.rate > 0.5
