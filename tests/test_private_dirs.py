"""No test depends on the machine's user: the fixtures in conftest.py give each test its
own room configuration, state and data, whatever the user keeps in their own folders."""

from __future__ import annotations

from pathlib import Path

import platformdirs

from facilitator.meeting.recovery import state_path
from facilitator.paths import data_dir
from facilitator.room.config import RoomConfig, config_path, load_config


def test_the_room_configuration_is_the_tests_own_and_holds_the_defaults() -> None:
    users = Path(platformdirs.user_config_dir("facilitator")) / "room.toml"
    assert config_path() != users
    assert not config_path().is_relative_to(Path.home())
    assert load_config() == RoomConfig()


def test_state_and_data_are_the_tests_own() -> None:
    assert not state_path().is_relative_to(Path.home())
    assert not data_dir().is_relative_to(Path.home())

