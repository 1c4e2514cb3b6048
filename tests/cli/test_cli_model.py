"""``facilitator model download`` and ``facilitator model path``."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from modeltools import write_model

from facilitator.cli.speech_model import model
from facilitator.speech.model_store import models_dir

MODEL_NAME = "vosk-model-test-nl-0.1"


def make_zip(path: Path) -> bytes:
    source = write_model(path.parent / "unpacked" / MODEL_NAME)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as bundle:
        for file in sorted(source.rglob("*")):
            if file.is_file():
                bundle.write(file, file.relative_to(source.parent).as_posix())
    return path.read_bytes()


@pytest.fixture(autouse=True)
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    directory = tmp_path / "data"
    monkeypatch.setenv("FACILITATOR_DATA_DIR", str(directory))
    monkeypatch.delenv("FACILITATOR_MODEL", raising=False)
    return directory


def test_path_without_a_model_says_what_to_run() -> None:
    result = CliRunner().invoke(model, ["path"])

    assert result.exit_code == 1
    assert result.stdout == ""
    assert "facilitator model download" in result.stderr
    assert "Traceback" not in result.output


def test_download_from_a_zip_then_path(tmp_path: Path) -> None:
    archive = tmp_path / "model.zip"
    body = make_zip(archive)

    result = CliRunner().invoke(
        model, ["download", "--from", str(archive), "--sha256", hashlib.sha256(body).hexdigest()]
    )

    assert result.exit_code == 0, result.output
    installed = models_dir() / MODEL_NAME
    assert str(installed) in result.stdout
    shown = CliRunner().invoke(model, ["path"])
    assert shown.exit_code == 0
    assert shown.stdout.strip() == str(installed.resolve())


def test_download_from_a_folder(tmp_path: Path) -> None:
    source = write_model(tmp_path / "vosk-model-small-nl-0.22")

    result = CliRunner().invoke(model, ["download", "--from", str(source)])

    assert result.exit_code == 0, result.output
    assert (models_dir() / "vosk-model-small-nl-0.22" / "am" / "final.mdl").is_file()


def test_a_wrong_checksum_is_a_clean_error(tmp_path: Path) -> None:
    archive = tmp_path / "model.zip"
    make_zip(archive)

    result = CliRunner().invoke(model, ["download", "--from", str(archive), "--sha256", "a" * 64])

    assert result.exit_code == 1
    assert "SHA-256" in result.stderr
    assert "Traceback" not in result.output
    assert list(models_dir().iterdir()) == []


def test_a_malformed_checksum_is_a_usage_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(model, ["download", "--from", str(tmp_path), "--sha256", "xyz"])

    assert result.exit_code == 2
    assert "xyz" in result.stderr


def test_a_real_process_exits_cleanly_without_a_model(tmp_path: Path) -> None:
    env = {**os.environ, "FACILITATOR_DATA_DIR": str(tmp_path / "data")}
    env.pop("FACILITATOR_MODEL", None)
    code = (
        "from facilitator.cli.speech_model import model; "
        "model(['download', '--from', 'nowhere.zip'])"
    )

    done = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60
    )

    assert done.returncode == 1
    assert "nowhere.zip" in done.stderr
    assert "Traceback" not in done.stderr


def test_path_follows_the_room_configuration(tmp_path: Path) -> None:
    from facilitator.cli.app import main

    configured = write_model(tmp_path / "modellen" / "vosk-nl")
    config = tmp_path / "room.toml"
    config.write_text(f'model_path = "{configured}"\n', encoding="utf-8")

    shown = CliRunner().invoke(main, ["--config", str(config), "model", "path"])
    assert shown.exit_code == 0, shown.output
    assert shown.stdout.strip() == str(configured.resolve())

    config.write_text(f'model_path = "{tmp_path / "elsewhere"}"\n', encoding="utf-8")
    wrong = CliRunner().invoke(main, ["--config", str(config), "model", "path"])
    assert wrong.exit_code == 1
    assert "elsewhere" in wrong.stderr and "configuratie" in wrong.stderr


def test_check_without_a_model_says_what_to_run() -> None:
    result = CliRunner().invoke(model, ["check"])
    assert result.exit_code == 1
    assert "facilitator model download" in result.stderr
    assert "Traceback" not in result.output


def test_check_reports_a_model_that_vosk_cannot_load(tmp_path: Path) -> None:
    """The real vosk library is asked to load files that only look like a model."""
    write_model(models_dir() / "vosk-model-small-nl-0.22")
    result = CliRunner().invoke(model, ["check"])
    assert result.exit_code == 1
    assert "kan niet worden geladen" in result.stderr
    assert "facilitator model download" in result.stderr
    assert "Traceback" not in result.output


@pytest.mark.vosk_model
def test_check_with_the_dutch_model_says_voice_control_is_ready(
    dutch_model_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FACILITATOR_MODEL", str(dutch_model_path))
    result = CliRunner().invoke(model, ["check"])
    assert result.exit_code == 0, result.output
    assert str(dutch_model_path) in result.stdout
    assert "facilitator listen" in result.stdout
