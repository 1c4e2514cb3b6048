"""The attack set's smaller cases: escape codes and invalid text in method files and
names, parser limits, odd values and output that cannot be written. Each gives one
clear message and status 1 (or works), never a traceback, and no escape character
reaches the terminal."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from facilitator.cli.app import main
from facilitator.lang import get_pack

EXE = str(Path(sys.executable).with_name("facilitator"))
QUICK = ("--text", "--no-voice", "--speed", "3600")

METHOD = """\
titel: {title}
doel: Om te oefenen.
stappen:
  - id: ronde
    titel: Een ronde
    duur: {duration}
    wie: groep
    instructie: Iedereen zegt iets.
"""


@pytest.fixture(autouse=True)
def private_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config = tmp_path / "room.toml"
    config.write_text("", encoding="utf-8")
    monkeypatch.setenv("FACILITATOR_CONFIG", str(config))
    monkeypatch.chdir(tmp_path)


def fails(*args: str) -> str:
    result: Result = CliRunner().invoke(main, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert result.exit_code == 1, result.output
    assert "\x1b" not in result.output and "\x07" not in result.output
    return result.stderr


@pytest.mark.parametrize(
    ("title", "code"),
    [
        ('"\\e[2J\\e]0;pwned\\a"', "U+001B"),
        ('"\\x1b[?1049h"', "U+001B"),
        ('"Kort \\x9b overleg"', "U+009B"),
        ('"\\ud800"', "U+D800"),
    ],
)
def test_escape_codes_and_lone_surrogates_in_a_method_are_refused_at_their_line(
    tmp_path: Path, title: str, code: str
) -> None:
    path = tmp_path / "kwaad.yaml"
    path.write_text(METHOD.format(title=title, duration="5 min"), encoding="utf-8")
    before = path.read_bytes()
    for args in (["methods", "check", str(path)], ["run", str(path), "-n", "5", *QUICK]):
        message = fails(*args)
        assert message.startswith(f"{path}:1:") and code in message
    assert path.read_bytes() == before


def test_full_width_digits_are_no_duration(tmp_path: Path) -> None:
    path = tmp_path / "breed.yaml"
    path.write_text(METHOD.format(title="Kort", duration="５ min"), encoding="utf-8")
    assert f"{path}:6:" in fails("methods", "check", str(path))


@pytest.mark.parametrize(
    "names",
    [
        "\x1b]0;x\x07\x1b[2JAnna,Bram",
        "Anna\nBram,Carla",
        "Anna\udcff,Bram",  # a byte that is not UTF-8, as Python hands it over
        "A" * 41 + ",Bram",
        ",".join(f"P{number}" for number in range(500)),
    ],
    ids=["escape", "newline", "not-utf8", "too-long", "500-names"],
)
def test_a_name_that_cannot_be_shown_is_refused(names: str) -> None:
    message = fails("run", "alleen-maar-advies", "-p", names, *QUICK)
    assert "\n" not in message.strip()  # one line: no fake line from a name


def test_a_case_owner_is_checked_like_a_name() -> None:
    fails("run", "vijf-stappen", "-p", "Anna,Bram", "-i", "Anna\x1b[2J", *QUICK)


@pytest.mark.parametrize("size", ["0", "51", "500"])
def test_a_group_size_beyond_the_limit_is_refused(size: str) -> None:
    fails("run", "alleen-maar-advies", "-n", size, *QUICK)


@pytest.mark.parametrize("total", ["9" * 50 + "min", "9" * 5000 + ":00", "25 uur"])
def test_a_slot_beyond_a_day_is_a_clear_error(total: str) -> None:
    assert "--total" in fails("run", "alleen-maar-advies", "-n", "5", "--total", total, *QUICK)


def test_a_configuration_with_a_byte_order_mark_is_read(tmp_path: Path) -> None:
    config = tmp_path / "bom.toml"
    config.write_bytes(b'\xef\xbb\xbfgrace_s = 3\n')
    result = CliRunner().invoke(main, ["--config", str(config), "methods", "list"])
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize(
    "content",
    ["a = " + "[" * 100_000, "a = " + "9" * 5000, "x" * 5_000_000 + " = 1"],
    ids=["deep", "huge-integer", "huge-key"],
)
def test_a_configuration_beyond_the_parser_limits_is_a_clear_error(
    tmp_path: Path, content: str
) -> None:
    config = tmp_path / "room.toml"
    config.write_text(content, encoding="utf-8")
    assert str(config) in fails("--config", str(config), "methods", "list")


@pytest.mark.slow
def test_output_that_cannot_be_written_ends_quietly(tmp_path: Path) -> None:
    env = dict(os.environ, FACILITATOR_CONFIG=str(tmp_path / "room.toml"))
    with open("/dev/full", "w") as full:
        done = subprocess.run([EXE, "methods", "list"], stdout=full, stderr=subprocess.PIPE,
                              env=env, text=True, timeout=60, check=False)  # fmt: skip
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "kan niet worden geschreven" in done.stderr
    closed = subprocess.run(f"'{EXE}' methods list | head -c 1", shell=True, env=env,
                            capture_output=True, timeout=60, check=False)  # fmt: skip
    assert b"Traceback" not in closed.stderr and b"Exception ignored" not in closed.stderr


@pytest.mark.slow
def test_a_meeting_runs_with_an_ascii_only_output(tmp_path: Path) -> None:
    env = dict(os.environ, FACILITATOR_CONFIG=str(tmp_path / "room.toml"),
               FACILITATOR_STATE_DIR=str(tmp_path / "state"), PYTHONIOENCODING="ascii",
               LC_ALL="C", LANG="C")  # fmt: skip
    done = subprocess.run([EXE, "run", "alleen-maar-advies", "-n", "5", "-i", "2", *QUICK], env=env,
                          capture_output=True, timeout=120, check=False)  # fmt: skip
    assert done.returncode == 0, done.stderr
    completed = get_pack("nl").variants("session.completed")
    assert any(v.encode() in done.stdout for v in completed) and done.stdout.isascii()


def test_a_hostile_file_name_in_a_methods_folder_is_shown_inert(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "eigen"
    folder.mkdir()
    (folder / "\x1b]0;pwned\x07.yaml").write_text("titel: x\n", encoding="utf-8")
    monkeypatch.setenv("FACILITATOR_METHODS", str(folder))
    result = CliRunner().invoke(main, ["methods", "list"])
    assert result.exit_code == 0, result.output
    assert "\x1b" not in result.output and "␛]0;pwned␇" in result.stdout
