"""Reading method files: what a valid file becomes, and what each mistake says."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from facilitator.errors import MethodError
from facilitator.lang import get_pack, set_language
from facilitator.method.definition import Actor, RepeatBlock, TurnRound, Where
from facilitator.method.loader import load_method, load_method_text, parse_method_duration, slugify

FILE = "methods/roddel.yaml"

# A small valid method; line numbers in the tests below refer to this text.
VALID = """\
titel: Roddel
doel: Als de inbrenger zijn vraag scherper wil krijgen.
duur: 21 min 30 s
stappen:
  - id: vraag
    titel: De vraag
    duur: 5 min
    wie: inbrenger
    instructie: >
      De inbrenger stelt
      de vraag.
  - id: roddelen
    titel: Roddelen
    duur: 15 min
    instructie: De groep roddelt.
  - id: ronde
    titel: Ronde
    duur: "1:30"
    instructie: Ieder zegt iets.
    beurten: ja
"""


@pytest.fixture(autouse=True)
def _dutch() -> Iterator[None]:
    before = get_pack().code
    set_language("nl")
    yield
    set_language(before)


def error_for(text: str, filename: str = FILE) -> str:
    with pytest.raises(MethodError) as caught:
        load_method_text(text, filename)
    return str(caught.value)


def line_of(message: str) -> int:
    match = re.match(r"^[^:]+:(\d+): ", message)
    assert match, message
    return int(match.group(1))


# -- valid files ---------------------------------------------------------------------
def test_valid_method_becomes_a_method() -> None:
    method = load_method_text(VALID, FILE)
    assert method.name == "roddel"
    assert method.title == "Roddel"
    assert method.purpose == "Als de inbrenger zijn vraag scherper wil krijgen."
    assert method.kind == "method"
    assert method.total_s == 21.5 * 60
    assert method.planned_s == 21.5 * 60
    assert method.source == FILE
    assert method.min_participants == 3
    assert method.repeat is None
    assert [s.id for s in method.steps] == ["vraag", "roddelen", "ronde"]
    assert [s.duration_s for s in method.steps] == [300, 900, 90]
    first, second, third = method.steps
    assert first.instruction == "De inbrenger stelt de vraag."  # folded, whitespace tidied
    assert first.actor is Actor.CASE_OWNER
    assert second.actor is Actor.GROUP  # the default
    assert third.turns == TurnRound()
    assert third.actor is Actor.EACH  # a turn round without 'wie' is 'ieder'
    assert [s.where for s in method.steps] == [Where(FILE, 5), Where(FILE, 12), Where(FILE, 16)]
    assert second.warnings_s is None and second.questions == () and second.on_time_up is None


def test_every_key_is_read() -> None:
    text = """\
titel: Alles
doel: Om alles te proberen.
soort: afsluiting
rollen: [voorzitter, inbrenger]
min_deelnemers: 5
bij_tijd_om: wachten
stappen:
  - id: a
    titel: A
    duur: 10 min
    wie: iedereen
    instructie: Iedereen om de beurt.
    beurten:
      per_beurt: 1 min
      rondgaan: ja
    voorbeeldvragen:
      - Wat is er gebeurd?
      - Wat wil je bereiken?
    waarschuwingen: [1 min, 5 min]
    bij_tijd_om: door
  - id: b
    titel: B
    duur: 2 min
    instructie: Nog een stap.
    waarschuwingen: []
herhaal:
  van: a
  tot: b
  keer: 3
  label: volgende ronde
