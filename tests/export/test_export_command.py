"""``facilitator methods export``: what it writes, and what it refuses."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from facilitator.cli.app import main
from facilitator.export.page import GENERATOR


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_it_writes_the_page_and_says_where(here: Path) -> None:
    result = CliRunner().invoke(main, ["methods", "export", "vijf-stappen", "--html"])
    assert result.exit_code == 0, result.output
    page = here / "vijf-stappen.html"
    assert GENERATOR in page.read_text(encoding="utf-8")
    assert "vijf-stappen.html" in result.output
    assert "kB" in result.output


def test_one_step_gets_a_name_of_its_own(here: Path) -> None:
    result = CliRunner().invoke(
        main, ["methods", "export", "vijf-stappen", "--html", "--step", "advisering"]
    )
    assert result.exit_code == 0, result.output
    assert (here / "vijf-stappen-advisering.html").is_file()


def test_without_html_it_says_what_to_add(here: Path) -> None:
    result = CliRunner().invoke(main, ["methods", "export", "vijf-stappen"])
    assert result.exit_code == 2
    assert "--html" in result.output
    assert list(here.iterdir()) == []


def test_an_unknown_step_is_a_clear_error(here: Path) -> None:
    result = CliRunner().invoke(
        main, ["methods", "export", "vijf-stappen", "--html", "--step", "nergens"]
    )
    assert result.exit_code == 1
    assert "nergens" in result.output and "vraagintroductie" in result.output
    assert "Traceback" not in result.output
    assert list(here.iterdir()) == []


def test_it_never_writes_over_a_file_it_did_not_make(here: Path) -> None:
    notes = here / "notities.html"
    notes.write_text("<p>Mijn aantekeningen</p>", encoding="utf-8")
    result = CliRunner().invoke(
        main, ["methods", "export", "vijf-stappen", "--html", "-o", str(notes)]
    )
    assert result.exit_code == 1
    assert str(notes) in result.output
    assert notes.read_text(encoding="utf-8") == "<p>Mijn aantekeningen</p>"


def test_it_writes_over_its_own_earlier_page(here: Path) -> None:
    target = here / "vijf.html"
    for language in ("nl", "en"):
        result = CliRunner().invoke(
            main,
            ["methods", "export", "vijf-stappen", "--html", "-o", str(target),
             "--language", language],
        )
        assert result.exit_code == 0, result.output
    assert '<html lang="en">' in target.read_text(encoding="utf-8")


def test_a_folder_that_is_not_there_is_a_clear_error(here: Path) -> None:
    result = CliRunner().invoke(
        main, ["methods", "export", "vijf-stappen", "--html", "-o", str(here / "nee" / "x.html")]
    )
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert "-o" in result.output
