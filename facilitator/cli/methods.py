"""The ``facilitator methods`` commands: list, show, check and start methods."""

from __future__ import annotations

import json
import sys
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from facilitator.cli.errors import room_config
from facilitator.errors import ConfigError, FacilitatorError
from facilitator.export.command import export
from facilitator.lang import t
from facilitator.meeting.timeslot import slot_length
from facilitator.method import library
from facilitator.method.definition import Method
from facilitator.method.durations import format_duration
from facilitator.room.config import RoomConfig
from facilitator.safetext import inert

if TYPE_CHECKING:
    from facilitator.meeting.engine import SessionSettings
    from facilitator.meeting.plan import Plan

_ANY_DAY = date(2000, 1, 1)  # an agenda shows times of day only


@click.group()
def methods() -> None:
    """List, show and check methods; start a method of your own."""


@methods.command("list")
def methods_list() -> None:
    """Shipped and own methods: name, time and title; own ones with their file."""
    rows = library.catalogue()
    width = max((len(row.entry.name) for row in rows), default=0)
    indent = " " * (width + 2)
    for row in rows:
        entry = row.entry
        own = f"  [{t('cli.methods.own', path=entry.path)}]" if entry.folder.own else ""
        if row.method is None:
            broken = f"{entry.name:<{width}}  {'?':>7}  {t('cli.methods.broken')}{own}"
            click.echo(inert(broken, lines=False))  # file names are anyone's choice
            for line in (row.error or "").splitlines():
                click.echo(indent + inert(line, lines=False))
        else:
            m = row.method
            kind = "" if m.kind == "method" else f"  [{t('cli.kind.' + m.kind)}]"
            duration = format_duration(m.planned_s)
            line = f"{entry.name:<{width}}  {duration:>7}  {m.title}{kind}{own}"
            click.echo(inert(line, lines=False))
        for hidden in row.hides:
            key = "cli.methods.hides" if hidden.folder.own else "cli.methods.replaces_shipped"
            click.echo(indent + inert(t(key, path=hidden.path), lines=False))
    for folder in library.own_folders():
        problem = library.folder_problem(folder)
        if folder.origin != "data" and problem is not None:
            where = _folder_origin(folder)
            click.echo(t(f"cli.methods.folder_{problem}", path=folder.path, origin=where), err=True)
    if not any(row.entry.folder.own for row in rows):
        click.echo(t("cli.methods.none_own", folder=library.own_methods_dir()), err=True)


def _folder_origin(folder: library.Folder) -> str:
    if folder.origin == "config":
        return t("cli.methods.origin_config", file=folder.via)
    return t("cli.methods.origin_environment")


def method_json(m: Method, plan: Plan | None = None) -> dict[str, Any]:
    """``m`` as JSON; its steps as ``plan`` has them (default: the method alone).

    Each step carries ``phase``: the part of the meeting's frame it is, or null for the
    method's own work; ``part`` says where it comes from (opening, method, closing).
    """
    from facilitator.meeting.plan import Participants, build_plan

    plan = plan or build_plan(m, Participants())
    return {
        "name": m.name,
        "title": m.title,
        "purpose": m.purpose,
        "kind": m.kind,
        "total_s": plan.total_s,
        "materials": list(plan.materials),
        "steps": [
            {
                "id": p.id,
                "title": p.title,
                "duration_s": p.duration_s,
                "who": p.step.actor.value,
                "turn_round": p.step.turns is not None,
                "phase": None if p.phase is None else p.phase.value,
                "part": p.part,
                "number": p.number,
            }
            for p in plan.steps
        ],
        "repeat": (
            None
            if m.repeat is None
            else {
                "first": m.repeat.first,
                "last": m.repeat.last,
                "times": m.repeat.times,
                "label": m.repeat.label,
            }
        ),
    }


