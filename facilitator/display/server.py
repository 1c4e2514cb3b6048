"""The display's web server: the standard library's ``ThreadingHTTPServer`` with pushed updates.

Updates are server-sent events (one long GET per page, ``text/event-stream``): they fit a
runner built on threads, need no library and reconnect by themselves in the browser.

Who may do what:
- the room computer itself (loopback): the display, its updates and the pairing code;
- a phone paired with the meeting's code (a cookie): the same without the code, and
  commands;
- anyone else: the remote's pairing page and its script and style, nothing more.

Every request must name this server as its ``Host`` (against DNS rebinding); a POST must
come from this server's own origin with a JSON body (a cross-site form can send neither);
there is no command over GET; every answer carries a strict content security policy.
"""

from __future__ import annotations

import contextlib
import html
import json
import socket
import threading
import time
from collections.abc import Callable
from http import HTTPStatus
from http.cookies import CookieError, SimpleCookie
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from socketserver import TCPServer
from string import Template
from typing import Any

from facilitator.display.guard import (
    COMMANDS_BURST,
    COMMANDS_PER_SECOND,
    REQUESTS_BURST,
    REQUESTS_PER_SECOND,
    Pairing,
    RateLimits,
    TooFast,
)
from facilitator.lang import get_pack, t
from facilitator.meeting.commands import Command, CommandKind

COOKIE = "facilitator_remote"
KEEPALIVE_S = 15.0
MAX_STREAMS = 16
MAX_BODY = 1024
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
    "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)
HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    "Cache-Control": "no-store",
}
STATIC = {
    "page.js": "text/javascript; charset=utf-8",
    "style.css": "text/css; charset=utf-8",
}


class Board:
    """The latest content of the display, shared by the runner's thread and the server's.

    ``publish`` bumps a version when the content changed; each event stream waits for a
    version newer than the one it sent.
    """

    def __init__(self) -> None:
        self._changed = threading.Condition()
        self.version = 0
        self.content: dict[str, Any] | None = None
        self.closed = False

    def publish(self, content: dict[str, Any]) -> bool:
        with self._changed:
            if content == self.content:
                return False
            self.content = content
            self.version += 1
            self._changed.notify_all()
            return True

    def touch(self) -> None:
        """Something else that pages show has changed (a phone was paired)."""
        with self._changed:
            self.version += 1
            self._changed.notify_all()

    def wait_newer(self, version: int, timeout: float) -> tuple[int, dict[str, Any] | None]:
        with self._changed:
            self._changed.wait_for(
                lambda: self.closed or (self.version > version and self.content is not None),
                timeout,
            )
            return self.version, self.content

    def close(self) -> None:
        with self._changed:
            self.closed = True
            self._changed.notify_all()


def _static(name: str) -> bytes:
    return resources.files("facilitator.display").joinpath("static", name).read_bytes()


