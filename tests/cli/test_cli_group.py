"""``facilitator group`` and ``facilitator run --group``: with CliRunner, and as real processes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from facilitator.cli.app import main
from facilitator.cli.group import choose_group
from facilitator.group.store import GroupStore
from facilitator.lang import get_pack
from facilitator.meeting.sessionlog import read_log

MEMBERS = "Anna,Bram,Carla,Daan,Eva,Fleur"


@pytest.fixture(autouse=True)
def default_room_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config = tmp_path / "room.toml"
    config.write_text("", encoding="utf-8")
    monkeypatch.setenv("FACILITATOR_CONFIG", str(config))


def invoke(*args: str, input: str | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), input=input)
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


def _new(name: str = "wijkteam", *extra: str) -> None:
    code, _, err = invoke("group", "new", name, "--members", MEMBERS, *extra)
    assert code == 0, err


def test_new_list_show() -> None:
    code, out, _ = invoke("group", "list")
    assert code == 0 and "nog geen groepen" in out
    _new(series="--series", value="6") if False else _new(
        "wijkteam", "--note-taker", "--series", "6"
    )
    code, out, _ = invoke("group", "list")
    assert out.strip() == "wijkteam: 6 leden, 0 bijeenkomsten, laatste -"
    code, out, _ = invoke("group", "show", "wijkteam")
    assert code == 0
    assert "Leden: Anna, Bram, Carla, Daan, Eva, Fleur" in out
    assert "Volgende keer, als iedereen er is: voorzitter Anna, aantekeningen Bram" in out
    assert "na elke 6 bijeenkomsten; nog 6 te gaan" in out
    code, _, err = invoke("group", "new", "Wijkteam", "--members", "Anna,Bram")
    assert code == 1 and "Er is al een groep wijkteam" in err


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["new", "wijk team", "--members", "Anna"], "kan geen groepsnaam zijn"),
        (["new", "x", "--members", "Anna,,Bram"], "lege naam"),
        (["new", "x", "--members", "Anna,anna"], "anna staat twee keer"),
        (["new", "x", "--members", "Anna", "--series", "1"], "--series 1 kan niet"),
        (["show", "niemand"], "Er is geen groep niemand"),
        (["actions", "niemand", "list"], "Er is geen groep niemand"),
    ],
)
def test_mistakes_get_a_message_and_exit_1(args: list[str], needle: str) -> None:
    code, _, err = invoke("group", *args)
    assert code == 1 and needle in err and "Traceback" not in err


def test_members_join_and_leave_and_the_history_is_kept() -> None:
    _new()
    code, out, _ = invoke("group", "edit", "wijkteam", "--add", "Gert", "--remove", "eva")
    assert code == 0 and "Leden: Anna, Bram, Carla, Daan, Fleur, Gert" in out
    code, out, _ = invoke("group", "show", "wijkteam", "--json")
    members = json.loads(out)["leden"]
    assert [m["naam"] for m in members] == ["Anna", "Bram", "Carla", "Daan", "Eva", "Fleur", "Gert"]
    assert "tot" in members[4] and "tot" not in members[5]
    code, _, err = invoke("group", "edit", "wijkteam", "--remove", "Eva")
    assert code == 1 and "Eva is geen lid van wijkteam" in err
    code, _, err = invoke("group", "edit", "wijkteam")
    assert code == 2 and "--add Fleur" in err
    code, _, err = invoke(
        "group", "edit", "wijkteam", "--remove", "Anna,Bram,Carla,Daan,Fleur,Gert"
    )
    assert code == 1 and "group forget wijkteam" in err


def test_action_points_add_list_and_done() -> None:
    _new()
    assert invoke("group", "actions", "wijkteam", "add", "Bram", "Teamleider bellen")[1] == (
        "Actiepunt #1 voor Bram bewaard.\n"
    )
    assert invoke("group", "actions", "wijkteam", "add", "eva")[1] == (
        "Actiepunt #2 voor Eva bewaard.\n"
    )
    # a text given afterwards goes to Eva's point without text
    assert (
        "Tekst bij actiepunt #2 van Eva"
        in invoke("group", "actions", "wijkteam", "add", "Eva", "Verslag  lezen\n")[1]
    )
    code, out, _ = invoke("group", "actions", "wijkteam", "list")
    assert out.splitlines() == [
        f"#1 Bram ({_today()}): Teamleider bellen",
        f"#2 Eva ({_today()}): Verslag lezen",
    ]
    assert invoke("group", "actions", "wijkteam", "done", "Bram")[1].startswith("Actiepunt #1")
    assert invoke("group", "actions", "wijkteam", "done", "2")[0] == 0
    assert "geen open actiepunten" in invoke("group", "actions", "wijkteam", "list")[1]
    assert "klaar op" in invoke("group", "actions", "wijkteam", "list", "--all")[1]
    code, _, err = invoke("group", "actions", "wijkteam", "done", "7")
    assert code == 1 and "geen open actiepunt met nummer 7" in err
    code, _, err = invoke("group", "actions", "wijkteam", "add", "Zoë")
    assert code == 1 and "Zoë is geen lid" in err


def test_forget_asks_first_and_then_removes_everything(tmp_path: Path) -> None:
    _new()
    path = GroupStore().path("wijkteam")
    code, out, _ = invoke("group", "forget", "wijkteam", input="n\n")
    assert code == 0 and "Niets gewist" in out and path.exists()
    code, out, _ = invoke("group", "forget", "wijkteam", input="y\n")
    assert "Alles over wijkteam wissen: 6 namen, 0 bijeenkomsten en 0 actiepunten?" in out
    assert code == 0 and "is gewist" in out and not path.exists()
    _new()
    assert invoke("group", "forget", "wijkteam", "--yes")[0] == 0
    assert GroupStore().names() == []


def test_export_gives_the_whole_file(tmp_path: Path) -> None:
    _new()
    invoke("group", "actions", "wijkteam", "add", "Bram", "Bellen")
    target = tmp_path / "export.yaml"
    code, out, _ = invoke("group", "export", "wijkteam", "--to", str(target))
    assert code == 0 and str(target) in out
    assert target.read_text(encoding="utf-8") == GroupStore().path("wijkteam").read_text("utf-8")
    assert invoke("group", "export", "wijkteam")[1] == target.read_text(encoding="utf-8")


def test_a_group_file_broken_by_hand_is_shown_with_file_and_line() -> None:
    _new()
    path = GroupStore().path("wijkteam")
    path.write_text(path.read_text("utf-8").replace("sinds:", "sinds: [", 1), encoding="utf-8")
    code, _, err = invoke("group", "show", "wijkteam")
    assert code == 1 and err.startswith(f"{path}:") and "Traceback" not in err
    code, out, _ = invoke("group", "list")
    assert code == 0 and "het bestand klopt niet" in out and f"{path}:" in out


def test_run_with_the_group_records_the_meeting(tmp_path: Path) -> None:
    _new()
    log = tmp_path / "s.jsonl"
    code, out, err = invoke(
        "run", "roddelmethode", "--absent", "Eva", "--chair", "Daan", "-i", "Anna",
        "--speed", "3600", "--text", "--no-voice", "--log", str(log),
    )  # fmt: skip
    assert code == 0, err
    said = out + err  # the only group in the room
    assert any(v.format(name="Daan") in said for v in get_pack("nl").variants("session.chair"))
    events = read_log(log)
    assert events[0]["participants"] == ["Anna", "Bram", "Carla", "Daan", "Fleur"]
    meeting = next(e for e in events if e["event"] == "group_meeting")
    assert (meeting["chair"], meeting["absent"]) == ("Daan", ["Eva"])
    data = json.loads(invoke("group", "show", "wijkteam", "--json")[1])
    assert data["bijeenkomsten"][0]["afwezig"] == ["Eva"]
    assert data["inbrengers"] == [{"naam": "Anna", "datum": _today(), "bijeenkomst": 1}]


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["--group", "wijkteam", "-p", "Anna,Bram"], "--group of --participants"),
        (["-p", "Anna,Bram", "--absent", "Anna"], "--absent hoort bij een groep"),
        (["--absent", "Zoë"], "Zoë is geen lid van wijkteam"),
        (["--chair", "Eva", "--absent", "Eva"], "Eva is afwezig"),
        (["-i", "Zoë"], "Zoë"),
    ],
)
def test_run_with_a_group_refuses_what_does_not_fit(args: list[str], needle: str) -> None:
    _new()
    code, _, err = invoke("run", "roddelmethode", "--text", "--no-voice", *args)
    assert code in (1, 2) and needle in err and "Traceback" not in err


def test_with_two_groups_there_is_no_default_group() -> None:
    _new("wijkteam")
    _new("buurtteam")
    options = {
        "participants": None,
        "group_size": None,
        "group": None,
        "absent": None,
        "chair": None,
    }
    choose_group(options, interactive=False)
    assert options["group"] is None


def test_a_terminal_user_is_asked_whether_everyone_is_there() -> None:
    _new()
    runner = CliRunner()
    options = {
        "participants": None,
        "group_size": None,
        "group": None,
        "absent": None,
        "chair": None,
    }
    with runner.isolation(input="n\nZoë\nn\nEva,Fleur\n") as (out, err, _):
        choose_group(options, interactive=True)
    assert (
        "Is iedereen van wijkteam er? (Anna, Bram, Carla, Daan, Eva, Fleur)"
        in out.getvalue().decode()
    )
    assert "Zoë is geen lid" in err.getvalue().decode()
    assert options["group"] == "wijkteam" and options["absent"] == "Eva,Fleur"
    options["absent"] = None
    with runner.isolation(input="\n"):
        choose_group(options, interactive=True)
    assert options["absent"] is None  # Enter: everyone is there


def _today() -> str:
    from datetime import date

    return date.today().isoformat()


def _facilitator(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    exe = Path(sys.executable).with_name("facilitator")
    done = subprocess.run(
        [str(exe), *args],
        capture_output=True,
        text=True,
        timeout=180,
        env=env,
        stdin=subprocess.DEVNULL,
    )
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    return done


def test_two_real_meetings_of_a_group_in_a_row(tmp_path: Path) -> None:
    """The issue's scenario, as far as it does not need the new meeting flow."""
    env = dict(os.environ)
    _facilitator("group", "new", "wijkteam", "--members", MEMBERS, env=env)
    common = ("--opening", "--closing", "--advance", "--speed", "3000", "--text", "--no-voice")
    first, second = tmp_path / "1.jsonl", tmp_path / "2.jsonl"
    _facilitator(
        "run", "vijf-stappen", "--group", "wijkteam", "-i", "Anna", *common, "--log", str(first),
        env=env,
    )  # fmt: skip
    _facilitator(
        "group", "actions", "wijkteam", "add", "Bram", "Gesprek met teamleider plannen", env=env
    )
    _facilitator("group", "actions", "wijkteam", "add", "Eva", env=env)
    done = _facilitator(
        "run", "roddelmethode", "--group", "wijkteam", "-i", "Carla", *common, "--log", str(second),
        env=env,
    )  # fmt: skip
    shown_first = done.stdout + done.stderr
    chair = get_pack("nl").variants("session.chair")
    assert any(v.format(name="Bram") in shown_first for v in chair)
    assert "Bram en Eva hadden een actiepunt van de vorige keer." in shown_first
    assert "Bram heeft nog geen casus ingebracht." in shown_first
    events = read_log(second)
    assert events[0]["participants"] == MEMBERS.split(",")
    chairs = [
        next(e["chair"] for e in read_log(log) if e["event"] == "group_meeting")
        for log in (first, second)
    ]
    assert chairs == ["Anna", "Bram"]
    shown = json.loads(_facilitator("group", "show", "wijkteam", "--json", env=env).stdout)
    assert [(c["naam"], c["datum"]) for c in shown["inbrengers"]] == [
        ("Anna", _today()),
        ("Carla", _today()),
    ]
    assert [(a["wie"], a["tekst"]) for a in shown["actiepunten"]] == [
        ("Bram", "Gesprek met teamleider plannen"),
        ("Eva", None),
    ]


