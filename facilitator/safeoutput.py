"""Output that cannot be written ends the command quietly, never with a traceback.

``facilitator methods list | head -1`` closes the pipe early, ``>/dev/full`` has no
room, and a terminal set to ASCII cannot show "é": none of that is a bug. Inside
``output_guarded`` a character the output cannot encode becomes ``?``, a closed
pipe ends the command silently, and a full or broken output says so once on stderr;
each ends with status 1.
"""

from __future__ import annotations

import contextlib
import errno
import os
import sys
from collections.abc import Iterator
from typing import Any, TextIO, cast

import click

from facilitator.lang import t


class OutputFailed(Exception):
    """Writing to stdout or stderr failed; ``error`` says how."""

    def __init__(self, error: OSError, stream: str) -> None:
        super().__init__(str(error))
        self.error = error
        self.stream = stream


class _Guarded:
    """A text stream whose write errors are ``OutputFailed``, told apart from the
    errors of any other file (a full disk under the log is not a full stdout)."""

    def __init__(self, stream: Any, name: str) -> None:
        self._stream = stream
        self._name = name

    def write(self, text: str) -> int:
        try:
            written: int = self._stream.write(text)
        except OSError as error:
            raise OutputFailed(error, self._name) from error
        return written

    def flush(self) -> None:
        try:
            self._stream.flush()
        except OSError as error:
            raise OutputFailed(error, self._name) from error

    @property
    def buffer(self) -> Any:
        # No binary side door: click would write bytes past the guard (and past the
        # replacement of characters the output cannot encode).
        raise AttributeError("buffer")

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


def tolerant_streams() -> None:
    """Characters that stdout or stderr cannot encode are replaced, not fatal."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            with contextlib.suppress(ValueError, OSError, AttributeError):
                reconfigure(errors="replace")


def _silence(stream: Any) -> None:
    """Points ``stream`` at /dev/null, so that the flush at exit cannot fail again."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, stream.fileno())
        os.close(null)


@contextlib.contextmanager
def output_guarded() -> Iterator[None]:
    tolerant_streams()
    original = sys.stdout, sys.stderr
    sys.stdout = cast(TextIO, _Guarded(sys.stdout, "stdout"))
    sys.stderr = cast(TextIO, _Guarded(sys.stderr, "stderr"))
    try:
        yield
        sys.stdout.flush()
    except OutputFailed as failed:
        sys.stdout, sys.stderr = original
        _silence(sys.stdout if failed.stream == "stdout" else sys.stderr)
        if failed.error.errno != errno.EPIPE and failed.stream == "stdout":
            with contextlib.suppress(OSError, ValueError):
                reason = failed.error.strerror or str(failed.error)
                click.echo(t("safety.output_failed", reason=reason), err=True)
        raise click.exceptions.Exit(1) from None
    finally:
        sys.stdout, sys.stderr = original
