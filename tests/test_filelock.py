"""The single-session lock on each system (the Windows branch with a stand-in msvcrt)."""

from __future__ import annotations

import os
import subprocess
import sys
import types
from pathlib import Path

import pytest

from facilitator import filelock


def test_a_second_process_cannot_take_the_lock(tmp_path: Path) -> None:
    path = tmp_path / "lock"
    handle = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        assert filelock.try_lock(handle)
        filelock.write_start(handle, b"4242")
        code = (
            "import os, sys\nfrom facilitator import filelock\n"
            f"h = os.open({str(path)!r}, os.O_RDWR)\n"
            "print(filelock.try_lock(h), filelock.read_start(h, 32).decode())\n"
        )
        done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                              timeout=60, check=True)
        assert done.stdout.split() == ["False", "4242"]
    finally:
        os.close(handle)


def test_without_any_lock_module_it_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "fcntl", None)  # import fcntl -> ImportError
    handle = os.open(tmp_path / "lock", os.O_RDWR | os.O_CREAT, 0o600)
    try:
        with pytest.raises(filelock.LockUnavailable):
            filelock.try_lock(handle)
    finally:
        os.close(handle)


def test_on_windows_a_byte_past_the_process_id_is_locked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[tuple[int, int, int]] = []
    taken = {"yes": False}

    def locking(fd: int, mode: int, size: int) -> None:
        calls.append((os.lseek(fd, 0, os.SEEK_CUR), mode, size))
        if taken["yes"]:
            raise PermissionError(13, "Permission denied")  # how Windows reports it
        taken["yes"] = True

    msvcrt = types.ModuleType("msvcrt")
    msvcrt.LK_NBLCK = 2  # type: ignore[attr-defined]
    msvcrt.locking = locking  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "msvcrt", msvcrt)
    monkeypatch.setattr(sys, "platform", "win32")
    handle = os.open(tmp_path / "lock", os.O_RDWR | os.O_CREAT, 0o600)
    try:
        assert filelock.try_lock(handle) is True
        assert filelock.try_lock(handle) is False
        assert os.lseek(handle, 0, os.SEEK_CUR) == 0  # the position is put back
    finally:
        os.close(handle)
    assert all(offset >= 32 and mode == 2 and size == 1 for offset, mode, size in calls)
