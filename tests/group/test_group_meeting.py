"""The group's memory in the composed meeting, on the fake clock: the look back over
exactly the people with open action points, who waited longest in the case choice,
the series at the end, the roles in the welcome; and resume inside the look back."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from grouptools import START, a_group, hold_meeting

from facilitator.group.briefed import NOBODY_LOOKS_BACK_S
from facilitator.group.changes import add_action
from facilitator.group.model import Group
from facilitator.group.run import GroupMeeting, before_meeting
from facilitator.group.setup import plan_meeting
from facilitator.group.store import GroupStore
from facilitator.lang import get_pack
from facilitator.meeting.clock import FakeClock
from facilitator.meeting.effects import Effect, End, Log, Say, Tick, WakeAt
from facilitator.meeting.engine import Session, SessionSettings
from facilitator.meeting.plan import Participants, Plan, build_plan
from facilitator.method import library
from facilitator.method.definition import Phase

NL = get_pack("nl")
SETTINGS = SessionSettings(grace_s=0, force_on_time_up="advance", variant_seed=0)
DAY = date(2026, 12, 1)


def _points(group: Group, *people: str) -> Group:
    for person in people:
        group = add_action(group, person, None, START)[0]
    return group


def _meeting(group: Group, absent: Sequence[str] = ()) -> GroupMeeting:
    return GroupMeeting(group, plan_meeting(group, "vijf-stappen", DAY, absent), GroupStore())


def _plan(
    meeting: GroupMeeting, opening: bool = True, closing: bool = True, method: str = "vijf-stappen"
) -> Plan:
    people = Participants.named(meeting.setup.present, "Carla")
    plan = build_plan(
        library.resolve(method),
        people,
        opening=library.find_frame("opening") if opening else None,
        closing=library.find_frame("closing") if closing else None,
        chair=meeting.setup.holder("voorzitter"),
    )
    return meeting.plan(plan, NL)


class ListLog:
    def write(self, event: str, t: float, **fields: Any) -> None:
        pass


class Run:
    """A session on the fake clock, ticked from wake-up to wake-up."""

    def __init__(self, session: Session, clock: FakeClock) -> None:
        self.session, self.clock = session, clock
        self.effects: list[Effect] = list(session.start(clock.now()))

    def tick(self) -> None:
        wakes = [e.t for e in self.effects if isinstance(e, WakeAt)]
        wake = wakes[-1] if wakes else None
        assert wake is not None, "the session waits for the chair"
        self.clock.set(max(wake, self.clock.now()))
        self.effects += self.session.handle(Tick(self.clock.now()))

    def until(self, done: object, limit: int = 10_000) -> None:
        for _ in range(limit):
            if callable(done) and done():
                return
            self.tick()
        raise AssertionError("never got there")

    @property
    def ended(self) -> bool:
        return any(isinstance(e, End) for e in self.effects)

    def logs(self, event: str) -> list[Log]:
        return [e for e in self.effects if isinstance(e, Log) and e.event == event]

    def said(self) -> list[str]:
        return [e.text for e in self.effects if isinstance(e, Say)]


def _run(plan: Plan) -> Run:
    run = Run(Session(plan, SETTINGS, NL), FakeClock(1000.0))
    run.until(lambda: run.ended)
    return run


def _turns_in(run: Run, step_id: str) -> list[object]:
    turns = run.logs("turn_started")
    return [e.fields["participant"] for e in turns if e.fields["step"] == step_id]


def test_the_look_back_is_a_turn_round_over_exactly_the_people_with_open_points() -> None:
    group = _points(hold_meeting(a_group()), "Eva", "Bram", "Daan")
    run = _run(_plan(_meeting(group, absent=["Daan"])))
    look_back = _plan(_meeting(group, absent=["Daan"])).phase_step(Phase.LOOK_BACK)
    assert look_back is not None
    assert _turns_in(run, look_back.id) == ["Bram", "Eva"]
    assert any("Bram en Eva hadden een actiepunt" in text for text in run.said())
    # The other rounds still go round everyone present.
    assert len(_turns_in(run, "inventarisatie")) == 5


def test_without_open_points_the_look_back_is_one_sentence_and_short() -> None:
    group = hold_meeting(a_group())
    plan = _plan(_meeting(group))
    look_back = plan.phase_step(Phase.LOOK_BACK)
    assert look_back is not None and look_back.duration_s == NOBODY_LOOKS_BACK_S
    run = _run(plan)
    assert _turns_in(run, look_back.id) == []
    sentence = NL.text("group.say.look_back_none")
    assert [text for text in run.said() if sentence in text] == [sentence]


def test_the_case_choice_names_who_waited_longest() -> None:
    group = a_group()
    for owner in ("Daan", "Anna", "Bram", "Carla", "Eva", "Fleur"):
        group = hold_meeting(group, case_owner=owner)
    run = _run(_plan(_meeting(group)))
    choice = [e for e in run.logs("step_started") if e.fields["step"] == "keuze"]
    assert len(choice) == 1
    said = run.said()
    announced = said.index(str(choice[0].fields["text"]))
    after = " ".join(said[announced : announced + 2])
    assert "Daan bracht het langst geleden een casus in." in after


def test_the_welcome_names_the_chair_once_and_the_note_taker() -> None:
    group = hold_meeting(a_group(roles=("voorzitter", "notulist")))
    meeting = _meeting(group)
    chair, notes = meeting.setup.holder("voorzitter"), meeting.setup.holder("notulist")
    assert chair and notes and chair != notes
    welcome = _run(_plan(meeting)).said()[0]
    assert welcome.count(chair) == 1
    assert f"{notes} maakt vandaag de aantekeningen." in welcome
    assert meeting.notices(_plan(meeting)) == []  # all of it is said aloud: not shown twice


def test_the_series_is_proposed_at_the_evaluation_or_else_at_the_end() -> None:
    group = hold_meeting(hold_meeting(a_group(series=3)))
    proposal = NL.text("group.say.series_end", count=NL.number(3))
    run = _run(_plan(_meeting(group)))
    evaluation = [e for e in run.logs("step_started") if e.fields["step"] == "evaluatie"]
    assert len(evaluation) == 1
    said = " ".join(run.said())  # a long instruction is said in parts
    assert said.count(proposal) == 1
    assert said.index(str(evaluation[0].fields["text"])) < said.index(proposal)
    # A meeting without an evaluation says it at the end, before the closing words.
    plan = _plan(_meeting(group), closing=False, method="reflecterend-team")
    assert plan.phase_step(Phase.EVALUATION) is None
    without = _run(plan).said()
    assert sum(proposal in text for text in without) == 1 and proposal in without[-2]
    assert _meeting(group).notices(_plan(_meeting(group))) == []


def test_a_meeting_resumed_inside_the_look_back_goes_on_with_the_next_person() -> None:
    group = _points(hold_meeting(a_group()), "Eva", "Bram")
    plan = _plan(_meeting(group))
    clock = FakeClock(1000.0)
    first = Run(Session(plan, SETTINGS, NL), clock)
    first.until(lambda: bool(first.logs("turn_started")))
    snapshot = first.session.snapshot(clock.now())
    again = Run(Session.restore(plan, snapshot, SETTINGS, NL), FakeClock(5000.0))
    again.until(lambda: again.ended)
    assert [e.fields["participant"] for e in first.logs("turn_started")] == ["Bram"]
    assert _turns_in(again, "terugblik") == ["Eva"]


class _Request:
    method = "vijf-stappen"
    group: str | None = "wijkteam"
    absent: str | None = None
    chair: str | None = None


def test_an_interrupted_meeting_is_prepared_again_as_it_began(tmp_path: Path) -> None:
    """On resume the group's file already holds the meeting and its first look back:
    the chair, the look back and the series stay as they were at the start."""
    store = GroupStore(tmp_path)
    store.create(_points(hold_meeting(a_group(series=2)), "Bram", "Eva"))
    before = GroupMeeting.prepare(_Request(), DAY, store)
    plan = _plan(before)
    clock = FakeClock(1000.0)
    recorder = before.recorder(ListLog(), "vijf-stappen", lambda _text: None)
    first = Run(Session(plan, SETTINGS, NL), clock)
    first.until(lambda: bool(first.logs("turn_started")))
    for log in [e for e in first.effects if isinstance(e, Log)]:
        recorder.write(log.event, log.t, **log.fields)
    assert [a.person for a in store.load("wijkteam").open_actions] == ["Eva"]  # Bram's is back

    again = GroupMeeting.prepare(_Request(), DAY, store, resuming=True)
    assert again.setup.roles == before.setup.roles
    assert again.briefing(NL) == before.briefing(NL)
    assert GroupMeeting.prepare(_Request(), DAY, store).setup.roles != before.setup.roles
    replan = _plan(again)
    assert [s.id for s in replan.steps] == [s.id for s in plan.steps]
    snapshot = first.session.snapshot(clock.now())
    resumed = Run(Session.restore(replan, snapshot, SETTINGS, NL), FakeClock(5000.0))
    resumed.until(lambda: resumed.ended)
    assert _turns_in(resumed, "terugblik") == ["Eva"]


def test_before_meeting_leaves_a_group_without_a_meeting_today_alone() -> None:
    group = _points(hold_meeting(a_group()), "Bram")
    assert before_meeting(group, DAY) == group
