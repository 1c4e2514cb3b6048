from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from facilitator.errors import ConfigError
from facilitator.lang import set_language
from facilitator.room.config import (
    ENV_VAR,
    RoomConfig,
    config_path,
    example_config,
    load_config,
    parse_config,
)


@pytest.fixture(autouse=True)
def dutch_and_no_user_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    # Never read the real user's configuration from a test.
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    monkeypatch.delenv(ENV_VAR, raising=False)
    set_language("nl")
    yield
    set_language("nl")


def room(tmp_path: Path, text: str, name: str = "room.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def error_for(tmp_path: Path, text: str) -> str:
    path = room(tmp_path, text)
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    return str(caught.value).replace(str(path), "room.toml")


# Where the file is.


def test_the_default_place_is_the_user_config_dir(tmp_path: Path) -> None:
    assert config_path() == tmp_path / "xdg" / "facilitator" / "room.toml"


def test_without_a_file_the_defaults_apply(tmp_path: Path) -> None:
    config = load_config()
    assert config == RoomConfig()
    assert config.source is None
    assert (config.language, config.grace_s, config.on_time_up) == ("nl", 10.0, "advance")
    assert (config.warnings_s, config.warn_min_step_s) == ((60.0,), 180.0)
    assert (config.turn_warning_s, config.turn_warning_min_s) == (15.0, 45.0)
    assert (config.output_device, config.input_device, config.voice, config.rate) == (
        None, None, None, None,
    )
    assert (config.volume, config.wake_word, config.min_confidence) == (1.0, None, 0.8)
    assert (config.cooldown_s, config.model_path) == (2.0, None)


def test_the_file_at_the_default_place_is_read(tmp_path: Path) -> None:
    path = config_path()
    path.parent.mkdir(parents=True)
    path.write_text("grace_s = 0\n", encoding="utf-8")
    config = load_config()
    assert config.grace_s == 0.0
    assert config.source == path


def test_the_environment_variable_points_elsewhere(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = room(tmp_path, 'language = "en"\n', "elders.toml")
    monkeypatch.setenv(ENV_VAR, str(path))
    assert config_path() == path
    assert load_config().language == "en"


def test_a_file_asked_for_must_exist(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(ConfigError, match=r"bestaat niet.*facilitator config --example"):
        load_config(tmp_path / "weg.toml")
    monkeypatch.setenv(ENV_VAR, str(tmp_path / "ook-weg.toml"))
    with pytest.raises(ConfigError, match=r"ook-weg\.toml: dit instellingenbestand"):
        load_config()


def test_an_empty_environment_variable_is_ignored(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENV_VAR, "  ")
    assert load_config() == RoomConfig()


# Values.


def test_every_setting_is_read(tmp_path: Path) -> None:
    path = room(
        tmp_path,
        """
language = "en"
output_device = "USB Audio"
input_device = 2
voice = "Dutch"
rate = 160
volume = 0.7
grace_s = "30 s"
on_time_up = "wait"
warnings_s = ["2 min", 30]
warn_min_step_s = "5 min"
turn_warning_s = 10
turn_warning_min_s = "1:00"
wake_word = "facilitator"
min_confidence = 0.9
cooldown_s = 1.5
model_path = "modellen/nl"
""",
    )
    config = load_config(path)
    assert config == RoomConfig(
        language="en",
        output_device="USB Audio",
        input_device=2,
        voice="Dutch",
        rate=160,
        volume=0.7,
        grace_s=30.0,
        on_time_up="wait",
        warnings_s=(120.0, 30.0),
        warn_min_step_s=300.0,
        turn_warning_s=10.0,
        turn_warning_min_s=60.0,
        wake_word="facilitator",
        min_confidence=0.9,
        cooldown_s=1.5,
        model_path=tmp_path / "modellen" / "nl",
    )
    assert config.source == path


def test_the_configuration_cannot_be_changed() -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        RoomConfig().grace_s = 3  # type: ignore[misc]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("warnings_s = []", ()),
        ("warnings_s = 90", (90.0,)),
        ('warnings_s = "1 min"', (60.0,)),
        ('warnings_s = [30, "2 min", 120, "1 min"]', (120.0, 60.0, 30.0)),
    ],
)
def test_warnings_are_a_list_of_durations(tmp_path: Path, text: str, expected: object) -> None:
    assert load_config(room(tmp_path, text)).warnings_s == expected


def test_zero_grace_and_no_turn_cue_are_allowed(tmp_path: Path) -> None:
    config = load_config(room(tmp_path, "grace_s = 0\nturn_warning_s = 0\n"))
    assert (config.grace_s, config.turn_warning_s) == (0.0, 0.0)


def test_empty_text_means_the_default(tmp_path: Path) -> None:
    config = load_config(
        room(tmp_path, 'output_device = ""\nvoice = " "\nwake_word = ""\nmodel_path = ""\n')
    )
    assert config == RoomConfig()


def test_model_path_expands_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOME", str(tmp_path / "thuis"))
    config = load_config(room(tmp_path, 'model_path = "~/vosk"\n'))
    assert config.model_path == tmp_path / "thuis" / "vosk"


def test_a_whole_float_is_a_whole_number_for_rate(tmp_path: Path) -> None:
    assert load_config(room(tmp_path, "rate = 180.0\n")).rate == 180


# Mistakes.


def test_unknown_keys_get_the_closest_suggestion(tmp_path: Path) -> None:
    message = error_for(tmp_path, 'language = "nl"\n\ngrase_s = 5\n')
    assert message == "room.toml:3: onbekende instelling 'grase_s'. Bedoel je 'grace_s'?"


def test_unknown_keys_without_a_close_match_list_the_known_ones(tmp_path: Path) -> None:
    message = error_for(tmp_path, "volume = 1\nkoffie = true\n")
    assert message.startswith("room.toml:2: onbekende instelling 'koffie'. Haal haar weg")
    assert "grace_s" in message and "model_path" in message


def test_a_table_is_an_unknown_key_at_its_header(tmp_path: Path) -> None:
    message = error_for(tmp_path, "volume = 1\n\n[audio]\ndevice = 1\n")
    assert message.startswith("room.toml:3: onbekende instelling 'audio'")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("rate = \"snel\"", "room.toml:1: 'rate' hoort een geheel getal te zijn, maar is \"snel\""),
        ("rate = 150.5", "'rate' hoort een geheel getal te zijn, maar is 150.5"),
        ("volume = \"hard\"", "'volume' hoort een getal te zijn"),
        ("volume = true", "'volume' hoort een getal te zijn, maar is true"),
        ("output_device = 1.5", "'output_device' hoort de naam (tekst) of het nummer"),
        ("input_device = -1", "'input_device' hoort de naam (tekst) of het nummer"),
        ("input_device = [1]", "'input_device' hoort de naam"),
        ("voice = 3", "'voice' hoort tekst tussen aanhalingstekens te zijn"),
        ("wake_word = false", "'wake_word' hoort tekst"),
        ("model_path = 7", "'model_path' hoort een pad"),
        ("grace_s = true", "'grace_s' hoort een tijdsduur"),
        ("grace_s = [10]", "'grace_s' hoort een tijdsduur"),
        ("warnings_s = [[60]]", "'warnings_s' hoort een lijst met tijdsduren"),
        ("cooldown_s = 2026-01-01", "'cooldown_s' hoort een tijdsduur"),
    ],
)
def test_wrong_types(tmp_path: Path, text: str, expected: str) -> None:
    assert expected in error_for(tmp_path, text + "\n")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("volume = 1.5", "'volume' moet tussen 0 en 1 liggen, maar is 1.5"),
        ("volume = -0.1", "'volume' moet tussen 0 en 1 liggen"),
        ("min_confidence = 2", "'min_confidence' moet tussen 0 en 1 liggen"),
        ("rate = 20", "'rate' moet tussen 50 en 500 liggen, maar is 20"),
        ("grace_s = -1", "'grace_s' moet tussen 0 s en 10 min liggen, maar is -1"),
        ('grace_s = "1 uur"', "'grace_s' moet tussen 0 s en 10 min liggen, maar is \"1 uur\""),
        ("warnings_s = [60, 0]", "'warnings_s' moet tussen 1 s en 60 min liggen, maar is 0"),
        ("turn_warning_s = 600", "'turn_warning_s' moet tussen 0 s en 5 min liggen"),
        ("cooldown_s = 120", "'cooldown_s' moet tussen 0 s en 1 min liggen"),
    ],
)
def test_values_out_of_range(tmp_path: Path, text: str, expected: str) -> None:
    message = error_for(tmp_path, text + "\n")
    assert message.startswith("room.toml:1: ")
    assert expected in message
    assert "Kies een waarde daartussen" in message


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('language = "fr"', "'language' moet een van deze waarden zijn: \"nl\", \"en\"."),
        ('on_time_up = "stop"', 'zijn: "advance", "wait". Nu staat er "stop".'),
        ("on_time_up = 1", "Nu staat er 1."),
    ],
)
def test_values_outside_their_choices(tmp_path: Path, text: str, expected: str) -> None:
    assert expected in error_for(tmp_path, text + "\n")


