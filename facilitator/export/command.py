"""``facilitator methods export NAME --html``: the rehearsal page for the group."""

from __future__ import annotations

from pathlib import Path

import click

from facilitator.cli.errors import clean_errors, room_config
from facilitator.errors import ConfigError
from facilitator.lang import AVAILABLE, t


@click.command("export")
@click.argument("name")
@click.option("--html", "as_html", is_flag=True, help="Write the rehearsal page (HTML).")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="The file to write (default: NAME.html, or NAME-STEP.html, here).",
)
@click.option("--step", "step_id", metavar="ID", help="Rehearse only this step.")
@click.option(
    "--total",
    metavar="LENGTH",
    help="With the times the meeting gets when fitted into LENGTH (see run).",
)
@click.option(
    "--language",
    type=click.Choice(AVAILABLE),
    help="The language of the page and its voice (default: the room's).",
)
@click.option("--participants", "-p", metavar="NAMES", help='Names, e.g. "Anna,Bram,Carla".')
@click.option("--group-size", "-n", type=int, help="Number of participants (cues without names).")
@click.option("--case-owner", "-i", metavar="NAME", help="Who brings the case.")
@click.option("--grace", type=float, help="Seconds after time is up before moving on.")
@click.pass_context
def export(
    ctx: click.Context,
    name: str,
    as_html: bool,
    output: Path | None,
    step_id: str | None,
    total: str | None,
    language: str | None,
    participants: str | None,
    group_size: int | None,
    case_owner: str | None,
    grace: float | None,
) -> None:
    """A rehearsal page for phone or laptop: one HTML file that needs no installation.

    It shows each step with a large countdown and says what the room device says,
    in the browser's own voice, and needs no internet. Add ?speed=N to its address
    to run it N times faster, and &start=1 to start without a tap.
    """
    if not as_html:
        raise click.UsageError(t("export.html_needed"))
    from facilitator.export.build import build_page

    config = room_config(ctx)
    with clean_errors():
        page = build_page(
            name,
            config,
            language=language or config.language,
            step_id=step_id,
            total=total,
            participants=participants,
            group_size=group_size,
            case_owner=case_owner,
            grace=grace,
        )
        target = output or Path(f"{Path(name).stem}{'-' + step_id if step_id else ''}.html")
        _write(target, page)
    click.echo(t("export.written", path=target, size=round(len(page.encode()) / 1024)))


def _write(target: Path, page: str) -> None:
    from facilitator.export.page import GENERATOR

    try:
        if target.exists():
            with target.open(encoding="utf-8", errors="replace") as existing:
                if GENERATOR not in existing.read(4096):
                    raise ConfigError(t("export.not_ours", path=target))
        target.write_text(page, encoding="utf-8")
    except OSError as error:
        raise ConfigError(
            t("export.cannot_write", path=target, reason=error.strerror or error)
        ) from None


__all__ = ["export"]
