"""The display's web server, in this process, asked by a plain HTTP client.

A real engine session provides the views; the requests are made with ``http.client``
so that every header (Host, Origin, Cookie, Content-Type) is exactly what the test says.
"""

from __future__ import annotations

import http.client
import json
import os
from collections.abc import Iterator
from typing import Any

import pytest
from enginetools import Driver, method, step
from sockets import listening, open_tcp

from facilitator.display.address import lan_address
from facilitator.display.room import DisplayOptions, RoomDisplay
from facilitator.display.server import COOKIE, CSP
from facilitator.meeting.commands import Command, CommandKind

# This computer's address on its network: a request to it does not come from loopback,
# so it is what a phone in the room looks like to the server.
PUBLIC = lan_address()
need_network = pytest.mark.skipif(PUBLIC is None, reason="no network interface with IPv4")


class Client:
    def __init__(self, room: RoomDisplay, *, phone: bool = False) -> None:
        """A client on this computer (the room's screen), or with ``phone`` one that comes
        over the network."""
        self.port = room.port
        self.address = str(PUBLIC) if phone else "127.0.0.1"
        self.host = f"{self.address}:{room.port}"
        self.cookie: str | None = None

    def request(
        self, method: str, path: str, body: Any = None, **headers: str
    ) -> tuple[int, dict[str, str], bytes]:
        connection = http.client.HTTPConnection(self.address, self.port, timeout=5)
        sent = {"Host": self.host, **{k.replace("_", "-"): v for k, v in headers.items()}}
        if self.cookie:
            sent.setdefault("Cookie", f"{COOKIE}={self.cookie}")
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            sent.setdefault("Content-Type", "application/json")
            sent.setdefault("Origin", f"http://{self.host}")
        connection.request(method, path, body=data, headers=sent)
        answer = connection.getresponse()
        content = answer.read()
        connection.close()
        return answer.status, dict(answer.getheaders()), content

    def pair(self, code: str) -> int:
        status, headers, _ = self.request("POST", "/pair", {"code": code})
        if status == 200:
            cookie = headers["Set-Cookie"]
            assert "HttpOnly" in cookie and "SameSite=Strict" in cookie
            self.cookie = cookie.split(";")[0].split("=", 1)[1]
        return status

    def first_event(self) -> dict[str, Any]:
        connection = http.client.HTTPConnection(self.address, self.port, timeout=5)
        headers = {"Host": self.host}
        if self.cookie:
            headers["Cookie"] = f"{COOKIE}={self.cookie}"
        connection.request("GET", "/events", headers=headers)
        answer = connection.getresponse()
        assert answer.status == 200, answer.read()
        assert answer.getheader("Content-Type", "").startswith("text/event-stream")
        while True:
            line = answer.fp.readline().decode()
            if line.startswith("data: "):
                connection.close()
                return dict(json.loads(line[len("data: ") :]))


@pytest.fixture
def driver() -> Driver:
    return Driver(method(step("vraag", 5), step("ronde", 10)))


def serve(driver: Driver, *, remote: bool) -> Iterator[tuple[RoomDisplay, list[Command]]]:
    public = PUBLIC if remote else None
    room = RoomDisplay(DisplayOptions(remote=remote, port=0), public_host=public)
    room.start()
    got: list[Command] = []
    room.take_commands(got.append)
    room.refresh(driver.session.view(driver.clock.now()))
    try:
        yield room, got
    finally:
        room.close()


@pytest.fixture
def local(driver: Driver) -> Iterator[tuple[RoomDisplay, list[Command]]]:
    yield from serve(driver, remote=False)


@pytest.fixture
def remote(driver: Driver) -> Iterator[tuple[RoomDisplay, list[Command]]]:
    yield from serve(driver, remote=True)


def test_by_default_it_listens_on_loopback_only_and_stops_with_the_meeting(
    driver: Driver,
) -> None:
    before = listening(os.getpid())
    room = RoomDisplay(DisplayOptions(port=0))
    room.start()
    room.refresh(driver.session.view(driver.clock.now()))
    port = room.port
    assert listening(os.getpid()) - before == {("127.0.0.1", port)}
    Client(room).first_event()  # a page was connected
    room.close()
    assert listening(os.getpid()) == before
    assert open_tcp(os.getpid()) == 0  # no connection left open either


