"""The room display in a real ``facilitator run``: when it listens, and when it cannot."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest
from meeting import Meeting
from sockets import listening

from facilitator.display.room import Screens
from facilitator.meeting.session import SessionRequest
from facilitator.room.config import RoomConfig

pytestmark = pytest.mark.slow


def test_without_display_or_remote_nothing_listens(tmp_path: Path) -> None:
    meeting = Meeting(tmp_path, "vijf-stappen", "-n", "5", "--speed", "30")
    try:
        meeting.wait_for(r"1: De vraag")  # the first step is announced
        assert listening(meeting.process.pid) == set()
        assert not any("http://" in line for line in meeting.lines)
    finally:
        meeting.stop()


def test_the_room_configuration_turns_the_display_on(tmp_path: Path) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    config = f"display = true\ndisplay_port = {port}\n"
    meeting = Meeting(tmp_path, "vijf-stappen", "-n", "5", "--speed", "30", config=config)
    try:
        meeting.wait_for(rf"http://127\.0\.0\.1:{port}/")
        assert listening(meeting.process.pid) == {("127.0.0.1", port)}
    finally:
        meeting.stop()


def test_a_busy_port_does_not_stop_the_meeting(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        meeting = Meeting(
            tmp_path, "vijf-stappen", "-n", "5", "--speed", "30", "--display",
            "--port", str(port),
        )  # fmt: skip
        try:
            meeting.wait_for(r"1: De vraag")  # the first step is announced
        finally:
            meeting.stop()
    assert not any("http://" in line for line in meeting.lines)
    assert f"Het scherm kan niet starten op poort {port}" in meeting.errors
    assert "Traceback" not in meeting.errors


def test_the_options_are_kept_for_a_resume() -> None:
    request = SessionRequest("vijf-stappen", display=True, remote=True, port=9000)
    assert SessionRequest.from_json(request.to_json()) == request
    assert RoomConfig().display is False and RoomConfig().display_port == 8737


class _Screen:
    def __init__(self) -> None:
        self.calls: list[str] = []

    def said(self, text: str, view: object) -> None:
        self.calls.append(f"said {text}")

    def refresh(self, view: object) -> None:
        self.calls.append("refresh")

    def notice(self, text: str) -> None:
        self.calls.append(f"notice {text}")


def test_screens_show_everything_on_each_screen() -> None:
    one, two = _Screen(), _Screen()
    screens = Screens(one, two)
    screens.said("Welkom.", None)  # type: ignore[arg-type]
    screens.refresh(None)  # type: ignore[arg-type]
    screens.notice("Let op.")
    assert one.calls == two.calls == ["said Welkom.", "refresh", "notice Let op."]


def test_with_the_remote_the_terminal_shows_the_code_and_a_qr_code(tmp_path: Path) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    meeting = Meeting(
        tmp_path, "vijf-stappen", "-n", "5", "--speed", "30", "--remote", "--port", str(port)
    )
    try:
        code = meeting.wait_for(r"Afstandsbediening: http://\S+/remote met koppelcode (\d{6})")
        meeting.wait_for(r"1: De vraag")  # the first step is announced
        assert listening(meeting.process.pid) == {("0.0.0.0", port)}
    finally:
        meeting.stop()
    qr = [line for line in meeting.lines if set(line) <= set("█▀▄ ") and len(line) > 20]
    assert len(qr) > 10  # the QR code, drawn with half blocks
    assert code.group(1) in meeting.errors  # and the code again, for the panel


def test_a_command_from_the_remote_is_logged_with_its_source(tmp_path: Path) -> None:
    from enginetools import Driver, method, step

    from facilitator.meeting.commands import Command, CommandKind
    from facilitator.meeting.effects import Heard, Log
    from facilitator.meeting.sessionlog import SessionLog, read_log

    driver = Driver(method(step("vraag", 5), step("ronde", 10)))
    effects = driver.session.handle(
        Heard(driver.clock.now(), Command(CommandKind.NEXT_STEP, source="remote"))
    )
    with SessionLog(tmp_path / "log.jsonl") as log:
        for effect in effects:
            if isinstance(effect, Log):
                log.write(effect.event, effect.t, **effect.fields)
    commands = [e for e in read_log(tmp_path / "log.jsonl") if e["event"] == "command"]
    assert [(c["command"], c["source"]) for c in commands] == [("next_step", "remote")]