def test_a_group_file_holds_only_names_dates_roles_and_typed_text(tmp_path: Path) -> None:
    """After a whole meeting, every text in the group's file is one of those, nothing said."""
    _new("wijkteam", "--note-taker")
    typed = "Gesprek met teamleider plannen"
    invoke("group", "actions", "wijkteam", "add", "Bram", typed)
    code, _, err = invoke(
        "run", "vijf-stappen", "-i", "Anna", "--opening", "--closing", "--speed", "3600",
        "--text", "--no-voice", "--log", str(tmp_path / "s.jsonl"),
    )  # fmt: skip
    assert code == 0, err
    allowed = {*MEMBERS.split(","), _today(), "wijkteam", "vijf-stappen", typed}
    allowed |= {"voorzitter", "notulist"}

    def texts(value: object) -> list[str]:
        if isinstance(value, dict):
            return [text for item in value.values() for text in texts(item)]
        if isinstance(value, list):
            return [text for item in value for text in texts(item)]
        return [value] if isinstance(value, str) else []

    data = json.loads(invoke("group", "show", "wijkteam", "--json")[1])
    assert set(texts(data)) <= allowed
    file_text = GroupStore().path("wijkteam").read_text("utf-8")
    comments = [line for line in file_text.splitlines() if line.startswith("#")]
    assert len(comments) == 3  # the header that says what the file is
