"""The questions ``facilitator run`` asks at a terminal, in the room's language.

Which method, who takes part and who brings the case, the opening and the closing,
how much time there is, and whether to resume an interrupted session. Every answer
is checked here and a mistake is said in words that fit a question (never the name of
a command-line option), and the question is asked again.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable
from datetime import datetime

import click

from facilitator.errors import ConfigError
from facilitator.lang import t
from facilitator.meeting.timeslot import slot_seconds
from facilitator.method import library
from facilitator.method.durations import format_duration

YES = frozenset({"j", "ja", "y", "yes"})
NO = frozenset({"n", "nee", "no"})


def ask(question: str) -> str:
    """The answer to ``question``, trimmed; Enter gives ""."""
    return str(click.prompt(question, default="", show_default=False)).strip()


def ask_yes_no(question: str, default: bool) -> bool:
    """A yes/no question: j, ja, n, nee (and y, yes, no); Enter takes ``default``."""
    hint = t("cli.ask.yes_no_default_yes" if default else "cli.ask.yes_no_default_no")
    while True:
        answer = ask(f"{question} {hint}").casefold()
        if not answer:
            return default
        if answer in YES:
            return True
        if answer in NO:
            return False
        click.echo(t("cli.ask.yes_or_no"), err=True)


def when_text(moment: str, now: datetime) -> str:
    """When a session was saved, as a person says it: "vandaag om 23:18"."""
    try:
        then = datetime.fromisoformat(moment)
    except ValueError:
        return moment
    time = then.strftime("%H:%M")
    days = (now.date() - then.date()).days
    if days == 0:
        return t("cli.ask.when_today", time=time)
    if days == 1:
        return t("cli.ask.when_yesterday", time=time)
    month = t("cli.ask.months").split(",")[then.month - 1]
    return t("cli.ask.when_date", day=then.day, month=month, time=time)


def ask_resume(method: object, saved_at: str, now: datetime) -> bool:
    """Whether to continue the interrupted session (Enter: yes)."""
    offer = t("cli.resume_offer", method=method, saved_at=when_text(saved_at, now))
    return ask_yes_no(offer, default=True)


def choose_method() -> str:
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
        answer = ask(t("cli.choose_prompt"))
        if answer.isdigit() and 1 <= int(answer) <= len(choices):
            return names[int(answer) - 1]
        if answer in names:
            return answer
        close = difflib.get_close_matches(answer.casefold(), names, n=1, cutoff=0.6)
        if close and ask_yes_no(t("cli.ask.did_you_mean", name=close[0]), default=True):
            return close[0]
        if not close:
            click.echo(t("cli.choose_again", count=len(choices)), err=True)


def ask_who(case_owner: str | None) -> tuple[str | None, str | None]:
    """Asks who takes part; Enter leaves it open. The inbrenger is chosen in the
    meeting, after the case choice (or was given in advance: ``case_owner``)."""
    return _ask_until_valid("cli.ask_names", lambda text: (text, None)), case_owner


def _ask_until_valid(
    question: str, participants: Callable[[str], tuple[str, str | None]]
) -> str | None:
    """The answer to ``question`` once ``participants(answer)`` is a valid group;
    ``None`` for an empty answer. A mistake is said, and the question asked again."""
    from facilitator.meeting.session import parse_participants

    while True:
        answer = ask(t(question))
        if not answer:
            return None
        names, owner = participants(answer)
        listed = [name.strip() for name in names.split(",")]
        if owner is not None and owner.casefold() not in {n.casefold() for n in listed}:
            click.echo(t("cli.ask.owner_unknown", name=owner, names=", ".join(listed)), err=True)
            continue
        try:
            parse_participants(names, None, owner)
        except ConfigError as error:
            click.echo(str(error), err=True)
            continue
        return answer


def ask_frames() -> tuple[bool, bool]:
    """Whether the meeting begins with the opening and ends with the closing round."""
    return (
        ask_yes_no(t("cli.ask.opening"), default=False),
        ask_yes_no(t("cli.ask.closing"), default=False),
    )


def ask_time(planned_s: float, now: Callable[[], datetime]) -> float | None:
    """The time the meeting must fit into: a length ("45min", "1:15") or an end time
    ("tot 21:00"); Enter: the method's own time (``None``)."""
    own = format_duration(planned_s)
    while True:
        answer = ask(t("cli.ask.time", own=own))
        if not answer:
            return None
        word, _, rest = answer.partition(" ")
        until = rest.strip() if word.casefold() in {"tot", "until"} else None
        try:
            if until is not None:
                return slot_seconds(None, until, now())
            return slot_seconds(answer, None, now())
        except ConfigError:
            click.echo(t("cli.ask.time_again"), err=True)
