"""Shared fixtures: the virtual audio room and the espeak-ng voice.

A test marked ``room`` runs inside the virtual PulseAudio room (tests/room.py), which
is started once per test session; a test marked ``espeak`` needs espeak-ng with a
Dutch voice. Ask for the ``room`` or ``espeak`` fixture to get at them; the marker
alone is enough to make sure they are there.

When one of them cannot be had, the test is skipped with the reason, except under
``CI=true``: CI must really test audio, so there it fails.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import pytest
from room import Room, RoomUnavailable, start_room

if TYPE_CHECKING:
    from facilitator.speech.tts import EspeakSynthesizer


def _unavailable(reason: str) -> NoReturn:
    if os.environ.get("CI", "").strip().lower() == "true":
        pytest.fail(f"{reason} (CI=true: this must work in CI)", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def room() -> Iterator[Room]:
    try:
        the_room = start_room()
    except RoomUnavailable as error:
        _unavailable(f"virtual audio room unavailable: {error}")
    try:
        yield the_room
    finally:
        the_room.stop()


@pytest.fixture(scope="session")
def espeak() -> EspeakSynthesizer:
    """A Dutch espeak-ng synthesizer."""
    from facilitator.errors import SpeechError
    from facilitator.speech.tts import EspeakSynthesizer

    try:
        return EspeakSynthesizer("nl")
    except SpeechError as error:
        _unavailable(f"espeak-ng with a Dutch voice unavailable: {error}")


@pytest.fixture(scope="session")
def dutch_model_path() -> Path:
    """The installed Dutch speech model, looked up before any test's private data
    directory is set; the test skips when there is none (as on the build machine)."""
    from facilitator.speech.model_store import find_model

    path = find_model()
    if path is None:
        pytest.skip("no Dutch vosk model installed (install one with: facilitator model download)")
    return path


@pytest.fixture(autouse=True)
def _provide_marked_needs(request: pytest.FixtureRequest) -> None:
    """Starts the room / checks espeak-ng for tests that carry the marker."""
    for marker in ("room", "espeak"):
        if request.node.get_closest_marker(marker) is not None:
            request.getfixturevalue(marker)


@pytest.fixture(autouse=True)
def _private_user_dirs(
    request: pytest.FixtureRequest,
    tmp_path_factory: pytest.TempPathFactory,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Every test gets its own state and data directories and an empty room configuration:
    no test may touch, or depend on, the user's saved session, own methods or models.

    Tests marked ``vosk_model`` keep the real data directory, where a model is installed.
    """
    monkeypatch.setenv("FACILITATOR_STATE_DIR", str(tmp_path_factory.mktemp("state")))
    monkeypatch.delenv("FACILITATOR_METHODS", raising=False)
    # The room configuration is a private, empty file (the defaults), never the user's
    # ~/.config/facilitator/room.toml. XDG_CONFIG_HOME stays as it is: the virtual
    # audio room's PulseAudio reads it.
    room_config = tmp_path_factory.mktemp("config") / "room.toml"
    room_config.write_text("# the defaults: a test's own room configuration\n", "utf-8")
    monkeypatch.setenv("FACILITATOR_CONFIG", str(room_config))
    monkeypatch.setenv("FACILITATOR_STATE_FALLBACK", str(tmp_path_factory.mktemp("fallback")))
    if request.node.get_closest_marker("vosk_model") is None:
        monkeypatch.setenv("FACILITATOR_DATA_DIR", str(tmp_path_factory.mktemp("data")))
        monkeypatch.delenv("FACILITATOR_MODEL", raising=False)
