"""Where the groups live: one file per group in the data folder, changed under a lock.

``<data folder>/groups/<name>.yaml`` (``facilitator.paths.data_dir``). Every change
is read, changed and written while the folder's lock is held (``facilitator.group.lock``),
and written atomically: a power cut leaves the old file or the new one, never half.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from pathlib import Path

from facilitator.atomicfile import write_atomically
from facilitator.errors import GroupError
from facilitator.group.file import dump_group, parse_group
from facilitator.group.lock import locked
from facilitator.group.model import Group
from facilitator.group.names import check_group_name, is_group_name
from facilitator.lang import t
from facilitator.paths import data_dir

SUFFIX = ".yaml"
LOCK_NAME = ".lock"


def groups_dir() -> Path:
    return data_dir() / "groups"


class GroupStore:
    def __init__(self, folder: Path | None = None) -> None:
        self.folder = folder or groups_dir()

    def path(self, name: str) -> Path:
        return self.folder / f"{check_group_name(name)}{SUFFIX}"

    def names(self) -> list[str]:
        """The groups in the room, by name (as their files are called)."""
        if not self.folder.is_dir():
            return []
        return sorted(
            (p.stem for p in self.folder.glob(f"*{SUFFIX}") if is_group_name(p.stem)),
            key=str.casefold,
        )

    def find(self, name: str) -> str:
        """The stored name of group ``name`` (any case); ``GroupError`` when there is none."""
        check_group_name(name)
        for known in self.names():
            if known.casefold() == name.casefold():
                return known
        raise GroupError(self._unknown(name))

    def only_group(self) -> str | None:
        """The one group in the room, or ``None`` when there are none or several."""
        names = self.names()
        return names[0] if len(names) == 1 else None

    def load(self, name: str) -> Group:
        stored = self.find(name)
        return self._read(stored)

    def create(self, group: Group) -> None:
        with self._lock():
            for known in self.names():
                if known.casefold() == group.name.casefold():
                    raise GroupError(t("group.exists", name=known))
            self._write(group)

    def update(self, name: str, change: Callable[[Group], Group]) -> Group:
        """Reads group ``name``, applies ``change`` and writes the result, all under the lock."""
        with self._lock():
            stored = self.find(name)
            group = change(self._read(stored))
            self._write(group)
            return group

    def forget(self, name: str) -> Path:
        """Removes everything kept about group ``name``: its file. Returns the file's path."""
        with self._lock():
            path = self.path(self.find(name))
            path.unlink()
            return path

    def _read(self, name: str) -> Group:
        path = self.path(name)
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            raise GroupError(self._unknown(name)) from None
        except UnicodeDecodeError:
            raise GroupError(t("group.file_not_text_file", path=path)) from None
        except OSError as error:
            raise GroupError(t("group.cannot_read", path=path, reason=error.strerror)) from None
        return parse_group(text, str(path), expected_name=name)

    def _write(self, group: Group) -> None:
        path = self.path(group.name)
        text = dump_group(group)
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            write_atomically(path, text, prefix=".group-")
        except OSError as error:
            raise GroupError(t("group.cannot_write", path=path, reason=error.strerror)) from None

    def _lock(self) -> contextlib.AbstractContextManager[None]:
        return locked(self.folder / LOCK_NAME)

    def _unknown(self, name: str) -> str:
        known = self.names()
        if not known:
            return t("group.unknown_none", name=name)
        return t("group.unknown", name=name, names=", ".join(known))
