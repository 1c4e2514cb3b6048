from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from facilitator.errors import LogError
from facilitator.lang import set_language
from facilitator.meeting.commands import CommandKind
from facilitator.meeting.sessionlog import EVENT_FIELDS, NullLog, SessionLog, make_record, read_log


@pytest.fixture(autouse=True)
def dutch() -> Iterator[None]:
    set_language("nl")
    yield
    set_language("nl")


def lines_of(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


def test_writes_one_object_per_line_with_t_event_step_first(tmp_path: Path) -> None:
    path = tmp_path / "sessie.jsonl"
    with SessionLog(path) as log:
        log.write("step_started", 1.23456, text="Welkom.", part="opening", step="welkom",
                  planned_s=120, title="Welkom")
        log.write("command", 5, source="voice", command=CommandKind.NEXT_STEP, step="welkom")
    first, second = lines_of(path)
    assert list(json.loads(first)) == ["t", "event", "step", "title", "planned_s", "part", "text"]
    assert json.loads(first)["t"] == 1.235
    assert json.loads(second) == {
        "t": 5.0, "event": "command", "step": "welkom", "command": "next_step", "source": "voice",
    }


def test_each_line_is_on_disk_before_the_log_is_closed(tmp_path: Path) -> None:
    path = tmp_path / "sessie.jsonl"
    log = SessionLog(path)
    log.write("paused", 3.0, step="a")
    assert [json.loads(line)["event"] for line in lines_of(path)] == ["paused"]
    log.write("resumed", 4.0, step="a")
    assert len(lines_of(path)) == 2
    log.close()


def test_a_resumed_session_appends_to_the_same_log(tmp_path: Path) -> None:
    path = tmp_path / "sessie.jsonl"
    with SessionLog(path) as log:
        log.write("session_ended", 10.0, reason="interrupted", actual_s=10.0)
    with SessionLog(path) as log:
        log.write("session_started", 0.0, method="roddel", title="Roddelmethode")
    assert [e["event"] for e in read_log(path)] == ["session_ended", "session_started"]


def test_resuming_cuts_back_what_was_logged_after_the_saved_state(tmp_path: Path) -> None:
    path = tmp_path / "s.jsonl"
    with SessionLog(path) as log:
        log.write("paused", 1.0)
        saved_size = log.size
        log.write("resumed", 2.0)  # logged, but the state was not saved after it
    assert path.stat().st_size > saved_size
    with SessionLog(path, keep_bytes=saved_size) as log:
        assert log.size == saved_size
        log.write("resumed", 2.5)
    assert [(e["event"], e["t"]) for e in read_log(path)] == [("paused", 1.0), ("resumed", 2.5)]


@pytest.mark.parametrize("keep", [5, 10_000, -1])
def test_a_size_that_is_not_a_line_end_of_this_log_changes_nothing(
    tmp_path: Path, keep: int
) -> None:
    path = tmp_path / "s.jsonl"
    with SessionLog(path) as log:
        log.write("paused", 1.0)
        log.write("resumed", 2.0)
    before = path.read_bytes()
    SessionLog(path, keep_bytes=keep).close()
    assert path.read_bytes() == before


def test_a_half_written_last_line_is_dropped_before_appending(tmp_path: Path) -> None:
    path = tmp_path / "sessie.jsonl"
    with SessionLog(path) as log:
        log.write("paused", 1.0, step="a")
    with path.open("a", encoding="utf-8") as file:
        file.write('{"t": 2.0, "event": "res')  # the crash
    assert [e["event"] for e in read_log(path)] == ["paused"]
    with SessionLog(path) as log:
        log.write("resumed", 3.0, step="a")
    assert [e["event"] for e in read_log(path)] == ["paused", "resumed"]


def test_the_folder_is_made_when_missing(tmp_path: Path) -> None:
    path = tmp_path / "logs" / "2026" / "sessie.jsonl"
    with SessionLog(path) as log:
        log.write("said", 1.0, step="a", text="Nog twee minuten.")
    assert read_log(path)[0]["text"] == "Nog twee minuten."


def test_dutch_text_is_written_as_is(tmp_path: Path) -> None:
    path = tmp_path / "sessie.jsonl"
    with SessionLog(path) as log:
        log.write("said", 1.0, step="a", text="Een vraag over het ‘waarom’ van de inbrenger…")
    assert "‘waarom’" in path.read_text(encoding="utf-8")


def test_session_started_keeps_the_planned_steps(tmp_path: Path) -> None:
    path = tmp_path / "sessie.jsonl"
    steps = [{"id": "a", "title": "Stap A", "planned_s": 60.0, "part": "method"}]
    with SessionLog(path) as log:
        log.write("session_started", 0.0, method="m", title="M", planned_s=60.0, steps=steps,
                  participants=["Anna", "Bram"], case_owner=None, speed=1.0)
    event = read_log(path)[0]
    assert event["steps"] == steps
    assert event["participants"] == ["Anna", "Bram"]
    assert event["case_owner"] is None


def test_cannot_write_gives_a_log_error(tmp_path: Path) -> None:
    (tmp_path / "bestand").write_text("", encoding="utf-8")
    with pytest.raises(LogError, match="kan niet worden geschreven"):
        SessionLog(tmp_path / "bestand" / "sessie.jsonl")


# Privacy: the writer refuses anything it does not know.


@pytest.mark.parametrize("log_kind", ["file", "null"])
@pytest.mark.parametrize(
    ("event", "fields"),
    [
        ("said", {"step": "a", "transcript": "wat iemand zei"}),
        ("command", {"step": "a", "command": "next_step", "source": "voice", "heard": "volgende"}),
        ("turn_ended", {"step": "a", "participant": "Anna", "reason": "time", "audio": [0, 1]}),
        ("session_started", {"notes": "vertrouwelijk"}),
    ],
)
def test_unknown_fields_are_refused(
    tmp_path: Path, log_kind: str, event: str, fields: dict[str, object]
) -> None:
    path = tmp_path / "sessie.jsonl"
    log = SessionLog(path) if log_kind == "file" else NullLog()
    with log, pytest.raises(ValueError, match="does not log"):
        log.write(event, 1.0, **fields)
    assert not path.exists() or path.read_text(encoding="utf-8") == ""


@pytest.mark.parametrize("event", ["transcript", "recording", "heard", ""])
def test_unknown_events_are_refused(tmp_path: Path, event: str) -> None:
    path = tmp_path / "sessie.jsonl"
    with SessionLog(path) as log, pytest.raises(ValueError, match="unknown log event"):
        log.write(event, 1.0)
    assert path.read_text(encoding="utf-8") == ""


@pytest.mark.parametrize(
    "value", [b"\x00\x01audio", bytearray(4), memoryview(b"ab"), {"text": "x"}, object()]
)
def test_values_that_could_hide_audio_are_refused(value: object) -> None:
    with pytest.raises(ValueError, match="cannot hold"):
        NullLog().write("said", 1.0, step="a", text=value)


def test_a_planned_step_cannot_carry_extra_fields() -> None:
    with pytest.raises(ValueError, match="does not log"):
        make_record("session_started", 0.0, steps=[{"id": "a", "instruction": "..."}])


@pytest.mark.parametrize(
    ("event", "fields"),
    [
        ("command", {"step": "a", "command": "say anything", "source": "voice"}),
        ("command", {"step": "a", "command": "next_step", "source": "microphone"}),
        ("step_started", {"step": "a", "part": "middle"}),
        ("turn_ended", {"step": "a", "participant": "Anna", "reason": "bored"}),
        ("step_ended", {"step": "a", "reason": "skip"}),
        ("session_ended", {"reason": "crashed"}),
        ("paused", {"step": 3}),
    ],
)
def test_values_outside_their_choices_are_refused(event: str, fields: dict[str, object]) -> None:
    with pytest.raises(ValueError):
        make_record(event, 1.0, **fields)


@pytest.mark.parametrize("stamp", [float("nan"), float("inf"), "3", True, None])
def test_time_must_be_a_finite_number(stamp: object) -> None:
    with pytest.raises(ValueError):
        make_record("paused", stamp, step="a")  # type: ignore[arg-type]


def test_every_documented_event_can_be_written(tmp_path: Path) -> None:
    path = tmp_path / "sessie.jsonl"
    with SessionLog(path) as log:
        for event in EVENT_FIELDS:
            log.write(event, 1.0)
    assert [e["event"] for e in read_log(path)] == list(EVENT_FIELDS)


def test_every_event_but_session_started_can_name_its_step() -> None:
    for event in EVENT_FIELDS:
        if event != "session_started":
            assert list(make_record(event, 1.0, step="a")) == ["t", "event", "step"]
    with pytest.raises(ValueError, match="does not log"):
        make_record("session_started", 0.0, step="a")


def test_null_log_returns_the_record_and_writes_nothing(tmp_path: Path) -> None:
    with NullLog() as log:
        record = log.write("time_up", 2.5, step="a", text="De tijd is om.")
    assert record == {"t": 2.5, "event": "time_up", "step": "a", "text": "De tijd is om."}


def test_writing_after_close_is_a_programming_error(tmp_path: Path) -> None:
    log = SessionLog(tmp_path / "sessie.jsonl")
    log.close()
    with pytest.raises(ValueError, match="closed"):
        log.write("paused", 1.0, step="a")


# Reading.


def write_text(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "sessie.jsonl"
    path.write_text(text, encoding="utf-8")
    return path


def test_read_skips_blank_lines(tmp_path: Path) -> None:
    path = write_text(tmp_path, '{"t": 0, "event": "a"}\n\n  \n{"t": 1.5, "event": "b"}\n')
    assert [e["event"] for e in read_log(path)] == ["a", "b"]


def test_read_names_the_line_that_is_not_json(tmp_path: Path) -> None:
    path = write_text(tmp_path, '{"t": 0, "event": "a"}\nniet json\n{"t": 1, "event": "b"}\n')
    with pytest.raises(LogError, match=rf"^{re.escape(str(path))}:2: .*geen geldige JSON"):
        read_log(path)


def test_read_names_a_missing_field(tmp_path: Path) -> None:
    path = write_text(tmp_path, '{"t": 0, "event": "a"}\n{"event": "b"}\n')
    with pytest.raises(LogError, match=rf"^{re.escape(str(path))}:2: .*'t' ontbreekt"):
        read_log(path)
    path = write_text(tmp_path, '{"t": 0}\n')
    with pytest.raises(LogError, match=rf"^{re.escape(str(path))}:1: .*'event' ontbreekt"):
        read_log(path)


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("[1, 2]", "één JSON-object"),
        ('{"t": "nu", "event": "a"}', "aantal seconden"),
        ('{"t": true, "event": "a"}', "aantal seconden"),
        ('{"t": NaN, "event": "a"}', "aantal seconden"),
        ('{"t": Infinity, "event": "a"}', "aantal seconden"),
        ('{"t": 1, "event": 7}', "naam van een gebeurtenis"),
    ],
)
def test_read_refuses_lines_of_the_wrong_shape(tmp_path: Path, line: str, message: str) -> None:
    path = write_text(tmp_path, line + "\n")
    with pytest.raises(LogError, match=rf"^{re.escape(str(path))}:1: .*{message}"):
        read_log(path)


def test_read_refuses_bytes_that_are_not_text(tmp_path: Path) -> None:
    path = tmp_path / "sessie.jsonl"
    path.write_bytes(b'{"t": 0, "event": "a"}\n\xff\xfe\x00\n')
    with pytest.raises(LogError, match=rf"^{re.escape(str(path))}:2: .*UTF-8"):
        read_log(path)


@pytest.mark.parametrize("text", ["", "\n\n", "   \n"])
def test_read_refuses_an_empty_log(tmp_path: Path, text: str) -> None:
    path = write_text(tmp_path, text)
    with pytest.raises(LogError, match="geen gebeurtenissen"):
        read_log(path)


def test_read_refuses_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(LogError, match="kan niet worden gelezen"):
        read_log(tmp_path / "er-niet.jsonl")


def test_read_refuses_a_folder(tmp_path: Path) -> None:
    with pytest.raises(LogError, match="kan niet worden gelezen"):
        read_log(tmp_path)


def test_read_messages_come_from_the_chosen_language(tmp_path: Path) -> None:
    set_language("en")
    path = write_text(tmp_path, "nope\n{}\n")
    with pytest.raises(LogError, match=rf"^{re.escape(str(path))}:1: this line is not valid JSON"):
        read_log(path)
