"""Writing a file whole or not at all: a power cut leaves the old file or the new one.

The text goes to a temporary file beside the target, is flushed to the disk, and then
takes the target's place in one step (``os.replace``). A failure removes the
temporary file and raises the ``OSError``; the caller says what it means.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_atomically(
    path: Path, text: str, *, prefix: str, encoding: str = "utf-8", errors: str = "strict"
) -> None:
    """Replaces ``path`` with ``text``; its temporary file is ``<prefix>….tmp``."""
    fd, tmp = tempfile.mkstemp(prefix=prefix, suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding=encoding, errors=errors, newline="\n") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
