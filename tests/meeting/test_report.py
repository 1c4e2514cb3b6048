from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from facilitator.cli.app import main
from facilitator.errors import ConfigError
from facilitator.lang import set_language
from facilitator.meeting.report import (
    MARKER,
    Report,
    StepRow,
    build_report,
    format_clock,
    format_difference,
    render_markdown,
    render_text,
    split_sessions,
    write_markdown,
)
from facilitator.meeting.sessionlog import NullLog, SessionLog, read_log


@pytest.fixture(autouse=True)
def dutch() -> Iterator[None]:
    set_language("nl")
    yield
    set_language("nl")


PLAN = [
    {"id": "welkom", "title": "Welkom", "planned_s": 300.0, "part": "opening"},
    {"id": "casus", "title": "Casus vertellen", "planned_s": 600.0, "part": "method"},
    {"id": "vragen", "title": "Vragenronde", "planned_s": 900.0, "part": "method"},
    {"id": "slot", "title": "Afsluiting", "planned_s": 300.0, "part": "closing"},
]
TITLES = {step["id"]: step for step in PLAN}


class Session:
    """Writes a session's events through the real (checking) log writer."""

    def __init__(self, method: str = "roddel", speed: float = 1.0) -> None:
        self.log = NullLog()
        self.events: list[dict[str, Any]] = []
        self.method = method
        self.speed = speed

    def add(self, event: str, t: float, **fields: object) -> Session:
        self.events.append(self.log.write(event, t, **fields))
        return self

    def start(self, t: float = 0.0, participants: list[str] | None = None) -> Session:
        return self.add(
            "session_started", t, method=self.method, title="Roddelmethode", planned_s=2100.0,
            steps=PLAN, participants=participants, case_owner=None, speed=self.speed,
        )

    def step(self, step: str, t: float) -> Session:
        plan = TITLES.get(step, {"title": step.title(), "planned_s": 120.0, "part": "method"})
        return self.add("step_started", t, step=step, title=plan["title"],
                        planned_s=plan["planned_s"], part=plan["part"], text="...")

    def done(self, step: str, t: float, reason: str = "next") -> Session:
        return self.add("step_ended", t, step=step, actual_s=0.0, planned_s=0.0, reason=reason)

    def end(self, t: float, reason: str = "completed") -> Session:
        return self.add("session_ended", t, reason=reason, actual_s=t)

    def turn(self, step: str, t: float, who: str, reason: str = "next") -> Session:
        self.add("turn_started", t, step=step, participant=who, turn_s=60.0, round=1, text="...")
        return self.add("turn_ended", t + 30, step=step, participant=who, reason=reason)


def row(report: Report, step: str) -> StepRow:
    return next(r for r in report.rows if r.step == step)


def full_session() -> Session:
    s = Session().start(participants=["Anna", "Bram", "Carla"])
    s.step("welkom", 0).done("welkom", 390)
    s.step("casus", 390).add("paused", 500, step="casus").add("resumed", 620, step="casus")
    s.add("extended", 900, step="casus", minutes=2, text="...").done("casus", 1150, "time")
    s.step("vragen", 1150).turn("vragen", 1150, "Bram").turn("vragen", 1180, "Carla", "pass")
    s.done("vragen", 1500, "stop").end(1500, "stopped")
    return s


def test_rows_follow_the_plan_with_planned_and_actual_times() -> None:
    report = build_report(full_session().events)
    assert [r.step for r in report.rows] == ["welkom", "casus", "vragen", "slot"]
    welkom = row(report, "welkom")
    assert (welkom.title, welkom.part, welkom.planned_s) == ("Welkom", "opening", 300.0)
    assert welkom.actual_s == 390.0
    assert welkom.difference_s == 90.0


def test_pauses_do_not_count_as_step_time() -> None:
    report = build_report(full_session().events)
    assert row(report, "casus").actual_s == 1150 - 390 - 120
    assert (report.pauses, report.pauses_s) == (1, 120.0)
    assert report.elapsed_s == 1500.0


