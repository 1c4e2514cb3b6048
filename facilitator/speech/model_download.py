"""Installing the speech model: fetch or copy it, check it, put it in place at once.

``download_model`` is the only code in facilitator that reaches the network, and
only the explicit ``facilitator model download`` command calls it (with an http(s)
source). Where models live and how one is checked is ``model_store``'s business.

How an install is checked: the size and SHA-256 of the zip (see
``model_store.DEFAULT_MODEL``), the CRC-32 of every member while unpacking, and the
layout vosk needs (``model_store.check_model``).

An install is all or nothing: the zip is fetched to a temporary file and unpacked into
a temporary directory, both inside the models directory, and only a checked model is
renamed into place (an existing one is moved aside first and removed afterwards).
Whatever goes wrong, the temporary files are removed; leftovers of a process that
was killed are cleared by the next download.
"""

from __future__ import annotations

import contextlib
import hashlib
import http.client
import lzma
import os
import re
import secrets
import shutil
import sys
import tempfile
import urllib.error
import urllib.parse
import urllib.request
import zipfile
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path, PurePosixPath

from facilitator.errors import ModelError
from facilitator.inputfile import ARCHIVE_LIMIT, NotRegular, check_regular
from facilitator.lang import t
from facilitator.speech.model_store import (
    DEFAULT_MODEL,
    KNOWN_ARCHIVES,
    check_model,
    is_model,
    missing_parts,
    models_dir,
)

Progress = Callable[[int, int | None], None]
"""``progress(done_bytes, total_bytes_or_None)``, called as the bytes come in."""

_CHUNK = 64 * 1024
_TIMEOUT_S = 30.0
# Room needed for the zip and the unpacked model together, relative to the zip.
_SPACE_FACTOR = 3
_PARTIAL = ".partial-"
_STAGING = ".staging-"
_OLD = ".old-"
_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._+-]*")
_SHA256 = re.compile(r"[0-9a-f]{64}")


def download_model(
    source: str | None = None,
    progress: Progress | None = None,
    expected_size: int | None = None,
    expected_sha256: str | None = None,
    *,
    timeout_s: float = _TIMEOUT_S,
) -> Path:
    """Installs a model and returns its path (``models_dir() / <name>``).

    ``source`` is an http(s) URL (default: the small Dutch model), a local zip file
    (say, from a USB stick) or an already unpacked model directory. The zip's size and
    SHA-256 are checked against ``expected_size``/``expected_sha256`` or, for a known
    archive (recognised by its file name), against the published values. A model of
    the same name is replaced only once the new one is complete. Every failure is a
    ``ModelError`` that says what to do, and leaves no partial files behind.
    """
    report: Progress = progress or _ignore_progress
    text = source if source is not None else DEFAULT_MODEL.url
    sha256 = normalise_sha256(expected_sha256)
    kind, location = _classify(text)
    known = KNOWN_ARCHIVES.get(_file_name(text, kind))
    if known is not None and kind != "dir":
        expected_size = known.size if expected_size is None else expected_size
        sha256 = known.sha256 if sha256 is None else sha256

    root = models_dir()
    with _writing(root):
        root.mkdir(parents=True, exist_ok=True)
    with _exclusive(root):
        with _writing(root):
            _clear_leftovers(root)
        with _scratch(root) as (partial, staging):
            if kind == "dir":
                model, name = _copy_model_dir(location, staging, report)
            else:
                if kind == "url":
                    _fetch(text, partial, report, expected_size, sha256, timeout_s)
                    archive = partial
                else:
                    _check_file(location, report, expected_size, sha256)
                    archive = location
                model, name = _unpack(archive, staging, text, _stem(_file_name(text, kind)))
            if not _NAME.fullmatch(name):
                raise ModelError(t("voice.bad_model_name", source=text, name=name))
            _check_unpacked(model, text, kind)
            target = root / name
            with _writing(root):
                _replace(model, target)
    return target


def _ignore_progress(done: int, total: int | None) -> None:
    pass


def normalise_sha256(value: str | None) -> str | None:
    """A SHA-256 in lower-case hex; anything else is a ModelError."""
    if value is None:
        return None
    normal = value.strip().lower()
    if not _SHA256.fullmatch(normal):
        raise ModelError(t("voice.bad_sha256", value=value))
    return normal


def _classify(source: str) -> tuple[str, Path]:
    """("url" | "zip" | "dir", local path); raises for anything else."""
    scheme = urllib.parse.urlsplit(source).scheme.lower()
    if scheme in ("http", "https"):
        return "url", Path()
    if scheme == "file":
        path = Path(urllib.request.url2pathname(urllib.parse.urlsplit(source).path))
    elif len(scheme) > 1:  # one letter is a Windows drive
        raise ModelError(t("voice.source_unsupported", source=source))
    else:
        path = Path(source).expanduser()
    if path.is_dir():
        return "dir", path
    if path.exists():
        try:  # a zip must be a plain file: /dev/zero or a FIFO would never end
            check_regular(path.stat().st_mode, path.stat().st_size, path, ARCHIVE_LIMIT)
        except NotRegular as refused:
            raise ModelError(str(refused)) from None
        except OSError as error:
            reason = _reason(error)
            raise ModelError(t("voice.archive_broken", source=source, reason=reason)) from error
        return "zip", path
    raise ModelError(t("voice.source_not_found", source=source))


