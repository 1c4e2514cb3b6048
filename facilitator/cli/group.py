"""The ``facilitator group`` commands: the room's memory of its group.

new, list, show, edit, forget, export, and ``actions`` (add, list, done). Every change
goes through ``GroupStore.update``: read, change and write under the groups' lock.
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import click

from facilitator.errors import GroupError
from facilitator.group.changes import add_action, add_members, mark_done, new_group, remove_members
from facilitator.group.file import SERIES_RANGE, dump_group, group_data
from facilitator.group.model import ActionPoint, Group, Role, today
from facilitator.group.names import split_names
from facilitator.group.setup import plan_meeting
from facilitator.group.store import GroupStore
from facilitator.group.turns import attendance, case_history
from facilitator.lang import t


def _roles(note_taker: bool) -> tuple[Role, ...]:
    return ("voorzitter", "notulist") if note_taker else ("voorzitter",)


def _series_option(value: int | None) -> int | None:
    low, high = SERIES_RANGE
    if value is not None and not low <= value <= high:
        raise GroupError(t("group.series_range", value=value, low=low, high=high))
    return value


@click.group()
def group() -> None:
    """The group that meets in this room: members, roles, cases, action points."""


@group.command("new")
@click.argument("name")
@click.option("--members", "-m", required=True, metavar="NAMES", help='e.g. "Anna,Bram,Carla".')
@click.option("--note-taker", is_flag=True, help="Let a note-taker rotate too, besides the chair.")
@click.option(
    "--series", type=int, metavar="N", help="Propose evaluating the group after every N meetings."
)
def group_new(name: str, members: str, note_taker: bool, series: int | None) -> None:
    """Make a group NAME with its members."""
    made = new_group(
        name, split_names(members), today(), _roles(note_taker), _series_option(series)
    )
    store = GroupStore()
    store.create(made)
    click.echo(
        t("group.cli.created", name=made.name, count=len(made.members), path=store.path(made.name))
    )


@group.command("list")
def group_list() -> None:
    """The groups in this room."""
    store = GroupStore()
    names = store.names()
    if not names:
        click.echo(t("group.cli.none", folder=store.folder))
        return
    for name in names:
        try:
            found = store.load(name)
        except GroupError as error:
            click.echo(f"{name}  {t('group.cli.broken')}")
            click.echo(f"  {error}")
            continue
        last = found.meetings[-1].day.isoformat() if found.meetings else "-"
        click.echo(
            t(
                "group.cli.list_row",
                name=found.name,
                members=len(found.current_members),
                meetings=len(found.meetings),
                last=last,
            )
        )


@group.command("show")
@click.argument("name")
@click.option("--json", "as_json", is_flag=True, help="Everything kept about the group, as JSON.")
def group_show(name: str, as_json: bool) -> None:
    """Members, roles, attendance, cases brought and open action points."""
    found = GroupStore().load(name)
    if as_json:
        data = group_data(found)
        data["inbrengers"] = [
            {"naam": m.case_owner, "datum": m.day.isoformat(), "bijeenkomst": m.number}
            for m in found.meetings
            if m.case_owner is not None
        ]
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    for line in describe(found):
        click.echo(line)


def describe(found: Group) -> list[str]:
    """``group show``: what a person wants to see about the group, line by line."""
    lines = [
        t("group.cli.show_title", name=found.name, created=found.created.isoformat()),
        t("group.cli.show_members", names=", ".join(found.current_members)),
    ]
    for member in found.members:
        if member.left is not None:
            lines.append(
                t("group.cli.show_former", name=member.name, joined=member.joined, left=member.left)
            )
    if found.roles and found.current_members:
        upcoming = plan_meeting(found, "", today()).roles
        lines.append(
            t(
                "group.cli.show_next_roles",
                roles=", ".join(t(f"group.cli.role_{role}", name=who) for role, who in upcoming),
            )
        )
    if found.series is not None:
        held = found.next_meeting_number() - 1
        to_go = found.series - held % found.series
        lines.append(t("group.cli.show_series", every=found.series, left=to_go))
    lines.append(t("group.cli.show_meetings", count=len(found.meetings)))
    for meeting in found.meetings:
        roles = "; ".join(t(f"group.cli.role_{role}", name=who) for role, who in meeting.roles)
        parts = [f"{meeting.number}. {meeting.day.isoformat()} {meeting.method}"]
        if roles:
            parts.append(roles)
        if meeting.case_owner:
            parts.append(t("group.cli.case_owner", name=meeting.case_owner))
        if meeting.absent:
            parts.append(t("group.cli.absent", names=", ".join(meeting.absent)))
        lines.append("  " + "; ".join(parts))
    if found.meetings:
        lines.append(t("group.cli.show_attendance"))
        for row in attendance(found):
            lines.append(
                t("group.cli.attendance_row", name=row.name, present=row.present, held=row.held)
            )
    lines.append(t("group.cli.show_cases"))
    for who, last in case_history(found):
        when = last.isoformat() if last is not None else t("group.cli.never")
        lines.append(f"  {who}: {when}")
    opened = found.open_actions
    lines.append(t("group.cli.show_actions", count=len(opened)))
    lines.extend("  " + action_line(a) for a in opened)
    return lines


def action_line(action: ActionPoint) -> str:
    text = action.text if action.text is not None else t("group.cli.no_text")
    state = ""
    if action.done is not None:
        state = "  " + t("group.cli.done_on", day=action.done.isoformat())
    elif action.looked_back is not None:
        state = "  " + t("group.cli.looked_back_on", day=action.looked_back.isoformat())
    return f"#{action.number} {action.person} ({action.day.isoformat()}): {text}{state}"


@group.command("edit")
@click.argument("name")
@click.option("--add", "add", metavar="NAMES", help="Members who join, comma-separated.")
@click.option(
    "--remove", "remove", metavar="NAMES", help="Members who leave (kept in the history)."
)
@click.option("--note-taker/--no-note-taker", default=None, help="Let a note-taker rotate, or not.")
@click.option("--series", type=int, metavar="N", help="Propose evaluating after every N meetings.")
@click.option("--no-series", is_flag=True, help="Stop proposing an evaluation of the series.")
def group_edit(
    name: str,
    add: str | None,
    remove: str | None,
    note_taker: bool | None,
    series: int | None,
    no_series: bool,
) -> None:
    """Members join or leave, the roles that rotate, the length of a series."""
    if add is None and remove is None and note_taker is None and series is None and not no_series:
        raise click.UsageError(t("group.cli.edit_nothing"))
    if series is not None and no_series:
        raise click.UsageError(t("group.cli.series_both"))
    joining = split_names(add) if add else []
    leaving = split_names(remove) if remove else []
    _series_option(series)
    day = today()

    def change(found: Group) -> Group:
        if leaving:
            found = remove_members(found, leaving, day)
        if joining:
            found = add_members(found, joining, day)
        if note_taker is not None:
            found = _with(found, roles=_roles(note_taker))
        if series is not None or no_series:
            found = _with(found, series=series)
        return found

    changed = GroupStore().update(name, change)
    click.echo(t("group.cli.edited", name=changed.name, names=", ".join(changed.current_members)))


def _with(found: Group, **changes: Any) -> Group:
    return replace(found, **changes)


@group.command("forget")
@click.argument("name")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
def group_forget(name: str, yes: bool) -> None:
    """Remove everything kept about group NAME (asks first)."""
    store = GroupStore()
    found = store.load(name)
    if not yes:
        question = t(
            "group.cli.forget_confirm",
            name=found.name,
            members=len(found.members),
            meetings=len(found.meetings),
            actions=len(found.actions),
        )
        if not click.confirm(question, default=False):
            click.echo(t("group.cli.forget_kept", name=found.name))
            return
    path = store.forget(found.name)
    click.echo(t("group.cli.forgotten", name=found.name, path=path))


@group.command("export")
@click.argument("name")
@click.option(
    "--to", "target", type=click.Path(dir_okay=False, path_type=Path), help="Write to FILE."
)
def group_export(name: str, target: Path | None) -> None:
    """Everything kept about group NAME, as the group's own YAML file (to FILE or the screen)."""
    text = dump_group(GroupStore().load(name))
    if target is None:
        click.echo(text, nl=False)
        return
    try:
        target.write_text(text, encoding="utf-8")
    except OSError as error:
        raise GroupError(t("group.cannot_write", path=target, reason=error.strerror)) from None
    click.echo(t("group.cli.exported", name=name, path=target))