def test_a_duration_that_cannot_be_read(tmp_path: Path) -> None:
    message = error_for(tmp_path, '\ngrace_s = "even"\n')
    assert message.startswith("room.toml:2: 'grace_s': \"even\" is geen tijdsduur")
    assert '"1:30"' in message


def test_all_problems_are_reported_at_once_in_file_order(tmp_path: Path) -> None:
    message = error_for(
        tmp_path, 'volume = 3\nlanguage = "nl"\nrate = 1\nvoice = 2\n"grace_s" = "x"\n'
    )
    assert [line.split(":")[1] for line in message.splitlines()] == ["1", "3", "4", "5"]


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ('language = "nl"\nvolume = \n', "room.toml:2:10"),
        ('language = "nl\n', "room.toml:1:"),
        ("volume = 1\nvolume = 0.5\n", "room.toml:2:"),
        ("warnings_s = [60,\n", "room.toml:1"),
    ],
)
def test_toml_syntax_errors_keep_line_and_column(tmp_path: Path, text: str, where: str) -> None:
    message = error_for(tmp_path, text)
    assert message.startswith(where)
    assert "geen geldige TOML" in message
    assert "(at line" not in message and "(at end of document)" not in message


def test_a_file_that_is_not_text(tmp_path: Path) -> None:
    path = tmp_path / "room.toml"
    path.write_bytes(b"volume = 1\n\xff\xfe")
    with pytest.raises(ConfigError, match="geen tekstbestand"):
        load_config(path)


