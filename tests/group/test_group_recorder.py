"""The group recorder, fed with a session's log events: what it keeps, and what it passes on."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from enginetools import Driver, method, step
from grouptools import a_group

from facilitator.group.changes import add_action
from facilitator.group.recorder import GroupRecorder
from facilitator.group.setup import MeetingSetup, plan_meeting
from facilitator.group.store import GroupStore
from facilitator.lang import set_language
from facilitator.meeting.commands import Command, CommandKind
from facilitator.meeting.effects import Heard
from facilitator.method.definition import TurnRound

TODAY = date(2026, 12, 2)


@pytest.fixture(autouse=True)
def dutch() -> None:
    set_language("nl")


class ListLog:
    def __init__(self) -> None:
        self.records: list[dict[str, Any]] = []

    def write(self, event: str, t: float, **fields: object) -> dict[str, Any]:
        record = {"t": t, "event": event, **fields}
        self.records.append(record)
        return record


@pytest.fixture
def store(tmp_path: Path) -> GroupStore:
    store = GroupStore(tmp_path)
    store.create(a_group(roles=("voorzitter", "notulist")))
    return store


def _setup(store: GroupStore, absent: tuple[str, ...] = ("Eva",)) -> MeetingSetup:
    return plan_meeting(store.load("wijkteam"), "vijf-stappen", TODAY, absent)


def _header(**fields: object) -> dict[str, object]:
    return {"method": "vijf-stappen", "participants": ["Anna", "Bram"], **fields}


def test_the_start_records_attendance_and_roles_and_every_event_passes_on(
    store: GroupStore,
) -> None:
    log = ListLog()
    recorder = GroupRecorder(log, _setup(store), store)
    recorder.write("session_started", 0.0, **_header(case_owner=None))
    recorder.write("step_started", 0.0, step="a", title="A")
    meeting = store.load("wijkteam").meetings[0]
    assert (meeting.number, meeting.day, meeting.method) == (1, TODAY, "vijf-stappen")
    assert meeting.present == ("Anna", "Bram", "Carla", "Daan", "Fleur")
    assert meeting.absent == ("Eva",)
    assert meeting.roles == (("voorzitter", "Anna"), ("notulist", "Bram"))
    assert meeting.case_owner is None
    assert [r["event"] for r in log.records] == ["session_started", "group_meeting", "step_started"]
    assert log.records[1] == {
        "t": 0.0,
        "event": "group_meeting",
        "group": "wijkteam",
        "number": 1,
        "absent": ["Eva"],
        "chair": "Anna",
        "note_taker": "Bram",
    }


def test_the_case_owner_chosen_during_the_meeting_is_kept(store: GroupStore) -> None:
    recorder = GroupRecorder(ListLog(), _setup(store), store)
    recorder.write("session_started", 0.0, **_header())
    assert store.load("wijkteam").meetings[0].case_owner is None
    recorder.write("case_owner_set", 900.0, step="keuze", participant="daan")
    assert store.load("wijkteam").meetings[0].case_owner == "Daan"


def test_a_case_owner_named_on_the_command_line_is_kept_from_the_start(
    store: GroupStore,
) -> None:
    recorder = GroupRecorder(ListLog(), _setup(store), store)
    recorder.write("session_started", 0.0, **_header(case_owner="Carla"))
    assert store.load("wijkteam").meetings[0].case_owner == "Carla"


def test_action_points_marked_in_the_meeting_have_a_name_and_a_date_only(
    store: GroupStore,
) -> None:
    recorder = GroupRecorder(ListLog(), _setup(store), store)
    recorder.write("session_started", 0.0, **_header())
    recorder.write("action_point", 5000.0, step="actiepunten", participant="Bram")
    recorder.write("action_point", 5010.0, step="actiepunten", participant="Eva")
    points = store.load("wijkteam").actions
    assert [(a.number, a.person, a.day, a.text, a.open) for a in points] == [
        (1, "Bram", TODAY, None, True),
        (2, "Eva", TODAY, None, True),
    ]


def test_a_turn_in_the_look_back_closes_that_persons_earlier_points(store: GroupStore) -> None:
    earlier = date(2026, 11, 18)
    store.update("wijkteam", lambda g: add_action(g, "Bram", "Bellen", earlier)[0])
    store.update("wijkteam", lambda g: add_action(g, "Carla", None, earlier)[0])
    recorder = GroupRecorder(ListLog(), _setup(store), store)
    steps = [{"id": "terugblik", "phase": "look_back"}, {"id": "keuze", "phase": "case_choice"}]
    recorder.write("session_started", 0.0, **_header(steps=steps))
    recorder.write("turn_started", 1.0, step="terugblik", participant="Bram")
    recorder.write("action_point", 2.0, step="terugblik", participant="Bram")  # a new one
    recorder.write("turn_started", 3.0, step="keuze", participant="Carla")  # not a look back
    actions = {a.number: a for a in store.load("wijkteam").actions}
    assert actions[1].looked_back == TODAY and not actions[1].open
    assert actions[2].open  # Carla had no look-back turn
    assert actions[3].open  # taken today, comes back next time


def test_a_look_back_step_can_also_be_known_from_its_own_start(store: GroupStore) -> None:
    store.update("wijkteam", lambda g: add_action(g, "Bram", None, date(2026, 11, 18))[0])
    recorder = GroupRecorder(ListLog(), _setup(store), store)
    recorder.write("session_started", 0.0, **_header())
    recorder.write("step_started", 0.0, step="terugblik", phase="look_back")
    recorder.write("turn_started", 1.0, step="terugblik", participant="Bram")
    assert not store.load("wijkteam").actions[0].open


def test_a_resumed_session_goes_on_with_the_meeting_it_recorded(store: GroupStore) -> None:
    setup = _setup(store)
    GroupRecorder(ListLog(), setup, store).write("session_started", 0.0, **_header())
    later = GroupRecorder(ListLog(), setup, store)  # a new process after a power cut
    later.write("session_started", 600.0, **_header(resumed=True))
    later.write("case_owner_set", 700.0, participant="Anna")
    meetings = store.load("wijkteam").meetings
    assert len(meetings) == 1 and meetings[0].case_owner == "Anna"


def test_a_group_file_that_breaks_mid_meeting_never_stops_it(store: GroupStore) -> None:
    told: list[str] = []
    log = ListLog()
    recorder = GroupRecorder(log, _setup(store), store, told.append)
    recorder.write("session_started", 0.0, **_header())
    (store.folder / "wijkteam.yaml").write_text("naam: [kapot\n", encoding="utf-8")
    recorder.write("action_point", 1.0, participant="Bram")
    recorder.write("action_point", 2.0, participant="Carla")
    assert [r["event"] for r in log.records][-2:] == ["action_point", "action_point"]
    assert len(told) == 1 and "wijkteam.yaml:2: de opmaak" in told[0]


def test_the_engine_logs_an_action_point_and_the_recorder_keeps_it(store: GroupStore) -> None:
    """The whole path: a key or a spoken name in the engine, its Log, the group's file."""
    turns = TurnRound(per_turn_s=60.0, case_owner_too=True)
    driver = Driver(method(step("actiepunten", 5, turns=turns)), names=["Anna", "Bram", "Carla"])
    recorder = GroupRecorder(ListLog(), _setup(store), store)
    for effect in driver.logs():
        recorder.write(effect.event, effect.t, **effect.fields)
    now = driver.clock.now()
    out = driver.session.handle(Heard(now, Command(CommandKind.ACTION_POINT)))  # key a: Anna
    out += driver.session.handle(
        Heard(now, Command(CommandKind.ACTION_POINT, source="voice", participant=2))
    )
    driver.effects += out
    for effect in driver.logs("action_point"):
        recorder.write(effect.event, effect.t, **effect.fields)
    assert [a.person for a in store.load("wijkteam").actions] == ["Anna", "Carla"]
    assert "Actiepunt voor Carla." in driver.said()