# -- action points --------------------------------------------------------------------
@group.group("actions")
@click.argument("name")
@click.pass_context
def actions(ctx: click.Context, name: str) -> None:
    """Action points of group NAME: add, list, done."""
    ctx.ensure_object(dict)
    ctx.obj["group_name"] = name


def _group_name(ctx: click.Context) -> str:
    name: str = ctx.obj["group_name"]
    return name


@actions.command("add")
@click.argument("person")
@click.argument("text", required=False)
@click.pass_context
def actions_add(ctx: click.Context, person: str, text: str | None) -> None:
    """PERSON takes an action point; TEXT (optional) says what it is."""
    result: dict[str, Any] = {}

    def change(found: Group) -> Group:
        changed, point, existing = add_action(found, person, text, today())
        result.update(point=point, existing=existing)
        return changed

    GroupStore().update(_group_name(ctx), change)
    point: ActionPoint = result["point"]
    key = "group.cli.action_text_added" if result["existing"] else "group.cli.action_added"
    click.echo(t(key, number=point.number, name=point.person))


@actions.command("list")
@click.option("--all", "everything", is_flag=True, help="Also the points that are done.")
@click.pass_context
def actions_list(ctx: click.Context, everything: bool) -> None:
    """The open action points (with --all: every one)."""
    found = GroupStore().load(_group_name(ctx))
    shown = found.actions if everything else found.open_actions
    if not shown:
        click.echo(t("group.cli.no_actions", name=found.name))
    for action in shown:
        click.echo(action_line(action))


