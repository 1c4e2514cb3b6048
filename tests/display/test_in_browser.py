"""The room display and the remote in a real headless Chromium, during real meetings.

Each meeting is a real ``facilitator run`` process, sped up; the display is read the way
a person would see it (the text of its elements), the remote is used by clicking.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from browsertools import browser, free_port, text_of, wait_until
from meeting import Meeting
from sockets import listening

from facilitator.display.address import lan_address

pytestmark = pytest.mark.slow

TURNS_METHOD = """\
titel: Rondje
doel: Om te proberen.
stappen:
  - id: ronde
    titel: Rondje
    duur: 9 min
    wie: ieder
    beurten:
      per_beurt: 3 min
    instructie: Om de beurt.
  - id: slot
    titel: Slot
    duur: 1 min
    wie: groep
    instructie: Klaar.
"""
HOSTILE = (
    "<b>Vet</b><script>document.title='gehackt'</script>"
    "<img src=x onerror=\"document.title='gehackt'\">"
)
HOSTILE_INSTRUCTION = 'Let op: <i>geen</i> HTML & "ook" geen script.'
HOSTILE_NAME = '<img src=x onerror="document.title=1">Ik'  # 40 characters: a name's most
HOSTILE_METHOD = f"""\
titel: Onveilig
doel: Om te proberen.
stappen:
  - id: kwaad
    titel: {json.dumps(HOSTILE)}
    duur: 5 min
    wie: ieder
    beurten:
      per_beurt: 2 min
    instructie: {json.dumps(HOSTILE_INSTRUCTION)}