def test_extensions_turns_and_speakers_per_step() -> None:
    report = build_report(full_session().events)
    assert row(report, "casus").extended_min == 2
    vragen = row(report, "vragen")
    assert (vragen.turns, vragen.speakers, vragen.passes) == (2, ("Bram",), 1)


def test_a_step_that_never_ran_has_no_actual_time() -> None:
    report = build_report(full_session().events)
    slot = row(report, "slot")
    assert (slot.actual_s, slot.difference_s, slot.runs) == (None, None, 0)
    assert report.steps_not_run == 1


def test_totals_and_ending() -> None:
    report = build_report(full_session().events)
    assert report.planned_s == 2100.0
    assert report.actual_s == 390 + 640 + 350
    assert report.difference_s == report.actual_s - 2100
    assert report.ended == "stopped"
    assert report.participants == ("Anna", "Bram", "Carla")
    assert (report.method, report.title) == ("roddel", "Roddelmethode")


def test_a_step_started_twice_adds_up_its_runs() -> None:
    s = Session().start().step("welkom", 0).done("welkom", 100)
    s.step("casus", 100).done("casus", 160, "previous")
    s.step("welkom", 160).done("welkom", 200).step("casus", 200).done("casus", 500)
    s.end(500)
    report = build_report(s.events)
    assert (row(report, "welkom").actual_s, row(report, "welkom").runs) == (140.0, 2)
    assert (row(report, "casus").actual_s, row(report, "casus").runs) == (360.0, 2)
    assert report.ended == "completed"


def test_a_step_without_step_ended_runs_until_the_next_step() -> None:
    s = Session().start().step("welkom", 0).step("casus", 250).end(400)
    report = build_report(s.events)
    assert row(report, "welkom").actual_s == 250.0
    assert row(report, "casus").actual_s == 150.0


def test_a_resumed_session_continues_after_an_interruption() -> None:
    s = Session().start().step("welkom", 0).done("welkom", 300)
    s.step("casus", 300).add("paused", 400, step="casus").end(450, "interrupted")
    # The session time starts again from zero after the resume.
    s.start().step("casus", 0).done("casus", 500).step("vragen", 500).end(800)
    report = build_report(s.events)
    assert row(report, "casus").actual_s == 100 + 500
    assert row(report, "casus").runs == 2
    assert report.pauses_s == 50.0  # the pause ends where the first part ends
    assert report.elapsed_s == 450 + 800
    assert (report.resumptions, report.ended, report.earlier_sessions) == (1, "completed", 0)


def test_a_crash_without_session_ended_is_continued_too() -> None:
    s = Session().start().step("welkom", 0).add("said", 200, step="welkom", text="...")
    s.start().step("welkom", 0).done("welkom", 60).end(60)
    report = build_report(s.events)
    assert row(report, "welkom").actual_s == 260.0
    assert report.resumptions == 1


def test_a_new_session_after_a_finished_one_is_reported_on_its_own() -> None:
    s = Session().start().step("welkom", 0).end(100)
    s.start().step("welkom", 0).done("welkom", 30).end(30, "stopped")
    assert len(split_sessions(s.events)) == 2
    report = build_report(s.events)
    assert row(report, "welkom").actual_s == 30.0
    assert (report.earlier_sessions, report.resumptions, report.ended) == (1, 0, "stopped")


def test_another_method_after_an_interruption_is_a_new_session() -> None:
    first = Session(method="roddel").start().step("welkom", 0).end(100, "interrupted")
    second = Session(method="balint").start().step("casus", 0).end(50)
    report = build_report(first.events + second.events)
    assert (report.method, report.earlier_sessions, report.resumptions) == ("balint", 1, 0)
    assert row(report, "welkom").actual_s is None


def test_a_log_that_breaks_off_has_no_ending_and_closes_at_its_last_event() -> None:
    s = Session().start().step("welkom", 0).add("paused", 100, step="welkom")
    s.add("said", 160, step="welkom", text="...")
    report = build_report(s.events)
    assert report.ended is None
    assert row(report, "welkom").actual_s == 100.0
    assert report.pauses_s == 60.0


