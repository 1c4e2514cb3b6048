"""Whatever a method file contains, loading it gives a Method or one MethodError
that lists each problem at its own place, in file order.

Three kinds of input: any text at all, shipped method files with random damage, and
YAML built from random structures that use the real keys and typical values (so that
the checks deep inside steps, turn rounds and repeat blocks are reached).
"""

from __future__ import annotations

from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from facilitator.errors import MethodError
from facilitator.method.definition import Method
from facilitator.method.library import shipped_paths
from facilitator.method.loader import (
    MAX_SHOWN,
    METHOD_KEYS,
    REPEAT_KEYS,
    STEP_KEYS,
    TURN_KEYS,
    load_method_text,
)

FUZZ = settings(
    max_examples=500,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

SHIPPED = [path.read_text(encoding="utf-8") for path in shipped_paths()]


def load_or_error(text: str) -> Method | None:
    try:
        method = load_method_text(text, "methods/fuzz.yaml")
    except MethodError as error:
        message = str(error)
        assert message.startswith("methods/fuzz.yaml:"), message
        assert "\n" not in message.split(": ", 1)[0]
        check_problems(error)
        return None
    check_invariants(method)
    return method


def check_problems(error: MethodError) -> None:
    """Every problem has its own place in the file; the message lists them in order."""
    problems = error.problems
    assert problems
    lines = []
    for where, message in problems:
        assert where is not None and where.file == "methods/fuzz.yaml"
        assert message.startswith(f"{where}: "), message
        lines.append(where.line)
    assert lines == sorted(lines)
    assert len(set(problems)) == len(problems), problems
    shown = "\n".join(message for _, message in problems[:MAX_SHOWN])
    assert str(error).startswith(shown)
    assert (str(error) == shown) == (len(problems) <= MAX_SHOWN)


def check_invariants(method: Method) -> None:
    assert method.title and method.purpose and method.steps
    ids = [step.id for step in method.steps]
    assert len(set(ids)) == len(ids)
    for step in method.steps:
        assert 0 < step.duration_s <= 8 * 3600
        assert step.instruction
        if step.turns is not None and step.turns.per_turn_s is not None:
            assert 0 < step.turns.per_turn_s <= step.duration_s
        for warning in step.warnings_s or ():
            assert 0 < warning < step.duration_s
    if method.total_s is not None:
        assert abs(method.total_s - method.planned_s) < 0.5
    if method.repeat is not None:
        assert ids.index(method.repeat.first) <= ids.index(method.repeat.last)
        assert 1 <= method.repeat.times <= 20


@FUZZ
@given(st.text(max_size=400))
def test_any_text(text: str) -> None:
    load_or_error(text)


YAMLISH = st.sampled_from(
    [":", " ", "  ", "\t", "-", "- ", "\n", "'", '"', "[", "]", "{", "}", "#", "&a", "*a",
     "!!int", "!x", "---", "...", "? ", "|", ">", ",", "~", "\x00", "\x07", "é", "\ufeff",
     "duur: 0 s", "beurten: ja", "id: a", "5", "nee", "ieder", "van: x"]
)  # fmt: skip


@st.composite
def damaged_method(draw: st.DrawFn) -> str:
    text = draw(st.sampled_from(SHIPPED))
    for _ in range(draw(st.integers(1, 4))):
        lines = text.split("\n")
        where = draw(st.integers(0, max(len(text) - 1, 0)))
        kind = draw(st.sampled_from(["insert", "delete", "drop_line", "copy_line", "cut"]))
        if kind == "insert":
            text = text[:where] + draw(YAMLISH | st.text(max_size=5)) + text[where:]
        elif kind == "delete":
            text = text[:where] + text[where + draw(st.integers(1, 12)) :]
        elif kind == "drop_line" and lines:
            del lines[draw(st.integers(0, len(lines) - 1))]
            text = "\n".join(lines)
        elif kind == "copy_line" and lines:
            index = draw(st.integers(0, len(lines) - 1))
            lines.insert(draw(st.integers(0, len(lines))), lines[index])
            text = "\n".join(lines)
        else:
            text = text[:where]
    return text


@FUZZ
@given(damaged_method())
def test_damaged_shipped_methods(text: str) -> None:
    load_or_error(text)


def pick(*values: str) -> st.SearchStrategy[str]:
    return st.sampled_from(values)


# Mostly sensible values per key, with a few mistakes among them.
DURATION = pick(
    "5 min", "90 s", "1:30", "1 min 30 s", "10 min", "2 min", "0 s", "5", "9999 uur", ""
)
YES_NO = pick("ja", "nee", "ja", "yes", "misschien")
WHO = pick("ieder", "iedereen", "inbrenger", "groep", "voorzitter", "allemaal")
TEXT = pick("Titel", "Wat nu?", "Doe iets.", "Doe iets.", "", "ja")
STEP_ID = pick("a", "b", "c", "d", "Eerste Ronde")
NUMBER = pick("1", "3", "20", "0", "100", "drie")

TURNS = YES_NO | st.fixed_dictionaries(
    {}, optional={"per_beurt": DURATION, "rondgaan": YES_NO, "inbrenger_ook": YES_NO}
)
STEP = st.fixed_dictionaries(
    {"id": STEP_ID, "titel": TEXT, "duur": DURATION, "instructie": TEXT},
    optional={
        "wie": WHO,
        "beurten": TURNS,
        "voorbeeldvragen": st.lists(TEXT | st.none(), max_size=3) | TEXT,
        "waarschuwingen": st.lists(DURATION, max_size=3) | DURATION,
        "bij_tijd_om": pick("door", "wachten", "straks"),
    },
)
METHOD = st.fixed_dictionaries(
    {"titel": TEXT, "doel": TEXT, "stappen": st.lists(STEP, min_size=1, max_size=4)},
    optional={
        "soort": pick("methode", "opening", "afsluiting", "agenda", "iets"),
        "duur": DURATION,
        "rollen": st.lists(TEXT, max_size=3) | TEXT,
        "min_deelnemers": NUMBER,
        "bij_tijd_om": pick("door", "wachten", "straks"),
        "herhaal": st.fixed_dictionaries(
            {"van": STEP_ID, "tot": STEP_ID}, optional={"keer": NUMBER, "label": TEXT}
        ),
    },
)

# Anything at all, with the real keys among the random ones.
KEYS = st.sampled_from(sorted({*METHOD_KEYS, *STEP_KEYS, *REPEAT_KEYS, *TURN_KEYS})) | st.text(
    max_size=8
)
ANYTHING = st.recursive(
    TEXT | DURATION | st.none() | st.integers() | st.booleans() | st.floats(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(KEYS, inner, max_size=6),
    max_leaves=30,
)


@FUZZ
@given(METHOD)
def test_random_methods_from_real_keys_and_values(data: dict[str, Any]) -> None:
    load_or_error(yaml.safe_dump(data, allow_unicode=True))


@FUZZ
@given(ANYTHING)
def test_random_structures(data: Any) -> None:
    load_or_error(yaml.safe_dump(data, allow_unicode=True))


def test_the_fuzzing_reaches_valid_methods() -> None:
    # A sanity check on the generators above: valid files do come through.
    assert all(load_or_error(text) is not None for text in SHIPPED)
    data = {
        "titel": "T",
        "doel": "D",
        "stappen": [{"id": "a", "titel": "A", "duur": "5 min", "instructie": "Doe."}],
    }
    assert load_or_error(yaml.safe_dump(data)) is not None
