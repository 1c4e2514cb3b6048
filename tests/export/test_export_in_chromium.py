"""The rehearsal page in a real headless Chromium, sped up and started without a tap.

``?speech=record`` gives the page a stand-in speech synthesizer with one voice of the
page's language, which writes each utterance it is asked for into the page; without
it, headless Chromium has no voice at all, as a device without a Dutch voice.
"""

from __future__ import annotations

import http.server
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

import pytest
from browser import Element, dump_dom, items, page_requests, parse

from facilitator.export.page import render_page
from facilitator.export.timeline import Script, rehearsal_script
from facilitator.lang import get_pack
from facilitator.meeting.engine import SessionSettings
from facilitator.meeting.plan import Participants, Plan, build_plan
from facilitator.meeting.report import format_clock
from facilitator.method import library

pytestmark = pytest.mark.chromium

EXE = str(Path(sys.executable).with_name("facilitator"))
NAMES = Participants.named(["Anna", "Bram", "Carla", "Daan"], "Anna")


def export(tmp_path: Path, method: str = "vijf-stappen") -> tuple[Plan, Script, Path]:
    plan = build_plan(library.resolve(method), NAMES)
    pack = get_pack("nl")
    script = rehearsal_script(plan, SessionSettings(), pack)
    page = tmp_path / f"{method}.html"
    page.write_text(render_page(plan, script, pack), encoding="utf-8")
    return plan, script, page


@pytest.fixture(scope="module")
def recorded(tmp_path_factory: pytest.TempPathFactory) -> tuple[Plan, Script, Element]:
    """vijf-stappen at 60 times its speed, with the recording voice."""
    plan, script, page = export(tmp_path_factory.mktemp("page"))
    dom = dump_dom(page, "speed=60&start=1&speech=record", budget_ms=120_000)
    return plan, script, parse(dom)


def test_every_step_appears_in_order_at_its_planned_time(
    recorded: tuple[Plan, Script, Element],
) -> None:
    plan, script, root = recorded
    seen = items(root, "log-steps")
    assert [entry["step"] for entry in seen] == [p.id for p in plan.steps]
    # Each step begins at the sum of the steps before it and their grace periods.
    expected = [0.0, 310.0, 1220.0, 2130.0, 3040.0]
    assert [s.starts_s for s in script.steps] == expected
    for entry, planned in zip(seen, expected, strict=True):
        assert abs(float(entry["at"]) - planned) < 1.5, (entry, planned)


def said_as(key: str, **values: object) -> set[str]:
    """Every phrasing of ``key`` the room could have chosen."""
    return {variant.format(**values) for variant in get_pack("nl").variants(key)}


def test_the_speech_api_is_asked_for_the_dutch_sentences(
    recorded: tuple[Plan, Script, Element],
) -> None:
    _, script, root = recorded
    spoken = items(root, "log-speech")
    assert {entry["lang"] for entry in spoken} == {"nl-NL"}
    assert {entry["voice"] for entry in spoken} == {"recorder"}
    texts = [entry["text"] for entry in spoken]
    expected = [cue.say for step in script.steps for cue in step.cues if cue.say]
    expected += [cue.say for cue in script.closing if cue.say]
    assert texts == expected
    # In the room's own words, at the room's moments:
    assert "Vijf stappen" in texts[0]  # the welcome
    first_step = said_as("session.step_start", number=1, title="De vraag", duration="vijf minuten")
    assert first_step & set(texts[1:3])  # after the welcome (and who brings the case)
    assert any("anderhalve minuut" in text and "Bram" in text for text in texts)
    assert texts[-1] in said_as("session.completed")
    warnings = said_as("session.warning", remaining="één minuut")
    warning = next(e for e in spoken if e["text"] in warnings)
    assert abs(float(warning["at"]) - 240.0) < 1.5


def test_the_summary_lists_each_part_against_its_time_box(
    recorded: tuple[Plan, Script, Element],
) -> None:
    plan, _, root = recorded
    summary = root.find("summary")
    assert summary is not None and not summary.hidden
    rows = [row for row in summary.all("tr") if "data-step" in row.attrs]
    assert [row.attrs["data-step"] for row in rows] == [p.id for p in plan.steps]
    for row, planned in zip(rows, plan.steps, strict=True):
        cells = [cell.full_text() for cell in row.all("td")]
        assert cells[1] == planned.title
        assert cells[2] == format_clock(planned.duration_s)
        assert cells[3] == format_clock(planned.duration_s + 10)  # moved on after the grace
        assert cells[4] == "+0:10"
    assert root.find("summary-times") is not None