def test_steps_outside_the_plan_are_added_in_the_order_they_ran() -> None:
    s = Session().start().step("welkom", 0).step("presentatie-2", 10).step("casus", 40).end(50)
    report = build_report(s.events)
    assert [r.step for r in report.rows] == [
        "welkom", "casus", "vragen", "slot", "presentatie-2",
    ]
    assert row(report, "presentatie-2").planned_s == 120.0


def test_a_log_without_session_started_still_gives_rows() -> None:
    s = Session().step("casus", 5).done("casus", 65).end(65)
    report = build_report(s.events)
    assert [(r.step, r.title, r.actual_s) for r in report.rows] == [
        ("casus", "Casus vertellen", 60.0),
    ]
    assert report.title == ""


def test_a_participant_who_passed_later_still_spoke() -> None:
    s = Session().start().step("vragen", 0)
    s.turn("vragen", 0, "Anna").turn("vragen", 60, "Bram", "pass")
    s.turn("vragen", 120, "Bram").turn("vragen", 180, "Anna", "pass").end(300)
    vragen = row(build_report(s.events), "vragen")
    assert (vragen.turns, vragen.passes, vragen.speakers) == (4, 2, ("Anna", "Bram"))


def test_hand_edited_values_of_the_wrong_type_are_treated_as_missing() -> None:
    events: list[dict[str, Any]] = [
        {"t": 0, "event": "session_started", "steps": "geen lijst", "speed": "snel"},
        {"t": 0, "event": "step_started", "step": "a", "planned_s": "5 min", "part": 3},
        {"t": 10, "event": "extended", "step": "a", "minutes": "twee"},
        {"t": 15, "event": "extended", "step": "a", "minutes": float("inf")},
        {"t": 20, "event": "step_ended", "step": ["a"]},
        {"t": "later", "event": "paused"},
        {"t": 30, "event": "onbekend", "step": "a"},
        {"t": 40, "event": "session_ended", "reason": 7},
    ]
    report = build_report(events)
    assert [(r.step, r.planned_s, r.part, r.actual_s) for r in report.rows] == [
        ("a", 0.0, "method", 40.0),
    ]
    assert (report.speed, report.ended) == (1.0, None)
    render_text(report)
    render_markdown(report)


def test_no_events_give_an_empty_report() -> None:
    report = build_report([])
    assert report.rows == ()
    assert "Tijdoverzicht" in render_text(report)


def test_from_a_real_log_file(tmp_path: Path) -> None:
    path = tmp_path / "sessie.jsonl"
    with SessionLog(path) as log:
        for event in full_session().events:
            fields = {k: v for k, v in event.items() if k not in ("t", "event")}
            log.write(event["event"], event["t"], **fields)
    assert build_report(read_log(path)) == build_report(full_session().events)


# Showing.


@pytest.mark.parametrize(
    ("seconds", "clock", "difference"),
    [
        (0, "0:00", "0:00"),
        (0.4, "0:00", "0:00"),
        (-0.4, "0:00", "0:00"),
        (5, "0:05", "+0:05"),
        (90, "1:30", "+1:30"),
        (300, "5:00", "+5:00"),
        (3599.6, "1:00:00", "+1:00:00"),
        (3900, "1:05:00", "+1:05:00"),
        (-45, "-0:45", "-0:45"),
        (-600, "-10:00", "-10:00"),
    ],
)
def test_times_are_shown_as_clock_readings(seconds: float, clock: str, difference: str) -> None:
    assert format_clock(seconds) == clock
    assert format_difference(seconds) == difference


def test_text_table_has_aligned_columns() -> None:
    text = render_text(build_report(full_session().events))
    lines = text.splitlines()
    rules = [i for i, line in enumerate(lines) if line.startswith("---")]
    assert len(rules) == 2
    rule = lines[rules[0]]
    spans = []
    start = 0
    for dashes in rule.split("  "):
        spans.append((start, start + len(dashes)))
        start += len(dashes) + 2
    header = lines[rules[0] - 1]
    table = [header, *lines[rules[0] + 1 : rules[1]], lines[rules[1] + 1]]
    assert len(table) == 1 + 4 + 1
    for column in (0, 1, 2):  # text: left-aligned
        assert {line[spans[column][0]] != " " for line in table[:-1]} == {True}
    for column in (3, 4, 5):  # times: right-aligned
        end = spans[column][1]
        assert all(line[end - 1] != " " for line in table)
    assert "6:30" in table[1] and "+1:30" in table[1]
    assert "+2 min" in table[2]
    assert table[-1].startswith("Totaal")
    assert "35:00" in table[-1] and "-12:00" in table[-1]


