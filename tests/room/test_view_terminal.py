"""The live view on a real terminal of 80×24: the keys stay visible, the closing
screen says where things are, and an interrupted meeting is resumed by answering j."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from ptyscreen import Terminal

pytestmark = pytest.mark.slow

PEOPLE = ["-p", "Anna,Bram,Carla,Daan,Eva", "-i", "Anna"]


@pytest.fixture
def terminals() -> Iterator[list[Terminal]]:
    started: list[Terminal] = []
    yield started
    for terminal in started:
        terminal.close()


def start(terminals: list[Terminal], *args: str) -> Terminal:
    terminal = Terminal(list(args))
    terminals.append(terminal)
    return terminal


def keys_visible(screen: str) -> bool:
    return "[q] sessie stoppen" in screen and "[n/→] volgende stap" in screen


def test_the_live_view_fits_80_by_24_with_the_keys_visible(
    terminals: list[Terminal], tmp_path: Path
) -> None:
    log = tmp_path / "sessie.jsonl"
    term = start(terminals, "run", "vijf-stappen", *PEOPLE, "--text", "--log", str(log))
    screen = term.wait_for(lambda s: "Stap 1/5" in s and keys_visible(s) and "Stembediening" in s)
    lines = term.lines()
    assert lines[0].startswith("╭─ Stap 1/5 · De vraag")
    assert any(line.startswith("╰") for line in lines)  # the whole panel is on screen
    assert "Stembediening" in screen and "uit: geef opdrachten met de toetsen" in screen
    assert "Geen spraakmodel" in screen or "spraakmodel" in screen  # the notice, once
    assert "..." not in screen
    term.type(b"n")
    term.type(b"n")
    term.type(b"n")  # to the advice round: turns, one after the other
    # a whole frame: on a loaded machine the screen can be read half-way through a redraw
    screen = term.wait_for(
        lambda s: "Stap 4/5" in s and "Daarna" in s and "Aan de beurt" in s and keys_visible(s)
    )
    speaker = next(line for line in term.lines() if "Aan de beurt" in line)
    following = next(line for line in term.lines() if "Daarna" in line)
    assert "Bram" in speaker + following or "Carla" in speaker + following
    term.type(b"q")
    term.wait_for("Stoppen? Druk op j")
    term.type(b"j")
    assert term.finish() == 0
    screen = term.text()
    assert "De sessie is gestopt" in screen
    assert "Gepland" in screen and "Werkelijk" in screen and "Totaal" in screen
    assert f"Logboek: {log}" in screen.replace("\n", "") or "Logboek:" in screen
    assert log.with_suffix(".md").exists()
    assert "--resume" not in screen  # a stopped meeting is not resumed


def test_an_interrupted_meeting_says_how_to_resume_and_j_resumes_it(
    terminals: list[Terminal],
) -> None:
    term = start(terminals, "run", "vijf-stappen", *PEOPLE, "--text")
    term.wait_for(lambda s: "Stap 1/5" in s and keys_visible(s))
    term.type(b"nn")
    term.wait_for("Stap 3/5")
    term.interrupt()
    term.finish()
    screen = term.text()
    assert "De sessie is onderbroken" in screen
    assert "facilitator run --resume" in screen
    again = start(terminals, "run", "--text")
    prompt = again.wait_for("[J/n]")
    assert "Er is een onderbroken sessie" in prompt and "opgeslagen vandaag om" in prompt
    again.type(b"j\r")
    screen = again.wait_for(lambda s: "Stap 3/5" in s and keys_visible(s))
    assert "Het probleem benoemen" in screen
    again.type(b"qj")
    assert again.finish() == 0
