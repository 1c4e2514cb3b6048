"""facilitator's own data directory, shared by the speech models and the group's methods.

``platformdirs.user_data_dir("facilitator")`` (``~/.local/share/facilitator`` on Linux),
or wherever ``$FACILITATOR_DATA_DIR`` points.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

ENV_DATA_DIR = "FACILITATOR_DATA_DIR"


def data_dir() -> Path:
    """facilitator's own data directory (``$FACILITATOR_DATA_DIR`` overrides it)."""
    override = os.environ.get(ENV_DATA_DIR)
    if override:
        return Path(override).expanduser()
    return Path(platformdirs.user_data_dir("facilitator"))
