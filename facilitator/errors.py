"""The one error family of facilitator.

Every error a user can cause or meet is a ``FacilitatorError``; the CLI prints its
message on stderr and exits with status 1. Anything else that escapes is a bug.

- ``MethodError``: a method file cannot be read or does not describe a valid
  method. The message starts with ``file:line:`` where the problem is; when a file
  has several independent problems, one error lists them, one per line, in file
  order, and ``problems`` holds each as ``(where, message)``.
- ``ConfigError``: the room configuration or a command-line value is wrong.
- ``LogError``: a session log cannot be read (``facilitator report``).
- ``AudioError``: an audio device cannot be opened or used. Sessions catch it and
  degrade; only commands that exist to use a device (``say``, ``devices``) show it.
- ``SpeechError``: speech synthesis is unavailable (no espeak-ng, no Dutch voice).
- ``ModelError``: a speech-recognition model is missing, broken or cannot be fetched.
"""

from __future__ import annotations

from collections.abc import Sequence

from facilitator.method.definition import Where


class FacilitatorError(Exception):
    """Base class: an error with a message meant for the user."""


class MethodError(FacilitatorError):
    """A method file is unreadable or invalid; the message points at file:line.

    ``MethodError(message)`` or ``MethodError(message, where)`` is one problem.
    ``MethodError(message, problems=...)`` is several, with ``message`` the text that
    shows them all. Each problem is ``(where, message)``: where it is (``None`` when
    it is not at a line of a file) and its whole message, which starts with ``where``
    when there is one.
    """

    def __init__(
        self,
        message: str,
        where: Where | None = None,
        *,
        problems: Sequence[tuple[Where | None, str]] = (),
    ) -> None:
        super().__init__(message)
        self.problems: list[tuple[Where | None, str]] = (
            list(problems) if problems else [(where, message)]
        )


class ConfigError(FacilitatorError):
    """A configuration file or command-line value is invalid."""


class LogError(FacilitatorError):
    """A session log cannot be read."""


class AudioError(FacilitatorError):
    """An audio device is missing or failed."""


class SpeechError(FacilitatorError):
    """Speech synthesis is unavailable."""


class ModelError(FacilitatorError):
    """A speech-recognition model is missing, broken or cannot be fetched."""
