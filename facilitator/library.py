"""The methods that come with facilitator, and finding a method by name or path.

Shipped methods live in ``facilitator/_data/methods`` inside an installed package
(the wheel copies the repository's ``methods/`` there); in a source checkout they
are the top-level ``methods/`` next to the package.
"""

from __future__ import annotations

import difflib
import re
from pathlib import Path
from typing import Literal

from facilitator.errors import MethodError
from facilitator.lang import t
from facilitator.loader import load_method
from facilitator.model import Method

_PACKAGE = Path(__file__).resolve().parent
SUFFIXES = (".yaml", ".yml")
# The files that frame every meeting, by the kind they must declare.
FRAME_FILES = {"opening": "opening", "closing": "afsluiting"}


def methods_dir() -> Path:
    """The folder with the shipped method files."""
    installed = _PACKAGE / "_data" / "methods"
    if installed.is_dir():
        return installed
    return _PACKAGE.parent / "methods"


def shipped_paths() -> list[Path]:
    """The shipped method files, sorted by name."""
    folder = methods_dir()
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.suffix in SUFFIXES and p.is_file())


def shipped_names() -> list[str]:
    return [path.stem for path in shipped_paths()]


def list_methods(
    kind: Literal["method", "opening", "closing", "agenda"] | None = None,
) -> list[Method]:
    """Every shipped method (of ``kind``, when given), sorted by name."""
    methods = [load_method(path) for path in shipped_paths()]
    return [m for m in methods if kind is None or m.kind == kind]


def resolve(name_or_path: str | Path) -> Method:
    """A shipped method by name (``roddelmethode``), or the method in a .yaml file.

    Names are matched loosely: case, spaces and underscores do not matter. An unknown
    name raises ``MethodError`` that suggests the closest shipped names.
    """
    given = str(name_or_path)
    if isinstance(name_or_path, Path) or _looks_like_path(given):
        return load_method(name_or_path)
    wanted = _normalise(given)
    for path in shipped_paths():
        if _normalise(path.stem) == wanted:
            return load_method(path)
    if Path(given).is_file():
        return load_method(given)
    raise MethodError(t("method.unknown_name", name=given, advice=_advice(wanted)))


def find_frame(kind: Literal["opening", "closing"]) -> Method | None:
    """The shipped opening or closing part of every meeting, if there is one."""
    preferred = methods_dir() / f"{FRAME_FILES[kind]}.yaml"
    if preferred.is_file():
        method = load_method(preferred)
        if method.kind == kind:
            return method
    framed = list_methods(kind)
    return framed[0] if framed else None


def _looks_like_path(text: str) -> bool:
    return text.lower().endswith(SUFFIXES) or "/" in text or "\\" in text


def _normalise(name: str) -> str:
    return re.sub(r"[\s_]+", "-", name.strip().lower())


def _advice(wanted: str) -> str:
    names = shipped_names()
    if not names:
        return t("method.none_available", path=methods_dir())
    close = [n for n in names if len(wanted) >= 3 and wanted in n]
    if not close:
        close = difflib.get_close_matches(wanted, names, n=3, cutoff=0.6)
    if len(close) == 1:
        return t("method.did_you_mean", suggestion=close[0])
    if close:
        return t("method.did_you_mean_one_of", suggestions=", ".join(close[:3]))
    return t("method.available", names=", ".join(names))
