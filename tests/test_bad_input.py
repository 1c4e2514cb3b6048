"""Bad input at the command line: one clear message (file:line where there is a file),
exit status 1, never a traceback, and nothing the user made is lost or changed.

Most cases go through click's CliRunner; the last test runs a real process. Type
errors that click catches itself (``--speed snel``) are usage errors: exit status 2,
also without a traceback.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from string import Formatter

import pytest
from click.testing import CliRunner, Result

from facilitator.cli.app import main
from facilitator.lang import get_pack, t
from facilitator.meeting.sessionlog import read_log

PEOPLE = "Anna,Bram,Carla,Daan,Eva"
QUICK = ("--text", "--speed", "3600")  # a whole meeting in a second, without sound

A_METHOD = """\
titel: Kort overleg
doel: Om te oefenen.
stappen:
  - id: ronde
    titel: Een ronde
    duur: 1 min
    wie: groep
    instructie: Iedereen zegt iets.
"""


@pytest.fixture(autouse=True)
def private_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An empty room configuration and a state folder of the test's own."""
    config = tmp_path / "room.toml"
    config.write_text("", encoding="utf-8")
    monkeypatch.setenv("FACILITATOR_CONFIG", str(config))
    monkeypatch.setenv("FACILITATOR_STATE_DIR", str(tmp_path / "state"))
    monkeypatch.chdir(tmp_path)


def invoke(*args: str, env: dict[str, str] | None = None) -> Result:
    result = CliRunner().invoke(main, list(args), env=env)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"a traceback for {args}") from result.exception
    assert "Traceback" not in result.output
    return result


def fails(*args: str, env: dict[str, str] | None = None) -> str:
    """Runs the command, checks it failed cleanly (exit 1), returns what it printed."""
    result = invoke(*args, env=env)
    assert result.exit_code == 1, (args, result.exit_code, result.output)
    assert result.stderr.strip(), "no message"
    return result.stderr.strip()


def runs(*args: str) -> Result:
    result = invoke(*args)
    assert result.exit_code == 0, result.output
    return result


def opening(key: str, **values: object) -> str:
    """How the message ``key`` begins, up to its first placeholder not in ``values``."""
    names = {name for _, name, _, _ in Formatter().parse(get_pack().phrases[key]) if name}
    return t(key, **{**dict.fromkeys(names, "\0"), **values}).split("\0")[0]


def notices(result: Result) -> list[str]:
    return [line[2:] for line in result.stderr.splitlines() if line.startswith("! ")]


# --- methods -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "suggested"),
    [
        ("roddel", "roddelmethode"),
        ("RoddelMethode", None),  # case does not matter: it runs
        ("vijfstappen", "vijf-stappen"),
        ("reflecterend", "reflecterend-team"),
    ],
)
def test_an_unknown_method_suggests_the_closest_names(name: str, suggested: str | None) -> None:
    if suggested is None:
        runs("run", name, "-p", PEOPLE, *QUICK)
        return
    advice = t("method.did_you_mean", suggestion=suggested)
    assert fails("run", name, *QUICK) == t("method.unknown_name", name=name, advice=advice)


def test_a_name_like_nothing_lists_the_methods_there_are() -> None:
    message = fails("run", "xyzzy", *QUICK)
    assert message.startswith(t("method.unknown_name", name="xyzzy", advice=""))
    assert "roddelmethode" in message and "vijf-stappen" in message


def write(path: Path, text: str | bytes) -> Path:
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("text", "line", "needle"),
    [
        (A_METHOD.replace("doel: Om", "doel: Let op: om"), 2, ""),  # YAML: a second colon
        (A_METHOD.replace("doel: Om te oefenen.\n", ""), 1, "doel"),  # a missing field
        (A_METHOD.replace("duur: 1 min", "duur: een poosje"), 6, "een poosje"),
        (A_METHOD.replace("    wie: groep\n", "    wie: iedereen en niemand\n"), 7, "wie"),
        ("", 1, ""),  # empty
        (b"titel: \xff\xfe kapot\n", 1, "UTF-8"),  # not text
    ],
)
def test_a_broken_method_file_points_at_its_line_and_is_left_alone(
    tmp_path: Path, text: str | bytes, line: int, needle: str
) -> None:
    method = write(tmp_path / "kapot.yaml", text)
    before = method.read_bytes()
    message = fails("run", str(method), "-p", PEOPLE, *QUICK)
    assert message.startswith(f"{method}:{line}"), message
    assert needle in message
    assert method.read_bytes() == before


