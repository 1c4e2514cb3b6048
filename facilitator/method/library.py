"""Finding a method by name or path: the shipped methods and the group's own.

Shipped methods live in ``facilitator/_data/methods`` inside an installed package
(the wheel copies the repository's ``methods/`` there); in a source checkout they
are the top-level ``methods/`` next to the package.

A group's own methods are YAML files in folders of their own, searched before the
shipped folder, in this order (the first file with a name wins; a later one with the
same name is hidden, and ``facilitator methods list`` says so):

1. the folders in ``$FACILITATOR_METHODS`` (separated by ``os.pathsep``),
2. the folders in the room configuration's ``method_folders``,
3. ``<data dir>/methods``, where ``facilitator methods new`` writes by default.

An own method with the name of a shipped one therefore replaces it, also as the
opening or closing of every meeting. Names are matched loosely: case, spaces and
underscores do not matter.
"""

from __future__ import annotations

import difflib
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from facilitator.errors import ConfigError, FacilitatorError, MethodError
from facilitator.lang import t
from facilitator.method.definition import Method
from facilitator.method.loader import load_method, load_method_text, read_method_file
from facilitator.paths import data_dir

_PACKAGE = Path(__file__).resolve().parent.parent
SUFFIXES = (".yaml", ".yml")
ENV_METHODS = "FACILITATOR_METHODS"
# The files that frame every meeting, by the kind they must declare.
FRAME_FILES = {"opening": "opening", "closing": "afsluiting"}

Origin = Literal["environment", "config", "data", "shipped"]

# A method's name becomes its file name: letters, digits and single hyphens.
_NAME = re.compile(r"[^\W_]+(?:-[^\W_]+)*")


@dataclass(frozen=True)
class Folder:
    """A folder searched for methods, and why it is searched."""

    path: Path
    origin: Origin
    via: Path | None = None  # for "config": the room configuration that names it

    @property
    def own(self) -> bool:
        return self.origin != "shipped"


@dataclass(frozen=True)
class Entry:
    """One method file in a searched folder."""

    name: str  # the file stem: what to type after ``facilitator run``
    path: Path
    folder: Folder
    hidden_by: Path | None = None  # the file found first under the same name


@dataclass(frozen=True)
class Listed:
    """A method that a name finds, loaded; ``error`` (file:line) when it cannot be."""

    entry: Entry
    method: Method | None
    error: str | None
    hides: tuple[Entry, ...]  # later files with the same name, not used


@dataclass(frozen=True)
class Created:
    """What ``create_method`` wrote."""

    path: Path
    method: Method
    copied_from: Path | None  # the file it is a copy of
    replaces: Path | None  # the shipped method of the same name, now replaced
    hidden_by: Path | None  # an own method of the same name that is found first
    hides: tuple[Path, ...]  # own methods of the same name that are now found later
    searched: bool  # whether the folder is searched for methods by name


# -- the folders ----------------------------------------------------------------------
_config_folders: tuple[Path, ...] = ()
_config_file: Path | None = None


def set_config_folders(folders: Sequence[Path], source: Path | None = None) -> None:
    """The room configuration's ``method_folders`` (the command line sets them)."""
    global _config_folders, _config_file
    _config_folders = tuple(folders)
    _config_file = source


def methods_dir() -> Path:
    """The folder with the shipped method files."""
    installed = _PACKAGE / "_data" / "methods"
    if installed.is_dir():
        return installed
    return _PACKAGE.parent / "methods"


def own_methods_dir() -> Path:
    """The folder for the group's own methods in the data directory."""
    return data_dir() / "methods"


def own_folders() -> list[Folder]:
    """The folders with the group's own methods, in the order they are searched."""
    found = [
        Folder(Path(part.strip()).expanduser(), "environment")
        for part in os.environ.get(ENV_METHODS, "").split(os.pathsep)
        if part.strip()
    ]
    found += [Folder(path, "config", _config_file) for path in _config_folders]
    found.append(Folder(own_methods_dir(), "data"))
    seen = {_identity(methods_dir())}
    unique = []
    for folder in found:
        identity = _identity(folder.path)
        if identity not in seen:
            seen.add(identity)
            unique.append(folder)
    return unique


