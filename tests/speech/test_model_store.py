"""Finding and checking the speech model."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from imports import loaded_after
from modeltools import write_model

from facilitator.errors import ModelError
from facilitator.speech.model_store import (
    DEFAULT_MODEL,
    check_model,
    find_model,
    models_dir,
    require_model,
)


@pytest.fixture(autouse=True)
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    directory = tmp_path / "data"
    monkeypatch.setenv("FACILITATOR_DATA_DIR", str(directory))
    monkeypatch.delenv("FACILITATOR_MODEL", raising=False)
    return directory


def test_no_model_anywhere() -> None:
    assert find_model() is None
    with pytest.raises(ModelError, match="facilitator model download"):
        require_model()


def test_the_default_model_is_preferred(tmp_path: Path) -> None:
    other = write_model(models_dir() / "a-model")
    default = write_model(models_dir() / DEFAULT_MODEL.name)
    write_model(models_dir() / ".staging-ignored")

    assert find_model() == default
    shutil.rmtree(default)
    assert find_model() == other


def test_a_configured_path_comes_first(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    configured = write_model(tmp_path / "configured")
    from_env = write_model(tmp_path / "from-env")
    write_model(models_dir() / DEFAULT_MODEL.name)
    monkeypatch.setenv("FACILITATOR_MODEL", str(from_env))

    assert find_model(configured) == configured.resolve()
    assert find_model() == from_env.resolve()


def test_a_wrong_configured_path_is_an_error_not_an_absence(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with pytest.raises(ModelError, match="configuratie"):
        find_model(tmp_path / "nowhere")
    incomplete = tmp_path / "incomplete"
    (incomplete / "am").mkdir(parents=True)
    (incomplete / "am" / "final.mdl").write_bytes(b"x")
    monkeypatch.setenv("FACILITATOR_MODEL", str(incomplete))
    with pytest.raises(ModelError, match=r"graph/HCLr\.fst"):
        find_model()


def test_check_model_names_what_is_wrong(tmp_path: Path) -> None:
    check_model(write_model(tmp_path / "good"))
    with pytest.raises(ModelError, match="geen map"):
        check_model(tmp_path / "absent")
    with pytest.raises(ModelError, match=r"graph/Gr\.fst"):
        (tmp_path / "good" / "graph" / "Gr.fst").unlink()
        check_model(tmp_path / "good")


def test_data_dir_follows_the_environment(data_dir: Path) -> None:
    assert models_dir() == data_dir / "models"


def test_looking_for_a_model_does_not_load_the_network_code() -> None:
    """A session looks for a model at start-up; only model download needs http."""
    importing = (
        "facilitator.cli.app",
        "facilitator.room.voice_control",
        "facilitator.speech.model_store",
    )
    assert loaded_after(importing, ("http.client", "urllib.request")) == []
    # ...and the check sees them where they are loaded
    downloading = ("facilitator.speech.model_download",)
    assert loaded_after(downloading, ("http.client", "urllib.request")) == [
        "http.client",
        "urllib.request",
    ]