"""
    method = load_method_text(text, "x.yaml")
    assert method.kind == "closing"
    assert method.roles == ("voorzitter", "inbrenger")
    assert method.min_participants == 5
    assert method.on_time_up == "wait"
    assert method.total_s is None and method.planned_s == 720
    a, b = method.steps
    assert a.turns == TurnRound(per_turn_s=60, again=True, case_owner_too=True)
    assert a.actor is Actor.ALL
    assert a.questions == ("Wat is er gebeurd?", "Wat wil je bereiken?")
    assert a.warnings_s == (300, 60)  # latest first
    assert a.on_time_up == "advance"
    assert b.warnings_s == ()  # an empty list: no warnings at all
    assert method.repeat == RepeatBlock("a", "b", 3, "volgende ronde")


@pytest.mark.parametrize(
    ("written", "seconds"),
    [("5 min", 300), ("90 s", 90), ("1:30", 90), ("1,5 min", 90), ("1 min 30 s", 90),
     ("2 minuten", 120), ("1 uur", 3600), ("1 uur 15 min", 4500), ("5min30s", 330)],
)  # fmt: skip
def test_durations_as_people_write_them(written: str, seconds: float) -> None:
    assert parse_method_duration(written) == seconds


@pytest.mark.parametrize("written", ["5", "vijf min", "1 min en 30 s", "min 5", "", "1 min 1"])
def test_not_durations(written: str) -> None:
    assert parse_method_duration(written) is None


def test_yaml_surprises_stay_text() -> None:
    # YAML 1.1 would make these a boolean, a number of seconds and an octal number.
    text = VALID.replace("titel: Roddel", "titel: yes").replace(
        "instructie: De groep roddelt.", "instructie: 012"
    )
    method = load_method_text(text.replace('duur: "1:30"', "duur: 1:30"), FILE)
    assert method.title == "yes"
    assert method.steps[1].instruction == "012"
    assert method.steps[2].duration_s == 90


@pytest.mark.parametrize(
    ("extra", "turns", "actor"),
    [
        ("    beurten: ja\n", TurnRound(), Actor.EACH),
        ("    beurten: nee\n", None, Actor.GROUP),
        ("    wie: iedereen\n    beurten: ja\n", TurnRound(case_owner_too=True), Actor.ALL),
        ("    beurten: {inbrenger_ook: ja}\n", TurnRound(case_owner_too=True), Actor.ALL),
        ("    wie: ieder\n    beurten: {inbrenger_ook: nee}\n", TurnRound(), Actor.EACH),
        ("    beurten: {per_beurt: 45 s}\n", TurnRound(per_turn_s=45), Actor.EACH),
    ],
)
def test_turn_rounds_and_who_speaks(extra: str, turns: TurnRound | None, actor: Actor) -> None:
    text = "titel: T\ndoel: D\nstappen:\n  - id: a\n    titel: A\n    duur: 5 min\n"
    method = load_method_text(text + "    instructie: I\n" + extra, FILE)
    assert method.steps[0].turns == turns
    assert method.steps[0].actor is actor


def test_single_texts_count_as_one_item_lists() -> None:
    text = VALID + "    voorbeeldvragen: Wat nu?\n    waarschuwingen: 30 s\n"
    step = load_method_text(text, FILE).steps[2]
    assert step.questions == ("Wat nu?",)
    assert step.warnings_s == (30,)


def test_load_method_reads_a_file(tmp_path: Path) -> None:
    path = tmp_path / "mijn-methode.yaml"
    path.write_text("\ufeff" + VALID, encoding="utf-8")  # a BOM, as some editors write
    method = load_method(path)
    assert method.name == "mijn-methode"
    assert method.source == str(path)
    assert method.steps[0].where == Where(str(path), 5)


# -- mistakes: one MethodError each, at the right line, saying what to do --------------
def test_the_brief_example_reads_exactly_like_this() -> None:
    text = VALID.replace("    duur: 15 min\n", "")
    assert error_for(text) == (
        "methods/roddel.yaml:12: stap 'roddelen': duur ontbreekt (bijv. \"15 min\")"
    )


STEP = "  - id: a\n    titel: A\n    duur: 5 min\n    instructie: I\n"
HEAD = "titel: T\ndoel: D\nstappen:\n"


@pytest.mark.parametrize(
    ("text", "line", "fragments"),
    [
        # missing fields
        ("doel: D\nstappen:\n" + STEP, 1, ["titel ontbreekt", '"Verkenning"']),
        ("titel: T\nstappen:\n" + STEP, 1, ["doel ontbreekt"]),
        ("titel: T\ndoel: D\n", 1, ["stappen ontbreekt", "- id:"]),
        (HEAD + "  - titel: A\n    duur: 5 min\n    instructie: I\n", 4, ["stap 1: id ontbreekt"]),
        (HEAD + STEP.replace("    instructie: I\n", ""), 4, ["stap 'a': instructie ontbreekt"]),
        (HEAD + STEP.replace("titel: A", "titel: ''"), 5, ["stap 'a': titel ontbreekt"]),
        # wrong types
        ("titel: [a, b]\ndoel: D\nstappen:\n" + STEP, 1, ["titel moet een tekst zijn", "lijst"]),
        (HEAD + STEP.replace("duur: 5 min", "duur: {a: 1}"), 6, ["duur moet een tijdsduur"]),
        ("titel: T\ndoel: D\nstappen: veel\n", 3, ["stappen moet een lijst"]),
        (HEAD + "  - hallo\n", 4, ["stap 1 moet een blok zijn", "een tekst"]),
        (HEAD + "  -\n", 4, ["stap 1 moet een blok zijn", "lege waarde"]),
        (
            HEAD + STEP + "    voorbeeldvragen:\n      - Wat?\n      -\n",
            10,
            ["voorbeeldvragen moet een lijst van teksten zijn"],
        ),
        (HEAD + STEP + "    beurten: [1, 2]\n", 8, ["beurten moet ja, of een blok"]),
        (HEAD + STEP + "herhaal: a\n", 8, ["herhaal moet een blok met sleutels zijn"]),
        ("- titel: T\n", 1, ["een methode is een blok met sleutels", "een lijst"]),
        ("hallo\n", 1, ["een methode is een blok", "een tekst"]),
        # unknown keys, with the closest known key
        (
            HEAD + STEP + "    instuctie: x\n",
            8,
            ["onbekende sleutel instuctie", "bedoel je instructie?"],
        ),
        (
            "title: T\ndoel: D\nstappen:\n" + STEP,
            1,
            ["onbekende sleutel title", "bedoel je titel?"],
        ),
        ("steps: []\n", 1, ["bedoel je stappen?"]),
        ("Titel: T\n", 1, ["bedoel je titel?"]),
        ("foo: 1\n", 1, ["hier kan staan: titel, doel, soort"]),
        (
            HEAD + STEP + "    beurten:\n      per_turn: 30 s\n",
            9,
            ["stap 'a': beurten: onbekende sleutel per_turn", "per_beurt"],
        ),
        # durations
        (HEAD + STEP.replace("5 min", "5"), 6, ["bij '5' ontbreekt de eenheid", '"5 min"']),
        (
            HEAD + STEP.replace("5 min", "vijf minuten"),
            6,
            ["'vijf minuten' is geen tijdsduur", '"90 s"'],
        ),
        (HEAD + STEP.replace("5 min", "0 s"), 6, ["langer dan nul seconden"]),
        (HEAD + STEP.replace("5 min", "9" * 500 + " min"), 6, ["is langer dan 480 min", "…"]),
        (HEAD + STEP.replace("5 min", "10 uur"), 6, ["is langer dan 480 min"]),
        (
            HEAD + STEP + "    waarschuwingen: [1 min, 5 min]\n",
            8,
            ["5 min valt niet binnen de stap"],
        ),
        (HEAD + STEP + "    waarschuwingen:\n      - snel\n", 9, ["'snel' is geen tijdsduur"]),
        (
            HEAD + STEP + "    beurten: {per_beurt: 6 min}\n",
            8,
            ["per_beurt (6 min) is langer dan de hele stap"],
        ),
        # steps
        ("titel: T\ndoel: D\nstappen: []\n", 3, ["stappen is leeg", "minstens één stap"]),
        ("titel: T\ndoel: D\nstappen:\n", 3, ["stappen ontbreekt"]),
        (
            HEAD + STEP + STEP.replace("titel: A", "titel: B"),
            8,
            ["er is al een stap met id 'a' (regel 4)"],
        ),
        (
            HEAD + STEP.replace("id: a", "id: Eerste Ronde"),
            4,
            ["id 'Eerste Ronde' mag alleen kleine letters", "bijv. eerste-ronde"],
        ),
        # choices and numbers
        (
            "soort: afsl\n" + HEAD + STEP,
            1,
            ["soort: 'afsl' kan niet", "methode, opening, afsluiting, agenda"],
        ),
        (HEAD + STEP + "    wie: allemaal\n", 8, ["wie: 'allemaal' kan niet", "ieder, iedereen"]),
        (HEAD + STEP + "    bij_tijd_om: stoppen\n", 8, ["kies uit door, wachten"]),
        (HEAD + STEP + "    beurten: misschien\n", 8, ["beurten: 'misschien' kan niet", "ja, nee"]),
        ("min_deelnemers: drie\n" + HEAD + STEP, 1, ["'drie' is geen heel getal"]),
        ("min_deelnemers: 0\n" + HEAD + STEP, 1, ["tussen 1 en 50"]),
        ("min_deelnemers: " + "9" * 5000 + "\n" + HEAD + STEP, 1, ["tussen 1 en 50"]),
        # turn rounds and who
        (
            HEAD + STEP + "    wie: inbrenger\n    beurten: ja\n",
            8,
            ["beurten horen bij wie: ieder of wie: iedereen, niet bij wie: inbrenger"],
        ),
        (
            HEAD + STEP + "    wie: ieder\n    beurten: {inbrenger_ook: ja}\n",
            9,
            ["inbrenger_ook: ja past niet bij wie: ieder"],
        ),
        # the repeat block
        (
            HEAD + STEP + "herhaal: {van: a, tot: b}\n",
            8,
            ["herhaal: tot: er is geen stap met id 'b'", "de stappen heten a"],
        ),
        (
            HEAD
            + STEP
            + STEP.replace("id: a", "id: presentatie")
            + "herhaal:\n  van: presentaties\n  tot: a\n",
            13,
            ["geen stap met id 'presentaties'", "bedoel je presentatie?"],
        ),
        (
            HEAD + STEP + STEP.replace("id: a", "id: b") + "herhaal: {van: b, tot: a}\n",
            12,
            ["stap 'b' (van) komt na stap 'a' (tot)"],
        ),
        (HEAD + STEP + "herhaal: {tot: a}\n", 8, ["herhaal: van ontbreekt"]),
        (HEAD + STEP + "herhaal: {van: a, tot: a, keer: 100}\n", 8, ["keer moet tussen 1 en 20"]),
        # the declared total
        ("duur: 20 min\n" + HEAD + STEP, 1, ["duur is 20 min, maar de stappen duren samen 5 min"]),
        # YAML syntax
        ("titel: T\n\tdoel: D\n", 2, ["spring in met spaties, niet met tabs"]),
        ("titel: T\ndoel: Let op: dit\n", 2, ["dubbele punt in een tekst", "aanhalingstekens"]),
        ('titel: "T\ndoel: D\n', 3, ["aanhalingsteken wordt niet afgesloten"]),
        ("titel: T\n  doel: D\n", 2, ["de opmaak van het bestand klopt niet"]),
        ("titel: T\n---\ntitel: U\n", 2, ["meerdere documenten"]),
        ("titel: !mijn T\n", 1, ["labels die met ! beginnen"]),
        ("titel: *nergens\n", 1, ["anker"]),
        ("titel: " + "[" * 300 + "\n", 1, ["te diep"]),
        ("titel: T\ntitel: U\n", 2, ["titel staat twee keer in hetzelfde blok (ook op regel 1)"]),
        ("? [a]\n: b\n", 1, ["zonder geldige sleutel"]),
        ("titel: T\ndoel: D\x07\n", 2, ["stuurteken (U+0007)"]),
        # empty
        ("", 1, ["het bestand is leeg"]),
        ("# alleen commentaar\n\n", 1, ["het bestand is leeg"]),
    ],
)
def test_each_mistake_gives_one_clear_error(text: str, line: int, fragments: list[str]) -> None:
    message = error_for(text)
    assert message.startswith(f"{FILE}:{line}: "), message
    for fragment in fragments:
        assert fragment in message, message


def test_messages_come_in_english_too() -> None:
    set_language("en")
    text = VALID.replace("    duur: 15 min\n", "")
    assert (
        error_for(text)
        == "methods/roddel.yaml:12: step 'roddelen': duur is missing (e.g. \"15 min\")"
    )
    assert "did you mean instructie?" in error_for(HEAD + STEP + "    instuctie: x\n")


# -- several mistakes: all at once, in file order ---------------------------------------
def problems_for(text: str) -> list[tuple[Where | None, str]]:
    with pytest.raises(MethodError) as caught:
        load_method_text(text, FILE)
    assert str(caught.value).startswith(caught.value.problems[0][1])
    return caught.value.problems


def with_mistakes(*mistakes: tuple[str, str]) -> str:
    text = VALID
    for right, wrong in mistakes:
        assert right in text
        text = text.replace(right, wrong)
    return text


# Independent mistakes in VALID: in each step, and in the top-level fields.
WRONG_WHO = ("    wie: inbrenger\n", "    wie: baas\n")  # line 8, step 'vraag'
NO_UNIT = ("    duur: 15 min\n", "    duur: 15\n")  # line 14, step 'roddelen'
TYPO = ("    instructie: Ieder", "    instuctie: Ieder")  # line 19, step 'ronde'
TITLE_LIST = ("titel: Roddel\n", "titel: [Roddel]\n")  # line 1
KIND = ("duur: 21 min 30 s\n", "duur: 21 min 30 s\nsoort: vergadering\n")  # line 4


def test_mistakes_in_three_steps_are_listed_together_in_file_order() -> None:
    text = with_mistakes(TYPO, NO_UNIT, WRONG_WHO)
    message = error_for(text)
    lines = message.splitlines()
    assert [line_of(line) for line in lines] == [8, 14, 19]
    # Each line is exactly what that mistake alone gives.
    alone = [error_for(with_mistakes(mistake)) for mistake in (WRONG_WHO, NO_UNIT, TYPO)]
    assert lines == alone
    assert lines[0].startswith(f"{FILE}:8: stap 'vraag': wie: 'baas' kan niet")
    assert lines[1].startswith(f"{FILE}:14: stap 'roddelen': duur: bij '15' ontbreekt")
    assert lines[2].startswith(f"{FILE}:19: stap 'ronde': onbekende sleutel instuctie")


def test_the_problems_are_kept_with_their_places() -> None:
    problems = problems_for(with_mistakes(NO_UNIT, WRONG_WHO))
    assert [where for where, _ in problems] == [Where(FILE, 8), Where(FILE, 14)]
    assert all(message.startswith(f"{where}: ") for where, message in problems)
    assert error_for(with_mistakes(NO_UNIT, WRONG_WHO)) == "\n".join(m for _, m in problems)


def test_one_mistake_is_one_problem() -> None:
    assert problems_for(with_mistakes(NO_UNIT)) == [
        (Where(FILE, 14), error_for(with_mistakes(NO_UNIT)))
    ]


def test_mistakes_at_the_top_and_in_a_step_come_together() -> None:
    text = with_mistakes(TITLE_LIST, KIND, WRONG_WHO, NO_UNIT)
    lines = error_for(text).splitlines()
    assert [line_of(line) for line in lines] == [1, 4, 9, 15]
    assert "titel moet een tekst zijn" in lines[0]
    assert "soort: 'vergadering' kan niet" in lines[1]
    assert "stap 'vraag': wie: 'baas'" in lines[2]
    assert "stap 'roddelen': duur: bij '15'" in lines[3]


def test_missing_fields_and_unknown_keys_are_all_named() -> None:
    lines = error_for("titel: T\ndoel: D\nstappen:\n  - titel: A\n    wat: x\n").splitlines()
    assert [line_of(line) for line in lines] == [4, 4, 4, 5]
    assert [line.split(": ", 1)[1] for line in lines[:3]] == [
        "stap 1: id ontbreekt (bijv. verkenning)",
        'stap 1: duur ontbreekt (bijv. "15 min")',
        'stap 1: instructie ontbreekt (bijv. "Stel open vragen. Nog geen adviezen.")',
    ]
    assert "stap 1: onbekende sleutel wat" in lines[3]


def test_a_misspelled_key_is_not_also_missing() -> None:
    # 'title' is the mistake; that 'titel' is then missing is the same mistake.
    lines = error_for("title: T\nstappen:\n" + STEP).splitlines()
    assert len(lines) == 2
    assert "onbekende sleutel title; bedoel je titel?" in lines[0]
    assert "doel ontbreekt" in lines[1]
    step = STEP.replace("    instructie: I\n", "    instruction: I\n")
    assert len(problems_for(HEAD + step)) == 1


def test_several_mistakes_in_one_field_show_the_first() -> None:
    # The fields of a step are checked one by one; within one field, the first problem.
    text = HEAD + STEP + "    waarschuwingen: [snel, 10 min]\n"
    assert len(problems_for(text)) == 1
    assert "'snel' is geen tijdsduur" in error_for(text)


def many_steps(count: int) -> str:
    step = "  - id: s{n}\n    titel: S\n    duur: 5 min\n"  # each lacks instructie
    return HEAD + "".join(step.format(n=n) for n in range(1, count + 1))


def test_a_long_list_of_problems_is_cut_off_with_a_count() -> None:
    lines = error_for(many_steps(13)).splitlines()
    assert len(lines) == 11
    assert [line_of(line) for line in lines[:10]] == [4 + 3 * n for n in range(10)]
    assert all("instructie ontbreekt" in line for line in lines[:10])
    assert lines[10] == "… en nog 3 problemen; verbeter eerst deze en controleer opnieuw"
    assert len(problems_for(many_steps(13))) == 13  # the error keeps them all
    assert error_for(many_steps(11)).splitlines()[-1].startswith("… en nog één probleem;")
    assert len(error_for(many_steps(10)).splitlines()) == 10
    set_language("en")
    assert error_for(many_steps(12)).splitlines()[-1] == (
        "… and 2 more problems; fix these first and check again"
    )


@pytest.mark.parametrize(
    "text",
    [
        # the step named in herhaal has an id that is not valid
        HEAD + STEP + STEP.replace("id: a", "id: Tweede Ronde")
        + "herhaal: {van: a, tot: tweede-ronde}\n",
        # a step that is not a block, so its id is unknown
        HEAD + STEP + "  - b\n" + "herhaal: {van: a, tot: b}\n",
        # two steps share an id: which one was meant to be called b?
        HEAD + STEP + STEP + "herhaal: {van: a, tot: b}\n",
        # the id key itself is misspelled
        HEAD + STEP + STEP.replace("id: a", "Id: b") + "herhaal: {van: b, tot: a}\n",
    ],
)  # fmt: skip
def test_a_broken_step_does_not_make_herhaal_wrong_too(text: str) -> None:
    problems = problems_for(text)
    assert len(problems) == 1, problems
    assert "herhaal" not in problems[0][1]


def test_herhaal_is_checked_when_the_step_ids_are_sound() -> None:
    # Step 'b' has a mistake of its own, but every id is known: herhaal can be checked.
    text = (
        HEAD + STEP + STEP.replace("id: a", "id: b").replace("5 min", "vijf")
        + "herhaal: {van: a, tot: c, keer: 100}\n"
    )  # fmt: skip
    lines = error_for(text).splitlines()
    assert [line_of(line) for line in lines] == [10, 12, 12]
    assert "stap 'b': duur: 'vijf' is geen tijdsduur" in lines[0]
    assert "herhaal: tot: er is geen stap met id 'c'" in lines[1]
    assert "keer moet tussen 1 en 20" in lines[2]


def test_herhaal_keeps_its_own_problems_when_the_steps_are_broken() -> None:
    text = HEAD + "  - b\n" + "herhaal: {van: a, keer: nul}\n"
    lines = error_for(text).splitlines()
    assert [line_of(line) for line in lines] == [4, 5, 5]
    assert "stap 1 moet een blok zijn" in lines[0]
    assert "herhaal: tot ontbreekt" in lines[1]
    assert "'nul' is geen heel getal" in lines[2]


def test_a_broken_step_does_not_make_the_total_wrong_too() -> None:
    # Without step 'roddelen' the steps would add up to 6 min 30 s, not 21 min 30 s.
    for mistake in (NO_UNIT, ("    duur: 15 min\n", ""), ("  - id: roddelen", "  - id: Roddelen")):
        problems = problems_for(with_mistakes(mistake))
        assert len(problems) == 1, problems
        assert "duur is 21 min 30 s" not in problems[0][1]
    # With every step sound, the total is checked next to other problems.
    lines = error_for(with_mistakes(TITLE_LIST, ("21 min 30 s", "20 min"))).splitlines()
    assert [line_of(line) for line in lines] == [1, 3]
    assert "duur is 20 min, maar de stappen duren samen 21 min 30 s" in lines[1]


def test_turn_checks_that_need_the_step_length_or_who_wait_for_them() -> None:
    # per_beurt cannot be compared with a duration that is wrong itself, and
    # inbrenger_ook not with a 'wie' that is wrong itself.
    text = HEAD + STEP.replace("5 min", "5") + "    beurten: {per_beurt: 6 min}\n"
    assert len(problems_for(text)) == 1
    text = HEAD + STEP + "    wie: elk\n    beurten: {inbrenger_ook: ja}\n"
    assert len(problems_for(text)) == 1
    # A turn round with 'wie: inbrenger' is one mistake, however it is written.
    text = HEAD + STEP + "    wie: inbrenger\n    beurten: {inbrenger_ook: ja}\n"
    assert len(problems_for(text)) == 1


def test_a_yaml_mistake_is_still_one_error() -> None:
    text = with_mistakes(NO_UNIT, WRONG_WHO, ("doel: Als", "doel: Let op: als"))
    problems = problems_for(text)
    assert problems == [(Where(FILE, 2), error_for(text))]
    assert "dubbele punt in een tekst" in problems[0][1]


def test_a_method_error_with_only_a_message_is_one_problem() -> None:
    error = MethodError("weg.yaml: dit bestand bestaat niet")
    assert str(error) == "weg.yaml: dit bestand bestaat niet"
    assert error.problems == [(None, "weg.yaml: dit bestand bestaat niet")]
    at = MethodError("x.yaml:3: iets", Where("x.yaml", 3))
    assert at.problems == [(Where("x.yaml", 3), "x.yaml:3: iets")]


def test_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "weg.yaml"
    with pytest.raises(MethodError, match=r"weg\.yaml: dit bestand bestaat niet"):
        load_method(path)


def test_a_folder_is_not_a_method(tmp_path: Path) -> None:
    with pytest.raises(MethodError, match="dit is een map"):
        load_method(tmp_path)


def test_not_utf8_points_at_the_line(tmp_path: Path) -> None:
    path = tmp_path / "latin.yaml"
    path.write_bytes("titel: T\ndoel: één\n".encode("latin-1"))
    with pytest.raises(MethodError, match=r"latin\.yaml:2: het bestand is geen UTF-8-tekst"):
        load_method(path)


def test_unreadable_file(tmp_path: Path) -> None:
    path = tmp_path / "geheim.yaml"
    path.write_text(VALID, encoding="utf-8")
    path.chmod(0)
    try:
        if path.stat().st_mode & 0o777 == 0 and _can_read(path):
            pytest.skip("running as root: permissions do not stop reading")
        with pytest.raises(MethodError, match="kan niet worden gelezen"):
            load_method(path)
    finally:
        path.chmod(0o644)


def _can_read(path: Path) -> bool:
    try:
        path.read_bytes()
    except OSError:
        return False
    return True


def test_slugify_makes_valid_ids() -> None:
    assert slugify("Eerste Ronde") == "eerste-ronde"
    assert slugify("Één vraag!") == "een-vraag"
    assert slugify("???") == "stap"
