"""A meeting is composed, not stacked: opening + method + closing, each frame part once.

The table test runs over every shipped method and agenda, with and without the opening
and the closing.
"""

from __future__ import annotations

import re
from collections import Counter

import pytest
from enginetools import phrasings

from facilitator.meeting.plan import Participants, build_plan, compose
from facilitator.method.definition import Phase
from facilitator.method.library import find_frame, resolve, shipped_paths
from facilitator.method.loader import load_method, load_method_text

METHODS = [p.stem for p in shipped_paths()]
FRAMED = [name for name in METHODS if load_method(shipped_paths()[METHODS.index(name)]).kind
          in ("method", "agenda")]  # fmt: skip


@pytest.mark.parametrize("closing", [False, True], ids=["", "closing"])
@pytest.mark.parametrize("opening", [False, True], ids=["", "opening"])
@pytest.mark.parametrize("name", METHODS)
def test_each_part_once_no_title_twice_and_the_methods_own_times(
    name: str, opening: bool, closing: bool
) -> None:
    method = resolve(name)
    plan = build_plan(
        method,
        Participants(),
        opening=find_frame("opening") if opening else None,
        closing=find_frame("closing") if closing else None,
    )
    phases = Counter(p.phase for p in plan.steps if p.phase is not None)
    assert all(n == 1 for n in phases.values()), phases
    titles = Counter(p.title for p in plan.steps)
    assert all(n == 1 for n in titles.values()), titles
    # The method's own steps keep exactly the times of its file (the documents' times).
    own = [p.step for p in plan.steps if p.part == "method"]
    assert own == list(method.steps)
    # Frame parts come in the documents' order around the method's work.
    order = [p.phase for p in plan.steps if p.phase is not None]
    assert order == sorted(order, key=list(Phase).index)


@pytest.mark.parametrize("name", FRAMED)
def test_the_full_frame_is_there_unless_the_method_goes_without(name: str) -> None:
    method = resolve(name)
    plan = build_plan(
        method, Participants(), opening=find_frame("opening"), closing=find_frame("closing")
    )
    present = {p.phase for p in plan.steps if p.phase is not None}
    assert present == set(Phase) - method.omits


def test_a_method_with_its_own_case_choice_replaces_the_openings() -> None:
    plan = build_plan(resolve("modelling"), Participants(), opening=find_frame("opening"))
    choice = plan.phase_step(Phase.CASE_CHOICE)
    assert choice is not None and choice.part == "method" and choice.id == "keuze"
    assert [p.id for p in plan.steps[:3]] == ["terugblik", "inventarisatie", "keuze"]


def test_a_first_meeting_has_no_look_back_and_no_case() -> None:
    plan = build_plan(
        resolve("eerste-bijeenkomst"),
        Participants(),
        opening=find_frame("opening"),
        closing=find_frame("closing"),
    )
    assert {p.part for p in plan.steps} == {"method"}
    assert plan.phase_step(Phase.LOOK_BACK) is None
    assert plan.opened  # the welcome still reminds the group that it stays in the room


def test_a_frame_file_is_not_framed_by_itself() -> None:
    opening = find_frame("opening")
    closing = find_frame("closing")
    assert opening is not None and closing is not None
    assert compose(opening, opening, closing) == ([], list(closing.steps))
    plan = build_plan(opening, Participants(), opening=opening)
    assert [p.id for p in plan.steps] == ["terugblik", "inventarisatie", "keuze"]


def test_the_per_topic_feedback_is_method_work_and_the_closing_still_evaluates() -> None:
    plan = build_plan(
        resolve("alleen-maar-advies"), Participants(), closing=find_frame("closing"), repeat_times=3
    )
    assert [p.phase for p in plan.steps if p.step.id == "evaluatie" and p.part == "method"] == [
        None
    ] * 3
    evaluation = plan.phase_step(Phase.EVALUATION)
    assert evaluation is not None and evaluation.part == "closing"


def test_step_numbers_count_the_methods_own_steps() -> None:
    plan = build_plan(
        resolve("vijf-stappen"),
        Participants(),
        opening=find_frame("opening"),
        closing=find_frame("closing"),
    )
    numbered = [(p.number, p.count) for p in plan.steps]
    assert numbered == [(None, None)] * 3 + [(n, 5) for n in range(1, 6)]


