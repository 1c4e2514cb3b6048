"""What the terminal shows: the live panel is redrawn when what it shows changes."""

from __future__ import annotations

import io
import itertools
from collections.abc import Iterator

import pytest
from enginetools import Driver, method, step
from rich.console import Console

from facilitator.meeting.commands import Command, CommandKind
from facilitator.meeting.effects import Heard
from facilitator.room.view import LiveDisplay, clock_text, shown_seconds

CORNER = "╭"  # each drawing of the panel starts with its top left corner


class Screen:
    """A LiveDisplay writing to a terminal in memory."""

    def __init__(self) -> None:
        self.out = io.StringIO()
        console = Console(file=self.out, force_terminal=True, width=100, height=40)
        self.display = LiveDisplay("spatie: pauze", console=console)

    @property
    def drawings(self) -> int:
        return self.out.getvalue().count(CORNER)

    @property
    def last(self) -> str:
        """The panel as it was drawn last."""
        return self.out.getvalue().rsplit(CORNER, 1)[-1]


@pytest.fixture
def screen() -> Iterator[Screen]:
    the_screen = Screen()
    try:
        yield the_screen
    finally:
        the_screen.display.close()


def test_the_countdown_is_redrawn_once_a_second_not_on_every_refresh(screen: Screen) -> None:
    session = Driver(method(step("a", 1)))
    for _ in range(40):  # 10 s, refreshed four times a second as the runner does
        screen.display.refresh(session.session.view(session.clock.now()))
        session.after(0.25)
    # 1:00 down to 0:50, each drawn once
    assert screen.drawings == screen.display.redraws == 11
    assert "0:50" in screen.last


def test_the_countdown_keeps_to_the_session_clock_however_it_is_refreshed(
    screen: Screen,
) -> None:
    session = Driver(method(step("a", 5)))
    shown: list[int] = []
    for k in itertools.count():  # uneven refreshes, 0.2-0.34 s apart, for five minutes
        view = session.session.view(session.clock.now())
        if view.remaining_s < 1.0:
            break
        before = screen.display.redraws
        screen.display.refresh(view)
        if screen.display.redraws > before:
            shown.append(shown_seconds(view.remaining_s))
            assert clock_text(view.remaining_s) in screen.last
        session.after(0.2 + 0.07 * (k % 3))
    # every second of the countdown was shown, each once, in order
    assert shown == list(range(300, 0, -1))


def test_a_new_announcement_is_shown_at_once(screen: Screen) -> None:
    session = Driver(method(step("a", 1)))
    view = session.session.view(session.clock.now())
    screen.display.refresh(view)
    screen.display.refresh(view)
    assert screen.drawings == 1
    screen.display.said("Nog tien seconden voor A.", view)
    assert screen.drawings == 2
    assert "Nog tien seconden voor A." in screen.last


def test_a_pause_is_shown_at_once_and_nothing_is_redrawn_while_it_lasts(screen: Screen) -> None:
    session = Driver(method(step("a", 1)))
    session.after(0.1)
    screen.display.refresh(session.session.view(session.clock.now()))
    session.say(CommandKind.PAUSE)
    screen.display.refresh(session.session.view(session.clock.now()))
    assert screen.drawings == 2
    assert "(pauze)" in screen.last
    for _ in range(20):
        session.after(0.25)
        screen.display.refresh(session.session.view(session.clock.now()))
    assert screen.drawings == 2


def test_a_notice_is_shown_with_the_next_refresh(screen: Screen) -> None:
    session = Driver(method(step("a", 1)))
    view = session.session.view(session.clock.now())
    screen.display.refresh(view)
    screen.display.notice("De luidspreker is weer terug.")
    screen.display.refresh(view)
    assert screen.drawings == 2
    assert "De luidspreker is weer terug." in screen.last


def test_the_bar_moves_with_the_seconds_shown() -> None:
    display = LiveDisplay("", console=_quiet_console())
    try:
        session = Driver(method(step("a", 1)))
        session.after(10.2)
        a = display.screen(session.session.view(session.clock.now()))
        session.after(0.2)
        b = display.screen(session.session.view(session.clock.now()))
    finally:
        display.close()
    assert a == b
    assert a.remaining == "0:50"
    assert a.bar_done == 10.0


def test_shown_seconds_round_to_the_nearest_second() -> None:
    assert [shown_seconds(s) for s in (30.0, 29.6, 29.5, 29.4, 0.4, -0.4, -0.6)] == [
        30,
        30,
        30,
        29,
        0,
        0,
        -1,
    ]
    assert clock_text(-61) == "-1:01"
    assert clock_text(3600 + 62) == "1:01:02"


def _quiet_console() -> Console:
    return Console(file=io.StringIO(), force_terminal=True, width=100)


def test_the_panel_shows_how_voice_control_is_doing(screen: Screen) -> None:
    session = Driver(method(step("a", 1)))
    state = ["het spraakmodel wordt geladen"]
    screen.display.refresh(session.session.view(session.clock.now()))
    assert "Spraak" not in screen.last  # not asked for: no row
    screen.display.voice_status = lambda: state[0]
    screen.display.refresh(session.session.view(session.clock.now()))
    assert "het spraakmodel wordt geladen" in screen.last
    state[0] = "luistert naar opdrachten"
    drawn = screen.drawings
    screen.display.refresh(session.session.view(session.clock.now()))
    assert screen.drawings == drawn + 1 and "luistert naar opdrachten" in screen.last


def test_a_spoken_command_is_marked_as_said(screen: Screen) -> None:
    session = Driver(method(step("a", 5)))
    session.session.handle(
        Heard(session.clock.now(), Command(CommandKind.TIME_LEFT, source="voice"))
    )
    screen.display.refresh(session.session.view(session.clock.now()))
    assert "(gezegd)" in screen.last
    session.say(CommandKind.PAUSE)  # from the keyboard
    screen.display.refresh(session.session.view(session.clock.now()))
    assert "(gezegd)" not in screen.last