def test_a_folder_cannot_be_read(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="kunnen niet worden gelezen"):
        load_config(tmp_path)


def test_messages_come_from_the_current_language(tmp_path: Path) -> None:
    set_language("en")
    message = error_for(tmp_path, "grase_s = 5\n")
    assert message == "room.toml:1: unknown setting 'grase_s'. Did you mean 'grace_s'?"


# The example file.


SETTING = re.compile(r"^# (\w+) = (.*)$")


def test_the_example_as_it_is_gives_the_defaults(tmp_path: Path) -> None:
    assert parse_config(example_config(), tmp_path / "room.toml") == RoomConfig()


def test_the_example_shows_every_setting_with_its_default() -> None:
    shown = dict(m.groups() for line in example_config().splitlines() if (m := SETTING.match(line)))
    keys = [f.name for f in dataclasses.fields(RoomConfig) if f.name != "source"]
    assert list(shown) == keys
    assert shown["grace_s"] == "10"
    assert shown["warnings_s"] == "[60]"
    assert shown["on_time_up"] == '"advance"'
    assert shown["min_confidence"] == "0.8"


def test_every_line_of_the_example_can_be_switched_on(tmp_path: Path) -> None:
    switched_on = "\n".join(
        line[2:] if SETTING.match(line) else line for line in example_config().splitlines()
    )
    config = load_config(room(tmp_path, switched_on))
    defaults = RoomConfig()
    assert (config.grace_s, config.warnings_s, config.volume) == (
        defaults.grace_s, defaults.warnings_s, defaults.volume,
    )
    assert (config.output_device, config.rate, config.wake_word) == ("USB", 160, "computer")


def test_the_example_is_written_in_the_current_language() -> None:
    dutch = example_config()
    assert "Kamerinstellingen" in dutch
    assert all(len(line) <= 88 for line in dutch.splitlines())
    set_language("en")
    english = example_config()
    assert "Room settings" in english and "Kamerinstellingen" not in english
    assert [m.group(1) for line in english.splitlines() if (m := SETTING.match(line))] == [
        m.group(1) for line in dutch.splitlines() if (m := SETTING.match(line))
    ]
