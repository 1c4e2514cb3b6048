"""The room display as one more screen of the session, and the remote as one more source of
commands.

``RoomDisplay`` takes the views the runner shows (like the terminal panel does), turns
them into snapshots and hands them to the web server, which pushes them to the pages.
Commands from a paired phone go to the runner's queue through ``take_commands``, like
key presses and spoken commands. It serves only while the meeting runs: ``close`` ends
every page's stream, stops listening and forgets the pairing.
"""

from __future__ import annotations

import io
import threading
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from facilitator.display.address import lan_address
from facilitator.display.guard import Pairing
from facilitator.display.server import Board, RoomServer
from facilitator.display.snapshot import snapshot
from facilitator.lang import t
from facilitator.meeting.commands import Command
from facilitator.meeting.engine import SessionView

DEFAULT_PORT = 8737
LOOPBACK = "127.0.0.1"
ALL_ADDRESSES = "0.0.0.0"


@dataclass(frozen=True)
class DisplayOptions:
    remote: bool = False  # also listen on the local network, with pairing
    port: int = DEFAULT_PORT


class RoomDisplay:
    """Serves the display (and with ``remote`` the remote) for the length of a meeting."""

    def __init__(self, options: DisplayOptions, public_host: str | None = None) -> None:
        self.options = options
        self.board = Board()
        self.pairing = Pairing() if options.remote else None
        self.public_host = public_host
        self.server: RoomServer | None = None
        self._thread: threading.Thread | None = None
        self._submit: Callable[[Command], None] | None = None
        self._last: SessionView | None = None

    # -- serving ------------------------------------------------------------------
    def start(self) -> None:
        """Starts listening; raises ``OSError`` when the port cannot be had."""
        host = ALL_ADDRESSES if self.options.remote else LOOPBACK
        self.server = RoomServer(
            (host, self.options.port),
            self.board,
            self.pairing,
            self.public_host,
            qr_svg=self.qr_svg if self.options.remote else None,
            submit=self._command,
        )
        if self.options.remote:
            self.server.remote_url = self.remote_url  # with the port the server got
        self._thread = threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": 0.2},
            name="room-display", daemon=True,
        )  # fmt: skip
        self._thread.start()

    @property
    def port(self) -> int:
        return self.server.port if self.server is not None else self.options.port

    @property
    def url(self) -> str:
        return f"http://{LOOPBACK}:{self.port}/"

    @property
    def remote_url(self) -> str:
        return f"http://{self.public_host or LOOPBACK}:{self.port}/remote"

    @property
    def pairing_url(self) -> str:
        """What the QR code holds: the remote, with the code after ``#`` (never sent
        to the server in a URL, so it ends up in no history or log of a request)."""
        assert self.pairing is not None
        return f"{self.remote_url}#code={self.pairing.code}"

    def qr_svg(self) -> bytes:
        import segno

        out = io.BytesIO()
        qr = segno.make(self.pairing_url, error="m")
        qr.save(out, kind="svg", scale=10, border=2, xmldecl=False, dark="#000", light="#fff")
        return out.getvalue()

    def qr_text(self) -> str:
        """The pairing QR code drawn with block characters, for the terminal."""
        import segno

        out = io.StringIO()
        segno.make(self.pairing_url, error="m").terminal(out=out, compact=True, border=2)
        return out.getvalue()

    def take_commands(self, submit: Callable[[Command], None]) -> None:
        """Commands from a paired phone go to ``submit`` from now on."""
        self._submit = submit

    def _command(self, command: Command) -> None:
        if self._submit is not None:
            self._submit(command)

    def close(self) -> None:
        """Ends every page's stream and stops listening; the pairing ends with it."""
        self.board.close()
        if self.server is not None:
            self.server.wait_for_streams(timeout=5.0)  # a bound, not a wait: streams end at once
            self.server.shutdown()
            self.server.server_close()
            self.server.close_connections()
        if self._thread is not None:
            self._thread.join(timeout=2.0)
        self.server = None

    # -- the Display protocol of the runner ----------------------------------------
    def said(self, text: str, view: SessionView) -> None:
        self.refresh(view)

    def refresh(self, view: SessionView) -> None:
        self._last = view
        self.board.publish(snapshot(view))

    def notice(self, text: str) -> None:
        pass  # notices are for the one at the keyboard, not for the room

    def finish(self, reason: str) -> None:
        """The meeting ended (``reason``): the last thing the pages show."""
        if self._last is not None:
            self.board.publish(snapshot(replace(self._last, ended=reason)))

    def terminal_lines(self) -> list[str]:
        """What the terminal shows about the display before the meeting starts."""
        lines = [t("display.serving", url=self.url)]
        if self.pairing is not None:
            if self.public_host is None:
                lines.append(t("display.no_network"))
            lines.append(t("display.remote_serving", url=self.remote_url, code=self.pairing.code))
            lines.append(t("display.remote_scan"))
            lines.append(self.qr_text().rstrip("\n"))
        return lines


class Screens:
    """Shows the session on several screens at once (the terminal and the room display)."""

    def __init__(self, *screens: Any) -> None:
        self.screens = screens

    def said(self, text: str, view: SessionView) -> None:
        for screen in self.screens:
            screen.said(text, view)

    def refresh(self, view: SessionView) -> None:
        for screen in self.screens:
            screen.refresh(view)

    def notice(self, text: str) -> None:
        for screen in self.screens:
            screen.notice(text)


def open_room_display(options: DisplayOptions, notify: Callable[[str], None]) -> RoomDisplay | None:
    """A started ``RoomDisplay``; ``None`` (and one message) when it cannot start: the
    meeting goes on without it."""
    public = lan_address() if options.remote else None
    room = RoomDisplay(options, public)
    try:
        room.start()
    except OSError as error:
        notify(t("display.cannot_start", port=options.port, reason=error.strerror or error))
        return None
    return room
