"""Any log, however damaged or hostile, gives a report or one clear LogError: never a
traceback, and never a control character on the terminal or in the Markdown."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from facilitator.cli.app import main
from facilitator.errors import LogError
from facilitator.meeting.report import build_report, render_markdown, render_text
from facilitator.meeting.sessionlog import EVENT_FIELDS, iter_log

FUZZ = settings(
    max_examples=300,
    deadline=None,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.function_scoped_fixture,
    ],
)

HOSTILE = st.sampled_from(["\x1b]0;pwned\x07", "\x1b[2J", "\x1b[?1049h", "\x9b31m", "\r", "\n"])
TEXT = st.text(max_size=12) | HOSTILE | st.just("\ud800")
VALUE = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**80), max_value=2**80)
    | st.floats(allow_nan=False)
    | TEXT,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(TEXT, inner, max_size=4),
    max_leaves=12,
)


@st.composite
def event_line(draw: st.DrawFn) -> bytes:
    name = draw(st.sampled_from(sorted(EVENT_FIELDS)) | TEXT)
    fields = EVENT_FIELDS.get(name, ("step",))
    event: dict[str, Any] = {"t": draw(st.floats(0, 10_000) | VALUE), "event": name}
    for field in draw(st.lists(st.sampled_from(fields), max_size=len(fields))):
        event[field] = draw(VALUE)
    return json.dumps(event, ensure_ascii=draw(st.booleans())).encode("utf-8", "surrogatepass")


LINE = event_line() | st.binary(max_size=40) | st.just(b"[" * 5000) | st.just(b"9" * 5000)
LOG = st.lists(LINE, max_size=25).map(lambda lines: b"\n".join(lines) + b"\n")
# Any control character but the line end (and the tab, which is shown as a space).
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")


def report_on(path: Path) -> tuple[str, str] | None:
    try:
        result = build_report(iter_log(path))
    except LogError as error:
        assert str(path) in str(error)
        assert not CONTROL.search(str(error))
        return None
    return render_text(result), render_markdown(result)


@FUZZ
@given(LOG)
def test_any_log_gives_a_report_or_a_clear_error(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "s.jsonl"
    path.write_bytes(content)
    shown = report_on(path)
    if shown is not None:
        text, markdown = shown
        assert not CONTROL.search(text), ascii(text)
        assert "\x1b" not in markdown


def test_an_osc_sequence_in_a_log_never_reaches_the_terminal(tmp_path: Path) -> None:
    log = tmp_path / "s.jsonl"
    hostile = "\x1b]0;pwned\x07\x1b[2J"
    started = {"t": 0, "event": "session_started", "method": "m", "title": hostile,
               "steps": [{"id": hostile, "title": hostile, "planned_s": 60}],
               "participants": [hostile]}  # fmt: skip
    lines = [started, {"t": 1, "event": "step_started", "step": hostile, "title": hostile},
             {"t": 2, "event": "turn_started", "step": hostile, "participant": hostile},
             {"t": 30, "event": "session_ended", "reason": "completed"}]  # fmt: skip
    log.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    result = CliRunner().invoke(main, ["report", str(log)])
    assert result.exit_code == 0, result.output
    assert "\x1b" not in result.output and "\x07" not in result.output
    assert "␛]0;pwned␇" in result.stdout  # shown, visibly, for what it is
    assert "\x1b" not in log.with_suffix(".md").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "line",
    [b'{"t": ' + b"9" * 5000 + b', "event": "paused"}', b"[" * 100_000, b"\xff\xfe", b"x" * 70_000],
    ids=["huge-number", "deep", "not-utf8", "too-long"],
)
def test_a_hostile_line_is_a_clear_error_with_its_line(tmp_path: Path, line: bytes) -> None:
    log = tmp_path / "s.jsonl"
    log.write_bytes(b'{"t": 0, "event": "paused"}\n' + line + b"\n")
    result = CliRunner().invoke(main, ["report", str(log)])
    assert result.exit_code == 1
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert f"{log}:2" in result.stderr, result.stderr
