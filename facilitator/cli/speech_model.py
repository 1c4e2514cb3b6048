"""``facilitator model``: install the offline speech model, and show where it is.

``model download`` is the only place where facilitator goes on the internet, and only
when it is asked to. Every ``FacilitatorError`` becomes its message on stderr and
exit status 1; a malformed ``--sha256`` is a usage error (status 2).
"""

from __future__ import annotations

from pathlib import Path

import click
from rich.console import Console
from rich.progress import (
    BarColumn,
    DownloadColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeRemainingColumn,
    TransferSpeedColumn,
)

from facilitator.cli.errors import clean_errors, room_config
from facilitator.errors import ModelError
from facilitator.lang import t
from facilitator.speech import model_store


class _ProgressBar:
    """Feeds ``download_model``'s progress callback into a rich progress bar."""

    def __init__(self, progress: Progress) -> None:
        self._progress = progress
        self._task: TaskID | None = None

    def __call__(self, done: int, total: int | None) -> None:
        if self._task is None:
            self._task = self._progress.add_task(t("voice.fetching"), total=total)
        self._progress.update(self._task, completed=done, total=total)


def _configured_model_path(ctx: click.Context) -> Path | None:
    return room_config(ctx).model_path


def _check_sha256(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value is None:
        return None
    from facilitator.speech.model_download import normalise_sha256

    try:
        return normalise_sha256(value)
    except ModelError as error:
        raise click.BadParameter(str(error), ctx=ctx, param=param) from error


@click.group("model")
def model() -> None:
    """The offline speech-recognition model (vosk) for voice commands."""


@model.command("download")
@click.option(
    "--from",
    "source",
    metavar="URL_OR_FILE",
    help=(
        "Where to get the model: an http(s) address, a zip file (for instance copied "
        "from another computer) or an unpacked model folder. "
        f"Default: {model_store.DEFAULT_MODEL.url}"
    ),
)
@click.option(
    "--sha256",
    metavar="HEX",
    callback=_check_sha256,
    help="The zip's expected SHA-256 (the default model's is built in).",
)
def download(source: str | None, sha256: str | None) -> None:
    """Install the speech model, from the internet or from a file."""
    console = Console(stderr=True)
    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        DownloadColumn(),
        TransferSpeedColumn(),
        TimeRemainingColumn(),
    )
    from facilitator.speech.model_download import download_model

    with clean_errors(), Progress(*columns, console=console, transient=True) as progress:
        path = download_model(source, _ProgressBar(progress), expected_sha256=sha256)
    click.echo(t("voice.installed", path=path))


@model.command("path")
@click.pass_context
def path(ctx: click.Context) -> None:
    """Print the path of the speech model that voice commands use."""
    with clean_errors():
        found = model_store.require_model(_configured_model_path(ctx))
    click.echo(str(found))


@model.command("check")
@click.pass_context
def check(ctx: click.Context) -> None:
    """Check the speech model before a meeting: it loads and knows the commands."""
    from facilitator.room.voice_control import check_model_readiness

    config = room_config(ctx)
    with clean_errors():
        found = model_store.require_model(config.model_path)
        ready = check_model_readiness(found, wake_word=config.wake_word)
    click.echo(t("voice.check_loaded", path=ready.path, seconds=f"{ready.load_s:.1f}"))
    if ready.unusable:
        phrases = ", ".join(f"'{phrase}'" for phrase in ready.unusable)
        click.echo(
            t(
                "voice.check_partly",
                usable=len(ready.usable),
                count=len(ready.phrases),
                words=ready.missing,
                phrases=phrases,
            )
        )
    else:
        click.echo(t("voice.check_ready", count=len(ready.phrases)))
    if config.wake_word:
        click.echo(t("voice.check_wake_word", word=config.wake_word))
    click.echo(t("voice.check_next"))