@actions.command("done")
@click.argument("which")
@click.pass_context
def actions_done(ctx: click.Context, which: str) -> None:
    """Mark action point number WHICH, or all open ones of person WHICH, done."""
    result: list[ActionPoint] = []

    def change(found: Group) -> Group:
        changed, done = mark_done(found, which, today())
        result.extend(done)
        return changed

    GroupStore().update(_group_name(ctx), change)
    for point in result:
        click.echo(t("group.cli.action_done", number=point.number, name=point.person))


# -- facilitator run --group -----------------------------------------------------------
def run_options(f: Any) -> Any:
    """The options of ``facilitator run`` that take the participants from a group."""
    f = click.option("--chair", metavar="NAME")(f)
    f = click.option(
        "--absent", metavar="NAMES", help="Members of the group not there today, comma-separated."
    )(f)
    f = click.option(
        "--group",
        "-g",
        "group",
        metavar="NAME",
        help="The group that meets (default: the only one).",
    )(f)
    return f


def choose_group(options: dict[str, Any], interactive: bool) -> None:
    """Settles ``options["group"]`` (and, asked in a terminal, ``options["absent"]``).

    Without names or a group size, the only group in the room is the group. Asked in a
    terminal, "Is iedereen er?" lets the chair name who is absent.
    """
    named = options["participants"] is not None or options["group_size"] is not None
    if options["group"] is not None and named:
        raise click.UsageError(t("group.run.names_and_group"))
    if options["group"] is None and not named:
        options["group"] = GroupStore().only_group()
    if options["group"] is None:
        # --chair works without a group too: the welcome names the chair of the day
        if options["absent"] is not None:
            raise click.UsageError(t("group.run.needs_group", option="--absent"))
        return
    if interactive and options["absent"] is None:
        found = GroupStore().load(options["group"])
        question = t(
            "group.run.everyone_here", group=found.name, names=", ".join(found.current_members)
        )
        while not click.confirm(question, default=True):
            answer = str(click.prompt(t("group.run.who_absent"), default="", show_default=False))
            try:
                plan_meeting(found, "", today(), split_names(answer), options["chair"])
            except GroupError as error:
                click.echo(str(error), err=True)
                continue
            options["absent"] = answer
            break
