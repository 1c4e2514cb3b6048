"""Which modules importing some of facilitator loads, seen in a fresh interpreter."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterable


def loaded_after(importing: Iterable[str], watched: Iterable[str]) -> list[str]:
    """The ``watched`` modules that are loaded once ``importing`` have been imported."""
    watched = list(watched)
    code = (
        "import sys\n"
        + "".join(f"import {name}\n" for name in importing)
        + f"print(','.join(m for m in {watched!r} if m in sys.modules))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    return [name for name in done.stdout.strip().split(",") if name]
