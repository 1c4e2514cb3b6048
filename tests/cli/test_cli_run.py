"""``facilitator run``: everything given is checked before anything else is said."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from statetools import snapshot_of

from facilitator.cli.app import main
from facilitator.lang import get_pack
from facilitator.meeting.recovery import StateStore
from facilitator.method import library


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def saved() -> StateStore:
    store = StateStore()
    steps = [step.id for step in library.resolve("roddelmethode").steps]
    store.save({"method": "roddelmethode", "participants": "Anna,Bram"}, snapshot_of(steps))
    return store


@pytest.mark.parametrize(
    "bad",
    [
        ["--speed", "0"],
        ["-p", "Anna,Bram", "-i", "Zoë"],
        ["--total", "5min"],
        ["--until", "half negen"],
        ["--repeat", "3"],
    ],
)
def test_bad_options_fail_before_the_saved_session_is_mentioned(
    saved: StateStore, bad: list[str]
) -> None:
    code, _, err = invoke("run", "vijf-stappen", "--text", *bad)
    assert code == 1
    assert "onderbroken sessie" not in err and "in de plaats" not in err
    assert saved.load() is not None  # still there to resume


def test_good_options_say_that_the_new_session_replaces_the_saved_one(saved: StateStore) -> None:
    code, _, err = invoke("run", "vijf-stappen", "--text", "--speed", "3600", "-n", "5")
    assert code == 0, err
    assert "deze nieuwe sessie komt ervoor in de plaats" in err


def test_the_case_owner_is_trimmed_like_the_names() -> None:
    code, out, err = invoke(
        "run", "vijf-stappen", "--text", "--speed", "3600", "-p", "Anna, Bram,Carla", "-i", " bram"
    )
    assert code == 0, err
    said = [v.format(name="Bram") for v in get_pack("nl").variants("session.case_owner")]
    assert any(sentence in out for sentence in said)


def test_one_participant_who_brings_the_case_has_nobody_to_advise() -> None:
    code, _, err = invoke("run", "vijf-stappen", "--text", "-p", "Anna", "-i", "Anna")
    assert code == 1
    assert "Met alleen Anna is er niemand om mee te denken" in err


def test_a_method_name_with_its_suffix_is_still_the_method(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # no file of that name here
    code, out, err = invoke("run", "vijf-stappen.yaml", "--text", "--speed", "3600", "-n", "5")
    assert code == 0, err
    assert "Vijf stappen" in out
    code, _, err = invoke("run", "geen-methode.yaml", "--text")
    assert code == 1 and "bestaat niet" in err


def test_methods_show_gives_the_step_ids_that_rehearse_step_needs() -> None:
    code, out, _ = invoke("methods", "show", "vijf-stappen")
    assert code == 0
    assert " 1. De vraag  (5 min)  [id: vraagintroductie]" in out
    code, _, err = invoke("rehearse", "vijf-stappen", "--step", "vraagintroductie", "--text",
                          "--speed", "3600", "--advance")  # fmt: skip
    assert code == 0, err


def test_the_demo_leaves_no_untracked_file_behind() -> None:
    root = Path(__file__).resolve().parents[2]
    if not (root / ".git").exists():
        pytest.skip("not a git checkout")
    demo = (root / "scripts" / "demo").read_text(encoding="utf-8")
    assert "--log demo-session.jsonl" in demo
    for made in ("demo-session.jsonl", "demo-session.md"):
        ignored = subprocess.run(
            ["git", "check-ignore", "-q", made], cwd=root, check=False, capture_output=True
        )
        assert ignored.returncode == 0, f"{made} is not ignored"