@methods.command("show")
@click.argument("name")
@click.option("--json", "as_json", is_flag=True)
@click.option("--total", metavar="LENGTH")
@click.option("--start", metavar="HH:MM")
@click.option("--opening/--no-opening", default=False)
@click.option("--closing/--no-closing", default=False)
@click.pass_context
def methods_show(
    ctx: click.Context,
    name: str,
    as_json: bool,
    total: str | None,
    start: str | None,
    opening: bool,
    closing: bool,
) -> None:
    """Show a method's steps; with --opening/--closing, the meeting they compose."""
    from facilitator.meeting.plan import Participants, build_plan
    from facilitator.meeting.session import fit_to_slot

    m = library.resolve(name)
    config = room_config(ctx)
    plan = build_plan(
        m,
        Participants(),
        opening=library.find_frame("opening") if opening else None,
        closing=library.find_frame("closing") if closing else None,
    )
    own_s = plan.total_s
    if total is not None:
        plan = fit_to_slot(plan, slot_length(total), _room_settings(config))
    if as_json:
        click.echo(json.dumps(method_json(m, plan), ensure_ascii=False, indent=2))
        return
    begins = None if start is None else _step_clock_times(plan, _time_of_day(start), config)
    click.echo(f"{m.title} ({format_duration(plan.total_s)})")
    if Path(m.source).parent.resolve() != library.methods_dir().resolve():
        click.echo(t("cli.methods.own", path=m.source))
    if total is not None:
        click.echo(t("cli.fitted_show", own=format_duration(own_s)))
    if m.purpose:
        click.echo(m.purpose)
    if plan.materials:
        click.echo(t("cli.show_materials", materials=", ".join(plan.materials)))
    click.echo()
    for index, p in enumerate(plan.steps):
        turns = f"  [{t('cli.turn_round')}]" if p.step.turns else ""
        at = "" if begins is None else f"{begins[index]}  "
        number = " -" if p.number is None else f"{p.number:>2}"
        turns += "  " + t("cli.methods.step_id", id=p.id)  # for rehearse --step
        click.echo(f"{number}. {at}{p.title}  ({format_duration(p.duration_s)}){turns}")
        click.echo(f"    {p.step.instruction}")
    if begins is not None:
        click.echo()
        click.echo(t("cli.show_ends", time=begins[-1]))
    elif m.repeat is not None:
        click.echo()
        click.echo(t("cli.repeat_block", first=m.repeat.first, last=m.repeat.last))


def _time_of_day(text: str) -> datetime:
    try:
        at = datetime.strptime(text.strip(), "%H:%M").time()
    except ValueError:
        raise ConfigError(t("cli.start_bad", value=text)) from None
    return datetime.combine(_ANY_DAY, at)


def _step_clock_times(plan: Plan, start: datetime, config: RoomConfig) -> list[str]:
    """The time of day each step begins, then the end: the steps one after the other,
    with the grace period after each that moves on."""
    settings = _room_settings(config)
    at = start
    begins: list[str] = []
    for planned in plan.steps:
        begins.append(_to_the_minute(at))
        at += timedelta(seconds=planned.duration_s + settings.grace_after_s(planned))
    return [*begins, _to_the_minute(at)]


def _to_the_minute(at: datetime) -> str:
    return (at + timedelta(seconds=30)).strftime("%H:%M")


def _room_settings(config: RoomConfig) -> SessionSettings:
    """The session settings a ``run`` in this room would have, without its options."""
    from facilitator.meeting.session import SessionRequest, settings_for

    return settings_for(SessionRequest(method=""), config)


@methods.command("check")
@click.argument("methods_given", metavar="NAMES_OR_PATHS...", nargs=-1, required=True)
def methods_check(methods_given: tuple[str, ...]) -> None:
    """Check method files, given by path or by name; report every problem with file:line."""
    from facilitator.method.loader import load_method

    failed = False
    for given in methods_given:
        try:
            path = _method_file(given)
            m = load_method(path)
        except FacilitatorError as error:
            failed = True
            click.echo(inert(str(error)), err=True)
        else:
            click.echo(
                t("cli.check_ok", path=path, title=m.title, total=format_duration(m.planned_s))
            )
    if failed:
        sys.exit(1)


def _method_file(given: str) -> Path:
    """A method file given by path, or by the name of an own or shipped method."""
    if library.looks_like_path(given) or Path(given).exists():
        return Path(given)
    return library.find(given)


@methods.command("new")
@click.argument("name")
@click.option(
    "--from",
    "start_from",
    metavar="METHOD",
)
@click.option(
    "--folder",
    type=click.Path(path_type=Path),
)
def methods_new(name: str, start_from: str | None, folder: Path | None) -> None:
    """Start a method of your own: writes NAME.yaml to edit, never over an existing file."""
    made = library.create_method(name, start_from=start_from, folder=folder)
    click.echo(t("cli.methods.written", path=made.path))
    if made.copied_from is not None:
        click.echo(t("cli.methods.copied_from", source=made.copied_from))
    if made.replaces is not None:
        click.echo(t("cli.methods.replaces_note", path=made.replaces))
    for hidden in made.hides:
        click.echo(t("cli.methods.hides_note", path=hidden), err=True)
    if made.hidden_by is not None:
        click.echo(t("cli.methods.hidden_note", path=made.hidden_by), err=True)
    if not made.searched:
        click.echo(t("cli.methods.not_searched", folder=made.path.parent), err=True)
    found_by = made.method.name if made.searched and made.hidden_by is None else str(made.path)
    click.echo()
    click.echo(t("cli.methods.next_steps", method=found_by, guide=library.guide_path()))


methods.add_command(export)