def search_folders() -> list[Folder]:
    """Every folder searched for a method by name: the own ones, then the shipped one."""
    return [*own_folders(), Folder(methods_dir(), "shipped")]


def folder_problem(folder: Folder) -> Literal["missing", "not_a_folder", "unreadable"] | None:
    """What keeps a folder from being searched, if anything."""
    try:
        if not folder.path.exists():
            return "missing"
        if not folder.path.is_dir():
            return "not_a_folder"
        next(folder.path.iterdir(), None)
    except (OSError, ValueError):
        return "unreadable"
    return None


def method_files(folder: Path) -> list[Path]:
    """The method files in ``folder``, sorted by name; none when it cannot be read."""
    try:
        found = [
            path
            for path in folder.iterdir()
            if path.suffix in SUFFIXES and not path.name.startswith(".") and path.is_file()
        ]
    except (OSError, ValueError):
        return []
    return sorted(found)


def entries() -> list[Entry]:
    """Every method file in search order; of files with the same name, the first is used."""
    first: dict[str, Path] = {}
    found = []
    for folder in search_folders():
        for path in method_files(folder.path):
            winner = first.setdefault(_normalise(path.stem), path)
            found.append(Entry(path.stem, path, folder, None if winner == path else winner))
    return found


# -- the shipped methods ----------------------------------------------------------------
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


# -- finding a method -------------------------------------------------------------------
def catalogue() -> list[Listed]:
    """Every method a name finds, own and shipped, sorted by name; each loaded if it can be.

    A file with a mistake does not stop the others: its ``error`` says what is wrong.
    """
    found = entries()
    listed = []
    for entry in found:
        if entry.hidden_by is not None:
            continue
        hides = tuple(other for other in found if other.hidden_by == entry.path)
        try:
            method: Method | None = load_method(entry.path)
            error = None
        except FacilitatorError as problem:
            method, error = None, str(problem)
        listed.append(Listed(entry, method, error, hides))
    return sorted(listed, key=lambda item: (_normalise(item.entry.name), item.entry.name))


def resolve(name_or_path: str | Path) -> Method:
    """A method by name (own or shipped: ``roddelmethode``), or the method in a .yaml file.

    An unknown name raises ``MethodError`` that suggests the closest names.
    """
    given = str(name_or_path)
    if isinstance(name_or_path, Path) or looks_like_path(given):
        return load_method(name_or_path)
    return load_method(find(given))


def find(name: str) -> Path:
    """The file of the method called ``name``: an own one first, then a shipped one,
    then a file of that name in the current folder."""
    wanted = _normalise(name)
    for entry in entries():
        if entry.hidden_by is None and _normalise(entry.name) == wanted:
            return entry.path
    if Path(name).is_file():
        return Path(name)
    raise MethodError(t("method.unknown_name", name=name, advice=_advice(wanted)))


def find_frame(kind: Literal["opening", "closing"]) -> Method | None:
    """The opening or closing part of every meeting (an own one first), if there is one."""
    wanted = FRAME_FILES[kind]
    for entry in entries():
        if entry.hidden_by is None and _normalise(entry.name) == wanted:
            method = load_method(entry.path)
            if method.kind == kind:
                return method
    framed = list_methods(kind)
    return framed[0] if framed else None


def looks_like_path(text: str) -> bool:
    """Whether ``text`` names a file rather than a method (a .yaml suffix or a slash)."""
    return text.lower().endswith(SUFFIXES) or "/" in text or "\\" in text


