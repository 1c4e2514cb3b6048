"""A stand-in speech model for tests: the layout of a small vosk model, dummy contents.

vosk cannot load it; it serves every test of finding, checking and installing models.
"""

from __future__ import annotations

from pathlib import Path


def write_model(directory: Path, marker: str = "one") -> Path:
    """Writes the model into ``directory`` and returns it; ``marker`` tells copies apart."""
    files = {
        "am/final.mdl": b"acoustic model " * 200,
        "conf/mfcc.conf": b"--sample-frequency=16000\n",
        "conf/model.conf": b"--min-active=200\n",
        "graph/HCLr.fst": b"lexicon graph " * 300,
        "graph/Gr.fst": b"grammar graph " * 300,
        "graph/disambig_tid.int": b"1\n",
        "graph/phones/word_boundary.int": b"1 nonword\n",
        "README": marker.encode(),
    }
    for name, data in files.items():
        (directory / name).parent.mkdir(parents=True, exist_ok=True)
        (directory / name).write_bytes(data)
    return directory