def test_text_report_words_come_from_the_pack() -> None:
    text = render_text(build_report(full_session().events))
    assert text.startswith("Tijdoverzicht: Roddelmethode\n")
    for words in ("Gepland", "Werkelijk", "Verschil", "afsluiting", "Pauzes: 1, samen 2:00",
                  "voor het einde gestopt", "niet aan bod kwamen: 1", "Wie sprak",
                  "Vragenronde: Bram (gepast: 1 keer)"):
        assert words in text
    set_language("en")
    text = render_text(build_report(full_session().events))
    for words in ("Time report: Roddelmethode", "Planned", "Actual", "closing",
                  "stopped before the end", "Who spoke"):
        assert words in text


def test_the_summary_tells_about_resumes_rehearsals_and_earlier_sessions() -> None:
    s = Session(speed=10.0).start().step("welkom", 0).end(10)
    s.start().step("welkom", 0).end(10, "interrupted")
    s.start().step("welkom", 0)
    text = render_text(build_report(s.events))
    assert "Eerdere sessies in dit logboek: 1" in text
    assert "hervat: 1 keer" in text
    assert "oefenrun op 10×" in text
    assert "houdt op zonder dat de sessie is afgesloten" in text


def test_markdown_has_a_table_and_a_summary() -> None:
    s = full_session()
    s.events[0]["title"] = "Roddel | variant"
    md = render_markdown(build_report(s.events))
    lines = md.splitlines()
    assert lines[0] == "# Tijdoverzicht: Roddel \\| variant"
    table = [line for line in lines if line.startswith("|")]
    assert table[0] == (
        "| Stap | Titel | Deel | Gepland | Werkelijk | Verschil | Verlengd | Beurten |"
    )
    assert table[1] == "| --- | --- | --- | ---: | ---: | ---: | ---: | ---: |"
    assert table[2] == "| `welkom` | Welkom | opening | 5:00 | 6:30 | +1:30 |  |  |"
    assert table[-1].startswith("| **Totaal** |")
    assert len(table) == 2 + 4 + 1
    assert "## Samenvatting" in lines
    assert "- Gepland 35:00, werkelijk 23:00 (-12:00)." in lines
    assert "- Vragenronde: Bram (gepast: 1 keer)" in lines


def test_markdown_escapes_table_separators_in_titles() -> None:
    s = Session().start()
    s.add("step_started", 0, step="x", title="Wie | wat", planned_s=60.0, part="method", text="")
    md = render_markdown(build_report(s.end(60).events))
    assert "| `x` | Wie \\| wat |" in md


def test_write_markdown(tmp_path: Path) -> None:
    report = build_report(full_session().events)
    path = write_markdown(report, tmp_path / "verslag.md")
    assert path.read_text(encoding="utf-8") == f"{MARKER}\n{render_markdown(report)}"
    write_markdown(report, path)  # its own report it replaces
    assert path.read_text(encoding="utf-8") == f"{MARKER}\n{render_markdown(report)}"


@pytest.mark.parametrize("name", ["meeting.md", "x.jsonl"])
def test_the_report_never_writes_over_its_log(tmp_path: Path, name: str) -> None:
    log = tmp_path / name
    with SessionLog(log) as writer:
        writer.write("session_started", 0.0, method="m", title="M")
        writer.write("session_ended", 5.0, reason="completed", actual_s=5.0)
    before = log.read_bytes()
    tries = [["report", str(log), "--markdown", str(log)]]
    if name.endswith(".md"):
        tries.append(["report", str(log)])  # the default Markdown file is the log itself
    for args in tries:
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 1 and "--markdown" in result.stderr
        assert log.read_bytes() == before


