"""``facilitator check`` looks at the groups too."""

from __future__ import annotations

from pathlib import Path

from grouptools import a_group, renamed

from facilitator.group.check import check_groups
from facilitator.group.store import GroupStore
from facilitator.lang import set_language
from facilitator.room.check import Status


def test_each_group_is_read_and_a_broken_file_is_a_problem_with_its_line(tmp_path: Path) -> None:
    set_language("nl")
    store = GroupStore(tmp_path)
    assert list(check_groups(store)) == []  # no groups: nothing to say
    store.create(a_group())
    store.create(renamed(a_group(), "buurtteam"))
    (tmp_path / "buurtteam.yaml").write_text("naam: buurtteam\nleden: Anna\n", encoding="utf-8")
    broken, fine = check_groups(store)
    assert broken.status is Status.PROBLEM
    assert broken.text.startswith(f"{tmp_path / 'buurtteam.yaml'}:2: leden hoort een lijst")
    assert fine.status is Status.OK
    assert fine.text == "Groep wijkteam: 6 leden; de volgende voorzitter is Anna."
