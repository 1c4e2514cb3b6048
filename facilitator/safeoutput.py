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

import click

from facilitator.lang import t

_OUTPUT_ERRORS = (errno.EPIPE, errno.ENOSPC, errno.EIO, errno.EDQUOT, errno.EBADF)


def tolerant_streams() -> None:
    """Characters that stdout or stderr cannot encode are replaced, not fatal."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            with contextlib.suppress(ValueError, OSError, AttributeError):
                reconfigure(errors="replace")


def _silence_stdout() -> None:
    """Points stdout at /dev/null, so that the flush at exit cannot fail again."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
        os.close(null)


@contextlib.contextmanager
def output_guarded() -> Iterator[None]:
    tolerant_streams()
    try:
        yield
        with contextlib.suppress(AttributeError):
            sys.stdout.flush()
    except OSError as error:
        if error.errno not in _OUTPUT_ERRORS:
            raise
        _silence_stdout()
        if error.errno != errno.EPIPE:
            with contextlib.suppress(OSError, ValueError):
                reason = error.strerror or str(error)
                click.echo(t("safety.output_failed", reason=reason), err=True)
        raise click.exceptions.Exit(1) from None
