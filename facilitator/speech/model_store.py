"""The offline speech-recognition model: where it lives, finding it, checking it.

Models live in ``<data dir>/models/<name>/``, where the data dir is
``platformdirs.user_data_dir("facilitator")`` or ``$FACILITATOR_DATA_DIR`` (see
``facilitator.paths``). Nothing here touches the network. vosk's own downloader
(``Model(lang=...)``, ``model_name=``) is never used: it reaches the network from
inside a constructor.

The default model is Alpha Cephei's small Dutch model, ``vosk-model-small-nl-0.22``.
How an install is checked:

- Size: 40 441 176 bytes, the size vosk's model list (``model-list.json``) gives.
- SHA-256: vosk publishes no SHA-256 (its model list carries only an MD5). The value
  pinned below is the one two unrelated projects that pin this same file recorded;
  they agree with each other, and ``--sha256`` overrides it should the file ever be
  republished.
- The zip's own CRC-32 of every member, checked while unpacking.
- The layout vosk needs (``Model::ConfigureV2`` and ``ReadDataFiles`` in vosk's
  ``model.cc``): ``am/final.mdl``, ``conf/model.conf``, ``conf/mfcc.conf`` and a
  decoding graph that can be rebuilt at run time, ``graph/HCLr.fst`` with
  ``graph/Gr.fst`` and ``graph/disambig_tid.int`` (the small and the "lgraph"
  models have one).
- No ``graph/HCLG.fst``: when that file is there, vosk loads it *instead of* the
  graph above and ignores the command grammar, so it would write out everything
  said in the room. Such a model is refused, whatever else it holds.

Installing one is ``model_download``'s job; it is kept apart so that a session,
which only looks for a model, does not load the network code.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from facilitator.errors import ModelError
from facilitator.lang import t

# Re-exported: the data directory used to be defined here.
from facilitator.paths import ENV_DATA_DIR as ENV_DATA_DIR
from facilitator.paths import data_dir as data_dir

ENV_MODEL = "FACILITATOR_MODEL"


@dataclass(frozen=True)
class KnownArchive:
    """A published model zip whose size and checksum we know."""

    name: str
    url: str
    size: int
    sha256: str

    @property
    def file_name(self) -> str:
        return self.name + ".zip"


DEFAULT_MODEL = KnownArchive(
    name="vosk-model-small-nl-0.22",
    url="https://alphacephei.com/vosk/models/vosk-model-small-nl-0.22.zip",
    size=40_441_176,
    sha256="039811c3b829de64e4f123a9f684a53784005b212a346ac0b899dc7efce2ed0a",
)

KNOWN_ARCHIVES = {archive.file_name: archive for archive in (DEFAULT_MODEL,)}
"""Archives recognised by file name, from any source (a mirror, a USB stick)."""


def models_dir() -> Path:
    return data_dir() / "models"


REQUIRED_FILES = (
    "am/final.mdl",
    "conf/model.conf",
    "conf/mfcc.conf",
    "graph/HCLr.fst",
    "graph/Gr.fst",
    "graph/disambig_tid.int",
)

FIXED_GRAPH = "graph/HCLG.fst"
"""With this file vosk ignores the grammar (privacy: see the module docstring)."""


def missing_parts(path: Path) -> list[str]:
    """The files a command model needs that ``path`` lacks (empty for a complete one)."""
    return [part for part in REQUIRED_FILES if not (path / part).is_file()]


def is_model(path: Path) -> bool:
    return path.is_dir() and not missing_parts(path) and not (path / FIXED_GRAPH).exists()


def check_model(path: Path, shown_as: str | Path | None = None) -> None:
    """Raises a ``ModelError`` that says what is wrong, unless ``path`` is a usable model.

    ``shown_as`` is how the message names the model (default: ``path``).
    """
    where = path if shown_as is None else shown_as
    if not path.is_dir():
        raise ModelError(t("voice.no_model_at", path=where))
    if (path / FIXED_GRAPH).exists():
        raise ModelError(t("voice.model_without_grammar", path=where))
    missing = missing_parts(path)
    if missing:
        raise ModelError(t("voice.model_incomplete", path=where, missing=", ".join(missing)))


def installed_models() -> list[Path]:
    """Complete models in the models directory, the default one first."""
    directory = models_dir()
    if not directory.is_dir():
        return []
    found = sorted(
        entry for entry in directory.iterdir() if not entry.name.startswith(".") and is_model(entry)
    )
    return sorted(found, key=lambda entry: entry.name != DEFAULT_MODEL.name)


def find_model(config_path: str | Path | None = None) -> Path | None:
    """The model to use, or None when none is configured or installed.

    Looks at ``config_path`` (from the room configuration), then at
    ``$FACILITATOR_MODEL``, then at the installed models (the default one first).
    A path that is given but holds no complete model is a mistake, not an absence:
    it raises ``ModelError`` saying what is wrong.
    """
    if config_path is not None and str(config_path):
        return _given(Path(config_path), t("voice.origin_config"))
    env = os.environ.get(ENV_MODEL)
    if env:
        return _given(Path(env), t("voice.origin_env"))
    installed = installed_models()
    return installed[0] if installed else None


def require_model(config_path: str | Path | None = None) -> Path:
    """Like ``find_model``, but no model at all is a ``ModelError`` saying what to run."""
    path = find_model(config_path)
    if path is None:
        raise ModelError(t("voice.model_missing", where=models_dir(), url=DEFAULT_MODEL.url))
    return path


def _given(path: Path, origin: str) -> Path:
    path = path.expanduser()
    if not path.is_dir():
        raise ModelError(t("voice.model_not_found_at", path=path, origin=origin))
    check_model(path)
    return path.resolve()