def test_the_report_never_writes_over_a_file_that_is_not_a_report(tmp_path: Path) -> None:
    notes = tmp_path / "notities.md"
    notes.write_text("Mijn eigen aantekeningen\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="geen tijdoverzicht"):
        write_markdown(build_report(full_session().events), notes)
    assert notes.read_text(encoding="utf-8") == "Mijn eigen aantekeningen\n"


def test_write_markdown_to_a_place_that_cannot_be_written(tmp_path: Path) -> None:
    report = build_report(full_session().events)
    with pytest.raises(ConfigError, match=r"kan niet naar .* worden geschreven"):
        write_markdown(report, tmp_path / "bestaat-niet" / "verslag.md")


# With the real engine: what it logs can be written, read back and reported.


def test_an_engine_session_is_logged_and_reported(tmp_path: Path) -> None:
    from enginetools import Driver, method, step

    from facilitator.meeting.commands import CommandKind
    from facilitator.method.definition import TurnRound

    d = Driver(method(step("intro", 5), step("ronde", 8, turns=TurnRound()), step("slot", 5)))
    d.tick(1000 + 120)
    d.say(CommandKind.PAUSE)
    d.tick(1000 + 420)
    d.say(CommandKind.RESUME)
    d.say(CommandKind.EXTEND, 2)
    d.tick(1000 + 600)
    d.say(CommandKind.NEXT_STEP)
    d.after(30)
    d.say(CommandKind.NEXT_SPEAKER)
    d.after(20)
    d.say(CommandKind.PREVIOUS_STEP)
    d.run_to_end()

    path = tmp_path / "sessie.jsonl"
    with SessionLog(path) as log:
        for effect in d.logs():
            log.write(effect.event, effect.t, **effect.fields)
    report = build_report(read_log(path))

    logged: dict[str, float] = {}
    for ended in d.logs("step_ended"):
        key = str(ended.fields["step"])
        logged[key] = logged.get(key, 0.0) + float(str(ended.fields["actual_s"]))
    assert {r.step: r.actual_s for r in report.rows} == pytest.approx(logged)
    intro = row(report, "intro")
    assert (intro.runs, intro.extended_min) == (2, 2)
    assert row(report, "ronde").turns >= 2
    assert (report.pauses, report.pauses_s, report.ended) == (1, 300.0, "completed")
    assert "Totaal" in render_text(report)


def test_grace_periods_are_not_running_late() -> None:
    """A demo in which nobody overran: each step moves on by itself after its grace
    period. The report says the meeting ran as planned, not "+1:00"."""
    from enginetools import Driver, method, step

    from facilitator.meeting.engine import SessionSettings
    from facilitator.meeting.sessionlog import make_record

    steps = [step(f"s{i}", 10) for i in range(6)]
    d = Driver(method(*steps), settings=SessionSettings(grace_s=10.0))
    d.run_to_end()
    records = [make_record(e.event, e.t, **e.fields) for e in d.logs()]
    report = build_report(records)
    assert report.planned_s == report.actual_s == 3600.0
    assert report.elapsed_s == 3600.0 + 6 * 10.0  # the clock time, grace included
    assert "Gepland 1:00:00, werkelijk 1:00:00 (0:00)." in render_text(report)
    assert all(row.difference_s == 0 for row in report.rows)


def test_a_step_that_ran_over_until_the_chair_moved_on_still_counts_in_full() -> None:
    from enginetools import Driver, method, step

    from facilitator.meeting.commands import CommandKind
    from facilitator.meeting.engine import SessionSettings
    from facilitator.meeting.sessionlog import make_record

    d = Driver(method(step("a", 10, on_time_up="wait"), step("b", 5)),
               settings=SessionSettings(grace_s=10.0))  # fmt: skip
    d.tick(d.clock.now() + 12 * 60)
    d.say(CommandKind.NEXT_STEP)
    d.run_to_end()
    report = build_report([make_record(e.event, e.t, **e.fields) for e in d.logs()])
    assert [row.difference_s for row in report.rows] == [120.0, 0.0]
