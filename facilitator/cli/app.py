"""The ``facilitator`` command line (a click group).

Every FacilitatorError becomes a clean message on stderr and exit status 1; click's
usage errors exit with 2. A traceback means a bug.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Any

import click

from facilitator.cli.group import choose_group, group, run_options
from facilitator.cli.language import speak_the_rooms_language
from facilitator.cli.listen import listen
from facilitator.cli.methods import methods
from facilitator.cli.speech_model import model
from facilitator.display.command import display
from facilitator.errors import AudioError, ConfigError, FacilitatorError
from facilitator.lang import set_language, t
from facilitator.meeting.timeslot import slot_length, slot_seconds
from facilitator.method import library
from facilitator.room.config import RoomConfig, load_config
from facilitator.safetext import inert


class FacilitatorGroup(click.Group):
    def main(self, args: Sequence[str] | None = None, *rest: Any, **extra: Any) -> Any:
        given = list(sys.argv[1:] if args is None else args)
        speak_the_rooms_language(self, given)  # --help and usage errors too
        return super().main(given, *rest, **extra)

    def invoke(self, ctx: click.Context) -> Any:
        from facilitator.safeoutput import output_guarded

        with output_guarded():
            try:
                return super().invoke(ctx)
            except FacilitatorError as error:
                click.echo(inert(str(error)), err=True)
                ctx.exit(1)


@click.group(cls=FacilitatorGroup)
@click.option(
    "--config",
    "config_path",
    type=click.Path(path_type=Path),
)
@click.version_option(package_name="facilitator")
@click.pass_context
def main(ctx: click.Context, config_path: Path | None) -> None:
    """Offline, voice-guided facilitator for intervisie groups."""
    ctx.ensure_object(dict)
    ctx.obj["config_path"] = config_path
    # Commands that need the room configuration load it through _config(), so that
    # `facilitator config` still works when the file is broken.
    if ctx.invoked_subcommand != "config":
        _config(ctx)


def _config(ctx: click.Context) -> RoomConfig:
    root = ctx.find_root()
    if "config" not in root.obj:
        config = load_config(root.obj["config_path"])
        set_language(config.language)
        # Sessions find a method by name through the library, which also looks in the
        # room's own method folders.
        library.set_config_folders(config.method_folders, config.source)
        root.obj["config"] = config
    loaded: RoomConfig = root.obj["config"]
    return loaded


# -- run and rehearse --------------------------------------------------------------
def _participants_option(f: Any) -> Any:
    f = click.option(
        "--participants",
        "-p",
        metavar="NAMES",
    )(f)
    f = click.option("--group-size", "-n", type=int)(f)
    f = click.option("--case-owner", "-i", metavar="NAME")(f)
    return f


def _session_options(f: Any) -> Any:
    f = click.option(
        "--speed",
        type=float,
        default=1.0,
        show_default=True,
    )(f)
    f = click.option("--text", is_flag=True)(f)
    f = click.option(
        "--voice/--no-voice",
        default=True,
    )(f)
    f = click.option("--log", "log_path", type=click.Path(path_type=Path))(f)
    f = click.option(
        "--grace",
        type=float,
    )(f)
    f = click.option(
        "--wait/--advance",
        "wait",
        default=None,
    )(f)
    return f


@main.command()
@click.argument("method", required=False)
@_participants_option
@click.option("--opening/--no-opening", default=None)
@click.option("--closing/--no-closing", default=None)
@click.option("--repeat", "repeat_times", type=int)
@click.option(
    "--total",
    metavar="LENGTH",
)
@click.option("--until", metavar="HH:MM")
@click.option("--resume", is_flag=True)
@run_options
@click.option("--display", is_flag=True)
@click.option("--remote", is_flag=True)
@click.option("--port", type=click.IntRange(1024, 65535))
@_session_options
@click.pass_context
def run(
    ctx: click.Context,
    /,
    method: str | None,
    resume: bool,
    total: str | None,
    until: str | None,
    **options: Any,
) -> None:
    """Run a meeting with METHOD (a shipped name or a path to a .yaml file)."""
    from facilitator.meeting.recovery import one_session_at_a_time

    config = _config(ctx)
    with one_session_at_a_time():
        _run_meeting(config, method, resume, total, until, options)


def _run_meeting(
    config: RoomConfig,
    method: str | None,
    resume: bool,
    total: str | None,
    until: str | None,
    options: dict[str, Any],
) -> None:
    from facilitator.cli import prompts as ask
    from facilitator.meeting.recovery import StateStore
    from facilitator.meeting.session import SessionRequest, check_request, run_session

    def request_for(method: str) -> SessionRequest:
        options["opening"], options["closing"] = bool(options["opening"]), bool(options["closing"])
        request = SessionRequest.from_options(method, options, rehearse=False)
        check_request(request, config)
        return request

    # Everything given on the command line is checked before anything is said about an
    # interrupted session, so a mistake never leaves the chair half-way.
    if not resume and method is not None:
        choose_group(options, interactive=False)
        options["fit_s"] = slot_seconds(total, until, datetime.now())
        request_for(method)
    interactive = sys.stdin.isatty() and sys.stdout.isatty()
    saved = _saved_session(StateStore(), resume, interactive)
    if saved is not None and not resume:
        if interactive:
            resume = ask.ask_resume(saved.request.get("method"), saved.saved_at, datetime.now())
        elif method is not None:
            click.echo(t("cli.resume_skipped", method=saved.request.get("method")), err=True)
    if resume:
        if saved is None:
            raise ConfigError(t("cli.nothing_to_resume"))
        request = SessionRequest.from_json(saved.request)
        if options["text"]:
            request = replace(request, text=True)
        if options["display"] or options["remote"]:
            request = replace(request, display=True, remote=request.remote or options["remote"])
        if options["port"] is not None:
            request = replace(request, port=options["port"])
        if options["log_path"] is not None:  # a new log, e.g. when the old one is damaged
            request = replace(request, log_path=options["log_path"])
        run_session(request, config, saved)
        return
    chosen = method is None
    if method is None:
        if not interactive:
            raise click.UsageError(t("cli.method_needed"))
        method = ask.choose_method()
    choose_group(options, interactive)
    named = options["participants"] is not None or options["group_size"] is not None
    if interactive and options["group"] is None and not named:
        options["participants"], options["case_owner"] = ask.ask_who(options["case_owner"])
    if chosen:
        # The whole meeting is being put together at the terminal: ask the rest too.
        if options["opening"] is None and options["closing"] is None:
            options["opening"], options["closing"] = ask.ask_frames()
        options["fit_s"] = slot_seconds(total, until, datetime.now())
        if options["fit_s"] is None:
            planned = library.resolve(method).planned_s
            while True:
                options["fit_s"] = ask.ask_time(planned, datetime.now)
                try:
                    request_for(method)
                except ConfigError as error:
                    if options["fit_s"] is None:
                        raise
                    click.echo(inert(str(error)), err=True)  # it does not fit: ask again
                    continue
                break
    run_session(request_for(method), config)


def _saved_session(store: Any, resume: bool, interactive: bool) -> Any:
    """The saved session; one that cannot be used is set aside (when the user agrees,
    or without a terminal to ask), so that it never blocks a new meeting."""
    from facilitator.meeting.recovery import BrokenState

    try:
        return store.load()
    except BrokenState as broken:
        click.echo(inert(str(broken)), err=True)
        if resume or (interactive and not click.confirm(t("safety.state_discard"), default=True)):
            raise ConfigError(t("safety.state_kept")) from None
        aside = store.set_aside()
        click.echo(t("safety.state_set_aside", aside=aside), err=True)
        return None


@main.command()
@click.argument("method")
@click.option("--step", "step_id", metavar="ID")
@click.option(
    "--total",
    metavar="LENGTH",
)
@_participants_option
@_session_options
@click.pass_context
def rehearse(
    ctx: click.Context, /, method: str, step_id: str | None, total: str | None, **options: Any
) -> None:
    """Practise a method or one step, then see how long each part took."""
    from facilitator.meeting.session import SessionRequest, run_session

    options["opening"] = options["closing"] = False
    options["repeat_times"] = None
    options["fit_s"] = None if total is None else slot_length(total)
    request = SessionRequest.from_options(method, options, rehearse=True, step_id=step_id)
    run_session(request, _config(ctx))


# -- audio -------------------------------------------------------------------------
@main.command()
@click.argument("text", nargs=-1, required=True)
@click.pass_context
def say(ctx: click.Context, text: tuple[str, ...]) -> None:
    """Say TEXT through the chosen speaker: tests the voice and the speakers."""
    from facilitator.speech.output import say_once

    config = _config(ctx)
    say_once(
        " ".join(text),
        device=config.output_device,
        language=config.language,
        rate=config.rate,
        volume=config.volume,
        voice=config.voice,
    )


@main.command()
@click.option("--quiet-room", is_flag=True)
@click.pass_context
def check(ctx: click.Context, quiet_room: bool) -> None:
    """Is the room ready? Speaker, voice, microphone, speech model, methods."""
    from facilitator.room.check import Status, check_room
    from facilitator.speech.audio import NativeNoiseFilter

    config = _config(ctx)
    marks = {Status.OK: "✓", Status.WARNING: "!", Status.PROBLEM: "✗"}
    seen: set[Status] = set()
    click.echo(t("check.heading"))
    with NativeNoiseFilter():
        for finding in check_room(config, sound=not quiet_room):
            seen.add(finding.status)
            text = finding.text.replace("\n", "\n  ")  # later lines under the first
            click.echo(f"{marks[finding.status]} {text}")
    if Status.PROBLEM in seen:
        click.echo(t("check.with_problems"))
        sys.exit(1)
    click.echo(t("check.with_warnings" if Status.WARNING in seen else "check.all_ok"))


@main.command()
@click.pass_context
def devices(ctx: click.Context) -> None:
    """List audio devices; the chosen ones are marked."""
    from facilitator.speech.audio import describe_devices

    config = _config(ctx)
    rows = describe_devices(config.output_device, config.input_device)
    if not rows:
        raise AudioError(t("audio.no_devices"))
    for line in rows:
        click.echo(line)


# -- report ------------------------------------------------------------------------
@main.command()
@click.argument("log", type=click.Path(path_type=Path))
@click.option(
    "--markdown",
    "markdown_path",
    type=click.Path(dir_okay=False, path_type=Path),
)
def report(log: Path, markdown_path: Path | None) -> None:
    """Planned against actual time per step, from a session log."""
    from facilitator.meeting.report import build_report, render_text, write_markdown
    from facilitator.meeting.sessionlog import iter_log

    result = build_report(iter_log(log))
    click.echo(render_text(result))
    target = markdown_path or log.with_suffix(".md")
    write_markdown(result, target, source=log)
    click.echo(t("cli.report_written", path=target))


@main.command("config")
@click.option("--example", is_flag=True)
def config_cmd(example: bool) -> None:
    """Where the room configuration lives (and an example)."""
    from facilitator.room.config import config_path, example_config

    if example:
        click.echo(example_config())
    else:
        click.echo(str(config_path()))


main.add_command(methods)
main.add_command(model)
main.add_command(listen)
main.add_command(group)
main.add_command(display)
