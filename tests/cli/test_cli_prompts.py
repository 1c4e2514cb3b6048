"""The questions ``facilitator run`` asks at a terminal: answered in Dutch, mistakes
said without option names, and asked again."""

from __future__ import annotations

from datetime import datetime

import pytest
from click.testing import CliRunner

from facilitator.cli.prompts import (
    ask_frames,
    ask_resume,
    ask_time,
    ask_who,
    ask_yes_no,
    choose_method,
    when_text,
)
from facilitator.lang import set_language

NOW = datetime(2026, 12, 1, 23, 40)


@pytest.fixture(autouse=True)
def dutch() -> None:
    set_language("nl")


def answered(function, text: str):  # type: ignore[no-untyped-def]
    """``function()`` with ``text`` typed in; its result, what it printed, and its errors."""
    with CliRunner().isolation(input=text) as (out, err, _):
        result = function()
    return result, out.getvalue().decode(), err.getvalue().decode()


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("j\n", True), ("ja\n", True), ("J\n", True), ("y\n", True), ("n\n", False),
     ("nee\n", False), ("\n", True)],
)  # fmt: skip
def test_the_resume_prompt_takes_dutch_answers(typed: str, expected: bool) -> None:
    result, out, _ = answered(lambda: ask_resume("vijf-stappen", "2026-12-01T23:18:11", NOW), typed)
    assert result is expected
    assert "opgeslagen vandaag om 23:18" in out and "[J/n]" in out
    assert "2026-12-01T" not in out


def test_a_yes_no_question_asks_again_after_another_answer() -> None:
    result, _, err = answered(lambda: ask_yes_no("Doorgaan?", default=False), "misschien\nja\n")
    assert result is True
    assert "Typ j (ja) of n (nee)." in err
    result, out, _ = answered(lambda: ask_yes_no("Doorgaan?", default=False), "\n")
    assert result is False and "[j/N]" in out


def test_the_saved_time_is_said_as_a_person_says_it() -> None:
    assert when_text("2026-12-01T09:05:00", NOW) == "vandaag om 09:05"
    assert when_text("2026-11-30T21:00:00", NOW) == "gisteren om 21:00"
    assert when_text("2026-10-03T19:30:59", NOW) == "op 3 oktober om 19:30"
    assert when_text("kapot", NOW) == "kapot"  # an odd file still shows something
    set_language("en")
    assert when_text("2026-12-01T09:05:00", NOW) == "today at 09:05"


def test_a_terminal_user_chooses_a_method_from_a_list() -> None:
    name, out, err = answered(choose_method, "twaalf\n99\nroddelmethode\n")
    assert name == "roddelmethode"
    assert "Welke methode gebruiken jullie vandaag?" in out
    assert "vijf-stappen" in out and "opening" not in out  # frames are not offered
    assert err.count("Typ een nummer van 1 tot") == 2
    first, out, _ = answered(choose_method, "1\n")
    assert first in out.splitlines()[1]


def test_a_typo_in_the_method_gets_did_you_mean() -> None:
    name, out, _ = answered(choose_method, "vijf-stapen\nj\n")
    assert name == "vijf-stappen"
    assert "Bedoel je vijf-stappen? [J/n]" in out
    name, _, err = answered(choose_method, "vijf-stapen\nn\n2\n")
    assert name != "vijf-stappen" or "Typ een nummer" not in err


def test_a_terminal_user_is_asked_who_takes_part_not_who_brings_the_case() -> None:
    """The inbrenger is chosen in the meeting, after the case choice; not in advance."""
    result, out, err = answered(lambda: ask_who(None), "Anna,Bram,Anna\nAnna,Bram,Carla\n")
    assert result == ("Anna,Bram,Carla", None)
    assert "'Anna' staat twee keer" in err
    assert "--" not in err  # a question is answered, no option is named
    assert "Wie brengt de casus in?" not in out
    assert answered(lambda: ask_who(None), "\n")[0] == (None, None)
    assert answered(lambda: ask_who("Anna"), "Anna,Bram\n")[0] == ("Anna,Bram", "Anna")


def test_the_opening_and_closing_are_asked() -> None:
    assert answered(ask_frames, "j\nnee\n")[0] == (True, False)
    assert answered(ask_frames, "\n\n")[0] == (False, False)


def test_the_time_there_is_a_length_or_an_end_time() -> None:
    assert answered(lambda: ask_time(3600, lambda: NOW), "\n")[0] is None
    assert answered(lambda: ask_time(3600, lambda: NOW), "45min\n")[0] == 45 * 60
    late = datetime(2026, 12, 1, 19, 40)
    seconds, out, err = answered(lambda: ask_time(3600, lambda: late), "tot 19:00\ntot 20:30\n")
    assert seconds == 50 * 60
    assert "60 min" in out  # the method's own time is the default
    assert "Typ een duur" in err and "--" not in err


@pytest.mark.slow
def test_the_whole_meeting_is_put_together_at_a_real_terminal() -> None:
    from ptyscreen import Terminal

    term = Terminal(["run", "--text"])
    try:
        term.wait_for("Nummer:")
        term.type(b"vijf-stapen\r")
        term.wait_for("Bedoel je vijf-stappen? [J/n]")
        term.type(b"j\r")
        term.wait_for("Wie doen er mee?")
        term.type(b"Anna,Bram,Carla,Daan,Eva\r")  # the inbrenger is chosen in the meeting
        term.wait_for("Beginnen met de opening")
        term.type(b"nee\r")
        term.wait_for("Afsluiten met een evaluatie?")
        term.type(b"ja\r")
        term.wait_for("Hoeveel tijd hebben jullie?")
        term.type(b"5min\r")  # too short for the method: said, and asked again
        term.wait_for(lambda s: "past niet in" in s and s.count("Hoeveel tijd") == 2)
        term.type(b"45min\r")
        screen = term.wait_for(lambda s: "Stap 1/" in s and "[q] sessie stoppen" in s)
        assert "ingekort" in term.output.decode(errors="replace")
        # vijf-stappen has its own evaluation: the closing adds no second one
        assert "Stap 1/5" in screen
        term.type(b"qj")
        assert term.finish() == 0
    finally:
        term.close()
