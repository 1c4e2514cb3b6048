"""``facilitator display``: the room display full screen on this computer's own screen."""

from __future__ import annotations

import click

from facilitator.errors import ConfigError
from facilitator.lang import t


@click.command("display")
@click.option(
    "--port",
    type=click.IntRange(1024, 65535),
    help="Poort van het scherm (standaard uit de kamerinstellingen).",
)
@click.option(
    "--wait",
    "wait_s",
    type=click.FloatRange(0, 3600),
    default=120.0,
    show_default=True,
    help="Zo veel seconden wachten tot een sessie met scherm draait.",
)
@click.pass_context
def display(ctx: click.Context, port: int | None, wait_s: float) -> None:
    """Open het scherm voor de kamer schermvullend (Chromium als kiosk, anders de browser)."""
    from facilitator.display.browser import open_full_screen, wait_for_server

    config = ctx.find_root().obj["config"]
    chosen = config.display_port if port is None else port
    url = f"http://127.0.0.1:{chosen}/"
    if not wait_for_server(chosen, 0.0):
        click.echo(t("display.waiting_for_session", url=url), err=True)
        if not wait_for_server(chosen, wait_s):
            raise ConfigError(t("display.no_session", url=url))
    opened = open_full_screen(url)
    if opened is None:
        raise ConfigError(t("display.no_browser", url=url))
    click.echo(t("display.opened", browser=opened[0]))
