"""The shipped methods: they load, and their steps and times are those of the sources."""

from __future__ import annotations

from pathlib import Path

import pytest

from facilitator.method.definition import Actor, Method, Phase, RepeatBlock, TurnRound
from facilitator.method.library import find_frame, resolve, shipped_paths
from facilitator.method.loader import load_method, load_method_text

EACH, ALL = Actor.EACH, Actor.ALL
OWNER, GROUP, CHAIR = Actor.CASE_OWNER, Actor.GROUP, Actor.CHAIR


def minutes(method: Method) -> list[float]:
    return [step.duration_s / 60 for step in method.steps]


def actors(method: Method) -> list[Actor]:
    return [step.actor for step in method.steps]


def turn_steps(method: Method) -> list[str]:
    return [step.id for step in method.steps if step.turns is not None]


@pytest.mark.parametrize("path", shipped_paths(), ids=lambda p: p.stem)
def test_every_shipped_file_loads_and_adds_up(path: Path) -> None:
    method = load_method(path)
    assert method.title and method.purpose
    assert method.total_s is not None, "shipped methods declare their total"
    assert method.total_s == method.planned_s
    for step in method.steps:
        # Spoken aloud: short enough to follow, and no leftovers of the YAML.
        assert 20 <= len(step.instruction) <= 400, step.id
        assert "\n" not in step.instruction
        for question in step.questions:
            assert question.endswith("?"), question


def test_there_are_eleven() -> None:
    assert len(shipped_paths()) == 11


# Times as given in "Intervisie nader toegelicht" (NBPO).
def test_alleen_maar_advies() -> None:
    method = resolve("alleen-maar-advies")
    assert minutes(method) == [5, 5, 3, 3, 3, 1]
    assert method.planned_s == 20 * 60
    assert actors(method) == [CHAIR, OWNER, EACH, EACH, EACH, OWNER]
    assert turn_steps(method) == ["adviesronde-1", "adviesronde-2", "adviesronde-3"]
    # Steps 2 to 6 may be run again for the next topic.
    assert method.repeat == RepeatBlock("presentatie", "evaluatie", 1, "volgende onderwerp")
    assert [s.id for s in method.steps][1] == "presentatie"


def test_vijf_stappen() -> None:
    method = resolve("vijf-stappen")
    assert minutes(method) == [5, 15, 15, 15, 10]
    assert method.planned_s == 60 * 60
    assert actors(method) == [OWNER, GROUP, GROUP, EACH, ALL]
    advice = method.steps[3]
    assert advice.id == "advisering"
    # A fixed time per turn leaves the case owner time to respond after the round.
    assert advice.turns == TurnRound(per_turn_s=90)


def test_roddelmethode() -> None:
    method = resolve("roddelmethode")
    assert minutes(method) == [5, 15, 15, 15, 10]
    assert method.planned_s == 60 * 60
    assert actors(method) == [OWNER, GROUP, GROUP, OWNER, ALL]
    assert [s.id for s in method.steps][2] == "roddelen"


def test_modelling() -> None:
    method = resolve("modelling")
    assert minutes(method) == [5, 5, 10, 10, 10, 5, 10]
    assert method.planned_s == 55 * 60
    assert actors(method) == [GROUP, OWNER, EACH, ALL, OWNER, OWNER, GROUP]
    assert turn_steps(method) == ["open-vragen"]
    assert len(method.steps[3].questions) == 5  # the five questions about the ideal professional


def test_reflecterend_team() -> None:
    method = resolve("reflecterend-team")
    assert minutes(method) == [5, 5, 10, 5, 5, 5]
    assert method.planned_s == 35 * 60
    assert actors(method) == [OWNER, OWNER, GROUP, EACH, EACH, OWNER]
    reflecting = method.steps[4]
    assert reflecting.id == "reflecteren"
    assert reflecting.turns is not None
    assert reflecting.turns.again  # round again until everyone says "ik pas"
    assert not reflecting.turns.case_owner_too
    assert "ik pas" in reflecting.instruction
    assert len(method.steps[2].questions) == 5  # the clarifying questions


def test_creatieve_brein() -> None:
    method = resolve("creatieve-brein")
    assert minutes(method) == [5, 10, 10, 20, 15, 15]
    assert method.planned_s == 75 * 60
    assert actors(method) == [OWNER, EACH, EACH, EACH, EACH, OWNER]
    assert turn_steps(method) == ["vragen", "presenteren"]
    assert method.steps[2].turns is not None and method.steps[2].turns.again


# The toolkit and the seven phases give no times; ours are documented in the files.
def test_basismodel_has_the_seven_steps_of_the_toolkit() -> None:
    method = resolve("basismodel")
    assert len(method.steps) == 7
    assert minutes(method) == [10, 5, 10, 10, 5, 5, 10]
    assert actors(method) == [ALL, OWNER, GROUP, EACH, OWNER, ALL, ALL]
    assert turn_steps(method) == ["casussen", "adviezen", "uitwisselen"]
    golden = method.steps[2].questions + method.steps[5].questions
    assert len(golden) >= 3 + 6  # the toolkit's example questions and its six golden ones


def test_zeven_fasen() -> None:
    method = resolve("zeven-fasen")
    assert [s.id for s in method.steps] == [
        "voorbereiding", "verheldering", "achtergrond", "herwaardering", "nieuwe-aanpak",
        "reflectie", "verslaglegging",
    ]  # fmt: skip
    assert method.planned_s == 60 * 60


def test_eerste_bijeenkomst_is_an_agenda() -> None:
    method = resolve("eerste-bijeenkomst")
    assert method.kind == "agenda"
    assert method.planned_s == 90 * 60
    ids = [s.id for s in method.steps]
    for topic in ("kennismaken", "doelen", "structuur", "logistiek", "planning", "aanwezigheid"):
        assert topic in ids


def test_opening_frames_every_meeting() -> None:
    method = find_frame("opening")
    assert method is not None
    assert [s.id for s in method.steps] == ["terugblik", "inventarisatie", "keuze"]
    inventory = method.steps[1]
    # Everyone names a case, the later case owner too, in a short fixed time each.
    assert inventory.turns == TurnRound(per_turn_s=60, case_owner_too=True)
    assert inventory.actor is ALL
    criteria = " ".join(method.steps[2].questions).lower()
    for criterion in ("impact", "herkenbaarheid", "urgentie", "beurtverdeling"):
        assert criterion in criteria


def test_afsluiting_frames_every_meeting() -> None:
    method = find_frame("closing")
    assert method is not None
    # One step: the evaluation (learned, action points, the method, the group process).
    assert [s.id for s in method.steps] == ["evaluatie"]
    assert method.steps[0].phase is Phase.EVALUATION
    assert method.planned_s == 15 * 60


def test_the_readme_example_is_a_valid_method() -> None:
    readme = (Path(__file__).resolve().parents[2] / "methods" / "README.md").read_text()
    example = readme.split("```yaml\n", 1)[1].split("```", 1)[0]
    method = load_method_text(example, "README.md")
    assert [s.id for s in method.steps] == ["verkenning", "advies"]
    assert method.steps[1].turns == TurnRound(per_turn_s=90, again=True)
    assert method.total_s is None or method.total_s == method.planned_s