# -- a new own method -------------------------------------------------------------------
def file_name_for(name: str) -> str:
    """The name of a new method as it will be written (``Onze Check_in`` -> ``onze-check-in``)."""
    given = name.strip()
    for suffix in SUFFIXES:
        if given.lower().endswith(suffix):
            given = given[: -len(suffix)]
    normal = _normalise(given)
    if not _NAME.fullmatch(normal):
        raise ConfigError(t("cli.methods.bad_name", name=name))
    return normal


def create_method(
    name: str, *, start_from: str | None = None, folder: Path | None = None
) -> Created:
    """Writes a new own method ``<folder>/<name>.yaml`` and returns what was written.

    The file is a copy of the method ``start_from`` (a name or a path), or else the
    starter template of the current language. ``folder`` defaults to
    ``own_methods_dir()``. An existing file is never overwritten: a method of that name
    in ``folder`` already is a ``ConfigError``.
    """
    stem = file_name_for(name)
    target_dir = own_methods_dir() if folder is None else folder.expanduser()
    target = target_dir / f"{stem}.yaml"
    copied_from = None
    if start_from is None:
        text = t("cli.methods.template", name=stem, title=_title(stem), guide=guide_path())
    else:
        copied_from = Path(start_from) if looks_like_path(start_from) else find(start_from)
        text = read_method_file(copied_from)
        load_method_text(text, str(copied_from))  # a broken method is not copied
    method = load_method_text(text, str(target))
    _make_folder(target_dir)
    for existing in method_files(target_dir):
        if _normalise(existing.stem) == stem:
            raise ConfigError(t("cli.methods.exists", name=stem, path=existing))
    try:
        with target.open("x", encoding="utf-8") as out:
            out.write(text)
    except FileExistsError:
        raise ConfigError(t("cli.methods.exists", name=stem, path=target)) from None
    except OSError as error:
        raise ConfigError(
            t("cli.methods.cannot_write", path=target, reason=error.strerror or error)
        ) from None
    searched = any(_identity(f.path) == _identity(target_dir) for f in own_folders())
    if not searched:
        return Created(target, method, copied_from, None, None, (), searched=False)
    same = [entry for entry in entries() if _normalise(entry.name) == stem]
    winner = same[0].path  # the file just written is one of them
    if winner != target:
        return Created(target, method, copied_from, None, winner, (), searched=True)
    replaces = next((e.path for e in same if not e.folder.own), None)
    hides = tuple(e.path for e in same if e.folder.own and e.path != target)
    return Created(target, method, copied_from, replaces, None, hides, searched=True)


def guide_path() -> Path:
    """The description of the method format that comes with facilitator."""
    return methods_dir() / "README.md"


def _make_folder(folder: Path) -> None:
    if folder.exists() and not folder.is_dir():
        raise ConfigError(t("cli.methods.folder_is_file", path=folder))
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise ConfigError(
            t("cli.methods.cannot_write", path=folder, reason=error.strerror or error)
        ) from None


def _title(stem: str) -> str:
    words = stem.replace("-", " ")
    return words[:1].upper() + words[1:]


# -- helpers ----------------------------------------------------------------------------
def _identity(path: Path) -> Path:
    try:
        return path.resolve()
    except (OSError, RuntimeError, ValueError):
        return path.absolute()


def _normalise(name: str) -> str:
    return re.sub(r"[\s_]+", "-", name.strip().lower())


def _advice(wanted: str) -> str:
    names = sorted({entry.name for entry in entries() if entry.hidden_by is None})
    if not names:
        return t("method.none_available", path=methods_dir())
    close = [n for n in names if len(wanted) >= 3 and wanted in _normalise(n)]
    if not close:
        close = difflib.get_close_matches(wanted, names, n=3, cutoff=0.6)
    if len(close) == 1:
        return t("method.did_you_mean", suggestion=close[0])
    if close:
        return t("method.did_you_mean_one_of", suggestions=", ".join(close[:3]))
    return t("method.available", names=", ".join(names))
