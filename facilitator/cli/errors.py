"""What the command groups that can also run on their own (``model``, ``listen``) share:
friendly errors, and the room configuration the main command loaded."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import IO

import click

from facilitator.errors import FacilitatorError
from facilitator.room.config import RoomConfig


class CommandFailed(click.ClickException):
    """A FacilitatorError on its way out: the message alone on stderr, status 1."""

    exit_code = 1

    def show(self, file: IO[str] | None = None) -> None:
        click.echo(self.message, err=True)


@contextlib.contextmanager
def clean_errors() -> Iterator[None]:
    try:
        yield
    except FacilitatorError as error:
        raise CommandFailed(str(error)) from error


def room_config(ctx: click.Context) -> RoomConfig:
    """The room configuration the main command loaded (the defaults without one)."""
    obj = ctx.find_object(dict)
    config = obj.get("config") if obj else None
    return config if isinstance(config, RoomConfig) else RoomConfig()
