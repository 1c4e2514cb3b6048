"""Method keys for spoken guidance: uitleg, herinneringen, uitnodiging and taal."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from enginetools import says

from facilitator.cli.app import main
from facilitator.errors import MethodError
from facilitator.lang import get_pack, set_language
from facilitator.meeting.sessionlog import read_log
from facilitator.method.definition import Reminder
from facilitator.method.loader import load_method, load_method_text

HERE = Path(__file__).parent.parent / "methods_guidance"


@pytest.fixture(autouse=True)
def _dutch() -> Iterator[None]:
    before = get_pack().code
    set_language("nl")
    yield
    set_language(before)


def test_reminders_invitation_and_explanation_are_read() -> None:
    method = load_method(HERE / "regels-en-aandacht.yaml")
    first, second = method.steps
    assert method.language == "nl"
    assert first.reminders == (
        Reminder(60, "Houd de vragen kort."),
        Reminder(240, "Denk eraan: alleen vragen, nog geen adviezen."),
    )
    assert first.invitation == "Wie heeft nog niets gevraagd?"
    assert first.explanation == (
        "Vraag door op wat de inbrenger zegt. "
        "Vraag naar gevoelens en naar wat er precies gebeurde."
    )
    assert second.invitation == ""  # ja: the language pack's own words
    assert second.reminders == () and second.explanation is None


def test_a_method_states_its_language() -> None:
    assert load_method(HERE / "english-frame.yaml").language == "en"


BASE = """\
titel: T
doel: D
stappen:
  - id: a
    titel: A
    duur: 5 min
    instructie: Doe iets.
"""


def error_for(extra: str, top: str = "") -> str:
    with pytest.raises(MethodError) as caught:
        load_method_text(top + BASE + extra, "m.yaml")
    return str(caught.value)


def test_a_reminder_after_the_end_of_the_step_is_refused_with_its_line() -> None:
    message = error_for("    herinneringen:\n      - na: 6 min\n        tekst: Te laat.\n")
    assert message.startswith("m.yaml:9:") and "herinneringen: na: 6 min" in message


def test_a_reminder_without_text_or_time_says_what_is_missing() -> None:
    assert "tekst ontbreekt" in error_for("    herinneringen:\n      - na: 1 min\n")
    assert "na ontbreekt" in error_for("    herinneringen:\n      - tekst: Iets.\n")


def test_reminders_must_be_a_list_of_blocks() -> None:
    assert "herinneringen moet" in error_for("    herinneringen: Denk eraan.\n")


def test_an_unknown_language_is_refused() -> None:
    message = error_for("", top="taal: fr\n")
    assert message.startswith("m.yaml:1:") and "nl, en" in message


def test_uitnodiging_nee_means_none() -> None:
    method = load_method_text(BASE + "    uitnodiging: nee\n", "m.yaml")
    assert method.steps[0].invitation is None


def run_text(path: Path, *extra: str) -> tuple[str, list[dict[str, object]], Path]:
    log = path.parent / "s.jsonl"
    result = CliRunner().invoke(
        main,
        ["run", str(path), "-p", "Anna,Bram,Carla", "-i", "Anna", "--speed", "3600",
         "--text", "--advance", "--log", str(log), *extra],
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    return result.stdout, read_log(log), log


def test_an_english_method_is_framed_in_english_in_a_dutch_room(tmp_path: Path) -> None:
    method = tmp_path / "english-frame.yaml"
    method.write_text((HERE / "english-frame.yaml").read_text(encoding="utf-8"))
    out, records, _ = run_text(method)
    welcome = out.splitlines()[0]
    assert says(welcome, "session.welcome", "en") and not says(welcome, "session.welcome")
    cues = [str(r["text"]) for r in records if r["event"] == "turn_started"]
    assert says(cues[1], "session.turn_thanks", "en")


def test_a_method_with_reminders_and_invitations_says_them_in_a_session(tmp_path: Path) -> None:
    method = tmp_path / "regels.yaml"
    method.write_text((HERE / "regels-en-aandacht.yaml").read_text(encoding="utf-8"))
    _, records, _ = run_text(method)
    said = [(r["t"], r["step"], r["text"]) for r in records if r["event"] == "said"]
    assert (60.0, "vragen", "Houd de vragen kort.") in said
    assert (240.0, "vragen", "Denk eraan: alleen vragen, nog geen adviezen.") in said
    assert (300.0, "vragen", "Wie heeft nog niets gevraagd?") in said
    # The open step's invitation, halfway: its start (10 min and 10 s of grace) + 2 min.
    invited = [t for t, step, text in said if step == "open" and says(str(text), "session.invite")]
    assert invited == [pytest.approx(610.0 + 120.0, abs=1.0)]
