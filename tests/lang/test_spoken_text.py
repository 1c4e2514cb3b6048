"""Spoken-text lint: every sentence the facilitator can say, heard once by ear.

No sentence over 20 words, no utterance over 40, no utterance starting lowercase:
over every variant of every spoken key of both packs (with realistic values), over
the combinations said in one go, and over the spoken text of every shipped method.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from facilitator.lang import AVAILABLE, LanguagePack, get_pack
from facilitator.lang.spokenlint import log_problems, problems, sentences, utterances, words
from facilitator.method.definition import Method
from facilitator.method.library import shipped_paths
from facilitator.method.loader import load_method

# Said during a session; ``session.seat`` is a label on screen and in the log, and
# ``session.list_and`` a part of a sentence (the materials in the welcome).
NOT_SPOKEN = {"session.seat", "session.list_and"}


def spoken_keys(pack: LanguagePack) -> list[str]:
    return sorted(k for k in pack.phrases if k.startswith("session.") and k not in NOT_SPOKEN)


def values(pack: LanguagePack) -> dict[str, object]:
    """Realistic values, long ones where it matters: a long title, a long time."""
    title = "Wat heb je geleerd van deze casus" if pack.code == "nl" else "What did you learn"
    return {
        "title": title,
        "name": "Carla",
        "duration": pack.duration(5700),  # an hour and thirty-five minutes
        "remaining": pack.duration(210),
        "over": pack.duration(90),
        "extra": pack.duration(120),
        "number": 12,
        "count": 12,
        "round": 2,
        "n": 3,
        "label": "Volgende onderwerp" if pack.code == "nl" else "Next topic",
        "materials": (
            "vijf flappen met elk een vraag over de ideale professional, post-its, stiften"
            if pack.code == "nl"
            else "five flip-charts with one question each, sticky notes, markers"
        ),
    }


@pytest.mark.parametrize("code", AVAILABLE)
def test_every_variant_of_every_spoken_key(code: str) -> None:
    pack = get_pack(code)
    found = [
        f"{key}: {problem}"
        for key in spoken_keys(pack)
        for variant in pack.variants(key)
        for problem in problems(variant.format(**values(pack)))
    ]
    assert found == []


# Keys said together in one utterance, as the engine joins them.
TOGETHER = (
    ("session.welcome", "session.case_owner"),
    ("session.turn_each", "session.turn_first"),
    ("session.turn_thanks", "session.round_again", "session.turn_warning", "session.turn_next"),
    ("session.time_left", "session.time_left_total"),
    ("session.resumed_after_break", "session.resumed_turn"),
)


@pytest.mark.parametrize("code", AVAILABLE)
@pytest.mark.parametrize("keys", TOGETHER, ids=lambda keys: "+".join(keys))
def test_utterances_said_in_one_go(code: str, keys: tuple[str, ...]) -> None:
    pack = get_pack(code)
    longest = [
        max((v.format(**values(pack)) for v in pack.variants(key)), key=lambda s: len(words(s)))
        for key in keys
    ]
    assert problems(" ".join(longest)) == []


def test_the_lint_catches_what_it_is_for() -> None:
    assert problems("één minuut erbij.")
    assert problems(" ".join(["woord"] * 21) + ".")
    assert problems(". ".join(["Tien woorden in een zin die net kort genoeg is"] * 5) + ".")
    assert not problems("Dank je. Nog één minuut. Eva, jij.")
    assert sentences("Wat speelt er? Vertel. Dank je!") == ["Wat speelt er?", "Vertel.", "Dank je!"]
    records = [
        {"event": "turn_started", "text": "Bram, jij."},
        {"event": "warning", "text": "Nog één minuut."},
        {"event": "turn_ended"},
    ]
    assert log_problems(records, ["Bram"]) == ["warning during a turn at None s"]
    many = [{"event": "said", "text": f"{n}, jouw beurt."} for n in ["Bram", "Eva"] * 4]
    assert log_problems(many, ["Bram", "Eva"]) == ["said 8 times: 'NAAM, jouw beurt.'"]


def method_texts(method: Method) -> list[str]:
    """Every text of a method that is spoken as one utterance."""
    texts: list[str] = []
    for step in method.steps:
        texts.append(step.instruction)
        texts.extend(step.questions)
        texts.extend(r.text for r in step.reminders)
        if step.explanation:
            texts.append(step.explanation)
        if step.invitation:
            texts.append(step.invitation)
    return texts


@pytest.mark.parametrize("path", shipped_paths(), ids=lambda path: path.stem)
def test_every_shipped_methods_spoken_text(path: Path) -> None:
    method = load_method(path)
    found = [problem for text in method_texts(method) for problem in problems(text)]
    assert found == []


def test_a_long_text_is_said_in_parts_of_whole_sentences() -> None:
    sentence = "Dit is een zin van tien woorden voor de test."
    assert len(words(sentence)) == 10
    text = " ".join([sentence] * 9)
    parts = utterances(text)
    assert [len(words(p)) for p in parts] == [40, 40, 10]
    assert " ".join(parts) == text
    assert utterances("Kort.") == ["Kort."]
    long_one = " ".join(["woord"] * 45) + "."
    assert utterances(long_one + " Daarna kort.") == [long_one, "Daarna kort."]