def _file_name(source: str, kind: str) -> str:
    if kind == "url":
        return PurePosixPath(urllib.parse.unquote(urllib.parse.urlsplit(source).path)).name
    return Path(source).name


def _stem(file_name: str) -> str:
    return file_name[:-4] if file_name.lower().endswith(".zip") else file_name


# --- the data directory: locking, scratch space, leftovers, replacing ---------------


@contextlib.contextmanager
def _writing(where: Path) -> Iterator[None]:
    """Turns a failure to write (disk full, read-only, permissions) into a ModelError."""
    try:
        yield
    except OSError as error:
        raise ModelError(t("voice.write_failed", where=where, reason=_reason(error))) from error


@contextlib.contextmanager
def _exclusive(directory: Path) -> Iterator[None]:
    """One install at a time per models directory (a lock on the directory itself)."""
    if sys.platform == "win32":
        yield
        return
    import fcntl

    with _writing(directory):
        handle = os.open(directory, os.O_RDONLY)
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as error:
            raise ModelError(t("voice.busy", where=directory)) from error
        yield
    finally:
        os.close(handle)


@contextlib.contextmanager
def _scratch(root: Path) -> Iterator[tuple[Path, Path]]:
    """A temporary file and directory inside ``root``; both are gone afterwards."""
    with _writing(root):
        handle, name = tempfile.mkstemp(prefix=_PARTIAL, suffix=".zip", dir=root)
        os.close(handle)
    partial = Path(name)
    try:
        with _writing(root):
            staging = Path(tempfile.mkdtemp(prefix=_STAGING, dir=root))
    except BaseException:
        _remove(partial)
        raise
    try:
        yield partial, staging
    finally:
        _remove(partial)
        _remove(staging)


def _clear_leftovers(root: Path) -> None:
    """Removes what a killed install left; puts back a model it had moved aside."""
    for entry in root.iterdir():
        if entry.name.startswith((_PARTIAL, _STAGING)):
            _remove(entry)
        elif entry.name.startswith(_OLD):
            _, _, name = entry.name[len(_OLD) :].partition("-")
            original = root / name
            if name and not original.exists():
                with contextlib.suppress(OSError):
                    entry.rename(original)
                    continue
            _remove(entry)


def _replace(model: Path, target: Path) -> None:
    """Puts ``model`` at ``target``; an existing ``target`` survives any failure."""
    backup = None
    if target.exists() or target.is_symlink():
        backup = target.parent / f"{_OLD}{secrets.token_hex(4)}-{target.name}"
        target.rename(backup)
    try:
        model.rename(target)
    except BaseException:
        if backup is not None:
            backup.rename(target)
        raise
    if backup is not None:
        _remove(backup)


def _remove(path: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)
        else:
            path.unlink()


