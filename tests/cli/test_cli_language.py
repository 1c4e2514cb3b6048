"""The command line speaks the room's language: help, click's own words, metavars."""

from __future__ import annotations

import string
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from facilitator.cli.app import main
from facilitator.cli.language import help_key, walk
from facilitator.lang import AVAILABLE, get_pack, set_language


@pytest.fixture(autouse=True)
def back_to_dutch() -> object:
    yield
    set_language("nl")


def invoke(*args: str) -> click.testing.Result:
    return CliRunner().invoke(main, list(args), prog_name="facilitator")


def english_room(tmp_path: Path) -> Path:
    config = tmp_path / "room.toml"
    config.write_text('language = "en"\n', encoding="utf-8")
    return config


def test_help_is_dutch_with_the_default_room_configuration() -> None:
    result = invoke("--help")
    assert result.exit_code == 0
    assert result.stdout.startswith("Gebruik: facilitator [OPTIES] OPDRACHT [ARGUMENTEN]...")
    assert "Opties:" in result.stdout and "Opdrachten:" in result.stdout
    assert "Toon deze uitleg en stop." in result.stdout
    assert "Usage" not in result.stdout and "Options" not in result.stdout
    run = invoke("run", "--help").stdout
    assert run.startswith("Gebruik: facilitator run [OPTIES] [METHODE]")
    assert "Laat de bijeenkomst in deze tijd passen" in run
    assert "-p, --participants NAMEN" in run and "[standaard: 1.0]" in run


def test_help_of_a_subcommand_in_a_group_is_dutch() -> None:
    out = invoke("methods", "show", "--help").stdout
    assert "Toon de stappen van een methode, met hun ids." in out
    assert "--total DUUR" in out


def test_usage_errors_are_dutch() -> None:
    result = invoke("say")
    assert result.exit_code == 2
    assert "Fout: Er ontbreekt een argument: 'TEKST...'." in result.stderr
    assert "Uitleg: 'facilitator say --help'." in result.stderr
    assert "Fout: De opdracht 'rn' bestaat niet. Bedoel je 'run'?" in invoke("rn").stderr
    bad = invoke("run", "vijf-stappen", "--speed", "snel").stderr
    assert "Ongeldige waarde voor '--speed': 'snel' is geen getal." in bad
    assert "Error" not in bad and "Usage" not in bad


def test_an_english_room_keeps_english(tmp_path: Path) -> None:
    config = str(english_room(tmp_path))
    out = invoke("--config", config, "run", "--help").stdout
    assert out.startswith("Usage: facilitator run [OPTIONS] [METHOD]")
    assert "Fit the meeting into this much time" in out
    assert "Error: Missing argument 'TEXT...'." in invoke("--config", config, "say").stderr


def test_the_room_configuration_in_the_environment_sets_the_language(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FACILITATOR_CONFIG", str(english_room(tmp_path)))
    assert invoke("--help").stdout.startswith("Usage:")
    monkeypatch.setenv("FACILITATOR_CONFIG", str(tmp_path / "missing.toml"))
    out = invoke("--help").stdout  # the broken setting is reported by the command itself
    assert out.startswith("Gebruik:")


def test_the_installed_command_prints_dutch_help() -> None:
    done = subprocess.run(
        [str(Path(sys.executable).with_name("facilitator")), "run", "--help"],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert done.returncode == 0 and done.stdout.startswith("Gebruik: facilitator run")


@pytest.mark.parametrize("code", AVAILABLE)
def test_every_command_and_option_has_help_in_the_pack(code: str) -> None:
    phrases = get_pack(code).phrases
    missing = []
    for path, command in walk(main):
        if help_key(path) not in phrases:
            missing.append(help_key(path))
        for param in command.params:
            if not isinstance(param, click.Option) or param.name in ("help", "version"):
                continue
            if help_key(path, param.name) not in phrases and (
                f"help.option:{param.name}" not in phrases
            ):
                missing.append(help_key(path, param.name))
    assert missing == []


def fields(template: str) -> set[str]:
    found = string.Formatter().parse(template)
    return {name for _, name, _, _ in found if name is not None}


@pytest.mark.parametrize("code", AVAILABLE)
def test_click_translations_use_only_clicks_placeholders(code: str) -> None:
    import importlib

    table = importlib.import_module(f"facilitator.lang.{code}.cli_help").CLICK
    for english, translated in table.items():
        assert fields(translated) <= fields(english), english
        assert ("%(" in translated) == ("%(" in english), english