# Three independent mistakes in A_METHOD: a top-level field and two fields of its step.
THREE_MISTAKES = (
    A_METHOD.replace("doel: Om te oefenen.\n", "")
    .replace("duur: 1 min", "duur: een poosje")
    .replace("    wie: groep\n", "    wie: iedereen en niemand\n")
)


@pytest.mark.parametrize(
    ("command", "options"),
    [
        (("methods", "check"), ()),
        (("run",), ("-p", PEOPLE, *QUICK)),
        (("rehearse",), ("--text", "--speed", "3600", "--advance")),
    ],
)
def test_a_method_file_with_several_mistakes_shows_them_all(
    tmp_path: Path, command: tuple[str, ...], options: tuple[str, ...]
) -> None:
    method = write(tmp_path / "kapot.yaml", THREE_MISTAKES)
    lines = fails(*command, str(method), *options).splitlines()
    assert [line.split(": ", 1)[0] for line in lines] == [
        f"{method}:1",
        f"{method}:5",
        f"{method}:6",
    ]
    assert "doel" in lines[0]
    assert "een poosje" in lines[1]
    assert "iedereen en niemand" in lines[2]


def test_checking_a_good_and_a_broken_file_reports_both(tmp_path: Path) -> None:
    good = write(tmp_path / "goed.yaml", A_METHOD)
    broken = write(tmp_path / "kapot.yaml", THREE_MISTAKES)
    result = invoke("methods", "check", str(broken), str(good))
    assert result.exit_code == 1
    assert len(result.stderr.splitlines()) == 3
    assert str(good) in result.stdout


def test_a_folder_given_as_method_is_a_clear_error(tmp_path: Path) -> None:
    message = fails("run", str(tmp_path) + "/", *QUICK)
    assert message.startswith(str(tmp_path))


def test_a_method_file_that_is_not_there_is_a_clear_error(tmp_path: Path) -> None:
    assert fails("run", "./weg.yaml", *QUICK).startswith("./weg.yaml")


# --- participants --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("-p", "Anna,Bram,anna"), t("cli.duplicate_name", name="anna")),
        (("-p", "Anna,,Bram"), t("cli.empty_name", names="Anna,,Bram")),
        (("-p", "Anna,Bram,"), t("cli.empty_name", names="Anna,Bram,")),
        (("-p", " "), t("cli.empty_name", names=" ")),
        (
            ("-p", "Anna,Bram,Carla,Daan,Eva", "-i", "Zoë"),
            t("cli.case_owner_unknown", name="Zoë", names="Anna, Bram, Carla, Daan, Eva"),
        ),
        (("-n", "5", "-i", "Anna"), t("cli.case_owner_needs_names")),
        (("-i", "Anna"), t("cli.case_owner_needs_names")),
        (("-p", "Anna,Bram", "-n", "2"), t("cli.names_and_size")),
    ],
)
def test_a_wrong_list_of_participants_is_a_clear_error(
    args: tuple[str, ...], expected: str
) -> None:
    assert fails("run", "roddelmethode", *args, *QUICK) == expected


def test_a_small_group_gets_a_warning_and_the_meeting_runs(tmp_path: Path) -> None:
    log = tmp_path / "klein.jsonl"
    result = runs("run", "roddelmethode", "-p", "Anna,Bram", *QUICK, "--log", str(log))
    assert notices(result).count(t("cli.small_group", size=2, needed=4)) == 1
    assert read_log(log)[-1]["reason"] == "completed"


def test_a_big_group_gets_advice_and_the_meeting_runs() -> None:
    names = ",".join(f"Persoon{n}" for n in range(1, 11))
    result = runs("run", "roddelmethode", "-p", names, *QUICK)
    assert notices(result).count(t("cli.group_advice", size=10)) == 1