class RoomServer(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False

    def __init__(
        self,
        address: tuple[str, int],
        board: Board,
        pairing: Pairing | None,
        public_host: str | None,
        remote_url: str = "",
        qr_svg: Callable[[], bytes] | None = None,
        submit: Callable[[Command], None] | None = None,
    ) -> None:
        self.board = board
        self.remote_url = remote_url
        self.pairing = pairing
        self.public_host = public_host
        self.qr_svg = qr_svg
        self.submit = submit
        self.streams = 0
        self.streams_lock = threading.Lock()
        self._connections: set[socket.socket] = set()
        self.all_closed = threading.Condition(self.streams_lock)
        self.requests = RateLimits(REQUESTS_BURST, REQUESTS_PER_SECOND, time.monotonic)
        self.commands = RateLimits(COMMANDS_BURST, COMMANDS_PER_SECOND, time.monotonic)
        super().__init__(address, RoomHandler)

    def server_bind(self) -> None:
        # HTTPServer.server_bind looks the host name up (socket.getfqdn): a name lookup
        # we neither need nor want. Bind as a plain TCP server.
        TCPServer.server_bind(self)
        host, port = self.server_address[:2]
        self.server_name = str(host)
        self.server_port = int(port)

    @property
    def port(self) -> int:
        return int(self.server_address[1])

    def process_request(self, request: Any, client_address: Any) -> None:
        with self.streams_lock:
            self._connections.add(request)
        super().process_request(request, client_address)

    def shutdown_request(self, request: Any) -> None:
        super().shutdown_request(request)
        with self.streams_lock:
            self._connections.discard(request)
            self.all_closed.notify_all()

    def wait_for_streams(self, timeout: float) -> None:
        """Lets every event stream send what the board has last (after ``Board.close``)."""
        with self.streams_lock:
            self.all_closed.wait_for(lambda: self.streams == 0, timeout=timeout)

    def close_connections(self) -> None:
        """Hangs up on every open connection (pages kept alive, streams on their way out)."""
        with self.streams_lock:
            open_now = list(self._connections)
        for connection in open_now:
            with contextlib.suppress(OSError):  # already closed by its handler
                connection.shutdown(socket.SHUT_RDWR)
        with self.streams_lock:  # each handler then closes its own socket
            self.all_closed.wait_for(lambda: not self._connections, timeout=2.0)

    def allowed_hosts(self) -> set[str]:
        hosts = {f"127.0.0.1:{self.port}", f"localhost:{self.port}"}
        if self.public_host:
            hosts.add(f"{self.public_host}:{self.port}")
        return hosts


class RoomHandler(BaseHTTPRequestHandler):
    server: RoomServer
    server_version = "facilitator"
    sys_version = ""
    protocol_version = "HTTP/1.1"
    timeout = 10  # seconds to send a request: a slow or silent client is let go

    def log_message(self, format: str, *args: Any) -> None:
        pass  # nothing about who looked at the room's screen is written anywhere

    # -- who is asking ------------------------------------------------------------
    @property
    def local(self) -> bool:
        return str(self.client_address[0]).startswith("127.")

    @property
    def paired(self) -> bool:
        pairing = self.server.pairing
        return pairing is not None and pairing.knows(self._cookie())

    def _cookie(self) -> str | None:
        header = self.headers.get("Cookie")
        if not header:
            return None
        try:
            jar: SimpleCookie = SimpleCookie(header)
        except CookieError:
            return None
        morsel = jar.get(COOKIE)
        return morsel.value if morsel is not None else None

    def _admitted(self) -> bool:
        """The checks every request passes first; ``False``: already answered."""
        if self.headers.get("Host", "") not in self.server.allowed_hosts():
            self._refuse(HTTPStatus.MISDIRECTED_REQUEST)
            return False
        if not self.server.requests.allow(str(self.client_address[0])):
            self._refuse(HTTPStatus.TOO_MANY_REQUESTS)
            return False
        return True

    # -- answers ------------------------------------------------------------------
    def _send(
        self,
        status: HTTPStatus,
        body: bytes,
        content_type: str,
        extra: dict[str, str] | None = None,
    ) -> None:
        self.send_response(status)
        for name, value in {**HEADERS, **(extra or {})}.items():
            self.send_header(name, value)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _refuse(self, status: HTTPStatus, text: str | None = None) -> None:
        body = (text or status.phrase).encode()
        self._send(status, body, "text/plain; charset=utf-8", {"Connection": "close"})
        self.close_connection = True

    def _json(
        self, status: HTTPStatus, data: dict[str, Any], extra: dict[str, str] | None = None
    ) -> None:
        self._send(status, json.dumps(data).encode(), "application/json", extra)

    # -- GET ----------------------------------------------------------------------
    def do_GET(self) -> None:
        if not self._admitted():
            return
        path = self.path.split("?", 1)[0]
        if path == "/remote":
            self._page("remote.html", self._remote_words())
        elif path.startswith("/static/") and path[len("/static/") :] in STATIC:
            name = path[len("/static/") :]
            self._send(HTTPStatus.OK, _static(name), STATIC[name])
        elif not (self.local or self.paired):
            self._refuse(HTTPStatus.FORBIDDEN, t("remote.not_for_you"))
        elif path == "/":
            self._page("display.html", self._display_words())
        elif path == "/events":
            self._events()
        elif path == "/qr.svg" and self.local and self.server.qr_svg is not None:
            self._send(HTTPStatus.OK, self.server.qr_svg(), "image/svg+xml")
        else:
            self._refuse(HTTPStatus.NOT_FOUND)

    def _page(self, name: str, words: dict[str, str]) -> None:
        template = Template(_static(name).decode("utf-8"))
        values = {key: html.escape(value, quote=True) for key, value in words.items()}
        values["lang"] = get_pack().code
        body = template.substitute(values).encode("utf-8")
        self._send(HTTPStatus.OK, body, "text/html; charset=utf-8")

    @staticmethod
    def _display_words() -> dict[str, str]:
        keys = (
            "page_title", "speaker", "next_speaker", "next_step", "total", "connecting",
            "offline", "pair_heading", "paired",
        )  # fmt: skip
        return {key: t(f"display.{key}") for key in keys}

    def _remote_words(self) -> dict[str, str]:
        from facilitator.room.keyboard import KEY_MAP

        words = {
            key: t(f"remote.{key}")
            for key in ("page_title", "pair_prompt", "pair_button", "offline", "refused")
        }
        words.update({f"key_{binding.kind.value}": binding.description() for binding in KEY_MAP})
        words["paired"] = "yes" if self.paired else "no"
        words["connecting"] = t("display.connecting")
        return words

    def _events(self) -> None:
        with self.server.streams_lock:
            if self.server.streams >= MAX_STREAMS:
                self._refuse(HTTPStatus.SERVICE_UNAVAILABLE)
                return
            self.server.streams += 1
        try:
            self._stream()
        except OSError:
            pass  # the page went away; it will come back if it wants to
        finally:
            with self.server.streams_lock:
                self.server.streams -= 1
                self.server.all_closed.notify_all()
            self.close_connection = True

    def _stream(self) -> None:
        self.send_response(HTTPStatus.OK)
        for name, value in HEADERS.items():
            self.send_header(name, value)
        self.send_header("Content-Type", "text/event-stream; charset=utf-8")
        self.send_header("Connection", "close")
        self.end_headers()
        self.wfile.write(b"retry: 1000\n\n")
        self.wfile.flush()
        board = self.server.board
        sent = -1
        local = self.local
        while True:
            version, content = board.wait_newer(sent, KEEPALIVE_S)
            if version != sent and content is not None:
                sent = version  # also the last content, published just before closing
                message = {"show": content, **self._pairing_for(local)}
                data = json.dumps(message, ensure_ascii=True)
                self.wfile.write(f"data: {data}\n\n".encode("ascii"))
            elif not board.closed:
                self.wfile.write(b": still here\n\n")
            self.wfile.flush()
            # Closed, but something newer came just before (the meeting's last state):
            # one more turn sends it.
            if (board.closed and board.version == sent) or (not local and not self.paired):
                break

    def _pairing_for(self, local: bool) -> dict[str, Any]:
        pairing = self.server.pairing
        if pairing is None:
            return {"pairing": None, "paired": False}
        if not local or pairing.paired:
            return {"pairing": None, "paired": pairing.paired}
        url = self.server.remote_url
        return {
            "pairing": {
                "code": t("display.pair_code", code=pairing.code),
                "scan": t("display.pair_scan", url=url),
            },
            "paired": False,
        }

    # -- POST ---------------------------------------------------------------------
    def do_POST(self) -> None:
        if not self._admitted():
            return
        body = self._body()
        if body is None:
            return
        path = self.path.split("?", 1)[0]
        if path == "/pair":
            self._pair(body)
        elif path == "/command":
            self._command(body)
        else:
            self._refuse(HTTPStatus.NOT_FOUND)

    def _body(self) -> dict[str, Any] | None:
        """The request's JSON object, when it comes from our own page; else answered."""
        origin = self.headers.get("Origin")
        if origin is None or origin != f"http://{self.headers.get('Host', '')}":
            self._refuse(HTTPStatus.FORBIDDEN)
            return None
        kind = self.headers.get("Content-Type", "").split(";")[0].strip().lower()
        if kind != "application/json":
            self._refuse(HTTPStatus.UNSUPPORTED_MEDIA_TYPE)
            return None
        try:
            length = int(self.headers.get("Content-Length", ""))
        except ValueError:
            self._refuse(HTTPStatus.LENGTH_REQUIRED)
            return None
        if not 0 <= length <= MAX_BODY:
            self._refuse(HTTPStatus.REQUEST_ENTITY_TOO_LARGE)
            return None
        try:
            data = json.loads(self.rfile.read(length).decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            data = None
        if not isinstance(data, dict):
            self._refuse(HTTPStatus.BAD_REQUEST)
            return None
        return data

    def _pair(self, body: dict[str, Any]) -> None:
        pairing = self.server.pairing
        code = body.get("code")
        if pairing is None or not isinstance(code, str) or len(code) > 32:
            self._json(HTTPStatus.FORBIDDEN, {"message": t("remote.pair_wrong")})
            return
        try:
            token = pairing.pair(code)
        except TooFast:
            self._json(HTTPStatus.TOO_MANY_REQUESTS, {"message": t("remote.too_fast")})
            return
        if token is None:
            self._json(HTTPStatus.FORBIDDEN, {"message": t("remote.pair_wrong")})
            return
        self.server.board.touch()
        cookie = f"{COOKIE}={token}; Path=/; HttpOnly; SameSite=Strict"
        self._json(HTTPStatus.OK, {"paired": True}, {"Set-Cookie": cookie})

    def _command(self, body: dict[str, Any]) -> None:
        from facilitator.room.keyboard import KEY_MAP

        if not self.paired:
            self._json(HTTPStatus.FORBIDDEN, {"message": t("remote.refused")})
            return
        if not self.server.commands.allow(str(self.client_address[0])):
            self._json(HTTPStatus.TOO_MANY_REQUESTS, {"message": t("remote.too_fast")})
            return
        wanted = body.get("command")
        binding = next((b for b in KEY_MAP if b.kind.value == wanted), None)
        if binding is None or self.server.submit is None:
            self._refuse(HTTPStatus.BAD_REQUEST)
            return
        self.server.submit(
            Command(CommandKind(binding.kind), minutes=binding.minutes, source="remote")
        )
        sent = t("remote.sent", command=binding.description())
        self._json(HTTPStatus.ACCEPTED, {"message": sent})
