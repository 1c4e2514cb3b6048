"""``facilitator display`` and the room configuration's display settings."""

from __future__ import annotations

from pathlib import Path

import pytest
from browsertools import free_port
from click.testing import CliRunner

from facilitator.cli.app import main
from facilitator.display.browser import kiosk_command, wait_for_server
from facilitator.display.room import DisplayOptions, RoomDisplay
from facilitator.errors import ConfigError
from facilitator.room.config import example_config, load_config


@pytest.fixture
def room_toml(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    config = tmp_path / "room.toml"
    config.write_text("", encoding="utf-8")
    monkeypatch.setenv("FACILITATOR_CONFIG", str(config))
    return config


def test_display_without_a_session_says_how_to_start_one(room_toml: Path) -> None:
    port = free_port()
    result = CliRunner().invoke(main, ["display", "--port", str(port), "--wait", "0"])
    assert result.exit_code == 1
    assert f"Er draait geen sessie met scherm op http://127.0.0.1:{port}/" in result.stderr
    assert "facilitator run METHODE --display" in result.stderr


def test_display_finds_the_port_in_the_room_configuration(room_toml: Path) -> None:
    port = free_port()
    room_toml.write_text(f"display_port = {port}\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["display", "--wait", "0"])
    assert f"http://127.0.0.1:{port}/" in result.stderr


def test_the_server_is_found_while_it_serves() -> None:
    room = RoomDisplay(DisplayOptions(port=0))
    room.start()
    try:
        assert wait_for_server(room.port, 0.0)
    finally:
        room.close()
    assert not wait_for_server(room.port, 0.0)


def test_the_kiosk_is_full_screen_with_its_own_profile_and_quiet() -> None:
    command = kiosk_command("/usr/bin/chromium", "http://127.0.0.1:8737/", Path("/tmp/p"))
    assert command[0] == "/usr/bin/chromium"
    assert "--kiosk" in command and "--app=http://127.0.0.1:8737/" in command
    assert "--user-data-dir=/tmp/p" in command
    for quiet in (
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
    ):
        assert quiet in command


def test_the_display_settings_are_read(tmp_path: Path) -> None:
    path = tmp_path / "room.toml"
    path.write_text("display = true\nremote = true\ndisplay_port = 9000\n", encoding="utf-8")
    config = load_config(path)
    assert (config.display, config.remote, config.display_port) == (True, True, 9000)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('display = "ja"', "'display' hoort true of false te zijn"),
        ("remote = 1", "'remote' hoort true of false te zijn"),
        ("display_port = 80", "'display_port' moet tussen 1024 en 65535 liggen"),
        ('display_port = "8737"', "'display_port' hoort een geheel getal te zijn"),
    ],
)
def test_wrong_display_settings(tmp_path: Path, text: str, expected: str) -> None:
    path = tmp_path / "room.toml"
    path.write_text(text + "\n", encoding="utf-8")
    with pytest.raises(ConfigError) as error:
        load_config(path)
    assert expected in str(error.value)


def test_the_example_explains_the_display_settings() -> None:
    example = example_config()
    assert "# display = false" in example and "# remote = false" in example
    assert "# display_port = 8737" in example
    assert "Scherm en afstandsbediening" in example


def test_run_offers_the_display_options(room_toml: Path) -> None:
    result = CliRunner().invoke(main, ["run", "--help"])
    for option in ("--display", "--remote", "--port"):
        assert option in result.stdout


def test_the_installed_chromium_is_started_as_a_kiosk(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from facilitator.display.browser import open_full_screen

    # This machine has no screen for a real kiosk: a stand-in notes how it was started.
    notes = tmp_path / "args.txt"
    fake = tmp_path / "bin" / "chromium"
    fake.parent.mkdir()
    fake.write_text(f'#!/bin/sh\nprintf "%s\\n" "$@" > {notes}\n', encoding="utf-8")
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", str(fake.parent))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    opened = open_full_screen("http://127.0.0.1:8737/")
    assert opened is not None and opened[0] == "chromium" and opened[1] is not None
    assert opened[1].wait(timeout=10) == 0
    args = notes.read_text().splitlines()
    assert "--kiosk" in args and "--app=http://127.0.0.1:8737/" in args
    assert f"--user-data-dir={tmp_path / 'cache' / 'facilitator' / 'kiosk'}" in args