"""


@pytest.fixture
def meetings() -> Iterator[list[Meeting]]:
    started: list[Meeting] = []
    yield started
    for meeting in started:
        meeting.stop()


def test_the_display_follows_a_meeting_and_a_paired_phone_moves_it_on(
    tmp_path: Path, meetings: list[Meeting]
) -> None:
    port = free_port()
    # The browser starts first: the first step lasts only ten seconds at this speed.
    with browser() as screen:
        meeting = Meeting(
            tmp_path, "vijf-stappen", "-n", "5", "--speed", "30", "--wait", "--display",
            "--remote", "--port", str(port),
        )  # fmt: skip
        meetings.append(meeting)
        meeting.wait_for(rf"http://127\.0\.0\.1:{port}/")
        code = meeting.wait_for(r"koppelcode (\d{6})").group(1)
        screen.get(f"http://127.0.0.1:{port}/")
        wait_until(lambda: text_of(screen, "heading") == "Stap 1 van 5", what="step 1")
        assert text_of(screen, "title") == "De vraag"
        first = wait_until(lambda: text_of(screen, "remaining"), what="a countdown")
        assert first.count(":") == 1
        wait_until(lambda: text_of(screen, "remaining") not in ("", first), what="it counts down")
        assert code in text_of(screen, "pair-code")  # the room's screen shows the code

        host = lan_address() or "127.0.0.1"
        with browser() as stranger:  # no code: refused
            if host != "127.0.0.1":  # from the network (loopback is the room's own screen)
                stranger.get(f"http://{host}:{port}/")
                body = stranger.find_element("tag name", "body").text
                assert "alleen voor het scherm" in body and code not in body
            stranger.get(f"http://{host}:{port}/remote")
            wait_until(lambda: text_of(stranger, "pair-form"), what="the pairing form")
            status = stranger.execute_async_script(
                "const done = arguments[0];"
                "fetch('/command', {method: 'POST', headers: {'Content-Type': 'application/json'},"
                " body: JSON.stringify({command: 'next_step'})}).then(r => done(r.status));"
            )
            assert status == 403
            wrong = str((int(code) + 1) % 1_000_000).zfill(6)
            stranger.find_element("id", "code").send_keys(wrong)
            stranger.find_element("css selector", "#pair-form button").click()
            wait_until(lambda: "klopt niet" in text_of(stranger, "message"), what="refusal")
        assert text_of(screen, "heading") == "Stap 1 van 5"

        with browser() as phone:  # the QR code's address: paired by its code
            phone.get(f"http://{host}:{port}/remote#code={code}")
            wait_until(lambda: text_of(phone, "controls"), what="the remote's buttons")
            assert "#" not in phone.current_url  # the code does not stay in the address
            button = phone.find_element("css selector", "button[data-command=next_step]")
            assert button.text == "volgende stap"  # the keyboard legend's words
            button.click()
            wait_until(lambda: text_of(screen, "heading") == "Stap 2 van 5", what="step 2")
            assert text_of(screen, "title") == "Het probleem verkennen"
            wait_until(lambda: "volgende stap" in text_of(phone, "message"), what="receipt")
            wait_until(lambda: text_of(screen, "paired"), what="paired on the display")
            assert text_of(screen, "pair-code") == ""  # the code leaves the wall

            phone.find_element("css selector", "button[data-command=stop]").click()
            wait_until(lambda: text_of(phone, "confirm"), what="stop asks to confirm")
            assert "Stoppen?" in text_of(screen, "state")
            phone.find_element("css selector", "button[data-command=confirm_stop]").click()
            assert meeting.finish() == 0, meeting.stderr()
        wait_until(lambda: text_of(screen, "state") == "De sessie is afgelopen.", what="end")
        assert text_of(screen, "offline") == ""  # an ended meeting is not a lost connection
    assert any("Stoppen" in line or "stop" in line.lower() for line in meeting.lines)


def test_turns_change_on_the_display(tmp_path: Path, meetings: list[Meeting]) -> None:
    (tmp_path / "rondje.yaml").write_text(TURNS_METHOD, encoding="utf-8")
    port = free_port()
    with browser() as screen:  # started first: the turns are short at this speed
        meeting = Meeting(
            tmp_path, "rondje.yaml", "-p", "Anna,Bram,Carla,Daan", "-i", "Anna", "--speed", "30",
            "--display", "--port", str(port),
        )  # fmt: skip
        meetings.append(meeting)
        meeting.wait_for(rf"http://127\.0\.0\.1:{port}/")
        screen.get(f"http://127.0.0.1:{port}/")
        seen: list[tuple[str, str]] = []

        def read() -> tuple[str, str]:
            return text_of(screen, "speaker"), text_of(screen, "next-speaker")

        def turn() -> bool:
            now = read()
            if now != read():  # read half-way through the page's update: look again
                return False
            if now[0] and (not seen or seen[-1][0] != now[0]):  # a new speaker
                seen.append(now)
            return len(seen) >= 2

        wait_until(turn, what="a turn change")
        (speaker, next_one), (then, _) = seen[:2]
        assert [speaker, then] in (["Bram", "Carla"], ["Carla", "Daan"])
        assert next_one == then  # "Daarna" named who came next
    meeting.stop()


def test_the_display_follows_a_resumed_meeting(tmp_path: Path, meetings: list[Meeting]) -> None:
    port = free_port()
    first = Meeting(
        tmp_path, "vijf-stappen", "-n", "5", "--speed", "30", "--wait", "--display",
        "--remote", "--port", str(port),
    )  # fmt: skip
    meetings.append(first)
    code = first.wait_for(r"koppelcode (\d{6})").group(1)
    host = lan_address() or "127.0.0.1"
    with browser() as screen, browser() as phone:
        screen.get(f"http://127.0.0.1:{port}/")
        wait_until(lambda: text_of(screen, "heading") == "Stap 1 van 5", what="step 1")
        phone.get(f"http://{host}:{port}/remote#code={code}")
        wait_until(lambda: text_of(phone, "controls"), what="the phone paired")
        assert first.interrupt() == 0, first.stderr()
        wait_until(lambda: text_of(screen, "offline"), what="'verbinding kwijt'")
        assert text_of(screen, "offline").startswith("Verbinding kwijt")

        again = Meeting(tmp_path, "--resume")
        meetings.append(again)
        new_code = again.wait_for(r"koppelcode (\d{6})").group(1)
        wait_until(lambda: not text_of(screen, "offline"), timeout=30, what="reconnected")
        wait_until(lambda: text_of(screen, "heading") == "Stap 1 van 5", what="the same step")
        assert text_of(screen, "state") != "De sessie is onderbroken."
        wait_until(lambda: new_code in text_of(screen, "pair-code"), what="the new code")
        # The phone's pairing ended with the first meeting: it is asked to pair again.
        wait_until(lambda: text_of(phone, "pair-form"), timeout=30, what="pair again")
        assert "niet (meer) gekoppeld" in text_of(phone, "message")
        assert text_of(phone, "controls") == ""
        assert listening(again.process.pid) == {("0.0.0.0", port)}
        again.interrupt()


def test_method_text_reaches_the_page_as_text(tmp_path: Path, meetings: list[Meeting]) -> None:
    (tmp_path / "onveilig.yaml").write_text(HOSTILE_METHOD, encoding="utf-8")
    port = free_port()
    people = f"{HOSTILE_NAME},Bram,Carla"
    meeting = Meeting(
        tmp_path, "onveilig.yaml", "-p", people, "-i", "Bram", "--display", "--port", str(port)
    )
    meetings.append(meeting)
    meeting.wait_for(rf"http://127\.0\.0\.1:{port}/")
    with browser() as screen:
        screen.get(f"http://127.0.0.1:{port}/")
        wait_until(lambda: text_of(screen, "title"), what="the title")
        assert text_of(screen, "title") == HOSTILE
        assert text_of(screen, "instruction") == HOSTILE_INSTRUCTION
        assert text_of(screen, "speaker") == HOSTILE_NAME  # names are untrusted too
        counts = screen.execute_script(
            "return [document.querySelectorAll('#title *, #instruction *, #speaker *').length,"
            " document.scripts.length, document.images.length, document.title];"
        )
        assert counts == [0, 1, 1, "Intervisie"]  # our own script and QR image only
    meeting.stop()