# --- numbers out of range ------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        *[
            (("--speed", given), t("cli.speed_range", speed=float(given), low=0.01, high=3600.0))
            for given in ("0", "-2", "3601", "nan", "inf", "1e400")
        ],
        *[
            (("--speed", "3600", "--grace", given), t("cli.grace_range", grace=float(given)))
            for given in ("-1", "3601", "nan", "inf")
        ],
        *[
            (("--speed", "3600", "-n", given), t("cli.group_size_range", size=int(given)))
            for given in ("0", "-3", "51")
        ],
    ],
)
def test_speeds_and_durations_out_of_range_are_clear_errors(
    args: tuple[str, ...], expected: str
) -> None:
    assert fails("run", "roddelmethode", "--text", *args) == expected


@pytest.mark.parametrize("times", ["0", "-1", "21"])
def test_repeating_too_often_or_never_is_a_clear_error(times: str) -> None:
    message = fails("run", "alleen-maar-advies", "-p", PEOPLE, "--repeat", times, *QUICK)
    assert message == t("cli.repeat_range", times=int(times))


def test_repeating_a_method_without_a_repeat_block_is_a_clear_error() -> None:
    message = fails("run", "roddelmethode", "-p", PEOPLE, "--repeat", "2", *QUICK)
    assert message == t("cli.no_repeat_block", method="roddelmethode")


@pytest.mark.parametrize(
    "args",
    [("--speed", "snel"), ("--grace", "even"), ("--repeat", "2.5"), ("-n", "vijf")],
)
def test_a_value_that_is_no_number_is_a_usage_error(args: tuple[str, ...]) -> None:
    result = invoke("run", "roddelmethode", "--text", *args)
    assert result.exit_code == 2
    assert args[1] in result.stderr


# --- session logs ------------------------------------------------------------------


def test_an_existing_log_is_appended_to_never_truncated(tmp_path: Path) -> None:
    log = tmp_path / "sessies.jsonl"
    runs("run", "roddelmethode", "-p", PEOPLE, *QUICK, "--log", str(log))
    first = log.read_bytes()
    runs("run", "roddelmethode", "-p", PEOPLE, *QUICK, "--log", str(log))
    assert log.read_bytes().startswith(first)
    events = read_log(log)
    assert [e["event"] for e in events].count("session_started") == 2


def test_a_file_that_is_no_log_is_never_cut_short(tmp_path: Path) -> None:
    notes = write(tmp_path / "notities.txt", "Mijn aantekeningen\nDe laatste regel, zonder einde")
    before = notes.read_bytes()
    invoke("run", "roddelmethode", "-p", PEOPLE, *QUICK, "--log", str(notes))
    assert notes.read_bytes().startswith(before)


def test_a_log_in_a_folder_that_cannot_be_made_is_a_clear_error(tmp_path: Path) -> None:
    blocker = write(tmp_path / "bestand", "geen map")
    message = fails("run", "roddelmethode", *QUICK, "--log", str(blocker / "sessie.jsonl"))
    assert message.startswith(opening("records.log_cannot_write", file=blocker / "sessie.jsonl"))
    assert blocker.read_text(encoding="utf-8") == "geen map"


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"\x00\x9f\xff garbage \xfe\n", lambda f: t("records.log_not_text", where=f"{f}:1")),
        (
            b'{"t": 0, "event": "session_started"}\n{"t": 1, "ev\n{"t": 2, "event": "x"}\n',
            lambda f: t("records.log_not_json", where=f"{f}:2"),
        ),
        (b"\n\n", lambda f: t("records.log_empty", file=f)),
        (b"[1, 2]\n", lambda f: t("records.log_not_object", where=f"{f}:1")),
    ],
)
def test_a_report_on_an_unreadable_log_names_the_file_and_line(
    tmp_path: Path, content: bytes, expected: object
) -> None:
    log = write(tmp_path / "sessie.jsonl", content)
    assert callable(expected)
    assert fails("report", str(log)) == expected(log)
    assert log.read_bytes() == content
    assert not log.with_suffix(".md").exists()