def _check_space(where: Path, needed: int) -> None:
    free = shutil.disk_usage(where).free
    if free < needed:
        mb = 1024 * 1024
        raise ModelError(t("voice.no_space", where=where, needed=-(-needed // mb), free=free // mb))


# --- getting the bytes ---------------------------------------------------------------


def _fetch(
    url: str,
    into: Path,
    report: Progress,
    expected_size: int | None,
    sha256: str | None,
    timeout_s: float,
) -> None:
    request = urllib.request.Request(url, headers={"User-Agent": "facilitator"})
    try:
        response = urllib.request.urlopen(request, timeout=timeout_s)
    except urllib.error.HTTPError as error:
        error.close()
        raise ModelError(t("voice.http_error", url=url, status=error.code)) from error
    except urllib.error.URLError as error:
        raise ModelError(t("voice.no_network", url=url, reason=_reason(error.reason))) from error
    except (http.client.HTTPException, OSError) as error:
        raise ModelError(t("voice.no_network", url=url, reason=_reason(error))) from error
    with response:
        length = response.headers.get("Content-Length")
        total = int(length) if length and length.isdigit() else None
        if expected_size is not None and total is not None and total != expected_size:
            raise ModelError(
                t("voice.size_mismatch", source=url, actual=total, expected=expected_size)
            )
        _check_space(into.parent, _SPACE_FACTOR * (total or expected_size or 0))
        digest = hashlib.sha256()
        received = 0
        report(0, total)
        with _writing(into.parent), into.open("wb") as out:
            while True:
                chunk = _read(response, url)
                if not chunk:
                    break
                out.write(chunk)
                digest.update(chunk)
                received += len(chunk)
                report(received, total)
    if total is not None and received < total:
        reason = t("voice.reason_cut_off", received=received, expected=total)
        raise ModelError(t("voice.interrupted", url=url, reason=reason))
    _check_digest(url, received, digest.hexdigest(), expected_size, sha256)


def _read(response: http.client.HTTPResponse, url: str) -> bytes:
    try:
        return response.read(_CHUNK)
    except TimeoutError as error:
        reason = t("voice.reason_timeout")
        raise ModelError(t("voice.interrupted", url=url, reason=reason)) from error
    except (http.client.HTTPException, OSError) as error:
        raise ModelError(t("voice.interrupted", url=url, reason=_reason(error))) from error


def _check_file(
    path: Path, report: Progress, expected_size: int | None, sha256: str | None
) -> None:
    size = path.stat().st_size
    if expected_size is not None and size != expected_size:
        raise ModelError(t("voice.size_mismatch", source=path, actual=size, expected=expected_size))
    if sha256 is None:
        report(size, size)
        return
    digest = hashlib.sha256()
    done = 0
    report(0, size)
    try:
        with path.open("rb") as source:
            while chunk := source.read(_CHUNK):
                digest.update(chunk)
                done += len(chunk)
                report(done, size)
    except OSError as error:
        raise ModelError(t("voice.archive_broken", source=path, reason=_reason(error))) from error
    _check_digest(str(path), size, digest.hexdigest(), expected_size, sha256)


def _check_digest(
    source: str, size: int, actual: str, expected_size: int | None, sha256: str | None
) -> None:
    if expected_size is not None and size != expected_size:
        raise ModelError(
            t("voice.size_mismatch", source=source, actual=size, expected=expected_size)
        )
    if sha256 is not None and actual != sha256:
        raise ModelError(
            t("voice.checksum_mismatch", source=source, expected=sha256, actual=actual)
        )


# --- unpacking and copying -----------------------------------------------------------


def _unpack(archive: Path, staging: Path, source: str, fallback_name: str) -> tuple[Path, str]:
    """Unpacks ``archive`` into ``staging``; returns the model directory and its name."""
    try:
        with zipfile.ZipFile(archive) as bundle:
            members = bundle.infolist()
            if any(member.flag_bits & 0x1 for member in members):  # bit 0: encrypted
                raise ModelError(t("safety.archive_encrypted", source=source))
            for member in members:
                if not _safe_member(member.filename):
                    raise ModelError(t("voice.archive_unsafe", source=source, name=member.filename))
            _check_space(staging, sum(member.file_size for member in members))
            # Extracting reads every member through its CRC-32 check, so a damaged
            # archive fails here (BadZipFile, or the decompressor's own error).
            with _writing(staging):
                bundle.extractall(staging)
    except (
        zipfile.BadZipFile,
        EOFError,
        zlib.error,
        lzma.LZMAError,
        NotImplementedError,
        RuntimeError,  # what zipfile raises for a member that needs a password
        OSError,
    ) as error:
        raise ModelError(t("voice.archive_broken", source=source, reason=error)) from error
    return _model_root(staging, fallback_name)


def _check_unpacked(model: Path, source: str, kind: str) -> None:
    """Like ``check_model``, but an archive without a model is called what it is."""
    try:
        check_model(model, shown_as=source)
    except ModelError:
        missing = missing_parts(model)
        if kind == "dir" or not missing or (model / "graph" / "HCLG.fst").is_file():
            raise
        key = "voice.archive_without_model" if kind == "zip" else "voice.download_without_model"
        raise ModelError(t(key, source=source, missing=", ".join(missing))) from None


def _safe_member(name: str) -> bool:
    path = PurePosixPath(name.replace("\\", "/"))
    return not path.is_absolute() and ".." not in path.parts and ":" not in name


def _model_root(staging: Path, fallback_name: str) -> tuple[Path, str]:
    if is_model(staging):
        return staging, fallback_name
    entries = [
        entry
        for entry in staging.iterdir()
        if entry.name != "__MACOSX" and not entry.name.startswith(".")
    ]
    if len(entries) == 1 and entries[0].is_dir():
        return entries[0], entries[0].name
    return staging, fallback_name


def _copy_model_dir(source: Path, staging: Path, report: Progress) -> tuple[Path, str]:
    check_model(source)
    name = source.resolve().name
    total = sum(path.stat().st_size for path in source.rglob("*") if path.is_file())
    _check_space(staging, total)
    done = 0
    report(0, total)

    def copy(src: str, dst: str) -> object:
        nonlocal done
        result = shutil.copy2(src, dst)
        done += os.path.getsize(src)
        report(done, total)
        return result

    target = staging / name
    with _writing(staging):
        shutil.copytree(source, target, copy_function=copy)
    return target, name


def _reason(error: object) -> str:
    if isinstance(error, OSError) and error.strerror:
        return error.strerror
    return str(error) or type(error).__name__