def test_with_the_remote_it_listens_on_the_network(driver: Driver) -> None:
    before = listening(os.getpid())
    for room, _ in serve(driver, remote=True):
        assert listening(os.getpid()) - before == {("0.0.0.0", room.port)}
    assert listening(os.getpid()) == before


def test_the_display_page_and_its_updates(local: tuple[RoomDisplay, list[Command]]) -> None:
    room, _ = local
    client = Client(room)
    status, headers, body = client.request("GET", "/")
    assert status == 200
    assert headers["Content-Security-Policy"] == CSP
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert b'<html lang="nl">' in body and b"Verbinding kwijt" in body
    event = client.first_event()
    assert event["show"]["title"] == "Vraag" and event["show"]["remaining"] == "5:00"
    assert event["pairing"] is None
    for name in ("page.js", "style.css"):
        status, headers, _ = client.request("GET", f"/static/{name}")
        assert status == 200 and headers["Content-Security-Policy"] == CSP


def test_another_host_name_is_refused(local: tuple[RoomDisplay, list[Command]]) -> None:
    room, _ = local
    client = Client(room)
    client.host = f"evil.example:{room.port}"
    status, _, _ = client.request("GET", "/")
    assert status == 421  # a DNS-rebinding page cannot read the display


def test_without_the_remote_nobody_can_pair_or_command(
    local: tuple[RoomDisplay, list[Command]],
) -> None:
    room, got = local
    client = Client(room)
    assert client.pair("000000") == 403
    status, _, _ = client.request("POST", "/command", {"command": "next_step"})
    assert status == 403 and got == []


def test_the_code_is_shown_on_the_room_screen_only(
    remote: tuple[RoomDisplay, list[Command]],
) -> None:
    room, _ = remote
    assert room.pairing is not None
    event = Client(room).first_event()
    assert room.pairing.code in event["pairing"]["code"]
    assert f"http://{PUBLIC}:{room.port}/remote" in event["pairing"]["scan"]
    status, headers, svg = Client(room).request("GET", "/qr.svg")
    assert status == 200 and headers["Content-Type"] == "image/svg+xml" and b"<svg" in svg


@need_network
def test_a_paired_phone_sends_commands(remote: tuple[RoomDisplay, list[Command]]) -> None:
    room, got = remote
    assert room.pairing is not None
    phone = Client(room, phone=True)
    assert phone.pair(room.pairing.code) == 200
    status, _, body = phone.request("POST", "/command", {"command": "next_step"})
    assert status == 202
    assert json.loads(body)["message"] == "Doorgegeven: volgende stap"
    phone.request("POST", "/command", {"command": "extend"})
    assert got == [
        Command(CommandKind.NEXT_STEP, source="remote"),
        Command(CommandKind.EXTEND, minutes=1, source="remote"),
    ]
    event = phone.first_event()  # the phone sees the meeting, but never the code
    assert event["show"]["title"] == "Vraag" and event["pairing"] is None and event["paired"]
    status, _, _ = phone.request("POST", "/command", {"command": "shutdown"})
    assert status == 400


@need_network
def test_an_unpaired_phone_is_refused(remote: tuple[RoomDisplay, list[Command]]) -> None:
    room, got = remote
    stranger = Client(room, phone=True)
    for path in ("/", "/events", "/qr.svg"):
        status, _, body = stranger.request("GET", path)
        assert status == 403, path
        assert room.pairing is not None and room.pairing.code.encode() not in body
    status, _, body = stranger.request("POST", "/command", {"command": "next_step"})
    assert status == 403 and "niet (meer) gekoppeld" in json.loads(body)["message"]
    assert stranger.pair("not the code") == 403
    stranger.cookie = "made-up-token"
    status, _, _ = stranger.request("POST", "/command", {"command": "next_step"})
    assert status == 403
    status, _, page = stranger.request("GET", "/remote")  # the pairing page is for anyone
    assert status == 200 and b'data-paired="no"' in page
    assert got == []