def test_a_report_on_a_missing_log_is_a_clear_error(tmp_path: Path) -> None:
    missing = tmp_path / "weg.jsonl"
    assert fails("report", str(missing)).startswith(opening("records.log_unreadable", file=missing))


def test_a_report_on_a_folder_is_a_clear_error(tmp_path: Path) -> None:
    folder = tmp_path / "logs"
    folder.mkdir()
    assert fails("report", str(folder)).startswith(opening("records.log_unreadable", file=folder))


# --- the room configuration ------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "where"),
    [
        (b'language = "nl"\n[[kapot\n', ":2:"),
        (b'taal = "nl"\ngrace_s = 5\nvolume = 3\n', ":1:"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", ""),
        (b'rate = "snel"\n', ":1:"),
    ],
)
def test_a_broken_configuration_is_a_clear_error_and_left_alone(
    tmp_path: Path, content: bytes, where: str
) -> None:
    config = write(tmp_path / "kapot.toml", content)
    env = {"FACILITATOR_CONFIG": str(config)}
    message = fails("run", "roddelmethode", *QUICK, env=env)
    assert message.startswith(f"{config}{where}"), message
    assert fails("methods", "list", env=env) == message
    assert config.read_bytes() == content
    # `facilitator config` still works, to find the file that needs mending.
    shown = invoke("config", env=env)
    assert shown.exit_code == 0 and shown.stdout.strip() == str(config)


def test_unknown_settings_are_named_with_their_line_and_a_suggestion(tmp_path: Path) -> None:
    config = write(tmp_path / "kamer.toml", 'language = "nl"\ngrace = 5\nkleur = "blauw"\n')
    message = fails("methods", "list", env={"FACILITATOR_CONFIG": str(config)})
    lines = message.splitlines()
    assert lines[0] == t(
        "records.config_unknown_key_suggest", where=f"{config}:2", key="grace", suggestion="grace_s"
    )
    assert lines[1].startswith(f"{config}:3: ")
    assert "kleur" in lines[1]


@pytest.mark.parametrize("how", ["environment", "option"])
def test_a_configuration_that_is_a_folder_is_a_clear_error(tmp_path: Path, how: str) -> None:
    folder = tmp_path / "instellingen"
    folder.mkdir()
    if how == "environment":
        message = fails("methods", "list", env={"FACILITATOR_CONFIG": str(folder)})
    else:
        message = fails("--config", str(folder), "methods", "list")
    assert message.startswith(f"{folder}: ")


def test_a_configuration_that_is_not_there_is_a_clear_error(tmp_path: Path) -> None:
    missing = tmp_path / "weg.toml"
    message = fails("methods", "list", env={"FACILITATOR_CONFIG": str(missing)})
    assert message == t("records.config_missing", file=missing)


# --- a real process ----------------------------------------------------------------


def test_a_real_process_reports_bad_input_without_a_traceback(tmp_path: Path) -> None:
    broken = write(tmp_path / "kapot.toml", b'language = "nl"\n[[kapot\n')
    exe = str(Path(sys.executable).with_name("facilitator"))
    base = {**os.environ, "FACILITATOR_STATE_DIR": str(tmp_path / "state")}
    for command, env, starts in [
        ([exe, "run", "roddel", "--text"], {}, opening("method.unknown_name", name="roddel")),
        ([exe, "methods", "list"], {"FACILITATOR_CONFIG": str(broken)}, f"{broken}:2:"),
        ([exe, "report", str(tmp_path)], {}, opening("records.log_unreadable", file=tmp_path)),
    ]:  # fmt: skip
        done = subprocess.run(
            command, env={**base, **env}, capture_output=True, text=True, timeout=30,
            stdin=subprocess.DEVNULL, cwd=tmp_path,
        )  # fmt: skip
        assert done.returncode == 1, (command, done.stderr)
        assert "Traceback" not in done.stderr
        assert done.stderr.startswith(starts), done.stderr
        assert done.stdout == ""