def test_without_a_voice_the_page_shows_the_text_and_plays_tones(tmp_path: Path) -> None:
    _, script, page = export(tmp_path)
    root = parse(dump_dom(page, "speed=600&start=1", budget_ms=60_000))
    body = root.all("body")[0]
    assert body.attrs["data-voice"] == "none"
    note = root.find("voice-note")
    assert note is not None and not note.hidden
    assert note.full_text() == get_pack("nl").text("export.no_voice")
    assert items(root, "log-speech") == []
    said = {entry["text"] for entry in items(root, "log-said")}
    assert said & said_as("session.warning", remaining="één minuut")
    sounds = [entry["text"] for entry in items(root, "log-sounds")]
    assert sounds[:3] == ["step", "warning", "time_up"]
    assert sounds.count("step") == len(script.steps)


def test_the_done_when_of_the_issue(tmp_path: Path) -> None:
    """On a clean export: the last step and the summary of time per part."""
    done = subprocess.run(
        [EXE, "methods", "export", "vijf-stappen", "--html", "-o", "vijf.html"],
        cwd=tmp_path, capture_output=True, text=True, timeout=120,
    )
    assert done.returncode == 0, done.stderr
    page = tmp_path / "vijf.html"
    assert "://" not in page.read_text(encoding="utf-8")
    root = parse(dump_dom(page, "speed=600&start=1", budget_ms=60_000))
    assert root.all("body")[0].attrs["data-state"] == "done"
    title = root.find("step-title")
    assert title is not None and title.full_text() == "Evaluatie"
    running = root.find("running")
    assert running is not None and not running.hidden
    summary = root.find("summary-table")
    assert summary is not None
    assert len([row for row in summary.all("tr") if "data-step" in row.attrs]) == 5


class _Recorder(http.server.BaseHTTPRequestHandler):
    paths: ClassVar[list[str]]

    def do_GET(self) -> None:
        self.paths.append(self.path)
        self.send_response(404)
        self.end_headers()

    def log_message(self, *_args: object) -> None:
        pass


@pytest.fixture
def local_server() -> Iterator[tuple[str, list[str]]]:
    """A web server on this computer that notes every request it gets."""
    seen: list[str] = []
    handler = type("Handler", (_Recorder,), {"paths": seen})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", seen
    finally:
        server.shutdown()
        server.server_close()


def test_the_net_log_sees_a_page_that_does_fetch(
    tmp_path: Path, local_server: tuple[str, list[str]]
) -> None:
    address, seen = local_server
    page = tmp_path / "fetching.html"
    page.write_text(f'<!doctype html><img src="{address}/picture.png">', encoding="utf-8")
    net_log = tmp_path / "net.json"
    dump_dom(page, budget_ms=5_000, net_log=net_log)
    assert seen == ["/picture.png"]
    assert page_requests(net_log) == [f"{address}/picture.png"]


HOSTILE = """\
titel: 'Kwaad <img src="{address}/title.png"> </script><script>fetch("{address}/x")</script>'
doel: Een methode die iets probeert.
stappen:
  - id: een
    titel: Een <b>vette</b> stap
    duur: 1 min
    wie: groep
    instructie: >
      <img src="{address}/instruction.png" onerror="fetch('{address}/err')">
      Kijk op {address}/tips of @JS@.
"""


def test_the_page_makes_no_request_even_for_hostile_method_text(
    tmp_path: Path, local_server: tuple[str, list[str]]
) -> None:
    address, seen = local_server
    method = tmp_path / "kwaad.yaml"
    method.write_text(HOSTILE.format(address=address), encoding="utf-8")
    plan = build_plan(library.resolve(str(method)), Participants())
    pack = get_pack("nl")
    page = tmp_path / "kwaad.html"
    page.write_text(
        render_page(plan, rehearsal_script(plan, SessionSettings(), pack), pack),
        encoding="utf-8",
    )
    net_log = tmp_path / "net.json"
    root = parse(dump_dom(page, "speed=600&start=1", budget_ms=20_000, net_log=net_log))
    assert page_requests(net_log) == []
    assert seen == []
    instruction = root.find("instruction")
    assert instruction is not None
    assert instruction.full_text().startswith(f'<img src="{address}/instruction.png"')
    assert root.all("img") == [] and root.all("b") == []
    assert root.all("body")[0].attrs["data-state"] == "done"


def test_without_start_it_waits_for_a_tap_and_shows_the_plan(tmp_path: Path) -> None:
    plan, _, page = export(tmp_path)
    root = parse(dump_dom(page, "speed=600", budget_ms=20_000))
    assert root.all("body")[0].attrs["data-state"] == "ready"
    assert items(root, "log-steps") == [] and items(root, "log-said") == []
    listed = root.find("plan")
    assert listed is not None
    assert [li.full_text() for li in listed.all("li")] == [
        f"{p.title} ({format_clock(p.duration_s)})" for p in plan.steps
    ]
    start = root.find("start")
    assert start is not None and start.full_text() == "Begin"