def test_commands_need_our_origin_json_and_post(remote: tuple[RoomDisplay, list[Command]]) -> None:
    room, got = remote
    assert room.pairing is not None
    phone = Client(room)
    assert phone.pair(room.pairing.code) == 200
    body = {"command": "next_step"}
    assert phone.request("POST", "/command", body, Origin="http://evil.example")[0] == 403
    assert phone.request("POST", "/command", body, Origin="null")[0] == 403
    text = {"Content-Type": "text/plain"}  # what a cross-site form can send
    assert phone.request("POST", "/command", body, **text)[0] == 415
    status, _, _ = phone.request("GET", "/command?command=next_step")
    assert status == 404  # no command over GET
    assert got == []


def test_commands_are_rate_limited(remote: tuple[RoomDisplay, list[Command]]) -> None:
    room, got = remote
    assert room.pairing is not None
    phone = Client(room)
    assert phone.pair(room.pairing.code) == 200
    statuses = [phone.request("POST", "/command", {"command": "time_left"})[0] for _ in range(12)]
    assert 429 in statuses
    assert len(got) == statuses.count(202) < 12


def test_guessing_the_code_is_rate_limited(remote: tuple[RoomDisplay, list[Command]]) -> None:
    room, _ = remote
    assert room.pairing is not None
    wrong = str((int(room.pairing.code) + 1) % 1_000_000).zfill(6)
    statuses = [Client(room).pair(wrong) for _ in range(8)]
    assert statuses[:5] == [403] * 5 and statuses[-1] == 429


def test_the_pairing_ends_with_the_meeting(driver: Driver) -> None:
    for room, _ in serve(driver, remote=True):
        assert room.pairing is not None
        phone = Client(room)
        assert phone.pair(room.pairing.code) == 200
        token = phone.cookie
    for room, got in serve(driver, remote=True):  # the next meeting, on a new port
        phone = Client(room)
        phone.cookie = token
        status, _, _ = phone.request("POST", "/command", {"command": "next_step"})
        assert status == 403 and got == []


def test_closing_hangs_up_on_open_pages(driver: Driver) -> None:
    room = RoomDisplay(DisplayOptions(port=0))
    room.start()
    room.refresh(driver.session.view(driver.clock.now()))
    stream = http.client.HTTPConnection("127.0.0.1", room.port, timeout=5)
    stream.request("GET", "/events", headers={"Host": f"127.0.0.1:{room.port}"})
    answer = stream.getresponse()
    while not answer.fp.readline().startswith(b"data: "):
        pass
    idle = http.client.HTTPConnection("127.0.0.1", room.port, timeout=5)  # kept alive
    idle.request("GET", "/static/style.css", headers={"Host": f"127.0.0.1:{room.port}"})
    idle.getresponse().read()
    room.close()
    assert answer.fp.read().strip() == b""  # read to its end: the server hung up
    idle.request("GET", "/", headers={"Host": f"127.0.0.1:{room.port}"})
    with pytest.raises((http.client.RemoteDisconnected, ConnectionError)):
        idle.getresponse()
    answer.close()
    stream.close()
    idle.close()
    assert open_tcp(os.getpid()) == 0


def test_the_last_words_reach_the_page_before_the_server_closes(driver: Driver) -> None:
    room = RoomDisplay(DisplayOptions(port=0))
    room.start()
    room.refresh(driver.session.view(driver.clock.now()))
    stream = http.client.HTTPConnection("127.0.0.1", room.port, timeout=5)
    stream.request("GET", "/events", headers={"Host": f"127.0.0.1:{room.port}"})
    answer = stream.getresponse()
    while not answer.fp.readline().startswith(b"data: "):
        pass
    room.finish("completed")
    room.close()  # at once, as a meeting's end does
    rest = answer.fp.read().decode()
    answer.close()
    stream.close()
    assert '"ended": "completed"' in rest
    assert "De sessie is afgelopen." in json.loads(rest.split("data: ", 1)[1])["show"]["state"]
