"""The groups folder: files made, changed under the lock, forgotten; two commands at once."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from grouptools import START, a_group, renamed

from facilitator.errors import GroupError
from facilitator.group.changes import add_action
from facilitator.group.lock import locked
from facilitator.group.store import LOCK_NAME, GroupStore, groups_dir
from facilitator.lang import set_language


@pytest.fixture(autouse=True)
def dutch() -> None:
    set_language("nl")


def test_groups_live_in_the_data_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FACILITATOR_DATA_DIR", str(tmp_path))
    assert groups_dir() == tmp_path / "groups"
    GroupStore().create(a_group())
    assert (tmp_path / "groups" / "wijkteam.yaml").is_file()


def test_create_find_update_and_forget(tmp_path: Path) -> None:
    store = GroupStore(tmp_path)
    assert store.names() == [] and store.only_group() is None
    store.create(a_group())
    assert store.only_group() == "wijkteam"
    assert store.load("WIJKTEAM").current_members == a_group().current_members
    with pytest.raises(GroupError, match="Er is al een groep wijkteam"):
        store.create(renamed(a_group(), "Wijkteam"))
    changed = store.update("wijkteam", lambda g: add_action(g, "Bram", "Bellen", START)[0])
    assert store.load("wijkteam") == changed
    store.create(renamed(a_group(), "buurtteam"))
    assert store.names() == ["buurtteam", "wijkteam"] and store.only_group() is None
    assert store.forget("wijkteam") == tmp_path / "wijkteam.yaml"
    assert store.names() == ["buurtteam"]
    with pytest.raises(GroupError, match=r"wijkteam\. Groepen in deze ruimte: buurtteam"):
        store.load("wijkteam")
    assert sorted(p.name for p in tmp_path.iterdir()) == [LOCK_NAME, "buurtteam.yaml"]
    (tmp_path / "kopie van buurtteam.yaml").write_text("naam: x\n", encoding="utf-8")
    assert store.names() == ["buurtteam"]  # a file no group can be called is no group


def test_a_change_that_fails_leaves_the_file_as_it_was(tmp_path: Path) -> None:
    store = GroupStore(tmp_path)
    store.create(a_group())
    before = (tmp_path / "wijkteam.yaml").read_bytes()
    with pytest.raises(GroupError, match="Zoë is geen lid"):
        store.update("wijkteam", lambda g: add_action(g, "Zoë", None, START)[0])
    assert (tmp_path / "wijkteam.yaml").read_bytes() == before
    assert not [p for p in tmp_path.iterdir() if p.suffix == ".tmp"]


@pytest.mark.parametrize("name", ["../elders", "wijk team", "", "-x", "a" * 41, "wijk/team"])
def test_a_group_name_cannot_reach_outside_the_folder(tmp_path: Path, name: str) -> None:
    with pytest.raises(GroupError, match="kan geen groepsnaam zijn"):
        GroupStore(tmp_path).path(name)


def test_a_file_broken_by_hand_is_reported_with_its_line(tmp_path: Path) -> None:
    store = GroupStore(tmp_path)
    store.create(a_group())
    path = tmp_path / "wijkteam.yaml"
    text = path.read_text(encoding="utf-8")
    assert "rollen: [voorzitter]\n" in text
    path.write_text(text.replace("rollen: [voorzitter]", "rollen: [baas]"), encoding="utf-8")
    with pytest.raises(GroupError, match=rf"^{path}:6: 'baas' is geen rol"):
        store.load("wijkteam")
    path.write_bytes(b"naam: \xff\xfe")
    with pytest.raises(GroupError, match="geen tekstbestand"):
        store.load("wijkteam")


def test_a_held_lock_makes_another_command_wait_then_say_so(tmp_path: Path) -> None:
    lock = tmp_path / LOCK_NAME
    with locked(lock):
        child = _python(
            f"""
            from pathlib import Path
            from facilitator.errors import GroupError
            from facilitator.group.lock import locked
            try:
                with locked(Path({str(lock)!r}), wait_s=0.2):
                    print("got it")
            except GroupError as error:
                print("busy:", error)
            """
        )
        assert child.stdout.startswith("busy: Een ander commando werkt net met de groepen")
    assert _python(child.args[-1]).stdout == "got it\n"  # released with the block


def test_two_commands_changing_one_group_at_once_lose_nothing(tmp_path: Path) -> None:
    """Two processes each add 25 action points at the same time: all 50 are kept."""
    store = GroupStore(tmp_path)
    store.create(a_group())
    script = f"""
        import sys
        from datetime import date
        from pathlib import Path
        from facilitator.group.changes import add_action
        from facilitator.group.store import GroupStore
        store = GroupStore(Path({str(tmp_path)!r}))
        for n in range(25):
            store.update("wijkteam", lambda g: add_action(g, sys.argv[1], str(n), date.today())[0])
        """
    children = [_start(script, person) for person in ("Anna", "Bram")]
    for child in children:
        assert child.wait(timeout=120) == 0
    actions = store.load("wijkteam").actions
    assert len(actions) == 50
    assert sorted(a.number for a in actions) == list(range(1, 51))
    for person in ("Anna", "Bram"):
        assert [a.text for a in actions if a.person == person] == [str(n) for n in range(25)]


def _python(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
        env=dict(os.environ, FACILITATOR_LANGUAGE="nl"),
    )


def _start(code: str, *args: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, "-c", textwrap.dedent(code), *args])
