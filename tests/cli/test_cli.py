from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from facilitator.cli.app import main
from facilitator.meeting.sessionlog import read_log

PEOPLE = "Anna,Bram,Carla,Daan,Eva"
SHIPPED = [
    "alleen-maar-advies",
    "vijf-stappen",
    "roddelmethode",
    "modelling",
    "reflecterend-team",
    "creatieve-brein",
    "basismodel",
    "zeven-fasen",
    "eerste-bijeenkomst",
    "opening",
    "afsluiting",
]


@pytest.fixture(autouse=True)
def default_room_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config = tmp_path / "room.toml"
    config.write_text("", encoding="utf-8")
    monkeypatch.setenv("FACILITATOR_CONFIG", str(config))


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


def test_methods_list_shows_every_shipped_method() -> None:
    code, out, _ = invoke("methods", "list")
    assert code == 0
    names = [line.split()[0] for line in out.splitlines() if line.strip()]
    assert sorted(names) == sorted(SHIPPED)
    five = next(line for line in out.splitlines() if line.startswith("vijf-stappen "))
    assert "60 min" in five


def test_methods_show_json() -> None:
    code, out, _ = invoke("methods", "show", "vijf-stappen", "--json")
    assert code == 0
    data = json.loads(out)
    assert data["total_s"] == 3600
    assert [s["duration_s"] for s in data["steps"]] == [300, 900, 900, 900, 600]
    assert all({"id", "title", "duration_s", "turn_round"} <= s.keys() for s in data["steps"])
    assert any(s["turn_round"] for s in data["steps"])


def test_methods_show_text_and_unknown_name() -> None:
    code, out, _ = invoke("methods", "show", "roddelmethode")
    assert code == 0 and "Roddel" in out
    code, _, err = invoke("methods", "show", "rodelmethode")
    assert code == 1
    assert "roddelmethode" in err and "Traceback" not in err


def test_methods_check_points_at_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "kapot.yaml"
    bad.write_text(
        "titel: Kapot\ndoel: testen\nstappen:\n  - id: een\n    titel: Een\n"
        "    instructie: Doe iets.\n",
        encoding="utf-8",
    )
    code, _, err = invoke("methods", "check", str(bad))
    assert code == 1
    assert f"{bad}:4" in err
    assert "duur" in err
    code, out, _ = invoke("methods", "check", "methods/vijf-stappen.yaml")
    assert code == 0 and "vijf-stappen.yaml" in out


def test_run_whole_method_in_text_mode(tmp_path: Path) -> None:
    log = tmp_path / "s.jsonl"
    code, _, err = invoke(
        "run",
        "roddelmethode",
        "-p",
        PEOPLE,
        "-i",
        "Anna",
        "--speed",
        "3600",
        "--text",
        "--log",
        str(log),
    )
    assert code == 0, err
    events = read_log(log)
    headers = [e["text"] for e in events if e["event"] == "step_started"]
    assert len(headers) == 5 and "stap 1: " in headers[0].lower()
    assert events[-1]["event"] == "session_ended"
    assert events[-1]["reason"] == "completed"


def test_run_with_frame_adds_opening_and_closing(tmp_path: Path) -> None:
    log = tmp_path / "s.jsonl"
    code, _, err = invoke(
        "run",
        "reflecterend-team",
        "-p",
        PEOPLE,
        "-i",
        "Bram",
        "--opening",
        "--closing",
        "--speed",
        "3600",
        "--text",
        "--log",
        str(log),
    )
    assert code == 0, err
    parts = [e["part"] for e in read_log(log) if e["event"] == "step_started"]
    assert parts[0] == "opening" and parts[-1] == "closing" and "method" in parts


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["-p", "Anna,Bram,Anna"], "Anna"),
        (["-p", "Anna,,Bram"], "lege naam"),
        (["-p", PEOPLE, "-i", "Zoë"], "Zoë"),
        (["-n", "5", "-i", "Anna"], "--participants"),
        (["-p", PEOPLE, "--speed", "0"], "--speed"),
        (["-p", PEOPLE, "--grace", "-3"], "--grace"),
        (["-p", PEOPLE, "--repeat", "2"], "--repeat"),
        (["-p", PEOPLE, "--total", "20min"], "tussen 31 en 120 minuten"),
        (["-p", PEOPLE, "--total", "lang"], "--total"),
        (["-p", PEOPLE, "--total", "45min", "--until", "23:59"], "niet allebei"),
        (["-p", PEOPLE, "--until", "7u"], "21:00"),
    ],
)
def test_run_rejects_bad_options_with_a_clear_message(args: list[str], needle: str) -> None:
    code, _, err = invoke("run", "vijf-stappen", *args, "--text")
    assert code == 1
    assert needle in err
    assert "Traceback" not in err


def test_run_unknown_method_suggests_names() -> None:
    code, _, err = invoke("run", "vijf-stapen", "--text")
    assert code == 1 and "vijf-stappen" in err


def test_rehearse_one_step_reports_its_time() -> None:
    code, out, err = invoke(
        "rehearse",
        "vijf-stappen",
        "--step",
        "vraagintroductie",
        "--speed",
        "3600",
        "--text",
        "--advance",
    )
    assert code == 0, err
    assert "5:00" in out


