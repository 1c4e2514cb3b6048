"""Every language pack says the same things: same keys, same placeholders."""

from __future__ import annotations

import string

import pytest

from facilitator.lang import AVAILABLE, LanguagePack, get_pack
from facilitator.lang.variants import VariantChooser

REFERENCE = "nl"


def placeholders(template: str) -> set[str]:
    return {
        field for _, field, _, _ in string.Formatter().parse(template) if field is not None
    }


@pytest.mark.parametrize("code", AVAILABLE)
def test_same_keys_as_reference(code: str) -> None:
    reference = set(get_pack(REFERENCE).phrases)
    keys = set(get_pack(code).phrases)
    assert sorted(reference - keys) == [], f"missing in {code}"
    assert sorted(keys - reference) == [], f"only in {code}"


def key_placeholders(pack: LanguagePack, key: str) -> set[str]:
    return placeholders(pack.variants(key)[0])


@pytest.mark.parametrize("code", AVAILABLE)
def test_same_placeholders_as_reference(code: str) -> None:
    reference = get_pack(REFERENCE)
    pack = get_pack(code)
    different = {
        key: (sorted(key_placeholders(reference, key)), sorted(key_placeholders(pack, key)))
        for key in pack.phrases
        if key in reference.phrases
        and key_placeholders(reference, key) != key_placeholders(pack, key)
    }
    assert different == {}


@pytest.mark.parametrize("code", AVAILABLE)
def test_every_variant_of_a_key_has_the_same_placeholders(code: str) -> None:
    pack = get_pack(code)
    for key in pack.phrases:
        variants = pack.variants(key)
        assert variants, f"{code}: {key} has no phrasing"
        first = placeholders(variants[0])
        for variant in variants[1:]:
            assert placeholders(variant) == first, f"{code}: {key}: {variant!r}"
        assert len(set(variants)) == len(variants), f"{code}: {key} repeats a variant"


@pytest.mark.parametrize("code", AVAILABLE)
def test_templates_are_well_formed(code: str) -> None:
    pack = get_pack(code)
    for key in pack.phrases:
        for text in pack.variants(key):
            assert text.strip(), f"{code}: {key} is empty"
            fields = placeholders(text)  # raises on a broken template such as "{name"
            positional = {
                f for f in fields if f == "" or f.split(".")[0].split("[")[0].isdigit()
            }
            assert not positional, f"{code}: {key} has positional placeholders {positional}"


def test_the_frequent_sentences_have_several_phrasings() -> None:
    pack = get_pack("nl")
    for key in (
        "session.welcome",
        "session.step_start",
        "session.warning",
        "session.time_up",
        "session.turn_next",
        "session.turn_thanks",
        "session.completed",
        "session.paused",
        "session.resumed",
        "session.turn_after_pass",
    ):
        assert len(pack.variants(key)) >= 3, key


def test_a_phrasing_does_not_come_back_before_the_others_were_used() -> None:
    pack = get_pack("nl")
    chooser = VariantChooser(seed=1)
    variants = pack.variants("session.turn_next")
    said = [pack.chosen(chooser, "session.turn_next", name="Bram") for _ in variants]
    assert len(set(said)) == len(variants)
    # The next one is the one used longest ago: the first of the last round.
    assert pack.chosen(chooser, "session.turn_next", name="Bram") == said[0]


def test_the_tie_break_is_seedable_and_varies_with_the_seed() -> None:
    pack = get_pack("nl")

    def run(seed: int) -> list[str]:
        chooser = VariantChooser(seed)
        return [pack.chosen(chooser, "session.warning", remaining="x") for _ in range(12)]

    assert run(3) == run(3)
    assert len({tuple(run(seed)) for seed in range(10)}) > 1


@pytest.mark.parametrize("code", AVAILABLE)
def test_keys_are_prefixed_with_a_section(code: str) -> None:
    for key in get_pack(code).phrases:
        section, dot, rest = key.partition(".")
        assert section and dot and rest, f"{code}: {key!r} has no section prefix"


@pytest.mark.parametrize("code", AVAILABLE)
def test_pack_speaks_numbers_and_durations(code: str) -> None:
    pack = get_pack(code)
    assert pack.number(2) and not any(c.isdigit() for c in pack.number(2))
    assert pack.duration(90) and not any(c.isdigit() for c in pack.duration(90))
