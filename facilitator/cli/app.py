"""The ``facilitator`` command line (a click group).

Every FacilitatorError becomes a clean message on stderr and exit status 1; click's
usage errors exit with 2. A traceback means a bug.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Any

import click

from facilitator.cli.listen import listen
from facilitator.cli.methods import methods
from facilitator.cli.speech_model import model
from facilitator.errors import AudioError, ConfigError, FacilitatorError
from facilitator.lang import set_language, t
from facilitator.meeting.timeslot import slot_length, slot_seconds
from facilitator.method import library
from facilitator.method.durations import format_duration
from facilitator.room.config import RoomConfig, load_config


class FacilitatorGroup(click.Group):
    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except FacilitatorError as error:
            click.echo(str(error), err=True)
            ctx.exit(1)


@click.group(cls=FacilitatorGroup)
@click.option(
    "--config",
    "config_path",
    type=click.Path(path_type=Path),
    help="Room configuration file (default: the one in your config directory).",
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
        help='Names, comma-separated, e.g. "Anna,Bram,Carla".',
    )(f)
    f = click.option(
        "--group-size", "-n", type=int, help="Number of participants (cues without names)."
    )(f)
    f = click.option(
        "--case-owner",
        "-i",
        metavar="NAME",
        help=(
            "Who brings the case, given in advance (else the chair says it after the case "
            'choice); one name per topic for a repeated block: "Anna,Bram,Carla".'
        ),
    )(f)
    f = click.option("--chair", metavar="NAME", help="The chair of the day, named in the welcome.")(
        f
    )
    return f


def _session_options(f: Any) -> Any:
    f = click.option(
        "--speed",
        type=float,
        default=1.0,
        show_default=True,
        help="Run the session clock this many times faster (rehearsal, tests).",
    )(f)
    f = click.option("--text", is_flag=True, help="Print what would be said; no sound.")(f)
    f = click.option(
        "--voice/--no-voice",
        default=True,
        help="Listen for spoken commands (needs a speech model: facilitator model download).",
    )(f)
    f = click.option("--log", "log_path", type=click.Path(path_type=Path), help="JSONL log.")(f)
    f = click.option(
        "--grace",
        type=float,
        help="Seconds after time is up before moving on (default from the room config).",
    )(f)
    f = click.option(
        "--wait/--advance",
        "wait",
        default=None,
        help="At time-up: wait for the chair, or move on by itself after the grace period.",
    )(f)
    return f


@main.command()
@click.argument("method", required=False)
@_participants_option
@click.option("--opening/--no-opening", default=False, help="Start with the meeting's opening.")
@click.option("--closing/--no-closing", default=False, help="End with the evaluation.")
@click.option("--repeat", "repeat_times", type=int, help="Times to run the method's repeat block.")
@click.option(
    "--total",
    metavar="LENGTH",
    help=(
        "Fit the meeting into this much time, e.g. 50min or 1:15 (hours:minutes): "
        "every step is shortened or lengthened in proportion."
    ),
)
@click.option("--until", metavar="HH:MM", help="Fit the meeting so that it ends at this time.")
@click.option("--resume", is_flag=True, help="Continue the interrupted session where it stopped.")
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
    from facilitator.meeting.recovery import StateStore
    from facilitator.meeting.session import SessionRequest, run_session

    saved = StateStore().load()
    interactive = sys.stdin.isatty() and sys.stdout.isatty()
    if saved is not None and not resume:
        offer = t("cli.resume_offer", method=saved.request.get("method"), saved_at=saved.saved_at)
        if interactive:
            resume = click.confirm(offer, default=True)
        elif method is not None:
            click.echo(t("cli.resume_skipped", method=saved.request.get("method")), err=True)
    if resume:
        if saved is None:
            raise ConfigError(t("cli.nothing_to_resume"))
        request = SessionRequest.from_json(saved.request)
        if options["text"]:
            request = replace(request, text=True)
        run_session(request, config, saved)
        return
    if method is None:
        if not interactive:
            raise click.UsageError(t("cli.method_needed"))
        method = _choose_method()
    if interactive and options["participants"] is None and options["group_size"] is None:
        options["participants"], options["case_owner"] = _ask_who(options["case_owner"])
    options["fit_s"] = slot_seconds(total, until, datetime.now())
    run_session(SessionRequest.from_options(method, options, rehearse=False), config)


def _choose_method() -> str:
    """Asks which method to run, from a numbered list (``run`` without a method)."""
    choices = [
        item
        for item in library.catalogue()
        if item.method is not None and item.method.kind in ("method", "agenda")
    ]
    click.echo(t("cli.choose_heading"))
    width = max(len(item.entry.name) for item in choices)
    for number, item in enumerate(choices, 1):
        assert item.method is not None
        total = format_duration(item.method.planned_s)
        click.echo(f"{number:>3}. {item.entry.name:<{width}}  {total:>7}  {item.method.title}")
    names = [item.entry.name for item in choices]
    while True:
        answer = str(click.prompt(t("cli.choose_prompt"), default="", show_default=False))
        answer = answer.strip()
        if answer.isdigit() and 1 <= int(answer) <= len(choices):
            return names[int(answer) - 1]
        if answer in names:
            return answer
        click.echo(t("cli.choose_again", count=len(choices)), err=True)


def _ask_who(case_owner: str | None) -> tuple[str | None, str | None]:
    """Asks who takes part; Enter leaves it open."""
    names = _ask_until_valid("cli.ask_names", lambda text: (text, None))
    # The inbrenger is chosen in the meeting, after the case choice.
    return names, case_owner


def _ask_until_valid(
    question: str, participants: Callable[[str], tuple[str, str | None]]
) -> str | None:
    """The answer to ``question`` once ``participants(answer)`` is a valid group;
    ``None`` for an empty answer. A mistake is said, and the question asked again."""
    from facilitator.meeting.session import parse_participants

    while True:
        answer = str(click.prompt(t(question), default="", show_default=False)).strip()
        if not answer:
            return None
        names, owner = participants(answer)
        try:
            parse_participants(names, None, owner)
        except ConfigError as error:
            click.echo(str(error), err=True)
            continue
        return answer


@main.command()
@click.argument("method")
@click.option("--step", "step_id", metavar="ID", help="Practise only this step.")
@click.option(
    "--total",
    metavar="LENGTH",
    help="Practise with the times the meeting gets when fitted into LENGTH (see run).",
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
@click.option(
    "--quiet-room", is_flag=True, help="Do not play the chime and the voice (someone is talking)."
)
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
    help="Also write the report as Markdown (default: next to the log).",
)
def report(log: Path, markdown_path: Path | None) -> None:
    """Planned against actual time per step, from a session log."""
    from facilitator.meeting.report import build_report, render_text, write_markdown
    from facilitator.meeting.sessionlog import read_log

    result = build_report(read_log(log))
    click.echo(render_text(result))
    target = markdown_path or log.with_suffix(".md")
    write_markdown(result, target)
    click.echo(t("cli.report_written", path=target))


@main.command("config")
@click.option("--example", is_flag=True, help="Print an example file with every setting.")
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