def test_report_writes_markdown(tmp_path: Path) -> None:
    log = tmp_path / "s.jsonl"
    # Without names, the inbrenger is given by seat number (or keyed in the meeting).
    invoke(
        "run", "alleen-maar-advies", "-n", "5", "-i", "1", "--speed", "3600", "--text",
        "--log", str(log),
    )  # fmt: skip
    code, out, err = invoke("report", str(log))
    assert code == 0, err
    markdown = log.with_suffix(".md").read_text(encoding="utf-8")
    assert "|" in markdown and "20:00" in out


def test_report_on_a_broken_log_names_the_line(tmp_path: Path) -> None:
    log = tmp_path / "kapot.jsonl"
    log.write_text('{"t": 0, "event": "session_started"}\nniet json\n', encoding="utf-8")
    code, _, err = invoke("report", str(log))
    assert code == 1 and f"{log}:2" in err


@pytest.mark.slow
def test_a_real_process_runs_the_meeting_to_its_end(tmp_path: Path) -> None:
    """The acceptance run: vijf-stappen, unattended, in a real process."""
    log = tmp_path / "s.jsonl"
    exe = Path(sys.executable).with_name("facilitator")
    env = dict(os.environ)
    done = subprocess.run(
        [
            str(exe),
            "run",
            "vijf-stappen",
            "--participants",
            PEOPLE,
            "--case-owner",
            "Anna",
            "--speed",
            "600",
            "--text",
            "--log",
            str(log),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        stdin=subprocess.DEVNULL,
    )
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    events = read_log(log)
    started = [e for e in events if e["event"] == "step_started"]
    assert [e["step"] for e in started] == [
        "vraagintroductie",
        "probleemverkenning",
        "probleemdefinitie",
        "advisering",
        "evaluatie",
    ]
    grace = 10.0
    expected, t = [], 0.0
    for minutes in (5, 15, 15, 15, 10):
        expected.append(t)
        t += minutes * 60 + grace
    assert [e["t"] for e in started] == pytest.approx(expected, abs=0.01)
    for step in {e["step"] for e in events if e["event"] == "turn_started"}:
        names = [
            e["participant"] for e in events if e["event"] == "turn_started" and e["step"] == step
        ]
        assert sorted(names) == ["Bram", "Carla", "Daan", "Eva"]
    assert events[-1]["event"] == "session_ended" and events[-1]["reason"] == "completed"


def test_run_fits_the_meeting_into_the_time_given(tmp_path: Path) -> None:
    log = tmp_path / "s.jsonl"
    code, _, err = invoke(
        "run", "vijf-stappen", "-p", PEOPLE, "-i", "Anna", "--total", "45min",
        "--speed", "3600", "--text", "--log", str(log),
    )  # fmt: skip
    assert code == 0, err
    assert "ingekort" in err and "een uur" in err
    events = read_log(log)
    assert events[0]["fitted_from_s"] == 3600
    planned = [e["planned_s"] for e in events if e["event"] == "step_started"]
    assert abs(sum(planned) + 5 * 10 - 45 * 60) <= 15  # the steps and their grace periods
    assert abs(events[-1]["t"] - 45 * 60) <= 15
    report = CliRunner().invoke(main, ["report", str(log)])
    assert "de methode zelf duurt 1:00:00" in report.stdout


def test_methods_show_previews_a_fitted_meeting() -> None:
    code, out, err = invoke("methods", "show", "vijf-stappen", "--total", "45min")
    assert code == 0, err
    assert out.splitlines()[0] == "Vijf stappen (44 min)"  # and 5 x 10 s of grace
    assert "de methode zelf duurt 60 min" in out
    assert " 1. De vraag  (3 min 30 s)" in out
    code, _, err = invoke("methods", "show", "vijf-stappen", "--total", "10min")
    assert code == 1 and "tussen 31 en 120 minuten" in err


def test_without_a_method_and_without_a_terminal_it_says_what_to_type() -> None:
    code, _, err = invoke("run", "--text")
    assert code == 2 and "facilitator run vijf-stappen" in err


def test_methods_show_gives_the_time_of_day_each_step_begins() -> None:
    code, out, err = invoke(
        "methods", "show", "vijf-stappen", "--start", "19:30", "--total", "45min"
    )
    assert code == 0, err
    starts = [
        line.split()[1] for line in out.splitlines() if line[:3].strip().rstrip(".").isdigit()
    ]
    # 3:30, 11:00, 11:00, 11:00 and 7:30, each followed by 10 s of grace, to the minute
    assert starts == ["19:30", "19:34", "19:45", "19:56", "20:07"]
    assert "Klaar om 20:15" in out
    code, out, _ = invoke("methods", "show", "alleen-maar-advies", "--start", "9:00")
    assert code == 0 and "Derde adviesronde" in out  # the repeat block is unrolled
    assert "--repeat" not in out
    code, _, err = invoke("methods", "show", "vijf-stappen", "--start", "half acht")
    assert code == 1 and "19:30" in err


def test_rehearse_one_step_with_the_time_it_gets_in_a_fitted_meeting() -> None:
    code, out, err = invoke(
        "rehearse", "vijf-stappen", "--step", "vraagintroductie", "--total", "45min",
        "--speed", "3600", "--text", "--advance",
    )  # fmt: skip
    assert code == 0, err
    assert "3:30" in out  # 5 min, fitted as in run --total 45min (and its grace periods)
    assert "ingekort" in err
    code, out, err = invoke(
        "run", "vijf-stappen", "-n", "5", "--total", "45min", "--speed", "3600", "--text"
    )
    assert code == 0 and ", drieënhalve minuut." in out  # the first step, fitted