def test_topics_each_choose_their_inbrenger() -> None:
    plan = build_plan(resolve("alleen-maar-advies"), Participants(), repeat_times=3)
    choosing = [(p.id, p.topic) for p in plan.steps if p.chooses_case_owner]
    assert choosing == [("presentatie", 0), ("presentatie-2", 1), ("presentatie-3", 2)]
    labels = [p.id for p in plan.steps if p.label]
    assert labels == ["presentatie-2", "presentatie-3"]
    assert plan.steps[0].topic is None  # before the choice, there is no inbrenger


def test_a_phase_twice_in_one_file_is_an_error_with_its_line() -> None:
    text = """titel: T
doel: D
stappen:
  - {id: a, titel: A, duur: 1 min, instructie: Kies een casus., fase: keuze}
  - {id: b, titel: B, duur: 1 min, instructie: Kies er nog een., fase: keuze}
"""
    with pytest.raises(Exception, match=r"t.yaml:5: .*keuze.*'a'"):
        load_method_text(text, "t.yaml")


def test_a_phase_inside_the_repeat_block_is_an_error() -> None:
    text = """titel: T
doel: D
stappen:
  - {id: a, titel: A, duur: 1 min, instructie: Vertel iets., fase: evaluatie}
herhaal: {van: a, tot: a}
"""
    with pytest.raises(Exception, match=r"t.yaml:4: .*herhaal"):
        load_method_text(text, "t.yaml")


def test_zonder_names_frame_parts_only() -> None:
    text = """titel: T
doel: D
zonder: [terugblik, koffie]
stappen:
  - {id: a, titel: A, duur: 1 min, instructie: Vertel iets.}
"""
    with pytest.raises(Exception, match=r"t.yaml:3: .*koffie.*terugblik, inventarisatie"):
        load_method_text(text, "t.yaml")


def _sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.?!])\s+", text) if s]


@pytest.mark.parametrize("name", METHODS)
def test_what_is_read_out_is_written_for_the_ear(name: str) -> None:
    """At most twenty words a sentence and forty in all, a capital first, and the
    instruction does not open with the step's title; more goes in ``uitleg``."""
    for s in resolve(name).steps:
        for text in (s.instruction, s.explanation, s.after_round):
            if text is None:
                continue
            assert text[0].isupper(), (s.id, text)
            assert len(text.split()) <= 40, (s.id, text)
            for sentence in _sentences(text):
                assert len(sentence.split()) <= 20, (s.id, sentence)
        assert not s.instruction.lower().startswith(s.title.lower().rstrip("?")), s.id


def test_methods_show_json_gives_each_step_of_the_composed_meeting_its_phase() -> None:
    import json

    from click.testing import CliRunner

    from facilitator.cli.app import main

    result = CliRunner().invoke(
        main, ["methods", "show", "modelling", "--opening", "--closing", "--json"]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    steps = [(s["id"], s["part"], s["phase"], s["number"]) for s in data["steps"]]
    assert steps[:4] == [
        ("terugblik", "opening", "look_back", None),
        ("inventarisatie", "opening", "inventory", None),
        ("keuze", "method", "case_choice", 1),
        ("casus", "method", None, 2),
    ]
    assert steps[-1] == ("evaluatie", "method", "evaluation", 7)  # the method's own
    assert "post-its" in data["materials"]
    text = CliRunner().invoke(main, ["methods", "show", "modelling", "--opening"]).output
    assert " -. Terugblik" in text and " 1. Een casus kiezen" in text


def test_the_welcome_names_the_chair_the_room_rule_and_the_materials() -> None:
    from enginetools import Driver

    d = Driver(
        resolve("modelling"),
        opening=find_frame("opening"),
        closing=find_frame("closing"),
        chair="Bram",
    )
    welcome = d.said()[0]
    assert any(chair in welcome for chair in phrasings("session.chair", name="Bram"))
    assert any(rule in welcome for rule in phrasings("session.confidential"))
    assert "post-its" in welcome and "een flap-over" in welcome
    *rest, last = d.plan.materials
    assert f"{rest[-1]} en {last}." in welcome  # a list said as a list: "a, b en c"
    assert "Anna" not in welcome  # the inbrenger is not named before the case is chosen
    alone = Driver(resolve("vijf-stappen"), case_owner=None).said()[0]
    assert not any(rule in alone for rule in phrasings("session.confidential"))  # no opening


def test_a_chair_who_is_not_taking_part_is_a_clear_error() -> None:
    from facilitator.errors import ConfigError
    from facilitator.meeting.session import check_chair, parse_participants

    people = parse_participants("Anna,Bram", None, None)
    assert check_chair("bram", people) == "Bram"
    with pytest.raises(ConfigError, match="Zoë"):
        check_chair("Zoë", people)
